//! The words around the button: signposting (R6), endorsement wording and product names (R9), and bullying sent to CEOP (R11).

use super::Ctx;
use crate::audit::FileKind;
use crate::audit::finding::FindingId;
use crate::audit::prose::{self, Prose};
use crate::audit::source::excerpt;

/// Words that, after "CEOP" in a name, make it a product or feature name:
/// "CEOP Shield", "CEOP Guard", "CEOP Toolbar".
const PRODUCTS: [&str; 22] = [
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
    "widget",
    "checker",
    "scanner",
    "app",
    "approved",
    "certified",
    "verified",
];

/// Product or feature names anywhere in the file that put "CEOP" before a
/// product word, as a name is written (capitalised): hosting the button does
/// not let anyone name a product after CEOP (R9).
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
        let word: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !word.starts_with(|c: char| c.is_ascii_uppercase())
            || !PRODUCTS.contains(&word.to_ascii_lowercase().as_str())
        {
            continue;
        }
        let name = &text[at..at + 5 + word.len()];
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
            "none of the guide's suggested signposting text is near the button or link".into(),
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
