//! Kinesis Data Streams (`Kinesis_20131202.*`).
//!
//! Delays in virtual time (AWS takes seconds to tens of seconds; the sandbox picks short,
//! realistic values so a learner sees every status without waiting long):
//!
//! | change | status while it runs | delay |
//! |---|---|---|
//! | CreateStream | CREATING | 5 s |
//! | DeleteStream | DELETING | 5 s |
//! | SplitShard, MergeShards, UpdateShardCount | UPDATING | 10 s |
//! | Start/StopStreamEncryption | UPDATING | 5 s |
//! | Increase/DecreaseStreamRetentionPeriod | UPDATING | 1 s |
//! | RegisterStreamConsumer / DeregisterStreamConsumer | consumer CREATING / DELETING | 5 s |

mod capacity;
pub mod cli;
pub mod consumer;
pub mod fan_out;
pub mod hash_range;
mod iterator;
mod list_shards;
pub mod metrics;
mod records;
mod reshard;
pub mod sequence;
mod settings;
pub mod shard;
pub mod stream;
pub mod throughput;
mod view;
pub mod vocab;

use super::body::Body;
use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service, Target};
use super::{ApiError, Sandbox, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use stream::{Change, Pending, Stream};

pub use capacity::{estimate_shards, stream_capacity, StreamCapacity};
pub use fan_out::{ConsumerStatus, SubscribeToShardEvent};
pub use hash_range::{even_split, hash_key, shard_for_hash, shard_for_key, HashKeyRange};
pub use metrics::{MetricPoint, Stat, SHARD_METRICS, STREAM_METRICS};
pub(crate) use records::put_records_typed_iter;
pub use records::{put_records_typed, PutOutcome, PutResult, MAX_BATCH_BYTES, MAX_DATA_BYTES};
pub use sequence::SequenceNumber;
pub use shard::{RateSample, StoredRecord};
pub use stream::{StreamMode, StreamStatus};
pub use view::{ConsumerView, ReadFrom, RecordMemory, ShardView, StreamView};
pub use vocab::ShardIteratorType;

/// Delay from CreateStream to ACTIVE.
pub const CREATE_DELAY_MS: i64 = 5_000;
/// Delay from DeleteStream to gone.
pub const DELETE_DELAY_MS: i64 = 5_000;
/// Delay of a split, merge or UpdateShardCount.
pub const RESHARD_DELAY_MS: i64 = 10_000;
/// Delay of Start/StopStreamEncryption.
pub const ENCRYPTION_DELAY_MS: i64 = 5_000;
/// Delay of a retention change.
pub const RETENTION_DELAY_MS: i64 = 1_000;
/// Streams that may be CREATING at once.
pub const MAX_CREATING: usize = 5;
/// Shards an on-demand stream starts with (4 MB/s write).
pub const ON_DEMAND_SHARDS: u32 = 4;

/// What a Kinesis Data Streams operation sees: the clock, the account and the streams.
pub(crate) type Cx<'a> = Ctx<'a, Streams>;

/// Every stream in the account, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Streams {
    streams: BTreeMap<String, Stream>,
    /// Bytes of keys and data held by every shard of every stream.
    stored_bytes: u64,
}

impl Streams {
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.streams.keys().map(String::as_str)
    }

    pub fn get(&self, name: &str) -> Option<&Stream> {
        self.streams.get(name)
    }

    /// Bytes of partition keys and data held across the account.
    pub fn stored_bytes(&self) -> u64 {
        self.stored_bytes
    }

    /// Open shards across the account, counting streams still being created.
    pub fn account_open_shards(&self) -> u64 {
        self.streams
            .values()
            .map(|s| u64::from(s.open_shard_count()))
            .sum()
    }
}

