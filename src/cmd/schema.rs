//! `audit schema`: JSON Schemas for editors.

use std::path::PathBuf;

use crate::app;
use crate::author::schema;
use crate::cli::SchemaKind;

pub struct Config {
    pub kind: SchemaKind,
    /// The checklist to use instead of the root's (for the record schema).
    pub checklist: Option<PathBuf>,
    /// The record schema of the checklist covering this period (SPEC §11.11).
    pub period: Option<String>,
    /// The records root, or a folder inside it.
    pub dir: PathBuf,
}

pub fn run(config: &Config) -> app::Result<()> {
    let value = match config.kind {
        SchemaKind::Checklist => schema::checklist_schema(),
        SchemaKind::Record => {
            let (_, versions) = app::versions_at(&config.dir, config.checklist.as_deref())?;
            let checklist = match &config.period {
                Some(period) => app::checklist_for_period(&versions, period)?,
                None => &versions.current,
            };
            schema::record_schema(checklist)
        }
    };
    app::write_stdout((serde_json::to_string_pretty(&value)? + "\n").as_bytes())
}
