//! The records root as a fence: nothing is read from, or written to, a place whose real path
//! (symbolic links resolved) lies outside it.
//!
//! A link inside the root may lead anywhere (`leak.toml -> /proc/self/environ`, `evil ->
//! /outside`). Reads check the real path of the file actually opened; writes create missing
//! folders one at a time without following a link out, check the real path of the target's
//! folder right before writing, and refuse a target that is itself a link.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use anyhow::bail;

/// A records root: as the user names it, and its real path.
#[derive(Clone, Debug)]
pub struct Fence {
    /// Absolute, lexically clean (links not resolved): how targets below it are named.
    shown: PathBuf,
    /// Symbolic links resolved.
    real: PathBuf,
}

/// Why a file inside the root was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Its real path lies outside the records root.
    Outside,
    Io(io::Error),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

impl Fence {
    /// The fence around `root` (a folder that exists).
    pub fn new(root: &Path) -> Fence {
        let shown = absolute(root);
        let real = shown.canonicalize().unwrap_or_else(|_| shown.clone());
        Fence { shown, real }
    }

    /// Whether `path` (which exists) really lies inside the root.
    /// The root, absolute and lexically clean (as paths below it are named).
    pub fn root(&self) -> &Path {
        &self.shown
    }

    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| real.starts_with(&self.real))
    }

    /// Reads `path` if the file opened really lies inside the root. The check is made on the
    /// open file, so a link swapped in between the check and the read cannot lead out.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        let mut file = File::open(path)?;
        if !self.opened_inside(&file, path)? {
            return Err(ReadError::Outside);
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    /// Whether the open `file` (opened as `path`) lies inside the root.
    fn opened_inside(&self, file: &File, path: &Path) -> io::Result<bool> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            // The kernel's name for the open file: no race with a link changed meanwhile.
            if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
                return Ok(real.starts_with(&self.real));
            }
        }
        let real = path.canonicalize()?;
        if !real.starts_with(&self.real) {
            return Ok(false);
        }
        // The path still names the file that was opened.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (a, b) = (file.metadata()?, std::fs::metadata(&real)?);
            return Ok(a.dev() == b.dev() && a.ino() == b.ino());
        }
        #[allow(unreachable_code)]
        Ok(true)
    }

    /// Makes `target` ready to be written: creates its missing folders one by one without
    /// following a link out of the root, checks that the real path of its folder lies inside
    /// the root, and refuses a target that is itself a symbolic link. Call it right before
    /// writing.
    pub fn prepare_write(&self, target: &Path) -> anyhow::Result<()> {
        let target = absolute(target);
        let Ok(rel) = target.strip_prefix(&self.shown) else {
            bail!("{}", self.outside(&target, &target));
        };
        let mut dir = self.shown.clone();
        let folders: Vec<Component> = rel
            .parent()
            .map_or(Vec::new(), |p| p.components().collect());
        for part in folders {
            dir.push(part);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                // A link to a folder is followed only where it stays inside the root.
                Ok(m) if m.file_type().is_symlink() => {
                    if !self.contains(&dir) || !dir.is_dir() {
                        bail!("{}", self.outside(&target, &dir));
                    }
                }
                Ok(_) => bail!(
                    "{}",
                    t!(
                        "cannot-write-is-not-a-folder",
                        path = target.display(),
                        folder = dir.display()
                    )
                ),
                Err(e) if e.kind() == io::ErrorKind::NotFound => match std::fs::create_dir(&dir) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
                    Err(e) => bail!(
                        "{}",
                        t!("cannot-create", folder = dir.display(), problem = e)
                    ),
                },
                Err(e) => bail!(
                    "{}",
                    t!("cannot-create", folder = dir.display(), problem = e)
                ),
            }
        }
        // Checked again as a whole, right before the write: nothing swapped in a link.
        if !self.contains(&dir) {
            bail!("{}", self.outside(&target, &dir));
        }
        refuse_link(&target)
    }

    /// [`Fence::prepare_write`] without creating anything: the folders that exist are
    /// checked; those missing would be created inside the last one that exists.
    pub fn check_write(&self, target: &Path) -> anyhow::Result<()> {
        let target = absolute(target);
        let Ok(rel) = target.strip_prefix(&self.shown) else {
            bail!("{}", self.outside(&target, &target));
        };
        let mut dir = self.shown.clone();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            dir.push(part);
            match std::fs::symlink_metadata(&dir) {
                Ok(m) if m.file_type().is_symlink() && !self.contains(&dir) => {
                    bail!("{}", self.outside(&target, &dir));
                }
                Ok(_) => {}
                Err(_) => return Ok(()),
            }
        }
        refuse_link(&target)
    }

    fn outside(&self, target: &Path, folder: &Path) -> String {
        t!(
            "cannot-write-leads-outside-the-records",
            path = target.display(),
            folder = folder.display(),
            root = self.shown.display()
        )
    }
}

/// A target that is itself a symbolic link is never written through, wherever it points.
fn refuse_link(target: &Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        bail!(
            "{}",
            t!("is-a-symbolic-link-audit-does", path = target.display())
        );
    }
    Ok(())
}

/// An absolute, lexically clean path (no `.` or `..`), without resolving symlinks, so
/// paths stay as the user sees them.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
