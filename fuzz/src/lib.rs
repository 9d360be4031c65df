//! Invariants the fuzz targets assert on every artifact: each output format
//! parses, every link goes where the guide allows, and each value the user or
//! the config supplies stays inside its slot with its meaning intact.

use std::sync::OnceLock;

use ceop_onboard::answers::{Answers, Audience, Platform};
use ceop_onboard::button::ButtonCheck;
use ceop_onboard::eligibility::{Decision, decide};
use ceop_onboard::guide::Guide;
use ceop_onboard::record::{Record, rfc3339};
use ceop_onboard::render::{Artifact, Format, Renderer};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The embedded guide, checked once per process.
pub fn embedded_guide() -> &'static Guide {
    static GUIDE: OnceLock<Guide> = OnceLock::new();
    GUIDE.get_or_init(Guide::embedded)
}

/// The embedded templates, compiled once per process.
pub fn renderer() -> &'static Renderer {
    static RENDERER: OnceLock<Renderer> = OnceLock::new();
    RENDERER.get_or_init(|| Renderer::new(None).expect("the embedded templates compile"))
}

/// Answers for an appropriate school on `platform`, before any details.
pub fn appropriate_school(platform: Platform, audience: Option<Audience>) -> Answers {
    use ceop_onboard::answers::{Organisation, Placement, YesNo};
    Answers {
        read_guidance: Some(true),
        uk: Some(YesNo::Yes),
        serves_children: Some(YesNo::Yes),
        organisation: Some(Organisation::School),
        content_appropriate: Some(YesNo::Yes),
        no_endorsement: Some(true),
        platform: Some(platform),
        audience: (platform != Platform::App).then_some(audience.unwrap_or(Audience::Children)),
        placement: (platform == Platform::Website).then_some(Placement::SafetyArea),
        image_src: match platform {
            Platform::Website => Some("/images/clickceop.gif".into()),
            Platform::EmailNewsletter => Some("https://www.example.sch.uk/clickceop.gif".into()),
            _ => None,
        },
        ..Answers::default()
    }
}

/// Renders every platform and audience with `guide` and checks each artifact.
pub fn check_every_path(guide: &Guide) {
    for &platform in Platform::ALL {
        for &audience in Audience::ALL {
            let answers = appropriate_school(platform, Some(audience));
            let decision = decide(guide, &answers, None);
            let artifact = renderer()
                .artifact(guide, &answers, &decision, None)
                .expect("the embedded templates render")
                .expect("an appropriate school gets an artifact");
            check_artifact(guide, &answers, None, &artifact);
            check_record(guide, &answers, &decision, Some(&artifact), 0);
        }
    }
}

/// The record is TOML whose `answers` table reads back as the answers.
pub fn check_record(
    guide: &Guide,
    answers: &Answers,
    decision: &Decision,
    artifact: Option<&Artifact>,
    secs: u64,
) {
    let created = rfc3339(secs);
    let text = Record::new(guide, answers, decision, artifact, created.clone()).to_toml();
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(table["created"].as_str(), Some(created.as_str()));
    let back: Answers = table["answers"]
        .clone()
        .try_into()
        .unwrap_or_else(|e| panic!("answers in the record: {e}\n{text}"));
    assert_eq!(&back, answers, "the record changes the answers");
}

/// Every address a link in an artifact may point to: the Safety Centre (R7)
/// and the guide's link targets.
fn allowed_hrefs(guide: &Guide) -> Vec<&str> {
    let mut v = vec![guide.facts.safety_centre_url.as_str()];
    v.extend(guide.links.iter().map(|l| l.href.as_str()));
    v
}

/// Checks every document of `artifact`, rendered from `answers`.
pub fn check_artifact(
    guide: &Guide,
    answers: &Answers,
    button: Option<ButtonCheck>,
    artifact: &Artifact,
) {
    let platform = artifact.platform;
    let src = answers.image_src.as_deref().unwrap_or("");
    for doc in &artifact.documents {
        let c = &doc.content;
        let what = format!("{platform} {}", doc.format);
        match doc.format {
            Format::Html => check_html(guide, answers, button, c, &what),
            Format::Markdown => check_markdown(guide, platform, src, c, &what),
            Format::Android => check_android(guide, c, &what),
            Format::Swiftui => check_swift(c, &what),
            Format::ReactNative => check_jsx(guide, c, &what),
            Format::Text => {}
        }
    }
}

