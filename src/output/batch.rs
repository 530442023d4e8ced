//! Batches: all-or-nothing writes into a records root (`audit import`). Every file is staged
//! and a plan journaled before any target is touched, under the root's lock, so an
//! interrupted batch is finished or undone by the next command that takes the lock.

use std::io;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::{set_mode, tell};

/// The journal folder of a records root: staged files and the plan of a batch.
pub use crate::discover::JOURNAL_DIR;
/// The lock file of a records root: held (flock) by a command that writes a batch.
pub use crate::discover::LOCK_FILE;
const PLAN_FILE: &str = "plan";

/// An exclusive lock on a records root, released when dropped (or when the process ends,
/// however it ends).
pub struct RootLock {
    _file: std::fs::File,
    root: PathBuf,
}

impl RootLock {
    /// Takes the lock of `root`, waiting (and saying so) while another command holds it.
    pub fn take(root: &Path) -> anyhow::Result<RootLock> {
        let path = root.join(LOCK_FILE);
        let mut options = std::fs::OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // A lock file that is a link (perhaps out of the root) is not followed.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
        let file = options
            .open(&path)
            .with_context(|| t!("cannot-open", path = path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                tell(format_args!(
                    "{}",
                    t!(
                        "waiting-for-another-audit-command-that",
                        root = root.display()
                    )
                ));
                file.lock()
                    .with_context(|| t!("cannot-lock", path = path.display()))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| t!("cannot-lock", path = path.display()));
            }
        }
        // Debug builds only: hold the lock a while, so a test can start a second writer
        // that must wait for it (no test of the lock may depend on luck in timing).
        #[cfg(debug_assertions)]
        if let Some(ms) = std::env::var("AUDIT_TEST_HOLD_LOCK_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
        {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        Ok(RootLock {
            _file: file,
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

/// One file of a batch: where it goes (inside the root), its new bytes, and the bytes it had
/// when the batch was planned (`None`: it did not exist).
pub struct Planned {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub old: Option<Vec<u8>>,
}

/// A file's fingerprint in the journal (FNV-1a, 64 bits): enough to see that a file is not
/// the one planned; stable across builds, unlike std's hasher.
fn fingerprint(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}-{}", bytes.len())
}

/// The fingerprint of what is at `path` now, `None` if nothing is.
fn fingerprint_of(path: &Path) -> anyhow::Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(fingerprint(&bytes))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| t!("cannot-read-path", path = path.display())),
    }
}

/// One line of the plan.
#[derive(serde::Serialize, serde::Deserialize)]
struct PlanEntry {
    /// The staged file's name in the journal folder.
    staged: String,
    /// The target, relative to the root.
    target: String,
    /// The target's fingerprint when planned; `None`: it did not exist.
    old: Option<String>,
    new: String,
}

/// Writes a batch so that it lands whole or not at all, under `lock`.
///
/// 1. Every target is checked against the root's fence (no link out of the root).
/// 2. Each new file is written and closed in the root's journal folder; then they are flushed
///    to disk.
/// 3. Every target is checked to still hold what the batch was planned from (a file edited
///    or created meanwhile stops the batch, nothing written): after the slow staging, so the
///    window for an editor's save is as short as it can be without locking editors out.
/// 4. The plan (staged file → target, with fingerprints) is written and renamed into place:
///    from here on the batch is committed.
/// 5. Each staged file is renamed onto its target, and the journal is removed.
///
/// A run stopped before 4 leaves only the journal folder, which the next run removes
/// (nothing happened); stopped after 4, the next run finishes the renames ([`recover`]).
pub fn write_batch(lock: &RootLock, files: &[Planned]) -> anyhow::Result<()> {
    if files.is_empty() {
        return Ok(());
    }
    let root = lock.root();
    // Every target is checked against the root's fence before anything is read or made: a
    // link out of the root refuses the whole batch and leaves no folder behind.
    let fence = crate::fence::Fence::new(root);
    for f in files {
        fence.check_write(&f.path)?;
    }
    // 2. Staged files, each closed once written.
    let journal = root.join(JOURNAL_DIR);
    std::fs::create_dir(&journal)
        .with_context(|| t!("cannot-create-path", path = journal.display()))?;
    // Until the plan is in place nothing is committed: on any failure the journal goes.
    let staged = (|| -> anyhow::Result<()> {
        let mut plan = String::new();
        let mut same_device = SameDevice::new(&journal)?;
        for (n, f) in files.iter().enumerate() {
            same_device.check(&f.path)?;
            let staged = format!("{n}.staged");
            let path = journal.join(&staged);
            std::fs::write(&path, &f.bytes)
                .with_context(|| t!("cannot-write", path = path.display()))?;
            // A new file gets the permissions an ordinary new file gets; a replaced one keeps its own.
            if f.old.is_some() {
                set_mode_path(&path, &f.path)
                    .with_context(|| t!("cannot-write", path = path.display()))?;
            }
            let target = f.path.strip_prefix(root).with_context(|| {
                t!("is-outside", path = f.path.display(), root = root.display())
            })?;
            let entry = PlanEntry {
                staged,
                target: target.to_string_lossy().into_owned(),
                old: f.old.as_deref().map(fingerprint),
                new: fingerprint(&f.bytes),
            };
            plan.push_str(&serde_json::to_string(&entry)?);
            plan.push('\n');
        }
        sync_folder_tree(&journal)?;
        // Debug builds only: an editor saving the first existing target right now.
        #[cfg(debug_assertions)]
        if std::env::var_os("AUDIT_TEST_EDIT_BEFORE_WRITE").is_some()
            && let Some(f) = files.iter().find(|f| f.old.is_some())
        {
            let mut edited = f.old.clone().unwrap_or_default();
            edited.extend_from_slice(b"# edited meanwhile\n");
            std::fs::write(&f.path, edited)?;
        }
        // 3. Nothing changed since the plan: checked after staging (which may take seconds),
        // right before the commit point, so an editor's save meanwhile stops the batch.
        for f in files {
            let now = fingerprint_of(&f.path)?;
            if now != f.old.as_deref().map(fingerprint) {
                bail!(
                    "{}",
                    t!(
                        "changed-while-the-import-was-being",
                        file = f.path.display()
                    )
                );
            }
        }
        // 4. The commit point.
        let tmp = journal.join("plan.tmp");
        std::fs::write(&tmp, plan.as_bytes())
            .and_then(|_| std::fs::File::open(&tmp)?.sync_all())
            .and_then(|_| std::fs::rename(&tmp, journal.join(PLAN_FILE)))
            .and_then(|_| sync_dir(&journal))
            .with_context(|| t!("cannot-write", path = journal.display()))?;
        Ok(())
    })();
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&journal);
        return Err(e);
    }
    #[cfg(debug_assertions)]
    let crash_after: Option<usize> = std::env::var("AUDIT_TEST_CRASH_AFTER_RENAMES")
        .ok()
        .and_then(|v| v.parse().ok());
    // 5. Into place.
    for (n, f) in files.iter().enumerate() {
        #[cfg(debug_assertions)]
        if crash_after == Some(n) {
            std::process::abort();
        }
        place(
            &fence,
            &journal.join(format!("{n}.staged")),
            &f.path,
            f.old.is_some(),
        )
        .map_err(|e| {
            e.context(t!(
                "the-import-stopped-after-of-files",
                n = n,
                total = files.len()
            ))
        })?;
    }
    std::fs::remove_dir_all(&journal)
        .with_context(|| t!("cannot-remove", path = journal.display()))?;
    Ok(())
}

