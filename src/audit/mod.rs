//! `check`: audit pages, templates and app code that already host the Click CEOP button.
//!
//! A pipeline over one site model (SPEC §10, STYLE.md):
//!
//! ```text
//! inputs (paths, stdin; later rendered pages)            inputs.rs  (disk; the only impure part but run.rs and web/)
//!   URLs: a polite crawl of a live site                   web/       (network)
//!   ─▶ site model: pages, stylesheets, images, origins   site.rs, source.rs
//!   ─▶ identify link targets and buttons, by evidence    identify.rs (url.rs addresses, markup.rs tags)
//!   ─▶ judge R5–R11 per page, with what the site says    judge/ (css.rs rules, prose.rs words)
//!   ─▶ report: text | JSON | SARIF; --fix (targets only)  report.rs, fix.rs
//! ```
//!
//! Everything but [`inputs`] and [`run`] is PURE — text in, findings out —
//! and is tested without touching the disk. [`Auditor::scan`] audits one
//! text in memory (what `generate` uses to audit an artifact before it is
//! written); [`run::check`] is the command.
//!
//! Facts (the Safety Centre address, the button's size, the official texts and
//! the "CEOP Safety Centre" link wording) come from the [`Guide`]; what this
//! module knows by itself is how hosts get them wrong: retired addresses, file
//! names of old copies of the button, CSS that alters it, and wording that
//! suggests endorsement.

pub mod args;
mod comments;
pub mod css;
pub mod finding;
pub mod fix;
mod identify;
pub mod inputs;
mod judge;
pub mod markup;
mod names;
pub mod prose;
pub mod render;
pub mod report;
pub mod report_html;
pub mod run;
pub mod site;
pub mod source;
mod template;
pub mod url;
pub mod web;

use crate::guide::Guide;

pub use finding::{Edit, Finding, FindingId, Severity};
pub use names::looks_like_button;
pub use site::{Page, SiteFacts};
use source::excerpt;
pub use source::{AppKind, FileKind, LineIndex, Origin, Source, decode};

/// A button image whose `src` is a local path (the caller reads its
/// header), or a full address (a live site's crawl fetches it when it is on
/// the page's own site).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    /// The path as written (query and fragment removed), or the address as
    /// written (fragment removed).
    pub src: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// Something the audit could not read in a file, said instead of passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// What scanning one file found.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub findings: Vec<Finding>,
    pub local_images: Vec<LocalImage>,
    /// Button images given by a full `http(s)://` or `//` address, on no
    /// host the page or site marks as another's: the crawl of a live site
    /// fetches those on the page's own site.
    pub addressed_images: Vec<LocalImage>,
    pub notes: Vec<Note>,
}

/// The audit, prepared once from the guide.
#[derive(Debug, Clone)]
pub struct Auditor {
    pub(crate) target: url::Target,
    pub(crate) safety_centre_url: String,
    pub(crate) link_label: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) signposting: Vec<String>,
    pub(crate) endorsement: Vec<String>,
    /// The endorsement phrases, each between spaces, searched in one pass.
    pub(crate) endorsement_matcher: aho_corasick::AhoCorasick,
    pub(crate) button_alt: String,
    pub(crate) childline: String,
    pub(crate) hosts: aho_corasick::AhoCorasick,
    pub(crate) ceop: AnyCase,
    /// Finds the words of a page naming its own address (`canonical`,
    /// `og:url`, `<base`), written in lower case as pages write them.
    pub(crate) own_address: AnyOf,
}

impl Auditor {
    pub fn new(guide: &Guide) -> Auditor {
        let url = guide.facts.safety_centre_url.clone();
        let target = url::Target::parse(&url);
        // The words the guide links to the Safety Centre.
        let link_label = guide.safety_centre_link().phrase.clone();
        let endorsement = prose::endorsement_phrases();
        let endorsement_matcher =
            aho_corasick::AhoCorasick::new(endorsement.iter().map(|p| format!(" {p} ")))
                .expect("fixed phrases");
        Auditor {
            endorsement,
            endorsement_matcher,
            hosts: url::host_matcher(&target),
            ceop: AnyCase::new("ceop"),
            own_address: AnyOf::new(&["canonical", "og:url", "<base"]),
            signposting: prose::signposting_phrases(guide),
            button_alt: guide.facts.button_alt.clone(),
            childline: format!(
                "{}, {}",
                guide.facts.childline_phone, guide.facts.childline_web
            ),
            width: guide.facts.button_width,
            height: guide.facts.button_height,
            target,
            safety_centre_url: url,
            link_label,
        }
    }

    /// Whether a file can have findings at all: every finding involves a CEOP
    /// address, a file name with "ceop" in it, or a CSS selector naming it.
    pub fn may_concern(&self, bytes: &[u8]) -> bool {
        self.ceop.is_match(bytes)
    }

    /// Audits one text on its own, in memory: a page, a template or a
    /// rendered artifact. Never panics, whatever the text. Classes, ids and
    /// host names come from this text only; [`Auditor::scan_in_site`] judges
    /// a page with what the rest of its site says.
    pub fn scan(&self, source: &Source) -> Scan {
        if !self.may_concern(source.text.as_bytes()) {
            return Scan::default();
        }
        judge::page(self, &SiteFacts::default(), source, None)
    }

