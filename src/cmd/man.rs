//! `audit man`: the manual pages (roff).

use std::path::PathBuf;

use anyhow::anyhow;

use crate::app;

pub struct Config {
    /// Write every page into this folder instead of printing audit.1.
    pub dir: Option<PathBuf>,
    /// Overwrite pages that exist in the folder.
    pub force: bool,
}

/// audit.1 on standard output, or, with a folder, audit.1 and one page per command
/// (audit-score.1 …), the pages audit.1's list of commands refers to. Every page is checked
/// before any is written, so a refused run writes nothing.
pub fn run(config: &Config) -> app::Result<()> {
    use clap::CommandFactory;
    let mut root = crate::cli::Cli::command().disable_help_subcommand(true);
    root.build();
    let Some(dir) = config.dir.as_deref() else {
        let mut out = Vec::new();
        clap_mangen::Man::new(root).render(&mut out)?;
        return app::write_stdout(&out);
    };
    let mut pages = Vec::new();
    for cmd in std::iter::once(&root).chain(root.get_subcommands()) {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut bytes = Vec::new();
        man.render(&mut bytes)?;
        pages.push((dir.join(man.get_filename()), bytes));
    }
    let existing = app::existing_files(pages.iter().map(|(p, _)| p.clone()), config.force);
    if !existing.is_empty() {
        return Err(app::invalid(existing.join("\n")));
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    for (path, bytes) in &pages {
        app::write_output(Some(path), bytes, config.force)?;
    }
    Ok(())
}
