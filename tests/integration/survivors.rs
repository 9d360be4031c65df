//! Bugs that once passed every test, each pinned by a test of its own: the
//! `javascript:` scheme on its own as an image address, `rel="noopener"` on
//! an email newsletter that opens a new tab, the OSC 52 "cannot be
//! confirmed" note, the mode of new and replaced files, `--fix` through a
//! symlink, resume dropping answers that no longer apply; and the mutants
//! `scripts/mutants.sh` found in `--fix` (several links in a file, a link
//! that is the whole file, empty and inverted edits).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use ceop_onboard::answers::{Answers, Audience, Key, Platform};
use ceop_onboard::render::Format;

use crate::common::{answers, artifact};
use crate::term::{Tmux, quoted, read, require, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

/// An appropriate school's email newsletter that opens the Safety Centre in a new tab.
const EMAIL_NEW_TAB: &str = r#"
read_guidance = true
uk = "yes"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "email-newsletter"
audience = "children"
image_src = "https://www.example.sch.uk/images/clickceop.gif"
new_tab = true
"#;

/// `ceop-onboard ARGS` in `dir` under `umask 022`, the usual one.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("umask 022; exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

// ---- `javascript:` as image_src, without the `(` another rule refuses ----

#[test]
fn a_script_scheme_on_its_own_is_refused_as_image_src_by_its_scheme() {
    for (src, scheme) in [
        ("javascript:void", "javascript:"),
        ("JavaScript:void", "JavaScript:"),
        ("javascript:alert%281%29", "javascript:"),
        ("vbscript:msgbox", "vbscript:"),
        ("data:image/gif;base64,R0lGODlhAQABAAAAACw=", "data:"),
        ("http://example.org/clickceop.gif", "http:"),
    ] {
        let mut a = Answers::default();
        assert_eq!(
            a.set(Key::ImageSrc, src),
            Err(format!(
                "image_src `{src}` uses the scheme `{scheme}`; use a path on your site or an https:// address"
            )),
        );
        assert_eq!(a, Answers::default(), "{src}: nothing is kept");
    }
}

#[test]
fn generate_refuses_a_javascript_image_src_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        EMAIL_NEW_TAB.replace("email-newsletter", "website") + "placement = \"safety-area\"\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "generate",
            "--answers",
            "a.toml",
            "--set",
            "image_src=javascript:void",
            "--output",
            "out.html",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr,
        "error: --set image_src: image_src `javascript:void` uses the scheme `javascript:`; use a path on your site or an https:// address\n  fix: set image_src to a path such as /images/clickceop.gif or an https:// URL\n"
    );
    assert!(!dir.path().join("out.html").exists(), "nothing is written");
}

#[test]
fn an_answers_file_with_a_javascript_image_src_is_refused_at_its_line() {
    let source = EMAIL_NEW_TAB.replace(
        "https://www.example.sch.uk/images/clickceop.gif",
        "javascript:void",
    );
    let err = Answers::from_toml("a.toml", &source)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with(
            "a.toml:10:1: image_src `javascript:void` uses the scheme `javascript:`; use a path on your site or an https:// address"
        ),
        "{err}"
    );
}

// ---- rel="noopener" on an email newsletter opened in a new tab ----

/// The opening tag of the link to the Safety Centre.
fn safety_centre_link(html: &str) -> &str {
    let start = html
        .find("<a href=\"https://www.ceop.police.uk/safety-centre\"")
        .unwrap_or_else(|| panic!("no link to the Safety Centre in\n{html}"));
    let end = start + html[start..].find('>').unwrap();
    &html[start..=end]
}

#[test]
fn email_newsletter_opening_a_new_tab_carries_rel_noopener() {
    let a = Answers::from_toml("a.toml", EMAIL_NEW_TAB).unwrap();
    let art = artifact(&a);
    let html = &art.document(Format::Html).unwrap().content;
    assert_eq!(
        safety_centre_link(html),
        "<a href=\"https://www.ceop.police.uk/safety-centre\" target=\"_blank\" rel=\"noopener\">"
    );
    insta::assert_snapshot!("email-newsletter__children__new_tab__html", html);
}

