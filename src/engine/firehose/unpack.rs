//! What Firehose does to a record before anything else reads it: `Decompression` (the gzip
//! CloudWatch Logs puts on what a subscription filter sends), `CloudWatchLogProcessing`
//! (message extraction: the log events' messages without their envelope) and
//! `RecordDeAggregation` (one record holding many). One record in, any number out — none for
//! CloudWatch Logs' control message, one per log event, one per sub-record — or the reason it
//! goes to the error output as it came.

use super::deaggregate::{self, DeaggregationFailure};
use super::partition::PartitionFailure;
use super::processing_config::{Processing, Processor};
use serde_json::Value;
use std::io::Read;

/// Where an unpacked record goes when it can't be unpacked: the logged error code, the message,
/// and the error output type in the object's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnpackFailure {
    /// Not gzip, or gzip that ends too soon. The docs name the `decompression-failed` folder;
    /// the code is the sandbox's, in the style of Firehose's other codes.
    Decompression(String),
    /// Decompressed, but not CloudWatch Logs' JSON envelope, so no messages to extract.
    MessageExtraction(String),
    /// `RecordDeAggregation` could not split it; dynamic partitioning then fails on it.
    Deaggregation(DeaggregationFailure),
}

impl UnpackFailure {
    pub fn code(&self) -> &'static str {
        match self {
            UnpackFailure::Decompression(_) => "Decompression.Failed",
            UnpackFailure::MessageExtraction(_) => {
                "CloudWatchLogProcessing.MessageExtractionFailed"
            }
            UnpackFailure::Deaggregation(f) => partition_failure(f).code(),
        }
    }

    pub fn message(&self) -> String {
        match self {
            UnpackFailure::Decompression(m) | UnpackFailure::MessageExtraction(m) => m.clone(),
            UnpackFailure::Deaggregation(f) => f.to_string(),
        }
    }

    /// The error output type: `!{firehose:error-output-type}` in the error prefix.
    pub fn output_type(&self) -> &'static str {
        match self {
            UnpackFailure::Decompression(_) | UnpackFailure::MessageExtraction(_) => {
                "decompression-failed"
            }
            UnpackFailure::Deaggregation(f) => partition_failure(f).error_output_type(),
        }
    }
}

fn partition_failure(f: &DeaggregationFailure) -> PartitionFailure {
    f.as_partition_failure()
}

/// Whether the processors change a record before anything reads it.
pub fn unpacks(p: Option<&Processing>) -> bool {
    p.is_some_and(|p| {
        p.active().iter().any(|x| {
            matches!(
                x,
                Processor::Decompression { .. }
                    | Processor::CloudWatchLogProcessing {
                        data_message_extraction: true
                    }
                    | Processor::RecordDeAggregation { .. }
            )
        })
    })
}

/// Whether records must come from CloudWatch Logs (`Decompression` on).
pub fn decompresses(p: Option<&Processing>) -> bool {
    p.is_some_and(|p| {
        p.active()
            .iter()
            .any(|x| matches!(x, Processor::Decompression { .. }))
    })
}

/// The records `data` becomes, in order.
pub fn unpack(p: &Processing, data: &[u8]) -> Result<Vec<Vec<u8>>, UnpackFailure> {
    let active = p.active();
    let mut records = vec![data.to_vec()];
    if active
        .iter()
        .any(|x| matches!(x, Processor::Decompression { .. }))
    {
        records = vec![gunzip(data)?];
    }
    if active.iter().any(|x| {
        matches!(
            x,
            Processor::CloudWatchLogProcessing {
                data_message_extraction: true
            }
        )
    }) {
        records = extract_messages(&records[0])?;
    }
    if let Some((kind, delimiter)) = p.deaggregation() {
        let mut out = Vec::new();
        for r in &records {
            out.extend(
                deaggregate::deaggregate(r, kind, delimiter)
                    .map_err(UnpackFailure::Deaggregation)?,
            );
        }
        records = out;
    }
    Ok(records)
}

/// Every gzip member, one after another (CloudWatch Logs' data is one member; concatenated
/// members are valid gzip too).
fn gunzip(data: &[u8]) -> Result<Vec<u8>, UnpackFailure> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(data)
        .read_to_end(&mut out)
        .map_err(|e| {
            UnpackFailure::Decompression(format!(
                "The record could not be decompressed as GZIP: {e}."
            ))
        })?;
    Ok(out)
}

