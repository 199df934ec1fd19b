//! Amazon Data Firehose (formerly Kinesis Data Firehose), `Firehose_20150804.*`: delivery
//! streams fed by Direct PUT or by a Kinesis data stream, buffered exactly in virtual time and
//! delivered to S3 under the delivery role's permissions.

pub mod amazon_opensearch;
mod cli;
pub mod codecs;
pub mod compress;
pub mod convert;
pub mod converting;
pub mod deaggregate;
mod delivery;
pub mod errors;
pub mod http_endpoint;
pub mod metrics;
pub mod partition;
pub mod partitioned;
pub mod prefix;
pub mod processing;
pub mod processing_config;
pub mod redshift;
mod source;
pub mod splunk;
pub mod unpack;

use super::body::Body;
use super::registry::{changes, reads, CliService, Service, Target};
use super::streams::consumer::StreamConsumer;
use super::{ApiError, Sandbox, SimTime, Validation};
use crate::engine::ErrorKind;
use base64::Engine as _;
pub use compress::Compression;
pub use delivery::{AccessCheck, AccessOutcome, BufferGauge, Ledger};
use metrics::FirehoseMetric;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};

/// Largest record, before base64: 1,000 KiB.
pub const MAX_RECORD_BYTES: usize = 1_024_000;
/// Records in one PutRecordBatch.
pub const MAX_BATCH_RECORDS: usize = 500;
/// Bytes in one PutRecordBatch.
pub const MAX_BATCH_BYTES: usize = 4 * 1024 * 1024;
/// Delivery streams per region (2023 docs).
pub const MAX_DELIVERY_STREAMS: usize = 50;
/// From CreateDeliveryStream to ACTIVE.
pub const CREATE_DELAY_MS: i64 = 5_000;
/// Direct PUT limits per delivery stream and second (us-east-1, us-west-2, eu-west-1).
pub const PUT_BYTES_PER_SEC: u64 = 5 * 1024 * 1024;
pub const PUT_REQUESTS_PER_SEC: u64 = 2_000;
pub const PUT_RECORDS_PER_SEC: u64 = 500_000;
/// How long S3 delivery is retried before the data is dropped: 24 hours.
pub const S3_RETRY_MS: i64 = 24 * 3600 * 1000;

pub(crate) const NAMESPACE: &str = "AWS/Firehose";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeliveryStreamStatus {
    Creating,
    Active,
    Deleting,
}

impl DeliveryStreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStreamStatus::Creating => "CREATING",
            DeliveryStreamStatus::Active => "ACTIVE",
            DeliveryStreamStatus::Deleting => "DELETING",
        }
    }
}

/// `BufferingHints`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BufferingHints {
    pub size_mb: u32,
    pub interval_s: u32,
}

impl Default for BufferingHints {
    fn default() -> Self {
        Self {
            size_mb: 5,
            interval_s: 300,
        }
    }
}

/// `CloudWatchLoggingOptions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggingOptions {
    pub enabled: bool,
    pub log_group: String,
    pub log_stream: String,
}

/// The S3 destination (`S3DestinationConfiguration` or `ExtendedS3DestinationConfiguration`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct S3Destination {
    pub extended: bool,
    pub role_arn: String,
    pub bucket_arn: String,
    pub prefix: Option<String>,
    pub error_output_prefix: Option<String>,
    pub buffering: BufferingHints,
    pub compression: Compression,
    /// `EncryptionConfiguration.KMSEncryptionConfig.AWSKMSKeyARN`.
    pub kms_key_arn: Option<String>,
    pub logging: LoggingOptions,
    pub file_extension: Option<String>,
    /// `ProcessingConfiguration` (Extended S3 only).
    #[serde(default)]
    pub processing: Option<processing_config::Processing>,
    /// `DataFormatConversionConfiguration` (Extended S3 only).
    #[serde(default)]
    pub conversion: Option<convert::DataFormatConversionConfiguration>,
    /// `DynamicPartitioningConfiguration` (chosen at creation, never turned off).
    #[serde(default)]
    pub dynamic_partitioning: processing_config::DynamicPartitioning,
    /// `S3BackupMode: Enabled` and its `S3BackupConfiguration` (Extended S3 only; once
    /// enabled it can't be disabled).
    #[serde(default)]
    pub backup: Option<Box<S3Destination>>,
}

impl S3Destination {
    pub fn bucket(&self) -> &str {
        self.bucket_arn
            .strip_prefix("arn:aws:s3:::")
            .unwrap_or(&self.bucket_arn)
    }

    pub fn extension(&self) -> String {
        if let Some(e) = &self.file_extension {
            return e.clone();
        }
        let converted = self
            .conversion
            .as_ref()
            .and_then(convert::DataFormatConversionConfiguration::conversion);
        match converted {
            Some(c) => convert::extension(&c.serializer).to_string(),
            None => self.compression.extension().to_string(),
        }
    }
}

/// `KinesisStreamSourceConfiguration`, and the consumer that reads the stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KinesisSource {
    pub role_arn: String,
    pub started: SimTime,
    /// The stream, and where each of its shards is read up to.
    #[serde(flatten)]
    pub consumer: StreamConsumer,
    /// When a source error was last logged (ms), so a lasting denial logs once a minute.
    pub last_error_ms: i64,
}

/// Server-side encryption of the delivery stream itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamEncryption {
    pub enabled: bool,
    pub key_type: String,
    pub key_arn: Option<String>,
}

/// Records waiting in the buffer: their bytes back to back (no delimiter, as Firehose does).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Buffer {
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
    pub records: u64,
    /// Arrival of the oldest record, which opens the buffer.
    pub oldest_arrival: Option<SimTime>,
    /// Each record's length, while records are converted to Parquet or ORC (which reads
    /// them one by one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lengths: Vec<u32>,
}

/// A buffer sealed for delivery, kept until S3 has it or the retry duration runs out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Batch {
    pub key: String,
    #[serde(with = "crate::engine::s3::b64")]
    pub body: Vec<u8>,
    pub raw_bytes: u64,
    pub records: u64,
    pub oldest_arrival: SimTime,
    pub first_attempt: SimTime,
    pub next_attempt: SimTime,
    pub attempts: u32,
    /// An error object (`processing-failed/…`): its records count as error output.
    #[serde(default)]
    pub error_output: bool,
    /// A source record backup object, for the backup bucket: copies the ledger does not count.
    #[serde(default)]
    pub backup: bool,
    /// The destination as it was when sealed (bucket, role, KMS key).
    pub bucket: String,
    pub role_arn: String,
    pub kms_key_arn: Option<String>,
}

impl Batch {
    /// A batch sealed `now` for `dest`'s bucket (with its role and KMS key), first tried at once.
    pub(crate) fn sealed(
        dest: &S3Destination,
        key: String,
        body: Vec<u8>,
        raw_bytes: u64,
        records: u64,
        oldest_arrival: SimTime,
        now: SimTime,
    ) -> Batch {
        Batch {
            key,
            body,
            raw_bytes,
            records,
            oldest_arrival,
            first_attempt: now,
            next_attempt: now,
            attempts: 0,
            error_output: false,
            backup: false,
            bucket: dest.bucket().to_string(),
            role_arn: dest.role_arn.clone(),
            kms_key_arn: dest.kms_key_arn.clone(),
        }
    }
}

