//! The plain wizard's walk: one question at a time through a [`Prompter`],
//! driving the same [`Session`] as the full-screen wizard. Progress is saved
//! after every answer.

use std::path::{Path, PathBuf};

use crate::answers::{Key, Kind};
use crate::flow::{self, Step};
use crate::guide::Guide;
use crate::record;
use crate::render::{Part, RECORD_FILE_NAME, Renderer};
use crate::session::Saved;
use crate::wizard::{self, Conclusion, Moved, Saving, Session};

pub use crate::wizard::End;

use super::{Ask, Prompter, Reply};

/// What the plain wizard needs from outside: saving progress, copying,
/// printing, the time for the record, and the width to wrap prose at. Tests
/// replace them.
pub struct Io<'a> {
    pub save: &'a mut dyn FnMut(&Saved),
    pub clear: &'a mut dyn FnMut(),
    pub copy: &'a mut dyn FnMut(&str) -> Result<String, String>,
    pub print: &'a mut dyn FnMut(&str),
    pub now: fn() -> String,
    /// The terminal's width now (`None`: do not wrap).
    pub width: fn() -> Option<usize>,
}

struct Walk<'g, 'p, 'io> {
    guide: &'g Guide,
    renderer: &'g Renderer,
    prompter: &'p mut dyn Prompter,
    io: Io<'io>,
    session: Session,
}

pub fn run(
    guide: &Guide,
    renderer: &Renderer,
    prompter: &mut dyn Prompter,
    io: Io,
    resume: Option<Saved>,
) -> End {
    let mut walk = Walk {
        guide,
        renderer,
        prompter,
        io,
        session: Session::new(),
    };
    if let Some(saved) = resume {
        let ask = Ask {
            prompt: format!(
                "A saved session was found at the step “{}”. Resume it?",
                guide.step_title(saved.step())
            ),
            help: String::new(),
            options: vec![
                "Resume".into(),
                "Start again (forget the saved answers)".into(),
            ],
            default: Some(0),
        };
        match walk.prompter.choose(&ask) {
            Reply::Value(0) => walk.session = Session::resume(guide, &saved),
            // The offer was not answered: the saved session stays as it is.
            Reply::Quit => return walk.stopped(),
            _ => (walk.io.clear)(),
        }
    }
    walk.run()
}

