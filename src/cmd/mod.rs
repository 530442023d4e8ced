//! The edge of the program: validated options in, exit status out. This is the only module
//! that prints to stderr; results go through the renderers.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::anyhow;

pub mod authoring;
use crate::aggregate::compliance::{self, ComplianceRow};
use crate::aggregate::diff;
use crate::aggregate::views;
use crate::cli::{Cli, Command, DenyArg, Filters, LevelArg, OutputArgs, Paths, StatusArg, ViewArg};
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::i18n::{Text, Word, tr};
use crate::output;
use crate::points::Rate;
use crate::read::checklist::Checklist;
use crate::read::load::{self, LoadError, Loaded};
use crate::read::record::Record;
use crate::render::{self, CheckReport, Format, GateResult, ReportViews, ScoreReport};
use crate::score::{self, Detail, LevelChoice, Scored, Status};

/// How a run ended, mapped to the exit codes of SPEC §5.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 0
    Success,
    /// 1: a gate of `check` failed.
    GateFailed,
    /// 2: invalid input (the diagnostics were printed).
    Invalid,
}

impl Outcome {
    pub fn code(self) -> i32 {
        match self {
            Outcome::Success => 0,
            Outcome::GateFailed => 1,
            Outcome::Invalid => 2,
        }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let (lang, unknown) = crate::i18n::choose(cli.lang.as_deref());
    crate::i18n::set(lang);
    match unknown {
        Some(crate::i18n::UnknownLang::Flag(name)) => {
            return Err(anyhow!(
                "{}",
                t!("unknown language '{lang}'; known: en, zh", lang = name)
            ));
        }
        Some(crate::i18n::UnknownLang::Env(name)) => crate::output::tell(format_args!(
            "{}: {}",
            tr("warning"),
            t!(
                "AUDIT_LANG: unknown language '{lang}'; known: en, zh; continuing in English",
                lang = name
            )
        )),
        None => {}
    }
    match cli.command {
        Command::Score {
            paths,
            items,
            level,
            filters,
            status,
            output,
        } => score_cmd(&paths, items, level, &filters, &status, &output),
        Command::Explain {
            file,
            level,
            checklist,
            at,
            output,
        } => explain_cmd(&file, level, checklist.as_deref(), at.as_deref(), &output),
        Command::Check {
            paths,
            deny,
            min_compliance,
            target,
            ratchet,
            filters,
            output,
        } => check_cmd(
            &paths,
            &Gates {
                deny: &deny,
                min_compliance: min_compliance.as_deref(),
                target,
                ratchet: ratchet.as_deref(),
            },
            &filters,
            &output.into(),
        ),
        Command::Diff {
            from,
            to,
            all,
            dir,
            filters,
            output,
        } => diff_cmd(from.as_deref(), to.as_deref(), all, &dir, &filters, &output),
        Command::Init { dir, force } => authoring::init_cmd(&dir, force),
        Command::New {
            org,
            branch,
            period,
            level,
            from,
            output,
            force,
            root,
        } => authoring::new_cmd(
            org.as_deref(),
            branch.as_deref(),
            period.as_deref(),
            level,
            from.as_deref(),
            output.as_deref(),
            force,
            root.checklist.as_deref(),
            &root.dir,
        ),
        Command::Import {
            file,
            sheet,
            force,
            root,
        } => authoring::import_cmd(
            &file,
            sheet.as_deref(),
            force,
            root.checklist.as_deref(),
            &root.dir,
        ),
        Command::ExportSheet {
            paths,
            filters,
            format,
            output,
            force,
            bom,
        } => authoring::export_sheet_cmd(&paths, &filters, format, output.as_deref(), force, bom),
        Command::Schema { kind, root } => {
            authoring::schema_cmd(kind, root.checklist.as_deref(), &root.dir)
        }
        Command::Completions { shell } => authoring::completions_cmd(shell),
        Command::Man { output, force } => authoring::man_cmd(output.as_deref(), force),
        Command::Report {
            paths,
            view,
            top,
            partial,
            filters,
            status,
            output,
        } => report_cmd(&paths, &view, top, partial, &filters, &status, &output),
    }
}

fn level_choice(level: Option<LevelArg>) -> LevelChoice {
    level.map_or(LevelChoice::Effective, |l| {
        LevelChoice::Named(crate::cmd::authoring::level_of(l))
    })
}

/// Loads, printing diagnostics to stderr. `Err(Outcome::Invalid)` when nothing can be
/// scored at all (no checklist, invalid checklist).
/// The `--org` and `--period` filters are checked against what was loaded: one that matches
/// nothing is an error (exit 2), not an empty table. Warnings about records the filters
/// leave out (a branch the roster does not list) are not printed.
fn load_or_report(paths: &Paths, filters: &Filters) -> anyhow::Result<Result<Loaded, Outcome>> {
    match load::load_at(
        &paths.or_here(),
        paths.checklist.as_deref(),
        paths.at.as_deref(),
    ) {
        Ok(loaded) => {
            check_filters(&[&loaded], filters)?;
            print_diagnostics(&shown_diagnostics(&loaded, filters));
            Ok(Ok(loaded))
        }
        Err(LoadError::Definition(diags)) => {
            print_diagnostics_only(&diags);
            crate::output::tell(format_args!(
                "{}",
                tr("the checklist is invalid: nothing was scored")
            ));
            Ok(Err(Outcome::Invalid))
        }
        Err(e) => Err(e.into()),
    }
}

pub(crate) fn print_diagnostics_only(diags: &[Diagnostic]) {
    for d in diags {
        crate::output::tell_raw(format_args!("{d}"));
    }
}

/// Prints diagnostics to stderr, with a closing count for commands that go on without the
/// invalid files (`check` prints its own summary instead).
fn print_diagnostics(diags: &[Diagnostic]) {
    print_diagnostics_only(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        if crate::i18n::zh() {
            crate::output::tell(format_args!(
                "{}",
                t!(
                    "{errors} errors found; invalid files are left out",
                    errors = errors
                )
            ));
        } else {
            crate::output::tell(format_args!(
                "{errors} error{} found; invalid files are left out",
                if errors == 1 { "" } else { "s" }
            ));
        }
    }
}

/// The diagnostics worth showing under `filters`: all errors, and the warnings of records
/// the filters keep.
fn shown_diagnostics(loaded: &Loaded, filters: &Filters) -> Vec<Diagnostic> {
    let excluded: BTreeSet<&str> = loaded
        .records
        .iter()
        .filter(|r| !filters.keeps(r))
        .map(|r| r.file.as_str())
        .collect();
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error() || !excluded.contains(d.file.as_str()))
        .cloned()
        .collect()
}

