//! `[combine]` (SPEC §11.9): level weights such as 自评30% + 考核70%. A combined record is
//! scored from each weighted level's base; this reads and checks the weights.

use crate::points::{Rate, sum_of_rates};
use crate::read::spanned::{Node, Sink, TableReader};

use super::Level;

/// Reads `[combine]`: level name → rate, each > 0, summing to exactly 100 %, in level order.
/// `min_level` is set in `[pass]`: the two exclude each other.
pub(super) fn read_combine(
    sink: &mut Sink,
    node: &Node<'_>,
    min_level: bool,
) -> Option<Vec<(Level, Rate)>> {
    let mut t = TableReader::of(sink, node, "[combine]")?;
    let span = t.span();
    let mut weights = Vec::new();
    for level in Level::ALL {
        let Some(n) = t.get(level.name()) else {
            continue;
        };
        let what = both!(
            "the-weight-of-level",
            level = crate::i18n::Word(level.name())
        );
        let Some(w) = crate::read::spanned::rate(sink, n, || what.clone()) else {
            continue;
        };
        if w == Rate::ratio(0, 1) {
            sink.error(
                n.span(),
                problem!(OfMustBeGreaterThan0 {
                    key: level.name(),
                    what: both!(
                        "the-weight-of-level",
                        level = crate::i18n::Word(level.name())
                    )
                }),
            );
            continue;
        }
        weights.push((level, w));
    }
    t.finish(sink, &["self", "review", "acceptance"]);
    let sum = sum_of_rates(weights.iter().map(|(_, w)| *w));
    if sum != Rate::ratio(1, 1) {
        sink.error(
            span.clone(),
            problem!(CombineWeightsSumTo {
                sum: sum.exact_text()
            }),
        );
    }
    if min_level {
        sink.error(span, problem!(CombineWithMinLevel));
    }
    Some(weights)
}
