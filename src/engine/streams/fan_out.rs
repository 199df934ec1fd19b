//! Enhanced fan-out: consumers and SubscribeToShard in virtual time.
//!
//! AWS pushes `SubscribeToShardEvent`s over HTTP/2 for up to 5 minutes. The sandbox has no
//! connection, so a subscription is state that lives 5 minutes of virtual time:
//!
//! - `SubscribeToShard` starts it and answers with `{"EventStream": [first event]}`: the
//!   records available at that instant, up to one second of the consumer's 2 MiB/s.
//! - Each whole second of `advance` after that, the subscription reads what arrived (at most
//!   2 MiB/s for this consumer on this shard, independent of other readers) and buffers one
//!   event; [`Sandbox::take_subscription_events`] hands the buffered events to the UI. At most
//!   [`MAX_BUFFERED_EVENTS`] wait; beyond that the subscription stops reading (records stay in
//!   the shard, nothing is lost) until they are taken.
//! - After 5 minutes it ends; subscribing again (≥ 5 s after the last call, as AWS requires)
//!   with `AFTER_SEQUENCE_NUMBER` and the last `ContinuationSequenceNumber` resumes.

use super::iterator::{child_shards, position, read, Start};
use super::metrics::Metric;
use super::sequence::SequenceNumber;
use super::shard::{parse_shard_id, shard_id, StoredRecord};
use super::stream::{Stream, StreamStatus};
use super::throughput::{TokenBucket, READ_BYTES_PER_SEC};
use super::vocab::ShardIteratorType;
use super::{check_name, epoch_seconds, find, find_mut, Cx, STREAM_ARN_PATTERN};
use crate::engine::body::Body;
use crate::engine::context::Holds;
use crate::engine::{ApiError, Sandbox, Validation};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};

/// Consumers per stream.
pub const MAX_CONSUMERS: usize = 20;
/// Consumers that may be CREATING at once per stream.
pub const MAX_CREATING_CONSUMERS: usize = 5;
/// How long a subscription lasts.
pub const SUBSCRIPTION_MS: i64 = 300_000;
/// A second subscribe for the same consumer and shard within this is refused.
pub const RESUBSCRIBE_MS: i64 = 5_000;
/// Events a subscription buffers before it pauses.
pub const MAX_BUFFERED_EVENTS: usize = 300;
/// Delay of consumer registration and deregistration.
pub const CONSUMER_DELAY_MS: i64 = 5_000;

/// `ConsumerStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsumerStatus {
    Creating,
    Active,
    Deleting,
}

impl ConsumerStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ConsumerStatus::Creating => "CREATING",
            ConsumerStatus::Active => "ACTIVE",
            ConsumerStatus::Deleting => "DELETING",
        }
    }
}

/// An event waiting to be taken: the counters it covers, not copies of the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct PendingEvent {
    from: u64,
    to: u64,
    millis_behind: i64,
    end_of_shard: bool,
}

/// A live subscription of one consumer to one shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    started_ms: i64,
    position: u64,
    budget: TokenBucket,
    events: VecDeque<PendingEvent>,
    ended: bool,
}

/// A registered consumer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consumer {
    pub name: String,
    pub created_ms: i64,
    pub status: ConsumerStatus,
    pub due_ms: Option<i64>,
    pub subscriptions: BTreeMap<u32, Subscription>,
}

/// One event of a subscription, typed for the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscribeToShardEvent {
    pub records: Vec<StoredRecord>,
    pub continuation_sequence_number: String,
    pub millis_behind_latest: i64,
    /// Children, when the event reached the end of a closed shard.
    pub child_shards: Vec<String>,
}

pub(crate) fn consumer_arn(cx: &Cx<'_>, stream: &str, c: &Consumer) -> String {
    cx.arn(
        "kinesis",
        &format!(
            "stream/{stream}/consumer/{}:{}",
            c.name,
            c.created_ms / 1000
        ),
    )
}

