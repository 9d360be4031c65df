//! What a fetched page or stylesheet points to that `check` may fetch: same-site page links, stylesheets (`<link rel=stylesheet>`, `@import`), button files on the page's own site, resolved against the page's address; and what robots.txt lets it fetch.

use crate::audit::markup;

/// What one page points to, as absolute addresses without fragments.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pointed {
    /// `<a href>` and `<area href>`: pages, maybe on other sites.
    pub pages: Vec<url::Url>,
    /// `<link rel=stylesheet href>` and `@import` in `<style>`.
    pub stylesheets: Vec<url::Url>,
}

/// The links and stylesheets of an HTML page found at `base`. A `<base
/// href>` changes what relative addresses resolve against.
pub fn of_page(text: &str, base: &url::Url) -> Pointed {
    let parsed = markup::parse(text);
    let mut base = base.clone();
    let mut out = Pointed::default();
    for e in &parsed.elements {
        let value = |names: &[&str]| e.attr(text, names).map(html_escape::decode_html_entities);
        match e.name.as_str() {
            "base" => {
                if let Some(b) = value(&["href"]).and_then(|h| base.join(h.trim()).ok()) {
                    base = b;
                }
            }
            "a" | "area" => out
                .pages
                .extend(value(&["href"]).and_then(|h| join(&base, &h))),
            "link" => {
                let rel = value(&["rel"]).unwrap_or_default().to_ascii_lowercase();
                if rel.split_ascii_whitespace().any(|r| r == "stylesheet") {
                    out.stylesheets
                        .extend(value(&["href"]).and_then(|h| join(&base, &h)));
                }
            }
            "style" => {
                if let Some(r) = e.content() {
                    out.stylesheets.extend(of_css(&text[r], &base));
                }
            }
            _ => {}
        }
    }
    out
}

/// The `@import`ed stylesheets of a stylesheet found at `base`.
pub fn of_css(text: &str, base: &url::Url) -> Vec<url::Url> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("@import") {
        let start = from + at + "@import".len();
        let rest = text[start..].trim_start();
        let rest = rest
            .strip_prefix("url(")
            .or_else(|| rest.strip_prefix("URL("))
            .unwrap_or(rest)
            .trim_start();
        let target = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next(),
            Some(_) => rest.split([')', ';', ' ']).next(),
            None => None,
        };
        out.extend(target.and_then(|t| join(base, t)));
        from = start;
    }
    out
}

/// An `http(s)` address relative to `base`, without its fragment; `None`
/// for other schemes (`mailto:`, `javascript:`) and for template syntax.
pub fn join(base: &url::Url, href: &str) -> Option<url::Url> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || markup::has_template(href) {
        return None;
    }
    let mut u = base.join(href).ok()?;
    if !matches!(u.scheme(), "http" | "https") {
        return None;
    }
    u.set_fragment(None);
    Some(u)
}

/// The site an address belongs to: its host without `www.`, and its port
/// when not the scheme's own (so `http://h/`, `https://h/` and
/// `https://www.h/` are one site).
pub fn site_of(u: &url::Url) -> String {
    let host = u.host_str().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    }
}

/// Whether two addresses are on one site (see [`site_of`]).
pub fn same_site(a: &url::Url, b: &url::Url) -> bool {
    site_of(a) == site_of(b)
}

/// The address of the button file that the page at `page` (its address
/// after redirects) loads by `src`, when the crawl fetches it: a relative
/// path, or a full or `//` address on the page's own site; `None` for any
/// other host. A page is never on CEOP's servers, so neither is its site.
pub fn button_file(page: &url::Url, src: &str) -> Option<url::Url> {
    join(page, src).filter(|u| same_site(page, u))
}

