//! OSC 52 escapes, plain or in GNU screen's wrapping, and writing them to the terminal.

use std::io::{IsTerminal, Write};

use crossterm::Command as _;
use crossterm::clipboard::CopyToClipboard;

/// GNU screen keeps at most 256 bytes of a string sequence before 4.2.0 (768
/// since); each chunk leaves room for its own `ESC P` and `ESC \`.
const SCREEN_CHUNK: usize = 256 - 4;

/// `ESC ] 52 ; c ; <base64> ESC \`: the terminal puts the text on its clipboard.
pub fn osc52(bytes: &[u8]) -> String {
    let mut s = String::new();
    CopyToClipboard::to_clipboard_from(bytes)
        .write_ansi(&mut s)
        .expect("writing to a String cannot fail");
    s
}

/// OSC 52 for a terminal behind GNU screen. Screen hands the body of each
/// `ESC P … ESC \` string to the terminal unchanged, so the escape is cut
/// into chunks that fit screen's limit. Inside, it ends with BEL: an
/// `ESC \` would end screen's string instead.
pub fn osc52_screen(bytes: &[u8]) -> String {
    let plain = osc52(bytes);
    let inner = format!(
        "{}\x07",
        plain
            .strip_suffix("\x1b\\")
            .expect("OSC 52 ends with the string terminator")
    );
    let mut out = String::with_capacity(inner.len() + inner.len() / SCREEN_CHUNK * 4 + 4);
    for chunk in inner.as_bytes().chunks(SCREEN_CHUNK) {
        out.push_str("\x1bP");
        out.push_str(std::str::from_utf8(chunk).expect("OSC 52 is ASCII"));
        out.push_str("\x1b\\");
    }
    out
}

/// Writes an escape sequence to the controlling terminal, or to stderr when
/// that is a terminal; stdout may be redirected to a file.
pub(super) fn write_to_terminal(sequence: &str) -> Result<(), String> {
    #[cfg(unix)]
    if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        return tty
            .write_all(sequence.as_bytes())
            .and_then(|()| tty.flush())
            .map_err(|e| format!("cannot write to the terminal: {e}"));
    }
    let stderr = std::io::stderr();
    if stderr.is_terminal() {
        let mut stderr = stderr.lock();
        return stderr
            .write_all(sequence.as_bytes())
            .and_then(|()| stderr.flush())
            .map_err(|e| format!("cannot write to the terminal: {e}"));
    }
    Err("there is no terminal to send an OSC 52 escape to".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_osc52_bytes() {
        assert_eq!(osc52(b"hi"), "\x1b]52;c;aGk=\x1b\\");
        assert_eq!(
            osc52("“CEOP”\n".as_bytes()),
            "\x1b]52;c;4oCcQ0VPUOKAnQo=\x1b\\"
        );
        assert_eq!(osc52(b""), "\x1b]52;c;\x1b\\");
    }

    #[test]
    fn screen_osc52_bytes() {
        assert_eq!(osc52_screen(b"hi"), "\x1bP\x1b]52;c;aGk=\x07\x1b\\");
    }

    #[test]
    fn screen_osc52_is_cut_into_chunks_screen_accepts() {
        let text = "x".repeat(1000);
        let wrapped = osc52_screen(text.as_bytes());
        let inner = format!(
            "{}\x07",
            osc52(text.as_bytes()).strip_suffix("\x1b\\").unwrap()
        );
        let chunks: Vec<&str> = wrapped
            .strip_prefix("\x1bP")
            .unwrap()
            .strip_suffix("\x1b\\")
            .unwrap()
            .split("\x1b\\\x1bP")
            .collect();
        assert_eq!(chunks.len(), inner.len().div_ceil(SCREEN_CHUNK));
        assert!(chunks.iter().all(|c| c.len() <= SCREEN_CHUNK));
        assert!(
            chunks[..chunks.len() - 1]
                .iter()
                .all(|c| c.len() == SCREEN_CHUNK)
        );
        assert_eq!(chunks.concat(), inner);
        // Nothing inside may end screen's string early.
        assert!(chunks.iter().all(|c| !c.contains("\x1b\\")));
    }
}
