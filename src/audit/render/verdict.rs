//! What the browser's measurements mean: findings with the existing ids, saying at which widths, merged with the scan's findings of the same element.
//!
//! Pure: targets, measurements and the scan's findings in; findings and
//! pictures out.

use std::collections::BTreeMap;

use super::targets::{Kind, Target};
use super::{Seen, WIDTHS};
use crate::audit::report_html::Picture;
use crate::audit::{Auditor, Finding, FindingId, Origin, prose};

/// A drawn size within this of the button's own counts as its own size
/// (layout rounds to fractions of a pixel).
const TOLERANCE: f64 = 0.5;

/// Everything wrong with one element at one width: (id, what, in words).
fn problems(auditor: &Auditor, target: &Target, seen: &Seen) -> Vec<(FindingId, String)> {
    let m = &seen.measure;
    let mut out = Vec::new();
    if !m.found {
        return out;
    }
    if target.kind == Kind::Button {
        if let Some(h) = &m.hidden {
            out.push((FindingId::ButtonHidden, format!("is hidden ({h})")));
        }
        if let Some(c) = &m.covered {
            out.push((
                FindingId::ButtonHidden,
                format!("is covered at its centre by {c}"),
            ));
        }
        if let Some(c) = &m.cropped {
            out.push((FindingId::ButtonCropped, format!("is {c}")));
        }
        if let Some(o) = &m.off_page {
            out.push((FindingId::ButtonOffPage, format!("is {o}")));
        }
        let (w, h) = (f64::from(auditor.width), f64::from(auditor.height));
        if m.hidden.is_none() && ((m.w - w).abs() > TOLERANCE || (m.h - h).abs() > TOLERANCE) {
            out.push((
                FindingId::ButtonResized,
                format!(
                    "is drawn at {}×{}, not {}×{}",
                    px(m.w),
                    px(m.h),
                    auditor.width,
                    auditor.height
                ),
            ));
        }
        if m.nw > 0 && (m.nw != auditor.width || m.nh != auditor.height) {
            out.push((
                FindingId::ButtonFileWrongSize,
                format!(
                    "is drawn from an image of {}×{} ({}), not the {}×{} file CEOP issues",
                    m.nw,
                    m.nh,
                    crate::audit::source::excerpt(&m.src),
                    auditor.width,
                    auditor.height
                ),
            ));
        }
    }
    // Signposting is judged once per place: at the link, or at a button
    // with no link around it.
    let judged_here = target.kind == Kind::Link || m.href.is_empty();
    if judged_here && m.hidden.is_none() {
        let text = prose::normalise(&m.text);
        if !auditor
            .signposting
            .iter()
            .any(|p| text.contains(p.as_str()))
        {
            out.push((
                FindingId::NoSignposting,
                "has none of the guide's suggested signposting text in the block around it".into(),
            ));
        }
    }
    out
}

/// A length in CSS pixels as people write it: `72` or `72.5`.
fn px(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// "360 px wide", "360 and 768 px wide", "every width (360, 768 and 1280 px)".
fn widths(ws: &[u32]) -> String {
    let list = |ws: &[u32]| {
        let names: Vec<String> = ws.iter().map(u32::to_string).collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        }
    };
    if ws == WIDTHS {
        format!("at every width ({} px)", list(ws))
    } else {
        format!("at {} px wide", list(ws))
    }
}

/// The fix for a finding the browser made.
fn fix(auditor: &Auditor, id: FindingId) -> String {
    let (w, h) = (auditor.width, auditor.height);
    match id {
        FindingId::ButtonResized => format!(
            "show the button at {w}×{h} at every width: remove what sizes it (width, height, max-width or a media query on it or its class, wherever the stylesheet is)"
        ),
        FindingId::ButtonHidden => "make the button visible at every width with nothing over it: remove the rule that hides it, and keep banners, menus and pop-ups clear of it".into(),
        FindingId::ButtonCropped => format!(
            "give what holds the button room for {w}×{h}, or remove its overflow: hidden; never crop the button"
        ),
        FindingId::ButtonOffPage => "keep the button inside the page at every width: remove the negative margin, offset or transform that pushes it out".into(),
        FindingId::ButtonFileWrongSize => "use the Click CEOP GIF as issued, unedited: get it from CEOP (the CEOP Education Team), never a copy from another site".into(),
        _ => "put the suggested signposting text beside it, visible at every width (`ceop-onboard generate` writes it for your audience)".into(),
    }
}

