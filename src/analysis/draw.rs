//! Each visual laid out into a flat [`Drawing`]: a title, axes with nice ticks, the data marks
//! with their coordinates in a given width × height, notes, a one-paragraph summary and the
//! data as a table for screen readers. The page draws the marks as SVG; [`to_svg`] writes the
//! same drawing as a standalone `.svg` file.
//!
//! Laid out here, as `pipeline::layout` lays out the pipeline, rather than with the `plotters`
//! crate: plotters draws into a backend (an SVG string) where the page needs marks it can
//! render as Yew nodes with CSS classes, tooltips and a table beside them, so its output would
//! be parsed back or thrown away; it would also be a new dependency in the wasm for axes and
//! rectangles this file does in a few hundred lines. Data marks never leave the plot area:
//! scales clamp, and lines are clipped.

use super::fields::{number_text, time_text};
use super::insights::{AnomalyReport, Forecast, ForecastPoint};
use super::visuals::{
    BarChart, BinAggregate, BoxPlot, CorrelationMatrix, HeatMap, Histogram, Kpi, LineChart,
    OutlierVisibility, PieChart, Scatter, TimeGrain,
};
use crate::text::thousands;

/// The drawing's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

impl Size {
    pub fn new(width: f64, height: f64) -> Size {
        Size {
            width: width.max(1.0),
            height: height.max(1.0),
        }
    }
}

/// A rectangle: the plot area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Area {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// Where a text sits on its point: the pipeline diagram's anchors, drawn the same way.
pub use crate::pipeline::layout::Anchor;

/// One thing to draw; `class` names its CSS class.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        class: String,
        /// A colour scale's position, 0–1 (heat map cells), drawn as the fill's opacity.
        shade: Option<f64>,
        /// What a tooltip says.
        tip: String,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
        class: String,
        tip: String,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        class: &'static str,
    },
    /// A polyline, or a polygon when `closed`.
    Path {
        points: Vec<(f64, f64)>,
        closed: bool,
        class: String,
        tip: String,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        anchor: Anchor,
        class: &'static str,
    },
}

/// The data as a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataTable {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// A laid-out visual.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub size: Size,
    pub title: String,
    pub x_label: Option<String>,
    pub y_label: Option<String>,
    /// Where the data marks are.
    pub plot: Area,
    /// Grid lines, tick labels, axis labels, the title and legends (drawn first).
    pub axes: Vec<Mark>,
    /// The data, inside `plot`.
    pub marks: Vec<Mark>,
    /// What the chart leaves out or changed (sampling, hidden rows, missing values).
    pub notes: Vec<String>,
    /// A sentence or two for screen readers.
    pub summary: String,
    pub table: DataTable,
}

const MARGIN_LEFT: f64 = 56.0;
const MARGIN_RIGHT: f64 = 16.0;
const MARGIN_TOP: f64 = 44.0;
const MARGIN_BOTTOM: f64 = 40.0;
/// Room for category labels left of a plot.
const LABEL_MARGIN: f64 = 110.0;
const CHAR_W: f64 = 6.2;
/// Colour classes `series-0` … `series-7`.
const SERIES: usize = 8;

/// `text` shortened with "…" to about `width` pixels.
pub fn fit(text: &str, width: f64) -> String {
    let max = (width / CHAR_W).floor().max(2.0) as usize;
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max - 1).collect();
        out.push('…');
        out
    }
}

/// A step of 1, 2 or 5 × 10ⁿ that cuts `span` into about `n` parts.
fn nice_step(span: f64, n: usize) -> f64 {
    let raw = span / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let f = raw / mag;
    let nice = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

fn decimals(step: f64) -> usize {
    (-step.log10().floor()).max(0.0) as usize
}

fn round_to(v: f64, dec: usize) -> f64 {
    let p = 10f64.powi(dec.min(15) as i32);
    let r = (v * p).round() / p;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Round tick values (multiples of 1, 2 or 5 × 10ⁿ) between `lo` and `hi`, about `n` of them.
pub fn nice_ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let step = nice_step(hi - lo, n);
    let dec = decimals(step);
    let first = (lo / step).ceil();
    let mut out = Vec::new();
    let mut k = 0.0;
    loop {
        let t = round_to((first + k) * step, dec);
        if t > hi + step * 1e-9 || out.len() > 100 {
            break;
        }
        out.push(t);
        k += 1.0;
    }
    out
}

/// A domain widened to whole steps, and its ticks.
fn nice_domain(lo: f64, hi: f64, n: usize) -> (f64, f64, Vec<f64>) {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo - pad, hi + pad)
    };
    let step = nice_step(hi - lo, n);
    let dec = decimals(step);
    let lo = round_to((lo / step).floor() * step, dec);
    let hi = round_to((hi / step).ceil() * step, dec);
    (lo, hi, nice_ticks(lo, hi, n))
}

/// A tick's text: `1.5M`, `20k` beyond ten thousand, else to the step's decimals.
fn tick_text(v: f64, step: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{}B", number_text(v / 1e9))
    } else if a >= 1e6 {
        format!("{}M", number_text(v / 1e6))
    } else if a >= 1e4 {
        format!("{}k", number_text(v / 1e3))
    } else {
        format!("{:.*}", decimals(step).min(10), v)
    }
}

/// A value in a table or tooltip.
fn value_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let s = thousands(v.abs() as u64);
        if v < 0.0 {
            format!("-{s}")
        } else {
            s
        }
    } else {
        number_text(v)
    }
}

/// A linear scale from a domain to a range; values outside the domain are clamped.
#[derive(Debug, Clone, Copy)]
struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    fn map(&self, v: f64) -> f64 {
        if self.d1 == self.d0 || !v.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        let t = ((v - self.d0) / (self.d1 - self.d0)).clamp(0.0, 1.0);
        self.r0 + t * (self.r1 - self.r0)
    }
}

fn text(x: f64, y: f64, s: impl Into<String>, anchor: Anchor, class: &'static str) -> Mark {
    Mark::Text {
        x,
        y,
        text: s.into(),
        anchor,
        class,
    }
}

