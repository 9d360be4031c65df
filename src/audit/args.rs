//! The flags of `ceop-onboard check` (clap derive), kept beside the audit they drive.

use std::path::PathBuf;

use clap::ValueEnum;

use super::Severity;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to audit (directories are walked, respecting
    /// .gitignore and other ignore files); `-` reads standard input (at most 10 MB);
    /// an http:// or https:// address audits the live site from that page.
    #[arg(required = true, value_name = "PATH|URL")]
    pub paths: Vec<PathBuf>,

    /// How to report findings.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,

    /// Exit with 1 when a finding of this severity or higher is found.
    #[arg(long, value_enum, default_value_t = Severity::Error, value_name = "SEVERITY")]
    pub fail_on: Severity,

    /// Rewrite wrong link targets to the Safety Centre address (nothing else),
    /// and print a diff of what changed.
    #[arg(long)]
    pub fix: bool,

    /// The file name standard input stands for (its extension picks the language).
    #[arg(long, value_name = "NAME")]
    pub stdin_name: Option<String>,

    /// Walk into everything: files hidden by .gitignore, .ignore and other
    /// ignore files, and hidden (dot) files and folders. A `.git` folder is
    /// never read.
    #[arg(long)]
    pub no_ignore: bool,

    /// A host name the site lives on (repeatable). A button image loaded
    /// from any other host is hotlinked. Pages also say it themselves, by a
    /// canonical link, `og:url` or `<base>`.
    #[arg(long, value_name = "HOST")]
    pub site_host: Vec<String>,

    /// Also write an HTML report here for people: a summary, then findings
    /// by page with the code and the fix (and with --render, pictures of
    /// each button as drawn). One self-contained file.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,

    /// Also open each HTML page in a real browser (Chromium) at 360, 768 and
    /// 1280 px wide and judge every button as drawn: its size, whether it is
    /// hidden, covered, cropped or off the page. Nothing is loaded from off
    /// the site under test.
    #[arg(long)]
    pub render: bool,

    /// The Chromium (or Chrome) to run for --render; by default the first
    /// `chromium` on PATH.
    #[arg(long, value_name = "PATH", requires = "render")]
    pub browser: Option<PathBuf>,

    /// Replace the --report file if it exists.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub web: WebArgs,
}

/// The flags of `check URL`: how far and how politely to crawl a live site.
#[derive(Debug, clap::Args)]
#[command(next_help_heading = "Live sites (check URL)")]
pub struct WebArgs {
    /// How many links away from a given page to follow same-site links
    /// (0: only the pages given).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub depth: u32,

    /// At most this many pages in all.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub max_pages: usize,

    /// A sitemap, sitemap index or robots.txt whose pages to audit too
    /// (repeatable).
    #[arg(long, value_name = "URL")]
    pub sitemap: Vec<String>,

    /// Milliseconds between two requests to the same host.
    #[arg(long, value_name = "MS", default_value_t = 250)]
    pub delay: u64,

    /// Seconds a request may take in all (connect, redirects, body).
    #[arg(long, value_name = "SECS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,

    /// Trust only the CA certificates in this PEM file (instead of the
    /// system's).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
}

impl WebArgs {
    pub fn options(&self) -> super::web::Options {
        super::web::Options {
            depth: self.depth,
            max_pages: self.max_pages,
            sitemaps: self.sitemap.clone(),
            delay: std::time::Duration::from_millis(self.delay),
            timeout: std::time::Duration::from_secs(self.timeout),
            ca_file: self.ca_file.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
}
