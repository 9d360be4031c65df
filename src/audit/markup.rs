//! A tolerant tag and attribute tokenizer for HTML and the languages that generate it.
//!
//! It is not an HTML parser. It finds start tags, their attributes and their
//! end tags in any text — PHP, Mustache, Twig, Liquid, ERB, XSL, JSX, Vue,
//! Svelte, or HTML inside a JavaScript string — and steps over template code
//! inside a tag (`<a href="<?php echo $x ?>">`, `{% if %}target="_blank"{% endif %}`,
//! `onPress={() => open(url)}`) instead of ending the tag at its `>`. A `<`
//! that does not start a tag it can read is taken as text. Comments
//! (`<!-- -->`, `{{!-- --}}`, `{# #}`) are recorded and not looked into.

use std::ops::Range;

/// One attribute: its name (lower-case, as written otherwise) and the byte
/// range of its value inside any quotes or braces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: Option<Range<usize>>,
}

/// One element: its start tag and, when found, where its end tag starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Lower-case tag name (`a`, `img`, `image`, `xsl:attribute`).
    pub name: String,
    /// Byte offset of `<`.
    pub start: usize,
    /// Byte offset just past the start tag's `>`.
    pub open_end: usize,
    pub self_closing: bool,
    pub attrs: Vec<Attr>,
    /// Byte offset of the `</name` that closes it.
    pub close: Option<usize>,
    /// Index of the enclosing element.
    pub parent: Option<usize>,
}

impl Element {
    /// The value of the first attribute with one of these names.
    pub fn attr<'t>(&self, text: &'t str, names: &[&str]) -> Option<&'t str> {
        self.attrs.iter().find_map(|a| {
            names
                .contains(&a.name.as_str())
                .then(|| a.value.clone().map_or("", |r| &text[r]))
        })
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|a| a.name == name)
    }

    /// The element's content, between its start and end tags.
    pub fn content(&self) -> Option<Range<usize>> {
        self.close.map(|c| self.open_end..c.max(self.open_end))
    }
}

/// The elements and comments of a text, in document order.
#[derive(Debug, Clone, Default)]
pub struct Markup {
    pub elements: Vec<Element>,
    pub comments: Vec<Range<usize>>,
    /// Tags of elements that matter to the audit that were too big to read.
    pub unread: Vec<Unread>,
}

/// A start tag the tokenizer gave up on, so that the audit can say so
/// instead of passing over it in silence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// Byte offset of its `<`.
    pub offset: usize,
    pub name: String,
    /// Why, as words: "more than 512 attributes".
    pub why: &'static str,
}

/// The most attributes a start tag may have.
pub const MAX_ATTRIBUTES: usize = 512;

/// Elements whose unread tags are worth a note: links, images and what
/// names the page's own address.
const NOTED: [&str; 10] = [
    "a", "img", "image", "amp-img", "input", "link", "meta", "base", "area", "source",
];

impl Markup {
    pub fn in_comment(&self, offset: usize) -> bool {
        let i = self.comments.partition_point(|c| c.start <= offset);
        self.comments[..i].last().is_some_and(|c| offset < c.end)
    }

    /// The element whose start tag contains `offset`, if any.
    pub fn tag_at(&self, offset: usize) -> Option<usize> {
        let i = self.elements.partition_point(|e| e.start <= offset);
        let last = i.checked_sub(1)?;
        (offset < self.elements[last].open_end).then_some(last)
    }

    /// The innermost element whose content contains `offset`.
    pub fn enclosing(&self, offset: usize) -> Option<usize> {
        let i = self.elements.partition_point(|e| e.start <= offset);
        (0..i).rev().find(|&j| {
            let e = &self.elements[j];
            e.open_end <= offset && e.close.is_some_and(|c| offset < c)
        })
    }

    /// The element and its ancestors, innermost first.
    pub fn ancestors(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.elements[index].parent, |&i| self.elements[i].parent)
    }
}

/// Elements that never have content.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A tag longer than this is not a tag (it stops a stray `<` in code from
/// swallowing the rest of the file); quoted values and braces may be longer.
const MAX_TAG_GAP: usize = 4096;

