//! The Kinesis Data Generator (`#/generator`).

mod page;

pub use page::{
    utf16_offset, SavedTemplate, TemplateBook, SENSOR_TEMPLATE, TEMPLATES_KEY, TEMPLATE_COUNT,
};

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Kinesis Data Generator",
    home: Route::Generator,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Generator => html! { <page::Generator /> },
        _ => return None,
    })
}
