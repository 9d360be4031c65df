//! `check`'s text report for people: one finding per line with its fix,
//! counts in words, what was skipped and why, colour only when asked.

use ceop_onboard::audit::report::{SkipReason, Skipped, Summary, sarif, text};
use ceop_onboard::audit::{Finding, FindingId, Origin};
use serde_json::Value;

fn finding(id: FindingId, line: usize, message: &str) -> Finding {
    Finding {
        id,
        file: Origin::Named("site/a.html".into()),
        line,
        column: 3,
        offset: 0,
        message: message.into(),
        fix: "do this".into(),
        edit: None,
    }
}

fn skipped(reason: SkipReason) -> Skipped {
    Skipped {
        origin: Origin::Named("x".into()),
        reason,
        detail: None,
    }
}

#[test]
fn each_finding_is_a_line_and_its_fix_then_the_counts() {
    let findings = [
        finding(FindingId::LinkRetiredDomain, 4, "old address"),
        finding(FindingId::NoSignposting, 9, "no words"),
        finding(FindingId::LinkPicture, 12, "a picture"),
    ];
    let skips = [
        skipped(SkipReason::Binary),
        skipped(SkipReason::Binary),
        skipped(SkipReason::Ignored),
    ];
    let summary = Summary::new(&findings, 1, &skips);
    let severities: Vec<String> = findings.iter().map(|f| f.severity().to_string()).collect();
    assert_eq!(
        text(&findings, &summary, false),
        format!(
            "site/a.html:4:3: {}[link-retired-domain] R7: old address\n  fix: do this\n\
             site/a.html:9:3: {}[no-signposting] R6: no words\n  fix: do this\n\
             site/a.html:12:3: {}[link-picture] R5: a picture\n  fix: do this\n\
             \n\
             1 error, 1 warning, 1 info in 1 file (3 skipped: 1 file hidden by ignore rules or a hidden name, 2 binary files)\n",
            severities[0], severities[1], severities[2]
        )
    );
    let two = [findings[0].clone(), findings[0].clone()];
    assert!(
        text(&two, &Summary::new(&two, 2, &[]), false)
            .ends_with("\n2 errors, 0 warnings, 0 infos in 2 files\n")
    );
}

#[test]
fn colour_marks_the_place_the_severity_and_the_fix() {
    let f = [finding(FindingId::LinkRetiredDomain, 4, "old")];
    let out = text(&f, &Summary::new(&f, 1, &[]), true);
    assert!(out.starts_with("\x1b[1msite/a.html:4:3\x1b[0m: \x1b[1;31merror[link-retired-domain]\x1b[0m R7: old\n  \x1b[2mfix:\x1b[0m do this\n"), "{out:?}");
    let f = [finding(FindingId::NoSignposting, 1, "w")];
    assert!(text(&f, &Summary::new(&f, 1, &[]), true).contains("\x1b[1;33mwarning["));
    let f = [finding(FindingId::LinkPicture, 1, "i")];
    assert!(text(&f, &Summary::new(&f, 1, &[]), true).contains("\x1b[1;36minfo["));
    assert_eq!(
        text(&[], &Summary::new(&[], 1, &[]), true),
        "no findings in 1 file\n"
    );
}

#[test]
fn skipped_files_are_counted_in_words_for_each_reason() {
    let line = |reason: SkipReason, n: usize| {
        let skips: Vec<Skipped> = (0..n).map(|_| skipped(reason)).collect();
        text(&[], &Summary::new(&[], 0, &skips), false)
    };
    use SkipReason::*;
    for (reason, one, two) in [
        (
            NoLanguage,
            "1 file in no language check reads",
            "2 files in no language check reads",
        ),
        (
            Ignored,
            "1 file hidden by ignore rules or a hidden name",
            "2 files hidden by ignore rules or a hidden name",
        ),
        (
            Symlink,
            "1 symbolic link, not followed",
            "2 symbolic links, not followed",
        ),
        (Binary, "1 binary file", "2 binary files"),
        (
            TooBig,
            "1 file larger than 10 MB",
            "2 files larger than 10 MB",
        ),
        (
            Unreadable,
            "1 file that cannot be read",
            "2 files that cannot be read",
        ),
    ] {
        assert_eq!(
            line(reason, 1),
            format!("no findings in 0 files (1 skipped: {one})\n")
        );
        assert_eq!(
            line(reason, 2),
            format!("no findings in 0 files (2 skipped: {two})\n")
        );
    }
}

/// A file named relative to where `check` ran is resolved against the
/// source root (`%SRCROOT%`); an absolute file and a fetched page name
/// themselves in full.
#[test]
fn sarif_resolves_only_relative_files_against_the_source_root() {
    let relative = finding(FindingId::LinkRetiredDomain, 4, "old address");
    let mut absolute = finding(FindingId::NoSignposting, 9, "no words");
    absolute.file = Origin::Path("/srv/www/b c.html".into());
    let mut fetched = finding(FindingId::LinkPicture, 12, "a picture");
    fetched.file = Origin::Url("https://school.example/help?a=1".into());
    let log: Value = serde_json::from_str(&sarif(&[relative, absolute, fetched])).unwrap();
    let found: Vec<(String, Value, u64, u64)> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let l = &r["locations"][0]["physicalLocation"];
            (
                l["artifactLocation"]["uri"].as_str().unwrap().to_string(),
                l["artifactLocation"]["uriBaseId"].clone(),
                l["region"]["startLine"].as_u64().unwrap(),
                l["region"]["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("site/a.html".into(), Value::from("%SRCROOT%"), 4, 3),
            ("file:///srv/www/b%20c.html".into(), Value::Null, 9, 3),
            ("https://school.example/help?a=1".into(), Value::Null, 12, 3),
        ]
    );
}
