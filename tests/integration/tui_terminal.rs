//! The real binary's full-screen wizard in a real terminal (tmux): a walk to
//! the result with print-on-exit, copy from the result screen (in tmux, and
//! over SSH into a tmux with `set-clipboard on`), and resume after SIGHUP.
//!
//! They need tmux (and sshd), so plain `cargo test` ignores them;
//! `.ci/test.sh` installs the tools and runs them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::term::{Sshd, Tmux, quoted, read, require, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

/// The answers the walk below gives, as an answers file.
const WALKED: &str = r#"
read_guidance = true
organisation_name = "St Example Primary"
uk = "yes"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "website"
audience = "children"
placement = "safety-area"
image_src = "/images/clickceop.gif"
new_tab = false
"#;

fn expected_html(dir: &Path) -> Vec<u8> {
    let answers = dir.join("walked.toml");
    std::fs::write(&answers, WALKED).unwrap();
    let out = std::process::Command::new(BIN)
        .args(["generate", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    out.stdout
}

fn keys(tmux: &Tmux, keys: &[&str]) {
    for k in keys {
        let out = if let Some(text) = k.strip_prefix("text:") {
            tmux.cmd()
                .args(["send-keys", "-t", "w", "-l", text])
                .output()
                .unwrap()
        } else {
            tmux.cmd()
                .args(["send-keys", "-t", "w", k])
                .output()
                .unwrap()
        };
        assert!(out.status.success(), "send-keys {k}: {out:?}");
        // One key at a time, as a person types: an Esc followed at once by a
        // letter would read as Alt+letter.
        std::thread::sleep(Duration::from_millis(30));
    }
}

fn expect_screen(tmux: &Tmux, text: &str) -> String {
    wait_for(Duration::from_secs(15), || {
        Some(tmux.screen()).filter(|s| s.contains(text))
    })
    .unwrap_or_else(|| panic!("the screen never showed “{text}”:\n{}", tmux.screen()))
}

/// From the welcome screen to the result, for a school website.
fn walk_to_result(tmux: &Tmux) {
    expect_screen(tmux, "Step 1 of 9 · Welcome");
    keys(tmux, &["Enter"]);
    expect_screen(tmux, "Step 2 of 9 · Guidance");
    keys(tmux, &["Space"; 11]);
    keys(tmux, &["Enter"]);
    expect_screen(tmux, "Step 3 of 9 · Your organisation");
    keys(
        tmux,
        &[
            "text:St Example Primary",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    expect_screen(tmux, "Step 4 of 9 · No endorsement");
    keys(tmux, &["Space", "Enter"]);
    expect_screen(tmux, "Step 5 of 9 · Platform");
    keys(tmux, &["Enter"]);
    expect_screen(tmux, "Step 6 of 9 · Audience");
    keys(tmux, &["Enter"]);
    expect_screen(tmux, "Step 7 of 9 · Details");
    keys(
        tmux,
        &[
            "Enter",
            "text:/images/clickceop.gif",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    expect_screen(tmux, "Step 8 of 9 · Review");
    keys(tmux, &["Enter"]);
    expect_screen(tmux, "html | markdown | checklist");
}

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn wizard_in_tmux_prints_exactly_the_artifact_on_exit() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let out = dir.path().join("stdout");
    let rc = dir.path().join("rc");
    let pane = script(
        dir.path(),
        "pane.sh",
        &format!(
            "XDG_STATE_HOME={} {} >{}\necho $? >{}\nexec cat >/dev/null\n",
            quoted(&state),
            quoted(Path::new(BIN)),
            quoted(&out),
            quoted(&rc)
        ),
    );
    let tmux = Tmux::start("tui-walk", Path::new("/dev/null"), &pane);
    walk_to_result(&tmux);
    let result = tmux.screen();
    assert!(
        result.contains("Your organisation may host the Click CEOP button"),
        "{result}"
    );
    assert!(result.contains("width=\"143\" height=\"51\""), "{result}");
    keys(&tmux, &["p"]);
    expect_screen(&tmux, "will be printed to standard output");
    keys(&tmux, &["q"]);
    let code = wait_for(Duration::from_secs(15), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(code.as_deref(), Some("0\n"), "screen:\n{}", tmux.screen());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        expected_html(dir.path()),
        "stdout is exactly the artifact"
    );
    assert!(
        !state.join("ceop-onboard/session.toml").exists(),
        "a finished wizard forgets its saved session"
    );
    // The terminal is back on the main screen: the wizard's frame is gone.
    let after = tmux.screen();
    assert!(!after.contains("Step 9 of 9"), "{after}");
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn sighup_mid_wizard_loses_nothing_and_the_next_start_offers_resume() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let pane = script(
        dir.path(),
        "pane.sh",
        &format!(
            "XDG_STATE_HOME={} exec {}\n",
            quoted(&state),
            quoted(Path::new(BIN))
        ),
    );
    let tmux = Tmux::start("tui-hup", Path::new("/dev/null"), &pane);
    expect_screen(&tmux, "Welcome");
    keys(&tmux, &["Enter"]);
    keys(&tmux, &["Space"; 11]);
    keys(
        &tmux,
        &[
            "Enter",
            "text:St Example Primary",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    keys(&tmux, &["Space", "Enter"]);
    expect_screen(&tmux, "Step 5 of 9 · Platform");
    let pid = tmux
        .cmd()
        .args(["display", "-p", "-t", "w", "#{pane_pid}"])
        .output()
        .unwrap();
    let pid = String::from_utf8(pid.stdout).unwrap().trim().to_string();
    let kill = std::process::Command::new("kill")
        .args(["-HUP", &pid])
        .status()
        .unwrap();
    assert!(kill.success());
    let gone = wait_for(Duration::from_secs(10), || {
        (!Path::new(&format!("/proc/{pid}")).exists()).then_some(())
    });
    assert!(gone.is_some(), "the wizard did not exit on SIGHUP");
    drop(tmux);

    let saved = read(&state.join("ceop-onboard/session.toml"));
    assert!(saved.contains("step = \"platform\""), "{saved}");
    assert!(
        saved.contains("organisation_name = \"St Example Primary\""),
        "{saved}"
    );

    let tmux = Tmux::start("tui-resume", Path::new("/dev/null"), &pane);
    expect_screen(&tmux, "Resume where you left off?");
    keys(&tmux, &["y"]);
    let screen = expect_screen(&tmux, "Step 5 of 9 · Platform");
    assert!(screen.contains("Resumed at Platform."), "{screen}");
    keys(&tmux, &["Enter", "Enter"]);
    expect_screen(&tmux, "Step 7 of 9 · Details");
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn copy_key_in_tmux_fills_the_paste_buffer_with_the_artifact() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let pane = script(
        dir.path(),
        "pane.sh",
        &format!(
            "XDG_STATE_HOME={} exec {}\n",
            quoted(&state),
            quoted(Path::new(BIN))
        ),
    );
    let tmux = Tmux::start("tui-copy", Path::new("/dev/null"), &pane);
    walk_to_result(&tmux);
    keys(&tmux, &["c"]);
    expect_screen(&tmux, "Copied with tmux load-buffer");
    assert_eq!(tmux.buffer(), Some(expected_html(dir.path())));
}

#[test]
#[ignore = "needs tmux and sshd: run by .ci/run"]
fn copy_key_over_ssh_reaches_the_local_tmux_buffer() {
    require("tmux", "tmux");
    require("/usr/sbin/sshd", "openssh-server");
    require("ssh", "openssh-client");
    let dir = tempfile::tempdir().unwrap();
    let expected = expected_html(dir.path());
    let sshd = Sshd::start(dir.path());
    let state = dir.path().join("state");
    let remote = script(
        dir.path(),
        "remote.sh",
        &format!(
            "cd {}\nXDG_STATE_HOME={} exec {}\n",
            quoted(dir.path()),
            quoted(&state),
            quoted(Path::new(BIN))
        ),
    );
    let pane = script(
        dir.path(),
        "pane.sh",
        &format!(
            "{}\nexec cat >/dev/null\n",
            sshd.ssh_command(&format!("sh {}", quoted(&remote)))
        ),
    );
    let config = script(dir.path(), "tmux.conf", "set -g set-clipboard on\n");
    let tmux = Tmux::start("tui-ssh", &config, &pane);
    walk_to_result(&tmux);
    keys(&tmux, &["c"]);
    expect_screen(&tmux, "Sent with OSC 52");
    let buffer = wait_for(Duration::from_secs(10), || {
        tmux.buffer().filter(|b| *b == expected)
    });
    assert!(
        buffer.is_some(),
        "tmux's buffer is not the artifact:\n{}",
        String::from_utf8_lossy(&tmux.buffer().unwrap_or_default())
    );
    keys(&tmux, &["q"]);
}
