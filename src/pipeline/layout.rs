//! Where everything of a [`Pipeline`] goes in the SVG. Columns come from the graph
//! ([`super::layers`]): a stream → application → stream chain gets a column per step. In each
//! column a box sits beside what feeds it, a box fed only across skipped columns sits below
//! their boxes (so its arrow passes under them), and producers sit beside what they feed.
//! Dashed hints stand where a stream has no producer or consumer yet. Arrows between
//! neighbouring columns are curves; an arrow that would cross a box goes around below the
//! boxes, and so does one that closes a cycle. The result is a flat list of shapes, so the
//! component only has to draw them.

use super::layers::layers;
use super::{more_shards_text, Health, Hints, Line, Node, Pipeline, Role, Tone};
use crate::text::thousands;

/// The gap between two columns (arrows and their labels).
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
/// Between two arrows that go around below the same boxes.
const DETOUR_GAP: f64 = 6.0;
/// Rough advance of one character at the diagram's font sizes, to shorten long names.
const CHAR_W: f64 = 6.6;
const SMALL_CHAR_W: f64 = 6.0;

/// A box's width for its role; a column is as wide as its widest box.
fn role_width(role: Role) -> f64 {
    match role {
        Role::Producer | Role::Destination => 190.0,
        Role::Stream => 260.0,
        Role::Processor | Role::Delivery => 250.0,
    }
}

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
    /// A box's area that opens its console page when clicked.
    Link {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        href: String,
    },
}

/// A box around one node (an index into [`Pipeline::nodes`]), or the node a hint is for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeBox {
    pub node: usize,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl NodeBox {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Where arrows meet the box: its heading, not the middle of a tall stream.
    pub fn port_y(&self) -> f64 {
        self.y + (self.h / 2.0).min(27.0)
    }

    fn overlaps_y(&self, top: f64, bottom: f64) -> bool {
        self.y < bottom && top < self.bottom()
    }
}

/// Where one edge of the pipeline is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeRoute {
    /// Index into [`Pipeline::edges`].
    pub edge: usize,
    /// The arrow's start (on its source box's right side) and tip (just left of its target).
    pub start: (f64, f64),
    pub end: (f64, f64),
    /// Points along the arrow, close enough together to test what it passes.
    pub points: Vec<(f64, f64)>,
}

/// The laid-out diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    pub width: f64,
    pub height: f64,
    pub columns: usize,
    pub boxes: Vec<NodeBox>,
    /// Dashed hints, each with the node it is for.
    pub hints: Vec<NodeBox>,
    pub edges: Vec<EdgeRoute>,
    pub shapes: Vec<Shape>,
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

fn lane_height(l: &super::Lane) -> f64 {
    match (&l.hot, l.refused) {
        (None, _) => LANE_H,
        (Some(_), 0) => HOT_LANE_H,
        (Some(_), _) => REFUSED_LANE_H,
    }
}

/// Kind, title and lines, then the lanes and "+N more shards".
fn node_height(n: &Node) -> f64 {
    let card = 12.0 + LINE * (2 + n.lines.len()) as f64;
    card + n.lanes.as_ref().map_or(0.0, |l| {
        let lanes: f64 = l.lanes.iter().map(|l| lane_height(l) + LANE_GAP).sum();
        let more = if l.hidden > 0 { LINE + 2.0 } else { 0.0 };
        6.0 + lanes + more + 4.0
    })
}

/// What a dashed hint says is missing beside a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    Producer,
    Consumer,
}

impl Hint {
    /// Its lines, as the stream `n` words them.
    fn lines(self, n: &Node) -> [&'static str; 3] {
        let hints = n.hints.unwrap_or(Hints::DATA_STREAM);
        match self {
            Hint::Producer => hints.producer,
            Hint::Consumer => hints.consumer,
        }
    }
}

/// A box to place: a node, or a hint for one.
#[derive(Debug, Clone, Copy)]
enum Item {
    Node(usize),
    Hint(Hint, usize),
}

impl Item {
    fn node(self) -> usize {
        match self {
            Item::Node(n) | Item::Hint(_, n) => n,
        }
    }
}