/// (stream, consumer) named by a consumer ARN of this account.
fn parse_consumer_arn(cx: &Cx<'_>, arn: &str) -> Option<(String, String, i64)> {
    let rest = arn.strip_prefix(&cx.arn("kinesis", "stream/"))?;
    let (stream, rest) = rest.split_once("/consumer/")?;
    let (name, epoch) = rest.rsplit_once(':')?;
    Some((stream.to_string(), name.to_string(), epoch.parse().ok()?))
}

/// The stream named by a `StreamARN` (required here).
fn stream_from_arn(cx: &Cx<'_>, arn: Option<&str>, v: &mut Validation) -> Option<String> {
    match arn {
        None => {
            v.fail(None, "streamARN", "Member must not be null");
            None
        }
        Some(a) => match a.strip_prefix(&cx.arn("kinesis", "stream/")) {
            Some(name) if !name.is_empty() && !name.contains('/') => Some(name.to_string()),
            _ => {
                v.string(
                    a,
                    "streamARN",
                    Some((STREAM_ARN_PATTERN, |_| false)),
                    1,
                    2048,
                );
                None
            }
        },
    }
}

fn consumer_not_found(cx: &Cx<'_>, stream: &str, name: &str) -> ApiError {
    ApiError::resource_not_found(format!(
        "Consumer {name} under stream {stream} under account {} not found.",
        cx.account()
    ))
}

fn consumer_json(cx: &Cx<'_>, stream: &str, c: &Consumer) -> Value {
    json!({
        "ConsumerName": c.name,
        "ConsumerARN": consumer_arn(cx, stream, c),
        "ConsumerStatus": c.status.as_str(),
        "ConsumerCreationTimestamp": epoch_seconds(c.created_ms),
    })
}

/// `RegisterStreamConsumer{StreamARN, ConsumerName}` → `{Consumer}` (CREATING for 5 s).
pub(crate) fn register(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let arn = body.string("StreamARN")?;
    let name = body.string("ConsumerName")?;
    let tags = body.object("Tags")?;
    let mut v = Validation::new();
    let stream = stream_from_arn(cx, arn, &mut v);
    v.required(name, "consumerName");
    check_name(&mut v, name, "consumerName");
    if let Some(t) = tags {
        super::settings::read_tag_map(&mut v, t)?;
    }
    v.finish()?;
    let (stream_name, name) = (stream.expect("valid"), name.expect("valid"));
    let acct = cx.account().to_string();
    let now = cx.now.epoch_millis();
    let s = find(cx, &stream_name)?;
    if s.consumers.contains_key(name) {
        return Err(ApiError::resource_in_use(format!(
            "Consumer {name} under stream {stream_name} under account {acct} already exists."
        )));
    }
    if s.consumers.len() >= MAX_CONSUMERS {
        return Err(ApiError::limit_exceeded(format!(
            "Stream {stream_name} under account {acct} already has {MAX_CONSUMERS} registered \
             consumers, the most a stream may have."
        )));
    }
    let creating = s
        .consumers
        .values()
        .filter(|c| c.status == ConsumerStatus::Creating)
        .count();
    if creating >= MAX_CREATING_CONSUMERS {
        return Err(ApiError::limit_exceeded(format!(
            "Rate exceeded: stream {stream_name} under account {acct} already has \
             {MAX_CREATING_CONSUMERS} consumers in CREATING state."
        )));
    }
    let consumer = Consumer {
        name: name.to_string(),
        created_ms: now,
        status: ConsumerStatus::Creating,
        due_ms: Some(now + CONSUMER_DELAY_MS),
        subscriptions: BTreeMap::new(),
    };
    let out = consumer_json(cx, &stream_name, &consumer);
    find_mut(cx, &stream_name)?
        .consumers
        .insert(name.to_string(), consumer);
    Ok(json!({ "Consumer": out }))
}

const CONSUMER_ARN_PATTERN: &str = "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+";

/// Roughly whether `arn` has the shape of `CONSUMER_ARN_PATTERN` (an empty ARN does not).
fn is_consumer_arn(arn: &str) -> bool {
    arn.starts_with("arn:aws") && arn.contains(":kinesis:") && arn.contains("/consumer/")
}