/// Renames a staged file onto `target`, creating its folder. A new file (`replace` false) is
/// never put over one that exists.
fn place(
    fence: &crate::fence::Fence,
    staged: &Path,
    target: &Path,
    replace: bool,
) -> anyhow::Result<()> {
    // Folders are made one by one inside the root, and the target's folder is checked right
    // before the rename (a link swapped in meanwhile is refused).
    fence.prepare_write(target)?;
    if replace {
        std::fs::rename(staged, target)
    } else {
        #[cfg(target_os = "linux")]
        match rename_noreplace(staged, target) {
            Err(e)
                if e.raw_os_error() == Some(libc::EINVAL)
                    || e.raw_os_error() == Some(libc::ENOSYS) => {}
            done => {
                return done.with_context(|| t!("cannot-write", path = target.display()));
            }
        }
        // A hard link fails if the target exists: an atomic "create, never overwrite".
        match std::fs::hard_link(staged, target) {
            Ok(()) => std::fs::remove_file(staged),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            Err(_) if !target.exists() => std::fs::rename(staged, target),
            Err(e) => Err(e),
        }
    }
    .with_context(|| t!("cannot-write", path = target.display()))
}

/// Renames `from` to `to` unless `to` exists, in one step (Linux `renameat2`).
#[cfg(target_os = "linux")]
fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (from, to) = (c(from)?, c(to)?);
    // SAFETY: both are valid NUL-terminated paths for the duration of the call.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_NOREPLACE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Finishes or undoes a batch that a stopped run left in `lock`'s root: with a plan, every
