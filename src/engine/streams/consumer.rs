//! The stream consumer every service that reads a data stream shares (a Firehose delivery
//! stream today; a Lambda event source mapping or an Analytics application tomorrow).
//!
//! It reads as a real application does, through the same typed operations the learner's own
//! calls reach, so its reads count against the shard's shared limits (5 GetRecords a second,
//! 2 MiB/s, split with every other reader) and appear in the event log under its caller:
//! - once, `DescribeStream` to find the open shards, each read from `initial`;
//! - per shard and poll, `GetShardIterator` when it has no live iterator (resuming after the
//!   last record read, else from when it began reading), then one `GetRecords`;
//! - when a shard closes after a reshard, its children are read from `TRIM_HORIZON`, so no
//!   record is lost or read twice across the split or merge.
//!
//! Before each operation it asks `allowed(sb, "kinesis:<Action>")` (the consumer's role, as
//! the owning service judges it); a denial keeps its place, so nothing is skipped when access
//! comes back. What it reads goes to a [`ConsumerSink`].

use super::iterator::{get_records_typed, get_shard_iterator_typed};
use super::shard::{shard_id, RecordView};
use super::stream::StreamStatus;
use super::{ShardIteratorType, DESCRIBE_STREAM, GET_RECORDS, GET_SHARD_ITERATOR};
use crate::engine::context::Holds;
use crate::engine::registry::Target;
use crate::engine::{ApiError, Caller, ErrorKind, Sandbox};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One reader of one data stream, with its place in every shard. Saved with its owner.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamConsumer {
    pub stream_name: String,
    pub stream_arn: String,
    /// Shard id → where that shard is read up to.
    pub readers: BTreeMap<String, ShardReader>,
    /// Whether the first DescribeStream succeeded (the open shards are known).
    pub attached: bool,
}

/// Where one shard is read up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardReader {
    /// The iterator to read next with; `None` until one is asked for, or after it was lost.
    pub iterator: Option<String>,
    /// Where a new iterator starts when nothing has been read yet: the consumer's initial
    /// position for shards open at the start, `TRIM_HORIZON` for children met after a
    /// reshard.
    pub start: ShardIteratorType,
    /// The shard is closed and read to its end.
    pub finished: bool,
    /// The last sequence number read, to resume right after it.
    pub last_sequence: Option<String>,
    /// When reading this shard first began (ms), to resume from there if nothing was read yet.
    pub since_ms: Option<i64>,
}

impl ShardReader {
    fn new(start: ShardIteratorType) -> Self {
        Self {
            iterator: None,
            start,
            finished: false,
            last_sequence: None,
            since_ms: None,
        }
    }
}

/// What one GetRecords brought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batch<'a> {
    pub shard: &'a str,
    pub records: u64,
    pub bytes: u64,
    pub millis_behind_latest: i64,
}

/// Why a poll could not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// The consumer's role may not call `action` (`DescribeStream`, `GetShardIterator`,
    /// `GetRecords`) on the stream.
    Denied { action: &'static str },
    /// `operation` failed with `error` (throttled, or the stream is gone or not ready).
    Failed { operation: Target, error: ErrorKind },
}

