//! Authoring: blank forms and scaffolding ([`form`]) and editor schemas ([`schema`]).

pub mod form;
pub mod schema;
