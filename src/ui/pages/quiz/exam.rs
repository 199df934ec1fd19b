//! `#/quiz/exam`: a timed exam on the real wall clock. Question navigator, mark for review,
//! answers changeable until submitted, unanswered questions count as wrong, then a report by
//! topic with links to review the missed questions. An exam in progress survives a reload.

use super::question::QuestionView;
use super::runner::{toggle, use_quiz_keys, QuizKey};
use super::{
    bank, href, load_progress, now_ms, remove_key, save_progress, write_key, QuizTabs, Selection,
    EXAM_KEY,
};
use crate::host::embed::{post, EmbedEvent};
use crate::quiz::bank::topic;
use crate::quiz::{ExamSession, ExamSpec, Report, TOPICS};
use crate::ui::Route;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// "12:05" (or "1:02:05") for a duration in milliseconds.
pub fn clock_text(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

#[derive(Debug, Clone, PartialEq)]
struct ExamState {
    session: Option<ExamSession>,
    report: Option<Report>,
    confirming: bool,
    now: i64,
    save_error: Option<String>,
}

enum ExamAction {
    Start(ExamSpec),
    Choose(usize),
    Go(usize),
    Next,
    Previous,
    ToggleMark,
    AskSubmit,
    CancelSubmit,
    Submit,
    Tick,
    Discard,
}

impl ExamState {
    fn restore() -> Self {
        let session: Option<ExamSession> = super::read_key(EXAM_KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .filter(|s: &ExamSession| s.submitted_ms.is_none());
        Self {
            session,
            report: None,
            confirming: false,
            now: now_ms(),
            save_error: None,
        }
    }

    fn persist(&mut self) {
        if let Some(s) = &self.session {
            if s.submitted_ms.is_none() {
                if let Ok(text) = serde_json::to_string(s) {
                    self.save_error = write_key(EXAM_KEY, &text).err();
                }
            }
        }
    }

    fn submit(&mut self) {
        let Some(session) = self.session.as_mut() else {
            return;
        };
        if session.submitted_ms.is_some() {
            return;
        }
        let bank = bank();
        let report = session.submit(&bank, self.now);
        let outcomes = session.outcomes(&bank);
        let (mut progress, _) = load_progress();
        progress.record_exam(&report, &outcomes, self.now);
        self.save_error = save_progress(&progress).err();
        remove_key(EXAM_KEY);
        self.report = Some(report);
        self.confirming = false;
    }
}

impl Reducible for ExamState {
    type Action = ExamAction;

    fn reduce(self: Rc<Self>, action: ExamAction) -> Rc<Self> {
        let mut next = (*self).clone();
        next.now = now_ms();
        let now = next.now;
        let over = next.session.as_ref().is_none_or(|s| s.is_over(now));
        match action {
            ExamAction::Start(spec) => {
                next.session = Some(ExamSession::start(&bank(), spec, now));
                next.report = None;
                next.confirming = false;
            }
            ExamAction::Discard => {
                remove_key(EXAM_KEY);
                next.session = None;
                next.report = None;
                next.confirming = false;
                return Rc::new(next);
            }
            ExamAction::Tick => {
                let running = next
                    .session
                    .as_ref()
                    .is_some_and(|s| s.submitted_ms.is_none());
                if !running {
                    return self;
                }
                if over {
                    next.submit();
                }
                return Rc::new(next);
            }
            _ if over => return self,
            ExamAction::Choose(pos) => {
                let bank = bank();
                if let Some(s) = next.session.as_mut() {
                    let i = s.current;
                    let asked = &s.questions[i];
                    if let (Some(&index), Some(q)) = (asked.order.get(pos), bank.get(&asked.id)) {
                        let chosen = toggle(q.kind, &asked.chosen, index);
                        s.answer(i, chosen, now);
                    }
                }
            }
            ExamAction::Go(i) => {
                if let Some(s) = next.session.as_mut() {
                    s.go_to(i);
                }
            }
            ExamAction::Next => {
                if let Some(s) = next.session.as_mut() {
                    s.go_to(s.current + 1);
                }
            }
            ExamAction::Previous => {
                if let Some(s) = next.session.as_mut() {
                    s.go_to(s.current.saturating_sub(1));
                }
            }
            ExamAction::ToggleMark => {
                if let Some(s) = next.session.as_mut() {
                    s.toggle_review(s.current);
                }
            }
            ExamAction::AskSubmit => next.confirming = true,
            ExamAction::CancelSubmit => next.confirming = false,
            ExamAction::Submit => {
                next.submit();
                return Rc::new(next);
            }
        }
        next.persist();
        Rc::new(next)
    }
}

#[component]
pub fn ExamPage() -> Html {
    let state = use_reducer(ExamState::restore);
    {
        let d = state.dispatcher();
        use_effect_with((), move |_| {
            let interval =
                gloo::timers::callback::Interval::new(1000, move || d.dispatch(ExamAction::Tick));
            move || drop(interval)
        });
    }
    {
        let d = state.dispatcher();
        use_quiz_keys(Callback::from(move |key| match key {
            QuizKey::Choose(pos) => d.dispatch(ExamAction::Choose(pos)),
            QuizKey::Next | QuizKey::Enter => d.dispatch(ExamAction::Next),
            QuizKey::Previous => d.dispatch(ExamAction::Previous),
            QuizKey::Mark => d.dispatch(ExamAction::ToggleMark),
        }));
    }
    {
        // Tell a course page around the sandbox how the exam went, once, when it is scored.
        let scored = state
            .report
            .as_ref()
            .map(|r| (r.overall.correct, r.overall.total, r.overall.percent()));
        use_effect_with(scored, |scored| {
            if let Some((correct, total, percent)) = *scored {
                post(&EmbedEvent::QuizScored {
                    mode: "exam".into(),
                    correct: correct as u32,
                    total: total as u32,
                    percent,
                });
            }
        });
    }
    let body = match (&state.session, &state.report) {
        (Some(session), Some(report)) => result_view(session, report, &state),
        (Some(session), None) => exam_view(session, &state),
        (None, _) => html! { <ExamSetup on_start={
            let d = state.dispatcher();
            Callback::from(move |spec| d.dispatch(ExamAction::Start(spec)))
        } /> },
    };
    html! {
        <section class="page quiz" aria-labelledby="exam-title">
            <QuizTabs current={Route::QuizExam} />
            <h1 id="exam-title">{ "Exam" }</h1>
            if let Some(error) = &state.save_error {
                <p class="api-error" role="alert">{ error }</p>
            }
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExamSetupProps {
    on_start: Callback<ExamSpec>,
}

#[component]
fn ExamSetup(props: &ExamSetupProps) -> Html {
    let selection = use_state(crate::ui::study::load_selection);
    let available = bank()
        .questions()
        .iter()
        .filter(|q| selection.admits(q))
        .count();
    let set_number = |field: fn(&mut Selection, u32)| {
        let selection = selection.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().trim().parse::<u32>() {
                let mut next = (*selection).clone();
                field(&mut next, v);
                crate::ui::study::save_selection(&next);
                selection.set(next);
            }
        })
    };
    let on_count = set_number(|s, v| s.count = v.clamp(1, 200) as usize);
    let on_minutes = set_number(|s, v| s.minutes = v.clamp(1, 300));
    let start = {
        let selection = selection.clone();
        let on_start = props.on_start.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_start.emit(ExamSpec {
                count: selection.count,
                topics: selection.topics.clone(),
                exams: selection.exams.clone(),
                time_limit_ms: Some(i64::from(selection.minutes) * 60_000),
                seed: now_ms() as u64,
            });
        })
    };
    let count = selection.count.min(available);
    html! {
        <form class="panel quiz-setup" onsubmit={start} aria-labelledby="setup-title">
            <h2 id="setup-title">{ "Start a timed exam" }</h2>
            <p>{ format!("Questions are drawn from {} ({available} in the bank), spread over the topics. The time runs on your real clock; when it is up the exam is submitted as it stands.", selection.describe()) }</p>
            <p><a href={href(Route::Quiz)}>{ "Change topics and exams" }</a></p>
            <div class="inline-form">
                <label for="exam-count">{ "Number of questions" }</label>
                <input id="exam-count" type="number" min="1" max="200" value={selection.count.to_string()} oninput={on_count} />
                <label for="exam-minutes">{ "Time limit (minutes)" }</label>
                <input id="exam-minutes" type="number" min="1" max="300" value={selection.minutes.to_string()} oninput={on_minutes} />
            </div>
            <p class="help">{ "Unanswered questions count as wrong, as on AWS exams. A multiple-response question is right only when exactly the right options are chosen. Keyboard: 1–5 choose, N or Enter next, P previous, M mark for review." }</p>
            <div class="form-actions">
                <button type="submit" class="primary" disabled={count == 0}>
                    { format!("Start exam: {count} questions in {} minutes", selection.minutes) }
                </button>
            </div>
        </form>
    }
}

