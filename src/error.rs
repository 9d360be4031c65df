//! Errors the user can act on: each names where the problem is and how to fix it.

use std::fmt;
use std::path::PathBuf;

/// Where in an input file a problem was found (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `source`.
    pub fn at(file: &str, source: &str, offset: usize) -> Self {
        let offset = offset.min(source.len());
        let before = &source[..source.floor_char_boundary(offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            file: file.to_string(),
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// The start of a file, for problems that have no better place.
    pub fn start(file: &str) -> Self {
        Location {
            file: file.to_string(),
            line: 1,
            column: 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Everything that stops a command with exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem in an input file (wizard.toml, an answers file, a template).
    #[error("{location}: {message}\n  fix: {fix}")]
    Input {
        location: Location,
        message: String,
        fix: String,
    },
    /// A problem with a command-line value.
    #[error("{message}\n  fix: {fix}")]
    Usage { message: String, fix: String },
    /// A file that could not be read or written.
    #[error("{}: {message}: {source}\n  fix: {fix}", path.display())]
    Io {
        path: PathBuf,
        message: String,
        fix: String,
        source: std::io::Error,
    },
    /// Text that could not be copied to the clipboard.
    #[error("{message}\n  fix: {fix}")]
    Clipboard { message: String, fix: String },
}

impl Error {
    pub fn input(location: Location, message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Input {
            location,
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn usage(message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn clipboard(message: impl Into<String>, fix: impl Into<String>) -> Self {
        Error::Clipboard {
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn io(
        path: impl Into<PathBuf>,
        message: impl Into<String>,
        fix: impl Into<String>,
        source: std::io::Error,
    ) -> Self {
        Error::Io {
            path: path.into(),
            message: message.into(),
            fix: fix.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