impl Drawing {
    fn new(title: String, size: Size, left: f64, right: f64) -> Drawing {
        let w = (size.width - left - right).max(1.0);
        let h = (size.height - MARGIN_TOP - MARGIN_BOTTOM).max(1.0);
        let plot = Area {
            x: left.min(size.width - 1.0).max(0.0),
            y: MARGIN_TOP.min(size.height - 1.0),
            w: w.min(size.width),
            h: h.min(size.height),
        };
        let axes = vec![text(
            8.0f64.min(size.width),
            18.0f64.min(size.height),
            fit(&title, size.width - 16.0),
            Anchor::Start,
            "title",
        )];
        Drawing {
            size,
            title,
            x_label: None,
            y_label: None,
            plot,
            axes,
            marks: Vec::new(),
            notes: Vec::new(),
            summary: String::new(),
            table: DataTable::default(),
        }
    }

    fn clamp_x(&self, x: f64) -> f64 {
        x.clamp(0.0, self.size.width)
    }

    fn clamp_y(&self, y: f64) -> f64 {
        y.clamp(0.0, self.size.height)
    }

    fn labels(&mut self, x: Option<String>, y: Option<String>) {
        let p = self.plot;
        if let Some(x) = &x {
            let t = text(
                self.clamp_x(p.x + p.w / 2.0),
                self.clamp_y(self.size.height - 6.0),
                fit(x, p.w),
                Anchor::Middle,
                "axis-label",
            );
            self.axes.push(t);
        }
        if let Some(y) = &y {
            let t = text(
                self.clamp_x(p.x),
                self.clamp_y(p.y - 10.0),
                fit(y, self.size.width - p.x),
                Anchor::Start,
                "axis-label",
            );
            self.axes.push(t);
        }
        self.x_label = x;
        self.y_label = y;
    }

    /// A vertical value axis: grid lines and tick labels on the left.
    fn y_axis(&mut self, lo: f64, hi: f64) -> Scale {
        let p = self.plot;
        let (lo, hi, ticks) = nice_domain(lo, hi, (p.h / 40.0).clamp(2.0, 8.0) as usize);
        let s = Scale {
            d0: lo,
            d1: hi,
            r0: p.bottom(),
            r1: p.y,
        };
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            1.0
        };
        for t in ticks {
            let y = s.map(t);
            self.axes.push(Mark::Line {
                x1: p.x,
                y1: y,
                x2: p.right(),
                y2: y,
                class: "grid",
            });
            let m = text(
                self.clamp_x(p.x - 6.0),
                self.clamp_y(y + 4.0),
                tick_text(t, step),
                Anchor::End,
                "tick",
            );
            self.axes.push(m);
        }
        s
    }

    /// A horizontal value axis: grid lines and tick labels below. `nice` widens the domain to
    /// whole steps (not for a histogram, whose bins are the domain).
    fn x_axis(&mut self, lo: f64, hi: f64, nice: bool) -> Scale {
        let p = self.plot;
        let n = (p.w / 80.0).clamp(2.0, 10.0) as usize;
        let (lo, hi, ticks) = if nice {
            nice_domain(lo, hi, n)
        } else if hi > lo {
            (lo, hi, nice_ticks(lo, hi, n))
        } else {
            (lo - 0.5, hi + 0.5, vec![lo])
        };
        let s = Scale {
            d0: lo,
            d1: hi,
            r0: p.x,
            r1: p.right(),
        };
        let step = if ticks.len() > 1 {
            ticks[1] - ticks[0]
        } else {
            1.0
        };
        for t in ticks {
            let x = s.map(t);
            self.axes.push(Mark::Line {
                x1: x,
                y1: p.y,
                x2: x,
                y2: p.bottom(),
                class: "grid",
            });
            let m = text(
                self.clamp_x(x),
                self.clamp_y(p.bottom() + 16.0),
                tick_text(t, step),
                Anchor::Middle,
                "tick",
            );
            self.axes.push(m);
        }
        s
    }

    fn baseline(&mut self) {
        let p = self.plot;
        self.axes.push(Mark::Line {
            x1: p.x,
            y1: p.bottom(),
            x2: p.right(),
            y2: p.bottom(),
            class: "axis",
        });
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<String>>) {
        self.table = DataTable {
            caption: self.title.clone(),
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows,
        };
    }

    /// A legend of coloured squares, right of the plot, one line each, as far as fits.
    fn legend(&mut self, items: &[(String, String)]) {
        let x = self.plot.right() + 10.0;
        let room = self.size.width - x - 16.0;
        for (i, (label, class)) in items.iter().enumerate() {
            let y = self.plot.y + 4.0 + 16.0 * i as f64;
            if y + 12.0 > self.size.height || room < 20.0 {
                break;
            }
            self.axes.push(Mark::Rect {
                x,
                y,
                w: 10.0,
                h: 10.0,
                class: class.clone(),
                shade: None,
                tip: label.clone(),
            });
            let t = text(
                self.clamp_x(x + 14.0),
                self.clamp_y(y + 9.0),
                fit(label, room),
                Anchor::Start,
                "legend",
            );
            self.axes.push(t);
        }
    }
}

/// Category bands along a length: each band's start and width.
fn bands(start: f64, length: f64, n: usize, padding: f64) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let band = length / n as f64;
    let pad = (band * padding).min(band - 0.5).max(0.0);
    (0..n)
        .map(|i| (start + i as f64 * band + pad / 2.0, band - pad))
        .collect()
}

fn bin_text(h: &Histogram, i: usize) -> String {
    let b = &h.bins[i];
    let close = if i + 1 == h.bins.len() { ']' } else { ')' };
    format!("[{}, {}{close}", number_text(b.start), number_text(b.end))
}

