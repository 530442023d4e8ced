//! The benchmark baseline: walk a folder and read every `*.toml` file, doing nothing else.
//!
//! ```sh
//! cargo run --release --example readall -- /tmp/bench-records
//! ```
//!
//! `audit`'s own times are reported as multiples of this, measured in the same run, so the
//! figures say how much work audit adds on top of the unavoidable I/O, whatever the machine.
//! It reads in parallel with the same thread pool size as audit, so the ratio is fair.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: readall DIR")?);
    let mut files = Vec::new();
    collect(&dir, &mut files)?;
    files.sort();
    let bytes: usize = files
        .par_iter()
        .map(|f| std::fs::read(f).map(|b| b.len()).unwrap_or(0))
        .sum();
    println!("{} files, {bytes} bytes", files.len());
    Ok(())
}
