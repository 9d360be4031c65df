//! The shape of `wizard.toml` exactly as written, before any checking.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wizard {
    pub guide: GuideInfo,
    pub facts: Facts,
    #[serde(default)]
    pub link: Vec<Link>,
    #[serde(default)]
    pub official_text: Vec<OfficialText>,
    pub welcome: Welcome,
    pub steps: Steps,
    #[serde(default)]
    pub section: Vec<Section>,
    #[serde(default)]
    pub question: Vec<Question>,
    pub messages: Messages,
    #[serde(default)]
    pub reason: Vec<Reason>,
    pub outcome: Outcomes,
    #[serde(default)]
    pub checklist: Vec<ChecklistItem>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideInfo {
    pub title: Text,
    pub version: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    pub safety_centre_url: Text,
    pub button_width: Spanned<u32>,
    pub button_height: Spanned<u32>,
    pub button_alt: Text,
    pub childline_phone: Text,
    pub childline_web: Text,
    pub emergency_number: Text,
    pub ceop_education_email: Text,
    pub retired_ceop_education_email: Text,
    pub ukccis_advice: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub phrase: Text,
    pub href: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficialText {
    pub id: Text,
    pub title: Text,
    pub text: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Welcome {
    pub title: Text,
    pub body: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Steps {
    pub welcome: Text,
    pub reader_notice: Text,
    pub host: Text,
    pub endorsement: Text,
    pub platform: Text,
    pub audience: Text,
    pub details: Text,
    pub review: Text,
    pub result: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Messages {
    pub acknowledge_sections: Text,
    pub confirm_reading: Text,
    pub reading_declined: Text,
    pub confirm_endorsement: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: Text,
    pub title: Text,
    pub body: Text,
    pub rules: Vec<Text>,
    pub quote: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub key: Text,
    pub prompt: Text,
    pub help: Text,
    pub rules: Vec<Text>,
    #[serde(default)]
    pub choice: Vec<Choice>,
    pub placeholder: Option<Text>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: Text,
    pub label: Text,
    pub help: Option<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub id: Text,
    pub rule: Text,
    pub text: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcomes {
    pub appropriate: Outcome,
    #[serde(rename = "app-link-only")]
    pub app_link_only: Outcome,
    #[serde(rename = "not-appropriate")]
    pub not_appropriate: Outcome,
    pub refer: Outcome,
    pub incomplete: Outcome,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub title: Text,
    pub body: Text,
    #[serde(default)]
    pub next_steps: Vec<Text>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    pub id: Text,
    pub rules: Vec<Text>,
    pub text: Text,
    pub when: Option<Spanned<BTreeMap<String, Vec<String>>>>,
}
