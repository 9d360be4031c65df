//! Signals and crashes in a real terminal: SIGINT, SIGTERM and SIGHUP sent to
//! the full-screen wizard and to both plain prompters at several steps, and a
//! panic at a chosen step. After each, the terminal is sane (cooked mode,
//! cursor visible, main screen) and the saved session holds every answer.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::term::{Tmux, quoted, read, require, wait_for};

const BIN: &str = env!("CARGO_BIN_EXE_ceop-onboard");

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    Tui,
    Fancy,
    Lines,
}

struct Run {
    tmux: Tmux,
    dir: tempfile::TempDir,
}

impl Run {
    fn start(mode: Mode, tag: &str, env: &str) -> Run {
        Run::start_with(mode, tag, env, None)
    }

    /// Starts with `session` already saved, as after an earlier run.
    fn start_with(mode: Mode, tag: &str, env: &str, session: Option<&str>) -> Run {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        if let Some(session) = session {
            std::fs::create_dir_all(d.join("state/ceop-onboard")).unwrap();
            std::fs::write(d.join("state/ceop-onboard/session.toml"), session).unwrap();
        }
        let (vars, flag) = match mode {
            Mode::Tui => ("", ""),
            Mode::Fancy => ("", " --plain"),
            Mode::Lines => ("TERM=dumb ", ""),
        };
        let pane = d.join("pane.sh");
        // After the program ends, the same shell records what it left behind.
        std::fs::write(
            &pane,
            format!(
                "cd {d}\n{env} {vars}XDG_STATE_HOME={d}/state {bin}{flag}\necho $? >{d}/rc\nstty -a >{d}/stty\nexec cat >/dev/null\n",
                d = quoted(d),
                bin = quoted(Path::new(BIN)),
            ),
        )
        .unwrap();
        let tmux = Tmux::start(tag, Path::new("/dev/null"), &pane);
        Run { tmux, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn keys(&self, keys: &[&str]) {
        self.tmux.keys(keys);
    }

    fn wait_screen(&self, text: &str) {
        self.tmux.expect(text);
    }

    fn saved(&self) -> String {
        read(&self.path("state/ceop-onboard/session.toml"))
    }

    /// Waits until the saved session contains `text`.
    fn wait_saved(&self, text: &str) {
        wait_for(Duration::from_secs(15), || {
            Some(self.saved()).filter(|s| s.contains(text))
        })
        .unwrap_or_else(|| {
            panic!(
                "the session never saved “{text}”:\n{}\nscreen:\n{}",
                self.saved(),
                self.tmux.screen()
            )
        });
    }

    /// The program's pid: the pane shell's child.
    fn pid(&self) -> String {
        let shell = self.tmux.display("#{pane_pid}");
        wait_for(Duration::from_secs(5), || {
            let out = std::process::Command::new("pgrep")
                .args(["-P", &shell])
                .output()
                .ok()?;
            let pid = String::from_utf8(out.stdout)
                .ok()?
                .lines()
                .next()?
                .trim()
                .to_string();
            (!pid.is_empty()
                && std::fs::read_to_string(format!("/proc/{pid}/cmdline"))
                    .ok()?
                    .contains("ceop-onboard"))
            .then_some(pid)
        })
        .expect("the program's pid")
    }

    fn signal(&self, sig: &str) {
        let pid = self.pid();
        assert!(
            std::process::Command::new("kill")
                .args([&format!("-{sig}"), &pid])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Waits for the program to end, then checks the terminal it left.
    fn assert_terminal_sane(&self, what: &str) {
        let stty = wait_for(Duration::from_secs(15), || {
            Some(read(&self.path("stty"))).filter(|s| s.contains("speed"))
        })
        .unwrap_or_else(|| panic!("{what}: the program did not exit:\n{}", self.tmux.screen()));
        for flag in ["icanon", "echo", "icrnl", "opost"] {
            assert!(
                stty.split_whitespace().any(|w| w == flag),
                "{what}: the terminal is not in cooked mode ({flag} missing):\n{stty}"
            );
        }
        assert_eq!(
            self.tmux.display("#{alternate_on} #{cursor_flag}"),
            "0 1",
            "{what}: expected the main screen and a visible cursor"
        );
    }
}

/// Walks to the platform step (answers: name, UK yes, serves yes, school, content yes, endorsement).
fn to_platform(run: &Run, mode: Mode) {
    run.wait_screen(if mode == Mode::Tui {
        "Press Enter to begin"
    } else {
        "Start?"
    });
    match mode {
        Mode::Tui => {
            run.keys(&["Enter"]);
            run.keys(&["Space"; 11]);
            run.keys(&[
                "Enter",
                "text:St Signal",
                "Enter",
                "Enter",
                "Enter",
                "Enter",
                "Enter",
                "Space",
                "Enter",
            ]);
        }
        Mode::Fancy | Mode::Lines => {
            // A confirmation is never taken on a bare Enter: the line
            // prompter takes its number, inquire's list starts on "No".
            let confirm: &[&str] = if mode == Mode::Lines {
                &["text:1", "Enter"]
            } else {
                &["Up", "Enter"]
            };
            run.keys(&["Enter"; 11]);
            run.keys(confirm);
            run.keys(&[
                "text:St Signal",
                "Enter",
                "Enter",
                "Enter",
                "Enter",
                "Enter",
            ]);
            run.keys(confirm);
        }
    }
    run.wait_saved("step = \"platform\"");
}

const ANSWERED: [&str; 7] = [
    "read_guidance = true",
    "organisation_name = \"St Signal\"",
    "uk = \"yes\"",
    "serves_children = \"yes\"",
    "organisation = \"school\"",
    "content_appropriate = \"yes\"",
    "no_endorsement = true",
];

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn every_signal_at_every_step_leaves_a_sane_terminal_and_a_resumable_session() {
    require("tmux", "tmux");
    require("pgrep", "procps");
    for mode in [Mode::Tui, Mode::Fancy, Mode::Lines] {
        for sig in ["INT", "TERM", "HUP"] {
            // Early: in the middle of the guidance.
            let run = Run::start(mode, &format!("sig-early-{mode:?}-{sig}"), "");
            match mode {
                Mode::Tui => {
                    run.wait_screen("Press Enter to begin");
                    run.keys(&["Enter", "Space", "Space", "Space"]);
                    run.wait_screen("Use the button as issued (R5)");
                }
                _ => {
                    run.wait_screen("Start?");
                    run.keys(&["Enter", "Enter", "Enter", "Enter"]);
                    run.wait_screen("section 4 of 10");
                }
            }
            run.signal(sig);
            run.assert_terminal_sane(&format!("{mode:?} SIG{sig} in the guidance"));
            let saved = run.saved();
            assert!(
                saved.contains("step = \"reader-notice\""),
                "{mode:?} {sig}: {saved}"
            );
            assert!(
                saved.contains("\"who-may-host\""),
                "{mode:?} {sig}: acknowledgements lost: {saved}"
            );

            // Later: at the platform step, every answer so far kept.
            let run = Run::start(mode, &format!("sig-late-{mode:?}-{sig}"), "");
            to_platform(&run, mode);
            run.signal(sig);
            run.assert_terminal_sane(&format!("{mode:?} SIG{sig} at the platform step"));
            let saved = run.saved();
            for a in ANSWERED {
                assert!(saved.contains(a), "{mode:?} {sig}: `{a}` lost:\n{saved}");
            }
        }
    }
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn a_panic_leaves_a_sane_terminal_and_the_next_start_resumes() {
    require("tmux", "tmux");
    for mode in [Mode::Tui, Mode::Fancy, Mode::Lines] {
        let run = Run::start(
            mode,
            &format!("panic-{mode:?}"),
            "RUST_BACKTRACE=0 CEOP_ONBOARD_PANIC_AT_STEP=platform",
        );
        to_platform(&run, mode);
        run.assert_terminal_sane(&format!("{mode:?} panic"));
        let screen = run.tmux.screen();
        assert!(
            screen.contains("CEOP_ONBOARD_PANIC_AT_STEP=platform reached"),
            "{mode:?}:\n{screen}"
        );
        let saved = run.saved();
        for a in ANSWERED {
            assert!(saved.contains(a), "{mode:?}: `{a}` lost:\n{saved}");
        }
        // The next start offers to resume, and resumes at the platform step.
        let again = Run::start_with(mode, &format!("panic-resume-{mode:?}"), "", Some(&saved));
        let offer = if mode == Mode::Tui {
            "Resume where you left off?"
        } else {
            "A saved session was found"
        };
        wait_for(Duration::from_secs(10), || {
            Some(again.tmux.screen()).filter(|s| s.contains(offer))
        })
        .unwrap_or_else(|| panic!("{mode:?}: no resume offer:\n{}", again.tmux.screen()));
        again.keys(&[if mode == Mode::Tui { "y" } else { "Enter" }]);
        wait_for(Duration::from_secs(10), || {
            Some(again.tmux.screen())
                .filter(|s| s.contains("Where will children or families find the link?"))
        })
        .unwrap_or_else(|| {
            panic!(
                "{mode:?}: not resumed at the platform step:\n{}",
                again.tmux.screen()
            )
        });
    }
}

#[test]
#[ignore = "needs tmux: run by .ci/run"]
fn closing_the_terminal_ends_the_wizard_and_keeps_its_answers() {
    require("tmux", "tmux");
    require("pgrep", "procps");
    for mode in [Mode::Tui, Mode::Fancy, Mode::Lines] {
        let run = Run::start(mode, &format!("close-{mode:?}"), "");
        to_platform(&run, mode);
        let pid = run.pid();
        // The terminal disappears, as when an SSH connection drops.
        let _ = run.tmux.cmd().arg("kill-server").output();
        let gone = wait_for(Duration::from_secs(10), || {
            (!Path::new(&format!("/proc/{pid}")).exists()).then_some(())
        });
        if gone.is_none() {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid])
                .status();
            panic!("{mode:?}: the wizard kept running after its terminal closed");
        }
        let saved = run.saved();
        for a in ANSWERED {
            assert!(saved.contains(a), "{mode:?}: `{a}` lost:\n{saved}");
        }
    }
}
