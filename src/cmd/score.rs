//! `audit score`: one row per record.

use crate::app::{self, Output};
use crate::cmd::scope::{self, Filters, Scope};
use crate::render::ScoreReport;
use crate::score::{Detail, LevelChoice, Status};

pub struct Config {
    pub scope: Scope,
    pub filters: Filters,
    /// One column per checklist item.
    pub items: bool,
    pub level: LevelChoice,
    /// Only records with these statuses (all when empty).
    pub status: Vec<Status>,
    pub output: Output,
}

pub fn run(config: &Config) -> app::Result<()> {
    let loaded = scope::load_or_report(&config.scope, &config.filters)?;
    let records = config.filters.records(&loaded.records);
    let mut scored = scope::score_all(loaded.checklists(), &records, config.level, Detail::Items);
    if !config.status.is_empty() {
        scored.retain(|s| config.status.contains(&s.status));
    }
    let report = ScoreReport {
        checklist: &loaded.checklist,
        records: &scored,
        items: config.items,
    };
    app::emit_with(&config.output, &loaded.checklist, |r, out| {
        r.scores(&report, out)
    })?;
    app::invalid_if(loaded.has_errors())
}
