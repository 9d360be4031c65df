//! Comments in code with C-like comments (JavaScript and TypeScript, JSX, Swift, Kotlin, Java, Dart): code that was switched off is not what visitors reach, as an HTML comment is not.
//!
//! Read cautiously, line by line, without a full lexer: a `//` comment is
//! one that starts a line, or follows code after a space when every quote
//! before it on the line is closed; a `/* … */` comment starts the same
//! way (or as JSX's `{/*`) and ends at the first `*/`. An unterminated
//! `/*`, a `//` after a colon (`https://`) or inside a quoted string is not
//! a comment. Whatever is doubtful is read as code, so a comment can only
//! be missed, never invented.

use std::borrow::Cow;
use std::ops::Range;

use super::source::FileKind;

/// The text of a file to judge, with the comments of code (see above)
/// blanked out: every byte of a comment but its line breaks becomes a
/// space, so offsets, lines and columns stay those of the file. Other
/// kinds of file, and code without comments, are returned as they are.
pub fn code_only(kind: FileKind, text: &str) -> Cow<'_, str> {
    use FileKind::*;
    if !matches!(kind, Script | Swift | Kotlin | Java | Dart) {
        return Cow::Borrowed(text);
    }
    let comments = of_code(text);
    if comments.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in comments {
        for b in &mut bytes[r] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Only whole characters were replaced, each by ASCII spaces.
    Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
}

/// The comments of `text`, in order, each from its opener to its end (the
/// end of the line for `//`, just past `*/` for a block).
pub fn of_code(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let code = text[pos..line_end].trim_end_matches('\r');
        match opener(code) {
            Some((at, false)) => out.push(pos + at..pos + code.len()),
            Some((at, true)) => {
                if let Some(len) = text[pos + at + 2..].find("*/") {
                    let end = pos + at + 2 + len + 2;
                    out.push(pos + at..end);
                    // What follows the block on its last line is code again.
                    pos = end;
                    continue;
                }
            }
            None => {}
        }
        pos = line_end + 1;
    }
    out
}

/// Where the first comment of a line's code begins, and whether it is a
/// block; `None` where there is none or it is in doubt.
fn opener(code: &str) -> Option<(usize, bool)> {
    let b = code.as_bytes();
    let mut open: Option<u8> = None;
    let mut i = 0;
    while i + 1 < b.len() {
        let c = b[i];
        match open {
            Some(_) if c == b'\\' => {
                i += 2;
                continue;
            }
            Some(q) if c == q => open = None,
            Some(_) => {}
            None if matches!(c, b'\'' | b'"' | b'`') => open = Some(c),
            None if c == b'/' && matches!(b[i + 1], b'/' | b'*') => {
                let before = code[..i].trim();
                let lead = before.is_empty() || before == "{";
                let after_space = b[..i].last().is_some_and(u8::is_ascii_whitespace);
                if lead || after_space {
                    return Some((i, b[i + 1] == b'*'));
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comments(text: &str) -> Vec<&str> {
        of_code(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn line_and_block_comments_are_found() {
        let text = "// old: http://www.ceop.gov.uk\nlet a = 1; // was http://x\n  /* a\n b */ let b = 2;\n  {/* <a href=\"x\"> */}\n";
        assert_eq!(
            comments(text),
            [
                "// old: http://www.ceop.gov.uk",
                "// was http://x",
                "/* a\n b */",
                "/* <a href=\"x\"> */"
            ]
        );
        // Closed strings before a comment, escapes and all.
        assert_eq!(comments("let u = 'x'; // a\n"), ["// a"]);
        assert_eq!(comments("let u = \"a\\\"b\"; // c\n"), ["// c"]);
        assert_eq!(comments("let u = 'a\\\\'; // d\n"), ["// d"]);
        // Code after a block comment's end is read again for comments.
        assert_eq!(comments("/* a */ x; // b\n"), ["/* a */", "// b"]);
        assert_eq!(comments("/* a\n*/ x; // b\n"), ["/* a\n*/", "// b"]);
    }

    #[test]
    fn what_is_in_doubt_is_code() {
        for text in [
            "let u = 'https://www.ceop.gov.uk';\n",
            "let u = \"//www.ceop.gov.uk\";\n",
            "let u = ' //www.ceop.gov.uk';\n",
            "let u = 'a\\' //b';\n",
            "<p>See https://www.ceop.gov.uk</p>\n",
            "<p>Don't // report here</p>\n",
            "let r = a//b;\n",
            "/* never closed\nhttp://www.ceop.gov.uk\n",
            "x = `a\n// in a template string\n`;\n",
        ] {
            // The last: a multi-line template string is not followed across
            // lines, so a line in it that starts with `//` is read as one.
            let found = comments(text);
            if text.starts_with("x = `") {
                assert_eq!(found, ["// in a template string"]);
            } else {
                assert_eq!(found, [] as [&str; 0], "{text}");
            }
        }
    }

    #[test]
    fn comments_of_code_are_blanked_in_place() {
        let text = "a; // é x\n/* b\n c */ d\n";
        let blank = code_only(FileKind::Script, text);
        assert_eq!(
            blank,
            format!(
                "a;{}\n{}\n{}d\n",
                " ".repeat(8),
                " ".repeat(4),
                " ".repeat(6)
            )
        );
        assert_eq!(blank.len(), text.len());
        for kind in [
            FileKind::Markup,
            FileKind::Css,
            FileKind::Markdown,
            FileKind::Vue,
        ] {
            assert_eq!(code_only(kind, text), text);
        }
        for kind in [
            FileKind::Swift,
            FileKind::Kotlin,
            FileKind::Java,
            FileKind::Dart,
        ] {
            assert_eq!(code_only(kind, text), blank);
        }
    }

    #[test]
    fn a_line_ending_without_a_newline_and_crlf_lines() {
        assert_eq!(comments("x;\r\n// a\r\n// b"), ["// a", "// b"]);
        assert_eq!(comments("/"), [] as [&str; 0]);
    }
}