/// Every `--org` and `--period` must name something the records (or the roster) hold; the
/// error lists the known names and, for an org, the nearest one ("华晋证劵" → "华晋证券").
pub(crate) fn check_filters(states: &[&Loaded], filters: &Filters) -> anyhow::Result<()> {
    let mut orgs = BTreeSet::new();
    let mut periods = BTreeSet::new();
    for loaded in states {
        for r in &loaded.records {
            orgs.insert(r.org.as_str());
            periods.insert(r.period.as_str());
        }
        if let Some(roster) = &loaded.roster {
            orgs.extend(roster.branches.iter().map(|b| b.org.as_str()));
        }
    }
    let mut problems = Vec::new();
    for org in filters.org.iter().filter(|o| !orgs.contains(o.as_str())) {
        let known = known_list(&orgs);
        problems.push(match nearest(org, &orgs) {
            Some(near) => t!(
                "no org named '{org}' (did you mean '{near}'?); known: {known}",
                org = org,
                near = near,
                known = known
            ),
            None => t!(
                "no org named '{org}'; known: {known}",
                org = org,
                known = known
            ),
        });
    }
    for period in filters
        .period
        .iter()
        .filter(|p| !periods.contains(p.as_str()))
    {
        problems.push(t!(
            "no period '{period}'; known: {known}",
            period = period,
            known = known_list(&periods)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(anyhow!("{}", problems.join("\n")))
    }
}

/// Known names for a message: all of them, or the first 20 and how many more.
fn known_list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return tr("(none)");
    }
    let list: Vec<&str> = names.iter().copied().take(20).collect();
    let more = names.len().saturating_sub(20);
    let mut text = list.join(", ");
    if more > 0 {
        text.push_str(&t!(" … ({n} more)", n = more));
    }
    text
}

/// The known name closest to `wanted` in edits of one character, if it is close: at most
/// one edit in four characters (a one-character typo in a four-character Chinese name), and
/// case and surrounding spaces never count.
fn nearest<'a>(wanted: &str, names: &BTreeSet<&'a str>) -> Option<&'a str> {
    let fold = |s: &str| s.trim().to_lowercase().chars().collect::<Vec<char>>();
    let w = fold(wanted);
    names
        .iter()
        .map(|n| (edit_distance(&w, &fold(n)), *n))
        .filter(|(d, n)| *d <= 1.max(n.chars().count() / 4))
        .min()
        .map(|(_, n)| n)
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

pub(crate) fn filter_records<'a>(records: &'a [Record], filters: &Filters) -> Vec<&'a Record> {
    records.iter().filter(|r| filters.keeps(r)).collect()
}

impl Filters {
    /// Whether a record passes the `--org` and `--period` filters.
    pub fn keeps(&self, r: &Record) -> bool {
        (self.org.is_empty() || self.org.contains(&r.org))
            && (self.period.is_empty() || self.period.contains(&r.period))
    }
}

/// Each record scored at every level it has, in `Level::ALL` order: what the levels view
/// compares. In parallel, in input order, like [`score_all`].
fn score_levels<'r>(checklist: &'r Checklist, records: &[&'r Record]) -> Vec<Vec<Scored<'r>>> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|r| {
            crate::read::record::Level::ALL
                .into_iter()
                .filter(|l| r.level(*l).is_some())
                .map(|l| score::score(checklist, r, LevelChoice::Named(l)))
                .collect()
        })
        .collect()
}

