//! Which front-end the wizard runs in, decided once from the terminal and
//! the environment (SPEC §7): full screen, inquire's lists, or plain lines.

use std::ffi::OsString;
use std::io::IsTerminal;

/// The smallest window the full-screen wizard draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What is known about the terminal and the environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// `--plain` was given.
    pub plain_flag: bool,
    pub stdin_tty: bool,
    pub stderr_tty: bool,
    pub term_dumb: bool,
    /// `ACCESSIBLE` set (not empty, not 0): a screen reader is in use.
    pub accessible: bool,
    pub no_color: bool,
    /// The window size, or why it cannot be read.
    pub size: Result<(u16, u16), String>,
}

impl Facts {
    pub fn current(plain_flag: bool) -> Self {
        Facts::with_env(
            plain_flag,
            (
                std::io::stdin().is_terminal(),
                std::io::stderr().is_terminal(),
            ),
            |name| std::env::var_os(name),
            crossterm::terminal::size().map_err(|e| e.to_string()),
        )
    }

    /// [`Facts::current`] with stdin's and stderr's terminal status given,
    /// the environment read through `var` and the window size given.
    pub fn with_env(
        plain_flag: bool,
        (stdin_tty, stderr_tty): (bool, bool),
        var: impl Fn(&str) -> Option<OsString>,
        size: Result<(u16, u16), String>,
    ) -> Self {
        let set = |name| var(name).filter(|v| !v.is_empty());
        Facts {
            plain_flag,
            stdin_tty,
            stderr_tty,
            term_dumb: var("TERM").is_some_and(|t| t == "dumb"),
            accessible: set("ACCESSIBLE").is_some_and(|v| v != "0"),
            no_color: set("NO_COLOR").is_some(),
            size,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrontEnd {
    /// The full-screen wizard.
    Full,
    /// Plain prompts: `lines` for plain lines without escape sequences
    /// (screen readers, dumb terminals, NO_COLOR), inquire's lists otherwise.
    /// `why` says why the full screen was not used, unless the user asked.
    Plain { lines: bool, why: Option<String> },
}

/// Chooses the front-end.
pub fn choose(f: &Facts) -> FrontEnd {
    let lines = f.no_color || f.term_dumb || f.accessible || !f.stderr_tty;
    let why = if f.plain_flag {
        None
    } else if f.accessible {
        Some("ACCESSIBLE is set".to_string())
    } else if f.term_dumb {
        Some("TERM is dumb".to_string())
    } else if !f.stderr_tty {
        Some("standard error is not a terminal".to_string())
    } else {
        match &f.size {
            Ok((w, h)) if *w < MIN_WIDTH || *h < MIN_HEIGHT => Some(format!(
                "the window is {w}×{h}, smaller than the {MIN_WIDTH}×{MIN_HEIGHT} the full screen needs"
            )),
            Ok(_) => return FrontEnd::Full,
            Err(e) => Some(format!("the window size cannot be read ({e})")),
        }
    };
    FrontEnd::Plain { lines, why }
}

/// The line that says why plain prompts were chosen.
pub fn plain_note(why: &str) -> String {
    format!(
        "Asking plainly, one question at a time: {why}. Make the window larger for the full screen."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_read_as_its_conventions_say() {
        let with = |vars: &[(&str, &str)]| {
            let vars: Vec<(String, OsString)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), OsString::from(v)))
                .collect();
            Facts::with_env(
                true,
                (true, false),
                move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
                Ok((80, 24)),
            )
        };
        let none = with(&[]);
        assert_eq!(
            none,
            Facts {
                plain_flag: true,
                stdin_tty: true,
                stderr_tty: false,
                term_dumb: false,
                accessible: false,
                no_color: false,
                size: Ok((80, 24)),
            }
        );
        assert!(with(&[("TERM", "dumb")]).term_dumb);
        assert!(!with(&[("TERM", "xterm-256color")]).term_dumb);
        // ACCESSIBLE: set, not empty and not 0.
        assert!(with(&[("ACCESSIBLE", "1")]).accessible);
        assert!(!with(&[("ACCESSIBLE", "0")]).accessible);
        assert!(!with(&[("ACCESSIBLE", "")]).accessible);
        // NO_COLOR: set and not empty, whatever its value (no-color.org).
        assert!(with(&[("NO_COLOR", "0")]).no_color);
        assert!(!with(&[("NO_COLOR", "")]).no_color);
    }

    fn facts() -> Facts {
        Facts {
            plain_flag: false,
            stdin_tty: true,
            stderr_tty: true,
            term_dumb: false,
            accessible: false,
            no_color: false,
            size: Ok((80, 24)),
        }
    }

    #[test]
    fn a_small_window_gets_lists_and_says_why() {
        let f = Facts {
            size: Ok((60, 20)),
            ..facts()
        };
        match choose(&f) {
            FrontEnd::Plain {
                lines: false,
                why: Some(why),
            } => {
                assert!(why.contains("60×20") && why.contains("80×24"), "{why}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(choose(&facts()), FrontEnd::Full);
        // One line or column short is too small; any larger is fine.
        for (size, full) in [((79, 24), false), ((80, 23), false), ((81, 25), true)] {
            let f = Facts {
                size: Ok(size),
                ..facts()
            };
            assert_eq!(choose(&f) == FrontEnd::Full, full, "{size:?}");
        }
    }

    #[test]
    fn the_plain_note_says_why_and_how_to_get_the_full_screen() {
        assert_eq!(
            plain_note("TERM is dumb"),
            "Asking plainly, one question at a time: TERM is dumb. Make the window larger for the full screen."
        );
    }

    #[test]
    fn screen_readers_and_dumb_terminals_get_lines_and_the_flag_needs_no_reason() {
        for f in [
            Facts {
                accessible: true,
                ..facts()
            },
            Facts {
                term_dumb: true,
                ..facts()
            },
        ] {
            assert!(matches!(
                choose(&f),
                FrontEnd::Plain {
                    lines: true,
                    why: Some(_)
                }
            ));
        }
        let f = Facts {
            plain_flag: true,
            ..facts()
        };
        assert_eq!(
            choose(&f),
            FrontEnd::Plain {
                lines: false,
                why: None
            }
        );
    }
}
