//! Amazon CloudWatch: log groups, their streams and events (Firehose's delivery errors), and
//! the AWS/Firehose metrics of each delivery stream.

use crate::engine::SimTime;
use crate::ui::components::chart::LineChart;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::firehose_series;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

fn ms_text(ms: i64) -> String {
    SimTime::from_millis(ms)
        .to_datetime()
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

/// A log event's message, pretty-printed when it is JSON.
fn message_text(m: &str) -> String {
    serde_json::from_str::<serde_json::Value>(m)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| m.to_string())
}

/// A log group: name, creation time, its streams (name, events kept, stored bytes) and its
/// subscription filters (name, destination).
type GroupRow = (
    String,
    i64,
    Vec<(String, usize, u64)>,
    Vec<(String, String)>,
);

#[component]
pub fn CloudWatchPage() -> Html {
    let sandbox = use_sandbox();
    let chosen = use_state(|| None::<(String, String)>);
    let metric_stream = use_state(String::new);
    let groups: Vec<GroupRow> = sandbox.read(|sb| {
        sb.cloudwatch()
            .log_groups()
            .map(|g| {
                (
                    g.name.clone(),
                    g.created,
                    g.streams
                        .values()
                        .map(|s| (s.name.clone(), s.events.len(), s.stored_bytes))
                        .collect(),
                    g.subscriptions
                        .iter()
                        .map(|f| (f.name.clone(), f.destination_arn.clone()))
                        .collect(),
                )
            })
            .collect()
    });
    let events: Vec<(i64, String)> = chosen
        .as_ref()
        .map(|(g, s)| {
            sandbox.read(|sb| {
                sb.cloudwatch()
                    .log_group(g)
                    .and_then(|g| g.streams.get(s))
                    .map(|s| {
                        s.events
                            .iter()
                            .rev()
                            .take(200)
                            .map(|e| (e.timestamp, message_text(&e.message)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
        })
        .unwrap_or_default();
    let delivery_streams: Vec<String> =
        sandbox.read(|sb| sb.firehose().names().map(str::to_string).collect());
    let shown = if delivery_streams.contains(&*metric_stream) {
        (*metric_stream).clone()
    } else {
        delivery_streams.first().cloned().unwrap_or_default()
    };
    let now = sandbox.read(|sb| sb.now().epoch_millis());
    let to = (now.div_euclid(60_000) + 1) * 60_000;
    let from = to - 60 * 60_000;
    let pick_metric_stream = {
        let metric_stream = metric_stream.clone();
        Callback::from(move |e: Event| {
            metric_stream.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <section class="page" aria-labelledby="cw-title">
            <h1 id="cw-title">{ "CloudWatch" }</h1>
            <h2>{ "Log groups" }</h2>
            <p class="help">{ "Firehose writes delivery errors to /aws/kinesisfirehose/<delivery stream> when error logging is on and its role may write there; AWS Lambda writes each run's logs to /aws/lambda/<function>." }</p>
            <p class="help">{ "A subscription filter sends a log group's matching events, gzip'd, to a Firehose stream or a Kinesis data stream: in the terminal, aws logs put-subscription-filter --log-group-name … --filter-name … --filter-pattern \"\" --destination-arn … --role-arn … (a role logs.amazonaws.com may assume, allowed firehose:PutRecordBatch or kinesis:PutRecords). Turn on decompression in the Firehose stream to deliver the log events themselves." }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Log groups and their log streams" }</caption>
                <thead><tr>
                    <th scope="col">{ "Log group" }</th>
                    <th scope="col">{ "Log stream" }</th>
                    <th scope="col">{ "Events" }</th>
                    <th scope="col">{ "Stored bytes" }</th>
                </tr></thead>
                <tbody>
                    if groups.is_empty() {
                        <tr><td colspan="4" class="empty">{ "No log groups" }</td></tr>
                    }
                    { for groups.iter().flat_map(|(g, created, streams, filters)| {
                        let head = html! {
                            <tr><td colspan="4"><strong>{ g }</strong><span class="help">{ format!(" · created {}", ms_text(*created)) }</span>
                                { for filters.iter().map(|(name, dest)| html! {
                                    <span class="help">{ format!(" · subscription filter {name} → {dest}") }</span>
                                }) }
                            </td></tr>
                        };
                        let rows: Vec<Html> = streams.iter().map(|(s, n, bytes)| {
                            let onclick = {
                                let (chosen, g, s) = (chosen.clone(), g.clone(), s.clone());
                                Callback::from(move |_: MouseEvent| chosen.set(Some((g.clone(), s.clone()))))
                            };
                            html! {
                                <tr>
                                    <td></td>
                                    <td><button type="button" class="link" {onclick}>{ s }</button></td>
                                    <td>{ n }</td>
                                    <td>{ bytes }</td>
                                </tr>
                            }
                        }).collect();
                        std::iter::once(head).chain(rows)
                    }) }
                </tbody>
            </table>
            if let Some((g, s)) = &*chosen {
                <div class="panel" role="region" aria-label="Log events">
                    <h3>{ format!("{g} › {s}") }</h3>
                    if events.is_empty() {
                        <p>{ "No events." }</p>
                    }
                    <ol class="log-events">
                        { for events.iter().map(|(t, m)| html! {
                            <li><time>{ ms_text(*t) }</time><pre>{ m }</pre></li>
                        }) }
                    </ol>
                </div>
            }
            <h2>{ "Metrics" }</h2>
            if delivery_streams.is_empty() {
                <p>{ "No delivery streams yet: their AWS/Firehose metrics appear here." }</p>
            } else {
                <label for="cw-stream">{ "Delivery stream (AWS/Firehose, DeliveryStreamName)" }</label>
                <select id="cw-stream" onchange={pick_metric_stream}>
                    { for delivery_streams.iter().map(|n| html! { <option value={n.clone()} selected={*n == shown}>{ n }</option> }) }
                </select>
                <div class="charts">
                    { for [
                        ("IncomingRecords", "Count, per minute", false),
                        ("DeliveryToS3.Records", "Count, per minute", false),
                        ("DeliveryToS3.Success", "Successful attempts, per minute", false),
                        ("DeliveryToS3.DataFreshness", "Seconds, maximum", true),
                        ("ThrottledRecords", "Count, per minute", false),
                    ].iter().map(|(m, unit, max)| {
                        let points = sandbox.read(|sb| firehose_series(sb, &shown, m, from, to, *max));
                        html! { <LineChart title={m.to_string()} unit={unit.to_string()} {points} from_ms={from} to_ms={to} /> }
                    }) }
                </div>
            }
        </section>
    }
}
