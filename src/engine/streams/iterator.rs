//! GetShardIterator and GetRecords.
//!
//! A shard iterator is an opaque string: base64 of the stream's creation time, the shard, the
//! position (the counter of the next record to read) and the time it was issued. It carries
//! everything, so the sandbox keeps no per-iterator state.

use super::metrics::{Metric, ShardMetric};
use super::sequence::SequenceNumber;
use super::shard::{parse_shard_id, shard_id, RecordView};
use super::stream::{Stream, StreamStatus};
use super::vocab::ShardIteratorType;
use super::{check_name, epoch_seconds, shard_not_found, stream_ref, Cx};
use crate::engine::body::Body;
use crate::engine::context::Holds;
use crate::engine::ErrorKind;
use crate::engine::{ApiError, Caller, Sandbox, Validation};
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// Iterators expire this long after they are issued.
pub const ITERATOR_LIFETIME_MS: i64 = 300_000;
/// Records one GetRecords returns at most.
pub const MAX_GET_RECORDS: usize = 10_000;
/// Bytes one GetRecords returns at most.
pub const MAX_GET_BYTES: u64 = 10 * 1024 * 1024;

const TYPES: &str =
    "[AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]";

/// A decoded shard iterator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardIterator {
    pub stream: String,
    pub stream_created_ms: i64,
    pub shard: u32,
    pub position: u64,
    pub issued_ms: i64,
}

impl ShardIterator {
    pub fn encode(&self) -> String {
        let text = format!(
            "1|{}|{}|{}|{}|{}",
            self.stream_created_ms, self.shard, self.position, self.issued_ms, self.stream
        );
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    pub fn decode(text: &str) -> Option<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut parts = text.splitn(6, '|');
        if parts.next()? != "1" {
            return None;
        }
        Some(Self {
            stream_created_ms: parts.next()?.parse().ok()?,
            shard: parts.next()?.parse().ok()?,
            position: parts.next()?.parse().ok()?,
            issued_ms: parts.next()?.parse().ok()?,
            stream: parts.next()?.to_string(),
        })
    }
}

/// Java's `Date.toString()` in UTC: `Thu Jan 22 01:22:02 UTC 2015`.
fn java_date(ms: i64) -> String {
    crate::engine::SimTime::from_millis(ms)
        .to_datetime()
        .format("%a %b %d %H:%M:%S UTC %Y")
        .to_string()
}

/// Where reading starts for an iterator type.
pub(crate) enum Start {
    TrimHorizon,
    Latest,
    AtSequence(SequenceNumber),
    AfterSequence(SequenceNumber),
    AtTimestamp(i64),
}

/// The counter an iterator of `start` points at in `shard` of `stream`.
pub(crate) fn position(stream: &Stream, shard: u32, start: &Start) -> u64 {
    let log = &stream.shards[shard as usize].records;
    match start {
        Start::TrimHorizon => log.first_counter(),
        Start::Latest => log.next_counter(),
        Start::AtSequence(s) => s.counter,
        Start::AfterSequence(s) => s.counter.saturating_add(1),
        Start::AtTimestamp(ms) => log.counter_at_time(*ms),
    }
}

/// `GetShardIterator{StreamName|StreamARN, ShardId, ShardIteratorType,
/// StartingSequenceNumber?, Timestamp?}` → `{ShardIterator}`.
pub(crate) fn get_shard_iterator(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let shard_text = body.string("ShardId")?;
    let kind = body.string("ShardIteratorType")?;
    let seq = body.string("StartingSequenceNumber")?;
    let ts = body.timestamp_millis("Timestamp")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.required(shard_text, "shardId");
    check_name(&mut v, shard_text, "shardId");
    let parsed_kind = kind.and_then(ShardIteratorType::parse);
    match kind {
        None => v.fail(None, "shardIteratorType", "Member must not be null"),
        Some(k) if parsed_kind.is_none() => v.fail(
            Some(k),
            "shardIteratorType",
            &format!("Member must satisfy enum value set: {TYPES}"),
        ),
        Some(_) => {}
    }
    if let Some(s) = seq {
        if !SequenceNumber::is_valid_text(s) {
            v.fail(
                Some(s),
                "startingSequenceNumber",
                "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
            );
        }
    }
    v.finish()?;
    let (name, shard_text, kind) = (
        name.expect("valid"),
        shard_text.expect("valid"),
        parsed_kind.expect("valid"),
    );
    get_shard_iterator_typed(cx, &name, shard_text, kind, seq, ts)
        .map(|it| json!({ "ShardIterator": it }))
}

