//! `wizard.toml` → a checked [`Guide`]: every fact, text and question the program uses.
//!
//! The raw file is parsed into [`raw`] structs, then checked once here: ids are
//! unique, every reference resolves, every answer key has its question, the
//! official texts are the guide's word for word, and the Safety Centre address
//! is the one R7 allows. Nothing downstream re-checks.

pub mod locks;
mod parts;
pub mod raw;

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};
use toml::Spanned;

use crate::answers::{Key, Kind};
use crate::button::ButtonCheck;
use crate::error::{Error, Location, Result};
use crate::flow::Step;
use crate::rules::RuleId;
use crate::verdict::{Outcome, ReasonId};

/// The configuration compiled into the binary.
pub const EMBEDDED: &str = include_str!("../../wizard.toml");

/// The only address the button or the "CEOP Safety Centre" link may point to (R7).
/// It is also in wizard.toml; this copy exists so a config cannot change it.
const REQUIRED_SAFETY_CENTRE_URL: &str = locks::SAFETY_CENTRE_URL;

/// SHA-256 of each official text after folding whitespace (SPEC §4). A config
/// whose text differs is refused: the words are the guide's, not ours.
const OFFICIAL_DIGESTS: [(TextId, &str); 3] = [
    (
        TextId::Children,
        "9ae9a1ca160ecf6d1cd18d25695892e3b6c6894a78ee4e7abd124d0a302aa3f1",
    ),
    (
        TextId::Adults,
        "a32bb12818eb989682f93ad6bf71348a02eb98863ea4b3d83337d2006823e5db",
    ),
    (
        TextId::InApp,
        "8135363db55c18f4b529845638c12170633151f42d1aa8540bc54064db2a8270",
    ),
];

value_enum!(
    /// The three official signposting texts (SPEC §4).
    TextId { Children = "children", Adults = "adults", InApp = "in-app" }
);

/// Facts from the guide that artifacts and screens use.
#[derive(Debug, Clone)]
pub struct Facts {
    pub safety_centre_url: String,
    pub button_width: u32,
    pub button_height: u32,
    pub button_alt: String,
    pub childline_phone: String,
    pub childline_web: String,
    pub emergency_number: String,
    pub ceop_education_email: String,
    pub retired_ceop_education_email: String,
    pub ukccis_advice: String,
}

/// A phrase of an official text that artifacts may turn into a link.
#[derive(Debug, Clone)]
pub struct Link {
    pub phrase: String,
    pub href: String,
}

/// An official text, split into paragraphs whose whitespace is folded.
#[derive(Debug, Clone)]
pub struct OfficialText {
    pub id: TextId,
    pub title: String,
    pub paragraphs: Vec<String>,
}

impl OfficialText {
    /// The text as one string, paragraphs joined by a space (the form the
    /// SPEC's digests are taken of).
    pub fn folded(&self) -> String {
        self.paragraphs.join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct Welcome {
    pub title: String,
    pub body: String,
}

/// One section of the reader notice.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub body: String,
    pub rules: Vec<RuleId>,
    pub quote: Option<TextId>,
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub help: Option<String>,
}

/// A question of the wizard, for one answers-file key.
#[derive(Debug, Clone)]
pub struct Question {
    pub key: Key,
    pub prompt: String,
    pub help: String,
    pub rules: Vec<RuleId>,
    pub choices: Vec<Choice>,
    pub placeholder: Option<String>,
}

/// What the wizard says while an acknowledgement it needs is not given yet.
#[derive(Debug, Clone)]
pub struct Messages {
    /// Confirming the reader notice before every section is acknowledged (R1).
    pub acknowledge_sections: String,
    /// Leaving the reader notice unconfirmed (R1).
    pub confirm_reading: String,
    /// Answering "no" to having read the guidance (R1).
    pub reading_declined: String,
    /// Leaving the endorsement step unconfirmed (R9).
    pub confirm_endorsement: String,
}

/// A reason the decision can give.
#[derive(Debug, Clone)]
pub struct Reason {
    pub rule: RuleId,
    pub text: String,
}

/// The words of every reason, one for each [`ReasonId`]: a guide cannot load
/// without them all, so looking one up cannot fail.
#[derive(Debug, Clone)]
pub struct Reasons([Reason; ReasonId::COUNT]);

impl Reasons {
    pub fn get(&self, id: ReasonId) -> &Reason {
        &self.0[id.index()]
    }

    /// Each reason with its id, in the order of [`ReasonId::ALL`].
    pub fn iter(&self) -> ReasonIter<'_> {
        ReasonId::ALL.iter().copied().zip(&self.0)
    }

    pub fn values(&self) -> impl Iterator<Item = &Reason> {
        self.0.iter()
    }
}

pub type ReasonIter<'a> = std::iter::Zip<
    std::iter::Copied<std::slice::Iter<'static, ReasonId>>,
    std::slice::Iter<'a, Reason>,