/// Template delimiters that may appear inside a tag, with their closers.
const TEMPLATE: [(&str, &str); 7] = [
    ("<?", "?>"),
    ("<%", "%>"),
    ("{{{", "}}}"),
    ("{{", "}}"),
    ("{%", "%}"),
    ("{#", "#}"),
    ("${", "}"),
];

/// If a template block opens at `i`, the offset just past its closer.
pub(crate) fn skip_template(b: &[u8], i: usize) -> Option<usize> {
    for (open, close) in TEMPLATE {
        if b[i..].starts_with(open.as_bytes()) {
            let from = i + open.len();
            return Some(find(b, from, close.as_bytes()).map_or(b.len(), |j| j + close.len()));
        }
    }
    None
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= b.len() {
        return None;
    }
    b[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Skips a quoted string starting at `i` (the quote); returns the offset of
/// the closing quote. Template blocks inside are stepped over whole.
fn skip_quoted(b: &[u8], i: usize) -> Option<usize> {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        let c = b[j];
        if c == q {
            return Some(j);
        }
        if (c == b'<' || c == b'{' || c == b'$')
            && let Some(k) = skip_template(b, j)
        {
            j = k;
            continue;
        }
        j += 1;
    }
    None
}

/// Skips balanced braces starting at `i` (the `{`); returns the offset of the
/// matching `}`. Strings inside (JavaScript's three kinds) are stepped over.
fn skip_braces(b: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < b.len() {
        match b[j] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            b'"' | b'\'' | b'`' => {
                let q = b[j];
                j += 1;
                while j < b.len() && b[j] != q {
                    if b[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
            }
            _ => {}
        }
        j += 1;
    }
    None
}

/// Whether the byte at `j` ends an attribute name. A quote does not: as in a
/// browser, `<a x"y=1">` has an attribute named `x"y`, so a stray quote in a
/// broken tag does not pair with the next one and move where tags end.
fn ends_attr_name(b: &[u8], j: usize) -> bool {
    b[j].is_ascii_whitespace()
        || matches!(b[j], b'=' | b'>' | b'<' | b'{')
        || (b[j] == b'/' && b.get(j + 1) == Some(&b'>'))
}

fn is_name_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_' | b'.')
}

/// The lower-case tag name that starts at `from`, and where it ends.
fn tag_name(text: &str, from: usize) -> (String, usize) {
    let len = text.as_bytes()[from..]
        .iter()
        .take_while(|&&c| is_name_byte(c))
        .count();
    (text[from..from + len].to_ascii_lowercase(), from + len)
}

/// Reads the start tag at `i` (the `<`). `Err(None)` if it is not one,
/// `Err(Some(why))` if it is one too big to read.
fn start_tag(text: &str, i: usize) -> Result<Element, Option<&'static str>> {
    let b = text.as_bytes();
    let (name, mut j) = tag_name(text, i + 1);
    let mut attrs = Vec::new();
    let mut gap = 0usize;
    loop {
        let before = j;
        j += b[j..]
            .iter()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        if j >= b.len() {
            return Err(None);
        }
        match b[j] {
            b'>' => {
                return Ok(Element {
                    name,
                    start: i,
                    open_end: j + 1,
                    self_closing: false,
                    attrs,
                    close: None,
                    parent: None,
                });
            }
            b'/' if b.get(j + 1) == Some(&b'>') => {
                return Ok(Element {
                    name,
                    start: i,
                    open_end: j + 2,
                    self_closing: true,
                    attrs,
                    close: None,
                    parent: None,
                });
            }
            b'/' => j += 1,
            b'<' | b'{' | b'$' => {
                if let Some(k) = skip_template(b, j) {
                    j = k;
                } else if b[j] == b'{' {
                    j = skip_braces(b, j).ok_or(None)? + 1;
                } else {
                    return Err(None); // another tag starts: this one was not a tag
                }
            }
            _ => {
                let name_start = j;
                while j < b.len() && !ends_attr_name(b, j) {
                    j += 1;
                }
                let attr_name = text[name_start..j].to_ascii_lowercase();
                let mut k = j;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                let mut value = None;
                if b.get(k) == Some(&b'=') {
                    k += 1;
                    while k < b.len() && b[k].is_ascii_whitespace() {
                        k += 1;
                    }
                    match b.get(k) {
                        Some(b'"') | Some(b'\'') => {
                            let close = skip_quoted(b, k).ok_or(None)?;
                            value = Some(k + 1..close);
                            k = close + 1;
                        }
                        Some(b'{') if skip_template(b, k).is_none() => {
                            let close = skip_braces(b, k).ok_or(None)?;
                            value = Some(k + 1..close);
                            k = close + 1;
                        }
                        Some(_) => {
                            let v = k;
                            while k < b.len() && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                                if let Some(t) = skip_template(b, k) {
                                    k = t;
                                } else {
                                    k += 1;
                                }
                            }
                            value = Some(v..k.min(b.len()));
                        }
                        None => return Err(None),
                    }
                    j = k;
                }
                // Whitespace was stepped over and `=` starts a value, so
                // the name or the value took at least one byte.
                if !attr_name.is_empty() {
                    attrs.push(Attr {
                        name: attr_name,
                        value,
                    });
                }
            }
        }
        // Count what is not a quoted or braced value: a stray `<` in code
        // runs through statements, not through long attribute values.
        let long_values: usize = attrs
            .iter()
            .filter_map(|a| a.value.as_ref())
            .filter(|r| r.start >= before)
            .map(|r| r.len())
            .sum();
        gap += (j - before).saturating_sub(long_values);
        if gap > MAX_TAG_GAP {
            return Err(Some("more than 4 kB outside quoted values"));
        }
        if attrs.len() > MAX_ATTRIBUTES {
            return Err(Some("more than 512 attributes"));
        }
    }
}

