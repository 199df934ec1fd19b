//! One function: its overview, the tabs Code, Test, Configuration and Monitor (the tab is in
//! the address, `?tab=test`, so a lab can link to it), and Delete.

use super::code::{handler_file, CodeTab};
use super::configuration::ConfigurationTab;
use super::monitor::MonitorTab;
use super::test_event::{use_test_draft, TestTab};
use crate::engine::lambda::blueprints;
use crate::forms::lambda::{delete_request, runtime_label};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::confirm::{set_to, Confirm};
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use serde::{Deserialize, Serialize};
use yew::prelude::*;
use yew_router::prelude::*;

/// The tabs: (slug in `?tab=`, label).
const TABS: &[(&str, &str)] = &[
    ("code", "Code"),
    ("test", "Test"),
    ("configuration", "Configuration"),
    ("monitor", "Monitor"),
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TabQuery {
    #[serde(default)]
    pub tab: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct FunctionPageProps {
    pub name: AttrValue,
}

#[component]
pub fn FunctionPage(props: &FunctionPageProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let asking = use_state(|| false);
    let delete_error = use_state(|| None);
    // What the learner typed in the Code and Test tabs stays while another tab is open.
    let code_draft = use_state(|| None::<String>);
    let test_draft = use_test_draft();
    let query = use_location()
        .and_then(|l| l.query::<TabQuery>().ok())
        .unwrap_or_default();
    let found = sandbox.read(|sb| {
        sb.lambda()
            .function(&props.name)
            .map(|f| (f.clone(), f.last_update_status(sb.now())))
    });
    let Some((f, update_status)) = found else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <p class="breadcrumb"><Link<Route> to={Route::LambdaFunctions}>{ "Functions" }</Link<Route>></p>
                <h1 id="missing-title">{ "Function not found" }</h1>
                <p>{ format!("Function not found: {}", props.name) }</p>
                <p><Link<Route> to={Route::LambdaFunctions}>{ "Back to functions" }</Link<Route>></p>
            </section>
        };
    };
    let tab = query
        .tab
        .as_deref()
        .filter(|t| TABS.iter().any(|(slug, _)| slug == t))
        .unwrap_or("code")
        .to_string();
    let tabs = TABS.iter().map(|(slug, label)| {
        let selected = *slug == tab;
        let onclick = {
            let (navigator, name, slug) = (navigator.clone(), f.name.clone(), slug.to_string());
            Callback::from(move |_: MouseEvent| {
                if let Some(nav) = &navigator {
                    let _ = nav.push_with_query(
                        &Route::LambdaFunction { name: name.clone() },
                        &TabQuery { tab: Some(slug.clone()) },
                    );
                }
            })
        };
        html! {
            <button type="button" role="tab" id={format!("lambda-tab-{slug}")} aria-selected={selected.to_string()}
                aria-controls="lambda-tab-panel" tabindex={if selected { "0" } else { "-1" }} {onclick}>{ *label }</button>
        }
    });
    let undeployed = code_draft
        .as_ref()
        .is_some_and(|draft| *draft != handler_file(&f).1);
    let body = match tab.as_str() {
        "test" => {
            html! { <TestTab key={f.name.clone()} function={f.clone()} draft={test_draft.clone()} {undeployed} /> }
        }
        "configuration" => html! { <ConfigurationTab key={f.name.clone()} function={f.clone()} /> },
        "monitor" => html! { <MonitorTab key={f.name.clone()} function={f.clone()} /> },
        _ => {
            html! { <CodeTab key={f.name.clone()} function={f.clone()} draft={code_draft.clone()} /> }
        }
    };
    let confirm_delete = {
        let (sandbox, asking, delete_error) =
            (sandbox.clone(), asking.clone(), delete_error.clone());
        let (name, navigator) = (f.name.clone(), navigator.clone());
        Callback::from(move |_: MouseEvent| {
            asking.set(false);
            match sandbox.send(delete_request(&name)) {
                Ok(_) => {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::LambdaFunctions);
                    }
                }
                Err(e) => delete_error.set(Some(e)),
            }
        })
    };
    let blueprint = f.blueprint.as_deref().and_then(blueprints::by_id);
    html! {
        <section class="page" aria-labelledby="lambda-function-title">
            <p class="breadcrumb">
                { "AWS Lambda › " }
                <Link<Route> to={Route::LambdaFunctions}>{ "Functions" }</Link<Route>>{ format!(" › {}", f.name) }
            </p>
            <div class="page-header">
                <h1 id="lambda-function-title">{ &f.name }</h1>
                <button type="button" class="danger" onclick={set_to(&asking, true)}>{ "Delete" }</button>
            </div>
            if let Some(e) = &*delete_error { <ApiErrorAlert error={e.clone()} /> }
            if *asking {
                <Confirm id="lambda-delete-title" title={format!("Delete function {}?", f.name)}
                    text="Deleting a function permanently removes the function code. The related logs and roles are retained in your account."
                    confirm="Delete" danger=true
                    on_cancel={set_to(&asking, false)} on_confirm={confirm_delete} />
            }
            <div class="panel" role="region" aria-label="Function overview">
                <h2>{ "Function overview" }</h2>
                <dl class="details">
                    <dt>{ "Description" }</dt>
                    <dd>{ if f.description.is_empty() { "-".to_string() } else { f.description.clone() } }</dd>
                    <dt>{ "Last modified" }</dt><dd>{ time_text(f.last_modified) }</dd>
                    <dt>{ "Function ARN" }</dt><dd><code class="arn">{ &f.arn }</code></dd>
                    <dt>{ "State" }</dt>
                    <dd>
                        <span class={classes!("status", f.state.as_str().to_lowercase())}>{ f.state.as_str() }</span>
                        { format!(" · last update {update_status}") }
                    </dd>
                    <dt>{ "Runtime" }</dt><dd>{ runtime_label(&f.runtime) }</dd>
                    if let Some(b) = blueprint {
                        <dt>{ "Blueprint" }</dt><dd>{ b.title }{ " " }<code>{ b.id }</code></dd>
                    }
                </dl>
            </div>
            <div role="tablist" aria-label="Function" class="tabs">{ for tabs }</div>
            <div id="lambda-tab-panel" role="tabpanel" aria-labelledby={format!("lambda-tab-{tab}")}>{ body }</div>
        </section>
    }
}
