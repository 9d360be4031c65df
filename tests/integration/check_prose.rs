//! The words around the button as `check` reads them: markup, addresses,
//! entities and sentence ends normalised, each word mapped back to where it
//! is written; endorsement claims and their denials; bullying sent to CEOP.

use ceop_onboard::audit::prose::{Prose, bullying_to_ceop, negated, normalise};

fn text(s: &str) -> String {
    Prose::new(s, 0..s.len()).text
}

#[test]
fn markup_addresses_entities_and_sentence_ends_are_normalised() {
    for (source, normalised) in [
        ("<p>Hello World.</p><p>Next</p>", " | hello world | next | "),
        ("<b>Hello</b> <span>World</span>", " hello world "),
        ("Hi <!-- hidden --> there", " hi there "),
        ("Hi <!-- never closed", " hi "),
        ("x<!---->y", " x y "),
        ("a < b and c <3 d", " a b and c 3 d "),
        ("<a href='x'>Go</a>", " go "),
        (
            "see https://www.ceop.police.uk/safety-centre now",
            " see ceop now ",
        ),
        ("see www.childline.org.uk.", " see childline "),
        ("see HTTP://WWW.CEOP.POLICE.UK", " see ceop "),
        ("see https://example.org/x now", " see now "),
        ("one\n\ntwo\n \t\r\nthree\nfour", " one | two | three four "),
        ("don't won’t it‘s", " dont wont its "),
        (
            "end. 1.5 e.g.x a! b? c; d",
            " end | 1 5 e g x a | b | c | d ",
        ),
        ("{ title: 'x' } next", " | title x | next "),
        (
            "Go &rarr; there &amp; back &#8594; &#x2192; &bogus; &;",
            " go there back bogus | ",
        ),
        ("ÉCOLE Straße", " école straße "),
        ("a | b", " a b "),
        (
            "<div>a</div><br/><h2>b</h2><string name=x>c</string><td>d",
            " | a | b | c | d ",
        ),
    ] {
        assert_eq!(text(source), normalised, "{source:?}");
    }
    assert_eq!(normalise("Hello, World!"), "hello world");
    assert_eq!(normalise("CEOP’s button"), "ceops button");
}

#[test]
fn a_tag_is_markup_only_when_it_closes_within_2_kilobytes() {
    let tag = |gap: usize| text(&format!("a <b{}> c", " ".repeat(gap)));
    assert_eq!(tag(2045), " a c ");
    assert_eq!(tag(2046), " a b c ");
}

#[test]
fn each_word_maps_back_to_where_it_is_written() {
    let source = "<p>Speak to <b>Childline</b> &amp; a teacher.</p>";
    let p = Prose::new(source, 3..source.len());
    assert_eq!(p.text, " speak to childline a teacher | ");
    for word in ["speak", "childline", "teacher"] {
        let at = p.find_all(word).next().unwrap();
        let written = p.source(at);
        assert!(source[written..].to_lowercase().starts_with(word), "{word}");
    }
    assert_eq!(p.find_all("a").count(), 1);
    let each = Prose::new("a b a b a", 0..9);
    assert_eq!(each.find_all("a").collect::<Vec<_>>(), [1, 5, 9]);
    assert!(p.contains("to childline"));
    assert!(!p.contains("child"));
    // A range past the end, or inside a character, is cut to fit.
    let p = Prose::new("é b", 1..99);
    assert_eq!(p.text, " é b ");
    let p = Prose::new("a. b", 0..4);
    let sentences: Vec<(usize, &str)> = p.sentences().collect();
    assert_eq!(sentences, [(0, " a "), (4, " b ")]);
}

#[test]
fn bullying_sent_to_ceop_is_found_over_a_passage() {
    let sent = |s: &str| -> Vec<String> {
        let p = Prose::new(s, 0..s.len());
        bullying_to_ceop(&p)
            .into_iter()
            .map(|r| p.text[r].to_string())
            .collect()
    };
    for (source, passage) in [
        (
            "Being bullied? Report it using the CEOP button.",
            "being bullied | report it using the ceop button",
        ),
        (
            "Being bullied? Has someone upset you? Report it using the CEOP button.",
            "being bullied | has someone upset you | report it using the ceop button",
        ),
        (
            "If you are being bullied, click the CEOP button.",
            "if you are being bullied click the ceop button",
        ),
        ("Cyber bullying? Tell CEOP.", "cyber bullying | tell ceop"),
        (
            "Trolled online? Go to the CEOP site.",
            "trolled online | go to the ceop site",
        ),
        (
            "Hacked? Get help by clicking the button.",
            "hacked | get help by clicking the button",
        ),
    ] {
        assert_eq!(sent(source), [passage], "{source}");
    }
    for source in [
        // Three sentences on: another passage.
        "Being bullied? Has someone upset you? Anything else? Report it using the CEOP button.",
        // Sent to a trusted adult or Childline first.
        "If you are being bullied, talk to a teacher. Report abuse using the CEOP button.",
        "Bullying: speak to Childline. Click CEOP to report sexual abuse.",
        // CEOP sent its own subject.
        "Worried about bullying? Use the CEOP button to report grooming.",
        // Named, not sent.
        "Bullying | CEOP | Childline",
        "Bullied? CEOP.",
        "Bullying.",
        "",
    ] {
        assert_eq!(sent(source), [] as [&str; 0], "{source}");
    }
}

#[test]
fn a_denial_counts_within_six_words_of_the_same_sentence() {
    let denied = |s: &str| {
        let p = Prose::new(s, 0..s.len());
        negated(&p, p.text.find("endorsed").unwrap())
    };
    assert!(denied("This site is not endorsed by CEOP"));
    assert!(!denied("This site is endorsed by CEOP"));
    assert!(denied(
        "We are not one two three four five endorsed by CEOP"
    ));
    assert!(!denied(
        "We are not one two three four five six endorsed by CEOP"
    ));
    assert!(!denied("It is not. Endorsed by CEOP"));
    for word in [
        "never", "no", "nor", "neither", "isn't", "aren’t", "wasnt", "don't", "doesn't", "without",
    ] {
        assert!(denied(&format!("{word} endorsed by CEOP")), "{word}");
    }
}
