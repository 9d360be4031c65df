//! Text measured in terminal columns: cutting to a width (CJK and emoji take
//! two columns) and wrapping at word boundaries, so a row never wraps
//! unexpectedly and a word is never broken across lines.

use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// Columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `max` columns, with "…" where it was cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = ch.to_string().width();
        if used + w + 1 > max {
            break;
        }
        out.push(ch);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `text` wrapped to `width` columns at word boundaries, one styled line per
/// row. Indentation of a line is kept on its continuation rows.
pub fn wrap(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for line in text.split('\n') {
        if line.is_empty() {
            lines.push(Line::styled(String::new(), style));
            continue;
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let options = textwrap::Options::new(width)
            .subsequent_indent(indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation);
        for row in textwrap::wrap(line, options) {
            lines.push(Line::styled(row.into_owned(), style));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_columns_not_characters() {
        assert_eq!(fit("学校の名前です", 8), "学校の…");
        assert_eq!(width(&fit("学校の名前です", 8)), 7);
        assert_eq!(fit("St 🙂 Example Primary", 8), "St 🙂 E…");
        assert_eq!(fit("short", 8), "short");
        assert_eq!(fit("short", 0), "", "no room, not even for the ellipsis");
        assert_eq!(fit("short", 1), "…");
    }

    #[test]
    fn wraps_at_words() {
        let rows = wrap("the organisation hosts it", 12, Style::new());
        let rows: Vec<String> = rows.iter().map(|l| l.to_string()).collect();
        assert_eq!(rows, ["the", "organisation", "hosts it"]);
    }
}
