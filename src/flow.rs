//! Which wizard steps and questions apply, given the answers so far.
//!
//! Both front-ends and `generate` go through here, so "what comes next" and
//! "which answers no longer apply" are decided once.

use crate::answers::{Answers, Key, Platform, YesNo};

value_enum!(
    /// The wizard's steps, in order (SPEC §5), by the names a saved session
    /// and `CEOP_ONBOARD_PANIC_AT_STEP` use.
    Step {
        Welcome = "welcome",
        ReaderNotice = "reader-notice",
        Host = "host",
        Endorsement = "endorsement",
        Platform = "platform",
        Audience = "audience",
        Details = "details",
        Review = "review",
        Result = "result",
    }
);

impl Step {
    /// Its place in [`Step::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The questions asked on this step, in order.
    pub fn keys(self) -> Vec<Key> {
        Key::ALL
            .iter()
            .copied()
            .filter(|k| step_of(*k) == self)
            .collect()
    }
}

/// For the terminal-restore tests: panics on reaching the step named by
/// `CEOP_ONBOARD_PANIC_AT_STEP`, after progress is saved, so a test can
/// check that a crash leaves a sane terminal and a resumable session.
pub fn panic_if_requested(step: Step) {
    if std::env::var("CEOP_ONBOARD_PANIC_AT_STEP").is_ok_and(|s| s == step.as_str()) {
        panic!("CEOP_ONBOARD_PANIC_AT_STEP={step} reached");
    }
}

/// The step that asks `key`.
pub fn step_of(key: Key) -> Step {
    match key {
        Key::ReadGuidance => Step::ReaderNotice,
        Key::OrganisationName
        | Key::Uk
        | Key::ServesChildren
        | Key::Organisation
        | Key::ContentAppropriate => Step::Host,
        Key::NoEndorsement => Step::Endorsement,
        Key::Platform => Step::Platform,
        Key::Audience => Step::Audience,
        Key::Placement | Key::ImageSrc | Key::ButtonFile | Key::NewTab => Step::Details,
    }
}

/// True when all four host questions are answered "yes" (or, for the
/// organisation, answered at all): the wizard goes on past the host step.
pub fn host_passed(a: &Answers) -> bool {
    [a.uk, a.serves_children, a.content_appropriate]
        .iter()
        .all(|v| *v == Some(YesNo::Yes))
        && a.organisation.is_some()
}

/// Whether `key` is asked, given the other answers.
pub fn applies(key: Key, a: &Answers) -> bool {
    let past_host = a.read_guidance == Some(true) && host_passed(a);
    let platform = if past_host && a.no_endorsement == Some(true) {
        a.platform
    } else {
        None
    };
    match key {
        Key::ReadGuidance => true,
        Key::OrganisationName
        | Key::Uk
        | Key::ServesChildren
        | Key::Organisation
        | Key::ContentAppropriate => a.read_guidance == Some(true),
        Key::NoEndorsement => past_host,
        Key::Platform => past_host && a.no_endorsement == Some(true),
        Key::Audience | Key::ButtonFile => platform.is_some_and(Platform::shows_button),
        Key::Placement => platform == Some(Platform::Website),
        Key::ImageSrc | Key::NewTab => matches!(
            platform,
            Some(Platform::Website | Platform::EmailNewsletter)
        ),
    }
}

/// Whether a step has anything to show. Welcome, reader notice, review and
/// result always do; a question step does when one of its questions applies.
pub fn step_applies(step: Step, a: &Answers) -> bool {
    match step {
        Step::Welcome | Step::ReaderNotice | Step::Review | Step::Result => true,
        _ => step.keys().iter().any(|&k| applies(k, a)),
    }
}

/// Drops every answer that no longer applies (after an earlier answer changed).
/// Returns the keys dropped.
pub fn prune(a: &mut Answers) -> Vec<Key> {
    let mut dropped = Vec::new();
    // Key::ALL is in asking order and applicability only looks backwards, so
    // one pass reaches the fixed point.
    for &key in Key::ALL {
        if a.has(key) && !applies(key, a) {
            a.clear(key);
            dropped.push(key);
        }
    }
    dropped
}