/// One delivery stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryStream {
    pub name: String,
    pub arn: String,
    pub status: DeliveryStreamStatus,
    pub created: SimTime,
    pub active_at: SimTime,
    pub last_update: SimTime,
    pub version: u64,
    pub source: Option<KinesisSource>,
    pub destination: S3Destination,
    pub encryption: StreamEncryption,
    pub tags: BTreeMap<String, String>,
    pub buffer: Buffer,
    pub pending: VecDeque<Batch>,
    pub ledger: Ledger,
    /// The Lambda transformation's buffer and batches.
    #[serde(default)]
    pub stage: processing::LambdaStage,
    /// Source record backup's buffer: the records as they arrived.
    #[serde(default)]
    pub backup_buffer: Buffer,
    /// Dynamic partitioning's active partitions, by their keys' values.
    #[serde(default)]
    pub partitions: BTreeMap<String, partitioned::Partition>,
    /// Records waiting for the jq extension to be given a partition.
    #[serde(default)]
    pub unrouted: Vec<partitioned::Unrouted>,
    /// The HTTP endpoint destination, when records go to an endpoint (`destination` is then
    /// its `S3Configuration`: the bucket for failed data and backups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http: Option<http_endpoint::HttpEndpointDestination>,
    /// Batches on their way to the endpoint.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub http_pending: VecDeque<http_endpoint::HttpBatch>,
    /// The Amazon Redshift destination, when records are loaded into a cluster with COPY
    /// (`destination` is then the intermediate bucket's `S3Configuration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redshift: Option<redshift::RedshiftDestination>,
    /// Objects in the intermediate bucket waiting for their COPY, in order.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub redshift_pending: VecDeque<redshift::CopyJob>,
    /// The Splunk destination, when records go to a Splunk HEC (`destination` is then its
    /// `S3Configuration`: the bucket for failed events and backups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub splunk: Option<splunk::SplunkDestination>,
    /// Batches on their way to the HEC, or waiting for its acknowledgement.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub splunk_pending: VecDeque<splunk::SplunkBatch>,
    /// The Amazon OpenSearch Service destination, when records go to a domain
    /// (`destination` is then its `S3Configuration`: the bucket for failed documents and
    /// backups).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opensearch: Option<amazon_opensearch::OpenSearchDestination>,
    /// Bulk requests on their way to the domain.
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    pub opensearch_pending: VecDeque<amazon_opensearch::OpenSearchBatch>,
    /// Direct PUT usage in the current second: (second, bytes, requests, records).
    put_window: (i64, u64, u64, u64),
    /// When the source was last polled (ms), to poll each shard once a second.
    last_poll: i64,
}

impl DeliveryStream {
    pub fn stream_type(&self) -> &'static str {
        if self.source.is_some() {
            "KinesisStreamAsSource"
        } else {
            "DirectPut"
        }
    }
}

/// Every delivery stream in the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Firehose {
    streams: BTreeMap<String, DeliveryStream>,
    /// Reused between reads of a source shard (never saved).
    #[serde(skip)]
    scratch: Vec<u8>,
}

impl Firehose {
    pub fn get(&self, name: &str) -> Option<&DeliveryStream> {
        self.streams.get(name)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.streams.keys().map(String::as_str)
    }
}

impl Sandbox {
    /// The delivery streams, for the UI.
    pub fn firehose(&self) -> &Firehose {
        &self.firehose
    }
}

/// Amazon Data Firehose in the registry.
pub const SERVICE: Service = Service {
    prefix: "Firehose_20150804",
    operations: &[
        changes("CreateDeliveryStream", create_delivery_stream),
        reads("DescribeDeliveryStream", describe_delivery_stream),
        reads("ListDeliveryStreams", list_delivery_streams),
        changes("DeleteDeliveryStream", delete_delivery_stream),
        changes("PutRecord", put_record),
        changes("PutRecordBatch", put_record_batch),
        changes("UpdateDestination", update_destination),
        changes("TagDeliveryStream", tag_delivery_stream),
        changes("UntagDeliveryStream", untag_delivery_stream),
        reads("ListTagsForDeliveryStream", list_tags),
        changes("StartDeliveryStreamEncryption", |sb, body| {
            set_encryption(sb, body, true)
        }),
        changes("StopDeliveryStreamEncryption", |sb, body| {
            set_encryption(sb, body, false)
        }),
    ],
    resource_fields: &["DeliveryStreamName"],
    on_time_passed: Some(on_time_passed),
    cli: Some(CliService {
        name: "firehose",
        commands: cli::COMMANDS,
    }),
};

/// Operations other services call through [`Sandbox::call_as`].
pub const DESCRIBE_DELIVERY_STREAM: Target = SERVICE.target("DescribeDeliveryStream");
pub const PUT_RECORD_BATCH: Target = SERVICE.target("PutRecordBatch");

/// Activates created streams, removes deleted ones, reads sources and delivers due buffers.
pub(crate) fn on_time_passed(sb: &mut Sandbox) {
    let now = sb.now;
    sb.firehose
        .streams
        .retain(|_, d| d.status != DeliveryStreamStatus::Deleting);
    let names: Vec<String> = sb.firehose.streams.keys().cloned().collect();
    for name in names {
        let Some(d) = sb.firehose.streams.get_mut(&name) else {
            continue;
        };
        if d.status == DeliveryStreamStatus::Creating && now >= d.active_at {
            d.status = DeliveryStreamStatus::Active;
        }
        if d.status != DeliveryStreamStatus::Active {
            continue;
        }
        source::poll(sb, &name);
        delivery::tick(sb, &name);
    }
}

pub(crate) fn not_found(sb: &Sandbox, name: &str) -> ApiError {
    ApiError::resource_not_found(format!(
        "Firehose {name} under account {} not found.",
        sb.config.account_id
    ))
}

fn stream_name<'a>(body: Body<'a>) -> Result<&'a str, ApiError> {
    let name = body.string("DeliveryStreamName")?;
    let mut v = Validation::new();
    match name {
        None => v.fail(None, "deliveryStreamName", "Member must not be null"),
        Some(n) => v.name(
            n,
            "deliveryStreamName",
            64,
            "[a-zA-Z0-9_.-]+",
            super::is_name_char,
        ),
    }
    v.finish()?;
    Ok(name.expect("validated"))
}

/// Whether delivery stream `name` exists (Firehose's own error when not), for a producer
/// about to send to it; called as [`DESCRIBE_DELIVERY_STREAM`].
pub(crate) fn exists(sb: &mut Sandbox, name: &str) -> Result<(), ApiError> {
    find(sb, name).map(|_| ())
}

fn find<'a>(sb: &'a Sandbox, name: &str) -> Result<&'a DeliveryStream, ApiError> {
    sb.firehose
        .streams
        .get(name)
        .filter(|d| d.status != DeliveryStreamStatus::Deleting)
        .ok_or_else(|| not_found(sb, name))
}

const NOT_ON_KINESIS_SOURCE: &str =
    "This operation is not permitted on KinesisStreamAsSource delivery stream type.";

/// Destination configurations Firehose has and the sandbox doesn't deliver to yet.
const OTHER_DESTINATIONS: &[&str] = &[
    "ElasticsearchDestinationConfiguration",
    "AmazonOpenSearchServerlessDestinationConfiguration",
    "SnowflakeDestinationConfiguration",
    "IcebergDestinationConfiguration",
];

