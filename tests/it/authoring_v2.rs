//! Authoring with the rules of SPEC §11: `new`'s form of a v2 checklist (measures, penalties,
//! counted bonus, caps, item rules, ratings, a level's own tables), the schemas of v2
//! checklists and records, the form's `#:schema` line among checklist versions, and sheets
//! that carry ratings, measures, penalties and points below 0 through export and import.

use crate::harness::Fixture;

/// A checklist using most rules of SPEC §11 at once.
pub const V2_CHECKLIST: &str = r#"title = "Table v2"
version = "v2"
penalty_cap = 10
scale = 60

[pass]
min_total = 30
min_item = "40%"

[[bands]]
name = "good"
min_total = 50
status = "pass"
[[bands]]
name = "failing"

[[measures]]
id = "M1"
title = "Activists"

[[items]]
id = "1"
title = "Organisation"
floor = "item"
min = 8
weight = "40%"

[[items.points]]
id = "1.1"
title = "Committee"
max = 10

[[items.points]]
id = "1.2"
title = "Meetings"
max = 10
max_deduction = 4

[[items]]
id = "2"
title = "Education"
weight = "60%"

[[items.points]]
id = "2.1"
title = "Study"
max = 15
step = 0.5
grades = { good = 15, fair = 10 }

[[items.points]]
id = "2.2"
title = "Activists"
max = 5
derive = "M1"
bands = [ { min = "30%", points = 5 }, { min = "15%", points = 2.5 } ]

[[bonus]]
id = "B1"
title = "Honours"
per = 2
max = 6

[[bonus]]
id = "B2"
title = "Brand"
max = 2

[[bonus]]
id = "B3"
title = "Volunteer days"
per = 0.5

[[penalties]]
id = "P1"
title = "Circular"
per = 5

[[penalties]]
id = "P2"
title = "Late report"
max = 3
"#;

/// Two levels; acceptance takes 1.1 below 0 by deductions, rates 1.2 by two raters, and
/// grants its own bonus.
pub const RECORD_X: &str = r#"org = "A"
branch = "X"
period = "2024"

[measures]
M1 = { of = 40, count = 13 }

[bonus]
B1 = 2
B2 = 1.5

[penalties]
P1 = 1
P2 = 2.5

[self]
"1.1" = 9
"1.2" = 10
"2.1" = 15

[acceptance]
"1.1" = { deductions = [ { points = 6, times = 2, reason = "twelve meetings missed" } ] }
"1.2" = { ratings = [8, 7.5] }
"2.1" = "fair"

[acceptance.bonus]
B1 = 1
"#;

/// A measure given as a rate, ratings with a grade and a note.
pub const RECORD_Y: &str = r#"org = "A"
branch = "Y"
period = "2024"

[measures]
M1 = "32.5%"

[acceptance]
"1.1" = 10
"1.2" = { ratings = [10, 9], note = "two raters" }
"2.1" = { ratings = ["good", 14.5] }
"#;

pub fn v2_root() -> Fixture {
    Fixture::empty()
        .file("checklist.toml", V2_CHECKLIST)
        .file("a/x/2024.toml", RECORD_X)
        .file("a/y/2024.toml", RECORD_Y)
}

/// `new`'s form with `lang`, printed.
fn form(fx: &Fixture, lang: &str) -> String {
    let args = [
        "--lang", lang, "new", "--org", "B", "--branch", "Z", "--period", "2024", "-o", "-",
    ];
    fx.test(&args).stdout_inspected().status(0).stdout
}