pub fn histogram(h: &Histogram, size: Size) -> Drawing {
    let mut d = Drawing::new(
        format!("Histogram of {}", h.field),
        size,
        MARGIN_LEFT,
        MARGIN_RIGHT,
    );
    let what = match h.options.aggregate {
        BinAggregate::Count => "Count",
        BinAggregate::DistinctCount => "Distinct count",
    };
    d.labels(Some(h.field.clone()), Some(what.to_string()));
    let (lo, hi) = match (h.bins.first(), h.bins.last()) {
        (Some(f), Some(l)) => (f.start, l.end),
        _ => (0.0, 1.0),
    };
    let top = h.bins.iter().map(|b| b.value).max().unwrap_or(0) as f64;
    let sy = d.y_axis(0.0, top.max(1.0));
    let sx = d.x_axis(lo, hi, false);
    d.baseline();
    for (i, b) in h.bins.iter().enumerate() {
        let (x0, x1) = (sx.map(b.start), sx.map(b.end));
        let w = (x1 - x0 - 1.0).max((x1 - x0).min(1.0)).max(0.0);
        let y = sy.map(b.value as f64);
        d.marks.push(Mark::Rect {
            x: x0,
            y,
            w,
            h: d.plot.bottom() - y,
            class: "bar".into(),
            shade: None,
            tip: format!("{}: {}", bin_text(h, i), thousands(b.value as u64)),
        });
    }
    if h.missing > 0 {
        d.notes.push(format!(
            "{} missing values are not in any bin.",
            thousands(h.missing as u64)
        ));
    }
    if h.below_start > 0 {
        d.notes.push(format!(
            "{} values below the start value are not in any bin.",
            thousands(h.below_start as u64)
        ));
    }
    let fullest = (0..h.bins.len()).max_by_key(|&i| (h.bins[i].value, std::cmp::Reverse(i)));
    d.summary = format!(
        "Histogram of {}: {} values in {} bins from {} to {}.{}",
        h.field,
        thousands(h.binned() as u64),
        h.bins.len(),
        number_text(lo),
        number_text(hi),
        fullest.map_or(String::new(), |i| format!(
            " The fullest bin is {} with {}.",
            bin_text(h, i),
            thousands(h.bins[i].value as u64)
        )),
    );
    let rows = (0..h.bins.len())
        .map(|i| vec![bin_text(h, i), thousands(h.bins[i].value as u64)])
        .collect();
    d.table(&["Bin", what], rows);
    d
}

/// The most boxes drawn side by side.
pub const BOX_LIMIT: usize = 40;

pub fn box_plot(b: &BoxPlot, size: Size) -> Drawing {
    let title = match &b.group_by {
        Some(g) => format!("Box plot of {} by {g}", b.field),
        None => format!("Box plot of {}", b.field),
    };
    let mut d = Drawing::new(title, size, MARGIN_LEFT, MARGIN_RIGHT);
    d.labels(b.group_by.clone(), Some(b.field.clone()));
    let shown = &b.groups[..b.groups.len().min(BOX_LIMIT)];
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for g in shown {
        let (a, z) = match b.outliers {
            OutlierVisibility::Visible => (g.quartiles.min, g.quartiles.max),
            OutlierVisibility::Hidden => (g.lower_whisker, g.upper_whisker),
        };
        lo = lo.min(a);
        hi = hi.max(z);
    }
    if !lo.is_finite() {
        (lo, hi) = (0.0, 1.0);
    }
    let sy = d.y_axis(lo, hi);
    d.baseline();
    let p = d.plot;
    for (g, (x, w)) in shown.iter().zip(bands(p.x, p.w, shown.len(), 0.4)) {
        let q = g.quartiles;
        let name = g.category.clone().unwrap_or_else(|| b.field.clone());
        let mid = x + w / 2.0;
        let (y1, y3) = (sy.map(q.q1), sy.map(q.q3));
        let tip = format!(
            "{name}: median {}, Q1 {}, Q3 {}, n = {}",
            number_text(q.median),
            number_text(q.q1),
            number_text(q.q3),
            thousands(g.n as u64)
        );
        let (wl, wu) = (sy.map(g.lower_whisker), sy.map(g.upper_whisker));
        d.marks.push(Mark::Line {
            x1: mid,
            y1: wl,
            x2: mid,
            y2: y1,
            class: "whisker",
        });
        d.marks.push(Mark::Line {
            x1: mid,
            y1: y3,
            x2: mid,
            y2: wu,
            class: "whisker",
        });
        for y in [wl, wu] {
            d.marks.push(Mark::Line {
                x1: x + w / 4.0,
                y1: y,
                x2: x + 3.0 * w / 4.0,
                y2: y,
                class: "whisker",
            });
        }
        d.marks.push(Mark::Rect {
            x,
            y: y3,
            w,
            h: y1 - y3,
            class: "box".into(),
            shade: None,
            tip,
        });
        let ym = sy.map(q.median);
        d.marks.push(Mark::Line {
            x1: x,
            y1: ym,
            x2: x + w,
            y2: ym,
            class: "median",
        });
        for &o in &g.outliers {
            d.marks.push(Mark::Circle {
                cx: mid,
                cy: sy.map(o),
                r: 3.0,
                class: "outlier".into(),
                tip: format!("{name}: outlier {}", number_text(o)),
            });
        }
        if g.category.is_some() {
            let t = text(
                d.clamp_x(mid),
                d.clamp_y(p.bottom() + 16.0),
                fit(&name, w + 8.0),
                Anchor::Middle,
                "tick",
            );
            d.axes.push(t);
        }
    }
    if b.groups.len() > shown.len() {
        d.notes.push(format!(
            "The first {} of {} groups are drawn; the table has them all.",
            shown.len(),
            b.groups.len()
        ));
    }
    if b.missing > 0 {
        d.notes.push(format!(
            "{} missing values are left out.",
            thousands(b.missing as u64)
        ));
    }
    let outliers: usize = b.groups.iter().map(|g| g.outlier_count).sum();
    d.summary = format!(
        "Box plot of {}{}: {} {}. Whiskers reach the furthest values within 1.5 × IQR; {} \
         outliers beyond them{}.",
        b.field,
        b.group_by
            .as_ref()
            .map_or(String::new(), |g| format!(" by {g}")),
        b.groups.len(),
        if b.groups.len() == 1 { "box" } else { "boxes" },
        thousands(outliers as u64),
        match b.outliers {
            OutlierVisibility::Visible => "",
            OutlierVisibility::Hidden => " (hidden)",
        }
    );
    let rows = b
        .groups
        .iter()
        .map(|g| {
            let q = g.quartiles;
            vec![
                g.category.clone().unwrap_or_else(|| b.field.clone()),
                thousands(g.n as u64),
                number_text(q.min),
                number_text(q.q1),
                number_text(q.median),
                number_text(q.q3),
                number_text(q.max),
                number_text(g.lower_whisker),
                number_text(g.upper_whisker),
                thousands(g.outlier_count as u64),
            ]
        })
        .collect();
    d.table(
        &[
            "Group",
            "Count",
            "Min",
            "Q1",
            "Median",
            "Q3",
            "Max",
            "Lower whisker",
            "Upper whisker",
            "Outliers",
        ],
        rows,
    );
    d
}

