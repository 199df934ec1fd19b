//! The practice runner: one question at a time with instant feedback, from the learner's
//! selection (bank questions with a computed one every fourth) or from a fixed list of ids
//! (review, retry missed, a tip's questions). Answers are recorded in the saved progress.
//!
//! Keyboard: 1–9 choose an option, Enter submits (then goes on), N goes to the next question.
//!
//! A session ends with "Finish session" (endless practice) or when a fixed list runs out; its
//! score is then posted to a course page around the sandbox (`quiz-scored`).

use super::feedback::Feedback;
use super::question::QuestionView;
use super::{bank, find_question, load_progress, now_ms, save_progress, Selection};
use crate::embed::percent;
use crate::host::embed::{post, EmbedEvent};
use crate::quiz::exam::option_order;
use crate::quiz::parametric::generate_any;
use crate::quiz::{score, Kind, Question};
use gloo::events::EventListener;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// Where the questions come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Queue {
    /// Endless practice from a selection, in an order fixed by `seed`.
    Endless { selection: Selection, seed: u64 },
    /// These questions, in this order.
    Fixed(Rc<Vec<String>>),
}

/// Every how many questions a computed one is asked in endless practice.
pub const COMPUTED_EVERY: usize = 4;

/// The `n`th question of `queue` (0-based), if there is one.
pub fn question_at(queue: &Queue, n: usize) -> Option<Question> {
    match queue {
        Queue::Fixed(ids) => ids.get(n).and_then(|id| find_question(id)),
        Queue::Endless { selection, seed } => {
            let bank = bank();
            let pool: Vec<&Question> = bank
                .questions()
                .iter()
                .filter(|q| selection.admits(q))
                .collect();
            if n % COMPUTED_EVERY == COMPUTED_EVERY - 1 {
                let computed = (0..16u64).find_map(|k| {
                    let p = generate_any(seed.wrapping_add((n as u64) * 16 + k));
                    selection.admits(&p.question).then_some(p.question)
                });
                if computed.is_some() {
                    return computed;
                }
            }
            if pool.is_empty() {
                return None;
            }
            let index = n - n / COMPUTED_EVERY;
            let order = option_order(pool.len(), *seed);
            Some(pool[order[index % pool.len()]].clone())
        }
    }
}

/// A key the quiz pages answer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuizKey {
    /// 1–9: the option in that position (0-based here).
    Choose(usize),
    Enter,
    Next,
    Previous,
    Mark,
}

/// The quiz key pressed, unless the learner is typing in a field, using a modifier, or pressing
/// Enter on a button or link (which then does its own job).
pub fn quiz_key(e: &KeyboardEvent) -> Option<QuizKey> {
    if e.ctrl_key() || e.alt_key() || e.meta_key() {
        return None;
    }
    let target = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
    let tag = target
        .as_ref()
        .map(|t| t.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    let input_type = target
        .as_ref()
        .and_then(|t| t.get_attribute("type"))
        .unwrap_or_default();
    let typing = matches!(tag.as_str(), "textarea" | "select")
        || (tag == "input" && !matches!(input_type.as_str(), "radio" | "checkbox"));
    if typing {
        return None;
    }
    let key = e.key();
    match key.as_str() {
        "Enter" if matches!(tag.as_str(), "button" | "a" | "summary") => None,
        "Enter" => Some(QuizKey::Enter),
        "n" | "N" => Some(QuizKey::Next),
        "p" | "P" => Some(QuizKey::Previous),
        "m" | "M" => Some(QuizKey::Mark),
        k => k
            .parse::<usize>()
            .ok()
            .filter(|d| (1..=9).contains(d))
            .map(|d| QuizKey::Choose(d - 1)),
    }
}

/// Listens for quiz keys on the document while the component is mounted.
#[hook]
pub fn use_quiz_keys(on_key: Callback<QuizKey>) {
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "keydown", move |e| {
            let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if let Some(key) = quiz_key(e) {
                if key == QuizKey::Enter {
                    e.prevent_default();
                }
                on_key.emit(key);
            }
        });
        move || drop(listener)
    });
}

