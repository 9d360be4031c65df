//! What a fetched page or stylesheet points to that `check` may fetch: same-site page links, stylesheets (`<link rel=stylesheet>`, `@import`), resolved against the page's address.

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
                u("https://s.example/dir/c.css"),
                u("https://s.example/dir/d.css")
            ]
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
}
