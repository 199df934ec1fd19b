//! Kinesis Data Streams: the list of data streams.

use crate::ui::context::use_sandbox;
use yew::prelude::*;

#[component]
pub fn StreamList() -> Html {
    let sandbox = use_sandbox();
    let names: Vec<String> = sandbox.read(|sb| sb.streams().into_iter().map(|s| s.name).collect());
    html! {
        <section class="page" aria-labelledby="streams-title">
            <h1 id="streams-title">{ "Data streams" }</h1>
            <p>{ "Kinesis data streams continuously capture and temporarily store real-time data." }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Data streams in this account" }</caption>
                <thead><tr><th scope="col">{ "Data stream name" }</th></tr></thead>
                <tbody>
                    if names.is_empty() {
                        <tr><td class="empty">{ "No data streams" }</td></tr>
                    }
                    { for names.iter().map(|n| html! { <tr><td>{ n }</td></tr> }) }
                </tbody>
            </table>
        </section>
    }
}
