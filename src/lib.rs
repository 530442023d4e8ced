//! `audit` scores assessment records kept as plain TOML files against a checklist.
//!
//! The pipeline, one folder per stage:
//!
//! find files ([`discover`]) → read ([`read`]: the spanned TOML reader, the checklist, the
//! records, the roster, the office spreadsheet; every problem a [`diagnostic`]) → score
//! ([`score`], on the exact numbers of [`points`]) → aggregate ([`aggregate`]: compliance,
//! views, diff, the gates of `check`) → render ([`render`], one file per format).
//!
//! Authoring: blank forms, scaffolding and editor schemas ([`author`]).
//!
//! The core never prints: everything up to [`render`] returns data. The edge is [`cmd`], one
//! file per subcommand, which turns the flags of [`cli`] into a configuration once, over
//! [`app`]: one error type and its exit code, loading or reporting why not, and writing
//! output through [`output`].

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

#[cfg(test)]
mod layers;

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