/// The model's pattern and 1–2048 length for a `ConsumerARN` that is present.
fn check_consumer_arn(v: &mut Validation, arn: Option<&str>) {
    if let Some(a) = arn {
        v.string(
            a,
            "consumerARN",
            Some((CONSUMER_ARN_PATTERN, is_consumer_arn)),
            1,
            2048,
        );
    }
}

/// The consumer a request names by `ConsumerARN` or by `StreamARN` + `ConsumerName`.
fn consumer_ref(cx: &Cx<'_>, body: Body) -> Result<(String, String), ApiError> {
    let arn = body.string("StreamARN")?;
    let name = body.string("ConsumerName")?;
    let carn = body.string("ConsumerARN")?;
    let mut v = Validation::new();
    check_name(&mut v, name, "consumerName");
    check_consumer_arn(&mut v, carn);
    if let Some(c) = carn {
        v.finish()?;
        let (stream, name, epoch) = parse_consumer_arn(cx, c)
            .ok_or_else(|| ApiError::invalid_argument(format!("Invalid ConsumerARN: {c}")))?;
        let s = find(cx, &stream)?;
        match s.consumers.get(&name) {
            Some(con) if con.created_ms / 1000 == epoch => Ok((stream, name)),
            _ => Err(consumer_not_found(cx, &stream, &name)),
        }
    } else {
        let stream = stream_from_arn(cx, arn, &mut v);
        v.required(name, "consumerName");
        v.finish()?;
        let (stream, name) = (stream.expect("valid"), name.expect("valid"));
        let s = find(cx, &stream)?;
        if !s.consumers.contains_key(name) {
            return Err(consumer_not_found(cx, &stream, name));
        }
        Ok((stream, name.to_string()))
    }
}

/// `DeregisterStreamConsumer{StreamARN + ConsumerName | ConsumerARN}` → empty body.
pub(crate) fn deregister(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let (stream, name) = consumer_ref(cx, body)?;
    let now = cx.now.epoch_millis();
    let s = find_mut(cx, &stream)?;
    let c = s.consumers.get_mut(&name).expect("found");
    if c.status != ConsumerStatus::Deleting {
        c.status = ConsumerStatus::Deleting;
        c.due_ms = Some(now + CONSUMER_DELAY_MS);
        c.subscriptions.clear();
    }
    Ok(Value::Null)
}

/// `DescribeStreamConsumer{…}` → `{ConsumerDescription}`.
pub(crate) fn describe(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let (stream, name) = consumer_ref(cx, body)?;
    let s = find(cx, &stream)?;
    let c = &s.consumers[&name];
    let mut d = consumer_json(cx, &stream, c);
    d["StreamARN"] = json!(cx.arn("kinesis", &format!("stream/{stream}")));
    Ok(json!({ "ConsumerDescription": d }))
}

/// `ListStreamConsumers{StreamARN, MaxResults?, NextToken?}` → `{Consumers, NextToken?}`.
pub(crate) fn list(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let arn = body.string("StreamARN")?;
    let max = body.integer("MaxResults")?;
    let token = body.string("NextToken")?;
    let mut v = Validation::new();
    let stream = stream_from_arn(cx, arn, &mut v);
    if let Some(t) = token {
        v.string(t, "nextToken", None, 1, super::MAX_NEXT_TOKEN);
    }
    if let Some(m) = max {
        v.range(m, "maxResults", 1, 10_000);
    }
    v.finish()?;
    let stream = stream.expect("valid");
    let s = find(cx, &stream)?;
    let after = match token {
        None => None,
        Some(t) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| ApiError::invalid_argument("Invalid NextToken."))?,
        ),
    };
    let limit = max.unwrap_or(100) as usize;
    let all: Vec<&Consumer> = s
        .consumers
        .values()
        .filter(|c| after.as_deref().is_none_or(|a| c.name.as_str() > a))
        .collect();
    let page: Vec<Value> = all
        .iter()
        .take(limit)
        .map(|c| consumer_json(cx, &stream, c))
        .collect();
    let mut out = json!({ "Consumers": page });
    if all.len() > limit {
        out["NextToken"] =
            json!(base64::engine::general_purpose::STANDARD.encode(&all[limit - 1].name));
    }
    Ok(out)
}

