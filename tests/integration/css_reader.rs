//! The stylesheet reader on what real stylesheets hold around a rule that
//! sizes the button: comments and strings with `;`, `{` and `}` in them,
//! `url()` with a `;`, a string cut by a line break.

use ceop_onboard::audit::css::rules;

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
        let css = format!("img.ceop {{ content: {q}}}{q}; width: 10px; }}");
        assert_eq!(
            read(&css),
            ["img.ceop → content: }", "img.ceop → width: 10px"],
            "{css}"
        );
    }
}
