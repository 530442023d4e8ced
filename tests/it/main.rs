//! The integration tests: one binary, with a harness that writes fixtures into a temp dir,
//! runs the real `audit` binary and checks stdout, stderr and the exit code together.

mod harness;
mod json;

mod authoring;
mod authoring_v2;
mod browser;
mod campaign_progress;
mod campaign_rect;
mod campaign_register;
mod check;
mod chinese;
mod combine;
mod core;
mod edges;
mod example_checklists;
mod examples;
mod explain;
mod explain_json;
mod git;
mod import;
mod items;
mod lang;
mod mutations;
mod output;
mod outputs_v2;
mod outside_tools;
mod properties;
mod properties_rules;
mod regressions;
mod report;
mod score;
mod security;
mod totals;
mod values;
mod versions;
mod views;
