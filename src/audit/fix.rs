//! `--fix`: put the Safety Centre address in place of each wrong link target, and show what changed.
//!
//! Only link targets are rewritten; everything else a finding reports needs
//! a person (a resized image may need a new layout; signposting needs words
//! chosen for the audience).

use super::{Edit, Finding};

/// The edits the findings carry, in order, without overlaps.
pub fn edits(findings: &[Finding]) -> Vec<Edit> {
    let mut edits: Vec<Edit> = findings.iter().filter_map(|f| f.edit.clone()).collect();
    edits.sort_by_key(|e| (e.start, e.end));
    edits.dedup();
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if out.last().is_none_or(|last| last.end <= e.start) {
            out.push(e);
        }
    }
    out
}

/// `bytes` with each edit applied. Offsets are byte offsets of `bytes`.
pub fn apply(bytes: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut pos = 0;
    for e in edits {
        if e.start < pos || e.end > bytes.len() || e.start > e.end {
            continue;
        }
        out.extend_from_slice(&bytes[pos..e.start]);
        out.extend_from_slice(e.replacement.as_bytes());
        pos = e.end;
    }
    out.extend_from_slice(&bytes[pos..]);
    out
}

/// A unified diff without context lines (`diff -U0`) of two versions of a
/// file that have the same number of lines.
pub fn diff(name: &str, before: &[u8], after: &[u8]) -> String {
    let old: Vec<&[u8]> = before.split_inclusive(|&b| b == b'\n').collect();
    let new: Vec<&[u8]> = after.split_inclusive(|&b| b == b'\n').collect();
    let mut out = format!("--- a/{name}\n+++ b/{name}\n");
    let mut i = 0;
    let n = old.len().max(new.len());
    while i < n {
        if old.get(i) == new.get(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && old.get(i) != new.get(i) {
            i += 1;
        }
        let take = |lines: &[&[u8]]| -> Vec<String> {
            lines[start.min(lines.len())..i.min(lines.len())]
                .iter()
                .map(|l| {
                    String::from_utf8_lossy(l)
                        .trim_end_matches(['\n', '\r'])
                        .to_string()
                })
                .collect()
        };
        let (o, nw) = (take(&old), take(&new));
        out.push_str(&format!(
            "@@ -{},{} +{},{} @@\n",
            start + 1,
            o.len(),
            start + 1,
            nw.len()
        ));
        for l in o {
            out.push_str(&format!("-{l}\n"));
        }
        for l in nw {
            out.push_str(&format!("+{l}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_and_shows_the_changed_lines() {
        let before = b"a\n<a href=\"http://x\">\nb\n";
        let start = 11;
        let edit = Edit {
            start,
            end: start + 8,
            replacement: "https://y".into(),
        };
        let after = apply(before, &[edit]);
        assert_eq!(after, b"a\n<a href=\"https://y\">\nb\n");
        assert_eq!(
            diff("f.html", before, &after),
            "--- a/f.html\n+++ b/f.html\n@@ -2,1 +2,1 @@\n-<a href=\"http://x\">\n+<a href=\"https://y\">\n"
        );
    }

    #[test]
    fn overlapping_or_out_of_range_edits_are_ignored() {
        let e = |s, e| Edit {
            start: s,
            end: e,
            replacement: "Z".into(),
        };
        assert_eq!(apply(b"abcdef", &[e(1, 3), e(2, 4), e(5, 99)]), b"aZdef");
    }
}
