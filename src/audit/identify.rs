//! Identify, in one page, what the rules judge: CEOP link targets (by where an address sits) and button images (by evidence).
//!
//! SPEC §10: only a real target (`href`, `to=`, `url:`, `openURL(…)`, a
//! Markdown destination, a setting echoed into an `href`) is a link; an
//! address written as the visible text of a link is not. An image is the
//! button only with evidence — its name, CEOP's server, a declared size of
//! about 143×51, or alt/title text naming Click CEOP; any other picture
//! inside a CEOP link is a picture, not the button.

use std::collections::BTreeSet;
use std::ops::Range;

use super::markup::{self, Element, Markup};
pub(crate) use super::names::{helper_names, image_file_name, is_path_byte, looks_like_button};
use super::source::{AppKind, FileKind};
use super::url::{self, Hit};

/// Tags that show an image.
pub(crate) const IMAGE_TAGS: [&str; 11] = [
    "img",
    "image",
    "amp-img",
    "fastimage",
    "v-img",
    "b-img",
    "el-image",
    "nuxt-img",
    "nuxtimg",
    "staticimage",
    "input",
];

/// Attributes that hold an image's address.
const SRC_ATTRS: [&str; 12] = [
    "src",
    ":src",
    "v-bind:src",
    "[src]",
    "source",
    ":source",
    "data-src",
    "data-lazy-src",
    "data-original",
    "srcset",
    "xlink:href",
    "href",
];

/// Attributes whose value is where a click goes.
const LINK_ATTRS: [&str; 16] = [
    "href",
    ":href",
    "v-bind:href",
    "[href]",
    "xlink:href",
    "to",
    ":to",
    "url",
    "onpress",
    "onclick",
    "@click",
    "v-on:click",
    "on:click",
    "(click)",
    "action",
    "data-href",
];

fn is_link_attr(name: &str) -> bool {
    LINK_ATTRS.contains(&name)
        || name.starts_with("on")
        || name.starts_with('@')
        || name.starts_with("v-on:")
}

/// Where a CEOP address sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Place {
    /// In an attribute that links (`href`, `onPress`, …) of element `usize`.
    LinkAttr(usize),
    /// In an image attribute, a Markdown image or CSS `url()`.
    Image,
    /// The target of a Markdown link whose label is this range.
    MarkdownLink(Range<usize>),
    /// In the content of an `xsl:attribute` that sets its parent's `href`.
    XslHref(usize),
    /// In code, quoted or in a call, or a value in a settings file: a link target.
    Code,
    /// Written out in prose, outside any link.
    Prose,
    /// The visible text of a link (or a Markdown link label): not a target.
    Visible,
    /// Part of a CSS selector.
    Selector,
}

/// Why an image is taken for the button.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    pub named: bool,
    pub from_ceop: bool,
    pub sized: bool,
    pub alt: bool,
}

impl Evidence {
    pub fn any(self) -> bool {
        self.named || self.from_ceop || self.sized || self.alt
    }
}

/// What one page holds, before any judgement.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub markup: Markup,
    pub hits: Vec<(Hit, Place)>,
    /// Elements that link to CEOP: a CEOP address in a link attribute, or
    /// template code naming CEOP echoed into one (`href="<?= $ceop_url ?>"`).
    pub link_elements: BTreeSet<usize>,
    /// Image elements that are the button.
    pub buttons: Vec<usize>,
    /// Image elements inside a CEOP link without evidence of being the button.
    pub pictures: Vec<usize>,
    /// Lower-case classes and ids of the button images, and of what holds them.
    pub button_names: Vec<String>,
    pub wrapper_names: Vec<String>,
    /// Host names the page says it lives on (canonical link, `og:url`, `<base>`).
    pub own_hosts: Vec<String>,
}

impl Found {
    pub fn image_hits(&self) -> impl Iterator<Item = &Hit> {
        self.hits
            .iter()
            .filter(|(_, p)| *p == Place::Image)
            .map(|(h, _)| h)
    }

    pub fn loads_from_ceop(&self, r: &Range<usize>) -> bool {
        self.image_hits().any(|h| r.contains(&h.start))
    }
}