/// The items, their roles and the edges between them (the pipeline's edges first, in order,
/// then the hints' dashed ones).
fn items(p: &Pipeline) -> (Vec<Item>, Vec<Role>, Vec<(usize, usize)>) {
    let mut items: Vec<Item> = (0..p.nodes.len()).map(Item::Node).collect();
    let mut roles: Vec<Role> = p.nodes.iter().map(|n| n.role).collect();
    let mut edges: Vec<(usize, usize)> = p.edges.iter().map(|e| (e.from, e.to)).collect();
    let streams = || {
        p.nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.role == Role::Stream)
    };
    if p.with_role(Role::Producer).next().is_none() {
        if let Some((s, _)) = streams().find(|(i, _)| !p.edges.iter().any(|e| e.to == *i)) {
            edges.push((items.len(), s));
            items.push(Item::Hint(Hint::Producer, s));
            roles.push(Role::Producer);
        }
    }
    let lonely: Vec<usize> = streams()
        .filter(|(i, _)| !p.edges.iter().any(|e| e.from == *i))
        .map(|(i, _)| i)
        .collect();
    for s in lonely {
        edges.push((s, items.len()));
        items.push(Item::Hint(Hint::Consumer, s));
        roles.push(Role::Delivery);
    }
    (items, roles, edges)
}

/// The heading over a column: the groups of the roles in it.
fn heading(roles: impl Iterator<Item = Role>) -> String {
    let mut groups: Vec<&str> = Vec::new();
    let mut sorted: Vec<Role> = roles.collect();
    sorted.sort();
    for r in sorted {
        if !groups.contains(&r.group()) {
            groups.push(r.group());
        }
    }
    groups.join(" · ")
}

/// Every point of a cubic curve from `s` to `t` that leaves and enters horizontally.
fn curve_points(s: (f64, f64), t: (f64, f64)) -> Vec<(f64, f64)> {
    let mid = (s.0 + t.0) / 2.0;
    (0..=16)
        .map(|i| {
            let u = i as f64 / 16.0;
            let v = 1.0 - u;
            let x =
                v * v * v * s.0 + 3.0 * v * v * u * mid + 3.0 * v * u * u * mid + u * u * u * t.0;
            let y =
                v * v * v * s.1 + 3.0 * v * v * u * s.1 + 3.0 * v * u * u * t.1 + u * u * u * t.1;
            (x, y)
        })
        .collect()
}

/// Points every few pixels along a path of straight segments.
fn polyline_points(corners: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = vec![corners[0]];
    for w in corners.windows(2) {
        let (a, b) = (w[0], w[1]);
        let steps = ((b.0 - a.0).abs().max((b.1 - a.1).abs()) / 4.0)
            .ceil()
            .max(1.0) as usize;
        for i in 1..=steps {
            let u = i as f64 / steps as f64;
            out.push((a.0 + (b.0 - a.0) * u, a.1 + (b.1 - a.1) * u));
        }
    }
    out
}

/// One arrow's path, head and labels.
struct Arrow<'a> {
    label: &'a str,
    note: Option<&'a str>,
    warn: bool,
}

fn draw_arrow(
    shapes: &mut Vec<Shape>,
    a: &Arrow,
    d: String,
    tip: (f64, f64),
    at: (f64, f64),
    width: f64,
) {
    let (tx, ty) = tip;
    shapes.push(Shape::Path {
        d,
        class: if a.warn { "edge warn" } else { "edge" },
    });
    shapes.push(Shape::Path {
        d: format!(
            "M{tx:.1},{ty:.1} L{:.1},{:.1} L{:.1},{:.1} Z",
            tx - 7.0,
            ty - 4.0,
            tx - 7.0,
            ty + 4.0
        ),
        class: if a.warn {
            "arrowhead warn"
        } else {
            "arrowhead"
        },
    });
    shapes.push(text(
        at.0,
        at.1 - 5.0,
        fit(a.label, width, SMALL_CHAR_W),
        "edge-label",
        Anchor::Middle,
    ));
    if let Some(note) = a.note {
        shapes.push(text(
            at.0,
            at.1 + 13.0,
            fit(note, width, SMALL_CHAR_W),
            if a.warn {
                "edge-label warn"
            } else {
                "edge-label"
            },
            Anchor::Middle,
        ));
    }
}

