//! `audit check`: validate everything in one pass, then judge the opt-in gates.

use std::path::Path;
use std::sync::Mutex;

use crate::aggregate::compliance::Judgement;
use crate::aggregate::diff;
use crate::aggregate::gates::{self, Asked, Evidence};
use crate::aggregate::rectification;
use crate::aggregate::register;
use crate::app::{self, Error, IfInvalid, Output};
use crate::cmd::scope::{self, Filters, Scope};
use crate::diagnostic::Diagnostic;
use crate::discover;
use crate::read::checklist::Checklists;
use crate::read::load::Loaded;
use crate::read::record::{Kept, Record};
use crate::render::{self, CheckReport, Format, GateResult};

pub struct Config {
    pub scope: Scope,
    pub gates: Asked,
    /// The day the campaign's dates are judged on (`--as-of`, or today).
    pub as_of: chrono::NaiveDate,
    pub filters: Filters,
    pub output: Output,
}

pub fn run(config: &Config) -> app::Result<()> {
    if config.gates.any() || has_register(&config.scope) {
        // The gates, and the register's validation, need each record's verdict (the gates
        // also its total, band and reasons): judged as it is read, its values then dropped.
        // The overdue gate keeps of each record only its overdue tasks, taken as it is read.
        let overdue = Mutex::new(Vec::new());
        let keep = |checklists: Checklists<'_>, record: Record| {
            if config.gates.overdue && config.filters.keeps(&record) {
                let found = rectification::overdue(&record, config.as_of);
                if !found.is_empty() {
                    overdue
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .extend(found);
                }
            }
            Judgement::of(checklists, record)
        };
        let (loaded, diagnostics) = validate(config, &keep, &|loaded| {
            register_problems(loaded, &config.scope)
        })?;
        let mut gates = judge(&loaded, &config.scope, &config.gates, &config.filters)?;
        if config.gates.overdue {
            // Read on several threads: sorted like the view's tasks (then by place).
            let mut overdue = overdue.into_inner().unwrap_or_else(|e| e.into_inner());
            overdue.sort();
            gates.insert(
                config.gates.deny.len(),
                gates::overdue_gate(&overdue, config.as_of),
            );
        }
        if config.gates.benchmark_at_risk {
            gates.push(at_risk_gate(&loaded, &config.filters, &config.scope));
        }
        finish(config, &loaded, &diagnostics, &gates)
    } else {
        // Without a gate nothing is scored: each record is validated as it is read and only
        // what check reports of it is kept, so memory does not grow with the records' values.
        let (loaded, diagnostics) = validate(config, &|_, r: Record| r.lean(), &|_| Vec::new())?;
        finish(config, &loaded, &diagnostics, &[])
    }
}

/// Whether the records root has a benchmark register (then each record's status is needed
/// to validate it). Under `--at` the revision's register is not looked for before loading:
/// the records are judged as for a gate.
fn has_register(scope: &Scope) -> bool {
    if scope.at.is_some() {
        return true;
    }
    let first = scope.paths.first().map_or(Path::new("."), |p| p.as_path());
    let Ok(root) = discover::find_root(first, scope.checklist.as_deref()) else {
        return false;
    };
    let file = root.dir.join(discover::BENCHMARKS_FILE);
    if !file.is_file() {
        return false;
    }
    // `audit init` writes a register of comments only: nothing to validate, so a plain check
    // of a new root stays on the lean path. Anything else (unreadable included) is read.
    // Read through the fence: a register that links out of the root is not read here (the
    // loader then reports it).
    match crate::fence::Fence::new(&root.dir).read(&file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes)
            .lines()
            .map(|l| l.trim().trim_start_matches('\u{feff}'))
            .any(|l| !l.is_empty() && !l.starts_with('#')),
        Err(_) => true,
    }
}

/// The register's entries whose record did not pass (SPEC §12.4), as errors at the entry.
/// A record not found is `missing` only when the whole root was read.
fn register_problems(loaded: &Loaded<Judgement>, scope: &Scope) -> Vec<Diagnostic> {
    let Some(register) = &loaded.register else {
        return Vec::new();
    };
    let whole = scope::reads_whole_root(scope, loaded);
    let records: Vec<&Judgement> = loaded.records.iter().collect();
    register::unearned(register, &records, &loaded.invalid, whole)
}

/// `--deny benchmark-at-risk` on the register's entries the `--org` filter keeps. Without a
/// register nothing is at risk.
fn at_risk_gate(loaded: &Loaded<Judgement>, filters: &Filters, scope: &Scope) -> GateResult {
    let Some(register) = &loaded.register else {
        return GateResult::new(
            both!("deny-benchmark-at-risk"),
            true,
            vec![both!("no-benchmark-at-risk")],
        );
    };
    // Every record, whatever --period says: a benchmark's latest record is its latest.
    let records: Vec<&Judgement> = loaded.records.iter().collect();
    let read = scope::register_read(scope, loaded);
    let states = register::states(
        register,
        &records,
        &register::periods(&loaded.records),
        loaded.roster.as_ref(),
        loaded.checklists(),
        |n| (filters.org.is_empty() || filters.org.contains(&n.org)) && read(n),
    );
    register::at_risk_gate(register, &states)
}

