//! The Monitoring tab.

use super::StreamProps;
use crate::ui::components::chart::LineChart;
use crate::ui::context::use_sandbox;
use yew::prelude::*;

/// A metric chart: AWS's metric name, its unit, whether to plot the maximum (else the sum),
/// and an optional limit line.
type ChartSpec = (
    &'static str,
    &'static str,
    bool,
    Option<(f64, &'static str)>,
);

/// Monitoring: the stream's metrics for the last hour, and per shard when shard-level
/// metrics are on.
#[component]
pub(super) fn Monitoring(props: &StreamProps) -> Html {
    let sandbox = use_sandbox();
    let s = &props.stream;
    let now = sandbox.read(|sb| sb.now().epoch_millis());
    let to = (now.div_euclid(60_000) + 1) * 60_000;
    let from = to - 60 * 60_000;
    let shards = f64::from(s.open_shards.max(1));
    let series = |metric: &str, shard: Option<u32>, max: bool| -> Vec<(i64, f64)> {
        sandbox.read(|sb| {
            sb.stream_metric(&s.name, metric, shard, from, to)
                .into_iter()
                .map(|p| (p.at_ms, if max { p.stat.maximum } else { p.stat.sum }))
                .collect()
        })
    };
    let charts: Vec<ChartSpec> = vec![
        (
            "IncomingRecords",
            "Count, per minute",
            false,
            Some((shards * 60_000.0, "write limit")),
        ),
        (
            "IncomingBytes",
            "Bytes, per minute",
            false,
            Some((shards * 60.0 * 1_048_576.0, "write limit")),
        ),
        ("WriteProvisionedThroughputExceeded", "Count", false, None),
        ("PutRecords.ThrottledRecords", "Count", false, None),
        ("GetRecords.Records", "Count", false, None),
        ("ReadProvisionedThroughputExceeded", "Count", false, None),
        (
            "GetRecords.IteratorAgeMilliseconds",
            "Milliseconds, maximum",
            true,
            None,
        ),
    ];
    let metrics_on = sandbox.read(|sb| {
        sb.streams
            .get(&s.name)
            .map(|st| !st.shard_level_metrics.is_empty())
            .unwrap_or(false)
    });
    html! {
        <div class="tab-body">
            <p class="help">{ "CloudWatch metrics (namespace AWS/Kinesis), one point per minute, for the last hour of simulated time." }</p>
            <div class="charts">
                { for charts.into_iter().map(|(m, unit, max, limit)| html! {
                    <LineChart title={m.to_string()} unit={unit.to_string()} points={series(m, None, max)} from_ms={from} to_ms={to}
                        limit={limit.map(|(v, l)| (v, AttrValue::from(l.to_string())))} />
                }) }
            </div>
            <h2>{ "Shard-level metrics" }</h2>
            if metrics_on {
                <div class="charts">
                    { for s.shards.iter().filter(|sh| sh.open).map(|sh| html! {
                        <LineChart title={format!("IncomingRecords · {}", sh.id)} unit="Count, per minute"
                            points={series("IncomingRecords", Some(sh.index), false)} from_ms={from} to_ms={to}
                            limit={Some((60_000.0, AttrValue::from("1,000 records/s")))} />
                    }) }
                </div>
            } else {
                <p>{ "Shard-level metrics are off. Turn them on in the Details tab to see which shard is hot." }</p>
            }
        </div>
    }
}
