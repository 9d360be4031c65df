//! Colours and emphasis, in one place. With NO_COLOR only modifiers are used:
//! selection stays visible by reversal and markers, not colour.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub text: Style,
    pub dim: Style,
    pub selected: Style,
    pub current_step: Style,
    pub done_step: Style,
    pub error: Style,
    pub ok: Style,
    pub warn: Style,
    pub key: Style,
    pub border: Style,
}

impl Theme {
    pub fn new(colour: bool) -> Theme {
        if colour {
            Theme {
                title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                text: Style::new(),
                dim: Style::new().fg(Color::DarkGray),
                selected: Style::new().add_modifier(Modifier::REVERSED),
                current_step: Style::new()
                    .fg(Color::Black)
                    .bg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                done_step: Style::new().fg(Color::Green),
                error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                ok: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
                warn: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                border: Style::new().fg(Color::DarkGray),
            }
        } else {
            let plain = Style::new();
            Theme {
                title: plain.add_modifier(Modifier::BOLD),
                text: plain,
                dim: plain,
                selected: plain.add_modifier(Modifier::REVERSED),
                current_step: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
                done_step: plain,
                error: plain.add_modifier(Modifier::BOLD),
                ok: plain.add_modifier(Modifier::BOLD),
                warn: plain.add_modifier(Modifier::BOLD),
                key: plain.add_modifier(Modifier::BOLD),
                border: plain,
            }
        }
    }

    /// Colour unless NO_COLOR is set (to anything non-empty).
    pub fn from_env() -> Theme {
        Theme::new(std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
    }
}
