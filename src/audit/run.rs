//! `check` on the disk: walk paths, read files, check local GIFs, write fixes, pick the exit code.

use std::collections::{HashMap, HashSet};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::args::{CheckArgs, ReportFormat};
use super::report::{self, Skipped, Summary};
use super::{AppKind, Auditor, FileKind, Finding, Source, fix};
use crate::button::ButtonCheck;
use crate::error::{Error, Result};
use crate::guide::Guide;
use crate::output;

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 an error.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;

/// Files larger than this are not audited: no page or template is that big.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// Directory names that hold a browser extension.
const EXTENSION_DIRS: [&str; 6] = [
    "browser-extension",
    "chrome-extension",
    "firefox-extension",
    "web-extension",
    "webextension",
    "firefox-addon",
];

/// One thing to read.
#[derive(Debug, Clone)]
struct Input {
    /// `None` for standard input.
    path: Option<PathBuf>,
    name: String,
    kind: FileKind,
    /// Where root-relative image paths (`/images/x.gif`) may resolve.
    root: PathBuf,
    app: Option<AppKind>,
}

/// What auditing one input gave.
#[derive(Debug, Default)]
struct Outcome {
    findings: Vec<Finding>,
    skipped: Option<String>,
    notes: Vec<String>,
    /// The original and the fixed bytes, when `--fix` changed something.
    fixed: Option<(Vec<u8>, Vec<u8>)>,
}

/// Each input with what auditing it gave, in report order.
type Audited = Vec<(Input, Outcome)>;

/// Runs `check` and returns the exit code.
pub fn check(guide: &Guide, args: &CheckArgs) -> Result<i32> {
    if args.fix && args.paths.iter().any(|p| p == Path::new("-")) {
        return Err(Error::usage(
            "--fix cannot rewrite standard input",
            "name the files to fix, or leave out --fix",
        ));
    }
    let auditor = Auditor::new(guide);
    let (audited, mut walk_notes) = audit_paths(&auditor, args)?;
    let audited_count = audited.len();

    let mut findings = Vec::new();
    let mut skipped = Vec::new();
    let mut diff = String::new();
    let mut writes = Vec::new();
    for (input, outcome) in audited {
        walk_notes.extend(outcome.notes);
        if let Some(reason) = outcome.skipped {
            walk_notes.push(format!("{}: skipped: {reason}", input.name));
            skipped.push(Skipped {
                file: input.name.clone(),
                reason,
            });
            continue;
        }
        if let (Some((before, after)), Some(path)) = (outcome.fixed, &input.path) {
            diff.push_str(&fix::diff(&input.name, &before, &after));
            writes.push((path.clone(), input.name.clone(), before, after));
        }
        findings.extend(outcome.findings);
    }
    for note in &walk_notes {
        eprintln!("note: {note}");
    }
    write_fixes(&writes, &args.paths)?;

    let summary = Summary::new(&findings, audited_count - skipped.len(), skipped.len());
    let report = match args.format {
        ReportFormat::Text => {
            let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            report::text(&findings, &summary, colour)
        }
        ReportFormat::Json => report::json(&findings, &summary, &skipped),
        ReportFormat::Sarif => report::sarif(&findings),
    };
    if !writes.is_empty() {
        // The diff goes with a text report; beside JSON or SARIF it would
        // spoil the document, so it goes to stderr.
        if args.format == ReportFormat::Text {
            output::print(&format!("{diff}\n"))?;
        } else {
            eprint!("{diff}");
        }
        let names: Vec<&str> = writes.iter().map(|w| w.1.as_str()).collect();
        eprintln!(
            "fixed link targets in {} file(s): {}",
            writes.len(),
            names.join(", ")
        );
    }
    output::print(&report)?;
    let failing = findings.iter().any(|f| f.severity() >= args.fail_on);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_CLEAN })
}

