//! Command-line arguments (clap derive): subcommands and flags, nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "ceop-onboard",
    version,
    about = "Host the Click CEOP button the way its user guide asks: decide whether you may, and get the right HTML, app link or newsletter copy with a compliance checklist.",
    long_about = "Host the Click CEOP button the way its user guide asks: decide whether you may, and get the right HTML, app link or newsletter copy with a compliance checklist.\n\nAn independent tool: it is not made, endorsed or checked by CEOP or the National Crime Agency."
)]
pub struct Cli {
    /// Use this wizard.toml instead of the embedded one.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Use templates from this directory in place of the embedded ones of the same name.
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,

    /// Ask one question at a time on plain lines instead of the full-screen
    /// wizard (also chosen by ACCESSIBLE=1, TERM=dumb or a small terminal).
    #[arg(long, global = true)]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide and write the artifact from an answers file, with no questions asked.
    Generate(GenerateArgs),
    /// Print a commented answers file to fill in.
    AnswersTemplate,
    /// Print this tool's summary of the guidance (the reader notice) as text.
    Guidance,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the embedded wizard.toml, to start a custom configuration from.
    DefaultConfig,
    /// Audit pages, templates and app code that already host the button or link to CEOP.
    Check(crate::audit::args::CheckArgs),
    /// Keeps a copy on the X11 clipboard after `--copy` has returned.
    #[command(name = crate::clipboard::SERVE_SUBCOMMAND, hide = true)]
    ClipboardServe,
    /// Writes the man pages (one per command) into DIR, for packaging.
    #[command(name = "man-pages", hide = true)]
    ManPages {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct GenerateArgs {
    /// The answers file (TOML; see `ceop-onboard answers-template`).
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,

    /// Set or override one answer, e.g. --set platform=app. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,

    /// The format to write (default: the platform's first).
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,

    /// Write the artifact here; `-` for stdout (the default).
    #[arg(long, value_name = "PATH", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,

    /// Write every format of the platform into this directory.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Write the compliance checklist here (`-` for stdout).
    #[arg(long, value_name = "PATH")]
    pub checklist: Option<PathBuf>,

    /// The checklist's format.
    #[arg(long, value_enum, default_value_t = ChecklistFormat::Markdown)]
    pub checklist_format: ChecklistFormat,

    /// Write the onboarding record here (`-` for stdout): TOML, or a page to
    /// read, print and sign when PATH ends in .html or .md.
    #[arg(long, value_name = "PATH")]
    pub record: Option<PathBuf>,

    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,

    /// Copy the artifact to the clipboard (tmux, OSC 52 over SSH or screen,
    /// or the system clipboard); with --output it is also written.
    #[arg(long)]
    pub copy: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChecklistFormat {
    Markdown,
    Json,
}
