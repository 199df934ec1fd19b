//! PutRecord, PutRecords and the typed ingest path the generator uses.

use super::hash_range::{hash_key, is_hash_key_text, parse_hash_key};
use super::metrics::{Metric, ShardMetric};
use super::sequence::SequenceNumber;
use super::shard::shard_id;
use super::stream::StreamStatus;
use super::{find, stream_not_found, stream_ref, Cx, Streams};
use crate::engine::body::Body;
use crate::engine::context::Holds;
use crate::engine::ErrorKind;
use crate::engine::{ApiError, Caller, Sandbox, Validation};
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// The largest data blob, before base64.
pub const MAX_DATA_BYTES: usize = 1024 * 1024;
/// Records in one PutRecords call.
pub const MAX_BATCH_RECORDS: usize = 500;
/// Bytes (data plus partition keys) in one PutRecords call.
pub const MAX_BATCH_BYTES: u64 = 5 * 1024 * 1024;

/// What happened to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutResult {
    /// Stored in `shard` under `sequence`.
    Stored {
        shard: u32,
        sequence: SequenceNumber,
    },
    /// Refused because `shard` was over its write limit.
    Throttled { shard: u32 },
}

/// The outcome of a batch, in request order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PutOutcome {
    pub results: Vec<PutResult>,
    pub failed: usize,
    /// Whether the records were stored encrypted (`EncryptionType: KMS`).
    pub encrypted: bool,
}

/// One record to put: partition key, optional explicit hash key, data.
#[derive(Clone, Copy)]
pub(crate) struct Item<'a> {
    pub key: &'a str,
    pub hash: Option<u128>,
    pub data: &'a [u8],
}

/// The byte-budget error: the sandbox holds at most `budget` bytes of stream records and
/// refuses writes beyond that instead of dropping stored data.
fn budget_full(stored: u64, request: u64, budget: u64) -> ApiError {
    ApiError::limit_exceeded(format!(
        "The sandbox's storage budget for stream records is full: {stored} of {budget} bytes \
         are held by records still within their retention period, and this request adds \
         {request}. Nothing stored was dropped. Lower a stream's retention period, delete a \
         stream, or let time pass until records expire."
    ))
}

/// The per-record throttle text AWS documents.
pub(crate) fn rate_exceeded(shard: u32, stream: &str, account: &str) -> String {
    format!(
        "Rate exceeded for shard {} in stream {stream} under account {account}.",
        shard_id(shard)
    )
}

/// Stores a batch into `stream`, record by record, under each shard's write limit.
pub(crate) fn put_batch<'a>(
    streams: &mut Streams,
    budget: u64,
    now_ms: i64,
    name: &str,
    items: impl ExactSizeIterator<Item = Item<'a>> + Clone,
    batch: bool,
) -> Result<Option<PutOutcome>, ApiError> {
    let request: u64 = items
        .clone()
        .map(|i| (i.key.len() + i.data.len()) as u64)
        .sum();
    if streams.stored_bytes + request > budget {
        return Err(budget_full(streams.stored_bytes, request, budget));
    }
    let Some(stream) = streams.streams.get_mut(name) else {
        return Ok(None);
    };
    // A stream deleted while it was still being created never had shards: nothing takes the
    // records, as if it were already gone.
    if stream.open_shard_count() == 0 {
        return Ok(None);
    }
    let encrypted = stream.encryption_key.is_some();
    let mut out = PutOutcome {
        results: Vec::with_capacity(items.len()),
        failed: 0,
        encrypted,
    };
    let mut added = 0u64;
    let shard_in = stream
        .shard_level_metrics
        .contains(&ShardMetric::IncomingRecords)
        || stream
            .shard_level_metrics
            .contains(&ShardMetric::IncomingBytes);
    let shard_thr = stream
        .shard_level_metrics
        .contains(&ShardMetric::WriteThroughputExceeded);
    for item in items {
        let hash = item.hash.unwrap_or_else(|| hash_key(item.key));
        let index = stream.route(hash).expect("open shards cover the key space");
        let shard = &mut stream.shards[index as usize];
        let size = (item.key.len() + item.data.len()) as u64;
        if shard.write.admit(now_ms, size) {
            let counter = shard.records.push(now_ms, item.key, item.data, encrypted);
            let rate = shard.rate.at(now_ms);
            rate.incoming_records += 1;
            rate.incoming_bytes += size;
            added += size;
            if shard_in {
                let m = &mut stream.metrics;
                m.add_shard(now_ms, index, ShardMetric::IncomingRecords, 1.0);
                m.add_shard(now_ms, index, ShardMetric::IncomingBytes, size as f64);
            }
            out.results.push(PutResult::Stored {
                shard: index,
                sequence: shard.sequence_number(counter, now_ms),
            });
        } else {
            shard.rate.at(now_ms).write_throttled += 1;
            if shard_thr {
                let m = &mut stream.metrics;
                m.add_shard(now_ms, index, ShardMetric::WriteThroughputExceeded, 1.0);
            }
            out.failed += 1;
            out.results.push(PutResult::Throttled { shard: index });
        }
    }
    streams.stored_bytes += added;
    let stored = (out.results.len() - out.failed) as f64;
    let failed = out.failed as f64;
    let m = &mut stream.metrics;
    m.add(now_ms, Metric::IncomingBytes, added as f64);
    m.add(now_ms, Metric::IncomingRecords, stored);
    m.add(now_ms, Metric::WriteThroughputExceeded, failed);
    if batch {
        m.add(now_ms, Metric::PutRecordsSuccess, 1.0);
        m.add(now_ms, Metric::PutRecordsBytes, added as f64);
        m.add(now_ms, Metric::PutRecordsRecords, stored);
        m.add(now_ms, Metric::PutRecordsTotalRecords, stored + failed);
        m.add(now_ms, Metric::PutRecordsSuccessfulRecords, stored);
        m.add(now_ms, Metric::PutRecordsFailedRecords, 0.0);
        m.add(now_ms, Metric::PutRecordsThrottledRecords, failed);
    } else {
        m.add(now_ms, Metric::PutRecordSuccess, stored);
        m.add(now_ms, Metric::PutRecordBytes, added as f64);
    }
    Ok(Some(out))
}

