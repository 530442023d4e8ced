//! Aggregating scored records: compliance rates, the report's views, the difference between
//! two revisions.

pub mod compliance;
pub mod diff;
pub mod views;
