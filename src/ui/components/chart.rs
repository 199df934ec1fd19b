//! A small SVG line chart for per-minute metrics, with an optional limit line.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LineChartProps {
    /// The chart's accessible name and visible title.
    pub title: AttrValue,
    /// What the values are, e.g. "Count" or "Bytes".
    pub unit: AttrValue,
    /// (minute start in epoch ms, value), oldest first.
    pub points: Vec<(i64, f64)>,
    /// The window shown: [from_ms, to_ms).
    pub from_ms: i64,
    pub to_ms: i64,
    /// A horizontal limit line, e.g. the per-shard write limit.
    #[prop_or_default]
    pub limit: Option<(f64, AttrValue)>,
}

const W: f64 = 360.0;
const H: f64 = 140.0;
const PAD_L: f64 = 44.0;
const PAD_B: f64 = 18.0;

fn short(v: f64) -> String {
    if v >= 1e9 {
        format!("{:.1}G", v / 1e9)
    } else if v >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if v >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

#[component]
pub fn LineChart(props: &LineChartProps) -> Html {
    let span = (props.to_ms - props.from_ms).max(1) as f64;
    let peak = props
        .points
        .iter()
        .map(|p| p.1)
        .chain(props.limit.as_ref().map(|l| l.0))
        .fold(0.0f64, f64::max);
    let top = if peak <= 0.0 { 1.0 } else { peak * 1.1 };
    let x = |t: i64| PAD_L + (t - props.from_ms) as f64 / span * (W - PAD_L - 4.0);
    let y = |v: f64| 4.0 + (1.0 - v / top) * (H - PAD_B - 8.0);
    let path: String = props
        .points
        .iter()
        .enumerate()
        .map(|(i, (t, v))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { " L" },
                x(*t),
                y(*v)
            )
        })
        .collect();
    let last = props.points.last().map(|p| p.1);
    let summary = match last {
        Some(v) => format!("{}: latest minute {} {}", props.title, short(v), props.unit),
        None => format!("{}: no data in this period", props.title),
    };
    html! {
        <figure class="chart">
            <figcaption>{ &props.title }<span class="chart-unit">{ format!(" ({})", props.unit) }</span></figcaption>
            <svg viewBox={format!("0 0 {W} {H}")} role="img" aria-label={summary}>
                <line class="axis" x1={PAD_L.to_string()} y1={(H - PAD_B).to_string()} x2={W.to_string()} y2={(H - PAD_B).to_string()} />
                <text class="tick" x="2" y="12">{ short(top) }</text>
                <text class="tick" x="2" y={(H - PAD_B).to_string()}>{ "0" }</text>
                <text class="tick" x={PAD_L.to_string()} y={(H - 2.0).to_string()}>{ "-60 min" }</text>
                <text class="tick" x={(W - 28.0).to_string()} y={(H - 2.0).to_string()}>{ "now" }</text>
                if let Some((limit, label)) = &props.limit {
                    <line class="limit" x1={PAD_L.to_string()} x2={W.to_string()}
                        y1={format!("{:.1}", y(*limit))} y2={format!("{:.1}", y(*limit))} />
                    <text class="limit-label" x={(PAD_L + 4.0).to_string()} y={format!("{:.1}", y(*limit) - 3.0)}>{ label }</text>
                }
                if props.points.is_empty() {
                    <text class="tick" x={(W / 2.0 - 30.0).to_string()} y={(H / 2.0).to_string()}>{ "No data" }</text>
                } else {
                    <path class="series" d={path} />
                    { for props.points.iter().map(|(t, v)| html! {
                        <circle class="dot" cx={format!("{:.1}", x(*t))} cy={format!("{:.1}", y(*v))} r="2" />
                    }) }
                }
            </svg>
        </figure>
    }
}
