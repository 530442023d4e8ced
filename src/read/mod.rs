//! Reading: files → checklist, records and roster, every problem a [`Diagnostic`].
//!
//! [`spanned`] is the TOML reader that keeps positions; [`checklist`], [`record`] and
//! [`roster`] build the model from it ([`register`] reads the benchmark register); [`load`] reads a whole records root; [`workbook`] reads
//! a spreadsheet file into cells and [`grid`] turns them into record values; [`problem`]
//! declares what they can say is wrong.
//!
//! [`Diagnostic`]: crate::diagnostic::Diagnostic

// First: its `problem!` macro is used by the readers below.
#[macro_use]
pub mod problem;

pub mod checklist;
pub mod grid;
pub mod load;
pub mod record;
pub mod register;
pub mod roster;
pub mod spanned;
pub mod workbook;
