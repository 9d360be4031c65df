//! `ceop-onboard check`: findings per fixture, generated artifacts pass clean,
//! line and column accuracy, JSON and SARIF shape, exit codes, `--fix`.
//!
//! The SARIF output is validated against the official SARIF 2.1.0 schema,
//! vendored as tests/fixtures/sarif-schema-2.1.0.json from the npm package
//! `@microsoft/jest-sarif` (see tests/fixtures/sarif-schema-2.1.0.md).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use ceop_onboard::answers::{Key, Platform};
use ceop_onboard::audit::{AppKind, Auditor, FileKind, FindingId, Source};
use ceop_onboard::render::Format;
use serde_json::Value;

use crate::common::{answers, artifact, guide, paths};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("ceop-onboard").unwrap();
    c.env_remove("NO_COLOR").current_dir(fixtures());
    c
}

fn json_of(args: &[&str]) -> (Value, i32) {
    let out = bin()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stdout));
    });
    (v, out.status.code().unwrap())
}

fn listing(v: &Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["file"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["id"].as_str().unwrap()
            )
        })
        .collect()
}

fn scan(file: &str, text: &str) -> Vec<ceop_onboard::audit::Finding> {
    let kind = FileKind::from_path(file).unwrap_or(FileKind::Markup);
    Auditor::new(&guide())
        .scan(&Source {
            file,
            kind,
            text,
            app: None,
        })
        .findings
}

#[test]
fn bad_fixtures_give_exactly_the_expected_findings() {
    let (v, code) = json_of(&["bad"]);
    assert_eq!(code, 1);
    let expected = std::fs::read_to_string(fixtures().join("bad.expected")).unwrap();
    let expected: Vec<&str> = expected.lines().collect();
    assert_eq!(listing(&v), expected);
}

#[test]
fn every_finding_is_shown_by_a_fixture() {
    let expected = std::fs::read_to_string(fixtures().join("bad.expected")).unwrap();
    let seen: BTreeSet<&str> = expected
        .lines()
        .filter_map(|l| l.split(' ').nth(1))
        .collect();
    // Only a live site's button files give these: the fixture site of
    // tests/fixtures/live shows each (tests/integration/live_files.rs).
    let live_only = [
        "button-file-still",
        "button-file-too-large",
        "button-file-unavailable",
    ];
    let live_tests = include_str!("live_files.rs");
    for id in FindingId::ALL {
        if live_only.contains(&id.as_str()) {
            assert!(
                live_tests.contains(&format!("\"{id}\"")),
                "no live test shows {id}"
            );
        } else {
            assert!(seen.contains(id.as_str()), "no fixture shows {id}");
        }
    }
}

#[test]
fn every_kind_of_file_has_findings() {
    let expected = std::fs::read_to_string(fixtures().join("bad.expected")).unwrap();
    for ext in [
        "php", "mustache", "twig", "liquid", "hbs", "xsl", "jsx", "tsx", "vue", "svelte", "md",
        "css", "html", "swift", "xml", "kt", "dart", "js", "txt",
    ] {
        assert!(
            expected
                .lines()
                .any(|l| l.split(':').next().unwrap().ends_with(&format!(".{ext}"))),
            "no finding in a .{ext} fixture"
        );
    }
}

#[test]
fn compliant_pages_are_clean() {
    let (v, code) = json_of(&["good"]);
    assert_eq!(listing(&v), Vec::<String>::new());
    assert_eq!(code, 0);
    assert_eq!(v["summary"]["files"], 7);
    bin()
        .args(["check", "good"])
        .assert()
        .code(0)
        .stdout("no findings in 7 files\n");
}

/// Every artifact `generate` writes, for every platform, audience and format.
fn every_artifact() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (platform, audience) in paths() {
        for new_tab in [false, true] {
            let mut a = answers(platform, audience);
            if matches!(platform, Platform::Website | Platform::EmailNewsletter) {
                a.set(Key::NewTab, if new_tab { "true" } else { "false" })
                    .unwrap();
            } else if new_tab {
                continue;
            }
            for doc in artifact(&a).documents {
                out.push((doc.format.file_name(platform), doc.content));
            }
        }
    }
    out
}

