//! Code a comment switched off in a code file (JavaScript and TypeScript,
//! JSX, Swift, Kotlin, Java, Dart) is not judged, as an HTML comment is not:
//! no retired link, button or wording in it is reported, and `--fix` leaves
//! it as it is.

use ceop_onboard::audit::FindingId;

use crate::check_real::{ids, tree};

/// Switched-off code: a retired link, a resized button and bullying sent
/// to CEOP, each in a kind of comment.
const SWITCHED_OFF: &str = r#"// Linking.openURL('http://www.ceop.gov.uk/reportabuse')
  /* <a href="http://www.ceop.gov.uk"><img src="/img/clickceop.png" width="100"></a>
     Report bullying using the CEOP button. */
let help = 1; // was https://www.ceop.police.uk/ceop-reporting/
"#;

#[test]
fn switched_off_code_is_not_judged_in_code_files() {
    for file in [
        "Help.jsx",
        "help.js",
        "help.ts",
        "Help.tsx",
        "Help.swift",
        "Help.kt",
        "Help.java",
        "help.dart",
    ] {
        assert_eq!(ids(file, SWITCHED_OFF), [] as [FindingId; 0], "{file}");
    }
    // In a page, `//` and `/*` are text: what they hold is judged.
    let found = ids("help.html", SWITCHED_OFF);
    for id in [
        FindingId::LinkRetiredDomain,
        FindingId::ButtonResized,
        FindingId::BullyingToCeop,
    ] {
        assert!(found.contains(&id), "{id:?}: {found:?}");
    }
    // JSX's comment in braces, beside a live button that is judged.
    let jsx = r#"export const Help = () => (
  <div>
    {/* <img src="/img/clickceop.png" width="100" alt="Click CEOP"> */}
    <a href="http://www.ceop.gov.uk">CEOP Safety Centre</a>
  </div>
);
"#;
    let found = ids("Help.jsx", jsx);
    assert!(found.contains(&FindingId::LinkRetiredDomain), "{found:?}");
    assert!(!found.contains(&FindingId::ButtonResized), "{found:?}");
    assert!(!found.contains(&FindingId::ButtonNotGif), "{found:?}");
}

/// A quote or an address is not a comment: what is in doubt is judged.
#[test]
fn slashes_in_strings_and_addresses_are_code() {
    for text in [
        "const u = 'http://www.ceop.gov.uk';\n",
        "const u = \"//www.ceop.gov.uk/\";\n",
        "const u = ' //www.ceop.gov.uk/';\n",
        "export const P = () => <p>Don't // <a href=\"http://www.ceop.gov.uk\">CEOP Safety Centre</a></p>;\n",
        "/* never closed\nconst u = 'http://www.ceop.gov.uk';\n",
    ] {
        assert!(
            ids("help.jsx", text).contains(&FindingId::LinkRetiredDomain),
            "{text}"
        );
    }
}

/// `--fix` changes the live link and leaves the switched-off one.
#[test]
fn fix_leaves_switched_off_code_as_it_is() {
    let text = "// was http://www.ceop.gov.uk\nLinking.openURL('http://www.ceop.gov.uk');\n";
    let dir = tree(&[("app/help.js", text)]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ceop-onboard"))
        .current_dir(dir.path())
        .args(["check", "--fix", "app"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some(), "{out:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("app/help.js")).unwrap(),
        "// was http://www.ceop.gov.uk\nLinking.openURL('https://www.ceop.police.uk/safety-centre');\n"
    );
}
