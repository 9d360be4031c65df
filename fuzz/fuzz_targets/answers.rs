//! Answers files and `--set`: any text gives answers or an error message,
//! never a panic, and whatever is accepted writes back unchanged.
#![no_main]

use ceop_onboard::answers::{Answers, Key, Kind};
use ceop_onboard::eligibility::decide;
use ceop_onboard::error::Error;
use libfuzzer_sys::fuzz_target;

/// Sets `key` to `raw` and checks what `set` promises either way.
fn set(answers: &mut Answers, key: Key, raw: &str) {
    let before = answers.clone();
    match answers.set(key, raw) {
        Ok(()) => {
            let got = answers.get(key);
            match key.kind() {
                Kind::Bool => assert!(matches!(got.as_deref(), Some("true" | "false"))),
                Kind::Choice(names) => assert_eq!(got.as_deref(), Some(raw), "{names:?}"),
                Kind::Text => {
                    assert_eq!(got.as_deref(), (!raw.is_empty()).then_some(raw));
                    assert!(
                        answers
                            .problems()
                            .iter()
                            .all(|(k, _)| *k != key || key == Key::ImageSrc),
                        "{key} = {raw:?} accepted by set but refused by problems()"
                    );
                }
            }
        }
        Err(message) => {
            assert!(!message.is_empty(), "{key} = {raw:?}: an empty message");
            assert_eq!(
                *answers, before,
                "{key} = {raw:?}: a refused value changed the answers"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let guide = ceop_onboard_fuzz::embedded_guide();

    // As an answers file.
    match Answers::from_toml("fuzz.toml", &source) {
        Ok(answers) => {
            assert!(answers.problems().is_empty());
            let again = Answers::from_toml("again.toml", &answers.to_toml())
                .unwrap_or_else(|e| panic!("its own output is refused: {e}"));
            assert_eq!(again, answers);
            decide(guide, &answers, None);
        }
        Err(Error::Input {
            location,
            message,
            fix,
        }) => {
            let lines = source.split('\n').count();
            assert!(
                (1..=lines).contains(&location.line),
                "{location}: outside the file"
            );
            assert!(!message.is_empty() && !fix.is_empty());
        }
        Err(other) => panic!("an answers file gives an input error, not {other:?}"),
    }

    // As one value for every key.
    for &key in Key::ALL {
        set(&mut Answers::default(), key, &source);
    }

    // As `--set key=value` lines, applied in turn.
    let mut answers = Answers::default();
    for line in source.lines() {
        if let Some((key, value)) = line.split_once('=')
            && let Ok(key) = key.trim().parse::<Key>()
        {
            set(&mut answers, key, value.trim().trim_matches('"'));
        }
    }
    let text = answers.to_toml();
    let back: Answers = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(back, answers);
    decide(guide, &answers, None);
});
