//! `audit explain`: one record point by point, from the working tree or a git revision.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::anyhow;

use crate::app::{self, Error, IfInvalid, Output};
use crate::diagnostic::{Diagnostic, SourceFile};
use crate::discover;
use crate::i18n::{tr, tr_word};
use crate::read::load;
use crate::score::{self, LevelChoice};

pub struct Config {
    /// The record file.
    pub file: PathBuf,
    pub level: LevelChoice,
    /// The checklist to use instead of the one found above the file.
    pub checklist: Option<PathBuf>,
    /// The git revision to read the record at.
    pub at: Option<String>,
    pub output: Output,
}

pub fn run(config: &Config) -> app::Result<()> {
    let Config {
        file,
        level,
        checklist,
        at,
        output,
    } = config;
    let (file, checklist, at) = (file.as_path(), checklist.as_deref(), at.as_deref());
    if at.is_none() && file.is_dir() {
        return Err(app::invalid(match first_record_in(file, 4) {
            Some(example) => t!(
                "is-a-folder-audit-explain-takes",
                path = file.display(),
                example = example.display()
            ),
            None => t!(
                "is-a-folder-audit-explain-takes-path",
                path = file.display()
            ),
        }));
    }
    if at.is_none() && !file.is_file() {
        return Err(app::invalid(t!(
            "no-such-file-or-folder",
            path = file.display()
        )));
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
    let abs = crate::fence::absolute(file);
    let name = discover::relative(&root.dir, &abs).unwrap_or_else(|| file.display().to_string());
    // The checklist, the roster and the register are not records: say what they are, not
    // parse errors.
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    };
    if same(&abs, &root.checklist) || name == "checklist.toml" {
        return Err(app::invalid(t!(
            "is-the-checklist-audit-explain-takes",
            file = name
        )));
    }
    if same(&abs, &root.dir.join(discover::ROSTER_FILE)) {
        return Err(app::invalid(t!(
            "is-the-roster-audit-explain-takes",
            file = name
        )));
    }
    if same(&abs, &root.dir.join(discover::BENCHMARKS_FILE)) {
        return Err(app::invalid(t!(
            "is-the-register-audit-explain-takes",
            file = name
        )));
    }
    let (checklist_source, record_source) = read(
        &root,
        checklist.is_some(),
        at,
        (checklist_name.clone(), name),
        &abs,
    )?;
    let current = app::checklist_or_report(checklist_source, IfInvalid::Print)?;
    // The record is explained by the checklist covering its period (SPEC §11.11).
    let versions = match load::versions_of(current, checklist_name, &root, checklist.is_some(), at)
    {
        Ok(v) => v,
        Err(load::LoadError::Definition(diags)) => return Err(IfInvalid::Print.report(&diags)),
        Err(e) => return Err(e.into()),
    };
    let source = record_source.map_err(|d| {
        app::print_diagnostics_only(&[d]);
        Error::Reported
    })?;
    let evidence_root = at.is_none().then_some(root.dir.as_path());
    let (record, mut diags) = versions.parse_record(source, evidence_root);
    diags.sort();
    app::print_diagnostics_only(&diags);
    let record = record.ok_or(Error::Reported)?;
    // A level the record lacks has no figures to explain: say so, print none (exit 2).
    if let LevelChoice::Named(asked) = *level
        && record.level(asked).is_none()
    {
        let present: Vec<String> = crate::read::record::Level::ALL
            .into_iter()
            .filter(|l| record.level(*l).is_some())
            .map(|l| tr_word(l.name()))
            .collect();
        let present = if present.is_empty() {
            tr("none")
        } else {
            present.join(", ")
        };
        crate::output::tell(format_args!(
            "{}",
            t!(
                "has-no-level-levels-present",
                file = record.file,
                level = tr_word(asked.name()),
                present = present
            )
        ));
        return Err(Error::Reported);
    }
    let checklist = versions.set().for_record(&record);
    let scored = score::score(checklist, &record, *level);
    app::emit_with(output, checklist, |r, out| {
        r.explain(checklist, &scored, out)
    })
}

/// A file as read: its text, or why it could not be read.
type Source = Result<Arc<SourceFile>, Diagnostic>;

/// The checklist (`own_checklist`: the `--checklist` file, read from disk even with `at`)
/// and the record at `abs`, from the working tree inside the root or from revision `at`;
/// `names` are theirs relative to the root.
fn read(
    root: &discover::Root,
    own_checklist: bool,
    at: Option<&str>,
    names: (String, String),
    abs: &Path,
) -> app::Result<(Source, Source)> {
    let (checklist_name, name) = names;
    Ok(match at {
        None => {
            let fence = crate::fence::Fence::new(&root.dir);
            (
                if own_checklist {
                    load::read_source(&root.checklist, checklist_name)
                } else {
                    load::read_source_inside(&fence, &root.checklist, checklist_name)
                },
                load::read_source_inside(&fence, abs, name),
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
            let record = blobs
                .pop()
                .flatten()
                .ok_or_else(|| anyhow!("{}", t!("is-not-in-revision", file = name, rev = rev)))?;
            let checklist_bytes = if own_checklist {
                std::fs::read(&root.checklist)?
            } else {
                blobs.pop().flatten().ok_or_else(|| {
                    anyhow!(
                        "{}",
                        t!("is-not-in-revision", file = checklist_name, rev = rev)
                    )
                })?
            };
            (
                load::source_from_bytes(checklist_name, checklist_bytes),
                load::source_from_bytes(name, record),
            )
        }
    })
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
                n == crate::read::checklist::CHECKLIST_FILE
                    || n == discover::ROSTER_FILE
                    || n == discover::BENCHMARKS_FILE
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
