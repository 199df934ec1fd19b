//! Browser tests of the Firehose, S3, IAM and CloudWatch pages: the object decoder on every
//! format Firehose writes, and the pages mounted behind their hash routes.
#![cfg(target_arch = "wasm32")]

use kinesis_sandbox::engine::firehose::Compression;
use kinesis_sandbox::ui::pages::s3::bucket::{hex_dump, json_records, unpack, Packing};
use std::time::Duration;
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

const RECORDS: &str = r#"{"sensorId":1,"status":"OK"}{"sensorId":2,"status":"OK"}"#;

#[wasm_bindgen_test]
fn every_compression_firehose_writes_decodes_back() {
    for (c, packing, key) in [
        (Compression::Uncompressed, Packing::Plain, "a"),
        (Compression::Gzip, Packing::Gzip, "a.gz"),
        (Compression::Zip, Packing::Zip, "a.zip"),
        (Compression::Snappy, Packing::Snappy, "a.snappy"),
        (Compression::HadoopSnappy, Packing::HadoopSnappy, "a.snappy"),
    ] {
        let packed = c.apply(RECORDS.as_bytes(), "a");
        assert_eq!(Packing::detect(key, &packed), packing, "{c:?}");
        assert_eq!(unpack(key, &packed).unwrap(), RECORDS.as_bytes(), "{c:?}");
    }
}

#[wasm_bindgen_test]
fn concatenated_json_records_are_counted() {
    assert_eq!(json_records(RECORDS), Some(2));
    assert_eq!(json_records("{\"a\":1}\n{\"a\":2}\n"), Some(2));
    assert_eq!(json_records("not json"), None);
    assert_eq!(json_records(""), None);
}

#[wasm_bindgen_test]
fn hex_dump_shows_offsets_bytes_and_text() {
    let dump = hex_dump(&[0x1f, 0x8b, b'A'], 4096);
    assert!(dump.starts_with("00000000  1f 8b 41 "), "{dump}");
    assert!(dump.trim_end().ends_with("..A"), "{dump}");
    let long = hex_dump(&[0u8; 40], 16);
    assert!(long.contains("… 24 more bytes"), "{long}");
}

fn heading(root: &Element) -> String {
    root.query_selector("main h1")
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn pages_mount_behind_their_routes_and_the_nav_lists_them_in_order() {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    window.location().set_hash("#/firehose").unwrap();
    yew::Renderer::<kinesis_sandbox::ui::App>::with_root(root.clone()).render();
    yew::platform::time::sleep(Duration::from_millis(50)).await;

    let links: Vec<String> = {
        let list = root
            .query_selector_all("nav[aria-label='Services'] a")
            .unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| n.text_content().unwrap_or_default())
            .collect()
    };
    let at = links
        .iter()
        .position(|l| l == "Kinesis Data Streams")
        .unwrap();
    assert_eq!(
        links[at..at + 13],
        [
            "Kinesis Data Streams",
            "Amazon Data Firehose",
            "Amazon Redshift",
            "Kinesis Video Streams",
            "Lambda",
            "Amazon OpenSearch Service",
            "S3",
            "IAM",
            "CloudWatch",
            "AWS Glue Data Catalog",
            "Amazon Quick Sight (QuickSight)",
            "Kinesis Data Generator",
            "Splunk (HEC)"
        ],
        "{links:?}"
    );
    assert!(heading(&root).starts_with("Amazon Data Firehose"));
    assert!(heading(&root).contains("(formerly Kinesis Data Firehose)"));

    for (hash, title) in [
        ("#/firehose/create", "Create delivery stream"),
        ("#/s3", "Amazon S3"),
        ("#/iam", "Roles"),
        ("#/cloudwatch", "CloudWatch"),
        ("#/s3/nope", "Bucket not found"),
        ("#/firehose/nope", "Delivery stream not found"),
    ] {
        window.location().set_hash(hash).unwrap();
        yew::platform::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(heading(&root), title, "{hash}");
    }
    // The wizard opens on step 1 with the source preset from the route.
    window
        .location()
        .set_hash("#/firehose/create/machinelearning")
        .unwrap();
    yew::platform::time::sleep(Duration::from_millis(100)).await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Step 1: Name and source"), "{text}");
    assert!(
        text.contains("You chose machinelearning in Kinesis Data Streams"),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn the_new_role_name_fits_iams_64_characters() {
    use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
    use kinesis_sandbox::ui::pages::firehose::create::new_role_name;
    let mut p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "machinelearningfirehose".into(),
        ..Default::default()
    };
    let name = new_role_name(&p, 1_578_774_758_791);
    assert_eq!(
        name,
        "KinesisFirehoseServiceRole-machinelearni-us-east-1-1578774758791"
    );
    assert_eq!(name.len(), 64);
    p.delivery_stream = "short".into();
    assert_eq!(
        new_role_name(&p, 1),
        "KinesisFirehoseServiceRole-short-us-east-1-1"
    );
}
