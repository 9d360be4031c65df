//! How far `check` looks beyond the files it is given: a root-relative
//! image (`/img/…`) is looked for up to the directory that was named and
//! never above it; a browser extension is told by a `manifest.json` in the
//! file's own directory or one above it inside what was named; a file
//! swapped for a FIFO after it was looked at is refused, and a named file
//! that cannot be read is an error that says why; one that grows past the
//! cap after it was opened is skipped as too big, not audited cut short.

use std::path::Path;

use serde_json::Value;

use crate::render::gif;
use crate::safe_io::{paused_at, stderr, wait_for_pause};

const BUTTON: &str = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="/img/clickceop.gif" alt="Click CEOP"></a>"#;

fn write(dir: &Path, path: &str, bytes: &[u8]) {
    let p = dir.join(path);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

/// `check --format json ARGS` in `dir`: the exit code and each finding as
/// (file, id).
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<(String, String)>) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .current_dir(dir)
        .env_remove("CEOP_ONBOARD_TEST_PAUSE")
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    let found = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (out.status.code(), found)
}

fn has(found: &[(String, String)], file: &str, id: &str) -> bool {
    found.iter().any(|(f, i)| f == file && i == id)
}

#[test]
fn a_file_named_alone_has_its_root_relative_image_looked_for_only_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    // A shrunken copy above the page's directory, and one beside it.
    write(dir.path(), "site/img/clickceop.gif", &gif(100, 36));
    write(dir.path(), "site/sub/page.html", BUTTON.as_bytes());
    write(dir.path(), "other/page.html", BUTTON.as_bytes());
    write(dir.path(), "other/img/clickceop.gif", &gif(100, 36));

    let (_, found) = check(dir.path(), &["site/sub/page.html", "other/page.html"]);
    assert!(
        has(&found, "other/page.html", "button-file-wrong-size"),
        "the copy beside the page is read: {found:?}"
    );
    assert!(
        !has(&found, "site/sub/page.html", "button-file-wrong-size"),
        "nothing above the named file's directory is read: {found:?}"
    );
}

#[test]
fn a_walk_looks_for_a_root_relative_image_up_to_the_walked_directory_and_not_above() {
    let dir = tempfile::tempdir().unwrap();
    // Inside the walked directory, two levels above the page: found.
    write(dir.path(), "inside/site/img/clickceop.gif", &gif(100, 36));
    write(dir.path(), "inside/site/a/b/page.html", BUTTON.as_bytes());
    // Only above the walked directory: never read.
    write(dir.path(), "outside/img/clickceop.gif", &gif(100, 36));
    write(dir.path(), "outside/site/a/page.html", BUTTON.as_bytes());

    let (_, found) = check(dir.path(), &["inside/site", "outside/site"]);
    assert!(
        has(
            &found,
            "inside/site/a/b/page.html",
            "button-file-wrong-size"
        ),
        "{found:?}"
    );
    assert!(
        !has(&found, "outside/site/a/page.html", "button-file-wrong-size"),
        "{found:?}"
    );
}

const POPUP: &str = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="clickceop.gif" width="143" height="51" alt="Click CEOP"></a>"#;

#[test]
fn an_extension_is_told_from_a_manifest_above_the_file_and_by_content_scripts_alone() {
    let dir = tempfile::tempdir().unwrap();
    // Manifest two directories up from the page, inside the walked tree.
    write(
        dir.path(),
        "tree/helper/manifest.json",
        br#"{"manifest_version": 3, "name": "Helper"}"#,
    );
    write(
        dir.path(),
        "tree/helper/ui/popup/popup.html",
        POPUP.as_bytes(),
    );
    // A manifest with content scripts and no version.
    write(
        dir.path(),
        "tree/shield/manifest.json",
        br#"{"name": "Shield", "content_scripts": []}"#,
    );
    write(dir.path(), "tree/shield/popup.html", POPUP.as_bytes());
    // JSON that names neither: not an extension.
    write(
        dir.path(),
        "tree/pwa/manifest.json",
        br#"{"name": "School app", "start_url": "/"}"#,
    );
    write(dir.path(), "tree/pwa/index.html", POPUP.as_bytes());

    let (_, found) = check(dir.path(), &["tree"]);
    for file in ["tree/helper/ui/popup/popup.html", "tree/shield/popup.html"] {
        assert!(has(&found, file, "button-in-app"), "{file}: {found:?}");
    }
    assert!(
        !has(&found, "tree/pwa/index.html", "button-in-app"),
        "{found:?}"
    );
}

#[test]
fn a_file_named_with_no_directory_is_told_by_the_manifest_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "manifest.json",
        br#"{"manifest_version": 3, "name": "Helper"}"#,
    );
    write(dir.path(), "popup.html", POPUP.as_bytes());
    let (_, found) = check(dir.path(), &["popup.html"]);
    assert!(has(&found, "popup.html", "button-in-app"), "{found:?}");
}

#[test]
fn a_manifest_of_one_megabyte_is_read_and_one_byte_more_is_not() {
    const CAP: usize = 1024 * 1024;
    let manifest = |len: usize| {
        let head = r#"{"manifest_version": 3, "name": "Helper"}"#;
        let mut m = head.to_string();
        m.push_str(&" ".repeat(len - head.len()));
        m
    };
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "exact/manifest.json", manifest(CAP).as_bytes());
    write(dir.path(), "exact/popup.html", POPUP.as_bytes());
    write(
        dir.path(),
        "over/manifest.json",
        manifest(CAP + 1).as_bytes(),
    );
    write(dir.path(), "over/popup.html", POPUP.as_bytes());
    let (_, found) = check(dir.path(), &["exact", "over"]);
    assert!(
        has(&found, "exact/popup.html", "button-in-app"),
        "{found:?}"
    );
    assert!(
        !has(&found, "over/popup.html", "button-in-app"),
        "{found:?}"
    );
}

