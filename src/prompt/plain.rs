//! The plain wizard's walk: steps and questions in the order `flow` gives,
//! each answer applied through `wizard`, progress saved after every answer.

use std::path::PathBuf;

use crate::answers::{Answers, Key, Kind};
use crate::flow::{self, Step};
use crate::guide::Guide;
use crate::output::{self, Pending};
use crate::record::{self, Record};
use crate::render::{Part, RECORD_FILE_NAME, Renderer};
use crate::session::Saved;
use crate::wizard::{self, Conclusion};

use super::{Ask, Prompter, Reply};

/// What the plain wizard needs from outside: saving progress, copying, and
/// the time for the record. Tests replace them.
pub struct Io<'a> {
    pub save: &'a mut dyn FnMut(&Saved),
    pub clear: &'a mut dyn FnMut(),
    pub copy: &'a mut dyn FnMut(&str) -> Result<String, String>,
    pub print: &'a mut dyn FnMut(&str),
    pub now: fn() -> String,
}

/// How the walk ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Reached the result and chose to quit.
    Finished(Box<Answers>),
    /// Quit before the result; progress is saved.
    Stopped,
}

struct Walk<'g, 'p, 'io> {
    guide: &'g Guide,
    renderer: &'g Renderer,
    prompter: &'p mut dyn Prompter,
    io: Io<'io>,
    answers: Answers,
    acknowledged: Vec<String>,
    step: Step,
    /// The question to ask next on a question step.
    question: usize,
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
        answers: Answers::default(),
        acknowledged: Vec::new(),
        step: Step::Welcome,
        question: 0,
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
            default: 0,
        };
        match walk.prompter.choose(&ask) {
            Reply::Value(0) => {
                walk.answers = saved.answers.clone();
                flow::prune(&mut walk.answers);
                walk.acknowledged = saved.acknowledged.clone();
                walk.step = walk.resumable(saved.step());
            }
            Reply::Quit => return End::Stopped,
            _ => (walk.io.clear)(),
        }
    }
    walk.run()
}

