//! Weighted levels (SPEC §11.9, 自评30% + 考核70%): the record is scored as level "combined"
//! from each weighted level's own rounded base, with one rounding of the weighted sum; the
//! highest weighted level's bonus and penalties tables count; `--level` still scores one level.

use crate::harness::{Fixture, record};
use crate::json::{Explained, LevelPart, Scores};

const COMBINE: &str = r#"title = "Weighted levels"

[pass]
min_total = 85

[combine]
self = "30%"
acceptance = "70%"

[[items]]
id = "1"
title = "Work"
min = "60%"

[[items.points]]
id = "1.1"
title = "Plans"
max = 30

[[items.points]]
id = "1.2"
title = "Projects"
max = 40
optional = true

[[items]]
id = "2"
title = "Results"

[[items.points]]
id = "2.1"
title = "Outcomes"
max = 30

[[bonus]]
id = "B1"
title = "Honours"
max = 5
"#;

fn root(records: &[(&str, &str)]) -> Fixture {
    let mut f = Fixture::empty().file("checklist.toml", COMBINE);
    for (branch, body) in records {
        f = f.file(
            &format!("o/{branch}/2024.toml"),
            record("O", branch, "2024", body),
        );
    }
    f
}

#[test]
fn the_base_is_one_rounding_of_the_weighted_levels_own_rounded_bases() {
    let run = root(&[
        // self: 1.2 "na" → 58 of 60 applicable, scaled to 96.666… and rounded as its own
        // base: 96.67; acceptance 85; 30% × 96.67 + 70% × 85 = 29.001 + 59.5 → 88.50.
        (
            "a",
            "[self]\n\"1.1\" = 29\n\"1.2\" = \"na\"\n\"2.1\" = 29\n\n[acceptance]\n\"1.1\" = 20\n\"1.2\" = 35\n\"2.1\" = 30\n",
        ),
        // 30% × 95.05 + 70% × 85.05 = 28.515 + 59.535 = 88.05 exactly: rounding each term
        // first would give 28.52 + 59.54 = 88.06.
        (
            "b",
            "[self]\n\"1.1\" = 29\n\"1.2\" = 40\n\"2.1\" = 26.05\n\n[acceptance]\n\"1.1\" = 20\n\"1.2\" = 35.05\n\"2.1\" = 30\n",
        ),
        // No acceptance: incomplete, and still "combined".
        ("c", "[self]\n\"1.1\" = 30\n\"1.2\" = 40\n\"2.1\" = 30\n"),
    ])
    .test(&["score", "--format", "json"])
    .json::<Scores>(0);
    let r = &run.records;
    assert_eq!(r[0].level.as_deref(), Some("combined"));
    assert_eq!(
        (r[0].base, r[0].total, r[0].status.as_str()),
        (88.5, 88.5, "pass")
    );
    assert_eq!((r[1].base, r[1].status.as_str()), (88.05, "pass"));
    assert_eq!(r[2].level.as_deref(), Some("combined"));
    assert_eq!(r[2].status, "incomplete");
    assert_eq!(r[2].reasons, ["the record has no acceptance level"]);
    assert_eq!(r[2].band, None);
}

#[test]
fn a_combined_item_minimum_compares_the_weighted_ratio_exactly() {
    // Item 1 (min 60%): self 70 of 70; acceptance 30 of 70 → 21 + 21 = 42 of 70 = 60%: met.
    // One hundredth less at acceptance: 41.993 of 70, below 60%: the record fails on it.
    let full_self = "[self]\n\"1.1\" = 30\n\"1.2\" = 40\n\"2.1\" = 30\n\n";
    let run = root(&[
        (
            "at",
            &format!("{full_self}[acceptance]\n\"1.1\" = 0\n\"1.2\" = 30\n\"2.1\" = 30\n"),
        ),
        (
            "below",
            &format!("{full_self}[acceptance]\n\"1.1\" = 0\n\"1.2\" = 29.99\n\"2.1\" = 30\n"),
        ),
    ])
    .test(&["score", "--format", "json"])
    .json::<Scores>(0);
    let r = &run.records;
    // 30% × 100 + 70% × 60 = 72, and 71.993 → 71.99: both below 85 anyway.
    assert_eq!(r[0].base, 72.0);
    assert_eq!(r[0].reason_codes, ["total-below"]);
    assert_eq!(r[1].base, 71.99);
    assert_eq!(r[1].reason_codes, ["total-below", "item-below-min"]);
    assert_eq!(
        r[1].reasons[1],
        "item 1 scored 59.99%, below its minimum 60%"
    );
}

