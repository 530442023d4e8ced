//! The command line as clap sees it: raw flags only. [`crate::cmd`] turns them into each
//! command's configuration, converting each value enum here once; nothing else reads these
//! structs.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::read::record::Level;
use crate::render::Format;
use crate::score::Status;

#[derive(Debug, Parser)]
#[command(
    name = "audit",
    version,
    about = "Score assessment records kept as TOML files: exact totals, pass rules, compliance rates.",
    long_about = "Score assessment records kept as plain TOML files (usually in a git repository) \
against a checklist: exact item and total scores, pass rules, bands and compliance rates.\n\n\
The records root is the folder holding checklist.toml; audit finds it at PATH or in the \
nearest folder above, like git finds .git.",
    after_help = "Examples:
  audit score records/                     one row per record
  audit score --items --org 山西证券 .       with item columns, one subsidiary
  audit explain records/sx/second/2022.toml where a branch lost its points
  audit check --deny fail --target .       the CI gate
  audit report --format json .             compliance rates for scripts

Exit codes: 0 success, 1 a gate of `check` failed, 2 invalid input or usage, 3 writing
the output failed."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Interface language: en or zh [default: from AUDIT_LANG or LANG]. JSON never changes.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One row per record: level, base, bonus, total, satisfaction, band, status.
    #[command(after_help = "Examples:
  audit score                              every record below the current folder
  audit score --items records/2023-only/   add one column per checklist item
  audit score --status fail --status incomplete .
  audit score --level self .               score the self-assessments
  audit score --format csv --bom -o scores.csv .   for Excel
  audit score --format json . | jq '.records[] | select(.status == \"fail\")'")]
    Score {
        #[command(flatten)]
        paths: Paths,
        /// Add one column per checklist item.
        #[arg(long)]
        items: bool,
        /// Score this level instead of the highest one present.
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
        #[command(flatten)]
        filters: Filters,
        /// Only records with this status (repeatable).
        #[arg(long, value_enum)]
        status: Vec<StatusArg>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// One record point by point: max, score, and where the points went.
    #[command(after_help = "Examples:
  audit explain records/shanxi-securities/second-branch/2022.toml
  audit explain --level self records/shanxi-securities/second-branch/2022.toml
  audit explain --format markdown FILE > explanation.md")]
    Explain {
        /// The record file.
        file: PathBuf,
        /// Explain this level instead of the highest one present (exit 2 if the record lacks it).
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
        /// Use this checklist instead of the one found above FILE.
        #[arg(long, value_name = "FILE")]
        checklist: Option<PathBuf>,
        /// Explain the record as it is in git revision REV.
        #[arg(long, value_name = "REV")]
        at: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Validate the checklist and every record, reporting every problem in one pass.
    #[command(
        after_help = "Without gates, check only validates (exit 0 or 2). Gates are opt-in and exit 1 when they fail.

Examples:
  audit check .                            validate everything
  audit check --deny fail --deny incomplete .
  audit check --min-compliance 90% .       every period at least 90 % passing
  audit check --target .                   every period meets its checklist target
  audit check --deny overdue --as-of 2025-03-01 .   no rectification task overdue that day
  audit check --deny benchmark-at-risk .   no named benchmark branch at risk (benchmarks.toml)
  audit check --format json .              diagnostics for tools"
    )]
    Check {
        #[command(flatten)]
        paths: Paths,
        /// Fail (exit 1) when any record has this status, with `overdue` when a
        /// rectification task is overdue on --as-of, or with `benchmark-at-risk` when a named
        /// benchmark of benchmarks.toml is at risk (repeatable).
        #[arg(long, value_enum, value_name = "STATUS")]
        deny: Vec<DenyArg>,
        /// Fail when any period's overall compliance rate is below RATE ("95%" or 0.95).
        #[arg(long, value_name = "RATE")]
        min_compliance: Option<String>,
        /// Fail when any period's overall compliance rate is below the checklist's target.
        #[arg(long)]
        target: bool,
        /// Fail when, compared with git revision REV (typically the merge base), a record
        /// newly fails or a period's overall compliance rate drops.
        #[arg(long, value_name = "REV")]
        ratchet: Option<String>,
        /// The day the campaign's dates are judged on, YYYY-MM-DD [default: today, or the
        /// day of SOURCE_DATE_EPOCH when set].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        output: CheckOutputArgs,
    },
    /// Compliance rates and the views an office takes to meetings.
    #[command(
        after_help = "Views (--view, repeatable; default: compliance, or every view for xlsx):
  compliance  per period and org: population, passed, failed, incomplete, missing, rate, target
  trend       compliance rate per org (rows) and period (columns)
  levels      self-assessment vs review vs acceptance: totals, gaps per org and per point
  items       per item and point: average share of max, share of branches losing points, reasons
  benchmark   passing branches ranked by total, then satisfaction (--top N per period); with
              benchmarks.toml, the register: each named branch's latest record and its
              state (kept, at-risk, lapsed, revoked)
  progress    per period and org: branches missing, at self, review, acceptance, passed, and the
              median days from self to review and from review to acceptance
  rectification  tasks open, overdue, done or late on --as-of DATE, counts per period and org,
              points that lost points without a task (in `all` when a record has a task)
  all         every view

