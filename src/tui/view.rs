//! Draws the state (pure): `draw(&App, &Theme, area, buffer)` returns where
//! the text cursor is, if a text field is being edited, and nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::app::{App, Msg, Overlay};
use super::keys;
use super::layout::{answer_row, pad, scrolled};
use super::text::{fit, wrap};
use super::theme::Theme;
use crate::answers::{Key, Kind};
use crate::flow::Step;

pub use crate::wizard::frontend::{MIN_HEIGHT, MIN_WIDTH};

/// Draws the whole screen; returns the text cursor's position, if any.
pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        super::overlay::too_small(area, buf, theme);
        return None;
    }
    let status_lines = status_lines(app, theme, area.width);
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(status_lines.len().max(1) as u16),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, theme, header, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", app.guide.step_title(app.step())),
            theme.title,
        ));
    let inner = block.inner(body);
    block.render(body, buf);
    let mut cursor = match app.step() {
        Step::Welcome => {
            draw_welcome(app, theme, inner, buf);
            None
        }
        Step::ReaderNotice => {
            draw_notice(app, theme, inner, buf);
            None
        }
        Step::Review => {
            super::view_result::draw_review(app, theme, inner, buf);
            None
        }
        Step::Result => {
            super::view_result::draw_result(app, theme, inner, buf);
            None
        }
        _ => draw_questions(app, theme, inner, buf),
    };
    Paragraph::new(status_lines).render(status, buf);
    hint_line(theme, &hints_for(app), app.typing()).render(hints, buf);
    if app.overlay.is_some() {
        cursor = super::overlay::draw(app, theme, area, buf);
    }
    cursor
}

/// The status line: the whole error with its fix (wrapped, up to four
/// rows), or what the last action did.
fn status_lines(app: &App, theme: &Theme, w: u16) -> Vec<Line<'static>> {
    let w = usize::from(w).saturating_sub(3);
    let (text, style) = if let Some(e) = &app.error {
        (format!("✗ {e}"), theme.error)
    } else if let Some(s) = &app.status {
        (format!("✓ {s}"), theme.ok)
    } else {
        return Vec::new();
    };
    let mut lines: Vec<Line> = wrap(&text, w, style)
        .into_iter()
        .map(|l| {
            let mut l = l;
            l.spans.insert(0, Span::raw(" "));
            l
        })
        .collect();
    lines.truncate(4);
    lines
}