/// UpdateDestination between OpenSearch and any other destination (BOTO's UpdateDestination
/// documentation).
const SWITCHING_OPENSEARCH: &str =
    "Switching between Amazon OpenSearch Service and other services is not supported.";

fn not_available(what: &str) -> ApiError {
    ApiError::invalid_argument(format!("{what} is not available in the sandbox yet."))
}

/// Reads an S3 destination (create or update). `base` supplies the fields an update leaves out.
fn read_destination(
    sb: &Sandbox,
    name: &str,
    cfg: Body,
    extended: bool,
    path: &str,
    base: Option<&S3Destination>,
) -> Result<S3Destination, ApiError> {
    let mut v = Validation::new();
    let role = cfg.string("RoleARN")?;
    let bucket = cfg.string("BucketARN")?;
    if base.is_none() {
        v.required(role, &format!("{path}.roleARN"));
        v.required(bucket, &format!("{path}.bucketARN"));
    }
    if let Some(b) = bucket {
        if !b.starts_with("arn:") || b.len() > 2048 {
            v.fail(
                Some(b),
                &format!("{path}.bucketARN"),
                "Member must satisfy regular expression pattern: arn:.*:s3:::[\\w\\.\\-]{1,255}",
            );
        }
    }
    let hints = cfg.object("BufferingHints")?;
    let mut buffering = base.map(|b| b.buffering).unwrap_or_default();
    let mut explicit_size = None;
    if let Some(h) = hints {
        let size = h.integer("SizeInMBs")?;
        explicit_size = size;
        let interval = h.integer("IntervalInSeconds")?;
        if let Some(s) = size {
            v.range(s, &format!("{path}.bufferingHints.sizeInMBs"), 1, 128);
            buffering.size_mb = s.clamp(1, 128) as u32;
        }
        if let Some(i) = interval {
            v.range(
                i,
                &format!("{path}.bufferingHints.intervalInSeconds"),
                0,
                900,
            );
            buffering.interval_s = i.clamp(0, 900) as u32;
        }
    }
    let compression = match cfg.string("CompressionFormat")? {
        None => base
            .map(|b| b.compression)
            .unwrap_or(Compression::Uncompressed),
        Some(c) => match Compression::parse(c) {
            Some(c) => c,
            None => {
                v.fail(
                    Some(c),
                    &format!("{path}.compressionFormat"),
                    "Member must satisfy enum value set: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]",
                );
                Compression::Uncompressed
            }
        },
    };
    let conversion = match cfg.object("DataFormatConversionConfiguration")? {
        Some(c) => Some(convert::DataFormatConversionConfiguration::parse_into(
            c,
            path,
            &sb.config.account_id,
            &sb.config.region,
            &mut v,
        )?),
        None => base.and_then(|b| b.conversion.clone()),
    };
    v.finish()?;
    if let Some(c) = &conversion {
        let size = explicit_size.or_else(|| base.map(|b| i64::from(b.buffering.size_mb)));
        convert::check_destination_rules(c, size, compression == Compression::Uncompressed)?;
        if c.is_enabled() && explicit_size.is_none() && base.is_none() {
            buffering.size_mb = convert::DEFAULT_BUFFER_MB_WITH_CONVERSION;
        }
    }
    let processing = match cfg.object("ProcessingConfiguration")? {
        Some(p) => Some(processing_config::Processing::read(
            p,
            &format!("{path}.processingConfiguration"),
        )?),
        None => base.and_then(|b| b.processing.clone()),
    };
    let requested = cfg
        .object("DynamicPartitioningConfiguration")?
        .map(|d| {
            processing_config::DynamicPartitioning::read(
                d,
                &format!("{path}.dynamicPartitioningConfiguration"),
            )
        })
        .transpose()?;
    if let Some(b) = base {
        processing_config::check_update(b.dynamic_partitioning.enabled, requested.as_ref())?;
    }
    let dynamic_partitioning = requested
        .or_else(|| base.map(|b| b.dynamic_partitioning))
        .unwrap_or_default();
    let backup = read_backup(sb, name, cfg, path, base)?;
    let kms_key_arn = match cfg.object("EncryptionConfiguration")? {
        None => base.and_then(|b| b.kms_key_arn.clone()),
        Some(e) => match e.object("KMSEncryptionConfig")? {
            Some(k) => Some(
                k.string("AWSKMSKeyARN")?
                    .ok_or_else(|| {
                        ApiError::invalid_argument("KMSEncryptionConfig needs an AWSKMSKeyARN.")
                    })?
                    .to_string(),
            ),
            None => None,
        },
    };
    let default_group = format!("/aws/kinesisfirehose/{name}");
    let logging = match cfg.object("CloudWatchLoggingOptions")? {
        None => base.map(|b| b.logging.clone()).unwrap_or(LoggingOptions {
            enabled: false,
            log_group: default_group,
            log_stream: "DestinationDelivery".into(),
        }),
        Some(l) => LoggingOptions {
            enabled: l.boolean("Enabled")?.unwrap_or(false),
            log_group: l
                .string("LogGroupName")?
                .map(str::to_string)
                .unwrap_or(default_group),
            log_stream: l
                .string("LogStreamName")?
                .map(str::to_string)
                .unwrap_or_else(|| "DestinationDelivery".into()),
        },
    };
    let prefix = match cfg.string("Prefix")? {
        Some(p) => Some(p.to_string()).filter(|p| !p.is_empty()),
        None => base.and_then(|b| b.prefix.clone()),
    };
    let error_output_prefix = match cfg.string("ErrorOutputPrefix")? {
        Some(p) => Some(p.to_string()).filter(|p| !p.is_empty()),
        None => base.and_then(|b| b.error_output_prefix.clone()),
    };
    let no_processing = processing_config::Processing::default();
    processing_config::check(&processing_config::Destination {
        extended_s3: base.map(|b| b.extended).unwrap_or(extended),
        processing: processing.as_ref().unwrap_or(&no_processing),
        dynamic_partitioning,
        prefix: prefix.as_deref(),
        error_output_prefix: error_output_prefix.as_deref(),
        buffer_interval_s: buffering.interval_s,
    })?;
    let file_extension = match cfg.string("FileExtension")? {
        Some(e) => {
            let ok = e.is_empty()
                || (e.starts_with('.')
                    && e.len() <= 128
                    && e[1..].chars().all(|c| {
                        c.is_ascii_digit() || c.is_ascii_lowercase() || "!-_.*'()".contains(c)
                    }));
            if !ok {
                return Err(ApiError::validation(format!(
                    "1 validation error detected: Value '{e}' at '{path}.fileExtension' failed to \
                     satisfy constraint: Member must satisfy regular expression pattern: \
                     ^$|\\.[0-9a-z!\\-_.*'()]+"
                )));
            }
            Some(e.to_string()).filter(|e| !e.is_empty())
        }
        None => base.and_then(|b| b.file_extension.clone()),
    };
    let _ = sb;
    Ok(S3Destination {
        extended: base.map(|b| b.extended).unwrap_or(extended),
        role_arn: role
            .map(str::to_string)
            .or_else(|| base.map(|b| b.role_arn.clone()))
            .unwrap_or_default(),
        bucket_arn: bucket
            .map(str::to_string)
            .or_else(|| base.map(|b| b.bucket_arn.clone()))
            .unwrap_or_default(),
        prefix,
        error_output_prefix,
        buffering,
        compression,
        kms_key_arn,
        logging,
        file_extension,
        processing,
        dynamic_partitioning,
        conversion,
        backup,
    })
}

