//! The wizard as both front-ends walk it: the questions each step shows, how
//! an answer is applied, when a step may be left, and what the wizard concludes.
//!
//! The TUI and the plain prompts only collect keystrokes or lines and drive a
//! [`Session`]; neither decides or renders anything itself.

pub mod frontend;
pub mod session;

pub use session::{Moved, Session};

use std::path::Path;

use crate::answers::{Answers, Key, YesNo};
use crate::button::ButtonCheck;
use crate::eligibility::{self, Decision};
use crate::error::Result;
use crate::flow::{self, Step};
use crate::guide::Guide;
use crate::output::{self, Pending};
use crate::record::{self, RecordFormat};
use crate::render::{Artifact, Renderer};

/// How a wizard run ended (the exit code is chosen from it in `run`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// Reached the result and quit.
    Finished(Box<Answers>),
    /// Quit before the result; progress is saved.
    Stopped,
    /// Interrupted (Ctrl-C); progress, if any, is saved.
    Interrupted,
}

/// The note both front-ends show after an answer dropped later ones.
pub fn dropped_note(dropped: &[Key]) -> Option<String> {
    (!dropped.is_empty()).then(|| {
        let names: Vec<&str> = dropped.iter().map(|k| k.name()).collect();
        format!(
            "Answers that no longer apply were dropped: {}.",
            names.join(", ")
        )
    })
}

/// How saving a file from the result went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saving {
    Saved(String),
    /// The file exists: ask before replacing it.
    Exists,
    /// Not saved: the whole message, with its fix.
    Failed(String),
}

/// Saves one file from the result, atomically; an existing file is replaced
/// only with `overwrite` (after the user confirmed).
pub fn save_file(path: &Path, contents: &str, overwrite: bool) -> Saving {
    if !overwrite && path.exists() {
        return Saving::Exists;
    }
    let file = Pending {
        path: path.to_path_buf(),
        contents: contents.to_string(),
    };
    match output::write_all(&[file], overwrite) {
        Ok(()) => Saving::Saved(format!("Saved {}.", path.display())),
        Err(e) => Saving::Failed(format!("Not saved: {e}")),
    }
}

/// The questions `step` shows for these answers, in order.
pub fn questions(step: Step, answers: &Answers) -> Vec<Key> {
    step.keys()
        .into_iter()
        .filter(|&k| flow::applies(k, answers))
        .collect()
}

/// Sets `key` from its text form (an empty text clears an optional answer),
/// then drops the answers that no longer apply. Returns the keys dropped, or
/// why the value was refused (the answers are then unchanged).
pub fn answer(answers: &mut Answers, key: Key, raw: &str) -> std::result::Result<Vec<Key>, String> {
    let mut next = answers.clone();
    if raw.is_empty() && key.optional() {
        next.clear(key);
    } else {
        next.set(key, raw)?;
    }
    if let Some((_, problem)) = next.problems().into_iter().find(|(k, _)| *k == key) {
        return Err(problem);
    }
    let dropped = flow::prune(&mut next);
    *answers = next;
    Ok(dropped)
}

/// How an answer reads, in words ("Yes", "Website"), never as its internal
/// value; "—" when unanswered. Both front-ends show answers this way.
pub fn answer_label(guide: &Guide, answers: &Answers, key: Key) -> String {
    let Some(v) = answers.get(key) else {
        return "—".into();
    };
    match key.kind() {
        crate::answers::Kind::Choice(_) => guide
            .question(key)
            .choices
            .iter()
            .find(|c| c.value == v)
            .map_or(v, |c| c.label.clone()),
        crate::answers::Kind::Bool => if v == "true" { "Yes" } else { "No" }.into(),
        crate::answers::Kind::Text if v.is_empty() => "—".into(),
        crate::answers::Kind::Text => v,
    }
}

