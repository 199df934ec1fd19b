//! AutoGraph — QuickSight's choice of a visual for the fields picked, with its reason — and
//! the "which visual answers which question" guide beside the picker.

use super::state::{slots, Action, Workspace};
use crate::analysis::{autograph, VisualKind, GUIDE};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AutoGraphProps {
    pub workspace: UseReducerHandle<Workspace>,
}

#[component]
pub fn AutoGraphPanel(props: &AutoGraphProps) -> Html {
    let ws = &props.workspace;
    let picked: Vec<(&str, crate::analysis::FieldType)> = ws
        .chosen
        .iter()
        .filter_map(|n| {
            ws.summaries
                .iter()
                .find(|s| s.name == *n)
                .map(|s| (s.name.as_str(), s.kind))
        })
        .collect();
    let suggestion = autograph(&picked);
    let usable = suggestion.visual != VisualKind::Table
        && (!slots(suggestion.visual).is_empty()
            || suggestion.visual == VisualKind::CorrelationMatrix);
    let apply = {
        let ws = ws.clone();
        let kind = suggestion.visual;
        Callback::from(move |_: MouseEvent| ws.dispatch(Action::UseSuggestion(kind)))
    };
    html! {
        <section class="panel" aria-labelledby="autograph-title">
            <h2 id="autograph-title">{ "AutoGraph" }</h2>
            <fieldset class="field autograph-fields">
                <legend>{ "Fields" }</legend>
                { for ws.summaries.iter().map(|f| {
                    let name = f.name.clone();
                    let on = ws.chosen.contains(&name);
                    let onchange = {
                        let ws = ws.clone();
                        let name = name.clone();
                        Callback::from(move |_: Event| ws.dispatch(Action::Choose(name.clone(), !on)))
                    };
                    html! {
                        <label class="checkbox">
                            <input type="checkbox" checked={on} {onchange} />
                            { format!(" {} ({})", f.name, f.kind) }
                        </label>
                    }
                }) }
            </fieldset>
            <p role="status" class="autograph-reason">
                <strong>{ suggestion.visual.title() }</strong>{ ": " }{ &suggestion.reason }
            </p>
            if usable {
                <button type="button" onclick={apply}>{ format!("Use {}", suggestion.visual.title().to_lowercase()) }</button>
            }
        </section>
    }
}

/// Which visual answers which question.
#[component]
pub fn Guide() -> Html {
    html! {
        <details class="panel guide" open=true>
            <summary><h2>{ "Which visual answers which question" }</h2></summary>
            <dl class="guide-list">
                { for GUIDE.iter().map(|g| html! {
                    <>
                        <dt>{ g.question }</dt>
                        <dd><strong>{ g.answer }</strong>{ ": " }{ g.why }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