    /// The finding for a local copy of the button whose header was read.
    pub fn local_image_finding(
        &self,
        file: &str,
        image: &LocalImage,
        check: crate::button::ButtonCheck,
    ) -> Option<Finding> {
        use crate::button::ButtonCheck;
        let (id, message) = match check {
            ButtonCheck::Ok => return None,
            ButtonCheck::NotGif => (
                FindingId::ButtonFileNotGif,
                format!("`{}` is not a GIF file", excerpt(&image.src)),
            ),
            ButtonCheck::WrongSize { width, height } => (
                FindingId::ButtonFileWrongSize,
                format!(
                    "`{}` is {width}×{height}; the file CEOP issues is {}×{}",
                    excerpt(&image.src),
                    self.width,
                    self.height
                ),
            ),
        };
        Some(Finding {
            id,
            file: Origin::Named(file.to_string()),
            line: image.line,
            column: image.column,
            offset: image.offset,
            message,
            fix: "replace the file with the Click CEOP GIF as issued, unedited: get it from CEOP (the CEOP Education Team), never a copy from another site".into(),
            edit: None,
        })
    }
}

/// Finds any of a few words, exactly as written, with the SIMD "Teddy"
/// searcher: `<` starts a third of the bytes of a page, so the automaton's
/// own prefilter on first bytes would be no filter at all.
#[derive(Debug, Clone)]
pub(crate) struct AnyOf {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
}

impl AnyOf {
    pub(crate) fn new(words: &[&str]) -> AnyOf {
        AnyOf {
            packed: aho_corasick::packed::Searcher::new(words.iter()),
            automaton: aho_corasick::AhoCorasick::new(words).expect("a few fixed words"),
        }
    }

    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        match &self.packed {
            Some(p) => p.find(haystack).is_some(),
            None => self.automaton.is_match(haystack),
        }
    }
}

/// Finds a short ASCII word in any mix of upper and lower case.
///
/// Every spelling is listed as its own pattern so that the SIMD "Teddy"
/// searcher can look for all of them at once: an ASCII-case-insensitive
/// automaton would scan for the first letter instead, and "c" is everywhere.
/// This is the filter every file passes through, so its speed is `check`'s.
#[derive(Debug, Clone)]
pub(crate) struct AnyCase {
    packed: Option<aho_corasick::packed::Searcher>,
    automaton: aho_corasick::AhoCorasick,
}

impl AnyCase {
    pub(crate) fn new(word: &str) -> AnyCase {
        let letters: Vec<u8> = word.bytes().collect();
        let variants: Vec<Vec<u8>> = (0..1u32 << letters.len())
            .map(|mask| {
                letters
                    .iter()
                    .enumerate()
                    .map(|(i, &c)| {
                        if mask & (1 << i) != 0 {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect()
            })
            .collect();
        AnyCase {
            packed: aho_corasick::packed::Searcher::new(variants.iter()),
            automaton: aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([word])
                .expect("a short fixed word"),
        }
    }

    pub(crate) fn is_match(&self, haystack: &[u8]) -> bool {
        match &self.packed {
            Some(p) => p.find(haystack).is_some(),
            None => self.automaton.is_match(haystack),
        }
    }

    /// Start offsets of every occurrence.
    pub(crate) fn starts<'h>(&'h self, haystack: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
        self.automaton.find_iter(haystack).map(|m| m.start())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_ceop_concerns_the_audit() {
        let a = Auditor::new(&Guide::embedded());
        for s in ["ceop", "CEOP", "Ceop", "cEoP", "x.CeOp.y"] {
            assert!(a.may_concern(s.as_bytes()), "{s}");
        }
        assert!(!a.may_concern(b"c e o p, cep, ceo p"));
    }

    #[test]
    fn a_quick_search_for_a_few_words_finds_only_them() {
        let words = AnyOf::new(&["canonical", "og:url"]);
        assert!(words.is_match(r#"<link rel="canonical" href="/">"#));
        assert!(words.is_match(r#"<meta property="og:url">"#));
        assert!(!words.is_match(r#"<link rel="stylesheet" href="/a.css">"#));
    }

    #[test]
    fn a_button_by_a_full_or_protocol_relative_address_is_handed_to_the_crawl() {
        // Not an address or path that code builds (the last two).
        let a = Auditor::new(&Guide::embedded());
        let page = r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="https://school.example/i/clickceop.gif?v=2#x" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="//school.example/i/clickceop.gif" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="/i/clickceop.gif?v=3" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="https://www.ceop.police.uk/clickceop.gif" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="ftp://school.example/clickceop.gif" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="https://school.example/clickceop.png" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="https://school.example/i/" + name + ".gif" alt="Click CEOP"></a>
<a href="https://www.ceop.police.uk/safety-centre"><img src="' . $base . '/i/clickceop.gif" alt="Click CEOP"></a>"#;
        let scan = a.scan(&Source {
            file: "p.html",
            kind: FileKind::Markup,
            text: page,
            app: None,
        });
        let srcs = |v: &[LocalImage]| {
            v.iter()
                .map(|i| (i.src.clone(), i.line))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            srcs(&scan.addressed_images),
            [
                ("https://school.example/i/clickceop.gif?v=2".to_string(), 1),
                ("//school.example/i/clickceop.gif".to_string(), 2)
            ]
        );
        assert_eq!(
            srcs(&scan.local_images),
            [("/i/clickceop.gif".to_string(), 3)]
        );
    }
}