/// Why `step` cannot be left forward yet, or `Ok` when it can.
pub fn can_leave(guide: &Guide, step: Step, answers: &Answers) -> std::result::Result<(), String> {
    match step {
        Step::ReaderNotice if answers.read_guidance != Some(true) => {
            Err(guide.messages.confirm_reading.clone())
        }
        Step::Endorsement if answers.no_endorsement != Some(true) => {
            Err(guide.messages.confirm_endorsement.clone())
        }
        Step::Host if host_stopped(answers) => Ok(()),
        _ => match questions(step, answers)
            .into_iter()
            .find(|&k| !k.optional() && !answers.has(k))
        {
            Some(k) => Err(format!(
                "Answer “{}” to continue.",
                guide.question(k).prompt
            )),
            None => Ok(()),
        },
    }
}

/// A "no" to any host question ends the wizard at once: there is nothing
/// more to ask (R2).
pub fn host_stopped(answers: &Answers) -> bool {
    [
        answers.uk,
        answers.serves_children,
        answers.content_appropriate,
    ]
    .contains(&Some(YesNo::No))
}

/// Checks the local button file, if one is given and applies.
pub fn button_check(guide: &Guide, answers: &Answers) -> Result<Option<ButtonCheck>> {
    match &answers.button_file {
        Some(path) if flow::applies(Key::ButtonFile, answers) => Ok(Some(ButtonCheck::of_file(
            Path::new(path),
            guide.facts.button_width,
            guide.facts.button_height,
        )?)),
        _ => Ok(None),
    }
}

/// The decision in words: its title, for an outcome without an artifact the
/// explanation, the reasons with their rule ids, and what to do next. Plain
/// text; `title` wraps the title (e.g. in bold where the terminal allows).
pub fn decision_summary(
    guide: &Guide,
    decision: &Decision,
    title: impl Fn(&str) -> String,
) -> String {
    let text = guide.outcome(decision.outcome);
    let mut s = format!("{}\n", title(&text.title));
    if !decision.outcome.gives_artifact() {
        s.push_str(&format!("{}\n", text.body));
    }
    for reason in &decision.reasons {
        s.push_str(&format!("  - {} ({})\n", reason.text, reason.rule));
    }
    if !text.next_steps.is_empty() {
        s.push_str("What to do next:\n");
        for step in &text.next_steps {
            s.push_str(&format!("  - {step}\n"));
        }
    }
    s
}

/// What the wizard concludes from the answers.
#[derive(Debug, Clone)]
pub struct Conclusion {
    pub decision: Decision,
    pub button: Option<ButtonCheck>,
    pub artifact: Option<Artifact>,
}

impl Conclusion {
    /// The onboarding record of this conclusion, in the form its file name
    /// asks for: TOML, or a page to read and print for `.html` or `.md`.
    pub fn record(&self, guide: &Guide, answers: &Answers, created: String, path: &Path) -> String {
        record::render(
            guide,
            answers,
            &self.decision,
            self.artifact.as_ref(),
            created,
            RecordFormat::for_path(path),
        )
    }
}

