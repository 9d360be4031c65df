//! No value can leave its slot, in any output language: for arbitrary Unicode
//! (controls, quotes, backslashes, `]]>`, `</`, bidi controls, references),
//! each escaped value parses back as exactly one value in the place it was
//! put, equal to what was given up to the language's own normalisation.

use ceop_onboard::answers::{Answers, Key, Kind};
use ceop_onboard::render::{
    escape_android, escape_html, escape_markdown, escape_swift, js_string, markdown_url,
};
use proptest::prelude::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::common::swift_unescape;

/// Pieces that have a meaning somewhere: markup, escapes, references, line
/// breaks, invisible and reordering characters, noncharacters.
const TRICKY: &[&str] = &[
    "\"",
    "'",
    "\\",
    "`",
    "<",
    ">",
    "&",
    "</",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "<script",
    "&amp;",
    "&lt;",
    "&#39;",
    "&#x27;",
    "&copy;",
    "&#0;",
    "](",
    "[",
    "]",
    "(",
    ")",
    "![",
    "*",
    "_",
    "~~",
    "#",
    "|",
    "=",
    "- ",
    "1. ",
    "> ",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    " ",
    "   ",
    "\0",
    "\u{7}",
    "\u{c}",
    "\u{b}",
    "\u{7f}",
    "\u{85}",
    "${",
    "\\(",
    "\\u{41}",
    "@",
    "?",
    "%",
    "%20",
    "%2",
    "\u{2028}",
    "\u{2029}",
    "\u{200b}",
    "\u{200e}",
    "\u{202a}",
    "\u{202e}",
    "\u{2066}",
    "\u{2069}",
    "\u{feff}",
    "\u{fdd0}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{1fffe}",
    "é",
    "\u{1f600}",
    "javascript:",
    "https://",
];

/// Arbitrary Unicode, with tricky pieces mixed in often.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        prop::sample::select(TRICKY).prop_map(String::from),
        prop::char::range('a', 'z').prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

fn unrepresentable_in_html(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && c != '\t' && c != '\n')
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// What an HTML or XML reader gets back from `escape_html(s)`: line breaks as
/// `\n` (CR LF and CR are one line break in HTML), U+FFFD for what neither
/// language can carry.
fn html_value(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| {
            if unrepresentable_in_html(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Invisible characters that reorder or hide source text (Trojan Source).
fn bidi_or_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Values each key accepts, as an answers file spells them.
fn valid_values(key: Key) -> &'static [&'static str] {
    match key.kind() {
        Kind::Bool => &["true", "false", "yes", "no"],
        Kind::Choice(names) => names,
        Kind::Text => match key {
            Key::ImageSrc => &[
                "/images/clickceop.gif",
                "clickceop.gif",
                "https://www.example.sch.uk/images/clickceop.gif",
                "../img/click%20ceop.gif?v=2#top",
            ],
            Key::ButtonFile => &["clickceop.gif", "/srv/www/images/clickceop.gif", ""],
            _ => &["St Example Primary", "Zoë’s Youth Club & Co", ""],
        },
    }
}

/// A key and a value for it: a valid one half the time, else anything.
fn key_and_value() -> impl Strategy<Value = (Key, String)> {
    prop::sample::select(Key::ALL).prop_flat_map(|key| {
        let valid = prop::sample::select(valid_values(key)).prop_map(String::from);
        (Just(key), prop_oneof![valid, hostile()])
    })
}

/// What `get` gives back after `raw` is accepted: yes/no read as booleans,
/// an empty optional text as no answer, anything else as typed.
fn canonical(key: Key, raw: &str) -> Option<String> {
    match (key.kind(), raw) {
        (Kind::Bool, "true" | "yes") => Some("true".into()),
        (Kind::Bool, "false" | "no") => Some("false".into()),
        (Kind::Text, "") => None,
        _ => Some(raw.to_string()),
    }
}

/// What no accepted text may hold, by the rules' own terms (R5: an image
/// address is a plain path or an https URL; no typed answer hides text).
fn safe_text(key: Key, s: &str) -> bool {
    if s.chars().any(|c| c.is_control() || bidi_or_invisible(c)) {
        return false;
    }
    match key {
        Key::ImageSrc => {
            let lower = s.to_ascii_lowercase();
            // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"
            let scheme_len = lower
                .find(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
                .filter(|&i| i > 0 && lower.as_bytes()[0].is_ascii_alphabetic())
                .filter(|&i| lower[i..].starts_with(':'));
            !s.is_empty()
                && s.len() <= 2048
                && !s.contains(|c: char| c.is_whitespace() || "\"'<>`\\(){}".contains(c))
                && !lower.starts_with("//")
                && scheme_len.is_none_or(|_| lower.starts_with("https://") && lower.len() > 8)
        }
        Key::OrganisationName => s.chars().count() <= 200,
        _ => true,
    }
}

/// Undoes an Android string resource's backslash escapes.
fn android_unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let n = u32::from_str_radix(&hex, 16).expect("four hex digits");
                out.push(char::from_u32(n).expect("a Unicode scalar value"));
            }
            Some(c @ ('\\' | '\'' | '"' | '@' | '?')) => out.push(c),
            other => panic!("\\{other:?} is not an Android escape in {text:?}"),
        }
    }
    out
}

