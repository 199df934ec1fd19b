//! The Test tab: an event from a template, edited as JSON, and Test — `Invoke` with the log
//! tail — with the result as the console shows it, and for a Firehose transformation the
//! records it returned, decoded.

use super::select_value;
use crate::engine::lambda::Function;
use crate::engine::ApiError;
use crate::forms::lambda::{
    event_problem, event_template, invoke_body, template_description, tested, InvokeView,
    RecordRow, DEFAULT_CODE, EVENT_TEMPLATES,
};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::code_editor::CodeEditor;
use crate::ui::context::use_sandbox;
use crate::ui::lambda_runs::invoke;
use yew::prelude::*;

/// The Test tab's state, kept by the function's page while other tabs are open: the template
/// and the event as edited (`None` until changed), whether a run is under way, and its result.
#[derive(Clone, PartialEq)]
pub struct TestDraft {
    pub template: UseStateHandle<Option<String>>,
    pub event: UseStateHandle<Option<String>>,
    pub running: UseStateHandle<bool>,
    pub outcome: UseStateHandle<Option<Result<InvokeView, ApiError>>>,
}

#[hook]
pub fn use_test_draft() -> TestDraft {
    TestDraft {
        template: use_state(|| None),
        event: use_state(|| None),
        running: use_state(|| false),
        outcome: use_state(|| None),
    }
}

#[derive(Properties, PartialEq)]
pub struct TestTabProps {
    pub function: Function,
    pub draft: TestDraft,
    /// The Code tab holds changes not deployed (Test runs the deployed code).
    #[prop_or_default]
    pub undeployed: bool,
}

/// The template a function starts with: hello-world for the console's default code, else the
/// event Firehose sends (from a data stream for the streams-as-source blueprint).
fn first_template(f: &Function) -> &'static str {
    match f.blueprint.as_deref() {
        Some(b) if b.ends_with("streams-as-source") => "Amazon Data Firehose (stream as source)",
        _ if f.files.values().any(|text| text == DEFAULT_CODE) => "hello-world",
        _ => "Amazon Data Firehose",
    }
}

