//! The clipboard's pure parts, byte for byte, without a terminal: the
//! method's name in messages, what is confirmed, the size limit's edge, and
//! GNU screen's string limit (at most 256 bytes per `ESC P … ESC \`).

use ceop_onboard::clipboard::{Copied, MAX_BYTES, Method, ensure_fits, osc52, osc52_screen};

#[test]
fn each_method_has_the_name_the_messages_use() {
    assert_eq!(Method::TmuxBuffer.name(), "tmux load-buffer");
    assert_eq!(Method::Osc52.name(), "OSC 52");
    assert_eq!(Method::Osc52Screen.name(), "OSC 52 through GNU screen");
    assert_eq!(Method::Native.name(), "the system clipboard");
}

#[test]
fn a_copy_is_confirmed_exactly_when_its_method_answers() {
    for (method, confirmed) in [
        (Method::TmuxBuffer, true),
        (Method::Native, true),
        (Method::Osc52, false),
        (Method::Osc52Screen, false),
    ] {
        let copied = Copied { method, note: None };
        assert_eq!(copied.confirmed(), confirmed, "{method:?}");
    }
}

#[test]
fn every_message_names_its_method_and_starts_with_any_note() {
    let message = |method, note: Option<&str>| {
        Copied {
            method,
            note: note.map(String::from),
        }
        .message()
    };
    assert!(
        message(Method::TmuxBuffer, None)
            .starts_with("Copied to tmux's paste buffer (tmux load-buffer -w);")
    );
    assert!(
        message(Method::Osc52Screen, None)
            .starts_with("Sent to your terminal's clipboard as an OSC 52 escape sequence through GNU screen. This cannot be confirmed")
    );
    let noted = message(
        Method::Osc52,
        Some("tmux did not take the text (x), so OSC 52 was used"),
    );
    assert!(
        noted.starts_with(
            "note: tmux did not take the text (x), so OSC 52 was used\nSent to your terminal's clipboard as an OSC 52 escape sequence. This cannot be confirmed"
        ),
        "{noted}"
    );
}

/// On X11 the copy is served by a background process, and the message says so.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
#[test]
fn a_native_copy_on_x11_says_a_background_process_keeps_it() {
    assert_eq!(
        Copied {
            method: Method::Native,
            note: None
        }
        .message(),
        "Copied to the system clipboard. A background ceop-onboard process keeps it there until something else is copied."
    );
}

#[test]
fn exactly_100_kb_fits_and_one_byte_more_does_not() {
    assert_eq!(MAX_BYTES, 100_000);
    assert!(ensure_fits(&"x".repeat(MAX_BYTES)).is_ok());
    assert!(ensure_fits("").is_ok());
    let err = ensure_fits(&"x".repeat(MAX_BYTES + 1))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(
            "the text to copy is 100001 bytes; the clipboard takes at most 100000 (100 kB)"
        ),
        "{err}"
    );
}

#[test]
fn screen_strings_are_at_most_256_bytes_and_as_long_as_allowed() {
    let text = "x".repeat(1000);
    let wrapped = osc52_screen(text.as_bytes());
    let strings: Vec<&str> = wrapped.split_inclusive("\x1b\\").collect();
    assert!(strings.len() > 2, "{wrapped:?}");
    for s in &strings {
        assert!(s.starts_with("\x1bP") && s.ends_with("\x1b\\"), "{s:?}");
        assert!(s.len() <= 256, "{} bytes", s.len());
    }
    // Every string but the last is full: 256 bytes with its ESC P and ESC \.
    for s in &strings[..strings.len() - 1] {
        assert_eq!(s.len(), 256);
    }
    let inner: String = strings.iter().map(|s| &s[2..s.len() - 2]).collect();
    let plain = osc52(text.as_bytes());
    assert_eq!(
        inner,
        format!("{}\x07", plain.strip_suffix("\x1b\\").unwrap())
    );
}
