//! `check` on the disk: read the inputs, build the site model, judge every page, write fixes, report, pick the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use super::args::{CheckArgs, ReportFormat};
use super::identify::Found;
use super::inputs::{self, Input, SkipReason};
use super::report::{self, Summary};
use super::site::PageFacts;
use super::{Auditor, FileKind, Finding, SiteFacts, Source, decode, fix};
use crate::button::ButtonCheck;
use crate::error::{Error, Result};
use crate::guide::Guide;
use crate::output;

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 an error.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;

pub use super::inputs::MAX_FILE_SIZE;

/// What auditing one input gave.
#[derive(Debug, Default, Clone)]
struct Outcome {
    findings: Vec<Finding>,
    notes: Vec<String>,
    /// The original and the fixed bytes, when `--fix` changed something.
    fixed: Option<(Vec<u8>, Vec<u8>)>,
}

/// Runs `check` and returns the exit code.
pub fn check(guide: &Guide, args: &CheckArgs) -> Result<i32> {
    if args.fix && args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(Error::usage(
            "--fix cannot rewrite standard input",
            "name the files to fix, or leave out --fix",
        ));
    }
    let auditor = Auditor::new(guide);
    let options = inputs::Options {
        stdin_name: args.stdin_name.clone(),
        no_ignore: args.no_ignore,
    };
    // Web addresses are crawled; everything else is a path.
    let (urls, paths): (Vec<&PathBuf>, Vec<&PathBuf>) = args
        .paths
        .iter()
        .partition(|p| p.to_str().is_some_and(super::web::is_url));
    if args.fix && !(urls.is_empty() && args.web.sitemap.is_empty()) {
        return Err(Error::usage(
            "--fix cannot rewrite a live site",
            "fix the site's source files (check them by path), or leave out --fix",
        ));
    }
    // The pages given by address and those of `--sitemap`, if any. A live
    // site lives on the hosts it was fetched from.
    let urls: Vec<String> = urls
        .iter()
        .map(|u| u.to_string_lossy().into_owned())
        .collect();
    let fetched = super::web::fetch(&auditor, &urls, &args.web.options())?;
    let mut site_hosts = args.site_host.clone();
    site_hosts.extend(fetched.hosts.iter().cloned());

    // Each text is audited on the walk's threads as soon as it is read,
    // with what it says itself and what the command line says of the site.
    let base = SiteFacts::new([], &site_hosts);
    let visit = |input: &Input, bytes: Vec<u8>| early(&auditor, &base, input, bytes, args.fix);
    let paths: Vec<PathBuf> = paths.into_iter().cloned().collect();
    // At least one root is given: with no path, the run is of a live site.
    let live_only = paths.is_empty();
    let mut collected = inputs::collect(&paths, &options, &visit)?;
    let pages = par_map(fetched.inputs, |(input, bytes)| {
        let e = early(&auditor, &base, &input, bytes, false);
        (input, e)
    });
    collected.inputs.extend(pages);
    collected.skipped.extend(fetched.skipped);
    collected.notes.extend(fetched.notes);
    let web_findings = fetched.findings;
    let audited_count = collected.inputs.len();

    // The site model: what every page says. A page whose findings it can
    // change (styles for a class of a button found elsewhere, a button when
    // another page names the site's host) is judged again with it.
    let facts = SiteFacts::new(
        collected.inputs.iter().map(|(_, e)| e.facts.clone()),
        &site_hosts,
    );
    let outcomes = par_map(
        collected.inputs.iter().collect(),
        |(input, e): &(Input, Early)| match &e.outcome {
            Some(o) if !e.depends_on(&facts) => o.clone(),
            _ if e.bytes.is_empty() => Outcome::default(),
            _ if e.outcome.is_none() && facts.names().next().is_none() => Outcome::default(),
            _ => audit_input(&auditor, &facts, input, &e.bytes, None, args.fix),
        },
    );

    let mut findings = web_findings;
    let mut notes = collected.notes;
    let mut diff = String::new();
    let mut writes = Vec::new();
    for ((input, _), outcome) in collected.inputs.iter().zip(outcomes) {
        notes.extend(outcome.notes);
        if let (Some((before, after)), Some(path)) = (outcome.fixed, input.path()) {
            diff.push_str(&fix::diff(&input.name, &before, &after));
            writes.push((path.to_path_buf(), input.name.clone(), before, after));
        }
        findings.extend(outcome.findings);
    }
    notes.extend(skip_notes(&collected.skipped, args.no_ignore));
    for note in &notes {
        eprintln!("note: {note}");
    }
    // A site given only by address of which no page could be read has not
    // been audited: that is not "no findings".
    if live_only && audited_count == 0 {
        return Err(Error::usage(
            "nothing was audited: no page of the site could be read (the notes above say why)",
            "check the address, and that this machine can reach the site (a proxy is taken from HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)",
        ));
    }
    let pictures = if args.render {
        render_pages(&auditor, args, &collected.inputs, &mut findings)?
    } else {
        Vec::new()
    };
    let summary = Summary::new(&findings, audited_count, &collected.skipped);
    // The HTML report is checked and written aside before any fix lands, and
    // put in place after: a report that cannot be written stops the run.
    let html_report = match &args.report {
        Some(path) => Some(prepare_html_report(
            path,
            args.force,
            &findings,
            &summary,
            &collected.inputs,
            &pictures,
        )?),
        None => None,
    };
    write_fixes(&writes, &args.paths)?;
    if let Some(prepared) = html_report {
        prepared.commit()?;
    }

    let report = match args.format {
        ReportFormat::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            report::text(&findings, &summary, colour)
        }
        ReportFormat::Json => report::json(&findings, &summary, &collected.skipped),
        ReportFormat::Sarif => report::sarif(&findings),
    };
    if !writes.is_empty() {
        // The diff goes with a text report; beside JSON or SARIF it would
        // spoil the document, so it goes to stderr.
        if args.format == ReportFormat::Text {
            output::print(&format!("{diff}\n"))?;
        } else {
            eprint!("{diff}");
        }
        let names: Vec<&str> = writes.iter().map(|w| w.1.as_str()).collect();
        eprintln!(
            "fixed link targets in {}: {}",
            report::plural(writes.len(), "file", "files"),
            names.join(", ")
        );
    }
    output::print(&report)?;
    let failing = findings.iter().any(|f| f.severity() >= args.fail_on);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// What the walk's threads made of one text.