/// Audits every path named on the command line, in that order; a
/// directory is walked on as many threads as there are cores, each file
/// audited as it is found, and its files reported in path order.
fn audit_paths(auditor: &Auditor, args: &CheckArgs) -> Result<(Audited, Vec<String>)> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut seen = HashSet::new();
    let extensions = ExtensionIndex::default();
    for path in &args.paths {
        if path == Path::new("-") {
            let mut stdin = Vec::new();
            std::io::stdin()
                .read_to_end(&mut stdin)
                .map_err(|e| Error::io("<stdin>", "cannot read", "check what is piped in", e))?;
            let name = args.stdin_name.clone().unwrap_or_else(|| "<stdin>".into());
            let input = Input {
                path: None,
                kind: FileKind::from_path(&name).unwrap_or(FileKind::Markup),
                name,
                root: PathBuf::from("."),
                app: None,
            };
            let outcome = audit_bytes(auditor, &input, stdin, false);
            out.push((input, outcome));
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|e| {
            Error::io(
                path,
                if e.kind() == std::io::ErrorKind::NotFound {
                    "does not exist"
                } else {
                    "cannot be read"
                },
                "give the path of a file or directory to audit",
                e,
            )
        })?;
        if meta.is_dir() {
            let (mut found, walk_notes) = walk(auditor, path, &extensions, args.fix);
            notes.extend(walk_notes);
            found.sort_by(|x, y| x.0.path.cmp(&y.0.path));
            out.extend(
                found
                    .into_iter()
                    .filter(|(i, _)| i.path.as_ref().is_none_or(|p| seen.insert(p.clone()))),
            );
        } else if seen.insert(path.clone()) {
            let name = path.display().to_string();
            let root = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let input = Input {
                app: extensions.of(path, &root),
                kind: FileKind::from_path(&name).unwrap_or(FileKind::Markup),
                path: Some(path.clone()),
                name,
                root,
            };
            let outcome = audit_file(auditor, &input, args.fix);
            out.push((input, outcome));
        }
    }
    Ok((out, notes))
}

/// Walks `root` in parallel, auditing each file whose extension names a
/// language the audit reads.
fn walk(
    auditor: &Auditor,
    root: &Path,
    extensions: &ExtensionIndex,
    fix: bool,
) -> (Audited, Vec<String>) {
    let found = Mutex::new(Vec::new());
    let notes = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    ignore::WalkBuilder::new(root)
        .require_git(false)
        .threads(threads)
        .build_parallel()
        .run(|| {
            Box::new(|entry| {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let p = e.into_path();
                        let name = p.display().to_string();
                        if let Some(kind) = FileKind::from_path(&name) {
                            let input = Input {
                                app: extensions.of(&p, root),
                                path: Some(p),
                                name,
                                kind,
                                root: root.to_path_buf(),
                            };
                            let outcome = audit_file(auditor, &input, fix);
                            lock(&found).push((input, outcome));
                        }
                    }
                    Ok(_) => {}
                    Err(e) => lock(&notes).push(e.to_string()),
                }
                ignore::WalkState::Continue
            })
        });
    (
        found.into_inner().unwrap_or_else(|e| e.into_inner()),
        notes.into_inner().unwrap_or_else(|e| e.into_inner()),
    )
}

/// A lock that a panicked thread cannot poison for the others.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Which directories hold a browser extension (a `manifest.json` with
/// `manifest_version` or `content_scripts`, or a telling name).
#[derive(Default)]
struct ExtensionIndex {
    dirs: Mutex<HashMap<PathBuf, bool>>,
}

impl ExtensionIndex {
    fn of(&self, file: &Path, root: &Path) -> Option<AppKind> {
        let stop = root.parent();
        for dir in file.ancestors().skip(1).take(12) {
            if Some(dir) == stop || dir.as_os_str().is_empty() {
                break;
            }
            let known = lock(&self.dirs).get(dir).copied();
            let is_ext = known.unwrap_or_else(|| {
                let is = is_extension_dir(dir);
                lock(&self.dirs).insert(dir.to_path_buf(), is);
                is
            });
            if is_ext {
                return Some(AppKind::BrowserExtension);
            }
            if dir == root {
                break;
            }
        }
        None
    }
}

fn is_extension_dir(dir: &Path) -> bool {
    if dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| EXTENSION_DIRS.contains(&n.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let manifest = dir.join("manifest.json");
    let Ok(meta) = std::fs::metadata(&manifest) else {
        return false;
    };
    if meta.len() > 1024 * 1024 {
        return false;
    }
    std::fs::read(&manifest)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("manifest_version").is_some() || v.get("content_scripts").is_some())
}

