//! Authoring: init → new → fill → check → score, new --from, import/export round trips,
//! schemas, completions and the man page.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::harness::{Fixture, Run, Test, repo, this_year};
use crate::json::{Report, Scores};

/// Fills every `""` of a form: points 2 (valid for every point of the reference checklist),
/// a survey of 48 of 50.
fn fill(form: &str) -> String {
    form.replace("surveyed = \"\"", "surveyed = 50")
        .replace("satisfied = \"\"", "satisfied = 48")
        .replace(" = \"\"", " = 2")
}

fn init() -> (Fixture, Run) {
    let fx = Fixture::empty();
    let run = fx.test(&["init", "records"]).stdout(this_year(r#"Started a records root in records:
  checklist.toml        the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
  roster.toml           the branches expected each period: none yet, list yours
  example-subsidiary/example-branch-delete-me/{YEAR}.toml   an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
  README.md, .gitignore, benchmarks.toml, record.schema.json

Next steps:
  cd records && git init
  audit new --org ORG --branch BRANCH --period {YEAR}     a blank form for each branch
  audit check .                                          after filling in
  audit score .                                          one row per record
"#)).status(0);
    (fx, run)
}

#[test]
fn init_new_fill_check_score_end_to_end() {
    let (fx, _) = init();
    let root = fx.join("records");
    Test::in_dir(&root, &["check"]).stdout("1 record file checked: 0 errors, 1 warning\n").stderr(this_year(r#"example-subsidiary/example-branch-delete-me/{YEAR}.toml:14:10: warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates
 14 | period = "{YEAR}"
    |          ^^^^^^
"#)).status(0);

    Test::in_dir(&root, &[
            "new",
            "--org",
            "华晋证券",
            "--branch",
            "第二党支部",
            "--period",
            "2025",
        ]).stderr("wrote 华晋证券/第二党支部/2025.toml: fill in every \"\", then run: audit check 华晋证券/第二党支部/2025.toml\n").status(0);
    let path = root.join("华晋证券/第二党支部/2025.toml");
    let form = std::fs::read_to_string(&path).unwrap();
    assert!(
        form.starts_with("#:schema ../../record.schema.json\n"),
        "{form}"
    );
    assert_eq!(
        form.matches(" = \"\"").count(),
        32 + 2,
        "32 points and the two survey counts"
    );

    // An unfilled form is invalid, point by point.
    let run = Test::in_dir(&root, &["check"])
        .stdout("2 record files checked: 34 errors, 1 warning\n")
        .stderr_inspected()
        .status(2);
    assert!(
        run.stderr
            .contains("华晋证券/第二党支部/2025.toml:16:12: error: `surveyed` is not filled in"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: [self] point 10.2: not filled in"),
        "{}",
        run.stderr
    );

    // Filled in, it passes unchanged apart from the values.
    std::fs::write(&path, fill(&form)).unwrap();
    Test::in_dir(&root, &["check"]).stdout("2 record files checked: 0 errors, 2 warnings\n").stderr(this_year(r#"example-subsidiary/example-branch-delete-me/{YEAR}.toml:14:10: warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates
 14 | period = "{YEAR}"
    |          ^^^^^^
华晋证券/第二党支部/2025.toml:11:10: warning: 华晋证券 / 第二党支部 is not in roster.toml: the record is left out of compliance rates
 11 | period = "2025"
    |          ^^^^^^
"#)).status(0);
    // Only a reminder remains: the new branch is not in the roster yet.

    // 32 points × 2 + 8.3 derived from 96 % (4) = 68; a self-assessment is incomplete.
    let run = Test::in_dir(&root, &["score", "--org", "华晋证券", "--format", "json"]).stdout_inspected().stderr(
        r#"华晋证券/第二党支部/2025.toml:11:10: warning: 华晋证券 / 第二党支部 is not in roster.toml: the record is left out of compliance rates
 11 | period = "2025"
    |          ^^^^^^
"#,
    ).status(0);
    let json: Scores = run.json();
    let r = &json.records[0];
    assert_eq!(
        (r.level.as_deref(), r.total, r.status.as_str()),
        (Some("self"), 68.0, "incomplete")
    );

    // The reviewer starts from the self-assessment, then acceptance from the review.
    Test::in_dir(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"]).stderr("added [review] to 华晋证券/第二党支部/2025.toml, started from [self]: review the values, then run: audit check 华晋证券/第二党支部/2025.toml\n").status(0);
    Test::in_dir(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"]).stderr("added [acceptance] to 华晋证券/第二党支部/2025.toml, started from [review]: review the values, then run: audit check 华晋证券/第二党支部/2025.toml\n").status(0);
    Test::in_dir(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"])
        .stderr(
            "error: 华晋证券/第二党支部/2025.toml already has every level; name one with --level\n",
        )
        .status(2);
    let run = Test::in_dir(&root, &["score", "--org", "华晋证券", "--format", "json"]).stdout_inspected().stderr(
        r#"华晋证券/第二党支部/2025.toml:11:10: warning: 华晋证券 / 第二党支部 is not in roster.toml: the record is left out of compliance rates
 11 | period = "2025"
    |          ^^^^^^
"#,
    ).status(0);
    let json: Scores = run.json();
    let r = &json.records[0];
    assert_eq!(
        (r.level.as_deref(), r.total, r.status.as_str()),
        (Some("acceptance"), 68.0, "fail")
    );
    assert_eq!(r.reasons[0], "total 68.00 is below 90");
}

#[test]
fn init_never_touches_a_folder_that_is_not_empty() {
    let fx = Fixture::empty().file("records/notes.txt", "mine");
    fx.test(&["init", "records"]).stderr("error: records is not empty; audit init only starts new folders (pass --force to add the missing files; existing files are kept)\n").status(2);
    assert!(!fx.join("records/checklist.toml").exists());
    fx.test(&["init", "--force", "records"]).stdout(this_year(r#"Started a records root in records:
  checklist.toml        the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
  roster.toml           the branches expected each period: none yet, list yours
  example-subsidiary/example-branch-delete-me/{YEAR}.toml   an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
  README.md, .gitignore, benchmarks.toml, record.schema.json

Next steps:
  cd records && git init
  audit new --org ORG --branch BRANCH --period {YEAR}     a blank form for each branch
  audit check .                                          after filling in
  audit score .                                          one row per record
"#)).status(0);
    assert_eq!(fx.read("records/notes.txt"), "mine");
    assert_eq!(
        fx.read("records/checklist.toml"),
        audit::REFERENCE_CHECKLIST
    );
    for f in [
        "roster.toml",
        "README.md",
        ".gitignore",
        "record.schema.json",
    ] {
        assert!(fx.join("records").join(f).is_file(), "{f}");
    }
}

#[test]
fn init_force_keeps_an_office_s_own_checklist_and_roster() {
    let fx = Fixture::empty()
        .file("records/checklist.toml", "# our own checklist\n")
        .file("records/roster.toml", "# our branches\n");
    fx.test(&["init", "--force", "records"]).stdout(this_year(r#"Started a records root in records:
  checklist.toml        the reference checklist (10 items, 33 points, 100 points): adapt it to your programme
  roster.toml           the branches expected each period: none yet, list yours
  example-subsidiary/example-branch-delete-me/{YEAR}.toml   an example record, not in the roster (no compliance rate or benchmark counts it): delete it once yours are in
  README.md, .gitignore, benchmarks.toml, record.schema.json

Next steps:
  cd records && git init
  audit new --org ORG --branch BRANCH --period {YEAR}     a blank form for each branch
  audit check .                                          after filling in
  audit score .                                          one row per record
"#)).stderr(
        r#"kept the existing checklist.toml
kept the existing roster.toml
"#,
    ).status(0);
    assert_eq!(fx.read("records/checklist.toml"), "# our own checklist\n");
    assert_eq!(fx.read("records/roster.toml"), "# our branches\n");
    assert!(fx.join("records/README.md").is_file());
}

#[test]
fn new_points_at_the_existing_record_of_a_branch_and_period() {
    let fx = Fixture::empty();
    let root = fx.join("records");
    copy_dir(&repo().join("examples/records"), &root);
    Test::in_dir(&root, &[
            "new",
            "--org",
            "华晋证券",
            "--branch",
            "第二党支部",
            "--period",
            "2022",
        ]).stderr("error: 华晋证券 / 第二党支部 / 2022 already has a record: huajin-securities/second-branch/2022.toml; to add a level to it, run: audit new --from huajin-securities/second-branch/2022.toml\n").status(2);
    assert!(!root.join("华晋证券").exists());
}

#[test]
fn new_finds_a_blank_form_that_was_moved_even_with_an_explicit_checklist() {
    // A blank form is not yet a valid record, and --checklist takes the other way to the
    // records root: neither may let a second form for the same branch and period through.
    let (fx, _) = init();
    let root = fx.join("records");
    let args = ["new", "--org", "Q", "--branch", "W", "--period", "2026"];
    Test::in_dir(&root, &args)
        .stderr("wrote q/w/2026.toml: fill in every \"\", then run: audit check q/w/2026.toml\n")
        .status(0);
    std::fs::create_dir_all(root.join("moved")).unwrap();
    std::fs::rename(root.join("q/w/2026.toml"), root.join("moved/form.toml")).unwrap();

    let checklist = root.join("checklist.toml");
    let with_checklist = [&args[..], &["--checklist", checklist.to_str().unwrap()]].concat();
    // --force replaces a branch's own file, never writes a second record elsewhere.
    let forced = [&args[..], &["--force"]].concat();
    for _refused in [
        Test::in_dir(&root, &args).stderr("error: Q / W / 2026 already has a record: moved/form.toml; to add a level to it, run: audit new --from moved/form.toml\n").status(2),
        Test::in_dir(&root, &with_checklist).stderr("error: Q / W / 2026 already has a record: moved/form.toml; to add a level to it, run: audit new --from moved/form.toml\n").status(2),
        Test::in_dir(&root, &forced).stderr("error: Q / W / 2026 already has a record: moved/form.toml; to add a level to it, run: audit new --from moved/form.toml\n").status(2),
    ] {
        assert!(!root.join("q/w/2026.toml").exists());
    }
}

pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn import_keeps_deductions_notes_and_comments_of_unchanged_values() {
    let fx = Fixture::empty();
    let root = fx.join("records");
    copy_dir(&repo().join("examples/records"), &root);
    let sheet = fx.join("all.csv");
    // The 2022 records (a sheet holds one checklist edition's columns).
    Test::in_dir(
        &root,
        &[
            "export-sheet",
            "--period",
            "2022",
            "-o",
            sheet.to_str().unwrap(),
        ],
    )
    .status(0);
    let before =
        std::fs::read_to_string(root.join("huajin-securities/second-branch/2022.toml")).unwrap();
    // Everything as exported: nothing to write, even with --force.
    let run = Test::in_dir(&root, &["import", "--force", sheet.to_str().unwrap()])
        .stdout_inspected()
        .status(0);
    assert!(
        run.stdout
            .ends_with("0 new records, 0 updated, 12 unchanged\n"),
        "{}",
        run.stdout
    );
    let after =
        std::fs::read_to_string(root.join("huajin-securities/second-branch/2022.toml")).unwrap();
    assert_eq!(before, after);
    assert!(after.contains("reason = \"3月、7月支委会未召开\""));
}

#[test]
fn import_refuses_two_records_that_fold_to_one_folder() {
    let sheet = "org,branch,period,level,1.1\nA/B,x,2025,self,1\nA B,x,2025,self,2\n";
    let fx = Fixture::mini().file("s.csv", sheet);
    fx.test(&["import", "s.csv"]).stderr(
        r#"s.csv:2: error: row 2: A/B / x / 2025 and the record of row 3 would both be written to a-b/x/2025.toml: rename one
nothing was imported
"#,
    ).status(2);
    assert!(!fx.join("a-b").exists());
}

#[test]
fn import_does_not_write_beside_a_record_that_does_not_load_yet() {
    // A blank form moved to another folder is still that branch's record; a second file
    // would be a duplicate once the form is filled in.
    let fx = Fixture::mini().file("s.csv", "org,branch,period,level,1.1\nA,x,2025,self,1\n");
    fx.test(&["new", "--org", "A", "--branch", "x", "--period", "2025"])
        .stderr("wrote a/x/2025.toml: fill in every \"\", then run: audit check a/x/2025.toml\n")
        .status(0);
    std::fs::create_dir_all(fx.join("forms")).unwrap();
    std::fs::rename(fx.join("a/x/2025.toml"), fx.join("forms/x.toml")).unwrap();
    fx.test(&["import", "s.csv"]).stderr(
        r#"s.csv:2: error: row 2: A / x / 2025 has a record that is not valid: forms/x.toml; fix it (see audit check), then import again
nothing was imported
"#,
    ).status(2);
    assert!(!fx.join("a/x/2025.toml").exists());
}

#[test]
fn import_names_the_rows_a_spreadsheet_shows() {
    // A blank line is still a row of the sheet; messages count it.
    let sheet = "org,branch,period,level,1.1\n\nA,a,2025,self,12\n";
    let fx = Fixture::mini().file("s.csv", sheet);
    fx.test(&["import", "s.csv"])
        .stderr(
            r#"s.csv:3:5: error: E3: point 1.1: "12": score 12 exceeds its max 10
nothing was imported: fix the sheet and import it again
"#,
        )
        .status(2);
    let sheet = "org,branch,period,level,satisfied\nA,a,2025,self,4\n";
    let fx = Fixture::mini().file("s.csv", sheet);
    fx.test(&["import", "s.csv"])
        .stderr(
            r#"s.csv:1:5: error: the sheet has a satisfied column but no surveyed column
s.csv:2:4: error: D2: the row gives no point values
s.csv:2:5: error: E2: satisfied is given but surveyed is empty
nothing was imported: fix the sheet and import it again
"#,
        )
        .status(2);
}

#[test]
fn new_never_overwrites_and_can_print() {
    let (fx, _) = init();
    let root = fx.join("records");
    let args = [
        "new",
        "--org",
        "Shanxi Securities",
        "--branch",
        "Retail (Taiyuan)",
        "--period",
        "2025",
    ];
    Test::in_dir(&root, &args).stderr("wrote shanxi-securities/retail-taiyuan/2025.toml: fill in every \"\", then run: audit check shanxi-securities/retail-taiyuan/2025.toml\n").status(0);
    assert!(
        root.join("shanxi-securities/retail-taiyuan/2025.toml")
            .is_file()
    );
    Test::in_dir(&root, &args).stderr("error: Shanxi Securities / Retail (Taiyuan) / 2025 already has a record: shanxi-securities/retail-taiyuan/2025.toml; to add a level to it, run: audit new --from shanxi-securities/retail-taiyuan/2025.toml\n").status(2);
    // Another branch whose name folds to the same folder is not let through either.
    let mut folding = args;
    folding[4] = "Retail Taiyuan";
    Test::in_dir(&root, &folding).stderr("error: shanxi-securities/retail-taiyuan/2025.toml already exists (a record whose names fold to the same folder?); choose another file with -o, or pass --force to overwrite it\n").status(2);
    // Refusals leave the file alone; --force starts the form again in place.
    let form = root.join("shanxi-securities/retail-taiyuan/2025.toml");
    let filled = std::fs::read_to_string(&form).unwrap() + "# filled in by the secretary\n";
    std::fs::write(&form, &filled).unwrap();
    Test::in_dir(&root, &args).stderr("error: Shanxi Securities / Retail (Taiyuan) / 2025 already has a record: shanxi-securities/retail-taiyuan/2025.toml; to add a level to it, run: audit new --from shanxi-securities/retail-taiyuan/2025.toml\n").status(2);
    assert_eq!(std::fs::read_to_string(&form).unwrap(), filled);
    let forced = [&args[..], &["--force"]].concat();
    Test::in_dir(&root, &forced).stderr("wrote shanxi-securities/retail-taiyuan/2025.toml: fill in every \"\", then run: audit check shanxi-securities/retail-taiyuan/2025.toml\n").status(0);
    let fresh = std::fs::read_to_string(&form).unwrap();
    assert!(!fresh.contains("# filled in by the secretary"), "{fresh}");
    assert!(fresh.contains("branch = \"Retail (Taiyuan)\""), "{fresh}");
    let run = Test::in_dir(
        &root,
        &[
            "new",
            "--org",
            "A",
            "--branch",
            "B",
            "--period",
            "2025",
            "--level",
            "acceptance",
            "-o",
            "-",
        ],
    )
    .stdout_inspected()
    .status(0);
    assert!(run.stdout.contains("\n[acceptance]\n"), "{}", run.stdout);
    assert!(run.stdout.contains(
        "# 8.3 Satisfaction [满意度] · max 4: scored from the satisfaction survey, not written here"
    ));
    assert!(!run.stdout.contains("#:schema"));
}

const SHEET: &str = "org,branch,period,level,1.1,1.2,surveyed,satisfied,V1,B1
甲公司,一支部,2025,acceptance,10,5,50,48,,2
甲公司,一支部,2025,self,fair,na,50,48,,2
乙公司,=HYPERLINK(),2025,acceptance,good,,,,true,
";

#[test]
fn import_reports_every_bad_cell_and_writes_nothing() {
    let bad = "org,branch,period,level,1.1,2.1,3.1,colour
A,a,2025,acceptance,11,0.25,4,x
A,a,2025,draft,excellent,1,,
";
    let fx = Fixture::mini().file("sheet.csv", bad);
    let run = fx
        .test(&["import", "sheet.csv"])
        .stderr_inspected()
        .status(2);
    insta::assert_snapshot!(run.stderr);
    let files: Vec<_> = walk(fx.path())
        .into_iter()
        .filter(|f| f.ends_with(".toml") && !f.ends_with("checklist.toml"))
        .collect();
    assert!(files.is_empty(), "{files:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

#[test]
fn import_creates_records_and_adds_levels_only_with_consent() {
    let fx = Fixture::mini().file("sheet.csv", SHEET);
    fx.test(&["import", "sheet.csv"])
        .stdout("imported 3 rows of sheet.csv: 2 new records, 0 updated, 0 unchanged\n")
        .status(0);
    let a = fx.read("甲公司/一支部/2025.toml");
    assert!(
        a.contains("[acceptance]\n\"1.1\" = 10\n\"1.2\" = 5\n"),
        "{a}"
    );
    assert!(
        a.contains("[self]\n\"1.1\" = \"fair\"\n\"1.2\" = \"na\"\n"),
        "{a}"
    );
    let b = fx.read("乙公司/hyperlink/2025.toml");
    assert!(b.contains("branch = \"=HYPERLINK()\""), "{b}");
    assert!(b.contains("[vetoes]\nV1 = true"), "{b}");

    // The same sheet again changes nothing.
    fx.test(&["import", "sheet.csv"])
        .stdout("imported 3 rows of sheet.csv: 0 new records, 0 updated, 2 unchanged\n")
        .status(0);
    // A value that differs from the file's is replaced only with --force.
    std::fs::write(
        fx.join("changed.csv"),
        SHEET.replace("acceptance,10,5", "acceptance,7.5,5"),
    )
    .unwrap();
    fx.test(&["import", "changed.csv"]).stderr(
        r#"changed.csv:2: error: row 2: 甲公司/一支部/2025.toml: [acceptance] 1.1 is 10 in the file, 7.5 in the sheet; pass --force to replace it
nothing was imported
"#,
    ).status(2);
    assert_eq!(fx.read("甲公司/一支部/2025.toml"), a);

    // A review level for an existing record is added, keeping the file's other content.
    let with_comment = format!("# checked by the office\n{a}");
    std::fs::write(fx.join("甲公司/一支部/2025.toml"), &with_comment).unwrap();
    let review = "org,branch,period,level,1.1,1.2,surveyed,satisfied,B1\n甲公司,一支部,2025,review,7.5,5,50,48,2\n";
    std::fs::write(fx.join("review.csv"), review).unwrap();
    fx.test(&["import", "review.csv"])
        .stdout("imported 1 row of review.csv: 0 new records, 1 updated, 0 unchanged\n")
        .status(0);
    let a2 = fx.read("甲公司/一支部/2025.toml");
    assert!(a2.starts_with("# checked by the office\n"), "{a2}");
    assert!(
        a2.contains("[review]\n\"1.1\" = 7.5\n\"1.2\" = 5\n"),
        "{a2}"
    );
    // Valid records (incomplete ones included: check validates, gates judge).
    fx.test(&["check"]).stdout("2 record files checked: 0 errors, 5 warnings\n").stderr(
        r#"乙公司/hyperlink/2025.toml:1:1: warning: the satisfaction survey is missing (add [satisfaction] with `surveyed` and `satisfied`, or `rate`): the record is incomplete
 1 | org = "乙公司"
   | ^
乙公司/hyperlink/2025.toml:8:1: warning: [acceptance] lacks 1.2, 2.1, 2.2, 3.2, 3.3: the record is incomplete
 8 | [acceptance]
   | ^
甲公司/一支部/2025.toml:13:1: warning: [self] lacks 2.1, 2.2, 3.2, 3.3: this level is incomplete
 13 | [self]
    | ^
甲公司/一支部/2025.toml:17:1: warning: [acceptance] lacks 2.1, 2.2, 3.2, 3.3: the record is incomplete
 17 | [acceptance]
    | ^
甲公司/一支部/2025.toml:21:1: warning: [review] lacks 2.1, 2.2, 3.2, 3.3: this level is incomplete
 21 | [review]
    | ^
"#,
    ).status(0);
}

#[test]
fn export_then_import_then_export_is_lossless_in_csv_and_xlsx() {
    let examples = repo().join("examples/records");
    // The examples span two checklist editions (2021-08 for 2022, 2023-01 from 2023) and a
    // sheet holds the columns of one, so each edition's periods make a sheet of their own.
    let editions: [(&str, &[&str], usize, usize); 2] = [
        ("2022", &["--period", "2022"], 12, 37),
        ("2023", &["--period", "2023", "--period", "2024"], 24, 71),
    ];
    for ext in ["csv", "xlsx"] {
        let (fx, _) = init();
        let root = fx.join("records");
        std::fs::remove_dir_all(root.join("example-subsidiary")).unwrap();
        for (name, periods, records, rows) in editions {
            let first = fx.join(&format!("first-{name}.{ext}"));
            let second = fx.join(&format!("second-{name}.{ext}"));
            let mut args = vec!["export-sheet", "-o", first.to_str().unwrap()];
            args.extend_from_slice(periods);
            args.push(".");
            Test::in_dir(&examples, &args).status(0);
            let run = Test::in_dir(&root, &["import", first.to_str().unwrap()])
                .stdout_inspected()
                .status(0);
            assert!(
                run.stdout
                    .contains(&format!(": {records} new records, 0 updated")),
                "{}",
                run.stdout
            );
            let mut args = vec!["export-sheet", "-o", second.to_str().unwrap()];
            args.extend_from_slice(periods);
            args.push(".");
            Test::in_dir(&root, &args).status(0);
            if ext == "csv" {
                assert_eq!(
                    std::fs::read_to_string(&first).unwrap(),
                    std::fs::read_to_string(&second).unwrap()
                );
            } else {
                let cells = |p: &std::path::Path| -> Vec<Vec<Data>> {
                    let mut book: Xlsx<_> = open_workbook(p).unwrap();
                    book.worksheet_range("Records")
                        .unwrap()
                        .rows()
                        .map(|r| r.to_vec())
                        .collect()
                };
                let (a, b) = (cells(&first), cells(&second));
                assert_eq!(a.len(), rows);
                assert_eq!(a, b);
                // The examples' levels are dated and signed (SPEC §12.1): those columns too.
                assert_eq!(a[0][4], Data::String("date".into()));
                assert_eq!(a[0][5], Data::String("by".into()));
                assert_eq!(a[0][6], Data::String("1.1".into()));
            }
        }
        // The scores are the same as the original's (deductions became their result). The
        // examples name each record's edition in a version column; the copy, a root made by
        // `init` with one checklist, has none.
        let orig = Test::in_dir(&examples, &["score", "--format", "csv", "."])
            .stdout_inspected()
            .status(0)
            .stdout;
        let orig: String = orig
            .lines()
            .map(|l| {
                let mut cells: Vec<&str> = l.splitn(5, ',').collect();
                assert!(
                    cells.len() == 5 && (cells[3] == "version" || cells[3].starts_with("20")),
                    "{l}"
                );
                cells.remove(3);
                cells.join(",") + "\n"
            })
            .collect();
        let copy = Test::in_dir(&root, &["score", "--format", "csv", "."])
            .stdout_inspected()
            .stderr_inspected()
            .status(0)
            .stdout;
        assert_eq!(orig, copy);
    }
}

/// A TOML document as editors validate it against a JSON Schema: dates as strings.
fn toml_to_json(text: &str) -> serde_json::Value {
    fn json(v: toml::Value) -> serde_json::Value {
        match v {
            toml::Value::String(s) => s.into(),
            toml::Value::Integer(i) => i.into(),
            toml::Value::Float(f) => f.into(),
            toml::Value::Boolean(b) => b.into(),
            toml::Value::Datetime(d) => d.to_string().into(),
            toml::Value::Array(a) => a.into_iter().map(json).collect(),
            toml::Value::Table(t) => t.into_iter().map(|(k, v)| (k, json(v))).collect(),
        }
    }
    json(toml::from_str::<toml::Value>(text).unwrap())
}

#[test]
fn the_record_schema_accepts_every_example_and_rejects_what_it_can_express() {
    let examples = repo().join("examples/records");
    let run = Test::in_dir(&examples, &["schema", "record"])
        .stdout_inspected()
        .status(0);
    let schema = run.json::<serde_json::Value>();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for file in walk(&examples) {
        if !file.ends_with(".toml")
            || file.ends_with("checklist.toml")
            || file.ends_with("roster.toml")
            || file.ends_with("benchmarks.toml")
            || file.contains("/checklists/")
        {
            continue;
        }
        let doc = toml_to_json(&std::fs::read_to_string(&file).unwrap());
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:?}");
        checked += 1;
    }
    assert_eq!(checked, 36);
    let base = "org = \"A\"\nbranch = \"a\"\nperiod = \"2024\"\n";
    for bad in [
        "[acceptance]\n\"1.1\" = 3.5\n",           // over its max 3
        "[acceptance]\n\"1.9\" = 1\n",             // unknown point
        "[acceptance]\n\"2.1\" = \"excellent\"\n", // unknown grade
        "[acceptance]\n\"1.1\" = \"na\"\n",        // na on a point that is not optional
        "[acceptance]\n\"8.3\" = 3\n",             // derived point written in a level
        "[acceptance]\n\"1.1\" = -1\n",            // negative
        "[acceptance]\n\"1.1\" = 1.3\n",           // not a multiple of its step 0.5
        "colour = \"red\"\n",                      // unknown key
        "[satisfaction]\nsurveyed = 0\nsatisfied = 0\n",
        "[vetoes]\nV9 = true\n",
        "[bonus]\nB1 = 4\n",
        "[acceptance]\n\"1.2\" = { deductions = [ { points = 1 } ] }\n", // no reason
    ] {
        let doc = toml_to_json(&format!("{base}{bad}"));
        assert!(!validator.is_valid(&doc), "accepted: {bad}");
    }
    assert!(validator.is_valid(&toml_to_json(&format!(
        "{base}[acceptance]\n\"1.3\" = \"na\"\n\"2.1\" = \"fair\"\n\"1.1\" = 2.5\n"
    ))));
    // A level's date and signature (SPEC §12.1).
    assert!(validator.is_valid(&toml_to_json(&format!(
        "{base}[acceptance]\ndate = 2025-03-01\nby = \"组织部\"\n\"1.1\" = 2.5\n"
    ))));
    assert!(!validator.is_valid(&toml_to_json(&format!(
        "{base}[acceptance]\nby = \"\"\n\"1.1\" = 2.5\n"
    ))));
}

#[test]
fn the_checklist_schema_accepts_the_reference_and_rejects_a_misspelt_key() {
    let run = Fixture::empty()
        .test(&["schema", "checklist"])
        .stdout_inspected()
        .status(0);
    let validator = jsonschema::validator_for(&run.json::<serde_json::Value>()).unwrap();
    assert!(validator.is_valid(&toml_to_json(audit::REFERENCE_CHECKLIST)));
    // With its top-level `step` (SPEC §11.1), in English and in Chinese.
    assert!(validator.is_valid(&toml_to_json(audit::REFERENCE_CHECKLIST_ZH)));
    let misspelt = audit::REFERENCE_CHECKLIST.replace(
        "min_total = 90\nmin_satisfaction",
        "min_totl = 90\nmin_satisfaction",
    );
    assert!(!validator.is_valid(&toml_to_json(&misspelt)));
}

#[test]
fn completions_and_man_page_come_from_the_command_line_definition() {
    let fx = Fixture::empty();
    let run = fx
        .test(&["completions", "bash"])
        .stdout_inspected()
        .status(0);
    assert!(run.stdout.contains("export-sheet") && run.stdout.contains("--min-compliance"));
    let run = fx.test(&["man"]).stdout_inspected().status(0);
    assert!(
        run.stdout.starts_with(".ie") || run.stdout.contains(".TH audit"),
        "{}",
        &run.stdout[..200]
    );
}

#[test]
fn every_command_has_examples_in_its_help() {
    let fx = Fixture::empty();
    for cmd in [
        "score",
        "explain",
        "check",
        "report",
        "init",
        "new",
        "import",
        "export-sheet",
        "schema",
        "completions",
        "man",
    ] {
        let run = fx.test(&[cmd, "--help"]).stdout_inspected().status(0);
        assert!(
            run.stdout.contains("Example"),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn a_fresh_init_root_counts_no_example_branch() {
    // The example record used to be in the roster: it counted in compliance (1 of 1
    // passed, 100 %) and ranked #1 among the benchmark candidates.
    let (fx, _) = init();
    let root = fx.join("records");
    let roster = fx.read("records/roster.toml");
    assert!(
        !roster
            .lines()
            .any(|l| l.trim_start().starts_with("[[branch]]")),
        "{roster}"
    );
    assert!(
        roster.contains("# branch = \"Example branch (delete me)\"\n"),
        "{roster}"
    );
    let folder = root.join("example-subsidiary/example-branch-delete-me");
    let example_path = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let example = std::fs::read_to_string(example_path).unwrap();
    assert!(
        example.starts_with(
            "#:schema ../../record.schema.json\n# EXAMPLE, not a real branch: it is not in roster.toml and counts in no compliance rate or benchmark.\n"
        ),
        "{example}"
    );
    Test::in_dir(&root, &["report"]).stdout(
        r#"Compliance: Standardization of grass-roots Party branches [党支部标准化规范化建设]
(none)
"#,
    ).stderr(this_year(r#"example-subsidiary/example-branch-delete-me/{YEAR}.toml:14:10: warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates
 14 | period = "{YEAR}"
    |          ^^^^^^
"#)).status(0);
    Test::in_dir(&root, &["report", "--view", "benchmark"]).stdout(
        r#"Benchmark candidates: passing branches by total, then satisfaction
(none)
"#,
    ).stderr(this_year(r#"example-subsidiary/example-branch-delete-me/{YEAR}.toml:14:10: warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates
 14 | period = "{YEAR}"
    |          ^^^^^^
"#)).status(0);
    let run = Test::in_dir(&root, &["report", "--format", "json"]).stdout_inspected().stderr(this_year(r#"example-subsidiary/example-branch-delete-me/{YEAR}.toml:14:10: warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates
 14 | period = "{YEAR}"
    |          ^^^^^^
"#)).status(0);
    let report: Report = run.json();
    assert_eq!(report.rows, []);
    assert_eq!(report.invalid_files, []);
}

#[test]
fn benchmark_candidates_are_the_roster_s_branches() {
    // A passing record of a branch outside the roster is not a candidate, as it is not
    // counted in compliance either.
    let fx = crate::harness::Fixture::mini()
        .file("roster.toml", "[[branch]]\norg = \"A\"\nbranch = \"a\"\n")
        .file(
            "a/2022.toml",
            crate::harness::record("A", "a", "2022", &crate::harness::full_acceptance(46, 50)),
        )
        .file(
            "x/2022.toml",
            crate::harness::record("X", "x", "2022", &crate::harness::full_acceptance(50, 50)),
        );
    let run = fx.test(&["report", "--view", "benchmark", "--format", "json"]).stdout_inspected().stderr(
        r#"x/2022.toml:3:10: warning: X / x is not in roster.toml: the record is left out of compliance rates
 3 | period = "2022"
   |          ^^^^^^
"#,
    ).status(0);
    let json = run.json::<serde_json::Value>();
    let text = json.to_string();
    assert!(text.contains("\"org\":\"A\""), "{text}");
    assert!(!text.contains("\"org\":\"X\""), "{text}");
}

#[test]
fn new_puts_a_form_beside_its_branch_or_org_records() {
    // It started `华晋证券/第二党支部/` beside `huajin-securities/second-branch/`.
    let fx = Fixture::empty();
    let root = fx.join("records");
    copy_dir(&repo().join("examples/records"), &root);
    for (branch, expected) in [
        ("第二党支部", "huajin-securities/second-branch/2025.toml"),
        ("第九党支部", "huajin-securities/第九党支部/2025.toml"),
    ] {
        let run = Test::in_dir(
            &root,
            &[
                "new",
                "--org",
                "华晋证券",
                "--branch",
                branch,
                "--period",
                "2025",
            ],
        )
        .stderr_inspected()
        .status(0);
        assert!(root.join(expected).is_file(), "{expected}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{}", run.stderr);
    }
    assert!(!root.join("华晋证券").exists());
    // A new org still gets the slug rule of form::record_path.
    Test::in_dir(&root, &[
            "new",
            "--org",
            "新公司",
            "--branch",
            "一支部",
            "--period",
            "2025",
        ]).stderr("wrote 新公司/一支部/2025.toml: fill in every \"\", then run: audit check 新公司/一支部/2025.toml\n").status(0);
    assert!(root.join("新公司/一支部/2025.toml").is_file());
}