#[test]
fn every_generated_artifact_passes_check_clean() {
    let all = every_artifact();
    assert!(all.len() >= 30, "{}", all.len());
    for (file, content) in &all {
        let findings = scan(file, content);
        assert!(findings.is_empty(), "{file}:\n{content}\n{findings:#?}");
    }
}

#[test]
fn app_artifacts_are_app_code_with_a_text_link_not_a_button() {
    let art = artifact(&answers(Platform::App, None));
    for format in [Format::Android, Format::Swiftui, Format::ReactNative] {
        let doc = art.document(format).unwrap();
        let file = doc.format.file_name(Platform::App);
        let kind = FileKind::from_path(&file).unwrap();
        assert!(
            AppKind::detect(kind, &doc.content).is_some(),
            "{file} is not seen as app code, so the test would prove nothing"
        );
        assert!(scan(&file, &doc.content).is_empty(), "{file}");
        // The same file with the button added is flagged.
        let with_button = format!(
            "{}\nImage(\"clickceop\")\n",
            doc.content.replace("</resources>", "")
        );
        let ids: Vec<FindingId> = scan(&file, &with_button).iter().map(|f| f.id).collect();
        assert!(ids.contains(&FindingId::ButtonInApp), "{file}: {ids:?}");
    }
}

#[test]
fn generate_output_dir_then_check_is_clean_for_every_platform() {
    let dir = tempfile::tempdir().unwrap();
    for platform in Platform::ALL {
        let out = dir.path().join(platform.as_str());
        std::fs::create_dir(&out).unwrap();
        let mut set = vec![
            "read_guidance=true",
            "uk=yes",
            "serves_children=yes",
            "organisation=school",
            "content_appropriate=yes",
            "no_endorsement=true",
        ];
        let p = format!("platform={platform}");
        set.push(&p);
        match platform {
            Platform::Website => set.extend([
                "audience=mixed",
                "placement=safety-area",
                "image_src=/images/clickceop.gif",
            ]),
            Platform::EmailNewsletter => set.extend([
                "audience=adults",
                "image_src=https://www.example.sch.uk/images/clickceop.gif",
            ]),
            Platform::PrintNewsletter => set.push("audience=children"),
            Platform::App => {}
        }
        let mut cmd = Command::cargo_bin("ceop-onboard").unwrap();
        cmd.arg("generate").arg("--output-dir").arg(&out);
        for s in &set {
            cmd.args(["--set", s]);
        }
        cmd.assert().code(0);
    }
    Command::cargo_bin("ceop-onboard")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stdout(predicates::str::ends_with("no findings in 12 files\n"));
}

#[test]
fn lines_and_columns_count_characters_on_any_line_ending() {
    let text = "<p>‘Café’</p>\r\n<p>Ünïcødé <a href=\"http://www.ceop.gov.uk\">x</a></p>\r\n";
    let f = scan("a.html", text);
    let link = f
        .iter()
        .find(|f| f.id == FindingId::LinkRetiredDomain)
        .unwrap();
    assert_eq!((link.line, link.column), (2, 21));
    let label = f.iter().find(|f| f.id == FindingId::LinkLabel).unwrap();
    assert_eq!((label.line, label.column), (2, 12));
}

#[test]
fn template_code_around_and_inside_tags_does_not_hide_the_button() {
    for (file, text) in [
        (
            "footer.php",
            r#"<a href="<?php echo $ceop; ?>" class="x"><?php if ($x) { ?><img src="<?php echo $dir ?>/clickceop.gif" width="<?php echo $w ?>" style="width:300px" alt="<?php echo $alt ?>"><?php } ?></a>"#,
        ),
        (
            "footer.twig",
            r#"<a {% if x %}class="y"{% endif %} href="{{ url }}"><img src="{{ asset('clickceop.gif') }}" style="width:300px" alt="{{ alt }}"></a>"#,
        ),
        (
            "footer.hbs",
            r#"{{#if show}}<img src="{{root}}/clickceop.gif" {{#if big}}class="big"{{/if}} style="width:300px" alt="{{alt}}">{{/if}}"#,
        ),
        (
            "Footer.jsx",
            r#"<a onClick={() => go(a > b)}><img src={require('./clickceop.gif')} style={{ width: 300 }} alt={t('alt')} /></a>"#,
        ),
    ] {
        let ids: Vec<FindingId> = scan(file, text).iter().map(|f| f.id).collect();
        assert!(ids.contains(&FindingId::ButtonResized), "{file}: {ids:?}");
        assert!(!ids.contains(&FindingId::ButtonNoAlt), "{file}: {ids:?}");
    }
}

