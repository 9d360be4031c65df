//! Every artifact is audited by `check`'s engine before anyone gets it: no template or config can drop the link, the words or the size.
//!
//! A custom `--templates` directory can change markup and layout, not the
//! rules (SPEC §6). Each rendered document must (a) pass `check` with no
//! finding — so no other link target, no resized or swapped image, no
//! endorsement wording — (b) contain the Safety Centre address (R7), and (c)
//! contain every word of the official signposting text it was given (§4).
//! A document that fails is refused, naming the template it came from.

use crate::artifact::{Artifact, Format, template_name};
use crate::audit::{Auditor, FileKind, Source};
use crate::error::{Error, Location, Result};
use crate::guide::{Guide, fold_whitespace};
use crate::rules::RuleId;

/// One finding of `check` in a rendered text.
pub struct Problem {
    /// The finding's stable id (`button-hotlinked`).
    pub id: &'static str,
    pub line: usize,
    /// Its message, with the rule: "… (R5)".
    pub what: String,
    pub fix: String,
}

/// `check`'s findings for `text`, as if it were a file named `file`. The
/// only place this module touches the audit's API.
pub fn check_findings(guide: &Guide, file: &str, text: &str) -> Vec<Problem> {
    let auditor = Auditor::new(guide);
    let kind = FileKind::from_path(file).unwrap_or(FileKind::Markup);
    auditor
        .scan(&Source {
            file,
            kind,
            text,
            app: None,
        })
        .findings
        .into_iter()
        .map(|f| Problem {
            id: f.id.as_str(),
            line: f.line,
            what: format!("{} ({})", f.message, f.rule()),
            fix: f.fix,
        })
        .collect()
}

/// The findings `check` makes about the button image when its `src` is
/// `image_src`: on CEOP's server, on an image-sharing host, not a GIF. An
/// answer `check` would flag is refused with the same reason (R5).
pub fn image_src_problem(guide: &Guide, image_src: &str) -> Option<Problem> {
    let probe = format!(
        "<a href=\"{}\"><img src=\"{}\" alt=\"Click CEOP\"></a>\n",
        guide.facts.safety_centre_url,
        crate::escape::escape_html(image_src)
    );
    check_findings(guide, "image_src.html", &probe)
        .into_iter()
        .find(|p| matches!(p.id, "button-hotlinked" | "button-not-gif"))
}

/// Refuses an artifact any document of which breaks a rule. The user's
/// image address is judged as an image where it is one (an `src`, a
/// Markdown image) and as a link anywhere else; `label` names the template a document
/// came from (its path, for a custom one).
pub fn audit_artifact(
    guide: &Guide,
    artifact: &Artifact,
    signposting: &[String],
    label: &dyn Fn(&str) -> String,
) -> Result<()> {
    for doc in &artifact.documents {
        let template = template_name(artifact.platform, doc.format);
        let file = doc.format.file_name(artifact.platform);
        let refuse = |what: String| {
            Error::input(
                Location::start(&label(&template)),
                format!(
                    "the {} artifact this template renders is refused: {what}",
                    doc.format
                ),
                format!(
                    "keep what the embedded templates/{template} keeps: the link to {}, the signposting text word for word, the image unresized (see `ceop-onboard check`)",
                    guide.facts.safety_centre_url
                ),
            )
        };
        if let Some(p) = check_findings(guide, &file, &doc.content).first() {
            return Err(refuse(format!("line {} of it: {}", p.line, p.what)));
        }
        if !doc.content.contains(&guide.facts.safety_centre_url) {
            return Err(refuse(format!(
                "it has no link to {} ({})",
                guide.facts.safety_centre_url,
                RuleId::R7
            )));
        }
        let content = &doc.content;
        if let Some(target) = other_link_target(content, guide) {
            return Err(refuse(format!(
                "it links to `{target}`; the only links an artifact may have are to the Safety Centre and Childline ({}, {})",
                RuleId::R7,
                RuleId::R11
            )));
        }
        let words = match doc.format {
            // Code: the words are in string literals (Swift's hold Markdown).
            Format::Swiftui | Format::ReactNative => plain_words(&string_literals(&doc.content)),
            _ => plain_words(&doc.content),
        };
        if let Some(missing) = signposting
            .iter()
            .find(|p| !words.contains(&fold_whitespace(p)))
        {
            let start: String = missing.chars().take(40).collect();
            return Err(refuse(format!(
                "it leaves out or changes the official signposting text starting “{start}…” ({}, {})",
                RuleId::R6,
                RuleId::R10
            )));
        }
    }
    Ok(())
}

/// The first address in `text` that is neither the Safety Centre nor
/// Childline, other than an image's `src` (the user's own image address).
fn other_link_target(text: &str, guide: &Guide) -> Option<String> {
    let allowed: Vec<&str> = [guide.facts.safety_centre_url.as_str()]
        .into_iter()
        .chain(crate::guide::locks::CHILDLINE_TARGETS)
        .collect();
    let lower = text.to_ascii_lowercase();
    let mut found: Vec<usize> = ["http://", "https://", "tel:", "mailto:", "javascript:"]
        .iter()
        .flat_map(|scheme| lower.match_indices(scheme).map(|(i, _)| i))
        .collect();
    found.sort_unstable();
    found.dedup();
    for start in found {
        if is_image_source(&lower[..start]) {
            continue;
        }
        let rest = &text[start..];
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"'<>()[]{}\\`".contains(c))
            .unwrap_or(rest.len());
        let target = rest[..end].trim_end_matches(['.', ',', ';', ':']);
        // A scheme named in prose ("an absolute https:// address") leads
        // nowhere: only a scheme followed by somewhere to go is a target.
        let leads_somewhere = target
            .split_once(':')
            .is_some_and(|(_, after)| !after.trim_start_matches('/').is_empty());
        if leads_somewhere && !allowed.contains(&target) {
            return Some(target.chars().take(80).collect());
        }
    }
    None
}

