//! Pure: scored records → the views an office takes to its meetings (levels, items,
//! benchmark candidates, the compliance trend). No I/O, no printing.
//!
//! Averages are exact sums divided once at the end, rounded half away from zero to hundredths
//! ([`Points::mean`]); an item's average is the sum of its points' averages and every share is
//! an average over its applicable max ([`Stats`] states the definitions).

use std::collections::BTreeMap;

use crate::aggregate::compliance::{ComplianceRow, Ranked};
use crate::points::{Points, Rate};
use crate::read::checklist::Checklist;
use crate::read::record::Level;
use crate::read::roster::Roster;
use crate::score::{How, Scored, Status};

// ── Trend ───────────────────────────────────────────────────────────────────────────────

/// Compliance across periods: orgs as rows, periods as columns.
#[derive(Clone, Debug)]
pub struct Trend {
    pub periods: Vec<String>,
    /// Each period's target, in `periods` order.
    pub targets: Vec<Option<Rate>>,
    /// One row per org, then the overall row (`org` None).
    pub rows: Vec<TrendRow>,
}

#[derive(Clone, Debug)]
pub struct TrendRow {
    pub org: Option<String>,
    /// The compliance row of each period, in `periods` order; None where the org has no
    /// population in that period.
    pub cells: Vec<Option<ComplianceRow>>,
}

/// Rearranges compliance rows into the trend grid.
pub fn trend(rows: &[ComplianceRow]) -> Trend {
    let mut periods: Vec<String> = rows.iter().map(|r| r.period.clone()).collect();
    periods.dedup();
    let targets = periods
        .iter()
        .map(|p| rows.iter().find(|r| &r.period == p).and_then(|r| r.target))
        .collect();
    let mut orgs: Vec<Option<String>> = rows
        .iter()
        .filter_map(|r| r.org.clone())
        .map(Some)
        .collect();
    orgs.sort();
    orgs.dedup();
    orgs.push(None);
    let rows = orgs
        .into_iter()
        .map(|org| TrendRow {
            cells: periods
                .iter()
                .map(|p| {
                    rows.iter()
                        .find(|r| &r.period == p && r.org == org)
                        .cloned()
                })
                .collect(),
            org,
        })
        .collect();
    Trend {
        periods,
        targets,
        rows,
    }
}

// ── Levels ──────────────────────────────────────────────────────────────────────────────

/// Self-assessment vs review vs acceptance.
#[derive(Clone, Debug)]
pub struct Levels {
    /// Records with more than one complete level.
    pub records: Vec<LevelRecord>,
    /// Per org: the average gap.
    pub orgs: Vec<LevelOrg>,
    /// Points with the largest average gap, largest first.
    pub points: Vec<LevelPoint>,
}

#[derive(Clone, Debug)]
pub struct LevelRecord {
    pub org: String,
    pub branch: String,
    pub period: String,
    pub file: String,
    /// Total per level, where that level is complete (self, review, acceptance).
    pub totals: [Option<Points>; 3],
    /// The lowest complete level's total minus the highest's: positive when the branch
    /// rated itself more generously than the final assessment.
    pub gap: Points,
    pub lowest: Level,
    pub highest: Level,
}

#[derive(Clone, Debug)]
pub struct LevelOrg {
    pub org: String,
    pub records: u64,
    /// Sum of gaps (exact); the mean is `gap_sum / records`.
    pub gap_sum: Points,
    /// Records whose lowest level scored higher than the highest.
    pub inflated: u64,
}

impl LevelOrg {
    pub fn mean_gap(&self) -> Points {
        Points::mean(self.gap_sum, self.records)
    }
}

#[derive(Clone, Debug)]
pub struct LevelPoint {
    pub id: String,
    pub title: String,
    pub max: Points,
    /// Records where the point was scored at both ends.
    pub records: u64,
    pub gap_sum: Points,
    /// Records where the lowest level gave more than the highest.
    pub higher: u64,
    /// Its checklist's version, when records of several versions are shown (SPEC §11.11):
    /// each version's points are ranked apart.
    pub version: Option<String>,
}