/// GetShardIterator's checks and answer after validation: the iterator for `shard_text` of
/// stream `name`, starting as `kind` says (with the sequence number or timestamp it needs).
pub(crate) fn get_shard_iterator_typed(
    cx: &mut Cx<'_>,
    name: &str,
    shard_text: &str,
    kind: ShardIteratorType,
    seq: Option<&str>,
    ts: Option<i64>,
) -> Result<String, ApiError> {
    let name = name.to_string();
    let now = cx.now.epoch_millis();
    let acct = cx.account().to_string();
    if kind.needs_sequence() != seq.is_some() && kind != ShardIteratorType::AtTimestamp {
        let tail = if seq.is_some() {
            "and also a StartingSequenceNumber."
        } else {
            "and no StartingSequenceNumber."
        };
        return Err(ApiError::invalid_argument(format!(
            "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and \
             StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no \
             StartingSequenceNumber. Request specified {kind} {tail}"
        )));
    }
    if kind == ShardIteratorType::AtTimestamp {
        match ts {
            None => {
                return Err(ApiError::invalid_argument(
                    "Must specify timestampInMillis parameter for iterator of type \
                     AT_TIMESTAMP. Current request has no timestamp parameter.",
                ))
            }
            Some(t) if t > now => {
                return Err(ApiError::invalid_argument(format!(
                    "The timestampInMillis parameter cannot be greater than the \
                     currentTimestampInMillis. timestampInMillis: {t}, \
                     currentTimestampInMillis: {now}"
                )))
            }
            Some(_) => {}
        }
    }
    let stream = super::find(cx, &name)?;
    let Some(index) = parse_shard_id(shard_text) else {
        return Err(ApiError::resource_not_found(format!(
            "Could not find shard {shard_text} in stream {name} under account {acct}."
        )));
    };
    if stream.status == StreamStatus::Creating || !stream.is_listed(index, now) {
        return Err(shard_not_found(cx, &name, &shard_id(index)));
    }
    let start = match kind {
        ShardIteratorType::TrimHorizon => Start::TrimHorizon,
        ShardIteratorType::Latest => Start::Latest,
        ShardIteratorType::AtTimestamp => Start::AtTimestamp(ts.expect("checked")),
        ShardIteratorType::AtSequenceNumber | ShardIteratorType::AfterSequenceNumber => {
            let text = seq.expect("checked");
            let layout = stream.shards[index as usize].sequence_layout;
            let parsed = SequenceNumber::parse_as(text, layout).ok_or_else(|| {
                ApiError::invalid_argument(format!(
                    "StartingSequenceNumber {text} used in GetShardIterator on shard {} in \
                     stream {name} under account {acct} is invalid.",
                    shard_id(index)
                ))
            })?;
            if parsed.shard != index {
                return Err(ApiError::invalid_argument(format!(
                    "Invalid StartingSequenceNumber. It encodes {}, while it was used in a call \
                     to a shard with {}",
                    shard_id(parsed.shard),
                    shard_id(index)
                )));
            }
            let shard = &stream.shards[index as usize];
            if parsed.shard_created_secs != (shard.created_ms / 1000) as u64 {
                return Err(ApiError::invalid_argument(format!(
                    "StartingSequenceNumber {text} used in GetShardIterator on shard {} in \
                     stream {name} under account {acct} is invalid because it did not come \
                     from this stream.",
                    shard_id(index)
                )));
            }
            if kind == ShardIteratorType::AtSequenceNumber {
                Start::AtSequence(parsed)
            } else {
                Start::AfterSequence(parsed)
            }
        }
    };
    let position = position(stream, index, &start);
    let it = ShardIterator {
        stream: name,
        stream_created_ms: stream.created_ms,
        shard: index,
        position,
        issued_ms: now,
    };
    Ok(it.encode())
}

