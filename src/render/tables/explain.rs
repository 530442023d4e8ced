//! `audit explain` as tables: the record point by point (max, score and where the points
//! went), then a summary: base, bonus, total, satisfaction, vetoes, status and band.

use crate::i18n::{tr, tr_word};
use crate::points::Points;
use crate::read::checklist::{Bonus, Checklist, ItemMin};
use crate::read::record::{Task, Value, tasks_of, value_points};
use crate::render::figures::{MinState, item_min, item_share};
use crate::render::{Cell, Column, Table};
use crate::score::{Given, How, ItemScore, PointScore, Scored};

use super::{shown, would_text};

/// `audit explain`: the record point by point, then the summary.
pub fn explain(checklist: &Checklist, s: &Scored<'_>) -> Vec<Table> {
    let r = &s.record;
    let mut rows = Vec::new();
    for item in &s.items {
        rows.push(vec![
            Cell::text(item.id),
            Cell::text(item.title),
            Cell::Points(item.max),
            Cell::Points(item.applicable),
            Cell::Points(item.score),
            Cell::Points(item.applicable - item.score),
            item_text(checklist, item),
        ]);
        for p in &item.points {
            rows.push(vec![
                Cell::text(p.id()),
                Cell::text(format!("  {}", p.title())),
                Cell::Points(p.max()),
                match p.how {
                    How::NotApplicable => Cell::Empty,
                    _ => Cell::Points(p.max()),
                },
                match p.how {
                    How::NotApplicable => Cell::text(tr("n-a")),
                    _ => Cell::Points(p.score),
                },
                match p.how {
                    How::NotApplicable => Cell::Empty,
                    _ => Cell::Points(p.max() - p.score),
                },
                Cell::text(how(p, s)),
            ]);
            rows.extend(tasks_of(r, Some(p.id())).map(|t| task_row(t, true)));
        }
    }
    // Tasks that answer no point: after every item.
    rows.extend(tasks_of(r, None).map(|t| task_row(t, false)));
    let points = Table {
        name: "Explain".into(),
        title: Some(t!(
            "org-branch-period-level-file",
            org = r.org,
            branch = r.branch,
            period = r.period,
            level = tr_word(s.level_name().unwrap_or("no level")),
            file = r.file
        )),
        columns: vec![
            Column::text("id"),
            Column::text("item / point"),
            Column::number("max"),
            Column::number("applicable"),
            Column::number("score"),
            Column::number("lost"),
            Column::text("where points went"),
        ],
        rows,
        notes: {
            let mut notes = vec![tr("applicable-max-without-the-points-marked")];
            // A combined record (SPEC §11.9): its items are weighted sums, its points one level's.
            if let (Some(_), Some(level)) = (&s.combined, s.level) {
                notes.push(t!("combined-items-note", level = tr_word(level.name())));
            }
            notes
        },
    };
    // Among several checklists, say which one the record was explained by (SPEC §11.11).
    let mut points = points;
    if checklist.versioning.several
        && let Some(title) = points.title.take()
    {
        points.title = Some(t!(
            "checklist-version-title",
            title = title,
            version = checklist.version.as_deref().unwrap_or("")
        ));
    }
    let summary = Table {
        name: "Result".into(),
        title: Some(tr("result-sheet")),
        columns: vec![Column::text("figure"), Column::text("value")],
        rows: summary_rows(checklist, s),
        notes: Vec::new(),
    };
    vec![points, summary]
}

/// A rectification task under the point it answers (SPEC §12.3): what it says and its
/// dates; explain judges nothing on a day (the rectification view does).
fn task_row(task: &Task, under_point: bool) -> Vec<Cell> {
    let dates = match task.done {
        Some(done) => t!("task-due-done", due = task.due, done = done),
        None => t!("task-due", due = task.due),
    };
    vec![
        Cell::Empty,
        Cell::text(if under_point {
            t!("task-line", task = task.task)
        } else {
            t!("task-line-no-point", task = task.task)
        }),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::text(dates),
    ]
}

/// Beside an item: its weight, its floor when it applied (SPEC §11.3) and its minimum, met or not.
fn item_text(checklist: &Checklist, item: &ItemScore<'_>) -> Cell {
    let mut lines = Vec::new();
    if let Some(w) = item.def.weight {
        lines.push(t!("item-weight", weight = w.percent()));
    }
    if item.def.floor_item && item.sum.is_negative() {
        lines.push(t!("item-floored-at-0", sum = item.sum));
    }
    if let Some((min, state)) = item_min(checklist, item) {
        let shown = match min {
            ItemMin::Points(p) => p.to_string(),
            ItemMin::Share(r) => r.percent(),
        };
        lines.push(match state {
            MinState::Exempt => t!("item-min-exempt", min = shown),
            MinState::Met => t!("item-min-met", min = shown),
            MinState::NotMet => t!("item-min-not-met", min = shown),
        });
    }
    if lines.is_empty() {
        Cell::Empty
    } else {
        Cell::text(lines.join("\n"))
    }
}

