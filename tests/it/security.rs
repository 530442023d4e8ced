#![cfg(unix)]
//! Nothing leaks, nothing is written where it should not be (issue 9, items 1, 2, 7, 8, 26):
//! links out of the records root, bounded diagnostics, special files as `-o` targets and
//! closed pipes.

use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::harness::{Fixture, MINI_CHECKLIST, Test, full_acceptance, record, this_year};

const SECRET: &str = "AUDIT_TEST_SECRET=hunter2-do-not-print";

fn outside() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn a_record_linked_to_a_file_outside_the_root_is_refused_not_shown() {
    let out = outside();
    std::fs::write(
        out.path().join("secrets"),
        format!("{SECRET}\nnot = toml = at all\n"),
    )
    .unwrap();
    let fx = Fixture::mini();
    symlink(out.path().join("secrets"), fx.join("leak.toml")).unwrap();
    symlink("/proc/self/environ", fx.join("environ.toml")).unwrap();
    Test::in_dir(fx.path(), &["check", "."])
        .env("AUDIT_TEST_SECRET", "hunter2")
        .stdout("0 record files checked: 2 errors, 0 warnings\n")
        .stderr(
            r#"environ.toml:1:1: error: a link to a file outside the records root: it is not read
leak.toml:1:1: error: a link to a file outside the records root: it is not read
"#,
        )
        .status(2);
    // Named on the command line, it is refused the same way.
    fx.test(&["explain", "leak.toml"])
        .stderr("leak.toml:1:1: error: a link to a file outside the records root: it is not read\n")
        .status(2);
}

#[test]
fn a_folder_linked_outside_the_root_is_not_read() {
    let out = outside();
    std::fs::create_dir_all(out.path().join("b")).unwrap();
    std::fs::write(
        out.path().join("b/2022.toml"),
        format!("# {SECRET}\norg = 3\n"),
    )
    .unwrap();
    let fx = Fixture::mini().file(
        "a/a/2022.toml",
        record("A", "a", "2022", &full_acceptance(50, 50)),
    );
    symlink(out.path(), fx.join("evil")).unwrap();
    let run = fx
        .test(&["score", "--format", "csv"])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
A,a,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
"#,
        )
        .stderr(
            r#"evil:1:1: error: a link to a folder outside the records root: its files are not read
1 error found; invalid files are left out
"#,
        )
        .status(2);
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
}

