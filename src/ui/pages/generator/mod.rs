//! The Kinesis Data Generator (`#/generator`).

mod page;
mod periodic;
mod sending;
mod template_editor;

pub use crate::forms::generator::{
    utf16_offset, SavedTemplate, TemplateBook, SENSOR_TEMPLATE, TEMPLATES_KEY, TEMPLATE_COUNT,
};
pub use page::{load_templates, save_templates};

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Kinesis Data Generator",
    home: Route::Generator,
    switch,
};

use crate::engine::extension::Extension;
use crate::ui::components::lazy::NeedsExtension;

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        // Its templates draw from the fake-data tables, fetched on the first visit.
        Route::Generator => html! {
            <NeedsExtension extension={Extension::FakeData}><page::Generator /></NeedsExtension>
        },
        _ => return None,
    })
}
