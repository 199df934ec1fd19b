//! ListShards, resharding, retention, consumers, tags, encryption, monitoring, limits, metrics.

mod streams_support;
use kinesis_sandbox::engine::Sandbox;
use serde_json::{json, Value};
use std::time::Duration;
use streams_support::*;

const S0: &str = "shardId-000000000000";
const MAX: &str = "340282366920938463463374607431768211455";

#[test]
fn split_closes_parent_and_links_children() {
    let mut sb = active(1);
    put(&mut sb, "a", "before");
    ok(
        &mut sb,
        "SplitShard",
        json!({"StreamName": "s", "ShardToSplit": S0, "NewStartingHashKey": "2"}),
    );
    let d = ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}));
    assert_eq!(d["StreamDescriptionSummary"]["StreamStatus"], "UPDATING");
    // Writes continue during UPDATING, into the parent.
    assert_eq!(put(&mut sb, "a", "during")["ShardId"], S0);
    assert_eq!(
        err(
            &mut sb,
            "SplitShard",
            json!({"StreamName": "s", "ShardToSplit": S0, "NewStartingHashKey": "5"})
        ),
        (
            "ResourceInUseException".into(),
            "Stream s under account 123456789012 not ACTIVE, instead in state UPDATING".into()
        )
    );
    sb.advance(Duration::from_secs(10));
    let l = ok(&mut sb, "ListShards", json!({"StreamName": "s"}));
    assert_eq!(
        shard_ids(&l),
        [S0, "shardId-000000000001", "shardId-000000000002"]
    );
    let shards = l["Shards"].as_array().unwrap();
    assert!(shards[0]["SequenceNumberRange"]["EndingSequenceNumber"].is_string());
    assert_eq!(
        shards[1]["HashKeyRange"],
        json!({"StartingHashKey": "0", "EndingHashKey": "1"})
    );
    assert_eq!(
        shards[2]["HashKeyRange"],
        json!({"StartingHashKey": "2", "EndingHashKey": MAX})
    );
    assert_eq!(shards[1]["ParentShardId"], S0);
    // Reading the parent to its end gives null NextShardIterator and ChildShards.
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"}));
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    assert_eq!(datas(&out), ["before", "during"]);
    assert!(out["NextShardIterator"].is_null());
    assert_eq!(out["ChildShards"][0]["ShardId"], "shardId-000000000001");
    assert_eq!(out["ChildShards"][1]["ParentShards"], json!([S0]));
    assert_eq!(
        put(&mut sb, "a", "after")["ShardId"],
        "shardId-000000000002"
    );
    let l = ok(
        &mut sb,
        "ListShards",
        json!({"StreamName": "s", "ShardFilter": {"Type": "AT_LATEST"}}),
    );
    assert_eq!(
        shard_ids(&l),
        ["shardId-000000000001", "shardId-000000000002"]
    );
    assert_eq!(
        err(
            &mut sb,
            "SplitShard",
            json!({"StreamName": "s", "ShardToSplit": S0, "NewStartingHashKey": "5"})
        )
        .0,
        "ResourceInUseException"
    );
}

#[test]
fn split_and_merge_argument_errors() {
    let mut sb = active(2);
    assert_eq!(
        err(&mut sb, "SplitShard", json!({"StreamName": "s", "ShardToSplit": S0, "NewStartingHashKey": "1"})).1,
        "NewStartingHashKey 1 used in SplitShard() on shard shardId-000000000000 in stream s under account 123456789012 is not both greater than one plus the shard's StartingHashKey 0 and less than the shard's EndingHashKey 170141183460469231731687303715884105727."
    );
    assert_eq!(
        err(
            &mut sb,
            "SplitShard",
            json!({"StreamName": "s", "ShardToSplit": "shardId-000000000009", "NewStartingHashKey": "10"})
        ),
        (
            "ResourceNotFoundException".into(),
            "Could not find shard shardId-000000000009 in stream s under account 123456789012."
                .into()
        )
    );
    assert_eq!(
        err(&mut sb, "MergeShards", json!({"StreamName": "s", "ShardToMerge": "shardId-000000000001", "AdjacentShardToMerge": S0})).1,
        "Shards shardId-000000000001 and shardId-000000000000 in stream s under account 123456789012 are not an adjacent pair of shards eligible for merging"
    );
    ok(
        &mut sb,
        "MergeShards",
        json!({"StreamName": "s", "ShardToMerge": S0, "AdjacentShardToMerge": "shardId-000000000001"}),
    );
    sb.advance(Duration::from_secs(10));
    let d = ok(&mut sb, "DescribeStream", json!({"StreamName": "s"}));
    let child = &d["StreamDescription"]["Shards"][2];
    assert_eq!(child["ParentShardId"], S0);
    assert_eq!(child["AdjacentParentShardId"], "shardId-000000000001");
    assert_eq!(
        child["HashKeyRange"],
        json!({"StartingHashKey": "0", "EndingHashKey": MAX})
    );
}