#[derive(Debug, Default)]
struct Early {
    /// The bytes, kept when the text may have findings: it names CEOP, or
    /// it is a stylesheet (a class of a button found elsewhere may be
    /// styled there).
    bytes: Vec<u8>,
    facts: PageFacts,
    /// Whether the page has styles, and whether it shows a button.
    styles: bool,
    buttons: bool,
    /// Its audit with its own facts, when it names CEOP.
    outcome: Option<Outcome>,
}

impl Early {
    /// Whether what the whole site says can change this page's findings.
    fn depends_on(&self, site: &SiteFacts) -> bool {
        let own = &self.facts;
        let new_name = |n: &String| !own.button_names.contains(n) && !own.wrapper_names.contains(n);
        (self.styles && site.names().any(new_name))
            || (self.buttons && site.own_hosts.iter().any(|h| !own.own_hosts.contains(h)))
    }
}

fn early(auditor: &Auditor, base: &SiteFacts, input: &Input, bytes: Vec<u8>, fix: bool) -> Early {
    let concerns = auditor.may_concern(&bytes);
    if !(concerns || input.kind == FileKind::Css) {
        // A page without the button may still say where the site lives.
        let hosts = match input.kind {
            FileKind::Markup => super::identify::own_hosts(&decode(&bytes), &auditor.own_address),
            _ => Vec::new(),
        };
        return Early {
            facts: PageFacts {
                own_hosts: hosts,
                ..PageFacts::default()
            },
            ..Early::default()
        };
    }
    let text = decode(&bytes);
    let (mut facts, found) = SiteFacts::of_page(auditor, &source(input, &text));
    // The host names the command line gave are the page's too.
    facts.own_hosts.extend(base.own_hosts.iter().cloned());
    let styles = input.kind == FileKind::Css
        || found
            .as_ref()
            .is_some_and(|f| f.markup.elements.iter().any(|e| e.name == "style"));
    let buttons =
        input.kind == FileKind::Markdown || found.as_ref().is_some_and(|f| !f.buttons.is_empty());
    let outcome = concerns.then(|| audit_input(auditor, base, input, &bytes, found, fix));
    drop(text);
    Early {
        bytes,
        facts,
        styles,
        buttons,
        outcome,
    }
}

