//! The first half of the pipeline: discovered files → checklist, roster and validated
//! records, with every diagnostic found on the way.
//!
//! Records are read and validated in parallel (rayon) and collected in the sorted file order,
//! then sorted by (org, branch, period), so the result never depends on thread timing or on
//! the file system's order.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::discover::{self, BENCHMARKS_FILE, DiscoverError, ROSTER_FILE, Root};
use crate::fence::{self, Fence};
use crate::git::{GitError, Repo};
use crate::read::checklist::{CHECKLIST_FILE, Checklist, Checklists};
use crate::read::record::{Kept, Record};
use crate::read::register::Register;
use crate::read::roster::Roster;

mod versions;
pub use versions::{Versions, versions_of};

/// Everything read from a records root. `R` is what is kept of each valid record: the whole
/// [`Record`], or (for a command that judges records as they are read) what `load_at_with`'s
/// `keep` made of it.
#[derive(Debug)]
pub struct Loaded<R = Record> {
    pub root: Root,
    pub checklist: Checklist,
    /// The earlier checklists (`checklists/*.toml`, SPEC §11.11), sorted by file; empty for
    /// a root with one checklist and under `--checklist FILE`.
    pub earlier: Vec<Checklist>,
    /// The files of the checklists: the root's (or `--checklist FILE`), then the earlier.
    pub checklist_names: Vec<String>,
    pub roster: Option<Roster>,
    /// roster.toml exists but is invalid: compliance cannot be computed.
    pub roster_invalid: bool,
    /// The benchmark register (benchmarks.toml, SPEC §12.4) when it exists and is valid; an
    /// invalid one's errors are among `diagnostics`.
    pub register: Option<Register>,
    /// Valid records, sorted by (org, branch, period).
    pub records: Vec<R>,
    /// Every problem found, sorted by (file, line, column).
    pub diagnostics: Vec<Diagnostic>,
    /// How many record files were read.
    pub files: usize,
    /// Record files left out because they are invalid (errors, or a duplicate), sorted by
    /// file: what a report must not pass over in silence.
    pub invalid: Vec<InvalidRecord>,
}

/// A record file left out as invalid, and whose record it is when that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidRecord {
    pub file: String,
    pub who: Option<crate::read::record::Identity>,
}

impl<R> Loaded<R> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The checklist of the root and the earlier ones: each record's is the one covering
    /// its period.
    pub fn checklists(&self) -> Checklists<'_> {
        Checklists::new(&self.checklist, &self.earlier)
    }
}

/// Why nothing could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    #[error(transparent)]
    Git(#[from] GitError),
    /// The checklist is invalid: records cannot be judged against it.
    #[error("the checklist is invalid")]
    Definition(Vec<Diagnostic>),
}

/// Loads the checklist, the roster and every record below `paths` in the working tree.
pub fn load(paths: &[PathBuf], checklist: Option<&Path>) -> Result<Loaded, LoadError> {
    load_at(paths, checklist, None)
}

/// A file to read: from disk (inside the records root, or anywhere for `--checklist FILE`),
/// or already read (from git).
enum Input {
    Inside(PathBuf),
    /// A record file inside the root, by its name (`/`-separated, relative to the root): a
    /// million paths held while the records are read would be a hundred megabytes.
    Record,
    Disk(PathBuf),
    Bytes(Vec<u8>),
}

impl Input {
    fn source(self, name: String, fence: &Fence) -> Result<Arc<SourceFile>, Diagnostic> {
        match self {
            Input::Inside(path) => read_source_inside(fence, &path, name),
            Input::Record => {
                let path = fence.root().join(&name);
                read_source_inside(fence, &path, name)
            }
            Input::Disk(path) => read_source(&path, name),
            Input::Bytes(bytes) => source_from_bytes(name, bytes),
        }
    }
}

/// Loads as [`load`], or as the files are in git revision `at`. The records root is found
/// in the working tree (it must lie in a git work tree); its checklist, roster and records
/// are then read from the revision. `--checklist` still names a file on disk.
pub fn load_at(
    paths: &[PathBuf],
    checklist: Option<&Path>,
    at: Option<&str>,
) -> Result<Loaded, LoadError> {
    load_at_with(paths, checklist, at, &|_, record| record)
}

