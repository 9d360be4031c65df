//! Harness for tests that run the real binary in a real terminal: a private
//! tmux server, sshd on loopback, processes stopped by their guards.
//!
//! Everything here is stopped by a guard's `Drop`, also when a test fails;
//! socket names and ports are unique, so tests run in parallel.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Variables that steer the clipboard method, removed where a test sets its own.
pub(crate) const METHOD_VARS: &[&str] = &[
    "TMUX",
    "TMUX_PANE",
    "STY",
    "SSH_TTY",
    "SSH_CONNECTION",
    "SSH_CLIENT",
    "DISPLAY",
    "WAYLAND_DISPLAY",
];

/// Fails (never skips) when a tool the test needs is missing.
pub(crate) fn require(program: &str, package: &str) {
    let path = Path::new(program);
    let found = if path.is_absolute() {
        path.is_file()
    } else {
        std::env::var_os("PATH")
            .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
    };
    assert!(
        found,
        "{program} is not installed: run `apt-get install -y {package}`, or `bash .ci/test.sh`, which installs it"
    );
}

/// Single-quoted for sh.
pub(crate) fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// Polls `check` until it gives a value or `timeout` passes.
pub(crate) fn wait_for<T>(timeout: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Some(v) = check() {
            return Some(v);
        }
        if Instant::now() > deadline {
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Writes a script (or config) file `name` in `dir` and gives its path.
pub(crate) fn write_script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

/// A tmux config that passes OSC 52 to its buffer, standing in for a user's
/// terminal that takes OSC 52.
pub(crate) fn osc52_tmux_conf(dir: &Path) -> PathBuf {
    write_script(dir, "tmux.conf", "set -g set-clipboard on\n")
}

pub(crate) fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

/// A private tmux server, killed when dropped. Its socket lives in a
/// temporary directory of its own (`-S`), removed with it: tmux leaves a
/// `-L` socket in /tmp/tmux-UID/ after `kill-server`.
pub(crate) struct Tmux {
    pub(crate) socket: PathBuf,
    pub(crate) config: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts a server with one 80×24 session running `script`.
    pub(crate) fn start(tag: &str, config: &Path, script: &Path) -> Tmux {
        let dir = tempfile::Builder::new()
            .prefix("ceop-tmux-")
            .tempdir()
            .unwrap();
        let tmux = Tmux {
            socket: dir.path().join(tag),
            config: config.to_path_buf(),
            _dir: dir,
        };
        let out = tmux
            .cmd()
            .args(["new-session", "-d", "-s", "w", "-x", "80", "-y", "24"])
            .arg(format!("sh {}", quoted(script)))
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux new-session: {out:?}");
        tmux
    }

    pub(crate) fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket).arg("-f").arg(&self.config);
        for var in METHOD_VARS {
            c.env_remove(var);
        }
        c
    }

    /// The newest paste buffer, if there is one.
    pub(crate) fn buffer(&self) -> Option<Vec<u8>> {
        let out = self.cmd().arg("show-buffer").output().unwrap();
        out.status.success().then_some(out.stdout)
    }

    /// Types keys one at a time, as a person would: tmux key names, or
    /// `text:…` for literal text. (An Esc followed at once by a letter would
    /// read as Alt+letter.)
    pub(crate) fn keys(&self, keys: &[&str]) {
        for k in keys {
            let out = match k.strip_prefix("text:") {
                Some(text) => self
                    .cmd()
                    .args(["send-keys", "-t", "w", "-l", text])
                    .output(),
                None => self.cmd().args(["send-keys", "-t", "w", k]).output(),
            }
            .unwrap();
            assert!(out.status.success(), "send-keys {k}: {out:?}");
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Waits until the screen shows `text`; the screen.
    pub(crate) fn expect(&self, text: &str) -> String {
        wait_for(Duration::from_secs(15), || {
            Some(self.screen()).filter(|s| s.contains(text))
        })
        .unwrap_or_else(|| panic!("the screen never showed “{text}”:\n{}", self.screen()))
    }

    pub(crate) fn screen(&self) -> String {
        let out = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "w"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Waits (up to 10 s: an OSC 52 may cross ssh after the program has
    /// exited) for tmux's paste buffer to hold exactly `expected`.
    pub(crate) fn expect_buffer(&self, expected: &[u8]) {
        let held = wait_for(Duration::from_secs(10), || {
            self.buffer().filter(|b| b == expected)
        });
        assert!(
            held.is_some(),
            "tmux's buffer is not the artifact:\n{}\nscreen:\n{}",
            String::from_utf8_lossy(&self.buffer().unwrap_or_default()),
            self.screen()
        );
    }

    /// A tmux format (`#{pane_pid}`, `#{alternate_on}`…) for the pane.
    pub(crate) fn display(&self, format: &str) -> String {
        let out = self
            .cmd()
            .args(["display", "-p", "-t", "w", format])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // Only this private server: its panes' processes end with it. They
        // are waited for, as a program saving its progress on SIGHUP would
        // otherwise write into a test's temporary directory after it is
        // removed, and so leave it behind. The socket file stays after
        // kill-server; it goes with the directory.
        let pane = self.display("#{pane_pid}").parse::<u32>().ok();
        let processes = pane.map(descendants).unwrap_or_default();
        let _ = self.cmd().arg("kill-server").output();
        wait_for(Duration::from_secs(10), || {
            (!processes.iter().any(|&p| running(p))).then_some(())
        });
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// Whether `pid` is still running: a zombie waiting for its parent (here,
/// often a container's init that never reaps) has finished.
fn running(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|stat| {
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next().map(|s| s != "Z"))
        })
        .unwrap_or(false)
}

/// `pid` and every process below it, from /proc.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        // "pid (comm) state ppid …": comm may hold spaces, so read after ')'.
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        if let Some(ppid) = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
        {
            parents.push((p, ppid));
        }
    }
    let mut found = vec![pid];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found
}

/// A process this test started, stopped by its pid when dropped.
pub(crate) struct Started {
    pub(crate) name: &'static str,
    pub(crate) child: Child,
}

impl Drop for Started {
    /// SIGTERM first, so the process removes what it made (Xvfb its lock
    /// file and socket, sshd its pid file); SIGKILL if it is still there
    /// after 3 s.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let asked = Command::new("kill")
            .args(["-TERM", &pid])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if asked && wait_for(Duration::from_secs(3), || self.exited()).is_some() {
            return;
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Started {
    pub(crate) fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().unwrap()
    }
}

pub(crate) struct Sshd {
    pub(crate) process: Started,
    pub(crate) port: u16,
    pub(crate) dir: PathBuf,
}

impl Sshd {
    pub(crate) fn start(dir: &Path) -> Sshd {
        std::fs::create_dir_all("/run/sshd").expect("sshd needs /run/sshd (run as root)");
        for key in ["hostkey", "clientkey"] {
            let out = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", ""])
                .arg("-f")
                .arg(dir.join(key))
                .output()
                .unwrap();
            assert!(out.status.success(), "ssh-keygen: {out:?}");
        }
        std::fs::copy(dir.join("clientkey.pub"), dir.join("authorized_keys")).unwrap();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(
            dir.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/hostkey\nPidFile {d}/sshd.pid\nAuthorizedKeysFile {d}/authorized_keys\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n",
                d = dir.display()
            ),
        )
        .unwrap();
        // -D: stays in the foreground, so the guard holds sshd's own pid.
        let child = Command::new("/usr/sbin/sshd")
            .arg("-D")
            .arg("-f")
            .arg(dir.join("sshd_config"))
            .arg("-E")
            .arg(dir.join("sshd.log"))
            .stdin(Stdio::null())
            .spawn()
            .expect("start sshd");
        let mut sshd = Sshd {
            process: Started {
                name: "sshd",
                child,
            },
            port,
            dir: dir.to_path_buf(),
        };
        let listening = wait_for(Duration::from_secs(10), || {
            if let Some(status) = sshd.process.exited() {
                panic!(
                    "sshd exited with {status}:\n{}",
                    read(&dir.join("sshd.log"))
                );
            }
            TcpStream::connect(("127.0.0.1", port)).ok()
        });
        assert!(
            listening.is_some(),
            "{} did not listen on port {port}:\n{}",
            sshd.process.name,
            read(&dir.join("sshd.log"))
        );
        sshd
    }

    /// `ssh -tt` to this server as the current user, running `command`.
    pub(crate) fn ssh_command(&self, command: &str) -> String {
        let user = Command::new("id").arg("-un").output().unwrap();
        let user = String::from_utf8(user.stdout).unwrap();
        format!(
            "ssh -F /dev/null -i {key} -p {port} -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile={known} -tt {user}@127.0.0.1 {command}",
            key = quoted(&self.dir.join("clientkey")),
            port = self.port,
            known = quoted(&self.dir.join("known_hosts")),
            user = user.trim(),
        )
    }
}
