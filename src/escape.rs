//! Escaping for each artifact language: HTML/XML, Android string resources, Swift and JavaScript string literals, Markdown text and link destinations.

use crate::answers::hidden_char;

/// Escapes text for HTML or XML content and attribute values.
///
/// Line breaks and tabs become character references, so an XML reader keeps
/// them in attribute values instead of turning them into spaces; CR LF and a
/// lone CR are one line break, as HTML reads them. Characters neither
/// language can carry, even as a reference (controls other than tab and line
/// feed, Unicode noncharacters), become U+FFFD: the document stays
/// well-formed and passes the Nu HTML Checker.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("&#10;");
            }
            '\t' => out.push_str("&#9;"),
            c if c.is_control() || is_noncharacter(c) => out.push('\u{FFFD}'),
            _ => out.push(c),
        }
    }
    out
}

/// U+FDD0–U+FDEF and the last two code points of every plane: never text.
fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// Escapes text for the content of an Android `<string>` resource: Android's
/// own backslash escapes first, then XML's.
pub fn escape_android(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '@' | '?' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            _ => out.push(c),
        }
    }
    escape_html(&out)
}

/// Escapes text for the inside of a Swift string literal. Controls and the
/// invisible characters that can reorder source code (bidi controls,
/// zero-width characters) are written as `\u{…}`, so the literal reads in an
/// editor as the compiler reads it.
pub fn escape_swift(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}

/// A complete JavaScript string literal (quotes included) for `s`, safe in
/// JSX and in a `<script>` element. Controls and invisible characters that
/// can reorder source code are written as `\uXXXX` (all are in the BMP).
pub fn js_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '<' | '>' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            // `\uXXXX` holds four hex digits: a character beyond U+FFFF
            // is written as its UTF-16 surrogate pair.
            c if hidden_char(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", unit));
                }
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes Markdown's special characters so text stays text. Line breaks
/// become spaces: a value is one run of inline text, and a line break could
/// end its paragraph, link or list item, or start a heading or a list.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => out.push(' '),
            '\r' => {
                chars.next_if(|&(_, c)| c == '\n');
                out.push(' ');
            }
            '\\' | '`' | '*' | '_' | '~' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_reference(&s[i + 1..]) => out.push_str("\\&"),
            _ => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` would make it an entity or numeric character
/// reference (`&amp;`, `&#39;`, `&#x27;`), which Markdown decodes.
fn starts_reference(after: &str) -> bool {
    let name = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .unwrap_or(after.len());
    name > 0 && after[name..].starts_with(';')
}

/// A Markdown link destination: anything that could end it or break it
/// (spaces, brackets, quotes, controls) is percent-encoded, and a `&` that
/// would start a character reference is backslash-escaped, so the address
/// reads back exactly as given.
pub fn markdown_url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | '\\' | '"' | '\'' | '(' | ')' | '[' | ']' | '`'
            )
        {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else if c == '&' && starts_reference(&s[i + 1..]) {
            out.push_str("\\&");
        } else {
            out.push(c);
        }
    }
    out
}
