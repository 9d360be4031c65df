//! Reading a Swift string literal back: shared with the fuzz targets
//! (fuzz/src/lib.rs includes this file), so both check Swift artifacts by
//! the same rules. Uses only the standard library.

/// Undoes Swift's string-literal escapes; panics on anything a Swift string
/// literal cannot hold as it is: a quote, a line break, an interpolation.
pub fn swift_unescape(lit: &str) -> String {
    let mut out = String::new();
    let mut chars = lit.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => panic!("unescaped quote in {lit:?}"),
            '\n' | '\r' => panic!("raw line break in {lit:?}"),
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some('0') => out.push('\0'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some('\'') => out.push('\''),
                Some('u') => {
                    assert_eq!(chars.next(), Some('{'), "\\u without braces in {lit:?}");
                    let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let n = u32::from_str_radix(&hex, 16)
                        .unwrap_or_else(|_| panic!("bad \\u{{{hex}}} in {lit:?}"));
                    out.push(char::from_u32(n).expect("a Unicode scalar value"));
                }
                other => panic!("\\{other:?} is not a Swift escape (interpolation?) in {lit:?}"),
            },
            _ => out.push(c),
        }
    }
    out
}
