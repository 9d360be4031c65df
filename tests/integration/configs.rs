//! The embedded wizard.toml is valid; every broken one is refused with the
//! file, line and a fix, exit code 2.

use assert_cmd::Command;
use ceop_onboard::guide::{EMBEDDED, Guide};
use ceop_onboard::rules::RuleId;

#[test]
fn embedded_wizard_toml_validates() {
    let g = Guide::load("wizard.toml", EMBEDDED).unwrap();
    assert_eq!(
        g.facts.safety_centre_url,
        "https://www.ceop.police.uk/safety-centre"
    );
    assert_eq!((g.facts.button_width, g.facts.button_height), (143, 51));
    assert_eq!(g.version, "Version 3 – March 2017");
}

/// `default-config` is the start of a custom configuration: written to a
/// file and given back with `--config`, it decides and writes exactly what
/// the embedded one does.
#[test]
fn default_config_given_back_with_config_gives_the_same_artifact() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("ceop-onboard")
        .unwrap()
        .arg("default-config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let config = dir.path().join("wizard.toml");
    std::fs::write(&config, &out.stdout).unwrap();
    let answers = crate::common::school_answers_file(dir.path());
    let generate = |config: Option<&std::path::Path>| {
        let mut c = Command::cargo_bin("ceop-onboard").unwrap();
        if let Some(config) = config {
            c.arg("--config").arg(config);
        }
        let out = c
            .args(["generate", "--checklist", "-", "--answers"])
            .arg(&answers)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        (out.stdout, out.stderr)
    };
    let (custom, embedded) = (generate(Some(&config)), generate(None));
    assert!(!embedded.0.is_empty());
    assert_eq!(custom, embedded);
}

#[test]
fn every_rule_is_cited_by_the_guide() {
    let g = Guide::embedded();
    for r in RuleId::ALL {
        let cited = g.sections.iter().any(|s| s.rules.contains(&r))
            || g.questions.iter().any(|q| q.rules.contains(&r))
            || g.reasons.values().any(|x| x.rule == r)
            || g.checklist.iter().any(|c| c.rules.contains(&r));
        assert!(cited, "{r} is not cited");
    }
}

#[test]
fn current_ceop_education_address_is_shown_and_the_printed_one_called_retired() {
    let g = Guide::embedded();
    assert_eq!(g.facts.ceop_education_email, "ceopeducation@nca.gov.uk");
    let section = g
        .sections
        .iter()
        .find(|s| s.rules.contains(&RuleId::R4))
        .unwrap();
    assert!(section.body.contains("ceopeducation@nca.gov.uk"));
    assert!(section.body.contains("ceopeducation@nca.x.gsi.gov.uk"));
    assert!(section.body.contains("retired"));
}

#[test]
fn every_broken_config_fails_with_file_line_and_fix() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/invalid_configs"
    );
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "at least 10 broken configs");
    for case in cases {
        let expected = std::fs::read_to_string(case.with_extension("expected")).unwrap();
        let (line, message) = expected.trim_end().split_once('\n').unwrap();
        for args in [
            vec!["answers-template"],
            vec!["generate", "--set", "read_guidance=true"],
        ] {
            let out = Command::cargo_bin("ceop-onboard")
                .unwrap()
                .arg("--config")
                .arg(&case)
                .args(&args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{}: {stderr}", case.display());
            assert!(
                out.stdout.is_empty(),
                "{}: nothing on stdout",
                case.display()
            );
            let location = format!("{}:{line}:", case.display());
            assert!(
                stderr.contains(&location),
                "{}: expected {location} in\n{stderr}",
                case.display()
            );
            assert!(
                stderr.contains(message),
                "{}: expected `{message}` in\n{stderr}",
                case.display()
            );
            assert!(
                stderr.contains("fix: "),
                "{}: a fix is offered",
                case.display()
            );
            assert_eq!(stderr.matches("error:").count(), 1, "one message");
        }
    }
}
