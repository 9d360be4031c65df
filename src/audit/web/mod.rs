//! `check URL`: fetch a live site's pages, the stylesheets they use and their button images, politely, and hand them to the same site model as files (SPEC §10 "A live site").
//!
//! ```text
//! URLs, --sitemap ─▶ crawl.rs (one worker per site; robots.txt before every request; depth, max pages)
//!                     ├─ client.rs  one request at a time per host, --delay apart
//!                     ├─ links.rs   same-site links, <link rel=stylesheet>, @import, button files, robots.txt rules
//!                     └─ image.rs   the button file: status, type, GIF, size, frames ─▶ a finding per page
//!                  ─▶ Input { origin: Origin::Url, .. } for run.rs, like files
//! ```
//!
//! Never fetched: CEOP's servers (the button and the Safety Centre are
//! judged by their address), link targets on other sites, and button
//! images on any host but the page's own site.

mod client;
mod crawl;
pub mod image;
pub mod links;
pub mod sitemap;

use std::path::PathBuf;
use std::time::Duration;

use super::inputs::{Input, Skipped};
use super::{Auditor, Finding};
use crate::error::{Error, Result};

pub use client::{is_never, user_agent};

/// How to crawl: the flags of `check` for live sites.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many links away from a given page to go (0: only the pages given).
    pub depth: u32,
    /// At most this many pages in all.
    pub max_pages: usize,
    /// Sitemaps, sitemap indexes or robots.txt files whose pages to add.
    pub sitemaps: Vec<String>,
    /// Between two requests to the same host.
    pub delay: Duration,
    /// For each whole request, redirects included.
    pub timeout: Duration,
    /// Trust only the certificates in this PEM file.
    pub ca_file: Option<PathBuf>,
}

/// What the crawl read, for the site model and the report.
#[derive(Debug, Default)]
pub struct Fetched {
    /// Pages and stylesheets, with `Origin::Url`, sorted by address, each
    /// with its bytes.
    pub inputs: Vec<(Input, Vec<u8>)>,
    /// Pages and stylesheets that failed to load, each once, with why.
    pub skipped: Vec<Skipped>,
    /// Findings about fetched button files.
    pub findings: Vec<Finding>,
    /// Redirects, robots.txt refusals, limits reached: for stderr.
    pub notes: Vec<String>,
    /// The host names of the sites crawled: the site's own, for
    /// `button-hotlinked`.
    pub hosts: Vec<String>,
}

/// Whether a command-line argument is a web address rather than a path.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Parses a web address given on the command line; CEOP's own servers are
/// refused, never fetched.
pub fn parse_url(arg: &str, what: &str) -> Result<url::Url> {
    let u = url::Url::parse(arg).map_err(|e| {
        Error::usage(
            format!("{arg}: not a web address ({e})"),
            format!("give {what} as http://host/path or https://host/path"),
        )
    })?;
    if !matches!(u.scheme(), "http" | "https") || u.host_str().is_none() {
        return Err(Error::usage(
            format!("{arg}: not an http or https address"),
            format!("give {what} as http://host/path or https://host/path"),
        ));
    }
    if is_never(&u) {
        return Err(Error::usage(
            format!("{arg}: check never fetches CEOP's servers"),
            "give the address of your own site's pages",
        ));
    }
    Ok(u)
}

/// Crawls from `urls` (and the sitemaps of `options`) and returns what was
/// read: nothing when there is nothing to fetch. Failures of single pages
/// are in the result; only bad arguments (an address that is not one, an
/// unreadable `--ca-file`) are errors.
pub fn fetch(auditor: &Auditor, urls: &[String], options: &Options) -> Result<Fetched> {
    let starts = urls
        .iter()
        .map(|u| parse_url(u, "a page"))
        .collect::<Result<Vec<_>>>()?;
    let sitemaps = options
        .sitemaps
        .iter()
        .map(|u| parse_url(u, "--sitemap"))
        .collect::<Result<Vec<_>>>()?;
    if starts.is_empty() && sitemaps.is_empty() {
        return Ok(Fetched::default());
    }
    let client = client::Client::new(options.ca_file.as_deref(), options.timeout, options.delay)?;
    Ok(crawl::run(auditor, &client, starts, sitemaps, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_and_https_addresses_are_urls_and_paths_are_not() {
        for a in ["http://s.example/", "HTTPS://s.example/x", "https://"] {
            assert!(is_url(a), "{a}");
        }
        for a in [
            "site/index.html",
            "-",
            "ftp://s.example/",
            "http:/x",
            "https:",
            "",
        ] {
            assert!(!is_url(a), "{a}");
        }
    }

    #[test]
    fn a_page_address_must_be_http_or_https_with_a_host_and_not_ceop() {
        assert_eq!(
            parse_url("https://s.example/a#b", "a page")
                .expect("an address")
                .as_str(),
            "https://s.example/a#b"
        );
        for (bad, says) in [
            ("not a url", "not a web address"),
            ("ftp://s.example/", "not an http or https address"),
            (
                "https://www.ceop.police.uk/safety-centre",
                "never fetches CEOP's servers",
            ),
            ("http://ceop.gov.uk/", "never fetches CEOP's servers"),
        ] {
            let e = parse_url(bad, "--sitemap").expect_err(bad).to_string();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
