//! A panic in the wasm never leaves a blank page: the hook writes a plain-DOM error panel
//! (Yew can't render after a panic) that says what happened and how to recover.

use super::storage;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The id of the error panel, for tests and styles.
pub const PANEL_ID: &str = "panic-panel";

/// Installs the hook through Yew, which would otherwise put its own (console-only) hook in place
/// when the app renders.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.clone().into());
        show_panel(&message);
    }));
}

fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(PANEL_ID).is_some() {
        return;
    }
    let Ok(panel) = document.create_element("section") else {
        return;
    };
    panel.set_id(PANEL_ID);
    let _ = panel.set_attribute("role", "alert");
    let _ = panel.set_attribute("aria-labelledby", "panic-title");
    let add = |tag: &str, text: &str, parent: &web_sys::Element| {
        document.create_element(tag).ok().inspect(|el| {
            el.set_text_content(Some(text));
            let _ = parent.append_child(el);
        })
    };
    if let Some(h) = add("h1", "Kinesis Sandbox stopped with an error", &panel) {
        h.set_id("panic-title");
    }
    add(
        "p",
        "Something inside the sandbox went wrong and the page can't carry on. Your last \
         autosave is kept. Reload to continue from it, or reset if the error comes back.",
        &panel,
    );
    add("pre", message, &panel);
    if let Some(reload) = add("button", "Reload", &panel) {
        on_click(&reload, || {
            let _ = gloo::utils::window().location().reload();
        });
    }
    if let Some(reset) = add("button", "Reset sandbox and reload", &panel) {
        on_click(&reset, || {
            storage::clear_saved_sandbox();
            let _ = gloo::utils::window().location().reload();
        });
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&panel);
    }
}

fn on_click(element: &web_sys::Element, action: impl Fn() + 'static) {
    let closure = Closure::<dyn Fn()>::new(action);
    let _ = element.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref());
    // The panel lives until the page reloads; so does its listener.
    closure.forget();
}