/// Loads as [`load_at`], keeping of each valid record what `keep` makes of it, as soon as it
/// is read and on the thread that read it: a command that needs only a record's verdict
/// scores it there and keeps a [`crate::read::record::Lean`] record and the verdict, so the
/// records' values are never all held at once (memory bounded by what the output needs).
/// `keep` is given the checklists, so it can pick the record's own (SPEC §11.11).
pub fn load_at_with<R: Kept>(
    paths: &[PathBuf],
    checklist: Option<&Path>,
    at: Option<&str>,
    keep: &(dyn Fn(Checklists<'_>, Record) -> R + Sync),
) -> Result<Loaded<R>, LoadError> {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = discover::find_root(&first, checklist)?;
    let checklist_name = discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    // The roster and the register (SPEC §12.4), each if the root has it.
    let (files, checklist_input, beside, earlier_inputs, mut diagnostics) = match at {
        None => {
            let (files, mut diagnostics) = discover::record_files(&root, paths)?;
            // An import stopped part-way (power cut, kill -9) leaves its journal: until the
            // next import completes or undoes it, some of the sheet's records may be missing.
            if root.dir.join(crate::discover::JOURNAL_DIR).exists() {
                diagnostics.push(
                    Diagnostic::file_level(
                        Severity::Warning,
                        crate::discover::JOURNAL_DIR,
                        String::new(),
                    )
                    .with_text(problem!(AnInterruptedImportLeftThisJournal)),
                );
            }
            let files: Vec<(String, Input)> = files
                .into_iter()
                .map(|f| {
                    // The path is the root's joined with the name (see `Input::Record`).
                    debug_assert_eq!(f.path, root.dir.join(&f.name));
                    (f.name, Input::Record)
                })
                .collect();
            let roster_path = root.dir.join(ROSTER_FILE);
            let roster = roster_path.is_file().then_some(Input::Inside(roster_path));
            let register_path = root.dir.join(BENCHMARKS_FILE);
            let register = register_path
                .is_file()
                .then_some(Input::Inside(register_path));
            let checklist_input = match checklist {
                Some(_) => Input::Disk(root.checklist.clone()),
                None => Input::Inside(root.checklist.clone()),
            };
            let earlier = discover::earlier_checklists(&root, checklist.is_some())
                .into_iter()
                .map(|f| (f.name, Input::Inside(f.path)))
                .collect();
            (
                files,
                Some(checklist_input),
                (roster, register),
                earlier,
                diagnostics,
            )
        }
        Some(rev) => {
            let (files, checklist_bytes, (roster, register), earlier) =
                from_git(&root, paths, rev, checklist.is_some())?;
            let checklist_input = match checklist {
                Some(_) => Some(Input::Disk(root.checklist.clone())),
                None => checklist_bytes.map(Input::Bytes),
            };
            let earlier = earlier
                .into_iter()
                .map(|(name, bytes)| (name, Input::Bytes(bytes)))
                .collect();
            (
                files,
                checklist_input,
                (roster.map(Input::Bytes), register.map(Input::Bytes)),
                earlier,
                Vec::new(),
            )
        }
    };
    let (roster_input, register_input) = beside;
    let Some(checklist_input) = checklist_input else {
        return Err(LoadError::Definition(vec![
            Diagnostic::file_level(Severity::Error, checklist_name, String::new()).with_text(
                problem!(ThereIsNoChecklistHereIn {
                    rev: at.unwrap_or("HEAD")
                }),
            ),
        ]));
    };
    let fence = Fence::new(&root.dir);
    let versions::Versions {
        current: checklist,
        earlier,
        names: checklist_names,
    } = versions::read_checklists(checklist_name, checklist_input, earlier_inputs, &fence)?;
    let set = Checklists::new(&checklist, &earlier);

    // An invalid roster does not stop scoring (it only matters for compliance); its errors
    // are reported and `roster_invalid` tells compliance not to guess a population.
    let mut roster_invalid = false;
    let roster = match roster_input.map(|i| {
        i.source(ROSTER_FILE.to_string(), &fence)
            .map_err(|d| vec![d])
            .and_then(Roster::parse)
    }) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(d)) => {
            diagnostics.extend(d);
            roster_invalid = true;
            None
        }
    };

    // An invalid register, like an invalid roster, leaves the records to be scored; its
    // errors are reported (check exits 2) and no view shows it.
    let register = match register_input.map(|i| {
        i.source(BENCHMARKS_FILE.to_string(), &fence)
            .map_err(|d| vec![d])
            .and_then(Register::parse)
    }) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(d)) => {
            diagnostics.extend(d);
            None
        }
    };

    // Evidence is looked for on disk only when reading the working tree.
    let evidence_root = at.is_none().then_some(root.dir.as_path());
    let count = files.len();
    // One slot per file, in lists allocated once at their full length: a list grown as
    // records arrive would hold up to three times its records while it is copied, which at
    // a million records is most of the memory. Problems are boxed beside (most files have
    // none), and the records are then moved into place without a copy of the list.
    let read = |(name, input): (String, Input)| match input.source(name.clone(), &fence) {
        Ok(file) => {
            let (record, who, diags) =
                versions::parse_record(file, set, &checklist_names, evidence_root);
            let invalid = (record.is_none() && diags.iter().any(Diagnostic::is_error))
                .then_some(InvalidRecord { file: name, who });
            let problems = (invalid.is_some() || !diags.is_empty())
                .then(|| Box::new(Problems { invalid, diags }));
            (record.map(|r| keep(set, r)), problems)
        }
        Err(d) => {
            let invalid = d.is_error().then_some(InvalidRecord {
                file: name,
                who: None,
            });
            (
                None,
                Some(Box::new(Problems {
                    invalid,
                    diags: vec![d],
                })),
            )
        }
    };
    let (mut slots, mut problems): (Vec<Option<R>>, Vec<Option<Box<Problems>>>) =
        (Vec::new(), Vec::new());
    // A handful of files (a branch secretary's one record) is read on this thread: starting
    // the thread pool would cost more than reading them.
    if count < 16 {
        (slots, problems) = files.into_iter().map(read).unzip();
    } else {
        files
            .into_par_iter()
            .map(read)
            .unzip_into_vecs(&mut slots, &mut problems);
    }
    // In place: an `Option` of a record takes the record's bytes, and `filter_map` (unlike
    // `flatten`) lets the standard library reuse the list's buffer.
    #[allow(clippy::filter_map_identity)]
    let records: Vec<R> = slots.into_iter().filter_map(|r| r).collect();
    let mut invalid = Vec::new();
    for p in problems.into_iter().flatten() {
        let Problems { invalid: i, diags } = *p;
        invalid.extend(i);
        diagnostics.extend(diags);
    }
    let (records, duplicates) = reject_duplicates(records, &mut diagnostics);
    // The duplicates, rejected, are invalid too: each names whose record it is.
    invalid.extend(duplicates.into_iter().map(|r| InvalidRecord {
        file: r.file().to_string(),
        who: Some(r.identity()),
    }));
    invalid.sort_by(|a, b| a.file.cmp(&b.file));
    invalid.dedup_by(|a, b| a.file == b.file);
    if let Some(roster) = &roster {
        for r in &records {
            if let Some(problem) = roster.outside(r.org(), r.branch(), r.period()) {
                diagnostics.push(r.at_period(
                    Severity::Warning,
                    problem!(TheRecordIsLeftOutOf { problem }),
                ));
            }
        }
    }
    diagnostics.sort();
    Ok(Loaded {
        root,
        checklist,
        earlier,
        checklist_names,
        roster,
        roster_invalid,
        register,
        records,
        diagnostics,
        files: count,
        invalid,
    })
}

