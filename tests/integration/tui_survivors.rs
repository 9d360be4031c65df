//! Full-screen wizard behaviours that mutation testing showed no other
//! test pinned, each driven by key presses through `App::update`.

use ceop_onboard::answers::Key;
use ceop_onboard::flow::Step;

use crate::tui::{at_host, choose, harness, new_app, press, to_platform};

#[test]
fn going_back_to_a_choice_highlights_the_current_answer() {
    let h = harness();
    let mut app = at_host(&h);
    press(
        &mut app,
        &["text:St Example Youth Club", "Enter", "Enter", "Enter"],
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
    press(&mut app, &["Home", "BackTab"]);
    assert_eq!(app.section, n - 1, "Shift-Tab: the section before");
    press(&mut app, &["Esc"]);
    assert_eq!(app.step(), Step::Welcome, "Esc: back a step");
    press(&mut app, &["Enter", "Home", "BackTab"]);
    assert_eq!(app.step(), Step::Welcome, "Shift-Tab on the first section");
}

#[test]
fn space_selects_a_choice_without_moving_on_and_tab_needs_an_answer() {
    let h = harness();
    let mut app = at_host(&h);
    press(&mut app, &["Enter"]);
    assert_eq!(app.session.focused(), Some(Key::Uk));
    press(&mut app, &["Tab"]);
    assert_eq!(app.session.focused(), Some(Key::Uk), "not answered yet");
    assert!(
        app.error
            .as_deref()
            .unwrap_or_default()
            .contains("Choose an answer first"),
        "{:?}",
        app.error
    );
    press(&mut app, &["Down", "Space"]);
    assert_eq!(app.session.focused(), Some(Key::Uk), "Space stays");
    assert_eq!(app.session.answers().get(Key::Uk).as_deref(), Some("no"));
    press(&mut app, &["Up", "Space", "Tab"]);
    assert_eq!(app.session.answers().get(Key::Uk).as_deref(), Some("yes"));
    assert_eq!(
        app.session.focused(),
        Some(Key::ServesChildren),
        "answered: Tab goes on"
    );
}

#[test]
fn a_check_box_moves_with_up_and_down_and_going_back_keeps_valid_typing() {
    let h = harness();
    let mut app = new_app(&h, None);
    to_platform(&mut app);
    choose(&mut app, Key::Platform, "website");
    choose(&mut app, Key::Audience, "children");
    choose(&mut app, Key::Placement, "safety-area");
    assert_eq!(app.session.focused(), Some(Key::ImageSrc));
    press(&mut app, &["text:/images/clickceop.gif", "Enter", "Enter"]);
    assert_eq!(app.session.focused(), Some(Key::NewTab));
    press(&mut app, &["Up"]);
    assert_eq!(
        app.session.focused(),
        Some(Key::ButtonFile),
        "Up from a box"
    );
    press(&mut app, &["Down"]);
    assert_eq!(app.session.focused(), Some(Key::NewTab));
    press(&mut app, &["Down"]);
    assert_eq!(app.step(), Step::Review, "Down from the last box goes on");

    // Typed but not confirmed, then Esc: what was typed is kept.
    let mut app = new_app(&h, None);
    to_platform(&mut app);
    choose(&mut app, Key::Platform, "website");
    choose(&mut app, Key::Audience, "children");
    choose(&mut app, Key::Placement, "safety-area");
    press(&mut app, &["text:/img/clickceop.gif", "Esc"]);
    assert_eq!(
        app.session.answers().get(Key::ImageSrc).as_deref(),
        Some("/img/clickceop.gif")
    );
}

#[test]
fn y_and_n_set_a_check_box_and_space_toggles_it() {
    let h = harness();
    let mut app = new_app(&h, None);
    to_platform(&mut app);
    press(&mut app, &["Esc"]);
    assert_eq!(app.session.focused(), Some(Key::NoEndorsement));
    let value = |app: &ceop_onboard::tui::app::App| app.session.answers().get(Key::NoEndorsement);
    for (key, want) in [
        ("y", "true"),
        ("y", "true"),
        ("n", "false"),
        ("n", "false"),
        ("Space", "true"),
        ("Space", "false"),
    ] {
        press(&mut app, &[key]);
        assert_eq!(value(&app).as_deref(), Some(want), "{key}");
    }
}

#[test]
fn the_review_moves_by_home_end_and_scrolls_by_page() {
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::walk(
        &mut app,
        ceop_onboard::answers::Platform::Website,
        Some(ceop_onboard::answers::Audience::Children),
    );
    press(&mut app, &["Esc"]);
    assert_eq!(app.step(), Step::Review);
    let rows = app.session.review_rows().len();
    press(&mut app, &["Home", "End"]);
    assert_eq!(app.row, rows, "End: the row that goes on to the result");
    press(&mut app, &["Home"]);
    assert_eq!(app.row, 0);
    press(&mut app, &["PageDown", "PageDown"]);
    assert_eq!(app.scroll, 20);
    press(&mut app, &["PageUp"]);
    assert_eq!(app.scroll, 10);
}

#[test]
fn an_unbound_letter_is_typed_only_into_a_text_field_and_never_with_alt() {
    use ceop_onboard::tui::keys;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let h = harness();
    let app = new_app(&h, None);
    let z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::NONE);
    let alt_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::ALT);
    assert!(!app.typing());
    assert_eq!(keys::map(&app, z), None, "nothing to type into");
    let app = at_host(&h);
    assert!(app.typing(), "the organisation's name");
    assert_eq!(
        keys::map(&app, z),
        Some(ceop_onboard::tui::msg::Msg::Char('z'))
    );
    assert_eq!(keys::map(&app, alt_z), None);
}

