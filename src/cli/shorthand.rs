//! Option values: plain strings, integers, blobs, timestamps, lists, and the CLI's shorthand
//! (`Key=Value,Key2=Value2`) or JSON for maps and structures.

use super::commands::{Kind, Opt};
use super::CliError;
use crate::engine::SimTime;
use base64::Engine as _;
use serde_json::{Map, Value};

fn blob(text: &str, raw: bool) -> Result<Value, CliError> {
    if raw {
        return Ok(Value::String(
            base64::engine::general_purpose::STANDARD.encode(text.as_bytes()),
        ));
    }
    match base64::engine::general_purpose::STANDARD.decode(text) {
        Ok(_) => Ok(Value::String(text.to_string())),
        Err(_) => Err(CliError(format!(
            "\nInvalid base64: \"{text}\"\n\nBlob arguments are base64 by default in AWS CLI v2; \
             add --cli-binary-format raw-in-base64-out to send raw text."
        ))),
    }
}

fn time(text: &str) -> Result<Value, CliError> {
    if let Ok(secs) = text.parse::<f64>() {
        return Ok(serde_json::json!(secs));
    }
    let candidates = [
        text.to_string(),
        format!("{text}Z"),
        format!("{text}T00:00:00Z"),
    ];
    candidates
        .iter()
        .find_map(|t| SimTime::from_rfc3339(t))
        .map(|t| serde_json::json!(t.epoch_millis() as f64 / 1000.0))
        .ok_or_else(|| {
            CliError(format!(
                "Unable to parse timestamp value \"{text}\": use ISO 8601 (2026-01-01T10:00:00Z) \
                 or epoch seconds."
            ))
        })
}

fn scalar(kind: Kind, flag: &str, text: &str, raw: bool) -> Result<Value, CliError> {
    match kind {
        Kind::Int => text.parse::<i64>().map(Value::from).map_err(|_| {
            CliError(format!(
                "invalid literal for int() with base 10: '{text}' (argument {flag})"
            ))
        }),
        Kind::Blob => blob(text, raw),
        Kind::Time => time(text),
        _ => Ok(Value::String(text.to_string())),
    }
}

/// `text` cut at the commas outside braces: `a=1,b={c=2,d=3}` → `a=1`, `b={c=2,d=3}`.
fn top_level_items(text: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&text[start..]);
    items
}

/// `a=1,b=2` → [("a","1"),("b","2")]; a value in braces (`b={c=2}`) stays whole.
fn pairs(flag: &str, text: &str) -> Result<Vec<(String, String)>, CliError> {
    top_level_items(text)
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.to_string()))
                .ok_or_else(|| {
                    CliError(format!(
                        "Error parsing parameter '{flag}': Expected: '=', received: 'EOF' for \
                         input:\n{text}"
                    ))
                })
        })
        .collect()
}

fn json(flag: &str, text: &str) -> Result<Value, CliError> {
    serde_json::from_str(text).map_err(|e| {
        CliError(format!(
            "Error parsing parameter '{flag}': Invalid JSON: {e}\nJSON received: {text}"
        ))
    })
}

fn structure(
    flag: &str,
    fields: &[(&str, Kind)],
    text: &str,
    raw: bool,
) -> Result<Value, CliError> {
    let mut out = Map::new();
    if text.trim_start().starts_with('{') {
        let v = json(flag, text)?;
        let Value::Object(map) = v else {
            return Err(CliError(format!(
                "Error parsing parameter '{flag}': expected a structure"
            )));
        };
        for (k, v) in map {
            let kind = fields.iter().find(|(n, _)| *n == k).map(|(_, t)| *t);
            let v = match (kind, &v) {
                (Some(Kind::Blob), Value::String(s)) => blob(s, raw)?,
                (Some(Kind::Time), Value::String(s)) => time(s)?,
                _ => v,
            };
            out.insert(k, v);
        }
        return Ok(Value::Object(out));
    }
    for (k, v) in pairs(flag, text)? {
        let Some((name, kind)) = fields.iter().find(|(n, _)| *n == k) else {
            let valid: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
            return Err(CliError(format!(
                "Parameter validation failed:\nUnknown parameter in {}: \"{k}\", must be one of: {}",
                &flag[2..],
                valid.join(", ")
            )));
        };
        let nested = v
            .strip_prefix('{')
            .and_then(|inner| inner.strip_suffix('}'));
        let value = match (kind, nested) {
            (Kind::Struct(sub), Some(inner)) => structure(flag, sub, inner, raw)?,
            (Kind::Map, Some(inner)) => Value::Object(
                pairs(flag, inner)?
                    .into_iter()
                    .map(|(k, v)| (k, Value::String(v)))
                    .collect(),
            ),
            _ => scalar(*kind, flag, &v, raw)?,
        };
        out.insert(name.to_string(), value);
    }
    Ok(Value::Object(out))
}

const RECORD_FIELDS: &[(&str, Kind)] = &[
    ("Data", Kind::Blob),
    ("PartitionKey", Kind::Str),
    ("ExplicitHashKey", Kind::Str),
];

/// The JSON value of an option from the words that followed it.
pub(crate) fn value(opt: &Opt, words: &[String], raw: bool) -> Result<Value, CliError> {
    let first = words[0].as_str();
    match opt.kind {
        Kind::StrList => {
            if first.trim_start().starts_with('[') && words.len() == 1 {
                return json(opt.flag, first);
            }
            Ok(Value::Array(
                words
                    .iter()
                    .flat_map(|w| w.split(',').map(|s| Value::String(s.to_string())))
                    .collect(),
            ))
        }
        Kind::Map => {
            if first.trim_start().starts_with('{') {
                return json(opt.flag, first);
            }
            let mut out = Map::new();
            for (k, v) in pairs(opt.flag, first)? {
                out.insert(k, Value::String(v));
            }
            Ok(Value::Object(out))
        }
        Kind::Struct(fields) => structure(opt.flag, fields, first, raw),
        Kind::Records => {
            if first.trim_start().starts_with('[') && words.len() == 1 {
                let Value::Array(items) = json(opt.flag, first)? else {
                    unreachable!("starts with [");
                };
                return items
                    .into_iter()
                    .map(|item| structure(opt.flag, RECORD_FIELDS, &item.to_string(), raw))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array);
            }
            words
                .iter()
                .map(|w| structure(opt.flag, RECORD_FIELDS, w, raw))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        Kind::StructList(fields) => {
            if first.trim_start().starts_with('[') && words.len() == 1 {
                let Value::Array(items) = json(opt.flag, first)? else {
                    return Err(CliError(format!(
                        "Error parsing parameter '{}': expected a list",
                        opt.flag
                    )));
                };
                return items
                    .into_iter()
                    .map(|item| structure(opt.flag, fields, &item.to_string(), raw))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array);
            }
            words
                .iter()
                .map(|w| structure(opt.flag, fields, w, raw))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        kind => scalar(kind, opt.flag, first, raw),
    }
}
