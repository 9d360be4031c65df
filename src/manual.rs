//! Man pages for the command and each subcommand, made from the clap definitions when packaging.
//!
//! The `.deb` (see `packaging/build-deb.sh`) runs the hidden `man-pages DIR`
//! subcommand of the binary it packages, so the pages always describe the
//! flags that binary takes. Nothing generated is kept in the repository.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::output::{self, Pending};

/// Every page as (file name, roff source): `ceop-onboard.1`, then one
/// `ceop-onboard-SUBCOMMAND.1` per subcommand a user can run (hidden ones
/// and `help` have none).
pub fn pages() -> Vec<(String, String)> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, &mut pages);
    pages
}

fn collect(cmd: &clap::Command, pages: &mut Vec<(String, String)>) {
    let man = clap_mangen::Man::new(cmd.clone()).manual("ceop-onboard manual");
    let mut roff = Vec::new();
    man.render(&mut roff)
        .expect("rendering to memory cannot fail");
    pages.push((
        man.get_filename(),
        String::from_utf8(roff).expect("clap_mangen writes UTF-8"),
    ));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, pages);
    }
}

/// Writes every page into `dir` (created if missing), replacing older pages.
pub fn write_to(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::io(
            dir,
            "cannot create the directory",
            "choose a directory you can write to",
            e,
        )
    })?;
    let files: Vec<Pending> = pages()
        .into_iter()
        .map(|(name, contents)| Pending {
            path: dir.join(name),
            contents,
        })
        .collect();
    output::write_all(&files, true)
}

#[cfg(test)]
mod tests {
    use super::pages;

    #[test]
    fn every_visible_subcommand_has_a_page_and_hidden_ones_none() {
        let names: Vec<String> = pages().into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "ceop-onboard.1",
                "ceop-onboard-generate.1",
                "ceop-onboard-answers-template.1",
                "ceop-onboard-guidance.1",
                "ceop-onboard-completions.1",
                "ceop-onboard-default-config.1",
                "ceop-onboard-check.1",
            ]
        );
    }

    #[test]
    fn pages_carry_the_flags_and_the_independence_notice() {
        let pages = pages();
        let main = &pages[0].1;
        assert!(main.starts_with(".ie"), "roff source: {main:.80}");
        assert!(main.contains("not made, endorsed or checked by CEOP"));
        let generate = &pages
            .iter()
            .find(|(n, _)| n == "ceop-onboard-generate.1")
            .unwrap()
            .1;
        assert!(generate.contains("\\-\\-record"), "{generate}");
    }
}