#[test]
fn a_roster_or_checklist_linked_outside_the_root_is_refused() {
    let out = outside();
    std::fs::write(out.path().join("checklist.toml"), MINI_CHECKLIST).unwrap();
    std::fs::write(out.path().join("roster.toml"), format!("{SECRET}\n")).unwrap();
    let fx = Fixture::empty();
    symlink(out.path().join("checklist.toml"), fx.join("checklist.toml")).unwrap();
    fx.test(&["check", "."]).stdout("0 record files checked: 1 error, 0 warnings\n").stderr("checklist.toml:1:1: error: a link to a file outside the records root: it is not read\n").status(2);
    let fx = Fixture::mini();
    symlink(out.path().join("roster.toml"), fx.join("roster.toml")).unwrap();
    let run = fx
        .test(&["check", "."])
        .stdout("0 record files checked: 1 error, 0 warnings\n")
        .stderr(
            "roster.toml:1:1: error: a link to a file outside the records root: it is not read\n",
        )
        .status(2);
    // Once: discovery leaves the roster's link to the roster's own reading.
    assert_eq!(
        run.stderr.matches("roster.toml:1:1: error").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_link_that_stays_inside_the_root_is_still_read() {
    let fx = Fixture::mini()
        .file(
            ".store/a.toml",
            record("A", "a", "2022", &full_acceptance(50, 50)),
        )
        .file(
            ".other/b/2022.toml",
            record("B", "b", "2022", &full_acceptance(50, 50)),
        );
    std::fs::create_dir_all(fx.join("a")).unwrap();
    symlink("../.store/a.toml", fx.join("a/2022.toml")).unwrap();
    symlink(".other", fx.join("linked")).unwrap();
    let run = fx
        .test(&["score", "--format", "csv"])
        .stdout(
            r#"org,branch,period,level,base,bonus,total,satisfaction,band,status,reasons
A,a,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
B,b,2022,acceptance,50.00,0.00,50.00,100.00%,excellent,pass,
"#,
        )
        .status(0);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
}

#[test]
fn a_snippet_shows_at_most_about_200_columns_of_its_line() {
    let line = format!("\"2.1\" = \"{}\"", "x".repeat(20_000));
    let fx = Fixture::mini().file(
        "a/2022.toml",
        record("A", "a", "2022", &format!("[acceptance]\n{line}\n")),
    );
    let run = fx.test(&["check", "."]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:6:9: error: [acceptance] point 2.1: unknown grade "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…
 6 | "2.1" = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
"#,
    ).status(2);
    let snippet = run
        .stderr
        .lines()
        .find(|l| l.starts_with(" 6 | "))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        snippet,
        format!(" 6 | \"2.1\" = \"{}…", "x".repeat(100 - 1))
    );
    // The message quotes the value, cut after 1000 characters.
    assert!(run.stderr.len() < 1500, "{}", run.stderr.len());
}

/// Item 7: a 549 KB one-line record needed more than 6 GB, each diagnostic holding a copy
/// of the whole line. Now each holds a bounded slice: stderr grows with the number of
/// errors, not with errors × line length.
#[test]
fn a_large_one_line_record_with_many_errors_keeps_memory_and_stderr_bounded() {
    let n = 25_000;
    let body: Vec<String> = (0..n).map(|i| format!("\"z{i:05}\" = 1")).collect();
    let text = format!(
        "org = \"A\"\nbranch = \"a\"\nperiod = \"2022\"\nacceptance = {{ {} }}\n",
        body.join(", ")
    );
    assert!(text.len() > 300_000);
    let fx = Fixture::mini().file("a/2022.toml", &text);
    let started = std::time::Instant::now();
    let run = fx
        .test(&["check", "a/2022.toml"])
        .stdout("1 record file checked: 25000 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
    assert!(started.elapsed().as_secs() < 60);
    let errors = run.stderr.matches(": error: ").count();
    assert!(errors >= n, "{errors} errors");
    assert!(
        run.stderr.lines().all(|l| l.chars().count() < 1100),
        "a line of stderr is longer than a bounded snippet"
    );
    assert!(
        run.stderr.len() < 500 * errors,
        "{} bytes of stderr for {errors} errors",
        run.stderr.len()
    );
}

#[test]
fn a_value_of_megabytes_is_not_echoed_in_full() {
    let fx = Fixture::mini().file(
        "a/2022.toml",
        record(
            "A",
            "a",
            "2022",
            &format!("[acceptance]\n\"1.1\" = \"{}\"\n", "g".repeat(2_000_000)),
        ),
    );
    let run = fx.test(&["check", "."]).stdout("1 record file checked: 1 error, 0 warnings\n").stderr(
        r#"a/2022.toml:6:9: error: [acceptance] point 1.1: unknown grade "ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg…
 6 | "1.1" = "ggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg…
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
"#,
    ).status(2);
    assert!(run.stderr.len() < 5_000, "{} bytes", run.stderr.len());
    let run = fx
        .test(&["check", "--format", "json", "."])
        .stdout_inspected()
        .status(2);
    assert!(run.stdout.len() < 5_000, "{} bytes", run.stdout.len());
}

// ── writes ──────────────────────────────────────────────────────────────────────────────

fn files_below(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_below(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn new_never_writes_through_a_folder_link_out_of_the_root() {
    let out = outside();
    let fx = Fixture::mini();
    symlink(out.path(), fx.join("evil")).unwrap();
    fx
        .test(&["new", "--org", "evil", "--branch", "b", "--period", "2024"])
        .stderr("error: cannot write {dir}/evil/b/2024.toml: {dir}/evil leads outside the records root {dir}\n")
        .status(2);
    assert_eq!(files_below(out.path()), Vec::<String>::new());
}

#[test]
fn new_never_writes_through_a_file_link() {
    let out = outside();
    std::fs::write(out.path().join("x"), "kept\n").unwrap();
    let fx = Fixture::mini();
    std::fs::create_dir_all(fx.join("a/b")).unwrap();
    symlink(out.path().join("x"), fx.join("a/b/2024.toml")).unwrap();
    fx
        .test(&[
            "new", "--org", "A", "--branch", "B", "--period", "2024", "--force",
        ])
        .stderr("error: {dir}/a/b/2024.toml is a symbolic link: audit does not write through links in the records root\n")
        .status(2);
    assert_eq!(
        std::fs::read_to_string(out.path().join("x")).unwrap(),
        "kept\n"
    );
}

#[test]
fn import_never_writes_or_edits_through_a_folder_link_out_of_the_root() {
    let out = outside();
    std::fs::create_dir_all(out.path().join("b")).unwrap();
    let held = record("Evil", "b", "2025", &full_acceptance(50, 50));
    std::fs::write(out.path().join("b/2025.toml"), &held).unwrap();
    let fx = Fixture::mini().file(
        "s.csv",
        "org,branch,period,level,1.1\nA,a,2025,self,good\nEvil,b,2025,acceptance,fair\n",
    );
    symlink(out.path(), fx.join("evil")).unwrap();
    // The record behind the link is not read, so it is not this branch's record to edit; and
    // a root whose folders discovery cannot see into takes no sheet at all (the rows of an org
    // behind the link would otherwise start a second folder beside it).
    fx.test(&["import", "--force", "s.csv"])
        .stderr(
            r#"evil:1:1: error: a link to a folder outside the records root: its files are not read
nothing was imported: fix the records root first (see audit check)
"#,
        )
        .status(2);
    assert_eq!(
        std::fs::read_to_string(out.path().join("b/2025.toml")).unwrap(),
        held
    );
    assert!(!fx.join("a").exists(), "all or nothing");
    // Nor is a new record written there, and the sheet's other rows wait with it.
    std::fs::remove_file(out.path().join("b/2025.toml")).unwrap();
    fx.test(&["import", "s.csv"])
        .stderr(
            r#"evil:1:1: error: a link to a folder outside the records root: its files are not read
nothing was imported: fix the records root first (see audit check)
"#,
        )
        .status(2);
    assert_eq!(files_below(out.path()), Vec::<String>::new());
    assert!(!fx.join("a").exists(), "all or nothing");
}

#[test]
fn init_force_never_writes_through_a_folder_link() {
    let out = outside();
    let fx = Fixture::empty().file("notes.txt", "ours\n");
    symlink(out.path(), fx.join("example-subsidiary")).unwrap();
    fx
        .test(&["init", "--force", "."])
        .stderr(this_year("error: cannot write {dir}/example-subsidiary/example-branch-delete-me/{YEAR}.toml: {dir}/example-subsidiary leads outside the records root {dir}\n"))
        .status(2);
    assert_eq!(files_below(out.path()), Vec::<String>::new());
}

// ── special files as -o targets ─────────────────────────────────────────────────────────

fn passing_root() -> Fixture {
    Fixture::mini().file(
        "a/2022.toml",
        record("A", "a", "2022", &full_acceptance(50, 50)),
    )
}

#[test]
fn dash_o_onto_a_named_pipe_writes_into_it() {
    let fx = passing_root();
    let fifo = fx.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    fx.test(&["score", "--format", "csv", "-o", "pipe", "--force"])
        .status(0);
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the pipe was replaced by a file"
    );
    let read = reader.join().unwrap();
    assert!(read.starts_with("org,branch,period,"), "{read}");
}

#[test]
fn dash_o_onto_a_character_device_keeps_the_device() {
    let fx = passing_root();
    // A null device of our own where we may make one (as root): never risk /dev/null itself
    // against a binary that would replace it.
    let own = fx.join("null");
    let made = Command::new("mknod")
        .args([own.to_str().unwrap(), "c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let target = if made {
        own
    } else if !is_root() {
        Path::new("/dev/null").to_path_buf()
    } else {
        return;
    };
    fx.test(&["score", "-o", target.to_str().unwrap(), "--force"])
        .status(0);
    assert!(
        std::fs::symlink_metadata(&target)
            .unwrap()
            .file_type()
            .is_char_device(),
        "{} is no longer a character device",
        target.display()
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n")
}

// ── closed pipes ────────────────────────────────────────────────────────────────────────

/// Runs `audit ARGS` in `dir` with stdout (or stderr) a pipe whose reading end is already
/// closed: every write to it fails with EPIPE. Returns the exit code and the other stream.
fn run_with_closed(dir: &Path, args: &[&str], close_stderr: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_audit"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .env_remove("AUDIT_LANG")
        .env("LANG", "C.UTF-8");
    if close_stderr {
        cmd.stderr(writer).stdout(Stdio::piped());
    } else {
        cmd.stdout(writer).stderr(Stdio::piped());
    }
    let out = cmd.output().expect("run audit");
    let other = if close_stderr { out.stdout } else { out.stderr };
    (
        out.status.code(),
        String::from_utf8_lossy(&other).into_owned(),
    )
}

#[test]
fn every_command_keeps_its_exit_code_when_stdout_is_closed() {
    let (got, stderr) = run_with_closed(Fixture::empty().path(), &["init", "started"], false);
    assert!(!stderr.contains("panicked"), "audit init: {stderr}");
    assert_eq!(got, Some(0), "audit init: {stderr}");
    let fx = passing_root();
    let cases: &[(&[&str], i32)] = &[
        (
            &[
                "new", "--org", "B", "--branch", "b", "--period", "2024", "-o", "-",
            ],
            0,
        ),
        (&["completions", "bash"], 0),
        (&["man"], 0),
        (&["schema", "checklist"], 0),
        (&["schema", "record"], 0),
        (&["score"], 0),
        (&["check", "."], 0),
        (&["report", "--view", "all"], 0),
        (&["explain", "a/2022.toml"], 0),
        (&["export-sheet"], 0),
        (&["--help"], 0),
    ];
    for (args, code) in cases {
        let (got, stderr) = run_with_closed(fx.path(), args, false);
        assert!(!stderr.contains("panicked"), "audit {args:?}: {stderr}");
        assert_eq!(got, Some(*code), "audit {args:?}: {stderr}");
    }
    let fx = passing_root().file(
        "b/2022.toml",
        record("B", "b", "2022", "[acceptance]\n\"1.1\" = 99\n"),
    );
    let (got, stderr) = run_with_closed(fx.path(), &["score"], false);
    assert_eq!(got, Some(2), "{stderr}");
}

#[test]
fn every_command_keeps_its_exit_code_when_stderr_is_closed() {
    let fx = passing_root().file(
        "b/2022.toml",
        record("B", "b", "2022", "[acceptance]\n\"1.1\" = 99\n"),
    );
    let cases: &[(&[&str], i32)] = &[
        (&["check", "."], 2),
        (&["score"], 2),
        (
            &["new", "--org", "C", "--branch", "c", "--period", "2024"],
            0,
        ),
        (
            &["new", "--org", "C", "--branch", "c", "--period", "2024"],
            2,
        ),
        (&["explain", "nowhere.toml"], 2),
    ];
    for (args, code) in cases {
        let (got, stdout) = run_with_closed(fx.path(), args, true);
        assert_eq!(got, Some(*code), "audit {args:?}: {stdout}");
    }
}

#[test]
fn a_link_to_a_folder_above_it_is_reported_and_the_rest_still_checked() {
    // It stopped the whole walk: "File system loop found", nothing checked.
    let fx = Fixture::mini().file(
        "a/a1/2022.toml",
        record("A", "a1", "2022", &full_acceptance(50, 50)),
    );
    symlink("..", fx.join("a/up")).unwrap();
    fx.test(&["check", "."])
        .stdout("1 record file checked: 1 error, 0 warnings\n")
        .stderr("a/up:1:1: error: a link to a folder that contains it: it is not followed\n")
        .status(2);
}

#[test]
fn init_ignores_the_import_lock_and_journal_in_git() {
    let fx = Fixture::empty();
    fx.test(&["init", "r"]).stdout(this_year(r#"Started a records root in r:
  checklist.toml        the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
  roster.toml           the branches expected each period: none yet, list yours
  example-subsidiary/example-branch-delete-me/{YEAR}.toml   an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
  README.md, .gitignore, benchmarks.toml, record.schema.json

Next steps:
  cd r && git init
  audit new --org ORG --branch BRANCH --period {YEAR}     a blank form for each branch
  audit check .                                          after filling in
  audit score .                                          one row per record
"#)).status(0);
    let ignore = std::fs::read_to_string(fx.join("r/.gitignore")).unwrap();
    assert!(
        ignore.contains("\n/.audit-lock\n/.audit-journal/\n"),
        "{ignore}"
    );
}

#[test]
fn a_forged_import_journal_cannot_write_out_of_the_root_or_pull_a_file_in() {
    // A plan naming `evil/../pwned.toml` wrote beside the link's target, outside the root, and
    // a staged name `../evil/../secret.txt` moved a file from outside into the root.
    let out = outside();
    std::fs::create_dir_all(out.path().join("a/b")).unwrap();
    std::fs::write(out.path().join("a/secret.txt"), "outside\n").unwrap();
    let fx = Fixture::mini()
        .file(".audit-journal/0.staged", "org = \"O\"\n")
        .file(
            ".audit-journal/plan",
            "{\"staged\":\"0.staged\",\"target\":\"evil/../pwned.toml\",\"old\":null,\"new\":\"x\"}\n\
             {\"staged\":\"../evil/../secret.txt\",\"target\":\"stolen.txt\",\"old\":null,\"new\":\"y\"}\n",
        )
        .file("s.csv", "org,branch,period,level,1.1\nA,a,2025,self,good\n");
    symlink(out.path().join("a/b"), fx.join("evil")).unwrap();
    fx.test(&["import", "s.csv"])
        .stderr("error: {dir}/.audit-journal/plan is damaged\n")
        .status(2);
    assert_eq!(
        files_below(out.path()),
        vec![out.path().join("a/secret.txt").display().to_string()],
        "nothing written or taken outside"
    );
    assert!(!fx.join("stolen.txt").exists());
}

#[test]
fn a_snippet_of_zero_width_or_control_characters_stays_bounded_and_inert() {
    // 200 000 combining accents have no width: the 100-column budget never tripped and the
    // whole line (400 KB) went to stderr; ESC and BEL reached the terminal as they were.
    let accents: String = std::iter::repeat_n('\u{301}', 200_000).collect();
    let fx = Fixture::mini()
        .file("a/1.toml", format!("x = \"{accents}\"\n"))
        .file("a/2.toml", "y = \"\u{1b}]0;pwned\u{7}\u{1b}[2J\"\n");
    let run = fx
        .test(&["check", "."])
        .stdout("2 record files checked: 6 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
    assert!(run.stderr.len() < 8_000, "{} bytes", run.stderr.len());
    assert!(
        !run.stderr.contains('\u{1b}') && !run.stderr.contains('\u{7}'),
        "{:?}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("y = \"\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[2J\""),
        "{}",
        run.stderr
    );
}

/// Exit code 3 is a failure while writing the output, distinct from 2 (invalid input): a
/// script that sees 3 knows the records were fine and the disk was not.
#[test]
fn a_full_disk_under_standard_output_exits_3_naming_what_failed() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let fx = passing_root();
    for (lang, want) in [
        (
            "en",
            "error: cannot write to standard output: No space left on device (os error 28)\n",
        ),
        (
            "zh",
            "错误: 无法写入标准输出: No space left on device (os error 28)\n",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_audit"))
            .args(["--lang", lang, "score", "."])
            .current_dir(fx.path())
            .stdin(Stdio::null())
            .stdout(std::fs::File::create("/dev/full").expect("open /dev/full"))
            .stderr(Stdio::piped())
            .output()
            .expect("run audit");
        assert_eq!(String::from_utf8_lossy(&out.stderr), want);
        assert_eq!(out.status.code(), Some(3), "--lang {lang}");
    }
}

#[test]
fn problems_found_across_many_folders_are_listed_in_name_order() {
    // A large tree (over a thousand entries) is walked by several threads at once: what
    // each finds must still come out in one order, whichever thread saw it first.
    use std::os::unix::ffi::OsStrExt;
    let out = outside();
    let mut fx = Fixture::mini();
    for i in 0..400 {
        fx = fx.file(
            &format!("f{i:03}/b/2022.toml"),
            record("A", &format!("b{i:03}"), "2022", &full_acceptance(50, 50)),
        );
    }
    for i in [31, 7, 22] {
        let name = std::ffi::OsStr::from_bytes(b"bad\xff.toml");
        std::fs::write(fx.join(&format!("f{i:03}/b")).join(name), "x").unwrap();
        symlink(out.path(), fx.join(&format!("f{i:03}/evil"))).unwrap();
    }
    fx.test(&["check", "."])
        .stdout("400 record files checked: 6 errors, 0 warnings\n")
        .stderr(
            "f007/b/bad\u{FFFD}.toml:1:1: error: the file name is not valid UTF-8: rename it so it can be named in reports\n\
             f007/evil:1:1: error: a link to a folder outside the records root: its files are not read\n\
             f022/b/bad\u{FFFD}.toml:1:1: error: the file name is not valid UTF-8: rename it so it can be named in reports\n\
             f022/evil:1:1: error: a link to a folder outside the records root: its files are not read\n\
             f031/b/bad\u{FFFD}.toml:1:1: error: the file name is not valid UTF-8: rename it so it can be named in reports\n\
             f031/evil:1:1: error: a link to a folder outside the records root: its files are not read\n",
        )
        .status(2);
    let scores: crate::json::Scores = fx
        .test(&["score", "--format", "json"])
        .stderr_inspected()
        .json(2);
    let files: Vec<&str> = scores.records.iter().map(|r| r.file.as_str()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!((files.len(), &files), (400, &sorted));
}
