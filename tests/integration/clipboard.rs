//! `generate --copy` end to end: tmux with its default settings, OSC 52 from
//! the far side of SSH into a tmux with `set-clipboard on`, OSC 52 through
//! GNU screen's passthrough, and the X11 clipboard under Xvfb after the
//! program has exited.
//!
//! Each needs tools outside Rust (tmux, sshd, screen, Xvfb, xclip), so they
//! are ignored by plain `cargo test`; `.ci/test.sh` installs the tools and
//! runs them, and a missing tool fails the test. Every process a test starts is
//! stopped by a guard's `Drop`, also when the test fails; socket names,
//! ports and displays are unique, so the tests run in parallel.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use assert_cmd::Command as BinCommand;

use crate::term::{
    METHOD_VARS, Sshd, Started, Tmux, osc52_tmux_conf, quoted, read, require, wait_for,
    write_script,
};

use crate::common::{generated, school_answers_file};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

/// A script that runs `generate --copy` on `answers`, keeping its stderr and
/// exit code in the two files.
fn copy_script(answers: &Path, stderr: &Path, rc: &Path) -> String {
    format!(
        "{} generate --answers {} --copy 2>{}\necho $? >{}\n",
        quoted(Path::new(BIN)),
        quoted(answers),
        quoted(stderr),
        quoted(rc)
    )
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn copy_in_tmux_with_default_settings_fills_the_paste_buffer() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let expected = generated(&answers);

    let script = dir.path().join("pane.sh");
    let (stdout, stderr, rc) = (
        dir.path().join("stdout"),
        dir.path().join("stderr"),
        dir.path().join("rc"),
    );
    std::fs::write(
        &script,
        format!(
            "{} generate --answers {} --copy >{} 2>{}\necho $? >{}\nexec cat >/dev/null\n",
            quoted(Path::new(BIN)),
            quoted(&answers),
            quoted(&stdout),
            quoted(&stderr),
            quoted(&rc)
        ),
    )
    .unwrap();
    // `-f /dev/null`: tmux's defaults (set-clipboard external), no user config.
    let tmux = Tmux::start("default", Path::new("/dev/null"), &script);

    let code = wait_for(Duration::from_secs(20), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(
        code.as_deref(),
        Some("0\n"),
        "the program did not finish with 0; stderr:\n{}\nscreen:\n{}",
        read(&stderr),
        tmux.screen()
    );
    let buffer = tmux.buffer();
    assert!(
        buffer.as_deref() == Some(&expected[..]),
        "tmux's buffer is not the artifact:\n{}",
        String::from_utf8_lossy(&buffer.unwrap_or_default())
    );
    assert!(
        read(&stderr).contains("Copied to tmux's paste buffer (tmux load-buffer -w)"),
        "{}",
        read(&stderr)
    );
    assert_eq!(
        read(&stdout),
        "",
        "--copy alone does not print the artifact"
    );
}

/// sshd on 127.0.0.1 with a throwaway host key and client key.
#[test]
#[ignore = "needs tmux and sshd: run by .ci/run"]
fn copy_over_ssh_reaches_the_local_tmux_through_osc52() {
    require("tmux", "tmux");
    require("/usr/sbin/sshd", "openssh-server");
    require("ssh", "openssh-client");
    require("ssh-keygen", "openssh-client");
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let expected = generated(&answers);

    // Dropped last: the tmux server (and the ssh client in it) goes first.
    let sshd = Sshd::start(dir.path());

    // The far side: the same binary and answers file (same machine), with
    // the environment sshd gives it: SSH_TTY and SSH_CONNECTION, no TMUX.
    let (stderr, rc) = (dir.path().join("stderr"), dir.path().join("rc"));
    let remote = write_script(
        dir.path(),
        "remote.sh",
        &copy_script(&answers, &stderr, &rc),
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
    let tmux = Tmux::start("ssh", &config, &pane);

    let code = wait_for(Duration::from_secs(30), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(
        code.as_deref(),
        Some("0\n"),
        "the program did not finish with 0 over ssh; its stderr:\n{}\nscreen:\n{}\nsshd log:\n{}",
        read(&stderr),
        tmux.screen(),
        read(&dir.path().join("sshd.log"))
    );
    tmux.expect_buffer(&expected);
    let message = read(&stderr);
    assert!(
        message.contains("Sent to your terminal's clipboard as an OSC 52 escape sequence"),
        "{message}"
    );
    assert!(message.contains("cannot be confirmed"), "{message}");
    assert!(message.contains("--output FILE"), "{message}");
    drop(tmux);
    drop(sshd);
}

/// A GNU screen session, told to quit when dropped: a screen whose terminal
/// goes away detaches rather than ending.
struct Screen(String);

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = Command::new("screen")
            .args(["-S", &self.0, "-X", "quit"])
            .output();
    }
}

#[test]
#[ignore = "needs tmux and GNU screen: run by .ci/run"]
fn copy_under_screen_passes_osc52_through_to_the_outer_terminal() {
    require("tmux", "tmux");
    require("screen", "screen");
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let expected = generated(&answers);

    let (stderr, rc) = (dir.path().join("stderr"), dir.path().join("rc"));
    let window = write_script(
        dir.path(),
        "window.sh",
        &copy_script(&answers, &stderr, &rc),
    );
    // Screen runs in a pane of a tmux that takes OSC 52 (`set-clipboard
    // on`), standing in for the user's terminal; inside screen only STY is set.
    let session = format!("ceop-clip-{}", std::process::id());
    let pane = write_script(
        dir.path(),
        "pane.sh",
        &format!(
            "unset TMUX TMUX_PANE\nscreen -S {session} sh {}\nexec cat >/dev/null\n",
            quoted(&window)
        ),
    );
    let config = osc52_tmux_conf(dir.path());
    let tmux = Tmux::start("screen", &config, &pane);
    let _screen = Screen(session);

    let code = wait_for(Duration::from_secs(20), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(
        code.as_deref(),
        Some("0\n"),
        "the program did not finish with 0 in screen; its stderr:\n{}\nscreen:\n{}",
        read(&stderr),
        tmux.screen()
    );
    tmux.expect_buffer(&expected);
    let message = read(&stderr);
    assert!(message.contains("through GNU screen"), "{message}");
    assert!(message.contains("cannot be confirmed"), "{message}");
}

/// Xvfb on a display it picks itself (`-displayfd`), so parallel runs never collide.
fn start_xvfb() -> (Started, String) {
    let child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1024x768x24",
            "-nolisten",
            "tcp",
            // Only the abstract socket: no /tmp/.X11-unix left behind.
            "-nolisten",
            "unix",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb");
    let mut xvfb = Started {
        name: "Xvfb",
        child,
    };
    let stdout = xvfb.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let number = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
    let number = number.trim();
    assert!(
        !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
        "Xvfb gave no display number (exit status: {:?})",
        xvfb.exited()
    );
    (xvfb, format!(":{number}"))
}

/// The pids of hidden clipboard servers this binary started on `display`.
fn clipboard_servers(display: &str) -> Vec<u32> {
    let wanted_env = format!("DISPLAY={display}");
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let (Ok(cmdline), Ok(environ)) = (
            std::fs::read(entry.path().join("cmdline")),
            std::fs::read(entry.path().join("environ")),
        ) else {
            continue;
        };
        let args: Vec<&[u8]> = cmdline.split(|&b| b == 0).collect();
        if args.len() >= 2
            && args[0] == BIN.as_bytes()
            && args[1] == b"__clipboard-serve"
            && environ
                .split(|&b| b == 0)
                .any(|v| v == wanted_env.as_bytes())
        {
            pids.push(pid);
        }
    }
    pids
}

/// Stops any clipboard server left on the display when the test ends.
struct Servers(String);

impl Drop for Servers {
    fn drop(&mut self) {
        for pid in clipboard_servers(&self.0) {
            let _ = Command::new("kill").arg(pid.to_string()).output();
        }
    }
}

fn xclip_out(display: &str) -> Output {
    Command::new("timeout")
        .args(["10", "xclip", "-o", "-selection", "clipboard"])
        .env("DISPLAY", display)
        .output()
        .unwrap()
}

#[test]
#[ignore = "needs Xvfb and xclip: run by .ci/run"]
fn native_copy_on_x11_outlives_the_program() {
    require("Xvfb", "xvfb");
    require("xclip", "xclip");
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let expected = generated(&answers);
    let (_xvfb, display) = start_xvfb();
    let servers = Servers(display.clone());

    // Copy and write: --output FILE with --copy does both.
    let file = dir.path().join("button.html");
    let mut generate = Command::new(BIN);
    for var in METHOD_VARS {
        generate.env_remove(var);
    }
    let out = generate
        .env("DISPLAY", &display)
        .args(["generate", "--copy", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Copied to the system clipboard."),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), expected);
    assert!(out.stdout.is_empty());

    // The program has exited; the clipboard still holds the artifact.
    let pasted = xclip_out(&display);
    assert!(pasted.status.success(), "xclip -o: {pasted:?}");
    assert!(
        pasted.stdout == expected,
        "the clipboard is not the artifact:\n{}",
        String::from_utf8_lossy(&pasted.stdout)
    );
    assert_eq!(clipboard_servers(&display).len(), 1, "one server keeps it");

    // Another program takes the clipboard: the server steps aside and ends.
    let mut xclip = Command::new("xclip")
        .args(["-quiet", "-selection", "clipboard", "-i"])
        .env("DISPLAY", &display)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    xclip
        .stdin
        .take()
        .unwrap()
        .write_all(b"something else")
        .unwrap();
    let _xclip = Started {
        name: "xclip",
        child: xclip,
    };
    let gone = wait_for(Duration::from_secs(10), || {
        clipboard_servers(&display).is_empty().then_some(())
    });
    assert!(
        gone.is_some(),
        "the clipboard server did not end after another program took the clipboard"
    );
    assert_eq!(xclip_out(&display).stdout, b"something else");
    drop(servers);
}

#[test]
fn copy_refuses_more_than_100_kb_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("website.html"),
        format!(
            "{}<p>{}</p>\n",
            include_str!("../../templates/website.html"),
            "x".repeat(100_000)
        ),
    )
    .unwrap();
    let file = dir.path().join("button.html");
    BinCommand::new(BIN)
        .arg("--templates")
        .arg(&templates)
        .args(["generate", "--copy", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "bytes; the clipboard takes at most 100000 (100 kB)",
        ));
    assert!(
        !file.exists(),
        "nothing is written when the copy is refused"
    );
}

/// The hidden X11 server reads the text to copy from whoever starts it:
/// more than 100 kB is refused at once, before any display is opened.
#[cfg(target_os = "linux")]
#[test]
fn the_clipboard_server_refuses_more_than_100_kb_on_stdin() {
    let mut cmd = BinCommand::new(BIN);
    for var in METHOD_VARS {
        cmd.env_remove(var);
    }
    cmd.arg("__clipboard-serve")
        .write_stdin("x".repeat(1_000_000))
        .assert()
        .code(2)
        .stdout(
            "the text to copy is over 100000 bytes; the clipboard takes at most 100000 (100 kB)\n",
        );
}

#[test]
fn copy_without_an_artifact_copies_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    BinCommand::new(BIN)
        .args(["generate", "--copy", "--set", "uk=no", "--answers"])
        .arg(&answers)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "note: nothing was copied: there is no artifact",
        ));
}

/// No display and no controlling terminal (`setsid`), as under cron: the
/// copy fails with a fix, and the file asked for is not written either.
#[cfg(target_os = "linux")]
#[test]
fn copy_with_nowhere_to_go_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = school_answers_file(dir.path());
    let file = dir.path().join("button.html");
    let mut cmd = BinCommand::new("setsid");
    for var in METHOD_VARS {
        cmd.env_remove(var);
    }
    cmd.args(["--wait", BIN, "generate", "--copy", "--answers"])
        .arg(&answers)
        .arg("--output")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "error: could not copy: the system clipboard is not available",
        ))
        .stderr(predicates::str::contains(
            "there is no terminal to send an OSC 52 escape to",
        ))
        .stderr(predicates::str::contains(
            "fix: save the artifact to a file or print it instead",
        ));
    assert!(!file.exists(), "nothing is written when the copy fails");
}
