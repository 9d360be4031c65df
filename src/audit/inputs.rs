//! `check`'s inputs on the disk: the paths named, the directories walked and standard input, each read with a cap; what was skipped, and why.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::source::{AppKind, FileKind, Origin};
use crate::error::{Error, Result};

/// Files larger than this are not audited: no page or template is that big.
/// Standard input is read up to the same cap.
pub const MAX_FILE_SIZE: u64 = 10 * 1024 * 1024;

/// A `manifest.json` larger than this is not read to tell a browser extension.
const MAX_MANIFEST_SIZE: u64 = 1024 * 1024;

/// Directory names that hold a browser extension.
const EXTENSION_DIRS: [&str; 6] = [
    "browser-extension",
    "chrome-extension",
    "firefox-extension",
    "web-extension",
    "webextension",
    "firefox-addon",
];

/// Why a file was not audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// Text in a language `check` does not read (by its extension).
    NoLanguage,
    /// Hidden by `.gitignore`, `.ignore` or another ignore file, or by a
    /// name starting with a dot (`--no-ignore` reads them).
    Ignored,
    /// A symbolic link met in a walk: not followed.
    Symlink,
    Binary,
    TooBig,
    Unreadable,
}

impl SkipReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipReason::NoLanguage => "no-language",
            SkipReason::Ignored => "ignored",
            SkipReason::Symlink => "symlink",
            SkipReason::Binary => "binary",
            SkipReason::TooBig => "too-big",
            SkipReason::Unreadable => "unreadable",
        }
    }

    /// Words for a person.
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::NoLanguage => "no language check reads",
            SkipReason::Ignored => "hidden by ignore rules or a hidden name",
            SkipReason::Symlink => "a symbolic link, not followed",
            SkipReason::Binary => "binary file",
            SkipReason::TooBig => "larger than 10 MB",
            SkipReason::Unreadable => "cannot be read",
        }
    }
}

/// A file that was not audited, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub origin: Origin,
    pub reason: SkipReason,
    /// More about the reason (the OS error of an unreadable file).
    pub detail: Option<String>,
}

/// One text that was read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file, or a name for standard input.
    pub origin: Origin,
    /// The name findings carry (for a file, its path as text).
    pub name: String,
    pub kind: FileKind,
    /// Where root-relative image paths (`/images/x.gif`) may resolve.
    pub root: PathBuf,
    pub app: Option<AppKind>,
}

impl Input {
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::Path(p) => Some(p),
            _ => None,
        }
    }
}

/// Everything the command line named, read.
#[derive(Debug)]
pub struct Collected<T> {
    /// Texts read, in report order, each with what the visitor made of its
    /// bytes.
    pub inputs: Vec<(Input, T)>,
    pub skipped: Vec<Skipped>,
    /// Problems met on the way (a walk error), for stderr.
    pub notes: Vec<String>,
}

