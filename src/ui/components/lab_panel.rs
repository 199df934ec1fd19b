//! The lab panel beside the console: the current step, its goal ticking live, hints, "Show me",
//! Undo, and the way to the next step.

use crate::host::embed::{self, EmbedEvent};
use crate::labs::start_plan::{Kind, Resource, StartPlan};
use crate::labs::{check_step, Action, Lab};
use crate::quiz::Selection;
use crate::ui::components::confirm::Confirm;
use crate::ui::components::markdown::Markdown;
use crate::ui::context::{use_sandbox, SandboxHandle};
use crate::ui::study::{load_selection, registry, save_selection, show_me, start_lab, start_plan};
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// Tells a course page embedding the sandbox that a lab started.
pub fn announce_start(lab: &str) {
    embed::post(&EmbedEvent::LabStarted {
        lab: lab.to_string(),
    });
}

/// Tells a course page that a step (from 0) of `lab` was done, and whether that finished it.
fn announce_step(lab: &Lab, step: usize, finished: bool) {
    embed::post(&EmbedEvent::StepCompleted {
        lab: lab.id.clone(),
        step: step as u32 + 1,
        steps: lab.steps.len() as u32,
    });
    if finished {
        embed::post(&EmbedEvent::LabCompleted {
            lab: lab.id.clone(),
        });
    }
}

/// How an action reads in the "Show me" confirmation.
fn describe(action: &Action) -> String {
    if let Some(line) = &action.cli {
        return line.clone();
    }
    if let Some(name) = &action.observe {
        return crate::labs::observe::show_me_text(name, action.with.as_ref());
    }
    if let Some(seconds) = action.advance_seconds {
        return match seconds {
            s if s % 60 == 0 && s >= 60 => format!("Let {} min of simulated time pass", s / 60),
            s => format!("Let {s} s of simulated time pass"),
        };
    }
    let target = action.call.as_deref().unwrap_or_default();
    let names: Vec<String> = action
        .body
        .as_ref()
        .and_then(|b| b.as_object())
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| {
                    v.as_str()
                        .filter(|s| s.len() <= 60)
                        .map(|s| format!("{k}={s}"))
                })
                .take(3)
                .collect()
        })
        .unwrap_or_default();
    if names.is_empty() {
        format!("Call {target}")
    } else {
        format!("Call {target} ({})", names.join(", "))
    }
}

/// One list of the start dialog ("Creates", "Replaces", …), if it has anything. Kept
/// resources say what of them is kept.
fn plan_list(heading: &str, items: &[Resource], kept: bool) -> Html {
    if items.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3 class="plan-heading">{ heading }</h3>
            <ul class="plan-list">
                { for items.iter().map(|r| {
                    let note = match (kept, r.kind) {
                        (false, _) => "",
                        (true, Kind::Stream) => " (its records are not kept)",
                        (true, Kind::Bucket) => " (with its objects)",
                        (true, Kind::Role) => " (with its policies)",
                        (true, Kind::GlueDatabase) => " (with its tables)",
                        (true, _) => "",
                    };
                    html! { <li>{ r.kind.label() }{ " " }<code>{ &r.name }</code>{ note }</li> }
                }) }
            </ul>
        </>
    }
}

