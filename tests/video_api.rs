//! Kinesis Video Streams through `Sandbox::call` and the AWS CLI: the control plane
//! (streams, statuses, versions, retention, tags, endpoints, errors), PutMedia's parsing of a
//! WebM byte stream into fragments and its acknowledgements, GetMedia's start selectors,
//! ListFragments, GetMediaForFragmentList, and retention as time passes.

// Native only: the property tests need proptest, a native dev-dependency.
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use kinesis_sandbox::cli;
use kinesis_sandbox::engine::state;
use kinesis_sandbox::engine::video::ebml::{Event, Reader};
use kinesis_sandbox::engine::{ApiError, Sandbox};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;

const CONTROL: &str = "KinesisVideo";
const MEDIA: &str = "KinesisVideoMedia";
const ARCHIVED: &str = "KinesisVideoArchivedMedia";

fn call(sb: &mut Sandbox, service: &str, op: &str, body: Value) -> Value {
    sb.call(&format!("{service}.{op}"), body)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn fail(sb: &mut Sandbox, service: &str, op: &str, body: Value) -> ApiError {
    match sb.call(&format!("{service}.{op}"), body) {
        Ok(v) => panic!("{op} answered {v}"),
        Err(e) => e,
    }
}

fn assert_error(e: &ApiError, kind: &str, message: &str) {
    assert_eq!(e.error_type(), kind, "{e}");
    assert_eq!(e.message(), Some(message), "{e}");
}

/// A sandbox with stream `cam` (retention `hours`), ACTIVE.
fn with_stream(hours: i64) -> Sandbox {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "cam", "DataRetentionInHours": hours, "MediaType": "video/webm"}),
    );
    sb.advance(Duration::from_secs(5));
    sb
}

fn describe(sb: &mut Sandbox, name: &str) -> Value {
    call(sb, CONTROL, "DescribeStream", json!({"StreamName": name}))["StreamInfo"].clone()
}

// ---- A small EBML writer, independent of the engine's ----

fn uint(v: u64) -> Vec<u8> {
    let bytes = v.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count().min(7);
    bytes[skip..].to_vec()
}

/// An element with its size written in 8 bytes (as many muxers do).
fn el(id: u32, body: &[u8]) -> Vec<u8> {
    let mut out: Vec<u8> = id
        .to_be_bytes()
        .into_iter()
        .skip_while(|&b| b == 0)
        .collect();
    out.push(0x01);
    out.extend_from_slice(&(body.len() as u64).to_be_bytes()[1..]);
    out.extend_from_slice(body);
    out
}

const UNKNOWN_SIZE: [u8; 8] = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

/// EBML header, Segment of unknown size, Info, Tracks with `tracks` tracks.
fn webm_header(tracks: u64) -> Vec<u8> {
    let mut out = el(0x1A45_DFA3, &el(0x4282, b"webm"));
    out.extend([0x18, 0x53, 0x80, 0x67]);
    out.extend(UNKNOWN_SIZE);
    out.extend(el(0x1549_A966, &el(0x2A_D7B1, &uint(1_000_000))));
    let mut entries = Vec::new();
    for t in 1..=tracks {
        let mut entry = el(0xD7, &uint(t));
        entry.extend(el(0x86, if t == 1 { b"V_VP8" } else { b"A_OPUS" }));
        entries.extend(el(0xAE, &entry));
    }
    out.extend(el(0x1654_AE6B, &entries));
    out
}

fn simple_block(track: u8, rel: i16, data: &[u8]) -> Vec<u8> {
    let mut body = vec![0x80 | track];
    body.extend(rel.to_be_bytes());
    body.push(0x80);
    body.extend_from_slice(data);
    el(0xA3, &body)
}

/// A cluster at `timecode` (ms) with frames at `frames` (track, ms after the timecode).
fn cluster_body(timecode: u64, frames: &[(u8, i16)]) -> Vec<u8> {
    let mut body = el(0xE7, &uint(timecode));
    for (i, &(track, rel)) in frames.iter().enumerate() {
        body.extend(simple_block(track, rel, &[i as u8; 16]));
    }
    body
}

fn cluster(timecode: u64, frames: &[(u8, i16)]) -> Vec<u8> {
    el(0x1F43_B675, &cluster_body(timecode, frames))
}

/// A cluster of unknown size, as a browser's MediaRecorder writes it.
fn live_cluster(timecode: u64, frames: &[(u8, i16)]) -> Vec<u8> {
    let mut out = vec![0x1F, 0x43, 0xB6, 0x75];
    out.extend(UNKNOWN_SIZE);
    out.extend(cluster_body(timecode, frames));
    out
}

/// A one-track video cluster of about 2 s: frames every 500 ms.
fn video_cluster(timecode: u64) -> Vec<u8> {
    cluster(
        timecode,
        &[(1, 0), (1, 500), (1, 1000), (1, 1500), (1, 2000)],
    )
}

/// A cluster's children, without its id and size (however the size is written).
fn cluster_contents(cluster: &[u8]) -> &[u8] {
    assert_eq!(&cluster[..4], &[0x1F, 0x43, 0xB6, 0x75]);
    let size_len = cluster[4].leading_zeros() as usize + 1;
    &cluster[4 + size_len..]
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn put(sb: &mut Sandbox, bytes: &[u8], extra: Value) -> Vec<Value> {
    let mut body = json!({
        "StreamName": "cam",
        "FragmentTimecodeType": "ABSOLUTE",
        "Payload": b64(bytes),
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    call(sb, MEDIA, "PutMedia", body)["Acks"]
        .as_array()
        .unwrap()
        .clone()
}

fn kinds(acks: &[Value]) -> Vec<String> {
    acks.iter()
        .map(|a| match a.get("ErrorId") {
            Some(id) => format!("ERROR {id}"),
            None => a["EventType"].as_str().unwrap().to_string(),
        })
        .collect()
}

/// A producer timestamp (ms) late enough for ABSOLUTE timecodes to be plausible.
const T0: u64 = 1_767_261_000_000;

/// Three 2-second fragments, ABSOLUTE from T0.
fn three_fragments() -> Vec<u8> {
    let mut bytes = webm_header(1);
    for i in 0..3 {
        bytes.extend(video_cluster(T0 + i * 2500));
    }
    bytes
}

fn get_media(sb: &mut Sandbox, selector: Value) -> Value {
    call(
        sb,
        MEDIA,
        "GetMedia",
        json!({"StreamName": "cam", "StartSelector": selector}),
    )
}

/// The clusters in a GetMedia payload, read back with the engine's reader.
fn clusters_in(answer: &Value) -> Vec<Vec<u8>> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["Payload"].as_str().unwrap())
        .unwrap();
    let mut reader = Reader::new();
    reader
        .feed(&bytes, true)
        .into_iter()
        .filter_map(|e| match e {
            Event::Cluster(c) => Some(c.bytes),
            Event::Invalid(why) => panic!("GetMedia payload is not MKV: {why}"),
            _ => None,
        })
        .collect()
}

fn list_fragments(sb: &mut Sandbox, extra: Value) -> Value {
    let mut body = json!({"StreamName": "cam"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    call(sb, ARCHIVED, "ListFragments", body)
}

// ---- Control plane ----

#[test]
fn streams_are_created_described_listed_updated_and_deleted() {
    let mut sb = Sandbox::default();
    let created = sb.now();
    let out = call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "door-cam", "DeviceName": "porch", "MediaType": "video/h264",
               "DataRetentionInHours": 24, "Tags": {"team": "home"}}),
    );
    let arn = format!(
        "arn:aws:kinesisvideo:us-east-1:123456789012:stream/door-cam/{}",
        created.epoch_millis()
    );
    assert_eq!(out, json!({"StreamARN": arn}));
    let info = describe(&mut sb, "door-cam");
    assert_eq!(info["Status"], "CREATING");
    assert_eq!(info["DeviceName"], "porch");
    assert_eq!(info["MediaType"], "video/h264");
    assert_eq!(info["DataRetentionInHours"], 24);
    assert_eq!(
        info["KmsKeyId"],
        "arn:aws:kms:us-east-1:123456789012:alias/aws/kinesisvideo"
    );
    assert_eq!(info["CreationTime"], json!(created.epoch_seconds()));
    let version = info["Version"].as_str().unwrap().to_string();
    assert_eq!(version.len(), 20);
    assert!(version.chars().all(|c| c.is_ascii_alphanumeric()));
    // The ARN names the stream as well as its name does.
    let by_arn = call(
        &mut sb,
        CONTROL,
        "DescribeStream",
        json!({"StreamARN": arn}),
    );
    assert_eq!(by_arn["StreamInfo"], info);
    sb.advance(Duration::from_secs(3));
    assert_eq!(describe(&mut sb, "door-cam")["Status"], "ACTIVE");

    call(
        &mut sb,
        CONTROL,
        "UpdateStream",
        json!({"StreamName": "door-cam", "CurrentVersion": version, "MediaType": "video/h265"}),
    );
    let info = describe(&mut sb, "door-cam");
    assert_eq!(info["Status"], "UPDATING");
    assert_eq!(info["MediaType"], "video/h265");
    assert_eq!(info["DeviceName"], "porch");
    assert_ne!(info["Version"], json!(version));
    sb.advance(Duration::from_secs(3));
    assert_eq!(describe(&mut sb, "door-cam")["Status"], "ACTIVE");

    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "garage"}),
    );
    let list = call(&mut sb, CONTROL, "ListStreams", json!({}));
    let names: Vec<_> = list["StreamInfoList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["StreamName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["door-cam", "garage"]);
    assert_eq!(list["StreamInfoList"][1]["DataRetentionInHours"], 0);
    assert!(list["StreamInfoList"][1].get("MediaType").is_none());

    call(&mut sb, CONTROL, "DeleteStream", json!({"StreamARN": arn}));
    assert_eq!(describe(&mut sb, "door-cam")["Status"], "DELETING");
    let e = fail(&mut sb, CONTROL, "DeleteStream", json!({"StreamARN": arn}));
    assert_eq!(e.error_type(), "ResourceInUseException");
    sb.advance(Duration::from_secs(3));
    let e = fail(
        &mut sb,
        CONTROL,
        "DescribeStream",
        json!({"StreamName": "door-cam"}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
    );
    // The name can be used again.
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "door-cam"}),
    );
}

