//! Practice feedback: right or wrong, every option's explanation, the fact as the exam taught it
//! and as it is today, the AWS source and the sandbox page that shows it live.

use super::sandbox_href;
use crate::quiz::{feedback, Outcome, Question};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FeedbackProps {
    pub question: Rc<Question>,
    pub order: Vec<usize>,
    pub chosen: BTreeSet<usize>,
}

#[component]
pub fn Feedback(props: &FeedbackProps) -> Html {
    let q = &props.question;
    let (outcome, options) = feedback(q, &props.chosen);
    let (class, verdict) = match outcome {
        Outcome::Correct => ("correct", "Correct"),
        Outcome::Incorrect => ("incorrect", "Incorrect"),
        Outcome::Unanswered => ("incorrect", "Not answered"),
    };
    let explained = props.order.iter().enumerate().map(|(pos, &index)| {
        let o = &options[index];
        let text = &q.options[index].text;
        let label = match (o.correct, o.chosen) {
            (true, true) => "Correct, and you chose it",
            (true, false) => "Correct, and you did not choose it",
            (false, true) => "Wrong, and you chose it",
            (false, false) => "Wrong",
        };
        html! {
            <li class={classes!("quiz-why", if o.correct { "right" } else { "wrong" })}>
                <p class="quiz-why-head">
                    <strong>{ format!("{}. {text}", pos + 1) }</strong>
                    <span class="quiz-why-label">{ label }</span>
                </p>
                <p>{ &o.why }</p>
            </li>
        }
    });
    html! {
        <section class={classes!("quiz-feedback", class)} aria-labelledby="feedback-title">
            <h2 id="feedback-title" class="quiz-verdict">{ verdict }</h2>
            <h3>{ "Why each option is right or wrong" }</h3>
            <ol class="quiz-whys">{ for explained }</ol>
            if let Some(fv) = &q.fact_version {
                <aside class="quiz-fact" aria-label="This fact changed">
                    <h3>{ "This fact changed" }</h3>
                    <dl class="summary">
                        <dt>{ "Exam era" }</dt><dd>{ &fv.exam_era }</dd>
                        <dt>{ "Today" }</dt><dd>{ &fv.current }</dd>
                    </dl>
                </aside>
            }
            <p class="quiz-links">
                <a href={q.source.clone()} target="_blank" rel="noopener noreferrer">{ "AWS documentation" }</a>
                <a href={sandbox_href(&q.link)} class="button-link">{ "Show me in the sandbox" }</a>
            </p>
        </section>
    }
}
