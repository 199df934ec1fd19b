//! Browser tests (wasm-bindgen-test in headless Chromium) of the Data Streams pages: the create
//! page's shard calculator and capacity panel, and the details page after a create.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

mod web_support;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn create_page_calculator_capacity_and_aws_errors() {
    let root = mount_at("#/streams/create").await;
    assert_eq!(text(&root, "main h1"), "Create data stream");

    // Provisioned: the shard count, the account limit and the capacity panel appear.
    let radios = root
        .query_selector_all("input[name='capacity-mode']")
        .unwrap();
    radios
        .item(1)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    flush().await;
    type_into(&root, "#shard-count", "2");
    flush().await;
    assert_eq!(text(&root, "[aria-label='Write MB per second']"), "2");
    assert_eq!(
        text(&root, "[aria-label='Write records per second']"),
        "2000"
    );
    assert_eq!(text(&root, "[aria-label='Read MB per second']"), "4");
    assert!(text(&root, "#shard-count-help").contains("account limit of 500"));

    // The shard calculator: 5 KiB × 1000/s with 3 consumers needs 8 shards.
    click(&root, ".calculator summary");
    type_into(&root, "#calc-size", "5");
    type_into(&root, "#calc-rate", "1000");
    type_into(&root, "#calc-consumers", "3");
    flush().await;
    assert_eq!(text(&root, "[aria-label='Estimated shards']"), "8");
    button(&root, "Use this value").click();
    flush().await;
    let shards: HtmlInputElement = el(&root, "#shard-count").dyn_into().unwrap();
    assert_eq!(shards.value(), "8");
    assert_eq!(
        text(&root, "[aria-label='Write records per second']"),
        "8000"
    );

    // A bad name is refused with AWS's own validation message, and nothing is created.
    type_into(&root, "#stream-name", "bad name");
    flush().await;
    button(&root, "Create data stream").click();
    flush().await;
    assert!(
        text(&root, ".api-error").contains(
            "1 validation error detected: Value 'bad name' at 'streamName' failed to satisfy constraint"
        ),
        "{}",
        text(&root, ".api-error")
    );

    // A good one opens the new stream's page, CREATING until time passes.
    type_into(&root, "#stream-name", "machinelearning");
    flush().await;
    button(&root, "Create data stream").click();
    flush().await;
    assert_eq!(text(&root, "main h1"), "machinelearning");
    assert_eq!(text(&root, ".page-header .status"), "Creating");
    button(&root, "Jump +5 min").click();
    flush().await;
    assert_eq!(text(&root, ".page-header .status"), "Active");
    // Created with the calculator\'s 8 shards.
    assert_eq!(
        root.query_selector_all(".shard-table tbody tr")
            .unwrap()
            .length(),
        8
    );
}
