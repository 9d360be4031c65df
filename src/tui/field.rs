//! A one-line text field with a cursor (tui-input underneath): moving,
//! deleting a character, a word or the line, and a paste as one insert.

use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthStr;

use super::msg::Msg;

#[derive(Debug, Clone, Default)]
pub struct Field(Input);

impl Field {
    /// A field holding `value`, the cursor at its end.
    pub fn new(value: &str) -> Self {
        Field(Input::new(value.to_string()))
    }

    pub fn value(&self) -> &str {
        self.0.value()
    }

    pub fn is_empty(&self) -> bool {
        self.value().is_empty()
    }

    /// Applies an editing message. False when `msg` is not an edit.
    pub fn edit(&mut self, msg: &Msg) -> bool {
        let request = match msg {
            Msg::Char(c) => InputRequest::InsertChar(*c),
            Msg::Paste(text) => {
                self.paste(text);
                return true;
            }
            Msg::Left => InputRequest::GoToPrevChar,
            Msg::Right => InputRequest::GoToNextChar,
            Msg::WordLeft => InputRequest::GoToPrevWord,
            Msg::WordRight => InputRequest::GoToNextWord,
            Msg::Home => InputRequest::GoToStart,
            Msg::End => InputRequest::GoToEnd,
            Msg::Backspace => InputRequest::DeletePrevChar,
            Msg::Delete => InputRequest::DeleteNextChar,
            Msg::DeleteWord => InputRequest::DeletePrevWord,
            Msg::ClearLine => InputRequest::DeleteLine,
            _ => return false,
        };
        self.0.handle(request);
        true
    }

    /// Inserts a paste at the cursor in one step (a 100 kB paste is one
    /// edit, not 100,000). A field is one line: line breaks and other
    /// control characters are left out.
    fn paste(&mut self, text: &str) {
        let cursor = self.0.cursor();
        let value = self.value();
        let at = value
            .char_indices()
            .nth(cursor)
            .map_or(value.len(), |(i, _)| i);
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let inserted = clean.chars().count();
        let joined = format!("{}{clean}{}", &value[..at], &value[at..]);
        self.0 = Input::new(joined).with_cursor(cursor + inserted);
    }

    /// What fits in `width` columns around the cursor, and the cursor's
    /// column in it: the text scrolls sideways so the cursor stays in view.
    pub fn view(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let scroll = self.0.visual_scroll(width);
        let cursor = self.0.visual_cursor();
        let mut shown = String::new();
        let mut col = 0;
        for ch in self.value().chars() {
            let w = ch.to_string().width();
            if col + w <= scroll {
                col += w;
                continue;
            }
            if col.saturating_sub(scroll) + w > width {
                break;
            }
            shown.push(ch);
            col += w;
        }
        (shown, cursor.saturating_sub(scroll))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> Field {
        let mut f = Field::default();
        for c in text.chars() {
            f.edit(&Msg::Char(c));
        }
        f
    }

    #[test]
    fn a_typo_is_fixed_in_place() {
        let mut f = typed("St Exmple");
        for _ in 0..4 {
            f.edit(&Msg::Left);
        }
        f.edit(&Msg::Char('a'));
        assert_eq!(f.value(), "St Example");
        f.edit(&Msg::Home);
        f.edit(&Msg::Delete);
        f.edit(&Msg::Char('s'));
        f.edit(&Msg::End);
        f.edit(&Msg::DeleteWord);
        assert_eq!(f.value(), "st ");
        f.edit(&Msg::ClearLine);
        assert!(f.is_empty());
    }

    #[test]
    fn a_paste_is_one_insert_at_the_cursor_without_line_breaks() {
        let mut f = typed("ab");
        f.edit(&Msg::Left);
        f.edit(&Msg::Paste("x\ny".into()));
        assert_eq!(f.value(), "axyb");
        f.edit(&Msg::Char('!'));
        assert_eq!(f.value(), "axy!b");
        let big = "é".repeat(100_000);
        f.edit(&Msg::Paste(big));
        assert_eq!(f.value().chars().count(), 100_005);
    }

    #[test]
    fn the_view_keeps_the_cursor_in_sight_with_wide_characters() {
        let f = Field::new("学校学校学校学校");
        let (shown, col) = f.view(10);
        assert!(shown.width() <= 10, "{shown}");
        assert!(col <= 10);
        assert!(shown.ends_with('校'));
    }

    #[test]
    fn the_cursor_moves_by_character_and_by_word() {
        let mut f = typed("one two three");
        for (moves, c, want) in [
            (&[Msg::Home, Msg::WordRight][..], 'X', "one Xtwo three"),
            (&[Msg::End, Msg::WordLeft], 'Y', "one Xtwo Ythree"),
            (&[Msg::Home, Msg::Right], 'Z', "oZne Xtwo Ythree"),
        ] {
            for m in moves {
                assert!(f.edit(m));
            }
            f.edit(&Msg::Char(c));
            assert_eq!(f.value(), want);
        }
    }

    #[test]
    fn wide_characters_fill_the_view_to_its_last_whole_one() {
        let mut f = Field::new("学校学校");
        f.edit(&Msg::Home);
        assert_eq!(f.view(7), ("学校学".to_string(), 0), "6 of 7 columns");
        assert_eq!(f.view(8), ("学校学校".to_string(), 0));
    }
}
