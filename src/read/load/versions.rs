//! Loading the checklist versions of a root (SPEC §11.11): `checklist.toml` and the earlier
//! `checklists/*.toml`, checked against each other, and each record read against the one
//! covering its period.

use std::path::Path;
use std::sync::Arc;

use crate::read::spanned::TomlValue;

use crate::diagnostic::{Diagnostic, Severity, SourceFile};
use crate::discover::{CHECKLISTS_DIR, Root};
use crate::fence::Fence;
use crate::git::Repo;
use crate::read::checklist::{self, Checklist, Checklists};
use crate::read::record::{Identity, Record};
use crate::read::spanned::{self, Sink};

use super::{Input, LoadError};

/// `checklists/NAME.toml`, `/`-separated and relative to the root: an earlier checklist.
pub(super) fn is_earlier_checklist(name: &str) -> bool {
    name.strip_prefix(CHECKLISTS_DIR)
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|file| !file.contains('/') && file.ends_with(".toml"))
}

/// A root's checklists, owned: `checklist.toml` (or `--checklist FILE`) and the earlier
/// ones, with the file names of all (the root's first).
#[derive(Debug)]
pub struct Versions {
    pub current: Checklist,
    pub earlier: Vec<Checklist>,
    pub names: Vec<String>,
}

impl Versions {
    pub fn set(&self) -> Checklists<'_> {
        Checklists::new(&self.current, &self.earlier)
    }

    /// A record read against the checklist covering its period (see [`parse_record`]).
    pub fn parse_record(
        &self,
        file: Arc<SourceFile>,
        root: Option<&Path>,
    ) -> (Option<Record>, Vec<Diagnostic>) {
        let (record, _, diagnostics) = parse_record(file, self.set(), &self.names, root);
        (record, diagnostics)
    }
}

/// The earlier checklists beside an already read `current` one, from the working tree or
/// revision `at` (none when `own_checklist`: `--checklist FILE` means one checklist), checked
/// against it: for the commands that read one record (`explain`) or one period.
pub fn versions_of(
    current: Checklist,
    name: String,
    root: &Root,
    own_checklist: bool,
    at: Option<&str>,
) -> Result<Versions, LoadError> {
    let earlier: Vec<(String, Input)> = if own_checklist {
        Vec::new()
    } else if let Some(rev) = at {
        let repo = Repo::discover(&root.dir)?;
        let commit = repo.resolve(rev)?;
        let prefix = repo.prefix()?;
        in_git(&repo, &commit, &prefix)?
            .into_iter()
            .map(|(n, b)| (n, Input::Bytes(b)))
            .collect()
    } else {
        crate::discover::earlier_checklists(root, false)
            .into_iter()
            .map(|f| (f.name, Input::Inside(f.path)))
            .collect()
    };
    combine(Ok(current), name, earlier, &Fence::new(&root.dir))
}

/// The earlier checklists in a revision (`checklists/*.toml` below the root's `prefix`),
/// sorted by name, with their contents.
pub(super) fn in_git(
    repo: &Repo,
    commit: &str,
    prefix: &str,
) -> Result<Vec<(String, Vec<u8>)>, LoadError> {
    let mut names: Vec<String> = Vec::new();
    for full in repo.list(commit, &format!("{prefix}{CHECKLISTS_DIR}/"))? {
        if let Some(name) = full.strip_prefix(prefix)
            && is_earlier_checklist(name)
            && !name.rsplit('/').next().unwrap_or(name).starts_with('.')
        {
            names.push(name.to_string());
        }
    }
    names.sort();
    let wanted: Vec<String> = names.iter().map(|n| format!("{prefix}{n}")).collect();
    let blobs = repo.read(commit, &wanted)?;
    Ok(names
        .into_iter()
        .zip(blobs)
        .filter_map(|(name, blob)| blob.map(|b| (name, b)))
        .collect())
}

/// The root's checklist, the earlier ones and the file names of all (the root's first).
/// Any problem in any of them, or across them, stops loading with every problem found.
pub(super) fn read_checklists(
    name: String,
    input: Input,
    earlier: Vec<(String, Input)>,
    fence: &Fence,
) -> Result<Versions, LoadError> {
    let current = input
        .source(name.clone(), fence)
        .map_err(|d| vec![d])
        .and_then(Checklist::parse);
    combine(current, name, earlier, fence)
}

fn combine(
    current: Result<Checklist, Vec<Diagnostic>>,
    name: String,
    earlier: Vec<(String, Input)>,
    fence: &Fence,
) -> Result<Versions, LoadError> {
    let mut problems = Vec::new();
    let mut names = vec![name];
    let mut others = Vec::with_capacity(earlier.len());
    for (name, input) in earlier {
        names.push(name.clone());
        match input
            .source(name, fence)
            .map_err(|d| vec![d])
            .and_then(Checklist::parse)
        {
            Ok(c) => others.push(c),
            Err(d) => problems.extend(d),
        }
    }
    let mut current = match current {
        Ok(c) => c,
        Err(d) => {
            problems.extend(d);
            problems.sort();
            return Err(LoadError::Definition(problems));
        }
    };
    if !problems.is_empty() {
        problems.sort();
        return Err(LoadError::Definition(problems));
    }
    let problems = checklist::validate_versions(Checklists::new(&current, &others), &names);
    if !problems.is_empty() {
        return Err(LoadError::Definition(problems));
    }
    let several = !others.is_empty();
    current.versioning.several = several;
    for c in &mut others {
        c.versioning.several = several;
    }
    Ok(Versions {
        current,
        earlier: others,
        names,
    })
}

/// A record read against the checklist covering its period. With one checklist covering
/// every period (every v1 root) this is [`Record::parse_identified`] and nothing more; else
/// the period is read first, and a period no checklist covers is an error at `period`.
pub(super) fn parse_record(
    file: Arc<SourceFile>,
    set: Checklists<'_>,
    names: &[String],
    root: Option<&Path>,
) -> (Option<Record>, Option<Identity>, Vec<Diagnostic>) {
    if !set.several() && set.current.versioning.periods.is_none() {
        return Record::parse_identified(file, set.current, root);
    }
    let Some((who, span, sink)) = peek(&file) else {
        // No readable period: the record's own reader says what is wrong.
        return Record::parse_identified(file, set.current, root);
    };
    match set.for_period(&who.period) {
        Some(c) => Record::parse_identified(file, c, root),
        None => {
            let d = file
                .diagnostic(Severity::Error, sink.map(span), String::new())
                .with_text(problem!(NoChecklistCoversPeriod {
                    period: who.period,
                    ranges: set.ranges(names)
                }));
            (None, Some(who), vec![d])
        }
    }
}

/// The record's (org, branch, period) and where its period is, when all three are text (a
/// bare number for the period, as the record reader allows).
fn peek(file: &Arc<SourceFile>) -> Option<(Identity, std::ops::Range<usize>, Sink)> {
    let mut sink = Sink::new(file.clone());
    let text = spanned::half_width(&mut sink, &file.text);
    let tree = spanned::parse(&mut sink, &text)?;
    let top = tree.get_ref();
    let text_of = |key: &str| match top.get(key).map(|n| n.get_ref()) {
        Some(TomlValue::String(s)) => Some(s.to_string()),
        Some(TomlValue::Integer(i)) => Some(i.as_str().to_string()),
        _ => None,
    };
    let span = top.get("period")?.span();
    let who = Identity {
        org: text_of("org")?,
        branch: text_of("branch")?,
        period: text_of("period")?,
    };
    drop(tree);
    Some((who, span, sink))
}
