//! The full-screen wizard driven by key events through `keys::map` and
//! `update`, drawn with a test buffer: snapshots of every screen and walks
//! through every path.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use ceop_onboard::answers::{Audience, Key, Platform};
use ceop_onboard::eligibility::Outcome;
use ceop_onboard::flow::Step;
use ceop_onboard::guide::Guide;
use ceop_onboard::render::Renderer;
use ceop_onboard::session::Saved;
use ceop_onboard::tui::app::{App, Effect, Msg, Overlay};
use ceop_onboard::tui::{keys, theme::Theme, view};

use crate::common::{artifact, walked_answers};

fn fixed_time() -> String {
    "2026-11-28T12:00:00Z".into()
}

pub(crate) struct Harness {
    pub(crate) guide: &'static Guide,
    pub(crate) renderer: &'static Renderer,
}

pub(crate) fn harness() -> Harness {
    Harness {
        guide: Box::leak(Box::new(Guide::embedded())),
        renderer: Box::leak(Box::new(Renderer::new(None).unwrap())),
    }
}

pub(crate) fn new_app(h: &Harness, resume: Option<Saved>) -> App<'static> {
    let mut app = App::new(h.guide, h.renderer, resume);
    app.now = fixed_time;
    app
}

pub(crate) fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses keys written as words: "Enter", "Space", "Down", "Esc", "Tab",
/// "BackTab", "Left", "Right", "Up", "PageUp", "PageDown", "BS", "Home",
/// "End", "Delete",
/// "Ctrl-X", "text:…" (typed), "paste:…" (one bracketed paste), or one
/// character.
pub(crate) fn press(app: &mut App, script: &[&str]) -> Vec<Effect> {
    let mut effects = Vec::new();
    for step in script {
        if let Some(text) = step.strip_prefix("paste:") {
            effects.extend(app.update(Msg::Paste(text.to_string())));
            continue;
        }
        let events: Vec<KeyEvent> = match *step {
            "Enter" => vec![key(KeyCode::Enter)],
            "Space" => vec![key(KeyCode::Char(' '))],
            "Down" => vec![key(KeyCode::Down)],
            "Up" => vec![key(KeyCode::Up)],
            "Left" => vec![key(KeyCode::Left)],
            "Right" => vec![key(KeyCode::Right)],
            "Esc" => vec![key(KeyCode::Esc)],
            "Tab" => vec![key(KeyCode::Tab)],
            "BackTab" => vec![KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
            "BS" => vec![key(KeyCode::Backspace)],
            "PageDown" => vec![key(KeyCode::PageDown)],
            "PageUp" => vec![key(KeyCode::PageUp)],
            "F1" => vec![key(KeyCode::F(1))],
            "Home" => vec![key(KeyCode::Home)],
            "End" => vec![key(KeyCode::End)],
            "Delete" => vec![key(KeyCode::Delete)],
            s if s.starts_with("Ctrl-") => {
                let c = s[5..].to_lowercase().chars().next().unwrap();
                vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)]
            }
            s if s.starts_with("text:") => s[5..].chars().map(|c| key(KeyCode::Char(c))).collect(),
            s if s.chars().count() == 1 => vec![key(KeyCode::Char(s.chars().next().unwrap()))],
            other => panic!("unknown key {other}"),
        };
        for e in events {
            if let Some(msg) = keys::map(app, e) {
                effects.extend(app.update(msg));
            }
        }
    }
    effects
}

/// The screen as text; where the text cursor is, if shown, on a last line.
pub(crate) fn screen(app: &App, w: u16, h: u16) -> String {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    let cursor = view::draw(app, &Theme::new(false), area, &mut buf);
    let mut rows: Vec<String> = (0..h)
        .map(|y| {
            let mut line = String::new();
            let mut x = 0;
            while x < w {
                let symbol = buf[(x, y)].symbol();
                line.push_str(symbol);
                // A wide character fills two cells; the second is skipped.
                x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
            }
            line.trim_end().to_string()
        })
        .collect();
    if let Some(at) = cursor {
        rows.push(format!("[text cursor at column {}, row {}]", at.x, at.y));
    }
    rows.join("\n")
}

pub(crate) const READ_ALL: &[&str] = &[
    "Space", "Space", "Space", "Space", "Space", "Space", "Space", "Space", "Space", "Space",
    "Space",
];