/// Reads one event's worth for a subscription at `now`.
fn pull(stream: &Stream, shard: u32, sub: &mut Subscription, now: i64) -> Option<PendingEvent> {
    if sub.ended {
        return None;
    }
    let allowance = sub.budget.available(now);
    if allowance == 0 {
        return None;
    }
    // Read record by record until this second's budget is spent.
    let log = &stream.shards[shard as usize].records;
    let mut at = sub.position.max(log.first_counter());
    let end = log.next_counter();
    let mut bytes = 0;
    while at < end {
        let size = log.size_of(at).unwrap_or(0);
        if bytes > 0 && bytes + size > allowance {
            break;
        }
        bytes += size;
        at += 1;
    }
    sub.budget.drain(now, bytes);
    let closed = stream.shards[shard as usize].closed_ms.is_some();
    let end_of_shard = closed && at >= end;
    let from = sub.position.max(log.first_counter());
    if from == at && !end_of_shard {
        return None;
    }
    let millis_behind = if at < end {
        log.arrival_of(at).map_or(0, |a| (now - a).max(0))
    } else {
        0
    };
    sub.position = at;
    sub.ended = end_of_shard;
    Some(PendingEvent {
        from,
        to: at,
        millis_behind,
        end_of_shard,
    })
}

fn event_json(stream: &Stream, shard: u32, e: &PendingEvent) -> (Value, u64, u64) {
    let batch = read(stream, shard, e.from, (e.to - e.from) as usize, i64::MAX);
    let sh = &stream.shards[shard as usize];
    let last = e.to.saturating_sub(1);
    let arrival = sh.records.arrival_of(last).unwrap_or(sh.created_ms);
    let records: Vec<Value> = batch
        .records
        .iter()
        .map(|r| {
            json!({
                "SequenceNumber": sh.sequence_number(r.counter, r.arrival_ms).to_string(),
                "ApproximateArrivalTimestamp": epoch_seconds(r.arrival_ms),
                "Data": base64::engine::general_purpose::STANDARD.encode(&r.data),
                "PartitionKey": r.partition_key,
                "EncryptionType": if r.encrypted { "KMS" } else { "NONE" },
            })
        })
        .collect();
    let mut ev = json!({
        "Records": records,
        "ContinuationSequenceNumber": sh.sequence_number(last, arrival).to_string(),
        "MillisBehindLatest": e.millis_behind,
    });
    if e.end_of_shard {
        ev["ChildShards"] = child_shards(stream, shard);
    }
    (
        json!({ "SubscribeToShardEvent": ev }),
        batch.records.len() as u64,
        batch.bytes,
    )
}

