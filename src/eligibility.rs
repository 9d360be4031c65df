//! (Guide, Answers) → Decision: may this organisation host the button, and why.

use serde::Serialize;

use crate::answers::{Answers, Audience, Key, Placement, Platform, YesNo};
use crate::button::ButtonCheck;
use crate::flow;
use crate::guide::Guide;
use crate::rules::RuleId;

/// The decision's verdict (SPEC §5 steps 3–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// May host the button.
    Appropriate,
    /// May signpost the Safety Centre with a text link, not the button (an app).
    AppLinkOnly,
    /// Should not host the button.
    NotAppropriate,
    /// Check with the CEOP Education Team first: a host answer is "not sure",
    /// or the button file given is not the button as issued.
    Refer,
    /// Answers or acknowledgements are still missing.
    Incomplete,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Appropriate => "appropriate",
            Outcome::AppLinkOnly => "app-link-only",
            Outcome::NotAppropriate => "not-appropriate",
            Outcome::Refer => "refer",
            Outcome::Incomplete => "incomplete",
        }
    }

    /// Whether an artifact is produced.
    pub fn gives_artifact(self) -> bool {
        matches!(self, Outcome::Appropriate | Outcome::AppLinkOnly)
    }
}

/// One reason for the decision, citing its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub rule: RuleId,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub outcome: Outcome,
    pub reasons: Vec<Reason>,
    /// Required answers not given yet (only for `Incomplete`).
    #[serde(skip)]
    pub missing: Vec<Key>,
}

impl Decision {
    pub fn rules(&self) -> Vec<RuleId> {
        self.reasons.iter().map(|r| r.rule).collect()
    }
}

/// Fills the placeholders only known once a button file has been read.
pub fn fill_button(text: &str, button: Option<ButtonCheck>) -> String {
    match button {
        Some(ButtonCheck::WrongSize { width, height }) => text
            .replace("{found_width}", &width.to_string())
            .replace("{found_height}", &height.to_string()),
        _ => text.to_string(),
    }
}

/// Decides, from the answers so far. Host answers are judged first: any "no"
/// makes the host not appropriate, any "not sure" refers them to CEOP Education;
/// only then do missing answers and acknowledgements matter. Last, a button
/// file that is not the button as issued refers them to CEOP Education too.
pub fn decide(guide: &Guide, answers: &Answers, button: Option<ButtonCheck>) -> Decision {
    let reason = |id: &str| {
        let r = guide.reason(id);
        Reason {
            rule: r.rule,
            text: fill_button(&r.text, button),
        }
    };
    let decision = |outcome, reasons| Decision {
        outcome,
        reasons,
        missing: Vec::new(),
    };

    if answers.read_guidance == Some(false) {
        return decision(Outcome::Incomplete, vec![reason("guidance-not-read")]);
    }
    let host = [
        (Key::Uk, answers.uk),
        (Key::ServesChildren, answers.serves_children),
        (Key::ContentAppropriate, answers.content_appropriate),
    ];
    let with = |v: YesNo| -> Vec<Reason> {
        host.iter()
            .filter(|(_, a)| *a == Some(v))
            .map(|(k, _)| reason(&format!("{}-{}", k.name(), v.as_str())))
            .collect()
    };
    if answers.read_guidance == Some(true) {
        let no = with(YesNo::No);
        if !no.is_empty() {
            return decision(Outcome::NotAppropriate, no);
        }
        let mut unsure = with(YesNo::NotSure);
        if !unsure.is_empty() {
            unsure.push(reason("refer"));
            return decision(Outcome::Refer, unsure);
        }
    }

    let missing = flow::missing(answers);
    if !missing.is_empty() {
        return Decision {
            outcome: Outcome::Incomplete,
            reasons: Vec::new(),
            missing,
        };
    }

    let mut reasons = with(YesNo::Yes);
    if let Some(o) = answers.organisation {
        reasons.push(reason(&format!("organisation-{o}")));
    }
    if answers.no_endorsement == Some(false) {
        return decision(
            Outcome::Incomplete,
            vec![reason("endorsement-not-acknowledged")],
        );
    }
    if answers.platform == Some(Platform::App) {
        reasons.push(reason("app-link-only"));
        return decision(Outcome::AppLinkOnly, reasons);
    }
    if answers.audience == Some(Audience::Mixed) {
        reasons.push(reason("mixed-audience"));
    }
    if answers.placement == Some(Placement::Elsewhere) {
        reasons.push(reason("placement-elsewhere"));
    }
    // A file that is not the button as issued (another size, or not a GIF)
    // is checked with the CEOP Education Team first: no artifact is made
    // around it (R5, SPEC §5 step 7).
    let not_as_issued = match button {
        Some(ButtonCheck::NotGif) => Some("button-not-gif"),
        Some(ButtonCheck::WrongSize { .. }) => Some("button-wrong-size"),
        Some(ButtonCheck::Ok) | None => None,
    };
    if let Some(id) = not_as_issued {
        reasons.push(reason(id));
        reasons.push(reason("refer"));
        return decision(Outcome::Refer, reasons);
    }
    decision(Outcome::Appropriate, reasons)
}
