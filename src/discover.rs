//! Finding the records root and the record files (SPEC §1).
//!
//! The root is the folder holding `checklist.toml`, found at the given path or its nearest
//! ancestor, the way git finds `.git`. Record files are every `*.toml` below the searched
//! paths except the checklist and the roster, skipping hidden and git-ignored entries. The
//! list is sorted, so nothing downstream depends on the file system's order.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostic::{Diagnostic, Severity};
use crate::fence::absolute;
use crate::i18n::{Shown, Text};

/// The file that makes a folder a records root. Named here, where the root is found; the
/// checklist reader re-exports it.
pub const CHECKLIST_FILE: &str = "checklist.toml";

/// The folder of earlier checklists beside `checklist.toml` (SPEC §11.11): its `*.toml`
/// files are checklists, not records.
pub const CHECKLISTS_DIR: &str = "checklists";

/// The optional roster's file name at the records root.
pub const ROSTER_FILE: &str = "roster.toml";

/// The optional benchmark register's file name at the records root (SPEC §12.4).
pub const BENCHMARKS_FILE: &str = "benchmarks.toml";

/// The folder where `audit import` keeps the journal of an interrupted batch (the reader
/// warns when it is left behind; `output/batch.rs` writes and recovers it).
pub const JOURNAL_DIR: &str = ".audit-journal";

/// The lock file `audit import` holds while it writes.
pub const LOCK_FILE: &str = ".audit-lock";

/// Errors that stop discovery before any file is read.
#[derive(Debug)]
pub enum DiscoverError {
    NotFound(PathBuf),
    NoChecklist(PathBuf),
    OutsideRoot {
        path: PathBuf,
        root: PathBuf,
    },
    Walk {
        path: PathBuf,
        source: ignore::Error,
    },
}

impl DiscoverError {
    /// What went wrong, for the edge to word in the interface language.
    pub fn text(&self) -> Text {
        match self {
            DiscoverError::NotFound(p) => both!("no-such-file-or-folder", path = p.display()),
            DiscoverError::NoChecklist(p) => both!(
                "no-found-in-or-any-folder",
                file = CHECKLIST_FILE,
                path = p.display()
            ),
            DiscoverError::OutsideRoot { path, root } => both!(
                "is-outside-the-records-root",
                path = path.display(),
                root = root.display()
            ),
            DiscoverError::Walk { path, source } => {
                both!("cannot-read", path = path.display(), problem = source)
            }
        }
    }
}

/// Shown to people, in the interface language, when printed.
impl std::fmt::Display for DiscoverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Shown(self.text()).fmt(f)
    }
}

impl std::error::Error for DiscoverError {}

/// Where the checklist is and which folder is the records root.
#[derive(Clone, Debug)]
pub struct Root {
    /// The folder that holds the checklist; record paths are relative to it.
    pub dir: PathBuf,
    pub checklist: PathBuf,
}

/// Finds the checklist for `path`: at `path` or above, or `--checklist FILE`. With
/// `--checklist`, the records root is `path` itself (its folder, for a file), since the
/// checklist may live anywhere.
pub fn find_root(path: &Path, checklist: Option<&Path>) -> Result<Root, DiscoverError> {
    if !path.exists() {
        return Err(DiscoverError::NotFound(path.to_path_buf()));
    }
    let start = absolute(path);
    if let Some(file) = checklist {
        if !file.is_file() {
            return Err(DiscoverError::NotFound(file.to_path_buf()));
        }
        let dir = if start.is_dir() {
            start
        } else {
            start.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        return Ok(Root {
            dir,
            checklist: absolute(file),
        });
    }
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(CHECKLIST_FILE);
        if candidate.is_file() {
            return Ok(Root {
                dir: d.to_path_buf(),
                checklist: candidate,
            });
        }
        dir = d.parent();
    }
    Err(DiscoverError::NoChecklist(path.to_path_buf()))
}

/// A record file: its name relative to the root (`/`-separated, as shown everywhere) and
/// where it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RecordFile {
    pub name: String,
    pub path: PathBuf,
}

