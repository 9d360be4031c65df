//! Sitemaps: the page addresses of a `<urlset>`, the sitemaps of a `<sitemapindex>`, and the `Sitemap:` lines of a robots.txt.

/// What one sitemap file lists.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Listed {
    /// Pages (`<urlset><url><loc>`).
    pub pages: Vec<String>,
    /// Further sitemaps (`<sitemapindex><sitemap><loc>`, or robots.txt's
    /// `Sitemap:` lines).
    pub sitemaps: Vec<String>,
}

/// Reads a sitemap, a sitemap index or a robots.txt. Every `<loc>` of an
/// index is a sitemap; of anything else, a page.
pub fn parse(text: &str) -> Listed {
    let mut out = Listed::default();
    if !text.contains("<loc") {
        out.sitemaps = text
            .lines()
            .filter_map(|l| {
                let (key, value) = l.split_once(':')?;
                key.trim()
                    .eq_ignore_ascii_case("sitemap")
                    .then(|| value.trim().to_string())
            })
            .filter(|v| !v.is_empty())
            .collect();
        return out;
    }
    let index = text.contains("<sitemapindex");
    let mut rest = text;
    while let Some(start) = rest.find("<loc") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let body = &after[open_end + 1..];
        let Some(close) = body.find("</loc") else {
            break;
        };
        let raw = body[..close].trim();
        let raw = raw
            .strip_prefix("<![CDATA[")
            .and_then(|r| r.strip_suffix("]]>"))
            .unwrap_or(raw);
        let loc = html_escape::decode_html_entities(raw.trim()).into_owned();
        if !loc.is_empty() {
            if index {
                out.sitemaps.push(loc);
            } else {
                out.pages.push(loc);
            }
        }
        rest = &body[close..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_urlset_lists_pages_with_entities_decoded() {
        let l = parse(
            "<urlset><url><loc> https://a.example/x?a=1&amp;b=2 </loc></url><url><loc><![CDATA[https://a.example/y]]></loc></url></urlset>",
        );
        assert_eq!(
            l.pages,
            ["https://a.example/x?a=1&b=2", "https://a.example/y"]
        );
        assert!(l.sitemaps.is_empty());
    }

    #[test]
    fn an_index_lists_sitemaps() {
        let l = parse(
            "<sitemapindex><sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>",
        );
        assert_eq!(l.sitemaps, ["https://a.example/s1.xml"]);
        assert!(l.pages.is_empty());
    }

    #[test]
    fn robots_sitemap_lines_are_sitemaps() {
        let l = parse(
            "User-agent: *\nDisallow: /x\nSitemap: https://a.example/s.xml\nsitemap:https://a.example/t.xml\n",
        );
        assert_eq!(
            l.sitemaps,
            ["https://a.example/s.xml", "https://a.example/t.xml"]
        );
    }

    #[test]
    fn empty_entries_are_left_out() {
        let l = parse(
            "<urlset><url><loc> </loc></url><url><loc>https://a.example/z</loc></url></urlset>",
        );
        assert_eq!(l.pages, ["https://a.example/z"]);
        let l = parse("Sitemap:\nSitemap: https://a.example/s.xml\nno colon here\n");
        assert_eq!(l.sitemaps, ["https://a.example/s.xml"]);
    }
}
