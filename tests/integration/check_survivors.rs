//! The audit core's behaviour that mutation testing showed no other test
//! pinned: each test here failed on a plausible bug that every other test
//! let through (README "Mutation testing").

use ceop_onboard::audit::FindingId;

use crate::check_real::{SIGNPOSTING, check_json, found, ids, tree};

/// An address written out inside an element that links is the link's
/// visible text, which `check` does not judge (SPEC §10); the same words in
/// an element that does not link are prose that sends readers there.
#[test]
fn visible_text_of_any_kind_of_link_is_not_judged_but_prose_is() {
    let target = "https://www.ceop.police.uk/safety-centre";
    for attr in [
        format!("href=\"{target}\""),
        format!("onmouseup=\"go('{target}')\""),
        format!("@tap=\"go('{target}')\""),
        format!("v-on:tap=\"go('{target}')\""),
    ] {
        let page = format!("<div {attr}>www.ceop.gov.uk</div>");
        let found = ids("page.html", &page);
        assert!(
            !found.contains(&FindingId::LinkRetiredDomain),
            "{page}: {found:?}"
        );
    }
    let prose = "<p class=\"note\">Get help at www.ceop.gov.uk</p>";
    let found = ids("page.html", prose);
    assert!(found.contains(&FindingId::LinkRetiredDomain), "{found:?}");
}

