//! Races at the last moments of a write: what is swapped in just before
//! the file to replace is opened, and what another program puts in place
//! while a failed write is being taken back (the test-only pauses).

use std::time::{Duration, Instant};

use crate::safe_io::{FIXABLE, answers, fix_paused_at, mkfifo, paused_at, stderr, wait_for_pause};

/// The last moment: the page is still the file that was read when it is
/// looked at, and is swapped just before it is opened to compare its
/// contents. A FIFO there is not waited on, a link is not followed.
#[test]
fn fix_neither_waits_on_nor_follows_what_is_swapped_in_at_the_last_moment() {
    for (what, expected) in [
        // (The FIFO may get the freed inode's number: then it is its
        // contents, none, that differ.)
        ("fifo", "it changed after it was read"),
        ("link", "cannot be opened as the same file"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("page.html");
        std::fs::write(&page, FIXABLE).unwrap();
        let victim = dir.path().join("victim.html");
        std::fs::write(&victim, FIXABLE).unwrap();
        let (mut child, fifo) = fix_paused_at(dir.path(), "replace-open", &["page.html"]);
        let go = wait_for_pause(&mut child, &fifo);
        std::fs::remove_file(&page).unwrap();
        match what {
            "fifo" => mkfifo(&page),
            _ => std::os::unix::fs::symlink(&victim, &page).unwrap(),
        }
        drop(go);
        let start = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("{what}: the write waited on what was swapped in");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        assert!(stderr(&out).contains(expected), "{what}: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), FIXABLE);
    }
}

/// When a later file cannot be put in place, the ones already written are
/// taken back — but only a file this run created: one that another program
/// put at that name meanwhile is left alone.
#[test]
fn a_roll_back_removes_only_what_this_run_created() {
    let dir = tempfile::tempdir().unwrap();
    answers(dir.path());
    let (mut child, fifo) = paused_at(
        dir.path(),
        "staged,roll-back",
        &[
            "generate",
            "--answers",
            "answers.toml",
            "--output",
            "out.html",
            "--record",
            "r.toml",
        ],
    );
    // Staged: something takes the record's name, so it cannot be written.
    let go = wait_for_pause(&mut child, &fifo);
    std::fs::write(dir.path().join("r.toml"), "theirs").unwrap();
    drop(go);
    // Rolling back: out.html is in place; another program replaces it. (A
    // writer opened while the first pause still reads only ends that one:
    // the second is the one with out.html already there.)
    let out = dir.path().join("out.html");
    let go = loop {
        let go = wait_for_pause(&mut child, &fifo);
        if out.exists() {
            break go;
        }
        drop(go);
        std::thread::sleep(Duration::from_millis(10));
    };
    // As another atomic writer would (its own inode, renamed over).
    let theirs = dir.path().join("theirs.tmp");
    std::fs::write(&theirs, "theirs too").unwrap();
    std::fs::rename(&theirs, &out).unwrap();
    drop(go);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("something took its name"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "theirs too");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("r.toml")).unwrap(),
        "theirs"
    );
}
