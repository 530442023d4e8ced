//! JSON Schemas for editors (`audit schema checklist|record`).
//!
//! Editors that understand TOML schemas (taplo, Even Better TOML) read a `#:schema` line at
//! the top of a file and then complete keys and flag mistakes while typing. The record schema
//! is generated from the checklist, so it knows the point ids, each point's max, step, grades
//! and whether "na" is allowed. A schema cannot say everything `audit check` does (at most two
//! decimals, satisfied ≤ surveyed, duplicates across files): `audit check` stays the judge.

use serde_json::{Map, Value, json};

use crate::points::Points;
use crate::read::checklist::{Bonus, Checklist, Point};
use crate::read::record::Level;

pub use super::checklist_schema::checklist_schema;

pub(super) const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The schema of a record for this checklist.
pub fn record_schema(checklist: &Checklist) -> Value {
    let mut points = Map::new();
    let mut defs = Map::new();
    for (n, point) in checklist.points().enumerate() {
        if point.is_derived() {
            continue;
        }
        let name = format!("point{n}");
        defs.insert(name.clone(), point_schema(point));
        points.insert(
            point.id.clone(),
            json!({ "$ref": format!("#/$defs/{name}") }),
        );
    }
    defs.insert(
        "level".into(),
        json!({
            "type": "object",
            "description": "One level's values: point id → points, a grade, \"na\", or a table with score, deductions or ratings; a level may grant its own bonus and penalties.",
            "properties": points,
            "additionalProperties": false
        }),
    );
    // A level's own bonus and penalties (SPEC §11.10), of the record's shape.
    if let Some(Value::Object(level)) = defs.get_mut("level")
        && let Some(Value::Object(props)) = level.get_mut("properties")
    {
        // Empty when the checklist has none, as `audit check` takes them.
        props.insert("bonus".into(), json!({ "$ref": "#/$defs/bonus" }));
        props.insert("penalties".into(), json!({ "$ref": "#/$defs/penalties" }));
        // When the level was completed and who signed it (SPEC §12.1). A TOML date is a
        // string of format "date" to editors' schema validation (taplo, Even Better TOML).
        props.insert(
            "date".into(),
            json!({ "type": "string", "format": "date", "description": "When this level was completed: a TOML date such as 2025-03-01 (no quotes)." }),
        );
        props.insert(
            "by".into(),
            json!({ "type": "string", "minLength": 1, "description": "Who signed this level." }),
        );
    }
    let vetoes: Map<String, Value> = checklist
        .vetoes
        .iter()
        .map(|v| {
            (
                v.id.clone(),
                json!({ "type": "boolean", "description": v.title }),
            )
        })
        .collect();
    let bonus = bonus_schema(&checklist.bonus);
    let penalties = bonus_schema(&checklist.penalties);
    let mut properties = Map::new();
    properties.insert("org".into(), json!({ "type": "string", "minLength": 1, "description": "The organisation (subsidiary)." }));
    properties.insert(
        "branch".into(),
        json!({ "type": "string", "minLength": 1, "description": "The branch assessed." }),
    );
    properties.insert("period".into(), json!({ "type": ["string", "integer"], "description": "The assessment period, e.g. \"2024\"." }));
    properties.insert("satisfaction".into(), satisfaction_schema());
    properties.insert(
        "vetoes".into(),
        json!({ "type": "object", "properties": vetoes, "additionalProperties": false }),
    );
    defs.insert("bonus".into(), bonus);
    properties.insert("bonus".into(), json!({ "$ref": "#/$defs/bonus" }));
    defs.insert("penalties".into(), penalties);
    properties.insert("penalties".into(), json!({ "$ref": "#/$defs/penalties" }));
    properties.insert("measures".into(), measures_schema(checklist));
    properties.insert("rectification".into(), rectification_schema(checklist));
    for level in Level::ALL {
        properties.insert(level.name().into(), json!({ "$ref": "#/$defs/level" }));
    }
    json!({
        "$schema": DIALECT,
        // untranslated: a schema is read by editors and tools, like JSON output (SPEC §7)
        "title": format!("Assessment record: {}", checklist.title),
        "type": "object",
        "required": ["org", "branch", "period"],
        "properties": properties,
        "additionalProperties": false,
        "$defs": defs
    })
}