/// The record files below `paths`, sorted by name and without duplicates, and the files
/// that cannot be records because their names are not UTF-8 (reported, never skipped
/// silently). A path given explicitly as a file is taken even if hidden or ignored.
/// Symbolic links are followed (the walker detects loops) where they stay inside the root;
/// a link that leads out of it is reported instead.
///
/// A large tree is walked in parallel (`ignore`'s parallel walker), a small one on this
/// thread; either way what is found is sorted afterwards, so the result never depends on
/// which thread saw what first.
pub fn record_files(
    root: &Root,
    paths: &[PathBuf],
) -> Result<(Vec<RecordFile>, Vec<Diagnostic>), DiscoverError> {
    let mut found = Found::default();
    // Links that lead out of the root are reported, and neither read nor walked into.
    let fence = crate::fence::Fence::new(&root.dir);
    let outside = Arc::new(Mutex::new(Vec::<PathBuf>::new()));
    for path in paths {
        let abs = absolute(path);
        if !abs.exists() {
            return Err(DiscoverError::NotFound(path.clone()));
        }
        if !abs.starts_with(&root.dir) {
            return Err(DiscoverError::OutsideRoot {
                path: path.clone(),
                root: root.dir.clone(),
            });
        }
        if abs.is_file() {
            if is_record_name(&abs) {
                found.take(root, &abs);
            }
            continue;
        }
        let mut builder = ignore::WalkBuilder::new(&abs);
        builder
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            // Honour .gitignore even where the records are not (yet) a git repository.
            .require_git(false)
            .ignore(false)
            .parents(true)
            .follow_links(true)
            .filter_entry({
                let (fence, outside) = (fence.clone(), outside.clone());
                move |entry| {
                    let out = entry.path_is_symlink() && !fence.contains(entry.path());
                    if out && let Ok(mut list) = outside.lock() {
                        list.push(entry.path().to_path_buf());
                    }
                    !out
                }
            });
        // A small tree is walked on this thread: the parallel walker's threads cost about a
        // millisecond to start and wind down (an idle one sleeps 1 ms between looks), more
        // than walking a few hundred entries. A tree found larger is walked again in
        // parallel: the thousand entries walked twice take about 5 ms, where the walk of
        // 100 000 records takes 300-500 ms.
        let mut walked = Found::default();
        let mut serial = builder.build();
        serial
            .by_ref()
            .take(SERIAL_WALK_ENTRIES)
            .for_each(|entry| walked.visit(root, entry));
        if serial.next().is_some() {
            let shared = Mutex::new(Found::default());
            builder.build_parallel().visit(&mut Visitors {
                root,
                shared: &shared,
            });
            walked = shared.into_inner().unwrap_or_else(|e| e.into_inner());
        }
        // Which error a thread met first depends on timing: the one reported is the first
        // in a fixed order instead.
        if let Some(source) = walked
            .errors
            .drain(..)
            .min_by_key(|e| (e.to_string(), format!("{e:?}")))
        {
            return Err(DiscoverError::Walk {
                path: path.clone(),
                source,
            });
        }
        found.files.append(&mut walked.files);
        found.unnamed.append(&mut walked.unnamed);
        found.loops.append(&mut walked.loops);
    }
    let Found {
        files: mut out,
        unnamed: mut problems,
        mut loops,
        ..
    } = found;
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    let mut outside = std::mem::take(&mut *outside.lock().unwrap_or_else(|e| e.into_inner()));
    outside.sort();
    outside.dedup();
    // The roster and the checklist are read through the fence themselves, which reports a
    // link out of the root once, as theirs.
    outside.retain(|link| {
        *link != root.checklist
            && *link != root.dir.join(ROSTER_FILE)
            && *link != root.dir.join(BENCHMARKS_FILE)
    });
    for link in outside {
        let name = relative(&root.dir, &link).unwrap_or_else(|| link.display().to_string());
        let problem = if link.is_dir() {
            crate::problem!(ALinkToAFolderOutside)
        } else {
            crate::problem!(ALinkToAFileOutside)
        };
        problems
            .push(Diagnostic::file_level(Severity::Error, name, String::new()).with_text(problem));
    }
    loops.sort();
    loops.dedup();
    for link in loops {
        let name = relative(&root.dir, &link).unwrap_or_else(|| link.display().to_string());
        problems.push(
            Diagnostic::file_level(Severity::Error, name, String::new())
                .with_text(crate::problem!(ALinkToAFolderThat)),
        );
    }
    out.sort();
    out.dedup();
    Ok((out, problems))
}

/// How many entries (files, folders, errors) a walk takes on one thread before it is
/// started again in parallel.
const SERIAL_WALK_ENTRIES: usize = 1000;