#[test]
fn update_shard_count_rules() {
    let mut sb = active(2);
    assert_eq!(
        err(&mut sb, "UpdateShardCount", json!({"StreamName": "s", "TargetShardCount": 5, "ScalingType": "UNIFORM_SCALING"})).1,
        "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 2 Target shard count: 5"
    );
    assert_eq!(
        err(&mut sb, "UpdateShardCount", json!({"StreamName": "s", "TargetShardCount": 3, "ScalingType": "X"})).1,
        "1 validation error detected: Value 'X' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]"
    );
    let out = ok(
        &mut sb,
        "UpdateShardCount",
        json!({"StreamName": "s", "TargetShardCount": 3, "ScalingType": "UNIFORM_SCALING"}),
    );
    assert_eq!(
        out,
        json!({"StreamName": "s", "CurrentShardCount": 2, "TargetShardCount": 3, "StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s"})
    );
    sb.advance(Duration::from_secs(10));
    let l = ok(
        &mut sb,
        "ListShards",
        json!({"StreamName": "s", "ShardFilter": {"Type": "AT_LATEST"}}),
    );
    assert_eq!(shard_ids(&l).len(), 3);
    // The middle child overlaps both parents.
    assert_eq!(l["Shards"][1]["ParentShardId"], S0);
    assert_eq!(
        l["Shards"][1]["AdjacentParentShardId"],
        "shardId-000000000001"
    );
    let s = ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}));
    assert_eq!(s["StreamDescriptionSummary"]["OpenShardCount"], 3);
}

#[test]
fn list_shards_paging_and_argument_errors() {
    let mut sb = active(5);
    assert_eq!(
        err(&mut sb, "ListShards", json!({})),
        (
            "InvalidArgumentException".into(),
            "Either NextToken or StreamName should be provided.".into()
        )
    );
    let l = ok(
        &mut sb,
        "ListShards",
        json!({"StreamName": "s", "MaxResults": 2}),
    );
    assert_eq!(shard_ids(&l), [S0, "shardId-000000000001"]);
    let token = l["NextToken"].as_str().unwrap().to_string();
    assert_eq!(
        err(
            &mut sb,
            "ListShards",
            json!({"StreamName": "s", "NextToken": token})
        )
        .1,
        "NextToken and StreamName cannot be provided together."
    );
    let l = ok(&mut sb, "ListShards", json!({"NextToken": token}));
    assert_eq!(
        shard_ids(&l),
        ["shardId-000000000002", "shardId-000000000003"]
    );
    let l = ok(
        &mut sb,
        "ListShards",
        json!({"StreamName": "s", "ExclusiveStartShardId": "shardId-000000000003"}),
    );
    assert_eq!(shard_ids(&l), ["shardId-000000000004"]);
    let l = ok(
        &mut sb,
        "ListShards",
        json!({"StreamName": "s", "ShardFilter": {"Type": "AFTER_SHARD_ID", "ShardId": "shardId-000000000002"}}),
    );
    assert_eq!(shard_ids(&l).len(), 2);
    sb.advance(Duration::from_secs(301));
    assert_eq!(
        err(&mut sb, "ListShards", json!({"NextToken": token})).0,
        "ExpiredNextTokenException"
    );
}

