//! CSS as far as the button is concerned: rules and declarations, and which of them alter, hide or crop it.
//!
//! Reads stylesheets (CSS, SCSS, Less, `<style>` blocks) and inline styles,
//! including JavaScript style objects (`style={{ width: 200 }}`). Tolerant:
//! unbalanced braces and template code end a block early, never the scan.

use std::ops::Range;

/// One `property: value`, lower-cased, with where the property starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decl {
    pub prop: String,
    pub value: String,
    pub offset: usize,
}

/// One rule: its selector (nested selectors joined) and its declarations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub selector: String,
    pub decls: Vec<Decl>,
}

fn skip_comment(b: &[u8], i: usize) -> usize {
    if b[i..].starts_with(b"/*") {
        b[i + 2..]
            .windows(2)
            .position(|w| w == b"*/")
            .map_or(b.len(), |p| i + 2 + p + 2)
    } else {
        i
    }
}

/// The end of a statement or prelude starting at `i`: the first `{`, `;` or
/// `}` outside strings, comments and parentheses.
fn statement_end(b: &[u8], mut i: usize, end: usize) -> usize {
    let mut parens = 0usize;
    while i < end {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_comment(b, i).min(end);
                continue;
            }
            b'"' | b'\'' => {
                let q = b[i];
                i += 1;
                while i < end && b[i] != q && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' => parens += 1,
            b')' => parens = parens.saturating_sub(1),
            b'{' | b';' | b'}' if parens == 0 => return i,
            _ => {}
        }
        i += 1;
    }
    end
}

/// The offset of the `}` matching the `{` at `open`, or `end`.
fn block_end(b: &[u8], open: usize, end: usize) -> usize {
    let mut depth = 0usize;
    let mut i = open;
    while i < end {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = skip_comment(b, i).min(end);
                continue;
            }
            b'"' | b'\'' => {
                let q = b[i];
                i += 1;
                while i < end && b[i] != q && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    end
}

/// The most selectors a nested rule expands to, and their total length:
/// `a, b { c, d { … } }` is `a c, a d, b c, b d`, which grows as a product
/// with each level, so a crafted or broken stylesheet could make it huge.
const MAX_SELECTORS: usize = 256;
const MAX_SELECTOR_BYTES: usize = 64 * 1024;

fn combine(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        return child.to_string();
    }
    let parts = |s: &'_ str| -> Vec<String> {
        s.split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut out: Vec<String> = Vec::new();
    let mut bytes = 0;
    'all: for p in parts(parent) {
        for c in parts(child) {
            let selector = if c.contains('&') {
                c.replace('&', &p)
            } else {
                format!("{p} {c}")
            };
            bytes += selector.len() + 2;
            if out.len() == MAX_SELECTORS || bytes > MAX_SELECTOR_BYTES {
                break 'all;
            }
            out.push(selector);
        }
    }
    out.join(", ")
}

/// Lower-cased, comments dropped, each run of white space one space.
fn fold(s: &str) -> String {
    let mut words = Vec::new();
    let mut rest = s;
    while let Some((before, after)) = rest.split_once("/*") {
        words.extend(before.split_whitespace());
        rest = after.split_once("*/").map_or("", |(_, a)| a);
    }
    words.extend(rest.split_whitespace());
    words.join(" ").to_ascii_lowercase()
}

/// The rules of the stylesheet `text[range]`; offsets are into `text`.
pub fn rules(text: &str, range: Range<usize>) -> Vec<Rule> {
    let mut out = Vec::new();
    block(text, range, "", &mut out, 0);
    out
}

fn block(text: &str, range: Range<usize>, parent: &str, out: &mut Vec<Rule>, depth: usize) {
    let b = text.as_bytes();
    let end = range.end.min(b.len());
    let mut i = range.start;
    let mut decls = Vec::new();
    while i < end {
        if b[i].is_ascii_whitespace() || b[i] == b'}' {
            i += 1;
            continue;
        }
        let j = skip_comment(b, i).min(end);
        if j != i {
            i = j;
            continue;
        }
        let stop = statement_end(b, i, end);
        let prelude = &text[i..stop];
        if stop < end && b[stop] == b'{' {
            let close = block_end(b, stop, end);
            let head = fold(prelude);
            if depth < 32 {
                if head.starts_with("@media")
                    || head.starts_with("@supports")
                    || head.starts_with("@layer")
                    || head.starts_with("@container")
                    || head.starts_with("@document")
                    || head.starts_with("@include")
                {
                    block(text, stop + 1..close, parent, out, depth + 1);
                } else if !head.starts_with('@') {
                    block(
                        text,
                        stop + 1..close,
                        &combine(parent, &head),
                        out,
                        depth + 1,
                    );
                }
            }
            // At `}` (or the end): the loop's start steps over it.
            i = close;
        } else {
            if !parent.is_empty()
                && let Some(d) = declaration(text, i, stop)
            {
                decls.push(d);
            }
            i = stop + 1;
        }
    }
    if !decls.is_empty() {
        out.push(Rule {
            selector: parent.to_string(),
            decls,
        });
    }
}

