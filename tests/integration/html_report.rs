//! `check --report FILE.html`: written once, never over an existing file without --force.

use assert_cmd::Command;

#[test]
fn the_report_is_never_written_over_an_existing_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("a.html");
    std::fs::write(
        &page,
        "<a href=\"https://www.ceop.police.uk/safety-centre/\"><img src=\"clickceop.gif\" width=\"90\" alt=\"x\"></a>\n",
    )
    .unwrap();
    let report = dir.path().join("report.html");
    std::fs::write(&report, "keep me").unwrap();
    let run = |force: bool| {
        let mut c = Command::cargo_bin("ceop-onboard").unwrap();
        c.arg("check").arg(&page).arg("--report").arg(&report);
        if force {
            c.arg("--force");
        }
        c.output().unwrap()
    };
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "keep me");

    let written = run(true);
    assert_eq!(
        written.status.code(),
        Some(1),
        "the findings still decide the exit code"
    );
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("button-resized"));
    assert!(
        html.contains("<mark>1 | &lt;a href="),
        "the code excerpt, escaped"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left beside it");
}
