//! Reading a record's `[bonus]` and `[penalties]` tables, at the top or in a level
//! (`[acceptance.bonus]`, SPEC §11.10): each id known to the checklist, each value points
//! (0 to its max) or, for an entry with `per`, a whole count ≥ 0 (SPEC §11.5).

use std::collections::BTreeMap;

use crate::points::Points;
use crate::read::checklist::{Bonus, Checklist, Level};
use crate::read::spanned::{self, Node, Sink, TableReader};

use super::parse::unknown_id;

/// Which table is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Bonus,
    Penalty,
}

impl Kind {
    /// The kind of a level's key that names one of its own tables.
    pub(super) fn of_key(key: &str) -> Option<Kind> {
        match key {
            "bonus" => Some(Kind::Bonus),
            "penalties" => Some(Kind::Penalty),
            _ => None,
        }
    }

    fn defs(self, checklist: &Checklist) -> &[Bonus] {
        match self {
            Kind::Bonus => &checklist.bonus,
            Kind::Penalty => &checklist.penalties,
        }
    }
}

/// Id → the value written, in checklist order; every problem reported. `level` is the
/// level whose own table it is, if any.
pub(super) fn read_given(
    sink: &mut Sink,
    node: &Node<'_>,
    checklist: &Checklist,
    kind: Kind,
    level: Option<Level>,
) -> Vec<(String, Points)> {
    let name = match kind {
        Kind::Bonus => "bonus",
        Kind::Penalty => "penalties",
    };
    let header = match level {
        Some(l) => format!("[{l}.{name}]"),
        None => format!("[{name}]"),
    };
    let Some(mut t) = TableReader::of(sink, node, header) else {
        return Vec::new();
    };
    let defs = kind.defs(checklist);
    let mut given = BTreeMap::new();
    for (id, key_span, value) in t.entries() {
        let Some(def) = defs.iter().find(|b| b.id == id) else {
            let word = match kind {
                Kind::Bonus => "bonus",
                Kind::Penalty => "penalty",
            };
            sink.error(key_span, unknown_id(word, id, defs.iter().map(|b| &b.id)));
            continue;
        };
        let what = || match kind {
            Kind::Bonus => both!("bonus-id", id = id),
            Kind::Penalty => both!("penalty-id", id = id),
        };
        let Some(p) = spanned::points(sink, value, what) else {
            continue;
        };
        if !def.allows(p) {
            let problem = match (def.per, def.max, kind) {
                (Some(per), _, _) => problem!(CountMustBeWhole {
                    what: what(),
                    per,
                    value: p
                }),
                (None, Some(max), Kind::Bonus) => problem!(BonusExceedsItsMax { id, p, max }),
                (None, max, Kind::Penalty) => problem!(ValueExceedsItsMax {
                    what: what(),
                    value: p,
                    max: max.unwrap_or(Points::ZERO)
                }),
                (None, None, Kind::Bonus) => continue,
            };
            sink.error(value.span(), problem);
            continue;
        }
        given.insert(id.to_string(), p);
    }
    defs.iter()
        .filter_map(|b| given.get(&b.id).map(|p| (b.id.clone(), *p)))
        .collect()
}
