//! Writes that land only where the user pointed, all or none.
//!
//! Each target is resolved once, relative to an open handle on its
//! directory, and only a regular file is ever replaced: never a device, a
//! FIFO, a directory or a symbolic link (`-` is how to write to standard
//! output). A file with other hard links is refused rather than split from
//! them. A replaced file keeps its owner, group and mode.
//!
//! Every new content goes first to a temporary file beside its target
//! ([`prepare`]); only when all of them are written are they renamed into
//! place ([`Prepared::commit`]). Just before each rename the target is
//! looked at again (without following links) and must still be the file
//! that was checked — same device and inode — or nothing is changed. A rename
//! that fails part way puts back the files already replaced (from a hard-link
//! backup taken just before each rename) and removes the ones created.

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use rustix::fs::{AtFlags, FileType, Mode, OFlags, RenameFlags};
use rustix::io::Errno;

use super::not_regular;
use crate::error::{Error, Result};

/// What a write may find at its target.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// A new file; an existing regular file is replaced only when `force`.
    Create { force: bool },
    /// The file that was read, which must still hold exactly `before`. A
    /// symbolic link is followed only when `follow` (the user named it);
    /// one met anywhere else is refused.
    Replace { before: &'a [u8], follow: bool },
}

/// One file to write.
#[derive(Debug, Clone, Copy)]
pub struct Plan<'a> {
    pub path: &'a Path,
    pub contents: &'a [u8],
    pub expect: Expect<'a>,
}

/// The identity and ownership of a regular file that will be replaced.
#[derive(Debug, Clone, Copy)]
struct Existing {
    dev: u64,
    ino: u64,
    uid: u32,
    gid: u32,
    mode: u32,
}

/// A target resolved against its directory.
#[derive(Debug)]
struct Target {
    /// The path the user gave (or the file a named link points to).
    shown: PathBuf,
    dir: OwnedFd,
    dir_id: (u64, u64),
    name: OsString,
    existing: Option<Existing>,
}

/// A target with its new contents written to a temporary file beside it.
#[derive(Debug)]
struct Staged {
    target: Target,
    tmp: OsString,
    tmp_ino: u64,
}

/// Every temporary file of a write, ready to be put in place. Dropped
/// without [`Prepared::commit`], it removes them: nothing is changed.
#[derive(Debug)]
pub struct Prepared {
    staged: Vec<Staged>,
}

/// Resolves every target, refuses any that cannot be written or that name
/// the same file twice, then writes each new content to a temporary file.
/// Nothing the user can see has changed when this returns.
pub fn prepare(plans: &[Plan]) -> Result<Prepared> {
    let targets = plans
        .iter()
        .map(|p| resolve(p.path, p.expect))
        .collect::<Result<Vec<_>>>()?;
    for (i, a) in targets.iter().enumerate() {
        if let Some(b) = targets[..i]
            .iter()
            .find(|b| b.dir_id == a.dir_id && b.name == a.name)
        {
            return Err(Error::io(
                &a.shown,
                format!("names the same file as {}", b.shown.display()),
                "give each output its own file name",
                std::io::Error::other("two outputs would overwrite each other"),
            ));
        }
    }
    let mut prepared = Prepared { staged: Vec::new() };
    for (target, plan) in targets.into_iter().zip(plans) {
        let staged = stage(target, plan.contents)?;
        prepared.staged.push(staged);
    }
    Ok(prepared)
}

/// [`prepare`] then [`Prepared::commit`]: the files the plans name, all or none.
pub fn write_all(plans: &[Plan]) -> Result<()> {
    prepare(plans)?.commit()
}

impl Prepared {
    /// Puts every file in place, or none: see the module documentation.
    pub fn commit(mut self) -> Result<()> {
        super::test_pause("staged");
        let staged = std::mem::take(&mut self.staged);
        let mut done: Vec<(Staged, Option<OsString>)> = Vec::new();
        let mut rest = staged.into_iter();
        while let Some(s) = rest.next() {
            match put_in_place(&s) {
                Ok(backup) => done.push((s, backup)),
                Err(e) => {
                    roll_back(done);
                    remove_tmp(&s);
                    rest.for_each(|s| remove_tmp(&s));
                    return Err(e);
                }
            }
        }
        for (s, backup) in done {
            if let Some(b) = backup {
                let _ = rustix::fs::unlinkat(&s.target.dir, &b, AtFlags::empty());
            }
        }
        Ok(())
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        for s in &self.staged {
            remove_tmp(s);
        }
    }
}

