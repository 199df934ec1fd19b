//! The Analysis workspace page: Datasets, Fields, AutoGraph and the guide, the Visual, and
//! ML Insights.

use super::autograph::{AutoGraphPanel, Guide};
use super::dataset::DatasetPanel;
use super::fields::FieldsTable;
use super::insights::InsightsPanel;
use super::state::Workspace;
use super::visual::VisualPanel;
use yew::prelude::*;

#[component]
pub fn AnalysisPage() -> Html {
    let ws = use_reducer(Workspace::default);
    html! {
        <section class="page analysis" aria-labelledby="analysis-title">
            <h1 id="analysis-title">{ "Amazon Quick Sight" }<span class="formerly">{ " (formerly Amazon QuickSight): Analysis" }</span></h1>
            <p>{ "Explore what your pipeline delivered: make a dataset from the objects under an S3 prefix or from a data stream's records, read each field's type and statistics, and choose the visual that answers your question." }</p>
            <DatasetPanel workspace={ws.clone()} />
            <FieldsTable fields={ws.summaries.clone()} />
            <div class="analysis-columns">
                <div class="analysis-main">
                    <VisualPanel workspace={ws.clone()} />
                </div>
                <aside class="analysis-side" aria-label="Choosing a visual">
                    if ws.loaded.is_some() {
                        <AutoGraphPanel workspace={ws.clone()} />
                    }
                    <Guide />
                </aside>
            </div>
            <InsightsPanel loaded={ws.loaded.clone()} />
        </section>
    }
}
