//! One file's audit: find the CEOP links and button images, then judge each against R5–R11.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::css::{self, Decl, Effect};
use super::markup::{self, Element, Markup};
use super::prose::{self, Prose};
use super::url::{self, Hit};
use super::{
    AppKind, Auditor, Edit, FileKind, Finding, FindingId, LineIndex, LocalImage, Scan, Source,
};

const IMAGE_EXTENSIONS: [&str; 11] = [
    "gif", "png", "jpg", "jpeg", "svg", "webp", "bmp", "avif", "ico", "tif", "tiff",
];

/// The image extension a path ends with, lower-cased.
pub(crate) fn image_extension(path: &str) -> Option<&'static str> {
    let (_, ext) = path.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    IMAGE_EXTENSIONS.iter().copied().find(|e| *e == ext)
}

fn is_path_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'%' | b'+')
}

/// The last file name with an image extension in a value, wherever it sits:
/// `<?php echo $dir ?>/img/clickceop.gif`, `{{ asset('img/ceop.png') }}`,
/// `require('./assets/click-ceop.gif')`.
pub(crate) fn image_file_name(value: &str) -> Option<&str> {
    let b = value.as_bytes();
    let mut best = None;
    let mut i = 0;
    while i < b.len() {
        if is_path_byte(b[i]) {
            let s = i;
            while i < b.len() && is_path_byte(b[i]) {
                i += 1;
            }
            let token = &value[s..i];
            let token = token.split('?').next().unwrap_or(token);
            if image_extension(token).is_some() {
                best = Some(token);
            }
        } else {
            i += 1;
        }
    }
    best
}

/// Whether a file or asset name looks like a copy of the Click CEOP button:
/// `clickceop.gif`, `ClickCEOP_Button.png`, `ceop-report-button.jpg`,
/// `click_ceop`, `ceopbutton`, `ceop.gif`. A CEOP logo or a page banner is
/// not the button: the name must say "ceop" and "click", "button", "btn" or
/// "report", or be just "ceop".
pub fn looks_like_button(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let stem = match image_extension(&lower) {
        Some(ext) => &lower[..lower.len() - ext.len() - 1],
        None => lower.as_str(),
    };
    let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
    if !stem.contains("ceop") {
        return false;
    }
    let bare: String = stem.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    bare == "ceop"
        || ["click", "button", "btn", "report"]
            .iter()
            .any(|w| stem.contains(w))
}

/// Tags that show an image.
const IMAGE_TAGS: [&str; 11] = [
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

/// A button image found in the file.
struct Button {
    offset: usize,
    element: Option<usize>,
}

/// Where a CEOP address sits.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    /// In an attribute that links (`href`, `onPress`, …) of element `usize`.
    LinkAttr(usize),
    /// In an image attribute, a Markdown image or CSS `url()`.
    Image,
    /// The target of a Markdown link whose label is this range.
    MarkdownLink(Range<usize>),
    /// In the content of an `xsl:attribute` that sets its parent's `href`.
    XslHref(usize),
    /// In code, quoted or in a call: a link target.
    Code,
    /// Written out in prose.
    Prose,
    /// Part of a CSS selector.
    Selector,
}

struct Ctx<'a> {
    a: &'a Auditor,
    file: &'a str,
    kind: FileKind,
    text: &'a str,
    lines: LineIndex,
    markup: Markup,
    app: Option<AppKind>,
    findings: Vec<Finding>,
    locals: Vec<LocalImage>,
}

impl Ctx<'_> {
    fn add(&mut self, id: FindingId, offset: usize, message: String, fix: String) {
        self.add_edit(id, offset, message, fix, None);
    }

    fn add_edit(
        &mut self,
        id: FindingId,
        offset: usize,
        message: String,
        fix: String,
        edit: Option<Edit>,
    ) {
        let (line, column) = self.lines.locate(self.text, offset);
        self.findings.push(Finding {
            id,
            file: self.file.to_string(),
            line,
            column,
            offset,
            message: one_line(&message),
            fix: one_line(&fix),
            edit,
        });
    }

    fn size(&self) -> String {
        format!("{}×{}", self.a.width, self.a.height)
    }

    fn value(&self, r: &Range<usize>) -> &str {
        &self.text[r.clone()]
    }
}