/// A new wizard past the reader notice, at the host step's first question.
pub(crate) fn at_host(h: &Harness) -> App<'static> {
    let mut app = new_app(h, None);
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    press(&mut app, &["Enter"]);
    assert_eq!(app.step(), Step::Host);
    app
}

/// From the welcome screen to the platform step, as a school in the UK.
pub(crate) fn to_platform(app: &mut App) {
    press(app, &["Enter"]);
    press(app, READ_ALL);
    press(
        app,
        &[
            "Enter",
            "text:St Example Primary",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    assert_eq!(app.step(), Step::Endorsement);
    press(app, &["Space", "Enter"]);
    assert_eq!(app.step(), Step::Platform);
}

pub(crate) fn choose(app: &mut App, key: Key, value: &str) {
    let q = app.guide.question(key);
    let i = q.choices.iter().position(|c| c.value == value).unwrap();
    for _ in 0..8 {
        press(app, &["Up"]);
    }
    for _ in 0..i {
        press(app, &["Down"]);
    }
    press(app, &["Enter"]);
}

/// Walks a whole path to the result screen.
pub(crate) fn walk(app: &mut App, platform: Platform, audience: Option<Audience>) {
    to_platform(app);
    choose(app, Key::Platform, platform.as_str());
    if let Some(a) = audience {
        assert_eq!(app.step(), Step::Audience);
        choose(app, Key::Audience, a.as_str());
    }
    match platform {
        Platform::Website => {
            choose(app, Key::Placement, "safety-area");
            press(
                app,
                &["text:/images/clickceop.gif", "Enter", "Enter", "Enter"],
            );
        }
        Platform::EmailNewsletter => {
            press(
                app,
                &[
                    "text:https://www.example.sch.uk/images/clickceop.gif",
                    "Enter",
                    "Enter",
                    "Enter",
                ],
            );
        }
        Platform::PrintNewsletter => {
            press(app, &["Enter"]);
        }
        Platform::App => {}
    }
    assert_eq!(app.step(), Step::Review, "{platform}");
    press(app, &["Enter"]);
    assert_eq!(app.step(), Step::Result);
}

#[test]
fn every_path_reaches_the_same_artifact_as_generate() {
    let h = harness();
    for (platform, audience) in crate::common::paths() {
        let mut app = new_app(&h, None);
        walk(&mut app, platform, audience);
        let expected_answers = walked_answers(platform, audience);
        assert_eq!(
            *app.session.answers(),
            expected_answers,
            "{platform} {audience:?}"
        );
        let expected = artifact(&expected_answers);
        let tabs = app.tabs();
        assert_eq!(tabs.len(), expected.documents.len() + 1);
        for (doc, tab) in expected.documents.iter().zip(&tabs) {
            assert_eq!(tab.label, doc.format.as_str());
            assert_eq!(tab.content, doc.content);
        }
        assert_eq!(tabs.last().unwrap().content, expected.checklist_markdown);
    }
}

#[test]
fn snapshot_every_screen_at_80x24() {
    let h = harness();
    let mut app = new_app(&h, None);
    insta::assert_snapshot!("tui_01_welcome", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("tui_02_reader_notice", screen(&app, 80, 24));
    press(&mut app, &["Space", "Space"]);
    insta::assert_snapshot!("tui_03_reader_notice_third_section", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    assert_eq!(
        app.step(),
        Step::ReaderNotice,
        "cannot leave before confirming"
    );
    insta::assert_snapshot!("tui_04_reader_notice_blocked", screen(&app, 80, 24));
    press(&mut app, READ_ALL);
    insta::assert_snapshot!("tui_05_reader_notice_confirmed", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("tui_06_host_name", screen(&app, 80, 24));
    press(
        &mut app,
        &["text:St Example Primary", "Enter", "Enter", "Enter"],
    );
    insta::assert_snapshot!("tui_07_host_organisation", screen(&app, 80, 24));
    press(&mut app, &["Enter", "Enter"]);
    insta::assert_snapshot!("tui_08_endorsement", screen(&app, 80, 24));
    press(&mut app, &["Space", "Enter"]);
    insta::assert_snapshot!("tui_09_platform", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("tui_10_audience", screen(&app, 80, 24));
    press(&mut app, &["Down", "Down", "Enter"]);
    insta::assert_snapshot!("tui_11_details", screen(&app, 80, 24));
    press(&mut app, &["Enter", "text:javascript:alert(1)"]);
    insta::assert_snapshot!("tui_12_details_invalid_input", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    assert_eq!(app.session.answers().image_src, None, "refused");
    for _ in 0.."javascript:alert(1)".len() {
        press(&mut app, &["BS"]);
    }
    press(
        &mut app,
        &["text:/images/clickceop.gif", "Enter", "Enter", "Enter"],
    );
    insta::assert_snapshot!("tui_13_review", screen(&app, 80, 24));
    press(&mut app, &["Enter"]);
    insta::assert_snapshot!("tui_14_result_website", screen(&app, 80, 24));
    press(&mut app, &["Right", "Right"]);
    insta::assert_snapshot!("tui_15_result_checklist", screen(&app, 80, 24));
    press(&mut app, &["?"]);
    insta::assert_snapshot!("tui_16_help", screen(&app, 80, 24));
    press(&mut app, &["Esc", "s"]);
    insta::assert_snapshot!("tui_17_save_prompt", screen(&app, 80, 24));
    press(&mut app, &["Esc"]);
    insta::assert_snapshot!("tui_18_too_small", screen(&app, 79, 24));
}

/// The result's title counts what the reasons ask to be fixed (a button
/// planned outside a safety area), not every reason (a mixed audience).
#[test]
fn result_title_counts_the_reasons_that_ask_for_a_fix() {
    let h = harness();
    for (placement, mark) in [("safety-area", false), ("elsewhere", true)] {
        let mut app = new_app(&h, None);
        to_platform(&mut app);
        choose(&mut app, Key::Platform, "website");
        choose(&mut app, Key::Audience, "mixed");
        choose(&mut app, Key::Placement, placement);
        press(
            &mut app,
            &["text:/images/clickceop.gif", "Enter", "Enter", "Enter"],
        );
        press(&mut app, &["Enter"]);
        assert_eq!(app.step(), Step::Result);
        let title = screen(&app, 120, 40);
        assert_eq!(
            title.contains("(1 to fix: see the checklist)"),
            mark,
            "{placement}:\n{title}"
        );
        assert_eq!(title.contains("to fix"), mark, "{placement}:\n{title}");
    }
}

#[test]
fn snapshot_result_at_120x40() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Children));
    insta::assert_snapshot!("tui_result_120x40", screen(&app, 120, 40));
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::App, None);
    insta::assert_snapshot!("tui_result_app_120x40", screen(&app, 120, 40));
}

#[test]
fn not_appropriate_stops_at_once_with_reasons_and_no_artifact() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    press(&mut app, &["Enter", "Enter", "Down", "Enter"]);
    assert_eq!(app.session.answers().uk.map(|v| v.as_str()), Some("no"));
    assert_eq!(app.step(), Step::Result);
    assert_eq!(app.outcome(), Some(Outcome::NotAppropriate));
    assert!(app.tabs().is_empty());
    let s = screen(&app, 80, 24);
    assert!(s.contains("should not host"), "{s}");
    insta::assert_snapshot!("tui_not_appropriate", s);
    // The record can still be saved.
    let effects = press(&mut app, &["r", "Enter"]);
    match effects.as_slice() {
        [
            Effect::Write {
                path,
                contents,
                overwrite: false,
            },
        ] => {
            assert_eq!(path.to_str(), Some("ceop-onboarding-record.toml"));
            assert!(contents.contains("outcome = \"not-appropriate\""));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_sure_refers_to_ceop_education() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    press(
        &mut app,
        &[
            "Enter", "Enter", "Enter", "Down", "Down", "Enter", "Enter", "Enter",
        ],
    );
    assert_eq!(app.step(), Step::Result);
    assert_eq!(app.outcome(), Some(Outcome::Refer));
    let s = screen(&app, 80, 24);
    assert!(s.contains("ceopeducation@nca.gov.uk"), "{s}");
    insta::assert_snapshot!("tui_refer", s);
}

#[test]
fn going_back_and_choosing_app_drops_answers_that_no_longer_apply() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Mixed));
    assert!(app.session.answers().image_src.is_some());
    press(&mut app, &["Esc", "Esc", "Esc", "Esc"]);
    assert_eq!(app.step(), Step::Platform);
    choose(&mut app, Key::Platform, "app");
    assert_eq!(app.step(), Step::Review, "apps skip audience and details");
    assert_eq!(app.session.answers().audience, None);
    assert_eq!(app.session.answers().image_src, None);
    assert_eq!(app.session.answers().placement, None);
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("dropped")
    );
    press(&mut app, &["Enter"]);
    assert_eq!(app.outcome(), Some(Outcome::AppLinkOnly));
}

