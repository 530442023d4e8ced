//! `audit import`: records from the office spreadsheet, all rows or nothing. The steps: read
//! the sheet, lock the root, load it, parse the sheet against the checklist, plan every
//! write (each planned record checked as `audit check` would), then write them as one batch.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::app::{self, Error, IfInvalid};
use crate::cmd::records::{Homes, RecordKey, record_headers, shown_path};
use crate::diagnostic::{Diagnostic, Severity};
use crate::discover;
use crate::i18n::tr;
use crate::output;
use crate::read::checklist::Checklist;
use crate::read::grid::{self, SheetRecord};
use crate::read::load::Loaded;
use crate::read::record::Record;
use crate::read::workbook;

pub struct Config {
    /// The sheet: .csv or .xlsx.
    pub file: PathBuf,
    /// The worksheet to read from a workbook [default: the first].
    pub sheet: Option<String>,
    /// Replace values that records already have.
    pub force: bool,
    /// The checklist to use instead of the root's.
    pub checklist: Option<PathBuf>,
    /// The records root, or a folder inside it (new records go below it).
    pub dir: PathBuf,
}

pub fn run(config: &Config) -> app::Result<()> {
    let Config {
        file,
        sheet,
        force,
        checklist,
        dir,
    } = config;
    // The whole records root, not only `dir`: an existing record elsewhere in it must be
    // found, never duplicated.
    let root = discover::find_root(dir, checklist.as_deref())?;
    let grid = workbook::read_grid(file, sheet.as_deref())?;
    // Read, plan and write under the root's lock, after finishing (or undoing) whatever an
    // interrupted import left: the records planned from are the records written over.
    let lock = output::RootLock::take(&root.dir)?;
    if let Some(done) = output::recover(&lock)? {
        output::tell(format_args!("{done}"));
    }
    let loaded = app::load_or_report(
        std::slice::from_ref(&root.dir),
        checklist.as_deref(),
        None,
        IfInvalid::Tell(tr("the-checklist-is-invalid")),
        &|_, r| r,
    )?;
    refuse_damaged_root(&loaded)?;
    let checklist = sheet_checklist(&loaded, &grid)?;
    let records = grid::parse_grid(checklist, &grid).map_err(|diags| {
        app::print_diagnostics_only(&diags);
        output::tell(format_args!("{}", tr("nothing-was-imported-fix-the-sheet")));
        Error::Reported
    })?;
    let Plan { writes, problems } = plan(&loaded, checklist, &records, dir, *force)?;
    if !problems.is_empty() {
        app::print_diagnostics_only(&row_problems(&grid.name, problems));
        output::tell(format_args!("{}", tr("nothing-was-imported")));
        return Err(Error::Reported);
    }
    output::write_batch(&lock, &writes)?;
    let updated = writes.iter().filter(|w| w.old.is_some()).count();
    summary(
        grid.rows.len().saturating_sub(1),
        &grid.name,
        writes.len() - updated,
        updated,
        records.len() - writes.len(),
    )
}

/// Problems of the root beyond single records (a link out of it, a name that is not UTF-8,
/// the roster) hide where records live: a sheet is not merged into such a root, or its rows
/// could land beside records that discovery could not see.
fn refuse_damaged_root(loaded: &Loaded) -> app::Result<()> {
    let root_problems: Vec<Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !loaded.invalid.iter().any(|i| i.file == d.file))
        .cloned()
        .collect();
    if root_problems.is_empty() {
        return Ok(());
    }
    app::print_diagnostics_only(&root_problems);
    output::tell(format_args!(
        "{}",
        tr("nothing-was-imported-fix-the-records")
    ));
    Err(Error::Reported)
}

/// What an import would do.
struct Plan {
    /// The files the sheet's records become (only those that change).
    writes: Vec<output::Planned>,
    /// The problems that stop the import, each with its sheet row.
    problems: Vec<(usize, String)>,
}

/// Plans every write, checking each planned record as `audit check` would.
/// The checklist a sheet is read against: the one covering the periods of its rows (SPEC
/// §11.11). A sheet has the columns of one checklist, so rows of periods of several
/// versions, or of a period none covers, are refused before anything is read.
fn sheet_checklist<'l>(loaded: &'l Loaded, grid: &grid::Grid) -> app::Result<&'l Checklist> {
    let set = loaded.checklists();
    if !set.several() && set.current.versioning.periods.is_none() {
        return Ok(&loaded.checklist);
    }
    let mut used: Vec<&Checklist> = Vec::new();
    for period in grid.periods() {
        let Some(c) = set.for_period(&period) else {
            let ranges = set.ranges(&loaded.checklist_names);
            return Err(app::invalid(
                crate::i18n::Shown(crate::problem!(NoChecklistCoversPeriod { period, ranges }))
                    .to_string(),
            ));
        };
        if !used.iter().any(|u| std::ptr::eq(*u, c)) {
            used.push(c);
        }
    }
    if used.len() > 1 {
        let versions: Vec<&str> = used
            .iter()
            .map(|c| c.version.as_deref().unwrap_or(""))
            .collect();
        return Err(app::invalid(t!(
            "the-sheet-s-rows-span-versions",
            versions = versions.join(", ")
        )));
    }
    Ok(used.first().copied().unwrap_or(&loaded.checklist))
}

