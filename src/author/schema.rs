//! JSON Schemas for editors (`audit schema checklist|record`).
//!
//! Editors that understand TOML schemas (taplo, Even Better TOML) read a `#:schema` line at
//! the top of a file and then complete keys and flag mistakes while typing. The record schema
//! is generated from the checklist, so it knows the point ids, each point's max, step, grades
//! and whether "na" is allowed. A schema cannot say everything `audit check` does (at most two
//! decimals, satisfied ≤ surveyed, duplicates across files): `audit check` stays the judge.

use serde_json::{Map, Value, json};

use crate::points::Points;
use crate::read::checklist::{Checklist, Point};
use crate::read::record::Level;

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

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
            "description": "One level's values: point id → points, a grade, \"na\", or a table with score or deductions.",
            "properties": points,
            "additionalProperties": false
        }),
    );
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
    let bonus: Map<String, Value> = checklist
        .bonus
        .iter()
        .map(|b| {
            (
                b.id.clone(),
                match (b.per, b.max) {
                    // A counted bonus (SPEC §11.5) takes a whole count.
                    (Some(_), _) => json!({ "type": "integer", "minimum": 0, "description": b.title }),
                    (None, max) => json!({ "type": "number", "minimum": 0, "maximum": max.map(|m| m.to_f64()), "description": b.title }),
                },
            )
        })
        .collect();
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
    properties.insert(
        "bonus".into(),
        json!({ "type": "object", "properties": bonus, "additionalProperties": false }),
    );
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
    let number = match point.step {
        Some(step) => stepped_number(point.max, step),
        None => json!({ "type": "number", "minimum": 0, "maximum": point.max.to_f64() }),
    };
    let mut words: Vec<Value> = point.grades.iter().map(|(g, _)| json!(g)).collect();
    if point.optional {
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
                    "note": { "type": "string" },
                    "evidence": { "type": "array", "items": { "type": "string", "minLength": 1 } }
                },
                "additionalProperties": false,
                "oneOf": [ { "required": ["score"] }, { "required": ["deductions"] } ]
            }
        ]
    })
}

/// The schema of checklist.toml (fixed: it describes the format, not one checklist).
pub fn checklist_schema() -> Value {
    let rate = json!({
        "anyOf": [
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" },
            { "type": "number", "minimum": 0, "maximum": 1 }
        ]
    });
    let positive = json!({ "type": "number", "exclusiveMinimum": 0 });
    let id = json!({ "type": "string", "minLength": 1 });
    let point = json!({
        "type": "object",
        "required": ["id", "title", "max"],
        "additionalProperties": false,
        "properties": {
            "id": id,
            "title": { "type": "string", "minLength": 1 },
            "max": positive,
            "criterion": { "type": "string" },
            "optional": { "type": "boolean" },
            "step": positive,
            "grades": { "type": "object", "minProperties": 1, "additionalProperties": { "type": "number", "minimum": 0 } },
            "derive": { "const": "satisfaction" },
            "bands": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["min", "points"],
                    "additionalProperties": false,
                    "properties": { "min": rate, "points": { "type": "number", "minimum": 0 } }
                }
            }
        }
    });
    json!({
        "$schema": DIALECT,
        "title": "audit checklist",
        "type": "object",
        "required": ["title", "items"],
        "additionalProperties": false,
        "properties": {
            "title": { "type": "string", "minLength": 1 },
            "version": { "type": "string" },
            "bonus_cap": { "type": "number", "minimum": 0 },
            "step": positive,
            "expect": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "items": { "type": "integer", "minimum": 1 },
                    "points": { "type": "integer", "minimum": 1 },
                    "total": positive
                }
            },
            "pass": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "min_total": { "type": "number", "minimum": 0 },
                    "min_satisfaction": rate,
                    "min_level": { "enum": ["self", "review", "acceptance"] }
                }
            },
            "compliance": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "target": rate,
                    "targets": { "type": "object", "additionalProperties": rate }
                }
            },
            "bands": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "min_total"],
                    "additionalProperties": false,
                    "properties": {
                        "name": id,
                        "min_total": { "type": "number", "minimum": 0 },
                        "min_satisfaction": rate
                    }
                }
            },
            "items": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["id", "title", "points"],
                    "additionalProperties": false,
                    "properties": {
                        "id": id,
                        "title": { "type": "string", "minLength": 1 },
                        "max": positive,
                        "points": {
                            "type": "array",
                            "minItems": 1,
                            "items": point
                        }
                    }
                }
            },
            "vetoes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title"],
                    "additionalProperties": false,
                    "properties": { "id": id, "title": { "type": "string", "minLength": 1 } }
                }
            },
            "bonus": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "max"],
                    "additionalProperties": false,
                    "properties": { "id": id, "title": { "type": "string", "minLength": 1 }, "max": positive }
                }
            }
        }
    })
}
