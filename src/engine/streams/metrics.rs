//! CloudWatch metrics (namespace `AWS/Kinesis`), one datapoint per minute.
//!
//! Stream-level metrics are always kept (the last 24 hours of minutes with activity);
//! shard-level metrics are kept for shards of streams with enhanced monitoring on (the last
//! 3 hours). A minute without activity is absent and reads as no datapoint, as in CloudWatch.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Stream-level metric names, in the order of [`Metric`].
pub const STREAM_METRICS: &[&str] = &[
    "GetRecords.Bytes",
    "GetRecords.IteratorAgeMilliseconds",
    "GetRecords.Latency",
    "GetRecords.Records",
    "GetRecords.Success",
    "IncomingBytes",
    "IncomingRecords",
    "PutRecord.Bytes",
    "PutRecord.Latency",
    "PutRecord.Success",
    "PutRecords.Bytes",
    "PutRecords.Latency",
    "PutRecords.Records",
    "PutRecords.Success",
    "PutRecords.TotalRecords",
    "PutRecords.SuccessfulRecords",
    "PutRecords.FailedRecords",
    "PutRecords.ThrottledRecords",
    "ReadProvisionedThroughputExceeded",
    "WriteProvisionedThroughputExceeded",
    "SubscribeToShard.RateExceeded",
    "SubscribeToShard.Success",
    "SubscribeToShardEvent.Bytes",
    "SubscribeToShardEvent.MillisBehindLatest",
    "SubscribeToShardEvent.Records",
    "SubscribeToShardEvent.Success",
];

/// Shard-level metric names (enhanced monitoring), in the order of [`ShardMetric`].
pub const SHARD_METRICS: &[&str] = &[
    "IncomingBytes",
    "IncomingRecords",
    "IteratorAgeMilliseconds",
    "OutgoingBytes",
    "OutgoingRecords",
    "ReadProvisionedThroughputExceeded",
    "WriteProvisionedThroughputExceeded",
];

/// A stream-level metric, indexing [`STREAM_METRICS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Metric {
    GetRecordsBytes,
    GetRecordsIteratorAge,
    GetRecordsLatency,
    GetRecordsRecords,
    GetRecordsSuccess,
    IncomingBytes,
    IncomingRecords,
    PutRecordBytes,
    PutRecordLatency,
    PutRecordSuccess,
    PutRecordsBytes,
    PutRecordsLatency,
    PutRecordsRecords,
    PutRecordsSuccess,
    PutRecordsTotalRecords,
    PutRecordsSuccessfulRecords,
    PutRecordsFailedRecords,
    PutRecordsThrottledRecords,
    ReadThroughputExceeded,
    WriteThroughputExceeded,
    SubscribeRateExceeded,
    SubscribeSuccess,
    SubscribeEventBytes,
    SubscribeEventMillisBehind,
    SubscribeEventRecords,
    SubscribeEventSuccess,
}

/// A shard-level metric, indexing [`SHARD_METRICS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum ShardMetric {
    IncomingBytes,
    IncomingRecords,
    IteratorAge,
    OutgoingBytes,
    OutgoingRecords,
    ReadThroughputExceeded,
    WriteThroughputExceeded,
}

/// One metric over one minute: CloudWatch's statistics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Stat {
    pub sum: f64,
    pub sample_count: u64,
    pub minimum: f64,
    pub maximum: f64,
}

impl Stat {
    pub fn add(&mut self, value: f64) {
        if self.sample_count == 0 {
            self.minimum = value;
            self.maximum = value;
        }
        self.sum += value;
        self.sample_count += 1;
        self.minimum = self.minimum.min(value);
        self.maximum = self.maximum.max(value);
    }

    pub fn average(&self) -> f64 {
        if self.sample_count == 0 {
            0.0
        } else {
            self.sum / self.sample_count as f64
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sample_count == 0
    }
}

/// The statistics of every metric over one minute.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Minute {
    /// Epoch minute (ms / 60 000).
    pub minute: i64,
    /// Indexed like the metric-name list; absent metrics are empty stats.
    pub stats: Vec<Stat>,
}

