//! The key table: every binding once. Key handling, the help screen and the
//! hint bar are all built from it (pure). Letters are commands except while
//! typing, when they are text.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Msg};

/// One key that sends a message.
#[derive(Debug, Clone, Copy)]
pub struct Press {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    /// How the key is written on screen (empty: an alias not shown).
    pub name: &'static str,
    /// Whether it works while typing into a text field (a letter does not:
    /// it is typed).
    pub typing: bool,
}

const fn key(code: KeyCode, name: &'static str) -> Press {
    Press {
        code,
        mods: KeyModifiers::NONE,
        name,
        typing: true,
    }
}

const fn ctrl(c: char, name: &'static str) -> Press {
    Press {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
        name,
        typing: true,
    }
}

/// A letter: a command, except while typing.
const fn letter(c: char, name: &'static str) -> Press {
    Press {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
        name,
        typing: false,
    }
}

/// A message, the keys that send it, and what it does (for the help screen;
/// empty: not listed there).
pub struct Binding {
    pub msg: Msg,
    pub keys: &'static [Press],
    pub help: &'static str,
}

/// Every binding, in the order the help screen lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        msg: Msg::Enter,
        keys: &[key(KeyCode::Enter, "Enter")],
        help: "choose the highlighted answer and go on",
    },
    Binding {
        msg: Msg::Tab,
        keys: &[key(KeyCode::Tab, "Tab")],
        help: "",
    },
    Binding {
        msg: Msg::BackTab,
        keys: &[Press {
            code: KeyCode::BackTab,
            mods: KeyModifiers::SHIFT,
            name: "Shift-Tab",
            typing: true,
        }],
        help: "next / previous question; result tabs",
    },
    Binding {
        msg: Msg::Back,
        keys: &[key(KeyCode::Esc, "Esc")],
        help: "back to the previous step; close a box",
    },
    Binding {
        msg: Msg::Up,
        keys: &[key(KeyCode::Up, "↑"), letter('k', "k")],
        help: "",
    },
    Binding {
        msg: Msg::Down,
        keys: &[key(KeyCode::Down, "↓"), letter('j', "j")],
        help: "move up / down; scroll",
    },
    Binding {
        msg: Msg::PageUp,
        keys: &[key(KeyCode::PageUp, "PgUp")],
        help: "",
    },
    Binding {
        msg: Msg::PageDown,
        keys: &[key(KeyCode::PageDown, "PgDn")],
        help: "scroll a page",
    },
    Binding {
        msg: Msg::Space,
        keys: &[letter(' ', "Space")],
        help: "tick a box; acknowledge a section",
    },
    Binding {
        msg: Msg::Left,
        keys: &[key(KeyCode::Left, "←")],
        help: "",
    },
    Binding {
        msg: Msg::Right,
        keys: &[key(KeyCode::Right, "→")],
        help: "",
    },
    Binding {
        msg: Msg::WordLeft,
        keys: &[Press {
            code: KeyCode::Left,
            mods: KeyModifiers::CONTROL,
            name: "Ctrl-←",
            typing: true,
        }],
        help: "",
    },
    Binding {
        msg: Msg::WordRight,
        keys: &[Press {
            code: KeyCode::Right,
            mods: KeyModifiers::CONTROL,
            name: "Ctrl-→",
            typing: true,
        }],
        help: "sections; tabs; move in a text (Ctrl: by word)",
    },
    Binding {
        msg: Msg::Home,
        keys: &[key(KeyCode::Home, "Home")],
        help: "",
    },
    Binding {
        msg: Msg::End,
        keys: &[key(KeyCode::End, "End")],
        help: "start / end of a text; first / last row",
    },
    Binding {
        msg: Msg::Backspace,
        keys: &[key(KeyCode::Backspace, "Backspace"), ctrl('h', "")],
        help: "",
    },
    Binding {
        msg: Msg::Delete,
        keys: &[key(KeyCode::Delete, "Delete")],
        help: "delete before / after the cursor",
    },
    Binding {
        msg: Msg::DeleteWord,
        keys: &[ctrl('w', "Ctrl-W")],
        help: "",
    },
    Binding {
        msg: Msg::ClearLine,
        keys: &[ctrl('u', "Ctrl-U")],
        help: "delete a word back / the whole text",
    },
    Binding {
        msg: Msg::Copy,
        keys: &[letter('c', "c")],
        help: "result: copy the tab shown",
    },
    Binding {
        msg: Msg::Save,
        keys: &[letter('s', "s")],
        help: "result: save the tab shown (checklist: last tab)",
    },
    Binding {
        msg: Msg::SaveRecord,
        keys: &[letter('r', "r")],
        help: "result: save the onboarding record",
    },
    Binding {
        msg: Msg::PrintOnExit,
        keys: &[letter('p', "p")],
        help: "result: print the tab to standard output on exit",
    },
    Binding {
        msg: Msg::Yes,
        keys: &[letter('y', "y")],
        help: "",
    },
    Binding {
        msg: Msg::No,
        keys: &[letter('n', "n")],
        help: "answer yes / no",
    },
    Binding {
        msg: Msg::Help,
        keys: &[letter('?', "?"), key(KeyCode::F(1), "F1")],
        help: "this help",
    },
    Binding {
        msg: Msg::Quit,
        keys: &[letter('q', "q"), ctrl('q', "Ctrl-Q")],
        help: "",
    },
    Binding {
        msg: Msg::Interrupt,
        keys: &[ctrl('c', "Ctrl-C")],
        help: "quit (your answers are saved to resume)",
    },
];

/// The binding that sends `msg`.
pub fn binding(msg: &Msg) -> &'static Binding {
    BINDINGS
        .iter()
        .find(|b| b.msg == *msg)
        .expect("every message sent by a key has a binding")
}

/// How `msg`'s first key is written, for the hint bar: while typing, the
/// first key that is not a letter.
pub fn name(msg: &Msg, typing: bool) -> &'static str {
    binding(msg)
        .keys
        .iter()
        .find(|k| (k.typing || !typing) && !k.name.is_empty())
        .map_or("", |k| k.name)
}

/// All of `msg`'s keys, for the help screen.
pub fn names(msg: &Msg) -> String {
    let names: Vec<&str> = binding(msg)
        .keys
        .iter()
        .map(|k| k.name)
        .filter(|n| !n.is_empty())
        .collect();
    names.join(" / ")
}

/// The message a key press sends here, if any.
pub fn map(app: &App, key: KeyEvent) -> Option<Msg> {
    // Only presses: Windows also reports releases, which would double every key.
    if key.kind != KeyEventKind::Press || key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let typing = app.typing();
    // Shift only changes the letter (and makes Tab a BackTab): it is not a
    // modifier of its own here.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    let pressed = BINDINGS.iter().find_map(|b| {
        b.keys
            .iter()
            .any(|p| {
                (p.typing || !typing)
                    && p.code == key.code
                    && (p.mods - KeyModifiers::SHIFT) == mods
            })
            .then(|| b.msg.clone())
    });
    match (pressed, key.code) {
        (Some(msg), _) => Some(msg),
        (None, KeyCode::Char(c)) if typing && mods.is_empty() => Some(Msg::Char(c)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        let mut seen = Vec::new();
        for b in BINDINGS {
            for p in b.keys {
                let k = (p.code, p.mods);
                assert!(!seen.contains(&k), "{} is bound twice", p.name);
                seen.push(k);
            }
        }
    }
}
