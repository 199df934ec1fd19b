//! DOM helpers the browser tests share: mount the app at a route, find elements and buttons,
//! type and click as a learner would, and let Yew render.
#![allow(dead_code)]

use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub async fn flush() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

pub fn el(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn text(root: &Element, selector: &str) -> String {
    el(root, selector)
        .text_content()
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// Types `value` into the input as a learner would: the value, then a bubbling `input` event.
pub fn type_into(root: &Element, selector: &str, value: &str) {
    let input: HtmlInputElement = el(root, selector).dyn_into().unwrap();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

pub fn click(root: &Element, selector: &str) {
    el(root, selector)
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

pub fn button(root: &Element, name: &str) -> HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

pub async fn mount_at(hash: &str) -> Element {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    window.location().set_hash(hash).unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<kinesis_sandbox::ui::App>::with_root(root.clone()).render();
    flush().await;
    button(&root, "Pause").click();
    flush().await;
    root
}
