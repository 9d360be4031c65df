//! The words around the button and in a file: product names after CEOP,
//! endorsement wording quoted as written, bullying sent to CEOP, and where
//! the guide's signposting is looked for.

use crate::check_real::{SIGNPOSTING, scan};

const LINK: &str = r#"<a href="https://www.ceop.police.uk/safety-centre">CEOP Safety Centre</a>"#;

fn said(file: &str, text: &str) -> Vec<String> {
    scan(file, text)
        .into_iter()
        .filter(|f| f.id.as_str() != "link-label")
        .map(|f| format!("{}: {}", f.id.as_str(), f.message))
        .collect()
}

fn page(words: &str) -> String {
    format!("{SIGNPOSTING}<p>{words}</p>{LINK}")
}

const NAMES: &str =
    "names a product or feature after CEOP, which suggests CEOP made or approved it";

#[test]
fn a_product_named_after_ceop_is_found_as_written() {
    for (words, name) in [
        ("Try CEOP Shield today.", "CEOP Shield"),
        ("(CEOP Shield)", "CEOP Shield"),
        ("not one two three four CEOP Approved", "CEOP Approved"),
        (
            "CEOP Alpha Beta Gamma Shield",
            "CEOP Alpha Beta Gamma Shield",
        ),
        (
            "CEOP Kids Safe Search, for schools",
            "CEOP Kids Safe Search",
        ),
    ] {
        assert_eq!(
            said("a.html", &page(words)),
            [format!("endorsement-name: \"{name}\" {NAMES}")],
            "{words}"
        );
    }
    for words in [
        "This is not a CEOP Approved site.",
        "never one two three CEOP Approved",
        "myCEOP Shield x-CEOP Shield a.CEOP Shield /CEOP Shield @CEOP Shield _CEOP Shield",
        "ceop Shield",
        "<!-- CEOP Shield -->",
        "CEOP  Shield",
        "CEOP Alpha Beta Gamma Delta Shield",
        "CEOP",
    ] {
        assert_eq!(said("a.html", &page(words)), [] as [&str; 0], "{words}");
    }
    // At the very start of a file, too.
    assert_eq!(
        said("notes.md", "CEOP Shield keeps you safe."),
        [format!("endorsement-name: \"CEOP Shield\" {NAMES}")]
    );
}

const CLAIMS: &str = "suggests CEOP endorsed or approved this site or service, or works with it";

#[test]
fn endorsement_wording_is_quoted_as_written_once_per_place() {
    assert_eq!(
        said("a.html", &page("Endorsed by CEOP.")),
        [format!(
            "endorsement-wording: \"Endorsed by CEOP\" {CLAIMS}"
        )]
    );
    assert_eq!(
        said("a.html", &page("We are not endorsed by CEOP.")),
        [] as [&str; 0]
    );
    assert_eq!(
        said("a.html", &page("Approved by CEOP and CEOP approved.")),
        [
            format!("endorsement-wording: \"Approved by CEOP\" {CLAIMS}"),
            format!("endorsement-wording: \"CEOP approved\" {CLAIMS}"),
        ]
    );
    assert_eq!(
        said("a.html", &page("endorsed <b>by</b> CEOP")),
        [format!(
            "endorsement-wording: \"endorsed by CEOP\" {CLAIMS}"
        )]
    );
    // Written across much markup, the claim is quoted without it.
    let spread = format!("endorsed <span class='{}'>by</span> CEOP", "x".repeat(80));
    assert_eq!(
        said("a.html", &page(&spread)),
        [format!(
            "endorsement-wording: \"endorsed by CEOP\" {CLAIMS}"
        )]
    );
    assert_eq!(
        said("a.html", &page("endorsed&nbsp;by&#32;CEOP")),
        [format!(
            "endorsement-wording: \"endorsed by CEOP\" {CLAIMS}"
        )]
    );
    // A comment between the words is left out, whatever it holds.
    let commented = format!("endorsed <!-- a > {} --> by CEOP", "x".repeat(80));
    assert_eq!(
        said("a.html", &page(&commented)),
        [format!(
            "endorsement-wording: \"endorsed by CEOP\" {CLAIMS}"
        )]
    );
}