#[test]
fn email_newsletter_written_by_generate_carries_rel_noopener() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), EMAIL_NEW_TAB).unwrap();
    let out = run_in(
        dir.path(),
        &["generate", "--answers", "a.toml", "--output", "email.html"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let html = std::fs::read_to_string(dir.path().join("email.html")).unwrap();
    assert_eq!(
        safety_centre_link(&html),
        "<a href=\"https://www.ceop.police.uk/safety-centre\" target=\"_blank\" rel=\"noopener\">"
    );
}

#[test]
fn the_same_tab_gets_neither_target_nor_rel() {
    for platform in [Platform::Website, Platform::EmailNewsletter] {
        let mut a = answers(platform, Some(Audience::Children));
        a.set(Key::NewTab, "false").unwrap();
        let art = artifact(&a);
        let html = &art.document(Format::Html).unwrap().content;
        assert_eq!(
            safety_centre_link(html),
            "<a href=\"https://www.ceop.police.uk/safety-centre\">",
            "{platform}"
        );
    }
}

// ---- the OSC 52 note ----

/// `script` (util-linux, in every Debian) gives the program a terminal of its
/// own, so an OSC 52 copy has somewhere to go without tmux.
#[test]
fn an_osc52_copy_says_it_cannot_be_confirmed_and_how_to_save_instead() {
    require("script", "bsdutils");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), EMAIL_NEW_TAB).unwrap();
    let mut c = Command::new("script");
    c.args(["-q", "-e", "-c"])
        .arg(format!(
            "{} generate --answers a.toml --copy",
            quoted(Path::new(BIN))
        ))
        .arg(dir.path().join("typescript"))
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .env("SSH_TTY", "/dev/pts/9")
        .env("TERM", "dumb");
    for var in crate::term::METHOD_VARS.iter().filter(|v| **v != "SSH_TTY") {
        c.env_remove(var);
    }
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // The terminal turns each line feed into CR LF.
    let shown = String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n");
    // Exactly the artifact, as a plain OSC 52 (not wrapped for GNU screen).
    let artifact = crate::common::generated(&dir.path().join("a.toml"));
    let sequence = ceop_onboard::clipboard::osc52(&artifact);
    assert!(
        shown.contains(&sequence),
        "no plain OSC 52 of the artifact:\n{shown:?}"
    );
    assert!(!shown.contains("\x1bP"), "wrapped for screen:\n{shown:?}");
    assert!(
        shown.contains(
            "Sent to your terminal's clipboard as an OSC 52 escape sequence. This cannot be confirmed: PuTTY, GNOME Terminal and macOS Terminal ignore OSC 52"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("If pasting gives nothing, save the artifact to a file or print it instead.\n  To save it: --output FILE. To print it: --output -\n"),
        "{shown}"
    );
}

// ---- the mode of files written ----

#[cfg(unix)]
#[test]
fn new_output_files_are_0644_not_private() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), EMAIL_NEW_TAB).unwrap();
    std::fs::create_dir(dir.path().join("all")).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "generate",
            "--answers",
            "a.toml",
            "--output",
            "email.html",
            "--checklist",
            "checklist.md",
            "--record",
            "record.toml",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run_in(
        dir.path(),
        &["generate", "--answers", "a.toml", "--output-dir", "all"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut written: Vec<PathBuf> = ["email.html", "checklist.md", "record.toml"]
        .iter()
        .map(|f| dir.path().join(f))
        .collect();
    written.extend(
        std::fs::read_dir(dir.path().join("all"))
            .unwrap()
            .map(|e| e.unwrap().path()),
    );
    assert!(written.len() >= 4, "{written:?}");
    for path in written {
        assert_eq!(mode(&path), 0o644, "{}", path.display());
    }
}

#[cfg(unix)]
#[test]
fn force_keeps_the_mode_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), EMAIL_NEW_TAB).unwrap();
    let target = dir.path().join("email.html");
    std::fs::write(&target, "old").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = run_in(
        dir.path(),
        &[
            "generate",
            "--answers",
            "a.toml",
            "--output",
            "email.html",
            "--force",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(read(&target).contains("safety-centre"));
    assert_eq!(mode(&target), 0o640);
}

// ---- `--fix` through a symlink, keeping the mode ----

const WRONG_LINK: &str = "<p><a href=\"http://www.ceop.gov.uk/reportabuse/\">Report</a></p>\n";
const FIXED_LINK: &str = "<p><a href=\"https://www.ceop.police.uk/safety-centre\">Report</a></p>\n";

#[cfg(unix)]
#[test]
fn fix_through_a_symlink_rewrites_the_file_it_names_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    std::fs::write(&page, WRONG_LINK).unwrap();
    std::os::unix::fs::symlink("page.html", dir.path().join("link.html")).unwrap();
    let out = run_in(dir.path(), &["check", "--fix", "link.html"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("fixed link targets in 1 file: "),
        "{out:?}"
    );
    let link = std::fs::symlink_metadata(dir.path().join("link.html")).unwrap();
    assert!(link.file_type().is_symlink(), "the symlink was replaced");
    assert_eq!(
        std::fs::read_link(dir.path().join("link.html")).unwrap(),
        Path::new("page.html")
    );
    assert_eq!(read(&page), FIXED_LINK);
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_mode_of_the_file_it_rewrites() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    for wanted in [0o600, 0o640, 0o664, 0o755] {
        std::fs::write(&page, WRONG_LINK).unwrap();
        std::fs::set_permissions(&page, std::fs::Permissions::from_mode(wanted)).unwrap();
        let out = run_in(dir.path(), &["check", "--fix", "page.html"]);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("fixed link targets in 1 file"),
            "{out:?}"
        );
        assert_eq!(read(&page), FIXED_LINK);
        assert_eq!(mode(&page), wanted, "{wanted:o}");
    }
}

