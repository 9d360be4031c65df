//! The words around the button: signposting (R6), endorsement wording and product names (R9), and bullying sent to CEOP (R11).

use super::Ctx;
use crate::audit::FileKind;
use crate::audit::finding::FindingId;
use crate::audit::prose::{self, Prose};
use crate::audit::source::{excerpt, one_line};

/// Words that, in a name that starts with "CEOP", make it a product or
/// feature name: "CEOP Shield", "CEOP Safe Browsing", "CEOP Kids Safe Search".
const PRODUCTS: [&str; 30] = [
    "toolbar",
    "extension",
    "add-on",
    "addon",
    "plugin",
    "plug-in",
    "shield",
    "guard",
    "guardian",
    "protect",
    "protector",
    "protection",
    "filter",
    "monitor",
    "browser",
    "browsing",
    "search",
    "safe",
    "secure",
    "kids",
    "widget",
    "checker",
    "scanner",
    "app",
    "approved",
    "certified",
    "verified",
    "vpn",
    "antivirus",
    "lock",
];

/// CEOP's own names for its parts and people: a name that starts so is
/// CEOP's, whatever follows ("CEOP Child Protection Adviser").
const OWN_NAMES: [&str; 7] = [
    "Safety Centre",
    "Education",
    "Child Protection",
    "Command",
    "Thinkuknow",
    "Ambassador",
    "Click",
];

/// The most capitalised words after "CEOP" read as one name.
const NAME_WORDS: usize = 4;

/// The capitalised words written after "CEOP " at the start of `after`, as
/// a name is written ("Kids Safe Search"): their byte length in `after`
/// and whether one of them is a product word.
fn name_after(after: &str) -> Option<usize> {
    if OWN_NAMES.iter().any(|n| after.starts_with(n)) {
        return None;
    }
    let mut rest = after;
    let mut at = 0;
    let mut end = 0;
    let mut product = false;
    for _ in 0..NAME_WORDS {
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
            break;
        }
        product |= PRODUCTS.contains(&word.to_ascii_lowercase().as_str());
        end = at + len;
        // Only a space carries the name on; punctuation ends it.
        match rest[len..].strip_prefix(' ') {
            Some(next) => {
                at = end + 1;
                rest = next;
            }
            None => break,
        }
    }
    product.then_some(end)
}

/// Product or feature names anywhere in the file that start with "CEOP"
/// and hold a product word, as a name is written (capitalised): hosting the
/// button does not let anyone name a product after CEOP (R9).
pub(super) fn product_names(cx: &mut Ctx) {
    let text = cx.text;
    let b = text.as_bytes();
    let starts: Vec<usize> = cx.a.ceop.starts(b).collect();
    for at in starts {
        let word_start = !b[..at].last().is_some_and(|&c| {
            c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/' | b'@')
        });
        if !word_start || b[at] != b'C' || cx.found.markup.in_comment(at) {
            continue;
        }
        let rest = &text[at + 4..];
        let Some(after) = rest.strip_prefix(' ') else {
            continue;
        };
        let Some(len) = name_after(after) else {
            continue;
        };
        // "not CEOP Approved" denies the claim.
        let before = &text[text.floor_char_boundary(at.saturating_sub(40))..at];
        let before = prose::normalise(before);
        if before
            .split(' ')
            .rev()
            .take(4)
            .any(|w| ["not", "never", "isnt", "arent", "nor", "no"].contains(&w))
        {
            continue;
        }
        let name = &text[at..at + 5 + len];
        cx.add(
            FindingId::EndorsementName,
            at,
            format!(
                "\"{}\" names a product or feature after CEOP, which suggests CEOP made or approved it",
                excerpt(name)
            ),
            "rename it without \"CEOP\": hosting the button or linking to the Safety Centre does not mean CEOP made, endorsed or vetted anything".into(),
        );
    }
}

/// Names of files that hold a theme's or an app's settings.
const SETTINGS_FILES: [&str; 5] = [
    "functions.php",
    "settings.php",
    "config.php",
    "wp-config.php",
    "customizer.php",
];

/// Code that registers settings: WordPress's customizer and settings API,
/// Moodle's admin settings.
const SETTINGS_CODE: [&str; 4] = [
    "$wp_customize",
    "register_setting(",
    "add_setting(",
    "admin_setting_",
];

/// Code that takes its words from a resource file (Android's strings.xml
/// and layouts, Apple's string catalogues).
const WORDS_ELSEWHERE: [&str; 8] = [
    "R.string.",
    "R.layout.",
    "getString(",
    "stringResource(",
    "Binding.bind(",
    "Binding.inflate(",
    "NSLocalizedString(",
    "String(localized:",
];

/// Whether a visitor reads the words of this file where its links are: a
/// page or template does, a settings or config file that only offers link
/// values does not, nor does app code whose words live in a resource file.
/// The guide's signposting belongs where a visitor reads.
fn read_by_visitors(cx: &Ctx) -> bool {
    match cx.kind {
        FileKind::Data => false,
        FileKind::Kotlin | FileKind::Java | FileKind::Swift => {
            !WORDS_ELSEWHERE.iter().any(|w| cx.text.contains(w))
        }
        _ => {
            // A file that shows a button or a CEOP link element is a page,
            // whatever its name.
            let shows = !cx.found.buttons.is_empty() || !cx.found.link_elements.is_empty();
            shows || !is_settings_file(cx.file, cx.text)
        }
    }
}