/// Finds the links and buttons of a page.
pub(crate) fn find(
    text: &str,
    kind: FileKind,
    app: Option<AppKind>,
    hosts: &aho_corasick::AhoCorasick,
    size: (u32, u32),
) -> Found {
    let markup = if kind == FileKind::Css {
        Markup::default()
    } else {
        markup::parse(text)
    };
    let mut f = Found {
        markup,
        ..Found::default()
    };
    f.hits = url::hits(text, hosts)
        .into_iter()
        .filter(|h| !f.markup.in_comment(h.start))
        .map(|h| {
            let place = place_of(text, kind, &f.markup, &h);
            (h, place)
        })
        .collect();
    for (_, place) in &f.hits {
        if let Place::LinkAttr(e) | Place::XslHref(e) = place {
            f.link_elements.insert(*e);
        }
    }
    // Settings echoed into a link: `href="<?php echo $theme->settings->ceoplink ?>"`.
    for (i, e) in f.markup.elements.iter().enumerate() {
        let echoed = e.attrs.iter().any(|a| {
            is_link_attr(&a.name)
                && a.value.as_ref().is_some_and(|r| {
                    let v = &text[r.clone()];
                    markup::has_template(v) && v.to_ascii_lowercase().contains("ceop")
                })
        });
        if echoed {
            f.link_elements.insert(i);
        }
        if matches!(e.name.as_str(), "link" | "meta" | "base")
            && let Some(host) = own_host(e, text)
        {
            f.own_hosts.push(host);
        }
    }
    let imports = imported_images(text);
    for (i, e) in f.markup.elements.iter().enumerate() {
        if !IMAGE_TAGS.contains(&e.name.as_str()) {
            continue;
        }
        if e.name == "input"
            && !e
                .attr(text, &["type"])
                .is_some_and(|t| t.eq_ignore_ascii_case("image"))
        {
            continue;
        }
        let in_link = f
            .markup
            .ancestors(i)
            .take(8)
            .any(|p| f.link_elements.contains(&p));
        let evidence = evidence(&f, text, e, app, size, &imports);
        if evidence.any() {
            f.buttons.push(i);
            names_of(e, text, &mut f.button_names);
            for p in f.markup.ancestors(i).take(2) {
                names_of(&f.markup.elements[p], text, &mut f.wrapper_names);
            }
        } else if in_link {
            f.pictures.push(i);
        }
    }
    f
}

/// The host names a page that names no CEOP address says it lives on, read
/// from its head (the first 64 kB at most).
pub(crate) fn own_hosts(text: &str, words: &super::AnyOf) -> Vec<String> {
    let head = &text[..text.floor_char_boundary(64 * 1024)];
    // The quick search first: most pages name no address of their own.
    if !words.is_match(head) {
        return Vec::new();
    }
    let head = head.find("</head>").map_or(head, |i| &head[..i]);
    let m = markup::parse(head);
    m.elements
        .iter()
        .filter(|e| matches!(e.name.as_str(), "link" | "meta" | "base"))
        .filter_map(|e| own_host(e, head))
        .collect()
}

/// The host a `<link rel="canonical">`, `<meta property="og:url">` or
/// `<base href>` names.
fn own_host(e: &Element, text: &str) -> Option<String> {
    let value = match e.name.as_str() {
        "link" if e.attr(text, &["rel"])?.eq_ignore_ascii_case("canonical") => {
            e.attr(text, &["href"])?
        }
        "meta"
            if e.attr(text, &["property", "name"])?
                .eq_ignore_ascii_case("og:url") =>
        {
            e.attr(text, &["content"])?
        }
        "base" => e.attr(text, &["href"])?,
        _ => return None,
    };
    url_host(value)
}

/// The host of an absolute (`https://h/…`) or scheme-relative (`//h/…`)
/// address, lower-case, without `www.`.
pub(crate) fn url_host(value: &str) -> Option<String> {
    let value = value.trim();
    let rest = value
        .split_once("://")
        .map(|(_, r)| r)
        .or_else(|| value.strip_prefix("//"))?;
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host).to_ascii_lowercase();
    let host = host.trim_start_matches("www.").to_string();
    // Every label written: `cdn.` is what is left of `cdn.<?= $tld ?>`.
    (!host.split('.').any(str::is_empty)
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'))
    .then_some(host)
}