/// The part of `y = f(x)` for x in `[x0, x1]` whose y is within `[y0, y1]`.
fn clip(t: &super::visuals::Trend, x0: f64, x1: f64, y0: f64, y1: f64) -> Option<(f64, f64)> {
    let (mut a, mut b) = (x0, x1);
    if t.slope == 0.0 {
        let y = t.intercept;
        return (y >= y0 && y <= y1).then_some((a, b));
    }
    let (xa, xb) = ((y0 - t.intercept) / t.slope, (y1 - t.intercept) / t.slope);
    a = a.max(xa.min(xb));
    b = b.min(xa.max(xb));
    (a < b).then_some((a, b))
}

pub fn scatter(s: &Scatter, size: Size) -> Drawing {
    let o = &s.options;
    let right = if s.colors.is_empty() {
        MARGIN_RIGHT
    } else {
        (size.width * 0.25).clamp(MARGIN_RIGHT, 140.0)
    };
    let mut d = Drawing::new(format!("{} and {}", o.y, o.x), size, MARGIN_LEFT, right);
    d.labels(Some(o.x.clone()), Some(o.y.clone()));
    let range = |f: fn(&super::visuals::ScatterPoint) -> f64| {
        s.points
            .iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
    };
    let (mut x0, mut x1) = range(|p| p.x);
    let (mut y0, mut y1) = range(|p| p.y);
    if !x0.is_finite() {
        (x0, x1, y0, y1) = (0.0, 1.0, 0.0, 1.0);
    }
    let sy = d.y_axis(y0, y1);
    let sx = d.x_axis(x0, x1, true);
    d.baseline();
    let sizes = s.points.iter().filter_map(|p| p.size);
    let max_size = sizes.fold(0.0f64, |m, v| m.max(v.abs()));
    for p in &s.points {
        let r = match p.size {
            Some(v) if max_size > 0.0 => 2.0 + 10.0 * (v.abs() / max_size).sqrt(),
            _ => 3.0,
        };
        let class = match p.color {
            Some(c) => format!("point series-{}", c % SERIES),
            None => "point".to_string(),
        };
        let mut tip = format!(
            "{}: {}, {}: {}",
            o.x,
            number_text(p.x),
            o.y,
            number_text(p.y)
        );
        if let (Some(f), Some(v)) = (&o.size, p.size) {
            tip.push_str(&format!(", {f}: {}", number_text(v)));
        }
        if let (Some(f), Some(c)) = (&o.color, p.color) {
            tip.push_str(&format!(", {f}: {}", s.colors[c]));
        }
        d.marks.push(Mark::Circle {
            cx: sx.map(p.x),
            cy: sy.map(p.y),
            r,
            class,
            tip,
        });
    }
    if let Some(t) = &s.trend {
        if let Some((a, b)) = clip(t, sx.d0, sx.d1, sy.d0, sy.d1) {
            d.marks.push(Mark::Line {
                x1: sx.map(a),
                y1: sy.map(t.at(a)),
                x2: sx.map(b),
                y2: sy.map(t.at(b)),
                class: "trend",
            });
        }
    }
    let legend: Vec<(String, String)> = s
        .colors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), format!("series-{}", i % SERIES)))
        .collect();
    d.legend(&legend);
    d.notes.extend(s.sampling_note());
    if s.missing > 0 {
        d.notes.push(format!(
            "{} rows without both values are left out.",
            thousands(s.missing as u64)
        ));
    }
    d.summary = format!(
        "Scatter plot of {} against {}: {} points. {}{}",
        o.y,
        o.x,
        thousands(s.total as u64),
        match s.pearson {
            Some(r) => format!("Pearson's r = {r:.3} ({}).", strength(r)),
            None => "The correlation is undefined (a field does not vary).".to_string(),
        },
        s.trend.map_or(String::new(), |t| format!(
            " Trend line: {} = {} × {} + {}.",
            o.y,
            number_text(t.slope),
            o.x,
            number_text(t.intercept)
        )),
    );
    let mut headers = vec![o.x.as_str(), o.y.as_str()];
    headers.extend(o.size.as_deref());
    headers.extend(o.color.as_deref());
    let rows = s
        .points
        .iter()
        .map(|p| {
            let mut r = vec![number_text(p.x), number_text(p.y)];
            if o.size.is_some() {
                r.push(p.size.map_or(String::new(), number_text));
            }
            if o.color.is_some() {
                r.push(p.color.map_or(String::new(), |c| s.colors[c].clone()));
            }
            r
        })
        .collect();
    d.table(&headers, rows);
    d
}

/// How a correlation reads.
pub fn strength(r: f64) -> &'static str {
    let a = r.abs();
    let dir = r >= 0.0;
    match (a, dir) {
        (a, _) if a < 0.1 => "no linear relationship",
        (a, true) if a < 0.4 => "weak positive",
        (a, false) if a < 0.4 => "weak negative",
        (a, true) if a < 0.7 => "moderate positive",
        (a, false) if a < 0.7 => "moderate negative",
        (_, true) => "strong positive",
        (_, false) => "strong negative",
    }
}

/// A grid of cells with row labels left and column labels below.
struct Grid {
    cols: Vec<(f64, f64)>,
    rows: Vec<(f64, f64)>,
}

fn grid(d: &mut Drawing, rows: &[String], cols: &[String]) -> Grid {
    let p = d.plot;
    let g = Grid {
        cols: bands(p.x, p.w, cols.len(), 0.06),
        rows: bands(p.y, p.h, rows.len(), 0.06),
    };
    for (label, (y, h)) in rows.iter().zip(&g.rows) {
        if *h >= 8.0 || rows.len() <= 12 {
            let t = text(
                d.clamp_x(p.x - 6.0),
                d.clamp_y(y + h / 2.0 + 4.0),
                fit(label, p.x - 10.0),
                Anchor::End,
                "tick",
            );
            d.axes.push(t);
        }
    }
    for (label, (x, w)) in cols.iter().zip(&g.cols) {
        let t = text(
            d.clamp_x(x + w / 2.0),
            d.clamp_y(p.bottom() + 16.0),
            fit(label, w + 4.0),
            Anchor::Middle,
            "tick",
        );
        d.axes.push(t);
    }
    g
}

