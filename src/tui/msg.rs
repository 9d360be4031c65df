//! The messages of the TUI's update loop: what a key press or a paste means,
//! whichever screen is showing. `keys.rs` maps keys to them, `App::update`
//! and the text field act on them.

/// What a key press means here (see the key table in `keys.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    WordLeft,
    WordRight,
    Enter,
    Tab,
    BackTab,
    Back,
    Space,
    Char(char),
    Backspace,
    Delete,
    DeleteWord,
    ClearLine,
    Paste(String),
    Help,
    Quit,
    Interrupt,
    Copy,
    Save,
    SaveRecord,
    PrintOnExit,
    Yes,
    No,
}