#[test]
fn list_streams_filters_by_prefix_and_pages() {
    let mut sb = Sandbox::default();
    for name in ["cam-a", "cam-b", "cam-c", "door", "cam-d"] {
        call(
            &mut sb,
            CONTROL,
            "CreateStream",
            json!({"StreamName": name}),
        );
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = json!({"MaxResults": 3,
            "StreamNameCondition": {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "cam"}});
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let page = call(&mut sb, CONTROL, "ListStreams", body);
        for s in page["StreamInfoList"].as_array().unwrap() {
            seen.push(s["StreamName"].as_str().unwrap().to_string());
        }
        match page.get("NextToken") {
            Some(t) => token = Some(t.as_str().unwrap().to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ["cam-a", "cam-b", "cam-c", "cam-d"]);
    let e = fail(&mut sb, CONTROL, "ListStreams", json!({"MaxResults": 0}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: \
         Member must have value greater than or equal to 1",
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "ListStreams",
        json!({"StreamNameCondition": {"ComparisonOperator": "ENDS_WITH", "ComparisonValue": "a"}}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(&mut sb, CONTROL, "ListStreams", json!({"NextToken": "%%%"}));
    assert_error(
        &e,
        "InvalidArgumentException",
        "The NextToken is not valid.",
    );
}

#[test]
fn create_stream_checks_names_lengths_and_limits() {
    let mut sb = Sandbox::default();
    let e = fail(&mut sb, CONTROL, "CreateStream", json!({}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'streamName' failed to satisfy constraint: \
         Member must not be null",
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "front door", "MediaType": "h264"}),
    );
    assert_error(
        &e,
        "ValidationException",
        "2 validation errors detected: Value 'front door' at 'streamName' failed to satisfy \
         constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value \
         'h264' at 'mediaType' failed to satisfy constraint: Member must satisfy regular \
         expression pattern: [\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*",
    );
    let long = "a".repeat(257);
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": long}),
    );
    assert_error(
        &e,
        "ValidationException",
        &format!(
            "1 validation error detected: Value '{long}' at 'streamName' failed to satisfy \
             constraint: Member must have length less than or equal to 256"
        ),
    );
    let device = "d".repeat(129);
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "s", "DeviceName": device}),
    );
    assert!(e.message().unwrap().contains("at 'deviceName'"), "{e}");
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "s", "DataRetentionInHours": -1}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value '-1' at 'dataRetentionInHours' failed to satisfy \
         constraint: Member must have value greater than or equal to 0",
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "s", "DataRetentionInHours": 87_601}),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "DataRetentionInHours can be at most 87600 (10 years).",
    );
    let tags: serde_json::Map<String, Value> =
        (0..51).map(|i| (format!("k{i}"), json!("v"))).collect();
    let e = fail(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "s", "Tags": tags}),
    );
    assert_error(
        &e,
        "TagsPerResourceExceededLimitException",
        "A stream can have at most 50 tags.",
    );
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "s", "DataRetentionInHours": 87_600}),
    );
    let e = fail(&mut sb, CONTROL, "CreateStream", json!({"StreamName": "s"}));
    assert_error(&e, "ResourceInUseException", "The stream s already exists.");
    let e = fail(&mut sb, CONTROL, "DescribeStream", json!({}));
    assert_error(
        &e,
        "InvalidArgumentException",
        "Either StreamName or StreamARN must be specified.",
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "DescribeStream",
        json!({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s"}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.message().unwrap().contains("at 'streamARN'"));
}

#[test]
fn updates_need_the_current_version_and_an_active_stream() {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "cam"}),
    );
    let version = describe(&mut sb, "cam")["Version"].clone();
    let e = fail(
        &mut sb,
        CONTROL,
        "UpdateStream",
        json!({"StreamName": "cam", "CurrentVersion": version, "DeviceName": "x"}),
    );
    assert_error(
        &e,
        "ResourceInUseException",
        "Stream cam is CREATING; it can be changed once it is ACTIVE.",
    );
    sb.advance(Duration::from_secs(3));
    let e = fail(
        &mut sb,
        CONTROL,
        "UpdateStream",
        json!({"StreamName": "cam", "CurrentVersion": "old1", "DeviceName": "x"}),
    );
    assert_error(
        &e,
        "VersionMismatchException",
        &format!(
            "The stream version old1 does not match the current version {} of stream cam.",
            version.as_str().unwrap()
        ),
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "UpdateStream",
        json!({"StreamName": "cam", "DeviceName": "x"}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'currentVersion' failed to satisfy \
         constraint: Member must not be null",
    );
    let arn = describe(&mut sb, "cam")["StreamARN"].clone();
    let e = fail(
        &mut sb,
        CONTROL,
        "DeleteStream",
        json!({"StreamARN": arn, "CurrentVersion": "nope"}),
    );
    assert_eq!(e.error_type(), "VersionMismatchException");
    let e = fail(
        &mut sb,
        CONTROL,
        "DeleteStream",
        json!({"StreamName": "cam"}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    assert_eq!(describe(&mut sb, "cam")["Status"], "ACTIVE");
}

#[test]
fn retention_changes_are_relative_and_bounded() {
    let mut sb = with_stream(0);
    let change = |sb: &mut Sandbox, op: &str, hours: i64| {
        let version = describe(sb, "cam")["Version"].clone();
        let out = sb.call(
            "KinesisVideo.UpdateDataRetention",
            json!({"StreamName": "cam", "CurrentVersion": version, "Operation": op,
                   "DataRetentionChangeInHours": hours}),
        );
        sb.advance(Duration::from_secs(3));
        out
    };
    change(&mut sb, "INCREASE_DATA_RETENTION", 24).unwrap();
    assert_eq!(describe(&mut sb, "cam")["DataRetentionInHours"], 24);
    change(&mut sb, "INCREASE_DATA_RETENTION", 24).unwrap();
    assert_eq!(describe(&mut sb, "cam")["DataRetentionInHours"], 48);
    change(&mut sb, "DECREASE_DATA_RETENTION", 47).unwrap();
    assert_eq!(describe(&mut sb, "cam")["DataRetentionInHours"], 1);
    let e = change(&mut sb, "DECREASE_DATA_RETENTION", 2).unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "The retention of 1 hours cannot be decreased by 2 hours.",
    );
    let e = change(&mut sb, "INCREASE_DATA_RETENTION", 87_600).unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "Increasing the retention of 1 hours by 87600 hours would exceed the maximum of 87600 \
         hours.",
    );
    change(&mut sb, "INCREASE_DATA_RETENTION", 87_599).unwrap();
    assert_eq!(describe(&mut sb, "cam")["DataRetentionInHours"], 87_600);
    let e = change(&mut sb, "DECREASE_DATA_RETENTION", 0).unwrap_err();
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value '0' at 'dataRetentionChangeInHours' failed to \
         satisfy constraint: Member must have value greater than or equal to 1",
    );
    let e = change(&mut sb, "SET", 1).unwrap_err();
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value 'SET' at 'operation' failed to satisfy constraint: \
         Member must satisfy enum value set: [INCREASE_DATA_RETENTION, DECREASE_DATA_RETENTION]",
    );
    // Back to no retention at all.
    change(&mut sb, "DECREASE_DATA_RETENTION", 87_600).unwrap();
    assert_eq!(describe(&mut sb, "cam")["DataRetentionInHours"], 0);
}

#[test]
fn tags_are_added_listed_removed_and_limited() {
    let mut sb = with_stream(0);
    call(
        &mut sb,
        CONTROL,
        "TagStream",
        json!({"StreamName": "cam", "Tags": {"a": "1", "b": "2"}}),
    );
    call(
        &mut sb,
        CONTROL,
        "UntagStream",
        json!({"StreamName": "cam", "TagKeyList": ["a", "zz"]}),
    );
    let out = call(
        &mut sb,
        CONTROL,
        "ListTagsForStream",
        json!({"StreamName": "cam"}),
    );
    assert_eq!(out, json!({"Tags": {"b": "2"}}));
    let many: serde_json::Map<String, Value> =
        (0..49).map(|i| (format!("k{i}"), json!("v"))).collect();
    call(
        &mut sb,
        CONTROL,
        "TagStream",
        json!({"StreamName": "cam", "Tags": many}),
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "TagStream",
        json!({"StreamName": "cam", "Tags": {"one-too-many": "x"}}),
    );
    assert_error(
        &e,
        "TagsPerResourceExceededLimitException",
        "A stream can have at most 50 tags.",
    );
    // Changing an existing tag's value is not a new tag.
    call(
        &mut sb,
        CONTROL,
        "TagStream",
        json!({"StreamName": "cam", "Tags": {"b": "3"}}),
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "TagStream",
        json!({"StreamName": "nope", "Tags": {"b": "3"}}),
    );
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    let e = fail(
        &mut sb,
        CONTROL,
        "UntagStream",
        json!({"StreamName": "cam", "TagKeyList": []}),
    );
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn data_endpoints_are_given_per_api_for_active_streams() {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "cam"}),
    );
    let e = fail(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "PUT_MEDIA"}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
    );
    sb.advance(Duration::from_secs(3));
    let put = call(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "PUT_MEDIA"}),
    )["DataEndpoint"]
        .as_str()
        .unwrap()
        .to_string();
    let get = call(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "GET_MEDIA"}),
    )["DataEndpoint"]
        .clone();
    let hls = call(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "GET_HLS_STREAMING_SESSION_URL"}),
    )["DataEndpoint"]
        .clone();
    assert!(put.starts_with("https://s-"), "{put}");
    assert!(
        put.ends_with(".kinesisvideo.us-east-1.amazonaws.com"),
        "{put}"
    );
    assert_eq!(get, json!(put));
    assert!(hls.as_str().unwrap().starts_with("https://b-"));
    let e = fail(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "PUT_RECORDS"}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e
        .message()
        .unwrap()
        .contains("Member must satisfy enum value set: [PUT_MEDIA, GET_MEDIA,"));
}

// ---- PutMedia ----

#[test]
fn put_media_cuts_clusters_into_acknowledged_fragments() {
    let mut sb = with_stream(24);
    let acks = put(&mut sb, &three_fragments(), json!({}));
    assert_eq!(
        kinds(&acks),
        [
            "BUFFERING",
            "RECEIVED",
            "PERSISTED",
            "BUFFERING",
            "RECEIVED",
            "PERSISTED",
            "BUFFERING",
            "RECEIVED",
            "PERSISTED"
        ]
    );
    let numbers: Vec<&str> = acks
        .iter()
        .step_by(3)
        .map(|a| a["FragmentNumber"].as_str().unwrap())
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
    assert!(numbers
        .iter()
        .all(|n| n.len() == 47 && n.bytes().all(|b| b.is_ascii_digit())));
    // The three acks of a fragment name the same fragment and timecode.
    for triple in acks.chunks(3) {
        assert_eq!(triple[0]["FragmentNumber"], triple[2]["FragmentNumber"]);
        assert_eq!(triple[0]["FragmentTimecode"], triple[1]["FragmentTimecode"]);
    }
    assert_eq!(acks[3]["FragmentTimecode"], json!(T0 + 2500));

    let list = list_fragments(&mut sb, json!({}));
    let fragments = list["Fragments"].as_array().unwrap();
    assert_eq!(fragments.len(), 3);
    assert_eq!(fragments[1]["FragmentNumber"], acks[3]["FragmentNumber"]);
    assert_eq!(
        fragments[1]["ProducerTimestamp"],
        json!((T0 + 2500) as f64 / 1000.0)
    );
    assert_eq!(
        fragments[1]["ServerTimestamp"],
        json!(sb.now().epoch_seconds())
    );
    assert_eq!(fragments[1]["FragmentLengthInMilliseconds"], 2000);
    assert_eq!(
        fragments[0]["FragmentSizeInBytes"],
        json!(video_cluster(T0).len())
    );
}

