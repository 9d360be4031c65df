//! Boxes drawn over a screen: the resume offer, the help (built from the key
//! table), the save prompt, and the "window too small" notice.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::app::{App, Msg, Overlay, SavePrompt, SaveWhat};
use super::keys::{self, BINDINGS};
use super::layout::pad;
use super::text::width;
use super::theme::Theme;
use crate::answers::Key;
use crate::wizard::frontend::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the open overlay; returns the text cursor's position, if any.
pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    match &app.overlay {
        Some(Overlay::Help) => {
            draw_help(theme, area, buf);
            None
        }
        Some(Overlay::Save(p)) => draw_save(app, p, theme, area, buf),
        Some(Overlay::Resume(saved)) => {
            let answered = Key::ALL.iter().filter(|k| saved.answers.has(**k)).count();
            let text = vec![
                Line::styled("Resume where you left off?", theme.title),
                Line::raw(""),
                Line::raw(format!(
                    "A saved session was found at the step “{}”, with {answered} answers.",
                    app.guide.step_title(saved.step()),
                )),
                Line::raw(""),
                Line::from(vec![
                    Span::styled(keys::name(&Msg::Yes, false), theme.key),
                    Span::raw(" resume   "),
                    Span::styled(keys::name(&Msg::No, false), theme.key),
                    Span::raw(" start again (the saved answers are forgotten)"),
                ]),
            ];
            popup(theme, area, buf, 64, 9, " Saved session ", text);
            None
        }
        None => None,
    }
}

pub fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
    let text = vec![
        Line::styled("Make the window larger", theme.title),
        Line::raw(format!(
            "It is {}×{}; ceop-onboard needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            area.width, area.height
        )),
        Line::raw("Or press Ctrl-C and run: ceop-onboard --plain"),
    ];
    Paragraph::new(text)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}

/// Draws a centred box; returns its inner area (after padding).
fn popup(
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    w: u16,
    h: u16,
    title: &str,
    lines: Vec<Line<'static>>,
) -> Rect {
    let w = w.min(area.width.saturating_sub(2));
    let h = h.min(area.height.saturating_sub(2));
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(r, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.title)
        .title(Span::styled(title.to_string(), theme.title));
    let inner = pad(block.inner(r));
    block.render(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(inner, buf);
    inner
}

/// The help rows, from the key table: a binding without a help text shares
/// the row of the next one (↑ and ↓, Home and End).
pub fn help_rows() -> Vec<(String, &'static str)> {
    let mut rows = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for b in BINDINGS {
        pending.push(keys::names(&b.msg));
        if !b.help.is_empty() {
            rows.push((pending.join(" / "), b.help));
            pending.clear();
        }
    }
    rows
}

fn draw_help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rows = help_rows();
    let key_w = rows.iter().map(|(k, _)| width(k)).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line<'static>> = rows
        .into_iter()
        .map(|(k, what)| {
            let gap = " ".repeat(key_w - width(&k));
            Line::from(vec![
                Span::styled(format!("{k}{gap}"), theme.key),
                Span::raw(what),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("{} closes this help.", keys::name(&Msg::Back, false)),
        theme.dim,
    ));
    let h = lines.len() as u16 + 2;
    popup(theme, area, buf, 78, h, " Keys ", lines);
}

fn draw_save(
    app: &App,
    p: &SavePrompt,
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
) -> Option<Position> {
    let what = match p.what {
        SaveWhat::Record => "the onboarding record".to_string(),
        SaveWhat::Tab(i) => format!(
            "the {} tab",
            app.tabs().get(i).map_or("", |t| t.label.as_str())
        ),
    };
    // 70 wide, less borders, padding and the "› " marker.
    let (shown, col) = p.path.view(62);
    let mut lines = vec![
        Line::raw(format!("Save {what} to:")),
        Line::from(vec![
            Span::styled("› ", theme.key),
            Span::styled(shown, theme.selected),
        ]),
        Line::raw(""),
    ];
    if p.confirm_overwrite {
        lines.push(Line::styled(
            format!(
                "{} exists. Replace it? ({} / {})",
                p.path.value().trim(),
                keys::name(&Msg::Yes, false),
                keys::name(&Msg::No, false)
            ),
            theme.warn,
        ));
    } else if let Some(e) = &p.error {
        lines.push(Line::styled(e.clone(), theme.error));
    } else {
        lines.push(Line::styled(
            format!(
                "{} saves; {} cancels.",
                keys::name(&Msg::Enter, false),
                keys::name(&Msg::Back, false)
            ),
            theme.dim,
        ));
    }
    let inner = popup(theme, area, buf, 70, 8, " Save ", lines);
    (!p.confirm_overwrite).then(|| Position::new(inner.x + 2 + col as u16, inner.y + 1))
}
