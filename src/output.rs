//! Where output goes: stdout, or files written atomically that never silently replace another.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A file to write: path and contents.
#[derive(Debug, Clone)]
pub struct Pending {
    pub path: PathBuf,
    pub contents: String,
}

/// Writes every file, or none: each goes to a temporary file beside its target
/// first, and only when all are written are they renamed into place. Without
/// `force`, an existing target is an error before anything is written.
pub fn write_all(files: &[Pending], force: bool) -> Result<()> {
    for f in files {
        check_target(&f.path, force)?;
    }
    let mut temps = Vec::with_capacity(files.len());
    for f in files {
        let dir = parent_dir(&f.path);
        let mut tmp = tempfile::Builder::new()
            .prefix(".ceop-onboard-")
            .tempfile_in(dir)
            .map_err(|e| {
                Error::io(
                    &f.path,
                    "cannot write here",
                    "choose a directory you can write to",
                    e,
                )
            })?;
        tmp.write_all(f.contents.as_bytes())
            .and_then(|()| set_permissions(tmp.as_file(), &f.path))
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| Error::io(&f.path, "cannot write", "check the disk has room", e))?;
        temps.push(tmp);
    }
    for (tmp, f) in temps.into_iter().zip(files) {
        let result = if force {
            tmp.persist(&f.path).map(drop)
        } else {
            tmp.persist_noclobber(&f.path).map(drop)
        };
        result.map_err(|e| {
            Error::io(
                &f.path,
                "cannot put the file in place",
                "pass --force to replace an existing file, or choose another path",
                e.error,
            )
        })?;
    }
    Ok(())
}

/// A temporary file is private (0600); the file it becomes gets the mode of
/// the file it replaces, or the usual 0644 for a new one.
#[cfg(unix)]
fn set_permissions(file: &std::fs::File, target: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_permissions(_: &std::fs::File, _: &Path) -> std::io::Result<()> {
    Ok(())
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Refuses targets that cannot work, before anything is written.
pub fn check_target(path: &Path, force: bool) -> Result<()> {
    if path.is_dir() {
        return Err(Error::io(
            path,
            "is a directory",
            "give a file name, or use --output-dir for a directory",
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    if !force && path.exists() {
        return Err(Error::io(
            path,
            "already exists",
            "pass --force to replace it, or choose another path",
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(Error::io(
            path,
            "its directory does not exist",
            format!("create {} first, or choose another path", dir.display()),
            std::io::Error::from(std::io::ErrorKind::NotFound),
        ));
    }
    Ok(())
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