pub fn heat_map(h: &HeatMap, size: Size) -> Drawing {
    let mut d = Drawing::new(
        format!(
            "{} by {} and {}",
            h.measure.label(),
            h.row_field,
            h.column_field
        ),
        size,
        LABEL_MARGIN.min(size.width * 0.35),
        MARGIN_RIGHT,
    );
    d.labels(Some(h.column_field.clone()), Some(h.row_field.clone()));
    let g = grid(&mut d, &h.rows, &h.columns);
    let (lo, hi) = h.range().unwrap_or((0.0, 0.0));
    for (i, (y, hh)) in g.rows.iter().enumerate() {
        for (j, (x, w)) in g.cols.iter().enumerate() {
            let Some(v) = h.cells[i][j] else { continue };
            let shade = if hi > lo { (v - lo) / (hi - lo) } else { 1.0 };
            d.marks.push(Mark::Rect {
                x: *x,
                y: *y,
                w: *w,
                h: *hh,
                class: "cell".into(),
                shade: Some(0.1 + 0.9 * shade),
                tip: format!(
                    "{} = {}, {} = {}: {}",
                    h.row_field,
                    h.rows[i],
                    h.column_field,
                    h.columns[j],
                    value_text(v)
                ),
            });
        }
    }
    d.notes.extend(h.hidden_note());
    d.summary = format!(
        "Heat map of {} for {} rows of {} and {} columns of {}; darker is higher, from {} to {}.",
        h.measure.label(),
        h.rows.len(),
        h.row_field,
        h.columns.len(),
        h.column_field,
        value_text(lo),
        value_text(hi)
    );
    let corner = format!("{} \\ {}", h.row_field, h.column_field);
    let mut headers = vec![corner.as_str()];
    headers.extend(h.columns.iter().map(String::as_str));
    let rows = h
        .rows
        .iter()
        .zip(&h.cells)
        .map(|(r, cells)| {
            std::iter::once(r.clone())
                .chain(cells.iter().map(|c| c.map_or(String::new(), value_text)))
                .collect()
        })
        .collect();
    d.table(&headers, rows);
    d
}

pub fn correlation_matrix(m: &CorrelationMatrix, size: Size) -> Drawing {
    let mut d = Drawing::new(
        "Correlation matrix".to_string(),
        size,
        LABEL_MARGIN.min(size.width * 0.35),
        MARGIN_RIGHT,
    );
    let g = grid(&mut d, &m.fields, &m.fields);
    let mut strongest: Option<(f64, usize, usize)> = None;
    for (i, (y, hh)) in g.rows.iter().enumerate() {
        for (j, (x, w)) in g.cols.iter().enumerate() {
            let Some(r) = m.r[i][j] else { continue };
            if i < j && strongest.is_none_or(|(s, _, _)| r.abs() > s.abs()) {
                strongest = Some((r, i, j));
            }
            d.marks.push(Mark::Rect {
                x: *x,
                y: *y,
                w: *w,
                h: *hh,
                class: if r >= 0.0 { "corr-pos" } else { "corr-neg" }.into(),
                shade: Some(r.abs()),
                tip: format!("{} and {}: r = {r:.2}", m.fields[i], m.fields[j]),
            });
            if *w >= 30.0 && *hh >= 14.0 {
                d.marks.push(text(
                    x + w / 2.0,
                    y + hh / 2.0 + 4.0,
                    format!("{r:.2}"),
                    Anchor::Middle,
                    // Light text on the darker cells.
                    if r.abs() > 0.5 {
                        "cell-value on-dark"
                    } else {
                        "cell-value"
                    },
                ));
            }
        }
    }
    d.legend(&[
        ("r = +1".to_string(), "corr-pos".to_string()),
        ("r = −1".to_string(), "corr-neg".to_string()),
    ]);
    if m.hidden_fields > 0 {
        d.notes.push(format!(
            "{} more numeric fields are not in the matrix.",
            m.hidden_fields
        ));
    }
    d.summary = format!(
        "Pearson correlation of {} numeric fields; the darker a cell, the stronger the \
         correlation (blue positive, red negative).{}",
        m.fields.len(),
        strongest.map_or(String::new(), |(r, i, j)| format!(
            " The strongest pair is {} and {}: r = {r:.2} ({}).",
            m.fields[i],
            m.fields[j],
            strength(r)
        ))
    );
    let mut headers = vec!["Field"];
    headers.extend(m.fields.iter().map(String::as_str));
    let rows = m
        .fields
        .iter()
        .zip(&m.r)
        .map(|(f, rs)| {
            std::iter::once(f.clone())
                .chain(
                    rs.iter()
                        .map(|r| r.map_or("–".into(), |r| format!("{r:.3}"))),
                )
                .collect()
        })
        .collect();
    d.table(&headers, rows);
    d
}

/// Round steps for a time axis, in milliseconds.
const TIME_STEPS: [i64; 16] = [
    60_000,
    120_000,
    300_000,
    600_000,
    900_000,
    1_800_000,
    3_600_000,
    7_200_000,
    10_800_000,
    21_600_000,
    43_200_000,
    86_400_000,
    172_800_000,
    604_800_000,
    1_209_600_000,
    2_592_000_000,
];

fn period_text(t: i64, grain: TimeGrain) -> String {
    let s = time_text(t);
    match grain {
        TimeGrain::Day => s[..10.min(s.len())].to_string(),
        _ => s[..16.min(s.len())].to_string(),
    }
}

pub fn line_chart(c: &LineChart, size: Size) -> Drawing {
    line_chart_spanning(c, size, None, (f64::INFINITY, f64::NEG_INFINITY)).0
}