#[test]
fn logos_and_other_ceop_images_are_not_the_button() {
    for text in [
        r#"<img src="images/ceop-logo.png" width="300">"#,
        r#"<img src="/img/ceop_ambassador_badge.png" style="width: 50px">"#,
        r#"<p>Staff completed CEOP training.</p>"#,
        r#"<a href="https://www.thinkuknow.co.uk"><img src="tuk.png" width="20"></a>"#,
    ] {
        assert!(scan("a.html", text).is_empty(), "{text}");
    }
}

#[test]
fn each_violation_is_reported_once() {
    let text = r#"<a href="http://www.ceop.gov.uk"><img src="clickceop.gif" width="10" height="10" style="width:5px;height:5px"></a><a href="http://www.ceop.gov.uk"><img src="clickceop.gif" width="10"></a>"#;
    let f = scan("a.html", text);
    let count = |id| f.iter().filter(|x| x.id == id).count();
    assert_eq!(count(FindingId::LinkRetiredDomain), 2);
    assert_eq!(count(FindingId::ButtonResized), 2);
    assert_eq!(count(FindingId::NoSignposting), 1);
    let places: BTreeSet<(usize, FindingId)> = f.iter().map(|x| (x.offset, x.id)).collect();
    assert_eq!(places.len(), f.len());
}

#[test]
fn json_report_shape() {
    let (v, _) = json_of(&["bad/react/Footer.jsx"]);
    assert_eq!(v["tool"], "ceop-onboard");
    let f = &v["findings"][0];
    for key in ["id", "rule", "severity", "file", "message", "fix"] {
        assert!(f[key].is_string(), "{key}");
    }
    assert!(f["line"].is_u64() && f["column"].is_u64() && f["fixable"].is_boolean());
    assert_eq!(f["id"], "link-variant");
    assert_eq!(f["rule"], "R7");
    assert_eq!(f["severity"], "warning");
    assert_eq!(f["fixable"], true);
    let s = &v["summary"];
    assert_eq!(
        (s["files"].as_u64(), s["error"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(
        (s["warning"].as_u64(), s["info"].as_u64()),
        (Some(3), Some(0))
    );
}

#[test]
fn sarif_report_is_valid_sarif_2_1_0() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json"),
        )
        .unwrap(),
    )
    .unwrap();
    // The schema's pattern for `language` (in `run` and `toolComponent`) ends
    // `{2}]?$`: a stray `]` that ECMAScript, the schema's regex dialect, reads
    // as a literal `]`, but that the meta-schema's `format: regex` check
    // rejects. `\]` means the same, so the pattern is escaped here.
    let mut schema = schema;
    let mut escaped = 0;
    for def in ["run", "toolComponent"] {
        let p = &mut schema["definitions"][def]["properties"]["language"]["pattern"];
        if p == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
            *p = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$".into();
            escaped += 1;
        }
    }
    assert_eq!(escaped, 2);
    let validator = jsonschema::draft4::new(&schema).expect("the schema compiles");
    let out = bin()
        .args(["check", "--format", "sarif", "bad"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), FindingId::ALL.len());
    let results = run["results"].as_array().unwrap();
    let (json, _) = json_of(&["bad"]);
    assert_eq!(results.len(), json["findings"].as_array().unwrap().len());
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .starts_with("bad/")
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    // A broken log fails the same validation, so the check above means something.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn exit_codes_follow_fail_on() {
    // Only warnings: clean by default, failing from --fail-on warning.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("p.html");
    std::fs::write(
        &page,
        "<a href=\"https://www.ceop.police.uk/safety-centre/\">CEOP Safety Centre</a>",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        bin()
            .arg("check")
            .args(extra)
            .arg(&page)
            .output()
            .unwrap()
            .status
            .code()
            .unwrap()
    };
    assert_eq!(run(&[]), 0);
    assert_eq!(run(&["--fail-on", "error"]), 0);
    assert_eq!(run(&["--fail-on", "warning"]), 1);
    assert_eq!(run(&["--fail-on", "info"]), 1);
    assert_eq!(json_of(&["bad"]).1, 1);
    assert_eq!(json_of(&["good"]).1, 0);
}

