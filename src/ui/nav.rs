//! The left navigation, named like the AWS console: the services (each folder under `pages/`
//! gives its entry), then the tools.

use super::pages::SERVICES;
use super::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// (label, route) of the pages that belong to no service, after the services.
const TOOLS: &[(&str, Route)] = &[
    ("Pipeline", Route::Pipeline),
    ("Event history", Route::Events),
    ("Labs", Route::Labs),
    ("Exam prep", Route::Quiz),
];

#[component]
pub fn SideNav() -> Html {
    let current = use_route::<Route>();
    html! {
        <nav class="side-nav" aria-label="Services">
            <ul>
                { for SERVICES.iter().map(|s| (s.label, &s.home))
                    .chain(TOOLS.iter().map(|(label, route)| (*label, route)))
                    .map(|(label, route)| {
                    let active = current.as_ref() == Some(route);
                    html! {
                        <li>
                            <Link<Route> to={route.clone()} classes={classes!(active.then_some("active"))}>
                                { label }
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