/// The messages of a `DATA_MESSAGE`'s log events, each a record; none for a `CONTROL_MESSAGE`
/// (CloudWatch Logs checking the destination when a subscription filter is made).
fn extract_messages(json: &[u8]) -> Result<Vec<Vec<u8>>, UnpackFailure> {
    let fail = |why: &str| {
        UnpackFailure::MessageExtraction(format!(
            "The record is not a CloudWatch Logs subscription message: {why}."
        ))
    };
    let envelope: Value = serde_json::from_slice(json).map_err(|_| fail("it is not JSON"))?;
    match envelope.get("messageType").and_then(Value::as_str) {
        Some("CONTROL_MESSAGE") => Ok(Vec::new()),
        Some("DATA_MESSAGE") => {
            let events = envelope
                .get("logEvents")
                .and_then(Value::as_array)
                .ok_or_else(|| fail("it has no logEvents"))?;
            events
                .iter()
                .map(|e| {
                    e.get("message")
                        .and_then(Value::as_str)
                        .map(|m| m.as_bytes().to_vec())
                        .ok_or_else(|| fail("a log event has no message"))
                })
                .collect()
        }
        _ => Err(fail(
            "it has no messageType DATA_MESSAGE or CONTROL_MESSAGE",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::firehose::deaggregate::SubRecordType;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn processing(processors: Vec<Processor>) -> Processing {
        Processing {
            enabled: true,
            processors,
        }
    }

    fn decompress(extract: bool) -> Processing {
        processing(vec![
            Processor::Decompression {
                compression_format: "GZIP".into(),
            },
            Processor::CloudWatchLogProcessing {
                data_message_extraction: extract,
            },
        ])
    }

    const DATA: &str = r#"{"messageType":"DATA_MESSAGE","owner":"123456789012","logGroup":"/aws/lambda/f","logStream":"s","subscriptionFilters":["all"],"logEvents":[{"id":"1","timestamp":1,"message":"first"},{"id":"2","timestamp":2,"message":"{\"a\":1}"}]}"#;

    #[test]
    fn decompression_alone_gives_the_envelope() {
        let out = unpack(&decompress(false), &gzip(DATA.as_bytes())).unwrap();
        assert_eq!(out, vec![DATA.as_bytes().to_vec()]);
    }

    #[test]
    fn extraction_gives_each_message_and_drops_control_messages() {
        let out = unpack(&decompress(true), &gzip(DATA.as_bytes())).unwrap();
        assert_eq!(out, vec![b"first".to_vec(), br#"{"a":1}"#.to_vec()]);
        let control = r#"{"messageType":"CONTROL_MESSAGE","owner":"CloudwatchLogs","logGroup":"","logStream":"","subscriptionFilters":[],"logEvents":[{"id":"","timestamp":1,"message":"CWL CONTROL MESSAGE: Checking health of destination Firehose."}]}"#;
        assert!(unpack(&decompress(true), &gzip(control.as_bytes()))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn failures_name_their_error_output() {
        let e = unpack(&decompress(true), b"plain text").unwrap_err();
        assert_eq!(e.output_type(), "decompression-failed");
        assert_eq!(e.code(), "Decompression.Failed");
        let e = unpack(&decompress(true), &gzip(b"[1,2]")).unwrap_err();
        assert_eq!(e.code(), "CloudWatchLogProcessing.MessageExtractionFailed");
        assert_eq!(e.output_type(), "decompression-failed");
    }

    #[test]
    fn extracted_messages_are_deaggregated_after() {
        let mut p = decompress(true);
        p.processors.push(Processor::RecordDeAggregation {
            sub_record_type: SubRecordType::Json,
            delimiter: None,
        });
        let data = r#"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"{\"a\":1}{\"a\":2}"},{"message":"{\"b\":3}"}]}"#;
        let out = unpack(&p, &gzip(data.as_bytes())).unwrap();
        assert_eq!(out.len(), 3);
        let e = unpack(
            &p,
            &gzip(br#"{"messageType":"DATA_MESSAGE","logEvents":[{"message":"[1]"}]}"#),
        )
        .unwrap_err();
        assert_eq!(e.output_type(), "metadata-extraction-failed");
    }

    #[test]
    fn only_these_processors_unpack() {
        assert!(!unpacks(None));
        assert!(!unpacks(Some(&processing(vec![
            Processor::AppendDelimiterToRecord
        ]))));
        assert!(unpacks(Some(&decompress(false))));
        assert!(decompresses(Some(&decompress(false))));
    }
}