/// `SubscribeToShard{ConsumerARN, ShardId, StartingPosition{Type, SequenceNumber?,
/// Timestamp?}}` → `{"EventStream": [{"SubscribeToShardEvent": …}]}` (see the module notes).
pub(crate) fn subscribe(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let carn = body.string("ConsumerARN")?;
    let shard_text = body.string("ShardId")?;
    let start = body.object("StartingPosition")?;
    let mut v = Validation::new();
    v.required(carn, "consumerARN");
    check_consumer_arn(&mut v, carn);
    v.required(shard_text, "shardId");
    check_name(&mut v, shard_text, "shardId");
    let (kind, seq, ts) = match start {
        None => {
            v.fail(None, "startingPosition", "Member must not be null");
            (None, None, None)
        }
        Some(p) => (
            p.string("Type")?,
            p.string("SequenceNumber")?,
            p.timestamp_millis("Timestamp")?,
        ),
    };
    if let Some(s) = seq {
        if !SequenceNumber::is_valid_text(s) {
            v.fail(
                Some(s),
                "startingPosition.sequenceNumber",
                "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
            );
        }
    }
    if start.is_some() {
        match kind {
            None => v.fail(None, "startingPosition.type", "Member must not be null"),
            Some(k) if ShardIteratorType::parse(k).is_some() => {}
            Some(k) => v.fail(
                Some(k),
                "startingPosition.type",
                "Member must satisfy enum value set: [AT_SEQUENCE_NUMBER, \
                 AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]",
            ),
        }
    }
    v.finish()?;
    let (carn, shard_text, kind) = (
        carn.expect("valid"),
        shard_text.expect("valid"),
        kind.and_then(ShardIteratorType::parse).expect("valid"),
    );
    let (stream_name, cname, _) = parse_consumer_arn(cx, carn)
        .ok_or_else(|| ApiError::invalid_argument(format!("Invalid ConsumerARN: {carn}")))?;
    let now = cx.now.epoch_millis();
    let acct = cx.account().to_string();
    let stream = find(cx, &stream_name)?;
    let consumer = stream
        .consumers
        .get(&cname)
        .ok_or_else(|| consumer_not_found(cx, &stream_name, &cname))?;
    if consumer.status != ConsumerStatus::Active {
        return Err(ApiError::resource_in_use(format!(
            "Consumer {cname} under stream {stream_name} under account {acct} is not ACTIVE, \
             instead in state {}",
            consumer.status.as_str()
        )));
    }
    let index = parse_shard_id(shard_text)
        .filter(|i| {
            stream.is_listed(*i, now)
                && matches!(stream.status, StreamStatus::Active | StreamStatus::Updating)
        })
        .ok_or_else(|| super::shard_not_found(cx, &stream_name, &shard_id_or(shard_text)))?;
    if let Some(old) = consumer.subscriptions.get(&index) {
        if now - old.started_ms < RESUBSCRIBE_MS {
            let s = find_mut(cx, &stream_name)?;
            s.metrics.add(now, Metric::SubscribeRateExceeded, 1.0);
            return Err(ApiError::resource_in_use(format!(
                "Another active subscription exists for this consumer: \
                 {acct}:{stream_name}:{}:{cname}",
                shard_id(index)
            )));
        }
    }
    let from = match kind {
        ShardIteratorType::TrimHorizon => Start::TrimHorizon,
        ShardIteratorType::Latest => Start::Latest,
        ShardIteratorType::AtTimestamp => Start::AtTimestamp(ts.ok_or_else(|| {
            ApiError::invalid_argument(
                "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. \
                 Current request has no timestamp parameter.",
            )
        })?),
        ShardIteratorType::AtSequenceNumber | ShardIteratorType::AfterSequenceNumber => {
            let text = seq.ok_or_else(|| {
                ApiError::invalid_argument(format!(
                    "StartingPosition of type {kind} needs a SequenceNumber."
                ))
            })?;
            let layout = stream.shards[index as usize].sequence_layout;
            let parsed = SequenceNumber::parse_as(text, layout)
                .filter(|p| p.shard == index)
                .ok_or_else(|| {
                    ApiError::invalid_argument(format!(
                        "StartingSequenceNumber {text} used in SubscribeToShard on shard {} in \
                         stream {stream_name} under account {acct} is invalid.",
                        shard_id(index)
                    ))
                })?;
            if kind == ShardIteratorType::AtSequenceNumber {
                Start::AtSequence(parsed)
            } else {
                Start::AfterSequence(parsed)
            }
        }
    };
    let mut sub = Subscription {
        started_ms: now,
        position: position(stream, index, &from),
        budget: TokenBucket::full(READ_BYTES_PER_SEC, now),
        events: VecDeque::new(),
        ended: false,
    };
    let first = pull(stream, index, &mut sub, now).unwrap_or(PendingEvent {
        from: sub.position,
        to: sub.position,
        millis_behind: 0,
        end_of_shard: false,
    });
    let (event, records, bytes) = event_json(stream, index, &first);
    let s = find_mut(cx, &stream_name)?;
    s.metrics.add(now, Metric::SubscribeSuccess, 1.0);
    record_event_metrics(s, now, records, bytes, first.millis_behind);
    s.consumers
        .get_mut(&cname)
        .expect("found")
        .subscriptions
        .insert(index, sub);
    Ok(json!({ "EventStream": [event] }))
}