/// Kinesis Data Streams in the registry.
pub const SERVICE: Service = Service {
    prefix: "Kinesis_20131202",
    operations: &[
        changes("AddTagsToStream", |sb, body| {
            settings::add_tags(&mut sb.ctx(), body)
        }),
        changes("CreateStream", |sb, body| {
            create_stream(&mut sb.ctx(), body)
        }),
        changes("DecreaseStreamRetentionPeriod", |sb, body| {
            settings::decrease_retention(&mut sb.ctx(), body)
        }),
        changes("DeleteStream", |sb, body| {
            delete_stream(&mut sb.ctx(), body)
        }),
        changes("DeregisterStreamConsumer", |sb, body| {
            fan_out::deregister(&mut sb.ctx(), body)
        }),
        reads("DescribeLimits", |sb, body| {
            settings::describe_limits(&mut sb.ctx(), body)
        }),
        reads("DescribeStream", |sb, body| {
            describe_stream(&mut sb.ctx(), body)
        }),
        reads("DescribeStreamConsumer", |sb, body| {
            fan_out::describe(&mut sb.ctx(), body)
        }),
        reads("DescribeStreamSummary", |sb, body| {
            describe_stream_summary(&mut sb.ctx(), body)
        }),
        changes("DisableEnhancedMonitoring", |sb, body| {
            settings::disable_monitoring(&mut sb.ctx(), body)
        }),
        changes("EnableEnhancedMonitoring", |sb, body| {
            settings::enable_monitoring(&mut sb.ctx(), body)
        }),
        changes("GetRecords", |sb, body| {
            iterator::get_records(&mut sb.ctx(), body)
        }),
        changes("GetShardIterator", |sb, body| {
            iterator::get_shard_iterator(&mut sb.ctx(), body)
        }),
        changes("IncreaseStreamRetentionPeriod", |sb, body| {
            settings::increase_retention(&mut sb.ctx(), body)
        }),
        reads("ListShards", |sb, body| {
            list_shards::list_shards(&mut sb.ctx(), body)
        }),
        reads("ListStreamConsumers", |sb, body| {
            fan_out::list(&mut sb.ctx(), body)
        }),
        reads("ListStreams", |sb, body| list_streams(&mut sb.ctx(), body)),
        reads("ListTagsForStream", |sb, body| {
            settings::list_tags(&mut sb.ctx(), body)
        }),
        changes("MergeShards", |sb, body| {
            reshard::merge_shards(&mut sb.ctx(), body)
        }),
        changes("PutRecord", |sb, body| {
            records::put_record(&mut sb.ctx(), body)
        }),
        changes("PutRecords", |sb, body| {
            records::put_records(&mut sb.ctx(), body)
        }),
        changes("RegisterStreamConsumer", |sb, body| {
            fan_out::register(&mut sb.ctx(), body)
        }),
        changes("RemoveTagsFromStream", |sb, body| {
            settings::remove_tags(&mut sb.ctx(), body)
        }),
        changes("SplitShard", |sb, body| {
            reshard::split_shard(&mut sb.ctx(), body)
        }),
        changes("StartStreamEncryption", |sb, body| {
            settings::start_encryption(&mut sb.ctx(), body)
        }),
        changes("StopStreamEncryption", |sb, body| {
            settings::stop_encryption(&mut sb.ctx(), body)
        }),
        changes("SubscribeToShard", |sb, body| {
            fan_out::subscribe(&mut sb.ctx(), body)
        }),
        changes("UpdateShardCount", |sb, body| {
            reshard::update_shard_count(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["StreamName"],
    on_time_passed: Some(on_time_passed),
    cli: Some(CliService {
        name: "kinesis",
        commands: cli::COMMANDS,
    }),
};

/// Operations other services call through [`Sandbox::call_typed`].
pub const PUT_RECORDS: Target = SERVICE.target("PutRecords");
pub const GET_RECORDS: Target = SERVICE.target("GetRecords");
pub const DESCRIBE_STREAM: Target = SERVICE.target("DescribeStream");
pub const GET_SHARD_ITERATOR: Target = SERVICE.target("GetShardIterator");

fn on_time_passed(sb: &mut Sandbox) {
    tick(&mut sb.ctx());
}

/// Finishes due changes and trims records past retention.
fn tick(cx: &mut Cx<'_>) {
    let now = cx.now.epoch_millis();
    let mut removed = Vec::new();
    let mut trimmed_bytes = 0u64;
    for stream in cx.state.streams.values_mut() {
        if let Some(p) = stream.pending.clone() {
            if p.due_ms <= now {
                stream.pending = None;
                if apply_change(stream, p.change, p.due_ms) {
                    removed.push(stream.name.clone());
                    continue;
                }
            }
        }
        fan_out::on_time_passed(stream, now);
        let cutoff = now - stream.retention_ms();
        for shard in &mut stream.shards {
            let before = shard.records.stored_bytes();
            if shard.records.trim_before(cutoff) > 0 {
                trimmed_bytes += before - shard.records.stored_bytes();
            }
        }
    }
    for name in removed {
        if let Some(s) = cx.state.streams.remove(&name) {
            trimmed_bytes += s.stored_bytes();
        }
    }
    cx.state.stored_bytes = cx.state.stored_bytes.saturating_sub(trimmed_bytes);
}

/// Applies a finished change; returns true when the stream is to be removed.
fn apply_change(stream: &mut Stream, change: Change, at_ms: i64) -> bool {
    match change {
        Change::Activate { shards } => {
            stream.open_even(shards, at_ms);
            stream.status = StreamStatus::Active;
        }
        Change::Remove => return true,
        Change::Settle => stream.status = StreamStatus::Active,
        Change::Split { shard, at } => {
            reshard::apply_split(stream, shard, at, at_ms);
            stream.status = StreamStatus::Active;
        }
        Change::Merge { shard, adjacent } => {
            reshard::apply_merge(stream, shard, adjacent, at_ms);
            stream.status = StreamStatus::Active;
        }
        Change::Rescale { target } => {
            reshard::apply_rescale(stream, target, at_ms);
            stream.status = StreamStatus::Active;
        }
        Change::Encrypt { key } => {
            stream.encryption_key = key;
            stream.status = StreamStatus::Active;
        }
    }
    false
}

// ---------------------------------------------------------------------------------------------
// Shared helpers: names, errors, lookups.

pub(crate) fn stream_not_found(cx: &Cx<'_>, name: &str) -> ApiError {
    ApiError::resource_not_found(format!(
        "Stream {name} under account {} not found.",
        cx.account()
    ))
}

pub(crate) fn not_active(cx: &Cx<'_>, stream: &Stream) -> ApiError {
    ApiError::resource_in_use(format!(
        "Stream {} under account {} not ACTIVE, instead in state {}",
        stream.name,
        cx.account(),
        stream.status.as_str()
    ))
}

pub(crate) fn shard_not_found(cx: &Cx<'_>, stream: &str, shard: &str) -> ApiError {
    ApiError::resource_not_found(format!(
        "Shard {shard} in stream {stream} under account {} does not exist",
        cx.account()
    ))
}

pub(crate) fn epoch_seconds(ms: i64) -> Value {
    json!(ms as f64 / 1000.0)
}

const NAME_PATTERN: &str = "[a-zA-Z0-9_.-]+";

pub(crate) const STREAM_ARN_PATTERN: &str = "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+";

/// Roughly whether `arn` matches `STREAM_ARN_PATTERN` (an empty ARN does not).
fn is_stream_arn(arn: &str) -> bool {
    arn.starts_with("arn:aws") && arn.contains(":kinesis:") && arn.contains(":stream/")
}

/// The longest `NextToken` the model accepts.
pub(crate) const MAX_NEXT_TOKEN: usize = 1_048_576;

/// The model's pattern and 1–2048 length for a `StreamARN` that only needs checking (GetRecords
/// reads its stream from the iterator).
pub(crate) fn check_stream_arn(v: &mut Validation, arn: Option<&str>) {
    if let Some(a) = arn {
        v.string(
            a,
            "streamARN",
            Some((STREAM_ARN_PATTERN, is_stream_arn)),
            1,
            2048,
        );
    }
}

/// Validates an optional name field (`streamName`, `consumerName`, `shardId`, …): the model's
/// `[a-zA-Z0-9_.-]+` pattern and 1–128 characters, so `''` breaks two constraints.
pub(crate) fn check_name(v: &mut Validation, value: Option<&str>, path: &str) {
    if let Some(value) = value {
        v.string(value, path, Some((NAME_PATTERN, super::is_name)), 1, 128);
    }
}

/// The stream a request names by `StreamName` or `StreamARN`, validated. `None` means the
/// validation has already recorded the failure.
pub(crate) fn stream_ref(
    cx: &Cx<'_>,
    body: Body,
    v: &mut Validation,
) -> Result<Option<String>, ApiError> {
    let name = body.string("StreamName")?;
    let arn = body.string("StreamARN")?;
    check_name(v, name, "streamName");
    // Coral checks every member's constraints before anything else: a malformed ARN is a
    // validation error even beside a good name.
    let bad_arn = arn.filter(|a| !is_stream_arn(a) || a.chars().count() > 2048);
    if let Some(arn) = bad_arn {
        v.string(
            arn,
            "streamARN",
            Some((STREAM_ARN_PATTERN, is_stream_arn)),
            1,
            2048,
        );
    }
    if let Some(name) = name {
        return Ok(Some(name.to_string()));
    }
    if let Some(arn) = arn {
        if bad_arn.is_some() {
            return Ok(None);
        }
        let prefix = cx.arn("kinesis", "stream/");
        match arn.strip_prefix(&prefix) {
            Some(rest) if !rest.is_empty() && rest.chars().all(super::is_name_char) => {
                return Ok(Some(rest.to_string()));
            }
            _ => {
                // A well-formed ARN for another account or region names no stream here.
                let other = arn.rsplit('/').next().unwrap_or(arn);
                return Err(stream_not_found(cx, other));
            }
        }
    }
    v.fail(None, "streamName", "Member must not be null");
    Ok(None)
}

/// The stream by name, or `ResourceNotFoundException`.
pub(crate) fn find<'a>(cx: &'a Cx<'_>, name: &str) -> Result<&'a Stream, ApiError> {
    cx.state
        .streams
        .get(name)
        .ok_or_else(|| stream_not_found(cx, name))
}

pub(crate) fn find_mut<'a>(cx: &'a mut Cx<'_>, name: &str) -> Result<&'a mut Stream, ApiError> {
    if !cx.state.streams.contains_key(name) {
        return Err(stream_not_found(cx, name));
    }
    Ok(cx.state.streams.get_mut(name).expect("checked above"))
}

fn stream_arn(cx: &Cx<'_>, name: &str) -> String {
    cx.arn("kinesis", &format!("stream/{name}"))
}

// ---------------------------------------------------------------------------------------------
// CreateStream, DeleteStream, DescribeStream(Summary), ListStreams.

/// `CreateStream{StreamName, ShardCount?, StreamModeDetails?, Tags?}` → empty body.
fn create_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let name = body.string("StreamName")?;
    let count = body.integer("ShardCount")?;
    let mode_text = match body.object("StreamModeDetails")? {
        Some(m) => m.string("StreamMode")?,
        None => None,
    };
    let tags = body.object("Tags")?;
    let mut v = Validation::new();
    v.required(name, "streamName");
    check_name(&mut v, name, "streamName");
    if let Some(c) = count {
        v.range(c, "shardCount", 1, 100_000);
    }
    let mode = match mode_text {
        None | Some("PROVISIONED") => StreamMode::Provisioned,
        Some("ON_DEMAND") => StreamMode::OnDemand,
        Some(other) => {
            v.fail(
                Some(other),
                "streamModeDetails.streamMode",
                "Member must satisfy enum value set: [PROVISIONED, ON_DEMAND]",
            );
            StreamMode::Provisioned
        }
    };
    if mode == StreamMode::Provisioned && count.is_none() && v.is_empty() {
        v.required(count, "shardCount");
    }
    let tag_pairs = match tags {
        Some(t) => settings::read_tag_map(&mut v, t)?,
        None => Vec::new(),
    };
    v.finish()?;
    let name = name.expect("validated");
    let shards = match mode {
        StreamMode::Provisioned => count.expect("validated") as u32,
        StreamMode::OnDemand => ON_DEMAND_SHARDS,
    };
    if cx.state.streams.contains_key(name) {
        return Err(ApiError::resource_in_use(format!(
            "Stream {name} under account {} already exists.",
            cx.account()
        )));
    }
    let creating = cx
        .state
        .streams
        .values()
        .filter(|s| s.status == StreamStatus::Creating)
        .count();
    if creating >= MAX_CREATING {
        return Err(ApiError::limit_exceeded(format!(
            "This request would exceed the limit of {MAX_CREATING} streams in CREATING state \
             for the account {} in {}.",
            cx.account(),
            cx.config.region
        )));
    }
    check_shard_limit(cx, u64::from(shards))?;
    let now = cx.now.epoch_millis();
    let mut stream = Stream::new(name, now, mode, shards);
    stream.tags.extend(tag_pairs);
    stream.pending = Some(Pending {
        due_ms: now + CREATE_DELAY_MS,
        change: Change::Activate { shards },
    });
    cx.state.streams.insert(name.to_string(), stream);
    Ok(Value::Null)
}

/// The account's shard limit, with AWS's message when `additional` shards would pass it.
pub(crate) fn check_shard_limit(cx: &Cx<'_>, additional: u64) -> Result<(), ApiError> {
    let current = cx.state.account_open_shards();
    let limit = u64::from(cx.config.kinesis_shard_limit);
    if current + additional > limit {
        return Err(ApiError::limit_exceeded(format!(
            "This request would exceed the shard limit for the account {} in {}. Current shard \
             count for the account: {current}. Limit: {limit}. Number of additional shards that \
             would have resulted from this request: {additional}. Refer to the AWS Service \
             Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) \
             for current limits and how to request higher limits.",
            cx.account(),
            cx.config.region
        )));
    }
    Ok(())
}

/// `DeleteStream{StreamName|StreamARN, EnforceConsumerDeletion?}` → empty body.
fn delete_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    let enforce = body.boolean("EnforceConsumerDeletion")?.unwrap_or(false);
    v.finish()?;
    let name = name.expect("validated");
    let now = cx.now.epoch_millis();
    let stream = find(cx, &name)?;
    if !stream.consumers.is_empty() && !enforce {
        return Err(ApiError::resource_in_use(format!(
            "Stream {name} under account {} has registered consumers. Deregister them first, \
             or delete the stream with EnforceConsumerDeletion.",
            cx.account()
        )));
    }
    let stream = find_mut(cx, &name)?;
    stream.consumers.clear();
    if stream.status != StreamStatus::Deleting {
        stream.status = StreamStatus::Deleting;
        stream.pending = Some(Pending {
            due_ms: now + DELETE_DELAY_MS,
            change: Change::Remove,
        });
    }
    Ok(Value::Null)
}

fn mode_json(stream: &Stream) -> Value {
    json!({"StreamMode": stream.mode.as_str()})
}

fn monitoring_json(stream: &Stream) -> Value {
    json!([{"ShardLevelMetrics": stream.shard_level_metrics.iter().collect::<Vec<_>>()}])
}

fn add_encryption(out: &mut Value, stream: &Stream) {
    match &stream.encryption_key {
        Some(key) => {
            out["EncryptionType"] = json!("KMS");
            out["KeyId"] = json!(key);
        }
        None => out["EncryptionType"] = json!("NONE"),
    }
}

/// Whether the stream shows its shards (not while CREATING or DELETING).
fn shows_shards(stream: &Stream) -> bool {
    matches!(stream.status, StreamStatus::Active | StreamStatus::Updating)
}

/// `DescribeStream{StreamName|StreamARN, Limit?, ExclusiveStartShardId?}` →
/// `{StreamDescription}`, at most 100 shards a page.
fn describe_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    let limit = body.integer("Limit")?;
    let start = body.string("ExclusiveStartShardId")?;
    if let Some(l) = limit {
        v.range(l, "limit", 1, 10_000);
    }
    check_name(&mut v, start, "exclusiveStartShardId");
    v.finish()?;
    let name = name.expect("validated");
    let now = cx.now.epoch_millis();
    let stream = find(cx, &name)?;
    let limit = limit.unwrap_or(100).min(100) as usize;
    let after = start.and_then(shard::parse_shard_id);
    let listed: Vec<&shard::Shard> = if shows_shards(stream) {
        stream
            .listed_shards(now)
            .filter(|s| after.is_none_or(|a| s.index > a) && (start.is_none() || after.is_some()))
            .collect()
    } else {
        Vec::new()
    };
    let page: Vec<Value> = listed.iter().take(limit).map(|s| s.to_json()).collect();
    let mut out = json!({
        "StreamName": stream.name,
        "StreamARN": stream_arn(cx, &stream.name),
        "StreamStatus": stream.status.as_str(),
        "StreamModeDetails": mode_json(stream),
        "Shards": page,
        "HasMoreShards": listed.len() > limit,
        "RetentionPeriodHours": stream.retention_hours,
        "StreamCreationTimestamp": epoch_seconds(stream.created_ms),
        "EnhancedMonitoring": monitoring_json(stream),
    });
    add_encryption(&mut out, stream);
    Ok(json!({ "StreamDescription": out }))
}

/// `DescribeStreamSummary{StreamName|StreamARN}` → `{StreamDescriptionSummary}`.
fn describe_stream_summary(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.finish()?;
    let name = name.expect("validated");
    let stream = find(cx, &name)?;
    let open = if shows_shards(stream) {
        stream.open_shards().count()
    } else {
        0
    };
    let mut out = json!({
        "StreamName": stream.name,
        "StreamARN": stream_arn(cx, &stream.name),
        "StreamStatus": stream.status.as_str(),
        "StreamModeDetails": mode_json(stream),
        "RetentionPeriodHours": stream.retention_hours,
        "StreamCreationTimestamp": epoch_seconds(stream.created_ms),
        "EnhancedMonitoring": monitoring_json(stream),
        "OpenShardCount": open,
        "ConsumerCount": stream.consumers.len(),
    });
    add_encryption(&mut out, stream);
    Ok(json!({ "StreamDescriptionSummary": out }))
}

/// `ListStreams{Limit?, ExclusiveStartStreamName?, NextToken?}` → `{StreamNames,
/// HasMoreStreams, StreamSummaries, NextToken?}`, names in lexicographic order as AWS lists
/// them.
fn list_streams(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let limit = body.integer("Limit")?;
    let start = body.string("ExclusiveStartStreamName")?;
    let token = body.string("NextToken")?;
    let mut v = Validation::new();
    if let Some(limit) = limit {
        v.range(limit, "limit", 1, 10_000);
    }
    check_name(&mut v, start, "exclusiveStartStreamName");
    if let Some(t) = token {
        v.string(t, "nextToken", None, 1, MAX_NEXT_TOKEN);
    }
    v.finish()?;
    let start = start.or(token);
    let limit = limit.unwrap_or(100) as usize;
    let after: Vec<&Stream> = cx
        .state
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
                "StreamARN": stream_arn(cx, &s.name),
                "StreamStatus": s.status.as_str(),
                "StreamModeDetails": mode_json(s),
                "StreamCreationTimestamp": epoch_seconds(s.created_ms),
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
