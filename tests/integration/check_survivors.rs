//! The audit core's behaviour that mutation testing showed no other test
//! pinned: each test here failed on a plausible bug that every other test
//! let through (README "Mutation testing").

use ceop_onboard::audit::FindingId;

use crate::check_real::ids;

/// An address written out inside an element that links is the link's
/// visible text, which `check` does not judge (SPEC §10); the same words in
/// an element that does not link are prose that sends readers there.
#[test]
fn visible_text_of_any_kind_of_link_is_not_judged_but_prose_is() {
    let target = "https://www.ceop.police.uk/safety-centre";
    for attr in [
        format!("href=\"{target}\""),
        format!("onmouseup=\"go('{target}')\""),
        format!("@tap=\"go('{target}')\""),
        format!("v-on:tap=\"go('{target}')\""),
    ] {
        let page = format!("<div {attr}>www.ceop.gov.uk</div>");
        let found = ids("page.html", &page);
        assert!(
            !found.contains(&FindingId::LinkRetiredDomain),
            "{page}: {found:?}"
        );
    }
    let prose = "<p class=\"note\">Get help at www.ceop.gov.uk</p>";
    let found = ids("page.html", prose);
    assert!(found.contains(&FindingId::LinkRetiredDomain), "{found:?}");
}