#[test]
fn without_retention_fragments_are_received_but_not_persisted() {
    let mut sb = with_stream(0);
    let acks = put(&mut sb, &three_fragments(), json!({}));
    assert_eq!(
        kinds(&acks),
        [
            "BUFFERING",
            "RECEIVED",
            "BUFFERING",
            "RECEIVED",
            "BUFFERING",
            "RECEIVED"
        ]
    );
}

#[test]
fn relative_timecodes_start_at_the_producer_start_timestamp() {
    let mut sb = with_stream(1);
    let mut bytes = webm_header(1);
    bytes.extend(video_cluster(0));
    bytes.extend(video_cluster(2500));
    put(
        &mut sb,
        &bytes,
        json!({"FragmentTimecodeType": "RELATIVE", "ProducerStartTimestamp": 1_767_000_000.5}),
    );
    let list = list_fragments(&mut sb, json!({}));
    assert_eq!(
        list["Fragments"][0]["ProducerTimestamp"],
        json!(1_767_000_000.5)
    );
    assert_eq!(
        list["Fragments"][1]["ProducerTimestamp"],
        json!(1_767_000_003.0)
    );
    // Without a start timestamp, RELATIVE timecodes count from the request's arrival.
    let mut bytes = webm_header(1);
    bytes.extend(video_cluster(0));
    let now = sb.now();
    sb.advance(Duration::from_secs(1));
    let now_later = sb.now();
    assert!(now_later > now);
    put(&mut sb, &bytes, json!({"FragmentTimecodeType": "RELATIVE"}));
    let list = list_fragments(&mut sb, json!({}));
    assert_eq!(
        list["Fragments"][2]["ProducerTimestamp"],
        json!(now_later.epoch_seconds())
    );
}

#[test]
fn a_recorder_can_send_its_stream_a_chunk_at_a_time() {
    let mut sb = with_stream(24);
    // Unknown-size clusters, cut at arbitrary places, as MediaRecorder's timeslices come.
    let mut bytes = webm_header(2);
    bytes.extend(live_cluster(T0, &[(1, 0), (2, 10), (1, 1000)]));
    let second_start = bytes.len();
    bytes.extend(live_cluster(T0 + 2000, &[(1, 0), (2, 5)]));
    let cut_a = second_start - 7; // inside the first cluster's last block
    let cut_b = second_start + 35; // inside the second cluster, after its timecode
    let open = json!({"EndOfStream": false});
    let acks = put(&mut sb, &bytes[..cut_a], open.clone());
    // The first cluster's timecode arrived: BUFFERING.
    assert_eq!(kinds(&acks), ["BUFFERING"]);
    assert!(sb.video().stream("cam").unwrap().is_receiving());
    let acks2 = put(&mut sb, &bytes[cut_a..cut_b], open.clone());
    // The second cluster began, so the first one is complete.
    assert_eq!(kinds(&acks2), ["RECEIVED", "PERSISTED", "BUFFERING"]);
    assert_eq!(acks[0]["FragmentNumber"], acks2[0]["FragmentNumber"]);
    let acks3 = put(&mut sb, &bytes[cut_b..], json!({}));
    assert_eq!(kinds(&acks3), ["RECEIVED", "PERSISTED"]);
    assert!(!sb.video().stream("cam").unwrap().is_receiving());
    let list = list_fragments(&mut sb, json!({}));
    assert_eq!(list["Fragments"].as_array().unwrap().len(), 2);
    assert_eq!(list["Fragments"][0]["FragmentLengthInMilliseconds"], 1000);
    // A fragment is stored with its size written out, and reads back as the same frames.
    let got = clusters_in(&get_media(
        &mut sb,
        json!({"StartSelectorType": "EARLIEST"}),
    ));
    assert_eq!(got.len(), 2);
    assert_eq!(&got[0][..4], &[0x1F, 0x43, 0xB6, 0x75]);
    assert_ne!(&got[0][4..12], &UNKNOWN_SIZE);
}

#[test]
fn an_idle_connection_is_closed_and_its_last_cluster_kept() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    bytes.extend(live_cluster(T0, &[(1, 0), (1, 40)]));
    let acks = put(&mut sb, &bytes, json!({"EndOfStream": false}));
    assert_eq!(kinds(&acks), ["BUFFERING"]);
    sb.advance(Duration::from_secs(15));
    // Asking with no bytes is no data: the connection idles on.
    let idle = put(&mut sb, &[], json!({"EndOfStream": false}));
    assert_eq!(idle, [json!({"EventType": "IDLE"})]);
    sb.advance(Duration::from_secs(14));
    assert!(sb.video().stream("cam").unwrap().is_receiving());
    sb.advance(Duration::from_secs(1));
    assert!(!sb.video().stream("cam").unwrap().is_receiving());
    assert_eq!(sb.video().stream("cam").unwrap().fragments().count(), 1);
}

#[test]
fn put_media_refuses_what_it_can_detect_with_error_acks() {
    let cases: Vec<(Vec<u8>, Vec<&str>)> = vec![
        (b"not a video at all".to_vec(), vec!["ERROR 4006"]),
        (
            {
                let mut b = webm_header(1);
                b.extend(cluster(T0, &[(1, 0), (2, 10)]));
                b
            },
            vec!["BUFFERING", "ERROR 4010"],
        ),
        (
            {
                let mut b = webm_header(2);
                b.extend(cluster(T0, &[(1, 0), (1, 10)]));
                b
            },
            vec!["BUFFERING", "ERROR 4011"],
        ),
        (
            {
                let mut b = webm_header(4);
                b.extend(cluster(T0, &[(1, 0), (2, 1), (3, 2), (4, 3)]));
                b
            },
            vec!["BUFFERING", "ERROR 4012"],
        ),
        (
            {
                let mut b = webm_header(1);
                b.extend(cluster(T0, &[(1, 0), (1, 10_001)]));
                b
            },
            vec!["BUFFERING", "ERROR 4002"],
        ),
        (
            {
                let mut b = webm_header(1);
                b.extend(video_cluster(T0 + 10_000));
                b.extend(video_cluster(T0));
                b.extend(video_cluster(T0 + 20_000));
                b
            },
            // The third cluster is never read: an error ends the connection.
            vec![
                "BUFFERING",
                "RECEIVED",
                "PERSISTED",
                "BUFFERING",
                "ERROR 4004",
            ],
        ),
        (
            {
                // Cut off inside a cluster of known size.
                let mut b = webm_header(1);
                b.extend(video_cluster(T0));
                b.truncate(b.len() - 3);
                b
            },
            vec!["BUFFERING", "ERROR 4006"],
        ),
        (
            {
                let mut b = el(0x1A45_DFA3, &el(0x4282, b"avi"));
                b.extend(video_cluster(T0));
                b
            },
            vec!["ERROR 4006"],
        ),
    ];
    for (bytes, expected) in cases {
        let mut sb = with_stream(24);
        let acks = put(&mut sb, &bytes, json!({}));
        assert_eq!(kinds(&acks), expected, "{acks:?}");
        assert!(!sb.video().stream("cam").unwrap().is_receiving());
    }
    // A timecode must also be later than the last fragment of an earlier connection.
    let mut sb = with_stream(24);
    put(&mut sb, &three_fragments(), json!({}));
    let acks = put(&mut sb, &three_fragments(), json!({}));
    assert_eq!(kinds(&acks), ["BUFFERING", "ERROR 4004"]);
    assert_eq!(acks[1]["FragmentTimecode"], json!(T0));
}

#[test]
fn put_media_checks_its_request_and_its_stream() {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        CONTROL,
        "CreateStream",
        json!({"StreamName": "cam"}),
    );
    let body = json!({"StreamName": "cam", "FragmentTimecodeType": "ABSOLUTE",
                      "Payload": b64(&three_fragments())});
    let e = fail(&mut sb, MEDIA, "PutMedia", body.clone());
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
    );
    sb.advance(Duration::from_secs(3));
    let e = fail(
        &mut sb,
        MEDIA,
        "PutMedia",
        json!({"StreamName": "cam", "FragmentTimecodeType": "LOCAL"}),
    );
    assert_error(
        &e,
        "ValidationException",
        "2 validation errors detected: Value 'LOCAL' at 'fragmentTimecodeType' failed to \
         satisfy constraint: Member must satisfy enum value set: [ABSOLUTE, RELATIVE]; Value \
         null at 'payload' failed to satisfy constraint: Member must not be null",
    );
    // Five calls a second per stream.
    for _ in 0..5 {
        sb.call("KinesisVideoMedia.PutMedia", body.clone()).unwrap();
    }
    let e = fail(&mut sb, MEDIA, "PutMedia", body.clone());
    assert_error(
        &e,
        "ClientLimitExceededException",
        "Kinesis Video Streams has throttled the request because you have exceeded the limit \
         of allowed client calls. Try making the call later.",
    );
    sb.advance(Duration::from_secs(1));
    sb.call("KinesisVideoMedia.PutMedia", body).unwrap();
    // A stream being deleted takes no media.
    let arn = describe(&mut sb, "cam")["StreamARN"].clone();
    call(&mut sb, CONTROL, "DeleteStream", json!({"StreamARN": arn}));
    let e = fail(
        &mut sb,
        MEDIA,
        "PutMedia",
        json!({"StreamName": "cam", "FragmentTimecodeType": "ABSOLUTE", "Payload": ""}),
    );
    assert_eq!(e.error_type(), "ResourceNotFoundException");
}

/// A Tags element of SimpleTags (name, value), as a producer writes fragment metadata.
fn metadata(items: &[(&str, &str)]) -> Vec<u8> {
    let mut tag = el(0x63C0, &[]);
    for (name, value) in items {
        let mut simple = el(0x45A3, name.as_bytes());
        simple.extend(el(0x4487, value.as_bytes()));
        tag.extend(el(0x67C8, &simple));
    }
    el(0x1254_C367, &el(0x7373, &tag))
}

