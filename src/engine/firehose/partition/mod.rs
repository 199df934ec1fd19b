//! Dynamic partitioning's keys: the `MetadataExtraction` processor's jq query run on each record
//! (jq itself is an extension, [`jq`]), the rules its result must follow, and why a record
//! found no partition, as Firehose logs it and names its error folder.

pub mod jq;

use crate::engine::extension;
use crate::engine::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Active partitions a delivery stream may have by default (raisable to 5,000 on request).
pub const DEFAULT_ACTIVE_PARTITIONS: usize = 500;

/// The partition keys of one record, by name, each rendered as it goes into the S3 prefix.
pub type Keys = BTreeMap<String, String>;

/// Why a record found no partition: its `errorCode` ([`PartitionFailure::code`]), its
/// `errorMessage` (`Display`) and the `!{firehose:error-output-type}` folder it goes to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartitionFailure {
    /// `DynamicPartitioning.MetadataExtractionFailed`: no keys came out of the record.
    MetadataExtractionFailed(ExtractionFailure),
    /// `DynamicPartitioning.ActivePartitionsLimitExceeded`: the record's partition would be
    /// one more than the stream may have open at once. (The code is as users report it; the
    /// docs name only the folder, `activePartitionExceeded`.)
    ActivePartitionsLimitExceeded { limit: usize },
}

/// How extracting a record's keys failed. Only the first two messages are Firehose's own words
/// as users quote them; the others are the sandbox's, in the same style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExtractionFailure {
    /// The record is not a single JSON value.
    NonJsonRecord,
    /// A key's value is `null` or the empty string.
    NullOrEmptyKey { key: String },
    /// The query stopped with a jq error (jq's message).
    Query(String),
    /// The query gave no value at all.
    NoResult,
    /// The query's result is not an object (the jq type it is).
    NotAnObject(String),
    /// A key's value is an array or an object.
    NotScalar { key: String },
    /// The prefix names a key the query (or the Lambda function) did not give.
    MissingKey { namespace: String, key: String },
}

impl PartitionFailure {
    /// The `errorCode` Firehose logs.
    pub fn code(&self) -> &'static str {
        match self {
            PartitionFailure::MetadataExtractionFailed(_) => {
                "DynamicPartitioning.MetadataExtractionFailed"
            }
            PartitionFailure::ActivePartitionsLimitExceeded { .. } => {
                "DynamicPartitioning.ActivePartitionsLimitExceeded"
            }
        }
    }

    /// What `!{firehose:error-output-type}` becomes for this record. `activePartitionExceeded`
    /// is the docs' (buffering.html); `metadata-extraction-failed` is the folder users find
    /// such records in.
    pub fn error_output_type(&self) -> &'static str {
        match self {
            PartitionFailure::MetadataExtractionFailed(_) => "metadata-extraction-failed",
            PartitionFailure::ActivePartitionsLimitExceeded { .. } => "activePartitionExceeded",
        }
    }

    fn extraction(f: ExtractionFailure) -> Self {
        PartitionFailure::MetadataExtractionFailed(f)
    }
}

impl fmt::Display for PartitionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PartitionFailure::MetadataExtractionFailed(e) => match e {
                ExtractionFailure::NonJsonRecord => f.write_str("Non JSON record provided"),
                ExtractionFailure::NullOrEmptyKey { .. } => {
                    f.write_str("partitionKeys values must not be null or empty")
                }
                ExtractionFailure::Query(message) => {
                    write!(f, "Metadata extraction query failed: {message}")
                }
                ExtractionFailure::NoResult => {
                    f.write_str("Metadata extraction query returned no result")
                }
                ExtractionFailure::NotAnObject(kind) => write!(
                    f,
                    "Metadata extraction query must return a JSON object, not {kind}"
                ),
                ExtractionFailure::NotScalar { key } => write!(
                    f,
                    "partitionKeys value of '{key}' must be a string, a number or a boolean"
                ),
                ExtractionFailure::MissingKey { namespace, key } => write!(
                    f,
                    "The prefix uses !{{{namespace}:{key}}} but the record has no partition key '{key}'"
                ),
            },
            PartitionFailure::ActivePartitionsLimitExceeded { limit } => write!(
                f,
                "The number of active partitions exceeds the limit of {limit}"
            ),
        }
    }
}

