//! `ProcessingConfiguration` and `DynamicPartitioningConfiguration`, read and checked as
//! Firehose does, shown as DescribeDeliveryStream shows them, and saved; plus the rules that
//! tie dynamic partitioning to the processors, the prefixes and the buffering.
//!
//! Constraint failures the botocore model declares (the `Type` and `ParameterName` enums,
//! `ParameterValue`'s pattern and length, `DurationInSeconds`' range) are Coral's
//! `ValidationException`s. The rest are `InvalidArgumentException`s whose wording is the
//! sandbox's: AWS documents the rules, not the messages.

mod parameters;
mod rules;

use super::deaggregate::SubRecordType;
use super::partition::{query_key_names, Query};
use super::prefix::KeySources;
use crate::engine::body::Body;
use crate::engine::{ApiError, Validation};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub use rules::{check, check_update, Destination};

/// `ProcessingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Processing {
    pub enabled: bool,
    pub processors: Vec<Processor>,
}

/// One processor, with its parameters read into their types and AWS's defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Processor {
    Lambda(LambdaProcessor),
    /// Dynamic partitioning's inline keys: a jq query and the engine that runs it.
    MetadataExtraction {
        query: Query,
        engine: String,
    },
    RecordDeAggregation {
        sub_record_type: SubRecordType,
        /// `Delimiter`, base64-decoded (`DELIMITED` only).
        delimiter: Option<Vec<u8>>,
    },
    AppendDelimiterToRecord,
    /// `CompressionFormat` (`GZIP`): records arriving compressed, from CloudWatch Logs.
    Decompression {
        compression_format: String,
    },
    /// `DataMessageExtraction`: CloudWatch Logs' envelopes unwrapped to their messages.
    CloudWatchLogProcessing {
        data_message_extraction: bool,
    },
}

/// The `Lambda` processor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaProcessor {
    pub arn: String,
    /// `NumberOfRetries`, 0–300, default 3.
    pub retries: u32,
    pub role_arn: Option<String>,
    /// `BufferSizeInMBs`, 0.2–3, default 1.
    pub buffer_size_mb: f64,
    /// `BufferIntervalInSeconds`, 0–900, default 60.
    pub buffer_interval_s: u32,
}

/// `DynamicPartitioningConfiguration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DynamicPartitioning {
    pub enabled: bool,
    /// `RetryOptions.DurationInSeconds`, 0–7200, default 300.
    pub retry_duration_s: u32,
}

impl Default for DynamicPartitioning {
    fn default() -> Self {
        Self {
            enabled: false,
            retry_duration_s: 300,
        }
    }
}

const TYPES: [&str; 6] = [
    "RecordDeAggregation",
    "Decompression",
    "CloudWatchLogProcessing",
    "Lambda",
    "MetadataExtraction",
    "AppendDelimiterToRecord",
];

const PARAMETER_NAMES: [&str; 11] = [
    "LambdaArn",
    "NumberOfRetries",
    "MetadataExtractionQuery",
    "JsonParsingEngine",
    "RoleArn",
    "BufferSizeInMBs",
    "BufferIntervalInSeconds",
    "SubRecordType",
    "Delimiter",
    "CompressionFormat",
    "DataMessageExtraction",
];

fn enum_set(values: &[&str]) -> String {
    format!(
        "Member must satisfy enum value set: [{}]",
        values.join(", ")
    )
}

/// `^(?!\s*$).+`: at least one character that is not white space, and no line breaks.
fn is_parameter_value(value: &str) -> bool {
    !value.trim().is_empty() && !value.contains(['\n', '\r'])
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::invalid_argument(message)
}