/// Checks the button file, decides and renders: what `generate` and both
/// front-ends conclude from the same answers.
pub fn conclude(guide: &Guide, renderer: &Renderer, answers: &Answers) -> Result<Conclusion> {
    let button = button_check(guide, answers)?;
    let decision = eligibility::decide(guide, answers, button);
    let artifact = renderer.artifact(guide, answers, &decision, button)?;
    Ok(Conclusion {
        decision,
        button,
        artifact,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_answer_leaves_the_answers_unchanged() {
        let mut a = crate::flow::tests::host_ok();
        answer(&mut a, Key::Platform, "email-newsletter").unwrap();
        let before = a.clone();
        let e = answer(&mut a, Key::ImageSrc, "/images/clickceop.gif").unwrap_err();
        assert!(e.contains("absolute https://"), "{e}");
        assert_eq!(a, before);
        assert_eq!(
            answer(&mut a, Key::ImageSrc, "https://x.org/a.gif"),
            Ok(vec![])
        );
    }

    #[test]
    fn a_no_lets_the_host_step_end_early() {
        let g = Guide::embedded();
        let mut a = Answers::default();
        answer(&mut a, Key::ReadGuidance, "true").unwrap();
        assert!(can_leave(&g, Step::Host, &a).is_err());
        answer(&mut a, Key::Uk, "no").unwrap();
        assert_eq!(can_leave(&g, Step::Host, &a), Ok(()));
        assert_eq!(flow::next(Step::Host, &a), Some(Step::Result));
    }

    #[test]
    fn an_unconfirmed_step_says_what_wizard_toml_says() {
        let mut g = Guide::embedded();
        g.messages.confirm_reading = "read it (R1)".into();
        g.messages.confirm_endorsement = "confirm it (R9)".into();
        let mut a = Answers::default();
        assert_eq!(
            can_leave(&g, Step::ReaderNotice, &a),
            Err("read it (R1)".into())
        );
        answer(&mut a, Key::ReadGuidance, "true").unwrap();
        assert_eq!(can_leave(&g, Step::ReaderNotice, &a), Ok(()));
        assert_eq!(
            can_leave(&g, Step::Endorsement, &a),
            Err("confirm it (R9)".into())
        );
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_the_user_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ceop.html");
        assert_eq!(
            save_file(&path, "first", false),
            Saving::Saved(format!("Saved {}.", path.display()))
        );
        assert_eq!(save_file(&path, "second", false), Saving::Exists);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
        assert!(matches!(save_file(&path, "second", true), Saving::Saved(_)));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
    }

    #[test]
    fn an_empty_text_answer_reads_as_unanswered() {
        let g = Guide::embedded();
        let mut a = Answers {
            organisation_name: Some(String::new()),
            ..Answers::default()
        };
        assert_eq!(answer_label(&g, &a, Key::OrganisationName), "—");
        a.organisation_name = Some("St Example Primary".into());
        assert_eq!(
            answer_label(&g, &a, Key::OrganisationName),
            "St Example Primary"
        );
    }

    #[test]
    fn a_button_file_that_does_not_apply_is_not_read() {
        let g = Guide::embedded();
        let mut a = crate::flow::tests::host_ok();
        a.platform = Some(crate::answers::Platform::App);
        a.button_file = Some("/no/such/clickceop.gif".into());
        assert!(matches!(button_check(&g, &a), Ok(None)));
        a.platform = Some(crate::answers::Platform::Website);
        assert!(button_check(&g, &a).is_err(), "read when it applies");
    }

    #[test]
    fn the_explanation_is_shown_only_for_an_outcome_without_an_artifact() {
        let g = Guide::embedded();
        let mut a = crate::flow::tests::host_ok();
        a.platform = Some(crate::answers::Platform::App);
        let yes = crate::eligibility::decide(&g, &a, None);
        assert!(yes.outcome.gives_artifact());
        let summary = decision_summary(&g, &yes, |t| t.to_string());
        assert!(!summary.contains(&g.outcome(yes.outcome).body), "{summary}");
        assert_eq!(
            summary.contains("What to do next:"),
            !g.outcome(yes.outcome).next_steps.is_empty()
        );
        a.uk = Some(YesNo::No);
        let no = crate::eligibility::decide(&g, &a, None);
        assert!(!no.outcome.gives_artifact());
        let summary = decision_summary(&g, &no, |t| t.to_string());
        assert!(summary.contains(&g.outcome(no.outcome).body), "{summary}");
        let steps = &g.outcome(no.outcome).next_steps;
        assert!(!steps.is_empty());
        assert!(
            summary.contains(&format!("What to do next:\n  - {}\n", steps[0])),
            "{summary}"
        );
    }

    #[test]
    fn the_record_takes_the_form_its_file_name_asks_for() {
        let g = Guide::embedded();
        let r = Renderer::new(None).unwrap();
        let mut a = crate::flow::tests::host_ok();
        a.platform = Some(crate::answers::Platform::App);
        let c = conclude(&g, &r, &a).unwrap();
        let html = c.record(&g, &a, "2026-12-01T10:00:00Z".into(), Path::new("r.html"));
        assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
        let toml = c.record(&g, &a, "2026-12-01T10:00:00Z".into(), Path::new("r.toml"));
        let parsed: toml::Table = toml.parse().unwrap();
        assert!(parsed.contains_key("decision"), "{toml}");
    }
}