/// One batch read from a shard, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadBatch {
    pub records: Vec<super::shard::StoredRecord>,
    /// Where the next read starts; `None` at the end of a closed shard.
    pub next_position: Option<u64>,
    pub millis_behind_latest: i64,
    pub bytes: u64,
}

/// Where a read stopped, without the records (they went to the caller's closure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ReadEnd {
    pub next_position: Option<u64>,
    pub millis_behind_latest: i64,
    pub bytes: u64,
    pub records: usize,
}

/// Hands up to `limit` records (and at most 10 MiB) from `position` in `shard` to `each`,
/// borrowed from the shard.
pub(crate) fn read_each(
    stream: &Stream,
    shard: u32,
    position: u64,
    limit: usize,
    now: i64,
    mut each: impl FnMut(RecordView<'_>),
) -> ReadEnd {
    let s = &stream.shards[shard as usize];
    let log = &s.records;
    let mut at = position.max(log.first_counter());
    let end = log.next_counter();
    let mut records = 0usize;
    let mut bytes = 0u64;
    log.scan(at, |r| {
        let size = (r.partition_key.len() + r.data.len()) as u64;
        if records >= limit || (records > 0 && bytes + size > MAX_GET_BYTES) {
            return false;
        }
        bytes += size;
        records += 1;
        at = r.counter + 1;
        each(r);
        true
    });
    let millis_behind_latest = match log.arrival_of(at) {
        Some(arrival) if at < end => (now - arrival).max(0),
        _ => 0,
    };
    let next_position = if s.closed_ms.is_some() && at >= end {
        None
    } else {
        Some(at)
    };
    ReadEnd {
        next_position,
        millis_behind_latest,
        bytes,
        records,
    }
}

/// Reads up to `limit` records (and at most 10 MiB) from `position` in `shard`.
pub(crate) fn read(
    stream: &Stream,
    shard: u32,
    position: u64,
    limit: usize,
    now: i64,
) -> ReadBatch {
    let mut records = Vec::new();
    let end = read_each(stream, shard, position, limit, now, |r| {
        records.push(r.to_stored())
    });
    ReadBatch {
        records,
        next_position: end.next_position,
        millis_behind_latest: end.millis_behind_latest,
        bytes: end.bytes,
    }
}

/// `ChildShards` of a closed shard: `[{ShardId, ParentShards, HashKeyRange}]`.
pub(crate) fn child_shards(stream: &Stream, shard: u32) -> Value {
    let children: Vec<Value> = stream.shards[shard as usize]
        .children
        .iter()
        .map(|c| {
            let child = &stream.shards[*c as usize];
            let parents: Vec<String> = child.parents().into_iter().map(shard_id).collect();
            json!({
                "ShardId": child.id(),
                "ParentShards": parents,
                "HashKeyRange": child.range.to_json(),
            })
        })
        .collect();
    Value::Array(children)
}

/// What a GetRecords call returned besides its records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GetRecordsEnd {
    /// `NextShardIterator`; `None` at the end of a closed shard.
    pub next_iterator: Option<String>,
    /// The closed shard's children (when `next_iterator` is `None`).
    pub child_shards: Vec<u32>,
    pub millis_behind_latest: i64,
    pub records: usize,
    pub bytes: u64,
    /// The sequence number of the last record returned.
    pub last_sequence: Option<SequenceNumber>,
}