/// What an HTML or XML reader sees for a value written with `escape_html`:
/// line breaks as one `\n` (HTML reads CR LF and a lone CR that way), and
/// U+FFFD for the characters neither language can carry (controls other than
/// tab and line feed, Unicode noncharacters).
pub fn html_value(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| {
            if html_unrepresentable(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

fn html_unrepresentable(c: char) -> bool {
    let n = c as u32;
    (c.is_control() && c != '\t' && c != '\n')
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// HTML fragment → XML document: void `<img …>` elements closed, one root.
fn html_as_xml(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find("<img ") {
        let end = i + rest[i..].find('>').expect("an <img> tag is closed");
        out.push_str(&rest[..end]);
        out.push_str("/>");
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    format!("<root>{out}</root>")
}

fn check_html(
    guide: &Guide,
    answers: &Answers,
    button: Option<ButtonCheck>,
    html: &str,
    what: &str,
) {
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "{what}: a script element in\n{html}"
    );
    let xml = html_as_xml(html);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("{what}: not well-formed: {e}\n{html}"));
    let hrefs = allowed_hrefs(guide);
    let mut images = 0;
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            ["root", "div", "p", "a", "img", "table", "tr", "td"].contains(&name),
            "{what}: unexpected element <{name}> in\n{html}"
        );
        for attr in node.attributes() {
            assert!(
                [
                    "class", "href", "target", "rel", "src", "width", "height", "alt", "style",
                    "role"
                ]
                .contains(&attr.name()),
                "{what}: unexpected attribute {}= in\n{html}",
                attr.name()
            );
        }
        match name {
            "a" => {
                let href = node.attribute("href").unwrap_or_default();
                assert!(hrefs.contains(&href), "{what}: link to {href:?}");
            }
            "img" => {
                images += 1;
                let src = answers.image_src.as_deref().unwrap_or("");
                assert_eq!(
                    node.attribute("src"),
                    Some(html_value(src).as_str()),
                    "{what}: image_src {src:?} changed in\n{html}"
                );
                let alt = node.attribute("alt").unwrap_or_default();
                assert!(
                    alt.starts_with(&html_value(&guide.facts.button_alt)),
                    "{what}: alt {alt:?}"
                );
                // A resized copy is described by its own size (and the
                // checklist says to replace it); otherwise the official one.
                let (width, height) = match button {
                    Some(ButtonCheck::WrongSize { width, height }) => (width, height),
                    _ => (guide.facts.button_width, guide.facts.button_height),
                };
                for (attr, want) in [("width", width), ("height", height)] {
                    assert_eq!(
                        node.attribute(attr),
                        Some(want.to_string().as_str()),
                        "{what}"
                    );
                }
                let parent = node.parent_element().map(|p| p.tag_name().name());
                assert_eq!(parent, Some("a"), "{what}: the button is not a link");
                assert_eq!(
                    node.parent_element().and_then(|p| p.attribute("href")),
                    Some(guide.facts.safety_centre_url.as_str()),
                    "{what}: the button links elsewhere (R7)"
                );
            }
            _ => {}
        }
    }
    let want = usize::from(answers.platform.is_some_and(|p| p.shows_button()));
    assert_eq!(images, want, "{what}: {images} images in\n{html}");
}

/// What a CommonMark reader sees for link or image text written with
/// `escape_markdown`: line breaks fold to spaces. (NUL becomes U+FFFD when
/// rendered; compare with `nul_replaced` on both sides.)
pub fn markdown_text(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

/// CommonMark renders U+0000 as U+FFFD; parsers may leave it as it is.
fn nul_replaced(s: &str) -> String {
    s.replace('\0', "\u{FFFD}")
}

/// Percent-decodes `s` as bytes (a `%` without two hex digits stays).
pub fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fn markdown_options() -> pulldown_cmark::Options {
    // Close to what GitHub renders: tables and strikethrough on.
    pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
}

fn check_markdown(guide: &Guide, platform: Platform, src: &str, md: &str, what: &str) {
    let hrefs = allowed_hrefs(guide);
    let mut images = Vec::new();
    // The alt text so far of the open image, and the open HTML block.
    let mut open_image: Option<String> = None;
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(md, markdown_options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                // markdown_url percent-encodes what would break the link.
                assert!(
                    hrefs
                        .iter()
                        .any(|h| percent_decode(h) == percent_decode(&dest_url)),
                    "{what}: link to {dest_url:?}\n{md}"
                );
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                assert!(open_image.is_none(), "{what}: image inside an image\n{md}");
                images.push((dest_url.to_string(), String::new()));
                open_image = Some(String::new());
            }
            Event::End(TagEnd::Image) => {
                let alt = open_image.take().expect("an image was open");
                images.last_mut().expect("an image").1 = alt;
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(alt) = open_image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                assert!(
                    open_image.is_none(),
                    "{what}: a line break in the image's alt\n{md}"
                );
            }
            Event::Start(Tag::Strikethrough | Tag::Emphasis | Tag::Strong) => {
                assert!(
                    open_image.is_none(),
                    "{what}: formatting in the image's alt\n{md}"
                );
            }
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Html(h) => html_block.as_mut().expect("in an HTML block").push_str(&h),
            Event::End(TagEnd::HtmlBlock) => {
                let block = html_block.take().expect("an HTML block was open");
                let block = block.trim();
                assert!(
                    block.starts_with("<!--")
                        && block.ends_with("-->")
                        && block.matches("-->").count() == 1,
                    "{what}: an HTML block that is not one comment: {block:?}\n{md}"
                );
            }
            Event::InlineHtml(h) => panic!("{what}: raw HTML {h:?}\n{md}"),
            _ => {}
        }
    }
    if platform == Platform::Website {
        assert_eq!(images.len(), 1, "{what}: {} images\n{md}", images.len());
        let (dest, alt) = &images[0];
        assert_eq!(
            percent_decode(dest),
            percent_decode(src),
            "{what}: image_src {src:?} read back as {dest:?}\n{md}"
        );
        assert_eq!(
            nul_replaced(alt),
            nul_replaced(&markdown_text(&guide.facts.button_alt)),
            "{what}: alt\n{md}"
        );
    } else {
        assert!(images.is_empty(), "{what}: an image\n{md}");
    }
}

