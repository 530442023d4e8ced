//! `audit report`: compliance rates and the views an office takes to meetings.

use std::collections::BTreeSet;

use crate::aggregate::compliance::{ComplianceRow, Graded, Judged, Judgement, Verdict};
use crate::aggregate::register::{self, NamedState};
use crate::aggregate::views::Candidate;
use crate::aggregate::views::Trend;
use crate::aggregate::{compliance, progress, rectification, views};
use crate::app::{self, Error, Output};
use crate::cli::ViewArg as View;
use crate::cmd::scope::{self, Filters, Population, Scope};
use crate::i18n::tr;
use crate::read::load::{self, Loaded};
use crate::read::record::{Kept, Record};
use crate::render::{Format, ReportViews};
use crate::score::{Detail, LevelChoice, Scored, Status};

pub struct Config {
    pub scope: Scope,
    /// The views asked for (the default ones when empty).
    pub views: Vec<View>,
    /// Benchmark candidates per period: those ranked this or better.
    pub top: usize,
    /// Write the report even if record files are invalid.
    pub partial: bool,
    pub filters: Filters,
    /// Only records with these statuses in the record views (all when empty).
    pub status: Vec<Status>,
    /// The day the campaign's dates are judged on (`--as-of`, or today).
    pub as_of: chrono::NaiveDate,
    pub output: Output,
}

pub fn run(config: &Config) -> app::Result<()> {
    let Config {
        scope,
        views: view,
        top,
        partial,
        filters,
        status,
        output,
        ..
    } = config;
    let (top, partial) = (*top, *partial);
    let format = output.format.unwrap_or(Format::Table);
    // A workbook or a page for the meeting holds every view unless told otherwise.
    let all = view.contains(&View::All)
        || (view.is_empty() && matches!(format, Format::Xlsx | Format::Html));
    let wants = |v: View| all || view.contains(&v) || (view.is_empty() && v == View::Compliance);
    let per_record = [View::Levels, View::Items, View::Rectification]
        .into_iter()
        .any(wants)
        || format == Format::Html;
    if !per_record {
        // Compliance, trend and the benchmark candidates need each record's verdict and a
        // few figures: each record is scored as it is read and only those kept, so a
        // million records fit in little memory (the views are the same functions either way).
        if wants(View::Benchmark) {
            let loaded = scope::load_or_report_with(scope, filters, &Judgement::of)?;
            // Every record, whatever --period and --status say: a benchmark's latest record
            // is its latest.
            let named = || {
                let all: Vec<&Judgement> = loaded.records.iter().collect();
                register(&loaded, &all, filters, scope)
            };
            return streamed(
                config,
                &loaded,
                wants,
                |shown| views::benchmark(shown, loaded.roster.as_ref(), top),
                named,
            );
        }
        let loaded = scope::load_or_report_with(scope, filters, &Verdict::of)?;
        return streamed(config, &loaded, wants, |_| Vec::new(), || None);
    }

    let loaded = scope::load_or_report(scope, filters)?;
    let invalid = invalid_or_refuse(&loaded, filters, partial)?;
    let records = filters.records(&loaded.records);
    // Every view asks for rectification; a root that writes no task gets it only when
    // asked by name, so its reports read as before.
    let rectify = view.contains(&View::Rectification)
        || (all && rectification::any_task(records.iter().copied()));
    // Point detail only for the items and rectification views: it is most of the memory of
    // a large report.
    let detail = if wants(View::Items) || rectify || format == Format::Html {
        Detail::Points
    } else {
        Detail::Items
    };
    let scored = scope::score_all(
        loaded.checklists(),
        &records,
        LevelChoice::Effective,
        detail,
    );
    // A period whose only records are invalid still gets its rows in a partial report.
    let population = Population::of(&loaded, filters, &invalid);
    let members = population.members(&loaded, &scored, &invalid);
    let rows = compliance::compliance(loaded.checklists(), &members);
    let (rows, trend) = narrow_and_trend(rows, filters, format, wants);
    // --status narrows the record views; the populations above count every record.
    let kept_records: Vec<&Record>;
    let kept_scored: Vec<Scored<'_>>;
    let (view_records, view_scored) = if status.is_empty() {
        (&records, &scored)
    } else {
        kept_records = records
            .iter()
            .zip(&scored)
            .filter(|(_, s)| status.contains(&s.status))
            .map(|(r, _)| *r)
            .collect();
        kept_scored = scope::score_all(
            loaded.checklists(),
            &kept_records,
            LevelChoice::Effective,
            detail,
        );
        (&kept_records, &kept_scored)
    };
    let levels = wants(View::Levels).then(|| {
        views::levels(
            &loaded.checklist,
            scope::score_levels(loaded.checklists(), view_records),
        )
    });
    let items =
        wants(View::Items).then(|| views::items_by_version(loaded.checklists(), view_scored));
    let benchmark =
        wants(View::Benchmark).then(|| views::benchmark(view_scored, loaded.roster.as_ref(), top));
    // The whole population, like the compliance rows: --status does not narrow it.
    let progress =
        wants(View::Progress).then(|| one_org_once(progress::progress(&members), filters, format));
    // The register's states from every record of the named branches, whatever --period and
    // --status say (a benchmark's latest record is its latest): few, scored again here.
    let named_scored = match (&loaded.register, wants(View::Benchmark)) {
        (Some(reg), true) => {
            let theirs: Vec<&Record> = loaded
                .records
                .iter()
                .filter(|r| register::of_named(reg, *r))
                .collect();
            scope::score_all(
                loaded.checklists(),
                &theirs,
                LevelChoice::Effective,
                Detail::Items,
            )
        }
        _ => Vec::new(),
    };
    let named = wants(View::Benchmark)
        .then(|| {
            register(
                &loaded,
                &named_scored.iter().collect::<Vec<_>>(),
                filters,
                scope,
            )
        })
        .flatten();
    let heat = (format == Format::Html).then(|| views::heat(&loaded.checklist, view_scored));
    let rectified = rectify.then(|| {
        let mut r = rectification::rectification(view_scored, config.as_of);
        // A lone org's overall row once in tables, as for compliance and progress.
        let single = one_org_periods(
            r.counts
                .iter()
                .map(|c| (c.period.as_str(), c.org.as_deref())),
            filters,
            format,
        );
        r.counts
            .retain(|c| c.org.is_some() || !single.contains(&c.period));
        r
    });
    let report = ReportViews {
        checklist: &loaded.checklist,
        compliance: wants(View::Compliance).then_some(rows.as_slice()),
        trend: trend.as_ref(),
        levels: levels.as_ref(),
        items: items.as_deref(),
        benchmark: benchmark.as_deref(),
        progress: progress.as_deref(),
        register: named.as_deref(),
        heat: heat.as_ref(),
        rectification: rectified.as_ref(),
        members: &members,
        invalid: &invalid,
    };
    app::emit_with(output, &loaded.checklist, |r, out| r.report(&report, out))?;
    app::invalid_if(loaded.has_errors())
}

