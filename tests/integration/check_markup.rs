//! The tag tokenizer behind `check`, read back in full: every element with
//! its offsets, attributes, end tag and parent, every comment, every tag
//! too big to read. Each case is what a browser or the template language
//! would make of the text.

use ceop_onboard::audit::markup::{MAX_ATTRIBUTES, Markup, parse};

/// `name@start..open_end[/] attr="value" bare >close ^parent`, one line an
/// element, then `comment a..b` and `unread name@offset: why`.
fn dump(text: &str) -> Vec<String> {
    let m = parse(text);
    let mut out: Vec<String> = m
        .elements
        .iter()
        .map(|e| {
            let mut s = format!("{}@{}..{}", e.name, e.start, e.open_end);
            if e.self_closing {
                s.push('/');
            }
            for a in &e.attrs {
                match &a.value {
                    Some(r) => s.push_str(&format!(" {}=[{}]", a.name, &text[r.clone()])),
                    None => s.push_str(&format!(" {}", a.name)),
                }
            }
            if let Some(c) = e.close {
                s.push_str(&format!(" >{c}"));
            }
            if let Some(p) = e.parent {
                s.push_str(&format!(" ^{p}"));
            }
            s
        })
        .collect();
    out.extend(m.comments.iter().map(|c| format!("comment {c:?}")));
    out.extend(
        m.unread
            .iter()
            .map(|u| format!("unread {}@{}: {}", u.name, u.offset, u.why)),
    );
    out
}

