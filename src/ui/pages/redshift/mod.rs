//! Amazon Redshift (`#/redshift`): provisioned clusters (create, list, delete) and the query
//! editor, which runs SQL on a cluster's database through the Redshift Data API.

mod page;

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Amazon Redshift",
    home: Route::Redshift,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Redshift => html! { <page::RedshiftPage /> },
        _ => return None,
    })
}