impl LevelPoint {
    pub fn mean_gap(&self) -> Points {
        Points::mean(self.gap_sum, self.records)
    }
}

/// How many points the levels view lists.
pub const LEVEL_POINTS_SHOWN: usize = 10;

/// The levels view of records already scored at every level they have: `by_record` holds, per
/// record, its scores in [`Level::ALL`] order (self, review, acceptance), one per level the
/// record has. Only complete levels are compared, and a record needs two of them.
pub fn levels<'r>(
    checklist: &Checklist,
    by_record: impl IntoIterator<Item = Vec<Scored<'r>>>,
) -> Levels {
    let mut out = Vec::new();
    let mut orgs: BTreeMap<String, LevelOrg> = BTreeMap::new();
    let mut points: BTreeMap<(Option<String>, String), LevelPoint> = BTreeMap::new();
    let mut tables: Vec<&Checklist> = Vec::new();
    for at_levels in by_record {
        let scored: Vec<(Level, &Scored<'r>)> = at_levels
            .iter()
            .filter(|s| s.missing.is_empty())
            .filter_map(|s| s.level.map(|l| (l, s)))
            .collect();
        if scored.len() < 2 {
            continue;
        }
        let record = scored[0].1.record;
        let (lowest, low) = &scored[0];
        let (highest, high) = &scored[scored.len() - 1];
        let mut totals = [None; 3];
        for (l, s) in &scored {
            totals[*l as usize] = Some(s.total);
        }
        let gap = low.total - high.total;
        out.push(LevelRecord {
            org: record.org.clone(),
            branch: record.branch.clone(),
            period: record.period.clone(),
            file: record.file.clone(),
            totals,
            gap,
            lowest: *lowest,
            highest: *highest,
        });
        let o = orgs.entry(record.org.clone()).or_insert_with(|| LevelOrg {
            org: record.org.clone(),
            records: 0,
            gap_sum: Points::ZERO,
            inflated: 0,
        });
        o.records += 1;
        o.gap_sum += gap;
        o.inflated += u64::from(gap > Points::ZERO);
        let version = versions::shown_version(low.checklist);
        if version.is_some() && !tables.iter().any(|c| std::ptr::eq(*c, low.checklist)) {
            tables.push(low.checklist);
        }
        let low_points = low.items.iter().flat_map(|i| &i.points);
        let high_points = high.items.iter().flat_map(|i| &i.points);
        for (a, b) in low_points.zip(high_points) {
            let scored_both =
                |p: &crate::score::PointScore| !matches!(p.how, How::NotApplicable | How::Missing);
            if !scored_both(a) || !scored_both(b) {
                continue;
            }
            let p = points
                .entry((version.clone(), a.id().to_string()))
                .or_insert_with(|| LevelPoint {
                    id: a.id().to_string(),
                    title: a.title().to_string(),
                    max: a.max(),
                    records: 0,
                    gap_sum: Points::ZERO,
                    higher: 0,
                    version: version.clone(),
                });
            p.records += 1;
            p.gap_sum += a.score - b.score;
            p.higher += u64::from(a.score > b.score);
        }
    }
    let points = if tables.is_empty() {
        rank_level_points(checklist, points.into_values().collect())
    } else {
        versions::rank_level_points_by_version(tables, points.into_values().collect())
    };
    Levels {
        records: out,
        orgs: orgs.into_values().collect(),
        points,
    }
}

/// The points with the largest mean gap (largest first, compared exactly by
/// cross-multiplication, then in checklist order), at most [`LEVEL_POINTS_SHOWN`].
fn rank_level_points(checklist: &Checklist, points: Vec<LevelPoint>) -> Vec<LevelPoint> {
    let order: BTreeMap<&str, usize> = checklist
        .points()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut points: Vec<LevelPoint> = points
        .into_iter()
        .filter(|p| p.gap_sum != Points::ZERO)
        .collect();
    points.sort_by(|a, b| {
        let lhs = b.gap_sum.hundredths() as i128 * a.records as i128;
        let rhs = a.gap_sum.hundredths() as i128 * b.records as i128;
        lhs.cmp(&rhs)
            .then_with(|| order.get(a.id.as_str()).cmp(&order.get(b.id.as_str())))
    });
    points.truncate(LEVEL_POINTS_SHOWN);
    points
}

mod heat;
mod versions;
pub use heat::{Heat, heat};
pub use versions::items_by_version;

// ── Items ───────────────────────────────────────────────────────────────────────────────

/// Where branches lose points: per item and per point across the selected records.
#[derive(Clone, Debug)]
pub struct Items {
    pub items: Vec<ItemStats>,
    /// The checklist's version, when records of several versions are shown (SPEC §11.11).
    pub version: Option<String>,
}

#[derive(Clone, Debug)]
pub struct ItemStats {
    pub id: String,
    pub title: String,
    pub max: Points,
    pub stats: Stats,
    pub points: Vec<PointStats>,
}

#[derive(Clone, Debug)]
pub struct PointStats {
    pub id: String,
    pub title: String,
    pub max: Points,
    pub stats: Stats,
    /// Deduction reasons with how many records gave them, most common first.
    pub reasons: Vec<(String, u64)>,
}

/// The figures of a point (or an item) over the selected records. One definition each,
/// the same in every format, in the heat map and, for a single record, equal to `explain`:
///
/// - a point **applies** in a record when the scored level gives it a value other than "na";
/// - point `records`: the records where it applies; `average`: its mean score over those,
///   rounded half away from zero to hundredths; `applicable`: its max (0 when it applies
///   nowhere);
/// - item `average`: the sum of its points' averages; `applicable`: the sum of the max of
///   its points that apply somewhere; `records`: those where any of its points applies;
/// - `share` = average / applicable, for points and items alike.
///
/// So an item's figures follow from its points' figures: its average is their sum, its share
/// is that sum over their maxima. For one record they are explain's item score and
/// applicable max.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Records counted (for a point: those where it applies).
    pub records: u64,
    /// Average score (see above).
    pub average: Points,
    /// What `average` is out of: the max that applies.
    pub applicable: Points,
    /// Records that lost points here (scored below what applied).
    pub lost: u64,
}

