//! The TUI's state and how each message changes it (pure: no terminal, no files).
//!
//! `update` returns the side effects to perform (save the session, write a
//! file, copy); the event loop performs them and reports back with `report`.

use std::path::PathBuf;

use crate::answers::{Answers, Key, Kind};
use crate::eligibility::Outcome;
use crate::flow::{self, Step};
use crate::guide::Guide;
use crate::record::{self, Record};
use crate::render::{Part, RECORD_FILE_NAME, Renderer};
use crate::session::Saved;
use crate::wizard::{self, Conclusion};

/// What a key press means here (see `keys.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Left,
    Right,
    Enter,
    Tab,
    BackTab,
    Back,
    Space,
    Char(char),
    Backspace,
    Paste(String),
    Help,
    Quit,
    Copy,
    Save,
    SaveRecord,
    SaveChecklist,
    PrintOnExit,
    Yes,
    No,
}

/// Work for the event loop, outside the pure state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    SaveSession(Saved),
    ClearSession,
    Copy(String),
    Write {
        path: PathBuf,
        contents: String,
        overwrite: bool,
    },
}

/// How a performed effect went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Report {
    Done(String),
    Exists,
    Failed(String),
}

/// What a save prompt saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveWhat {
    Tab(usize),
    Record,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavePrompt {
    pub what: SaveWhat,
    pub path: String,
    pub confirm_overwrite: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Resume(Saved),
    Help,
    Save(SavePrompt),
}

pub struct App<'a> {
    pub guide: &'a Guide,
    pub renderer: &'a Renderer,
    pub step: Step,
    pub answers: Answers,
    /// Reader-notice sections acknowledged, by index into `guide.sections`.
    pub acknowledged: Vec<bool>,
    /// Reader notice: the focused section (`sections.len()` is the final confirmation).
    pub section: usize,
    /// Scroll offset of the reader notice or the result content.
    pub scroll: u16,
    /// The focused question on a question step, or the selected review row.
    pub focus: usize,
    /// The highlighted choice of the focused choice question.
    pub highlight: usize,
    /// The text being typed for the focused text question.
    pub input: String,
    /// Why the last action could not be done (shown in the status line).
    pub error: Option<String>,
    /// What the last action did.
    pub status: Option<String>,
    /// Result: the selected tab (documents, then the checklist).
    pub tab: usize,
    pub conclusion: Option<Result<Conclusion, String>>,
    pub overlay: Option<Overlay>,
    /// Printed to stdout once the terminal is restored.
    pub print_on_exit: Option<String>,
    pub quit: bool,
    /// Timestamp for the record (fixed in tests).
    pub now: fn() -> String,
}

impl<'a> App<'a> {
    pub fn new(guide: &'a Guide, renderer: &'a Renderer, resume: Option<Saved>) -> Self {
        let mut app = App {
            guide,
            renderer,
            step: Step::Welcome,
            answers: Answers::default(),
            acknowledged: vec![false; guide.sections.len()],
            section: 0,
            scroll: 0,
            focus: 0,
            highlight: 0,
            input: String::new(),
            error: None,
            status: None,
            tab: 0,
            conclusion: None,
            overlay: None,
            print_on_exit: None,
            quit: false,
            now: record::timestamp,
        };
        app.overlay = resume.map(Overlay::Resume);
        app
    }

    /// The session as it would be saved now.
    pub fn saved(&self) -> Saved {
        Saved {
            step: self.step.name().to_string(),
            acknowledged: self
                .guide
                .sections
                .iter()
                .zip(&self.acknowledged)
                .filter(|(_, a)| **a)
                .map(|(s, _)| s.id.clone())
                .collect(),
            answers: self.answers.clone(),
        }
    }

    fn restore(&mut self, saved: Saved) {
        let mut step = saved.step();
        self.answers = saved.answers;
        flow::prune(&mut self.answers);
        for (i, s) in self.guide.sections.iter().enumerate() {
            self.acknowledged[i] = saved.acknowledged.contains(&s.id);
        }
        // Resume no further than the answers allow.
        while !flow::step_applies(step, &self.answers) || !self.reachable(step) {
            match flow::previous(step, &self.answers) {
                Some(s) => step = s,
                None => break,
            }
        }
        self.enter(step);
        self.status = Some(format!("Resumed at {}.", self.guide.step_title(step)));
    }