/// The `--report` page, written to a temporary file beside `path` (see
/// [`output::prepare`]): never over an existing file without `--force`.
fn prepare_html_report(
    path: &Path,
    force: bool,
    findings: &[Finding],
    summary: &Summary,
    inputs: &[(Input, Early)],
    pictures: &[super::report_html::Picture],
) -> Result<crate::fsio::write::Prepared> {
    let texts: std::collections::HashMap<&super::Origin, String> = inputs
        .iter()
        .filter(|(_, e)| !e.bytes.is_empty())
        .map(|(i, e)| (&i.origin, decode(&e.bytes).into_owned()))
        .collect();
    let text_of = |o: &super::Origin| texts.get(o).map(String::as_str);
    let page = super::report_html::html(findings, summary, &text_of, pictures);
    output::prepare(
        &[output::Pending {
            path: path.to_path_buf(),
            contents: page,
        }],
        force,
    )
}

/// `--render`: every HTML page read from disk (as a `file://` page) or the
/// web (by its address) is drawn in Chromium; what was seen is merged into
/// `findings`. The pictures, for the report.
fn render_pages(
    auditor: &Auditor,
    args: &CheckArgs,
    inputs: &[(Input, Early)],
    findings: &mut Vec<Finding>,
) -> Result<Vec<super::report_html::Picture>> {
    use super::render::{ToRender, render};
    let mut texts = Vec::new();
    for (input, e) in inputs {
        if let Some(url) = browser_address(input, &e.bytes)? {
            texts.push((input, url, decode(&e.bytes)));
        }
    }
    let pages: Vec<ToRender> = texts
        .iter()
        .map(|(input, url, text)| ToRender {
            origin: input.origin.clone(),
            url: url.clone(),
            source: source(input, text),
        })
        .collect();
    let pictures = render(
        auditor,
        &pages,
        args.browser.as_deref(),
        args.report.is_some(),
        findings,
    )?;
    // What the browser added goes with its page, in the order of the file.
    let rank: std::collections::HashMap<&super::Origin, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, (x, _))| (&x.origin, i))
        .collect();
    findings.sort_by_key(|f| (rank.get(&f.file).copied(), f.offset, f.id));
    Ok(pictures)
}

/// Where `--render` has the browser open a page: a fetched page at its own
/// address, a page file a browser opens as a page (by its extension) at its
/// `file://` address. `None` for what is not drawn: a template (PHP,
/// Mustache…), a stylesheet, standard input, a page that names no CEOP.
fn browser_address(input: &Input, bytes: &[u8]) -> Result<Option<String>> {
    if input.kind != FileKind::Markup || bytes.is_empty() {
        return Ok(None);
    }
    Ok(match &input.origin {
        super::Origin::Url(u) => Some(u.clone()),
        super::Origin::Path(p) if is_html(p) => {
            let abs = std::path::absolute(p).map_err(|e| {
                Error::io(
                    p,
                    "cannot name the page for the browser",
                    "check the path",
                    e,
                )
            })?;
            Some(report::uri_of_bytes(abs.as_os_str().as_encoded_bytes()))
        }
        _ => None,
    })
}

/// A file a browser opens as a page, by its extension.
fn is_html(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["html", "htm", "xhtml", "shtml"].contains(&e.to_ascii_lowercase().as_str())
    })
}

fn source<'a>(input: &'a Input, text: &'a str) -> Source<'a> {
    Source {
        file: &input.name,
        kind: input.kind,
        text,
        app: input.app,
    }
}

/// The notes on stderr for what was skipped: one per file read and refused
/// (binary, too big, unreadable, a link), one line for the rest.
fn skip_notes(skipped: &[inputs::Skipped], no_ignore: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut quiet = [0usize; 2];
    for s in skipped {
        match s.reason {
            SkipReason::NoLanguage => quiet[0] += 1,
            SkipReason::Ignored => quiet[1] += 1,
            r => out.push(format!(
                "{}: skipped: {}{}",
                s.origin,
                r.describe(),
                s.detail
                    .as_ref()
                    .map_or(String::new(), |d| format!(" ({d})"))
            )),
        }
    }
    if quiet[0] > 0 {
        out.push(format!(
            "skipped {} in a language check does not read (by extension); `--format json` lists them",
            report::plural(quiet[0], "file", "files")
        ));
    }
    if quiet[1] > 0 {
        let hint = if no_ignore {
            ""
        } else {
            "; --no-ignore reads them"
        };
        out.push(format!(
            "skipped {} hidden by ignore rules or a hidden name{hint}",
            report::plural(quiet[1], "file or folder", "files or folders")
        ));
    }
    out
}