/// Checks that the stream takes writes: it exists and is not still being created.
fn writable(cx: &Cx<'_>, name: &str) -> Result<(), ApiError> {
    let stream = find(cx, name)?;
    if stream.status == StreamStatus::Creating {
        return Err(stream_not_found(cx, name));
    }
    Ok(())
}

/// Typed ingest for internal producers (the generator): the same rules as PutRecords — write
/// limits, per-record throttles, the byte budget — without JSON or base64, logged in the event
/// log as a `PutRecords` call by `caller`.
pub fn put_records_typed(
    sb: &mut Sandbox,
    caller: Caller,
    stream: &str,
    records: &[(String, Vec<u8>)],
) -> Result<PutOutcome, ApiError> {
    let items = records.iter().map(|(k, d)| (k.as_str(), d.as_slice()));
    put_records_typed_iter(sb, caller, stream, items)
}

/// [`put_records_typed`] over borrowed `(partition key, data)` pairs.
pub(crate) fn put_records_typed_iter<'a>(
    sb: &mut Sandbox,
    caller: Caller,
    stream: &str,
    records: impl ExactSizeIterator<Item = (&'a str, &'a [u8])> + Clone,
) -> Result<PutOutcome, ApiError> {
    sb.call_typed(caller, super::PUT_RECORDS, Some(stream), |sb| {
        put_typed_inner(&mut sb.ctx(), stream, records)
    })
}

fn put_typed_inner<'a>(
    cx: &mut Cx<'_>,
    stream: &str,
    records: impl ExactSizeIterator<Item = (&'a str, &'a [u8])> + Clone,
) -> Result<PutOutcome, ApiError> {
    // PutRecords' limits, with its messages; the full check runs only when a bound is near.
    let mut total = 0u64;
    let mut suspect = records.len() > MAX_BATCH_RECORDS;
    for (key, data) in records.clone() {
        total += (key.len() + data.len()) as u64;
        suspect |= data.len() > MAX_DATA_BYTES || key.is_empty() || key.len() > 256;
    }
    if suspect {
        let mut v = Validation::new();
        if records.len() > MAX_BATCH_RECORDS {
            v.fail(
                Some(&format!("[{} records]", records.len())),
                "records",
                "Member must have length less than or equal to 500",
            );
        }
        for (i, (key, data)) in records.clone().enumerate() {
            check_record(&mut v, Some(i), Some(data), Some(key), None);
        }
        v.finish()?;
    }
    if total > MAX_BATCH_BYTES {
        return Err(ApiError::invalid_argument(format!(
            "Records size exceeds 5 MB limit: the request holds {total} bytes of data and \
             partition keys."
        )));
    }
    writable(cx, stream)?;
    let items = records.map(|(key, data)| Item {
        key,
        hash: None,
        data,
    });
    let budget = cx.config.stream_byte_budget;
    let now = cx.now.epoch_millis();
    put_batch(cx.state, budget, now, stream, items, true)?
        .ok_or_else(|| stream_not_found(cx, stream))
}

