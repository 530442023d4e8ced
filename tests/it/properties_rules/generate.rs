//! The generated checklists and records of the §11 properties, and their TOML.

use std::fmt::Write as _;

use proptest::prelude::*;

use super::levels::{LEVELS, LevelVals, combine, decimal, levels};

/// A point: max (hundredths), optional, `max_deduction` (hundredths); or derived from the
/// measure M1 by bands of (min in tenths of a percent, points in hundredths), descending.
#[derive(Clone, Debug)]
pub(super) struct PointDef {
    pub(super) max: i64,
    pub(super) optional: bool,
    pub(super) max_deduction: Option<i64>,
    pub(super) derive: Option<Vec<(i64, i64)>>,
}

/// An item's `min`: points (hundredths) or a share (tenths of a percent).
#[derive(Clone, Copy, Debug)]
pub(super) enum MinDef {
    Points(i64),
    Share(i64),
}

#[derive(Clone, Debug)]
pub(super) struct ItemDef {
    pub(super) points: Vec<PointDef>,
    pub(super) floor_item: bool,
    pub(super) min: Option<MinDef>,
    /// Tenths of a percent; all items have one or none do.
    pub(super) weight: Option<i64>,
}

impl ItemDef {
    pub(super) fn max(&self) -> i64 {
        self.points.iter().map(|p| p.max).sum()
    }
}

/// A bonus or a penalty: `per` and `max` in hundredths (`max` required without `per`).
#[derive(Clone, Copy, Debug)]
pub(super) struct Extra {
    pub(super) per: Option<i64>,
    pub(super) max: Option<i64>,
}

#[derive(Clone, Debug)]
pub(super) struct Rules {
    pub(super) items: Vec<ItemDef>,
    /// Hundredths; only written for a weighted checklist.
    pub(super) scale: Option<i64>,
    pub(super) min_total: Option<i64>,
    /// Tenths of a percent.
    pub(super) min_item: Option<i64>,
    pub(super) bonus: Vec<Extra>,
    pub(super) bonus_cap: Option<i64>,
    pub(super) penalties: Vec<Extra>,
    pub(super) penalty_cap: Option<i64>,
    pub(super) verdict: Verdict,
    /// The top-level `step` (hundredths), SPEC §11.1.
    pub(super) step: Option<i64>,
    /// `[combine]` (SPEC §11.9): (level index, weight mantissa, decimal digits).
    pub(super) combine: Option<Vec<(usize, i64, u32)>>,
}

