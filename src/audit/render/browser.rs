//! One headless Chromium per run, driven over the DevTools protocol through a pipe (cdp.rs): a throwaway profile, nothing fetched from off the site under test.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::fd::AsRawFd;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use base64::Engine;
use serde_json::{Value, json};

use super::cdp::{CdpError, Client};
use super::{Measure, Seen, Site, WIDTHS, targets::Target};
use crate::error::{Error, Result};

/// The window height every width is drawn at, in CSS pixels.
const HEIGHT: u32 = 900;
/// How long one page may take to load, and any one command.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Space around the button in its picture, in CSS pixels.
const MARGIN: f64 = 16.0;
/// The largest picture taken, in CSS pixels.
const MAX_PICTURE: (f64, f64) = (640.0, 320.0);

const MEASURE: &str = include_str!("measure.js");

/// A promise kept when every image of the page has loaded or failed.
const IMAGES: &str = "Promise.all(Array.from(document.images).map(i => i.complete ? 0 : new Promise(r => { i.addEventListener('load', r); i.addEventListener('error', r); setTimeout(r, 5000); })))";

/// What a step in the browser gives: the protocol's errors, boxed.
type R<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Where Chromium is looked for when `--browser` is not given.
const CANDIDATES: [&str; 4] = ["chromium", "chromium-browser", "google-chrome", "chrome"];

/// The signals that stop a run: the browser is stopped and its profile
/// removed first, then the signal takes its usual course.
const STOP_SIGNALS: [i32; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

/// Chromium's switches besides the profile and the pipe. Headless, no
/// sandbox (it needs privileges a server account may lack), nothing in the
/// background (no updates, sync, crash reports or metrics sent), colours as
/// written, no throttling of a page drawn off-screen.
const SWITCHES: [&str; 24] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-component-update",
    "--disable-background-networking",
    "--disable-sync",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-component-extensions-with-background-pages",
    "--disable-dev-shm-usage",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-hang-monitor",
    "--disable-popup-blocking",
    "--force-color-profile=srgb",
    "--metrics-recording-only",
    "--password-store=basic",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
];

/// A running Chromium and its profile directory, removed when dropped
/// (after the browser is stopped).
pub struct Chromium {
    child: Child,
    cdp: Client,
    /// The page every site's page is drawn in.
    session: String,
    /// The number of a signal that asked the run to stop, or 0.
    stop: Arc<AtomicUsize>,
    /// Set once the browser is stopped: a signal then ends the process.
    stopped: Arc<AtomicBool>,
    // Declared last: dropped after the browser has exited.
    profile: tempfile::TempDir,
}

