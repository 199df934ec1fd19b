//! Create data stream: name, capacity mode, shard count, the shard calculator and the Total
//! stream capacity panel, as in the console.

use crate::engine::streams::{estimate_shards, stream_capacity};
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use serde_json::json;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

fn value_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// A number typed into a field, if it is one.
fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

#[component]
pub fn StreamCreate() -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let name = use_state(String::new);
    let on_demand = use_state(|| true);
    let shards = use_state(|| "1".to_string());
    let record_kb = use_state(String::new);
    let records_per_sec = use_state(String::new);
    let consumers = use_state(|| "1".to_string());
    let error = use_state(|| None::<ApiError>);

    let (limit, in_use) = sandbox.read(|sb| {
        let used: u32 = sb.streams().iter().map(|s| s.open_shards).sum();
        (sb.config().kinesis_shard_limit, used)
    });
    let remaining = limit.saturating_sub(in_use);

    let estimate = match (
        number(&record_kb),
        number(&records_per_sec),
        number(&consumers),
    ) {
        (Some(kb), Some(rps), Some(c))
            if (1.0..=1024.0).contains(&kb) && rps >= 0.0 && c >= 0.0 =>
        {
            Some(estimate_shards(kb, rps, c as u32))
        }
        _ => None,
    };
    let record_kb_invalid = !record_kb.is_empty()
        && !number(&record_kb).is_some_and(|kb| kb.fract() == 0.0 && (1.0..=1024.0).contains(&kb));
    let shard_count = number(&shards)
        .filter(|n| *n >= 1.0 && n.fract() == 0.0)
        .map(|n| n as u32);
    let capacity = shard_count.map(stream_capacity);

    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(value_of(&e)))
    };
    let use_estimate = {
        let shards = shards.clone();
        Callback::from(move |_| {
            if let Some(n) = estimate {
                shards.set(n.to_string());
            }
        })
    };
    let pick_mode = |demand: bool| {
        let on_demand = on_demand.clone();
        Callback::from(move |_| on_demand.set(demand))
    };

    let onsubmit = {
        let sandbox = sandbox.clone();
        let name = name.clone();
        let on_demand = on_demand.clone();
        let shards = shards.clone();
        let error = error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = json!({ "StreamName": *name });
            if *on_demand {
                body["StreamModeDetails"] = json!({ "StreamMode": "ON_DEMAND" });
            } else {
                // Sent as typed so that AWS's own validation speaks for a bad number.
                body["ShardCount"] = match shards.trim().parse::<i64>() {
                    Ok(n) => json!(n),
                    Err(_) => json!(shards.trim()),
                };
                body["StreamModeDetails"] = json!({ "StreamMode": "PROVISIONED" });
            }
            match sandbox.call("Kinesis_20131202.CreateStream", body) {
                Ok(_) => {
                    error.set(None);
                    if let Some(nav) = &navigator {
                        nav.push(&Route::StreamDetails {
                            name: (*name).clone(),
                        });
                    }
                }
                Err(e) => error.set(Some(e)),
            }
        })
    };

    html! {
        <section class="page" aria-labelledby="create-title">
            <p class="breadcrumb"><Link<Route> to={Route::Streams}>{ "Data streams" }</Link<Route>>{ " › Create data stream" }</p>
            <h1 id="create-title">{ "Create data stream" }</h1>
            <form class="form" {onsubmit} novalidate=true>
                <fieldset class="panel">
                    <legend>{ "Data stream configuration" }</legend>
                    <label for="stream-name">{ "Data stream name" }</label>
                    <input id="stream-name" type="text" value={(*name).clone()} oninput={set(&name)}
                        aria-describedby="stream-name-help" autocomplete="off" />
                    <p class="help" id="stream-name-help">
                        { "Acceptable characters are uppercase and lowercase letters, numbers, underscores, hyphens, and periods. 1–128 characters." }
                    </p>
                </fieldset>

                <fieldset class="panel">
                    <legend>{ "Data stream capacity" }</legend>
                    <div role="radiogroup" aria-label="Capacity mode" class="choices">
                        <label class="choice">
                            <input type="radio" name="capacity-mode" checked={*on_demand} onchange={pick_mode(true)} />
                            <span><strong>{ "On-demand" }</strong>
                            { " — Kinesis scales the stream for you: 4 MB/s and 4,000 records/s of write capacity to start, up to double the peak of the last 30 days." }</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name="capacity-mode" checked={!*on_demand} onchange={pick_mode(false)} />
                            <span><strong>{ "Provisioned" }</strong>
                            { " — you choose the number of shards. The only mode in exam-era (2020) material." }</span>
                        </label>
                    </div>

                    if !*on_demand {
                        <p class="help">
                            { "A shard is a unit of throughput capacity. Each shard ingests up to 1 MB/sec and 1000 records/sec, and emits up to 2 MB/sec. To accommodate for higher or lower throughput, the number of shards can be modified after the Kinesis stream is created using the API." }
                        </p>
                        <details class="calculator">
                            <summary>{ "Estimate the number of shards you'll need" }</summary>
                            <h3>{ "Shard calculator" }</h3>
                            <div class="field-row">
                                <label for="calc-size">{ "Average record size (KB)" }</label>
                                <input id="calc-size" type="number" min="1" max="1024" value={(*record_kb).clone()}
                                    oninput={set(&record_kb)} aria-describedby="calc-size-help" aria-invalid={record_kb_invalid.to_string()} />
                                <p class="help" id="calc-size-help">{ "Record size is an integer between 1 and 1024" }</p>
                            </div>
                            <div class="field-row">
                                <label for="calc-rate">{ "Max records written per second" }</label>
                                <input id="calc-rate" type="number" min="0" value={(*records_per_sec).clone()}
                                    oninput={set(&records_per_sec)} aria-describedby="calc-rate-help" />
                                <p class="help" id="calc-rate-help">{ "(Number of records per second) x (Number of producers)" }</p>
                            </div>
                            <div class="field-row">
                                <label for="calc-consumers">{ "Number of consumer applications" }</label>
                                <input id="calc-consumers" type="number" min="0" value={(*consumers).clone()} oninput={set(&consumers)} />
                            </div>
                            <p class="estimate">
                                { "Estimated shards: " }
                                <output aria-label="Estimated shards">{ estimate.map(|n| n.to_string()).unwrap_or_else(|| "–".into()) }</output>
                                { " " }
                                <button type="button" onclick={use_estimate} disabled={estimate.is_none()}>{ "Use this value" }</button>
                            </p>
                            <p class="help">{ "Shards = max(size × rate ÷ 1024 KiB/s, size × rate × consumers ÷ 2048 KiB/s, rate ÷ 1000 records/s), rounded up; the size is rounded up to a whole KiB." }</p>
                        </details>

                        <label for="shard-count">{ "Number of open shards" }</label>
                        <input id="shard-count" type="number" min="1" value={(*shards).clone()} oninput={set(&shards)}
                            aria-describedby="shard-count-help" />
                        <p class="help" id="shard-count-help">
                            { format!("You can provision up to {remaining} more shards before hitting your account limit of {limit}.") }
                        </p>

                        <div class="capacity" role="group" aria-label="Total stream capacity">
                            <h3>{ "Total stream capacity" }</h3>
                            <p class="help">{ "Values are calculated based on the number of shards entered above." }</p>
                            <dl>
                                <dt>{ "Write" }</dt>
                                <dd><span aria-label="Write MB per second">{ capacity.map(|c| c.write_mib_per_sec.to_string()).unwrap_or_else(|| "–".into()) }</span>{ " MB per second" }</dd>
                                <dd><span aria-label="Write records per second">{ capacity.map(|c| c.write_records_per_sec.to_string()).unwrap_or_else(|| "–".into()) }</span>{ " Records per second" }</dd>
                                <dt>{ "Read" }</dt>
                                <dd><span aria-label="Read MB per second">{ capacity.map(|c| c.read_mib_per_sec.to_string()).unwrap_or_else(|| "–".into()) }</span>{ " MB per second" }</dd>
                            </dl>
                        </div>
                    }
                </fieldset>

                if let Some(e) = &*error {
                    <ApiErrorAlert error={e.clone()} />
                }
                <div class="form-actions">
                    <Link<Route> to={Route::Streams} classes="button-link secondary">{ "Cancel" }</Link<Route>>
                    <button type="submit" class="primary">{ "Create data stream" }</button>
                </div>
            </form>
        </section>
    }
}
