//! Draws the state (pure): `draw(&App, &Theme, area, buffer)`, nothing else.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Tabs,
    Widget, Wrap,
};

use super::app::{App, Overlay, SaveWhat};
use super::theme::Theme;
use crate::answers::{Key, Kind};
use crate::eligibility::Outcome;
use crate::flow::Step;
use crate::wizard::Conclusion;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub fn draw(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(area, buf, theme);
        return;
    }
    let [header, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, theme, header, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", app.guide.step_title(app.step)),
            theme.title,
        ));
    let inner = block.inner(body);
    block.render(body, buf);
    match app.step {
        Step::Welcome => draw_welcome(app, theme, inner, buf),
        Step::ReaderNotice => draw_notice(app, theme, inner, buf),
        Step::Review => draw_review(app, theme, inner, buf),
        Step::Result => draw_result(app, theme, inner, buf),
        _ => draw_questions(app, theme, inner, buf),
    }
    draw_status(app, theme, status, buf);
    draw_hints(app, theme, hints, buf);
    match &app.overlay {
        Some(Overlay::Help) => draw_help(theme, area, buf),
        Some(Overlay::Save(p)) => draw_save(app, p, theme, area, buf),
        Some(Overlay::Resume(saved)) => {
            let text = vec![
                Line::styled("Resume where you left off?", theme.title),
                Line::raw(""),
                Line::raw(format!(
                    "A saved session was found at the step “{}”, with {} answers.",
                    app.guide.step_title(saved.step()),
                    Key::ALL.iter().filter(|k| saved.answers.has(**k)).count()
                )),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("y", theme.key),
                    Span::raw(" resume   "),
                    Span::styled("n", theme.key),
                    Span::raw(" start again (the saved answers are forgotten)"),
                ]),
            ];
            popup(theme, area, buf, 64, 9, " Saved session ", text);
        }
        None => {}
    }
}

