//! The words around the button: signposting (R6), endorsement wording and product names (R9), and bullying sent to CEOP (R11).

use super::Ctx;
use crate::audit::FileKind;
use crate::audit::finding::FindingId;
use crate::audit::prose::{self, Prose};
use crate::audit::source::excerpt;

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
        let word_start = at == 0
            || !(b[at - 1].is_ascii_alphanumeric()
                || matches!(b[at - 1], b'_' | b'-' | b'.' | b'/' | b'@'));
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

/// Signposting, endorsement wording and bullying advice around a group of
/// links and buttons between `start` and `end`.
pub(super) fn surroundings(cx: &mut Ctx, start: usize, end: usize) {
    const REACH: usize = 3000;
    let prose = Prose::new(
        cx.text,
        start.saturating_sub(REACH)..end.saturating_add(REACH),
    );
    // A settings file offers a link to pages; the words belong on the page.
    if cx.kind != FileKind::Data && !cx.a.signposting.iter().any(|p| prose.contains(p)) {
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
            claims.push((
                prose.source(at),
                a.endorsement[m.pattern().as_usize()].clone(),
            ));
        }
    }
    claims.sort();
    claims.dedup_by(|x, y| x.0 == y.0);
    for (offset, phrase) in claims {
        cx.add(
            FindingId::EndorsementWording,
            offset,
            format!("\"{phrase}\" suggests CEOP endorses, approved or works with this site or service"),
            "remove the claim: hosting the button does not mean a site is associated with, endorsed, vetted or deemed safe by CEOP".into(),
        );
    }
    let childline = cx.a.childline.clone();
    for at in prose::bullying_to_ceop(&prose) {
        cx.add(
            FindingId::BullyingToCeop,
            prose.source(at),
            "this sends bullying or other online worries to CEOP".into(),
            format!(
                "send bullying and other online worries to a trusted adult or Childline ({childline}); CEOP is for sexual abuse and exploitation"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::name_after;

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
