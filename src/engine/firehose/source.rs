//! A Kinesis data stream as source: the delivery stream is a real consumer, through the
//! shared [`StreamConsumer`]. Once a second it reads each shard as `Caller::Firehose`,
//! sharing the shard's 5 reads/s and 2 MiB/s with every other consumer, starting at the tip
//! (LATEST) and following child shards (from TRIM_HORIZON) when a shard closes. Each read is
//! first asked of IAM for the delivery stream's role; a denial is logged (once a minute) and
//! reading resumes where it stopped once the role allows it again.

use super::errors::DeliveryError;
use super::metrics::FirehoseMetric;
use super::{delivery, metric, processing};
use crate::engine::streams::consumer::{Batch, ConsumerSink, Problem};
use crate::engine::streams::shard::RecordView;
use crate::engine::streams::{ShardIteratorType, DESCRIBE_STREAM, GET_RECORDS};
use crate::engine::{Caller, ErrorKind, Sandbox};

const SERVICE: &str = "firehose.amazonaws.com";
/// At most one source error is logged per minute.
const ERROR_LOG_EVERY_MS: i64 = 60_000;

fn denied_message(action: &str, stream_arn: &str) -> String {
    format!(
        "Access was denied when calling {action} on {stream_arn}. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the Kinesis stream."
    )
}

/// A record read from the source, kept apart: counter, arrival (ms), partition key, data.
type SourceRecord = (u64, i64, String, Vec<u8>);

/// Where delivery stream `name`'s reads go: its buffer, its metrics and its error log.
struct Sink<'a> {
    name: &'a str,
    stream_arn: &'a str,
    /// The bytes of the current GetRecords' records, concatenated as Firehose buffers them.
    data: Vec<u8>,
    /// Each record on its own instead (a transformation or a delimiter needs them apart):
    /// counter, arrival, partition key, data.
    records: Option<Vec<SourceRecord>>,
}

impl ConsumerSink for Sink<'_> {
    fn record(&mut self, record: RecordView<'_>) {
        match &mut self.records {
            Some(list) => list.push((
                record.counter,
                record.arrival_ms,
                String::from_utf8_lossy(record.partition_key).into_owned(),
                record.data.to_vec(),
            )),
            None => self.data.extend_from_slice(record.data),
        }
    }

    fn batch(&mut self, sb: &mut Sandbox, batch: Batch<'_>) {
        let name = self.name;
        let now = sb.now;
        match &mut self.records {
            Some(list) => {
                let list = std::mem::take(list);
                for (_, _, _, data) in &list {
                    delivery::back_up(sb, name, data, 1, now);
                }
                one_by_one(sb, name, self.stream_arn, batch.shard, list);
            }
            None => {
                delivery::back_up(sb, name, &self.data, batch.records, now);
                delivery::accept_many(sb, name, &self.data, batch.records, now)
            }
        }
        self.data.clear();
        if batch.records > 0 {
            let (count, bytes) = (batch.records as f64, batch.bytes as f64);
            metric(
                sb,
                name,
                FirehoseMetric::DataReadFromKinesisStreamRecords,
                count,
            );
            metric(
                sb,
                name,
                FirehoseMetric::DataReadFromKinesisStreamBytes,
                bytes,
            );
            metric(sb, name, FirehoseMetric::IncomingRecords, count);
            metric(sb, name, FirehoseMetric::IncomingBytes, bytes);
        }
        let behind = batch.millis_behind_latest as f64;
        metric(sb, name, FirehoseMetric::KinesisMillisBehindLatest, behind);
    }

    fn problem(&mut self, sb: &mut Sandbox, problem: Problem) {
        let name = self.name;
        match problem {
            Problem::Denied { action } => {
                let message = denied_message(action, self.stream_arn);
                log_source_error(sb, name, DeliveryError::KinesisAccessDenied, &message);
            }
            Problem::Failed { operation, .. } if operation == DESCRIBE_STREAM => {
                metric(sb, name, FirehoseMetric::ThrottledDescribeStream, 1.0);
            }
            Problem::Failed { operation, error } if operation == GET_RECORDS => {
                if error == ErrorKind::ProvisionedThroughputExceededException {
                    metric(sb, name, FirehoseMetric::ThrottledGetRecords, 1.0);
                }
            }
            Problem::Failed { .. } => {
                metric(sb, name, FirehoseMetric::ThrottledGetShardIterator, 1.0);
            }
        }
    }
}