/// Whether an address after `before` is an image's source: an HTML `src`
/// attribute or a Markdown image's destination `![alt](…)`.
fn is_image_source(before: &str) -> bool {
    if before.ends_with("src=\"") || before.ends_with("src='") {
        return true;
    }
    let Some(alt) = before.strip_suffix("](") else {
        return false;
    };
    alt.rfind('[')
        .is_some_and(|open| alt[..open].ends_with('!') && !alt[open..].contains(']'))
}

/// The words of a document with the markup of every artifact format taken
/// out: tags, Markdown link destinations and brackets, backslash escapes,
/// the entities the escaping filters write, quotes that join string pieces.
pub(crate) fn plain_words(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => {
                for c in chars.by_ref() {
                    if c == '>' {
                        break;
                    }
                }
            }
            ']' if chars.peek() == Some(&'(') => {
                for c in chars.by_ref() {
                    if c == ')' {
                        break;
                    }
                }
            }
            '[' | ']' => {}
            '\\' => match chars.next() {
                Some('n') => out.push(' '),
                Some(c) => out.push(c),
                None => {}
            },
            _ => out.push(c),
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#10;", " ")
        .replace("&amp;", "&");
    fold_whitespace(&out)
}

/// The contents of the double-quoted string literals of Swift or JavaScript
/// code outside comments, joined, except addresses (`openURL("https://…")`)
/// and attribute values:
/// the text a `Text("…")` or JSX `{ "…" }` shows.
pub(crate) fn string_literals(s: &str) -> String {
    let mut out = String::new();
    let mut prev = ' ';
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        // Comments are not shown.
        if c == '/' && chars.peek() == Some(&'/') {
            chars.by_ref().find(|&c| c == '\n');
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            let mut last = ' ';
            for c in chars.by_ref() {
                if last == '*' && c == '/' {
                    break;
                }
                last = c;
            }
            continue;
        }
        if c != '"' {
            if !c.is_whitespace() {
                prev = c;
            }
            continue;
        }
        // An attribute's value (`accessibilityRole="link"`) is not shown.
        let attribute = prev == '=';
        prev = '"';
        let mut literal = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => literal.push(' '),
                    Some(e @ ('\\' | '"')) => literal.push(e),
                    // Other escapes are kept for Markdown inside a Swift literal.
                    Some(e) => {
                        literal.push('\\');
                        literal.push(e);
                    }
                    None => {}
                },
                c => literal.push(c),
            }
        }
        let address = !literal.contains(' ')
            && (literal.starts_with("https://") || literal.starts_with("tel:"));
        if !address && !attribute {
            out.push_str(&literal);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_come_out_of_every_formats_markup() {
        assert_eq!(
            plain_words("<p>You can visit the <a href=\"x\">CEOP Safety Centre</a> &amp; more</p>"),
            "You can visit the CEOP Safety Centre & more"
        );
        assert_eq!(
            plain_words("the [CEOP Safety Centre](https://x) and \\_this\\_"),
            "the CEOP Safety Centre and _this_"
        );
        let jsx = "// \"quoted\" in a comment\n<Text role=\"link\" onPress={() => Linking.openURL(\"https://x\")}>\n{ \"the \" }{ \"CEOP Safety Centre\" }";
        assert_eq!(string_literals(jsx), "the CEOP Safety Centre");
    }

    #[test]
    fn an_image_source_is_an_src_value_or_a_markdown_images_destination() {
        assert!(is_image_source("<img src=\""));
        assert!(is_image_source("<img src='"));
        assert!(is_image_source("![Click CEOP]("));
        assert!(!is_image_source("<a href=\""));
        assert!(!is_image_source("[CEOP Safety Centre]("));
        assert!(!is_image_source("![icon] and [a link]("));
    }

    #[test]
    fn only_comments_end_where_comments_end() {
        // A slash or a star outside a comment starts none; a block comment
        // ends only at `*/`, not at a lone star or slash inside it; a word
        // without a space is shown unless it is an address.
        let swift = "let half = total / 2 *3; Text(\"Childline\")\n/* a * b / c \"hidden\" */ Text(\"after the comment\")";
        assert_eq!(string_literals(swift), "Childlineafter the comment");
    }

    #[test]
    fn a_scheme_named_in_prose_is_no_target_but_any_other_address_is() {
        let guide = Guide::embedded();
        let prose = "<!-- serve it at an absolute https:// address; call tel: -->";
        assert_eq!(other_link_target(prose, &guide), None);
        let allowed = "<a href=\"https://www.ceop.police.uk/safety-centre\">x</a> tel:08001111";
        assert_eq!(other_link_target(allowed, &guide), None);
        assert_eq!(
            other_link_target("<a href=\"https://evil.example/\">x</a>", &guide),
            Some("https://evil.example/".to_string())
        );
        assert_eq!(
            other_link_target("call tel:999 now", &guide),
            Some("tel:999".to_string())
        );
    }
}