#[test]
fn fragment_metadata_goes_with_the_next_fragment_and_is_limited() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    bytes.extend(metadata(&[("room", "kitchen"), ("motion", "yes")]));
    bytes.extend(video_cluster(T0));
    bytes.extend(video_cluster(T0 + 2500));
    put(&mut sb, &bytes, json!({}));
    let stream = sb.video().stream("cam").unwrap();
    let kept: Vec<_> = stream.fragments().map(|f| f.metadata.clone()).collect();
    assert_eq!(
        kept,
        [
            vec![
                ("room".to_string(), "kitchen".to_string()),
                ("motion".to_string(), "yes".to_string())
            ],
            vec![]
        ]
    );
    let out = get_media(&mut sb, json!({"StartSelectorType": "EARLIEST"}));
    let payload = base64::engine::general_purpose::STANDARD
        .decode(out["Payload"].as_str().unwrap())
        .unwrap();
    assert!(String::from_utf8_lossy(&payload).contains("kitchen"));
    assert_eq!(clusters_in(&out).len(), 2);

    let eleven: Vec<(String, String)> = (0..11).map(|i| (format!("k{i}"), "v".into())).collect();
    let eleven: Vec<(&str, &str)> = eleven
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let long_name = "n".repeat(129);
    let long_value = "v".repeat(257);
    for items in [
        eleven,
        vec![(long_name.as_str(), "v")],
        vec![("n", long_value.as_str())],
    ] {
        let mut sb = with_stream(24);
        let mut bytes = webm_header(1);
        bytes.extend(metadata(&items));
        bytes.extend(video_cluster(T0));
        let acks = put(&mut sb, &bytes, json!({}));
        assert_eq!(kinds(&acks), ["BUFFERING", "ERROR 4009"]);
    }
    // Ten items of the longest names and values are fine.
    let name = "n".repeat(128);
    let value = "v".repeat(256);
    let names: Vec<String> = (0..10).map(|i| format!("{i}{}", &name[1..])).collect();
    let items: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), value.as_str())).collect();
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    bytes.extend(metadata(&items));
    bytes.extend(video_cluster(T0));
    assert_eq!(
        kinds(&put(&mut sb, &bytes, json!({}))),
        ["BUFFERING", "RECEIVED", "PERSISTED"]
    );
}

#[test]
fn a_stream_deleted_under_an_open_connection_answers_error_4008() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    bytes.extend(live_cluster(T0, &[(1, 0), (1, 40)]));
    let first = put(&mut sb, &bytes, json!({"EndOfStream": false}));
    assert_eq!(kinds(&first), ["BUFFERING"]);
    let arn = describe(&mut sb, "cam")["StreamARN"].clone();
    call(&mut sb, CONTROL, "DeleteStream", json!({"StreamARN": arn}));
    let acks = put(&mut sb, &live_cluster(T0 + 2000, &[(1, 0)]), json!({}));
    assert_eq!(kinds(&acks), ["ERROR 4008"]);
    assert_eq!(acks[0]["FragmentNumber"], first[0]["FragmentNumber"]);
    assert_eq!(acks[0]["FragmentTimecode"], json!(T0));
    // The connection is gone: the next call is refused outright.
    let e = fail(
        &mut sb,
        MEDIA,
        "PutMedia",
        json!({"StreamName": "cam", "FragmentTimecodeType": "ABSOLUTE",
               "Payload": b64(&live_cluster(T0 + 4000, &[(1, 0)]))}),
    );
    assert_eq!(e.error_type(), "ResourceNotFoundException");
}

#[test]
fn the_sandbox_keeps_a_bounded_amount_of_video() {
    let mut sb = with_stream(24);
    let big = vec![7u8; 33 * 1024 * 1024];
    let fragment = |tc: u64| {
        let mut body = el(0xE7, &uint(tc));
        body.extend(simple_block(1, 0, &big));
        let mut b = webm_header(1);
        b.extend(el(0x1F43_B675, &body));
        b
    };
    put(&mut sb, &fragment(T0), json!({}));
    assert_eq!(sb.video().stream("cam").unwrap().fragments().count(), 1);
    put(&mut sb, &fragment(T0 + 1000), json!({}));
    let left: Vec<u64> = sb
        .video()
        .stream("cam")
        .unwrap()
        .fragments()
        .map(|f| f.timecode)
        .collect();
    assert_eq!(left, [T0 + 1000]);
}

// ---- Reading ----