/// The base of a weighted checklist (SPEC §11.4): each item's share of its applicable
/// points and its weight.
fn weighted_text(s: &Scored<'_>, scale: Points) -> String {
    let weights: Vec<String> = s
        .items
        .iter()
        .filter_map(|i| {
            let weight = i.def.weight?.percent();
            Some(match item_share(i) {
                Some(share) => t!(
                    "item-share-weight",
                    item = i.id,
                    share = share.percent(),
                    weight = weight
                ),
                None => t!("item-weight-na", item = i.id, weight = weight),
            })
        })
        .collect();
    t!(
        "weighted-base",
        base = s.base.fixed(),
        scale = scale,
        weights = weights.join("; ")
    )
}

/// The base of a record scored from weighted levels (SPEC §11.9): each level's weight and its
/// own base, rounded, then the one rounding of their weighted sum.
fn combined_text(s: &Scored<'_>, parts: &[crate::score::LevelPart]) -> String {
    let terms: Vec<String> = parts
        .iter()
        .map(|p| {
            let level = tr_word(p.level.name());
            match p.base {
                Some(base) => t!(
                    "level-weight-base",
                    level = level,
                    weight = p.weight.percent(),
                    base = base.fixed()
                ),
                None => t!(
                    "level-weight-missing",
                    level = level,
                    weight = p.weight.percent()
                ),
            }
        })
        .collect();
    t!(
        "combined-base",
        base = s.base.fixed(),
        terms = terms.join(" + ")
    )
}

fn how(p: &PointScore<'_>, s: &Scored<'_>) -> String {
    let mut lines = Vec::new();
    // Beside a band, the rate reads below the next band up when it missed it, however close
    // (Rate::percent_below): "84.996%: below every band", not "85%".
    let bands = p.point.derive.as_deref().unwrap_or_default();
    let rate = || {
        s.satisfaction.map_or(String::new(), |r| {
            match bands.iter().rev().find(|b| b.min > r) {
                Some(missed) => r.percent_below(missed.min),
                None => r.percent(),
            }
        })
    };
    match &p.how {
        How::Points if p.score == p.max() => {}
        How::Points => lines.push(t!("scored-of", score = p.score, max = p.max())),
        How::Grade(g) => lines.push(t!("grade", grade = g)),
        How::NotApplicable => lines.push(tr("not-applicable-left-out-of-the")),
        How::Combined => lines.push(tr("weighted-sum-of-the-levels-scores")),
        How::Deductions(list) => {
            for d in list.iter() {
                let amount = if d.times == 1 {
                    format!("−{}", d.points)
                } else {
                    format!("−{} × {}", d.points, d.times)
                };
                lines.push(format!("{amount}: {}", d.reason));
            }
            let lost = crate::read::record::deducted(list);
            match p.point.max_deduction {
                Some(cap) if lost > cap => {
                    lines.push(t!("deductions-capped-at", lost = lost, cap = cap))
                }
                _ if lost > p.max() && p.point.unfloored => lines.push(t!(
                    "deductions-below-0-item-floor",
                    lost = lost,
                    score = p.score
                )),
                _ if lost > p.max() => lines.push(t!("deductions-of-floored-at-0", lost = lost)),
                _ => {}
            }
        }
        How::Derived(Some(band)) => lines.push(t!(
            "from-satisfaction-band",
            rate = rate(),
            min = band.min.percent()
        )),
        How::Derived(None) => lines.push(t!("from-satisfaction-below-every-band", rate = rate())),
        How::DerivedNoSurvey => lines.push(tr("no-satisfaction-survey-scores-0")),
        How::Ratings(list) => {
            let ratings: Vec<String> = list
                .iter()
                .map(|r| {
                    let points = value_points(p.point, r).unwrap_or_default();
                    match r {
                        Value::Grade(g) => format!("{} ({points})", p.point.grades[*g].0),
                        _ => points.to_string(),
                    }
                })
                .collect();
            lines.push(t!(
                "ratings-mean",
                ratings = ratings.join(", "),
                mean = p.score.fixed()
            ));
        }
        How::Measured { given, band } => {
            let (id, rate) = (p.point.measure.as_deref().unwrap_or_default(), &given.rate);
            let shown = match bands.iter().rev().find(|b| b.min > *rate) {
                Some(missed) => rate.percent_below(missed.min),
                None => rate.percent(),
            };
            lines.push(match band {
                Some(b) => t!(
                    "from-measure-band",
                    id = id,
                    rate = shown,
                    min = b.min.percent()
                ),
                None => t!("from-measure-below-every-band", id = id, rate = shown),
            });
        }
        How::MeasureMissing(id) => lines.push(t!("no-measure-scores-0", id = id)),
        How::Missing => lines.push(match s.level_name() {
            Some(l) => t!("not-assessed-in", level = tr_word(l)),
            None => tr("not-assessed"),
        }),
    }
    if let Some(note) = p.note() {
        lines.push(t!("note", note = note));
    }
    if !p.evidence().is_empty() {
        lines.push(t!("evidence", files = p.evidence().join(", ")));
    }
    lines.join("\n")
}

