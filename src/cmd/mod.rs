//! The commands, one file each, over [`crate::app`]. This module turns the command line
//! ([`crate::cli`]) into each command's validated configuration once (a level, a status, a
//! rate parsed here and nowhere else) and dispatches; the commands never see clap's structs
//! beyond the value enums.

pub mod check;
pub mod completions;
pub mod diff;
pub mod explain;
pub mod export_sheet;
pub mod import;
pub mod init;
pub mod man;
pub mod new;
pub mod records;
pub mod report;
pub mod schema;
pub mod scope;
pub mod score;

use std::path::PathBuf;

use anyhow::anyhow;
use chrono::NaiveDate;

use crate::aggregate::gates;
use crate::app::{self, Output};
use crate::cli::{self, Cli, Command};
use crate::i18n::tr;
use crate::points::Rate;
use crate::read::record::Level;
use crate::score::{LevelChoice, Status};
use scope::{Filters, Scope};

/// Runs the command line: the interface language first (its messages are in it), then the
/// command.
pub fn run(cli: Cli) -> app::Result<()> {
    let (lang, unknown) = crate::i18n::choose(cli.lang.as_deref());
    crate::i18n::set(lang);
    match unknown {
        Some(crate::i18n::UnknownLang::Flag(name)) => {
            return Err(app::invalid(t!(
                "unknown-language-known-en-zh",
                lang = name
            )));
        }
        Some(crate::i18n::UnknownLang::Env(name)) => crate::output::tell(format_args!(
            "{}: {}",
            tr("warning"),
            t!("audit-lang-unknown-language-known-en", lang = name)
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
        } => score::run(&score::Config {
            scope: paths.into(),
            filters: filters.into(),
            items,
            level: level_choice(level),
            status: status.into_iter().map(Status::from).collect(),
            output: output.into(),
        }),
        Command::Explain {
            file,
            level,
            checklist,
            at,
            output,
        } => explain::run(&explain::Config {
            file,
            level: level_choice(level),
            checklist,
            at,
            output: output.into(),
        }),
        Command::Check {
            paths,
            deny,
            min_compliance,
            target,
            ratchet,
            as_of: day,
            filters,
            output,
        } => check::run(&check::Config {
            as_of: as_of(day.as_deref())?,
            scope: paths.into(),
            gates: gates::Asked {
                deny: deny.iter().filter_map(|d| d.status()).collect(),
                overdue: deny.contains(&cli::DenyArg::Overdue),
                benchmark_at_risk: deny.contains(&cli::DenyArg::BenchmarkAtRisk),
                min_compliance: min_compliance.as_deref().map(rate).transpose()?,
                target,
                ratchet,
            },
            filters: filters.into(),
            output: output.into(),
        }),
        Command::Diff {
            from,
            to,
            all,
            dir,
            filters,
            output,
        } => diff::run(&diff::Config {
            from,
            to,
            all,
            dir,
            filters: filters.into(),
            output: output.into(),
        }),
        Command::Init { dir, force } => init::run(&init::Config { dir, force }),
        Command::New {
            org,
            branch,
            period,
            level,
            from,
            date,
            output,
            force,
            root,
        } => new::run(&new::Config {
            org,
            branch,
            period,
            level: level.map(Level::from),
            // A blank form's date is left to fill in; --from's level is dated today.
            date: match date {
                Some(d) => Some(parse_date("--date", &d)?),
                None => None,
            },
            from,
            output,
            force,
            checklist: root.checklist,
            dir: root.dir,
        }),
        Command::Import {
            file,
            sheet,
            force,
            root,
        } => import::run(&import::Config {
            file,
            sheet,
            force,
            checklist: root.checklist,
            dir: root.dir,
        }),
        Command::ExportSheet {
            paths,
            filters,
            format,
            output,
            force,
            bom,
        } => export_sheet::run(&export_sheet::Config {
            scope: paths.into(),
            filters: filters.into(),
            format,
            output,
            force,
            bom,
        }),
        Command::Schema {
            kind,
            period,
            output,
            force,
            root,
        } => schema::run(&schema::Config {
            kind,
            period,
            output,
            force,
            checklist: root.checklist,
            dir: root.dir,
        }),
        Command::Completions { shell } => completions::run(shell),
        Command::Man { output, force } => man::run(&man::Config { dir: output, force }),
        Command::Report {
            paths,
            view,
            top,
            partial,
            filters,
            status,
            as_of: day,
            output,
        } => report::run(&report::Config {
            as_of: as_of(day.as_deref())?,
            scope: paths.into(),
            views: view,
            top,
            partial,
            filters: filters.into(),
            status: status.into_iter().map(Status::from).collect(),
            output: output.into(),
        }),
    }
}

/// `--level`: that level, else each record's highest.
fn level_choice(level: Option<cli::LevelArg>) -> LevelChoice {
    level.map_or(LevelChoice::Effective, |l| LevelChoice::Named(l.into()))
}

/// `--as-of DATE`, or today (SPEC §12.3). Parsed here, like a rate, so that its error is in
/// the interface language.
fn as_of(text: Option<&str>) -> app::Result<NaiveDate> {
    match text {
        Some(text) => parse_date("--as-of", text),
        None => Ok(app::today()),
    }
}

/// A date flag, YYYY-MM-DD.
fn parse_date(flag: &str, text: &str) -> app::Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("{flag} {text:?}: {}", t!("expected-a-date-such-as")).into())
}

/// A rate flag ("95%" or 0.95). Parsed here rather than by clap so that its error is in the
/// interface language, which `--lang` sets only once clap is done.
fn rate(text: &str) -> app::Result<Rate> {
    Rate::parse(text).map_err(|e| anyhow!("--min-compliance {text:?} {}", e.text().shown()).into())
}

impl From<cli::Paths> for Scope {
    fn from(p: cli::Paths) -> Scope {
        Scope {
            paths: if p.paths.is_empty() {
                vec![PathBuf::from(".")]
            } else {
                p.paths
            },
            checklist: p.checklist,
            at: p.at,
        }
    }
}

impl From<cli::Filters> for Filters {
    fn from(f: cli::Filters) -> Filters {
        Filters {
            org: f.org,
            period: f.period,
        }
    }
}

impl From<cli::OutputArgs> for Output {
    fn from(o: cli::OutputArgs) -> Output {
        Output {
            format: o.format,
            output: o.output,
            force: o.force,
            bom: o.bom,
        }
    }
}

impl From<cli::CheckOutputArgs> for Output {
    fn from(o: cli::CheckOutputArgs) -> Output {
        Output {
            format: o.format,
            output: o.output,
            force: o.force,
            bom: o.bom,
        }
    }
}
