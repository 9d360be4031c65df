//! Buttons that are not `<img>` tags: Markdown images, Moodle's `{{#pix}}` helper, and image names in app code.

use std::collections::BTreeMap;
use std::ops::Range;

use super::Ctx;
use super::button::{check_alt, check_source, in_app};
use crate::audit::finding::FindingId;
use crate::audit::identify::{image_file_name, is_path_byte, looks_like_button};
use crate::audit::source::excerpt;
use crate::audit::url::image_extension;

/// Words before a name in app code that make it an image asset.
const APP_IMAGE_CONTEXT: [&str; 13] = [
    "drawable",
    "mipmap",
    "named:",
    "Image(",
    "Image.asset(",
    "AssetImage(",
    "UIImage",
    "imageResource",
    "painterResource",
    "require(",
    "ImageView",
    "SvgPicture.asset(",
    "setImage",
];

/// Markdown images `![alt](src)` and `![alt][ref]` that are the button:
/// where each is written.
pub(super) fn markdown_buttons(cx: &mut Ctx) -> Vec<Range<usize>> {
    let text = cx.text;
    let b = text.as_bytes();
    let defs = reference_definitions(text);
    let hits = cx.found.hits.clone();
    let link_at = |at: usize| {
        hits.iter()
            .any(|(h, p)| h.start == at && super::is_target(p))
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("![") {
        let start = from + p;
        from = start + 2;
        if cx.found.markup.in_comment(start) || cx.found.markup.tag_at(start).is_some() {
            continue;
        }
        let Some(close) = text[start + 2..]
            .find(']')
            .map(|i| start + 2 + i)
            .filter(|&c| !text[start..c].contains("\n\n"))
        else {
            continue;
        };
        let alt = text[start + 2..close].to_string();
        let (src_range, end) = match b.get(close + 1) {
            Some(b'(') => {
                let s = close + 2;
                let e = text[s..]
                    .find([')', ' ', '\n'])
                    .map_or(text.len(), |i| s + i);
                let end = text[e..].find(')').map_or(e, |i| e + i + 1);
                (s..e, end)
            }
            Some(b'[') => {
                let Some(rc) = text[close + 2..].find(']').map(|i| close + 2 + i) else {
                    continue;
                };
                let key = text[close + 2..rc].to_ascii_lowercase();
                let key = if key.is_empty() {
                    alt.to_ascii_lowercase()
                } else {
                    key
                };
                match defs.get(&key) {
                    Some(r) => (r.clone(), rc + 1),
                    None => continue,
                }
            }
            _ => continue,
        };
        let src = text[src_range.clone()].trim_matches(['<', '>']).to_string();
        let in_link = b[..start].ends_with(b"[")
            && ((text[end..].starts_with("](")
                && link_at(end + 2 + usize::from(text[end + 2..].starts_with('<'))))
                || (text[end..].starts_with("][")
                    && text[end + 2..].find(']').is_some_and(|i| {
                        defs.get(&text[end + 2..end + 2 + i].to_ascii_lowercase())
                            .is_some_and(|r| link_at(r.start))
                    })));
        let from_ceop = cx.found.loads_from_ceop(&src_range);
        let alt_lower = alt.to_ascii_lowercase();
        let says_click_ceop = alt_lower.contains("click ceop") || alt_lower.contains("clickceop");
        if !(from_ceop || says_click_ceop || image_file_name(&src).is_some_and(looks_like_button)) {
            if in_link && cx.app.is_none() {
                super::button::markdown_picture(cx, start, &src);
            }
            continue;
        }
        out.push(start..end);
        if in_app(cx, start, "this Markdown image") {
            continue;
        }
        // Attribute lists after the image: kramdown `{: width="200"}`, pandoc `{width=50%}`.
        if let Some(attrs) = text[end..]
            .strip_prefix('{')
            .and_then(|r| r.split_once('}'))
        {
            let sized: Vec<&str> = attrs
                .0
                .split_whitespace()
                .filter(|a| a.starts_with("width") || a.starts_with("height"))
                .collect();
            if !sized.is_empty() {
                let size = cx.size();
                cx.add(
                    FindingId::ButtonResized,
                    start,
                    format!("the button is resized ({})", excerpt(&sized.join(", "))),
                    format!("remove the size or set it to {size}; never scale the button"),
                );
            }
        }
        check_alt(cx, start, Some(Some(alt.trim().to_string())), None);
        check_source(cx, start, &src, Some(&src_range));
    }
    out
}

/// `[label]: target` lines of a Markdown file, by lower-case label.
fn reference_definitions(text: &str) -> BTreeMap<String, Range<usize>> {
    let mut out = BTreeMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        if lead <= 3
            && trimmed.starts_with('[')
            && let Some(close) = trimmed.find("]:")
        {
            let key = trimmed[1..close].to_ascii_lowercase();
            let after = &trimmed[close + 2..];
            let value = after.trim_start();
            let vs = offset + lead + close + 2 + (after.len() - value.len());
            let ve = vs + value.find(char::is_whitespace).unwrap_or(value.len());
            out.entry(key).or_insert(vs..ve);
        }
        offset += line.len();
    }
    out
}