#[test]
fn get_media_starts_where_its_selector_says() {
    let mut sb = with_stream(24);
    let sent = put(&mut sb, &three_fragments(), json!({}));
    let numbers: Vec<String> = sent
        .iter()
        .step_by(3)
        .map(|a| a["FragmentNumber"].as_str().unwrap().to_string())
        .collect();
    let all = get_media(&mut sb, json!({"StartSelectorType": "EARLIEST"}));
    assert_eq!(all["ContentType"], "video/webm");
    assert_eq!(
        clusters_in(&all),
        [
            video_cluster(T0),
            video_cluster(T0 + 2500),
            video_cluster(T0 + 5000)
        ]
    );
    assert_eq!(all["ContinuationToken"], json!(numbers[2]));
    // The payload carries the fragment's tags.
    let payload = base64::engine::general_purpose::STANDARD
        .decode(all["Payload"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8_lossy(&payload);
    for tag in [
        "AWS_KINESISVIDEO_FRAGMENT_NUMBER",
        "AWS_KINESISVIDEO_SERVER_TIMESTAMP",
        "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP",
        "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW",
        "AWS_KINESISVIDEO_CONTINUATION_TOKEN",
    ] {
        assert!(text.contains(tag), "{tag}");
    }
    assert!(text.contains(&numbers[1]));

    let after = get_media(
        &mut sb,
        json!({"StartSelectorType": "FRAGMENT_NUMBER", "AfterFragmentNumber": numbers[0]}),
    );
    assert_eq!(clusters_in(&after).len(), 2);
    let producer = get_media(
        &mut sb,
        json!({"StartSelectorType": "PRODUCER_TIMESTAMP",
               "StartTimestamp": (T0 + 3000) as f64 / 1000.0}),
    );
    // The fragment holding that moment (T0 + 2500 … T0 + 4500) and the next one.
    assert_eq!(
        clusters_in(&producer),
        [video_cluster(T0 + 2500), video_cluster(T0 + 5000)]
    );
    // NOW: nothing yet, and a token to follow the stream from here.
    let now = get_media(&mut sb, json!({"StartSelectorType": "NOW"}));
    assert!(clusters_in(&now).is_empty());
    assert_eq!(now["ContinuationToken"], json!(numbers[2]));
    sb.advance(Duration::from_secs(10));
    let later = sb.now();
    let mut more = webm_header(1);
    more.extend(video_cluster(T0 + 7500));
    put(&mut sb, &more, json!({}));
    let next = get_media(
        &mut sb,
        json!({"StartSelectorType": "CONTINUATION_TOKEN",
               "ContinuationToken": now["ContinuationToken"]}),
    );
    assert_eq!(clusters_in(&next), [video_cluster(T0 + 7500)]);
    // Nothing new: the same token comes back.
    let again = get_media(
        &mut sb,
        json!({"StartSelectorType": "CONTINUATION_TOKEN",
               "ContinuationToken": next["ContinuationToken"]}),
    );
    assert!(clusters_in(&again).is_empty());
    assert_eq!(again["ContinuationToken"], next["ContinuationToken"]);
    let server = get_media(
        &mut sb,
        json!({"StartSelectorType": "SERVER_TIMESTAMP", "StartTimestamp": later.epoch_seconds()}),
    );
    assert_eq!(clusters_in(&server), [video_cluster(T0 + 7500)]);

    let e = fail(
        &mut sb,
        MEDIA,
        "GetMedia",
        json!({"StreamName": "cam", "StartSelector": {"StartSelectorType": "FRAGMENT_NUMBER"}}),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "AfterFragmentNumber is required when StartSelectorType is FRAGMENT_NUMBER.",
    );
    let e = fail(
        &mut sb,
        MEDIA,
        "GetMedia",
        json!({"StreamName": "cam", "StartSelector": {"StartSelectorType": "LATEST"}}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(
        &mut sb,
        MEDIA,
        "GetMedia",
        json!({"StreamName": "cam", "StartSelector":
               {"StartSelectorType": "CONTINUATION_TOKEN", "ContinuationToken": "12345"}}),
    );
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let e = fail(&mut sb, MEDIA, "GetMedia", json!({"StreamName": "cam"}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'startSelector' failed to satisfy \
         constraint: Member must not be null",
    );
}

#[test]
fn the_cli_lists_fragments() {
    let mut sb = with_stream(24);
    put(&mut sb, &three_fragments(), json!({}));
    let line = format!(
        "aws kinesis-video-archived-media list-fragments --stream-name cam --fragment-selector          '{{\"FragmentSelectorType\": \"PRODUCER_TIMESTAMP\", \"TimestampRange\":          {{\"StartTimestamp\": {}, \"EndTimestamp\": {}}}}}'",
        (T0 + 2500) as f64 / 1000.0,
        (T0 + 5000) as f64 / 1000.0
    );
    let out = cli::run(&mut sb, &line);
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let v: Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(v["Fragments"].as_array().unwrap().len(), 2);
    let out = cli::run(
        &mut sb,
        "aws kinesis-video-archived-media list-fragments --stream-name cam --max-results 1",
    );
    let v: Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(v["Fragments"].as_array().unwrap().len(), 1);
    assert!(v.get("NextToken").is_some());
}

#[test]
fn list_fragments_selects_by_timestamp_and_pages() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    for i in 0..7 {
        bytes.extend(video_cluster(T0 + i * 2500));
    }
    put(&mut sb, &bytes, json!({}));
    let selected = list_fragments(
        &mut sb,
        json!({"FragmentSelector": {"FragmentSelectorType": "PRODUCER_TIMESTAMP",
               "TimestampRange": {"StartTimestamp": (T0 + 2500) as f64 / 1000.0,
                                  "EndTimestamp": (T0 + 10_000) as f64 / 1000.0}}}),
    );
    let ts: Vec<f64> = selected["Fragments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["ProducerTimestamp"].as_f64().unwrap())
        .collect();
    assert_eq!(ts.len(), 4);
    assert_eq!(ts[0], (T0 + 2500) as f64 / 1000.0);
    let mut seen = 0;
    let mut token = None;
    loop {
        let mut extra = json!({"MaxResults": 3});
        if let Some(t) = &token {
            extra["NextToken"] = json!(t);
        }
        let page = list_fragments(&mut sb, extra);
        seen += page["Fragments"].as_array().unwrap().len();
        match page.get("NextToken") {
            Some(t) => token = Some(t.clone()),
            None => break,
        }
    }
    assert_eq!(seen, 7);
    let e = fail(
        &mut sb,
        ARCHIVED,
        "ListFragments",
        json!({"StreamName": "cam", "FragmentSelector": {"FragmentSelectorType": "SERVER_TIMESTAMP",
               "TimestampRange": {"StartTimestamp": 10, "EndTimestamp": 5}}}),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "The EndTimestamp must be later than the StartTimestamp.",
    );
    let e = fail(
        &mut sb,
        ARCHIVED,
        "ListFragments",
        json!({"StreamName": "cam", "FragmentSelector": {"FragmentSelectorType": "SERVER_TIMESTAMP"}}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'fragmentSelector.timestampRange' failed \
         to satisfy constraint: Member must not be null",
    );
    let e = fail(
        &mut sb,
        ARCHIVED,
        "ListFragments",
        json!({"StreamName": "cam", "MaxResults": 1001}),
    );
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn get_media_for_fragment_list_returns_the_fragments_asked_for() {
    let mut sb = with_stream(24);
    let acks = put(&mut sb, &three_fragments(), json!({}));
    let third = acks[6]["FragmentNumber"].clone();
    let first = acks[0]["FragmentNumber"].clone();
    let out = call(
        &mut sb,
        ARCHIVED,
        "GetMediaForFragmentList",
        json!({"StreamName": "cam", "Fragments": [third, first]}),
    );
    assert_eq!(
        clusters_in(&out),
        [video_cluster(T0 + 5000), video_cluster(T0)]
    );
    let missing = format!("{}9", &first.as_str().unwrap()[..46]);
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetMediaForFragmentList",
        json!({"StreamName": "cam", "Fragments": [missing]}),
    );
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetMediaForFragmentList",
        json!({"StreamName": "cam", "Fragments": ["12a"]}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value '12a' at 'fragments.1.member' failed to satisfy \
         constraint: Member must satisfy regular expression pattern: ^[0-9]+$",
    );
}

// ---- Retention ----

#[test]
fn with_no_retention_only_five_minutes_are_readable_and_nothing_is_archived() {
    let mut sb = with_stream(0);
    put(&mut sb, &three_fragments(), json!({}));
    assert_eq!(
        clusters_in(&get_media(
            &mut sb,
            json!({"StartSelectorType": "EARLIEST"})
        ))
        .len(),
        3
    );
    for op in ["ListFragments", "GetMediaForFragmentList"] {
        let e = fail(
            &mut sb,
            ARCHIVED,
            op,
            json!({"StreamName": "cam", "Fragments": ["1"]}),
        );
        assert_error(
            &e,
            "NoDataRetentionException",
            "Stream cam has no data retention (DataRetentionInHours is 0): its media is not \
             archived.",
        );
    }
    sb.advance(Duration::from_secs(299));
    assert_eq!(sb.video().stream("cam").unwrap().fragments().count(), 3);
    sb.advance(Duration::from_secs(1));
    assert_eq!(sb.video().stream("cam").unwrap().fragments().count(), 0);
    assert!(clusters_in(&get_media(
        &mut sb,
        json!({"StartSelectorType": "EARLIEST"})
    ))
    .is_empty());
}

#[test]
fn fragments_older_than_the_retention_disappear() {
    let mut sb = with_stream(1);
    put(&mut sb, &three_fragments(), json!({}));
    sb.advance(Duration::from_secs(30 * 60));
    let mut more = webm_header(1);
    more.extend(video_cluster(T0 + 60_000));
    put(&mut sb, &more, json!({}));
    sb.advance(Duration::from_secs(30 * 60 - 1));
    assert_eq!(
        list_fragments(&mut sb, json!({}))["Fragments"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    sb.advance(Duration::from_secs(1));
    let left = list_fragments(&mut sb, json!({}));
    assert_eq!(left["Fragments"].as_array().unwrap().len(), 1);
    assert_eq!(
        left["Fragments"][0]["ProducerTimestamp"],
        json!((T0 + 60_000) as f64 / 1000.0)
    );
    // Decreasing the retention applies at once to what is stored.
    let mut sb = with_stream(2);
    put(&mut sb, &three_fragments(), json!({}));
    sb.advance(Duration::from_secs(90 * 60));
    let version = describe(&mut sb, "cam")["Version"].clone();
    call(
        &mut sb,
        CONTROL,
        "UpdateDataRetention",
        json!({"StreamName": "cam", "CurrentVersion": version,
               "Operation": "DECREASE_DATA_RETENTION", "DataRetentionChangeInHours": 1}),
    );
    assert_eq!(sb.video().stream("cam").unwrap().fragments().count(), 0);
}

// ---- CLI, saves, determinism ----

#[test]
fn the_cli_speaks_kinesisvideo() {
    let mut sb = Sandbox::default();
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo create-stream --stream-name cam --data-retention-in-hours 24 \
         --media-type video/h264 --tags team=home",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert!(out.text.contains("\"StreamARN\""), "{}", out.text);
    sb.advance(Duration::from_secs(3));
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo describe-stream --stream-name cam",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let info: Value = serde_json::from_str(&out.text).unwrap();
    let version = info["StreamInfo"]["Version"].as_str().unwrap().to_string();
    let arn = info["StreamInfo"]["StreamARN"]
        .as_str()
        .unwrap()
        .to_string();
    for line in [
        format!(
            "aws kinesisvideo update-data-retention --stream-name cam --current-version {version} \
             --operation INCREASE_DATA_RETENTION --data-retention-change-in-hours 24"
        ),
        "aws kinesisvideo list-streams --stream-name-condition \
         ComparisonOperator=BEGINS_WITH,ComparisonValue=ca"
            .to_string(),
        "aws kinesisvideo get-data-endpoint --stream-name cam --api-name GET_MEDIA".to_string(),
        "aws kinesisvideo tag-stream --stream-name cam --tags env=lab".to_string(),
        "aws kinesisvideo untag-stream --stream-name cam --tag-key-list team".to_string(),
        "aws kinesisvideo list-tags-for-stream --stream-name cam".to_string(),
    ] {
        let out = cli::run(&mut sb, &line);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.text);
    }
    sb.advance(Duration::from_secs(3));
    let info = describe(&mut sb, "cam");
    assert_eq!(info["DataRetentionInHours"], 48);
    let version = info["Version"].as_str().unwrap();
    let out = cli::run(
        &mut sb,
        &format!(
            "aws kinesisvideo update-stream --stream-name cam --current-version {version} \
             --device-name porch"
        ),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo list-tags-for-stream --stream-name cam",
    );
    assert_eq!(
        serde_json::from_str::<Value>(&out.text).unwrap(),
        json!({"Tags": {"env": "lab"}})
    );
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo describe-stream --stream-name nope",
    );
    assert_eq!(out.exit_code, 254);
    assert!(
        out.text.contains(
            "An error occurred (ResourceNotFoundException) when calling the DescribeStream \
             operation: The requested stream is not found or not active."
        ),
        "{}",
        out.text
    );
    let out = cli::run(
        &mut sb,
        &format!("aws kinesisvideo delete-stream --stream-arn {arn}"),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws kinesis-video-archived-media list-fragments --stream-name cam",
    );
    assert_eq!(out.exit_code, 254);
    assert!(
        out.text.contains("ResourceNotFoundException"),
        "{}",
        out.text
    );
    assert!(cli::complete("aws kinesisvideo update-d")
        .iter()
        .any(|c| c.contains("update-data-retention")));
}

#[test]
fn streams_and_fragments_survive_a_save_and_an_old_save_has_none() {
    let mut sb = with_stream(24);
    let acks = put(&mut sb, &three_fragments(), json!({}));
    let text = state::save(&sb, &json!({}));
    let (mut back, _) = state::load(&text).unwrap();
    assert_eq!(describe(&mut back, "cam"), describe(&mut sb, "cam"));
    let got = clusters_in(&get_media(
        &mut back,
        json!({"StartSelectorType": "EARLIEST"}),
    ));
    assert_eq!(got.len(), 3);
    // Numbering goes on where it was.
    let mut more = webm_header(1);
    more.extend(video_cluster(T0 + 7500));
    let next = put(&mut back, &more, json!({}));
    assert!(next[0]["FragmentNumber"].as_str() > acks[6]["FragmentNumber"].as_str());
    // A save from before Kinesis Video Streams existed loads with no video streams.
    let old = include_str!("fixtures/saves/v1-pipeline.json");
    let (mut old_sb, _) = state::load(old).unwrap();
    assert_eq!(old_sb.video().streams().count(), 0);
    let list = call(&mut old_sb, CONTROL, "ListStreams", json!({}));
    assert_eq!(list, json!({"StreamInfoList": []}));
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["sandbox"]
        .as_object_mut()
        .unwrap()
        .remove("video")
        .unwrap();
    let (without, _) = state::load(&doc.to_string()).unwrap();
    assert_eq!(without.video().streams().count(), 0);
}

#[test]
fn the_same_calls_give_the_same_answers() {
    let run = || {
        let mut sb = with_stream(24);
        let mut out = vec![json!(put(&mut sb, &three_fragments(), json!({})))];
        out.push(describe(&mut sb, "cam"));
        out.push(get_media(&mut sb, json!({"StartSelectorType": "EARLIEST"})));
        out
    };
    assert_eq!(run(), run());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any run of clusters, sent in any pieces, becomes as many fragments, numbered in
    /// increasing order, each kept byte for byte.
    #[test]
    fn any_clusters_in_any_pieces_become_as_many_fragments(
        gaps in proptest::collection::vec(1u64..9_000, 1..8),
        frames in proptest::collection::vec(1usize..6, 8),
        live in any::<bool>(),
        cuts in proptest::collection::vec(any::<proptest::sample::Index>(), 0..6),
    ) {
        let mut sb = with_stream(24);
        let mut bytes = webm_header(1);
        let mut expected = Vec::new();
        let mut tc = T0;
        for (i, gap) in gaps.iter().enumerate() {
            tc += gap + 1000;
            let n = frames[i];
            let fs: Vec<(u8, i16)> = (0..n).map(|k| (1, (k as i16) * 200)).collect();
            let c = if live { live_cluster(tc, &fs) } else { cluster(tc, &fs) };
            expected.push(cluster(tc, &fs));
            bytes.extend(c);
        }
        let mut points: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len())).collect();
        points.push(0);
        points.push(bytes.len());
        points.sort_unstable();
        points.dedup();
        let mut acks = Vec::new();
        for w in points.windows(2) {
            let last = w[1] == bytes.len();
            acks.extend(put(&mut sb, &bytes[w[0]..w[1]], json!({"EndOfStream": last})));
            // PutMedia takes five calls a second.
            sb.advance(Duration::from_millis(250));
        }
        let received: Vec<&str> = acks
            .iter()
            .filter(|a| a["EventType"] == "RECEIVED")
            .map(|a| a["FragmentNumber"].as_str().unwrap())
            .collect();
        prop_assert!(!acks.iter().any(|a| a["EventType"] == "ERROR"), "{:?}", acks);
        prop_assert_eq!(received.len(), gaps.len());
        prop_assert!(received.windows(2).all(|w| w[0] < w[1]));
        let got = clusters_in(&get_media(&mut sb, json!({"StartSelectorType": "EARLIEST"})));
        let got: Vec<&[u8]> = got.iter().map(|c| cluster_contents(c)).collect();
        let expected: Vec<&[u8]> = expected.iter().map(|c| cluster_contents(c)).collect();
        prop_assert_eq!(got, expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever bytes follow a valid header, PutMedia answers (with acks, maybe an ERROR)
    /// and never fails or panics; what it kept reads back.
    #[test]
    fn any_bytes_get_an_answer(
        tail in proptest::collection::vec(any::<u8>(), 0..300),
        with_cluster in any::<bool>(),
    ) {
        let mut sb = with_stream(1);
        let mut bytes = webm_header(1);
        if with_cluster {
            bytes.extend(video_cluster(T0));
        }
        bytes.extend(tail);
        let acks = put(&mut sb, &bytes, json!({}));
        let kept = sb.video().stream("cam").unwrap().fragments().count();
        let received = acks.iter().filter(|a| a["EventType"] == "RECEIVED").count();
        prop_assert_eq!(kept, received);
        let got = clusters_in(&get_media(&mut sb, json!({"StartSelectorType": "EARLIEST"})));
        prop_assert_eq!(got.len(), kept);
    }
}

/// The console's Media producer: MediaRecorder's pieces (header and clusters of unknown size,
/// cut anywhere) sent one PutMedia call each with `EndOfStream: false`, RELATIVE timecodes
/// from the producer's start in seconds, then an empty payload that ends the connection; the
/// pages' views see what ListFragments lists, newest first.
#[test]
fn the_console_producer_sends_pieces_and_the_views_follow_list_fragments() {
    let mut sb = with_stream(24);
    let start = sb.now().epoch_seconds();
    let mut recording = webm_header(1);
    for i in 0..4u64 {
        recording.extend(live_cluster(i * 1000, &[(1, 0), (1, 500)]));
    }
    let pieces: Vec<&[u8]> = recording.chunks(recording.len() / 3 + 1).collect();
    let mut acks = Vec::new();
    for piece in pieces {
        acks.extend(put(
            &mut sb,
            piece,
            json!({"FragmentTimecodeType": "RELATIVE", "ProducerStartTimestamp": start, "EndOfStream": false}),
        ));
        sb.advance(Duration::from_secs(1));
    }
    acks.extend(put(
        &mut sb,
        &[],
        json!({"FragmentTimecodeType": "RELATIVE", "ProducerStartTimestamp": start, "EndOfStream": true}),
    ));
    let persisted = kinds(&acks).iter().filter(|k| *k == "PERSISTED").count();
    assert_eq!(persisted, 4, "{acks:?}");
    assert!(!kinds(&acks).iter().any(|k| k.starts_with("ERROR")));
    let listed = call(
        &mut sb,
        ARCHIVED,
        "ListFragments",
        json!({"StreamName": "cam"}),
    );
    let mut numbers: Vec<String> = listed["Fragments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["FragmentNumber"].as_str().unwrap().to_string())
        .collect();
    numbers.reverse();
    let stream = sb.video().stream("cam").unwrap();
    assert_eq!(stream.fragment_count(), 4);
    let newest: Vec<String> = stream
        .newest_fragments(10)
        .map(|f| f.number.clone())
        .collect();
    assert_eq!(newest, numbers);
    assert_eq!(stream.newest_fragments(2).count(), 2);
    let first = stream.newest_fragments(4).last().unwrap();
    assert_eq!(first.producer_ms, (start * 1000.0).round() as i64);
}

// ---- GetClip ----

/// EBML header, Segment, Info and one track of `codec` with `private` as its CodecPrivate.
fn header_with(codec: &str, private: Option<&[u8]>) -> Vec<u8> {
    let mut out = el(0x1A45_DFA3, &el(0x4282, b"matroska"));
    out.extend([0x18, 0x53, 0x80, 0x67]);
    out.extend(UNKNOWN_SIZE);
    out.extend(el(0x1549_A966, &el(0x2A_D7B1, &uint(1_000_000))));
    let mut entry = el(0xD7, &uint(1));
    entry.extend(el(0x86, codec.as_bytes()));
    if let Some(p) = private {
        entry.extend(el(0x63A2, p));
    }
    out.extend(el(0x1654_AE6B, &el(0xAE, &entry)));
    out
}

/// An AVC decoder configuration record (version 1, High profile), as H.264 producers send.
const AVCC: &[u8] = &[
    0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x04, 0x67, 0x64, 0x00, 0x1F, 0x01, 0x00, 0x02, 0x68,
    0xEE,
];

fn clip(sb: &mut Sandbox, kind: &str, start_ms: u64, end_ms: u64) -> Result<Value, ApiError> {
    sb.call(
        "KinesisVideoArchivedMedia.GetClip",
        json!({"StreamName": "cam", "ClipFragmentSelector": {
        "FragmentSelectorType": kind,
        "TimestampRange": {
            "StartTimestamp": start_ms as f64 / 1000.0,
            "EndTimestamp": end_ms as f64 / 1000.0,
        }}}),
    )
}

/// A clip's file read back: its headers' codecs and its clusters (timecode, contents).
fn clip_parts(answer: &Value) -> (Vec<String>, Vec<(u64, Vec<u8>)>) {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(answer["Payload"].as_str().unwrap())
        .unwrap();
    let mut codecs = Vec::new();
    let mut clusters = Vec::new();
    for event in Reader::new().feed(&bytes, true) {
        match event {
            Event::Header(h) => codecs.extend(h.tracks.iter().map(|t| t.codec_id.clone().unwrap())),
            Event::Cluster(c) => {
                let contents = cluster_contents(&c.bytes).to_vec();
                clusters.push((c.timecode.unwrap(), contents));
            }
            Event::Invalid(why) => panic!("the clip is not Matroska: {why}"),
            _ => {}
        }
    }
    (codecs, clusters)
}

/// The SimpleBlocks' bodies of a cluster's contents (the frames, whatever the sizes' coding).
fn blocks_of(contents: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < contents.len() {
        let id_len = contents[pos].leading_zeros() as usize + 1;
        let id = contents[pos..pos + id_len]
            .iter()
            .fold(0u32, |a, &b| (a << 8) | u32::from(b));
        pos += id_len;
        let size_len = contents[pos].leading_zeros() as usize + 1;
        let mut size = u64::from(contents[pos]) & (0xFFu64 >> size_len);
        for &b in &contents[pos + 1..pos + size_len] {
            size = (size << 8) | u64::from(b);
        }
        pos += size_len;
        let end = pos + size as usize;
        if id == 0xA3 {
            out.push(contents[pos..end].to_vec());
        }
        pos = end;
    }
    out
}

#[test]
fn a_clip_is_one_webm_file_of_exactly_the_fragments_in_range() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    let sent: Vec<Vec<u8>> = (0..5).map(|i| video_cluster(T0 + i * 2500)).collect();
    for c in &sent {
        bytes.extend(c);
    }
    put(&mut sb, &bytes, json!({}));
    sb.advance(Duration::from_secs(1));
    // Fragments that start at or after the start, and at or before the end, are in it.
    let answer = clip(&mut sb, "PRODUCER_TIMESTAMP", T0 + 2500, T0 + 7500).unwrap();
    assert_eq!(answer["ContentType"], "video/webm");
    let (codecs, clusters) = clip_parts(&answer);
    assert_eq!(codecs, ["V_VP8"]);
    assert_eq!(
        clusters.iter().map(|c| c.0).collect::<Vec<_>>(),
        [0, 2500, 5000],
        "retimed to start at 0"
    );
    for (i, (_, contents)) in clusters.iter().enumerate() {
        assert_eq!(
            blocks_of(contents),
            blocks_of(cluster_contents(&sent[i + 1])),
            "fragment {}",
            i + 1
        );
    }
    // A fragment that starts before the start is left out, even if it runs past it.
    sb.advance(Duration::from_secs(1));
    let (_, clusters) =
        clip_parts(&clip(&mut sb, "PRODUCER_TIMESTAMP", T0 + 1, T0 + 2500).unwrap());
    assert_eq!(clusters.len(), 1);
    sb.advance(Duration::from_secs(1));
    let e = clip(&mut sb, "PRODUCER_TIMESTAMP", T0 + 10_001, T0 + 20_000).unwrap_err();
    assert_error(
        &e,
        "ResourceNotFoundException",
        "No fragments found in the requested time range.",
    );
    // By server timestamp: all five were received at the same moment.
    let at = sb.now().epoch_millis() as u64 - 3000;
    sb.advance(Duration::from_secs(1));
    let (_, clusters) = clip_parts(&clip(&mut sb, "SERVER_TIMESTAMP", at, at + 1).unwrap());
    assert_eq!(clusters.len(), 5);
}

#[test]
fn a_clip_holds_at_most_200_fragments() {
    let mut sb = with_stream(24);
    let mut bytes = webm_header(1);
    for i in 0..205 {
        bytes.extend(cluster(T0 + i * 1000, &[(1, 0), (1, 500)]));
    }
    let acks = put(&mut sb, &bytes, json!({}));
    assert_eq!(
        kinds(&acks).iter().filter(|k| *k == "PERSISTED").count(),
        205
    );
    let answer = clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 300_000).unwrap();
    let (_, clusters) = clip_parts(&answer);
    assert_eq!(clusters.len(), 200);
    assert_eq!(
        clusters.last().unwrap().0,
        199_000,
        "the first 200 from the start"
    );
}

#[test]
fn get_clip_checks_its_request_retention_and_rate() {
    let mut sb = with_stream(24);
    put(&mut sb, &three_fragments(), json!({}));
    let e = fail(&mut sb, ARCHIVED, "GetClip", json!({"StreamName": "cam"}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'clipFragmentSelector' failed to satisfy \
         constraint: Member must not be null",
    );
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetClip",
        json!({"StreamName": "cam", "ClipFragmentSelector": {"FragmentSelectorType": "NOW"}}),
    );
    assert_error(
        &e,
        "ValidationException",
        "2 validation errors detected: Value 'NOW' at \
         'clipFragmentSelector.fragmentSelectorType' failed to satisfy constraint: Member must \
         satisfy enum value set: [PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]; Value null at \
         'clipFragmentSelector.timestampRange' failed to satisfy constraint: Member must not \
         be null",
    );
    let e = clip(&mut sb, "PRODUCER_TIMESTAMP", T0 + 10, T0 + 10).unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "The EndTimestamp must be later than the StartTimestamp.",
    );
    sb.advance(Duration::from_secs(1));
    let e = clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 24 * 3_600_000 + 1).unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "The EndTimestamp must be within 24 hours of the StartTimestamp.",
    );
    sb.advance(Duration::from_secs(1));
    let now = sb.now().epoch_millis() as u64;
    let e = clip(&mut sb, "SERVER_TIMESTAMP", now - 5000, now + 5000).unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "With SERVER_TIMESTAMP, the EndTimestamp must be in the past.",
    );
    // One GetClip a second per stream.
    sb.advance(Duration::from_secs(1));
    clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 10_000).unwrap();
    let e = clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 10_000).unwrap_err();
    assert_error(
        &e,
        "ClientLimitExceededException",
        "Kinesis Video Streams has throttled the request because you have exceeded the limit \
         of allowed client calls. Try making the call later.",
    );
    sb.advance(Duration::from_secs(1));
    clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 10_000).unwrap();
    // With no data retention there is no archive to clip.
    let mut sb = with_stream(0);
    put(&mut sb, &three_fragments(), json!({}));
    let e = clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 10_000).unwrap_err();
    assert_error(
        &e,
        "NoDataRetentionException",
        "Stream cam has no data retention (DataRetentionInHours is 0): its media is not \
         archived.",
    );
    let e = sb
        .call(
            "KinesisVideoArchivedMedia.GetClip",
            json!({"StreamName": "nope", "ClipFragmentSelector": {
                "FragmentSelectorType": "PRODUCER_TIMESTAMP",
                "TimestampRange": {"StartTimestamp": 1, "EndTimestamp": 2}}}),
        )
        .unwrap_err();
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested stream is not found or not active.",
    );
}

