//! One record's bytes to rows, as the OpenX and Hive JSON SerDes read them.
//!
//! A record holds one JSON object or several, back to back or on lines of their own (producers
//! that aggregate); each object is a row. Keys are matched to columns without regard to case;
//! OpenX can also turn dots in keys into underscores and map columns to keys of other names.
//! Missing keys and JSON nulls are nulls. OpenX is lenient about types (numbers and booleans
//! in strings, nested JSON into a string column); Hive is not.

use super::config::{Deserializer, HiveJsonSerDe};
use super::timestamp;
use super::value::{Cell, ConversionFailure, Row};
use crate::engine::glue::{Column, HiveType};
use serde_json::{Map, Number, Value};
use std::collections::BTreeMap;

/// How keys are matched and values read.
struct Rules<'a> {
    /// OpenX (lenient) or Hive (strict).
    openx: bool,
    dots_to_underscores: bool,
    case_insensitive: bool,
    mappings: Option<&'a BTreeMap<String, String>>,
    timestamp_formats: &'a [String],
}

impl<'a> Rules<'a> {
    fn of(deserializer: &'a Deserializer) -> Self {
        match deserializer {
            Deserializer::OpenX(o) => Rules {
                openx: true,
                dots_to_underscores: o.dots_to_underscores(),
                case_insensitive: o.case_insensitive(),
                mappings: o.column_to_json_key_mappings.as_ref(),
                timestamp_formats: &[],
            },
            Deserializer::Hive(HiveJsonSerDe { timestamp_formats }) => Rules {
                openx: false,
                dots_to_underscores: false,
                case_insensitive: true,
                mappings: None,
                timestamp_formats: timestamp_formats.as_deref().unwrap_or(&[]),
            },
        }
    }

    fn key(&self, key: &str) -> String {
        let key = if self.dots_to_underscores {
            key.replace('.', "_")
        } else {
            key.to_string()
        };
        if self.case_insensitive {
            key.to_lowercase()
        } else {
            key
        }
    }

    /// The object's values by matching key (the first key in the object's order wins when
    /// two differ only in case).
    fn index<'v>(&self, object: &'v Map<String, Value>) -> BTreeMap<String, &'v Value> {
        let mut out = BTreeMap::new();
        for (k, v) in object {
            out.entry(self.key(k)).or_insert(v);
        }
        out
    }

    /// The value for the field `name` (a column or a struct field) in an [`Rules::index`].
    fn field<'v>(&self, index: &BTreeMap<String, &'v Value>, name: &str) -> Option<&'v Value> {
        index.get(&self.key(name)).copied()
    }
}

/// The rows in one record, or why it can't be converted.
pub fn rows(
    record: &[u8],
    columns: &[Column],
    deserializer: &Deserializer,
) -> Result<Vec<Row>, ConversionFailure> {
    let rules = Rules::of(deserializer);
    let text = std::str::from_utf8(record).map_err(|_| ConversionFailure::parse_error())?;
    if text.trim().is_empty() {
        return Err(ConversionFailure {
            code: super::value::FailureCode::MalformedData,
            message: "The record was empty or contained only whitespace.".into(),
        });
    }
    let mut out = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        let value = value.map_err(|_| ConversionFailure::parse_error())?;
        let object = match value {
            Value::Object(object) => object,
            Value::Array(_) => {
                return Err(ConversionFailure::malformed(
                    "Data is not JSONObject but JSONArray",
                ))
            }
            other => {
                return Err(ConversionFailure {
                    code: super::value::FailureCode::MalformedData,
                    message: format!(
                        "The input JSON contained a primitive at the top level. The top level \
                         must be an object or array. ({other})"
                    ),
                })
            }
        };
        if !rules.openx {
            if let Some(key) = object.keys().find(|k| k.contains('.')) {
                return Err(ConversionFailure::malformed(format!(
                    "The Hive JSON SerDe does not allow dots in key names: \"{key}\""
                )));
            }
        }
        let index = rules.index(&object);
        let row = columns
            .iter()
            .map(|c| {
                let key = rules
                    .mappings
                    .and_then(|m| m.get(&c.name))
                    .map_or(c.name.as_str(), String::as_str);
                let value = rules.field(&index, key);
                cell(&rules, &c.hive_type, value).map_err(|detail| {
                    ConversionFailure::malformed(format!("Column '{}': {detail}", c.name))
                })
            })
            .collect::<Result<Row, _>>()?;
        out.push(row);
    }
    Ok(out)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn mismatch(t: &HiveType, v: &Value) -> String {
    format!("{t} expected, found {}: {v}", kind(v))
}