/// `s` on one line: each run of whitespace and control characters becomes
/// one space, so a finding stays one line of output whatever it quotes.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// A quoted piece of the file, on one line and at most 80 characters.
fn excerpt(s: &str) -> String {
    const MAX: usize = 80;
    // Enough of `s` to fill MAX characters once whitespace is folded.
    let s = match s.char_indices().nth(MAX * 8) {
        Some((cut, _)) => one_line(&s[..cut]),
        None => one_line(s),
    };
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s,
    }
}

pub(crate) fn scan(a: &Auditor, source: &Source) -> Scan {
    let text = source.text;
    let markup = if source.kind == FileKind::Css {
        Markup::default()
    } else {
        markup::parse(text)
    };
    let mut cx = Ctx {
        a,
        file: source.file,
        kind: source.kind,
        text,
        lines: LineIndex::new(text),
        markup,
        app: source.app.or_else(|| AppKind::detect(source.kind, text)),
        findings: Vec::new(),
        locals: Vec::new(),
    };

    let hits: Vec<(Hit, Place)> = url::hits(text, &a.hosts)
        .into_iter()
        .filter(|h| !cx.markup.in_comment(h.start))
        .map(|h| {
            let place = place_of(&cx, &h);
            (h, place)
        })
        .collect();

    // Links: judge each target; note the elements that carry one.
    let mut link_elements: BTreeSet<usize> = BTreeSet::new();
    let mut embeds: Vec<usize> = Vec::new();
    for (h, place) in &hits {
        let is_link = match place {
            Place::Image | Place::Selector => continue,
            Place::Prose => false,
            _ => true,
        };
        match place {
            Place::LinkAttr(e) | Place::XslHref(e) => {
                link_elements.insert(*e);
            }
            _ => {}
        }
        if is_link {
            embeds.push(h.start);
        }
        if let Some((id, why)) = url::judge(h, &a.safety_centre_url, &a.target, is_link) {
            cx.add_edit(
                id,
                h.start,
                format!(
                    "{why}; the button and CEOP links may go only to {}",
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
        }
    }
    let image_hits: Vec<&Hit> = hits
        .iter()
        .filter(|(_, p)| *p == Place::Image)
        .map(|(h, _)| h)
        .collect();

    // Buttons: images inside a CEOP link, named like the button, or loaded from CEOP.
    let mut buttons: Vec<Button> = Vec::new();
    let mut button_names: Vec<String> = Vec::new();
    let mut wrapper_names: Vec<String> = Vec::new();
    for (i, e) in cx.markup.elements.iter().enumerate() {
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
        let src_range = src_attr(e);
        let src = src_range.as_ref().map_or("", |r| &text[r.clone()]);
        let in_link = cx
            .markup
            .ancestors(i)
            .take(8)
            .any(|p| link_elements.contains(&p));
        let from_ceop = src_range
            .as_ref()
            .is_some_and(|r| image_hits.iter().any(|h| r.contains(&h.start)));
        let named = image_file_name(src).is_some_and(looks_like_button)
            || (cx.app.is_some() && looks_like_button(src));
        if in_link || named || from_ceop {
            buttons.push(Button {
                offset: e.start,
                element: Some(i),
            });
            names_of(e, text, &mut button_names);
            for p in cx.markup.ancestors(i).take(2) {
                names_of(&cx.markup.elements[p], text, &mut wrapper_names);
            }
        }
    }
    for b in &buttons {
        embeds.push(b.offset);
    }
    let element_buttons: Vec<usize> = buttons.iter().filter_map(|b| b.element).collect();
    for &i in &element_buttons {
        check_element_button(&mut cx, i, &image_hits);
    }
    let md = markdown_buttons(&mut cx, &hits, &image_hits);
    embeds.extend(md);
    embeds.extend(pix_buttons(&mut cx));
    if cx.app.is_some() {
        embeds.extend(app_image_refs(&mut cx, &hits, &element_buttons));
    }

    // Labels of text links (R8).
    for &e in &link_elements {
        link_label(&mut cx, e);
    }
    for (_, place) in &hits {
        if let Place::MarkdownLink(label) = place {
            let raw = &text[label.clone()];
            if !raw.contains("![") {
                check_label(&mut cx, label.start - 1, raw);
            }
        }
    }

    // CSS: stylesheets, <style> blocks and the rules that reach the button.
    if cx.app.is_none() {
        let sheets: Vec<Range<usize>> = if source.kind == FileKind::Css {
            std::iter::once(0..text.len()).collect()
        } else {
            cx.markup
                .elements
                .iter()
                .filter(|e| e.name == "style")
                .filter_map(Element::content)
                .collect()
        };
        for sheet in sheets {
            for rule in css::rules(text, sheet) {
                check_rule(&mut cx, &rule, &button_names, &wrapper_names);
            }
        }
    }

    // The words around each group of links and buttons.
    embeds.sort_unstable();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &o in &embeds {
        match groups.last_mut() {
            Some(g) if o <= g.1 + 1000 => g.1 = o,
            _ => groups.push((o, o)),
        }
    }
    for (start, end) in groups {
        surroundings(&mut cx, start, end);
    }

    let mut findings = cx.findings;
    findings.sort_by_key(|f| (f.offset, f.id));
    findings.dedup_by(|x, y| x.offset == y.offset && x.id == y.id);
    Scan {
        findings,
        local_images: cx.locals,
    }
}

fn src_attr(e: &Element) -> Option<Range<usize>> {
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
        out.push(id.trim().to_ascii_lowercase());
    }
}

fn place_of(cx: &Ctx, h: &Hit) -> Place {
    let text = cx.text;
    let before = text[..h.start].trim_end_matches(['"', '\'']);
    let in_css = cx.kind == FileKind::Css
        || cx
            .markup
            .enclosing(h.start)
            .is_some_and(|e| cx.markup.elements[e].name == "style");
    if in_css {
        // In a stylesheet an address is an image (`url(…)`) or part of a
        // selector (`a[href*="ceop.police.uk"]`): never a link to judge.
        return if before.ends_with("url(") {
            Place::Image
        } else {
            Place::Selector
        };
    }
    if let Some(ti) = cx.markup.tag_at(h.start) {
        let e = &cx.markup.elements[ti];
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
            let links = LINK_ATTRS.contains(&name)
                || name.starts_with("on")
                || name.starts_with('@')
                || name.starts_with("v-on:");
            return if links {
                Place::LinkAttr(ti)
            } else {
                Place::Code
            };
        }
    }
    if let Some(inner) = cx.markup.enclosing(h.start) {
        let e = &cx.markup.elements[inner];
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
            if open > 0 && text.as_bytes()[open - 1] == b'!' {
                return Place::Image;
            }
            return Place::MarkdownLink(open + 1..close);
        }
    }
    if before.ends_with("url(") || h.is_image_file() {
        return Place::Image;
    }
    match text[..h.start].bytes().next_back() {
        Some(b'"' | b'\'' | b'`' | b'(' | b'<' | b'=') => Place::Code,
        _ if h.scheme.is_some() => Place::Code,
        _ => Place::Prose,
    }
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