#[test]
fn a_file_swapped_for_a_fifo_after_it_was_looked_at_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site/page.html", POPUP.as_bytes());
    let (mut child, fifo) = paused_at(dir.path(), "check-read", &["check", "site/page.html"]);
    let go = wait_for_pause(&mut child, &fifo);
    let page = dir.path().join("site/page.html");
    std::fs::remove_file(&page).unwrap();
    crate::safe_io::mkfifo(&page);
    drop(go);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("site/page.html: is not a regular file or a directory"),
        "{}",
        stderr(&out)
    );
}

/// `/proc/self/mem` says it is a regular file and fails to read at its
/// start: a named file that cannot be read is an error that says why, not
/// called a FIFO.
#[test]
fn a_named_file_that_fails_to_read_is_an_error_that_says_why() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "page.html", POPUP.as_bytes());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .current_dir(dir.path())
        .env_remove("CEOP_ONBOARD_TEST_PAUSE")
        .args(["check", "page.html", "/proc/self/mem"])
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(
        err.contains("/proc/self/mem: cannot be read (Input/output error"),
        "{err}"
    );
    assert!(!err.contains("not a regular file"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(out.stdout.is_empty(), "nothing is reported half-way");
}

#[test]
fn a_file_that_grows_past_the_cap_after_it_was_opened_is_skipped_as_too_big() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let link = "<a href=\"http://www.ceop.gov.uk/reportabuse/\">Report</a>\n";
    write(dir.path(), "page.html", link.as_bytes());
    let (mut child, fifo) = paused_at(
        dir.path(),
        "check-opened",
        &["check", "--format", "json", "page.html"],
    );
    let go = wait_for_pause(&mut child, &fifo);
    let mut page = std::fs::OpenOptions::new()
        .append(true)
        .open(dir.path().join("page.html"))
        .unwrap();
    let filler = format!("<!-- {} -->\n", "x".repeat(1024 * 1024));
    for _ in 0..11 {
        page.write_all(filler.as_bytes()).unwrap();
    }
    drop(page);
    drop(go);
    let out = child.wait_with_output().unwrap();
    let json: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(0),
        "not audited cut at the cap: {json}"
    );
    assert!(
        json.to_string().contains("page.html"),
        "said to be skipped: {json}"
    );
}

/// A page given by its address is fetched, and so are the pages of a
/// `--sitemap` given beside paths; where nothing listens, each says why it
/// was not read, and a run that read nothing of the site given is an
/// error. `--fix` refuses both: a live site is not rewritten.
#[test]
fn addresses_and_sitemaps_beside_paths_are_fetched_and_never_fixed() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.html", BUTTON.as_bytes());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
            .current_dir(dir.path())
            .args(["check", "--timeout", "5"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let page = format!("http://127.0.0.1:{port}/");
    let sitemap = format!("http://127.0.0.1:{port}/sitemap.xml");
    // Nothing read of a site given only by address is not "no findings".
    assert_eq!(
        run(&[&page]),
        (
            Some(2),
            String::new(),
            format!(
                "note: {page}: skipped: cannot be read (connection refused)\n\
                 error: nothing was audited: no page of the site could be read (the notes above say why)\n  \
                 fix: check the address, and that this machine can reach the site (a proxy is taken from HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)\n"
            )
        )
    );
    // Beside a path, the run goes on with what it could read.
    let (code, out, err) = run(&["p.html", &page]);
    assert_eq!(code, Some(0));
    assert!(
        out.ends_with("in 1 file (1 skipped: 1 file that cannot be read)\n"),
        "{out}"
    );
    assert_eq!(
        err,
        format!("note: {page}: skipped: cannot be read (connection refused)\n")
    );
    let (code, out, err) = run(&["p.html", "--sitemap", &sitemap]);
    assert_eq!(code, Some(0));
    assert!(out.ends_with("in 1 file\n"), "{out}");
    assert_eq!(
        err,
        format!("note: {sitemap}: sitemap not read: connection refused\n")
    );
    for args in [
        vec!["--fix", page.as_str()],
        vec!["--fix", "p.html", "--sitemap", &sitemap],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(err.contains("--fix cannot rewrite a live site"), "{err}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.html")).unwrap(),
        BUTTON
    );
}

/// Files a walk passes over without reading are counted on stderr, in
/// words that fit the count: those in no language `check` reads, and those
/// hidden by a name that starts with a dot or by ignore rules.
#[test]
fn files_passed_over_are_counted_in_words() {
    let notes = |files: &[&str]| {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "p.html", BUTTON.as_bytes());
        write(dir.path(), ".ignore", b"x*.html\n");
        for f in files {
            write(dir.path(), f, b"");
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
            .current_dir(dir.path())
            .args(["check", "."])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(notes(&[]), "");
    assert_eq!(
        notes(&["a.rst", ".h.html"]),
        "note: skipped 1 file in a language check does not read (by extension); `--format json` lists them\n\
         note: skipped 1 file or folder hidden by ignore rules or a hidden name; --no-ignore reads them\n"
    );
    assert_eq!(
        notes(&["a.rst", "b.rst", "sub/.h.html", "x1.html"]),
        "note: skipped 2 files in a language check does not read (by extension); `--format json` lists them\n\
         note: skipped 2 files or folders hidden by ignore rules or a hidden name; --no-ignore reads them\n"
    );
}
