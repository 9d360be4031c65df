//! What is handed to the user: the formats, the rendered documents, the checklist entries and the artifact that holds them.
//!
//! [`render`](crate::render) builds an [`Artifact`] and has the artifact
//! gate ([`gate`](crate::gate)) audit it; the gate takes these types from
//! here, so the dependency runs one way, from render to the gate.

use serde::Serialize;

use crate::answers::Platform;
use crate::rules::RuleId;

value_enum!(
    /// An artifact's file format.
    Format {
        Html = "html",
        Markdown = "markdown",
        Text = "text",
        Android = "android",
        Swiftui = "swiftui",
        ReactNative = "react-native",
    }
);

impl Format {
    /// The formats each platform gets, the first being the default (SPEC §6).
    pub fn for_platform(platform: Platform) -> &'static [Format] {
        use Format::*;
        match platform {
            Platform::Website => &[Html, Markdown],
            Platform::App => &[Html, Markdown, Text, Android, Swiftui, ReactNative],
            Platform::EmailNewsletter => &[Html, Text],
            Platform::PrintNewsletter => &[Text, Markdown],
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Android => "xml",
            Format::Swiftui => "swift",
            Format::ReactNative => "jsx",
        }
    }

    /// The file name `--output-dir` uses, following each language's habits.
    pub fn file_name(self, platform: Platform) -> String {
        match self {
            Format::Android => "ceop_safety_centre.xml".into(),
            Format::Swiftui => "CEOPSafetyCentreSignposting.swift".into(),
            Format::ReactNative => "CEOPSafetyCentreSignposting.jsx".into(),
            _ => format!("ceop-{platform}.{}", self.extension()),
        }
    }
}

/// The template that renders `format` for `platform`.
pub fn template_name(platform: Platform, format: Format) -> String {
    format!("{platform}.{}", format.extension())
}

/// One rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub format: Format,
    pub content: String,
}

/// One checklist item, chosen for these answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistEntry {
    pub id: String,
    pub rules: Vec<RuleId>,
    pub text: String,
}

/// Everything handed to the user for one set of answers.
#[derive(Debug, Clone)]
pub struct Artifact {
    pub platform: Platform,
    pub documents: Vec<Document>,
    pub checklist: Vec<ChecklistEntry>,
    pub checklist_markdown: String,
}

/// One piece handed to the user: a document or the checklist, with the file
/// name it is saved under by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub label: String,
    pub file_name: String,
    pub content: String,
}

/// The file name the onboarding record is saved under by default.
pub const RECORD_FILE_NAME: &str = "ceop-onboarding-record.toml";

impl Artifact {
    /// Every document, then the checklist: what the result screens offer.
    pub fn parts(&self) -> Vec<Part> {
        self.documents
            .iter()
            .map(|d| Part {
                label: d.format.as_str().to_string(),
                file_name: d.format.file_name(self.platform),
                content: d.content.clone(),
            })
            .chain([Part {
                label: "checklist".into(),
                file_name: "ceop-checklist.md".into(),
                content: self.checklist_markdown.clone(),
            }])
            .collect()
    }

    pub fn document(&self, format: Format) -> Option<&Document> {
        self.documents.iter().find(|d| d.format == format)
    }

    pub fn checklist_json(&self) -> String {
        #[derive(Serialize)]
        struct Json<'a> {
            platform: Platform,
            items: &'a [ChecklistEntry],
        }
        let mut s = serde_json::to_string_pretty(&Json {
            platform: self.platform,
            items: &self.checklist,
        })
        .expect("checklist serialises");
        s.push('\n');
        s
    }
}
