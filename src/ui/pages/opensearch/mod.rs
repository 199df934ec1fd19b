//! Amazon OpenSearch Service: the account's domains (`#/opensearch`: create, status, delete)
//! and a domain's Discover page (`#/opensearch/<domain>`), as OpenSearch Dashboards has it:
//! an index pattern, a query string, field filters, a histogram of documents over time and
//! the hits with each document's JSON. Every search is one `OpenSearch.Search` call.

mod discover;

use super::Service;
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use serde_json::json;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Amazon OpenSearch Service",
    home: Route::OpenSearch,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::OpenSearch => html! { <Domains /> },
        Route::OpenSearchDomain { domain } => {
            html! { <discover::Discover domain={domain.clone()} /> }
        }
        _ => return None,
    })
}

/// One domain as the list shows it.
#[derive(Clone, PartialEq)]
struct Row {
    name: String,
    status: &'static str,
    version: String,
    endpoint: Option<String>,
    indices: usize,
    documents: usize,
}

#[component]
fn Domains() -> Html {
    let sandbox = use_sandbox();
    let name = use_state(String::new);
    let version = use_state(|| crate::engine::opensearch::ENGINE_VERSIONS[0].to_string());
    let answer = use_state(|| None::<Result<String, ApiError>>);
    let rows: Vec<Row> = sandbox.read(|sb| {
        let now = sb.now();
        let region = sb.config().region.clone();
        sb.opensearch()
            .domains()
            .map(|d| Row {
                name: d.name.clone(),
                status: if d.deleting_until.is_some() {
                    "Being deleted"
                } else if d.is_active(now) {
                    "Active"
                } else {
                    "Creating (Processing)"
                },
                version: d.engine_version.clone(),
                endpoint: d.is_active(now).then(|| d.endpoint(&region)),
                indices: d.indices.len(),
                documents: d.document_count(),
            })
            .collect()
    });
    let create = {
        let (sandbox, name, version, answer) = (
            sandbox.clone(),
            name.clone(),
            version.clone(),
            answer.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = json!({"DomainName": name.trim(), "EngineVersion": *version});
            answer.set(Some(sandbox.call("OpenSearch.CreateDomain", body).map(
                |v| {
                    format!(
                    "Creating domain {}: it becomes active in about 3 minutes of simulated time.",
                    v["DomainStatus"]["DomainName"].as_str().unwrap_or("")
                )
                },
            )));
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_version = {
        let version = version.clone();
        Callback::from(move |e: Event| {
            version.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let delete = |domain: String| {
        let (sandbox, answer) = (sandbox.clone(), answer.clone());
        Callback::from(move |_: MouseEvent| {
            let body = json!({ "DomainName": domain });
            answer.set(Some(
                sandbox
                    .call("OpenSearch.DeleteDomain", body)
                    .map(|_| format!("Deleting domain {domain} and its indices.")),
            ));
        })
    };
    html! {
        <section class="page" aria-labelledby="os-title">
            <h1 id="os-title">{ format!("Domains ({})", rows.len()) }</h1>
            <p class="help">{ "An Amazon OpenSearch Service domain is a search cluster: documents (JSON) in indices, found by full-text queries and summed up by aggregations. Firehose delivers to a domain with one bulk request per buffer; open a domain to search what arrived, as OpenSearch Dashboards' Discover does." }</p>
            <form class="panel" onsubmit={create} aria-labelledby="os-create-title">
                <h2 id="os-create-title">{ "Create domain" }</h2>
                <label for="os-name">{ "Domain name" }</label>
                <input id="os-name" type="text" value={(*name).clone()} oninput={on_name} autocomplete="off" aria-describedby="os-name-help" />
                <p class="help" id="os-name-help">{ "3–28 characters: lower-case letters, numbers and hyphens, starting with a letter." }</p>
                <label for="os-version">{ "Engine version" }</label>
                <select id="os-version" onchange={on_version}>
                    { for crate::engine::opensearch::ENGINE_VERSIONS.iter().map(|v| html! {
                        <option value={*v} selected={*v == *version}>{ v.replace('_', " ") }</option>
                    }) }
                </select>
                <div class="form-actions"><button type="submit" class="primary">{ "Create" }</button></div>
                { match &*answer {
                    Some(Ok(text)) => html! { <p class="info" role="status">{ text }</p> },
                    Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                    None => html! {},
                } }
            </form>
            if rows.is_empty() {
                <p class="empty">{ "No domains yet." }</p>
            } else {
                <div class="panel">
                <table aria-label="Domains">
                    <thead><tr><th>{ "Name" }</th><th>{ "Status" }</th><th>{ "Engine version" }</th><th>{ "Endpoint" }</th><th>{ "Indices" }</th><th>{ "Documents" }</th><th>{ "Actions" }</th></tr></thead>
                    <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td><Link<Route> to={Route::OpenSearchDomain { domain: r.name.clone() }}>{ &r.name }</Link<Route>></td>
                            <td>{ r.status }</td>
                            <td>{ r.version.replace('_', " ") }</td>
                            <td>{ r.endpoint.clone().map_or(html! { { "—" } }, |e| html! { <code>{ e }</code> }) }</td>
                            <td>{ r.indices }</td>
                            <td>{ r.documents }</td>
                            <td><button type="button" onclick={delete(r.name.clone())} aria-label={format!("Delete {}", r.name)}>{ "Delete" }</button></td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}
