//! Thin entry point: parse the command line, run, map the outcome to an exit code
//! (0 success, 1 a gate failed, 2 invalid input or usage).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = audit::cli::Cli::parse();
    match audit::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.code() as u8),
        // `audit score | head` closes the pipe early: that is not an error.
        Err(e) if audit::cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            audit::output::tell(format_args!("{}: {e:#}", audit::i18n::tr("error")));
            ExitCode::from(2)
        }
    }
}

/// mimalloc: parsing 100 000 records makes millions of small allocations from two threads;
/// glibc's allocator spends much of that time in the kernel (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
