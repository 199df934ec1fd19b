//! Dynamic partitioning's delivery: each record's keys (from the `MetadataExtraction` jq
//! query and the Lambda function's `metadata.partitionKeys`) choose its partition, one buffer
//! per active partition, each delivered at the destination's size or interval under the
//! prefix evaluated with its keys. A record without keys, or one that would open a partition
//! past the limit, goes to the error output with its reason.

use super::delivery::MIB;
use super::errors::DeliveryError;
use super::partition::{ExtractionFailure, Keys, PartitionFailure, DEFAULT_ACTIVE_PARTITIONS};
use super::prefix::{self, KeySource};
use super::processing::{self, Failed};
use super::{Batch, Buffer, DeliveryStream};
use crate::engine::{Sandbox, SimTime};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// One active partition: its keys and its buffer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partition {
    pub query_keys: Keys,
    pub lambda_keys: Keys,
    pub buffer: Buffer,
}

/// A record waiting for the jq extension before it can be given a partition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unrouted {
    pub arrival_ms: i64,
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
    pub lambda_keys: Option<Keys>,
}

pub(crate) fn is_on(d: &DeliveryStream) -> bool {
    d.destination.dynamic_partitioning.enabled
}

/// The partition a record's keys choose: the values of the keys the prefix names, in order.
fn partition_id(
    d: &DeliveryStream,
    query: &Keys,
    lambda: &Keys,
) -> Result<String, PartitionFailure> {
    let mut id = String::new();
    for (source, key) in prefix::named_keys(d.destination.prefix.as_deref()) {
        let keys = match source {
            KeySource::Query => query,
            KeySource::Lambda => lambda,
        };
        let value = keys.get(&key).ok_or_else(|| {
            PartitionFailure::MetadataExtractionFailed(ExtractionFailure::MissingKey {
                namespace: source.namespace().into(),
                key: key.clone(),
            })
        })?;
        id.push_str(source.namespace());
        id.push(':');
        id.push_str(&key);
        id.push('=');
        id.push_str(value);
        id.push('\u{1f}');
    }
    Ok(id)
}

/// A record into its partition (or the error output). `from_processing`: it comes back from
/// the Lambda function (already counted as accepted, now leaving `processing`).
pub(crate) fn route(
    sb: &mut Sandbox,
    name: &str,
    data: &[u8],
    lambda_keys: Option<Keys>,
    arrival_ms: i64,
    from_processing: bool,
) {
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if from_processing {
        d.ledger.processing -= 1;
    } else {
        d.ledger.accepted += 1;
    }
    let query = d
        .destination
        .processing
        .as_ref()
        .and_then(|p| p.query())
        .cloned();
    if query.is_some() && crate::engine::extension::jq().is_none() {
        // Given a partition on the first tick once jq is there (time waits for it).
        d.ledger.buffered += 1;
        d.unrouted.push(Unrouted {
            arrival_ms,
            data: data.to_vec(),
            lambda_keys,
        });
        return;
    }
    let keys = match &query {
        Some(q) => q.keys(data),
        None => Ok(Keys::new()),
    };
    let lambda = lambda_keys.unwrap_or_default();
    let chosen = keys.and_then(|q| {
        let id = partition_id(d, &q, &lambda)?;
        if !d.partitions.contains_key(&id) && d.partitions.len() >= DEFAULT_ACTIVE_PARTITIONS {
            return Err(PartitionFailure::ActivePartitionsLimitExceeded {
                limit: DEFAULT_ACTIVE_PARTITIONS,
            });
        }
        Ok((id, q))
    });
    match chosen {
        Ok((id, q)) => {
            let now = sb.now;
            let keep_length = super::converting::is_on(d);
            d.partitions.entry(id.clone()).or_insert_with(|| Partition {
                query_keys: q,
                lambda_keys: lambda,
                buffer: Buffer::default(),
            });
            super::delivery::push_record(d, Some(&id), data, keep_length);
            let part = d.partitions.get_mut(&id).expect("just made");
            part.buffer.records += 1;
            part.buffer.oldest_arrival.get_or_insert(now);
            d.ledger.buffered += 1;
        }
        Err(failure) => {
            // Counted as buffered for the moment the error object takes it over.
            d.ledger.buffered += 1;
            let record = Failed {
                arrival_ms,
                data: data.to_vec(),
            };
            super::delivery::log_error(
                sb,
                name,
                DeliveryError::Partitioning(failure.code()),
                &failure.to_string(),
            );
            processing::error_object(
                sb,
                name,
                vec![record],
                1,
                failure.code(),
                &failure.to_string(),
                failure.error_output_type(),
                processing::ErrorDoc::Processing { lambda_arn: None },
                processing::Held::Buffer,
            );
        }
    }
}

