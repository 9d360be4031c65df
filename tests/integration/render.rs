//! `check --render` in Debian's real Chromium, on pages of our own: each way a
//! page can spoil the button is found at the widths where it happens and
//! nowhere else; a compliant page has no finding; nothing is left behind
//! and nothing is loaded from off the site.
//!
//! Needs Chromium, so plain `cargo test` ignores it; `.ci/test.sh` runs it.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::term::require;

const CHROMIUM: &str = "/usr/bin/chromium";

/// A real GIF of `w`×`h`: a checker of two colours. Each code is 8 bits
/// (minimum code size 7) and the table is cleared every 100 pixels, so it
/// never grows past 8 bits and no compression is needed.
pub fn gif(w: u16, h: u16) -> Vec<u8> {
    let mut v = b"GIF89a".to_vec();
    v.extend(w.to_le_bytes());
    v.extend(h.to_le_bytes());
    v.extend([0xF6, 0, 0]); // a global table of 128 colours
    for i in 0..128u8 {
        v.extend(match i {
            0 => [0x1f, 0x3a, 0x93],
            1 => [0xff, 0xd4, 0x00],
            _ => [0, 0, 0],
        });
    }
    v.push(0x2C);
    v.extend([0, 0, 0, 0]);
    v.extend(w.to_le_bytes());
    v.extend(h.to_le_bytes());
    v.push(0);
    v.push(7);
    let (w, h) = (usize::from(w), usize::from(h));
    let mut codes = Vec::new();
    for i in 0..w * h {
        if i % 100 == 0 {
            codes.push(128);
        }
        let (x, y) = (i % w, i / w);
        codes.push(u8::from((x / 8 + y / 8) % 2 == 1));
    }
    codes.push(129);
    for block in codes.chunks(255) {
        v.push(block.len() as u8);
        v.extend(block);
    }
    v.push(0);
    v.push(0x3B);
    v
}

const SIGNPOSTING: &str = "CEOP helps any child or young person under the age of 18 who is being pressured, forced or tricked into taking part in sexual activity of any kind. You can visit the CEOP Safety Centre for information and advice and make a report directly to CEOP.";

/// A page holding the button as issued in a link to the Safety Centre with
/// the signposting text beside it; `head` and `after` spoil it.
fn page(head: &str, image: &str, wrap: (&str, &str), after: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Help</title>\n{head}\n</head>\n<body>\n<main>\n<h1>Help</h1>\n<div class=\"help\">\n<p>{}<a href=\"https://www.ceop.police.uk/safety-centre\"><img class=\"ceop-badge\" src=\"../img/{image}\" width=\"143\" height=\"51\" alt=\"Click CEOP – get advice or report a concern at the CEOP Safety Centre\"></a>{}</p>\n<p class=\"signposting\">{SIGNPOSTING}</p>\n</div>\n</main>\n{after}\n</body>\n</html>\n",
        wrap.0, wrap.1
    )
}

/// The fixture site: pages in `pages/`, each spoiling the button one way
/// through a stylesheet in `styles/`; images in `img/`.
pub fn write_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    for d in ["pages", "styles", "img"] {
        std::fs::create_dir_all(site.join(d)).unwrap();
    }
    std::fs::write(site.join("img/clickceop.gif"), gif(143, 51)).unwrap();
    std::fs::write(site.join("img/clickceop-2x.gif"), gif(288, 100)).unwrap();
    let styles = [
        (
            "shrink.css",
            ".ceop-badge { max-width: 100px; height: auto; }",
        ),
        (
            "phone.css",
            "@media (max-width: 479px) { .ceop-badge { display: none; } }",
        ),
        (
            "crop.css",
            ".crop { display: inline-block; width: 80px; overflow: hidden; }",
        ),
        (
            "banner.css",
            ".cookies { position: fixed; left: 0; right: 0; top: 0; height: 400px; background: #fff; z-index: 10; }",
        ),
        ("push.css", ".ceop-badge { margin-left: -60px; }"),
    ];
    for (name, css) in styles {
        std::fs::write(site.join("styles").join(name), css).unwrap();
    }
    let link = |css: &str| format!("<link rel=\"stylesheet\" href=\"../styles/{css}\">");
    let pages = [
        ("compliant.html", page("", "clickceop.gif", ("", ""), "")),
        (
            "shrunk.html",
            page(&link("shrink.css"), "clickceop.gif", ("", ""), ""),
        ),
        (
            "phone-hidden.html",
            page(&link("phone.css"), "clickceop.gif", ("", ""), ""),
        ),
        (
            "cropped.html",
            page(
                &link("crop.css"),
                "clickceop.gif",
                ("<span class=\"crop\">", "</span>"),
                "",
            ),
        ),
        (
            "covered.html",
            page(
                &link("banner.css"),
                "clickceop.gif",
                ("", ""),
                "<div class=\"cookies\"><p>We use cookies.</p></div>",
            ),
        ),
        (
            "off-page.html",
            page(&link("push.css"), "clickceop.gif", ("", ""), ""),
        ),
        ("retina.html", page("", "clickceop-2x.gif", ("", ""), "")),
    ];
    for (name, html) in pages {
        std::fs::write(site.join("pages").join(name), html).unwrap();
    }
    site
}

