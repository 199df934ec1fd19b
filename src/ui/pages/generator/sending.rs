//! The sender's panel: the live counter, the figures of the last second and in total, and Stop.

use crate::engine::generator::{Destination, Figures};
use crate::engine::SimTime;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// What the page shows of the sender.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SendingView {
    pub(super) sending: bool,
    pub(super) totals: Figures,
    pub(super) last: Figures,
    pub(super) recent: Vec<String>,
    pub(super) pending: usize,
    pub(super) last_error: Option<String>,
    pub(super) destination: Destination,
    pub(super) periodic: bool,
    pub(super) sim_time: SimTime,
}

#[derive(Properties, PartialEq)]
pub(super) struct SendingPanelProps {
    pub view: SendingView,
    pub onstop: Callback<MouseEvent>,
}

/// The counter, the figures of the last second and in total, throttling, and the last records.
#[component]
pub(super) fn SendingPanel(props: &SendingPanelProps) -> Html {
    let v = &props.view;
    let (kind, name, link) = match &v.destination {
        Destination::Stream(n) => (
            "stream",
            n.clone(),
            Some(html! {
                <Link<Route> to={Route::StreamTab { name: n.clone(), tab: "data-viewer".into() }}>
                    { format!("Open {n} in the Data viewer") }
                </Link<Route>>
            }),
        ),
        Destination::DeliveryStream(n) => ("delivery stream", n.clone(), None),
    };
    let figures_row = |label: &str, f: Figures| {
        html! {
            <tr>
                <th scope="row">{ label.to_string() }</th>
                <td>{ crate::text::thousands(f.generated) }</td>
                <td>{ crate::text::thousands(f.sent) }</td>
                <td class={classes!((f.throttled > 0).then_some("kdg-bad"))}>{ crate::text::thousands(f.throttled) }</td>
                <td class={classes!((f.failed > 0).then_some("kdg-bad"))}>{ crate::text::thousands(f.failed) }</td>
            </tr>
        }
    };
    let heading = if v.sending {
        "Sending Data to Kinesis"
    } else {
        "Sending stopped"
    };
    let throttled_now = v.sending && v.last.throttled > 0;
    html! {
        <div class={classes!("panel", "kdg-sending", throttled_now.then_some("throttled"))} role="region" aria-labelledby="sending-title">
            <h2 id="sending-title">{ heading }</h2>
            <p class="kdg-counter" role="status">{ format!("{} records sent to Kinesis.", v.totals.sent) }</p>
            <p class="help">
                { format!("To {kind} {name}") }
                if v.periodic { { format!(" · data time {}", v.sim_time.to_datetime().format("%Y-%m-%d %H:%M:%S UTC")) } }
                if v.pending > 0 { { format!(" · {} records waiting to be retried", crate::text::thousands(v.pending as u64)) } }
                if let Some(l) = link { { " · " }{ l } }
            </p>
            if v.totals.throttled > 0 {
                <div class="kdg-warning">
                    <strong>{ format!("{} records throttled", crate::text::thousands(v.totals.throttled)) }</strong>
                    { match &v.destination {
                        Destination::Stream(_) => " (ProvisionedThroughputExceededException): the stream was sent more than its shards take — 1,000 records and 1 MiB per second each. Lower the rate, add shards, or retry throttled records.",
                        Destination::DeliveryStream(_) => " (ServiceUnavailableException): the delivery stream was sent more than its quota. Lower the rate or retry throttled records.",
                    } }
                </div>
            }
            if let Some(e) = &v.last_error {
                <p class="kdg-last-error"><strong>{ "Last error: " }</strong>{ e }</p>
            }
            <table class="resource-table kdg-figures">
                <caption class="visually-hidden">{ "Records per second and in total" }</caption>
                <thead><tr>
                    <th scope="col"></th><th scope="col">{ "Generated" }</th><th scope="col">{ "Accepted" }</th>
                    <th scope="col">{ "Throttled" }</th><th scope="col">{ "Failed" }</th>
                </tr></thead>
                <tbody>
                    if v.sending { { figures_row("Last second", v.last) } }
                    { figures_row("Total", v.totals) }
                </tbody>
            </table>
            if !v.recent.is_empty() {
                <h3 id="recent-title">{ "Last records" }</h3>
                <ol class="kdg-records kdg-recent" aria-labelledby="recent-title">
                    { for v.recent.iter().rev().map(|r| html! { <li><pre>{ r }</pre></li> }) }
                </ol>
            }
            if v.sending {
                <button type="button" class="danger" onclick={props.onstop.clone()}>{ "Stop Sending Data to Kinesis" }</button>
            }
        </div>
    }
}