#[test]
fn the_result_scrolls_moves_between_tabs_both_ways_copies_and_quits_on_enter() {
    use ceop_onboard::answers::{Audience, Platform};
    use ceop_onboard::tui::app::Effect;
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::walk(&mut app, Platform::Website, Some(Audience::Children));
    let tabs = app.tabs();
    assert!(tabs.len() >= 2, "{}", tabs.len());
    for (keys, want) in [
        (&["Down", "Down"][..], 2),
        (&["Up"], 1),
        (&["PageDown"], 11),
        (&["PageUp"], 1),
        (&["Home"], 0),
    ] {
        press(&mut app, keys);
        assert_eq!(app.scroll, want, "{keys:?}");
    }
    press(&mut app, &["Right"]);
    assert_eq!(app.tab, 1);
    press(&mut app, &["Left"]);
    assert_eq!(app.tab, 0);
    press(&mut app, &["Left"]);
    assert_eq!(
        app.tab,
        tabs.len() - 1,
        "Left from the first wraps to the last"
    );
    let copied = press(&mut app, &["c"]);
    assert!(
        matches!(copied.as_slice(), [Effect::Copy(text)] if *text == tabs[tabs.len() - 1].content)
    );
    assert!(!app.quit);
    press(&mut app, &["Enter"]);
    assert!(app.quit, "Enter on the result quits");
}

#[test]
fn a_result_with_no_artifact_takes_the_tab_keys_quietly() {
    let h = harness();
    let mut app = at_host(&h);
    press(&mut app, &["Enter", "Down", "Enter"]);
    assert_eq!(app.step(), Step::Result);
    assert!(app.tabs().is_empty());
    for key in ["Right", "Tab", "Left", "BackTab", "c", "s", "p"] {
        assert!(press(&mut app, &[key]).is_empty(), "{key}");
        assert!(app.overlay.is_none(), "{key}");
    }
}

#[test]
fn the_save_prompt_needs_a_name_and_no_at_replace_goes_back_to_editing_it() {
    use ceop_onboard::tui::app::{Effect, Overlay, Report};
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::walk(&mut app, ceop_onboard::answers::Platform::App, None);
    let effects = press(&mut app, &["s", "Ctrl-U", "Enter"]);
    assert!(effects.is_empty(), "{effects:?}");
    let Some(Overlay::Save(prompt)) = &app.overlay else {
        panic!("the prompt stays open")
    };
    assert_eq!(prompt.error.as_deref(), Some("Type a file name."));

    let effects = press(&mut app, &["text:a.html", "Enter"]);
    let [effect] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(matches!(
        effect,
        Effect::Write {
            overwrite: false,
            ..
        }
    ));
    app.report(effect, Report::Exists);
    let hints = crate::tui::screen(&app, 80, 24);
    assert!(
        hints.contains("replace") && hints.contains("keep the file"),
        "{hints}"
    );
    for no in ["n", "Esc"] {
        let Some(Overlay::Save(prompt)) = &mut app.overlay else {
            panic!("{no}: the prompt stays open")
        };
        prompt.confirm_overwrite = true;
        assert!(press(&mut app, &[no]).is_empty(), "{no}");
        let Some(Overlay::Save(prompt)) = &app.overlay else {
            panic!("{no}: the prompt stays open")
        };
        assert!(!prompt.confirm_overwrite, "{no}: back to the name");
        assert_eq!(prompt.path.value(), "a.html");
    }
}

