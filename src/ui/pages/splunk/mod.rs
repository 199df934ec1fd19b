//! Splunk (HEC) (`#/splunk`): the sandbox's simulated Splunk HTTP Event Collector, which a
//! Firehose Splunk destination delivers to — not an AWS service. HEC tokens (create, copy,
//! disable, enable, delete), the indexes, what the HEC does (answer normally, acknowledge late,
//! answer 503 for a while) and a search over the indexed events, newest first.

use super::Service;
use crate::engine::splunk::HEC_URL;
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use serde_json::{json, Value};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Splunk (HEC)",
    home: Route::Splunk,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Splunk => html! { <SplunkPage /> },
        _ => return None,
    })
}

fn text_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_of(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

type Answer = UseStateHandle<Option<Result<String, ApiError>>>;

fn answer_view(answer: &Answer) -> Html {
    match &**answer {
        Some(Ok(text)) => html! { <p class="info" role="status">{ text }</p> },
        Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
        None => html! {},
    }
}

#[component]
fn SplunkPage() -> Html {
    let sandbox = use_sandbox();
    let hec: Value = sandbox.read(|sb| sb.splunk_hec());
    html! {
        <section class="page" aria-labelledby="splunk-title">
            <h1 id="splunk-title">{ "Splunk (HEC)" }</h1>
            <div class="notice" role="note">
                <p><strong>{ "A simulated Splunk, not an AWS service." }</strong>{ " On AWS, a Firehose Splunk destination delivers to your own Splunk Enterprise or Splunk Cloud deployment through its HTTP Event Collector (HEC). Here the sandbox plays that Splunk: make a HEC token with indexer acknowledgement, paste the endpoint and the token into the Firehose wizard, then search what was indexed." }</p>
            </div>
            <div class="panel">
                <h2>{ "HTTP Event Collector" }</h2>
                <label for="splunk-endpoint">{ "HEC endpoint (Splunk cluster endpoint)" }</label>
                <input id="splunk-endpoint" class="hec-url" type="text" readonly=true value={HEC_URL} aria-describedby="splunk-endpoint-help" />
                <p class="help" id="splunk-endpoint-help">{ "Firehose posts to /services/collector/raw or /services/collector/event on it, with the token in the Authorization header, and then asks for the indexer acknowledgement." }</p>
                <p role="status">{ behavior_text(&hec) }</p>
            </div>
            <TokensPanel hec={hec.clone()} />
            <BehaviorPanel />
            <IndexesPanel hec={hec.clone()} />
            <SearchPanel />
        </section>
    }
}

fn behavior_text(hec: &Value) -> String {
    let until = hec["Until"]
        .as_f64()
        .map(|t| {
            format!(
                " until {}",
                crate::engine::SimTime::from_millis((t * 1000.0) as i64)
                    .to_datetime()
                    .format("%H:%M:%S")
            )
        })
        .unwrap_or_default();
    match hec["Behavior"].as_str().unwrap_or("") {
        "ACK_DELAY" => format!(
            "Behaviour: acknowledgements come {} s after each request{until}.",
            hec["AckDelaySeconds"]
        ),
        "SERVER_ERROR" => format!("Behaviour: answers 503 Server is busy{until}."),
        _ => "Behaviour: normal (indexes and acknowledges at once).".into(),
    }
}

#[derive(Properties, PartialEq)]
struct HecProps {
    hec: Value,
}

#[derive(Clone, PartialEq)]
struct TokenDraft {
    name: String,
    index: String,
    ack: bool,
}

fn token_call(sandbox: &SandboxHandle, answer: &Answer, body: Value, done: &str) {
    let done = done.to_string();
    answer.set(Some(
        sandbox
            .call("SplunkHec.UpdateToken", body)
            .map(|v| format!("{done}: {}.", v["Name"].as_str().unwrap_or(""))),
    ));
}

#[component]
fn TokensPanel(props: &HecProps) -> Html {
    let sandbox = use_sandbox();
    let draft = use_state(|| TokenDraft {
        name: String::new(),
        index: "main".into(),
        // Unticked, as in Splunk's New Token form.
        ack: false,
    });
    let answer: Answer = use_state(|| None);
    let tokens = props.hec["Tokens"].as_array().cloned().unwrap_or_default();
    let indexes: Vec<String> = props.hec["Indexes"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|i| i["Name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let create = {
        let (sandbox, draft, answer) = (sandbox.clone(), draft.clone(), answer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = json!({"Name": draft.name.trim(), "DefaultIndex": draft.index, "IndexerAcknowledgement": draft.ack});
            answer.set(Some(sandbox.call("SplunkHec.CreateToken", body).map(|v| {
                format!(
                    "Token {} created. Its value: {}",
                    v["Name"].as_str().unwrap_or(""),
                    v["Token"].as_str().unwrap_or("")
                )
            })));
        })
    };
    let on_name = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(TokenDraft {
                name: text_of(&e),
                ..(*draft).clone()
            })
        })
    };
    let on_index = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            draft.set(TokenDraft {
                index: select_of(&e),
                ..(*draft).clone()
            })
        })
    };
    let on_ack = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            draft.set(TokenDraft {
                ack: on,
                ..(*draft).clone()
            })
        })
    };
    let row = |t: &Value| {
        let value = t["Token"].as_str().unwrap_or("").to_string();
        let name = t["Name"].as_str().unwrap_or("").to_string();
        let enabled = t["Enabled"] == true;
        let ack = t["IndexerAcknowledgement"] == true;
        let toggle = {
            let (sandbox, answer, value) = (sandbox.clone(), answer.clone(), value.clone());
            Callback::from(move |_: MouseEvent| {
                token_call(
                    &sandbox,
                    &answer,
                    json!({"Token": value, "Enabled": !enabled}),
                    if enabled { "Disabled" } else { "Enabled" },
                )
            })
        };
        let toggle_ack = {
            let (sandbox, answer, value) = (sandbox.clone(), answer.clone(), value.clone());
            Callback::from(move |_: MouseEvent| {
                token_call(
                    &sandbox,
                    &answer,
                    json!({"Token": value, "IndexerAcknowledgement": !ack}),
                    if ack {
                        "Indexer acknowledgement off"
                    } else {
                        "Indexer acknowledgement on"
                    },
                )
            })
        };
        let delete = {
            let (sandbox, answer, value, name) =
                (sandbox.clone(), answer.clone(), value.clone(), name.clone());
            Callback::from(move |_: MouseEvent| {
                answer.set(Some(
                    sandbox
                        .call("SplunkHec.DeleteToken", json!({"Token": value}))
                        .map(|_| format!("Token {name} deleted.")),
                ));
            })
        };
        html! {
            <tr>
                <td class="nowrap">{ &name }</td>
                <td><input class="token-value" type="text" readonly=true value={value.clone()} aria-label={format!("Token value of {name}")} /></td>
                <td class="nowrap">{ t["DefaultIndex"].as_str().unwrap_or("") }</td>
                <td class="nowrap">{ if ack { "Enabled" } else { "Disabled" } }</td>
                <td class="nowrap">{ if enabled { "Enabled" } else { "Disabled" } }</td>
                <td class="actions">
                    <button type="button" onclick={toggle} aria-label={format!("{} {name}", if enabled { "Disable" } else { "Enable" })}>{ if enabled { "Disable" } else { "Enable" } }</button>
                    <button type="button" onclick={toggle_ack} aria-label={format!("{} indexer acknowledgement of {name}", if ack { "Disable" } else { "Enable" })}>{ if ack { "Disable acknowledgement" } else { "Enable acknowledgement" } }</button>
                    <button type="button" onclick={delete} aria-label={format!("Delete {name}")}>{ "Delete" }</button>
                </td>
            </tr>
        }
    };
    html! {
        <div class="panel">
            <h2>{ format!("HEC tokens ({})", tokens.len()) }</h2>
            <form onsubmit={create} aria-labelledby="splunk-new-token">
                <h3 id="splunk-new-token">{ "New Token" }</h3>
                <label for="splunk-token-name">{ "Name" }</label>
                <input id="splunk-token-name" type="text" value={draft.name.clone()} oninput={on_name} autocomplete="off" />
                <label for="splunk-token-index">{ "Default Index" }</label>
                <select id="splunk-token-index" onchange={on_index}>
                    { for indexes.iter().map(|i| html! { <option value={i.clone()} selected={*i == draft.index}>{ i }</option> }) }
                </select>
                <label class="choice"><input type="checkbox" checked={draft.ack} onchange={on_ack} aria-describedby="splunk-ack-help" /><span>{ "Enable indexer acknowledgement" }</span></label>
                <p class="help" id="splunk-ack-help">{ "Firehose needs it: without indexer acknowledgement every delivery fails with Splunk.DisabledAck." }</p>
                <div class="form-actions"><button type="submit" class="primary">{ "Create token" }</button></div>
            </form>
            { answer_view(&answer) }
            if tokens.is_empty() {
                <p class="empty">{ "No HEC tokens yet." }</p>
            } else {
                <div class="table-scroll">
                <table aria-label="HEC tokens">
                    <thead><tr><th>{ "Name" }</th><th>{ "Token Value" }</th><th>{ "Default Index" }</th><th>{ "Indexer Acknowledgement" }</th><th>{ "Status" }</th><th>{ "Actions" }</th></tr></thead>
                    <tbody>{ for tokens.iter().map(row) }</tbody>
                </table>
                </div>
            }
        </div>
    }
}

