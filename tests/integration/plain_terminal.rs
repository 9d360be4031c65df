//! The real binary's plain mode in a real terminal (tmux), along the same
//! path as the full-screen test: the line prompter under TERM=dumb (no
//! escape sequences at all) and inquire's prompts with --plain. Both must
//! print exactly the artifact `generate` gives.

use std::path::Path;
use std::time::Duration;

use crate::common::{generated, school_answers_file};
use crate::term::{Tmux, quoted, read, require, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

fn wait_rc(rc: &Path, tmux: &Tmux, err: &Path) -> String {
    wait_for(Duration::from_secs(30), || {
        Some(read(rc)).filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| {
        panic!(
            "the program did not finish; screen:\n{}\nstderr:\n{}",
            tmux.screen(),
            read(err)
        )
    })
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn plain_lines_under_term_dumb_print_the_artifact_and_no_escape_sequences() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (err, out, rc) = (
        dir.path().join("err"),
        dir.path().join("out"),
        dir.path().join("rc"),
    );
    let pane = dir.path().join("pane.sh");
    std::fs::write(
        &pane,
        format!(
            "cd {d}\nXDG_STATE_HOME={d}/state TERM=dumb {bin} 2>{err} >{out}\necho $? >{rc}\nexec cat >/dev/null\n",
            d = quoted(dir.path()),
            bin = quoted(Path::new(BIN)),
            err = quoted(&err),
            out = quoted(&out),
            rc = quoted(&rc)
        ),
    )
    .unwrap();
    let tmux = Tmux::start("plain-dumb", Path::new("/dev/null"), &pane);
    wait_for(Duration::from_secs(10), || {
        Some(read(&err)).filter(|s| s.contains("Start?"))
    })
    .expect("the welcome prompt");
    // Lines are read one at a time, so they can be typed ahead.
    let mut lines: Vec<&str> = vec!["", "", "", "", "", "", "", "", "", "", ""]; // start, 10 sections
    lines.extend([
        "1",                  // I confirm I have read it (never the default)
        "St Example Primary", // name
        "",
        "",
        "",
        "",  // UK, serves, school, content
        "1", // no endorsement: confirmed (never the default)
        "",
        "", // website, children
        "", // safety area
        "/images/clickceop.gif",
        "",   // no button file
        "",   // new tab: no
        "",   // continue to the result
        "10", // print the html to standard output
        "14", // quit
    ]);
    for l in lines {
        if !l.is_empty() {
            tmux.keys(&[&format!("text:{l}")]);
        }
        tmux.keys(&["Enter"]);
    }
    assert_eq!(wait_rc(&rc, &tmux, &err), "0\n");
    let raw = std::fs::read(&err).unwrap();
    assert!(
        !raw.contains(&0x1b),
        "an escape sequence in plain output:\n{}",
        String::from_utf8_lossy(&raw)
    );
    let text = String::from_utf8(raw).unwrap();
    assert!(
        text.contains("Your organisation may host the Click CEOP button"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        generated(&school_answers_file(dir.path()))
    );
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn plain_flag_with_inquire_prompts_prints_the_same_artifact() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (out, rc) = (dir.path().join("out"), dir.path().join("rc"));
    let pane = dir.path().join("pane.sh");
    std::fs::write(
        &pane,
        format!(
            "cd {d}\nXDG_STATE_HOME={d}/state {bin} --plain >{out}\necho $? >{rc}\nexec cat >/dev/null\n",
            d = quoted(dir.path()),
            bin = quoted(Path::new(BIN)),
            out = quoted(&out),
            rc = quoted(&rc)
        ),
    )
    .unwrap();
    let tmux = Tmux::start("plain-inquire", Path::new("/dev/null"), &pane);
    let expect = |text: &str| {
        wait_for(Duration::from_secs(10), || {
            Some(tmux.screen()).filter(|s| s.contains(text))
        })
        .unwrap_or_else(|| panic!("never showed “{text}”:\n{}", tmux.screen()));
    };
    expect("Start?");
    tmux.keys(&["Enter"]);
    for _ in 0..10 {
        expect("Have you read this section?");
        tmux.keys(&["Enter"]);
    }
    expect("I have read the guidance in full");
    // The list starts on "No": a confirmation is chosen, never defaulted.
    tmux.keys(&["Up", "Enter"]);
    expect("Your organisation's name");
    tmux.keys(&["text:St Example Primary", "Enter"]);
    for _ in 0..4 {
        tmux.keys(&["Enter"]);
    }
    expect("I understand that hosting the button");
    tmux.keys(&["Up", "Enter"]);
    expect("Where will children or families find the link?");
    tmux.keys(&["Enter"]);
    expect("Who is it for?");
    tmux.keys(&["Enter", "Enter"]);
    expect("Where is the unmodified button GIF hosted");
    tmux.keys(&["text:/images/clickceop.gif", "Enter"]);
    expect("Path to a local copy of the GIF");
    tmux.keys(&["Enter"]);
    expect("Open the Safety Centre in a new tab");
    tmux.keys(&["Enter"]);
    expect("Is this right?");
    tmux.keys(&["Enter"]);
    expect("What next?");
    tmux.keys(&["text:Print the html", "Enter"]);
    expect("What next?");
    tmux.keys(&["text:Quit", "Enter"]);
    let code = wait_for(Duration::from_secs(20), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(code.as_deref(), Some("0\n"), "screen:\n{}", tmux.screen());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        generated(&school_answers_file(dir.path()))
    );
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn a_small_window_asks_plainly_says_why_wraps_at_words_and_ctrl_c_exits_130() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("rc");
    let state = dir.path().join("state");
    let pane = dir.path().join("pane.sh");
    // The window the program sees is 60×20, below the full screen's 80×24.
    std::fs::write(
        &pane,
        format!(
            "stty cols 60 rows 20\nXDG_STATE_HOME={s} {bin}\necho $? >{rc}\nexec cat >/dev/null\n",
            s = quoted(&state),
            bin = quoted(Path::new(BIN)),
            rc = quoted(&rc)
        ),
    )
    .unwrap();
    let tmux = Tmux::start("plain-small", Path::new("/dev/null"), &pane);
    let screen = wait_for(Duration::from_secs(10), || {
        Some(tmux.screen()).filter(|s| s.contains("Start?"))
    })
    .unwrap_or_else(|| panic!("no welcome prompt:\n{}", tmux.screen()));
    // The whole pane, its scrolled-off history included.
    let out = tmux
        .cmd()
        .args(["capture-pane", "-p", "-S", "-", "-t", "w"])
        .output()
        .unwrap();
    let history = String::from_utf8_lossy(&out.stdout).into_owned();
    let text = history.split("Start?").next().unwrap();
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("the window is 60×20, smaller than the 80×24"),
        "{screen}"
    );
    for line in text.lines() {
        assert!(
            line.chars().count() <= 60,
            "a line not wrapped to the window:\n{line}\n\n{screen}"
        );
    }
    tmux.keys(&["C-c"]);
    assert_eq!(wait_rc(&rc, &tmux, &rc), "130\n");
    assert!(
        !state.join("ceop-onboard/session.toml").exists(),
        "nothing to save on the welcome screen"
    );
}
