//! Aggregating scored records: compliance rates, the report's views, the difference between
//! two revisions, the gates of `check`, rectification tasks judged on a day, the benchmark
//! register's states.

pub mod compliance;
pub mod diff;
pub mod gates;
pub mod progress;
pub mod rectification;
pub mod register;
pub mod views;
