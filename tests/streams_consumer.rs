//! The shared stream consumer on its own, as a future service (a Lambda event source, an
//! Analytics application) would use it: every record read exactly once across a split, reads
//! that share the shard's limits with other readers, and a denial that keeps its place.

use kinesis_sandbox::engine::streams::consumer::{Batch, ConsumerSink, Problem, StreamConsumer};
use kinesis_sandbox::engine::streams::shard::RecordView;
use kinesis_sandbox::engine::streams::ShardIteratorType;
use kinesis_sandbox::engine::{Caller, Sandbox};
use serde_json::json;
use std::time::Duration;

#[derive(Default)]
struct Collect {
    records: Vec<String>,
    batches: u64,
    problems: Vec<Problem>,
}

impl ConsumerSink for Collect {
    fn record(&mut self, record: RecordView<'_>) {
        self.records
            .push(String::from_utf8(record.data.to_vec()).unwrap());
    }
    fn batch(&mut self, _: &mut Sandbox, _: Batch<'_>) {
        self.batches += 1;
    }
    fn problem(&mut self, _: &mut Sandbox, problem: Problem) {
        self.problems.push(problem);
    }
}

fn stream(sb: &mut Sandbox, shards: u32) {
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
}

fn put(sb: &mut Sandbox, data: &str) {
    use base64::Engine as _;
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "s", "PartitionKey": data,
               "Data": base64::engine::general_purpose::STANDARD.encode(data)}),
    )
    .unwrap();
}

fn poll(sb: &mut Sandbox, c: &mut StreamConsumer, sink: &mut Collect, from: ShardIteratorType) {
    c.poll(sb, Caller::User, from, &mut |_, _| true, sink);
}

#[test]
fn reads_every_record_once_across_a_split() {
    let mut sb = Sandbox::default();
    stream(&mut sb, 1);
    for i in 0..20 {
        put(&mut sb, &format!("before-{i}"));
    }
    let mut consumer = StreamConsumer::new("s", "arn:aws:kinesis:us-east-1:123456789012:stream/s");
    let mut sink = Collect::default();
    poll(
        &mut sb,
        &mut consumer,
        &mut sink,
        ShardIteratorType::TrimHorizon,
    );
    assert_eq!(sink.records.len(), 20);
    sb.call(
        "Kinesis_20131202.UpdateShardCount",
        json!({"StreamName": "s", "TargetShardCount": 2, "ScalingType": "UNIFORM_SCALING"}),
    )
    .unwrap();
    for i in 0..10 {
        put(&mut sb, &format!("during-{i}"));
    }
    sb.advance(Duration::from_secs(15));
    for i in 0..30 {
        put(&mut sb, &format!("after-{i}"));
    }
    for _ in 0..5 {
        sb.advance(Duration::from_secs(1));
        poll(
            &mut sb,
            &mut consumer,
            &mut sink,
            ShardIteratorType::TrimHorizon,
        );
    }
    let mut seen = sink.records.clone();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 60, "every record once");
    assert_eq!(sink.records.len(), 60, "none twice");
    assert_eq!(consumer.readers.len(), 3, "the parent and its two children");
    assert!(sink.problems.is_empty(), "{:?}", sink.problems);
    // Its calls are in the event log under its caller.
    let gets = sb
        .events()
        .successes(Some(Caller::User), "Kinesis_20131202.GetRecords");
    assert!(gets >= 6, "{gets}");
}

#[test]
fn starts_at_the_tip_when_asked_to() {
    let mut sb = Sandbox::default();
    stream(&mut sb, 2);
    put(&mut sb, "old");
    let mut consumer = StreamConsumer::new("s", "arn");
    let mut sink = Collect::default();
    poll(&mut sb, &mut consumer, &mut sink, ShardIteratorType::Latest);
    put(&mut sb, "new");
    sb.advance(Duration::from_secs(1));
    poll(&mut sb, &mut consumer, &mut sink, ShardIteratorType::Latest);
    assert_eq!(sink.records, ["new"]);
}

#[test]
fn shares_the_read_limit_and_keeps_its_place_when_denied() {
    let mut sb = Sandbox::default();
    stream(&mut sb, 1);
    put(&mut sb, "a");
    let mut c = StreamConsumer::new("s", "arn");
    let mut sink = Collect::default();
    // Denied GetRecords: nothing read, the place is kept.
    c.poll(
        &mut sb,
        Caller::User,
        ShardIteratorType::TrimHorizon,
        &mut |_, action| action != "kinesis:GetRecords",
        &mut sink,
    );
    assert_eq!(
        sink.problems,
        [Problem::Denied {
            action: "GetRecords"
        }]
    );
    assert!(sink.records.is_empty());
    // Five other reads in the same second use up the shard's 5 GetRecords a second.
    let it = sb
        .call(
            "Kinesis_20131202.GetShardIterator",
            json!({"StreamName": "s", "ShardId": "shardId-000000000000", "ShardIteratorType": "LATEST"}),
        )
        .unwrap()["ShardIterator"]
        .clone();
    for _ in 0..5 {
        sb.call("Kinesis_20131202.GetRecords", json!({"ShardIterator": it}))
            .unwrap();
    }
    sink.problems.clear();
    poll(&mut sb, &mut c, &mut sink, ShardIteratorType::TrimHorizon);
    assert!(
        matches!(sink.problems.as_slice(), [Problem::Failed { .. }]),
        "{:?}",
        sink.problems
    );
    assert!(sink.records.is_empty());
    // A second later it reads from where it was.
    sb.advance(Duration::from_secs(1));
    poll(&mut sb, &mut c, &mut sink, ShardIteratorType::TrimHorizon);
    assert_eq!(sink.records, ["a"]);
}