/// Scores in parallel; rayon's `collect` keeps the input order, so output is deterministic.
fn score_all<'r>(
    checklist: &'r Checklist,
    records: &[&'r Record],
    choice: LevelChoice,
    detail: Detail,
) -> Vec<Scored<'r>> {
    use rayon::prelude::*;
    records
        .par_iter()
        .map(|r| score::score_with(checklist, r, choice, detail))
        .collect()
}

fn emit(
    output: &OutputArgs,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    emit_heading(output, "audit", render)
}

/// Like [`emit`], with the checklist's title and version in the xlsx heading.
fn emit_with(
    output: &OutputArgs,
    checklist: &Checklist,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let version = checklist
        .version
        .as_deref()
        .map_or(String::new(), |v| t!(" (version {version})", version = v));
    emit_heading(output, &format!("{}{version}", checklist.title), render)
}

fn emit_heading(
    output: &OutputArgs,
    heading: &str,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let format = output.format.unwrap_or(Format::Table);
    if format == Format::Xlsx && output.output.is_none() {
        return Err(anyhow!(
            "{}",
            tr("--format xlsx writes a binary workbook: give the file with -o FILE.xlsx")
        ));
    }
    let wrap = output.output.is_none() && std::io::stdout().is_terminal();
    let heading = t!(
        "{heading} — generated {time}",
        heading = heading,
        time = generated_at()
    );
    let csv = (format == Format::Csv).then(|| render::csv::CsvRenderer::new(output.bom));
    let other;
    let renderer: &dyn render::Renderer = match &csv {
        Some(csv) => csv,
        None => {
            // Only check writes the CI formats (through render::ci), and clap refuses them
            // for every other command: this is a second line of defence.
            other = render::renderer(format, output.bom, wrap, &heading).ok_or_else(|| {
                anyhow!("{}", tr("--format github and junit are for audit check"))
            })?;
            other.as_ref()
        }
    };
    let mut bytes = Vec::new();
    render(renderer, &mut bytes)?;
    if let Some(csv) = csv {
        let tables = csv.tables.take();
        let to_folder = output.output.as_deref().is_some_and(Path::is_dir);
        if tables.len() > 1 || to_folder {
            return write_csv_tables(output, &tables);
        }
    }
    write_output(output, &bytes)
}

/// Writes rendered bytes to the -o file (atomically) or to standard output.
fn write_output(output: &OutputArgs, bytes: &[u8]) -> anyhow::Result<()> {
    match &output.output {
        Some(path) => output::write_file_atomic(path, bytes, output.force),
        // `audit score | head` closes the pipe early: not an error, and the command's own
        // outcome (a failed gate, an invalid record) still decides the exit code.
        None => match output::write_stdout(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(Into::into),
        },
    }
}

/// Whether `-o PATH` names a folder for CSV tables: an existing folder, or a new path that
/// ends with `/` or has no extension.
fn is_folder_target(path: &Path) -> bool {
    path.is_dir()
        || (!path.exists()
            && (path.as_os_str().to_string_lossy().ends_with(['/', '\\'])
                || path.extension().is_none()))
}

/// CSV holds one table per file: an output of several tables goes into a folder, one file
/// per table (`compliance.csv`, `trend.csv`…), never glued together on one stream. Every
/// file is checked before any is written, so a refused run writes nothing.
fn write_csv_tables(output: &OutputArgs, tables: &[render::csv::CsvTable]) -> anyhow::Result<()> {
    let names: Vec<&str> = tables.iter().map(|t| t.file.as_str()).collect();
    let dir = match output.output.as_deref() {
        Some(dir) if is_folder_target(dir) => dir,
        _ => {
            return Err(anyhow!(
                "{}",
                t!(
                    "--format csv holds one table per file, and this output has {n} tables ({files}): give a folder with -o DIR to write one file per table",
                    n = tables.len(),
                    files = names.join(", ")
                )
            ));
        }
    };
    let existing: Vec<String> = tables
        .iter()
        .map(|t| dir.join(&t.file))
        .filter(|p| !output.force && p.exists())
        .map(|p| {
            t!(
                "{path} already exists; pass --force to overwrite it",
                path = p.display()
            )
        })
        .collect();
    if !existing.is_empty() {
        return Err(anyhow!("{}", existing.join("\n")));
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    for t in tables {
        output::write_file_atomic(&dir.join(&t.file), &t.bytes, output.force)?;
    }
    Ok(())
}

/// The generation time shown in workbooks: now, or `SOURCE_DATE_EPOCH` when set, so that a
/// build pipeline can reproduce a workbook byte for byte.
fn generated_at() -> String {
    let pinned = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0));
    match pinned {
        Some(t) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
        None => chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
    }
}

fn invalid_if(has_errors: bool) -> Outcome {
    if has_errors {
        Outcome::Invalid
    } else {
        Outcome::Success
    }
}

