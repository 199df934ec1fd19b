//! Browser tests (wasm-bindgen-test in headless Chromium) of the exam-prep components.
#![cfg(target_arch = "wasm32")]

use kinesis_sandbox::quiz::Progress;
use kinesis_sandbox::ui::pages::quiz::runner::{Queue, Runner, RunnerProps};
use kinesis_sandbox::ui::pages::quiz::{find_question, sandbox_href, PROGRESS_KEY};
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn flush() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.dyn_into::<Element>().unwrap())
        .collect()
}

fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .map(|b| b.dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name:?}"))
}

fn mount(queue: Queue) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Runner>::with_root_and_props(
        root.clone(),
        RunnerProps {
            queue,
            done_text: None,
        },
    )
    .render();
    root
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
async fn a_practice_question_explains_every_option_and_is_saved() {
    storage().clear().unwrap();
    let root = mount(Queue::Fixed(Rc::new(vec!["kds-capacity-001".into()])));
    flush().await;

    let question = find_question("kds-capacity-001").unwrap();
    let legend = root.query_selector("legend").unwrap().unwrap();
    assert_eq!(legend.text_content().unwrap(), question.stem);
    let radios = all(&root, "input[type='radio']");
    assert_eq!(radios.len(), 4);
    // Every option is a labelled radio button.
    for label in all(&root, "label.quiz-option") {
        assert!(label
            .query_selector("input[type='radio']")
            .unwrap()
            .is_some());
        assert!(!label.text_content().unwrap().trim().is_empty());
    }
    assert!(button(&root, "Submit answer").has_attribute("disabled"));

    let right = &question.options.iter().find(|o| o.correct).unwrap().text;
    let label = all(&root, "label.quiz-option")
        .into_iter()
        .find(|l| l.text_content().unwrap().contains(right.as_str()))
        .unwrap();
    label
        .query_selector("input")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlInputElement>()
        .unwrap()
        .click();
    flush().await;
    button(&root, "Submit answer").click();
    flush().await;

    let verdict = root.query_selector(".quiz-verdict").unwrap().unwrap();
    assert_eq!(verdict.text_content().unwrap(), "Correct");
    let whys = all(&root, ".quiz-why");
    assert_eq!(whys.len(), question.options.len());
    for option in &question.options {
        assert!(
            whys.iter()
                .any(|w| w.text_content().unwrap().contains(option.why.as_str())),
            "{} is explained",
            option.text
        );
    }
    let show = all(&root, "a")
        .into_iter()
        .find(|a| a.text_content().unwrap() == "Show me in the sandbox")
        .unwrap();
    assert_eq!(
        show.get_attribute("href").as_deref(),
        Some("#/streams/create")
    );

    let saved = Progress::from_json(&storage().get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(saved.stats["kds-capacity-001"].correct, 1);
    assert_eq!(saved.review.card("kds-capacity-001").unwrap().box_number, 2);
}

#[wasm_bindgen_test]
async fn keys_choose_submit_and_go_on() {
    storage().clear().unwrap();
    let root = mount(Queue::Fixed(Rc::new(vec![
        "kds-capacity-001".into(),
        "kds-capacity-002".into(),
    ])));
    flush().await;
    let press = |key: &str| {
        js_sys::eval(&format!(
            "document.body.dispatchEvent(new KeyboardEvent('keydown', {{ key: '{key}', bubbles: true }}))"
        ))
        .unwrap();
    };
    press("2");
    flush().await;
    let checked: Vec<bool> = all(&root, "input[type='radio']")
        .into_iter()
        .map(|i| i.dyn_into::<HtmlInputElement>().unwrap().checked())
        .collect();
    assert_eq!(checked, vec![false, true, false, false]);
    press("Enter");
    flush().await;
    assert!(root.query_selector(".quiz-verdict").unwrap().is_some());
    press("n");
    flush().await;
    assert!(root.query_selector(".quiz-verdict").unwrap().is_none());
    assert!(root.text_content().unwrap().contains("Question 2 of 2"));
    let saved = Progress::from_json(&storage().get_item(PROGRESS_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(saved.stats["kds-capacity-001"].attempts, 1);
}

#[wasm_bindgen_test]
fn computed_questions_come_back_by_id_and_missing_pages_say_coming_soon() {
    let q = find_question("param-shard-for-key-42").expect("a computed question by id");
    assert_eq!(q.id, "param-shard-for-key-42");
    assert!(find_question("param-nonsense-1").is_none());
    assert_eq!(sandbox_href("#/streams"), "#/streams");
    assert_eq!(sandbox_href("#/quiz/tips"), "#/quiz/tips");
    // Pages that exist are linked directly; Kinesis Data Analytics is not built yet.
    assert_eq!(sandbox_href("#/firehose/create"), "#/firehose/create");
    assert_eq!(sandbox_href("#/labs"), "#/labs");
    assert_eq!(sandbox_href("#/analytics"), "#/quiz/soon/analytics");
}
