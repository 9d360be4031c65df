//! The TUI's state and how each message changes it (pure: no terminal, no
//! files). The wizard itself is a [`Session`]; `App` keeps only what the
//! screen shows: highlights, the text being typed, scroll, tabs, overlays.
//!
//! `update` returns the side effects to perform (save the session, write a
//! file, copy); the event loop performs them and reports back with `report`.

use std::path::PathBuf;

use crate::answers::{Key, Kind};
use crate::eligibility::Outcome;
use crate::flow::Step;
use crate::guide::Guide;
use crate::record;
use crate::render::{Part, Renderer};
use crate::session::Saved;
use crate::wizard::{self, Conclusion, Moved, Session};

use super::field::Field;
pub use super::msg::Msg;

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

#[derive(Debug, Clone)]
pub struct SavePrompt {
    pub what: SaveWhat,
    pub path: Field,
    pub confirm_overwrite: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Overlay {
    Resume(Saved),
    Help,
    Save(SavePrompt),
}

pub struct App<'a> {
    pub guide: &'a Guide,
    pub renderer: &'a Renderer,
    /// The wizard: step, answers, acknowledgements, question cursor.
    pub session: Session,
    /// Reader notice: the section shown (`sections.len()` is the final confirmation).
    pub section: usize,
    /// Scroll offset of the reader notice, the review or the result content.
    pub scroll: u16,
    /// The selected review row (`review_rows().len()` is "continue").
    pub row: usize,
    /// The highlighted choice of the focused choice question.
    pub highlight: usize,
    /// The text being typed for the focused text question.
    pub input: Field,
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
    /// The user pressed Ctrl-C (the program exits with 130).
    pub interrupted: bool,
    /// Timestamp for the record (fixed in tests).
    pub now: fn() -> String,
}

impl<'a> App<'a> {
    pub fn new(guide: &'a Guide, renderer: &'a Renderer, resume: Option<Saved>) -> Self {
        App {
            guide,
            renderer,
            session: Session::new(),
            section: 0,
            scroll: 0,
            row: 0,
            highlight: 0,
            input: Field::default(),
            error: None,
            status: None,
            tab: 0,
            conclusion: None,
            overlay: resume.map(Overlay::Resume),
            print_on_exit: None,
            quit: false,
            interrupted: false,
            now: record::timestamp,
        }
    }

    /// The session to save now, if there is anything to lose.
    pub fn saved(&self) -> Option<Saved> {
        (self.session.step() != Step::Result && self.session.worth_saving())
            .then(|| self.session.saved())
    }

    pub fn step(&self) -> Step {
        self.session.step()
    }

