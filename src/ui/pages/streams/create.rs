//! Create data stream: name, capacity mode, shard count, the shard calculator and the Total
//! stream capacity panel, as in the console. The form is a reducer over the pure
//! [`CreateStream`], kept for the whole page session: coming back to this page (a lab's page
//! link, the browser's Back) shows what the learner last chose. It lives only in the page, never
//! in storage, so a reload starts afresh.

use crate::engine::ApiError;
use crate::forms::stream_create::{CreateStream, CreateStreamAction as A};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::study::use_observations;
use crate::ui::Route;
use std::cell::RefCell;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(CreateStream);

thread_local! {
    /// The form as the learner last left it, in this page session.
    static LAST: RefCell<Option<CreateStream>> = const { RefCell::new(None) };
}

fn value_of(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn StreamCreate() -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let form = use_reducer(|| LAST.with(|last| last.borrow().clone()).unwrap_or_default());
    {
        let kept = (*form).clone();
        use_effect_with(kept, |kept| {
            LAST.with(|last| *last.borrow_mut() = Some(kept.clone()));
        });
    }
    use_observations(form.observations());
    let error = use_state(|| None::<ApiError>);

    let (limit, in_use) = sandbox.read(|sb| {
        let used: u32 = sb.streams().iter().map(|s| s.open_shards).sum();
        (sb.config().kinesis_shard_limit, used)
    });
    let remaining = limit.saturating_sub(in_use);
    let estimate = form.estimate();
    let record_kb_invalid = form.record_kb_invalid();
    let capacity = form.capacity();
    let on_demand = form.on_demand;

    let set = |action: fn(String) -> A| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(value_of(&e))))
    };
    let use_estimate = {
        let dispatch = form.dispatcher();
        Callback::from(move |_| dispatch.dispatch(A::UseEstimate))
    };
    let pick_mode = |demand: bool| {
        let dispatch = form.dispatcher();
        Callback::from(move |_| dispatch.dispatch(A::OnDemand(demand)))
    };
    let toggle_calculator = {
        let dispatch = form.dispatcher();
        Callback::from(move |e: Event| {
            let open = e.target_unchecked_into::<Element>().has_attribute("open");
            dispatch.dispatch(A::CalculatorOpen(open));
        })
    };

    let onsubmit = {
        let sandbox = sandbox.clone();
        let form = form.clone();
        let error = error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match sandbox.send(form.request()) {
                Ok(_) => {
                    error.set(None);
                    if let Some(nav) = &navigator {
                        nav.push(&Route::StreamDetails {
                            name: form.name.clone(),
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
                    <input id="stream-name" type="text" value={form.name.clone()} oninput={set(A::Name)}
                        aria-describedby="stream-name-help" autocomplete="off" />
                    <p class="help" id="stream-name-help">
                        { "Acceptable characters are uppercase and lowercase letters, numbers, underscores, hyphens, and periods. 1–128 characters." }
                    </p>
                </fieldset>

                <fieldset class="panel">
                    <legend>{ "Data stream capacity" }</legend>
                    <div role="radiogroup" aria-label="Capacity mode" class="choices">
                        <label class="choice">
                            <input type="radio" name="capacity-mode" checked={on_demand} onchange={pick_mode(true)} />
                            <span><strong>{ "On-demand" }</strong>
                            { " — Kinesis scales the stream for you: 4 MB/s and 4,000 records/s of write capacity to start, up to double the peak of the last 30 days." }</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name="capacity-mode" checked={!on_demand} onchange={pick_mode(false)} />
                            <span><strong>{ "Provisioned" }</strong>
                            { " — you choose the number of shards. The only mode in exam-era (2020) material." }</span>
                        </label>
                    </div>

                    if !on_demand {
                        <p class="help">
                            { "A shard is a unit of throughput capacity. Each shard ingests up to 1 MB/sec and 1000 records/sec, and emits up to 2 MB/sec. To accommodate for higher or lower throughput, the number of shards can be modified after the Kinesis stream is created using the API." }
                        </p>
                        <details class="calculator" open={form.calculator_open} ontoggle={toggle_calculator}>
                            <summary>{ "Estimate the number of shards you'll need" }</summary>
                            <h3>{ "Shard calculator" }</h3>
                            <div class="field-row">
                                <label for="calc-size">{ "Average record size (KB)" }</label>
                                <input id="calc-size" type="number" min="1" max="1024" value={form.record_kb.clone()}
                                    oninput={set(A::RecordKb)} aria-describedby="calc-size-help" aria-invalid={record_kb_invalid.to_string()} />
                                <p class="help" id="calc-size-help">{ "Record size is an integer between 1 and 1024" }</p>
                            </div>
                            <div class="field-row">
                                <label for="calc-rate">{ "Max records written per second" }</label>
                                <input id="calc-rate" type="number" min="0" value={form.records_per_sec.clone()}
                                    oninput={set(A::RecordsPerSec)} aria-describedby="calc-rate-help" />
                                <p class="help" id="calc-rate-help">{ "(Number of records per second) x (Number of producers)" }</p>
                            </div>
                            <div class="field-row">
                                <label for="calc-consumers">{ "Number of consumer applications" }</label>
                                <input id="calc-consumers" type="number" min="0" value={form.consumers.clone()} oninput={set(A::Consumers)} />
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
                        <input id="shard-count" type="number" min="1" value={form.shards.clone()} oninput={set(A::Shards)}
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
