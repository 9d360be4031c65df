//! Saved progress: written after every step so a dropped SSH session, Ctrl-C
//! or a crash loses nothing, and offered for resume on the next start.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::flow::Step;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Saved {
    /// The step the user was on.
    pub step: String,
    /// Reader-notice sections acknowledged, by id.
    #[serde(default)]
    pub acknowledged: Vec<String>,
    /// The question the user was on, by answers-file key (resume focuses it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub answers: Answers,
}

impl Saved {
    pub fn step(&self) -> Step {
        self.step.parse().unwrap_or(Step::Welcome)
    }
}

/// `$XDG_STATE_HOME/ceop-onboard/session.toml`, or `~/.local/state/…`.
pub fn path() -> Option<PathBuf> {
    path_in(std::env::var_os("XDG_STATE_HOME"), std::env::var_os("HOME"))
}

/// [`path`] for these values of `XDG_STATE_HOME` and `HOME`: an empty
/// `XDG_STATE_HOME` counts as unset, as the XDG specification says.
fn path_in(xdg_state_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    let base = xdg_state_home
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.map(|h| PathBuf::from(h).join(".local/state")))?;
    Some(base.join("ceop-onboard").join("session.toml"))
}

/// Writes the session atomically (temp file + rename), replacing the last one.
pub fn save(saved: &Saved) -> std::io::Result<()> {
    let path = path().ok_or_else(|| std::io::Error::other("no HOME or XDG_STATE_HOME"))?;
    save_to(&path, saved)
}

/// [`save`] to `path`, making its folder if need be.
fn save_to(path: &Path, saved: &Saved) -> std::io::Result<()> {
    let dir = path.parent().expect("the path has a parent");
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".session-")
        .tempfile_in(dir)?;
    let body = toml::to_string(saved).map_err(std::io::Error::other)?;
    tmp.write_all(body.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The saved session, if there is a readable one: a regular file of at most
/// [`crate::fsio::SESSION`]'s size (a link to a device or a FIFO is ignored,
/// never read or waited on).
pub fn load() -> Option<Saved> {
    load_from(&path()?)
}

/// The session saved at `path`, as [`load`].
pub fn load_from(path: &Path) -> Option<Saved> {
    let text = crate::fsio::read_text(path, crate::fsio::SESSION).ok()?;
    let saved: Saved = toml::from_str(&text).ok()?;
    // A saved file edited by hand is checked like any answers file.
    (saved.answers.problems().is_empty()).then_some(saved)
}

/// Forgets the saved session (the wizard was finished or started afresh).
pub fn clear() {
    if let Some(p) = path() {
        let _ = std::fs::remove_file(p);
    }
}

/// The latest progress, shared with the exit guard.
pub type Latest = std::sync::Arc<std::sync::Mutex<Option<Saved>>>;

/// Makes sure no way out loses progress or leaves the terminal broken: on
/// SIGTERM, SIGHUP or SIGINT, or when the terminal goes away (a dropped SSH
/// connection may close it without a signal reaching us), the latest progress
/// is saved, `restore` puts the terminal back, and the process exits with
/// 128 + the signal. Runs on its own threads because the front-ends block in
/// terminal reads, which do not return once the terminal has hung up.
pub fn guard_exits(latest: Latest, restore: fn()) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    fn finish(latest: &Latest, restore: fn(), sig: i32) -> ! {
        if let Some(saved) = latest.lock().ok().and_then(|l| l.clone()) {
            let _ = save(&saved);
        }
        restore();
        std::process::exit(128 + sig);
    }
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        let latest = std::sync::Arc::clone(&latest);
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                finish(&latest, restore, sig);
            }
        });
    }
    std::thread::spawn(move || {
        use std::io::IsTerminal;
        loop {
            std::thread::sleep(std::time::Duration::from_millis(250));
            // A hung-up terminal stops answering terminal queries.
            if !std::io::stdin().is_terminal() {
                finish(&latest, restore, SIGHUP);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_lives_under_xdg_state_home_or_else_home() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(
            path_in(os("/state"), os("/home/a")),
            Some(PathBuf::from("/state/ceop-onboard/session.toml"))
        );
        for empty_or_unset in [os(""), None] {
            assert_eq!(
                path_in(empty_or_unset, os("/home/a")),
                Some(PathBuf::from(
                    "/home/a/.local/state/ceop-onboard/session.toml"
                ))
            );
        }
        assert_eq!(path_in(None, None), None);
    }

    #[test]
    fn a_saved_session_loads_back_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("session.toml");
        let answers = Answers {
            read_guidance: Some(true),
            ..Answers::default()
        };
        let saved = Saved {
            step: Step::Platform.to_string(),
            acknowledged: vec!["purpose".into()],
            question: Some("platform".into()),
            answers,
        };
        save_to(&path, &saved).unwrap();
        assert_eq!(load_from(&path), Some(saved.clone()));
        // A second save replaces the first and leaves no temporary file.
        let later = Saved {
            step: Step::Review.to_string(),
            ..saved
        };
        save_to(&path, &later).unwrap();
        assert_eq!(load_from(&path), Some(later));
        assert_eq!(
            std::fs::read_dir(path.parent().unwrap()).unwrap().count(),
            1
        );
    }

    #[test]
    fn a_session_that_links_to_a_device_or_fifo_is_ignored_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(load_from(&zero), None);
        let fifo = dir.path().join("fifo.toml");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        assert_eq!(
            load_from(&fifo),
            None,
            "returns without waiting for a writer"
        );
    }
}
