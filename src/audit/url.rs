//! CEOP addresses in any text: where each starts and ends, and what is wrong with it (R7).

use super::FindingId;

/// CEOP's web address before it moved to police.uk. Links to it are dead or
/// redirected; the guide allows only the Safety Centre.
pub const RETIRED_DOMAIN: &str = "ceop.gov.uk";

/// Paths of CEOP's old reporting pages, still common in copied embed code.
pub const RETIRED_PATHS: [&str; 2] = ["reportabuse", "report-abuse"];

/// The path of CEOP's live report form: a link there skips the Safety
/// Centre's advice, which the guide advises reading before a report.
pub const REPORT_FORM_PATH: &str = "ceop-reporting";

const IMAGE_EXTENSIONS: [&str; 11] = [
    "gif", "png", "jpg", "jpeg", "svg", "webp", "bmp", "avif", "ico", "tif", "tiff",
];

/// The image extension a path ends with, lower-cased.
pub fn image_extension(path: &str) -> Option<&'static str> {
    let (_, ext) = path.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    IMAGE_EXTENSIONS.iter().copied().find(|e| *e == ext)
}

/// The one allowed address, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub scheme: String,
    /// The host as given, e.g. `www.ceop.police.uk`.
    pub host: String,
    /// The host without `www.`, which every CEOP address on it ends with.
    pub domain: String,
    pub path: String,
}

impl Target {
    pub fn parse(url: &str) -> Target {
        let (scheme, rest) = url.split_once("://").unwrap_or(("https", url));
        let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        Target {
            scheme: scheme.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
            domain: host
                .to_ascii_lowercase()
                .trim_start_matches("www.")
                .to_string(),
            path: path.to_string(),
        }
    }
}

/// Finds the current and the retired CEOP domain, in any case.
pub fn host_matcher(target: &Target) -> aho_corasick::AhoCorasick {
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([target.domain.as_str(), RETIRED_DOMAIN])
        .expect("two fixed patterns")
}

/// One CEOP address in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the whole address, scheme included.
    pub start: usize,
    pub end: usize,
    /// `Some("https")`, `Some("")` for `//host`, `None` for no scheme.
    pub scheme: Option<String>,
    pub host: String,
    /// Everything after the host: port, path, query, fragment.
    pub rest: String,
}

fn is_host_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Bytes that end an address: whitespace, quotes, brackets, markup and
/// template delimiters, and anything outside ASCII.
fn ends_url(b: u8) -> bool {
    b.is_ascii_whitespace()
        || b.is_ascii_control()
        || !b.is_ascii()
        || matches!(
            b,
            b'"' | b'\''
                | b'`'
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'|'
                | b'\\'
                | b'^'
        )
}

