//! Kinesis Data Streams: the list of data streams.

use crate::engine::streams::{StreamMode, StreamStatus};
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// "Active", "Creating", … as the console writes a status.
pub fn status_text(status: StreamStatus) -> &'static str {
    match status {
        StreamStatus::Creating => "Creating",
        StreamStatus::Active => "Active",
        StreamStatus::Updating => "Updating",
        StreamStatus::Deleting => "Deleting",
    }
}

pub fn mode_text(mode: StreamMode) -> &'static str {
    match mode {
        StreamMode::Provisioned => "Provisioned",
        StreamMode::OnDemand => "On-demand",
    }
}

#[component]
pub fn StreamList() -> Html {
    let sandbox = use_sandbox();
    let (streams, limit) = sandbox.read(|sb| (sb.streams(), sb.config().kinesis_shard_limit));
    let in_use: u32 = streams.iter().map(|s| s.open_shards).sum();
    html! {
        <section class="page" aria-labelledby="streams-title">
            <div class="page-header">
                <h1 id="streams-title">{ "Data streams" }</h1>
                <Link<Route> to={Route::StreamCreate} classes="button-link primary">{ "Create data stream" }</Link<Route>>
            </div>
            <p>{ "Kinesis data streams continuously capture and temporarily store real-time data. Configure producers to put data records into a data stream, and consumers to continuously process them." }</p>
            <p class="totals">
                { format!("Total shards in use: {in_use} · Total shards remaining: {}", limit.saturating_sub(in_use)) }
            </p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Data streams in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Data stream name" }</th>
                    <th scope="col">{ "Status" }</th>
                    <th scope="col">{ "Capacity mode" }</th>
                    <th scope="col">{ "Open shards" }</th>
                    <th scope="col">{ "Data retention period" }</th>
                    <th scope="col">{ "Encryption" }</th>
                </tr></thead>
                <tbody>
                    if streams.is_empty() {
                        <tr><td colspan="6" class="empty">{ "No data streams" }</td></tr>
                    }
                    { for streams.iter().map(|s| {
                        let hot = s.shards.iter().any(|sh| sh.is_throttling());
                        html! {
                            <tr>
                                <td><Link<Route> to={Route::StreamDetails { name: s.name.clone() }}>{ &s.name }</Link<Route>></td>
                                <td>
                                    <span class={classes!("status", status_text(s.status).to_lowercase())}>{ status_text(s.status) }</span>
                                    if hot { <span class="badge hot">{ "Throttling" }</span> }
                                </td>
                                <td>{ mode_text(s.mode) }</td>
                                <td>{ s.open_shards }</td>
                                <td>{ format!("{} hours", s.retention_hours) }</td>
                                <td>{ if s.encryption_key.is_some() { "Enabled" } else { "Disabled" } }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