/// `S3BackupMode` and the backup bucket's `S3BackupConfiguration` (`S3BackupUpdate` in an
/// update). Once on, backup stays on.
fn read_backup(
    sb: &Sandbox,
    name: &str,
    cfg: Body,
    path: &str,
    base: Option<&S3Destination>,
) -> Result<Option<Box<S3Destination>>, ApiError> {
    let mode = cfg.string("S3BackupMode")?;
    if let Some(m) = mode {
        if m != "Enabled" && m != "Disabled" {
            return Err(ApiError::validation(format!(
                "1 validation error detected: Value '{m}' at '{path}.s3BackupMode' failed to satisfy constraint: Member must satisfy enum value set: [Disabled, Enabled]"
            )));
        }
    }
    let had = base.and_then(|b| b.backup.clone());
    if mode == Some("Disabled") && had.is_some() {
        return Err(ApiError::invalid_argument(
            "S3BackupMode cannot be changed from Enabled to Disabled: source record backup can't be turned off once it is on.",
        ));
    }
    let field = if base.is_some() {
        "S3BackupUpdate"
    } else {
        "S3BackupConfiguration"
    };
    let sub_path = format!(
        "{path}.{}",
        if base.is_some() {
            "s3BackupUpdate"
        } else {
            "s3BackupConfiguration"
        }
    );
    match (mode, cfg.object(field)?) {
        (Some("Enabled"), Some(b)) => {
            let dest = read_destination(sb, name, b, false, &sub_path, had.as_deref())?;
            Ok(Some(Box::new(dest)))
        }
        (Some("Enabled"), None) if had.is_none() => Err(ApiError::invalid_argument(
            "S3BackupConfiguration is required when S3BackupMode is Enabled.",
        )),
        (_, Some(b)) if had.is_some() => {
            let dest = read_destination(sb, name, b, false, &sub_path, had.as_deref())?;
            Ok(Some(Box::new(dest)))
        }
        _ => Ok(had),
    }
}

fn create_delivery_stream(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let kind = body.string("DeliveryStreamType")?.unwrap_or("DirectPut");
    if !matches!(
        kind,
        "DirectPut" | "KinesisStreamAsSource" | "MSKAsSource" | "DatabaseAsSource"
    ) {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{kind}' at 'deliveryStreamType' failed to satisfy \
             constraint: Member must satisfy enum value set: [DatabaseAsSource, DirectPut, \
             KinesisStreamAsSource, MSKAsSource]"
        )));
    }
    if matches!(kind, "MSKAsSource" | "DatabaseAsSource") {
        return Err(not_available(kind));
    }
    for other in OTHER_DESTINATIONS {
        if body.has(other) {
            return Err(not_available(other));
        }
    }
    let plain = body.object("S3DestinationConfiguration")?;
    let extended = body.object("ExtendedS3DestinationConfiguration")?;
    let http_cfg = body.object("HttpEndpointDestinationConfiguration")?;
    let redshift_cfg = body.object("RedshiftDestinationConfiguration")?;
    let splunk_cfg = body.object("SplunkDestinationConfiguration")?;
    let os_cfg = body.object("AmazonopensearchserviceDestinationConfiguration")?;
    let given = [
        plain.is_some(),
        extended.is_some(),
        http_cfg.is_some(),
        os_cfg.is_some(),
        redshift_cfg.is_some(),
        splunk_cfg.is_some(),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    if given > 1 {
        return Err(ApiError::invalid_argument(
            "Only one destination configuration can be specified.",
        ));
    }
    let mut http = None;
    let mut opensearch = None;
    let mut redshift = None;
    let mut splunk = None;
    let destination = match (plain, extended, http_cfg, os_cfg) {
        (None, None, None, None) if redshift_cfg.is_some() => {
            let c = redshift_cfg.expect("checked");
            let (r, s3) = redshift::read(c)?;
            let path = "redshiftDestinationConfiguration";
            let mut dest = read_destination(
                sb,
                &name,
                s3,
                false,
                &format!("{path}.s3Configuration"),
                None,
            )?;
            redshift::check_intermediate(&dest)?;
            if let Some(p) = c.object("ProcessingConfiguration")? {
                dest.processing = Some(processing_config::Processing::read(
                    p,
                    &format!("{path}.processingConfiguration"),
                )?);
            }
            dest.backup = read_backup(sb, &name, c, path, None)?;
            if let Some(l) = c.object("CloudWatchLoggingOptions")? {
                dest.logging = LoggingOptions {
                    enabled: l.boolean("Enabled")?.unwrap_or(false),
                    log_group: l
                        .string("LogGroupName")?
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("/aws/kinesisfirehose/{name}")),
                    log_stream: l
                        .string("LogStreamName")?
                        .map(str::to_string)
                        .unwrap_or_else(|| "RedshiftDelivery".into()),
                };
            }
            redshift = Some(r);
            dest
        }
        (None, None, None, None) if splunk_cfg.is_some() => {
            let c = splunk_cfg.expect("matched");
            let (s, s3) = splunk::read(c)?;
            splunk = Some(s);
            let path = "splunkDestinationConfiguration.s3Configuration";
            let mut dest = read_destination(sb, &name, s3, false, path, None)?;
            splunk::complete(c, &mut dest)?;
            dest
        }
        (_, _, _, Some(c)) => {
            let (o, s3) = amazon_opensearch::read(c, None)?;
            opensearch = Some(o);
            read_destination(
                sb,
                &name,
                s3.expect("required"),
                false,
                "amazonopensearchserviceDestinationConfiguration.s3Configuration",
                None,
            )?
        }
        (_, _, Some(c), None) => {
            let (h, s3) = http_endpoint::read(c)?;
            http = Some(h);
            let mut dest = read_destination(
                sb,
                &name,
                s3,
                false,
                "httpEndpointDestinationConfiguration.s3Configuration",
                None,
            )?;
            if let Some(p) = c.object("ProcessingConfiguration")? {
                dest.processing = Some(processing_config::Processing::read(
                    p,
                    "httpEndpointDestinationConfiguration.processingConfiguration",
                )?);
            }
            dest
        }
        (None, None, None, None) => {
            return Err(ApiError::invalid_argument(
                "A destination configuration must be specified.",
            ))
        }
        (Some(c), _, None, None) => {
            read_destination(sb, &name, c, false, "s3DestinationConfiguration", None)?
        }
        (None, Some(c), None, None) => read_destination(
            sb,
            &name,
            c,
            true,
            "extendedS3DestinationConfiguration",
            None,
        )?,
    };
    let source = if kind == "KinesisStreamAsSource" {
        let cfg = body.object("KinesisStreamSourceConfiguration")?.ok_or_else(|| {
            ApiError::invalid_argument(
                "KinesisStreamSourceConfiguration is required for the KinesisStreamAsSource delivery stream type.",
            )
        })?;
        let arn = cfg.string("KinesisStreamARN")?.unwrap_or("");
        let role = cfg.string("RoleARN")?.unwrap_or("");
        let stream_name = arn.rsplit_once(":stream/").map(|(_, n)| n).unwrap_or("");
        if sb.streams.get(stream_name).is_none()
            || arn != sb.arn("kinesis", &format!("stream/{stream_name}"))
        {
            return Err(ApiError::invalid_argument(format!(
                "Stream {stream_name} under account {} not found.",
                sb.config.account_id
            )));
        }
        Some(KinesisSource {
            role_arn: role.to_string(),
            started: sb.now,
            consumer: StreamConsumer::new(stream_name, arn),
            last_error_ms: i64::MIN / 2,
        })
    } else {
        if body.has("KinesisStreamSourceConfiguration") {
            return Err(ApiError::invalid_argument(
                "KinesisStreamSourceConfiguration is only allowed for the KinesisStreamAsSource delivery stream type.",
            ));
        }
        None
    };
    let encryption = match body.object("DeliveryStreamEncryptionConfigurationInput")? {
        Some(e) if source.is_some() => {
            let _ = e;
            return Err(ApiError::invalid_argument(NOT_ON_KINESIS_SOURCE));
        }
        Some(e) => read_stream_encryption(sb, e)?,
        None => StreamEncryption {
            enabled: false,
            key_type: "AWS_OWNED_CMK".into(),
            key_arn: None,
        },
    };
    let tags = read_tags(body)?;
    if sb.firehose.streams.contains_key(&name) {
        return Err(ApiError::resource_in_use(format!(
            "Firehose {name} under account {} already exists.",
            sb.config.account_id
        )));
    }
    if sb.firehose.streams.len() >= MAX_DELIVERY_STREAMS {
        return Err(ApiError::limit_exceeded(format!(
            "You have already consumed your firehose quota of {MAX_DELIVERY_STREAMS} hoses. Firehose names: {}",
            sb.firehose.streams.keys().cloned().collect::<Vec<_>>().join(", ")
        )));
    }
    let arn = sb.arn("firehose", &format!("deliverystream/{name}"));
    let now = sb.now;
    if destination.logging.enabled {
        // The console creates the log group and stream along with the delivery stream.
        sb.cloudwatch.ensure_log_stream(
            &destination.logging.log_group,
            &destination.logging.log_stream,
            now,
        );
    }
    sb.firehose.streams.insert(
        name.clone(),
        DeliveryStream {
            name,
            arn: arn.clone(),
            status: DeliveryStreamStatus::Creating,
            created: now,
            active_at: now + std::time::Duration::from_millis(CREATE_DELAY_MS as u64),
            last_update: now,
            version: 1,
            source,
            destination,
            encryption,
            tags: tags.into_iter().collect(),
            buffer: Buffer::default(),
            pending: VecDeque::new(),
            ledger: Ledger::default(),
            stage: Default::default(),
            backup_buffer: Buffer::default(),
            partitions: BTreeMap::new(),
            unrouted: Vec::new(),
            http,
            http_pending: VecDeque::new(),
            redshift,
            redshift_pending: VecDeque::new(),
            splunk,
            splunk_pending: VecDeque::new(),
            opensearch,
            opensearch_pending: VecDeque::new(),
            put_window: (0, 0, 0, 0),
            last_poll: i64::MIN / 2,
        },
    );
    Ok(json!({ "DeliveryStreamARN": arn }))
}

