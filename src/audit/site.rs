//! The site model: every page, template, stylesheet and settings file of a tree (or, later, a live site), and what holds across them.
//!
//! A button's classes and ids are collected over the whole site, so that a
//! stylesheet three folders away that shrinks `.footer-badge` is judged
//! (SPEC §10 "one site, many files"); so are the host names the site's
//! pages say they live on, so that a button loaded from any other host is
//! known to be hotlinked.

use super::identify::{self, Found};
use super::source::{AppKind, FileKind, Origin, Source};
use super::{Auditor, Scan, judge};

/// One text of the site, as read.
#[derive(Debug, Clone)]
pub struct Page {
    pub origin: Origin,
    /// The name findings carry.
    pub name: String,
    pub kind: FileKind,
    pub app: Option<AppKind>,
    pub text: String,
}

impl Page {
    pub fn source(&self) -> Source<'_> {
        Source {
            file: &self.name,
            kind: self.kind,
            text: &self.text,
            app: self.app,
        }
    }
}

/// What one page says of the site: its buttons' classes and ids, those of
/// what holds them, and the host names it says it lives on.
#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub button_names: Vec<String>,
    pub wrapper_names: Vec<String>,
    pub own_hosts: Vec<String>,
}

/// What the whole site says, gathered before any page is judged.
#[derive(Debug, Clone, Default)]
pub struct SiteFacts {
    /// Lower-case classes and ids that button images carry, anywhere.
    pub button_names: Vec<String>,
    /// Lower-case classes and ids of what holds a button, anywhere: a
    /// stylesheet in another file may crop or hide the button through them.
    pub wrapper_names: Vec<String>,
    /// Host names (lower-case, without `www.`) the site lives on: from
    /// canonical links, `og:url`, `<base>` and `--site-host`.
    pub own_hosts: Vec<String>,
    /// Finds any of `button_names` and `wrapper_names`, built once they are known.
    names: Option<aho_corasick::AhoCorasick>,
}

impl SiteFacts {
    /// What one page adds to the facts: its buttons' classes and ids, those
    /// of what holds them, and the host names it says it lives on.
    /// What was found is handed back, so the page need not be read twice.
    pub(crate) fn of_page(a: &Auditor, s: &Source) -> (PageFacts, Option<Found>) {
        if !a.may_concern(s.text.as_bytes()) || s.kind == FileKind::Css {
            return (PageFacts::default(), None);
        }
        let text = super::comments::code_only(s.kind, s.text);
        let s = &Source { text: &text, ..*s };
        let app = s.app.or_else(|| AppKind::detect(s.kind, s.text));
        let found = identify::find(s.text, s.kind, app, &a.hosts, (a.width, a.height));
        (
            PageFacts {
                button_names: found.button_names.clone(),
                wrapper_names: found.wrapper_names.clone(),
                own_hosts: found.own_hosts.clone(),
            },
            Some(found),
        )
    }

    /// The facts of a site from those of its pages and the host names the
    /// user gave (`--site-host`).
    pub fn new(pages: impl IntoIterator<Item = PageFacts>, site_hosts: &[String]) -> SiteFacts {
        let mut facts = SiteFacts {
            own_hosts: site_hosts
                .iter()
                .map(|h| h.trim().trim_start_matches("www.").to_ascii_lowercase())
                .collect(),
            ..SiteFacts::default()
        };
        for page in pages {
            facts.button_names.extend(page.button_names);
            facts.wrapper_names.extend(page.wrapper_names);
            facts.own_hosts.extend(page.own_hosts);
        }
        for v in [
            &mut facts.button_names,
            &mut facts.wrapper_names,
            &mut facts.own_hosts,
        ] {
            v.sort();
            v.dedup();
        }
        let names: Vec<&String> = facts.names().collect();
        facts.names = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&names)
            .ok()
            .filter(|_| !names.is_empty());
        facts
    }

    /// Every class and id of a button or of what holds one.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.button_names.iter().chain(&self.wrapper_names)
    }

    /// Whether a page that does not name CEOP may still hold findings: a
    /// stylesheet that mentions a class or id of a button or its holder.
    pub fn may_concern(&self, source: &Source) -> bool {
        source.kind == FileKind::Css && self.names.as_ref().is_some_and(|m| m.is_match(source.text))
    }
}

impl Auditor {
    /// Judges one page of a site whose facts were gathered.
    pub fn scan_in_site(&self, site: &SiteFacts, source: &Source) -> Scan {
        self.scan_found(site, source, None)
    }

