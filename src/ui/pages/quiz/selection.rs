//! Choosing what to study: topics and exams as labelled checkboxes (none ticked means all).

use super::{bank, Selection};
use crate::quiz::{Exam, TOPICS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SelectionFormProps {
    pub selection: Selection,
    pub on_change: Callback<Selection>,
}

/// One line per exam: "DEA-C01 — AWS Certified Data Engineer – Associate", the retired one
/// marked as legacy.
pub fn exam_label(exam: Exam) -> String {
    match exam.retired_on() {
        Some(day) => format!(
            "{} — {} · retired {day}, legacy",
            exam.code(),
            exam.title().trim_end_matches(" (legacy)")
        ),
        None => format!("{} — {}", exam.code(), exam.title()),
    }
}

#[component]
pub fn SelectionForm(props: &SelectionFormProps) -> Html {
    let bank = bank();
    let counts = bank.count_by_topic();
    let topics = TOPICS.iter().map(|t| {
        let checked = props.selection.topics.iter().any(|x| x == t.id);
        let onchange = {
            let selection = props.selection.clone();
            let on_change = props.on_change.clone();
            let id = t.id.to_string();
            Callback::from(move |_: Event| {
                let mut next = selection.clone();
                if let Some(i) = next.topics.iter().position(|x| *x == id) {
                    next.topics.remove(i);
                } else {
                    next.topics.push(id.clone());
                }
                on_change.emit(next);
            })
        };
        let n = counts.get(t.id).copied().unwrap_or(0);
        html! {
            <label class="choice">
                <input type="checkbox" {checked} {onchange} />
                <span>
                    { t.title }
                    <span class="quiz-count">{ format!(" ({n} questions)") }</span>
                    if t.legacy_note.is_some() { <span class="badge legacy">{ "Legacy" }</span> }
                </span>
            </label>
        }
    });
    let exams = Exam::ALL.iter().map(|&exam| {
        let checked = props.selection.exams.contains(&exam);
        let onchange = {
            let selection = props.selection.clone();
            let on_change = props.on_change.clone();
            Callback::from(move |_: Event| {
                let mut next = selection.clone();
                if let Some(i) = next.exams.iter().position(|x| *x == exam) {
                    next.exams.remove(i);
                } else {
                    next.exams.push(exam);
                }
                on_change.emit(next);
            })
        };
        html! {
            <label class={classes!("choice", exam.is_legacy().then_some("legacy"))}>
                <input type="checkbox" {checked} {onchange} />
                <span>{ exam_label(exam) }</span>
            </label>
        }
    });
    let admitted = bank
        .questions()
        .iter()
        .filter(|q| props.selection.admits(q))
        .count();
    html! {
        <div class="quiz-selection">
            <fieldset class="panel">
                <legend>{ "Exams" }</legend>
                <p class="help">{ "Tick the exams you prepare for; none ticked means every exam." }</p>
                <div class="choices">{ for exams }</div>
            </fieldset>
            <fieldset class="panel">
                <legend>{ "Topics" }</legend>
                <p class="help">{ "Tick topics to focus on; none ticked means every topic." }</p>
                <div class="choices">{ for topics }</div>
            </fieldset>
            <p class="quiz-count" role="status">
                { format!("{admitted} bank questions match: {}.", props.selection.describe()) }
            </p>
        </div>
    }
}
