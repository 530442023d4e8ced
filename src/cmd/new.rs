//! `audit new`: a blank record form to fill in, or (`--from FILE`) the next level of a
//! record, started from its highest level's values.

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::app::{self, Error};
use crate::author::form::{self, FormHeader};
use crate::cmd::records::{
    Homes, RECORD_SCHEMA_FILE, record_headers, same_file, shown_path, version_schema_file,
};
use crate::discover;
use crate::i18n::tr;
use crate::output;
use crate::read::checklist::Checklist;
use crate::read::load;
use crate::read::record::Level;

pub struct Config {
    pub org: Option<String>,
    pub branch: Option<String>,
    pub period: Option<String>,
    /// The level of the form [default: self; with `from`, the next one up].
    pub level: Option<Level>,
    /// Add a level to this record.
    pub from: Option<PathBuf>,
    /// The new level's date (SPEC §12.1): given, or with `from` today.
    pub date: Option<chrono::NaiveDate>,
    /// Write here instead (- for standard output).
    pub output: Option<PathBuf>,
    pub force: bool,
    /// The checklist to use instead of the root's.
    pub checklist: Option<PathBuf>,
    /// The records root, or a folder inside it.
    pub dir: PathBuf,
}

pub fn run(config: &Config) -> app::Result<()> {
    let Config {
        org,
        branch,
        period,
        level,
        from,
        date,
        output,
        force,
        checklist,
        dir,
    } = config;
    let (org, branch, period) = (org.as_deref(), branch.as_deref(), period.as_deref());
    let (output, checklist, force, level) =
        (output.as_deref(), checklist.as_deref(), *force, *level);
    if let Some(file) = from {
        let date = date.unwrap_or_else(app::today);
        return new_level(file, level, date, output, force, checklist);
    }
    let (Some(org), Some(branch), Some(period)) = (org, branch, period) else {
        return Err(app::invalid(tr("give-org-branch-and-period-or")));
    };
    for (flag, v) in [("--org", org), ("--branch", branch), ("--period", period)] {
        if v.trim().is_empty() {
            return Err(app::invalid(t!("must-not-be-empty-flag", flag = flag)));
        }
    }
    let (root, versions) = app::versions_at(dir, checklist)?;
    // The form of the checklist covering its period (SPEC §11.11).
    let checklist = app::checklist_for_period(&versions, period)?;
    let level = level.unwrap_or(Level::SelfAssessment);
    let to_stdout = output.is_some_and(|o| o == Path::new("-"));
    let headers = if to_stdout {
        std::collections::HashMap::new()
    } else {
        record_headers(&root)?
    };
    // Beside the branch's (or its org's) existing records, as import places them: a form
    // for 华晋证券 goes into `huajin-securities/…` where that org already lives.
    let path = match output {
        Some(o) if !to_stdout => o.to_path_buf(),
        Some(_) => PathBuf::new(),
        None => Homes::of(&root.dir, &headers).place(&root.dir, org, branch, period),
    };
    // One record per branch and period: point at the existing one instead of starting a
    // duplicate that would knock both out of the scores. --force may replace that record's
    // own file (a form to start again), never write a second one elsewhere.
    if !to_stdout
        && let Some(file) = headers.get(&(org.to_string(), branch.to_string(), period.to_string()))
        && !(force && same_file(&file.path, &path))
    {
        return Err(app::invalid(t!(
            "already-has-a-record-to-add",
            org = org,
            branch = branch,
            period = period,
            file = file.name,
            path = shown_path(&file.path)
        )));
    }
    let schema = if to_stdout {
        None
    } else {
        schema_file(&root.dir, &versions, checklist)
            .and_then(|f| schema_reference(&root.dir, &path, &f))
    };
    let text = form::record_form(
        checklist,
        &FormHeader {
            org,
            branch,
            period,
            schema: schema.as_deref(),
        },
        level,
        *date,
    );
    if to_stdout {
        return app::write_stdout(text.as_bytes());
    }
    if path.exists() && !force {
        return Err(app::invalid(t!(
            "already-exists-a-record-whose-names",
            file = shown_path(&path)
        )));
    }
    output::prepare_write(&root.dir, &path)?;
    // A file named with -o is output; a record placed in the root is the root's.
    if config.output.is_some() {
        app::write_output(Some(&path), text.as_bytes(), force)?;
    } else {
        output::write_file_atomic(&path, text.as_bytes(), force)?;
    }
    crate::output::tell(format_args!(
        "{}",
        t!("wrote-fill-in-every-then-run", file = shown_path(&path))
    ));
    Ok(())
}

