//! The not-found page, and a route that panics on purpose to show the error panel.

use crate::ui::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn NotFound() -> Html {
    html! {
        <section class="page" aria-labelledby="nf-title">
            <h1 id="nf-title">{ "Page not found" }</h1>
            <p>{ "There is no page at this address in Kinesis Sandbox. It may have moved, or the link may be mistyped." }</p>
            <p><Link<Route> to={Route::Home}>{ "Go to the home page" }</Link<Route>></p>
        </section>
    }
}

/// `#/debug/panic`: proves that a panic shows the error panel rather than a blank page.
#[component]
pub fn DebugPanic() -> Html {
    panic!("deliberate panic from #/debug/panic");
}
