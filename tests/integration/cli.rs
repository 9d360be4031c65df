//! The binary as a user runs it: every subcommand, exit code, and file rule.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::SCHOOL_ANSWERS;

fn bin() -> Command {
    let mut c = Command::cargo_bin("ceop-onboard").unwrap();
    c.env_remove("NO_COLOR")
        .env("SOURCE_DATE_EPOCH", "1795000000");
    c
}

fn answers_file(dir: &Path, body: &str) -> std::path::PathBuf {
    let p = dir.join("answers.toml");
    std::fs::write(&p, body).unwrap();
    p
}

fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn generate_writes_the_website_html_to_stdout_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("<!-- Click CEOP button"))
        .stdout(predicate::str::contains(
            "<a href=\"https://www.ceop.police.uk/safety-centre\"><img src=\"/images/clickceop.gif\" width=\"143\" height=\"51\"",
        ))
        .stderr(predicate::str::contains("Your organisation may host the Click CEOP button"));
}

#[test]
fn output_dash_is_stdout_and_format_picks_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    let out = bin()
        .args([
            "generate",
            "--format",
            "markdown",
            "--output",
            "-",
            "--answers",
        ])
        .arg(&a)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("[![Click CEOP"), "{md}");
    assert!(md.contains("](https://www.ceop.police.uk/safety-centre)"));
}

#[test]
fn output_dir_writes_every_format_checklist_and_record() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    bin()
        .args(["generate", "--set", "platform=app", "--answers"])
        .arg(answers_file(dir.path(), SCHOOL_ANSWERS))
        .arg("--output-dir")
        .arg(&out)
        .arg("--checklist")
        .arg(out.join("checklist.json"))
        .args(["--checklist-format", "json", "--record"])
        .arg(out.join("record.toml"))
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::contains("note: ignoring audience"));
    assert_eq!(
        listing(&out),
        [
            "CEOPSafetyCentreSignposting.jsx",
            "CEOPSafetyCentreSignposting.swift",
            "ceop-app.html",
            "ceop-app.md",
            "ceop-app.txt",
            "ceop_safety_centre.xml",
            "checklist.json",
            "record.toml",
        ]
    );
    let checklist: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("checklist.json")).unwrap())
            .unwrap();
    assert_eq!(checklist["platform"], "app");
    assert!(
        checklist["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["rules"][0] == "R8")
    );
    let record: toml::Value =
        toml::from_str(&std::fs::read_to_string(out.join("record.toml")).unwrap()).unwrap();
    assert_eq!(
        record["decision"]["outcome"].as_str(),
        Some("app-link-only")
    );
    assert_eq!(record["created"].as_str(), Some("2026-11-18T11:06:40Z"));
    assert_eq!(
        record["answers"]["organisation_name"].as_str(),
        Some("St Example Primary")
    );
    assert_eq!(record["artifact"].as_array().unwrap().len(), 6);
    let html = std::fs::read(out.join("ceop-app.html")).unwrap();
    let sha = record["artifact"][0]["sha256"].as_str().unwrap();
    assert_eq!(sha, ceop_onboard::guide::sha256_hex(&html));
}

#[test]
fn existing_files_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    let target = dir.path().join("button.html");
    std::fs::write(&target, "mine").unwrap();
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .arg("--output")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
    assert_eq!(
        listing(dir.path()),
        ["answers.toml", "button.html"],
        "no temp files left"
    );
    bin()
        .args(["generate", "--force", "--answers"])
        .arg(&a)
        .arg("--output")
        .arg(&target)
        .assert()
        .code(0);
    assert!(std::fs::read_to_string(&target).unwrap().contains("<img"));
}

#[test]
fn one_refused_target_means_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    std::fs::write(dir.path().join("record.toml"), "old").unwrap();
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .arg("--output")
        .arg(dir.path().join("new.html"))
        .arg("--record")
        .arg(dir.path().join("record.toml"))
        .assert()
        .code(2);
    assert_eq!(listing(dir.path()), ["answers.toml", "record.toml"]);
}

#[test]
fn missing_parent_directory_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["generate", "--answers"])
        .arg(answers_file(dir.path(), SCHOOL_ANSWERS))
        .arg("--output")
        .arg(dir.path().join("no/such/dir/a.html"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory does not exist"));
}

#[test]
fn not_appropriate_exits_1_with_reasons_and_no_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("record.toml");
    bin()
        .args(["generate", "--set", "uk=no", "--answers"])
        .arg(answers_file(dir.path(), SCHOOL_ANSWERS))
        .arg("--record")
        .arg(&record)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("should not host"))
        .stderr(predicate::str::contains("(R2)"))
        .stderr(predicate::str::contains("Childline"));
    let r: toml::Value = toml::from_str(&std::fs::read_to_string(&record).unwrap()).unwrap();
    assert_eq!(r["decision"]["outcome"].as_str(), Some("not-appropriate"));
    assert!(r.get("artifact").is_none());
    assert!(
        r["answers"].get("platform").is_none(),
        "answers that no longer apply are dropped"
    );
}

#[test]
fn not_sure_refers_to_ceop_education_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args([
            "generate",
            "--set",
            "content_appropriate=not-sure",
            "--answers",
        ])
        .arg(answers_file(dir.path(), SCHOOL_ANSWERS))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("ceopeducation@nca.gov.uk"))
        .stderr(predicate::str::contains("(R4)"));
}

#[test]
fn guidance_not_read_exits_1_citing_r1() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["generate", "--set", "read_guidance=false", "--answers"])
        .arg(answers_file(dir.path(), SCHOOL_ANSWERS))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(R1)"));
}

