//! Golden tests for every iterator type, GetRecords edges and iterator expiry.

mod streams_support;
use serde_json::json;
use std::time::Duration;
use streams_support::*;

const S0: &str = "shardId-000000000000";

/// One shard with records r0 (t=5 s), r1 (t=6 s), r2 (t=6 s), r3 (t=8 s).
fn fixture() -> (kinesis_sandbox::engine::Sandbox, Vec<String>) {
    let mut sb = active(1);
    let mut seqs = Vec::new();
    for (i, wait) in [0, 1, 0, 2].into_iter().enumerate() {
        sb.advance(Duration::from_secs(wait));
        let p = put(&mut sb, "k", &format!("r{i}"));
        seqs.push(p["SequenceNumber"].as_str().unwrap().to_string());
    }
    (sb, seqs)
}

#[test]
fn trim_horizon_reads_everything() {
    let (mut sb, _) = fixture();
    assert_eq!(
        read_all(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"})),
        ["r0", "r1", "r2", "r3"]
    );
}

#[test]
fn latest_reads_only_what_comes_after() {
    let (mut sb, _) = fixture();
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "LATEST"}));
    put(&mut sb, "k", "r4");
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    assert_eq!(datas(&out), ["r4"]);
}

#[test]
fn at_and_after_sequence_number() {
    let (mut sb, seqs) = fixture();
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AT_SEQUENCE_NUMBER", "StartingSequenceNumber": seqs[1]})
        ),
        ["r1", "r2", "r3"]
    );
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": seqs[1]})
        ),
        ["r2", "r3"]
    );
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "StartingSequenceNumber": seqs[3]})
        ),
        Vec::<String>::new()
    );
}

#[test]
fn at_timestamp_exact_between_before_trim() {
    let (mut sb, _) = fixture();
    let t0 = 1_767_261_605.0; // when r0 arrived
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AT_TIMESTAMP", "Timestamp": t0 + 1.0})
        ),
        ["r1", "r2", "r3"]
    );
    // No record at 7 s: the next later one.
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AT_TIMESTAMP", "Timestamp": t0 + 2.0})
        ),
        ["r3"]
    );
    // Older than anything held: the trim horizon.
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AT_TIMESTAMP", "Timestamp": 1000.0})
        ),
        ["r0", "r1", "r2", "r3"]
    );
    let now = 1_767_261_608.0;
    assert_eq!(
        read_all(
            &mut sb,
            S0,
            json!({"ShardIteratorType": "AT_TIMESTAMP", "Timestamp": now})
        ),
        ["r3"]
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": S0, "ShardIteratorType": "AT_TIMESTAMP", "Timestamp": now + 1.0})),
        ("InvalidArgumentException".into(), "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: 1767261609000, currentTimestampInMillis: 1767261608000".into())
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": S0, "ShardIteratorType": "AT_TIMESTAMP"})).1,
        "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter."
    );
}

#[test]
fn iterator_argument_errors() {
    let (mut sb, seqs) = fixture();
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": S0, "ShardIteratorType": "AT_SEQUENCE_NUMBER"})).1,
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified AT_SEQUENCE_NUMBER and no StartingSequenceNumber."
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": S0, "ShardIteratorType": "LATEST", "StartingSequenceNumber": seqs[0]})).1,
        "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified LATEST and also a StartingSequenceNumber."
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": S0, "ShardIteratorType": "NEWEST"})).1,
        "1 validation error detected: Value 'NEWEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"
    );
    assert_eq!(
        err(
            &mut sb,
            "GetShardIterator",
            json!({"StreamName": "s", "ShardId": "shardId-000000000005", "ShardIteratorType": "LATEST"})
        ),
        (
            "ResourceNotFoundException".into(),
            "Shard shardId-000000000005 in stream s under account 123456789012 does not exist"
                .into()
        )
    );
    assert_eq!(
        err(&mut sb, "GetShardIterator", json!({"StreamName": "s", "ShardId": "shardId-99999999999", "ShardIteratorType": "LATEST"})).1,
        "Could not find shard shardId-99999999999 in stream s under account 123456789012."
    );
    // Lenient shard ids.
    assert_eq!(
        read_all(
            &mut sb,
            "shard-0",
            json!({"ShardIteratorType": "TRIM_HORIZON"})
        )
        .len(),
        4
    );
}

#[test]
fn get_records_limit_paging_and_millis_behind() {
    let (mut sb, _) = fixture();
    sb.advance(Duration::from_secs(2));
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"}));
    let out = ok(
        &mut sb,
        "GetRecords",
        json!({"ShardIterator": it, "Limit": 2}),
    );
    assert_eq!(datas(&out), ["r0", "r1"]);
    // r2 (arrived at 6 s) waits, read at 10 s.
    assert_eq!(out["MillisBehindLatest"], 4_000);
    let next = out["NextShardIterator"].as_str().unwrap().to_string();
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": next}));
    assert_eq!(datas(&out), ["r2", "r3"]);
    assert_eq!(out["MillisBehindLatest"], 0);
    assert_eq!(
        err(&mut sb, "GetRecords", json!({"ShardIterator": "garbage!"})),
        (
            "InvalidArgumentException".into(),
            "Invalid ShardIterator.".into()
        )
    );
    assert_eq!(
        err(&mut sb, "GetRecords", json!({"ShardIterator": it, "Limit": 10001})).1,
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"
    );
}

#[test]
fn iterators_expire_after_five_minutes() {
    let (mut sb, _) = fixture();
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"}));
    sb.advance(Duration::from_secs(300));
    ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    sb.advance(Duration::from_millis(1));
    assert_eq!(
        err(&mut sb, "GetRecords", json!({"ShardIterator": it})),
        ("ExpiredIteratorException".into(), "Iterator expired. The iterator was created at time Thu Jan 01 10:00:08 UTC 2026 while right now it is Thu Jan 01 10:05:08 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds.".into())
    );
}

#[test]
fn deleted_stream_iterators_fail() {
    let (mut sb, _) = fixture();
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"}));
    ok(&mut sb, "DeleteStream", json!({"StreamName": "s"}));
    sb.advance(Duration::from_secs(5));
    assert_eq!(
        err(&mut sb, "GetRecords", json!({"ShardIterator": it})),
        (
            "ResourceNotFoundException".into(),
            "Shard shardId-000000000000 in stream s under account 123456789012 does not exist"
                .into()
        )
    );
}

#[test]
fn shared_reads_throttle_at_five_per_second() {
    let (mut sb, _) = fixture();
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "LATEST"}));
    for _ in 0..5 {
        ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    }
    let e = err(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    assert_eq!(e.0, "ProvisionedThroughputExceededException");
    assert_eq!(
        e.1,
        "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012."
    );
    sb.advance(Duration::from_millis(200));
    ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
}

#[test]
fn retention_trims_and_trim_horizon_moves() {
    let (mut sb, _) = fixture();
    sb.advance(Duration::from_secs(24 * 3600 - 2));
    // r0 arrived 24 h − ... ago: r0,r1,r2 arrived at 5,6,6 s; now is 8 s + 24 h − 2 s = 6 s + 24 h.
    assert_eq!(
        read_all(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"})),
        ["r1", "r2", "r3"]
    );
}
