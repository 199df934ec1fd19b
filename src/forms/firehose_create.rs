//! Create delivery stream, the console's five-step wizard, as pure data: what it collects, the
//! checks before each step, the review, and the calls "Create delivery stream" makes (a new
//! bucket, the console's delivery role, then `CreateDeliveryStream` with its processing chain
//! and record format conversion).

use super::firehose_http::{HttpAction, HttpEndpointForm};
use super::firehose_opensearch::{OpenSearchAction, OpenSearchForm};
use super::firehose_partitioning::{Partitioning, PartitioningAction};
use super::firehose_redshift::{RedshiftAction, RedshiftForm};
use super::firehose_splunk::{SplunkAction, SplunkForm};
use super::{Form, Request};
use crate::engine::iam::delivery_role::{self, DeliveryRoleParams};
use crate::engine::ApiError;
use serde_json::{json, Value};

pub const STEPS: [&str; 5] = [
    "Name and source",
    "Process records",
    "Choose a destination",
    "Configure settings",
    "Review",
];

/// The last step's index.
pub const REVIEW: usize = STEPS.len() - 1;

/// The step (from 0) with the Lambda transformation and the record format conversion.
pub const PROCESS: usize = 1;

/// The step (from 0) with the S3 destination: the bucket and the prefixes, as in the console,
/// where "Choose a destination" picks Amazon S3 and its bucket together.
pub const DESTINATION: usize = 2;

/// The step (from 0) with the buffer, compression, encryption, error logging and IAM role.
pub const SETTINGS: usize = 3;

/// Why Next stays on Choose a destination without a bucket.
pub const BUCKET_MISSING: &str = "Choose an S3 bucket or create one.";

/// (CompressionFormat, the console's label).
pub const COMPRESSIONS: [(&str, &str); 5] = [
    ("UNCOMPRESSED", "Disabled"),
    ("GZIP", "GZIP"),
    ("Snappy", "Snappy"),
    ("ZIP", "Zip"),
    ("HADOOP_SNAPPY", "Hadoop-compatible Snappy"),
];

/// The blueprint the wizard's "Create function" starts from.
pub const TRANSFORM_BLUEPRINT: &str = "kinesis-firehose-process-record";

/// Why Next stays on Process records without a function.
pub const FUNCTION_MISSING: &str = "Choose an AWS Lambda function.";

/// The conversion's rule for the buffer, as the console states it.
pub const CONVERSION_BUFFER_RULE: &str =
    "Record format conversion requires a buffer size of at least 64 MiB; the default becomes 128 MiB.";

/// The conversion's rule for S3 compression, as the console states it.
pub const CONVERSION_COMPRESSION_RULE: &str =
    "S3 compression must be disabled: the serializer compresses (Snappy).";

/// The Lambda processor's buffer size: 0.2–3 MiB, 1 by default.
pub const PROCESSOR_SIZE: (f64, f64) = (0.2, 3.0);

/// The destination buffer's size when record format conversion is on and the learner kept the
/// default.
pub const CONVERSION_SIZE_MB: &str = "128";

/// The destination buffer's size otherwise.
pub const DEFAULT_SIZE_MB: &str = "5";

/// The serializer: the format of the objects written to S3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Parquet,
    Orc,
}

impl OutputFormat {
    pub const ALL: [OutputFormat; 2] = [OutputFormat::Parquet, OutputFormat::Orc];

    pub fn label(self) -> &'static str {
        match self {
            OutputFormat::Parquet => "Apache Parquet",
            OutputFormat::Orc => "Apache ORC",
        }
    }

    /// `OutputFormatConfiguration.Serializer`'s member.
    pub fn serde(self) -> &'static str {
        match self {
            OutputFormat::Parquet => "ParquetSerDe",
            OutputFormat::Orc => "OrcSerDe",
        }
    }
}

/// The deserializer: how the incoming JSON is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deserializer {
    OpenX,
    Hive,
}

impl Deserializer {
    pub const ALL: [Deserializer; 2] = [Deserializer::OpenX, Deserializer::Hive];

    pub fn label(self) -> &'static str {
        match self {
            Deserializer::OpenX => "OpenX JSON SerDe",
            Deserializer::Hive => "Apache Hive JSON SerDe",
        }
    }

    /// `InputFormatConfiguration.Deserializer`'s member.
    pub fn serde(self) -> &'static str {
        match self {
            Deserializer::OpenX => "OpenXJsonSerDe",
            Deserializer::Hive => "HiveJsonSerDe",
        }
    }
}

/// A number in `lo..=hi` (decimals allowed), or the sentence the console shows.
pub fn in_decimal_range(
    text: &str,
    lo: f64,
    hi: f64,
    what: &str,
    unit: &str,
) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(n) if n.is_finite() && (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("Enter a {what} between {lo}-{hi} {unit}")),
    }
}

/// A number as a `ProcessorParameter` value: `1`, `0.5`.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A whole number in `lo..=hi`, or the sentence the console shows.
pub fn in_range(text: &str, lo: i64, hi: i64, what: &str, unit: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("Enter a {what} between {lo}-{hi} {unit}")),
    }
}

pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The role name "Create new" gives: the engine's console name, with the delivery stream's
/// part shortened (as the console does) so the whole stays within IAM's 64 characters.
pub fn new_role_name(p: &DeliveryRoleParams, now_ms: i64) -> String {
    let full = delivery_role::role_name(p, now_ms);
    let over = full.chars().count().saturating_sub(64);
    if over == 0 {
        return full;
    }
    let keep = p.delivery_stream.chars().count().saturating_sub(over);
    let short = DeliveryRoleParams {
        delivery_stream: p.delivery_stream.chars().take(keep).collect(),
        ..p.clone()
    };
    delivery_role::role_name(&short, now_ms)
}