/// A `MetadataExtractionQuery`, checked when it was read. The jq program itself is compiled
/// by the extension, once per query text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    text: String,
}

impl Query {
    /// Checks `text` as jq 1.6 would. `Err` is the `InvalidArgumentException` (the wording is
    /// the sandbox's: AWS's is not documented). Without the jq extension (a split build that
    /// has not fetched it yet) the query is taken as it is and fails when it runs.
    pub fn new(text: &str) -> Result<Self, ApiError> {
        if let Some(jq) = extension::jq() {
            (jq.validate)(text).map_err(|why| {
                ApiError::invalid_argument(format!(
                    "MetadataExtractionQuery '{text}' is not a valid JQ-1.6 expression: {why}"
                ))
            })?;
        }
        Ok(Self {
            text: text.to_string(),
        })
    }

    /// The query as the learner wrote it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The partition keys of one record.
    pub fn keys(&self, record: &[u8]) -> Result<Keys, PartitionFailure> {
        let jq = extension::jq().expect("time does not pass while jq is missing");
        (jq.keys)(&self.text, record)
    }
}

/// `key`'s value as jq prints it into a path: strings as they are, numbers and booleans as
/// JSON; null, the empty string, arrays and objects are failures.
fn render_scalar(key: &str, value: &Value) -> Result<String, ExtractionFailure> {
    match value {
        Value::Null => Err(ExtractionFailure::NullOrEmptyKey { key: key.into() }),
        Value::String(s) if s.is_empty() => {
            Err(ExtractionFailure::NullOrEmptyKey { key: key.into() })
        }
        Value::String(s) => Ok(s.clone()),
        Value::Bool(b) => Ok(b.to_string()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Array(_) | Value::Object(_) => Err(ExtractionFailure::NotScalar { key: key.into() }),
    }
}

/// The keys a Lambda function returned in a record's `metadata.partitionKeys`, under the same
/// rules as a query's result.
pub fn keys_from_json(value: &Value) -> Result<Keys, PartitionFailure> {
    let Value::Object(map) = value else {
        return Err(PartitionFailure::extraction(
            ExtractionFailure::NotAnObject(json_type(value).into()),
        ));
    };
    map.iter()
        .map(|(key, v)| Ok((key.clone(), render_scalar(key, v)?)))
        .collect::<Result<Keys, ExtractionFailure>>()
        .map_err(PartitionFailure::extraction)
}

/// jq's name for a JSON value's type.
pub fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The names of the keys a query can give, when it is an object literal with plain keys
/// (`{customer_id: .customer_id, "device": …}`); `None` when that can't be told without running
/// it. Used to check that the prefix names only keys that can exist.
pub fn query_key_names(query: &str) -> Option<Vec<String>> {
    let body = query.trim().strip_prefix('{')?.strip_suffix('}')?;
    let mut names = Vec::new();
    for entry in split_top_level(body)? {
        let entry = entry.trim();
        let name = match entry.split_once(':') {
            Some((name, _)) => name.trim(),
            // `{customer_id}` is `{customer_id: .customer_id}`.
            None => entry,
        };
        let name = match name.strip_prefix('"').and_then(|n| n.strip_suffix('"')) {
            Some(quoted) if !quoted.contains(['\\', '(']) => quoted,
            Some(_) => return None,
            None if !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !name.starts_with(|c: char| c.is_ascii_digit()) =>
            {
                name
            }
            None => return None,
        };
        names.push(name.to_string());
    }
    Some(names)
}

/// `text` split at its commas outside brackets and strings; `None` when they don't balance.
fn split_top_level(text: &str) -> Option<Vec<&str>> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut in_string, mut escaped) = (0i32, 0, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        if depth < 0 {
            return None;
        }
    }
    (depth == 0 && !in_string).then(|| {
        parts.push(&text[start..]);
        parts
    })
}

#[cfg(test)]
mod tests;
