//! The first half of the pipeline: discovered files → checklist, roster and validated
//! records, with every diagnostic found on the way.
//!
//! Records are read and validated in parallel (rayon) and collected in the sorted file order,
//! then sorted by (org, branch, period), so the result never depends on thread timing or on
//! the file system's order.

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
    /// roster.toml exists but is invalid: compliance cannot be computed.
    pub roster_invalid: bool,
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
    /// The checklist is invalid: records cannot be judged against it.
    #[error("the checklist is invalid")]
    Definition(Vec<Diagnostic>),
}

/// Loads the checklist, the roster and every record below `paths`.
pub fn load(paths: &[PathBuf], checklist: Option<&Path>) -> Result<Loaded, LoadError> {
    let first = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let root = discover::find_root(&first, checklist)?;
    let (files, mut diagnostics) = discover::record_files(&root, paths)?;
    let checklist_name = discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    let checklist_file =
        read_source(&root.checklist, checklist_name).map_err(|d| LoadError::Definition(vec![d]))?;
    let checklist = Checklist::parse(checklist_file).map_err(LoadError::Definition)?;

    let roster_path = root.dir.join(ROSTER_FILE);
    // An invalid roster does not stop scoring (it only matters for compliance); its errors
    // are reported and `roster_invalid` tells compliance not to guess a population.
    let mut roster_invalid = false;
    let roster = if roster_path.is_file() {
        match read_source(&roster_path, ROSTER_FILE.to_string())
            .map_err(|d| vec![d])
            .and_then(Roster::parse)
        {
            Ok(r) => Some(r),
            Err(d) => {
                diagnostics.extend(d);
                roster_invalid = true;
                None
            }
        }
    } else {
        None
    };

    let parsed: Vec<(Option<Record>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|f| match read_source(&f.path, f.name.clone()) {
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
                diagnostics.push(at_record(
                    r,
                    Severity::Warning,
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
        roster_invalid,
        records,
        diagnostics,
        files: files.len(),
    })
}

/// Two files for the same (org, branch, period) cannot both be right: both are reported,
/// each naming the other, and neither is scored.
fn reject_duplicates(mut records: Vec<Record>, diagnostics: &mut Vec<Diagnostic>) -> Vec<Record> {
    records.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    // Sorted by (org, branch, period, file): duplicates are neighbours.
    let key = |r: &Record| (r.org.clone(), r.branch.clone(), r.period.clone());
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
                    .map(|j| records[j].file.as_str())
                    .collect();
                let r = &records[i];
                let message = format!(
                    "duplicate record for {} / {} / {}: also in {}",
                    r.org,
                    r.branch,
                    r.period,
                    others.join(", ")
                );
                diagnostics.push(at_record(r, Severity::Error, message));
                rejected[i] = true;
            }
        }
        start = end;
    }
    let mut keep = rejected.into_iter().map(|r| !r);
    records.retain(|_| keep.next().unwrap_or(true));
    records
}

/// A problem found across files, placed at the record's `period` line.
fn at_record(r: &Record, severity: Severity, message: String) -> Diagnostic {
    let mut d = r.anchor.clone();
    d.severity = severity;
    d.message = message;
    d
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