#[test]
fn the_highest_weighted_levels_bonus_counts_and_level_scores_one_level() {
    let body = "[bonus]\nB1 = 5\n\n[self]\n\"1.1\" = 30\n\"1.2\" = 40\n\"2.1\" = 30\n\n[self.bonus]\nB1 = 4\n\n[acceptance]\n\"1.1\" = 30\n\"1.2\" = 40\n\"2.1\" = 20\n\n[acceptance.bonus]\nB1 = 1\n";
    let fixture = root(&[("a", body)]);
    // 30% × 100 + 70% × 90 = 93, plus the acceptance's own bonus 1 (the branch claimed 4
    // and the record 5).
    let run = fixture
        .test(&["score", "--format", "json"])
        .json::<Scores>(0);
    let a = &run.records[0];
    assert_eq!((a.base, a.bonus, a.total), (93.0, 1.0, 94.0));
    // --level self scores that level alone, with its own bonus table.
    let run = fixture
        .test(&["score", "--level", "self", "--format", "json"])
        .json::<Scores>(0);
    let a = &run.records[0];
    assert_eq!(a.level.as_deref(), Some("self"));
    assert_eq!((a.base, a.bonus, a.total), (100.0, 4.0, 104.0));
}

#[test]
fn explain_shows_each_levels_weight_and_base() {
    let run = root(&[(
        "a",
        "[self]\n\"1.1\" = 29\n\"1.2\" = \"na\"\n\"2.1\" = 29\n\n[acceptance]\n\"1.1\" = 20\n\"1.2\" = 35\n\"2.1\" = 30\n",
    )])
    .test(&["explain", "o/a/2024.toml"])
    .stdout_inspected()
    .success();
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn bad_weights_and_a_min_level_beside_combine_are_errors_at_their_place() {
    let checklist = COMBINE
        .replace(
            "acceptance = \"70%\"",
            "acceptance = \"60%\"\nreviw = \"10%\"",
        )
        .replace(
            "min_total = 85",
            "min_total = 85\nmin_level = \"acceptance\"",
        );
    Fixture::empty()
        .file("checklist.toml", checklist)
        .test(&["check", "."])
        .stdout("0 record files checked: 3 errors, 0 warnings\n")
        .stderr(
            "checklist.toml:7:1: error: [combine] and `min_level` of [pass] exclude each other: \
             a combined record is scored from its weighted levels\n \
             7 | [combine]\n   | ^^^^^^^^^\n\
             checklist.toml:7:1: error: the level weights of [combine] add up to 90%, not 100%\n \
             7 | [combine]\n   | ^^^^^^^^^\n\
             checklist.toml:10:1: error: unknown key `reviw` in [combine] (did you mean `review`?)\n \
             10 | reviw = \"10%\"\n    | ^^^^^\n",
        )
        .status(2);
}

#[test]
fn explain_json_lists_each_weighted_level_with_its_weight_and_base() {
    let explained: Explained = root(&[(
        "a",
        "[self]\n\"1.1\" = 29\n\"1.2\" = \"na\"\n\"2.1\" = 29\n",
    )])
    .test(&["explain", "--format", "json", "o/a/2024.toml"])
    .json(0);
    assert_eq!(explained.record.level.as_deref(), Some("combined"));
    assert_eq!(
        explained.combined,
        Some(vec![
            LevelPart {
                level: "self".into(),
                weight: 0.3,
                base: Some(96.67)
            },
            LevelPart {
                level: "acceptance".into(),
                weight: 0.7,
                base: None
            },
        ])
    );
    // The acceptance level is missing and counts as an empty one: 30% × 96.67 = 29.001.
    assert_eq!(explained.record.base, 29.0);
    assert_eq!(explained.record.status, "incomplete");
}

#[test]
fn a_new_form_says_which_levels_the_score_weighs() {
    let fixture = root(&[]);
    fixture
        .test(&[
            "new", "--org", "O", "--branch", "z", "--period", "2024", ".",
        ])
        .stderr("wrote o/z/2024.toml: fill in every \"\", then run: audit check o/z/2024.toml\n")
        .success();
    let form = fixture.read("o/z/2024.toml");
    assert!(
        form.contains(
            "# The score weighs the levels: [self] 30% + [acceptance] 70%; each of them must be complete\n"
        ),
        "{form}"
    );
}

#[test]
fn the_items_view_averages_a_combined_records_weighted_scores() {
    // Before, the view read the acceptance level's points (1.1 = 20, item 1 = 55) while score
    // and explain said 47.20: self 29 × 30% + acceptance 20 × 70% = 22.70 for 1.1, and
    // self "na" (0) + 35 × 70% = 24.50 for 1.2.
    let view: serde_json::Value = root(&[(
        "a",
        "[self]\n\"1.1\" = 29\n\"1.2\" = \"na\"\n\"2.1\" = 29\n\n[acceptance]\n\"1.1\" = 20\n\"1.2\" = 35\n\"2.1\" = 30\n",
    )])
    .test(&["report", "--view", "items", "--format", "json"])
    .json(0);
    let item = &view["items"][0];
    assert_eq!(item["mean"], 47.2);
    assert_eq!(item["points"][0]["mean"], 22.7);
    assert_eq!(item["points"][1]["mean"], 24.5);
}
