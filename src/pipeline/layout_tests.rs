//! The layout on synthetic graphs: services that don't exist yet (an Analytics application
//! between two streams), fan-in and fan-out, cycles, and random graphs.

use super::layout::{Diagram, NodeBox};
use super::tests::{assert_tidy, texts};
use super::*;

/// A node of `role` named `name` (service "test"), with `lines` detail lines.
fn test_node(name: &str, role: Role, lines: usize) -> Node {
    let mut n = Node::new(NodeId::new("test", name), role, "Test", name);
    n.lines = (0..lines)
        .map(|i| Line::text(format!("line {i}")))
        .collect();
    if role == Role::Stream {
        n.lanes = Some(Lanes {
            lanes: (0..2)
                .map(|i| Lane {
                    id: format!("shard-{i}"),
                    incoming: 0,
                    incoming_bytes: 0,
                    load: 0.5,
                    hot: None,
                    refused: 0,
                })
                .collect(),
            hidden: 0,
            hidden_hot: 0,
        });
    }
    n
}

fn graph(nodes: &[(&str, Role)], edges: &[(usize, usize)]) -> Pipeline {
    let mut b = Builder::default();
    for (name, role) in nodes {
        b.node(test_node(name, *role, 1));
    }
    for &(from, to) in edges {
        b.link(Link::new(
            NodeId::new("test", nodes[from].0),
            NodeId::new("test", nodes[to].0),
            "1/s",
        ));
    }
    b.finish()
}

fn boxes_of(p: &Pipeline, d: &Diagram) -> Vec<NodeBox> {
    (0..p.nodes.len()).map(|i| d.boxes[i]).collect()
}

#[test]
fn stream_to_application_to_stream_takes_three_columns() {
    use Role::*;
    let p = graph(
        &[
            ("generator", Producer),
            ("clicks", Stream),
            ("app", Processor),
            ("sessions", Stream),
            ("firehose", Delivery),
            ("bucket", Destination),
        ],
        &[(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)],
    );
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert_eq!(d.columns, 6);
    let b = boxes_of(&p, &d);
    assert!(b.windows(2).all(|w| w[0].right() < w[1].x), "{b:?}");
    // The chain is straight: each box beside what feeds it.
    assert!(b.iter().all(|x| x.y == b[0].y), "{b:?}");
    let t = texts(&d);
    assert_eq!(
        &t[..6],
        [
            "Producers",
            "Streams",
            "Consumers",
            "Streams",
            "Consumers",
            "Destinations"
        ]
    );
}

#[test]
fn stream_to_application_to_stream_without_producer_or_consumer_gets_hints() {
    use Role::*;
    let p = graph(
        &[("clicks", Stream), ("app", Processor), ("sessions", Stream)],
        &[(0, 1), (1, 2)],
    );
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    // A producer hint before the first stream, a consumer hint after the second.
    assert_eq!(d.columns, 5);
    assert_eq!(d.hints.len(), 2);
    let b = boxes_of(&p, &d);
    assert!(d.hints[0].right() < b[0].x && b[2].right() < d.hints[1].x);
    assert!(b[0].right() < b[1].x && b[1].right() < b[2].x);
}

#[test]
fn fan_in_and_fan_out() {
    use Role::*;
    let p = graph(
        &[
            ("kdg", Producer),
            ("cli", Producer),
            ("orders", Stream),
            ("to-s3", Delivery),
            ("to-redshift", Delivery),
            ("reader", Processor),
            ("bucket", Destination),
            ("warehouse", Destination),
        ],
        &[(0, 2), (1, 2), (2, 3), (2, 4), (2, 5), (3, 6), (4, 7)],
    );
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert_eq!(d.columns, 4);
    let b = boxes_of(&p, &d);
    assert_eq!(b[0].x, b[1].x);
    assert_eq!(b[3].x, b[4].x);
    assert_eq!(b[3].x, b[5].x);
    assert_eq!(b[6].x, b[7].x);
    // The first consumer beside the stream, the others below it.
    assert_eq!(b[3].y, b[2].y);
    assert!(b[4].y > b[3].y && b[5].y > b[4].y);
    // Each destination beside its delivery stream.
    assert_eq!((b[6].y, b[7].y), (b[3].y, b[4].y));
}

