//! `explain --format json` carries what the explain table shows beside items and points
//! (SPEC §11.2–11.4): each item's weight and share in a weighted base with the scale, its
//! minimum met, not met or exempt, the item floor with the sum it floored, a point's
//! deduction cap and whether it applied. `score`'s items keep their four keys.

use crate::harness::{Fixture, record};
use crate::json::{Explained, ExplainedPoint, Item, ItemMin};

/// Weights, a minimum in points and one from `min_item`, an item floor and a deduction cap:
/// - A (50 %, min 4): a1 = 5 − min(5, 3) = 2 (capped), a2 = 3 → 5 of 10, met
/// - B (30 %, floor = "item"): b1 = 4 − 6 = −2, b2 = 1 → sum −1, scores 0; 50 % not met
/// - C (20 %): c1 "na" → exempt, leaves the weighted sums
///
/// base = round(100 × (0.5 × 0.5 + 0.3 × 0) / 0.8) = 31.25
const RULES: &str = r#"title = "Explained rules"
scale = 100

[pass]
min_total = 30
min_item = "50%"

[[items]]
id = "A"
title = "Organisation"
weight = "50%"
min = 4

[[items.points]]
id = "a1"
title = "Committee"
max = 5
max_deduction = 3

[[items.points]]
id = "a2"
title = "Groups"
max = 5

[[items]]
id = "B"
title = "Conduct"
weight = "30%"
floor = "item"

[[items.points]]
id = "b1"
title = "Attendance"
max = 4

[[items.points]]
id = "b2"
title = "Dues"
max = 4

[[items]]
id = "C"
title = "Service"
weight = "20%"

[[items.points]]
id = "c1"
title = "Volunteering"
max = 4
optional = true
"#;

fn rules() -> Fixture {
    let deduct = |points: u32, times: u32, reason: &str| {
        format!(
            "{{ deductions = [ {{ points = {points}, times = {times}, reason = \"{reason}\" }} ] }}"
        )
    };
    Fixture::empty().file("checklist.toml", RULES).file(
        "o/r/2024.toml",
        record(
            "O",
            "r",
            "2024",
            &format!(
                "[acceptance]\na1 = {}\na2 = 3\nb1 = {}\nb2 = 1\nc1 = \"na\"\n",
                deduct(1, 5, "five meetings missed"),
                deduct(2, 3, "three absences")
            ),
        ),
    )
}

#[test]
fn explain_json_carries_each_item_s_weight_minimum_and_floor() {
    let explain: Explained = rules()
        .test(&["explain", "--format", "json", "o/r/2024.toml"])
        .json(0);
    assert_eq!(explain.record.status, "fail");
    assert_eq!(
        explain.record.reasons,
        ["item B scored 0%, below its minimum 50%"]
    );
    assert_eq!(explain.record.base, 31.25);
    assert_eq!(explain.scale, Some(100.0));
    assert_eq!(
        explain.record.items,
        [
            Item {
                id: "A".into(),
                score: 5.0,
                max: 10.0,
                applicable: 10.0,
                weight: Some(0.5),
                share: Some(Some(0.5)),
                min: Some(ItemMin {
                    points: Some(4.0),
                    share: None,
                    met: true,
                    exempt: false
                }),
                floor: None,
                sum: None,
            },
            Item {
                id: "B".into(),
                score: 0.0,
                max: 8.0,
                applicable: 8.0,
                weight: Some(0.3),
                share: Some(Some(0.0)),
                min: Some(ItemMin {
                    points: None,
                    share: Some(0.5),
                    met: false,
                    exempt: false
                }),
                floor: Some("item".into()),
                sum: Some(-1.0),
            },
            Item {
                id: "C".into(),
                score: 0.0,
                max: 4.0,
                applicable: 0.0,
                weight: Some(0.2),
                share: Some(None),
                min: Some(ItemMin {
                    points: None,
                    share: Some(0.5),
                    met: true,
                    exempt: true
                }),
                floor: None,
                sum: None,
            },
        ]
    );
    let caps: Vec<(&str, f64, Option<f64>, Option<bool>)> = explain
        .points
        .iter()
        .map(|p: &ExplainedPoint| (p.id.as_str(), p.score, p.max_deduction, p.capped))
        .collect();
    assert_eq!(
        caps,
        [
            ("a1", 2.0, Some(3.0), Some(true)),
            ("a2", 3.0, None, None),
            // Below 0 within its item (floor = "item").
            ("b1", -2.0, None, None),
            ("b2", 1.0, None, None),
            ("c1", 0.0, None, None),
        ]
    );
}

#[test]
fn score_json_items_keep_their_four_keys_under_the_item_rules() {
    let run = rules()
        .test(&["score", "--format", "json", "."])
        .stdout_inspected()
        .status(0);
    let value: serde_json::Value = run.json();
    for item in value["records"][0]["items"].as_array().unwrap() {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "score", "max", "applicable"]);
    }
}

#[test]
fn explain_json_tells_a_cap_that_did_not_apply() {
    let fx = Fixture::empty().file("checklist.toml", RULES).file(
        "o/s/2024.toml",
        record(
            "O",
            "s",
            "2024",
            "[acceptance]\na1 = { deductions = [ { points = 1, times = 2, reason = \"two meetings missed\" } ] }\na2 = 5\nb1 = 4\nb2 = 4\nc1 = 4\n",
        ),
    );
    let explain: Explained = fx
        .test(&["explain", "--format", "json", "o/s/2024.toml"])
        .json(0);
    let a1 = &explain.points[0];
    assert_eq!(
        (a1.score, a1.max_deduction, a1.capped),
        (3.0, Some(3.0), Some(false))
    );
    // A point with a cap scored by a number: the cap is there, not applied.
    let fx = Fixture::empty().file("checklist.toml", RULES).file(
        "o/t/2024.toml",
        record(
            "O",
            "t",
            "2024",
            "[acceptance]\na1 = 1\na2 = 5\nb1 = 4\nb2 = 4\nc1 = 4\n",
        ),
    );
    let explain: Explained = fx
        .test(&["explain", "--format", "json", "o/t/2024.toml"])
        .json(0);
    assert_eq!(explain.points[0].capped, Some(false));
    assert_eq!(explain.record.items[2].share, Some(Some(1.0)));
}
