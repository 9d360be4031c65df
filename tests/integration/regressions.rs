//! Inputs that broke an artifact, found by the fuzz targets (fuzz/) and the
//! property tests (properties.rs), each pinned here as it was found.

use ceop_onboard::answers::{Audience, Key, Platform};
use ceop_onboard::render::{Format, escape_html, escape_markdown, escape_swift, js_string};
use pulldown_cmark::{Event, Parser, Tag};

use crate::common::{answers, artifact};

/// The `src` of the one `<img>` in an HTML artifact, read by an XML parser.
fn img_src(html: &str) -> String {
    let start = html.find("<img ").expect("an <img>");
    let end = start + html[start..].find('>').expect("a closed <img>");
    let xml = format!("{}/>", &html[start..end]);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    doc.root_element()
        .attribute("src")
        .expect("a src attribute")
        .to_string()
}

/// fuzz/render: an email newsletter whose image address (validation bypassed)
/// held noncharacters gave HTML no XML parser or HTML checker accepts.
#[test]
fn noncharacters_and_controls_in_image_src_keep_the_html_well_formed() {
    for platform in [Platform::Website, Platform::EmailNewsletter] {
        let mut a = answers(platform, Some(Audience::Children));
        a.image_src = Some("\u{FFFF}\u{FFFE}\u{FDD0}\u{1FFFE}\u{1}\u{7F}\u{85}".into());
        let art = artifact(&a);
        let html = &art.document(Format::Html).unwrap().content;
        assert_eq!(img_src(html), "\u{FFFD}".repeat(7), "{platform}");
    }
}

/// fuzz/render: XML turns a raw line break or tab in an attribute value into
/// a space, so the value read back was not the value written.
#[test]
fn line_breaks_and_tabs_survive_an_html_attribute() {
    let xml = format!("<a t=\"{}\"/>", escape_html("a\nb\tc\r\nd\re"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    assert_eq!(doc.root_element().attribute("t"), Some("a\nb\tc\nd\ne"));
}

/// fuzz/render: Markdown decodes character references in a link destination,
/// so `image_src = "/b.gif?x=1&amp;y=2"` (which validation accepts) pointed
/// the Markdown button at `/b.gif?x=1&y=2`.
#[test]
fn a_character_reference_in_image_src_is_not_decoded_in_markdown() {
    let mut a = answers(Platform::Website, Some(Audience::Adults));
    let src = "/b.gif?x=1&amp;y=2&#47;&copy;&b=3";
    a.set(Key::ImageSrc, src).unwrap();
    let md = artifact(&a)
        .document(Format::Markdown)
        .unwrap()
        .content
        .clone();
    let images: Vec<String> = Parser::new(&md)
        .filter_map(|e| match e {
            Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(images, [src], "{md}");
}

/// properties: a blank line in link text ended the paragraph, leaving the
/// rest of the value (here a heading and a second link) outside the link;
/// `~~` struck the text through and `&amp;` was decoded.
#[test]
fn line_breaks_and_references_stay_inside_markdown_link_text() {
    let text = "a\n\n# b [c](https://example.org)\r\n~~d~~ &amp;";
    let md = format!(
        "[{}](https://www.ceop.police.uk/safety-centre)",
        escape_markdown(text)
    );
    let events: Vec<Event> = Parser::new_ext(&md, pulldown_cmark::Options::all()).collect();
    let links = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
        .count();
    assert_eq!(links, 1, "{md}: {events:?}");
    let words: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    assert_eq!(words, "a  # b [c](https://example.org) ~~d~~ &amp;", "{md}");
}

/// properties: bidi controls and zero-width characters went into Swift and
/// JavaScript literals as they were, where they can make the code read
/// differently from what it does.
#[test]
fn bidi_and_zero_width_characters_are_escaped_in_code_literals() {
    let s = "a\u{202E}b\u{2066}c\u{200B}d\u{FEFF}";
    assert_eq!(escape_swift(s), "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{feff}");
    assert_eq!(js_string(s), "\"a\\u202eb\\u2066c\\u200bd\\ufeff\"");
}

/// fuzz/check: `--fix` put `https://…` straight after a word in prose
/// (`upsets you//ceop.police.uk/x`), and the next `check` read the word as
/// part of the scheme (`youhttps`) and asked for the same fix again.
#[test]
fn fix_after_a_word_is_read_back_as_the_safety_centre() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("safe.md");
    std::fs::write(
        &page,
        "If something upsets you//ceop.police.uk/reportab, tell us.\n",
    )
    .unwrap();
    let check = |fix: bool| {
        let mut c = assert_cmd::Command::cargo_bin("ceop-onboard").unwrap();
        c.arg("check");
        if fix {
            c.arg("--fix");
        }
        c.arg(&page).output().unwrap()
    };
    check(true);
    assert_eq!(
        std::fs::read_to_string(&page).unwrap(),
        "If something upsets youhttps://www.ceop.police.uk/safety-centre, tell us.\n"
    );
    let again = String::from_utf8(check(false).stdout).unwrap();
    assert!(!again.contains("link-"), "{again}");
}