/// Validates one record's fields; `index` is `None` for PutRecord and the 0-based position in
/// PutRecords (reported as `records.N.member.…`, 1-based).
fn check_record(
    v: &mut Validation,
    index: Option<usize>,
    data: Option<&[u8]>,
    key: Option<&str>,
    explicit: Option<&str>,
) {
    let path = |field: &str| match index {
        None => field.to_string(),
        Some(i) => format!("records.{}.member.{field}", i + 1),
    };
    match data {
        None => {
            v.fail(None, &path("data"), "Member must not be null");
        }
        Some(d) if d.len() > MAX_DATA_BYTES => v.fail(
            Some(&format!(
                "java.nio.HeapByteBuffer[pos=0 lim={0} cap={0}]",
                d.len()
            )),
            &path("data"),
            &format!("Member must have length less than or equal to {MAX_DATA_BYTES}"),
        ),
        Some(_) => {}
    }
    match key {
        None => v.fail(None, &path("partitionKey"), "Member must not be null"),
        Some(k) => {
            // Byte length bounds the character count: only count characters when it matters.
            let n = if k.len() <= 256 {
                k.len().min(1)
            } else {
                k.chars().count()
            };
            if k.is_empty() {
                v.fail(
                    Some(k),
                    &path("partitionKey"),
                    "Member must have length greater than or equal to 1",
                );
            }
            if n > 256 {
                v.fail(
                    Some(k),
                    &path("partitionKey"),
                    "Member must have length less than or equal to 256",
                );
            }
        }
    }
    if let Some(e) = explicit {
        if !is_hash_key_text(e) {
            v.fail(
                Some(e),
                &path("explicitHashKey"),
                "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
            );
        }
    }
}

fn decode_data(body: Body, field: &str) -> Result<Option<Vec<u8>>, ApiError> {
    match body.string(field)? {
        None => Ok(None),
        Some(text) => base64::engine::general_purpose::STANDARD
            .decode(text)
            .map(Some)
            .map_err(|_| {
                ApiError::serialization(Some(
                    "Base64 encoded data is not valid: it contains characters or padding \
                     outside the base64 alphabet."
                        .into(),
                ))
            }),
    }
}

fn explicit_hash(text: Option<&str>) -> Result<Option<u128>, ApiError> {
    match text {
        None => Ok(None),
        Some(t) => parse_hash_key(t).map(Some).ok_or_else(|| {
            ApiError::invalid_argument(format!(
                "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. \
                 Specified value was {t}"
            ))
        }),
    }
}

/// `PutRecord{StreamName|StreamARN, Data, PartitionKey, ExplicitHashKey?,
/// SequenceNumberForOrdering?}` → `{ShardId, SequenceNumber, EncryptionType}`.
pub(crate) fn put_record(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let data = decode_data(body, "Data")?;
    let key = body.string("PartitionKey")?;
    let explicit = body.string("ExplicitHashKey")?;
    let ordering = body.string("SequenceNumberForOrdering")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    check_record(&mut v, None, data.as_deref(), key, explicit);
    if let Some(o) = ordering {
        if !SequenceNumber::is_valid_text(o) {
            v.fail(
                Some(o),
                "sequenceNumberForOrdering",
                "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})",
            );
        }
    }
    v.finish()?;
    let (name, data, key) = (
        name.expect("valid"),
        data.expect("valid"),
        key.expect("valid"),
    );
    let hash = explicit_hash(explicit)?;
    writable(cx, &name)?;
    // A number of the right shape that no shard could have issued.
    if let Some(o) = ordering.filter(|o| SequenceNumber::parse(o).is_none()) {
        return Err(ApiError::invalid_argument(format!(
            "ExclusiveMinimumSequenceNumber {o} used in PutRecord on stream {name} under account {} is invalid.",
            cx.account()
        )));
    }
    let item = Item {
        key,
        hash,
        data: &data,
    };
    let budget = cx.config.stream_byte_budget;
    let now = cx.now.epoch_millis();
    let out = put_batch(cx.state, budget, now, &name, std::iter::once(item), false)?
        .ok_or_else(|| stream_not_found(cx, &name))?;
    let encryption = if out.encrypted { "KMS" } else { "NONE" };
    match out.results[0] {
        PutResult::Stored { shard, sequence } => Ok(json!({
            "ShardId": shard_id(shard),
            "SequenceNumber": sequence.to_string(),
            "EncryptionType": encryption,
        })),
        PutResult::Throttled { shard } => Err(ApiError::new(
            ErrorKind::ProvisionedThroughputExceededException,
            rate_exceeded(shard, &name, cx.account()),
        )),
    }
}