#[test]
fn review_jumps_to_a_question_to_edit_it() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(
        &mut app,
        Platform::PrintNewsletter,
        Some(Audience::Children),
    );
    press(&mut app, &["Esc"]);
    assert_eq!(app.step(), Step::Review);
    let row = app
        .session
        .review_rows()
        .iter()
        .position(|k| *k == Key::Audience)
        .unwrap();
    for _ in 0..20 {
        press(&mut app, &["Up"]);
    }
    for _ in 0..row {
        press(&mut app, &["Down"]);
    }
    press(&mut app, &["Enter"]);
    assert_eq!(app.step(), Step::Audience);
    choose(&mut app, Key::Audience, "adults");
    press(&mut app, &["Enter"]);
    assert_eq!(app.session.answers().audience, Some(Audience::Adults));
}

#[test]
fn every_step_saves_progress_and_resume_restores_it() {
    let h = harness();
    let mut app = new_app(&h, None);
    let mut saved = None;
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    for e in press(
        &mut app,
        &[
            "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Space", "Enter",
        ],
    ) {
        if let Effect::SaveSession(s) = e {
            saved = Some(s);
        }
    }
    let saved = saved.expect("a save after each step");
    assert_eq!(saved.step, "platform");
    let mut resumed = new_app(&h, Some(saved.clone()));
    assert!(matches!(resumed.overlay, Some(Overlay::Resume(_))));
    insta::assert_snapshot!("tui_resume_offer", screen(&resumed, 80, 24));
    press(&mut resumed, &["y"]);
    assert_eq!(resumed.step(), Step::Platform);
    assert_eq!(*resumed.session.answers(), saved.answers);
    assert!(resumed.session.all_acknowledged(h.guide));
    // Declining forgets it.
    let mut fresh = new_app(&h, Some(saved));
    assert_eq!(press(&mut fresh, &["n"]), vec![Effect::ClearSession]);
    assert_eq!(fresh.step(), Step::Welcome);
}