#[test]
fn attribute_values_in_every_form() {
    let cases: [(&str, &[&str]); 13] = [
        (r#"<a href="x y">"#, &["a@0..14 href=[x y]"]),
        ("<a href='x\"y'>", &["a@0..14 href=[x\"y]"]),
        ("<a href = \"x\" >", &["a@0..15 href=[x]"]),
        ("<a href=x>", &["a@0..10 href=[x]"]),
        (
            "<a href=x target=_blank>",
            &["a@0..24 href=[x] target=[_blank]"],
        ),
        ("<a href=a<?= $b ?>c>", &["a@0..20 href=[a<?= $b ?>c]"]),
        ("<a href={{ u }}>", &["a@0..16 href=[{{ u }}]"]),
        ("<a href={u} hidden>", &["a@0..19 href=[u] hidden"]),
        (
            "<a onClick={() => f(\"}\", '}', `}`)}>",
            &["a@0..36 onclick=[() => f(\"}\", '}', `}`)]"],
        ),
        (
            r#"<a onClick={() => f('\'}')} x>"#,
            &[r#"a@0..30 onclick=[() => f('\'}')] x"#],
        ),
        (
            r#"<a href="<?php echo "x>" ?>" B=1>"#,
            &[r#"a@0..33 href=[<?php echo "x>" ?>] b=[1]"#],
        ),
        ("<a href=\"{{ '\"' }}\">", &["a@0..20 href=[{{ '\"' }}]"]),
        (
            r#"<a href="${ f("x") }" b>"#,
            &[r#"a@0..24 href=[${ f("x") }] b"#],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(dump(text), want, "{text}");
    }
}

#[test]
fn template_blocks_slashes_and_names_inside_a_tag() {
    let cases: [(&str, &[&str]); 15] = [
        ("<a <?php if(1) ?> href=x>", &["a@0..25 href=[x]"]),
        ("<a <% if %> href=x>", &["a@0..19 href=[x]"]),
        ("<a {{{ h }}} href=x>", &["a@0..20 href=[x]"]),
        (
            "<a {% if %}target=_blank {% endif %}>",
            &["a@0..37 target=[_blank]"],
        ),
        ("<a {# n #} href=x>", &["a@0..18 href=[x]"]),
        ("<a ${ s } href=x>", &["a@0..17 href=[x]"]),
        ("<a {...props} href=x>", &["a@0..21 href=[x]"]),
        ("<a / href=x>", &["a@0..12 href=[x]"]),
        // As in a browser, an unquoted value takes the slash.
        ("<img src=x/>", &["img@0..12 src=[x/]"]),
        ("<img src=\"x\"/>", &["img@0..14/ src=[x]"]),
        ("<br />", &["br@0..6/"]),
        // A slash ends a name only before `>`.
        ("<img alt/>", &["img@0..10/ alt"]),
        ("<img a/b c>", &["img@0..11 a/b c"]),
        (
            "<xsl:Attribute name=href>",
            &["xsl:attribute@0..25 name=[href]"],
        ),
        ("<My-El.x_1 data-x>", &["my-el.x_1@0..18 data-x"]),
    ];
    for (text, want) in cases {
        assert_eq!(dump(text), want, "{text}");
    }
}

#[test]
fn what_is_not_a_tag_is_text() {
    let cases: [(&str, &[&str]); 10] = [
        // Another tag starts inside: the first `<` was not a tag.
        ("<a <b>", &["b@3..6"]),
        ("< a><1><a", &[]),
        ("a <$x> <b>", &["b@7..10"]),
        ("<a href=\"x>", &[]),
        ("<a href={x>", &[]),
        ("<a href=>", &["a@0..9 href=[]"]),
        ("<a x=1 {{ y", &[]),
        ("<a {", &[]),
        ("<a onClick={'x>", &[]),
        ("<a href=", &[]),
    ];
    for (text, want) in cases {
        assert_eq!(dump(text), want, "{text}");
    }
}

#[test]
fn end_tags_close_what_they_name_and_children_know_their_parent() {
    let cases: [(&str, &[&str]); 7] = [
        ("<a><b></b></a>", &["a@0..3 >10", "b@3..6 >6 ^0"]),
        ("<A>x</A >", &["a@0..3 >4"]),
        // An end tag closes the open element it names and those inside it.
        ("<a><b><i>x</a>", &["a@0..3 >10", "b@3..6 ^0", "i@6..9 ^1"]),
        // One it does not name is ignored.
        ("<a>x</p></a>", &["a@0..3 >8"]),
        ("<a></ a></1></a>", &["a@0..3 >12"]),
        // Void and self-closed elements have no content.
        (
            "<p><img><br/>x</p>",
            &["p@0..3 >14", "img@3..8 ^0", "br@8..13/ ^0"],
        ),
        ("<img><a>x</a>", &["img@0..5", "a@5..8 >9"]),
    ];
    for (text, want) in cases {
        assert_eq!(dump(text), want, "{text}");
    }
}

#[test]
fn comments_of_each_language_and_blocks_that_are_not_comments() {
    let far = format!("0123456789{{#if a}}<img src=x>{}#}}", " ".repeat(4100));
    let cases: [(&str, &[&str]); 9] = [
        ("x<!-- <a> -->y<b>", &["b@14..17", "comment 1..13"]),
        ("x<!-- <a>", &["comment 1..9"]),
        ("<b>{{!-- <a> --}}</b>", &["b@0..3 >17", "comment 3..17"]),
        ("<b>{{! <a> }}</b>", &["b@0..3 >13", "comment 3..13"]),
        ("x{# <a> #}<b>", &["b@10..13", "comment 1..10"]),
        ("x{{!-- <a>", &["comment 1..10"]),
        ("xxxxxxxxxx{{! a }}<b>", &["b@18..21", "comment 10..18"]),
        // Handlebars and Svelte blocks are not Twig comments.
        (
            "x{{#each l}}<img>{{/each}} {# c #}",
            &["img@12..17", "comment 27..34"],
        ),
        ("x{#if a}<img>{/if}", &["img@8..13"]),
    ];
    for (text, want) in cases {
        assert_eq!(dump(text), want, "{text}");
    }
    assert_eq!(dump(&far), ["img@17..28 src=[x]"]);
}

#[test]
fn a_tag_is_read_up_to_its_limits_and_noted_beyond_them() {
    // 4,096 bytes outside quoted values are read; one more is not.
    let at = format!("<a {}>", "x".repeat(4095));
    assert_eq!(parse(&at).elements.len(), 1);
    let over = format!("<a {}>", "x".repeat(4096));
    assert_eq!(
        dump(&over),
        ["unread a@0: more than 4 kB outside quoted values"]
    );
    // Long quoted and braced values do not count, however many.
    let long = format!(
        "<a href=\"{0}\" title='{0}' onClick={{{0}}} x>",
        "v".repeat(5000)
    );
    assert_eq!(parse(&long).elements[0].attrs.len(), 4);
    // 512 attributes are read; one more is not.
    let attrs = |n: usize| format!("<img {}>", "x ".repeat(n));
    assert_eq!(
        parse(&attrs(MAX_ATTRIBUTES)).elements[0].attrs.len(),
        MAX_ATTRIBUTES
    );
    assert_eq!(
        dump(&attrs(MAX_ATTRIBUTES + 1)),
        ["unread img@0: more than 512 attributes"]
    );
    // Only elements that matter to the audit are noted.
    let div = format!("<div {}><Link {}>", "x ".repeat(600), "y ".repeat(600));
    assert_eq!(dump(&div), ["unread link@1206: more than 512 attributes"]);
}

#[test]
fn offsets_are_placed_in_comments_tags_and_contents_exactly() {
    //          0         1         2         3
    //          0123456789012345678901234567890123456789
    let text = "<!--c--><a href=x><b>t</b></a><!--d-->";
    let m: Markup = parse(text);
    let inside: Vec<bool> = (0..text.len()).map(|i| m.in_comment(i)).collect();
    for (i, &c) in inside.iter().enumerate() {
        assert_eq!(c, !(8..30).contains(&i), "in_comment({i})");
    }
    let tags: Vec<Option<usize>> = (0..text.len()).map(|i| m.tag_at(i)).collect();
    for (i, t) in tags.iter().enumerate() {
        let want = match i {
            8..=17 => Some(0),
            18..=20 => Some(1),
            _ => None,
        };
        assert_eq!(*t, want, "tag_at({i})");
    }
    let within: Vec<Option<usize>> = (0..text.len()).map(|i| m.enclosing(i)).collect();
    for (i, e) in within.iter().enumerate() {
        let want = match i {
            21 => Some(1),
            18..=25 => Some(0),
            _ => None,
        };
        assert_eq!(*e, want, "enclosing({i})");
    }
    assert_eq!(m.ancestors(1).collect::<Vec<_>>(), [0]);
    assert_eq!(m.ancestors(0).count(), 0);
    let deep = parse("<a><b><i>x</i></b></a>");
    assert_eq!(deep.ancestors(2).collect::<Vec<_>>(), [1, 0]);
    assert_eq!(m.elements[0].content(), Some(18..26));
    assert_eq!(m.elements[1].content(), Some(21..22));
    assert_eq!(parse("<a>").elements[0].content(), None);
    let a = &m.elements[0];
    assert!(a.has_attr("href") && !a.has_attr("hre"));
    assert_eq!(a.attr(text, &["src", "href"]), Some("x"));
    assert_eq!(a.attr(text, &["src"]), None);
    let bare = "<a download>";
    assert_eq!(parse(bare).elements[0].attr(bare, &["download"]), Some(""));
}
