//! R5, R6 and R9 for one button image: its size, styles, visibility, alt text and file.

use std::ops::Range;

use super::Ctx;
use crate::audit::LocalImage;
use crate::audit::css::{self, Decl, Effect};
use crate::audit::finding::FindingId;
use crate::audit::identify::{image_file_name, src_attr, url_host};
use crate::audit::markup::{self, Element};
use crate::audit::prose;
use crate::audit::source::excerpt;
use crate::audit::url::image_extension;

/// Class names that hide an element in common CSS frameworks.
const HIDING_CLASSES: [&str; 8] = [
    "hidden",
    "d-none",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
    "hide",
    "invisible",
    "is-hidden",
];

/// Hosts that serve other people's images: a button loaded from them is not
/// the host's own copy of the official file (and may be resized on the way).
const IMAGE_HOSTS: [&str; 13] = [
    "imgur.com",
    "photobucket.com",
    "postimg.cc",
    "ibb.co",
    "tinypic.com",
    "staticflickr.com",
    "flickr.com",
    "blogspot.com",
    "googleusercontent.com",
    "wp.com",
    "pinimg.com",
    "imageshack.com",
    "dropboxusercontent.com",
];

pub(super) fn in_app(cx: &mut Ctx, offset: usize, what: &str) -> bool {
    let Some(app) = cx.app else {
        return false;
    };
    let label = cx.a.link_label.clone();
    let url = cx.a.safety_centre_url.clone();
    cx.add(
        FindingId::ButtonInApp,
        offset,
        format!("{what} is the Click CEOP button, in {}", app.describe()),
        format!(
            "apps use the text link \"{label}\" to {url} instead of the button, with the in-app signposting text (`ceop-onboard generate --set platform=app` writes it)"
        ),
    );
    true
}

/// The attributes that give a link around the button its target.
const TARGET_ATTRS: [&str; 4] = ["href", "xlink:href", "to", "data-href"];

/// R7 for a button whose link names no CEOP address at all (a CEOP address
/// is judged where it is written): the link around it, when its target is
/// written out, goes somewhere other than the Safety Centre.
fn links_elsewhere(cx: &mut Ctx, i: usize) {
    let Some(link) = cx.found.markup.ancestors(i).take(8).find(|&p| {
        cx.found.markup.elements[p]
            .attrs
            .iter()
            .any(|a| TARGET_ATTRS.contains(&a.name.as_str()))
    }) else {
        return;
    };
    if cx.found.link_elements.contains(&link) {
        return;
    }
    let e = cx.found.markup.elements[link].clone();
    let Some(attr) = e
        .attrs
        .iter()
        .find(|a| TARGET_ATTRS.contains(&a.name.as_str()))
    else {
        return;
    };
    // A target computed by template code is not known here.
    let Some(Some(target)) = literal_attr(cx, &e, &[attr.name.as_str()]) else {
        return;
    };
    let Some(r) = attr.value.clone().filter(|_| !target.is_empty()) else {
        return;
    };
    let url = cx.a.safety_centre_url.clone();
    // `--fix` rewrites CEOP addresses only: where a host's own page should
    // go instead is for a person to decide.
    cx.add(
        FindingId::LinkNotSafetyCentre,
        r.start,
        format!(
            "the button links to `{}`, not to the Safety Centre; it may link only to {url}",
            excerpt(&target)
        ),
        format!("change the button's link to {url}"),
    );
}

/// Whether an attribute is absent (`None`), computed (`Some(None)`), or a literal.
fn literal_attr(cx: &Ctx, e: &Element, names: &[&str]) -> Option<Option<String>> {
    let attr = e.attrs.iter().find(|a| names.contains(&a.name.as_str()))?;
    let Some(r) = &attr.value else {
        return Some(Some(String::new()));
    };
    let raw = cx.value(r);
    let braced = cx.text[..r.start].ends_with('{');
    if braced
        && !raw.trim_start().starts_with(['"', '\'', '`'])
        && raw.trim().parse::<f64>().is_err()
    {
        return Some(None);
    }
    if markup::has_template(raw) {
        return Some(None);
    }
    Some(markup::literal(raw))
}

