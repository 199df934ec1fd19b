//! HTTP endpoints (`#/http-endpoints`): the learner's HTTPS endpoints a Firehose HTTP
//! endpoint destination delivers to — set up what each answers (200, an error status for a
//! while, no answer at all) and read every request it received, headers and body, as the
//! endpoint's owner would in their server's log.

use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Clone, PartialEq)]
struct Draft {
    url: String,
    behavior: String,
    status: String,
    for_seconds: String,
    delay: String,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            url: "https://collector.example.com/firehose".into(),
            behavior: "ACCEPT".into(),
            status: "500".into(),
            for_seconds: String::new(),
            delay: "30".into(),
        }
    }
}

fn text_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn HttpEndpoints() -> Html {
    let sandbox = use_sandbox();
    let draft = use_state(Draft::default);
    let answer = use_state(|| None::<Result<String, ApiError>>);
    let list: Vec<Value> = sandbox.read(|sb| sb.http_endpoints());
    let save = {
        let (sandbox, draft, answer) = (sandbox.clone(), draft.clone(), answer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = json!({ "Url": draft.url.trim(), "Behavior": draft.behavior });
            if draft.behavior == "ERROR" {
                body["StatusCode"] = json!(draft.status.trim().parse::<i64>().unwrap_or(0));
            }
            if draft.behavior == "SLOW" {
                body["DelaySeconds"] = json!(draft.delay.trim().parse::<i64>().unwrap_or(0));
            }
            if !draft.for_seconds.trim().is_empty() {
                body["ForSeconds"] = json!(draft.for_seconds.trim().parse::<i64>().unwrap_or(0));
            }
            answer.set(Some(sandbox.call("HttpEndpoints.PutEndpoint", body).map(
                |v| {
                    format!(
                        "Saved: {} answers {}.",
                        v["Url"].as_str().unwrap_or(""),
                        behavior_text(&v)
                    )
                },
            )));
        })
    };
    let field = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            set(&mut d, text_of(&e));
            draft.set(d);
        })
    };
    let on_behavior = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.behavior = e.target_unchecked_into::<HtmlSelectElement>().value();
            draft.set(d);
        })
    };
    html! {
        <section class="page" aria-labelledby="endpoints-title">
            <p class="breadcrumb"><Link<Route> to={Route::Firehose}>{ "Amazon Data Firehose" }</Link<Route>>{ " › HTTP endpoints" }</p>
            <h1 id="endpoints-title">{ format!("HTTP endpoints ({})", list.len()) }</h1>
            <p class="help">{ "An HTTP endpoint destination delivers to any HTTPS server: a partner's (Datadog, New Relic, MongoDB…) or your own. In the sandbox, the server is this page: choose what the endpoint at a URL answers, then read the requests Firehose sent it. Firehose treats only 200 as success; 413 (payload too large) drops the batch; any other status, a timeout after 3 minutes or no server at the URL is retried until the retry duration ends." }</p>
            <form class="panel" onsubmit={save} aria-labelledby="endpoint-form-title">
                <h2 id="endpoint-form-title">{ "Set up an endpoint" }</h2>
                <label for="endpoint-url">{ "Endpoint URL" }</label>
                <input id="endpoint-url" type="url" value={draft.url.clone()} oninput={field(|d, v| d.url = v)} autocomplete="off" />
                <label for="endpoint-behavior">{ "Response" }</label>
                <select id="endpoint-behavior" onchange={on_behavior}>
                    <option value="ACCEPT" selected={draft.behavior == "ACCEPT"}>{ "200 OK: accept every request" }</option>
                    <option value="ERROR" selected={draft.behavior == "ERROR"}>{ "An error status" }</option>
                    <option value="TIMEOUT" selected={draft.behavior == "TIMEOUT"}>{ "No answer (times out)" }</option>
                    <option value="SLOW" selected={draft.behavior == "SLOW"}>{ "Slow: 200 OK after a delay" }</option>
                </select>
                <label for="endpoint-status">{ "Status code" }</label>
                <input id="endpoint-status" type="number" min="100" max="599" value={draft.status.clone()} oninput={field(|d, v| d.status = v)}
                    disabled={draft.behavior != "ERROR"} aria-describedby="endpoint-status-help" />
                <p class="help" id="endpoint-status-help">{ "What An error status answers: 413 is permanent for Firehose, any other is retried." }</p>
                <label for="endpoint-delay">{ "Delay (seconds)" }</label>
                <input id="endpoint-delay" type="number" min="1" max="600" value={draft.delay.clone()} oninput={field(|d, v| d.delay = v)}
                    disabled={draft.behavior != "SLOW"} aria-describedby="endpoint-delay-help" />
                <p class="help" id="endpoint-delay-help">{ "How long a Slow endpoint takes to answer. Firehose waits 3 minutes at most: 180 or more is a timeout, retried." }</p>
                <label for="endpoint-for">{ "For how long (seconds) - optional" }</label>
                <input id="endpoint-for" type="number" min="1" max="86400" value={draft.for_seconds.clone()} oninput={field(|d, v| d.for_seconds = v)} aria-describedby="endpoint-for-help" />
                <p class="help" id="endpoint-for-help">{ "After this long the endpoint answers 200 again: an outage that ends." }</p>
                <div class="form-actions"><button type="submit" class="primary">{ "Save endpoint" }</button></div>
                { match &*answer {
                    Some(Ok(text)) => html! { <p class="info" role="status">{ text }</p> },
                    Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                    None => html! {},
                } }
            </form>
            if list.is_empty() {
                <p class="empty">{ "No endpoints yet." }</p>
            }
            { for list.iter().map(endpoint_panel) }
        </section>
    }
}