impl<T> Default for Collected<T> {
    fn default() -> Self {
        Collected {
            inputs: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// What to do with each text read: called on the walk's threads, as soon
/// as the text is read, so reading and auditing overlap.
pub type Visit<'a, T> = &'a (dyn Fn(&Input, Vec<u8>) -> T + Sync);

/// How to read: the flags of `check` that change it.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub stdin_name: Option<String>,
    /// Read what ignore files and hidden names hide.
    pub no_ignore: bool,
}

/// Reads every path, in the order given; a directory is walked on as many
/// threads as there are cores and its files come in path order. `visit`
/// gets each text's bytes. A path that does not exist, or that is not a regular
/// file or a directory (a FIFO, a device), is an error: nothing is read
/// from it.
pub fn collect<T: Send>(
    paths: &[PathBuf],
    options: &Options,
    visit: Visit<T>,
) -> Result<Collected<T>> {
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    let extensions = ExtensionIndex::default();
    for path in paths {
        if path == Path::new("-") {
            let bytes = read_stdin()?;
            let name = options
                .stdin_name
                .clone()
                .unwrap_or_else(|| "<stdin>".into());
            let kind = FileKind::from_path(&name).unwrap_or(FileKind::Markup);
            push(
                &mut out,
                Input {
                    origin: Origin::Named(name.clone()),
                    name,
                    kind,
                    root: PathBuf::from("."),
                    app: None,
                },
                Ok(bytes),
                visit,
            );
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
            let walked = walk(path, &extensions, options, visit);
            let mut found = walked.inputs;
            found.sort_by(|x, y| x.0.origin.cmp(&y.0.origin));
            out.inputs.extend(
                found
                    .into_iter()
                    .filter(|(i, _)| seen.insert(i.origin.clone())),
            );
            out.skipped.extend(walked.skipped);
            out.notes.extend(walked.notes);
        } else if !meta.is_file() {
            return Err(not_regular(path));
        } else if seen.insert(Origin::Path(path.clone())) {
            let root = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let name = path.display().to_string();
            let input = Input {
                origin: Origin::Path(path.clone()),
                app: extensions.of(path, &root),
                kind: FileKind::from_path(&name).unwrap_or(FileKind::Markup),
                name,
                root,
            };
            // A file swapped for a FIFO or device after the look above is
            // refused here, as it would have been there.
            crate::fsio::test_pause("check-read");
            match read(path) {
                Err((SkipReason::Unreadable, Some(d))) if d == NOT_REGULAR => {
                    return Err(not_regular(path));
                }
                // What was named and cannot be read is an error; in a walk
                // it is passed by and counted.
                Err((SkipReason::Unreadable, d)) => {
                    return Err(Error::usage(
                        format!(
                            "{}: cannot be read ({})",
                            input.origin,
                            d.as_deref().unwrap_or("an error")
                        ),
                        "check that the file can be read, or leave it out",
                    ));
                }
                r => push(&mut out, input, r, visit),
            }
        }
    }
    out.skipped.sort_by(|x, y| x.origin.cmp(&y.origin));
    Ok(out)
}

fn not_regular(path: &Path) -> Error {
    Error::usage(
        format!(
            "{}: is not a regular file or a directory (a FIFO, device or socket)",
            Origin::Path(path.to_path_buf())
        ),
        "name a file or directory to audit, or pipe the text in and name `-`",
    )
}

fn push<T>(
    out: &mut Collected<T>,
    input: Input,
    read: std::result::Result<Vec<u8>, (SkipReason, Option<String>)>,
    visit: Visit<T>,
) {
    match visited(input, read, visit) {
        Ok(pair) => out.inputs.push(pair),
        Err(skipped) => out.skipped.push(skipped),
    }
}

/// The input with what `visit` made of it, or why it was skipped.
fn visited<T>(
    input: Input,
    read: std::result::Result<Vec<u8>, (SkipReason, Option<String>)>,
    visit: Visit<T>,
) -> std::result::Result<(Input, T), Skipped> {
    match read.and_then(check_bytes) {
        Ok(bytes) => {
            let t = visit(&input, bytes);
            Ok((input, t))
        }
        Err((reason, detail)) => Err(Skipped {
            origin: input.origin,
            reason,
            detail,
        }),
    }
}

fn check_bytes(bytes: Vec<u8>) -> std::result::Result<Vec<u8>, (SkipReason, Option<String>)> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err((SkipReason::TooBig, None));
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err((SkipReason::Binary, None));
    }
    Ok(bytes)
}

/// Standard input, up to [`MAX_FILE_SIZE`]; more is an error, not a cut.
fn read_stdin() -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("<stdin>", "cannot read", "check what is piped in", e))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(Error::usage(
            "<stdin>: more than 10 MB on standard input",
            "pipe in one page or template (at most 10 MB), or save it and name the file",
        ));
    }
    Ok(bytes)
}

const NOT_REGULAR: &str = "not a regular file";