fn exam_view(session: &ExamSession, state: &UseReducerHandle<ExamState>) -> Html {
    let bank = bank();
    let total = session.questions.len();
    let i = session.current;
    let asked = &session.questions[i];
    let Some(q) = bank.get(&asked.id) else {
        return html! { <p role="alert">{ "This exam names a question the bank no longer has." }</p> };
    };
    let remaining = session.remaining_ms(state.now).unwrap_or(0);
    let unanswered = session.unanswered().len();
    let marked = session.marked().len();
    let d = state.dispatcher();
    let act = |a: fn() -> ExamAction| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(a()))
    };
    let on_choose = {
        let d = d.clone();
        Callback::from(move |pos| d.dispatch(ExamAction::Choose(pos)))
    };
    let navigator = session.questions.iter().enumerate().map(|(k, a)| {
        let answered = !a.chosen.is_empty();
        let mut name = format!("Question {}", k + 1);
        name.push_str(if answered { ", answered" } else { ", unanswered" });
        if a.marked_for_review {
            name.push_str(", marked for review");
        }
        let onclick = {
            let d = d.clone();
            Callback::from(move |_: MouseEvent| d.dispatch(ExamAction::Go(k)))
        };
        let current = k == i;
        html! {
            <li>
                <button type="button" aria-label={name} aria-current={current.then_some("step")}
                    class={classes!("quiz-nav-item", answered.then_some("answered"), a.marked_for_review.then_some("marked"), current.then_some("current"))}
                    {onclick}>
                    { k + 1 }
                    if a.marked_for_review { <span class="quiz-flag" aria-hidden="true">{ "⚑" }</span> }
                </button>
            </li>
        }
    });
    let low = remaining < 5 * 60 * 1000;
    html! {
        <div class="quiz-exam">
            <div class="quiz-exam-bar">
                <p class={classes!("quiz-timer", low.then_some("low"))}>
                    { "Time left " }
                    <span role="timer" aria-label="Time remaining">{ clock_text(remaining) }</span>
                </p>
                <p class="quiz-exam-counts" role="status">
                    { format!("{} of {total} answered · {marked} marked for review", total - unanswered) }
                </p>
                <button type="button" class="primary" onclick={act(|| ExamAction::AskSubmit)}>{ "Submit exam" }</button>
            </div>
            <nav class="quiz-navigator" aria-label="Question navigator">
                <ol>{ for navigator }</ol>
            </nav>
            <QuestionView question={Rc::new(q.clone())} order={asked.order.clone()} chosen={asked.chosen.clone()}
                {on_choose} heading={Some(AttrValue::from(format!("Question {} of {total}", i + 1)))} />
            <div class="quiz-actions">
                <button type="button" onclick={act(|| ExamAction::Previous)} disabled={i == 0}>{ "Previous" }</button>
                <button type="button" aria-pressed={asked.marked_for_review.to_string()} onclick={act(|| ExamAction::ToggleMark)}>
                    { "Mark for review" }
                </button>
                <button type="button" onclick={act(|| ExamAction::Next)} disabled={i + 1 == total}>{ "Next" }</button>
            </div>
            if state.confirming {
                <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="submit-title">
                    <h2 id="submit-title">{ "Submit the exam?" }</h2>
                    <p>{ format!("{unanswered} unanswered (they count as wrong) and {marked} marked for review. You can't change answers after submitting.") }</p>
                    <div class="dialog-actions">
                        <button type="button" onclick={act(|| ExamAction::CancelSubmit)}>{ "Back to the exam" }</button>
                        <button type="button" class="primary" onclick={act(|| ExamAction::Submit)}>{ "Submit" }</button>
                    </div>
                </div>
            }
        </div>
    }
}

