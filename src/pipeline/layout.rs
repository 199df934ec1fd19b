//! Where everything of a [`Pipeline`] goes in the SVG: four columns (producers, data streams,
//! consumers, destinations), boxes stacked in each, a consumer beside its stream and a bucket
//! beside its delivery stream, arrows between them with their labels. The result is a flat
//! list of shapes, so the component only has to draw them.

use super::{
    more_shards_text, next_delivery_text, Consumer, Edge, NodeRef, Pipeline, Producer, Target,
};
use crate::text::{bytes, thousands};

/// The widths of the four columns and the gap between them (arrows and their labels).
const COLUMN_W: [f64; 4] = [190.0, 260.0, 250.0, 190.0];
const GAP: f64 = 76.0;
const MARGIN: f64 = 12.0;
/// Where the boxes start, below the column headings.
const TOP: f64 = 36.0;
/// Between two boxes of a column.
const V_GAP: f64 = 16.0;
const LINE: f64 = 15.0;
/// A dashed hint box: three lines.
const HINT_H: f64 = 12.0 + LINE * 3.0;
const LANE_H: f64 = 22.0;
const HOT_LANE_H: f64 = 36.0;
/// A hot lane that also counts refused writes.
const REFUSED_LANE_H: f64 = 50.0;
const LANE_GAP: f64 = 4.0;
/// Rough advance of one character at the diagram's font sizes, to shorten long names.
const CHAR_W: f64 = 6.6;
const SMALL_CHAR_W: f64 = 6.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// One thing to draw. `class` names the CSS class(es) that colour it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        class: &'static str,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        class: &'static str,
        anchor: Anchor,
    },
    Path {
        d: String,
        class: &'static str,
    },
}

/// A box around one node, for tests and hit checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    pub node: NodeRef,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl NodeBox {
    fn right(&self) -> f64 {
        self.x + self.w
    }

    fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Where arrows meet the box: its heading, not the middle of a tall stream.
    fn port_y(&self) -> f64 {
        self.y + (self.h / 2.0).min(27.0)
    }
}

/// The laid-out diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub boxes: Vec<NodeBox>,
    pub shapes: Vec<Shape>,
}

fn column_x(col: usize) -> f64 {
    MARGIN + COLUMN_W[..col].iter().sum::<f64>() + GAP * col as f64
}

