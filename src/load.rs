//! The first half of the pipeline: discovered files → checklist, roster and validated
//! records, with every diagnostic found on the way.
//!
//! Records are read and validated in parallel (rayon) and collected in the sorted file order,
//! then sorted by (org, branch, period), so the result never depends on thread timing or on
//! the file system's order.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::discover::{self, DiscoverError, ROSTER_FILE, Root};
use crate::record::Record;
use crate::roster::Roster;

/// Everything read from a records root.
#[derive(Debug)]
pub struct Loaded {
    pub root: Root,
    pub checklist: Checklist,
    pub roster: Option<Roster>,
    /// Valid records, sorted by (org, branch, period).
    pub records: Vec<Record>,
    /// Every problem found, sorted by (file, line, column).
    pub diagnostics: Vec<Diagnostic>,
    /// How many record files were read.
    pub files: usize,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why nothing could be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Discover(#[from] DiscoverError),
    /// The checklist (or roster) is invalid: records cannot be judged against it.
    #[error("the checklist is invalid")]
    Definition(Vec<Diagnostic>),
}

/// Loads the checklist, the roster and every record below `paths`.
pub fn load(paths: &[PathBuf], checklist: Option<&Path>) -> Result<Loaded, LoadError> {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = discover::find_root(&first, checklist)?;
    let files = discover::record_files(&root, paths)?;
    let checklist_name = discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    let checklist_file =
        read_source(&root.checklist, checklist_name).map_err(|d| LoadError::Definition(vec![d]))?;
    let checklist = Checklist::parse(checklist_file).map_err(LoadError::Definition)?;

    let mut diagnostics = Vec::new();
    let roster_path = root.dir.join(ROSTER_FILE);
    let roster = if roster_path.is_file() {
        match read_source(&roster_path, ROSTER_FILE.to_string()) {
            Ok(file) => match Roster::parse(file) {
                Ok(r) => Some(r),
                Err(d) => return Err(LoadError::Definition(d)),
            },
            Err(d) => return Err(LoadError::Definition(vec![d])),
        }
    } else {
        None
    };

    let parsed: Vec<(Option<Record>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|rel| match read_source(&root.dir.join(rel), rel.clone()) {
            Ok(file) => Record::parse(file, &checklist, Some(&root.dir)),
            Err(d) => (None, vec![d]),
        })
        .collect();
    let mut records = Vec::with_capacity(parsed.len());
    for (record, diags) in parsed {
        diagnostics.extend(diags);
        records.extend(record);
    }
    let records = reject_duplicates(records, &mut diagnostics);
    if let Some(roster) = &roster {
        for r in &records {
            if let Some(problem) = roster.outside(&r.org, &r.branch, &r.period) {
                diagnostics.push(Diagnostic::file_level(
                    Severity::Warning,
                    r.file.clone(),
                    format!("{problem}: the record is left out of compliance rates"),
                ));
            }
        }
    }
    diagnostics.sort();
    Ok(Loaded {
        root,
        checklist,
        roster,
        records,
        diagnostics,
        files: files.len(),
    })
}

/// Two files for the same (org, branch, period) cannot both be right: both are reported,
/// each naming the other, and neither is scored.
fn reject_duplicates(mut records: Vec<Record>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Record> {
    records.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut groups: BTreeMap<(String, String, String), Vec<String>> = BTreeMap::new();
    for r in &records {
        groups
            .entry((r.org.clone(), r.branch.clone(), r.period.clone()))
            .or_default()
            .push(r.file.clone());
    }
    let mut rejected = Vec::new();
    for ((org, branch, period), files) in groups {
        if files.len() < 2 {
            continue;
        }
        for f in &files {
            let others: Vec<&str> = files
                .iter()
                .filter(|o| *o != f)
                .map(String::as_str)
                .collect();
            diagnostics.push(Diagnostic::file_level(
                Severity::Error,
                f.clone(),
                format!(
                    "duplicate record for {org} / {branch} / {period}: also in {}",
                    others.join(", ")
                ),
            ));
            rejected.push(f.clone());
        }
    }
    records.retain(|r| !rejected.contains(&r.file));
    records
}

/// Reads a file as UTF-8 text. Unreadable or non-UTF-8 files become diagnostics.
pub fn read_source(path: &Path, name: String) -> Result<Arc<SourceFile>, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::file_level(
            Severity::Error,
            name.clone(),
            format!("cannot read the file: {e}"),
        )
    })?;
    source_from_bytes(name, bytes)
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
            let mut d = Diagnostic::file_level(
                Severity::Error,
                name,
                format!("the file is not valid UTF-8 (byte {valid}); save it as UTF-8"),
            );
            d.line = line;
            d.column = column;
            Err(d)
        }
    }
}