/// Findings for one page from what the browser saw, merged into
/// `findings` (the scan's): a finding of the same id on the same element
/// gains what the browser saw; any other is added. The pictures.
pub fn judge(
    auditor: &Auditor,
    page: &Origin,
    targets: &[Target],
    seen: &[Seen],
    findings: &mut Vec<Finding>,
) -> Vec<Picture> {
    let mut pictures = Vec::new();
    // (target, id) → what, with the widths it was seen at.
    let mut found: BTreeMap<(usize, FindingId), Vec<(String, u32)>> = BTreeMap::new();
    for s in seen {
        let Some(target) = targets.get(s.target) else {
            continue;
        };
        let wrong = problems(auditor, target, s);
        if let Some(png) = &s.png {
            pictures.push(Picture {
                page: page.clone(),
                line: target.line,
                width: s.width,
                png: png.clone(),
                problems: wrong
                    .iter()
                    .filter(|(id, _)| *id != FindingId::NoSignposting)
                    .map(|(_, what)| format!("the button {what}"))
                    .collect(),
            });
        }
        for (id, what) in wrong {
            found
                .entry((s.target, id))
                .or_default()
                .push((what, s.width));
        }
    }
    for ((index, id), seen_at) in found {
        let target = &targets[index];
        // Each distinct observation with the widths it holds at.
        let mut groups: Vec<(String, Vec<u32>)> = Vec::new();
        for (what, width) in seen_at {
            match groups.iter_mut().find(|g| g.0 == what) {
                Some(g) => g.1.push(width),
                None => groups.push((what, vec![width])),
            }
        }
        let what = if target.kind == Kind::Button {
            "the button"
        } else {
            "the link"
        };
        let said: Vec<String> = groups
            .iter()
            .map(|(w, ws)| format!("{w} {}", widths(ws)))
            .collect();
        let message = format!("in a browser, {what} {}", said.join("; "));
        let same = findings.iter_mut().find(|f| {
            f.id == id && f.file == *page && (target.line..=target.last_line).contains(&f.line)
        });
        match same {
            Some(f) => {
                f.message.push_str("; ");
                f.message.push_str(&message);
            }
            None => findings.push(Finding {
                id,
                file: page.clone(),
                line: target.line,
                column: target.column,
                offset: target.offset,
                message,
                fix: fix(auditor, id),
                edit: None,
            }),
        }
    }
    pictures
}

#[cfg(test)]
mod tests {
    use super::super::Measure;
    use super::*;
    use crate::guide::Guide;

    fn button() -> Target {
        Target {
            kind: Kind::Button,
            tag: "img",
            attr: "src",
            value: "clickceop.gif".into(),
            nth: 0,
            line: 4,
            column: 3,
            offset: 40,
            last_line: 5,
        }
    }

    fn seen(width: u32, w: f64, hidden: Option<&str>) -> Seen {
        Seen {
            target: 0,
            width,
            measure: Measure {
                found: true,
                w,
                h: if w == 143.0 { 51.0 } else { w / 2.8 },
                nw: 143,
                nh: 51,
                href: "https://www.ceop.police.uk/safety-centre/".into(),
                hidden: hidden.map(str::to_string),
                ..Measure::default()
            },
            png: Some(vec![1, 2, 3]),
        }
    }

