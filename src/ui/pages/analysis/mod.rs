//! Amazon Quick Sight (Amazon QuickSight until 2025)'s Analysis workspace (`#/quicksight`):
//! a dataset from what the pipeline delivered (the objects under an S3 prefix, or a snapshot
//! of a data stream's records), its fields with their types and statistics, and visuals with
//! field wells, options, AutoGraph and the "which visual answers which question" guide.
//!
//! The workspace reads Parquet and ORC and draws charts: its code is a split module fetched
//! on the first visit (ARCHITECTURE.md, "What loads when"), so this file names none of it but
//! the split point.

mod autograph;
mod chart;
mod dataset;
mod fields;
mod insights;
pub mod page;
mod state;
mod visual;

use super::Service;
use crate::split_point;
use crate::ui::components::lazy::{Lazy, Loading};
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Amazon Quick Sight (QuickSight)",
    home: Route::Analysis,
    switch,
};

split_point!(
    analysis,
    /// The Analysis workspace, with the dataset readers and the charts: fetched on the first visit.
    fn analysis_page(_unit: ()) -> Html {
        html! { <page::AnalysisPage /> }
    }
);

fn load(_: ()) -> Loading {
    Box::pin(analysis_page(()))
}

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Analysis => html! {
            <Lazy<()> arg={()} load={load as fn(()) -> Loading} what="the Analysis workspace" />
        },
        _ => return None,
    })
}
