//! One question: its stem and its options as a radio group (one answer) or checkboxes (several),
//! each with a label, the key that chooses it, and after submission whether it was right.

use super::is_computed;
use crate::quiz::bank::{count_word, topic};
use crate::quiz::parametric::{figure_for_id, Figure};
use crate::quiz::{Kind, Question};
use base64::Engine as _;
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionViewProps {
    pub question: Rc<Question>,
    /// `order[k]` is the bank index of the option shown in position `k`.
    pub order: Vec<usize>,
    /// Chosen options, as bank indices.
    pub chosen: BTreeSet<usize>,
    /// Answers are closed (submitted, or the exam is over).
    #[prop_or_default]
    pub locked: bool,
    /// Mark each option right or wrong (practice feedback).
    #[prop_or_default]
    pub reveal: bool,
    /// Called with the position (0-based) of the option clicked.
    pub on_choose: Callback<usize>,
    /// Shown before the stem, e.g. "Question 3 of 30".
    #[prop_or_default]
    pub heading: Option<AttrValue>,
}

/// "Choose one answer." / "Choose two answers."
pub fn how_many(q: &Question) -> String {
    match q.kind {
        Kind::Single => "Choose one answer.".into(),
        Kind::Multiple => format!(
            "Choose {} answers.",
            count_word(q.correct_count()).unwrap_or("several")
        ),
    }
}

/// A chart that is part of a question: an image described in words, and its data as a table
/// behind a disclosure.
fn figure_view(f: &Figure, id: &str) -> Html {
    let src = format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(&f.svg)
    );
    let caption_id = format!("figure-{id}");
    html! {
        <figure class="quiz-figure" aria-labelledby={caption_id.clone()} style="margin: 12px 0;">
            <img {src} alt={f.description.clone()} width="560" height="320"
                style="max-width: 100%; height: auto; border: 1px solid #e9ebed;" />
            <figcaption id={caption_id} class="help">{ &f.description }</figcaption>
            <details>
                <summary>{ "Data table" }</summary>
                <div role="region" aria-label="Chart data" tabindex="0"
                    style="overflow: auto; max-height: 240px;">
                    <table>
                        <caption>{ &f.caption }</caption>
                        <thead><tr>{ for f.headers.iter().map(|h| html! { <th scope="col">{ h }</th> }) }</tr></thead>
                        <tbody>
                            { for f.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{ c }</td> }) }</tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

#[component]
pub fn QuestionView(props: &QuestionViewProps) -> Html {
    let q = &props.question;
    let figure = use_memo(q.id.clone(), |id| figure_for_id(id));
    let multiple = q.kind == Kind::Multiple;
    let name = format!("answer-{}", q.id);
    let topic_title = topic(&q.topic).map_or(q.topic.as_str(), |t| t.title);
    let exams: Vec<String> = q
        .exams
        .iter()
        .map(|e| {
            if e.is_legacy() {
                format!("{} (legacy)", e.code())
            } else {
                e.code().to_string()
            }
        })
        .collect();
    let stem_id = format!("stem-{}", q.id);
    let options = props.order.iter().enumerate().map(|(pos, &index)| {
        let option = &q.options[index];
        let chosen = props.chosen.contains(&index);
        let on_choose = props.on_choose.clone();
        let onchange = Callback::from(move |_: Event| on_choose.emit(pos));
        let mark = props.reveal.then(|| {
            if option.correct {
                html! { <span class="quiz-mark right">{ "Correct answer" }</span> }
            } else if chosen {
                html! { <span class="quiz-mark wrong">{ "Wrong answer" }</span> }
            } else {
                html! {}
            }
        });
        let state = classes!(
            "quiz-option",
            chosen.then_some("chosen"),
            (props.reveal && option.correct).then_some("right"),
            (props.reveal && chosen && !option.correct).then_some("wrong"),
        );
        html! {
            <label class={state}>
                <input type={if multiple { "checkbox" } else { "radio" }} name={name.clone()}
                    checked={chosen} disabled={props.locked} {onchange} />
                if pos < 9 { <kbd class="quiz-key" aria-hidden="true">{ pos + 1 }</kbd> }
                <span class="quiz-option-text">{ &option.text }</span>
                { for mark }
            </label>
        }
    });
    html! {
        <div class="quiz-question">
            if let Some(heading) = &props.heading {
                <p class="quiz-position">{ heading.clone() }</p>
            }
            <p class="quiz-meta">
                <span>{ topic_title }</span>
                <span>{ format!("Exams: {}", exams.join(", ")) }</span>
                <span>{ format!("Difficulty {} of 3", q.difficulty) }</span>
                if is_computed(q) {
                    <span class="badge computed" title="Numbers drawn at random; the answer is computed by the sandbox's own engine">
                        { "Computed question" }
                    </span>
                }
            </p>
            <fieldset class={classes!("quiz-options", if multiple { "multiple" } else { "single" })}
                aria-describedby={format!("{stem_id}-how")}>
                <legend id={stem_id.clone()} class="quiz-stem">{ &q.stem }</legend>
                if let Some(f) = figure.as_ref() { { figure_view(f, &q.id) } }
                <p class="help" id={format!("{stem_id}-how")}>
                    { how_many(q) }
                    if is_computed(q) { <span>{ " This question is computed: its numbers are new each time and the sandbox's engine works out the answer." }</span> }
                </p>
                <div class="choices">
                    { for options }
                </div>
            </fieldset>
        </div>
    }
}