Examples:
  audit report .
  audit report --view trend .
  audit report --view benchmark --top 3 --period 2024 .
  audit report --view items --status fail .          where failing branches lose points
  audit report --view progress --period 2025 .       who is still at self-assessment
  audit report --view rectification --as-of 2025-03-01 .   tasks overdue on that day
  audit report --format xlsx -o 2024-report.xlsx .     one worksheet per view, for Excel/WPS
  audit report --format json . | jq '.rows[] | select(.org == null)'"
    )]
    Report {
        #[command(flatten)]
        paths: Paths,
        /// Which view to show (repeatable).
        #[arg(long, value_enum)]
        view: Vec<ViewArg>,
        /// How many benchmark candidates per period: those ranked N or better (ties share a rank).
        #[arg(long, value_name = "N", default_value_t = 5)]
        top: usize,
        /// Write the report even if record files are invalid: each counts as "invalid" (not
        /// "missing") and the report says so. Without it, invalid records stop the report
        /// (exit 2). The exit code stays 2 either way.
        #[arg(long)]
        partial: bool,
        #[command(flatten)]
        filters: Filters,
        /// Only records with this status in the levels, items and benchmark views (repeatable);
        /// compliance rates and the trend always count every record of the population.
        #[arg(long, value_enum)]
        status: Vec<StatusArg>,
        /// The day the campaign's dates are judged on, YYYY-MM-DD [default: today, or the
        /// day of SOURCE_DATE_EPOCH when set].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// What changed between two states of the records: newly passing or failing, totals, rates.
    #[command(
        after_help = "FROM defaults to HEAD, TO to the working tree; either may be any revision.
Records are matched by org, branch and period, so a record moved to another folder is the same.

Examples:
  audit diff                          the working tree against HEAD
  audit diff origin/main              this branch's changes, for a merge request
  audit diff v2023 v2024 --all        two tagged states, unchanged records too
  audit diff -C records HEAD~1 HEAD --format json"
    )]
    Diff {
        /// The earlier state [default: HEAD].
        from: Option<String>,
        /// The later state [default: the working tree].
        to: Option<String>,
        /// List unchanged records too.
        #[arg(long)]
        all: bool,
        /// The records root, or a folder inside it.
        #[arg(short = 'C', long = "dir", value_name = "DIR", default_value = ".")]
        dir: PathBuf,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Start a new records root: checklist, roster, an example record, README, .gitignore.
    #[command(after_help = "Examples:
  audit init party-building-records
  audit init --force .          (also in a folder that is not empty; adds the missing files only)")]
    Init {
        /// The folder to create (or fill).
        dir: PathBuf,
        /// Write into a folder that is not empty; only missing files are added, existing ones kept.
        #[arg(long)]
        force: bool,
    },
    /// A blank record form listing every point, to fill in.
    #[command(
        after_help = "Writes <org>/<branch>/<period>.toml under the records root (folder names slugged,
Chinese kept readable), or to -o FILE (-o - for standard output). Never overwrites without --force.
With --from FILE, adds the next level to that record, starting from its highest level's values.