#[test]
fn get_clip_takes_h264_with_codec_private_data_and_refuses_other_codecs_as_aws() {
    /// A track's codec and CodecPrivate, and GetClip's content type or error type.
    type Case<'a> = (&'a str, Option<&'a [u8]>, Result<&'a str, &'a str>);
    let cases: [Case; 5] = [
        ("V_MPEG/ISO/AVC", Some(AVCC), Ok("video/x-matroska")),
        (
            "V_MPEG/ISO/AVC",
            None,
            Err("MissingCodecPrivateDataException"),
        ),
        (
            "V_MPEG/ISO/AVC",
            Some(&[0x00, 0x64, 0x00]),
            Err("InvalidCodecPrivateDataException"),
        ),
        (
            "V_MPEG4/ISO/ASP",
            None,
            Err("UnsupportedStreamMediaTypeException"),
        ),
        ("V_VP9", None, Ok("video/webm")),
    ];
    for (codec, private, expected) in cases {
        let mut sb = with_stream(24);
        let mut bytes = header_with(codec, private);
        bytes.extend(video_cluster(T0));
        let acks = put(&mut sb, &bytes, json!({}));
        assert!(
            kinds(&acks).contains(&"PERSISTED".to_string()),
            "{codec}: {acks:?}"
        );
        match (clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 1000), expected) {
            (Ok(answer), Ok(content_type)) => {
                assert_eq!(answer["ContentType"], content_type, "{codec}");
                assert_eq!(clip_parts(&answer).1.len(), 1);
            }
            (Err(e), Err(kind)) => assert_eq!(e.error_type(), kind, "{codec}: {e}"),
            (got, _) => panic!("{codec}: {got:?}"),
        }
    }
    let mut sb = with_stream(24);
    let mut bytes = header_with("V_MPEG4/ISO/ASP", None);
    bytes.extend(video_cluster(T0));
    put(&mut sb, &bytes, json!({}));
    assert_error(
        &clip(&mut sb, "PRODUCER_TIMESTAMP", T0, T0 + 1000).unwrap_err(),
        "UnsupportedStreamMediaTypeException",
        "The type of the media (for example, h.264 or h.265 video or AAC or G.711 audio) could \
         not be determined from the codec IDs of the tracks in the first fragment for a \
         playback session. The codec ID for track 1 should be V_MPEG/ISO/AVC and, optionally, \
         the codec ID for track 2 should be A_AAC.",
    );
}

