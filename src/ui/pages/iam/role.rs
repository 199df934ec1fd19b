//! One role: its trust policy, each inline policy in a JSON editor that validates as you type
//! (a malformed document names its line and column), the visual editor's summary per service
//! with its warnings, and what the role lets each Firehose delivery stream do.

use crate::engine::iam::summary::summarize;
use crate::engine::iam::{parse, PolicyKind, Request};
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::{access_table, time_text, verdict_text};
use crate::ui::Route;
use serde_json::json;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RolePageProps {
    pub role: AttrValue,
}

#[component]
pub fn RolePage(props: &RolePageProps) -> Html {
    let sandbox = use_sandbox();
    let role = sandbox.read(|sb| sb.iam().role(&props.role).cloned());
    let Some(role) = role else {
        return html! {
            <section class="page" aria-labelledby="missing-title">
                <h1 id="missing-title">{ "Role not found" }</h1>
                <p>{ format!("The role with name {} cannot be found.", props.role) }</p>
                <p><Link<Route> to={Route::Iam}>{ "Back to roles" }</Link<Route>></p>
            </section>
        };
    };
    let users: Vec<(String, Html)> = sandbox.read(|sb| {
        let f = sb.firehose();
        f.names()
            .filter_map(|n| f.get(n))
            .filter(|d| {
                d.destination.role_arn == role.arn
                    || d.source.as_ref().is_some_and(|s| s.role_arn == role.arn)
            })
            .map(|d| (d.name.clone(), access_table(&sb.firehose_access(&d.name))))
            .collect()
    });
    html! {
        <section class="page" aria-labelledby="role-title">
            <p class="breadcrumb"><Link<Route> to={Route::Iam}>{ "Roles" }</Link<Route>>{ format!(" › {}", role.name) }</p>
            <h1 id="role-title">{ &role.name }</h1>
            <div class="panel">
                <dl class="details">
                    <dt>{ "ARN" }</dt><dd><code class="arn">{ &role.arn }</code></dd>
                    <dt>{ "Path" }</dt><dd>{ &role.path }</dd>
                    <dt>{ "Creation time" }</dt><dd>{ time_text(role.created) }</dd>
                    <dt>{ "Maximum session duration" }</dt><dd>{ "1 hour" }</dd>
                </dl>
                <details>
                    <summary>{ "Trust relationships" }</summary>
                    <pre aria-label="Trust policy">{ &role.assume_role_policy_document }</pre>
                </details>
            </div>
            <h2>{ format!("Permissions policies ({} inline)", role.inline_policies.len()) }</h2>
            { for role.inline_policies.iter().map(|(name, text)| html! {
                <PolicyEditor key={format!("{}/{name}", role.name)} role={role.name.clone()} policy={name.clone()} text={text.clone()} />
            }) }
            <div class="panel">
                <h2>{ "Evaluate" }</h2>
                if users.is_empty() {
                    <p>{ "No delivery stream uses this role." }</p>
                }
                { for users.into_iter().map(|(name, table)| html! {
                    <>
                    <h3>{ "Delivery stream " }<Link<Route> to={Route::FirehoseDetails { name: name.clone() }}>{ name }</Link<Route>></h3>
                    { table }
                    </>
                }) }
                <Simulator role={role.name.clone()} />
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PolicyEditorProps {
    role: AttrValue,
    policy: AttrValue,
    text: AttrValue,
}

#[component]
fn PolicyEditor(props: &PolicyEditorProps) -> Html {
    let sandbox = use_sandbox();
    let text = {
        let t = props.text.to_string();
        use_state(move || t)
    };
    let error = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let parsed = parse(&text, PolicyKind::Permissions);
    let gutter = use_node_ref();
    // A refused save's error is about the text as it was: typing clears it.
    let oninput = {
        let (text, saved, error) = (text.clone(), saved.clone(), error.clone());
        Callback::from(move |e: InputEvent| {
            saved.set(false);
            error.set(None);
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    // The saved policy changed underneath (Show me, Undo, another role's page): show it.
    {
        let text = text.clone();
        use_effect_with(props.text.clone(), move |saved| {
            if *text != saved.as_str() {
                text.set(saved.to_string());
            }
        });
    }
    // The line numbers scroll with the text (scroll doesn't bubble: listened to on the box).
    let area = use_node_ref();
    {
        let (area, gutter) = (area.clone(), gutter.clone());
        use_effect_with((), move |_| {
            let listener = area.cast::<HtmlTextAreaElement>().map(|el| {
                let target = el.clone();
                gloo::events::EventListener::new(&el, "scroll", move |_| {
                    if let Some(g) = gutter.cast::<web_sys::Element>() {
                        g.set_scroll_top(target.scroll_top());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let error_line = parsed.as_ref().err().and_then(|e| e.line);
    let lines = text.split('\n').count().max(1);
    let save = {
        let (sandbox, text, error, saved) =
            (sandbox.clone(), text.clone(), error.clone(), saved.clone());
        let (role, policy) = (props.role.to_string(), props.policy.to_string());
        Callback::from(move |_: MouseEvent| {
            match sandbox.call(
                "IAM.PutRolePolicy",
                json!({"RoleName": role, "PolicyName": policy, "PolicyDocument": *text}),
            ) {
                Ok(_) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(e) => {
                    error.set(Some(e));
                    saved.set(false);
                }
            }
        })
    };
    let revert = {
        let (text, original, error) = (text.clone(), props.text.to_string(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            text.set(original.clone())
        })
    };
    let id = format!("policy-{}", props.policy);
    let changed = *text != props.text.as_str();
    html! {
        <div class="panel policy">
            <h3>{ &props.policy }<span class="subtitle">{ " · Inline policy" }</span></h3>
            <div class="policy-columns">
                <div>
                    <label for={id.clone()}>{ format!("Policy document for {}", props.policy) }</label>
                    <div class="code-editor">
                        // Visual only: the status below names the line of an error in words.
                        <div class="line-numbers" aria-hidden="true" ref={gutter}>
                            { for (1..=lines).map(|n| html! {
                                <span class={classes!((error_line == Some(n)).then_some("error-line"))}>{ n }</span>
                            }) }
                        </div>
                        <textarea id={id.clone()} class="policy-json" spellcheck="false" rows="24" wrap="off"
                            value={(*text).clone()} {oninput} ref={area}
                            aria-invalid={parsed.is_err().to_string()} aria-describedby={format!("{id}-status")} />
                    </div>
                    <p id={format!("{id}-status")} class={classes!("help", parsed.is_err().then_some("invalid"))} role="status">
                        { match &parsed {
                            Ok(p) => format!("Valid policy: {} statement(s).", p.statements.len()),
                            Err(e) => e.to_string(),
                        } }
                    </p>
                    if let Some(e) = &*error { <ApiErrorAlert error={e.clone()} /> }
                    if *saved && !changed { <p class="success" role="status">{ "Policy saved." }</p> }
                    <div class="form-actions">
                        <button type="button" onclick={revert} disabled={!changed}>{ "Revert" }</button>
                        <button type="button" class="primary" onclick={save} disabled={!changed}>{ "Save changes" }</button>
                    </div>
                </div>
                <div class="policy-summary" role="group" aria-label={format!("Summary of {}", props.policy)}>
                    <h4>{ "Visual summary" }</h4>
                    { match &parsed {
                        Err(_) => html! { <p class="help">{ "Fix the JSON to see the summary." }</p> },
                        Ok(p) => html! {
                            <ul class="services">
                                { for summarize(p).into_iter().map(|s| {
                                    let n = s.actions.len();
                                    let w = s.warnings.len();
                                    let effect = p.statements.get(s.statement).map(|st| format!("{:?}", st.effect)).unwrap_or_default();
                                    html! {
                                        <li>
                                            <details>
                                                <summary>
                                                    { format!("{} ({} action{})", s.service, n, if n == 1 { "" } else { "s" }) }
                                                    if w > 0 {
                                                        <span class="badge warn">{ format!("⚠ {w} warning{}", if w == 1 { "" } else { "s" }) }</span>
                                                    }
                                                    <span class="help">{ format!(" · {effect}, statement {}", s.statement + 1) }</span>
                                                </summary>
                                                <p>{ s.actions.join(", ") }</p>
                                            </details>
                                            if w > 0 {
                                                <ul class="warnings">
                                                    { for s.warnings.iter().map(|w| html! { <li>{ w.to_string() }</li> }) }
                                                </ul>
                                            }
                                        </li>
                                    }
                                }) }
                            </ul>
                        },
                    } }
                </div>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SimulatorProps {
    role: AttrValue,
}

/// Asks IAM about any action and resource with the saved policies.
#[component]
fn Simulator(props: &SimulatorProps) -> Html {
    let sandbox = use_sandbox();
    let action = use_state(|| "s3:PutObject".to_string());
    let resource = use_state(String::new);
    let result = sandbox.read(|sb| {
        let role = sb.iam().role(&props.role)?;
        if action.trim().is_empty() || resource.trim().is_empty() {
            return None;
        }
        let v = sb
            .iam()
            .evaluate_role(role, &Request::new(action.trim(), resource.trim()));
        Some(verdict_text(&v))
    });
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |e: InputEvent| {
            s.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="simulator">
            <h3>{ "Try an action" }</h3>
            <div class="field-row">
                <label for="sim-action">{ "Action" }</label>
                <input id="sim-action" type="text" value={(*action).clone()} oninput={set(&action)} />
            </div>
            <div class="field-row">
                <label for="sim-resource">{ "Resource ARN" }</label>
                <input id="sim-resource" type="text" value={(*resource).clone()} oninput={set(&resource)} placeholder="arn:aws:s3:::my-bucket/key" />
            </div>
            <p role="status" aria-label="Evaluation result">{ result.unwrap_or_else(|| "Enter an action and a resource ARN.".into()) }</p>
        </div>
    }
}
