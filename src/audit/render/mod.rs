//! `check --render`: what a visitor sees. Each page is drawn in a real Chromium at 360, 768 and 1280 px wide and every button and CEOP link the scan identified is measured (SPEC §10).
//!
//! ```text
//! page source ─▶ targets.rs (the scan's buttons and links, named for the DOM)
//!             ─▶ browser.rs (one Chromium per run; measure.js in the page; pictures)
//!                  over cdp.rs (the DevTools protocol through a pipe)
//!             ─▶ verdict.rs (measurements to findings, merged with the scan's)
//! ```
//!
//! An entry point takes a URL: a file is drawn as a `file://` page, a live
//! site's page by its address. The browser loads nothing from off the site
//! under test and never CEOP's servers.

#[cfg(feature = "render")]
mod browser;
#[cfg(feature = "render")]
mod cdp;
pub mod targets;
pub mod verdict;

use std::path::Path;

use serde::Deserialize;

use super::report_html::Picture;
use super::{Auditor, Finding, Origin, Source};
#[cfg(not(feature = "render"))]
use crate::error::Error;
use crate::error::Result;

/// The window widths every page is drawn at, in CSS pixels: a phone, a
/// tablet, a laptop.
pub const WIDTHS: [u32; 3] = [360, 768, 1280];

/// What one element measured at one width (see `measure.js`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Measure {
    /// Whether the element was in the page at all.
    pub found: bool,
    /// Drawn size and place in the document, CSS pixels.
    pub w: f64,
    pub h: f64,
    pub x: f64,
    pub y: f64,
    /// The image's own size, and the file the browser chose.
    pub nw: u32,
    pub nh: u32,
    pub src: String,
    /// The address of the link around it, resolved.
    pub href: String,
    pub hidden: Option<String>,
    pub cropped: Option<String>,
    pub off_page: Option<String>,
    pub covered: Option<String>,
    /// The text of the block around it, as drawn.
    pub text: String,
}

impl Measure {
    /// Drawn with some size and not hidden: a picture can show it.
    pub fn drawn(&self) -> bool {
        self.found && self.hidden.is_none() && self.w >= 1.0 && self.h >= 1.0
    }

    /// Something about where or whether it is drawn is wrong.
    pub fn problem(&self) -> bool {
        self.hidden.is_some()
            || self.cropped.is_some()
            || self.off_page.is_some()
            || self.covered.is_some()
    }
}

/// One element measured at one width.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    /// Index into the page's targets.
    pub target: usize,
    pub width: u32,
    pub measure: Measure,
    /// A PNG of it, when pictures were asked for and it is drawn.
    pub png: Option<Vec<u8>>,
}

/// One page to draw.
#[derive(Debug, Clone)]
pub struct ToRender<'a> {
    /// The name its findings carry.
    pub origin: Origin,
    /// Where the browser opens it: `file:///…` or `https://…`.
    pub url: String,
    pub source: Source<'a>,
}

/// What the browser may reach over the network: the sites of the pages
/// given by address, never CEOP's hosts; nothing for pages that are files.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// `scheme://host:port`, lower-case.
    origins: Vec<String>,
    hosts: Vec<String>,
    /// CEOP's domain (from the guide's Safety Centre address).
    blocked: String,
}

impl Site {
    /// The site of `urls`; `ceop` is the Safety Centre address.
    pub fn of(urls: &[&str], ceop: &str) -> Site {
        let mut site = Site {
            blocked: origin_of(ceop).map_or(String::new(), |(_, h, _)| {
                h.strip_prefix("www.").unwrap_or(&h).to_string()
            }),
            ..Site::default()
        };
        for u in urls {
            if let Some((scheme, host, port)) = origin_of(u) {
                let origin = format!("{scheme}://{host}:{port}");
                if !site.origins.contains(&origin) {
                    site.origins.push(origin);
                }
                if !site.hosts.contains(&host) {
                    site.hosts.push(host);
                }
            }
        }
        site
    }

    /// The host names the browser may resolve.
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }

    /// Chromium's `--proxy-bypass-list`: the site's own origins go direct,
    /// everything else (loopback included) goes to a proxy that is not
    /// there, and fails. A page of files bypasses nothing.
    pub fn bypass_list(&self) -> String {
        let mut list = vec!["<-loopback>".to_string()];
        for o in &self.origins {
            let (scheme, host, port) = origin_of(o).expect("origins are parsed");
            if self.is_ceop(&host) {
                continue;
            }
            list.push(format!("{scheme}://{host}:{port}"));
        }
        list.join(";")
    }

    fn is_ceop(&self, host: &str) -> bool {
        !self.blocked.is_empty()
            && (host == self.blocked || host.ends_with(&format!(".{}", self.blocked)))
    }
}

/// Scheme, host and port of an `http(s)` address, lower-case (an IPv6 host
/// in brackets).
fn origin_of(address: &str) -> Option<(String, String, u16)> {
    let url = url::Url::parse(address).ok()?;
    if !matches!(url.scheme(), "http" | "https") {
        return None;
    }
    let host = url.host_str()?.to_ascii_lowercase();
    Some((url.scheme().to_string(), host, url.port_or_known_default()?))
}

/// Draws every page, measures its buttons and links, and merges what was
/// seen into `findings`. The pictures of the buttons (when `pictures`).
pub fn render(
    auditor: &Auditor,
    pages: &[ToRender],
    browser: Option<&Path>,
    pictures: bool,
    findings: &mut Vec<Finding>,
) -> Result<Vec<Picture>> {
    let work = worth_drawing(auditor, pages);
    draw(auditor, &work, browser, pictures, findings)
}

