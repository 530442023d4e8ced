//! `audit schema`: JSON Schemas for editors.

use std::path::PathBuf;

use crate::app;
use crate::author::schema;
use crate::cli::SchemaKind;

pub struct Config {
    pub kind: SchemaKind,
    /// The checklist to use instead of the root's (for the record schema).
    pub checklist: Option<PathBuf>,
    /// The records root, or a folder inside it.
    pub dir: PathBuf,
}

pub fn run(config: &Config) -> app::Result<()> {
    let value = match config.kind {
        SchemaKind::Checklist => schema::checklist_schema(),
        SchemaKind::Record => {
            let (_, checklist) = app::checklist_at(&config.dir, config.checklist.as_deref())?;
            schema::record_schema(&checklist)
        }
    };
    app::write_stdout((serde_json::to_string_pretty(&value)? + "\n").as_bytes())
}