Examples:
  audit new --org 华晋证券 --branch 第二党支部 --period 2025
  audit new --org \"Taihang Insurance AM\" --branch \"Head Office Branch\" --period 2025 -o -
  audit new --from huajin-securities/second-branch/2025.toml              (adds [review])
  audit new --from huajin-securities/second-branch/2025.toml --level acceptance
  audit new --from huajin-securities/second-branch/2025.toml --date 2025-06-30"
    )]
    New {
        /// The organisation (subsidiary) the branch belongs to, as the roster names it.
        #[arg(long, required_unless_present = "from")]
        org: Option<String>,
        /// The branch assessed, as the roster names it.
        #[arg(long, required_unless_present = "from")]
        branch: Option<String>,
        /// The assessment period, e.g. 2025.
        #[arg(long, required_unless_present = "from")]
        period: Option<String>,
        /// The level of the form [default: self; with --from, the next one up].
        #[arg(long, value_enum)]
        level: Option<LevelArg>,
        /// Add a level to this record, starting from its highest level's values.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["org", "branch", "period"])]
        from: Option<PathBuf>,
        /// The level's date, YYYY-MM-DD [default: with --from, today (or the day of
        /// SOURCE_DATE_EPOCH); a blank form leaves it to fill in].
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Write here instead (- for standard output).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite an existing file (or, with --from, replace an existing level).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        root: RootArgs,
    },
    /// Records from the office spreadsheet (CSV or xlsx): all rows, or nothing.
    #[command(
        after_help = "The sheet: one row per org, branch, period and level; a column per point id; optional
columns surveyed, satisfied, rate, and one per veto and bonus id (`audit export-sheet` writes it).
Every bad cell is reported as file:row:column (with the cell name, e.g. E7) and nothing is written
unless the whole sheet is valid. Values merge into an existing record one by one: a cell that
scores what the record gives keeps the record's entry (deductions, notes); changing a value the
record has needs --force.

Examples:
  audit import scores-2025.xlsx
  audit import --sheet 验收 scores-2025.xlsx records/
  audit import --force corrected.csv"
    )]
    Import {
        /// The sheet: .csv or .xlsx.
        file: PathBuf,
        /// The worksheet to read from an xlsx file [default: the first].
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Replace values (points, survey, vetoes, bonus) that records already have.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        root: RootArgs,
    },
    /// Records as the office spreadsheet that `audit import` reads.
    #[command(after_help = "Examples:
  audit export-sheet -o all.xlsx .
  audit export-sheet --period 2025 --bom -o 2025.csv .")]
    ExportSheet {
        #[command(flatten)]
        paths: Paths,
        #[command(flatten)]
        filters: Filters,
        /// csv or xlsx [default: from the -o file's extension, else csv].
        #[arg(long, value_enum)]
        format: Option<SheetFormat>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the -o file if it exists.
        #[arg(long)]
        force: bool,
        /// Start CSV with a UTF-8 byte-order mark, for Excel.
        #[arg(long)]
        bom: bool,
    },
    /// JSON Schemas for editors (taplo / Even Better TOML read the #:schema line of a form).
    #[command(after_help = "Examples:
  audit schema record > record.schema.json     (audit init writes it; audit new points forms at it)
  audit schema checklist > checklist.schema.json
  audit schema record --period 2020 -o record.2019.schema.json   (the records of checklists/2019.toml,
      version \"2019\"; audit new points a 2020 form at record.<version>.schema.json)")]
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
        /// The record schema of the checklist covering this period (checklists/*.toml);
        /// default: checklist.toml's.
        #[arg(long, value_name = "P")]
        period: Option<String>,
        /// Write to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Overwrite the -o file if it exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        root: RootArgs,
    },
    /// Shell completions: bash, zsh, fish, elvish or powershell.
    #[command(after_help = "Examples:
  audit completions bash > /etc/bash_completion.d/audit
  audit completions zsh > ~/.zfunc/_audit")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual pages (roff): audit.1, and with -o DIR one page per command.
    #[command(
        after_help = "Without -o, prints audit.1 (the overview, listing the commands). With -o DIR, writes
audit.1 and one page per command (audit-score.1, audit-check.1, …), each with every option.