fn declaration(text: &str, start: usize, end: usize) -> Option<Decl> {
    let s = &text[start..end];
    let colon = s.find(':')?;
    let raw = s[..colon].trim();
    let lead = s.len() - s.trim_start().len();
    let prop = kebab(raw.trim_matches(|c| matches!(c, '"' | '\'')));
    if prop.is_empty() || !prop.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
        return None;
    }
    let value = fold(
        s[colon + 1..]
            .trim()
            .trim_end_matches(|c: char| c == '}' || c.is_whitespace())
            .trim_matches(|c| matches!(c, '"' | '\'' | ',')),
    );
    Some(Decl {
        prop,
        value,
        offset: start + lead,
    })
}

/// `maxWidth` → `max-width`; CSS names pass through lower-cased.
fn kebab(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The declarations of an inline style: CSS (`a: b; c: d`) or a JavaScript
/// object (`{ width: 200, height: '51px' }`). Offsets are into `text`.
pub fn declarations(text: &str, range: Range<usize>) -> Vec<Decl> {
    let b = text.as_bytes();
    let mut inner = text.get(range.start..range.end.min(b.len())).unwrap_or("");
    // Unwrap `{ … }` and `{{ … }}` (a JSX expression holding an object).
    loop {
        inner = inner.trim_matches(|c: char| c.is_ascii_whitespace());
        match inner.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(s) => inner = s,
            None => break,
        }
    }
    // `inner` is a part of `text`: where it starts there.
    let mut start = inner.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + inner.len();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = start;
    while i <= end {
        let c = if i < end { b[i] } else { b';' };
        match c {
            b'{' | b'(' | b'[' => depth += 1,
            b'}' | b')' | b']' => depth = depth.saturating_sub(1),
            b'"' | b'\'' => {
                let q = c;
                i += 1;
                while i < end && b[i] != q {
                    i += 1;
                }
            }
            b';' | b',' if depth == 0 => {
                if let Some(d) = declaration(text, start, i.min(end)) {
                    out.push(d);
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// A length in CSS pixels, or a bare number (React Native, attributes).
pub fn pixels(value: &str) -> Option<f64> {
    let v = value.trim().trim_end_matches("!important").trim();
    let v = v.strip_suffix("px").unwrap_or(v).trim();
    v.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn is_default(value: &str) -> bool {
    matches!(
        value.trim_end_matches("!important").trim(),
        "auto" | "initial" | "inherit" | "unset" | "revert" | "none" | "normal"
    )
}

/// Whether a length value is negative: `-20px`, `0 -10px`, `calc(-1 * 5px)`.
fn has_negative_length(value: &str) -> bool {
    value
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ','))
        .any(|t| {
            t.strip_prefix('-')
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit() || c == '.'))
                && t[1..]
                    .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '%')
                    .parse::<f64>()
                    .is_ok_and(|n| n > 0.0)
        })
}

/// What one declaration does to the button it applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Shown at another size (R5).
    Resized,
    /// Changed some other way (R5).
    Altered,
    /// Not visible (R9).
    Hidden,
    /// Pushed off the edge of the page (R9).
    OffPage,
    /// Clips what is inside (R9, on a wrapper).
    Clips,
}

