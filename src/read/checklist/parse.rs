//! Reading a checklist file into a [`Checklist`]: its structure, ids, maxima, grades, bands
//! and `[expect]` checked, every problem reported with its position, in one pass.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::read::spanned::{Document, TomlValue};

use crate::diagnostic::{Diagnostic, SourceFile};
use crate::i18n::{Text, Word};
use crate::points::Points;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::bonus::{Kind, read_bonus_list};
use super::item::{check_weights, read_item};
use super::*;

impl Checklist {
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
    "scale",
    "expect",
    "pass",
    "compliance",
    "bands",
    "items",
    "vetoes",
    "bonus",
    "penalty_cap",
    "penalties",
    "measures",
    "periods",
    "combine",
    "benchmark",
];

fn read_checklist(sink: &mut Sink, root: &Document<'_>) -> Option<Checklist> {
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

    // SPEC §11.4: the full mark of a weighted checklist.
    let scale = top.get("scale").and_then(|n| {
        let what = both!("the-checklist");
        let s = spanned::points(sink, n, || both!("key-of", key = "scale", what = what))?;
        if s <= Points::ZERO {
            sink.error(
                n.span(),
                problem!(OfMustBeGreaterThan0 { key: "scale", what }),
            );
            return None;
        }
        Some((n.span(), s))
    });

    let pass = match top.get("pass") {
        Some(node) => read_pass(sink, node),
        None => PassRule::default(),
    };
    let combine = top
        .get("combine")
        .and_then(|n| super::combine::read_combine(sink, n, pass.min_level.is_some()));
    let compliance = match top.get("compliance") {
        Some(node) => read_compliance(sink, node),
        None => ComplianceTargets::default(),
    };
    let bands: Vec<Band> = list(sink, top.get("bands"), "[[bands]]")
        .into_iter()
        .filter_map(|n| read_band(sink, n))
        .collect();
    let benchmark_min_band = top
        .get("benchmark")
        .and_then(|n| read_benchmark(sink, n, &bands));

    let mut ids = IdRegistry::default();
    // Measures first, so that a point's `derive = "M1"` can be checked against them.
    let measures: Vec<Measure> = list(sink, top.get("measures"), "[[measures]]")
        .into_iter()
        .filter_map(|n| {
            let mut t = TableReader::of(sink, n, both!("a-measure"))?;
            let id = read_id(sink, &mut t, &mut ids, "measure");
            let title = t.text(sink, "title", true);
            t.finish(sink, &["id", "title"]);
            Some(Measure {
                id: id?,
                title: title?,
            })
        })
        .collect();
    ids.measures = measures.iter().map(|m| m.id.clone()).collect();
    let items_node = top.required(sink, "items");
    let mut items = Vec::new();
    let mut weight_spans = Vec::new();
    if let Some(node) = items_node {
        let nodes = list(sink, Some(node), "[[items]]");
        if nodes.is_empty() {
            sink.error(node.span(), problem!(TheChecklistHasNoItems));
        }
        for n in nodes {
            if let Some((item, span)) = read_item(sink, n, &mut ids, default_step) {
                items.push(item);
                weight_spans.push(span);
            }
        }
    }
    let scale = check_weights(sink, &items, &weight_spans, scale);
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
    let bonus = read_bonus_list(sink, top.get("bonus"), &mut ids, Kind::Bonus);
    let penalty_cap = top.points(sink, "penalty_cap", false);
    let penalties = read_bonus_list(sink, top.get("penalties"), &mut ids, Kind::Penalty);

    let expect = top.get("expect");
    let (periods, version_node) = (top.get("periods"), top.get("version"));
    let versioning = super::versions::read_versioning(sink, periods, version_node);
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
        scale,
        pass,
        compliance,
        bands,
        items,
        vetoes,
        bonus,
        penalty_cap,
        penalties,
        measures,
        combine,
        point_index,
        versioning,
        benchmark_min_band,
    };
    if let Some(node) = expect {
        check_expect(sink, node, &checklist);
    }
    Some(checklist)
}

/// `[benchmark]` (SPEC §12.4): `min_band`, the band a named benchmark branch must keep, as its
/// place in the checklist's band order.
fn read_benchmark(sink: &mut Sink, node: &Node<'_>, bands: &[Band]) -> Option<usize> {
    let mut t = TableReader::of(sink, node, "[benchmark]")?;
    let min_band = t.get("min_band");
    t.finish(sink, &["min_band"]);
    let node = min_band?;
    let name = spanned::text(sink, node, || {
        both!("key-in", key = "min_band", what = "[benchmark]")
    })?;
    let place = bands.iter().position(|b| b.name == name);
    if place.is_none() {
        let known: Vec<&str> = bands.iter().map(|b| b.name.as_str()).collect();
        sink.error(
            node.span(),
            problem!(MinBandIsNotABand {
                band: name,
                known: known.join(", ")
            }),
        );
    }
    place
}

/// Ids must be non-empty and unique across items, points, vetoes and bonus.
#[derive(Default)]
pub(super) struct IdRegistry {
    seen: BTreeMap<String, Text>,
    /// The checklist's measure ids, which `derive` may name (SPEC §11.7).
    pub(super) measures: Vec<String>,
}

pub(super) fn read_id(
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
pub(super) fn list<'t, 'a>(
    sink: &mut Sink,
    node: Option<&'t Node<'a>>,
    what: impl Into<Text>,
) -> Vec<&'t Node<'a>> {
    let what = what.into();
    match node.map(|n| (n, n.get_ref())) {
        None => Vec::new(),
        Some((_, TomlValue::Array(a))) => a.iter().collect(),
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

pub(super) fn positive(
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
    let min_item = t.rate(sink, "min_item");
    t.finish(
        sink,
        &["min_total", "min_satisfaction", "min_level", "min_item"],
    );
    PassRule {
        min_total,
        min_satisfaction,
        min_level,
        min_item,
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
    let min_total = t.points(sink, "min_total", false);
    let min_satisfaction = t.rate(sink, "min_satisfaction");
    let status = t.get("status").and_then(|n| {
        let word = spanned::text(sink, n, || both!("key-in", key = "status", what = t.what))?;
        match word.as_str() {
            "pass" => Some(BandStatus::Pass),
            "fail" => Some(BandStatus::Fail),
            _ => {
                sink.error(
                    n.span(),
                    problem!(BandStatusMustBePassOrFail {
                        what: t.what,
                        word_dbg: format!("{word:?}")
                    }),
                );
                None
            }
        }
    });
    t.finish(sink, &["name", "min_total", "min_satisfaction", "status"]);
    Some(Band {
        name: name?,
        min_total,
        min_satisfaction,
        status,
    })
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
