//! `audit completions`: shell completions.

use crate::app;

pub fn run(shell: clap_complete::Shell) -> app::Result<()> {
    use clap::CommandFactory;
    let mut cmd = crate::cli::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "audit", &mut out);
    app::write_stdout(&out)
}
