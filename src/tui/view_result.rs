//! Draws the review (every answer, with the decision so far) and the result
//! (tabs of the artifact and checklist, or the decision without one).

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Tabs, Widget};

use super::app::App;
use super::layout::{answer_row, pad, scrolled};
use super::text::wrap;
use super::theme::Theme;
use crate::eligibility::Outcome;
use crate::wizard::Conclusion;

/// On the host step: the decision once the answers settle it (not for an
/// appropriate host, which goes on).
pub fn decision_lines(app: &App, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    let decision = crate::eligibility::decide(app.guide, app.session.answers(), None);
    if matches!(
        decision.outcome,
        Outcome::Incomplete | Outcome::Appropriate | Outcome::AppLinkOnly
    ) {
        return Vec::new();
    }
    let text = app.guide.outcome(decision.outcome);
    let mut lines = vec![Line::raw("")];
    lines.extend(wrap(&text.title, w, theme.warn));
    for r in &decision.reasons {
        lines.extend(wrap(&format!("  - {} ({})", r.text, r.rule), w, theme.text));
    }
    lines
}

pub fn draw_review(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let rows = app.session.review_rows();
    let w = area.width.saturating_sub(2) as usize; // room for the scrollbar
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (i, &k) in rows.iter().enumerate() {
        let here = i == app.row;
        let (label, gap, answer) = answer_row(app, k, w, 30);
        lines.push(Line::styled(
            format!("{}{label}{gap}{answer}", if here { "› " } else { "  " }),
            if here { theme.selected } else { theme.text },
        ));
    }
    let here = app.row == rows.len();
    lines.push(Line::styled(
        format!("{}▶ Continue to the result", if here { "› " } else { "  " }),
        if here { theme.selected } else { theme.title },
    ));
    match &app.conclusion {
        Some(Ok(c)) => lines.extend(conclusion_summary(app, theme, c, w)),
        Some(Err(e)) => lines.extend(wrap(e, w, theme.error)),
        None => {}
    }
    // PageDown/PageUp scroll; the selected row always stays in view.
    let height = area.height as usize;
    let focus = app.row.min(rows.len());
    let mut offset = usize::from(app.scroll).min(focus);
    if focus >= offset + height {
        offset = focus + 1 - height;
    }
    scrolled(area, buf, theme, Text::from(lines), offset as u16);
}

fn conclusion_summary(app: &App, theme: &Theme, c: &Conclusion, w: usize) -> Vec<Line<'static>> {
    let text = app.guide.outcome(c.decision.outcome);
    let style = if c.decision.outcome.gives_artifact() {
        theme.ok
    } else {
        theme.warn
    };
    let mut lines = vec![Line::raw("")];
    lines.extend(wrap(&text.title, w, style));
    for r in &c.decision.reasons {
        lines.extend(wrap(&format!("  - {} ({})", r.text, r.rule), w, theme.text));
    }
    lines
}

pub fn draw_result(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let area = pad(area);
    let w = usize::from(area.width.saturating_sub(2));
    let c = match &app.conclusion {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            let lines = wrap(e, w, theme.error);
            scrolled(area, buf, theme, Text::from(lines), app.scroll);
            return;
        }
        None => return,
    };
    let tabs = app.tabs();
    if tabs.is_empty() {
        let text = app.guide.outcome(c.decision.outcome);
        let mut lines = wrap(&text.title, w, theme.warn);
        lines.push(Line::raw(""));
        lines.extend(wrap(&text.body, w, theme.text));
        lines.push(Line::raw(""));
        for r in &c.decision.reasons {
            lines.extend(wrap(&format!("- {} ({})", r.text, r.rule), w, theme.text));
        }
        if !text.next_steps.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled("What to do next", theme.title));
            for s in &text.next_steps {
                lines.extend(wrap(&format!("- {s}"), w, theme.text));
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
        .filter(|r| r.id.asks_for_a_fix())
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
    // The artifact is shown as it will be pasted: long lines are wrapped
    // for the screen only (copy, save and print take the text itself).
    let body = &tabs[app.tab].content;
    let lines: Vec<Line<'static>> = body.lines().flat_map(|l| wrap(l, w, theme.text)).collect();
    scrolled(content, buf, theme, Text::from(lines), app.scroll);
}
