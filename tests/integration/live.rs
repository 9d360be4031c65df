//! `check URL` against real servers on 127.0.0.1 (issue 13): nginx with a multi-page site of our own over HTTP and HTTPS, tinyproxy as a forward proxy, and a TCP server that misbehaves. They need nginx-light, tinyproxy and openssl, so they are ignored in plain `cargo test` and run by `.ci/test.sh`.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

use crate::live_servers::{Misbehaving, Misbehaviour, Nginx, Tinyproxy, free_port};

const SAFETY_CENTRE: &str = "https://www.ceop.police.uk/safety-centre";

/// The tool with no proxy from the environment: test traffic stays on
/// loopback unless a test sets a proxy itself.
pub(crate) fn bin() -> Command {
    let mut c = Command::cargo_bin("ceop-onboard").expect("binary");
    for v in ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"] {
        c.env_remove(v).env_remove(v.to_ascii_lowercase());
    }
    c.timeout(Duration::from_secs(120));
    c
}

pub(crate) fn gif(w: u16, h: u16, frames: usize) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = gif::Encoder::new(&mut out, w, h, &[0, 0, 0, 255, 255, 255]).expect("gif");
        for _ in 0..frames {
            let f = gif::Frame {
                width: w,
                height: h,
                buffer: std::borrow::Cow::Owned(vec![0; usize::from(w) * usize::from(h)]),
                ..gif::Frame::default()
            };
            enc.write_frame(&f).expect("frame");
        }
    }
    out
}

/// A page whose button (`img`, with `class`) links to the Safety Centre,
/// with what the guide asks beside it, plus `extra` in the body.
fn page(img: &str, class: &str, extra: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Staying safe online</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body>
<p><a href="{SAFETY_CENTRE}"><img class="{class}" src="{img}" width="143" height="51" alt="Click CEOP – get advice or report a concern at the CEOP Safety Centre"></a></p>
<p>The <a href="{SAFETY_CENTRE}">CEOP Safety Centre</a> has clear information and advice on what can be reported to CEOP. You can visit the CEOP Safety Centre and make a report directly to CEOP by clicking the Click CEOP button.</p>
<p>If you are experiencing online bullying or something else online has worried you please speak to an adult you trust, or you can talk to Childline at any time on 0800 1111 or at www.childline.org.uk.</p>
{extra}
</body></html>
"#
    )
}

