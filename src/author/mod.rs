//! Authoring: blank forms and scaffolding ([`form`]), editor schemas ([`schema`]), and the
//! record files `audit import` writes from a sheet ([`apply`]).

pub mod apply;
pub mod form;
pub mod schema;
