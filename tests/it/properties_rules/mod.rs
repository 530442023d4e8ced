//! Property tests of the rules of published scoring tables (SPEC §11.1–11.10), through the
//! library API, against an oracle of their own: generated checklists with deduction caps,
//! `floor = "item"`, item minimums (points and shares, own and `[pass] min_item`), weights
//! summing to 100 % with a scale, penalties and counted bonus with their caps, ratings,
//! points derived from a measure, a veto, a survey threshold and bands with a status; a
//! top-level `step`; records of one to three levels, a point sometimes left out, each level
//! maybe with its own bonus and penalty tables; `[combine]` weights over two or three levels
//! (tenths of a percent, or thirds to twelve digits). The
//! oracle computes in big rationals straight from the generated numbers (SPEC text, not the
//! crate's helpers) and rounds once, half away from zero, where SPEC says.

mod generate;
mod levels;
mod oracle;

use audit::score::{LevelChoice, Reason, score};
use proptest::prelude::*;

use generate::{Given, MinDef, Rules, Val, case, checklist_toml};
use levels::{parse, record_toml};
use oracle::{Expected, oracle};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every figure, the status and the reasons' codes are what SPEC §11 says.
    #[test]
    fn rules_score_as_the_oracle_says((rules, given) in case()) {
        let actual = actual(&rules, &given);
        let expected = oracle(&rules, &given);
        prop_assert_eq!(
            actual,
            expected,
            "\n{}\n{}",
            checklist_toml(&rules),
            record_toml(&rules, &given)
        );
    }
}

/// The figures of a scored record, as the oracle gives them.
fn actual(rules: &Rules, given: &Given) -> Expected {
    let (checklist, record) = parse(rules, given);
    let s = score(&checklist, &record, LevelChoice::Effective);
    Expected {
        points: s
            .items
            .iter()
            .flat_map(|i| &i.points)
            .map(|p| p.score.hundredths())
            .collect(),
        items: s.items.iter().map(|i| i.score.hundredths()).collect(),
        base: s.base.hundredths(),
        bonus: s.bonus.hundredths(),
        penalties: s.penalties.hundredths(),
        total: s.total.hundredths(),
        status: s.status,
        codes: s.reasons.iter().map(|r| r.code()).collect(),
        band: s.band.map(str::to_string),
        level: s.level_name(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// `min_total` and an item's `min` in points set at the record's own figure, or one
    /// hundredth either side: at the figure it holds, one hundredth above it fails.
    #[test]
    fn thresholds_hold_at_exactly_their_value(
        (mut rules, mut given) in case(),
        total_off in -1i64..=1,
        item_off in -1i64..=1,
        pick in any::<prop::sample::Index>(),
    ) {
        // a record incomplete for want of a survey is judged on nothing else
        rules.verdict.min_satisfaction = None;
        given.measure.get_or_insert((1, 1));
        // one level scored on its own, complete
        rules.combine = None;
        given.levels.last_mut().unwrap().lacks = None;
        let first = oracle(&rules, &given);
        rules.min_total = Some(first.total + total_off).filter(|m| *m > 0);
        let i = pick.index(rules.items.len());
        let without_na = {
            let start: usize = rules.items[..i].iter().map(|it| it.points.len()).sum();
            !given.levels.last().unwrap().points[start..start + rules.items[i].points.len()].iter().any(|v| matches!(v, Val::Na))
        };
        let min = first.items[i] + item_off;
        let item_min_set = without_na && min > 0 && min <= rules.items[i].max();
        if item_min_set {
            rules.items[i].min = Some(MinDef::Points(min));
        }
        let expected = oracle(&rules, &given);
        let (checklist, record) = parse(&rules, &given);
        let s = score(&checklist, &record, LevelChoice::Effective);
        let below = |code: &str, item: Option<&str>| s.reasons.iter().any(|r| match r {
            Reason::ItemBelowMin(short) => item == Some(short.item.as_str()),
            r => item.is_none() && r.code() == code,
        });
        prop_assert_eq!(below("total-below", None), rules.min_total.is_some() && total_off > 0);
        if item_min_set {
            prop_assert_eq!(below("", Some(&i.to_string())), item_off > 0, "item {} with min {}", i, min);
        }
        let a = actual(&rules, &given);
        prop_assert_eq!(a, expected, "\n{}\n{}", checklist_toml(&rules), record_toml(&rules, &given));
    }
}
