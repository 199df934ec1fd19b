//! Kinesis Video Streams in the browser: the recorded test pattern the labs send, put by the
//! producer, sampled by GetImages and decoded by the host (a `<video>` and a canvas) into
//! real images of the size asked for.
#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use kinesis_sandbox::engine::video::producer::TEST_PATTERN_WEBM;
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::host::video_frames;
use serde_json::json;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_recorded_test_pattern_decodes_into_images_of_the_size_asked_for() {
    let mut sb = Sandbox::default();
    sb.call(
        "KinesisVideo.CreateStream",
        json!({"StreamName": "cam", "DataRetentionInHours": 24}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    let start = sb.now().epoch_millis();
    sb.call(
        "KinesisVideoProducer.StartSending",
        json!({"StreamName": "cam", "Loop": false,
               "Media": base64::engine::general_purpose::STANDARD.encode(TEST_PATTERN_WEBM)}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(15));

    let plan = sb
        .video_prepare_images(json!({
            "StreamName": "cam", "ImageSelectorType": "PRODUCER_TIMESTAMP",
            "StartTimestamp": start as f64 / 1000.0, "EndTimestamp": (start + 7_000) as f64 / 1000.0,
            "SamplingInterval": 2000, "Format": "PNG", "WidthPixels": 160,
        }))
        .unwrap();
    let mut frames = Vec::new();
    for (_, file, offset) in plan.wanted() {
        frames.push(video_frames::decode(file, offset, &plan.spec).await);
    }
    assert!(frames.len() >= 4, "{} frames planned", frames.len());
    for png in frames.iter() {
        let png = png.as_ref().expect("the browser decodes the recorded VP8");
        assert_eq!(&png[1..4], b"PNG");
        // IHDR: width then height, big-endian, after the signature and the chunk's header.
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!(
            (width, height),
            (160, 90),
            "the 320 × 180 pattern's aspect ratio"
        );
    }
    let answer = sb.video_finish_images(&plan, &frames);
    let images = answer["Images"].as_array().unwrap();
    assert!(
        images.iter().all(|i| i["ImageContent"].is_string()),
        "{answer}"
    );
}
