//! The Data Catalog's databases, and Add database.

use super::input_value;
use crate::forms::glue::{DatabaseAction, DatabaseForm};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(DatabaseForm);

#[component]
pub fn DatabaseList() -> Html {
    let sandbox = use_sandbox();
    let form = use_reducer(DatabaseForm::default);
    let databases: Vec<(String, String, String, usize)> = sandbox.read(|sb| {
        sb.glue()
            .databases()
            .map(|d| {
                (
                    d.name.clone(),
                    d.description.clone().unwrap_or_default(),
                    time_text(d.created),
                    d.tables().count(),
                )
            })
            .collect()
    });
    let send = sandbox.sender(form.dispatcher(), DatabaseAction::Answered);
    let create = {
        let request = form.request();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send(request.clone());
        })
    };
    let text = |action: fn(String) -> DatabaseAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    html! {
        <section class="page" aria-labelledby="glue-title">
            <h1 id="glue-title">{ "Databases" }</h1>
            <p>{ "The AWS Glue Data Catalog holds tables that describe data by its columns and their types. Amazon Data Firehose reads a table's schema from here to convert JSON records to Apache Parquet or ORC, and Amazon Athena queries the data through it." }</p>
            <form class="panel" aria-labelledby="glue-add-db" onsubmit={create}>
                <h2 id="glue-add-db">{ "Add database" }</h2>
                if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
                <div class="inline-form">
                    <label for="glue-db-name">{ "Name" }</label>
                    <input id="glue-db-name" type="text" value={form.name.clone()} oninput={text(DatabaseAction::Name)} />
                    <label for="glue-db-description">{ "Description - optional" }</label>
                    <input id="glue-db-description" type="text" value={form.description.clone()} oninput={text(DatabaseAction::Description)} />
                    <button type="submit" class="primary">{ "Create database" }</button>
                </div>
                <p class="help">{ "Glue keeps database and table names in lower case." }</p>
            </form>
            <div>
                <table class="resource-table">
                    <caption class="visually-hidden">{ "Databases in the Data Catalog" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Name" }</th>
                        <th scope="col">{ "Description" }</th>
                        <th scope="col">{ "Created on" }</th>
                        <th scope="col">{ "Tables" }</th>
                    </tr></thead>
                    <tbody>
                        if databases.is_empty() {
                            <tr><td colspan="4" class="empty">{ "No databases" }</td></tr>
                        }
                        { for databases.into_iter().map(|(name, description, created, tables)| html! {
                            <tr>
                                <td><Link<Route> to={Route::GlueDatabase { database: name.clone() }}>{ name }</Link<Route>></td>
                                <td>{ description }</td>
                                <td>{ created }</td>
                                <td>{ tables }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
