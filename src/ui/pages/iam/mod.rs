//! AWS IAM: the roles (`#/iam`) and one role with its policies (`#/iam/<role>`).

mod list;
mod role;

use super::Service;
use crate::ui::Route;
use yew::prelude::*;

/// The folder's routes and its entry in the side navigation.
pub const SERVICE: Service = Service {
    label: "IAM",
    home: Route::Iam,
    switch,
};

fn switch(route: &Route) -> Option<Html> {
    Some(match route {
        Route::Iam => html! { <list::RoleList /> },
        Route::IamRole { role } => html! { <role::RolePage role={role.clone()} /> },
        _ => return None,
    })
}
