//! The answers a stakeholder gives: one TOML shape for `--answers`, `--set`, resume and the record.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

use crate::error::{Error, Location, Result};

value_enum!(
    /// A yes / no / not-sure answer to a host question.
    YesNo { Yes = "yes", No = "no", NotSure = "not-sure" }
);
value_enum!(
    /// The kind of organisation (R3's examples, and more).
    Organisation {
        School = "school",
        OnlineService = "online-service",
        YouthOrganisation = "youth-organisation",
        PublicService = "public-service",
        Other = "other",
    }
);
value_enum!(
    /// Where the link will be shown.
    Platform {
        Website = "website",
        App = "app",
        EmailNewsletter = "email-newsletter",
        PrintNewsletter = "print-newsletter",
    }
);
value_enum!(
    /// Who reads the signposting (R10).
    Audience { Children = "children", Adults = "adults", Mixed = "mixed" }
);
value_enum!(
    /// Where on a website the button will sit (R6).
    Placement { SafetyArea = "safety-area", Elsewhere = "elsewhere" }
);

impl Platform {
    /// Platforms that show the button image (every one but apps, R8).
    pub fn shows_button(self) -> bool {
        self != Platform::App
    }
}

value_enum!(
    /// Every key of the answers file, in the order the wizard asks them.
    Key {
        ReadGuidance = "read_guidance",
        OrganisationName = "organisation_name",
        Uk = "uk",
        ServesChildren = "serves_children",
        Organisation = "organisation",
        ContentAppropriate = "content_appropriate",
        NoEndorsement = "no_endorsement",
        Platform = "platform",
        Audience = "audience",
        Placement = "placement",
        ImageSrc = "image_src",
        ButtonFile = "button_file",
        NewTab = "new_tab",
    }
);

/// What kind of value a key takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Bool,
    Choice(&'static [&'static str]),
    Text,
}

impl Key {
    /// The key as the answers file spells it.
    pub fn name(self) -> &'static str {
        self.as_str()
    }

    pub fn kind(self) -> Kind {
        match self {
            Key::ReadGuidance | Key::NoEndorsement | Key::NewTab => Kind::Bool,
            Key::Uk | Key::ServesChildren | Key::ContentAppropriate => Kind::Choice(YesNo::NAMES),
            Key::Organisation => Kind::Choice(Organisation::NAMES),
            Key::Platform => Kind::Choice(Platform::NAMES),
            Key::Audience => Kind::Choice(Audience::NAMES),
            Key::Placement => Kind::Choice(Placement::NAMES),
            Key::ImageSrc | Key::ButtonFile | Key::OrganisationName => Kind::Text,
        }
    }

    /// Keys that may be left unanswered where they apply.
    pub fn optional(self) -> bool {
        matches!(self, Key::OrganisationName | Key::ButtonFile | Key::NewTab)
    }

    /// The values a key accepts, as the answers file spells them.
    pub fn accepted(self) -> String {
        match self.kind() {
            Kind::Bool => "true or false".to_string(),
            Kind::Choice(names) => names.join(" | "),
            Kind::Text => match self {
                Key::ImageSrc => "a path such as /images/clickceop.gif or an https:// URL".into(),
                Key::ButtonFile => "the path of a local copy of the button GIF".into(),
                _ => "text".into(),
            },
        }
    }
}

/// The answers, each absent until given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_guidance: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uk: Option<YesNo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serves_children: Option<YesNo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<Organisation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_appropriate: Option<YesNo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_endorsement: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audience: Option<Audience>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_src: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub button_file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_tab: Option<bool>,
}