/// Everything the wizard collects, the step it is at, why it can't go on, and the error of
/// the last attempt to create.
#[derive(Debug, Clone, PartialEq)]
pub struct Wizard {
    pub step: usize,
    pub name: String,
    pub kinesis_source: bool,
    pub stream: String,
    pub new_bucket: bool,
    pub bucket: String,
    pub prefix: String,
    pub error_prefix: String,
    pub size_mb: String,
    pub interval_s: String,
    pub compression: String,
    pub encrypt: bool,
    pub kms_key: String,
    pub logging: bool,
    pub new_role: bool,
    pub role: String,
    /// "Transform source records with AWS Lambda": Enabled.
    pub transform: bool,
    /// The function's name.
    pub function: String,
    /// The Lambda processor's buffer hints (MiB, seconds).
    pub proc_size_mb: String,
    pub proc_interval_s: String,
    /// "New line delimiter": Enabled (`AppendDelimiterToRecord`).
    pub delimiter: bool,
    /// "Decompress source records from Amazon CloudWatch Logs".
    pub decompress: bool,
    /// "Turn on message extraction" (only with decompression).
    pub extract_messages: bool,
    /// "Dynamic partitioning" on the destination step.
    pub partitioning: Partitioning,
    /// The destination "HTTP Endpoint" and its settings (else Amazon S3).
    pub http: HttpEndpointForm,
    /// The destination "Amazon Redshift" and its settings (the bucket is then intermediate).
    pub redshift: RedshiftForm,
    /// The destination "Splunk" and its settings.
    pub splunk: SplunkForm,
    /// The Amazon OpenSearch Service destination's choice and fields.
    pub opensearch: OpenSearchForm,
    /// "Convert record format": Enabled.
    pub convert: bool,
    pub output_format: OutputFormat,
    pub glue_database: String,
    pub glue_table: String,
    pub deserializer: Deserializer,
    /// Whether the learner typed a buffer size (else conversion sets its own default).
    pub size_touched: bool,
    /// Why the learner can't leave the step yet.
    pub problem: Option<String>,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WizardAction {
    Name(String),
    KinesisSource(bool),
    Stream(String),
    NewBucket(bool),
    Bucket(String),
    Prefix(String),
    ErrorPrefix(String),
    SizeMb(String),
    IntervalS(String),
    Compression(String),
    Encrypt(bool),
    KmsKey(String),
    Logging(bool),
    NewRole(bool),
    Role(String),
    Transform(bool),
    Function(String),
    ProcSizeMb(String),
    ProcIntervalS(String),
    Delimiter(bool),
    Decompress(bool),
    ExtractMessages(bool),
    Partitioning(PartitioningAction),
    /// The HTTP endpoint destination's choice and fields.
    Http(HttpAction),
    /// The Amazon Redshift destination's choice and fields.
    Redshift(RedshiftAction),
    /// The Splunk destination's choice and fields.
    Splunk(SplunkAction),
    /// The Amazon OpenSearch Service destination's choice and fields.
    OpenSearch(OpenSearchAction),
    /// "Apply dynamic partitioning keys": the prefix from the keys.
    ApplyKeys,
    Convert(bool),
    OutputFormat(OutputFormat),
    /// A database: its table is chosen again.
    GlueDatabase(String),
    GlueTable(String),
    Deserializer(Deserializer),
    /// Previous or Next: forward only when every step left behind checks out (it stops at the
    /// first that doesn't, with its problem).
    Go(usize),
    /// "Create delivery stream" answered.
    Created(Result<(), ApiError>),
}

impl Form for Wizard {
    type Action = WizardAction;
    fn apply(&mut self, action: WizardAction) {
        use WizardAction as A;
        let edits = !matches!(action, A::Go(_) | A::Created(_));
        if edits {
            self.problem = None;
        }
        match action {
            A::Name(v) => self.name = v,
            A::KinesisSource(on) => self.kinesis_source = on,
            A::Stream(v) => self.stream = v,
            A::NewBucket(on) => self.new_bucket = on,
            A::Bucket(v) => self.bucket = v,
            A::Prefix(v) => self.prefix = v,
            A::ErrorPrefix(v) => self.error_prefix = v,
            A::SizeMb(v) => {
                self.size_mb = v;
                self.size_touched = true;
            }
            A::IntervalS(v) => self.interval_s = v,
            A::Compression(v) => self.compression = v,
            A::Encrypt(on) => self.encrypt = on,
            A::KmsKey(v) => self.kms_key = v,
            A::Logging(on) => self.logging = on,
            A::NewRole(on) => self.new_role = on,
            A::Role(v) => self.role = v,
            A::Transform(on) => self.transform = on,
            A::Function(v) => self.function = v,
            A::ProcSizeMb(v) => self.proc_size_mb = v,
            A::ProcIntervalS(v) => self.proc_interval_s = v,
            A::Delimiter(on) => self.delimiter = on,
            A::Decompress(on) => {
                self.decompress = on;
                self.extract_messages &= on;
            }
            A::ExtractMessages(on) => self.extract_messages = on && self.decompress,
            A::Partitioning(action) => {
                let was = self.partitioning.enabled;
                self.partitioning.apply(action);
                if was != self.partitioning.enabled {
                    self.default_size();
                }
            }
            A::ApplyKeys => self.prefix = self.partitioning.prefix_from_keys(),
            A::Http(action) => {
                // Amazon S3 (the radio sends Enabled(false)) or HTTP Endpoint: no other.
                if matches!(action, HttpAction::Enabled(_)) {
                    self.splunk.enabled = false;
                    self.opensearch.enabled = false;
                }
                if action == HttpAction::Enabled(true) {
                    self.redshift.enabled = false;
                }
                self.http.apply(action)
            }
            A::Redshift(action) => {
                if action == RedshiftAction::Enabled(true) {
                    self.http.enabled = false;
                    self.splunk.enabled = false;
                    self.opensearch.enabled = false;
                }
                self.redshift.apply(action)
            }
            A::Splunk(action) => {
                if action == SplunkAction::Enabled(true) {
                    self.redshift.enabled = false;
                    self.http.enabled = false;
                    self.opensearch.enabled = false;
                    // Splunk's buffer: 5 MiB and 60 s by default, at most 5 and 60.
                    if !self.size_touched {
                        self.size_mb = "5".into();
                    }
                    if self.interval_s.trim().parse::<i64>().unwrap_or(0)
                        > super::firehose_splunk::MAX_INTERVAL_S
                    {
                        self.interval_s = "60".into();
                    }
                }
                self.splunk.apply(action)
            }
            A::OpenSearch(action) => {
                if action == OpenSearchAction::Enabled(true) {
                    self.http.enabled = false;
                    self.redshift.enabled = false;
                    self.splunk.enabled = false;
                }
                self.opensearch.apply(action);
            }
            A::Convert(on) => {
                self.convert = on;
                self.default_size();
            }
            A::OutputFormat(v) => self.output_format = v,
            A::GlueDatabase(v) => {
                if v != self.glue_database {
                    self.glue_table.clear();
                }
                self.glue_database = v;
            }
            A::GlueTable(v) => self.glue_table = v,
            A::Deserializer(v) => self.deserializer = v,
            A::Go(to) => {
                let to = to.min(REVIEW);
                for step in self.step..to {
                    if let Err(p) = self.check(step) {
                        self.step = step;
                        self.problem = Some(p);
                        return;
                    }
                }
                self.problem = None;
                self.step = to;
            }
            A::Created(result) => self.error = result.err(),
        }
    }
}

impl Wizard {
    /// A fresh wizard: `source` is the data stream chosen from "Connect Kinesis consumers";
    /// the first bucket there is is preselected, else a new bucket.
    pub fn new(source: Option<String>, first_bucket: Option<String>) -> Self {
        Wizard {
            step: 0,
            name: String::new(),
            kinesis_source: source.is_some(),
            stream: source.unwrap_or_default(),
            new_bucket: first_bucket.is_none(),
            bucket: first_bucket.unwrap_or_default(),
            prefix: String::new(),
            error_prefix: String::new(),
            size_mb: DEFAULT_SIZE_MB.into(),
            interval_s: "300".into(),
            compression: "UNCOMPRESSED".into(),
            encrypt: false,
            kms_key: String::new(),
            logging: true,
            new_role: true,
            role: String::new(),
            transform: false,
            function: String::new(),
            proc_size_mb: "1".into(),
            proc_interval_s: "60".into(),
            delimiter: false,
            decompress: false,
            extract_messages: false,
            partitioning: Partitioning::default(),
            http: HttpEndpointForm::default(),
            redshift: RedshiftForm::default(),
            splunk: SplunkForm::default(),
            opensearch: OpenSearchForm::default(),
            convert: false,
            output_format: OutputFormat::Parquet,
            glue_database: String::new(),
            glue_table: String::new(),
            deserializer: Deserializer::OpenX,
            size_touched: false,
            problem: None,
            error: None,
        }
    }

    /// The wizard taken back after "Create function": `before` were the account's functions
    /// when the learner left, `now` are its functions now. With the transformation on and no
    /// function chosen, the function made meanwhile is chosen.
    pub fn resumed(mut self, before: &[String], now: &[String]) -> Self {
        if self.transform && self.function.is_empty() {
            if let Some(new) = now.iter().find(|f| !before.contains(f)) {
                self.function = new.clone();
            }
        }
        self.problem = None;
        self
    }

