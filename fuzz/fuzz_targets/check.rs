//! The `check` scanner: any file, read as any kind, is audited without a
//! panic; every finding points inside the file at the line and column its
//! offset gives; `--fix` edits only link targets, into the Safety Centre
//! address, and a fixed file needs no more fixing when its tags read the
//! same as before; the JSON and SARIF reports parse.
//!
//! An input is one byte choosing the file kind, one byte of flags (bit 0:
//! treat the file as part of a browser extension), then the file's bytes.
#![no_main]

use std::sync::OnceLock;

use ceop_onboard::audit::report::{self, Summary};
use ceop_onboard::audit::{AppKind, Auditor, FileKind, Finding, Source, decode, fix, markup};
use libfuzzer_sys::fuzz_target;

const KINDS: [(FileKind, &str); 13] = [
    (FileKind::Markup, "page.html"),
    (FileKind::Markdown, "README.md"),
    (FileKind::Css, "site.css"),
    (FileKind::Script, "App.jsx"),
    (FileKind::Vue, "Footer.vue"),
    (FileKind::Svelte, "Footer.svelte"),
    (FileKind::Swift, "Help.swift"),
    (FileKind::Kotlin, "Help.kt"),
    (FileKind::Java, "Help.java"),
    (FileKind::Xml, "strings.xml"),
    (FileKind::Dart, "help.dart"),
    (FileKind::Text, "newsletter.txt"),
    (FileKind::Markup, "footer.php"),
];

fn auditor() -> &'static Auditor {
    static AUDITOR: OnceLock<Auditor> = OnceLock::new();
    AUDITOR.get_or_init(|| Auditor::new(ceop_onboard_fuzz::embedded_guide()))
}

fn scan(bytes: &[u8], file: &str, kind: FileKind, app: Option<AppKind>) -> Vec<Finding> {
    let text = decode(bytes);
    assert_eq!(text.len(), bytes.len(), "decoding moved offsets");
    let scan = auditor().scan(&Source {
        file,
        kind,
        text: &text,
        app,
    });
    for f in &scan.findings {
        check_place(&text, f);
    }
    for image in &scan.local_images {
        assert!(image.offset <= text.len() && !image.src.is_empty());
        assert_eq!(
            (image.line, image.column),
            place(&text, image.offset),
            "{image:?}"
        );
    }
    scan.findings
}

/// How the markup parser reads a file's tags: names, nesting and closing.
fn tags(bytes: &[u8]) -> Vec<(String, Option<usize>, bool, bool)> {
    markup::parse(&decode(bytes))
        .elements
        .into_iter()
        .map(|e| (e.name, e.parent, e.self_closing, e.close.is_some()))
        .collect()
}

/// Line and column (characters, 1-based) of a byte offset, counted afresh.
fn place(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn check_place(text: &str, f: &Finding) {
    assert!(f.offset <= text.len(), "{f:?}: offset past the end");
    assert_eq!((f.line, f.column), place(text, f.offset), "{f:?}");
    assert!(!f.message.is_empty() && !f.fix.is_empty(), "{f:?}");
    assert!(
        !f.message.contains('\n') && !f.fix.contains('\n'),
        "{f:?}: a finding is one line"
    );
    if let Some(e) = &f.edit {
        assert!(e.start <= e.end && e.end <= text.len(), "{f:?}");
        assert!(
            text.is_char_boundary(e.start) && text.is_char_boundary(e.end),
            "{f:?}: an edit splits a character"
        );
        assert_eq!(e.start, f.offset, "{f:?}: the edit is not at the finding");
        assert_eq!(
            e.replacement,
            ceop_onboard_fuzz::embedded_guide().facts.safety_centre_url,
            "{f:?}: --fix writes only the Safety Centre address"
        );
        let target = &text[e.start..e.end];
        assert!(
            target.to_ascii_lowercase().contains("ceop"),
            "{f:?}: --fix would rewrite {target:?}, which is not a CEOP address"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let [kind, flags, bytes @ ..] = data else {
        return;
    };
    let (kind, file) = KINDS[usize::from(*kind) % KINDS.len()];
    let app = (flags & 1 == 1).then_some(AppKind::BrowserExtension);

    let findings = scan(bytes, file, kind, app);

    // --fix: the edits apply without overlap, and the fixed file has no
    // link left to fix. In broken markup a new address can change how the
    // tags around it are read (a quote or `>` inside the old one); then the
    // fixed file is a different page, and only the first check holds.
    let edits = fix::edits(&findings);
    if !edits.is_empty() {
        let fixed = fix::apply(bytes, &edits);
        let again = scan(&fixed, file, kind, app);
        if tags(bytes) != tags(&fixed) {
            return;
        }
        let left: Vec<_> = again.iter().filter(|f| f.edit.is_some()).collect();
        assert!(
            left.is_empty(),
            "--fix is not idempotent: after fixing, {left:?}\n{}",
            String::from_utf8_lossy(&fixed)
        );
    }

    // Reports: JSON and SARIF parse; text has a line per finding.
    let summary = Summary::new(&findings, 1, &[]);
    let json: serde_json::Value = serde_json::from_str(&report::json(&findings, &summary, &[]))
        .expect("the JSON report parses");
    assert_eq!(
        json["findings"].as_array().map(Vec::len),
        Some(findings.len())
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&report::sarif(&findings)).expect("the SARIF report parses");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(findings.len())
    );
    let text = report::text(&findings, &summary, false);
    assert!(text.lines().count() >= findings.len());
});
