//! Embedding in a course page, the browser side: whether the page runs in embed mode, the
//! messages posted to the parent page, and the height watcher that lets `embed.js` size the
//! frame. The URL parsing and the message shapes are in [`crate::embed`] (tested natively).

pub use crate::embed::{embed_snippet, EmbedEvent};

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// Whether the navigation hooks of embed mode are in place.
    static HOOKED: Cell<bool> = const { Cell::new(false) };
}

/// The page's current address.
pub fn href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// True when the page's current URL has `embed=1` in its query (`?embed=1`) or in the hash's
/// query (`#/labs/x/step/2?embed=1`). The app's own navigation keeps the flag (see
/// [`keep_embed_on_navigation`]), so embed mode lasts while the learner moves between pages,
/// and ends when the address loses it (`#/` typed in the address bar).
pub fn embed_mode() -> bool {
    let now = crate::embed::embed_flag(&href());
    if now {
        keep_embed_on_navigation();
    }
    now
}

/// Once: wraps `history.pushState` / `replaceState` (the router's navigation) and catches
/// clicks on plain `#/…` links, so that from an embedded page they lead to embedded pages.
fn keep_embed_on_navigation() {
    if HOOKED.with(|h| h.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(history) = window.history() {
        for method in ["pushState", "replaceState"] {
            let Ok(original) = js_sys::Reflect::get(&history, &JsValue::from_str(method)) else {
                continue;
            };
            let Ok(original) = original.dyn_into::<js_sys::Function>() else {
                continue;
            };
            let this = history.clone();
            let wrapped = Closure::<dyn Fn(JsValue, JsValue, JsValue) -> JsValue>::new(
                move |state: JsValue, title: JsValue, url: JsValue| {
                    let url = match url.as_string() {
                        Some(next) => crate::embed::keep_embed(&href(), &next)
                            .map_or(url, |kept| JsValue::from_str(&kept)),
                        None => url,
                    };
                    original
                        .call3(&this, &state, &title, &url)
                        .unwrap_or(JsValue::UNDEFINED)
                },
            );
            let _ = js_sys::Reflect::set(&history, &JsValue::from_str(method), wrapped.as_ref());
            // Lives as long as the page.
            wrapped.forget();
        }
    }
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href^='#/']").ok().flatten())
        else {
            return;
        };
        if anchor.get_attribute("target").is_some_and(|t| t != "_self") {
            return;
        }
        let Some(link) = anchor.get_attribute("href") else {
            return;
        };
        if let Some(kept) = crate::embed::keep_embed(&href(), &link) {
            event.prevent_default();
            let hash = kept.split_once('#').map_or(kept.as_str(), |(_, h)| h);
            let _ = gloo::utils::window().location().set_hash(hash);
        }
    });
    // Bubbling, on the window: after the router's links (which navigate themselves and
    // prevent the default), only plain links are left.
    let _ = window.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
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