/// Moodle's `{{#pix}} name, component, alt {{/pix}}` helper showing the button.
pub(super) fn pix_buttons(cx: &mut Ctx) -> Vec<usize> {
    let text = cx.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("{{#pix}}") {
        let start = from + p;
        from = start + 8;
        let Some(end) = text[from..].find("{{/pix}}").map(|i| from + i) else {
            break;
        };
        let args: Vec<&str> = text[from..end].splitn(3, ',').map(str::trim).collect();
        if !looks_like_button(args[0]) {
            continue;
        }
        out.push(start);
        if in_app(cx, start, "this pix icon") {
            continue;
        }
        let alt = args.get(2).map(|a| a.to_string());
        let alt = match alt {
            Some(a) if a.contains("{{") => Some(None),
            Some(a) => Some(Some(a)),
            None => None,
        };
        check_alt(cx, start, alt, None);
    }
    out
}

/// Images named like the button in app code: `R.drawable.clickceop`,
/// `UIImage(named: "ClickCEOP")`, `Image.asset('assets/click_ceop.gif')`.
/// `markdown` holds where the Markdown buttons are, already judged.
pub(super) fn app_image_refs(
    cx: &mut Ctx,
    buttons: &[usize],
    markdown: &[Range<usize>],
) -> Vec<usize> {
    let text = cx.text;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let hits = &cx.found.hits;
    // Inside a link target, a button's tag, a Markdown button or a comment:
    // judged there, or not at all. (An image address is not a link target:
    // a CEOP-hosted copy of the button in app code is still the button.)
    let covered = |o: usize| {
        hits.iter()
            .any(|(h, p)| super::is_target(p) && (h.start..h.end).contains(&o))
            || buttons.iter().any(|&e| {
                let e = &cx.found.markup.elements[e];
                (e.start..e.open_end).contains(&o)
            })
            || markdown.iter().any(|r| r.contains(&o))
            || cx.found.markup.in_comment(o)
    };
    let matches: Vec<usize> = cx.a.ceop.starts(b).collect();
    let mut last_end = 0;
    let mut found = Vec::new();
    for at in matches {
        // Within the name just read (`assets/ceop/clickceop.gif`): read once.
        if (..last_end).contains(&at) || covered(at) {
            continue;
        }
        let mut s = at;
        while let Some(&c) = b[..s].last()
            && (is_path_byte(c) || c == b'/')
        {
            s -= 1;
        }
        let mut e = at;
        while e < b.len() && (is_path_byte(b[e]) || b[e] == b'/') {
            e += 1;
        }
        last_end = e;
        let token = text[s..e].trim_end_matches('.');
        let name = token.rsplit('/').next().unwrap_or(token);
        // From the line break before it (trimmed with the indent below).
        let line_start = text[..s].rfind('\n').unwrap_or(0);
        let context = &text[text.floor_char_boundary(line_start.max(s.saturating_sub(48)))..e];
        let context = &context[context.len() - context.trim_start().len()..];
        let is_image = image_extension(name).is_some()
            || APP_IMAGE_CONTEXT.iter().any(|c| context.contains(c));
        if is_image && looks_like_button(name) {
            found.push((s, name.to_string()));
        }
    }
    for (s, name) in found {
        out.push(s);
        in_app(cx, s, &format!("the image `{}`", excerpt(&name)));
    }
    out
}
