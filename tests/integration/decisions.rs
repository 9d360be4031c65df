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

/// "Other" was asked nothing about professional judgement: the reason says
/// what the guide asks (its words), not that the organisation has done it.
#[test]
fn other_organisation_is_appropriate_and_the_reason_claims_no_judgement() {
    let g = guide();
    let mut a = answers(
        Platform::Website,
        Some(ceop_onboard::answers::Audience::Children),
    );
    a.organisation = Some(Organisation::Other);
    let d = decide(&g, &a, None);
    assert_eq!(d.outcome, Outcome::Appropriate);
    let text = &d.reasons.last().unwrap().text;
    assert!(
        text.contains("professional knowledge and experience"),
        "the guide's words: {text}"
    );
    assert!(
        !text.contains("has used its professional judgement"),
        "claims what was not asked: {text}"
    );
}

/// The organisation kinds the guide does not name get no claim about whom
/// they serve: the host answers say that, in the words that were asked.
#[test]
fn unnamed_organisation_kinds_claim_nothing_that_was_not_asked() {
    let g = guide();
    for org in [
        Organisation::YouthOrganisation,
        Organisation::PublicService,
        Organisation::Other,
    ] {
        let mut a = answers(
            Platform::Website,
            Some(ceop_onboard::answers::Audience::Children),
        );
        a.organisation = Some(org);
        let d = decide(&g, &a, None);
        let text = &d.reasons.last().unwrap().text;
        for claim in ["UK children", "meet the test", "has used its"] {
            assert!(!text.contains(claim), "{org}: `{claim}` in {text}");
        }
        assert!(text.contains("not exhaustive"), "{org}: {text}");
    }
}

#[test]
fn mixed_audience_and_placement_are_reasons() {
    let g = guide();
    let mut a = answers(
        Platform::Website,
        Some(ceop_onboard::answers::Audience::Mixed),
    );
    a.set(Key::Placement, "elsewhere").unwrap();
    let d = decide(&g, &a, Some(ButtonCheck::Ok));
    assert_eq!(d.outcome, Outcome::Appropriate);
    assert_eq!(d.rules()[4..], [R10, R6]);
}

/// SPEC §5 step 7 and R5: a file of another size is not the button as
/// issued. Check first with the CEOP Education Team; no artifact at that size.
#[test]
fn a_button_file_of_another_size_is_check_first_with_no_artifact() {
    let g = guide();
    for button in [
        ButtonCheck::WrongSize {
            width: 100,
            height: 36,
        },
        ButtonCheck::NotGif,
    ] {
        let a = answers(
            Platform::Website,
            Some(ceop_onboard::answers::Audience::Children),
        );
        let d = decide(&g, &a, Some(button));
        assert_eq!(d.outcome, Outcome::Refer, "{button:?}");
        assert_eq!(d.rules()[d.reasons.len() - 2..], [R5, R4]);
        let why = &d.reasons[d.reasons.len() - 2].text;
        assert!(why.contains("not the button as issued"), "{why}");
        assert!(why.contains("CEOP Education Team"), "{why}");
        assert!(!why.contains("altered"), "{why}");
        let r = ceop_onboard::render::Renderer::new(None).unwrap();
        assert!(r.artifact(&g, &a, &d, Some(button)).unwrap().is_none());
    }
    let a = answers(
        Platform::Website,
        Some(ceop_onboard::answers::Audience::Children),
    );
    let d = decide(
        &g,
        &a,
        Some(ButtonCheck::WrongSize {
            width: 100,
            height: 36,
        }),
    );
    let why = &d.reasons[d.reasons.len() - 2].text;
    assert!(why.contains("100×36") && why.contains("143×51"), "{why}");
}

/// `generate` with a 100×36 GIF: the refer outcome's exit code, and nothing
/// written — no artifact on stdout, no output file, no checklist.
#[test]
fn generate_with_a_100x36_button_file_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let answers = crate::common::school_answers_file(dir.path());
    let gif = dir.path().join("small.gif");
    let mut bytes = b"GIF89a".to_vec();
    bytes.extend(100u16.to_le_bytes());
    bytes.extend(36u16.to_le_bytes());
    bytes.extend([0; 20]);
    std::fs::write(&gif, bytes).unwrap();
    let output = dir.path().join("button.html");
    let checklist = dir.path().join("checklist.md");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .args(["generate", "--answers"])
        .arg(&answers)
        .arg("--set")
        .arg(format!("button_file={}", gif.display()))
        .arg("--output")
        .arg(&output)
        .arg("--checklist")
        .arg(&checklist)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!output.exists() && !checklist.exists(), "nothing written");
    assert!(
        stderr.contains("Check with the CEOP Education Team first"),
        "{stderr}"
    );
    assert!(stderr.contains("100×36"), "{stderr}");
    assert!(!stderr.contains("width=\"100\""), "{stderr}");
}