#[test]
fn crossings_are_undone_by_ordering() {
    use Role::*;
    // "b" is fed by the second stream, "a" by the first: "a" goes on top.
    let p = graph(
        &[
            ("s1", Stream),
            ("s2", Stream),
            ("b", Processor),
            ("a", Processor),
        ],
        &[(1, 2), (0, 3)],
    );
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    let b = boxes_of(&p, &d);
    assert!(b[0].y < b[1].y && b[3].y < b[2].y, "{b:?}");
    assert_eq!(b[3].y, b[0].y);
    assert_eq!(b[2].y, b[1].y);
}

#[test]
fn a_cycle_is_broken_and_drawn_back_around() {
    use Role::*;
    let p = graph(
        &[
            ("in", Stream),
            ("app", Processor),
            ("out", Stream),
            ("loop", Processor),
        ],
        &[(0, 1), (1, 2), (2, 3), (3, 0), (1, 1)],
    );
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    let b = boxes_of(&p, &d);
    assert!(b[0].right() < b[1].x && b[1].right() < b[2].x && b[2].right() < b[3].x);
    // The arrow back from the last column to the first goes around below every box, the one
    // from "app" to itself below "app".
    let low = d
        .boxes
        .iter()
        .chain(&d.hints)
        .map(|b| b.bottom())
        .fold(0.0, f64::max);
    assert!(
        d.edges[3].points.iter().any(|p| p.1 > low),
        "{:?}",
        d.edges[3]
    );
    assert!(d.edges[4].points.iter().any(|p| p.1 > b[1].bottom()));
    assert!(d.edges[4].points.iter().all(|p| p.1 < low));
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    const ROLES: [Role; 5] = [
        Role::Producer,
        Role::Stream,
        Role::Processor,
        Role::Delivery,
        Role::Destination,
    ];

    fn random_graph(
        nodes: Vec<(usize, usize)>,
        edges: Vec<(usize, usize)>,
        acyclic: bool,
    ) -> Pipeline {
        let n = nodes.len();
        let mut b = Builder::default();
        for (i, (role, lines)) in nodes.iter().enumerate() {
            // One past the roles: a stream drawn without lanes (a video stream).
            let r = ROLES.get(*role).copied().unwrap_or(Role::Stream);
            let mut node = test_node(&format!("n{i}"), r, *lines);
            if *role == ROLES.len() {
                node.lanes = None;
            }
            b.node(node);
        }
        for (x, y) in edges {
            let (mut from, mut to) = (x % n, y % n);
            if acyclic {
                if from == to {
                    continue;
                }
                if from > to {
                    std::mem::swap(&mut from, &mut to);
                }
            }
            b.link(Link::new(
                NodeId::new("test", format!("n{from}")),
                NodeId::new("test", format!("n{to}")),
                "1/s",
            ));
        }
        b.finish()
    }

    proptest! {
        #[test]
        fn random_dags_lay_out_tidily(
            nodes in prop::collection::vec((0..6usize, 0..5usize), 1..12),
            edges in prop::collection::vec((0..12usize, 0..12usize), 0..20),
        ) {
            let p = random_graph(nodes, edges, true);
            let d = Diagram::of(&p);
            assert_tidy(&p, &d);
            // Left to right: every arrow of a DAG goes to a later column.
            for e in &p.edges {
                prop_assert!(d.boxes[e.from].right() < d.boxes[e.to].x);
            }
        }

        #[test]
        fn random_graphs_with_cycles_lay_out_tidily(
            nodes in prop::collection::vec((0..6usize, 0..3usize), 1..10),
            edges in prop::collection::vec((0..10usize, 0..10usize), 0..16),
        ) {
            let p = random_graph(nodes, edges, false);
            assert_tidy(&p, &Diagram::of(&p));
        }
    }
}