#[test]
fn bullying_sent_to_ceop_is_quoted_without_tags_comments_or_double_quotes() {
    assert_eq!(
        said(
            "a.html",
            &page(
                "Being \"bullied\"? <b class=\"big\">Report</b> it <!-- a > b --> using the `CEOP` button."
            )
        ),
        [
            "bullying-to-ceop: \"Being 'bullied'? Report it using the 'CEOP' button\" sends bullying or other online worries to CEOP"
        ]
    );
}

/// A `>` in the words themselves is quoted as written.
#[test]
fn bullying_sent_to_ceop_keeps_a_greater_than_sign_of_its_words() {
    assert_eq!(
        said(
            "a.html",
            &page("Bullied? Report it -> using the CEOP button.")
        ),
        [
            "bullying-to-ceop: \"Bullied? Report it -> using the CEOP button\" sends bullying or other online worries to CEOP"
        ]
    );
}

#[test]
fn signposting_is_looked_for_within_3000_bytes_where_visitors_read() {
    let none = "no-signposting: none of the guide's suggested signposting text is near the button or link (the guide asks for it wherever possible, dependent on placement)";
    let apart = |gap: usize| said("a.html", &format!("{SIGNPOSTING}{}{LINK}", " ".repeat(gap)));
    assert_eq!(apart(2800), [] as [&str; 0]);
    assert_eq!(apart(3000), [none]);
    assert_eq!(said("a.html", LINK), [none]);
    let sc = "https://www.ceop.police.uk/safety-centre";
    // Settings offer a link; app code with its words in resources; pages.
    for (file, text, want) in [
        ("theme/functions.php", format!("$ceop = '{sc}';"), None),
        (
            "theme/settings.json",
            format!("{{\"ceop\": \"{sc}\"}}"),
            None,
        ),
        (
            "Help.kt",
            format!("val s = getString(R.string.help)\nval u = \"{sc}\""),
            None,
        ),
        ("Help.kt", format!("val u = \"{sc}\""), Some(none)),
        ("theme/functions.php", LINK.to_string(), Some(none)),
    ] {
        let want: Vec<&str> = want.into_iter().collect();
        assert_eq!(said(file, &text), want, "{file}");
    }
}

/// A text link to the Safety Centre is judged by the words a reader sees:
/// tags, braces and quotes removed, entities decoded, white space folded.
#[test]
fn a_text_links_words_are_read_as_a_reader_sees_them() {
    let label = |inner: &str| -> Vec<String> {
        let page = format!(
            r#"{SIGNPOSTING}<a href="https://www.ceop.police.uk/safety-centre">{inner}</a>"#
        );
        scan("a.html", &page)
            .into_iter()
            .filter(|f| f.id.as_str() == "link-label")
            .map(|f| f.message)
            .collect()
    };
    let reads = |words: &str| {
        vec![format!(
            "a text link to the Safety Centre reads \"{words}\""
        )]
    };
    assert!(label("CEOP Safety Centre").is_empty());
    assert!(label(" <b>CEOP</b>\n  Safety&#32;Centre ").is_empty());
    assert!(label("{`CEOP Safety Centre`}").is_empty());
    assert!(label("\"CEOP Safety Centre\"").is_empty());
    assert_eq!(label("Report <i>here</i>"), reads("Report here"));
    assert_eq!(
        label("Get&nbsp;help &amp; advice"),
        reads("Get help & advice")
    );
    assert_eq!(label("{t('help')}"), reads("t('help')"));
    assert_eq!(label("Ages 2 > 1"), reads("Ages 2 > 1"));
    // Words from template code are not known here.
    for inner in [
        "{{ label }} Help",
        "<?= $label ?> Help",
        "{% trans %}Help{% endtrans %}",
        "<%= l %> Help",
        "",
    ] {
        assert!(label(inner).is_empty(), "{inner}");
    }
    // A link around a picture is judged as a picture, not by its words.
    assert!(
        label("<img src=\"/images/clickceop.gif\" alt=\"Click CEOP – report\"> Help").is_empty()
    );
}