impl Answers {
    /// Whether `key` has an answer.
    pub fn has(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// The answer to `key` as the answers file spells it.
    pub fn get(&self, key: Key) -> Option<String> {
        fn s<T: ToString>(v: &Option<T>) -> Option<String> {
            v.as_ref().map(ToString::to_string)
        }
        match key {
            Key::ReadGuidance => s(&self.read_guidance),
            Key::OrganisationName => s(&self.organisation_name),
            Key::Uk => s(&self.uk),
            Key::ServesChildren => s(&self.serves_children),
            Key::Organisation => s(&self.organisation),
            Key::ContentAppropriate => s(&self.content_appropriate),
            Key::NoEndorsement => s(&self.no_endorsement),
            Key::Platform => s(&self.platform),
            Key::Audience => s(&self.audience),
            Key::Placement => s(&self.placement),
            Key::ImageSrc => s(&self.image_src),
            Key::ButtonFile => s(&self.button_file),
            Key::NewTab => s(&self.new_tab),
        }
    }

    /// Removes the answer to `key`.
    pub fn clear(&mut self, key: Key) {
        match key {
            Key::ReadGuidance => self.read_guidance = None,
            Key::OrganisationName => self.organisation_name = None,
            Key::Uk => self.uk = None,
            Key::ServesChildren => self.serves_children = None,
            Key::Organisation => self.organisation = None,
            Key::ContentAppropriate => self.content_appropriate = None,
            Key::NoEndorsement => self.no_endorsement = None,
            Key::Platform => self.platform = None,
            Key::Audience => self.audience = None,
            Key::Placement => self.placement = None,
            Key::ImageSrc => self.image_src = None,
            Key::ButtonFile => self.button_file = None,
            Key::NewTab => self.new_tab = None,
        }
    }

    /// Sets `key` from its text form, checking the value. An empty value for an
    /// optional text key clears it.
    pub fn set(&mut self, key: Key, raw: &str) -> std::result::Result<(), String> {
        fn choice<T: FromStr>(key: Key, raw: &str) -> std::result::Result<T, String> {
            raw.parse()
                .map_err(|_| format!("`{raw}` is not a value of {key}; use {}", key.accepted()))
        }
        fn boolean(key: Key, raw: &str) -> std::result::Result<bool, String> {
            match raw {
                "true" | "yes" => Ok(true),
                "false" | "no" => Ok(false),
                _ => Err(format!(
                    "`{raw}` is not a value of {key}; use true or false"
                )),
            }
        }
        let text = |raw: &str| -> std::result::Result<Option<String>, String> {
            check_text(key, raw)?;
            Ok((!raw.is_empty()).then(|| raw.to_string()))
        };
        match key {
            Key::ReadGuidance => self.read_guidance = Some(boolean(key, raw)?),
            Key::NoEndorsement => self.no_endorsement = Some(boolean(key, raw)?),
            Key::NewTab => self.new_tab = Some(boolean(key, raw)?),
            Key::Uk => self.uk = Some(choice(key, raw)?),
            Key::ServesChildren => self.serves_children = Some(choice(key, raw)?),
            Key::ContentAppropriate => self.content_appropriate = Some(choice(key, raw)?),
            Key::Organisation => self.organisation = Some(choice(key, raw)?),
            Key::Platform => self.platform = Some(choice(key, raw)?),
            Key::Audience => self.audience = Some(choice(key, raw)?),
            Key::Placement => self.placement = Some(choice(key, raw)?),
            Key::ImageSrc => self.image_src = text(raw)?,
            Key::ButtonFile => self.button_file = text(raw)?,
            Key::OrganisationName => self.organisation_name = text(raw)?,
        }
        Ok(())
    }

    /// Checks every text answer, including rules that depend on other answers
    /// (an email newsletter's image must be an absolute https URL).
    pub fn problems(&self) -> Vec<(Key, String)> {
        let mut out = Vec::new();
        for key in [Key::ImageSrc, Key::ButtonFile, Key::OrganisationName] {
            if let Some(v) = self.get(key)
                && let Err(e) = check_text(key, &v)
            {
                out.push((key, e));
            }
        }
        if self.platform == Some(Platform::EmailNewsletter)
            && let Some(src) = &self.image_src
            && !src.starts_with("https://")
        {
            out.push((
                Key::ImageSrc,
                format!(
                    "`{src}` is not an absolute https:// address, which an email newsletter needs"
                ),
            ));
        }
        out
    }

    /// Parses an answers file, naming the file, line and fix on any problem.
    pub fn from_toml(file: &str, source: &str) -> Result<Answers> {
        let answers: Answers = toml::from_str(source).map_err(|e| {
            let location = e.span().map_or_else(
                || Location::start(file),
                |s| Location::at(file, source, s.start),
            );
            Error::input(
                location,
                e.message().trim_end().to_string(),
                answers_fix(e.message()),
            )
        })?;
        if let Some((key, message)) = answers.problems().into_iter().next() {
            return Err(Error::input(
                key_location(file, source, key.name()),
                message,
                format!("set {key} to {}", key.accepted()),
            ));
        }
        Ok(answers)
    }

    /// The answers as an answers file.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("answers always serialise")
    }
}

