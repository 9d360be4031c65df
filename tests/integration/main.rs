//! Integration tests: one binary, one module per behaviour.

mod accessibility;
mod artifacts;
mod bad_input;
mod check;
mod cli;
mod clipboard;
mod clipboard_bytes;
mod common;
mod configs;
mod decisions;
mod escapers;
mod hostile;
mod html_validity;
mod official_texts;
mod plain;
mod plain_terminal;
mod properties;
mod regressions;
mod signals;
mod survivors;
mod swift_literal;
mod term;
mod tui;
mod tui_terminal;