// ---- resume drops answers that no longer apply ----

/// A session saved at the platform step, whose host answer was then changed
/// to "not in the UK" by hand: the endorsement and platform no longer apply.
const STALE_SESSION: &str = r#"step = "platform"
acknowledged = ["purpose", "safety-centre", "who-may-host", "asset-integrity", "positioning", "hyperlinking", "apps", "misuse", "signposting-children", "signposting-adults"]

[answers]
read_guidance = true
organisation_name = "St Example Primary"
uk = "no"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "website"
"#;

/// Starts the wizard in tmux with `STALE_SESSION` saved; the session file's path.
fn start_with_stale_session(dir: &Path, tag: &str, term: &str) -> (Tmux, PathBuf) {
    let state = dir.join("state/ceop-onboard");
    std::fs::create_dir_all(&state).unwrap();
    let session = state.join("session.toml");
    std::fs::write(&session, STALE_SESSION).unwrap();
    let pane = crate::term::write_script(
        dir,
        "pane.sh",
        &format!(
            "cd {d}\nXDG_STATE_HOME={d}/state TERM={term} {bin}\necho $? >{d}/rc\nexec cat >/dev/null\n",
            d = quoted(dir),
            bin = quoted(Path::new(BIN)),
        ),
    );
    (Tmux::start(tag, Path::new("/dev/null"), &pane), session)
}

