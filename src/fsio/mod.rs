//! Bounded reads of regular files, and writes that land only on the file the user pointed to.
//!
//! Every file the program reads goes through [`read_text`] (or [`open_regular`]
//! for a header): it must be a regular file — a FIFO, a device, a socket or a
//! directory is refused before anything blocks on it — and no bigger than the
//! cap for what it is ([`Limit`]). Every file it writes goes through
//! [`write`](mod@write): see that module for how a write is made safe.

pub mod write;

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rustix::fs::{FileType, Mode, OFlags};

use crate::error::{Error, Result};

/// What a file is read as, and the most it may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    /// What the file is, for messages: "answers file".
    pub what: &'static str,
    /// The most bytes it may hold.
    pub bytes: u64,
    /// How to fix a file that cannot be used.
    pub fix: &'static str,
}

const KB: u64 = 1024;
const MB: u64 = 1024 * KB;

/// `generate --answers`: a dozen keys; 1 MB is far more than any real one.
pub const ANSWERS: Limit = Limit {
    what: "answers file",
    bytes: MB,
    fix: "make --answers point to a TOML answers file (see `ceop-onboard answers-template`)",
};

/// `--config`: the embedded wizard.toml is about 30 kB.
pub const CONFIG: Limit = Limit {
    what: "configuration",
    bytes: 4 * MB,
    fix: "make --config point to a wizard.toml (`ceop-onboard default-config` prints one)",
};

/// Each file in `--templates`: the embedded templates are a few kB each.
pub const TEMPLATE: Limit = Limit {
    what: "template",
    bytes: MB,
    fix: "make it a template like the embedded one of the same name",
};

/// The wizard's saved progress: a few hundred bytes of answers.
pub const SESSION: Limit = Limit {
    what: "saved session",
    bytes: MB,
    fix: "remove the saved session file to start afresh",
};

/// `button_file`: only its first 10 bytes (the GIF header) are read.
pub const BUTTON_HEADER: u64 = 10;

/// Words for a file type that is not a regular file.
fn kind_of(t: FileType) -> &'static str {
    match t {
        FileType::Directory => "a directory",
        FileType::Fifo => "a FIFO (named pipe)",
        FileType::CharacterDevice => "a character device",
        FileType::BlockDevice => "a block device",
        FileType::Socket => "a socket",
        FileType::Symlink => "a symbolic link",
        _ => "not a regular file",
    }
}

/// The error for a path that names something other than a regular file.
pub(crate) fn not_regular(path: &Path, what: &str, t: FileType, fix: &str) -> Error {
    Error::io(
        path,
        format!("cannot be used as the {what}"),
        fix,
        std::io::Error::other(format!("it is {}, not a regular file", kind_of(t))),
    )
}

/// Opens `path` for reading if it is a regular file. The open itself cannot
/// block (a FIFO with no writer would otherwise hang here), and a terminal
/// is never made the controlling one.
pub fn open_regular(path: &Path, what: &str, fix: &str) -> Result<File> {
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| {
        let e = std::io::Error::from(e);
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            format!("the {what} does not exist")
        } else {
            format!("the {what} cannot be read")
        };
        Error::io(path, message, fix, e)
    })?;
    let st = rustix::fs::fstat(&fd)
        .map_err(|e| Error::io(path, format!("cannot read the {what}"), fix, e.into()))?;
    let t = FileType::from_raw_mode(st.st_mode as _);
    if t != FileType::RegularFile {
        return Err(not_regular(path, what, t, fix));
    }
    Ok(File::from(fd))
}

/// Reads a regular file of at most `limit.bytes` bytes as UTF-8 text.
pub fn read_text(path: &Path, limit: Limit) -> Result<String> {
    let bytes = read_bytes(path, limit)?;
    String::from_utf8(bytes).map_err(|e| {
        Error::io(
            path,
            format!("the {} is not UTF-8 text", limit.what),
            limit.fix,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        )
    })
}

/// Reads a regular file of at most `limit.bytes` bytes. The cap holds even
/// if the file grows while it is read.
pub fn read_bytes(path: &Path, limit: Limit) -> Result<Vec<u8>> {
    let file = open_regular(path, limit.what, limit.fix)?;
    let too_big = || {
        Error::io(
            path,
            format!("the {} is too big", limit.what),
            limit.fix,
            std::io::Error::other(format!(
                "it is over {}, the most a {} may hold",
                size(limit.bytes),
                limit.what
            )),
        )
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > limit.bytes {
        return Err(too_big());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::io(
                path,
                format!("cannot read the {}", limit.what),
                limit.fix,
                e,
            )
        })?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_big());
    }
    Ok(bytes)
}

