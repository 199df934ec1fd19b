//! Browser tests (wasm-bindgen-test in headless Chromium) of the lab panel: starting a lab,
//! a step's question, the goal ticking as the sandbox changes, Show me and Undo.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

mod web_support;
use web_support::*;

wasm_bindgen_test_configure!(run_in_browser);

fn panel_text(root: &Element) -> String {
    text(root, ".lab-panel")
}

fn all_text(root: &Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default().trim().to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn a_lab_starts_asks_checks_shows_and_undoes() {
    let root = mount_at("#/labs/create-stream").await;
    assert_eq!(text(&root, "main h1"), "Create a data stream");
    assert!(root.query_selector(".lab-panel").unwrap().is_none());
    button(&root, "Start lab").click();
    flush().await;
    assert_eq!(
        text(&root, ".lab-step h3"),
        "Step 1 of 4: Estimate the shards you need"
    );

    // A wrong answer says so; the right one explains and completes the step.
    let radios = root.query_selector_all(".lab-question input").unwrap();
    let pick = |i: u32| {
        radios
            .item(i)
            .unwrap()
            .dyn_into::<HtmlElement>()
            .unwrap()
            .click()
    };
    pick(0);
    flush().await;
    button(&root, "Check answer").click();
    flush().await;
    assert!(panel_text(&root).contains("Not quite."));
    pick(1);
    flush().await;
    button(&root, "Check answer").click();
    flush().await;
    assert!(
        panel_text(&root).contains("Right."),
        "{}",
        panel_text(&root)
    );
    // The answer is half of the goal; the other half is what the calculator showed.
    let checks = all_text(&root, ".lab-goal li");
    assert_eq!(checks.len(), 2, "{checks:?}");
    assert!(
        checks[0].starts_with("○Not yet:") && checks[0].contains("not seen yet"),
        "{checks:?}"
    );
    assert!(checks[1].starts_with("✓Met: Answer:"), "{checks:?}");
    assert!(!panel_text(&root).contains("✓ Step done"));
    // Show me counts the calculator's figures as seen, without changing the sandbox.
    button(&root, "Show me").click();
    flush().await;
    assert!(
        text(&root, ".show-me-confirm").contains(
            "Count as seen: the shard calculator's estimate (average record size (KB): 1, records written per second: 1500, consumer applications: 1)"
        ),
        "{}",
        text(&root, ".show-me-confirm")
    );
    button(&root, "Run these").click();
    flush().await;
    flush().await;
    assert!(panel_text(&root).contains("✓ Step done"));
    assert!(
        root.query_selector(".lab-tools button[title^='Show me']")
            .unwrap()
            .is_none(),
        "nothing to undo"
    );

    // Step 2's goal: three checks, none met until the stream exists and is Active.
    button(&root, "Next step").click();
    flush().await;
    assert_eq!(
        text(&root, ".lab-step h3"),
        "Step 2 of 4: Create the stream"
    );
    let checks = all_text(&root, ".lab-goal li");
    assert_eq!(checks.len(), 3, "{checks:?}");
    assert!(
        checks.iter().all(|c| c.starts_with("○Not yet:")),
        "{checks:?}"
    );

    // Show me asks first, lists the command, then runs it.
    button(&root, "Show me").click();
    flush().await;
    assert!(text(&root, ".show-me-confirm")
        .contains("aws kinesis create-stream --stream-name machinelearning --shard-count 2"));
    button(&root, "Run these").click();
    flush().await;
    flush().await;
    let checks = all_text(&root, ".lab-goal li");
    assert!(checks.iter().all(|c| c.starts_with("✓Met:")), "{checks:?}");
    assert!(panel_text(&root).contains("✓ Step done"));

    // Undo takes the stream away again; the step stays done.
    button(&root, "Undo: Show me: Create the stream").click();
    flush().await;
    let checks = all_text(&root, ".lab-goal li");
    assert!(
        checks[0].contains("Not yet") && checks[0].contains("ResourceNotFoundException"),
        "{checks:?}"
    );
    assert!(panel_text(&root).contains("✓ Step done"));

    // Closing the panel keeps the progress; the lab's page says where the learner is.
    button(&root, "×").click();
    flush().await;
    assert!(root.query_selector(".lab-panel").unwrap().is_none());
}

#[wasm_bindgen_test]
fn every_lab_step_page_is_a_route_the_console_has() {
    use kinesis_sandbox::ui::Route;
    use yew_router::Routable;
    let labs = kinesis_sandbox::labs::Labs::embedded().unwrap();
    for lab in labs.all() {
        for (n, step) in lab.steps.iter().enumerate() {
            if let Some(page) = &step.page {
                // A query (`?tab=test`, `?blueprint=…`) is the page's own option, not its route.
                let path = page
                    .trim_start_matches('#')
                    .split('?')
                    .next()
                    .unwrap_or_default();
                let route = Route::recognize(path);
                assert!(
                    matches!(route, Some(r) if r != Route::NotFound),
                    "{} step {}: {page} is not a page of the console",
                    lab.id,
                    n + 1
                );
            }
        }
    }
}