/// What reading one record file found wrong: the file, if it is invalid, and the problems.
struct Problems {
    invalid: Option<InvalidRecord>,
    diags: Vec<Diagnostic>,
}

/// The record files (with their contents), the checklist and the roster of the records root
/// as they are in `rev`. Hidden files are skipped as on disk; git-ignored files are not in a
/// commit to begin with.
#[allow(clippy::type_complexity)]
fn from_git(
    root: &Root,
    paths: &[PathBuf],
    rev: &str,
    own_checklist: bool,
) -> Result<
    (
        Vec<(String, Input)>,
        Option<Vec<u8>>,
        (Option<Vec<u8>>, Option<Vec<u8>>),
        Vec<(String, Vec<u8>)>,
    ),
    LoadError,
> {
    let repo = Repo::discover(&root.dir)?;
    let commit = repo.resolve(rev)?;
    let prefix = repo.prefix()?;
    let mut names: Vec<String> = Vec::new();
    for path in paths {
        let abs = crate::fence::absolute(path);
        let rel = abs
            .strip_prefix(&root.dir)
            .map_err(|_| DiscoverError::OutsideRoot {
                path: path.clone(),
                root: root.dir.clone(),
            })?;
        let rel = discover::relative(Path::new(""), rel).unwrap_or_default();
        let below = if rel.is_empty() {
            prefix.clone()
        } else {
            format!("{prefix}{rel}")
        };
        for full in repo.list(&commit, &below)? {
            let Some(name) = full.strip_prefix(&prefix) else {
                continue;
            };
            let file = name.rsplit('/').next().unwrap_or(name);
            let hidden = name.split('/').any(|part| part.starts_with('.'));
            if hidden
                || !file.ends_with(".toml")
                || file == CHECKLIST_FILE
                || file == ROSTER_FILE
                || file == BENCHMARKS_FILE
                || versions::is_earlier_checklist(name)
            {
                continue;
            }
            names.push(name.to_string());
        }
    }
    names.sort();
    names.dedup();
    // The earlier checklists of the revision (none under `--checklist FILE`).
    let earlier = if own_checklist {
        Vec::new()
    } else {
        versions::in_git(&repo, &commit, &prefix)?
    };
    let mut wanted: Vec<String> = names.iter().map(|n| format!("{prefix}{n}")).collect();
    wanted.push(format!("{prefix}{CHECKLIST_FILE}"));
    wanted.push(format!("{prefix}{ROSTER_FILE}"));
    wanted.push(format!("{prefix}{BENCHMARKS_FILE}"));
    let mut blobs = repo.read(&commit, &wanted)?;
    let register = blobs.pop().flatten();
    let roster = blobs.pop().flatten();
    let checklist = blobs.pop().flatten();
    let checklist = if own_checklist { None } else { checklist };
    let files = names
        .into_iter()
        .zip(blobs)
        .filter_map(|(name, blob)| blob.map(|b| (name, Input::Bytes(b))))
        .collect();
    Ok((files, checklist, (roster, register), earlier))
}