/// The site's own host comes from a page that never names CEOP: its
/// canonical link, even far down a long head, and never a stylesheet's
/// host; a button loaded from the site's own host is not hotlinked. (The
/// host given on the command line makes "no own host known" impossible.)
#[test]
fn the_sites_own_host_comes_from_the_canonical_link_of_any_page() {
    let button = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="https://cdn.other-school.org.uk/images/clickceop.gif" alt="Click CEOP – report to the CEOP Safety Centre"></a>"#;
    let safety = format!("{SIGNPOSTING}{button}");
    let hotlinked = |index: &str| {
        let dir = tree(&[("site/index.html", index), ("site/safety.html", &safety)]);
        let (v, _, _) = check_json(dir.path(), &["--site-host", "example.sch.uk", "site"]);
        found(&v).contains(&("site/safety.html".into(), "button-hotlinked".into()))
    };
    let filler = r#"<meta name="description" content="A school">"#.repeat(60);
    assert!(filler.len() > 2048);
    let own = r#"<link rel="canonical" href="https://www.other-school.org.uk/">"#;
    assert!(!hotlinked(&format!("<head>{own}</head><p>Welcome</p>")));
    assert!(!hotlinked(&format!(
        "<head>{filler}{own}</head><p>Welcome</p>"
    )));
    // A stylesheet or a picture from the image's host does not make that
    // host the site's.
    for other in [
        r#"<link rel="stylesheet" href="https://cdn.other-school.org.uk/site.css">"#,
        r#"<meta name="twitter:image" content="https://cdn.other-school.org.uk/card.png">"#,
    ] {
        let head =
            format!(r#"<meta property="og:url" content="https://www.example.sch.uk/">{other}"#);
        assert!(
            hotlinked(&format!("<head>{head}</head><p>Welcome</p>")),
            "{other}"
        );
    }
}

/// A link whose target is echoed by template code is a CEOP link only when
/// the echoed setting is about CEOP; a picture inside any other link is
/// none of `check`'s business.
#[test]
fn only_an_echoed_ceop_setting_makes_a_link_a_ceop_link() {
    let picture = r#"<img src="/images/photo.jpg" alt="Our school">"#;
    let page = |href: &str| format!(r#"{SIGNPOSTING}<a href="{href}">{picture}</a>"#);
    let ceop = page("<?php echo $theme->settings->ceoplink; ?>");
    assert!(ids("footer.php", &ceop).contains(&FindingId::LinkPicture));
    let other = page("<?php echo $theme->settings->newslink; ?>");
    assert!(!ids("footer.php", &other).contains(&FindingId::LinkPicture));
}

/// `<input type="image">` draws an image like `<img>`; other inputs do not.
#[test]
fn an_image_input_can_be_the_button() {
    let input = r#"<a href="https://www.ceop.police.uk/safety-centre"><input type="image" src="/images/clickceop.gif" width="100" height="36" alt="Click CEOP"></a>"#;
    let found = ids("safety.html", &format!("{SIGNPOSTING}{input}"));
    assert!(found.contains(&FindingId::ButtonResized), "{found:?}");
    let text = input.replace(r#"type="image""#, r#"type="text""#);
    let found = ids("safety.html", &format!("{SIGNPOSTING}{text}"));
    assert!(!found.contains(&FindingId::ButtonResized), "{found:?}");
}

/// An image whose declared size is within 5% of 143×51, both ways, is the
/// button; any other picture inside a CEOP link is only a picture.
#[test]
fn the_declared_size_is_evidence_only_near_143_by_51() {
    let is = |w: u32, h: u32| {
        let img = format!(
            r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="/images/photo.jpg" width="{w}" height="{h}"></a>"#
        );
        let found = ids("safety.html", &format!("{SIGNPOSTING}{img}"));
        let button = found.contains(&FindingId::ButtonNotGif);
        assert_ne!(button, found.contains(&FindingId::LinkPicture), "{found:?}");
        button
    };
    assert!(is(143, 51));
    assert!(is(150, 49));
    assert!(is(136, 53));
    assert!(!is(151, 51));
    assert!(!is(143, 54));
    assert!(!is(100, 40));
    assert!(!is(143, 300));
    assert!(!is(300, 51));
}

/// A React page that imports the button file by a name and uses the name.
#[test]
fn an_imported_or_required_button_file_names_the_image() {
    for import in [
        "import badge from './images/clickceop.gif';",
        "const badge = require('./images/clickceop.gif');",
    ] {
        let page = format!(
            r#"{import}
export const Help = () => (<a href="https://www.ceop.police.uk/safety-centre"><img src={{badge}} /></a>);"#
        );
        let found = ids("Help.jsx", &page);
        assert!(
            !found.contains(&FindingId::LinkPicture),
            "{import}: {found:?}"
        );
        let other = page.replace("clickceop.gif", "photo.gif");
        let found = ids("Help.jsx", &other);
        assert!(
            found.contains(&FindingId::LinkPicture),
            "{import}: {found:?}"
        );
        // Another name that ends the same is not the one imported.
        let xbadge = page
            .replace("import badge", "import xbadge")
            .replace("const badge", "const xbadge");
        let found = ids("Help.jsx", &xbadge);
        assert!(
            found.contains(&FindingId::LinkPicture),
            "{import}: {found:?}"
        );
    }
}

/// An imported name is a whole JavaScript identifier, of any length, with
/// `_` and `$`; an image with no address names no file.
#[test]
fn an_imported_name_is_a_whole_identifier() {
    let picture = |name: &str, import: &str| {
        let page = format!(
            r#"{import}
export const Help = () => (<a href="https://www.ceop.police.uk/safety-centre"><img src={{{name}}} /></a>);"#
        );
        ids("Help.jsx", &page).contains(&FindingId::LinkPicture)
    };
    for name in [
        "b".repeat(80),
        "ceop_badge".into(),
        "$badge".into(),
        "b4".into(),
    ] {
        for import in [
            format!("import {name} from './clickceop.gif';"),
            format!("const {name} = require(  \"./clickceop.gif\");"),
            format!("import {name} from `./clickceop.gif`;"),
        ] {
            assert!(!picture(&name, &import), "{import}");
            assert!(picture(&format!("x{name}"), &import), "x{name}: {import}");
        }
    }
    // Below a licence of some kilobytes, inside the first 64 kB.
    let licence = format!(
        "/*\n{}*/\n",
        " * Licensed under the MIT licence.\n".repeat(100)
    );
    assert!(licence.len() > 2048);
    let import = format!("{licence}import badge from './clickceop.gif';");
    assert!(!picture("badge", &import));
    // Another kind of import, or no file named: not the button.
    assert!(picture("badge", "import badge from images;"));
    assert!(picture(
        "badge",
        "import * as badge from './clickceop.gif';"
    ));
    let img = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="" /></a>"#;
    let page = format!(
        "const {{ badge }} = require('./clickceop.gif');\nexport const Help = () => ({img});"
    );
    assert!(ids("Help.jsx", &page).contains(&FindingId::LinkPicture));
}

/// Where a page loads something from CEOP's site (a script, a poster, an
/// inline style's picture, a Markdown image), the address is no link
/// target: R7 is not judged there.
#[test]
fn what_a_page_loads_from_ceop_is_no_link_target() {
    let links = |file: &str, text: &str| -> Vec<FindingId> {
        let found = ids(file, text);
        found
            .into_iter()
            .filter(|id| id.as_str().starts_with("link-"))
            .collect()
    };
    let other = "https://www.ceop.police.uk/assets/ceop";
    for page in [
        format!(r#"<script src="{other}.js"></script>"#),
        format!(r#"<video poster="{other}.png"></video>"#),
        format!(r#"<div style="background: url({other}.png)">Help</div>"#),
    ] {
        assert_eq!(links("help.html", &page), [], "{page}");
        // The same address as a link is judged.
        let link = format!(r#"<a href="{other}.html">Help</a>"#);
        assert!(!links("help.html", &link).is_empty());
    }
    let md = format!("![Click CEOP]({other}/clickceop.gif)");
    assert_eq!(links("help.md", &md), [], "{md}");
    assert!(ids("help.md", &md).contains(&FindingId::ButtonHotlinked));
}

/// An inline style's values keep what parentheses and quotes hold.
#[test]
fn inline_style_values_keep_parentheses_and_quotes_whole() {
    let values = |s: &str| -> Vec<(String, String)> {
        ceop_onboard::audit::css::declarations(s, 0..s.len())
            .into_iter()
            .map(|d| (d.prop, d.value))
            .collect()
    };
    assert_eq!(
        values("transform: scale(0.5, 0.5); width: 10px"),
        [
            ("transform".into(), "scale(0.5, 0.5)".into()),
            ("width".into(), "10px".into())
        ]
    );
    assert_eq!(
        values(r#"{ fontFamily: "A, B; C", width: 10 }"#),
        [
            ("font-family".into(), "a, b; c".into()),
            ("width".into(), "10".into())
        ]
    );
}

/// An address in a Markdown link's label is the link's visible text; one
/// outside a label (closed before it, or on another line) is prose.
#[test]
fn an_address_in_a_markdown_label_is_visible_text() {
    let retired = |md: &str| ids("help.md", md).contains(&FindingId::LinkRetiredDomain);
    let target = "https://www.ceop.police.uk/safety-centre";
    assert!(!retired(&format!("[www.ceop.gov.uk]({target})")));
    assert!(!retired(&format!(
        "Use [the old www.ceop.gov.uk site]({target})."
    )));
    assert!(retired(&format!(
        "[Help] www.ceop.gov.uk and [more]({target})"
    )));
    assert!(retired(&format!(
        "www.ceop.gov.uk [CEOP Safety Centre]({target})"
    )));
    assert!(retired(&format!("[\nwww.ceop.gov.uk]({target})")));
    assert!(retired(&format!("[x www.ceop.gov.uk\n]({target})")));
}

/// Neither app code nor template code makes every picture the button: the
/// name a helper or the code gives must look like the button's.
#[test]
fn a_picture_in_app_or_template_code_is_not_the_button_by_that_alone() {
    let php = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="<?php echo get_template_directory_uri(); ?>/images/photo.jpg" alt="Our school"></a>"#;
    let found = ids("footer.php", &format!("{SIGNPOSTING}{php}"));
    assert!(found.contains(&FindingId::LinkPicture), "{found:?}");
    let button = php.replace("photo.jpg", "clickceop.gif");
    let found = ids("footer.php", &format!("{SIGNPOSTING}{button}"));
    assert!(!found.contains(&FindingId::LinkPicture), "{found:?}");
    let rn = r#"import { Image, Linking, Pressable } from 'react-native';
export const Help = () => (
  <Pressable onPress={() => Linking.openURL('https://www.ceop.police.uk/safety-centre')}>
    <Image source={photo} />
  </Pressable>
);"#;
    let found = ids("Help.tsx", rn);
    assert!(!found.contains(&FindingId::ButtonInApp), "{found:?}");
    let found = ids("Help.tsx", &rn.replace("{photo}", "{clickceop}"));
    assert!(found.contains(&FindingId::ButtonInApp), "{found:?}");
}

/// An SVG `<image>` names its picture with `href`; an `<img>` only with
/// `src` (a stray `href` on it is not its picture).
#[test]
fn href_is_the_picture_of_an_svg_image_only() {
    let link = |inner: &str| {
        let page = format!(
            r#"{SIGNPOSTING}<a href="https://www.ceop.police.uk/safety-centre">{inner}</a>"#
        );
        ids("safety.html", &page)
    };
    let svg = link(r#"<svg><image href="/images/clickceop.png" alt="Click CEOP"/></svg>"#);
    assert!(svg.contains(&FindingId::ButtonNotGif), "{svg:?}");
    let img = link(r#"<img href="/about" src="/images/clickceop.png" alt="Click CEOP">"#);
    assert!(img.contains(&FindingId::ButtonNotGif), "{img:?}");
    let input = link(r#"<input type="image" href="/images/clickceop.png" alt="Click CEOP">"#);
    assert!(input.contains(&FindingId::ButtonNotGif), "{input:?}");
}

/// A stylesheet elsewhere styles the button through a class or id it
/// carries: classes of three letters or more, never template code or an
/// empty id (which would match any `::after`).
#[test]
fn the_button_is_known_to_stylesheets_by_its_longer_classes_and_its_id() {
    let button = r#"<a href="https://www.ceop.police.uk/safety-centre"><img class="cb cbx {{x}}" id="" src="/images/clickceop.gif" alt="Click CEOP – get advice or report a concern"></a>"#;
    let styled = |css: &str| {
        let dir = tree(&[
            ("site/safety.html", &format!("{SIGNPOSTING}{button}")),
            ("site/site.css", css),
        ]);
        let (v, _, _) = check_json(dir.path(), &["site"]);
        found(&v)
            .into_iter()
            .filter(|(file, _)| file == "site/site.css")
            .map(|(_, id)| id)
            .collect::<Vec<_>>()
    };
    assert_eq!(styled(".cbx { width: 10px }"), ["button-resized"]);
    assert_eq!(styled(".cb { width: 10px }"), [] as [&str; 0]);
    assert_eq!(styled(".other::after { display: none }"), [] as [&str; 0]);
    let with_id = button.replace(r#"id="""#, r#"id=" ceop-x ""#);
    let dir = tree(&[
        ("site/safety.html", &format!("{SIGNPOSTING}{with_id}")),
        ("site/site.css", "#ceop-x { opacity: 0 }"),
    ]);
    let (v, _, _) = check_json(dir.path(), &["site"]);
    assert!(found(&v).contains(&("site/site.css".into(), "button-hidden".into())));
}

/// In code, an address that is an image file, or inside `url(…)`, is a
/// picture loaded, not a link target.
#[test]
fn an_image_address_in_code_is_no_link_target() {
    let r7 = |code: &str| -> Vec<FindingId> {
        ids("help.js", code)
            .into_iter()
            .filter(|id| id.rule().to_string() == "R7")
            .collect()
    };
    let picture = "const badge = 'https://www.ceop.police.uk/img/ceop.png';";
    assert_eq!(r7(picture), []);
    let background = "el.style.background = 'url(https://www.ceop.police.uk/assets/bg)';";
    assert_eq!(r7(background), []);
    let link = "const help = 'https://www.ceop.police.uk/assets/bg';";
    assert_eq!(r7(link), [FindingId::LinkNotSafetyCentre]);
}

/// An address among the words of an element is prose (or a link's visible
/// text); one in a script, or in template code, is a value code uses.
#[test]
fn an_address_among_words_is_prose_and_one_in_code_is_a_target() {
    let retired = |file: &str, text: &str| -> Vec<String> {
        crate::check_real::scan(file, text)
            .into_iter()
            .filter(|f| f.id == FindingId::LinkRetiredDomain)
            .map(|f| f.message)
            .collect()
    };
    let said = |page: &str| retired("page.html", page);
    let prose =
        "the text sends readers to `www.ceop.gov.uk`, which uses the retired ceop.gov.uk address";
    for page in [
        "<p>Visit www.ceop.gov.uk</p>",
        "<p>Visit (www.ceop.gov.uk)</p>",
        "<div>Help <img src=\"/a.png\" alt=\"x\"> at www.ceop.gov.uk</div>",
        "<p>“Safety” – see: www.ceop.gov.uk</p>",
    ] {
        assert_eq!(said(page), [prose], "{page}");
    }
    let code = "`www.ceop.gov.uk` uses the retired ceop.gov.uk address and has no https:// (a browser treats it as a page of this site, or follows the page's scheme); the button and CEOP links may go only to https://www.ceop.police.uk/safety-centre";
    for page in [
        "<script>var u = \"www.ceop.gov.uk\";</script>",
        "<p>{{ 'www.ceop.gov.uk' }}</p>",
        "<p>go=www.ceop.gov.uk</p>",
    ] {
        assert_eq!(said(page), [code], "{page}");
    }
    // Markdown: an address written out is prose; one with a scheme is a
    // link a reader can follow.
    let md = |text: &str| retired("help.md", text);
    assert_eq!(md("Visit www.ceop.gov.uk today"), [prose]);
    assert_eq!(
        md("Visit https://www.ceop.gov.uk today"),
        [
            "`https://www.ceop.gov.uk` uses the retired ceop.gov.uk address; the button and CEOP links may go only to https://www.ceop.police.uk/safety-centre"
        ]
    );
}

/// A template helper names the button only with a file or asset name; a
/// quoted phrase (a language string) is no name.
#[test]
fn only_an_asset_name_in_a_helper_names_the_button() {
    let page = |helper: &str| {
        let img = format!(
            r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="<?php echo {helper}; ?>" alt="Our school"></a>"#
        );
        ids("footer.php", &format!("{SIGNPOSTING}{img}"))
    };
    assert!(!page("$OUTPUT->image_url('clickceop', 'theme')").contains(&FindingId::LinkPicture));
    assert!(page("get_string('Click CEOP button', 'theme')").contains(&FindingId::LinkPicture));
    assert!(page("get_string('', 'theme')").contains(&FindingId::LinkPicture));
}

/// A Markdown page's button is judged again with what the whole site says
/// of its own host, as an HTML page's is: the canonical link of another
/// page makes the image's host the site's own.
#[test]
fn a_markdown_button_is_judged_with_the_sites_own_host() {
    let help = "[![Click CEOP – report to the CEOP Safety Centre](https://cdn.other-school.org.uk/clickceop.gif)](https://www.ceop.police.uk/safety-centre)\n";
    let hotlinked = |index: &str| {
        let dir = tree(&[("site/index.html", index), ("site/help.md", help)]);
        let (v, _, _) = check_json(dir.path(), &["--site-host", "example.sch.uk", "site"]);
        found(&v).contains(&("site/help.md".into(), "button-hotlinked".into()))
    };
    assert!(hotlinked("<p>Welcome</p>"));
    assert!(!hotlinked(
        r#"<link rel="canonical" href="https://www.other-school.org.uk/"><p>Welcome</p>"#
    ));
}

/// A page whose only element is a `<style>` block is read for rules on the
/// classes of buttons found on other pages.
#[test]
fn a_page_of_styles_alone_is_read_for_the_sites_button_classes() {
    let index = r#"<a href="https://www.ceop.police.uk/safety-centre"><img class="badge" src="/img/clickceop.gif" alt="Click CEOP"></a>"#;
    let styles = "<style>/* the CEOP badge */ .badge { width: 50px }</style>";
    let dir = tree(&[("site/index.html", index), ("site/styles.html", styles)]);
    let (v, _, _) = check_json(dir.path(), &["site"]);
    assert!(
        found(&v).contains(&("site/styles.html".into(), "button-resized".into())),
        "{v}"
    );
}

/// An alt text that template code finishes is not judged as if written out:
/// PHP in the value, a JSX concatenation or template literal. A JSX string
/// or number in braces is read as written.
#[test]
fn an_alt_text_finished_by_code_is_not_judged() {
    let button = |alt: &str| {
        format!(
            r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="/img/clickceop.gif" width="143" height="51" {alt}></a>"#
        )
    };
    for (file, alt) in [
        ("help.php", r#"alt="Click CEOP <?php echo $suffix; ?>""#),
        ("Help.jsx", r#"alt={"Click CEOP" + name}"#),
        ("Help.jsx", "alt={`Click CEOP ${name}`}"),
    ] {
        let found = ids(file, &button(alt));
        assert!(
            !found.contains(&FindingId::ButtonVagueAlt),
            "{alt}: {found:?}"
        );
    }
    assert!(ids("Help.jsx", &button(r#"alt={"Click CEOP"}"#)).contains(&FindingId::ButtonVagueAlt));
}

/// A hotlinked button says where it is loaded from: an image host is named
/// as one whether or not the site's own host is known; another site is
/// named against the site's own.
#[test]
fn a_hotlinked_button_names_where_it_is_loaded_from() {
    let loaded_from = |src: &str, args: &[&str]| {
        let page = format!(
            r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="{src}" alt="Click CEOP – report to the CEOP Safety Centre"></a>"#
        );
        let dir = tree(&[("site/index.html", &page)]);
        let (v, _, _) = check_json(dir.path(), &[args, &["site"]].concat());
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["id"] == "button-hotlinked")
            .map(|f| f["message"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let says = |src: &str, args: &[&str], whence: &str| {
        assert_eq!(
            loaded_from(src, args),
            [format!(
                "the button image is loaded from {whence} (`{src}`); this tool's advice is to serve your own copy of the file CEOP issues"
            )]
        );
    };
    let pin = "https://i.pinimg.com/originals/clickceop.gif";
    says(pin, &[], "an image host");
    says(pin, &["--site-host", "example.sch.uk"], "an image host");
    let other = "https://cdn.other-school.org.uk/clickceop.gif";
    says(
        other,
        &["--site-host", "example.sch.uk"],
        "another site, not example.sch.uk",
    );
    assert!(loaded_from(other, &[]).is_empty());
}

/// An image address built with code is judged for where it loads from
/// when its host is written out before the code; a host or path that code
/// makes is not judged, nor is the local file a computed path seems to name.
#[test]
fn an_image_address_built_with_code_is_judged_by_the_host_written_out() {
    let judged = |file: &str, src: &str| {
        let page = format!(
            r#"<a href="https://www.ceop.police.uk/safety-centre"><img src={src} alt="Click CEOP – report to the CEOP Safety Centre"></a>"#
        );
        let dir = tree(&[
            (&format!("site/{file}") as &str, &page),
            ("site/img/clickceop.gif", "not a picture"),
        ]);
        let (v, _, _) = check_json(dir.path(), &["--site-host", "example.sch.uk", "site"]);
        let mut ids: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["id"].as_str().unwrap().to_string())
            .filter(|id| id.starts_with("button-"))
            .collect();
        ids.dedup();
        ids
    };
    let hotlinked = ["button-hotlinked".to_string()];
    assert_eq!(
        judged("Help.jsx", r#"{"https://cdn.other.org.uk/" + name}"#),
        hotlinked
    );
    assert_eq!(
        judged("Help.jsx", r#"{`https://cdn.other.org.uk/${name}`}"#),
        hotlinked
    );
    assert_eq!(
        judged("help.php", r#""https://cdn.other.org.uk/<?= $f ?>""#),
        hotlinked
    );
    assert_eq!(
        judged("help.php", r#""//CDN.other.org.uk/<?= $f ?>""#),
        hotlinked
    );
    for src in [
        r#"{"https://example.sch.uk/" + name}"#,
        r#""https://<?= $host ?>/clickceop.gif""#,
        r#""https://cdn.<?= $tld ?>/clickceop.gif""#,
        r#""https://cdn.other.org<?= $tld ?>/clickceop.gif""#,
        r#""<?= $cdn ?>https://cdn.other.org.uk/clickceop.gif""#,
        r#"{cdn + "https://cdn.other.org.uk/clickceop.gif"}"#,
    ] {
        let file = if src.starts_with('{') {
            "Help.jsx"
        } else {
            "help.php"
        };
        assert_eq!(judged(file, src), [] as [String; 0], "{src}");
    }
    // A path after code (a theme's folder) names the site's own file.
    let theme = r#""<?= $theme ?>/img/clickceop.gif""#;
    assert_eq!(judged("help.php", theme), ["button-file-not-gif"]);
}