fn score_cmd(
    paths: &Paths,
    items: bool,
    level: Option<LevelArg>,
    filters: &Filters,
    status: &[StatusArg],
    output: &OutputArgs,
) -> anyhow::Result<Outcome> {
    let loaded = match load_or_report(paths, filters)? {
        Ok(l) => l,
        Err(outcome) => return Ok(outcome),
    };
    let records = filter_records(&loaded.records, filters);
    let mut scored = score_all(
        &loaded.checklist,
        &records,
        level_choice(level),
        Detail::Items,
    );
    if !status.is_empty() {
        let wanted = statuses(status);
        scored.retain(|s| wanted.contains(&s.status));
    }
    let report = ScoreReport {
        checklist: &loaded.checklist,
        records: &scored,
        items,
    };
    emit_with(output, &loaded.checklist, |r, out| r.scores(&report, out))?;
    Ok(invalid_if(loaded.has_errors()))
}

fn statuses(status: &[StatusArg]) -> Vec<Status> {
    status
        .iter()
        .map(|s| match s {
            StatusArg::Pass => Status::Pass,
            StatusArg::Fail => Status::Fail,
            StatusArg::Incomplete => Status::Incomplete,
        })
        .collect()
}

fn explain_cmd(
    file: &Path,
    level: Option<LevelArg>,
    checklist: Option<&Path>,
    at: Option<&str>,
    output: &OutputArgs,
) -> anyhow::Result<Outcome> {
    if at.is_none() && file.is_dir() {
        return Err(anyhow!(
            "{}",
            match first_record_in(file, 4) {
                Some(example) => t!(
                    "{path} is a folder: audit explain takes one record file, e.g. {example} (audit score {path} lists the records in it)",
                    path = file.display(),
                    example = example.display()
                ),
                None => t!(
                    "{path} is a folder: audit explain takes one record file",
                    path = file.display()
                ),
            }
        ));
    }
    if at.is_none() && !file.is_file() {
        return Err(anyhow!(
            "{}",
            t!("{path}: no such file or folder", path = file.display())
        ));
    }
    // The record's folder must exist in the working tree to find the records root; with
    // --at, the file itself may have been deleted since.
    let anchor = if file.exists() {
        file.to_path_buf()
    } else {
        file.parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    };
    let root = discover::find_root(&anchor, checklist)?;
    let checklist_name = discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    let abs = discover::absolute(file);
    let name = discover::relative(&root.dir, &abs).unwrap_or_else(|| file.display().to_string());
    // The checklist and the roster are not records: say what they are, not parse errors.
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(&abs, &root.checklist) || name == "checklist.toml" {
        return Err(anyhow!(
            "{}",
            t!(
                "{file} is the checklist: audit explain takes one record file (audit check validates the checklist)",
                file = name
            )
        ));
    }
    if same(&abs, &root.dir.join(discover::ROSTER_FILE)) {
        return Err(anyhow!(
            "{}",
            t!(
                "{file} is the roster: audit explain takes one record file (audit report counts the roster's branches)",
                file = name
            )
        ));
    }
    let (checklist_source, record_source) = match at {
        None => {
            let fence = crate::fence::Fence::new(&root.dir);
            (
                match checklist {
                    Some(_) => load::read_source(&root.checklist, checklist_name),
                    None => load::read_source_inside(&fence, &root.checklist, checklist_name),
                },
                load::read_source_inside(&fence, &abs, name),
            )
        }
        Some(rev) => {
            let repo = crate::git::Repo::discover(&root.dir)?;
            let commit = repo.resolve(rev)?;
            let prefix = repo.prefix()?;
            let mut blobs = repo.read(
                &commit,
                &[
                    format!("{prefix}{checklist_name}"),
                    format!("{prefix}{name}"),
                ],
            )?;
            let record = blobs.pop().flatten().ok_or_else(|| {
                anyhow!(
                    "{}",
                    t!("{file} is not in revision {rev}", file = name, rev = rev)
                )
            })?;
            let checklist_bytes = match checklist {
                Some(_) => std::fs::read(&root.checklist)?,
                None => blobs.pop().flatten().ok_or_else(|| {
                    anyhow!(
                        "{}",
                        t!(
                            "{file} is not in revision {rev}",
                            file = checklist_name,
                            rev = rev
                        )
                    )
                })?,
            };
            (
                load::source_from_bytes(checklist_name, checklist_bytes),
                load::source_from_bytes(name, record),
            )
        }
    };
    let parsed = checklist_source
        .map_err(|d| vec![d])
        .and_then(Checklist::parse);
    let checklist = match parsed {
        Ok(c) => c,
        Err(diags) => {
            print_diagnostics_only(&diags);
            return Ok(Outcome::Invalid);
        }
    };
    let source = match record_source {
        Ok(s) => s,
        Err(d) => {
            print_diagnostics_only(&[d]);
            return Ok(Outcome::Invalid);
        }
    };
    let evidence_root = at.is_none().then_some(root.dir.as_path());
    let (record, mut diags) = Record::parse(source, &checklist, evidence_root);
    diags.sort();
    print_diagnostics_only(&diags);
    let Some(record) = record else {
        return Ok(Outcome::Invalid);
    };
    // A level the record lacks has no figures to explain: say so, print none (exit 2).
    if let LevelChoice::Named(asked) = level_choice(level)
        && record.level(asked).is_none()
    {
        let present: Vec<String> = crate::read::record::Level::ALL
            .into_iter()
            .filter(|l| record.level(*l).is_some())
            .map(|l| tr(l.name()))
            .collect();
        let present = if present.is_empty() {
            tr("none")
        } else {
            present.join(", ")
        };
        crate::output::tell(format_args!(
            "{}",
            t!(
                "{file} has no {level} level; levels present: {present}",
                file = record.file,
                level = tr(asked.name()),
                present = present
            )
        ));
        return Ok(Outcome::Invalid);
    }
    let scored = score::score(&checklist, &record, level_choice(level));
    emit_with(output, &checklist, |r, out| {
        r.explain(&checklist, &scored, out)
    })?;
    Ok(Outcome::Success)
}