/// A claim that starts a product name is said once, as a claim.
#[test]
fn a_claim_that_starts_a_name_is_one_finding() {
    let found = said("a.html", &page("Welcome to CEOP Approved Safety Zone."));
    assert_eq!(
        found,
        [format!("endorsement-wording: \"CEOP Approved\" {CLAIMS}")]
    );
}

/// Links and buttons within 1000 bytes of each other are one group, whose
/// surroundings are judged once.
#[test]
fn links_within_1000_bytes_share_their_surroundings() {
    let link = r#"<a href="https://www.ceop.police.uk/safety-centre">CEOP Safety Centre</a>"#;
    let unsigned = |gap: usize| {
        // The second address starts `gap` bytes after the first.
        let pad = gap - (link.len() - link.find("https").unwrap()) - link.find("https").unwrap();
        let page = format!("{link}{}{link}", " ".repeat(pad));
        scan("a.html", &page)
            .iter()
            .filter(|f| f.id.as_str() == "no-signposting")
            .count()
    };
    assert_eq!(unsigned(1000), 1);
    assert_eq!(unsigned(1001), 2);
}

/// A tag too big to read is said, with where it is; it is not passed over.
#[test]
fn a_tag_too_big_to_read_is_noted() {
    let notes = |attrs: &str| -> Vec<String> {
        let page = format!("<p>\n  <a{attrs} href=\"https://www.ceop.gov.uk\">Help</a></p>");
        let source = ceop_onboard::audit::Source {
            file: "a.html",
            kind: ceop_onboard::audit::FileKind::Markup,
            text: &page,
            app: None,
        };
        ceop_onboard::audit::Auditor::new(&crate::common::guide())
            .scan(&source)
            .notes
            .iter()
            .map(|n| format!("{}:{} {}", n.line, n.column, n.message))
            .collect()
    };
    let not_read = |why: &str| {
        vec![format!(
            "2:3 a <a> tag with {why} was not read: a button or link in it is not judged"
        )]
    };
    assert_eq!(
        notes(&" a".repeat(513)),
        not_read("more than 512 attributes")
    );
    assert_eq!(notes(&" a".repeat(511)), [] as [&str; 0]);
    let long: String = (0..600).map(|i| format!(" data-a{i}=\"x\"")).collect();
    assert_eq!(
        notes(&long),
        not_read("more than 4 kB outside quoted values")
    );
}

/// Two kinds of finding at one place are both said.
#[test]
fn a_claim_and_bullying_at_one_place_are_two_findings() {
    let found = said(
        "a.html",
        &page("Approved by CEOP, so if bullied report it using the CEOP button."),
    );
    let ids: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap()).collect();
    assert_eq!(
        ids,
        ["endorsement-wording", "bullying-to-ceop"],
        "{found:?}"
    );
}

/// A Markdown link's label may run over lines, not over a blank line.
#[test]
fn a_markdown_label_runs_over_lines_but_not_paragraphs() {
    let labels = |md: &str| -> Vec<String> {
        scan("help.md", md)
            .into_iter()
            .filter(|f| f.id.as_str() == "link-label")
            .map(|f| f.message)
            .collect()
    };
    let sc = "https://www.ceop.police.uk/safety-centre";
    assert_eq!(
        labels(&format!("[Get\nhelp]({sc})")),
        ["a text link to the Safety Centre reads \"Get help\""]
    );
    assert_eq!(labels(&format!("[x\n\nGet help]({sc})")), [] as [&str; 0]);
}

/// Links and buttons less than 1,000 bytes apart are one place on the page,
/// whose words are read once: one finding for the group; farther apart,
/// each has its own.
#[test]
fn links_a_thousand_bytes_apart_share_their_words() {
    let without_words = |gap: usize| {
        let text = format!("<p>Help</p>{LINK}{}{LINK}", "x".repeat(gap - LINK.len()));
        scan("p.html", &text)
            .iter()
            .filter(|f| f.id.as_str() == "no-signposting")
            .map(|f| f.offset)
            .collect::<Vec<_>>()
    };
    assert_eq!(without_words(1000), [20]);
    assert_eq!(without_words(1001), [20, 1021]);
}