/// The browser to run: `--browser PATH`, or the first Chromium on `PATH`.
pub fn find(given: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = given {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(Error::usage(
                format!("--browser {}: no such file", p.display()),
                "give the path of a Chromium or Chrome executable, e.g. /usr/bin/chromium",
            ))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for name in CANDIDATES {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(Error::usage(
        "--render needs a Chromium browser and none was found on PATH",
        "install Debian's `chromium` package (apt-get install chromium), or give --browser PATH",
    ))
}

impl Chromium {
    /// Starts the browser for pages of `site`.
    pub fn start(executable: &Path, site: &Site) -> Result<Chromium> {
        let profile = tempfile::Builder::new()
            // Short: Chromium's socket in it must fit a socket's path
            // (108 bytes) under a long TMPDIR.
            .prefix("ceop-onboard-")
            .tempdir()
            .map_err(|e| {
                Error::io(
                    std::env::temp_dir(),
                    "cannot make a profile directory for Chromium",
                    "make TMPDIR name a writable directory",
                    e,
                )
            })?;
        let failed = |what: &str, e: &dyn std::fmt::Display| {
            Error::usage(
                format!("{} {what}: {e}", executable.display()),
                "check that it is a working Chromium (`chromium --headless --version`), or give another with --browser PATH",
            )
        };
        let stop = Arc::new(AtomicUsize::new(0));
        let stopped = Arc::new(AtomicBool::new(false));
        for signal in STOP_SIGNALS {
            // Until the browser is stopped a signal only asks the run to
            // stop (every wait looks); after, it has its usual effect.
            signal_hook::flag::register_usize(signal, Arc::clone(&stop), signal as usize)
                .and_then(|_| {
                    signal_hook::flag::register_conditional_default(signal, Arc::clone(&stopped))
                })
                .map_err(|e| failed("could not be started safely", &e))?;
        }
        let (child, cdp) = match spawn(executable, site, profile.path(), Arc::clone(&stop)) {
            Ok(started) => started,
            Err(e) => {
                // No browser to stop: a signal has its usual effect again.
                stopped.store(true, Ordering::SeqCst);
                return Err(failed("did not start", &e));
            }
        };
        let mut chromium = Chromium {
            child,
            cdp,
            session: String::new(),
            stop,
            stopped,
            profile,
        };
        chromium.session = chromium
            .open_page()
            .map_err(|e| failed("did not open a page", &chromium.with_stderr(&*e)))?;
        Ok(chromium)
    }

    /// A new page, attached as a session of its own, that reports the
    /// stages of its loading.
    fn open_page(&self) -> R<String> {
        // The tab the browser opened with is taken when it is there: its
        // page is already started.
        let targets = self
            .cdp
            .call("Target.getTargets", json!({}), None, TIMEOUT)?;
        let first = targets["targetInfos"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["targetId"].as_str())
            .map(str::to_string);
        let target_id = match first {
            Some(id) => id,
            None => self.cdp.call(
                "Target.createTarget",
                json!({ "url": "about:blank" }),
                None,
                TIMEOUT,
            )?["targetId"]
                .as_str()
                .ok_or("no target id")?
                .to_string(),
        };
        let attached = self.cdp.call(
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
            None,
            TIMEOUT,
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("no session id")?
            .to_string();
        let s = Some(session.as_str());
        self.cdp.call("Page.enable", json!({}), s, TIMEOUT)?;
        self.cdp.call(
            "Page.setLifecycleEventsEnabled",
            json!({ "enabled": true }),
            s,
            TIMEOUT,
        )?;
        Ok(session)
    }

    /// `e`, and what the browser last said on its stderr (its fatal
    /// error, if it wrote one).
    fn with_stderr(&self, e: &dyn std::fmt::Display) -> String {
        // Its last 64 KiB at most.
        let mut log = Vec::new();
        if let Ok(mut file) = File::open(self.profile.path().join("stderr.log")) {
            let _ = file
                .seek(SeekFrom::End(-65536))
                .or_else(|_| file.rewind().map(|()| 0));
            let _ = file.take(65536).read_to_end(&mut log);
        }
        let text = String::from_utf8_lossy(&log);
        // A fatal error is what stopped it; the lines after are noise.
        let mut lines = text.lines().rev().filter(|l| !l.trim().is_empty());
        let fatal = text.lines().rev().find(|l| l.contains(":FATAL:"));
        match fatal.or_else(|| lines.next()) {
            Some(last) => format!("{e}; it said: {}", last.trim()),
            None => e.to_string(),
        }
    }

    /// Opens `url` and measures every target at every width; a picture of
    /// each button drawn (`pictures`).
    pub fn page(&self, url: &str, targets: &[Target], pictures: bool) -> Result<Vec<Seen>> {
        let failed = |e: &dyn std::fmt::Display| {
            Error::usage(
                format!("{url}: the browser could not draw the page: {e}"),
                "check that the page opens in a browser; leave out --render to audit its code only",
            )
        };
        // The browser's last words only when it went away.
        let failed = |e: Box<dyn std::error::Error + Send + Sync>| match e.downcast_ref() {
            Some(CdpError::Closed(_)) => failed(&self.with_stderr(&*e)),
            _ => failed(&*e),
        };
        self.open(url).map_err(failed)?;
        let mut seen = Vec::new();
        for &width in &WIDTHS {
            let measures = self.measure_all(width, targets).map_err(failed)?;
            for (index, (target, measure)) in targets.iter().zip(measures).enumerate() {
                let mut png = None;
                if pictures && target.kind == super::targets::Kind::Button && measure.drawn() {
                    png = Some(self.picture(target, &measure).map_err(failed)?);
                }
                seen.push(Seen {
                    target: index,
                    width,
                    measure,
                    png,
                });
            }
        }
        Ok(seen)
    }

    /// Navigates to `url` and waits for its `load` event: its stylesheets
    /// and images are all in by then.
    fn open(&self, url: &str) -> R<()> {
        self.cdp.clear_events();
        let nav = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(e) = nav["errorText"].as_str().filter(|e| !e.is_empty()) {
            return Err(e.into());
        }
        // No loader: the same document, already loaded.
        let Some(loader) = nav["loaderId"].as_str() else {
            return Ok(());
        };
        self.cdp
            .wait_for("load event", TIMEOUT, |e| {
                e.method == "Page.lifecycleEvent"
                    && e.session.as_deref() == Some(&self.session)
                    && e.params["name"] == "load"
                    && e.params["loaderId"] == loader
            })
            .map(drop)
            .map_err(Into::into)
    }

    /// Draws the page `width` px wide and measures every target.
    fn measure_all(&self, width: u32, targets: &[Target]) -> R<Vec<Measure>> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": false }),
        )?;
        // Once every image has loaded (or failed, at most 5 s), two frames
        // later the layout at the new width is done.
        let call = format!(
            "(() => {{ scrollTo(0, 0); const m = {}; const t = {}; return {IMAGES}.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))).then(() => t.map(x => m(x, false))); }})()",
            MEASURE.trim_end(),
            serde_json::to_string(targets)?
        );
        let value = self.eval(&call)?;
        let measures: Vec<Measure> = serde_json::from_value(value)?;
        if measures.len() != targets.len() {
            return Err("the page's scripts changed what was measured".into());
        }
        Ok(measures)
    }

    fn measure(&self, target: &Target, mark: bool) -> R<Measure> {
        let call = format!(
            "({})({}, {mark})",
            MEASURE.trim_end(),
            serde_json::to_string(target)?
        );
        let value = self.eval(&call)?;
        Ok(serde_json::from_value(value)?)
    }

    /// A PNG of the button and a margin around it; outlined when something
    /// is wrong with it, so what is cut off or covered shows.
    fn picture(&self, target: &Target, measure: &Measure) -> R<Vec<u8>> {
        let marked = measure.problem();
        // Measured again: it may scroll the button into the window.
        let m = self.measure(target, marked)?;
        let clip = json!({
            "x": (m.x - MARGIN).max(0.0),
            "y": (m.y - MARGIN).max(0.0),
            "width": (m.w + 2.0 * MARGIN).clamp(1.0, MAX_PICTURE.0),
            "height": (m.h + 2.0 * MARGIN).clamp(1.0, MAX_PICTURE.1),
            "scale": 1,
        });
        let shot = self.call(
            "Page.captureScreenshot",
            json!({ "format": "png", "clip": clip, "fromSurface": true }),
        );
        if marked {
            self.eval("document.getElementById('ceop-onboard-outline')?.remove()")?;
        }
        let data = shot?["data"].as_str().ok_or("no picture")?.to_string();
        Ok(base64::engine::general_purpose::STANDARD.decode(data)?)
    }

    /// Evaluates `expression` in the page, awaiting a promise; its value as JSON.
    fn eval(&self, expression: &str) -> R<Value> {
        let mut r = self.call(
            "Runtime.evaluate",
            json!({
                "expression": expression,
                "silent": true,
                "returnByValue": true,
                "awaitPromise": true,
            }),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            let text = ex["exception"]["description"]
                .as_str()
                .or(ex["text"].as_str())
                .unwrap_or("an exception");
            return Err(format!("a script failed: {text}").into());
        }
        Ok(r["result"]["value"].take())
    }

    /// Sends `method` to the page and waits for its result.
    fn call(&self, method: &str, params: Value) -> std::result::Result<Value, CdpError> {
        self.cdp.call(method, params, Some(&self.session), TIMEOUT)
    }
}

/// Starts `executable` with its DevTools protocol on fds 3 (commands in)
/// and 4 (messages out), and nothing else to talk to.
fn spawn(
    executable: &Path,
    site: &Site,
    profile: &Path,
    stop: Arc<AtomicUsize>,
) -> std::io::Result<(Child, Client)> {
    // Names resolve to nothing but the site's own host: the browser can
    // reach no other server, whatever the page asks for.
    let mut resolver = "--host-resolver-rules=MAP * ~NOTFOUND".to_string();
    for host in site.hosts() {
        resolver.push_str(&format!(", EXCLUDE {host}"));
    }
    // Every request goes to a proxy that is not there (port 9, discard)
    // but those to the site's own origins: an address by number, on
    // another port of this machine or anywhere else, is refused too.
    // This filter costs nothing per request, unlike intercepting each.
    let bypass = format!("--proxy-bypass-list={}", site.bypass_list());
    let data = profile.join("profile");
    let mut command = Command::new(executable);
    command
        .args(SWITCHES)
        .arg("--proxy-server=http://127.0.0.1:9")
        .arg(bypass)
        .arg(resolver)
        .arg(format!(
            "--window-size={},{HEIGHT}",
            WIDTHS[WIDTHS.len() - 1]
        ))
        .arg("--remote-debugging-pipe")
        .arg(format!("--user-data-dir={}", data.display()))
        .arg("about:blank");
    // Chromium keeps its caches and crash reports under the profile
    // given; HOME, TMPDIR (its singleton socket) and the XDG folders
    // point there too, so nothing is left in ~ or /tmp.
    for key in [
        "HOME",
        "TMPDIR",
        "XDG_CONFIG_HOME",
        "XDG_CACHE_HOME",
        "XDG_DATA_HOME",
    ] {
        command.env(key, profile);
    }
    // A process group of its own: the browser and its helpers are killed
    // together when the run ends, whichever way it ends.
    command
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(File::create(profile.join("stderr.log"))?);
    // The pipes are made close-on-exec: the browser gets only the two ends
    // put at fds 3 and 4 below, and this process keeps only its own two,
    // so each side sees the other's end when it goes.
    let (commands_in, commands) = std::io::pipe()?;
    let (messages, messages_out) = std::io::pipe()?;
    let (fd_in, fd_out) = (commands_in.as_raw_fd(), messages_out.as_raw_fd());
    #[cfg(target_os = "linux")]
    let parent = std::process::id() as libc::pid_t;
    // SAFETY: between fork and exec the closure only calls async-signal-safe
    // functions (fcntl, dup2, prctl, getppid, _exit) and allocates nothing.
    unsafe {
        command.pre_exec(move || {
            // Copied above 4 first: either end may itself be 3 or 4.
            let high_in = cvt(libc::fcntl(fd_in, libc::F_DUPFD_CLOEXEC, 10))?;
            let high_out = cvt(libc::fcntl(fd_out, libc::F_DUPFD_CLOEXEC, 10))?;
            cvt(libc::dup2(high_in, 3))?;
            cvt(libc::dup2(high_out, 4))?;
            // Killed if the thread that started it ends (this process is
            // killed, say) without stopping it; and at once if that
            // happened already, before this line.
            #[cfg(target_os = "linux")]
            {
                cvt(libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL))?;
                if libc::getppid() != parent {
                    libc::_exit(1);
                }
            }
            Ok(())
        });
    }
    let child = command.spawn()?;
    drop((commands_in, messages_out));
    Ok((child, Client::new(commands, messages, stop)))
}