/// A report of the views that need no record's detail, from records judged as they were
/// read. `benchmark` gives the candidates when that view is asked for.
fn streamed<J: Judged + Sync>(
    config: &Config,
    loaded: &Loaded<J>,
    wants: impl Fn(View) -> bool,
    benchmark: impl for<'x> Fn(&'x [&'x J]) -> Vec<Candidate<'x>>,
    named: impl Fn() -> Option<Vec<NamedState>>,
) -> app::Result<()> {
    let Config {
        filters,
        partial,
        status,
        output,
        ..
    } = config;
    let format = output.format.unwrap_or(Format::Table);
    let invalid = invalid_or_refuse(loaded, filters, *partial)?;
    let records = filters.records(&loaded.records);
    let population = Population::of(loaded, filters, &invalid);
    let rows = population.compliance(loaded, &records, &invalid);
    let (rows, trend) = narrow_and_trend(rows, filters, format, &wants);
    // --status narrows the record views; the populations above count every record.
    let shown: Vec<&J> = records
        .iter()
        .copied()
        .filter(|j| status.is_empty() || status.contains(&j.status()))
        .collect();
    let candidates = wants(View::Benchmark).then(|| benchmark(&shown));
    let progress = wants(View::Progress).then(|| {
        one_org_once(
            population.progress(loaded, &records, &invalid),
            filters,
            format,
        )
    });
    let named = wants(View::Benchmark).then(named).flatten();
    let report = ReportViews {
        checklist: &loaded.checklist,
        compliance: wants(View::Compliance).then_some(rows.as_slice()),
        trend: trend.as_ref(),
        levels: None,
        items: None,
        benchmark: candidates.as_deref(),
        progress: progress.as_deref(),
        register: named.as_deref(),
        heat: None,
        rectification: None,
        members: &[],
        invalid: &invalid,
    };
    app::emit_with(output, &loaded.checklist, |r, out| r.report(&report, out))?;
    app::invalid_if(loaded.has_errors())
}

/// The register's entries (those of the orgs `--org` keeps) and their states, judged on
/// `records` (at least every record of the named branches, sorted, as loaded); `None` without a valid register or one that names no
/// branch yet (as `audit init` writes it): the benchmark view is then what it always was,
/// in every format.
fn register<R: Kept, J: Graded>(
    loaded: &Loaded<R>,
    records: &[&J],
    filters: &Filters,
    scope: &Scope,
) -> Option<Vec<NamedState>> {
    let register = loaded.register.as_ref().filter(|r| !r.named.is_empty())?;
    let read = scope::register_read(scope, loaded);
    Some(register::states(
        register,
        records,
        &register::periods(&loaded.records),
        loaded.roster.as_ref(),
        loaded.checklists(),
        |n| (filters.org.is_empty() || filters.org.contains(&n.org)) && read(n),
    ))
}

/// The invalid records the filters do not rule out, or the refusal to write a report that
/// would pass over them: it would count their branches as missing (or not at all). Written
/// anyway with `--partial`. An invalid roster stops the report: no population can be known.
fn invalid_or_refuse<R>(
    loaded: &Loaded<R>,
    filters: &Filters,
    partial: bool,
) -> app::Result<Vec<load::InvalidRecord>> {
    if loaded.roster_invalid {
        crate::output::tell(format_args!(
            "{}",
            tr("roster-toml-is-invalid-no-compliance")
        ));
        return Err(Error::Reported);
    }
    let invalid: Vec<load::InvalidRecord> = scope::invalid_in_scope(loaded, filters)
        .into_iter()
        .cloned()
        .collect();
    if !invalid.is_empty() && !partial {
        let files: Vec<&str> = invalid.iter().map(|i| i.file.as_str()).collect();
        crate::output::tell(format_args!(
            "{}",
            t!(
                "the-report-was-not-written-invalid",
                n = invalid.len(),
                files = files.join(", ")
            )
        ));
        return Err(Error::Reported);
    }
    Ok(invalid)
}

/// The periods whose overall row only repeats its one org's row, given each row's (period,
/// org): with --org, tables show such a row once. JSON keeps its contract (one overall row
/// per period), and the HTML page its headline figures, so for those formats: none.
fn one_org_periods<'r>(
    rows: impl Iterator<Item = (&'r str, Option<&'r str>)>,
    filters: &Filters,
    format: Format,
) -> BTreeSet<String> {
    if filters.org.is_empty() || matches!(format, Format::Json | Format::Jsonl | Format::Html) {
        return BTreeSet::new();
    }
    let mut orgs_per_period: std::collections::BTreeMap<&str, usize> = Default::default();
    for (period, _) in rows.filter(|(_, org)| org.is_some()) {
        *orgs_per_period.entry(period).or_default() += 1;
    }
    orgs_per_period
        .into_iter()
        .filter(|(_, n)| *n == 1)
        .map(|(p, _)| p.to_string())
        .collect()
}

