//! Create function: author from scratch or use a blueprint, basic information (name and
//! runtime), and the execution role: a new one with basic Lambda permissions, or an existing
//! one. A reducer over [`CreateForm`] (pure, in `crate::forms::lambda`).

use super::{input_value, select_value};
use crate::engine::lambda::{blueprints, RUNTIMES};
use crate::engine::{ApiError, ErrorKind};
use crate::forms::lambda::{
    basic_execution_policy, runtime_label, zip_file, Account, CreateAction as A, CreateForm,
    ROLE_PATH,
};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::Route;
use serde::Deserialize;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(CreateForm);

/// `?blueprint=<id>`: a link that opens Create function with a blueprint chosen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct CreateQuery {
    #[serde(default)]
    pub blueprint: Option<String>,
}

fn account(sandbox: &SandboxHandle) -> Account {
    sandbox.read(|sb| Account {
        region: sb.config().region.clone(),
        account_id: sb.config().account_id.clone(),
    })
}

/// The calls Create function makes: the new role (unless an earlier try made it) with its
/// permissions, then `CreateFunction`; the first refusal stops them.
fn create(sandbox: &SandboxHandle, f: &CreateForm, opened_at: i64) -> Result<(), ApiError> {
    let (file, _, source) = f.code();
    let zip = zip_file(file, source).ok_or_else(|| {
        ApiError::new(
            ErrorKind::ServiceException,
            "The ZIP writer is still loading; try again in a moment.",
        )
    })?;
    let role_name = f.role_name(opened_at);
    let (existing, made) = sandbox.read(|sb| {
        (
            sb.iam().role(&f.role).map(|r| r.arn.clone()),
            sb.iam().role(&role_name).is_some(),
        )
    });
    for request in f.requests(&account(sandbox), opened_at, existing.as_deref(), &zip) {
        if made && request.target == "IAM.CreateRole" {
            continue;
        }
        sandbox.send(request)?;
    }
    Ok(())
}

