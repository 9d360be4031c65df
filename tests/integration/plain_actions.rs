//! Plain mode's offers and actions, walked with the scripted prompter: what
//! a bare Enter takes (the current answer; never an unanswered
//! confirmation), what the result offers, saving an artifact and asking
//! before replacing a file.

use ceop_onboard::answers::{Audience, Key, Platform};
use ceop_onboard::guide::Guide;
use ceop_onboard::prompt::Ask;

use crate::common::{artifact, walked_answers};
use crate::plain::{S, drive, path_script};

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The lists offered for `key`'s question, in order.
fn offers(asks: &[Ask], key: Key) -> Vec<&Ask> {
    let prompt = Guide::embedded().question(key).prompt.clone();
    asks.iter().filter(|a| a.prompt == prompt).collect()
}

#[test]
fn enter_takes_the_current_answer_and_never_an_unanswered_confirmation() {
    let mut script = path_script(Platform::Website, Some(Audience::Children));
    script.pop(); // stop at the review
    script.push(S::Quit);
    let out = drive(script, None);
    let asks = &out.prompter.asks;
    for key in [Key::ReadGuidance, Key::NoEndorsement] {
        assert_eq!(offers(asks, key)[0].default, None, "{key:?}");
    }
    assert_eq!(
        offers(asks, Key::NewTab)[0].default,
        Some(1),
        "a new tab: `No` unless chosen"
    );
    assert_eq!(offers(asks, Key::Organisation)[0].default, Some(0));

    // A third choice, then back to it from the next step: Enter keeps it.
    let guide = Guide::embedded();
    let third = leak(guide.question(Key::Organisation).choices[2].label.clone());
    let mut script = vec![S::Pick("Start")];
    script.extend(std::iter::repeat_n(S::Pick("Yes, I have read it"), 10));
    script.extend([
        S::Pick("Yes, I confirm"),
        S::Text("St Example Youth Club"),
        S::Pick("Yes"),
        S::Pick("Yes"),
        S::Pick(third),
        S::Pick("Yes"),
        S::Back, // from the endorsement to the last question of the host step
        S::Back, // to the organisation
        S::Quit,
    ]);
    let out = drive(script, None);
    let org = offers(&out.prompter.asks, Key::Organisation);
    assert_eq!(org.len(), 2, "asked again after Back");
    assert_eq!(org[1].default, Some(2), "{:?}", org[1]);
}

#[test]
fn the_result_offers_every_action_in_words_with_quit_on_enter() {
    let mut script = path_script(Platform::Website, Some(Audience::Children));
    script.push(S::Pick("Quit"));
    let out = drive(script, None);
    let next = out
        .prompter
        .asks
        .iter()
        .rfind(|a| a.prompt == "What next?")
        .unwrap();
    for option in [
        "Show the html",
        "Copy the html",
        "Save the html to a file",
        "Print the html to standard output",
        "Save the checklist to a file",
        "Print the checklist to standard output",
        "Save the onboarding record to a file",
    ] {
        assert!(
            next.options.iter().any(|o| o == option),
            "{option}: {:?}",
            next.options
        );
    }
    assert_eq!(next.options.last().map(String::as_str), Some("Quit"));
    assert_eq!(next.default, Some(next.options.len() - 1));
}

#[test]
fn an_artifact_is_saved_and_an_existing_file_is_replaced_only_when_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("ceop.html");
    let existing = dir.path().join("old.html");
    std::fs::write(&existing, "old").unwrap();
    let (fresh_s, existing_s) = (
        leak(fresh.display().to_string()),
        leak(existing.display().to_string()),
    );
    let mut script = path_script(Platform::Website, Some(Audience::Children));
    script.extend([
        S::Pick("Save the html"),
        S::Text(fresh_s),
        S::Pick("Save the html"),
        S::Text(existing_s),
        S::Pick("No"),
    ]);
    let kept = drive(
        {
            let mut s = script.clone();
            s.push(S::Pick("Quit"));
            s
        },
        None,
    );
    assert!(
        kept.prompter
            .asked
            .contains(&format!("{} exists. Replace it?", existing.display())),
        "{:?}",
        kept.prompter.asked
    );
    let html = artifact(&walked_answers(Platform::Website, Some(Audience::Children))).documents[0]
        .content
        .clone();
    assert_eq!(std::fs::read_to_string(&fresh).unwrap(), html);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "old");

    std::fs::remove_file(&fresh).unwrap();
    script.extend([
        S::Pick("Save the html"),
        S::Text(existing_s),
        S::Pick("Yes, replace it"),
        S::Pick("Quit"),
    ]);
    drive(script, None);
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), html);
}

#[test]
fn the_record_time_is_utc_to_the_second() {
    let now = ceop_onboard::prompt::plain::now();
    let b = now.as_bytes();
    assert_eq!(b.len(), 20, "{now}");
    for (i, c) in b.iter().enumerate() {
        let want = match i {
            4 | 7 => b'-',
            10 => b'T',
            13 | 16 => b':',
            19 => b'Z',
            _ => {
                assert!(c.is_ascii_digit(), "{now}");
                continue;
            }
        };
        assert_eq!(*c, want, "{now}");
    }
    assert!(now.as_str() > "2026-01-01", "{now}");
}