/// Where a consumer's records go.
pub trait ConsumerSink {
    /// One record, as GetRecords returns it (the sandbox is busy: keep the bytes).
    fn record(&mut self, record: RecordView<'_>);
    /// A GetRecords call finished; every record of it went to [`ConsumerSink::record`].
    fn batch(&mut self, sb: &mut Sandbox, batch: Batch<'_>);
    /// A call was refused or failed; the consumer keeps its place.
    fn problem(&mut self, sb: &mut Sandbox, problem: Problem);
}

impl StreamConsumer {
    pub fn new(stream_name: &str, stream_arn: &str) -> Self {
        Self {
            stream_name: stream_name.to_string(),
            stream_arn: stream_arn.to_string(),
            readers: BTreeMap::new(),
            attached: false,
        }
    }

    /// Reads every unfinished shard once: at most one GetRecords per shard per call.
    /// `initial` is where the shards open when the consumer attaches are read from.
    pub fn poll(
        &mut self,
        sb: &mut Sandbox,
        caller: Caller,
        initial: ShardIteratorType,
        allowed: &mut dyn FnMut(&mut Sandbox, &str) -> bool,
        sink: &mut dyn ConsumerSink,
    ) {
        if !self.attached {
            if !allowed(sb, "kinesis:DescribeStream") {
                sink.problem(
                    sb,
                    Problem::Denied {
                        action: "DescribeStream",
                    },
                );
                return;
            }
            let stream = self.stream_name.clone();
            let open = sb.call_typed(caller, DESCRIBE_STREAM, Some(&stream), |sb| {
                open_shards(sb, &stream)
            });
            match open {
                Ok(shards) => {
                    for id in shards {
                        self.readers.insert(id, ShardReader::new(initial));
                    }
                    self.attached = true;
                }
                Err(e) => {
                    let problem = Problem::Failed {
                        operation: DESCRIBE_STREAM,
                        error: e.kind(),
                    };
                    sink.problem(sb, problem);
                    return;
                }
            }
        }
        let shards: Vec<String> = self
            .readers
            .iter()
            .filter(|(_, r)| !r.finished)
            .map(|(id, _)| id.clone())
            .collect();
        for shard in shards {
            self.read_shard(sb, caller, &shard, allowed, sink);
        }
    }

    fn read_shard(
        &mut self,
        sb: &mut Sandbox,
        caller: Caller,
        shard: &str,
        allowed: &mut dyn FnMut(&mut Sandbox, &str) -> bool,
        sink: &mut dyn ConsumerSink,
    ) {
        let Some(r) = self.readers.get(shard) else {
            return;
        };
        let iterator = match r.iterator.clone() {
            Some(it) => it,
            None => {
                if !allowed(sb, "kinesis:GetShardIterator") {
                    let action = "GetShardIterator";
                    sink.problem(sb, Problem::Denied { action });
                    return;
                }
                // Resume after the last record read, else from when reading began, else at
                // the reader's start.
                let (kind, seq, ts) = match (&r.last_sequence, r.since_ms) {
                    (Some(seq), _) => (
                        ShardIteratorType::AfterSequenceNumber,
                        Some(seq.clone()),
                        None,
                    ),
                    (None, Some(t)) => (ShardIteratorType::AtTimestamp, None, Some(t)),
                    (None, None) => (r.start, None, None),
                };
                let now = sb.now.epoch_millis();
                let stream = self.stream_name.clone();
                let got = sb.call_typed(caller, GET_SHARD_ITERATOR, Some(&stream), |sb| {
                    get_shard_iterator_typed(
                        &mut sb.ctx(),
                        &stream,
                        shard,
                        kind,
                        seq.as_deref(),
                        ts,
                    )
                });
                match got {
                    Ok(it) => {
                        if let Some(r) = self.readers.get_mut(shard) {
                            r.since_ms.get_or_insert(now);
                        }
                        it
                    }
                    Err(e) => {
                        let problem = Problem::Failed {
                            operation: GET_SHARD_ITERATOR,
                            error: e.kind(),
                        };
                        sink.problem(sb, problem);
                        return;
                    }
                }
            }
        };
        if !allowed(sb, "kinesis:GetRecords") {
            // Keep the place: the records stay in the stream until access comes back.
            if let Some(r) = self.readers.get_mut(shard) {
                r.iterator = Some(iterator);
            }
            sink.problem(
                sb,
                Problem::Denied {
                    action: "GetRecords",
                },
            );
            return;
        }
        let out = get_records_typed(sb, caller, &iterator, Some(10_000), |r| sink.record(r));
        let out = match out {
            Ok(out) => out,
            Err(e) => {
                // Throttled: try again with the same iterator. Anything else (expired, the
                // shard or stream gone): ask for a new iterator next time.
                let keep = e.kind() == ErrorKind::ProvisionedThroughputExceededException;
                if let Some(r) = self.readers.get_mut(shard) {
                    r.iterator = keep.then_some(iterator);
                }
                let problem = Problem::Failed {
                    operation: GET_RECORDS,
                    error: e.kind(),
                };
                sink.problem(sb, problem);
                return;
            }
        };
        let batch = Batch {
            shard,
            records: out.records as u64,
            bytes: out.bytes,
            millis_behind_latest: out.millis_behind_latest,
        };
        sink.batch(sb, batch);
        let Some(r) = self.readers.get_mut(shard) else {
            return;
        };
        if let Some(seq) = out.last_sequence {
            r.last_sequence = Some(seq.text());
        }
        match out.next_iterator {
            Some(it) => r.iterator = Some(it),
            None => {
                r.finished = true;
                r.iterator = None;
                for child in out.child_shards {
                    self.readers
                        .entry(shard_id(child))
                        .or_insert_with(|| ShardReader::new(ShardIteratorType::TrimHorizon));
                }
            }
        }
    }
}

/// The ids of the stream's open shards, with DescribeStream's checks.
fn open_shards(sb: &mut Sandbox, stream: &str) -> Result<Vec<String>, ApiError> {
    let cx: super::Cx<'_> = sb.ctx();
    let now = cx.now.epoch_millis();
    let s = super::find(&cx, stream)?;
    if !matches!(s.status, StreamStatus::Active | StreamStatus::Updating) {
        return Ok(Vec::new());
    }
    Ok(s.listed_shards(now)
        .filter(|shard| shard.is_open())
        .map(|shard| shard_id(shard.index))
        .collect())
}