Examples:
  audit man -o /usr/local/share/man/man1        then: man audit-check
  audit man -o ~/.local/share/man/man1          no root needed (MANPATH picks it up)
  audit man > audit.1"
    )]
    Man {
        /// Write every page into this folder instead of printing audit.1.
        #[arg(short, long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Overwrite pages that exist in DIR.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// The format of checklist.toml.
    Checklist,
    /// A record of this checklist: its point ids, maxima, grades.
    Record,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    Compliance,
    Trend,
    Levels,
    Items,
    Benchmark,
    Progress,
    Rectification,
    All,
}

#[derive(Debug, Args)]
pub struct Paths {
    /// Files or folders to read (default: the current folder).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Use this checklist instead of the one found at or above PATH.
    #[arg(long, value_name = "FILE")]
    pub checklist: Option<PathBuf>,
    /// Read the records as they are in git revision REV (a commit, branch or tag) instead of
    /// the working tree.
    #[arg(long, value_name = "REV")]
    pub at: Option<String>,
}

/// Where the records root is, for commands that work on one root.
#[derive(Debug, Args)]
pub struct RootArgs {
    /// Use this checklist instead of the one found at or above DIR.
    #[arg(long, value_name = "FILE")]
    pub checklist: Option<PathBuf>,
    /// The records root, or a folder inside it.
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct Filters {
    /// Only this org (repeatable).
    #[arg(long, value_name = "ORG")]
    pub org: Vec<String>,
    /// Only this period (repeatable).
    #[arg(long, value_name = "PERIOD")]
    pub period: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format [default: table].
    #[arg(long, value_parser = formats_except_ci())]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of standard output; with --format csv and several
    /// tables, a folder for one file per table.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.
    #[arg(long)]
    pub bom: bool,
}

/// The output options of `audit check`: every format, the CI ones (github, junit) included.
#[derive(Debug, Args)]
pub struct CheckOutputArgs {
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE (atomically) instead of standard output; with --format csv and gates,
    /// a folder for one file per table.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the -o file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Start CSV with a UTF-8 byte-order mark, so Excel reads Chinese text correctly.
    #[arg(long)]
    pub bom: bool,
}

/// The formats of every command but `check`: `--help` and completions list only these, and
/// clap refuses the CI formats (github, junit) with the list of accepted ones.
fn formats_except_ci() -> impl clap::builder::TypedValueParser<Value = Format> {
    let accepted: Vec<clap::builder::PossibleValue> = Format::value_variants()
        .iter()
        .filter(|f| !matches!(f, Format::Github | Format::Junit))
        .filter_map(ValueEnum::to_possible_value)
        .collect();
    clap::builder::PossibleValuesParser::new(accepted)
        .map(|name| Format::from_str(&name, false).expect("a listed format"))
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LevelArg {
    #[value(name = "self")]
    SelfAssessment,
    Review,
    Acceptance,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StatusArg {
    Pass,
    Fail,
    Incomplete,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DenyArg {
    Fail,
    Incomplete,
    /// A rectification task not done by its due date (SPEC §12.3), judged on --as-of.
    Overdue,
    /// A benchmark of the register (benchmarks.toml) at risk (SPEC §12.4).
    BenchmarkAtRisk,
}

impl DenyArg {
    /// The record status denied; `None` for a gate on something else.
    pub fn status(self) -> Option<Status> {
        match self {
            DenyArg::Fail => Some(Status::Fail),
            DenyArg::Incomplete => Some(Status::Incomplete),
            DenyArg::Overdue | DenyArg::BenchmarkAtRisk => None,
        }
    }
}

impl From<LevelArg> for Level {
    fn from(arg: LevelArg) -> Level {
        match arg {
            LevelArg::SelfAssessment => Level::SelfAssessment,
            LevelArg::Review => Level::Review,
            LevelArg::Acceptance => Level::Acceptance,
        }
    }
}

impl From<StatusArg> for Status {
    fn from(arg: StatusArg) -> Status {
        match arg {
            StatusArg::Pass => Status::Pass,
            StatusArg::Fail => Status::Fail,
            StatusArg::Incomplete => Status::Incomplete,
        }
    }
}