/// The record schema at the root that fits a form of `checklist`, if there is one: with
/// several checklists (SPEC §11.11), `record.<version>.schema.json` (see
/// [`version_schema_file`]), else `record.schema.json` when the form's checklist is the root's
/// `checklist.toml` (whose records that file describes); with one checklist,
/// `record.schema.json`. A schema of another version would flag a valid form, so none is
/// better than that.
fn schema_file(root: &Path, versions: &load::Versions, checklist: &Checklist) -> Option<String> {
    let several = !versions.earlier.is_empty();
    if several && let Some(version) = checklist.version.as_deref() {
        let file = version_schema_file(version);
        if root.join(&file).is_file() {
            return Some(file);
        }
    }
    let current = std::ptr::eq(checklist, &versions.current);
    (current && root.join(RECORD_SCHEMA_FILE).is_file()).then(|| RECORD_SCHEMA_FILE.to_string())
}

/// The `#:schema` path from a form at `form` to the root's schema `file`: relative inside the
/// root.
fn schema_reference(root: &Path, form: &Path, file: &str) -> Option<String> {
    let form = crate::fence::absolute(form);
    let rel = form.parent()?.strip_prefix(root).ok()?;
    let ups = rel.components().count();
    Some(format!("{}{file}", "../".repeat(ups)))
}

/// `new --from FILE`: add a level to a record, starting from its highest level.
fn new_level(
    file: &Path,
    level: Option<Level>,
    date: chrono::NaiveDate,
    output: Option<&Path>,
    force: bool,
    checklist: Option<&Path>,
) -> app::Result<()> {
    if !file.is_file() {
        return Err(app::invalid(t!(
            "no-such-file-or-folder",
            path = file.display()
        )));
    }
    let (root, versions) = app::versions_at(file, checklist)?;
    let abs = crate::fence::absolute(file);
    let name = discover::relative(&root.dir, &abs).unwrap_or_else(|| file.display().to_string());
    let fence = crate::fence::Fence::new(&root.dir);
    let source = load::read_source_inside(&fence, &abs, name).map_err(|d| anyhow!("{d}"))?;
    let (record, diags) = versions.parse_record(source.clone(), Some(&root.dir));
    app::print_diagnostics_only(&diags);
    let record = record.ok_or(Error::Reported)?;
    let checklist = versions.set().for_record(&record);
    let highest = record.effective_level().ok_or_else(|| {
        anyhow!(
            "{}",
            t!("has-no-level-to-start-from", file = file.display())
        )
    })?;
    let level = match level {
        Some(l) => l,
        None => match highest {
            Level::SelfAssessment => Level::Review,
            Level::Review => Level::Acceptance,
            Level::Acceptance => {
                return Err(app::invalid(t!(
                    "already-has-every-level-name-one",
                    file = file.display()
                )));
            }
        },
    };
    // The new level may not be dated before a level below it (SPEC §12.1): refused here,
    // rather than written for the next check to reject.
    if let Some((lower, lower_date)) = record.dated_before_lower(level, date) {
        return Err(app::invalid(t!(
            "level-dated-before-lower",
            level = crate::i18n::tr_word(level.name()),
            date = date,
            lower = crate::i18n::tr_word(lower.name()),
            lower_date = lower_date
        )));
    }
    let table = form::level_from(checklist, &record, level, date).ok_or_else(|| {
        anyhow!(
            "{}",
            t!("has-no-level-to-start-from", file = file.display())
        )
    })?;
    match output {
        Some(o) if o == Path::new("-") => app::write_stdout(table.as_bytes())?,
        Some(o) => app::write_output(Some(o), table.as_bytes(), force)?,
        None => {
            let original = fence
                .read(&abs)
                .map_err(|_| anyhow!("{}", t!("cannot-read-path", path = file.display())))?;
            let crlf = original.windows(2).any(|w| w == b"\r\n");
            let mut bytes = if record.level(level).is_some() {
                if !force {
                    return Err(app::invalid(t!(
                        "already-has-pass-force-to-replace",
                        file = file.display(),
                        level = level
                    )));
                }
                let mut doc: toml_edit::DocumentMut =
                    source.text.parse().map_err(|e: toml_edit::TomlError| {
                        anyhow!("{}", t!("cannot-edit", path = file.display(), e = e))
                    })?;
                doc.remove(level.name());
                doc.to_string().into_bytes()
            } else {
                // Appending keeps every byte of the file as it was: a BOM, CRLF line ends.
                original
            };
            if !bytes.ends_with(b"\n") {
                bytes.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
            }
            let table = if crlf {
                table.replace('\n', "\r\n")
            } else {
                table
            };
            bytes.extend_from_slice(table.as_bytes());
            output::prepare_write(&root.dir, &abs)?;
            output::write_file_atomic(&abs, &bytes, true)?;
            crate::output::tell(format_args!(
                "{}",
                t!(
                    "added-to-started-from-review-the",
                    level = level,
                    file = file.display(),
                    from = highest
                )
            ));
        }
    }
    Ok(())
}
