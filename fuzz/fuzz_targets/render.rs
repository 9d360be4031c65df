//! Rendering with arbitrary answers, validation bypassed: every platform and
//! format renders without a panic, and every value stays inside its slot
//! (see `ceop_onboard_fuzz::check_artifact`).
#![no_main]

use arbitrary::Arbitrary;
use ceop_onboard::answers::{Answers, Audience, Organisation, Placement, Platform, YesNo};
use ceop_onboard::button::ButtonCheck;
use ceop_onboard::eligibility::decide;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Button {
    Ok,
    NotGif,
    WrongSize { width: u32, height: u32 },
}

/// Host answers; `None` in `Input` means an appropriate school.
#[derive(Arbitrary, Debug)]
struct Host {
    read_guidance: Option<bool>,
    uk: Option<u8>,
    serves_children: Option<u8>,
    organisation: Option<u8>,
    content_appropriate: Option<u8>,
    no_endorsement: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    image_src: Option<String>,
    platform: u8,
    audience: Option<u8>,
    placement: Option<u8>,
    new_tab: Option<bool>,
    button: Option<Button>,
    host: Option<Host>,
    created: u64,
    organisation_name: Option<String>,
    button_file: Option<String>,
}

fn pick<T: Copy>(all: &[T], i: u8) -> T {
    all[usize::from(i) % all.len()]
}

fn answers(input: &Input) -> Answers {
    let platform = pick(Platform::ALL, input.platform);
    let mut a = ceop_onboard_fuzz::appropriate_school(platform, None);
    a.audience = input
        .audience
        .map(|i| pick(Audience::ALL, i))
        .or(a.audience);
    a.placement = input
        .placement
        .map(|i| pick(Placement::ALL, i))
        .or(a.placement);
    a.new_tab = input.new_tab;
    a.image_src = input.image_src.clone().or(a.image_src);
    a.organisation_name = input.organisation_name.clone();
    a.button_file = input.button_file.clone();
    if let Some(h) = &input.host {
        let yes_no = |v: Option<u8>| v.map(|i| pick(YesNo::ALL, i));
        a.read_guidance = h.read_guidance;
        a.uk = yes_no(h.uk);
        a.serves_children = yes_no(h.serves_children);
        a.organisation = h.organisation.map(|i| pick(Organisation::ALL, i));
        a.content_appropriate = yes_no(h.content_appropriate);
        a.no_endorsement = h.no_endorsement;
    }
    a
}

fuzz_target!(|input: Input| {
    let guide = ceop_onboard_fuzz::embedded_guide();
    let answers = answers(&input);
    let button = input.button.as_ref().map(|b| match *b {
        Button::Ok => ButtonCheck::Ok,
        Button::NotGif => ButtonCheck::NotGif,
        Button::WrongSize { width, height } => ButtonCheck::WrongSize { width, height },
    });
    let decision = decide(guide, &answers, button);
    // The audit before handing an artifact out may refuse answers that
    // `generate` refuses too (an image address `check` flags, a value that
    // fails validation): one message, never a panic. Valid answers render.
    let refusable = !answers.problems().is_empty()
        || answers
            .image_src
            .as_deref()
            .is_some_and(|s| ceop_onboard::gate::image_src_problem(guide, s).is_some());
    let artifact = match ceop_onboard_fuzz::renderer().artifact(guide, &answers, &decision, button)
    {
        Ok(artifact) => artifact,
        Err(_) if refusable => return,
        Err(e) => panic!("the embedded templates render any valid answers: {e}"),
    };
    if let Some(artifact) = &artifact {
        assert!(decision.outcome.gives_artifact());
        ceop_onboard_fuzz::check_artifact(guide, &answers, button, artifact);
        artifact.checklist_json();
    }
    ceop_onboard_fuzz::check_record(guide, &answers, &decision, artifact.as_ref(), input.created);
});
