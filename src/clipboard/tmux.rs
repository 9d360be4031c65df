//! Copying into tmux's paste buffer with `tmux load-buffer`.

use std::io::Write;
use std::process::{Command, Stdio};

/// `tmux load-buffer -w -`; tmux before 3.2 has no `-w`, and then the text
/// still goes into its buffer, with a note that it was not passed on.
pub(super) fn tmux_load_buffer(text: &str) -> Result<Option<String>, String> {
    match run_with_stdin("tmux", &["load-buffer", "-w", "-"], text) {
        Ok(()) => Ok(None),
        Err(why) => match run_with_stdin("tmux", &["load-buffer", "-"], text) {
            Ok(()) => Ok(Some(
                "this tmux is older than 3.2, so the text is in tmux's paste buffer (prefix key and ]) but was not passed to your terminal's clipboard".into(),
            )),
            Err(_) => Err(why),
        },
    }
}

/// Runs `program args…` with `text` on its stdin; its stderr explains a failure.
fn run_with_stdin(program: &str, args: &[&str], text: &str) -> Result<(), String> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    let written = child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(text.as_bytes());
    let out = child
        .wait_with_output()
        .map_err(|e| format!("{program} did not finish: {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    match (out.status.success(), written) {
        (true, Ok(())) => Ok(()),
        (true, Err(e)) => Err(format!("cannot send the text to {program}: {e}")),
        (false, _) if !stderr.is_empty() => Err(stderr),
        (false, _) => Err(format!("{program} exited with {}", out.status)),
    }
}