// ---- HLS and DASH streaming sessions ----

/// Stream `cam` (retention `hours`) holding three 2-second fragments of `codec`, from T0.
fn stream_of(hours: i64, codec: &str, private: Option<&[u8]>) -> Sandbox {
    let mut sb = with_stream(hours);
    let mut bytes = header_with(codec, private);
    for i in 0..3 {
        bytes.extend(video_cluster(T0 + i * 2500));
    }
    let acks = put(&mut sb, &bytes, json!({}));
    assert!(
        !kinds(&acks).iter().any(|k| k.starts_with("ERROR")),
        "{acks:?}"
    );
    sb
}

fn session(sb: &mut Sandbox, op: &str, extra: Value) -> Result<Value, ApiError> {
    let mut body = json!({"StreamName": "cam"});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    sb.call(&format!("{ARCHIVED}.{op}"), body)
}

fn on_demand(selector: &str) -> Value {
    json!({"PlaybackMode": "ON_DEMAND", selector: {
        "FragmentSelectorType": "PRODUCER_TIMESTAMP",
        "TimestampRange": {"StartTimestamp": T0 as f64 / 1000.0,
                           "EndTimestamp": (T0 + 10_000) as f64 / 1000.0}}})
}

#[test]
fn a_session_url_has_aws_shape_for_an_h264_stream() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let url = session(&mut sb, "GetHLSStreamingSessionURL", json!({})).unwrap()
        ["HLSStreamingSessionURL"]
        .as_str()
        .unwrap()
        .to_string();
    let endpoint = call(
        &mut sb,
        CONTROL,
        "GetDataEndpoint",
        json!({"StreamName": "cam", "APIName": "GET_HLS_STREAMING_SESSION_URL"}),
    )["DataEndpoint"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(endpoint.starts_with("https://b-"), "{endpoint}");
    let token = url
        .strip_prefix(&format!(
            "{endpoint}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken="
        ))
        .unwrap_or_else(|| panic!("{url}"));
    assert!(token.len() > 32, "{token}");
    let dash = session(&mut sb, "GetDASHStreamingSessionURL", json!({})).unwrap()
        ["DASHStreamingSessionURL"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        dash.starts_with(&format!(
            "{endpoint}/dash/v1/getDASHManifest.mpd?SessionToken="
        )),
        "{dash}"
    );
    // H.265 with its configuration record and AAC audio alone also play.
    let hevc = [1u8; 23];
    let mut sb = stream_of(24, "V_MPEG/ISO/HEVC", Some(&hevc));
    session(&mut sb, "GetHLSStreamingSessionURL", json!({})).unwrap();
    let mut sb = stream_of(24, "A_AAC", Some(&[0x12, 0x10]));
    session(&mut sb, "GetDASHStreamingSessionURL", json!({})).unwrap();
}

#[test]
fn sessions_need_retention_and_h264_with_codec_private_data() {
    for op in ["GetHLSStreamingSessionURL", "GetDASHStreamingSessionURL"] {
        // The browser's VP8, as the console's test pattern records it.
        let mut sb = stream_of(24, "V_VP8", None);
        let e = session(&mut sb, op, json!({})).unwrap_err();
        assert_eq!(
            e.error_type(),
            "UnsupportedStreamMediaTypeException",
            "{op}"
        );
        assert!(
            e.message().unwrap().contains(
                "The codec ID for track 1 should be V_MPEG/ISO/AVC and, optionally, the codec \
                 ID for track 2 should be A_AAC"
            ),
            "{e}"
        );
        let mut sb = stream_of(24, "V_MPEG/ISO/AVC", None);
        assert_error(
            &session(&mut sb, op, json!({})).unwrap_err(),
            "MissingCodecPrivateDataException",
            "No codec private data was found in at least one of tracks of the video stream.",
        );
        let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(&[0x02, 0, 0, 0, 0, 0, 0]));
        assert_error(
            &session(&mut sb, op, json!({})).unwrap_err(),
            "InvalidCodecPrivateDataException",
            "The codec private data in at least one of the tracks of the video stream is not \
             valid for this operation.",
        );
        let mut sb = stream_of(0, "V_MPEG/ISO/AVC", Some(AVCC));
        assert_error(
            &session(&mut sb, op, json!({})).unwrap_err(),
            "NoDataRetentionException",
            "Stream cam has no data retention (DataRetentionInHours is 0): its media is not \
             archived.",
        );
        let e = sb
            .call(&format!("{ARCHIVED}.{op}"), json!({"StreamName": "nope"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "ResourceNotFoundException");
    }
}

#[test]
fn every_session_parameter_is_validated() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let e = session(
        &mut sb,
        "GetHLSStreamingSessionURL",
        json!({"PlaybackMode": "REPLAY",
               "HLSFragmentSelector": {"FragmentSelectorType": "NOW"},
               "ContainerFormat": "MP4", "DiscontinuityMode": "SOMETIMES",
               "DisplayFragmentTimestamp": "YES", "Expires": 299,
               "MaxMediaPlaylistFragmentResults": 5001}),
    )
    .unwrap_err();
    assert_error(
        &e,
        "ValidationException",
        "7 validation errors detected: Value 'REPLAY' at 'playbackMode' failed to satisfy \
         constraint: Member must satisfy enum value set: [LIVE, LIVE_REPLAY, ON_DEMAND]; \
         Value 'NOW' at 'hLSFragmentSelector.fragmentSelectorType' failed to satisfy \
         constraint: Member must satisfy enum value set: [PRODUCER_TIMESTAMP, \
         SERVER_TIMESTAMP]; Value 'MP4' at 'containerFormat' failed to satisfy constraint: \
         Member must satisfy enum value set: [FRAGMENTED_MP4, MPEG_TS]; Value 'SOMETIMES' at \
         'discontinuityMode' failed to satisfy constraint: Member must satisfy enum value set: \
         [ALWAYS, NEVER, ON_DISCONTINUITY]; Value 'YES' at 'displayFragmentTimestamp' failed \
         to satisfy constraint: Member must satisfy enum value set: [ALWAYS, NEVER]; Value \
         '299' at 'expires' failed to satisfy constraint: Member must have value greater than \
         or equal to 300; Value '5001' at 'maxMediaPlaylistFragmentResults' failed to satisfy \
         constraint: Member must have value less than or equal to 5000",
    );
    let e = session(
        &mut sb,
        "GetDASHStreamingSessionURL",
        json!({"DisplayFragmentNumber": "SOMETIMES", "Expires": 43_201,
               "MaxManifestFragmentResults": 0}),
    )
    .unwrap_err();
    assert_error(
        &e,
        "ValidationException",
        "3 validation errors detected: Value 'SOMETIMES' at 'displayFragmentNumber' failed to \
         satisfy constraint: Member must satisfy enum value set: [ALWAYS, NEVER]; Value \
         '43201' at 'expires' failed to satisfy constraint: Member must have value less than \
         or equal to 43200; Value '0' at 'maxManifestFragmentResults' failed to satisfy \
         constraint: Member must have value greater than or equal to 1",
    );
    // The bounds themselves are accepted.
    session(
        &mut sb,
        "GetHLSStreamingSessionURL",
        json!({"Expires": 43_200, "MaxMediaPlaylistFragmentResults": 1,
               "ContainerFormat": "MPEG_TS", "DiscontinuityMode": "NEVER",
               "DisplayFragmentTimestamp": "ALWAYS"}),
    )
    .unwrap();
}

