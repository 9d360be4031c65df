//! The onboarding record people read: `generate --record` picks its form by
//! the extension, and the HTML page prints on at most two A4 pages for every
//! path (checked by printing it to PDF in Debian's headless Chromium). Its
//! validity and accessibility are checked with the artifacts
//! (html_validity, accessibility).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ceop_onboard::answers::{Answers, Key};
use ceop_onboard::eligibility::decide;
use ceop_onboard::record::{Readable, render_readable};
use ceop_onboard::render::Renderer;

use crate::common::{guide, paths, school_answers_file, walked_answers};
use crate::term::require;

/// Every path's record (and one for a host that may not host, one for a
/// host told to ask first) as HTML pages in `dir`, a name with markup in it.
pub fn write_record_pages(dir: &Path) -> Vec<PathBuf> {
    let g = guide();
    let mut cases: Vec<(String, Answers)> = paths()
        .into_iter()
        .map(|(p, a)| {
            let mut answers = walked_answers(p, a);
            answers
                .set(Key::OrganisationName, "St Example <Primary> & \"Nursery\"")
                .unwrap();
            (
                format!("record-{p}-{}.html", a.map_or("any", |a| a.as_str())),
                answers,
            )
        })
        .collect();
    for (name, key, value) in [
        ("record-not-appropriate.html", Key::Uk, "no"),
        ("record-refer.html", Key::ContentAppropriate, "not-sure"),
    ] {
        let mut answers = cases[1].1.clone();
        answers.set(key, value).unwrap();
        ceop_onboard::flow::prune(&mut answers);
        cases.push((name.to_string(), answers));
    }
    cases
        .into_iter()
        .map(|(name, answers)| {
            let decision = decide(&g, &answers, None);
            let artifact = Renderer::embedded()
                .artifact(&g, &answers, &decision, None)
                .unwrap();
            let page = render_readable(
                &g,
                &answers,
                &decision,
                artifact.as_ref(),
                "2026-12-01T09:30:00Z",
                Readable::Html,
            );
            let path = dir.join(name);
            std::fs::write(&path, page).unwrap();
            path
        })
        .collect()
}

fn generate_record(dir: &Path, name: &str) -> String {
    let answers = school_answers_file(dir);
    let out = Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .args(["generate", "--output", "-", "--answers"])
        .arg(&answers)
        .arg("--record")
        .arg(dir.join(name))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn generate_record_form_follows_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let html = generate_record(dir.path(), "record.html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html:.200}");
    assert!(html.contains("<td>Yes</td>") && html.contains("<td>Website</td>"));
    let md = generate_record(dir.path(), "record.md");
    assert!(md.starts_with("# "), "{md:.200}");
    assert!(md.contains("- [ ] "));
    let toml = generate_record(dir.path(), "record.toml");
    assert!(toml.contains("tool_version = "), "{toml:.400}");
    assert!(toml.contains("platform = \"website\""));
}

/// Page objects in a PDF Chromium wrote (its objects are not compressed
/// into streams, so each page's dictionary can be read as text).
fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, m)| {
            !text[i + m.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
        })
        .count()
}

/// The first page's width and height in points.
fn media_box(pdf: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    let start = text.find("/MediaBox [")? + "/MediaBox [".len();
    let inner = &text[start..start + text[start..].find(']')?];
    let n: Vec<f64> = inner
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    (n.len() == 4).then(|| (n[2] - n[0], n[3] - n[1]))
}

#[test]
#[ignore = "needs Chromium: run by .ci/run"]
fn the_html_record_prints_on_at_most_two_a4_pages_for_every_path() {
    require("/usr/bin/chromium", "chromium");
    let dir = tempfile::tempdir().unwrap();
    let profile = tempfile::tempdir().unwrap();
    for page in write_record_pages(dir.path()) {
        let pdf = page.with_extension("pdf");
        let out = Command::new("/usr/bin/chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", page.display()))
            .env("HOME", profile.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
            panic!(
                "Chromium printed no PDF of {} ({e}); its stderr:\n{}",
                page.display(),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        // A4 is 595.28 × 841.89 pt; Chromium rounds to its own units.
        let size = media_box(&bytes);
        assert!(
            size.is_some_and(|(w, h)| (w - 595.28).abs() < 2.0 && (h - 841.89).abs() < 2.0),
            "{}: not printed on A4 ({size:?})",
            page.display()
        );
        let pages = page_count(&bytes);
        assert!(
            (1..=2).contains(&pages),
            "{} prints on {pages} A4 pages",
            page.file_name().unwrap().to_string_lossy()
        );
    }
}
