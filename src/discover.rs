//! Finding the records root and the record files (SPEC §1).
//!
//! The root is the folder holding `checklist.toml`, found at the given path or its nearest
//! ancestor, the way git finds `.git`. Record files are every `*.toml` below the searched
//! paths except the checklist and the roster, skipping hidden and git-ignored entries. The
//! list is sorted, so nothing downstream depends on the file system's order.

use std::path::{Path, PathBuf};

use crate::checklist::CHECKLIST_FILE;

/// The optional roster's file name at the records root.
pub const ROSTER_FILE: &str = "roster.toml";

/// Errors that stop discovery before any file is read.
#[derive(Debug, thiserror::Error)]
pub enum DiscoverError {
    #[error("{0}: no such file or folder")]
    NotFound(PathBuf),
    #[error(
        "no {CHECKLIST_FILE} found in {0} or any folder above it \
         (run `audit init DIR` to start a records root, or pass --checklist FILE)"
    )]
    NoChecklist(PathBuf),
    #[error("{path}: is outside the records root {root}")]
    OutsideRoot { path: PathBuf, root: PathBuf },
    #[error("cannot read {path}: {source}")]
    Walk {
        path: PathBuf,
        source: ignore::Error,
    },
}

/// Where the checklist is and which folder is the records root.
#[derive(Clone, Debug)]
pub struct Root {
    /// The folder that holds the checklist; record paths are relative to it.
    pub dir: PathBuf,
    pub checklist: PathBuf,
}

/// Finds the checklist for `path`: `--checklist` if given, else at `path` or above.
pub fn find_root(path: &Path, checklist: Option<&Path>) -> Result<Root, DiscoverError> {
    if let Some(file) = checklist {
        if !file.is_file() {
            return Err(DiscoverError::NotFound(file.to_path_buf()));
        }
        let file = absolute(file);
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        return Ok(Root {
            dir,
            checklist: file,
        });
    }
    if !path.exists() {
        return Err(DiscoverError::NotFound(path.to_path_buf()));
    }
    let start = absolute(path);
    let mut dir = if start.is_dir() {
        Some(start.as_path())
    } else {
        start.parent()
    };
    while let Some(d) = dir {
        let candidate = d.join(CHECKLIST_FILE);
        if candidate.is_file() {
            return Ok(Root {
                dir: d.to_path_buf(),
                checklist: candidate,
            });
        }
        dir = d.parent();
    }
    Err(DiscoverError::NoChecklist(path.to_path_buf()))
}

/// An absolute, lexically clean path (no `.` or `..`), without resolving symlinks, so
/// paths stay as the user sees them.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The record files below `paths`, relative to the root with `/` separators, sorted and
/// without duplicates. A path given explicitly as a file is taken even if hidden or ignored.
pub fn record_files(root: &Root, paths: &[PathBuf]) -> Result<Vec<String>, DiscoverError> {
    let mut out = Vec::new();
    for path in paths {
        let abs = absolute(path);
        if !abs.exists() {
            return Err(DiscoverError::NotFound(path.clone()));
        }
        if !abs.starts_with(&root.dir) {
            return Err(DiscoverError::OutsideRoot {
                path: path.clone(),
                root: root.dir.clone(),
            });
        }
        if abs.is_file() {
            if let (true, Some(rel)) = (is_record_name(&abs), relative(&root.dir, &abs)) {
                out.push(rel);
            }
            continue;
        }
        let walker = ignore::WalkBuilder::new(&abs)
            .hidden(true)
            .git_ignore(true)
            .git_exclude(true)
            .git_global(false)
            // Honour .gitignore even where the records are not (yet) a git repository.
            .require_git(false)
            .ignore(false)
            .parents(true)
            .build();
        for entry in walker {
            let entry = entry.map_err(|source| DiscoverError::Walk {
                path: path.clone(),
                source,
            })?;
            let p = entry.path();
            if !entry.file_type().is_some_and(|t| t.is_file()) || !is_record_name(p) {
                continue;
            }
            if let Some(rel) = relative(&root.dir, p) {
                out.push(rel);
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn is_record_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".toml") && name != CHECKLIST_FILE && name != ROSTER_FILE
}

/// `path` relative to `root`, `/`-separated.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
