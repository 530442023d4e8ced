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
use num_traits::Zero;
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// A combined item's minimum in points compares the exact weighted ratio
    /// Σw·score / Σw·applicable with min / max (SPEC §11.9, §11.3): a minimum at the largest
    /// hundredth the ratio reaches holds, one hundredth above it fails, however the shown
    /// (rounded) figures fall. Weights in thirds, so the weighted sums are not whole hundredths.
    #[test]
    fn combined_item_minimum_compares_the_exact_ratio(
        (mut rules, mut given) in case(),
        levels in prop::sample::select(vec![vec![0usize, 2], vec![0, 1, 2], vec![1, 2]]),
        off in 0i64..=1,
        pick in any::<prop::sample::Index>(),
    ) {
        rules.combine = Some(match levels.len() {
            2 => vec![(levels[0], 333_333_333_333, 12), (levels[1], 666_666_666_667, 12)],
            _ => levels.iter().zip([333_333_333_333, 333_333_333_333, 333_333_333_334])
                .map(|(&l, w)| (l, w, 12)).collect(),
        });
        for lv in &mut given.levels {
            lv.lacks = None;
        }
        let i = pick.index(rules.items.len());
        let (score, applicable) = oracle::combined_item(&rules, &given, i);
        let max = rules.items[i].max();
        prop_assume!(!applicable.is_zero());
        // the largest m (hundredths) with m / max ≤ score / applicable, and one above it
        let m = (&score * oracle::big(max) / &applicable).floor().to_integer();
        let m = i64::try_from(m).unwrap() + off;
        prop_assume!(m > 0 && m <= max);
        rules.items[i].min = Some(MinDef::Points(m));
        let (checklist, record) = parse(&rules, &given);
        let s = score_record(&checklist, &record);
        let below = s.reasons.iter().any(|r| matches!(r, Reason::ItemBelowMin(short) if short.item == i.to_string()));
        if s.status != audit::score::Status::Incomplete {
            prop_assert_eq!(below, off == 1, "item {} min {}", i, m);
        }
        let a = actual(&rules, &given);
        prop_assert_eq!(a, oracle(&rules, &given), "\n{}\n{}", checklist_toml(&rules), record_toml(&rules, &given));
    }
}

fn score_record<'r>(
    checklist: &'r audit::read::checklist::Checklist,
    record: &'r audit::read::record::Record,
) -> audit::score::Scored<'r> {
    score(checklist, record, LevelChoice::Effective)
}
