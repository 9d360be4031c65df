//! The full-screen wizard's text fields, wide characters and the resume
//! offer, driven by real key events and pinned by snapshots.

use ceop_onboard::answers::{Audience, Key, Platform};
use ceop_onboard::flow::Step;
use ceop_onboard::tui::app::{Effect, Overlay};

use crate::tui::{READ_ALL, harness, new_app, press, screen, walk};

/// From the welcome screen to the organisation-name field.
fn to_name(app: &mut ceop_onboard::tui::app::App) {
    press(app, &["Enter"]);
    press(app, READ_ALL);
    press(app, &["Enter"]);
    assert_eq!(app.session.focused(), Some(Key::OrganisationName));
}

#[test]
fn a_typo_is_fixed_in_place_and_the_cursor_is_shown() {
    let h = harness();
    let mut app = new_app(&h, None);
    to_name(&mut app);
    press(&mut app, &["text:St Exmple Primary"]);
    for _ in 0.."mple Primary".len() {
        press(&mut app, &["Left"]);
    }
    press(&mut app, &["a"]);
    assert_eq!(app.input.value(), "St Example Primary");
    insta::assert_snapshot!("tui_edit_cursor_mid_text", screen(&app, 80, 24));
    // Word and line deletion, Home and Delete.
    press(
        &mut app,
        &["End", "Ctrl-W", "text:School", "Home", "Delete", "s"],
    );
    assert_eq!(app.input.value(), "st Example School");
    press(&mut app, &["Ctrl-U", "text:St Example School", "Enter"]);
    assert_eq!(
        app.session.answers().organisation_name.as_deref(),
        Some("St Example School")
    );
}

#[test]
fn a_paste_is_one_insert_at_the_cursor() {
    let h = harness();
    let mut app = new_app(&h, None);
    to_name(&mut app);
    press(
        &mut app,
        &[
            "text:St  Primary",
            "Left",
            "Left",
            "Left",
            "Left",
            "Left",
            "Left",
            "Left",
            "Left",
        ],
    );
    let big = "Example ".repeat(12_500); // 100 kB
    press(&mut app, &[&format!("paste:{}", big.trim_end())]);
    assert_eq!(app.input.value().len(), "St  Primary".len() + big.len() - 1);
    assert!(app.input.value().starts_with("St Example Example"));
    assert!(app.input.value().ends_with("Example Primary"));
    // A pasted line break is not a second line, nor an Enter.
    press(&mut app, &["Ctrl-U", "paste:St Example\nPrimary"]);
    assert_eq!(app.input.value(), "St ExamplePrimary");
    assert_eq!(app.step(), Step::Host);
}

#[test]
fn cjk_and_emoji_answers_are_cut_by_display_width_and_never_wrap_a_row() {
    let h = harness();
    let mut app = new_app(&h, None);
    to_name(&mut app);
    let name = "学校法人さくら学園 🌸🌸 子ども支援センター 🧒 国際交流部門";
    press(&mut app, &[&format!("paste:{name}"), "Enter"]);
    assert_eq!(
        app.session.answers().organisation_name.as_deref(),
        Some(name)
    );
    let host = screen(&app, 80, 24);
    insta::assert_snapshot!("tui_cjk_host_rows", host);
    press(
        &mut app,
        &["Enter", "Enter", "Enter", "Enter", "Space", "Enter"],
    );
    // Website, children, safety area, image, no file, no new tab.
    press(
        &mut app,
        &[
            "Enter",
            "Enter",
            "Enter",
            "text:/images/clickceop.gif",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    assert_eq!(app.step(), Step::Review);
    let review = screen(&app, 80, 24);
    for row in review.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(row) <= 80,
            "a row wider than the window:\n{row}"
        );
    }
    let name_row = review
        .lines()
        .find(|l| l.contains("学校法人"))
        .expect("the name's row");
    assert!(
        name_row.contains('…') && name_row.ends_with('│'),
        "{name_row}"
    );
    insta::assert_snapshot!("tui_cjk_review", review);
}

