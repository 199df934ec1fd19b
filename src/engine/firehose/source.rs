//! A Kinesis data stream as source: the delivery stream is a real consumer. Once a second it
//! calls GetRecords on each shard as `Caller::Firehose`, sharing the shard's 5 reads/s and
//! 2 MiB/s with every other consumer, starting at the tip (LATEST) and following child shards
//! (from TRIM_HORIZON) when a shard closes.

use super::{delivery, metric, KinesisSource, ShardReader};
use crate::engine::streams::get_records_typed;
use crate::engine::streams::shard::shard_id;
use crate::engine::{Caller, ErrorKind, Sandbox};
use serde_json::json;

const SERVICE: &str = "firehose.amazonaws.com";
/// At most one source error is logged per minute.
const ERROR_LOG_EVERY_MS: i64 = 60_000;

fn allowed(sb: &mut Sandbox, role: &str, action: &str, stream_arn: &str) -> bool {
    let account = &sb.config.account_id;
    sb.iam.allows(role, SERVICE, account, action, stream_arn)
}

/// The Kinesis source of delivery stream `name`, if it has one.
fn source_mut<'a>(sb: &'a mut Sandbox, name: &str) -> Option<&'a mut KinesisSource> {
    sb.firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.source.as_mut())
}

fn source_error(sb: &mut Sandbox, name: &str, code: &str, message: &str) {
    let now = sb.now.epoch_millis();
    let Some(src) = source_mut(sb, name) else {
        return;
    };
    if now - src.last_error_ms < ERROR_LOG_EVERY_MS {
        return;
    }
    src.last_error_ms = now;
    delivery::log_error(sb, name, code, message);
}

fn denied_message(action: &str, stream_arn: &str) -> String {
    format!(
        "Access was denied when calling {action} on {stream_arn}. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the Kinesis stream."
    )
}

/// Reads every shard once per second.
pub(crate) fn poll(sb: &mut Sandbox, name: &str) {
    let now = sb.now.epoch_millis();
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let Some(src) = d.source.as_ref() else {
        return;
    };
    if now - d.last_poll < 1000 {
        return;
    }
    // Only what the reads need, not the whole source (its readers) every second.
    let (role, arn, stream, attached) = (
        src.role_arn.clone(),
        src.stream_arn.clone(),
        src.stream_name.clone(),
        src.attached,
    );
    d.last_poll = now;
    if !attached {
        if !allowed(sb, &role, "kinesis:DescribeStream", &arn) {
            source_error(
                sb,
                name,
                "Kinesis.AccessDenied",
                &denied_message("DescribeStream", &arn),
            );
            return;
        }
        let Ok(out) = sb.call_as(
            Caller::Firehose,
            "Kinesis_20131202.DescribeStream",
            json!({ "StreamName": stream }),
        ) else {
            metric(sb, name, "ThrottledDescribeStream", "Count", 1.0);
            return;
        };
        let shards = out["StreamDescription"]["Shards"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let Some(src) = source_mut(sb, name) else {
            return;
        };
        for s in shards {
            let open = s["SequenceNumberRange"]["EndingSequenceNumber"].is_null();
            if let (true, Some(id)) = (open, s["ShardId"].as_str()) {
                src.readers.insert(
                    id.to_string(),
                    ShardReader {
                        iterator: None,
                        start: "LATEST".into(),
                        finished: false,
                        last_sequence: None,
                        since_ms: None,
                    },
                );
            }
        }
        src.attached = true;
    }
    let shard_ids: Vec<String> = sb.firehose.streams[name]
        .source
        .as_ref()
        .map(|s| {
            s.readers
                .iter()
                .filter(|(_, r)| !r.finished)
                .map(|(id, _)| id.clone())
                .collect()
        })
        .unwrap_or_default();
    for shard in shard_ids {
        read_shard(sb, name, &role, &arn, &stream, &shard);
    }
    delivery::deliver_due(sb, name);
}

fn reader<'a>(sb: &'a mut Sandbox, name: &str, shard: &str) -> Option<&'a mut ShardReader> {
    sb.firehose
        .streams
        .get_mut(name)?
        .source
        .as_mut()?
        .readers
        .get_mut(shard)
}

