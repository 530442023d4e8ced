//! `audit import` (issue 9): merging into every shape of TOML a person writes, all-or-nothing
//! writes under a lock with a journal, large sheets, hostile spreadsheets, and where new
//! records go.

use crate::harness::{Fixture, Run, Test};

const HEADER: &str = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n";

/// Imports `sheet` (CSV) into a mini root holding `record` at a/x/2025.toml (the import must
/// say it updated that one record); returns the record's bytes afterwards and its (status,
/// base, bonus, total) as `audit score` gives them.
fn merge(record: &str, sheet: &str, flags: &[&str]) -> (String, [String; 4]) {
    let fx = Fixture::mini()
        .file("a/x/2025.toml", record)
        .file("s.csv", sheet);
    let mut args = vec!["import"];
    args.extend(flags);
    args.push("s.csv");
    fx.test(&args)
        .stdout("imported 1 row of s.csv: 0 new records, 1 updated, 0 unchanged\n")
        .status(0);
    let text = String::from_utf8(std::fs::read(fx.join("a/x/2025.toml")).unwrap()).unwrap();
    let score = fx
        .test(&["score", "--format", "json"])
        .stdout_inspected()
        .status(0);
    let j = score.json::<serde_json::Value>();
    let r = &j["records"][0];
    let figures = [
        r["status"].as_str().unwrap().to_string(),
        r["base"].to_string(),
        r["bonus"].to_string(),
        r["total"].to_string(),
    ];
    (text, figures)
}

#[test]
fn import_merges_into_inline_tables_value_by_value() {
    let record = format!(
        "{HEADER}satisfaction = {{ surveyed = 50, satisfied = 50 }}\nbonus = {{ B1 = 2 }}\n\
         acceptance = {{ \"1.1\" = \"good\", \"1.2\" = 5, \"2.1\" = 10, \"2.2\" = 10, \"3.2\" = 5 }}\n"
    );
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B2\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    assert_eq!(
        text,
        format!(
            "{HEADER}satisfaction = {{ surveyed = 50, satisfied = 50 }}\nbonus = {{ B1 = 2, B2 = 1 }}\n\
             acceptance = {{ \"1.1\" = \"good\", \"1.2\" = 5, \"2.1\" = 10, \"2.2\" = 10, \"3.2\" = 5, \"3.3\" = 4 }}\n"
        )
    );
    assert_eq!(figures, ["pass", "49.0", "3.0", "52.0"]);
}

#[test]
fn import_merges_into_dotted_keys() {
    let record = format!(
        "{HEADER}satisfaction.surveyed = 50\nsatisfaction.satisfied = 50\nbonus.B1 = 2\n\
         acceptance.\"1.1\" = \"good\"\nacceptance.\"1.2\" = 5 # groups\nacceptance.\"2.1\" = 10\n\
         acceptance.\"2.2\" = 10\nacceptance.\"3.2\" = 5\n"
    );
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B2\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    assert_eq!(
        text,
        format!(
            "{HEADER}satisfaction.surveyed = 50\nsatisfaction.satisfied = 50\nbonus.B1 = 2\nbonus.B2 = 1\n\
             acceptance.\"1.1\" = \"good\"\nacceptance.\"1.2\" = 5 # groups\nacceptance.\"2.1\" = 10\n\
             acceptance.\"2.2\" = 10\nacceptance.\"3.2\" = 5\nacceptance.\"3.3\" = 4\n"
        )
    );
    assert_eq!(figures, ["pass", "49.0", "3.0", "52.0"]);
}

