//! Printing answers as AWS CLI v2 does: JSON indented by four spaces, timestamps in ISO 8601,
//! nothing at all for an empty answer, and errors as
//! `An error occurred (Type) when calling the Operation operation: message`.

use crate::engine::{ApiError, SimTime};
use serde::Serialize;
use serde_json::Value;

/// Response fields that hold timestamps (epoch seconds on the wire).
fn is_timestamp_field(key: &str) -> bool {
    key.ends_with("Timestamp")
}

/// Python's `datetime.isoformat()` in UTC, as the CLI prints timestamps.
fn iso(seconds: f64) -> String {
    let ms = (seconds * 1000.0).round() as i64;
    let dt = SimTime::from_millis(ms).to_datetime();
    if ms.rem_euclid(1000) == 0 {
        dt.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
    } else {
        format!(
            "{}.{:03}000+00:00",
            dt.format("%Y-%m-%dT%H:%M:%S"),
            ms.rem_euclid(1000)
        )
    }
}

fn convert_times(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                if is_timestamp_field(k) {
                    if let Some(secs) = item.as_f64() {
                        *item = Value::String(iso(secs));
                        continue;
                    }
                }
                convert_times(item);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(convert_times),
        _ => {}
    }
}

/// Pretty JSON with four-space indentation.
pub fn pretty(v: &Value) -> String {
    let mut out = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    v.serialize(&mut ser)
        .expect("a JSON value always serialises");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The CLI's error line.
pub fn format_error(operation: &str, e: &ApiError) -> String {
    format!(
        "An error occurred ({}) when calling the {operation} operation: {}",
        e.error_type(),
        e.message().unwrap_or("Unknown")
    )
}

/// What the CLI prints for the result of `operation`.
pub fn format_result(operation: &str, result: &Result<Value, ApiError>) -> String {
    match result {
        Ok(v) if v.as_object().is_some_and(|m| m.is_empty()) || v.is_null() => String::new(),
        Ok(v) => {
            let mut v = v.clone();
            convert_times(&mut v);
            pretty(&v)
        }
        Err(e) => format_error(operation, e),
    }
}
