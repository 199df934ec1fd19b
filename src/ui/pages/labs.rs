//! `#/labs`: the guided labs, and `#/labs/<lab>` / `#/labs/<lab>/step/<n>`: one lab, which a
//! course page can link to directly.

use crate::host::embed;
use crate::labs::{Lab, LabError, LabProgress};
use crate::ui::components::confirm::{set_to, Confirm};
use crate::ui::components::lab_panel::StartLab;
use crate::ui::components::markdown::inline_text;
use crate::ui::context::use_sandbox;
use crate::ui::study::registry;
use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

fn status_text(progress: &LabProgress, lab: &Lab) -> String {
    let state = progress.state(&lab.id);
    if state.finished {
        "Done".into()
    } else if state.done.is_empty() && progress.current.as_deref() != Some(&lab.id) {
        "Not started".into()
    } else {
        format!("Step {} of {}", state.step + 1, lab.steps.len())
    }
}

fn registry_error(e: &LabError) -> Html {
    html! {
        <div class="alert error" role="alert">
            <h2>{ "The labs could not be loaded" }</h2>
            <p>{ e.to_string() }</p>
        </div>
    }
}

/// `#/labs`
#[component]
pub fn LabList() -> Html {
    let sandbox = use_sandbox();
    let confirming = use_state(|| false);
    let labs = match registry() {
        Ok(l) => l,
        Err(e) => return registry_error(e),
    };
    let progress = sandbox.labs();
    let rows = labs.all().iter().map(|lab| {
        let state = progress.state(&lab.id);
        let started = !state.done.is_empty() || progress.current.as_deref() == Some(&lab.id);
        let action = if progress.current.as_deref() == Some(&lab.id) && !state.finished {
            html! { <Link<Route> classes="button-link" to={Route::LabStep { lab: lab.id.clone(), n: state.step + 1 }}>{ "Continue" }</Link<Route>> }
        } else {
            let label = if started { "Start again" } else { "Start lab" };
            html! { <StartLab lab={lab.id.clone()} label={label} primary={!started} navigate=true /> }
        };
        html! {
            <li class="lab-card">
                <h2><Link<Route> to={Route::Lab { lab: lab.id.clone() }}>{ &lab.title }</Link<Route>></h2>
                <p>{ inline_text(&lab.summary) }</p>
                <p class="lab-meta">
                    <span>{ format!("About {} min", lab.minutes) }</span>
                    { " · " }
                    <span>{ format!("{} steps", lab.steps.len()) }</span>
                    { " · " }
                    <span class={if state.finished { "lab-status done" } else { "lab-status" }}>{ status_text(&progress, lab) }</span>
                </p>
                { action }
            </li>
        }
    });
    let reset_all = {
        let sandbox = sandbox.clone();
        let confirming = confirming.clone();
        Callback::from(move |_| {
            sandbox.update_labs(|p| *p = Default::default());
            confirming.set(false);
        })
    };
    html! {
        <section class="page" aria-labelledby="labs-title">
            <h1 id="labs-title">{ "Labs" }</h1>
            <p class="lead">{ "The course notes' labs, step by step, checked as you go. Each lab starts from its own starting point, so you can take them in any order; the lab panel stays beside the console while you work." }</p>
            <ol class="lab-list">{ for rows }</ol>
            <p>
                <button type="button" class="danger" onclick={set_to(&confirming, true)}>{ "Reset all progress" }</button>
            </p>
            if *confirming {
                <Confirm id="reset-labs-title" title="Reset all lab progress?"
                    text="Every lab goes back to \"Not started\". Your sandbox is not changed."
                    confirm="Reset progress" danger=true
                    on_cancel={set_to(&confirming, false)} on_confirm={reset_all} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct LabPageProps {
    pub lab: AttrValue,
    /// The step in the link, from 1.
    #[prop_or_default]
    pub step: Option<usize>,
}

/// `#/labs/<lab>` and `#/labs/<lab>/step/<n>`.
#[component]
pub fn LabPage(props: &LabPageProps) -> Html {
    let sandbox = use_sandbox();
    let labs = registry();
    let lab = labs.ok().and_then(|l| l.get(&props.lab));
    let progress = sandbox.labs();
    let is_current = progress.current.as_deref() == Some(props.lab.as_str());
    // A link to a step of the lab being done moves the panel there.
    {
        let sandbox = sandbox.clone();
        let steps = lab.map_or(0, |l| l.steps.len());
        use_effect_with(
            (props.lab.clone(), props.step, is_current),
            move |(id, step, current)| {
                if let (true, Some(n)) = (*current, *step) {
                    if (1..=steps).contains(&n) {
                        sandbox.update_labs(|p| p.state_mut(id).step = n - 1);
                    }
                }
            },
        );
    }
    let lab = match (labs, lab) {
        (Err(e), _) => return registry_error(e),
        (Ok(_), None) => {
            return html! {
                <section class="page" aria-labelledby="lab-title">
                    <h1 id="lab-title">{ "Lab not found" }</h1>
                    <p>{ format!("There is no lab \"{}\".", props.lab) }</p>
                    <Link<Route> to={Route::Labs}>{ "See all labs" }</Link<Route>>
                </section>
            }
        }
        (Ok(_), Some(lab)) => lab,
    };
    let state = progress.state(&lab.id);
    let linked_step = props
        .step
        .filter(|n| (1..=lab.steps.len()).contains(n))
        .map(|n| n - 1);
    let steps = lab.steps.iter().enumerate().map(|(i, s)| {
        let done = state.done.contains(&i);
        html! {
            <li class={if done { "done" } else { "" }}>
                <span class="visually-hidden">{ if done { "Done: " } else { "" } }</span>
                { &s.title }
            </li>
        }
    });
    let prerequisites = lab.prerequisites.iter().filter_map(|p| {
        let other = labs.ok()?.get(p)?;
        Some(html! { <li><Link<Route> to={Route::Lab { lab: p.clone() }}>{ &other.title }</Link<Route>></li> })
    });
    // Embedded, a link to a step opens that step: the lab starts there (asking first if that
    // changes anything of the learner's).
    let auto = embed::embed_mode() && linked_step.is_some();
    let start = match (is_current, linked_step) {
        (true, _) => html! {
            <p>{ format!("You are doing this lab: step {} of {} is in the lab panel.", state.step + 1, lab.steps.len()) }</p>
        },
        (false, Some(step)) if step > 0 => html! {
            <div class="lab-actions">
                <StartLab lab={lab.id.clone()} step={step} primary=true {auto} navigate=true
                    label={format!("Start at step {}", step + 1)} />
                <StartLab lab={lab.id.clone()} label="Start from the beginning" navigate=true />
            </div>
        },
        _ => html! {
            <div class="lab-actions"><StartLab lab={lab.id.clone()} primary=true label="Start lab" auto={auto && !is_current} navigate=true /></div>
        },
    };
    html! {
        <section class="page" aria-labelledby="lab-title">
            <p class="breadcrumb"><Link<Route> to={Route::Labs}>{ "Labs" }</Link<Route>>{ " › " }{ &lab.title }</p>
            <h1 id="lab-title">{ &lab.title }</h1>
            <p class="lead">{ inline_text(&lab.summary) }</p>
            <p class="lab-meta">{ format!("About {} min · {} steps · {}", lab.minutes, lab.steps.len(), status_text(&progress, lab)) }</p>
            { start }
            if lab.prerequisites.iter().any(|_| true) {
                <h2>{ "Builds on" }</h2>
                <ul>{ for prerequisites }</ul>
            }
            <h2>{ "Steps" }</h2>
            <ol class="lab-steps">{ for steps }</ol>
            <crate::ui::components::lab_panel::EmbedCode lab={lab.id.clone()} step={linked_step.unwrap_or(0) + 1} />
        </section>
    }
}
