//! Authoring: init → new → fill → check → score, new --from, import/export round trips,
//! schemas, completions and the man page.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::harness::{Fixture, Run, repo, run_in};

/// Fills every `""` of a form: points 2 (valid for every point of the reference checklist),
/// a survey of 48 of 50.
fn fill(form: &str) -> String {
    form.replace("surveyed = \"\"", "surveyed = 50")
        .replace("satisfied = \"\"", "satisfied = 48")
        .replace(" = \"\"", " = 2")
}

fn init() -> (Fixture, Run) {
    let fx = Fixture::empty();
    let run = fx.run(&["init", "records"]);
    (fx, run)
}

#[test]
fn init_new_fill_check_score_end_to_end() {
    let (fx, run) = init();
    run.assert_code(0);
    assert!(run.stdout.contains("Next steps:"), "{}", run.stdout);
    let root = fx.join("records");
    run_in(&root, &["check"]).assert_code(0);

    let run = run_in(
        &root,
        &[
            "new",
            "--org",
            "华晋证券",
            "--branch",
            "第二党支部",
            "--period",
            "2025",
        ],
    );
    run.assert_code(0);
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
    let run = run_in(&root, &["check"]);
    run.assert_code(2);
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
    let run = run_in(&root, &["check"]);
    run.assert_code(0);
    // Only a reminder remains: the new branch is not in the roster yet.
    assert!(
        run.stderr
            .contains("warning: 华晋证券 / 第二党支部 is not in roster.toml"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("error"), "{}", run.stderr);

    // 32 points × 2 + 8.3 derived from 96 % (4) = 68; a self-assessment is incomplete.
    let run = run_in(&root, &["score", "--org", "华晋证券", "--format", "json"]);
    let r = &run.json::<serde_json::Value>()["records"][0];
    assert_eq!(
        (
            r["level"].as_str(),
            r["total"].as_f64(),
            r["status"].as_str()
        ),
        (Some("self"), Some(68.0), Some("incomplete"))
    );

    // The reviewer starts from the self-assessment, then acceptance from the review.
    run_in(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"]).assert_code(0);
    run_in(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"]).assert_code(0);
    let run = run_in(&root, &["new", "--from", "华晋证券/第二党支部/2025.toml"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("already has every level"),
        "{}",
        run.stderr
    );
    let run = run_in(&root, &["score", "--org", "华晋证券", "--format", "json"]);
    run.assert_code(0);
    let r = &run.json::<serde_json::Value>()["records"][0];
    assert_eq!(
        (
            r["level"].as_str(),
            r["total"].as_f64(),
            r["status"].as_str()
        ),
        (Some("acceptance"), Some(68.0), Some("fail"))
    );
    assert_eq!(r["reasons"][0], "total 68.00 is below 90");
}

#[test]
fn init_never_touches_a_folder_that_is_not_empty() {
    let fx = Fixture::empty().file("records/notes.txt", "mine");
    let run = fx.run(&["init", "records"]);
    run.assert_code(2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert!(!fx.join("records/checklist.toml").exists());
    fx.run(&["init", "--force", "records"]).assert_code(0);
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
    let run = fx.run(&["init", "--force", "records"]);
    run.assert_code(0);
    assert_eq!(fx.read("records/checklist.toml"), "# our own checklist\n");
    assert_eq!(fx.read("records/roster.toml"), "# our branches\n");
    assert!(
        run.stderr.contains("kept the existing checklist.toml")
            && run.stderr.contains("kept the existing roster.toml"),
        "{}",
        run.stderr
    );
    assert!(fx.join("records/README.md").is_file());
}

#[test]
fn new_points_at_the_existing_record_of_a_branch_and_period() {
    let fx = Fixture::empty();
    let root = fx.join("records");
    copy_dir(&repo().join("examples/records"), &root);
    let run = run_in(
        &root,
        &[
            "new",
            "--org",
            "华晋证券",
            "--branch",
            "第二党支部",
            "--period",
            "2022",
        ],
    );
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "华晋证券 / 第二党支部 / 2022 already has a record: huajin-securities/second-branch/2022.toml; to add a level to it, run: audit new --from huajin-securities/second-branch/2022.toml"
        ),
        "{}",
        run.stderr
    );
    assert!(!root.join("华晋证券").exists());
}

#[test]
fn new_finds_a_blank_form_that_was_moved_even_with_an_explicit_checklist() {
    // A blank form is not yet a valid record, and --checklist takes the other way to the
    // records root: neither may let a second form for the same branch and period through.
    let (fx, _) = init();
    let root = fx.join("records");
    let args = ["new", "--org", "Q", "--branch", "W", "--period", "2026"];
    run_in(&root, &args).assert_code(0);
    std::fs::create_dir_all(root.join("moved")).unwrap();
    std::fs::rename(root.join("q/w/2026.toml"), root.join("moved/form.toml")).unwrap();

    let checklist = root.join("checklist.toml");
    let with_checklist = [&args[..], &["--checklist", checklist.to_str().unwrap()]].concat();
    // --force replaces a branch's own file, never writes a second record elsewhere.
    let forced = [&args[..], &["--force"]].concat();
    for run in [
        run_in(&root, &args),
        run_in(&root, &with_checklist),
        run_in(&root, &forced),
    ] {
        run.assert_code(2);
        assert!(
            run.stderr
                .contains("Q / W / 2026 already has a record: moved/form.toml"),
            "{}",
            run.stderr
        );
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
    run_in(&root, &["export-sheet", "-o", sheet.to_str().unwrap()]).assert_code(0);
    let before =
        std::fs::read_to_string(root.join("huajin-securities/second-branch/2022.toml")).unwrap();
    // Everything as exported: nothing to write, even with --force.
    let run = run_in(&root, &["import", "--force", sheet.to_str().unwrap()]);
    run.assert_code(0);
    assert!(
        run.stdout
            .ends_with("0 new records, 0 updated, 36 unchanged\n"),
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
    let run = fx.run(&["import", "s.csv"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("A/B / x / 2025 and the record of row 3 would both be written to a-b/x/2025.toml: rename one"),
        "{}",
        run.stderr
    );
    assert!(!fx.join("a-b").exists());
}

#[test]
fn import_does_not_write_beside_a_record_that_does_not_load_yet() {
    // A blank form moved to another folder is still that branch's record; a second file
    // would be a duplicate once the form is filled in.
    let fx = Fixture::mini().file("s.csv", "org,branch,period,level,1.1\nA,x,2025,self,1\n");
    fx.run(&["new", "--org", "A", "--branch", "x", "--period", "2025"])
        .assert_code(0);
    std::fs::create_dir_all(fx.join("forms")).unwrap();
    std::fs::rename(fx.join("a/x/2025.toml"), fx.join("forms/x.toml")).unwrap();
    let run = fx.run(&["import", "s.csv"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "row 2: A / x / 2025 has a record that is not valid: forms/x.toml; fix it (see audit check), then import again"
        ),
        "{}",
        run.stderr
    );
    assert!(!fx.join("a/x/2025.toml").exists());
}

#[test]
fn import_names_the_rows_a_spreadsheet_shows() {
    // A blank line is still a row of the sheet; messages count it.
    let sheet = "org,branch,period,level,1.1\n\nA,a,2025,self,12\n";
    let fx = Fixture::mini().file("s.csv", sheet);
    let run = fx.run(&["import", "s.csv"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("s.csv:3:5: error: E3: point 1.1: \"12\": score 12 exceeds its max 10"),
        "{}",
        run.stderr
    );
    let sheet = "org,branch,period,level,satisfied\nA,a,2025,self,4\n";
    let fx = Fixture::mini().file("s.csv", sheet);
    let run = fx.run(&["import", "s.csv"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("the sheet has a satisfied column but no surveyed column"),
        "{}",
        run.stderr
    );
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
    run_in(&root, &args).assert_code(0);
    assert!(
        root.join("shanxi-securities/retail-taiyuan/2025.toml")
            .is_file()
    );
    let run = run_in(&root, &args);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "Shanxi Securities / Retail (Taiyuan) / 2025 already has a record: shanxi-securities/retail-taiyuan/2025.toml"
        ),
        "{}",
        run.stderr
    );
    // Another branch whose name folds to the same folder is not let through either.
    let mut folding = args;
    folding[4] = "Retail Taiyuan";
    let run = run_in(&root, &folding);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("shanxi-securities/retail-taiyuan/2025.toml already exists"),
        "{}",
        run.stderr
    );
    // Refusals leave the file alone; --force starts the form again in place.
    let form = root.join("shanxi-securities/retail-taiyuan/2025.toml");
    let filled = std::fs::read_to_string(&form).unwrap() + "# filled in by the secretary\n";
    std::fs::write(&form, &filled).unwrap();
    run_in(&root, &args).assert_code(2);
    assert_eq!(std::fs::read_to_string(&form).unwrap(), filled);
    let forced = [&args[..], &["--force"]].concat();
    run_in(&root, &forced).assert_code(0);
    let fresh = std::fs::read_to_string(&form).unwrap();
    assert!(!fresh.contains("# filled in by the secretary"), "{fresh}");
    assert!(fresh.contains("branch = \"Retail (Taiyuan)\""), "{fresh}");
    let run = run_in(
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
    );
    run.assert_code(0);
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
    let run = fx.run(&["import", "sheet.csv"]);
    run.assert_code(2);
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
    let run = fx.run(&["import", "sheet.csv"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "imported 3 rows of sheet.csv: 2 new records, 0 updated, 0 unchanged\n"
    );
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
    let run = fx.run(&["import", "sheet.csv"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "imported 3 rows of sheet.csv: 0 new records, 0 updated, 2 unchanged\n"
    );
    // A value that differs from the file's is replaced only with --force.
    std::fs::write(
        fx.join("changed.csv"),
        SHEET.replace("acceptance,10,5", "acceptance,7.5,5"),
    )
    .unwrap();
    let run = fx.run(&["import", "changed.csv"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains(
            "changed.csv:2: error: row 2: 甲公司/一支部/2025.toml: [acceptance] 1.1 is 10 in the file, 7.5 in the sheet; pass --force to replace it"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("nothing was imported"));
    assert_eq!(fx.read("甲公司/一支部/2025.toml"), a);

    // A review level for an existing record is added, keeping the file's other content.
    let with_comment = format!("# checked by the office\n{a}");
    std::fs::write(fx.join("甲公司/一支部/2025.toml"), &with_comment).unwrap();
    let review = "org,branch,period,level,1.1,1.2,surveyed,satisfied,B1\n甲公司,一支部,2025,review,7.5,5,50,48,2\n";
    std::fs::write(fx.join("review.csv"), review).unwrap();
    let run = fx.run(&["import", "review.csv"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "imported 1 row of review.csv: 0 new records, 1 updated, 0 unchanged\n"
    );
    let a2 = fx.read("甲公司/一支部/2025.toml");
    assert!(a2.starts_with("# checked by the office\n"), "{a2}");
    assert!(
        a2.contains("[review]\n\"1.1\" = 7.5\n\"1.2\" = 5\n"),
        "{a2}"
    );
    // Valid records (incomplete ones included: check validates, gates judge).
    fx.run(&["check"]).assert_code(0);
}

#[test]
fn export_then_import_then_export_is_lossless_in_csv_and_xlsx() {
    let examples = repo().join("examples/records");
    for ext in ["csv", "xlsx"] {
        let (fx, _) = init();
        let root = fx.join("records");
        std::fs::remove_dir_all(root.join("example-subsidiary")).unwrap();
        let first = fx.join(&format!("first.{ext}"));
        let second = fx.join(&format!("second.{ext}"));
        run_in(
            &examples,
            &["export-sheet", "-o", first.to_str().unwrap(), "."],
        )
        .assert_code(0);
        let run = run_in(&root, &["import", first.to_str().unwrap()]);
        run.assert_code(0);
        assert!(
            run.stdout.contains(": 36 new records, 0 updated"),
            "{}",
            run.stdout
        );
        run_in(
            &root,
            &["export-sheet", "-o", second.to_str().unwrap(), "."],
        )
        .assert_code(0);
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
            assert_eq!(a.len(), 107);
            assert_eq!(a, b);
            assert_eq!(a[0][4], Data::String("1.1".into()));
        }
        // The scores are the same as the original's (deductions became their result).
        let orig = run_in(&examples, &["score", "--format", "csv", "."]).stdout;
        let copy = run_in(&root, &["score", "--format", "csv", "."]).stdout;
        assert_eq!(orig, copy);
    }
}

fn toml_to_json(text: &str) -> serde_json::Value {
    toml::from_str::<serde_json::Value>(text).unwrap()
}

#[test]
fn the_record_schema_accepts_every_example_and_rejects_what_it_can_express() {
    let examples = repo().join("examples/records");
    let run = run_in(&examples, &["schema", "record"]);
    run.assert_code(0);
    let schema = run.json::<serde_json::Value>();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for file in walk(&examples) {
        if !file.ends_with(".toml")
            || file.ends_with("checklist.toml")
            || file.ends_with("roster.toml")
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
}

#[test]
fn the_checklist_schema_accepts_the_reference_and_rejects_a_misspelt_key() {
    let run = Fixture::empty().run(&["schema", "checklist"]);
    run.assert_code(0);
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
    let run = fx.run(&["completions", "bash"]);
    run.assert_code(0);
    assert!(run.stdout.contains("export-sheet") && run.stdout.contains("--min-compliance"));
    let run = fx.run(&["man"]);
    run.assert_code(0);
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
        let run = fx.run(&[cmd, "--help"]);
        run.assert_code(0);
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
    let (fx, run) = init();
    run.assert_code(0);
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
    let warning = "warning: Example Subsidiary / Example branch (delete me) is not in roster.toml: the record is left out of compliance rates\n";
    let run = run_in(&root, &["report"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "Compliance: Standardization of grass-roots Party branches [党支部标准化规范化建设]\n(none)\n"
    );
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    let run = run_in(&root, &["report", "--view", "benchmark"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "Benchmark candidates: passing branches by total, then satisfaction\n(none)\n"
    );
    let run = run_in(&root, &["report", "--format", "json"]);
    run.assert_code(0);
    assert_eq!(
        run.json::<serde_json::Value>(),
        serde_json::json!({ "rows": [] })
    );
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
    let run = fx.run(&["report", "--view", "benchmark", "--format", "json"]);
    run.assert_code(0);
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
        let run = crate::harness::run_in(
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
        );
        run.assert_code(0);
        assert!(root.join(expected).is_file(), "{expected}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{}", run.stderr);
    }
    assert!(!root.join("华晋证券").exists());
    // A new org still gets the slug rule of form::record_path.
    crate::harness::run_in(
        &root,
        &[
            "new",
            "--org",
            "新公司",
            "--branch",
            "一支部",
            "--period",
            "2025",
        ],
    )
    .assert_code(0);
    assert!(root.join("新公司/一支部/2025.toml").is_file());
}