/// Progress rows as shown (see [`one_org_periods`]).
fn one_org_once(
    mut rows: Vec<progress::ProgressRow>,
    filters: &Filters,
    format: Format,
) -> Vec<progress::ProgressRow> {
    let single = one_org_periods(
        rows.iter().map(|r| (r.period.as_str(), r.org.as_deref())),
        filters,
        format,
    );
    rows.retain(|r| r.org.is_some() || !single.contains(&r.period));
    rows
}

/// The compliance rows as shown (see below) and, when asked for, the trend across periods.
fn narrow_and_trend(
    mut rows: Vec<ComplianceRow>,
    filters: &Filters,
    format: Format,
    wants: impl Fn(View) -> bool,
) -> (Vec<ComplianceRow>, Option<Trend>) {
    let one_org_periods = one_org_periods(
        rows.iter().map(|r| (r.period.as_str(), r.org.as_deref())),
        filters,
        format,
    );
    rows.retain(|r| r.org.is_some() || !one_org_periods.contains(&r.period));
    let mut trend = wants(View::Trend).then(|| views::trend(&rows));
    if let Some(t) = trend.as_mut()
        && !one_org_periods.is_empty()
        && t.periods.iter().all(|p| one_org_periods.contains(p))
    {
        t.rows.retain(|r| r.org.is_some());
    }
    (rows, trend)
}