/// The first record-like file (`*.toml`, not the checklist or roster) below `dir`, in name
/// order, looking at most `depth` folders down: an example for a message.
fn first_record_in(dir: &Path, depth: usize) -> Option<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    let is_record = |p: &Path| {
        p.is_file()
            && p.extension().is_some_and(|e| e == "toml")
            && !p.file_name().is_some_and(|n| {
                n == crate::read::checklist::CHECKLIST_FILE || n == discover::ROSTER_FILE
            })
    };
    if let Some(found) = entries.iter().find(|p| is_record(p)) {
        return Some(found.clone());
    }
    if depth == 0 {
        return None;
    }
    entries
        .iter()
        .filter(|p| p.is_dir())
        .find_map(|p| first_record_in(p, depth - 1))
}

/// The invalid record files that the filters do not rule out (a file whose org or period
/// could not be read is always in): those a report or a diff would otherwise misread as
/// missing or removed.
fn invalid_in_scope<'a>(loaded: &'a Loaded, filters: &Filters) -> Vec<&'a load::InvalidRecord> {
    loaded
        .invalid
        .iter()
        .filter(|i| {
            i.who.as_ref().is_none_or(|w| {
                (filters.org.is_empty() || filters.org.contains(&w.org))
                    && (filters.period.is_empty() || filters.period.contains(&w.period))
            })
        })
        .collect()
}

fn report_cmd(
    paths: &Paths,
    view: &[ViewArg],
    top: usize,
    partial: bool,
    filters: &Filters,
    status: &[StatusArg],
    output: &OutputArgs,
) -> anyhow::Result<Outcome> {
    let loaded = match load_or_report(paths, filters)? {
        Ok(l) => l,
        Err(outcome) => return Ok(outcome),
    };
    if loaded.roster_invalid {
        crate::output::tell(format_args!(
            "{}",
            tr("roster.toml is invalid: no compliance figures until it is fixed")
        ));
        return Ok(Outcome::Invalid);
    }
    // Invalid records the filters do not rule out: a report that passed over them would
    // count their branches as missing (or not at all). Not written unless asked for.
    let invalid: Vec<load::InvalidRecord> = invalid_in_scope(&loaded, filters)
        .into_iter()
        .cloned()
        .collect();
    if !invalid.is_empty() && !partial {
        let files: Vec<&str> = invalid.iter().map(|i| i.file.as_str()).collect();
        crate::output::tell(format_args!(
            "{}",
            t!(
                "the report was not written: {n} invalid record file(s) ({files}); fix them (see audit check), or pass --partial to write it with them counted as invalid",
                n = invalid.len(),
                files = files.join(", ")
            )
        ));
        return Ok(Outcome::Invalid);
    }
    let format = output.format.unwrap_or(Format::Table);
    // A workbook or a page for the meeting holds every view unless told otherwise.
    let all = view.contains(&ViewArg::All)
        || (view.is_empty() && matches!(format, Format::Xlsx | Format::Html));
    let wants =
        |v: ViewArg| all || view.contains(&v) || (view.is_empty() && v == ViewArg::Compliance);

    let records = filter_records(&loaded.records, filters);
    // Point detail only for the items view: it is most of the memory of a large report.
    let detail = if wants(ViewArg::Items) || format == Format::Html {
        Detail::Points
    } else {
        Detail::Items
    };
    let scored = score_all(&loaded.checklist, &records, LevelChoice::Effective, detail);
    let (mut periods, orgs) = population_scope(&loaded, filters);
    // A period whose only records are invalid still gets its rows in a partial report.
    periods.extend(
        invalid
            .iter()
            .filter_map(|i| i.who.as_ref())
            .map(|w| w.period.clone()),
    );
    let members = compliance::members(
        loaded.roster.as_ref(),
        &scored,
        &periods,
        orgs.as_ref(),
        &invalid,
    );
    let mut rows = compliance::compliance(&loaded.checklist, &members);
    // With --org, a period showing one org has an overall row that repeats it: tables show
    // it once. JSON keeps its contract (one overall row per period), and the HTML page its
    // headline figures.
    let one_org_periods: BTreeSet<String> = if filters.org.is_empty()
        || matches!(format, Format::Json | Format::Jsonl | Format::Html)
    {
        BTreeSet::new()
    } else {
        let mut orgs_per_period: std::collections::BTreeMap<&str, usize> = Default::default();
        for r in rows.iter().filter(|r| r.org.is_some()) {
            *orgs_per_period.entry(r.period.as_str()).or_default() += 1;
        }
        orgs_per_period
            .into_iter()
            .filter(|(_, n)| *n == 1)
            .map(|(p, _)| p.to_string())
            .collect()
    };
    rows.retain(|r| r.org.is_some() || !one_org_periods.contains(&r.period));
    let mut trend = wants(ViewArg::Trend).then(|| views::trend(&rows));
    if let Some(t) = trend.as_mut()
        && !one_org_periods.is_empty()
        && t.periods.iter().all(|p| one_org_periods.contains(p))
    {
        t.rows.retain(|r| r.org.is_some());
    }
    // --status narrows the record views; the populations above count every record.
    let kept_records: Vec<&Record>;
    let kept_scored: Vec<Scored<'_>>;
    let (view_records, view_scored) = if status.is_empty() {
        (&records, &scored)
    } else {
        let wanted = statuses(status);
        kept_records = records
            .iter()
            .zip(&scored)
            .filter(|(_, s)| wanted.contains(&s.status))
            .map(|(r, _)| *r)
            .collect();
        kept_scored = score_all(
            &loaded.checklist,
            &kept_records,
            LevelChoice::Effective,
            detail,
        );
        (&kept_records, &kept_scored)
    };
    let levels = wants(ViewArg::Levels).then(|| {
        let by_record = score_levels(&loaded.checklist, view_records);
        views::levels(&loaded.checklist, &by_record)
    });
    let items = wants(ViewArg::Items).then(|| views::items(&loaded.checklist, view_scored));
    let benchmark = wants(ViewArg::Benchmark)
        .then(|| views::benchmark(view_scored, loaded.roster.as_ref(), top));
    let heat = (format == Format::Html).then(|| views::heat(&loaded.checklist, view_scored));
    let report = ReportViews {
        checklist: &loaded.checklist,
        compliance: wants(ViewArg::Compliance).then_some(rows.as_slice()),
        trend: trend.as_ref(),
        levels: levels.as_ref(),
        items: items.as_ref(),
        benchmark: benchmark.as_deref(),
        heat: heat.as_ref(),
        members: &members,
        invalid: &invalid,
    };
    emit_with(output, &loaded.checklist, |r, out| r.report(&report, out))?;
    Ok(invalid_if(loaded.has_errors()))
}