fn result_view(
    session: &ExamSession,
    report: &Report,
    state: &UseReducerHandle<ExamState>,
) -> Html {
    let bank = bank();
    let took = session.submitted_ms.unwrap_or(state.now) - session.started_ms;
    let mut topics: Vec<_> = report.by_topic.iter().collect();
    topics.sort_by_key(|(id, _)| TOPICS.iter().position(|t| t.id == id.as_str()));
    let rows = topics.into_iter().map(|(id, s)| {
        let title = topic(id).map_or(id.as_str(), |t| t.title);
        html! {
            <tr>
                <th scope="row">{ title }</th>
                <td>{ s.correct }</td>
                <td>{ s.total }</td>
                <td>{ format!("{}%", s.percent()) }</td>
            </tr>
        }
    });
    let missed = session.questions.iter().enumerate().filter(|(_, a)| report.missed.contains(&a.id)).map(|(k, a)| {
        let q = bank.get(&a.id);
        let stem = q.map_or(a.id.clone(), |q| short(&q.stem, 110));
        let topic_title = q.and_then(|q| topic(&q.topic)).map_or("", |t| t.title);
        let why = if a.chosen.is_empty() { "unanswered" } else { "wrong" };
        html! {
            <li>
                <a href={href(Route::QuizQuestion { id: a.id.clone() })}>{ format!("Question {}", k + 1) }</a>
                { format!(" ({why}, {topic_title}): {stem}") }
            </li>
        }
    });
    let discard = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(ExamAction::Discard))
    };
    html! {
        <div class="quiz-report">
            <h2>{ "Result" }</h2>
            <p class="quiz-score">
                { format!("{} of {} correct ({}%)", report.overall.correct, report.overall.total, report.overall.percent()) }
            </p>
            <p>{ format!("Unanswered: {} (counted as wrong). Time taken: {}.", report.unanswered, clock_text(took)) }</p>
            <table class="resource-table quiz-topics">
                <caption>{ "Score by topic" }</caption>
                <thead><tr>
                    <th scope="col">{ "Topic" }</th><th scope="col">{ "Correct" }</th>
                    <th scope="col">{ "Questions" }</th><th scope="col">{ "Score" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if report.missed.is_empty() {
                <p>{ "Nothing missed. Well done." }</p>
            } else {
                <h3>{ format!("Missed questions ({})", report.missed.len()) }</h3>
                <p>{ "They are now in box 1 of your review schedule. Open one to see every option explained, or retry them all from the review page." }</p>
                <ul class="quiz-missed">{ for missed }</ul>
                <p><a class="button-link primary" href={href(Route::QuizReview)}>{ "Review missed questions" }</a></p>
            }
            <div class="form-actions">
                <button type="button" onclick={discard}>{ "Start another exam" }</button>
            </div>
        </div>
    }
}

/// The first `max` characters of `text`, cut at a word, with an ellipsis.
pub fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}
