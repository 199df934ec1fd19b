//! Amazon Data Firehose: the list of delivery streams.

use crate::engine::firehose::DeliveryStreamStatus;
use crate::engine::SimTime;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// "Active", "Creating", "Deleting" as the console writes a delivery stream's status.
pub fn status_text(status: DeliveryStreamStatus) -> &'static str {
    match status {
        DeliveryStreamStatus::Creating => "Creating",
        DeliveryStreamStatus::Active => "Active",
        DeliveryStreamStatus::Deleting => "Deleting",
    }
}

/// A simulated instant as the console shows it.
pub fn time_text(t: SimTime) -> String {
    t.to_datetime().format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

struct Row {
    name: String,
    status: DeliveryStreamStatus,
    created: SimTime,
    source: Option<String>,
}

#[component]
pub fn DeliveryStreamList() -> Html {
    let sandbox = use_sandbox();
    let rows: Vec<Row> = sandbox.read(|sb| {
        let f = sb.firehose();
        f.names()
            .filter_map(|n| f.get(n))
            .map(|d| Row {
                name: d.name.clone(),
                status: d.status,
                created: d.created,
                source: d.source.as_ref().map(|s| s.consumer.stream_name.clone()),
            })
            .collect()
    });
    html! {
        <section class="page" aria-labelledby="firehose-title">
            <div class="page-header">
                <h1 id="firehose-title">{ "Amazon Data Firehose" }<span class="subtitle">{ " (formerly Kinesis Data Firehose)" }</span></h1>
                <Link<Route> to={Route::FirehoseCreate} classes="button-link primary">{ "Create delivery stream" }</Link<Route>>
            </div>
            <p>{ "Firehose delivery streams continuously collect, transform, and load streaming data into the destinations that you specify. An HTTP endpoint destination delivers to a server of yours: set up what it answers under " }<Link<Route> to={Route::HttpEndpoints}>{ "HTTP endpoints" }</Link<Route>>{ "." }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Delivery streams in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Creation time" }</th>
                    <th scope="col">{ "Source" }</th>
                    <th scope="col">{ "Data transformation" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="empty">{ "No delivery streams" }</td></tr>
                    }
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td><Link<Route> to={Route::FirehoseDetails { name: r.name.clone() }}>{ &r.name }</Link<Route>></td>
                            <td><span class={classes!("status", status_text(r.status).to_lowercase())}>{ status_text(r.status) }</span></td>
                            <td>{ time_text(r.created) }</td>
                            <td>{
                                match &r.source {
                                    Some(s) => html! { <Link<Route> to={Route::StreamDetails { name: s.clone() }}>{ s }</Link<Route>> },
                                    None => html! { "Direct PUT" },
                                }
                            }</td>
                            <td>{ "Disabled" }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
