//! The pipeline the learner has built, as facts read from the sandbox's typed snapshots:
//! producers → data streams (their open shards as lanes) → consumers (Firehose delivery
//! streams with their buffers, enhanced fan-out consumers) → S3 buckets.
//!
//! Pure Rust like the engine (no browser crate), so the facts and their layout
//! ([`layout::Diagram`]) are tested natively; `ui::components::pipeline` only draws them.
//! Built fresh on every render, so it stays cheap: at most [`MAX_LANES`] shards per stream
//! become lanes, whatever the stream's size.

pub mod layers;
pub mod layout;

use crate::engine::firehose::AccessOutcome;
use crate::engine::generator::{Destination, Rate};
use crate::engine::streams::throughput::{WRITE_BYTES_PER_SEC, WRITE_RECORDS_PER_SEC};
use crate::engine::streams::{ShardView, StreamView};
use crate::engine::{Caller, Sandbox};
use crate::text::{bytes, thousands};
use std::collections::BTreeSet;

/// Lanes drawn per stream before "+N more shards"; throttled shards are drawn beyond it.
pub const LANES_SHOWN: usize = 8;
/// The most lanes drawn per stream, throttled shards included.
pub const MAX_LANES: usize = 16;

/// Operations by which the learner puts records (console, AWS CLI).
const DIRECT_PUTS: [&str; 4] = [
    "Kinesis_20131202.PutRecord",
    "Kinesis_20131202.PutRecords",
    "Firehose_20150804.PutRecord",
    "Firehose_20150804.PutRecordBatch",
];

/// Everything the diagram shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    pub producers: Vec<Producer>,
    pub streams: Vec<StreamNode>,
    pub consumers: Vec<Consumer>,
    pub buckets: Vec<BucketNode>,
    pub edges: Vec<Edge>,
}

/// A node, by column and position in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeRef {
    Producer(usize),
    Stream(usize),
    Consumer(usize),
    Bucket(usize),
}

/// Where a producer sends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Stream(String),
    DeliveryStream(String),
}

impl Target {
    pub fn name(&self) -> &str {
        match self {
            Target::Stream(n) | Target::DeliveryStream(n) => n,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Producer {
    /// The Kinesis Data Generator while it sends: its rate and the last second's outcome.
    Generator {
        rate: String,
        target: Target,
        sent: u64,
        throttled: u64,
        failed: u64,
    },
    /// Records the learner put recently (console, AWS CLI), and where.
    DirectPut { targets: Vec<Target> },
}

impl Producer {
    pub fn title(&self) -> &'static str {
        match self {
            Producer::Generator { .. } => "Kinesis Data Generator",
            Producer::DirectPut { .. } => "Direct PUT / AWS CLI",
        }
    }
}

/// One data stream and its drawn shards.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamNode {
    pub name: String,
    pub status: &'static str,
    pub open_shards: u32,
    pub lanes: Vec<Lane>,
    /// Open shards not drawn, and how many of those are throttling.
    pub hidden_shards: u32,
    pub hidden_hot: u32,
    /// Records in and out (all GetRecords readers together) in the last second.
    pub incoming: u64,
    pub outgoing: u64,
    /// Writes refused in the last second.
    pub throttled: u64,
}

/// One open shard, drawn as a lane.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub shard_id: String,
    /// Records and bytes that came in during the last second.
    pub incoming: u64,
    pub incoming_bytes: u64,
    /// Share of the write limit the last second used (1.0 = at the limit).
    pub load: f64,
    /// Why the shard throttles, when it does.
    pub hot: Option<String>,
    /// Writes it refused in the busier of this second and the last.
    pub refused: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Consumer {
    Firehose(FirehoseNode),
    FanOut {
        stream: String,
        name: String,
        status: &'static str,
    },
}

impl Consumer {
    pub fn name(&self) -> &str {
        match self {
            Consumer::Firehose(f) => &f.name,
            Consumer::FanOut { name, .. } => name,
        }
    }
}

/// A delivery stream and its buffer.
#[derive(Debug, Clone, PartialEq)]
pub struct FirehoseNode {
    pub name: String,
    pub status: &'static str,
    /// The source stream, or `None` for Direct PUT.
    pub source: Option<String>,
    pub bucket: String,
    pub buffer_bytes: u64,
    pub buffer_records: u64,
    pub size_limit_bytes: u64,
    pub interval_s: u32,
    /// Seconds until the interval delivers the buffer (`None` while it is empty).
    pub seconds_until_delivery: Option<u64>,
    pub delivered: u64,
    pub records_awaiting_retry: u64,
    /// What fails, e.g. "delivery failing: S3.AccessDenied (s3:PutObject denied)".
    pub failing: Option<String>,
}

/// A destination bucket.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketNode {
    pub name: String,
    pub exists: bool,
    pub objects: u64,
    pub bytes: u64,
}