    #[test]
    fn a_problem_says_at_which_widths_and_nowhere_else() {
        let a = Auditor::new(&Guide::embedded());
        let page = Origin::Named("a.html".into());
        let mut findings = Vec::new();
        let seen = [
            seen(360, 0.0, Some("display: none")),
            seen(768, 143.0, None),
            seen(1280, 143.0, None),
        ];
        let pictures = judge(&a, &page, &[button()], &seen, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].id, FindingId::ButtonHidden);
        assert_eq!(
            findings[0].message,
            "in a browser, the button is hidden (display: none) at 360 px wide"
        );
        assert_eq!((findings[0].line, findings[0].column), (4, 3));
        assert_eq!(pictures.len(), 3);
        assert!(pictures[0].problems[0].contains("hidden"));
        assert!(pictures[1].problems.is_empty());
    }

    #[test]
    fn a_finding_of_the_scan_on_the_same_element_gains_what_the_browser_saw() {
        let a = Auditor::new(&Guide::embedded());
        let page = Origin::Named("a.html".into());
        let mut findings = vec![Finding {
            id: FindingId::ButtonResized,
            file: page.clone(),
            line: 5,
            column: 9,
            offset: 50,
            message: "the button is resized (width=\"100\")".into(),
            fix: "remove the size".into(),
            edit: None,
        }];
        let seen = [
            seen(360, 100.0, None),
            seen(768, 100.0, None),
            seen(1280, 100.0, None),
        ];
        judge(&a, &page, &[button()], &seen, &mut findings);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(
            findings[0].message,
            "the button is resized (width=\"100\"); in a browser, the button is drawn at 100×35.7, not 143×51 at every width (360, 768 and 1280 px)"
        );
    }

    #[test]
    fn the_button_as_issued_and_signposted_has_no_finding() {
        let a = Auditor::new(&Guide::embedded());
        let mut findings = Vec::new();
        let seen = [seen(360, 143.0, None)];
        judge(
            &a,
            &Origin::Named("a".into()),
            &[button()],
            &seen,
            &mut findings,
        );
        assert!(findings.is_empty(), "{findings:#?}");
    }

    /// The findings for `target` seen at 360 px as issued, but for `change`.
    fn ids_with(a: &Auditor, target: &Target, change: impl FnOnce(&mut Measure)) -> Vec<FindingId> {
        let mut s = seen(360, 143.0, None);
        change(&mut s.measure);
        problems(a, target, &s)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    #[test]
    fn half_a_pixel_either_way_is_the_size_as_issued_and_either_side_off_is_resized() {
        let a = Auditor::new(&Guide::embedded());
        let ids = |w: f64, h: f64| {
            ids_with(&a, &button(), |m| {
                m.w = w;
                m.h = h;
            })
        };
        assert!(ids(143.5, 51.0).is_empty());
        assert!(ids(143.0, 50.5).is_empty());
        assert_eq!(ids(143.6, 51.0), [FindingId::ButtonResized]);
        assert_eq!(ids(143.0, 52.0), [FindingId::ButtonResized], "height alone");
        assert_eq!(ids(142.0, 51.0), [FindingId::ButtonResized], "width alone");
    }

    #[test]
    fn the_image_file_is_judged_by_its_own_size_once_it_has_loaded() {
        let a = Auditor::new(&Guide::embedded());
        let ids = |nw: u32, nh: u32| {
            ids_with(&a, &button(), |m| {
                m.nw = nw;
                m.nh = nh;
            })
        };
        assert!(ids(0, 0).is_empty(), "not loaded: nothing to say of it");
        assert!(ids(143, 51).is_empty());
        assert_eq!(ids(100, 36), [FindingId::ButtonFileWrongSize]);
        assert_eq!(ids(143, 50), [FindingId::ButtonFileWrongSize]);
    }

    fn link() -> Target {
        Target {
            kind: Kind::Link,
            tag: "a",
            attr: "href",
            value: "https://www.ceop.police.uk/safety-centre/".into(),
            ..button()
        }
    }

    #[test]
    fn signposting_is_judged_at_the_link_or_at_a_button_with_no_link() {
        let a = Auditor::new(&Guide::embedded());
        let ids = |target: &Target, href: &str, text: &str| {
            ids_with(&a, target, |m| {
                m.href = href.into();
                m.text = text.into();
            })
        };
        let official = &a.signposting[0];
        assert_eq!(ids(&link(), "x", ""), [FindingId::NoSignposting]);
        assert!(ids(&link(), "x", official).is_empty());
        assert_eq!(
            ids(&button(), "", ""),
            [FindingId::NoSignposting],
            "no link around it"
        );
        assert!(ids(&button(), "", official).is_empty());
        assert!(
            ids(&button(), "https://www.ceop.police.uk/safety-centre/", "").is_empty(),
            "judged at its link"
        );
    }

    #[test]
    fn each_finding_of_the_browser_has_its_own_fix() {
        let a = Auditor::new(&Guide::embedded());
        for (id, words) in [
            (FindingId::ButtonResized, "at 143×51 at every width"),
            (FindingId::ButtonHidden, "make the button visible"),
            (FindingId::ButtonCropped, "room for 143×51"),
            (FindingId::ButtonOffPage, "inside the page"),
            (
                FindingId::ButtonFileWrongSize,
                "the Click CEOP GIF as issued",
            ),
            (FindingId::NoSignposting, "suggested signposting text"),
        ] {
            assert!(fix(&a, id).contains(words), "{id}: {}", fix(&a, id));
        }
    }

    #[test]
    fn only_a_scan_finding_of_the_same_id_page_and_element_is_merged() {
        let a = Auditor::new(&Guide::embedded());
        let page = Origin::Named("a.html".into());
        let scan = |id, file: &str, line| Finding {
            id,
            file: Origin::Named(file.into()),
            line,
            column: 1,
            offset: 0,
            message: "scan".into(),
            fix: "f".into(),
            edit: None,
        };
        let mut findings = vec![
            scan(FindingId::ButtonResized, "a.html", 9),
            scan(FindingId::ButtonAltered, "a.html", 4),
            scan(FindingId::ButtonResized, "b.html", 4),
        ];
        judge(
            &a,
            &page,
            &[button()],
            &[seen(360, 100.0, None)],
            &mut findings,
        );
        assert_eq!(findings.len(), 4, "{findings:#?}");
        assert!(findings[..3].iter().all(|f| f.message == "scan"));
        assert_eq!(findings[3].id, FindingId::ButtonResized);
        assert_eq!((findings[3].line, &findings[3].file), (4, &page));
    }
}