fn summary_rows(checklist: &Checklist, s: &Scored<'_>) -> Vec<Vec<Cell>> {
    let total_max = checklist.total();
    let mut rows = Vec::new();
    let mut add = |k: &str, v: String| rows.push(vec![Cell::text(tr_word(k)), Cell::text(v)]);
    if let Some(parts) = &s.combined {
        add("base", combined_text(s, parts));
    } else if let Some(scale) = checklist.scale {
        add("base", weighted_text(s, scale));
    } else if s.applicable == total_max {
        add("base", t!("of", base = s.base.fixed(), max = total_max));
    } else {
        add(
            "base",
            t!(
                "of-of-applicable-points-scaled-and",
                base = s.base.fixed(),
                max = total_max,
                raw = s.raw_base.fixed(),
                applicable = s.applicable
            ),
        );
    }
    add(
        "bonus",
        table_text(&checklist.bonus, s.bonus_table, s.bonus, s.raw_bonus),
    );
    // Only a checklist with penalties shows the row (SPEC §11.5), so v1 explanations stay.
    if !checklist.penalties.is_empty() {
        add(
            "penalties",
            table_text(
                &checklist.penalties,
                s.penalty_table,
                s.penalties,
                s.raw_penalties,
            ),
        );
    }
    let unfloored = s.base + s.bonus - s.penalties;
    if unfloored.is_negative() {
        let floored = t!("floored-at-0-from", raw = unfloored.fixed());
        add("total", format!("{} ({floored})", s.total.fixed()));
    } else {
        add("total", s.total.fixed());
    }
    let shown_rate = |rate: crate::points::Rate| match checklist.pass.min_satisfaction {
        Some(min) => rate.percent_below(min),
        None => rate.percent(),
    };
    let sat = match (&s.record.survey, s.satisfaction) {
        (Some(survey), Some(rate)) => match survey.counts {
            Some((a, n)) => t!(
                "of-satisfied",
                rate = shown_rate(rate),
                satisfied = a,
                surveyed = n
            ),
            None => shown_rate(rate),
        },
        _ => tr("no-survey"),
    };
    let sat = match checklist.pass.min_satisfaction {
        Some(min) => t!("required", sat = sat, min = min.percent()),
        None => sat,
    };
    add("satisfaction", sat);
    let vetoes = if s.vetoes.is_empty() {
        tr("none-triggered")
    } else {
        s.vetoes
            .iter()
            .map(|id| {
                format!(
                    "{id}: {}",
                    checklist.veto(id).map_or("", |v| v.title.as_str())
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    add("vetoes", vetoes);
    add("status", tr_word(s.status.name()));
    if !s.reasons.is_empty() {
        add("reasons", shown(&s.reasons, "\n"));
    }
    if let Some(w) = would_text(s) {
        add("verdict of this level", w);
    }
    add("band", s.band.map_or_else(|| tr("none"), str::to_string));
    rows
}

/// A bonus or penalties figure with its entries: "5.00 (B1 Commended 2 × 2 = 4; B2 Award 1)",
/// each entry's own cap and the table's cap shown where they apply (SPEC §11.5).
fn table_text(defs: &[Bonus], table: &Given, sum: Points, raw: Points) -> String {
    if table.is_empty() {
        return sum.fixed();
    }
    let parts: Vec<String> = table
        .iter()
        .map(|(id, value)| {
            let def = defs.iter().find(|b| b.id == *id);
            let title = def.map_or("", |b| b.title.as_str());
            match def {
                Some(b @ Bonus { per: Some(per), .. }) => {
                    let times = t!("per-times-count", per = per, count = value);
                    let product = per.times(value.hundredths() / 100);
                    let worth = b.worth(*value);
                    if worth < product {
                        let cap = t!("capped-at-its-max", max = worth);
                        format!("{id} {title} {times} = {product}, {cap}")
                    } else {
                        format!("{id} {title} {times} = {product}")
                    }
                }
                _ => format!("{id} {title} {value}"),
            }
        })
        .collect();
    let capped = if raw > sum {
        format!(", {}", t!("capped-from", raw = raw))
    } else {
        String::new()
    };
    format!("{} ({}{capped})", sum.fixed(), parts.join("; "))
}
