//! Data Streams core: create, describe, list, delete, put, iterators, get.

mod streams_support;

use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use serde_json::{json, Value};
use std::time::Duration;
use streams_support::{active, b64, datas, err, iterator, ok};

#[test]
fn create_goes_creating_then_active() {
    let mut sb = Sandbox::default();
    let out = ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 2}),
    );
    // No output: an empty body, as AWS documents ("HTTP 200 with an empty HTTP body").
    assert_eq!(out, Value::Null);
    let d = ok(
        &mut sb,
        "DescribeStream",
        json!({"StreamName": "machinelearning"}),
    );
    assert_eq!(d["StreamDescription"]["StreamStatus"], "CREATING");
    assert_eq!(d["StreamDescription"]["Shards"], json!([]));
    assert_eq!(
        err(
            &mut sb,
            "PutRecord",
            json!({"StreamName": "machinelearning", "Data": b64("x"), "PartitionKey": "a"})
        ),
        (
            "ResourceNotFoundException".into(),
            "Stream machinelearning under account 123456789012 not found.".into()
        )
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "machinelearning", "ShardId": "shardId-000000000000", "ShardIteratorType": "LATEST"})).1,
        "Shard shardId-000000000000 in stream machinelearning under account 123456789012 does not exist"
    );
    sb.advance(Duration::from_secs(4));
    let s = ok(
        &mut sb,
        "DescribeStreamSummary",
        json!({"StreamName": "machinelearning"}),
    );
    assert_eq!(s["StreamDescriptionSummary"]["StreamStatus"], "CREATING");
    sb.advance(Duration::from_secs(1));
    let d = ok(
        &mut sb,
        "DescribeStream",
        json!({"StreamName": "machinelearning"}),
    );
    let desc = &d["StreamDescription"];
    assert_eq!(desc["StreamStatus"], "ACTIVE");
    assert_eq!(
        desc["StreamARN"],
        "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning"
    );
    assert_eq!(desc["RetentionPeriodHours"], 24);
    assert_eq!(desc["EncryptionType"], "NONE");
    assert_eq!(desc["HasMoreShards"], false);
    assert_eq!(desc["StreamModeDetails"]["StreamMode"], "PROVISIONED");
    let shards = desc["Shards"].as_array().unwrap();
    assert_eq!(shards.len(), 2);
    assert_eq!(shards[1]["ShardId"], "shardId-000000000001");
    assert_eq!(
        shards[1]["HashKeyRange"]["StartingHashKey"],
        "170141183460469231731687303715884105728"
    );
    let seq = shards[0]["SequenceNumberRange"]["StartingSequenceNumber"]
        .as_str()
        .unwrap();
    assert_eq!(seq.len(), 56);
    assert!(shards[0]["SequenceNumberRange"]
        .get("EndingSequenceNumber")
        .is_none());
    let s = ok(
        &mut sb,
        "DescribeStreamSummary",
        json!({"StreamName": "machinelearning"}),
    );
    assert_eq!(s["StreamDescriptionSummary"]["OpenShardCount"], 2);
}

#[test]
fn on_demand_has_four_shards() {
    let mut sb = Sandbox::default();
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "od", "StreamModeDetails": {"StreamMode": "ON_DEMAND"}}),
    );
    sb.advance(Duration::from_secs(5));
    let s = ok(
        &mut sb,
        "DescribeStreamSummary",
        json!({"StreamName": "od"}),
    );
    assert_eq!(s["StreamDescriptionSummary"]["OpenShardCount"], 4);
    assert_eq!(
        s["StreamDescriptionSummary"]["StreamModeDetails"]["StreamMode"],
        "ON_DEMAND"
    );
}

