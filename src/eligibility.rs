//! (Guide, Answers) → Decision: may this organisation host the button, and why.

use serde::Serialize;

use crate::answers::{Answers, Audience, Key, Placement, Platform, YesNo};
use crate::button::ButtonCheck;
use crate::flow;
use crate::guide::Guide;
use crate::rules::RuleId;
use crate::verdict::HostReasons;
pub use crate::verdict::{Outcome, ReasonId};

/// One reason for the decision, citing its rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// Which reason it is (not in the record, which keeps the rule and words).
    #[serde(skip)]
    pub id: ReasonId,
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
    let reason = |id: ReasonId| {
        let r = guide.reason(id);
        Reason {
            id,
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
        return decision(Outcome::Incomplete, vec![reason(ReasonId::GuidanceNotRead)]);
    }
    let host = [
        (HostReasons::UK, answers.uk),
        (HostReasons::SERVES_CHILDREN, answers.serves_children),
        (
            HostReasons::CONTENT_APPROPRIATE,
            answers.content_appropriate,
        ),
    ];
    let with = |v: YesNo| -> Vec<Reason> {
        host.iter()
            .filter(|(_, a)| *a == Some(v))
            .map(|(ids, _)| reason(ids.of(v)))
            .collect()
    };
    if answers.read_guidance == Some(true) {
        let no = with(YesNo::No);
        if !no.is_empty() {
            return decision(Outcome::NotAppropriate, no);
        }
        let mut unsure = with(YesNo::NotSure);
        if !unsure.is_empty() {
            unsure.push(reason(ReasonId::Refer));
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
        reasons.push(reason(ReasonId::organisation(o)));
    }
    if answers.no_endorsement == Some(false) {
        return decision(
            Outcome::Incomplete,
            vec![reason(ReasonId::EndorsementNotAcknowledged)],
        );
    }
    if answers.platform == Some(Platform::App) {
        reasons.push(reason(ReasonId::AppLinkOnly));
        return decision(Outcome::AppLinkOnly, reasons);
    }
    if answers.audience == Some(Audience::Mixed) {
        reasons.push(reason(ReasonId::MixedAudience));
    }
    if answers.placement == Some(Placement::Elsewhere) {
        reasons.push(reason(ReasonId::PlacementElsewhere));
    }
    // A file that is not the button as issued (another size, or not a GIF)
    // is checked with the CEOP Education Team first: no artifact is made
    // around it (R5, SPEC §5 step 7).
    let not_as_issued = match button {
        Some(ButtonCheck::NotGif) => Some(ReasonId::ButtonNotGif),
        Some(ButtonCheck::WrongSize { .. }) => Some(ReasonId::ButtonWrongSize),
        Some(ButtonCheck::Ok) | None => None,
    };
    if let Some(id) = not_as_issued {
        reasons.push(reason(id));
        reasons.push(reason(ReasonId::Refer));
        return decision(Outcome::Refer, reasons);
    }
    decision(Outcome::Appropriate, reasons)
}
