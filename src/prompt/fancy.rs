//! inquire's interactive prompts: a list to move through, a line to edit.
//! Typing `back` filters a list to its "back" entry; Esc goes back too.

use inquire::error::InquireError;
use inquire::validator::Validation;
use inquire::{Select, Text};

use super::{Ask, BACK_WORDS, Prompter, QUIT_WORDS, Reply, Validate};

const BACK: &str = "back (to the previous question)";

#[derive(Default)]
pub struct FancyPrompter {
    /// Ctrl-C was pressed in a prompt.
    interrupted: bool,
}

impl FancyPrompter {
    fn failed<T>(&mut self, e: InquireError) -> Reply<T> {
        match e {
            InquireError::OperationCanceled => Reply::Back,
            InquireError::OperationInterrupted => {
                self.interrupted = true;
                Reply::Quit
            }
            _ => Reply::Quit,
        }
    }
}

impl Prompter for FancyPrompter {
    fn say(&mut self, text: &str) {
        eprintln!("{text}");
    }

    fn choose(&mut self, ask: &Ask) -> Reply<usize> {
        let mut options = ask.options.clone();
        options.push(BACK.to_string());
        let help = if ask.help.is_empty() {
            "↑↓ to move, Enter to choose, type to filter (back goes back)".to_string()
        } else {
            format!("{} · ↑↓ Enter · type back to go back", ask.help)
        };
        // A confirmation without a default starts on its "No" (the last
        // option): it is never pre-selected.
        let start = ask.default.unwrap_or(ask.options.len().saturating_sub(1));
        let result = Select::new(&ask.prompt, options)
            .with_help_message(&help)
            .with_starting_cursor(start)
            .with_page_size(10)
            .raw_prompt();
        match result {
            Ok(choice) if choice.index == ask.options.len() => Reply::Back,
            Ok(choice) => Reply::Value(choice.index),
            Err(e) => self.failed(e),
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        help: &str,
        initial: &str,
        validate: Validate,
    ) -> Reply<String> {
        let help = format!("{help} · type back to go back");
        let result = Text::new(prompt)
            .with_help_message(&help)
            .with_initial_value(initial)
            .with_validator(|s: &str| {
                let t = s.trim();
                if BACK_WORDS.contains(&t) || QUIT_WORDS.contains(&t) {
                    return Ok(Validation::Valid);
                }
                Ok(match validate(t) {
                    Ok(()) => Validation::Valid,
                    Err(why) => Validation::Invalid(why.into()),
                })
            })
            .prompt();
        match result {
            Ok(s) if BACK_WORDS.contains(&s.trim()) => Reply::Back,
            Ok(s) if QUIT_WORDS.contains(&s.trim()) => Reply::Quit,
            Ok(s) => Reply::Value(s.trim().to_string()),
            Err(e) => self.failed(e),
        }
    }

    fn interrupted(&self) -> bool {
        self.interrupted
    }
}