/// Maps `f` over `items` on as many threads as there are cores, in order.
fn par_map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut rest = items.into_iter();
    loop {
        let c: Vec<T> = rest.by_ref().take(chunk).collect();
        if c.is_empty() {
            break;
        }
        chunks.push(c);
    }
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| s.spawn(move || c.into_iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn audit_input(
    auditor: &Auditor,
    facts: &SiteFacts,
    input: &Input,
    bytes: &[u8],
    found: Option<Found>,
    fix: bool,
) -> Outcome {
    let mut outcome = Outcome::default();
    let findings = scan_bytes(auditor, facts, input, bytes, found, &mut outcome.notes);
    if fix {
        let edits = fix::edits(&findings);
        if !edits.is_empty() {
            let after = fix::apply(bytes, &edits);
            if after != bytes {
                outcome.findings = scan_bytes(auditor, facts, input, &after, None, &mut Vec::new());
                outcome.fixed = Some((bytes.to_vec(), after));
                return outcome;
            }
        }
    }
    outcome.findings = findings;
    outcome
}

fn scan_bytes(
    auditor: &Auditor,
    facts: &SiteFacts,
    input: &Input,
    bytes: &[u8],
    found: Option<Found>,
    notes: &mut Vec<String>,
) -> Vec<Finding> {
    let text = decode(bytes);
    let scan = auditor.scan_found(facts, &source(input, &text), found);
    let mut findings = scan.findings;
    for n in &scan.notes {
        notes.push(format!(
            "{}:{}:{}: {}",
            input.origin, n.line, n.column, n.message
        ));
    }
    if let Some(path) = input.path() {
        for image in &scan.local_images {
            let Some(file) = inputs::resolve(path, &input.root, &image.src) else {
                continue;
            };
            match ButtonCheck::read(&file, auditor.width, auditor.height) {
                Ok(check) => {
                    findings.extend(auditor.local_image_finding(&input.name, image, check))
                }
                Err(e) => notes.push(format!(
                    "{}:{}: {}",
                    input.origin,
                    image.line,
                    super::source::one_line(&e.to_string())
                )),
            }
        }
        findings.sort_by_key(|f| (f.offset, f.id));
    }
    for f in &mut findings {
        f.file = input.origin.clone();
    }
    findings
}

/// Puts every fixed file in place, or none (see [`crate::fsio::write`]):
/// each must still be the regular file that was read, holding what was
/// read; a symbolic link is followed only if it was named on the command
/// line; owner, group and mode are kept; a file with other hard links is
/// refused.
fn write_fixes(writes: &[(PathBuf, String, Vec<u8>, Vec<u8>)], named: &[PathBuf]) -> Result<()> {
    use crate::fsio::write::{Expect, Plan};
    if writes.is_empty() {
        return Ok(());
    }
    crate::fsio::test_pause("fix-read");
    let plans: Vec<Plan> = writes
        .iter()
        .map(|(path, _, before, after)| Plan {
            path,
            contents: after,
            expect: Expect::Replace {
                before,
                follow: named.contains(path),
            },
        })
        .collect();
    crate::fsio::write::write_all(&plans)
}

#[cfg(test)]
mod tests {
    use super::super::Origin;
    use super::*;

    fn input(origin: Origin, kind: FileKind) -> Input {
        Input {
            name: origin.lossy().into_owned(),
            origin,
            kind,
            root: PathBuf::from("."),
            app: None,
        }
    }

    #[test]
    fn render_opens_pages_and_fetched_pages_only() {
        let here = std::env::current_dir().unwrap();
        let file = |name: &str| input(Origin::Path(name.into()), FileKind::Markup);
        let page = browser_address(&file("site/a b.HTM"), b"x").unwrap();
        let want = format!("{}/site/a%20b.HTM", report::uri(&here.to_string_lossy()));
        assert_eq!(page.as_deref(), Some(want.as_str()));
        for name in ["a.html", "a.xhtml", "a.shtml"] {
            assert!(
                browser_address(&file(name), b"x").unwrap().is_some(),
                "{name}"
            );
        }
        let url = input(Origin::Url("https://s.example/p".into()), FileKind::Markup);
        assert_eq!(
            browser_address(&url, b"x").unwrap().as_deref(),
            Some("https://s.example/p")
        );
        // Not drawn: a template, an empty page, a stylesheet, standard input.
        assert_eq!(browser_address(&file("footer.php"), b"x").unwrap(), None);
        assert_eq!(browser_address(&file("a.html"), b"").unwrap(), None);
        assert_eq!(browser_address(&url, b"").unwrap(), None);
        let css = input(Origin::Path("a.html".into()), FileKind::Css);
        assert_eq!(browser_address(&css, b"x").unwrap(), None);
        let stdin = input(Origin::Named("page.html".into()), FileKind::Markup);
        assert_eq!(browser_address(&stdin, b"x").unwrap(), None);
    }
}