#[derive(Clone, PartialEq)]
struct BehaviorDraft {
    behavior: String,
    delay: String,
    for_seconds: String,
}

#[component]
fn BehaviorPanel() -> Html {
    let sandbox = use_sandbox();
    let draft = use_state(|| BehaviorDraft {
        behavior: "NORMAL".into(),
        delay: "200".into(),
        for_seconds: String::new(),
    });
    let answer: Answer = use_state(|| None);
    let save = {
        let (sandbox, draft, answer) = (sandbox.clone(), draft.clone(), answer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = json!({"Behavior": draft.behavior});
            if draft.behavior == "ACK_DELAY" {
                body["AckDelaySeconds"] = json!(draft.delay.trim().parse::<i64>().unwrap_or(0));
            }
            if !draft.for_seconds.trim().is_empty() {
                body["ForSeconds"] = json!(draft.for_seconds.trim().parse::<i64>().unwrap_or(0));
            }
            answer.set(Some(
                sandbox
                    .call("SplunkHec.PutBehavior", body)
                    .map(|v| behavior_text(&v)),
            ));
        })
    };
    let field = |set: fn(&mut BehaviorDraft, String)| {
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
            d.behavior = select_of(&e);
            draft.set(d);
        })
    };
    html! {
        <form class="panel" onsubmit={save} aria-labelledby="splunk-behavior-title">
            <h2 id="splunk-behavior-title">{ "Practise failures" }</h2>
            <label for="splunk-behavior">{ "What the HEC does" }</label>
            <select id="splunk-behavior" onchange={on_behavior}>
                <option value="NORMAL" selected={draft.behavior == "NORMAL"}>{ "Normal: index and acknowledge at once" }</option>
                <option value="ACK_DELAY" selected={draft.behavior == "ACK_DELAY"}>{ "Acknowledge late" }</option>
                <option value="SERVER_ERROR" selected={draft.behavior == "SERVER_ERROR"}>{ "Server error (503 Server is busy)" }</option>
            </select>
            <label for="splunk-delay">{ "Acknowledgement delay (seconds)" }</label>
            <input id="splunk-delay" type="number" min="1" max="3600" value={draft.delay.clone()} oninput={field(|d, v| d.delay = v)}
                disabled={draft.behavior != "ACK_DELAY"} aria-describedby="splunk-delay-help" />
            <p class="help" id="splunk-delay-help">{ "Longer than the stream's HEC acknowledgement timeout (180–600 s): Splunk.AckTimeout — the events were indexed anyway, and the retry indexes them again." }</p>
            <label for="splunk-for">{ "For how long (seconds) - optional" }</label>
            <input id="splunk-for" type="number" min="1" max="86400" value={draft.for_seconds.clone()} oninput={field(|d, v| d.for_seconds = v)} aria-describedby="splunk-for-help" />
            <p class="help" id="splunk-for-help">{ "After this long the HEC is normal again: an outage that ends." }</p>
            <div class="form-actions"><button type="submit" class="primary">{ "Save behaviour" }</button></div>
            { answer_view(&answer) }
        </form>
    }
}