fn answers_fix(message: &str) -> String {
    if message.contains("unknown field") {
        format!(
            "use only these keys: {}",
            Key::ALL
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else if message.contains("unknown variant") {
        "use one of the values listed; `ceop-onboard answers-template` shows them all".into()
    } else {
        "see `ceop-onboard answers-template` for the shape of an answers file".into()
    }
}

/// Where `key` is set in a TOML document, or its start.
pub fn key_location(file: &str, source: &str, key: &str) -> Location {
    toml::de::DeTable::parse(source)
        .ok()
        .and_then(|table| {
            table
                .get_ref()
                .iter()
                .find(|(k, _)| k.get_ref() == key)
                .map(|(k, _)| k.span().start)
        })
        .map_or_else(
            || Location::start(file),
            |at| Location::at(file, source, at),
        )
}

/// Characters never accepted in a typed answer: controls, line and
/// paragraph separators, and every Unicode format character (general
/// category Cf) — those that reorder or hide text (bidi controls and marks,
/// zero-width characters, the byte-order mark, tag characters, annotation
/// anchors). Code artifacts write them as escapes for the same reason.
pub fn hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
            | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// Whether `c` is drawn as an emoji (the pictographic blocks), so a zero
/// width joiner between two of them builds one emoji (👩‍🏫).
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}' | '\u{2300}'..='\u{23FF}' | '\u{24C2}' | '\u{25A0}'..='\u{25FF}'
        | '\u{2600}'..='\u{27BF}' | '\u{2934}'..='\u{2935}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}' | '\u{1F000}'..='\u{1FAFF}')
}

/// The first character of `s` that is refused: any [`hidden_char`], except
/// a zero width joiner between two emoji (an emoji's variation selector may
/// sit before it), and the tag characters of a subdivision flag such as
/// England's (U+1F3F4, tags, U+E007F).
fn refused_char(s: &str) -> Option<char> {
    let chars: Vec<char> = s.chars().collect();
    let mut in_flag = false;
    for (i, &c) in chars.iter().enumerate() {
        if !hidden_char(c) {
            in_flag = false;
            continue;
        }
        let joins_emoji = c == '\u{200D}'
            && chars[..i]
                .iter()
                .rev()
                .find(|&&p| p != '\u{FE0F}')
                .is_some_and(|&p| is_emoji(p))
            && chars.get(i + 1).is_some_and(|&n| is_emoji(n));
        let flag_tag = ('\u{E0020}'..='\u{E007F}').contains(&c)
            && (in_flag || chars[..i].last() == Some(&'\u{1F3F4}'))
            && chars[i..]
                .iter()
                .take_while(|t| ('\u{E0020}'..='\u{E007F}').contains(*t))
                .any(|&t| t == '\u{E007F}');
        in_flag = flag_tag && c != '\u{E007F}';
        if !joins_emoji && !flag_tag {
            return Some(c);
        }
    }
    None
}

fn check_text(key: Key, raw: &str) -> std::result::Result<(), String> {
    if let Some(c) = refused_char(raw) {
        return Err(format!(
            "{key} contains the invisible or formatting character U+{:04X}; type it again without it",
            c as u32
        ));
    }
    match key {
        Key::ImageSrc => check_image_src(raw),
        Key::OrganisationName if raw.chars().count() > 200 => {
            Err("organisation_name is longer than 200 characters".into())
        }
        _ => Ok(()),
    }
}

