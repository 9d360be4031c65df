//! `check --report FILE.html`: one self-contained page for people — a summary, then findings by page with the code and the fix, and pictures of the button as drawn.
//!
//! Pure: findings, the texts they point into and any pictures in, one HTML
//! document out. No external resource: the style sheet is inline and every
//! picture is a `data:` URI, so the file can be mailed or archived as it is.

use std::collections::BTreeMap;

use base64::Engine;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};

use super::report::{Summary, plural};
use super::{Finding, Origin, Severity};

/// A picture of one button as a browser drew it, at one window width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The page it is on.
    pub page: Origin,
    /// Where its tag starts in the page (1-based), as findings say it.
    pub line: usize,
    /// The window width in CSS pixels.
    pub width: u32,
    /// A PNG of the button and a margin around it.
    pub png: Vec<u8>,
    /// What is wrong with it as drawn, in words; empty when nothing is.
    pub problems: Vec<String>,
}

/// Lines of code shown around a finding's line, before and after.
const CONTEXT: usize = 1;
/// Characters of one line shown at most (minified pages have long lines).
const LINE_CHARS: usize = 160;

const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b;background:#fff}\
h1,h2,h3{line-height:1.2}\
h2{border-top:2px solid #555;padding-top:1rem;margin-top:2rem;word-break:break-all}\
.finding{border-left:6px solid #555;padding:0 0 0 1rem;margin:1.5rem 0}\
.error{border-color:#b00020}.warning{border-color:#8a5a00}.info{border-color:#005a9c}\
.sev{font-weight:bold;text-transform:uppercase}\
pre{background:#f3f3f3;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere}\
mark{background:#ffe08a;color:#1b1b1b}\
figure{display:inline-block;margin:.5rem 1rem .5rem 0;vertical-align:top}\
figure img{border:3px solid #1b7f3b;max-width:100%;height:auto}\
figure.bad img{border:3px dashed #b00020}\
table{border-collapse:collapse}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}";

/// The whole report as one HTML document. `text_of` gives the text of a
/// page or file a finding points into, for the code excerpt; a file it does
/// not know is reported without one.
pub fn html<'a>(
    findings: &[Finding],
    summary: &Summary,
    text_of: &dyn Fn(&Origin) -> Option<&'a str>,
    pictures: &[Picture],
) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>Click CEOP check report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Click CEOP check report</h1>\n");
    out.push_str(&format!(
        "<p>Made by ceop-onboard {}, an independent tool: it is not made, endorsed or checked by CEOP or the National Crime Agency. The rule numbers (R1–R14) are the tool's numbering of the Click CEOP user guide.</p>\n",
        env!("CARGO_PKG_VERSION")
    ));
    summary_section(&mut out, findings, summary, !pictures.is_empty());

    // Findings and pictures by page, in the order pages were read.
    let mut pages: BTreeMap<&Origin, (Vec<&Finding>, Vec<&Picture>)> = BTreeMap::new();
    for f in findings {
        pages.entry(&f.file).or_default().0.push(f);
    }
    for p in pictures {
        pages.entry(&p.page).or_default().1.push(p);
    }
    for (origin, (found, pics)) in &pages {
        page_section(&mut out, origin, found, pics, text_of(origin));
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn summary_section(out: &mut String, findings: &[Finding], s: &Summary, rendered: bool) {
    out.push_str("<h2>Summary</h2>\n");
    if findings.is_empty() {
        out.push_str(&format!(
            "<p>No findings in {} read.</p>\n",
            plural(s.files, "file", "files")
        ));
    } else {
        out.push_str(&format!(
            "<p>{}, {} and {} in {} read. Errors are places where the button or a CEOP link is not hosted as the user guide asks; fix them first.</p>\n",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "note", "notes"),
            plural(s.files, "file", "files")
        ));
        let mut by_id: BTreeMap<&str, (usize, &Finding)> = BTreeMap::new();
        for f in findings {
            by_id.entry(f.id.as_str()).or_insert((0, f)).0 += 1;
        }
        out.push_str("<table>\n<caption>Findings by kind</caption>\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Rule</th><th scope=\"col\">Severity</th><th scope=\"col\">How many</th></tr></thead>\n<tbody>\n");
        for (id, (n, f)) in &by_id {
            out.push_str(&format!(
                "<tr><td>{} <code>{id}</code></td><td>{}</td><td>{}</td><td>{n}</td></tr>\n",
                esc(f.id.title()),
                f.rule(),
                f.severity()
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    if s.skipped > 0 {
        out.push_str(&format!(
            "<p>{} skipped; <code>check --format json</code> lists {} and why.</p>\n",
            plural(s.skipped, "file was", "files were"),
            if s.skipped == 1 { "it" } else { "them" }
        ));
    }
    if rendered {
        out.push_str("<p>Each button was also drawn in a browser at several window widths; its pictures are under its page. A solid green frame: drawn as issued; a dashed red frame: something is wrong with it at that width.</p>\n");
    }
}

fn page_section(
    out: &mut String,
    origin: &Origin,
    found: &[&Finding],
    pictures: &[&Picture],
    text: Option<&str>,
) {
    out.push_str(&format!("<h2>{}</h2>\n", esc(&origin.lossy())));
    if found.is_empty() {
        out.push_str("<p>No findings on this page.</p>\n");
    }
    for f in found {
        let sev = f.severity();
        out.push_str(&format!(
            "<section class=\"finding {sev}\">\n<h3>Line {}: {}</h3>\n<p><span class=\"sev\">{sev}</span> <code>{}</code>, rule {}. {}</p>\n",
            f.line,
            esc(f.id.title()),
            f.id,
            f.rule(),
            esc(&f.message)
        ));
        if let Some(code) = text.and_then(|t| code_excerpt(t, f.line)) {
            out.push_str(&format!(
                "<p>The code, line {} marked:</p>\n<pre><code>{code}</code></pre>\n",
                f.line
            ));
        }
        out.push_str(&format!("<p><strong>Fix:</strong> {}</p>\n", esc(&f.fix)));
        if sev == Severity::Error {
            pictures_of(out, pictures, Some(f.line));
        }
        out.push_str("</section>\n");
    }
    // Pictures of buttons no finding is about (drawn as issued).
    let shown: Vec<usize> = found
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .map(|f| f.line)
        .collect();
    let rest: Vec<&Picture> = pictures
        .iter()
        .copied()
        .filter(|p| !shown.contains(&p.line))
        .collect();
    if !rest.is_empty() {
        out.push_str("<h3>The button as drawn</h3>\n");
        pictures_of(out, &rest, None);
    }
}

/// Every picture of the button at `line` (or all of them), one per width.
fn pictures_of(out: &mut String, pictures: &[&Picture], line: Option<usize>) {
    for p in pictures.iter().filter(|p| line.is_none_or(|l| l == p.line)) {
        let what = if p.problems.is_empty() {
            "drawn as issued".to_string()
        } else {
            p.problems.join("; ")
        };
        let class = if p.problems.is_empty() {
            ""
        } else {
            " class=\"bad\""
        };
        out.push_str(&format!(
            "<figure{class}><img src=\"data:image/png;base64,{}\" alt=\"The button on line {} at {} px wide: {}\"><figcaption>{} px wide: {}</figcaption></figure>\n",
            base64::engine::general_purpose::STANDARD.encode(&p.png),
            p.line,
            p.width,
            attr(&what),
            p.width,
            esc(&what)
        ));
    }
}

/// The lines around `line`, escaped, the line itself in `<mark>`.
fn code_excerpt(text: &str, line: usize) -> Option<String> {
    if line == 0 {
        return None;
    }
    let first = line.saturating_sub(CONTEXT).max(1);
    let lines: Vec<&str> = text
        .lines()
        .skip(first - 1)
        .take(line - first + 1 + CONTEXT)
        .collect();
    if lines.len() < line - first + 1 {
        return None;
    }
    let width = (first + lines.len() - 1).to_string().len();
    let mut out = String::new();
    for (i, l) in lines.iter().enumerate() {
        let n = first + i;
        let shown = shorten(l);
        let row = format!("{n:>width$} | {}", esc(&shown));
        if n == line {
            out.push_str(&format!("<mark>{row}</mark>\n"));
        } else {
            out.push_str(&format!("{row}\n"));
        }
    }
    Some(out.trim_end().to_string())
}

/// A line cut to [`LINE_CHARS`], controls shown as U+FFFD.
fn shorten(line: &str) -> String {
    let mut s: String = line
        .chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .take(LINE_CHARS)
        .collect();
    if line.chars().count() > LINE_CHARS {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::FindingId;

    fn finding(line: usize) -> Finding {
        Finding {
            id: FindingId::ButtonResized,
            file: Origin::Named("site/index.html".into()),
            line,
            column: 1,
            offset: 0,
            message: "drawn at 100×30 <img>".into(),
            fix: "show it at 143×51".into(),
            edit: None,
        }
    }

    #[test]
    fn the_report_shows_the_line_the_message_and_the_fix_escaped() {
        let text = "<p>one</p>\n<img src=ceop.gif width=100>\n<p>three</p>\n<p>four</p>\n";
        let f = [finding(2)];
        let s = Summary::new(&f, 1, &[]);
        let page = html(&f, &s, &|_| Some(text), &[]);
        assert!(page.contains("<mark>2 | &lt;img src=ceop.gif width=100&gt;</mark>"));
        assert!(page.contains("1 | &lt;p&gt;one"));
        assert!(page.contains("3 | &lt;p&gt;three"));
        assert!(!page.contains("four"), "one line of context each side");
        assert!(page.contains("drawn at 100×30 &lt;img&gt;"));
        assert!(page.contains("<strong>Fix:</strong> show it at 143×51"));
        assert!(page.contains("<h2>site/index.html</h2>"));
    }

    #[test]
    fn a_picture_is_embedded_and_marked_when_something_is_wrong() {
        let f = [finding(2)];
        let s = Summary::new(&f, 1, &[]);
        let pic = |problems: Vec<String>| Picture {
            page: Origin::Named("site/index.html".into()),
            line: 2,
            width: 360,
            png: b"\x89PNG".to_vec(),
            problems,
        };
        let page = html(
            &f,
            &s,
            &|_| None,
            &[pic(vec!["cropped by <div class=\"x\">".into()])],
        );
        assert!(page.contains("alt=\"The button on line 2 at 360 px wide: cropped by &lt;div class=&quot;x&quot;&gt;\""));
        assert!(page.contains("<figure class=\"bad\"><img src=\"data:image/png;base64,iVBORw==\""));
        assert!(page.contains("360 px wide: cropped by &lt;div class=\"x\"&gt;</figcaption>"));
        let page = html(&[], &Summary::new(&[], 1, &[]), &|_| None, &[pic(vec![])]);
        assert!(page.contains("<figure><img"));
        assert!(page.contains("drawn as issued"));
        assert!(
            !page.contains("src=\"http"),
            "nothing loaded from elsewhere"
        );
    }

    #[test]
    fn a_long_line_is_cut_and_a_line_past_the_end_has_no_excerpt() {
        let long = "x".repeat(1000);
        let e = code_excerpt(&long, 1).unwrap();
        assert!(e.chars().count() < 200);
        assert_eq!(code_excerpt("a\nb\n", 9), None);
        assert_eq!(code_excerpt("a\n", 2), None, "just past the end");
    }

    #[test]
    fn line_numbers_are_as_wide_as_the_last_shown_and_tabs_stay_tabs() {
        let text: String = (1..=9).map(|n| format!("l{n}\n")).collect();
        assert_eq!(
            code_excerpt(&text, 8).unwrap(),
            "7 | l7\n<mark>8 | l8</mark>\n9 | l9"
        );
        let text: String = (1..=10).map(|n| format!("l{n}\n")).collect();
        assert_eq!(
            code_excerpt(&text, 9).unwrap(),
            " 8 | l8\n<mark> 9 | l9</mark>\n10 | l10"
        );
        assert_eq!(shorten("a\tb\u{1}"), "a\tb\u{FFFD}");
        let full = "é".repeat(LINE_CHARS);
        assert_eq!(shorten(&full), full, "exactly the cap: whole");
        assert_eq!(shorten(&format!("{full}x")), format!("{full}…"));
    }

    #[test]
    fn the_summary_counts_by_severity_and_kind_and_says_what_was_skipped_and_drawn() {
        let warn = |line| Finding {
            id: FindingId::NoSignposting,
            ..finding(line)
        };
        let f = [finding(2), finding(4), warn(6)];
        let mut s = Summary::new(&f, 3, &[]);
        let page = html(&f, &s, &|_| None, &[]);
        assert!(page.contains("<p>2 errors, 1 warning and 0 notes in 3 files read."));
        let row = |id: FindingId, n: usize| {
            format!(
                "<code>{id}</code></td><td>{}</td><td>{}</td><td>{n}</td></tr>",
                id.rule(),
                id.severity()
            )
        };
        assert!(page.contains(&row(FindingId::ButtonResized, 2)), "{page}");
        assert!(page.contains(&row(FindingId::NoSignposting, 1)), "{page}");
        assert!(!page.contains("skipped"));
        assert!(!page.contains("drawn in a browser"));

        s.skipped = 2;
        let empty = html(
            &[],
            &Summary {
                skipped: 2,
                ..Summary::new(&[], 3, &[])
            },
            &|_| None,
            &[],
        );
        assert!(empty.contains("<p>No findings in 3 files read.</p>"));
        assert!(empty.contains(
            "<p>2 files were skipped; <code>check --format json</code> lists them and why."
        ));
        let one = html(
            &[],
            &Summary {
                skipped: 1,
                ..Summary::new(&[], 1, &[])
            },
            &|_| None,
            &[],
        );
        assert!(one.contains("<p>No findings in 1 file read.</p>"));
        assert!(
            one.contains(
                "<p>1 file was skipped; <code>check --format json</code> lists it and why."
            )
        );
        let pic = Picture {
            page: Origin::Named("site/index.html".into()),
            line: 2,
            width: 360,
            png: b"\x89PNG".to_vec(),
            problems: vec![],
        };
        let drawn = html(&f, &s, &|_| None, &[pic]);
        assert!(drawn.contains("drawn in a browser at several window widths"));
    }

    #[test]
    fn a_picture_shows_once_under_its_error_or_else_under_the_button_as_drawn() {
        let pic = |line| Picture {
            page: Origin::Named("site/index.html".into()),
            line,
            width: 360,
            png: b"\x89PNG".to_vec(),
            problems: vec![],
        };
        let f = [finding(2)];
        let page = html(&f, &Summary::new(&f, 1, &[]), &|_| None, &[pic(2), pic(5)]);
        assert_eq!(page.matches("<figure").count(), 2, "{page}");
        let (under_finding, rest) = page.split_once("The button as drawn").unwrap();
        assert!(under_finding.contains("on line 2 at"));
        assert!(rest.contains("on line 5 at") && !rest.contains("on line 2 at"));

        let only_pictures = html(&[], &Summary::new(&[], 1, &[]), &|_| None, &[pic(5)]);
        assert!(only_pictures.contains("<p>No findings on this page.</p>"));
    }
}
