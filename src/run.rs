//! What each subcommand does, from parsed arguments to an exit code.

use std::io::IsTerminal;
use std::path::Path;

use crate::answers::{Answers, Key, Kind};
use crate::background::Background;
use crate::button::ButtonCheck;
use crate::cli::{ChecklistFormat, Cli, Command, GenerateArgs};
use crate::clipboard;
use crate::eligibility::{self, Decision};
use crate::error::{Error, Result};
use crate::flow;
use crate::guide::{self, Guide};
use crate::output::{self, Pending};
use crate::record::{self, RecordFormat};
use crate::render::{Format, Renderer};

/// Exit codes (as ripgrep: 0 success, 1 "no", 2 error).
pub const EXIT_OK: i32 = 0;
pub const EXIT_NOT_HOSTING: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// Runs the parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Some(Command::Generate(args)) => {
            let guide = load_guide(cli.config.as_deref())?;
            let renderer = Renderer::new(cli.templates.as_deref())?;
            generate(&guide, &renderer, &args)
        }
        Some(Command::AnswersTemplate) => {
            let guide = load_guide(cli.config.as_deref())?;
            output::print(&answers_template(&guide))?;
            Ok(EXIT_OK)
        }
        Some(Command::Guidance) => {
            let guide = load_guide(cli.config.as_deref())?;
            output::print(&guidance_text(&guide))?;
            Ok(EXIT_OK)
        }
        Some(Command::Completions { shell }) => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "ceop-onboard", &mut buf);
            output::print(&String::from_utf8_lossy(&buf))?;
            Ok(EXIT_OK)
        }
        Some(Command::Check(args)) => {
            let guide = load_guide(cli.config.as_deref())?;
            crate::audit::run::check(&guide, &args)
        }
        Some(Command::DefaultConfig) => {
            output::print(guide::EMBEDDED)?;
            Ok(EXIT_OK)
        }
        Some(Command::ClipboardServe) => Ok(clipboard::serve()),
        Some(Command::ManPages { dir }) => {
            crate::manual::write_to(&dir)?;
            Ok(EXIT_OK)
        }
        None => {
            // The first screen waits for nothing it does not show: the
            // embedded guide loads on another thread while the terminal is
            // set up, and the embedded templates compile when first used. A
            // guide or templates given as files are checked before the
            // wizard starts.
            let renderer = match cli.templates.as_deref() {
                None => Renderer::embedded(),
                dir => Renderer::new(dir)?,
            };
            let guide = match cli.config.as_deref() {
                None => Background::spawn(Guide::embedded),
                path => Background::ready(load_guide(path)?),
            };
            wizard(&guide, &renderer, cli.plain)
        }
    }
}

/// The interactive wizard: full screen when the terminal can take it, plain
/// prompts otherwise (SPEC §7). Without a terminal on stdin neither can run.
fn wizard(guide: &Background<Guide>, renderer: &Renderer, plain: bool) -> Result<i32> {
    if !std::io::stdin().is_terminal() {
        return Err(Error::usage(
            "the wizard needs a terminal, and standard input is not a terminal",
            "run it in a terminal, or use `ceop-onboard generate --answers FILE` (see `ceop-onboard answers-template`)",
        ));
    }
    let env_plain = std::env::var("ACCESSIBLE").is_ok_and(|v| !v.is_empty() && v != "0")
        || std::env::var("TERM").is_ok_and(|t| t == "dumb");
    if !plain && !env_plain && crate::tui::unavailable().is_none() {
        match crate::tui::run(guide, renderer) {
            Ok(print) => {
                if let Some(text) = print {
                    output::print(&text)?;
                }
                return Ok(EXIT_OK);
            }
            Err(e) => eprintln!(
                "note: the full-screen wizard could not start ({e}); asking plainly instead."
            ),
        }
    }
    crate::prompt::run_plain(guide.get(), renderer)
}

/// The embedded guide, or the one at `path`.
pub fn load_guide(path: Option<&Path>) -> Result<Guide> {
    match path {
        None => Ok(Guide::embedded()),
        Some(path) => {
            let source = read_text(path, "make --config point to a readable wizard.toml")?;
            Guide::load(&path.display().to_string(), &source)
        }
    }
}

fn read_text(path: &Path, fix: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        let message = if path.is_dir() {
            "is a directory"
        } else if e.kind() == std::io::ErrorKind::InvalidData {
            "is not UTF-8 text"
        } else {
            "cannot be read"
        };
        Error::io(path, message, fix, e)
    })
}

