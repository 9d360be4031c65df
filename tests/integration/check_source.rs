//! What `check` makes of a file before judging it: its kind from its name,
//! whether it is app code, its bytes as text, lines and columns, quotes
//! on one line, and names safe to print.

use ceop_onboard::audit::source::{excerpt_within, one_line};
use ceop_onboard::audit::{AppKind, FileKind, LineIndex, Origin, decode};

#[test]
fn every_extension_names_its_kind() {
    use FileKind::*;
    let table: &[(&[&str], FileKind)] = &[
        (
            &[
                "html",
                "htm",
                "xhtml",
                "shtml",
                "php",
                "phtml",
                "inc",
                "mustache",
                "twig",
                "jinja",
                "jinja2",
                "j2",
                "liquid",
                "hbs",
                "handlebars",
                "njk",
                "erb",
                "ejs",
                "tpl",
                "tmpl",
                "xsl",
                "xslt",
                "cshtml",
                "aspx",
                "ascx",
                "jsp",
                "astro",
                "gohtml",
                "vm",
                "ftl",
                "blade",
            ],
            Markup,
        ),
        (&["md", "markdown", "mdx"], Markdown),
        (&["css", "scss", "sass", "less"], Css),
        (&["js", "jsx", "ts", "tsx", "mjs", "cjs"], Script),
        (&["vue"], Vue),
        (&["svelte"], Svelte),
        (&["swift"], Swift),
        (&["kt", "kts"], Kotlin),
        (&["java"], Java),
        (&["xml", "plist"], Xml),
        (&["dart"], Dart),
        (&["txt"], Text),
        (
            &[
                "json",
                "yml",
                "yaml",
                "toml",
                "ini",
                "conf",
                "cfg",
                "properties",
                "neon",
            ],
            Data,
        ),
    ];
    for (exts, kind) in table {
        for ext in *exts {
            assert_eq!(
                FileKind::from_path(&format!("dir/a.{ext}")),
                Some(*kind),
                "{ext}"
            );
            let upper = format!("A.{}", ext.to_ascii_uppercase());
            assert_eq!(FileKind::from_path(&upper), Some(*kind), "{upper}");
        }
    }
    assert_eq!(FileKind::from_path("dir.php\\Makefile"), None);
    assert_eq!(FileKind::from_path("dir.php/Makefile"), None);
    assert_eq!(FileKind::from_path("c:\\site\\index.html"), Some(Markup));
    assert_eq!(FileKind::from_path("a.exe"), None);
}

#[test]
fn files_that_are_not_text_and_dotfiles_are_passed_by() {
    for name in [
        "a.gif",
        "a.PNG",
        "a.jpg",
        "a.jpeg",
        "a.svg",
        "a.webp",
        "a.bmp",
        "a.avif",
        "a.ico",
        "a.tif",
        "a.tiff",
        "a.woff",
        "a.woff2",
        "a.ttf",
        "a.otf",
        "a.eot",
        "a.pdf",
        "a.zip",
        "a.gz",
        "a.mp4",
        "a.mp3",
        "a.webm",
        "app.js.map",
        "Cargo.lock",
        ".gitignore",
        "dir/.editorconfig",
        "dir\\.env",
    ] {
        assert!(FileKind::is_not_text(name), "{name}");
    }
    for name in [
        "a.html",
        "a.json",
        ".eslintrc.json",
        "Makefile",
        "a.gif.txt",
        "gif",
    ] {
        assert!(!FileKind::is_not_text(name), "{name}");
    }
}

#[test]
fn app_code_is_known_by_its_kind_and_words() {
    use AppKind::*;
    use FileKind::*;
    for (kind, text, app) in [
        (Swift, "", Some(Apple)),
        (Dart, "", Some(Flutter)),
        (Kotlin, "import android.os.Bundle", Some(Android)),
        (Java, "import android.app.Activity;", Some(Android)),
        (Kotlin, "fun main() {}", None),
        (Java, "class A {}", None),
        (Xml, "<Button android:text=\"x\"/>", Some(Android)),
        (
            Xml,
            "<resources><string name=\"a\">b</string></resources>",
            Some(Android),
        ),
        (Xml, "<feed/>", None),
        (
            Script,
            "import { View } from 'react-native';",
            Some(ReactNative),
        ),
        (
            Script,
            "const rn = require(\"react-native\");",
            Some(ReactNative),
        ),
        (Script, "import React from 'react';", None),
        (Markup, "'react-native' android:", None),
    ] {
        assert_eq!(AppKind::detect(kind, text), app, "{kind:?} {text}");
    }
    assert_eq!(ReactNative.describe(), "React Native app code");
    assert_eq!(Apple.describe(), "Swift app code");
    assert_eq!(Android.describe(), "Android app code");
    assert_eq!(Flutter.describe(), "Flutter app code");
    assert_eq!(BrowserExtension.describe(), "a browser extension");
}

#[test]
fn bytes_become_text_of_the_same_length_and_lines_count_characters() {
    assert_eq!(decode(b"plain"), "plain");
    assert_eq!(decode(b"a\xffb\xfe\xfdc"), "a\u{1a}b\u{1a}\u{1a}c");
    let text = "é\nab‘c\n";
    let idx = LineIndex::new(text);
    assert_eq!(idx.locate(text, 1), (1, 1), "inside a character: its start");
    assert_eq!(idx.locate(text, 2), (1, 2));
    assert_eq!(idx.locate(text, 3), (2, 1));
    assert_eq!(idx.locate(text, text.find('c').unwrap()), (2, 4));
    assert_eq!(idx.locate(text, 999), (3, 1));
}

#[test]
fn quotes_fold_to_one_line_within_their_length() {
    assert_eq!(one_line("  a \r\n b\u{202e}c\u{7f}d "), "a b c d");
    assert_eq!(one_line("\u{2028}"), "");
    assert_eq!(excerpt_within("abc", 3), "abc");
    assert_eq!(excerpt_within("abcd", 3), "ab…");
    assert_eq!(excerpt_within("abcd", 0), "…");
    assert_eq!(excerpt_within("a&amp;b", 3), "a&b");
    // Entities decode before the cut: 8 characters of source per one quoted.
    let long = "&amp;".repeat(20);
    assert_eq!(excerpt_within(&long, 4), "&&&…");
}

#[test]
fn names_are_escaped_for_the_terminal() {
    let escaped = |s: &str| Origin::Named(s.into()).escaped();
    assert_eq!(escaped("a\tb\rc\\d"), "a\\tb\\rc\\\\d");
    assert_eq!(escaped("x\u{7}y"), "x\\x07y");
    assert_eq!(escaped("x\u{85}y"), "x\\x85y");
    for c in [
        '\u{61c}', '\u{200e}', '\u{200f}', '\u{2028}', '\u{2029}', '\u{202a}', '\u{202e}',
        '\u{2066}', '\u{2069}',
    ] {
        assert_eq!(
            escaped(&format!("a{c}b")),
            format!("a\\u{{{:x}}}b", c as u32)
        );
    }
    assert_eq!(
        escaped("\u{202f}\u{2065}\u{206a}"),
        "\u{202f}\u{2065}\u{206a}"
    );
    assert_eq!(
        format!("{}", Origin::Url("https://x/\n".into())),
        "https://x/\\n"
    );
    assert_eq!(Origin::Url("u".into()).lossy(), "u");
}
