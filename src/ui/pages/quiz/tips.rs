//! `#/quiz/tips`: the course's "things to remember for the exam" as cards, each with the page
//! that shows it live and the questions that test it.

use super::exam::short;
use super::runner::{Queue, Runner};
use super::{bank, href, sandbox_href, QuizTabs};
use crate::quiz::TIPS;
use crate::ui::Route;
use std::rc::Rc;
use yew::prelude::*;

#[component]
pub fn Tips() -> Html {
    let practising = use_state(|| None::<&'static str>);
    let bank = bank();
    if let Some(tip) = practising.and_then(|id| TIPS.iter().find(|t| t.id == id)) {
        let back = {
            let practising = practising.clone();
            Callback::from(move |_: MouseEvent| practising.set(None))
        };
        let ids: Vec<String> = tip.questions.iter().map(|s| s.to_string()).collect();
        return html! {
            <section class="page quiz" aria-labelledby="tips-title">
                <QuizTabs current={Route::QuizTips} />
                <div class="page-header">
                    <h1 id="tips-title">{ format!("Exam tip: {}", tip.title) }</h1>
                    <button type="button" onclick={back}>{ "Back to all tips" }</button>
                </div>
                <p class="lead">{ tip.body }</p>
                <Runner key={tip.id} queue={Queue::Fixed(Rc::new(ids))}
                    done_text={Some(AttrValue::from("You have answered every question of this tip."))} />
            </section>
        };
    }
    let cards = TIPS.iter().map(|tip| {
        let practise = {
            let practising = practising.clone();
            let id = tip.id;
            Callback::from(move |_: MouseEvent| practising.set(Some(id)))
        };
        let questions = tip.bank_questions(&bank);
        let heading_id = format!("tip-{}", tip.id);
        html! {
            <article class="quiz-tip" aria-labelledby={heading_id.clone()}>
                <h2 id={heading_id}>{ tip.title }</h2>
                <p>{ tip.body }</p>
                <details>
                    <summary>{ format!("Its {} questions", questions.len()) }</summary>
                    <ul>
                        { for questions.iter().map(|q| html! {
                            <li><a href={href(Route::QuizQuestion { id: q.id.clone() })}>{ short(&q.stem, 90) }</a></li>
                        }) }
                    </ul>
                </details>
                <p class="quiz-links">
                    <button type="button" class="primary" onclick={practise}
                        aria-label={format!("Practise the {} questions on {}", questions.len(), tip.title)}>
                        { format!("Practise {} questions", questions.len()) }
                    </button>
                    <a href={sandbox_href(tip.link)} aria-label={format!("Show {} in the sandbox", tip.title)}>{ "Show me in the sandbox" }</a>
                </p>
            </article>
        }
    });
    html! {
        <section class="page quiz" aria-labelledby="tips-title">
            <QuizTabs current={Route::QuizTips} />
            <h1 id="tips-title">{ "Exam tips" }</h1>
            <p class="lead">{ "The things to remember for the exam, from the course's summary, with today's values where AWS changed them." }</p>
            <div class="quiz-tips">{ for cards }</div>
        </section>
    }
}
