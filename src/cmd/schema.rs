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
    /// Write here instead of standard output (`record.<version>.schema.json` for `new`).
    pub output: Option<PathBuf>,
    /// Overwrite the output file.
    pub force: bool,
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
    let text = serde_json::to_string_pretty(&value)? + "\n";
    app::write_output(config.output.as_deref(), text.as_bytes(), config.force)
}
