//! The stylesheet reader on what real stylesheets hold around a rule that
//! sizes the button: comments and strings with `;`, `{` and `}` in them,
//! `url()` with a `;`, a string cut by a line break.

use ceop_onboard::audit::css::{
    Decl, Effect, declarations, on_button, on_wrapper, rules, targets_button, targets_ceop,
    too_small,
};

/// `selector → prop: value` for every declaration read.
fn read(css: &str) -> Vec<String> {
    rules(css, 0..css.len())
        .iter()
        .flat_map(|r| {
            r.decls
                .iter()
                .map(move |d| format!("{} → {}: {}", r.selector, d.prop, d.value))
        })
        .collect()
}

#[test]
fn comments_hide_braces_and_semicolons_wherever_they_are() {
    for css in [
        "img.ceop { /*x*/ width: 10px; }",
        "img.ceop { /* ; } */ width: 10px; }",
        "img.ceop { /* a } */ width: 10px; }",
        "/* } { */ img.ceop { width: 10px; }",
        "a{}      /**/ img.ceop { width: 10px; }",
        "img.ceop /* { */ { width: 10px; }",
    ] {
        assert_eq!(read(css), ["img.ceop → width: 10px"], "{css}");
    }
    assert_eq!(
        read("img.ceop { width: 10px } /* never closed"),
        ["img.ceop → width: 10px"]
    );
    assert_eq!(
        read("img.ceop { width: /* was 143px */ 10px }"),
        ["img.ceop → width: 10px"]
    );
}

