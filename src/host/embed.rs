//! Embedding in a course page, the browser side: whether the page runs in embed mode, the
//! messages posted to the parent page, and the height watcher that lets `embed.js` size the
//! frame. The URL parsing and the message shapes are in [`crate::embed`] (tested natively).

pub use crate::embed::{embed_snippet, EmbedEvent};

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Whether the page has been in embed mode since it loaded.
    static EMBEDDED: Cell<bool> = const { Cell::new(false) };
}

/// The page's current address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// True when the page's URL has `embed=1` in its query (`?embed=1`) or in the hash's query
/// (`#/labs/x/step/2?embed=1`), or had it since the page loaded: embed mode stays on while the
/// learner moves between pages, since the app's own links carry no query. (The way out is
/// "Open the full sandbox", in a new tab.)
pub fn embed_mode() -> bool {
    let now = crate::embed::embed_flag(&href());
    EMBEDDED.with(|embedded| {
        if now {
            embedded.set(true);
        }
        embedded.get()
    })
}

/// The same route outside embed mode: the target of "Open the full sandbox".
pub fn full_sandbox_href() -> String {
    crate::embed::without_embed(&href())
}

/// The parent page's window when this page is inside a frame.
fn parent_window() -> Option<web_sys::Window> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    let same = JsValue::from(&parent) == JsValue::from(&window);
    (!same).then_some(parent)
}

/// Whether the page is inside a frame.
pub fn framed() -> bool {
    parent_window().is_some()
}

/// Posts `event` to the parent page (any origin may listen: the messages hold nothing
/// private). Does nothing when the page is not inside a frame.
pub fn post(event: &EmbedEvent) {
    let Some(parent) = parent_window() else {
        return;
    };
    let Ok(message) = js_sys::JSON::parse(&event.message().to_string()) else {
        return;
    };
    let _ = parent.post_message(&message, "*");
}

/// The content height in CSS pixels, rounded up.
fn content_height() -> u32 {
    gloo::utils::document()
        .document_element()
        .map_or(0, |root| {
            root.get_bounding_client_rect().height().ceil() as u32
        })
}

/// When framed, posts `resize` with the content height now and whenever it changes (a
/// `ResizeObserver` on the body; only changes are posted).
pub fn watch_height() {
    if !framed() {
        return;
    }
    let Some(body) = gloo::utils::document().body() else {
        return;
    };
    let last = Rc::new(Cell::new(0u32));
    let report = move || {
        let height = content_height();
        if height != last.get() {
            last.set(height);
            post(&EmbedEvent::Resize { height });
        }
    };
    report();
    let callback = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| report());
    match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        Ok(observer) => {
            observer.observe(&body);
            // Both live as long as the page.
            callback.forget();
            std::mem::forget(observer);
        }
        Err(_) => drop(callback),
    }
}
