//! The JSON Schema of checklist.toml (`audit schema checklist`): fixed, it describes the
//! format, not one checklist, with every key of SPEC §3 and §11. Like the record schema it
//! helps an editor; `audit check` stays the judge (ids unique, weights summing to 100 %,
//! a bonus without `per` needing `max`, periods that do not overlap).

use serde_json::{Value, json};

use super::schema::DIALECT;

/// The schema of checklist.toml.
pub fn checklist_schema() -> Value {
    let rate = json!({
        "anyOf": [
            { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" },
            { "type": "number", "minimum": 0, "maximum": 1 }
        ]
    });
    let positive = json!({ "type": "number", "exclusiveMinimum": 0 });
    let points = json!({ "type": "number", "minimum": 0 });
    let id = json!({ "type": "string", "minLength": 1 });
    let title = json!({ "type": "string", "minLength": 1 });
    let period = json!({ "type": ["string", "integer"] });
    let point = json!({
        "type": "object",
        "required": ["id", "title", "max"],
        "additionalProperties": false,
        "properties": {
            "id": id,
            "title": title,
            "max": positive,
            "criterion": { "type": "string" },
            "optional": { "type": "boolean" },
            "step": positive,
            "grades": { "type": "object", "minProperties": 1, "additionalProperties": points },
            "derive": {
                "type": "string",
                "minLength": 1,
                "description": "\"satisfaction\", or the id of a [[measures]] entry (SPEC §11.7)."
            },
            "bands": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["min", "points"],
                    "additionalProperties": false,
                    "properties": { "min": rate, "points": points }
                }
            },
            "max_deduction": {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": "Deductions take at most this much (SPEC §11.2)."
            }
        }
    });
    // A bonus or a penalty (SPEC §11.5): `per` makes the record give a count; `max` is then
    // optional (上不封顶 for a bonus).
    let bonus = json!({
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": false,
        "anyOf": [ { "required": ["max"] }, { "required": ["per"] } ],
        "properties": { "id": id, "title": title, "max": positive, "per": positive }
    });
    let levels = json!(["self", "review", "acceptance"]);
    json!({
        "$schema": DIALECT,
        "title": "audit checklist",
        "type": "object",
        "required": ["title", "items"],
        "additionalProperties": false,
        "properties": {
            "title": title,
            "version": { "type": "string" },
            "bonus_cap": points,
            "penalty_cap": points,
            "step": positive,
            "scale": positive,
            "periods": {
                "type": "object",
                "additionalProperties": false,
                "description": "The periods this checklist covers, inclusive, byte-wise (SPEC §11.11).",
                "properties": { "from": period, "until": period }
            },
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
                    "min_total": points,
                    "min_satisfaction": rate,
                    "min_level": { "enum": levels },
                    "min_item": rate
                }
            },
            "combine": {
                "type": "object",
                "description": "Level weights summing to 100% (SPEC §11.9).",
                "propertyNames": { "enum": levels },
                "additionalProperties": rate
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
                    "required": ["name"],
                    "additionalProperties": false,
                    "properties": {
                        "name": id,
                        "min_total": points,
                        "min_satisfaction": rate,
                        "status": { "enum": ["pass", "fail"] }
                    }
                }
            },
            "measures": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title"],
                    "additionalProperties": false,
                    "properties": { "id": id, "title": title }
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
                        "title": title,
                        "max": positive,
                        "min": {
                            "description": "A pass rule: points (12) or a share of the item's applicable points (\"60%\").",
                            "anyOf": [
                                points,
                                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%\\s*$" }
                            ]
                        },
                        "floor": { "const": "item" },
                        "weight": rate,
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
                    "properties": { "id": id, "title": title }
                }
            },
            "bonus": { "type": "array", "items": bonus },
            "penalties": { "type": "array", "items": bonus }
        }
    })
}
