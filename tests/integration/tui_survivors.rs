//! Full-screen wizard behaviours that mutation testing showed no other
//! test pinned, each driven by key presses through `App::update`.

use ceop_onboard::answers::Key;
use ceop_onboard::flow::Step;

use crate::tui::{READ_ALL, choose, harness, new_app, press};

#[test]
fn going_back_to_a_choice_highlights_the_current_answer() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    press(&mut app, READ_ALL);
    press(
        &mut app,
        &[
            "Enter",
            "text:St Example Youth Club",
            "Enter",
            "Enter",
            "Enter",
        ],
    );
    choose(&mut app, Key::Organisation, "youth-organisation");
    press(&mut app, &["Enter"]);
    assert_eq!(app.step(), Step::Endorsement);
    // Back to the organisation (a step back, then the question before),
    // and Enter without moving: it stays.
    press(&mut app, &["Esc", "BackTab"]);
    assert_eq!(app.session.focused(), Some(Key::Organisation));
    press(&mut app, &["Enter"]);
    assert_eq!(
        app.session.answers().get(Key::Organisation).as_deref(),
        Some("youth-organisation")
    );
}

#[test]
fn the_reader_notice_scrolls_by_line_page_and_home() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter"]);
    assert_eq!(app.step(), Step::ReaderNotice);
    let top = crate::tui::screen(&app, 80, 24);
    for (keys, want) in [
        (&["Up"][..], 0),
        (&["Down", "Down", "Down"], 3),
        (&["Up"], 2),
        (&["PageDown"], 12),
        (&["PageUp"], 2),
        (&["PageUp"], 0),
        (&["Down", "Home"], 0),
    ] {
        press(&mut app, keys);
        assert_eq!(app.scroll, want, "{keys:?}");
    }
    press(&mut app, &["Down"]);
    assert_ne!(crate::tui::screen(&app, 80, 24), top, "the text moved");
}

#[test]
fn in_the_reader_notice_left_stops_at_the_first_section_and_esc_goes_back_a_step() {
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter", "Left"]);
    assert_eq!((app.step(), app.section), (Step::ReaderNotice, 0));
    press(&mut app, &["Right", "Right", "Left"]);
    assert_eq!(app.section, 1);
    let n = h.guide.sections.len();
    for _ in 0..n + 2 {
        press(&mut app, &["Right"]);
    }
    assert_eq!(app.section, n, "Right stops at the final confirmation");
    press(&mut app, &["Esc"]);
    assert_eq!(app.step(), Step::Welcome, "Esc: back a step");
    press(&mut app, &["Enter", "Home", "BackTab"]);
    assert_eq!(app.step(), Step::Welcome, "Shift-Tab on the first section");
}