/// Two files for the same (org, branch, period) cannot both be right: both are reported,
/// each naming the other, and neither is scored.
fn reject_duplicates<R: Kept>(
    mut records: Vec<R>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<R>, Vec<R>) {
    // In parallel: at a million records the sort is the longest serial step left.
    records.par_sort_unstable_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Sorted by (org, branch, period, file): duplicates are neighbours. (Unstable is fine:
    // the file makes every key unique.)
    fn key<R: Kept>(r: &R) -> (&str, &str, &str) {
        (r.org(), r.branch(), r.period())
    }
    let mut rejected = vec![false; records.len()];
    let mut start = 0;
    while start < records.len() {
        let mut end = start + 1;
        while end < records.len() && key(&records[end]) == key(&records[start]) {
            end += 1;
        }
        if end - start > 1 {
            for i in start..end {
                let others: Vec<&str> = (start..end)
                    .filter(|&j| j != i)
                    .map(|j| records[j].file())
                    .collect();
                let r = &records[i];
                let message = problem!(DuplicateRecordForAlsoIn {
                    org: r.org(),
                    branch: r.branch(),
                    period: r.period(),
                    others: others.join(", ")
                });
                diagnostics.push(r.at_period(Severity::Error, message));
                rejected[i] = true;
            }
        }
        start = end;
    }
    let (mut kept, mut duplicates) = (Vec::with_capacity(records.len()), Vec::new());
    for (record, rejected) in records.into_iter().zip(rejected) {
        if rejected {
            duplicates.push(record);
        } else {
            kept.push(record);
        }
    }
    kept.shrink_to_fit();
    (kept, duplicates)
}

/// Reads a file as UTF-8 text. Unreadable or non-UTF-8 files become diagnostics.
pub fn read_source(path: &Path, name: String) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file_level(Severity::Error, name.clone(), String::new())
            .with_text(problem!(CannotReadTheFile { e }))
    })?;
    source_from_bytes(name, bytes)
}

/// Reads a file of the records root (a record, the roster, the root's checklist) as
/// [`read_source`] does, refusing one whose real path lies outside the root (a link to
/// `/etc/passwd` would otherwise be shown line by line in parser errors).
pub fn read_source_inside(
    fence: &Fence,
    path: &Path,
    name: String,
) -> Result<Arc<SourceFile>, Diagnostic> {
    match fence.read(path) {
        Ok(bytes) => source_from_bytes(name, bytes),
        Err(fence::ReadError::Outside) => {
            Err(Diagnostic::file_level(Severity::Error, name, String::new())
                .with_text(problem!(ALinkToAFileOutside)))
        }
        Err(fence::ReadError::Io(e)) => {
            Err(Diagnostic::file_level(Severity::Error, name, String::new())
                .with_text(problem!(CannotReadTheFile { e })))
        }
    }
}

/// UTF-8 text from bytes, or a diagnostic at the first invalid byte. A UTF-8 byte-order
/// mark (as Windows editors write) is dropped.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => {
            let text = text
                .strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text);
            Ok(SourceFile::new(name, text))
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            let probe = SourceFile::new(name.clone(), prefix);
            let (line, column) = probe.position(valid);
            let mut d = Diagnostic::file_level(Severity::Error, name, String::new())
                .with_text(problem!(TheFileIsNotValidUtf { valid }));
            d.line = line;
            d.column = column;
            Err(d)
        }
    }
}