fn read_stream_encryption(sb: &Sandbox, e: Body) -> Result<StreamEncryption, ApiError> {
    let key_type = e.string("KeyType")?.unwrap_or("AWS_OWNED_CMK");
    let key_arn = e.string("KeyARN")?;
    match (key_type, key_arn) {
        ("AWS_OWNED_CMK", Some(_)) => Err(ApiError::invalid_argument(
            "KeyARN must not be specified when KeyType is AWS_OWNED_CMK.",
        )),
        ("CUSTOMER_MANAGED_CMK", None) => Err(ApiError::invalid_argument(
            "KeyARN must be specified when KeyType is CUSTOMER_MANAGED_CMK.",
        )),
        ("AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK", _) => {
            let _ = sb;
            Ok(StreamEncryption {
                enabled: true,
                key_type: key_type.to_string(),
                key_arn: key_arn.map(str::to_string),
            })
        }
        (other, _) => Err(ApiError::validation(format!(
            "1 validation error detected: Value '{other}' at \
             'deliveryStreamEncryptionConfigurationInput.keyType' failed to satisfy constraint: \
             Member must satisfy enum value set: [AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK]"
        ))),
    }
}

fn read_tags(body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    let list = body.list("Tags")?.map(|l| l.as_slice()).unwrap_or(&[]);
    if list.len() > 50 {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: \
             Member must have length less than or equal to 50",
            list.len()
        )));
    }
    for t in list {
        let t = Body::of(t)?;
        let key = t.string("Key")?.ok_or_else(|| {
            ApiError::validation(
                "1 validation error detected: Value null at 'tags.member.key' failed to satisfy \
                 constraint: Member must not be null",
            )
        })?;
        let value = t.string("Value")?.unwrap_or("");
        out.push((key.to_string(), value.to_string()));
    }
    Ok(out)
}

fn describe_destination(d: &DeliveryStream) -> Value {
    let dest = &d.destination;
    let mut s3 = json!({
        "RoleARN": dest.role_arn,
        "BucketARN": dest.bucket_arn,
        "BufferingHints": {"SizeInMBs": dest.buffering.size_mb, "IntervalInSeconds": dest.buffering.interval_s},
        "CompressionFormat": dest.compression.as_str(),
        "EncryptionConfiguration": match &dest.kms_key_arn {
            Some(k) => json!({"KMSEncryptionConfig": {"AWSKMSKeyARN": k}}),
            None => json!({"NoEncryptionConfig": "NoEncryption"}),
        },
        "CloudWatchLoggingOptions": {
            "Enabled": dest.logging.enabled,
            "LogGroupName": dest.logging.log_group,
            "LogStreamName": dest.logging.log_stream,
        },
    });
    if let Some(p) = &dest.prefix {
        s3["Prefix"] = json!(p);
    }
    if let Some(p) = &dest.error_output_prefix {
        s3["ErrorOutputPrefix"] = json!(p);
    }
    let mut out = json!({"DestinationId": "destinationId-000000000001"});
    if dest.extended {
        let mut ext = s3.clone();
        ext["ProcessingConfiguration"] = match &dest.processing {
            Some(p) => p.describe(),
            None => json!({"Enabled": false, "Processors": []}),
        };
        if dest.dynamic_partitioning.enabled {
            ext["DynamicPartitioningConfiguration"] = dest.dynamic_partitioning.describe();
        }
        match &dest.backup {
            Some(b) => {
                ext["S3BackupMode"] = json!("Enabled");
                let mut desc = json!({
                    "RoleARN": b.role_arn,
                    "BucketARN": b.bucket_arn,
                    "BufferingHints": {"SizeInMBs": b.buffering.size_mb, "IntervalInSeconds": b.buffering.interval_s},
                    "CompressionFormat": b.compression.as_str(),
                    "EncryptionConfiguration": {"NoEncryptionConfig": "NoEncryption"},
                    "CloudWatchLoggingOptions": {"Enabled": b.logging.enabled, "LogGroupName": b.logging.log_group, "LogStreamName": b.logging.log_stream},
                });
                if let Some(p) = &b.prefix {
                    desc["Prefix"] = json!(p);
                }
                ext["S3BackupDescription"] = desc;
            }
            None => ext["S3BackupMode"] = json!("Disabled"),
        }
        ext["DataFormatConversionConfiguration"] = match &dest.conversion {
            Some(c) => c.describe(),
            None => json!({"Enabled": false}),
        };
        if let Some(e) = &dest.file_extension {
            ext["FileExtension"] = json!(e);
        }
        out["ExtendedS3DestinationDescription"] = ext;
    }
    if let Some(h) = &d.http {
        out["HttpEndpointDestinationDescription"] = h.describe(s3);
        return out;
    }
    if let Some(r) = &d.redshift {
        out["RedshiftDestinationDescription"] = r.describe(s3, d);
        return out;
    }
    if let Some(sp) = &d.splunk {
        let processing = dest.processing.as_ref().map(|p| p.describe());
        out["SplunkDestinationDescription"] = sp.describe(s3, processing);
        return out;
    }
    if let Some(o) = &d.opensearch {
        out["AmazonopensearchserviceDestinationDescription"] = o.describe(s3);
        return out;
    }
    out["S3DestinationDescription"] = s3;
    out
}

