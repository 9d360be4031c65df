//! The system clipboard (arboard), and the hidden server that keeps an X11 copy alive.

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
pub use x11::{copy, serve};

#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
)))]
pub use other::{copy, serve};

/// X11 (and Wayland through XWayland): the platforms where a copy vanishes
/// with the process that made it.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
))]
mod x11 {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    use std::time::Duration;

    use arboard::{Clipboard, SetExtLinux};

    use crate::clipboard::{MAX_BYTES, READY, SERVE_SUBCOMMAND};

    /// Starts the server with the text and waits only until it owns the clipboard.
    pub fn copy(text: &str) -> Result<(), String> {
        let exe = std::env::current_exe().map_err(|e| format!("cannot find this program: {e}"))?;
        let mut child = Command::new(exe)
            .arg(SERVE_SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .current_dir("/")
            // Its own process group: Ctrl-C in the terminal does not end it.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start the clipboard process: {e}"))?;
        // A failed write shows up as a missing `ready`.
        let _ = child
            .stdin
            .take()
            .expect("stdin is piped")
            .write_all(text.as_bytes());
        let mut line = String::new();
        let _ = BufReader::new(child.stdout.take().expect("stdout is piped")).read_line(&mut line);
        if line.trim_end() == READY {
            // Reaped when it ends, so a long-running front-end leaves no zombie.
            std::thread::spawn(move || child.wait());
            Ok(())
        } else {
            let _ = child.wait();
            let why = line.trim();
            Err(if why.is_empty() {
                "the clipboard process stopped".into()
            } else {
                why.to_string()
            })
        }
    }

    /// Reads the text to copy, refusing more than [`MAX_BYTES`] (the limit
    /// `copy` already keeps to) without reading past it.
    fn read_text(input: impl Read) -> Result<String, String> {
        let mut bytes = Vec::new();
        input
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read the text to copy: {e}"))?;
        if bytes.len() > MAX_BYTES {
            return Err(format!(
                "the text to copy is over {MAX_BYTES} bytes; the clipboard takes at most {MAX_BYTES} (100 kB)"
            ));
        }
        String::from_utf8(bytes).map_err(|e| format!("cannot read the text to copy: {e}"))
    }

    pub fn serve() -> i32 {
        let text = match read_text(std::io::stdin().lock()) {
            Ok(text) => text,
            Err(why) => {
                println!("{why}");
                return 2;
            }
        };
        let mut clipboard = match Clipboard::new().and_then(|mut c| {
            c.set_text(text.as_str())?;
            Ok(c)
        }) {
            Ok(c) => c,
            Err(e) => {
                println!("{e}");
                return 2;
            }
        };
        println!("{READY}");
        let _ = std::io::stdout().flush();
        // Nobody takes the clipboard once the X server has gone (the user
        // logged out): notice that, rather than wait for ever.
        if let Ok(mut watch) = Clipboard::new() {
            std::thread::spawn(move || {
                loop {
                    std::thread::sleep(Duration::from_secs(2));
                    if watch.get_text().is_err() {
                        std::process::exit(0);
                    }
                }
            });
        }
        // Returns once another program owns the clipboard.
        let _ = clipboard.set().wait().text(text);
        0
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_server_takes_at_most_100_kb_and_refuses_more() {
            let fits = "x".repeat(MAX_BYTES);
            assert_eq!(read_text(fits.as_bytes()), Ok(fits.clone()));
            let over = read_text("x".repeat(MAX_BYTES + 1).as_bytes()).unwrap_err();
            assert!(over.contains("over 100000 bytes"), "{over}");
            assert!(over.contains("100 kB"), "{over}");
        }
    }
}

/// Windows and macOS keep a copy after the process exits.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "android", target_os = "emscripten"))
)))]
mod other {
    pub fn copy(text: &str) -> Result<(), String> {
        arboard::Clipboard::new()
            .and_then(|mut c| c.set_text(text))
            .map_err(|e| e.to_string())
    }

    pub fn serve() -> i32 {
        eprintln!(
            "error: {} is only used on X11",
            crate::clipboard::SERVE_SUBCOMMAND
        );
        2
    }
}
