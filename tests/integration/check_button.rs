//! One `<img>` that is the button, judged: its size from attributes and
//! styles, what its wrappers do to it, its alt text and where its link goes.

use crate::check_real::{SIGNPOSTING, scan};

const SC: &str = "https://www.ceop.police.uk/safety-centre";
const ALT: &str = "Click CEOP – get advice or report a concern";

/// `id: message` of each finding on a page holding `html` after the
/// signposting text, but for the signposting itself.
fn judged(html: &str) -> Vec<String> {
    scan("safety.html", &format!("{SIGNPOSTING}{html}"))
        .into_iter()
        .map(|f| format!("{}: {}", f.id.as_str(), f.message))
        .collect()
}

/// The button `<img>` with these attributes, in a link to the Safety Centre.
fn button(attrs: &str) -> String {
    format!(r#"<a href="{SC}"><img src="/images/clickceop.gif" {attrs}></a>"#)
}

#[test]
fn each_way_a_button_is_resized_altered_hidden_moved_cropped_or_unnamed() {
    assert_eq!(
        judged(&button(&format!(r#"width="143" height="51" alt="{ALT}""#))),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&button(&format!(
            r#"width="100" height="51px" alt="{ALT}""#
        ))),
        [
            r#"button-resized: the button is resized (width="100"); the file CEOP issues is 143×51 and is used at that size"#
        ]
    );
    assert_eq!(
        judged(&button(&format!(r#"width="143.4" height="" alt="{ALT}""#))),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&button(&format!(r#"width height="36" alt="{ALT}""#))),
        [
            r#"button-resized: the button is resized (height="36"); the file CEOP issues is 143×51 and is used at that size"#
        ]
    );
    assert_eq!(
        judged(&button(&format!(r#":width="100" alt="{ALT}""#))),
        [
            r#"button-resized: the button is resized (width="100"); the file CEOP issues is 143×51 and is used at that size"#
        ]
    );
    assert_eq!(
        judged(&button(&format!(r#"width={{100}} alt="{ALT}""#))),
        [
            r#"button-resized: the button is resized (width="100"); the file CEOP issues is 143×51 and is used at that size"#
        ]
    );
    assert_eq!(
        judged(&button(&format!(
            r#"width={{size}} height={{"36"}} alt="{ALT}""#
        ))),
        [
            r#"button-resized: the button is resized (height="36"); the file CEOP issues is 143×51 and is used at that size"#
        ]
    );
    assert_eq!(
        judged(&button(&format!(
            r#"width="<?php echo $w; ?>" alt="{ALT}""#
        ))),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&button(&format!(
            r#"style="width: 100px; filter: grayscale(1); opacity: 0; margin-left: -999px" alt="{ALT}""#
        ))),
        [
            "button-resized: the button is resized (width: 100px); the file CEOP issues is 143×51 and is used at that size",
            "button-altered: the button is altered (filter: grayscale(1))",
            "button-hidden: the button is hidden (opacity: 0)",
            "button-off-page: the button is pushed off the edge (margin-left: -999px)"
        ]
    );
    assert_eq!(
        judged(&button(&format!(
            r#"style="clip-path: inset(5px); transform: none" alt="{ALT}""#
        ))),
        ["button-altered: the button is altered (clip-path: inset(5px))"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="display:none">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-hidden: the button is hidden (<div> display: none)"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div hidden>{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-hidden: the button is hidden (<div> hidden)"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div class="footer d-none">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-hidden: the button is hidden (<div> hidden)"]
    );
    assert_eq!(
        judged(&button(&format!(r#"class="sr-only" alt="{ALT}""#))),
        ["button-hidden: the button is hidden (hidden)"]
    );
    assert_eq!(
        judged(&button(&format!(r#"hidden alt="{ALT}""#))),
        ["button-hidden: the button is hidden (hidden)"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="overflow: hidden; width: 100px">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-cropped: the button is cropped (<div> overflow: hidden)"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="overflow: hidden">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="clip-path: circle(40%)">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-cropped: the button is cropped (<div> clip-path: circle(40%))"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="margin-left: -50px">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-off-page: the button is pushed off the edge (<div> margin-left: -50px)"]
    );
    assert_eq!(
        judged(&format!(
            r#"<div style="opacity: 0.5; visibility: hidden">{}</div>"#,
            button(&format!(r#"alt="{ALT}""#))
        )),
        ["button-hidden: the button is hidden (<div> visibility: hidden)"]
    );
    assert_eq!(
        judged(&button(r#"alt="""#)),
        [
            "button-no-alt: the button has an empty alt text: a screen reader cannot tell where it leads"
        ]
    );
    assert_eq!(
        judged(&button("")),
        ["button-no-alt: the button has no alt text: a screen reader cannot tell where it leads"]
    );
    assert_eq!(
        judged(&format!(
            r#"<a href="{SC}" aria-label="Report to CEOP"><img src="/images/clickceop.gif"></a>"#
        )),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&format!(
            r#"<a href="{SC}" title="CEOP"><img src="/images/clickceop.gif"></a>"#
        )),
        [r#"button-vague-alt: the button's alt text "CEOP" does not say where it leads"#]
    );
    assert_eq!(judged(&button(r#"alt="{{ ceop_alt }}""#)), [] as [&str; 0]);
    assert_eq!(
        judged(&button(r#"alt="Click CEOP &ndash; help""#)),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&button(r#"alt="CEOP Safety Center""#)),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&button(r#"alt="Report""#)),
        [r#"button-vague-alt: the button's alt text "Report" does not say where it leads"#]
    );
    assert_eq!(
        judged(&format!(
            r#"<a href="/report"><img src="/images/clickceop.gif" alt="{ALT}"></a>"#
        )),
        [
            "link-not-safety-centre: the button links to `/report`, not to the Safety Centre; it may link only to https://www.ceop.police.uk/safety-centre"
        ]
    );
    assert_eq!(
        judged(&format!(
            r#"<a href="<?php echo $x ?>"><img src="/images/clickceop.gif" alt="{ALT}"></a>"#
        )),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&format!(
            r#"<a href=""><img src="/images/clickceop.gif" alt="{ALT}"></a>"#
        )),
        [] as [&str; 0]
    );
    assert_eq!(
        judged(&format!(
            r#"<a to="/help"><img src="/images/clickceop.gif" alt="{ALT}"></a>"#
        )),
        [
            "link-not-safety-centre: the button links to `/help`, not to the Safety Centre; it may link only to https://www.ceop.police.uk/safety-centre"
        ]
    );
    assert_eq!(
        judged(&format!(r#"<img src="/images/clickceop.gif" alt="{ALT}">"#)),
        [] as [&str; 0]
    );
    // Half a pixel off is another size; less is a rounding of the same.
    let resized = |w: &str| {
        judged(&button(&format!(r#"width="{w}" alt="{ALT}""#)))
            .iter()
            .any(|f| f.starts_with("button-resized"))
    };
    assert!(resized("143.5"));
    assert!(resized("142.5"));
    assert!(!resized("142.6"));
}

/// A stylesheet rule on the button, or on what holds it, in the page's
/// own `<style>`: one finding per kind, quoting the selector and what it does.
#[test]
fn a_style_rule_on_the_button_or_its_wrapper_is_quoted_by_kind() {
    let styled = |css: &str| {
        let img = format!(
            r#"<div class="ceop-box"><a href="{SC}"><img class="badge-x" src="/images/clickceop.gif" alt="{ALT}"></a></div>"#
        );
        judged(&format!("<style>{css}</style>{img}"))
    };
    assert_eq!(
        styled("img.badge-x { width: 100px; height: 40px; filter: blur(1px) }"),
        [
            "button-resized: `img.badge-x` resizes the button (width: 100px; height: 40px)",
            "button-altered: `img.badge-x` alters the button (filter: blur(1px))",
        ]
    );
    assert_eq!(
        styled(".ceop-box { width: 110px; overflow: hidden; opacity: 0 }"),
        [
            "button-cropped: `.ceop-box` crops the button (width: 110px; overflow: hidden)",
            "button-hidden: `.ceop-box` hides the button (opacity: 0)",
        ]
    );
    assert_eq!(styled(".ceop-box { overflow: hidden }"), [] as [&str; 0]);
    assert_eq!(
        styled(".ceop-box { margin-left: -999px; clip-path: inset(50%) }"),
        [
            "button-off-page: `.ceop-box` pushes the button off the edge (margin-left: -999px)",
            "button-cropped: `.ceop-box` crops the button (clip-path: inset(50%))",
        ]
    );
    assert_eq!(
        styled("img.badge-x { overflow: hidden }"),
        ["button-cropped: `img.badge-x` crops the button (overflow: hidden)"]
    );
    // A wrapper's size is not the button's; other elements are not judged.
    assert_eq!(styled(".ceop-box { width: 50% }"), [] as [&str; 0]);
    assert_eq!(styled(".news img { width: 10px }"), [] as [&str; 0]);
}

/// A long selector and a long list of declarations share one quote: the
/// selector at most half of it, the declarations the rest, each cut with `…`.
#[test]
fn a_long_rule_is_quoted_in_eighty_characters() {
    let selector = "body main#content aside.sidebar div.widget div.ceop-box img.badge-x";
    let decls = "width: 100px; height: 40px; max-width: 100px; max-height: 40px";
    let img = format!(
        r#"<div class="ceop-box"><a href="{SC}"><img class="badge-x" src="/images/clickceop.gif" alt="{ALT}"></a></div>"#
    );
    let said = judged(&format!("<style>{selector} {{ {decls} }}</style>{img}"));
    let cut_selector = format!("{}…", &selector[..39]);
    let cut_decls = format!("{}…", &decls[..39]);
    assert_eq!(
        said,
        [format!(
            "button-resized: `{cut_selector}` resizes the button ({cut_decls})"
        )]
    );
}
