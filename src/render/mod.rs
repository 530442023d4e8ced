//! The last stage of the pipeline: computed reports → bytes, one file per format.
//!
//! Every format is fed the same computed report, so the figures cannot disagree between
//! formats. The tabular formats (table, csv, markdown, xlsx) render [`Table`]s built once in
//! [`tables`]; JSON renders typed structs that are the stable contract of SPEC §7, and the
//! HTML page draws its charts from the report itself. ("Sheet" is kept for the office
//! spreadsheet of `import` and `export-sheet`; a [`Table`] becomes a worksheet only in xlsx.)

pub mod ci;
pub mod csv;
pub mod figures;
pub mod grid;
pub mod html;
pub mod json;
pub mod markdown;
pub mod tables;
pub mod terminal;
pub mod xlsx;

use std::io::{self, Write};

use crate::aggregate::compliance::{ComplianceRow, Member};
use crate::aggregate::diff::Diff;
use crate::aggregate::progress::ProgressRow;
use crate::aggregate::views::{Candidate, Heat, Items, Levels, Trend};
use crate::diagnostic::Diagnostic;
use crate::points::{Points, Rate};
use crate::read::checklist::Checklist;
use crate::score::Scored;

/// Output formats of SPEC §5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned text table (handles Chinese text width).
    Table,
    /// Comma-separated values, UTF-8.
    Csv,
    /// One JSON document (the stable contract).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// GitHub-flavoured Markdown tables.
    Markdown,
    /// An Excel workbook, one worksheet per table (needs -o FILE).
    Xlsx,
    /// A self-contained HTML page with charts (report; -o FILE.html).
    Html,
    /// GitHub Actions annotations (check only).
    Github,
    /// JUnit XML for GitLab and Jenkins (check only).
    Junit,
}

/// A rectangular view with a title and notes: what table, CSV, Markdown and xlsx render.
#[derive(Clone, Debug, Default)]
pub struct Table {
    /// A short name: the worksheet's name in xlsx (at most 31 characters).
    pub name: String,
    /// Shown above the table (table and Markdown; the first row in xlsx).
    pub title: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines shown below the table (table and Markdown only).
    pub notes: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Column {
    pub name: String,
    /// Numbers are right-aligned.
    pub numeric: bool,
}

impl Column {
    /// A text column; its name is shown in the interface language.
    pub fn text(name: &str) -> Column {
        Column {
            name: crate::i18n::tr_word(name),
            numeric: false,
        }
    }

    /// A number column; its name is shown in the interface language.
    pub fn number(name: &str) -> Column {
        Column {
            name: crate::i18n::tr_word(name),
            numeric: true,
        }
    }
}

/// One value of a table. Renderers format cells only through [`Cell::display`], so a
/// figure reads the same in every text format.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    Points(Points),
    Rate(Rate),
    Count(u64),
    /// Any other exact figure, as its text (a median of days: `9.5`); a number in xlsx.
    Number(String),
    Empty,
}

impl Cell {
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Points(p) => p.fixed(),
            Cell::Rate(r) => r.percent_fixed(),
            Cell::Count(n) => n.to_string(),
            Cell::Number(s) => s.clone(),
            Cell::Empty => String::new(),
        }
    }

    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn opt_text(s: Option<&str>) -> Cell {
        s.map_or(Cell::Empty, Cell::text)
    }
}

/// What `audit score` renders.
pub struct ScoreReport<'a> {
    pub checklist: &'a Checklist,
    pub records: &'a [Scored<'a>],
    /// Add one column per item.
    pub items: bool,
}

/// The compliance rows with their checklist: the compliance table of `audit report` (in the
/// tabular formats and on the HTML page).
pub struct ComplianceReport<'a> {
    pub checklist: &'a Checklist,
    pub rows: &'a [ComplianceRow],
}