pub(super) fn check_element_button(cx: &mut Ctx, i: usize) {
    let e = cx.found.markup.elements[i].clone();
    let text = cx.text;
    if in_app(cx, e.start, &format!("this <{}>", e.name)) {
        return;
    }
    links_elsewhere(cx, i);
    let size = cx.size();

    // R5: size and alterations, from attributes and the inline style.
    let mut resized = Vec::new();
    for (names, want) in [
        (&["width", ":width"][..], cx.a.width),
        (&["height", ":height"][..], cx.a.height),
    ] {
        if let Some(Some(v)) = literal_attr(cx, &e, names) {
            let ok =
                v.is_empty() || css::pixels(&v).is_some_and(|p| (p - f64::from(want)).abs() < 0.5);
            if !ok {
                resized.push(format!("{}=\"{v}\"", names[0]));
            }
        }
    }
    let own = inline_style(cx, &e);
    let mut altered = Vec::new();
    let mut hidden = Vec::new();
    let mut off_page = Vec::new();
    for d in &own {
        match css::on_button(d, cx.a.width, cx.a.height) {
            Some(Effect::Resized) => resized.push(format!("{}: {}", d.prop, d.value)),
            Some(Effect::Altered) => altered.push(format!("{}: {}", d.prop, d.value)),
            Some(Effect::Hidden) => hidden.push(format!("{}: {}", d.prop, d.value)),
            Some(Effect::OffPage) => off_page.push(format!("{}: {}", d.prop, d.value)),
            Some(Effect::Clips) | None => {}
        }
    }
    if !resized.is_empty() {
        cx.add(
            FindingId::ButtonResized,
            e.start,
            format!(
                "the button is resized ({}); the file CEOP issues is {size} and is used at that size",
                excerpt(&resized.join(", "))
            ),
            format!("remove the size or set it to {size}; never scale the button"),
        );
    }
    if !altered.is_empty() {
        cx.add(
            FindingId::ButtonAltered,
            e.start,
            format!("the button is altered ({})", excerpt(&altered.join(", "))),
            "remove these styles: the button is used exactly as issued".into(),
        );
    }

    // R9: hidden, off the page, cropped — by itself or by what holds it.
    let mut cropped = Vec::new();
    if e.has_attr("hidden") || has_hiding_class(&e, text) {
        hidden.push("hidden".into());
    }
    for p in cx.found.markup.ancestors(i).take(8).collect::<Vec<_>>() {
        let pe = cx.found.markup.elements[p].clone();
        if pe.has_attr("hidden") || has_hiding_class(&pe, text) {
            hidden.push(format!("<{}> hidden", pe.name));
        }
        let decls = inline_style(cx, &pe);
        for d in &decls {
            match css::on_wrapper(d) {
                Some(Effect::Hidden) => {
                    hidden.push(format!("<{}> {}: {}", pe.name, d.prop, d.value))
                }
                Some(Effect::OffPage) => {
                    off_page.push(format!("<{}> {}: {}", pe.name, d.prop, d.value))
                }
                Some(Effect::Clips)
                    if !d.prop.starts_with("overflow")
                        || css::too_small(&decls, cx.a.width, cx.a.height) =>
                {
                    cropped.push(format!("<{}> {}: {}", pe.name, d.prop, d.value));
                }
                _ => {}
            }
        }
    }
    if !hidden.is_empty() {
        cx.add(
            FindingId::ButtonHidden,
            e.start,
            format!("the button is hidden ({})", excerpt(&hidden.join(", "))),
            "show the button where it can be seen, or remove it".into(),
        );
    }
    if !off_page.is_empty() {
        cx.add(
            FindingId::ButtonOffPage,
            e.start,
            format!(
                "the button is pushed off the edge ({})",
                excerpt(&off_page.join(", "))
            ),
            "remove the negative margin or offset so the whole button is on the page".into(),
        );
    }
    if !cropped.is_empty() {
        cx.add(
            FindingId::ButtonCropped,
            e.start,
            format!("the button is cropped ({})", excerpt(&cropped.join(", "))),
            format!("give the button room to show whole ({size}) and remove the clipping"),
        );
    }

    // R6: alt text, or a name on the link around it.
    let alt = literal_attr(cx, &e, &["alt", ":alt", "[alt]", "accessibilitylabel"]);
    let link_name = cx
        .found
        .markup
        .ancestors(i)
        .take(4)
        .find_map(|p| {
            let pe = cx.found.markup.elements[p].clone();
            literal_attr(cx, &pe, &["aria-label", "title"]).flatten()
        })
        .filter(|s| !s.is_empty());
    check_alt(cx, e.start, alt, link_name);

    // R5: the file itself.
    let src_range = src_attr(&e);
    let src = src_range
        .as_ref()
        .map_or("", |r| &text[r.clone()])
        .to_string();
    check_source(cx, e.start, &src, src_range.as_ref());
}