fn behavior_text(v: &Value) -> String {
    match v["Behavior"].as_str().unwrap_or("") {
        "ERROR" => format!("{}", v["StatusCode"]),
        "TIMEOUT" => "nothing (times out)".into(),
        "SLOW" => format!("200 OK after {} s", v["DelaySeconds"]),
        _ => "200 OK".into(),
    }
}

fn endpoint_panel(e: &Value) -> Html {
    let url = e["Url"].as_str().unwrap_or("").to_string();
    let requests = e["Requests"].as_array().cloned().unwrap_or_default();
    let title = format!("Requests received by {url}");
    html! {
        <div class="panel" role="region" aria-label={url.clone()}>
            <h2>{ &url }</h2>
            <p class="help" role="status">{ format!("Answers {} · {} request{} received (the last 20 are kept)",
                behavior_text(e), requests.len(), if requests.len() == 1 { "" } else { "s" }) }</p>
            if !requests.is_empty() {
                <div class="endpoint-requests">
                <table aria-label={title}>
                    <thead><tr><th>{ "Received" }</th><th>{ "Request id" }</th><th>{ "Records" }</th><th>{ "Answer" }</th><th>{ "Request" }</th></tr></thead>
                    <tbody>
                        { for requests.iter().rev().map(|r| request_row(&url, r)) }
                    </tbody>
                </table>
                </div>
            }
        </div>
    }
}

fn request_row(url: &str, r: &Value) -> Html {
    let body: Value = serde_json::from_str(r["Body"].as_str().unwrap_or("")).unwrap_or(Value::Null);
    let records = body["records"].as_array().map_or(0, Vec::len);
    let when =
        crate::engine::SimTime::from_millis((r["Time"].as_f64().unwrap_or(0.0) * 1000.0) as i64)
            .to_datetime()
            .format("%H:%M:%S")
            .to_string();
    let answer = if r["TimedOut"] == true {
        "no answer".to_string()
    } else if let Some(after) = r["AnsweredAfterSeconds"].as_u64() {
        format!("{} after {after} s", r["StatusCode"])
    } else {
        r["StatusCode"].to_string()
    };
    let headers = r["Headers"]
        .as_object()
        .map(|h| {
            h.iter()
                .map(|(k, v)| format!("{k}: {}", v.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    let pretty = serde_json::to_string_pretty(&body).unwrap_or_default();
    html! {
        <tr>
            <td>{ when }</td>
            <td><code>{ r["Headers"]["X-Amz-Firehose-Request-Id"].as_str().unwrap_or("") }</code></td>
            <td>{ records }</td>
            <td>{ answer }</td>
            <td>
                <details>
                    <summary>{ "Headers and body" }</summary>
                    <pre class="code">{ format!("POST {url}\n{headers}\n\n{pretty}") }</pre>
                </details>
            </td>
        </tr>
    }
}
