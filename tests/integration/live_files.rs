//! `check URL` and the button file and robots.txt, against nginx on 127.0.0.1 serving `tests/fixtures/live`: a button given by a full or `//` address on the site is fetched and checked, one on another host is not; a button file that does not load, is a still GIF or is over 1 MB is a finding; robots.txt keeps out every kind of request. Ignored in plain `cargo test` (needs nginx-light and openssl), run by `.ci/test.sh`.

use std::path::Path;

use serde_json::Value;

use crate::live::{bin, findings, gif, requested, run};
use crate::live_servers::Nginx;

/// What nginx does beyond serving files: a redirect into a path robots.txt
/// disallows, and an error page (`text/html`) where a button file should be.
const SERVER: &str = r#"location = /to-private { return 301 /private/page.html; }
    location = /img/soft404/clickceop.gif { types { } default_type text/html; return 200 "<!DOCTYPE html><p>Page not found</p>"; }"#;

/// Copies `tests/fixtures/live` to `to` with `@PORT@` replaced, and writes
/// the button files: as issued (143×51, animated), 288×100, a PNG named
/// `.gif`, a still one, one of 2 MB.
fn write_site(to: &Path, port: u16) {
    fn copy(from: &Path, to: &Path, port: u16) {
        for entry in std::fs::read_dir(from).expect("fixture dir") {
            let entry = entry.expect("entry");
            let (src, dst) = (entry.path(), to.join(entry.file_name()));
            if src.is_dir() {
                std::fs::create_dir_all(&dst).expect("mkdir");
                copy(&src, &dst, port);
            } else {
                let text = std::fs::read_to_string(&src).expect("fixture text");
                std::fs::write(dst, text.replace("@PORT@", &port.to_string())).expect("write");
            }
        }
    }
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/live"),
        to,
        port,
    );
    let as_issued = gif(143, 51, 3);
    let mut huge = as_issued.clone();
    huge.resize(2 * 1024 * 1024, 0);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x8f\0\0\x003\x08\x02\0\0\0".to_vec();
    for (path, bytes) in [
        ("img/clickceop.gif", as_issued.clone()),
        ("img/abs/clickceop.gif", gif(288, 100, 2)),
        ("img/proto/clickceop.gif", png),
        ("img/elsewhere/clickceop.gif", as_issued.clone()),
        ("img/still/clickceop.gif", gif(143, 51, 1)),
        ("img/huge/clickceop.gif", huge),
        ("img/private/clickceop.gif", as_issued),
    ] {
        let p = to.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("write gif");
    }
}

fn serve() -> (tempfile::TempDir, Nginx, String) {
    let site = tempfile::tempdir().expect("site dir");
    let nginx = Nginx::start(site.path(), SERVER);
    write_site(site.path(), nginx.http);
    let base = format!("http://127.0.0.1:{}", nginx.http);
    (site, nginx, base)
}