/// A settings or config file, by its name, its folder (`config/`,
/// `settings/`) or the settings code in it.
fn is_settings_file(file: &str, text: &str) -> bool {
    let path = file.replace('\\', "/").to_ascii_lowercase();
    let mut parts: Vec<&str> = path.split('/').collect();
    let name = parts.pop().unwrap_or("");
    SETTINGS_FILES.contains(&name)
        || name.contains("customizer")
        || name.starts_with("config.")
        || parts.iter().any(|d| matches!(*d, "config" | "settings"))
        || SETTINGS_CODE.iter().any(|c| text.contains(c))
}

/// A stretch of markup as read, to be quoted: tags and comments become
/// spaces and double quotes and backticks single quotes.
fn without_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if !in_tag && let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.split_once("-->").map_or("", |(_, after)| after);
            out.push(' ');
            continue;
        }
        rest = &rest[c.len_utf8()..];
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            // A quote mark inside the quote would end it early.
            '"' | '`' if !in_tag => out.push('\''),
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Signposting, endorsement wording and bullying advice around a group of
/// links and buttons between `start` and `end`.
pub(super) fn surroundings(cx: &mut Ctx, start: usize, end: usize) {
    const REACH: usize = 3000;
    let prose = Prose::new(
        cx.text,
        start.saturating_sub(REACH)..end.saturating_add(REACH),
    );
    // A settings file offers a link to pages; the words belong on the page.
    if read_by_visitors(cx) && !cx.a.signposting.iter().any(|p| prose.contains(p)) {
        cx.add(
            FindingId::NoSignposting,
            start,
            "none of the guide's suggested signposting text is near the button or link (the guide asks for it wherever possible, dependent on placement)".into(),
            "put the suggested signposting text beside it (`ceop-onboard generate` writes it for your audience)".into(),
        );
    }
    let mut claims: Vec<(usize, String)> = Vec::new();
    let a = cx.a;
    for m in a.endorsement_matcher.find_overlapping_iter(&prose.text) {
        let at = m.start() + 1;
        if !prose::negated(&prose, at) {
            // Quote the words as written ("CEOP Approved"), not as normalised.
            let phrase = &a.endorsement[m.pattern().as_usize()];
            let (start, last) = (prose.source(at), prose.source(at + phrase.len() - 1));
            // Tags, entities and the space they leave are read as a visitor
            // reads them, as in a bullying quote.
            let written = cx
                .text
                .get(start..cx.text.ceil_char_boundary(last + 1))
                .map(|w| one_line(&html_escape::decode_html_entities(&without_tags(w))))
                .unwrap_or_else(|| phrase.clone());
            claims.push((start, written));
        }
    }
    claims.sort();
    claims.dedup_by(|x, y| x.0 == y.0);
    for (offset, phrase) in claims {
        cx.add(
            FindingId::EndorsementWording,
            offset,
            format!("\"{}\" suggests CEOP endorsed or approved this site or service, or works with it", excerpt(&phrase)),
            "remove the claim: hosting the button does not mean a site is associated with, endorsed, vetted or deemed safe by CEOP".into(),
        );
    }
    let childline = cx.a.childline.clone();
    for passage in prose::bullying_to_ceop(&prose) {
        let start = prose.source(passage.start);
        let end = cx
            .text
            .ceil_char_boundary(prose.source(passage.end.saturating_sub(1)) + 1);
        let written = cx
            .text
            .get(start..end)
            .map(without_tags)
            .unwrap_or_default();
        cx.add(
            FindingId::BullyingToCeop,
            start,
            format!(
                "\"{}\" sends bullying or other online worries to CEOP",
                excerpt(&written)
            ),
            format!(
                "send bullying and other online worries to a trusted adult or Childline ({childline}); CEOP is for sexual abuse and exploitation"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{is_settings_file, name_after};

    #[test]
    fn settings_files_are_known_by_name_folder_or_code() {
        for (file, text) in [
            ("theme/functions.php", ""),
            (
                "app/config/safeguarding.php",
                "<?php return ['ceop_url' => '...'];",
            ),
            ("local/settings.php", ""),
            ("inc/theme-customizer.php", ""),
            ("inc/options.php", "$wp_customize->add_setting( 'x' );"),
        ] {
            assert!(is_settings_file(file, text), "{file}");
        }
        for file in [
            "footer.php",
            "resources/views/safety.blade.php",
            "index.html",
        ] {
            assert!(!is_settings_file(file, "<a href=\"x\">"), "{file}");
        }
    }

    #[test]
    fn a_capitalised_name_after_ceop_with_a_product_word_is_a_product_name() {
        assert_eq!(
            name_after("Safe Browsing keeps"),
            Some("Safe Browsing".len())
        );
        assert_eq!(
            name_after("Kids Safe Search – safe"),
            Some("Kids Safe Search".len())
        );
        assert_eq!(name_after("Shield, for schools"), Some("Shield".len()));
    }

    #[test]
    fn ceops_own_names_and_lower_case_words_are_not_product_names() {
        for s in [
            "Safety Centre",
            "Education Team",
            "Child Protection Adviser",
            "button",
            "safe browsing",
            "Safety Centre. Search",
        ] {
            assert_eq!(name_after(s), None, "{s}");
        }
    }
}
