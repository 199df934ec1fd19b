//! "Direct PUT / AWS CLI": the records the learner put (console, AWS CLI), read from the
//! recent event log, with an arrow to every stream or delivery stream they went into.

use crate::engine::{Caller, Sandbox};
use crate::pipeline::{Builder, Line, Link, Node, NodeId, Role};
use crate::text::thousands;
use std::collections::BTreeSet;

pub const SERVICE: &str = "direct-put";
pub const TITLE: &str = "Direct PUT / AWS CLI";

/// Operations by which the learner puts records (console, AWS CLI).
const DIRECT_PUTS: [&str; 4] = [
    "Kinesis_20131202.PutRecord",
    "Kinesis_20131202.PutRecords",
    "Firehose_20150804.PutRecord",
    "Firehose_20150804.PutRecordBatch",
];

/// Its node's id.
pub fn id() -> NodeId {
    NodeId::new(SERVICE, TITLE)
}

/// Where the learner put records, among the events still kept in full: streams first.
pub fn targets(sb: &Sandbox) -> Vec<NodeId> {
    let mut found = BTreeSet::new();
    for e in sb.events().recent() {
        if e.caller != Caller::User || e.error.is_some() || !DIRECT_PUTS.contains(&&*e.target) {
            continue;
        }
        if let Some(name) = &e.resource {
            let service = if e.target.starts_with("Kinesis") {
                super::streams::SERVICE
            } else {
                super::firehose::SERVICE
            };
            // Streams sort before delivery streams.
            found.insert((service != super::streams::SERVICE, name.clone()));
        }
    }
    found
        .into_iter()
        .map(|(firehose, name)| {
            NodeId::new(
                if firehose {
                    super::firehose::SERVICE
                } else {
                    super::streams::SERVICE
                },
                name,
            )
        })
        .collect()
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    // Only targets that still exist, with the records/s of the streams among them.
    let reached: Vec<(NodeId, Option<u64>)> = targets(sb)
        .into_iter()
        .filter_map(|t| {
            if t.service == super::streams::SERVICE {
                let incoming = b.get(&t)?.rates.map_or(0, |r| r.incoming);
                Some((t, Some(incoming)))
            } else {
                sb.firehose().get(&t.name).map(|_| (t, None))
            }
        })
        .collect();
    if reached.is_empty() {
        return;
    }
    let mut node = Node::new(id(), Role::Producer, "Producer", TITLE);
    let mut into = Vec::new();
    for (t, incoming) in &reached {
        let stream = incoming.is_some();
        let op = if stream {
            "PutRecord(s)"
        } else {
            "PutRecordBatch"
        };
        node.lines.push(Line::text(format!("{op} → {}", t.name)));
        into.push(format!(
            "{} {}",
            if stream {
                "data stream"
            } else {
                "delivery stream"
            },
            t.name
        ));
        // What came in beyond the generator's share, when that can be told.
        let label = if let Some(incoming) = incoming {
            let generated = sb
                .generator()
                .sender()
                .filter(|s| s.is_sending() && &super::generator::target(&s.destination) == t)
                .map_or(0, |s| s.last_tick.sent);
            format!("{}/s", thousands(incoming.saturating_sub(generated)))
        } else {
            "PutRecordBatch".to_string()
        };
        b.link(Link::new(id(), t.clone(), label));
    }
    node.facts.push(format!(
        "Producer: records put directly (console or AWS CLI) into {}.",
        into.join(", ")
    ));
    b.node(node);
}
