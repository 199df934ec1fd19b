//! One database: its tables with their columns and types, and Add table.

use super::input_value;
use crate::forms::glue::{delete_table_request, TableAction, TableForm};
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::confirm::Confirm;
use crate::ui::context::use_sandbox;
use crate::ui::pages::firehose::time_text;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

reducible!(TableForm);

#[derive(Properties, PartialEq)]
pub struct DatabaseProps {
    pub database: String,
}

/// A table as the page shows it.
#[derive(Clone, PartialEq)]
struct TableRow {
    name: String,
    location: String,
    updated: String,
    version: u64,
    /// (name, type) for the data columns, then the partition keys.
    columns: Vec<(String, String)>,
}

#[component]
pub fn DatabasePage(props: &DatabaseProps) -> Html {
    let sandbox = use_sandbox();
    let form = use_reducer(TableForm::default);
    let deleting = use_state(|| None::<String>);
    let delete_error = use_state(|| None);
    let found = sandbox.read(|sb| {
        sb.glue().database(&props.database).map(|d| {
            let tables: Vec<TableRow> = d
                .tables()
                .map(|t| TableRow {
                    name: t.name.clone(),
                    location: t
                        .storage
                        .as_ref()
                        .and_then(|s| s.location.clone())
                        .unwrap_or_default(),
                    updated: time_text(t.updated),
                    version: t.version,
                    columns: t
                        .schema()
                        .map(|c| (c.name.clone(), c.type_text.clone()))
                        .collect(),
                })
                .collect();
            (d.name.clone(), tables)
        })
    });
    let Some((database, tables)) = found else {
        return html! {
            <section class="page" aria-labelledby="glue-db-title">
                <p class="breadcrumb"><Link<Route> to={Route::Glue}>{ "Databases" }</Link<Route>></p>
                <h1 id="glue-db-title">{ &props.database }</h1>
                <p>{ format!("Database {} not found.", props.database) }</p>
            </section>
        };
    };
    let send = sandbox.sender(form.dispatcher(), TableAction::Answered);
    let create = {
        let request = form.request(&database);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send(request.clone());
        })
    };
    let text = |action: fn(String) -> TableAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| dispatch.dispatch(action(input_value(&e))))
    };
    let act = |action: TableAction| {
        let dispatch = form.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let samples = {
        let dispatch = form.dispatcher();
        Callback::from(move |e: InputEvent| {
            let area = e.target_unchecked_into::<web_sys::HtmlTextAreaElement>();
            dispatch.dispatch(TableAction::Samples(area.value()))
        })
    };
    let column_rows = form.columns.iter().enumerate().map(|(i, c)| {
        let dispatch = form.dispatcher();
        let on_name = Callback::from(move |e: InputEvent| {
            dispatch.dispatch(TableAction::ColumnName(i, input_value(&e)))
        });
        let dispatch = form.dispatcher();
        let on_type = Callback::from(move |e: InputEvent| {
            dispatch.dispatch(TableAction::ColumnType(i, input_value(&e)))
        });
        let problem = c.type_problem();
        let problem_id = format!("glue-col-type-{i}-problem");
        html! {
            <tr>
                <td><input type="text" aria-label={format!("Column {} name", i + 1)} value={c.name.clone()} oninput={on_name} /></td>
                <td>
                    <input type="text" aria-label={format!("Column {} data type", i + 1)} value={c.type_text.clone()} oninput={on_type}
                        aria-invalid={problem.is_some().to_string()} aria-describedby={problem.as_ref().map(|_| problem_id.clone())} />
                    if let Some(p) = problem { <p class="help invalid" id={problem_id}>{ p }</p> }
                </td>
                <td><button type="button" onclick={act(TableAction::RemoveColumn(i))} aria-label={format!("Remove column {}", i + 1)}>{ "Remove" }</button></td>
            </tr>
        }
    });
    let confirm_delete = {
        let (sandbox, deleting, delete_error) =
            (sandbox.clone(), deleting.clone(), delete_error.clone());
        let database = database.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(table) = (*deleting).clone() {
                delete_error.set(sandbox.send(delete_table_request(&database, &table)).err());
            }
            deleting.set(None);
        })
    };
    html! {
        <section class="page" aria-labelledby="glue-db-title">
            <p class="breadcrumb"><Link<Route> to={Route::Glue}>{ "Databases" }</Link<Route>>{ " › " }{ &database }</p>
            <h1 id="glue-db-title">{ &database }</h1>
            <h2>{ format!("Tables ({})", tables.len()) }</h2>
            if let Some(e) = &*delete_error { <ApiErrorAlert error={e.clone()} /> }
            if tables.is_empty() { <p class="empty">{ "No tables" }</p> }
            { for tables.iter().map(|t| {
                let ask = {
                    let (deleting, name) = (deleting.clone(), t.name.clone());
                    Callback::from(move |_: MouseEvent| deleting.set(Some(name.clone())))
                };
                html! {
                    <div class="panel" aria-labelledby={format!("glue-table-{}", t.name)}>
                        <h3 id={format!("glue-table-{}", t.name)}>{ &t.name }</h3>
                        <p class="help">{ format!("Version {} · updated {}{}", t.version, t.updated,
                            if t.location.is_empty() { String::new() } else { format!(" · location {}", t.location) }) }</p>
                        <table class="resource-table">
                            <caption class="visually-hidden">{ format!("Schema of {}", t.name) }</caption>
                            <thead><tr><th scope="col">{ "#" }</th><th scope="col">{ "Column name" }</th><th scope="col">{ "Data type" }</th></tr></thead>
                            <tbody>
                                { for t.columns.iter().enumerate().map(|(i, (n, ty))| html! {
                                    <tr><td>{ i + 1 }</td><td>{ n }</td><td><code>{ ty }</code></td></tr>
                                }) }
                            </tbody>
                        </table>
                        <button type="button" class="danger" onclick={ask} aria-label={format!("Delete table {}", t.name)}>{ "Delete" }</button>
                    </div>
                }
            }) }
            if let Some(table) = &*deleting {
                <Confirm id="glue-delete-title" title={format!("Delete table {table}?")}
                    text="The table and its versions are deleted from the Data Catalog. The data it describes stays where it is."
                    confirm="Delete" danger=true
                    on_cancel={{ let d = deleting.clone(); Callback::from(move |_| d.set(None)) }}
                    on_confirm={confirm_delete} />
            }
            <form class="panel" aria-labelledby="glue-add-table" onsubmit={create}>
                <h2 id="glue-add-table">{ "Add table" }</h2>
                if let Some(e) = &form.error { <ApiErrorAlert error={e.clone()} /> }
                <label for="glue-table-name">{ "Name" }</label>
                <input id="glue-table-name" type="text" value={form.name.clone()} oninput={text(TableAction::Name)} />
                <label for="glue-table-location">{ "Location - optional" }</label>
                <input id="glue-table-location" type="text" placeholder="s3://bucket/prefix/" value={form.location.clone()} oninput={text(TableAction::Location)} />
                <h3>{ "Schema" }</h3>
                <p class="help">{ "Hive types: string, int, bigint, double, boolean, timestamp, date, decimal(p,s), array<…>, map<…,…>, struct<name:type,…>." }</p>
                <table class="resource-table schema-editor">
                    <caption class="visually-hidden">{ "Columns of the new table" }</caption>
                    <thead><tr><th scope="col">{ "Column name" }</th><th scope="col">{ "Data type" }</th><th scope="col">{ "Actions" }</th></tr></thead>
                    <tbody>{ for column_rows }</tbody>
                </table>
                <div class="inline-form">
                    <button type="button" onclick={act(TableAction::AddColumn)}>{ "Add column" }</button>
                    <button type="button" onclick={act(TableAction::SensorSchema)}>{ "Use the sensor template's schema" }</button>
                </div>
                <div class="field">
                    <label for="glue-samples">{ "Infer the schema from sample records" }</label>
                    <p class="hint" id="glue-samples-hint">{ "Paste JSON records, one per line (for example from an object Firehose delivered): every key becomes a column with the Hive type that holds its values." }</p>
                    <textarea id="glue-samples" rows="4" aria-describedby="glue-samples-hint" value={form.samples.clone()}
                        oninput={samples} />
                    if let Some(why) = &form.infer_problem {
                        <p class="field-error" role="alert">{ why }</p>
                    }
                    <button type="button" onclick={act(TableAction::Infer)}>{ "Infer schema" }</button>
                </div>
                <div class="form-actions">
                    <button type="submit" class="primary">{ "Create table" }</button>
                </div>
            </form>
        </section>
    }
}
