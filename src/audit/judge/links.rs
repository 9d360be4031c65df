//! R7 and R8 for links: each CEOP link target against the Safety Centre address, and the words of text links.

use super::{Ctx, is_target};
use crate::audit::finding::{Edit, FindingId};
use crate::audit::identify::{IMAGE_TAGS, Place};
use crate::audit::source::excerpt;
use crate::audit::url;

/// Judges every CEOP address of the page; returns where the link targets are.
pub(super) fn judge_targets(cx: &mut Ctx) -> Vec<usize> {
    let a = cx.a;
    let mut embeds = Vec::new();
    let hits = std::mem::take(&mut cx.found.hits);
    for (h, place) in &hits {
        let is_link = is_target(place);
        if is_link {
            embeds.push(h.start);
        } else if !matches!(place, Place::Prose) {
            continue;
        }
        let Some((id, why)) = url::judge(h, &a.safety_centre_url, &a.target, is_link) else {
            continue;
        };
        // Prose that names CEOP's site is no link (SPEC §10): only an
        // address that no longer leads anywhere is worth a finding there.
        if !is_link
            && !matches!(
                id,
                FindingId::LinkRetiredDomain | FindingId::LinkRetiredPath
            )
        {
            continue;
        }
        let written = excerpt(h.text(cx.text));
        if is_link {
            cx.add_edit(
                id,
                h.start,
                format!(
                    "`{written}` {why}; the button and CEOP links may go only to {}",
                    a.safety_centre_url
                ),
                format!(
                    "change the link to {} (`ceop-onboard check --fix` does this)",
                    a.safety_centre_url
                ),
                Some(Edit {
                    start: h.start,
                    end: h.end,
                    replacement: a.safety_centre_url.clone(),
                }),
            );
        } else {
            // An address written out in the text: readers are sent there,
            // but it is not a link target, so --fix leaves it to a person.
            cx.add(
                id,
                h.start,
                format!("the text sends readers to `{written}`, which {why}"),
                format!(
                    "write the Safety Centre address, {}, or link the words \"{}\" to it",
                    a.safety_centre_url, a.link_label
                ),
            );
        }
    }
    cx.found.hits = hits;
    embeds
}

/// The words of text links to the Safety Centre (R8 asks apps for "CEOP Safety Centre").
pub(super) fn labels(cx: &mut Ctx) {
    let elements: Vec<usize> = cx.found.link_elements.iter().copied().collect();
    for e in elements {
        link_label(cx, e);
    }
    let labels: Vec<std::ops::Range<usize>> = cx
        .found
        .hits
        .iter()
        .filter_map(|(_, p)| match p {
            Place::MarkdownLink(label) => Some(label.clone()),
            _ => None,
        })
        .collect();
    for label in labels {
        let raw = &cx.text[label.clone()];
        if !raw.contains("![") {
            check_label(cx, label.start - 1, raw);
        }
    }
}

fn link_label(cx: &mut Ctx, e: usize) {
    let el = cx.found.markup.elements[e].clone();
    let Some(content) = el.content() else {
        return;
    };
    // A link whose only CEOP address is echoed from a setting has no known target.
    let known = cx
        .found
        .hits
        .iter()
        .any(|(_, p)| matches!(p, Place::LinkAttr(x) | Place::XslHref(x) if *x == e));
    if !known {
        return;
    }
    // The elements after the link's own, up to its end tag (where no
    // element can start).
    let has_image = cx.found.markup.elements[e..]
        .iter()
        .skip(1)
        .take_while(|x| (..content.end).contains(&x.start))
        .any(|x| IMAGE_TAGS.contains(&x.name.as_str()));
    if has_image {
        return;
    }
    // The words a reader sees: tags, braces and string quotes removed.
    let raw = &cx.text[content];
    let mut words = String::new();
    let mut depth = 0usize;
    for c in raw.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => {
                depth -= 1;
                words.push(' ');
            }
            _ if depth > 0 => {}
            '{' | '}' | '"' | '`' => words.push(' '),
            _ => words.push(c),
        }
    }
    if raw.contains("{{") || raw.contains("<?") || raw.contains("{%") || raw.contains("<%") {
        return;
    }
    check_label(cx, el.start, &words);
}

fn check_label(cx: &mut Ctx, offset: usize, raw: &str) {
    let decoded = html_escape::decode_html_entities(raw);
    let label = decoded.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() || label == cx.a.link_label || label.contains("{{") {
        return;
    }
    let want = cx.a.link_label.clone();
    cx.add(
        FindingId::LinkLabel,
        offset,
        format!(
            "a text link to the Safety Centre reads \"{}\"",
            excerpt(&label)
        ),
        format!("use the words \"{want}\" as the link text"),
    );
}