/// The effect of `decl` on the button itself, the image being `w`×`h`.
pub fn on_button(decl: &Decl, w: u32, h: u32) -> Option<Effect> {
    let v = decl.value.as_str();
    let px = pixels(v);
    let (w, h) = (f64::from(w), f64::from(h));
    let same = |n: f64| px.is_some_and(|p| (p - n).abs() < 0.5);
    match decl.prop.as_str() {
        "width" => (!(same(w) || is_default(v) || v == "fit-content")).then_some(Effect::Resized),
        "height" => (!(same(h) || is_default(v) || v == "fit-content")).then_some(Effect::Resized),
        "max-width" => (!(is_default(v) || px.is_some_and(|p| p >= w))).then_some(Effect::Resized),
        "max-height" => (!(is_default(v) || px.is_some_and(|p| p >= h))).then_some(Effect::Resized),
        "min-width" => (!(is_default(v) || px.is_some_and(|p| p <= w))).then_some(Effect::Resized),
        "min-height" => (!(is_default(v) || px.is_some_and(|p| p <= h))).then_some(Effect::Resized),
        "zoom" | "scale" => {
            (!(is_default(v) || v == "1" || v == "100%")).then_some(Effect::Resized)
        }
        "aspect-ratio" | "background-size" => (!is_default(v)).then_some(Effect::Resized),
        "transform" | "filter" | "mix-blend-mode" | "mask" | "mask-image" | "clip-path"
        | "clip" | "tint-color" => (!is_default(v)).then_some(Effect::Altered),
        "object-fit" => (!is_default(v) && v != "fill").then_some(Effect::Altered),
        "opacity" => match v.trim_end_matches('%').parse::<f64>() {
            Ok(0.0) => Some(Effect::Hidden),
            Ok(1.0 | 100.0) => None,
            _ => Some(Effect::Altered),
        },
        _ => on_wrapper(decl),
    }
}

/// The effect of `decl` on a button inside the element it applies to.
pub fn on_wrapper(decl: &Decl) -> Option<Effect> {
    let v = decl.value.as_str();
    match decl.prop.as_str() {
        "display" => (v.trim_end_matches("!important").trim() == "none").then_some(Effect::Hidden),
        "visibility" => matches!(
            v.trim_end_matches("!important").trim(),
            "hidden" | "collapse"
        )
        .then_some(Effect::Hidden),
        "opacity" => (v.parse::<f64>() == Ok(0.0)).then_some(Effect::Hidden),
        "margin"
        | "margin-left"
        | "margin-right"
        | "margin-top"
        | "margin-bottom"
        | "margin-inline"
        | "margin-block"
        | "margin-inline-start"
        | "margin-inline-end"
        | "left"
        | "right"
        | "top"
        | "bottom"
        | "inset"
        | "text-indent"
        | "margin-horizontal"
        | "margin-vertical"
        | "start"
        | "end" => has_negative_length(v).then_some(Effect::OffPage),
        "overflow" | "overflow-x" | "overflow-y" => {
            matches!(v.trim_end_matches("!important").trim(), "hidden" | "clip")
                .then_some(Effect::Clips)
        }
        "clip-path" | "clip" => (!is_default(v)).then_some(Effect::Clips),
        _ => None,
    }
}

/// Whether a wrapper with these declarations is too small for the button
/// (`width`/`height`/`max-*` below `w`×`h`), so that clipping crops it.
pub fn too_small(decls: &[Decl], w: u32, h: u32) -> bool {
    decls.iter().any(|d| {
        let limit = match d.prop.as_str() {
            "width" | "max-width" => f64::from(w),
            "height" | "max-height" => f64::from(h),
            _ => return false,
        };
        pixels(&d.value).is_some_and(|p| p < limit)
    })
}

/// The last compound selector of each selector in a list: what it styles.
fn subjects(selector: &str) -> impl Iterator<Item = (&str, &str)> {
    selector.split(',').map(|complex| {
        let complex = complex.trim();
        let last = complex
            .rsplit([' ', '>', '+', '~'])
            .find(|s| !s.is_empty())
            .unwrap_or(complex);
        (complex, last)
    })
}

fn is_image_type(compound: &str) -> bool {
    let name: String = compound
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    matches!(name.as_str(), "img" | "image" | "picture" | "amp-img")
}

/// Whether a selector styles the button image: an `img` under something
/// named after CEOP, or an element whose class or id names the button, or
/// one of `names` (classes and ids of button images found in the same file).
pub fn targets_button(selector: &str, names: &[String]) -> bool {
    subjects(selector).any(|(complex, last)| {
        (is_image_type(last) && complex.contains("ceop"))
            || (last.contains("ceop")
                && [
                    "button", "btn", "click", "img", "image", "gif", "logo", "icon",
                ]
                .iter()
                .any(|w| last.contains(w)))
            || names
                .iter()
                .any(|n| selector_names(last).contains(&n.as_str()))
    })
}

/// Whether a selector styles something named after CEOP (a wrapper of the
/// button, or the button) or one of `names`.
pub fn targets_ceop(selector: &str, names: &[String]) -> bool {
    subjects(selector).any(|(complex, last)| {
        last.contains("ceop")
            || (is_image_type(last) && complex.contains("ceop"))
            || names
                .iter()
                .any(|n| selector_names(last).contains(&n.as_str()))
    })
}

