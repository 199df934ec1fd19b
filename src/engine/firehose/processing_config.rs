//! `ProcessingConfiguration` and `DynamicPartitioningConfiguration`, read and checked as
//! Firehose does, shown as DescribeDeliveryStream shows them, and saved; plus the rules that
//! tie dynamic partitioning to the processors, the prefixes and the buffering.
//!
//! Constraint failures the botocore model declares (the `Type` and `ParameterName` enums,
//! `ParameterValue`'s pattern and length, `DurationInSeconds`' range) are Coral's
//! `ValidationException`s. The rest are `InvalidArgumentException`s whose wording is the
//! sandbox's: AWS documents the rules, not the messages.

use super::deaggregate::SubRecordType;
use super::partition::{query_key_names, Query};
use super::prefix::{self, KeySources};
use crate::engine::body::Body;
use crate::engine::{ApiError, Validation};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

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

/// The parameters each type takes.
fn takes(kind: &str) -> &'static [&'static str] {
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

    /// A processor of `kind` (one of [`TYPES`]) from its parameters, names already checked
    /// against the enum.
    fn read(kind: &str, params: &[(&str, &str)]) -> Result<Self, ApiError> {
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

/// What the dynamic partitioning rules look at in one S3 destination.
#[derive(Debug, Clone, Copy)]
pub struct Destination<'a> {
    /// An `ExtendedS3` destination (the only kind that partitions).
    pub extended_s3: bool,
    pub processing: &'a Processing,
    pub dynamic_partitioning: DynamicPartitioning,
    pub prefix: Option<&'a str>,
    pub error_output_prefix: Option<&'a str>,
    /// `BufferingHints.IntervalInSeconds`.
    pub buffer_interval_s: u32,
}

/// The rules that tie a destination's parts together (create and update alike):
/// - the processors that only dynamic partitioning uses need it on;
/// - with it on: an Extended S3 destination, a buffer interval above zero, a
///   `MetadataExtraction` or `Lambda` processor to give keys, and prefixes that pass
///   [`prefix::validate_partitioned`];
/// - with it off: prefixes that pass [`prefix::validate`].
pub fn check(d: &Destination) -> Result<(), ApiError> {
    let on = d.dynamic_partitioning.enabled;
    if on && !d.extended_s3 {
        return Err(invalid(
            "Dynamic partitioning is only supported for Amazon S3 destinations (ExtendedS3DestinationConfiguration).",
        ));
    }
    for p in d.processing.active() {
        if !on
            && matches!(
                p,
                Processor::MetadataExtraction { .. } | Processor::RecordDeAggregation { .. }
            )
        {
            return Err(invalid(format!(
                "The {} processor needs dynamic partitioning to be enabled.",
                p.type_name()
            )));
        }
    }
    if !on {
        return prefix::validate(d.prefix, d.error_output_prefix).map_err(invalid);
    }
    if d.buffer_interval_s == 0 {
        return Err(invalid(
            "BufferingHints.IntervalInSeconds must be greater than 0 when dynamic partitioning is enabled.",
        ));
    }
    let sources = d.processing.key_sources();
    if !sources.query && !sources.lambda {
        return Err(invalid(
            "Dynamic partitioning needs partition keys: enable ProcessingConfiguration with a MetadataExtraction or Lambda processor.",
        ));
    }
    prefix::validate_partitioned(d.prefix, d.error_output_prefix, &sources).map_err(invalid)
}

/// UpdateDestination's rule: dynamic partitioning is chosen when the delivery stream is
/// created and stays as it was. `requested` is the update's `DynamicPartitioningConfiguration`,
/// if it has one.
pub fn check_update(
    was_enabled: bool,
    requested: Option<&DynamicPartitioning>,
) -> Result<(), ApiError> {
    match requested.map(|r| r.enabled) {
        Some(false) if was_enabled => Err(invalid(
            "Dynamic partitioning cannot be disabled once it is enabled.",
        )),
        Some(true) if !was_enabled => Err(invalid(
            "Dynamic partitioning can only be enabled when the delivery stream is created.",
        )),
        _ => Ok(()),
    }
}
