//! Every generated HTML document, and the onboarding record's HTML page,
//! passes the W3C Nu HTML Checker.
//!
//! Needs Java and `vnu-jar` from the npm registry, so it is ignored by plain
//! `cargo test`; `.ci/run` installs both and runs it with `--include-ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

use ceop_onboard::render::Format;

use crate::common::{answers, artifact, paths};

pub fn vnu_jar() -> PathBuf {
    let path = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("node_modules/vnu-jar/build/dist/vnu.jar")
        });
    assert!(
        path.is_file(),
        "{} not found: run `npm install vnu-jar` in the project (the test script does), or set VNU_JAR",
        path.display()
    );
    path
}

/// An artifact is a fragment to paste into a page; check it inside a minimal
/// one. The page has its own heading, as a host page would (axe-core's
/// `page-has-heading-one` is about the page, not the fragment).
pub fn page(title: &str, fragment: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n{fragment}</main>\n</body>\n</html>\n"
    )
}

/// Every HTML artifact (app; website and email newsletter × each audience),
/// each wrapped in [`page`] and written to `dir`.
pub fn write_pages(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for (platform, audience) in paths() {
        let art = artifact(&answers(platform, audience));
        for doc in art.documents.iter().filter(|d| d.format == Format::Html) {
            let name = format!("{platform}-{}.html", audience.map_or("any", |a| a.as_str()));
            let path = dir.join(name);
            std::fs::write(&path, page("Click CEOP", &doc.content)).unwrap();
            files.push(path);
        }
    }
    assert_eq!(files.len(), 1 + 3 + 3, "app, website × 3, email × 3");
    files
}

/// A page with problems of several kinds, with a control character and
/// markup in its code so the report must escape them.
const FAULTY_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Help</title></head><body>\n<p>Worried about bullying? Press the CEOP button & we'll help.</p>\n<a href=\"http://www.ceop.police.uk/safety-centre/\"><img src=\"clickceop.gif\" width=\"100\" height=\"30\"></a>\n<script>var s = '\u{1}</p>';</script>\n</body></html>\n";

/// `check --report` over a faulty page and over a clean one; the two reports.
pub fn write_reports(dir: &Path) -> Vec<PathBuf> {
    let site = dir.join("site");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(site.join("faulty.html"), FAULTY_PAGE).unwrap();
    std::fs::write(site.join("clean.html"), "<p>Nothing here.</p>\n").unwrap();
    let mut reports = Vec::new();
    for (name, file, code) in [("findings", "faulty.html", 1), ("clean", "clean.html", 0)] {
        let report = dir.join(format!("report-{name}.html"));
        let status = Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
            .arg("check")
            .arg(site.join(file))
            .arg("--report")
            .arg(&report)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("ceop-onboard runs");
        assert_eq!(status.code(), Some(code), "{file}");
        reports.push(report);
    }
    reports
}

/// `check --render --report` over the render fixtures: a report with a
/// picture of each button at each width, some marked. Needs Chromium.
pub fn write_rendered_report(dir: &Path) -> PathBuf {
    let site = crate::render::write_site(dir);
    let report = dir.join("report-rendered.html");
    let status = Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .args([
            "check",
            "--render",
            "--browser",
            "/usr/bin/chromium",
            "--report",
        ])
        .arg(&report)
        .arg(site.join("pages"))
        .stdout(std::process::Stdio::null())
        .status()
        .expect("ceop-onboard runs");
    assert_eq!(status.code(), Some(1));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("<figure class=\"bad\"><img src=\"data:image/png;base64,"));
    report
}

#[test]
#[ignore = "needs Java, vnu-jar and Chromium: run by .ci/run"]
fn the_check_report_passes_the_nu_html_checker() {
    let jar = vnu_jar();
    let dir = tempfile::tempdir().unwrap();
    let mut files = write_reports(dir.path());
    files.push(write_rendered_report(dir.path()));
    let out = Command::new("java")
        // No /tmp/hsperfdata_USER left behind.
        .arg("-XX:-UsePerfData")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "the Nu HTML Checker found errors:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[ignore = "needs Java and vnu-jar: run by .ci/run"]
fn every_html_artifact_and_record_passes_the_nu_html_checker() {
    let jar = vnu_jar();
    let dir = tempfile::tempdir().unwrap();
    let mut files = write_pages(dir.path());
    files.extend(crate::record::write_record_pages(dir.path()));
    let out = Command::new("java")
        // No /tmp/hsperfdata_USER left behind.
        .arg("-XX:-UsePerfData")
        .arg("-jar")
        .arg(&jar)
        .arg("--errors-only")
        .args(&files)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "the Nu HTML Checker found errors:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
