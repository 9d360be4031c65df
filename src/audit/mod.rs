//! `check`: audit pages, templates and app code that already host the Click CEOP button.
//!
//! The audit is split in two. Everything in this module except [`run`] is
//! PURE — text in, findings out — and is tested without touching the disk:
//!
//! ```text
//! file text ─▶ url (CEOP addresses) ─┐
//!           ─▶ markup (tags, tolerant of template code) ─┼─▶ scan ─▶ Finding[] ─▶ report (text | json | sarif)
//!           ─▶ css (rules, inline styles) ─┤                      └─▶ fix (link targets only)
//!           ─▶ prose (words near the button) ─┘
//! ```
//!
//! [`run`] walks directories, reads files, checks local copies of the GIF,
//! writes fixes and maps findings to an exit code.
//!
//! Facts (the Safety Centre address, the button's size, the official texts and
//! the "CEOP Safety Centre" link wording) come from the [`Guide`]; what this
//! module knows by itself is how hosts get them wrong: retired addresses, file
//! names of old copies of the button, CSS that alters it, and wording that
//! suggests endorsement.

pub mod args;
pub mod css;
pub mod fix;
pub mod markup;
pub mod prose;
pub mod report;
pub mod run;
mod scan;
pub mod url;

use serde::Serialize;

use crate::guide::Guide;
use crate::rules::RuleId;

/// How much a finding matters; `--fail-on` picks the lowest that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

value_enum!(
    /// What a finding is about. The names are stable: scripts, SARIF
    /// consumers and the README refer to them.
    FindingId {
        LinkInsecure = "link-insecure",
        LinkRetiredDomain = "link-retired-domain",
        LinkRetiredPath = "link-retired-path",
        LinkBareDomain = "link-bare-domain",
        LinkNotSafetyCentre = "link-not-safety-centre",
        LinkVariant = "link-variant",
        LinkLabel = "link-label",
        ButtonResized = "button-resized",
        ButtonAltered = "button-altered",
        ButtonNotGif = "button-not-gif",
        ButtonFileNotGif = "button-file-not-gif",
        ButtonFileWrongSize = "button-file-wrong-size",
        ButtonHotlinked = "button-hotlinked",
        ButtonInApp = "button-in-app",
        ButtonHidden = "button-hidden",
        ButtonOffPage = "button-off-page",
        ButtonCropped = "button-cropped",
        ButtonNoAlt = "button-no-alt",
        ButtonVagueAlt = "button-vague-alt",
        NoSignposting = "no-signposting",
        EndorsementWording = "endorsement-wording",
        BullyingToCeop = "bullying-to-ceop",
    }
);

impl FindingId {
    /// The rule of the guide each finding enforces.
    pub fn rule(self) -> RuleId {
        use FindingId::*;
        match self {
            LinkInsecure | LinkRetiredDomain | LinkRetiredPath | LinkBareDomain
            | LinkNotSafetyCentre | LinkVariant => RuleId::R7,
            LinkLabel | ButtonInApp => RuleId::R8,
            ButtonResized | ButtonAltered | ButtonNotGif | ButtonFileNotGif
            | ButtonFileWrongSize | ButtonHotlinked => RuleId::R5,
            // The alt text is the button's signposting for someone who cannot
            // see it: without it a screen reader announces only a file name.
            ButtonNoAlt | ButtonVagueAlt | NoSignposting => RuleId::R6,
            ButtonHidden | ButtonOffPage | ButtonCropped | EndorsementWording => RuleId::R9,
            BullyingToCeop => RuleId::R11,
        }
    }

    pub fn severity(self) -> Severity {
        use FindingId::*;
        match self {
            LinkVariant | ButtonVagueAlt | NoSignposting => Severity::Warning,
            LinkLabel => Severity::Info,
            _ => Severity::Error,
        }
    }

