//! Custom `--templates` cannot drop the link, the words or the size: every
//! artifact is audited by `check`'s engine before it is written (SPEC §6).

use std::process::Command;

use crate::common::SCHOOL_ANSWERS;

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");
const WEBSITE: &str = include_str!("../../templates/website.html");
const APP_JSX: &str = include_str!("../../templates/app.jsx");

/// Runs generate with one custom template; (exit code, stderr, whether
/// the output file was written).
fn generate_with(template: &str, content: &str, set: &[&str]) -> (Option<i32>, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.toml"), SCHOOL_ANSWERS).unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join(template), content).unwrap();
    let mut c = Command::new(BIN);
    c.current_dir(dir.path()).args([
        "--templates",
        "templates",
        "generate",
        "--answers",
        "answers.toml",
    ]);
    for s in set {
        c.args(["--set", s]);
    }
    let out = c
        .args(["--output", "out", "--record", "r.toml"])
        .output()
        .unwrap();
    let written = dir.path().join("out").exists() || dir.path().join("r.toml").exists();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        written,
    )
}

#[test]
fn a_template_that_breaks_a_rule_is_refused_and_nothing_is_written() {
    let cases = [
        (
            "links elsewhere",
            WEBSITE.replace(
                "{{ facts.safety_centre_url | html }}",
                "https://example.org/report",
            ),
        ),
        ("empty", String::new()),
        (
            "resized",
            WEBSITE.replace("width=\"{{ image.width }}\"", "width=\"144\""),
        ),
        (
            "no signposting",
            WEBSITE.replace(
                "{%- for p in signposting.paragraphs %}",
                "{%- for p in [] %}",
            ),
        ),
        (
            "endorsement",
            WEBSITE.replace(
                "<div class=\"ceop-signposting\">",
                "<div class=\"ceop-signposting\"><p>Our site is CEOP approved.</p>",
            ),
        ),
    ];
    for (what, content) in cases {
        assert_ne!(content, WEBSITE, "{what}: the case changes the template");
        let (code, stderr, written) = generate_with("website.html", &content, &[]);
        assert_eq!(code, Some(2), "{what}: {stderr}");
        assert!(
            stderr.contains("templates/website.html:"),
            "{what}: names the template: {stderr}"
        );
        assert!(stderr.contains("is refused"), "{what}: {stderr}");
        assert!(!written, "{what}: nothing is written");
    }
}

#[test]
fn a_template_that_links_to_the_image_address_is_refused() {
    // The image address is the user's own and may sit in the image's `src`;
    // as a link's target it would send a child away from the Safety Centre.
    let content = WEBSITE.replace(
        "<div class=\"ceop-signposting\">",
        "<div class=\"ceop-signposting\"><p><a href=\"{{ image.src | html }}\">Our button</a></p>",
    );
    assert_ne!(content, WEBSITE);
    let src = "image_src=https://school.example/img/clickceop.gif";
    let (code, stderr, written) = generate_with("website.html", &content, &[src]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("it links to `https://school.example/img/clickceop.gif`"),
        "{stderr}"
    );
    assert!(!written);
    // The same address as the image's source alone is accepted.
    let (code, stderr, written) = generate_with("website.html", WEBSITE, &[src]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(written);
}

#[test]
fn an_app_template_that_drops_the_official_words_is_refused() {
    let content = APP_JSX.replace(
        "{ {{ s.text | js }} }\n{%- endif %}",
        "{ \"Get help\" }\n{%- endif %}",
    );
    assert_ne!(content, APP_JSX);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("answers.toml"), SCHOOL_ANSWERS).unwrap();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("app.jsx"), &content).unwrap();
    let out = Command::new(BIN)
        .current_dir(dir.path())
        .args([
            "--templates",
            "templates",
            "generate",
            "--answers",
            "answers.toml",
            "--set",
            "platform=app",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("templates/app.jsx:"), "{stderr}");
    assert!(stderr.contains("signposting text"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_template_that_only_restyles_is_accepted() {
    let content = WEBSITE.replace("ceop-signposting", "theme-help-box");
    let (code, stderr, written) = generate_with("website.html", &content, &[]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(written);
}