/// What a CommonMark reader gets back from `escape_markdown(s)` as link or
/// image text: line breaks read as spaces. (NUL becomes U+FFFD when rendered;
/// compare with `nul_replaced` on both sides.)
fn markdown_text(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// CommonMark renders U+0000 as U+FFFD; parsers may leave it as it is.
fn nul_replaced(s: &str) -> String {
    s.replace('\0', "\u{FFFD}")
}

/// Percent-decodes as bytes; a `%` without two hex digits stays as it is.
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).and_then(|&c| (c as char).to_digit(16));
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match (b[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// One parsed Markdown link or image: its destination and its text.
#[derive(Debug, PartialEq)]
struct Slot {
    image: bool,
    dest: String,
    text: String,
}

/// Every link and image in `md`; panics on anything that is neither a slot
/// nor the paragraph around it.
fn slots(md: &str) -> Vec<Slot> {
    let mut done = Vec::new();
    let mut open: Vec<Slot> = Vec::new();
    for event in Parser::new_ext(md, pulldown_cmark::Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::Link { dest_url, .. }) => open.push(Slot {
                image: false,
                dest: dest_url.to_string(),
                text: String::new(),
            }),
            Event::Start(Tag::Image { dest_url, .. }) => open.push(Slot {
                image: true,
                dest: dest_url.to_string(),
                text: String::new(),
            }),
            Event::End(TagEnd::Link | TagEnd::Image) => {
                let slot = open.pop().expect("a slot is open");
                if let Some(outer) = open.last_mut() {
                    outer.text.push_str(&slot.text);
                }
                done.push(slot);
            }
            Event::Text(t) if !open.is_empty() => {
                open.last_mut().expect("a slot is open").text.push_str(&t)
            }
            other => panic!("{other:?} outside or inside a slot in {md:?}"),
        }
    }
    done
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn html_text_and_attributes_hold_exactly_the_value(s in hostile()) {
        let e = escape_html(&s);
        let xml = format!("<a t=\"{e}\" u='{e}'>{e}<b/>{e}</a>");
        let doc = roxmltree::Document::parse(&xml)
            .map_err(|err| TestCaseError::fail(format!("{err}: {xml:?}")))?;
        let a = doc.root_element();
        let want = html_value(&s);
        prop_assert_eq!(a.attributes().count(), 2);
        prop_assert_eq!(a.attribute("t"), Some(want.as_str()));
        prop_assert_eq!(a.attribute("u"), Some(want.as_str()));
        let elements: Vec<_> = a.children().filter(|n| n.is_element()).collect();
        prop_assert_eq!(elements.len(), 1);
        prop_assert_eq!(a.text().unwrap_or_default(), want.as_str());
        prop_assert_eq!(elements[0].tail().unwrap_or_default(), want.as_str());
    }

    #[test]
    fn android_string_resource_holds_exactly_the_value(s in hostile()) {
        let xml = format!(
            "<resources><string name=\"x\">{}</string></resources>",
            escape_android(&s)
        );
        let doc = roxmltree::Document::parse(&xml)
            .map_err(|err| TestCaseError::fail(format!("{err}: {xml:?}")))?;
        let strings: Vec<_> = doc.root_element().children().collect();
        prop_assert_eq!(strings.len(), 1);
        prop_assert_eq!(strings[0].children().filter(|n| !n.is_text()).count(), 0);
        let text = strings[0].text().unwrap_or_default();
        // Android reads a leading @ or ? as a reference, and an unescaped
        // quote or line break as formatting.
        prop_assert!(!text.starts_with('@') && !text.starts_with('?'), "{:?}", text);
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if matches!(b, b'\'' | b'"' | b'\n' | b'\r') {
                let backslashes = bytes[..i].iter().rev().take_while(|&&c| c == b'\\').count();
                prop_assert!(backslashes % 2 == 1, "unescaped {:?} in {:?}", b as char, text);
            }
        }
        let want: String = s
            .chars()
            .map(|c| if unrepresentable_in_html(c) && !c.is_control() { '\u{FFFD}' } else { c })
            .collect();
        prop_assert_eq!(android_unescape(text), want);
    }

    #[test]
    fn swift_literal_holds_exactly_the_value(s in hostile()) {
        let lit = escape_swift(&s);
        // swift_unescape panics on a quote, a line break or `\(` (interpolation).
        prop_assert!(!lit.chars().any(bidi_or_invisible), "invisible character in {:?}", lit);
        prop_assert_eq!(swift_unescape(&lit), s);
    }

    #[test]
    fn js_literal_holds_exactly_the_value(s in hostile()) {
        let lit = js_string(&s);
        prop_assert!(!lit.contains("</") && !lit.contains("<!--"), "{}", lit);
        prop_assert!(!lit.contains(['\u{2028}', '\u{2029}']), "{:?}", lit);
        prop_assert!(!lit.chars().any(bidi_or_invisible), "invisible character in {:?}", lit);
        let back: String = serde_json::from_str(&lit)
            .map_err(|err| TestCaseError::fail(format!("{err}: {lit}")))?;
        prop_assert_eq!(back, s);
    }

    #[test]
    fn markdown_link_holds_exactly_its_text_and_destination(text in hostile(), url in hostile()) {
        let md = format!("[{}]({})", escape_markdown(&text), markdown_url(&url));
        let slots = slots(&md);
        prop_assert_eq!(slots.len(), 1, "{:?}", md);
        prop_assert!(!slots[0].image);
        prop_assert_eq!(nul_replaced(&slots[0].text), nul_replaced(&markdown_text(&text)), "{:?}", md);
        prop_assert_eq!(percent_decode(&slots[0].dest), percent_decode(&url), "{:?}", md);
    }

    #[test]
    fn markdown_button_holds_its_alt_and_image_and_links_only_to_the_safety_centre(
        alt in hostile(),
        src in hostile(),
    ) {
        let centre = "https://www.ceop.police.uk/safety-centre";
        let md = format!(
            "[![{}]({})]({})",
            escape_markdown(&alt),
            markdown_url(&src),
            markdown_url(centre)
        );
        let slots = slots(&md);
        prop_assert_eq!(slots.len(), 2, "{:?}", md);
        prop_assert!(slots[0].image && !slots[1].image, "{:?}", md);
        prop_assert_eq!(nul_replaced(&slots[0].text), nul_replaced(&markdown_text(&alt)), "{:?}", md);
        prop_assert_eq!(percent_decode(&slots[0].dest), percent_decode(&src), "{:?}", md);
        prop_assert_eq!(slots[1].dest.as_str(), centre);
    }

    #[test]
    fn set_keeps_exactly_an_accepted_value_or_says_why_not((key, s) in key_and_value()) {
        let mut answers = Answers::default();
        match answers.set(key, &s) {
            Ok(()) => {
                prop_assert_eq!(answers.get(key), canonical(key, &s), "{} = {:?}", key, s);
                prop_assert!(safe_text(key, &s), "{} accepted the unsafe {:?}", key, s);
            }
            Err(message) => {
                prop_assert!(!valid_values(key).contains(&s.as_str()), "{} refused {:?}: {}", key, s, message);
                prop_assert!(message.contains(key.name()), "{} = {:?}: {}", key, s, message);
                prop_assert_eq!(answers, Answers::default());
            }
        }
    }

    #[test]
    fn an_answers_file_parses_or_names_its_problem(s in hostile()) {
        if let Err(e) = Answers::from_toml("a.toml", &s) {
            prop_assert!(e.to_string().starts_with("a.toml:"), "{}", e);
        }
    }

    #[test]
    fn an_answers_file_gives_exactly_its_values_or_the_line_of_a_problem(
        pairs in prop::collection::btree_map(prop::sample::select(Key::ALL), any::<prop::sample::Index>(), 0..14),
        hostile_values in prop::collection::vec(hostile(), 14),
        use_hostile in prop::collection::vec(prop::bool::weighted(0.2), 14),
    ) {
        // Each key gets one of its valid values, or now and then a hostile one.
        let values: Vec<(Key, String)> = pairs
            .iter()
            .enumerate()
            .map(|(i, (&key, pick))| {
                let v = if use_hostile[i] {
                    hostile_values[i].clone()
                } else {
                    pick.get(valid_values(key)).to_string()
                };
                (key, v)
            })
            .collect();
        let mut table = toml::Table::new();
        for (key, v) in &values {
            let value = match (key.kind(), v.as_str()) {
                (Kind::Bool, "true") => toml::Value::Boolean(true),
                (Kind::Bool, "false") => toml::Value::Boolean(false),
                _ => toml::Value::String(v.clone()),
            };
            table.insert(key.name().to_string(), value);
        }
        let source = toml::to_string(&table).unwrap();
        let all_valid = values.iter().all(|(key, v)| {
            valid_values(*key).contains(&v.as_str())
                && (key.kind() != Kind::Bool || v == "true" || v == "false")
        });
        let email_path = values.iter().any(|(k, v)| *k == Key::Platform && v == "email-newsletter")
            && values.iter().any(|(k, v)| *k == Key::ImageSrc && !v.starts_with("https://"));
        match Answers::from_toml("a.toml", &source) {
            Ok(answers) => {
                for &key in Key::ALL {
                    let given = values.iter().find(|(k, _)| *k == key);
                    prop_assert_eq!(
                        answers.get(key),
                        // A file keeps an empty text as given, unlike `set`.
                        given.map(|(k, v)| canonical(*k, v).unwrap_or_default()),
                        "{} in\n{}", key, source
                    );
                }
                prop_assert!(answers.problems().is_empty());
                prop_assert_eq!(Answers::from_toml("b.toml", &answers.to_toml()).ok(), Some(answers));
            }
            Err(e) => {
                prop_assert!(!all_valid || email_path, "valid file refused: {}\n{}", e, source);
                // The line named is the line of one of the keys.
                let message = e.to_string();
                let line: usize = message
                    .strip_prefix("a.toml:")
                    .and_then(|r| r.split(':').next())
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("no line in {message}"));
                let at = source.lines().nth(line - 1).unwrap_or_default();
                prop_assert!(
                    values.iter().any(|(k, _)| at.starts_with(&format!("{} = ", k.name()))),
                    "{} points at {:?} in\n{}", message, at, source
                );
            }
        }
    }
}
