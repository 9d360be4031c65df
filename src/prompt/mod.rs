//! The plain front-end: the same steps as the full-screen wizard (through
//! `wizard` and `flow`), asked one question at a time on stderr.
//!
//! Two prompters implement [`Prompter`]: `line` (plain lines, no escape
//! sequences at all: for screen readers, `TERM=dumb` and `NO_COLOR`) and
//! `fancy` (inquire's interactive lists). Tests script a third.

pub mod fancy;
pub mod line;
pub mod plain;

/// One question put to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ask {
    pub prompt: String,
    pub help: String,
    pub options: Vec<String>,
    /// The option taken on a bare Enter (the current answer, if any).
    /// `None` for a confirmation not given yet: it must be chosen.
    pub default: Option<usize>,
}

/// What the user replied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    Value(T),
    /// Go back to the previous question.
    Back,
    /// Stop now; progress is saved.
    Quit,
}

/// A validator for typed text: `Err(why)` refuses the text.
pub type Validate<'a> = &'a dyn Fn(&str) -> Result<(), String>;

/// How the plain wizard talks to the user.
pub trait Prompter {
    /// Shows text (guidance, a decision, an artifact) on stderr.
    fn say(&mut self, text: &str);
    /// Asks to pick one of `ask.options`.
    fn choose(&mut self, ask: &Ask) -> Reply<usize>;
    /// Asks for a line of text; `initial` is the current answer.
    fn text(
        &mut self,
        prompt: &str,
        help: &str,
        initial: &str,
        validate: Validate,
    ) -> Reply<String>;
    /// Whether the last `Quit` was an interruption (Ctrl-C).
    fn interrupted(&self) -> bool {
        false
    }
}

/// Wraps prose to `width` columns at word boundaries (by display width), each
/// line keeping its indentation. Lines are never broken inside a word.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indent = &line[..line.len() - line.trim_start().len()];
        let options = textwrap::Options::new(width.max(20))
            .subsequent_indent(indent)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false);
        out.push_str(&textwrap::fill(line, options));
    }
    out
}

/// The words that mean "go back" when typed.
pub const BACK_WORDS: [&str; 2] = ["back", "b"];
/// The words that mean "quit" when typed.
pub const QUIT_WORDS: [&str; 2] = ["quit", "q"];

/// Runs the plain wizard on this process's terminal: plain `lines` without
/// escape sequences (screen readers, `TERM=dumb`, `NO_COLOR`), inquire's
/// lists otherwise. `why` (said first) is why the full screen was not used.
/// SIGTERM, SIGHUP and SIGINT save progress and restore the terminal before
/// exiting.
pub fn run_plain(
    guide: &crate::guide::Guide,
    renderer: &crate::render::Renderer,
    lines: bool,
    why: Option<&str>,
) -> plain::End {
    use std::sync::Arc;

    let latest: crate::session::Latest = Default::default();
    let restore = if lines { restore_lines } else { restore_lists };
    crate::session::guard_exits(Arc::clone(&latest), restore);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));

    let mut save = |s: &crate::session::Saved| {
        if let Ok(mut l) = latest.lock() {
            *l = Some(s.clone());
        }
        if let Err(e) = crate::session::save(s) {
            eprintln!("note: progress could not be saved: {e}");
        }
    };
    let mut clear = crate::session::clear;
    let mut copy =
        |text: &str| match crate::clipboard::copy(text, &crate::clipboard::Env::current()) {
            Ok(c) => Ok(c.message()),
            Err(e) => Err(format!("{e}\nSave it to a file or print it instead.")),
        };
    let mut print = |text: &str| {
        let _ = crate::output::print(text);
    };
    let io = plain::Io {
        save: &mut save,
        clear: &mut clear,
        copy: &mut copy,
        print: &mut print,
        now: plain::now,
        width: terminal_width,
    };
    if let Some(why) = why {
        let note = crate::wizard::frontend::plain_note(why);
        eprintln!(
            "{}",
            terminal_width().map_or(note.clone(), |w| wrap(&note, w))
        );
    }
    let resume = crate::session::load();
    if lines {
        let stdin = std::io::stdin();
        let mut p = line::LinePrompter::new(stdin.lock(), std::io::stderr());
        plain::run(guide, renderer, &mut p, io, resume)
    } else {
        plain::run(
            guide,
            renderer,
            &mut fancy::FancyPrompter::default(),
            io,
            resume,
        )
    }
}

/// The terminal's width, to wrap prose at.
fn terminal_width() -> Option<usize> {
    crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|w| *w > 0)
}

/// Line prompts never leave cooked mode and must not print escapes.
fn restore_lines() {
    let _ = crossterm::terminal::disable_raw_mode();
}

/// inquire may have the terminal in raw mode with the cursor hidden.
fn restore_lists() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(std::io::stderr(), crossterm::cursor::Show);
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn prose_wraps_at_words_keeping_each_lines_indent() {
        let text = "CEOP helps any child or young person under 18.\n  - an indented item long enough to wrap\nend";
        assert_eq!(
            wrap(text, 24),
            "CEOP helps any child or\nyoung person under 18.\n  - an indented item\n  long enough to wrap\nend"
        );
    }

    #[test]
    fn a_word_is_never_split_and_a_narrow_width_counts_as_twenty() {
        let long = "see https://www.ceop.police.uk/safety-centre now";
        assert_eq!(
            wrap(long, 10),
            "see\nhttps://www.ceop.police.uk/safety-centre\nnow"
        );
        // Twenty columns, not ten: "a b c d e f g h i j" is 19 wide.
        assert_eq!(wrap("a b c d e f g h i j k", 10), "a b c d e f g h i j\nk");
        // Wide characters count by display width (two columns each).
        assert_eq!(
            wrap("名前名前名前 名前名前名前", 20),
            "名前名前名前\n名前名前名前"
        );
    }
}