/// "1 MB", "4 MB", "512 kB".
fn size(bytes: u64) -> String {
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        format!("{} kB", bytes.div_ceil(KB))
    }
}

/// The environment variable that makes a run stop at a named point until a
/// test lets it go on. FOR TESTS ONLY: its value is `POINT:FIFO` (or
/// `POINT,POINT…:FIFO`), and at each `POINT` the program opens the FIFO `FIFO` and reads it to its end, so a
/// test can change files at a known moment (between `check --fix` reading a
/// file and writing it, say). Unset, it costs one environment look-up; set
/// to anything else, it does nothing.
pub const TEST_PAUSE_VAR: &str = "CEOP_ONBOARD_TEST_PAUSE";

/// Waits at `point` when [`TEST_PAUSE_VAR`] asks for it (tests only).
pub fn test_pause(point: &str) {
    let Some(value) = std::env::var_os(TEST_PAUSE_VAR) else {
        return;
    };
    let value = value.to_string_lossy();
    let Some((at, fifo)) = value.split_once(':') else {
        return;
    };
    if !at.split(',').any(|p| p == point) {
        return;
    }
    if let Ok(file) = std::fs::File::open(fifo) {
        let _ = file.take(4096).read_to_end(&mut Vec::new());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(MB), "1 MB");
        assert_eq!(size(4 * MB), "4 MB");
        assert_eq!(size(512 * KB), "512 kB");
        assert_eq!(size(MB + 512 * KB), "1536 kB");
    }

    #[test]
    fn the_cap_holds_when_a_file_has_more_than_its_size_says() {
        // Files under /proc say they are empty and yet have text: as a file
        // that grows between the size check and the read would.
        let limit = Limit {
            what: "answers file",
            bytes: 8,
            fix: "x",
        };
        let e = read_bytes(Path::new("/proc/self/status"), limit)
            .unwrap_err()
            .to_string();
        assert!(e.contains("too big"), "{e}");
    }

    #[test]
    fn a_file_over_its_cap_is_refused_and_one_at_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        let limit = Limit {
            what: "answers file",
            bytes: 8,
            fix: "x",
        };
        std::fs::write(&path, "12345678").unwrap();
        assert_eq!(read_text(&path, limit).unwrap(), "12345678");
        std::fs::write(&path, "123456789").unwrap();
        let e = read_text(&path, limit).unwrap_err().to_string();
        assert!(e.contains("too big"), "{e}");
    }

    #[test]
    fn each_kind_of_file_is_named_in_words() {
        for (t, words) in [
            (FileType::Directory, "a directory"),
            (FileType::Fifo, "a FIFO (named pipe)"),
            (FileType::CharacterDevice, "a character device"),
            (FileType::BlockDevice, "a block device"),
            (FileType::Socket, "a socket"),
            (FileType::Symlink, "a symbolic link"),
            (FileType::Unknown, "not a regular file"),
        ] {
            assert_eq!(kind_of(t), words);
        }
    }

    #[test]
    fn a_config_may_hold_up_to_4_mb() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wizard.toml");
        std::fs::write(&path, "#".repeat(2 * MB as usize)).unwrap();
        assert_eq!(read_text(&path, CONFIG).unwrap().len(), 2 * MB as usize);
        std::fs::write(&path, "#".repeat(4 * MB as usize + 1)).unwrap();
        let e = read_text(&path, CONFIG).unwrap_err().to_string();
        assert!(e.contains("over 4 MB"), "{e}");
    }

    #[test]
    fn a_fifo_with_no_writer_is_refused_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("answers.toml");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            FileType::Fifo,
            Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let path = fifo.clone();
        std::thread::spawn(move || {
            let _ = tx.send(read_text(&path, ANSWERS).map_err(|e| e.to_string()));
        });
        let Ok(result) = rx.recv_timeout(std::time::Duration::from_secs(10)) else {
            // Let the stuck open go before failing, so nothing is left behind.
            let _ = std::fs::OpenOptions::new().write(true).open(&fifo);
            panic!("opening a FIFO with no writer blocked");
        };
        let e = result.unwrap_err();
        assert!(
            e.contains("it is a FIFO (named pipe), not a regular file"),
            "{e}"
        );
    }

    #[test]
    fn a_directory_or_device_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_text(dir.path(), ANSWERS).unwrap_err().to_string();
        assert!(e.contains("it is a directory, not a regular file"), "{e}");
        let e = read_text(Path::new("/dev/zero"), ANSWERS)
            .unwrap_err()
            .to_string();
        assert!(e.contains("character device"), "{e}");
    }
}
