//! The pipeline the learner has built, as a graph read from the sandbox's typed snapshots:
//! nodes (a generator, data streams with their open shards as lanes, Firehose delivery streams
//! with their buffers, enhanced fan-out consumers, S3 buckets, and whatever a new service adds)
//! and the edges records flow along.
//!
//! Every service contributes its own nodes and edges (`nodes/`, one file per service, listed
//! in [`nodes::CONTRIBUTORS`]); nothing here knows one service from another. Edges name their
//! ends by [`NodeId`], so a contributor needs no other's output, and an edge to a node nobody
//! added is dropped.
//!
//! Pure Rust like the engine (no browser crate), so the graph and its layout
//! ([`layout::Diagram`]) are tested natively; `ui::components::pipeline` only draws them.
//! Built fresh on every render, so it stays cheap: at most [`MAX_LANES`] shards per stream
//! become lanes, whatever the stream's size.

pub mod layers;
pub mod layout;
pub mod nodes;

use crate::engine::Sandbox;
use crate::text::thousands;

/// Lanes drawn per stream before "+N more shards"; throttled shards are drawn beyond it.
pub const LANES_SHOWN: usize = 8;
/// The most lanes drawn per stream, throttled shards included.
pub const MAX_LANES: usize = 16;

/// A node's identity: the service that owns it and the resource's name in that service.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    pub service: &'static str,
    pub name: String,
}

impl NodeId {
    pub fn new(service: &'static str, name: impl Into<String>) -> Self {
        NodeId {
            service,
            name: name.into(),
        }
    }
}

/// What a node does in the flow. It sets the column a node is never left of (producers
/// first, destinations last; the graph can push a node further right), the heading over its
/// column and its group in the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Puts records: the generator, the learner's own puts, a camera.
    Producer,
    /// Holds records for readers: a data stream, a video stream.
    Stream,
    /// Reads records and acts on them or passes them on: an enhanced fan-out consumer, a
    /// Lambda function, an Analytics application.
    Processor,
    /// Buffers records and delivers them: a Firehose delivery stream.
    Delivery,
    /// Where records end up: an S3 bucket, Redshift, OpenSearch, an HTTP endpoint.
    Destination,
}

impl Role {
    /// The column a node of this role is never left of, before empty columns are dropped.
    pub fn min_layer(self) -> usize {
        match self {
            Role::Producer => 0,
            Role::Stream => 1,
            Role::Processor | Role::Delivery => 2,
            Role::Destination => 3,
        }
    }

    /// The summary's group and the column heading for this role.
    pub fn group(self) -> &'static str {
        match self {
            Role::Producer => "Producers",
            Role::Stream => "Streams",
            Role::Processor | Role::Delivery => "Consumers",
            Role::Destination => "Destinations",
        }
    }
}

/// Whether a node works, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Health {
    #[default]
    Ok,
    /// Works, under strain (a throttling shard): drawn in the warning colour.
    Warn(String),
    /// Doesn't work (delivery failing, a missing bucket): drawn in the danger colour and
    /// named in the summary.
    Failing(String),
}

/// How a line of a node's box is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Warn,
    Danger,
}

/// One line of a node's box under its title: text, or a fill bar (a Firehose buffer).
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Text(String, Tone),
    /// A bar filled to this share (0.0 to 1.0); `visible` makes a sliver show for a
    /// non-empty buffer below 1 %.
    Bar {
        fill: f64,
        visible: bool,
    },
}

impl Line {
    pub fn text(s: impl Into<String>) -> Self {
        Line::Text(s.into(), Tone::Normal)
    }

    pub fn warn(s: impl Into<String>) -> Self {
        Line::Text(s.into(), Tone::Warn)
    }

    pub fn danger(s: impl Into<String>) -> Self {
        Line::Text(s.into(), Tone::Danger)
    }

    /// The line's text, `""` for a bar.
    pub fn as_str(&self) -> &str {
        match self {
            Line::Text(s, _) => s,
            Line::Bar { .. } => "",
        }
    }
}

/// One lane inside a node: an open shard of a stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    pub id: String,
    /// Records and bytes that came in during the last second.
    pub incoming: u64,
    pub incoming_bytes: u64,
    /// Share of the write limit the last second used (1.0 = at the limit).
    pub load: f64,
    /// Why the lane throttles, when it does.
    pub hot: Option<String>,
    /// Writes it refused in the busier of this second and the last.
    pub refused: u64,
}

