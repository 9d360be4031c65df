//! The full-screen wizard: terminal setup and restore, signals, the event loop.
//!
//! Draws on stderr so stdout stays free for "print on exit". The terminal is
//! restored on every way out: normal quit, Ctrl-C, SIGTERM, SIGHUP, SIGINT
//! and panic; progress is saved first, so nothing is lost.

pub mod app;
pub mod field;
pub mod keys;
pub mod layout;
pub mod msg;
pub mod overlay;
mod result;
pub mod text;
pub mod theme;
pub mod view;
pub mod view_result;

use std::sync::Arc;
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, queue};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::background::Background;
use crate::error::Result;
use crate::guide::Guide;
use crate::render::Renderer;
use crate::session;
use crate::wizard::{self, End, Saving};
use app::{App, Effect, Report};

/// Puts the terminal back: raw mode off, main screen, cursor shown.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stderr(),
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
}

/// Restores the terminal when dropped, whatever path leaves the loop.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn perform(effect: &Effect) -> Report {
    match effect {
        Effect::SaveSession(saved) => match session::save(saved) {
            Ok(()) => Report::Done("Progress saved.".into()),
            Err(e) => Report::Failed(format!("Progress could not be saved: {e}")),
        },
        Effect::ClearSession => {
            session::clear();
            Report::Done("Starting afresh.".into())
        }
        Effect::Copy(text) => match crate::clipboard::copy(text, &crate::clipboard::Env::current())
        {
            Ok(copied) if copied.confirmed() => {
                Report::Done(format!("Copied with {}.", copied.method.name()))
            }
            Ok(copied) => Report::Done(format!(
                "Sent with {}; this cannot be confirmed. If nothing pastes, save (s) or print on exit (p).",
                copied.method.name()
            )),
            Err(e) => Report::Failed(format!("{e}\nSave (s) or print on exit (p) instead.")),
        },
        Effect::Write {
            path,
            contents,
            overwrite,
        } => match wizard::save_file(path, contents, *overwrite) {
            Saving::Saved(m) => Report::Done(m),
            Saving::Exists => Report::Exists,
            Saving::Failed(m) => Report::Failed(m),
        },
    }
}

/// Runs the wizard until the user quits. Returns how it ended and the text
/// to print on exit. The guide may still be loading: the terminal is set up
/// meanwhile.
pub fn run(guide: &Background<Guide>, renderer: &Renderer) -> Result<(End, Option<String>)> {
    let latest: session::Latest = Default::default();
    session::guard_exits(Arc::clone(&latest), restore_terminal);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));

    let theme = theme::Theme::from_env();

    terminal::enable_raw_mode().map_err(io_error)?;
    let _guard = Guard;
    // One buffered write per frame (ratatui flushes after drawing), rather
    // than a write call for every escape sequence; the first one also
    // switches to the alternate screen.
    let mut out = std::io::BufWriter::with_capacity(16 * 1024, std::io::stderr());
    queue!(out, EnterAlternateScreen, EnableBracketedPaste).map_err(io_error)?;
    let mut term = Terminal::new(CrosstermBackend::new(out)).map_err(io_error)?;
    let mut app = App::new(guide.get(), renderer, session::load());
    // Draw only when something may have changed: nothing here runs on a timer.
    let mut redraw = true;
    loop {
        if let Ok(mut l) = latest.lock() {
            *l = app.saved();
        }
        if redraw {
            term.draw(|f| {
                if let Some(at) = view::draw(&app, &theme, f.area(), f.buffer_mut()) {
                    f.set_cursor_position(at);
                }
            })
            .map_err(io_error)?;
        }
        redraw = event::poll(Duration::from_millis(200)).map_err(io_error)?;
        if !redraw {
            continue;
        }
        let msg = match event::read().map_err(io_error)? {
            Event::Key(k) => keys::map(&app, k),
            Event::Paste(s) => Some(app::Msg::Paste(s)),
            Event::Resize(..) => {
                term.autoresize().map_err(io_error)?;
                None
            }
            _ => None,
        };
        let Some(msg) = msg else { continue };
        for effect in app.update(msg) {
            let report = perform(&effect);
            app.report(&effect, report);
        }
        crate::flow::panic_if_requested(app.step());
        if app.quit {
            break;
        }
    }
    let end = if app.interrupted {
        End::Interrupted
    } else if app.step() == crate::flow::Step::Result {
        End::Finished(Box::new(app.session.answers().clone()))
    } else {
        End::Stopped
    };
    Ok((end, app.print_on_exit.take()))
}

fn io_error(e: std::io::Error) -> crate::error::Error {
    crate::error::Error::io(
        "<terminal>",
        "the terminal failed",
        "run with --plain, or use `ceop-onboard generate`",
        e,
    )
}