/// Reads a regular file of at most [`MAX_FILE_SIZE`] bytes (one byte more
/// tells it is too big). It is opened without blocking, so a FIFO put in
/// its place cannot stall the run, and refused unless it is a regular file.
pub fn read(path: &Path) -> std::result::Result<Vec<u8>, (SkipReason, Option<String>)> {
    let unreadable = |e: std::io::Error| (SkipReason::Unreadable, Some(e.to_string()));
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err((SkipReason::Unreadable, Some(NOT_REGULAR.into())));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err((SkipReason::TooBig, None));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // A file that grows after the look above is still read only to one byte
    // past the cap, which tells it is too big.
    crate::fsio::test_pause("check-opened");
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

/// Walks `root` in parallel, reading each file whose extension names a
/// language the audit reads; every other entry is counted as skipped.
fn walk<T: Send>(
    root: &Path,
    extensions: &ExtensionIndex,
    options: &Options,
    visit: Visit<T>,
) -> Collected<T> {
    let out = Mutex::new(Collected::default());
    // What the walk visited, and what each visited folder holds (listed on
    // the walk's threads as it goes): the difference is what ignore rules
    // and hidden names kept out. Paths as plain bytes: hashing an OsString
    // is much cheaper than a Path, which hashes component by component.
    let count_hidden = !options.no_ignore;
    let seen = Mutex::new(HashSet::<OsString>::new());
    let listed = Mutex::new(Vec::<OsString>::new());
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut builder = ignore::WalkBuilder::new(root);
    builder.require_git(false).threads(threads);
    if options.no_ignore {
        builder.standard_filters(false);
    }
    // A repository's own store is never a page, whatever the flags.
    builder.filter_entry(|e| e.file_name() != ".git");
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    // The error names a path: escaped like every name printed.
                    lock(&out)
                        .notes
                        .push(Origin::Named(e.to_string()).escaped());
                    return ignore::WalkState::Continue;
                }
            };
            let Some(t) = entry.file_type() else {
                return ignore::WalkState::Continue;
            };
            let p = entry.into_path();
            if count_hidden {
                lock(&seen).insert(p.clone().into_os_string());
            }
            if t.is_dir() {
                if count_hidden {
                    let children = list(&p);
                    lock(&listed).extend(children);
                }
                return ignore::WalkState::Continue;
            }
            let skip = |reason| Skipped {
                origin: Origin::Path(p.clone()),
                reason,
                detail: None,
            };
            if t.is_symlink() {
                lock(&out).skipped.push(skip(SkipReason::Symlink));
                return ignore::WalkState::Continue;
            }
            let name = p.display().to_string();
            let Some(kind) = FileKind::from_path(&name) else {
                if t.is_file() && !FileKind::is_not_text(&name) {
                    lock(&out).skipped.push(skip(SkipReason::NoLanguage));
                }
                return ignore::WalkState::Continue;
            };
            if !t.is_file() {
                return ignore::WalkState::Continue; // a FIFO or device in the tree: never opened
            }
            let input = Input {
                app: extensions.of(&p, root),
                origin: Origin::Path(p.clone()),
                name,
                kind,
                root: root.to_path_buf(),
            };
            // Read and visited outside the lock: the threads overlap.
            match visited(input, read(&p), visit) {
                Ok(pair) => lock(&out).inputs.push(pair),
                Err(skipped) => lock(&out).skipped.push(skipped),
            }
            ignore::WalkState::Continue
        })
    });
    let mut out = out.into_inner().unwrap_or_else(|e| e.into_inner());
    let seen = seen.into_inner().unwrap_or_else(|e| e.into_inner());
    let listed = listed.into_inner().unwrap_or_else(|e| e.into_inner());
    out.skipped.extend(
        listed
            .into_iter()
            .filter(|p| !seen.contains(p))
            .map(|p| Skipped {
                origin: Origin::Path(PathBuf::from(p)),
                reason: SkipReason::Ignored,
                detail: None,
            }),
    );
    out
}

/// The entries of a folder that ignore rules could hide: folders, and
/// files in a language `check` reads (`.git` is never counted).
fn list(dir: &Path) -> Vec<OsString> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|e| e.file_name() != ".git")
        .filter_map(|e| {
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            if is_file && FileKind::from_path(&e.file_name().to_string_lossy()).is_none() {
                return None; // not a language check reads: nothing was hidden
            }
            Some(e.path().into_os_string())
        })
        .collect()
}

/// A lock that a panicked thread cannot poison for the others.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Which directories hold a browser extension (a `manifest.json` with
/// `manifest_version` or `content_scripts`, or a telling name).
#[derive(Default)]
struct ExtensionIndex {
    dirs: Mutex<HashMap<OsString, bool>>,
}

impl ExtensionIndex {
    fn of(&self, file: &Path, root: &Path) -> Option<AppKind> {
        for dir in file.ancestors().skip(1).take(12) {
            // A file named with no directory is in the current one.
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            let known = lock(&self.dirs).get(dir.as_os_str()).copied();
            let is_ext = known.unwrap_or_else(|| {
                let is = is_extension_dir(dir);
                lock(&self.dirs).insert(dir.as_os_str().to_owned(), is);
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
    // `read` refuses anything but a regular file.
    if meta.len() > MAX_MANIFEST_SIZE {
        return false;
    }
    read(&manifest)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .is_some_and(|v| v.get("manifest_version").is_some() || v.get("content_scripts").is_some())
}

/// The local file an image `src` names: relative to the page's directory, or
/// for `/root/relative` paths, under one of its directories up to the root
/// that was walked.
pub fn resolve(page: &Path, root: &Path, src: &str) -> Option<PathBuf> {
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