#[test]
fn usage_errors_exit_2() {
    bin()
        .args(["check", "no/such/path.html"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: no/such/path.html: does not exist",
        ))
        .stderr(predicates::str::contains("fix:"));
    bin().arg("check").assert().code(2);
    bin()
        .args(["check", "--fail-on", "fatal", "good"])
        .assert()
        .code(2);
    bin()
        .args(["check", "--format", "xml", "good"])
        .assert()
        .code(2);
    bin()
        .args(["check", "--fix", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--fix cannot rewrite standard input",
        ));
}

#[test]
fn stdin_is_read_with_a_name_for_its_language() {
    bin()
        .args(["check", "-", "--stdin-name", "page.md"])
        .write_stdin("[CEOP](http://www.ceop.gov.uk)\n")
        .assert()
        .code(1)
        .stdout(predicates::str::contains(
            "page.md:1:8: error[link-retired-domain] R7",
        ));
    bin()
        .args(["check", "-"])
        .write_stdin("<p>nothing to see</p>")
        .assert()
        .code(0)
        .stdout("no findings in 1 file\n");
}

#[test]
fn walking_respects_gitignore_and_skips_binary_files() {
    let out = bin()
        .args(["check", "--format", "json", "walk"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: BTreeSet<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        BTreeSet::from(["walk/latin1.html", "walk/page.html"])
    );
    assert_eq!(v["skipped"][0]["file"], "walk/binary.html");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: walk/binary.html: skipped: binary file"),
        "{stderr}"
    );
}

#[test]
fn huge_files_are_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    let mut body = "<a href=\"http://www.ceop.gov.uk\">x</a>\n".repeat(10);
    body.push_str(&" ".repeat(10 * 1024 * 1024 + 1));
    std::fs::write(&big, body).unwrap();
    bin()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr(predicates::str::contains("skipped: larger than 10 MB"))
        .stdout(predicates::str::contains(
            "(1 skipped: 1 file larger than 10 MB)",
        ));
}

#[test]
fn text_report_has_no_colour_when_not_a_terminal() {
    let out = bin().args(["check", "bad/css"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\x1b'));
    assert!(stdout.starts_with("bad/css/theme.css:3:3: error[button-resized] R5: "));
    assert!(stdout.contains("\n  fix: "));
    assert!(stdout.ends_with("5 errors, 0 warnings, 0 infos in 1 file\n"));
}

#[test]
fn malformed_input_never_panics() {
    let a = Auditor::new(&guide());
    let mut inputs: Vec<String> = Vec::new();
    let mut stack = vec![fixtures()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let bytes = std::fs::read(e.path()).unwrap();
                inputs.push(ceop_onboard::audit::decode(&bytes).into_owned());
            }
        }
    }
    for (_, content) in every_artifact() {
        inputs.push(content);
    }
    // Every prefix and suffix of every fixture, at many cut points, in every
    // kind of file, and a little deterministic noise.
    let mut seed: u64 = 0x5eed;
    let kinds = [
        FileKind::Markup,
        FileKind::Css,
        FileKind::Script,
        FileKind::Swift,
    ];
    for text in &inputs {
        let step = (text.len() / 10).max(1);
        for cut in (0..text.len()).step_by(step) {
            let cut = text.floor_char_boundary(cut);
            for piece in [&text[..cut], &text[cut..]] {
                for &kind in &kinds {
                    let _ = a.scan(&Source {
                        file: "x",
                        kind,
                        text: piece,
                        app: None,
                    });
                }
            }
        }
        let mut noisy = text.clone().into_bytes();
        for _ in 0..20 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            if noisy.is_empty() {
                break;
            }
            let i = (seed as usize) % noisy.len();
            noisy[i] = b"<>\"'{}[]()/\\=:;ceop.\n\0\xff"[(seed >> 32) as usize % 23];
        }
        let noisy = ceop_onboard::audit::decode(&noisy);
        for &kind in &kinds {
            let _ = a.scan(&Source {
                file: "x",
                kind,
                text: &noisy,
                app: None,
            });
        }
    }
}

#[test]
fn readme_documents_every_finding_with_its_rule_and_severity() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for id in FindingId::ALL {
        let row = format!("| `{id}` | {} | {} |", id.rule(), id.severity());
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
}
