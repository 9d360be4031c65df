//! Reads are bounded and refuse what is not a regular file; writes land only
//! on the file the user pointed to, keep its owner and mode, and are all or
//! none (`check --fix`, `generate`).

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::SCHOOL_ANSWERS;

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

/// A page `--fix` changes: its button links to a retired address.
pub(crate) const FIXABLE: &str = "<p>Worried? Get help.</p>\n<a href=\"http://www.ceop.gov.uk/reportabuse/\"><img src=\"clickceop.gif\" alt=\"Click CEOP\"></a>\n";

/// Runs `cmd` with nothing on stdin, killing it (and failing) after 20 s:
/// a hang is a failure, not a stuck test run.
fn finish(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!("hung: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn bin(dir: &Path) -> Command {
    let mut c = Command::new(BIN);
    c.current_dir(dir).env_remove("CEOP_ONBOARD_TEST_PAUSE");
    c
}

pub(crate) fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

pub(crate) fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Starts `check --fix` stopped at `point` (the test-only pause); returns
/// the child once it is waiting there, and the FIFO that lets it go on.
pub(crate) fn fix_paused_at(
    dir: &Path,
    point: &str,
    args: &[&str],
) -> (std::process::Child, PathBuf) {
    let mut all = vec!["check", "--fix"];
    all.extend(args);
    paused_at(dir, point, &all)
}

/// Starts the program with `args`, to stop at `point` (the test-only pause).
pub(crate) fn paused_at(dir: &Path, point: &str, args: &[&str]) -> (std::process::Child, PathBuf) {
    let fifo = dir.join("pause.fifo");
    mkfifo(&fifo);
    let child = Command::new(BIN)
        .current_dir(dir)
        .env(
            "CEOP_ONBOARD_TEST_PAUSE",
            format!("{point}:{}", fifo.display()),
        )
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, fifo)
}

/// Opens the pause FIFO for writing once the program has opened it for
/// reading (it is then at the pause); fails if it never gets there.
pub(crate) fn wait_for_pause(child: &mut std::process::Child, fifo: &Path) -> std::fs::File {
    use std::os::unix::fs::OpenOptionsExt;
    let start = Instant::now();
    loop {
        // O_NONBLOCK: opening a FIFO for writing fails (ENXIO) until a reader has it open.
        match std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(0o4000)
            .open(fifo)
        {
            Ok(f) => return f,
            Err(_) if start.elapsed() < Duration::from_secs(20) => {
                if let Some(status) = child.try_wait().unwrap() {
                    panic!(
                        "the program finished ({status}) without pausing between read and write"
                    );
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => panic!("the program never paused: {e}"),
        }
    }
}

#[test]
fn fix_never_writes_through_a_link_swapped_in_after_the_read() {
    for point in ["fix-read", "staged"] {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(site.join("page.html"), FIXABLE).unwrap();
        let victim = dir.path().join("victim.html");
        std::fs::write(&victim, FIXABLE).unwrap();

        let (mut child, fifo) = fix_paused_at(dir.path(), point, &["site"]);
        let go = wait_for_pause(&mut child, &fifo);
        // Another user of the web root swaps the page for a link.
        std::fs::remove_file(site.join("page.html")).unwrap();
        std::os::unix::fs::symlink(&victim, site.join("page.html")).unwrap();
        drop(go);
        let out = child.wait_with_output().unwrap();

        assert_eq!(out.status.code(), Some(2), "{point}: {}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(&victim).unwrap(),
            FIXABLE,
            "{point}: the link's target is untouched"
        );
        assert!(
            std::fs::symlink_metadata(site.join("page.html"))
                .unwrap()
                .is_symlink(),
            "{point}: the link is left as it is"
        );
        assert!(
            stderr(&out).contains("was not written"),
            "{point}: {}",
            stderr(&out)
        );
        assert_eq!(
            names(&site),
            ["page.html"],
            "{point}: no temporary file is left"
        );
    }
}

#[test]
fn fix_refuses_a_file_changed_after_the_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), FIXABLE).unwrap();
    let (mut child, fifo) = fix_paused_at(dir.path(), "fix-read", &["page.html"]);
    let go = wait_for_pause(&mut child, &fifo);
    let edited = format!("{FIXABLE}<p>edited meanwhile</p>\n");
    std::fs::write(dir.path().join("page.html"), &edited).unwrap();
    drop(go);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("changed after it was read"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("page.html")).unwrap(),
        edited
    );
}

