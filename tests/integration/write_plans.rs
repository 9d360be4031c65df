//! The all-or-none writer's own promises, through its API: a write that is
//! prepared and then given up leaves nothing behind, and a path through a
//! file that is not a directory is named for what it is.

use std::path::Path;

use ceop_onboard::fsio::write::{Expect, Plan, prepare, write_all};

fn create<'a>(path: &'a Path, contents: &'a str) -> Plan<'a> {
    Plan {
        path,
        contents: contents.as_bytes(),
        expect: Expect::Create { force: false },
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_prepared_write_given_up_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.html"), dir.path().join("b.md"));
    let prepared = prepare(&[create(&a, "A"), create(&b, "B")]).unwrap();
    assert_eq!(names(dir.path()).len(), 2, "two temporary files, staged");
    drop(prepared);
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn a_path_through_a_file_says_its_directory_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("ceop.html");
    let e = write_all(&[create(&target, "A")]).unwrap_err().to_string();
    assert!(e.contains("its directory does not exist"), "{e}");
    assert!(
        e.contains(&format!("create {} first", file.display())),
        "{e}"
    );
    assert_eq!(names(dir.path()), ["notes.txt"]);
}
