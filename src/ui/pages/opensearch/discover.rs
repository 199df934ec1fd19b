//! A domain's Discover page: index pattern, query string, field filters, a histogram of the
//! matching documents over time, and the hits, each with its document's fields and JSON.

use crate::engine::ApiError;
use crate::forms::opensearch_discover as d;
use crate::labs::observe::{Observation, OPENSEARCH_SEARCHED};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use serde_json::{json, Value};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DiscoverProps {
    pub domain: String,
}

/// What one search found.
#[derive(Clone, PartialEq)]
struct Found {
    total: u64,
    hits: Vec<Value>,
    time_field: Option<String>,
    /// (bucket start as text, documents) and the interval.
    histogram: Vec<(String, u64)>,
    interval: Option<&'static str>,
}

fn search(
    sandbox: &SandboxHandle,
    domain: &str,
    index: &str,
    body: Value,
) -> Result<Value, ApiError> {
    sandbox.call(
        "OpenSearch.Search",
        json!({"DomainName": domain, "Index": index, "Body": body}),
    )
}

/// The hits, then (with a time field) the histogram: two `_search` calls.
fn run(
    sandbox: &SandboxHandle,
    domain: &str,
    index: &str,
    text: &str,
    filters: &[(String, Value)],
    known_time: Option<String>,
) -> Result<Found, ApiError> {
    let mut time_field = known_time;
    let mut r = search(
        sandbox,
        domain,
        index,
        d::hits_body(text, filters, time_field.as_deref()),
    )?;
    if time_field.is_none() {
        time_field = r["hits"]["hits"]
            .as_array()
            .and_then(|h| h.first())
            .and_then(|h| d::time_field(&h["_source"]));
        if time_field.is_some() {
            r = search(
                sandbox,
                domain,
                index,
                d::hits_body(text, filters, time_field.as_deref()),
            )?;
        }
    }
    let total = r["hits"]["total"]["value"].as_u64().unwrap_or(0);
    let hits = r["hits"]["hits"].as_array().cloned().unwrap_or_default();
    let mut histogram = Vec::new();
    let mut interval = None;
    if let (Some(t), Some(first), Some(last)) = (
        &time_field,
        r["aggregations"]["first"]["value"].as_f64(),
        r["aggregations"]["last"]["value"].as_f64(),
    ) {
        let iv = d::interval(first as i64, last as i64);
        interval = Some(iv);
        let h = search(
            sandbox,
            domain,
            index,
            d::histogram_body(text, filters, t, iv),
        )?;
        histogram = h["aggregations"]["over_time"]["buckets"]
            .as_array()
            .map(|b| {
                b.iter()
                    .map(|b| {
                        (
                            b["key_as_string"].as_str().unwrap_or("").to_string(),
                            b["doc_count"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    Ok(Found {
        total,
        hits,
        time_field,
        histogram,
        interval,
    })
}

#[component]
pub fn Discover(props: &DiscoverProps) -> Html {
    let sandbox = use_sandbox();
    let domain = props.domain.clone();
    let index = use_state(|| "*".to_string());
    let text = use_state(String::new);
    let filters = use_state(Vec::<(String, Value)>::new);
    let found = use_state(|| None::<Result<Found, ApiError>>);
    let status = sandbox.read(|sb| {
        sb.opensearch().get(&domain).map(|x| {
            (
                x.is_active(sb.now()),
                x.indices.keys().cloned().collect::<Vec<_>>(),
            )
        })
    });
    let Some((active, indices)) = status else {
        return html! {
            <section class="page" aria-labelledby="discover-title">
                <p class="breadcrumb"><Link<Route> to={Route::OpenSearch}>{ "Amazon OpenSearch Service" }</Link<Route>>{ " › Discover" }</p>
                <h1 id="discover-title">{ format!("Domain {domain}") }</h1>
                <p class="empty">{ "No such domain in this account." }</p>
            </section>
        };
    };
    // Searches with the given filters (a filter's button runs one at once).
    let go = {
        let (sandbox, domain, index, text, found) = (
            sandbox.clone(),
            domain.clone(),
            index.clone(),
            text.clone(),
            found.clone(),
        );
        move |filters: Vec<(String, Value)>| {
            let known = found
                .as_ref()
                .and_then(|f| f.as_ref().ok())
                .and_then(|f| f.time_field.clone());
            let outcome = run(&sandbox, &domain, &index, &text, &filters, known);
            if let Ok(f) = &outcome {
                let o = Observation::new(OPENSEARCH_SEARCHED)
                    .with("domain", domain.clone())
                    .with("index", (*index).clone())
                    .with("query", text.trim().to_string())
                    .with("hits", f.total)
                    .with("found", f.total > 0);
                if !sandbox.read_labs(|p| p.has_observed(&o)) {
                    sandbox.update_labs(|p| p.observe(o));
                }
            }
            found.set(Some(outcome));
        }
    };
    let submit = {
        let (go, filters) = (go.clone(), filters.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            go((*filters).clone());
        })
    };
    let add_filter = {
        let (go, filters) = (go.clone(), filters.clone());
        Callback::from(move |(field, value): (String, Value)| {
            let mut next = (*filters).clone();
            if !next.iter().any(|(f, v)| *f == field && *v == value) {
                next.push((field, value));
            }
            filters.set(next.clone());
            go(next);
        })
    };
    let remove_filter = {
        let (go, filters) = (go.clone(), filters.clone());
        Callback::from(move |i: usize| {
            let mut next = (*filters).clone();
            if i < next.len() {
                next.remove(i);
            }
            filters.set(next.clone());
            go(next);
        })
    };
    let on_index = {
        let index = index.clone();
        Callback::from(move |e: InputEvent| {
            index.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_text = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <section class="page" aria-labelledby="discover-title">
            <p class="breadcrumb"><Link<Route> to={Route::OpenSearch}>{ "Amazon OpenSearch Service" }</Link<Route>>{ format!(" › {domain} › Discover") }</p>
            <h1 id="discover-title">{ format!("Discover: {domain}") }</h1>
            if !active {
                <p class="info" role="status">{ "This domain is not active: it is being created (about 3 simulated minutes) or deleted." }</p>
            }
            <p class="help">{ format!("Indices: {}", if indices.is_empty() { "none yet".to_string() } else { indices.join(", ") }) }</p>
            <form class="panel os-search" onsubmit={submit} role="search" aria-label="Search the domain">
                <label for="os-index">{ "Index pattern" }</label>
                <input id="os-index" type="text" value={(*index).clone()} oninput={on_index} autocomplete="off" aria-describedby="os-index-help" />
                <p class="help" id="os-index-help">{ "An index name or a pattern with *, such as sensors-* for every day's index." }</p>
                <label for="os-query">{ "Search" }</label>
                <input id="os-query" type="search" value={(*text).clone()} oninput={on_text} autocomplete="off" placeholder="status:FAIL AND temperature:>80" aria-describedby="os-query-help" />
                <p class="help" id="os-query-help">{ "Query string syntax: words, field:value, AND / OR / NOT, \"phrases\", prefix*, field:>10, field:[a TO b]. Empty: every document." }</p>
                if !filters.is_empty() {
                    <ul class="os-filters" aria-label="Filters">
                        { for filters.iter().enumerate().map(|(i, (f, v))| {
                            let remove = remove_filter.clone();
                            html! { <li><code>{ format!("{f}: {}", value_text(v)) }</code>
                                <button type="button" aria-label={format!("Remove filter {f}")} onclick={Callback::from(move |_: MouseEvent| remove.emit(i))}>{ "×" }</button></li> }
                        }) }
                    </ul>
                }
                <div class="form-actions"><button type="submit" class="primary">{ "Search" }</button></div>
            </form>
            { match &*found {
                None => html! { <p class="empty">{ "Search to see the documents." }</p> },
                Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Ok(f)) => results(f, &add_filter),
            } }
        </section>
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn results(f: &Found, add_filter: &Callback<(String, Value)>) -> Html {
    let max = f
        .histogram
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(0)
        .max(1);
    html! {
        <>
        <p class="os-total" role="status">{ format!("{} hit{}", f.total, if f.total == 1 { "" } else { "s" }) }</p>
        if let (Some(t), Some(iv)) = (&f.time_field, f.interval) {
            <div class="panel">
                <h2 id="os-histogram-title">{ format!("Documents over time ({t}, per {iv})") }</h2>
                <div class="os-histogram" role="img" aria-labelledby="os-histogram-title" aria-describedby="os-histogram-summary">
                    { for f.histogram.iter().map(|(k, n)| html! {
                        <div class="os-bar" title={format!("{k}: {n}")} style={format!("height: {}%", (*n as f64 / max as f64 * 100.0).round())}></div>
                    }) }
                </div>
                <p class="help" id="os-histogram-summary">{ histogram_summary(&f.histogram) }</p>
            </div>
        }
        if !f.hits.is_empty() {
            <div class="panel">
            <table aria-label="Documents">
                <thead><tr>
                    if let Some(t) = &f.time_field { <th>{ t }</th> }
                    <th>{ "_index" }</th><th>{ "Document" }</th>
                </tr></thead>
                <tbody>
                    { for f.hits.iter().map(|h| hit_row(h, f.time_field.as_deref(), add_filter)) }
                </tbody>
            </table>
            if f.total as usize > f.hits.len() {
                <p class="help">{ format!("The first {} of {} documents.", f.hits.len(), f.total) }</p>
            }
            </div>
        }
        </>
    }
}

fn histogram_summary(h: &[(String, u64)]) -> String {
    let busiest = h.iter().max_by_key(|(_, n)| *n);
    match (h.first(), h.last(), busiest) {
        (Some((a, _)), Some((b, _)), Some((k, n))) => format!(
            "{} bars from {a} to {b}; the busiest, {k}, has {n} document{}.",
            h.len(),
            if *n == 1 { "" } else { "s" }
        ),
        _ => "No documents with a time.".into(),
    }
}

fn hit_row(h: &Value, time_field: Option<&str>, add_filter: &Callback<(String, Value)>) -> Html {
    let source = &h["_source"];
    let summary: String = d::rows(source)
        .iter()
        .map(|(k, v)| format!("{k}: {}", value_text(v)))
        .collect::<Vec<_>>()
        .join("  ");
    let summary: String = summary.chars().take(240).collect();
    let id = h["_id"].as_str().unwrap_or("").to_string();
    html! {
        <tr>
            if let Some(t) = time_field {
                <td>{ value_text(&source[t]) }</td>
            }
            <td>{ h["_index"].as_str().unwrap_or("") }</td>
            <td>
                <details>
                    <summary>{ summary }</summary>
                    <table class="os-fields" aria-label={format!("Fields of document {id}")}>
                        <tbody>
                        { for d::rows(source).into_iter().map(|(k, v)| {
                            let add = add_filter.clone();
                            let (field, value) = (k.clone(), v.clone());
                            html! { <tr><th scope="row">{ &k }</th><td>{ value_text(&v) }</td>
                                <td><button type="button" aria-label={format!("Filter for {k}: {}", value_text(&v))}
                                    onclick={Callback::from(move |_: MouseEvent| add.emit((field.clone(), value.clone())))}>{ "Filter for value" }</button></td></tr> }
                        }) }
                        </tbody>
                    </table>
                    <pre class="code">{ serde_json::to_string_pretty(&json!({"_index": h["_index"], "_id": h["_id"], "_source": source})).unwrap_or_default() }</pre>
                </details>
            </td>
        </tr>
    }
}