fn plan(
    loaded: &Loaded,
    checklist: &Checklist,
    records: &[SheetRecord],
    dir: &Path,
    force: bool,
) -> app::Result<Plan> {
    let mut problems: Vec<(usize, String)> = Vec::new();
    let mut writes: Vec<output::Planned> = Vec::new();
    let target_dir = crate::fence::absolute(dir);
    let mut targets: std::collections::BTreeMap<PathBuf, usize> = std::collections::BTreeMap::new();
    let valid: HashMap<(&str, &str, &str), &Record> = loaded
        .records
        .iter()
        .map(|r| ((r.org.as_str(), r.branch.as_str(), r.period.as_str()), r))
        .collect();
    let headers = record_headers(&loaded.root)?;
    let homes = Homes::of(&loaded.root.dir, &headers);
    // New records go below the folder named (where it is inside the root).
    let base = if target_dir.starts_with(&loaded.root.dir) {
        &target_dir
    } else {
        &loaded.root.dir
    };
    for sr in records {
        let existing = valid
            .get(&(sr.org.as_str(), sr.branch.as_str(), sr.period.as_str()))
            .copied();
        let (path, text) = match existing {
            Some(r) => {
                let path = loaded.root.dir.join(&r.file);
                let text = std::fs::read_to_string(&path)
                    .with_context(|| t!("cannot-read-path", path = r.file))?;
                (path, Some(text))
            }
            None => match new_target(loaded, &headers, &homes, base, sr) {
                Ok(path) => (path, None),
                Err(problem) => {
                    problems.push((sr.row, problem));
                    continue;
                }
            },
        };
        // Two rows' records whose names fold to the same folder must not overwrite each other.
        if let Some(other) = targets.insert(path.clone(), sr.row) {
            problems.push((
                sr.row,
                t!(
                    "and-the-record-of-row-would",
                    org = sr.org,
                    branch = sr.branch,
                    period = sr.period,
                    other = other,
                    file = shown_path(&path)
                ),
            ));
            continue;
        }
        let update = match crate::author::apply::apply(checklist, sr, text.as_deref().zip(existing))
        {
            Ok(u) => u,
            Err(e) => {
                problems.push((sr.row, e));
                continue;
            }
        };
        problems.extend(update.refused.iter().cloned());
        if !force {
            for (row, change) in &update.changes {
                problems.push((
                    *row,
                    t!(
                        "pass-force-to-replace-it",
                        file = shown_path(&path),
                        change = change
                    ),
                ));
            }
        }
        // The written text must itself be a valid record: checked with the same validation
        // as `audit check`, before anything is written.
        let name = discover::relative(&loaded.root.dir, &path).unwrap_or_default();
        let (_, diags) = Record::parse(
            crate::diagnostic::SourceFile::new(name, update.text.clone()),
            checklist,
            Some(&loaded.root.dir),
        );
        for d in diags.iter().filter(|d| d.is_error()) {
            problems.push((
                sr.row,
                t!("the-record-would-be-invalid", problem = d.shown()),
            ));
        }
        if text.as_deref() != Some(update.text.as_str()) {
            writes.push(output::Planned {
                path,
                bytes: update.text.into_bytes(),
                old: text.map(String::into_bytes),
            });
        }
    }
    Ok(Plan { writes, problems })
}

/// Where the record of a sheet row that has no valid record yet goes, or why it cannot.
fn new_target(
    loaded: &Loaded,
    headers: &HashMap<RecordKey, discover::RecordFile>,
    homes: &Homes,
    base: &Path,
    sr: &SheetRecord,
) -> Result<PathBuf, String> {
    // A record that does not load yet (a blank form, an error) is still this branch's:
    // importing beside it would make a duplicate.
    let key = (sr.org.clone(), sr.branch.clone(), sr.period.clone());
    if let Some(file) = headers.get(&key) {
        return Err(t!(
            "has-a-record-that-is-not",
            org = sr.org,
            branch = sr.branch,
            period = sr.period,
            file = file.name
        ));
    }
    let path = homes.place(base, &sr.org, &sr.branch, &sr.period);
    if !path.exists() {
        return Ok(path);
    }
    let holder = loaded
        .records
        .iter()
        .find(|r| loaded.root.dir.join(&r.file) == path)
        .map_or(tr("a-file-that-is-not-a"), |r| {
            t!(
                "the-record-of",
                org = r.org,
                branch = r.branch,
                period = r.period
            )
        });
    Err(t!(
        "would-go-to-which-holds",
        org = sr.org,
        branch = sr.branch,
        period = sr.period,
        file = shown_path(&path),
        holder = holder
    ))
}

/// The problems of sheet rows as diagnostics of the sheet, in row order (then by message),
/// each naming its row, without a column: the row as a whole is refused. In the interface
/// language: these go to people only, never to JSON.
fn row_problems(sheet: &str, mut problems: Vec<(usize, String)>) -> Vec<Diagnostic> {
    problems.sort();
    problems
        .into_iter()
        .map(|(row, problem)| Diagnostic {
            severity: Severity::Error,
            file: sheet.to_string(),
            line: row,
            column: 0,
            message: t!("row", row = row, problem = problem),
            code: None,
            localized: None,
            snippet: None,
        })
        .collect()
}

/// What was imported, on standard output.
fn summary(
    rows: usize,
    file: &str,
    new: usize,
    updated: usize,
    unchanged: usize,
) -> app::Result<()> {
    app::say(format_args!(
        "{}",
        t!(
            "imported-rows-of-new-records-updated",
            rows = rows,
            file = file,
            new = new,
            updated = updated,
            unchanged = unchanged
        )
    ))
}
