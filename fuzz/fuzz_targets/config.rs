//! wizard.toml parsing and checking: any bytes give a `Guide` or an error
//! naming a place in the file, never a panic. A config that loads renders
//! every artifact within the same invariants as the embedded one.
//!
//! An input is the file itself, or, when it starts with 0xFF (never the
//! first byte of UTF-8 text), edits to the embedded wizard.toml: each is a
//! little-endian u16 offset, a u8 count of bytes to remove and a u8 count of
//! bytes to insert, then those bytes. Edits reach the checks after the
//! official texts' digests with inputs of a few bytes instead of 26 kB.
#![no_main]

use ceop_onboard::error::Error;
use ceop_onboard::guide::{EMBEDDED, Guide};
use libfuzzer_sys::fuzz_target;

/// The embedded file with `edits` applied (lossy UTF-8 where they split a
/// character).
fn edited(mut edits: &[u8]) -> String {
    let mut file = EMBEDDED.as_bytes().to_vec();
    while let [lo, hi, remove, insert, rest @ ..] = edits {
        let at = usize::from(u16::from_le_bytes([*lo, *hi])) % (file.len() + 1);
        let end = (at + usize::from(*remove)).min(file.len());
        let insert = &rest[..usize::from(*insert).min(rest.len())];
        file.splice(at..end, insert.iter().copied());
        edits = &rest[insert.len()..];
    }
    String::from_utf8_lossy(&file).into_owned()
}

fuzz_target!(|data: &[u8]| {
    let source = match data {
        [0xFF, edits @ ..] => edited(edits),
        _ => String::from_utf8_lossy(data).into_owned(),
    };
    match Guide::load("fuzz.toml", &source) {
        Ok(guide) => ceop_onboard_fuzz::check_every_path(&guide),
        Err(Error::Input {
            location,
            message,
            fix,
        }) => {
            assert_eq!(location.file, "fuzz.toml");
            let lines = source.split('\n').count();
            assert!(
                (1..=lines).contains(&location.line) && location.column >= 1,
                "{location} is outside the file ({lines} lines)"
            );
            assert!(!message.is_empty() && !fix.is_empty());
        }
        Err(other) => panic!("a config gives an input error, not {other:?}"),
    }
});
