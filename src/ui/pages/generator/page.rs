//! The Kinesis Data Generator: a record template, a rate and a destination, then
//! `KinesisDataGenerator.StartSending`. Shaped like the KDG the course uses, without its
//! sign-in: Region, Stream/delivery stream, Records per second (Constant or Periodic),
//! Compress Records, five named templates kept in this browser, Test template, and
//! Send data / Stop Sending Data to Kinesis with the live counter.
//!
//! Unlike the KDG, throttled and failed records are shown as they happen.

use crate::engine::generator::{rate::MAX_PER_SECOND, Destination, Figures, Template};
use crate::engine::{ApiError, SimTime, SERVICES};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

pub use crate::engine::generator::SENSOR_TEMPLATE;

/// Where the five templates are kept in this browser.
pub const TEMPLATES_KEY: &str = "kinesis-sandbox:kdg-templates";
/// How many named templates there are, as in the KDG.
pub const TEMPLATE_COUNT: usize = 5;

const FIREHOSE: &str = "Firehose_20150804";
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// The default text of templates 2 to 5: the helpers the KDG's help page shows.
const OTHER_TEMPLATES: [&str; TEMPLATE_COUNT - 1] = [
    "{\n    \"customer\": \"{{name.firstName}} {{name.lastName}}\",\n    \"age\": {{random.number(70)}},\n    \"ip\": \"{{internet.ip}}\"\n}",
    "{\n    \"id\": \"{{random.uuid}}\",\n    \"pet\": \"{{random.weightedArrayElement({\"weights\":[0.3,0.2,0.5],\"data\":[\"cat\",\"fish\",\"dog\"]})}}\",\n    \"time\": \"{{date.now}}\"\n}",
    "{{date.now(\"YYYY-MM-DD HH:mm:ss\")}},{{random.number({\"min\":1,\"max\":5})}},{{random.arrayElement([\"click\",\"view\",\"buy\"])}}",
    "{{internet.ip}} - - [{{date.now(\"DD/MMM/YYYY:HH:mm:ss Z\")}}] \"GET /{{random.word}} HTTP/1.1\" {{random.arrayElement([200,200,200,404,500])}} {{random.number(5000)}}",
];

/// One saved template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTemplate {
    pub name: String,
    pub body: String,
}

/// The five templates and which one is open, saved in localStorage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateBook {
    pub selected: usize,
    pub templates: Vec<SavedTemplate>,
}

impl Default for TemplateBook {
    fn default() -> Self {
        let bodies = std::iter::once(SENSOR_TEMPLATE).chain(OTHER_TEMPLATES);
        TemplateBook {
            selected: 0,
            templates: bodies
                .enumerate()
                .map(|(i, body)| SavedTemplate {
                    name: format!("Template {}", i + 1),
                    body: body.to_string(),
                })
                .collect(),
        }
    }
}

impl TemplateBook {
    /// Reads a saved book, completing or trimming it to five templates.
    pub fn from_json(text: &str) -> Option<Self> {
        let mut book: TemplateBook = serde_json::from_str(text).ok()?;
        let defaults = TemplateBook::default();
        book.templates.truncate(TEMPLATE_COUNT);
        let have = book.templates.len();
        book.templates
            .extend(defaults.templates.into_iter().skip(have));
        book.selected = book.selected.min(TEMPLATE_COUNT - 1);
        Some(book)
    }

    pub fn load() -> Self {
        crate::host::storage::load_text(TEMPLATES_KEY)
            .and_then(|text| TemplateBook::from_json(&text))
            .unwrap_or_default()
    }

    pub fn save(&self) {
        if let Ok(text) = serde_json::to_string(self) {
            // A full storage only loses the templates' latest edit; the page goes on.
            crate::host::storage::save_text(TEMPLATES_KEY, &text);
        }
    }

    pub fn current(&self) -> &SavedTemplate {
        &self.templates[self.selected]
    }

    /// The name a tab shows: the saved name, or "Template N" when it is blank.
    pub fn tab_name(&self, i: usize) -> String {
        let name = self.templates[i].name.trim();
        if name.is_empty() {
            format!("Template {}", i + 1)
        } else {
            name.to_string()
        }
    }
}

