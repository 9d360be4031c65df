//! The onboarding record as a page people read, print, tick and sign
//! (`templates/record.html`, `templates/record.md`).
//!
//! Every answer is given in words (the guide's choice labels, "Yes"/"No"),
//! never as the answers file spells it; each artifact is shown with the
//! SHA-256 of its exact text. The words around them live in the templates.

use std::sync::OnceLock;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::answers::{Answers, Key, Kind};
use crate::eligibility::Decision;
use crate::guide::{Guide, sha256_hex};
use crate::render::{Artifact, Format, escape_html, escape_markdown};

/// The two readable forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readable {
    Html,
    Markdown,
}

impl Readable {
    fn template(self) -> &'static str {
        match self {
            Readable::Html => "record.html",
            Readable::Markdown => "record.md",
        }
    }
}

const TEMPLATES: [(&str, &str); 2] = [
    ("record.html", include_str!("../../templates/record.html")),
    ("record.md", include_str!("../../templates/record.md")),
];

fn tera() -> &'static Tera {
    static TERA: OnceLock<Tera> = OnceLock::new();
    TERA.get_or_init(|| {
        let mut tera = Tera::new();
        tera.autoescape_on(Vec::<&str>::new());
        tera.register_filter("html", |s: &str, _: Kwargs, _: &State| escape_html(s));
        tera.register_filter("md", |s: &str, _: Kwargs, _: &State| escape_markdown(s));
        for (name, source) in TEMPLATES {
            tera.add_raw_template(name, source)
                .expect("the record templates compile (the test suite renders them)");
        }
        tera
    })
}

#[derive(Serialize)]
struct Page<'a> {
    tool: &'static str,
    tool_version: &'static str,
    guide_title: &'a str,
    guide_version: &'a str,
    created: &'a str,
    date: String,
    organisation: Option<&'a str>,
    platform: Option<&'static str>,
    decision: PageDecision<'a>,
    answers: Vec<PageAnswer<'a>>,
    checklist: Vec<PageItem<'a>>,
    artifacts: Vec<PageArtifact>,
}

#[derive(Serialize)]
struct PageDecision<'a> {
    title: &'a str,
    /// The explanation, for an outcome without an artifact.
    body: Option<&'a str>,
    reasons: Vec<PageReason<'a>>,
    next_steps: &'a [String],
}

#[derive(Serialize)]
struct PageReason<'a> {
    text: &'a str,
    rule: String,
}

#[derive(Serialize)]
struct PageAnswer<'a> {
    question: &'a str,
    answer: String,
}

#[derive(Serialize)]
struct PageItem<'a> {
    text: &'a str,
    rules: String,
}

#[derive(Serialize)]
struct PageArtifact {
    label: &'static str,
    file_name: String,
    sha256: String,
    content: String,
    /// A Markdown code fence longer than any run of backticks in `content`.
    fence: String,
}

