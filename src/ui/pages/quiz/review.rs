//! `#/quiz/review`: the Leitner schedule. Missed questions sit in box 1 and come back after ten
//! minutes, right answers move a box up and come back after 1, 3, 7 and 14 days. "Review due"
//! asks what is due now; "Retry missed" asks every question in box 1 at once.

use super::runner::{Queue, Runner};
use super::{load_progress, now_ms, QuizTabs};
use crate::quiz::{BOXES, INTERVALS_MS};
use crate::ui::Route;
use std::rc::Rc;
use yew::prelude::*;

/// "10 minutes", "1 day", "3 days".
fn interval_text(ms: i64) -> String {
    let minutes = ms / 60_000;
    match minutes {
        m if m < 60 => format!("{m} minutes"),
        m if m < 24 * 60 => format!("{} hours", m / 60),
        m if m == 24 * 60 => "1 day".into(),
        m => format!("{} days", m / (24 * 60)),
    }
}

/// "in 8 minutes", "in 2 days", "now".
fn until_text(ms: i64) -> String {
    if ms <= 0 {
        return "now".into();
    }
    let minutes = (ms + 59_999) / 60_000;
    match minutes {
        m if m < 60 => format!("in {m} minutes"),
        m if m < 48 * 60 => format!("in {} hours", (m + 59) / 60),
        m => format!("in {} days", (m + 24 * 60 - 1) / (24 * 60)),
    }
}

#[derive(Clone, PartialEq)]
enum Running {
    Nothing,
    Due(Rc<Vec<String>>),
    Missed(Rc<Vec<String>>),
}

#[component]
pub fn Review() -> Html {
    let progress = use_state(|| load_progress().0);
    let running = use_state(|| Running::Nothing);
    let now = now_ms();
    let due: Vec<String> = progress
        .review
        .due(now)
        .into_iter()
        .map(String::from)
        .collect();
    let missed: Vec<String> = progress
        .review
        .missed()
        .into_iter()
        .map(String::from)
        .collect();
    let counts = progress.review.box_counts();
    let next_due = progress.review.next_due_ms();
    let start = |which: fn(Rc<Vec<String>>) -> Running, ids: Vec<String>| {
        let running = running.clone();
        let ids = Rc::new(ids);
        Callback::from(move |_: MouseEvent| running.set(which(ids.clone())))
    };
    let back = {
        let running = running.clone();
        let progress = progress.clone();
        Callback::from(move |_: MouseEvent| {
            progress.set(load_progress().0);
            running.set(Running::Nothing);
        })
    };
    let boxes = (0..usize::from(BOXES)).map(|b| {
        html! {
            <tr>
                <th scope="row">{ format!("Box {}", b + 1) }</th>
                <td>{ counts[b] }</td>
                <td>{ interval_text(INTERVALS_MS[b]) }</td>
            </tr>
        }
    });
    let body = match &*running {
        Running::Due(ids) | Running::Missed(ids) => {
            let title = if matches!(&*running, Running::Due(_)) {
                "Reviewing questions due now"
            } else {
                "Retrying missed questions"
            };
            html! {
                <>
                    <div class="page-header">
                        <h2>{ title }</h2>
                        <button type="button" onclick={back}>{ "Back to the schedule" }</button>
                    </div>
                    <Runner queue={Queue::Fixed(ids.clone())}
                        done_text={Some(AttrValue::from("That was the last one. Go back to the schedule to see where each question moved."))} />
                </>
            }
        }
        Running::Nothing => html! {
            <>
                <div class="panel quiz-review-actions">
                    <p role="status">
                        { format!("{} questions due now · {} missed (box 1) · {} in the schedule.", due.len(), missed.len(), progress.review.len()) }
                        if let Some(at) = next_due.filter(|_| due.is_empty()) {
                            { format!(" The next one is due {}.", until_text(at - now)) }
                        }
                    </p>
                    <button type="button" class="primary" disabled={due.is_empty()} onclick={start(Running::Due, due.clone())}>
                        { format!("Review due questions ({})", due.len()) }
                    </button>
                    { " " }
                    <button type="button" disabled={missed.is_empty()} onclick={start(Running::Missed, missed.clone())}>
                        { format!("Retry missed ({})", missed.len()) }
                    </button>
                </div>
                <table class="resource-table quiz-boxes">
                    <caption>{ "Leitner boxes: where your answered questions sit" }</caption>
                    <thead><tr><th scope="col">{ "Box" }</th><th scope="col">{ "Questions" }</th><th scope="col">{ "Comes back after" }</th></tr></thead>
                    <tbody>{ for boxes }</tbody>
                </table>
                if progress.review.is_empty() {
                    <p>{ "Nothing to review yet: answer questions in Practice or take an Exam, and the ones you miss come back here." }</p>
                }
            </>
        },
    };
    html! {
        <section class="page quiz" aria-labelledby="review-title">
            <QuizTabs current={Route::QuizReview} />
            <h1 id="review-title">{ "Review" }</h1>
            <p class="lead">{ "Spaced review in five boxes. A wrong answer sends a question to box 1, where it comes back after ten minutes; each right answer moves it up a box and makes it wait longer." }</p>
            { body }
        </section>
    }
}
