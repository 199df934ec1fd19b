//! The Kinesis Data Generator: a record template, a rate and a destination, then
//! `KinesisDataGenerator.StartSending`. Shaped like the KDG the course uses, without its
//! sign-in: Region, Stream/delivery stream, Records per second (Constant or Periodic),
//! Compress Records, five named templates kept in this browser, Test template, and
//! Send data / Stop Sending Data to Kinesis with the live counter.
//!
//! Unlike the KDG, throttled and failed records are shown as they happen.
//!
//! The form is [`GeneratorForm`] (pure, in `crate::forms::generator`) in a reducer; the small
//! components below draw its parts and dispatch its [`Action`]s.

use super::periodic::PeriodicEditor;
use super::sending::{SendingPanel, SendingView};
use super::template_editor::TemplateEditor;
use crate::engine::generator::rate::MAX_PER_SECOND;
use crate::engine::SERVICES;
use crate::forms::generator::{
    sample_records, Action, GeneratorForm, PeriodicForm, RateMode, TemplateBook, TEMPLATES_KEY,
};
use crate::host::storage;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

const FIREHOSE: &str = "Firehose_20150804";

/// The templates saved in this browser, or the defaults.
pub fn load_templates() -> TemplateBook {
    storage::load_text(TEMPLATES_KEY)
        .and_then(|text| TemplateBook::from_json(&text))
        .unwrap_or_default()
}

/// Keeps the templates in this browser. A full storage only loses their latest edit; the page
/// goes on.
pub fn save_templates(book: &TemplateBook) {
    if let Ok(text) = serde_json::to_string(book) {
        storage::save_text(TEMPLATES_KEY, &text);
    }
}

reducible!(GeneratorForm);

pub(super) type Dispatch = UseReducerDispatcher<GeneratorForm>;

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// Dispatches the action made from a text field's new value.
pub(super) fn on_text(
    dispatch: &Dispatch,
    action: impl Fn(String) -> Action + 'static,
) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
}

/// Dispatches the action made from a checkbox's new state.
pub(super) fn on_check(
    dispatch: &Dispatch,
    action: impl Fn(bool) -> Action + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| dispatch.dispatch(action(checked(&e))))
}

fn firehose_in_build() -> bool {
    SERVICES.iter().any(|service| service.prefix == FIREHOSE)
}

/// The Direct PUT delivery streams (only they take PutRecordBatch; the others read a data
/// stream), when the Firehose service is in the build.
fn delivery_streams(sandbox: &SandboxHandle) -> Vec<String> {
    if !firehose_in_build() {
        return Vec::new();
    }
    sandbox.read(|sb| {
        let firehose = sb.firehose();
        firehose
            .names()
            .filter(|name| {
                firehose
                    .get(name)
                    .is_some_and(|d| d.stream_type() == "DirectPut")
            })
            .map(str::to_string)
            .collect()
    })
}

