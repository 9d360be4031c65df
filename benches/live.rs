//! Wall time and peak memory of `ceop-onboard check URL` crawling a generated 2,000-page site served by nginx on 127.0.0.1, beside `wget --recursive` of the same site.
//!
//! ```sh
//! cargo build --release && cargo bench --bench live    # needs nginx-light and wget
//! CEOP_BENCH_PAGES=5000 cargo bench --bench live
//! ```
//!
//! The site: an index linking to 40 section pages, each linking to its
//! share of the pages; every page links back to the index and its section,
//! loads one stylesheet, and one page in twenty hosts the button. Both
//! tools start from the index with 50 levels allowed, no delay; `wget`
//! writes its copy into a temporary directory. Peak memory is the child's
//! maximum resident set (wait4). It is not part of `cargo test`.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECTIONS: usize = 40;

fn write_site(root: &Path, pages: usize) {
    let w = |p: String, b: String| {
        let p = root.join(p);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, b).expect("write");
    };
    let filler = "<p>Our school keeps pupils safe online. Parents can read the policy, the term dates and the newsletter here.</p>\n".repeat(30);
    let head = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body>";
    let links: String = (0..SECTIONS)
        .map(|s| format!("<a href=\"/s{s}/index.html\">Section {s}</a>\n"))
        .collect();
    w(
        "index.html".into(),
        format!("{head}{links}{filler}</body></html>"),
    );
    w(
        "css/site.css".into(),
        ".badge { border: 0 }\nbody { margin: 0 }\n".into(),
    );
    for s in 0..SECTIONS {
        let mine: String = (0..pages)
            .filter(|p| p % SECTIONS == s)
            .map(|p| format!("<a href=\"/s{s}/p{p}.html\">Page {p}</a>\n"))
            .collect();
        w(
            format!("s{s}/index.html"),
            format!("{head}<a href=\"/index.html\">Home</a>{mine}{filler}</body></html>"),
        );
    }
    for p in 0..pages {
        let s = p % SECTIONS;
        let button = if p % 20 == 0 {
            "<p><a href=\"https://www.ceop.police.uk/safety-centre\"><img class=\"badge\" src=\"/img/clickceop.gif\" width=\"143\" height=\"51\" alt=\"Click CEOP – get advice or report a concern at the CEOP Safety Centre\"></a></p>"
        } else {
            ""
        };
        w(
            format!("s{s}/p{p}.html"),
            format!(
                "{head}<a href=\"/index.html\">Home</a> <a href=\"/s{s}/index.html\">Section</a>{button}{filler}</body></html>"
            ),
        );
    }
    let mut gif = b"GIF89a\x8f\x00\x33\x00\x00\x00\x00".to_vec();
    gif.extend_from_slice(b",\x00\x00\x00\x00\x8f\x00\x33\x00\x00\x02\x02\x44\x01\x00;");
    std::fs::create_dir_all(root.join("img")).expect("img");
    std::fs::write(root.join("img/clickceop.gif"), gif).expect("gif");
}

/// Runs a command to the end; its wall time and peak resident memory (KB).
fn measure(cmd: &mut Command) -> (Duration, i64) {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; `usage` is a valid, owned struct.
    let r = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(r > 0, "wait4");
    let elapsed = start.elapsed();
    // Reaped by wait4 already: this only drops the handle.
    let _ = child.try_wait();
    (elapsed, usage.ru_maxrss)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let pages: usize = std::env::var("CEOP_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/ceop-onboard");
    assert!(bin.exists(), "build it first: cargo build --release");
    let site = tempfile::tempdir().expect("site");
    write_site(site.path(), pages);
    let dir = tempfile::tempdir().expect("nginx dir");
    let d = dir.path();
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port")
        .port();
    std::fs::write(
        d.join("nginx.conf"),
        format!(
            "worker_processes 1;\nerror_log {d}/error.log;\npid {d}/nginx.pid;\nuser root root;\nevents {{ worker_connections 256; }}\nhttp {{ types {{ text/html html; text/css css; image/gif gif; }} access_log off; client_body_temp_path {d}/tmp; proxy_temp_path {d}/tmp; fastcgi_temp_path {d}/tmp;\n server {{ listen 127.0.0.1:{port}; root {root}; }} }}\n",
            d = d.display(),
            root = site.path().display()
        ),
    )
    .expect("conf");
    let mut nginx = Command::new("nginx")
        .arg("-e")
        .arg(d.join("error.log"))
        .arg("-c")
        .arg(d.join("nginx.conf"))
        .arg("-p")
        .arg(d)
        .args(["-g", "daemon off;"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx (apt-get install nginx-light)");
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "nginx did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let url = format!("http://127.0.0.1:{port}/index.html");
    let total = pages + SECTIONS + 1;
    let max = (total + 10).to_string();
    let (check_t, check_m) = measure(
        Command::new(&bin)
            .args([
                "check",
                "--format",
                "json",
                "--depth",
                "50",
                "--delay",
                "0",
                "--max-pages",
                &max,
                &url,
            ])
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy"),
    );
    // Once more, to show what was read (not timed).
    let out = Command::new(&bin)
        .args([
            "check",
            "--format",
            "json",
            "--depth",
            "50",
            "--delay",
            "0",
            "--max-pages",
            &max,
            &url,
        ])
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .output()
        .expect("check");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let copy = tempfile::tempdir().expect("wget dir");
    let (wget_t, wget_m) = measure(
        Command::new("wget")
            .args(["--recursive", "--level=50", "-q", "--no-proxy", "-P"])
            .arg(copy.path())
            .arg(&url),
    );
    // SIGTERM: the master stops its workers (a SIGKILL would orphan them).
    if let Ok(pid) = libc::pid_t::try_from(nginx.id()) {
        // SAFETY: signals our own child, by its pid.
        unsafe { libc::kill(pid, libc::SIGTERM) };
    }
    let _ = nginx.wait();
    println!(
        "site: {total} pages on nginx at 127.0.0.1, one stylesheet, the button on one page in twenty"
    );
    println!("command                                               wall      peak RSS");
    println!(
        "ceop-onboard check --depth 50 --delay 0 URL      {:>7.2} s  {:>7.1} MB",
        check_t.as_secs_f64(),
        check_m as f64 / 1024.0
    );
    println!(
        "wget --recursive --level=50 -q URL               {:>7.2} s  {:>7.1} MB",
        wget_t.as_secs_f64(),
        wget_m as f64 / 1024.0
    );
    let fetched = walkdir_count(copy.path());
    println!(
        "check audited {} pages and stylesheets ({} findings); wget saved {fetched} files",
        report["summary"]["files"],
        report["findings"].as_array().map_or(0, Vec::len)
    );
    println!(
        "ratio (check / wget): {:.2}",
        check_t.as_secs_f64() / wget_t.as_secs_f64()
    );
}

fn walkdir_count(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walkdir_count(&p) } else { 1 }
            })
            .sum()
    })
}
