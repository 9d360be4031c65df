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
//! apply, [`eligibility`] decides (in the words of [`verdict`]: outcomes and
//! reason ids, which the guide checks its texts against), [`render`] builds
//! the artifacts ([`artifact`]), the checklist and the record; [`gate`]
//! audits every artifact with `check`'s engine before it is handed out. [`fsio`] bounds every read and makes
//! every write land only where the user pointed, all or none; [`output`]
//! uses it for files and [`clipboard`] copies by the method the environment
//! calls for; [`cli`] and
//! `main.rs` are the thin shell around it. [`tui`] and [`prompt`] are the two
//! front-ends; both only collect answers through [`wizard`]. [`audit`] is
//! `check`: it reads pages that already host the button and reports what
//! breaks the rules.

/// Declares an enum whose variants each have one name (an answer value, a
/// step, a reason id …) with `ALL`, `NAMES`, `as_str`, `FromStr`, `Display`
/// and serde under that name. Variants may carry doc comments.
macro_rules! value_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
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
pub mod artifact;
pub mod audit;
pub mod background;
pub mod button;
pub mod cli;
pub mod clipboard;
pub mod eligibility;
pub mod error;
pub mod escape;
pub mod flow;
pub mod fsio;
pub mod gate;
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
pub mod verdict;
pub mod wizard;
