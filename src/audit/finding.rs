//! What `check` reports: finding ids with their rule, severity and title, and one finding at a place.

use serde::Serialize;

use super::source::Origin;
use crate::rules::RuleId;

/// How much a finding matters; `--fail-on` picks the lowest that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

value_enum!(
    /// What a finding is about. The names are stable: scripts, SARIF
    /// consumers and the README refer to them.
    FindingId {
        LinkInsecure = "link-insecure",
        LinkRetiredDomain = "link-retired-domain",
        LinkRetiredPath = "link-retired-path",
        LinkReportForm = "link-report-form",
        LinkBareDomain = "link-bare-domain",
        LinkNotSafetyCentre = "link-not-safety-centre",
        LinkVariant = "link-variant",
        LinkLabel = "link-label",
        LinkPicture = "link-picture",
        ButtonResized = "button-resized",
        ButtonAltered = "button-altered",
        ButtonNotGif = "button-not-gif",
        ButtonFileNotGif = "button-file-not-gif",
        ButtonFileWrongSize = "button-file-wrong-size",
        ButtonFileStill = "button-file-still",
        ButtonFileTooLarge = "button-file-too-large",
        ButtonFileUnavailable = "button-file-unavailable",
        ButtonHotlinked = "button-hotlinked",
        ButtonInApp = "button-in-app",
        ButtonHidden = "button-hidden",
        ButtonOffPage = "button-off-page",
        ButtonCropped = "button-cropped",
        ButtonNoAlt = "button-no-alt",
        ButtonVagueAlt = "button-vague-alt",
        NoSignposting = "no-signposting",
        EndorsementWording = "endorsement-wording",
        EndorsementName = "endorsement-name",
        BullyingToCeop = "bullying-to-ceop",
    }
);

impl FindingId {
    /// The rule of the guide each finding enforces.
    pub fn rule(self) -> RuleId {
        use FindingId::*;
        match self {
            LinkInsecure | LinkRetiredDomain | LinkRetiredPath | LinkReportForm
            | LinkBareDomain | LinkNotSafetyCentre | LinkVariant => RuleId::R7,
            LinkLabel | ButtonInApp => RuleId::R8,
            LinkPicture | ButtonResized | ButtonAltered | ButtonNotGif | ButtonFileNotGif
            | ButtonFileWrongSize | ButtonFileStill | ButtonFileTooLarge | ButtonHotlinked => {
                RuleId::R5
            }
            // The alt text is the button's signposting for someone who cannot
            // see it: without it a screen reader announces only a file name.
            // A button file that does not load is not presented at all.
            ButtonNoAlt | ButtonVagueAlt | NoSignposting | ButtonFileUnavailable => RuleId::R6,
            ButtonHidden | ButtonOffPage | ButtonCropped | EndorsementWording | EndorsementName => {
                RuleId::R9
            }
            BullyingToCeop => RuleId::R11,
        }
    }

    pub fn severity(self) -> Severity {
        use FindingId::*;
        match self {
            LinkVariant | ButtonVagueAlt | NoSignposting => Severity::Warning,
            LinkLabel | LinkPicture => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// One line saying what the finding means, for SARIF rules and the README.
    pub fn title(self) -> &'static str {
        use FindingId::*;
        match self {
            LinkInsecure => "A CEOP link uses http:// instead of https://",
            LinkRetiredDomain => "A CEOP link uses the retired ceop.gov.uk domain",
            LinkRetiredPath => {
                "A CEOP link goes to a retired reporting page (/reportabuse/, /report-abuse/)"
            }
            LinkReportForm => {
                "A CEOP link goes straight to the report form (/ceop-reporting/), skipping the Safety Centre"
            }
            LinkBareDomain => "A CEOP link goes to the home page, not the Safety Centre",
            LinkNotSafetyCentre => "A CEOP link goes somewhere other than the Safety Centre",
            LinkVariant => {
                "A CEOP link differs from the Safety Centre address in case or a trailing slash"
            }
            LinkLabel => "A text link to the Safety Centre is not labelled \"CEOP Safety Centre\"",
            LinkPicture => "A picture inside a CEOP link is not the Click CEOP button",
            ButtonResized => "The button is shown at a size other than its own",
            ButtonAltered => "CSS alters the button (transform, filter, opacity, clipping, fit)",
            ButtonNotGif => "The button image is not a GIF, as the file CEOP issues is",
            ButtonFileNotGif => "The local copy of the button is not a GIF",
            ButtonFileWrongSize => {
                "The local copy of the button is not 143×51, the size of the file CEOP issues"
            }
            ButtonFileStill => {
                "The button file is a still GIF; the file CEOP issues is animated (this tool's reading of R5)"
            }
            ButtonFileTooLarge => {
                "The button file is over 1 MB, far larger than the 143×51 GIF CEOP issues"
            }
            ButtonFileUnavailable => {
                "The button file does not load (an HTTP error, or not an image): visitors see no button"
            }
            ButtonHotlinked => "The button image is loaded from another site",
            ButtonInApp => "The button image is used inside an app",
            ButtonHidden => "The button is hidden",
            ButtonOffPage => "The button is pushed off the edge of the page",
            ButtonCropped => "The button is cropped by a wrapper",
            ButtonNoAlt => "The button has no alt text",
            ButtonVagueAlt => "The button's alt text does not say where it leads",
            NoSignposting => "No signposting text near the button or link",
            EndorsementWording => "Wording near the button suggests CEOP endorsement",
            EndorsementName => "A product or feature name suggests CEOP made or approved it",
            BullyingToCeop => "Bullying or other online worries are sent to CEOP",
        }
    }
}

/// One byte range of a file to replace (used only for link targets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A problem found at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: FindingId,
    /// The page, stylesheet or image the finding is in.
    pub file: Origin,
    /// 1-based line and column (columns count characters).
    pub line: usize,
    pub column: usize,
    /// Byte offset in the file, for ordering and de-duplication.
    pub offset: usize,
    pub message: String,
    pub fix: String,
    /// What `--fix` would change, if anything.
    pub edit: Option<Edit>,
}

impl Finding {
    pub fn rule(&self) -> RuleId {
        self.id.rule()
    }

    pub fn severity(&self) -> Severity {
        self.id.severity()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_has_a_rule_between_r5_and_r11() {
        let mut titles = std::collections::BTreeSet::new();
        for &id in FindingId::ALL {
            let n = id.rule().number();
            assert!((5..=11).contains(&n), "{id}");
            assert!(!id.title().is_empty());
            assert!(titles.insert(id.title()), "{id}: a title of its own");
        }
    }
}
