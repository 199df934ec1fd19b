//! The Configuration tab: General configuration (timeout, memory, description) with Edit and
//! Save (`UpdateFunctionConfiguration`), the execution role, and the runtime settings.

use super::{input_value, role_name};
use crate::engine::lambda::Function;
use crate::forms::lambda::{runtime_label, ConfigAction as A, ConfigForm};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(ConfigForm);

#[derive(Properties, PartialEq)]
pub struct ConfigurationTabProps {
    pub function: Function,
}

/// A timeout as the console writes it: `0 min 3 sec`.
fn timeout_text(seconds: u32) -> String {
    format!("{} min {} sec", seconds / 60, seconds % 60)
}

#[component]
pub fn ConfigurationTab(props: &ConfigurationTabProps) -> Html {
    let sandbox = use_sandbox();
    let form = use_reducer(ConfigForm::default);
    let f = &props.function;
    let dispatch = form.dispatcher();
    let edit = {
        let dispatch = dispatch.clone();
        let (t, m, d) = (f.timeout_s, f.memory_mb, f.description.clone());
        Callback::from(move |_: MouseEvent| dispatch.dispatch(A::Edit(t, m, d.clone())))
    };
    let cancel = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(A::Cancel))
    };
    let text = |action: fn(String) -> A| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    let save = {
        let send = sandbox.sender(dispatch.clone(), A::Answered);
        let request = form.request(&f.name);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send(request.clone());
        })
    };
    let role = role_name(&f.role).to_string();
    let timeout_problem = form.editing.then(|| form.timeout_problem()).flatten();
    let memory_problem = form.editing.then(|| form.memory_problem()).flatten();
    html! {
        <>
        if form.editing {
            <form class="panel" aria-labelledby="lambda-config-edit" onsubmit={save}>
                <h2 id="lambda-config-edit">{ "Edit basic settings" }</h2>
                <label for="lambda-description">{ "Description - optional" }</label>
                <input id="lambda-description" type="text" value={form.description.clone()} oninput={text(A::Description)} />
                <label for="lambda-memory">{ "Memory (MB)" }</label>
                <input id="lambda-memory" type="number" min="128" max="10240" value={form.memory.clone()} oninput={text(A::Memory)}
                    aria-invalid={memory_problem.is_some().to_string()} aria-describedby="lambda-memory-help" />
                <p id="lambda-memory-help" class={classes!("help", memory_problem.is_some().then_some("invalid"))}>
                    { memory_problem.clone().unwrap_or_else(|| "Your function is allocated CPU proportional to the memory configured. Set memory to between 128 MB and 10240 MB.".into()) }
                </p>
                <label for="lambda-timeout">{ "Timeout (seconds)" }</label>
                <input id="lambda-timeout" type="number" min="1" max="900" value={form.timeout.clone()} oninput={text(A::Timeout)}
                    aria-invalid={timeout_problem.is_some().to_string()} aria-describedby="lambda-timeout-help" />
                <p id="lambda-timeout-help" class={classes!("help", timeout_problem.is_some().then_some("invalid"))}>
                    { timeout_problem.clone().unwrap_or_else(|| "Between 1 second and 15 minutes (900 seconds). Firehose waits at most 5 minutes for a transformation.".into()) }
                </p>
                if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
                <div class="form-actions">
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                    <button type="submit" class="primary">{ "Save" }</button>
                </div>
            </form>
        } else {
            <div class="panel" role="region" aria-labelledby="lambda-general">
                <div class="page-header">
                    <h2 id="lambda-general">{ "General configuration" }</h2>
                    <button type="button" onclick={edit}>{ "Edit" }</button>
                </div>
                if form.saved {
                    <p class="success" role="status">{ format!("Successfully updated the function {}.", f.name) }</p>
                }
                <dl class="details">
                    <dt>{ "Description" }</dt>
                    <dd>{ if f.description.is_empty() { "-".to_string() } else { f.description.clone() } }</dd>
                    <dt>{ "Memory" }</dt><dd>{ format!("{} MB", f.memory_mb) }</dd>
                    <dt>{ "Ephemeral storage" }</dt><dd>{ "512 MB" }</dd>
                    <dt>{ "Timeout" }</dt><dd>{ timeout_text(f.timeout_s) }</dd>
                </dl>
            </div>
        }
        <div class="panel" role="region" aria-labelledby="lambda-permissions">
            <h2 id="lambda-permissions">{ "Permissions" }</h2>
            <dl class="details">
                <dt>{ "Execution role" }</dt>
                <dd><Link<Route> to={Route::IamRole { role: role.clone() }}>{ role }</Link<Route>></dd>
                <dt>{ "Role ARN" }</dt><dd><code class="arn">{ &f.role }</code></dd>
            </dl>
            <p class="help">{ "Lambda assumes this role to run the function; its policies say what the function may do, such as write its logs to CloudWatch Logs." }</p>
        </div>
        <div class="panel" role="region" aria-labelledby="lambda-runtime-settings">
            <h2 id="lambda-runtime-settings">{ "Runtime settings" }</h2>
            <dl class="details">
                <dt>{ "Runtime" }</dt><dd>{ runtime_label(&f.runtime) }</dd>
                <dt>{ "Handler" }</dt><dd><code>{ &f.handler }</code></dd>
                <dt>{ "Architecture" }</dt><dd>{ "x86_64" }</dd>
            </dl>
        </div>
        </>
    }
}
