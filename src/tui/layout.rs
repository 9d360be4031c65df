//! Pieces the screens and overlays share: the body's padding, a scrolled
//! body with its scrollbar, and how an answer reads in a row of a list.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Widget};

use super::app::App;
use super::text::{fit, width};
use super::theme::Theme;
use crate::answers::Key;

/// One column of padding inside the body.
pub fn pad(area: Rect) -> Rect {
    Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// Draws pre-wrapped lines from `scroll`, with a scrollbar when they do not fit.
pub fn scrolled(area: Rect, buf: &mut Buffer, theme: &Theme, text: Text<'static>, scroll: u16) {
    let inner = Rect {
        width: area.width.saturating_sub(2),
        ..area
    };
    let total = text.lines.len();
    let max = total.saturating_sub(inner.height as usize) as u16;
    let offset = scroll.min(max);
    Paragraph::new(text)
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

/// How an answer reads on screen.
pub fn answer_label(app: &App, key: Key) -> String {
    crate::wizard::answer_label(app.guide, app.session.answers(), key)
}

/// One row of a list of questions: marker, prompt and answer, cut to `w`
/// columns so that it never wraps.
pub fn answer_row(app: &App, key: Key, w: usize, answer_max: usize) -> (String, String, String) {
    let answer = fit(&answer_label(app, key), answer_max);
    let prompt = fit(
        &app.guide.question(key).prompt,
        w.saturating_sub(width(&answer) + 4),
    );
    let gap = " ".repeat(w.saturating_sub(width(&prompt) + width(&answer) + 3));
    (prompt, gap, answer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;

    fn rows(lines: usize) -> Vec<String> {
        let area = Rect::new(0, 0, 10, 3);
        let mut buf = Buffer::empty(area);
        let text = Text::from(vec![Line::from("0123456789"); lines]);
        scrolled(area, &mut buf, &Theme::new(false), text, 0);
        (0..3)
            .map(|y| (0..10).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn text_keeps_clear_of_the_scrollbar_which_shows_only_when_it_does_not_fit() {
        assert_eq!(rows(3), ["01234567  "; 3], "fits: no scrollbar");
        let more = rows(4);
        assert!(more.iter().all(|r| r.starts_with("01234567 ")), "{more:?}");
        assert!(
            more.iter().all(|r| !r.ends_with(' ')),
            "a scrollbar: {more:?}"
        );
    }
}
