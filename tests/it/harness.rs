//! Fixtures in temp dirs and a runner for the `audit` binary.
//!
//! Tests run the binary through [`Test`] (after casey/just's): arrange the files, arguments,
//! environment and stdin, then state stdout, stderr and the exit code, which are checked
//! together. A stream the test says nothing about is expected EMPTY, so a stray warning or a
//! message moved from stdout to stderr fails the test. An expectation writes the temp dir the
//! command runs in as `{dir}`. A stream too long or too variable to write out (a JSON document,
//! a help page, a second temp dir) is marked `_inspected()` and checked by the test itself,
//! typed where it is JSON (`crate::json`).
//!
//! `run_in`/`run_with_env` and `Run::assert_code` remain for what a `Test` does not model:
//! the mutation and property tests' thousands of generated runs, and processes run at the same
//! time (the import races of import.rs).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::de::DeserializeOwned;

/// A small checklist used by most tests: 3 items, 7 points, 50 points in all.
pub const MINI_CHECKLIST: &str = r#"title = "Mini checklist"
version = "m-1"
bonus_cap = 3

[expect]
items = 3
points = 7
total = 50

[pass]
min_total = 45
min_satisfaction = "90%"

[compliance]
target = "95%"
[compliance.targets]
"2022" = "50%"

[[bands]]
name = "excellent"
min_total = 48
min_satisfaction = "95%"
[[bands]]
name = "good"
min_total = 45
[[bands]]
name = "fair"
min_total = 30

[[items]]
id = "1"
title = "Setup"

[[items.points]]
id = "1.1"
title = "Committee"
max = 10
grades = { good = 10, fair = 7.5, poor = 0 }

[[items.points]]
id = "1.2"
title = "Groups"
max = 5
optional = true

[[items]]
id = "2"
title = "Organisational life"

[[items.points]]
id = "2.1"
title = "Meetings"
max = 10
step = 0.5

[[items.points]]
id = "2.2"
title = "Lectures"
max = 10
criterion = "−1.5 per missed lecture"

[[items]]
id = "3"
title = "Role"

[[items.points]]
id = "3.1"
title = "Satisfaction"
max = 5
derive = "satisfaction"
bands = [ { min = "95%", points = 5 }, { min = "90%", points = 4 }, { min = "80%", points = 2 } ]

[[items.points]]
id = "3.2"
title = "Vanguard"
max = 5

[[items.points]]
id = "3.3"
title = "Volunteering"
max = 5
optional = true

[[vetoes]]
id = "V1"
title = "Heavy discipline"

[[bonus]]
id = "B1"
title = "Honours"
max = 2
[[bonus]]
id = "B2"
title = "Brand"
max = 2
"#;

/// A complete record for MINI_CHECKLIST: `acceptance` lines are given by the caller.
pub fn record(org: &str, branch: &str, period: &str, body: &str) -> String {
    format!("org = \"{org}\"\nbranch = \"{branch}\"\nperiod = \"{period}\"\n\n{body}")
}

/// An acceptance level that scores full marks except where `overrides` say otherwise.
pub fn full_acceptance(satisfied: u32, surveyed: u32) -> String {
    format!(
        "[satisfaction]\nsurveyed = {surveyed}\nsatisfied = {satisfied}\n\n[acceptance]\n\
         \"1.1\" = \"good\"\n\"1.2\" = 5\n\"2.1\" = 10\n\"2.2\" = 10\n\"3.2\" = 5\n\"3.3\" = 5\n"
    )
}

/// A records root in a temporary folder.
pub struct Fixture {
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    /// The exit code; -1 when the process was killed by a signal.
    pub code: i32,
}

impl Run {
    /// Parses stdout as JSON into `T`: one of the typed documents of `crate::json`, or
    /// `serde_json::Value` where no typed form is worth having (the views' JSON).
    #[track_caller]
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    #[track_caller]
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        assert!(
            !self.stderr.contains("panicked"),
            "panicked: {}",
            self.stderr
        );
        self
    }
}

impl Fixture {
    /// An empty folder.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A folder holding MINI_CHECKLIST as checklist.toml.
    pub fn mini() -> Fixture {
        Fixture::empty().file("checklist.toml", MINI_CHECKLIST)
    }

    pub fn file(self, path: &str, content: impl AsRef<[u8]>) -> Fixture {
        let p = self.dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.join(rel)).unwrap()
    }

    /// A [`Test`] of `audit ARGS` with the fixture as the working directory.
    pub fn test(&self, args: &[&str]) -> Test {
        Test::in_dir(self.dir.path(), args)
    }
}

/// What a [`Test`] expects of one output stream.
#[derive(Debug)]
enum Want {
    /// Exactly these bytes; the default is `Exact("")`.
    Exact(String),
    /// Anything: the test inspects it afterwards (typed JSON, a line of a CSV) and says so.
    Inspected,
}

/// One run of the binary with everything it should print, checked at once (see the module
/// header). Build it with [`Fixture::test`] or [`Test::in_dir`], finish it with
/// [`Test::status`], [`Test::success`] or [`Test::json`].
#[must_use = "a Test runs nothing until .status(), .success() or .json()"]
#[derive(Debug)]
pub struct Test {
    dir: PathBuf,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    stdout: Want,
    stderr: Want,
}

