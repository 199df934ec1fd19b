//! The sandbox's media producer (`KinesisVideoProducer.*`): a Matroska file sent to a video
//! stream fragment by fragment as the clock reaches each one, once or in a loop; its errors;
//! and the recorded test pattern the labs send.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use kinesis_sandbox::engine::state;
use kinesis_sandbox::engine::video::ebml;
use kinesis_sandbox::engine::video::producer::{Recording, TEST_PATTERN_WEBM};
use kinesis_sandbox::engine::{ApiError, Caller, Sandbox};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;

fn call(sb: &mut Sandbox, target: &str, body: Value) -> Value {
    sb.call(target, body)
        .unwrap_or_else(|e| panic!("{target}: {e}"))
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Stream `cam`, ACTIVE, keeping `hours` of media.
fn stream(hours: i64) -> Sandbox {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        "KinesisVideo.CreateStream",
        json!({"StreamName": "cam", "DataRetentionInHours": hours}),
    );
    sb.advance(Duration::from_secs(5));
    sb
}

fn start(sb: &mut Sandbox, media: &[u8], looping: bool) -> Result<Value, ApiError> {
    sb.call(
        "KinesisVideoProducer.StartSending",
        json!({"StreamName": "cam", "Media": b64(media), "Loop": looping}),
    )
}

fn describe(sb: &mut Sandbox) -> Value {
    call(
        sb,
        "KinesisVideoProducer.DescribeSending",
        json!({"StreamName": "cam"}),
    )
}

/// Every fragment of `cam`, oldest first: (number, producer ms, server ms).
fn fragments(sb: &mut Sandbox) -> Vec<(String, i64, i64)> {
    let answer = call(
        sb,
        "KinesisVideoArchivedMedia.ListFragments",
        json!({"StreamName": "cam", "MaxResults": 1000}),
    );
    let mut out: Vec<(String, i64, i64)> = answer["Fragments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["FragmentNumber"].as_str().unwrap().to_string(),
                (f["ProducerTimestamp"].as_f64().unwrap() * 1000.0).round() as i64,
                (f["ServerTimestamp"].as_f64().unwrap() * 1000.0).round() as i64,
            )
        })
        .collect();
    out.sort_by_key(|f| f.1);
    out
}

#[test]
fn the_recorded_test_pattern_is_ten_seconds_of_vp8_in_clusters_about_a_second_long() {
    let r = Recording::test_pattern();
    assert!(
        (8..=12).contains(&r.clusters.len()),
        "{} clusters",
        r.clusters.len()
    );
    assert_eq!(r.clusters[0].at_ms, 0);
    assert!(r.clusters.windows(2).all(|w| w[0].at_ms < w[1].at_ms));
    assert!((9_500..=11_000).contains(&r.length_ms), "{}", r.length_ms);
    assert!(String::from_utf8_lossy(&r.header).contains("V_VP8"));
    assert!(
        TEST_PATTERN_WEBM.len() < 48 * 1024,
        "{} bytes",
        TEST_PATTERN_WEBM.len()
    );
}

