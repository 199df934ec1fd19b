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

/// A shard-level (enhanced monitoring) metric, indexing [`SHARD_METRICS`]. Ordered by name,
/// as AWS lists a stream's enabled metrics; serialised by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

impl ShardMetric {
    /// Every shard-level metric, by name.
    pub const ALL: [ShardMetric; 7] = [
        ShardMetric::IncomingBytes,
        ShardMetric::IncomingRecords,
        ShardMetric::IteratorAge,
        ShardMetric::OutgoingBytes,
        ShardMetric::OutgoingRecords,
        ShardMetric::ReadThroughputExceeded,
        ShardMetric::WriteThroughputExceeded,
    ];
    /// The order of `EnableEnhancedMonitoring`'s enum in the API reference (and its messages).
    pub const API_ORDER: [ShardMetric; 7] = [
        ShardMetric::IncomingBytes,
        ShardMetric::IncomingRecords,
        ShardMetric::OutgoingBytes,
        ShardMetric::OutgoingRecords,
        ShardMetric::WriteThroughputExceeded,
        ShardMetric::ReadThroughputExceeded,
        ShardMetric::IteratorAge,
    ];
    /// What `--shard-level-metrics` takes: every name in the API's order, then `ALL`.
    pub const CLI_VALUES: [&'static str; 8] = {
        let mut out = ["ALL"; 8];
        let mut i = 0;
        while i < 7 {
            out[i] = Self::API_ORDER[i].name();
            i += 1;
        }
        out
    };

    /// The metric's CloudWatch name, e.g. `IteratorAgeMilliseconds`.
    pub const fn name(self) -> &'static str {
        SHARD_METRICS[self as usize]
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.name() == name)
    }
}

impl std::fmt::Display for ShardMetric {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for ShardMetric {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for ShardMetric {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Self::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown shard-level metric {name}")))
    }
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

/// The CloudWatch unit of a Kinesis metric.
pub fn unit(name: &str) -> &'static str {
    if name.ends_with("Bytes") {
        "Bytes"
    } else if name.ends_with("Latency")
        || name.contains("IteratorAge")
        || name.ends_with("MillisBehindLatest")
    {
        "Milliseconds"
    } else {
        "Count"
    }
}

impl crate::engine::Sandbox {
    /// A `GetMetricStatistics`-shaped query over the `AWS/Kinesis` namespace, for the CloudWatch
    /// service to answer with: `{Namespace, MetricName, Dimensions:[{Name: StreamName|ShardId,
    /// Value}], StartTime, EndTime, Period, Statistics}` → `{Label, Datapoints}`. Periods are
    /// whole minutes; a period without samples has no datapoint.
    pub fn kinesis_metric_statistics(
        &self,
        body: &serde_json::Value,
    ) -> Result<serde_json::Value, crate::engine::ApiError> {
        use crate::engine::body::Body;
        use crate::engine::{ApiError, Validation};
        use serde_json::json;
        let b = Body::of(body)?;
        let name = b.string("MetricName")?;
        let start = b.timestamp_millis("StartTime")?;
        let end = b.timestamp_millis("EndTime")?;
        let period = b.integer("Period")?;
        let stats = b.list("Statistics")?;
        let dims = b.list("Dimensions")?;
        let mut v = Validation::new();
        v.required(name, "metricName");
        v.required(start, "startTime");
        v.required(end, "endTime");
        v.required(period, "period");
        if let Some(p) = period {
            v.range(p, "period", 1, i64::from(i32::MAX));
        }
        v.finish()?;
        let (name, start, end, period) = (
            name.expect("valid"),
            start.expect("valid"),
            end.expect("valid"),
            period.expect("valid"),
        );
        if period % 60 != 0 {
            return Err(ApiError::invalid_argument(
                "The parameter Period must be a multiple of 60.",
            ));
        }
        let dim = |key: &str| {
            dims.into_iter()
                .flatten()
                .find(|d| d["Name"] == key)
                .and_then(|d| d["Value"].as_str())
        };
        let Some(stream) = dim("StreamName") else {
            return Ok(json!({"Label": name, "Datapoints": []}));
        };
        let shard = dim("ShardId").and_then(super::shard::parse_shard_id);
        let points = self.stream_metric(stream, name, shard, start, end);
        let period_ms = period * 1000;
        let mut buckets: std::collections::BTreeMap<i64, Stat> = Default::default();
        for p in points {
            let at = start + (p.at_ms - start).div_euclid(period_ms) * period_ms;
            let s = buckets.entry(at).or_default();
            if s.sample_count == 0 {
                *s = p.stat;
            } else {
                s.sum += p.stat.sum;
                s.sample_count += p.stat.sample_count;
                s.minimum = s.minimum.min(p.stat.minimum);
                s.maximum = s.maximum.max(p.stat.maximum);
            }
        }
        let wanted: Vec<&str> = stats
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str())
            .collect();
        let datapoints: Vec<serde_json::Value> = buckets
            .into_iter()
            .map(|(at, s)| {
                let mut d = json!({"Timestamp": at as f64 / 1000.0, "Unit": unit(name)});
                for w in &wanted {
                    let value = match *w {
                        "Sum" => s.sum,
                        "Average" => s.average(),
                        "Minimum" => s.minimum,
                        "Maximum" => s.maximum,
                        "SampleCount" => s.sample_count as f64,
                        _ => continue,
                    };
                    d[*w] = json!(value);
                }
                d
            })
            .collect();
        Ok(json!({"Label": name, "Datapoints": datapoints}))
    }
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