/// Loads and validates everything, printing the diagnostics for people; returns them with
/// the records' "incomplete" warnings, sorted.
fn validate<R: Kept>(
    config: &Config,
    keep: &(dyn Fn(Checklists<'_>, Record) -> R + Sync),
    more: &dyn Fn(&Loaded<R>) -> Vec<Diagnostic>,
) -> app::Result<(Loaded<R>, Vec<Diagnostic>)> {
    let Config {
        scope,
        filters,
        output,
        ..
    } = config;
    let machine = machine(output);
    let mut loaded = scope::load_with(
        scope,
        IfInvalid::Report(Box::new(|diags| {
            if !machine {
                app::print_diagnostics_only(diags);
            }
            emit_check::<Record>(output, diags, &[], &[], None)
        })),
        keep,
    )?;
    scope::check_filters(&[&loaded], filters)?;
    // What is found wrong once the records are read (the register's entries) is an error
    // like any other.
    let found = more(&loaded);
    loaded.diagnostics.extend(found);
    loaded.diagnostics.sort();
    // Valid records that are incomplete in a way their file can fix are warnings here (they
    // change no exit code; `--deny incomplete` is the gate).
    let mut diagnostics = loaded.diagnostics.clone();
    diagnostics.extend(
        loaded
            .records
            .iter()
            .flat_map(|r| r.incomplete().iter().cloned()),
    );
    diagnostics.sort();
    if !machine {
        app::print_diagnostics_only(&diagnostics);
    }
    Ok((loaded, diagnostics))
}

/// Machine formats carry the diagnostics themselves; people get them on stderr.
fn machine(output: &Output) -> bool {
    matches!(
        output.format.unwrap_or(Format::Table),
        Format::Json | Format::Jsonl | Format::Github | Format::Junit
    )
}

/// Writes the result and decides the exit code: errors first, then failed gates.
fn finish<R: Kept>(
    config: &Config,
    loaded: &Loaded<R>,
    diagnostics: &[Diagnostic],
    gates: &[GateResult],
) -> app::Result<()> {
    let files = loaded_file_names(loaded);
    emit_check(&config.output, diagnostics, gates, &files, Some(loaded))?;
    if loaded.has_errors() {
        Err(Error::Reported)
    } else if gates.iter().any(|g| !g.passed) {
        Err(Error::GateFailed)
    } else {
        Ok(())
    }
}

/// Judges the gates on the records as they were judged when read (and, for the ratchet,
/// on the earlier revision's, read the same way).
fn judge(
    loaded: &Loaded<Judgement>,
    scope: &Scope,
    asked: &Asked,
    filters: &Filters,
) -> app::Result<Vec<GateResult>> {
    let judged = filters.records(&loaded.records);
    let rows = scope::compliance_rows(loaded, filters, &judged);
    let ratchet = match asked.ratchet.as_deref() {
        None => None,
        Some(rev) => {
            let at = Scope {
                at: Some(rev.to_string()),
                ..scope.clone()
            };
            let before = scope::load_with(
                &at,
                IfInvalid::FailQuietly(t!("the-checklist-of-revision-is-invalid", rev = rev)),
                &Judgement::of,
            )?;
            let before_judged = filters.records(&before.records);
            let before_rows = scope::compliance_rows(&before, filters, &before_judged);
            Some(diff::diff(
                &before_judged,
                &judged,
                &before_rows,
                &rows,
                false,
            ))
        }
    };
    let reason_separator = if crate::i18n::zh() { "；" } else { "; " };
    Ok(gates::judge(
        asked,
        &Evidence {
            scored: &judged,
            rows: &rows,
            ratchet: ratchet.as_ref(),
            reason_separator,
        },
    ))
}

/// Every record file read (valid or not), sorted: the test cases of a JUnit report.
fn loaded_file_names<R: Kept>(loaded: &Loaded<R>) -> Vec<String> {
    let mut files: Vec<String> = loaded
        .records
        .iter()
        .map(|r| r.file().to_string())
        .chain(loaded.diagnostics.iter().map(|d| d.file.clone()))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Writes check's result in the asked format; the CI formats are check's own.
fn emit_check<R>(
    output: &Output,
    diagnostics: &[Diagnostic],
    gates: &[GateResult],
    files: &[String],
    loaded: Option<&Loaded<R>>,
) -> app::Result<()> {
    let root = loaded.map(|l| repo_prefix(&l.root.dir)).unwrap_or_default();
    let report = CheckReport {
        diagnostics,
        records: loaded.map_or(0, |l| l.files),
        gates,
        files,
        root: &root,
    };
    match render::ci::Ci::of(output.format.unwrap_or(Format::Table)) {
        Some(ci) => app::emit_text(output, &ci.render(&report)),
        None => app::emit(output, |r, out| r.check(&report, out)),
    }
}

/// The records root relative to the current folder (where CI runs, at the repository's top),
/// `/`-separated with a trailing `/`; empty when they are the same.
fn repo_prefix(root: &Path) -> String {
    let cwd = crate::fence::absolute(Path::new("."));
    match root.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!(
            "{}/",
            discover::relative(Path::new(""), rel).unwrap_or_default()
        ),
        Err(_) => format!("{}/", root.display()),
    }
}
