//! Authoring: blank forms and scaffolding ([`form`]), editor schemas ([`schema`]), and the
//! record files `audit import` writes from a sheet ([`apply`]).

pub mod apply;
mod checklist_schema;
pub mod form;
mod form_rules;
pub mod schema;
