//! Kinesis Data Streams: the stream list (`#/streams`), Create data stream
//! (`#/streams/create`) and a stream's details with its tabs (`#/streams/<name>[/<tab>]`).

mod create;
mod details;
mod list;

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Kinesis Data Streams",
    home: Route::Streams,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Streams => html! { <list::StreamList /> },
        Route::StreamCreate => html! { <create::StreamCreate /> },
        Route::StreamDetails { name } => html! { <details::StreamDetails name={name.clone()} /> },
        Route::StreamTab { name, tab } => {
            html! { <details::StreamDetails name={name.clone()} tab={tab.clone()} /> }
        }
        _ => return None,
    })
}
