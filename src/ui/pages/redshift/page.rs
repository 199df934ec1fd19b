//! The clusters and the query editor, on one page: create a cluster as the console's quick
//! form does, then run SQL on it (the Data API's ExecuteStatement, one statement at a time,
//! or BatchExecuteStatement for several) and read the rows, or Redshift's error.

use crate::engine::extension::Extension;
use crate::engine::redshift::{split_statements, Cell, ClusterStatus, StatementStatus};
use crate::engine::ApiError;
use crate::ui::components::api_error::ApiErrorAlert;
use crate::ui::components::lazy::{extension_notice, use_extension};
use crate::ui::context::use_sandbox;
use serde_json::json;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

const NODE_TYPES: &[&str] = &["ra3.large", "ra3.xlplus", "ra3.4xlarge", "dc2.large"];
const EXAMPLE: &str = "CREATE TABLE sensor_readings (\n  sensorid INTEGER,\n  currenttemperature INTEGER,\n  status VARCHAR(8)\n);";

#[derive(Clone, PartialEq)]
struct Draft {
    id: String,
    node_type: String,
    user: String,
    password: String,
    public: bool,
}

impl Default for Draft {
    fn default() -> Self {
        Self {
            id: "redshift-cluster-1".into(),
            node_type: "ra3.large".into(),
            user: "awsuser".into(),
            password: String::new(),
            public: false,
        }
    }
}

fn value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

