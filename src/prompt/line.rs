//! Plain lines in, plain lines out: no escape sequences, nothing redrawn.
//! For screen readers, dumb terminals and NO_COLOR.

use std::io::{BufRead, Write};

use super::{Ask, BACK_WORDS, Prompter, QUIT_WORDS, Reply, Validate};

pub struct LinePrompter<R: BufRead, W: Write> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> LinePrompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        LinePrompter { input, output }
    }

    /// One line, without its ending; `None` at end of input.
    fn read(&mut self) -> Option<String> {
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(line.trim_end_matches(['\n', '\r']).to_string()),
        }
    }

    fn write(&mut self, s: &str) {
        let _ = self.output.write_all(s.as_bytes());
        let _ = self.output.flush();
    }
}

fn is(word: &str, set: &[&str]) -> bool {
    set.contains(&word.trim().to_lowercase().as_str())
}

impl<R: BufRead, W: Write> Prompter for LinePrompter<R, W> {
    fn say(&mut self, text: &str) {
        self.write(&format!("{text}\n"));
    }

    fn choose(&mut self, ask: &Ask) -> Reply<usize> {
        let mut s = format!("\n{}\n", ask.prompt);
        for (i, o) in ask.options.iter().enumerate() {
            s.push_str(&format!("  {}) {o}\n", i + 1));
        }
        if !ask.help.is_empty() {
            s.push_str(&format!("  ({})\n", ask.help));
        }
        self.write(&s);
        loop {
            self.write(&match ask.default {
                Some(d) => format!("Type a number [{}], or back, or quit: ", d + 1),
                None => "Type a number, or back, or quit: ".to_string(),
            });
            let Some(line) = self.read() else {
                return Reply::Quit;
            };
            let t = line.trim();
            if t.is_empty() {
                match ask.default {
                    Some(d) => return Reply::Value(d),
                    None => continue,
                }
            }
            if is(t, &BACK_WORDS) {
                return Reply::Back;
            }
            if is(t, &QUIT_WORDS) {
                return Reply::Quit;
            }
            match t.parse::<usize>() {
                Ok(n) if (1..=ask.options.len()).contains(&n) => return Reply::Value(n - 1),
                _ => {
                    // A typed option label works too.
                    if let Some(i) = ask.options.iter().position(|o| o.eq_ignore_ascii_case(t)) {
                        return Reply::Value(i);
                    }
                    self.write(&format!(
                        "Please type a number from 1 to {}.\n",
                        ask.options.len()
                    ));
                }
            }
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        help: &str,
        initial: &str,
        validate: Validate,
    ) -> Reply<String> {
        let mut s = format!("\n{prompt}\n");
        if !help.is_empty() {
            s.push_str(&format!("  ({help})\n"));
        }
        self.write(&s);
        loop {
            if initial.is_empty() {
                self.write("Type it, or back, or quit: ");
            } else {
                self.write(&format!("Type it [{initial}], or back, or quit: "));
            }
            let Some(line) = self.read() else {
                return Reply::Quit;
            };
            let t = line.trim();
            if is(t, &BACK_WORDS) {
                return Reply::Back;
            }
            if is(t, &QUIT_WORDS) {
                return Reply::Quit;
            }
            let value = if t.is_empty() { initial } else { t };
            match validate(value) {
                Ok(()) => return Reply::Value(value.to_string()),
                Err(why) => self.write(&format!("Not accepted: {why}\n")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, f: impl FnOnce(&mut LinePrompter<&[u8], &mut Vec<u8>>)) -> String {
        let mut out = Vec::new();
        let mut p = LinePrompter::new(input.as_bytes(), &mut out);
        f(&mut p);
        String::from_utf8(out).unwrap()
    }

    fn ask() -> Ask {
        Ask {
            prompt: "Where?".into(),
            help: "help".into(),
            options: vec!["Website".into(), "App".into()],
            default: Some(1),
        }
    }

    #[test]
    fn without_a_default_a_bare_enter_is_not_an_answer() {
        let ask = Ask {
            default: None,
            ..ask()
        };
        let out = run("\n1\n", |p| assert_eq!(p.choose(&ask), Reply::Value(0)));
        assert_eq!(out.matches("Type a number, or back").count(), 2, "{out}");
    }

    #[test]
    fn numbers_labels_defaults_back_and_quit() {
        for (input, want) in [
            ("1\n", Reply::Value(0)),
            ("\n", Reply::Value(1)),
            ("app\n", Reply::Value(1)),
            ("9\n2\n", Reply::Value(1)),
            ("back\n", Reply::Back),
            ("quit\n", Reply::Quit),
            ("", Reply::Quit),
        ] {
            run(input, |p| assert_eq!(p.choose(&ask()), want, "{input:?}"));
        }
    }

    #[test]
    fn output_has_no_escape_sequences() {
        let out = run("2\n", |p| {
            p.say("Hello");
            p.choose(&ask());
        });
        assert!(!out.contains('\x1b'));
        assert!(out.contains("  1) Website\n  2) App\n"));
    }

    #[test]
    fn text_is_validated_and_keeps_its_initial_value() {
        let check = |s: &str| {
            if s.contains(' ') {
                Err("no spaces".to_string())
            } else {
                Ok(())
            }
        };
        let out = run("a b\nab\n", |p| {
            assert_eq!(p.text("Name?", "", "", &check), Reply::Value("ab".into()))
        });
        assert!(out.contains("Not accepted: no spaces"));
        run("\n", |p| {
            assert_eq!(
                p.text("Name?", "", "old", &check),
                Reply::Value("old".into())
            )
        });
    }

    #[test]
    fn what_is_said_and_asked_is_written_with_help_only_when_there_is_some() {
        let out = run("2\n", |p| {
            p.say("Hello");
            p.choose(&ask());
        });
        assert!(
            out.starts_with("Hello\n\nWhere?\n  1) Website\n  2) App\n  (help)\nType"),
            "{out:?}"
        );
        let bare = Ask {
            help: String::new(),
            ..ask()
        };
        let out = run("2\n", |p| {
            p.choose(&bare);
        });
        assert!(
            out.starts_with("\nWhere?\n  1) Website\n  2) App\nType"),
            "{out:?}"
        );
        let any = |_: &str| Ok(());
        let out = run("x\n", |p| {
            p.text("Name?", "a help", "", &any);
        });
        assert!(out.starts_with("\nName?\n  (a help)\nType it"), "{out:?}");
        let out = run("x\n", |p| {
            p.text("Name?", "", "", &any);
        });
        assert!(out.starts_with("\nName?\nType it"), "{out:?}");
    }
}