>;

impl<'a> IntoIterator for &'a Reasons {
    type Item = (ReasonId, &'a Reason);
    type IntoIter = ReasonIter<'a>;
    fn into_iter(self) -> ReasonIter<'a> {
        self.iter()
    }
}

/// What an outcome screen says.
#[derive(Debug, Clone)]
pub struct OutcomeText {
    pub title: String,
    pub body: String,
    pub next_steps: Vec<String>,
}

/// What each outcome screen says, one for each [`Outcome`].
#[derive(Debug, Clone)]
pub struct Outcomes {
    pub appropriate: OutcomeText,
    pub app_link_only: OutcomeText,
    pub not_appropriate: OutcomeText,
    pub refer: OutcomeText,
    pub incomplete: OutcomeText,
}

/// What a checklist item's `when` can test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    Answer(Key),
    ButtonCheck,
}

#[derive(Debug, Clone)]
pub struct ChecklistItem {
    pub id: String,
    pub rules: Vec<RuleId>,
    pub text: String,
    pub when: Vec<(Condition, Vec<String>)>,
}

/// The checked configuration.
#[derive(Debug, Clone)]
pub struct Guide {
    pub title: String,
    pub version: String,
    pub facts: Facts,
    pub links: Vec<Link>,
    pub texts: Vec<OfficialText>,
    pub welcome: Welcome,
    /// Step titles, indexed by `Step::index()`.
    pub step_titles: Vec<String>,
    pub sections: Vec<Section>,
    pub questions: Vec<Question>,
    pub messages: Messages,
    pub reasons: Reasons,
    pub outcomes: Outcomes,
    pub checklist: Vec<ChecklistItem>,
}

impl Guide {
    /// The guide compiled into the binary.
    pub fn embedded() -> Guide {
        Guide::load("wizard.toml (embedded)", EMBEDDED)
            .expect("the embedded wizard.toml is checked by the test suite")
    }

    /// Parses and checks a wizard.toml; `file` names it in messages.
    pub fn load(file: &str, source: &str) -> Result<Guide> {
        let raw: raw::Wizard = toml::from_str(source).map_err(|e| {
            let location = e
                .span()
                .map_or_else(|| Location::start(file), |s| Location::at(file, source, s.start));
            let fix = if e.message().contains("unknown field") {
                "remove or rename the key: wizard.toml accepts only the keys of the embedded file (`ceop-onboard default-config` prints it)"
            } else if e.message().contains("missing field") {
                "add the missing key; compare with the embedded wizard.toml"
            } else if e.message().contains("invalid type") {
                "give the value the type the embedded wizard.toml uses (`ceop-onboard default-config` prints it)"
            } else {
                "correct the TOML syntax at this place"
            };
            Error::input(location, e.message().trim_end().to_string(), fix)
        })?;
        Checker { file, source }.check(raw)
    }

    pub fn text(&self, id: TextId) -> &OfficialText {
        self.texts
            .iter()
            .find(|t| t.id == id)
            .expect("checked: every official text is present")
    }

    pub fn question(&self, key: Key) -> &Question {
        self.questions
            .iter()
            .find(|q| q.key == key)
            .expect("checked: every key has a question")
    }

    pub fn reason(&self, id: ReasonId) -> &Reason {
        self.reasons.get(id)
    }

    /// The guide's words linked to the Safety Centre ("CEOP Safety Centre").
    pub fn safety_centre_link(&self) -> &Link {
        self.links
            .iter()
            .find(|l| l.href == self.facts.safety_centre_url)
            .expect("checked: a link goes to the Safety Centre")
    }

    pub fn step_title(&self, step: Step) -> &str {
        &self.step_titles[step.index()]
    }

    pub fn outcome(&self, outcome: Outcome) -> &OutcomeText {
        let o = &self.outcomes;
        match outcome {
            Outcome::Appropriate => &o.appropriate,
            Outcome::AppLinkOnly => &o.app_link_only,
            Outcome::NotAppropriate => &o.not_appropriate,
            Outcome::Refer => &o.refer,
            Outcome::Incomplete => &o.incomplete,
        }
    }
}

/// Folds every run of whitespace to one space and trims the ends.
pub fn fold_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Placeholders filled when a text is used, not when the file is loaded.
const LATE_PLACEHOLDERS: [&str; 2] = ["found_width", "found_height"];

struct Checker<'a> {
    file: &'a str,
    source: &'a str,
}