fn read_shard(sb: &mut Sandbox, name: &str, role: &str, arn: &str, stream: &str, shard: &str) {
    let Some(r) = reader(sb, name, shard) else {
        return;
    };
    let iterator = r.iterator.clone();
    // Resume after the last record read, else from when reading began, else at the start.
    let request = match (&r.last_sequence, r.since_ms) {
        (Some(seq), _) => json!({"StreamName": stream, "ShardId": shard,
            "ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": seq}),
        (None, Some(t)) => json!({"StreamName": stream, "ShardId": shard,
            "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": t as f64 / 1000.0}),
        (None, None) => {
            json!({"StreamName": stream, "ShardId": shard, "ShardIteratorType": r.start})
        }
    };
    let iterator = match iterator {
        Some(it) => it,
        None => {
            if !allowed(sb, role, "kinesis:GetShardIterator", arn) {
                source_error(
                    sb,
                    name,
                    "Kinesis.AccessDenied",
                    &denied_message("GetShardIterator", arn),
                );
                return;
            }
            let now = sb.now.epoch_millis();
            match sb.call_as(
                Caller::Firehose,
                "Kinesis_20131202.GetShardIterator",
                request,
            ) {
                Ok(out) => {
                    if let Some(r) = reader(sb, name, shard) {
                        r.since_ms.get_or_insert(now);
                    }
                    out["ShardIterator"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string()
                }
                Err(_) => {
                    metric(sb, name, "ThrottledGetShardIterator", "Count", 1.0);
                    return;
                }
            }
        }
    };
    if !allowed(sb, role, "kinesis:GetRecords", arn) {
        // Keep the place: the records stay in the stream until access comes back.
        if let Some(r) = reader(sb, name, shard) {
            r.iterator = Some(iterator);
        }
        source_error(
            sb,
            name,
            "Kinesis.AccessDenied",
            &denied_message("GetRecords", arn),
        );
        return;
    }
    // A typed GetRecords: the same call, limits and event-log entry, without base64 and JSON
    // in between (the records' bytes go straight to the buffer).
    let mut data = std::mem::take(&mut sb.firehose.scratch);
    data.clear();
    let out = match get_records_typed(sb, Caller::Firehose, &iterator, Some(10_000), |r| {
        data.extend_from_slice(r.data)
    }) {
        Ok(out) => out,
        Err(e) => {
            sb.firehose.scratch = data;
            match e.kind() {
                ErrorKind::ProvisionedThroughputExceededException => {
                    metric(sb, name, "ThrottledGetRecords", "Count", 1.0);
                    if let Some(r) = reader(sb, name, shard) {
                        r.iterator = Some(iterator);
                    }
                }
                _ => {
                    if let Some(r) = reader(sb, name, shard) {
                        r.iterator = None;
                    }
                }
            }
            return;
        }
    };
    let now = sb.now;
    let (count, bytes) = (out.records as u64, data.len() as u64);
    delivery::accept_many(sb, name, &data, count, now);
    sb.firehose.scratch = data;
    if count > 0 {
        metric(
            sb,
            name,
            "DataReadFromKinesisStream.Records",
            "Count",
            count as f64,
        );
        metric(
            sb,
            name,
            "DataReadFromKinesisStream.Bytes",
            "Bytes",
            bytes as f64,
        );
        metric(sb, name, "IncomingRecords", "Count", count as f64);
        metric(sb, name, "IncomingBytes", "Bytes", bytes as f64);
    }
    metric(
        sb,
        name,
        "KinesisMillisBehindLatest",
        "Milliseconds",
        out.millis_behind_latest as f64,
    );
    let last_sequence = out.last_sequence.map(|s| s.text());
    let next = out.next_iterator;
    let children: Vec<String> = out.child_shards.iter().map(|c| shard_id(*c)).collect();
    let Some(src) = source_mut(sb, name) else {
        return;
    };
    if let (Some(r), Some(seq)) = (src.readers.get_mut(shard), last_sequence) {
        r.last_sequence = Some(seq);
    }
    match next {
        Some(it) => {
            if let Some(r) = src.readers.get_mut(shard) {
                r.iterator = Some(it);
            }
        }
        None => {
            if let Some(r) = src.readers.get_mut(shard) {
                r.finished = true;
                r.iterator = None;
            }
            for c in children {
                src.readers.entry(c).or_insert(ShardReader {
                    iterator: None,
                    start: "TRIM_HORIZON".into(),
                    finished: false,
                    last_sequence: None,
                    since_ms: None,
                });
            }
        }
    }
}