/// Whether a host's robots.txt (`None`: it has none, or it cannot be
/// read) lets the crawl fetch `u`. The robots.txt itself is always read.
pub fn robots_allow(robot: Option<&texting_robots::Robot>, u: &url::Url) -> bool {
    u.path() == "/robots.txt" || robot.is_none_or(|r| r.allowed(u.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> url::Url {
        url::Url::parse(s).unwrap()
    }

    #[test]
    fn links_and_stylesheets_resolve_against_the_page() {
        let p = of_page(
            r#"<link rel="preload stylesheet" href="/css/a.css"><a href="b.html#top">b</a>
            <link rel="icon" href="/favicon.ico"><link rel="alternate stylesheet" href="/css/alt.css">
            <a href="mailto:x@y">m</a><a href="https://other.example/">o</a>
            <style>@import url("c.css"); @import 'd.css';</style>"#,
            &u("https://s.example/dir/page.html"),
        );
        assert_eq!(
            p.pages,
            [
                u("https://s.example/dir/b.html"),
                u("https://other.example/")
            ]
        );
        assert_eq!(
            p.stylesheets,
            [
                u("https://s.example/css/a.css"),
                u("https://s.example/css/alt.css"),
                u("https://s.example/dir/c.css"),
                u("https://s.example/dir/d.css")
            ]
        );
    }

    #[test]
    fn an_empty_or_fragment_or_template_href_points_nowhere() {
        let base = u("https://s.example/dir/page.html");
        for href in [
            "",
            "  ",
            "#",
            "#top",
            "{{ url }}",
            "<?php echo $u ?>",
            "mailto:a@b.example",
        ] {
            assert_eq!(join(&base, href), None, "{href:?}");
        }
        assert_eq!(
            join(&base, " x.html#y "),
            Some(u("https://s.example/dir/x.html"))
        );
    }

    #[test]
    fn base_href_changes_the_base() {
        let p = of_page(
            r#"<base href="/x/"><a href="y.html">y</a>"#,
            &u("https://s.example/a/b"),
        );
        assert_eq!(p.pages, [u("https://s.example/x/y.html")]);
    }

    #[test]
    fn css_imports_are_found_in_any_form() {
        let css = "@import url(one.css);\n@IMPORT \"two.css\" screen;\nbody{}";
        assert_eq!(
            of_css(css, &u("http://s.example/css/main.css")),
            [
                u("http://s.example/css/one.css"),
                u("http://s.example/css/two.css")
            ]
        );
    }

    #[test]
    fn http_https_and_www_are_one_site_and_other_ports_or_hosts_are_not() {
        assert_eq!(
            site_of(&u("http://School.example/a")),
            site_of(&u("https://www.school.example/b"))
        );
        assert_eq!(site_of(&u("https://www.s.example:8443/")), "s.example:8443");
        assert!(same_site(
            &u("http://school.example/a"),
            &u("https://WWW.school.example/b")
        ));
        assert!(!same_site(
            &u("http://school.example/"),
            &u("http://school.example:8080/")
        ));
        assert!(!same_site(
            &u("http://school.example/"),
            &u("http://cdn.school.example/")
        ));
    }

    #[test]
    fn a_button_file_on_the_pages_own_site_is_fetched_in_any_form() {
        let page = u("https://www.school.example/safety/index.html");
        for (src, want) in [
            (
                "img/clickceop.gif",
                "https://www.school.example/safety/img/clickceop.gif",
            ),
            (
                "/images/clickceop.gif",
                "https://www.school.example/images/clickceop.gif",
            ),
            (
                "https://www.school.example/images/clickceop.gif",
                "https://www.school.example/images/clickceop.gif",
            ),
            (
                "http://school.example/images/clickceop.gif#x",
                "http://school.example/images/clickceop.gif",
            ),
            (
                "//school.example/images/clickceop.gif",
                "https://school.example/images/clickceop.gif",
            ),
        ] {
            assert_eq!(button_file(&page, src), Some(u(want)), "{src}");
        }
    }

    #[test]
    fn a_button_file_on_any_other_host_is_not_fetched() {
        let page = u("https://www.school.example/safety/");
        for src in [
            "https://www.ceop.police.uk/images/clickceop.gif",
            "//ceop.police.uk/clickceop.gif",
            "https://cdn.school.example/clickceop.gif",
            "https://school.example:8443/clickceop.gif",
            "https://i.imgur.com/clickceop.gif",
            "data:image/gif;base64,R0lGOD",
            "{{ button }}",
        ] {
            assert_eq!(button_file(&page, src), None, "{src}");
        }
    }

    #[test]
    fn robots_txt_rules_apply_to_every_address_but_robots_txt_itself() {
        let robot = texting_robots::Robot::new(
            "ceop-onboard",
            b"User-agent: *\nDisallow: /\nAllow: /ok/\n",
        )
        .unwrap();
        assert!(!robots_allow(
            Some(&robot),
            &u("http://s.example/css/a.css")
        ));
        assert!(!robots_allow(
            Some(&robot),
            &u("http://s.example/img/clickceop.gif")
        ));
        assert!(robots_allow(
            Some(&robot),
            &u("http://s.example/ok/page.html")
        ));
        assert!(robots_allow(
            Some(&robot),
            &u("http://s.example/robots.txt")
        ));
        assert!(robots_allow(None, &u("http://s.example/css/a.css")));
    }
}