#[test]
fn create_validation_and_conflicts() {
    let mut sb = Sandbox::default();
    assert_eq!(
        err(&mut sb, "CreateStream", json!({"ShardCount": 0})),
        ("ValidationException".into(), "2 validation errors detected: Value null at 'streamName' failed to satisfy constraint: Member must not be null; Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1".into())
    );
    assert_eq!(
        err(&mut sb, "CreateStream", json!({"StreamName": "a b", "ShardCount": 1})).1,
        "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
    );
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "s", "ShardCount": 1}),
    );
    assert_eq!(
        err(
            &mut sb,
            "CreateStream",
            json!({"StreamName": "s", "ShardCount": 1})
        ),
        (
            "ResourceInUseException".into(),
            "Stream s under account 123456789012 already exists.".into()
        )
    );
    let e = err(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "big", "ShardCount": 500}),
    );
    assert_eq!(e.0, "LimitExceededException");
    assert_eq!(e.1, "This request would exceed the shard limit for the account 123456789012 in us-east-1. Current shard count for the account: 1. Limit: 500. Number of additional shards that would have resulted from this request: 500. Refer to the AWS Service Limits page (http://docs.aws.amazon.com/general/latest/gr/aws_service_limits.html) for current limits and how to request higher limits.");
    let e = err(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "x", "ShardCount": "2"}),
    );
    assert_eq!(
        e,
        (
            "SerializationException".into(),
            "STRING_VALUE can not be converted to an Integer".into()
        )
    );
}

#[test]
fn shard_limit_is_configurable() {
    let mut sb = Sandbox::new(SandboxConfig {
        kinesis_shard_limit: 3,
        ..Default::default()
    });
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "a", "ShardCount": 3}),
    );
    assert!(err(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "b", "ShardCount": 1})
    )
    .1
    .contains("Limit: 3."));
}

#[test]
fn list_and_delete() {
    let mut sb = Sandbox::default();
    for n in ["b", "a", "c"] {
        ok(
            &mut sb,
            "CreateStream",
            json!({"StreamName": n, "ShardCount": 1}),
        );
    }
    let l = ok(&mut sb, "ListStreams", json!({"Limit": 2}));
    assert_eq!(l["StreamNames"], json!(["a", "b"]));
    assert_eq!(l["HasMoreStreams"], true);
    let l = ok(
        &mut sb,
        "ListStreams",
        json!({"ExclusiveStartStreamName": "b"}),
    );
    assert_eq!(l["StreamNames"], json!(["c"]));
    assert_eq!(
        ok(&mut sb, "DeleteStream", json!({"StreamName": "a"})),
        Value::Null
    );
    let d = ok(&mut sb, "DescribeStream", json!({"StreamName": "a"}));
    assert_eq!(d["StreamDescription"]["StreamStatus"], "DELETING");
    sb.advance(Duration::from_secs(5));
    assert_eq!(
        err(&mut sb, "DescribeStream", json!({"StreamName": "a"})),
        (
            "ResourceNotFoundException".into(),
            "Stream a under account 123456789012 not found.".into()
        )
    );
    assert_eq!(
        err(&mut sb, "DeleteStream", json!({"StreamName": "zz"})).1,
        "Stream zz under account 123456789012 not found."
    );
    let d = ok(
        &mut sb,
        "DescribeStream",
        json!({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/b"}),
    );
    assert_eq!(d["StreamDescription"]["StreamName"], "b");
}

#[test]
fn put_and_get_round_trip() {
    let mut sb = active(2);
    let p = ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64("hello"), "PartitionKey": "a"}),
    );
    assert_eq!(p["ShardId"], "shardId-000000000000");
    assert_eq!(p["EncryptionType"], "NONE");
    assert_eq!(p["SequenceNumber"].as_str().unwrap().len(), 56);
    let p2 = ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64("world"), "PartitionKey": "a"}),
    );
    assert!(p2["SequenceNumber"].as_str().unwrap() > p["SequenceNumber"].as_str().unwrap());
    let p3 = ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64("b"), "PartitionKey": "b"}),
    );
    assert_eq!(p3["ShardId"], "shardId-000000000001");
    let it = iterator(
        &mut sb,
        "shardId-000000000000",
        json!({"ShardIteratorType": "TRIM_HORIZON"}),
    );
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    assert_eq!(datas(&out), ["hello", "world"]);
    assert_eq!(out["MillisBehindLatest"], 0);
    let r = &out["Records"][0];
    assert_eq!(r["PartitionKey"], "a");
    assert_eq!(r["SequenceNumber"], p["SequenceNumber"]);
    assert_eq!(r["ApproximateArrivalTimestamp"], json!(1767261605.0));
    let next = out["NextShardIterator"].as_str().unwrap().to_string();
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": next}));
    assert_eq!(out["Records"], json!([]));
    assert!(out["NextShardIterator"].is_string());
}