impl Stats {
    pub fn mean(&self) -> Points {
        self.average
    }

    /// Average as a share of the applicable max; `None` where nothing applies.
    pub fn share(&self) -> Option<Rate> {
        (self.applicable > Points::ZERO).then(|| {
            Rate::ratio(
                (self.average.hundredths().max(0) as u64).min(self.applicable.hundredths() as u64),
                self.applicable.hundredths() as u64,
            )
        })
    }

    /// Share of the records that lost points here.
    pub fn lost_share(&self) -> Option<Rate> {
        (self.records > 0).then(|| Rate::ratio(self.lost, self.records))
    }
}

/// Whether a point counts in the items view: scored by the level, neither "na" nor missing.
fn applies(p: &crate::score::PointScore<'_>) -> bool {
    !matches!(p.how, How::NotApplicable | How::Missing)
}

/// How many deduction reasons are listed per point.
pub const REASONS_SHOWN: usize = 3;

/// Item statistics over scored records (records without a level are left out).
pub fn items(checklist: &Checklist, scored: &[Scored<'_>]) -> Items {
    items_of(checklist, scored.iter())
}

/// [`items`] over borrowed records, so the heat map can take a subset without copying.
fn items_of<'a, 'r: 'a>(
    checklist: &Checklist,
    scored: impl Iterator<Item = &'a Scored<'r>>,
) -> Items {
    let assessed: Vec<&Scored<'_>> = scored.filter(|s| s.level.is_some()).collect();
    let items = checklist
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mut item_stats = Stats::default();
            let points = item
                .points
                .iter()
                .enumerate()
                .map(|(p, point)| {
                    let mut stats = Stats::default();
                    let mut score_sum = Points::ZERO;
                    let mut reasons: BTreeMap<&str, u64> = BTreeMap::new();
                    for s in &assessed {
                        let ps = &s.items[i].points[p];
                        if !applies(ps) {
                            continue;
                        }
                        stats.records += 1;
                        score_sum += ps.score;
                        stats.lost += u64::from(ps.score < ps.max());
                        if let How::Deductions(list) = &ps.how {
                            let mut seen: Vec<&str> =
                                list.iter().map(|d| d.reason.as_str()).collect();
                            seen.sort_unstable();
                            seen.dedup();
                            for r in seen {
                                *reasons.entry(r).or_default() += 1;
                            }
                        }
                    }
                    if stats.records > 0 {
                        stats.average = Points::mean(score_sum, stats.records);
                        stats.applicable = point.max;
                    }
                    let mut reasons: Vec<(String, u64)> = reasons
                        .into_iter()
                        .map(|(r, n)| (r.to_string(), n))
                        .collect();
                    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                    reasons.truncate(REASONS_SHOWN);
                    PointStats {
                        id: point.id.clone(),
                        title: point.title.clone(),
                        max: point.max,
                        stats,
                        reasons,
                    }
                })
                .collect::<Vec<PointStats>>();
            item_stats.average = points.iter().map(|p| p.stats.average).sum();
            item_stats.applicable = points.iter().map(|p| p.stats.applicable).sum();
            for s in &assessed {
                let applicable: Vec<_> = s.items[i].points.iter().filter(|p| applies(p)).collect();
                if applicable.is_empty() {
                    continue;
                }
                let score: Points = applicable.iter().map(|p| p.score).sum();
                let max: Points = applicable.iter().map(|p| p.max()).sum();
                item_stats.records += 1;
                item_stats.lost += u64::from(score < max);
            }
            ItemStats {
                id: item.id.clone(),
                title: item.title.clone(),
                max: item.max,
                stats: item_stats,
                points,
            }
        })
        .collect();
    Items {
        items,
        version: None,
    }
}

