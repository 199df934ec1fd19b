//! AWS Lambda: the functions (`#/lambda/functions`), Create function
//! (`#/lambda/create[?blueprint=<id>]`) and a function's page with its tabs Code, Test,
//! Configuration and Monitor (`#/lambda/functions/<name>[?tab=test]`).

mod code;
mod configuration;
mod create;
mod function;
mod list;
mod monitor;
mod test_event;

use super::Service;
use crate::engine::extension::Extension;
use crate::ui::components::lazy::NeedsExtension;
use crate::ui::Route;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "Lambda",
    home: Route::LambdaFunctions,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Lambda | Route::LambdaFunctions => html! { <list::FunctionList /> },
        // A deployment package is a ZIP file: the ZIP writer is fetched on the first visit.
        Route::LambdaCreate => html! {
            <NeedsExtension extension={Extension::Codecs}><create::CreateFunction /></NeedsExtension>
        },
        Route::LambdaFunction { name } => html! {
            <NeedsExtension extension={Extension::Codecs}>
                <function::FunctionPage key={name.clone()} name={name.clone()} />
            </NeedsExtension>
        },
        _ => return None,
    })
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// A code size as the console writes it: `299 bytes`, `1.2 kB`, `3.4 MB`.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} bytes"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1000.0),
        b => format!("{:.1} MB", b as f64 / 1_000_000.0),
    }
}

/// The role's name in its ARN (`…:role/service-role/<name>` → `<name>`).
pub fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
