//! Judge one page against R5–R11, given what [`identify`](super::identify) found in it and what the rest of the site says.

mod button;
mod embeds;
mod links;
mod style;
mod words;

use std::ops::Range;

use super::finding::{Edit, Finding, FindingId};
use super::identify::{self, Found, Place};
use super::site::SiteFacts;
use super::source::{AppKind, FileKind, LineIndex, Origin, Source, one_line};
use super::{Auditor, LocalImage, Note, Scan};

/// One page being judged: its text, what was found in it, and the findings so far.
pub(crate) struct Ctx<'a> {
    pub a: &'a Auditor,
    pub site: &'a SiteFacts,
    pub file: &'a str,
    pub kind: FileKind,
    pub text: &'a str,
    pub lines: LineIndex,
    pub found: Found,
    pub app: Option<AppKind>,
    pub findings: Vec<Finding>,
    pub locals: Vec<LocalImage>,
    pub addressed: Vec<LocalImage>,
}

impl<'a> Ctx<'a> {
    pub fn new(a: &'a Auditor, site: &'a SiteFacts, source: &Source<'a>, found: Found) -> Ctx<'a> {
        Ctx {
            a,
            site,
            file: source.file,
            kind: source.kind,
            text: source.text,
            lines: LineIndex::new(source.text),
            found,
            app: source
                .app
                .or_else(|| AppKind::detect(source.kind, source.text)),
            findings: Vec::new(),
            locals: Vec::new(),
            addressed: Vec::new(),
        }
    }

    pub fn add(&mut self, id: FindingId, offset: usize, message: String, fix: String) {
        self.add_edit(id, offset, message, fix, None);
    }

    pub fn add_edit(
        &mut self,
        id: FindingId,
        offset: usize,
        message: String,
        fix: String,
        edit: Option<Edit>,
    ) {
        let (line, column) = self.lines.locate(self.text, offset);
        self.findings.push(Finding {
            id,
            file: Origin::Named(self.file.to_string()),
            line,
            column,
            offset,
            message: one_line(&message),
            fix: one_line(&fix),
            edit,
        });
    }

    pub fn size(&self) -> String {
        format!("{}×{}", self.a.width, self.a.height)
    }

    pub fn value(&self, r: &Range<usize>) -> &'a str {
        &self.text[r.clone()]
    }

    pub fn into_scan(self) -> Scan {
        let mut findings = self.findings;
        findings.sort_by_key(|f| (f.offset, f.id));
        // One finding per spot and kind; and a claim ("CEOP Approved") that
        // starts a name ("CEOP Approved Safety Zone") is said once, as a claim.
        findings.dedup_by(|x, y| {
            x.offset == y.offset
                && (x.id == y.id
                    || (x.id == FindingId::EndorsementName
                        && y.id == FindingId::EndorsementWording))
        });
        let notes = self
            .found
            .markup
            .unread
            .iter()
            .map(|u| {
                let (line, column) = self.lines.locate(self.text, u.offset);
                Note {
                    line,
                    column,
                    message: format!(
                        "a <{}> tag with {} was not read: a button or link in it is not judged",
                        u.name, u.why
                    ),
                }
            })
            .collect();
        Scan {
            findings,
            local_images: self.locals,
            addressed_images: self.addressed,
            notes,
        }
    }
}

/// Identifies and judges one page.
///
/// `found` is what [`identify::find`] gave for this very text, when the
/// caller has it already (from gathering the site's facts).
pub(crate) fn page(a: &Auditor, site: &SiteFacts, source: &Source, found: Option<Found>) -> Scan {
    // Code a comment switched off is not judged (its bytes become spaces).
    let text = crate::audit::comments::code_only(source.kind, source.text);
    let source = &Source {
        text: &text,
        ..*source
    };
    let found = found.unwrap_or_else(|| {
        identify::find(
            source.text,
            source.kind,
            source
                .app
                .or_else(|| AppKind::detect(source.kind, source.text)),
            &a.hosts,
            (a.width, a.height),
        )
    });
    let mut cx = Ctx::new(a, site, source, found);
    let text = cx.text;

    // Links: judge each target; the places of links and buttons are where
    // the words around them are read.
    let mut embeds: Vec<usize> = links::judge_targets(&mut cx);

    let buttons = cx.found.buttons.clone();
    for &i in &buttons {
        embeds.push(cx.found.markup.elements[i].start);
        button::check_element_button(&mut cx, i);
    }
    for &i in &cx.found.pictures.clone() {
        button::picture(&mut cx, i);
    }
    let markdown = embeds::markdown_buttons(&mut cx);
    embeds.extend(markdown.iter().map(|r| r.start));
    embeds.extend(embeds::pix_buttons(&mut cx));
    if cx.app.is_some() {
        embeds.extend(embeds::app_image_refs(&mut cx, &buttons, &markdown));
    }
    links::labels(&mut cx);

    // CSS: the page's own stylesheet or <style> blocks, with the names of
    // its buttons and those of the whole site.
    if cx.app.is_none() {
        let sheets: Vec<Range<usize>> = if source.kind == FileKind::Css {
            std::iter::once(0..text.len()).collect()
        } else {
            cx.found
                .markup
                .elements
                .iter()
                .filter(|e| e.name == "style")
                .filter_map(|e| e.content())
                .collect()
        };
        let mut names = cx.found.button_names.clone();
        names.extend(cx.site.button_names.iter().cloned());
        let mut wrappers = cx.found.wrapper_names.clone();
        wrappers.extend(cx.site.wrapper_names.iter().cloned());
        for sheet in sheets {
            style::check_rules(&mut cx, sheet, &names, &wrappers);
        }
    }

    words::product_names(&mut cx);
    // The words around each group of links and buttons.
    embeds.sort_unstable();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for &o in &embeds {
        match groups.last_mut() {
            Some(g) if o <= g.1 + 1000 => g.1 = o,
            _ => groups.push((o, o)),
        }
    }
    for (start, end) in groups {
        words::surroundings(&mut cx, start, end);
    }
    cx.into_scan()
}

/// Whether the place of a hit makes it a link target.
pub(crate) fn is_target(place: &Place) -> bool {
    !matches!(
        place,
        Place::Image | Place::Selector | Place::Prose | Place::Visible
    )
}