fn io(e: Errno) -> std::io::Error {
    e.into()
}

/// Device and inode. The fields' widths differ between targets.
#[allow(clippy::unnecessary_cast)]
fn dev_ino(st: &rustix::fs::Stat) -> (u64, u64) {
    (st.st_dev as u64, st.st_ino as u64)
}

fn file_type(st: &rustix::fs::Stat) -> FileType {
    FileType::from_raw_mode(st.st_mode as _)
}

/// Finds what is at `path` now, without following a link at its last step.
fn resolve(path: &Path, expect: Expect) -> Result<Target> {
    let writing = "check you may write to the file and its directory";
    let Some(name) = path.file_name().filter(|n| *n != OsStr::new("..")) else {
        return Err(Error::io(
            path,
            "names no file",
            "give the path of a file, or `-` for standard output",
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    };
    let dir_path = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let dir = rustix::fs::open(
        dir_path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| {
        if e == Errno::NOENT || e == Errno::NOTDIR {
            Error::io(
                path,
                "its directory does not exist",
                format!(
                    "create {} first, or choose another path",
                    dir_path.display()
                ),
                io(e),
            )
        } else {
            Error::io(path, "cannot open its directory", writing, io(e))
        }
    })?;
    let dst = rustix::fs::fstat(&dir)
        .map_err(|e| Error::io(path, "cannot open its directory", writing, io(e)))?;
    let dir_id = dev_ino(&dst);
    let st = match rustix::fs::statat(&dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Err(Errno::NOENT) => {
            return match expect {
                Expect::Create { .. } => Ok(Target {
                    shown: path.to_path_buf(),
                    dir,
                    dir_id,
                    name: name.to_os_string(),
                    existing: None,
                }),
                Expect::Replace { .. } => Err(changed(path, "it was removed")),
            };
        }
        Err(e) => return Err(Error::io(path, "cannot look at it", writing, io(e))),
        Ok(st) => st,
    };
    match (file_type(&st), expect) {
        (
            FileType::Symlink,
            Expect::Replace {
                before,
                follow: true,
            },
        ) => {
            let real = std::fs::canonicalize(path)
                .map_err(|e| Error::io(path, "cannot follow the link", writing, e))?;
            resolve(
                &real,
                Expect::Replace {
                    before,
                    follow: false,
                },
            )
        }
        (FileType::Symlink, Expect::Replace { .. }) => Err(Error::io(
            path,
            "was not written",
            "fix the file it points to by naming that file",
            std::io::Error::other(
                "it is now a symbolic link, and --fix writes through no link it was not given",
            ),
        )),
        (FileType::RegularFile, expect) => {
            let existing = Existing {
                dev: dev_ino(&st).0,
                ino: dev_ino(&st).1,
                uid: st.st_uid,
                gid: st.st_gid,
                mode: st.st_mode as u32 & 0o7777,
            };
            match expect {
                Expect::Create { force: false } => {
                    return Err(Error::io(
                        path,
                        "already exists",
                        "pass --force to replace it, or choose another path",
                        std::io::Error::other("nothing was written"),
                    ));
                }
                Expect::Create { force: true } => {}
                Expect::Replace { before, .. } => {
                    super::test_pause("replace-open");
                    same_contents(&dir, name, path, before, existing)?
                }
            }
            if st.st_nlink > 1 {
                return Err(Error::io(
                    path,
                    "was not written",
                    "replace it by hand, or break the links first (copy it, then move the copy over it)",
                    std::io::Error::other(format!(
                        "it has {} other hard link(s), and replacing it would split it from them",
                        st.st_nlink - 1
                    )),
                ));
            }
            Ok(Target {
                shown: path.to_path_buf(),
                dir,
                dir_id,
                name: name.to_os_string(),
                existing: Some(existing),
            })
        }
        (t, Expect::Create { .. }) => {
            let stdout = path.starts_with("/dev") || path.starts_with("/proc");
            Err(not_regular(
                path,
                "output",
                t,
                if t == FileType::Directory {
                    "give a file name, or use --output-dir for a directory"
                } else if stdout {
                    "only regular files are written: use `-` to write to standard output"
                } else {
                    "only regular files are written: choose another path, or `-` for standard output"
                },
            ))
        }
        (t, Expect::Replace { .. }) => Err(not_regular(
            path,
            "file to fix",
            t,
            "only regular files are fixed",
        )),
    }
}

/// The error for a file that is no longer the one that was read.
fn changed(path: &Path, how: &str) -> Error {
    Error::io(
        path,
        "was not written: it changed after it was read",
        "run check --fix again once nothing else is changing the files",
        std::io::Error::other(how.to_string()),
    )
}

/// Opens `name` without following a link and checks it is the regular file
/// `existing` and still holds `before`.
fn same_contents(
    dir: &OwnedFd,
    name: &OsStr,
    path: &Path,
    before: &[u8],
    existing: Existing,
) -> Result<()> {
    let fd = rustix::fs::openat(
        dir,
        name,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )
    .map_err(|e| {
        changed(
            path,
            &format!("it cannot be opened as the same file ({})", io(e)),
        )
    })?;
    let st = rustix::fs::fstat(&fd).map_err(|e| changed(path, &io(e).to_string()))?;
    if dev_ino(&st) != (existing.dev, existing.ino) {
        return Err(changed(path, "another file took its name"));
    }
    let mut now = Vec::with_capacity(before.len());
    std::fs::File::from(fd)
        .take(before.len() as u64 + 1)
        .read_to_end(&mut now)
        .map_err(|e| changed(path, &e.to_string()))?;
    if now != before {
        return Err(changed(path, "its contents are not what was checked"));
    }
    Ok(())
}

/// Writes `contents` to a new temporary file beside the target, with the
/// owner, group and mode of the file it will replace (0644 for a new file).
fn stage(target: Target, contents: &[u8]) -> Result<Staged> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let shown = target.shown.clone();
    let fail = |message: &str, e: std::io::Error| {
        Error::io(
            &shown,
            message,
            "check you may write to the file and its directory, and the disk has room",
            e,
        )
    };
    let mut attempt = 0;
    let (fd, tmp) = loop {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = OsString::from(format!(
            ".ceop-onboard-{}-{}-{nanos:x}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        match rustix::fs::openat(
            &target.dir,
            &tmp,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        ) {
            Ok(fd) => break (fd, tmp),
            Err(Errno::EXIST) if attempt < 16 => attempt += 1,
            Err(e) => return Err(fail("cannot write here", io(e))),
        }
    };
    let mut file = std::fs::File::from(fd);
    let tmp_ino = file
        .metadata()
        .map_or(0, |m| std::os::unix::fs::MetadataExt::ino(&m));
    let written = (|| -> std::io::Result<()> {
        file.write_all(contents)?;
        let mode = match target.existing {
            Some(e) => {
                let me = file.metadata()?;
                use std::os::unix::fs::MetadataExt;
                if (me.uid(), me.gid()) != (e.uid, e.gid) {
                    std::os::unix::fs::fchown(&file, Some(e.uid), Some(e.gid))?;
                }
                e.mode
            }
            None => 0o644,
        };
        rustix::fs::fchmod(file.as_fd(), Mode::from_raw_mode(mode as _))?;
        file.sync_all()
    })();
    let staged = Staged {
        target,
        tmp,
        tmp_ino,
    };
    if let Err(e) = written {
        remove_tmp(&staged);
        return Err(fail(
            "cannot write the new file (its owner, group and mode are kept)",
            e,
        ));
    }
    Ok(staged)
}

/// Renames one temporary file over its target, after checking the target is
/// still what [`resolve`] found. Returns the name of a backup of the file
/// it replaced, when one could be made.
fn put_in_place(s: &Staged) -> Result<Option<OsString>> {
    let t = &s.target;
    let fail = |e: Errno| {
        Error::io(
            &t.shown,
            "cannot put the new file in place; nothing was changed",
            "check you may write to the file and its directory",
            io(e),
        )
    };
    let now = rustix::fs::statat(&t.dir, &t.name, AtFlags::SYMLINK_NOFOLLOW);
    match (t.existing, now) {
        (Some(e), Ok(st))
            if file_type(&st) == FileType::RegularFile && dev_ino(&st) == (e.dev, e.ino) =>
        {
            let mut backup = s.tmp.clone();
            backup.push(".orig");
            let backup = rustix::fs::linkat(&t.dir, &t.name, &t.dir, &backup, AtFlags::empty())
                .ok()
                .map(|()| backup);
            if let Err(e) = rustix::fs::renameat(&t.dir, &s.tmp, &t.dir, &t.name) {
                if let Some(b) = &backup {
                    let _ = rustix::fs::unlinkat(&t.dir, b, AtFlags::empty());
                }
                return Err(fail(e));
            }
            Ok(backup)
        }
        (Some(_), _) => Err(Error::io(
            &t.shown,
            "was not written: it changed while the new files were prepared; nothing was changed",
            "run the command again once nothing else is changing the files",
            std::io::Error::other("another file, or a link, took its name"),
        )),
        (None, Err(Errno::NOENT)) => {
            match rustix::fs::renameat_with(&t.dir, &s.tmp, &t.dir, &t.name, RenameFlags::NOREPLACE)
            {
                Ok(()) => Ok(None),
                Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {
                    rustix::fs::renameat(&t.dir, &s.tmp, &t.dir, &t.name).map_err(fail)?;
                    Ok(None)
                }
                Err(e) => Err(fail(e)),
            }
        }
        (None, _) => Err(Error::io(
            &t.shown,
            "was not written: something took its name while the new files were prepared; nothing was changed",
            "pass --force to replace it, or choose another path",
            std::io::Error::other("a file of that name is now there"),
        )),
    }
}

/// Undoes the renames already made: each replaced file comes back from its
/// backup, each created one is removed (if it is still the one created).
fn roll_back(done: Vec<(Staged, Option<OsString>)>) {
    super::test_pause("roll-back");
    for (s, backup) in done.into_iter().rev() {
        let t = &s.target;
        match backup {
            Some(b) => {
                let _ = rustix::fs::renameat(&t.dir, &b, &t.dir, &t.name);
            }
            None if t.existing.is_none()
                && rustix::fs::statat(&t.dir, &t.name, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| dev_ino(&st).1 == s.tmp_ino) =>
            {
                let _ = rustix::fs::unlinkat(&t.dir, &t.name, AtFlags::empty());
            }
            None => {}
        }
    }
}

fn remove_tmp(s: &Staged) {
    let _ = rustix::fs::unlinkat(&s.target.dir, &s.tmp, AtFlags::empty());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn create<'a>(path: &'a Path, contents: &'a str, force: bool) -> Plan<'a> {
        Plan {
            path,
            contents: contents.as_bytes(),
            expect: Expect::Create { force },
        }
    }

    #[test]
    fn all_files_are_written_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let fifo = dir.path().join("fifo");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = write_all(&[create(&a, "A", false), create(&fifo, "B", true)]).unwrap_err();
        assert!(e.to_string().contains("FIFO"), "{e}");
        assert!(!a.exists(), "nothing is written when one target is refused");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left: {names:?}");
    }

    #[test]
    fn two_outputs_naming_one_file_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let again = dir.path().join(".").join("a");
        let e = write_all(&[create(&a, "A", true), create(&again, "B", true)]).unwrap_err();
        assert!(e.to_string().contains("the same file"), "{e}");
        assert!(!a.exists());
    }

    #[test]
    fn a_replaced_file_keeps_its_owner_group_and_mode() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        std::fs::write(&a, "old").unwrap();
        std::fs::set_permissions(&a, std::os::unix::fs::PermissionsExt::from_mode(0o640)).unwrap();
        let before = std::fs::metadata(&a).unwrap();
        write_all(&[Plan {
            path: &a,
            contents: b"new",
            expect: Expect::Replace {
                before: b"old",
                follow: false,
            },
        }])
        .unwrap();
        let after = std::fs::metadata(&a).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "new");
        assert_eq!(after.mode() & 0o7777, 0o640);
        assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    }
}