#[test]
fn fix_follows_a_link_only_when_it_was_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.html"), FIXABLE).unwrap();
    std::os::unix::fs::symlink("real.html", dir.path().join("named.html")).unwrap();
    let mut c = bin(dir.path());
    c.args(["check", "--fix", "named.html"]);
    let out = finish(c);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(dir.path().join("named.html"))
            .unwrap()
            .is_symlink()
    );
    let fixed = std::fs::read_to_string(dir.path().join("real.html")).unwrap();
    assert!(
        fixed.contains("https://www.ceop.police.uk/safety-centre"),
        "{fixed}"
    );
}

#[test]
fn fix_keeps_owner_group_and_mode() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("theme.html");
    std::fs::write(&page, FIXABLE).unwrap();
    std::fs::set_permissions(&page, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root the test gives the file to another user, as a web server's
    // theme file would be; otherwise it keeps the runner's own.
    let root = std::fs::metadata(dir.path()).unwrap().uid() == 0;
    let other = if root { Some(33) } else { None };
    if let Some(id) = other {
        std::os::unix::fs::chown(&page, Some(id), Some(id)).unwrap();
    }
    let before = std::fs::metadata(&page).unwrap();
    let mut c = bin(dir.path());
    c.args(["check", "--fix", "theme.html"]);
    let out = finish(c);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let after = std::fs::metadata(&page).unwrap();
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("https://www.ceop.police.uk/safety-centre")
    );
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert_eq!(after.mode() & 0o7777, 0o640);
}

#[test]
fn fix_refuses_a_file_with_other_hard_links_and_changes_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join("a.html"), FIXABLE).unwrap();
    std::fs::write(site.join("b.html"), FIXABLE).unwrap();
    std::fs::hard_link(site.join("b.html"), dir.path().join("b-copy.html")).unwrap();
    let mut c = bin(dir.path());
    c.args(["check", "--fix", "site"]);
    let out = finish(c);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("hard link"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(site.join("a.html")).unwrap(),
        FIXABLE,
        "all or none: a.html is not rewritten"
    );
    assert_eq!(
        std::fs::read_to_string(site.join("b.html")).unwrap(),
        FIXABLE
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("+++"),
        "no diff of changes that were not made"
    );
    assert_eq!(names(&site), ["a.html", "b.html"]);
}

#[test]
fn fix_reports_each_file_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.html"), FIXABLE).unwrap();
    std::fs::write(dir.path().join("b.html"), FIXABLE).unwrap();
    let mut c = bin(dir.path());
    c.args(["check", "--fix", "a.html", "b.html"]);
    let out = finish(c);
    assert!(
        stderr(&out).contains("fixed link targets in 2 files: a.html, b.html"),
        "{}",
        stderr(&out)
    );
}

pub(crate) fn answers(dir: &Path) -> PathBuf {
    let p = dir.join("answers.toml");
    std::fs::write(&p, SCHOOL_ANSWERS).unwrap();
    p
}

fn generate(dir: &Path, args: &[&str]) -> Output {
    let mut c = bin(dir);
    c.args(["generate", "--answers", "answers.toml"]).args(args);
    finish(c)
}

