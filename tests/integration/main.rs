//! Integration tests: one binary, one module per behaviour.

mod artifacts;
mod check;
mod cli;
mod common;
mod configs;
mod decisions;
mod hostile;
mod html_validity;
mod official_texts;
