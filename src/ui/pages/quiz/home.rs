//! `#/quiz`: Exam prep's home. Choose the exams and topics, then a mode.

use super::progress_panel::ProgressPanel;
use super::selection::SelectionForm;
use super::{bank, href, QuizTabs, Selection};
use crate::quiz::TOPICS;
use crate::ui::Route;
use yew::prelude::*;

#[component]
pub fn QuizHome() -> Html {
    let selection = use_state(crate::ui::study::load_selection);
    let on_change = {
        let selection = selection.clone();
        Callback::from(move |next: Selection| {
            crate::ui::study::save_selection(&next);
            selection.set(next);
        })
    };
    let modes = [
        ("Practice", Route::QuizPractice, "One question at a time with every option explained at once, computed questions mixed in."),
        ("Exam", Route::QuizExam, "Timed, 30 questions in 45 minutes by default, with a navigator, marks for review and a report by topic."),
        ("Review", Route::QuizReview, "The questions you missed come back on a five-box schedule; retry them all at any time."),
        ("Exam tips", Route::QuizTips, "The things to remember for the exam, each with its questions and the sandbox page that shows it."),
    ];
    let legacy = TOPICS
        .iter()
        .filter_map(|t| t.legacy_note.map(|n| (t.title, n)));
    html! {
        <section class="page quiz" aria-labelledby="quiz-title">
            <QuizTabs current={Route::Quiz} />
            <h1 id="quiz-title">{ "Exam prep" }</h1>
            <p class="lead">
                { format!("{} questions on Amazon Kinesis and Amazon Data Firehose in the style of the AWS certification exams, each option explained, plus questions the sandbox's engine computes. Kinesis is tested today in DEA-C01, MLA-C01, SAA-C03 and SAP-C02; MLS-C01 was retired on 2026-03-31 and is kept as legacy.", bank().len()) }
            </p>
            <ul class="quiz-modes">
                { for modes.into_iter().map(|(title, route, text)| html! {
                    <li class="quiz-mode">
                        <a href={href(route)}><strong>{ title }</strong></a>
                        <span>{ text }</span>
                    </li>
                }) }
            </ul>
            <h2>{ "What to study" }</h2>
            <SelectionForm selection={(*selection).clone()} {on_change} />
            { for legacy.map(|(title, note)| html! {
                <p class="help quiz-legacy"><strong>{ format!("{title}: ") }</strong>{ note }</p>
            }) }
            <ProgressPanel />
        </section>
    }
}
