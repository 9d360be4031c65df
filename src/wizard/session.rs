//! One wizard session, whichever front-end drives it: the step, the answers,
//! the reader-notice sections acknowledged, the question cursor, and how they
//! move (answer, next, back, jump from the review, resume). Pure: no terminal,
//! no files.
//!
//! The R1 policy lives here, once (see the README, "The wizard"):
//! - each section of the reader notice is acknowledged by an explicit action;
//!   nothing is acknowledged by default;
//! - the final confirmation (`read_guidance`) is accepted only once every
//!   section is acknowledged;
//! - acknowledgements are kept when the user goes back, jumps from the review,
//!   quits or resumes: they record what was read;
//! - withdrawing the confirmation drops every later answer (they no longer
//!   apply);
//! - on resume, acknowledgements of sections the guide no longer has are
//!   forgotten, and if a section is then unacknowledged the confirmation is
//!   withdrawn: a changed guidance is read again.

use crate::answers::{Answers, Key};
use crate::error::Result;
use crate::flow::{self, Step};
use crate::guide::Guide;
use crate::render::Renderer;
use crate::session::Saved;

use super::Conclusion;

/// Where a move took the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// Another question on the same step.
    Question,
    /// Another step.
    Step,
    /// Nowhere (already at the first step, or nothing after the result).
    Stayed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    step: Step,
    answers: Answers,
    /// Reader-notice sections acknowledged, by id, in the order given.
    acknowledged: Vec<String>,
    /// The focused question on a question step (index into `questions()`).
    question: usize,
}

impl Default for Session {
    fn default() -> Self {
        Session {
            step: Step::Welcome,
            answers: Answers::default(),
            acknowledged: Vec::new(),
            question: 0,
        }
    }
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// The saved session, brought up to date: answers that no longer apply
    /// are dropped, acknowledgements follow the R1 policy, and the step is the
    /// furthest one, up to the saved step, that the answers reach.
    pub fn resume(guide: &Guide, saved: &Saved) -> Self {
        let mut s = Session {
            acknowledged: saved
                .acknowledged
                .iter()
                .filter(|id| guide.sections.iter().any(|sec| sec.id == **id))
                .cloned()
                .collect(),
            answers: saved.answers.clone(),
            ..Session::default()
        };
        if !s.all_acknowledged(guide) && s.answers.read_guidance == Some(true) {
            s.answers.clear(Key::ReadGuidance);
        }
        flow::prune(&mut s.answers);
        let target = saved.step();
        let mut step = Step::Welcome;
        while step < target && super::can_leave(guide, step, &s.answers).is_ok() {
            match flow::next(step, &s.answers) {
                Some(n) if n <= target => step = n,
                _ => break,
            }
        }
        s.go(step, false);
        if step == target
            && let Some(key) = saved
                .question
                .as_deref()
                .and_then(|k| k.parse::<Key>().ok())
            && let Some(i) = s.questions().iter().position(|k| *k == key)
        {
            s.question = i;
        }
        s
    }

    /// The session as it is saved.
    pub fn saved(&self) -> Saved {
        Saved {
            step: self.step.to_string(),
            acknowledged: self.acknowledged.clone(),
            question: self.focused().map(|k| k.name().to_string()),
            answers: self.answers.clone(),
        }
    }

    /// False while there is nothing to lose (on the welcome screen with no
    /// answer and nothing read): such a session is never saved, so the next
    /// start does not offer to resume an empty one.
    pub fn worth_saving(&self) -> bool {
        let nothing_yet = self.step == Step::Welcome
            && self.acknowledged.is_empty()
            && !Key::ALL.iter().any(|k| self.answers.has(*k));
        !nothing_yet
    }

    pub fn step(&self) -> Step {
        self.step
    }

    pub fn answers(&self) -> &Answers {
        &self.answers
    }

    /// The focused question's index on a question step.
    pub fn question(&self) -> usize {
        self.question
    }

    /// The questions of the current step.
    pub fn questions(&self) -> Vec<Key> {
        super::questions(self.step, &self.answers)
    }

    /// The focused question, on a step that asks questions.
    pub fn focused(&self) -> Option<Key> {
        match self.step {
            Step::Host | Step::Endorsement | Step::Platform | Step::Audience | Step::Details => {
                self.questions().get(self.question).copied()
            }
            _ => None,
        }
    }