/// What a start would do, as the start dialog lists it.
fn plan_details(plan: &StartPlan) -> Html {
    let nothing = plan.create.is_empty()
        && plan.replace.is_empty()
        && plan.delete.is_empty()
        && plan.keep.is_empty();
    html! {
        <div class="start-plan">
            { plan_list("Creates", &plan.create, false) }
            { plan_list("Replaces with the lab's version", &plan.replace, false) }
            { plan_list("Deletes", &plan.delete, false) }
            { plan_list("Keeps (made again in the lab's sandbox)", &plan.keep, true) }
            if nothing {
                <p>{ "Nothing in your sandbox changes." }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StartLabProps {
    pub lab: AttrValue,
    /// The step to start at, from 0.
    #[prop_or_default]
    pub step: usize,
    /// The button's text.
    pub label: AttrValue,
    #[prop_or_default]
    pub primary: bool,
    #[prop_or_default]
    pub danger: bool,
    /// Ask even when nothing of the learner's changes (Reset lab).
    #[prop_or_default]
    pub always_ask: bool,
    /// Start as soon as shown (an embedded link to a step): at once when nothing of the
    /// learner's changes, otherwise by opening the dialog.
    #[prop_or_default]
    pub auto: bool,
    /// Go to the lab's step page once started.
    #[prop_or_default]
    pub navigate: bool,
    /// The dialog's title and confirming button; by default `Start "<lab>"?` and Start lab.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    #[prop_or_default]
    pub confirm: Option<AttrValue>,
}

/// A button that starts a lab. Before the lab's starting point changes anything of the
/// learner's, a dialog says what it creates, replaces, deletes and keeps (Start / Cancel).
#[component]
pub fn StartLab(props: &StartLabProps) -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let asking = use_state(|| None::<StartPlan>);
    let lab = registry().ok().and_then(|l| l.get(&props.lab));
    let go = {
        let sandbox = sandbox.clone();
        let asking = asking.clone();
        let id = props.lab.to_string();
        let step = props.step;
        let navigate = props.navigate;
        Callback::from(move |_: ()| {
            asking.set(None);
            if let Some(lab) = registry().ok().and_then(|l| l.get(&id)) {
                if start_lab(&sandbox, lab, step) && navigate {
                    if let Some(nav) = &navigator {
                        nav.push(&Route::LabStep {
                            lab: id.clone(),
                            n: step + 1,
                        });
                    }
                }
            }
        })
    };
    let ask = {
        let sandbox = sandbox.clone();
        let asking = asking.clone();
        let go = go.clone();
        let id = props.lab.to_string();
        let step = props.step;
        let always = props.always_ask;
        Callback::from(move |_: ()| {
            let Some(lab) = registry().ok().and_then(|l| l.get(&id)) else {
                return;
            };
            match start_plan(&sandbox, lab, step) {
                Ok(plan) if always || !plan.touches_nothing_of_yours() => asking.set(Some(plan)),
                // Nothing of the learner's changes; a failing start says why itself.
                _ => go.emit(()),
            }
        })
    };
    {
        let ask = ask.clone();
        use_effect_with(
            (props.auto, props.lab.clone(), props.step),
            move |(auto, _, _)| {
                if *auto {
                    ask.emit(());
                }
            },
        );
    }
    let Some(lab) = lab else {
        return html! {};
    };
    let class = if props.danger {
        "danger"
    } else if props.primary {
        "primary"
    } else {
        ""
    };
    let title_id = format!("start-{}-{}-title", lab.id, props.step);
    let title = props
        .title
        .clone()
        .unwrap_or_else(|| format!("Start \"{}\"?", lab.title).into());
    let confirm = props.confirm.clone().unwrap_or_else(|| "Start lab".into());
    let text = if props.step > 0 {
        format!("The lab starts at step {} in a new sandbox, from its starting point. In your sandbox, this:", props.step + 1)
    } else {
        "The lab starts in a new sandbox, from its starting point. In your sandbox, this:"
            .to_string()
    };
    html! {
        <>
            <button type="button" {class} onclick={ask.reform(|_: MouseEvent| ())}>{ props.label.clone() }</button>
            if let Some(plan) = &*asking {
                <Confirm id={title_id} {title} text={text} {confirm} danger={props.danger}
                    on_cancel={{ let asking = asking.clone(); Callback::from(move |_| asking.set(None)) }}
                    on_confirm={go.reform(|_: MouseEvent| ())}>
                    { plan_details(plan) }
                </Confirm>
            }
        </>
    }
}

fn mark_done(sandbox: &SandboxHandle, lab: &Lab, step: usize) {
    let finished = sandbox.update_labs(|p| p.complete(&lab.id, step, lab.steps.len()));
    announce_step(lab, step, finished);
}

#[derive(Properties, PartialEq)]
struct StepViewProps {
    lab: AttrValue,
    step: usize,
}

#[component]
fn StepView(props: &StepViewProps) -> Html {
    let sandbox = use_sandbox();
    let confirming = use_state(|| false);
    let choice = use_state(|| None::<usize>);
    let verdict = use_state(|| None::<bool>);
    let show_me_error = use_state(|| None::<String>);
    let lab = registry().ok().and_then(|l| l.get(&props.lab));
    let state = sandbox.read_labs(|p| p.state(&props.lab));
    let n = props.step;
    let step = lab.and_then(|l| l.steps.get(n));
    let answered = state.answered.contains(&n);
    let outcomes = match step {
        Some(step) => sandbox.inspect(|sb| check_step(sb, step, answered, &state.observed)),
        None => Vec::new(),
    };
    let met = !outcomes.is_empty() && outcomes.iter().all(|o| o.passed);
    let done = state.done.contains(&n);
    {
        let sandbox = sandbox.clone();
        let id = props.lab.clone();
        use_effect_with((met, done), move |(met, done)| {
            if *met && !*done {
                if let Some(lab) = registry().ok().and_then(|l| l.get(&id)) {
                    mark_done(&sandbox, lab, n);
                }
            }
        });
    }
    let (Some(lab), Some(step)) = (lab, step) else {
        return html! {};
    };

    let checks = outcomes.iter().map(|o| {
        let (class, mark, status) = if o.passed {
            ("check passed", "✓", "Met")
        } else {
            ("check", "○", "Not yet")
        };
        let found = (!o.passed)
            .then(|| o.found.clone())
            .flatten()
            .map(|f| html! { <span class="check-found">{ format!(" (now: {f})") }</span> });
        html! {
            <li class={class}>
                <span aria-hidden="true" class="check-mark">{ mark }</span>
                <span class="visually-hidden">{ format!("{status}: ") }</span>
                { &o.says }{ for found }
            </li>
        }
    });

    let hints_shown = state
        .hints
        .get(&n)
        .copied()
        .unwrap_or(0)
        .min(step.hints.len());
    let more_hint = {
        let sandbox = sandbox.clone();
        let id = props.lab.clone();
        Callback::from(move |_| {
            sandbox.update_labs(|p| *p.state_mut(&id).hints.entry(n).or_insert(0) += 1);
        })
    };
    let hints = step
        .hints
        .iter()
        .take(hints_shown)
        .map(|h| html! { <li><Markdown text={h.clone()} /></li> });

    let question = step.question.as_ref().map(|q| {
        let options = q.options.iter().enumerate().map(|(i, text)| {
            let checked = *choice == Some(i) || (answered && i == q.answer);
            let choice = choice.clone();
            let verdict = verdict.clone();
            let onchange = Callback::from(move |_| {
                choice.set(Some(i));
                verdict.set(None);
            });
            html! {
                <label class="choice">
                    <input type="radio" name={format!("lab-q-{}-{n}", lab.id)} checked={checked}
                        disabled={answered} {onchange} />
                    { text }
                </label>
            }
        });
        let check = {
            let sandbox = sandbox.clone();
            let choice = choice.clone();
            let verdict = verdict.clone();
            let id = props.lab.clone();
            let answer = q.answer;
            Callback::from(move |_| {
                let right = *choice == Some(answer);
                verdict.set(Some(right));
                if right {
                    sandbox.update_labs(|p| {
                        p.state_mut(&id).answered.insert(n);
                    });
                }
            })
        };
        let feedback = match (answered, *verdict) {
            (true, _) => html! { <p class="feedback right" role="status"><strong>{ "Right. " }</strong>{ &q.explain }</p> },
            (false, Some(false)) => html! { <p class="feedback wrong" role="status">{ "Not quite. Look at the console again and try another answer." }</p> },
            _ => html! {},
        };
        html! {
            <fieldset class="lab-question">
                <legend>{ &q.prompt }</legend>
                { for options }
                if !answered {
                    <button type="button" onclick={check} disabled={choice.is_none()}>{ "Check answer" }</button>
                }
                { feedback }
            </fieldset>
        }
    });

    let show_me = (!step.show_me.is_empty()).then(|| {
        let ask = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(true))
        };
        let cancel = {
            let confirming = confirming.clone();
            Callback::from(move |_| confirming.set(false))
        };
        let run = {
            let sandbox = sandbox.clone();
            let confirming = confirming.clone();
            let error = show_me_error.clone();
            let actions = step.show_me.clone();
            let label = format!("Show me: {}", step.title);
            Callback::from(move |_| {
                confirming.set(false);
                error.set(show_me(&sandbox, &label, &actions).err().map(|e| e.to_string()));
            })
        };
        html! {
            <div class="show-me">
                if *confirming {
                    <div class="show-me-confirm" role="group" aria-labelledby="show-me-title">
                        <p id="show-me-title"><strong>{ "Show me does this step for you:" }</strong></p>
                        <ol>{ for step.show_me.iter().map(|a| html! { <li><code>{ describe(a) }</code></li> }) }</ol>
                        <button type="button" onclick={cancel}>{ "Cancel" }</button>
                        <button type="button" class="primary" onclick={run}>{ "Run these" }</button>
                    </div>
                } else {
                    <button type="button" onclick={ask} disabled={done}>{ "Show me" }</button>
                }
                if let Some(e) = &*show_me_error {
                    <p class="feedback wrong" role="alert">{ format!("Show me stopped: {e}") }</p>
                }
            </div>
        }
    });

    let manual = (step.goal.is_empty() && step.question.is_none() && !done).then(|| {
        let sandbox = sandbox.clone();
        let id = props.lab.clone();
        let onclick = Callback::from(move |_| {
            if let Some(lab) = registry().ok().and_then(|l| l.get(&id)) {
                mark_done(&sandbox, lab, n);
            }
        });
        html! { <button type="button" class="primary" {onclick}>{ "Mark as done" }</button> }
    });

    html! {
        <div class="lab-step">
            <h3 id="lab-step-title">{ format!("Step {} of {}: {}", n + 1, lab.steps.len(), step.title) }</h3>
            <Markdown text={step.text.clone()} />
            if let Some(page) = &step.page {
                <p><a href={page.clone()} class="lab-open-page">{ "Open the page for this step" }</a></p>
            }
            { for question }
            if !step.goal.is_empty() {
                <h4>{ "Goal" }</h4>
                <ul class="lab-goal" aria-live="polite">{ for checks }</ul>
            }
            if done {
                <p class="step-done" role="status">{ "✓ Step done" }</p>
            }
            { for manual }
            if !step.hints.is_empty() {
                <div class="lab-hints">
                    <ol>{ for hints }</ol>
                    if hints_shown < step.hints.len() {
                        <button type="button" onclick={more_hint}>
                            { format!("Show a hint ({} of {})", hints_shown + 1, step.hints.len()) }
                        </button>
                    }
                </div>
            }
            { for show_me }
        </div>
    }
}

