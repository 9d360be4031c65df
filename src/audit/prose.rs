//! The words around the button: signposting (R6), endorsement wording (R9), and bullying sent to CEOP (R11).
//!
//! A stretch of source becomes [`Prose`]: tags and comments removed, letters
//! and digits lower-cased, everything else a single space, sentence ends
//! marked with `|`, and each byte mapped back to the source so a phrase can be
//! reported where it is written.

use std::ops::Range;

use crate::guide::Guide;

/// Normalised words of a stretch of source, with a map back to it.
#[derive(Debug, Clone, Default)]
pub struct Prose {
    /// ` word word | word ` — starts and ends with a space.
    pub text: String,
    map: Vec<usize>,
}

/// Tags whose edges end a sentence.
const BLOCK_TAGS: [&str; 18] = [
    "p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "td", "tr", "section",
    "footer", "header", "string",
];

impl Prose {
    pub fn new(source: &str, range: Range<usize>) -> Prose {
        let start = source.floor_char_boundary(range.start.min(source.len()));
        let end = source.floor_char_boundary(range.end.min(source.len()));
        let mut p = Prose {
            text: String::with_capacity(end - start + 2),
            map: Vec::with_capacity(end - start + 2),
        };
        p.push(' ', start);
        let s = &source[start..end];
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'<' {
                if s[i..].starts_with("<!--") {
                    i = s[i..].find("-->").map_or(b.len(), |j| i + j + 3);
                    p.push(' ', start + i);
                    continue;
                }
                let next = b.get(i + 1).copied().unwrap_or(b' ');
                if (next.is_ascii_alphabetic() || next == b'/')
                    && let Some(j) = s[i..].find('>').filter(|&j| j < 2048)
                {
                    {
                        let name: String = s[i + 1..i + j]
                            .trim_start_matches('/')
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric())
                            .collect::<String>()
                            .to_ascii_lowercase();
                        let mark = if BLOCK_TAGS.contains(&name.as_str()) {
                            '|'
                        } else {
                            ' '
                        };
                        p.push(mark, start + i);
                        i += j + 1;
                        continue;
                    }
                }
            }
            let at = start + i;
            // An address is one word: "ceop" if it is CEOP's, else nothing.
            let starts = |p: &[u8]| {
                b.get(i..i + p.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(p))
            };
            if matches!(b[i], b'h' | b'H' | b'w' | b'W')
                && (starts(b"http://") || starts(b"https://") || starts(b"www."))
            {
                let len = s[i..]
                    .find(|c: char| c.is_whitespace() || "\"'<>()[]{}`".contains(c))
                    .unwrap_or(s.len() - i);
                let url = &b[i..i + len];
                for name in ["ceop", "childline"] {
                    let host = format!("{name}.");
                    if url
                        .windows(host.len())
                        .any(|w| w.eq_ignore_ascii_case(host.as_bytes()))
                    {
                        p.push(' ', at);
                        for c in name.chars() {
                            p.push(c, at);
                        }
                    }
                }
                p.push(' ', at);
                i += len;
                continue;
            }
            // A blank line ends a paragraph, and so a sentence.
            if b[i] == b'\n'
                && s[i + 1..]
                    .trim_start_matches([' ', '\t', '\r'])
                    .starts_with('\n')
            {
                p.push('|', at);
                i += 1;
                continue;
            }
            // An entity is read as the character it stands for: `&rarr;`
            // is an arrow, not the word "rarr".
            if b[i] == b'&'
                && let Some(len) = entity_len(&b[i..])
            {
                let decoded = html_escape::decode_html_entities(&s[i..i + len]);
                if decoded.len() != len || decoded != s[i..i + len] {
                    let next = b.get(i + len).copied();
                    for c in decoded.chars() {
                        p.push_char(c, next, at);
                    }
                    i += len;
                    continue;
                }
            }
            let c = s[i..].chars().next().unwrap_or(' ');
            p.push_char(c, b.get(i + c.len_utf8()).copied(), at);
            i += c.len_utf8();
        }
        p.push(' ', end);
        p
    }

    /// Adds one character of the source, `next` being the byte after it.
    fn push_char(&mut self, c: char, next: Option<u8>, at: usize) {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                self.push(l, at);
            }
        } else if matches!(c, '\'' | '’' | '\u{2018}') {
            // "don't" is one word.
        } else if (matches!(c, '.' | '!' | '?' | ';')
            && next.is_none_or(|n| !n.is_ascii_alphanumeric()))
            || matches!(c, '{' | '}')
        {
            // Braces end a passage too: each entry of a data object
            // (`{ title, text, url }`) is read on its own.
            self.push('|', at);
        } else {
            self.push(' ', at);
        }
    }

    fn push(&mut self, c: char, at: usize) {
        let last = self.text.as_bytes().last().copied();
        match c {
            ' ' if matches!(last, Some(b' ')) => return,
            '|' => {
                if last == Some(b'|') || (last == Some(b' ') && self.text.ends_with("| ")) {
                    return;
                }
                if last != Some(b' ') {
                    self.text.push(' ');
                    self.map.push(at);
                }
                self.text.push('|');
                self.map.push(at);
                self.text.push(' ');
                self.map.push(at);
                return;
            }
            _ => {}
        }
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.map.push(at);
        }
    }

    /// The source offset of byte `i` of the normalised text.
    pub fn source(&self, i: usize) -> usize {
        self.map.get(i).copied().unwrap_or(0)
    }

    /// Every place the whole words of `phrase` (normalised) occur.
    pub fn find_all<'a>(&'a self, phrase: &'a str) -> impl Iterator<Item = usize> + 'a {
        let needle = format!(" {phrase} ");
        let mut from = 0;
        std::iter::from_fn(move || {
            let i = self.text[from..].find(&needle)? + from;
            from = i + 1;
            Some(i + 1)
        })
    }

    pub fn contains(&self, phrase: &str) -> bool {
        self.find_all(phrase).next().is_some()
    }

    /// Sentences, with their start in the normalised text.
    pub fn sentences(&self) -> impl Iterator<Item = (usize, &str)> {
        let mut pos = 0;
        self.text.split('|').map(move |s| {
            let at = pos;
            pos += s.len() + 1;
            (at, s)
        })
    }
}

