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
    /// The root folder, opened once when a file is first read beneath it (Linux).
    dir: std::sync::OnceLock<Option<std::sync::Arc<File>>>,
}

/// A whole file's bytes. Read through `take`, not `File::read_to_end`, which asks the file
/// system for the file's size first: a system call per record for a few hundred bytes.
fn read_all(file: &File) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(8 * 1024);
    file.take(u64::MAX).read_to_end(&mut bytes)?;
    Ok(bytes)
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
        Fence {
            shown,
            real,
            dir: std::sync::OnceLock::new(),
        }
    }

    /// The root, absolute and lexically clean (as paths below it are named).
    pub fn root(&self) -> &Path {
        &self.shown
    }

    /// Whether `path` (which exists) really lies inside the root.
    pub fn contains(&self, path: &Path) -> bool {
        path.canonicalize()
            .is_ok_and(|real| real.starts_with(&self.real))
    }

    /// Reads `path` if the file opened really lies inside the root. The check is made on the
    /// open file, so a link swapped in between the check and the read cannot lead out.
    ///
    /// On Linux the kernel is asked first to open it only beneath the root (`openat2` with
    /// `RESOLVE_BENEATH`), which needs no second look at the opened file: at a hundred
    /// thousand records the look (a `readlink` of `/proc/self/fd/N`) and the walk of the
    /// whole path from `/` were a sixth of `audit check`'s time. Whatever that refuses or
    /// cannot do (an older kernel, an absolute link that stays inside, a missing file) is
    /// opened and checked as before, so the answer and its errors are the same.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, ReadError> {
        #[cfg(target_os = "linux")]
        if let Some(file) = self.open_beneath(path) {
            return Ok(read_all(&file)?);
        }
        let file = File::open(path)?;
        if !self.opened_inside(&file, path)? {
            return Err(ReadError::Outside);
        }
        Ok(read_all(&file)?)
    }

    /// The root folder, opened by its real path and kept only if the kernel's name for what
    /// was opened is that path: a link swapped into the path since [`Fence::new`] must not
    /// move where every later read is made beneath.
    #[cfg(target_os = "linux")]
    fn open_root(&self) -> Option<std::sync::Arc<File>> {
        use std::os::fd::AsRawFd;
        let dir = File::open(&self.real).ok()?;
        let named = std::fs::read_link(format!("/proc/self/fd/{}", dir.as_raw_fd())).ok()?;
        (named == self.real && dir.metadata().ok()?.is_dir()).then(|| std::sync::Arc::new(dir))
    }

    /// `path` opened for reading by the kernel only if it resolves beneath the root; `None`
    /// when it does not, or when the kernel cannot tell.
    #[cfg(target_os = "linux")]
    fn open_beneath(&self, path: &Path) -> Option<File> {
        use std::ffi::CString;
        use std::os::fd::{AsRawFd, FromRawFd};
        use std::os::unix::ffi::OsStrExt;

        let rel = path.strip_prefix(&self.shown).ok()?;
        let rel = CString::new(rel.as_os_str().as_bytes()).ok()?;
        let dir = self.dir.get_or_init(|| self.open_root()).as_ref()?;
        // SAFETY: `open_how` is plain data; zeroed is its documented starting point.
        let mut how: libc::open_how = unsafe { std::mem::zeroed() };
        how.flags = (libc::O_RDONLY | libc::O_CLOEXEC) as u64;
        how.resolve = libc::RESOLVE_BENEATH | libc::RESOLVE_NO_MAGICLINKS;
        // SAFETY: the descriptor and the string outlive the call, `how` is an `open_how` of
        // the size passed; the kernel returns a new descriptor or -1.
        let fd = unsafe {
            libc::syscall(
                libc::SYS_openat2,
                dir.as_raw_fd(),
                rel.as_ptr(),
                &how as *const libc::open_how,
                std::mem::size_of::<libc::open_how>(),
            )
        };
        let fd = i32::try_from(fd).ok().filter(|fd| *fd >= 0)?;
        // SAFETY: a descriptor the kernel just opened for us and nobody else owns.
        Some(unsafe { File::from_raw_fd(fd) })
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// A records root `root` in a temporary folder beside a file `secret`, holding `a/r.toml`
    /// and every kind of link: to a file inside (relative and absolute), out of the root
    /// (relative, absolute, through `..`), and to a folder inside.
    fn root_with_links() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/r.toml"), "inside").unwrap();
        std::fs::write(tmp.path().join("secret"), "outside").unwrap();
        symlink("a/r.toml", root.join("relative-inside")).unwrap();
        symlink(root.join("a/r.toml"), root.join("absolute-inside")).unwrap();
        symlink("../secret", root.join("relative-out")).unwrap();
        symlink(tmp.path().join("secret"), root.join("absolute-out")).unwrap();
        symlink("a", root.join("dir-link")).unwrap();
        symlink("..", root.join("parent-link")).unwrap();
        (tmp, root)
    }

    /// Every kind of link a records root may hold, read through the fence: the kernel's
    /// check (`openat2`) and the one made after opening must agree on each.
    #[test]
    fn links_are_read_only_where_they_really_lead_inside_the_root() {
        let (_tmp, root) = root_with_links();
        let fence = Fence::new(&root);
        let read = |name: &str| match fence.read(&root.join(name)) {
            Ok(bytes) => Ok(String::from_utf8(bytes).unwrap()),
            Err(ReadError::Outside) => Err("outside"),
            Err(ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => Err("not found"),
            Err(ReadError::Io(e)) => panic!("{name}: {e}"),
        };
        assert_eq!(read("a/r.toml"), Ok("inside".to_string()));
        assert_eq!(read("relative-inside"), Ok("inside".to_string()));
        assert_eq!(read("absolute-inside"), Ok("inside".to_string()));
        assert_eq!(read("dir-link/r.toml"), Ok("inside".to_string()));
        assert_eq!(read("relative-out"), Err("outside"));
        assert_eq!(read("absolute-out"), Err("outside"));
        assert_eq!(read("parent-link/secret"), Err("outside"));
        assert_eq!(read("a/../../secret"), Err("outside"));
        assert_eq!(read("missing.toml"), Err("not found"));
    }

    /// The kernel's check alone, where it is available: it must open what is inside and
    /// nothing that is not (what it refuses is then checked the old way; the test above
    /// covers the answers the two give together).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_kernel_opens_beneath_the_root_only_what_is_inside() {
        let (_tmp, root) = root_with_links();
        let fence = Fence::new(&root);
        let opened = |name: &str| fence.open_beneath(&root.join(name)).is_some();
        // A kernel without openat2 (before 5.6) opens nothing this way: nothing to test.
        if !opened("a/r.toml") {
            return;
        }
        assert!(opened("relative-inside") && opened("dir-link/r.toml"));
        // An absolute link is refused even inside: the old check then reads it.
        assert!(!opened("absolute-inside"));
        for outside in [
            "relative-out",
            "absolute-out",
            "parent-link/secret",
            "a/../../secret",
        ] {
            assert!(!opened(outside), "{outside}");
        }
    }

    #[test]
    fn a_file_larger_than_the_first_buffer_is_read_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let text = "x".repeat(100_000);
        std::fs::write(tmp.path().join("big.toml"), &text).unwrap();
        let fence = Fence::new(tmp.path());
        assert_eq!(
            fence.read(&tmp.path().join("big.toml")).unwrap(),
            text.as_bytes()
        );
    }
}
