//! `--fix` on a copy of a corpus case: it may change CEOP link targets to
//! the Safety Centre and nothing else, visible text least of all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use super::corpus;

const SAFETY_CENTRE: &str = "https://www.ceop.police.uk/safety-centre";

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub(super) fn files_of(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// Runs `check --fix` on a copy of the case; every change it made outside a
/// link target.
pub(super) fn fix_problems(name: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(name);
    copy_tree(&corpus().join(name), &copy);
    let before = files_of(&copy);
    let out = Command::cargo_bin("ceop-onboard")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--fix", name])
        .output()
        .unwrap();
    let after = files_of(&copy);
    let mut problems = Vec::new();
    if out.status.code() == Some(2) {
        problems.push(format!(
            "--fix failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    if names(&before) != names(&after) {
        problems.push("--fix added or removed files".into());
        return problems;
    }
    for (path, old) in &before {
        let new = &after[path];
        if old != new {
            let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
            for p in changes_outside_targets(path, &old, &new) {
                problems.push(format!("{}: {p}", path.display()));
            }
        }
    }
    problems
}

/// Where `new` differs from `old` other than by a CEOP link target becoming
/// the Safety Centre. A target is a CEOP address right after a quote, `(`
/// or a backtick (attributes, JSX props, object values, `openURL("…")`,
/// Markdown destinations) or in a Markdown reference definition; an address
/// after `>` or a space is visible text, which `--fix` never changes. In
/// markup and Markdown the text outside tags (and Markdown destinations)
/// must also stay as it was.
fn changes_outside_targets(path: &Path, old: &str, new: &str) -> Vec<String> {
    let mut out = Vec::new();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let markup = [
        "html", "htm", "mustache", "hbs", "twig", "liquid", "vue", "svelte", "md",
    ];
    if markup.contains(&ext) && visible_text(old) != visible_text(new) {
        out.push("visible text outside tags changed".into());
    }
    let (ol, nl): (Vec<&str>, Vec<&str>) = (old.split('\n').collect(), new.split('\n').collect());
    if ol.len() != nl.len() {
        out.push(format!("{} lines became {}", ol.len(), nl.len()));
        return out;
    }
    for (i, (o, n)) in ol.iter().zip(&nl).enumerate() {
        if o == n {
            continue;
        }
        let (ot, nt) = (tokens(o), tokens(n));
        if ot.len() != nt.len() {
            out.push(format!("line {}: more than a link target changed", i + 1));
            continue;
        }
        let reference = o.trim_start().starts_with('[') && o.contains("]:");
        for ((before, ot), (_, nt)) in ot.iter().zip(&nt) {
            if ot == nt {
                continue;
            }
            let target = matches!(before, Some('"' | '\'' | '(' | '`'))
                || (reference && *before == Some(' '));
            if !ot.to_ascii_lowercase().contains("ceop.") || *nt != SAFETY_CENTRE {
                out.push(format!("line {}: {ot:?} became {nt:?}", i + 1));
            } else if !target {
                out.push(format!(
                    "line {}: {ot:?} after {before:?} is not a link target",
                    i + 1
                ));
            }
        }
    }
    out
}

/// A line cut at quotes, brackets, angle brackets and white space: each
/// piece with the delimiter before it.
fn tokens(line: &str) -> Vec<(Option<char>, &str)> {
    let mut out = Vec::new();
    let mut before = None;
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if matches!(
            c,
            '"' | '\'' | '`' | '(' | ')' | '<' | '>' | ' ' | '\t' | '[' | ']'
        ) {
            out.push((before, &line[start..i]));
            before = Some(c);
            start = i + c.len_utf8();
        }
    }
    out.push((before, &line[start..]));
    out
}

/// The text outside `<…>` tags and Markdown destinations `](…)`, without
/// Markdown reference definitions.
fn visible_text(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let t = line.trim_start();
        if t.starts_with('[') && t.contains("]:") {
            continue;
        }
        let mut rest = line;
        while let Some(i) = rest.find("](") {
            out.push_str(&rest[..i + 1]);
            rest = rest[i..].find(')').map_or("", |j| &rest[i + j + 1..]);
        }
        out.push_str(rest);
        out.push('\n');
    }
    let mut text = String::new();
    let mut in_tag = false;
    for c in out.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

#[test]
fn fix_judge_tells_targets_from_visible_text() {
    let old = r#"<a href="http://www.ceop.gov.uk/">www.ceop.gov.uk</a>"#;
    let good = r#"<a href="https://www.ceop.police.uk/safety-centre">www.ceop.gov.uk</a>"#;
    let bad = r#"<a href="http://www.ceop.gov.uk/">https://www.ceop.police.uk/safety-centre</a>"#;
    let html = Path::new("a.html");
    assert!(changes_outside_targets(html, old, good).is_empty());
    assert!(!changes_outside_targets(html, old, bad).is_empty());
    let md = "[ceop]: http://www.ceop.police.uk/";
    let md_fixed = "[ceop]: https://www.ceop.police.uk/safety-centre";
    assert!(changes_outside_targets(Path::new("a.md"), md, md_fixed).is_empty());
    let link = "[![Click CEOP](b.gif)](http://www.ceop.police.uk/)";
    let link_fixed = "[![Click CEOP](b.gif)](https://www.ceop.police.uk/safety-centre)";
    assert!(changes_outside_targets(Path::new("a.md"), link, link_fixed).is_empty());
    let prose = "Visit www.ceop.police.uk today";
    let prose_fixed = "Visit https://www.ceop.police.uk/safety-centre today";
    assert!(!changes_outside_targets(Path::new("a.md"), prose, prose_fixed).is_empty());
    let kt = r#"open("http://www.ceop.police.uk/safety-centre")"#;
    let kt_fixed = r#"open("https://www.ceop.police.uk/safety-centre")"#;
    assert!(changes_outside_targets(Path::new("A.kt"), kt, kt_fixed).is_empty());
}