fn shard_id_or(text: &str) -> String {
    parse_shard_id(text).map_or_else(|| text.to_string(), shard_id)
}

fn record_event_metrics(s: &mut Stream, now: i64, records: u64, bytes: u64, behind: i64) {
    s.metrics.add(now, Metric::SubscribeEventSuccess, 1.0);
    s.metrics
        .add(now, Metric::SubscribeEventRecords, records as f64);
    s.metrics
        .add(now, Metric::SubscribeEventBytes, bytes as f64);
    s.metrics
        .add(now, Metric::SubscribeEventMillisBehind, behind as f64);
}

/// Each second: consumers finish registering or deregistering, and live subscriptions read.
pub(crate) fn on_time_passed(stream: &mut Stream, now: i64) {
    stream.consumers.retain(|_, c| {
        !(c.status == ConsumerStatus::Deleting && c.due_ms.is_some_and(|d| d <= now))
    });
    let mut events = Vec::new();
    let snapshot: Vec<(String, u32)> = stream
        .consumers
        .iter_mut()
        .flat_map(|(name, c)| {
            if c.status == ConsumerStatus::Creating && c.due_ms.is_some_and(|d| d <= now) {
                c.status = ConsumerStatus::Active;
                c.due_ms = None;
            }
            c.subscriptions
                .retain(|_, s| now - s.started_ms < SUBSCRIPTION_MS || !s.events.is_empty());
            c.subscriptions
                .keys()
                .map(|k| (name.clone(), *k))
                .collect::<Vec<_>>()
        })
        .collect();
    for (name, shard) in snapshot {
        let mut sub = stream.consumers[&name].subscriptions[&shard].clone();
        if now - sub.started_ms < SUBSCRIPTION_MS && sub.events.len() < MAX_BUFFERED_EVENTS {
            if let Some(e) = pull(stream, shard, &mut sub, now) {
                let bytes: u64 = (e.from..e.to)
                    .map(|c| {
                        stream.shards[shard as usize]
                            .records
                            .size_of(c)
                            .unwrap_or(0)
                    })
                    .sum();
                events.push((e.to - e.from, bytes, e.millis_behind));
                sub.events.push_back(e);
            }
        }
        *stream
            .consumers
            .get_mut(&name)
            .expect("listed")
            .subscriptions
            .get_mut(&shard)
            .expect("listed") = sub;
    }
    for (records, bytes, behind) in events {
        record_event_metrics(stream, now, records, bytes, behind);
    }
}

impl Sandbox {
    /// Takes the events a subscription buffered since the last take (oldest first).
    pub fn take_subscription_events(
        &mut self,
        consumer_arn: &str,
        shard: &str,
    ) -> Vec<SubscribeToShardEvent> {
        let cx: Cx<'_> = self.ctx();
        let Some((stream_name, cname, _)) = parse_consumer_arn(&cx, consumer_arn) else {
            return Vec::new();
        };
        let Some(index) = parse_shard_id(shard) else {
            return Vec::new();
        };
        let Some(stream) = cx.state.streams.get_mut(&stream_name) else {
            return Vec::new();
        };
        let pending: Vec<PendingEvent> = match stream
            .consumers
            .get_mut(&cname)
            .and_then(|c| c.subscriptions.get_mut(&index))
        {
            Some(sub) => sub.events.drain(..).collect(),
            None => return Vec::new(),
        };
        let sh = &stream.shards[index as usize];
        pending
            .into_iter()
            .map(|e| {
                let batch = read(stream, index, e.from, (e.to - e.from) as usize, i64::MAX);
                let last = e.to.saturating_sub(1);
                let arrival = sh.records.arrival_of(last).unwrap_or(sh.created_ms);
                SubscribeToShardEvent {
                    records: batch.records,
                    continuation_sequence_number: sh.sequence_number(last, arrival).to_string(),
                    millis_behind_latest: e.millis_behind,
                    child_shards: if e.end_of_shard {
                        sh.children.iter().map(|c| shard_id(*c)).collect()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }
}
