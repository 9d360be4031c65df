//! One headless Chromium per run, driven over the DevTools protocol (headless_chrome): a throwaway profile, nothing fetched from off the site under test.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use headless_chrome::browser::tab::Tab;
use headless_chrome::protocol::cdp::{Emulation, Page, Runtime};
use headless_chrome::{Browser, LaunchOptions};
use serde_json::Value;

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

/// What a step in the browser gives: the driver's errors, boxed.
type R<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Where Chromium is looked for when `--browser` is not given.
const CANDIDATES: [&str; 4] = ["chromium", "chromium-browser", "google-chrome", "chrome"];

/// A running Chromium and its profile directory, removed when dropped
/// (after the browser is stopped).
pub struct Chromium {
    browser: Option<Browser>,
    tab: Arc<Tab>,
    // Declared last: dropped after the browser has exited.
    _profile: tempfile::TempDir,
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
            .prefix("ceop-onboard-chromium-")
            .tempdir()
            .map_err(|e| {
                Error::io(
                    std::env::temp_dir(),
                    "cannot make a profile directory for Chromium",
                    "make TMPDIR name a writable directory",
                    e,
                )
            })?;
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
        let args: Vec<&OsStr> = [
            "--disable-gpu",
            "--disable-quic",
            "--disable-component-update",
            "--disable-background-networking",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--mute-audio",
            "--proxy-server=http://127.0.0.1:9",
            bypass.as_str(),
            resolver.as_str(),
        ]
        .into_iter()
        .map(OsStr::new)
        .collect();
        // Chromium keeps its caches and crash reports under the profile
        // given; HOME, TMPDIR (its singleton socket) and the XDG folders
        // point there too, so nothing is left in ~ or /tmp.
        let home = profile.path().to_string_lossy().into_owned();
        let envs = [
            "HOME",
            "TMPDIR",
            "XDG_CONFIG_HOME",
            "XDG_CACHE_HOME",
            "XDG_DATA_HOME",
        ]
        .into_iter()
        .map(|k| (k.to_string(), home.clone()))
        .collect();
        let options = LaunchOptions {
            headless: true,
            sandbox: false,
            path: Some(executable.to_path_buf()),
            user_data_dir: Some(profile.path().to_path_buf()),
            window_size: Some((WIDTHS[WIDTHS.len() - 1], HEIGHT)),
            args,
            idle_browser_timeout: Duration::from_secs(120),
            process_envs: Some(envs),
            ..LaunchOptions::default()
        };
        let failed = |what: &str, e: &dyn std::fmt::Display| {
            Error::usage(
                format!("{} {what}: {e}", executable.display()),
                "check that it is a working Chromium (`chromium --headless --version`), or give another with --browser PATH",
            )
        };
        let browser = Browser::new(options).map_err(|e| failed("did not start", &e))?;
        let tab = browser
            .new_tab()
            .map_err(|e| failed("did not open a page", &e))?;
        tab.set_default_timeout(TIMEOUT);
        Ok(Chromium {
            browser: Some(browser),
            tab,
            _profile: profile,
        })
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
        self.tab.navigate_to(url).map_err(|e| failed(&e))?;
        self.wait_for_load(url).map_err(|e| failed(&e))?;
        let mut seen = Vec::new();
        for &width in &WIDTHS {
            let measures = self.measure_all(width, targets).map_err(|e| failed(&e))?;
            for (index, (target, measure)) in targets.iter().zip(measures).enumerate() {
                let mut png = None;
                if pictures && target.kind == super::targets::Kind::Button && measure.drawn() {
                    png = Some(self.picture(target, &measure).map_err(|e| failed(&e))?);
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

    /// Waits until the new page has fired its `load` event. The driver's
    /// own wait holds out for the network to be idle for 500 ms; a page's
    /// stylesheets and images are all in by `load`.
    fn wait_for_load(&self, url: &str) -> R<()> {
        let script = format!(
            "(() => {{ const want = {}; return new Promise(r => {{ const t0 = Date.now(); const tick = () => (location.href === want || Date.now() - t0 > 1000) && document.readyState === 'complete' ? r(location.href) : setTimeout(tick, 10); tick(); }}); }})()",
            serde_json::to_string(url)?
        );
        let start = std::time::Instant::now();
        loop {
            // The script may start in the page being left, whose context
            // then goes away: try again.
            match self.eval(&script) {
                Ok(_) => return Ok(()),
                Err(e) if start.elapsed() > TIMEOUT => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// Draws the page `width` px wide and measures every target: two
    /// calls to the browser (each costs the driver up to 100 ms).
    fn measure_all(&self, width: u32, targets: &[Target]) -> R<Vec<Measure>> {
        self.tab.call_method(Emulation::SetDeviceMetricsOverride {
            width,
            height: HEIGHT,
            device_scale_factor: 1.0,
            mobile: false,
            scale: None,
            screen_width: None,
            screen_height: None,
            position_x: None,
            position_y: None,
            dont_set_visible_size: None,
            screen_orientation: None,
            viewport: None,
            display_feature: None,
            device_posture: None,
        })?;
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
        let x = (m.x - MARGIN).max(0.0);
        let y = (m.y - MARGIN).max(0.0);
        let clip = Page::Viewport {
            x,
            y,
            width: (m.w + 2.0 * MARGIN).clamp(1.0, MAX_PICTURE.0),
            height: (m.h + 2.0 * MARGIN).clamp(1.0, MAX_PICTURE.1),
            scale: 1.0,
        };
        let png = self.tab.capture_screenshot(
            Page::CaptureScreenshotFormatOption::Png,
            None,
            Some(clip),
            true,
        );
        if marked {
            self.eval("document.getElementById('ceop-onboard-outline')?.remove()")?;
        }
        Ok(png?)
    }

    /// Evaluates `expression` in the page, awaiting a promise; its value as JSON.
    fn eval(&self, expression: &str) -> R<Value> {
        let r = self.tab.call_method(Runtime::Evaluate {
            expression: expression.to_string(),
            object_group: None,
            include_command_line_api: None,
            silent: Some(true),
            context_id: None,
            return_by_value: Some(true),
            generate_preview: None,
            user_gesture: None,
            await_promise: Some(true),
            throw_on_side_effect: None,
            timeout: None,
            disable_breaks: None,
            repl_mode: None,
            allow_unsafe_eval_blocked_by_csp: None,
            unique_context_id: None,
            serialization_options: None,
        })?;
        if let Some(ex) = r.exception_details {
            return Err(format!("a script failed: {}", ex.text).into());
        }
        Ok(r.result.value.unwrap_or(Value::Null))
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.tab.close(false);
        // Stops the browser and waits for it; the profile is removed after.
        drop(self.browser.take());
        // Chromium's helper processes can outlive the browser by a moment
        // and still write into the profile (seen on a loaded machine), so a
        // single removal may leave it behind: remove it until it stays gone
        // (for at most about three seconds).
        let profile = self._profile.path();
        for _ in 0..30 {
            let _ = std::fs::remove_dir_all(profile);
            std::thread::sleep(std::time::Duration::from_millis(100));
            if !profile.exists() {
                break;
            }
        }
    }
}
