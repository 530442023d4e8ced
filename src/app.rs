//! The layer every command stands on: one error type with its exit code, loading the records
//! or reporting why not, printing diagnostics, and writing output. Commands (`cmd/`) use it;
//! it knows nothing of the command line.
//!
//! Exit codes (SPEC §5, README "Exit codes"): 0 success, 1 a gate failed, 2 invalid input or
//! usage, 3 writing the output (standard output, an `-o` file) failed. A closed pipe is not
//! an error: `output_error` is the one place that says so.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::anyhow;

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::tr;
use crate::output;
use crate::read::checklist::Checklist;
use crate::read::load::{self, LoadError, Loaded};
use crate::render::{self, Format};

/// How a command failed. Every command returns `Result<(), Error>`; [`exit`] turns it into
/// the exit code and prints what is left to say.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Invalid input or usage, not said yet: printed as "error: …" (exit 2).
    #[error("{0:#}")]
    Invalid(anyhow::Error),
    /// Invalid input already reported on stderr (its diagnostics, a closing line) (exit 2).
    #[error("invalid input")]
    Reported,
    /// A gate of `check` failed; the report written says which (exit 1).
    #[error("a gate failed")]
    GateFailed,
    /// Writing the output (standard output, an `-o` file) failed (exit 3).
    #[error("{0:#}")]
    Output(anyhow::Error),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The exit code of SPEC §5.
    pub fn code(&self) -> u8 {
        match self {
            Error::GateFailed => 1,
            Error::Invalid(_) | Error::Reported => 2,
            Error::Output(_) => 3,
        }
    }

    /// The message still to print, if any (the others were reported as they happened).
    fn message(&self) -> Option<String> {
        match self {
            Error::Invalid(e) | Error::Output(e) => Some(format!("{e:#}")),
            Error::Reported | Error::GateFailed => None,
        }
    }
}

/// An error message for an invalid input: `Err(invalid(t!(…)))`.
pub fn invalid(message: String) -> Error {
    Error::Invalid(anyhow!("{message}"))
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Error {
        Error::Invalid(e)
    }
}

macro_rules! invalid_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Error {
            fn from(e: $t) -> Error {
                Error::Invalid(e.into())
            }
        }
    )*};
}
invalid_from!(
    io::Error,
    serde_json::Error,
    LoadError,
    crate::discover::DiscoverError,
    crate::git::GitError,
    rust_xlsxwriter::XlsxError
);

/// The exit code of a run, after printing its error (if one is left to print).
pub fn exit(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(message) = e.message() {
                output::tell(format_args!("{}: {message}", tr("error")));
            }
            ExitCode::from(e.code())
        }
    }
}

/// `Ok` when the run read invalid input it went on without, `Err(Reported)` otherwise.
pub fn invalid_if(has_errors: bool) -> Result<()> {
    if has_errors {
        Err(Error::Reported)
    } else {
        Ok(())
    }
}

// ── writing output ──────────────────────────────────────────────────────────────────────

/// Sorts a failed write: a closed pipe (`audit score | head`) is not an error, and the
/// command's own outcome still decides the exit code; a target that cannot be used (the
/// file exists, its folder does not, it is not a file audit writes to) is a usage error;
/// a failure while writing (a full disk, an I/O error) is [`Error::Output`].
fn output_error(e: anyhow::Error) -> Result<()> {
    use io::ErrorKind::*;
    let kind = e
        .chain()
        .find_map(|c| c.downcast_ref::<io::Error>())
        .map(io::Error::kind);
    match kind {
        Some(BrokenPipe) => Ok(()),
        None
        | Some(
            AlreadyExists | NotFound | PermissionDenied | NotADirectory | IsADirectory
            | ReadOnlyFilesystem | InvalidInput | InvalidFilename,
        ) => Err(Error::Invalid(e)),
        Some(_) => Err(Error::Output(e)),
    }
}

/// Writes `bytes` to `-o FILE` (atomically, replacing it only with `force`), or to standard
/// output without one.
pub fn write_output(to: Option<&Path>, bytes: &[u8], force: bool) -> Result<()> {
    match to {
        Some(path) => output::write_file_atomic(path, bytes, force),
        // Name what could not be written: "No space left on device" alone does not say
        // whether the records, a temporary file or the report failed.
        None => output::write_stdout(bytes)
            .map_err(|e| anyhow::Error::from(e).context(tr("cannot-write-standard-output"))),
    }
    .or_else(output_error)
}

/// Writes `bytes` to standard output.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    write_output(None, bytes, false)
}

/// Prints a line for people on standard output.
pub fn say(text: std::fmt::Arguments<'_>) -> Result<()> {
    output::say(text)
        .map_err(anyhow::Error::from)
        .or_else(output_error)
}

/// Where and how a command writes its result.
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub format: Option<Format>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub bom: bool,
}

