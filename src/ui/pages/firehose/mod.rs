//! Amazon Data Firehose: the delivery stream list (`#/firehose`), the five-step Create
//! delivery stream (`#/firehose/create[/<source stream>]`), a delivery stream's details
//! (`#/firehose/<name>`) and the HTTP endpoints it may deliver to (`#/http-endpoints`).

pub mod create;
mod details;
mod endpoints;
mod list;

pub use details::{access_table, bytes_text, firehose_series, verdict_text};
pub use list::{status_text, time_text};

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Amazon Data Firehose",
    home: Route::Firehose,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Firehose => html! { <list::DeliveryStreamList /> },
        Route::FirehoseCreate => html! { <create::FirehoseCreate /> },
        Route::FirehoseCreateFrom { source } => {
            html! { <create::FirehoseCreate source={source.clone()} /> }
        }
        Route::HttpEndpoints => html! { <endpoints::HttpEndpoints /> },
        Route::FirehoseDetails { name } => {
            html! { <details::FirehoseDetails name={name.clone()} /> }
        }
        _ => return None,
    })
}
