//! Copying text to the clipboard: tmux's paste buffer, OSC 52 (plain or in GNU screen's wrapping) or the system clipboard, chosen from the environment.
//!
//! The choice is a pure function of a snapshot of the environment
//! ([`Method::choose`] on an [`Env`]), so it is tested without a terminal:
//!
//! | environment                                   | method                                   |
//! |-----------------------------------------------|------------------------------------------|
//! | `TMUX` set (a tmux pane, local or remote)     | `tmux load-buffer -w -`, text on stdin    |
//! | `STY` set (a GNU screen window)               | OSC 52 in screen's `ESC P … ESC \` chunks |
//! | `SSH_TTY` or `SSH_CONNECTION` set             | plain OSC 52 to the terminal              |
//! | none of them                                  | the system clipboard (arboard), OSC 52 when it fails |
//!
//! `load-buffer -w` works with tmux's default settings and reaches the outer
//! terminal; an application's own OSC 52 is dropped by tmux unless the user
//! set `set-clipboard on`, so inside tmux the buffer is the reliable way. An
//! OSC 52 escape cannot be confirmed: PuTTY, GNOME Terminal and macOS
//! Terminal ignore it, which is why [`Copied::message`] says so and points
//! to saving or printing instead.
//!
//! On X11 a selection lives only as long as the process that owns it, so the
//! copy is served by a re-executed, hidden `ceop-onboard __clipboard-serve`
//! that stays until another program takes the clipboard; the caller returns
//! at once.

mod native;
mod osc52;
mod tmux;

use std::ffi::OsString;

use crate::error::{Error, Result};

use osc52::write_to_terminal;
pub use osc52::{osc52, osc52_screen};
use tmux::tmux_load_buffer;

/// The most that is copied: 100 kB. Terminals and multiplexers cap an OSC 52
/// string (tmux, xterm and others well under a megabyte once base64 adds a
/// third), and no artifact comes near it.
pub const MAX_BYTES: usize = 100_000;

/// The hidden subcommand that keeps an X11 copy available after the copying
/// process has exited.
pub const SERVE_SUBCOMMAND: &str = "__clipboard-serve";

/// Whether a native copy is served by a background process (X11, as arboard
/// builds it for every Unix but macOS).
const SERVED_IN_BACKGROUND: bool = cfg!(all(
    unix,
    not(any(
        target_os = "macos",
        target_os = "android",
        target_os = "emscripten"
    ))
));

/// What the hidden server prints once it owns the clipboard.
const READY: &str = "ready";

/// What decides the method: which multiplexer or remote session the program runs in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Env {
    /// `TMUX` is set: the program runs in a tmux pane.
    pub tmux: bool,
    /// `STY` is set: the program runs in a GNU screen window.
    pub screen: bool,
    /// `SSH_TTY` or `SSH_CONNECTION` is set: the user is logged in over SSH.
    pub ssh: bool,
}

impl Env {
    /// A snapshot of this process's environment.
    pub fn current() -> Env {
        Env::from_vars(|name| std::env::var_os(name))
    }

    /// The snapshot given a lookup of variables; an empty value counts as unset.
    pub fn from_vars(var: impl Fn(&str) -> Option<OsString>) -> Env {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        Env {
            tmux: set("TMUX"),
            screen: set("STY"),
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
        }
    }
}

/// How the text reached (or was sent towards) a clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `tmux load-buffer -w -`: tmux's paste buffer, passed on to the outer terminal.
    TmuxBuffer,
    /// A plain OSC 52 escape written to the terminal.
    Osc52,
    /// OSC 52 wrapped in GNU screen's passthrough strings.
    Osc52Screen,
    /// The system clipboard (arboard).
    Native,
}

impl Method {
    /// The method for an environment. The innermost multiplexer decides:
    /// tmux, then screen; over SSH with neither, the user's own terminal
    /// takes OSC 52; otherwise the local system clipboard.
    pub fn choose(env: &Env) -> Method {
        if env.tmux {
            Method::TmuxBuffer
        } else if env.screen {
            Method::Osc52Screen
        } else if env.ssh {
            Method::Osc52
        } else {
            Method::Native
        }
    }

