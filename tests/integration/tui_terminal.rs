//! The real binary's full-screen wizard in a real terminal (tmux): a walk to
//! the result with print-on-exit, copy from the result screen (in tmux, and
//! over SSH into a tmux with `set-clipboard on`), and resume after SIGHUP.
//!
//! They need tmux (and sshd), so plain `cargo test` ignores them;
//! `.ci/test.sh` installs the tools and runs them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{generated, school_answers_file};
use crate::term::{Sshd, Tmux, osc52_tmux_conf, quoted, read, require, wait_for, write_script};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

/// From the welcome screen to the platform step, for a school.
fn walk_to_platform(tmux: &Tmux) {
    tmux.expect("Step 1 of 9 · Welcome");
    tmux.keys(&["Enter"]);
    tmux.expect("Step 2 of 9 · Guidance");
    tmux.keys(&["Space"; 11]);
    tmux.keys(&["Enter"]);
    tmux.expect("Step 3 of 9 · Your organisation");
    tmux.keys(&[
        "text:St Example Primary",
        "Enter",
        "Enter",
        "Enter",
        "Enter",
        "Enter",
    ]);
    tmux.expect("Step 4 of 9 · No endorsement");
    tmux.keys(&["Space", "Enter"]);
    tmux.expect("Step 5 of 9 · Platform");
}

/// From the welcome screen to the result, for a school website.
fn walk_to_result(tmux: &Tmux) {
    walk_to_platform(tmux);
    tmux.keys(&["Enter"]);
    tmux.expect("Step 6 of 9 · Audience");
    tmux.keys(&["Enter"]);
    tmux.expect("Step 7 of 9 · Details");
    tmux.keys(&[
        "Enter",
        "text:/images/clickceop.gif",
        "Enter",
        "Enter",
        "Enter",
    ]);
    tmux.expect("Step 8 of 9 · Review");
    tmux.keys(&["Enter"]);
    tmux.expect("html | markdown | checklist");
}

/// A pane script that runs the wizard with its session kept under `state`.
fn wizard_pane(dir: &Path, state: &Path) -> PathBuf {
    let body = format!(
        "XDG_STATE_HOME={} exec {}\n",
        quoted(state),
        quoted(Path::new(BIN))
    );
    write_script(dir, "pane.sh", &body)
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn wizard_in_tmux_prints_exactly_the_artifact_on_exit() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let out = dir.path().join("stdout");
    let rc = dir.path().join("rc");
    let pane = write_script(
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
    tmux.keys(&["p"]);
    tmux.expect("will be printed to standard output");
    tmux.keys(&["q"]);
    let code = wait_for(Duration::from_secs(15), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(code.as_deref(), Some("0\n"), "screen:\n{}", tmux.screen());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        generated(&school_answers_file(dir.path())),
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
    let pane = wizard_pane(dir.path(), &state);
    let tmux = Tmux::start("tui-hup", Path::new("/dev/null"), &pane);
    walk_to_platform(&tmux);
    let pid = tmux.display("#{pane_pid}");
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
    tmux.expect("Resume where you left off?");
    tmux.keys(&["y"]);
    let screen = tmux.expect("Step 5 of 9 · Platform");
    assert!(screen.contains("Resumed at Platform."), "{screen}");
    tmux.keys(&["Enter", "Enter"]);
    tmux.expect("Step 7 of 9 · Details");
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn copy_key_in_tmux_fills_the_paste_buffer_with_the_artifact() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let pane = wizard_pane(dir.path(), &state);
    let tmux = Tmux::start("tui-copy", Path::new("/dev/null"), &pane);
    walk_to_result(&tmux);
    tmux.keys(&["c"]);
    tmux.expect("Copied with tmux load-buffer");
    assert_eq!(
        tmux.buffer(),
        Some(generated(&school_answers_file(dir.path())))
    );
}

#[test]
#[ignore = "needs tmux and sshd: run by .ci/run"]
fn copy_key_over_ssh_reaches_the_local_tmux_buffer() {
    require("tmux", "tmux");
    require("/usr/sbin/sshd", "openssh-server");
    require("ssh", "openssh-client");
    let dir = tempfile::tempdir().unwrap();
    let expected = generated(&school_answers_file(dir.path()));
    let sshd = Sshd::start(dir.path());
    let state = dir.path().join("state");
    let remote = write_script(
        dir.path(),
        "remote.sh",
        &format!(
            "cd {}\nXDG_STATE_HOME={} exec {}\n",
            quoted(dir.path()),
            quoted(&state),
            quoted(Path::new(BIN))
        ),
    );
    let pane = write_script(
        dir.path(),
        "pane.sh",
        &format!(
            "{}\nexec cat >/dev/null\n",
            sshd.ssh_command(&format!("sh {}", quoted(&remote)))
        ),
    );
    let config = osc52_tmux_conf(dir.path());
    let tmux = Tmux::start("tui-ssh", &config, &pane);
    walk_to_result(&tmux);
    tmux.keys(&["c"]);
    tmux.expect("Sent with OSC 52");
    tmux.expect_buffer(&expected);
    tmux.keys(&["q"]);
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn ctrl_c_saves_nothing_on_the_welcome_screen_and_exits_130_at_the_resume_offer() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    let session = state.join("ceop-onboard/session.toml");
    let rc = dir.path().join("rc");
    let pane = write_script(
        dir.path(),
        "pane.sh",
        &format!(
            "XDG_STATE_HOME={} {}\necho $? >{}\nexec cat >/dev/null\n",
            quoted(&state),
            quoted(Path::new(BIN)),
            quoted(&rc)
        ),
    );
    let exit_code = |tmux: &Tmux| {
        wait_for(Duration::from_secs(15), || {
            Some(read(&rc)).filter(|s| s.ends_with('\n'))
        })
        .unwrap_or_else(|| panic!("the wizard did not exit:\n{}", tmux.screen()))
    };

    let tmux = Tmux::start("tui-ctrl-c-welcome", Path::new("/dev/null"), &pane);
    tmux.expect("Press Enter to begin");
    tmux.keys(&["C-c"]);
    assert_eq!(exit_code(&tmux), "130\n");
    assert!(!session.exists(), "an empty session was saved");
    drop(tmux);

    std::fs::create_dir_all(session.parent().unwrap()).unwrap();
    let saved = "step = \"host\"\nacknowledged = []\n\n[answers]\nread_guidance = false\n";
    std::fs::write(&session, saved).unwrap();
    std::fs::remove_file(&rc).unwrap();
    let tmux = Tmux::start("tui-ctrl-c-offer", Path::new("/dev/null"), &pane);
    let offer = tmux.expect("Resume where you left off?");
    assert!(
        offer.lines().any(|l| l.trim() == "y resume  n start again"),
        "the footer keys are the box's:\n{offer}"
    );
    tmux.keys(&["C-c"]);
    assert_eq!(exit_code(&tmux), "130\n");
    assert_eq!(read(&session), saved, "the saved session is kept as it was");
}
