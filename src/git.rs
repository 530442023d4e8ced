//! Reading records as they are in a git revision (`--at REV`, `audit diff`, `--ratchet`).
//!
//! Through the git command line rather than a library: git is on every machine where CI runs
//! and where records are kept, it understands every repository layout and configuration
//! (worktrees, alternates, partial clones, LFS filters are its business), and `cat-file
//! --batch` streams any number of files through one process. A library such as gix would add
//! a large build for no gain here, and could disagree with the git the user runs.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not give what was asked.
#[derive(Debug)]
pub enum GitError {
    Spawn(std::io::Error),
    NotARepository(PathBuf),
    UnknownRevision { rev: String },
    Failed { args: String, message: String },
}

/// Shown to people, in the interface language.
impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            GitError::Spawn(e) => t!("cannot-run-git-at-diff-and", problem = e),
            GitError::NotARepository(p) => t!("is-not-inside-a-git-work", path = p.display()),
            GitError::UnknownRevision { rev } => {
                t!("unknown-revision-not-a-commit-in", rev = format!("{rev:?}"))
            }
            GitError::Failed { args, message } => format!("git {args}: {message}"),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for GitError {}

/// A git work tree.
#[derive(Clone, Debug)]
pub struct Repo {
    /// The folder git commands run in.
    dir: PathBuf,
}

impl Repo {
    /// The repository that `dir` lies in.
    pub fn discover(dir: &Path) -> Result<Repo, GitError> {
        let repo = Repo {
            dir: dir.to_path_buf(),
        };
        match repo.run(&["rev-parse", "--is-inside-work-tree"]) {
            Ok(out) if String::from_utf8_lossy(&out).trim() == "true" => Ok(repo),
            // No git at all is its own problem, with its own fix.
            Err(e @ GitError::Spawn(_)) => Err(e),
            _ => Err(GitError::NotARepository(dir.to_path_buf())),
        }
    }

    /// `git` in the work tree, reading every path it is given literally: a folder named
    /// `:x` or `:!excl` is a folder, not pathspec magic.
    fn git(&self) -> Command {
        let mut cmd = Command::new("git");
        cmd.env("GIT_LITERAL_PATHSPECS", "1")
            // git refuses literal pathspecs together with these.
            .env_remove("GIT_GLOB_PATHSPECS")
            .env_remove("GIT_NOGLOB_PATHSPECS")
            .env_remove("GIT_ICASE_PATHSPECS")
            .current_dir(&self.dir);
        cmd
    }

    fn run(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        let out = self
            .git()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(GitError::Spawn)?;
        if out.status.success() {
            Ok(out.stdout)
        } else {
            Err(GitError::Failed {
                args: args.join(" "),
                message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
            })
        }
    }

    /// `dir`'s path relative to the top of the work tree, `/`-separated, ending in `/`
    /// (empty at the top).
    pub fn prefix(&self) -> Result<String, GitError> {
        let out = self.run(&["rev-parse", "--show-prefix"])?;
        // Only the line break is git's: a folder name may begin or end with a space.
        let out = String::from_utf8_lossy(&out);
        Ok(out.strip_suffix('\n').unwrap_or(&out).to_string())
    }

    /// The commit a revision names.
    pub fn resolve(&self, rev: &str) -> Result<String, GitError> {
        let spec = format!("{rev}^{{commit}}");
        self.run(&["rev-parse", "--verify", "--quiet", &spec])
            .ok()
            .map(|out| String::from_utf8_lossy(&out).trim().to_string())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| GitError::UnknownRevision {
                rev: rev.to_string(),
            })
    }

    /// Every file path below `prefix` in `commit`, relative to the top of the work tree.
    pub fn list(&self, commit: &str, prefix: &str) -> Result<Vec<String>, GitError> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", "--name-only", commit];
        if !prefix.is_empty() {
            args.push("--");
            args.push(prefix);
        }
        let out = self.run(&args)?;
        Ok(out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .filter_map(|p| String::from_utf8(p.to_vec()).ok())
            .collect())
    }

    /// The contents of `paths` (relative to the top) in `commit`, `None` where missing, in
    /// the order asked. One `git cat-file --batch` process streams them all.
    pub fn read(&self, commit: &str, paths: &[String]) -> Result<Vec<Option<Vec<u8>>>, GitError> {
        let mut child = self
            .git()
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(GitError::Spawn)?;
        let mut stdin = child.stdin.take().ok_or_else(|| failed("no stdin"))?;
        let requests: Vec<String> = paths
            .iter()
            .map(|p| format!("{commit}:{}\n", p.replace('\n', "")))
            .collect();
        // Write on another thread: git answers while we ask, and a full pipe both ways
        // would otherwise deadlock.
        let writer = std::thread::spawn(move || {
            for r in requests {
                if stdin.write_all(r.as_bytes()).is_err() {
                    break;
                }
            }
        });
        let mut out = BufReader::new(child.stdout.take().ok_or_else(|| failed("no stdout"))?);
        let mut results = Vec::with_capacity(paths.len());
        let mut header = Vec::new();
        for _ in paths {
            header.clear();
            out.read_until(b'\n', &mut header)
                .map_err(|e| failed(&e.to_string()))?;
            // `<oid> <type> <size>` and then the content, or `<name> missing` (the name, as
            // asked, may hold spaces): read from the right, by the size, never by lines.
            let line = String::from_utf8_lossy(&header);
            let line = line.strip_suffix('\n').ok_or_else(|| failed("no reply"))?;
            let mut fields = line.rsplitn(3, ' ');
            let (last, kind, oid) = (fields.next(), fields.next(), fields.next());
            let size = match (oid, kind, last) {
                (Some(oid), Some(kind), Some(size))
                    if !oid.is_empty() && oid.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    let size: usize = size.parse().map_err(|_| failed(line))?;
                    Some((kind == "blob", size))
                }
                _ if matches!(last, Some("missing" | "ambiguous")) => None,
                _ => return Err(failed(line)),
            };
            match size {
                Some((blob, size)) => {
                    let mut content = Vec::new();
                    (&mut out)
                        .take(size as u64)
                        .read_to_end(&mut content)
                        .map_err(|e| failed(&e.to_string()))?;
                    let mut newline = [0u8; 1];
                    if content.len() != size || out.read_exact(&mut newline).is_err() {
                        return Err(failed("the reply ended early"));
                    }
                    // Not a blob (a tree where a file was expected): nothing to read.
                    results.push(blob.then_some(content));
                }
                None => results.push(None),
            }
        }
        let _ = writer.join();
        let _ = child.wait();
        Ok(results)
    }
}

fn failed(message: &str) -> GitError {
    GitError::Failed {
        args: "cat-file --batch".into(),
        message: message.to_string(),
    }
}