// ── Benchmark candidates ────────────────────────────────────────────────────────────────

#[derive(Clone, Debug)]
pub struct Candidate<'a> {
    /// 1-based rank within its period; records equal in total and satisfaction share it
    /// (1, 1, 3: standard competition ranking).
    pub rank: usize,
    pub period: &'a str,
    pub org: &'a str,
    pub branch: &'a str,
    pub file: &'a str,
    pub total: Points,
    pub satisfaction: Option<Rate>,
    pub band: Option<&'a str>,
}

/// Passing records ranked within each period by total, then satisfaction (a record
/// without a survey ranks below one with); equal records share a rank and are listed by
/// org, branch. Each period keeps the records ranked `top` or better, so a tie at the cut is
/// never broken by the alphabet. With a roster, only the branches it expects in the period
/// are candidates, as in the compliance figures: a record outside it (such as `init`'s
/// example) is not a branch being assessed. Whole scored records or the judgements kept as
/// records were read: the ranking needs no more than [`Ranked`] gives.
pub fn benchmark<'a, J: Ranked>(
    scored: &'a [J],
    roster: Option<&Roster>,
    top: usize,
) -> Vec<Candidate<'a>> {
    let mut by_period: BTreeMap<&str, Vec<&J>> = BTreeMap::new();
    let assessed =
        |s: &J| roster.is_none_or(|r| r.outside(s.org(), s.branch(), s.period()).is_none());
    for s in scored
        .iter()
        .filter(|s| s.status() == Status::Pass && assessed(s))
    {
        by_period.entry(s.period()).or_default().push(s);
    }
    let merit = |s: &J| (s.total(), s.satisfaction());
    let mut out = Vec::new();
    for (_, mut list) in by_period {
        list.sort_by(|a, b| {
            merit(b)
                .cmp(&merit(a))
                .then_with(|| a.sort_key().cmp(&b.sort_key()))
        });
        let mut rank = 0;
        for (i, s) in list.iter().enumerate() {
            if i == 0 || merit(s) != merit(list[i - 1]) {
                rank = i + 1;
            }
            if rank > top {
                break;
            }
            out.push(Candidate {
                rank,
                period: s.period(),
                org: s.org(),
                branch: s.branch(),
                file: s.file(),
                total: s.total(),
                satisfaction: s.satisfaction(),
                band: s.band(),
            });
        }
    }
    out
}
