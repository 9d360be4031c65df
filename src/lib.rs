//! ceop-onboard: host the Click CEOP button the way its user guide asks.
//!
//! Data flows one way:
//!
//! ```text
//! wizard.toml ─▶ Guide ─▶ (generate --answers | front-ends) ─▶ Answers ─▶ Decision ─▶ Artifact ─▶ stdout | file | clipboard
//! ```
//!
//! Everything up to the artifact is pure and tested without a terminal:
//! [`guide`] checks the configuration once, [`flow`] says which questions
//! apply, [`eligibility`] decides, [`render`] builds the artifacts, the
//! checklist and the record. [`output`] writes files atomically and
//! [`clipboard`] copies by the method the environment calls for; [`cli`] and
//! `main.rs` are the thin shell around it. [`tui`] and [`prompt`] are the two
//! front-ends; both only collect answers through [`wizard`]. [`audit`] is
//! `check`: it reads pages that already host the button and reports what
//! breaks the rules.

/// Declares an enum of kebab-case answer values with `ALL`, `NAMES`,
/// `as_str`, `FromStr` and `Display`.
macro_rules! value_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> std::result::Result<Self, ()> {
                match s { $($text => Ok($name::$variant),)+ _ => Err(()) }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod answers;
pub mod audit;
pub mod background;
pub mod button;
pub mod cli;
pub mod clipboard;
pub mod eligibility;
pub mod error;
pub mod flow;
pub mod guide;
pub mod manual;
pub mod output;
pub mod prompt;
pub mod record;
pub mod render;
pub mod rules;
pub mod run;
pub mod session;
pub mod tui;
pub mod wizard;