fn too_small(area: Rect, buf: &mut Buffer, theme: &Theme) {
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

fn draw_header(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let n = Step::ALL.len();
    let here = app.step.index();
    let mut spans = vec![
        Span::styled(" ceop-onboard ", theme.title),
        Span::raw(format!(
            "· Step {} of {n} · {}",
            here + 1,
            app.guide.step_title(app.step)
        )),
    ];
    let mut strip = Vec::new();
    for (i, step) in Step::ALL.iter().enumerate() {
        let (label, style) = match i.cmp(&here) {
            std::cmp::Ordering::Less if !crate::flow::step_applies(*step, &app.answers) => {
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

fn draw_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let line = if let Some(e) = &app.error {
        Line::styled(format!(" ✗ {e}"), theme.error)
    } else if let Some(s) = &app.status {
        Line::styled(format!(" ✓ {s}"), theme.ok)
    } else {
        Line::raw("")
    };
    line.render(area, buf);
}

fn hint_line(theme: &Theme, pairs: &[(&str, &str)]) -> Line<'static> {
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in pairs {
        spans.push(Span::styled(k.to_string(), theme.key));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

fn draw_hints(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let pairs: &[(&str, &str)] = match (&app.overlay, app.step) {
        (Some(_), _) => &[("Enter", "confirm"), ("Esc", "cancel")],
        (None, Step::Welcome) => &[("Enter", "start"), ("?", "help"), ("Ctrl-C", "quit")],
        (None, Step::ReaderNotice) => &[
            ("↑↓", "scroll"),
            ("←→", "section"),
            ("Space", "acknowledge"),
            ("Enter", "next"),
            ("Esc", "back"),
            ("?", "help"),
        ],
        (None, Step::Review) => &[
            ("↑↓", "choose"),
            ("Enter", "edit / continue"),
            ("PgDn", "reasons"),
            ("Esc", "back"),
            ("?", "help"),
        ],
        (None, Step::Result) if app.tabs().is_empty() => &[
            ("r", "save record"),
            ("Esc", "back"),
            ("q", "quit"),
            ("?", "help"),
        ],
        (None, Step::Result) => &[
            ("←→", "tab"),
            ("c", "copy"),
            ("s", "save"),
            ("k", "checklist"),
            ("r", "record"),
            ("p", "print on exit"),
            ("q", "quit"),
        ],
        (None, _) if app.typing() => &[
            ("Enter", "next"),
            ("Shift-Tab", "previous"),
            ("Esc", "back"),
            ("F1", "help"),
        ],
        (None, _) => &[
            ("↑↓", "choose"),
            ("Enter", "select"),
            ("Space", "tick"),
            ("Esc", "back"),
            ("?", "help"),
        ],
    };
    hint_line(theme, pairs).render(area, buf);
}

fn draw_welcome(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut lines = vec![
        Line::styled(app.guide.welcome.title.clone(), theme.title),
        Line::raw(""),
    ];
    for p in app.guide.welcome.body.split("\n\n") {
        lines.push(Line::raw(p.trim().to_string()));
        lines.push(Line::raw(""));
    }
    lines.push(Line::from(vec![
        Span::raw("Press "),
        Span::styled("Enter", theme.key),
        Span::raw(" to begin. Keys are shown on the bottom line; "),
        Span::styled("?", theme.key),
        Span::raw(" shows them all."),
    ]));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(pad(area), buf);
}

/// One column of padding inside the body.
fn pad(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// Lines a text takes when wrapped at `width` (word wrap, as Paragraph does it closely enough).
fn wrapped_height(text: &Text, width: u16) -> usize {
    let w = width.max(1) as usize;
    text.lines
        .iter()
        .map(|l| {
            let len = l.width();
            if len == 0 {
                1
            } else {
                len.div_ceil(w) + len / (w * 4).max(1)
            }
        })
        .sum()
}

fn scrolled(area: Rect, buf: &mut Buffer, theme: &Theme, text: Text<'static>, scroll: u16) {
    let inner = Rect {
        width: area.width.saturating_sub(2),
        ..area
    };
    let total = wrapped_height(&text, inner.width);
    let max = total.saturating_sub(inner.height as usize) as u16;
    let offset = scroll.min(max);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .scroll((offset, 0))
        .style(theme.text)
        .render(inner, buf);
    if total > inner.height as usize {
        let mut state = ScrollbarState::new(max as usize + 1).position(offset as usize);
        ratatui::widgets::StatefulWidget::render(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            area,
            buf,
            &mut state,
        );
    }
}

fn draw_notice(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let [list, text] =
        Layout::horizontal([Constraint::Length(30), Constraint::Min(20)]).areas(area);
    let sections = &app.guide.sections;
    let mut items: Vec<Line> = sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mark = if app.acknowledged[i] { "✓" } else { " " };
            let cursor = if i == app.section { "›" } else { " " };
            let style = if i == app.section {
                theme.selected
            } else {
                theme.text
            };
            Line::styled(format!("{cursor}{mark} {}", s.title), style)
        })
        .collect();
    let confirmed = app.answers.read_guidance == Some(true);
    let cursor = if app.section == sections.len() {
        "›"
    } else {
        " "
    };
    items.push(Line::raw(""));
    items.push(Line::styled(
        format!(
            "{cursor}[{}] I have read it all",
            if confirmed { "x" } else { " " }
        ),
        if app.section == sections.len() {
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
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(s) = sections.get(app.section) {
        let rules: Vec<String> = s.rules.iter().map(|r| r.to_string()).collect();
        lines.push(Line::styled(
            format!("{} ({})", s.title, rules.join(", ")),
            theme.title,
        ));
        lines.push(Line::raw(""));
        for p in s.body.split("\n\n") {
            lines.push(Line::raw(p.trim().to_string()));
            lines.push(Line::raw(""));
        }
        if let Some(id) = s.quote {
            let t = app.guide.text(id);
            lines.push(Line::styled(
                format!("The guide's text — {}:", t.title),
                theme.dim,
            ));
            for p in &t.paragraphs {
                lines.push(Line::raw(format!("│ {p}")));
                lines.push(Line::raw("│"));
            }
        }
        lines.push(Line::styled(
            if app.acknowledged[app.section] {
                "✓ Acknowledged."
            } else {
                "Press Space to acknowledge this section and go to the next."
            },
            theme.dim,
        ));
    } else {
        let q = app.guide.question(Key::ReadGuidance);
        lines.push(Line::styled("Confirm", theme.title));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("[{}] {}", if confirmed { "x" } else { " " }, q.prompt),
            theme.selected,
        ));
        lines.push(Line::raw(""));
        lines.push(Line::raw(q.help.clone()));
        lines.push(Line::raw(""));
        lines.push(Line::raw(if confirmed {
            "Press Enter to continue."
        } else {
            "Press Space to tick it, then Enter to continue."
        }));
    }
    scrolled(body, buf, theme, Text::from(lines), app.scroll);
}

/// How an answer reads on screen.
pub fn answer_label(app: &App, key: Key) -> String {
    let Some(v) = app.answers.get(key) else {
        return "—".into();
    };
    match key.kind() {
        Kind::Choice(_) => app
            .guide
            .question(key)
            .choices
            .iter()
            .find(|c| c.value == v)
            .map_or(v, |c| c.label.clone()),
        Kind::Bool => if v == "true" { "Yes" } else { "No" }.into(),
        Kind::Text if v.is_empty() => "—".into(),
        Kind::Text => v,
    }
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn draw_questions(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let keys = app.questions();
    let mut lines: Vec<Line<'static>> = Vec::new();
    if keys.len() > 1 {
        let w = area.width as usize;
        for (i, &k) in keys.iter().enumerate() {
            let answer = truncate(&answer_label(app, k), 28);
            let prompt_w = w.saturating_sub(answer.chars().count() + 4);
            let prompt = truncate(&app.guide.question(k).prompt, prompt_w);
            let gap = w.saturating_sub(prompt.chars().count() + answer.chars().count() + 3);
            let focused = i == app.focus;
            lines.push(Line::from(vec![
                Span::styled(if focused { "› " } else { "  " }, theme.key),
                Span::styled(prompt, if focused { theme.title } else { theme.text }),
                Span::raw(" ".repeat(gap)),
                Span::styled(
                    answer,
                    if app.answers.has(k) {
                        theme.ok
                    } else {
                        theme.dim
                    },
                ),
            ]));
        }
        lines.push(Line::styled("─".repeat(w), theme.border));
    }
    if let Some(&key) = keys.get(app.focus) {
        let q = app.guide.question(key);
        lines.push(Line::styled(q.prompt.clone(), theme.title));
        match key.kind() {
            Kind::Choice(_) => {
                let chosen = app.answers.get(key);
                for (i, c) in q.choices.iter().enumerate() {
                    let on = chosen.as_deref() == Some(c.value.as_str());
                    let here = i == app.highlight;
                    lines.push(Line::styled(
                        format!(
                            "{} ({}) {}",
                            if here { "›" } else { " " },
                            if on { "•" } else { " " },
                            c.label
                        ),
                        if here { theme.selected } else { theme.text },
                    ));
                }
                if let Some(help) = q.choices.get(app.highlight).and_then(|c| c.help.clone()) {
                    lines.push(Line::styled(help, theme.dim));
                }
            }
            Kind::Bool => {
                let on = app.answers.get(key).as_deref() == Some("true");
                lines.push(Line::styled(
                    format!(
                        "› [{}] {}",
                        if on { "x" } else { " " },
                        if key == Key::NoEndorsement {
                            "I confirm"
                        } else {
                            "Yes"
                        }
                    ),
                    theme.selected,
                ));
            }
            Kind::Text => {
                lines.push(Line::from(vec![
                    Span::styled("› ", theme.key),
                    Span::styled(format!("{}▏", app.input), theme.selected),
                ]));
                if app.input.is_empty()
                    && let Some(ph) = &q.placeholder
                {
                    lines.push(Line::styled(format!("  e.g. {ph}"), theme.dim));
                }
                if let Some(problem) = app.input_problem().filter(|_| !app.input.trim().is_empty())
                {
                    lines.push(Line::styled(format!("  ✗ {problem}"), theme.error));
                }
            }
        }
        lines.push(Line::styled(q.help.clone(), theme.dim));
    }
    if app.step == Step::Host {
        lines.extend(decision_lines(app, theme, true));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area, buf);
}

/// The decision and its reasons, as far as the answers go.
fn decision_lines(app: &App, theme: &Theme, partial: bool) -> Vec<Line<'static>> {
    let decision = crate::eligibility::decide(app.guide, &app.answers, None);
    let mut lines = Vec::new();
    if partial
        && matches!(
            decision.outcome,
            Outcome::Incomplete | Outcome::Appropriate | Outcome::AppLinkOnly
        )
    {
        return lines;
    }
    let text = app.guide.outcome(decision.outcome);
    let style = match decision.outcome {
        Outcome::Appropriate | Outcome::AppLinkOnly => theme.ok,
        _ => theme.warn,
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(text.title.clone(), style));
    for r in &decision.reasons {
        lines.push(Line::raw(format!("  - {} ({})", r.text, r.rule)));
    }
    lines
}

fn draw_review(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let rows = app.review_rows();
    let w = area.width.saturating_sub(2) as usize; // room for the scrollbar
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, &k) in rows.iter().enumerate() {
        let here = i == app.focus;
        let answer = truncate(&answer_label(app, k), 30);
        let label = truncate(
            &app.guide.question(k).prompt,
            w.saturating_sub(answer.chars().count() + 4),
        );
        let gap = w.saturating_sub(label.chars().count() + answer.chars().count() + 3);
        lines.push(Line::styled(
            format!(
                "{}{label}{}{answer}",
                if here { "› " } else { "  " },
                " ".repeat(gap)
            ),
            if here { theme.selected } else { theme.text },
        ));
    }
    let here = app.focus == rows.len();
    lines.push(Line::styled(
        format!("{}▶ Continue to the result", if here { "› " } else { "  " }),
        if here { theme.selected } else { theme.title },
    ));
    match &app.conclusion {
        Some(Ok(c)) => lines.extend(conclusion_summary(app, theme, c)),
        Some(Err(e)) => lines.push(Line::styled(e.clone(), theme.error)),
        None => {}
    }
    // PageDown/PageUp scroll; the focused row always stays in view.
    let height = area.height as usize;
    let focus = app.focus.min(rows.len());
    let mut offset = app.scroll as usize;
    if focus < offset {
        offset = focus;
    } else if focus >= offset + height {
        offset = focus + 1 - height;
    }
    scrolled(area, buf, theme, Text::from(lines), offset as u16);
}

fn conclusion_summary(app: &App, theme: &Theme, c: &Conclusion) -> Vec<Line<'static>> {
    let text = app.guide.outcome(c.decision.outcome);
    let style = if c.decision.outcome.gives_artifact() {
        theme.ok
    } else {
        theme.warn
    };
    let mut lines = vec![Line::raw(""), Line::styled(text.title.clone(), style)];
    for r in &c.decision.reasons {
        lines.push(Line::raw(format!("  - {} ({})", r.text, r.rule)));
    }
    lines
}

fn draw_result(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let c = match &app.conclusion {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            Paragraph::new(e.clone())
                .style(theme.error)
                .wrap(Wrap { trim: false })
                .render(area, buf);
            return;
        }
        None => return,
    };
    let tabs = app.tabs();
    if tabs.is_empty() {
        let text = app.guide.outcome(c.decision.outcome);
        let mut lines = vec![Line::styled(text.title.clone(), theme.warn), Line::raw("")];
        lines.push(Line::raw(text.body.clone()));
        lines.push(Line::raw(""));
        for r in &c.decision.reasons {
            lines.push(Line::raw(format!("- {} ({})", r.text, r.rule)));
        }
        if !text.next_steps.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("What to do next", theme.title));
            for s in &text.next_steps {
                lines.push(Line::raw(format!("- {s}")));
            }
        }
        scrolled(area, buf, theme, Text::from(lines), app.scroll);
        return;
    }
    let [title, tab_row, content] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    let outcome = app.guide.outcome(c.decision.outcome);
    let warnings = c
        .decision
        .reasons
        .iter()
        .filter(|r| matches!(r.rule, crate::rules::RuleId::R5 | crate::rules::RuleId::R6))
        .count();
    let mut head = vec![Span::styled(outcome.title.clone(), theme.ok)];
    if warnings > 0 {
        head.push(Span::styled(
            format!("  ({warnings} to fix: see the checklist)"),
            theme.warn,
        ));
    }
    Line::from(head).render(title, buf);
    Tabs::new(tabs.iter().map(|t| t.label.clone()))
        .select(app.tab)
        .highlight_style(theme.selected)
        .style(theme.dim)
        .divider("|")
        .render(tab_row, buf);
    let body = tabs[app.tab].content.clone();
    let text = Text::from(
        body.lines()
            .map(|l| Line::raw(l.to_string()))
            .collect::<Vec<_>>(),
    );
    scrolled(content, buf, theme, text, app.scroll);
}