/// `GetRecords{ShardIterator, Limit?, StreamARN?}` → `{Records, NextShardIterator,
/// MillisBehindLatest, ChildShards?}`.
pub(crate) fn get_records(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let text = body.string("ShardIterator")?;
    let limit = body.integer("Limit")?;
    let arn = body.string("StreamARN")?;
    let mut records: Vec<Value> = Vec::new();
    let end = get_records_each(cx, text, limit, arn, |shard, r| {
        let seq = shard.sequence_number(r.counter, r.arrival_ms);
        let mut m = Map::new();
        m.insert("SequenceNumber".into(), Value::String(seq.text()));
        m.insert(
            "ApproximateArrivalTimestamp".into(),
            epoch_seconds(r.arrival_ms),
        );
        m.insert(
            "Data".into(),
            Value::String(base64::engine::general_purpose::STANDARD.encode(r.data)),
        );
        m.insert(
            "PartitionKey".into(),
            Value::String(String::from_utf8_lossy(r.partition_key).into_owned()),
        );
        m.insert(
            "EncryptionType".into(),
            if r.encrypted { "KMS" } else { "NONE" }.into(),
        );
        records.push(Value::Object(m));
    })?;
    let mut out = Map::new();
    out.insert("Records".into(), Value::Array(records));
    out.insert("MillisBehindLatest".into(), end.millis_behind_latest.into());
    match end.next_iterator {
        Some(next) => {
            out.insert("NextShardIterator".into(), Value::String(next));
        }
        None => {
            out.insert("NextShardIterator".into(), Value::Null);
            out.insert("ChildShards".into(), end.child_shards_json.clone());
        }
    }
    Ok(Value::Object(out))
}