    /// [`Auditor::scan_in_site`] with what [`SiteFacts::of_page`] found in
    /// this text.
    pub(crate) fn scan_found(
        &self,
        site: &SiteFacts,
        source: &Source,
        found: Option<Found>,
    ) -> Scan {
        if self.may_concern(source.text.as_bytes()) || site.may_concern(source) {
            judge::page(self, site, source, found)
        } else {
            Scan::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::FindingId;
    use crate::guide::Guide;

    const PAGE: &str = r#"<a href="https://www.ceop.police.uk/safety-centre"><span class="badge-frame"><img src="clickceop.gif" width="143" height="51" alt="Click CEOP"></span></a>"#;

    fn source<'a>(file: &'a str, kind: FileKind, text: &'a str) -> Source<'a> {
        Source {
            file,
            kind,
            text,
            app: None,
        }
    }

    fn ids(scan: &Scan) -> Vec<FindingId> {
        scan.findings.iter().map(|f| f.id).collect()
    }

    #[test]
    fn a_stylesheet_in_another_file_that_crops_the_buttons_holder_is_judged() {
        let a = Auditor::new(&Guide::embedded());
        let page = source("safety.html", FileKind::Markup, PAGE);
        let (facts, _) = SiteFacts::of_page(&a, &page);
        assert!(facts.wrapper_names.contains(&"badge-frame".to_string()));
        let site = SiteFacts::new([facts], &[]);
        let sheet = ".badge-frame { width: 110px; overflow: hidden; }";
        let css = source("badges.css", FileKind::Css, sheet);
        let scan = a.scan_in_site(&site, &css);
        assert_eq!(ids(&scan), [FindingId::ButtonCropped]);
        assert!(scan.findings[0].message.contains("width: 110px"));
        // Room enough for the button: nothing is cropped.
        let roomy = ".badge-frame { width: 200px; overflow: hidden; }";
        let scan = a.scan_in_site(&site, &source("badges.css", FileKind::Css, roomy));
        assert!(ids(&scan).is_empty(), "{:?}", scan.findings);
    }

    #[test]
    fn a_button_that_links_to_the_hosts_own_page_breaks_r7_and_is_left_to_a_person() {
        let a = Auditor::new(&Guide::embedded());
        let text = r#"<a href="/report-a-concern.html"><img src="clickceop.gif" width="143" height="51" alt="Click CEOP"></a>"#;
        let scan = a.scan(&source("safety.html", FileKind::Markup, text));
        let f = scan
            .findings
            .iter()
            .find(|f| f.id == FindingId::LinkNotSafetyCentre)
            .expect("an R7 finding");
        assert!(
            f.message.contains("`/report-a-concern.html`"),
            "{}",
            f.message
        );
        assert!(f.edit.is_none(), "--fix changes CEOP addresses only");
        // A target computed by template code is not known.
        let echoed =
            r#"<a href="<?php echo $url; ?>"><img src="clickceop.gif" alt="Click CEOP"></a>"#;
        let scan = a.scan(&source("safety.php", FileKind::Markup, echoed));
        assert!(!ids(&scan).contains(&FindingId::LinkNotSafetyCentre));
    }

    /// Only a page that may concern CEOP is read for the site's facts: one
    /// that names none (its own host is read on the walk, by
    /// `identify::own_hosts`) and a stylesheet give nothing.
    #[test]
    fn only_pages_that_name_ceop_are_read_for_facts() {
        let a = Auditor::new(&Guide::embedded());
        let canonical = r#"<link rel="canonical" href="https://www.school.example/">"#;
        let (facts, found) =
            SiteFacts::of_page(&a, &source("index.html", FileKind::Markup, canonical));
        assert!(facts.own_hosts.is_empty() && found.is_none());
        let sheet = ".ceop img { width: 10px }";
        let (_, found) = SiteFacts::of_page(&a, &source("a.css", FileKind::Css, sheet));
        assert!(found.is_none());
        let page = format!("{canonical}{PAGE}");
        let (facts, found) = SiteFacts::of_page(&a, &source("index.html", FileKind::Markup, &page));
        assert_eq!(facts.own_hosts, ["school.example"]);
        assert!(found.is_some_and(|f| f.buttons.len() == 1));
    }

    /// A page that names no CEOP may still hold findings only as a
    /// stylesheet that names a class or id of the site's buttons or their
    /// holders.
    #[test]
    fn a_stylesheet_may_concern_the_site_only_by_its_names() {
        let a = Auditor::new(&Guide::embedded());
        let (facts, _) = SiteFacts::of_page(&a, &source("safety.html", FileKind::Markup, PAGE));
        let site = SiteFacts::new([facts], &[]);
        let sheet = ".Badge-Frame { width: 10px }";
        assert!(site.may_concern(&source("a.css", FileKind::Css, sheet)));
        assert!(!site.may_concern(&source("a.css", FileKind::Css, ".news { width: 10px }")));
        assert!(!site.may_concern(&source("a.html", FileKind::Markup, sheet)));
        let none = SiteFacts::new([], &[]);
        assert!(!none.may_concern(&source("a.css", FileKind::Css, sheet)));
    }
}
