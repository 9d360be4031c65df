//! Buttons that are not `<img>` tags: Markdown images (inline and by
//! reference, with attribute lists), Moodle's `{{#pix}}` helper, and image
//! names in app code.

use ceop_onboard::audit::{AppKind, Auditor, FileKind, Source};

use crate::common::guide;

const SC: &str = "https://www.ceop.police.uk/safety-centre";

/// `line:column id` of each finding but the signposting one, which every
/// case here has (none carries the signposting text).
fn found(file: &str, text: &str, app: Option<AppKind>) -> Vec<String> {
    Auditor::new(&guide())
        .scan(&Source {
            file,
            kind: FileKind::from_path(file).unwrap_or(FileKind::Markup),
            text,
            app,
        })
        .findings
        .iter()
        .filter(|f| f.id.as_str() != "no-signposting")
        .map(|f| format!("{}:{} {}", f.line, f.column, f.id.as_str()))
        .collect()
}

fn md(text: &str) -> Vec<String> {
    found("help.md", text, None)
}

#[test]
fn a_markdown_image_is_the_button_by_its_file_alt_or_host() {
    let vague = "1:2 button-vague-alt";
    assert_eq!(
        md(&format!("[![Click CEOP](/images/clickceop.gif)]({SC})")),
        [vague]
    );
    assert_eq!(
        md(&format!("[![](/images/clickceop.gif)]({SC})")),
        ["1:2 button-no-alt"]
    );
    assert_eq!(
        md(&format!(
            "[![Logo](https://www.ceop.police.uk/img/y.gif)]({SC})"
        )),
        ["1:2 button-hotlinked", "1:2 button-vague-alt"]
    );
    assert_eq!(
        md("![Click CEOP](/images/clickceop.png \"title\")"),
        ["1:1 button-not-gif", "1:1 button-vague-alt"]
    );
    assert_eq!(
        md("Our badge: ![Help](/img/ceopbutton.gif)"),
        ["1:12 button-vague-alt"]
    );
    // Not an image: in a comment, in a tag, or across a paragraph break.
    assert_eq!(
        md("<!-- ![Click CEOP](/images/clickceop.png) -->"),
        [] as [&str; 0]
    );
    assert_eq!(
        md("![Click CEOP\n\nmore](/images/clickceop.png)"),
        [] as [&str; 0]
    );
    assert_eq!(
        md("<img alt=\"![Click CEOP](/images/clickceop.png)\">"),
        ["1:1 button-vague-alt"]
    );
}

#[test]
fn a_markdown_picture_in_a_ceop_link_is_only_a_picture() {
    for text in [
        format!("[![Photo](/img/photo.jpg)]({SC})"),
        format!("[![Photo](/img/photo.jpg)](<{SC}>)"),
        format!("[![Photo](/img/photo.jpg \"A photo\")]({SC})"),
        format!("[![Photo](/img/photo.jpg)][sc]\n\n[sc]: {SC}\n"),
        format!("[![Photo](/img/photo.jpg)][SC]\n\n[sc]: {SC}\n"),
        format!("[![Photo](/img/photo.jpg)][safety]\n\n[safety]: {SC}\n"),
    ] {
        assert_eq!(md(&text), ["1:2 link-picture"], "{text}");
    }
    // Not in a link, or in a link elsewhere.
    assert_eq!(
        md(&format!("![Photo](/img/photo.jpg) and [help]({SC})")),
        ["1:30 link-label"]
    );
    assert_eq!(
        md(&format!(
            "[![Photo](/img/photo.jpg)](/news) and [CEOP Safety Centre]({SC})"
        )),
        [] as [&str; 0]
    );
    assert_eq!(
        md(&format!(
            "[![Photo](/img/photo.jpg)][news]\n\n[news]: /news\n[CEOP Safety Centre]({SC})"
        )),
        [] as [&str; 0]
    );
}

