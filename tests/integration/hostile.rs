//! Hostile input is rejected where it is typed, and escaped wherever a value
//! reaches an artifact, in every output language.

use ceop_onboard::answers::{Answers, Key};
use ceop_onboard::eligibility::decide;
use ceop_onboard::guide::{EMBEDDED, Guide};
use ceop_onboard::render::{
    Format, Renderer, escape_android, escape_html, escape_markdown, escape_swift, js_string,
    markdown_url,
};

use crate::common::{answers, artifact, paths, strip_markdown, swift_unescape};

const HOSTILE: &[&str] = &[
    "\"><script>alert(1)</script>",
    "' onerror='alert(1)",
    "javascript:alert(1)",
    "a\nb\r\nc",
    "back\\slash \\\" \\n",
    "${x} `tick` \\(interp)",
    "</string><string name=\"x\">",
    "@string/evil",
    "?attr/evil",
    "](javascript:alert(1)) [x](y)",
    "*bold* _em_ # h | t <b>",
    "\u{202E}gnirts\u{202C} \u{2028}\u{2029}",
    "&amp; &lt; &#x27;",
    "",
];

#[test]
fn hostile_typed_answers_are_rejected_each_for_its_own_reason() {
    let contains = |src: &str, c: &str| {
        format!(
            "image_src `{src}` contains `{c}`, which cannot be part of an image address; percent-encode it"
        )
    };
    let scheme = |src: &str, s: &str| {
        format!(
            "image_src `{src}` uses the scheme `{s}`; use a path on your site or an https:// address"
        )
    };
    let invisible = |key: &str, code: &str| {
        format!(
            "{key} contains the invisible or formatting character U+{code}; type it again without it"
        )
    };
    for (bad, why) in [
        // The first character no image address may hold is named, before the scheme.
        ("javascript:alert(1)", contains("javascript:alert(1)", "(")),
        (
            "data:text/html,<script>",
            contains("data:text/html,<script>", "<"),
        ),
        ("vbscript:x", scheme("vbscript:x", "vbscript:")),
        (
            "http://example.org/a.gif",
            scheme("http://example.org/a.gif", "http:"),
        ),
        (
            "//example.org/a.gif",
            "image_src `//example.org/a.gif` has no scheme; write it as https://example.org/a.gif"
                .to_string(),
        ),
        ("https://", "image_src `https://` has no host".to_string()),
        (
            "/a.gif\" onerror=\"alert(1)",
            contains("/a.gif\" onerror=\"alert(1)", "\""),
        ),
        ("/a.gif'><script>", contains("/a.gif'><script>", "'")),
        ("/a\n.gif", invisible("image_src", "000A")),
        ("/a\u{202E}.gif", invisible("image_src", "202E")),
        ("/a .gif", contains("/a .gif", " ")),
        ("x) [y](javascript:z", contains("x) [y](javascript:z", ")")),
    ] {
        let mut a = Answers::default();
        assert_eq!(a.set(Key::ImageSrc, bad), Err(why), "image_src {bad:?}");
        assert_eq!(a, Answers::default(), "{bad:?} is not kept");
    }
    for (bad, code) in [
        ("St\u{202E}elpmaxE", "202E"),
        ("line\nbreak", "000A"),
        ("zero\u{200B}width", "200B"),
    ] {
        let mut a = Answers::default();
        assert_eq!(
            a.set(Key::OrganisationName, bad),
            Err(invisible("organisation_name", code)),
            "organisation_name {bad:?}"
        );
    }
    let mut a = Answers::default();
    assert_eq!(
        a.set(Key::OrganisationName, &"x".repeat(201)),
        Err("organisation_name is longer than 200 characters".to_string())
    );
    assert_eq!(a.set(Key::OrganisationName, &"é".repeat(200)), Ok(()));
    assert_eq!(
        a.set(Key::ImageSrc, &format!("/{}", "a".repeat(2048))),
        Err("image_src is longer than 2048 characters".to_string())
    );
    assert_eq!(
        a.set(Key::ImageSrc, &format!("/{}", "a".repeat(2047))),
        Ok(())
    );
}

#[test]
fn organisation_name_never_reaches_an_artifact() {
    for (platform, audience) in paths() {
        let mut a = answers(platform, audience);
        a.set(Key::OrganisationName, "Zed Academy <Trust>").unwrap();
        for doc in artifact(&a).documents {
            assert!(
                !doc.content.contains("Zed Academy"),
                "{platform} {}",
                doc.format
            );
        }
    }
}

#[test]
fn html_escaping_keeps_values_inside_their_attribute_and_text() {
    for s in HOSTILE {
        let xml = format!(
            "<a t=\"{}\" u='{}'>{}</a>",
            escape_html(s),
            escape_html(s),
            escape_html(s)
        );
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        let a = doc.root_element();
        let norm = |x: &str| x.replace("\r\n", "\n").replace('\r', "\n");
        assert_eq!(a.attributes().count(), 2, "{s:?}");
        assert_eq!(a.text().map(norm).unwrap_or_default(), norm(s), "{s:?}");
    }
}