/// Compliance of already scored (filtered) records.
fn compliance_of(loaded: &Loaded, filters: &Filters, scored: &[Scored<'_>]) -> Vec<ComplianceRow> {
    let (periods, orgs) = population_scope(loaded, filters);
    let members = compliance::members(loaded.roster.as_ref(), scored, &periods, orgs.as_ref(), &[]);
    compliance::compliance(&loaded.checklist, &members)
}

/// The periods and orgs whose populations a command counts. The periods are those with
/// records before the org filter: an org with nothing but missing branches in a period still
/// gets its row.
fn population_scope(
    loaded: &Loaded,
    filters: &Filters,
) -> (BTreeSet<String>, Option<BTreeSet<String>>) {
    let orgs = (!filters.org.is_empty()).then(|| filters.org.iter().cloned().collect());
    let periods = loaded
        .records
        .iter()
        .filter(|r| filters.period.is_empty() || filters.period.contains(&r.period))
        .map(|r| r.period.clone())
        .collect();
    (periods, orgs)
}

/// The opt-in gates of `audit check`.
struct Gates<'a> {
    deny: &'a [DenyArg],
    min_compliance: Option<&'a str>,
    target: bool,
    ratchet: Option<&'a str>,
}

fn check_cmd(
    paths: &Paths,
    gates_asked: &Gates<'_>,
    filters: &Filters,
    output: &OutputArgs,
) -> anyhow::Result<Outcome> {
    let min_compliance = gates_asked
        .min_compliance
        .map(|text| {
            Rate::parse(text).map_err(|e| anyhow!("--min-compliance {text:?} {}", e.text().shown))
        })
        .transpose()?;
    let format = output.format.unwrap_or(Format::Table);
    // Machine formats carry the diagnostics themselves; people get them on stderr.
    let machine = matches!(
        format,
        Format::Json | Format::Jsonl | Format::Github | Format::Junit
    );
    let list = paths.or_here();
    let loaded = match load::load_at(&list, paths.checklist.as_deref(), paths.at.as_deref()) {
        Ok(l) => l,
        Err(LoadError::Definition(diags)) => {
            if !machine {
                print_diagnostics_only(&diags);
            }
            emit_check(output, &diags, &[], &[], None)?;
            return Ok(Outcome::Invalid);
        }
        Err(e) => return Err(e.into()),
    };
    check_filters(&[&loaded], filters)?;
    // Valid records that are incomplete in a way their file can fix are warnings here (they
    // change no exit code; `--deny incomplete` is the gate).
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(
        loaded
            .records
            .iter()
            .flat_map(|r| r.incomplete.iter().cloned()),
    );
    diagnostics.sort();
    if !machine {
        print_diagnostics_only(&diagnostics);
    }

    let gates = if gates_asked.any() {
        judge(&loaded, &list, paths, gates_asked, min_compliance, filters)?
    } else {
        Vec::new()
    };
    let files = loaded_file_names(&loaded);
    emit_check(output, &diagnostics, &gates, &files, Some(&loaded))?;
    if loaded.has_errors() {
        Ok(Outcome::Invalid)
    } else if gates.iter().any(|g| !g.passed) {
        Ok(Outcome::GateFailed)
    } else {
        Ok(Outcome::Success)
    }
}