#[test]
fn markdown_images_by_reference() {
    let not_gif = ["1:2 button-not-gif", "1:2 button-vague-alt"];
    for text in [
        format!("[![Click CEOP][btn]][sc]\n\n[btn]: /images/clickceop.png\n[sc]: {SC}\n"),
        format!("[![Click CEOP][BTN]][sc]\n\n[btn]:   /images/clickceop.png  \"t\"\n[sc]: {SC}\n"),
        format!("[![Click CEOP][]][sc]\n\n[click ceop]: /images/clickceop.png\n[sc]: {SC}\n"),
        format!("[![Click CEOP][btn]][sc]\n\n   [btn]: /images/clickceop.png\n[sc]: {SC}\n"),
        // The first definition of a label counts.
        format!(
            "[![Click CEOP][btn]][sc]\n\n[btn]: /images/clickceop.png\n[btn]: /b.gif\n[sc]: {SC}\n"
        ),
    ] {
        assert_eq!(md(&text), not_gif, "{text}");
    }
    // Indented four spaces, a definition is code; an undefined label is text.
    assert_eq!(
        md("![Click CEOP][btn]\n\n    [btn]: /images/clickceop.png\n"),
        [] as [&str; 0]
    );
    // An attribute list after a button by reference sizes it.
    assert_eq!(
        md("![Click CEOP][btn]{: width=\"200\"}\n\n[btn]: /images/clickceop.gif\n"),
        ["1:1 button-resized", "1:1 button-vague-alt"]
    );
    assert_eq!(md("![Click CEOP][nodef]\n"), [] as [&str; 0]);
    assert_eq!(md("![Click CEOP][btn"), [] as [&str; 0]);
}

#[test]
fn an_attribute_list_after_a_markdown_button_can_resize_it() {
    let resized = |text: &str| {
        ceop_onboard::audit::Auditor::new(&guide())
            .scan(&Source {
                file: "help.md",
                kind: FileKind::Markdown,
                text,
                app: None,
            })
            .findings
            .into_iter()
            .filter(|f| f.id.as_str() == "button-resized")
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        resized(&format!(
            "[![Click CEOP](/images/clickceop.gif){{: width=\"100\" .x}}]({SC})"
        )),
        ["the button is resized (width=\"100\")"]
    );
    assert_eq!(
        resized("![Click CEOP](/images/clickceop.gif){width=50% height=20}"),
        ["the button is resized (width=50%, height=20)"]
    );
    // A class only, or a list after the link (it sizes the link), or no list.
    assert!(resized("![Click CEOP](/images/clickceop.gif){.badge}").is_empty());
    assert!(
        resized(&format!(
            "[![Click CEOP](/images/clickceop.gif)]({SC}){{: width=\"100\"}}"
        ))
        .is_empty()
    );
    assert!(resized("![Click CEOP](/images/clickceop.gif) {width=50%}").is_empty());
    assert!(resized("![Click CEOP](/images/clickceop.gif){width=50%").is_empty());
}

#[test]
fn a_moodle_pix_helper_can_be_the_button() {
    let pix = |inner: &str, app: Option<AppKind>| {
        found(
            "footer.mustache",
            &format!("<a href=\"{SC}\">{inner}</a>"),
            app,
        )
    };
    assert_eq!(
        pix("{{#pix}} clickceop, theme_x, Click CEOP {{/pix}}", None),
        ["1:52 button-vague-alt"]
    );
    assert_eq!(
        pix("{{#pix}} clickceop, theme_x {{/pix}}", None),
        ["1:52 button-no-alt"]
    );
    // An alt text from a language string is not known here.
    assert_eq!(
        pix(
            "{{#pix}} clickceop, theme_x, {{#str}} alt, theme_x {{/str}} {{/pix}}",
            None
        ),
        [] as [&str; 0]
    );
    assert_eq!(
        pix("{{#pix}} i/news, core, News {{/pix}}", None),
        [] as [&str; 0]
    );
    assert_eq!(
        pix("{{#pix}} clickceop, theme_x, Click CEOP", None),
        [] as [&str; 0]
    );
    assert_eq!(
        pix(
            "{{#pix}} i/news, core {{/pix}} {{#pix}} clickceop, theme_x {{/pix}}",
            None
        ),
        ["1:83 button-no-alt"]
    );
    assert_eq!(
        pix(
            "{{#pix}} clickceop, theme_x, Click {{/pix}}",
            Some(AppKind::Android)
        ),
        ["1:52 button-in-app"]
    );
}

