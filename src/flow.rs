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
}
