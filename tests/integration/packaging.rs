//! The `.deb` holds what an IT admin expects of a system tool: the binary,
//! a man page for the command and for each subcommand, bash, zsh and fish
//! completions where those shells look, the README and the licences.
//!
//! Needs the package built by `bash packaging/build-deb.sh` (cargo-deb and a
//! release build), so plain `cargo test` ignores it; `.ci/test.sh` builds the
//! package first and runs it. A missing package fails the test.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use crate::term::require;

/// `target/debian/ceop-onboard_VERSION-1_ARCH.deb`, or `$CEOP_DEB`.
fn deb() -> PathBuf {
    if let Some(path) = std::env::var_os("CEOP_DEB") {
        return PathBuf::from(path);
    }
    let arch = Command::new("dpkg")
        .arg("--print-architecture")
        .output()
        .expect("dpkg runs");
    let arch = String::from_utf8(arch.stdout).unwrap();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("debian").join(format!(
        "ceop-onboard_{}-1_{}.deb",
        env!("CARGO_PKG_VERSION"),
        arch.trim()
    ))
}

/// The regular files in the package, as absolute paths.
fn files_in(deb: &std::path::Path) -> BTreeSet<String> {
    let out = Command::new("dpkg-deb")
        .arg("--contents")
        .arg(deb)
        .output()
        .expect("dpkg-deb runs");
    assert!(
        out.status.success(),
        "dpkg-deb --contents {} failed:\n{}",
        deb.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with('-'))
        .filter_map(|l| l.split_whitespace().last())
        .map(|p| p.trim_start_matches('.').to_string())
        .collect()
}

#[test]
#[ignore = "needs the .deb from packaging/build-deb.sh: run by .ci/run"]
fn deb_holds_the_binary_man_pages_completions_readme_and_licences() {
    require("dpkg-deb", "dpkg");
    let deb = deb();
    assert!(
        deb.is_file(),
        "{} not found: run `bash packaging/build-deb.sh` (the test script does)",
        deb.display()
    );
    let doc = "/usr/share/doc/ceop-onboard";
    let mut expected: BTreeSet<String> = [
        "/usr/bin/ceop-onboard".to_string(),
        "/usr/share/bash-completion/completions/ceop-onboard".into(),
        "/usr/share/zsh/vendor-completions/_ceop-onboard".into(),
        "/usr/share/fish/vendor_completions.d/ceop-onboard.fish".into(),
        format!("{doc}/README.md"),
        format!("{doc}/LICENSE-MIT"),
        format!("{doc}/LICENSE-APACHE"),
        format!("{doc}/copyright"),
    ]
    .into();
    // One page per command a user can run, gzipped as Debian policy asks.
    for (name, _) in ceop_onboard::manual::pages() {
        expected.insert(format!("/usr/share/man/man1/{name}.gz"));
    }
    assert!(expected.contains("/usr/share/man/man1/ceop-onboard-generate.1.gz"));
    let found = files_in(&deb);
    assert_eq!(
        found,
        expected,
        "{} holds other files than expected (missing: {:?}, extra: {:?})",
        deb.display(),
        expected.difference(&found).collect::<Vec<_>>(),
        found.difference(&expected).collect::<Vec<_>>()
    );
}
