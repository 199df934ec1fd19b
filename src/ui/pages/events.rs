//! Event history: every call made in the sandbox, newest first, like CloudTrail.

use crate::ui::context::use_sandbox;
use yew::prelude::*;

/// How many events the page shows.
const SHOWN: usize = 200;

#[component]
pub fn EventHistory() -> Html {
    let sandbox = use_sandbox();
    let (rows, total) = sandbox.read(|sb| {
        let rows: Vec<Html> = sb
            .events()
            .recent()
            .rev()
            .take(SHOWN)
            .map(|e| {
                let (service, operation) = e.target.split_once('.').unwrap_or(("", &e.target));
                html! {
                    <tr>
                        <td><time datetime={e.time.to_rfc3339()}>{ e.time.to_datetime().format("%Y-%m-%d %H:%M:%S").to_string() }</time></td>
                        <td>{ operation }</td>
                        <td>{ service }</td>
                        <td>{ e.caller.as_str() }</td>
                        <td>{ e.resource.clone().unwrap_or_default() }</td>
                        <td>{ e.error.clone().unwrap_or_else(|| "Success".into()) }</td>
                    </tr>
                }
            })
            .collect();
        (rows, sb.events().total())
    });
    html! {
        <section class="page" aria-labelledby="events-title">
            <h1 id="events-title">{ "Event history" }</h1>
            <p>{ format!("Every API call made in this sandbox, newest first ({total} in all; the latest {SHOWN} are shown).") }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "API calls" }</caption>
                <thead><tr>
                    <th scope="col">{ "Event time (UTC)" }</th><th scope="col">{ "Event name" }</th>
                    <th scope="col">{ "Event source" }</th><th scope="col">{ "Caller" }</th>
                    <th scope="col">{ "Resource" }</th><th scope="col">{ "Result" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="6" class="empty">{ "No events yet" }</td></tr>
                    }
                    { for rows }
                </tbody>
            </table>
        </section>
    }
}