fn draw_hint(shapes: &mut Vec<Shape>, b: &NodeBox, hint: Hint, n: &Node) {
    shapes.push(Shape::Rect {
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
        class: "node hint",
    });
    for (i, l) in hint.lines(n).iter().enumerate() {
        shapes.push(text(
            b.x + 10.0,
            b.y + 16.0 + LINE * i as f64,
            fit(l, b.w - 20.0, SMALL_CHAR_W),
            if i == 0 { "title" } else { "detail" },
            Anchor::Start,
        ));
    }
}

fn node_class(n: &Node) -> &'static str {
    match (n.lanes.is_some(), &n.health) {
        (true, Health::Ok) => "node stream",
        (true, Health::Warn(_)) => "node stream hot",
        (true, Health::Failing(_)) => "node stream failing",
        (false, Health::Ok) => "node",
        (false, Health::Warn(_)) => "node hot",
        (false, Health::Failing(_)) => "node failing",
    }
}

fn draw_node(shapes: &mut Vec<Shape>, b: &NodeBox, n: &Node) {
    shapes.push(Shape::Rect {
        x: b.x,
        y: b.y,
        w: b.w,
        h: b.h,
        class: node_class(n),
    });
    let x = b.x + 10.0;
    let inner = b.w - 20.0;
    shapes.push(text(x, b.y + 16.0, n.kind, "kind", Anchor::Start));
    shapes.push(text(
        x,
        b.y + 16.0 + LINE,
        fit(&n.title, inner, CHAR_W + 0.6),
        "title",
        Anchor::Start,
    ));
    for (i, line) in n.lines.iter().enumerate() {
        let y = b.y + 16.0 + LINE * (2 + i) as f64;
        match line {
            Line::Text(s, tone) => shapes.push(text(
                x,
                y,
                fit(s, inner, SMALL_CHAR_W),
                match tone {
                    Tone::Normal => "detail",
                    Tone::Warn => "detail warn",
                    Tone::Danger => "detail danger",
                },
                Anchor::Start,
            )),
            Line::Bar { fill, visible } => {
                shapes.push(Shape::Rect {
                    x,
                    y: y - 9.0,
                    w: inner,
                    h: 8.0,
                    class: "bar",
                });
                shapes.push(Shape::Rect {
                    x,
                    y: y - 9.0,
                    w: (inner * fill.clamp(0.0, 1.0)).max(if *visible { 2.0 } else { 0.0 }),
                    h: 8.0,
                    class: "bar-fill",
                });
            }
        }
    }
    if let Some(lanes) = &n.lanes {
        draw_lanes(
            shapes,
            b,
            b.y + 12.0 + LINE * (2 + n.lines.len()) as f64 + 6.0,
            lanes,
        );
    }
    if let Some(href) = &n.route {
        shapes.push(Shape::Link {
            x: b.x,
            y: b.y,
            w: b.w,
            h: b.h,
            href: href.clone(),
        });
    }
}

