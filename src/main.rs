//! The `ceop-onboard` binary: parse arguments, run, map errors to exit codes.

use ceop_onboard::{cli::Cli, run};
use clap::Parser;
use std::io::IsTerminal;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            // Usage errors exit 2.
            let _ = e.print();
            std::process::exit(run::EXIT_ERROR);
        }
        Err(e) => {
            // Help and version go to stdout with 0, unless they cannot be
            // written there (a full disk): then 2, with the reason.
            let text = if std::io::stdout().is_terminal() {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            match ceop_onboard::output::print(&text) {
                Ok(()) => std::process::exit(run::EXIT_OK),
                Err(e) => {
                    eprintln!("error: {e}");
                    std::process::exit(run::EXIT_ERROR);
                }
            }
        }
    };
    let code = match run::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            run::EXIT_ERROR
        }
    };
    std::process::exit(code);
}
