//! Saves written by earlier releases load in this one and the pipeline in them keeps working:
//! nothing the learner built or sent is lost or delivered twice. One fixture per save format
//! (see `tests/fixtures/saves/README.md`).

mod support;

use flate2::read::GzDecoder;
use kinesis_sandbox::engine::firehose::Ledger;
use kinesis_sandbox::engine::streams::sequence::{Layout, SequenceNumber};
use kinesis_sandbox::engine::{state, Sandbox};
use serde_json::json;
use std::io::Read;
use std::time::Duration;
use support::*;

const V1_PIPELINE: &str = include_str!("fixtures/saves/v1-pipeline.json");
const FIREHOSE: &str = "machinelearningfirehose";
const BUCKET: &str = "machinelearning-firehose-output";
const STREAM: &str = "machinelearning";

/// Every record the stream holds, from both shards, oldest first per shard.
fn stream_records(sb: &mut Sandbox) -> Vec<Vec<u8>> {
    let shards = sb
        .call("Kinesis_20131202.ListShards", json!({"StreamName": STREAM}))
        .unwrap();
    let mut all = Vec::new();
    for shard in shards["Shards"].as_array().unwrap() {
        let it = sb
            .call(
                "Kinesis_20131202.GetShardIterator",
                json!({"StreamName": STREAM, "ShardId": shard["ShardId"], "ShardIteratorType": "TRIM_HORIZON"}),
            )
            .unwrap();
        let mut iterator = it["ShardIterator"].clone();
        loop {
            sb.advance(Duration::from_millis(250)); // within the shard's 5 reads a second
            let out = sb
                .call(
                    "Kinesis_20131202.GetRecords",
                    json!({"ShardIterator": iterator, "Limit": 10000}),
                )
                .unwrap();
            let records = out["Records"].as_array().unwrap();
            all.extend(records.iter().map(|r| unb64(r["Data"].as_str().unwrap())));
            if records.is_empty() && out["MillisBehindLatest"] == json!(0) {
                break;
            }
            iterator = out["NextShardIterator"].clone();
        }
    }
    all
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

#[test]
fn v1_pipeline_loads_as_it_was_saved() {
    let (mut sb, settings) = state::load(V1_PIPELINE).unwrap();
    assert_eq!(settings, json!({"speed": "RealTime"}));
    let ledger = sb.firehose_buffer(FIREHOSE).unwrap().ledger;
    assert_eq!(
        ledger,
        Ledger {
            accepted: 2_301,
            buffered: 471,
            delivered: 1_830,
            ..Default::default()
        }
    );
    assert_eq!(objects(&mut sb, BUCKET).len(), 3);
    let summary = sb
        .call(
            "Kinesis_20131202.DescribeStreamSummary",
            json!({"StreamName": STREAM}),
        )
        .unwrap();
    assert_eq!(summary["StreamDescriptionSummary"]["OpenShardCount"], 2);
    assert!(sb.generator().sender().unwrap().is_sending());
    let role = sb
        .call(
            "IAM.GetRole",
            json!({"RoleName": "role-machinelearningfirehose"}),
        )
        .unwrap();
    assert!(
        role["Role"]["Arn"]
            .as_str()
            .unwrap()
            .ends_with("role/service-role/role-machinelearningfirehose")
            || role["Role"]["Arn"]
                .as_str()
                .unwrap()
                .ends_with("role-machinelearningfirehose")
    );
}

#[test]
fn v1_pipeline_keeps_delivering_with_nothing_lost_or_doubled() {
    let (mut sb, _) = state::load(V1_PIPELINE).unwrap();
    let before = sb.firehose_buffer(FIREHOSE).unwrap().ledger;
    // The generator goes on sending and Firehose goes on reading and delivering.
    sb.advance(Duration::from_secs(180));
    let during = sb.firehose_buffer(FIREHOSE).unwrap().ledger;
    assert!(during.accepted >= before.accepted + 1_700, "{during:?}");
    assert!(during.delivered > before.delivered, "{during:?}");
    assert!(during.balanced(), "{during:?}");
    // Stop sending and let the last buffer go out.
    sb.call("KinesisDataGenerator.StopSending", json!({}))
        .unwrap();
    sb.advance(Duration::from_secs(120));
    let end = sb.firehose_buffer(FIREHOSE).unwrap().ledger;
    assert_eq!(end.buffered, 0, "{end:?}");
    assert_eq!(end.delivered, end.accepted, "{end:?}");
    assert_eq!(
        (end.error_output, end.expired, end.awaiting_retry),
        (0, 0, 0)
    );

    // Every record the stream holds is in the bucket exactly once, and nothing else is.
    let records = stream_records(&mut sb);
    assert_eq!(records.len() as u64, end.accepted);
    let delivered: Vec<u8> = objects(&mut sb, BUCKET)
        .iter()
        .flat_map(|(_, body)| gunzip(body))
        .collect();
    let sent: usize = records.iter().map(Vec::len).sum();
    assert_eq!(delivered.len(), sent);
    let text = String::from_utf8(delivered).unwrap();
    assert_eq!(text.matches("{\"by\":\"hand\"}").count(), 1);
    let mut from_stream: Vec<&[u8]> = records.iter().map(Vec::as_slice).collect();
    from_stream.sort();
    // Firehose concatenates records with no delimiter. A generated record ends with `}` and a
    // newline, the one sent by hand with `}`; none has `}` inside, so that is where one ends.
    let mut from_bucket: Vec<&[u8]> = Vec::new();
    let mut rest = text.as_bytes();
    while let Some(close) = rest.iter().position(|&b| b == b'}') {
        let end = if rest.get(close + 1) == Some(&b'\n') {
            close + 2
        } else {
            close + 1
        };
        from_bucket.push(&rest[..end]);
        rest = &rest[end..];
    }
    assert!(rest.is_empty());
    from_bucket.sort();
    assert!(
        from_bucket == from_stream,
        "the bucket's records differ from the stream's"
    );
}

#[test]
fn every_format_version_has_a_fixture() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/saves");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for version in 1..=state::VERSION {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(&format!("v{version}-")) && n.ends_with(".json")),
            "no save of format version {version} in {}",
            dir.display()
        );
    }
    // And each of them loads.
    for name in names.iter().filter(|n| n.ends_with(".json")) {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        state::load(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn a_save_without_a_service_starts_that_service_empty() {
    // Each service is its own section: a save written before a service existed loads with
    // that service empty and everything else as it was.
    let (sb, settings) = state::load(V1_PIPELINE).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&state::save(&sb, &settings)).unwrap();
    doc["sandbox"]
        .as_object_mut()
        .unwrap()
        .remove("firehose")
        .unwrap();
    let (mut back, _) = state::load(&doc.to_string()).unwrap();
    assert!(back.firehose_buffer(FIREHOSE).is_none());
    assert_eq!(objects(&mut back, BUCKET).len(), 3);
    assert!(back.generator().sender().unwrap().is_sending());
}

const V2_TWO_LAYOUTS: &str = include_str!("fixtures/saves/v2-two-layouts.json");

/// The first record's sequence number on each shard of `stream`, by shard id.
fn first_sequence_numbers(sb: &mut Sandbox, stream: &str) -> Vec<(String, String)> {
    let shards = sb
        .call("Kinesis_20131202.ListShards", json!({"StreamName": stream}))
        .unwrap();
    let mut out = Vec::new();
    for shard in shards["Shards"].as_array().unwrap() {
        let id = shard["ShardId"].as_str().unwrap().to_string();
        let it = sb
            .call(
                "Kinesis_20131202.GetShardIterator",
                json!({"StreamName": stream, "ShardId": id, "ShardIteratorType": "TRIM_HORIZON"}),
            )
            .unwrap();
        sb.advance(Duration::from_millis(250));
        let got = sb
            .call(
                "Kinesis_20131202.GetRecords",
                json!({"ShardIterator": it["ShardIterator"], "Limit": 1}),
            )
            .unwrap();
        if let Some(r) = got["Records"].as_array().unwrap().first() {
            out.push((id, r["SequenceNumber"].as_str().unwrap().to_string()));
        }
    }
    out
}

#[test]
fn a_version_1_stream_keeps_its_sequence_numbers() {
    // Format version 1 wrote numbers in the sandbox's decimal layout; the migration keeps it
    // for those shards, so a number the learner copied before still starts an iterator.
    let (mut sb, _) = state::load(V1_PIPELINE).unwrap();
    let numbers = first_sequence_numbers(&mut sb, STREAM);
    assert_eq!(numbers.len(), 2);
    for (shard, text) in &numbers {
        let n = SequenceNumber::parse_as(text, Layout::Sandbox).unwrap();
        assert_eq!(n.shard_created_secs, 1_767_261_605, "{shard}");
        assert!(text.starts_with("491767261605"), "{text}");
        sb.call(
            "Kinesis_20131202.GetShardIterator",
            json!({"StreamName": STREAM, "ShardId": shard,
                   "ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": text}),
        )
        .unwrap();
    }
    // New streams in the same sandbox use AWS's layout.
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "fresh", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(30));
    let put = sb
        .call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "fresh", "PartitionKey": "k", "Data": "eA=="}),
        )
        .unwrap();
    let n = SequenceNumber::parse_as(put["SequenceNumber"].as_str().unwrap(), Layout::Aws);
    assert_eq!(n.map(|n| (n.shard, n.counter)), Some((0, 0)));
}

#[test]
fn v2_two_layouts_loads_with_each_stream_in_its_layout() {
    let (mut sb, _) = state::load(V2_TWO_LAYOUTS).unwrap();
    for (_, text) in first_sequence_numbers(&mut sb, STREAM) {
        assert!(SequenceNumber::parse_as(&text, Layout::Sandbox).is_some());
    }
    let numbers = first_sequence_numbers(&mut sb, "clickstream");
    assert_eq!(numbers.len(), 3, "12 keys over 3 shards reach every shard");
    for (shard, text) in &numbers {
        let n = SequenceNumber::parse_as(text, Layout::Aws).unwrap();
        assert_eq!(format!("shardId-{:012}", n.shard), *shard);
    }
    // AWS's error for a number from another shard names both shards.
    let (other, text) = &numbers[1];
    let err = sb
        .call(
            "Kinesis_20131202.GetShardIterator",
            json!({"StreamName": "clickstream", "ShardId": numbers[0].0,
                   "ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": text}),
        )
        .unwrap_err();
    assert_eq!(
        err.message(),
        Some(
            format!(
                "Invalid StartingSequenceNumber. It encodes {other}, while it was used in a call to a shard with {}",
                numbers[0].0
            )
            .as_str()
        )
    );
}
