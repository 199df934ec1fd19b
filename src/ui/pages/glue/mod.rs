//! AWS Glue Data Catalog: the databases (`#/glue`) and one database's tables with their
//! columns (`#/glue/<database>`).

mod database;
mod list;

use super::Service;
use crate::ui::Route;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "AWS Glue Data Catalog",
    home: Route::Glue,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Glue => html! { <list::DatabaseList /> },
        Route::GlueDatabase { database } => {
            html! { <database::DatabasePage database={database.clone()} /> }
        }
        _ => return None,
    })
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}