/// An arrow: what flows from one node to another, in one or two short lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: NodeRef,
    pub to: NodeRef,
    pub label: String,
    /// A second line (throttles, failures), drawn in the warning colour when `warn`.
    pub note: Option<String>,
    pub warn: bool,
}

/// `n records/s` with the console's thousands separators.
pub fn per_second(n: u64) -> String {
    format!("{} records/s", thousands(n))
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Why a throttling shard throttles: which limit, in AWS's numbers.
pub fn hot_reason(shard: &ShardView) -> Option<String> {
    if !shard.is_throttling() {
        return None;
    }
    let s = shard.recent();
    let mut why = Vec::new();
    if s.write_throttled > 0 {
        let records = s.incoming_records as f64 / WRITE_RECORDS_PER_SEC as f64;
        let bytes = s.incoming_bytes as f64 / WRITE_BYTES_PER_SEC as f64;
        let limit = if bytes > records {
            "over 1 MiB/s"
        } else {
            "over 1,000 records/s"
        };
        why.push(limit.to_string());
    }
    if s.read_throttled > 0 {
        why.push("reads over 5 calls/s or 2 MiB/s".to_string());
    }
    Some(format!("throttled: {}", why.join("; ")))
}

fn stream_node(view: &StreamView) -> StreamNode {
    let open: Vec<&ShardView> = view.shards.iter().filter(|s| s.open).collect();
    let mut drawn: Vec<usize> = (0..open.len().min(LANES_SHOWN)).collect();
    for (i, s) in open.iter().enumerate().skip(LANES_SHOWN) {
        if drawn.len() >= MAX_LANES {
            break;
        }
        if s.is_throttling() {
            drawn.push(i);
        }
    }
    let lanes: Vec<Lane> = drawn
        .iter()
        .map(|&i| {
            let s = open[i];
            Lane {
                shard_id: s.id.clone(),
                incoming: s.last_second.incoming_records,
                incoming_bytes: s.last_second.incoming_bytes,
                load: s.write_load,
                hot: hot_reason(s),
                refused: if s.is_throttling() {
                    s.recent().write_throttled
                } else {
                    0
                },
            }
        })
        .collect();
    let hot_total = open.iter().filter(|s| s.is_throttling()).count();
    let hot_drawn = lanes.iter().filter(|l| l.hot.is_some()).count();
    StreamNode {
        name: view.name.clone(),
        status: view.status.as_str(),
        open_shards: view.open_shards,
        hidden_shards: (open.len() - lanes.len()) as u32,
        hidden_hot: (hot_total - hot_drawn) as u32,
        lanes,
        incoming: view
            .shards
            .iter()
            .map(|s| s.last_second.incoming_records)
            .sum(),
        outgoing: view
            .shards
            .iter()
            .map(|s| s.last_second.outgoing_records)
            .sum(),
        throttled: view
            .shards
            .iter()
            .map(|s| s.last_second.write_throttled)
            .sum(),
    }
}

fn rate_text(rate: &Rate) -> String {
    match rate {
        Rate::Constant { per_second: n } => format!("Constant: {}", per_second(*n)),
        Rate::Periodic(_) => "Periodic rate".to_string(),
    }
}

/// What keeps a delivery stream from delivering or reading, if anything.
fn failing(sb: &Sandbox, name: &str, awaiting: usize, bucket: &str) -> Option<String> {
    let checks = sb.firehose_access(name);
    let denied =
        |c: &&crate::engine::firehose::AccessCheck| !matches!(c.outcome, AccessOutcome::Allowed(_));
    if awaiting > 0 {
        let reason = checks
            .iter()
            .filter(|c| !c.action.starts_with("kinesis:") && !c.action.starts_with("logs:"))
            .find(denied)
            .map(|c| {
                let code = if c.action.starts_with("kms:") {
                    "S3.KMS.AccessDeniedException"
                } else {
                    "S3.AccessDenied"
                };
                format!("{code} ({} denied)", c.action)
            })
            .or_else(|| (!sb.s3().has_bucket(bucket)).then(|| "S3.NoSuchBucket".to_string()))
            .unwrap_or_else(|| "retrying".to_string());
        return Some(format!("delivery failing: {reason}"));
    }
    checks
        .iter()
        .filter(|c| c.action.starts_with("kinesis:"))
        .find(denied)
        .map(|c| {
            format!(
                "reading failing: Kinesis.AccessDenied ({} denied)",
                c.action
            )
        })
}

fn firehose_node(sb: &Sandbox, name: &str) -> Option<FirehoseNode> {
    let d = sb.firehose().get(name)?;
    let g = sb.firehose_buffer(name)?;
    let bucket = d.destination.bucket().to_string();
    Some(FirehoseNode {
        name: d.name.clone(),
        status: d.status.as_str(),
        source: d.source.as_ref().map(|s| s.stream_name.clone()),
        failing: failing(sb, name, g.batches_awaiting_retry, &bucket),
        bucket,
        buffer_bytes: g.bytes,
        buffer_records: g.records,
        size_limit_bytes: g.size_limit_bytes,
        interval_s: g.interval_s,
        seconds_until_delivery: g.seconds_until_delivery,
        delivered: g.ledger.delivered,
        records_awaiting_retry: g.records_awaiting_retry,
    })
}

/// Where the learner put records, among the events still kept in full.
fn direct_targets(sb: &Sandbox) -> Vec<Target> {
    let mut found = BTreeSet::new();
    for e in sb.events().recent() {
        if e.caller != Caller::User || e.error.is_some() || !DIRECT_PUTS.contains(&&*e.target) {
            continue;
        }
        if let Some(name) = &e.resource {
            found.insert(if e.target.starts_with("Kinesis") {
                Target::Stream(name.clone())
            } else {
                Target::DeliveryStream(name.clone())
            });
        }
    }
    found.into_iter().collect()
}

impl Pipeline {
    /// The pipeline in `sb` right now.
    pub fn of(sb: &Sandbox) -> Self {
        let mut p = Pipeline {
            streams: sb.streams().iter().map(stream_node).collect(),
            ..Default::default()
        };
        let stream_at = |p: &Pipeline, name: &str| p.streams.iter().position(|s| s.name == name);

        // Consumers: each stream's delivery streams and fan-out consumers, in stream order,
        // then the Direct PUT delivery streams (and any whose source stream is gone).
        let firehose = sb.firehose();
        let all: Vec<FirehoseNode> = firehose
            .names()
            .filter_map(|n| firehose_node(sb, n))
            .collect();
        let mut placed = vec![false; all.len()];
        for si in 0..p.streams.len() {
            let name = p.streams[si].name.clone();
            for (fi, f) in all.iter().enumerate() {
                if f.source.as_deref() == Some(name.as_str()) {
                    placed[fi] = true;
                    let to = NodeRef::Consumer(p.consumers.len());
                    let s = &p.streams[si];
                    p.edges.push(Edge {
                        from: NodeRef::Stream(si),
                        to,
                        label: format!("{}/s", thousands(s.outgoing)),
                        note: f
                            .failing
                            .as_ref()
                            .filter(|r| r.starts_with("reading"))
                            .map(|_| "read denied".to_string()),
                        warn: f.failing.as_ref().is_some_and(|r| r.starts_with("reading")),
                    });
                    p.consumers.push(Consumer::Firehose(f.clone()));
                }
            }
            for c in sb.stream_consumers(&name) {
                p.edges.push(Edge {
                    from: NodeRef::Stream(si),
                    to: NodeRef::Consumer(p.consumers.len()),
                    label: "fan-out".to_string(),
                    note: None,
                    warn: false,
                });
                p.consumers.push(Consumer::FanOut {
                    stream: name.clone(),
                    name: c.name,
                    status: c.status.as_str(),
                });
            }
        }
        for (fi, f) in all.into_iter().enumerate() {
            if !placed[fi] {
                p.consumers.push(Consumer::Firehose(f));
            }
        }
        let consumer_at = |p: &Pipeline, name: &str| {
            p.consumers
                .iter()
                .position(|c| matches!(c, Consumer::Firehose(f) if f.name == name))
        };

        // Buckets, in the order their delivery streams appear.
        for ci in 0..p.consumers.len() {
            let Consumer::Firehose(f) = &p.consumers[ci] else {
                continue;
            };
            let bi = match p.buckets.iter().position(|b| b.name == f.bucket) {
                Some(i) => i,
                None => {
                    let bucket = sb.s3().bucket(&f.bucket);
                    p.buckets.push(BucketNode {
                        name: f.bucket.clone(),
                        exists: bucket.is_some(),
                        objects: bucket.map_or(0, |b| b.objects.len() as u64),
                        bytes: bucket.map_or(0, |b| b.objects.values().map(|o| o.size).sum()),
                    });
                    p.buckets.len() - 1
                }
            };
            let delivery_failing = f
                .failing
                .as_ref()
                .is_some_and(|r| r.starts_with("delivery"));
            p.edges.push(Edge {
                from: NodeRef::Consumer(ci),
                to: NodeRef::Bucket(bi),
                // Failing: what waits for the retry; otherwise what arrived so far.
                label: if delivery_failing {
                    format!("{} waiting", thousands(f.records_awaiting_retry))
                } else {
                    thousands(f.delivered)
                },
                note: Some(
                    if delivery_failing {
                        "failing"
                    } else {
                        "delivered"
                    }
                    .to_string(),
                ),
                warn: delivery_failing,
            });
        }

        // Producers: the generator while it sends, then the learner's own puts.
        let mut generated = Vec::new();
        if let Some(s) = sb.generator().sender().filter(|s| s.is_sending()) {
            let target = match &s.destination {
                Destination::Stream(n) => Target::Stream(n.clone()),
                Destination::DeliveryStream(n) => Target::DeliveryStream(n.clone()),
            };
            let to = match &target {
                Target::Stream(n) => stream_at(&p, n).map(NodeRef::Stream),
                Target::DeliveryStream(n) => consumer_at(&p, n).map(NodeRef::Consumer),
            };
            let t = s.last_tick;
            if let Some(to) = to {
                let refused = t.throttled + t.failed;
                p.edges.push(Edge {
                    from: NodeRef::Producer(p.producers.len()),
                    to,
                    label: format!("{}/s", thousands(t.sent)),
                    note: (refused > 0).then(|| "throttled".to_string()),
                    warn: refused > 0,
                });
                generated.push((to, t.sent));
            }
            p.producers.push(Producer::Generator {
                rate: rate_text(&s.rate),
                target,
                sent: t.sent,
                throttled: t.throttled,
                failed: t.failed,
            });
        }
        let targets = direct_targets(sb);
        let mut reached = Vec::new();
        for t in &targets {
            let to = match t {
                Target::Stream(n) => stream_at(&p, n).map(NodeRef::Stream),
                Target::DeliveryStream(n) => consumer_at(&p, n).map(NodeRef::Consumer),
            };
            if let Some(to) = to {
                reached.push((to, t.clone()));
            }
        }
        if !reached.is_empty() {
            let pi = p.producers.len();
            for (to, _) in &reached {
                // What came in beyond the generator's share, when that can be told.
                let label = match to {
                    NodeRef::Stream(si) => {
                        let gen: u64 = generated
                            .iter()
                            .filter(|(g, _)| g == to)
                            .map(|(_, n)| n)
                            .sum();
                        format!(
                            "{}/s",
                            thousands(p.streams[*si].incoming.saturating_sub(gen))
                        )
                    }
                    _ => "PutRecordBatch".to_string(),
                };
                p.edges.push(Edge {
                    from: NodeRef::Producer(pi),
                    to: *to,
                    label,
                    note: None,
                    warn: false,
                });
            }
            p.producers.push(Producer::DirectPut {
                targets: reached.into_iter().map(|(_, t)| t).collect(),
            });
        }
        p
    }

    /// Nothing built yet: no stream and no delivery stream.
    pub fn is_empty(&self) -> bool {
        self.streams.is_empty() && self.consumers.is_empty()
    }

    /// Throttling shards across every stream.
    pub fn hot_shards(&self) -> u32 {
        self.streams
            .iter()
            .map(|s| s.hidden_hot + s.lanes.iter().filter(|l| l.hot.is_some()).count() as u32)
            .sum()
    }

    /// One sentence per node: the diagram's facts, for the accessible list beside it.
    pub fn facts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (i, pr) in self.producers.iter().enumerate() {
            let into: Vec<String> = self
                .edges
                .iter()
                .filter(|e| e.from == NodeRef::Producer(i))
                .map(|e| self.node_name(e.to))
                .collect();
            out.push(match pr {
                Producer::Generator {
                    rate,
                    target,
                    sent,
                    throttled,
                    failed,
                } => format!(
                    "Producer: Kinesis Data Generator, {rate}, sending to {}: {} sent in the last second, {} throttled, {} failed.",
                    target.name(),
                    thousands(*sent),
                    thousands(*throttled),
                    thousands(*failed)
                ),
                Producer::DirectPut { .. } => format!(
                    "Producer: records put directly (console or AWS CLI) into {}.",
                    into.join(", ")
                ),
            });
        }
        for s in &self.streams {
            let mut line = format!(
                "Data stream {} ({}): {}, {} in and {} read in the last second",
                s.name,
                s.status,
                plural(u64::from(s.open_shards), "open shard", "open shards"),
                per_second(s.incoming),
                per_second(s.outgoing),
            );
            if s.throttled > 0 {
                line.push_str(&format!(
                    ", {} refused",
                    plural(s.throttled, "write", "writes")
                ));
            }
            line.push('.');
            out.push(line);
            for l in &s.lanes {
                let mut lane = format!(
                    "Shard {} of {}: {} in, {} of its write limit",
                    l.shard_id,
                    s.name,
                    per_second(l.incoming),
                    percent(l.load)
                );
                if let Some(hot) = &l.hot {
                    lane.push_str(&format!("; {hot}"));
                }
                if l.refused > 0 {
                    lane.push_str(&format!(
                        ", {} refused",
                        plural(l.refused, "write", "writes")
                    ));
                }
                lane.push('.');
                out.push(lane);
            }
            if s.hidden_shards > 0 {
                out.push(more_shards_text(s));
            }
        }
        for c in &self.consumers {
            out.push(match c {
                Consumer::Firehose(f) => {
                    let source = match &f.source {
                        Some(s) => format!("reading data stream {s}"),
                        None => "Direct PUT".to_string(),
                    };
                    let mut line = format!(
                        "Firehose delivery stream {} ({}), {source}, to S3 bucket {}: buffer {} of {} ({}), {}; {} delivered",
                        f.name,
                        f.status,
                        f.bucket,
                        bytes(f.buffer_bytes),
                        bytes(f.size_limit_bytes),
                        plural(f.buffer_records, "record", "records"),
                        next_delivery_text(f),
                        plural(f.delivered, "record", "records"),
                    );
                    if let Some(why) = &f.failing {
                        line.push_str(&format!("; {why}"));
                    }
                    line.push('.');
                    line
                }
                Consumer::FanOut {
                    stream,
                    name,
                    status,
                } => format!(
                    "Enhanced fan-out consumer {name} of data stream {stream} ({status})."
                ),
            });
        }
        for b in &self.buckets {
            out.push(if b.exists {
                format!(
                    "S3 bucket {}: {}, {}.",
                    b.name,
                    plural(b.objects, "object", "objects"),
                    bytes(b.bytes)
                )
            } else {
                format!("S3 bucket {}: does not exist.", b.name)
            });
        }
        out
    }

    /// The diagram in one sentence, for its accessible name.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "Pipeline diagram: nothing built yet. Create a data stream to start one."
                .to_string();
        }
        let names = |v: Vec<String>| {
            if v.is_empty() {
                "none".to_string()
            } else {
                v.join(", ")
            }
        };
        let mut text =
            format!(
            "Pipeline diagram. Producers: {}. Data streams: {}. Consumers: {}. Destinations: {}.",
            names(self.producers.iter().map(|p| p.title().to_string()).collect()),
            names(
                self.streams
                    .iter()
                    .map(|s| format!(
                        "{} ({}, {})",
                        s.name,
                        plural(u64::from(s.open_shards), "shard", "shards"),
                        per_second(s.incoming)
                    ))
                    .collect()
            ),
            names(
                self.consumers
                    .iter()
                    .map(|c| match c {
                        Consumer::Firehose(f) => format!("Firehose {}", f.name),
                        Consumer::FanOut { name, .. } => format!("fan-out consumer {name}"),
                    })
                    .collect()
            ),
            names(self.buckets.iter().map(|b| format!("S3 bucket {}", b.name)).collect()),
        );
        let hot = self.hot_shards();
        if hot > 0 {
            text.push_str(&format!(
                " {} throttled.",
                plural(u64::from(hot), "shard", "shards")
            ));
        }
        for c in &self.consumers {
            if let Consumer::Firehose(FirehoseNode {
                name,
                failing: Some(why),
                ..
            }) = c
            {
                text.push_str(&format!(" {name}: {why}."));
            }
        }
        text
    }

    /// A node's name as the facts give it.
    pub fn node_name(&self, node: NodeRef) -> String {
        match node {
            NodeRef::Producer(i) => self.producers[i].title().to_string(),
            NodeRef::Stream(i) => format!("data stream {}", self.streams[i].name),
            NodeRef::Consumer(i) => match &self.consumers[i] {
                Consumer::Firehose(f) => format!("delivery stream {}", f.name),
                Consumer::FanOut { name, .. } => format!("consumer {name}"),
            },
            NodeRef::Bucket(i) => format!("S3 bucket {}", self.buckets[i].name),
        }
    }
}

/// "42%".
pub fn percent(load: f64) -> String {
    format!("{:.0}%", (load * 100.0).max(0.0))
}

/// "+492 more shards" (and how many of them throttle).
pub fn more_shards_text(s: &StreamNode) -> String {
    let mut text = format!(
        "+{} more {}",
        thousands(u64::from(s.hidden_shards)),
        if s.hidden_shards == 1 {
            "shard"
        } else {
            "shards"
        }
    );
    if s.hidden_hot > 0 {
        text.push_str(&format!(
            " ({} throttled)",
            thousands(u64::from(s.hidden_hot))
        ));
    }
    text
}

/// "next delivery in 42 s" or "buffer empty".
pub fn next_delivery_text(f: &FirehoseNode) -> String {
    match f.seconds_until_delivery {
        Some(s) => format!("next delivery in {s} s"),
        None => format!("buffer empty (interval {} s)", f.interval_s),
    }
}

#[cfg(test)]
mod tests;
