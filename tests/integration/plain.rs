//! The plain wizard walked with a scripted prompter along the same paths as
//! the full-screen one: same steps, same answers, identical artifacts.

use std::collections::VecDeque;

use ceop_onboard::answers::{Audience, Platform};
use ceop_onboard::guide::Guide;
use ceop_onboard::prompt::plain::{self, End, Io};
use ceop_onboard::prompt::{Ask, Prompter, Reply, Validate};
use ceop_onboard::render::Renderer;
use ceop_onboard::session::Saved;

use crate::common::{artifact, paths, walked_answers};

#[derive(Debug, Clone)]
pub(crate) enum S {
    /// The option whose label starts with this.
    Pick(&'static str),
    Text(&'static str),
    Back,
    Quit,
}

#[derive(Default)]
pub(crate) struct Scripted {
    script: VecDeque<S>,
    pub(crate) said: Vec<String>,
    pub(crate) asked: Vec<String>,
    /// Every list offered, as it was offered.
    pub(crate) asks: Vec<Ask>,
}

impl Scripted {
    fn new(script: Vec<S>) -> Self {
        Scripted {
            script: script.into(),
            ..Default::default()
        }
    }
}

impl Prompter for Scripted {
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }

    fn choose(&mut self, ask: &Ask) -> Reply<usize> {
        self.asked.push(ask.prompt.clone());
        self.asks.push(ask.clone());
        match self.script.pop_front() {
            Some(S::Pick(label)) => Reply::Value(
                ask.options
                    .iter()
                    .position(|o| o.starts_with(label))
                    .unwrap_or_else(|| {
                        panic!(
                            "no option `{label}` in {:?} for {}",
                            ask.options, ask.prompt
                        )
                    }),
            ),
            Some(S::Back) => Reply::Back,
            Some(S::Quit) | None => Reply::Quit,
            Some(S::Text(t)) => {
                panic!("a list was asked ({}) but the script types {t}", ask.prompt)
            }
        }
    }

    fn text(&mut self, prompt: &str, _: &str, initial: &str, validate: Validate) -> Reply<String> {
        self.asked.push(prompt.to_string());
        match self.script.pop_front() {
            Some(S::Text(t)) => {
                let v = if t.is_empty() { initial } else { t };
                match validate(v) {
                    Ok(()) => Reply::Value(v.to_string()),
                    Err(why) => {
                        self.said.push(format!("Not accepted: {why}"));
                        self.text(prompt, "", initial, validate)
                    }
                }
            }
            Some(S::Back) => Reply::Back,
            Some(S::Quit) | None => Reply::Quit,
            Some(S::Pick(p)) => panic!("text was asked ({prompt}) but the script picks {p}"),
        }
    }
}

pub(crate) struct Outcome {
    pub(crate) end: End,
    pub(crate) printed: Vec<String>,
    pub(crate) saves: Vec<Saved>,
    pub(crate) cleared: bool,
    pub(crate) prompter: Scripted,
}

pub(crate) fn drive(script: Vec<S>, resume: Option<Saved>) -> Outcome {
    let guide = Guide::embedded();
    let renderer = Renderer::new(None).unwrap();
    let mut prompter = Scripted::new(script);
    let mut printed = Vec::new();
    let mut saves = Vec::new();
    let mut cleared = false;
    let end = {
        let mut save = |s: &Saved| saves.push(s.clone());
        let mut clear = || cleared = true;
        let mut copy = |_: &str| Ok("copied".to_string());
        let mut print = |t: &str| printed.push(t.to_string());
        let io = Io {
            save: &mut save,
            clear: &mut clear,
            copy: &mut copy,
            print: &mut print,
            now: || "2026-11-28T12:00:00Z".into(),
            width: || None,
        };
        plain::run(&guide, &renderer, &mut prompter, io, resume)
    };
    assert!(
        prompter.script.is_empty(),
        "script left over: {:?}",
        prompter.script
    );
    Outcome {
        end,
        printed,
        saves,
        cleared,
        prompter,
    }
}

pub(crate) fn to_platform() -> Vec<S> {
    let mut s = vec![S::Pick("Start")];
    s.extend(std::iter::repeat_n(S::Pick("Yes, I have read it"), 10));
    s.extend([
        S::Pick("Yes, I confirm"),
        S::Text("St Example Primary"),
        S::Pick("Yes"),
        S::Pick("Yes"),
        S::Pick("School"),
        S::Pick("Yes"),
        S::Pick("Yes, I confirm"),
    ]);
    s
}

fn label(p: Platform) -> &'static str {
    match p {
        Platform::Website => "Website",
        Platform::App => "App",
        Platform::EmailNewsletter => "Email newsletter",
        Platform::PrintNewsletter => "Printed newsletter",
    }
}

fn audience_label(a: Audience) -> &'static str {
    match a {
        Audience::Children => "Children and young people",
        Audience::Adults => "Adults",
        Audience::Mixed => "Both",
    }
}