/// The lanes drawn inside a node, and how many are not drawn.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Lanes {
    pub lanes: Vec<Lane>,
    /// Lanes not drawn, and how many of those are hot.
    pub hidden: u32,
    pub hidden_hot: u32,
}

impl Lanes {
    /// Hot lanes, drawn or not.
    pub fn hot(&self) -> u32 {
        self.hidden_hot + self.lanes.iter().filter(|l| l.hot.is_some()).count() as u32
    }
}

/// One box of the diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: NodeId,
    pub role: Role,
    /// The small line above the title: "Kinesis data stream", "Amazon S3 bucket".
    pub kind: &'static str,
    pub title: String,
    pub lines: Vec<Line>,
    pub lanes: Option<Lanes>,
    pub health: Health,
    /// The console page that shows it, e.g. `#/streams/machinelearning`.
    pub route: Option<String>,
    /// How the summary names it: "machinelearning (2 shards, 100 records/s)".
    pub summary: String,
    /// Sentences for the accessible list beside the diagram.
    pub facts: Vec<String>,
    /// Records in and out in the last second, where the service counts them; a later
    /// contributor labels its edges with them.
    pub rates: Option<Rates>,
    /// What the dashed hints beside a stream with no producer or no consumer say; `None`
    /// for a data stream's ([`Hints::DATA_STREAM`]).
    pub hints: Option<Hints>,
}

/// The three lines of each dashed hint beside a stream: no producer sending, no consumer
/// yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hints {
    pub producer: [&'static str; 3],
    pub consumer: [&'static str; 3],
}

impl Hints {
    /// A data stream's: the generator or a put to send, Firehose to read.
    pub const DATA_STREAM: Hints = Hints {
        producer: [
            "No producer sending",
            "Send data with the KDG",
            "or aws kinesis put-record",
        ],
        consumer: [
            "No consumer yet",
            "Connect Kinesis consumers:",
            "a Firehose delivery stream",
        ],
    };
}

/// Records per second through a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rates {
    pub incoming: u64,
    pub outgoing: u64,
}

impl Node {
    pub fn new(id: NodeId, role: Role, kind: &'static str, title: impl Into<String>) -> Self {
        let title = title.into();
        Node {
            id,
            role,
            kind,
            summary: title.clone(),
            title,
            lines: Vec::new(),
            lanes: None,
            health: Health::Ok,
            route: None,
            facts: Vec::new(),
            rates: None,
            hints: None,
        }
    }

    /// Why it fails, if it does.
    pub fn failing(&self) -> Option<&str> {
        match &self.health {
            Health::Failing(why) => Some(why),
            _ => None,
        }
    }

    /// Its hot lanes, drawn or not.
    pub fn hot_lanes(&self) -> u32 {
        self.lanes.as_ref().map_or(0, Lanes::hot)
    }
}

/// How records move along an edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flow {
    #[default]
    Flowing,
    /// Some records are refused (throttled writes).
    Throttled,
    /// Nothing gets through: `waiting` records wait for a retry (none when reading is
    /// denied: they stay where they are).
    Failing { waiting: u64 },
}

/// An arrow: what flows from one node to another, in one or two short lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Indices into [`Pipeline::nodes`].
    pub from: usize,
    pub to: usize,
    /// "100/s", "fan-out", "3 waiting".
    pub label: String,
    /// A second line ("throttled", "delivered", "failing").
    pub note: Option<String>,
    pub flow: Flow,
}

impl Edge {
    /// Drawn in the warning colour.
    pub fn warn(&self) -> bool {
        self.flow != Flow::Flowing
    }
}

/// An edge a contributor adds, by the ids of its ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: NodeId,
    pub to: NodeId,
    pub label: String,
    pub note: Option<String>,
    pub flow: Flow,
}

impl Link {
    pub fn new(from: NodeId, to: NodeId, label: impl Into<String>) -> Self {
        Link {
            from,
            to,
            label: label.into(),
            note: None,
            flow: Flow::Flowing,
        }
    }

    pub fn note(mut self, note: impl Into<String>, flow: Flow) -> Self {
        self.note = Some(note.into());
        self.flow = flow;
        self
    }
}

/// What the contributors fill: nodes, and links by id.
#[derive(Debug, Default)]
pub struct Builder {
    nodes: Vec<Node>,
    links: Vec<Link>,
}

impl Builder {
    pub fn node(&mut self, node: Node) {
        self.nodes.push(node);
    }