/// Records that waited for jq, given their partitions now.
fn route_waiting(sb: &mut Sandbox, name: &str) {
    if crate::engine::extension::jq().is_none() {
        return;
    }
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let waiting = std::mem::take(&mut d.unrouted);
    d.ledger.buffered -= waiting.len() as u64;
    d.ledger.accepted -= waiting.len() as u64;
    for w in waiting {
        route(sb, name, &w.data, w.lambda_keys, w.arrival_ms, false);
    }
}

/// Seals every partition whose buffer is full (and, on the clock's turn, whose interval has
/// passed) into an object under its own prefix.
pub(crate) fn seal_due(sb: &mut Sandbox, name: &str, on_tick: bool) {
    route_waiting(sb, name);
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let hints = d.destination.buffering;
    let due: Vec<String> = d
        .partitions
        .iter()
        .filter(|(_, p)| {
            let full = p.buffer.data.len() as u64 >= u64::from(hints.size_mb) * MIB;
            let timed_out = on_tick
                && p.buffer
                    .oldest_arrival
                    .is_some_and(|t| now >= t + Duration::from_secs(u64::from(hints.interval_s)));
            full || timed_out
        })
        .map(|(id, _)| id.clone())
        .collect();
    for id in due {
        seal(sb, name, &id);
    }
}

fn seal(sb: &mut Sandbox, name: &str, id: &str) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let Some(part) = d.partitions.remove(id) else {
        return;
    };
    let oldest = part.buffer.oldest_arrival.unwrap_or(now);
    let dest = d.destination.clone();
    let (stream, version) = (d.name.clone(), d.version);
    let folder = prefix::evaluate_partitioned(
        dest.prefix.as_deref(),
        oldest,
        &part.query_keys,
        &part.lambda_keys,
        &mut sb.rng,
    )
    .unwrap_or_default();
    let file = prefix::object_name(&stream, version, oldest, &dest.extension(), &mut sb.rng);
    let (body, records) = if super::converting::is_on(&sb.firehose.streams[name]) {
        match super::converting::convert_buffer(sb, name, &part.buffer) {
            Some(done) => done,
            None => return,
        }
    } else {
        let entry = file
            .strip_suffix(dest.compression.extension())
            .unwrap_or(&file)
            .to_string();
        (
            dest.compression.apply(&part.buffer.data, &entry),
            part.buffer.records,
        )
    };
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.ledger.buffered -= records;
    d.ledger.awaiting_retry += records;
    d.pending.push_back(Batch::sealed(
        &dest,
        format!("{folder}{file}"),
        body,
        part.buffer.data.len() as u64,
        records,
        oldest,
        now,
    ));
}

/// Bytes, records and the oldest arrival across the partitions (for the buffer gauge).
pub(crate) fn totals(d: &DeliveryStream) -> (u64, u64, Option<SimTime>) {
    d.partitions.values().fold((0, 0, None), |(b, r, o), p| {
        let oldest = match (o, p.buffer.oldest_arrival) {
            (Some(a), Some(x)) => Some(if x < a { x } else { a }),
            (a, x) => a.or(x),
        };
        (b + p.buffer.data.len() as u64, r + p.buffer.records, oldest)
    })
}