    /// One line saying what the finding means, for SARIF rules and the README.
    pub fn title(self) -> &'static str {
        use FindingId::*;
        match self {
            LinkInsecure => "A CEOP link uses http:// instead of https://",
            LinkRetiredDomain => "A CEOP link uses the retired ceop.gov.uk domain",
            LinkRetiredPath => {
                "A CEOP link goes to a retired reporting page (/reportabuse/, /report-abuse/, /ceop-reporting/)"
            }
            LinkBareDomain => "A CEOP link goes to the home page, not the Safety Centre",
            LinkNotSafetyCentre => "A CEOP link goes somewhere other than the Safety Centre",
            LinkVariant => {
                "A CEOP link differs from the Safety Centre address in case or a trailing slash"
            }
            LinkLabel => "A text link to the Safety Centre is not labelled \"CEOP Safety Centre\"",
            ButtonResized => "The button is shown at a size other than its own",
            ButtonAltered => "CSS alters the button (transform, filter, opacity, clipping, fit)",
            ButtonNotGif => "The button image is not the official GIF",
            ButtonFileNotGif => "The local copy of the button is not a GIF",
            ButtonFileWrongSize => "The local copy of the button is not the official size",
            ButtonHotlinked => "The button image is loaded from another site",
            ButtonInApp => "The button image is used inside an app",
            ButtonHidden => "The button is hidden",
            ButtonOffPage => "The button is pushed off the edge of the page",
            ButtonCropped => "The button is cropped by a wrapper",
            ButtonNoAlt => "The button has no alt text",
            ButtonVagueAlt => "The button's alt text does not say where it leads",
            NoSignposting => "No signposting text near the button or link",
            EndorsementWording => "Wording near the button suggests CEOP endorsement",
            BullyingToCeop => "Bullying or other online worries are sent to CEOP",
        }
    }
}

/// One byte range of a file to replace (used only for link targets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A problem found at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub id: FindingId,
    pub file: String,
    /// 1-based line and column (columns count characters).
    pub line: usize,
    pub column: usize,
    /// Byte offset in the file, for ordering and de-duplication.
    pub offset: usize,
    pub message: String,
    pub fix: String,
    /// What `--fix` would change, if anything.
    pub edit: Option<Edit>,
}

impl Finding {
    pub fn rule(&self) -> RuleId {
        self.id.rule()
    }

    pub fn severity(&self) -> Severity {
        self.id.severity()
    }
}

/// What kind of source a file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// HTML and the template languages built on it: PHP, Mustache, Twig,
    /// Jinja, Liquid, Handlebars, ERB, XSL, …
    Markup,
    Markdown,
    Css,
    /// JavaScript and TypeScript, with or without JSX.
    Script,
    Vue,
    Svelte,
    Swift,
    Kotlin,
    Java,
    Xml,
    Dart,
    Text,
}

impl FileKind {
    /// The kind a file name says, or `None` for files a directory walk skips.
    pub fn from_path(path: &str) -> Option<FileKind> {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
        use FileKind::*;
        Some(match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" | "php" | "phtml" | "inc" | "mustache" | "twig"
            | "jinja" | "jinja2" | "j2" | "liquid" | "hbs" | "handlebars" | "njk" | "erb"
            | "ejs" | "tpl" | "tmpl" | "xsl" | "xslt" | "cshtml" | "aspx" | "ascx" | "jsp"
            | "astro" | "gohtml" | "vm" | "ftl" => Markup,
            "md" | "markdown" | "mdx" => Markdown,
            "css" | "scss" | "sass" | "less" => Css,
            "js" | "jsx" | "ts" | "tsx" | "mjs" | "cjs" => Script,
            "vue" => Vue,
            "svelte" => Svelte,
            "swift" => Swift,
            "kt" | "kts" => Kotlin,
            "java" => Java,
            "xml" => Xml,
            "dart" => Dart,
            "txt" => Text,
            _ => return None,
        })
    }
}

/// Kinds of app code, where the button must not appear (R8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppKind {
    ReactNative,
    Apple,
    Android,
    Flutter,
    BrowserExtension,
}