fn describe_delivery_stream(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?;
    let d = find(sb, name)?;
    let mut out = json!({
        "DeliveryStreamName": d.name,
        "DeliveryStreamARN": d.arn,
        "DeliveryStreamStatus": d.status.as_str(),
        "DeliveryStreamType": d.stream_type(),
        "VersionId": d.version.to_string(),
        "CreateTimestamp": d.created.epoch_seconds(),
        "DeliveryStreamEncryptionConfiguration": {
            "Status": if d.encryption.enabled { "ENABLED" } else { "DISABLED" },
        },
        "Destinations": [describe_destination(d)],
        "HasMoreDestinations": false,
    });
    if d.encryption.enabled {
        out["DeliveryStreamEncryptionConfiguration"]["KeyType"] = json!(d.encryption.key_type);
        if let Some(k) = &d.encryption.key_arn {
            out["DeliveryStreamEncryptionConfiguration"]["KeyARN"] = json!(k);
        }
    }
    if d.version > 1 {
        out["LastUpdateTimestamp"] = json!(d.last_update.epoch_seconds());
    }
    if let Some(s) = &d.source {
        out["Source"] = json!({"KinesisStreamSourceDescription": {
            "KinesisStreamARN": s.consumer.stream_arn,
            "RoleARN": s.role_arn,
            "DeliveryStartTimestamp": s.started.epoch_seconds(),
        }});
    }
    Ok(json!({ "DeliveryStreamDescription": out }))
}

fn list_delivery_streams(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let limit = body.integer("Limit")?;
    let kind = body.string("DeliveryStreamType")?;
    let start = body.string("ExclusiveStartDeliveryStreamName")?;
    let mut v = Validation::new();
    if let Some(l) = limit {
        v.range(l, "limit", 1, 10_000);
    }
    v.finish()?;
    let limit = limit.unwrap_or(10) as usize;
    let all: Vec<&str> = sb
        .firehose
        .streams
        .values()
        .filter(|d| kind.is_none_or(|k| d.stream_type() == k))
        .filter(|d| start.is_none_or(|s| d.name.as_str() > s))
        .map(|d| d.name.as_str())
        .collect();
    Ok(json!({
        "DeliveryStreamNames": &all[..all.len().min(limit)],
        "HasMoreDeliveryStreams": all.len() > limit,
    }))
}

fn delete_delivery_stream(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    find(sb, &name)?;
    if let Some(d) = sb.firehose.streams.get_mut(&name) {
        d.status = DeliveryStreamStatus::Deleting;
    }
    Ok(json!({}))
}

fn decode_data(data: Option<&str>, path: &str) -> Result<Vec<u8>, ApiError> {
    let text = data.ok_or_else(|| {
        ApiError::validation(format!(
            "1 validation error detected: Value null at '{path}' failed to satisfy constraint: Member must not be null"
        ))
    })?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|_| ApiError::serialization(Some("Base64 encoded data expected".into())))?;
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value at '{path}' failed to satisfy constraint: \
             Member must have length less than or equal to {MAX_RECORD_BYTES}"
        )));
    }
    Ok(bytes)
}

fn writable<'a>(sb: &'a Sandbox, name: &str) -> Result<&'a DeliveryStream, ApiError> {
    let d = find(sb, name)?;
    if d.source.is_some() {
        return Err(ApiError::invalid_argument(NOT_ON_KINESIS_SOURCE));
    }
    if d.status != DeliveryStreamStatus::Active {
        return Err(ApiError::resource_not_found(format!(
            "Firehose {name} under account {} is not ACTIVE (its status is {}).",
            sb.config.account_id,
            d.status.as_str()
        )));
    }
    Ok(d)
}

/// A record id: 84 random bytes in base64 (112 characters), drawn from the sandbox's RNG.
fn record_id(sb: &mut Sandbox) -> String {
    let mut bytes = [0u8; 88];
    for chunk in bytes.chunks_mut(8) {
        chunk.copy_from_slice(&sb.rng().next_u64().to_le_bytes());
    }
    base64::engine::general_purpose::STANDARD.encode(&bytes[..84])
}

/// Takes `bytes`/`records` of one request from this second's Direct PUT allowance.
fn take_allowance(d: &mut DeliveryStream, now: SimTime, bytes: u64, records: u64) -> bool {
    let second = now.epoch_millis().div_euclid(1000);
    if d.put_window.0 != second {
        d.put_window = (second, 0, 0, 0);
    }
    let (_, b, q, r) = d.put_window;
    if b + bytes > PUT_BYTES_PER_SEC
        || q + 1 > PUT_REQUESTS_PER_SEC
        || r + records > PUT_RECORDS_PER_SEC
    {
        return false;
    }
    d.put_window = (second, b + bytes, q + 1, r + records);
    true
}

pub(crate) fn metric(sb: &mut Sandbox, stream: &str, metric: FirehoseMetric, value: f64) {
    let now = sb.now;
    sb.cloudwatch.put_metric_parts(
        NAMESPACE,
        metric.name(),
        &[("DeliveryStreamName", stream)],
        metric.unit(),
        now,
        value,
    );
}

fn put_record(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let record = body.object("Record")?.ok_or_else(|| {
        ApiError::validation(
            "1 validation error detected: Value null at 'record' failed to satisfy constraint: Member must not be null",
        )
    })?;
    let data = decode_data(record.string("Data")?, "record.data")?;
    let d = writable(sb, &name)?;
    check_source(d, false)?;
    let encrypted = d.encryption.enabled;
    let now = sb.now;
    let len = data.len() as u64;
    let d = sb.firehose.streams.get_mut(&name).expect("found above");
    if !take_allowance(d, now, len, 1) {
        metric(sb, &name, FirehoseMetric::ThrottledRecords, 1.0);
        return Err(ApiError::new(
            ErrorKind::ServiceUnavailableException,
            "Slow down.",
        ));
    }
    let id = record_id(sb);
    delivery::accept_record(sb, &name, &id, &data, now);
    metric(sb, &name, FirehoseMetric::IncomingBytes, len as f64);
    metric(sb, &name, FirehoseMetric::IncomingRecords, 1.0);
    metric(sb, &name, FirehoseMetric::IncomingPutRequests, 1.0);
    metric(sb, &name, FirehoseMetric::PutRecordBytes, len as f64);
    metric(sb, &name, FirehoseMetric::PutRecordRequests, 1.0);
    delivery::deliver_due(sb, &name);
    Ok(json!({"RecordId": id, "Encrypted": encrypted}))
}