#[test]
fn put_records_mixes_success_and_throttles() {
    let mut sb = active(1);
    let big = b64(&"x".repeat(400 * 1024));
    let recs: Vec<Value> = (0..4)
        .map(|i| json!({"Data": big, "PartitionKey": format!("k{i}")}))
        .collect();
    let out = ok(
        &mut sb,
        "PutRecords",
        json!({"StreamName": "s", "Records": recs}),
    );
    assert_eq!(out["FailedRecordCount"], 2);
    assert_eq!(out["Records"][0]["ShardId"], "shardId-000000000000");
    assert_eq!(
        out["Records"][2]["ErrorCode"],
        "ProvisionedThroughputExceededException"
    );
    assert_eq!(
        out["Records"][2]["ErrorMessage"],
        "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012."
    );
    let e = err(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": big, "PartitionKey": "k"}),
    );
    assert_eq!(e.0, "ProvisionedThroughputExceededException");
    sb.advance(Duration::from_secs(1));
    ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": big, "PartitionKey": "k"}),
    );
}

#[test]
fn put_validation_texts() {
    let mut sb = active(1);
    assert_eq!(
        err(&mut sb, "PutRecord", json!({"StreamName": "s"})).1,
        "2 validation errors detected: Value null at 'data' failed to satisfy constraint: Member must not be null; Value null at 'partitionKey' failed to satisfy constraint: Member must not be null"
    );
    let long = "k".repeat(257);
    assert_eq!(
        err(&mut sb, "PutRecords", json!({"StreamName": "s", "Records": [{"Data": "", "PartitionKey": long}]})).1,
        format!("1 validation error detected: Value '{long}' at 'records.1.member.partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256")
    );
    assert_eq!(
        err(&mut sb, "PutRecords", json!({"StreamName": "s", "Records": [{"Data": "", "PartitionKey": "a", "ExplicitHashKey": "340282366920938463463374607431768211456"}]})),
        ("InvalidArgumentException".into(), "Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was 340282366920938463463374607431768211456".into())
    );
    let e = err(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64(&"x".repeat(1_048_577)), "PartitionKey": "a"}),
    );
    assert_eq!(e.1, "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576");
    let p = ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": "", "PartitionKey": "a", "ExplicitHashKey": "0"}),
    );
    assert_eq!(p["ShardId"], "shardId-000000000000");
}

#[test]
fn byte_budget_refuses_writes_without_dropping() {
    let mut sb = Sandbox::new(SandboxConfig {
        stream_byte_budget: 1_000,
        ..Default::default()
    });
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "s", "ShardCount": 1}),
    );
    sb.advance(Duration::from_secs(5));
    ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64(&"x".repeat(900)), "PartitionKey": "a"}),
    );
    let e = err(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64(&"x".repeat(200)), "PartitionKey": "a"}),
    );
    assert_eq!(e.0, "LimitExceededException");
    assert!(e.1.contains("901 of 1000 bytes"), "{}", e.1);
    assert!(e.1.contains("Nothing stored was dropped"));
    sb.advance(Duration::from_secs(24 * 3600 + 1));
    ok(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64(&"x".repeat(200)), "PartitionKey": "a"}),
    );
}