impl Walk<'_, '_, '_> {
    /// Shows prose, wrapped at word boundaries to the terminal's width.
    fn say(&mut self, text: &str) {
        let text = match (self.io.width)() {
            Some(w) => super::wrap(text, w),
            None => text.to_string(),
        };
        self.prompter.say(&text);
    }

    fn save(&mut self) {
        if self.session.worth_saving() {
            let saved = self.session.saved();
            (self.io.save)(&saved);
        }
    }

    /// How a walk that stopped before the result ended.
    fn stopped(&self) -> End {
        if self.prompter.interrupted() {
            End::Interrupted
        } else {
            End::Stopped
        }
    }

    fn moved(&mut self, moved: Result<Moved, String>) {
        match moved {
            Ok(Moved::Step) => {
                self.save();
                flow::panic_if_requested(self.session.step());
            }
            Ok(_) => {}
            Err(why) => self.say(&why),
        }
    }

    fn forward(&mut self) {
        let moved = self.session.forward(self.guide);
        self.moved(moved);
    }

    fn back(&mut self) {
        let moved = self.session.back();
        self.moved(Ok(moved));
    }

    fn heading(&mut self) {
        let step = self.session.step();
        let text = format!(
            "\n== Step {} of {} · {} ==",
            step.index() + 1,
            Step::ALL.len(),
            self.guide.step_title(step)
        );
        self.prompter.say(&text);
    }

    fn run(mut self) -> End {
        loop {
            let reply = match self.session.step() {
                Step::Welcome => self.welcome(),
                Step::ReaderNotice => self.notice(),
                Step::Review => self.review(),
                Step::Result => match self.result() {
                    Reply::Value(true) => {
                        (self.io.clear)();
                        return End::Finished(Box::new(self.session.answers().clone()));
                    }
                    Reply::Value(false) => Reply::Value(()),
                    Reply::Back => {
                        self.back();
                        Reply::Value(())
                    }
                    Reply::Quit => Reply::Quit,
                },
                _ => self.questions(),
            };
            if reply == Reply::Quit {
                self.save();
                if self.session.worth_saving() {
                    self.prompter
                        .say("Your answers are saved: run ceop-onboard again to resume.");
                }
                return self.stopped();
            }
        }
    }

    fn welcome(&mut self) -> Reply<()> {
        self.heading();
        let w = &self.guide.welcome;
        let text = format!("{}\n\n{}", w.title, w.body.trim());
        self.say(&text);
        let ask = Ask {
            prompt: "Start?".into(),
            help: String::new(),
            options: vec!["Start".into(), "Quit".into()],
            default: Some(0),
        };
        match self.prompter.choose(&ask) {
            Reply::Value(0) => {
                self.forward();
                Reply::Value(())
            }
            Reply::Back => Reply::Value(()),
            _ => Reply::Quit,
        }
    }

    fn notice(&mut self) -> Reply<()> {
        self.heading();
        let sections = self.guide.sections.clone();
        // From the first section not yet read; Back shows the one before
        // (acknowledgements are kept: see the R1 policy in `Session`).
        let mut i = sections
            .iter()
            .position(|s| !self.session.is_acknowledged(&s.id))
            .unwrap_or(sections.len());
        loop {
            let Some(s) = sections.get(i) else {
                match self.ask(Key::ReadGuidance) {
                    Reply::Value(()) => {
                        if self.session.answers().read_guidance == Some(true) {
                            self.forward();
                        } else {
                            let declined = self.guide.messages.reading_declined.clone();
                            self.say(&declined);
                        }
                        return Reply::Value(());
                    }
                    // Back shows the last section again (a guide has at
                    // least one).
                    Reply::Back => {
                        i = sections.len() - 1;
                        continue;
                    }
                    Reply::Quit => return Reply::Quit,
                }
            };
            let rules: Vec<String> = s.rules.iter().map(|r| r.to_string()).collect();
            let mut text = format!(
                "\n{} ({}) — section {} of {}\n\n{}",
                s.title,
                rules.join(", "),
                i + 1,
                sections.len(),
                s.body.trim()
            );
            if let Some(id) = s.quote {
                let t = self.guide.text(id);
                text.push_str(&format!("\n\nThe guide's text — {}:", t.title));
                for p in &t.paragraphs {
                    text.push_str(&format!("\n\n  {p}"));
                }
            }
            self.say(&text);
            let ask = Ask {
                prompt: "Have you read this section?".into(),
                help: String::new(),
                options: vec!["Yes, I have read it".into()],
                default: Some(0),
            };
            match self.prompter.choose(&ask) {
                Reply::Value(_) => {
                    self.session.acknowledge(&s.id);
                    self.save();
                    i += 1;
                }
                Reply::Back if i == 0 => {
                    self.back();
                    return Reply::Value(());
                }
                Reply::Back => i -= 1,
                Reply::Quit => return Reply::Quit,
            }
        }
    }

    /// Asks one question and applies the answer. `Value(())` once applied.
    fn ask(&mut self, key: Key) -> Reply<()> {
        let q = self.guide.question(key).clone();
        loop {
            let current = self.session.answers().get(key);
            let value = match key.kind() {
                Kind::Choice(_) => {
                    let ask = Ask {
                        prompt: q.prompt.clone(),
                        help: q.help.clone(),
                        options: q.choices.iter().map(|c| c.label.clone()).collect(),
                        default: Some(
                            current
                                .and_then(|v| q.choices.iter().position(|c| c.value == v))
                                .unwrap_or(0),
                        ),
                    };
                    match self.prompter.choose(&ask) {
                        Reply::Value(i) => q.choices[i].value.clone(),
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
                Kind::Bool => {
                    let confirmation = matches!(key, Key::ReadGuidance | Key::NoEndorsement);
                    let ask = Ask {
                        prompt: q.prompt.clone(),
                        help: q.help.clone(),
                        options: vec![
                            if confirmation {
                                "Yes, I confirm"
                            } else {
                                "Yes"
                            }
                            .into(),
                            "No".into(),
                        ],
                        // A confirmation is never offered by default (R1, R9):
                        // unanswered, it must be chosen.
                        default: match current.as_deref() {
                            Some("true") => Some(0),
                            Some(_) => Some(1),
                            None if confirmation => None,
                            None => Some(usize::from(key == Key::NewTab)),
                        },
                    };
                    match self.prompter.choose(&ask) {
                        Reply::Value(i) => if i == 0 { "true" } else { "false" }.to_string(),
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
                Kind::Text => {
                    let answers = self.session.answers().clone();
                    let check = move |s: &str| {
                        let mut probe = answers.clone();
                        wizard::answer(&mut probe, key, s).map(drop)
                    };
                    let mut help = q.help.clone();
                    if let Some(p) = &q.placeholder {
                        help = format!("e.g. {p}. {help}");
                    }
                    let initial = current.unwrap_or_default();
                    match self.prompter.text(&q.prompt, &help, &initial, &check) {
                        Reply::Value(s) => s,
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
            };
            match self.session.answer(self.guide, key, &value) {
                Ok(dropped) => {
                    if let Some(note) = wizard::dropped_note(&dropped) {
                        self.say(&note);
                    }
                    self.save();
                    return Reply::Value(());
                }
                Err(why) => self.say(&format!("Not accepted: {why}")),
            }
        }
    }

    fn questions(&mut self) -> Reply<()> {
        if self.session.question() == 0 {
            self.heading();
        }
        loop {
            let Some(key) = self.session.focused() else {
                self.forward();
                return Reply::Value(());
            };
            match self.ask(key) {
                Reply::Value(()) => {
                    let moved = self.session.next_question(self.guide);
                    if moved != Ok(Moved::Question) {
                        self.moved(moved);
                        return Reply::Value(());
                    }
                }
                Reply::Back => {
                    if self.session.previous_question() != Moved::Question {
                        self.save();
                        return Reply::Value(());
                    }
                }
                Reply::Quit => return Reply::Quit,
            }
        }
    }

    fn decision_text(&self, c: &Conclusion) -> String {
        wizard::decision_summary(self.guide, &c.decision, str::to_string)
    }

    fn review(&mut self) -> Reply<()> {
        self.heading();
        let keys: Vec<Key> = Key::ALL
            .iter()
            .copied()
            .filter(|&k| flow::applies(k, self.session.answers()))
            .collect();
        let mut text = String::new();
        for &k in &keys {
            text.push_str(&format!(
                "  {}: {}\n",
                self.guide.question(k).prompt,
                wizard::answer_label(self.guide, self.session.answers(), k)
            ));
        }
        match self.session.conclude(self.guide, self.renderer) {
            Ok(c) => text.push_str(&format!("\n{}", self.decision_text(&c))),
            Err(e) => text.push_str(&format!("\n{e}\n")),
        }
        self.say(&text);
        let ask = Ask {
            prompt: "Is this right?".into(),
            help: String::new(),
            options: vec!["Continue to the result".into(), "Change an answer".into()],
            default: Some(0),
        };
        match self.prompter.choose(&ask) {
            Reply::Value(0) => self.forward(),
            Reply::Value(_) => {
                let ask = Ask {
                    prompt: "Which answer?".into(),
                    help: String::new(),
                    options: keys
                        .iter()
                        .map(|k| self.guide.question(*k).prompt.clone())
                        .collect(),
                    default: Some(0),
                };
                match self.prompter.choose(&ask) {
                    Reply::Value(i) => {
                        self.session.jump_to(keys[i]);
                        self.save();
                    }
                    Reply::Quit => return Reply::Quit,
                    Reply::Back => {}
                }
            }
            Reply::Back => self.back(),
            Reply::Quit => return Reply::Quit,
        }
        Reply::Value(())
    }

    /// The result and its actions. `Value(true)`: finished; `Value(false)`:
    /// could not conclude (the session went back to the review).
    fn result(&mut self) -> Reply<bool> {
        self.heading();
        let c = match self.session.conclude(self.guide, self.renderer) {
            Ok(c) => c,
            Err(e) => {
                self.say(&e.to_string());
                self.back();
                return Reply::Value(false);
            }
        };
        let decision = self.decision_text(&c);
        self.say(&decision);
        let items = c.artifact.as_ref().map(|a| a.parts()).unwrap_or_default();
        if let (Some(a), Some(first)) = (&c.artifact, items.first()) {
            let text = format!(
                "--- {} ---\n{}--- checklist ---\n{}",
                first.label, first.content, a.checklist_markdown
            );
            self.prompter.say(&text);
        }
        loop {
            let mut options = Vec::new();
            let mut actions = Vec::new();
            for (verb, action) in [
                ("Show the", Action::Show as fn(usize) -> Action),
                ("Copy the", Action::Copy),
                ("Save the", Action::Save),
                ("Print the", Action::Print),
            ] {
                for (i, Part { label, .. }) in items.iter().enumerate() {
                    options.push(match action(i) {
                        Action::Save(_) => format!("{verb} {label} to a file"),
                        Action::Print(_) => format!("{verb} {label} to standard output"),
                        _ => format!("{verb} {label}"),
                    });
                    actions.push(action(i));
                }
            }
            options.push("Save the onboarding record to a file".into());
            actions.push(Action::Record);
            options.push("Quit".into());
            actions.push(Action::Quit);
            let ask = Ask {
                prompt: "What next?".into(),
                help: String::new(),
                default: Some(options.len() - 1),
                options,
            };
            match self.prompter.choose(&ask) {
                Reply::Value(i) => match actions[i] {
                    Action::Show(j) => {
                        let text = format!("--- {} ---\n{}", items[j].label, items[j].content);
                        self.prompter.say(&text);
                    }
                    Action::Copy(j) => {
                        let message = match (self.io.copy)(&items[j].content) {
                            Ok(m) => m,
                            Err(m) => m,
                        };
                        self.say(&message);
                    }
                    Action::Save(j) => {
                        let (name, contents) =
                            (items[j].file_name.clone(), items[j].content.clone());
                        self.save_file(&name, &contents);
                    }
                    Action::Print(j) => (self.io.print)(&items[j].content),
                    Action::Record => {
                        let Some(path) = self.ask_path(RECORD_FILE_NAME) else {
                            continue;
                        };
                        let answers = self.session.answers();
                        let record = c.record(self.guide, answers, (self.io.now)(), &path);
                        self.write_file(&path, &record);
                    }
                    Action::Quit => return Reply::Value(true),
                },
                Reply::Back => return Reply::Back,
                Reply::Quit => return Reply::Value(true),
            }
        }
    }

    fn save_file(&mut self, default: &str, contents: &str) {
        if let Some(path) = self.ask_path(default) {
            self.write_file(&path, contents);
        }
    }

    /// The file to save to, typed or the default; `None` when the user goes
    /// back.
    fn ask_path(&mut self, default: &str) -> Option<PathBuf> {
        let check = |s: &str| {
            if s.trim().is_empty() {
                Err("type a file name".to_string())
            } else {
                Ok(())
            }
        };
        match self
            .prompter
            .text("Save to which file?", "", default, &check)
        {
            Reply::Value(path) => Some(PathBuf::from(path)),
            _ => None,
        }
    }

    /// Saves `contents` at `path`, asking before replacing a file.
    fn write_file(&mut self, path: &Path, contents: &str) {
        let mut saving = wizard::save_file(path, contents, false);
        if saving == Saving::Exists {
            let ask = Ask {
                prompt: format!("{} exists. Replace it?", path.display()),
                help: String::new(),
                options: vec!["No".into(), "Yes, replace it".into()],
                default: Some(0),
            };
            if self.prompter.choose(&ask) != Reply::Value(1) {
                return;
            }
            saving = wizard::save_file(path, contents, true);
        }
        match saving {
            Saving::Saved(m) | Saving::Failed(m) => self.say(&m),
            Saving::Exists => {}
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Show(usize),
    Copy(usize),
    Save(usize),
    Print(usize),
    Record,
    Quit,
}

/// The record time used by the real program.
pub fn now() -> String {
    record::timestamp()
}
