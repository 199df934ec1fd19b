//! Browser tests (wasm-bindgen-test in headless Chromium): the shell mounted as the page mounts it.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn flush() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn find_button(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn clock_millis(root: &Element) -> f64 {
    let time = root
        .query_selector("[aria-label='Simulated time']")
        .unwrap()
        .unwrap();
    js_sys::Date::parse(&time.get_attribute("datetime").unwrap())
}

#[wasm_bindgen_test]
async fn shell_mounts_with_clock_navigation_and_controls() {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();

    yew::Renderer::<kinesis_sandbox::ui::App>::with_root(root.clone()).render();
    flush().await;

    let nav = root
        .query_selector("nav[aria-label='Services']")
        .unwrap()
        .expect("the navigation");
    let links: Vec<String> = {
        let list = nav.query_selector_all("a").unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect()
    };
    assert!(
        links.contains(&"Kinesis Data Streams".to_string()),
        "{links:?}"
    );

    for name in [
        "Pause",
        "1×",
        "10×",
        "60×",
        "Jump +5 min",
        "Reset sandbox",
        "Export sandbox",
        "Import sandbox",
    ] {
        find_button(&root, name);
    }

    find_button(&root, "Pause").click();
    flush().await;
    assert_eq!(
        find_button(&root, "Pause")
            .get_attribute("aria-pressed")
            .as_deref(),
        Some("true")
    );
    let before = clock_millis(&root);
    find_button(&root, "Jump +5 min").click();
    flush().await;
    assert_eq!(clock_millis(&root) - before, 300_000.0);

    // Navigating by the hash route renders the page.
    window.location().set_hash("#/streams").unwrap();
    yew::platform::time::sleep(Duration::from_millis(100)).await;
    let heading = root.query_selector("main h1").unwrap().unwrap();
    assert_eq!(heading.text_content().unwrap(), "Data streams");
}