fn log_source_error(sb: &mut Sandbox, name: &str, code: DeliveryError, message: &str) {
    let now = sb.now.epoch_millis();
    let Some(src) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.source.as_mut())
    else {
        return;
    };
    if now - src.last_error_ms < ERROR_LOG_EVERY_MS {
        return;
    }
    src.last_error_ms = now;
    delivery::log_error(sb, name, code, message);
}

/// Reads every shard once per second, then delivers what is due.
pub(crate) fn poll(sb: &mut Sandbox, name: &str) {
    let now = sb.now.epoch_millis();
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if d.source.is_none() || now - d.last_poll < 1000 {
        return;
    }
    d.last_poll = now;
    // The consumer leaves its delivery stream while it reads (it needs the whole sandbox),
    // and goes back after.
    let Some(src) = d.source.as_mut() else {
        return;
    };
    let mut consumer = std::mem::take(&mut src.consumer);
    let role = src.role_arn.clone();
    let arn = consumer.stream_arn.clone();
    let per_record = delivery::per_record(sb, name);
    let mut sink = Sink {
        name,
        stream_arn: &arn,
        data: std::mem::take(&mut sb.firehose.scratch),
        records: per_record.then(Vec::new),
    };
    let mut allowed = |sb: &mut Sandbox, action: &str| {
        let account = &sb.config.account_id;
        sb.iam.allows(&role, SERVICE, account, action, &arn)
    };
    consumer.poll(
        sb,
        Caller::Firehose,
        ShardIteratorType::Latest,
        &mut allowed,
        &mut sink,
    );
    sb.firehose.scratch = sink.data;
    if let Some(src) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.source.as_mut())
    {
        src.consumer = consumer;
    }
    delivery::deliver_due(sb, name);
}

/// A read's records taken one at a time: staged for the transformation with their
/// `kinesisRecordMetadata`, or each into the buffer with its delimiter.
fn one_by_one(
    sb: &mut Sandbox,
    name: &str,
    stream_arn: &str,
    shard_id: &str,
    records: Vec<SourceRecord>,
) {
    let now = sb.now;
    if !delivery::transforms(sb, name) {
        for (_, arrival_ms, _, data) in records {
            match delivery::unpacked(sb, name, &data, arrival_ms) {
                Some(parts) => {
                    for part in parts {
                        delivery::accept(sb, name, &part, now);
                    }
                }
                None => delivery::accept(sb, name, &data, now),
            }
        }
        return;
    }
    let stream = stream_arn.rsplit('/').next().unwrap_or(stream_arn);
    let shard = sb
        .streams
        .get(stream)
        .and_then(|s| s.shards.iter().find(|sh| sh.id() == shard_id))
        .cloned();
    for (counter, arrival_ms, partition_key, data) in records {
        let sequence_number = shard
            .as_ref()
            .map(|sh| sh.sequence_number(counter, arrival_ms).text())
            .unwrap_or_default();
        // Firehose's record id for a stream record: the sequence number and the shard, as
        // digits.
        let id = format!("{sequence_number}{:012}", counter % 1_000_000_000_000);
        let parts = match delivery::unpacked(sb, name, &data, arrival_ms) {
            Some(parts) => parts,
            None => vec![data],
        };
        let n = parts.len();
        for (i, data) in parts.into_iter().enumerate() {
            let record = processing::Staged {
                id: delivery::sub_record_id(&id, i, n),
                arrival_ms,
                data,
                kinesis: Some(processing::KinesisMeta {
                    sequence_number: sequence_number.clone(),
                    partition_key: partition_key.clone(),
                    shard_id: shard_id.to_string(),
                    arrival_ms,
                }),
            };
            processing::stage(sb, name, record);
        }
    }
}