#[component]
fn IndexesPanel(props: &HecProps) -> Html {
    let sandbox = use_sandbox();
    let name = use_state(String::new);
    let answer: Answer = use_state(|| None);
    let indexes = props.hec["Indexes"].as_array().cloned().unwrap_or_default();
    let create = {
        let (sandbox, name, answer) = (sandbox.clone(), name.clone(), answer.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            answer.set(Some(
                sandbox
                    .call("SplunkHec.CreateIndex", json!({"Name": name.trim()}))
                    .map(|v| format!("Index {} created.", v["Name"].as_str().unwrap_or(""))),
            ));
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(text_of(&e)))
    };
    html! {
        <div class="panel">
            <h2>{ format!("Indexes ({})", indexes.len()) }</h2>
            <ul>
                { for indexes.iter().map(|i| html! {
                    <li>{ format!("{} — {} events", i["Name"].as_str().unwrap_or(""), i["EventCount"]) }</li>
                }) }
            </ul>
            <form onsubmit={create} class="inline-form">
                <label for="splunk-index-name">{ "Index Name" }</label>
                <input id="splunk-index-name" type="text" value={(*name).clone()} oninput={on_name} autocomplete="off" />
                <button type="submit">{ "New Index" }</button>
            </form>
            { answer_view(&answer) }
        </div>
    }
}