#[test]
fn strings_and_parentheses_hide_what_would_end_a_statement() {
    assert_eq!(
        read(r#"img[alt="a;b{c}"] { width: 10px; }"#),
        [r#"img[alt="a;b{c}"] → width: 10px"#]
    );
    assert_eq!(
        read("img[alt='x;y'] { width: 10px; }"),
        ["img[alt='x;y'] → width: 10px"]
    );
    assert_eq!(
        read("img.ceop { background: url(data:image/gif;base64,R0lG); width: 10px; }"),
        [
            "img.ceop → background: url(data:image/gif;base64,r0lg)",
            "img.ceop → width: 10px"
        ]
    );
    assert_eq!(
        read("img.ceop { content: \"{\"; width: 10px; }"),
        ["img.ceop → content: {", "img.ceop → width: 10px"]
    );
}

#[test]
fn a_string_cut_by_a_line_break_ends_there() {
    // The quote is never closed: the string stops at the end of its line
    // and the declaration runs on to the next `;`, as in a browser, which
    // then drops it whole (so the width here is never applied).
    assert_eq!(
        read("img.ceop { content: \"oops;\n width: 10px; }"),
        ["img.ceop → content: oops; width: 10px"]
    );
}

#[test]
fn a_closing_brace_in_a_string_does_not_end_the_rule() {
    for q in ['"', '\''] {
        let css = format!("img.ceop {{ content: {q}a }} b{q}; width: 10px; }}");
        assert_eq!(
            read(&css),
            ["img.ceop → content: a } b", "img.ceop → width: 10px"],
            "{css}"
        );
    }
}

/// The selectors of a nested rule, one per item.
fn selectors(css: &str) -> Vec<String> {
    rules(css, 0..css.len())
        .iter()
        .flat_map(|r| {
            r.selector
                .split(", ")
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn nested_selectors_expand_up_to_256_and_64_kilobytes() {
    // 20 × 20 = 400 combinations, cut at 256.
    let list = |p: &str| {
        (0..20)
            .map(|i| format!(".{p}{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let css = format!("{} {{ {} {{ width: 10px }} }}", list("a"), list("b"));
    assert_eq!(selectors(&css).len(), 256);
    // Each combination counts its length and 2 for ", ": two of 32,766
    // bytes fill 65,536 exactly, two of 32,767 do not fit.
    for (len, kept) in [(32_766, 2), (32_767, 1)] {
        let parent = |c: char| format!(".{}", c.to_string().repeat(len - 5));
        let css = format!(
            "{}, {} {{ img {{ width: 10px }} }}",
            parent('a'),
            parent('b')
        );
        let got = selectors(&css);
        assert_eq!(got.len(), kept, "{len}");
        assert_eq!(got[0].len(), len);
    }
    // Some kilobytes of selectors are kept whole.
    let long = |p: &str| {
        (0..20)
            .map(|i| format!(".{p}{i}{}", "x".repeat(60)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let css = format!("{} {{ {} {{ width: 10px }} }}", long("a"), long("b"));
    assert_eq!(selectors(&css).len(), 256);
}

#[test]
fn rules_inside_grouping_at_rules_are_read_to_32_levels() {
    for at in [
        "@media (min-width: 1px)",
        "@supports (display: grid)",
        "@layer base",
        "@container (min-width: 1px)",
        "@document url-prefix()",
        "@include wide",
    ] {
        let css = format!("{at} {{ img.ceop {{ width: 10px }} }}");
        assert_eq!(read(&css), ["img.ceop → width: 10px"], "{at}");
    }
    let nested = |n: usize| {
        format!(
            "{} img.ceop {{ width: 10px }} {}",
            "@media print {".repeat(n),
            "}".repeat(n)
        )
    };
    assert_eq!(read(&nested(31)), ["img.ceop → width: 10px"]);
    assert!(read(&nested(32)).is_empty());
    // Other at-rules hold no rules for the button.
    assert!(read("@font-face { img.ceop { width: 10px } }").is_empty());
}

#[test]
fn nested_selectors_are_read_to_32_levels() {
    let nested = |n: usize| {
        format!(
            "{} img {{ width: 10px }} {}",
            ".a {".repeat(n),
            "}".repeat(n)
        )
    };
    let got = read(&nested(31));
    assert_eq!(got.len(), 1);
    assert!(got[0].ends_with(".a .a img → width: 10px"), "{got:?}");
    assert!(read(&nested(32)).is_empty());
}

#[test]
fn a_name_that_is_not_a_property_is_no_declaration() {
    // `*zoom` is an old Internet Explorer hack, not a property.
    assert_eq!(
        read("img.ceop { *zoom: 1; width: 10px }"),
        ["img.ceop → width: 10px"]
    );
    let inline = |s: &str| -> Vec<(String, usize)> {
        declarations(s, 0..s.len())
            .into_iter()
            .map(|d| (d.prop, d.offset))
            .collect()
    };
    assert_eq!(
        inline("*zoom: 1;  width: 10px;\n height: 5px"),
        [("width".into(), 11), ("height".into(), 25)]
    );
    // White space around an object, and a range of white space only.
    assert_eq!(inline(" \n{{ width: 10px }} "), [("width".into(), 5)]);
    assert_eq!(declarations("  \n ", 0..2), []);
}

/// The one declaration `prop: value`, as read from an inline style.
fn decl(prop: &str, value: &str) -> Decl {
    let text = format!("{prop}: {value}");
    let mut all = declarations(&text, 0..text.len());
    assert_eq!(all.len(), 1, "{text}");
    all.remove(0)
}

#[test]
fn what_each_declaration_does_to_the_button_at_143_by_51() {
    use Effect::*;
    let table: &[(&str, &str, Option<Effect>)] = &[
        ("width", "143px", None),
        ("width", "143.4px", None),
        ("width", "143px !important", None),
        ("width", "142px", Some(Resized)),
        ("width", "143.5px", Some(Resized)),
        ("width", "142.5px", Some(Resized)),
        ("height", "50.6px", None),
        ("width", "100%", Some(Resized)),
        ("width", "fit-content", None),
        ("width", "auto", None),
        ("height", "51", None),
        ("height", "50px", Some(Resized)),
        ("height", "fit-content", None),
        ("height", "initial", None),
        ("max-width", "100px", Some(Resized)),
        ("max-width", "143px", None),
        ("max-width", "300px", None),
        ("max-width", "none", None),
        ("max-height", "50px", Some(Resized)),
        ("max-height", "51px", None),
        ("min-width", "200px", Some(Resized)),
        ("min-width", "143px", None),
        ("min-width", "10px", None),
        ("min-height", "60px", Some(Resized)),
        ("min-height", "51px", None),
        ("min-height", "unset", None),
        ("zoom", "2", Some(Resized)),
        ("zoom", "1", None),
        ("zoom", "100%", None),
        ("scale", "1.5", Some(Resized)),
        ("scale", "none", None),
        ("aspect-ratio", "1", Some(Resized)),
        ("aspect-ratio", "auto", None),
        ("background-size", "cover", Some(Resized)),
        ("transform", "rotate(5deg)", Some(Altered)),
        ("transform", "none", None),
        ("filter", "initial", None),
        ("filter", "grayscale(1)", Some(Altered)),
        ("mix-blend-mode", "multiply", Some(Altered)),
        ("mask", "url(m.svg)", Some(Altered)),
        ("mask-image", "linear-gradient(red, blue)", Some(Altered)),
        ("clip-path", "inset(10px)", Some(Altered)),
        ("clip", "rect(0 10px 10px 0)", Some(Altered)),
        ("clip", "auto", None),
        ("tint-color", "red", Some(Altered)),
        ("object-fit", "cover", Some(Altered)),
        ("object-fit", "fill", None),
        ("opacity", "0", Some(Hidden)),
        ("opacity", "0%", Some(Hidden)),
        ("opacity", "1", None),
        ("opacity", "100%", None),
        ("opacity", "0.5", Some(Altered)),
        ("opacity", "50%", Some(Altered)),
        // What hides or moves any element hides or moves the button too.
        ("display", "none", Some(Hidden)),
        ("display", "none !important", Some(Hidden)),
        ("display", "block", None),
        ("visibility", "hidden", Some(Hidden)),
        ("visibility", "collapse", Some(Hidden)),
        ("visibility", "visible", None),
        ("margin-left", "-9999px", Some(OffPage)),
        ("margin", "0 -10px", Some(OffPage)),
        ("margin", "0 auto", None),
        ("text-indent", "-.5em", Some(OffPage)),
        ("left", "calc(-1 * 5px)", Some(OffPage)),
        ("left", "min(10px,-20px)", Some(OffPage)),
        ("left", "max(0px, 10px)", None),
        ("top", "-0px", None),
        ("right", "10px", None),
        ("overflow", "hidden", Some(Clips)),
        ("overflow-x", "clip", Some(Clips)),
        ("overflow-y", "auto", None),
        ("color", "red", None),
    ];
    for (prop, value, want) in table {
        assert_eq!(
            on_button(&decl(prop, value), 143, 51),
            *want,
            "{prop}: {value}"
        );
    }
    for prop in [
        "margin-right",
        "margin-top",
        "margin-bottom",
        "margin-inline",
        "margin-block",
        "margin-inline-start",
        "margin-inline-end",
        "bottom",
        "inset",
        "margin-horizontal",
        "margin-vertical",
        "start",
        "end",
    ] {
        assert_eq!(
            on_button(&decl(prop, "-20px"), 143, 51),
            Some(Effect::OffPage),
            "{prop}"
        );
        assert_eq!(on_button(&decl(prop, "20px"), 143, 51), None, "{prop}");
    }
}

#[test]
fn what_a_wrapper_does_to_the_button_inside() {
    use Effect::*;
    for (prop, value, want) in [
        ("opacity", "0", Some(Hidden)),
        ("opacity", "0.5", None),
        ("clip-path", "inset(10px)", Some(Clips)),
        ("clip", "auto", None),
        ("clip-path", "none", None),
        ("width", "100px", None),
        ("transform", "rotate(5deg)", None),
    ] {
        assert_eq!(on_wrapper(&decl(prop, value)), want, "{prop}: {value}");
    }
    let small = |prop: &str, value: &str| too_small(&[decl(prop, value)], 143, 51);
    assert!(small("width", "100px"));
    assert!(small("max-width", "142px"));
    assert!(small("height", "50px"));
    assert!(small("max-height", "20px"));
    assert!(!small("width", "143px"));
    assert!(!small("height", "51px"));
    assert!(!small("min-width", "10px"));
    assert!(!small("width", "auto"));
}

#[test]
fn a_closing_brace_ends_a_value_of_an_inline_object() {
    let values: Vec<(String, String)> = declarations("{ width: 1 }, { height: 2 }", 0..27)
        .into_iter()
        .map(|d| (d.prop, d.value))
        .collect();
    // The second object is inside braces once the first pair is taken off.
    assert_eq!(values, [("width".into(), "1".into())]);
}

/// What each selector styles: the button image (`targets_button`), or the
/// button or something around it named after CEOP (`targets_ceop`). The
/// button here is known by the class `badge`.
#[test]
fn which_selectors_style_the_button_and_which_its_wrapper() {
    let names = ["badge".to_string()];
    for (selector, button, ceop) in [
        (".ceop img", true, true),
        (".ceop > img", true, true),
        ("#ceop ~ picture", true, true),
        (".ceop amp-img", true, true),
        (".ceop svg image", true, true),
        (".ceop img.photo:hover", true, true),
        (".ceop imgx", false, false),
        (".ceop span", false, false),
        (".footer img", false, false),
        (".site-logo", false, false),
        (".ceop-btn", true, true),
        ("img.ceop-logo", true, true),
        (".ceop-wrap", false, true),
        ("p, .ceop img ", true, true),
        (".footer, .ceop-wrap", false, true),
        (".footer .badge", true, true),
        ("#badge", true, true),
        ("img.badge:focus", true, true),
        (".footer .badges", false, false),
        ("[data-badge]", false, false),
        (".badge .icon", false, false),
    ] {
        assert_eq!(
            (
                targets_button(selector, &names),
                targets_ceop(selector, &names)
            ),
            (button, ceop),
            "{selector}"
        );
    }
}
