//! Typed snapshots for the UI: no JSON, cheap to build every frame.

use super::fan_out::ConsumerStatus;
use super::hash_range::HashKeyRange;
use super::iterator::{position, read, Start};
use super::metrics::{MetricPoint, SHARD_METRICS, STREAM_METRICS};
use super::shard::{RateSample, StoredRecord};
use super::stream::{StreamMode, StreamStatus};
use super::throughput::{WRITE_BYTES_PER_SEC, WRITE_RECORDS_PER_SEC};
use crate::engine::Sandbox;

/// One stream as the stream list and details page show it.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamView {
    pub name: String,
    pub arn: String,
    pub status: StreamStatus,
    pub mode: StreamMode,
    pub retention_hours: u32,
    pub created_ms: i64,
    pub open_shards: u32,
    /// KMS key while server-side encryption is on.
    pub encryption_key: Option<String>,
    pub records_held: u64,
    pub bytes_held: u64,
    pub shards: Vec<ShardView>,
}

/// One row of the shard table.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardView {
    pub id: String,
    pub index: u32,
    pub range: HashKeyRange,
    pub open: bool,
    pub parent: Option<u32>,
    pub adjacent_parent: Option<u32>,
    pub records_held: u64,
    pub bytes_held: u64,
    /// Traffic in the last complete second.
    pub last_second: RateSample,
    /// Traffic in the second in progress, so far.
    pub this_second: RateSample,
    /// Fraction (0..) of the write limit the last second used, the larger of records and bytes.
    pub write_load: f64,
}

impl ShardView {
    /// Whether the shard refused writes or reads in this second or the last ("hot").
    pub fn is_throttling(&self) -> bool {
        [&self.last_second, &self.this_second]
            .iter()
            .any(|s| s.write_throttled > 0 || s.read_throttled > 0)
    }

    /// The busier of this second (so far) and the last complete one: what "right now" shows.
    pub fn recent(&self) -> RateSample {
        let (a, b) = (&self.this_second, &self.last_second);
        if (a.write_throttled + a.read_throttled, a.incoming_records)
            >= (b.write_throttled + b.read_throttled, b.incoming_records)
        {
            *a
        } else {
            *b
        }
    }
}

/// Where a typed read starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFrom {
    TrimHorizon,
    Latest,
    /// The first record that arrived at or after this time (ms).
    Timestamp(i64),
    /// From this per-shard counter on.
    Counter(u64),
}

impl Sandbox {
    /// Every stream with its shard table, in name order.
    pub fn streams(&self) -> Vec<StreamView> {
        self.streams
            .names()
            .filter_map(|n| self.stream(n))
            .collect()
    }

    /// One stream with its shard table.
    pub fn stream(&self, name: &str) -> Option<StreamView> {
        let s = self.streams.get(name)?;
        let now = self.now.epoch_millis();
        let shards: Vec<ShardView> = s
            .listed_shards(now)
            .map(|sh| {
                let last = sh.rate.last_second(now);
                let load = (last.incoming_records as f64 / WRITE_RECORDS_PER_SEC as f64)
                    .max(last.incoming_bytes as f64 / WRITE_BYTES_PER_SEC as f64);
                ShardView {
                    id: sh.id(),
                    index: sh.index,
                    range: sh.range,
                    open: sh.is_open(),
                    parent: sh.parent,
                    adjacent_parent: sh.adjacent_parent,
                    records_held: sh.records.len() as u64,
                    bytes_held: sh.records.stored_bytes(),
                    last_second: last,
                    this_second: sh.rate.this_second(now),
                    write_load: load,
                }
            })
            .collect();
        Some(StreamView {
            name: s.name.clone(),
            arn: self.arn("kinesis", &format!("stream/{}", s.name)),
            status: s.status,
            mode: s.mode,
            retention_hours: s.retention_hours,
            created_ms: s.created_ms,
            open_shards: s.open_shard_count(),
            encryption_key: s.encryption_key.clone(),
            records_held: shards.iter().map(|v| v.records_held).sum(),
            bytes_held: shards.iter().map(|v| v.bytes_held).sum(),
            shards,
        })
    }

