//! The `RecordDeAggregation` and `AppendDelimiterToRecord` processors: one record split into
//! the records it carries, before dynamic partitioning reads each; and the newline Firehose
//! puts after each record when asked, since de-aggregation drops the separators.

use super::partition::{ExtractionFailure, PartitionFailure};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;

/// Sub-records de-aggregated from one record at most.
pub const MAX_SUB_RECORDS: usize = 500;

/// How the records in one record are told apart (`SubRecordType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SubRecordType {
    /// JSON objects one after another, with or without whitespace or newlines between them.
    Json,
    /// Records separated by the `Delimiter` bytes.
    Delimited,
}

impl SubRecordType {
    pub const ALL: [SubRecordType; 2] = [SubRecordType::Json, SubRecordType::Delimited];

    /// The parameter value, `JSON` or `DELIMITED`.
    pub fn as_str(self) -> &'static str {
        match self {
            SubRecordType::Json => "JSON",
            SubRecordType::Delimited => "DELIMITED",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == value)
    }
}

/// Why a record could not be split. The docs give the rules (JSON objects, not an array; at
/// most 500 per record) but not the logged words: the messages are the sandbox's. Users
/// report that a record past the limit reaches the metadata query whole, where it fails as
/// non-JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeaggregationFailure {
    /// Not a sequence of JSON objects (empty, not JSON, or a string or number among them).
    NonJsonRecord,
    /// A JSON array: de-aggregation takes objects one after another, not an array of them.
    JsonArray,
    /// More sub-records than [`MAX_SUB_RECORDS`].
    TooManySubRecords { count: usize },
}

impl fmt::Display for DeaggregationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeaggregationFailure::NonJsonRecord => f.write_str("Non JSON record provided"),
            DeaggregationFailure::JsonArray => {
                f.write_str("JSON arrays are not de-aggregated: send the objects one after another")
            }
            DeaggregationFailure::TooManySubRecords { count } => write!(
                f,
                "The record holds {count} sub-records; at most {MAX_SUB_RECORDS} are de-aggregated"
            ),
        }
    }
}

impl DeaggregationFailure {
    /// How the record fails when dynamic partitioning then reads it whole, as users see it:
    /// `DynamicPartitioning.MetadataExtractionFailed`, in `metadata-extraction-failed`.
    pub fn as_partition_failure(&self) -> PartitionFailure {
        PartitionFailure::MetadataExtractionFailed(match self {
            DeaggregationFailure::JsonArray => ExtractionFailure::NotAnObject("array".into()),
            _ => ExtractionFailure::NonJsonRecord,
        })
    }
}

/// The records one record carries, each as its own bytes without the separators.
pub fn deaggregate(
    record: &[u8],
    kind: SubRecordType,
    delimiter: Option<&[u8]>,
) -> Result<Vec<Vec<u8>>, DeaggregationFailure> {
    let parts = match kind {
        SubRecordType::Json => json_objects(record)?,
        SubRecordType::Delimited => delimited(record, delimiter.unwrap_or_default()),
    };
    if parts.len() > MAX_SUB_RECORDS {
        return Err(DeaggregationFailure::TooManySubRecords { count: parts.len() });
    }
    Ok(parts)
}

fn json_objects(record: &[u8]) -> Result<Vec<Vec<u8>>, DeaggregationFailure> {
    let mut out = Vec::new();
    for value in serde_json::Deserializer::from_slice(record).into_iter::<&RawValue>() {
        let text = value
            .map_err(|_| DeaggregationFailure::NonJsonRecord)?
            .get();
        match text.as_bytes().first() {
            Some(b'{') => out.push(text.as_bytes().to_vec()),
            Some(b'[') => return Err(DeaggregationFailure::JsonArray),
            _ => return Err(DeaggregationFailure::NonJsonRecord),
        }
    }
    if out.is_empty() {
        return Err(DeaggregationFailure::NonJsonRecord);
    }
    Ok(out)
}

