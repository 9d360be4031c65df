//! The onboarding record a school keeps as evidence of the decision: TOML
//! for machines, and a page to read, print, tick and sign (HTML or Markdown,
//! see [`readable`]), chosen by the file's extension.

use std::path::Path;

use serde::Serialize;

use crate::answers::Answers;
use crate::eligibility::{Decision, Outcome, Reason};
use crate::guide::{Guide, sha256_hex};
use crate::render::{Artifact, ChecklistEntry, Format};
use crate::rules::RuleId;

mod readable;

pub use readable::{Readable, answer_in_words, render_readable};

/// The record's form, chosen by the name it is saved under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordFormat {
    /// The machine form, the default (also for stdout, `-`).
    Toml,
    /// A page for people: `.html`/`.htm` or `.md`/`.markdown`.
    Readable(Readable),
}

impl RecordFormat {
    /// `.html`/`.htm` → HTML, `.md`/`.markdown` → Markdown (any case),
    /// anything else → TOML.
    pub fn for_path(path: &Path) -> RecordFormat {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("html" | "htm") => RecordFormat::Readable(Readable::Html),
            Some("md" | "markdown") => RecordFormat::Readable(Readable::Markdown),
            _ => RecordFormat::Toml,
        }
    }

    /// The file name a front-end offers to save it under.
    pub fn default_file_name(self) -> &'static str {
        match self {
            RecordFormat::Toml => crate::render::RECORD_FILE_NAME,
            RecordFormat::Readable(Readable::Html) => "ceop-onboarding-record.html",
            RecordFormat::Readable(Readable::Markdown) => "ceop-onboarding-record.md",
        }
    }
}

/// The record in `format`: what `generate --record` writes and what a
/// front-end saves. `created` is [`timestamp`]'s form.
pub fn render(
    guide: &Guide,
    answers: &Answers,
    decision: &Decision,
    artifact: Option<&Artifact>,
    created: String,
    format: RecordFormat,
) -> String {
    match format {
        RecordFormat::Toml => Record::new(guide, answers, decision, artifact, created).to_toml(),
        RecordFormat::Readable(form) => {
            render_readable(guide, answers, decision, artifact, &created, form)
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub tool: &'static str,
    pub tool_version: &'static str,
    pub guide: &'a str,
    pub guide_version: &'a str,
    /// UTC, RFC 3339.
    pub created: String,
    pub answers: &'a Answers,
    pub decision: RecordDecision<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub artifact: Vec<RecordArtifact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checklist: Vec<RecordItem<'a>>,
}

#[derive(Debug, Serialize)]
pub struct RecordDecision<'a> {
    pub outcome: Outcome,
    pub title: &'a str,
    pub reasons: &'a [Reason],
}

#[derive(Debug, Serialize)]
pub struct RecordArtifact {
    pub format: Format,
    pub sha256: String,
}

#[derive(Debug, Serialize)]
pub struct RecordItem<'a> {
    pub rules: &'a [RuleId],
    pub text: &'a str,
}

impl<'a> Record<'a> {
    pub fn new(
        guide: &'a Guide,
        answers: &'a Answers,
        decision: &'a Decision,
        artifact: Option<&'a Artifact>,
        created: String,
    ) -> Self {
        let checklist: &[ChecklistEntry] = artifact.map_or(&[], |a| &a.checklist);
        Record {
            tool: env!("CARGO_PKG_NAME"),
            tool_version: env!("CARGO_PKG_VERSION"),
            guide: &guide.title,
            guide_version: &guide.version,
            created,
            answers,
            decision: RecordDecision {
                outcome: decision.outcome,
                title: &guide.outcome(decision.outcome).title,
                reasons: &decision.reasons,
            },
            artifact: artifact
                .map(|a| {
                    a.documents
                        .iter()
                        .map(|d| RecordArtifact {
                            format: d.format,
                            sha256: sha256_hex(d.content.as_bytes()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            checklist: checklist
                .iter()
                .map(|c| RecordItem {
                    rules: &c.rules,
                    text: &c.text,
                })
                .collect(),
        }
    }

    pub fn to_toml(&self) -> String {
        let mut s = String::from(
            "# Onboarding record for the Click CEOP button, written by ceop-onboard.\n# Keep it with your safeguarding documents.\n\n",
        );
        s.push_str(&toml::to_string(self).expect("the record serialises"));
        s
    }
}

/// Now, or `SOURCE_DATE_EPOCH` when set (reproducible output), as RFC 3339 UTC.
pub fn timestamp() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    rfc3339(secs)
}

/// Formats seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ` (proleptic Gregorian).
pub fn rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Days to civil date: Howard Hinnant's algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Readable, RecordFormat, rfc3339};

    #[test]
    fn the_name_offered_for_each_form_is_read_back_as_that_form() {
        for (format, name) in [
            (RecordFormat::Toml, crate::render::RECORD_FILE_NAME),
            (
                RecordFormat::Readable(Readable::Html),
                "ceop-onboarding-record.html",
            ),
            (
                RecordFormat::Readable(Readable::Markdown),
                "ceop-onboarding-record.md",
            ),
        ] {
            assert_eq!(format.default_file_name(), name);
            assert_eq!(RecordFormat::for_path(Path::new(name)), format);
        }
    }

    #[test]
    fn record_format_follows_the_extension_and_defaults_to_toml() {
        let f = |p: &str| RecordFormat::for_path(Path::new(p));
        assert_eq!(f("r.html"), RecordFormat::Readable(Readable::Html));
        assert_eq!(f("dir/R.HTM"), RecordFormat::Readable(Readable::Html));
        assert_eq!(f("r.md"), RecordFormat::Readable(Readable::Markdown));
        assert_eq!(f("r.markdown"), RecordFormat::Readable(Readable::Markdown));
        assert_eq!(f("r.toml"), RecordFormat::Toml);
        assert_eq!(f("record"), RecordFormat::Toml);
        assert_eq!(f("-"), RecordFormat::Toml);
        assert_eq!(f("html"), RecordFormat::Toml);
    }

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_000_000), "2026-11-18T11:06:40Z");
        // A century that is not a leap year, and the last day of a
        // 400-year cycle, which is.
        assert_eq!(rfc3339(4_107_542_399), "2100-02-28T23:59:59Z");
        assert_eq!(rfc3339(4_107_542_400), "2100-03-01T00:00:00Z");
        assert_eq!(rfc3339(13_569_465_599), "2399-12-31T23:59:59Z");
        assert_eq!(rfc3339(13_574_606_400), "2400-02-29T12:00:00Z");
        assert_eq!(rfc3339(13_574_649_600), "2400-03-01T00:00:00Z");
    }
}
