//! `#/quiz/practice`: endless practice from the chosen topics and exams, with instant feedback;
//! and `#/quiz/question/:id`: one question by itself (linked from reports and tips).

use super::runner::{Queue, Runner};
use super::selection::SelectionForm;
use super::{href, now_ms, QuizTabs, Selection};
use crate::ui::Route;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn Practice() -> Html {
    let selection = use_state(crate::ui::study::load_selection);
    let seed = use_state(|| now_ms() as u64);
    let on_change = {
        let selection = selection.clone();
        Callback::from(move |next: Selection| {
            crate::ui::study::save_selection(&next);
            selection.set(next);
        })
    };
    let key = serde_json::to_string(&*selection).unwrap_or_default();
    html! {
        <section class="page quiz" aria-labelledby="practice-title">
            <QuizTabs current={Route::QuizPractice} />
            <h1 id="practice-title">{ "Practice" }</h1>
            <p class="lead">{ "One question at a time, with every option explained as soon as you answer. Every fourth question is computed: its numbers are new each time and the sandbox's engine works out the answer." }</p>
            <details class="panel quiz-filter">
                <summary>{ format!("Topics and exams: {}", selection.describe()) }</summary>
                <SelectionForm selection={(*selection).clone()} {on_change} />
            </details>
            <Runner key={key} queue={Queue::Endless { selection: (*selection).clone(), seed: *seed }} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct OneQuestionProps {
    pub id: AttrValue,
}

#[component]
pub fn OneQuestion(props: &OneQuestionProps) -> Html {
    let exists = super::find_question(&props.id).is_some();
    html! {
        <section class="page quiz" aria-labelledby="one-title">
            <QuizTabs current={Route::QuizReview} />
            <h1 id="one-title">{ "Review a question" }</h1>
            if exists {
                <Runner key={props.id.to_string()} queue={Queue::Fixed(Rc::new(vec![props.id.to_string()]))}
                    done_text={Some(AttrValue::from("Done. Back to the review page for the rest."))} />
            } else {
                <p role="alert">{ format!("There is no question \"{}\" in the bank.", props.id) }</p>
            }
            <p><a href={href(Route::QuizReview)}>{ "Back to review" }</a></p>
        </section>
    }
}
