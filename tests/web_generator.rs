//! Browser tests (wasm-bindgen-test in headless Chromium) of the Kinesis Data Generator page:
//! the app mounted on a saved sandbox that holds `machinelearning`, with the clock paused.
#![cfg(target_arch = "wasm32")]

use kinesis_sandbox::engine::generator::Template;
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::host::{fresh_config, storage};
use kinesis_sandbox::ui::pages::generator::{
    utf16_offset, TemplateBook, SENSOR_TEMPLATE, TEMPLATES_KEY, TEMPLATE_COUNT,
};
use serde_json::{json, Value};
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn flush() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn find_button(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn one(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

fn text_of(root: &Element, selector: &str) -> String {
    one(root, selector).text_content().unwrap_or_default()
}

fn all_texts(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

/// Types `text` into a textarea the way a learner does: new value, then an `input` event.
fn type_into(area: &HtmlTextAreaElement, text: &str) {
    area.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    area.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn default_templates_compile_and_offsets_are_utf16() {
    let book = TemplateBook::default();
    assert_eq!(book.templates.len(), TEMPLATE_COUNT);
    assert_eq!(book.templates[0].body, SENSOR_TEMPLATE);
    for (i, t) in book.templates.iter().enumerate() {
        assert_eq!(t.name, format!("Template {}", i + 1));
        Template::compile(&t.body).unwrap_or_else(|e| panic!("{}: {e}", t.name));
    }
    // A saved book with two templates gets the other three back.
    let partial = json!({"selected": 9, "templates": [
        {"name": "Mine", "body": "x"}, {"name": "", "body": "y"}]});
    let book = TemplateBook::from_json(&partial.to_string()).unwrap();
    assert_eq!(book.templates.len(), TEMPLATE_COUNT);
    assert_eq!(book.selected, TEMPLATE_COUNT - 1);
    assert_eq!(book.tab_name(0), "Mine");
    assert_eq!(book.tab_name(1), "Template 2");
    assert!(TemplateBook::from_json("not json").is_none());

    assert_eq!(utf16_offset("ab\ncd", 2, 2), 4);
    assert_eq!(utf16_offset("é😀x", 1, 3), 3);
}

#[wasm_bindgen_test]
async fn the_generator_tests_a_template_refuses_a_bad_one_and_sends_500_records_in_5_seconds() {
    let window = web_sys::window().unwrap();
    let local = window.local_storage().unwrap().unwrap();
    local.clear().unwrap();
    let mut sb = Sandbox::new(fresh_config());
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
    storage::save(&sb, &json!({"speed": "Paused"})).unwrap();
    window.location().set_hash("#/generator").unwrap();

    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<kinesis_sandbox::ui::App>::with_root(root.clone()).render();
    flush().await;

    assert_eq!(text_of(&root, "main h1"), "Kinesis Data Generator");
    let nav = all_texts(&root, "nav[aria-label='Services'] a");
    // The generator is a tool, not an AWS console service: it comes after every service.
    let generator = nav
        .iter()
        .position(|l| l == "Kinesis Data Generator")
        .unwrap();
    for service in [
        "Kinesis Data Streams",
        "Amazon Data Firehose",
        "CloudWatch",
        "AWS Glue Data Catalog",
    ] {
        let at = nav.iter().position(|l| l == service).unwrap();
        assert!(at < generator, "{nav:?}");
    }
    // Then the simulated Splunk, another tool of the sandbox's own, then the pipeline.
    assert_eq!(nav[generator + 1], "Splunk (HEC)", "{nav:?}");
    assert_eq!(nav[generator + 2], "Pipeline", "{nav:?}");

    let region: web_sys::HtmlInputElement = one(&root, "#kdg-region").dyn_into().unwrap();
    assert_eq!(region.value(), "us-east-1");
    assert!(region.read_only());
    let select: HtmlSelectElement = one(&root, "#kdg-destination").dyn_into().unwrap();
    assert_eq!(select.value(), "stream:machinelearning");
    assert_eq!(
        one(&root, "#kdg-destination optgroup")
            .get_attribute("label")
            .as_deref(),
        Some("Kinesis Streams")
    );
    let area: HtmlTextAreaElement = one(&root, "textarea#kdg-template").dyn_into().unwrap();
    assert_eq!(area.value(), SENSOR_TEMPLATE);
    assert_eq!(
        all_texts(&root, "[aria-label='Saved templates'] [role='tab']"),
        (1..=5).map(|i| format!("Template {i}")).collect::<Vec<_>>()
    );

    // Test template: five sensor records.
    find_button(&root, "Test template").click();
    flush().await;
    let samples = all_texts(&root, ".kdg-samples pre");
    assert_eq!(samples.len(), 5, "{samples:?}");
    for s in &samples {
        let v: Value = serde_json::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert!((0..=50).contains(&v["sensorId"].as_i64().unwrap()), "{s}");
        assert!((10..=150).contains(&v["currentTemperature"].as_i64().unwrap()));
        assert!(["OK", "FAIL", "WARN"].contains(&v["status"].as_str().unwrap()));
    }

    // A bad template: located in the editor, refused by Send data, nothing sent.
    type_into(&area, "{\n  \"a\": {{nope.thing}}\n}");
    flush().await;
    let problem = text_of(&root, "#kdg-template-error");
    assert!(problem.contains("Line 2, column 10"), "{problem}");
    assert!(problem.contains("Invalid module: nope"), "{problem}");
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));
    find_button(&root, "Send data").click();
    flush().await;
    let alert = text_of(&root, ".api-error");
    assert!(alert.contains("InvalidTemplateException"), "{alert}");
    assert!(alert.contains("line 2, column 10"), "{alert}");
    assert!(root.query_selector(".kdg-counter").unwrap().is_none());
    // The edit was saved in this browser.
    let saved = local.get_item(TEMPLATES_KEY).unwrap().unwrap();
    assert!(saved.contains("nope.thing"), "{saved}");

    find_button(&root, "Restore this template's default").click();
    flush().await;
    assert_eq!(area.value(), SENSOR_TEMPLATE);
    assert!(root
        .query_selector("#kdg-template-error")
        .unwrap()
        .is_none());

    // Send at 100 records per second, then five simulated seconds.
    find_button(&root, "Send data").click();
    flush().await;
    assert_eq!(text_of(&root, "#sending-title"), "Sending Data to Kinesis");
    assert_eq!(text_of(&root, ".kdg-counter"), "0 records sent to Kinesis.");
    for _ in 0..5 {
        find_button(&root, "Step 1 s").click();
        flush().await;
    }
    assert_eq!(
        text_of(&root, ".kdg-counter"),
        "500 records sent to Kinesis."
    );
    let last_second = all_texts(&root, ".kdg-figures tbody tr:first-child td");
    assert_eq!(last_second, ["100", "100", "0", "0"]);
    assert_eq!(all_texts(&root, ".kdg-recent pre").len(), 5);

    find_button(&root, "Stop Sending Data to Kinesis").click();
    flush().await;
    assert_eq!(text_of(&root, "#sending-title"), "Sending stopped");
    find_button(&root, "Step 1 s").click();
    flush().await;
    assert_eq!(
        text_of(&root, ".kdg-counter"),
        "500 records sent to Kinesis."
    );
}