/// Runs `check --render --format json` on `pages` with a TMPDIR and HOME of
/// its own; the exit code and findings. Fails if anything is left in either.
fn check(dir: &Path, pages: &[PathBuf], extra: &[&str]) -> (i32, Vec<Value>) {
    let tmp = dir.join("tmp");
    let home = dir.join("home");
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .arg("check")
        .arg("--render")
        .args(["--browser", CHROMIUM, "--format", "json"])
        .args(extra)
        .args(pages)
        .env("TMPDIR", &tmp)
        .env("HOME", &home)
        .output()
        .expect("ceop-onboard runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    for d in [&tmp, &home] {
        let left: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert!(left.is_empty(), "left behind in {}: {left:?}", d.display());
    }
    (
        out.status.code().unwrap_or(-1),
        doc["findings"].as_array().unwrap().clone(),
    )
}

/// `(id, message)` of every finding on `page`.
fn on<'a>(findings: &'a [Value], page: &str) -> Vec<(&'a str, &'a str)> {
    findings
        .iter()
        .filter(|f| f["file"].as_str().unwrap().ends_with(page))
        .map(|f| (f["id"].as_str().unwrap(), f["message"].as_str().unwrap()))
        .collect()
}

#[test]
#[ignore = "needs Chromium: run by .ci/test.sh"]
fn each_spoiled_button_is_found_at_the_right_widths_and_the_compliant_page_has_none() {
    require(CHROMIUM, "chromium");
    let dir = tempfile::tempdir().unwrap();
    let site = write_site(dir.path());
    let names = [
        "compliant.html",
        "shrunk.html",
        "phone-hidden.html",
        "cropped.html",
        "covered.html",
        "off-page.html",
        "retina.html",
    ];
    let pages: Vec<PathBuf> = names.iter().map(|n| site.join("pages").join(n)).collect();
    let (code, findings) = check(dir.path(), &pages, &[]);
    assert_eq!(code, 1);
    let every = "at every width (360, 768 and 1280 px)";
    assert_eq!(on(&findings, "compliant.html"), [], "{findings:#?}");
    assert_eq!(
        on(&findings, "shrunk.html"),
        [(
            "button-resized",
            &*format!("in a browser, the button is drawn at 100×35.7, not 143×51 {every}")
        )]
    );
    let hidden = on(&findings, "phone-hidden.html");
    assert_eq!(hidden.len(), 1, "{hidden:?}");
    assert_eq!(hidden[0].0, "button-hidden");
    assert!(
        hidden[0].1.ends_with("(display: none) at 360 px wide"),
        "{hidden:?}"
    );
    let cropped = on(&findings, "cropped.html");
    assert_eq!(cropped.len(), 1, "{cropped:?}");
    assert_eq!(cropped[0].0, "button-cropped");
    assert!(
        cropped[0]
            .1
            .contains("cropped to 80×51 by <span class=\"crop\">"),
        "{cropped:?}"
    );
    assert!(cropped[0].1.ends_with(every));
    let covered = on(&findings, "covered.html");
    assert_eq!(covered.len(), 1, "{covered:?}");
    assert_eq!(covered[0].0, "button-hidden");
    assert!(
        covered[0]
            .1
            .contains("covered at its centre by <div class=\"cookies\">")
    );
    assert!(covered[0].1.ends_with(every));
    let off = on(&findings, "off-page.html");
    assert_eq!(off.len(), 1, "{off:?}");
    assert_eq!(off[0].0, "button-off-page");
    assert!(off[0].1.contains("px past the left edge"), "{off:?}");
    assert!(off[0].1.ends_with(every));
    let retina = on(&findings, "retina.html");
    assert!(
        retina.iter().all(|(id, _)| *id == "button-file-wrong-size"),
        "drawn at 143×51, so no other finding: {retina:?}"
    );
    assert!(
        retina
            .iter()
            .any(|(_, m)| m.contains("an image of 288×100")),
        "{retina:?}"
    );
}