#[test]
fn import_force_keeps_comments_spacing_notes_of_tables() {
    let record = format!(
        "{HEADER}\n# the survey\n[satisfaction]\nsurveyed = 50 # ballots\nsatisfied = 50\n\n\
         [bonus]\nB1 = 2\n\n[acceptance] # the group\n\"1.1\" = \"good\"   # checked\n\"1.2\" = 5\n\
         \"2.1\" = 10\n\"3.2\" = 5\n\n[acceptance.\"2.2\"]\n\
         deductions = [ {{ points = 1.5, reason = \"missed\" }} ]\nnote = \"see minutes\"\n\n# end\n"
    );
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,2.2,3.3,B2,surveyed,satisfied\nA,x,2025,acceptance,fair,9,4,1,50,49\n",
        &["--force"],
    );
    assert_eq!(
        text,
        format!(
            "{HEADER}\n# the survey\n[satisfaction]\nsurveyed = 50 # ballots\nsatisfied = 49\n\n\
             [bonus]\nB1 = 2\nB2 = 1\n\n[acceptance] # the group\n\"1.1\" = \"fair\"   # checked\n\
             \"1.2\" = 5\n\"2.1\" = 10\n\"3.2\" = 5\n\"3.3\" = 4\n\n[acceptance.\"2.2\"]\n\
             note = \"see minutes\"\nscore = 9\n\n# end\n"
        )
    );
    assert_eq!(figures, ["pass", "45.5", "3.0", "48.5"]);
}

#[test]
fn import_adds_values_beside_a_point_written_as_its_own_table() {
    // `[acceptance."2.2"]` alone: `acceptance` exists only implicitly.
    let record = format!(
        "{HEADER}[satisfaction]\nsurveyed = 50\nsatisfied = 50\n\n[acceptance.\"2.2\"]\nscore = 10\nnote = \"ok\"\n"
    );
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,1.2,2.1,2.2,3.2,3.3\nA,x,2025,acceptance,good,5,10,10,5,5\n",
        &[],
    );
    assert_eq!(
        text,
        format!(
            "{HEADER}[satisfaction]\nsurveyed = 50\nsatisfied = 50\n\n[acceptance]\n\"1.1\" = \"good\"\n\
             \"1.2\" = 5\n\"2.1\" = 10\n\"3.2\" = 5\n\"3.3\" = 5\n\n[acceptance.\"2.2\"]\nscore = 10\nnote = \"ok\"\n"
        )
    );
    assert_eq!(figures, ["pass", "50.0", "0.0", "50.0"]);
}

#[test]
fn import_force_replaces_only_the_score_of_a_value_with_a_note() {
    let record = format!(
        "{HEADER}satisfaction = {{ rate = \"96%\" }}\n\n[acceptance]\n\
         \"1.1\" = {{ score = \"fair\", note = \"late\", evidence = [] }}\n\"1.2\" = 5\n\"2.1\" = 10\n\
         \"2.2\" = {{ deductions = [ {{ points = 1, reason = \"x\" }} ], note = \"n\" }}\n\"3.2\" = 5\n\"3.3\" = \"na\"\n"
    );
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,2.2,rate\nA,x,2025,acceptance,good,10,100%\n",
        &["--force"],
    );
    assert_eq!(
        text,
        format!(
            "{HEADER}satisfaction = {{ rate = \"100%\" }}\n\n[acceptance]\n\
             \"1.1\" = {{ score = \"good\", note = \"late\", evidence = [] }}\n\"1.2\" = 5\n\"2.1\" = 10\n\
             \"2.2\" = {{ note = \"n\", score = 10 }}\n\"3.2\" = 5\n\"3.3\" = \"na\"\n"
        )
    );
    assert_eq!(figures, ["pass", "50.0", "0.0", "50.0"]);
}

const TABLES: &str = "\n[satisfaction]\nsurveyed = 50\nsatisfied = 50\n\n[acceptance]\n\"1.1\" = \"good\"\n\
                      \"1.2\" = 5\n\"2.1\" = 10\n\"2.2\" = 10\n\"3.2\" = 5\n";

#[test]
fn import_keeps_crlf_line_endings() {
    let record = format!("{HEADER}{TABLES}").replace('\n', "\r\n");
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B1\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    assert_eq!(
        text,
        format!("{HEADER}{TABLES}\"3.3\" = 4\n\n[bonus]\nB1 = 1\n").replace('\n', "\r\n")
    );
    assert_eq!(figures, ["pass", "49.0", "1.0", "50.0"]);
}