    /// The KMS key's id (the ARN's part after `key/`), when encryption is on.
    pub fn key_id(&self) -> Option<String> {
        if !self.encrypt {
            return None;
        }
        let k = self.kms_key.trim();
        Some(
            k.rsplit_once("key/")
                .map(|(_, id)| id)
                .unwrap_or(k)
                .to_string(),
        )
    }

    /// What the console's delivery role is built from, in `region` of `account_id`.
    pub fn role_params(&self, region: String, account_id: String) -> DeliveryRoleParams {
        DeliveryRoleParams {
            region,
            account_id,
            delivery_stream: self.name.trim().to_string(),
            bucket: Some(self.bucket.trim().to_string()).filter(|b| !b.is_empty()),
            source_stream: self.kinesis_source.then(|| self.stream.clone()),
            kms_key_id: self.key_id(),
            lambda_function: self
                .transform
                .then(|| self.function.trim().to_string())
                .filter(|f| !f.is_empty()),
            glue_table: self
                .convert
                .then(|| {
                    (
                        self.glue_database.trim().to_string(),
                        self.glue_table.trim().to_string(),
                    )
                })
                .filter(|(db, t)| !db.is_empty() && !t.is_empty()),
            opensearch_domain: self
                .opensearch
                .enabled
                .then(|| self.opensearch.domain.trim().to_string())
                .filter(|d| !d.is_empty()),
        }
    }

    /// The function's ARN with its version, when the transformation is on.
    pub fn lambda_arn(&self, region: &str, account_id: &str) -> Option<String> {
        let name = self.function.trim();
        (self.transform && !name.is_empty())
            .then(|| format!("arn:aws:lambda:{region}:{account_id}:function:{name}:$LATEST"))
    }

