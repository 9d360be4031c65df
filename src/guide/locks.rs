//! What no `wizard.toml` may change (SPEC §3): where the official words may link, the button's size, an alt text free of endorsement.
//!
//! These are constants here, not settings, so a config cannot route around
//! them: R7 (the Safety Centre address), R5 (the issued file is 143×51 — a
//! fact about the file CEOP issues, not a sentence of the guide) and R9 (no
//! suggestion of endorsement).

use crate::rules::RuleId;

/// The only address the button or the "CEOP Safety Centre" link may point to (R7).
pub const SAFETY_CENTRE_URL: &str = "https://www.ceop.police.uk/safety-centre";

/// The words of the official texts that may link to the Safety Centre.
pub const SAFETY_CENTRE_PHRASE: &str = "CEOP Safety Centre";

/// Where Childline's words may link (R11).
pub const CHILDLINE_TARGETS: [&str; 2] = ["https://www.childline.org.uk", "tel:08001111"];

/// The size of the button file CEOP issues, in pixels.
pub const BUTTON_SIZE: (u32, u32) = (143, 51);

/// Words that, in the button's alt text, would suggest that CEOP or the NCA
/// approves of, vets or works with the host (R9).
const ENDORSING_WORDS: [&str; 22] = [
    "approved",
    "approves",
    "endorsed",
    "endorses",
    "endorsement",
    "accredited",
    "certified",
    "verified",
    "vetted",
    "partner",
    "partnered",
    "partnership",
    "associated",
    "affiliated",
    "sponsored",
    "recommended",
    "recommends",
    "trusted",
    "member",
    "deemed safe",
    "safe site",
    "in association with",
];

/// Whether a link phrase is Childline's words: its name, its number or its address.
pub fn is_childline(phrase: &str) -> bool {
    let lower = phrase.to_lowercase();
    let digits: String = phrase.chars().filter(char::is_ascii_digit).collect();
    lower.contains("childline") || digits == "08001111"
}

/// Why `phrase` may not link to `href`, and the fix; `None` when it may.
pub fn link_refusal(phrase: &str, href: &str) -> Option<(String, String)> {
    if phrase == SAFETY_CENTRE_PHRASE {
        return (href != SAFETY_CENTRE_URL).then(|| {
            (
                format!(
                    "`{phrase}` links to `{href}`, but rule {} allows only {SAFETY_CENTRE_URL}",
                    RuleId::R7
                ),
                format!("set href = \"{SAFETY_CENTRE_URL}\""),
            )
        });
    }
    if is_childline(phrase) {
        return (!CHILDLINE_TARGETS.contains(&href)).then(|| {
            (
                format!("Childline's words `{phrase}` link to `{href}`, but may link only to Childline ({})", CHILDLINE_TARGETS.join(" or ")),
                format!("set href = \"{}\" or \"{}\"", CHILDLINE_TARGETS[0], CHILDLINE_TARGETS[1]),
            )
        });
    }
    Some((
        format!(
            "`{phrase}` may not be a link: only “{SAFETY_CENTRE_PHRASE}” (to the Safety Centre) and Childline's words (to Childline) may link anywhere"
        ),
        "remove this [[link]]".to_string(),
    ))
}

/// The endorsing word in an alt text, if any (whole words, any case).
pub fn endorsing_word(alt: &str) -> Option<&'static str> {
    let words: String = alt
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = format!(
        " {} ",
        words.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    ENDORSING_WORDS
        .into_iter()
        .find(|w| words.contains(&format!(" {w} ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_safety_centre_and_childline_words_may_link_and_only_to_them() {
        assert!(link_refusal("CEOP Safety Centre", SAFETY_CENTRE_URL).is_none());
        assert!(link_refusal("0800 1111", "tel:08001111").is_none());
        assert!(link_refusal("www.childline.org.uk", "https://www.childline.org.uk").is_none());
        assert!(link_refusal("Childline", "tel:08001111").is_none());
        assert!(link_refusal("CEOP Safety Centre", "https://example.org").is_some());
        assert!(link_refusal("Childline", "https://example.org").is_some());
        assert!(link_refusal("0800 1111", "tel:09001111").is_some());
        assert!(link_refusal("make a report", SAFETY_CENTRE_URL).is_some());
        assert!(link_refusal("CEOP", SAFETY_CENTRE_URL).is_some());
    }

    #[test]
    fn an_alt_text_suggesting_endorsement_is_found() {
        assert_eq!(
            endorsing_word("Our site is CEOP approved"),
            Some("approved")
        );
        assert_eq!(endorsing_word("CEOP-partner school"), Some("partner"));
        assert_eq!(
            endorsing_word("Click CEOP – get advice or report a concern at the CEOP Safety Centre"),
            None
        );
    }
}