#[test]
fn an_image_named_like_the_button_in_app_code_is_found_once() {
    let app = |file: &str, code: &str, kind: AppKind| {
        found(file, &format!("{code}\nval u = \"{SC}\""), Some(kind))
    };
    use AppKind::*;
    for (file, code, kind, at) in [
        (
            "Help.kt",
            "val icon = R.drawable.clickceop",
            Android,
            "1:12",
        ),
        ("Help.kt", "  icon(R.mipmap.click_ceop)", Android, "1:8"),
        (
            "Help.swift",
            "let i = UIImage(named: \"ClickCEOP\")",
            Apple,
            "1:25",
        ),
        (
            "help.dart",
            "Image.asset('assets/click_ceop.gif')",
            Flutter,
            "1:14",
        ),
        (
            "Help.kt",
            "val x = loadFile(\"images/ceopbutton.png\")",
            Android,
            "1:19",
        ),
    ] {
        assert_eq!(
            app(file, code, kind),
            [format!("{at} button-in-app")],
            "{code}"
        );
    }
    // Not an image, or not the button.
    assert_eq!(
        app("Help.kt", "val ceopButton = 1", Android),
        [] as [&str; 0]
    );
    assert_eq!(
        app("Help.kt", "val icon = R.drawable.ceop_logo", Android),
        [] as [&str; 0]
    );
    // A Markdown button in app code is one finding, not two.
    assert_eq!(
        found(
            "help.md",
            &format!("[![Click CEOP](/images/clickceop.gif)]({SC})"),
            Some(ReactNative)
        ),
        ["1:2 button-in-app"]
    );
    // The words that make a name an image (here `Image(`) count when they
    // start at most 48 bytes before it, on its own line.
    let near = |gap: &str| {
        app(
            "Help.kt",
            &format!("v.setImage({gap}\"clickceop\")"),
            Android,
        )
    };
    assert_eq!(near(&" ".repeat(41)), ["1:54 button-in-app"]);
    assert_eq!(near(&" ".repeat(42)), [] as [&str; 0]);
    assert_eq!(near("\n"), [] as [&str; 0]);
}

/// Each image named like the button in app code is found once, wherever
/// it is: at the end of the file, with "ceop" twice in its path, beside a
/// button element (before or after it), or loaded from CEOP's server.
#[test]
fn app_image_names_at_the_edges_are_found_once_each() {
    use AppKind::*;
    let with_link = |code: &str| format!("{code}\nconst u = \"{SC}\";");
    let button = "<img src=\"/img/clickceop.gif\" alt=\"Click CEOP\" />";
    let require = "const b = require('./ceopbutton.png');";
    for (file, text, kind, at) in [
        (
            "Help.kt",
            "val icon = R.drawable.clickceop".to_string(),
            Android,
            &["1:12"][..],
        ),
        (
            "Help.kt",
            "\nval icon = R.drawable.clickceop".to_string(),
            Android,
            &["2:12"],
        ),
        (
            "help.dart",
            with_link("Image.asset('assets/ceop/clickceop.gif')"),
            Flutter,
            &["1:14"],
        ),
        (
            "Help.jsx",
            with_link(&format!("{button}\n{require}")),
            ReactNative,
            &["1:1", "2:20"],
        ),
        (
            "Help.jsx",
            with_link(&format!("{require}{button}")),
            ReactNative,
            &["1:20", "1:39"],
        ),
        (
            "Help.swift",
            "let i = UIImage(url: \"https://www.ceop.police.uk/img/clickceop.gif\")".to_string(),
            Apple,
            &["1:29"],
        ),
    ] {
        let want: Vec<String> = at.iter().map(|a| format!("{a} button-in-app")).collect();
        assert_eq!(found(file, &text, Some(kind)), want, "{text}");
    }
}