/// What `audit report` renders: the selected views, all computed from the same records.
pub struct ReportViews<'a> {
    pub checklist: &'a Checklist,
    pub compliance: Option<&'a [ComplianceRow]>,
    pub trend: Option<&'a Trend>,
    pub levels: Option<&'a Levels>,
    /// One per checklist version (SPEC §11.11); one for a root with one checklist.
    pub items: Option<&'a [Items]>,
    /// The benchmark register's entries and their states (SPEC §12.4): with the benchmark
    /// view, when the root has a valid `benchmarks.toml`.
    pub register: Option<&'a [crate::aggregate::register::NamedState]>,
    pub benchmark: Option<&'a [Candidate<'a>]>,
    /// The campaign's progress per period and org (SPEC §12.2).
    pub progress: Option<&'a [ProgressRow]>,
    /// Item shares per subsidiary (the HTML report's heat map).
    pub heat: Option<&'a Heat>,
    /// Rectification tasks judged on a day (SPEC §12.3).
    pub rectification: Option<&'a crate::aggregate::rectification::Rectification<'a>>,
    /// The populations behind the compliance rows, with each member's record (the HTML
    /// report lists the members failing, incomplete or missing).
    pub members: &'a [Member<'a, crate::score::Scored<'a>>],
    /// The invalid record files a partial report (`--partial`) was written over: every
    /// format says so. Empty otherwise.
    pub invalid: &'a [crate::read::load::InvalidRecord],
}

/// What `audit check` renders.
pub struct CheckReport<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub records: usize,
    pub gates: &'a [GateResult],
    /// Every record file read (valid or not), sorted: the test cases of a JUnit report.
    pub files: &'a [String],
    /// The records root relative to the current folder (where CI runs, at the top of the
    /// repository), `/`-separated with a trailing `/`, or empty: GitHub annotations name
    /// files as the repository does.
    pub root: &'a str,
}

/// The outcome of one opt-in gate of `audit check`, judged in [`crate::aggregate::gates`].
pub use crate::aggregate::gates::GateResult;

/// One renderer per report format; the tabular ones only implement [`Renderer::tables`].
///
/// The CI formats (github, junit) are not renderers: they write `audit check`'s result and
/// nothing else, so they have a path of their own, [`ci::Ci`], and no method here to refuse.
pub trait Renderer {
    fn tables(&self, tables: &[Table], out: &mut dyn Write) -> io::Result<()>;

    fn scores(&self, report: &ScoreReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.tables(&tables::scores_tables(report), out)
    }

    fn report(&self, report: &ReportViews<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.tables(&tables::report(report), out)
    }

    fn diff(&self, d: &Diff, out: &mut dyn Write) -> io::Result<()> {
        self.tables(&tables::diff(d), out)
    }

    fn explain(
        &self,
        checklist: &Checklist,
        s: &Scored<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.tables(&tables::explain(checklist, s), out)
    }

    fn check(&self, report: &CheckReport<'_>, out: &mut dyn Write) -> io::Result<()> {
        self.tables(&tables::check(report), out)
    }
}

/// The renderer of a report format; `None` for a CI format (github, junit), which renders
/// only `audit check`'s result (see [`ci::Ci`]). `bom` applies to CSV only; `wrap` lets
/// tables wrap to the terminal's width instead of growing without bound; `heading` is the
/// xlsx and HTML header line (checklist title, version, generation time).
pub fn renderer(format: Format, bom: bool, wrap: bool, heading: &str) -> Option<Box<dyn Renderer>> {
    Some(match format {
        Format::Xlsx => Box::new(xlsx::XlsxRenderer {
            heading: heading.to_string(),
        }),
        Format::Html => Box::new(html::HtmlRenderer {
            heading: heading.to_string(),
        }),
        Format::Table => Box::new(terminal::TerminalRenderer { wrap }),
        Format::Csv => Box::new(csv::CsvRenderer::new(bom)),
        Format::Json => Box::new(json::JsonRenderer { lines: false }),
        Format::Jsonl => Box::new(json::JsonRenderer { lines: true }),
        Format::Markdown => Box::new(markdown::MarkdownRenderer),
        Format::Github | Format::Junit => return None,
    })
}