fn in_app(cx: &mut Ctx, offset: usize, what: &str) -> bool {
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

/// Whether an attribute is absent (`None`), computed (`Some(None)`), or a literal.
fn literal_attr(cx: &Ctx, e: &Element, names: &[&str]) -> Option<Option<String>> {
    let attr = e.attrs.iter().find(|a| names.contains(&a.name.as_str()))?;
    let Some(r) = &attr.value else {
        return Some(Some(String::new()));
    };
    let raw = cx.value(r);
    let braced = r.start > 0 && cx.text.as_bytes()[r.start - 1] == b'{';
    if braced
        && !raw.trim_start().starts_with(['"', '\'', '`'])
        && raw.trim().parse::<f64>().is_err()
    {
        return Some(None);
    }
    if markup::has_template(raw) && !braced {
        return Some(None);
    }
    Some(markup::literal(raw))
}

fn check_element_button(cx: &mut Ctx, i: usize, image_hits: &[&Hit]) {
    let e = cx.markup.elements[i].clone();
    let text = cx.text;
    if in_app(cx, e.start, &format!("this <{}>", e.name)) {
        return;
    }
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
                "the button is resized ({}); it is {size} and used at that size",
                resized.join(", ")
            ),
            format!("remove the size or set it to {size}; never scale the button"),
        );
    }
    if !altered.is_empty() {
        cx.add(
            FindingId::ButtonAltered,
            e.start,
            format!("the button is altered ({})", altered.join(", ")),
            "remove these styles: the button is used exactly as issued".into(),
        );
    }

    // R9: hidden, off the page, cropped — by itself or by what holds it.
    let mut cropped = Vec::new();
    if e.has_attr("hidden") || has_hiding_class(&e, text) {
        hidden.push("hidden".into());
    }
    for p in cx.markup.ancestors(i).take(8).collect::<Vec<_>>() {
        let pe = cx.markup.elements[p].clone();
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
            format!("the button is hidden ({})", hidden.join(", ")),
            "show the button where it can be seen, or remove it".into(),
        );
    }
    if !off_page.is_empty() {
        cx.add(
            FindingId::ButtonOffPage,
            e.start,
            format!(
                "the button is pushed off the edge ({})",
                off_page.join(", ")
            ),
            "remove the negative margin or offset so the whole button is on the page".into(),
        );
    }
    if !cropped.is_empty() {
        cx.add(
            FindingId::ButtonCropped,
            e.start,
            format!("the button is cropped ({})", cropped.join(", ")),
            format!("give the button room to show whole ({size}) and remove the clipping"),
        );
    }

    // R6: alt text, or a name on the link around it.
    let alt = literal_attr(cx, &e, &["alt", ":alt", "[alt]", "accessibilitylabel"]);
    let link_name = cx
        .markup
        .ancestors(i)
        .take(4)
        .find_map(|p| {
            let pe = cx.markup.elements[p].clone();
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
    check_source(cx, e.start, &src, src_range.as_ref(), image_hits);
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

fn check_alt(cx: &mut Ctx, offset: usize, alt: Option<Option<String>>, link_name: Option<String>) {
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
                format!("add alt text that says what the link does, e.g. alt=\"{example}\""),
            );
            return;
        }
    };
    let n = prose::normalise(&text);
    let says = |w: &str| format!(" {n} ").contains(&format!(" {w} "));
    let leads = ["report", "advice", "help", "safety centre", "safety center"]
        .iter()
        .any(|w| says(w));
    if !(says("ceop") && leads) {
        cx.add(
            FindingId::ButtonVagueAlt,
            offset,
            format!("the button's alt text \"{text}\" does not say where it leads"),
            format!("say what the link does, e.g. alt=\"{example}\""),
        );
    }
}