impl Gates<'_> {
    fn any(&self) -> bool {
        !self.deny.is_empty()
            || self.min_compliance.is_some()
            || self.target
            || self.ratchet.is_some()
    }
}

/// Evaluates the gates asked for (scoring is needed only then).
fn judge(
    loaded: &Loaded,
    list: &[PathBuf],
    paths: &Paths,
    gates_asked: &Gates<'_>,
    min_compliance: Option<Rate>,
    filters: &Filters,
) -> anyhow::Result<Vec<GateResult>> {
    let mut gates = Vec::new();
    let records = filter_records(&loaded.records, filters);
    let scored = score_all(
        &loaded.checklist,
        &records,
        LevelChoice::Effective,
        Detail::Items,
    );
    for d in gates_asked.deny {
        let status = match d {
            DenyArg::Fail => Status::Fail,
            DenyArg::Incomplete => Status::Incomplete,
        };
        let offenders: Vec<Text> = scored
            .iter()
            .filter(|s| s.status == status)
            .map(|s| {
                let head = format!(
                    "{} / {} / {} ({}): ",
                    s.record.org, s.record.branch, s.record.period, s.record.file
                );
                Text {
                    en: head.clone()
                        + &s.reasons
                            .iter()
                            .map(|r| r.en.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    shown: head + &render::tables::shown(&s.reasons, "; "),
                }
            })
            .collect();
        let gate = both!("deny {status}", status = Word(status.name()));
        let passed = offenders.is_empty();
        let details = if passed {
            vec![both!("no {status} records", status = Word(status.name()))]
        } else {
            offenders
        };
        gates.push(GateResult::new(gate, passed, details));
    }
    let rows = compliance_of(loaded, filters, &scored);
    let overall: Vec<&ComplianceRow> = rows.iter().filter(|r| r.org.is_none()).collect();
    if let Some(min) = min_compliance {
        gates.push(compliance_gate(
            both!("min-compliance {min}", min = min.percent()),
            &overall,
            |_| Some(min),
        ));
    }
    if gates_asked.target {
        gates.push(compliance_gate(both!("target"), &overall, |r| r.target));
    }
    if let Some(rev) = gates_asked.ratchet {
        let before =
            load::load_at(list, paths.checklist.as_deref(), Some(rev)).map_err(|e| match e {
                LoadError::Definition(_) => {
                    anyhow!(
                        "{}",
                        t!("the checklist of revision {rev} is invalid", rev = rev)
                    )
                }
                other => other.into(),
            })?;
        let before_records = filter_records(&before.records, filters);
        let before_scored = score_all(
            &before.checklist,
            &before_records,
            LevelChoice::Effective,
            Detail::Items,
        );
        let before_rows = compliance_of(&before, filters, &before_scored);
        let d = diff::diff(&before_scored, &scored, &before_rows, &rows, false);
        gates.push(ratchet_gate(rev, &d));
    }
    Ok(gates)
}

/// Every record file read (valid or not), sorted: the test cases of a JUnit report.
fn loaded_file_names(loaded: &Loaded) -> Vec<String> {
    let mut files: Vec<String> = loaded
        .records
        .iter()
        .map(|r| r.file.clone())
        .chain(loaded.diagnostics.iter().map(|d| d.file.clone()))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Writes check's result in the asked format; the CI formats are check's own.
fn emit_check(
    output: &OutputArgs,
    diagnostics: &[Diagnostic],
    gates: &[GateResult],
    files: &[String],
    loaded: Option<&Loaded>,
) -> anyhow::Result<()> {
    let root = loaded.map(|l| repo_prefix(&l.root.dir)).unwrap_or_default();
    let report = CheckReport {
        diagnostics,
        records: loaded.map_or(0, |l| l.files),
        gates,
        files,
        root: &root,
    };
    match render::ci::Ci::of(output.format.unwrap_or(Format::Table)) {
        Some(ci) => write_output(output, ci.render(&report).as_bytes()),
        None => emit(output, |r, out| r.check(&report, out)),
    }
}

/// The records root relative to the current folder (where CI runs, at the repository's top),
/// `/`-separated with a trailing `/`; empty when they are the same.
fn repo_prefix(root: &Path) -> String {
    let cwd = discover::absolute(Path::new("."));
    match root.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!(
            "{}/",
            discover::relative(Path::new(""), rel).unwrap_or_default()
        ),
        Err(_) => format!("{}/", root.display()),
    }
}

/// The ratchet: nothing newly failing, no period's overall rate lower than in `rev`.
fn ratchet_gate(rev: &str, d: &diff::Diff) -> GateResult {
    let mut details = Vec::new();
    for c in d
        .changes
        .iter()
        .filter(|c| c.change == diff::Change::NewlyFailing)
    {
        let after = c.after.as_ref();
        details.push(both!(
            "{org} / {branch} / {period}: was pass in {rev}, now {status} ({total})",
            org = c.org,
            branch = c.branch,
            period = c.period,
            rev = rev,
            status = Word(after.map_or("missing", |a| a.status.name())),
            total = after.map_or(String::new(), |a| a.total.fixed())
        ));
    }
    for p in d.compliance.iter().filter(|p| p.dropped()) {
        let (Some(b), Some(a)) = (p.before, p.after) else {
            continue;
        };
        details.push(both!(
            "{period}: compliance dropped from {before} in {rev} to {after}",
            period = p.period,
            before = b.percent(),
            rev = rev,
            after = a.percent_below(b)
        ));
    }
    let passed = details.is_empty();
    if passed {
        details.push(both!(
            "no record newly failing and no compliance rate lower than in {rev}",
            rev = rev
        ));
    }
    GateResult::new(both!("ratchet {rev}", rev = rev), passed, details)
}

fn diff_cmd(
    from: Option<&str>,
    to: Option<&str>,
    all: bool,
    dir: &Path,
    filters: &Filters,
    output: &OutputArgs,
) -> anyhow::Result<Outcome> {
    let from = from.unwrap_or("HEAD");
    let list = vec![dir.to_path_buf()];
    let load_state = |rev: Option<&str>| -> anyhow::Result<Loaded> {
        load::load_at(&list, None, rev).map_err(|e| match e {
            LoadError::Definition(diags) => {
                print_diagnostics_only(&diags);
                anyhow!(
                    "{}",
                    t!(
                        "the checklist of {rev} is invalid",
                        rev = rev.map_or_else(|| tr("the working tree"), str::to_string)
                    )
                )
            }
            other => other.into(),
        })
    };
    let before = load_state(Some(from))?;
    let after = load_state(to)?;
    check_filters(&[&before, &after], filters)?;
    let after_name = to.map_or_else(|| tr("the working tree"), str::to_string);
    // An invalid record would read as "removed" (and its branch as missing) on its side of
    // the diff: the comparison is not written until both states read cleanly.
    let mut refused = false;
    for (state, name) in [(&before, from), (&after, after_name.as_str())] {
        let invalid: Vec<&str> = invalid_in_scope(state, filters)
            .into_iter()
            .map(|i| i.file.as_str())
            .collect();
        if !invalid.is_empty() {
            let errors: Vec<Diagnostic> = state
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            print_diagnostics_only(&errors);
            crate::output::tell(format_args!(
                "{}",
                t!(
                    "the diff was not written: {name} has {n} invalid record file(s) ({files}); fix them (see audit check)",
                    name = name,
                    n = invalid.len(),
                    files = invalid.join(", ")
                )
            ));
            refused = true;
        }
    }
    if refused {
        return Ok(Outcome::Invalid);
    }
    let (rb, ra) = (
        filter_records(&before.records, filters),
        filter_records(&after.records, filters),
    );
    let sb = score_all(
        &before.checklist,
        &rb,
        LevelChoice::Effective,
        Detail::Items,
    );
    let sa = score_all(&after.checklist, &ra, LevelChoice::Effective, Detail::Items);
    let (cb, ca) = (
        compliance_of(&before, filters, &sb),
        compliance_of(&after, filters, &sa),
    );
    let d = diff::diff(&sb, &sa, &cb, &ca, all);
    emit_with(output, &after.checklist, |r, out| r.diff(&d, out))?;
    Ok(Outcome::Success)
}

/// A compliance gate over each period's overall row: the rate must reach the threshold.
fn compliance_gate(
    name: Text,
    overall: &[&ComplianceRow],
    threshold: impl Fn(&ComplianceRow) -> Option<Rate>,
) -> GateResult {
    let mut passed = true;
    let mut details = Vec::new();
    for row in overall {
        let Some(min) = threshold(row) else {
            details.push(both!("{period}: no target set", period = row.period));
            continue;
        };
        if row.meets(min) {
            details.push(both!(
                "{period}: {passed} of {population} passed = {rate}, meets {min}",
                period = row.period,
                passed = row.passed,
                population = row.population,
                rate = row.rate.percent(),
                min = min.percent()
            ));
        } else {
            passed = false;
            let needed = row.shortfall_for(min);
            details.push(if needed == 1 {
                both!(
                    "{period}: {passed} of {population} passed = {rate}, below {min} (needs {n} more passing branch)",
                    period = row.period,
                    passed = row.passed,
                    population = row.population,
                    rate = row.rate.percent_below(min),
                    min = min.percent(),
                    n = needed
                )
            } else {
                both!(
                    "{period}: {passed} of {population} passed = {rate}, below {min} (needs {n} more passing branches)",
                    period = row.period,
                    passed = row.passed,
                    population = row.population,
                    rate = row.rate.percent_below(min),
                    min = min.percent(),
                    n = needed
                )
            });
        }
    }
    // A gate with nothing to judge does not pass: a CI job whose filter matches nothing
    // should notice.
    if overall.is_empty() {
        passed = false;
        details.push(both!("no records to judge"));
    }
    GateResult::new(name, passed, details)
}

/// Whether an error chain is a closed pipe (`audit score | head`), which is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
