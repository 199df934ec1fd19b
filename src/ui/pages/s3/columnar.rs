//! A Parquet or ORC object in the S3 browser: what the file says about itself (format, row
//! groups or stripes, compression, writer), its schema, and its first rows as a table.

use crate::engine::firehose::convert::Preview;
use yew::prelude::*;

/// Whether `bytes` are a file this view shows (Parquet or ORC).
pub fn is_columnar(bytes: &[u8]) -> bool {
    crate::engine::firehose::convert::is_parquet(bytes)
        || crate::engine::firehose::convert::is_orc(bytes)
}

/// The summary line: rows, groups and their row counts, compression, writer.
pub fn summary(p: &Preview) -> String {
    let counts: Vec<String> = p.groups.iter().map(u64::to_string).collect();
    let rows = if p.total_rows == 1 { "row" } else { "rows" };
    let groups = match p.groups.len() {
        1 => p.group_noun.trim_end_matches('s'),
        _ => p.group_noun,
    };
    let mut text = format!(
        "{} file: {} {rows} in {} {} ({}), {} compression.",
        p.format,
        p.total_rows,
        p.groups.len(),
        groups,
        if counts.is_empty() {
            "none".to_string()
        } else {
            counts.join(", ")
        },
        p.compression,
    );
    if let Some(by) = &p.created_by {
        text.push_str(&format!(" Written by {by}."));
    }
    if p.rows.len() < p.total_rows as usize {
        text.push_str(&format!(" The first {} rows are shown.", p.rows.len()));
    }
    text
}

/// The preview as a schema table and a table of rows.
pub fn view(p: &Preview) -> Html {
    html! {
        <>
        <p class="help">{ summary(p) }</p>
        if let Some(note) = &p.note {
            <p class="warning">{ note }</p>
        }
        <table class="resource-table">
            <caption>{ "Schema" }</caption>
            <thead><tr>
                <th scope="col">{ "Column" }</th>
                <th scope="col">{ "Type" }</th>
            </tr></thead>
            <tbody>
                { for p.columns.iter().map(|(name, t)| html! {
                    <tr><td>{ name }</td><td><code>{ t }</code></td></tr>
                }) }
            </tbody>
        </table>
        <div role="region" aria-label="Rows" tabindex="0" style="overflow-x: auto; margin-top: 12px;">
            <table class="resource-table">
                <caption>{ "Rows" }</caption>
                <thead><tr>
                    <th scope="col">{ "#" }</th>
                    { for p.columns.iter().map(|(name, _)| html! { <th scope="col">{ name }</th> }) }
                </tr></thead>
                <tbody>
                    if p.rows.is_empty() {
                        <tr><td colspan={(p.columns.len() + 1).to_string()} class="empty">{ "No rows" }</td></tr>
                    }
                    { for p.rows.iter().enumerate().map(|(i, row)| html! {
                        <tr>
                            <th scope="row">{ i + 1 }</th>
                            { for row.iter().map(|v| html! { <td>{ v }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
        </>
    }
}
