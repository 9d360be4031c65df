//! What each subcommand does, from parsed arguments to an exit code.

use std::io::IsTerminal;
use std::path::Path;

use crate::answers::{Answers, Key, Kind};
use crate::background::Background;
use crate::cli::{ChecklistFormat, Cli, Command, GenerateArgs};
use crate::clipboard;
use crate::eligibility::Decision;
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
/// The wizard was interrupted (Ctrl-C): 128 + SIGINT, as a shell reports it.
pub const EXIT_INTERRUPTED: i32 = 130;

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
            output::print(&output::printable(&answers_template(&guide)))?;
            Ok(EXIT_OK)
        }
        Some(Command::Guidance) => {
            let guide = load_guide(cli.config.as_deref())?;
            output::print(&output::printable(&guidance_text(&guide)))?;
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
/// prompts otherwise (SPEC §7), saying why. Without a terminal on stdin
/// neither can run. How the wizard ended becomes the exit code here.
fn wizard(guide: &Background<Guide>, renderer: &Renderer, plain: bool) -> Result<i32> {
    use crate::wizard::frontend::{self, FrontEnd};
    let facts = frontend::Facts::current(plain);
    if !facts.stdin_tty {
        return Err(Error::usage(
            "the wizard needs a terminal, and standard input is not a terminal",
            "run it in a terminal, or use `ceop-onboard generate --answers FILE` (see `ceop-onboard answers-template`)",
        ));
    }
    let (lines, why) = match frontend::choose(&facts) {
        FrontEnd::Full => match crate::tui::run(guide, renderer) {
            Ok((end, print)) => {
                if let Some(text) = print {
                    output::print(&text)?;
                }
                return Ok(exit_code(&end));
            }
            Err(e) => (
                facts.no_color,
                Some(format!("the full-screen wizard could not start ({e})")),
            ),
        },
        FrontEnd::Plain { lines, why } => (lines, why),
    };
    let end = crate::prompt::run_plain(guide.get(), renderer, lines, why.as_deref());
    Ok(exit_code(&end))
}

/// The exit code for how the wizard ended: 130 (128 + SIGINT) when it was
/// interrupted, as the signal handlers do; 0 otherwise.
fn exit_code(end: &crate::wizard::End) -> i32 {
    match end {
        crate::wizard::End::Interrupted => EXIT_INTERRUPTED,
        crate::wizard::End::Finished(_) | crate::wizard::End::Stopped => EXIT_OK,
    }
}

/// The embedded guide, or the one at `path`.
pub fn load_guide(path: Option<&Path>) -> Result<Guide> {
    match path {
        None => Ok(Guide::embedded()),
        Some(path) => {
            let source = crate::fsio::read_text(path, crate::fsio::CONFIG)?;
            Guide::load(&path.display().to_string(), &source)
        }
    }
}

/// Reads the answers file and applies each `--set`.
pub fn collect_answers(args: &GenerateArgs) -> Result<Answers> {
    let mut answers = match &args.answers {
        None => Answers::default(),
        Some(path) => {
            let source = crate::fsio::read_text(path, crate::fsio::ANSWERS)?;
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
            format!("set {key} to {}", accepted_here(key, &answers)),
        ));
    }
    Ok(answers)
}

/// An absolute https address to show as an example where a path on the site
/// will not do (an email newsletter's image).
const ABSOLUTE_IMAGE_EXAMPLE: &str = "https://www.example.org/images/clickceop.gif";

/// What `key` accepts with these other answers: an email newsletter's image
/// needs an absolute https:// address, so no path is suggested for it.
fn accepted_here(key: Key, answers: &Answers) -> String {
    if key == Key::ImageSrc && answers.platform == Some(crate::answers::Platform::EmailNewsletter) {
        format!("an absolute https:// address such as {ABSOLUTE_IMAGE_EXAMPLE}")
    } else {
        key.accepted()
    }
}

/// The error for a required answer that is missing.
fn missing_answer(guide: &Guide, answers: &Answers, key: Key) -> Error {
    let q = guide.question(key);
    let absolute =
        key == Key::ImageSrc && answers.platform == Some(crate::answers::Platform::EmailNewsletter);
    let example = match key.kind() {
        Kind::Bool => format!("{key} = true"),
        Kind::Choice(names) => format!("{key} = \"{}\"", names[0]),
        Kind::Text if absolute => format!("{key} = \"{ABSOLUTE_IMAGE_EXAMPLE}\""),
        Kind::Text => format!("{key} = \"{}\"", q.placeholder.as_deref().unwrap_or("…")),
    };
    Error::usage(
        format!("missing answer `{key}`: {}", q.prompt),
        format!(
            "add `{example}` to the answers file (values: {}), or pass --set {}",
            accepted_here(key, answers),
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
    let conclusion = crate::wizard::conclude(guide, renderer, &answers)?;
    let decision = &conclusion.decision;
    if let Some(&key) = decision.missing.first() {
        return Err(missing_answer(guide, &answers, key));
    }
    let artifact = &conclusion.artifact;
    // TOML, or a page to read and print for a name ending .html or .md.
    let record_text = |path: &Path| {
        record::render(
            guide,
            &answers,
            decision,
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
        eprint!("{}", explain(guide, decision));
        if args.copy {
            eprintln!("note: nothing was copied: there is no artifact");
        }
        if let Some(path) = &args.record {
            send(path, record_text(path));
        }
        if !stdout.is_empty() {
            output::stdout_open()?;
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
    // Every target is checked and every file written beside it before
    // anything is put in place or copied: a copy that is refused (over
    // 100 kB) or fails leaves nothing written, and a target that cannot be
    // written leaves nothing copied.
    if !stdout.is_empty() {
        output::stdout_open()?;
    }
    let prepared = output::prepare(&files, args.force)?;
    let copied = match copy {
        Some(text) => Some(clipboard::copy(text, &clipboard::Env::current())?),
        None => None,
    };
    prepared.commit()?;
    output::print(&stdout)?;
    eprint!("{}", explain(guide, decision));
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
    // Titles are marked with two private-use characters while the config's
    // text is made printable, then the marks become the bold escapes.
    let text = crate::wizard::decision_summary(guide, decision, |t| format!("\u{E000}{t}\u{E001}"));
    let (on, off) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    output::printable(&text)
        .replace('\u{E000}', on)
        .replace('\u{E001}', off)
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

/// The reader notice as plain text: this tool's summary of the guide, headed
/// as such (SPEC §12), never with the guide's own title alone.
pub fn guidance_text(guide: &Guide) -> String {
    let mut s = format!(
        "{}: {}, {}\n\n{}\n",
        guide.step_title(crate::flow::Step::ReaderNotice),
        guide.title,
        guide.version,
        guide.welcome.body
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
    let r1 = guide.question(Key::ReadGuidance);
    s.push_str(&format!(
        "\n{}\n\nWhen you have read it in full, confirm in your answers file:\n  read_guidance = true   # {}\n",
        r1.help, r1.prompt
    ));
    s
}