/// `PutRecords{StreamName|StreamARN, Records:[{Data, PartitionKey, ExplicitHashKey?}]}` →
/// `{FailedRecordCount, Records, EncryptionType}`, one entry per request record, in order.
pub(crate) fn put_records(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let list = body.list("Records")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    let mut decoded: Vec<(Vec<u8>, &str, Option<&str>)> = Vec::new();
    match list {
        None => v.fail(None, "records", "Member must not be null"),
        Some(list) => {
            if list.is_empty() {
                v.fail(
                    Some("[]"),
                    "records",
                    "Member must have length greater than or equal to 1",
                );
            }
            if list.len() > MAX_BATCH_RECORDS {
                v.fail(
                    Some(&format!("[{} records]", list.len())),
                    "records",
                    "Member must have length less than or equal to 500",
                );
            }
            decoded.reserve(list.len());
            for (i, entry) in list.iter().enumerate() {
                let Some(map) = entry.as_object() else {
                    return Err(ApiError::serialization(Some(
                        "Unexpected field type".into(),
                    )));
                };
                let rec = Body(map);
                let data = decode_data(rec, "Data")?;
                let key = rec.string("PartitionKey")?;
                let explicit = rec.string("ExplicitHashKey")?;
                check_record(&mut v, Some(i), data.as_deref(), key, explicit);
                if let (Some(d), Some(k)) = (data, key) {
                    decoded.push((d, k, explicit));
                }
            }
        }
    }
    v.finish()?;
    let name = name.expect("valid");
    let mut hashes = Vec::with_capacity(decoded.len());
    for (_, _, explicit) in &decoded {
        hashes.push(explicit_hash(*explicit)?);
    }
    let total: u64 = decoded
        .iter()
        .map(|(d, k, _)| (d.len() + k.len()) as u64)
        .sum();
    if total > MAX_BATCH_BYTES {
        return Err(ApiError::invalid_argument(format!(
            "Records size exceeds 5 MB limit: the request holds {total} bytes of data and \
             partition keys."
        )));
    }
    writable(cx, &name)?;
    let items = decoded.iter().zip(&hashes).map(|((d, k, _), h)| Item {
        key: k,
        hash: *h,
        data: d,
    });
    let budget = cx.config.stream_byte_budget;
    let now = cx.now.epoch_millis();
    let out = put_batch(cx.state, budget, now, &name, items, true)?
        .ok_or_else(|| stream_not_found(cx, &name))?;
    let acct = cx.account().to_string();
    // Built in place: `json!` would serialise an existing `Vec<Value>` into a second copy.
    let records: Vec<Value> = out
        .results
        .iter()
        .map(|r| {
            let mut m = Map::new();
            match *r {
                PutResult::Stored { shard, sequence } => {
                    m.insert("SequenceNumber".into(), Value::String(sequence.text()));
                    m.insert("ShardId".into(), Value::String(shard_id(shard)));
                }
                PutResult::Throttled { shard } => {
                    m.insert(
                        "ErrorCode".into(),
                        "ProvisionedThroughputExceededException".into(),
                    );
                    m.insert(
                        "ErrorMessage".into(),
                        Value::String(rate_exceeded(shard, &name, &acct)),
                    );
                }
            }
            Value::Object(m)
        })
        .collect();
    let mut response = Map::new();
    response.insert("FailedRecordCount".into(), out.failed.into());
    response.insert("Records".into(), Value::Array(records));
    response.insert(
        "EncryptionType".into(),
        if out.encrypted { "KMS" } else { "NONE" }.into(),
    );
    Ok(Value::Object(response))
}
