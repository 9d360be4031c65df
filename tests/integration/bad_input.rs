//! The bad-input corpus: broken configs, answers, flags, button files and
//! output paths. Each gets exit code 2, one message naming the problem and a
//! fix, and leaves every file as it was: nothing written, nothing changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::common::SCHOOL_ANSWERS as SCHOOL;

/// One bad input: files to lay out (path → bytes), the arguments (`{d}` is
/// the case's directory), and words the one error message must contain.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: Vec<&'static str>,
    says: &'static str,
}

fn case(
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    says: &'static str,
) -> Case {
    Case {
        name,
        files,
        args: args.to_vec(),
        says,
    }
}

fn answers_with(replace: &str, with: &str) -> Vec<u8> {
    assert!(SCHOOL.contains(replace), "{replace}");
    SCHOOL.replace(replace, with).into_bytes()
}

fn gif(w: u16, h: u16) -> Vec<u8> {
    let mut v = b"GIF89a".to_vec();
    v.extend(w.to_le_bytes());
    v.extend(h.to_le_bytes());
    v.extend([0u8; 16]);
    v
}

fn cases() -> Vec<Case> {
    let a = || ("a.toml", SCHOOL.as_bytes().to_vec());
    let gen_ = ["generate", "--answers", "{d}/a.toml"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        gen_.iter().chain(extra).copied().collect()
    };
    vec![
        // The configuration.
        case(
            "config missing",
            vec![a()],
            &["--config", "{d}/none.toml", "guidance"],
            "the configuration does not exist",
        ),
        case(
            "config is a directory",
            vec![("cfg/x", vec![])],
            &["--config", "{d}/cfg", "guidance"],
            "is a directory",
        ),
        case(
            "config not UTF-8",
            vec![("c.toml", vec![0xff, 0xfe, 0x00, 0x41])],
            &["--config", "{d}/c.toml", "guidance"],
            "not UTF-8",
        ),
        case(
            "config empty",
            vec![("c.toml", vec![])],
            &["--config", "{d}/c.toml", "guidance"],
            "missing field",
        ),
        case(
            "config changes the Safety Centre address",
            vec![(
                "c.toml",
                ceop_onboard::guide::EMBEDDED
                    .replace(
                        "\"https://www.ceop.police.uk/safety-centre\"\nbutton_width",
                        "\"https://www.ceop.gov.uk/reportabuse/\"\nbutton_width",
                    )
                    .into_bytes(),
            )],
            &["--config", "{d}/c.toml", "guidance"],
            "rule R7",
        ),
        // The answers file.
        case(
            "answers missing",
            vec![],
            &["generate", "--answers", "{d}/none.toml"],
            "the answers file does not exist",
        ),
        case(
            "answers is a directory",
            vec![("a.toml/x", vec![])],
            &gen_,
            "is a directory",
        ),
        case(
            "answers not UTF-8",
            vec![("a.toml", vec![b'u', b'k', 0xff])],
            &gen_,
            "not UTF-8",
        ),
        case(
            "answers bad TOML",
            vec![("a.toml", answers_with("uk = \"yes\"", "uk = \"yes"))],
            &gen_,
            "a.toml:3:",
        ),
        case(
            "answers unknown key",
            vec![("a.toml", format!("{SCHOOL}colour = \"red\"\n").into_bytes())],
            &gen_,
            "unknown field `colour`",
        ),
        case(
            "answers wrong type",
            vec![("a.toml", answers_with("uk = \"yes\"", "uk = true"))],
            &gen_,
            "a.toml:3:",
        ),
        case(
            "answers unknown value",
            vec![(
                "a.toml",
                answers_with("platform = \"website\"", "platform = \"tv\""),
            )],
            &gen_,
            "unknown variant `tv`",
        ),
        case(
            "image src javascript",
            vec![(
                "a.toml",
                answers_with("/images/clickceop.gif", "javascript:alert(1)"),
            )],
            &gen_,
            "a.toml:11:",
        ),
        case(
            "image src with a space",
            vec![(
                "a.toml",
                answers_with("/images/clickceop.gif", "/images/click ceop.gif"),
            )],
            &gen_,
            "percent-encode",
        ),
        case(
            "image src over http",
            vec![(
                "a.toml",
                answers_with("/images/clickceop.gif", "http://example.org/b.gif"),
            )],
            &gen_,
            "scheme `http:`",
        ),
        case(
            "email with a relative image",
            vec![(
                "a.toml",
                answers_with("platform = \"website\"", "platform = \"email-newsletter\""),
            )],
            &gen_,
            "absolute https://",
        ),
        case(
            "organisation name with a bidi control",
            vec![(
                "a.toml",
                answers_with("St Example Primary", "St \u{202E}elpmaxE"),
            )],
            &gen_,
            "U+202E",
        ),
        case(
            "organisation name too long",
            vec![(
                "a.toml",
                answers_with("St Example Primary", &"x".repeat(201)),
            )],
            &gen_,
            "longer than 200",
        ),
        case(
            "required answer missing",
            vec![("a.toml", answers_with("platform = \"website\"\n", ""))],
            &gen_,
            "missing answer `platform`",
        ),
        // Flags.
        case(
            "--set without =",
            vec![a()],
            &with(&["--set", "platform"]),
            "has no `=`",
        ),
        case(
            "--set unknown key",
            vec![a()],
            &with(&["--set", "colour=red"]),
            "not an answers-file key",
        ),
        case(
            "--set bad value",
            vec![a()],
            &with(&["--set", "audience=teens"]),
            "`teens` is not a value",
        ),
        case(
            "--format unknown",
            vec![a()],
            &with(&["--format", "pdf"]),
            "`pdf` is not a format",
        ),
        case(
            "--format not for the platform",
            vec![a()],
            &with(&["--format", "android"]),
            "no android format",
        ),
        case(
            "--output with --output-dir",
            vec![a()],
            &with(&["--output", "{d}/x", "--output-dir", "{d}"]),
            "cannot be used with",
        ),
        case(
            "unknown flag",
            vec![a()],
            &with(&["--colour"]),
            "unexpected argument",
        ),
        case(
            "--templates missing",
            vec![a()],
            &[
                "--templates",
                "{d}/none",
                "generate",
                "--answers",
                "{d}/a.toml",
            ],
            "cannot read the templates directory",
        ),
        case(
            "--templates broken template",
            vec![a(), ("t/website.html", b"{% if %}".to_vec())],
            &[
                "--templates",
                "{d}/t",
                "generate",
                "--answers",
                "{d}/a.toml",
            ],
            "website.html:1:",
        ),
        // Button files.
        case(
            "button file missing",
            vec![a()],
            &with(&["--set", "button_file={d}/none.gif"]),
            "the button file does not exist",
        ),
        case(
            "button file is a directory",
            vec![a(), ("b.gif/x", vec![])],
            &with(&["--set", "button_file={d}/b.gif"]),
            "is a directory",
        ),
        case(
            "button file not a GIF",
            vec![a(), ("b.gif", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())],
            &with(&["--set", "button_file={d}/b.gif"]),
            "is not a GIF",
        ),
        case(
            "button file truncated GIF",
            vec![a(), ("b.gif", b"GIF89a\x8f".to_vec())],
            &with(&["--set", "button_file={d}/b.gif"]),
            "cut short",
        ),
        case(
            "button file empty",
            vec![a(), ("b.gif", vec![])],
            &with(&["--set", "button_file={d}/b.gif"]),
            "is not a GIF",
        ),
        // Output paths.
        case(
            "output exists",
            vec![a(), ("out.html", b"mine".to_vec())],
            &with(&["--output", "{d}/out.html"]),
            "already exists",
        ),
        case(
            "output is a directory",
            vec![a(), ("out/x", vec![])],
            &with(&["--output", "{d}/out"]),
            "is a directory",
        ),
        case(
            "output parent missing",
            vec![a()],
            &with(&["--output", "{d}/no/such/out.html"]),
            "directory does not exist",
        ),
        case(
            "output in a directory that cannot be written",
            vec![a()],
            &with(&["--output", "/proc/ceop-onboard-test.html"]),
            "cannot write here",
        ),
        case(
            "checklist exists",
            vec![a(), ("c.md", b"old".to_vec())],
            &with(&["--output", "{d}/new.html", "--checklist", "{d}/c.md"]),
            "already exists",
        ),
        case(
            "record parent missing",
            vec![a()],
            &with(&["--record", "{d}/no/r.toml"]),
            "directory does not exist",
        ),
        case(
            "output-dir with one file already there",
            vec![a(), ("o/ceop-website.md", b"old".to_vec())],
            &with(&["--output-dir", "{d}/o"]),
            "already exists",
        ),
        case(
            "output-dir missing",
            vec![a()],
            &with(&["--output-dir", "{d}/none"]),
            "is not a directory",
        ),
    ]
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.insert(p.clone(), b"<dir>".to_vec());
                stack.push(p);
            } else {
                out.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn every_bad_input_exits_2_with_one_message_and_changes_nothing() {
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for c in cases {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for (path, bytes) in &c.files {
            let p = d.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            if !path.ends_with("/x") {
                std::fs::write(&p, bytes).unwrap();
            }
        }
        let before = snapshot(d);
        let args: Vec<String> = c
            .args
            .iter()
            .map(|a| a.replace("{d}", &d.display().to_string()))
            .collect();
        let out = Command::cargo_bin("ceop-onboard")
            .unwrap()
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{}: {stderr}", c.name);
        assert!(
            out.stdout.is_empty(),
            "{}: printed {:?}",
            c.name,
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            stderr.contains(c.says),
            "{}: expected “{}” in:\n{stderr}",
            c.name,
            c.says
        );
        assert_eq!(
            stderr.matches("error:").count(),
            1,
            "{}: one message:\n{stderr}",
            c.name
        );
        if !stderr.contains("Usage:") {
            assert!(
                stderr.contains("fix: "),
                "{}: a fix is offered:\n{stderr}",
                c.name
            );
        }
        assert_eq!(
            snapshot(d),
            before,
            "{}: files were written or changed",
            c.name
        );
    }
}

#[test]
fn a_huge_button_file_is_judged_by_its_header_alone() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.toml");
    std::fs::write(&a, SCHOOL).unwrap();
    let big = dir.path().join("big.gif");
    std::fs::write(&big, gif(143, 51)).unwrap();
    // 8 GB, sparse: only the header is ever read.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&big)
        .unwrap()
        .set_len(8 << 30)
        .unwrap();
    Command::cargo_bin("ceop-onboard")
        .unwrap()
        .args(["generate", "--answers"])
        .arg(&a)
        .arg("--set")
        .arg(format!("button_file={}", big.display()))
        .assert()
        .code(0);
}
