//! The `ceop-onboard` binary: parse arguments, run, map errors to exit codes.

use ceop_onboard::{cli::Cli, run};
use clap::Parser;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with 0; usage errors exit 2.
            let _ = e.print();
            std::process::exit(if e.use_stderr() {
                run::EXIT_ERROR
            } else {
                run::EXIT_OK
            });
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
