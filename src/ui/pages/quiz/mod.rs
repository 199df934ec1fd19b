//! Exam prep: the quiz pages (home, practice, timed exam, spaced review, exam tips) over the
//! logic in [`crate::quiz`].
//!
//! Every page reads the learner's progress from localStorage (through [`crate::host::storage`]) when it mounts and writes it back
//! after each answer, so the pages never disagree. Times are the real wall clock
//! ([`crate::host::wall_clock_millis`]): study happens in real days, whatever the sandbox's
//! simulated clock says.

pub mod coming_soon;
pub mod exam;
pub mod feedback;
pub mod home;
pub mod practice;
pub mod progress_panel;
pub mod question;
pub mod review;
pub mod runner;
pub mod selection;
pub mod tips;

use crate::host::storage;
use crate::quiz::parametric::{generate, parse_id};
pub use crate::quiz::Selection;
use crate::quiz::{Bank, Progress, Question};
use crate::ui::Route;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::Routable;

/// The localStorage key of the learner's quiz progress (its own key, versioned).
pub const PROGRESS_KEY: &str = "kinesis-sandbox:quiz-progress:v1";
/// Where unreadable progress is moved so that it is never silently lost.
pub const UNREADABLE_PROGRESS_KEY: &str = "kinesis-sandbox:quiz-progress:unreadable";
pub use crate::ui::study::SELECTION_KEY;
/// A timed exam in progress, so a reload does not lose it.
pub const EXAM_KEY: &str = "kinesis-sandbox:quiz-exam:v1";

thread_local! {
    static BANK: Rc<Bank> = Rc::new(Bank::embedded().expect("the embedded question bank parses"));
}

/// The question bank, parsed once.
pub fn bank() -> Rc<Bank> {
    BANK.with(Rc::clone)
}

/// Real time in epoch milliseconds.
pub fn now_ms() -> i64 {
    crate::host::wall_clock_millis() as i64
}

pub fn read_key(key: &str) -> Option<String> {
    storage::load_text(key)
}

/// Writes `value` under `key`; a sentence for the learner if the browser refused.
pub fn write_key(key: &str, value: &str) -> Result<(), String> {
    storage::write_text(key, value).map_err(|e| match e {
        storage::WriteError::Unavailable => {
            "This browser does not allow saving (localStorage is unavailable).".into()
        }
        storage::WriteError::Refused => {
            "The browser refused to save quiz progress (its storage may be full).".into()
        }
    })
}

pub fn remove_key(key: &str) {
    storage::remove(key);
}

/// The saved progress, or fresh progress and a sentence saying why the saved one was unreadable
/// (it is moved aside to [`UNREADABLE_PROGRESS_KEY`]).
pub fn load_progress() -> (Progress, Option<String>) {
    match read_key(PROGRESS_KEY) {
        None => (Progress::default(), None),
        Some(text) => match Progress::from_json(&text) {
            Ok(p) => (p, None),
            Err(e) => {
                let _ = write_key(UNREADABLE_PROGRESS_KEY, &text);
                remove_key(PROGRESS_KEY);
                (
                    Progress::default(),
                    Some(format!(
                        "{e} Quiz progress starts afresh; the unreadable copy was kept under \
                         \"{UNREADABLE_PROGRESS_KEY}\"."
                    )),
                )
            }
        },
    }
}

pub fn save_progress(progress: &Progress) -> Result<(), String> {
    write_key(PROGRESS_KEY, &progress.to_json())
}

/// Any question by id: the bank's, or a computed one (`param-<template>-<seed>`), regenerated
/// from its id.
pub fn find_question(id: &str) -> Option<Question> {
    if let Some(q) = bank().get(id) {
        return Some(q.clone());
    }
    let (t, seed) = parse_id(id)?;
    Some(generate(t, seed).question)
}

/// Whether a question was computed by the engine rather than written in the bank.
pub fn is_computed(q: &Question) -> bool {
    q.id.starts_with("param-")
}

/// The page a question's `link` ("#/streams/create") opens: the route itself when the console
/// has it, otherwise the "coming soon" page for that part of the console.
pub fn sandbox_href(link: &str) -> String {
    let path = link.trim_start_matches('#');
    match Route::recognize(path) {
        Some(route) if route != Route::NotFound => format!("#{}", route.to_path()),
        _ => {
            let area = path.trim_matches('/').replace('/', "-");
            format!(
                "#{}",
                Route::QuizSoon {
                    area: if area.is_empty() { "home".into() } else { area }
                }
                .to_path()
            )
        }
    }
}

/// A `#/…` link to a route.
pub fn href(route: Route) -> String {
    format!("#{}", route.to_path())
}

/// The exam-prep tabs at the top of every quiz page.
#[derive(Properties, PartialEq)]
pub struct QuizTabsProps {
    pub current: Route,
}

#[component]
pub fn QuizTabs(props: &QuizTabsProps) -> Html {
    let tabs = [
        ("Overview", Route::Quiz),
        ("Practice", Route::QuizPractice),
        ("Exam", Route::QuizExam),
        ("Review", Route::QuizReview),
        ("Exam tips", Route::QuizTips),
    ];
    html! {
        <nav class="quiz-tabs" aria-label="Exam prep">
            { for tabs.into_iter().map(|(label, route)| {
                let current = route == props.current;
                html! {
                    <a href={href(route)} class={classes!(current.then_some("current"))}
                        aria-current={current.then_some("page")}>{ label }</a>
                }
            }) }
        </nav>
    }
}