/// A bounded series of minutes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MinuteSeries {
    minutes: VecDeque<Minute>,
}

impl MinuteSeries {
    fn current(&mut self, now_ms: i64, width: usize, keep: i64) -> &mut Minute {
        let minute = now_ms.div_euclid(60_000);
        if self.minutes.back().is_none_or(|m| m.minute != minute) {
            self.minutes.push_back(Minute {
                minute,
                stats: vec![Stat::default(); width],
            });
            while self
                .minutes
                .front()
                .is_some_and(|m| m.minute <= minute - keep)
            {
                self.minutes.pop_front();
            }
        }
        self.minutes.back_mut().expect("pushed above")
    }

    /// Datapoints of metric `index` with minutes in `[from_ms, to_ms)`.
    pub fn points(&self, index: usize, from_ms: i64, to_ms: i64) -> Vec<(i64, Stat)> {
        self.minutes
            .iter()
            .filter(|m| m.minute * 60_000 >= from_ms && m.minute * 60_000 < to_ms)
            .filter_map(|m| {
                let s = m.stats.get(index)?;
                (!s.is_empty()).then_some((m.minute * 60_000, *s))
            })
            .collect()
    }
}

/// Minutes of stream-level history kept.
pub const STREAM_MINUTES_KEPT: i64 = 24 * 60;
/// Minutes of shard-level history kept.
pub const SHARD_MINUTES_KEPT: i64 = 3 * 60;

/// A stream's metrics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StreamMetrics {
    pub stream: MinuteSeries,
    /// Shard-level series by shard index.
    pub shards: std::collections::BTreeMap<u32, MinuteSeries>,
}

impl StreamMetrics {
    /// Adds one sample of `value` to stream-level `metric` at `now_ms`.
    pub fn add(&mut self, now_ms: i64, metric: Metric, value: f64) {
        self.stream
            .current(now_ms, STREAM_METRICS.len(), STREAM_MINUTES_KEPT)
            .stats[metric as usize]
            .add(value);
    }

    /// Adds one sample to shard-level `metric` of `shard`.
    pub fn add_shard(&mut self, now_ms: i64, shard: u32, metric: ShardMetric, value: f64) {
        self.shards
            .entry(shard)
            .or_default()
            .current(now_ms, SHARD_METRICS.len(), SHARD_MINUTES_KEPT)
            .stats[metric as usize]
            .add(value);
    }
}

/// One datapoint as the UI draws it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricPoint {
    /// Start of the minute, epoch ms.
    pub at_ms: i64,
    pub stat: Stat,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_up_with_indices() {
        assert_eq!(
            STREAM_METRICS[Metric::IncomingBytes as usize],
            "IncomingBytes"
        );
        assert_eq!(
            STREAM_METRICS[Metric::SubscribeEventSuccess as usize],
            "SubscribeToShardEvent.Success"
        );
        assert_eq!(
            SHARD_METRICS[ShardMetric::WriteThroughputExceeded as usize],
            "WriteProvisionedThroughputExceeded"
        );
    }

    #[test]
    fn minutes_roll_and_stay_bounded() {
        let mut m = StreamMetrics::default();
        m.add(0, Metric::IncomingRecords, 3.0);
        m.add(59_999, Metric::IncomingRecords, 2.0);
        m.add(60_000, Metric::IncomingRecords, 7.0);
        let pts = m
            .stream
            .points(Metric::IncomingRecords as usize, 0, 120_000);
        assert_eq!(pts.len(), 2);
        assert_eq!(pts[0].1.sum, 5.0);
        assert_eq!(pts[0].1.sample_count, 2);
        assert_eq!(pts[1].1.maximum, 7.0);
        for i in 0..3_000 {
            m.add(i * 60_000, Metric::IncomingBytes, 1.0);
        }
        assert!(m.stream.minutes.len() as i64 <= STREAM_MINUTES_KEPT);
    }
}