#[test]
fn retention_rules_and_trimming_in_advance() {
    let mut sb = active(1);
    put(&mut sb, "a", "old");
    sb.advance(Duration::from_secs(30 * 3600));
    let e = err(
        &mut sb,
        "IncreaseStreamRetentionPeriod",
        json!({"StreamName": "s", "RetentionPeriodHours": 23}),
    );
    assert_eq!(e, ("InvalidArgumentException".into(), "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.".into()));
    assert_eq!(
        err(&mut sb, "IncreaseStreamRetentionPeriod", json!({"StreamName": "s", "RetentionPeriodHours": 8761})).1,
        "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long."
    );
    // The old record already expired at 24 h; more retention does not revive it.
    assert_eq!(
        ok(
            &mut sb,
            "IncreaseStreamRetentionPeriod",
            json!({"StreamName": "s", "RetentionPeriodHours": 48})
        ),
        Value::Null
    );
    assert_eq!(
        ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}))
            ["StreamDescriptionSummary"]["StreamStatus"],
        "UPDATING"
    );
    sb.advance(Duration::from_secs(1));
    assert_eq!(
        read_all(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"})),
        Vec::<String>::new()
    );
    put(&mut sb, "a", "kept");
    sb.advance(Duration::from_secs(30 * 3600));
    assert_eq!(
        read_all(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"})),
        ["kept"]
    );
    assert_eq!(
        err(&mut sb, "IncreaseStreamRetentionPeriod", json!({"StreamName": "s", "RetentionPeriodHours": 24})).1,
        "Requested retention period (24 hours) for stream s can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API."
    );
    assert_eq!(
        err(&mut sb, "DecreaseStreamRetentionPeriod", json!({"StreamName": "s", "RetentionPeriodHours": 72})).1,
        "Requested retention period (72 hours) for stream s can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API."
    );
    // Decreasing to 24 h trims the 30-hour-old record at once.
    ok(
        &mut sb,
        "DecreaseStreamRetentionPeriod",
        json!({"StreamName": "s", "RetentionPeriodHours": 24}),
    );
    sb.advance(Duration::from_secs(1));
    assert_eq!(
        read_all(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"})),
        Vec::<String>::new()
    );
    // Same value again: a no-op.
    ok(
        &mut sb,
        "DecreaseStreamRetentionPeriod",
        json!({"StreamName": "s", "RetentionPeriodHours": 24}),
    );
}

fn consumer(sb: &mut Sandbox, name: &str) -> String {
    let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
    let out = ok(
        sb,
        "RegisterStreamConsumer",
        json!({"StreamARN": arn, "ConsumerName": name}),
    );
    assert_eq!(out["Consumer"]["ConsumerStatus"], "CREATING");
    out["Consumer"]["ConsumerARN"].as_str().unwrap().to_string()
}

#[test]
fn consumers_and_subscriptions() {
    let mut sb = active(1);
    let carn = consumer(&mut sb, "app");
    assert_eq!(
        carn,
        "arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/app:1767261605"
    );
    let sub =
        json!({"ConsumerARN": carn, "ShardId": S0, "StartingPosition": {"Type": "TRIM_HORIZON"}});
    assert_eq!(
        err(&mut sb, "SubscribeToShard", sub.clone()).0,
        "ResourceInUseException"
    );
    sb.advance(Duration::from_secs(5));
    let d = ok(
        &mut sb,
        "DescribeStreamConsumer",
        json!({"ConsumerARN": carn}),
    );
    assert_eq!(d["ConsumerDescription"]["ConsumerStatus"], "ACTIVE");
    put(&mut sb, "a", "one");
    let out = ok(&mut sb, "SubscribeToShard", sub.clone());
    let ev = &out["EventStream"][0]["SubscribeToShardEvent"];
    assert_eq!(datas(ev), ["one"]);
    assert_eq!(ev["MillisBehindLatest"], 0);
    // Records that arrive later are delivered second by second in virtual time.
    put(&mut sb, "a", "two");
    sb.advance(Duration::from_secs(1));
    put(&mut sb, "a", "three");
    sb.advance(Duration::from_secs(1));
    let evs = sb.take_subscription_events(&carn, S0);
    let got: Vec<String> = evs
        .iter()
        .flat_map(|e| {
            e.records
                .iter()
                .map(|r| String::from_utf8(r.data.clone()).unwrap())
        })
        .collect();
    assert_eq!(got, ["two", "three"]);
    assert!(sb.take_subscription_events(&carn, S0).is_empty());
    // Re-subscribing within 5 s is refused; after that it takes over.
    let e = err(&mut sb, "SubscribeToShard", sub.clone());
    assert_eq!(e.1, "Another active subscription exists for this consumer: 123456789012:s:shardId-000000000000:app");
    sb.advance(Duration::from_secs(3));
    ok(&mut sb, "SubscribeToShard", sub);
    let l = ok(
        &mut sb,
        "ListStreamConsumers",
        json!({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s"}),
    );
    assert_eq!(l["Consumers"].as_array().unwrap().len(), 1);
    assert_eq!(
        ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}))
            ["StreamDescriptionSummary"]["ConsumerCount"],
        1
    );
    assert_eq!(
        err(&mut sb, "DeleteStream", json!({"StreamName": "s"})).0,
        "ResourceInUseException"
    );
    ok(
        &mut sb,
        "DeregisterStreamConsumer",
        json!({"ConsumerARN": carn}),
    );
    sb.advance(Duration::from_secs(5));
    assert_eq!(
        err(
            &mut sb,
            "DescribeStreamConsumer",
            json!({"ConsumerARN": carn})
        )
        .0,
        "ResourceNotFoundException"
    );
    ok(&mut sb, "DeleteStream", json!({"StreamName": "s"}));
}

#[test]
fn twenty_consumers_at_most() {
    let mut sb = active(1);
    for i in 0..20 {
        consumer(&mut sb, &format!("c{i}"));
        sb.advance(Duration::from_secs(5));
    }
    let e = err(
        &mut sb,
        "RegisterStreamConsumer",
        json!({"StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/s", "ConsumerName": "x"}),
    );
    assert_eq!(e.0, "LimitExceededException");
}

#[test]
fn tags() {
    let mut sb = active(1);
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": {"team": "ml", "env": "dev"}}),
    );
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": {"env": "prod"}}),
    );
    let l = ok(&mut sb, "ListTagsForStream", json!({"StreamName": "s"}));
    assert_eq!(
        l,
        json!({"Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "ml"}], "HasMoreTags": false})
    );
    let l = ok(
        &mut sb,
        "ListTagsForStream",
        json!({"StreamName": "s", "Limit": 1}),
    );
    assert_eq!(l["HasMoreTags"], true);
    ok(
        &mut sb,
        "RemoveTagsFromStream",
        json!({"StreamName": "s", "TagKeys": ["env", "missing"]}),
    );
    let l = ok(&mut sb, "ListTagsForStream", json!({"StreamName": "s"}));
    assert_eq!(l["Tags"], json!([{"Key": "team", "Value": "ml"}]));
    assert_eq!(
        err(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {"a": "b*"}})
        )
        .1,
        "Failed to add tags to stream s under account 123456789012 because some tags contained \
         illegal characters. The allowed characters are Unicode letters, white-spaces, \
         '_',',','/','=','+','-','@'."
    );
}

