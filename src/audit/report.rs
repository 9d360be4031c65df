//! Findings as text for people, JSON for scripts, and SARIF 2.1.0 for code scanning.

use serde_json::{Value, json};

use super::{Finding, FindingId, Severity};

/// A file that was not audited, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// Counts for the closing line and the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub skipped: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn new(findings: &[Finding], files: usize, skipped: usize) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity() == s).count();
        Summary {
            files,
            skipped,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
            paint("1", &format!("{}:{}:{}", f.file, f.line, f.column)),
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
        out.push_str(&format!(" ({} skipped)", summary.skipped));
    }
    out.push('\n');
    out
}

/// One JSON document: every finding, the skipped files and the counts.
pub fn json(findings: &[Finding], summary: &Summary, skipped: &[Skipped]) -> String {
    let findings: Vec<Value> = findings
        .iter()
        .map(|f| {
            json!({
                "id": f.id.as_str(),
                "rule": f.rule().to_string(),
                "severity": f.severity().as_str(),
                "file": f.file,
                "line": f.line,
                "column": f.column,
                "message": f.message,
                "fix": f.fix,
                "fixable": f.edit.is_some(),
            })
        })
        .collect();
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|s| json!({ "file": s.file, "reason": s.reason }))
        .collect();
    let doc = json!({
        "tool": "ceop-onboard",
        "version": env!("CARGO_PKG_VERSION"),
        "findings": findings,
        "skipped": skipped,
        "summary": {
            "files": summary.files,
            "skipped": summary.skipped,
            "error": summary.errors,
            "warning": summary.warnings,
            "info": summary.infos,
        },
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values serialise");
    s.push('\n');
    s
}

/// A path as a SARIF artifact URI: relative paths stay relative (GitHub
/// resolves them against the repository), with `/` separators and
/// percent-encoding; absolute paths become `file://` URIs.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let path = path.trim_start_matches("./");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
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
            let mut location = json!({
                "artifactLocation": { "uri": uri(&f.file) },
                "region": { "startLine": f.line, "startColumn": f.column },
            });
            if !f.file.starts_with('/') {
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
        let s = Summary::new(&[], 3, 1);
        assert_eq!(text(&[], &s, false), "no findings in 3 files (1 skipped)\n");
    }
}
