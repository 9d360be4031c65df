//! No value can leave its slot, in any output language: for arbitrary Unicode
//! (controls, quotes, backslashes, `]]>`, `</`, bidi controls, references),
//! each escaped value parses back as exactly one value in the place it was
//! put, equal to what was given up to the language's own normalisation.

use ceop_onboard::answers::{Answers, Key};
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
    fn set_accepts_a_value_or_says_why_not(key in prop::sample::select(Key::ALL), s in hostile()) {
        let mut answers = Answers::default();
        match answers.set(key, &s) {
            Ok(()) => prop_assert!(s.is_empty() || answers.has(key)),
            Err(message) => {
                prop_assert!(!message.trim().is_empty());
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
}
