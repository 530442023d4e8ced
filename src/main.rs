//! Thin entry point: parse the command line, run, exit with the run's code (see
//! [`audit::app::Error::code`]: 0 success, 1 a gate failed, 2 invalid input or usage, 3
//! writing the output failed).

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = audit::cli::Cli::parse();
    audit::app::exit(audit::cmd::run(cli))
}

/// mimalloc: parsing 100 000 records makes millions of small allocations from two threads;
/// glibc's allocator spends much of that time in the kernel (see BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
