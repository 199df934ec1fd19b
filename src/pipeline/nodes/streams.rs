//! Kinesis data streams, their open shards as lanes (records/s of the last second, load
//! against the write limit, a throttling shard with the limit it is over), and the enhanced
//! fan-out consumers registered on each.

use crate::engine::streams::throughput::{WRITE_BYTES_PER_SEC, WRITE_RECORDS_PER_SEC};
use crate::engine::streams::{ShardView, StreamView};
use crate::engine::Sandbox;
use crate::pipeline::{
    more_shards_text, per_second, percent, plural, Builder, Health, Lane, Lanes, Line, Link, Node,
    NodeId, Rates, Role, LANES_SHOWN, MAX_LANES,
};
use crate::text::thousands;

pub const SERVICE: &str = "kinesis";
/// Enhanced fan-out consumers, named `stream/consumer`.
pub const CONSUMER_SERVICE: &str = "kinesis-consumer";

/// A stream's node id.
pub fn id(stream: &str) -> NodeId {
    NodeId::new(SERVICE, stream)
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

/// The open shards drawn as lanes: the first [`LANES_SHOWN`], then every throttling one up
/// to [`MAX_LANES`].
pub fn lanes(view: &StreamView) -> Lanes {
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
                id: s.id.clone(),
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
    Lanes {
        hidden: (open.len() - lanes.len()) as u32,
        hidden_hot: (hot_total - hot_drawn) as u32,
        lanes,
    }
}

/// One stream's node.
pub fn node(view: &StreamView) -> Node {
    let lanes = lanes(view);
    let sum = |f: fn(&ShardView) -> u64| view.shards.iter().map(f).sum::<u64>();
    let incoming = sum(|s| s.last_second.incoming_records);
    let outgoing = sum(|s| s.last_second.outgoing_records);
    let throttled = sum(|s| s.last_second.write_throttled);
    let status = view.status.as_str();
    let open = u64::from(view.open_shards);

    let mut n = Node::new(
        id(&view.name),
        Role::Stream,
        "Kinesis data stream",
        &view.name,
    );
    n.route = Some(format!("#/streams/{}", view.name));
    n.rates = Some(Rates { incoming, outgoing });
    n.summary = format!(
        "{} ({}, {})",
        view.name,
        plural(open, "shard", "shards"),
        per_second(incoming)
    );
    n.lines.push(Line::text(if status == "ACTIVE" {
        format!(
            "{} · {}/s in",
            plural(open, "open shard", "open shards"),
            thousands(incoming)
        )
    } else {
        format!("{status} · {}", plural(open, "shard", "shards"))
    }));

    let mut line = format!(
        "Data stream {} ({status}): {}, {} in and {} read in the last second",
        view.name,
        plural(open, "open shard", "open shards"),
        per_second(incoming),
        per_second(outgoing),
    );
    if throttled > 0 {
        line.push_str(&format!(
            ", {} refused",
            plural(throttled, "write", "writes")
        ));
    }
    line.push('.');
    n.facts.push(line);
    for l in &lanes.lanes {
        let mut lane = format!(
            "Shard {} of {}: {} in, {} of its write limit",
            l.id,
            view.name,
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
        n.facts.push(lane);
    }
    if lanes.hidden > 0 {
        n.facts.push(more_shards_text(&lanes));
    }
    let hot = lanes.hot();
    if hot > 0 {
        n.health = Health::Warn(format!(
            "{} throttled",
            plural(u64::from(hot), "shard", "shards")
        ));
    }
    n.lanes = Some(lanes);
    n
}

/// An enhanced fan-out consumer's node.
fn consumer(stream: &str, name: &str, status: &str) -> Node {
    let id = NodeId::new(CONSUMER_SERVICE, format!("{stream}/{name}"));
    let mut n = Node::new(id, Role::Processor, "Enhanced fan-out consumer", name);
    n.route = Some(format!("#/streams/{stream}"));
    n.summary = format!("fan-out consumer {name}");
    n.lines
        .push(Line::text(format!("{status} · 2 MiB/s per shard")));
    n.facts.push(format!(
        "Enhanced fan-out consumer {name} of data stream {stream} ({status})."
    ));
    n
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    for view in sb.streams() {
        b.node(node(&view));
        for c in sb.stream_consumers(&view.name) {
            let n = consumer(&view.name, &c.name, c.status.as_str());
            b.link(Link::new(id(&view.name), n.id.clone(), "fan-out"));
            b.node(n);
        }
    }
}