#[component]
pub fn TestTab(props: &TestTabProps) -> Html {
    let sandbox = use_sandbox();
    let TestDraft {
        template: chosen,
        event: edited,
        running,
        outcome,
    } = props.draft.clone();
    let template = chosen
        .as_deref()
        .unwrap_or(first_template(&props.function))
        .to_string();
    let event = edited
        .as_deref()
        .or_else(|| event_template(&template))
        .unwrap_or("{}")
        .to_string();
    let problem = event_problem(&event);

    let pick = {
        let (chosen, edited) = (chosen.clone(), edited.clone());
        Callback::from(move |e: Event| {
            let name = select_value(&e);
            if let Some(text) = event_template(&name) {
                edited.set(Some(text.to_string()));
            }
            chosen.set(Some(name));
        })
    };
    let edit = {
        let edited = edited.clone();
        Callback::from(move |text: String| edited.set(Some(text)))
    };
    let test = {
        let (sandbox, event, running, outcome) = (
            sandbox.clone(),
            event.clone(),
            running.clone(),
            outcome.clone(),
        );
        let name = props.function.name.clone();
        Callback::from(move |_: MouseEvent| {
            if *running {
                return;
            }
            running.set(true);
            let body = invoke_body(&name, &event);
            let (sandbox, running, outcome) = (sandbox.clone(), running.clone(), outcome.clone());
            let name = name.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let answer = invoke(&sandbox, body).await;
                let view = answer.map(|a| InvokeView::from_answer(&a));
                if let Ok(v) = &view {
                    sandbox.update_labs(|p| p.observe(tested(&name, v)));
                }
                outcome.set(Some(view));
                running.set(false);
            });
        })
    };
    html! {
        <>
        <div class="panel">
            <div class="page-header">
                <h2>{ "Test event" }</h2>
                <button type="button" class="primary" onclick={test} disabled={*running}
                    aria-describedby="lambda-test-help">
                    { if *running { "Running…" } else { "Test" } }
                </button>
            </div>
            if props.undeployed {
                <p class="info" role="note">{ "The Code tab has changes not deployed: Test runs the deployed code. Deploy them first to test them." }</p>
            }
            <p class="help" id="lambda-test-help">{ "Test invokes the function with this event (Invoke, RequestResponse, LogType Tail) and shows what it returned and logged." }</p>
            <label for="lambda-template">{ "Template - optional" }</label>
            <select id="lambda-template" onchange={pick} aria-describedby="lambda-template-help">
                { for EVENT_TEMPLATES.iter().map(|(name, _, _)| html! {
                    <option value={*name} selected={template == *name}>{ *name }</option>
                }) }
            </select>
            if let Some(d) = template_description(&template) {
                <p class="help" id="lambda-template-help">{ format!("{template}: {d}") }</p>
            }
            <label for="lambda-event">{ "Event JSON" }</label>
            <CodeEditor id="lambda-event" value={event.clone()} oninput={edit} rows={16}
                invalid={problem.is_some()} error_line={problem.as_ref().map(|p| p.1)}
                describedby={Some(AttrValue::from("lambda-event-status"))} />
            <p id="lambda-event-status" class={classes!("help", problem.is_some().then_some("invalid"))}>
                { problem.as_ref().map_or_else(|| "The event is valid JSON.".to_string(), |p| p.0.clone()) }
            </p>
        </div>
        <div role="region" aria-label="Execution result" aria-live="polite">
            { match &*outcome {
                None => html! {},
                Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                Some(Ok(view)) => html! { <ExecutionResult view={view.clone()} /> },
            } }
        </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultProps {
    view: InvokeView,
}

/// Executing function: succeeded / failed, with the response, the records, the summary and
/// the log output.
#[component]
fn ExecutionResult(props: &ResultProps) -> Html {
    let v = &props.view;
    html! {
        <div class={classes!("panel", "lambda-result", (!v.succeeded).then_some("failed"))}>
            <h2 class={if v.succeeded { "success" } else { "failed" }}>
                { if v.succeeded { "Executing function: succeeded" } else { "Executing function: failed" } }
            </h2>
            <h3>{ "Response" }</h3>
            <pre class="object-body" tabindex="0" aria-label="Response">{ &v.response }</pre>
            if let Some(records) = &v.records {
                <Records records={records.clone()} />
            }
            <h3>{ "Summary" }</h3>
            <dl class="details">
                <dt>{ "Request ID" }</dt><dd><code>{ v.request_id.clone().unwrap_or_else(|| "-".into()) }</code></dd>
                <dt>{ "Duration" }</dt><dd>{ v.duration.clone().unwrap_or_else(|| "-".into()) }</dd>
            </dl>
            <h3>{ "Function Logs" }</h3>
            <pre class="object-body" tabindex="0" aria-label="Function Logs">{ &v.logs }</pre>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct RecordsProps {
    records: Vec<RecordRow>,
}

/// What the transformation did to each record: its result and its data, decoded.
#[component]
fn Records(props: &RecordsProps) -> Html {
    html! {
        <>
        <h3 id="lambda-records-title">{ format!("Records returned, decoded ({})", props.records.len()) }</h3>
        <p class="help">{ "Firehose reads each record's result (Ok, Dropped or ProcessingFailed) and its data, base64-encoded; the data is decoded here." }</p>
        <table class="resource-table lambda-table">
            <caption class="visually-hidden">{ "Records returned, decoded" }</caption>
            <thead><tr>
                <th scope="col">{ "recordId" }</th>
                <th scope="col">{ "result" }</th>
                <th scope="col">{ "data (decoded)" }</th>
            </tr></thead>
            <tbody>
                { for props.records.iter().map(|r| html! {
                    <tr>
                        <td><code>{ &r.record_id }</code></td>
                        <td><span class={classes!("status", (r.result == "Ok").then_some("active"))}>{ &r.result }</span></td>
                        <td><pre class="record-data">{ &r.data }</pre></td>
                    </tr>
                }) }
            </tbody>
        </table>
        </>
    }
}
