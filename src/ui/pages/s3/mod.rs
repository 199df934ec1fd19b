//! Amazon S3: the buckets (`#/s3`) and one bucket's browser (`#/s3/<bucket>?prefix=…`).

pub mod bucket;
pub mod columnar;
mod list;

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "S3",
    home: Route::S3,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::S3 => html! { <list::BucketList /> },
        Route::S3Bucket { bucket } => html! { <bucket::BucketBrowser bucket={bucket.clone()} /> },
        _ => return None,
    })
}