impl Test {
    /// `audit ARGS` run in `dir`.
    pub fn in_dir(dir: impl AsRef<Path>, args: &[&str]) -> Test {
        Test {
            dir: dir.as_ref().to_path_buf(),
            args: args.iter().map(|a| a.to_string()).collect(),
            env: Vec::new(),
            stdin: None,
            stdout: Want::Exact(String::new()),
            stderr: Want::Exact(String::new()),
        }
    }

    /// An environment variable (the language ones are cleared otherwise, see `run_with_env`).
    pub fn env(mut self, key: &str, value: &str) -> Test {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Bytes on stdin (otherwise stdin is null).
    pub fn stdin(mut self, input: impl AsRef<[u8]>) -> Test {
        self.stdin = Some(input.as_ref().to_vec());
        self
    }

    /// stdout, exactly; `{dir}` stands for the directory the command runs in (a temp dir).
    pub fn stdout(mut self, expected: impl Into<String>) -> Test {
        self.stdout = Want::Exact(expected.into());
        self
    }

    /// stderr, exactly; `{dir}` as in [`Test::stdout`].
    pub fn stderr(mut self, expected: impl Into<String>) -> Test {
        self.stderr = Want::Exact(expected.into());
        self
    }

    /// stdout is checked by the caller on the returned [`Run`].
    pub fn stdout_inspected(mut self) -> Test {
        self.stdout = Want::Inspected;
        self
    }

    /// stderr is checked by the caller on the returned [`Run`].
    pub fn stderr_inspected(mut self) -> Test {
        self.stderr = Want::Inspected;
        self
    }

    #[track_caller]
    pub fn success(self) -> Run {
        self.status(0)
    }

    /// Runs and checks the exit code, stdout and stderr together, reporting every mismatch.
    #[track_caller]
    pub fn status(self, code: i32) -> Run {
        let run = self.execute();
        let dir = self.dir.display().to_string();
        let mut bad = Vec::new();
        if run.code != code {
            bad.push(format!("exit code: got {}, want {code}", run.code));
        }
        for (name, want, got) in [
            ("stdout", &self.stdout, &run.stdout),
            ("stderr", &self.stderr, &run.stderr),
        ] {
            match want {
                Want::Exact(want) if want.replace("{dir}", &dir) != **got => {
                    bad.push(format!("{name}:\n--- got\n{got}\n--- want\n{want}\n---"));
                }
                Want::Inspected if got.contains("panicked") => {
                    bad.push(format!("{name} shows a panic:\n{got}"));
                }
                _ => {}
            }
        }
        assert!(
            bad.is_empty(),
            "audit {:?} in {}:\n{}\n(full stdout:\n{}\nfull stderr:\n{})",
            self.args,
            self.dir.display(),
            bad.join("\n"),
            run.stdout,
            run.stderr
        );
        run
    }

    /// Runs, checks the exit code and stderr, and parses stdout as a typed JSON document.
    #[track_caller]
    pub fn json<T: DeserializeOwned>(self, code: i32) -> T {
        self.stdout_inspected().status(code).json()
    }

    fn execute(&self) -> Run {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let env: Vec<(&str, &str)> = self
            .env
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let mut cmd = command(&self.dir, &args, &env);
        let Some(input) = &self.stdin else {
            return output_of(&mut cmd);
        };
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run audit");
        // A program that exits without reading its stdin closes the pipe: not a test failure.
        let _ = child.stdin.take().expect("stdin").write_all(input);
        let out = child.wait_with_output().expect("wait for audit");
        run_of(out)
    }
}

pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_with_env(dir, args, &[])
}

/// Runs `audit ARGS` in `dir` with extra environment variables (the language ones are
/// otherwise cleared, so tests do not depend on the machine's locale).
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    output_of(&mut command(dir, args, env))
}

fn command(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_audit"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("AUDIT_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

fn output_of(cmd: &mut Command) -> Run {
    run_of(cmd.output().expect("run audit"))
}

fn run_of(out: std::process::Output) -> Run {
    Run {
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Runs `audit ARGS` in `dir`, reads the first bytes of its output, then closes the pipe
/// while it is still writing; returns the exit code and stderr.
pub fn run_closing_stdout_early(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_audit"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run audit");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let status = child.wait().expect("wait");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    (status.code(), stderr)
}

/// A mini records root with `n` passing records: enough output (~90 bytes a row) to
/// overflow a 64 KB pipe buffer when n is 1500.
pub fn many_records(n: usize) -> Fixture {
    let mut fx = Fixture::mini();
    for i in 0..n {
        fx = fx.file(
            &format!("o/b{i:04}/2022.toml"),
            record("O", &format!("b{i:04}"), "2022", &full_acceptance(50, 50)),
        );
    }
    fx
}

/// The repository's own folder (for the shipped examples and checklist).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `expected` with `{YEAR}` replaced by the current year: `init` and `new` default to it.
pub fn this_year(expected: &str) -> String {
    expected.replace("{YEAR}", &chrono::Local::now().format("%Y").to_string())
}