/// Without colour, the section shown is marked `›` and drawn reversed; the
/// others are not.
#[test]
fn the_reader_notice_list_shows_the_current_section_reversed() {
    use ceop_onboard::tui::{theme::Theme, view};
    use ratatui::{buffer::Buffer, layout::Rect, style::Modifier};
    let h = harness();
    let mut app = new_app(&h, None);
    press(&mut app, &["Enter", "Right"]);
    let area = Rect::new(0, 0, 80, 24);
    let mut buf = Buffer::empty(area);
    view::draw(&app, &Theme::new(false), area, &mut buf);
    let rows: Vec<(String, bool)> = (0..24)
        .map(|y| {
            let text: String = (0..30).map(|x| buf[(x, y)].symbol()).collect();
            let reversed = buf[(3, y)].modifier.contains(Modifier::REVERSED);
            (text, reversed)
        })
        .collect();
    let marked: Vec<&(String, bool)> = rows.iter().filter(|(t, _)| t.contains('›')).collect();
    assert_eq!(marked.len(), 1, "{rows:#?}");
    assert!(marked[0].1, "the current section is reversed: {rows:#?}");
    let first = &h.guide.sections[0].title;
    let other = rows
        .iter()
        .find(|(t, _)| t.contains(first.as_str()))
        .unwrap();
    assert!(!other.1, "another section is not: {other:?}");
}

#[test]
fn the_host_step_shows_where_the_answers_lead_as_they_are_given() {
    use ceop_onboard::eligibility::Outcome;
    let h = harness();
    let mut app = at_host(&h);
    press(&mut app, &["Enter", "Down", "Down", "Enter"]);
    assert_eq!(app.step(), Step::Host, "not sure: the questions go on");
    let title = &h.guide.outcome(Outcome::Refer).title;
    let first_words: String = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
    let s = crate::tui::screen(&app, 100, 40);
    assert!(s.contains(&first_words), "{first_words}:\n{s}");
}

/// A config may give a question a long prompt: the text cursor is shown
/// only on its field's row, and not at all once the field is pushed out of
/// the questions' area (never on the frame or hint bar below it).
#[test]
fn the_text_cursor_is_shown_only_where_its_field_is_drawn() {
    use ceop_onboard::guide::Guide;
    use ceop_onboard::render::Renderer;
    let renderer = Renderer::new(None).unwrap();
    let mut hidden = 0;
    for n in 0..20 {
        let mut g = Guide::embedded();
        let q = g
            .questions
            .iter_mut()
            .find(|q| q.key == Key::OrganisationName)
            .unwrap();
        q.prompt = (0..n)
            .map(|i| format!("line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let mut app = ceop_onboard::tui::app::App::new(&g, &renderer, None);
        press(&mut app, &["Enter"]);
        press(&mut app, crate::tui::READ_ALL);
        press(&mut app, &["Enter"]);
        assert!(app.typing());
        let s = crate::tui::screen(&app, 80, 24);
        let last = s.lines().last().unwrap();
        let Some(at) = last.strip_prefix("[text cursor at column ") else {
            hidden += 1;
            continue;
        };
        let row: usize = at
            .split("row ")
            .nth(1)
            .unwrap()
            .trim_end_matches(']')
            .parse()
            .unwrap();
        let line = s.lines().nth(row).unwrap();
        let inside = line.trim_start_matches('│').trim_start();
        assert!(inside.starts_with('›'), "{n}: row {row} is `{line}`");
    }
    assert!(
        hidden > 0,
        "some prompt is long enough to push the field out"
    );
}

#[test]
fn the_selected_review_row_stays_in_view_however_far_it_is_scrolled() {
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::walk(
        &mut app,
        ceop_onboard::answers::Platform::Website,
        Some(ceop_onboard::answers::Audience::Mixed),
    );
    press(
        &mut app,
        &["Esc", "Home", "PageDown", "PageDown", "PageDown"],
    );
    assert_eq!(app.row, 0);
    let s = crate::tui::screen(&app, 80, 24);
    let label = &h.guide.question(app.session.review_rows()[0]).prompt;
    let marked = s
        .lines()
        .find(|l| l.contains("› "))
        .unwrap_or_else(|| panic!("no row marked:\n{s}"));
    assert!(
        marked.contains(&label[..label.len().min(12)]),
        "{marked}\n{s}"
    );
}

/// In a review area shorter than its rows, the selected row is the last
/// one in view when it is below the top (End: "Continue to the result").
#[test]
fn a_review_taller_than_its_area_scrolls_the_selected_row_into_the_last_line() {
    use ceop_onboard::tui::{theme::Theme, view_result};
    use ratatui::{buffer::Buffer, layout::Rect};
    let h = harness();
    let mut app = new_app(&h, None);
    crate::tui::walk(
        &mut app,
        ceop_onboard::answers::Platform::Website,
        Some(ceop_onboard::answers::Audience::Children),
    );
    press(&mut app, &["Esc", "End"]);
    let area = Rect::new(0, 0, 60, 6);
    assert!(app.session.review_rows().len() > 6);
    let mut buf = Buffer::empty(area);
    view_result::draw_review(&app, &Theme::new(false), area, &mut buf);
    let last: String = (0..60).map(|x| buf[(x, 5)].symbol()).collect();
    assert!(last.contains("› ▶ Continue to the result"), "`{last}`");
}