/// The length of the HTML entity at the start of `b` (`&rarr;`, `&#8594;`,
/// `&#x2192;`), if one is there.
fn entity_len(b: &[u8]) -> Option<usize> {
    let end = b.iter().take(12).position(|&c| c == b';')?;
    // `&;` passes too: it decodes to itself, so it is read as written.
    b[1..end]
        .iter()
        .all(|c| c.is_ascii_alphanumeric() || *c == b'#')
        .then_some(end + 1)
}

/// Normalises a phrase the way [`Prose`] normalises text.
pub fn normalise(s: &str) -> String {
    let p = Prose::new(s, 0..s.len());
    p.text
        .replace('|', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The opening words of each sentence of the guide's three signposting
/// texts: finding any of them near the button means the text is there.
pub fn signposting_phrases(guide: &Guide) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for text in &guide.texts {
        for paragraph in &text.paragraphs {
            for sentence in paragraph.split(". ") {
                let words: Vec<String> = normalise(sentence)
                    .split(' ')
                    .take(6)
                    .map(str::to_string)
                    .collect();
                if words.len() >= 5 {
                    let phrase = words.join(" ");
                    if !out.contains(&phrase) {
                        out.push(phrase);
                    }
                }
            }
        }
    }
    out
}

/// The names of CEOP and the NCA as a page would write them.
const ORGS: [&str; 6] = [
    "ceop",
    "click ceop",
    "the ceop",
    "nca",
    "the nca",
    "the national crime agency",
];

/// What a host must never claim CEOP did for it (R9).
const CLAIMS: [&str; 15] = [
    "endorsed",
    "approved",
    "accredited",
    "vetted",
    "certified",
    "checked",
    "verified",
    "recommended",
    "sponsored",
    "backed",
    "supported",
    "assured",
    "audited",
    "registered",
    "deemed safe",
];

/// Relationships a host must never claim with CEOP (R9).
const TIES: [&str; 6] = [
    "in partnership with",
    "partnered with",
    "in association with",
    "associated with",
    "affiliated with",
    "working with",
];

/// Normalised phrases that claim endorsement by, or partnership with, CEOP.
pub fn endorsement_phrases() -> Vec<String> {
    let mut out = Vec::new();
    for org in ORGS {
        for claim in CLAIMS {
            out.push(format!("{claim} by {org}"));
            out.push(format!("{org} {claim}"));
        }
        for tie in TIES {
            out.push(format!("{tie} {org}"));
        }
        out.push(format!("{org} partner"));
        out.push(format!("{org} partnership"));
        out.push(format!("partner of {org}"));
        out.push(format!("member of {org}"));
        out.push(format!("{org} safe site"));
        out.push(format!("{org} seal"));
    }
    out.push("official ceop".into());
    out.push("safe by ceop".into());
    out
}

/// Words that, in the few words before a claim, deny it.
const NEGATIONS: [&str; 11] = [
    "not", "never", "no", "nor", "neither", "isnt", "arent", "wasnt", "dont", "doesnt", "without",
];

/// Whether the words just before byte `at` of the normalised text deny what follows.
pub fn negated(prose: &Prose, at: usize) -> bool {
    let before = &prose.text[..at];
    let sentence = before.rsplit('|').next().unwrap_or(before);
    sentence
        .split_whitespace()
        .rev()
        .take(6)
        .any(|w| NEGATIONS.contains(&w))
}

/// Worries that belong with a trusted adult or Childline, not CEOP (R11).
const WORRIES: [&str; 22] = [
    "bully",
    "bullied",
    "bullies",
    "bullying",
    "cyberbully",
    "cyberbullied",
    "cyberbullies",
    "cyberbullying",
    "cyber bully",
    "cyber bullied",
    "cyber bullies",
    "cyber bullying",
    "trolling",
    "trolled",
    "online worries",
    "online worry",
    "online concerns",
    "anything that worries",
    "anything online",
    "something online",
    "hacked",
    "hacking",
];

/// Words that send a reader to the button.
const TO_CEOP: [&str; 3] = ["ceop", "button", "click"];

/// Words that send a worry where it belongs, or say it is not for CEOP.
const ELSEWHERE: [&str; 12] = [
    "childline",
    "trusted adult",
    "adult you trust",
    "adult they trust",
    "teacher",
    "parent",
    "carer",
    "not be reported",
    "not for ceop",
    "not report",
    "dont report",
    "should not",
];

/// Words that give a sentence its own, sexual-abuse subject: a sentence
/// naming CEOP for these is not about the worry before it.
const SEXUAL: [&str; 16] = [
    "sexual",
    "sexually",
    "sex",
    "abuse",
    "abused",
    "exploitation",
    "exploited",
    "grooming",
    "groomed",
    "nude",
    "nudes",
    "inappropriate",
    "inappropriately",
    "pressured",
    "forced",
    "tricked",
];

/// Words that send the reader somewhere: with a word for CEOP or its
/// button, a sentence sends to CEOP ("report it using the CEOP button");
/// without one, it only names CEOP (a menu item, "CEOP does not deal with
/// bullying").
const DIRECTIVE: [&str; 14] = [
    "report",
    "reporting",
    "click",
    "clicking",
    "press",
    "tap",
    "use",
    "using",
    "contact",
    "tell",
    "visit",
    "go",
    "get",
    "ask",
];

/// How many sentences after a worry may still send it on ("Being bullied?
/// Has someone upset you? Report it using the CEOP button.").
const PASSAGE: usize = 2;

/// Passages that send bullying or other online worries to CEOP: a sentence
/// naming the worry and CEOP, or one naming the worry followed within
/// [`PASSAGE`] sentences by one sending the reader to CEOP — unless the
/// worry is sent to a trusted adult or Childline first, or the CEOP
/// sentence has its own subject (sexual abuse, exploitation). Returns each
/// passage in the normalised text: from the worry's sentence to the end of
/// the one that sends it to CEOP.
pub fn bullying_to_ceop(prose: &Prose) -> Vec<Range<usize>> {
    let sentences: Vec<(usize, String)> = prose
        .sentences()
        .filter_map(|(at, s)| {
            let lead = s.find(|c: char| !c.is_whitespace())?;
            Some((at + lead, format!(" {} ", s.trim())))
        })
        .collect();
    let has = |s: &str, words: &[&str]| words.iter().any(|w| s.contains(&format!(" {w} ")));
    let sends = |n: &str| has(n, &TO_CEOP) && has(n, &DIRECTIVE);
    let end = |(at, s): &(usize, String)| at + s.trim().len();
    let mut out = Vec::new();
    for (i, (at, s)) in sentences.iter().enumerate() {
        if !has(s, &WORRIES) || has(s, &ELSEWHERE) {
            continue;
        }
        let sent = if sends(s) {
            Some(&sentences[i])
        } else {
            sentences[i + 1..]
                .iter()
                .take(PASSAGE)
                .take_while(|(_, n)| !has(n, &ELSEWHERE) && !has(n, &SEXUAL))
                .find(|(_, n)| sends(n))
        };
        if let Some(last) = sent {
            out.push(*at..end(last));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_removed_and_offsets_kept() {
        let s = "<p>Hello, <b>World</b>!</p><p>Next</p>";
        let p = Prose::new(s, 0..s.len());
        assert_eq!(p.text, " | hello world | next | ");
        let at = p.find_all("world").next().unwrap();
        assert_eq!(&s[p.source(at)..p.source(at) + 5], "World");
    }

    #[test]
    fn phrases_come_from_the_guide() {
        let g = Guide::embedded();
        let phrases = signposting_phrases(&g);
        assert!(
            phrases.contains(&"ceop helps any child or young".to_string()),
            "{phrases:?}"
        );
        assert!(phrases.contains(&"ceop is a command of the".to_string()));
    }

    #[test]
    fn endorsement_is_found_unless_denied() {
        let p = Prose::new("Our site is CEOP approved.", 0..26);
        assert!(endorsement_phrases().iter().any(|e| p.contains(e)));
        let p = Prose::new("We are not endorsed by CEOP.", 0..28);
        let e = "endorsed by ceop";
        let at = p.find_all(e).next().unwrap();
        assert!(negated(&p, at));
    }

    #[test]
    fn bullying_sent_to_ceop_across_sentences() {
        let s = "<p>Are you being bullied online? Has someone posted something horrible about you?</p><p>Report it using the CEOP button.</p>";
        let p = Prose::new(s, 0..s.len());
        let found = bullying_to_ceop(&p);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &p.text[found[0].clone()],
            "are you being bullied online | has someone posted something horrible about you | report it using the ceop button"
        );
    }

    #[test]
    fn a_menu_that_names_bullying_and_ceop_does_not_send_one_to_the_other() {
        let s = "<ul><li><a href=\"/anti-bullying\">Anti-bullying</a></li><li><a href=\"/e-safety\">E-safety</a></li><li><a href=\"/ceop\">CEOP</a></li></ul>";
        assert!(bullying_to_ceop(&Prose::new(s, 0..s.len())).is_empty());
        let s = "CEOP does not deal with bullying.";
        assert!(bullying_to_ceop(&Prose::new(s, 0..s.len())).is_empty());
    }

    #[test]
    fn a_general_question_over_a_compliant_help_section_is_not_bullying_to_ceop() {
        let s = "<h2>Worried about something online?</h2><p>If someone has asked you for nude pictures or made you feel uncomfortable, report it to CEOP.</p><p>For bullying or anything else, talk to Childline on 0800 1111.</p>";
        assert!(bullying_to_ceop(&Prose::new(s, 0..s.len())).is_empty());
    }

    #[test]
    fn a_childline_entry_of_a_data_object_is_not_bullying_to_ceop() {
        let s = "const help = [\n  { title: 'Talk to someone', text: 'Bullying, or anything online that upsets you', url: 'https://www.childline.org.uk' },\n  { title: 'CEOP', text: 'Report sexual abuse', url: 'https://www.ceop.police.uk/safety-centre' },\n];";
        assert!(bullying_to_ceop(&Prose::new(s, 0..s.len())).is_empty());
    }

    #[test]
    fn entities_are_read_as_the_characters_they_stand_for() {
        let s = "<p>Parents &amp; carers don&rsquo;t &rarr; here&#46; Next</p>";
        assert_eq!(
            Prose::new(s, 0..s.len()).text,
            " | parents carers dont here | next | "
        );
        let s = "AT&T; a & b; &;";
        assert_eq!(Prose::new(s, 0..s.len()).text, " at t | a b | ");
    }

    #[test]
    fn cyberbullied_sent_to_ceop_with_an_arrow_entity() {
        let s = "<p class=\"lead\">Being cyberbullied? Click CEOP &rarr;</p>";
        assert_eq!(bullying_to_ceop(&Prose::new(s, 0..s.len())).len(), 1);
    }

    #[test]
    fn bullying_sent_to_ceop_but_not_to_childline() {
        let s = "Being bullied online? Click the CEOP button to report it.";
        assert_eq!(bullying_to_ceop(&Prose::new(s, 0..s.len())).len(), 1);
        let s = "If you are experiencing online bullying or something else online has worried you please speak to an adult you trust, or you can talk to Childline.";
        assert!(bullying_to_ceop(&Prose::new(s, 0..s.len())).is_empty());
    }
}
