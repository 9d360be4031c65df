//! Both front-ends driven along the same paths, written once as the user's
//! actions and typed as each front-end takes them (keys for the full screen,
//! replies for the plain prompts): going back, changing an answer from the
//! review, quitting and resuming. They must end with the same session: step,
//! answers and acknowledged sections.

use std::collections::VecDeque;

use ceop_onboard::answers::Key;
use ceop_onboard::guide::Guide;
use ceop_onboard::prompt::plain::{self, Io};
use ceop_onboard::prompt::{Ask, Prompter, Reply, Validate};
use ceop_onboard::render::Renderer;
use ceop_onboard::session::Saved;
use ceop_onboard::tui::app::Effect;
use ceop_onboard::wizard::Session;

use crate::tui::{choose, harness, new_app, press};

/// What the user does, whichever front-end.
#[derive(Debug, Clone, Copy)]
enum Act {
    Start,
    /// Acknowledges the section shown.
    Ack,
    /// Confirms R1 or R9 (never a default).
    Confirm,
    Choose(Key, &'static str),
    Text(&'static str),
    /// Back one question (from a step's first, to the step before).
    Back,
    /// From the review, changes this answer.
    Jump(Key),
    /// Quits, and the next start resumes.
    QuitAndResume,
}

use Act::*;

fn to_platform() -> Vec<Act> {
    let mut acts = vec![Start];
    acts.extend([Ack; 10]);
    acts.extend([
        Confirm,
        Text("St Both"),
        Choose(Key::Uk, "yes"),
        Choose(Key::ServesChildren, "yes"),
        Choose(Key::Organisation, "school"),
        Choose(Key::ContentAppropriate, "yes"),
        Confirm,
    ]);
    acts
}

/// The full screen: runs the acts, resuming from its own saved session.
fn tui(acts: &[Act]) -> Session {
    let h = harness();
    let mut app = new_app(&h, None);
    let mut saved: Option<Saved> = None;
    for act in acts {
        let effects = match *act {
            Start => press(&mut app, &["Enter"]),
            Ack => press(&mut app, &["Space"]),
            Confirm if app.step() == ceop_onboard::flow::Step::ReaderNotice => {
                press(&mut app, &["Space", "Enter"])
            }
            Confirm => press(&mut app, &["y", "Enter"]),
            Choose(key, value) => {
                choose(&mut app, key, value);
                Vec::new()
            }
            Text(t) => press(&mut app, &["Ctrl-U", &format!("text:{t}"), "Enter"]),
            Back => press(&mut app, &["BackTab"]),
            Jump(key) => {
                let row = app.session.review_rows().iter().position(|k| *k == key);
                let row = row.unwrap_or_else(|| panic!("no review row for {key}"));
                press(&mut app, &["Home"]);
                for _ in 0..row {
                    press(&mut app, &["Down"]);
                }
                press(&mut app, &["Enter"])
            }
            QuitAndResume => {
                let quit = press(&mut app, &["Ctrl-Q"]);
                let last = quit
                    .into_iter()
                    .rev()
                    .find_map(|e| match e {
                        Effect::SaveSession(s) => Some(s),
                        _ => None,
                    })
                    .or(saved.take());
                app = new_app(&h, last);
                press(&mut app, &["y"])
            }
        };
        for e in effects {
            if let Effect::SaveSession(s) = e {
                saved = Some(s);
            }
        }
    }
    app.session.clone()
}

/// Replies to the plain prompts from a queue of acts; `QuitAndResume` ends
/// the run (the caller starts the next).
struct Replies {
    guide: Guide,
    acts: VecDeque<Act>,
}

impl Prompter for Replies {
    fn say(&mut self, _: &str) {}

    fn choose(&mut self, ask: &Ask) -> Reply<usize> {
        let pick = |prefix: &str| {
            Reply::Value(
                ask.options
                    .iter()
                    .position(|o| o.starts_with(prefix))
                    .unwrap_or_else(|| panic!("no `{prefix}` in {:?}", ask.options)),
            )
        };
        if ask.prompt.starts_with("A saved session was found") {
            return pick("Resume");
        }
        match self.acts.pop_front() {
            Some(Start) => pick("Start"),
            Some(Ack) => pick("Yes, I have read it"),
            Some(Confirm) => pick("Yes, I confirm"),
            Some(Choose(key, value)) => {
                let q = self.guide.question(key);
                let c = q.choices.iter().find(|c| c.value == value).unwrap();
                assert_eq!(ask.prompt, q.prompt, "asked another question");
                pick(&c.label.clone())
            }
            Some(Back) => Reply::Back,
            Some(Jump(key)) => {
                self.acts.push_front(Jump(key));
                if ask.prompt == "Is this right?" {
                    return pick("Change an answer");
                }
                self.acts.pop_front();
                pick(&self.guide.question(key).prompt.clone())
            }
            Some(QuitAndResume) | None => Reply::Quit,
            Some(Text(t)) => panic!("a list ({}) where the path types {t}", ask.prompt),
        }
    }

    fn text(&mut self, prompt: &str, _: &str, _: &str, validate: Validate) -> Reply<String> {
        match self.acts.pop_front() {
            Some(Text(t)) => {
                validate(t).unwrap();
                Reply::Value(t.to_string())
            }
            Some(Back) => Reply::Back,
            Some(QuitAndResume) | None => Reply::Quit,
            other => panic!("text ({prompt}) where the path does {other:?}"),
        }
    }
}

/// The plain prompts: runs the acts, each `QuitAndResume` starting again
/// from the last saved session. The session is the last one saved.
fn plain(acts: &[Act]) -> Session {
    let guide = Guide::embedded();
    let renderer = Renderer::new(None).unwrap();
    let mut runs: Vec<Vec<Act>> = vec![Vec::new()];
    for act in acts {
        runs.last_mut().unwrap().push(*act);
        if matches!(act, QuitAndResume) {
            runs.push(Vec::new());
        }
    }
    let mut last: Option<Saved> = None;
    for run in runs {
        let mut replies = Replies {
            guide: Guide::embedded(),
            acts: run.into(),
        };
        let mut saves = Vec::new();
        {
            let mut save = |s: &Saved| saves.push(s.clone());
            let io = Io {
                save: &mut save,
                clear: &mut || {},
                copy: &mut |_: &str| Ok(String::new()),
                print: &mut |_: &str| {},
                now: || "2026-11-28T12:00:00Z".into(),
                width: || None,
            };
            plain::run(&guide, &renderer, &mut replies, io, last.clone());
        }
        assert!(replies.acts.is_empty(), "left over: {:?}", replies.acts);
        last = saves.pop().or(last);
    }
    Session::resume(&guide, &last.expect("a saved session"))
}

fn same(acts: &[Act]) {
    let mut acts = acts.to_vec();
    // Both end by quitting, so that both hold a saved session to compare.
    acts.push(QuitAndResume);
    let (t, p) = (tui(&acts), plain(&acts));
    assert_eq!(t.saved(), p.saved(), "{acts:?}");
}

#[test]
fn a_straight_walk_to_the_review_ends_the_same() {
    let mut acts = to_platform();
    acts.push(Choose(Key::Platform, "app"));
    same(&acts);
}

#[test]
fn going_back_and_changing_the_platform_ends_the_same() {
    let mut acts = to_platform();
    acts.extend([
        Choose(Key::Platform, "website"),
        Choose(Key::Audience, "mixed"),
        Choose(Key::Placement, "safety-area"),
        Text("/images/clickceop.gif"),
        // Button file → image → placement → audience → platform.
        Back,
        Back,
        Back,
        Back,
        Choose(Key::Platform, "print-newsletter"),
        Choose(Key::Audience, "adults"),
    ]);
    same(&acts);
}

#[test]
fn back_through_the_guidance_keeps_acknowledgements_the_same() {
    let mut acts = to_platform();
    // Platform → endorsement → four host questions → the confirmation →
    // the last two sections.
    acts.extend([Back; 9]);
    same(&acts);
}

#[test]
fn a_jump_from_the_review_and_a_resume_end_the_same() {
    let mut acts = to_platform();
    acts.extend([
        Choose(Key::Platform, "app"),
        Jump(Key::Uk),
        QuitAndResume,
        Choose(Key::Uk, "not-sure"),
    ]);
    same(&acts);
}

#[test]
fn a_resume_mid_guidance_ends_the_same() {
    same(&[Start, Ack, Ack, Ack, QuitAndResume, Ack, Back]);
}