    /// Whether success is known: an OSC 52 escape gets no answer.
    pub fn confirmed(self) -> bool {
        matches!(self, Method::TmuxBuffer | Method::Native)
    }

    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Method::TmuxBuffer => "tmux load-buffer",
            Method::Osc52 => "OSC 52",
            Method::Osc52Screen => "OSC 52 through GNU screen",
            Method::Native => "the system clipboard",
        }
    }
}

/// The outcome of [`copy`]: the method used and anything the user should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub method: Method,
    /// Why the preferred method was not used, or what limited it.
    pub note: Option<String>,
}

impl Copied {
    /// Whether the copy is known to have worked.
    pub fn confirmed(&self) -> bool {
        self.method.confirmed()
    }

    /// What to tell the user: the method, and for OSC 52 that it cannot be
    /// confirmed and what to do if nothing pastes.
    pub fn message(&self) -> String {
        let mut s = String::new();
        if let Some(note) = &self.note {
            s.push_str(&format!("note: {note}\n"));
        }
        s.push_str(match self.method {
            Method::TmuxBuffer => {
                "Copied to tmux's paste buffer (tmux load-buffer -w); tmux also passes it to your terminal's clipboard where the terminal accepts that. If your terminal's paste gives something else, paste with tmux's prefix key and ]."
            }
            Method::Native if SERVED_IN_BACKGROUND => {
                "Copied to the system clipboard. A background ceop-onboard process keeps it there until something else is copied."
            }
            Method::Native => "Copied to the system clipboard.",
            Method::Osc52 => {
                "Sent to your terminal's clipboard as an OSC 52 escape sequence. This cannot be confirmed: PuTTY, GNOME Terminal and macOS Terminal ignore OSC 52, and a tmux on your side passes it on only with `set -g set-clipboard on`. If pasting gives nothing, save the artifact to a file or print it instead."
            }
            Method::Osc52Screen => {
                "Sent to your terminal's clipboard as an OSC 52 escape sequence through GNU screen. This cannot be confirmed: PuTTY, GNOME Terminal and macOS Terminal ignore OSC 52. If pasting gives nothing, save the artifact to a file or print it instead."
            }
        });
        s
    }
}

/// Refuses text over [`MAX_BYTES`], before anything is written or copied.
pub fn ensure_fits(text: &str) -> Result<()> {
    if text.len() > MAX_BYTES {
        return Err(Error::clipboard(
            format!(
                "the text to copy is {} bytes; the clipboard takes at most {MAX_BYTES} (100 kB)",
                text.len()
            ),
            "save it to a file or print it instead",
        ));
    }
    Ok(())
}

/// Copies `text` by the method the environment calls for, falling back to
/// OSC 52 when tmux or the system clipboard cannot take it.
pub fn copy(text: &str, env: &Env) -> Result<Copied> {
    ensure_fits(text)?;
    let method = Method::choose(env);
    let failed = match method {
        Method::TmuxBuffer => match tmux_load_buffer(text) {
            Ok(note) => return Ok(Copied { method, note }),
            Err(why) => format!("tmux did not take the text ({why})"),
        },
        Method::Native => match native::copy(text) {
            Ok(()) => return Ok(Copied { method, note: None }),
            Err(why) => format!("the system clipboard is not available ({why})"),
        },
        Method::Osc52 | Method::Osc52Screen => {
            let sequence = match method {
                Method::Osc52 => osc52(text.as_bytes()),
                _ => osc52_screen(text.as_bytes()),
            };
            return match write_to_terminal(&sequence) {
                Ok(()) => Ok(Copied { method, note: None }),
                Err(why) => Err(Error::clipboard(
                    format!("could not copy: {why}"),
                    "save the artifact to a file or print it instead",
                )),
            };
        }
    };
    match write_to_terminal(&osc52(text.as_bytes())) {
        Ok(()) => Ok(Copied {
            method: Method::Osc52,
            note: Some(format!("{failed}, so OSC 52 was used")),
        }),
        Err(why) => Err(Error::clipboard(
            format!("could not copy: {failed}, and OSC 52 could not be sent: {why}"),
            "save the artifact to a file or print it instead",
        )),
    }
}