fn evidence(
    f: &Found,
    text: &str,
    e: &Element,
    app: Option<AppKind>,
    size: (u32, u32),
    imports: &[(&str, &str)],
) -> Evidence {
    let src_range = src_attr(e);
    let src = src_range.as_ref().map_or("", |r| &text[r.clone()]);
    let named = image_file_name(src).is_some_and(looks_like_button)
        || (app.is_some() && looks_like_button(src))
        || (markup::has_template(src) && helper_names(src).any(looks_like_button))
        || imports
            .iter()
            .any(|(name, file)| *name == src.trim() && looks_like_button(file));
    let near = |v: Option<&str>, want: u32| {
        v.and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .is_some_and(|n| (n - f64::from(want)).abs() <= f64::from(want) * 0.05)
    };
    let sized = near(e.attr(text, &["width", ":width"]), size.0)
        && near(e.attr(text, &["height", ":height"]), size.1);
    let alt = ["alt", ":alt", "title", "accessibilitylabel"]
        .iter()
        .any(|n| {
            e.attr(text, &[n]).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("click ceop") || v.contains("clickceop") || v.contains("click-ceop")
            })
        });
    Evidence {
        named,
        from_ceop: src_range.as_ref().is_some_and(|r| f.loads_from_ceop(r)),
        sized,
        alt,
    }
}

/// The image files a page imports by name, as (name, file):
/// `import badge from './clickceop.gif'` or
/// `const badge = require('./clickceop.gif')`, so `<img src={badge}>` is
/// known by its file. Imports sit at the top: reading the first 64 kB once
/// keeps a page of many images linear.
fn imported_images(text: &str) -> Vec<(&str, &str)> {
    let text = &text[..text.floor_char_boundary(64 * 1024)];
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut out = Vec::new();
    for (at, word) in text.match_indices("import ") {
        let rest = &text[at + word.len()..];
        let (name, rest) = rest.split_at(rest.find(|c| !ident(c)).unwrap_or(rest.len()));
        if let Some(path) = rest.strip_prefix(" from ").and_then(quoted) {
            out.push((name, path));
        }
    }
    for (at, word) in text.match_indices(" = require(") {
        let before = &text[..at];
        let name = &before[before.trim_end_matches(ident).len()..];
        if let Some(path) = quoted(&text[at + word.len()..]) {
            out.push((name, path));
        }
    }
    out.into_iter()
        .filter(|(name, _)| !name.is_empty())
        .filter_map(|(name, path)| Some((name, image_file_name(path)?)))
        .collect()
}

/// The string a JavaScript quote opens at the start of `rest`.
fn quoted(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches(' ');
    let quote = rest
        .chars()
        .next()
        .filter(|q| matches!(q, '\'' | '"' | '`'))?;
    rest[1..].split(quote).next()
}

pub(crate) fn src_attr(e: &Element) -> Option<Range<usize>> {
    let names: &[&str] = if e.name == "image" || e.name == "input" {
        &SRC_ATTRS
    } else {
        &SRC_ATTRS[..SRC_ATTRS.len() - 1]
    };
    e.attrs
        .iter()
        .find(|a| names.contains(&a.name.as_str()))
        .and_then(|a| a.value.clone())
}

fn names_of(e: &Element, text: &str, out: &mut Vec<String>) {
    if let Some(class) = e.attr(text, &["class", "classname"]) {
        out.extend(
            class
                .split_whitespace()
                .filter(|c| c.len() > 2 && !c.contains(['{', '<', '$']))
                .map(str::to_ascii_lowercase),
        );
    }
    if let Some(id) = e.attr(text, &["id"]) {
        let id = id.trim();
        if !id.is_empty() && !id.contains(['{', '<', '$']) {
            out.push(id.to_ascii_lowercase());
        }
    }
}

