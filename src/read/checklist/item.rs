//! Reading an item of the checklist: its points, its declared max, and the item rules of
//! SPEC §11.3–11.4 (`min`, `floor`, `weight`), each checked where it is written; and the
//! check that weights are given to every item or none and sum to 100 %.

use std::ops::Range;

use crate::read::spanned::TomlValue;

use crate::i18n::Text;
use crate::points::{Points, Rate, sum_of_rates};
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::parse::{IdRegistry, list, read_id};
use super::point::read_point;
use super::*;

/// Reads an item; with it, the span where its weight is (or would be) written.
pub(super) fn read_item(
    sink: &mut Sink,
    node: &Node<'_>,
    ids: &mut IdRegistry,
    default_step: Option<Points>,
) -> Option<(Item, Range<usize>)> {
    let mut t = TableReader::of(sink, node, both!("an-item"))?;
    let t_span = t.span();
    let id = read_id(sink, &mut t, ids, "item");
    t.what = both!("item-id", id = id.as_deref().unwrap_or("?"));
    let title = t.text(sink, "title", true);
    let declared_max = t.get("max").map(|n| (n.span(), n));
    let declared_max = declared_max.and_then(|(span, n)| {
        let what = both!("max-of-item", id = id.as_deref().unwrap_or("?"));
        spanned::points(sink, n, || what.clone()).map(|p| (span, p))
    });
    let floor_item = read_floor(sink, &mut t);
    let min = t
        .get("min")
        .map(|n| (n.span(), read_item_min(sink, n, &t.what)));
    let weight = t.get("weight").and_then(|n| {
        let what = t.what.clone();
        let w = spanned::rate(sink, n, || both!("key-of", key = "weight", what = what))?;
        if w == Rate::ratio(0, 1) {
            sink.error(
                n.span(),
                problem!(OfMustBeGreaterThan0 {
                    key: "weight",
                    what: t.what
                }),
            );
            return None;
        }
        Some((n.span(), w))
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
            if let Some(p) = read_point(sink, n, ids, default_step, floor_item) {
                points.push(p);
            }
        }
    }
    t.finish(sink, ITEM_KEYS);
    let sum: Points = points.iter().map(|p| p.max).sum();
    if let (Some((span, max)), Some(id)) = (declared_max, &id)
        && max != sum
    {
        sink.error(span, problem!(ItemMaxIsButItsPoints { id, max, sum }));
    }
    if let (Some((span, Some(ItemMin::Points(min)))), Some(id)) = (&min, &id)
        && *min > sum
        && !points.is_empty()
    {
        sink.error(
            span.clone(),
            problem!(ItemMinAboveMax {
                id,
                min: *min,
                max: sum
            }),
        );
    }
    Some(Item {
        id: id?,
        title: title?,
        max: sum,
        points,
        min: min.and_then(|(_, m)| m),
        floor_item,
        weight: weight.as_ref().map(|(_, w)| *w),
    })
    .map(|item| (item, weight.map_or(t_span, |(s, _)| s)))
}

const ITEM_KEYS: &[&str] = &["id", "title", "max", "min", "floor", "weight", "points"];

/// `floor = "item"` (SPEC §11.3) or `"point"`, the default.
fn read_floor(sink: &mut Sink, t: &mut TableReader<'_, '_>) -> bool {
    let Some(n) = t.get("floor") else {
        return false;
    };
    let what = t.what.clone();
    match spanned::text(sink, n, || both!("key-of", key = "floor", what = what)) {
        Some(f) if f == "item" => true,
        Some(f) if f == "point" => false,
        Some(f) => {
            sink.error(
                n.span(),
                problem!(FloorMustBeItemOrPoint {
                    what: t.what,
                    got_dbg: format!("{f:?}")
                }),
            );
            false
        }
        None => false,
    }
}

/// An item's `min`: a number of points (`12`, more than 0) or a rate (`"60%"`).
fn read_item_min(sink: &mut Sink, n: &Node<'_>, what: &Text) -> Option<ItemMin> {
    let label = || both!("key-of", key = "min", what = what);
    let min = match n.get_ref() {
        TomlValue::String(_) => ItemMin::Share(spanned::rate(sink, n, label)?),
        _ => ItemMin::Points(spanned::points(sink, n, label)?),
    };
    if matches!(min, ItemMin::Points(p) if p <= Points::ZERO)
        || matches!(min, ItemMin::Share(r) if r == Rate::ratio(0, 1))
    {
        sink.error(
            n.span(),
            problem!(OfMustBeGreaterThan0 { key: "min", what }),
        );
        return None;
    }
    Some(min)
}

/// SPEC §11.4: if any item has a weight, every item must, and they sum to exactly 100 %;
/// `scale` needs weights. The checklist's scale: `Some` exactly when it is weighted.
pub(super) fn check_weights(
    sink: &mut Sink,
    items: &[Item],
    spans: &[Range<usize>],
    scale: Option<(Range<usize>, Points)>,
) -> Option<Points> {
    let weighted: Vec<(&Item, &Range<usize>)> = items
        .iter()
        .zip(spans)
        .filter(|(i, _)| i.weight.is_some())
        .collect();
    if weighted.is_empty() {
        if let Some((span, _)) = scale {
            sink.error(span, problem!(ScaleWithoutWeights));
        }
        return None;
    }
    for (item, span) in items.iter().zip(spans).filter(|(i, _)| i.weight.is_none()) {
        sink.error(span.clone(), problem!(ItemLacksWeight { id: &item.id }));
    }
    let sum = sum_of_rates(weighted.iter().filter_map(|(i, _)| i.weight));
    if sum != Rate::ratio(1, 1) {
        sink.error(
            weighted[0].1.clone(),
            problem!(ItemWeightsSumTo {
                sum: sum.exact_text()
            }),
        );
    }
    Some(scale.map_or(Points::whole(100), |(_, s)| s))
}
