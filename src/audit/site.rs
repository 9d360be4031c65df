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

/// What one page says of the site: its buttons' classes and ids, and the
/// host names it says it lives on.
pub type PageFacts = (Vec<String>, Vec<String>);

/// What the whole site says, gathered before any page is judged.
#[derive(Debug, Clone, Default)]
pub struct SiteFacts {
    /// Lower-case classes and ids that button images carry, anywhere.
    pub button_names: Vec<String>,
    /// Host names (lower-case, without `www.`) the site lives on: from
    /// canonical links, `og:url`, `<base>` and `--site-host`.
    pub own_hosts: Vec<String>,
    /// Finds any of `button_names`, built once they are known.
    names: Option<aho_corasick::AhoCorasick>,
}

impl SiteFacts {
    /// What one page adds to the facts: its buttons' classes and ids, and
    /// the host names it says it lives on.
    /// What was found is handed back, so the page need not be read twice.
    pub(crate) fn of_page(a: &Auditor, s: &Source) -> (PageFacts, Option<Found>) {
        if !a.may_concern(s.text.as_bytes()) || s.kind == FileKind::Css {
            return ((Vec::new(), Vec::new()), None);
        }
        let app = s.app.or_else(|| AppKind::detect(s.kind, s.text));
        let found = identify::find(s.text, s.kind, app, &a.hosts, (a.width, a.height));
        (
            (found.button_names.clone(), found.own_hosts.clone()),
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
        for (names, hosts) in pages {
            facts.button_names.extend(names);
            facts.own_hosts.extend(hosts);
        }
        for v in [&mut facts.button_names, &mut facts.own_hosts] {
            v.sort();
            v.dedup();
        }
        facts.names = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&facts.button_names)
            .ok()
            .filter(|_| !facts.button_names.is_empty());
        facts
    }

    /// Whether a page that does not name CEOP may still hold findings: a
    /// stylesheet that mentions a class or id of a button.
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