/// The fixture site: compliant and broken pages, stylesheets (one only
/// `@import`ed), button files that are right (animated, as issued), a PNG
/// renamed `.gif`, 288×100, a still one; robots.txt, a sitemap index, links off the site.
fn write_site(root: &Path, port: u16) {
    let w = |p: &str, b: &[u8]| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, b).expect("write");
    };
    let nav = format!(
        r#"<nav><a href="broken.html">b</a> <a href="/png.html">p</a> <a href="big.html#x">g</a>
<a href="still.html">a</a> <a href="old.html">o</a> <a href="/loop1">l</a> <a href="private/secret.html">s</a>
<a href="missing.html">m</a> <a href="data.json">d</a> <a href="http://localhost:{port}/offsite.html">off</a>
<a href="deep/level1.html">deep</a> <a href="mailto:office@school.example">mail</a></nav>"#
    );
    w(
        "index.html",
        page("/img/clickceop.gif", "badge", &nav).as_bytes(),
    );
    w(
        "broken.html",
        page(
            "img/clickceop.gif",
            "footer-ceop",
            r#"<a href="http://www.ceop.police.uk/safety-centre">CEOP Safety Centre</a>"#,
        )
        .as_bytes(),
    );
    w(
        "png.html",
        page("/img/ceop-renamed.gif", "badge", "").as_bytes(),
    );
    w(
        "big.html",
        page("/img/clickceop-big.gif", "badge", "").as_bytes(),
    );
    w(
        "still.html",
        page("/img/clickceop-still.gif", "badge", "").as_bytes(),
    );
    w("deep/level1.html", br#"<a href="level2.html">2</a>"#);
    w("deep/level2.html", br#"<a href="level3.html">3</a>"#);
    w("deep/level3.html", b"<p>deep</p>");
    w(
        "private/secret.html",
        page("/img/clickceop.gif", "x", "").as_bytes(),
    );
    w("offsite.html", b"<p>another site</p>");
    w(
        "from-sitemap.html",
        page(
            "/img/clickceop.gif",
            "badge",
            r#"<a href="http://www.ceop.police.uk/safety-centre">CEOP Safety Centre</a>"#,
        )
        .as_bytes(),
    );
    w(
        "data.json",
        br#"{"ceop": "https://www.ceop.police.uk/safety-centre"}"#,
    );
    w(
        "css/site.css",
        b"@import url(\"theme.css\");\nbody { margin: 0; }\n",
    );
    w(
        "css/theme.css",
        b"/* theme */\n.footer-ceop {\n  filter: grayscale(1);\n}\n",
    );
    w("img/clickceop.gif", &gif(143, 51, 3));
    w(
        "img/ceop-renamed.gif",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x8f\0\0\x003\x08\x02\0\0\0",
    );
    w("img/clickceop-big.gif", &gif(288, 100, 1));
    w("img/clickceop-still.gif", &gif(143, 51, 1));
    w("robots.txt", format!("User-agent: *\nDisallow: /private/\nSitemap: http://127.0.0.1:{port}/sitemap-index.xml\n").as_bytes());
    w("sitemap-index.xml", format!(r#"<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://127.0.0.1:{port}/sitemap-pages.xml</loc></sitemap></sitemapindex>"#).as_bytes());
    w("sitemap-pages.xml", format!(r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://127.0.0.1:{port}/from-sitemap.html</loc></url><url><loc>http://elsewhere.invalid/x.html</loc></url></urlset>"#).as_bytes());
}

const REDIRECTS: &str = "location = /old.html { return 301 /broken.html; }
    location = /loop1 { return 302 /loop2; }
    location = /loop2 { return 302 /loop1; }";

/// nginx serving the fixture site; the site's links name its HTTP port,
/// so the site is written once nginx has picked its ports.
fn serve() -> (tempfile::TempDir, Nginx) {
    let site = tempfile::tempdir().expect("site dir");
    let nginx = Nginx::start(site.path(), REDIRECTS);
    write_site(site.path(), nginx.http);
    (site, nginx)
}

pub(crate) fn run(args: &[&str]) -> (Value, String, i32) {
    let out = bin()
        .arg("check")
        .args(args)
        .args(["--format", "json", "--delay", "0"])
        .output()
        .expect("run");
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// `(id, file, line)` of every finding.
pub(crate) fn findings(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap_or("").to_string(),
                f["file"].as_str().unwrap_or("").to_string(),
                f["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

pub(crate) fn requested(log: &str, path: &str) -> usize {
    log.lines()
        .filter(|l| l.split(' ').next() == Some(path))
        .count()
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn a_live_site_is_crawled_and_judged_with_its_stylesheets_and_button_files() {
    let (_site, nginx) = serve();
    let base = format!("http://127.0.0.1:{}", nginx.http);
    let (report, stderr, code) = run(&[&format!("{base}/index.html")]);
    let log = nginx.log();
    let found = findings(&report);
    let has = |id: &str, file: &str| {
        found
            .iter()
            .any(|(i, f, _)| i == id && f == &format!("{base}/{file}"))
    };
    // A stylesheet reached only by @import is judged with the page that
    // gives the button its class, and cited at its own line.
    assert!(
        found.iter().any(|(i, f, l)| i == "button-altered"
            && f == &format!("{base}/css/theme.css")
            && *l == 3),
        "{found:?}"
    );
    assert!(has("link-insecure", "broken.html"), "{found:?}");
    assert!(has("button-file-not-gif", "png.html"), "{found:?}");
    assert!(has("button-file-wrong-size", "big.html"), "{found:?}");
    assert!(
        !found
            .iter()
            .any(|(_, f, _)| f == &format!("{base}/index.html")),
        "the compliant page: {found:?}"
    );
    assert!(has("button-file-still", "still.html"), "{found:?}");
    assert!(
        stderr.contains(&format!(
            "{base}/old.html: redirected to {base}/broken.html"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("redirect loop"), "{stderr}");
    assert_eq!(
        stderr.matches("missing.html").count(),
        1,
        "a failed page is told once: {stderr}"
    );
    assert!(stderr.contains("HTTP 404"), "{stderr}");
    assert!(
        stderr.contains("content type application/json, not text/html"),
        "{stderr}"
    );
    assert_eq!(code, 1, "errors were found");
    // Politeness and limits, as nginx saw them.
    assert_eq!(
        requested(&log, "/private/secret.html"),
        0,
        "robots.txt disallows it:\n{log}"
    );
    assert_eq!(
        requested(&log, "/offsite.html"),
        0,
        "another site's page:\n{log}"
    );
    assert_eq!(requested(&log, "/deep/level2.html"), 1, "depth 2:\n{log}");
    assert_eq!(
        requested(&log, "/deep/level3.html"),
        0,
        "beyond depth 2:\n{log}"
    );
    assert_eq!(
        requested(&log, "/from-sitemap.html"),
        0,
        "no --sitemap given:\n{log}"
    );
    assert_eq!(
        requested(&log, "/img/clickceop.gif"),
        1,
        "a button file is fetched once:\n{log}"
    );
    assert_eq!(
        requested(&log, "/css/theme.css"),
        1,
        "a stylesheet is fetched once:\n{log}"
    );
    assert!(
        log.lines().all(|l| l.contains("ua=[ceop-onboard/")),
        "User-Agent:\n{log}"
    );
    let css = log
        .lines()
        .find(|l| l.starts_with("/css/site.css "))
        .expect("site.css");
    assert!(
        !css.ends_with("gzip=-"),
        "the stylesheet came gzipped and was read: {css}"
    );
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn sarif_carries_the_url_and_depth_zero_fetches_only_the_given_page() {
    let (_site, nginx) = serve();
    let page = format!("http://127.0.0.1:{}/broken.html", nginx.http);
    let out = bin()
        .args([
            "check", &page, "--format", "sarif", "--depth", "0", "--delay", "0",
        ])
        .output()
        .expect("run");
    let sarif = String::from_utf8_lossy(&out.stdout);
    assert!(
        sarif.contains(&format!("\"uri\": \"{page}\""))
            || sarif.contains(&format!("\"uri\":\"{page}\"")),
        "{sarif}"
    );
    let log = nginx.log();
    for other in ["/index.html", "/png.html", "/big.html"] {
        assert_eq!(requested(&log, other), 0, "{other} with --depth 0:\n{log}");
    }
    assert_eq!(requested(&log, "/broken.html"), 1, "{log}");
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn a_sitemap_index_named_by_robots_txt_adds_its_pages_on_the_site_only() {
    let (_site, nginx) = serve();
    let base = format!("http://127.0.0.1:{}", nginx.http);
    let (report, stderr, _) = run(&[
        "--sitemap",
        &format!("{base}/robots.txt"),
        "--depth",
        "0",
        &format!("{base}/index.html"),
    ]);
    let found = findings(&report);
    assert!(
        found
            .iter()
            .any(|(i, f, _)| i == "link-insecure" && f == &format!("{base}/from-sitemap.html")),
        "{found:?}\n{stderr}"
    );
    assert!(!stderr.contains("elsewhere.invalid"), "{stderr}");
}

#[test]
#[ignore = "needs nginx-light and openssl (run by .ci/test.sh)"]
fn https_is_trusted_with_the_ca_file_and_refused_clearly_without() {
    let (_site, nginx) = serve();
    let page = format!("https://127.0.0.1:{}/broken.html", nginx.https);
    let ca = nginx.ca();
    let (report, stderr, _) = run(&[
        &page,
        "--depth",
        "0",
        "--ca-file",
        ca.to_str().expect("utf-8"),
    ]);
    assert!(
        findings(&report)
            .iter()
            .any(|(i, f, _)| i == "link-insecure" && f == &page),
        "{stderr}"
    );
    // Untrusted, the page is not read, and with nothing else given nothing
    // was audited: an error that says why.
    let out = bin()
        .args(["check", &page, "--depth", "0"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr.lines().filter(|l| l.contains("TLS error")).count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("error: nothing was audited"), "{stderr}");
    let bad = nginx.dir.path().join("server.key");
    let out = bin()
        .args(["check", &page, "--ca-file", bad.to_str().expect("utf-8")])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(2),
        "a --ca-file with no certificate is bad input"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no PEM certificate"));
}

#[test]
#[ignore = "needs nginx-light, openssl and tinyproxy (run by .ci/test.sh)"]
fn the_proxy_variables_send_requests_through_the_proxy_unless_no_proxy_says() {
    let (_site, nginx) = serve();
    let proxy = Tinyproxy::start();
    let page = format!("http://127.0.0.1:{}/broken.html", nginx.http);
    let via = format!("http://127.0.0.1:{}", proxy.port);
    let out = bin()
        .env("HTTP_PROXY", &via)
        .args(["check", &page, "--depth", "0", "--delay", "0"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let through = proxy.connections();
    assert!(through >= 1, "the page came through the proxy");
    assert_eq!(requested(&nginx.log(), "/broken.html"), 1);
    let out = bin()
        .env("HTTP_PROXY", &via)
        .env("NO_PROXY", "127.0.0.1")
        .args(["check", &page, "--depth", "0"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(requested(&nginx.log(), "/broken.html"), 2);
    assert_eq!(proxy.connections(), through, "NO_PROXY bypasses the proxy");
}

#[test]
#[ignore = "opens servers on 127.0.0.1 (run by .ci/test.sh)"]
fn a_page_that_never_ends_times_out_and_a_huge_one_is_refused() {
    let endless = Misbehaving::start(Misbehaviour::Endless);
    let huge = Misbehaving::start(Misbehaviour::Huge);
    let closed = free_port();
    // A file beside them, so the run has something to audit and goes on.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("p.html"), "<p>Welcome</p>").expect("write");
    let file = dir.path().join("p.html");
    let start = Instant::now();
    let (report, stderr, code) = run(&[
        file.to_str().expect("UTF-8"),
        &format!("http://127.0.0.1:{}/slow.html", endless.port),
        &format!("http://127.0.0.1:{}/huge.html", huge.port),
        &format!("http://127.0.0.1:{closed}/"),
        "--timeout",
        "3",
    ]);
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "no hang: {:?}",
        start.elapsed()
    );
    assert_eq!(code, 0);
    assert!(findings(&report).is_empty());
    assert!(
        stderr.contains("slow.html: skipped: cannot be read (timed out"),
        "{stderr}"
    );
    assert!(
        stderr.contains("huge.html: skipped: cannot be read (larger than 10 MB"),
        "{stderr}"
    );
    assert!(
        stderr.contains("connection refused") || stderr.contains("cannot connect"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 3, "one note each: {stderr}");
}

#[test]
fn a_closed_port_on_loopback_is_one_note_and_the_run_goes_on() {
    let closed = free_port();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("p.html"), "<p>Welcome</p>").expect("write");
    let page = dir.path().join("p.html");
    let (report, stderr, code) = run(&[
        page.to_str().expect("UTF-8"),
        &format!("http://127.0.0.1:{closed}/"),
    ]);
    assert_eq!(code, 0);
    assert!(findings(&report).is_empty());
    assert_eq!(report["summary"]["skipped"], 1, "{report}");
    assert!(
        stderr.contains(&format!(
            "http://127.0.0.1:{closed}/: skipped: cannot be read ("
        )),
        "{stderr}"
    );
    // With nothing but that page, nothing was audited: an error, not a pass.
    let out = bin()
        .args(["check", &format!("http://127.0.0.1:{closed}/")])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("error: nothing was audited"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_ceop_address_is_refused_without_any_request() {
    let out = bin().args(["check", SAFETY_CENTRE]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("check never fetches CEOP's servers"));
}

#[test]
fn fix_refuses_a_live_site() {
    let out = bin()
        .args(["check", "--fix", "http://127.0.0.1:9/"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--fix cannot rewrite a live site"));
}
