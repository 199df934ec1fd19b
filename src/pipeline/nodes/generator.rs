//! The Kinesis Data Generator while it sends: its rate, its target and the last second's
//! outcome, with an arrow to the stream or delivery stream it sends to.

use crate::engine::generator::{Destination, Rate};
use crate::engine::Sandbox;
use crate::pipeline::{per_second, Builder, Flow, Line, Link, Node, NodeId, Role};
use crate::text::thousands;

pub const SERVICE: &str = "generator";
pub const TITLE: &str = "Kinesis Data Generator";

/// Its node's id.
pub fn id() -> NodeId {
    NodeId::new(SERVICE, TITLE)
}

fn rate_text(rate: &Rate) -> String {
    match rate {
        Rate::Constant { per_second: n } => format!("Constant: {}", per_second(*n)),
        Rate::Periodic(_) => "Periodic rate".to_string(),
    }
}

/// The id of what the generator sends to.
pub fn target(d: &Destination) -> NodeId {
    match d {
        Destination::Stream(n) => NodeId::new(super::streams::SERVICE, n.clone()),
        Destination::DeliveryStream(n) => NodeId::new(super::firehose::SERVICE, n.clone()),
    }
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    let Some(s) = sb.generator().sender().filter(|s| s.is_sending()) else {
        return;
    };
    let rate = rate_text(&s.rate);
    let to = target(&s.destination);
    let t = s.last_tick;
    let refused = t.throttled + t.failed;
    let mut node = Node::new(id(), Role::Producer, "Producer", TITLE);
    node.route = Some("#/generator".to_string());
    node.lines = vec![Line::text(&rate), Line::text(format!("→ {}", to.name))];
    if refused > 0 {
        node.lines.push(Line::warn(format!(
            "{} throttled last second",
            thousands(refused)
        )));
    }
    node.facts.push(format!(
        "Producer: Kinesis Data Generator, {rate}, sending to {}: {} sent in the last second, {} throttled, {} failed.",
        to.name,
        thousands(t.sent),
        thousands(t.throttled),
        thousands(t.failed)
    ));
    b.node(node);
    let link = Link::new(id(), to, format!("{}/s", thousands(t.sent)));
    b.link(if refused > 0 {
        link.note("throttled", Flow::Throttled)
    } else {
        link
    });
}
