//! Which elements of a page the browser measures: the buttons and CEOP links the static scan identified, named so the browser's DOM can find them again.

use serde::Serialize;

use crate::audit::identify::Found;
use crate::audit::{Auditor, LineIndex, SiteFacts, Source};

/// What a target is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Button,
    Link,
}

/// One element to find in the browser and measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Target {
    pub kind: Kind,
    /// `img` or `a`.
    pub tag: &'static str,
    /// `src` or `href`.
    pub attr: &'static str,
    /// The attribute's value, entities decoded, as the DOM has it.
    pub value: String,
    /// Which of the elements with this tag and value it is, from 0.
    pub nth: usize,
    /// Where its tag starts in the source (1-based), for findings.
    #[serde(skip)]
    pub line: usize,
    #[serde(skip)]
    pub column: usize,
    #[serde(skip)]
    pub offset: usize,
    /// The last line of its start tag: a static finding of the element
    /// lies between `line` and this.
    #[serde(skip)]
    pub last_line: usize,
}

/// The buttons and CEOP links of one page, in document order.
pub fn of_page(auditor: &Auditor, source: &Source) -> Vec<Target> {
    let (_, found) = SiteFacts::of_page(auditor, source);
    match found {
        Some(found) => from_found(&found, source.text),
        None => Vec::new(),
    }
}

fn from_found(found: &Found, text: &str) -> Vec<Target> {
    let lines = LineIndex::new(text);
    let elements = &found.markup.elements;
    let mut wanted: Vec<(usize, Kind)> = found
        .buttons
        .iter()
        .map(|&i| (i, Kind::Button))
        .chain(found.link_elements.iter().map(|&i| (i, Kind::Link)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup_by_key(|w| w.0);
    let value_of = |i: usize, attr: &str| {
        elements[i]
            .attr(text, &[attr])
            .map(|v| html_escape::decode_html_entities(v).into_owned())
    };
    let mut out = Vec::new();
    for (i, kind) in wanted {
        let e = &elements[i];
        let (tag, attr) = match e.name.as_str() {
            "img" => ("img", "src"),
            "a" => ("a", "href"),
            _ => continue,
        };
        let Some(value) = value_of(i, attr) else {
            continue;
        };
        let nth = (0..i)
            .filter(|&j| elements[j].name == tag && value_of(j, attr).as_ref() == Some(&value))
            .count();
        let (line, column) = lines.locate(text, e.start);
        let (last_line, _) = lines.locate(text, e.open_end.saturating_sub(1));
        out.push(Target {
            kind,
            tag,
            attr,
            value,
            nth,
            line,
            column,
            offset: e.start,
            last_line,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::FileKind;
    use crate::guide::Guide;

    fn targets(text: &str) -> Vec<Target> {
        let source = Source {
            file: "a.html",
            kind: FileKind::Markup,
            text,
            app: None,
        };
        of_page(&Auditor::new(&Guide::embedded()), &source)
    }

    #[test]
    fn buttons_and_ceop_links_are_named_by_value_and_rank() {
        let t = targets(
            "<p><img src=\"clickceop.gif\"></p>\n<a href=\"https://www.ceop.police.uk/safety-centre/?a=1&amp;b=2\">\n<img src=\"clickceop.gif\" alt=\"Click CEOP\"></a>\n",
        );
        let brief: Vec<_> = t
            .iter()
            .map(|t| (t.kind, t.tag, t.value.as_str(), t.nth, t.line))
            .collect();
        assert_eq!(
            brief,
            [
                (Kind::Button, "img", "clickceop.gif", 0, 1),
                (
                    Kind::Link,
                    "a",
                    "https://www.ceop.police.uk/safety-centre/?a=1&b=2",
                    0,
                    2
                ),
                (Kind::Button, "img", "clickceop.gif", 1, 3),
            ]
        );
    }

    #[test]
    fn the_rank_counts_only_earlier_tags_of_the_same_kind_and_value() {
        let t = targets(
            "<img src=\"logo.png\"><a href=\"https://www.ceop.police.uk/safety-centre\"><img src=\"clickceop.gif\" alt=\"Click CEOP\"></a>",
        );
        let ranks: Vec<_> = t.iter().map(|t| (t.tag, t.nth)).collect();
        assert_eq!(ranks, [("a", 0), ("img", 0)]);
    }
}
