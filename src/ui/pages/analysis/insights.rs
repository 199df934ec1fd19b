//! ML Insights: where the workspace's anomaly detection and forecast go. Its own panel, so
//! that the insights are added here without touching the rest of the page.

use crate::analysis::source::Loaded;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InsightsPanelProps {
    /// The dataset the insights are about, once made.
    pub loaded: Option<Rc<Loaded>>,
}

#[component]
pub fn InsightsPanel(props: &InsightsPanelProps) -> Html {
    let _ = &props.loaded;
    html! {
        <section class="panel insights" aria-labelledby="insights-title">
            <h2 id="insights-title">{ "ML Insights" }</h2>
            <p class="help">{ "Anomaly detection (Random Cut Forest) and forecasts on a time field, explained in plain words, without building a model." }</p>
        </section>
    }
}