#[component]
pub fn CreateFunction() -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let query = use_location()
        .and_then(|l| l.query::<CreateQuery>().ok())
        .unwrap_or_default();
    let form = {
        let blueprint = query.blueprint.clone();
        use_reducer(move || CreateForm::new(blueprint.as_deref()))
    };
    // A link with another `?blueprint=` while the page is open chooses that blueprint.
    {
        let dispatch = form.dispatcher();
        use_effect_with(query.blueprint.clone(), move |blueprint| {
            if let Some(b) = blueprint.as_deref().and_then(blueprints::by_id) {
                dispatch.dispatch(A::Search(String::new()));
                dispatch.dispatch(A::Blueprint(b.id.to_string()));
            }
        });
    }
    let opened_at = *use_state(|| sandbox.read(|sb| sb.now().epoch_millis()));
    let roles: Vec<String> = sandbox.read(|sb| sb.iam().roles().map(|r| r.name.clone()).collect());
    let dispatch = form.dispatcher();
    let f = &*form;

    let edit = |action: fn(String) -> A| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    let choose = |action: fn(String) -> A| {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| dispatch.dispatch(action(select_value(&e))))
    };
    let flag = |action: A| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.dispatch(action.clone()))
    };
    let submit = {
        let (sandbox, form, dispatch) = (sandbox.clone(), form.clone(), dispatch.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(problem) = form.check() {
                dispatch.dispatch(A::Problem(Some(problem)));
                return;
            }
            match create(&sandbox, &form, opened_at) {
                Ok(()) => {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::LambdaFunction {
                            name: form.trimmed_name().to_string(),
                        });
                    }
                }
                Err(e) => dispatch.dispatch(A::Answered(Some(e))),
            }
        })
    };

    let role_name = f.role_name(opened_at);
    let (region, account_id) = {
        let a = account(&sandbox);
        (a.region, a.account_id)
    };
    let (file, handler, source) = f.code();
    let shown_name = if f.trimmed_name().is_empty() {
        "<function name>"
    } else {
        f.trimmed_name()
    };

    html! {
        <section class="page" aria-labelledby="lambda-create-title">
            <p class="breadcrumb">
                { "AWS Lambda › " }
                <Link<Route> to={Route::LambdaFunctions}>{ "Functions" }</Link<Route>>{ " › Create function" }
            </p>
            <h1 id="lambda-create-title">{ "Create function" }</h1>
            <form onsubmit={submit} aria-labelledby="lambda-create-title">
                <fieldset class="panel">
                    <legend>{ "Choose one of the following options to create your function." }</legend>
                    <div class="choices">
                        <label class="choice">
                            <input type="radio" name="lambda-origin" checked={!f.from_blueprint} onchange={flag(A::FromBlueprint(false))} />
                            <span><strong>{ "Author from scratch" }</strong>{ " — Start with a simple Hello World example." }</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name="lambda-origin" checked={f.from_blueprint} onchange={flag(A::FromBlueprint(true))} />
                            <span><strong>{ "Use a blueprint" }</strong>{ " — Build a Lambda application from sample code and configuration presets for common use cases." }</span>
                        </label>
                    </div>
                </fieldset>
                if f.from_blueprint {
                    <BlueprintChoice form={f.clone()} dispatch={dispatch.clone()} />
                }
                <fieldset class="panel">
                    <legend>{ "Basic information" }</legend>
                    <label for="lambda-name">{ "Function name" }</label>
                    <input id="lambda-name" type="text" value={f.name.clone()} oninput={edit(A::Name)}
                        autocomplete="off" spellcheck="false" aria-describedby="lambda-name-help" />
                    <p class="help" id="lambda-name-help">{ "Function name must be 1 to 64 characters, must be unique to the Region, and can't include spaces. Valid characters are a-z, A-Z, 0-9, hyphens (-), and underscores (_)." }</p>
                    <label for="lambda-runtime">{ "Runtime" }</label>
                    <select id="lambda-runtime" onchange={choose(A::Runtime)} aria-describedby="lambda-runtime-help">
                        { for RUNTIMES.iter().map(|r| html! {
                            <option value={*r} selected={f.runtime == *r}>{ runtime_label(r) }</option>
                        }) }
                    </select>
                    <p class="help" id="lambda-runtime-help">{ "Choose the language to use to write your function. The sandbox runs JavaScript on Node.js." }</p>
                    <h3>{ "Permissions" }</h3>
                    <p class="help">{ "By default, Lambda will create an execution role with permissions to upload logs to Amazon CloudWatch Logs." }</p>
                    <h4 id="lambda-role-title">{ "Execution role" }</h4>
                    <div role="radiogroup" aria-labelledby="lambda-role-title" class="choices">
                        <label class="choice">
                            <input type="radio" name="lambda-role" checked={f.new_role} onchange={flag(A::NewRole(true))} />
                            <span>{ "Create a new role with basic Lambda permissions" }</span>
                        </label>
                        <label class="choice">
                            <input type="radio" name="lambda-role" checked={!f.new_role} disabled={roles.is_empty()} onchange={flag(A::NewRole(false))} />
                            <span>{ "Use an existing role" }</span>
                        </label>
                    </div>
                    if !f.new_role {
                        <label for="lambda-role-existing">{ "Existing role" }</label>
                        <select id="lambda-role-existing" onchange={choose(A::Role)}>
                            <option value="" selected={f.role.is_empty()}>{ "Choose an existing role" }</option>
                            { for roles.iter().map(|r| html! { <option value={r.clone()} selected={*r == f.role}>{ r }</option> }) }
                        </select>
                        <p class="help">{ "The role's trust policy must let lambda.amazonaws.com assume it." }</p>
                    }
                    if f.new_role {
                        <p class="info" role="note">
                            { "Lambda will create an execution role named " }<code>{ role_name.clone() }</code>
                            { format!(" (path {ROLE_PATH}), with permission to upload logs to Amazon CloudWatch Logs.") }
                        </p>
                        <details class="policy-document">
                            <summary>{ "View the policy document" }</summary>
                            <pre aria-label="Policy document">{ basic_execution_policy(&region, &account_id, shown_name) }</pre>
                        </details>
                    }
                </fieldset>
                if f.from_blueprint {
                    <div class="panel">
                        <h2>{ "Lambda function code" }</h2>
                        <p class="help">{ format!("{file} · handler {handler}. You can change the code once the function is created.") }</p>
                        <pre class="object-body" tabindex="0" aria-label="Blueprint code">{ source }</pre>
                    </div>
                }
                if let Some(p) = &f.problem {
                    <div class="api-error" role="alert"><p>{ p }</p></div>
                }
                if let Some(e) = &f.error {
                    <ApiErrorAlert error={e.clone()} />
                }
                <div class="form-actions">
                    <Link<Route> to={Route::LambdaFunctions} classes="button-link secondary">{ "Cancel" }</Link<Route>>
                    <button type="submit" class="primary">{ "Create function" }</button>
                </div>
            </form>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BlueprintChoiceProps {
    form: CreateForm,
    dispatch: UseReducerDispatcher<CreateForm>,
}

/// The blueprints, filtered by keyword, one to choose.
#[component]
fn BlueprintChoice(props: &BlueprintChoiceProps) -> Html {
    let f = &props.form;
    let search = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| dispatch.dispatch(A::Search(input_value(&e))))
    };
    let shown = f.blueprints();
    let count = shown.len();
    html! {
        <fieldset class="panel">
            <legend>{ "Blueprints" }</legend>
            <label for="lambda-blueprint-search">{ "Search blueprints" }</label>
            <input id="lambda-blueprint-search" type="search" placeholder="firehose" value={f.search.clone()} oninput={search}
                aria-describedby="lambda-blueprint-count" />
            <p class="help" id="lambda-blueprint-count" role="status">{ format!("{count} blueprint{}", if count == 1 { "" } else { "s" }) }</p>
            <div role="radiogroup" aria-label="Blueprint name" class="choices">
                { for shown.into_iter().map(|b| {
                    let onchange = {
                        let (dispatch, id) = (props.dispatch.clone(), b.id.to_string());
                        Callback::from(move |_: Event| dispatch.dispatch(A::Blueprint(id.clone())))
                    };
                    let checked = f.blueprint.as_deref() == Some(b.id);
                    html! {
                        <label class="choice">
                            <input type="radio" name="lambda-blueprint" {checked} {onchange} />
                            <span><strong>{ b.title }</strong><br />{ b.description }<br /><code>{ b.id }</code></span>
                        </label>
                    }
                }) }
            </div>
        </fieldset>
    }
}