fn put_record_batch(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let records = body.list("Records")?.ok_or_else(|| {
        ApiError::validation(
            "1 validation error detected: Value null at 'records' failed to satisfy constraint: Member must not be null",
        )
    })?;
    let mut v = Validation::new();
    if records.is_empty() {
        v.fail(
            Some("[]"),
            "records",
            "Member must have length greater than or equal to 1",
        );
    }
    if records.len() > MAX_BATCH_RECORDS {
        v.fail(
            Some(&format!("{} records", records.len())),
            "records",
            &format!("Member must have length less than or equal to {MAX_BATCH_RECORDS}"),
        );
    }
    v.finish()?;
    let mut datas = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let r = Body::of(r)?;
        datas.push(decode_data(
            r.string("Data")?,
            &format!("records.{}.member.data", i + 1),
        )?);
    }
    let out = put_record_batch_typed(sb, &name, datas.iter().map(Vec::as_slice))?;
    let responses: Vec<Value> = out
        .results
        .iter()
        .map(|r| match r {
            Ok(id) => json!({ "RecordId": id }),
            Err(kind) => json!({"ErrorCode": kind.as_str(), "ErrorMessage": "Slow down."}),
        })
        .collect();
    Ok(
        json!({"FailedPutCount": out.failed(), "Encrypted": out.encrypted, "RequestResponses": responses}),
    )
}

/// What a PutRecordBatch did with each record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Per record, in order: its record id, or why it was refused (throttled).
    pub results: Vec<Result<String, ErrorKind>>,
    pub encrypted: bool,
}

impl BatchOutcome {
    pub fn failed(&self) -> usize {
        self.results.iter().filter(|r| r.is_err()).count()
    }
}

/// PutRecordBatch after its body is read: the size limits, the delivery stream's state and
/// its per-second allowance, then each record into the buffer. Internal producers (the
/// generator) call it through [`Sandbox::call_typed`] as [`PUT_RECORD_BATCH`].
pub(crate) fn put_record_batch_typed<'a>(
    sb: &mut Sandbox,
    name: &str,
    records: impl ExactSizeIterator<Item = &'a [u8]> + Clone,
) -> Result<BatchOutcome, ApiError> {
    put_batch(sb, name, records, false)
}

/// PutRecordBatch from a CloudWatch Logs subscription filter, the one producer a delivery
/// stream that decompresses takes records from.
pub(crate) fn put_record_batch_from_logs<'a>(
    sb: &mut Sandbox,
    name: &str,
    records: impl ExactSizeIterator<Item = &'a [u8]> + Clone,
) -> Result<BatchOutcome, ApiError> {
    put_batch(sb, name, records, true)
}

/// With CloudWatch Logs decompression on, only CloudWatch Logs may put records.
fn check_source(d: &DeliveryStream, from_logs: bool) -> Result<(), ApiError> {
    if !from_logs && unpack::decompresses(d.destination.processing.as_ref()) {
        return Err(ApiError::new(
            ErrorKind::InvalidSourceException,
            "Only requests from CloudWatch Logs are supported when CloudWatch Logs decompression is enabled.",
        ));
    }
    Ok(())
}

fn put_batch<'a>(
    sb: &mut Sandbox,
    name: &str,
    records: impl ExactSizeIterator<Item = &'a [u8]> + Clone,
    from_logs: bool,
) -> Result<BatchOutcome, ApiError> {
    let name = name.to_string();
    if records.len() > MAX_BATCH_RECORDS {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{} records' at 'records' failed to satisfy \
             constraint: Member must have length less than or equal to {MAX_BATCH_RECORDS}",
            records.len()
        )));
    }
    for (i, data) in records.clone().enumerate() {
        if data.len() > MAX_RECORD_BYTES {
            return Err(ApiError::validation(format!(
                "1 validation error detected: Value at 'records.{}.member.data' failed to \
                 satisfy constraint: Member must have length less than or equal to \
                 {MAX_RECORD_BYTES}",
                i + 1
            )));
        }
    }
    let total: usize = records.clone().map(<[u8]>::len).sum();
    if total > MAX_BATCH_BYTES {
        return Err(ApiError::invalid_argument(format!(
            "Records size exceeds {MAX_BATCH_BYTES} bytes limit (4 MiB) for a PutRecordBatch request."
        )));
    }
    let d = writable(sb, &name)?;
    check_source(d, from_logs)?;
    let encrypted = d.encryption.enabled;
    let now = sb.now;
    let mut results = Vec::with_capacity(records.len());
    let mut accepted_bytes = 0u64;
    let mut accepted = 0u64;
    {
        let d = sb.firehose.streams.get_mut(&name).expect("found above");
        // The request itself counts once; each record then needs room in this second.
        if !take_allowance(d, now, 0, 0) {
            return Err(ApiError::new(
                ErrorKind::ServiceUnavailableException,
                "Slow down.",
            ));
        }
    }
    for data in records {
        let d = sb.firehose.streams.get_mut(&name).expect("found above");
        let second = now.epoch_millis().div_euclid(1000);
        let (_, b, q, r) = d.put_window;
        let fits = d.put_window.0 == second
            && b + data.len() as u64 <= PUT_BYTES_PER_SEC
            && r < PUT_RECORDS_PER_SEC;
        if fits {
            d.put_window = (second, b + data.len() as u64, q, r + 1);
            let id = record_id(sb);
            delivery::accept_record(sb, &name, &id, data, now);
            accepted += 1;
            accepted_bytes += data.len() as u64;
            results.push(Ok(id));
        } else {
            results.push(Err(ErrorKind::ServiceUnavailableException));
        }
    }
    let failed = results.iter().filter(|r| r.is_err()).count();
    metric(
        sb,
        &name,
        FirehoseMetric::IncomingBytes,
        accepted_bytes as f64,
    );
    metric(sb, &name, FirehoseMetric::IncomingRecords, accepted as f64);
    metric(sb, &name, FirehoseMetric::IncomingPutRequests, 1.0);
    metric(
        sb,
        &name,
        FirehoseMetric::PutRecordBatchBytes,
        accepted_bytes as f64,
    );
    metric(
        sb,
        &name,
        FirehoseMetric::PutRecordBatchRecords,
        accepted as f64,
    );
    metric(sb, &name, FirehoseMetric::PutRecordBatchRequests, 1.0);
    if failed > 0 {
        metric(sb, &name, FirehoseMetric::ThrottledRecords, failed as f64);
    }
    delivery::deliver_due(sb, &name);
    Ok(BatchOutcome { results, encrypted })
}

