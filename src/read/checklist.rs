//! The checklist: items → operation points → maximum points, plus pass rules, bands,
//! vetoes, bonus and compliance targets (SPEC §3), and its validation.
//!
//! A [`Checklist`] that exists has been validated: ids are unique, every max is positive,
//! grades and derived bands lie within their point's max, `[expect]` holds. The rest of the
//! program relies on that and never re-checks it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Text, Word};
use crate::points::{Points, Rate};
use crate::read::spanned::{self, Node, Sink, TableReader};

/// Assessment levels, lowest to highest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The branch's self-assessment.
    #[serde(rename = "self")]
    SelfAssessment,
    /// The subsidiary's review.
    Review,
    /// The group's acceptance.
    Acceptance,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::SelfAssessment, Level::Review, Level::Acceptance];

    /// The name used in TOML tables, JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Level::SelfAssessment => "self",
            Level::Review => "review",
            Level::Acceptance => "acceptance",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.name() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// The file name of the definition at the records root.
pub use crate::discover::CHECKLIST_FILE;

/// The validated checklist.
#[derive(Clone, Debug)]
pub struct Checklist {
    pub title: String,
    pub version: Option<String>,
    /// Cap on the sum of bonus points, if any.
    pub bonus_cap: Option<Points>,
    pub pass: PassRule,
    pub compliance: ComplianceTargets,
    pub bands: Vec<Band>,
    pub items: Vec<Item>,
    pub vetoes: Vec<Veto>,
    pub bonus: Vec<Bonus>,
    /// point id → (item index, point index within the item, position among all points)
    point_index: BTreeMap<String, (usize, usize, usize)>,
}

/// The acceptance rule of a record (SPEC §4.6).
#[derive(Clone, Debug, Default)]
pub struct PassRule {
    /// Inclusive minimum total.
    pub min_total: Option<Points>,
    /// Inclusive minimum satisfaction; when set, a survey is required.
    pub min_satisfaction: Option<Rate>,
    /// A record whose effective level is lower is incomplete.
    pub min_level: Option<Level>,
}

/// Target compliance rates: a default and per-period overrides.
#[derive(Clone, Debug, Default)]
pub struct ComplianceTargets {
    pub target: Option<Rate>,
    pub targets: BTreeMap<String, Rate>,
}

impl ComplianceTargets {
    /// The period's own target, else the default.
    pub fn for_period(&self, period: &str) -> Option<Rate> {
        self.targets.get(period).copied().or(self.target)
    }
}

/// A named grade of records, tried in order.
#[derive(Clone, Debug)]
pub struct Band {
    pub name: String,
    pub min_total: Points,
    pub min_satisfaction: Option<Rate>,
}

#[derive(Clone, Debug)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// Sum of its points' max.
    pub max: Points,
    pub points: Vec<Point>,
}

/// An operation point.
#[derive(Clone, Debug)]
pub struct Point {
    pub id: String,
    pub title: String,
    pub max: Points,
    pub criterion: Option<String>,
    /// May be marked "na" in a record.
    pub optional: bool,
    /// Scores must be multiples of this: the point's own `step`, else the checklist's
    /// top-level `step` (SPEC §11.1; never for a derived point).
    pub step: Option<Points>,
    /// Named grades, highest points first.
    pub grades: Vec<(String, Points)>,
    /// Scored from the survey instead of written in a level.
    pub derive: Option<Vec<DeriveBand>>,
}

/// `{ min = "95%", points = 4 }`: satisfaction at or above `min` scores `points`.
#[derive(Clone, Debug)]
pub struct DeriveBand {
    pub min: Rate,
    pub points: Points,
}

impl Point {
    /// The index of a grade name in [`Point::grades`].
    pub fn grade_index(&self, name: &str) -> Option<usize> {
        self.grades.iter().position(|(g, _)| g == name)
    }

    pub fn is_derived(&self) -> bool {
        self.derive.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Veto {
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug)]
pub struct Bonus {
    pub id: String,
    pub title: String,
    pub max: Points,
}

impl Bonus {
    /// Whether a record or a sheet may give `points` for this bonus: 0 to its max.
    pub fn allows(&self, points: Points) -> bool {
        !points.is_negative() && points <= self.max
    }
}

impl Checklist {
    /// Sum of all point maxima (bonus excluded).
    pub fn total(&self) -> Points {
        self.items.iter().map(|i| i.max).sum()
    }

    pub fn point_count(&self) -> usize {
        self.items.iter().map(|i| i.points.len()).sum()
    }