/// staged file still in the journal is put in place (each target must hold what the plan
/// expected, or already the new file); without one, the staged files are discarded. Says
/// what it did, if anything.
pub fn recover(lock: &RootLock) -> anyhow::Result<Option<String>> {
    let root = lock.root();
    let journal = root.join(JOURNAL_DIR);
    if !journal.exists() {
        return Ok(None);
    }
    let plan = match std::fs::read_to_string(journal.join(PLAN_FILE)) {
        Ok(p) => p,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::remove_dir_all(&journal)
                .with_context(|| t!("cannot-remove", path = journal.display()))?;
            return Ok(Some(t!(
                "an-interrupted-import-had-written-nothing",
                journal = journal.display()
            )));
        }
        Err(e) => {
            return Err(e).with_context(|| t!("cannot-read-path", path = journal.display()));
        }
    };
    let entries: Vec<PlanEntry> = plan
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .with_context(|| t!("is-damaged", path = journal.join(PLAN_FILE).display()))?;
    // Check every entry first: a target changed by hand since is not overwritten, and a plan
    // naming a target outside the root (a damaged or forged journal) is refused.
    let fence = crate::fence::Fence::new(root);
    let mut todo = Vec::new();
    for e in &entries {
        // Only the shapes write_batch writes: `N.staged`, and a target made of plain names
        // below the root (no `..`, no root, no prefix). A forged plan could otherwise move a
        // file from outside the root in, or write through `link/..` out of it.
        let staged_ok = e
            .staged
            .strip_suffix(".staged")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let target_ok = !e.target.is_empty()
            && Path::new(&e.target)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !staged_ok || !target_ok {
            bail!(
                "{}",
                t!("is-damaged", path = journal.join(PLAN_FILE).display())
            );
        }
        let staged = journal.join(&e.staged);
        let target = root.join(&e.target);
        fence.check_write(&target)?;
        let now = fingerprint_of(&target)?;
        if now.as_deref() == Some(e.new.as_str()) {
            continue;
        }
        // A staged file already renamed away must have left the new file at its target.
        if now != e.old || !staged.exists() {
            bail!(
                "{}",
                t!(
                    "an-interrupted-import-left-but-changed",
                    journal = journal.display(),
                    file = target.display()
                )
            );
        }
        todo.push((staged, target, e.old.is_some()));
    }
    for (staged, target, replace) in &todo {
        place(&fence, staged, target, *replace)?;
    }
    std::fs::remove_dir_all(&journal)
        .with_context(|| t!("cannot-remove", path = journal.display()))?;
    Ok(Some(t!(
        "an-interrupted-import-was-completed-of",
        n = todo.len(),
        total = entries.len()
    )))
}

/// Refuses a target on another file system than the journal (a rename cannot move it
/// there atomically), before anything is committed. Caches the answer per folder.
struct SameDevice {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    seen: std::collections::HashMap<PathBuf, bool>,
}

impl SameDevice {
    fn new(journal: &Path) -> anyhow::Result<SameDevice> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let dev = std::fs::metadata(journal)
                .with_context(|| t!("cannot-read-path", path = journal.display()))?
                .dev();
            Ok(SameDevice {
                dev,
                seen: std::collections::HashMap::new(),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = journal;
            Ok(SameDevice {})
        }
    }

    fn check(&mut self, target: &Path) -> anyhow::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // The nearest folder that exists decides where the target will be.
            let Some(mut dir) = target.parent() else {
                return Ok(());
            };
            let mut walked = Vec::new();
            let ok = loop {
                if let Some(&ok) = self.seen.get(dir) {
                    break ok;
                }
                match std::fs::metadata(dir) {
                    Ok(m) => break m.dev() == self.dev,
                    Err(_) => {
                        walked.push(dir.to_path_buf());
                        match dir.parent() {
                            Some(p) => dir = p,
                            None => break true,
                        }
                    }
                }
            };
            walked.push(dir.to_path_buf());
            for d in walked {
                self.seen.insert(d, ok);
            }
            if !ok {
                return self.refuse(target);
            }
        }
        #[cfg(not(unix))]
        let _ = target;
        Ok(())
    }

    fn refuse(&self, target: &Path) -> anyhow::Result<()> {
        bail!(
            "{}",
            t!("is-on-another-file-system-than", file = target.display())
        )
    }
}

/// Gives a staged file the permissions its target has (or an ordinary new file gets).
fn set_mode_path(staged: &Path, target: &Path) -> io::Result<()> {
    set_mode(&std::fs::File::open(staged)?, target)
}

/// Flushes every file written under `dir` to disk: one `syncfs` for the file system (Linux),
/// rather than one flush per file (seconds for 100 000 files).
#[cfg(target_os = "linux")]
fn sync_folder_tree(dir: &Path) -> anyhow::Result<()> {
    use std::os::fd::AsRawFd;
    let d = std::fs::File::open(dir).with_context(|| t!("cannot-open", path = dir.display()))?;
    // SAFETY: `d` is an open descriptor for the duration of the call.
    if unsafe { libc::syncfs(d.as_raw_fd()) } != 0 {
        return Err(io::Error::last_os_error())
            .with_context(|| t!("cannot-flush", path = dir.display()));
    }
    Ok(())
}

#[cfg(not(target_os = "linux"))]
fn sync_folder_tree(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        std::fs::File::open(&path)
            .and_then(|f| f.sync_all())
            .with_context(|| t!("cannot-flush", path = path.display()))?;
    }
    sync_dir(dir).with_context(|| t!("cannot-flush", path = dir.display()))
}

/// Flushes a folder's entries (a rename in it) to disk, where the platform allows.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