/// The time ranges of the search's picker: (label, seconds back; 0 for all time).
const RANGES: &[(&str, i64)] = &[
    ("Last 15 minutes", 900),
    ("Last 60 minutes", 3600),
    ("Last 24 hours", 86_400),
    ("All time", 0),
];

#[component]
fn SearchPanel() -> Html {
    let sandbox = use_sandbox();
    let typed = use_state(|| "index=main".to_string());
    let range = use_state(|| 0usize);
    let submitted = use_state(|| None::<(String, usize)>);
    let run = {
        let (typed, range, submitted) = (typed.clone(), range.clone(), submitted.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submitted.set(Some(((*typed).clone(), *range)));
        })
    };
    let on_query = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(text_of(&e)))
    };
    let on_range = {
        let range = range.clone();
        Callback::from(move |e: Event| range.set(select_of(&e).parse().unwrap_or(0)))
    };
    // Re-run on every render, so the results follow the clock.
    let results = submitted.as_ref().map(|(q, r)| {
        sandbox.read(|sb| {
            let back = RANGES[*r].1;
            let earliest = (back > 0).then(|| sb.now().epoch_millis() - back * 1000);
            sb.splunk_search(q, earliest, None)
        })
    });
    html! {
        <div class="panel">
            <h2 id="splunk-search-title">{ "Search" }</h2>
            <form onsubmit={run} aria-labelledby="splunk-search-title">
                <label for="splunk-query">{ "Search" }</label>
                <input id="splunk-query" class="hec-field" type="search" value={(*typed).clone()} oninput={on_query} autocomplete="off" aria-describedby="splunk-query-help" />
                <p class="help" id="splunk-query-help">{ "Terms as in Splunk's search bar: index=main sourcetype=app:auth source=http:* host=… NOT word FAIL \"a phrase\". Without index=, the default index (main) is searched; index=* searches all." }</p>
                <label for="splunk-range">{ "Time range" }</label>
                <select id="splunk-range" onchange={on_range}>
                    { for RANGES.iter().enumerate().map(|(i, (label, _))| html! {
                        <option value={i.to_string()} selected={i == *range}>{ *label }</option>
                    }) }
                </select>
                <div class="form-actions"><button type="submit" class="primary">{ "Search" }</button></div>
            </form>
            { match results {
                None => html! {},
                Some(r) => results_table(&r),
            } }
        </div>
    }
}

fn results_table(r: &Value) -> Html {
    let rows = r["Results"].as_array().cloned().unwrap_or_default();
    let total = r["Total"].as_u64().unwrap_or(0);
    html! {
        <>
        <p role="status">{ format!("{total} event{}{}", if total == 1 { "" } else { "s" },
            if total as usize > rows.len() { format!(" (the newest {} shown)", rows.len()) } else { String::new() }) }</p>
        if !rows.is_empty() {
            <div class="table-scroll">
            <table aria-label="Events">
                <thead><tr><th>{ "_time" }</th><th>{ "index" }</th><th>{ "sourcetype" }</th><th>{ "source" }</th><th>{ "_raw" }</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|e| {
                        let t = crate::engine::SimTime::from_millis((e["_time"].as_f64().unwrap_or(0.0) * 1000.0).round() as i64)
                            .to_datetime().format("%Y-%m-%d %H:%M:%S%.3f").to_string();
                        html! {
                            <tr>
                                <td class="nowrap">{ t }</td>
                                <td class="nowrap">{ e["index"].as_str().unwrap_or("") }</td>
                                <td class="nowrap">{ e["sourcetype"].as_str().unwrap_or("") }</td>
                                <td class="nowrap">{ e["source"].as_str().unwrap_or("") }</td>
                                <td><code class="raw">{ e["_raw"].as_str().unwrap_or("") }</code></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
        }
        </>
    }
}