    pub fn link(&mut self, link: Link) {
        self.links.push(link);
    }

    /// The node with this id, if a contributor before added it.
    pub fn get(&self, id: &NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| &n.id == id)
    }

    /// The names of `service`'s nodes that links so far point to, first mention first, each
    /// once: the destinations something delivers to.
    pub fn linked_to(&self, service: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for l in &self.links {
            if l.to.service == service && !out.contains(&l.to.name) {
                out.push(l.to.name.clone());
            }
        }
        out
    }

    /// The graph: links whose ends both exist become edges, the rest are dropped.
    pub fn finish(self) -> Pipeline {
        // A handful of nodes: a scan beats hashing.
        let at = |id: &NodeId| self.nodes.iter().position(|n| &n.id == id);
        let edges = self
            .links
            .into_iter()
            .filter_map(|l| {
                Some(Edge {
                    from: at(&l.from)?,
                    to: at(&l.to)?,
                    label: l.label,
                    note: l.note,
                    flow: l.flow,
                })
            })
            .collect();
        Pipeline {
            nodes: self.nodes,
            edges,
        }
    }
}

/// Everything the diagram shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pipeline {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// `n records/s` with the console's thousands separators.
pub fn per_second(n: u64) -> String {
    format!("{} records/s", thousands(n))
}

/// "1 record", "2 records".
pub fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// "42%".
pub fn percent(load: f64) -> String {
    format!("{:.0}%", (load * 100.0).max(0.0))
}

/// "+492 more shards" (and how many of them throttle).
pub fn more_shards_text(l: &Lanes) -> String {
    let mut text = format!(
        "+{} more {}",
        thousands(u64::from(l.hidden)),
        if l.hidden == 1 { "shard" } else { "shards" }
    );
    if l.hidden_hot > 0 {
        text.push_str(&format!(
            " ({} throttled)",
            thousands(u64::from(l.hidden_hot))
        ));
    }
    text
}

impl Pipeline {
    /// The pipeline in `sb` right now: every contributor's nodes and edges.
    pub fn of(sb: &Sandbox) -> Self {
        let mut b = Builder::default();
        for (_, contribute) in nodes::CONTRIBUTORS {
            contribute(sb, &mut b);
        }
        b.finish()
    }

    /// Nothing built yet: no node but producers.
    pub fn is_empty(&self) -> bool {
        self.nodes.iter().all(|n| n.role == Role::Producer)
    }

    /// The node with this id.
    pub fn node(&self, service: &str, name: &str) -> Option<&Node> {
        self.nodes
            .iter()
            .find(|n| n.id.service == service && n.id.name == name)
    }

    /// The index of the node with this id.
    pub fn index(&self, service: &str, name: &str) -> Option<usize> {
        self.nodes
            .iter()
            .position(|n| n.id.service == service && n.id.name == name)
    }

    /// Nodes of `role`, in the order they were added.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(move |n| n.role == role)
    }

    /// Hot lanes (throttling shards) across every node.
    pub fn hot_shards(&self) -> u32 {
        self.nodes.iter().map(Node::hot_lanes).sum()
    }

    /// The nodes' sentences, producers first and destinations last: the diagram's facts, for
    /// the accessible list beside it.
    pub fn facts(&self) -> Vec<&str> {
        let mut order: Vec<&Node> = self.nodes.iter().collect();
        order.sort_by_key(|n| n.role.min_layer());
        order
            .into_iter()
            .flat_map(|n| n.facts.iter().map(String::as_str))
            .collect()
    }

    /// The diagram in one sentence, for its accessible name.
    pub fn summary(&self) -> String {
        if self.is_empty() {
            return "Pipeline diagram: nothing built yet. Create a data stream to start one."
                .to_string();
        }
        let mut text = "Pipeline diagram.".to_string();
        for group in ["Producers", "Streams", "Consumers", "Destinations"] {
            let names: Vec<&str> = self
                .nodes
                .iter()
                .filter(|n| n.role.group() == group)
                .map(|n| n.summary.as_str())
                .collect();
            let names = if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            };
            text.push_str(&format!(" {group}: {names}."));
        }
        let hot = self.hot_shards();
        if hot > 0 {
            text.push_str(&format!(
                " {} throttled.",
                plural(u64::from(hot), "shard", "shards")
            ));
        }
        for n in &self.nodes {
            if let Some(why) = n.failing() {
                text.push_str(&format!(" {}: {why}.", n.title));
            }
        }
        text
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod layout_tests;
