//! `audit` scores assessment records kept as plain TOML files against a checklist.
//!
//! The pipeline, one module per stage:
//!
//! find files ([`discover`]) → parse ([`doc`], [`checklist`], [`record`], [`roster`], via
//! [`load`]) → validate (in the same readers, into [`diagnostic`]s) → score ([`score`], on
//! the exact numbers of [`points`]) → aggregate ([`compliance`], [`views`]) → render ([`render`]).
//!
//! Authoring: blank forms and scaffolding ([`form`]), the office spreadsheet ([`sheet`]) and
//! editor schemas ([`schema`]).
//!
//! The core never prints: everything up to [`render`] returns data. [`run`] and
//! [`authoring`] are the edge that reads flags ([`cli`]), writes output ([`output`]) and
//! chooses the exit code.

#[macro_use]
pub mod i18n;

pub mod aggregate;
pub mod app;
pub mod author;
pub mod cli;
pub mod cmd;
pub mod diagnostic;
pub mod discover;
pub mod fence;
pub mod git;
pub mod output;
pub mod points;
pub mod read;
pub mod render;
pub mod score;

/// The reference checklist of the grass-roots Party branch standardisation programme,
/// embedded so that `audit init` can start a records root without any other file.
pub const REFERENCE_CHECKLIST: &str = include_str!("../checklist.toml");

/// The same checklist in Chinese, written by `audit --lang zh init`: the same ids, maxima,
/// steps and rules, with Chinese titles, criteria, grade names (好/较好/一般/差) and bands
/// (优秀/良好/合格), so a record scores the same under either.
pub const REFERENCE_CHECKLIST_ZH: &str = include_str!("../checklist.zh.toml");

/// The reference checklist in the interface language.
pub fn reference_checklist() -> &'static str {
    if i18n::zh() {
        REFERENCE_CHECKLIST_ZH
    } else {
        REFERENCE_CHECKLIST
    }
}
