//! Kinesis Data Streams (`Kinesis_20131202.*`).

use super::body::Body;
use super::{ApiError, Sandbox, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The operations this service answers.
pub const OPERATIONS: &[&str] = &["ListStreams"];

/// Every stream in the account, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Streams {
    streams: BTreeMap<String, Stream>,
}

/// One data stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stream {
    pub name: String,
}

impl Streams {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.streams.keys().map(String::as_str)
    }
}

pub(crate) fn call(sb: &mut Sandbox, operation: &str, body: &Value) -> Result<Value, ApiError> {
    let body = Body::of(body)?;
    match operation {
        "ListStreams" => list_streams(sb, body),
        _ => Err(ApiError::unknown_operation()),
    }
}

pub(crate) fn on_time_passed(_sb: &mut Sandbox) {}

/// `ListStreams{Limit?, ExclusiveStartStreamName?}` → `{StreamNames, HasMoreStreams,
/// StreamSummaries, NextToken?}`, names in lexicographic order as AWS lists them.
fn list_streams(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let limit = body.integer("Limit")?;
    let start = body.string("ExclusiveStartStreamName")?;
    let mut v = Validation::new();
    if let Some(limit) = limit {
        v.range(limit, "limit", 1, 10_000);
    }
    if let Some(start) = start {
        v.name(
            start,
            "exclusiveStartStreamName",
            128,
            "[a-zA-Z0-9_.-]+",
            super::validation::is_name_char,
        );
    }
    v.finish()?;
    let limit = limit.unwrap_or(100) as usize;
    let after: Vec<&Stream> = sb
        .streams
        .streams
        .values()
        .filter(|s| start.is_none_or(|start| s.name.as_str() > start))
        .collect();
    let page = &after[..after.len().min(limit)];
    let names: Vec<&str> = page.iter().map(|s| s.name.as_str()).collect();
    let summaries: Vec<Value> = page
        .iter()
        .map(|s| {
            json!({
                "StreamName": s.name,
                "StreamARN": sb.arn("kinesis", &format!("stream/{}", s.name)),
            })
        })
        .collect();
    let mut out = json!({
        "StreamNames": names,
        "HasMoreStreams": after.len() > page.len(),
        "StreamSummaries": summaries,
    });
    if after.len() > page.len() {
        if let Some(last) = names.last() {
            out["NextToken"] = json!(last);
        }
    }
    Ok(out)
}