#[test]
fn encryption_marks_new_records() {
    let mut sb = active(1);
    put(&mut sb, "a", "plain");
    ok(
        &mut sb,
        "StartStreamEncryption",
        json!({"StreamName": "s", "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}),
    );
    assert_eq!(
        ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}))
            ["StreamDescriptionSummary"]["StreamStatus"],
        "UPDATING"
    );
    sb.advance(Duration::from_secs(5));
    let p = put(&mut sb, "a", "secret");
    assert_eq!(p["EncryptionType"], "KMS");
    let d = ok(&mut sb, "DescribeStream", json!({"StreamName": "s"}));
    assert_eq!(d["StreamDescription"]["EncryptionType"], "KMS");
    assert_eq!(d["StreamDescription"]["KeyId"], "alias/aws/kinesis");
    let it = iterator(&mut sb, S0, json!({"ShardIteratorType": "TRIM_HORIZON"}));
    let out = ok(&mut sb, "GetRecords", json!({"ShardIterator": it}));
    assert_eq!(out["Records"][0]["EncryptionType"], "NONE");
    assert_eq!(out["Records"][1]["EncryptionType"], "KMS");
    ok(
        &mut sb,
        "StopStreamEncryption",
        json!({"StreamName": "s", "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}),
    );
    sb.advance(Duration::from_secs(5));
    assert_eq!(put(&mut sb, "a", "plain again")["EncryptionType"], "NONE");
}

#[test]
fn monitoring_limits_and_metrics() {
    let mut sb = active(2);
    let out = ok(
        &mut sb,
        "EnableEnhancedMonitoring",
        json!({"StreamName": "s", "ShardLevelMetrics": ["IncomingBytes", "IncomingRecords"]}),
    );
    assert_eq!(out["CurrentShardLevelMetrics"], json!([]));
    assert_eq!(
        out["DesiredShardLevelMetrics"],
        json!(["IncomingBytes", "IncomingRecords"])
    );
    let d = ok(&mut sb, "DescribeStream", json!({"StreamName": "s"}));
    assert_eq!(
        d["StreamDescription"]["EnhancedMonitoring"],
        json!([{"ShardLevelMetrics": ["IncomingBytes", "IncomingRecords"]}])
    );
    let e = err(
        &mut sb,
        "EnableEnhancedMonitoring",
        json!({"StreamName": "s", "ShardLevelMetrics": ["Nope"]}),
    );
    assert_eq!(e.0, "ValidationException");
    put(&mut sb, "a", "12345");
    put(&mut sb, "b", "12345");
    let start = sb.now().epoch_millis() - 60_000;
    let pts = sb.stream_metric("s", "IncomingRecords", None, start, start + 120_000);
    assert_eq!(pts.len(), 1);
    assert_eq!(pts[0].stat.sum, 2.0);
    let bytes = sb.stream_metric("s", "IncomingBytes", Some(0), start, start + 120_000);
    assert_eq!(bytes[0].stat.sum, 6.0);
    let q = sb
        .kinesis_metric_statistics(&json!({
            "Namespace": "AWS/Kinesis", "MetricName": "IncomingBytes",
            "Dimensions": [{"Name": "StreamName", "Value": "s"}],
            "StartTime": (start as f64) / 1000.0, "EndTime": (start as f64) / 1000.0 + 600.0,
            "Period": 300, "Statistics": ["Sum", "SampleCount"]
        }))
        .unwrap();
    assert_eq!(q["Label"], "IncomingBytes");
    assert_eq!(q["Datapoints"][0]["Sum"], 12.0);
    assert_eq!(q["Datapoints"][0]["SampleCount"], 2.0);
    assert_eq!(q["Datapoints"][0]["Unit"], "Bytes");
    let l = ok(&mut sb, "DescribeLimits", json!({}));
    assert_eq!(
        l,
        json!({"ShardLimit": 500, "OpenShardCount": 2, "OnDemandStreamCount": 0, "OnDemandStreamCountLimit": 50})
    );
    let out = ok(
        &mut sb,
        "DisableEnhancedMonitoring",
        json!({"StreamName": "s", "ShardLevelMetrics": ["ALL"]}),
    );
    assert_eq!(out["DesiredShardLevelMetrics"], json!([]));
}

#[test]
fn typed_ingest_matches_put_records() {
    let mut sb = active(2);
    let recs: Vec<(String, Vec<u8>)> = (0..10).map(|i| (format!("k{i}"), vec![b'x'; 10])).collect();
    let out = kinesis_sandbox::engine::streams::put_records_typed(
        &mut sb,
        kinesis_sandbox::engine::Caller::Generator,
        "s",
        &recs,
    )
    .unwrap();
    assert_eq!(out.failed, 0);
    assert_eq!(out.results.len(), 10);
    assert_eq!(
        sb.events().successes(
            Some(kinesis_sandbox::engine::Caller::Generator),
            "Kinesis_20131202.PutRecords"
        ),
        1
    );
    let view = sb.stream("s").unwrap();
    assert_eq!(view.records_held, 10);
    assert_eq!(view.shards.len(), 2);
    let e = kinesis_sandbox::engine::streams::put_records_typed(
        &mut sb,
        kinesis_sandbox::engine::Caller::Generator,
        "nope",
        &recs,
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
}

/// A stream deleted while it was still CREATING has no shards: a write answers that the stream
/// is not found (it never panics looking for a shard).
#[test]
fn a_stream_deleted_while_creating_takes_no_writes() {
    let mut sb = Sandbox::default();
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "brief", "ShardCount": 1}),
    );
    ok(&mut sb, "DeleteStream", json!({"StreamName": "brief"}));
    let records =
        json!({"StreamName": "brief", "Records": [{"Data": "eA==", "PartitionKey": "k"}]});
    let (kind, _) = err(&mut sb, "PutRecords", records);
    assert_eq!(kind, "ResourceNotFoundException");
    let (kind, _) = err(
        &mut sb,
        "PutRecord",
        json!({"StreamName": "brief", "Data": "eA==", "PartitionKey": "k"}),
    );
    assert_eq!(kind, "ResourceNotFoundException");
}
