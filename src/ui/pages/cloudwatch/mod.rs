//! Amazon CloudWatch (`#/cloudwatch`): log groups, streams and events, and the AWS/Firehose
//! metrics.

mod page;

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "CloudWatch",
    home: Route::CloudWatch,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::CloudWatch => html! { <page::CloudWatchPage /> },
        _ => return None,
    })
}