fn update_destination(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let version = body.string("CurrentDeliveryStreamVersionId")?;
    let dest_id = body.string("DestinationId")?;
    let mut v = Validation::new();
    v.required(version, "currentDeliveryStreamVersionId");
    v.required(dest_id, "destinationId");
    v.finish()?;
    let d = find(sb, &name)?;
    if d.status != DeliveryStreamStatus::Active {
        return Err(ApiError::resource_in_use(format!(
            "Firehose {name} under account {} is not in ACTIVE state.",
            sb.config.account_id
        )));
    }
    if dest_id != Some("destinationId-000000000001") {
        return Err(ApiError::invalid_argument(format!(
            "Destination Id {} not found.",
            dest_id.unwrap_or("")
        )));
    }
    if version != Some(d.version.to_string().as_str()) {
        return Err(ApiError::new(
            ErrorKind::ConcurrentModificationException,
            format!(
                "Cannot update firehose: {name} since the current version id: {} and specified version id: {} do not match",
                d.version,
                version.unwrap_or("")
            ),
        ));
    }
    let os_update = body.object("AmazonopensearchserviceDestinationUpdate")?;
    let other_updates = [
        "S3DestinationUpdate",
        "ExtendedS3DestinationUpdate",
        "RedshiftDestinationUpdate",
        "ElasticsearchDestinationUpdate",
        "SplunkDestinationUpdate",
        "HttpEndpointDestinationUpdate",
        "AmazonOpenSearchServerlessDestinationUpdate",
        "SnowflakeDestinationUpdate",
        "IcebergDestinationUpdate",
    ]
    .iter()
    .any(|u| body.has(u));
    if d.opensearch.is_some() != os_update.is_some() && (os_update.is_some() || other_updates) {
        return Err(ApiError::invalid_argument(SWITCHING_OPENSEARCH));
    }
    if let (Some(current), Some(u)) = (d.opensearch.clone(), os_update) {
        if other_updates {
            return Err(ApiError::invalid_argument(SWITCHING_OPENSEARCH));
        }
        let (o, s3) = amazon_opensearch::read(u, Some(&current))?;
        let base = d.destination.clone();
        let dest = match s3 {
            Some(s3) => read_destination(
                sb,
                &name,
                s3,
                false,
                "amazonopensearchserviceDestinationUpdate.s3Update",
                Some(&base),
            )?,
            None => base,
        };
        let now = sb.now;
        let d = sb.firehose.streams.get_mut(&name).expect("found above");
        d.opensearch = Some(o);
        d.destination = dest;
        d.version += 1;
        d.last_update = now;
        delivery::deliver_due(sb, &name);
        return Ok(json!({}));
    }
    if d.http.is_some() || body.has("HttpEndpointDestinationUpdate") {
        return Err(not_available(
            "UpdateDestination of an HTTP endpoint destination",
        ));
    }
    if let Some(base_redshift) = d.redshift.clone() {
        let Some(u) = body.object("RedshiftDestinationUpdate")? else {
            return Err(not_available(
                "Switching an Amazon Redshift destination to another destination",
            ));
        };
        let (updated, s3) = redshift::read_update(u, &base_redshift)?;
        let base = d.destination.clone();
        let mut dest = match s3 {
            Some(s3) => read_destination(
                sb,
                &name,
                s3,
                false,
                "redshiftDestinationUpdate.s3Update",
                Some(&base),
            )?,
            None => base.clone(),
        };
        redshift::check_intermediate(&dest)?;
        if let Some(p) = u.object("ProcessingConfiguration")? {
            dest.processing = Some(processing_config::Processing::read(
                p,
                "redshiftDestinationUpdate.processingConfiguration",
            )?);
        }
        dest.backup = read_backup(sb, &name, u, "redshiftDestinationUpdate", Some(&base))?;
        let now = sb.now;
        let d = sb.firehose.streams.get_mut(&name).expect("found above");
        d.destination = dest;
        d.redshift = Some(updated);
        d.version += 1;
        d.last_update = now;
        // Waiting COPYs keep their 5-minute schedule, with the new settings.
        delivery::deliver_due(sb, &name);
        return Ok(json!({}));
    }
    if d.splunk.is_some() || body.has("SplunkDestinationUpdate") {
        return splunk::update_destination(sb, &name, body);
    }
    for other in [
        "RedshiftDestinationUpdate",
        "ElasticsearchDestinationUpdate",
        "HttpEndpointDestinationUpdate",
    ] {
        if body.has(other) {
            return Err(not_available(other));
        }
    }
    let base = d.destination.clone();
    let update = match (
        body.object("S3DestinationUpdate")?,
        body.object("ExtendedS3DestinationUpdate")?,
    ) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid_argument(
                "Only one destination update can be specified.",
            ))
        }
        (None, None) => {
            return Err(ApiError::invalid_argument(
                "A destination update must be specified.",
            ))
        }
        (Some(u), None) => {
            read_destination(sb, &name, u, false, "s3DestinationUpdate", Some(&base))?
        }
        (None, Some(u)) => {
            let mut dst = read_destination(
                sb,
                &name,
                u,
                true,
                "extendedS3DestinationUpdate",
                Some(&base),
            )?;
            dst.extended = true;
            dst
        }
    };
    let now = sb.now;
    if update.logging.enabled {
        sb.cloudwatch
            .ensure_log_stream(&update.logging.log_group, &update.logging.log_stream, now);
    }
    let d = sb.firehose.streams.get_mut(&name).expect("found above");
    d.destination = update;
    d.version += 1;
    d.last_update = now;
    delivery::deliver_due(sb, &name);
    Ok(json!({}))
}

fn tag_delivery_stream(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let tags = read_tags(body)?;
    if tags.is_empty() {
        return Err(ApiError::validation(
            "1 validation error detected: Value '[]' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ));
    }
    let d = find(sb, &name)?;
    let mut merged = d.tags.clone();
    merged.extend(tags);
    if merged.len() > 50 {
        return Err(ApiError::limit_exceeded(format!(
            "Exceeded the maximum number of tags (50) for delivery stream {name}."
        )));
    }
    sb.firehose.streams.get_mut(&name).expect("found").tags = merged;
    Ok(json!({}))
}

fn untag_delivery_stream(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let keys: Vec<String> = body
        .list("TagKeys")?
        .map(|l| {
            l.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    if keys.is_empty() {
        return Err(ApiError::validation(
            "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
        ));
    }
    find(sb, &name)?;
    let d = sb.firehose.streams.get_mut(&name).expect("found");
    for k in keys {
        d.tags.remove(&k);
    }
    Ok(json!({}))
}

fn list_tags(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let start = body.string("ExclusiveStartTagKey")?;
    let limit = body.integer("Limit")?.unwrap_or(50).clamp(1, 50) as usize;
    let d = find(sb, &name)?;
    let all: Vec<Value> = d
        .tags
        .iter()
        .filter(|(k, _)| start.is_none_or(|s| k.as_str() > s))
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    Ok(json!({"Tags": &all[..all.len().min(limit)], "HasMoreTags": all.len() > limit}))
}

fn set_encryption(sb: &mut Sandbox, body: Body, on: bool) -> Result<Value, ApiError> {
    let name = stream_name(body)?.to_string();
    let d = find(sb, &name)?;
    if d.source.is_some() {
        return Err(ApiError::invalid_argument(NOT_ON_KINESIS_SOURCE));
    }
    let enc = if on {
        match body.object("DeliveryStreamEncryptionConfigurationInput")? {
            Some(e) => read_stream_encryption(sb, e)?,
            None => StreamEncryption {
                enabled: true,
                key_type: "AWS_OWNED_CMK".into(),
                key_arn: None,
            },
        }
    } else {
        StreamEncryption {
            enabled: false,
            key_type: "AWS_OWNED_CMK".into(),
            key_arn: None,
        }
    };
    sb.firehose
        .streams
        .get_mut(&name)
        .expect("found")
        .encryption = enc;
    Ok(json!({}))
}
