//! `audit diff`: what changed between two states of the records.

use std::path::PathBuf;

use crate::aggregate::diff;
use crate::app::{self, Error, IfInvalid, Output};
use crate::cmd::scope::{self, Filters, Scope};
use crate::diagnostic::Diagnostic;
use crate::i18n::tr;
use crate::read::load::Loaded;
use crate::score::{Detail, LevelChoice};

pub struct Config {
    /// The earlier state [default: HEAD].
    pub from: Option<String>,
    /// The later state [default: the working tree].
    pub to: Option<String>,
    /// List unchanged records too.
    pub all: bool,
    /// The records root, or a folder inside it.
    pub dir: PathBuf,
    pub filters: Filters,
    pub output: Output,
}

pub fn run(config: &Config) -> app::Result<()> {
    let Config {
        from,
        to,
        all,
        dir,
        filters,
        output,
    } = config;
    let from = from.as_deref().unwrap_or("HEAD");
    let to = to.as_deref();
    let load_state = |rev: Option<&str>| -> app::Result<Loaded> {
        let scope = Scope {
            paths: vec![dir.clone()],
            checklist: None,
            at: rev.map(str::to_string),
        };
        scope::load(
            &scope,
            IfInvalid::Fail(t!(
                "the-checklist-of-is-invalid",
                rev = rev.map_or_else(|| tr("the-working-tree"), str::to_string)
            )),
        )
    };
    let before = load_state(Some(from))?;
    let after = load_state(to)?;
    scope::check_filters(&[&before, &after], filters)?;
    let after_name = to.map_or_else(|| tr("the-working-tree"), str::to_string);
    // An invalid record would read as "removed" (and its branch as missing) on its side of
    // the diff: the comparison is not written until both states read cleanly.
    let mut refused = false;
    for (state, name) in [(&before, from), (&after, after_name.as_str())] {
        let invalid: Vec<&str> = scope::invalid_in_scope(state, filters)
            .into_iter()
            .map(|i| i.file.as_str())
            .collect();
        if !invalid.is_empty() {
            let errors: Vec<Diagnostic> = state
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .cloned()
                .collect();
            app::print_diagnostics_only(&errors);
            crate::output::tell(format_args!(
                "{}",
                t!(
                    "the-diff-was-not-written-has",
                    name = name,
                    n = invalid.len(),
                    files = invalid.join(", ")
                )
            ));
            refused = true;
        }
    }
    if refused {
        return Err(Error::Reported);
    }
    let (rb, ra) = (
        filters.records(&before.records),
        filters.records(&after.records),
    );
    let sb = scope::score_all(
        before.checklists(),
        &rb,
        LevelChoice::Effective,
        Detail::Items,
    );
    let sa = scope::score_all(
        after.checklists(),
        &ra,
        LevelChoice::Effective,
        Detail::Items,
    );
    let (cb, ca) = (
        scope::compliance_rows(&before, filters, &sb),
        scope::compliance_rows(&after, filters, &sa),
    );
    let d = diff::diff(&sb, &sa, &cb, &ca, *all);
    app::emit_with(output, &after.checklist, |r, out| r.diff(&d, out))
}