    pub fn point(&self, id: &str) -> Option<&Point> {
        let (i, p, _) = self.point_index.get(id)?;
        Some(&self.items[*i].points[*p])
    }

    /// A point's position among all points in checklist order (the order of
    /// [`Checklist::points`]); records index their values by it.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.point_index.get(id).map(|(_, _, n)| *n)
    }

    /// Every point, in checklist order.
    pub fn points(&self) -> impl Iterator<Item = &Point> {
        self.items.iter().flat_map(|i| i.points.iter())
    }

    pub fn veto(&self, id: &str) -> Option<&Veto> {
        self.vetoes.iter().find(|v| v.id == id)
    }

    pub fn bonus_def(&self, id: &str) -> Option<&Bonus> {
        self.bonus.iter().find(|b| b.id == id)
    }

    /// Whether the pass rule or a derived point needs a survey.
    pub fn requires_survey(&self) -> bool {
        self.pass.min_satisfaction.is_some() || self.points().any(Point::is_derived)
    }

    /// Parses and validates a checklist file; every problem is returned at once.
    pub fn parse(file: Arc<SourceFile>) -> Result<Checklist, Vec<Diagnostic>> {
        let mut sink = Sink::new(file.clone());
        let text = spanned::half_width(&mut sink, &file.text);
        let Some(root) = spanned::parse(&mut sink, &text) else {
            return Err(sink.diagnostics);
        };
        let checklist = read_checklist(&mut sink, &root);
        match checklist {
            Some(c) if !sink.has_errors() => Ok(c),
            _ => Err(sink.into_sorted()),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "title",
    "version",
    "bonus_cap",
    "step",
    "expect",
    "pass",
    "compliance",
    "bands",
    "items",
    "vetoes",
    "bonus",
];

fn read_checklist(sink: &mut Sink, root: &Spanned<DeTable<'_>>) -> Option<Checklist> {
    let mut top = TableReader::new(root.get_ref(), root.span(), both!("the-checklist"));
    let title = top.text(sink, "title", true);
    let version = top.text(sink, "version", false);
    let bonus_cap = top.points(sink, "bonus_cap", false);
    // SPEC §11.1: a top-level step applies to every point without its own, except derived
    // points. It is resolved here, into each point, so the scorer's step check, forms and
    // schemas all see one `Point::step`.
    let default_step = top.get("step").and_then(|n| {
        let s = spanned::points(sink, n, || both!("the-checklist-s-step"))?;
        if s == Points::ZERO {
            sink.error(n.span(), problem!(TheChecklistSStepMustBe));
            return None;
        }
        Some(s)
    });

    let pass = match top.get("pass") {
        Some(node) => read_pass(sink, node),
        None => PassRule::default(),
    };
    let compliance = match top.get("compliance") {
        Some(node) => read_compliance(sink, node),
        None => ComplianceTargets::default(),
    };
    let bands = list(sink, top.get("bands"), "[[bands]]")
        .into_iter()
        .filter_map(|n| read_band(sink, n))
        .collect();

    let mut ids = IdRegistry::default();
    let items_node = top.required(sink, "items");
    let mut items = Vec::new();
    if let Some(node) = items_node {
        let nodes = list(sink, Some(node), "[[items]]");
        if nodes.is_empty() {
            sink.error(node.span(), problem!(TheChecklistHasNoItems));
        }
        for n in nodes {
            if let Some(item) = read_item(sink, n, &mut ids, default_step) {
                items.push(item);
            }
        }
    }
    let vetoes = list(sink, top.get("vetoes"), "[[vetoes]]")
        .into_iter()
        .filter_map(|n| {
            let mut t = TableReader::of(sink, n, both!("a-veto"))?;
            let id = read_id(sink, &mut t, &mut ids, "veto");
            let title = t.text(sink, "title", true);
            t.finish(sink, &["id", "title"]);
            Some(Veto {
                id: id?,
                title: title?,
            })
        })
        .collect();
    let bonus = list(sink, top.get("bonus"), "[[bonus]]")
        .into_iter()
        .filter_map(|n| {
            let mut t = TableReader::of(sink, n, both!("a-bonus"))?;
            let id = read_id(sink, &mut t, &mut ids, "bonus");
            let what = both!("bonus-id", id = id.as_deref().unwrap_or("?"));
            let title = t.text(sink, "title", true);
            let max = positive(sink, &mut t, "max", &what);
            t.finish(sink, &["id", "title", "max"]);
            Some(Bonus {
                id: id?,
                title: title?,
                max: max?,
            })
        })
        .collect();

    let expect = top.get("expect");
    top.finish(sink, TOP_KEYS);

    let point_index = items
        .iter()
        .enumerate()
        .flat_map(|(i, item): (usize, &Item)| {
            item.points
                .iter()
                .enumerate()
                .map(move |(p, point)| (point.id.clone(), i, p))
        })
        .enumerate()
        .map(|(n, (id, i, p))| (id, (i, p, n)))
        .collect();
    let checklist = Checklist {
        title: title?,
        version,
        bonus_cap,
        pass,
        compliance,
        bands,
        items,
        vetoes,
        bonus,
        point_index,
    };
    if let Some(node) = expect {
        check_expect(sink, node, &checklist);
    }
    Some(checklist)
}

/// Ids must be non-empty and unique across items, points, vetoes and bonus.
#[derive(Default)]
struct IdRegistry {
    seen: BTreeMap<String, Text>,
}

fn read_id(
    sink: &mut Sink,
    t: &mut TableReader<'_, '_>,
    ids: &mut IdRegistry,
    what: &str,
) -> Option<String> {
    let node = t.required(sink, "id")?;
    let id = spanned::text(sink, node, || both!("the-id-of", what = Word(what)))?;
    if let Some(first) = ids.seen.get(&id) {
        sink.error(
            node.span(),
            problem!(DuplicateIdAlreadyUsedBy {
                id,
                first: first.clone()
            }),
        );
        return None;
    }
    ids.seen
        .insert(id.clone(), both!("what-id", what = Word(what), id = id));
    Some(id)
}

/// The nodes of an array of tables (`[[items]]`), or an error if it is something else.
fn list<'t, 'a>(
    sink: &mut Sink,
    node: Option<&'t Node<'a>>,
    what: impl Into<Text>,
) -> Vec<&'t Node<'a>> {
    let what = what.into();
    match node.map(|n| (n, n.get_ref())) {
        None => Vec::new(),
        Some((_, DeValue::Array(a))) => a.iter().collect(),
        Some((n, other)) => {
            sink.error(
                n.span(),
                problem!(MustBeAListOfTables {
                    what,
                    kind: Word(spanned::kind(other))
                }),
            );
            Vec::new()
        }
    }
}

fn positive(
    sink: &mut Sink,
    t: &mut TableReader<'_, '_>,
    key: &str,
    what: &Text,
) -> Option<Points> {
    let node = t.required(sink, key)?;
    let value = spanned::points(sink, node, || both!("key-of", key = key, what = what))?;
    if value == Points::ZERO {
        sink.error(node.span(), problem!(OfMustBeGreaterThan0 { key, what }));
        return None;
    }
    Some(value)
}

fn read_pass(sink: &mut Sink, node: &Node<'_>) -> PassRule {
    let Some(mut t) = TableReader::of(sink, node, "[pass]") else {
        return PassRule::default();
    };
    let min_total = t.points(sink, "min_total", false);
    let min_satisfaction = t.rate(sink, "min_satisfaction");
    let min_level = t.get("min_level").and_then(|n| {
        let name = spanned::text(sink, n, || both!("min-level-in-pass"))?;
        let level = Level::from_name(&name);
        if level.is_none() {
            sink.error(
                n.span(),
                problem!(MinLevelMustBeOneOf {
                    name_dbg: format!("{:?}", name)
                }),
            );
        }
        level
    });
    t.finish(sink, &["min_total", "min_satisfaction", "min_level"]);
    PassRule {
        min_total,
        min_satisfaction,
        min_level,
    }
}

fn read_compliance(sink: &mut Sink, node: &Node<'_>) -> ComplianceTargets {
    let Some(mut t) = TableReader::of(sink, node, "[compliance]") else {
        return ComplianceTargets::default();
    };
    let target = t.rate(sink, "target");
    let mut targets = BTreeMap::new();
    if let Some(n) = t.get("targets")
        && let Some(mut tt) = TableReader::of(sink, n, "[compliance.targets]")
    {
        for (period, _, value) in tt.entries() {
            let what = both!("the-target-of-period", period_dbg = format!("{:?}", period));
            if let Some(r) = spanned::rate(sink, value, || what.clone()) {
                targets.insert(period.to_string(), r);
            }
        }
    }
    t.finish(sink, &["target", "targets"]);
    ComplianceTargets { target, targets }
}

fn read_band(sink: &mut Sink, node: &Node<'_>) -> Option<Band> {
    let mut t = TableReader::of(sink, node, both!("a-band"))?;
    let name = t.text(sink, "name", true);
    t.what = both!("band-name", name = name.as_deref().unwrap_or("?"));
    let min_total = t.points(sink, "min_total", true);
    let min_satisfaction = t.rate(sink, "min_satisfaction");
    t.finish(sink, &["name", "min_total", "min_satisfaction"]);
    Some(Band {
        name: name?,
        min_total: min_total?,
        min_satisfaction,
    })
}

fn read_item(
    sink: &mut Sink,
    node: &Node<'_>,
    ids: &mut IdRegistry,
    default_step: Option<Points>,
) -> Option<Item> {
    let mut t = TableReader::of(sink, node, both!("an-item"))?;
    let id = read_id(sink, &mut t, ids, "item");
    t.what = both!("item-id", id = id.as_deref().unwrap_or("?"));
    let title = t.text(sink, "title", true);
    let declared_max = t.get("max").map(|n| (n.span(), n));
    let declared_max = declared_max.and_then(|(span, n)| {
        let what = both!("max-of-item", id = id.as_deref().unwrap_or("?"));
        spanned::points(sink, n, || what.clone()).map(|p| (span, p))
    });
    let mut points = Vec::new();
    if let Some(node) = t.required(sink, "points") {
        let nodes = list(sink, Some(node), "`points`");
        if nodes.is_empty() {
            sink.error(
                node.span(),
                problem!(ItemHasNoPoints {
                    id: id.as_deref().unwrap_or("?")
                }),
            );
        }
        for n in nodes {
            if let Some(p) = read_point(sink, n, ids, default_step) {
                points.push(p);
            }
        }
    }
    t.finish(sink, &["id", "title", "max", "points"]);
    let sum: Points = points.iter().map(|p| p.max).sum();
    if let (Some((span, max)), Some(id)) = (declared_max, &id)
        && max != sum
    {
        sink.error(span, problem!(ItemMaxIsButItsPoints { id, max, sum }));
    }
    Some(Item {
        id: id?,
        title: title?,
        max: sum,
        points,
    })
}

const POINT_KEYS: &[&str] = &[
    "id",
    "title",
    "max",
    "criterion",
    "optional",
    "step",
    "grades",
    "derive",
    "bands",
];

/// Reads a point; `default_step` is the checklist's top-level `step` (SPEC §11.1).
fn read_point(
    sink: &mut Sink,
    node: &Node<'_>,
    ids: &mut IdRegistry,
    default_step: Option<Points>,
) -> Option<Point> {
    let mut t = TableReader::of(sink, node, both!("a-point"))?;
    let id = read_id(sink, &mut t, ids, "point");
    let what = both!("point-id", id = id.as_deref().unwrap_or("?"));
    t.what = what.clone();
    let title = t.text(sink, "title", true);
    let max = positive(sink, &mut t, "max", &what);
    let criterion = t.text(sink, "criterion", false);
    let optional = t.boolean(sink, "optional").unwrap_or(false);
    let step = t.get("step").and_then(|n| {
        let s = spanned::points(sink, n, || both!("step-of", what = what))?;
        if s == Points::ZERO {
            sink.error(n.span(), problem!(StepOfMustBeGreaterThan { what }));
            return None;
        }
        Some(s)
    });
    let own_step = step;
    let step = match step {
        Some(s) => Some(s),
        None if t.get("derive").is_none() => default_step,
        None => None,
    };
    let mut grades = Vec::new();
    if let Some(n) = t.get("grades")
        && let Some(mut g) = TableReader::of(sink, n, both!("the-grades-of", what = what))
    {
        for (name, _, value) in g.entries() {
            let Some(p) = spanned::points(sink, value, || {
                both!("grade-of", name_dbg = format!("{:?}", name), what = what)
            }) else {
                continue;
            };
            if let Some(max) = max
                && p > max
            {
                sink.error(
                    value.span(),
                    problem!(GradeOfGivesAboveItsMax {
                        name_dbg: format!("{:?}", name),
                        what,
                        p,
                        max
                    }),
                );
            }
            if name == "na" {
                sink.error(value.span(), problem!(NaCannotBeAGradeName { what }));
            }
            grades.push((name.to_string(), p));
        }
        if grades.is_empty() {
            sink.error(n.span(), problem!(GradesIsEmpty { what }));
        }
    }
    grades.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));