pub(crate) fn path_script(platform: Platform, audience: Option<Audience>) -> Vec<S> {
    let mut s = to_platform();
    s.push(S::Pick(label(platform)));
    if let Some(a) = audience {
        s.push(S::Pick(audience_label(a)));
    }
    match platform {
        Platform::Website => s.extend([
            S::Pick("A safety, help"),
            S::Text("/images/clickceop.gif"),
            S::Text(""),
            S::Pick("No"),
        ]),
        Platform::EmailNewsletter => s.extend([
            S::Text("https://www.example.sch.uk/images/clickceop.gif"),
            S::Text(""),
            S::Pick("No"),
        ]),
        Platform::PrintNewsletter => s.push(S::Text("")),
        Platform::App => {}
    }
    s.push(S::Pick("Continue to the result"));
    s
}

#[test]
fn every_path_gives_the_same_artifacts_as_generate_and_the_tui() {
    for (platform, audience) in paths() {
        let expected_answers = walked_answers(platform, audience);
        let expected = artifact(&expected_answers);
        let mut script = path_script(platform, audience);
        for d in &expected.documents {
            script.push(S::Pick(match d.format.as_str() {
                "html" => "Print the html",
                "markdown" => "Print the markdown",
                "text" => "Print the text",
                "android" => "Print the android",
                "swiftui" => "Print the swiftui",
                _ => "Print the react-native",
            }));
        }
        script.push(S::Pick("Print the checklist"));
        script.push(S::Pick("Quit"));
        let out = drive(script, None);
        assert_eq!(
            out.end,
            End::Finished(Box::new(expected_answers)),
            "{platform} {audience:?}"
        );
        let mut want: Vec<String> = expected
            .documents
            .iter()
            .map(|d| d.content.clone())
            .collect();
        want.push(expected.checklist_markdown.clone());
        assert_eq!(out.printed, want, "{platform} {audience:?}");
        assert!(out.cleared, "a finished walk forgets its saved session");
    }
}

#[test]
fn not_appropriate_stops_after_the_no_with_reasons_and_next_steps() {
    let mut script = vec![S::Pick("Start")];
    script.extend(std::iter::repeat_n(S::Pick("Yes, I have read it"), 10));
    script.extend([
        S::Pick("Yes, I confirm"),
        S::Text(""),
        S::Pick("No"),
        S::Pick("Quit"),
    ]);
    let out = drive(script, None);
    let said = out.prompter.said.join("\n");
    assert!(said.contains("should not host"), "{said}");
    assert!(
        said.contains("(R2)") && said.contains("Childline"),
        "{said}"
    );
    assert!(
        !out.prompter
            .asked
            .iter()
            .any(|a| a.contains("Where will children")),
        "no platform asked"
    );
}

#[test]
fn back_goes_to_the_previous_question_and_changing_platform_drops_answers() {
    let mut script = path_script(Platform::Website, Some(Audience::Mixed));
    script.pop(); // not yet to the result
    script.extend([
        // Review → new tab → button file → image → placement → audience → platform.
        S::Back,
        S::Back,
        S::Back,
        S::Back,
        S::Back,
        S::Back,
        S::Pick("App"),
        S::Pick("Continue to the result"),
        S::Quit,
    ]);
    let out = drive(script, None);
    let End::Finished(a) = out.end else {
        panic!("not finished")
    };
    assert_eq!(a.platform, Some(Platform::App));
    assert_eq!(
        (a.audience, a.image_src.clone(), a.placement),
        (None, None, None)
    );
    assert!(
        out.prompter
            .said
            .iter()
            .any(|s| s.contains("no longer apply were dropped"))
    );
}

#[test]
fn bad_text_is_refused_and_asked_again() {
    let mut script = path_script(Platform::EmailNewsletter, Some(Audience::Adults));
    let i = script
        .iter()
        .position(|s| matches!(s, S::Text(t) if t.starts_with("https://")))
        .unwrap();
    script.insert(i, S::Text("/images/clickceop.gif"));
    script.push(S::Quit);
    let out = drive(script, None);
    assert!(
        out.prompter
            .said
            .iter()
            .any(|s| s.contains("not an absolute https:// address")),
        "{:?}",
        out.prompter.said
    );
}

#[test]
fn quitting_saves_and_resume_continues_where_it_stopped() {
    let mut script = to_platform();
    script.push(S::Quit);
    let out = drive(script, None);
    assert_eq!(out.end, End::Stopped);
    let saved = out.saves.last().unwrap().clone();
    assert_eq!(saved.step, "platform");
    let resumed = drive(
        vec![
            S::Pick("Resume"),
            S::Pick("App"),
            S::Pick("Continue to the result"),
            S::Pick("Quit"),
        ],
        Some(saved),
    );
    let End::Finished(a) = resumed.end else {
        panic!()
    };
    assert_eq!(a.organisation_name.as_deref(), Some("St Example Primary"));
    assert_eq!(a.platform, Some(Platform::App));
}

#[test]
fn the_review_shows_answers_in_words_not_values() {
    let mut script = path_script(Platform::Website, Some(Audience::Mixed));
    script.pop(); // stop at the review
    script.push(S::Quit);
    let out = drive(script, None);
    let review = out
        .prompter
        .said
        .iter()
        .find(|s| s.contains("Who is it for?"))
        .expect("the review");
    for words in [": Website\n", ": Yes\n", ": No\n", ": School, college"] {
        assert!(review.contains(words), "`{words}` missing:\n{review}");
    }
    for value in [": website\n", ": true\n", ": safety-area\n", ": mixed\n"] {
        assert!(!review.contains(value), "`{value}` shown:\n{review}");
    }
}

