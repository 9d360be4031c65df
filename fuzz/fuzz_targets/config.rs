//! wizard.toml parsing and checking: any bytes give a `Guide` or an error
//! naming a place in the file, never a panic. A config that loads renders
//! every artifact within the same invariants as the embedded one.
#![no_main]

use ceop_onboard::error::Error;
use ceop_onboard::guide::Guide;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
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
