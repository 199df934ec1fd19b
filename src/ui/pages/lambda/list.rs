//! The functions in the account.

use super::size_text;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

struct Row {
    name: String,
    runtime: String,
    size: u64,
    modified: String,
    description: String,
}

#[component]
pub fn FunctionList() -> Html {
    let sandbox = use_sandbox();
    let rows: Vec<Row> = sandbox.read(|sb| {
        sb.lambda()
            .functions()
            .map(|f| Row {
                name: f.name.clone(),
                runtime: f.runtime.clone(),
                size: f.code_size,
                modified: time_text(f.last_modified),
                description: f.description.clone(),
            })
            .collect()
    });
    html! {
        <section class="page" aria-labelledby="lambda-title">
            <p class="breadcrumb">{ "AWS Lambda › Functions" }</p>
            <div class="page-header">
                <h1 id="lambda-title">{ format!("Functions ({})", rows.len()) }</h1>
                <Link<Route> to={Route::LambdaCreate} classes="button-link primary">{ "Create function" }</Link<Route>>
            </div>
            <p>{ "AWS Lambda runs your code when it is invoked: here a Node.js handler that Amazon Data Firehose can call with a batch of records to transform them before delivery." }</p>
            <table class="resource-table lambda-table">
                <caption class="visually-hidden">{ "Functions in this account" }</caption>
                <thead><tr>
                    <th scope="col">{ "Function name" }</th>
                    <th scope="col">{ "Description" }</th>
                    <th scope="col">{ "Runtime" }</th>
                    <th scope="col">{ "Code size" }</th>
                    <th scope="col">{ "Last modified" }</th>
                </tr></thead>
                <tbody>
                    if rows.is_empty() {
                        <tr><td colspan="5" class="empty">
                            { "There is no data to display." }<br />
                            { "No functions yet: create one from scratch or from a blueprint." }
                        </td></tr>
                    }
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <td><Link<Route> to={Route::LambdaFunction { name: r.name.clone() }}>{ &r.name }</Link<Route>></td>
                            <td>{ if r.description.is_empty() { "-".to_string() } else { r.description.clone() } }</td>
                            <td>{ &r.runtime }</td>
                            <td>{ size_text(r.size) }</td>
                            <td>{ &r.modified }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
