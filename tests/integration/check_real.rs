//! `check` on code as real sites write it (issue 10): each false alarm and
//! each miss found on real themes and pages, pinned by a test that failed
//! before the fix.

use std::path::Path;

use assert_cmd::Command;
use ceop_onboard::audit::{Auditor, FileKind, Finding, FindingId, Source};
use serde_json::Value;

use crate::common::guide;

pub(crate) fn scan(file: &str, text: &str) -> Vec<Finding> {
    Auditor::new(&guide())
        .scan(&Source {
            file,
            kind: FileKind::from_path(file).unwrap_or(FileKind::Markup),
            text,
            app: None,
        })
        .findings
}

pub(crate) fn ids(file: &str, text: &str) -> Vec<FindingId> {
    scan(file, text).iter().map(|f| f.id).collect()
}

pub(crate) fn errors(file: &str, text: &str) -> Vec<FindingId> {
    scan(file, text)
        .iter()
        .filter(|f| f.severity() == ceop_onboard::audit::Severity::Error)
        .map(|f| f.id)
        .collect()
}

/// Writes `files` (path, contents) under a new temporary directory.
pub(crate) fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// `check --format json ARGS…` run in `dir`: the report and the exit code.
pub(crate) fn check_json(dir: &Path, args: &[&str]) -> (Value, i32, String) {
    let out = Command::cargo_bin("ceop-onboard")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (
        v,
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn found(v: &Value) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub(crate) const SIGNPOSTING: &str = "<p>CEOP helps any child or young person under the age of 18 who is being pressured, forced or tricked into taking part in sexual activity of any kind.</p>";

// ---- False alarms --------------------------------------------------------

#[test]
fn visible_link_text_that_is_an_address_is_not_judged_as_a_target() {
    for text in [
        r#"<a href="https://www.ceop.police.uk/safety-centre">ceop.police.uk</a>"#,
        r#"<li><a href="https://www.ceop.police.uk/safety-centre" target="_blank">ceop.police.uk/Safety-Centre</a></li>"#,
        r#"<a href="https://www.ceop.police.uk/safety-centre"><span>Visit</span> https://www.ceop.police.uk/</a>"#,
    ] {
        let page = format!("{SIGNPOSTING}{text}");
        let r7: Vec<FindingId> = ids("help.html", &page)
            .into_iter()
            .filter(|id| id.rule().to_string() == "R7")
            .collect();
        assert!(r7.is_empty(), "{text}: {r7:?}");
    }
    let md = "[ceop.police.uk](https://www.ceop.police.uk/safety-centre)\n";
    assert!(!ids("help.md", md).contains(&FindingId::LinkBareDomain));
}

#[test]
fn fix_changes_the_target_and_never_the_visible_text() {
    let page = r#"<a href="http://www.ceop.police.uk/safety-centre">http://www.ceop.police.uk/safety-centre</a>"#;
    let dir = tree(&[("help.html", page)]);
    Command::cargo_bin("ceop-onboard")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", "help.html"])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("help.html")).unwrap(),
        r#"<a href="https://www.ceop.police.uk/safety-centre">http://www.ceop.police.uk/safety-centre</a>"#
    );
}

#[test]
fn a_card_picture_inside_a_ceop_link_is_not_the_button() {
    let page = format!(
        r#"{SIGNPOSTING}<a class="card" href="https://www.ceop.police.uk/safety-centre"><img class="card-img-top" src="/img/online-safety.jpg" width="600" height="400" alt="A girl using a laptop"><div class="card-body"><h3>CEOP Safety Centre</h3></div></a>"#
    );
    let found = ids("safety.html", &page);
    assert!(!found.contains(&FindingId::ButtonNotGif), "{found:?}");
    assert!(!found.contains(&FindingId::ButtonResized), "{found:?}");
    assert!(found.contains(&FindingId::LinkPicture), "{found:?}");
    assert!(errors("safety.html", &page).is_empty());
}

#[test]
fn an_image_with_evidence_inside_a_ceop_link_is_still_the_button() {
    // Declared size about 143×51, and alt text naming Click CEOP.
    for img in [
        r#"<img src="/media/badge.png" width="143" height="51" alt="Report to CEOP">"#,
        r#"<img src="/media/badge.png" alt="Click CEOP: advice and help">"#,
    ] {
        let page =
            format!(r#"{SIGNPOSTING}<a href="https://www.ceop.police.uk/safety-centre">{img}</a>"#);
        assert!(
            ids("a.html", &page).contains(&FindingId::ButtonNotGif),
            "{img}"
        );
    }
}

#[test]
fn a_childline_entry_of_a_js_data_object_is_not_bullying_sent_to_ceop() {
    let jsx = r#"import React from 'react';

const services = [
  {
    name: 'CEOP Safety Centre',
    description: 'Worried about sexual abuse or someone you met online? Get advice or make a report.',
    url: 'https://www.ceop.police.uk/safety-centre',
  },
  {
    name: 'Talk to someone',
    description: 'Being bullied, or worried about something online? Talk to a counsellor any time.',
    url: 'https://www.childline.org.uk',
  },
];

export default function Help() {
  return <ul>{services.map((s) => <li key={s.url}><a href={s.url}>{s.name}</a> {s.description}</li>)}</ul>;
}
"#;
    let found = ids("Help.jsx", jsx);
    assert!(!found.contains(&FindingId::BullyingToCeop), "{found:?}");
}

#[test]
fn a_compliant_help_section_under_a_general_question_is_not_bullying_sent_to_ceop() {
    let page = format!(
        r#"<section class="help">
  <h2>Worried about something online?</h2>
  <p>If someone online has asked you for nude pictures, or made you feel pressured or uncomfortable, you can report it to CEOP.</p>
  <a href="https://www.ceop.police.uk/safety-centre"><img src="/images/clickceop.gif" width="143" height="51" alt="Click CEOP – get advice or report to the CEOP Safety Centre"></a>
  {SIGNPOSTING}
  <p>For bullying, or anything else that upsets you, talk to an adult you trust or to Childline on 0800 1111.</p>
</section>"#
    );
    let found = ids("help.html", &page);
    assert!(!found.contains(&FindingId::BullyingToCeop), "{found:?}");
}

// ---- Misses --------------------------------------------------------------

#[test]
fn a_button_echoed_from_a_theme_setting_with_a_helper_image_is_judged() {
    // Moodle (aardvark-style) footer: the href is a theme setting and the
    // image comes from pix_url(); no address or file name is written out.
    let php = r#"<div class="footer-ceop">
  <a href="<?php echo $PAGE->theme->settings->ceoplink; ?>" target="_blank">
    <img src="<?php echo $OUTPUT->pix_url('clickceop', 'theme'); ?>" width="100" />
  </a>
</div>"#;
    let found = ids("layout/footer.php", php);
    assert!(found.contains(&FindingId::ButtonResized), "{found:?}");
    assert!(found.contains(&FindingId::ButtonNoAlt), "{found:?}");
}

#[test]
fn the_settings_that_offer_the_href_are_judged() {
    let dir = tree(&[
        (
            "theme/settings.php",
            r#"<?php
$name = 'theme_aardvark/ceoplink';
$title = get_string('ceoplink', 'theme_aardvark');
$default = 'http://www.ceop.police.uk/reportabuse/';
$setting = new admin_setting_configtext($name, $title, '', $default);
$settings->add($setting);
"#,
        ),
        (
            "theme/theme.json",
            r#"{ "settings": { "custom": { "ceopUrl": "https://www.ceop.police.uk/ceop-reporting/" } } }"#,
        ),
    ]);
    let (v, code, _) = check_json(dir.path(), &["theme"]);
    let found = found(&v);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("theme/settings.php".into(), "link-retired-path".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("theme/theme.json".into(), "link-report-form".into())),
        "{found:?}"
    );
}

#[test]
fn a_stylesheet_in_another_folder_that_shrinks_the_button_by_its_class_is_judged() {
    let dir = tree(&[
        (
            "templates/partials/footer.html",
            &format!(
                r#"{SIGNPOSTING}<a href="https://www.ceop.police.uk/safety-centre"><img class="footer-badge" id="report-badge" src="/images/clickceop.gif" alt="Click CEOP – get advice or report to the CEOP Safety Centre"></a>"#
            ),
        ),
        (
            "assets/css/theme.css",
            ".site-footer { padding: 2rem; }\n.footer-badge { max-width: 100%; height: auto; }\n#report-badge { transform: scale(0.8); }\n",
        ),
    ]);
    let (v, code, _) = check_json(dir.path(), &["."]);
    let found = found(&v);
    assert_eq!(code, 1, "{found:?}");
    assert!(
        found.contains(&("./assets/css/theme.css".into(), "button-resized".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("./assets/css/theme.css".into(), "button-altered".into())),
        "{found:?}"
    );
}

#[test]
fn bullying_sent_to_ceop_in_the_next_sentence_is_found() {
    let page = format!(
        r#"{SIGNPOSTING}<p>Are you being bullied online? Has someone posted something horrible about you?</p>
<p>Report it using the CEOP button below.</p>
<a href="https://www.ceop.police.uk/safety-centre"><img src="/images/clickceop.gif" alt="Click CEOP – report to the CEOP Safety Centre"></a>"#
    );
    assert!(ids("help.html", &page).contains(&FindingId::BullyingToCeop));
}

#[test]
fn a_button_hotlinked_from_any_other_host_is_found_by_the_pages_own_address() {
    let img = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="https://cdn.other-school.org.uk/images/clickceop.gif" alt="Click CEOP – report to the CEOP Safety Centre"></a>"#;
    for head in [
        r#"<link rel="canonical" href="https://www.example.sch.uk/safety/">"#,
        r#"<meta property="og:url" content="https://example.sch.uk/safety">"#,
        r#"<base href="https://www.example.sch.uk/">"#,
    ] {
        let page = format!("<head>{head}</head><body>{SIGNPOSTING}{img}</body>");
        assert!(
            ids("safety.html", &page).contains(&FindingId::ButtonHotlinked),
            "{head}"
        );
    }
    // The site's own host, or a subdomain of it, is not hotlinking.
    let own = format!(
        r#"<link rel="canonical" href="https://www.other-school.org.uk/">{SIGNPOSTING}{img}"#
    );
    assert!(!ids("safety.html", &own).contains(&FindingId::ButtonHotlinked));
    // Told on the command line.
    let dir = tree(&[("safety.html", &format!("{SIGNPOSTING}{img}"))]);
    let (v, _, _) = check_json(dir.path(), &["safety.html"]);
    assert!(!found(&v).iter().any(|(_, id)| id == "button-hotlinked"));
    let (v, code, _) = check_json(
        dir.path(),
        &["--site-host", "www.example.sch.uk", "safety.html"],
    );
    assert_eq!(code, 1);
    assert!(found(&v).iter().any(|(_, id)| id == "button-hotlinked"));
}

#[test]
fn a_product_name_that_implies_ceop_made_it_is_flagged() {
    let manifest =
        r#"{ "manifest_version": 3, "name": "CEOP Shield for Schools", "version": "2.1" }"#;
    assert!(ids("manifest.json", manifest).contains(&FindingId::EndorsementName));
    let page = "<h1>Try the new CEOP Toolbar</h1><p>Search safely.</p>";
    assert!(ids("index.html", page).contains(&FindingId::EndorsementName));
    // The button's own name, CEOP's own service, and code are not product names.
    for ok in [
        "<p>Click CEOP to get advice from the CEOP Safety Centre.</p>",
        ".ceop-filter { margin: 0 }",
        "const ceopApp = require('./ceop_app');",
        "<p>This site is not CEOP Approved: no site is.</p>",
    ] {
        assert!(
            !ids("x.html", ok).contains(&FindingId::EndorsementName),
            "{ok}"
        );
    }
}

// ---- Messages ------------------------------------------------------------

fn message(file: &str, text: &str, id: FindingId) -> String {
    scan(file, text)
        .into_iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {text}"))
        .message
}

#[test]
fn the_live_report_form_is_not_called_retired() {
    let m = message(
        "a.html",
        r#"<a href="https://www.ceop.police.uk/ceop-reporting/">Report</a>"#,
        FindingId::LinkReportForm,
    );
    assert!(!m.contains("retired"), "{m}");
    assert!(m.contains("skipping the Safety Centre"), "{m}");
}

#[test]
fn every_problem_of_one_address_is_named() {
    let m = message(
        "a.html",
        r#"<a href="http://www.ceop.police.uk/reportabuse/">Report</a>"#,
        FindingId::LinkRetiredPath,
    );
    assert!(
        m.contains("retired CEOP reporting page") && m.contains("http://"),
        "{m}"
    );
}

#[test]
fn quotes_are_decoded_and_at_most_80_characters() {
    let m = message(
        "a.html",
        r#"<a href="https://www.ceop.police.uk/safety-centre">Report abuse &rarr;</a>"#,
        FindingId::LinkLabel,
    );
    assert!(m.contains("Report abuse →"), "{m}");
    let long_alt = "a".repeat(200_000);
    let page = format!(r#"<img src="clickceop.gif" alt="{long_alt}">"#);
    for f in scan("a.html", &page) {
        assert!(f.message.chars().count() < 300, "{} chars", f.message.len());
    }
}

#[test]
fn the_tools_own_advice_is_labelled_and_the_gif_comes_from_ceop() {
    let page = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="https://i.imgur.com/clickceop.png"></a>"#;
    let findings = scan("a.html", page);
    let by = |id| findings.iter().find(|f| f.id == id).unwrap();
    assert!(
        by(FindingId::ButtonNoAlt)
            .fix
            .contains("this tool's advice")
    );
    let hot = by(FindingId::ButtonHotlinked);
    assert!(
        hot.message.contains("this tool's advice"),
        "{}",
        hot.message
    );
    assert!(
        hot.fix.contains("from CEOP (the CEOP Education Team)"),
        "{}",
        hot.fix
    );
    let not_gif = by(FindingId::ButtonNotGif);
    assert!(
        not_gif.message.contains("the file CEOP issues"),
        "{}",
        not_gif.message
    );
    assert!(not_gif.fix.contains("never a copy from another site"));
    let resized = message(
        "a.html",
        r#"<img src="clickceop.gif" width="100" alt="Click CEOP – report to the CEOP Safety Centre">"#,
        FindingId::ButtonResized,
    );
    assert!(
        resized.contains("the file CEOP issues is 143×51"),
        "{resized}"
    );
    for f in &findings {
        assert!(!f.message.contains("official button is"), "{}", f.message);
    }
}

#[test]
fn an_address_in_prose_is_reported_only_when_it_leads_nowhere_and_never_fixed() {
    // CEOP's home page named in a sentence is no link: nothing to say.
    let about = format!("{SIGNPOSTING}<p>CEOP (www.ceop.police.uk) is a command of the NCA.</p>");
    assert!(errors("about.html", &about).is_empty());
    let i18n = r#"{ "help.more": "Read more about CEOP at ceop.police.uk." }"#;
    assert!(errors("lang/en.json", i18n).is_empty());
    // A retired address in prose sends readers nowhere: reported, not fixed.
    let notes = "Report online worries at www.ceop.gov.uk\n";
    let f = scan("notes.txt", notes);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].id, FindingId::LinkRetiredDomain);
    assert!(f[0].edit.is_none());
    // An Android string resource's text is a value code links to.
    let xml = r#"<resources><string name="ceop_url">http://www.ceop.gov.uk</string></resources>"#;
    let f = scan("res/values/strings.xml", xml);
    assert!(
        f.iter()
            .any(|f| f.id == FindingId::LinkRetiredDomain && f.edit.is_some()),
        "{f:?}"
    );
}

#[test]
fn what_one_page_says_of_the_site_is_used_on_every_page() {
    let button = r#"<a href="https://www.ceop.police.uk/safety-centre"><img class="ceop-badge-x" src="https://cdn.other-school.org.uk/images/clickceop.gif" alt="Click CEOP – report to the CEOP Safety Centre"></a>"#;
    let dir = tree(&[
        (
            "site/index.html",
            r#"<head><link rel="canonical" href="https://www.example.sch.uk/"></head><body>Welcome</body>"#,
        ),
        ("site/safety.html", &format!("{SIGNPOSTING}{button}")),
        (
            "site/news.html",
            "<style>.news img, img.ceop-badge-x { width: 50px }</style><p>News</p>",
        ),
    ]);
    let (v, code, _) = check_json(dir.path(), &["site"]);
    let found = found(&v);
    assert_eq!(code, 1);
    assert!(
        found.contains(&("site/safety.html".into(), "button-hotlinked".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("site/news.html".into(), "button-resized".into())),
        "{found:?}"
    );
}

#[test]
fn an_imported_image_named_like_the_button_is_the_button() {
    let jsx = format!(
        r#"import React from 'react';
import ceopBadge from '../public/images/clickceop.gif';

export default function Footer() {{
  return (
    <footer>
      <p>{}</p>
      <a href="https://www.ceop.police.uk/safety-centre"><img src={{ceopBadge}} width={{100}} alt="Click CEOP – report to the CEOP Safety Centre" /></a>
    </footer>
  );
}}
"#,
        "CEOP helps any child or young person under the age of 18 who is being pressured, forced or tricked into taking part in sexual activity of any kind."
    );
    assert!(ids("Footer.jsx", &jsx).contains(&FindingId::ButtonResized));
    // A photo imported under another name is a picture, not the button.
    let photo = jsx.replace("clickceop.gif", "team-photo.jpg").replace(
        " alt=\"Click CEOP – report to the CEOP Safety Centre\"",
        " alt=\"Our team\"",
    );
    let found = ids("Footer.jsx", &photo);
    assert!(!found.contains(&FindingId::ButtonResized), "{found:?}");
    assert!(found.contains(&FindingId::LinkPicture), "{found:?}");
}

#[test]
fn a_claim_that_starts_a_name_is_one_finding() {
    let page = r#"<div class="safety"><a href="https://www.ceop.police.uk/safety-centre"><img src="clickceop.gif" width="143" height="51" alt="Click CEOP"></a>
<p>Our CEOP Approved Safety Zone is here. Try the CEOP Safe Hub too.</p></div>"#;
    let r9: Vec<_> = scan("a.html", page)
        .into_iter()
        .filter(|f| {
            matches!(
                f.id,
                FindingId::EndorsementWording | FindingId::EndorsementName
            )
        })
        .map(|f| (f.id, f.column))
        .collect();
    // The claim is said once at its place; a name with no claim in it is
    // still a name.
    assert_eq!(
        r9,
        [
            (FindingId::EndorsementWording, 8),
            (FindingId::EndorsementName, 51)
        ],
        "{r9:?}"
    );
}