/// A line chart whose time axis may run on to `until` and whose value axis takes in `extra`
/// (a forecast's periods and band), with its scales.
fn line_chart_spanning(
    c: &LineChart,
    size: Size,
    until: Option<i64>,
    extra: (f64, f64),
) -> (Drawing, Scale, Scale) {
    let mut d = Drawing::new(
        format!("{} per {}", c.measure.label(), c.grain.name()),
        size,
        MARGIN_LEFT,
        MARGIN_RIGHT,
    );
    d.labels(Some(c.time_field.clone()), Some(c.measure.label()));
    let values: Vec<f64> = c.points.iter().filter_map(|p| p.1).collect();
    let (mut lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let (lo, hi) = if lo.is_finite() {
        if lo > 0.0 && matches!(c.measure.aggregate, super::visuals::Aggregate::Count) {
            lo = 0.0;
        }
        (lo.min(extra.0), hi.max(extra.1))
    } else {
        (0.0, 1.0)
    };
    let sy = d.y_axis(lo, hi);
    let p = d.plot;
    let (t0, t1) = match (c.points.first(), c.points.last()) {
        (Some(a), Some(b)) => (a.0, until.unwrap_or(b.0).max(b.0)),
        _ => (0, 1),
    };
    let sx = Scale {
        d0: t0 as f64,
        d1: t1 as f64,
        r0: p.x,
        r1: p.right(),
    };
    // Time ticks: a round step giving at most about one label per 90 px.
    let most = (p.w / 90.0).max(1.0) as i64;
    let span = (t1 - t0).max(1);
    let step = TIME_STEPS
        .iter()
        .copied()
        .find(|s| span / s <= most)
        .unwrap_or(TIME_STEPS[TIME_STEPS.len() - 1] * (span / most / TIME_STEPS[15] + 1));
    let mut t = t0 + (step - t0.rem_euclid(step)) % step;
    let days = step >= 86_400_000 || t1 - t0 >= 86_400_000;
    while t <= t1 {
        let x = sx.map(t as f64);
        d.axes.push(Mark::Line {
            x1: x,
            y1: p.y,
            x2: x,
            y2: p.bottom(),
            class: "grid",
        });
        let full = time_text(t);
        let label = if step >= 86_400_000 {
            full.get(..10).unwrap_or(&full).to_string()
        } else if days {
            full.get(5..16).unwrap_or(&full).to_string()
        } else {
            full.get(11..16).unwrap_or(&full).to_string()
        };
        let m = text(
            d.clamp_x(x),
            d.clamp_y(p.bottom() + 16.0),
            label,
            Anchor::Middle,
            "tick",
        );
        d.axes.push(m);
        t += step;
    }
    d.baseline();
    // One path per run of periods with a value.
    let mut run: Vec<(f64, f64)> = Vec::new();
    let flush = |run: &mut Vec<(f64, f64)>, marks: &mut Vec<Mark>| {
        if !run.is_empty() {
            marks.push(Mark::Path {
                points: std::mem::take(run),
                closed: false,
                class: "line".into(),
                tip: String::new(),
            });
        }
    };
    for &(t, v) in &c.points {
        match v {
            Some(v) => run.push((sx.map(t as f64), sy.map(v))),
            None => flush(&mut run, &mut d.marks),
        }
    }
    flush(&mut run, &mut d.marks);
    if c.points.len() <= 60 {
        for &(t, v) in &c.points {
            if let Some(v) = v {
                d.marks.push(Mark::Circle {
                    cx: sx.map(t as f64),
                    cy: sy.map(v),
                    r: 2.5,
                    class: "point".into(),
                    tip: format!("{}: {}", period_text(t, c.grain), value_text(v)),
                });
            }
        }
    }
    if c.missing_time > 0 {
        d.notes.push(format!(
            "{} rows without a time are left out.",
            thousands(c.missing_time as u64)
        ));
    }
    let peak = c
        .points
        .iter()
        .filter_map(|&(t, v)| v.map(|v| (t, v)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
    d.summary = format!(
        "Line chart of {} per {} from {} to {} ({} periods).{}",
        c.measure.label(),
        c.grain.name(),
        period_text(t0, c.grain),
        period_text(t1, c.grain),
        c.points.len(),
        peak.map_or(String::new(), |(t, v)| format!(
            " The highest is {} at {}.",
            value_text(v),
            period_text(t, c.grain)
        ))
    );
    let label = c.measure.label();
    let rows = c
        .points
        .iter()
        .map(|&(t, v)| vec![period_text(t, c.grain), v.map_or(String::new(), value_text)])
        .collect();
    d.table(&["Period", &label], rows);
    (d, sx, sy)
}

/// A line chart with ML Insights on it: each anomaly a marked point whose label is its
/// explanation, and a forecast's line and prediction band after (and, for periods backward,
/// over) the data. The data table gets an anomaly column and the forecast's periods.
pub fn line_chart_insights(
    c: &LineChart,
    anomalies: Option<&AnomalyReport>,
    forecast: Option<&Forecast>,
    size: Size,
) -> Drawing {
    let band: Vec<&ForecastPoint> = forecast
        .map(|f| f.backward.iter().chain(&f.forward).collect())
        .unwrap_or_default();
    let extra = band
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), p| {
            (a.min(p.low), b.max(p.high))
        });
    let until = forecast.and_then(|f| f.forward.last()).map(|p| p.time);
    let (mut d, sx, sy) = line_chart_spanning(c, size, until, extra);
    let mut forecast_marks = Vec::new();
    if let Some(f) = forecast {
        let title = format!("Forecast ({} % prediction interval)", f.interval);
        for part in [&f.backward, &f.forward] {
            if part.is_empty() {
                continue;
            }
            let upper = part.iter().map(|p| (sx.map(p.time as f64), sy.map(p.high)));
            let lower = part
                .iter()
                .rev()
                .map(|p| (sx.map(p.time as f64), sy.map(p.low)));
            forecast_marks.push(Mark::Path {
                points: upper.chain(lower).collect(),
                closed: true,
                class: "forecast-band".into(),
                tip: title.clone(),
            });
            forecast_marks.push(Mark::Path {
                points: part
                    .iter()
                    .map(|p| (sx.map(p.time as f64), sy.map(p.value)))
                    .collect(),
                closed: false,
                class: "forecast".into(),
                tip: f.summary.clone(),
            });
        }
        // The band goes under the data's line.
        forecast_marks.append(&mut d.marks);
        d.marks = forecast_marks;
        d.notes.extend(f.notes.iter().cloned());
        d.summary.push(' ');
        d.summary.push_str(&f.summary);
    }
    let mut flagged = std::collections::HashMap::new();
    if let Some(r) = anomalies {
        for a in &r.anomalies {
            d.marks.push(Mark::Circle {
                cx: sx.map(a.time as f64),
                cy: sy.map(a.value),
                r: 5.0,
                class: "anomaly".into(),
                tip: a.explanation.clone(),
            });
            flagged.insert(a.index, a.explanation.as_str());
        }
        d.summary.push(' ');
        d.summary.push_str(&r.summary);
        if let Some(top) = r.anomalies.first() {
            d.summary.push(' ');
            d.summary.push_str(&top.explanation);
        }
    }
    let mut headers = vec!["Period".to_string(), c.measure.label()];
    if anomalies.is_some() {
        headers.extend(["Anomaly score".to_string(), "Anomaly".to_string()]);
    }
    if let Some(f) = forecast {
        headers.extend([
            "Forecast".to_string(),
            format!("Forecast low ({} %)", f.interval),
            format!("Forecast high ({} %)", f.interval),
        ]);
    }
    let by_time: std::collections::HashMap<i64, &ForecastPoint> =
        band.iter().map(|p| (p.time, *p)).collect();
    let forecast_cells = |t: i64| -> Vec<String> {
        match by_time.get(&t) {
            Some(p) => vec![value_text(p.value), value_text(p.low), value_text(p.high)],
            None => vec![String::new(); 3],
        }
    };
    let mut rows: Vec<Vec<String>> = c
        .points
        .iter()
        .enumerate()
        .map(|(i, &(t, v))| {
            let mut row = vec![period_text(t, c.grain), v.map_or(String::new(), value_text)];
            if let Some(r) = anomalies {
                row.push(
                    r.scores
                        .get(i)
                        .copied()
                        .flatten()
                        .map_or(String::new(), |s| format!("{s:.2}")),
                );
                row.push(flagged.get(&i).map_or(String::new(), |e| e.to_string()));
            }
            if forecast.is_some() {
                row.extend(forecast_cells(t));
            }
            row
        })
        .collect();
    if let Some(f) = forecast {
        for p in &f.forward {
            let mut row = vec![period_text(p.time, c.grain), String::new()];
            if anomalies.is_some() {
                row.extend([String::new(), String::new()]);
            }
            row.extend(forecast_cells(p.time));
            rows.push(row);
        }
    }
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    d.table(&headers, rows);
    d
}

pub fn bar_chart(b: &BarChart, size: Size) -> Drawing {
    let mut d = Drawing::new(
        format!("{} by {}", b.measure.label(), b.category_field),
        size,
        LABEL_MARGIN.min(size.width * 0.35),
        MARGIN_RIGHT,
    );
    d.labels(Some(b.measure.label()), Some(b.category_field.clone()));
    let lo = b.bars.iter().map(|x| x.1).fold(0.0, f64::min);
    let hi = b.bars.iter().map(|x| x.1).fold(0.0, f64::max);
    let sx = d.x_axis(lo, if hi > lo { hi } else { lo + 1.0 }, true);
    let p = d.plot;
    let zero = sx.map(0.0);
    let rows = bands(p.y, p.h, b.bars.len(), 0.2);
    for ((label, v), (y, h)) in b.bars.iter().zip(&rows) {
        let x = sx.map(*v);
        d.marks.push(Mark::Rect {
            x: x.min(zero),
            y: *y,
            w: (x - zero).abs(),
            h: *h,
            class: "bar".into(),
            shade: None,
            tip: format!("{label}: {}", value_text(*v)),
        });
        if *h >= 8.0 || b.bars.len() <= 12 {
            let t = text(
                d.clamp_x(p.x - 6.0),
                d.clamp_y(y + h / 2.0 + 4.0),
                fit(label, p.x - 10.0),
                Anchor::End,
                "tick",
            );
            d.axes.push(t);
        }
    }
    d.axes.push(Mark::Line {
        x1: zero,
        y1: p.y,
        x2: zero,
        y2: p.bottom(),
        class: "axis",
    });
    if b.hidden > 0 {
        d.notes.push(format!(
            "{} more categories are not shown.",
            thousands(b.hidden as u64)
        ));
    }
    d.summary = format!(
        "Bar chart of {} for {} values of {}.{}",
        b.measure.label(),
        b.bars.len(),
        b.category_field,
        b.bars.first().map_or(String::new(), |(l, v)| format!(
            " The first is {l} with {}.",
            value_text(*v)
        ))
    );
    let label = b.measure.label();
    let rows = b
        .bars
        .iter()
        .map(|(l, v)| vec![l.clone(), value_text(*v)])
        .collect();
    d.table(&[&b.category_field, &label], rows);
    d
}

pub fn pie_chart(pie: &PieChart, size: Size) -> Drawing {
    let right = (size.width * 0.4).clamp(MARGIN_RIGHT, 200.0);
    let mut d = Drawing::new(
        format!("{} by {}", pie.measure.label(), pie.category_field),
        size,
        MARGIN_RIGHT,
        right,
    );
    let p = d.plot;
    let (cx, cy) = (p.x + p.w / 2.0, p.y + p.h / 2.0);
    let r = (p.w.min(p.h) / 2.0 - 2.0).max(0.0);
    let mut angle = -std::f64::consts::FRAC_PI_2;
    let mut legend = Vec::new();
    for (i, s) in pie.slices.iter().enumerate() {
        let sweep = s.share * std::f64::consts::TAU;
        let steps = ((sweep / 0.05).ceil() as usize).max(1);
        let mut points = vec![(cx, cy)];
        for k in 0..=steps {
            let a = angle + sweep * k as f64 / steps as f64;
            points.push((
                (cx + r * a.cos()).clamp(p.x, p.right()),
                (cy + r * a.sin()).clamp(p.y, p.bottom()),
            ));
        }
        angle += sweep;
        let class = format!("slice series-{}", i % SERIES);
        let text = format!("{} ({:.1} %)", s.label, s.share * 100.0);
        legend.push((text.clone(), format!("series-{}", i % SERIES)));
        d.marks.push(Mark::Path {
            points,
            closed: true,
            class,
            tip: format!("{}: {}", text, value_text(s.value)),
        });
    }
    d.legend(&legend);
    if pie.grouped > 0 {
        d.notes.push(format!(
            "\"Other\" groups {} small categories.",
            pie.grouped
        ));
    }
    d.summary = format!(
        "Pie chart of {} by {}: {} slices of {}.{}",
        pie.measure.label(),
        pie.category_field,
        pie.slices.len(),
        value_text(pie.total),
        pie.slices.first().map_or(String::new(), |s| format!(
            " The largest is {} with {:.1} %.",
            s.label,
            s.share * 100.0
        ))
    );
    let label = pie.measure.label();
    let rows = pie
        .slices
        .iter()
        .map(|s| {
            vec![
                s.label.clone(),
                value_text(s.value),
                format!("{:.1} %", s.share * 100.0),
            ]
        })
        .collect();
    d.table(&[&pie.category_field, &label, "Share"], rows);
    d
}

pub fn kpi(k: &Kpi, size: Size) -> Drawing {
    let mut d = Drawing::new(k.measure.label(), size, MARGIN_RIGHT, MARGIN_RIGHT);
    let p = d.plot;
    let value = k.value.map_or("–".to_string(), value_text);
    d.marks.push(text(
        p.x + p.w / 2.0,
        p.y + (p.h / 2.0).min(p.h),
        value.clone(),
        Anchor::Middle,
        "kpi-value",
    ));
    let mut rows = vec![vec![k.measure.label(), value.clone()]];
    let mut summary = format!("{}: {value}", k.measure.label());
    if let Some((start, grain)) = k.period {
        summary.push_str(&format!(
            " in the {} of {}",
            grain.name(),
            period_text(start, grain)
        ));
        rows[0][0] = format!("{} ({})", k.measure.label(), period_text(start, grain));
        let previous = k.previous.map_or("–".to_string(), value_text);
        rows.push(vec!["Previous period".to_string(), previous.clone()]);
        let change = match k.change {
            Some(c) => format!(
                "{}{:.1} %",
                if c >= 0.0 { "+" } else { "−" },
                c.abs() * 100.0
            ),
            None => "–".to_string(),
        };
        rows.push(vec!["Change".to_string(), change.clone()]);
        summary.push_str(&format!(
            "; the {} before: {previous} ({change})",
            grain.name()
        ));
        d.marks.push(text(
            p.x + p.w / 2.0,
            (p.y + p.h / 2.0 + 22.0).min(p.bottom()),
            format!("{change} vs previous {}", grain.name()),
            Anchor::Middle,
            match k.change {
                Some(c) if c < 0.0 => "kpi-down",
                _ => "kpi-up",
            },
        ));
    }
    summary.push('.');
    d.summary = summary;
    d.table(&["Measure", "Value"], rows);
    d
}

/// Escapes text for XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The styles of a standalone file (the page has its own CSS for the same classes).
const STYLE: &str = "text{font-family:system-ui,sans-serif;font-size:11px;fill:#414d5c}\
.title{font-size:14px;font-weight:bold;fill:#000716}.axis-label{font-size:12px}\
.bg{fill:#fff}.grid{stroke:#e9ebed}.axis{stroke:#7d8998}\
.bar,.box{fill:#688ae8}.box{stroke:#0f1b2a;fill-opacity:.6}.median{stroke:#0f1b2a;stroke-width:2}\
.whisker{stroke:#0f1b2a}.outlier{fill:none;stroke:#c33d69}.point{fill:#688ae8;fill-opacity:.7}\
.trend{stroke:#c33d69;stroke-width:2;stroke-dasharray:6 3}\
.anomaly{fill:#d91515;stroke:#fff;stroke-width:1.5}.forecast{fill:none;stroke:#8456ce;stroke-width:2;stroke-dasharray:4 3}\
.forecast-band{fill:#8456ce;fill-opacity:.18}.line{fill:none;stroke:#688ae8;stroke-width:2}\
.cell{fill:#0f4fb4}.corr-pos{fill:#0f4fb4}.corr-neg{fill:#c33d69}.cell-value{font-size:10px}.on-dark{fill:#fff}\
.slice{stroke:#fff}.kpi-value{font-size:36px;font-weight:bold;fill:#000716}\
.kpi-up{font-size:14px;fill:#037f0c}.kpi-down{font-size:14px;fill:#d91515}\
.series-0{fill:#688ae8}.series-1{fill:#c33d69}.series-2{fill:#2ea597}.series-3{fill:#8456ce}\
.series-4{fill:#e07941}.series-5{fill:#3759ce}.series-6{fill:#962249}.series-7{fill:#096f64}";

/// A coordinate as the SVG writes it: at most two decimals, no trailing zeros.
pub fn coord(v: f64) -> String {
    n(v)
}

fn n(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        "0".into()
    } else {
        format!("{r}")
    }
}