#[test]
fn playback_modes_follow_their_timestamp_rules() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let range = |start: u64, end: u64| {
        json!({"FragmentSelectorType": "PRODUCER_TIMESTAMP", "TimestampRange": {
            "StartTimestamp": start as f64 / 1000.0, "EndTimestamp": end as f64 / 1000.0}})
    };
    let cases = [
        (
            json!({"PlaybackMode": "LIVE", "HLSFragmentSelector": range(T0, T0 + 1000)}),
            "InvalidArgumentException",
            "The TimestampRange must not be set when PlaybackMode is LIVE.",
        ),
        (
            json!({"PlaybackMode": "ON_DEMAND"}),
            "InvalidArgumentException",
            "The StartTimestamp and EndTimestamp are required when PlaybackMode is ON_DEMAND.",
        ),
        (
            json!({"PlaybackMode": "LIVE_REPLAY",
                   "HLSFragmentSelector": {"FragmentSelectorType": "PRODUCER_TIMESTAMP"}}),
            "InvalidArgumentException",
            "The StartTimestamp is required when PlaybackMode is LIVE_REPLAY.",
        ),
        (
            json!({"PlaybackMode": "ON_DEMAND", "HLSFragmentSelector": range(T0 + 5, T0)}),
            "InvalidArgumentException",
            "The EndTimestamp must be later than the StartTimestamp.",
        ),
        (
            json!({"PlaybackMode": "ON_DEMAND",
                   "HLSFragmentSelector": range(T0, T0 + 25 * 3_600_000)}),
            "InvalidArgumentException",
            "The EndTimestamp must be within 24 hours of the StartTimestamp.",
        ),
        (
            json!({"PlaybackMode": "ON_DEMAND",
                   "HLSFragmentSelector": range(T0 + 9000, T0 + 20_000)}),
            "ResourceNotFoundException",
            "No fragments found in the requested time range for ON_DEMAND.",
        ),
    ];
    for (extra, kind, message) in cases {
        let e = session(&mut sb, "GetHLSStreamingSessionURL", extra.clone()).unwrap_err();
        assert_error(&e, kind, message);
    }
    // LIVE_REPLAY needs only its start.
    session(
        &mut sb,
        "GetHLSStreamingSessionURL",
        json!({"PlaybackMode": "LIVE_REPLAY", "HLSFragmentSelector": {
            "FragmentSelectorType": "PRODUCER_TIMESTAMP",
            "TimestampRange": {"StartTimestamp": T0 as f64 / 1000.0}}}),
    )
    .unwrap();
    // LIVE needs a fragment received in the last 30 seconds.
    sb.advance(Duration::from_secs(31));
    assert_error(
        &session(&mut sb, "GetHLSStreamingSessionURL", json!({})).unwrap_err(),
        "ResourceNotFoundException",
        "No fragments found for a LIVE session: stream cam received none in the last 30 \
         seconds.",
    );
    session(
        &mut sb,
        "GetHLSStreamingSessionURL",
        on_demand("HLSFragmentSelector"),
    )
    .unwrap();
}

#[test]
fn an_eleventh_session_closes_the_oldest() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let token = |v: Value| {
        v["HLSStreamingSessionURL"]
            .as_str()
            .unwrap()
            .split("SessionToken=")
            .nth(1)
            .unwrap()
            .to_string()
    };
    let mut tokens = Vec::new();
    for _ in 0..11 {
        let url = session(
            &mut sb,
            "GetHLSStreamingSessionURL",
            on_demand("HLSFragmentSelector"),
        )
        .unwrap();
        tokens.push(token(url));
    }
    // The eleventh succeeded and closed the first; the second is still open.
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetHLSMasterPlaylist",
        json!({"SessionToken": tokens[0]}),
    );
    assert_error(
        &e,
        "NotAuthorizedException",
        "The session token is not valid.",
    );
    for t in &tokens[1..] {
        call(
            &mut sb,
            ARCHIVED,
            "GetHLSMasterPlaylist",
            json!({"SessionToken": t}),
        );
    }
    // DASH sessions are counted apart: ten of them close no HLS session.
    for _ in 0..10 {
        session(
            &mut sb,
            "GetDASHStreamingSessionURL",
            on_demand("DASHFragmentSelector"),
        )
        .unwrap();
    }
    call(
        &mut sb,
        ARCHIVED,
        "GetHLSMasterPlaylist",
        json!({"SessionToken": tokens[1]}),
    );
    // Sessions expire after Expires seconds (300 by default) of simulated time.
    sb.advance(Duration::from_secs(300));
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetHLSMasterPlaylist",
        json!({"SessionToken": tokens[10]}),
    );
    assert_eq!(e.error_type(), "NotAuthorizedException");
}

#[test]
fn an_hls_session_serves_its_playlists_until_it_expires() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let url = session(
        &mut sb,
        "GetHLSStreamingSessionURL",
        json!({"PlaybackMode": "ON_DEMAND", "Expires": 600, "HLSFragmentSelector": {
            "FragmentSelectorType": "PRODUCER_TIMESTAMP",
            "TimestampRange": {"StartTimestamp": (T0 + 2500) as f64 / 1000.0,
                               "EndTimestamp": (T0 + 10_000) as f64 / 1000.0}}}),
    )
    .unwrap()["HLSStreamingSessionURL"]
        .as_str()
        .unwrap()
        .to_string();
    let token = url.split("SessionToken=").nth(1).unwrap().to_string();
    let master = call(
        &mut sb,
        ARCHIVED,
        "GetHLSMasterPlaylist",
        json!({"SessionToken": token}),
    );
    let text = master["Payload"].as_str().unwrap();
    assert!(text.starts_with("#EXTM3U\n"), "{text}");
    assert!(
        text.contains(&format!("getHLSMediaPlaylist.m3u8?SessionToken={token}")),
        "{text}"
    );
    let media = call(
        &mut sb,
        ARCHIVED,
        "GetHLSMediaPlaylist",
        json!({"SessionToken": token}),
    );
    let text = media["Payload"].as_str().unwrap();
    let numbers: Vec<String> = sb
        .video()
        .stream("cam")
        .unwrap()
        .fragments()
        .map(|f| f.number.clone())
        .collect();
    assert_eq!(text.matches("#EXTINF:2.000,").count(), 2, "{text}");
    assert!(!text.contains(&numbers[0]), "before the range: {text}");
    assert!(
        text.contains(&format!("FragmentNumber={}", numbers[1])),
        "{text}"
    );
    assert!(
        text.contains(&format!("FragmentNumber={}", numbers[2])),
        "{text}"
    );
    assert!(
        text.contains("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4"),
        "{text}"
    );
    assert!(text.ends_with("#EXT-X-ENDLIST\n"), "{text}");
    sb.advance(Duration::from_secs(599));
    call(
        &mut sb,
        ARCHIVED,
        "GetHLSMediaPlaylist",
        json!({"SessionToken": token}),
    );
    sb.advance(Duration::from_secs(1));
    let e = fail(
        &mut sb,
        ARCHIVED,
        "GetHLSMediaPlaylist",
        json!({"SessionToken": token}),
    );
    assert_eq!(e.http_status(), 401);
    assert_error(
        &e,
        "NotAuthorizedException",
        "The session token is not valid.",
    );
    let e = fail(&mut sb, ARCHIVED, "GetHLSMasterPlaylist", json!({}));
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn the_cli_opens_streaming_sessions() {
    let mut sb = stream_of(24, "V_MPEG/ISO/AVC", Some(AVCC));
    let out = cli::run(
        &mut sb,
        "aws kinesis-video-archived-media get-hls-streaming-session-url --stream-name cam \
         --playback-mode LIVE --expires 600",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert!(
        out.text.contains("getHLSMasterPlaylist.m3u8?SessionToken="),
        "{}",
        out.text
    );
    let out = cli::run(
        &mut sb,
        &format!(
            "aws kinesis-video-archived-media get-dash-streaming-session-url --stream-name cam \
             --playback-mode ON_DEMAND --dash-fragment-selector \
             '{{\"FragmentSelectorType\":\"PRODUCER_TIMESTAMP\",\"TimestampRange\":\
             {{\"StartTimestamp\":{},\"EndTimestamp\":{}}}}}'",
            T0 / 1000,
            T0 / 1000 + 10
        ),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert!(
        out.text.contains("getDASHManifest.mpd?SessionToken="),
        "{}",
        out.text
    );
    let mut sb = stream_of(24, "V_VP8", None);
    let out = cli::run(
        &mut sb,
        "aws kinesis-video-archived-media get-hls-streaming-session-url --stream-name cam",
    );
    assert_eq!(out.exit_code, 254);
    assert!(
        out.text.contains(
            "An error occurred (UnsupportedStreamMediaTypeException) when calling the \
             GetHLSStreamingSessionURL operation"
        ),
        "{}",
        out.text
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Whatever the fragments and the range, a clip holds exactly the fragments whose
    /// producer timestamp lies in the range (the first 200 of them), in order, frames intact.
    #[test]
    fn a_clip_holds_exactly_the_fragments_in_its_range(
        gaps in proptest::collection::vec(1u64..4_000, 1..12),
        start in 0u64..40_000,
        length in 1u64..40_000,
    ) {
        let mut sb = with_stream(24);
        let mut bytes = webm_header(1);
        let mut sent = Vec::new();
        let mut tc = T0;
        for gap in &gaps {
            tc += gap + 1000;
            let c = cluster(tc, &[(1, 0), (1, 400)]);
            sent.push((tc, c.clone()));
            bytes.extend(c);
        }
        put(&mut sb, &bytes, json!({}));
        let (start, end) = (T0 + start, T0 + start + length);
        let expected: Vec<&(u64, Vec<u8>)> =
            sent.iter().filter(|(t, _)| *t >= start && *t <= end).collect();
        match clip(&mut sb, "PRODUCER_TIMESTAMP", start, end) {
            Ok(answer) => {
                let (_, clusters) = clip_parts(&answer);
                prop_assert_eq!(clusters.len(), expected.len());
                for ((timecode, contents), (t, c)) in clusters.iter().zip(&expected) {
                    prop_assert_eq!(*timecode, t - expected[0].0);
                    prop_assert_eq!(blocks_of(contents), blocks_of(cluster_contents(c)));
                }
            }
            Err(e) => {
                prop_assert!(expected.is_empty(), "{}", e);
                prop_assert_eq!(e.error_type(), "ResourceNotFoundException");
            }
        }
    }
}