/// What a walk found, in the order it came: one per walking thread, merged when the thread
/// ends.
#[derive(Default)]
struct Found {
    files: Vec<RecordFile>,
    /// The files whose names are not UTF-8.
    unnamed: Vec<Diagnostic>,
    /// Links to a folder above them.
    loops: Vec<PathBuf>,
    /// Anything else that stopped the walk somewhere.
    errors: Vec<ignore::Error>,
}

impl Found {
    /// Takes one entry of a walk.
    fn visit(&mut self, root: &Root, entry: Result<ignore::DirEntry, ignore::Error>) {
        match entry {
            // The file type comes from the directory listing (or the followed link), so
            // no file is looked at twice.
            Ok(entry) => {
                let p = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && is_record_name(p) {
                    self.take(root, p);
                }
            }
            // A link back to a folder above it is reported as that link, and the rest of
            // the root is still read.
            Err(e) if let Some(child) = loop_link(&e) => self.loops.push(child),
            // The walk goes on, so that every thread's errors are there to choose from.
            Err(e) => self.errors.push(e),
        }
    }

    /// Takes the file at `p` (a `*.toml` that is not the roster) unless it is the checklist
    /// or an earlier checklist.
    fn take(&mut self, root: &Root, p: &Path) {
        if p == root.checklist {
            return;
        }
        let Some(rel) = p.strip_prefix(&root.dir).ok() else {
            return;
        };
        if is_earlier_checklist(rel) {
            return;
        }
        match rel.to_str() {
            Some(name) => self.files.push(RecordFile {
                name: name.replace(std::path::MAIN_SEPARATOR, "/"),
                path: p.to_path_buf(),
            }),
            None => self.unnamed.push(
                Diagnostic::file_level(
                    Severity::Error,
                    rel.to_string_lossy()
                        .replace(std::path::MAIN_SEPARATOR, "/"),
                    String::new(),
                )
                .with_text(both!("the-file-name-is-not-valid")),
            ),
        }
    }
}

/// Gives each walking thread its own [`Visitor`].
struct Visitors<'a> {
    root: &'a Root,
    shared: &'a Mutex<Found>,
}

impl<'s> ignore::ParallelVisitorBuilder<'s> for Visitors<'s> {
    fn build(&mut self) -> Box<dyn ignore::ParallelVisitor + 's> {
        Box::new(Visitor {
            root: self.root,
            shared: self.shared,
            found: Found::default(),
        })
    }
}

/// One walking thread's findings, kept apart (no lock per entry) and handed over when the
/// thread is done.
struct Visitor<'a> {
    root: &'a Root,
    shared: &'a Mutex<Found>,
    found: Found,
}

impl ignore::ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, entry: Result<ignore::DirEntry, ignore::Error>) -> ignore::WalkState {
        self.found.visit(self.root, entry);
        ignore::WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let mine = std::mem::take(&mut self.found);
        let mut shared = self.shared.lock().unwrap_or_else(|e| e.into_inner());
        shared.files.extend(mine.files);
        shared.unnamed.extend(mine.unnamed);
        shared.loops.extend(mine.loops);
        shared.errors.extend(mine.errors);
    }
}

/// The link of a file-system loop that the walker found, however the error is wrapped.
fn loop_link(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => loop_link(err),
        _ => None,
    }
}

/// `*.toml` except the checklist, the roster and the benchmark register. Judged on the raw bytes of the name, so a
/// non-UTF-8 name is still found (and then reported).
fn is_record_name(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.as_encoded_bytes();
    name.ends_with(b".toml")
        && name != CHECKLIST_FILE.as_bytes()
        && name != ROSTER_FILE.as_bytes()
        && name != BENCHMARKS_FILE.as_bytes()
}

/// `checklists/NAME.toml` relative to the root: an earlier checklist, not a record.
fn is_earlier_checklist(rel: &Path) -> bool {
    let mut parts = rel.components();
    parts
        .next()
        .is_some_and(|c| c.as_os_str() == CHECKLISTS_DIR)
        && parts.count() == 1
}

/// The earlier checklists of the root (`checklists/*.toml`, hidden files skipped), sorted
/// by name: none under `--checklist FILE`, which means "use this one checklist".
pub fn earlier_checklists(root: &Root, own_checklist: bool) -> Vec<RecordFile> {
    if own_checklist {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(root.dir.join(CHECKLISTS_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<RecordFile> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (name.ends_with(".toml") && !name.starts_with('.')).then(|| RecordFile {
                name: format!("{CHECKLISTS_DIR}/{name}"),
                path: e.path(),
            })
        })
        .collect();
    out.sort();
    out
}

/// `path` relative to `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