    /// Focuses question `i` of the current step (clamped).
    pub fn focus(&mut self, i: usize) {
        self.question = i.min(self.questions().len().saturating_sub(1));
    }

    pub fn is_acknowledged(&self, id: &str) -> bool {
        self.acknowledged.iter().any(|a| a == id)
    }

    pub fn acknowledged(&self) -> &[String] {
        &self.acknowledged
    }

    pub fn all_acknowledged(&self, guide: &Guide) -> bool {
        guide.sections.iter().all(|s| self.is_acknowledged(&s.id))
    }

    /// Acknowledges a reader-notice section (an explicit user action).
    pub fn acknowledge(&mut self, id: &str) {
        if !self.is_acknowledged(id) {
            self.acknowledged.push(id.to_string());
        }
    }

    /// Sets `key` from its text form (empty clears an optional answer), then
    /// drops the answers that no longer apply. A local button file is read
    /// and checked at once. Returns the keys dropped, or why the value was
    /// refused (the session is then unchanged).
    pub fn answer(
        &mut self,
        guide: &Guide,
        key: Key,
        raw: &str,
    ) -> std::result::Result<Vec<Key>, String> {
        if key == Key::ReadGuidance && raw == "true" && !self.all_acknowledged(guide) {
            return Err(guide.messages.acknowledge_sections.clone());
        }
        let mut next = self.answers.clone();
        let dropped = super::answer(&mut next, key, raw)?;
        if key == Key::ButtonFile {
            super::button_check(guide, &next).map_err(|e| e.to_string())?;
        }
        self.answers = next;
        self.focus(self.question);
        Ok(dropped)
    }

    /// Focuses the next question, or leaves the step after its last (or at
    /// once, on the host step, after an answer that ends the wizard).
    pub fn next_question(&mut self, guide: &Guide) -> std::result::Result<Moved, String> {
        if self.step == Step::Host && super::host_stopped(&self.answers) {
            return self.forward(guide);
        }
        if self.question + 1 < self.questions().len() {
            self.question += 1;
            Ok(Moved::Question)
        } else {
            self.forward(guide)
        }
    }

    /// Focuses the previous question, or goes back a step from the first.
    pub fn previous_question(&mut self) -> Moved {
        if self.question > 0 && self.focused().is_some() {
            self.question -= 1;
            Moved::Question
        } else {
            self.back()
        }
    }

    /// Moves to the next step that applies, if the current one is complete.
    pub fn forward(&mut self, guide: &Guide) -> std::result::Result<Moved, String> {
        super::can_leave(guide, self.step, &self.answers)?;
        Ok(match flow::next(self.step, &self.answers) {
            Some(next) => {
                self.go(next, false);
                Moved::Step
            }
            None => Moved::Stayed,
        })
    }

    /// Goes back to the previous step that applies, on its last question.
    pub fn back(&mut self) -> Moved {
        match flow::previous(self.step, &self.answers) {
            Some(prev) => {
                self.go(prev, true);
                Moved::Step
            }
            None => Moved::Stayed,
        }
    }

    /// From the review: goes to the step that asks `key`, focused on it.
    pub fn jump_to(&mut self, key: Key) {
        self.go(flow::step_of(key), false);
        if let Some(i) = self.questions().iter().position(|k| *k == key) {
            self.question = i;
        }
    }

    /// Review rows: every question that applies and is answered (text
    /// questions also when empty, to be filled in), in asking order.
    pub fn review_rows(&self) -> Vec<Key> {
        Key::ALL
            .iter()
            .copied()
            .filter(|&k| {
                flow::applies(k, &self.answers)
                    && (self.answers.has(k) || k.kind() == crate::answers::Kind::Text)
            })
            .collect()
    }

    pub fn conclude(&self, guide: &Guide, renderer: &Renderer) -> Result<Conclusion> {
        super::conclude(guide, renderer, &self.answers)
    }