impl Walk<'_, '_, '_> {
    fn saved(&self) -> Saved {
        Saved {
            step: self.step.name().to_string(),
            acknowledged: self.acknowledged.clone(),
            answers: self.answers.clone(),
        }
    }

    fn save(&mut self) {
        let saved = self.saved();
        (self.io.save)(&saved);
    }

    /// The furthest step up to `target` that the answers reach.
    fn resumable(&self, target: Step) -> Step {
        let mut s = Step::Welcome;
        while s != target {
            if wizard::can_leave(self.guide, s, &self.answers).is_err() {
                break;
            }
            match flow::next(s, &self.answers) {
                Some(n) if n <= target => s = n,
                _ => break,
            }
        }
        s
    }

    fn go(&mut self, step: Option<Step>, from_end: bool) {
        if let Some(step) = step {
            self.step = step;
            self.question = if from_end {
                wizard::questions(step, &self.answers)
                    .len()
                    .saturating_sub(1)
            } else {
                0
            };
            self.save();
            flow::panic_if_requested(step);
        }
    }

    fn forward(&mut self) {
        match wizard::can_leave(self.guide, self.step, &self.answers) {
            Ok(()) => self.go(flow::next(self.step, &self.answers), false),
            Err(why) => self.prompter.say(&why),
        }
    }

    fn back(&mut self) {
        self.go(flow::previous(self.step, &self.answers), true);
    }

    fn heading(&mut self) {
        let text = format!(
            "\n== Step {} of {} · {} ==",
            self.step.index() + 1,
            Step::ALL.len(),
            self.guide.step_title(self.step)
        );
        self.prompter.say(&text);
    }

    fn run(mut self) -> End {
        loop {
            let reply = match self.step {
                Step::Welcome => self.welcome(),
                Step::ReaderNotice => self.notice(),
                Step::Review => self.review(),
                Step::Result => return self.result(),
                _ => self.questions(),
            };
            if reply == Reply::Quit {
                self.save();
                self.prompter
                    .say("Your answers are saved: run ceop-onboard again to resume.");
                return End::Stopped;
            }
        }
    }

    fn welcome(&mut self) -> Reply<()> {
        self.heading();
        let w = &self.guide.welcome;
        let text = format!("{}\n\n{}", w.title, w.body.trim());
        self.prompter.say(&text);
        let ask = Ask {
            prompt: "Start?".into(),
            help: String::new(),
            options: vec!["Start".into(), "Quit".into()],
            default: 0,
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
        let mut i = sections
            .iter()
            .position(|s| !self.acknowledged.contains(&s.id))
            .unwrap_or(sections.len());
        while i < sections.len() {
            let s = &sections[i];
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
            self.prompter.say(&text);
            let ask = Ask {
                prompt: "Have you read this section?".into(),
                help: String::new(),
                options: vec!["Yes, I have read it".into()],
                default: 0,
            };
            match self.prompter.choose(&ask) {
                Reply::Value(_) => {
                    if !self.acknowledged.contains(&s.id) {
                        self.acknowledged.push(s.id.clone());
                    }
                    self.save();
                    i += 1;
                }
                Reply::Back if i == 0 => {
                    self.back();
                    return Reply::Value(());
                }
                Reply::Back => {
                    self.acknowledged.retain(|a| *a != sections[i - 1].id);
                    i -= 1;
                }
                Reply::Quit => return Reply::Quit,
            }
        }
        match self.ask(Key::ReadGuidance) {
            Reply::Value(()) => {
                if self.answers.read_guidance == Some(true) {
                    self.forward();
                } else {
                    self.prompter.say("The guide asks that the guidance is read in full before the button is hosted (R1).");
                }
                Reply::Value(())
            }
            Reply::Back => {
                if let Some(last) = sections.last() {
                    self.acknowledged.retain(|a| *a != last.id);
                }
                Reply::Value(())
            }
            Reply::Quit => Reply::Quit,
        }
    }

    /// Asks one question and applies the answer. `Value(())` once applied.
    fn ask(&mut self, key: Key) -> Reply<()> {
        let q = self.guide.question(key).clone();
        loop {
            let value = match key.kind() {
                Kind::Choice(_) => {
                    let current = self.answers.get(key);
                    let ask = Ask {
                        prompt: q.prompt.clone(),
                        help: q.help.clone(),
                        options: q.choices.iter().map(|c| c.label.clone()).collect(),
                        default: current
                            .and_then(|v| q.choices.iter().position(|c| c.value == v))
                            .unwrap_or(0),
                    };
                    match self.prompter.choose(&ask) {
                        Reply::Value(i) => q.choices[i].value.clone(),
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
                Kind::Bool => {
                    let yes = if matches!(key, Key::ReadGuidance | Key::NoEndorsement) {
                        "Yes, I confirm"
                    } else {
                        "Yes"
                    };
                    let ask = Ask {
                        prompt: q.prompt.clone(),
                        help: q.help.clone(),
                        options: vec![yes.into(), "No".into()],
                        // Unanswered, a confirmation offers "yes"; new_tab offers "no".
                        default: match self.answers.get(key).as_deref() {
                            Some("true") => 0,
                            Some(_) => 1,
                            None => usize::from(key == Key::NewTab),
                        },
                    };
                    match self.prompter.choose(&ask) {
                        Reply::Value(i) => if i == 0 { "true" } else { "false" }.to_string(),
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
                Kind::Text => {
                    let answers = self.answers.clone();
                    let check = move |s: &str| {
                        let mut probe = answers.clone();
                        wizard::answer(&mut probe, key, s).map(drop)
                    };
                    let mut help = q.help.clone();
                    if let Some(p) = &q.placeholder {
                        help = format!("e.g. {p}. {help}");
                    }
                    let initial = self.answers.get(key).unwrap_or_default();
                    match self.prompter.text(&q.prompt, &help, &initial, &check) {
                        Reply::Value(s) => s,
                        Reply::Back => return Reply::Back,
                        Reply::Quit => return Reply::Quit,
                    }
                }
            };
            match wizard::answer(&mut self.answers, key, &value) {
                Ok(dropped) => {
                    if !dropped.is_empty() {
                        let names: Vec<&str> = dropped.iter().map(|k| k.name()).collect();
                        self.prompter.say(&format!(
                            "Answers that no longer apply were dropped: {}.",
                            names.join(", ")
                        ));
                    }
                    if key == Key::ButtonFile
                        && let Err(e) = wizard::button_check(self.guide, &self.answers)
                    {
                        self.answers.clear(key);
                        self.prompter.say(&format!(
                            "Not accepted: {}",
                            e.to_string().lines().next().unwrap_or_default()
                        ));
                        continue;
                    }
                    self.save();
                    return Reply::Value(());
                }
                Err(why) => self.prompter.say(&format!("Not accepted: {why}")),
            }
        }
    }

    fn questions(&mut self) -> Reply<()> {
        if self.question == 0 {
            self.heading();
        }
        loop {
            let keys = wizard::questions(self.step, &self.answers);
            let Some(&key) = keys.get(self.question) else {
                self.forward();
                return Reply::Value(());
            };
            match self.ask(key) {
                Reply::Value(()) => {
                    if self.step == Step::Host && wizard::host_stopped(&self.answers) {
                        self.forward();
                        return Reply::Value(());
                    }
                    self.question += 1;
                }
                Reply::Back if self.question > 0 => self.question -= 1,
                Reply::Back => {
                    self.back();
                    return Reply::Value(());
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
            .filter(|&k| flow::applies(k, &self.answers))
            .collect();
        let mut text = String::new();
        for &k in &keys {
            text.push_str(&format!(
                "  {}: {}\n",
                self.guide.question(k).prompt,
                self.answers.get(k).unwrap_or_else(|| "—".into())
            ));
        }
        match wizard::conclude(self.guide, self.renderer, &self.answers) {
            Ok(c) => text.push_str(&format!("\n{}", self.decision_text(&c))),
            Err(e) => text.push_str(&format!("\n{e}\n")),
        }
        self.prompter.say(&text);
        let ask = Ask {
            prompt: "Is this right?".into(),
            help: String::new(),
            options: vec!["Continue to the result".into(), "Change an answer".into()],
            default: 0,
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
                    default: 0,
                };
                match self.prompter.choose(&ask) {
                    Reply::Value(i) => {
                        let key = keys[i];
                        self.step = flow::step_of(key);
                        if self.step == Step::ReaderNotice {
                            // Re-confirming means reading again.
                            self.acknowledged.clear();
                        }
                        self.question = wizard::questions(self.step, &self.answers)
                            .iter()
                            .position(|k| *k == key)
                            .unwrap_or(0);
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

    fn result(mut self) -> End {
        self.heading();
        let c = match wizard::conclude(self.guide, self.renderer, &self.answers) {
            Ok(c) => c,
            Err(e) => {
                self.prompter.say(&e.to_string());
                self.step = Step::Review;
                return self.run();
            }
        };
        let decision = self.decision_text(&c);
        self.prompter.say(&decision);
        let items = c.artifact.as_ref().map(|a| a.parts()).unwrap_or_default();
        if let (Some(a), Some(first)) = (&c.artifact, items.first()) {
            let text = format!(
                "--- {} ---\n{}--- checklist ---\n{}",
                first.label, first.content, a.checklist_markdown
            );
            self.prompter.say(&text);
        }
        let record = Record::new(
            self.guide,
            &self.answers,
            &c.decision,
            c.artifact.as_ref(),
            (self.io.now)(),
        )
        .to_toml();
        loop {
            let mut options = Vec::new();
            let mut actions = Vec::new();
            for (i, Part { label, .. }) in items.iter().enumerate() {
                options.push(format!("Show the {label}"));
                actions.push(Action::Show(i));
            }
            for (i, Part { label, .. }) in items.iter().enumerate() {
                options.push(format!("Copy the {label}"));
                actions.push(Action::Copy(i));
            }
            for (i, Part { label, .. }) in items.iter().enumerate() {
                options.push(format!("Save the {label} to a file"));
                actions.push(Action::Save(i));
            }
            for (i, Part { label, .. }) in items.iter().enumerate() {
                options.push(format!("Print the {label} to standard output"));
                actions.push(Action::Print(i));
            }
            options.push("Save the onboarding record to a file".into());
            actions.push(Action::Record);
            options.push("Quit".into());
            actions.push(Action::Quit);
            let ask = Ask {
                prompt: "What next?".into(),
                help: String::new(),
                default: options.len() - 1,
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
                        self.prompter.say(&message);
                    }
                    Action::Save(j) => {
                        let (name, contents) =
                            (items[j].file_name.clone(), items[j].content.clone());
                        self.save_file(&name, &contents);
                    }
                    Action::Print(j) => (self.io.print)(&items[j].content),
                    Action::Record => self.save_file(RECORD_FILE_NAME, &record),
                    Action::Quit => break,
                },
                Reply::Back => {
                    self.step = Step::Review;
                    return self.run();
                }
                Reply::Quit => break,
            }
        }
        (self.io.clear)();
        End::Finished(Box::new(self.answers))
    }

    fn save_file(&mut self, default: &str, contents: &str) {
        let check = |s: &str| {
            if s.trim().is_empty() {
                Err("type a file name".to_string())
            } else {
                Ok(())
            }
        };
        let Reply::Value(path) = self
            .prompter
            .text("Save to which file?", "", default, &check)
        else {
            return;
        };
        let path = PathBuf::from(path);
        let mut force = false;
        if path.exists() {
            let ask = Ask {
                prompt: format!("{} exists. Replace it?", path.display()),
                help: String::new(),
                options: vec!["No".into(), "Yes, replace it".into()],
                default: 0,
            };
            if self.prompter.choose(&ask) != Reply::Value(1) {
                return;
            }
            force = true;
        }
        let file = Pending {
            path: path.clone(),
            contents: contents.to_string(),
        };
        let message = match output::write_all(&[file], force) {
            Ok(()) => format!("Saved {}.", path.display()),
            Err(e) => format!("Not saved: {e}"),
        };
        self.prompter.say(&message);
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
