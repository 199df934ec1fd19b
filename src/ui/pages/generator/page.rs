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

use crate::engine::generator::{rate::MAX_PER_SECOND, Destination, Figures};
use crate::engine::{SimTime, SERVICES};
use crate::forms::generator::{
    sample_records, utf16_offset, Action, GeneratorForm, PeriodicAction, PeriodicForm, RateMode,
    TemplateBook, DAYS, TEMPLATES_KEY, TEMPLATE_COUNT,
};
use crate::host::storage;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
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

type Dispatch = UseReducerDispatcher<GeneratorForm>;

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// Dispatches the action made from a text field's new value.
fn on_text(
    dispatch: &Dispatch,
    action: impl Fn(String) -> Action + 'static,
) -> Callback<InputEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
}

/// Dispatches the action made from a checkbox's new state.
fn on_check(dispatch: &Dispatch, action: impl Fn(bool) -> Action + 'static) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| dispatch.dispatch(action(checked(&e))))
}

fn firehose_in_build() -> bool {
    SERVICES.iter().any(|(service, _)| *service == FIREHOSE)
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

/// What the page shows of the sender.
#[derive(Debug, Clone, PartialEq)]
struct SendingView {
    sending: bool,
    totals: Figures,
    last: Figures,
    recent: Vec<String>,
    pending: usize,
    last_error: Option<String>,
    destination: Destination,
    periodic: bool,
    sim_time: SimTime,
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

#[derive(Properties, PartialEq)]
struct TemplateEditorProps {
    book: TemplateBook,
    dispatch: Dispatch,
}

/// The five saved templates as tabs, the open one's name and text with its live error, and
/// "Restore this template's default".
#[component]
fn TemplateEditor(props: &TemplateEditorProps) -> Html {
    let book = &props.book;
    let dispatch = &props.dispatch;
    let editor = use_node_ref();
    let current = book.current().clone();
    let template_error = book.current_error();
    let pick_template = |i: usize| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::PickTemplate(i)))
    };
    let edit_body = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::EditTemplate(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let reset_template = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::RestoreTemplate))
    };
    let go_to_error = {
        let editor = editor.clone();
        let body = current.body.clone();
        let at = template_error.as_ref().map(|e| (e.line, e.column));
        Callback::from(move |_| {
            if let (Some(area), Some((line, column))) = (editor.cast::<HtmlTextAreaElement>(), at) {
                let offset = utf16_offset(&body, line, column);
                let _ = area.focus();
                let _ = area.set_selection_range(offset, offset + 1);
            }
        })
    };
    let template_tabs = (0..TEMPLATE_COUNT).map(|i| {
        let selected = i == book.selected;
        html! {
            <button type="button" role="tab" id={format!("template-tab-{i}")} aria-selected={selected.to_string()}
                aria-controls="template-panel" tabindex={if selected { "0" } else { "-1" }}
                onclick={pick_template(i)}>{ book.tab_name(i) }</button>
        }
    });
    html! {
        <div class="kdg-template">
            <h2 id="template-heading">{ "Record template" }</h2>
            <div role="tablist" aria-label="Saved templates" class="tabs kdg-tabs">{ for template_tabs }</div>
            <div id="template-panel" role="tabpanel" aria-labelledby={format!("template-tab-{}", book.selected)}>
                <label for="kdg-template-name">{ "Template name" }</label>
                <input id="kdg-template-name" type="text" value={current.name.clone()}
                    oninput={on_text(dispatch, Action::RenameTemplate)} autocomplete="off" />
                <label for="kdg-template">{ "Record template" }</label>
                <textarea id="kdg-template" ref={editor} class="kdg-editor" rows="14" spellcheck="false"
                    value={current.body.clone()} oninput={edit_body}
                    aria-invalid={template_error.is_some().to_string()}
                    aria-describedby={if template_error.is_some() { "kdg-template-error" } else { "kdg-template-help" }} />
                if let Some(e) = &template_error {
                    <p class="kdg-template-error" id="kdg-template-error">
                        <strong>{ format!("Line {}, column {}: ", e.line, e.column) }</strong>
                        { &e.message }
                        { " " }
                        <button type="button" onclick={go_to_error}>{ "Go to error" }</button>
                    </p>
                } else {
                    <p class="help" id="kdg-template-help">
                        { "KDG syntax: {{random.number(50)}}, {{random.arrayElement([\"OK\",\"FAIL\"])}}, {{name.firstName}}, {{date.now(\"YYYY-MM-DD\")}}, {{date.simTime}}…" }
                    </p>
                }
                <button type="button" onclick={reset_template}>{ "Restore this template's default" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SendingPanelProps {
    view: SendingView,
    onstop: Callback<MouseEvent>,
}

/// The counter, the figures of the last second and in total, throttling, and the last records.
#[component]
fn SendingPanel(props: &SendingPanelProps) -> Html {
    let v = &props.view;
    let (kind, name, link) = match &v.destination {
        Destination::Stream(n) => (
            "stream",
            n.clone(),
            Some(html! {
                <Link<Route> to={Route::StreamTab { name: n.clone(), tab: "data-viewer".into() }}>
                    { format!("Open {n} in the Data viewer") }
                </Link<Route>>
            }),
        ),
        Destination::DeliveryStream(n) => ("delivery stream", n.clone(), None),
    };
    let figures_row = |label: &str, f: Figures| {
        html! {
            <tr>
                <th scope="row">{ label.to_string() }</th>
                <td>{ crate::text::thousands(f.generated) }</td>
                <td>{ crate::text::thousands(f.sent) }</td>
                <td class={classes!((f.throttled > 0).then_some("kdg-bad"))}>{ crate::text::thousands(f.throttled) }</td>
                <td class={classes!((f.failed > 0).then_some("kdg-bad"))}>{ crate::text::thousands(f.failed) }</td>
            </tr>
        }
    };
    let heading = if v.sending {
        "Sending Data to Kinesis"
    } else {
        "Sending stopped"
    };
    let throttled_now = v.sending && v.last.throttled > 0;
    html! {
        <div class={classes!("panel", "kdg-sending", throttled_now.then_some("throttled"))} role="region" aria-labelledby="sending-title">
            <h2 id="sending-title">{ heading }</h2>
            <p class="kdg-counter" role="status">{ format!("{} records sent to Kinesis.", v.totals.sent) }</p>
            <p class="help">
                { format!("To {kind} {name}") }
                if v.periodic { { format!(" · data time {}", v.sim_time.to_datetime().format("%Y-%m-%d %H:%M:%S UTC")) } }
                if v.pending > 0 { { format!(" · {} records waiting to be retried", crate::text::thousands(v.pending as u64)) } }
                if let Some(l) = link { { " · " }{ l } }
            </p>
            if v.totals.throttled > 0 {
                <div class="kdg-warning">
                    <strong>{ format!("{} records throttled", crate::text::thousands(v.totals.throttled)) }</strong>
                    { match &v.destination {
                        Destination::Stream(_) => " (ProvisionedThroughputExceededException): the stream was sent more than its shards take — 1,000 records and 1 MiB per second each. Lower the rate, add shards, or retry throttled records.",
                        Destination::DeliveryStream(_) => " (ServiceUnavailableException): the delivery stream was sent more than its quota. Lower the rate or retry throttled records.",
                    } }
                </div>
            }
            if let Some(e) = &v.last_error {
                <p class="kdg-last-error"><strong>{ "Last error: " }</strong>{ e }</p>
            }
            <table class="resource-table kdg-figures">
                <caption class="visually-hidden">{ "Records per second and in total" }</caption>
                <thead><tr>
                    <th scope="col"></th><th scope="col">{ "Generated" }</th><th scope="col">{ "Accepted" }</th>
                    <th scope="col">{ "Throttled" }</th><th scope="col">{ "Failed" }</th>
                </tr></thead>
                <tbody>
                    if v.sending { { figures_row("Last second", v.last) } }
                    { figures_row("Total", v.totals) }
                </tbody>
            </table>
            if !v.recent.is_empty() {
                <h3 id="recent-title">{ "Last records" }</h3>
                <ol class="kdg-records kdg-recent" aria-labelledby="recent-title">
                    { for v.recent.iter().rev().map(|r| html! { <li><pre>{ r }</pre></li> }) }
                </ol>
            }
            if v.sending {
                <button type="button" class="danger" onclick={props.onstop.clone()}>{ "Stop Sending Data to Kinesis" }</button>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PeriodicEditorProps {
    form: PeriodicForm,
    dispatch: Dispatch,
}

/// The Periodic tab: μ and σ per hour of day × day of week, and how data time runs.
#[component]
fn PeriodicEditor(props: &PeriodicEditorProps) -> Html {
    let f = &props.form;
    let dispatch = &props.dispatch;
    let send = |action: PeriodicAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Periodic(action.clone())))
    };
    let text = |action: fn(String) -> PeriodicAction| {
        on_text(dispatch, move |s| Action::Periodic(action(s)))
    };
    let check = |action: fn(bool) -> PeriodicAction| {
        on_check(dispatch, move |c| Action::Periodic(action(c)))
    };
    let toggle_grid = send(PeriodicAction::ToggleGrid);
    let fill = send(PeriodicAction::FillAll);
    let cell = |day: usize, hour: usize, is_mu: bool| {
        let value = if is_mu {
            f.mu[day][hour].clone()
        } else {
            f.sigma[day][hour].clone()
        };
        let label = format!(
            "{}, {} {:02}:00",
            if is_mu { "Mu" } else { "Sigma" },
            DAYS[day],
            hour
        );
        let oninput = on_text(dispatch, move |value| {
            Action::Periodic(PeriodicAction::Cell {
                day,
                hour,
                mu: is_mu,
                value,
            })
        });
        html! {
            <input type="number" min="0" class={if is_mu { "mu" } else { "sigma" }}
                aria-label={label} {value} {oninput} />
        }
    };
    html! {
        <div class="kdg-rate-body kdg-periodic">
            <p class="help">{ "Each simulated second the number of records is drawn from a normal distribution with mean Mu and standard deviation Sigma for that hour of that day of the week (UTC)." }</p>
            <div class="inline-form">
                <label for="kdg-fill-mu">{ "Mu for every hour" }</label>
                <input id="kdg-fill-mu" type="number" min="0" value={f.fill_mu.clone()} oninput={text(PeriodicAction::FillMu)} />
                <label for="kdg-fill-sigma">{ "Sigma for every hour" }</label>
                <input id="kdg-fill-sigma" type="number" min="0" value={f.fill_sigma.clone()} oninput={text(PeriodicAction::FillSigma)} />
                <button type="button" onclick={fill}>{ "Apply to every hour" }</button>
            </div>
            <button type="button" aria-expanded={f.grid_open.to_string()} aria-controls="kdg-grid" onclick={toggle_grid}>
                { if f.grid_open { "Hide the hourly grid" } else { "Edit hour by hour" } }
            </button>
            if f.grid_open {
                <div class="kdg-grid-wrap" id="kdg-grid">
                    <table class="kdg-grid">
                        <caption>{ "Mu / Sigma per hour (rows, UTC) and day of the week (columns)" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Hour" }</th>
                            { for DAYS.iter().map(|d| html! { <th scope="col">{ &d[..3] }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for (0..24).map(|hour| html! {
                                <tr>
                                    <th scope="row">{ format!("{hour:02}:00") }</th>
                                    { for (0..7).map(|day| html! {
                                        <td>{ cell(day, hour, true) }{ cell(day, hour, false) }</td>
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="choices">
                <label class="choice">
                    <input type="checkbox" checked={f.smoothing} onchange={check(PeriodicAction::Smoothing)} />
                    <span>{ "Intra-hour smoothing" }<span class="help">{ " — move Mu and Sigma linearly toward the next hour's values" }</span></span>
                </label>
                <label class="choice">
                    <input type="checkbox" checked={f.lock} onchange={check(PeriodicAction::Lock)} />
                    <span>{ "Lock to real time" }<span class="help">{ " — one second of data each simulated second, at the sandbox's time" }</span></span>
                </label>
            </div>
            if !f.lock {
                <div class="kdg-sim-fields">
                    <label for="kdg-start">{ "Start time (UTC)" }</label>
                    <input id="kdg-start" type="datetime-local" step="1" value={f.start.clone()} oninput={text(PeriodicAction::Start)} />
                    <label for="kdg-end">{ "End time (UTC)" }</label>
                    <input id="kdg-end" type="datetime-local" step="1" value={f.end.clone()} oninput={text(PeriodicAction::End)} />
                    <label for="kdg-seconds-per-tick">{ "Seconds of data per tick" }</label>
                    <input id="kdg-seconds-per-tick" type="number" min="1" value={f.seconds_per_tick.clone()} oninput={text(PeriodicAction::SecondsPerTick)} />
                    <label for="kdg-wait">{ "Wait between ticks (ms)" }</label>
                    <input id="kdg-wait" type="number" min="0" step="1000" value={f.wait_ms.clone()} oninput={text(PeriodicAction::WaitMs)}
                        aria-describedby="kdg-wait-help" />
                    <p class="help" id="kdg-wait-help">{ "Simulated time; ticks fall on whole seconds, at least one second apart. {{date.simTime}} gives each record's data time." }</p>
                </div>
            }
        </div>
    }
}