/// The new chosen set after clicking the option at `pos` (bank index `index`).
pub fn toggle(kind: Kind, chosen: &BTreeSet<usize>, index: usize) -> BTreeSet<usize> {
    match kind {
        Kind::Single => BTreeSet::from([index]),
        Kind::Multiple => {
            let mut next = chosen.clone();
            if !next.remove(&index) {
                next.insert(index);
            }
            next
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct RunState {
    queue: Queue,
    n: usize,
    question: Option<Rc<Question>>,
    order: Vec<usize>,
    chosen: BTreeSet<usize>,
    submitted: bool,
    answered: usize,
    right: usize,
    /// The learner ended the session with "Finish session".
    finished: bool,
    save_error: Option<String>,
}

impl RunState {
    fn at(queue: Queue, n: usize, answered: usize, right: usize) -> Self {
        let question = question_at(&queue, n).map(Rc::new);
        let order = question.as_ref().map_or_else(Vec::new, |q| {
            let seed = match &queue {
                Queue::Endless { seed, .. } => *seed,
                Queue::Fixed(_) => 0x5EED,
            };
            option_order(
                q.options.len(),
                seed ^ (n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            )
        });
        Self {
            queue,
            n,
            question,
            order,
            chosen: BTreeSet::new(),
            submitted: false,
            answered,
            right,
            finished: false,
            save_error: None,
        }
    }
}

enum RunAction {
    Choose(usize),
    Submit,
    Next,
    Finish,
    /// A new session: the tally starts again from the next question.
    Restart,
}

impl Reducible for RunState {
    type Action = RunAction;

    fn reduce(self: Rc<Self>, action: RunAction) -> Rc<Self> {
        if self.finished && !matches!(action, RunAction::Restart) {
            return self;
        }
        match action {
            RunAction::Finish => {
                let mut next = (*self).clone();
                next.finished = next.answered > 0;
                return Rc::new(next);
            }
            RunAction::Restart => {
                return Rc::new(RunState::at(self.queue.clone(), self.n + 1, 0, 0));
            }
            _ => {}
        }
        let Some(q) = self.question.clone() else {
            return self;
        };
        match action {
            RunAction::Finish | RunAction::Restart => self,
            RunAction::Choose(pos) => {
                let Some(&index) = self.order.get(pos) else {
                    return self;
                };
                if self.submitted {
                    return self;
                }
                let mut next = (*self).clone();
                next.chosen = toggle(q.kind, &self.chosen, index);
                Rc::new(next)
            }
            RunAction::Submit => {
                if self.submitted || self.chosen.is_empty() {
                    return self;
                }
                let outcome = score(&q, &self.chosen);
                let (mut progress, _) = load_progress();
                progress.record(&q.id, outcome, now_ms());
                let mut next = (*self).clone();
                next.save_error = save_progress(&progress).err();
                next.submitted = true;
                next.answered += 1;
                next.right += usize::from(outcome.is_correct());
                Rc::new(next)
            }
            RunAction::Next => Rc::new(RunState::at(
                self.queue.clone(),
                self.n + 1,
                self.answered,
                self.right,
            )),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RunnerProps {
    pub queue: Queue,
    /// Said when a fixed list is done.
    #[prop_or_default]
    pub done_text: Option<AttrValue>,
}

#[component]
pub fn Runner(props: &RunnerProps) -> Html {
    let state = {
        let queue = props.queue.clone();
        use_reducer(move || RunState::at(queue, 0, 0, 0))
    };
    {
        let dispatcher = state.dispatcher();
        let submitted_now = use_mut_ref(|| false);
        let state_ref = submitted_now.clone();
        *state_ref.borrow_mut() = state.submitted;
        use_quiz_keys(Callback::from(move |key| match key {
            QuizKey::Choose(pos) => dispatcher.dispatch(RunAction::Choose(pos)),
            QuizKey::Enter if *submitted_now.borrow() => dispatcher.dispatch(RunAction::Next),
            QuizKey::Enter => dispatcher.dispatch(RunAction::Submit),
            QuizKey::Next => dispatcher.dispatch(RunAction::Next),
            QuizKey::Previous | QuizKey::Mark => {}
        }));
    }
    let on_choose = {
        let d = state.dispatcher();
        Callback::from(move |pos| d.dispatch(RunAction::Choose(pos)))
    };
    let submit = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(RunAction::Submit))
    };
    let next = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(RunAction::Next))
    };
    // The session is over: finished by the learner, or a fixed list ran out after answers.
    let done = state.finished || (state.question.is_none() && state.answered > 0);
    {
        let mode = match &state.queue {
            Queue::Endless { .. } => "practice",
            Queue::Fixed(_) => "review",
        };
        let scored = done.then_some((state.right as u32, state.answered as u32));
        use_effect_with(scored, move |scored| {
            if let Some((correct, total)) = *scored {
                post(&EmbedEvent::QuizScored {
                    mode: mode.into(),
                    correct,
                    total,
                    percent: percent(correct, total),
                });
            }
        });
    }
    let finish = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(RunAction::Finish))
    };
    let restart = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(RunAction::Restart))
    };
    let endless = matches!(state.queue, Queue::Endless { .. });
    let tally = format!(
        "This session: {} answered, {} correct.",
        state.answered, state.right
    );
    let body = match &state.question {
        _ if state.finished => html! {
            <div class="panel quiz-done" role="status">
                <h2>{ "Session finished" }</h2>
                <p class="quiz-score">
                    { format!("{} of {} correct ({}%)", state.right, state.answered,
                        percent(state.right as u32, state.answered as u32)) }
                </p>
                <button type="button" class="primary" onclick={restart}>{ "Start a new session" }</button>
            </div>
        },
        Some(q) => {
            let heading = match &state.queue {
                Queue::Fixed(ids) => format!("Question {} of {}", state.n + 1, ids.len()),
                Queue::Endless { .. } => format!("Question {}", state.n + 1),
            };
            html! {
                <>
                    <QuestionView question={q.clone()} order={state.order.clone()} chosen={state.chosen.clone()}
                        locked={state.submitted} reveal={state.submitted} {on_choose}
                        heading={Some(AttrValue::from(heading))} />
                    <div class="quiz-actions">
                        if !state.submitted {
                            <button type="button" class="primary" disabled={state.chosen.is_empty()} onclick={submit}>
                                { "Submit answer" }
                            </button>
                        }
                        <button type="button" class={classes!(state.submitted.then_some("primary"))} onclick={next}>
                            { if state.submitted { "Next question" } else { "Skip question" } }
                        </button>
                        if endless && state.answered > 0 {
                            <button type="button" onclick={finish}>{ "Finish session" }</button>
                        }
                    </div>
                    if let Some(error) = &state.save_error {
                        <p class="api-error" role="alert">{ error }</p>
                    }
                    <div aria-live="polite">
                        if state.submitted {
                            <Feedback question={q.clone()} order={state.order.clone()} chosen={state.chosen.clone()} />
                        }
                    </div>
                </>
            }
        }
        None => html! {
            <div class="panel quiz-done" role="status">
                <h2>{ "No more questions here" }</h2>
                <p>{ props.done_text.clone().unwrap_or_else(|| AttrValue::from("There are no questions for this selection. Choose more topics or exams.")) }</p>
            </div>
        },
    };
    html! {
        <div class="quiz-runner">
            { body }
            <p class="quiz-tally">{ tally }</p>
            <p class="help quiz-keys">{ "Keyboard: 1–5 choose an option · Enter submits, then goes on · N next question" }</p>
        </div>
    }
}
