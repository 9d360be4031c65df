//! What names and values say: whether a name is the button's, and what a
//! value holding template code says literally.

use ceop_onboard::audit::looks_like_button;
use ceop_onboard::audit::markup::{has_template, literal};

#[test]
fn a_button_name_says_ceop_and_click_button_btn_or_report_or_only_ceop() {
    for name in [
        "CLICKCEOP.GIF",
        "img/ceop-report.png",
        "img\\ceopbtn.webp",
        "ceop2.gif",
        "ceop_.svg",
        "ceop",
        "images/click-ceop",
        "ceop.report",
    ] {
        assert!(looks_like_button(name), "{name}");
    }
    for name in [
        "ceopbanner.gif",
        "ceop/logo.gif",
        "click.gif",
        "c-e-o-p-button.gif",
        "ceop-logo",
        "",
        "thinkuknow-report.png",
    ] {
        assert!(!looks_like_button(name), "{name}");
    }
}

#[test]
fn a_value_with_template_code_says_only_what_is_left() {
    assert_eq!(literal("  'Click CEOP'  "), Some("Click CEOP".into()));
    assert_eq!(literal("`Report`"), Some("Report".into()));
    assert_eq!(literal("Hello {{ name }}!"), Some("Hello !".into()));
    assert_eq!(literal("<?php echo $x ?>"), None);
    assert_eq!(literal("  {{ a }} {% b %}  "), None);
    assert_eq!(literal("é<%= x %>"), Some("é".into()));
    assert_eq!(literal("''"), Some(String::new()));
    for value in [
        "{{ x }}",
        "{% x %}",
        "{# x #}",
        "{{{ x }}}",
        "<?= $x ?>",
        "<%= x %>",
        "${x}",
        "a + b",
        "' . $alt",
        "$alt . '",
        "\" . get_string('x') . \"",
    ] {
        assert!(has_template(value), "{value}");
    }
    for value in [
        "Click CEOP",
        "$5 off",
        "{x}",
        "a < b",
        "'.'",
        "'. x",
        "x .'",
    ] {
        assert!(!has_template(value), "{value}");
    }
}