/// The panel, when a lab is under way.
#[component]
pub fn LabPanel() -> Html {
    let sandbox = use_sandbox();
    let navigator = use_navigator();
    let route = use_route::<Route>();
    let embedded = embed::embed_mode();
    // On a phone the panel is a sheet over the page; the learner can fold it to its title.
    let collapsed = use_state(|| false);
    let panel = use_node_ref();
    // A new lab or a new step starts at the top of the panel, not where the last one was read.
    {
        let panel = panel.clone();
        let at = sandbox.read_labs(|p| p.current.clone().map(|id| (p.state(&id).step, id)));
        use_effect_with(at, move |_| {
            if let Some(panel) = panel.cast::<web_sys::Element>() {
                panel.set_scroll_top(0);
            }
        });
    }
    let Some((id, state)) = sandbox.read_labs(|p| {
        let id = p.current.clone()?;
        let state = p.state(&id);
        Some((id, state))
    }) else {
        return html! {};
    };
    let Some(lab) = registry().ok().and_then(|l| l.get(&id)) else {
        return html! {};
    };
    // An embedded link to another lab shows that lab, not the one under way here.
    if let (true, Some(Route::Lab { lab: linked } | Route::LabStep { lab: linked, .. })) =
        (embedded, &route)
    {
        if *linked != id {
            return html! {};
        }
    }
    let n = state.step.min(lab.steps.len().saturating_sub(1));
    let go_to = |to: usize| {
        let sandbox = sandbox.clone();
        let id = id.clone();
        Callback::from(move |_| sandbox.update_labs(|p| p.state_mut(&id).step = to))
    };
    let leave = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| sandbox.update_labs(|p| p.current = None))
    };
    let undo = {
        let sandbox = sandbox.clone();
        Callback::from(move |_| {
            if let Some(label) = sandbox.undo() {
                sandbox.set_notice(Some(format!("Undone: {label}")));
            }
        })
    };
    let undo_label = sandbox.undo_label();
    let last = lab.steps.len() - 1;
    let recap = state.finished.then(|| {
        let practise = (!lab.quiz.is_empty()).then(|| {
            let topics = lab.quiz.clone();
            let navigator = navigator.clone();
            let onclick = Callback::from(move |_| {
                let selection = Selection {
                    topics: topics.clone(),
                    ..load_selection()
                };
                save_selection(&selection);
                if let Some(nav) = &navigator {
                    nav.push(&Route::QuizPractice);
                }
            });
            let names = lab
                .quiz
                .iter()
                .filter_map(|t| crate::quiz::TOPICS.iter().find(|i| i.id == t))
                .map(|i| html! { <li>{ i.title }</li> });
            html! {
                <>
                    <h4>{ "Practise for the exam" }</h4>
                    <ul>{ for names }</ul>
                    <button type="button" {onclick}>{ "Practise these topics" }</button>
                </>
            }
        });
        let next = registry().ok().and_then(|l| l.next_after(&lab.id)).map(|next| {
            html! {
                <p><StartLab lab={next.id.clone()} primary=true label={format!("Next lab: {}", next.title)} /></p>
            }
        });
        html! {
            <div class="lab-recap" role="status">
                <h3>{ "Lab complete" }</h3>
                <Markdown text={lab.recap.clone()} />
                { for practise }
                { for next }
            </div>
        }
    });
    let fold = {
        let collapsed = collapsed.clone();
        Callback::from(move |_| collapsed.set(!*collapsed))
    };
    html! {
        <aside class={classes!("lab-panel", collapsed.then_some("collapsed"))} aria-labelledby="lab-panel-title" ref={panel}>
            <div class="lab-panel-head">
                <p class="lab-panel-kicker">{ "Lab" }</p>
                <h2 id="lab-panel-title">
                    <Link<Route> to={Route::Lab { lab: lab.id.clone() }}>{ &lab.title }</Link<Route>>
                </h2>
                <button type="button" class="lab-fold" aria-expanded={(!*collapsed).to_string()}
                    onclick={fold}>
                    { if *collapsed { "Show step" } else { "Hide step" } }
                </button>
                <button type="button" class="lab-leave" onclick={leave} aria-label="Close the lab panel">{ "×" }</button>
            </div>
            <progress max={lab.steps.len().to_string()} value={state.done.len().to_string()}
                aria-label={format!("{} of {} steps done", state.done.len(), lab.steps.len())}></progress>
            <StepView key={format!("{id}/{n}")} lab={id.clone()} step={n} />
            <div class="lab-nav">
                <button type="button" onclick={go_to(n.saturating_sub(1))} disabled={n == 0}>{ "Previous step" }</button>
                <button type="button" class={if state.done.contains(&n) { "primary" } else { "" }}
                    onclick={go_to((n + 1).min(last))} disabled={n == last}>{ "Next step" }</button>
            </div>
            { for recap }
            if embedded {
                // The steps name the console's navigation, which embed mode leaves out.
                <details class="lab-console-nav">
                    <summary>{ "Console navigation" }</summary>
                    <crate::ui::nav::SideNav />
                </details>
            }
            <details class="lab-pipeline" open=true>
                <summary>{ "Your pipeline" }</summary>
                <crate::ui::components::pipeline::PipelineDiagram />
                <p class="help"><Link<Route> to={Route::Pipeline}>{ "Open the pipeline full size" }</Link<Route>></p>
            </details>
            <div class="lab-tools">
                <button type="button" onclick={undo} disabled={undo_label.is_none()}
                    title={undo_label.clone().unwrap_or_default()}>
                    { match &undo_label { Some(l) => format!("Undo: {}", shorten(l)), None => "Undo".to_string() } }
                </button>
                <StartLab lab={lab.id.clone()} label="Reset lab" danger=true always_ask=true
                    title={AttrValue::from(format!("Reset \"{}\"?", lab.title))}
                    confirm={AttrValue::from("Reset lab")} />
            </div>
        </aside>
    }
}