#[test]
fn the_record_is_saved_in_the_form_its_file_name_asks_for() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("record.md");
    let toml = dir.path().join("record.toml");
    let mut script = path_script(Platform::Website, Some(Audience::Children));
    for path in [&md, &toml] {
        script.push(S::Pick("Save the onboarding record"));
        script.push(S::Text(Box::leak(
            path.to_str().unwrap().to_string().into_boxed_str(),
        )));
    }
    script.push(S::Pick("Quit"));
    drive(script, None);
    let md = std::fs::read_to_string(md).unwrap();
    assert!(md.starts_with("# "), "{md}");
    assert!(
        md.contains("- [ ] "),
        "a checklist with boxes to tick: {md}"
    );
    let toml = std::fs::read_to_string(toml).unwrap();
    assert!(toml.contains("outcome = \"appropriate\""), "{toml}");
}

/// Progress is saved on entering each step (so a dropped connection loses
/// at most the question being asked) and after each answer; each step opens
/// with its heading.
#[test]
fn progress_is_saved_at_every_step_and_each_step_has_its_heading() {
    let mut script = to_platform();
    script.push(S::Quit);
    let out = drive(script, None);
    let mut runs: Vec<(&str, usize)> = Vec::new();
    for s in &out.saves {
        match runs.last_mut() {
            Some((step, n)) if *step == s.step.as_str() => *n += 1,
            _ => runs.push((s.step.as_str(), 1)),
        }
    }
    // Entering, each of the ten sections and the final confirmation;
    // entering and the four answers and the name; entering and the
    // acknowledgement; entering and quitting.
    assert_eq!(
        runs,
        [
            ("reader-notice", 12),
            ("host", 6),
            ("endorsement", 2),
            ("platform", 2)
        ]
    );
    let headings: Vec<&str> = out
        .prompter
        .said
        .iter()
        .filter(|s| s.starts_with("\n== Step"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        headings,
        [
            "\n== Step 1 of 9 · Welcome ==",
            "\n== Step 2 of 9 · Guidance (our summary) ==",
            "\n== Step 3 of 9 · Your organisation ==",
            "\n== Step 4 of 9 · No endorsement ==",
            "\n== Step 5 of 9 · Platform ==",
        ]
    );
}

#[test]
fn quitting_at_the_resume_offer_keeps_the_saved_session() {
    let mut script = to_platform();
    script.push(S::Quit);
    let saved = drive(script, None).saves.last().unwrap().clone();
    let out = drive(vec![S::Quit], Some(saved));
    assert_eq!(out.end, End::Stopped);
    assert!(!out.cleared, "the saved session is not forgotten");
    assert!(out.saves.is_empty(), "nothing is saved over it");
}

#[test]
fn back_on_the_welcome_stays_there_and_back_at_the_last_question_shows_the_last_section() {
    let out = drive(vec![S::Back, S::Pick("Start"), S::Quit], None);
    assert_eq!(out.end, End::Stopped);
    let welcomes = out
        .prompter
        .said
        .iter()
        .filter(|s| s.contains("Step 1 of 9"))
        .count();
    assert_eq!(welcomes, 2, "asked again, not quit");

    // Back on the third section shows the second again.
    let mut script = vec![S::Pick("Start")];
    script.extend(std::iter::repeat_n(S::Pick("Yes, I have read it"), 2));
    script.extend([S::Back, S::Pick("Yes, I have read it"), S::Quit]);
    let out = drive(script, None);
    let shown: Vec<usize> = out
        .prompter
        .said
        .iter()
        .filter_map(|s| {
            let (_, rest) = s.split_once("— section ")?;
            rest.split(' ').next()?.parse().ok()
        })
        .collect();
    assert_eq!(shown, [1, 2, 3, 2, 3]);

    // Back on the first section goes back to the welcome.
    let out = drive(
        vec![S::Pick("Start"), S::Back, S::Pick("Start"), S::Quit],
        None,
    );
    let headings: Vec<&String> = out
        .prompter
        .said
        .iter()
        .filter(|s| s.contains("== Step"))
        .collect();
    assert_eq!(headings.len(), 4, "{headings:?}");
    assert!(headings[2].contains("Step 1 of 9"), "{headings:?}");

    let mut script = vec![S::Pick("Start")];
    script.extend(std::iter::repeat_n(S::Pick("Yes, I have read it"), 10));
    // Back at "I have read the guidance in full…": the last section again,
    // then the question once more.
    script.extend([S::Back, S::Pick("Yes, I have read it"), S::Quit]);
    let out = drive(script, None);
    let asked = &out.prompter.asked;
    let n = asked.len();
    assert_eq!(asked[n - 2], "Have you read this section?", "{asked:?}");
    assert_eq!(asked[n - 1], asked[n - 3], "{asked:?}");
}