fn check_source(
    cx: &mut Ctx,
    offset: usize,
    src: &str,
    src_range: Option<&Range<usize>>,
    image_hits: &[&Hit],
) {
    let size = cx.size();
    if let Some(name) = image_file_name(src)
        && let Some(ext) = image_extension(name)
        && ext != "gif"
    {
        cx.add(
            FindingId::ButtonNotGif,
            offset,
            format!("the button image `{name}` is a .{ext}, not the official GIF"),
            format!("use the official Click CEOP GIF ({size}), unconverted and unedited"),
        );
    }
    let literal = markup::literal(src).filter(|s| !markup::has_template(s) && !s.is_empty());
    let from_ceop = src_range.is_some_and(|r| image_hits.iter().any(|h| r.contains(&h.start)));
    let host = literal.as_deref().and_then(|s| {
        let rest = s
            .split_once("://")
            .map(|(_, r)| r)
            .or_else(|| s.strip_prefix("//"))?;
        Some(
            rest.split(['/', ':', '?'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase(),
        )
    });
    let third_party = host.as_deref().is_some_and(|h| {
        IMAGE_HOSTS
            .iter()
            .any(|d| h == *d || h.ends_with(&format!(".{d}")))
    });
    if from_ceop || third_party {
        let where_ = if from_ceop {
            "CEOP's server"
        } else {
            "another site"
        };
        cx.add(
            FindingId::ButtonHotlinked,
            offset,
            format!(
                "the button image is loaded from {where_} (`{}`), not from your own copy of the official file",
                excerpt(literal.as_deref().unwrap_or(src))
            ),
            "save the official Click CEOP GIF on your own site and load it from there".into(),
        );
        return;
    }
    if let Some(path) = literal
        && host.is_none()
        && !path.starts_with("data:")
        && image_extension(path.split(['?', '#']).next().unwrap_or("")).is_some_and(|e| e == "gif")
    {
        let (line, column) = cx.lines.locate(cx.text, offset);
        cx.locals.push(LocalImage {
            src: path.split(['?', '#']).next().unwrap_or("").to_string(),
            line,
            column,
            offset,
        });
    }
}

/// Markdown images `![alt](src)` and `![alt][ref]` that are the button.
fn markdown_buttons(cx: &mut Ctx, hits: &[(Hit, Place)], image_hits: &[&Hit]) -> Vec<usize> {
    let text = cx.text;
    let b = text.as_bytes();
    let defs = reference_definitions(text);
    let link_at = |at: usize| {
        hits.iter().any(|(h, p)| {
            h.start == at && !matches!(p, Place::Image | Place::Prose | Place::Selector)
        })
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("![") {
        let start = from + p;
        from = start + 2;
        if cx.markup.in_comment(start) || cx.markup.tag_at(start).is_some() {
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
        let in_link = start > 0
            && b[start - 1] == b'['
            && ((text[end..].starts_with("](")
                && link_at(end + 2 + usize::from(text[end + 2..].starts_with('<'))))
                || (text[end..].starts_with("][")
                    && text[end + 2..].find(']').is_some_and(|i| {
                        defs.get(&text[end + 2..end + 2 + i].to_ascii_lowercase())
                            .is_some_and(|r| link_at(r.start))
                    })));
        let from_ceop = image_hits.iter().any(|h| src_range.contains(&h.start));
        if !(in_link || from_ceop || image_file_name(&src).is_some_and(looks_like_button)) {
            continue;
        }
        out.push(start);
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
                    format!("the button is resized ({})", sized.join(", ")),
                    format!("remove the size or set it to {size}; never scale the button"),
                );
            }
        }
        check_alt(cx, start, Some(Some(alt.trim().to_string())), None);
        check_source(cx, start, &src, Some(&src_range), image_hits);
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
fn pix_buttons(cx: &mut Ctx) -> Vec<usize> {
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
fn app_image_refs(cx: &mut Ctx, hits: &[(Hit, Place)], buttons: &[usize]) -> Vec<usize> {
    let text = cx.text;
    let b = text.as_bytes();
    let mut out = Vec::new();
    let covered = |o: usize| {
        hits.iter().any(|(h, _)| h.start <= o && o < h.end)
            || buttons.iter().any(|&e| {
                let e = &cx.markup.elements[e];
                e.start <= o && o < e.open_end
            })
            || cx.markup.in_comment(o)
    };
    let matches: Vec<usize> = cx.a.ceop.starts(b).collect();
    let mut last_end = 0;
    let mut found = Vec::new();
    for at in matches {
        if at < last_end || covered(at) {
            continue;
        }
        let mut s = at;
        while s > 0 && (is_path_byte(b[s - 1]) || b[s - 1] == b'/') {
            s -= 1;
        }
        let mut e = at;
        while e < b.len() && (is_path_byte(b[e]) || b[e] == b'/') {
            e += 1;
        }
        last_end = e;
        let token = text[s..e].trim_end_matches('.');
        let name = token.rsplit('/').next().unwrap_or(token);
        let line_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
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
        in_app(cx, s, &format!("the image `{name}`"));
    }
    out
}

fn link_label(cx: &mut Ctx, e: usize) {
    let el = cx.markup.elements[e].clone();
    let Some(content) = el.content() else {
        return;
    };
    let has_image = cx.markup.elements[e + 1..]
        .iter()
        .take_while(|x| x.start < content.end)
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
    let label = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() || label == cx.a.link_label || label.contains("{{") {
        return;
    }
    let want = cx.a.link_label.clone();
    cx.add(
        FindingId::LinkLabel,
        offset,
        format!("a text link to the Safety Centre reads \"{label}\""),
        format!("use the words \"{want}\" as the link text"),
    );
}

fn check_rule(cx: &mut Ctx, rule: &css::Rule, buttons: &[String], wrappers: &[String]) {
    let sel = rule.selector.as_str();
    let on_button = css::targets_button(sel, buttons);
    let on_ceop = on_button || css::targets_ceop(sel, &[buttons, wrappers].concat());
    if !on_ceop {
        return;
    }
    let mut by: BTreeMap<FindingId, (usize, Vec<String>)> = BTreeMap::new();
    for d in &rule.decls {
        let effect = if on_button {
            css::on_button(d, cx.a.width, cx.a.height)
        } else {
            css::on_wrapper(d)
        };
        let id = match effect {
            Some(Effect::Resized) => FindingId::ButtonResized,
            Some(Effect::Altered) => FindingId::ButtonAltered,
            Some(Effect::Hidden) => FindingId::ButtonHidden,
            Some(Effect::OffPage) => FindingId::ButtonOffPage,
            Some(Effect::Clips)
                if on_button
                    || !d.prop.starts_with("overflow")
                    || css::too_small(&rule.decls, cx.a.width, cx.a.height) =>
            {
                FindingId::ButtonCropped
            }
            _ => continue,
        };
        let entry = by.entry(id).or_insert((d.offset, Vec::new()));
        entry.1.push(format!("{}: {}", d.prop, d.value));
    }
    let size = cx.size();
    let sel = excerpt(sel);
    for (id, (offset, decls)) in by {
        let what = excerpt(&decls.join("; "));
        let (message, fix) = match id {
            FindingId::ButtonResized => (
                format!("`{sel}` resizes the button ({what})"),
                format!("remove the size from this rule or set it to {size}"),
            ),
            FindingId::ButtonAltered => (
                format!("`{sel}` alters the button ({what})"),
                "remove these declarations: the button is used exactly as issued".into(),
            ),
            FindingId::ButtonHidden => (
                format!("`{sel}` hides the button ({what})"),
                "show the button where it can be seen, or remove it".into(),
            ),
            FindingId::ButtonOffPage => (
                format!("`{sel}` pushes the button off the edge ({what})"),
                "remove the negative margin or offset".into(),
            ),
            _ => (
                format!("`{sel}` crops the button ({what})"),
                format!("give the button room to show whole ({size}) and remove the clipping"),
            ),
        };
        cx.add(id, offset, message, fix);
    }
}

/// Signposting, endorsement wording and bullying advice around a group of
/// links and buttons between `start` and `end`.
fn surroundings(cx: &mut Ctx, start: usize, end: usize) {
    const REACH: usize = 3000;
    let prose = Prose::new(
        cx.text,
        start.saturating_sub(REACH)..end.saturating_add(REACH),
    );
    if !cx.a.signposting.iter().any(|p| prose.contains(p)) {
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
            format!("\"{phrase}\" suggests CEOP endorses, approved or works with this site"),
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
    use super::*;

    #[test]
    fn a_finding_is_one_line_whatever_it_quotes() {
        assert_eq!(one_line("a\n\t b\u{0}c  "), "a b c");
        assert_eq!(excerpt(&"x".repeat(200)).chars().count(), 81);
        let guide = crate::guide::Guide::embedded();
        let text =
            "<img src=\"https://www.ceop.police.uk/x\n  y/clickceop.gif\" alt=\"Click CEOP\">";
        let scan = Auditor::new(&guide).scan(&Source {
            file: "a.html",
            kind: FileKind::Markup,
            text,
            app: None,
        });
        // The hotlink finding quotes the whole src, line break included.
        let hotlinked = scan
            .findings
            .iter()
            .find(|f| f.id == FindingId::ButtonHotlinked)
            .expect("a hotlinked button");
        assert!(
            hotlinked
                .message
                .contains("(`https://www.ceop.police.uk/x y/clickceop.gif`)"),
            "{hotlinked:?}"
        );
        for f in scan.findings {
            assert!(!f.message.contains('\n') && !f.fix.contains('\n'), "{f:?}");
        }
    }

    #[test]
    fn button_names() {
        for yes in [
            "clickceop.gif",
            "ClickCEOP_Button.png",
            "click-ceop.gif",
            "ceop-report-button.jpg",
            "ceopbutton.gif",
            "ceop.gif",
            "CEOP_btn",
            "click_ceop",
        ] {
            assert!(looks_like_button(yes), "{yes}");
        }
        for no in [
            "ceop-logo.png",
            "logo.gif",
            "ceop-signposting",
            "thinkuknow.gif",
            "ceop_ambassadors.jpg",
        ] {
            assert!(!looks_like_button(no), "{no}");
        }
    }

    #[test]
    fn file_names_inside_template_code() {
        assert_eq!(
            image_file_name("<?php echo get_template_directory_uri(); ?>/img/clickceop.gif"),
            Some("clickceop.gif")
        );
        assert_eq!(
            image_file_name("{{ asset('img/ceop.png') }}"),
            Some("ceop.png")
        );
        assert_eq!(image_file_name("x"), None);
    }
}