    /// True while typing into a text field: letters are text, not commands.
    pub fn typing(&self) -> bool {
        match &self.overlay {
            Some(Overlay::Save(p)) => !p.confirm_overwrite,
            Some(_) => false,
            None => self
                .session
                .focused()
                .is_some_and(|k| k.kind() == Kind::Text),
        }
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

    /// Resets what the screen shows after the session moved to another step.
    fn entered(&mut self) {
        let step = self.session.step();
        self.scroll = 0;
        self.error = None;
        if step == Step::ReaderNotice {
            self.section = self
                .guide
                .sections
                .iter()
                .position(|s| !self.session.is_acknowledged(&s.id))
                .unwrap_or(self.guide.sections.len());
        }
        if step == Step::Review {
            self.row = self.session.review_rows().len(); // "continue"
        }
        if matches!(step, Step::Review | Step::Result) {
            self.conclusion = Some(
                self.session
                    .conclude(self.guide, self.renderer)
                    .map_err(|e| e.to_string()),
            );
            self.tab = 0;
        }
        self.load_focus();
    }

    /// Sets the highlight and input from the focused question's answer.
    fn load_focus(&mut self) {
        self.input = Field::default();
        self.highlight = 0;
        if let Some(key) = self.session.focused() {
            let current = self.session.answers().get(key);
            match key.kind() {
                Kind::Choice(_) => {
                    self.highlight = current
                        .and_then(|v| {
                            self.guide
                                .question(key)
                                .choices
                                .iter()
                                .position(|c| c.value == v)
                        })
                        .unwrap_or(0);
                }
                Kind::Text => self.input = Field::new(&current.unwrap_or_default()),
                Kind::Bool => {}
            }
        }
    }

    /// Follows a move of the session: a new step is saved.
    fn moved(&mut self, moved: Result<Moved, String>) -> Vec<Effect> {
        match moved {
            Ok(Moved::Step) => {
                self.entered();
                self.save()
            }
            Ok(Moved::Question) => {
                self.load_focus();
                Vec::new()
            }
            Ok(Moved::Stayed) => Vec::new(),
            Err(why) => {
                self.error = Some(why);
                Vec::new()
            }
        }
    }

    fn save(&self) -> Vec<Effect> {
        self.saved().map(Effect::SaveSession).into_iter().collect()
    }

    fn forward(&mut self) -> Vec<Effect> {
        let moved = self.session.forward(self.guide);
        self.moved(moved)
    }

    fn backward(&mut self) -> Vec<Effect> {
        let moved = self.session.back();
        self.moved(Ok(moved))
    }

    /// Applies an answer; reports dropped answers.
    fn set(&mut self, key: Key, value: &str) -> bool {
        match self.session.answer(self.guide, key, value) {
            Ok(dropped) => {
                self.error = None;
                if let Some(note) = wizard::dropped_note(&dropped) {
                    self.status = Some(note);
                }
                true
            }
            Err(why) => {
                self.error = Some(why);
                false
            }
        }
    }

    /// Commits the typed text of the focused text question.
    fn commit_text(&mut self) -> bool {
        let Some(key) = self.session.focused() else {
            return true;
        };
        let value = self.input.value().trim().to_string();
        self.set(key, &value)
    }

    /// The live validation message for the text being typed.
    pub fn input_problem(&self) -> Option<String> {
        let key = self.session.focused().filter(|k| k.kind() == Kind::Text)?;
        let mut probe = self.session.answers().clone();
        wizard::answer(&mut probe, key, self.input.value().trim()).err()
    }

    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Interrupt => {
                self.interrupted = true;
                return self.quit();
            }
            Msg::Quit => return self.quit(),
            _ => {}
        }
        match self.overlay.clone() {
            Some(Overlay::Resume(saved)) => {
                match msg {
                    Msg::Yes => {
                        self.overlay = None;
                        self.session = Session::resume(self.guide, &saved);
                        self.entered();
                        self.status = Some(format!(
                            "Resumed at {}.",
                            self.guide.step_title(self.session.step())
                        ));
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
        match self.session.step() {
            Step::ReaderNotice => self.update_notice(msg),
            Step::Review => self.update_review(msg),
            Step::Result => self.update_result(msg),
            _ => self.update_question(msg),
        }
    }

    /// Quits: the session is forgotten at the result, saved before it if
    /// there is anything to lose (an empty one never is).
    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        if self
            .overlay
            .as_ref()
            .is_some_and(|o| matches!(o, Overlay::Resume(_)))
        {
            // The offer was not answered: the saved session stays as it is.
            return Vec::new();
        }
        if self.session.step() == Step::Result {
            vec![Effect::ClearSession]
        } else {
            self.save()
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
                let id = self.guide.sections[self.section].id.clone();
                self.session.acknowledge(&id);
                self.section += 1;
                self.scroll = 0;
            }
            Msg::Space => {
                let now = self.session.answers().read_guidance != Some(true);
                self.set(Key::ReadGuidance, if now { "true" } else { "false" });
            }
            // Shift-Tab goes back a section, as plain mode's "back" does;
            // from the first, and with Esc, back a step.
            Msg::BackTab if self.section > 0 => {
                self.section -= 1;
                self.scroll = 0;
            }
            Msg::Enter | Msg::Tab => return self.forward(),
            Msg::Back | Msg::BackTab => return self.backward(),
            _ => {}
        }
        Vec::new()
    }

    fn update_question(&mut self, msg: Msg) -> Vec<Effect> {
        // Only the welcome has no question, and nothing before it.
        let Some(key) = self.session.focused() else {
            return match msg {
                Msg::Enter | Msg::Tab => self.forward(),
                _ => Vec::new(),
            };
        };
        let choices = &self.guide.question(key).choices;
        let chosen = choices.get(self.highlight).map(|c| c.value.clone());
        match (key.kind(), msg.clone()) {
            (kind, Msg::Back) => {
                if kind == Kind::Text {
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
                self.highlight = (self.highlight + 1).min(choices.len().saturating_sub(1));
                Vec::new()
            }
            (Kind::Choice(_), Msg::Space) => {
                if let Some(v) = chosen {
                    self.set(key, &v);
                }
                Vec::new()
            }
            (Kind::Choice(_), Msg::Enter) => match chosen {
                Some(v) if self.set(key, &v) => self.next_question(),
                _ => Vec::new(),
            },
            (Kind::Bool, Msg::Space | Msg::Yes | Msg::No) => {
                let now = match msg {
                    Msg::Yes => true,
                    Msg::No => false,
                    _ => self.session.answers().get(key).as_deref() != Some("true"),
                };
                self.set(key, if now { "true" } else { "false" });
                Vec::new()
            }
            (Kind::Bool, Msg::Enter) => {
                // Enter never confirms: an unanswered box is a "no".
                if !self.session.answers().has(key) {
                    self.set(key, "false");
                }
                self.next_question()
            }
            (Kind::Text, Msg::Enter | Msg::Tab | Msg::Down) => {
                if self.commit_text() {
                    self.next_question()
                } else {
                    Vec::new()
                }
            }
            (Kind::Text, Msg::BackTab | Msg::Up) => {
                if self.input.value().trim().is_empty() || self.commit_text() {
                    self.previous_question()
                } else {
                    Vec::new()
                }
            }
            (Kind::Text, msg) => {
                self.input.edit(&msg);
                Vec::new()
            }
            (_, Msg::Tab) => {
                if key.optional() || self.session.answers().has(key) {
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

    fn next_question(&mut self) -> Vec<Effect> {
        let moved = self.session.next_question(self.guide);
        self.moved(moved)
    }

    fn previous_question(&mut self) -> Vec<Effect> {
        let moved = self.session.previous_question();
        self.moved(Ok(moved))
    }

    fn update_review(&mut self, msg: Msg) -> Vec<Effect> {
        let rows = self.session.review_rows();
        match msg {
            Msg::Up => self.row = self.row.saturating_sub(1),
            Msg::Down => self.row = (self.row + 1).min(rows.len()),
            Msg::Home => self.row = 0,
            Msg::End => self.row = rows.len(),
            Msg::PageDown => self.scroll = self.scroll.saturating_add(10),
            Msg::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Msg::Enter if self.row < rows.len() => {
                // Jump to the step that asks this question, focused on it.
                self.session.jump_to(rows[self.row]);
                self.entered();
                return self.save();
            }
            Msg::Enter | Msg::Tab => return self.forward(),
            Msg::Back | Msg::BackTab => return self.backward(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn back_from_result(&mut self) -> Vec<Effect> {
        self.backward()
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
