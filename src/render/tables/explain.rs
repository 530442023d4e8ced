//! `audit explain` as tables: the record point by point (max, score and where the points
//! went), then a summary: base, bonus, total, satisfaction, vetoes, status and band.

use crate::i18n::{tr, tr_word};
use crate::read::checklist::Checklist;
use crate::read::record::Record;
use crate::render::{Cell, Column, Table};
use crate::score::{How, PointScore, Scored};

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
            Cell::Empty,
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
        }
    }
    let points = Table {
        name: "Explain".into(),
        title: Some(t!(
            "org-branch-period-level-file",
            org = r.org,
            branch = r.branch,
            period = r.period,
            level = tr_word(s.level.map_or("no level", |l| l.name())),
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
        notes: vec![tr("applicable-max-without-the-points-marked")],
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
            if lost > p.max() {
                lines.push(t!("deductions-of-floored-at-0", lost = lost));
            }
        }
        How::Derived(Some(band)) => lines.push(t!(
            "from-satisfaction-band",
            rate = rate(),
            min = band.min.percent()
        )),
        How::Derived(None) => lines.push(t!("from-satisfaction-below-every-band", rate = rate())),
        How::DerivedNoSurvey => lines.push(tr("no-satisfaction-survey-scores-0")),
        How::Missing => lines.push(match s.level {
            Some(l) => t!("not-assessed-in", level = tr_word(l.name())),
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
    if s.applicable == total_max {
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
    add("bonus", bonus_text(checklist, s.record, s));
    add("total", s.total.fixed());
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

fn bonus_text(checklist: &Checklist, r: &Record, s: &Scored<'_>) -> String {
    if r.bonus.is_empty() {
        return s.bonus.fixed();
    }
    let parts: Vec<String> = r
        .bonus
        .iter()
        .map(|(id, p)| {
            let title = checklist.bonus_def(id).map_or("", |b| b.title.as_str());
            format!("{id} {title} {p}")
        })
        .collect();
    let capped = if s.raw_bonus > s.bonus {
        format!(", {}", t!("capped-from", raw = s.raw_bonus))
    } else {
        String::new()
    };
    format!("{} ({}{capped})", s.bonus.fixed(), parts.join("; "))
}