fn check_android(guide: &Guide, xml: &str, what: &str) {
    let doc = roxmltree::Document::parse(xml)
        .unwrap_or_else(|e| panic!("{what}: not well-formed: {e}\n{xml}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "resources", "{what}");
    let strings: Vec<_> = root.children().filter(|n| n.is_element()).collect();
    let names: Vec<_> = strings.iter().filter_map(|s| s.attribute("name")).collect();
    assert_eq!(
        names,
        ["ceop_safety_centre_url", "ceop_signposting"],
        "{what}\n{xml}"
    );
    assert_eq!(
        strings[0].text(),
        Some(guide.facts.safety_centre_url.as_str()),
        "{what}\n{xml}"
    );
    let hrefs = allowed_hrefs(guide);
    for a in strings[1]
        .descendants()
        .filter(|n| n.is_element() && n != &strings[1])
    {
        assert_eq!(a.tag_name().name(), "a", "{what}\n{xml}");
        let href = a.attribute("href").unwrap_or_default();
        assert!(hrefs.contains(&href), "{what}: link to {href:?}");
    }
    for text in strings[1].descendants().filter_map(|n| n.text()) {
        assert!(!text.contains('\n'), "{what}: a raw line break\n{xml}");
    }
}

/// The contents of every string literal that starts right after `marker`.
fn literals_after<'a>(s: &'a str, marker: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(marker) {
        let body = &rest[i + marker.len()..];
        let mut escaped = false;
        let end = body
            .char_indices()
            .find(|&(_, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
            .map(|(j, _)| j)
            .unwrap_or_else(|| panic!("unterminated literal after {marker}"));
        out.push(&body[..end]);
        rest = &body[end + 1..];
    }
    out
}

#[path = "../../tests/integration/swift_literal.rs"]
mod swift_literal;
pub use swift_literal::swift_unescape;

fn check_swift(swift: &str, what: &str) {
    let literals = literals_after(swift, "Text(\"");
    assert!(!literals.is_empty(), "{what}: no Text\n{swift}");
    for lit in literals {
        swift_unescape(lit);
    }
}

fn check_jsx(guide: &Guide, jsx: &str, what: &str) {
    let hrefs = allowed_hrefs(guide);
    for lit in literals_after(jsx, "openURL(\"") {
        let url: String = serde_json::from_str(&format!("\"{lit}\""))
            .unwrap_or_else(|e| panic!("{what}: {e}: {lit}"));
        assert!(hrefs.contains(&url.as_str()), "{what}: link to {url:?}");
    }
    let texts = literals_after(jsx, "{ \"");
    assert!(!texts.is_empty(), "{what}: no text\n{jsx}");
    for lit in texts {
        assert!(!lit.contains("</"), "{what}: `</` in {lit}");
        let _: String = serde_json::from_str(&format!("\"{lit}\""))
            .unwrap_or_else(|e| panic!("{what}: {e}: {lit}"));
    }
}