/// The pass rule beside the totals: a survey threshold, a veto, bands (SPEC §4.6, §11.6).
#[derive(Clone, Debug, Default)]
pub(super) struct Verdict {
    /// Tenths of a percent.
    pub(super) min_satisfaction: Option<i64>,
    pub(super) bands: Vec<BandDef>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BandStatus {
    Pass,
    Fail,
}

/// A band: its `min_total` (hundredths), `min_satisfaction` (tenths of a percent), `status`.
#[derive(Clone, Copy, Debug)]
pub(super) struct BandDef {
    pub(super) min_total: Option<i64>,
    pub(super) min_satisfaction: Option<i64>,
    pub(super) status: Option<BandStatus>,
}

/// A generated value for one point (hundredths).
#[derive(Clone, Debug)]
pub(super) enum Val {
    Points(i64),
    Deductions(Vec<(i64, i64)>),
    Ratings(Vec<i64>),
    Na,
    /// Derived from M1: not written.
    Derived,
}

/// A generated record: its points' values, and per bonus / penalty a value or a count.
#[derive(Clone, Debug)]
pub(super) struct Given {
    /// The levels the record holds, lowest first (self, review, acceptance); never empty.
    pub(super) levels: Vec<LevelVals>,
    pub(super) bonus: Vec<Option<i64>>,
    pub(super) penalties: Vec<Option<i64>>,
    /// (surveyed, satisfied)
    pub(super) survey: Option<(i64, i64)>,
    pub(super) vetoed: bool,
    /// M1 = { of, count }
    pub(super) measure: Option<(i64, i64)>,
}

pub(super) fn part_of(whole: i64, permille: i64) -> i64 {
    (whole * permille / 1000).max(1)
}

pub(super) fn point_def() -> impl Strategy<Value = PointDef> {
    // whole points half the time, so that scores meet minimums and thresholds exactly
    let max = prop_oneof![1i64..=1500, (1i64..=15).prop_map(|p| p * 100)];
    let written = (max.clone(), any::<bool>(), prop::option::of(1i64..=1000)).prop_map(
        |(max, optional, md)| PointDef {
            max,
            optional,
            max_deduction: md.map(|k| part_of(max, k)),
            derive: None,
        },
    );
    let derived = max.prop_flat_map(|max| {
        prop::collection::vec((share(), 0..=max), 1..4).prop_map(move |mut bands| {
            bands.sort_by_key(|b| std::cmp::Reverse(b.0));
            bands.dedup_by_key(|b| b.0);
            PointDef {
                max,
                optional: false,
                max_deduction: None,
                derive: Some(bands),
            }
        })
    });
    prop_oneof![6 => written, 1 => derived]
}

pub(super) fn item_def() -> impl Strategy<Value = ItemDef> {
    (
        prop::collection::vec(point_def(), 1..4),
        any::<bool>(),
        prop::option::of((
            any::<bool>(),
            prop_oneof![
                1i64..=1000,
                prop::sample::select(vec![250, 500, 600, 750, 1000])
            ],
        )),
    )
        .prop_map(|(points, floor_item, min)| {
            let mut item = ItemDef {
                points,
                floor_item,
                min: None,
                weight: None,
            };
            item.min = min.map(|(as_points, k)| {
                if as_points {
                    MinDef::Points(part_of(item.max(), k))
                } else {
                    MinDef::Share(k)
                }
            });
            item
        })
}

pub(super) fn extra() -> impl Strategy<Value = Extra> {
    prop_oneof![
        (1i64..=2000).prop_map(|max| Extra {
            per: None,
            max: Some(max)
        }),
        (1i64..=500, prop::option::of(1i64..=2000)).prop_map(|(per, max)| Extra {
            per: Some(per),
            max
        }),
    ]
}

/// Weights (tenths of a percent) of `n` items summing to exactly 100 %: the gaps between
/// `n - 1` distinct cuts of 0..1000.
pub(super) fn weights(n: usize) -> impl Strategy<Value = Vec<i64>> {
    prop::sample::subsequence((1i64..1000).collect::<Vec<_>>(), n - 1).prop_map(|cuts| {
        let mut edges = vec![0];
        edges.extend(cuts);
        edges.push(1000);
        edges.windows(2).map(|w| w[1] - w[0]).collect()
    })
}

pub(super) fn rules() -> impl Strategy<Value = Rules> {
    (
        prop::collection::vec(item_def(), 1..5),
        any::<bool>(),
        prop::option::of(1i64..=20000),
        prop::option::of(1i64..=12000),
        prop::option::of(1i64..=1000),
        prop::collection::vec(extra(), 0..3),
        prop::option::of(1i64..=1000),
        prop::collection::vec(extra(), 0..3),
        prop::option::of(1i64..=2000),
    )
        .prop_flat_map(
            |(items, weighted, scale, min_total, min_item, bonus, bonus_cap, pens, pen_cap)| {
                let n = items.len();
                let rules = Rules {
                    items,
                    scale: scale.filter(|_| weighted),
                    min_total,
                    min_item,
                    bonus,
                    bonus_cap,
                    penalties: pens,
                    penalty_cap: pen_cap,
                    verdict: Verdict::default(),
                    step: None,
                    combine: None,
                };
                (
                    Just(rules),
                    Just(weighted),
                    weights(n),
                    prop::option::weighted(0.3, prop::sample::select(vec![25i64, 50, 100, 150])),
                    prop::option::weighted(0.4, combine()),
                )
            },
        )
        .prop_map(|(mut rules, weighted, weights, step, combine)| {
            if weighted {
                for (item, w) in rules.items.iter_mut().zip(weights) {
                    item.weight = Some(w);
                }
            }
            rules.step = step;
            rules.combine = combine;
            // SPEC §11.1: every written point's max and max_deduction a multiple of the step;
            // derived points keep theirs (the step does not apply to them)
            if let Some(st) = step {
                for p in rules.items.iter_mut().flat_map(|i| &mut i.points) {
                    if p.derive.is_none() {
                        p.max = (p.max + st - 1) / st * st;
                        p.max_deduction = p.max_deduction.map(|md| (md / st).max(1) * st);
                    }
                }
            }
            rules
        })
}

/// A value of point `p`; with a step, every number written a multiple of it (the mean of
/// ratings need not be).
pub(super) fn value(p: &PointDef, step: Option<i64>) -> BoxedStrategy<Val> {
    if p.derive.is_some() {
        return Just(Val::Derived).boxed();
    }
    let max = p.max;
    let st = step.unwrap_or(1);
    let multiple = move |n: i64| (0..=n / st).prop_map(move |k| k * st);
    let direct = prop_oneof![multiple(max), (0..=max / 100).prop_map(|p| p * 100)]
        .prop_map(move |h| Val::Points(h / st * st))
        .boxed();
    let deductions = prop::collection::vec(
        ((1i64..=600 / st.max(1)).prop_map(move |k| k * st), 1i64..=4),
        1..4,
    )
    .prop_map(Val::Deductions)
    .boxed();
    let ratings = prop::collection::vec(multiple(max), 1..5)
        .prop_map(Val::Ratings)
        .boxed();
    if p.optional {
        prop_oneof![direct, deductions, ratings, Just(Val::Na)].boxed()
    } else {
        prop_oneof![direct, deductions, ratings].boxed()
    }
}

pub(super) fn table_values(extras: &[Extra]) -> Vec<BoxedStrategy<Option<i64>>> {
    extras
        .iter()
        .map(|e| match (e.per, e.max) {
            // a count
            (Some(_), _) => prop::option::of(0i64..=6).boxed(),
            (None, max) => prop::option::of(0..=max.unwrap_or(0)).boxed(),
        })
        .collect()
}

fn band() -> impl Strategy<Value = BandDef> {
    (
        prop::option::of(1i64..=12000),
        prop::option::of(share()),
        prop::option::of(prop_oneof![Just(BandStatus::Pass), Just(BandStatus::Fail)]),
    )
        .prop_map(|(min_total, min_satisfaction, status)| BandDef {
            min_total,
            min_satisfaction,
            status,
        })
}

/// A rate in tenths of a percent: round shares half the time, so that surveys meet them.
fn share() -> impl Strategy<Value = i64> {
    prop_oneof![
        1i64..=1000,
        prop::sample::select(vec![500, 600, 750, 800, 900, 1000])
    ]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    (
        prop::option::of(share()),
        prop::collection::vec(band(), 0..4),
    )
        .prop_map(|(min_satisfaction, bands)| Verdict {
            min_satisfaction,
            bands,
        })
}

fn survey() -> impl Strategy<Value = Option<(i64, i64)>> {
    let surveyed = prop_oneof![1i64..=60, prop::sample::select(vec![4, 10, 20, 40])];
    prop::option::weighted(0.85, surveyed.prop_flat_map(|n| (Just(n), 0..=n)))
}

pub(super) fn case() -> impl Strategy<Value = (Rules, Given)> {
    (rules(), verdict()).prop_flat_map(|(mut r, verdict)| {
        r.verdict = verdict;
        let given = (
            levels(&r),
            table_values(&r.bonus),
            table_values(&r.penalties),
            survey(),
            prop::bool::weighted(0.15),
            survey(),
        )
            .prop_map(
                |(levels, bonus, penalties, survey, vetoed, measure)| Given {
                    levels,
                    bonus,
                    penalties,
                    survey,
                    vetoed,
                    measure,
                },
            );
        (Just(r), given)
    })
}

pub(super) fn hundredths(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

pub(super) fn percent(tenths: i64) -> String {
    format!("\"{}.{}%\"", tenths / 10, tenths % 10)
}

pub(super) fn checklist_toml(r: &Rules) -> String {
    let mut s = String::from("title = \"Generated\"\n");
    let mut opt = |key: &str, v: Option<i64>| {
        if let Some(v) = v {
            writeln!(s, "{key} = {}", hundredths(v)).unwrap();
        }
    };
    opt("bonus_cap", r.bonus_cap);
    opt("penalty_cap", r.penalty_cap);
    opt("scale", r.scale);
    opt("step", r.step);
    if let Some(weights) = &r.combine {
        s.push_str("[combine]\n");
        for &(level, w, digits) in weights {
            writeln!(s, "{} = {}", LEVELS[level], decimal(w, digits)).unwrap();
        }
    }
    s.push_str("[pass]\n");
    if let Some(m) = r.min_total {
        writeln!(s, "min_total = {}", hundredths(m)).unwrap();
    }
    if let Some(m) = r.min_item {
        writeln!(s, "min_item = {}", percent(m)).unwrap();
    }
    if let Some(m) = r.verdict.min_satisfaction {
        writeln!(s, "min_satisfaction = {}", percent(m)).unwrap();
    }
    for (n, b) in r.verdict.bands.iter().enumerate() {
        writeln!(s, "[[bands]]\nname = \"band{n}\"").unwrap();
        if let Some(m) = b.min_total {
            writeln!(s, "min_total = {}", hundredths(m)).unwrap();
        }
        if let Some(m) = b.min_satisfaction {
            writeln!(s, "min_satisfaction = {}", percent(m)).unwrap();
        }
        match b.status {
            Some(BandStatus::Pass) => s.push_str("status = \"pass\"\n"),
            Some(BandStatus::Fail) => s.push_str("status = \"fail\"\n"),
            None => {}
        }
    }
    s.push_str("[[vetoes]]\nid = \"V1\"\ntitle = \"Veto\"\n");
    s.push_str("[[measures]]\nid = \"M1\"\ntitle = \"Measure\"\n");
    for (i, item) in r.items.iter().enumerate() {
        write!(s, "[[items]]\nid = \"{i}\"\ntitle = \"Item {i}\"\n").unwrap();
        if item.floor_item {
            s.push_str("floor = \"item\"\n");
        }
        match item.min {
            Some(MinDef::Points(m)) => writeln!(s, "min = {}", hundredths(m)).unwrap(),
            Some(MinDef::Share(t)) => writeln!(s, "min = {}", percent(t)).unwrap(),
            None => {}
        }
        if let Some(w) = item.weight {
            writeln!(s, "weight = {}", percent(w)).unwrap();
        }
        for (p, point) in item.points.iter().enumerate() {
            write!(
                s,
                "[[items.points]]\nid = \"{i}.{p}\"\ntitle = \"P\"\nmax = {}\noptional = {}\n",
                hundredths(point.max),
                point.optional
            )
            .unwrap();
            if let Some(md) = point.max_deduction {
                writeln!(s, "max_deduction = {}", hundredths(md)).unwrap();
            }
            if let Some(bands) = &point.derive {
                let bands: Vec<String> = bands
                    .iter()
                    .map(|(min, p)| {
                        format!("{{ min = {}, points = {} }}", percent(*min), hundredths(*p))
                    })
                    .collect();
                writeln!(s, "derive = \"M1\"\nbands = [{}]", bands.join(", ")).unwrap();
            }
        }
    }
    for (kind, prefix, extras) in [("bonus", "B", &r.bonus), ("penalties", "P", &r.penalties)] {
        for (n, e) in extras.iter().enumerate() {
            write!(s, "[[{kind}]]\nid = \"{prefix}{n}\"\ntitle = \"E\"\n").unwrap();
            if let Some(per) = e.per {
                writeln!(s, "per = {}", hundredths(per)).unwrap();
            }
            if let Some(max) = e.max {
                writeln!(s, "max = {}", hundredths(max)).unwrap();
            }
        }
    }
    s
}