fn place_of(text: &str, kind: FileKind, markup: &Markup, h: &Hit) -> Place {
    let before = text[..h.start].trim_end_matches(['"', '\'']);
    let in_css = kind == FileKind::Css
        || markup
            .enclosing(h.start)
            .is_some_and(|e| markup.elements[e].name == "style");
    if in_css {
        // In a stylesheet an address is an image (`url(…)`) or part of a
        // selector (`a[href*="ceop.police.uk"]`): never a link to judge.
        return if before.ends_with("url(") {
            Place::Image
        } else {
            Place::Selector
        };
    }
    if kind == FileKind::Data {
        // A value that is the address is a setting a template may put in a
        // link; one inside a sentence (a translation string) is prose.
        let lead = text[..h.start].trim_end_matches([' ', '\t']);
        return if h.is_image_file() {
            Place::Image
        } else if lead.ends_with(['"', '\'', '=', ':']) {
            Place::Code
        } else {
            Place::Prose
        };
    }
    if kind == FileKind::Text {
        return Place::Prose;
    }
    if let Some(ti) = markup.tag_at(h.start) {
        let e = &markup.elements[ti];
        if let Some(attr) = e
            .attrs
            .iter()
            .find(|a| a.value.as_ref().is_some_and(|r| r.contains(&h.start)))
        {
            let name = attr.name.as_str();
            let is_image_tag = IMAGE_TAGS.contains(&e.name.as_str());
            if (SRC_ATTRS.contains(&name)
                && (name != "href" && name != "xlink:href" || is_image_tag))
                || name == "poster"
                || name == "style"
            {
                return Place::Image;
            }
            return if is_link_attr(name) {
                Place::LinkAttr(ti)
            } else {
                Place::Code
            };
        }
    }
    if let Some(inner) = markup.enclosing(h.start) {
        let e = &markup.elements[inner];
        if e.name == "xsl:attribute"
            && e.attr(text, &["name"]) == Some("href")
            && let Some(p) = e.parent
        {
            return Place::XslHref(p);
        }
    }
    let md = text[..h.start].trim_end_matches('<');
    if md.ends_with("](") {
        let close = md.len() - 2;
        if let Some(open) = matching_bracket(text, close) {
            if text[..open].ends_with('!') {
                return Place::Image;
            }
            return Place::MarkdownLink(open + 1..close);
        }
    }
    if before.ends_with("url(") || h.is_image_file() {
        return Place::Image;
    }
    if in_markdown_label(text, h) {
        return Place::Visible;
    }
    // In an Android string resource or other XML the text of an element is
    // a value code uses as a link; in pages and components it is read.
    if kind != FileKind::Xml
        && let Some(parent) = text_content(text, markup, h.start)
    {
        let in_link = std::iter::once(parent)
            .chain(markup.ancestors(parent))
            .take(6)
            .any(|p| {
                markup.elements[p]
                    .attrs
                    .iter()
                    .any(|a| is_link_attr(&a.name) && a.value.is_some())
            });
        return if in_link {
            Place::Visible
        } else {
            Place::Prose
        };
    }
    match text[..h.start].bytes().next_back() {
        Some(b'"' | b'\'' | b'`' | b'(' | b'<' | b'=') => Place::Code,
        _ if h.scheme.is_some() => Place::Code,
        _ => Place::Prose,
    }
}

/// How far around an address the words that place it are looked for.
const LOOK: usize = 512;

/// Whether the address is (part of) a Markdown link label: `[ceop.police.uk](…)`.
fn in_markdown_label(text: &str, h: &Hit) -> bool {
    // Looked at within a bounded window, so a long line of addresses stays linear.
    let after = &text[h.end..text.floor_char_boundary(h.end.saturating_add(LOOK))];
    let after = after.split('\n').next().unwrap_or_default();
    let before = &text[text.floor_char_boundary(h.start.saturating_sub(LOOK))..h.start];
    let before = before.rsplit('\n').next().unwrap_or_default();
    after
        .find("](")
        .is_some_and(|i| !after[..i].contains(['[', ']']))
        && before
            .rfind('[')
            .is_some_and(|i| !before[i..].contains(']'))
}

/// The element whose text content `offset` is in, when nothing but words
/// stand between the end of a tag and `offset`.
fn text_content(text: &str, markup: &Markup, offset: usize) -> Option<usize> {
    let inner = markup.enclosing(offset)?;
    // A script's text is code. (A style's is read as a stylesheet before.)
    if markup.elements[inner].name == "script" {
        return None;
    }
    let from = text.floor_char_boundary(offset.saturating_sub(LOOK));
    let gt = from + text[from..offset].rfind('>')?;
    let between = &text[gt + 1..offset];
    let words = between
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || ".,:;!?-–—&#*’'(“\"".contains(c));
    (words && gt + 1 >= markup.elements[inner].open_end).then_some(inner)
}

/// The `[` that opens the Markdown label ending with `]` at `close`.
fn matching_bracket(text: &str, close: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let floor = close.saturating_sub(4096);
    let mut i = close;
    loop {
        match b[i] {
            b']' => depth += 1,
            b'[' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' if b.get(i.wrapping_sub(1)) == Some(&b'\n') => return None,
            _ => {}
        }
        if i == floor {
            return None;
        }
        i -= 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_hosts_from_addresses() {
        assert_eq!(
            url_host("https://www.Example.sch.uk/x"),
            Some("example.sch.uk".into())
        );
        assert_eq!(
            url_host("//cdn.example.org"),
            Some("cdn.example.org".into())
        );
        assert_eq!(url_host("/images/x.gif"), None);
        // Template code and an empty host name no host.
        assert_eq!(url_host("https://{{ site.host }}/x"), None);
        assert_eq!(url_host("https:///x"), None);
    }
}
