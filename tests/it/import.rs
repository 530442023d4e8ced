//! `audit import` (issue 9): merging into every shape of TOML a person writes, all-or-nothing
//! writes under a lock with a journal, large sheets, hostile spreadsheets, and where new
//! records go.

use crate::harness::{Fixture, Run};

const HEADER: &str = "org = \"A\"\nbranch = \"x\"\nperiod = \"2025\"\n";

/// Imports `sheet` (CSV) into a mini root holding `record` at a/x/2025.toml; returns the run,
/// the record's bytes afterwards and its (status, base, bonus, total) as `audit score` gives
/// them.
fn merge(record: &str, sheet: &str, flags: &[&str]) -> (Run, String, [String; 4]) {
    let fx = Fixture::mini()
        .file("a/x/2025.toml", record)
        .file("s.csv", sheet);
    let mut args = vec!["import"];
    args.extend(flags);
    args.push("s.csv");
    let run = fx.run(&args);
    let text = String::from_utf8(std::fs::read(fx.join("a/x/2025.toml")).unwrap()).unwrap();
    let score = fx.run(&["score", "--format", "json"]);
    let j = score.json();
    let r = &j["records"][0];
    let figures = [
        r["status"].as_str().unwrap().to_string(),
        r["base"].to_string(),
        r["bonus"].to_string(),
        r["total"].to_string(),
    ];
    (run, text, figures)
}

#[track_caller]
fn updated_one(run: &Run) {
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "imported 1 row of s.csv: 0 new records, 1 updated, 0 unchanged\n"
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn import_merges_into_inline_tables_value_by_value() {
    let record = format!(
        "{HEADER}satisfaction = {{ surveyed = 50, satisfied = 50 }}\nbonus = {{ B1 = 2 }}\n\
         acceptance = {{ \"1.1\" = \"good\", \"1.2\" = 5, \"2.1\" = 10, \"2.2\" = 10, \"3.2\" = 5 }}\n"
    );
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B2\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    updated_one(&run);
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
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B2\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    updated_one(&run);
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
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,2.2,3.3,B2,surveyed,satisfied\nA,x,2025,acceptance,fair,9,4,1,50,49\n",
        &["--force"],
    );
    updated_one(&run);
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
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,1.2,2.1,2.2,3.2,3.3\nA,x,2025,acceptance,good,5,10,10,5,5\n",
        &[],
    );
    updated_one(&run);
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
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,1.1,2.2,rate\nA,x,2025,acceptance,good,10,100%\n",
        &["--force"],
    );
    updated_one(&run);
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
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,3.3,B1\nA,x,2025,acceptance,4,1\n",
        &[],
    );
    updated_one(&run);
    assert_eq!(
        text,
        format!("{HEADER}{TABLES}\"3.3\" = 4\n\n[bonus]\nB1 = 1\n").replace('\n', "\r\n")
    );
    assert_eq!(figures, ["pass", "49.0", "1.0", "50.0"]);
}

#[test]
fn import_keeps_a_byte_order_mark() {
    let record = format!("\u{feff}{HEADER}{TABLES}");
    let (run, text, figures) = merge(
        &record,
        "org,branch,period,level,3.3\nA,x,2025,acceptance,4\n",
        &[],
    );
    updated_one(&run);
    assert_eq!(text, format!("\u{feff}{HEADER}{TABLES}\"3.3\" = 4\n"));
    assert_eq!(figures, ["pass", "49.0", "0.0", "49.0"]);
}
