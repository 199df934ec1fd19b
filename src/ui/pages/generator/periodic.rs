//! The Periodic rate: Mu and Sigma per hour of day × day of week, and how data time runs.

use super::page::{on_check, on_text, Dispatch};
use crate::forms::generator::{Action, PeriodicAction, PeriodicForm, DAYS};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub(super) struct PeriodicEditorProps {
    pub form: PeriodicForm,
    pub dispatch: Dispatch,
}

/// The Periodic tab: μ and σ per hour of day × day of week, and how data time runs.
#[component]
pub(super) fn PeriodicEditor(props: &PeriodicEditorProps) -> Html {
    let f = &props.form;
    let dispatch = &props.dispatch;
    let send = |action: PeriodicAction| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::Periodic(action.clone())))
    };
    let text = |action: fn(String) -> PeriodicAction| {
        on_text(dispatch, move |s| Action::Periodic(action(s)))
    };
    let check = |action: fn(bool) -> PeriodicAction| {
        on_check(dispatch, move |c| Action::Periodic(action(c)))
    };
    let toggle_grid = send(PeriodicAction::ToggleGrid);
    let fill = send(PeriodicAction::FillAll);
    let cell = |day: usize, hour: usize, is_mu: bool| {
        let value = if is_mu {
            f.mu[day][hour].clone()
        } else {
            f.sigma[day][hour].clone()
        };
        let label = format!(
            "{}, {} {:02}:00",
            if is_mu { "Mu" } else { "Sigma" },
            DAYS[day],
            hour
        );
        let oninput = on_text(dispatch, move |value| {
            Action::Periodic(PeriodicAction::Cell {
                day,
                hour,
                mu: is_mu,
                value,
            })
        });
        html! {
            <input type="number" min="0" class={if is_mu { "mu" } else { "sigma" }}
                aria-label={label} {value} {oninput} />
        }
    };
    html! {
        <div class="kdg-rate-body kdg-periodic">
            <p class="help">{ "Each simulated second the number of records is drawn from a normal distribution with mean Mu and standard deviation Sigma for that hour of that day of the week (UTC)." }</p>
            <div class="inline-form">
                <label for="kdg-fill-mu">{ "Mu for every hour" }</label>
                <input id="kdg-fill-mu" type="number" min="0" value={f.fill_mu.clone()} oninput={text(PeriodicAction::FillMu)} />
                <label for="kdg-fill-sigma">{ "Sigma for every hour" }</label>
                <input id="kdg-fill-sigma" type="number" min="0" value={f.fill_sigma.clone()} oninput={text(PeriodicAction::FillSigma)} />
                <button type="button" onclick={fill}>{ "Apply to every hour" }</button>
            </div>
            <button type="button" aria-expanded={f.grid_open.to_string()} aria-controls="kdg-grid" onclick={toggle_grid}>
                { if f.grid_open { "Hide the hourly grid" } else { "Edit hour by hour" } }
            </button>
            if f.grid_open {
                <div class="kdg-grid-wrap" id="kdg-grid">
                    <table class="kdg-grid">
                        <caption>{ "Mu / Sigma per hour (rows, UTC) and day of the week (columns)" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Hour" }</th>
                            { for DAYS.iter().map(|d| html! { <th scope="col">{ &d[..3] }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for (0..24).map(|hour| html! {
                                <tr>
                                    <th scope="row">{ format!("{hour:02}:00") }</th>
                                    { for (0..7).map(|day| html! {
                                        <td>{ cell(day, hour, true) }{ cell(day, hour, false) }</td>
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="choices">
                <label class="choice">
                    <input type="checkbox" checked={f.smoothing} onchange={check(PeriodicAction::Smoothing)} />
                    <span>{ "Intra-hour smoothing" }<span class="help">{ " — move Mu and Sigma linearly toward the next hour's values" }</span></span>
                </label>
                <label class="choice">
                    <input type="checkbox" checked={f.lock} onchange={check(PeriodicAction::Lock)} />
                    <span>{ "Lock to real time" }<span class="help">{ " — one second of data each simulated second, at the sandbox's time" }</span></span>
                </label>
            </div>
            if !f.lock {
                <div class="kdg-sim-fields">
                    <label for="kdg-start">{ "Start time (UTC)" }</label>
                    <input id="kdg-start" type="datetime-local" step="1" value={f.start.clone()} oninput={text(PeriodicAction::Start)} />
                    <label for="kdg-end">{ "End time (UTC)" }</label>
                    <input id="kdg-end" type="datetime-local" step="1" value={f.end.clone()} oninput={text(PeriodicAction::End)} />
                    <label for="kdg-seconds-per-tick">{ "Seconds of data per tick" }</label>
                    <input id="kdg-seconds-per-tick" type="number" min="1" value={f.seconds_per_tick.clone()} oninput={text(PeriodicAction::SecondsPerTick)} />
                    <label for="kdg-wait">{ "Wait between ticks (ms)" }</label>
                    <input id="kdg-wait" type="number" min="0" step="1000" value={f.wait_ms.clone()} oninput={text(PeriodicAction::WaitMs)}
                        aria-describedby="kdg-wait-help" />
                    <p class="help" id="kdg-wait-help">{ "Simulated time; ticks fall on whole seconds, at least one second apart. {{date.simTime}} gives each record's data time." }</p>
                </div>
            }
        </div>
    }
}
