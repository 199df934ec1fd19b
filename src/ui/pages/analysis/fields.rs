//! The dataset's fields: each one's type and summary statistics, in one table that scrolls
//! sideways on a narrow screen.

use crate::analysis::fields::{number_text, time_text};
use crate::analysis::{FieldSummary, FieldType};
use crate::text::thousands;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldsTableProps {
    pub fields: std::rc::Rc<Vec<FieldSummary>>,
}

/// A statistic as the field's type reads: times as dates, numbers as numbers.
fn stat(kind: FieldType, v: Option<f64>) -> String {
    match (kind, v) {
        (_, None) => "–".into(),
        (FieldType::Timestamp, Some(ms)) => time_text(ms.round() as i64),
        (_, Some(x)) => number_text(x),
    }
}

/// The mean and standard deviation of a time field are shown as a date and a duration.
fn spread(kind: FieldType, sd: Option<f64>) -> String {
    match (kind, sd) {
        (_, None) => "–".into(),
        (FieldType::Timestamp, Some(ms)) => format!("{} s", number_text(ms / 1000.0)),
        (_, Some(x)) => number_text(x),
    }
}

#[component]
pub fn FieldsTable(props: &FieldsTableProps) -> Html {
    html! {
        <section class="panel" aria-labelledby="fields-title">
            <h2 id="fields-title">{ "Fields" }</h2>
            <div class="table-scroll" role="region" aria-labelledby="fields-title" tabindex="0">
                <table class="resource-table fields-table">
                    <caption class="visually-hidden">{ "Each field's type and summary statistics" }</caption>
                    <thead><tr>
                        <th scope="col">{ "Field" }</th>
                        <th scope="col">{ "Type" }</th>
                        <th scope="col">{ "Count" }</th>
                        <th scope="col">{ "Missing" }</th>
                        <th scope="col">{ "Mean" }</th>
                        <th scope="col">{ "Standard deviation" }</th>
                        <th scope="col">{ "Min" }</th>
                        <th scope="col">{ "Q1" }</th>
                        <th scope="col">{ "Median" }</th>
                        <th scope="col">{ "Q3" }</th>
                        <th scope="col">{ "Max" }</th>
                        <th scope="col">{ "Distinct values" }</th>
                        <th scope="col">{ "Top values" }</th>
                    </tr></thead>
                    <tbody>
                        if props.fields.is_empty() {
                            <tr><td colspan="13" class="empty">{ "No dataset yet: create one above." }</td></tr>
                        }
                        { for props.fields.iter().map(|f| {
                            let q = f.numeric.map(|n| n.quartiles);
                            let k = f.kind;
                            let missing = if f.invalid > 0 {
                                format!("{} (+{} not {})", thousands(f.missing as u64), thousands(f.invalid as u64), k)
                            } else {
                                thousands(f.missing as u64)
                            };
                            let top: Vec<String> = f.top.iter().map(|(v, n)| format!("{v} ({})", thousands(*n as u64))).collect();
                            html! {
                                <tr>
                                    <th scope="row">{ &f.name }</th>
                                    <td>{ k.to_string() }</td>
                                    <td>{ thousands(f.count as u64) }</td>
                                    <td title={f.first_invalid.clone()}>{ missing }</td>
                                    <td>{ stat(k, f.numeric.map(|n| n.mean)) }</td>
                                    <td>{ spread(k, f.numeric.and_then(|n| n.std_dev)) }</td>
                                    <td>{ stat(k, q.map(|q| q.min)) }</td>
                                    <td>{ stat(k, q.map(|q| q.q1)) }</td>
                                    <td>{ stat(k, q.map(|q| q.median)) }</td>
                                    <td>{ stat(k, q.map(|q| q.q3)) }</td>
                                    <td>{ stat(k, q.map(|q| q.max)) }</td>
                                    <td>{ thousands(f.distinct as u64) }</td>
                                    <td>{ top.join(", ") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