fn audit_file(auditor: &Auditor, input: &Input, fix: bool) -> Outcome {
    match input.path.as_deref().map(read) {
        Some(Ok(bytes)) => audit_bytes(auditor, input, bytes, fix),
        Some(Err(reason)) => Outcome {
            skipped: Some(reason),
            ..Outcome::default()
        },
        None => Outcome::default(),
    }
}

fn audit_bytes(auditor: &Auditor, input: &Input, bytes: Vec<u8>, fix: bool) -> Outcome {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Outcome {
            skipped: Some("larger than 10 MB".into()),
            ..Outcome::default()
        };
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Outcome {
            skipped: Some("binary file".into()),
            ..Outcome::default()
        };
    }
    if !auditor.may_concern(&bytes) {
        return Outcome::default();
    }
    let mut outcome = Outcome::default();
    let findings = scan_bytes(auditor, input, &bytes, &mut outcome.notes);
    if fix {
        let edits = fix::edits(&findings);
        if !edits.is_empty() {
            let after = fix::apply(&bytes, &edits);
            if after != bytes {
                outcome.findings = scan_bytes(auditor, input, &after, &mut Vec::new());
                outcome.fixed = Some((bytes, after));
                return outcome;
            }
        }
    }
    outcome.findings = findings;
    outcome
}

fn scan_bytes(
    auditor: &Auditor,
    input: &Input,
    bytes: &[u8],
    notes: &mut Vec<String>,
) -> Vec<Finding> {
    let text = super::decode(bytes);
    let scan = auditor.scan(&Source {
        file: &input.name,
        kind: input.kind,
        text: &text,
        app: input.app,
    });
    let mut findings = scan.findings;
    if let Some(path) = &input.path {
        for image in &scan.local_images {
            let Some(file) = resolve(path, &input.root, &image.src) else {
                continue;
            };
            match ButtonCheck::read(&file, auditor.width, auditor.height) {
                Ok(check) => {
                    findings.extend(auditor.local_image_finding(&input.name, image, check))
                }
                Err(e) => notes.push(format!(
                    "{}:{}: {}",
                    input.name,
                    image.line,
                    e.to_string().replace('\n', " ")
                )),
            }
        }
        findings.sort_by_key(|f| (f.offset, f.id));
    }
    findings
}

/// Reads a file that is not too big; the reason it was not read otherwise.
fn read(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read it ({e})"))?;
    let len = file
        .metadata()
        .map_err(|e| format!("cannot read it ({e})"))?
        .len();
    if len > MAX_FILE_SIZE {
        return Err("larger than 10 MB".into());
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it ({e})"))?;
    Ok(bytes)
}

/// The local file an image `src` names: relative to the page's directory, or
/// for `/root/relative` paths, under one of its directories up to the root
/// that was walked.
fn resolve(page: &Path, root: &Path, src: &str) -> Option<PathBuf> {
    let src = src.replace("%20", " ");
    let dir = page.parent().unwrap_or(Path::new("."));
    if let Some(rel) = src.strip_prefix('/') {
        for base in dir.ancestors().take(12) {
            let candidate = base.join(rel);
            if candidate.is_file() {
                return Some(candidate);
            }
            if base == root || base.as_os_str().is_empty() {
                break;
            }
        }
        None
    } else {
        let candidate = dir.join(&src);
        candidate.is_file().then_some(candidate)
    }
}

/// Puts every fixed file in place, or none (see [`crate::fsio::write`]):
/// each must still be the regular file that was read, holding what was
/// read; a symbolic link is followed only if it was named on the command
/// line; owner, group and mode are kept; a file with other hard links is
/// refused.
fn write_fixes(writes: &[(PathBuf, String, Vec<u8>, Vec<u8>)], named: &[PathBuf]) -> Result<()> {
    use crate::fsio::write::{Expect, Plan};
    if writes.is_empty() {
        return Ok(());
    }
    crate::fsio::test_pause("fix-read");
    let plans: Vec<Plan> = writes
        .iter()
        .map(|(path, _, before, after)| Plan {
            path,
            contents: after,
            expect: Expect::Replace {
                before,
                follow: named.contains(path),
            },
        })
        .collect();
    crate::fsio::write::write_all(&plans)
}