#[test]
fn import_keeps_a_byte_order_mark() {
    let record = format!("\u{feff}{HEADER}{TABLES}");
    let (text, figures) = merge(
        &record,
        "org,branch,period,level,3.3\nA,x,2025,acceptance,4\n",
        &[],
    );
    assert_eq!(text, format!("\u{feff}{HEADER}{TABLES}\"3.3\" = 4\n"));
    assert_eq!(figures, ["pass", "49.0", "0.0", "49.0"]);
}

// ── all or nothing, under a lock (item 4), within any descriptor limit (item 5) ────────

/// A sheet of `n` new records of org O, branches b0000…, with `cells` for points 1.1 to 3.3.
fn sheet(n: usize, cells: &str) -> String {
    let mut s =
        String::from("org,branch,period,level,1.1,1.2,2.1,2.2,3.2,3.3,surveyed,satisfied\n");
    for i in 0..n {
        s.push_str(&format!("O,b{i:04},2025,acceptance,{cells},50,50\n"));
    }
    s
}

/// Every file below `dir`, hidden ones included, relative and sorted.
fn files(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// The records an import leaves: the files under o/, and nothing else beside them but the
/// checklist, the sheets and the lock file (no journal, no temporary files).
#[track_caller]
fn only_records_and_lock(fx: &Fixture, records: usize) {
    let all = files(fx.path());
    let others: Vec<&String> = all
        .iter()
        .filter(|f| !f.starts_with("o/") && !f.ends_with(".csv"))
        .collect();
    assert_eq!(others, [".audit-lock", "checklist.toml"]);
    let recs = all.iter().filter(|f| f.starts_with("o/")).count();
    assert_eq!(recs, records);
    assert!(
        all.iter()
            .all(|f| !f.starts_with("o/") || f.ends_with("/2025.toml"))
    );
}

fn spawn(fx: &Fixture, args: &[&str]) -> std::process::Child {
    spawn_with(fx, args, &[])
}

/// Like [`spawn`], with extra environment.
fn spawn_with(fx: &Fixture, args: &[&str], env: &[(&str, &str)]) -> std::process::Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_audit"));
    cmd.args(args)
        .current_dir(fx.path())
        .env("LANG", "C.UTF-8")
        .env_remove("AUDIT_LANG")
        .env_remove("LC_ALL")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn finish(child: std::process::Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
        code: out.status.code().unwrap_or(-1),
    }
}

#[test]
fn import_of_2000_new_records_works_with_256_file_descriptors() {
    let fx = Fixture::mini().file("s.csv", sheet(2000, "good,5,10,10,5,5"));
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -n 256 && exec '{}' import s.csv",
            env!("CARGO_BIN_EXE_audit")
        ))
        .current_dir(fx.path())
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "imported 2000 rows of s.csv: 2000 new records, 0 updated, 0 unchanged\n"
    );
    assert_eq!(stderr, "");
    only_records_and_lock(&fx, 2000);
    // The lock file is never taken for a record.
    fx.test(&["check"])
        .stdout("2000 record files checked: 0 errors, 0 warnings\n")
        .status(0);
}

#[test]
fn two_overlapping_imports_at_once_land_one_whole_and_refuse_the_other() {
    let fx = Fixture::mini()
        .file("good.csv", sheet(1000, "good,5,10,10,5,5"))
        .file("fair.csv", sheet(1000, "fair,5,10,10,5,5"));
    let a = spawn(&fx, &["import", "good.csv"]);
    let b = spawn(&fx, &["import", "fair.csv"]);
    let (a, b) = (finish(a), finish(b));
    let (winner, loser, value) = if a.code == 0 {
        (a, b, "good")
    } else {
        (b, a, "fair")
    };
    winner.assert_code(0);
    assert!(
        winner
            .stdout
            .ends_with(": 1000 new records, 0 updated, 0 unchanged\n"),
        "{}",
        winner.stdout
    );
    loser.assert_code(2);
    assert!(loser.stdout.is_empty(), "{}", loser.stdout);
    assert!(
        loser.stderr.ends_with("nothing was imported\n"),
        "{}",
        loser.stderr
    );
    only_records_and_lock(&fx, 1000);
    for i in [0, 499, 999] {
        let text = fx.read(&format!("o/b{i:04}/2025.toml"));
        assert!(text.contains(&format!("\"1.1\" = \"{value}\"")), "{text}");
    }
}