/// Where a 1-based line and column fall in `text`, in UTF-16 units (the textarea's selection
/// offsets).
pub fn utf16_offset(text: &str, line: usize, column: usize) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line {
            let col: usize = l
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf16)
                .sum();
            return offset + col as u32;
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// A number as typed, or the text itself so that the engine's validation speaks for it.
fn number_or_text(text: &str) -> Value {
    let t = text.trim();
    if let Ok(n) = t.parse::<i64>() {
        json!(n)
    } else if let Ok(f) = t.parse::<f64>() {
        json!(f)
    } else {
        json!(t)
    }
}

/// A `datetime-local` value read as UTC, in RFC 3339.
fn utc_from_local(value: &str) -> String {
    let v = value.trim();
    match v.len() {
        16 => format!("{v}:00Z"),
        _ => format!("{v}Z"),
    }
}

fn local_from(t: SimTime) -> String {
    t.to_datetime().format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The Periodic tab's settings, as typed.
#[derive(Debug, Clone, PartialEq)]
struct PeriodicForm {
    /// `[day][hour]`, Sunday first.
    mu: Vec<Vec<String>>,
    sigma: Vec<Vec<String>>,
    smoothing: bool,
    lock: bool,
    start: String,
    end: String,
    seconds_per_tick: String,
    wait_ms: String,
    fill_mu: String,
    fill_sigma: String,
    grid_open: bool,
}

impl PeriodicForm {
    fn new(now: SimTime) -> Self {
        PeriodicForm {
            mu: vec![vec!["100".into(); 24]; 7],
            sigma: vec![vec!["10".into(); 24]; 7],
            smoothing: false,
            lock: true,
            start: local_from(now),
            end: local_from(now + Duration::from_secs(3600)),
            seconds_per_tick: "1".into(),
            wait_ms: "1000".into(),
            fill_mu: "100".into(),
            fill_sigma: "10".into(),
            grid_open: false,
        }
    }

    fn to_json(&self) -> Value {
        let grid = |g: &Vec<Vec<String>>| -> Value {
            g.iter()
                .map(|day| day.iter().map(|c| number_or_text(c)).collect::<Vec<_>>())
                .collect::<Vec<_>>()
                .into()
        };
        let mut p = json!({
            "Mu": grid(&self.mu),
            "Sigma": grid(&self.sigma),
            "IntraHourSmoothing": self.smoothing,
            "LockToRealTime": self.lock,
        });
        if !self.lock {
            p["StartTime"] = json!(utc_from_local(&self.start));
            p["EndTime"] = json!(utc_from_local(&self.end));
            p["SecondsOfDataPerTick"] = number_or_text(&self.seconds_per_tick);
            p["WaitBetweenTicks"] = number_or_text(&self.wait_ms);
        }
        p
    }
}

/// Changes a piece of state from a text field.
fn on_text<T: Clone + 'static>(
    state: &UseStateHandle<T>,
    f: impl Fn(&mut T, String) + 'static,
) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        let mut next = (*state).clone();
        f(&mut next, input_value(&e));
        state.set(next);
    })
}

/// Changes a piece of state from a checkbox.
fn on_check<T: Clone + 'static>(
    state: &UseStateHandle<T>,
    f: impl Fn(&mut T, bool) + 'static,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let mut next = (*state).clone();
        f(&mut next, checked(&e));
        state.set(next);
    })
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RateMode {
    Constant,
    Periodic,
}

