//! Reading `[[bonus]]` and `[[penalties]]` (SPEC §3, §11.5): one shape for both, an id
//! unique among all ids, a title, an optional `per` (points per occurrence) and a `max`,
//! which may be left out only when `per` is given.

use crate::i18n::Text;
use crate::points::Points;
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::Bonus;
use super::parse::{IdRegistry, list, read_id};

/// Which list is read: the words its messages use.
#[derive(Clone, Copy)]
pub(super) enum Kind {
    Bonus,
    Penalty,
}

impl Kind {
    fn header(self) -> &'static str {
        match self {
            Kind::Bonus => "[[bonus]]",
            Kind::Penalty => "[[penalties]]",
        }
    }

    fn what(self, id: Option<&str>) -> Text {
        let id = id.unwrap_or("?");
        match self {
            Kind::Bonus => both!("bonus-id", id = id),
            Kind::Penalty => both!("penalty-id", id = id),
        }
    }
}

/// The entries of `[[bonus]]` or `[[penalties]]`, every problem reported.
pub(super) fn read_bonus_list(
    sink: &mut Sink,
    node: Option<&Node<'_>>,
    ids: &mut IdRegistry,
    kind: Kind,
) -> Vec<Bonus> {
    list(sink, node, kind.header())
        .into_iter()
        .filter_map(|n| read_one(sink, n, ids, kind))
        .collect()
}

fn read_one(sink: &mut Sink, node: &Node<'_>, ids: &mut IdRegistry, kind: Kind) -> Option<Bonus> {
    let header = match kind {
        Kind::Bonus => both!("a-bonus"),
        Kind::Penalty => both!("a-penalty"),
    };
    let mut t = TableReader::of(sink, node, header)?;
    let word = match kind {
        Kind::Bonus => "bonus",
        Kind::Penalty => "penalty",
    };
    let id = read_id(sink, &mut t, ids, word);
    let what = kind.what(id.as_deref());
    t.what = what.clone();
    let title = t.text(sink, "title", true);
    let per_given = t.get("per").is_some();
    let per = optional_positive(sink, &mut t, "per", &what);
    // With `per`, `max` is an optional cap; without, the record writes points up to it.
    let max = if per_given {
        optional_positive(sink, &mut t, "max", &what)
    } else {
        super::parse::positive(sink, &mut t, "max", &what)
    };
    t.finish(sink, &["id", "title", "per", "max"]);
    if per.is_none() && max.is_none() {
        return None;
    }
    Some(Bonus {
        id: id?,
        title: title?,
        max,
        per,
    })
}

/// An optional key that, when given, must be points greater than 0.
fn optional_positive(
    sink: &mut Sink,
    t: &mut TableReader<'_, '_>,
    key: &str,
    what: &Text,
) -> Option<Points> {
    let node = t.get(key)?;
    let value = spanned::points(sink, node, || both!("key-of", key = key, what = what))?;
    if value == Points::ZERO {
        sink.error(node.span(), problem!(OfMustBeGreaterThan0 { key, what }));
        return None;
    }
    Some(value)
}