#[test]
fn the_form_of_a_v2_checklist_says_how_to_fill_every_table_and_the_rules() {
    let fx = v2_root();
    let en = form(&fx, "en");
    insta::assert_snapshot!("v2_form_en", en);
    insta::assert_snapshot!("v2_form_zh", form(&fx, "zh"));
    // Filled in, the form is a valid record that scores.
    let filled = en
        .replace("{ of = \"\", count = \"\" }", "{ of = 20, count = 7 }")
        .replace("\"1.1\" = \"\"", "\"1.1\" = 10")
        .replace("\"1.2\" = \"\"", "\"1.2\" = { ratings = [8, 9] }")
        .replace("\"2.1\" = \"\"", "\"2.1\" = \"good\"");
    let fx = fx.file("b/z/2024.toml", &filled);
    fx.test(&["check", "."])
        .stdout("3 record files checked: 0 errors, 0 warnings\n")
        .status(0);
    // Unfilled, every blank is reported: the measure's counts as well as the points.
    let fx = fx.file("b/z/2024.toml", &en);
    let run = fx
        .test(&["check", "b"])
        .stdout("1 record file checked: 5 errors, 0 warnings\n")
        .stderr_inspected()
        .status(2);
    assert!(
        run.stderr.contains("`of` in measure M1 is not filled in"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_schemas_know_v2_checklists_and_records() {
    let fx = v2_root();
    let record: serde_json::Value = fx.test(&["schema", "record"]).json(0);
    let checklist: serde_json::Value = fx.test(&["schema", "checklist"]).json(0);
    let json = |text: &str| toml::from_str::<serde_json::Value>(text).unwrap();
    let records = jsonschema::validator_for(&record).unwrap();
    for text in [RECORD_X, RECORD_Y] {
        let errors: Vec<String> = records
            .iter_errors(&json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
    }
    for (what, from, to) in [
        ("a count that is not whole", "P1 = 1", "P1 = 1.5"),
        ("points over a penalty's max", "P2 = 2.5", "P2 = 4"),
        ("a measure of nobody", "of = 40,", "of = 0,"),
        ("an unknown measure", "M1 = {", "M9 = {"),
        ("no ratings", "[8, 7.5]", "[]"),
        ("a rating over the max", "[8, 7.5]", "[8, 11]"),
        ("na as a rating", "[8, 7.5]", "[8, \"na\"]"),
        ("an unknown bonus in a level", "B1 = 1\n", "B9 = 1\n"),
    ] {
        let bad = RECORD_X.replace(from, to);
        assert_ne!(bad, RECORD_X, "{what}");
        assert!(!records.is_valid(&json(&bad)), "accepted {what}");
    }
    let checklists = jsonschema::validator_for(&checklist).unwrap();
    let combined = format!("{V2_CHECKLIST}\n[combine]\nself = \"30%\"\nacceptance = \"70%\"\n");
    let dated = format!("periods = {{ from = \"2021\", until = 2023 }}\n{V2_CHECKLIST}");
    for text in [V2_CHECKLIST, &combined, &dated] {
        let errors: Vec<String> = checklists
            .iter_errors(&json(text))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
    for (what, from, to) in [
        ("a misspelt max_deduction", "max_deduction", "max_deductoin"),
        ("another floor", "floor = \"item\"", "floor = \"point\""),
        (
            "a band of another status",
            "status = \"pass\"",
            "status = \"excellent\"",
        ),
        ("a penalty without max or per", "per = 5\n", "\n"),
    ] {
        let bad = V2_CHECKLIST.replace(from, to);
        assert!(!checklists.is_valid(&json(&bad)), "accepted {what}");
    }
    let bad = format!("{V2_CHECKLIST}\n[combine]\nboard = \"30%\"\n");
    assert!(
        !checklists.is_valid(&json(&bad)),
        "accepted an unknown level"
    );
}

#[test]
fn a_form_points_at_the_schema_of_its_checklist_version() {
    let earlier = V2_CHECKLIST
        .replace(
            "version = \"v2\"",
            "version = \"2019\"\nperiods = { until = \"2020\" }",
        )
        .replace("title = \"Table v2\"", "title = \"Table 2019\"");
    let current = V2_CHECKLIST.replace(
        "version = \"v2\"",
        "version = \"2021\"\nperiods = { from = \"2021\" }",
    );
    let fx = Fixture::empty()
        .file("checklist.toml", &current)
        .file("checklists/2019.toml", &earlier);
    let new = |period: &str| {
        let args = ["new", "--org", "B", "--branch", "Z", "--period", period];
        fx.test(&args).stderr_inspected().status(0);
        fx.read(&format!("b/z/{period}.toml"))
    };
    // No schema file yet: no #:schema line.
    assert!(!new("2020").starts_with("#:schema"));
    fx.test(&["schema", "record", "-o", "record.schema.json"])
        .status(0);
    fx.test(&[
        "schema",
        "record",
        "--period",
        "2020",
        "-o",
        "record.2019.schema.json",
    ])
    .status(0);
    // Never replaced without --force.
    fx.test(&["schema", "record", "-o", "record.schema.json"])
        .stderr("error: record.schema.json already exists; pass --force to overwrite it\n")
        .status(2);
    let first = |text: String| text.lines().next().unwrap_or_default().to_string();
    assert_eq!(first(new("2019")), "#:schema ../../record.2019.schema.json");
    assert_eq!(first(new("2024")), "#:schema ../../record.schema.json");
    // The earlier version's schema describes that version's records.
    let schema: serde_json::Value =
        serde_json::from_str(&fx.read("record.2019.schema.json")).unwrap();
    assert_eq!(schema["title"], "Assessment record: Table 2019");
    // A checklist.toml version whose own file exists is named by it.
    fx.test(&["schema", "record", "-o", "record.2021.schema.json"])
        .status(0);
    assert_eq!(first(new("2025")), "#:schema ../../record.2021.schema.json");
}

/// The file texts of every record below `fx`.
fn texts(fx: &Fixture) -> Vec<String> {
    ["a/x/2024.toml", "a/y/2024.toml"]
        .iter()
        .map(|f| fx.read(f))
        .collect()
}

#[test]
fn ratings_measures_penalties_and_a_point_below_zero_survive_export_and_import() {
    for ext in ["csv", "xlsx"] {
        let fx = v2_root();
        let before = texts(&fx);
        let sheet = format!("sheet.{ext}");
        fx.test(&["export-sheet", "-o", &sheet, "."]).status(0);
        fx.test(&["import", &sheet])
            .stdout(format!(
                "imported 3 rows of {sheet}: 0 new records, 0 updated, 2 unchanged\n"
            ))
            .status(0);
        assert_eq!(texts(&fx), before, "{ext}");
    }
    let fx = v2_root();
    let csv = fx
        .test(&["export-sheet", "."])
        .stdout_inspected()
        .status(0)
        .stdout;
    assert_eq!(
        csv,
        "org,branch,period,level,1.1,1.2,2.1,surveyed,satisfied,rate,M1,B1,B2,B3,P1,P2\n\
         A,X,2024,self,9,10,15,,,,13/40,2,1.5,,1,2.5\n\
         A,X,2024,acceptance,-2,8; 7.5,fair,,,,13/40,2,1.5,,1,2.5\n\
         A,Y,2024,acceptance,10,10; 9,good; 14.5,,,,32.5%,,,,,\n"
    );
    // Into an empty root, the sheet makes records that score the same, the point below 0
    // aside: only the record's deductions can give it.
    let copy = Fixture::empty().file("checklist.toml", V2_CHECKLIST);
    let other = csv.replace("A,X,2024,acceptance,-2,", "A,X,2024,acceptance,0,");
    let copy = copy.file("sheet.csv", &other);
    copy.test(&["import", "sheet.csv"])
        .stdout("imported 3 rows of sheet.csv: 2 new records, 0 updated, 0 unchanged\n")
        .status(0);
    let y = copy.read("a/y/2024.toml");
    assert!(y.contains("M1 = \"32.5%\""), "{y}");
    assert!(
        y.contains("\"2.1\" = { ratings = [\"good\", 14.5] }"),
        "{y}"
    );
    let x = copy.read("a/x/2024.toml");
    assert!(x.contains("M1 = { of = 40, count = 13 }"), "{x}");
    assert!(x.contains("[penalties]\nP1 = 1\nP2 = 2.5\n"), "{x}");
    let fx = fx.file("sheet.csv", &csv);
    // Another figure below 0 is refused at its row, even with --force.
    let lower = csv.replace(",-2,", ",-3,");
    let fx = fx.file("lower.csv", &lower);
    for force in [false, true] {
        let mut args = vec!["import", "lower.csv"];
        if force {
            args.push("--force");
        }
        fx.test(&args)
            .stderr(
                "lower.csv:3: error: row 3: [acceptance] 1.1: -3 in the sheet is below 0, which \
                 only deductions written in the record give (floor = \"item\"); write them in \
                 the record, or give 0 or more\nnothing was imported\n",
            )
            .status(2);
    }
    // A point floored at 0 on its own never reads a cell below 0, nor one whose deductions
    // are capped (1.2: at most 4 of its 10).
    let bad = csv
        .replace("10; 9,good; 14.5", "-1,-0.5")
        .replace("-2,8; 7.5,fair", "-2,-1,fair");
    let fx = fx.file("bad.csv", &bad);
    let run = fx.test(&["import", "bad.csv"]).stderr_inspected().status(2);
    assert_eq!(
        run.stderr.matches("must not be negative").count(),
        3,
        "{}",
        run.stderr
    );
    for cell in ["F3", "F4", "G4"] {
        assert!(
            run.stderr.contains(&format!(": {cell}: ")),
            "{}",
            run.stderr
        );
    }
}