#[test]
fn a_file_is_sent_once_each_fragment_at_its_time_then_the_connection_ends() {
    let mut sb = stream(24);
    let t0 = sb.now().epoch_millis();
    let answer = start(&mut sb, TEST_PATTERN_WEBM, false).unwrap();
    let r = Recording::test_pattern();
    assert_eq!(answer["FragmentsPerPass"], r.clusters.len());
    sb.advance(Duration::from_secs(4));
    let early = fragments(&mut sb);
    // Only the clusters whose time came; the last of them may still be open (BUFFERING).
    let due = r.clusters.iter().filter(|c| c.at_ms <= 4000).count();
    assert!(early.len() <= due && early.len() + 1 >= due, "{early:?}");
    sb.advance(Duration::from_secs(20));
    let all = fragments(&mut sb);
    assert_eq!(all.len(), r.clusters.len());
    for (f, c) in all.iter().zip(&r.clusters) {
        assert_eq!(f.1, t0 + c.at_ms, "producer timestamp of {}", f.0);
        assert!(f.2 >= f.1, "received after it was made");
    }
    let d = describe(&mut sb);
    assert_eq!(d["Status"], "FINISHED");
    assert_eq!(d["FragmentsSent"], r.clusters.len());
    assert_eq!(d["Passes"], 1);
    assert!(d["LastAcks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["EventType"] == "PERSISTED"));
    // The producer's calls are in the event log under its own name.
    let puts = sb
        .events()
        .recent()
        .filter(|e| e.caller == Caller::Producer && e.target == "KinesisVideoMedia.PutMedia")
        .count();
    assert!(puts >= r.clusters.len() / 2, "{puts} PutMedia calls");
}

#[test]
fn a_loop_sends_pass_after_pass_with_rising_timestamps_even_through_a_jump() {
    let mut sb = stream(24);
    start(&mut sb, TEST_PATTERN_WEBM, true).unwrap();
    sb.advance(Duration::from_secs(300));
    let r = Recording::test_pattern();
    let all = fragments(&mut sb);
    let passes = 300_000 / r.length_ms as usize;
    assert!(
        all.len() >= passes * r.clusters.len(),
        "{} fragments in 300 s",
        all.len()
    );
    assert!(
        all.windows(2).all(|w| w[0].1 < w[1].1),
        "producer time rises"
    );
    let d = describe(&mut sb);
    assert_eq!(d["Status"], "SENDING");
    assert!(d["Passes"].as_u64().unwrap() >= passes as u64);
    // No call was throttled or refused.
    assert!(sb
        .events()
        .recent()
        .filter(|e| e.caller == Caller::Producer)
        .all(|e| e.error.is_none()));
}

#[test]
fn stop_sending_stops_and_the_stream_gets_nothing_more() {
    let mut sb = stream(24);
    start(&mut sb, TEST_PATTERN_WEBM, true).unwrap();
    sb.advance(Duration::from_secs(5));
    let stopped = call(
        &mut sb,
        "KinesisVideoProducer.StopSending",
        json!({"StreamName": "cam"}),
    );
    assert_eq!(stopped["Status"], "STOPPED");
    let before = fragments(&mut sb).len();
    sb.advance(Duration::from_secs(60));
    // The open fragment is closed by the idle timeout; no new one comes.
    assert!(fragments(&mut sb).len() <= before + 1);
    let again = sb
        .call(
            "KinesisVideoProducer.StopSending",
            json!({"StreamName": "cam"}),
        )
        .unwrap_err();
    assert_eq!(again.error_type(), "ResourceNotFoundException");
    assert_eq!(
        again.message(),
        Some("No producer is sending to stream cam.")
    );
}

#[test]
fn bad_files_and_streams_are_refused_in_the_apis_words() {
    let mut sb = stream(24);
    let e = sb
        .call(
            "KinesisVideoProducer.StartSending",
            json!({"StreamName": "cam", "Media": "not base64!"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "SerializationException");

    let e = start(&mut sb, b"ftypisom: an MP4 file", false).unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let message = e.message().unwrap();
    assert!(
        message.starts_with(
            "The file can't be sent to a video stream: it is not a Matroska (WebM or MKV) file"
        ),
        "{message}"
    );

    // A header and no clusters: nothing to send.
    let e = start(&mut sb, &ebml::webm_header("V_VP8"), false).unwrap_err();
    assert!(
        e.message().unwrap().contains("the file has no clusters"),
        "{e}"
    );

    let e = sb
        .call(
            "KinesisVideoProducer.StartSending",
            json!({"StreamName": "nope", "Media": b64(TEST_PATTERN_WEBM)}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");

    let e = sb
        .call("KinesisVideoProducer.StartSending", json!({}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.to_string().contains("2 validation errors"), "{e}");

    start(&mut sb, TEST_PATTERN_WEBM, true).unwrap();
    let e = start(&mut sb, TEST_PATTERN_WEBM, false).unwrap_err();
    assert_eq!(e.error_type(), "ResourceInUseException");
}

#[test]
fn a_stream_deleted_under_the_producer_fails_it_and_says_why() {
    let mut sb = stream(24);
    start(&mut sb, TEST_PATTERN_WEBM, true).unwrap();
    sb.advance(Duration::from_secs(3));
    let arn = call(
        &mut sb,
        "KinesisVideo.DescribeStream",
        json!({"StreamName": "cam"}),
    )["StreamInfo"]["StreamARN"]
        .as_str()
        .unwrap()
        .to_string();
    call(
        &mut sb,
        "KinesisVideo.DeleteStream",
        json!({"StreamARN": arn}),
    );
    sb.advance(Duration::from_secs(30));
    let d = describe(&mut sb);
    assert_eq!(d["Status"], "FAILED", "{d}");
    assert!(d["Error"].as_str().unwrap().contains("PutMedia"), "{d}");
}

#[test]
fn a_save_taken_mid_file_goes_on_from_the_same_fragment() {
    let mut sb = stream(24);
    start(&mut sb, TEST_PATTERN_WEBM, false).unwrap();
    sb.advance(Duration::from_secs(4));
    let text = state::save(&sb, &json!({}));
    let (mut loaded, _) = state::load(&text).unwrap();
    sb.advance(Duration::from_secs(20));
    loaded.advance(Duration::from_secs(20));
    assert_eq!(fragments(&mut sb), fragments(&mut loaded));
    assert_eq!(describe(&mut loaded)["Status"], "FINISHED");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// How the time is cut into advances changes nothing: the same fragments, numbers and
    /// timestamps.
    #[test]
    fn the_fragments_do_not_depend_on_how_time_is_advanced(steps in prop::collection::vec(1u64..40, 1..12)) {
        let total: u64 = steps.iter().sum();
        let mut stepped = stream(24);
        let mut once = stream(24);
        start(&mut stepped, TEST_PATTERN_WEBM, true).unwrap();
        start(&mut once, TEST_PATTERN_WEBM, true).unwrap();
        for s in &steps {
            stepped.advance(Duration::from_secs(*s));
        }
        once.advance(Duration::from_secs(total));
        prop_assert_eq!(fragments(&mut stepped), fragments(&mut once));
    }
}