fn tip(t: &str) -> String {
    if t.is_empty() {
        String::new()
    } else {
        format!("<title>{}</title>", escape(t))
    }
}

fn mark_svg(m: &Mark, out: &mut String) {
    match m {
        Mark::Rect {
            x,
            y,
            w,
            h,
            class,
            shade,
            tip: t,
        } => {
            let opacity = shade.map_or(String::new(), |s| format!(" fill-opacity=\"{:.3}\"", s));
            out.push_str(&format!(
                "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{opacity}>{}</rect>\n",
                escape(class),
                n(*x),
                n(*y),
                n(*w),
                n(*h),
                tip(t)
            ));
        }
        Mark::Circle {
            cx,
            cy,
            r,
            class,
            tip: t,
        } => out.push_str(&format!(
            "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\">{}</circle>\n",
            escape(class),
            n(*cx),
            n(*cy),
            n(*r),
            tip(t)
        )),
        Mark::Line {
            x1,
            y1,
            x2,
            y2,
            class,
        } => out.push_str(&format!(
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
            n(*x1),
            n(*y1),
            n(*x2),
            n(*y2)
        )),
        Mark::Path {
            points,
            closed,
            class,
            tip: t,
        } => {
            let dpath = path_data(points, *closed);
            out.push_str(&format!(
                "<path class=\"{}\" d=\"{dpath}\">{}</path>\n",
                escape(class),
                tip(t)
            ));
        }
        Mark::Text {
            x,
            y,
            text,
            anchor,
            class,
        } => out.push_str(&format!(
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n",
            n(*x),
            n(*y),
            anchor.as_str(),
            escape(text)
        )),
    }
}

/// A path's `d` attribute: `M x y L x y …`, and `Z` when closed.
pub fn path_data(points: &[(f64, f64)], closed: bool) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        d.push_str(if i == 0 { "M" } else { " L" });
        d.push_str(&format!("{} {}", n(*x), n(*y)));
    }
    if closed {
        d.push_str(" Z");
    }
    d
}

/// The drawing as a standalone SVG file: its title and summary as `<title>` and `<desc>`, the
/// styles inline.
pub fn to_svg(d: &Drawing) -> String {
    let (w, h) = (n(d.size.width), n(d.size.height));
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 \
         {w} {h}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">\n\
         <title id=\"chart-title\">{}</title>\n<desc id=\"chart-desc\">{}</desc>\n\
         <style>{STYLE}</style>\n<rect class=\"bg\" width=\"{w}\" height=\"{h}\"/>\n",
        escape(&d.title),
        escape(&d.summary),
    );
    for m in d.axes.iter().chain(&d.marks) {
        mark_svg(m, &mut out);
    }
    out.push_str("</svg>\n");
    out
}