fn has_hiding_class(e: &Element, text: &str) -> bool {
    e.attr(text, &["class", "classname"])
        .is_some_and(|c| c.split_whitespace().any(|c| HIDING_CLASSES.contains(&c)))
}

fn inline_style(cx: &Ctx, e: &Element) -> Vec<Decl> {
    e.attrs
        .iter()
        .filter(|a| {
            matches!(
                a.name.as_str(),
                "style" | ":style" | "[style]" | "[ngstyle]"
            )
        })
        .filter_map(|a| a.value.clone())
        .flat_map(|r| css::declarations(cx.text, r))
        .collect()
}

pub(super) fn check_alt(
    cx: &mut Ctx,
    offset: usize,
    alt: Option<Option<String>>,
    link_name: Option<String>,
) {
    let example = cx.a.button_alt.clone();
    let text = match (alt, link_name) {
        (Some(None), _) => return, // computed: unknown here
        (Some(Some(a)), _) if !a.is_empty() => a,
        (_, Some(name)) => name,
        (alt, None) => {
            let what = if alt.is_some() {
                "an empty alt text"
            } else {
                "no alt text"
            };
            cx.add(
                FindingId::ButtonNoAlt,
                offset,
                format!("the button has {what}: a screen reader cannot tell where it leads"),
                format!(
                    "this tool's advice: add alt text that says where the link leads, e.g. alt=\"{example}\""
                ),
            );
            return;
        }
    };
    let text = html_escape::decode_html_entities(&text).into_owned();
    let n = prose::normalise(&text);
    let says = |w: &str| format!(" {n} ").contains(&format!(" {w} "));
    let leads = ["report", "advice", "help", "safety centre", "safety center"]
        .iter()
        .any(|w| says(w));
    if !(says("ceop") && leads) {
        cx.add(
            FindingId::ButtonVagueAlt,
            offset,
            format!(
                "the button's alt text \"{}\" does not say where it leads",
                excerpt(&text)
            ),
            format!("this tool's advice: say where the link leads, e.g. alt=\"{example}\""),
        );
    }
}

/// Where to get the button, as the fix texts say it: the guide does not say,
/// so the tool names the source it trusts (SPEC §12).
pub(super) const GET_THE_FILE: &str =
    "get it from CEOP (the CEOP Education Team), never a copy from another site";