#[test]
fn a_missing_answer_is_named_with_its_key() {
    let dir = tempfile::tempdir().unwrap();
    bin()
        .args(["generate", "--answers"])
        .arg(answers_file(
            dir.path(),
            &SCHOOL_ANSWERS.replace("platform = \"website\"\n", ""),
        ))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing answer `platform`"))
        .stderr(predicate::str::contains("--set platform=website"));
}

#[test]
fn bad_answers_file_names_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(
        dir.path(),
        &SCHOOL_ANSWERS.replace("uk = \"yes\"", "uk = \"maybe\""),
    );
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:3:", a.display())))
        .stderr(predicate::str::contains("maybe"))
        .stderr(predicate::str::contains("fix:"));
    let a = answers_file(dir.path(), &format!("{SCHOOL_ANSWERS}colour = \"red\"\n"));
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown field `colour`"))
        .stderr(predicate::str::contains("use only these keys"));
    let a = answers_file(
        dir.path(),
        &SCHOOL_ANSWERS.replace("/images/clickceop.gif", "javascript:alert(1)"),
    );
    bin()
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{}:11:", a.display())))
        .stderr(predicate::str::contains("javascript:"));
}

#[test]
fn bad_set_and_format_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    for (args, says) in [
        (vec!["--set", "platfrom=app"], "not an answers-file key"),
        (vec!["--set", "platform"], "has no `=`"),
        (
            vec!["--set", "audience=teens"],
            "use children | adults | mixed",
        ),
        (vec!["--format", "pdf"], "`pdf` is not a format"),
        (
            vec!["--format", "swiftui"],
            "a website has no swiftui format",
        ),
        (
            vec!["--set", "platform=email-newsletter"],
            "absolute https://",
        ),
    ] {
        bin()
            .arg("generate")
            .args(&args)
            .arg("--answers")
            .arg(&a)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(says));
    }
}

#[test]
fn button_file_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    let mut gif = b"GIF89a".to_vec();
    gif.extend(286u16.to_le_bytes());
    gif.extend(102u16.to_le_bytes());
    gif.extend([0; 20]);
    let big = dir.path().join("big.gif");
    std::fs::write(&big, &gif).unwrap();
    let png = dir.path().join("button.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n0000000000").unwrap();
    let checklist = dir.path().join("c.md");
    bin()
        .args(["generate", "--set"])
        .arg(format!("button_file={}", big.display()))
        .arg("--answers")
        .arg(&a)
        .arg("--checklist")
        .arg(&checklist)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("286×102"))
        .stderr(predicate::str::contains("not the button as issued"));
    assert!(!checklist.exists(), "no artifact, so no checklist");
    bin()
        .args(["generate", "--set"])
        .arg(format!("button_file={}", png.display()))
        .arg("--answers")
        .arg(&a)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("is not a GIF"));
    bin()
        .args(["generate", "--set", "button_file=/no/such.gif", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the button file does not exist"));
}

#[test]
fn answers_template_parses_and_guides_to_a_decision() {
    let out = bin().arg("answers-template").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let template = String::from_utf8(out.stdout).unwrap();
    ceop_onboard::answers::Answers::from_toml("template", &template).unwrap();
    for key in ceop_onboard::answers::Key::ALL {
        assert!(
            template.contains(&format!("{key} = ")),
            "{key} in the template"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    // As written, it has not confirmed R1: the decision says so.
    bin()
        .args(["generate", "--answers"])
        .arg(answers_file(dir.path(), &template))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("(R1)"));
}

#[test]
fn guidance_prints_every_section_and_the_official_texts() {
    let g = ceop_onboard::guide::Guide::embedded();
    let out = bin().arg("guidance").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for s in &g.sections {
        assert!(text.contains(&s.title), "{}", s.title);
    }
    for t in &g.texts {
        for p in &t.paragraphs {
            assert!(text.contains(p.as_str()));
        }
    }
    assert!(text.contains("Version 3 – March 2017"));
}

#[test]
fn completions_and_help_and_default_config() {
    bin()
        .args(["completions", "bash"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ceop-onboard"));
    bin()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("generate"));
    bin().args(["generate", "--bogus"]).assert().code(2);
    bin()
        .arg("default-config")
        .assert()
        .code(0)
        .stdout(ceop_onboard::guide::EMBEDDED);
}

#[test]
fn bare_invocation_without_a_terminal_points_to_generate() {
    bin()
        .write_stdin("")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("standard input is not a terminal"))
        .stderr(predicate::str::contains(
            "ceop-onboard generate --answers FILE",
        ));
}

#[test]
fn templates_dir_overrides_and_reports_template_errors() {
    let dir = tempfile::tempdir().unwrap();
    let a = answers_file(dir.path(), SCHOOL_ANSWERS);
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    let embedded = include_str!("../../templates/website.html");
    std::fs::write(
        t.join("website.html"),
        embedded.replace("ceop-signposting", "my-theme-box"),
    )
    .unwrap();
    bin()
        .arg("--templates")
        .arg(&t)
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("<div class=\"my-theme-box\">"));
    std::fs::write(
        t.join("website.html"),
        "<p>\n{{ facts.safety_centre_url | html }</p>\n",
    )
    .unwrap();
    bin()
        .arg("--templates")
        .arg(&t)
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("website.html:2:"));
    std::fs::write(t.join("websites.html"), "x").unwrap();
    bin()
        .arg("--templates")
        .arg(&t)
        .args(["generate", "--answers"])
        .arg(&a)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`websites.html` is not a template",
        ));
}
