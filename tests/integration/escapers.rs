//! Each escaper's exact output for the characters its language treats
//! specially: the property tests prove values read back, these pin the
//! bytes (which escape, which reference, what becomes U+FFFD).

use ceop_onboard::render::{
    escape_android, escape_html, escape_markdown, escape_swift, js_string, markdown_url,
};

/// Inputs with every special character of some language, in one table.
const MARKUP: &str = "&<>\"'";
const BREAKS: &str = "a\nb\r\nc\rd\te\r";
const CONTROLS: &str = "\0\u{7f}\u{85}x";
const NONCHARACTERS: &str =
    "\u{FDD0}\u{FDEF}\u{FDCF}\u{FDF0}\u{FFFE}\u{FFFF}\u{1FFFE}\u{10FFFF}\u{FFFD}\u{FFFC}é";
const RESOURCE_REFS: &str = "@x?y@";
const INVISIBLE: &str = "\u{202E}\u{200B}\u{2060}\u{FEFF}\u{1}";
const SCRIPT_ENDS: &str = "<b>\u{2028}\u{2029}";
const MARKDOWN: &str = "*_~[]<>#|!{}`\\ a";
const REFERENCES: &str = "&amp; &#39; &#x27; & ;&; &a b; &";
const URL: &str = "a b(c)[d]<e>\"f'g`h\\i\u{7}j\u{a0}k&amp;l&m;n\u{2028}";
const PLAIN: &str = "é€😀";

#[test]
fn html_escapes_markup_line_breaks_and_what_xml_cannot_carry() {
    for (input, want) in [
        (MARKUP, "&amp;&lt;&gt;&quot;&#39;"),
        (BREAKS, "a&#10;b&#10;c&#10;d&#9;e&#10;"),
        (CONTROLS, "\u{FFFD}\u{FFFD}\u{FFFD}x"),
        (
            NONCHARACTERS,
            "\u{FFFD}\u{FFFD}\u{FDCF}\u{FDF0}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFC}é",
        ),
        (INVISIBLE, "\u{202E}\u{200B}\u{2060}\u{FEFF}\u{FFFD}"),
        (
            REFERENCES,
            "&amp;amp; &amp;#39; &amp;#x27; &amp; ;&amp;; &amp;a b; &amp;",
        ),
        (PLAIN, PLAIN),
        ("", ""),
    ] {
        assert_eq!(escape_html(input), want, "{input:?}");
    }
}

#[test]
fn android_escapes_backslash_quotes_breaks_leading_references_then_xml() {
    for (input, want) in [
        (MARKUP, "&amp;&lt;&gt;\\&quot;\\&#39;"),
        (BREAKS, "a\\nb\\u000d\\nc\\u000dd\\te\\u000d"),
        (CONTROLS, "\\u0000\\u007f\\u0085x"),
        (RESOURCE_REFS, "\\@x?y@"),
        ("?x@", "\\?x@"),
        ("back\\slash", "back\\\\slash"),
        (INVISIBLE, "\u{202E}\u{200B}\u{2060}\u{FEFF}\\u0001"),
        (
            NONCHARACTERS,
            "\u{FFFD}\u{FFFD}\u{FDCF}\u{FDF0}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFC}é",
        ),
        (PLAIN, PLAIN),
    ] {
        assert_eq!(escape_android(input), want, "{input:?}");
    }
}

#[test]
fn swift_escapes_backslash_quote_breaks_and_invisible_characters() {
    for (input, want) in [
        (MARKUP, "&<>\\\"'"),
        (BREAKS, "a\\nb\\r\\nc\\rd\\te\\r"),
        (CONTROLS, "\\u{0}\\u{7f}\\u{85}x"),
        (INVISIBLE, "\\u{202e}\\u{200b}\\u{2060}\\u{feff}\\u{1}"),
        ("back\\slash", "back\\\\slash"),
        // Line and paragraph separators are format characters: escaped.
        (SCRIPT_ENDS, "<b>\\u{2028}\\u{2029}"),
        (PLAIN, PLAIN),
    ] {
        assert_eq!(escape_swift(input), want, "{input:?}");
    }
}

#[test]
fn js_quotes_and_escapes_what_could_end_a_script_or_hide_text() {
    for (input, want) in [
        (MARKUP, "\"&\\u003c\\u003e\\\"'\""),
        (BREAKS, "\"a\\nb\\r\\nc\\rd\\u0009e\\r\""),
        (CONTROLS, "\"\\u0000\\u007f\\u0085x\""),
        (INVISIBLE, "\"\\u202e\\u200b\\u2060\\ufeff\\u0001\""),
        (SCRIPT_ENDS, "\"\\u003cb\\u003e\\u2028\\u2029\""),
        ("back\\slash", "\"back\\\\slash\""),
        (PLAIN, "\"é€😀\""),
        ("", "\"\""),
    ] {
        assert_eq!(js_string(input), want, "{input:?}");
    }
}

#[test]
fn markdown_escapes_its_punctuation_and_references_and_folds_line_breaks() {
    for (input, want) in [
        (MARKUP, "&\\<\\>\"'"),
        (BREAKS, "a b c d\te "),
        (MARKDOWN, "\\*\\_\\~\\[\\]\\<\\>\\#\\|\\!\\{\\}\\`\\\\ a"),
        (REFERENCES, "\\&amp; \\&\\#39; \\&\\#x27; & ;&; &a b; &"),
        (PLAIN, PLAIN),
    ] {
        assert_eq!(escape_markdown(input), want, "{input:?}");
    }
}

#[test]
fn markdown_urls_percent_encode_what_ends_a_destination_and_escape_references() {
    for (input, want) in [
        (MARKUP, "&%3C%3E%22%27"),
        (BREAKS, "a%0Ab%0D%0Ac%0Dd%09e%0D"),
        (
            URL,
            "a%20b%28c%29%5Bd%5D%3Ce%3E%22f%27g%60h%5Ci%07j%C2%A0k\\&amp;l\\&m;n%E2%80%A8",
        ),
        (
            REFERENCES,
            "\\&amp;%20\\&#39;%20\\&#x27;%20&%20;&;%20&a%20b;%20&",
        ),
        (
            "https://www.example.sch.uk/a.gif?x=1&y=2#top",
            "https://www.example.sch.uk/a.gif?x=1&y=2#top",
        ),
        (PLAIN, PLAIN),
    ] {
        assert_eq!(markdown_url(input), want, "{input:?}");
    }
}