/// Every CEOP address in `text`, in order.
pub fn hits(text: &str, matcher: &aho_corasick::AhoCorasick) -> Vec<Hit> {
    let b = text.as_bytes();
    let mut out: Vec<Hit> = Vec::new();
    for m in matcher.find_iter(b) {
        // The domain must be the end of a host name: `myceop.police.uk` and
        // `ceop.police.uk.example` are other sites.
        if b[..m.start()].last().is_some_and(|&c| is_host_byte(c)) {
            continue;
        }
        if b.get(m.end()).is_some_and(|&c| is_host_byte(c))
            || (b.get(m.end()) == Some(&b'.')
                && b.get(m.end() + 1).is_some_and(|&c| is_host_byte(c)))
        {
            continue;
        }
        let mut host_start = m.start();
        while let Some(&c) = b[..host_start].last()
            && (is_host_byte(c) || c == b'.')
        {
            host_start -= 1;
        }
        // The domain again inside the last address (`…?next=ceop.police.uk`).
        if out
            .last()
            .is_some_and(|h| (h.start..h.end).contains(&m.start()))
        {
            continue;
        }
        if b[..host_start].ends_with(b"@") {
            continue; // an email address
        }
        let (start, scheme) = if b[..host_start].ends_with(b"://") {
            let mut s = host_start - 3;
            while let Some(&c) = b[..s].last()
                && (c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
            {
                s -= 1;
            }
            // A word run into the scheme (`youhttps://…` in prose) is not
            // part of it: `http` or `https` at the end of the run is the
            // scheme, so `--fix` writing `https://…` after a letter is read
            // back as the address it wrote.
            let run = &b[s..host_start - 3];
            for known in [&b"https"[..], b"http"] {
                let tail = run.len().checked_sub(known.len()).map(|at| &run[at..]);
                if tail.is_some_and(|t| t.eq_ignore_ascii_case(known)) {
                    s = host_start - 3 - known.len();
                    break;
                }
            }
            (s, Some(text[s..host_start - 3].to_string()))
        } else if b[..host_start].ends_with(b"//") {
            (host_start - 2, Some(String::new()))
        } else {
            (host_start, None)
        };
        let mut end = m.end();
        // `${` opens a template expression (JS, Kotlin, Dart, Svelte): the
        // address written out ends before it.
        while end < b.len() && !ends_url(b[end]) && !b[end..].starts_with(b"${") {
            end += 1;
        }
        // Entities that end an attribute value written inside another string.
        for entity in ["&quot;", "&#39;", "&#34;", "&apos;"] {
            if let Some(i) = text[m.end()..end].find(entity) {
                end = m.end() + i;
            }
        }
        // Punctuation that ends a sentence is not part of the address.
        while let Some(&c) = b[m.end()..end].last()
            && matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?')
        {
            end -= 1;
        }
        out.push(Hit {
            start,
            end,
            scheme,
            host: text[host_start..m.end()].to_string(),
            rest: text[m.end()..end].to_string(),
        });
    }
    out
}

impl Hit {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Whether the address is an image (a file with an image extension).
    pub fn is_image_file(&self) -> bool {
        let path = self.rest.split(['?', '#']).next().unwrap_or("");
        image_extension(path).is_some()
    }
}

/// What is wrong with a link to `hit`, if anything: the finding and every
/// problem of the address, as words to follow it (``"uses http:// and goes
/// to a retired CEOP reporting page"``). `is_link` is false for an address
/// written out in prose, where a missing `https://` does no harm.
pub fn judge(hit: &Hit, url: &str, target: &Target, is_link: bool) -> Option<(FindingId, String)> {
    let written = format!(
        "{}{}{}",
        match &hit.scheme {
            Some(s) if s.is_empty() => "//".to_string(),
            Some(s) => format!("{s}://"),
            None => String::new(),
        },
        hit.host,
        hit.rest
    );
    if written == url {
        return None;
    }
    let host = hit.host.to_ascii_lowercase();
    let (before_query, query) = match hit.rest.find(['?', '#']) {
        Some(i) => (&hit.rest[..i], &hit.rest[i..]),
        None => (hit.rest.as_str(), ""),
    };
    let (port, path) = match before_query.strip_prefix(':') {
        Some(p) => {
            let i = p.find('/').unwrap_or(p.len());
            (Some(&p[..i]), &p[i..])
        }
        None => (None, before_query),
    };
    let path_lower = path.to_ascii_lowercase();
    let scheme = hit.scheme.as_deref().map(str::to_ascii_lowercase);
    let segments: Vec<&str> = path_lower.split('/').collect();
    let retired_domain = host == RETIRED_DOMAIN || host.ends_with(&format!(".{RETIRED_DOMAIN}"));
    let retired_path = segments.iter().any(|s| RETIRED_PATHS.contains(s));
    let report_form = segments.contains(&REPORT_FORM_PATH);
    let bare = path_lower.trim_matches('/').is_empty() && query.is_empty();
    let insecure = scheme.as_deref() == Some("http");
    let no_scheme = is_link && (scheme.is_none() || scheme.as_deref() == Some(""));
    let right_path = path_lower.trim_end_matches('/') == target.path.to_ascii_lowercase();
    let other_host = !retired_domain && host != target.host;

    // Every problem, most serious first; the first names the finding.
    let mut problems: Vec<(FindingId, String)> = Vec::new();
    if retired_domain {
        problems.push((
            FindingId::LinkRetiredDomain,
            format!("uses the retired {RETIRED_DOMAIN} address"),
        ));
    }
    if retired_path {
        problems.push((
            FindingId::LinkRetiredPath,
            "goes to a retired CEOP reporting page".into(),
        ));
    } else if report_form {
        problems.push((
            FindingId::LinkReportForm,
            "goes straight to CEOP's report form, skipping the Safety Centre's advice".into(),
        ));
    } else if retired_domain {
        // The whole domain is retired: where on it the link goes adds nothing.
    } else if bare {
        problems.push((
            FindingId::LinkBareDomain,
            "goes to CEOP's home page, not the Safety Centre".into(),
        ));
    } else if !right_path {
        problems.push((
            FindingId::LinkNotSafetyCentre,
            "is not the Safety Centre".into(),
        ));
    }
    if !query.is_empty() {
        problems.push((
            FindingId::LinkNotSafetyCentre,
            "adds a query or fragment (a tracking or redirect link)".into(),
        ));
    }
    if port.is_some() {
        problems.push((FindingId::LinkNotSafetyCentre, "names a port".into()));
    }
    if other_host && !bare {
        problems.push((
            FindingId::LinkNotSafetyCentre,
            "uses another host name".into(),
        ));
    }
    if no_scheme {
        problems.push((
            FindingId::LinkNotSafetyCentre,
            "has no https:// (a browser treats it as a page of this site, or follows the page's scheme)".into(),
        ));
    }
    if insecure {
        problems.push((
            FindingId::LinkInsecure,
            "uses http:// instead of https://".into(),
        ));
    }
    if problems.is_empty() {
        // The right place, written differently: case or a trailing slash.
        if !is_link {
            return None;
        }
        return Some((
            FindingId::LinkVariant,
            format!("differs from {url} in case or a trailing slash"),
        ));
    }
    let id = problems[0].0;
    let words: Vec<String> = problems.into_iter().map(|(_, w)| w).collect();
    let why = match words.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => unreachable!("problems is not empty"),
    };
    Some((id, why))
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://www.ceop.police.uk/safety-centre";

    fn verdict(s: &str) -> Option<FindingId> {
        let t = Target::parse(URL);
        let h = hits(s, &host_matcher(&t));
        assert_eq!(h.len(), 1, "{s}: {h:?}");
        judge(&h[0], URL, &t, true).map(|(id, _)| id)
    }

    #[test]
    fn the_safety_centre_is_fine() {
        assert_eq!(verdict("https://www.ceop.police.uk/safety-centre"), None);
        assert_eq!(
            verdict("x \"https://www.ceop.police.uk/safety-centre\">"),
            None
        );
        assert_eq!(
            verdict("visit https://www.ceop.police.uk/safety-centre."),
            None
        );
    }

    /// fuzz/check: the address took the `$` of `${…}`, so `--fix` broke
    /// the template expression and the file parsed differently afterwards.
    #[test]
    fn an_address_ends_before_a_template_expression() {
        let t = Target::parse(URL);
        let s = "`https://www.ceop.police.uk/${page}`";
        let h = hits(s, &host_matcher(&t));
        assert_eq!(h[0].text(s), "https://www.ceop.police.uk/");
        let s = "https://www.ceop.police.uk/a$b";
        assert_eq!(hits(s, &host_matcher(&t))[0].text(s), s);
    }

    #[test]
    fn a_word_run_into_the_scheme_is_not_part_of_it() {
        assert_eq!(
            verdict("upsets youhttps://www.ceop.police.uk/safety-centre"),
            None
        );
        let t = Target::parse(URL);
        let h = hits("seeHTTP://ceop.police.uk", &host_matcher(&t));
        assert_eq!((h[0].start, h[0].scheme.as_deref()), (3, Some("HTTP")));
        let h = hits("webcal://ceop.police.uk", &host_matcher(&t));
        assert_eq!((h[0].start, h[0].scheme.as_deref()), (0, Some("webcal")));
        let h = hits("say hi webcal://ceop.police.uk", &host_matcher(&t));
        assert_eq!((h[0].start, h[0].scheme.as_deref()), (7, Some("webcal")));
    }

    #[test]
    fn the_domain_again_inside_an_address_is_part_of_it() {
        let t = Target::parse(URL);
        let s = "https://www.ceop.police.uk/go?next=ceop.police.uk/x ceop.police.uk";
        let h = hits(s, &host_matcher(&t));
        let found: Vec<&str> = h.iter().map(|h| h.text(s)).collect();
        assert_eq!(
            found,
            [
                "https://www.ceop.police.uk/go?next=ceop.police.uk/x",
                "ceop.police.uk"
            ]
        );
    }

    #[test]
    fn each_kind_of_wrong_link() {
        use FindingId::*;
        for (s, id) in [
            ("http://www.ceop.police.uk/safety-centre", LinkInsecure),
            ("http://www.ceop.gov.uk/reportabuse/", LinkRetiredDomain),
            ("HTTPS://CEOP.GOV.UK", LinkRetiredDomain),
            ("https://www.ceop.police.uk/reportabuse/", LinkRetiredPath),
            ("https://www.ceop.police.uk/Report-Abuse", LinkRetiredPath),
            ("https://www.ceop.police.uk/ceop-reporting/", LinkReportForm),
            ("https://www.ceop.police.uk/", LinkBareDomain),
            ("http://ceop.police.uk", LinkBareDomain),
            ("https://www.ceop.police.uk/safety-centre/", LinkVariant),
            ("https://WWW.CEOP.police.uk/Safety-Centre", LinkVariant),
            (
                "https://www.ceop.police.uk/safety-centre?utm=x",
                LinkNotSafetyCentre,
            ),
            ("https://ceop.police.uk/safety-centre", LinkNotSafetyCentre),
            ("//www.ceop.police.uk/safety-centre", LinkNotSafetyCentre),
            ("https://www.ceop.police.uk/about-ceop", LinkNotSafetyCentre),
        ] {
            assert_eq!(verdict(s), Some(id), "{s}");
        }
    }

    #[test]
    fn other_hosts_and_emails_are_not_ceop_links() {
        let t = Target::parse(URL);
        let m = host_matcher(&t);
        assert!(hits("https://myceop.police.uk/", &m).is_empty());
        assert!(hits("https://ceop.police.uk.example.com/", &m).is_empty());
        assert!(hits("mail someone@ceop.police.uk today", &m).is_empty());
    }

    #[test]
    fn hit_spans_stop_at_delimiters() {
        let t = Target::parse(URL);
        let m = host_matcher(&t);
        let s = "<a href=\"<?php echo 'http://www.ceop.gov.uk/reportabuse/'; ?>\">";
        let h = &hits(s, &m)[0];
        assert_eq!(h.text(s), "http://www.ceop.gov.uk/reportabuse/");
        let s = "[x](https://www.ceop.police.uk/safety-centre)";
        assert_eq!(
            hits(s, &m)[0].text(s),
            "https://www.ceop.police.uk/safety-centre"
        );
    }

    #[test]
    fn every_problem_of_one_address_is_named() {
        let t = Target::parse(URL);
        let why = |s: &str| {
            let h = hits(s, &host_matcher(&t));
            judge(&h[0], URL, &t, true).unwrap()
        };
        let (id, w) = why("http://www.ceop.police.uk/reportabuse/");
        assert_eq!(id, FindingId::LinkRetiredPath);
        assert_eq!(
            w,
            "goes to a retired CEOP reporting page and uses http:// instead of https://"
        );
        let (id, w) = why("http://ceop.police.uk/ceop-reporting/?src=footer");
        assert_eq!(id, FindingId::LinkReportForm);
        assert!(w.contains("skipping the Safety Centre"), "{w}");
        assert!(!w.contains("retired"), "{w}");
        assert!(
            w.contains("query") && w.contains("another host name") && w.contains("http://"),
            "{w}"
        );
        let (id, w) = why("http://www.ceop.gov.uk");
        assert_eq!(id, FindingId::LinkRetiredDomain);
        assert_eq!(
            w,
            "uses the retired ceop.gov.uk address and uses http:// instead of https://"
        );
    }

    #[test]
    fn scheme_less_address_in_prose_is_not_a_link() {
        let t = Target::parse(URL);
        let s = "write to www.ceop.police.uk/safety-centre today";
        let h = &hits(s, &host_matcher(&t))[0];
        assert_eq!(judge(h, URL, &t, false), None);
        assert!(judge(h, URL, &t, true).is_some());
    }

    #[test]
    fn every_problem_is_named_in_order_with_and_before_the_last() {
        let t = Target::parse(URL);
        let (id, why) = {
            let s = "http://ceop.police.uk:8080/about?x=1";
            judge(&hits(s, &host_matcher(&t))[0], URL, &t, true).unwrap()
        };
        assert_eq!(id, FindingId::LinkNotSafetyCentre);
        assert_eq!(
            why,
            "is not the Safety Centre, adds a query or fragment (a tracking or redirect link), \
             names a port, uses another host name and uses http:// instead of https://"
        );
        let s = "//www.ceop.police.uk/safety-centre";
        let h = &hits(s, &host_matcher(&t))[0];
        assert_eq!(judge(h, URL, &t, false), None);
        assert!(
            judge(h, URL, &t, true)
                .unwrap()
                .1
                .starts_with("has no https://")
        );
        assert_eq!(
            verdict("https://sub.www.ceop.police.uk/safety-centre"),
            Some(FindingId::LinkNotSafetyCentre)
        );
        assert_eq!(
            verdict("https://www.ceop.police.uk:443/safety-centre"),
            Some(FindingId::LinkNotSafetyCentre)
        );
        assert_eq!(
            verdict("https://www.ceop.police.uk/safety-centre#top"),
            Some(FindingId::LinkNotSafetyCentre)
        );
        assert_eq!(
            verdict("https://www.ceop.police.uk/?page=safety-centre"),
            Some(FindingId::LinkNotSafetyCentre)
        );
    }

    #[test]
    fn an_address_ends_at_entities_punctuation_and_delimiters() {
        let t = Target::parse(URL);
        let m = host_matcher(&t);
        for end in [
            "&quot;x", "&#39;x", "&#34;x", "&apos;x", ".", ",", ";", ":", "!", "?", "!?.", "|x",
            "\\x", "^x", "{x", "}x", "`x", "\u{7}x", "éx", " x", ")x", "]x", "<x", ">x",
        ] {
            let s = format!("{URL}{end}");
            let h = hits(&s, &m);
            assert_eq!(h.len(), 1, "{s}");
            assert_eq!(h[0].text(&s), URL, "{s}");
        }
        // Inside an address, a second CEOP name is part of it.
        let s = "https://www.ceop.police.uk/?u=ceop.gov.uk";
        assert_eq!(hits(s, &m).len(), 1);
        // At a sentence's end, the domain is still the end of the host.
        let s = "see ceop.police.uk.";
        assert_eq!(hits(s, &m)[0].text(s), "ceop.police.uk");
        assert_eq!(hits("see www.ceop.police.uk", &m)[0].start, 4);
    }

    #[test]
    fn image_files_by_extension_in_any_case() {
        assert_eq!(image_extension("a/b.JPEG"), Some("jpeg"));
        assert_eq!(image_extension("b.gif"), Some("gif"));
        assert_eq!(image_extension("b.txt"), None);
        assert_eq!(image_extension("gif"), None);
        let t = Target::parse(URL);
        let m = host_matcher(&t);
        let image = |s: &str| hits(s, &m)[0].is_image_file();
        assert!(image("https://www.ceop.police.uk/img/Button.GIF?v=2"));
        assert!(image("https://www.ceop.police.uk/img/b.gif#x"));
        assert!(!image("https://www.ceop.police.uk/safety-centre"));
        assert!(!image("https://www.ceop.police.uk/?f=b.gif"));
    }

    #[test]
    fn the_target_is_taken_apart() {
        let t = Target::parse("HTTPS://WWW.CEOP.Police.uk/Safety-Centre");
        assert_eq!(
            (
                t.scheme.as_str(),
                t.host.as_str(),
                t.domain.as_str(),
                t.path.as_str()
            ),
            (
                "https",
                "www.ceop.police.uk",
                "ceop.police.uk",
                "/Safety-Centre"
            )
        );
        let t = Target::parse("ceop.police.uk");
        assert_eq!(
            (
                t.scheme.as_str(),
                t.host.as_str(),
                t.domain.as_str(),
                t.path.as_str()
            ),
            ("https", "ceop.police.uk", "ceop.police.uk", "")
        );
    }
}