#[component]
pub fn Generator() -> Html {
    let sandbox = use_sandbox();
    let now = sandbox.read(|sb| sb.now());
    let book = use_state(TemplateBook::load);
    let destination = use_state(String::new);
    let mode = use_state(|| RateMode::Constant);
    let per_second = use_state(|| "100".to_string());
    let max_records = use_state(String::new);
    let periodic = use_state(|| PeriodicForm::new(now));
    let compress = use_state(|| false);
    let retry = use_state(|| false);
    let samples = use_state(Vec::<String>::new);
    let error = use_state(|| None::<ApiError>);
    let delivery = use_state(Vec::<String>::new);
    let editor = use_node_ref();

    {
        let sandbox = sandbox.clone();
        let delivery = delivery.clone();
        use_effect_with((), move |_| delivery.set(delivery_streams(&sandbox)));
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

    // The destination: the one chosen if it still exists, else the first there is.
    let options: Vec<String> = streams
        .iter()
        .map(|n| format!("stream:{n}"))
        .chain(delivery.iter().map(|n| format!("firehose:{n}")))
        .collect();
    let chosen = if options.contains(&*destination) {
        Some((*destination).clone())
    } else {
        options.first().cloned()
    };

    let current = book.current().clone();
    let template_error = Template::compile(&current.body).err();

    // Handlers.
    let pick_destination = {
        let destination = destination.clone();
        Callback::from(move |e: Event| {
            destination.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
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
    let pick_mode = |m: RateMode| {
        let mode = mode.clone();
        Callback::from(move |_| mode.set(m))
    };
    let pick_template = |i: usize| {
        let book = book.clone();
        let samples = samples.clone();
        Callback::from(move |_| {
            let mut next = (*book).clone();
            next.selected = i;
            next.save();
            book.set(next);
            samples.set(Vec::new());
        })
    };
    let rename = {
        let book = book.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*book).clone();
            let i = next.selected;
            next.templates[i].name = input_value(&e);
            next.save();
            book.set(next);
        })
    };
    let edit_body = {
        let book = book.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*book).clone();
            let i = next.selected;
            next.templates[i].body = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            next.save();
            book.set(next);
        })
    };
    let reset_template = {
        let book = book.clone();
        Callback::from(move |_| {
            let mut next = (*book).clone();
            let i = next.selected;
            next.templates[i] = TemplateBook::default().templates[i].clone();
            next.save();
            book.set(next);
        })
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
    let test_template = {
        let sandbox = sandbox.clone();
        let samples = samples.clone();
        let error = error.clone();
        let text = current.body.clone();
        Callback::from(move |_| {
            match sandbox.call(
                "KinesisDataGenerator.TestTemplate",
                json!({ "Template": text }),
            ) {
                Ok(v) => {
                    let records = v
                        .get("Records")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(|x| x.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    samples.set(records);
                    error.set(None);
                }
                Err(e) => {
                    samples.set(Vec::new());
                    error.set(Some(e));
                }
            }
        })
    };
    let send = {
        let sandbox = sandbox.clone();
        let error = error.clone();
        let text = current.body.clone();
        let chosen = chosen.clone();
        let mode = *mode;
        let per_second = (*per_second).clone();
        let max_records = (*max_records).clone();
        let periodic = (*periodic).clone();
        let compress = *compress;
        let retry = *retry;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut body = json!({
                "Template": text,
                "CompressRecords": compress,
                "RetryThrottled": retry,
            });
            match chosen.as_deref().and_then(|c| c.split_once(':')) {
                Some(("firehose", name)) => body["DeliveryStreamName"] = json!(name),
                Some((_, name)) => body["StreamName"] = json!(name),
                None => body["StreamName"] = json!(""),
            }
            match mode {
                RateMode::Constant => body["RecordsPerSecond"] = number_or_text(&per_second),
                RateMode::Periodic => body["Periodic"] = periodic.to_json(),
            }
            if !max_records.trim().is_empty() {
                body["MaxRecords"] = number_or_text(&max_records);
            }
            match sandbox.call("KinesisDataGenerator.StartSending", body) {
                Ok(_) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let stop = {
        let sandbox = sandbox.clone();
        let error = error.clone();
        Callback::from(move |_| {
            if let Err(e) = sandbox.call("KinesisDataGenerator.StopSending", json!({})) {
                error.set(Some(e));
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

    let destination_select = html! {
        <select id="kdg-destination" onchange={pick_destination} onfocus={refresh_delivery}
            disabled={options.is_empty()}>
            if options.is_empty() {
                <option value="">{ "No destinations found in this region" }</option>
            }
            if !streams.is_empty() {
                <optgroup label="Kinesis Streams">
                    { for streams.iter().map(|n| {
                        let v = format!("stream:{n}");
                        html! { <option value={v.clone()} selected={chosen.as_ref() == Some(&v)}>{ n }</option> }
                    }) }
                </optgroup>
            }
            if !delivery.is_empty() {
                <optgroup label="Kinesis Firehose">
                    { for delivery.iter().map(|n| {
                        let v = format!("firehose:{n}");
                        html! { <option value={v.clone()} selected={chosen.as_ref() == Some(&v)}>{ n }</option> }
                    }) }
                </optgroup>
            }
        </select>
    };

    let rate_panel = match *mode {
        RateMode::Constant => html! {
            <div class="kdg-rate-body">
                <label for="kdg-rate">{ "Records per second" }</label>
                <input id="kdg-rate" type="number" min="1" max={MAX_PER_SECOND.to_string()} value={(*per_second).clone()}
                    oninput={on_text(&per_second, |v, s| *v = s)} aria-describedby="kdg-rate-help" />
                <p class="help" id="kdg-rate-help">{ format!("From 1 to {} records each simulated second.", crate::text::thousands(MAX_PER_SECOND)) }</p>
            </div>
        },
        RateMode::Periodic => html! {
            <PeriodicEditor form={periodic.clone()} />
        },
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
                            { destination_select }
                            if options.is_empty() {
                                <p class="help">
                                    { "Create a data stream first: " }
                                    <Link<Route> to={Route::StreamCreate}>{ "Create data stream" }</Link<Route>>
                                </p>
                            }
                        </div>
                    </div>
                    <div class="kdg-row">
                        <span class="kdg-label" aria-hidden="true">{ "Records per second" }</span>
                        <div>
                            <div role="tablist" aria-label="Rate mode" class="tabs kdg-tabs">
                                <button type="button" role="tab" id="rate-tab-constant" aria-controls="rate-panel"
                                    aria-selected={(*mode == RateMode::Constant).to_string()}
                                    onclick={pick_mode(RateMode::Constant)}>{ "Constant" }</button>
                                <button type="button" role="tab" id="rate-tab-periodic" aria-controls="rate-panel"
                                    aria-selected={(*mode == RateMode::Periodic).to_string()}
                                    onclick={pick_mode(RateMode::Periodic)}>{ "Periodic" }</button>
                            </div>
                            <div id="rate-panel" role="tabpanel"
                                aria-labelledby={if *mode == RateMode::Constant { "rate-tab-constant" } else { "rate-tab-periodic" }}>
                                { rate_panel }
                            </div>
                        </div>
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-compress">{ "Compress Records" }</label>
                        <div>
                            <input id="kdg-compress" type="checkbox" checked={*compress}
                                onchange={on_check(&compress, |v, c| *v = c)} aria-describedby="kdg-compress-help" />
                            <p class="help" id="kdg-compress-help">{ "Gzips each record (then no newline is added)." }</p>
                        </div>
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-retry">{ "Retry throttled records" }</label>
                        <div>
                            <input id="kdg-retry" type="checkbox" checked={*retry}
                                onchange={on_check(&retry, |v, c| *v = c)} aria-describedby="kdg-retry-help" />
                            <p class="help" id="kdg-retry-help">{ "The KDG drops them. With this on they are sent again after 1, 2, 4, 8 s until 30 s old, as the KPL does." }</p>
                        </div>
                    </div>
                    <div class="kdg-row">
                        <label for="kdg-max">{ "Stop after (records)" }</label>
                        <div>
                            <input id="kdg-max" type="number" min="1" placeholder="no limit" value={(*max_records).clone()}
                                oninput={on_text(&max_records, |v, s| *v = s)} />
                        </div>
                    </div>

                    <div class="kdg-template">
                        <h2 id="template-heading">{ "Record template" }</h2>
                        <div role="tablist" aria-label="Saved templates" class="tabs kdg-tabs">{ for template_tabs }</div>
                        <div id="template-panel" role="tabpanel" aria-labelledby={format!("template-tab-{}", book.selected)}>
                            <label for="kdg-template-name">{ "Template name" }</label>
                            <input id="kdg-template-name" type="text" value={current.name.clone()} oninput={rename} autocomplete="off" />
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
                </fieldset>

                if let Some(e) = &*error {
                    <ApiErrorAlert error={e.clone()} />
                }
                <div class="form-actions kdg-actions">
                    <button type="button" onclick={test_template}>{ "Test template" }</button>
                    <button type="submit" class="primary" disabled={sending}>{ "Send data" }</button>
                </div>
            </form>

            if !samples.is_empty() {
                <div class="panel kdg-samples" role="region" aria-labelledby="samples-title">
                    <h2 id="samples-title">{ "Sample Records" }</h2>
                    <ol class="kdg-records">
                        { for samples.iter().map(|r| html! { <li><pre>{ r }</pre></li> }) }
                    </ol>
                </div>
            }
        </section>
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
    form: UseStateHandle<PeriodicForm>,
}

/// The Periodic tab: μ and σ per hour of day × day of week, and how data time runs.
#[component]
fn PeriodicEditor(props: &PeriodicEditorProps) -> Html {
    let form = &props.form;
    let f = (**form).clone();
    let toggle_grid = {
        let form = form.clone();
        Callback::from(move |_| {
            let mut next = (*form).clone();
            next.grid_open = !next.grid_open;
            form.set(next);
        })
    };
    let fill = {
        let form = form.clone();
        Callback::from(move |_| {
            let mut next = (*form).clone();
            let (mu, sigma) = (next.fill_mu.clone(), next.fill_sigma.clone());
            for day in 0..7 {
                for hour in 0..24 {
                    next.mu[day][hour] = mu.clone();
                    next.sigma[day][hour] = sigma.clone();
                }
            }
            form.set(next);
        })
    };
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
        let oninput = on_text(form, move |p, s| {
            if is_mu {
                p.mu[day][hour] = s;
            } else {
                p.sigma[day][hour] = s;
            }
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
                <input id="kdg-fill-mu" type="number" min="0" value={f.fill_mu.clone()} oninput={on_text(form, |p, s| p.fill_mu = s)} />
                <label for="kdg-fill-sigma">{ "Sigma for every hour" }</label>
                <input id="kdg-fill-sigma" type="number" min="0" value={f.fill_sigma.clone()} oninput={on_text(form, |p, s| p.fill_sigma = s)} />
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
                    <input type="checkbox" checked={f.smoothing} onchange={on_check(form, |p, c| p.smoothing = c)} />
                    <span>{ "Intra-hour smoothing" }<span class="help">{ " — move Mu and Sigma linearly toward the next hour's values" }</span></span>
                </label>
                <label class="choice">
                    <input type="checkbox" checked={f.lock} onchange={on_check(form, |p, c| p.lock = c)} />
                    <span>{ "Lock to real time" }<span class="help">{ " — one second of data each simulated second, at the sandbox's time" }</span></span>
                </label>
            </div>
            if !f.lock {
                <div class="kdg-sim-fields">
                    <label for="kdg-start">{ "Start time (UTC)" }</label>
                    <input id="kdg-start" type="datetime-local" step="1" value={f.start.clone()} oninput={on_text(form, |p, s| p.start = s)} />
                    <label for="kdg-end">{ "End time (UTC)" }</label>
                    <input id="kdg-end" type="datetime-local" step="1" value={f.end.clone()} oninput={on_text(form, |p, s| p.end = s)} />
                    <label for="kdg-seconds-per-tick">{ "Seconds of data per tick" }</label>
                    <input id="kdg-seconds-per-tick" type="number" min="1" value={f.seconds_per_tick.clone()} oninput={on_text(form, |p, s| p.seconds_per_tick = s)} />
                    <label for="kdg-wait">{ "Wait between ticks (ms)" }</label>
                    <input id="kdg-wait" type="number" min="0" step="1000" value={f.wait_ms.clone()} oninput={on_text(form, |p, s| p.wait_ms = s)}
                        aria-describedby="kdg-wait-help" />
                    <p class="help" id="kdg-wait-help">{ "Simulated time; ticks fall on whole seconds, at least one second apart. {{date.simTime}} gives each record's data time." }</p>
                </div>
            }
        </div>
    }
}