impl Processing {
    /// Reads a `ProcessingConfiguration` at `path` (its camelCase place in the request, for
    /// Coral's messages, e.g. `extendedS3DestinationConfiguration.processingConfiguration`).
    pub fn read(cfg: Body, path: &str) -> Result<Self, ApiError> {
        let enabled = cfg.boolean("Enabled")?.unwrap_or(false);
        let items = cfg
            .list("Processors")?
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut raw = Vec::new();
        let mut v = Validation::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}.processors.{}.member", i + 1);
            let p = Body::of(item)?;
            let kind = p.string("Type")?;
            match kind {
                None => v.fail(None, &format!("{at}.type"), "Member must not be null"),
                Some(k) if !TYPES.contains(&k) => {
                    v.fail(Some(k), &format!("{at}.type"), &enum_set(&TYPES))
                }
                Some(_) => {}
            }
            let mut params = Vec::new();
            let list = p.list("Parameters")?.map(Vec::as_slice).unwrap_or_default();
            for (j, param) in list.iter().enumerate() {
                let at = format!("{at}.parameters.{}.member", j + 1);
                let q = Body::of(param)?;
                let name = q.string("ParameterName")?;
                let value = q.string("ParameterValue")?;
                match name {
                    None => v.fail(
                        None,
                        &format!("{at}.parameterName"),
                        "Member must not be null",
                    ),
                    Some(n) if !PARAMETER_NAMES.contains(&n) => v.fail(
                        Some(n),
                        &format!("{at}.parameterName"),
                        &enum_set(&PARAMETER_NAMES),
                    ),
                    Some(_) => {}
                }
                match value {
                    None => v.fail(
                        None,
                        &format!("{at}.parameterValue"),
                        "Member must not be null",
                    ),
                    Some(x) => v.string(
                        x,
                        &format!("{at}.parameterValue"),
                        Some(("^(?!\\s*$).+", is_parameter_value)),
                        1,
                        5120,
                    ),
                }
                params.push((name.unwrap_or_default(), value.unwrap_or_default()));
            }
            raw.push((kind.unwrap_or_default(), params));
        }
        v.finish()?;
        let mut processors = Vec::new();
        for (kind, params) in raw {
            if processors.iter().any(|p: &Processor| p.type_name() == kind) {
                return Err(invalid(format!(
                    "ProcessingConfiguration has more than one {kind} processor."
                )));
            }
            processors.push(Processor::read(kind, &params)?);
        }
        Ok(Self {
            enabled,
            processors,
        })
    }

    /// As DescribeDeliveryStream shows it.
    pub fn describe(&self) -> Value {
        json!({
            "Enabled": self.enabled,
            "Processors": self.processors.iter().map(Processor::describe).collect::<Vec<_>>(),
        })
    }

    /// The processors that act: none while processing is disabled.
    pub fn active(&self) -> &[Processor] {
        if self.enabled {
            &self.processors
        } else {
            &[]
        }
    }

    /// The `MetadataExtraction` processor's query, if one acts.
    pub fn query(&self) -> Option<&Query> {
        self.active().iter().find_map(|p| match p {
            Processor::MetadataExtraction { query, .. } => Some(query),
            _ => None,
        })
    }

    /// The `Lambda` processor, if one acts.
    pub fn lambda(&self) -> Option<&LambdaProcessor> {
        self.active().iter().find_map(|p| match p {
            Processor::Lambda(l) => Some(l),
            _ => None,
        })
    }

    /// How records are de-aggregated, if they are.
    pub fn deaggregation(&self) -> Option<(SubRecordType, Option<&[u8]>)> {
        self.active().iter().find_map(|p| match p {
            Processor::RecordDeAggregation {
                sub_record_type,
                delimiter,
            } => Some((*sub_record_type, delimiter.as_deref())),
            _ => None,
        })
    }

    /// Whether a newline follows each record delivered.
    pub fn appends_delimiter(&self) -> bool {
        self.active()
            .iter()
            .any(|p| matches!(p, Processor::AppendDelimiterToRecord))
    }

    /// The partition keys these processors can give a prefix.
    pub fn key_sources(&self) -> KeySources {
        KeySources {
            query: self.query().is_some(),
            query_keys: self.query().and_then(|q| query_key_names(q.text())),
            lambda: self.lambda().is_some(),
        }
    }
}

impl Processor {
    /// The processor's `Type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Processor::Lambda(_) => "Lambda",
            Processor::MetadataExtraction { .. } => "MetadataExtraction",
            Processor::RecordDeAggregation { .. } => "RecordDeAggregation",
            Processor::AppendDelimiterToRecord => "AppendDelimiterToRecord",
            Processor::Decompression { .. } => "Decompression",
            Processor::CloudWatchLogProcessing { .. } => "CloudWatchLogProcessing",
        }
    }

    /// As DescribeDeliveryStream shows it: its parameters, with the defaults AWS fills in for
    /// a Lambda function.
    pub fn describe(&self) -> Value {
        let mut params: Vec<(&str, String)> = Vec::new();
        match self {
            Processor::Lambda(l) => {
                params.push(("LambdaArn", l.arn.clone()));
                params.push(("NumberOfRetries", l.retries.to_string()));
                if let Some(role) = &l.role_arn {
                    params.push(("RoleArn", role.clone()));
                }
                params.push(("BufferSizeInMBs", l.buffer_size_mb.to_string()));
                params.push(("BufferIntervalInSeconds", l.buffer_interval_s.to_string()));
            }
            Processor::MetadataExtraction { query, engine } => {
                params.push(("MetadataExtractionQuery", query.text().to_string()));
                params.push(("JsonParsingEngine", engine.clone()));
            }
            Processor::RecordDeAggregation {
                sub_record_type,
                delimiter,
            } => {
                params.push(("SubRecordType", sub_record_type.as_str().to_string()));
                if let Some(d) = delimiter {
                    params.push((
                        "Delimiter",
                        base64::engine::general_purpose::STANDARD.encode(d),
                    ));
                }
            }
            Processor::AppendDelimiterToRecord => {}
            Processor::Decompression { compression_format } => {
                params.push(("CompressionFormat", compression_format.clone()));
            }
            Processor::CloudWatchLogProcessing {
                data_message_extraction,
            } => params.push(("DataMessageExtraction", data_message_extraction.to_string())),
        }
        let parameters: Vec<Value> = params
            .into_iter()
            .map(|(n, v)| json!({"ParameterName": n, "ParameterValue": v}))
            .collect();
        json!({"Type": self.type_name(), "Parameters": parameters})
    }
}

impl DynamicPartitioning {
    /// Reads a `DynamicPartitioningConfiguration` at `path` (camelCase, for Coral's messages).
    pub fn read(cfg: Body, path: &str) -> Result<Self, ApiError> {
        let enabled = cfg.boolean("Enabled")?.unwrap_or(false);
        let mut retry_duration_s = Self::default().retry_duration_s;
        if let Some(r) = cfg.object("RetryOptions")? {
            if let Some(d) = r.integer("DurationInSeconds")? {
                let mut v = Validation::new();
                v.range(
                    d,
                    &format!("{path}.retryOptions.durationInSeconds"),
                    0,
                    7200,
                );
                v.finish()?;
                retry_duration_s = d as u32;
            }
        }
        Ok(Self {
            enabled,
            retry_duration_s,
        })
    }

    /// As DescribeDeliveryStream shows it.
    pub fn describe(&self) -> Value {
        json!({
            "Enabled": self.enabled,
            "RetryOptions": {"DurationInSeconds": self.retry_duration_s},
        })
    }
}