#[test]
fn ctrl_c_on_the_welcome_screen_saves_nothing() {
    let h = harness();
    let mut app = new_app(&h, None);
    assert_eq!(press(&mut app, &["Ctrl-C"]), vec![]);
    assert!(app.quit && app.interrupted);
    assert_eq!(app.saved(), None, "nothing for the exit guard to save");
}

#[test]
fn the_resume_offer_keys_match_its_box_and_ctrl_c_keeps_the_saved_session() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Children));
    press(&mut app, &["Esc", "Esc"]);
    let saved = app.saved().expect("a session mid-way");
    let mut offered = new_app(&h, Some(saved.clone()));
    let s = screen(&offered, 80, 24);
    assert!(
        s.lines()
            .last()
            .unwrap()
            .contains("y resume  n start again"),
        "{s}"
    );
    insta::assert_snapshot!("tui_resume_offer_details", s);
    assert_eq!(
        press(&mut offered, &["Ctrl-C"]),
        vec![],
        "the saved file is left as it is"
    );
    assert!(offered.interrupted);
    assert_eq!(offered.saved(), None);
    // Enter does not take the offer by default: it must be answered.
    let mut app = new_app(&h, Some(saved));
    press(&mut app, &["Enter"]);
    assert!(matches!(app.overlay, Some(Overlay::Resume(_))));
    press(&mut app, &["y"]);
    assert_eq!(app.step(), Step::Details);
    assert!(matches!(
        press(&mut app, &["q"]).as_slice(),
        [Effect::SaveSession(_)]
    ));
}

#[test]
fn a_refused_button_file_shows_the_whole_error_with_its_fix() {
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::to_platform(&mut app);
    // Website, children, safety area, an image address, then the file.
    press(
        &mut app,
        &[
            "Enter",
            "Enter",
            "Enter",
            "text:/images/clickceop.gif",
            "Enter",
        ],
    );
    assert_eq!(app.session.focused(), Some(Key::ButtonFile));
    press(&mut app, &["text:missing/clickceop.gif", "Enter"]);
    assert_eq!(app.session.answers().button_file, None, "refused");
    let error = app.error.clone().unwrap_or_default();
    assert!(error.contains("\n  fix: "), "{error}");
    let s = screen(&app, 80, 24);
    assert!(s.contains("fix: "), "the fix line is on screen:\n{s}");
    insta::assert_snapshot!("tui_button_file_error", s);
}

#[test]
fn the_save_prompt_edits_its_file_name_and_asks_before_replacing() {
    use ceop_onboard::tui::app::Report;
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::App, None);
    // The default name, edited just before its ".html".
    press(
        &mut app,
        &["s", "End", "Left", "Left", "Left", "Left", "Left"],
    );
    press(&mut app, &["text:-v2"]);
    let effects = press(&mut app, &["Enter"]);
    let [
        effect @ Effect::Write {
            path,
            overwrite: false,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert!(path.to_string_lossy().ends_with("-v2.html"), "{path:?}");
    app.report(effect, Report::Exists);
    assert!(screen(&app, 80, 24).contains("exists. Replace it? (y / n)"));
    // While asking, letters answer instead of typing.
    let effects = press(&mut app, &["y"]);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Write {
            overwrite: true,
            ..
        }]
    ));
}

#[test]
fn the_record_is_saved_as_a_page_to_print_when_its_name_ends_html_or_md() {
    let h = harness();
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Children));
    // "ceop-onboarding-record.toml" → "ceop-onboarding-record.html".
    press(&mut app, &["r", "End", "BS", "BS", "BS", "BS"]);
    press(&mut app, &["text:html"]);
    let effects = press(&mut app, &["Enter"]);
    let [Effect::Write { path, contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("ceop-onboarding-record.html"));
    assert!(contents.starts_with("<!DOCTYPE html>"), "{contents}");
    assert!(!contents.contains("outcome = "), "{contents}");
    // The default name still saves TOML.
    let mut app = new_app(&h, None);
    walk(&mut app, Platform::Website, Some(Audience::Children));
    let effects = press(&mut app, &["r", "Enter"]);
    let [Effect::Write { path, contents, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("ceop-onboarding-record.toml"));
    assert!(contents.contains("outcome = \"appropriate\""), "{contents}");
}