    /// Whether every step before `step` may be left forward.
    fn reachable(&self, step: Step) -> bool {
        let mut s = Step::Welcome;
        while s != step {
            if wizard::can_leave(self.guide, s, &self.answers).is_err() {
                return false;
            }
            match flow::next(s, &self.answers) {
                Some(n) => s = n,
                None => return false,
            }
        }
        true
    }

    /// The questions on the current step.
    pub fn questions(&self) -> Vec<Key> {
        wizard::questions(self.step, &self.answers)
    }

    pub fn focused_key(&self) -> Option<Key> {
        match self.step {
            Step::Host | Step::Endorsement | Step::Platform | Step::Audience | Step::Details => {
                self.questions().get(self.focus).copied()
            }
            _ => None,
        }
    }

    /// True while typing into a text field: letters are text, not commands.
    pub fn typing(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Save(_)))
            || (self.overlay.is_none()
                && self.focused_key().is_some_and(|k| k.kind() == Kind::Text))
    }

    /// Review rows: every answered question that applies, then "continue".
    pub fn review_rows(&self) -> Vec<Key> {
        Key::ALL
            .iter()
            .copied()
            .filter(|&k| {
                flow::applies(k, &self.answers) && (self.answers.has(k) || k.kind() == Kind::Text)
            })
            .collect()
    }

    /// Result tabs: the documents' format names, then the checklist.
    pub fn tabs(&self) -> Vec<Part> {
        match &self.conclusion {
            Some(Ok(Conclusion {
                artifact: Some(a), ..
            })) => a.parts(),
            _ => Vec::new(),
        }
    }

    fn enter(&mut self, step: Step) {
        self.step = step;
        self.scroll = 0;
        self.error = None;
        self.focus = 0;
        if step == Step::Review {
            self.focus = self.review_rows().len(); // "continue"
        }
        if matches!(step, Step::Review | Step::Result) {
            self.conclusion = Some(
                wizard::conclude(self.guide, self.renderer, &self.answers)
                    .map_err(|e| e.to_string()),
            );
            self.tab = 0;
        }
        self.load_focus();
    }

    /// Sets the highlight and input from the focused question's answer.
    fn load_focus(&mut self) {
        self.input.clear();
        self.highlight = 0;
        if let Some(key) = self.focused_key() {
            let q = self.guide.question(key);
            let current = self.answers.get(key);
            match key.kind() {
                Kind::Choice(_) => {
                    self.highlight = current
                        .and_then(|v| q.choices.iter().position(|c| c.value == v))
                        .unwrap_or(0);
                }
                Kind::Text => self.input = current.unwrap_or_default(),
                Kind::Bool => {}
            }
        }
    }

    fn save_session(&self) -> Effect {
        Effect::SaveSession(self.saved())
    }

    /// Moves forward a step, if the current one is complete.
    fn forward(&mut self) -> Vec<Effect> {
        if let Err(why) = wizard::can_leave(self.guide, self.step, &self.answers) {
            self.error = Some(why);
            return Vec::new();
        }
        match flow::next(self.step, &self.answers) {
            Some(next) => {
                self.enter(next);
                vec![self.save_session()]
            }
            None => Vec::new(),
        }
    }

    fn backward(&mut self) -> Vec<Effect> {
        match flow::previous(self.step, &self.answers) {
            Some(prev) => {
                self.enter(prev);
                vec![self.save_session()]
            }
            None => Vec::new(),
        }
    }

    /// Applies an answer; reports dropped answers; keeps the focus valid.
    fn set(&mut self, key: Key, value: &str) -> bool {
        match wizard::answer(&mut self.answers, key, value) {
            Ok(dropped) => {
                self.error = None;
                if !dropped.is_empty() {
                    let names: Vec<&str> = dropped.iter().map(|k| k.name()).collect();
                    self.status = Some(format!(
                        "Answers that no longer apply were dropped: {}.",
                        names.join(", ")
                    ));
                }
                true
            }
            Err(why) => {
                self.error = Some(why);
                false
            }
        }
    }

    /// Focus the next question, or leave the step after the last.
    fn next_question(&mut self) -> Vec<Effect> {
        if self.step == Step::Host && wizard::host_stopped(&self.answers) {
            return self.forward();
        }
        if self.focus + 1 < self.questions().len() {
            self.focus += 1;
            self.load_focus();
            Vec::new()
        } else {
            self.forward()
        }
    }

    fn previous_question(&mut self) -> Vec<Effect> {
        if self.focus > 0 {
            self.focus -= 1;
            self.load_focus();
            Vec::new()
        } else {
            self.backward()
        }
    }

    /// Commits the typed text of the focused text question.
    fn commit_text(&mut self) -> bool {
        let Some(key) = self.focused_key() else {
            return true;
        };
        let value = self.input.trim().to_string();
        if !self.set(key, &value) {
            return false;
        }
        if key == Key::ButtonFile && !value.is_empty() {
            match wizard::button_check(self.guide, &self.answers) {
                Ok(Some(check)) => {
                    self.status = Some(match check {
                        crate::button::ButtonCheck::Ok => {
                            "The button file is the official size.".into()
                        }
                        _ => "The button file is not the official GIF: see the review.".into(),
                    })
                }
                Ok(None) => {}
                Err(e) => {
                    self.answers.clear(key);
                    self.error = Some(e.to_string().lines().next().unwrap_or_default().to_string());
                    return false;
                }
            }
        }
        true
    }

    /// The live validation message for the text being typed.
    pub fn input_problem(&self) -> Option<String> {
        let key = self.focused_key().filter(|k| k.kind() == Kind::Text)?;
        let mut probe = self.answers.clone();
        wizard::answer(&mut probe, key, self.input.trim()).err()
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        if msg == Msg::Quit {
            return self.quit();
        }
        match self.overlay.clone() {
            Some(Overlay::Resume(saved)) => {
                match msg {
                    Msg::Yes | Msg::Enter => {
                        self.overlay = None;
                        self.restore(saved);
                    }
                    Msg::No | Msg::Back => {
                        self.overlay = None;
                        return vec![Effect::ClearSession];
                    }
                    _ => {}
                }
                return Vec::new();
            }
            Some(Overlay::Help) => {
                if matches!(msg, Msg::Help | Msg::Back | Msg::Enter) {
                    self.overlay = None;
                }
                return Vec::new();
            }
            Some(Overlay::Save(prompt)) => return self.update_save(prompt, msg),
            None => {}
        }
        if msg == Msg::Help {
            self.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        self.status = None;
        match self.step {
            Step::Welcome => match msg {
                Msg::Enter | Msg::Tab => self.forward(),
                _ => Vec::new(),
            },
            Step::ReaderNotice => self.update_notice(msg),
            Step::Review => self.update_review(msg),
            Step::Result => self.update_result(msg),
            _ => self.update_question(msg),
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        if self.step == Step::Result {
            vec![Effect::ClearSession]
        } else {
            vec![self.save_session()]
        }
    }

    fn update_notice(&mut self, msg: Msg) -> Vec<Effect> {
        let n = self.guide.sections.len();
        match msg {
            Msg::Up => self.scroll = self.scroll.saturating_sub(1),
            Msg::Down => self.scroll = self.scroll.saturating_add(1),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::Home => self.scroll = 0,
            Msg::Left if self.section > 0 => {
                self.section -= 1;
                self.scroll = 0;
            }
            Msg::Right if self.section < n => {
                self.section += 1;
                self.scroll = 0;
            }
            Msg::Space if self.section < n => {
                self.acknowledged[self.section] = true;
                self.section += 1;
                self.scroll = 0;
            }
            Msg::Space => {
                if !self.acknowledged.iter().all(|a| *a) {
                    self.error = Some("Acknowledge every section first (Space on each).".into());
                } else {
                    let now = self.answers.read_guidance != Some(true);
                    self.set(Key::ReadGuidance, if now { "true" } else { "false" });
                }
            }
            Msg::Enter | Msg::Tab => return self.forward(),
            Msg::Back | Msg::BackTab => return self.backward(),
            _ => {}
        }
        Vec::new()
    }

    fn update_question(&mut self, msg: Msg) -> Vec<Effect> {
        let Some(key) = self.focused_key() else {
            return match msg {
                Msg::Enter | Msg::Tab => self.forward(),
                Msg::Back | Msg::BackTab => self.backward(),
                _ => Vec::new(),
            };
        };
        let choices = self.guide.question(key).choices.len();
        match (key.kind(), msg) {
            (_, Msg::Back) => {
                if key.kind() == Kind::Text {
                    // Keep what was typed if it is valid; going back never blocks.
                    let _ = self.input_problem().is_none() && self.commit_text();
                }
                self.backward()
            }
            (Kind::Choice(_), Msg::Up) => {
                self.highlight = self.highlight.saturating_sub(1);
                Vec::new()
            }
            (Kind::Choice(_), Msg::Down) => {
                self.highlight = (self.highlight + 1).min(choices - 1);
                Vec::new()
            }
            (Kind::Choice(_), Msg::Space) => {
                let v = self.guide.question(key).choices[self.highlight]
                    .value
                    .clone();
                self.set(key, &v);
                Vec::new()
            }
            (Kind::Choice(_), Msg::Enter) => {
                let v = self.guide.question(key).choices[self.highlight]
                    .value
                    .clone();
                if self.set(key, &v) {
                    self.next_question()
                } else {
                    Vec::new()
                }
            }
            (Kind::Bool, Msg::Space) => {
                let now = self.answers.get(key).as_deref() != Some("true");
                self.set(key, if now { "true" } else { "false" });
                Vec::new()
            }
            (Kind::Bool, Msg::Enter) => {
                if !self.answers.has(key) {
                    self.set(key, "false");
                }
                self.next_question()
            }
            (Kind::Text, Msg::Char(c)) => {
                self.input.push(c);
                Vec::new()
            }
            (Kind::Text, Msg::Paste(s)) => {
                // A paste is one line of text; line breaks become nothing.
                self.input.extend(s.chars().filter(|c| !c.is_control()));
                Vec::new()
            }
            (Kind::Text, Msg::Backspace) => {
                self.input.pop();
                Vec::new()
            }
            (Kind::Text, Msg::Enter | Msg::Tab | Msg::Down) => {
                if self.commit_text() {
                    self.next_question()
                } else {
                    Vec::new()
                }
            }
            (Kind::Text, Msg::BackTab | Msg::Up) => {
                if self.input.trim().is_empty() || self.commit_text() {
                    self.previous_question()
                } else {
                    Vec::new()
                }
            }
            (_, Msg::Tab) => {
                if key.optional() || self.answers.has(key) {
                    self.next_question()
                } else {
                    self.error = Some("Choose an answer first (Enter selects).".into());
                    Vec::new()
                }
            }
            (_, Msg::BackTab) => self.previous_question(),
            (Kind::Bool, Msg::Down) => self.next_question(),
            (Kind::Bool, Msg::Up) => self.previous_question(),
            _ => Vec::new(),
        }
    }

    fn update_review(&mut self, msg: Msg) -> Vec<Effect> {
        let rows = self.review_rows();
        match msg {
            Msg::Up => self.focus = self.focus.saturating_sub(1),
            Msg::Down => self.focus = (self.focus + 1).min(rows.len()),
            Msg::Home => self.focus = 0,
            Msg::End => self.focus = rows.len(),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::Enter if self.focus < rows.len() => {
                // Jump to the step that asks this question, focused on it.
                let key = rows[self.focus];
                let step = flow::step_of(key);
                self.enter(step);
                if let Some(i) = self.questions().iter().position(|k| *k == key) {
                    self.focus = i;
                    self.load_focus();
                }
                return vec![self.save_session()];
            }
            Msg::Enter | Msg::Tab => return self.forward(),
            Msg::Back | Msg::BackTab => return self.backward(),
            _ => {}
        }
        Vec::new()
    }

    fn update_result(&mut self, msg: Msg) -> Vec<Effect> {
        let tabs = self.tabs();
        match msg {
            Msg::Right | Msg::Tab if !tabs.is_empty() => {
                self.tab = (self.tab + 1) % tabs.len();
                self.scroll = 0;
            }
            Msg::Left | Msg::BackTab if !tabs.is_empty() => {
                self.tab = (self.tab + tabs.len() - 1) % tabs.len();
                self.scroll = 0;
            }
            Msg::Up => self.scroll = self.scroll.saturating_sub(1),
            Msg::Down => self.scroll = self.scroll.saturating_add(1),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::Home => self.scroll = 0,
            Msg::Back => return self.backward(),
            Msg::Enter => return self.quit(),
            Msg::Copy if !tabs.is_empty() => {
                return vec![Effect::Copy(tabs[self.tab].content.clone())];
            }
            Msg::Save if !tabs.is_empty() => self.open_save(SaveWhat::Tab(self.tab)),
            Msg::SaveChecklist if !tabs.is_empty() => self.open_save(SaveWhat::Tab(tabs.len() - 1)),
            Msg::SaveRecord => self.open_save(SaveWhat::Record),
            Msg::PrintOnExit if !tabs.is_empty() => {
                let (name, content) = (&tabs[self.tab].label, &tabs[self.tab].content);
                if self.print_on_exit.as_ref() == Some(content) {
                    self.print_on_exit = None;
                    self.status = Some("Nothing will be printed on exit.".into());
                } else {
                    self.print_on_exit = Some(content.clone());
                    self.status = Some(format!(
                        "The {name} tab will be printed to standard output when you quit."
                    ));
                }
            }
            _ => {}
        }
        Vec::new()
    }

    /// The default file name for what is being saved.
    pub fn default_path(&self, what: SaveWhat) -> String {
        match what {
            SaveWhat::Record => RECORD_FILE_NAME.into(),
            SaveWhat::Tab(i) => self
                .tabs()
                .get(i)
                .map_or_else(|| "ceop-output.txt".into(), |p| p.file_name.clone()),
        }
    }

    fn open_save(&mut self, what: SaveWhat) {
        self.overlay = Some(Overlay::Save(SavePrompt {
            what,
            path: self.default_path(what),
            confirm_overwrite: false,
            error: None,
        }));
    }

    fn contents(&self, what: SaveWhat) -> Option<String> {
        match what {
            SaveWhat::Tab(i) => self.tabs().get(i).map(|t| t.content.clone()),
            SaveWhat::Record => {
                let c = self.conclusion.as_ref()?.as_ref().ok()?;
                Some(
                    Record::new(
                        self.guide,
                        &self.answers,
                        &c.decision,
                        c.artifact.as_ref(),
                        (self.now)(),
                    )
                    .to_toml(),
                )
            }
        }
    }

    fn update_save(&mut self, mut prompt: SavePrompt, msg: Msg) -> Vec<Effect> {
        if prompt.confirm_overwrite {
            match msg {
                Msg::Yes | Msg::Char('y') => {
                    prompt.confirm_overwrite = false;
                    return self.write(prompt, true);
                }
                Msg::No | Msg::Char('n') | Msg::Back => prompt.confirm_overwrite = false,
                _ => {}
            }
            self.overlay = Some(Overlay::Save(prompt));
            return Vec::new();
        }
        match msg {
            Msg::Back => {
                self.overlay = None;
                return Vec::new();
            }
            Msg::Enter => return self.write(prompt, false),
            Msg::Char(c) => prompt.path.push(c),
            Msg::Paste(s) => prompt.path.extend(s.chars().filter(|c| !c.is_control())),
            Msg::Backspace => {
                prompt.path.pop();
            }
            _ => {}
        }
        prompt.error = None;
        self.overlay = Some(Overlay::Save(prompt));
        Vec::new()
    }

    fn write(&mut self, prompt: SavePrompt, overwrite: bool) -> Vec<Effect> {
        let path = prompt.path.trim().to_string();
        let contents = self.contents(prompt.what);
        match contents {
            Some(contents) if !path.is_empty() => {
                self.overlay = Some(Overlay::Save(prompt));
                vec![Effect::Write {
                    path: PathBuf::from(path),
                    contents,
                    overwrite,
                }]
            }
            _ => {
                self.overlay = Some(Overlay::Save(SavePrompt {
                    error: Some("Type a file name.".into()),
                    ..prompt
                }));
                Vec::new()
            }
        }
    }

    /// Takes the outcome of an effect performed by the event loop.
    pub fn report(&mut self, effect: &Effect, report: Report) {
        match (effect, report) {
            (Effect::Write { .. }, Report::Exists) => {
                if let Some(Overlay::Save(p)) = &mut self.overlay {
                    p.confirm_overwrite = true;
                }
            }
            (Effect::Write { .. }, Report::Done(m)) => {
                self.overlay = None;
                self.status = Some(m);
            }
            (Effect::Write { .. }, Report::Failed(m)) => {
                if let Some(Overlay::Save(p)) = &mut self.overlay {
                    p.error = Some(m);
                }
            }
            (_, Report::Done(m)) => self.status = Some(m),
            (_, Report::Failed(m)) => self.error = Some(m),
            (_, Report::Exists) => {}
        }
    }

    /// The outcome shown on the result screen (an error while concluding is
    /// shown as itself).
    pub fn outcome(&self) -> Option<Outcome> {
        match &self.conclusion {
            Some(Ok(c)) => Some(c.decision.outcome),
            _ => None,
        }
    }
}