fn shorten(label: &str) -> String {
    const MAX: usize = 40;
    if label.chars().count() <= MAX {
        label.to_string()
    } else {
        let cut: String = label.chars().take(MAX - 1).collect();
        format!("{cut}…")
    }
}

#[derive(Properties, PartialEq)]
pub struct EmbedCodeProps {
    pub lab: AttrValue,
    /// The step to link to, from 1.
    pub step: usize,
}

/// "Copy embed code" for a course author: an `<iframe>` of this lab step in embed mode.
#[component]
pub fn EmbedCode(props: &EmbedCodeProps) -> Html {
    let copied = use_state(|| false);
    if embed::embed_mode() {
        return html! {};
    }
    let page = gloo::utils::window()
        .location()
        .href()
        .unwrap_or_default()
        .split('#')
        .next()
        .unwrap_or_default()
        .to_string();
    let code = embed::embed_snippet(&page, &format!("#/labs/{}/step/{}", props.lab, props.step));
    let copy = {
        let code = code.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let _ = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&code);
            copied.set(true);
        })
    };
    html! {
        <section class="embed-code" aria-labelledby="embed-code-title">
            <h2 id="embed-code-title">{ "Put this lab in a course page" }</h2>
            <p>{ format!("Paste this into a course page to embed the lab at step {}, without the site's navigation. embed.js sizes the frame to its content and passes on the lab's progress events.", props.step) }</p>
            <label for="embed-code">{ "Embed code" }</label>
            <textarea id="embed-code" readonly=true rows="4" value={code} />
            <p>
                <button type="button" onclick={copy}>{ "Copy embed code" }</button>
                if *copied {
                    <span role="status" class="help">{ " Copied." }</span>
                }
            </p>
        </section>
    }
}