/// An image address must be a plain path or an https URL: nothing that could
/// run script, leave its attribute, or point somewhere unexpected.
fn check_image_src(src: &str) -> std::result::Result<(), String> {
    if src.is_empty() {
        return Err("image_src is empty".into());
    }
    if src.len() > 2048 {
        return Err("image_src is longer than 2048 characters".into());
    }
    if let Some(c) = src.chars().find(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '<' | '>' | '`' | '\\' | '(' | ')' | '{' | '}'
            )
    }) {
        return Err(format!(
            "image_src `{src}` contains `{c}`, which cannot be part of an image address; percent-encode it"
        ));
    }
    let lower = src.to_ascii_lowercase();
    // A scheme is a colon before any `/`, `?` or `#`.
    let head = lower.split(['/', '?', '#']).next().unwrap_or("");
    if let Some(colon) = head.find(':')
        && !lower.starts_with("https://")
    {
        return Err(format!(
            "image_src `{src}` uses the scheme `{}`; use a path on your site or an https:// address",
            &src[..=colon]
        ));
    }
    if lower.starts_with("https://") && lower.len() <= "https://".len() {
        return Err("image_src `https://` has no host".into());
    }
    if lower.starts_with("//") {
        return Err(format!(
            "image_src `{src}` has no scheme; write it as https:{src}"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_round_trips_its_name() {
        for &k in Key::ALL {
            assert_eq!(k.name().parse::<Key>(), Ok(k));
        }
    }

    #[test]
    fn image_src_accepts_paths_and_https() {
        for ok in [
            "/images/clickceop.gif",
            "clickceop.gif",
            "https://example.org/a.gif?v=1",
            "../img/b%20c.gif",
        ] {
            assert_eq!(check_image_src(ok), Ok(()), "{ok}");
        }
        // Each refused for its own reason, named in the message.
        for (bad, why) in [
            ("javascript:void", "uses the scheme `javascript:`"),
            ("JaVaScRiPt:void", "uses the scheme `JaVaScRiPt:`"),
            ("javascript:alert(1)", "contains `(`"),
            ("data:image/gif;base64,AAAA", "uses the scheme `data:`"),
            ("http://example.org/a.gif", "uses the scheme `http:`"),
            (
                "//example.org/a.gif",
                "has no scheme; write it as https://example.org/a.gif",
            ),
            ("a\" onerror=\"x", "contains `\"`"),
            ("<script>", "contains `<`"),
            ("a b.gif", "contains ` `"),
            ("https://", "has no host"),
        ] {
            let e = check_image_src(bad).unwrap_err();
            assert!(e.contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn bidi_controls_are_refused() {
        let mut a = Answers::default();
        let e = a
            .set(Key::OrganisationName, "St \u{202E}elpmaxE")
            .unwrap_err();
        assert!(e.contains("character U+202E"), "{e}");
        let e = a.set(Key::ImageSrc, "/a\u{200B}.gif").unwrap_err();
        assert!(e.contains("character U+200B"), "{e}");
    }

    #[test]
    fn format_and_separator_characters_are_refused_and_emoji_are_allowed() {
        let mut a = Answers::default();
        for bad in [
            "\u{061C}",
            "\u{2028}",
            "\u{2029}",
            "\u{E0041}",
            "\u{FFF9}",
            "\u{00AD}",
            "a\u{200D}b",
            "\u{200D}👩",
            // Tag characters, even ending in a cancel tag, only after a black flag.
            "\u{E0067}\u{E0062}\u{E007F}",
            "🏳\u{E0067}\u{E0062}\u{E007F}",
            // A cancel tag ends the flag: more tags after it are not part of it.
            "🏴\u{E0067}\u{E007F}\u{E0067}\u{E007F}",
        ] {
            let name = format!("St Example{bad} Primary");
            let e = a.set(Key::OrganisationName, &name).unwrap_err();
            assert!(
                e.contains("invisible or formatting character U+"),
                "{name:?}: {e}"
            );
        }
        for ok in [
            "St Example 👩\u{200D}🏫 Club",
            "Eye 👁\u{FE0F}\u{200D}🗨\u{FE0F}",
            "Cymru 🏴\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F} Youth",
            "Café ☕",
        ] {
            assert!(a.set(Key::OrganisationName, ok).is_ok(), "{ok:?}");
        }
    }

    #[test]
    fn email_newsletter_needs_absolute_https_image() {
        let mut a = Answers::default();
        a.set(Key::Platform, "email-newsletter").unwrap();
        a.set(Key::ImageSrc, "/images/clickceop.gif").unwrap();
        assert_eq!(a.problems().len(), 1);
        a.set(Key::ImageSrc, "https://example.org/clickceop.gif")
            .unwrap();
        assert!(a.problems().is_empty());
    }
}