/// The findings of one page: `(id, rule)`.
fn of_page(report: &Value, page: &str) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["file"] == page)
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["rule"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn a_button_file_given_by_its_full_or_protocol_relative_address_on_the_site_is_checked() {
    let (_site, nginx, base) = serve();
    let pages = [
        "absolute.html",
        "protocol-relative.html",
        "as-issued.html",
        "as-issued-relative.html",
        "other-host.html",
    ]
    .map(|p| format!("{base}/{p}"));
    let mut args: Vec<&str> = pages.iter().map(String::as_str).collect();
    args.extend(["--depth", "0"]);
    let (report, stderr, code) = run(&args);
    let log = nginx.log();
    assert_eq!(
        of_page(&report, &pages[0]),
        [("button-file-wrong-size".into(), "R5".into())],
        "{stderr}"
    );
    assert_eq!(
        of_page(&report, &pages[1]),
        [("button-file-not-gif".into(), "R5".into())],
        "{stderr}"
    );
    assert!(of_page(&report, &pages[2]).is_empty(), "{report}");
    assert!(of_page(&report, &pages[3]).is_empty(), "{report}");
    assert_eq!(code, 1);
    for (path, times) in [
        ("/img/abs/clickceop.gif", 1),
        ("/img/proto/clickceop.gif", 1),
        // By its address on one page and by its path on another: once.
        ("/img/clickceop.gif", 1),
        // localhost is another host than 127.0.0.1, whatever it serves.
        ("/img/elsewhere/clickceop.gif", 0),
    ] {
        assert_eq!(requested(&log, path), times, "{path}:\n{log}");
    }
    assert_eq!(
        of_page(&report, &pages[4]),
        [("button-hotlinked".into(), "R5".into())],
        "the page's button is judged by its address: {stderr}"
    );
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn a_button_file_that_does_not_load_is_still_or_is_too_large_is_a_finding_in_every_report() {
    let (_site, nginx, base) = serve();
    let cases = [
        (
            "missing.html",
            "button-file-unavailable",
            "R6",
            "(HTTP 404): visitors see no button",
        ),
        (
            "not-an-image.html",
            "button-file-unavailable",
            "R6",
            "is not an image (served as text/html): visitors see no button",
        ),
        (
            "still.html",
            "button-file-still",
            "R5",
            "is a still GIF (one frame); the file CEOP issues is animated (this tool's reading of R5",
        ),
        (
            "too-large.html",
            "button-file-too-large",
            "R5",
            "is larger than 1 MB (not read)",
        ),
    ];
    let pages: Vec<String> = cases.iter().map(|c| format!("{base}/{}", c.0)).collect();
    let mut args: Vec<&str> = pages.iter().map(String::as_str).collect();
    args.extend(["--depth", "0"]);
    let (report, stderr, code) = run(&args);
    assert_eq!(code, 1);
    for ((_, id, rule, says), page) in cases.iter().zip(&pages) {
        assert_eq!(
            of_page(&report, page),
            [(id.to_string(), rule.to_string())],
            "{page}: {stderr}"
        );
        let f = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| f["file"] == page.as_str())
            .expect("finding");
        let message = f["message"].as_str().expect("message");
        assert!(message.contains(says), "{message}");
        assert!(!message.contains('\n') && f["severity"] == "error", "{f}");
        assert!(
            f["fix"]
                .as_str()
                .expect("fix")
                .contains("Click CEOP GIF as issued"),
            "{f}"
        );
        assert_eq!(f["line"], 4, "{f}");
    }
    assert!(
        !stderr.contains("button file"),
        "findings, not notes: {stderr}"
    );
    assert_eq!(requested(&nginx.log(), "/img/still/clickceop.gif"), 1);

    // SARIF names the rule of each, the text report and the HTML report
    // show them too.
    let dir = tempfile::tempdir().expect("dir");
    let html = dir.path().join("report.html");
    let out = bin()
        .arg("check")
        .args(&pages)
        .args([
            "--depth", "0", "--delay", "0", "--format", "sarif", "--report",
        ])
        .arg(&html)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let sarif: Value = serde_json::from_slice(&out.stdout).expect("SARIF");
    let run = &sarif["runs"][0];
    for (_, id, rule, _) in cases {
        let rule_of = run["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} in the rules"));
        assert!(
            rule_of["properties"]["tags"]
                .as_array()
                .expect("tags")
                .contains(&Value::from(rule)),
            "{rule_of}"
        );
        assert!(
            run["results"]
                .as_array()
                .expect("results")
                .iter()
                .any(|r| r["ruleId"] == id),
            "{id}"
        );
    }
    let page = std::fs::read_to_string(&html).expect("HTML report");
    for (_, id, _, _) in cases {
        assert!(page.contains(id), "{id} in the HTML report");
    }
    let out = bin()
        .arg("check")
        .arg(&pages[2])
        .args(["--depth", "0", "--delay", "0"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("still.html:4:") && text.contains("button-file-still") && text.contains("R5"),
        "{text}"
    );
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn robots_txt_keeps_out_stylesheets_imports_button_files_sitemaps_and_redirects() {
    let (_site, nginx, base) = serve();
    let page = format!("{base}/robots.html");
    let sitemap = format!("{base}/sitemaps/private/pages.xml");
    let (report, stderr, _) = run(&[&page, "--depth", "1", "--sitemap", &sitemap]);
    let log = nginx.log();
    for path in [
        "/css/private/hidden.css",
        "/css/private/imported.css",
        "/img/private/clickceop.gif",
        "/sitemaps/private/pages.xml",
        "/private/page.html",
    ] {
        assert_eq!(requested(&log, path), 0, "{path}:\n{log}");
    }
    assert_eq!(requested(&log, "/robots.txt"), 1, "read once:\n{log}");
    assert_eq!(requested(&log, "/to-private"), 1, "{log}");
    for note in [
        format!("{base}/css/private/hidden.css: stylesheet not fetched: robots.txt disallows it"),
        format!("{base}/css/private/imported.css: stylesheet not fetched: robots.txt disallows it"),
        format!("{page}:6:"),
        format!(
            "the button file {base}/img/private/clickceop.gif is not checked: robots.txt disallows fetching it"
        ),
        format!("{sitemap}: sitemap not read: robots.txt disallows it"),
        format!("redirects to {base}/private/page.html, not followed: robots.txt disallows it"),
    ] {
        assert!(stderr.contains(&note), "{note}\n{stderr}");
    }
    assert!(findings(&report).is_empty(), "{report}");
}
