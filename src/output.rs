//! Writing results: to standard output, or atomically to a file that is never overwritten
//! without `--force`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Writes `bytes` to `path` atomically: a temporary file in the same folder is written,
/// flushed to disk and renamed over the target, so a reader never sees half a file and an
/// interrupted run leaves the old file intact. Without `force`, an existing file is an error
/// (checked at the rename itself, so a file created meanwhile is not clobbered either).
pub fn write_file_atomic(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if !force && path.exists() {
        bail!(
            "{}",
            t!(
                "{path} already exists; pass --force to overwrite it",
                path = path.display()
            )
        );
    }
    stage(path, bytes)?.commit(force)
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
        .with_context(|| t!("cannot create a file in {path}", path = dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| set_mode(tmp.as_file(), path))
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| t!("cannot write {path}", path = path.display()))?;
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
                .with_context(|| t!("cannot write {path}", path = path.display()))?;
        } else {
            tmp.persist_noclobber(&path)
                .map_err(|e| e.error)
                .with_context(|| {
                    t!(
                        "cannot write {path} (pass --force to overwrite)",
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

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}