    if let (Some(step), Some(max)) = (step, max)
        && !max.is_multiple_of(step)
    {
        sink.error(t.span(), problem!(ItsMaxIsNotAMultiple { what, max, step }));
    }
    if let Some(step) = step {
        for (name, p) in &grades {
            if !p.is_multiple_of(step) {
                sink.error(
                    t.span(),
                    problem!(GradeGivesNotAMultipleOf {
                        what,
                        name_dbg: format!("{:?}", name),
                        p,
                        step
                    }),
                );
            }
        }
    }
    let derive = t.get("derive").and_then(|n| {
        let kind = spanned::text(sink, n, || both!("derive-of", what = what))?;
        if kind != "satisfaction" {
            sink.error(
                n.span(),
                problem!(DeriveOfMustBeSatisfactionNot {
                    what,
                    kind_dbg: format!("{:?}", kind)
                }),
            );
            return None;
        }
        Some(n.span())
    });
    let bands_node = t.get("bands");
    let derive = match (derive, bands_node) {
        (Some(span), Some(b)) => Some(read_derive_bands(sink, b, max, &what, span)),
        (Some(span), None) => {
            sink.error(span, problem!(IsDerivedButHasNoBands { what }));
            None
        }
        (None, Some(b)) => {
            sink.error(b.span(), problem!(HasBandsButNoDeriveSatisfaction { what }));
            None
        }
        (None, None) => None,
    };
    if derive.is_some() && (optional || !grades.is_empty() || own_step.is_some()) {
        sink.error(t.span(), problem!(IsDerivedFromTheSurveyIt { what }));
    }
    t.finish(sink, POINT_KEYS);
    Some(Point {
        id: id?,
        title: title?,
        max: max?,
        criterion,
        optional,
        step,
        grades,
        derive,
    })
}

