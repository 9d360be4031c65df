//! `check`'s inputs (issue 11): every read capped, FIFOs and devices refused
//! without a hang, what a walk skipped said with the reason, `--no-ignore`,
//! file names that cannot reach the terminal raw or be lost in JSON/SARIF,
//! and a note for a tag too big to read.

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("ceop-onboard").unwrap();
    c.current_dir(dir).timeout(Duration::from_secs(20));
    c
}

fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

const BAD_LINK: &str = r#"<a href="http://www.ceop.gov.uk/reportabuse/">Report</a>"#;

#[test]
fn a_fifo_named_as_a_path_is_refused_without_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("page.html");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    bin(dir.path())
        .args(["check", "page.html"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "page.html: is not a regular file or a directory",
        ));
}

#[test]
fn a_device_named_as_a_path_is_refused() {
    bin(Path::new("/"))
        .args(["check", "/dev/zero"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "/dev/zero: is not a regular file",
        ));
}

#[test]
fn a_fifo_inside_a_walked_tree_is_passed_by() {
    let dir = tree(&[("site/index.html", BAD_LINK)]);
    let status = std::process::Command::new("mkfifo")
        .arg(dir.path().join("site/feed.html"))
        .status()
        .unwrap();
    assert!(status.success());
    bin(dir.path()).args(["check", "site"]).assert().code(1);
}

#[test]
fn standard_input_is_capped() {
    let big = vec![b'a'; 10 * 1024 * 1024 + 1];
    bin(Path::new("."))
        .args(["check", "-"])
        .write_stdin(big)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "more than 10 MB on standard input",
        ));
}

#[test]
fn a_walk_says_what_it_skipped_and_why_and_no_ignore_reads_it() {
    let dir = tree(&[
        ("site/.ignore", "*\n"),
        ("site/index.html", BAD_LINK),
        ("site/notes.adoc", BAD_LINK),
        ("site/logo.png", "not text, not counted"),
    ]);
    std::os::unix::fs::symlink("index.html", dir.path().join("site/link.html")).unwrap();
    let out = bin(dir.path())
        .args(["check", "--format", "json", "site"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The .ignore file hides every page: nothing is audited, and it says so.
    assert_eq!(v["summary"]["files"], 0, "{v}");
    let by = &v["summary"]["skipped_by_reason"];
    assert_eq!(by["ignored"], 2, "{v}"); // index.html, link.html
    assert!(stderr.contains("--no-ignore reads them"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));

    let out = bin(dir.path())
        .args(["check", "--format", "json", "--no-ignore", "site"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{v}");
    let by = &v["summary"]["skipped_by_reason"];
    assert_eq!(by["no-language"], 1, "{v}"); // notes.adoc
    assert_eq!(by["symlink"], 1, "{v}"); // link.html
    let skipped: Vec<&str> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["site/link.html", "site/notes.adoc"], "{v}");
    // The text report says it too.
    bin(dir.path())
        .args(["check", "--no-ignore", "site"])
        .assert()
        .stdout(predicates::str::contains(
            "(2 skipped: 1 file in no language check reads, 1 symbolic link, not followed)",
        ));
}

#[test]
fn control_characters_in_file_names_are_escaped_in_text_output() {
    let dir = tree(&[("a\x1b[31mred\x1b[0m.html", BAD_LINK)]);
    let out = bin(dir.path()).args(["check", "."]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
    assert!(
        stdout.contains("a\\x1b[31mred\\x1b[0m.html:1:10"),
        "{stdout}"
    );
}

#[test]
fn file_names_that_are_not_utf8_stay_recoverable_in_json_and_sarif() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.html");
    std::fs::write(dir.path().join(name), BAD_LINK).unwrap();
    let out = bin(dir.path())
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &v["findings"][0];
    let bytes: Vec<u8> = f["file_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(bytes, b"./caf\xe9.html");
    let out = bin(dir.path())
        .args(["check", "--format", "sarif", "."])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "caf%E9.html"
    );
}

#[test]
fn a_tag_too_big_to_read_gets_a_note() {
    let page = format!(
        r#"<a href="https://www.ceop.police.uk/safety-centre"><img {} src="clickceop.gif" width="300"></a>"#,
        "data-x ".repeat(600)
    );
    let dir = tree(&[("page.html", &page)]);
    bin(dir.path())
        .args(["check", "page.html"])
        .assert()
        .stderr(predicates::str::contains(
            "page.html:1:52: a <img> tag with more than 512 attributes was not read",
        ));
}

/// The caps are what the README says: a page of up to 10 MB is audited,
/// and a browser extension's `manifest.json` of up to 1 MB is read.
#[test]
fn a_page_of_some_megabytes_and_a_long_manifest_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    let link = "<p><a href=\"http://www.ceop.gov.uk/reportabuse/\">Report</a></p>\n";
    let filler = format!("<!-- {} -->\n", "x".repeat(6 * 1024 * 1024));
    std::fs::write(site.join("big.html"), format!("{filler}{link}")).unwrap();
    let ext = dir.path().join("addon");
    std::fs::create_dir(&ext).unwrap();
    let description = "d".repeat(100 * 1024);
    std::fs::write(
        ext.join("manifest.json"),
        format!(r#"{{"manifest_version": 3, "name": "Helper", "description": "{description}"}}"#),
    )
    .unwrap();
    std::fs::write(
        ext.join("popup.html"),
        r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="clickceop.gif" width="143" height="51" alt="Click CEOP"></a>"#,
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .current_dir(dir.path())
        .args(["check", "--format", "json", "site", "addon"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<(&str, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["id"].as_str().unwrap()))
        .collect();
    assert!(
        ids.contains(&("site/big.html", "link-retired-domain")),
        "{ids:?}"
    );
    assert!(
        ids.contains(&("addon/popup.html", "button-in-app")),
        "{ids:?}"
    );
}

/// A file or standard input of exactly 10 MB is audited to its last byte;
/// one byte more is too big (a file is skipped and said so; standard input
/// is an error).
#[test]
fn ten_megabytes_is_the_cap_to_the_byte() {
    use std::io::Write;
    const CAP: usize = 10 * 1024 * 1024;
    let link = "<a href=\"http://www.ceop.gov.uk/reportabuse/\">Report</a>\n";
    let page = |len: usize| {
        let mut p = format!("<!-- {}", "x".repeat(len - link.len() - 10));
        p.push_str(" -->\n");
        p.push_str(link);
        assert_eq!(p.len(), len);
        p
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("exact.html"), page(CAP)).unwrap();
    std::fs::write(dir.path().join("over.html"), page(CAP + 1)).unwrap();
    let bin = env!("CARGO_BIN_EXE_ceop-onboard");
    let out = std::process::Command::new(bin)
        .current_dir(dir.path())
        .args(["check", "--format", "json", "exact.html", "."])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "link-retired-domain")
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"exact.html"),
        "the last line is read: {files:?}"
    );
    assert!(!files.iter().any(|f| f.ends_with("over.html")), "{files:?}");
    assert!(
        json.to_string().contains("over.html"),
        "said to be skipped: {json}"
    );
    for (len, ok) in [(CAP, true), (CAP + 1, false)] {
        let mut child = std::process::Command::new(bin)
            .args(["check", "-", "--stdin-name", "page.html"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let input = page(len);
        let mut stdin = child.stdin.take().unwrap();
        let writer = std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap();
        let code = out.status.code();
        assert_eq!(code, Some(if ok { 1 } else { 2 }), "{len}: {out:?}");
    }
}
