//! Findings as text for people, JSON for scripts, and SARIF 2.1.0 for code scanning.

use serde_json::{Value, json};

use std::collections::BTreeMap;

pub use super::inputs::{SkipReason, Skipped};
use super::{Finding, FindingId, Origin, Severity};

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub skipped: usize,
    /// How many were skipped for each reason.
    pub skipped_by: BTreeMap<SkipReason, usize>,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn new(findings: &[Finding], files: usize, skipped: &[Skipped]) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity() == s).count();
        let mut skipped_by = BTreeMap::new();
        for s in skipped {
            *skipped_by.entry(s.reason).or_insert(0) += 1;
        }
        Summary {
            files,
            skipped: skipped.len(),
            skipped_by,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many files were skipped for one reason, in words: "2 binary files".
fn skipped_count(reason: SkipReason, n: usize) -> String {
    let (one, many) = match reason {
        SkipReason::NoLanguage => (
            "file in no language check reads",
            "files in no language check reads",
        ),
        SkipReason::Ignored => (
            "file hidden by ignore rules or a hidden name",
            "files hidden by ignore rules or a hidden name",
        ),
        SkipReason::Symlink => (
            "symbolic link, not followed",
            "symbolic links, not followed",
        ),
        SkipReason::Binary => ("binary file", "binary files"),
        SkipReason::TooBig => ("file larger than 10 MB", "files larger than 10 MB"),
        SkipReason::Unreadable => ("file that cannot be read", "files that cannot be read"),
    };
    plural(n, one, many)
}

/// `file:line:col: severity[id] Rn: message` and an indented fix, per finding.
pub fn text(findings: &[Finding], summary: &Summary, colour: bool) -> String {
    let paint = |code: &str, s: &str| {
        if colour {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    for f in findings {
        let sev = f.severity();
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        out.push_str(&format!(
            "{}: {} {}: {}\n  {} {}\n",
            paint(
                "1",
                &format!("{}:{}:{}", f.file.escaped(), f.line, f.column)
            ),
            paint(code, &format!("{sev}[{}]", f.id)),
            f.rule(),
            f.message,
            paint("2", "fix:"),
            f.fix
        ));
    }
    if !findings.is_empty() {
        out.push('\n');
    }
    let files = plural(summary.files, "file", "files");
    if findings.is_empty() {
        out.push_str(&format!("no findings in {files}"));
    } else {
        out.push_str(&format!(
            "{}, {}, {} in {files}",
            plural(summary.errors, "error", "errors"),
            plural(summary.warnings, "warning", "warnings"),
            plural(summary.infos, "info", "infos"),
        ));
    }
    if summary.skipped > 0 {
        let by: Vec<String> = summary
            .skipped_by
            .iter()
            .map(|(r, n)| skipped_count(*r, *n))
            .collect();
        out.push_str(&format!(
            " ({} skipped: {})",
            summary.skipped,
            by.join(", ")
        ));
    }
    out.push('\n');
    out
}

/// One JSON document: every finding, the skipped files and the counts.
pub fn json(findings: &[Finding], summary: &Summary, skipped: &[Skipped]) -> String {
    let findings: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut v = json!({
                "id": f.id.as_str(),
                "rule": f.rule().to_string(),
                "severity": f.severity().as_str(),
                "file": f.file.lossy(),
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "fix": f.fix,
                "fixable": f.edit.is_some(),
            });
            add_raw_name(&mut v, &f.file);
            v
        })
        .collect();
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|s| {
            let mut v = json!({
                "file": s.origin.lossy(),
                "reason": s.reason.as_str(),
                "why": match &s.detail {
                    Some(d) => format!("{} ({d})", s.reason.describe()),
                    None => s.reason.describe().to_string(),
                },
            });
            add_raw_name(&mut v, &s.origin);
            v
        })
        .collect();
    let by: serde_json::Map<String, Value> = summary
        .skipped_by
        .iter()
        .map(|(r, n)| (r.as_str().to_string(), json!(n)))
        .collect();
    let doc = json!({
        "tool": "ceop-onboard",
        "version": env!("CARGO_PKG_VERSION"),
        "findings": findings,
        "skipped": skipped,
        "summary": {
            "files": summary.files,
            "skipped": summary.skipped,
            "skipped_by_reason": by,
            "error": summary.errors,
            "warning": summary.warnings,
            "info": summary.infos,
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    s.push('\n');
    s
}

/// A file name that is not UTF-8 is written lossily in `file` (U+FFFD) and
/// exactly in `file_bytes`, its bytes as numbers, so a script can recover it.
fn add_raw_name(v: &mut Value, origin: &Origin) {
    if let Some(bytes) = origin.raw_bytes() {
        v["file_bytes"] = json!(bytes);
    }
}

/// A path as a SARIF artifact URI: relative paths stay relative (GitHub
/// resolves them against the repository), with `/` separators and
/// percent-encoding; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    uri_of_bytes(path.as_bytes())
}

/// [`uri`] of a name's own bytes: each byte that is not UTF-8 is
/// percent-encoded as it is, so the URI names the very file.
pub fn uri_of_bytes(path: &[u8]) -> String {
    let path: Vec<u8> = path
        .iter()
        .map(|&b| if b == b'\\' { b'/' } else { b })
        .collect();
    let absolute = path.starts_with(b"/");
    let mut path = &path[..];
    while let Some(rest) = path.strip_prefix(b"./") {
        path = rest;
    }
    let mut out = String::with_capacity(path.len());
    for &b in path {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if absolute {
        format!("file://{out}")
    } else {
        out
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF 2.1.0 log with one run: every finding kind as a rule, every
/// finding as a result with its location.
pub fn sarif(findings: &[Finding]) -> String {
    let rules: Vec<Value> = FindingId::ALL
        .iter()
        .map(|id| {
            json!({
                "id": id.as_str(),
                "name": id.as_str(),
                "shortDescription": { "text": id.title() },
                "fullDescription": {
                    "text": format!("{} (rule {} of the Click CEOP user guide)", id.title(), id.rule())
                },
                "defaultConfiguration": { "level": level(id.severity()) },
                "properties": { "tags": ["click-ceop", id.rule().to_string()] },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let index = FindingId::ALL
                .iter()
                .position(|id| *id == f.id)
                .expect("every id is in ALL");
            let name = f
                .file
                .raw_bytes()
                .unwrap_or_else(|| f.file.lossy().into_owned().into_bytes());
            // A fetched page's address is already an absolute URI.
            let is_url = matches!(f.file, super::Origin::Url(_));
            let uri = if is_url {
                f.file.lossy().into_owned()
            } else {
                uri_of_bytes(&name)
            };
            let mut location = json!({
                "artifactLocation": { "uri": uri },
                "region": { "startLine": f.line, "startColumn": f.column },
            });
            if !is_url && !name.starts_with(b"/") {
                location["artifactLocation"]["uriBaseId"] = json!("%SRCROOT%");
            }
            json!({
                "ruleId": f.id.as_str(),
                "ruleIndex": index,
                "level": level(f.severity()),
                "message": { "text": format!("{} ({}). Fix: {}", f.message, f.rule(), f.fix) },
                "locations": [{ "physicalLocation": location }],
                "properties": { "guideRule": f.rule().to_string(), "fixable": f.edit.is_some() },
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ceop-onboard",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./site/my page.html"), "site/my%20page.html");
        assert_eq!(uri("a\\b.php"), "a/b.php");
        assert_eq!(uri("/srv/x.html"), "file:///srv/x.html");
    }

    #[test]
    fn empty_text_report_says_so() {
        let skipped = [Skipped {
            origin: Origin::Named("x".into()),
            reason: SkipReason::Binary,
            detail: None,
        }];
        let s = Summary::new(&[], 3, &skipped);
        assert_eq!(
            text(&[], &s, false),
            "no findings in 3 files (1 skipped: 1 binary file)\n"
        );
    }

    #[test]
    fn a_name_that_is_not_utf8_is_kept_in_sarif() {
        assert_eq!(uri_of_bytes(b"./caf\xe9.html"), "caf%E9.html");
    }
}