/// Waits for the program to end, then checks what it saved: the host answers
/// kept, the endorsement and platform gone, back at the host step.
fn assert_saved_without_stale_answers(dir: &Path, tmux: &Tmux, session: &Path) {
    let rc = wait_for(Duration::from_secs(15), || {
        Some(read(&dir.join("rc"))).filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| panic!("the program did not end:\n{}", tmux.screen()));
    assert_eq!(rc, "0\n", "{}", tmux.screen());
    let saved = read(session);
    assert!(saved.starts_with("step = \"host\"\n"), "{saved}");
    assert!(saved.contains("uk = \"no\"\n"), "{saved}");
    assert!(saved.contains("organisation = \"school\"\n"), "{saved}");
    assert!(!saved.contains("platform"), "platform kept:\n{saved}");
    assert!(
        !saved.contains("no_endorsement"),
        "endorsement kept:\n{saved}"
    );
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn plain_resume_drops_answers_that_no_longer_apply() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (tmux, session) = start_with_stale_session(dir.path(), "resume-plain", "dumb");
    tmux.expect("Resume it?");
    tmux.keys(&["1", "Enter"]);
    // Back at the host step, not at the platform.
    tmux.expect("== Step 3 of 9 · Your organisation ==");
    tmux.keys(&["text:quit", "Enter"]);
    assert_saved_without_stale_answers(dir.path(), &tmux, &session);
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn tui_resume_drops_answers_that_no_longer_apply() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (tmux, session) = start_with_stale_session(dir.path(), "resume-tui", "xterm-256color");
    tmux.expect("Resume where you left off?");
    tmux.keys(&["y"]);
    tmux.expect("Resumed at Your organisation.");
    tmux.keys(&["C-q"]);
    assert_saved_without_stale_answers(dir.path(), &tmux, &session);
}

// ---- `--fix` with several links in one file (mutants in audit/fix.rs) ----

#[test]
fn fix_rewrites_every_wrong_link_in_a_file_and_shows_each_changed_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.html");
    let line = |a: &str, b: &str| {
        format!(
            "<p><a href=\"{a}\">CEOP Safety Centre</a> <a href=\"{b}\">CEOP Safety Centre</a></p>"
        )
    };
    let centre = "https://www.ceop.police.uk/safety-centre";
    let before = [
        line(
            "http://www.ceop.gov.uk/reportabuse/",
            "https://www.ceop.police.uk/",
        ),
        "<p>Nothing to change here.</p>".to_string(),
        line(centre, "http://ceop.police.uk/safety-centre/"),
    ];
    let after = [
        line(centre, centre),
        before[1].clone(),
        line(centre, centre),
    ];
    std::fs::write(&page, before.join("\r\n") + "\r\n").unwrap();
    let out = run_in(dir.path(), &["check", "--fix", "page.html"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!(
        "--- a/page.html\n+++ b/page.html\n@@ -1,1 +1,1 @@\n-{}\n+{}\n@@ -3,1 +3,1 @@\n-{}\n+{}\n",
        before[0], after[0], before[2], after[2]
    );
    assert!(stdout.starts_with(&expected), "{stdout}");
    assert_eq!(read(&page), after.join("\r\n") + "\r\n");
}

#[test]
fn fix_rewrites_a_target_that_starts_and_ends_the_file() {
    use ceop_onboard::audit::{Edit, fix::apply};
    let old = b"http://www.ceop.gov.uk/reportabuse/";
    let whole = Edit {
        start: 0,
        end: old.len(),
        replacement: "https://www.ceop.police.uk/safety-centre".into(),
    };
    assert_eq!(
        apply(old, &[whole]),
        b"https://www.ceop.police.uk/safety-centre"
    );
    // In a text file the same address is prose, not a link target: it is
    // reported, and --fix leaves visible words alone.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, old).unwrap();
    let out = run_in(dir.path(), &["check", "--fix", "notes.txt"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("error[link-retired-domain]"),
        "{out:?}"
    );
    assert_eq!(read(&file), "http://www.ceop.gov.uk/reportabuse/");
}

/// `apply` on edits `check` never makes today, so a future finding cannot
/// corrupt a file: an empty edit inserts, an inverted one is ignored.
#[test]
fn fix_inserts_at_an_empty_edit_and_ignores_an_inverted_one() {
    use ceop_onboard::audit::{Edit, fix::apply};
    let edit = |start, end| Edit {
        start,
        end,
        replacement: "Z".into(),
    };
    assert_eq!(apply(b"abc", &[edit(1, 1)]), b"aZbc");
    assert_eq!(apply(b"abc", &[edit(3, 3)]), b"abcZ");
    assert_eq!(apply(b"abcdef", &[edit(3, 2)]), b"abcdef");
    assert_eq!(
        apply(b"abcdef", &[edit(0, 1), edit(1, 2), edit(6, 6)]),
        b"ZZcdefZ"
    );
}

/// `ceop-onboard check … | head -1`: the reader leaves early, and that is
/// not an error (ripgrep's rule): the run ends as it would have, nothing on
/// stderr.
#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    use std::io::{Read, Write};
    // Two thousand retired links: a report of a few hundred kB, more than a
    // pipe holds, so writing it meets the closed pipe.
    let page = "<p><a href=\"http://www.ceop.gov.uk/reportabuse/\">Report</a></p>\n".repeat(2000);
    let mut child = Command::new(BIN)
        .args(["check", "-", "--stdin-name", "page.html"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert_eq!(out.status.code(), Some(1), "findings, as without the pipe");
}

/// A refused `button_file` says what the key takes: the path of a local
/// copy of the GIF (not the words for `image_src` or plain "text").
#[test]
fn a_refused_button_file_says_what_it_takes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        EMAIL_NEW_TAB.replace("email-newsletter", "website") + "placement = \"safety-area\"\n",
    )
    .unwrap();
    let out = run_in(
        dir.path(),
        &[
            "generate",
            "--answers",
            "a.toml",
            "--set",
            "button_file=click\u{200b}ceop.gif",
            "--output",
            "out.html",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr
            .ends_with("\n  fix: set button_file to the path of a local copy of the button GIF\n"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.html").exists(), "nothing is written");
}