/// A JSON value as a cell of type `t` (`Ok(None)` for null).
fn cell(rules: &Rules, t: &HiveType, value: Option<&Value>) -> Result<Option<Cell>, String> {
    let Some(v) = value.filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    let bad = || mismatch(t, v);
    let cell = match t {
        HiveType::String | HiveType::Char(_) | HiveType::Varchar(_) => {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) => v.to_string(),
                // OpenX keeps nested JSON as its text; Hive does not.
                Value::Array(_) | Value::Object(_) if rules.openx => v.to_string(),
                _ => return Err(bad()),
            };
            Cell::Text(match t {
                HiveType::Varchar(n) => text.chars().take(*n as usize).collect(),
                HiveType::Char(n) => {
                    let kept: String = text.chars().take(*n as usize).collect();
                    format!("{kept:<width$}", width = *n as usize)
                }
                _ => text,
            })
        }
        HiveType::TinyInt | HiveType::SmallInt | HiveType::Int | HiveType::BigInt => {
            let n = integer(rules, v).ok_or_else(bad)?;
            let (min, max) = match t {
                HiveType::TinyInt => (i64::from(i8::MIN), i64::from(i8::MAX)),
                HiveType::SmallInt => (i64::from(i16::MIN), i64::from(i16::MAX)),
                HiveType::Int => (i64::from(i32::MIN), i64::from(i32::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            if n < min || n > max {
                return Err(format!("{n} is out of range for {t}"));
            }
            Cell::Integer(n)
        }
        HiveType::Double => Cell::Double(float(rules, v).ok_or_else(bad)?),
        HiveType::Float => Cell::Float(float(rules, v).ok_or_else(bad)? as f32),
        HiveType::Boolean => match v {
            Value::Bool(b) => Cell::Boolean(*b),
            Value::String(s) if rules.openx && s.eq_ignore_ascii_case("true") => {
                Cell::Boolean(true)
            }
            Value::String(s) if rules.openx && s.eq_ignore_ascii_case("false") => {
                Cell::Boolean(false)
            }
            _ => return Err(bad()),
        },
        HiveType::Timestamp => Cell::Timestamp(timestamp_of(rules, v).ok_or_else(bad)?),
        HiveType::Date => match v {
            Value::String(s) => Cell::Date(timestamp::parse_date(s).ok_or_else(bad)?),
            _ => return Err(bad()),
        },
        HiveType::Binary => match v {
            Value::String(s) => Cell::Binary(s.as_bytes().to_vec()),
            _ => return Err(bad()),
        },
        HiveType::Decimal { precision, scale } => {
            let text = match v {
                Value::Number(n) => n.to_string(),
                Value::String(s) if rules.openx => s.trim().to_string(),
                _ => return Err(bad()),
            };
            match decimal(&text, *scale).ok_or_else(bad)? {
                // Hive's decimals turn a value with too many digits into null.
                d if d.unsigned_abs() >= 10u128.pow(u32::from(*precision)) => return Ok(None),
                d => Cell::Decimal(d),
            }
        }
        HiveType::Array(item) => match v {
            Value::Array(items) => Cell::Array(
                items
                    .iter()
                    .map(|i| cell(rules, item, Some(i)))
                    .collect::<Result<_, _>>()?,
            ),
            _ => return Err(bad()),
        },
        HiveType::Map(key, value) => match v {
            Value::Object(entries) => {
                let mut out = Vec::with_capacity(entries.len());
                for (k, val) in entries {
                    let k = map_key(key, k).ok_or_else(|| format!("map key {k:?} is not {key}"))?;
                    out.push((k, cell(rules, value, Some(val))?));
                }
                Cell::Map(out)
            }
            _ => return Err(bad()),
        },
        HiveType::Struct(fields) => match v {
            Value::Object(object) => {
                let index = rules.index(object);
                Cell::Struct(
                    fields
                        .iter()
                        .map(|(name, t)| cell(rules, t, rules.field(&index, name)))
                        .collect::<Result<_, _>>()?,
                )
            }
            _ => return Err(bad()),
        },
    };
    Ok(Some(cell))
}

/// A whole number: JSON numbers (OpenX drops a fraction, Hive refuses it), and for OpenX
/// numbers in strings.
fn integer(rules: &Rules, v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            let f = n.as_f64()?;
            (rules.openx && f.is_finite() && f.abs() < 9.2e18).then_some(f.trunc() as i64)
        }),
        Value::String(s) if rules.openx => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| {
                let f: f64 = s.parse().ok()?;
                (f.is_finite() && f.abs() < 9.2e18).then_some(f.trunc() as i64)
            })
        }
        _ => None,
    }
}

fn float(rules: &Rules, v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) if rules.openx => s.trim().parse().ok(),
        _ => None,
    }
}

fn timestamp_of(rules: &Rules, v: &Value) -> Option<i64> {
    match (rules.openx, v) {
        (true, Value::String(s)) => timestamp::openx_text(s),
        (true, Value::Number(n)) => number_epoch(n),
        (false, Value::String(s)) => timestamp::hive_text(s, rules.timestamp_formats),
        (false, Value::Number(n)) => timestamp::hive_number(n.as_i64()?, rules.timestamp_formats),
        _ => None,
    }
}

fn number_epoch(n: &Number) -> Option<i64> {
    match n.as_i64() {
        Some(whole) => Some(timestamp::epoch_whole(whole)),
        None => n.as_f64().map(timestamp::epoch_seconds),
    }
}

/// A map key (JSON keys are strings) as the key type.
fn map_key(t: &HiveType, key: &str) -> Option<Cell> {
    let lenient = Rules {
        openx: true,
        dots_to_underscores: false,
        case_insensitive: false,
        mappings: None,
        timestamp_formats: &[],
    };
    cell(&lenient, t, Some(&Value::String(key.to_string())))
        .ok()
        .flatten()
}

/// A decimal text (`-12.345`, `1e3`) as the unscaled value with `scale` digits after the
/// point, rounded half up.
pub fn decimal(text: &str, scale: u8) -> Option<i128> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if whole.is_empty() && frac.is_empty()
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits: String = format!("{whole}{frac}");
    // The value is digits × 10^(exponent − frac.len()); we want it × 10^scale.
    let shift = exponent - frac.len() as i32 + i32::from(scale);
    let mut value: i128 = 0;
    for b in digits.bytes() {
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
    }
    if shift >= 0 {
        value = value.checked_mul(10i128.checked_pow(shift as u32)?)?;
    } else {
        let div = 10i128
            .checked_pow(shift.unsigned_abs())
            .unwrap_or(i128::MAX);
        let rem = value % div;
        value = value / div + i128::from(rem >= div - rem);
    }
    Some(if negative { -value } else { value })
}
