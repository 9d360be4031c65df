//! `--fix`'s edits as data: which are kept, how they are applied, and the
//! diff that shows them.

use ceop_onboard::audit::fix::{apply, diff, edits};
use ceop_onboard::audit::{Edit, Finding, FindingId, Origin};

fn edit(start: usize, end: usize, with: &str) -> Edit {
    Edit {
        start,
        end,
        replacement: with.into(),
    }
}

fn with_edit(e: Option<Edit>) -> Finding {
    Finding {
        id: FindingId::LinkInsecure,
        file: Origin::Named("a".into()),
        line: 1,
        column: 1,
        offset: 0,
        message: String::new(),
        fix: String::new(),
        edit: e,
    }
}

#[test]
fn edits_are_ordered_once_each_and_never_overlap() {
    let findings = [
        with_edit(Some(edit(10, 12, "b"))),
        with_edit(None),
        with_edit(Some(edit(0, 4, "a"))),
        with_edit(Some(edit(10, 12, "b"))),
        with_edit(Some(edit(3, 6, "x"))),
        with_edit(Some(edit(4, 6, "c"))),
        with_edit(Some(edit(12, 12, "d"))),
    ];
    assert_eq!(
        edits(&findings),
        [
            edit(0, 4, "a"),
            edit(4, 6, "c"),
            edit(10, 12, "b"),
            edit(12, 12, "d")
        ]
    );
}

#[test]
fn edits_apply_in_place_and_bad_ones_are_passed_over() {
    assert_eq!(apply(b"abcdef", &[]), b"abcdef");
    assert_eq!(apply(b"abcdef", &[edit(0, 6, "X")]), b"X");
    assert_eq!(apply(b"abcdef", &[edit(2, 2, "X")]), b"abXcdef");
    assert_eq!(
        apply(b"abcdef", &[edit(0, 1, "X"), edit(1, 2, "Y")]),
        b"XYcdef"
    );
    assert_eq!(apply(b"abcdef", &[edit(4, 3, "X")]), b"abcdef");
    assert_eq!(apply(b"abcdef", &[edit(5, 7, "X")]), b"abcdef");
    assert_eq!(apply(b"abcdef", &[edit(3, 6, "X")]), b"abcX");
}

#[test]
fn the_diff_shows_each_run_of_changed_lines() {
    let before = b"1\n2\n3\n4\n5\r\n6";
    let after = b"1\nB\nC\n4\nE\r\nF";
    assert_eq!(
        diff("x.html", before, after),
        "--- a/x.html\n+++ b/x.html\n\
         @@ -2,2 +2,2 @@\n-2\n-3\n+B\n+C\n\
         @@ -5,2 +5,2 @@\n-5\n-6\n+E\n+F\n"
    );
    assert_eq!(diff("x", b"same\n", b"same\n"), "--- a/x\n+++ b/x\n");
    // A last line added or taken away.
    assert_eq!(
        diff("x", b"a\n", b"a\nb\n"),
        "--- a/x\n+++ b/x\n@@ -2,0 +2,1 @@\n+b\n"
    );
    assert_eq!(
        diff("x", b"a\nb\n", b"a\n"),
        "--- a/x\n+++ b/x\n@@ -2,1 +2,0 @@\n-b\n"
    );
}
