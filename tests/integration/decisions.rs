//! The decision table: every combination of the eligibility answers.

use ceop_onboard::answers::{Answers, Key, Organisation, Platform, YesNo};
use ceop_onboard::button::ButtonCheck;
use ceop_onboard::eligibility::{Outcome, decide};
use ceop_onboard::rules::RuleId::{self, *};

use crate::common::{answers, guide};

/// The expected verdict, written out from SPEC §5 independently of the code:
/// any "no" → not appropriate (R2 for each); else any "not sure" → refer
/// (R3 for each, then R4); else an app → text link only; else appropriate.
fn expected(
    uk: YesNo,
    serves: YesNo,
    content: YesNo,
    platform: Platform,
) -> (Outcome, Vec<RuleId>) {
    let all = [uk, serves, content];
    let count = |v| all.iter().filter(|&&x| x == v).count();
    if count(YesNo::No) > 0 {
        return (Outcome::NotAppropriate, vec![R2; count(YesNo::No)]);
    }
    if count(YesNo::NotSure) > 0 {
        let mut rules = vec![R3; count(YesNo::NotSure)];
        rules.push(R4);
        return (Outcome::Refer, rules);
    }
    match platform {
        Platform::App => (Outcome::AppLinkOnly, vec![R2, R2, R2, R3, R8]),
        _ => (Outcome::Appropriate, vec![R2, R2, R2, R3]),
    }
}

#[test]
fn every_combination_of_host_answers_gets_the_expected_decision() {
    let g = guide();
    let mut rows = 0;
    for &uk in YesNo::ALL {
        for &serves in YesNo::ALL {
            for &content in YesNo::ALL {
                for &org in Organisation::ALL {
                    for &platform in Platform::ALL {
                        let mut a = answers(platform, None);
                        a.uk = Some(uk);
                        a.serves_children = Some(serves);
                        a.content_appropriate = Some(content);
                        a.organisation = Some(org);
                        if platform.shows_button() {
                            a.set(Key::Audience, "children").unwrap();
                        }
                        let d = decide(&g, &a, None);
                        let (outcome, rules) = expected(uk, serves, content, platform);
                        assert_eq!(
                            (d.outcome, d.rules()),
                            (outcome, rules),
                            "uk={uk} serves={serves} content={content} org={org} platform={platform}"
                        );
                        assert!(d.reasons.iter().all(|r| !r.text.is_empty()));
                        rows += 1;
                    }
                }
            }
        }
    }
    assert_eq!(rows, 27 * 5 * 4);
}

#[test]
fn not_appropriate_gives_no_artifact() {
    let g = guide();
    let mut a = answers(Platform::Website, None);
    a.uk = Some(YesNo::No);
    let d = decide(&g, &a, None);
    assert_eq!(d.outcome, Outcome::NotAppropriate);
    let r = ceop_onboard::render::Renderer::new(None).unwrap();
    assert!(r.artifact(&g, &a, &d, None).unwrap().is_none());
}

#[test]
fn guidance_not_read_is_incomplete_citing_r1() {
    let g = guide();
    let mut a = answers(Platform::Website, None);
    a.read_guidance = Some(false);
    let d = decide(&g, &a, None);
    assert_eq!((d.outcome, d.rules()), (Outcome::Incomplete, vec![R1]));
}

#[test]
fn endorsement_not_acknowledged_is_incomplete_citing_r9() {
    let g = guide();
    let mut a = Answers {
        no_endorsement: Some(false),
        ..answers(Platform::App, None)
    };
    a.platform = None;
    let d = decide(&g, &a, None);
    assert_eq!((d.outcome, d.rules()), (Outcome::Incomplete, vec![R9]));
}

#[test]
fn missing_answers_are_named() {
    let g = guide();
    let a = Answers {
        read_guidance: Some(true),
        uk: Some(YesNo::Yes),
        ..Answers::default()
    };
    let d = decide(&g, &a, None);
    assert_eq!(d.outcome, Outcome::Incomplete);
    assert_eq!(
        d.missing,
        vec![
            Key::ServesChildren,
            Key::Organisation,
            Key::ContentAppropriate
        ]
    );
}

#[test]
fn other_organisation_is_appropriate_on_professional_judgement() {
    let g = guide();
    let mut a = answers(
        Platform::Website,
        Some(ceop_onboard::answers::Audience::Children),
    );
    a.organisation = Some(Organisation::Other);
    let d = decide(&g, &a, None);
    assert_eq!(d.outcome, Outcome::Appropriate);
    assert!(
        d.reasons
            .last()
            .unwrap()
            .text
            .contains("professional judgement")
    );
}

#[test]
fn mixed_audience_placement_and_button_warnings_are_reasons() {
    let g = guide();
    let mut a = answers(
        Platform::Website,
        Some(ceop_onboard::answers::Audience::Mixed),
    );
    a.set(Key::Placement, "elsewhere").unwrap();
    let d = decide(
        &g,
        &a,
        Some(ButtonCheck::WrongSize {
            width: 286,
            height: 102,
        }),
    );
    assert_eq!(d.outcome, Outcome::Appropriate);
    assert_eq!(d.rules()[4..], [R10, R6, R5]);
    assert!(
        d.reasons[6].text.contains("286×102"),
        "{}",
        d.reasons[6].text
    );
}