/// The pages with a button or CEOP link to measure, each with its targets;
/// the others are not opened.
fn worth_drawing<'p, 'a>(
    auditor: &Auditor,
    pages: &'p [ToRender<'a>],
) -> Vec<(&'p ToRender<'a>, Vec<targets::Target>)> {
    pages
        .iter()
        .map(|p| (p, targets::of_page(auditor, &p.source)))
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

#[cfg(feature = "render")]
fn draw(
    auditor: &Auditor,
    work: &[(&ToRender, Vec<targets::Target>)],
    browser: Option<&Path>,
    pictures: bool,
    findings: &mut Vec<Finding>,
) -> Result<Vec<Picture>> {
    // Found before anything else, so a missing browser is said at once.
    let executable = browser::find(browser)?;
    if work.is_empty() {
        return Ok(Vec::new());
    }
    let urls: Vec<&str> = work.iter().map(|(p, _)| p.url.as_str()).collect();
    let site = Site::of(&urls, &auditor.safety_centre_url);
    let chromium = browser::Chromium::start(&executable, &site)?;
    let mut out = Vec::new();
    for (page, targets) in work {
        let seen = chromium.page(&page.url, targets, pictures)?;
        out.extend(verdict::judge(
            auditor,
            &page.origin,
            targets,
            &seen,
            findings,
        ));
    }
    drop(chromium);
    Ok(out)
}

#[cfg(not(feature = "render"))]
fn draw(
    _: &Auditor,
    _: &[(&ToRender, Vec<targets::Target>)],
    _: Option<&Path>,
    _: bool,
    _: &mut Vec<Finding>,
) -> Result<Vec<Picture>> {
    Err(Error::usage(
        "this ceop-onboard was built without --render (the `render` cargo feature)",
        "build it with its default features, or leave out --render",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_found_unhidden_element_of_some_size_is_drawn() {
        let drawn = Measure {
            found: true,
            w: 1.0,
            h: 1.0,
            ..Measure::default()
        };
        assert!(drawn.drawn());
        for not in [
            Measure {
                found: false,
                ..drawn.clone()
            },
            Measure {
                hidden: Some("display: none".into()),
                ..drawn.clone()
            },
            Measure {
                w: 0.5,
                ..drawn.clone()
            },
            Measure {
                h: 0.5,
                ..drawn.clone()
            },
        ] {
            assert!(!not.drawn(), "{not:?}");
        }
    }

    #[test]
    fn hidden_cropped_off_page_or_covered_each_is_a_problem() {
        assert!(!Measure::default().problem());
        let why = Some("x".to_string());
        for m in [
            Measure {
                hidden: why.clone(),
                ..Measure::default()
            },
            Measure {
                cropped: why.clone(),
                ..Measure::default()
            },
            Measure {
                off_page: why.clone(),
                ..Measure::default()
            },
            Measure {
                covered: why.clone(),
                ..Measure::default()
            },
        ] {
            assert!(m.problem(), "{m:?}");
        }
    }

    #[test]
    fn only_pages_with_a_button_or_ceop_link_are_opened() {
        use crate::audit::source::{FileKind, Source};
        let page = |name: &'static str, text: &'static str| ToRender {
            origin: Origin::Named(name.into()),
            url: format!("file:///{name}"),
            source: Source {
                file: name,
                kind: FileKind::Markup,
                text,
                app: None,
            },
        };
        let pages = [
            page("plain.html", "<p>No button here.</p>"),
            page(
                "help.html",
                r#"<a href="https://www.ceop.police.uk/safety-centre"><img src="clickceop.gif" alt="Click CEOP"></a>"#,
            ),
        ];
        let auditor = Auditor::new(&crate::guide::Guide::embedded());
        let work = worth_drawing(&auditor, &pages);
        let names: Vec<&str> = work.iter().map(|(p, _)| p.url.as_str()).collect();
        assert_eq!(names, ["file:///help.html"]);
        assert!(!work[0].1.is_empty());
    }

    #[test]
    fn the_browser_goes_direct_only_to_the_site_under_test_and_never_ceop() {
        let ceop = "https://www.ceop.police.uk/safety-centre/";
        let site = Site::of(
            &["http://127.0.0.1:8080/index.html", "HTTPS://Example.org/a"],
            ceop,
        );
        assert_eq!(
            site.bypass_list(),
            "<-loopback>;http://127.0.0.1:8080;https://example.org:443"
        );
        assert_eq!(site.hosts(), ["127.0.0.1", "example.org"]);
        let files = Site::of(&["file:///srv/site/index.html"], ceop);
        assert_eq!(files.bypass_list(), "<-loopback>", "nothing goes direct");
        let odd = Site::of(
            &[
                "http://user@[::1]:8081/x",
                "https://EXAMPLE.org:8443?q",
                "http://host:/",
                "http://[::1]/",
            ],
            ceop,
        );
        assert_eq!(
            odd.bypass_list(),
            "<-loopback>;http://[::1]:8081;https://example.org:8443;http://host:80;http://[::1]:80"
        );
        let ceops_own = Site::of(&["https://www.ceop.police.uk/"], ceop);
        assert_eq!(ceops_own.bypass_list(), "<-loopback>", "never CEOP");
    }
}