/// Required questions that apply and are not answered yet, in asking order.
pub fn missing(a: &Answers) -> Vec<Key> {
    Key::ALL
        .iter()
        .copied()
        .filter(|&k| !k.optional() && applies(k, a) && !a.has(k))
        .collect()
}

/// The step after `step`, skipping steps with nothing to ask. `None` after the
/// result, or when the answers stop the wizard (a host that may not continue
/// goes from the host step straight to the result).
pub fn next(step: Step, a: &Answers) -> Option<Step> {
    if step == Step::Host && !host_passed(a) {
        return Some(Step::Result);
    }
    Step::ALL
        .iter()
        .copied()
        .skip(step.index() + 1)
        .find(|&s| step_applies(s, a))
}

/// The step before `step`, skipping steps with nothing to ask.
pub fn previous(step: Step, a: &Answers) -> Option<Step> {
    if step == Step::Result && !host_passed(a) {
        return Some(Step::Host);
    }
    Step::ALL[..step.index()]
        .iter()
        .rev()
        .copied()
        .find(|&s| step_applies(s, a))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An appropriate school's host answers, before the platform.
    pub(crate) fn host_ok() -> Answers {
        let mut a = Answers::default();
        for (k, v) in [
            ("read_guidance", "true"),
            ("uk", "yes"),
            ("serves_children", "yes"),
            ("organisation", "school"),
            ("content_appropriate", "yes"),
            ("no_endorsement", "true"),
        ] {
            a.set(k.parse().unwrap(), v).unwrap();
        }
        a
    }

    #[test]
    fn app_skips_audience_and_details() {
        let mut a = host_ok();
        a.set(Key::Platform, "app").unwrap();
        assert_eq!(next(Step::Platform, &a), Some(Step::Review));
        assert_eq!(previous(Step::Review, &a), Some(Step::Platform));
        assert_eq!(missing(&a), Vec::<Key>::new());
    }

    #[test]
    fn changing_platform_to_app_drops_image_answers() {
        let mut a = host_ok();
        for (k, v) in [
            (Key::Platform, "website"),
            (Key::Audience, "mixed"),
            (Key::Placement, "safety-area"),
            (Key::ImageSrc, "/images/clickceop.gif"),
            (Key::NewTab, "false"),
        ] {
            a.set(k, v).unwrap();
        }
        assert!(prune(&mut a).is_empty());
        a.set(Key::Platform, "app").unwrap();
        assert_eq!(
            prune(&mut a),
            vec![Key::Audience, Key::Placement, Key::ImageSrc, Key::NewTab]
        );
    }

    #[test]
    fn print_newsletter_keeps_audience_but_drops_image_src() {
        let mut a = host_ok();
        a.set(Key::Platform, "website").unwrap();
        a.set(Key::Audience, "adults").unwrap();
        a.set(Key::ImageSrc, "/a.gif").unwrap();
        a.set(Key::Platform, "print-newsletter").unwrap();
        assert_eq!(prune(&mut a), vec![Key::ImageSrc]);
        assert_eq!(a.audience.map(|x| x.as_str()), Some("adults"));
    }

    #[test]
    fn a_no_at_the_host_step_ends_the_wizard_and_drops_later_answers() {
        let mut a = host_ok();
        a.set(Key::Platform, "website").unwrap();
        a.set(Key::Uk, "no").unwrap();
        assert_eq!(next(Step::Host, &a), Some(Step::Result));
        assert_eq!(previous(Step::Result, &a), Some(Step::Host));
        assert_eq!(prune(&mut a), vec![Key::NoEndorsement, Key::Platform]);
    }

    #[test]
    fn website_walks_every_step_in_order() {
        let mut a = host_ok();
        a.set(Key::Platform, "website").unwrap();
        let mut steps = vec![Step::Welcome];
        while let Some(s) = next(*steps.last().unwrap(), &a) {
            steps.push(s);
        }
        assert_eq!(steps, Step::ALL.to_vec());
        assert_eq!(
            missing(&a),
            vec![Key::Audience, Key::Placement, Key::ImageSrc]
        );
    }

    #[test]
    fn every_step_sits_at_its_index_and_its_name_reads_back() {
        for (i, &step) in Step::ALL.iter().enumerate() {
            assert_eq!(step.index(), i);
            assert_eq!(step.as_str().parse::<Step>(), Ok(step));
        }
    }

    #[test]
    fn steps_are_saved_by_these_names_and_read_back() {
        let names: Vec<&str> = Step::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            names,
            [
                "welcome",
                "reader-notice",
                "host",
                "endorsement",
                "platform",
                "audience",
                "details",
                "review",
                "result"
            ]
        );
        for &s in Step::ALL {
            assert_eq!(s.as_str().parse::<Step>().ok(), Some(s));
            assert_eq!(s.index(), Step::ALL.iter().position(|&x| x == s).unwrap());
        }
        assert_eq!("Platform".parse::<Step>().ok(), None);
        assert_eq!("".parse::<Step>().ok(), None);
    }

    #[test]
    fn each_step_asks_its_own_questions_in_order() {
        assert_eq!(Step::Welcome.keys(), Vec::<Key>::new());
        assert_eq!(Step::ReaderNotice.keys(), vec![Key::ReadGuidance]);
        assert_eq!(
            Step::Host.keys(),
            vec![
                Key::OrganisationName,
                Key::Uk,
                Key::ServesChildren,
                Key::Organisation,
                Key::ContentAppropriate
            ]
        );
        assert_eq!(Step::Endorsement.keys(), vec![Key::NoEndorsement]);
        assert_eq!(Step::Platform.keys(), vec![Key::Platform]);
        assert_eq!(Step::Audience.keys(), vec![Key::Audience]);
        assert_eq!(
            Step::Details.keys(),
            vec![Key::Placement, Key::ImageSrc, Key::ButtonFile, Key::NewTab]
        );
        assert_eq!(Step::Review.keys(), Vec::<Key>::new());
    }

    #[test]
    fn the_host_passes_only_with_three_yeses_and_an_organisation() {
        assert!(host_passed(&host_ok()));
        for (k, v) in [
            (Key::Uk, "no"),
            (Key::ServesChildren, "not-sure"),
            (Key::ContentAppropriate, "no"),
        ] {
            let mut a = host_ok();
            a.set(k, v).unwrap();
            assert!(!host_passed(&a), "{k} = {v}");
        }
        let mut a = host_ok();
        a.clear(Key::Organisation);
        assert!(!host_passed(&a), "no organisation");
        assert!(!host_passed(&Answers::default()));
    }

    #[test]
    fn nothing_past_the_reader_notice_applies_until_the_guidance_is_read() {
        let mut a = host_ok();
        a.set(Key::Platform, "website").unwrap();
        a.set(Key::ReadGuidance, "false").unwrap();
        assert!(applies(Key::ReadGuidance, &a));
        for &k in &Key::ALL[1..] {
            assert!(!applies(k, &a), "{k} applies unread");
        }
        assert_eq!(next(Step::ReaderNotice, &a), Some(Step::Review));
        assert_eq!(
            prune(&mut a),
            vec![
                Key::Uk,
                Key::ServesChildren,
                Key::Organisation,
                Key::ContentAppropriate,
                Key::NoEndorsement,
                Key::Platform
            ]
        );
    }

    #[test]
    fn the_platform_waits_for_the_endorsement_acknowledgement() {
        let mut a = host_ok();
        a.clear(Key::NoEndorsement);
        a.set(Key::Platform, "website").unwrap();
        assert!(applies(Key::NoEndorsement, &a));
        for k in [Key::Platform, Key::Audience, Key::Placement, Key::ImageSrc] {
            assert!(!applies(k, &a), "{k} applies unacknowledged");
        }
        a.set(Key::NoEndorsement, "false").unwrap();
        assert!(!applies(Key::Platform, &a));
        assert!(!step_applies(Step::Platform, &a));
        assert_eq!(next(Step::Endorsement, &a), Some(Step::Review));
        assert_eq!(missing(&a), Vec::<Key>::new());
    }

    #[test]
    fn each_platform_asks_its_own_details() {
        let asked = |platform: &str| {
            let mut a = host_ok();
            a.set(Key::Platform, platform).unwrap();
            Key::ALL[8..]
                .iter()
                .copied()
                .filter(|&k| applies(k, &a))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            asked("website"),
            [
                Key::Audience,
                Key::Placement,
                Key::ImageSrc,
                Key::ButtonFile,
                Key::NewTab
            ]
        );
        assert_eq!(
            asked("email-newsletter"),
            [Key::Audience, Key::ImageSrc, Key::ButtonFile, Key::NewTab]
        );
        assert_eq!(asked("print-newsletter"), [Key::Audience, Key::ButtonFile]);
        assert_eq!(asked("app"), Vec::<Key>::new());
    }

    #[test]
    fn missing_lists_only_required_unanswered_questions_that_apply() {
        let mut a = Answers::default();
        assert_eq!(missing(&a), vec![Key::ReadGuidance]);
        a.set(Key::ReadGuidance, "true").unwrap();
        assert_eq!(
            missing(&a),
            vec![
                Key::Uk,
                Key::ServesChildren,
                Key::Organisation,
                Key::ContentAppropriate
            ]
        );
        let mut a = host_ok();
        a.set(Key::Platform, "email-newsletter").unwrap();
        assert_eq!(missing(&a), vec![Key::Audience, Key::ImageSrc]);
        a.set(Key::Audience, "adults").unwrap();
        a.set(Key::ImageSrc, "https://example.org/a.gif").unwrap();
        assert_eq!(missing(&a), Vec::<Key>::new());
    }

    #[test]
    fn back_and_forth_skip_steps_with_nothing_to_ask() {
        let a = host_ok();
        assert_eq!(next(Step::Welcome, &a), Some(Step::ReaderNotice));
        assert_eq!(next(Step::Host, &a), Some(Step::Endorsement));
        assert_eq!(next(Step::Result, &a), None);
        assert_eq!(previous(Step::Welcome, &a), None);
        assert_eq!(previous(Step::ReaderNotice, &a), Some(Step::Welcome));
        assert_eq!(previous(Step::Result, &a), Some(Step::Review));
        // Without a platform yet, the audience and details steps have nothing to ask.
        assert_eq!(next(Step::Platform, &a), Some(Step::Review));
        assert_eq!(previous(Step::Review, &a), Some(Step::Platform));
        let mut print = host_ok();
        print.set(Key::Platform, "print-newsletter").unwrap();
        assert_eq!(next(Step::Audience, &print), Some(Step::Details));
        assert_eq!(previous(Step::Review, &print), Some(Step::Details));
    }

    #[test]
    fn a_host_that_may_not_continue_goes_between_host_and_result_only() {
        let mut a = host_ok();
        a.set(Key::ServesChildren, "no").unwrap();
        assert_eq!(next(Step::Host, &a), Some(Step::Result));
        assert_eq!(previous(Step::Result, &a), Some(Step::Host));
        // Before the host step, the way is as usual.
        assert_eq!(next(Step::ReaderNotice, &a), Some(Step::Host));
        assert_eq!(previous(Step::Host, &a), Some(Step::ReaderNotice));
        // A host that passes is not sent to the result from the host step.
        assert_eq!(next(Step::Host, &host_ok()), Some(Step::Endorsement));
    }
}
