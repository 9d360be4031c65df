//! Key events → messages (pure). Letters are commands except while typing.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::app::{App, Msg, Overlay};

pub fn map(app: &App, key: KeyEvent) -> Option<Msg> {
    // Only presses: Windows also reports releases, which would double every key.
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    if ctrl && matches!(key.code, KeyCode::Char('c') | KeyCode::Char('q')) {
        return Some(Msg::Quit);
    }
    let typing = app.typing();
    Some(match key.code {
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        KeyCode::Left => Msg::Left,
        KeyCode::Right => Msg::Right,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home => Msg::Home,
        KeyCode::End => Msg::End,
        KeyCode::Enter => Msg::Enter,
        KeyCode::Tab => Msg::Tab,
        KeyCode::BackTab => Msg::BackTab,
        KeyCode::Esc => Msg::Back,
        KeyCode::Backspace => Msg::Backspace,
        KeyCode::F(1) => Msg::Help,
        KeyCode::Char(c) if ctrl => return (c == 'h').then_some(Msg::Backspace),
        KeyCode::Char(c) if typing => {
            // The overwrite question inside the save prompt takes y/n.
            if let Some(Overlay::Save(p)) = &app.overlay
                && p.confirm_overwrite
            {
                return match c {
                    'y' | 'Y' => Some(Msg::Yes),
                    'n' | 'N' => Some(Msg::No),
                    _ => None,
                };
            }
            Msg::Char(c)
        }
        KeyCode::Char(' ') => Msg::Space,
        KeyCode::Char('?') => Msg::Help,
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char('y') => Msg::Yes,
        KeyCode::Char('n') => Msg::No,
        KeyCode::Char('c') => Msg::Copy,
        KeyCode::Char('s') => Msg::Save,
        KeyCode::Char('r') => Msg::SaveRecord,
        KeyCode::Char('k') => Msg::SaveChecklist,
        KeyCode::Char('p') => Msg::PrintOnExit,
        KeyCode::Char('j') => Msg::Down,
        _ => return None,
    })
}
