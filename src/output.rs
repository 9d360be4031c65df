//! Where output goes: stdout, or files written atomically that never silently replace another.

use std::io::Write;
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::fsio::write::{Expect, Plan};

/// A file to write: path and contents.
#[derive(Debug, Clone)]
pub struct Pending {
    pub path: PathBuf,
    pub contents: String,
}

/// Writes every file, or none (see [`crate::fsio::write`]): every target is
/// resolved and refused if it cannot be written — not a regular file, a
/// symbolic link, a file with other hard links, two outputs naming one
/// file, or without `force` a file that exists — before anything is
/// written; then each goes to a temporary file beside its target, and only
/// when all are written are they renamed into place.
pub fn write_all(files: &[Pending], force: bool) -> Result<()> {
    prepare(files, force)?.commit()
}

/// The first half of [`write_all`]: everything checked and written to
/// temporary files, nothing in place yet. Dropping the result changes nothing.
pub fn prepare(files: &[Pending], force: bool) -> Result<crate::fsio::write::Prepared> {
    let plans: Vec<Plan> = files
        .iter()
        .map(|f| Plan {
            path: &f.path,
            contents: f.contents.as_bytes(),
            expect: Expect::Create { force },
        })
        .collect();
    crate::fsio::write::prepare(&plans)
}

/// `s` as it may reach a terminal: controls other than line feed and tab
/// (a terminal's escape sequences) and invisible formatting characters
/// (which reorder or hide text) become U+FFFD. For text from a config file.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c != '\n' && c != '\t' && crate::answers::hidden_char(c);
    if s.chars().any(bad) {
        s.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error.
pub fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io(
            "<stdout>",
            "cannot write",
            "check where standard output goes",
            e,
        )),
        _ => Ok(()),
    }
}

/// Refuses to go on when standard output was closed (`>&-`): what would be
/// printed there would be lost. A closed descriptor is reopened on
/// `/dev/null` for reading and writing when the program starts (Rust's
/// runtime does so, so that no file it opens takes its place); a shell's
/// `>/dev/null` opens it for writing only and is left alone.
pub fn stdout_open() -> Result<()> {
    use rustix::fs::{OFlags, fstat, stat};
    let out = std::io::stdout();
    let closed = (|| {
        let mode = rustix::fs::fcntl_getfl(&out).ok()?;
        let null = stat("/dev/null").ok()?;
        let st = fstat(&out).ok()?;
        Some(
            mode & OFlags::RWMODE == OFlags::RDWR
                && st.st_rdev == null.st_rdev
                && st.st_ino == null.st_ino,
        )
    })()
    .unwrap_or(false);
    if closed {
        return Err(Error::io(
            "<stdout>",
            "standard output is closed, so nothing can be printed",
            "give --output FILE, or run the command with standard output open",
            std::io::Error::from_raw_os_error(9),
        ));
    }
    Ok(())
}
