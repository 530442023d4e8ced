//! Writing results: to standard output, or atomically to a file that is never overwritten
//! without `--force`; all-or-nothing batches of files into a records root in `batch`.
//! Which failure is which exit code (and that a closed pipe is none) is [`crate::app`]'s.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Before writing `target` below the records root `root`: creates its missing folders
/// without following a link out of the root, and refuses a folder whose real path lies
/// outside it or a target that is a link (see [`crate::fence`]). A target that does not lie
/// below `root` as named (`-o` elsewhere, the user's choice) only gets its folders created.
pub fn prepare_write(root: &Path, target: &Path) -> anyhow::Result<()> {
    let (root, abs) = (crate::fence::absolute(root), crate::fence::absolute(target));
    if abs.starts_with(&root) {
        return crate::fence::Fence::new(&root).prepare_write(&abs);
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| t!("cannot-create-path", path = parent.display()))?;
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over the target, so a reader never sees half a file and an
/// interrupted run leaves the old file intact. Without `force`, an existing file is an error
/// (checked at the rename itself, so a file created meanwhile is not clobbered either).
///
/// A target that is not a regular file (a named pipe, `/dev/null`, a terminal) is written
/// into, never replaced; a block device is refused.
pub fn write_file_atomic(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if !force && path.exists() {
        bail!(
            "{}",
            t!(
                "already-exists-pass-force-to-overwrite",
                path = path.display()
            )
        );
    }
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
        && !meta.is_dir()
    {
        return write_into_special(path, &meta, bytes);
    }
    stage(path, bytes)?.commit(force)
}

/// Writes into a special file (opened, written, never created, truncated or renamed over).
fn write_into_special(path: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if !(kind.is_fifo() || kind.is_char_device()) {
            bail!("{}", t!("is-not-a-regular-file-a", path = path.display()));
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(|| t!("cannot-write", path = path.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.flush())
        .with_context(|| t!("cannot-write", path = path.display()))
}

/// A file written and flushed beside its target, not yet in place. Staging every file of a
/// batch before committing any (import) means a failure while writing leaves every target
/// as it was.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Writes `bytes` to a temporary file in `path`'s folder, with the permissions the target
/// has (or an ordinary new file gets).
pub fn stage(path: &Path, bytes: &[u8]) -> anyhow::Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| t!("cannot-create-a-file-in", path = dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| set_mode(tmp.as_file(), path))
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| t!("cannot-write", path = path.display()))?;
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

impl Staged {
    /// Renames the file into place. Without `replace`, a file that exists by then is left
    /// alone and is an error.
    pub fn commit(self, replace: bool) -> anyhow::Result<()> {
        let Staged { tmp, path } = self;
        if replace {
            tmp.persist(&path)
                .map_err(|e| e.error)
                .with_context(|| t!("cannot-write", path = path.display()))?;
        } else {
            tmp.persist_noclobber(&path)
                .map_err(|e| e.error)
                .with_context(|| {
                    t!(
                        "cannot-write-pass-force-to-overwrite",
                        path = path.display()
                    )
                })?;
        }
        Ok(())
    }
}

/// A temporary file is created readable by its owner only; the result should have the
/// permissions an ordinary new file gets (or keep those of the file it replaces).
#[cfg(unix)]
fn set_mode(file: &std::fs::File, target: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_file: &std::fs::File, _target: &Path) -> io::Result<()> {
    Ok(())
}

/// Prints a line for people on standard output. Every line audit prints goes through here,
/// [`tell`] or [`write_stdout`], never `println!` (which panics); commands call them through
/// [`crate::app`], where a closed pipe is not an error.
pub fn say(text: std::fmt::Arguments<'_>) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(out, "{text}").and_then(|_| out.flush())
}

/// Prints a line on standard error; a closed or failing stderr is ignored (there is nowhere
/// left to say so), never a panic as with `eprintln!`.
pub fn tell(text: std::fmt::Arguments<'_>) {
    tell_raw(format_args!("{text}\n"));
}

/// [`tell`] without the line break. Formatted first, then written at once: stderr is not
/// buffered, and a diagnostic is written in many pieces.
pub fn tell_raw(text: std::fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_all(text.to_string().as_bytes());
}

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

mod batch;
pub use batch::{JOURNAL_DIR, LOCK_FILE, Planned, RootLock, recover, write_batch};

#[cfg(test)]
mod tests {
    /// `println!` and `eprintln!` panic on a closed pipe (`audit init DIR | true` exited 101):
    /// every line goes through [`super::say`], [`super::tell`] or [`super::write_stdout`].
    #[test]
    fn nothing_prints_with_the_panicking_macros() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut dirs = vec![src];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.ends_with("output.rs") || path.extension().is_none_or(|e| e != "rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (n, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or("");
                    if ["print!(", "println!(", "eprint!(", "eprintln!("]
                        .iter()
                        .any(|m| code.contains(m))
                    {
                        found.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            found.is_empty(),
            "use output::say / tell:\n{}",
            found.join("\n")
        );
    }
}
