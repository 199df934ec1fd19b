//! Browser tests (wasm-bindgen-test in headless Chromium) of the Analysis workspace (Amazon
//! Quick Sight): a dataset made from S3 objects put through the sandbox, its fields table, a
//! histogram drawn as SVG with its data table, and the page behind its route.
#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use kinesis_sandbox::labs::observe::{self, Observation};
use kinesis_sandbox::ui::context::{AppState, SandboxHandle, Settings, Shared};
use kinesis_sandbox::ui::pages::analysis::page::AnalysisPage;
use serde_json::json;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

mod web_support;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn put(sb: &mut Sandbox, key: &str, body: &[u8]) {
    sb.call(
        "S3.PutObject",
        json!({"Bucket": "lake", "Key": key,
               "Body": base64::engine::general_purpose::STANDARD.encode(body)}),
    )
    .unwrap();
}

/// A bucket with sensor readings under `2026/`: 20 JSON records with temperatures 10, 20, …,
/// 200, split over two objects; an object that is not data; and one outside the prefix.
fn sandbox() -> Sandbox {
    let mut sb = Sandbox::new(SandboxConfig::default());
    sb.call("S3.CreateBucket", json!({"Bucket": "lake"}))
        .unwrap();
    let lines = |range: std::ops::RangeInclusive<u32>| {
        range
            .map(|i| {
                let status = ["OK", "FAIL", "WARN"][i as usize % 3];
                format!(
                    r#"{{"sensorId":{},"currentTemperature":{},"status":"{status}"}}"#,
                    i % 5,
                    i * 10
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    put(&mut sb, "2026/01/a", lines(1..=12).as_bytes());
    put(&mut sb, "2026/01/b", lines(13..=20).as_bytes());
    put(&mut sb, "2026/01/broken", &[0xff, 0xfe, 0x00, 0x01]);
    put(&mut sb, "other/c", lines(21..=30).as_bytes());
    // A stream with three readings and a record that is not JSON.
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(std::time::Duration::from_secs(60));
    for data in [
        r#"{"sensorId":1,"currentTemperature":20,"status":"OK"}"#,
        r#"{"sensorId":2,"currentTemperature":30,"status":"OK"}"#,
        "temperature=21",
        r#"{"sensorId":3,"currentTemperature":40,"status":"WARN"}"#,
    ] {
        sb.call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "machinelearning", "PartitionKey": "k",
                   "Data": base64::engine::general_purpose::STANDARD.encode(data)}),
        )
        .unwrap();
    }
    sb
}

thread_local! {
    /// The sandbox the harness shows, kept to look at the lab progress the page records.
    static SHARED: std::cell::RefCell<Option<std::rc::Rc<Shared>>> = const { std::cell::RefCell::new(None) };
}

#[component]
fn Harness() -> Html {
    let state = use_reducer(|| AppState {
        shared: SHARED
            .with(|s| s.borrow().clone())
            .expect("the test sets the sandbox before mounting"),
        revision: 0,
    });
    html! {
        <ContextProvider<SandboxHandle> context={SandboxHandle(state)}>
            <HashRouter>
                <main><AnalysisPage /></main>
            </HashRouter>
        </ContextProvider<SandboxHandle>>
    }
}

/// Mounts the workspace on a sandbox of its own, with the lab "explore" under way so that
/// the observations the page records can be read back.
async fn mount_harness() -> std::rc::Rc<Shared> {
    let shared = Shared::new(sandbox(), Settings::default(), None);
    shared.labs.borrow_mut().current = Some("explore".into());
    SHARED.with(|s| *s.borrow_mut() = Some(shared.clone()));
    shared
}

async fn mount_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root(root.clone()).render();
    flush().await;
    root
}

/// Chooses `value` in a select as a learner would: the value, then a bubbling `change` event.
fn choose(root: &Element, selector: &str, value: &str) {
    let select: HtmlSelectElement = el(root, selector).dyn_into().unwrap();
    select.set_value(value);
    assert_eq!(select.value(), value, "{selector} has no option {value}");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    select.dispatch_event(&event).unwrap();
}

fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

/// The cells of the fields table's row for `field`.
fn field_row(root: &Element, field: &str) -> Vec<String> {
    let rows = root.query_selector_all(".fields-table tbody tr").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|r| r.dyn_into::<Element>().unwrap())
        .find(|r| text(r, "th") == field)
        .map(|r| {
            let cells = r.query_selector_all("td").unwrap();
            (0..cells.length())
                .filter_map(|i| cells.item(i))
                .map(|c| c.text_content().unwrap_or_default())
                .collect()
        })
        .unwrap_or_else(|| panic!("no row for {field}"))
}