#[test]
fn quitting_mid_wizard_saves_and_at_the_result_clears() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    let effects = press(&mut app, &["q"]);
    assert!(app.quit);
    assert!(matches!(effects.last(), Some(Effect::SaveSession(_))));
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::App, None);
    assert_eq!(press(&mut app, &["q"]), vec![Effect::ClearSession]);
}

#[test]
fn print_on_exit_holds_the_selected_tab() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::App, None);
    press(&mut app, &["Right", "Right", "Right", "p"]);
    let expected = artifact(app.session.answers());
    assert_eq!(
        app.print_on_exit.as_deref(),
        Some(expected.documents[3].content.as_str())
    );
    press(&mut app, &["p"]);
    assert_eq!(app.print_on_exit, None, "p again turns it off");
}

#[test]
fn typing_q_in_a_text_field_types_it() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    press(&mut app, &["Enter", "text:Quarry Bank ?"]);
    assert!(!app.quit);
    assert_eq!(app.input.value(), "Quarry Bank ?");
}

#[test]
fn key_releases_are_ignored() {
    let h = harness();
    let app = new_app(&h, None);
    let mut release = key(KeyCode::Enter);
    release.kind = crossterm::event::KeyEventKind::Release;
    assert_eq!(keys::map(&app, release), None);
}

#[test]
fn review_scrolls_to_show_every_reason_at_80x24() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Mixed));
    press(&mut app, &["Esc"]);
    assert_eq!(app.step(), Step::Review);
    let top = screen(&app, 80, 24);
    press(&mut app, &["PageDown"]);
    let bottom = screen(&app, 80, 24);
    assert!(!top.contains("takes precedence"), "{top}");
    assert!(bottom.contains("takes precedence. (R10)"), "{bottom}");
    insta::assert_snapshot!("tui_13b_review_scrolled", bottom);
}