#[component]
pub fn Generator() -> Html {
    let sandbox = use_sandbox();
    let form = {
        let now = sandbox.read(|sb| sb.now());
        use_reducer(move || GeneratorForm::new(load_templates(), now))
    };
    let dispatch = form.dispatcher();
    let delivery = use_state(Vec::<String>::new);

    {
        let sandbox = sandbox.clone();
        let delivery = delivery.clone();
        use_effect_with((), move |_| delivery.set(delivery_streams(&sandbox)));
    }
    // The templates are stored whenever they change (not when the page opens).
    {
        let opened = use_mut_ref(|| true);
        use_effect_with(form.book.clone(), move |book| {
            if !opened.replace(false) {
                save_templates(book);
            }
        });
    }

    let (region, streams) = sandbox.read(|sb| {
        (
            sb.config().region.clone(),
            sb.streams().into_iter().map(|s| s.name).collect::<Vec<_>>(),
        )
    });
    let view = sandbox.read(|sb| {
        sb.generator().sender().map(|s| SendingView {
            sending: s.is_sending(),
            totals: s.totals,
            last: s.last_tick,
            recent: s.recent.iter().cloned().collect(),
            pending: s.pending(),
            last_error: s.last_error.clone(),
            destination: s.destination.clone(),
            periodic: matches!(s.rate, crate::engine::generator::Rate::Periodic(_)),
            sim_time: s.sim_time,
        })
    });
    let sending = view.as_ref().is_some_and(|v| v.sending);

    let options = GeneratorForm::options(&streams, &delivery);
    let chosen = form.chosen(&options);

    let refresh_delivery = {
        let sandbox = sandbox.clone();
        let delivery = delivery.clone();
        Callback::from(move |_: FocusEvent| {
            let list = delivery_streams(&sandbox);
            if *delivery != list {
                delivery.set(list);
            }
        })
    };
    let test_template = {
        let sandbox = sandbox.clone();
        let dispatch = dispatch.clone();
        let request = form.test_request();
        Callback::from(move |_| {
            let answer = sandbox.call("KinesisDataGenerator.TestTemplate", request.clone());
            dispatch.dispatch(Action::Tested(answer.map(|v| sample_records(&v))));
        })
    };
    let send = {
        let sandbox = sandbox.clone();
        let dispatch = dispatch.clone();
        let request = form.start_request(chosen.as_deref());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let answer = sandbox.call("KinesisDataGenerator.StartSending", request.clone());
            dispatch.dispatch(Action::Started(answer.map(|_| ())));
        })
    };
    let stop = {
        let sandbox = sandbox.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            if let Err(e) = sandbox.call("KinesisDataGenerator.StopSending", serde_json::json!({}))
            {
                dispatch.dispatch(Action::StopFailed(e));
            }
        })
    };

    html! {
        <section class="page kdg" aria-labelledby="kdg-title">
            <h1 id="kdg-title">{ "Kinesis Data Generator" }</h1>
            <p class="lead">{ "Sends test records made from a template to a data stream or a delivery stream, the way the Amazon Kinesis Data Generator does — no sign-in needed here. Records go out each simulated second, so the clock in the top bar drives sending." }</p>

            if let Some(v) = &view {
                <SendingPanel view={v.clone()} onstop={stop} />
            }

            <form class="panel kdg-form" onsubmit={send} novalidate=true>
                <fieldset class="kdg-fields" disabled={sending}>
                    <legend class="visually-hidden">{ "Generator settings" }</legend>
                    <div class="kdg-row">
                        <label for="kdg-region">{ "Region" }</label>
                        <input id="kdg-region" type="text" readonly=true value={region} />
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-destination">{ "Stream/delivery stream" }</label>
                        <div>
                            <DestinationSelect streams={streams.clone()} delivery={(*delivery).clone()}
                                chosen={chosen.clone()} dispatch={dispatch.clone()} onfocus={refresh_delivery} />
                            if options.is_empty() {
                                <p class="help">
                                    { "Create a data stream first: " }
                                    <Link<Route> to={Route::StreamCreate}>{ "Create data stream" }</Link<Route>>
                                </p>
                            }
                        </div>
                    </div>
                    <RateField mode={form.mode} per_second={form.per_second.clone()}
                        periodic={form.periodic.clone()} dispatch={dispatch.clone()} />
                    <div class="kdg-row">
                        <label for="kdg-compress">{ "Compress Records" }</label>
                        <div>
                            <input id="kdg-compress" type="checkbox" checked={form.compress}
                                onchange={on_check(&dispatch, Action::Compress)} aria-describedby="kdg-compress-help" />
                            <p class="help" id="kdg-compress-help">{ "Gzips each record (then no newline is added)." }</p>
                        </div>
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-retry">{ "Retry throttled records" }</label>
                        <div>
                            <input id="kdg-retry" type="checkbox" checked={form.retry}
                                onchange={on_check(&dispatch, Action::Retry)} aria-describedby="kdg-retry-help" />
                            <p class="help" id="kdg-retry-help">{ "The KDG drops them. With this on they are sent again after 1, 2, 4, 8 s until 30 s old, as the KPL does." }</p>
                        </div>
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-max">{ "Stop after (records)" }</label>
                        <div>
                            <input id="kdg-max" type="number" min="1" placeholder="no limit" value={form.max_records.clone()}
                                oninput={on_text(&dispatch, Action::MaxRecords)} />
                        </div>
                    </div>

                    <TemplateEditor book={form.book.clone()} dispatch={dispatch.clone()} />
                </fieldset>

                if let Some(e) = &form.error {
                    <ApiErrorAlert error={e.clone()} />
                }
                <div class="form-actions kdg-actions">
                    <button type="button" onclick={test_template}>{ "Test template" }</button>
                    <button type="submit" class="primary" disabled={sending}>{ "Send data" }</button>
                </div>
            </form>

            if !form.samples.is_empty() {
                <div class="panel kdg-samples" role="region" aria-labelledby="samples-title">
                    <h2 id="samples-title">{ "Sample Records" }</h2>
                    <ol class="kdg-records">
                        { for form.samples.iter().map(|r| html! { <li><pre>{ r }</pre></li> }) }
                    </ol>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct DestinationSelectProps {
    streams: Vec<String>,
    delivery: Vec<String>,
    chosen: Option<String>,
    dispatch: Dispatch,
    onfocus: Callback<FocusEvent>,
}

/// The destination list: data streams, then Direct PUT delivery streams.
#[component]
fn DestinationSelect(props: &DestinationSelectProps) -> Html {
    let empty = props.streams.is_empty() && props.delivery.is_empty();
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            dispatch.dispatch(Action::Destination(
                e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let option = |kind: &str, n: &String| {
        let v = format!("{kind}:{n}");
        html! { <option value={v.clone()} selected={props.chosen.as_ref() == Some(&v)}>{ n }</option> }
    };
    html! {
        <select id="kdg-destination" {onchange} onfocus={props.onfocus.clone()} disabled={empty}>
            if empty {
                <option value="">{ "No destinations found in this region" }</option>
            }
            if !props.streams.is_empty() {
                <optgroup label="Kinesis Streams">
                    { for props.streams.iter().map(|n| option("stream", n)) }
                </optgroup>
            }
            if !props.delivery.is_empty() {
                <optgroup label="Kinesis Firehose">
                    { for props.delivery.iter().map(|n| option("firehose", n)) }
                </optgroup>
            }
        </select>
    }
}

#[derive(Properties, PartialEq)]
struct RateFieldProps {
    mode: RateMode,
    per_second: String,
    periodic: PeriodicForm,
    dispatch: Dispatch,
}

/// Records per second: the Constant and Periodic tabs.
#[component]
fn RateField(props: &RateFieldProps) -> Html {
    let mode = props.mode;
    let pick_mode = |m: RateMode| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Mode(m)))
    };
    let rate_panel = match mode {
        RateMode::Constant => html! {
            <div class="kdg-rate-body">
                <label for="kdg-rate">{ "Records per second" }</label>
                <input id="kdg-rate" type="number" min="1" max={MAX_PER_SECOND.to_string()} value={props.per_second.clone()}
                    oninput={on_text(&props.dispatch, Action::PerSecond)} aria-describedby="kdg-rate-help" />
                <p class="help" id="kdg-rate-help">{ format!("From 1 to {} records each simulated second.", crate::text::thousands(MAX_PER_SECOND)) }</p>
            </div>
        },
        RateMode::Periodic => html! {
            <PeriodicEditor form={props.periodic.clone()} dispatch={props.dispatch.clone()} />
        },
    };
    html! {
        <div class="kdg-row">
            <span class="kdg-label" aria-hidden="true">{ "Records per second" }</span>
            <div>
                <div role="tablist" aria-label="Rate mode" class="tabs kdg-tabs">
                    <button type="button" role="tab" id="rate-tab-constant" aria-controls="rate-panel"
                        aria-selected={(mode == RateMode::Constant).to_string()}
                        onclick={pick_mode(RateMode::Constant)}>{ "Constant" }</button>
                    <button type="button" role="tab" id="rate-tab-periodic" aria-controls="rate-panel"
                        aria-selected={(mode == RateMode::Periodic).to_string()}
                        onclick={pick_mode(RateMode::Periodic)}>{ "Periodic" }</button>
                </div>
                <div id="rate-panel" role="tabpanel"
                    aria-labelledby={if mode == RateMode::Constant { "rate-tab-constant" } else { "rate-tab-periodic" }}>
                    { rate_panel }
                </div>
            </div>
        </div>
    }
}