impl AppKind {
    pub fn describe(self) -> &'static str {
        match self {
            AppKind::ReactNative => "React Native app code",
            AppKind::Apple => "Swift app code",
            AppKind::Android => "Android app code",
            AppKind::Flutter => "Flutter app code",
            AppKind::BrowserExtension => "a browser extension",
        }
    }

    /// Whether a file of this kind, with this text, is app code. Browser
    /// extensions are recognised by the caller (from `manifest.json`).
    pub fn detect(kind: FileKind, text: &str) -> Option<AppKind> {
        match kind {
            FileKind::Swift => Some(AppKind::Apple),
            FileKind::Dart => Some(AppKind::Flutter),
            FileKind::Kotlin | FileKind::Java if text.contains("android") => Some(AppKind::Android),
            FileKind::Xml if text.contains("android:") || text.contains("<resources") => {
                Some(AppKind::Android)
            }
            FileKind::Script
                if text.contains("'react-native'") || text.contains("\"react-native\"") =>
            {
                Some(AppKind::ReactNative)
            }
            _ => None,
        }
    }
}

/// One file to audit.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The name findings carry.
    pub file: &'a str,
    pub kind: FileKind,
    pub text: &'a str,
    /// Set when the caller knows the file is app code the text cannot show
    /// (a browser extension's files); otherwise detected from the text.
    pub app: Option<AppKind>,
}

/// A button image whose `src` is a local path: the caller reads its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    /// The path as written (query and fragment removed).
    pub src: String,
    pub line: usize,
    pub column: usize,
    pub offset: usize,
}

/// What scanning one file found.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    pub findings: Vec<Finding>,
    pub local_images: Vec<LocalImage>,
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

    /// Audits one file. Never panics, whatever the text.
    pub fn scan(&self, source: &Source) -> Scan {
        if !self.may_concern(source.text.as_bytes()) {
            return Scan::default();
        }
        scan::scan(self, source)
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
                format!("`{}` is not a GIF file", image.src),
            ),
            ButtonCheck::WrongSize { width, height } => (
                FindingId::ButtonFileWrongSize,
                format!(
                    "`{}` is {width}×{height}, but the official button is {}×{}",
                    image.src, self.width, self.height
                ),
            ),
        };
        Some(Finding {
            id,
            file: file.to_string(),
            line: image.line,
            column: image.column,
            offset: image.offset,
            message,
            fix: format!(
                "replace the file with the official {}×{} Click CEOP GIF, unedited",
                self.width, self.height
            ),
            edit: None,
        })
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

/// Decodes file bytes for scanning without moving any byte: valid UTF-8 is
/// kept, and each byte that is not is replaced by U+001A (one byte too), so
/// offsets in the text are offsets in the file and fixes can be applied to
/// the original bytes.
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(_) => {
            let mut out = String::with_capacity(bytes.len());
            let mut rest = bytes;
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let (good, bad) = rest.split_at(e.valid_up_to());
                        out.push_str(std::str::from_utf8(good).unwrap_or_default());
                        let n = e.error_len().unwrap_or(bad.len()).max(1);
                        for _ in 0..n {
                            out.push('\u{1a}');
                        }
                        rest = &bad[n..];
                    }
                }
            }
            std::borrow::Cow::Owned(out)
        }
    }
}

/// Line starts of a text, to turn byte offsets into line and column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = text.floor_char_boundary(offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
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
    fn decode_keeps_every_offset() {
        let bytes = b"caf\xe9 <a href=\"x\">\xff\xfe</a>";
        let text = decode(bytes);
        assert_eq!(text.len(), bytes.len());
        assert_eq!(text.find("<a").unwrap(), 5);
    }

    #[test]
    fn line_index_counts_characters() {
        let text = "ab\n‘c’ d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        assert_eq!(idx.locate(text, text.find('d').unwrap()), (2, 5));
        assert_eq!(idx.locate(text, text.len()), (3, 1));
    }

    #[test]
    fn every_finding_has_a_rule_between_r5_and_r11() {
        for &id in FindingId::ALL {
            let n = id.rule().number();
            assert!((5..=11).contains(&n), "{id}");
            assert!(!id.title().is_empty());
        }
    }

    #[test]
    fn file_kinds_from_names() {
        assert_eq!(FileKind::from_path("a/footer.PHP"), Some(FileKind::Markup));
        assert_eq!(
            FileKind::from_path("theme/templates/footer.mustache"),
            Some(FileKind::Markup)
        );
        assert_eq!(FileKind::from_path("App.tsx"), Some(FileKind::Script));
        assert_eq!(FileKind::from_path("logo.gif"), None);
        assert_eq!(FileKind::from_path("Makefile"), None);
    }
}