fn read_derive_bands(
    sink: &mut Sink,
    node: &Node<'_>,
    max: Option<Points>,
    what: &Text,
    _derive_span: Range<usize>,
) -> Vec<DeriveBand> {
    let mut bands: Vec<DeriveBand> = Vec::new();
    for n in list(sink, Some(node), &both!("the-bands-of", what = what)) {
        let Some(mut t) = TableReader::of(sink, n, both!("a-band-of", what = what)) else {
            continue;
        };
        let min = t.required(sink, "min").and_then(|m| {
            spanned::rate(sink, m, || both!("min-of-a-band-of", what = what)).map(|r| (r, m.span()))
        });
        let points = t.points(sink, "points", true);
        t.finish(sink, &["min", "points"]);
        let (Some((min, min_span)), Some(points)) = (min, points) else {
            continue;
        };
        if let Some(max) = max
            && points > max
        {
            sink.error(
                n.span(),
                problem!(ABandOfGivesAboveIts { what, points, max }),
            );
        }
        if let Some(prev) = bands.last()
            && min >= prev.min
        {
            sink.error(
                min_span,
                problem!(TheBandsOfMustHaveDescending {
                    what,
                    min: min.percent(),
                    prev: prev.min.percent()
                }),
            );
        }
        bands.push(DeriveBand { min, points });
    }
    if bands.is_empty() {
        sink.error(node.span(), problem!(BandsIsEmptySoThePoint { what }));
    }
    bands
}

fn check_expect(sink: &mut Sink, node: &Node<'_>, checklist: &Checklist) {
    let Some(mut t) = TableReader::of(sink, node, "[expect]") else {
        return;
    };
    let mut count = |t: &mut TableReader<'_, '_>, key: &str, actual: usize, noun: &str| {
        let Some(n) = t.get(key) else { return };
        let Some(expected) = spanned::integer(sink, n, || both!("in-expect", key = key)) else {
            return;
        };
        if expected != actual as i64 {
            sink.error(
                n.span(),
                problem!(ExpectSaysButTheChecklistHas {
                    expected,
                    noun: Word(noun),
                    actual
                }),
            );
        }
    };
    count(&mut t, "items", checklist.items.len(), "items");
    count(&mut t, "points", checklist.point_count(), "points");
    if let Some(n) = t.get("total")
        && let Some(expected) = spanned::points(sink, n, || both!("total-in-expect"))
    {
        let actual = checklist.total();
        if expected != actual {
            sink.error(
                n.span(),
                problem!(ExpectSaysATotalOfPoints { expected, actual }),
            );
        }
    }
    t.finish(sink, &["items", "points", "total"]);
}