fn popup(
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    w: u16,
    h: u16,
    title: &str,
    lines: Vec<Line<'static>>,
) {
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
    let inner = block.inner(r);
    block.render(r, buf);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(pad(inner), buf);
}

fn draw_help(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let rows: &[(&str, &str)] = &[
        ("Enter", "select the highlighted choice and go on; continue"),
        ("Tab / Shift-Tab", "next / previous question"),
        ("Esc", "back to the previous step"),
        ("↑ ↓", "move the highlight; scroll"),
        ("Space", "tick a box; select without moving on; acknowledge"),
        ("← →", "guidance sections; result tabs"),
        (
            "c s k r",
            "result: copy, save tab, save checklist, save record",
        ),
        ("p", "result: print the tab to standard output on exit"),
        ("q / Ctrl-C", "quit (your answers are saved to resume)"),
        ("? / F1", "this help"),
    ];
    let mut lines: Vec<Line<'static>> = rows
        .iter()
        .map(|(k, what)| {
            Line::from(vec![
                Span::styled(format!("{k:<16}"), theme.key),
                Span::raw(what.to_string()),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled("Esc closes this help.", theme.dim));
    popup(theme, area, buf, 76, 15, " Keys ", lines);
}

fn draw_save(app: &App, p: &super::app::SavePrompt, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let what = match p.what {
        SaveWhat::Record => "the onboarding record".to_string(),
        SaveWhat::Tab(i) => format!(
            "the {} tab",
            app.tabs().get(i).map_or("", |t| t.label.as_str())
        ),
    };
    let mut lines = vec![
        Line::raw(format!("Save {what} to:")),
        Line::from(vec![
            Span::styled("› ", theme.key),
            Span::styled(format!("{}▏", p.path), theme.selected),
        ]),
        Line::raw(""),
    ];
    if p.confirm_overwrite {
        lines.push(Line::styled(
            format!("{} exists. Replace it? (y/n)", p.path.trim()),
            theme.warn,
        ));
    } else if let Some(e) = &p.error {
        lines.push(Line::styled(e.clone(), theme.error));
    } else {
        lines.push(Line::styled("Enter saves; Esc cancels.", theme.dim));
    }
    popup(theme, area, buf, 70, 8, " Save ", lines);
}