#[wasm_bindgen_test]
async fn a_dataset_from_s3_objects_its_fields_and_a_histogram() {
    let shared = mount_harness().await;
    let root = mount_root().await;
    assert!(text(&root, "h1").starts_with("Amazon Quick Sight"));

    // Nothing chosen: a clear error, not a blank page.
    button(&root, "Create dataset").click();
    flush().await;
    assert_eq!(text(&root, ".api-error"), "Choose an S3 bucket.");

    choose(&root, "#dataset-bucket", "lake");
    flush().await;
    // The bucket's folders are offered as prefixes.
    button(&root, "2026/").click();
    flush().await;
    button(&root, "Create dataset").click();
    flush().await;
    let summary = text(&root, ".dataset-summary [role='status']");
    assert!(
        summary.starts_with("s3://lake/2026/: JSON: 20 rows, 3 fields."),
        "{summary}"
    );
    // The object that is not data is listed with why.
    let parts = text(&root, ".dataset-summary details");
    assert!(parts.contains("2026/01/broken"), "{parts}");
    assert!(parts.contains("neither UTF-8 text"), "{parts}");

    // Fields: type, count, missing, mean, standard deviation, min, quartiles, max, distinct.
    let t = field_row(&root, "currentTemperature");
    assert_eq!(
        t[..11],
        ["number", "20", "0", "105", "59.1608", "10", "57.5", "105", "152.5", "200", "20"],
        "{t:?}"
    );
    let s = field_row(&root, "status");
    assert_eq!(s[0], "string");
    assert_eq!(s[10], "3");
    assert!(
        s[11].contains("FAIL (7)") || s[11].contains("OK (7)"),
        "{s:?}"
    );

    // A histogram of currentTemperature: 10 bins by default, then 5.
    assert!(text(&root, "#visual-title").contains("Visual"));
    click(&root, "input[name='visual-type'][value='histogram']");
    flush().await;
    choose(&root, "#well-value", "currentTemperature");
    flush().await;
    assert_eq!(count(&root, "svg.analysis-chart rect.bar"), 10);
    assert_eq!(
        text(&root, "svg.analysis-chart title"),
        "Histogram of currentTemperature"
    );
    assert_eq!(count(&root, ".chart-table tbody tr"), 10);
    type_into(&root, "#bin-count", "5");
    flush().await;
    assert_eq!(count(&root, "svg.analysis-chart rect.bar"), 5);
    assert_eq!(count(&root, ".chart-table tbody tr"), 5);
    // The lab under way was told what was built.
    let seen = |o: &Observation| shared.labs.borrow().has_observed(o);
    assert!(seen(
        &Observation::new(observe::DATASET_LOADED)
            .with("source", "s3")
            .with("bucket", "lake")
            .with("prefix", "2026/")
            .with("rows", 20)
    ));
    assert!(seen(
        &Observation::new(observe::VISUAL_SHOWN)
            .with("visual", "histogram")
            .with("value", "currentTemperature")
    ));
    assert_eq!(text(&root, ".chart-table summary"), "Show data table");
    // Each bin of 5 over 10–200 holds 4 of the 20 readings.
    let cells = root
        .query_selector_all(".chart-table tbody tr td:last-child")
        .unwrap();
    for i in 0..cells.length() {
        assert_eq!(cells.item(i).unwrap().text_content().unwrap(), "4");
    }
    // A wrong bin count is said, not drawn; the export buttons wait for a visual.
    type_into(&root, "#bin-count", "many");
    flush().await;
    assert_eq!(count(&root, "svg.analysis-chart"), 0);
    assert!(button(&root, "Export SVG").has_attribute("disabled"));
    assert!(text(&root, ".panel .warning").contains("Bin count must be a whole number"));

    // A bar chart of status counts each status.
    click(&root, "input[name='visual-type'][value='bar']");
    flush().await;
    choose(&root, "#well-x", "status");
    flush().await;
    assert_eq!(count(&root, "svg.analysis-chart rect.bar"), 3);

    // AutoGraph: two numbers make a scatter plot, and say why.
    let boxes = root
        .query_selector_all(".autograph-fields input[type='checkbox']")
        .unwrap();
    for i in 0..boxes.length() {
        let b: web_sys::HtmlInputElement = boxes.item(i).unwrap().dyn_into().unwrap();
        let label = b
            .parent_element()
            .unwrap()
            .text_content()
            .unwrap_or_default();
        if label.contains("(number)") {
            b.click();
            flush().await;
        }
    }
    assert!(text(&root, ".autograph-reason").starts_with("Scatter plot: Two numbers"));
    button(&root, "Use scatter plot").click();
    flush().await;
    assert!(count(&root, "svg.analysis-chart circle.point") > 0);

    // A snapshot of the stream's records: the record that is not JSON is refused, with why.
    click(&root, "input[name='dataset-source'][value='kinesis']");
    flush().await;
    choose(&root, "#dataset-stream", "machinelearning");
    flush().await;
    button(&root, "Create dataset").click();
    flush().await;
    let summary = text(&root, ".dataset-summary [role='status']");
    assert!(
        summary.starts_with("machinelearning: JSON: 3 rows, 3 fields. 1 could not be read"),
        "{summary}"
    );
    assert!(text(&root, ".dataset-summary details").contains("record 3"));
    // The wells keep their fields: the scatter plot is drawn from the new dataset.
    assert_eq!(count(&root, "svg.analysis-chart circle.point"), 3);
}

#[wasm_bindgen_test]
async fn the_workspace_is_behind_its_route() {
    let root = mount_at("#/quicksight").await;
    for _ in 0..20 {
        if text(&root, "main h1").starts_with("Amazon Quick Sight") {
            break;
        }
        flush().await;
    }
    assert!(text(&root, "main h1").starts_with("Amazon Quick Sight"));
    assert!(root.text_content().unwrap().contains("ML Insights"));
    // Without a dataset, the visual asks for one.
    assert!(root
        .text_content()
        .unwrap()
        .contains("Create a dataset first"));
}