/// `text`, shortened with "…" to about `width` pixels.
pub fn fit(text: &str, width: f64, char_w: f64) -> String {
    let max = (width / char_w).floor().max(2.0) as usize;
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

fn text(x: f64, y: f64, s: impl Into<String>, class: &'static str, anchor: Anchor) -> Shape {
    Shape::Text {
        x,
        y,
        text: s.into(),
        class,
        anchor,
    }
}

/// The texts of a box: a small kind line, a bold title, then detail lines.
struct Card {
    kind: &'static str,
    title: String,
    lines: Vec<(String, &'static str)>,
}

fn card_height(c: &Card) -> f64 {
    12.0 + LINE * (2 + c.lines.len()) as f64
}

fn draw_card(shapes: &mut Vec<Shape>, b: &NodeBox, c: &Card, class: &'static str) {
    shapes.push(Shape::Rect {
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
        class,
    });
    let x = b.x + 10.0;
    let inner = b.w - 20.0;
    shapes.push(text(x, b.y + 16.0, c.kind, "kind", Anchor::Start));
    shapes.push(text(
        x,
        b.y + 16.0 + LINE,
        fit(&c.title, inner, CHAR_W + 0.6),
        "title",
        Anchor::Start,
    ));
    for (i, (line, class)) in c.lines.iter().enumerate() {
        shapes.push(text(
            x,
            b.y + 16.0 + LINE * (2 + i) as f64,
            fit(line, inner, SMALL_CHAR_W),
            class,
            Anchor::Start,
        ));
    }
}

fn producer_card(p: &Producer) -> Card {
    match p {
        Producer::Generator {
            rate,
            target,
            throttled,
            failed,
            ..
        } => {
            let mut lines = vec![
                (rate.clone(), "detail"),
                (format!("→ {}", target.name()), "detail"),
            ];
            if throttled + failed > 0 {
                lines.push((
                    format!("{} throttled last second", thousands(throttled + failed)),
                    "detail warn",
                ));
            }
            Card {
                kind: "Producer",
                title: p.title().to_string(),
                lines,
            }
        }
        Producer::DirectPut { targets } => Card {
            kind: "Producer",
            title: p.title().to_string(),
            lines: targets
                .iter()
                .map(|t| {
                    let op = match t {
                        Target::Stream(_) => "PutRecord(s)",
                        Target::DeliveryStream(_) => "PutRecordBatch",
                    };
                    (format!("{op} → {}", t.name()), "detail")
                })
                .collect(),
        },
    }
}

fn consumer_card(c: &Consumer) -> Card {
    match c {
        Consumer::Firehose(f) => {
            let mut lines = vec![
                (
                    match &f.source {
                        Some(s) => format!("Source: {s}"),
                        None => "Source: Direct PUT".to_string(),
                    },
                    "detail",
                ),
                // The buffer bar is drawn over this blank line.
                (String::new(), "detail"),
                (
                    format!(
                        "{} of {} · {} record{}",
                        bytes(f.buffer_bytes),
                        bytes(f.size_limit_bytes),
                        thousands(f.buffer_records),
                        if f.buffer_records == 1 { "" } else { "s" }
                    ),
                    "detail",
                ),
                (next_delivery_text(f), "detail"),
            ];
            if f.status != "ACTIVE" {
                lines.insert(0, (f.status.to_string(), "detail warn"));
            }
            if let Some(why) = &f.failing {
                // "delivery failing: S3.AccessDenied" and "(s3:PutObject denied)".
                match why.split_once(" (") {
                    Some((what, detail)) => {
                        lines.push((what.to_string(), "detail danger"));
                        lines.push((format!("({detail}"), "detail danger"));
                    }
                    None => lines.push((why.clone(), "detail danger")),
                }
            }
            Card {
                kind: "Amazon Data Firehose",
                title: f.name.clone(),
                lines,
            }
        }
        Consumer::FanOut { name, status, .. } => Card {
            kind: "Enhanced fan-out consumer",
            title: name.clone(),
            lines: vec![(format!("{status} · 2 MiB/s per shard"), "detail")],
        },
    }
}

fn bucket_card(b: &super::BucketNode) -> Card {
    Card {
        kind: "Amazon S3 bucket",
        title: b.name.clone(),
        lines: vec![if b.exists {
            (
                format!(
                    "{} object{} · {}",
                    thousands(b.objects),
                    if b.objects == 1 { "" } else { "s" },
                    bytes(b.bytes)
                ),
                "detail",
            )
        } else {
            ("does not exist".to_string(), "detail danger")
        }],
    }
}

fn lane_height(l: &super::Lane) -> f64 {
    match (&l.hot, l.refused) {
        (None, _) => LANE_H,
        (Some(_), 0) => HOT_LANE_H,
        (Some(_), _) => REFUSED_LANE_H,
    }
}

fn stream_height(s: &super::StreamNode) -> f64 {
    let lanes: f64 = s.lanes.iter().map(|l| lane_height(l) + LANE_GAP).sum();
    let more = if s.hidden_shards > 0 { LINE + 2.0 } else { 0.0 };
    12.0 + LINE * 3.0 + 6.0 + lanes + more + 4.0
}

/// Stacks boxes of one column: each at `want` (beside what feeds it) or below the previous.
fn stack(heights: &[f64], want: impl Fn(usize) -> Option<f64>) -> Vec<f64> {
    let mut ys = Vec::with_capacity(heights.len());
    let mut next = TOP;
    for (i, h) in heights.iter().enumerate() {
        let y = want(i).map_or(next, |w| w.max(next));
        ys.push(y);
        next = y + h + V_GAP;
    }
    ys
}

fn edge_shapes(shapes: &mut Vec<Shape>, e: &Edge, from: &NodeBox, to: &NodeBox, floor: f64) {
    let (sx, sy, tx, ty) = (from.right(), from.port_y(), to.x - 2.0, to.port_y());
    let class = if e.warn { "edge warn" } else { "edge" };
    // An arrow that skips the stream column goes around its boxes, unless both ends are
    // already below them.
    let skips = tx - sx > GAP + 1.0 && sy.min(ty) < floor;
    let (d, lx, ly) = if skips {
        // Around the column in between, below its boxes.
        let (a, b) = (sx + GAP / 2.0, tx - GAP / 2.0);
        (
            format!("M{sx:.1},{sy:.1} H{a:.1} V{floor:.1} H{b:.1} V{ty:.1} H{tx:.1}"),
            (b + tx) / 2.0,
            ty,
        )
    } else {
        let mid = (sx + tx) / 2.0;
        (
            format!("M{sx:.1},{sy:.1} C{mid:.1},{sy:.1} {mid:.1},{ty:.1} {tx:.1},{ty:.1}"),
            mid,
            (sy + ty) / 2.0,
        )
    };
    shapes.push(Shape::Path { d, class });
    shapes.push(Shape::Path {
        d: format!(
            "M{tx:.1},{ty:.1} L{:.1},{:.1} L{:.1},{:.1} Z",
            tx - 7.0,
            ty - 4.0,
            tx - 7.0,
            ty + 4.0
        ),
        class: if e.warn {
            "arrowhead warn"
        } else {
            "arrowhead"
        },
    });
    let width = if skips || tx - sx <= GAP + 1.0 {
        GAP - 4.0
    } else {
        tx - sx - 8.0
    };
    shapes.push(text(
        lx,
        ly - 5.0,
        fit(&e.label, width, SMALL_CHAR_W),
        "edge-label",
        Anchor::Middle,
    ));
    if let Some(note) = &e.note {
        shapes.push(text(
            lx,
            ly + 13.0,
            fit(note, width, SMALL_CHAR_W),
            if e.warn {
                "edge-label warn"
            } else {
                "edge-label"
            },
            Anchor::Middle,
        ));
    }
}

/// A dashed box saying what is missing in a column, with a dashed arrow to it.
fn hint(shapes: &mut Vec<Shape>, x: f64, y: f64, w: f64, lines: [&str; 3]) -> NodeBox {
    let b = NodeBox {
        node: NodeRef::Producer(usize::MAX),
        x,
        y,
        w,
        h: HINT_H,
    };
    shapes.push(Shape::Rect {
        x,
        y,
        w,
        h: b.h,
        class: "node hint",
    });
    for (i, l) in lines.iter().enumerate() {
        shapes.push(text(
            x + 10.0,
            y + 16.0 + LINE * i as f64,
            fit(l, w - 20.0, SMALL_CHAR_W),
            if i == 0 { "title" } else { "detail" },
            Anchor::Start,
        ));
    }
    b
}

impl Diagram {
    /// Lays out `p`.
    pub fn of(p: &Pipeline) -> Self {
        let mut shapes = Vec::new();
        let mut boxes = Vec::new();
        let headings = ["Producers", "Data streams", "Consumers", "Destinations"];
        for (i, h) in headings.iter().enumerate() {
            shapes.push(text(column_x(i), 18.0, *h, "column", Anchor::Start));
        }

        // Column 1: the streams, stacked from the top.
        let stream_h: Vec<f64> = p.streams.iter().map(stream_height).collect();
        let stream_y = stack(&stream_h, |_| None);
        for (i, y) in stream_y.iter().enumerate() {
            boxes.push(NodeBox {
                node: NodeRef::Stream(i),
                x: column_x(1),
                y: *y,
                w: COLUMN_W[1],
                h: stream_h[i],
            });
        }
        let y_of =
            |boxes: &[NodeBox], node: NodeRef| boxes.iter().find(|b| b.node == node).map(|b| b.y);
        let source_of = |node: NodeRef| p.edges.iter().find(|e| e.to == node).map(|e| e.from);

        // Column 2: each stream's consumers beside it (or a hint when it has none), then the
        // delivery streams no stream feeds, below the streams, so arrows to them pass under.
        let cards: Vec<Card> = p.consumers.iter().map(consumer_card).collect();
        let streams_bottom = stream_y
            .iter()
            .zip(&stream_h)
            .map(|(y, h)| y + h)
            .fold(TOP - V_GAP, f64::max);
        let mut items: Vec<(Option<usize>, Option<usize>)> = Vec::new(); // (consumer, stream)
        for si in 0..p.streams.len() {
            let fed: Vec<usize> = p
                .edges
                .iter()
                .filter_map(|e| match (e.from, e.to) {
                    (NodeRef::Stream(s), NodeRef::Consumer(c)) if s == si => Some(c),
                    _ => None,
                })
                .collect();
            if fed.is_empty() {
                items.push((None, Some(si)));
            }
            items.extend(fed.into_iter().map(|c| (Some(c), Some(si))));
        }
        for ci in 0..p.consumers.len() {
            if !items.iter().any(|(c, _)| *c == Some(ci)) {
                items.push((Some(ci), None));
            }
        }
        let heights: Vec<f64> = items
            .iter()
            .map(|(c, _)| c.map_or(HINT_H, |c| card_height(&cards[c])))
            .collect();
        let ys = stack(&heights, |i| match items[i].1 {
            Some(si) => Some(stream_y[si]),
            None => (!p.streams.is_empty()).then_some(streams_bottom + V_GAP),
        });
        let mut consumer_boxes = Vec::new();
        let mut consumer_hints = Vec::new();
        for ((c, si), y) in items.iter().zip(&ys) {
            match (c, si) {
                (Some(c), _) => consumer_boxes.push(NodeBox {
                    node: NodeRef::Consumer(*c),
                    x: column_x(2),
                    y: *y,
                    w: COLUMN_W[2],
                    h: card_height(&cards[*c]),
                }),
                (None, Some(si)) => consumer_hints.push((*si, *y)),
                (None, None) => {}
            }
        }
        consumer_boxes.sort_by_key(|b| b.node);
        boxes.extend(consumer_boxes.iter().copied());

        // Column 3: buckets beside their first delivery stream.
        let bucket_cards: Vec<Card> = p.buckets.iter().map(bucket_card).collect();
        let bh: Vec<f64> = bucket_cards.iter().map(card_height).collect();
        let bys = stack(&bh, |i| {
            source_of(NodeRef::Bucket(i)).and_then(|n| y_of(&boxes, n))
        });
        for (i, y) in bys.iter().enumerate() {
            boxes.push(NodeBox {
                node: NodeRef::Bucket(i),
                x: column_x(3),
                y: *y,
                w: COLUMN_W[3],
                h: bh[i],
            });
        }

        // Column 0: producers beside their first target.
        let producer_cards: Vec<Card> = p.producers.iter().map(producer_card).collect();
        let ph: Vec<f64> = producer_cards.iter().map(card_height).collect();
        let pys = stack(&ph, |i| {
            p.edges
                .iter()
                .find(|e| e.from == NodeRef::Producer(i))
                .and_then(|e| y_of(&boxes, e.to))
        });
        for (i, y) in pys.iter().enumerate() {
            boxes.push(NodeBox {
                node: NodeRef::Producer(i),
                x: column_x(0),
                y: *y,
                w: COLUMN_W[0],
                h: ph[i],
            });
        }

        // Hints where a column is empty beside a stream.
        let mut hints = Vec::new();
        if p.producers.is_empty() {
            if let Some(first) = boxes.iter().find(|b| matches!(b.node, NodeRef::Stream(_))) {
                hints.push((
                    hint(
                        &mut shapes,
                        column_x(0),
                        first.y,
                        COLUMN_W[0],
                        [
                            "No producer sending",
                            "Send data with the KDG",
                            "or aws kinesis put-record",
                        ],
                    ),
                    *first,
                ));
            }
        }
        let bottom_of = |bs: &[NodeBox], col: fn(&NodeRef) -> bool| {
            bs.iter()
                .filter(|b| col(&b.node))
                .map(NodeBox::bottom)
                .fold(TOP - V_GAP, f64::max)
        };
        for (si, y) in consumer_hints {
            let s = boxes[si];
            let h = hint(
                &mut shapes,
                column_x(2),
                y,
                COLUMN_W[2],
                [
                    "No consumer yet",
                    "Connect Kinesis consumers:",
                    "a Firehose delivery stream",
                ],
            );
            hints.push((s, h));
        }

        // Arrows first, so boxes sit on top of them.
        let mut edge_shapes_list = Vec::new();
        let floor = bottom_of(&boxes, |n| matches!(n, NodeRef::Stream(_))) + V_GAP / 2.0;
        for e in &p.edges {
            let (Some(from), Some(to)) = (
                boxes.iter().find(|b| b.node == e.from),
                boxes.iter().find(|b| b.node == e.to),
            ) else {
                continue;
            };
            edge_shapes(&mut edge_shapes_list, e, from, to, floor);
        }
        for (a, b) in &hints {
            let d = format!(
                "M{:.1},{:.1} C{m:.1},{:.1} {m:.1},{:.1} {:.1},{:.1}",
                a.right(),
                a.port_y(),
                a.port_y(),
                b.port_y(),
                b.x - 2.0,
                b.port_y(),
                m = (a.right() + b.x) / 2.0,
            );
            edge_shapes_list.push(Shape::Path {
                d,
                class: "edge hint",
            });
        }
        let hint_shapes = std::mem::replace(&mut shapes, edge_shapes_list);
        shapes.extend(hint_shapes);

        for (i, s) in p.streams.iter().enumerate() {
            draw_stream(&mut shapes, &boxes[i], s);
        }
        for (b, c) in consumer_boxes.iter().zip(&cards) {
            let warn = matches!(&p.consumers[b.node_index()], Consumer::Firehose(f) if f.failing.is_some());
            draw_card(
                &mut shapes,
                b,
                c,
                if warn { "node failing" } else { "node" },
            );
            if let Consumer::Firehose(f) = &p.consumers[b.node_index()] {
                // The buffer bar, on the blank line under "Source".
                let line = c.lines.iter().position(|l| l.0.is_empty()).unwrap_or(1);
                let y = b.y + 16.0 + LINE * (2 + line) as f64 - 9.0;
                let w = b.w - 20.0;
                let fill = if f.size_limit_bytes == 0 {
                    0.0
                } else {
                    (f.buffer_bytes as f64 / f.size_limit_bytes as f64).min(1.0)
                };
                shapes.push(Shape::Rect {
                    x: b.x + 10.0,
                    y,
                    w,
                    h: 8.0,
                    class: "bar",
                });
                shapes.push(Shape::Rect {
                    x: b.x + 10.0,
                    y,
                    w: (w * fill).max(if f.buffer_bytes > 0 { 2.0 } else { 0.0 }),
                    h: 8.0,
                    class: "bar-fill",
                });
            }
        }
        for (i, c) in bucket_cards.iter().enumerate() {
            let b = boxes[p.streams.len() + p.consumers.len() + i];
            let class = if p.buckets[i].exists {
                "node"
            } else {
                "node failing"
            };
            draw_card(&mut shapes, &b, c, class);
        }
        for (i, c) in producer_cards.iter().enumerate() {
            let b = boxes[p.streams.len() + p.consumers.len() + p.buckets.len() + i];
            draw_card(&mut shapes, &b, c, "node");
        }

        let skipping = p
            .edges
            .iter()
            .any(|e| matches!((e.from, e.to), (NodeRef::Producer(_), NodeRef::Consumer(_))));
        let height = boxes
            .iter()
            .chain(hints.iter().flat_map(|h| [&h.0, &h.1]))
            .map(NodeBox::bottom)
            .fold(TOP, f64::max)
            .max(if skipping { floor + 4.0 } else { 0.0 })
            + MARGIN;
        Diagram {
            width: column_x(4) - GAP + MARGIN,
            height,
            boxes,
            shapes,
        }
    }
}

impl NodeBox {
    fn node_index(&self) -> usize {
        match self.node {
            NodeRef::Producer(i)
            | NodeRef::Stream(i)
            | NodeRef::Consumer(i)
            | NodeRef::Bucket(i) => i,
        }
    }
}

fn draw_stream(shapes: &mut Vec<Shape>, b: &NodeBox, s: &super::StreamNode) {
    let hot = s.lanes.iter().any(|l| l.hot.is_some()) || s.hidden_hot > 0;
    shapes.push(Shape::Rect {
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
        class: if hot {
            "node stream hot"
        } else {
            "node stream"
        },
    });
    let x = b.x + 10.0;
    let inner = b.w - 20.0;
    shapes.push(text(
        x,
        b.y + 16.0,
        "Kinesis data stream",
        "kind",
        Anchor::Start,
    ));
    shapes.push(text(
        x,
        b.y + 16.0 + LINE,
        fit(&s.name, inner, CHAR_W + 0.6),
        "title",
        Anchor::Start,
    ));
    let summary = if s.status == "ACTIVE" {
        format!(
            "{} open shard{} · {}/s in",
            thousands(u64::from(s.open_shards)),
            if s.open_shards == 1 { "" } else { "s" },
            thousands(s.incoming)
        )
    } else {
        format!(
            "{} · {} shard{}",
            s.status,
            thousands(u64::from(s.open_shards)),
            if s.open_shards == 1 { "" } else { "s" }
        )
    };
    shapes.push(text(
        x,
        b.y + 16.0 + LINE * 2.0,
        fit(&summary, inner, SMALL_CHAR_W),
        "detail",
        Anchor::Start,
    ));
    let mut y = b.y + 12.0 + LINE * 3.0 + 6.0;
    let (lx, lw) = (b.x + 8.0, b.w - 16.0);
    for l in &s.lanes {
        let h = lane_height(l);
        shapes.push(Shape::Rect {
            x: lx,
            y,
            w: lw,
            h,
            class: if l.hot.is_some() { "lane hot" } else { "lane" },
        });
        shapes.push(Shape::Rect {
            x: lx,
            y,
            w: lw * l.load.clamp(0.0, 1.0),
            h: LANE_H,
            class: if l.hot.is_some() {
                "lane-load hot"
            } else {
                "lane-load"
            },
        });
        shapes.push(text(
            lx + 6.0,
            y + 15.0,
            l.shard_id.clone(),
            "lane-id",
            Anchor::Start,
        ));
        shapes.push(text(
            lx + lw - 6.0,
            y + 15.0,
            format!("{}/s", thousands(l.incoming)),
            "lane-rate",
            Anchor::End,
        ));
        if let Some(why) = &l.hot {
            shapes.push(text(
                lx + 6.0,
                y + 30.0,
                fit(why, lw - 12.0, SMALL_CHAR_W),
                "lane-hot",
                Anchor::Start,
            ));
        }
        if l.hot.is_some() && l.refused > 0 {
            shapes.push(text(
                lx + 6.0,
                y + 44.0,
                format!(
                    "{} write{} refused",
                    thousands(l.refused),
                    if l.refused == 1 { "" } else { "s" }
                ),
                "lane-hot",
                Anchor::Start,
            ));
        }
        y += h + LANE_GAP;
    }
    if s.hidden_shards > 0 {
        shapes.push(text(
            lx + 6.0,
            y + 11.0,
            fit(&more_shards_text(s), lw - 12.0, SMALL_CHAR_W),
            if s.hidden_hot > 0 {
                "detail warn"
            } else {
                "detail"
            },
            Anchor::Start,
        ));
    }
}