    fn go(&mut self, step: Step, at_end: bool) {
        self.step = step;
        self.question = if at_end {
            self.questions().len().saturating_sub(1)
        } else {
            0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide() -> Guide {
        Guide::embedded()
    }

    /// A session that has read everything and answered as an appropriate
    /// school, on the platform step.
    fn at_platform(g: &Guide) -> Session {
        let mut s = Session::new();
        s.forward(g).unwrap();
        for sec in &g.sections {
            s.acknowledge(&sec.id);
        }
        s.answer(g, Key::ReadGuidance, "true").unwrap();
        s.forward(g).unwrap();
        for (k, v) in [
            (Key::Uk, "yes"),
            (Key::ServesChildren, "yes"),
            (Key::Organisation, "school"),
            (Key::ContentAppropriate, "yes"),
        ] {
            s.answer(g, k, v).unwrap();
        }
        s.forward(g).unwrap();
        s.answer(g, Key::NoEndorsement, "true").unwrap();
        s.forward(g).unwrap();
        assert_eq!(s.step(), Step::Platform);
        s
    }

    #[test]
    fn the_confirmation_needs_every_section_acknowledged() {
        let g = guide();
        let mut s = Session::new();
        s.forward(&g).unwrap();
        assert_eq!(
            s.answer(&g, Key::ReadGuidance, "true"),
            Err(g.messages.acknowledge_sections.clone()),
            "what wizard.toml says"
        );
        for sec in &g.sections[..g.sections.len() - 1] {
            s.acknowledge(&sec.id);
        }
        assert!(s.answer(&g, Key::ReadGuidance, "true").is_err());
        assert!(s.forward(&g).is_err(), "the reader notice cannot be left");
        s.acknowledge(&g.sections.last().unwrap().id);
        assert_eq!(s.answer(&g, Key::ReadGuidance, "true"), Ok(vec![]));
        assert_eq!(s.forward(&g), Ok(Moved::Step));
    }

    #[test]
    fn acknowledgements_survive_back_and_jump_and_withdrawing_drops_later_answers() {
        let g = guide();
        let mut s = at_platform(&g);
        let n = g.sections.len();
        while s.step() != Step::ReaderNotice {
            s.back();
        }
        assert_eq!(s.acknowledged().len(), n, "back keeps acknowledgements");
        s.forward(&g).unwrap();
        s.jump_to(Key::ReadGuidance);
        assert_eq!(s.step(), Step::ReaderNotice);
        assert_eq!(s.acknowledged().len(), n, "a jump keeps acknowledgements");
        let dropped = s.answer(&g, Key::ReadGuidance, "false").unwrap();
        assert!(dropped.contains(&Key::Uk) && dropped.contains(&Key::NoEndorsement));
        assert!(s.forward(&g).is_err());
    }

    #[test]
    fn resume_drops_what_no_longer_applies_and_stops_where_the_answers_reach() {
        let g = guide();
        let mut s = at_platform(&g);
        s.answer(&g, Key::Platform, "website").unwrap();
        let mut saved = s.saved();
        // Edited by hand: a "no" with a platform still in the file.
        saved.answers.set(Key::Uk, "no").unwrap();
        saved.step = "audience".into();
        let r = Session::resume(&g, &saved);
        assert_eq!(r.answers().platform, None, "the platform no longer applies");
        assert_eq!(r.answers().no_endorsement, None);
        assert_eq!(r.step(), Step::Host, "a no ends at the host step");
    }

    #[test]
    fn resume_after_the_guidance_changed_asks_to_read_it_again() {
        let g = guide();
        let s = at_platform(&g);
        let mut saved = s.saved();
        saved.acknowledged.retain(|id| *id != g.sections[0].id);
        saved.acknowledged.push("a-section-since-removed".into());
        let r = Session::resume(&g, &saved);
        assert_eq!(r.step(), Step::ReaderNotice);
        assert_eq!(r.answers().read_guidance, None);
        assert_eq!(r.answers().uk, None, "later answers no longer apply");
        assert!(!r.is_acknowledged("a-section-since-removed"));
        assert_eq!(r.acknowledged().len(), g.sections.len() - 1);
    }

    #[test]
    fn resume_stops_at_a_step_that_cannot_be_left() {
        let g = guide();
        let s = at_platform(&g);
        let mut saved = s.saved();
        // Edited by hand: the endorsement acknowledgement taken back.
        saved.answers.no_endorsement = Some(false);
        let r = Session::resume(&g, &saved);
        assert_eq!(r.step(), Step::Endorsement);
        // Saved at the review with the image address never given: the
        // details step is where it is asked, and where resume stops.
        let mut saved = s.saved();
        for (k, v) in [
            (Key::Platform, "website"),
            (Key::Audience, "children"),
            (Key::Placement, "safety-area"),
        ] {
            saved.answers.set(k, v).unwrap();
        }
        saved.step = Step::Review.to_string();
        let r = Session::resume(&g, &saved);
        assert_eq!(r.step(), Step::Details);
    }

    #[test]
    fn a_session_is_worth_saving_once_anything_is_read_or_passed() {
        let g = guide();
        let mut s = Session::new();
        assert!(!s.worth_saving(), "nothing to lose yet");
        s.acknowledge(&g.sections[0].id);
        assert!(s.worth_saving(), "a section read");
        let mut s = Session::new();
        s.forward(&g).unwrap();
        assert!(s.worth_saving(), "past the welcome");
    }

    #[test]
    fn focus_picks_a_question_of_the_step_and_stays_within_them() {
        let g = guide();
        let mut s = at_platform(&g);
        s.back(); // endorsement
        s.back(); // host
        let questions = s.questions();
        assert!(questions.len() > 2);
        s.focus(1);
        assert_eq!(s.focused(), Some(questions[1]));
        s.focus(99);
        assert_eq!(s.focused(), questions.last().copied());
    }

    #[test]
    fn review_lists_what_applies_answered_or_a_text_to_give() {
        let g = guide();
        let mut s = at_platform(&g);
        s.answer(&g, Key::Platform, "app").unwrap();
        let rows = s.review_rows();
        assert!(rows.contains(&Key::Platform));
        assert!(rows.contains(&Key::OrganisationName), "a text, unanswered");
        assert!(!rows.contains(&Key::ImageSrc), "an app shows no image");
        assert!(!rows.contains(&Key::NewTab));
    }

    #[test]
    fn resume_of_a_whole_session_lands_on_its_step() {
        let g = guide();
        let s = at_platform(&g);
        let r = Session::resume(&g, &s.saved());
        assert_eq!(r, s);
    }

    #[test]
    fn back_lands_on_the_last_question_and_next_walks_them_in_order() {
        let g = guide();
        let mut s = at_platform(&g);
        s.back(); // endorsement
        s.back(); // host, on its last question
        assert_eq!(s.step(), Step::Host);
        assert_eq!(s.focused(), Some(Key::ContentAppropriate));
        assert_eq!(s.previous_question(), Moved::Question);
        assert_eq!(s.focused(), Some(Key::Organisation));
        assert_eq!(s.next_question(&g), Ok(Moved::Question));
        assert_eq!(s.next_question(&g), Ok(Moved::Step));
        assert_eq!(s.step(), Step::Endorsement);
    }

    #[test]
    fn jump_from_review_focuses_the_question() {
        let g = guide();
        let mut s = at_platform(&g);
        s.answer(&g, Key::Platform, "print-newsletter").unwrap();
        s.next_question(&g).unwrap();
        s.answer(&g, Key::Audience, "children").unwrap();
        s.next_question(&g).unwrap(); // details: only the button file
        s.next_question(&g).unwrap();
        assert_eq!(s.step(), Step::Review);
        s.jump_to(Key::Organisation);
        assert_eq!(
            (s.step(), s.focused()),
            (Step::Host, Some(Key::Organisation))
        );
    }

    #[test]
    fn an_empty_session_is_not_worth_saving() {
        let g = guide();
        let mut s = Session::new();
        assert!(!s.worth_saving());
        s.forward(&g).unwrap();
        assert!(s.worth_saving());
    }

    #[test]
    fn a_button_file_that_cannot_be_read_is_refused_with_its_fix() {
        let g = guide();
        let mut s = at_platform(&g);
        s.answer(&g, Key::Platform, "website").unwrap();
        let before = s.clone();
        let why = s
            .answer(&g, Key::ButtonFile, "/nonexistent/clickceop.gif")
            .unwrap_err();
        assert!(why.contains("fix:"), "{why}");
        assert_eq!(s, before);
    }
}