    /// Per-minute datapoints of metric `name` (AWS's name, e.g. `IncomingBytes`) for a stream,
    /// or for one of its shards when `shard` is given (enhanced monitoring), with minutes in
    /// `[from_ms, to_ms)`. Unknown names give no points.
    pub fn stream_metric(
        &self,
        stream: &str,
        name: &str,
        shard: Option<u32>,
        from_ms: i64,
        to_ms: i64,
    ) -> Vec<MetricPoint> {
        let Some(s) = self.streams.get(stream) else {
            return Vec::new();
        };
        let (series, names) = match shard {
            None => (Some(&s.metrics.stream), STREAM_METRICS),
            Some(i) => (s.metrics.shards.get(&i), SHARD_METRICS),
        };
        let (Some(series), Some(index)) = (series, names.iter().position(|n| *n == name)) else {
            return Vec::new();
        };
        series
            .points(index, from_ms, to_ms)
            .into_iter()
            .map(|(at_ms, stat)| MetricPoint { at_ms, stat })
            .collect()
    }

    /// Reads records of one shard for the Data viewer, without throttles or iterators.
    /// Returns the records and the counter to continue from.
    pub fn peek_records(
        &self,
        stream: &str,
        shard: u32,
        from: ReadFrom,
        limit: usize,
    ) -> Option<(Vec<StoredRecord>, u64)> {
        let s = self.streams.get(stream)?;
        s.shards.get(shard as usize)?;
        let start = match from {
            ReadFrom::TrimHorizon => Start::TrimHorizon,
            ReadFrom::Latest => Start::Latest,
            ReadFrom::Timestamp(ms) => Start::AtTimestamp(ms),
            ReadFrom::Counter(c) => {
                return Some(finish(read(s, shard, c, limit, self.now.epoch_millis()), c))
            }
        };
        let at = position(s, shard, &start);
        Some(finish(
            read(s, shard, at, limit, self.now.epoch_millis()),
            at,
        ))
    }
}

fn finish(batch: super::iterator::ReadBatch, from: u64) -> (Vec<StoredRecord>, u64) {
    let next = batch
        .next_position
        .unwrap_or_else(|| batch.records.last().map_or(from, |r| r.counter + 1));
    (batch.records, next)
}

/// An enhanced fan-out consumer registered on a stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerView {
    pub name: String,
    pub status: ConsumerStatus,
}

impl Sandbox {
    /// The enhanced fan-out consumers of `stream`, in name order (none if it doesn't exist).
    pub fn stream_consumers(&self, stream: &str) -> Vec<ConsumerView> {
        self.streams
            .get(stream)
            .map(|s| {
                s.consumers
                    .values()
                    .map(|c| ConsumerView {
                        name: c.name.clone(),
                        status: c.status,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Memory a stream's stored records take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordMemory {
    pub records: u64,
    /// Bytes of partition keys and data.
    pub payload_bytes: u64,
    /// Bytes held beyond keys and data: per-record entries (with spare capacity) and spare
    /// arena capacity.
    pub overhead_bytes: u64,
}

impl Sandbox {
    /// How much memory the records of `stream` take, payload and bookkeeping apart.
    pub fn record_memory(&self, stream: &str) -> Option<RecordMemory> {
        let s = self.streams.get(stream)?;
        let mut m = RecordMemory {
            records: 0,
            payload_bytes: 0,
            overhead_bytes: 0,
        };
        for sh in &s.shards {
            m.records += sh.records.len() as u64;
            m.payload_bytes += sh.records.stored_bytes();
            m.overhead_bytes += sh.records.overhead_bytes() as u64;
        }
        Some(m)
    }
}
