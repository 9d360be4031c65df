//! Snapshots of every platform × audience × format artifact, its checklist and
//! record; and the properties every artifact keeps (R5, R7, R8, R9).

use ceop_onboard::answers::{Audience, Key, Platform};
use ceop_onboard::eligibility::decide;
use ceop_onboard::record::Record;
use ceop_onboard::render::{Format, Renderer};

use crate::common::{answers, artifact, guide, paths};

fn name(platform: Platform, audience: Option<Audience>) -> String {
    match audience {
        Some(a) => format!("{platform}__{a}"),
        None => platform.to_string(),
    }
}

#[test]
fn snapshot_every_artifact_and_checklist() {
    for (platform, audience) in paths() {
        let art = artifact(&answers(platform, audience));
        let base = name(platform, audience);
        assert_eq!(
            art.documents.iter().map(|d| d.format).collect::<Vec<_>>(),
            Format::for_platform(platform)
        );
        for doc in &art.documents {
            insta::assert_snapshot!(format!("{base}__{}", doc.format), doc.content);
        }
        insta::assert_snapshot!(format!("{base}__checklist"), art.checklist_markdown);
    }
}

#[test]
fn snapshot_checklist_json_and_record() {
    let g = guide();
    let a = answers(Platform::Website, Some(Audience::Mixed));
    let d = decide(&g, &a, None);
    let art = Renderer::new(None)
        .unwrap()
        .artifact(&g, &a, &d, None)
        .unwrap()
        .unwrap();
    insta::assert_snapshot!("website__mixed__checklist_json", art.checklist_json());
    let record = Record::new(&g, &a, &d, Some(&art), "2026-11-28T12:00:00Z".into()).to_toml();
    let parsed: toml::Value = toml::from_str(&record).expect("the record is valid TOML");
    assert_eq!(parsed["decision"]["outcome"].as_str(), Some("appropriate"));
    insta::assert_snapshot!("website__mixed__record", record);
}

#[test]
fn every_checklist_item_cites_a_rule_and_the_checklist_fits_the_platform() {
    for (platform, audience) in paths() {
        let art = artifact(&answers(platform, audience));
        assert!(!art.checklist.is_empty());
        for line in art
            .checklist_markdown
            .lines()
            .filter(|l| l.starts_with("- [ ]"))
        {
            assert!(line.contains("(R"), "{line}");
        }
        let ids: Vec<&str> = art.checklist.iter().map(|c| c.id.as_str()).collect();
        let has = |id: &str| ids.contains(&id);
        assert!(has("bullying-to-childline") && has("no-endorsement") && has("read-in-full"));
        assert_eq!(
            has("app-no-button"),
            platform == Platform::App,
            "{platform}"
        );
        assert_eq!(has("official-gif"), platform != Platform::App, "{platform}");
        assert_eq!(
            has("links-only-safety-centre"),
            matches!(platform, Platform::Website | Platform::EmailNewsletter)
        );
        assert_eq!(
            has("mixed-audience-text"),
            audience == Some(Audience::Mixed)
        );
    }
}

#[test]
fn button_links_only_to_the_safety_centre_at_its_intrinsic_size() {
    for (platform, audience) in paths() {
        let art = artifact(&answers(platform, audience));
        for doc in &art.documents {
            let c = &doc.content;
            let hrefs: Vec<&str> = c
                .match_indices("href=\"")
                .map(|(i, _)| &c[i + 6..i + 6 + c[i + 6..].find('"').unwrap()])
                .collect();
            for href in &hrefs {
                assert!(
                    [
                        "https://www.ceop.police.uk/safety-centre",
                        "tel:08001111",
                        "https://www.childline.org.uk"
                    ]
                    .contains(href),
                    "{platform} {}: unexpected link {href}",
                    doc.format
                );
            }
            if doc.format == Format::Html && platform.shows_button() {
                assert!(
                    c.contains("<a href=\"https://www.ceop.police.uk/safety-centre\"><img ")
                        || c.contains(
                            "<a href=\"https://www.ceop.police.uk/safety-centre\" target"
                        )
                );
                assert!(
                    c.contains("width=\"143\" height=\"51\""),
                    "{platform}: intrinsic size"
                );
                assert!(c.contains(" alt=\"Click CEOP"), "{platform}: alt text");
            }
        }
    }
}

#[test]
fn apps_never_get_the_button_image() {
    let art = artifact(&answers(Platform::App, None));
    for doc in &art.documents {
        let lower = doc.content.to_lowercase();
        assert!(
            !lower.contains("<img") && !lower.contains(".gif") && !lower.contains("!["),
            "{}",
            doc.format
        );
        assert!(doc.content.contains("CEOP Safety Centre"));
    }
}

#[test]
fn no_artifact_suggests_endorsement() {
    for (platform, audience) in paths() {
        let art = artifact(&answers(platform, audience));
        for doc in &art.documents {
            let lower = doc.content.to_lowercase();
            for word in [
                "endorsed",
                "approved by",
                "vetted",
                "accredited",
                "certified",
                "partner",
                "official partner",
            ] {
                assert!(!lower.contains(word), "{platform} {}: `{word}`", doc.format);
            }
        }
    }
}

#[test]
fn new_tab_is_announced_in_the_alt_text() {
    let mut a = answers(Platform::Website, Some(Audience::Children));
    a.set(Key::NewTab, "true").unwrap();
    let html = &artifact(&a).documents[0].content;
    assert!(html.contains("target=\"_blank\" rel=\"noopener\""));
    assert!(html.contains("(opens in a new tab)\""));
}

#[test]
fn android_string_resource_is_well_formed_xml() {
    let art = artifact(&answers(Platform::App, None));
    let xml = &art.document(Format::Android).unwrap().content;
    let doc = roxmltree::Document::parse(xml).unwrap();
    assert_eq!(doc.root_element().tag_name().name(), "resources");
    let names: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("string"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(names, ["ceop_safety_centre_url", "ceop_signposting"]);
}

/// Also for the templates the wizard compiles when first used.
#[test]
fn one_document_renders_as_in_the_whole_artifact() {
    let g = guide();
    for renderer in [Renderer::new(None).unwrap(), Renderer::embedded()] {
        for (platform, audience) in paths() {
            let a = answers(platform, audience);
            let decision = decide(&g, &a, None);
            let art = artifact(&a);
            for &format in Format::ALL {
                let one = renderer.document(&g, &a, &decision, format).unwrap();
                assert_eq!(one.as_ref(), art.document(format), "{platform} {format}");
            }
        }
    }
}