#[test]
#[ignore = "needs Chromium: run by .ci/test.sh"]
fn signposting_hidden_on_phones_is_missing_at_that_width_only() {
    require(CHROMIUM, "chromium");
    let dir = tempfile::tempdir().unwrap();
    let site = write_site(dir.path());
    std::fs::write(
        site.join("styles/quiet.css"),
        "@media (max-width: 479px) { .signposting { display: none; } }",
    )
    .unwrap();
    let quiet = site.join("pages/quiet.html");
    std::fs::write(
        &quiet,
        page(
            "<link rel=\"stylesheet\" href=\"../styles/quiet.css\">",
            "clickceop.gif",
            ("", ""),
            "",
        ),
    )
    .unwrap();
    let (code, findings) = check(dir.path(), &[quiet], &[]);
    assert_eq!(code, 0, "a warning alone does not fail: {findings:#?}");
    let found = on(&findings, "quiet.html");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "no-signposting");
    assert!(found[0].1.ends_with("at 360 px wide"), "{found:?}");
}

#[test]
fn a_missing_browser_is_named_with_its_package() {
    let out = assert_cmd::Command::cargo_bin("ceop-onboard")
        .unwrap()
        .args(["check", "--render", "-"])
        .env("PATH", "/nonexistent")
        .write_stdin("<a href=\"https://www.ceop.police.uk/safety-centre\">x</a>")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("`chromium` package"), "{stderr}");
}

/// `python3 -m http.server` on 127.0.0.1, serving `dir`, logging to `log`.
struct Server {
    child: std::process::Child,
    port: u16,
}

impl Server {
    fn start(dir: &Path, log: &Path) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .current_dir(dir)
            .stdout(std::fs::File::create(log.with_extension("out")).unwrap())
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .expect("python3 runs");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Server { child, port };
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
        panic!("python3 -m http.server did not start");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
#[ignore = "needs Chromium and python3: run by .ci/test.sh"]
fn a_page_served_over_http_is_drawn_and_nothing_off_the_site_is_loaded() {
    use ceop_onboard::audit::render::{ToRender, render};
    use ceop_onboard::audit::{Auditor, FileKind, FindingId, Origin, Source};

    require(CHROMIUM, "chromium");
    require("python3", "python3");
    let dir = tempfile::tempdir().unwrap();
    let site = write_site(dir.path());
    // Another server on loopback: a stylesheet there would hide the button.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("hide.css"), ".ceop-badge { display: none; }").unwrap();
    let other = Server::start(&elsewhere, &dir.path().join("other.log"));
    let server = Server::start(&site, &dir.path().join("site.log"));

    let head = format!(
        "<link rel=\"stylesheet\" href=\"../styles/shrink.css\">\n<link rel=\"stylesheet\" href=\"http://127.0.0.1:{}/hide.css\">\n<link rel=\"stylesheet\" href=\"https://www.ceop.police.uk/x.css\">",
        other.port
    );
    let text = page(&head, "clickceop.gif", ("", ""), "");
    std::fs::write(site.join("pages/served.html"), &text).unwrap();
    let url = format!("http://127.0.0.1:{}/pages/served.html", server.port);

    let auditor = Auditor::new(&crate::common::guide());
    let pages = [ToRender {
        origin: Origin::Url(url.clone()),
        url: url.clone(),
        source: Source {
            file: &url,
            kind: FileKind::Markup,
            text: &text,
            app: None,
        },
    }];
    let mut findings = Vec::new();
    let pictures = render(
        &auditor,
        &pages,
        Some(Path::new(CHROMIUM)),
        true,
        &mut findings,
    )
    .unwrap();
    let ids: Vec<FindingId> = findings.iter().map(|f| f.id).collect();
    assert_eq!(ids, [FindingId::ButtonResized], "{findings:#?}");
    assert!(findings[0].message.contains("drawn at 100×35.7"));
    assert_eq!(pictures.len(), 3, "one picture per width");
    assert!(pictures.iter().all(|p| p.png.starts_with(b"\x89PNG")));

    drop(server);
    drop(other);
    let site_log = std::fs::read_to_string(dir.path().join("site.log")).unwrap();
    assert!(site_log.contains("GET /styles/shrink.css"), "{site_log}");
    let other_log = std::fs::read_to_string(dir.path().join("other.log")).unwrap();
    assert!(!other_log.contains("GET"), "off the site: {other_log}");
}

/// The command lines of the processes that name `dir`.
fn processes_naming(dir: &Path) -> Vec<String> {
    let needle = dir.to_string_lossy().into_owned();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
            let cmdline = String::from_utf8_lossy(&cmdline).replace('\0', " ");
            if cmdline.contains(&needle) {
                found.push(cmdline);
            }
        }
    }
    found
}

