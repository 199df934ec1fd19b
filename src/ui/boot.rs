//! The first render: what the page shows from the first-load module alone, before the rest of
//! the sandbox (the engine, the console pages, labs, exam prep) has arrived.
//!
//! It is the site's frame with the home page's text (a deep link shows which page is on its
//! way) and a progress indicator. Nothing here may reach the engine or the console pages: the
//! code it calls is all the first load carries (see `main.rs` and ARCHITECTURE.md,
//! "What loads when").

use super::pages::home::HomeText;
use yew::prelude::*;

/// The boot view's props: why the rest of the sandbox could not be fetched, once it failed.
#[derive(Properties, PartialEq)]
pub struct BootProps {
    #[prop_or_default]
    pub failed: Option<AttrValue>,
}

/// The route the address asks for, without its query (`#/labs/x?embed=1` → `/labs/x`).
fn hash_path() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    let path = hash.trim_start_matches('#');
    let path = path.split('?').next().unwrap_or("");
    path.to_string()
}

#[component]
pub fn Boot(props: &BootProps) -> Html {
    // Re-render when the learner follows a link before the sandbox has arrived.
    let path = use_state(hash_path);
    {
        let path = path.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    path.set(hash_path())
                });
            move || drop(listener)
        });
    }
    let home = path.is_empty() || *path == "/";
    let status = match &props.failed {
        None => html! {
            <p class="boot-status" role="status">
                { "Loading the sandbox…" }
                <progress aria-label="Loading the sandbox"></progress>
            </p>
        },
        Some(why) => html! {
            <div class="boot-status failed" role="alert">
                <p>{ format!("Kinesis Sandbox could not load: {why}. Check the connection, then reload the page.") }</p>
                <button type="button" onclick={Callback::from(|_| { let _ = gloo::utils::window().location().reload(); })}>{ "Reload" }</button>
            </div>
        },
    };
    if crate::host::embed::embed_mode() {
        return html! { <div class="shell embed"><main class="content">{ status }</main></div> };
    }
    let pipeline = html! {
        <p class="muted">{ "Your pipeline appears here once the sandbox has loaded." }</p>
    };
    html! {
        <div class="shell">
            <header class="top-bar">
                <a class="brand" href="#/">{ "Kinesis Sandbox" }</a>
                { status }
            </header>
            <div class="side-nav" aria-hidden="true"></div>
            <main class="content" id="content">
                if home {
                    <HomeText {pipeline} />
                } else {
                    <p class="page">{ "Loading this page…" }</p>
                }
            </main>
        </div>
    }
}

thread_local! {
    static BOOT: std::cell::RefCell<Option<yew::AppHandle<Boot>>> = const { std::cell::RefCell::new(None) };
}

fn render(failed: Option<String>) {
    let Some(root) = gloo::utils::document().get_element_by_id("boot") else {
        return;
    };
    BOOT.with(|b| {
        if let Some(previous) = b.borrow_mut().take() {
            previous.destroy();
        }
        // index.html's "Loading…" message was a live region; the boot view has its own.
        root.set_inner_html("");
        let _ = root.remove_attribute("role");
        root.set_class_name("");
        let props = BootProps {
            failed: failed.map(AttrValue::from),
        };
        *b.borrow_mut() = Some(yew::Renderer::<Boot>::with_root_and_props(root, props).render());
    });
}

/// Shows the boot view in `#boot` (in place of the page's static "Loading…" message).
pub fn show() {
    render(None);
}

/// The rest of the sandbox could not be fetched: say so, with a way to try again.
pub fn failed(why: &str) {
    render(Some(why.to_string()));
}

/// The full app has rendered: the boot view goes.
pub fn finish() {
    BOOT.with(|b| {
        if let Some(app) = b.borrow_mut().take() {
            app.destroy();
        }
    });
}
