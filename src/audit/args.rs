//! The flags of `ceop-onboard check` (clap derive), kept beside the audit they drive.

use std::path::PathBuf;

use clap::ValueEnum;

use super::Severity;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to audit (directories are walked, respecting
    /// .gitignore and other ignore files); `-` reads standard input (at most 10 MB).
    #[arg(required = true, value_name = "PATH")]
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
}
