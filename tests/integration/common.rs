//! Helpers shared by the integration tests: answers for each path, and
//! markup strippers that recover the words from each artifact format.

use ceop_onboard::answers::{Answers, Audience, Key, Platform};
use ceop_onboard::eligibility::decide;
use ceop_onboard::guide::{Guide, fold_whitespace};
use ceop_onboard::render::{Artifact, Format, Renderer};

/// An appropriate school's website answers, as an answers file: the same
/// answers the terminal tests type into the wizard.
pub const SCHOOL_ANSWERS: &str = r#"
read_guidance = true
uk = "yes"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "website"
audience = "children"
placement = "safety-area"
image_src = "/images/clickceop.gif"
new_tab = false
organisation_name = "St Example Primary"
"#;

/// Writes `SCHOOL_ANSWERS` into `dir`; the path.
pub fn school_answers_file(dir: &std::path::Path) -> std::path::PathBuf {
    let p = dir.join("answers.toml");
    std::fs::write(&p, SCHOOL_ANSWERS).unwrap();
    p
}

/// What `generate --answers` prints for `answers`: the website HTML.
pub fn generated(answers: &std::path::Path) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .args(["generate", "--answers"])
        .arg(answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    out.stdout
}

pub fn guide() -> Guide {
    Guide::embedded()
}

/// Answers for an appropriate school with the given platform and audience.
pub fn answers(platform: Platform, audience: Option<Audience>) -> Answers {
    let mut a = Answers::default();
    for (k, v) in [
        (Key::ReadGuidance, "true"),
        (Key::Uk, "yes"),
        (Key::ServesChildren, "yes"),
        (Key::Organisation, "school"),
        (Key::ContentAppropriate, "yes"),
        (Key::NoEndorsement, "true"),
        (Key::Platform, platform.as_str()),
    ] {
        a.set(k, v).unwrap();
    }
    if let Some(audience) = audience {
        a.set(Key::Audience, audience.as_str()).unwrap();
    }
    match platform {
        Platform::Website => {
            a.set(Key::Placement, "safety-area").unwrap();
            a.set(Key::ImageSrc, "/images/clickceop.gif").unwrap();
        }
        Platform::EmailNewsletter => {
            a.set(
                Key::ImageSrc,
                "https://www.example.sch.uk/images/clickceop.gif",
            )
            .unwrap();
        }
        _ => {}
    }
    a
}

/// The answers a scripted walk of either front-end gives for a path: the
/// school's answers with its name typed in and the new-tab question answered
/// "no" where the platform asks it.
pub fn walked_answers(platform: Platform, audience: Option<Audience>) -> Answers {
    let mut a = answers(platform, audience);
    a.set(Key::OrganisationName, "St Example Primary").unwrap();
    if matches!(platform, Platform::Website | Platform::EmailNewsletter) {
        a.set(Key::NewTab, "false").unwrap();
    }
    a
}

pub fn artifact(answers: &Answers) -> Artifact {
    let g = guide();
    let decision = decide(&g, answers, None);
    Renderer::new(None)
        .unwrap()
        .artifact(&g, answers, &decision, None)
        .unwrap()
        .expect("an appropriate host gets an artifact")
}

/// Every path that gives an artifact: (platform, audience).
pub fn paths() -> Vec<(Platform, Option<Audience>)> {
    let mut out = vec![(Platform::App, None)];
    for &p in &[
        Platform::Website,
        Platform::EmailNewsletter,
        Platform::PrintNewsletter,
    ] {
        for &a in Audience::ALL {
            out.push((p, Some(a)));
        }
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn strip_comments(s: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        rest = rest[i..]
            .find(close)
            .map_or("", |j| &rest[i + j + close.len()..]);
    }
    out.push_str(rest);
    out
}

pub fn strip_html(s: &str) -> String {
    let s = strip_comments(s, "<!--", "-->");
    let mut out = String::new();
    let mut rest = s.as_str();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |i| open + i + 1);
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        // Block elements separate words; inline ones (a, img, span) do not.
        if ["p", "div", "td", "tr", "table", "br"].contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// Markdown to words: comments and images dropped, links to their text,
/// backslash escapes undone.
pub fn strip_markdown(s: &str) -> String {
    let s = strip_comments(s, "<!--", "-->");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' if i + 1 < chars.len() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // An image: skip `![alt](src)`.
                let close = (i..chars.len())
                    .find(|&j| chars[j] == ')')
                    .unwrap_or(chars.len());
                i = close + 1;
            }
            '[' => i += 1,
            ']' if chars.get(i + 1) == Some(&'(') => {
                let close = (i..chars.len())
                    .find(|&j| chars[j] == ')')
                    .unwrap_or(chars.len());
                i = close + 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The contents of every string literal that starts at `marker`.
fn literals_after(s: &str, marker: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(marker) {
        let body = &rest[i + marker.len()..];
        let mut lit = String::new();
        let mut chars = body.char_indices();
        let mut end = body.len();
        while let Some((j, c)) = chars.next() {
            match c {
                '\\' => {
                    lit.push('\\');
                    if let Some((_, n)) = chars.next() {
                        lit.push(n);
                    }
                }
                '"' => {
                    end = j + 1;
                    break;
                }
                _ => lit.push(c),
            }
        }
        out.push(lit);
        rest = &body[end..];
    }
    out
}

fn unescape_backslashes(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The words of an artifact in `format`, whitespace folded.
pub fn words(format: Format, content: &str) -> String {
    let text = match format {
        Format::Html => strip_html(content),
        Format::Markdown => strip_markdown(content),
        Format::Text => content.to_string(),
        Format::Android => {
            let doc = roxmltree::Document::parse(content).expect("well-formed XML");
            doc.descendants()
                .filter(|n| n.has_tag_name("string"))
                .map(|n| {
                    let inner: String = n
                        .descendants()
                        .filter(|d| d.is_text())
                        .filter_map(|d| d.text())
                        .collect();
                    unescape_backslashes(&inner)
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        Format::Swiftui => literals_after(content, "Text(\"")
            .iter()
            .map(|l| strip_markdown(&unescape_backslashes(l)))
            .collect::<Vec<_>>()
            .join(" "),
        Format::ReactNative => literals_after(content, "{ \"")
            .iter()
            .map(|l| {
                serde_json::from_str::<String>(&format!("\"{l}\""))
                    .expect("a JSON-compatible literal")
            })
            .collect::<Vec<_>>()
            .join(""),
    };
    fold_whitespace(&text)
}

pub use crate::swift_literal::swift_unescape;