/// `check --render` on 200 copies of the compliant page, with a TMPDIR and
/// HOME of its own (returned), once its browser is up and drawing pages.
fn long_run(dir: &Path) -> (std::process::Child, PathBuf, PathBuf) {
    let site = write_site(dir);
    let compliant = std::fs::read_to_string(site.join("pages/compliant.html")).unwrap();
    for i in 0..200 {
        std::fs::write(site.join(format!("pages/copy-{i}.html")), &compliant).unwrap();
    }
    let (tmp, home) = (dir.join("tmp"), dir.join("home"));
    std::fs::create_dir_all(&tmp).unwrap();
    std::fs::create_dir_all(&home).unwrap();
    let mut run = Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .args([
            "check",
            "--render",
            "--browser",
            CHROMIUM,
            "--format",
            "json",
        ])
        .arg(site.join("pages"))
        .env("TMPDIR", &tmp)
        .env("HOME", &home)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while processes_naming(&tmp).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no browser started"
        );
        assert!(run.try_wait().unwrap().is_none(), "the run ended early");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(1500));
    assert!(run.try_wait().unwrap().is_none(), "the run ended early");
    (run, tmp, home)
}

/// Sends SIGINT to `child`, as Ctrl-C in a terminal would.
fn interrupt(child: &std::process::Child) {
    // SAFETY: a plain system call on the child's pid, not yet reaped.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
}

/// The inodes of the TCP sockets listening on this machine (IPv4 and IPv6).
fn listening_sockets() -> Vec<String> {
    let mut inodes = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            // State 0A is LISTEN; the tenth field is the socket's inode.
            if fields.get(3) == Some(&"0A") && fields.len() > 9 {
                inodes.push(fields[9].to_string());
            }
        }
    }
    inodes
}

#[test]
#[ignore = "needs Chromium: run by .ci/test.sh"]
fn the_browser_listens_on_no_tcp_port_another_user_could_connect_to() {
    require(CHROMIUM, "chromium");
    let dir = tempfile::tempdir().unwrap();
    let (mut run, tmp, _) = long_run(dir.path());
    let listening = listening_sockets();
    let needle = tmp.to_string_lossy().into_owned();
    let (mut browser, mut open) = (0, Vec::new());
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains(&needle) {
            continue;
        }
        browser += 1;
        let fds = std::fs::read_dir(entry.path().join("fd"));
        for fd in fds.into_iter().flatten().flatten() {
            let target = std::fs::read_link(fd.path()).unwrap_or_default();
            let target = target.to_string_lossy().into_owned();
            let inode = target
                .strip_prefix("socket:[")
                .and_then(|t| t.strip_suffix(']'));
            if inode.is_some_and(|i| listening.iter().any(|l| l == i)) {
                open.push(format!("{}: {target}", entry.path().display()));
            }
        }
    }
    // Stopped as Ctrl-C stops it, so that it removes its profile.
    interrupt(&run);
    run.wait().unwrap();
    assert!(browser > 0, "the browser was not found running");
    assert_eq!(open, Vec::<String>::new(), "sockets listening");
}

#[test]
#[ignore = "needs Chromium: run by .ci/test.sh"]
fn ctrl_c_stops_the_browser_removes_its_profile_and_exits_by_the_signal() {
    use std::os::unix::process::ExitStatusExt;

    require(CHROMIUM, "chromium");
    let dir = tempfile::tempdir().unwrap();
    let (mut run, tmp, home) = long_run(dir.path());
    interrupt(&run);
    let stopping = Instant::now();
    let status = loop {
        if let Some(status) = run.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopping.elapsed() < Duration::from_secs(30),
            "Ctrl-C did not stop the run"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    for d in [&tmp, &home] {
        let left: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        assert!(left.is_empty(), "left behind in {}: {left:?}", d.display());
    }
    // The browser's helpers may take a moment to notice it is gone.
    let gone = Instant::now();
    while !processes_naming(&tmp).is_empty() && gone.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        processes_naming(&tmp),
        Vec::<String>::new(),
        "still running"
    );
}