/// Renders with the renderer of the asked format and writes the result.
pub fn emit(
    output: &Output,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> io::Result<()>,
) -> Result<()> {
    emit_heading(output, "audit", render)
}

/// Like [`emit`], with the checklist's title and version in the xlsx heading.
pub fn emit_with(
    output: &Output,
    checklist: &Checklist,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> io::Result<()>,
) -> Result<()> {
    let version = checklist
        .version
        .as_deref()
        .map_or(String::new(), |v| t!("version", version = v));
    emit_heading(output, &format!("{}{version}", checklist.title), render)
}

/// Writes text made outside the renderers (the CI formats of `check`) as it is.
pub fn emit_text(output: &Output, text: &str) -> Result<()> {
    write_output(output.output.as_deref(), text.as_bytes(), output.force)
}

fn emit_heading(
    output: &Output,
    heading: &str,
    render: impl FnOnce(&dyn render::Renderer, &mut Vec<u8>) -> io::Result<()>,
) -> Result<()> {
    let format = output.format.unwrap_or(Format::Table);
    if format == Format::Xlsx && output.output.is_none() {
        return Err(invalid(tr("format-xlsx-writes-a-binary-workbook")));
    }
    let wrap = output.output.is_none() && io::stdout().is_terminal();
    let heading = t!("generated", heading = heading, time = generated_at());
    let csv = (format == Format::Csv).then(|| render::csv::CsvRenderer::new(output.bom));
    let other;
    let renderer: &dyn render::Renderer = match &csv {
        Some(csv) => csv,
        None => {
            // Only check writes the CI formats (through render::ci), and clap refuses them
            // for every other command: this is a second line of defence.
            other = render::renderer(format, output.bom, wrap, &heading)
                .ok_or_else(|| invalid(tr("format-github-and-junit-are-for")))?;
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
    write_output(output.output.as_deref(), &bytes, output.force)
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
fn write_csv_tables(output: &Output, tables: &[render::csv::CsvTable]) -> Result<()> {
    let names: Vec<&str> = tables.iter().map(|t| t.file.as_str()).collect();
    let dir = match output.output.as_deref() {
        Some(dir) if is_folder_target(dir) => dir,
        _ => {
            return Err(invalid(t!(
                "format-csv-holds-one-table-per",
                n = tables.len(),
                files = names.join(", ")
            )));
        }
    };
    let existing = existing_files(tables.iter().map(|t| dir.join(&t.file)), output.force);
    if !existing.is_empty() {
        return Err(invalid(existing.join("\n")));
    }
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    for t in tables {
        write_output(Some(&dir.join(&t.file)), &t.bytes, output.force)?;
    }
    Ok(())
}

/// "PATH already exists" for each of `paths` that does (none with `force`): a run writing
/// several files checks them all before writing any.
pub fn existing_files(paths: impl Iterator<Item = PathBuf>, force: bool) -> Vec<String> {
    paths
        .filter(|p| !force && p.exists())
        .map(|p| t!("already-exists-pass-force-to-overwrite", path = p.display()))
        .collect()
}

/// Today, for the campaign's dates (SPEC §12.3): the local date, or the UTC day of
/// `SOURCE_DATE_EPOCH` when set, so that a pipeline (and a test) can pin it.
pub fn today() -> chrono::NaiveDate {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .map_or_else(|| chrono::Local::now().date_naive(), |t| t.date_naive())
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

// ── reading, or reporting why not ───────────────────────────────────────────────────────

/// What a command says when the checklist is invalid (nothing can be judged against it).
pub enum IfInvalid<'a> {
    /// Print its problems (exit 2).
    Print,
    /// Print its problems, then this line (exit 2).
    Tell(String),
    /// Print its problems, then fail with this error.
    Fail(String),
    /// Fail with this error; print nothing else.
    FailQuietly(String),
    /// Hand its problems to the command (`check` writes them in its own report), then exit 2.
    Report(Box<ReportInvalid<'a>>),
}

/// How a command reports an invalid checklist's problems itself.
pub type ReportInvalid<'a> = dyn FnOnce(&[Diagnostic]) -> Result<()> + 'a;

impl IfInvalid<'_> {
    /// The checklist's `diags` reported as asked, as the error the command ends with.
    pub fn report(self, diags: &[Diagnostic]) -> Error {
        match self {
            IfInvalid::Print => {
                print_diagnostics_only(diags);
                Error::Reported
            }
            IfInvalid::Tell(line) => {
                print_diagnostics_only(diags);
                output::tell(format_args!("{line}"));
                Error::Reported
            }
            IfInvalid::Fail(message) => {
                print_diagnostics_only(diags);
                invalid(message)
            }
            IfInvalid::FailQuietly(message) => invalid(message),
            IfInvalid::Report(report) => match report(diags) {
                Ok(()) => Error::Reported,
                Err(e) => e,
            },
        }
    }
}

/// Loads the checklist, the roster and the records below `paths` (at git revision `at`),
/// or reports an invalid checklist as `if_invalid` says.
pub fn load_or_report<R: crate::read::record::Kept>(
    paths: &[PathBuf],
    checklist: Option<&Path>,
    at: Option<&str>,
    if_invalid: IfInvalid<'_>,
    keep: &(
         dyn Fn(crate::read::checklist::Checklists<'_>, crate::read::record::Record) -> R + Sync
     ),
) -> Result<Loaded<R>> {
    match load::load_at_with(paths, checklist, at, keep) {
        Ok(loaded) => Ok(loaded),
        Err(LoadError::Definition(diags)) => Err(if_invalid.report(&diags)),
        Err(e) => Err(e.into()),
    }
}

/// Parses a checklist already read, or reports it invalid as `if_invalid` says.
pub fn checklist_or_report(
    source: Result<std::sync::Arc<SourceFile>, Diagnostic>,
    if_invalid: IfInvalid<'_>,
) -> Result<Checklist> {
    source
        .map_err(|d| vec![d])
        .and_then(Checklist::parse)
        .map_err(|diags| if_invalid.report(&diags))
}

/// The checklist for `dir` (or `--checklist`), and the records root.
pub fn checklist_at(
    dir: &Path,
    checklist: Option<&Path>,
) -> Result<(crate::discover::Root, Checklist)> {
    let root = crate::discover::find_root(dir, checklist)?;
    let name = crate::discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    let read = match checklist {
        Some(_) => load::read_source(&root.checklist, name),
        None => {
            load::read_source_inside(&crate::fence::Fence::new(&root.dir), &root.checklist, name)
        }
    };
    let checklist = checklist_or_report(read, IfInvalid::Tell(tr("the-checklist-is-invalid")))?;
    Ok((root, checklist))
}

/// The checklists for `dir` (or the one `--checklist`), and the records root: for the
/// commands that work on one period (`new`) or one record (SPEC §11.11).
pub fn versions_at(
    dir: &Path,
    checklist: Option<&Path>,
) -> Result<(crate::discover::Root, load::Versions)> {
    let (root, current) = checklist_at(dir, checklist)?;
    let name = crate::discover::relative(&root.dir, &root.checklist)
        .unwrap_or_else(|| root.checklist.display().to_string());
    match load::versions_of(current, name, &root, checklist.is_some(), None) {
        Ok(v) => Ok((root, v)),
        Err(LoadError::Definition(diags)) => {
            Err(IfInvalid::Tell(tr("the-checklist-is-invalid")).report(&diags))
        }
        Err(e) => Err(e.into()),
    }
}

/// The checklist covering `period` among `versions`, or an error naming every range.
pub fn checklist_for_period<'v>(
    versions: &'v load::Versions,
    period: &str,
) -> Result<&'v Checklist> {
    let set = versions.set();
    set.for_period(period).ok_or_else(|| {
        let ranges = set.ranges(&versions.names);
        invalid(
            crate::i18n::Shown(crate::problem!(NoChecklistCoversPeriod { period, ranges }))
                .to_string(),
        )
    })
}

// ── diagnostics ─────────────────────────────────────────────────────────────────────────

/// Prints diagnostics to stderr, as they are.
pub fn print_diagnostics_only(diags: &[Diagnostic]) {
    for d in diags {
        output::tell_raw(format_args!("{d}"));
    }
}

/// Prints diagnostics to stderr, with a closing count for commands that go on without the
/// invalid files (`check` prints its own summary instead).
pub fn print_diagnostics(diags: &[Diagnostic]) {
    print_diagnostics_only(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        output::tell(format_args!(
            "{}",
            t!("errors-found-invalid-files-are-left", errors = errors)
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_of(kind: io::ErrorKind) -> Option<u8> {
        let e = anyhow::Error::from(io::Error::from(kind)).context("cannot write x");
        output_error(e).err().map(|e| e.code())
    }

    #[test]
    fn a_closed_pipe_is_not_an_error_and_a_failed_write_is_not_invalid_input() {
        assert_eq!(code_of(io::ErrorKind::BrokenPipe), None);
        assert_eq!(code_of(io::ErrorKind::StorageFull), Some(3));
        assert_eq!(code_of(io::ErrorKind::Other), Some(3));
        assert_eq!(code_of(io::ErrorKind::NotFound), Some(2));
        assert_eq!(code_of(io::ErrorKind::AlreadyExists), Some(2));
        let refused = output_error(anyhow!("x already exists")).unwrap_err();
        assert_eq!(refused.code(), 2);
        assert_eq!(refused.to_string(), "x already exists");
    }

    #[test]
    fn every_error_has_its_exit_code() {
        assert_eq!(Error::GateFailed.code(), 1);
        assert_eq!(Error::Reported.code(), 2);
        assert_eq!(invalid("no".into()).code(), 2);
        assert_eq!(Error::Output(anyhow!("disk full")).code(), 3);
    }
}
