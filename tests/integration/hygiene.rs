//! What reaches a terminal or a document is what was meant: config text
//! cannot send escape sequences, an organisation name cannot hide
//! formatting characters, an image `generate` accepts is one `check`
//! accepts, and every error is one message.

use std::process::{Command, Output};

use ceop_onboard::guide::EMBEDDED;

use crate::common::SCHOOL_ANSWERS;

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn escape_sequences_in_config_text_reach_neither_guidance_nor_checklist() {
    let dir = tempfile::tempdir().unwrap();
    // TOML's \u escapes put a terminal escape, a bell and a bidi override
    // into a section's body and a checklist item.
    let config = EMBEDDED
        .replacen(
            "The guide's reader notice asks that",
            "\\u001B]0;owned\\u0007\\u001B[2J\\u202EThe guide's reader notice asks that",
            1,
        )
        .replacen(
            "text = \"An appropriate representative",
            "text = \"\\u001B[31mAn appropriate representative",
            1,
        );
    assert_ne!(config, EMBEDDED);
    std::fs::write(dir.path().join("c.toml"), &config).unwrap();
    std::fs::write(dir.path().join("a.toml"), SCHOOL_ANSWERS).unwrap();
    let out = run(dir.path(), &["--config", "c.toml", "guidance"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let guidance = text(&out.stdout);
    assert!(
        guidance.contains("reader notice asks that"),
        "the text is still there"
    );
    for c in ['\u{1b}', '\u{7}', '\u{202E}'] {
        assert!(
            !guidance.contains(c),
            "guidance passes on U+{:04X}",
            c as u32
        );
    }
    let out = run(
        dir.path(),
        &[
            "--config",
            "c.toml",
            "generate",
            "--answers",
            "a.toml",
            "--checklist",
            "-",
            "--output",
            "x.html",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let checklist = text(&out.stdout);
    assert!(
        checklist.contains("An appropriate representative"),
        "{checklist}"
    );
    assert!(
        !checklist.contains('\u{1b}'),
        "the checklist passes on ESC:\n{checklist}"
    );
}

#[test]
fn organisation_name_refuses_format_and_separator_characters_and_allows_emoji() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), SCHOOL_ANSWERS).unwrap();
    for c in [
        '\u{061C}',
        '\u{2028}',
        '\u{E0041}',
        '\u{FFF9}',
        '\u{202E}',
        '\u{200B}',
    ] {
        let set = format!("organisation_name=St {c}Example");
        let out = run(
            dir.path(),
            &["generate", "--answers", "a.toml", "--set", &set],
        );
        assert_eq!(out.status.code(), Some(2), "U+{:04X} is accepted", c as u32);
        let e = text(&out.stderr);
        assert!(e.contains(&format!("U+{:04X}", c as u32)), "{e}");
    }
    for name in [
        "St Example 👩\u{200D}🏫 Club",
        "Family 👨\u{200D}👩\u{200D}👧 Centre",
    ] {
        let set = format!("organisation_name={name}");
        let out = run(
            dir.path(),
            &["generate", "--answers", "a.toml", "--set", &set],
        );
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
    }
}

#[test]
fn an_image_src_check_flags_is_refused_by_generate_for_the_same_reason() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), SCHOOL_ANSWERS).unwrap();
    let cases = [
        (
            "https://www.ceop.police.uk/images/clickceop.gif",
            "button-hotlinked",
            "CEOP's server",
        ),
        (
            "https://i.imgur.com/clickceop.gif",
            "button-hotlinked",
            "another site",
        ),
        (
            "/images/clickceop.png",
            "button-not-gif",
            "the file CEOP issues is a GIF",
        ),
        (
            "/images/clickceop.svg",
            "button-not-gif",
            "the file CEOP issues is a GIF",
        ),
    ];
    for (src, id, why) in cases {
        let set = format!("image_src={src}");
        let out = run(
            dir.path(),
            &["generate", "--answers", "a.toml", "--set", &set],
        );
        let e = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{src} accepted: {e}");
        assert!(e.contains("image_src") && e.contains(why), "{src}: {e}");
        assert!(out.stdout.is_empty());
        // `check` flags the same address in a page.
        let page = format!(
            "<a href=\"https://www.ceop.police.uk/safety-centre\"><img src=\"{src}\" alt=\"Click CEOP\"></a>\n"
        );
        std::fs::write(dir.path().join("p.html"), page).unwrap();
        let out = run(dir.path(), &["check", "--format", "json", "p.html"]);
        assert!(
            text(&out.stdout).contains(id),
            "{src}: check does not flag {id}"
        );
    }
    let out = run(
        dir.path(),
        &[
            "generate",
            "--answers",
            "a.toml",
            "--set",
            "image_src=/images/clickceop.gif",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn template_errors_are_one_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), SCHOOL_ANSWERS).unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    for (content, line_col) in [
        // Line and column (from 1) of what is wrong.
        (
            "<p>\n{{ facts.safety_centre_url | nofilter }}</p>\n",
            ":2:30:",
        ),
        ("{% include \"zzz\" %}\n", ":1:12:"),
        ("{{ 1 / 0 }}\n", ":1:8:"),
        ("ab {{ x }\n", ":1:9:"),
    ] {
        std::fs::write(t.join("website.html"), content).unwrap();
        let out = run(
            dir.path(),
            &[
                "--templates",
                "templates",
                "generate",
                "--answers",
                "a.toml",
            ],
        );
        let e = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{e}");
        assert_eq!(e.matches("error:").count(), 1, "one message: {e}");
        assert!(
            e.contains(&format!("templates/website.html{line_col}")),
            "{e}"
        );
    }
}