#[component]
pub fn RedshiftPage() -> Html {
    let sandbox = use_sandbox();
    let draft = use_state(Draft::default);
    let created = use_state(|| None::<Result<String, ApiError>>);
    let clusters = sandbox.read(|sb| {
        sb.redshift()
            .clusters
            .values()
            .map(|c| {
                (
                    c.identifier.clone(),
                    c.status,
                    c.node_type.clone(),
                    c.jdbc_url(),
                    c.publicly_accessible,
                    c.master_username.clone(),
                    c.db_name.clone(),
                )
            })
            .collect::<Vec<_>>()
    });
    let create = {
        let (sandbox, draft, created) = (sandbox.clone(), draft.clone(), created.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = json!({
                "ClusterIdentifier": draft.id.trim(),
                "NodeType": draft.node_type,
                "ClusterType": "single-node",
                "MasterUsername": draft.user.trim(),
                "MasterUserPassword": draft.password,
                "PubliclyAccessible": draft.public,
            });
            created.set(Some(sandbox.call("Redshift.CreateCluster", body).map(
                |v| {
                    format!(
                        "Creating cluster {}: it is available in about 3 minutes.",
                        v["Cluster"]["ClusterIdentifier"].as_str().unwrap_or("")
                    )
                },
            )));
        })
    };
    let field = |set: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let mut d = (*draft).clone();
            set(&mut d, value(&e));
            draft.set(d);
        })
    };
    let on_node = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.node_type = e.target_unchecked_into::<HtmlSelectElement>().value();
            draft.set(d);
        })
    };
    let on_public = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let mut d = (*draft).clone();
            d.public = e.target_unchecked_into::<HtmlInputElement>().checked();
            draft.set(d);
        })
    };
    html! {
        <section class="page" aria-labelledby="redshift-title">
            <h1 id="redshift-title">{ "Amazon Redshift" }</h1>
            <p class="help">{ "A data warehouse: SQL over columnar tables. Firehose loads it by writing to an S3 bucket and running COPY; it never creates the table. Create a cluster, create the table in the query editor, then choose Amazon Redshift as a delivery stream's destination." }</p>
            <div class="panel" role="region" aria-labelledby="clusters-title">
                <h2 id="clusters-title">{ format!("Clusters ({})", clusters.len()) }</h2>
                if clusters.is_empty() {
                    <p class="empty">{ "No clusters yet." }</p>
                } else {
                    <div class="table-scroll">
                    <table aria-labelledby="clusters-title">
                        <thead><tr><th>{ "Cluster" }</th><th>{ "Status" }</th><th>{ "Node type" }</th><th>{ "Publicly accessible" }</th><th>{ "JDBC URL" }</th></tr></thead>
                        <tbody>
                            { for clusters.iter().map(|c| html! {
                                <tr>
                                    <td class="nowrap">{ &c.0 }</td>
                                    <td class="nowrap">{ if c.1 == ClusterStatus::Available { "Available" } else { "Creating" } }</td>
                                    <td class="nowrap">{ &c.2 }</td>
                                    <td class="nowrap">{ if c.4 { "Yes" } else { "No" } }</td>
                                    <td><code class="jdbc">{ if c.1 == ClusterStatus::Available { c.3.clone() } else { "–".into() } }</code></td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                    </div>
                }
            </div>
            <form class="panel" onsubmit={create} aria-labelledby="create-cluster-title">
                <h2 id="create-cluster-title">{ "Create cluster" }</h2>
                <label for="rs-id">{ "Cluster identifier" }</label>
                <input id="rs-id" type="text" value={draft.id.clone()} oninput={field(|d, v| d.id = v)} autocomplete="off" />
                <label for="rs-node">{ "Node type" }</label>
                <select id="rs-node" onchange={on_node}>
                    { for NODE_TYPES.iter().map(|t| html! { <option value={*t} selected={draft.node_type == *t}>{ *t }</option> }) }
                </select>
                <label for="rs-user">{ "Admin user name" }</label>
                <input id="rs-user" type="text" value={draft.user.clone()} oninput={field(|d, v| d.user = v)} autocomplete="off" />
                <label for="rs-password">{ "Admin user password" }</label>
                <input id="rs-password" type="password" value={draft.password.clone()} oninput={field(|d, v| d.password = v)} autocomplete="new-password" aria-describedby="rs-password-help" />
                <p class="help" id="rs-password-help">{ "8–64 characters with an upper case letter, a lower case letter and a number; no ' \" \\ / @ or space." }</p>
                <label class="choice"><input type="checkbox" checked={draft.public} onchange={on_public} /><span>{ "Turn on Publicly accessible" }</span></label>
                <p class="help">{ "Firehose connects to a cluster over the internet: only a publicly accessible cluster can be its destination." }</p>
                <div class="form-actions"><button type="submit" class="primary">{ "Create cluster" }</button></div>
                { match &*created {
                    Some(Ok(text)) => html! { <p class="info" role="status">{ text }</p> },
                    Some(Err(e)) => html! { <ApiErrorAlert error={e.clone()} /> },
                    None => html! {},
                } }
            </form>
            <QueryEditor />
        </section>
    }
}

/// A statement's outcome as the editor shows it.
#[derive(Clone, PartialEq)]
enum Shown {
    Rows {
        sql: String,
        columns: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    Done {
        sql: String,
        affected: i64,
    },
    Failed {
        sql: String,
        error: String,
    },
    Waiting,
}

#[component]
fn QueryEditor() -> Html {
    let sandbox = use_sandbox();
    let state = use_extension(Extension::Sql, true);
    let sql = use_state(|| EXAMPLE.to_string());
    let cluster = use_state(String::new);
    // The last statement run: its outcome is read from the sandbox at each render, so one
    // that waited for the SQL engine shows its rows once it has run.
    let last = use_state(|| None::<String>);
    let refused = use_state(|| None::<ApiError>);
    let available: Vec<(String, String, String)> = sandbox.read(|sb| {
        sb.redshift()
            .clusters
            .values()
            .filter(|c| c.status == ClusterStatus::Available)
            .map(|c| {
                (
                    c.identifier.clone(),
                    c.db_name.clone(),
                    c.master_username.clone(),
                )
            })
            .collect()
    });
    let current = available
        .iter()
        .find(|c| c.0 == *cluster)
        .or(available.first())
        .cloned();
    let tables: Vec<(String, usize, String)> = sandbox.read(|sb| {
        current
            .as_ref()
            .and_then(|c| sb.redshift().cluster(&c.0))
            .map(|c| {
                c.database
                    .tables
                    .values()
                    .map(|t| {
                        (
                            t.name.clone(),
                            t.rows.len(),
                            t.columns
                                .iter()
                                .map(|c| format!("{} {}", c.name, c.ty.name()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let run = {
        let (sandbox, sql, last, refused, current) = (
            sandbox.clone(),
            sql.clone(),
            last.clone(),
            refused.clone(),
            current.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((id, db, user)) = current.clone() else {
                return;
            };
            let parts = split_statements(&sql);
            let body = if parts.len() == 1 {
                (
                    "RedshiftData.ExecuteStatement",
                    json!({"ClusterIdentifier": id, "Database": db, "DbUser": user, "Sql": parts[0]}),
                )
            } else {
                (
                    "RedshiftData.BatchExecuteStatement",
                    json!({"ClusterIdentifier": id, "Database": db, "DbUser": user, "Sqls": parts}),
                )
            };
            match sandbox.call(body.0, body.1) {
                Err(e) => {
                    refused.set(Some(e));
                    last.set(None);
                }
                Ok(v) => {
                    refused.set(None);
                    last.set(v["Id"].as_str().map(str::to_string));
                }
            }
        })
    };
    let shown = last
        .as_deref()
        .map(|id| sandbox.read(|sb| outcome(sb, id)))
        .unwrap_or_default();
    let on_sql = {
        let sql = sql.clone();
        Callback::from(move |e: InputEvent| {
            sql.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_cluster = {
        let cluster = cluster.clone();
        Callback::from(move |e: Event| {
            cluster.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    html! {
        <form class="panel" onsubmit={run} aria-labelledby="editor-title">
            <h2 id="editor-title">{ "Query editor" }</h2>
            if let Some(notice) = extension_notice(Extension::Sql, state) {
                { notice }
            }
            if available.is_empty() {
                <p class="empty">{ "No available cluster yet: create one above (it takes about 3 minutes)." }</p>
            } else {
                <label for="qe-cluster">{ "Cluster" }</label>
                <select id="qe-cluster" onchange={on_cluster}>
                    { for available.iter().map(|c| html! { <option value={c.0.clone()} selected={current.as_ref().is_some_and(|x| x.0 == c.0)}>{ format!("{} (database {}, user {})", c.0, c.1, c.2) }</option> }) }
                </select>
                <label for="qe-sql">{ "SQL" }</label>
                <textarea id="qe-sql" class="sql-editor" rows="7" value={(*sql).clone()} oninput={on_sql} spellcheck="false" aria-describedby="qe-sql-help" />
                <p class="help" id="qe-sql-help">{ "CREATE TABLE, DROP TABLE, TRUNCATE, SELECT, INSERT, UPDATE, DELETE and COPY; several statements separated by semicolons run as a batch. System tables: stl_load_errors, stv_tbl_perm, pg_table_def." }</p>
                <div class="form-actions"><button type="submit" class="primary">{ "Run" }</button></div>
                if let Some(e) = &*refused {
                    <ApiErrorAlert error={e.clone()} />
                }
                { for shown.iter().map(shown_html) }
                <h3>{ format!("Tables ({})", tables.len()) }</h3>
                if tables.is_empty() {
                    <p class="empty">{ "No tables in public yet." }</p>
                } else {
                    <ul class="tables">
                        { for tables.iter().map(|t| html! { <li><code>{ &t.0 }</code>{ format!(" — {} rows — {}", t.1, t.2) }</li> }) }
                    </ul>
                }
            }
        </form>
    }
}

/// What statement `id` gave, one entry per SQL statement run.
fn outcome(sb: &crate::engine::Sandbox, id: &str) -> Vec<Shown> {
    let Some(s) = sb.redshift().statement(id) else {
        return Vec::new();
    };
    if s.status == StatementStatus::Submitted {
        return vec![Shown::Waiting];
    }
    let mut out: Vec<Shown> = s
        .results
        .iter()
        .zip(&s.sql)
        .map(|((r, _), sql)| {
            if r.has_result_set {
                Shown::Rows {
                    sql: sql.clone(),
                    columns: r.columns.iter().map(|c| c.0.clone()).collect(),
                    rows: r
                        .rows
                        .iter()
                        .take(100)
                        .map(|row| row.iter().map(Cell::text).collect())
                        .collect(),
                }
            } else {
                Shown::Done {
                    sql: sql.clone(),
                    affected: r.rows_affected,
                }
            }
        })
        .collect();
    if let Some(e) = &s.error {
        out.push(Shown::Failed {
            sql: s.sql.get(s.results.len()).cloned().unwrap_or_default(),
            error: e.clone(),
        });
    }
    out
}

fn shown_html(s: &Shown) -> Html {
    match s {
        Shown::Waiting => {
            html! { <p class="info" role="status">{ "Submitted: it runs once the SQL engine has loaded." }</p> }
        }
        Shown::Done { sql, affected } => html! {
            <p class="info" role="status"><code>{ first_line(sql) }</code>{ if *affected > 0 { format!(" — completed, {affected} rows affected.") } else { " — completed.".to_string() } }</p>
        },
        Shown::Failed { sql, error } => html! {
            <div class="alert error" role="alert"><p><code>{ first_line(sql) }</code></p><p>{ error }</p></div>
        },
        Shown::Rows { sql, columns, rows } => html! {
            <div class="table-scroll" role="region" aria-label="Result">
                <p class="help"><code>{ first_line(sql) }</code>{ format!(" — {} rows", rows.len()) }</p>
                <table aria-label="Query results">
                    <thead><tr>{ for columns.iter().map(|c| html! { <th>{ c }</th> }) }</tr></thead>
                    <tbody>{ for rows.iter().map(|r| html! { <tr>{ for r.iter().map(|v| html! { <td>{ v }</td> }) }</tr> }) }</tbody>
                </table>
            </div>
        },
    }
}

fn first_line(sql: &str) -> String {
    let line = sql.lines().next().unwrap_or("");
    if line.chars().count() > 80 {
        format!("{}…", line.chars().take(80).collect::<String>())
    } else {
        line.to_string()
    }
}