fn draw_header(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let n = Step::ALL.len();
    let here = app.step().index();
    let mut spans = vec![
        Span::styled(" ceop-onboard ", theme.title),
        Span::raw(format!(
            "· Step {} of {n} · {}",
            here + 1,
            app.guide.step_title(app.step())
        )),
    ];
    let mut strip = Vec::new();
    for (i, step) in Step::ALL.iter().enumerate() {
        let (label, style) = match i.cmp(&here) {
            std::cmp::Ordering::Less
                if !crate::flow::step_applies(*step, app.session.answers()) =>
            {
                (format!("{}-", i + 1), theme.dim)
            }
            std::cmp::Ordering::Less => (format!("{}✓", i + 1), theme.done_step),
            std::cmp::Ordering::Equal => (format!("[{}]", i + 1), theme.current_step),
            std::cmp::Ordering::Greater => (format!("{}", i + 1), theme.dim),
        };
        strip.push(Span::styled(label, style));
        strip.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let strip_w: usize = strip.iter().map(|s| s.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + strip_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(strip);
    Line::from(spans).render(area, buf);
}

/// A hint bar: the keys of each group of messages, from the key table
/// (↑↓ for Up and Down), and what they do here.
pub fn hint_line(theme: &Theme, hints: &[(Vec<Msg>, &str)], typing: bool) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (msgs, what) in hints {
        let keys: String = msgs.iter().map(|m| keys::name(m, typing)).collect();
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

fn hints_for(app: &App) -> Vec<(Vec<Msg>, &'static str)> {
    hint_msgs(app)
        .into_iter()
        .map(|(m, what)| {
            let group = match m {
                Msg::Down => vec![Msg::Up, Msg::Down],
                Msg::Right => vec![Msg::Left, Msg::Right],
                m => vec![m],
            };
            (group, what)
        })
        .collect()
}

fn hint_msgs(app: &App) -> Vec<(Msg, &'static str)> {
    use Msg::*;
    match (&app.overlay, app.step()) {
        (Some(Overlay::Resume(_)), _) => vec![(Yes, "resume"), (No, "start again")],
        (Some(Overlay::Help), _) => vec![(Back, "close")],
        (Some(Overlay::Save(p)), _) if p.confirm_overwrite => {
            vec![(Yes, "replace"), (No, "keep the file")]
        }
        (Some(Overlay::Save(_)), _) => vec![(Enter, "save"), (Back, "cancel")],
        (None, Step::Welcome) => vec![(Enter, "start"), (Help, "help"), (Interrupt, "quit")],
        (None, Step::ReaderNotice) => vec![
            (Down, "scroll"),
            (Right, "section"),
            (Space, "acknowledge"),
            (Enter, "next"),
            (Back, "back"),
            (Help, "help"),
        ],
        (None, Step::Review) => vec![
            (Down, "choose"),
            (Enter, "edit / continue"),
            (PageDown, "reasons"),
            (Back, "back"),
            (Help, "help"),
        ],
        (None, Step::Result) if app.tabs().is_empty() => vec![
            (SaveRecord, "save record"),
            (Back, "back"),
            (Quit, "quit"),
            (Help, "help"),
        ],
        (None, Step::Result) => vec![
            (Right, "tab"),
            (Copy, "copy"),
            (Save, "save"),
            (SaveRecord, "record"),
            (PrintOnExit, "print on exit"),
            (Quit, "quit"),
            (Help, "help"),
        ],
        (None, _) if app.typing() => vec![
            (Enter, "next"),
            (BackTab, "previous"),
            (Back, "back"),
            (Right, "move"),
            (Help, "help"),
        ],
        (None, _) => vec![
            (Down, "choose"),
            (Enter, "select"),
            (Space, "tick"),
            (Back, "back"),
            (Help, "help"),
        ],
    }
}

fn draw_welcome(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let w = usize::from(area.width);
    let mut lines = wrap(&app.guide.welcome.title, w, theme.title);
    lines.push(Line::raw(""));
    for p in app.guide.welcome.body.split("\n\n") {
        lines.extend(wrap(p.trim(), w, theme.text));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled(keys::name(&Msg::Enter, false), theme.key),
        Span::raw(" to begin. Keys are shown on the bottom line; "),
        Span::styled(keys::name(&Msg::Help, false), theme.key),
        Span::raw(" shows them all."),
    ]));
    Paragraph::new(lines).render(area, buf);
}

fn draw_notice(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [list, text] =
        Layout::horizontal([Constraint::Length(30), Constraint::Min(20)]).areas(area);
    let sections = &app.guide.sections;
    let mut items: Vec<Line> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mark = if app.session.is_acknowledged(&s.id) {
                "✓"
            } else {
                " "
            };
            let cursor = if i == app.section { "›" } else { " " };
            let style = if i == app.section {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(fit(&format!("{cursor}{mark} {}", s.title), 30), style)
        })
        .collect();
    let confirmed = app.session.answers().read_guidance == Some(true);
    let on_confirm = app.section == sections.len();
    items.push(Line::raw(""));
    items.push(Line::styled(
        format!(
            "{}[{}] I have read it all",
            if on_confirm { "›" } else { " " },
            if confirmed { "x" } else { " " }
        ),
        if on_confirm {
            theme.selected
        } else {
            theme.title
        },
    ));
    Paragraph::new(items).render(list, buf);

    let body = Rect {
        x: text.x + 1,
        width: text.width.saturating_sub(1),
        ..text
    };
    let w = usize::from(body.width.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(s) = sections.get(app.section) {
        let rules: Vec<String> = s.rules.iter().map(|r| r.to_string()).collect();
        lines.extend(wrap(
            &format!("{} ({})", s.title, rules.join(", ")),
            w,
            theme.title,
        ));
        lines.push(Line::raw(""));
        for p in s.body.split("\n\n") {
            lines.extend(wrap(p.trim(), w, theme.text));
            lines.push(Line::raw(""));
        }
        if let Some(id) = s.quote {
            let t = app.guide.text(id);
            lines.extend(wrap(
                &format!("The guide's text — {}:", t.title),
                w,
                theme.dim,
            ));
            for p in &t.paragraphs {
                for row in wrap(p, w.saturating_sub(2), theme.text) {
                    lines.push(Line::raw(format!("│ {row}")));
                }
                lines.push(Line::raw("│"));
            }
        }
        let note = if app.session.is_acknowledged(&s.id) {
            "✓ Acknowledged.".to_string()
        } else {
            format!(
                "Press {} to acknowledge this section and go to the next.",
                keys::name(&Msg::Space, false)
            )
        };
        lines.extend(wrap(&note, w, theme.dim));
    } else {
        let q = app.guide.question(Key::ReadGuidance);
        lines.push(Line::styled("Confirm", theme.title));
        lines.push(Line::raw(""));
        lines.extend(wrap(
            &format!("[{}] {}", if confirmed { "x" } else { " " }, q.prompt),
            w,
            theme.selected,
        ));
        lines.push(Line::raw(""));
        lines.extend(wrap(&q.help, w, theme.text));
        lines.push(Line::raw(""));
        lines.push(Line::raw(if confirmed {
            "Press Enter to continue."
        } else {
            "Press Space to tick it, then Enter to continue."
        }));
    }
    scrolled(body, buf, theme, Text::from(lines), app.scroll);
}

fn draw_questions(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let area = pad(area);
    let w = usize::from(area.width);
    let keys = app.session.questions();
    let focus = app.session.question();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor = None;
    if keys.len() > 1 {
        for (i, &k) in keys.iter().enumerate() {
            let (prompt, gap, answer) = answer_row(app, k, w, 28);
            let focused = i == focus;
            lines.push(Line::from(vec![
                Span::styled(if focused { "› " } else { "  " }, theme.key),
                Span::styled(prompt, if focused { theme.title } else { theme.text }),
                Span::raw(gap),
                Span::styled(
                    answer,
                    if app.session.answers().has(k) {
                        theme.ok
                    } else {
                        theme.dim
                    },
                ),
            ]));
        }
        lines.push(Line::styled("─".repeat(w), theme.border));
    }
    if let Some(&key) = keys.get(focus) {
        let q = app.guide.question(key);
        lines.extend(wrap(&q.prompt, w, theme.title));
        match key.kind() {
            Kind::Choice(_) => {
                let chosen = app.session.answers().get(key);
                for (i, c) in q.choices.iter().enumerate() {
                    let on = chosen.as_deref() == Some(c.value.as_str());
                    let here = i == app.highlight;
                    lines.extend(wrap(
                        &format!(
                            "{} ({}) {}",
                            if here { "›" } else { " " },
                            if on { "•" } else { " " },
                            c.label
                        ),
                        w,
                        if here { theme.selected } else { theme.text },
                    ));
                }
                if let Some(help) = q.choices.get(app.highlight).and_then(|c| c.help.clone()) {
                    lines.extend(wrap(&help, w, theme.dim));
                }
            }
            Kind::Bool => {
                let on = app.session.answers().get(key).as_deref() == Some("true");
                let label = if key == Key::NoEndorsement {
                    "I confirm"
                } else {
                    "Yes"
                };
                lines.push(Line::styled(
                    format!("› [{}] {label}", if on { "x" } else { " " }),
                    theme.selected,
                ));
            }
            Kind::Text => {
                let (shown, col) = app.input.view(w.saturating_sub(3));
                cursor = Some(Position::new(
                    area.x + (2 + col as u16),
                    area.y + lines.len() as u16,
                ));
                lines.push(Line::from(vec![
                    Span::styled("› ", theme.key),
                    Span::styled(shown, theme.selected),
                ]));
                if app.input.is_empty()
                    && let Some(ph) = &q.placeholder
                {
                    lines.push(Line::styled(fit(&format!("  e.g. {ph}"), w), theme.dim));
                }
                if let Some(problem) = app
                    .input_problem()
                    .filter(|_| !app.input.value().trim().is_empty())
                {
                    lines.extend(wrap(&format!("  ✗ {problem}"), w, theme.error));
                }
            }
        }
        lines.extend(wrap(&q.help, w, theme.dim));
    }
    if app.step() == Step::Host {
        lines.extend(super::view_result::decision_lines(app, theme, w));
    }
    Paragraph::new(lines).render(area, buf);
    cursor.filter(|p| p.y < area.y + area.height)
}
