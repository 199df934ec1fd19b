//! Each processor type's parameters: which it takes, their values read into their types,
//! and AWS's defaults for the ones left out.

use super::{invalid, LambdaProcessor, Processor};
use crate::engine::firehose::deaggregate::SubRecordType;
use crate::engine::firehose::partition::Query;
use crate::engine::ApiError;
use base64::Engine as _;

/// The parameters each type takes.
pub(super) fn takes(kind: &str) -> &'static [&'static str] {
    match kind {
        "Lambda" => &[
            "LambdaArn",
            "NumberOfRetries",
            "RoleArn",
            "BufferSizeInMBs",
            "BufferIntervalInSeconds",
        ],
        "MetadataExtraction" => &["MetadataExtractionQuery", "JsonParsingEngine"],
        "RecordDeAggregation" => &["SubRecordType", "Delimiter"],
        "Decompression" => &["CompressionFormat"],
        "CloudWatchLogProcessing" => &["DataMessageExtraction"],
        _ => &[],
    }
}

/// The value of parameter `name`, if given.
fn param<'a>(params: &[(&str, &'a str)], name: &str) -> Option<&'a str> {
    params.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

fn required<'a>(params: &[(&str, &'a str)], kind: &str, name: &str) -> Result<&'a str, ApiError> {
    param(params, name).ok_or_else(|| {
        invalid(format!(
            "The {kind} processor requires the parameter {name}."
        ))
    })
}

fn out_of_range(kind: &str, name: &str, value: &str, range: &str) -> ApiError {
    invalid(format!(
        "The {kind} processor's parameter {name} is '{value}': it must be {range}."
    ))
}

impl Processor {
    /// A processor of `kind` (one of `TYPES`) from its parameters, names already checked
    /// against the enum.
    pub(super) fn read(kind: &str, params: &[(&str, &str)]) -> Result<Self, ApiError> {
        for (i, (name, _)) in params.iter().enumerate() {
            if !takes(kind).contains(name) {
                return Err(invalid(if takes(kind).is_empty() {
                    format!("The {kind} processor takes no parameters.")
                } else {
                    format!(
                        "The {kind} processor does not take the parameter {name}: it takes {}.",
                        takes(kind).join(", ")
                    )
                }));
            }
            if params[..i].iter().any(|(n, _)| n == name) {
                return Err(invalid(format!(
                    "The {kind} processor has the parameter {name} more than once."
                )));
            }
        }
        Ok(match kind {
            "Lambda" => Processor::Lambda(LambdaProcessor::read(params)?),
            "MetadataExtraction" => {
                let query = required(params, kind, "MetadataExtractionQuery")?;
                let engine = required(params, kind, "JsonParsingEngine")?;
                if engine != "JQ-1.6" {
                    return Err(invalid(format!(
                        "JsonParsingEngine '{engine}' is not supported: use JQ-1.6."
                    )));
                }
                Processor::MetadataExtraction {
                    query: Query::new(query)?,
                    engine: engine.to_string(),
                }
            }
            "RecordDeAggregation" => {
                let t = required(params, kind, "SubRecordType")?;
                let sub_record_type = SubRecordType::parse(t).ok_or_else(|| {
                    invalid(format!(
                        "SubRecordType '{t}' is not supported: use JSON or DELIMITED."
                    ))
                })?;
                let delimiter = match param(params, "Delimiter") {
                    None if sub_record_type == SubRecordType::Delimited => {
                        return Err(invalid(
                            "SubRecordType DELIMITED requires the parameter Delimiter.",
                        ))
                    }
                    None => None,
                    Some(d) => Some(
                        base64::engine::general_purpose::STANDARD
                            .decode(d)
                            .ok()
                            .filter(|bytes| !bytes.is_empty())
                            .ok_or_else(|| {
                                invalid(format!("Delimiter '{d}' is not base64-encoded."))
                            })?,
                    ),
                };
                Processor::RecordDeAggregation {
                    sub_record_type,
                    delimiter,
                }
            }
            "AppendDelimiterToRecord" => Processor::AppendDelimiterToRecord,
            "Decompression" => {
                let format = required(params, kind, "CompressionFormat")?;
                if format != "GZIP" {
                    return Err(invalid(format!(
                        "CompressionFormat '{format}' is not supported: use GZIP."
                    )));
                }
                Processor::Decompression {
                    compression_format: format.to_string(),
                }
            }
            _ => {
                let value = required(params, kind, "DataMessageExtraction")?;
                let data_message_extraction = match value {
                    "true" => true,
                    "false" => false,
                    other => {
                        return Err(out_of_range(
                            kind,
                            "DataMessageExtraction",
                            other,
                            "true or false",
                        ))
                    }
                };
                Processor::CloudWatchLogProcessing {
                    data_message_extraction,
                }
            }
        })
    }
}

impl LambdaProcessor {
    fn read(params: &[(&str, &str)]) -> Result<Self, ApiError> {
        const KIND: &str = "Lambda";
        let arn = required(params, KIND, "LambdaArn")?;
        if !arn.starts_with("arn:") || !arn.contains(":lambda:") {
            return Err(invalid(format!(
                "LambdaArn '{arn}' is not the ARN of a Lambda function."
            )));
        }
        let retries = match param(params, "NumberOfRetries") {
            None => 3,
            Some(r) => r.parse::<u32>().ok().filter(|r| *r <= 300).ok_or_else(|| {
                out_of_range(KIND, "NumberOfRetries", r, "a whole number from 0 to 300")
            })?,
        };
        let buffer_size_mb = match param(params, "BufferSizeInMBs") {
            None => 1.0,
            Some(s) => s
                .parse::<f64>()
                .ok()
                .filter(|s| (0.2..=3.0).contains(s))
                .ok_or_else(|| out_of_range(KIND, "BufferSizeInMBs", s, "from 0.2 to 3"))?,
        };
        let buffer_interval_s = match param(params, "BufferIntervalInSeconds") {
            None => 60,
            Some(i) => i.parse::<u32>().ok().filter(|i| *i <= 900).ok_or_else(|| {
                out_of_range(
                    KIND,
                    "BufferIntervalInSeconds",
                    i,
                    "a whole number from 0 to 900",
                )
            })?,
        };
        Ok(Self {
            arn: arn.to_string(),
            retries,
            role_arn: param(params, "RoleArn").map(str::to_string),
            buffer_size_mb,
            buffer_interval_s,
        })
    }
}