/// The class and id names in a compound selector.
fn selector_names(compound: &str) -> Vec<&str> {
    compound
        .split(['.', '#', ':', '['])
        .skip(1)
        .map(|s| s.trim_end_matches(']'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// fuzz/check: 1.4 kB of nested rules with comma lists took seconds and
    /// hundreds of MB, each level multiplying the selectors of the last.
    #[test]
    fn nested_selector_lists_stay_bounded() {
        let list = format!("a{}", ",b".repeat(40));
        let sheet = format!(
            "{}width: 1px{}",
            format!("{list} {{").repeat(8),
            "}".repeat(8)
        );
        let rules = rules(&sheet, 0..sheet.len());
        assert_eq!(rules.len(), 1);
        let selector = &rules[0].selector;
        assert!(
            selector.split(", ").count() <= MAX_SELECTORS,
            "{}",
            selector.len()
        );
        assert!(selector.len() <= MAX_SELECTOR_BYTES);
        assert!(selector.starts_with("a a a a a a a a, "));
        assert_eq!(combine(".x, , .y", ".z,,"), ".x .z, .y .z");
    }

    #[test]
    fn nested_and_at_rules() {
        let s = "@media (max-width: 600px) { .ceop img { width: 100px; } }\n.footer { .ceop-btn { opacity: .5 } &:hover { color: red } }";
        let r = rules(s, 0..s.len());
        let sel: Vec<&str> = r.iter().map(|r| r.selector.as_str()).collect();
        assert_eq!(sel, [".ceop img", ".footer .ceop-btn", ".footer:hover"]);
        assert_eq!(r[0].decls[0].prop, "width");
        assert_eq!(&s[r[0].decls[0].offset..r[0].decls[0].offset + 5], "width");
    }

    #[test]
    fn inline_css_and_js_objects() {
        let s = "width: 200px; transform:scale(2)";
        let d = declarations(s, 0..s.len());
        assert_eq!(d.len(), 2);
        assert_eq!(d[1].prop, "transform");
        let s = "{{ width: 200, maxWidth: '100%', nested: { a: 1 } }}";
        let d = declarations(s, 0..s.len());
        let props: Vec<&str> = d.iter().map(|d| d.prop.as_str()).collect();
        assert_eq!(props, ["width", "max-width", "nested"]);
    }

    #[test]
    fn effects() {
        let d = |p: &str, v: &str| Decl {
            prop: p.into(),
            value: v.into(),
            offset: 0,
        };
        assert_eq!(on_button(&d("width", "143px"), 143, 51), None);
        assert_eq!(on_button(&d("width", "143"), 143, 51), None);
        assert_eq!(
            on_button(&d("width", "100%"), 143, 51),
            Some(Effect::Resized)
        );
        assert_eq!(on_button(&d("height", "auto"), 143, 51), None);
        assert_eq!(
            on_button(&d("max-width", "100%"), 143, 51),
            Some(Effect::Resized)
        );
        assert_eq!(
            on_button(&d("opacity", "0.5"), 143, 51),
            Some(Effect::Altered)
        );
        assert_eq!(on_button(&d("opacity", "0"), 143, 51), Some(Effect::Hidden));
        assert_eq!(
            on_button(&d("margin-left", "-9999px"), 143, 51),
            Some(Effect::OffPage)
        );
        assert_eq!(on_button(&d("margin", "0 auto"), 143, 51), None);
        assert_eq!(on_button(&d("display", "block"), 143, 51), None);
        assert_eq!(
            on_wrapper(&d("display", "none !important")),
            Some(Effect::Hidden)
        );
        assert_eq!(on_wrapper(&d("overflow", "hidden")), Some(Effect::Clips));
    }

    #[test]
    fn selectors() {
        let none: Vec<String> = Vec::new();
        assert!(targets_button(".ceop-signposting img", &none));
        assert!(targets_button("#clickceop", &none));
        assert!(targets_button("a[href*=\"ceop\"] img", &none));
        assert!(!targets_button(".ceop-signposting", &none));
        assert!(!targets_button(".ceop-signposting p", &none));
        assert!(targets_ceop(".ceop-signposting", &none));
        assert!(!targets_ceop(".ceop-signposting p", &none));
        assert!(targets_button(".footer .badge", &["badge".to_string()]));
    }

    #[test]
    fn broken_css_never_panics() {
        for s in [
            "{",
            "}",
            "a {",
            "a { b: ",
            "@media {",
            "/*",
            "a{b:c;}}}",
            "'",
            "a { '",
        ] {
            let _ = rules(s, 0..s.len());
            let _ = declarations(s, 0..s.len());
        }
    }
}
