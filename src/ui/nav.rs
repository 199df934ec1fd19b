//! The left navigation, named like the AWS console. An entry appears when its feature exists.

use super::Route;
use yew::prelude::*;
use yew_router::prelude::*;

/// (label, route): the AWS services in the console's order, then the tools.
const ENTRIES: &[(&str, Route)] = &[
    ("Kinesis Data Streams", Route::Streams),
    ("Amazon Data Firehose", Route::Firehose),
    ("S3", Route::S3),
    ("IAM", Route::Iam),
    ("CloudWatch", Route::CloudWatch),
    ("Kinesis Data Generator", Route::Generator),
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
                { for ENTRIES.iter().map(|(label, route)| {
                    let active = current.as_ref() == Some(route);
                    html! {
                        <li>
                            <Link<Route> to={route.clone()} classes={classes!(active.then_some("active"))}>
                                { *label }
                            </Link<Route>>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
