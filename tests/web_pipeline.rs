//! Browser tests of the pipeline diagram: an empty sandbox, a 2-shard stream fed by the
//! generator and read by Firehose, and a throttled shard, each saved, then the page mounted at
//! `#/pipeline` (and the home page) as a learner would open it.
#![cfg(target_arch = "wasm32")]

use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;

use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use kinesis_sandbox::host::storage;
use kinesis_sandbox::ui::context::{Settings, Speed};
use serde_json::json;
use std::time::Duration;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const SENSOR: &str = r#"{"sensorId": {{random.number(50)}}, "currentTemperature": {{random.number({"min":10,"max":150})}}}"#;

fn stream(sb: &mut Sandbox, name: &str, shards: u32) {
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": name, "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
}

fn send(sb: &mut Sandbox, name: &str, per_second: u64) {
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": name, "RecordsPerSecond": per_second}),
    )
    .unwrap();
}

fn firehose_from(sb: &mut Sandbox, name: &str, source: &str, bucket: &str) {
    sb.call("S3.CreateBucket", json!({"Bucket": bucket}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: name.into(),
        bucket: Some(bucket.into()),
        source_stream: Some(source.into()),
        ..Default::default()
    };
    let arn = create_delivery_role(sb, &p, "fh-role").unwrap();
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({
            "DeliveryStreamName": name,
            "DeliveryStreamType": "KinesisStreamAsSource",
            "KinesisStreamSourceConfiguration": {
                "KinesisStreamARN": format!("arn:aws:kinesis:us-east-1:123456789012:stream/{source}"),
                "RoleARN": arn,
            },
            "ExtendedS3DestinationConfiguration": {"RoleARN": arn, "BucketARN": format!("arn:aws:s3:::{bucket}")},
        }),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

/// Saves `sandbox` (paused, so the diagram holds still) and mounts the app at `hash`.
async fn mount(sandbox: Option<&Sandbox>, hash: &str) -> Element {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    if let Some(sb) = sandbox {
        let settings = Settings {
            speed: Speed::Paused,
        };
        storage::save(sb, &settings.to_json()).unwrap();
    }
    window.location().set_hash(hash).unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<kinesis_sandbox::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(60)).await;
    root
}

/// Takes the mounted page out of the document, so the next test's queries don't see it.
fn unmount(root: Element) {
    root.remove();
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).unwrap())
        .collect()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn summary(root: &Element) -> String {
    root.query_selector("main svg.pipeline-diagram[role='img']")
        .unwrap()
        .expect("the diagram")
        .get_attribute("aria-label")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn an_empty_sandbox_says_so_and_links_to_creating_a_stream() {
    let root = mount(None, "#/pipeline").await;
    assert_eq!(texts(&root, "main h1"), ["Pipeline"]);
    assert!(texts(&root, "nav[aria-label='Services'] a").contains(&"Pipeline".to_string()));
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Nothing built yet."), "{text}");
    let link = all(&root, "main .pipeline-empty a");
    assert_eq!(link.len(), 1);
    assert_eq!(link[0].text_content().unwrap(), "Create a data stream");
    assert_eq!(
        link[0].get_attribute("href").as_deref(),
        Some("#/streams/create")
    );
    assert!(all(&root, "main svg").is_empty());
    unmount(root);
}

#[wasm_bindgen_test]
async fn a_two_shard_stream_with_the_generator_and_firehose() {
    let mut sb = Sandbox::new(SandboxConfig::default());
    stream(&mut sb, "machinelearning", 2);
    firehose_from(
        &mut sb,
        "machinelearningfirehose",
        "machinelearning",
        "ml-bucket",
    );
    send(&mut sb, "machinelearning", 100);
    sb.advance(Duration::from_secs(3));

    let root = mount(Some(&sb), "#/pipeline").await;
    let label = summary(&root);
    for want in [
        "Producers: Kinesis Data Generator.",
        "Streams: machinelearning (2 shards, 100 records/s).",
        "Consumers: Firehose machinelearningfirehose.",
        "Destinations: S3 bucket ml-bucket.",
    ] {
        assert!(label.contains(want), "{want} in {label}");
    }
    assert_eq!(all(&root, "main svg rect.lane").len(), 2);
    assert!(all(&root, "main svg rect.lane.hot").is_empty());
    let drawn = texts(&root, "main svg text");
    for want in [
        "Kinesis Data Generator",
        "Constant: 100 records/s",
        "shardId-000000000000",
        "shardId-000000000001",
        "machinelearningfirehose",
        "Source: machinelearning",
        "ml-bucket",
    ] {
        assert!(drawn.iter().any(|t| t == want), "{want} in {drawn:?}");
    }
    assert!(
        drawn.iter().any(|t| t.starts_with("next delivery in ")),
        "{drawn:?}"
    );
    // The same facts, as a list for screen readers.
    let facts = texts(&root, "main ul[aria-label='Pipeline, step by step'] li");
    assert!(
        facts[0].starts_with(
            "Producer: Kinesis Data Generator, Constant: 100 records/s, sending to machinelearning"
        ),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Shard shardId-000000000001 of machinelearning:")),
        "{facts:?}"
    );
    assert!(facts.iter().any(|f| f.starts_with("Firehose delivery stream machinelearningfirehose (ACTIVE), reading data stream machinelearning, to S3 bucket ml-bucket")), "{facts:?}");
    unmount(root);

    // The home page shows the same diagram under "Your pipeline".
    let root = mount(Some(&sb), "#/").await;
    assert!(texts(&root, "main h2").contains(&"Your pipeline".to_string()));
    assert!(summary(&root).contains("machinelearning (2 shards"));
    unmount(root);
}

#[wasm_bindgen_test]
async fn a_throttled_shard_is_drawn_hot_with_its_limit() {
    let mut sb = Sandbox::new(SandboxConfig::default());
    stream(&mut sb, "busy", 1);
    send(&mut sb, "busy", 3000);
    sb.advance(Duration::from_secs(2));

    let root = mount(Some(&sb), "#/pipeline").await;
    assert_eq!(all(&root, "main svg rect.lane.hot").len(), 1);
    assert_eq!(all(&root, "main svg rect.node.stream.hot").len(), 1);
    let drawn = texts(&root, "main svg text");
    assert!(
        drawn
            .iter()
            .any(|t| t.starts_with("throttled: over 1,000 records/s")),
        "{drawn:?}"
    );
    assert!(
        summary(&root).contains("1 shard throttled."),
        "{}",
        summary(&root)
    );
    assert!(!all(&root, "main svg path.edge.warn").is_empty());
    unmount(root);
}
