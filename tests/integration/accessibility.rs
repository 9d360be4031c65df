//! Every generated HTML document, and the onboarding record's HTML page,
//! has no axe-core violations, checked in
//! Debian's headless Chromium (driven by `tests/axe.js` over the DevTools
//! protocol, on any Node from 12 on) inside the same minimal page the Nu
//! HTML Checker sees.
//!
//! Needs Chromium, Node and axe-core, so plain `cargo test` ignores it;
//! `.ci/test.sh` installs them and runs it. Missing tools fail the test,
//! they never skip it.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::html_validity::{write_pages, write_rendered_report, write_reports};
use crate::term::require;

const CHROMIUM: &str = "/usr/bin/chromium";

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn require_npm_package(name: &str) {
    let path = project()
        .join("node_modules")
        .join(name)
        .join("package.json");
    assert!(
        path.is_file(),
        "{} not found: run `npm install` in the project (bash .ci/test.sh does)",
        path.display()
    );
}

/// One violation as a reader needs it: rule, impact, help, and each element.
fn describe(file: &str, v: &Value) -> String {
    let mut s = format!(
        "{file}: {} ({}): {}\n  {}\n",
        v["id"].as_str().unwrap_or("?"),
        v["impact"].as_str().unwrap_or("?"),
        v["help"].as_str().unwrap_or("?"),
        v["helpUrl"].as_str().unwrap_or("")
    );
    for node in v["nodes"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "  at {}: {}\n    {}\n",
            node["target"],
            node["html"].as_str().unwrap_or("?"),
            node["summary"]
                .as_str()
                .unwrap_or("")
                .replace('\n', "\n    ")
        ));
    }
    s
}

/// Runs `tests/axe.js` once over all `files`; returns every violation,
/// described. Any failure to run shows the helper's stderr.
pub fn axe(files: &[PathBuf]) -> Vec<String> {
    let out = Command::new("node")
        .arg(project().join("tests/axe.js"))
        .args(files)
        .env("CHROMIUM", CHROMIUM)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // 0: none found, 1: violations found; anything else means axe did not run.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "axe-core could not run ({}):\n{stderr}{stdout}",
        out.status
    );
    let results: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}\n{stderr}")))
        .collect();
    let checked: Vec<&str> = results.iter().filter_map(|r| r["file"].as_str()).collect();
    let expected: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert_eq!(
        checked, expected,
        "axe-core did not check every page once ({}); its stderr:\n{stderr}",
        out.status
    );
    let mut found = Vec::new();
    for r in &results {
        let file = Path::new(r["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // A page where no rule applied was not really checked.
        assert!(
            r["passes"].as_u64().unwrap_or(0) > 0,
            "{file}: axe-core passed no rule; its stderr:\n{stderr}"
        );
        for v in r["violations"].as_array().into_iter().flatten() {
            found.push(describe(&file, v));
        }
    }
    assert_eq!(
        out.status.code() == Some(0),
        found.is_empty(),
        "the exit code agrees with the report:\n{stderr}"
    );
    found
}

#[test]
#[ignore = "needs Chromium and node packages: run by .ci/run"]
fn every_html_artifact_and_record_has_no_axe_violations() {
    require(CHROMIUM, "chromium");
    require("node", "nodejs");
    require_npm_package("axe-core");
    let dir = tempfile::tempdir().unwrap();
    let mut files = write_pages(dir.path());
    files.extend(crate::record::write_record_pages(dir.path()));
    let violations = axe(&files);
    assert!(
        violations.is_empty(),
        "axe-core found {} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
#[ignore = "needs Chromium and node packages: run by .ci/run"]
fn a_page_axe_cannot_load_fails_with_the_helpers_stderr() {
    require(CHROMIUM, "chromium");
    require("node", "nodejs");
    require_npm_package("axe-core");
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.html");
    let failure = std::panic::catch_unwind(|| axe(std::slice::from_ref(&missing)))
        .expect_err("a page that does not exist cannot be checked");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("axe.js: ") && message.contains("missing.html did not load"),
        "the failure does not show why:\n{message}"
    );
}

#[test]
#[ignore = "needs Chromium and node packages: run by .ci/run"]
fn the_check_report_has_no_axe_violations() {
    require(CHROMIUM, "chromium");
    require("node", "nodejs");
    require_npm_package("axe-core");
    let dir = tempfile::tempdir().unwrap();
    let mut files = write_reports(dir.path());
    files.push(write_rendered_report(dir.path()));
    let violations = axe(&files);
    assert!(
        violations.is_empty(),
        "axe-core found {} violations:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