/// The hidden `__clipboard-serve` subcommand: takes the text on stdin, owns
/// the clipboard, says `ready` on stdout, then serves it until another
/// program takes the clipboard. Returns the exit code.
pub fn serve() -> i32 {
    native::serve()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> Env {
        Env::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    const TMUX: (&str, &str) = ("TMUX", "/tmp/tmux-0/default,1234,0");
    const STY: (&str, &str) = ("STY", "4321.pts-0.host");
    const SSH_TTY: (&str, &str) = ("SSH_TTY", "/dev/pts/3");
    const SSH_CONNECTION: (&str, &str) = ("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22");

    #[test]
    fn inside_tmux_uses_load_buffer() {
        assert_eq!(Method::choose(&env(&[TMUX])), Method::TmuxBuffer);
    }

    #[test]
    fn tmux_over_ssh_still_uses_load_buffer() {
        assert_eq!(
            Method::choose(&env(&[TMUX, SSH_TTY, SSH_CONNECTION])),
            Method::TmuxBuffer
        );
    }

    #[test]
    fn over_ssh_uses_plain_osc52() {
        assert_eq!(Method::choose(&env(&[SSH_TTY])), Method::Osc52);
        assert_eq!(Method::choose(&env(&[SSH_CONNECTION])), Method::Osc52);
        assert_eq!(
            Method::choose(&env(&[SSH_TTY, SSH_CONNECTION])),
            Method::Osc52
        );
    }

    #[test]
    fn under_screen_uses_wrapped_osc52() {
        assert_eq!(Method::choose(&env(&[STY])), Method::Osc52Screen);
        assert_eq!(
            Method::choose(&env(&[STY, SSH_CONNECTION])),
            Method::Osc52Screen
        );
    }

    #[test]
    fn locally_uses_the_system_clipboard() {
        assert_eq!(Method::choose(&env(&[])), Method::Native);
        assert_eq!(
            Method::choose(&env(&[("DISPLAY", ":0"), ("TERM", "xterm")])),
            Method::Native
        );
    }

    #[test]
    fn empty_variables_count_as_unset() {
        let e = env(&[
            ("TMUX", ""),
            ("STY", ""),
            ("SSH_TTY", ""),
            ("SSH_CONNECTION", ""),
        ]);
        assert_eq!(e, Env::default());
        assert_eq!(Method::choose(&e), Method::Native);
    }

    #[test]
    fn only_osc52_is_unconfirmed() {
        assert!(Method::TmuxBuffer.confirmed());
        assert!(Method::Native.confirmed());
        assert!(!Method::Osc52.confirmed());
        assert!(!Method::Osc52Screen.confirmed());
    }

    #[test]
    fn more_than_100_kb_is_refused_before_anything_is_tried() {
        let text = "x".repeat(MAX_BYTES + 1);
        // Every environment: the size is checked first.
        for e in [env(&[]), env(&[TMUX]), env(&[SSH_TTY]), env(&[STY])] {
            let err = copy(&text, &e).unwrap_err().to_string();
            assert!(err.contains("100001 bytes"), "{err}");
            assert!(err.contains("100 kB"), "{err}");
            assert!(err.contains("save it to a file"), "{err}");
        }
        assert!(ensure_fits(&"x".repeat(MAX_BYTES)).is_ok());
    }

    #[test]
    fn osc52_message_says_it_cannot_be_confirmed_and_what_to_do() {
        for method in [Method::Osc52, Method::Osc52Screen] {
            let m = Copied { method, note: None }.message();
            assert!(m.contains("cannot be confirmed"), "{m}");
            for terminal in ["PuTTY", "GNOME Terminal", "macOS Terminal"] {
                assert!(m.contains(terminal), "{m}");
            }
            assert!(m.contains("save the artifact to a file or print it"), "{m}");
        }
    }

    #[test]
    fn message_names_the_method_and_any_fallback() {
        let m = Copied {
            method: Method::TmuxBuffer,
            note: None,
        }
        .message();
        assert!(m.contains("tmux's paste buffer"), "{m}");
        let m = Copied {
            method: Method::Native,
            note: None,
        }
        .message();
        assert!(m.starts_with("Copied to the system clipboard."), "{m}");
        let m = Copied {
            method: Method::Osc52,
            note: Some(
                "the system clipboard is not available (no display), so OSC 52 was used".into(),
            ),
        }
        .message();
        assert!(
            m.starts_with("note: the system clipboard is not available"),
            "{m}"
        );
        assert!(m.contains("OSC 52"), "{m}");
    }
}
