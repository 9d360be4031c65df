//! The real binary's plain mode in a real terminal (tmux), along the same
//! path as the full-screen test: the line prompter under TERM=dumb (no
//! escape sequences at all) and inquire's prompts with --plain. Both must
//! print exactly the artifact `generate` gives.

use std::path::Path;
use std::time::Duration;

use crate::term::{Tmux, quoted, read, require, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

const WALKED: &str = r#"
read_guidance = true
organisation_name = "St Example Primary"
uk = "yes"
serves_children = "yes"
organisation = "school"
content_appropriate = "yes"
no_endorsement = true
platform = "website"
audience = "children"
placement = "safety-area"
image_src = "/images/clickceop.gif"
new_tab = false
"#;

fn expected_html(dir: &Path) -> Vec<u8> {
    let answers = dir.join("walked.toml");
    std::fs::write(&answers, WALKED).unwrap();
    let out = std::process::Command::new(BIN)
        .args(["generate", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    out.stdout
}

fn send(tmux: &Tmux, keys: &[&str]) {
    for k in keys {
        let out = match k.strip_prefix("text:") {
            Some(text) => tmux
                .cmd()
                .args(["send-keys", "-t", "w", "-l", text])
                .output(),
            None => tmux.cmd().args(["send-keys", "-t", "w", k]).output(),
        }
        .unwrap();
        assert!(out.status.success());
        std::thread::sleep(Duration::from_millis(40));
    }
}

fn wait_rc(rc: &Path, tmux: &Tmux, err: &Path) -> String {
    wait_for(Duration::from_secs(30), || {
        Some(read(rc)).filter(|s| s.ends_with('\n'))
    })
    .unwrap_or_else(|| {
        panic!(
            "the program did not finish; screen:\n{}\nstderr:\n{}",
            tmux.screen(),
            read(err)
        )
    })
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn plain_lines_under_term_dumb_print_the_artifact_and_no_escape_sequences() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (err, out, rc) = (
        dir.path().join("err"),
        dir.path().join("out"),
        dir.path().join("rc"),
    );
    let pane = dir.path().join("pane.sh");
    std::fs::write(
        &pane,
        format!(
            "cd {d}\nXDG_STATE_HOME={d}/state TERM=dumb {bin} 2>{err} >{out}\necho $? >{rc}\nexec cat >/dev/null\n",
            d = quoted(dir.path()),
            bin = quoted(Path::new(BIN)),
            err = quoted(&err),
            out = quoted(&out),
            rc = quoted(&rc)
        ),
    )
    .unwrap();
    let tmux = Tmux::start("plain-dumb", Path::new("/dev/null"), &pane);
    wait_for(Duration::from_secs(10), || {
        Some(read(&err)).filter(|s| s.contains("Start?"))
    })
    .expect("the welcome prompt");
    // Lines are read one at a time, so they can be typed ahead.
    let mut lines: Vec<&str> = vec!["", "", "", "", "", "", "", "", "", "", ""]; // start, 10 sections
    lines.extend([
        "",                   // I confirm I have read it
        "St Example Primary", // name
        "",
        "",
        "",
        "", // UK, serves, school, content
        "", // no endorsement
        "",
        "", // website, children
        "", // safety area
        "/images/clickceop.gif",
        "",   // no button file
        "",   // new tab: no
        "",   // continue to the result
        "10", // print the html to standard output
        "14", // quit
    ]);
    for l in lines {
        if !l.is_empty() {
            send(&tmux, &[&format!("text:{l}")]);
        }
        send(&tmux, &["Enter"]);
    }
    assert_eq!(wait_rc(&rc, &tmux, &err), "0\n");
    let raw = std::fs::read(&err).unwrap();
    assert!(
        !raw.contains(&0x1b),
        "an escape sequence in plain output:\n{}",
        String::from_utf8_lossy(&raw)
    );
    let text = String::from_utf8(raw).unwrap();
    assert!(
        text.contains("Your organisation may host the Click CEOP button"),
        "{text}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), expected_html(dir.path()));
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn plain_flag_with_inquire_prompts_prints_the_same_artifact() {
    require("tmux", "tmux");
    let dir = tempfile::tempdir().unwrap();
    let (out, rc) = (dir.path().join("out"), dir.path().join("rc"));
    let pane = dir.path().join("pane.sh");
    std::fs::write(
        &pane,
        format!(
            "cd {d}\nXDG_STATE_HOME={d}/state {bin} --plain >{out}\necho $? >{rc}\nexec cat >/dev/null\n",
            d = quoted(dir.path()),
            bin = quoted(Path::new(BIN)),
            out = quoted(&out),
            rc = quoted(&rc)
        ),
    )
    .unwrap();
    let tmux = Tmux::start("plain-inquire", Path::new("/dev/null"), &pane);
    let expect = |text: &str| {
        wait_for(Duration::from_secs(10), || {
            Some(tmux.screen()).filter(|s| s.contains(text))
        })
        .unwrap_or_else(|| panic!("never showed “{text}”:\n{}", tmux.screen()));
    };
    expect("Start?");
    send(&tmux, &["Enter"]);
    for _ in 0..10 {
        expect("Have you read this section?");
        send(&tmux, &["Enter"]);
    }
    expect("I have read the guidance in full");
    send(&tmux, &["Enter"]);
    expect("Your organisation's name");
    send(&tmux, &["text:St Example Primary", "Enter"]);
    for _ in 0..4 {
        send(&tmux, &["Enter"]);
    }
    expect("I understand that hosting the button");
    send(&tmux, &["Enter"]);
    expect("Where will children or families find the link?");
    send(&tmux, &["Enter"]);
    expect("Who is it for?");
    send(&tmux, &["Enter", "Enter"]);
    expect("Where is the unmodified button GIF hosted");
    send(&tmux, &["text:/images/clickceop.gif", "Enter"]);
    expect("Path to a local copy of the GIF");
    send(&tmux, &["Enter"]);
    expect("Open the Safety Centre in a new tab");
    send(&tmux, &["Enter"]);
    expect("Is this right?");
    send(&tmux, &["Enter"]);
    expect("What next?");
    send(&tmux, &["text:Print the html", "Enter"]);
    expect("What next?");
    send(&tmux, &["text:Quit", "Enter"]);
    let code = wait_for(Duration::from_secs(20), || {
        Some(read(&rc)).filter(|s| s.ends_with('\n'))
    });
    assert_eq!(code.as_deref(), Some("0\n"), "screen:\n{}", tmux.screen());
    assert_eq!(std::fs::read(&out).unwrap(), expected_html(dir.path()));
}