#[test]
fn two_forced_imports_of_different_cells_at_once_both_land() {
    let fx = Fixture::mini().file("new.csv", sheet(300, "good,5,10,10,5,5"));
    fx.test(&["import", "new.csv"])
        .stdout("imported 300 rows of new.csv: 300 new records, 0 updated, 0 unchanged\n")
        .status(0);
    let mut one = String::from("org,branch,period,level,3.3\n");
    let mut two = String::from("org,branch,period,level,1.2\n");
    for i in 0..300 {
        one.push_str(&format!("O,b{i:04},2025,acceptance,4\n"));
        two.push_str(&format!("O,b{i:04},2025,acceptance,3\n"));
    }
    let fx = fx.file("one.csv", one).file("two.csv", two);
    let a = spawn(&fx, &["import", "--force", "one.csv"]);
    let b = spawn(&fx, &["import", "--force", "two.csv"]);
    for run in [finish(a), finish(b)] {
        run.assert_code(0);
    }
    for i in [0, 150, 299] {
        let text = fx.read(&format!("o/b{i:04}/2025.toml"));
        assert!(
            text.contains("\"1.2\" = 3\n") && text.contains("\"3.3\" = 4\n"),
            "{text}"
        );
    }
    only_records_and_lock(&fx, 300);
}

#[test]
fn an_import_killed_after_its_plan_is_completed_by_the_next_run() {
    let fx = Fixture::mini().file("s.csv", sheet(20, "good,5,10,10,5,5"));
    // Debug builds stop dead (abort) after this many files were put in place.
    Test::in_dir(fx.path(), &["import", "s.csv"])
        .env("AUDIT_TEST_CRASH_AFTER_RENAMES", "5")
        .status(-1);
    // -1: no exit code, the process died of its abort signal (see `Run::code`).
    assert!(fx.join(".audit-journal/plan").exists());
    assert_eq!(files(&fx.join("o")).len(), 5);
    // Until then, every reading command says the sheet may be half in place.
    fx.test(&["check", "."]).stdout("5 record files checked: 0 errors, 1 warning\n").stderr(".audit-journal:1:1: warning: an interrupted import left this journal: some of its records may not be written yet; the next audit import completes or undoes it\n").status(0);
    // The next import finishes the interrupted one before doing its own work.
    fx.test(&["import", "s.csv"])
        .stdout("imported 20 rows of s.csv: 0 new records, 0 updated, 20 unchanged\n")
        .stderr(
            "an interrupted import was completed: 15 of its 20 files were still to be written\n",
        )
        .status(0);
    only_records_and_lock(&fx, 20);
}

#[test]
fn an_import_stopped_before_its_plan_is_undone_by_the_next_run() {
    // What a run killed while staging leaves: staged files, no plan.
    let fx = Fixture::mini()
        .file(
            ".audit-journal/0.staged",
            "org = \"O\"\nbranch = \"b0000\"\nperiod = \"2025\"\n",
        )
        .file("s.csv", sheet(2, "fair,5,10,10,5,5"));
    fx
        .test(&["import", "s.csv"])
        .stdout("imported 2 rows of s.csv: 2 new records, 0 updated, 0 unchanged\n")
        .stderr("an interrupted import had written nothing yet; its staged files in {dir}/.audit-journal were removed\n")
        .status(0);
    only_records_and_lock(&fx, 2);
    assert!(fx.read("o/b0000/2025.toml").contains("\"1.1\" = \"fair\""));
}