pub(super) fn check_source(
    cx: &mut Ctx,
    offset: usize,
    src: &str,
    src_range: Option<&Range<usize>>,
) {
    if let Some(name) = image_file_name(src)
        && let Some(ext) = image_extension(name)
        && ext != "gif"
    {
        cx.add(
            FindingId::ButtonNotGif,
            offset,
            format!(
                "the button image `{}` is a .{ext}; the file CEOP issues is a GIF",
                excerpt(name)
            ),
            format!("use the Click CEOP GIF as issued, unconverted and unedited; {GET_THE_FILE}"),
        );
    }
    // The path as written, when code does not build it: template blocks
    // are left out (a theme's folder before it), concatenation is not.
    let literal = markup::literal(src)
        .filter(|s| !s.is_empty() && !markup::has_template(s) && !markup::php_concatenated(src));
    let from_ceop = src_range.is_some_and(|r| cx.found.loads_from_ceop(r));
    let host = written_host(src);
    // The page's own host names, and the site's (other pages, --site-host).
    let own: Vec<&String> = cx
        .found
        .own_hosts
        .iter()
        .chain(cx.site.own_hosts.iter())
        .collect();
    let is_own = |h: &str| {
        own.iter().any(|o| {
            h == o.as_str() || h.ends_with(&format!(".{o}")) || o.ends_with(&format!(".{h}"))
        })
    };
    let image_host = host.as_deref().is_some_and(|h| {
        IMAGE_HOSTS
            .iter()
            .any(|d| h == *d || h.ends_with(&format!(".{d}")))
    });
    let elsewhere = host
        .as_deref()
        .is_some_and(|h| !own.is_empty() && !is_own(h));
    if from_ceop || image_host || elsewhere {
        let where_ = if from_ceop {
            "CEOP's server".to_string()
        } else if image_host || own.is_empty() {
            "an image host".to_string()
        } else {
            format!("another site, not {}", own[0])
        };
        cx.add(
            FindingId::ButtonHotlinked,
            offset,
            format!(
                "the button image is loaded from {where_} (`{}`); this tool's advice is to serve your own copy of the file CEOP issues",
                excerpt(literal.as_deref().unwrap_or(src))
            ),
            format!("save the Click CEOP GIF on your own site and load it from there; {GET_THE_FILE}"),
        );
        return;
    }
    let Some(path) = literal else {
        return;
    };
    let file = path.split(['?', '#']).next().unwrap_or("");
    if image_extension(file).is_none_or(|e| e != "gif") {
        return;
    }
    let lower = path.to_ascii_lowercase();
    let addressed = url_host(&path).is_some()
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || path.starts_with("//"));
    // A path with a host has `://` or starts with `//`: no host is local.
    let local = !path.contains("://") && !path.starts_with("//") && !path.starts_with("data:");
    if addressed || local {
        let (line, column) = cx.lines.locate(cx.text, offset);
        let image = LocalImage {
            src: if addressed {
                path.split('#').next().unwrap_or("")
            } else {
                file
            }
            .to_string(),
            line,
            column,
            offset,
        };
        if addressed {
            cx.addressed.push(image);
        } else {
            cx.locals.push(image);
        }
    }
}

/// The host an image address names before any code in it:
/// `"https://cdn.example/" + name` loads from cdn.example whatever the code
/// adds, while `https://cdn.<?= $tld ?>/x.gif` and `<?= $cdn ?>/x.gif`
/// name none that can be judged.
fn written_host(src: &str) -> Option<String> {
    let host = url_host(&markup::literal(src)?)?;
    let raw =
        src.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '{' | '"' | '\'' | '`'));
    let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
    let addressed = ["http://", "https://", "//"]
        .iter()
        .any(|s| lower.starts_with(s));
    // The raw text names the same host: no code came before or inside it.
    (addressed && url_host(raw).as_ref() == Some(&host)).then_some(host)
}

/// A picture inside a CEOP link with no evidence of being the button (a
/// card image, a photo): say what it is, softly.
pub(super) fn picture(cx: &mut Ctx, i: usize) {
    let e = cx.found.markup.elements[i].clone();
    if cx.app.is_some() {
        return;
    }
    let src = src_attr(&e).map_or("", |r| cx.value(&r));
    markdown_picture(cx, e.start, src);
}

/// [`picture`] for any image at `offset` loaded from `src`.
pub(super) fn markdown_picture(cx: &mut Ctx, offset: usize, src: &str) {
    let name = image_file_name(src).unwrap_or(src);
    cx.add(
        FindingId::LinkPicture,
        offset,
        format!(
            "the picture `{}` links to CEOP but nothing (file name, size, alt text) says it is the Click CEOP button",
            excerpt(name)
        ),
        format!(
            "nothing to change if it is a picture of your own; if it stands in for the button, use the Click CEOP GIF as issued instead: {GET_THE_FILE}"
        ),
    );
}