fn draw_lanes(shapes: &mut Vec<Shape>, b: &NodeBox, mut y: f64, lanes: &super::Lanes) {
    let (lx, lw) = (b.x + 8.0, b.w - 16.0);
    for l in &lanes.lanes {
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
            l.id.clone(),
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
    if lanes.hidden > 0 {
        shapes.push(text(
            lx + 6.0,
            y + 11.0,
            fit(&more_shards_text(lanes), lw - 12.0, SMALL_CHAR_W),
            if lanes.hidden_hot > 0 {
                "detail warn"
            } else {
                "detail"
            },
            Anchor::Start,
        ));
    }
}

impl Diagram {
    /// Lays out `p`.
    pub fn of(p: &Pipeline) -> Self {
        let (items, roles, edges) = items(p);
        let n = items.len();
        let min_layer: Vec<usize> = roles.iter().map(|r| r.min_layer()).collect();
        let lay = layers(&min_layer, &edges);
        let cols = lay.columns.len();

        // Column widths and x.
        let mut col_w = vec![0.0f64; cols];
        for v in 0..n {
            col_w[lay.layer[v]] = col_w[lay.layer[v]].max(role_width(roles[v]));
        }
        // Room beside the first and last columns for an arrow that goes back into the first
        // or out of the last.
        let back = |end: fn(&(usize, usize)) -> usize, l: usize| {
            edges
                .iter()
                .zip(&lay.forward)
                .any(|(e, f)| !f && lay.layer[end(e)] == l)
        };
        let pad = |needed: bool| if needed { GAP / 2.0 } else { 0.0 };
        let mut col_x = Vec::with_capacity(cols);
        let mut x = MARGIN + pad(back(|e| e.1, 0));
        for w in &col_w {
            col_x.push(x);
            x += w + GAP;
        }
        let width = if cols == 0 {
            2.0 * MARGIN
        } else {
            x - GAP + MARGIN + pad(back(|e| e.0, cols - 1))
        };
        let heights: Vec<f64> = items
            .iter()
            .map(|it| match it {
                Item::Node(i) => node_height(&p.nodes[*i]),
                Item::Hint(..) => HINT_H,
            })
            .collect();

        // Who feeds whom, left to right.
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut succs: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, &(a, b)) in edges.iter().enumerate() {
            if lay.forward[i] && a != b {
                preds[b].push(a);
                succs[a].push(b);
            }
        }
        // Producers go last, beside what they feed.
        let deferred = |v: usize| roles[v] == Role::Producer && preds[v].is_empty();

        let mut ys: Vec<Option<f64>> = vec![None; n];
        let bottom_of = |ys: &[Option<f64>], cols: std::ops::Range<usize>| {
            (0..n)
                .filter(|&v| cols.contains(&lay.layer[v]))
                .filter_map(|v| ys[v].map(|y| y + heights[v]))
                .fold(TOP - V_GAP, f64::max)
        };
        for l in 0..cols {
            let mut list: Vec<(Option<f64>, usize)> = Vec::new();
            for &v in &lay.columns[l] {
                if deferred(v) {
                    continue;
                }
                let beside = preds[v]
                    .iter()
                    .find(|&&u| lay.layer[u] + 1 == l && ys[u].is_some())
                    .and_then(|&u| ys[u]);
                let under = preds[v]
                    .iter()
                    .filter(|&&u| lay.layer[u] + 1 < l)
                    .map(|&u| bottom_of(&ys, lay.layer[u] + 1..l) + V_GAP)
                    .reduce(f64::max);
                list.push((beside.or(under), v));
            }
            list.sort_by(|a, b| {
                a.0.unwrap_or(f64::INFINITY)
                    .total_cmp(&b.0.unwrap_or(f64::INFINITY))
            });
            let mut next = TOP;
            for (want, v) in list {
                let y = want.map_or(next, |w| w.max(next));
                ys[v] = Some(y);
                next = y + heights[v] + V_GAP;
            }
        }
        for l in 0..cols {
            let mut list: Vec<(f64, usize)> = lay.columns[l]
                .iter()
                .filter(|&&v| deferred(v))
                .map(|&v| (succs[v].iter().find_map(|&w| ys[w]).unwrap_or(TOP), v))
                .collect();
            list.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut next = TOP;
            for (want, v) in list {
                let mut y = want.max(next);
                // Down past any box already in the column.
                while let Some(b) = lay.columns[l]
                    .iter()
                    .filter(|&&u| u != v)
                    .filter_map(|&u| ys[u].map(|uy| (uy, uy + heights[u])))
                    .find(|&(top, bottom)| top < y + heights[v] + V_GAP && y < bottom + V_GAP)
                {
                    y = b.1 + V_GAP;
                }
                ys[v] = Some(y);
                next = y + heights[v] + V_GAP;
            }
        }
        let all: Vec<NodeBox> = (0..n)
            .map(|v| NodeBox {
                node: items[v].node(),
                x: col_x[lay.layer[v]],
                y: ys[v].unwrap_or(TOP),
                w: col_w[lay.layer[v]],
                h: heights[v],
            })
            .collect();

        // Headings, then arrows, so boxes sit on top of them.
        let mut shapes = Vec::new();
        for l in 0..cols {
            let h = heading(lay.columns[l].iter().map(|&v| roles[v]));
            shapes.push(text(
                col_x[l],
                18.0,
                fit(&h, col_w[l], 7.2),
                "column",
                Anchor::Start,
            ));
        }
        let mut routes = Vec::new();
        let mut bottom = all.iter().map(NodeBox::bottom).fold(TOP, f64::max);
        let mut detours = 0;
        for (i, &(a, b)) in edges.iter().enumerate() {
            let (from, to) = (&all[a], &all[b]);
            let (ca, cb) = (lay.layer[a], lay.layer[b]);
            let s = (from.right(), from.port_y());
            let t = (to.x - 2.0, to.port_y());
            if i >= p.edges.len() {
                // A hint's dashed curve.
                shapes.push(Shape::Path {
                    d: format!(
                        "M{:.1},{:.1} C{m:.1},{:.1} {m:.1},{:.1} {:.1},{:.1}",
                        s.0,
                        s.1,
                        s.1,
                        t.1,
                        t.0,
                        t.1,
                        m = (s.0 + t.0) / 2.0
                    ),
                    class: "edge hint",
                });
                continue;
            }
            let e = &p.edges[i];
            let arrow = Arrow {
                label: &e.label,
                note: e.note.as_deref(),
                warn: e.warn(),
            };
            // Boxes between the ends' columns that a curve at these heights would cross.
            let (top, low) = (s.1.min(t.1) - 18.0, s.1.max(t.1) + 18.0);
            let blocked = cb > ca + 1
                && all.iter().enumerate().any(|(v, bx)| {
                    lay.layer[v] > ca && lay.layer[v] < cb && bx.overlaps_y(top, low)
                });
            if cb > ca && !blocked {
                let mid = (s.0 + t.0) / 2.0;
                let width = if cb == ca + 1 {
                    GAP - 4.0
                } else {
                    t.0 - s.0 - 8.0
                };
                draw_arrow(
                    &mut shapes,
                    &arrow,
                    format!(
                        "M{:.1},{:.1} C{mid:.1},{:.1} {mid:.1},{:.1} {:.1},{:.1}",
                        s.0, s.1, s.1, t.1, t.0, t.1
                    ),
                    t,
                    (mid, (s.1 + t.1) / 2.0),
                    width,
                );
                routes.push(EdgeRoute {
                    edge: i,
                    start: s,
                    end: t,
                    points: curve_points(s, t),
                });
                continue;
            }
            // Around, below the boxes of every column it passes (both ends' too when it
            // goes back).
            let span = if cb > ca { ca + 1..cb } else { cb..ca + 1 };
            let floor = all
                .iter()
                .enumerate()
                .filter(|(v, _)| span.contains(&lay.layer[*v]))
                .map(|(_, bx)| bx.bottom())
                .fold(TOP, f64::max)
                + V_GAP / 2.0
                + DETOUR_GAP * detours as f64;
            detours += 1;
            bottom = bottom.max(floor + 4.0);
            let (xa, xb) = (s.0 + GAP / 2.0, to.x - GAP / 2.0);
            let corners = [s, (xa, s.1), (xa, floor), (xb, floor), (xb, t.1), t];
            draw_arrow(
                &mut shapes,
                &arrow,
                format!(
                    "M{:.1},{:.1} H{xa:.1} V{floor:.1} H{xb:.1} V{:.1} H{:.1}",
                    s.0, s.1, t.1, t.0
                ),
                t,
                ((xb + t.0) / 2.0, t.1),
                GAP - 4.0,
            );
            routes.push(EdgeRoute {
                edge: i,
                start: s,
                end: t,
                points: polyline_points(&corners),
            });
        }

        let mut boxes = Vec::new();
        let mut hints = Vec::new();
        for (v, item) in items.iter().enumerate() {
            match *item {
                Item::Node(i) => {
                    draw_node(&mut shapes, &all[v], &p.nodes[i]);
                    boxes.push(all[v]);
                }
                Item::Hint(h, i) => {
                    draw_hint(&mut shapes, &all[v], h, &p.nodes[i]);
                    hints.push(all[v]);
                }
            }
        }
        Diagram {
            width,
            height: bottom + MARGIN,
            columns: cols,
            boxes,
            hints,
            edges: routes,
            shapes,
        }
    }
}