#[test]
fn android_escaping_is_well_formed_and_reversible() {
    for s in HOSTILE {
        let xml = format!(
            "<resources><string name=\"x\">{}</string></resources>",
            escape_android(s)
        );
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        let strings: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("string"))
            .collect();
        assert_eq!(strings.len(), 1, "{s:?}");
        let text = strings[0].text().unwrap_or_default();
        assert!(!text.starts_with('@') && !text.starts_with('?'), "{s:?}");
        // Android treats an unescaped ' or " specially: none may remain.
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\'' || b == b'"' {
                let backslashes = bytes[..i].iter().rev().take_while(|&&c| c == b'\\').count();
                assert!(backslashes % 2 == 1, "{s:?}: unescaped quote in {text:?}");
            }
        }
        assert!(!text.contains('\n'), "{s:?}: raw newline");
    }
}

#[test]
fn swift_escaping_round_trips() {
    for s in HOSTILE {
        assert_eq!(swift_unescape(&escape_swift(s)), *s);
    }
}

#[test]
fn js_string_round_trips_as_json_and_cannot_close_a_script() {
    for s in HOSTILE {
        let lit = js_string(s);
        assert!(!lit.contains("</"), "{lit}");
        let back: String = serde_json::from_str(&lit).unwrap_or_else(|e| panic!("{lit}: {e}"));
        assert_eq!(back, *s);
    }
}

#[test]
fn js_string_writes_a_hidden_character_beyond_u_ffff_as_a_surrogate_pair() {
    // A tag character: `\ue0020` would read as U+E002 then "0".
    assert_eq!(js_string("\u{e0020}"), "\"\\udb40\\udc20\"");
    let back: String = serde_json::from_str(&js_string("a\u{e0020}b")).unwrap();
    assert_eq!(back, "a\u{e0020}b");
}

#[test]
fn markdown_escaping_keeps_text_as_text() {
    for s in HOSTILE {
        let escaped = escape_markdown(s);
        assert!(
            !escaped.contains("](") || escaped.contains("\\]("),
            "{escaped}"
        );
        // A value is inline text: its line breaks read as spaces.
        let inline = s.replace("\r\n", " ").replace(['\r', '\n'], " ");
        assert_eq!(strip_markdown(&escaped), inline);
        let url = markdown_url(s);
        assert!(
            !url.chars()
                .any(|c| c.is_whitespace() || "()<>\"'[]".contains(c)),
            "{url}"
        );
    }
}

/// A config can be edited by anyone: its free-text values are escaped too.
#[test]
fn hostile_config_values_and_unvalidated_answers_are_escaped_in_every_format() {
    let evil = "\\\"><script>alert(1)</script>";
    let source = EMBEDDED.replace(
        "button_alt = \"Click CEOP – get advice or report a concern at the CEOP Safety Centre\"",
        &format!("button_alt = \"{evil}\""),
    );
    assert_ne!(source, EMBEDDED);
    let g = Guide::load("evil.toml", &source).unwrap();
    let r = Renderer::new(None).unwrap();
    for (platform, audience) in paths() {
        let mut a = answers(platform, audience);
        if a.image_src.is_some() {
            // Bypass validation to prove escaping holds on its own.
            a.image_src =
                Some("x\" onerror=\"alert(1)\"><script>y</script>) [z](javascript:w".into());
        }
        let d = decide(&g, &a, None);
        // Each document as rendered, before the audit that would refuse
        // this alt text: escaping must hold on its own.
        let platform = a.platform.unwrap();
        let docs = Format::for_platform(platform)
            .iter()
            .map(|&f| r.document(&g, &a, &d, f).unwrap().unwrap());
        for doc in &docs.collect::<Vec<_>>() {
            let c = &doc.content;
            if doc.format == Format::Markdown {
                let body = &c[c.find("-->").map_or(0, |i| i + 3)..];
                for (i, _) in body.match_indices('<') {
                    assert!(
                        body[..i].ends_with('\\'),
                        "{platform} {}: raw `<` in\n{body}",
                        doc.format
                    );
                }
            } else {
                assert!(
                    !c.contains("<script"),
                    "{platform} {audience:?} {}:\n{c}",
                    doc.format
                );
            }
            assert!(
                !c.contains("onerror=\""),
                "{platform} {}: attribute broke out",
                doc.format
            );
            if doc.format == Format::Markdown {
                assert!(
                    !c.contains("](javascript"),
                    "{platform} {}: link broke out",
                    doc.format
                );
            }
        }
    }
}