/// Reads the answers file and applies each `--set`.
pub fn collect_answers(args: &GenerateArgs) -> Result<Answers> {
    let mut answers = match &args.answers {
        None => Answers::default(),
        Some(path) => {
            let source = read_text(path, "make --answers point to a readable TOML answers file")?;
            Answers::from_toml(&path.display().to_string(), &source)?
        }
    };
    for assignment in &args.set {
        let (key, value) = assignment.split_once('=').ok_or_else(|| {
            Error::usage(
                format!("--set `{assignment}` has no `=`"),
                "write it as --set key=value, e.g. --set platform=website",
            )
        })?;
        let key: Key = key.trim().parse().map_err(|()| {
            Error::usage(
                format!("--set: `{}` is not an answers-file key", key.trim()),
                format!(
                    "use one of: {}",
                    Key::ALL
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        let value = value.trim().trim_matches('"');
        answers.set(key, value).map_err(|m| {
            Error::usage(
                format!("--set {key}: {m}"),
                format!("set {key} to {}", key.accepted()),
            )
        })?;
    }
    if let Some((key, message)) = answers.problems().into_iter().next() {
        return Err(Error::usage(
            message,
            format!("set {key} to {}", key.accepted()),
        ));
    }
    Ok(answers)
}

/// The error for a required answer that is missing.
fn missing_answer(guide: &Guide, key: Key) -> Error {
    let q = guide.question(key);
    let example = match key.kind() {
        Kind::Bool => format!("{key} = true"),
        Kind::Choice(names) => format!("{key} = \"{}\"", names[0]),
        Kind::Text => format!("{key} = \"{}\"", q.placeholder.as_deref().unwrap_or("…")),
    };
    Error::usage(
        format!("missing answer `{key}`: {}", q.prompt),
        format!(
            "add `{example}` to the answers file (values: {}), or pass --set {}",
            key.accepted(),
            example.replace(" = ", "=").replace('"', "")
        ),
    )
}

/// `generate`: decide, render and write, all or nothing.
pub fn generate(guide: &Guide, renderer: &Renderer, args: &GenerateArgs) -> Result<i32> {
    let mut answers = collect_answers(args)?;
    for key in flow::prune(&mut answers) {
        eprintln!("note: ignoring {key}: it does not apply to these answers");
    }
    let format = args
        .format
        .as_deref()
        .map(|f| {
            f.parse::<Format>().map_err(|()| {
                Error::usage(
                    format!("`{f}` is not a format"),
                    format!("use one of: {}", Format::NAMES.join(", ")),
                )
            })
        })
        .transpose()?;
    let button = match &answers.button_file {
        Some(file) => Some(ButtonCheck::of_file(
            Path::new(file),
            guide.facts.button_width,
            guide.facts.button_height,
        )?),
        None => None,
    };
    let decision = eligibility::decide(guide, &answers, button);
    if let Some(&key) = decision.missing.first() {
        return Err(missing_answer(guide, key));
    }
    let artifact = renderer.artifact(guide, &answers, &decision, button)?;
    // TOML, or a page to read and print for a name ending .html or .md.
    let record_text = |path: &Path| {
        record::render(
            guide,
            &answers,
            &decision,
            artifact.as_ref(),
            record::timestamp(),
            RecordFormat::for_path(path),
        )
    };

    let mut files = Vec::new();
    let mut stdout = String::new();
    let mut send = |path: &Path, contents: String| {
        if path == Path::new("-") {
            stdout.push_str(&contents);
        } else {
            files.push(Pending {
                path: path.to_path_buf(),
                contents,
            });
        }
    };

    let Some(artifact) = &artifact else {
        eprint!("{}", explain(guide, &decision));
        if args.copy {
            eprintln!("note: nothing was copied: there is no artifact");
        }
        if let Some(path) = &args.record {
            send(path, record_text(path));
        }
        output::write_all(&files, args.force)?;
        output::print(&stdout)?;
        return Ok(EXIT_NOT_HOSTING);
    };

    let formats = Format::for_platform(artifact.platform);
    let format = match format {
        None => formats[0],
        Some(f) if formats.contains(&f) => f,
        Some(f) => {
            return Err(Error::usage(
                format!("a {} has no {f} format", artifact.platform),
                format!(
                    "use one of: {}",
                    formats
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    };
    let copy = args.copy.then(|| {
        artifact
            .document(format)
            .expect("every platform format is rendered")
            .content
            .as_str()
    });
    if let Some(dir) = &args.output_dir {
        if !dir.is_dir() {
            return Err(Error::usage(
                format!("--output-dir {} is not a directory", dir.display()),
                "create the directory first",
            ));
        }
        for d in &artifact.documents {
            send(
                &dir.join(d.format.file_name(artifact.platform)),
                d.content.clone(),
            );
        }
    } else if args.output.is_some() || !args.copy {
        // `--copy` alone copies without printing; `--copy --output -` does both.
        let doc = artifact
            .document(format)
            .expect("every platform format is rendered");
        send(
            args.output.as_deref().unwrap_or(Path::new("-")),
            doc.content.clone(),
        );
    }
    if let Some(path) = &args.checklist {
        send(
            path,
            match args.checklist_format {
                ChecklistFormat::Markdown => artifact.checklist_markdown.clone(),
                ChecklistFormat::Json => artifact.checklist_json(),
            },
        );
    }
    if let Some(path) = &args.record {
        send(path, record_text(path));
    }
    // Copied once the files can be written, before they are: a copy that is
    // refused (over 100 kB) or fails leaves nothing written.
    let copied = match copy {
        Some(text) => {
            for f in &files {
                output::check_target(&f.path, args.force)?;
            }
            Some(clipboard::copy(text, &clipboard::Env::current())?)
        }
        None => None,
    };
    output::write_all(&files, args.force)?;
    output::print(&stdout)?;
    eprint!("{}", explain(guide, &decision));
    for f in &files {
        eprintln!("wrote {}", f.path.display());
    }
    if let Some(copied) = copied {
        eprintln!("{}", copied.message());
        if !copied.confirmed() {
            eprintln!("  To save it: --output FILE. To print it: --output -");
        }
    }
    Ok(EXIT_OK)
}

/// The decision for a person: title, reasons with rule ids, what to do next.
/// Printed in colour only when stderr is a terminal and NO_COLOR is unset.
pub fn explain(guide: &Guide, decision: &Decision) -> String {
    let bold = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    crate::wizard::decision_summary(guide, decision, |t| {
        if bold {
            format!("\x1b[1m{t}\x1b[0m")
        } else {
            t.to_string()
        }
    })
}

/// A commented answers file: every key with its question, help and values.
pub fn answers_template(guide: &Guide) -> String {
    let mut s = String::from(
        "# Answers for `ceop-onboard generate --answers FILE`.\n# Change the values, then run the command. Keys that do not apply to your\n# platform are ignored (for an app: audience, placement, image_src, button_file, new_tab).\n",
    );
    for &key in Key::ALL {
        let q = guide.question(key);
        s.push('\n');
        s.push_str(&format!("# {}\n", q.prompt));
        for line in q.help.lines() {
            s.push_str(&format!("# {line}\n"));
        }
        for c in &q.choices {
            s.push_str(&format!("#   {:<20} {}\n", c.value, c.label));
        }
        let line = match key {
            Key::ReadGuidance | Key::NoEndorsement => {
                format!("{key} = false   # set to true once it is so")
            }
            Key::NewTab => format!("{key} = false"),
            Key::ButtonFile | Key::OrganisationName => {
                format!("# {key} = \"{}\"", q.placeholder.as_deref().unwrap_or(""))
            }
            Key::ImageSrc => format!("{key} = \"{}\"", q.placeholder.as_deref().unwrap_or("")),
            _ => match key.kind() {
                Kind::Choice(names) => format!("{key} = \"{}\"", names[0]),
                _ => unreachable!("every other key is a choice"),
            },
        };
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// The reader notice as plain text.
pub fn guidance_text(guide: &Guide) -> String {
    let mut s = format!(
        "{}\n{}\n\n{}\n",
        guide.title, guide.version, guide.welcome.body
    );
    for (i, section) in guide.sections.iter().enumerate() {
        let rules: Vec<String> = section.rules.iter().map(|r| r.to_string()).collect();
        s.push_str(&format!(
            "\n{}. {} ({})\n\n{}\n",
            i + 1,
            section.title,
            rules.join(", "),
            section.body
        ));
        if let Some(id) = section.quote {
            let text = guide.text(id);
            s.push_str(&format!("\n  “{}” — the guide's text:\n\n", text.title));
            for p in &text.paragraphs {
                s.push_str(&format!("  {p}\n\n"));
            }
        }
    }
    s.push_str(&format!(
        "\nWhen you have read all of it, confirm in your answers file:\n  read_guidance = true   # {}\n",
        guide.question(Key::ReadGuidance).prompt
    ));
    s
}