#[test]
fn an_interrupted_import_never_overwrites_a_file_edited_since() {
    let fx = Fixture::mini().file("s.csv", sheet(3, "good,5,10,10,5,5"));
    Test::in_dir(fx.path(), &["import", "s.csv"])
        .env("AUDIT_TEST_CRASH_AFTER_RENAMES", "1")
        .status(-1);
    // -1: no exit code, the process died of its abort signal (see `Run::code`).
    // Someone writes the third record by hand before the next run.
    let by_hand = format!(
        "# by hand\n{}",
        crate::harness::record(
            "O",
            "b0002",
            "2025",
            &crate::harness::full_acceptance(50, 50)
        )
    );
    std::fs::create_dir_all(fx.join("o/b0002")).unwrap();
    std::fs::write(fx.join("o/b0002/2025.toml"), &by_hand).unwrap();
    fx.test(&["import", "s.csv"]).stderr("error: an interrupted import left {dir}/.audit-journal, but {dir}/o/b0002/2025.toml changed since; check it, then remove {dir}/.audit-journal\n").status(2);
    assert_eq!(fx.read("o/b0002/2025.toml"), by_hand);
    assert!(fx.join(".audit-journal/plan").exists());
}

// ── where new records go (item 23) ─────────────────────────────────────────────────────

#[test]
fn import_puts_new_records_beside_their_org_and_branch_records() {
    let fx = Fixture::empty();
    let root = fx.join("records");
    crate::authoring::copy_dir(&crate::harness::repo().join("examples/records"), &root);
    let sheet = fx.join("all.csv");
    Test::in_dir(
        &root,
        &[
            "export-sheet",
            "--period",
            "2024",
            "-o",
            sheet.to_str().unwrap(),
        ],
    )
    .status(0);
    let all = std::fs::read_to_string(&sheet).unwrap();
    let mut lines = all.lines();
    let header = lines.next().unwrap();
    let row = lines
        .find(|l| l.starts_with("华晋证券,第二党支部,2024,self,"))
        .unwrap();
    let rest = row.strip_prefix("华晋证券,第二党支部,2024,self,").unwrap();
    let new = format!(
        "{header}\n华晋证券,第二党支部,2025,self,{rest}\n华晋证券,第九党支部,2025,self,{rest}\n新公司,一支部,2025,self,{rest}\n"
    );
    std::fs::write(fx.join("new.csv"), new).unwrap();
    let run = Test::in_dir(&root, &["import", fx.join("new.csv").to_str().unwrap()])
        .stdout_inspected()
        .status(0);
    assert!(
        run.stdout
            .ends_with(": 3 new records, 0 updated, 0 unchanged\n"),
        "{}",
        run.stdout
    );
    // The branch's own folder; a new branch of a known org in that org's folder; a new
    // org by the slug rule.
    assert!(
        root.join("huajin-securities/second-branch/2025.toml")
            .exists()
    );
    assert!(root.join("huajin-securities/第九党支部/2025.toml").exists());
    assert!(root.join("新公司/一支部/2025.toml").exists());
    assert!(!root.join("华晋证券").exists());
}

// ── hostile spreadsheets (item 6) ──────────────────────────────────────────────────────

/// A minimal xlsx workbook (stored, not compressed) whose one worksheet is `sheet_xml`.
fn xlsx(sheet_xml: &str) -> Vec<u8> {
    xlsx_with(sheet_xml, None)
}