#[test]
fn generate_refuses_two_outputs_naming_one_file_and_writes_nothing() {
    let cases: [&[&str]; 4] = [
        &["--output", "x.html", "--record", "x.html"],
        &["--output", "x.html", "--record", "./x.html", "--force"],
        &["--output-dir", "d", "--record", "d/ceop-website.html"],
        &[
            "--output",
            "x.html",
            "--checklist",
            "d/../x.html",
            "--force",
        ],
    ];
    for args in cases {
        let dir = tempfile::tempdir().unwrap();
        answers(dir.path());
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let out = generate(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("the same file"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(
            names(dir.path()),
            ["answers.toml", "d"],
            "{args:?}: nothing written"
        );
        assert!(names(&dir.path().join("d")).is_empty(), "{args:?}");
        assert!(!stderr(&out).contains("wrote"), "{args:?}: nothing claimed");
    }
}

#[test]
fn generate_refuses_a_dangling_link_before_writing_anything() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("record.toml")).unwrap();
    let out = generate(
        dir.path(),
        &["--output", "a.html", "--record", "record.toml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert!(
        !dir.path().join("a.html").exists(),
        "the artifact is not written either"
    );
}

#[test]
fn force_replaces_only_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let out = generate(dir.path(), &["--output", "out.fifo", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo_like()
    );
    // Without --force: a regression must not be able to replace the
    // system's /dev/stdout, so this never passes --force with it.
    let out = generate(dir.path(), &["--output", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(2));
    let e = stderr(&out);
    assert!(e.contains("use `-` to write to standard output"), "{e}");
    assert!(!e.contains("entity already exists"), "{e}");
}

trait FifoLike {
    fn is_fifo_like(&self) -> bool;
}
impl FifoLike for std::fs::FileType {
    fn is_fifo_like(&self) -> bool {
        std::os::unix::fs::FileTypeExt::is_fifo(self)
    }
}

#[test]
fn force_keeps_the_owner_and_mode_of_the_file_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    let out_path = dir.path().join("a.html");
    std::fs::write(&out_path, "old").unwrap();
    std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = generate(dir.path(), &["--output", "a.html", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&out_path).unwrap().mode() & 0o7777, 0o604);
}

#[test]
fn every_input_that_is_not_a_regular_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    mkfifo(&dir.path().join("fifo"));
    let tpl = dir.path().join("templates");
    std::fs::create_dir(&tpl).unwrap();
    mkfifo(&tpl.join("website.html"));
    let cases: [(&[&str], &str); 6] = [
        (&["generate", "--answers", "/dev/zero"], "character device"),
        (&["generate", "--answers", "fifo"], "FIFO"),
        (&["generate", "--answers", "."], "directory"),
        (
            &["--config", "fifo", "generate", "--answers", "answers.toml"],
            "FIFO",
        ),
        (
            &[
                "--templates",
                "templates",
                "generate",
                "--answers",
                "answers.toml",
            ],
            "FIFO",
        ),
        (
            &[
                "generate",
                "--answers",
                "answers.toml",
                "--set",
                "button_file=fifo",
            ],
            "FIFO",
        ),
    ];
    for (args, what) in cases {
        let mut c = bin(dir.path());
        c.args(args);
        let out = finish(c);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let e = stderr(&out);
        assert!(
            e.contains(what) && e.contains("not a regular file"),
            "{args:?}: {e}"
        );
        assert_eq!(e.matches("error:").count(), 1, "{args:?}: one message: {e}");
    }
}

#[test]
fn an_answers_file_over_its_cap_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("{SCHOOL_ANSWERS}\n#{}\n", "x".repeat(2 * 1024 * 1024));
    std::fs::write(dir.path().join("answers.toml"), big).unwrap();
    let out = generate(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("too big"), "{}", stderr(&out));
}

#[test]
fn generate_with_stdout_closed_fails_and_claims_nothing() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    let out = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{BIN}' generate --answers answers.toml --record r.toml >&-"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("standard output is closed"),
        "{}",
        stderr(&out)
    );
    assert!(
        !dir.path().join("r.toml").exists(),
        "nothing is written when the artifact cannot be"
    );
    // A shell's >/dev/null is the user's choice, not a closed output.
    let out = Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{BIN}' generate --answers answers.toml >/dev/null"
        ))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn help_to_a_full_disk_fails() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for arg in ["--help", "--version"] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("'{BIN}' {arg} >/dev/full"))
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0), "{arg}: {}", stderr(&out));
    }
}

#[test]
fn a_rename_that_fails_part_way_puts_back_what_was_already_replaced() {
    for force in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        answers(dir.path());
        if force {
            std::fs::write(dir.path().join("a.html"), "old").unwrap();
        }
        let mut args = vec![
            "generate",
            "--answers",
            "answers.toml",
            "--output",
            "a.html",
            "--record",
            "b.toml",
        ];
        if force {
            args.push("--force");
        }
        let (mut child, fifo) = paused_at(dir.path(), "staged", &args);
        let go = wait_for_pause(&mut child, &fifo);
        // Someone creates the second target between the checks and the renames.
        std::fs::write(dir.path().join("b.toml"), "theirs").unwrap();
        drop(go);
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "force={force}: {}",
            stderr(&out)
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("b.toml")).unwrap(),
            "theirs"
        );
        if force {
            // With --force b.toml is replaced too; but a.html was checked as
            // an existing file and b.toml as a new one, so b.toml fails.
            assert_eq!(
                std::fs::read_to_string(dir.path().join("a.html")).unwrap(),
                "old",
                "a.html is put back"
            );
        } else {
            assert!(
                !dir.path().join("a.html").exists(),
                "a.html is removed again"
            );
        }
        let mut left = names(dir.path());
        left.retain(|n| n.starts_with(".ceop-onboard-"));
        assert!(
            left.is_empty(),
            "no temporary file or backup is left: {left:?}"
        );
        assert!(!stderr(&out).contains("wrote"), "nothing claimed");
    }
}