impl Checker<'_> {
    fn at<T>(&self, spanned: &Spanned<T>) -> Location {
        Location::at(self.file, self.source, spanned.span().start)
    }

    fn err<T>(&self, spanned: &Spanned<T>, message: String, fix: impl Into<String>) -> Error {
        Error::input(self.at(spanned), message, fix)
    }

    fn rule(&self, r: &raw::Text) -> Result<RuleId> {
        r.get_ref().parse().map_err(|_| {
            self.err(
                r,
                format!("`{}` is not a rule id", r.get_ref()),
                format!("use one of {} … {}", RuleId::R1, RuleId::R14),
            )
        })
    }

    fn rules(&self, rs: &[raw::Text], owner: &raw::Text) -> Result<Vec<RuleId>> {
        if rs.is_empty() {
            return Err(self.err(
                owner,
                format!("`{}` cites no rule", owner.get_ref()),
                "add rules = [\"R…\"] naming the rule it comes from",
            ));
        }
        rs.iter().map(|r| self.rule(r)).collect()
    }

    fn unique<'s>(
        &self,
        seen: &mut BTreeSet<&'s str>,
        id: &'s raw::Text,
        what: &str,
    ) -> Result<()> {
        if !seen.insert(id.get_ref().as_str()) {
            return Err(self.err(
                id,
                format!("duplicate {what} `{}`", id.get_ref()),
                format!("make each {what} different, or remove one of them"),
            ));
        }
        Ok(())
    }

    fn check(&self, raw: raw::Wizard) -> Result<Guide> {
        let f = &raw.facts;
        let url = f.safety_centre_url.get_ref();
        if url != REQUIRED_SAFETY_CENTRE_URL {
            return Err(self.err(
                &f.safety_centre_url,
                format!(
                    "safety_centre_url is `{url}`, but rule {} allows the button to link only to {REQUIRED_SAFETY_CENTRE_URL}",
                    RuleId::R7
                ),
                format!("set safety_centre_url = \"{REQUIRED_SAFETY_CENTRE_URL}\""),
            ));
        }
        let (w, h) = locks::BUTTON_SIZE;
        for (size, name, want) in [
            (&f.button_width, "button_width", w),
            (&f.button_height, "button_height", h),
        ] {
            if *size.get_ref() != want {
                return Err(self.err(
                    size,
                    format!(
                        "{name} is {}, but the button file CEOP issues is {w}×{h} and is used at that size ({})",
                        size.get_ref(),
                        RuleId::R5
                    ),
                    format!("set button_width = {w}, button_height = {h}"),
                ));
            }
        }
        if let Some(word) = locks::endorsing_word(f.button_alt.get_ref()) {
            return Err(self.err(
                &f.button_alt,
                format!("button_alt says “{word}”, which suggests CEOP or the NCA endorses the host ({})", RuleId::R9),
                "describe where the button leads, e.g. button_alt = \"Click CEOP – get advice or report a concern at the CEOP Safety Centre\"",
            ));
        }
        for email in [&f.ceop_education_email, &f.retired_ceop_education_email] {
            if !email.get_ref().contains('@') {
                return Err(self.err(
                    email,
                    format!("`{}` is not an email address", email.get_ref()),
                    "write the address in full: name@domain",
                ));
            }
        }
        let vars: Vec<(&str, String)> = vec![
            ("safety_centre_url", url.clone()),
            ("button_width", f.button_width.get_ref().to_string()),
            ("button_height", f.button_height.get_ref().to_string()),
            ("button_alt", f.button_alt.get_ref().clone()),
            ("childline_phone", f.childline_phone.get_ref().clone()),
            ("childline_web", f.childline_web.get_ref().clone()),
            ("emergency_number", f.emergency_number.get_ref().clone()),
            (
                "ceop_education_email",
                f.ceop_education_email.get_ref().clone(),
            ),
            (
                "retired_ceop_education_email",
                f.retired_ceop_education_email.get_ref().clone(),
            ),
            ("guide_title", raw.guide.title.get_ref().clone()),
            ("guide_version", raw.guide.version.get_ref().clone()),
            ("ukccis_advice", f.ukccis_advice.get_ref().clone()),
        ];
        let fill = |t: &raw::Text| self.expand(t, &vars, false);
        let fill_late = |t: &raw::Text| self.expand(t, &vars, true);

        let facts = Facts {
            safety_centre_url: url.clone(),
            button_width: *f.button_width.get_ref(),
            button_height: *f.button_height.get_ref(),
            button_alt: self.nonempty(&f.button_alt, "button_alt")?,
            childline_phone: self.nonempty(&f.childline_phone, "childline_phone")?,
            childline_web: self.nonempty(&f.childline_web, "childline_web")?,
            emergency_number: self.nonempty(&f.emergency_number, "emergency_number")?,
            ceop_education_email: f.ceop_education_email.get_ref().clone(),
            retired_ceop_education_email: f.retired_ceop_education_email.get_ref().clone(),
            ukccis_advice: f.ukccis_advice.get_ref().clone(),
        };

        let texts = self.official_texts(&raw.official_text)?;
        let links = self.links(&raw.link, &texts)?;
        // The app artifact's link and `check`'s link-label finding use the
        // words the guide links to the Safety Centre.
        if !links.iter().any(|l| l.href == REQUIRED_SAFETY_CENTRE_URL) {
            return Err(self.err(
                &f.safety_centre_url,
                "no [[link]] goes to safety_centre_url, so no words are linked to the Safety Centre".into(),
                format!("add a [[link]] with the official text's words for it and href = \"{REQUIRED_SAFETY_CENTRE_URL}\" (`ceop-onboard default-config` shows the embedded one)"),
            ));
        }

        let mut seen = BTreeSet::new();
        let mut sections = Vec::new();
        for s in &raw.section {
            self.unique(&mut seen, &s.id, "section id")?;
            let quote = match &s.quote {
                None => None,
                Some(q) => Some(q.get_ref().parse::<TextId>().map_err(|_| {
                    self.err(
                        q,
                        format!("quote `{}` names no official text", q.get_ref()),
                        format!("use one of: {}", TextId::NAMES.join(", ")),
                    )
                })?),
            };
            sections.push(Section {
                id: s.id.get_ref().clone(),
                title: fill(&s.title)?,
                body: fill(&s.body)?,
                rules: self.rules(&s.rules, &s.id)?,
                quote,
            });
        }

        let questions = self.questions(&raw.question, &fill)?;

        let reasons = self.reasons(&raw.reason, &fill_late)?;

        let outcome = |o: &raw::Outcome| -> Result<OutcomeText> {
            Ok(OutcomeText {
                title: fill(&o.title)?,
                body: fill(&o.body)?,
                next_steps: o.next_steps.iter().map(fill).collect::<Result<_>>()?,
            })
        };
        let o = &raw.outcome;
        let outcomes = Outcomes {
            appropriate: outcome(&o.appropriate)?,
            app_link_only: outcome(&o.app_link_only)?,
            not_appropriate: outcome(&o.not_appropriate)?,
            refer: outcome(&o.refer)?,
            incomplete: outcome(&o.incomplete)?,
        };

        let checklist = self.checklist(&raw.checklist, &fill_late)?;

        let guide = Guide {
            title: fill(&raw.guide.title)?,
            version: fill(&raw.guide.version)?,
            facts,
            links,
            texts,
            welcome: Welcome {
                title: fill(&raw.welcome.title)?,
                body: fill(&raw.welcome.body)?,
            },
            step_titles: {
                let t = &raw.steps;
                [
                    &t.welcome,
                    &t.reader_notice,
                    &t.host,
                    &t.endorsement,
                    &t.platform,
                    &t.audience,
                    &t.details,
                    &t.review,
                    &t.result,
                ]
                .into_iter()
                .map(fill)
                .collect::<Result<_>>()?
            },
            sections,
            questions,
            messages: Messages {
                acknowledge_sections: fill(&raw.messages.acknowledge_sections)?,
                confirm_reading: fill(&raw.messages.confirm_reading)?,
                reading_declined: fill(&raw.messages.reading_declined)?,
                confirm_endorsement: fill(&raw.messages.confirm_endorsement)?,
            },
            reasons,
            outcomes,
            checklist,
        };
        self.reader_notice_has_sections(&guide)?;
        self.every_rule_cited(&guide)?;
        Ok(guide)
    }

    fn nonempty(&self, t: &raw::Text, name: &str) -> Result<String> {
        if t.get_ref().trim().is_empty() {
            return Err(self.err(
                t,
                format!("{name} is empty"),
                format!("give {name} a value"),
            ));
        }
        Ok(t.get_ref().clone())
    }

    fn first_or_start(&self, t: Option<&raw::Text>) -> Location {
        t.map_or_else(|| Location::start(self.file), |t| self.at(t))
    }

    /// Fills `{name}` placeholders; an unknown one is an error at the text.
    fn expand(&self, t: &raw::Text, vars: &[(&str, String)], late_ok: bool) -> Result<String> {
        let s = t.get_ref();
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let close = after.find('}').ok_or_else(|| {
                self.err(
                    t,
                    "a `{` is never closed".to_string(),
                    "write placeholders as {name}; a text cannot contain a lone `{`",
                )
            })?;
            let name = &after[..close];
            if let Some((_, v)) = vars.iter().find(|(n, _)| *n == name) {
                out.push_str(v);
            } else if late_ok && LATE_PLACEHOLDERS.contains(&name) {
                out.push_str(&rest[open..open + close + 2]);
            } else {
                let mut known: Vec<&str> = vars.iter().map(|(n, _)| *n).collect();
                if late_ok {
                    known.extend(LATE_PLACEHOLDERS);
                }
                return Err(self.err(
                    t,
                    format!("unknown placeholder {{{name}}}"),
                    format!("use one of: {}", known.join(", ")),
                ));
            }
            rest = &after[close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}