/// `[[rectification]]` (SPEC §12.3): tasks with a point of the checklist, a due date and
/// optionally a done date and evidence. A TOML date reaches a validator as a date string.
fn rectification_schema(checklist: &Checklist) -> Value {
    let points: Vec<&str> = checklist.points().map(|p| p.id.as_str()).collect();
    json!({
        "type": "array",
        // untranslated: a schema is read by editors and tools (SPEC §7)
        "description": "Rectification tasks: what the branch must do to win back lost points, by when.",
        "items": {
            "type": "object",
            "required": ["task", "due"],
            "properties": {
                "point": { "enum": points, "description": "The point it answers." },
                "task": { "type": "string", "minLength": 1 },
                "due": { "type": "string", "format": "date", "description": "A TOML date: due = 2024-09-30" },
                "done": { "type": "string", "format": "date" },
                "evidence": { "type": "array", "items": { "type": "string", "minLength": 1 } }
            },
            "additionalProperties": false
        }
    })
}

/// `[bonus]` or `[penalties]`: points up to each one's max, or with `per` a whole count
/// (SPEC §11.5).
fn bonus_schema(list: &[Bonus]) -> Value {
    let properties: Map<String, Value> = list
        .iter()
        .map(|b| {
            let value = match (b.per, b.max) {
                (Some(per), max) => {
                    // untranslated: a schema is read by editors and tools (SPEC §7)
                    let mut d = format!("{}: a count, {per} points each", b.title);
                    if let Some(max) = max {
                        // untranslated: as above
                        d.push_str(&format!(", at most {max}"));
                    }
                    json!({ "type": "integer", "minimum": 0, "description": d })
                }
                (None, max) => {
                    json!({ "type": "number", "minimum": 0, "maximum": max.map(|m| m.to_f64()), "description": b.title })
                }
            };
            (b.id.clone(), value)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

/// `[measures]` (SPEC §11.7): each measure as counts `{ of, count }` or a rate.
fn measures_schema(checklist: &Checklist) -> Value {
    let properties: Map<String, Value> = checklist
        .measures
        .iter()
        .map(|m| {
            let value = json!({
                "description": format!("{}: {{ of = 40, count = 13 }} or \"32.5%\"", m.title),
                "anyOf": [
                    rate_schema(),
                    {
                        "type": "object",
                        "required": ["of", "count"],
                        "additionalProperties": false,
                        "properties": {
                            "of": { "type": "integer", "minimum": 1, "description": "Members counted." },
                            "count": { "type": "integer", "minimum": 0, "description": "Of them, those the measure counts." }
                        }
                    }
                ]
            });
            (m.id.clone(), value)
        })
        .collect();
    json!({ "type": "object", "properties": properties, "additionalProperties": false })
}

/// A rate: `"92.5%"` or a fraction 0 to 1.
fn rate_schema() -> Value {
    json!({
        "anyOf": [
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" },
            { "type": "number", "minimum": 0, "maximum": 1 }
        ]
    })
}

fn satisfaction_schema() -> Value {
    json!({
        "type": "object",
        "description": "The survey of members and the masses: counts, or the rate.",
        "properties": {
            "surveyed": { "type": "integer", "minimum": 1, "description": "Valid ballots." },
            "satisfied": { "type": "integer", "minimum": 0, "description": "Ballots counted as satisfied." },
            "rate": {
                "anyOf": [
                    { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" },
                    { "type": "number", "minimum": 0, "maximum": 1 }
                ],
                "description": "\"92.5%\" or 0.925, when only the rate is known."
            }
        },
        "additionalProperties": false,
        "oneOf": [
            { "required": ["surveyed", "satisfied"], "not": { "required": ["rate"] } },
            { "required": ["rate"], "not": { "anyOf": [ { "required": ["surveyed"] }, { "required": ["satisfied"] } ] } }
        ]
    })
}

/// Points, a grade name or "na" for one point.
fn plain_value(point: &Point) -> Value {
    point_value(point, point.optional)
}

/// One rater's rating (SPEC §11.8): points or a grade name, never "na".
fn rating_value(point: &Point) -> Value {
    point_value(point, false)
}

fn point_value(point: &Point, na: bool) -> Value {
    let number = match point.step {
        Some(step) => stepped_number(point.max, step),
        None => json!({ "type": "number", "minimum": 0, "maximum": point.max.to_f64() }),
    };
    let mut words: Vec<Value> = point.grades.iter().map(|(g, _)| json!(g)).collect();
    if na {
        words.push(json!("na"));
    }
    if words.is_empty() {
        number
    } else {
        json!({ "anyOf": [ number, { "enum": words } ] })
    }
}

/// At most this many allowed values are listed in an `enum` (a point of max 100 in steps of
/// 0.05 has 2 001); beyond, the schema gives the range only and `audit check` judges the step.
const MAX_ENUM: i64 = 2001;

/// The numbers 0..=max in steps of `step`, expressed so that a JSON Schema validator accepts
/// exactly what `audit check` accepts.
///
/// `multipleOf` is evaluated in binary floating point by taplo, check-jsonschema and most
/// validators: 0.3 / 0.1 is 2.9999999999999996, so `multipleOf: 0.1` rejects a valid 0.3, and
/// JSON Schema has no decimal or integer-scaled form of it. Two exact ways remain:
/// - a step that is a multiple of 0.25 (0.25, 0.5, 1, 2.5…) and every value it allows are
///   dyadic fractions, held exactly in binary, so the quotient is exact: `multipleOf` is kept;
/// - any other step (0.1, 0.3, 0.05…): an `enum` of the allowed values, compared as numbers
///   (each written as the nearest double, the same one a TOML reader makes of the literal).
///
/// A `pattern` cannot help: it applies to strings, and these values are TOML numbers.
fn stepped_number(max: Points, step: Points) -> Value {
    let range = json!({ "type": "number", "minimum": 0, "maximum": max.to_f64() });
    let (s, m) = (step.hundredths(), max.hundredths());
    if s <= 0 {
        return range;
    }
    if s % 25 == 0 {
        let mut number = range;
        number["multipleOf"] = json!(step.to_f64());
        return number;
    }
    if m / s + 1 > MAX_ENUM {
        return range;
    }
    let values: Vec<Value> = (0..=m / s)
        .map(|k| {
            let h = k * s;
            if h % 100 == 0 {
                json!(h / 100)
            } else {
                json!(h as f64 / 100.0)
            }
        })
        .collect();
    json!({ "type": "number", "enum": values })
}

fn point_schema(point: &Point) -> Value {
    let mut description = format!("{} {} (max {})", point.id, point.title, point.max);
    if let Some(c) = &point.criterion {
        description.push_str(": ");
        description.push_str(c);
    }
    let deductions = json!({
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["points", "reason"],
            "properties": {
                "points": { "type": "number", "exclusiveMinimum": 0 },
                "times": { "type": "integer", "minimum": 1 },
                "reason": { "type": "string", "minLength": 1 }
            },
            "additionalProperties": false
        }
    });
    json!({
        "description": description,
        "anyOf": [
            plain_value(point),
            {
                "type": "object",
                "properties": {
                    "score": plain_value(point),
                    "deductions": deductions,
                    "ratings": { "type": "array", "minItems": 1, "items": rating_value(point) },
                    "note": { "type": "string" },
                    "evidence": { "type": "array", "items": { "type": "string", "minLength": 1 } }
                },
                "additionalProperties": false,
                "oneOf": [ { "required": ["score"] }, { "required": ["deductions"] }, { "required": ["ratings"] } ]
            }
        ]
    })
}