/// GetRecords for an internal consumer (a delivery stream reading its source): the same
/// checks, limits, throttles and metrics as the JSON call, logged in the event log as a
/// `GetRecords` call by `caller`, with each record handed to `each` instead of base64 in JSON.
pub(crate) fn get_records_typed(
    sb: &mut Sandbox,
    caller: Caller,
    iterator: &str,
    limit: Option<i64>,
    mut each: impl FnMut(RecordView<'_>),
) -> Result<GetRecordsEnd, ApiError> {
    let result = sb.call_typed(caller, super::GET_RECORDS, None, |sb| {
        get_records_each(&mut sb.ctx(), Some(iterator), limit, None, |_, r| each(r))
    });
    result.map(|end| GetRecordsEnd {
        next_iterator: end.next_iterator,
        child_shards: end.child_shards,
        millis_behind_latest: end.millis_behind_latest,
        records: end.records,
        bytes: end.bytes,
        last_sequence: end.last_sequence,
    })
}

/// `GetRecordsEnd` plus the JSON of `ChildShards`.
struct EachEnd {
    next_iterator: Option<String>,
    child_shards: Vec<u32>,
    child_shards_json: Value,
    millis_behind_latest: i64,
    records: usize,
    bytes: u64,
    last_sequence: Option<SequenceNumber>,
}

/// The body of GetRecords: validation, the iterator, the read limits, the records (to `each`,
/// with their shard) and the metrics.
fn get_records_each(
    cx: &mut Cx<'_>,
    text: Option<&str>,
    limit: Option<i64>,
    arn: Option<&str>,
    mut each: impl FnMut(&super::shard::Shard, RecordView<'_>),
) -> Result<EachEnd, ApiError> {
    let mut v = Validation::new();
    match text {
        None => v.fail(None, "shardIterator", "Member must not be null"),
        Some(t) if t.is_empty() => v.fail(
            Some(t),
            "shardIterator",
            "Member must have length greater than or equal to 1",
        ),
        Some(t) if t.chars().count() > 512 => v.fail(
            Some(t),
            "shardIterator",
            "Member must have length less than or equal to 512",
        ),
        Some(_) => {}
    }
    if let Some(l) = limit {
        v.range(l, "limit", 1, MAX_GET_RECORDS as i64);
    }
    super::check_stream_arn(&mut v, arn);
    v.finish()?;
    let it = ShardIterator::decode(text.expect("valid"))
        .ok_or_else(|| ApiError::invalid_argument("Invalid ShardIterator."))?;
    let now = cx.now.epoch_millis();
    let missing = |cx: &Cx<'_>| {
        ApiError::resource_not_found(format!(
            "Shard {} in stream {} under account {} does not exist",
            shard_id(it.shard),
            it.stream,
            cx.account()
        ))
    };
    let Some(stream) = cx.state.streams.get(&it.stream) else {
        return Err(missing(cx));
    };
    if stream.created_ms != it.stream_created_ms || !stream.is_listed(it.shard, now) {
        return Err(missing(cx));
    }
    if now - it.issued_ms > ITERATOR_LIFETIME_MS {
        return Err(ApiError::new(
            ErrorKind::ExpiredIteratorException,
            format!(
                "Iterator expired. The iterator was created at time {} while right now it is {} \
                 which is further in the future than the tolerated delay of \
                 {ITERATOR_LIFETIME_MS} milliseconds.",
                java_date(it.issued_ms),
                java_date(now)
            ),
        ));
    }
    let stream = cx.state.streams.get_mut(&it.stream).expect("found above");
    let shard = &mut stream.shards[it.shard as usize];
    if !shard.read.begin_call(now) {
        shard.rate.at(now).read_throttled += 1;
        stream.metrics.add(now, Metric::ReadThroughputExceeded, 1.0);
        if stream
            .shard_level_metrics
            .contains(&ShardMetric::ReadThroughputExceeded)
        {
            let m = &mut stream.metrics;
            m.add_shard(now, it.shard, ShardMetric::ReadThroughputExceeded, 1.0);
        }
        return Err(ApiError::new(
            ErrorKind::ProvisionedThroughputExceededException,
            super::records::rate_exceeded(it.shard, &it.stream, cx.account()),
        ));
    }
    let limit = limit.map_or(MAX_GET_RECORDS, |l| l as usize);
    let stream = &cx.state.streams[&it.stream];
    let shard = &stream.shards[it.shard as usize];
    let mut last = None;
    let batch = read_each(stream, it.shard, it.position, limit, now, |r| {
        last = Some((r.counter, r.arrival_ms));
        each(shard, r)
    });
    let last_sequence = last.map(|(c, a)| shard.sequence_number(c, a));
    let (next_iterator, child_shards, child_shards_json) = match batch.next_position {
        Some(position) => {
            let next = ShardIterator {
                position,
                issued_ms: now,
                ..it.clone()
            };
            (Some(next.encode()), Vec::new(), Value::Null)
        }
        None => (None, shard.children.clone(), child_shards(stream, it.shard)),
    };
    let stream = cx.state.streams.get_mut(&it.stream).expect("found above");
    let shard = &mut stream.shards[it.shard as usize];
    shard.read.charge(now, batch.bytes);
    let rate = shard.rate.at(now);
    rate.outgoing_records += batch.records as u64;
    rate.outgoing_bytes += batch.bytes;
    let (n, bytes, age) = (
        batch.records as f64,
        batch.bytes as f64,
        batch.millis_behind_latest as f64,
    );
    let m = &mut stream.metrics;
    m.add(now, Metric::GetRecordsSuccess, 1.0);
    m.add(now, Metric::GetRecordsRecords, n);
    m.add(now, Metric::GetRecordsBytes, bytes);
    m.add(now, Metric::GetRecordsIteratorAge, age);
    let levels = &stream.shard_level_metrics;
    let (out_on, age_on) = (
        levels.contains(&ShardMetric::OutgoingRecords)
            || levels.contains(&ShardMetric::OutgoingBytes),
        levels.contains(&ShardMetric::IteratorAge),
    );
    if out_on {
        m.add_shard(now, it.shard, ShardMetric::OutgoingRecords, n);
        m.add_shard(now, it.shard, ShardMetric::OutgoingBytes, bytes);
    }
    if age_on {
        m.add_shard(now, it.shard, ShardMetric::IteratorAge, age);
    }
    Ok(EachEnd {
        next_iterator,
        child_shards,
        child_shards_json,
        millis_behind_latest: batch.millis_behind_latest,
        records: batch.records,
        bytes: batch.bytes,
        last_sequence,
    })
}