/// [`xlsx`], plus the one part of the zip `extra` copied as it is (still compressed).
fn xlsx_with(sheet_xml: &str, extra: Option<&[u8]>) -> Vec<u8> {
    use std::io::Write;
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in parts {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    if let Some(extra) = extra {
        let mut from = zip::ZipArchive::new(std::io::Cursor::new(extra)).unwrap();
        zip.raw_copy_file(from.by_index_raw(0).unwrap()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A worksheet: a header row and `rows` as raw `<c>` cells.
fn worksheet(dimension: &str, rows: &[(u32, &str)]) -> String {
    let header: String = ["org", "branch", "period", "level", "1.1"]
        .iter()
        .enumerate()
        .map(|(i, h)| {
            format!(
                r#"<c r="{}1" t="inlineStr"><is><t>{h}</t></is></c>"#,
                (b'A' + i as u8) as char
            )
        })
        .collect();
    let body: String = rows
        .iter()
        .map(|(n, cells)| format!(r#"<row r="{n}">{cells}</row>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData><row r="1">{header}</row>{body}</sheetData></worksheet>"#
    )
}

fn text_cells(row: u32, values: &[&str]) -> String {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            format!(
                r#"<c r="{}{row}" t="inlineStr"><is><t>{v}</t></is></c>"#,
                (b'A' + i as u8) as char
            )
        })
        .collect()
}

#[test]
fn import_refuses_a_sheet_whose_used_range_is_huge_without_allocating_it() {
    // 4 KB on disk; a dense grid of it would be 16 384 × 1 048 576 cells.
    let sheet = worksheet(
        "A1:XFD1048576",
        &[(1048576, r#"<c r="XFD1048576"><v>1</v></c>"#)],
    );
    let fx = Fixture::mini().file("big.xlsx", xlsx(&sheet));
    fx.test(&["import", "big.xlsx"]).stderr("error: big.xlsx: cell XFD1048576 makes the used range A1:XFD1048576 (1048576 rows × 16384 columns); import reads at most 10000000 cells: delete the stray cells or copy the table to a new sheet\n").status(2);
    assert_eq!(files(fx.path()), ["big.xlsx", "checklist.toml"]);
}

/// A zip holding one part whose deflated data unpacks to `mib` MiB of spaces: a 1 MiB
/// block, deflated once, repeated (each copy byte-aligned and independent of the others).
fn zip_bomb(part: &str, mib: usize) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress};
    let mut deflate = Compress::new(Compression::best(), false);
    let mut block = Vec::with_capacity(1 << 16);
    deflate
        .compress_vec(&vec![b' '; 1 << 20], &mut block, FlushCompress::Full)
        .unwrap();
    let mut data = Vec::new();
    for _ in 0..mib {
        data.extend_from_slice(&block);
    }
    // A last, empty stored block.
    data.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
    let size = (mib as u32) << 20;
    let name = part.as_bytes();
    let mut zip = Vec::new();
    let le16 = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    // Local header: deflate, CRC left 0 (never reached: import stops reading first).
    le32(&mut zip, 0x0403_4b50);
    for n in [20u16, 0, 8, 0, 0] {
        le16(&mut zip, n);
    }
    for n in [0u32, data.len() as u32, size] {
        le32(&mut zip, n);
    }
    le16(&mut zip, name.len() as u16);
    le16(&mut zip, 0);
    zip.extend_from_slice(name);
    zip.extend_from_slice(&data);
    let central = zip.len() as u32;
    le32(&mut zip, 0x0201_4b50);
    for n in [20u16, 20, 0, 8, 0, 0] {
        le16(&mut zip, n);
    }
    for n in [0u32, data.len() as u32, size] {
        le32(&mut zip, n);
    }
    for n in [name.len() as u16, 0, 0, 0, 0] {
        le16(&mut zip, n);
    }
    le32(&mut zip, 0);
    le32(&mut zip, 0);
    zip.extend_from_slice(name);
    let central_len = zip.len() as u32 - central;
    le32(&mut zip, 0x0605_4b50);
    for n in [0u16, 0, 1, 1] {
        le16(&mut zip, n);
    }
    le32(&mut zip, central_len);
    le32(&mut zip, central);
    le16(&mut zip, 0);
    zip
}

#[test]
fn import_refuses_a_zip_bomb_before_unpacking_it() {
    // A workbook whose shared strings (which a reader holds in memory) unpack to 300 MiB.
    let bomb = xlsx_with(
        &worksheet("A1:E1", &[]),
        Some(&zip_bomb("xl/sharedStrings.xml", 300)),
    );
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let fx = Fixture::mini().file("bomb.xlsx", bomb);
    fx.test(&["import", "bomb.xlsx"]).stderr("error: bomb.xlsx unpacks to more than 256 MB (xl/sharedStrings.xml alone to 256 MB or more); import refuses it (a zip bomb?)\n").status(2);
}

#[test]
fn import_reports_a_formula_without_a_saved_result_at_its_cell() {
    // As openpyxl writes a formula: no cached value.
    let row2 = format!(
        "{}{}",
        text_cells(2, &["A", "x", "2025", "self"]),
        r#"<c r="E2"><f>SUM(4,5)</f><v></v></c>"#
    );
    let row3 = format!(
        "{}{}",
        text_cells(3, &["A", "y", "2025", "self"]),
        r#"<c r="E3"><f>SUM(4,5)</f><v>9</v></c>"#
    );
    let sheet = worksheet("A1:E3", &[(2, &row2), (3, &row3)]);
    let fx = Fixture::mini().file("f.xlsx", xlsx(&sheet));
    fx.test(&["import", "f.xlsx"]).stderr(
        r#"f.xlsx:2:4: error: D2: the row gives no point values
f.xlsx:2:5: error: E2: the formula =SUM(4,5) has no saved result (the program that wrote the file does not calculate); open and save the file in Excel, WPS or LibreOffice, or type the value
nothing was imported: fix the sheet and import it again
"#,
    ).status(2);
    assert_eq!(
        files(fx.path()),
        [".audit-lock", "checklist.toml", "f.xlsx"]
    );
}

#[test]
fn import_never_overwrites_a_record_edited_while_it_was_planning() {
    let fx = Fixture::mini().file("s.csv", sheet(3, "good,5,10,10,5,5"));
    fx.test(&["import", "s.csv"])
        .stdout("imported 3 rows of s.csv: 3 new records, 0 updated, 0 unchanged\n")
        .status(0);
    let before = fx.read("o/b0000/2025.toml");
    let fx = fx.file("t.csv", sheet(3, "fair,5,10,10,5,5"));
    // Debug builds: an editor saves o/b0000/2025.toml between the plan and the writes.
    Test::in_dir(fx.path(), &["import", "--force", "t.csv"])
        .env("AUDIT_TEST_EDIT_BEFORE_WRITE", "1")
        .stderr("error: {dir}/o/b0000/2025.toml changed while the import was being prepared; nothing was written: import again\n")
        .status(2);
    assert_eq!(
        fx.read("o/b0000/2025.toml"),
        format!("{before}# edited meanwhile\n")
    );
    for i in [1, 2] {
        assert!(
            fx.read(&format!("o/b000{i}/2025.toml"))
                .contains("\"1.1\" = \"good\"")
        );
    }
    only_records_and_lock(&fx, 3);
}

#[test]
fn a_second_import_waits_for_the_lock_then_plans_from_what_the_first_wrote() {
    // The overlap is forced: the first import holds the root's lock for 1.5 s (a debug-build
    // hook), and the second starts meanwhile. Without the lock the second would not wait.
    let fx = Fixture::mini()
        .file("good.csv", sheet(50, "good,5,10,10,5,5"))
        .file("fair.csv", sheet(50, "fair,5,10,10,5,5"));
    let first = spawn_with(
        &fx,
        &["import", "good.csv"],
        &[("AUDIT_TEST_HOLD_LOCK_MS", "1500")],
    );
    // Until the lock file exists, the first has not taken it yet.
    let lock = fx.join(".audit-lock");
    let start = std::time::Instant::now();
    while !lock.exists() && start.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    std::thread::sleep(std::time::Duration::from_millis(200));
    let second = finish(spawn(&fx, &["import", "fair.csv"]));
    let first = finish(first);
    first.assert_code(0);
    assert!(
        first
            .stdout
            .ends_with(": 50 new records, 0 updated, 0 unchanged\n"),
        "{}",
        first.stdout
    );
    second.assert_code(2);
    assert!(
        second
            .stderr
            .starts_with("waiting for another audit command that is writing to "),
        "{}",
        second.stderr
    );
    assert!(
        second.stderr.ends_with("nothing was imported\n"),
        "{}",
        second.stderr
    );
    assert!(fx.read("o/b0000/2025.toml").contains("\"1.1\" = \"good\""));
}