/// A libc result as an io::Result.
fn cvt(r: libc::c_int) -> std::io::Result<libc::c_int> {
    if r < 0 {
        Err(std::io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // The browser and every helper it started (its process group) are
        // killed at once: its profile is thrown away, so nothing is lost,
        // and asking it to close took 0.3 to 0.7 s. The browser is reaped.
        // SAFETY: a plain system call; the group is the browser's own.
        unsafe {
            libc::killpg(self.child.id() as libc::pid_t, libc::SIGKILL);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Chromium's crash reporter runs in a session of its own, outlives
        // the browser by a moment and can still write into the profile
        // (seen on a loaded machine), so a single removal may leave it
        // behind: remove it until it stays gone (for at most three seconds).
        let profile = self.profile.path();
        for _ in 0..100 {
            let _ = std::fs::remove_dir_all(profile);
            std::thread::sleep(Duration::from_millis(30));
            if !profile.exists() {
                break;
            }
        }
        // From now on a signal has its usual effect; one that came during
        // the run now takes it (exit by that signal, as a shell expects).
        self.stopped.store(true, Ordering::SeqCst);
        let signal = self.stop.load(Ordering::SeqCst);
        if signal != 0 {
            let _ = signal_hook::low_level::emulate_default_handler(signal as i32);
        }
    }
}
