//! One data stream: its status, its shards, its settings.

use super::hash_range::{even_split, HashKeyRange};
use super::metrics::ShardMetric;
use super::shard::Shard;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// `StreamStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StreamStatus {
    Creating,
    Active,
    Updating,
    Deleting,
}

impl StreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StreamStatus::Creating => "CREATING",
            StreamStatus::Active => "ACTIVE",
            StreamStatus::Updating => "UPDATING",
            StreamStatus::Deleting => "DELETING",
        }
    }
}

/// `StreamModeDetails.StreamMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StreamMode {
    Provisioned,
    OnDemand,
}

impl StreamMode {
    pub fn as_str(self) -> &'static str {
        match self {
            StreamMode::Provisioned => "PROVISIONED",
            StreamMode::OnDemand => "ON_DEMAND",
        }
    }
}

/// Work a stream finishes after a delay in virtual time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// CREATING → ACTIVE with this many evenly split shards.
    Activate { shards: u32 },
    /// DELETING → gone.
    Remove,
    /// UPDATING → ACTIVE, nothing else to do (retention, monitoring).
    Settle,
    /// UPDATING → ACTIVE after splitting a shard at a hash key.
    Split {
        shard: u32,
        #[serde(with = "super::hash_range::u128_text")]
        at: u128,
    },
    /// UPDATING → ACTIVE after merging two adjacent shards.
    Merge { shard: u32, adjacent: u32 },
    /// UPDATING → ACTIVE with the open shards re-laid evenly over the key space.
    Rescale { target: u32 },
    /// UPDATING → ACTIVE with server-side encryption switched on (`Some(key)`) or off.
    Encrypt { key: Option<String> },
}

/// A change and when it completes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub due_ms: i64,
    pub change: Change,
}

/// One data stream.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stream {
    pub name: String,
    pub created_ms: i64,
    pub status: StreamStatus,
    pub mode: StreamMode,
    pub retention_hours: u32,
    /// Every shard ever made, by index; expired shards stay as empty husks so indices hold.
    pub shards: Vec<Shard>,
    /// Open shards as (starting hash key, index), sorted, for routing puts.
    #[serde(skip)]
    routing: Vec<(u128, u32)>,
    pub pending: Option<Pending>,
    /// KMS key id while server-side encryption is on.
    pub encryption_key: Option<String>,
    pub shard_level_metrics: BTreeSet<ShardMetric>,
    pub tags: BTreeMap<String, String>,
    /// UpdateShardCount calls in the last 24 h (their times).
    pub scaling_times: Vec<i64>,
    /// Open shards while CREATING (before the shards exist).
    pub requested_shards: u32,
    /// Enhanced fan-out consumers by name.
    #[serde(default)]
    pub consumers: BTreeMap<String, super::fan_out::Consumer>,
    /// CloudWatch metrics, per minute.
    #[serde(default)]
    pub metrics: super::metrics::StreamMetrics,
}

impl Stream {
    pub fn new(name: &str, now_ms: i64, mode: StreamMode, shards: u32) -> Self {
        Self {
            name: name.to_string(),
            created_ms: now_ms,
            status: StreamStatus::Creating,
            mode,
            retention_hours: 24,
            shards: Vec::new(),
            routing: Vec::new(),
            pending: None,
            encryption_key: None,
            shard_level_metrics: BTreeSet::new(),
            tags: BTreeMap::new(),
            scaling_times: Vec::new(),
            requested_shards: shards,
            consumers: BTreeMap::new(),
            metrics: Default::default(),
        }
    }

    /// Lays out `n` evenly split open shards (on activation).
    pub fn open_even(&mut self, n: u32, now_ms: i64) {
        for range in even_split(n) {
            let index = self.shards.len() as u32;
            self.shards.push(Shard::new(index, range, now_ms));
        }
        self.reroute();
    }

    /// Adds a new open shard and returns its index.
    pub fn add_shard(&mut self, range: HashKeyRange, now_ms: i64) -> u32 {
        let index = self.shards.len() as u32;
        self.shards.push(Shard::new(index, range, now_ms));
        index
    }

    /// Rebuilds the routing table from the open shards.
    pub fn reroute(&mut self) {
        self.routing = self
            .shards
            .iter()
            .filter(|s| s.is_open())
            .map(|s| (s.range.start, s.index))
            .collect();
        self.routing.sort_unstable();
    }

    /// The open shard owning `hash`.
    pub fn route(&mut self, hash: u128) -> Option<u32> {
        if self.routing.is_empty() && self.shards.iter().any(Shard::is_open) {
            self.reroute();
        }
        let i = self.routing.partition_point(|(start, _)| *start <= hash);
        i.checked_sub(1).map(|i| self.routing[i].1)
    }

    pub fn open_shards(&self) -> impl Iterator<Item = &Shard> {
        self.shards.iter().filter(|s| s.is_open())
    }

    pub fn open_shard_count(&self) -> u32 {
        match self.status {
            StreamStatus::Creating => self.requested_shards,
            _ => self.open_shards().count() as u32,
        }
    }

    pub fn retention_ms(&self) -> i64 {
        i64::from(self.retention_hours) * 3_600_000
    }

    /// Whether shard `index` is listed: it exists and has not expired (a closed shard expires
    /// once the retention period has passed since it closed).
    pub fn is_listed(&self, index: u32, now_ms: i64) -> bool {
        match self.shards.get(index as usize) {
            Some(s) => s.closed_ms.is_none_or(|c| c + self.retention_ms() > now_ms),
            None => false,
        }
    }

    /// The shards DescribeStream and ListShards show, in index order.
    pub fn listed_shards(&self, now_ms: i64) -> impl Iterator<Item = &Shard> {
        self.shards
            .iter()
            .filter(move |s| self.is_listed(s.index, now_ms))
    }

    pub fn stored_bytes(&self) -> u64 {
        self.shards.iter().map(|s| s.records.stored_bytes()).sum()
    }
}
