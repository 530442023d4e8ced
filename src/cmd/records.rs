//! Where the records of a root live, for the commands that write records (`new`, `import`):
//! every record file by the names its header gives, and the folder a new record goes in.

use std::path::{Path, PathBuf};

use crate::app;
use crate::author::form;
use crate::discover;

/// The record schema's file name at the records root (written by `init`, named by forms).
pub const RECORD_SCHEMA_FILE: &str = "record.schema.json";

/// The file name of the record schema of one checklist version among several (SPEC §11.11):
/// `record.<version>.schema.json`, the version folded like a folder name. `audit new` points a
/// form at it when it exists at the root; `audit schema record --period P -o` writes it.
pub fn version_schema_file(version: &str) -> String {
    format!("record.{}.schema.json", crate::author::form::slug(version))
}

/// (org, branch, period): what names a record.
pub type RecordKey = (String, String, String);

/// Every record file under `root` by the org / branch / period its header names, valid or
/// not. Only the three header keys are read, so a form whose levels are still blank (not yet
/// a valid record) counts too: it is that branch's record wherever it was moved. Where two
/// files name the same key, the first in name order stands (the duplicate is `check`'s to
/// report).
pub fn record_headers(
    root: &discover::Root,
) -> app::Result<std::collections::HashMap<RecordKey, discover::RecordFile>> {
    use rayon::prelude::*;
    let (files, _) = discover::record_files(root, std::slice::from_ref(&root.dir))?;
    let fence = crate::fence::Fence::new(&root.dir);
    let keyed: Vec<(RecordKey, discover::RecordFile)> = files
        .into_par_iter()
        .filter_map(|f| {
            let header = String::from_utf8(fence.read(&f.path).ok()?)
                .ok()?
                .parse::<toml::Table>()
                .ok()?;
            let get = |key: &str| header.get(key)?.as_str().map(str::to_string);
            Some(((get("org")?, get("branch")?, get("period")?), f))
        })
        .collect();
    let mut by_key = std::collections::HashMap::with_capacity(keyed.len());
    for (key, file) in keyed {
        by_key.entry(key).or_insert(file);
    }
    Ok(by_key)
}

/// Where an org's and a branch's records already live, so that a new record goes beside
/// them (`huajin-securities/…`) rather than into a folder named after the sheet's spelling
/// (`华晋证券/…`).
pub struct Homes {
    /// (org, branch) → the folder holding that branch's records.
    branches: std::collections::HashMap<(String, String), PathBuf>,
    /// org → the folder holding that org's branch folders.
    orgs: std::collections::HashMap<String, PathBuf>,
}

impl Homes {
    /// The folders of the records under `root`: where a branch's or org's records are in
    /// several folders, the one holding most of them (then the first by name).
    pub fn of(
        root: &Path,
        headers: &std::collections::HashMap<RecordKey, discover::RecordFile>,
    ) -> Homes {
        use std::collections::{BTreeMap, HashMap};
        let mut branches: HashMap<(String, String), BTreeMap<PathBuf, usize>> = HashMap::new();
        let mut orgs: HashMap<String, BTreeMap<PathBuf, usize>> = HashMap::new();
        for ((org, branch, _), file) in headers {
            // A branch folder is a folder below the root; an org folder is one above a
            // branch folder, still below the root.
            let Some(dir) = file
                .path
                .parent()
                .filter(|d| *d != root && d.starts_with(root))
            else {
                continue;
            };
            *branches
                .entry((org.clone(), branch.clone()))
                .or_default()
                .entry(dir.to_path_buf())
                .or_default() += 1;
            if let Some(up) = dir.parent().filter(|d| *d != root && d.starts_with(root)) {
                *orgs
                    .entry(org.clone())
                    .or_default()
                    .entry(up.to_path_buf())
                    .or_default() += 1;
            }
        }
        fn most<K>(m: HashMap<K, BTreeMap<PathBuf, usize>>) -> HashMap<K, PathBuf>
        where
            K: std::hash::Hash + Eq,
        {
            m.into_iter()
                .filter_map(|(k, dirs)| {
                    let top = dirs.values().copied().max()?;
                    let dir = dirs.into_iter().find(|(_, n)| *n == top)?.0;
                    Some((k, dir))
                })
                .collect()
        }
        Homes {
            branches: most(branches),
            orgs: most(orgs),
        }
    }

    /// Where a new record of `org / branch / period` goes: in its branch's folder, else in
    /// a folder for the branch inside its org's folder, else where [`form::record_path`]
    /// puts it below `base`.
    pub fn place(&self, base: &Path, org: &str, branch: &str, period: &str) -> PathBuf {
        let file = format!("{}.toml", form::slug(period));
        if let Some(dir) = self.branches.get(&(org.to_string(), branch.to_string())) {
            return dir.join(file);
        }
        if let Some(dir) = self.orgs.get(org) {
            return dir.join(form::slug(branch)).join(file);
        }
        form::record_path(base, org, branch, period)
    }
}

/// Whether two paths name the same file (both must exist to be compared as files).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A path as a person reads it: relative to the current folder where possible.
pub fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