/// The record as a page in `form`. `created` is RFC 3339 UTC
/// ([`super::timestamp`]).
pub fn render_readable(
    guide: &Guide,
    answers: &Answers,
    decision: &Decision,
    artifact: Option<&Artifact>,
    created: &str,
    form: Readable,
) -> String {
    let outcome = guide.outcome(decision.outcome);
    let page = Page {
        tool: env!("CARGO_PKG_NAME"),
        tool_version: env!("CARGO_PKG_VERSION"),
        guide_title: &guide.title,
        guide_version: &guide.version,
        created,
        date: long_date(created),
        organisation: answers
            .organisation_name
            .as_deref()
            .filter(|n| !n.trim().is_empty()),
        platform: answers.platform.map(|p| p.as_str()),
        decision: PageDecision {
            title: &outcome.title,
            body: (!decision.outcome.gives_artifact()).then_some(outcome.body.as_str()),
            reasons: decision
                .reasons
                .iter()
                .map(|r| PageReason {
                    text: &r.text,
                    rule: r.rule.to_string(),
                })
                .collect(),
            next_steps: &outcome.next_steps,
        },
        answers: Key::ALL
            .iter()
            .filter(|&&k| k != Key::OrganisationName)
            .filter_map(|&k| {
                answer_in_words(guide, answers, k).map(|answer| PageAnswer {
                    question: &guide.question(k).prompt,
                    answer,
                })
            })
            .collect(),
        checklist: artifact
            .map(|a| {
                a.checklist
                    .iter()
                    .map(|c| PageItem {
                        text: &c.text,
                        rules: c
                            .rules
                            .iter()
                            .map(|r| r.to_string())
                            .collect::<Vec<_>>()
                            .join(", "),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        artifacts: artifact
            .map(|a| {
                a.documents
                    .iter()
                    .map(|d| PageArtifact {
                        label: format_label(d.format),
                        file_name: d.format.file_name(a.platform),
                        sha256: sha256_hex(d.content.as_bytes()),
                        content: with_final_newline(&d.content),
                        fence: fence_for(&d.content),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    let context = Context::from_serialize(&page).expect("the record page serialises");
    tera()
        .render(form.template(), &context)
        .expect("the record templates render (the test suite renders them)")
}

/// An answer as the wizard shows it: a choice's label, "Yes"/"No", or the
/// text as typed. `None` when not answered.
pub fn answer_in_words(guide: &Guide, answers: &Answers, key: Key) -> Option<String> {
    let value = answers.get(key)?;
    Some(match key.kind() {
        Kind::Choice(_) => guide
            .question(key)
            .choices
            .iter()
            .find(|c| c.value == value)
            .map_or(value, |c| c.label.clone()),
        Kind::Bool if value == "true" => "Yes".into(),
        Kind::Bool => "No".into(),
        Kind::Text => value,
    })
}

fn format_label(format: Format) -> &'static str {
    match format {
        Format::Html => "HTML",
        Format::Markdown => "Markdown",
        Format::Text => "Plain text",
        Format::Android => "Android string resource",
        Format::Swiftui => "SwiftUI",
        Format::ReactNative => "React Native",
    }
}

fn with_final_newline(s: &str) -> String {
    let mut s = s.to_string();
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

fn fence_for(content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// `2026-12-01T19:02:03Z` → `1 December 2026, 19:02 UTC`; anything else as given.
fn long_date(rfc3339: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts = (|| {
        let (date, time) = rfc3339.strip_suffix('Z')?.split_once('T')?;
        let mut ymd = date.split('-');
        let year = ymd.next()?;
        let month: usize = ymd.next()?.parse().ok()?;
        let day: u32 = ymd.next()?.parse().ok()?;
        let name = MONTHS.get(month.checked_sub(1)?)?;
        Some(format!("{day} {name} {year}, {} UTC", time.get(..5)?))
    })();
    parts.unwrap_or_else(|| rfc3339.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::decide;
    use crate::render::Renderer;

    fn school(platform: &str) -> Answers {
        let mut a = Answers::default();
        for (k, v) in [
            (Key::ReadGuidance, "true"),
            (Key::OrganisationName, "St Example <Primary> & Nursery"),
            (Key::Uk, "yes"),
            (Key::ServesChildren, "yes"),
            (Key::Organisation, "school"),
            (Key::ContentAppropriate, "yes"),
            (Key::NoEndorsement, "true"),
            (Key::Platform, platform),
        ] {
            a.set(k, v).unwrap();
        }
        if platform == "website" {
            for (k, v) in [
                (Key::Audience, "mixed"),
                (Key::Placement, "safety-area"),
                (Key::ImageSrc, "/images/clickceop.gif"),
                (Key::NewTab, "false"),
            ] {
                a.set(k, v).unwrap();
            }
        }
        a
    }

    fn page(answers: &Answers, form: Readable) -> (String, Option<Artifact>) {
        let guide = Guide::embedded();
        let decision = decide(&guide, answers, None);
        let artifact = Renderer::embedded()
            .artifact(&guide, answers, &decision, None)
            .unwrap();
        let text = render_readable(
            &guide,
            answers,
            &decision,
            artifact.as_ref(),
            "2026-12-01T19:02:03Z",
            form,
        );
        (text, artifact)
    }

    #[test]
    fn answers_are_in_words_not_answers_file_values() {
        let guide = Guide::embedded();
        let answers = school("website");
        for form in [Readable::Html, Readable::Markdown] {
            let (text, _) = page(&answers, form);
            for &key in Key::ALL.iter().filter(|&&k| k != Key::OrganisationName) {
                let Some(words) = answer_in_words(&guide, &answers, key) else {
                    continue;
                };
                let shown = match form {
                    Readable::Html => format!("<td>{}</td>", escape_html(&words)),
                    Readable::Markdown => format!("| {} |", escape_markdown(&words)),
                };
                assert!(text.contains(&shown), "{form:?} lacks {shown}");
            }
            assert!(text.contains("Yes") && text.contains("Website"));
            for value in [
                "safety-area",
                ">true<",
                "| true |",
                ">website<",
                "| website |",
            ] {
                assert!(!text.contains(value), "{form:?} shows `{value}`");
            }
        }
    }

    #[test]
    fn every_artifact_is_shown_with_the_sha256_of_its_exact_text() {
        for form in [Readable::Html, Readable::Markdown] {
            let (text, artifact) = page(&school("app"), form);
            let artifact = artifact.unwrap();
            assert_eq!(artifact.documents.len(), 6);
            for d in &artifact.documents {
                assert!(
                    text.contains(&sha256_hex(d.content.as_bytes())),
                    "{form:?} lacks the SHA-256 of {}",
                    d.format
                );
            }
            for item in &artifact.checklist {
                let shown = match form {
                    Readable::Html => escape_html(&item.text),
                    Readable::Markdown => format!("- [ ] {}", escape_markdown(&item.text)),
                };
                assert!(text.contains(&shown), "{form:?} lacks {}", item.text);
            }
        }
    }

    #[test]
    fn the_page_names_the_organisation_date_tool_guide_and_says_it_is_not_from_ceop() {
        let (html, _) = page(&school("website"), Readable::Html);
        assert!(html.contains("St Example &lt;Primary&gt; &amp; Nursery"));
        assert!(!html.contains("<Primary>"));
        assert!(html.contains("1 December 2026, 19:02 UTC"));
        assert!(html.contains(&format!("ceop-onboard {}", env!("CARGO_PKG_VERSION"))));
        assert!(html.contains("Version 3 – March 2017"));
        assert!(
            html.contains("not issued, approved or checked by CEOP or the National Crime Agency")
        );
        let (md, _) = page(&school("website"), Readable::Markdown);
        assert!(md.contains("St Example \\<Primary\\> & Nursery"));
        assert!(
            md.contains("not issued, approved or checked by CEOP or the National Crime Agency")
        );
    }

    #[test]
    fn a_host_that_may_not_host_gets_the_reasons_and_no_checklist() {
        let mut answers = school("website");
        answers.set(Key::Uk, "no").unwrap();
        crate::flow::prune(&mut answers);
        let (html, artifact) = page(&answers, Readable::Html);
        assert!(artifact.is_none());
        let guide = Guide::embedded();
        let decision = decide(&guide, &answers, None);
        assert!(html.contains(&escape_html(&guide.outcome(decision.outcome).title)));
        for r in &decision.reasons {
            assert!(html.contains(&escape_html(&r.text)));
        }
        assert!(!html.contains("type=\"checkbox\""));
        assert!(!html.contains("SHA-256"));
        let said = |o| {
            let body = &guide.outcome(o).body;
            escape_html(body.trim().lines().next().unwrap())
        };
        assert!(
            html.contains(&said(decision.outcome)),
            "why, and what instead"
        );
        let (ok, _) = page(&school("website"), Readable::Html);
        let appropriate = decide(&guide, &school("website"), None).outcome;
        assert!(!ok.contains(&said(appropriate)), "an artifact says it all");
    }

    #[test]
    fn each_artifact_is_shown_whole_under_its_format_name() {
        let (md, artifact) = page(&school("app"), Readable::Markdown);
        let (html, _) = page(&school("app"), Readable::Html);
        for d in &artifact.unwrap().documents {
            let label = format_label(d.format);
            assert!(md.contains(label) && html.contains(label), "{label}");
            let mut content = d.content.clone();
            if !content.ends_with('\n') {
                content.push('\n');
            }
            // One line break before the closing fence, never two.
            let block = format!("{content}{}\n", fence_for(&d.content));
            assert!(md.contains(&block), "{label}: {md}");
            assert!(
                html.contains(&escape_html(d.content.trim_end()).to_string()),
                "{label}"
            );
        }
        assert_eq!(format_label(Format::Android), "Android string resource");
    }

    #[test]
    fn a_check_box_answer_reads_yes_or_no() {
        let guide = Guide::embedded();
        let mut answers = school("website");
        for (value, words) in [("true", "Yes"), ("false", "No")] {
            answers.set(Key::NewTab, value).unwrap();
            assert_eq!(
                answer_in_words(&guide, &answers, Key::NewTab).as_deref(),
                Some(words)
            );
        }
    }

    #[test]
    fn a_fence_outruns_the_backticks_inside() {
        assert_eq!(fence_for("no ticks"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }

    #[test]
    fn long_dates_read_as_words() {
        assert_eq!(
            long_date("2026-01-09T07:05:00Z"),
            "9 January 2026, 07:05 UTC"
        );
        assert_eq!(long_date("not a date"), "not a date");
    }
}