pub use super::template::{has_template, literal, php_concatenated};

/// Tokenizes `text`. Linear in practice; never fails.
pub fn parse(text: &str) -> Markup {
    let b = text.as_bytes();
    let mut m = Markup::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(p) = b[i..].iter().position(|&c| c == b'<' || c == b'{') {
        i += p;
        let rest = &b[i..];
        let comment_end = if rest.starts_with(b"<!--") {
            Some(find(b, i + 4, b"-->").map_or(b.len(), |j| j + 3))
        } else if rest.starts_with(b"{{!--") {
            Some(find(b, i + 5, b"--}}").map_or(b.len(), |j| j + 4))
        } else if rest.starts_with(b"{{!") {
            Some(find(b, i + 3, b"}}").map_or(b.len(), |j| j + 2))
        } else if rest.starts_with(b"{#") && (i == 0 || b[i - 1] != b'{') {
            // A Twig/Jinja comment, unless it is a Svelte block (`{#if …}`),
            // which has no closing `#}` nearby.
            find(&b[..b.len().min(i + 4096)], i + 2, b"#}").map(|j| j + 2)
        } else {
            None
        };
        if let Some(end) = comment_end {
            m.comments.push(i..end);
            i = end;
            continue;
        }
        if rest.first() != Some(&b'<') {
            i += 1;
            continue;
        }
        match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => match start_tag(text, i) {
                Ok(mut e) => {
                    e.parent = stack.last().copied();
                    let index = m.elements.len();
                    i = e.open_end;
                    if !e.self_closing && !VOID.contains(&e.name.as_str()) {
                        stack.push(index);
                    }
                    m.elements.push(e);
                }
                Err(why) => {
                    if let Some(why) = why {
                        let (name, _) = tag_name(text, i + 1);
                        if NOTED.contains(&name.as_str()) {
                            m.unread.push(Unread {
                                offset: i,
                                name,
                                why,
                            });
                        }
                    }
                    i += 1;
                }
            },
            // An end tag: it closes the open element it names (a name that
            // does not start with a letter names none).
            Some(b'/') => {
                let (name, j) = tag_name(text, i + 2);
                if let Some(pos) = stack.iter().rposition(|&e| m.elements[e].name == name) {
                    m.elements[stack[pos]].close = Some(i);
                    stack.truncate(pos);
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(m: &Markup) -> Vec<&str> {
        m.elements.iter().map(|e| e.name.as_str()).collect()
    }

    /// fuzz/check: a stray quote in a broken tag paired with the next quote,
    /// so `--fix` shortening a query string (`x?a=b"` → `x"`) moved where
    /// the next tag ended and a fixed file had new findings.
    #[test]
    fn a_quote_in_an_attribute_name_is_part_of_the_name() {
        for s in [
            r#"<a p="q r="x?u=s"><img style="m">"#,
            r#"<a p="q r="x"><img style="m">"#,
        ] {
            let m = parse(s);
            assert_eq!(names(&m), ["a", "img"], "{s}");
            assert_eq!(m.elements[1].attr(s, &["style"]), Some("m"), "{s}");
        }
        let s = r#"<a x"y=1 href="z">"#;
        let m = parse(s);
        let attrs: Vec<&str> = m.elements[0]
            .attrs
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(attrs, ["x\"y", "href"]);
    }

    #[test]
    fn php_inside_an_attribute_does_not_end_the_tag() {
        let s = r#"<a href="<?php echo $x ?>"><img src="<?php echo get_template_directory_uri(); ?>/img/clickceop.gif" alt="x"></a>"#;
        let m = parse(s);
        assert_eq!(names(&m), ["a", "img"]);
        let a = &m.elements[0];
        assert_eq!(a.attr(s, &["href"]), Some("<?php echo $x ?>"));
        assert_eq!(m.elements[1].parent, Some(0));
        assert_eq!(a.close, Some(s.len() - 4));
    }

    #[test]
    fn template_blocks_between_attributes_are_skipped() {
        let s = r#"<a href="{{ url }}" {% if new %}target="_blank"{% endif %} class="c">x</a>"#;
        let m = parse(s);
        let a = &m.elements[0];
        let names: Vec<&str> = a.attrs.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["href", "target", "class"]);
    }

    #[test]
    fn jsx_braces_with_arrows_and_objects() {
        let s = r#"<Text onPress={() => Linking.openURL('https://x')} style={{ width: 200 }}>Hi</Text>"#;
        let m = parse(s);
        let t = &m.elements[0];
        assert_eq!(t.name, "text");
        assert_eq!(
            t.attr(s, &["onpress"]),
            Some("() => Linking.openURL('https://x')")
        );
        assert_eq!(t.attr(s, &["style"]), Some("{{ width: 200 }}"));
        assert!(t.close.is_some());
    }

    #[test]
    fn a_tag_too_big_to_read_is_noted() {
        let many = format!("<img {} src=\"clickceop.gif\">", "x ".repeat(600));
        let m = parse(&many);
        assert!(m.elements.is_empty());
        assert_eq!(m.unread[0].why, "more than 512 attributes");
        let gap = format!("<a {} href=\"x\">", "=".repeat(5000));
        assert_eq!(
            parse(&gap).unread[0].why,
            "more than 4 kB outside quoted values"
        );
        // Stray `<` in code is not noted.
        assert!(
            parse(&format!("if (i<n {} )", "x".repeat(5000)))
                .unread
                .is_empty()
        );
    }

    #[test]
    fn comments_are_recorded_and_skipped() {
        let s = "<!-- <img src=a> --><p>{# <img src=b> #}</p>{{!-- <b> --}}";
        let m = parse(s);
        assert_eq!(names(&m), ["p"]);
        assert_eq!(m.comments.len(), 3);
        assert!(m.in_comment(5));
        assert!(!m.in_comment(s.find("<p>").unwrap()));
    }

    #[test]
    fn svelte_blocks_are_not_comments() {
        let s = "{#if show}<img src=\"a.gif\">{/if}";
        assert_eq!(names(&parse(s)), ["img"]);
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        let s = "if (a<b && c > d) { x = \"<a href='y'>\"; } for (i=0;i<n;i++) {}";
        let m = parse(s);
        assert!(names(&m).contains(&"a"), "{:?}", names(&m));
    }

    #[test]
    fn unterminated_input_never_panics() {
        for s in [
            "<",
            "<a",
            "<a href",
            "<a href=",
            "<a href=\"",
            "<a href='x",
            "<a {",
            "<a {{",
            "<a <?php",
            "</",
            "</a",
            "<!--",
            "{#",
            "{{!",
            "<img src={a",
            "<a b=c",
        ] {
            let _ = parse(s);
        }
    }
}