/// `record` split at each `delimiter`; empty pieces (a delimiter at the end, two in a row)
/// are not records. An empty delimiter leaves the record whole.
fn delimited(record: &[u8], delimiter: &[u8]) -> Vec<Vec<u8>> {
    if delimiter.is_empty() {
        return vec![record.to_vec()];
    }
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + delimiter.len() <= record.len() {
        if &record[i..i + delimiter.len()] == delimiter {
            out.push(&record[start..i]);
            i += delimiter.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&record[start..]);
    out.into_iter()
        .filter(|p| !p.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// `AppendDelimiterToRecord`: the record followed by a newline.
pub fn append_delimiter(record: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(record.len() + 1);
    out.extend_from_slice(record);
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(record: &str) -> Result<Vec<String>, DeaggregationFailure> {
        deaggregate(record.as_bytes(), SubRecordType::Json, None).map(|parts| {
            parts
                .into_iter()
                .map(|p| String::from_utf8(p).unwrap())
                .collect()
        })
    }

    #[test]
    fn concatenated_and_newline_separated_objects() {
        assert_eq!(
            json(r#"{"a":1}{"b":{"c":[1,2]}}"#).unwrap(),
            [r#"{"a":1}"#, r#"{"b":{"c":[1,2]}}"#]
        );
        assert_eq!(
            json("{\"a\":1}\n{\"a\": 2}\r\n  {\"a\":\"}{\"}\n").unwrap(),
            [r#"{"a":1}"#, r#"{"a": 2}"#, r#"{"a":"}{"}"#]
        );
    }

    #[test]
    fn arrays_scalars_and_broken_json_fail() {
        assert_eq!(
            json(r#"[{"a":1},{"a":2}]"#),
            Err(DeaggregationFailure::JsonArray)
        );
        assert_eq!(
            json(r#"{"a":1} 2"#),
            Err(DeaggregationFailure::NonJsonRecord)
        );
        assert_eq!(
            json(r#"{"a":1}{"a""#),
            Err(DeaggregationFailure::NonJsonRecord)
        );
        assert_eq!(json("  \n"), Err(DeaggregationFailure::NonJsonRecord));
        assert_eq!(json("plain text"), Err(DeaggregationFailure::NonJsonRecord));
        assert_eq!(
            DeaggregationFailure::TooManySubRecords { count: 501 }
                .as_partition_failure()
                .to_string(),
            "Non JSON record provided"
        );
    }

    #[test]
    fn at_most_five_hundred_sub_records() {
        assert_eq!(json(&"{}".repeat(500)).unwrap().len(), 500);
        assert_eq!(
            json(&"{}".repeat(501)),
            Err(DeaggregationFailure::TooManySubRecords { count: 501 })
        );
        let many = "x####".repeat(501);
        assert_eq!(
            deaggregate(many.as_bytes(), SubRecordType::Delimited, Some(b"####")),
            Err(DeaggregationFailure::TooManySubRecords { count: 501 })
        );
    }

    #[test]
    fn delimited_records() {
        let split = |record: &str, delimiter: &str| {
            deaggregate(
                record.as_bytes(),
                SubRecordType::Delimited,
                Some(delimiter.as_bytes()),
            )
            .unwrap()
            .into_iter()
            .map(|p| String::from_utf8(p).unwrap())
            .collect::<Vec<_>>()
        };
        assert_eq!(split("a####b####c", "####"), ["a", "b", "c"]);
        assert_eq!(split("a####b####", "####"), ["a", "b"]);
        assert_eq!(split("########a###b", "####"), ["a###b"]);
        assert_eq!(split("abc", ""), ["abc"]);
        assert_eq!(split("a,b", ","), ["a", "b"]);
    }

    #[test]
    fn sub_record_types_by_their_parameter_value() {
        assert_eq!(SubRecordType::parse("JSON"), Some(SubRecordType::Json));
        assert_eq!(
            SubRecordType::parse("DELIMITED"),
            Some(SubRecordType::Delimited)
        );
        assert_eq!(SubRecordType::parse("json"), None);
        assert_eq!(append_delimiter(b"{}"), b"{}\n");
    }
}