    /// Why the learner can't leave `step` yet.
    pub fn check(&self, step: usize) -> Result<(), String> {
        match step {
            0 => {
                if !valid_name(self.name.trim()) {
                    return Err("Enter a delivery stream name of 1–64 letters, numbers, underscores, hyphens and periods.".into());
                }
                if self.kinesis_source && self.stream.is_empty() {
                    return Err("Choose a Kinesis data stream.".into());
                }
                Ok(())
            }
            // Process records: the function and its buffer, the Glue table.
            PROCESS => {
                if self.transform {
                    if self.function.trim().is_empty() {
                        return Err(FUNCTION_MISSING.into());
                    }
                    self.proc_size_error().map_or(Ok(()), Err)?;
                    self.proc_interval_error().map_or(Ok(()), Err)?;
                }
                if self.convert {
                    if self.glue_database.trim().is_empty() {
                        return Err("Choose an AWS Glue database.".into());
                    }
                    if self.glue_table.trim().is_empty() {
                        return Err("Choose an AWS Glue table.".into());
                    }
                }
                Ok(())
            }
            // Choose a destination: Amazon S3, and its bucket (chosen or new) and prefixes.
            DESTINATION => {
                // In the page's order: the endpoint's settings, then the (backup) bucket.
                self.http
                    .check(self.transform, self.convert, self.partitioning.enabled)?;
                self.redshift.check(
                    self.convert,
                    self.partitioning.enabled,
                    &self.compression,
                    &self.error_prefix,
                )?;
                self.splunk.check(self.convert, self.partitioning.enabled)?;
                self.opensearch
                    .check(self.transform, self.convert, self.partitioning.enabled)?;
                if self.bucket.trim().is_empty() {
                    return Err(BUCKET_MISSING.into());
                }
                self.partitioning.check(
                    self.prefix.trim(),
                    self.error_prefix.trim(),
                    self.transform,
                )
            }
            // Configure settings: buffer hints, compression and encryption, logging, role.
            SETTINGS => {
                self.size_error().map_or(Ok(()), Err)?;
                self.interval_error().map_or(Ok(()), Err)?;
                if self.convert && self.compression != "UNCOMPRESSED" {
                    return Err(CONVERSION_COMPRESSION_RULE.into());
                }
                if self.encrypt && self.kms_key.trim().is_empty() {
                    return Err("Enter the ARN of the KMS key to encrypt with.".into());
                }
                if !self.new_role && self.role.is_empty() {
                    return Err("Choose an IAM role.".into());
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The buffer size the console proposes, unless the learner typed one: 128 MiB with record
    /// format conversion or dynamic partitioning (both need 64 at least), else 5.
    fn default_size(&mut self) {
        if !self.size_touched {
            let size = if self.needs_big_buffer() {
                CONVERSION_SIZE_MB
            } else {
                DEFAULT_SIZE_MB
            };
            self.size_mb = size.into();
        }
    }

    fn needs_big_buffer(&self) -> bool {
        self.convert || self.partitioning.enabled
    }

    /// The smallest buffer size allowed: 64 MiB with record format conversion or dynamic
    /// partitioning, else 1.
    pub fn min_size_mb(&self) -> i64 {
        if self.needs_big_buffer() {
            64
        } else {
            1
        }
    }

    /// The smallest buffer interval: dynamic partitioning has no zero buffering.
    pub fn min_interval_s(&self) -> i64 {
        if self.partitioning.enabled {
            1
        } else {
            0
        }
    }

    /// The buffer size's error, if it is out of range.
    pub fn size_error(&self) -> Option<String> {
        let max = if self.http.enabled {
            super::firehose_http::MAX_SIZE_MB
        } else if self.splunk.enabled {
            super::firehose_splunk::MAX_SIZE_MB
        } else if self.opensearch.enabled {
            super::firehose_opensearch::MAX_SIZE_MB
        } else {
            128
        };
        in_range(&self.size_mb, self.min_size_mb(), max, "buffer size", "MiB").err()
    }

    /// The Lambda processor's buffer size error, if it is out of range.
    pub fn proc_size_error(&self) -> Option<String> {
        let (lo, hi) = PROCESSOR_SIZE;
        in_decimal_range(&self.proc_size_mb, lo, hi, "buffer size", "MiB").err()
    }

    /// The Lambda processor's buffer interval error, if it is out of range.
    pub fn proc_interval_error(&self) -> Option<String> {
        in_range(&self.proc_interval_s, 0, 900, "buffer interval", "seconds").err()
    }

    /// The transformation in the Review's words.
    pub fn transform_text(&self) -> String {
        if !self.transform {
            return "Disabled".into();
        }
        format!(
            "Enabled: AWS Lambda function {} ($LATEST), buffer {} MiB or {} seconds",
            self.function.trim(),
            self.proc_size_mb.trim(),
            self.proc_interval_s.trim()
        )
    }

    /// The conversion in the Review's words.
    pub fn conversion_text(&self) -> String {
        if !self.convert {
            return "Disabled".into();
        }
        format!(
            "Enabled: JSON to {} with the schema of AWS Glue table {}.{} (latest version), read with the {}",
            self.output_format.label(),
            self.glue_database.trim(),
            self.glue_table.trim(),
            self.deserializer.label()
        )
    }

    /// CloudWatch Logs decompression in the Review's words.
    pub fn decompression_text(&self) -> String {
        match (self.decompress, self.extract_messages) {
            (false, _) => "Disabled".into(),
            (true, false) => "Enabled (GZIP), message extraction disabled".into(),
            (true, true) => "Enabled (GZIP), message extraction enabled".into(),
        }
    }

    /// `ProcessingConfiguration`: CloudWatch Logs decompression and message extraction, the
    /// Lambda processor (function, its buffer), then the new line delimiter;
    /// `{"Enabled": false}` when there is none.
    pub fn processing_configuration(&self, region: &str, account_id: &str) -> Value {
        let mut processors = Vec::new();
        let param =
            |name: &str, value: &str| json!({ "ParameterName": name, "ParameterValue": value });
        processors.extend(self.partitioning.processors());
        if self.decompress {
            processors.push(json!({
                "Type": "Decompression",
                "Parameters": [param("CompressionFormat", "GZIP")],
            }));
            if self.extract_messages {
                processors.push(json!({
                    "Type": "CloudWatchLogProcessing",
                    "Parameters": [param("DataMessageExtraction", "true")],
                }));
            }
        }
        if let Some(arn) = self.lambda_arn(region, account_id) {
            let size = self
                .proc_size_mb
                .trim()
                .parse::<f64>()
                .map(number_text)
                .unwrap_or_else(|_| self.proc_size_mb.trim().to_string());
            let param = |name: &str, value: String| json!({ "ParameterName": name, "ParameterValue": value });
            processors.push(json!({
                "Type": "Lambda",
                "Parameters": [
                    param("LambdaArn", arn),
                    param("BufferSizeInMBs", size),
                    param("BufferIntervalInSeconds", self.proc_interval_s.trim().to_string()),
                ],
            }));
        }
        if self.delimiter {
            processors.push(json!({ "Type": "AppendDelimiterToRecord" }));
        }
        if processors.is_empty() {
            json!({ "Enabled": false })
        } else {
            json!({ "Enabled": true, "Processors": processors })
        }
    }

    /// `DataFormatConversionConfiguration`, with the delivery role reading the Glue table's
    /// latest version in `region`; `{"Enabled": false}` when conversion is off.
    pub fn conversion_configuration(&self, role_arn: &str, region: &str) -> Value {
        if !self.convert {
            return json!({ "Enabled": false });
        }
        let mut input = serde_json::Map::new();
        input.insert(self.deserializer.serde().into(), json!({}));
        let mut output = serde_json::Map::new();
        output.insert(self.output_format.serde().into(), json!({}));
        json!({
            "Enabled": true,
            "SchemaConfiguration": {
                "RoleARN": role_arn,
                "DatabaseName": self.glue_database.trim(),
                "TableName": self.glue_table.trim(),
                "Region": region,
                "VersionId": "LATEST",
            },
            "InputFormatConfiguration": { "Deserializer": input },
            "OutputFormatConfiguration": { "Serializer": output },
        })
    }

    /// The buffer interval's error, if it is out of range.
    pub fn interval_error(&self) -> Option<String> {
        in_range(
            &self.interval_s,
            self.min_interval_s(),
            if self.splunk.enabled {
                super::firehose_splunk::MAX_INTERVAL_S
            } else {
                900
            },
            "buffer interval",
            "seconds",
        )
        .err()
    }

    /// The Review step's rows; `role_name` is the new role's name when one is made.
    pub fn review(&self, role_name: &str) -> Vec<(&'static str, String)> {
        vec![
            ("Delivery stream name", self.name.trim().to_string()),
            (
                "Source",
                if self.kinesis_source {
                    format!("Kinesis data stream {}", self.stream)
                } else {
                    "Direct PUT".into()
                },
            ),
            (
                "Decompress source records from Amazon CloudWatch Logs",
                self.decompression_text(),
            ),
            ("Data transformation", self.transform_text()),
            ("Record format conversion", self.conversion_text()),
            (
                "Destination",
                if self.redshift.enabled {
                    self.redshift.text()
                } else if self.http.enabled {
                    self.http.text()
                } else if self.splunk.enabled {
                    self.splunk.text()
                } else if self.opensearch.enabled {
                    self.opensearch.text()
                } else {
                    "Amazon S3".into()
                },
            ),
            ("Dynamic partitioning", self.partitioning.text()),
            (
                "S3 bucket",
                format!(
                    "{}{}",
                    self.bucket.trim(),
                    if self.new_bucket { " (new)" } else { "" }
                ),
            ),
            (
                "Prefix",
                if self.prefix.is_empty() {
                    "YYYY/MM/DD/HH/ (default)".into()
                } else {
                    self.prefix.clone()
                },
            ),
            (
                "New line delimiter",
                if self.delimiter {
                    "Enabled"
                } else {
                    "Disabled"
                }
                .into(),
            ),
            ("Buffer size", format!("{} MiB", self.size_mb.trim())),
            (
                "Buffer interval",
                format!("{} seconds", self.interval_s.trim()),
            ),
            (
                "S3 compression",
                COMPRESSIONS
                    .iter()
                    .find(|c| c.0 == self.compression)
                    .map(|c| c.1)
                    .unwrap_or("Disabled")
                    .to_string(),
            ),
            (
                "S3 encryption",
                if self.encrypt {
                    format!("AWS KMS key {}", self.kms_key.trim())
                } else {
                    "Disabled".into()
                },
            ),
            (
                "Error logging",
                if self.logging { "Enabled" } else { "Disabled" }.into(),
            ),
            (
                "IAM role",
                if self.new_role {
                    format!("{role_name} (new)")
                } else {
                    self.role.clone()
                },
            ),
        ]
    }

    /// `S3.CreateBucket`, when a new bucket was asked for and does not exist yet.
    pub fn bucket_request(&self, exists: bool) -> Option<Request> {
        (self.new_bucket && !exists)
            .then(|| Request::new("S3.CreateBucket", json!({ "Bucket": self.bucket.trim() })))
    }

    /// `CreateDeliveryStream` with `role_arn`, in `region` of `account_id`; `source_arn` is the
    /// data stream's ARN when it reads one.
    pub fn create_request(
        &self,
        role_arn: &str,
        source_arn: Option<&str>,
        region: &str,
        account_id: &str,
    ) -> Request {
        let name = self.name.trim();
        let bucket = self.bucket.trim();
        let size: i64 = self.size_mb.trim().parse().unwrap_or(5);
        let interval: i64 = self.interval_s.trim().parse().unwrap_or(300);
        let mut dest = json!({
            "RoleARN": role_arn,
            "BucketARN": format!("arn:aws:s3:::{bucket}"),
            "BufferingHints": { "SizeInMBs": size, "IntervalInSeconds": interval },
            "CompressionFormat": self.compression,
            "EncryptionConfiguration": { "NoEncryptionConfig": "NoEncryption" },
            "CloudWatchLoggingOptions": {
                "Enabled": self.logging,
                "LogGroupName": format!("/aws/kinesisfirehose/{name}"),
                "LogStreamName": "DestinationDelivery",
            },
            "ProcessingConfiguration": self.processing_configuration(region, account_id),
            "DataFormatConversionConfiguration": self.conversion_configuration(role_arn, region),
        });
        if !self.prefix.is_empty() {
            dest["Prefix"] = json!(self.prefix);
        }
        if !self.error_prefix.is_empty() {
            dest["ErrorOutputPrefix"] = json!(self.error_prefix);
        }
        if let Some(d) = self.partitioning.configuration() {
            dest["DynamicPartitioningConfiguration"] = d;
        }
        if self.encrypt {
            dest["EncryptionConfiguration"] =
                json!({ "KMSEncryptionConfig": { "AWSKMSKeyARN": self.kms_key.trim() } });
        }
        let mut body = json!({ "DeliveryStreamName": name });
        if self.redshift.enabled {
            // The intermediate bucket: the buffer, compression and prefix apply to it.
            let mut s3 = json!({
                "RoleARN": role_arn,
                "BucketARN": format!("arn:aws:s3:::{bucket}"),
                "CompressionFormat": self.compression,
                "BufferingHints": { "SizeInMBs": size, "IntervalInSeconds": interval },
            });
            for key in ["Prefix", "EncryptionConfiguration"] {
                if let Some(v) = dest.get(key) {
                    s3[key] = v.clone();
                }
            }
            let processing = dest
                .get("ProcessingConfiguration")
                .filter(|p| p["Enabled"] == true)
                .cloned();
            let logging = dest.get("CloudWatchLoggingOptions").cloned();
            body["RedshiftDestinationConfiguration"] = self
                .redshift
                .configuration(role_arn, s3, processing, logging);
        } else if self.http.enabled || self.opensearch.enabled {
            // The bucket takes failed (or all) data; its own buffer stays the default.
            let mut s3 = json!({
                "RoleARN": role_arn,
                "BucketARN": format!("arn:aws:s3:::{bucket}"),
                "CompressionFormat": self.compression,
            });
            for key in [
                "Prefix",
                "ErrorOutputPrefix",
                "CloudWatchLoggingOptions",
                "EncryptionConfiguration",
            ] {
                if let Some(v) = dest.get(key) {
                    s3[key] = v.clone();
                }
            }
            if self.opensearch.enabled {
                let domain = format!(
                    "arn:aws:es:{region}:{account_id}:domain/{}",
                    self.opensearch.domain.trim()
                );
                body["AmazonopensearchserviceDestinationConfiguration"] = self
                    .opensearch
                    .configuration(role_arn, &domain, size, interval, s3);
            } else {
                let mut http = self.http.configuration(role_arn, size, interval, s3);
                if let Some(p) = dest
                    .get("ProcessingConfiguration")
                    .filter(|p| p["Enabled"] == true)
                {
                    http["ProcessingConfiguration"] = p.clone();
                }
                body["HttpEndpointDestinationConfiguration"] = http;
            }
        } else if self.splunk.enabled {
            // The bucket takes failed (or all) events; logging and the transform are Splunk's.
            let mut s3 = json!({
                "RoleARN": role_arn,
                "BucketARN": format!("arn:aws:s3:::{bucket}"),
                "CompressionFormat": self.compression,
            });
            for key in ["Prefix", "ErrorOutputPrefix", "EncryptionConfiguration"] {
                if let Some(v) = dest.get(key) {
                    s3[key] = v.clone();
                }
            }
            body["SplunkDestinationConfiguration"] = self.splunk.configuration(
                size,
                interval,
                dest["ProcessingConfiguration"].clone(),
                dest.get("CloudWatchLoggingOptions"),
                s3,
            );
        } else {
            body["ExtendedS3DestinationConfiguration"] = dest;
        }
        match source_arn.filter(|_| self.kinesis_source) {
            Some(arn) => {
                body["DeliveryStreamType"] = json!("KinesisStreamAsSource");
                body["KinesisStreamSourceConfiguration"] =
                    json!({ "KinesisStreamARN": arn, "RoleARN": role_arn });
            }
            None => body["DeliveryStreamType"] = json!("DirectPut"),
        }
        Request::new("Firehose_20150804.CreateDeliveryStream", body)
    }
}

/// `IAM.CreateRole` for the console's delivery role named `role_name`.
pub fn create_role_request(params: &DeliveryRoleParams, role_name: &str) -> Request {
    Request::new(
        "IAM.CreateRole",
        json!({
            "RoleName": role_name,
            "Path": delivery_role::ROLE_PATH,
            "AssumeRolePolicyDocument": delivery_role::trust_policy(params),
        }),
    )
}

/// `IAM.PutRolePolicy`: the delivery role's permissions.
pub fn role_policy_request(params: &DeliveryRoleParams, role_name: &str) -> Request {
    Request::new(
        "IAM.PutRolePolicy",
        json!({
            "RoleName": role_name,
            "PolicyName": delivery_role::policy_name(params),
            "PolicyDocument": delivery_role::permissions_policy(params),
        }),
    )
}

/// Creates the console's delivery role `role_name` in `sb` as the wizard does (CreateRole with
/// the trust policy, then PutRolePolicy with the permissions) and returns its ARN.
pub fn create_delivery_role(
    sb: &mut crate::engine::Sandbox,
    params: &DeliveryRoleParams,
    role_name: &str,
) -> Result<String, crate::engine::ApiError> {
    let role = create_role_request(params, role_name);
    let created = sb.call(role.target, role.body)?;
    let policy = role_policy_request(params, role_name);
    sb.call(policy.target, policy.body)?;
    Ok(created["Role"]["Arn"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Sandbox, SandboxConfig};
    use WizardAction as A;

    const REGION: &str = "us-east-1";
    const ACCOUNT: &str = "123456789012";

    /// The Review's value for `label`.
    fn row(rows: &[(&'static str, String)], label: &str) -> String {
        rows.iter()
            .find(|(k, _)| *k == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no row {label}"))
    }

    #[test]
    fn next_waits_for_a_valid_name_and_source() {
        let mut w = Wizard::new(None, None);
        w.apply(A::Go(1));
        assert_eq!(w.step, 0);
        assert!(w
            .problem
            .as_deref()
            .unwrap()
            .starts_with("Enter a delivery stream name"));
        w.apply(A::Name("bad name!".into()));
        assert_eq!(w.problem, None, "an edit clears the problem");
        w.apply(A::Go(1));
        assert_eq!(w.step, 0);
        w.apply(A::Name(" orders ".into()));
        w.apply(A::KinesisSource(true));
        w.apply(A::Go(1));
        assert_eq!(w.problem.as_deref(), Some("Choose a Kinesis data stream."));
        w.apply(A::Stream("clicks".into()));
        w.apply(A::Go(1));
        assert_eq!((w.step, w.problem.clone()), (1, None));
        w.apply(A::Go(0));
        assert_eq!(w.step, 0, "back never checks");
    }

    #[test]
    fn the_bucket_is_chosen_with_the_destination_as_in_the_console() {
        assert_eq!(STEPS[DESTINATION], "Choose a destination");
        assert_eq!(STEPS[SETTINGS], "Configure settings");
        let mut w = Wizard::new(Some("clicks".into()), None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Go(1));
        w.apply(A::Go(2));
        assert_eq!((w.step, w.problem.clone()), (DESTINATION, None));
        // No bucket: Next stays on Choose a destination, with the reason.
        assert!(w.new_bucket, "no bucket in the account: Create new");
        w.apply(A::Go(3));
        assert_eq!(w.step, DESTINATION);
        assert_eq!(w.problem.as_deref(), Some(BUCKET_MISSING));
        w.apply(A::Bucket("  ".into()));
        w.apply(A::Go(3));
        assert_eq!(
            w.problem.as_deref(),
            Some(BUCKET_MISSING),
            "blank is no name"
        );
        w.apply(A::Bucket("orders-bucket".into()));
        assert_eq!(w.problem, None, "an edit clears the problem");
        w.apply(A::Prefix("raw/".into()));
        w.apply(A::Go(3));
        assert_eq!((w.step, w.problem.clone()), (SETTINGS, None));
        // Configure settings no longer asks for the bucket: its defaults go on to Review.
        assert_eq!(w.check(SETTINGS), Ok(()));
        w.apply(A::Go(4));
        assert_eq!(w.step, REVIEW);
        // An existing bucket is preselected, so Choose a destination goes on at once.
        let w = Wizard::new(None, Some("bucket-1".into()));
        assert_eq!(w.check(DESTINATION), Ok(()));
    }

    #[test]
    fn a_jump_forward_stops_at_the_first_step_that_does_not_check_out() {
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!(w.step, DESTINATION);
        assert_eq!(w.problem.as_deref(), Some(BUCKET_MISSING));
        w.apply(A::Go(0));
        assert_eq!((w.step, w.problem.clone()), (0, None), "back never checks");
    }

    #[test]
    fn settings_are_checked_in_the_consoles_order() {
        let mut w = Wizard::new(None, Some("b".into()));
        w.step = SETTINGS;
        assert_eq!(w.check(SETTINGS), Ok(()));
        w.apply(A::SizeMb("200".into()));
        assert_eq!(
            w.check(SETTINGS).unwrap_err(),
            "Enter a buffer size between 1-128 MiB"
        );
        assert_eq!(w.size_error(), w.check(SETTINGS).err());
        w.apply(A::SizeMb("64".into()));
        w.apply(A::IntervalS("-1".into()));
        assert_eq!(
            w.interval_error().unwrap(),
            "Enter a buffer interval between 0-900 seconds"
        );
        w.apply(A::IntervalS("0".into()));
        w.apply(A::Encrypt(true));
        assert!(w.check(SETTINGS).unwrap_err().contains("KMS key"));
        w.apply(A::KmsKey("arn:aws:kms:us-east-1:1:key/abc".into()));
        assert_eq!(w.key_id().as_deref(), Some("abc"));
        w.apply(A::NewRole(false));
        assert_eq!(w.check(SETTINGS).unwrap_err(), "Choose an IAM role.");
        w.apply(A::Role("r".into()));
        w.apply(A::Go(4));
        assert_eq!(w.step, REVIEW);
        assert_eq!(row(&w.review("ignored"), "IAM role"), "r");
    }

    #[test]
    fn the_review_and_the_request_say_the_same() {
        let mut w = Wizard::new(Some("clicks".into()), Some("bucket-1".into()));
        w.apply(A::Name("orders".into()));
        w.apply(A::Compression("GZIP".into()));
        w.apply(A::Prefix("data/".into()));
        let rows = w.review("KinesisFirehoseServiceRole-x");
        assert_eq!(row(&rows, "Source"), "Kinesis data stream clicks");
        assert_eq!(row(&rows, "S3 bucket"), "bucket-1");
        assert_eq!(row(&rows, "S3 compression"), "GZIP");
        assert_eq!(row(&rows, "IAM role"), "KinesisFirehoseServiceRole-x (new)");
        assert_eq!(row(&rows, "Data transformation"), "Disabled");
        assert_eq!(row(&rows, "New line delimiter"), "Disabled");
        let r = w.create_request("arn:role", Some("arn:stream"), REGION, ACCOUNT);
        assert_eq!(r.target, "Firehose_20150804.CreateDeliveryStream");
        assert_eq!(r.body["DeliveryStreamType"], "KinesisStreamAsSource");
        assert_eq!(
            r.body["KinesisStreamSourceConfiguration"]["KinesisStreamARN"],
            "arn:stream"
        );
        let d = &r.body["ExtendedS3DestinationConfiguration"];
        assert_eq!(d["BucketARN"], "arn:aws:s3:::bucket-1");
        assert_eq!(d["Prefix"], "data/");
        assert!(d.get("ErrorOutputPrefix").is_none());
        assert_eq!(d["CompressionFormat"], "GZIP");
        assert_eq!(d["BufferingHints"]["SizeInMBs"], 5);
        assert_eq!(
            d["CloudWatchLoggingOptions"]["LogGroupName"],
            "/aws/kinesisfirehose/orders"
        );
        assert_eq!(
            w.bucket_request(false),
            None,
            "an existing bucket is not created"
        );
        w.apply(A::KinesisSource(false));
        assert_eq!(
            w.create_request("arn:role", Some("arn:stream"), REGION, ACCOUNT)
                .body["DeliveryStreamType"],
            "DirectPut"
        );
    }

    #[test]
    fn create_new_makes_the_bucket_and_role_the_engine_accepts() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Bucket("my-new-bucket".into()));
        let (region, account) = (sb.config().region.clone(), sb.config().account_id.clone());
        let params = w.role_params(region, account);
        let role = new_role_name(&params, sb.now().epoch_millis());
        assert!(role.chars().count() <= 64);
        let mut send = |r: Request| sb.call(r.target, r.body).unwrap();
        send(w.bucket_request(false).unwrap());
        let arn = send(create_role_request(&params, &role))["Role"]["Arn"]
            .as_str()
            .unwrap()
            .to_string();
        send(role_policy_request(&params, &role));
        send(w.create_request(&arn, None, &params.region, &params.account_id));
        assert!(sb.firehose().get("orders").is_some());
    }

    /// A wizard that has a name and an existing bucket, at Process records.
    fn at_process() -> Wizard {
        let mut w = Wizard::new(None, Some("bucket-1".into()));
        w.apply(A::Name("orders".into()));
        w.apply(A::Go(PROCESS));
        assert_eq!(w.step, PROCESS);
        w
    }

    #[test]
    fn processing_stays_off_until_the_learner_enables_it() {
        let w = at_process();
        let r = w.create_request("arn:role", None, REGION, ACCOUNT);
        let d = &r.body["ExtendedS3DestinationConfiguration"];
        assert_eq!(d["ProcessingConfiguration"], json!({ "Enabled": false }));
        assert_eq!(
            d["DataFormatConversionConfiguration"],
            json!({ "Enabled": false })
        );
        let p = w.role_params(REGION.into(), ACCOUNT.into());
        assert_eq!((p.lambda_function, p.glue_table), (None, None));
        assert_eq!(w.lambda_arn(REGION, ACCOUNT), None);
    }

    #[test]
    fn a_transformation_needs_a_function_and_buffer_hints_in_the_apis_ranges() {
        let mut w = at_process();
        w.apply(A::Transform(true));
        w.apply(A::Go(DESTINATION));
        assert_eq!(w.step, PROCESS);
        assert_eq!(w.problem.as_deref(), Some(FUNCTION_MISSING));
        w.apply(A::Function("xf".into()));
        assert_eq!(w.problem, None, "an edit clears the problem");
        for (size, ok) in [
            ("0.1", false),
            ("0.2", true),
            ("1", true),
            ("3", true),
            ("3.5", false),
            ("NaN", false),
            ("", false),
        ] {
            w.apply(A::ProcSizeMb(size.into()));
            assert_eq!(w.proc_size_error().is_none(), ok, "size {size}");
        }
        w.apply(A::ProcSizeMb("4".into()));
        assert_eq!(
            w.check(PROCESS).unwrap_err(),
            "Enter a buffer size between 0.2-3 MiB"
        );
        w.apply(A::ProcSizeMb("0.5".into()));
        w.apply(A::ProcIntervalS("901".into()));
        assert_eq!(
            w.check(PROCESS).unwrap_err(),
            "Enter a buffer interval between 0-900 seconds"
        );
        w.apply(A::ProcIntervalS("0".into()));
        w.apply(A::Go(DESTINATION));
        assert_eq!((w.step, w.problem.clone()), (DESTINATION, None));
        // Turned off again, its fields no longer stop the wizard.
        w.apply(A::ProcSizeMb("9".into()));
        w.apply(A::Transform(false));
        assert_eq!(w.check(PROCESS), Ok(()));
    }

    #[test]
    fn cloudwatch_logs_decompression_comes_first_and_extraction_needs_it() {
        let mut w = at_process();
        w.apply(A::ExtractMessages(true));
        assert!(!w.extract_messages, "no extraction without decompression");
        w.apply(A::Decompress(true));
        w.apply(A::ExtractMessages(true));
        w.apply(A::Delimiter(true));
        let p = w.processing_configuration(REGION, ACCOUNT);
        assert_eq!(
            p,
            json!({"Enabled": true, "Processors": [
                {"Type": "Decompression", "Parameters": [{"ParameterName": "CompressionFormat", "ParameterValue": "GZIP"}]},
                {"Type": "CloudWatchLogProcessing", "Parameters": [{"ParameterName": "DataMessageExtraction", "ParameterValue": "true"}]},
                {"Type": "AppendDelimiterToRecord"}]})
        );
        assert_eq!(
            row(
                &w.review("r"),
                "Decompress source records from Amazon CloudWatch Logs"
            ),
            "Enabled (GZIP), message extraction enabled"
        );
        // Turning decompression off turns extraction off with it.
        w.apply(A::Decompress(false));
        assert!(!w.extract_messages);
        let d = w.create_request("arn:role", None, REGION, ACCOUNT);
        assert_eq!(
            d.body["ExtendedS3DestinationConfiguration"]["ProcessingConfiguration"]["Processors"]
                [0]["Type"],
            "AppendDelimiterToRecord"
        );
    }

    #[test]
    fn the_lambda_processor_carries_the_function_version_and_its_buffer_as_strings() {
        let mut w = at_process();
        w.apply(A::Transform(true));
        w.apply(A::Function("xf".into()));
        assert_eq!(
            (w.proc_size_mb.as_str(), w.proc_interval_s.as_str()),
            ("1", "60")
        );
        let d = w.create_request("arn:role", None, REGION, ACCOUNT).body
            ["ExtendedS3DestinationConfiguration"]
            .clone();
        assert_eq!(
            d["ProcessingConfiguration"],
            json!({"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
                {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:xf:$LATEST"},
                {"ParameterName": "BufferSizeInMBs", "ParameterValue": "1"},
                {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"},
            ]}]})
        );
        w.apply(A::ProcSizeMb(" 0.50 ".into()));
        let p = w.processing_configuration(REGION, ACCOUNT);
        assert_eq!(p["Processors"][0]["Parameters"][1]["ParameterValue"], "0.5");
        let rows = w.review("r");
        assert_eq!(
            row(&rows, "Data transformation"),
            "Enabled: AWS Lambda function xf ($LATEST), buffer 0.50 MiB or 60 seconds"
        );
    }

    #[test]
    fn the_new_line_delimiter_is_its_own_processor_after_the_function() {
        let mut w = at_process();
        w.apply(A::Delimiter(true));
        assert_eq!(
            w.processing_configuration(REGION, ACCOUNT),
            json!({"Enabled": true, "Processors": [{"Type": "AppendDelimiterToRecord"}]})
        );
        w.apply(A::Transform(true));
        w.apply(A::Function("xf".into()));
        let p = w.processing_configuration(REGION, ACCOUNT);
        let types: Vec<&str> = p["Processors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["Type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["Lambda", "AppendDelimiterToRecord"]);
        assert!(p["Processors"][1].get("Parameters").is_none());
        assert_eq!(row(&w.review("r"), "New line delimiter"), "Enabled");
    }

    #[test]
    fn the_delivery_role_may_invoke_the_function_and_read_the_glue_table() {
        let mut w = at_process();
        w.apply(A::Transform(true));
        w.apply(A::Function(" xf ".into()));
        w.apply(A::Convert(true));
        w.apply(A::GlueDatabase("sales".into()));
        w.apply(A::GlueTable("orders_tbl".into()));
        let p = w.role_params(REGION.into(), ACCOUNT.into());
        assert_eq!(p.lambda_function.as_deref(), Some("xf"));
        assert_eq!(
            p.glue_table,
            Some(("sales".to_string(), "orders_tbl".to_string()))
        );
        let policy = delivery_role::permissions_policy(&p);
        assert!(policy.contains("arn:aws:lambda:us-east-1:123456789012:function:xf"));
        assert!(policy.contains("arn:aws:glue:us-east-1:123456789012:table/sales/orders_tbl"));
    }

    #[test]
    fn conversion_needs_a_glue_table_and_asks_for_the_consoles_buffer_and_compression() {
        let mut w = at_process();
        assert_eq!(w.size_mb, "5");
        w.apply(A::Convert(true));
        assert_eq!(w.size_mb, "128", "the default becomes 128 MiB");
        w.apply(A::Go(DESTINATION));
        assert_eq!(w.problem.as_deref(), Some("Choose an AWS Glue database."));
        w.apply(A::GlueDatabase("sales".into()));
        w.apply(A::GlueTable("t1".into()));
        w.apply(A::GlueDatabase("other".into()));
        assert_eq!(
            w.glue_table, "",
            "another database: the table is chosen again"
        );
        w.apply(A::Go(DESTINATION));
        assert_eq!(w.problem.as_deref(), Some("Choose an AWS Glue table."));
        w.apply(A::GlueDatabase("sales".into()));
        w.apply(A::GlueTable("t1".into()));
        w.apply(A::Go(SETTINGS));
        assert_eq!((w.step, w.problem.clone()), (SETTINGS, None));
        // At least 64 MiB, and no S3 compression.
        w.apply(A::SizeMb("5".into()));
        assert_eq!(
            w.check(SETTINGS).unwrap_err(),
            "Enter a buffer size between 64-128 MiB"
        );
        w.apply(A::SizeMb("64".into()));
        w.apply(A::Compression("GZIP".into()));
        assert_eq!(w.check(SETTINGS).unwrap_err(), CONVERSION_COMPRESSION_RULE);
        w.apply(A::Compression("UNCOMPRESSED".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!(w.step, REVIEW);
        // A size the learner typed stays when conversion is turned off or on again.
        w.apply(A::Convert(false));
        assert_eq!(w.size_mb, "64");
        let mut fresh = at_process();
        fresh.apply(A::Convert(true));
        fresh.apply(A::Convert(false));
        assert_eq!(fresh.size_mb, "5", "untouched: back to the default");
    }

    #[test]
    fn the_conversion_request_names_the_role_the_table_and_both_serdes() {
        let mut w = at_process();
        w.apply(A::Convert(true));
        w.apply(A::GlueDatabase("sales".into()));
        w.apply(A::GlueTable("orders_tbl".into()));
        let d = w.create_request("arn:role", None, REGION, ACCOUNT).body
            ["ExtendedS3DestinationConfiguration"]
            .clone();
        assert_eq!(
            d["DataFormatConversionConfiguration"],
            json!({
                "Enabled": true,
                "SchemaConfiguration": {
                    "RoleARN": "arn:role",
                    "DatabaseName": "sales",
                    "TableName": "orders_tbl",
                    "Region": "us-east-1",
                    "VersionId": "LATEST",
                },
                "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
                "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {}}},
            })
        );
        assert_eq!(d["BufferingHints"]["SizeInMBs"], 128);
        assert_eq!(d["CompressionFormat"], "UNCOMPRESSED");
        w.apply(A::OutputFormat(OutputFormat::Orc));
        w.apply(A::Deserializer(Deserializer::Hive));
        let c = w.conversion_configuration("arn:role", REGION);
        assert_eq!(
            c["InputFormatConfiguration"],
            json!({"Deserializer": {"HiveJsonSerDe": {}}})
        );
        assert_eq!(
            c["OutputFormatConfiguration"],
            json!({"Serializer": {"OrcSerDe": {}}})
        );
        assert_eq!(
            row(&w.review("r"), "Record format conversion"),
            "Enabled: JSON to Apache ORC with the schema of AWS Glue table sales.orders_tbl (latest version), read with the Apache Hive JSON SerDe"
        );
    }

    /// What "Create delivery stream" sends for `w` (the new bucket, the new role and its
    /// policy, the stream), then five seconds for the stream to become ACTIVE.
    fn submit(sb: &mut Sandbox, w: &Wizard) {
        let (region, account) = (sb.config().region.clone(), sb.config().account_id.clone());
        let params = w.role_params(region.clone(), account.clone());
        let role = new_role_name(&params, sb.now().epoch_millis());
        let mut send = |r: Request| sb.call(r.target, r.body).unwrap();
        send(w.bucket_request(false).unwrap());
        let arn = send(create_role_request(&params, &role))["Role"]["Arn"]
            .as_str()
            .unwrap()
            .to_string();
        send(role_policy_request(&params, &role));
        send(w.create_request(&arn, None, &region, &account));
        sb.advance(std::time::Duration::from_secs(5));
    }

    #[test]
    fn the_engine_transforms_what_the_wizard_asks_for_one_record_per_line() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        let exec = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "xf-role", "AssumeRolePolicyDocument": trust.to_string()}),
            )
            .unwrap()["Role"]["Arn"]
            .clone();
        let blueprint = crate::engine::lambda::blueprints::by_id(TRANSFORM_BLUEPRINT).unwrap();
        let codecs = crate::engine::extension::codecs().unwrap();
        let zip = (codecs.zip)(blueprint.source.as_bytes(), blueprint.file_name);
        use base64::Engine as _;
        let zip = base64::engine::general_purpose::STANDARD.encode(zip);
        sb.call(
            "Lambda.CreateFunction",
            json!({"FunctionName": "xf", "Runtime": "nodejs22.x", "Role": exec,
                "Handler": blueprint.handler, "Code": {"ZipFile": zip}}),
        )
        .unwrap();
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Bucket("xf-out".into()));
        w.apply(A::Transform(true));
        w.apply(A::Function("xf".into()));
        w.apply(A::Delimiter(true));
        w.apply(A::IntervalS("60".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!((w.step, w.problem.clone()), (REVIEW, None));
        submit(&mut sb, &w);
        for n in 1..=3 {
            let data = base64::engine::general_purpose::STANDARD.encode(format!("{{\"n\":{n}}}"));
            sb.call(
                "Firehose_20150804.PutRecord",
                json!({"DeliveryStreamName": "orders", "Record": {"Data": data}}),
            )
            .unwrap();
        }
        assert!(sb.firehose_stage("orders").is_some());
        sb.advance(std::time::Duration::from_secs(130));
        let ledger = sb.firehose().get("orders").unwrap().ledger;
        assert_eq!(
            (ledger.delivered, ledger.error_output),
            (3, 0),
            "{ledger:?}"
        );
        let list = sb
            .call("S3.ListObjectsV2", json!({"Bucket": "xf-out"}))
            .unwrap();
        let key = list["Contents"][0]["Key"].as_str().unwrap().to_string();
        let body = sb
            .call("S3.GetObject", json!({"Bucket": "xf-out", "Key": key}))
            .unwrap()["Body"]
            .as_str()
            .unwrap()
            .to_string();
        let body = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(body, b"{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n");
    }

    #[test]
    fn the_engine_partitions_what_the_wizard_asks_for() {
        use crate::forms::firehose_partitioning::PartitioningAction as P;
        use base64::Engine as _;
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Bucket("dp-out".into()));
        w.apply(A::Partitioning(P::Enabled(true)));
        assert_eq!((w.size_mb.as_str(), w.min_size_mb()), ("128", 64));
        w.apply(A::Partitioning(P::Deaggregate(true)));
        w.apply(A::Partitioning(P::InlineParsing(true)));
        w.apply(A::Partitioning(P::KeyName(0, "device".into())));
        w.apply(A::Partitioning(P::KeyQuery(0, ".device".into())));
        w.apply(A::Delimiter(true));
        w.apply(A::Go(SETTINGS));
        assert_eq!(
            w.problem.as_deref(),
            Some("ErrorOutputPrefix must be specified when dynamic partitioning is enabled.")
        );
        w.apply(A::ApplyKeys);
        assert_eq!(w.prefix, "device=!{partitionKeyFromQuery:device}/");
        w.apply(A::ErrorPrefix(
            "errors/!{firehose:error-output-type}/".into(),
        ));
        w.apply(A::IntervalS("0".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!(
            w.step, SETTINGS,
            "no zero buffering with dynamic partitioning"
        );
        w.apply(A::IntervalS("60".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!((w.step, w.problem.clone()), (REVIEW, None));
        assert_eq!(
            row(&w.review("r"), "Dynamic partitioning"),
            "Enabled, multi record deaggregation (JSON), inline parsing for JSON: {device:.device}"
        );
        submit(&mut sb, &w);
        let data = base64::engine::general_purpose::STANDARD
            .encode("{\"device\":\"a\",\"t\":1}{\"device\":\"b\",\"t\":2}");
        sb.call(
            "Firehose_20150804.PutRecord",
            json!({"DeliveryStreamName": "orders", "Record": {"Data": data}}),
        )
        .unwrap();
        sb.advance(std::time::Duration::from_secs(70));
        let list = sb
            .call("S3.ListObjectsV2", json!({"Bucket": "dp-out"}))
            .unwrap();
        let mut keys: Vec<&str> = list["Contents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["Key"].as_str().unwrap())
            .collect();
        keys.sort();
        assert_eq!(keys.len(), 2, "{keys:?}");
        assert!(keys[0].starts_with("device=a/orders-"), "{keys:?}");
        assert!(keys[1].starts_with("device=b/orders-"), "{keys:?}");
    }

    #[test]
    fn back_from_create_function_the_new_function_is_chosen() {
        let mut w = at_process();
        w.apply(A::Transform(true));
        w.apply(A::Go(DESTINATION));
        assert_eq!(w.problem.as_deref(), Some(FUNCTION_MISSING));
        let before = vec!["old".to_string()];
        let now = vec!["old".to_string(), "xf".to_string()];
        let back = w.clone().resumed(&before, &now);
        assert_eq!((back.function.as_str(), back.problem.clone()), ("xf", None));
        assert_eq!(back.step, PROCESS);
        // A function already chosen stays; nothing new, nothing chosen.
        w.apply(A::Function("old".into()));
        assert_eq!(w.clone().resumed(&before, &now).function, "old");
        let mut off = at_process();
        off.apply(A::Transform(false));
        assert_eq!(off.resumed(&before, &now).function, "");
        let mut none = at_process();
        none.apply(A::Transform(true));
        assert_eq!(none.resumed(&before, &before).function, "");
    }

    #[test]
    fn long_names_shorten_the_role_name_to_64_characters() {
        let params = DeliveryRoleParams {
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            delivery_stream: "a".repeat(64),
            ..Default::default()
        };
        assert_eq!(new_role_name(&params, 0).chars().count(), 64);
    }
}
