//! AWS IAM: the roles.

use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn RoleList() -> Html {
    let sandbox = use_sandbox();
    let roles: Vec<(String, String, String, usize)> = sandbox.read(|sb| {
        sb.iam()
            .roles()
            .map(|r| {
                (
                    r.name.clone(),
                    r.path.clone(),
                    time_text(r.created),
                    r.inline_policies.len(),
                )
            })
            .collect()
    });
    html! {
        <section class="page" aria-labelledby="iam-title">
            <h1 id="iam-title">{ "Roles" }</h1>
            <p>{ "An IAM role is an identity with permissions that a service such as Firehose assumes. The Firehose console's \"Create new\" role appears here." }</p>
            <table class="resource-table">
                <caption class="visually-hidden">{ "Roles in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Role name" }</th>
                    <th scope="col">{ "Path" }</th>
                    <th scope="col">{ "Creation time" }</th>
                    <th scope="col">{ "Inline policies" }</th>
                </tr></thead>
                <tbody>
                    if roles.is_empty() {
                        <tr><td colspan="4" class="empty">{ "No roles" }</td></tr>
                    }
                    { for roles.into_iter().map(|(name, path, created, policies)| html! {
                        <tr>
                            <td><Link<Route> to={Route::IamRole { role: name.clone() }}>{ name }</Link<Route>></td>
                            <td>{ path }</td>
                            <td>{ created }</td>
                            <td>{ policies }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
