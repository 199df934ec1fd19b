//! Data Streams request validation in AWS's words: which constraints a member breaks, in the
//! order Coral prints them, and the tag rules.

mod streams_support;
use serde_json::json;
use streams_support::*;

const NAME_RE: &str = "[a-zA-Z0-9_.-]+";

/// The two failures an empty name-like member gives: the pattern, then the minimum length.
fn empty_pair(path: &str) -> String {
    format!(
        "Value '' at '{path}' failed to satisfy constraint: Member must satisfy regular \
         expression pattern: {NAME_RE}; Value '' at '{path}' failed to satisfy constraint: \
         Member must have length greater than or equal to 1"
    )
}

fn validation(
    sb: &mut kinesis_sandbox::engine::Sandbox,
    op: &str,
    body: serde_json::Value,
) -> String {
    let (kind, msg) = err(sb, op, body);
    assert_eq!(kind, "ValidationException", "{op}: {msg}");
    msg
}

#[test]
fn an_empty_stream_name_breaks_the_pattern_and_the_length() {
    let mut sb = active(1);
    for op in [
        "DescribeStream",
        "DescribeStreamSummary",
        "DeleteStream",
        "ListTagsForStream",
        "IncreaseStreamRetentionPeriod",
    ] {
        let mut body = json!({"StreamName": ""});
        if op.contains("Retention") {
            body["RetentionPeriodHours"] = json!(48);
        }
        assert_eq!(
            validation(&mut sb, op, body),
            format!("2 validation errors detected: {}", empty_pair("streamName")),
            "{op}"
        );
    }
}

#[test]
fn every_empty_name_member_counts_twice() {
    let mut sb = active(2);
    let cases = [
        (
            "GetShardIterator",
            json!({"StreamName": "s", "ShardId": "", "ShardIteratorType": "LATEST"}),
            vec!["shardId"],
        ),
        (
            "DescribeStream",
            json!({"StreamName": "s", "ExclusiveStartShardId": ""}),
            vec!["exclusiveStartShardId"],
        ),
        (
            "ListShards",
            json!({"StreamName": "s", "ExclusiveStartShardId": ""}),
            vec!["exclusiveStartShardId"],
        ),
        (
            "ListStreams",
            json!({"ExclusiveStartStreamName": ""}),
            vec!["exclusiveStartStreamName"],
        ),
        (
            "SplitShard",
            json!({"StreamName": "s", "ShardToSplit": "", "NewStartingHashKey": "1"}),
            vec!["shardToSplit"],
        ),
        (
            "MergeShards",
            json!({"StreamName": "", "ShardToMerge": "", "AdjacentShardToMerge": ""}),
            vec!["streamName", "shardToMerge", "adjacentShardToMerge"],
        ),
    ];
    for (op, body, paths) in cases {
        let joined: Vec<String> = paths.iter().map(|p| empty_pair(p)).collect();
        assert_eq!(
            validation(&mut sb, op, body),
            format!(
                "{} validation errors detected: {}",
                paths.len() * 2,
                joined.join("; ")
            ),
            "{op}"
        );
    }
}

#[test]
fn an_empty_consumer_name_counts_twice() {
    let mut sb = active(1);
    let arn = ok(&mut sb, "DescribeStreamSummary", json!({"StreamName": "s"}))
        ["StreamDescriptionSummary"]["StreamARN"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        validation(
            &mut sb,
            "RegisterStreamConsumer",
            json!({"StreamARN": arn, "ConsumerName": ""})
        ),
        format!(
            "2 validation errors detected: {}",
            empty_pair("consumerName")
        )
    );
}

#[test]
fn an_empty_stream_arn_breaks_the_pattern_and_the_length() {
    let mut sb = active(1);
    assert_eq!(
        validation(&mut sb, "DescribeStreamSummary", json!({"StreamARN": ""})),
        "2 validation errors detected: Value '' at 'streamARN' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+; \
         Value '' at 'streamARN' failed to satisfy constraint: Member must have length greater \
         than or equal to 1"
    );
}

#[test]
fn a_long_bad_name_lists_the_pattern_before_the_maximum() {
    let mut sb = active(1);
    let name = format!("{}!", "a".repeat(128));
    assert_eq!(
        validation(&mut sb, "DescribeStream", json!({"StreamName": name})),
        format!(
            "2 validation errors detected: Value '{name}' at 'streamName' failed to satisfy \
             constraint: Member must satisfy regular expression pattern: {NAME_RE}; Value \
             '{name}' at 'streamName' failed to satisfy constraint: Member must have length less \
             than or equal to 128"
        )
    );
}

#[test]
fn an_empty_consumer_arn_breaks_the_pattern_and_the_length() {
    let mut sb = active(1);
    let re = "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+";
    for op in ["DescribeStreamConsumer", "DeregisterStreamConsumer"] {
        assert_eq!(
            validation(&mut sb, op, json!({"ConsumerARN": ""})),
            format!(
                "2 validation errors detected: Value '' at 'consumerARN' failed to satisfy \
                 constraint: Member must satisfy regular expression pattern: {re}; Value '' at \
                 'consumerARN' failed to satisfy constraint: Member must have length greater \
                 than or equal to 1"
            ),
            "{op}"
        );
    }
}

/// Members the model gives a pattern but no length (`HashKey`, `SequenceNumber`) break only the
/// pattern when empty; `PartitionKey` has a length but no pattern.
#[test]
fn an_empty_value_breaks_only_the_constraints_its_member_has() {
    let mut sb = active(1);
    let pattern = |path: &str, re: &str| {
        format!(
            "1 validation error detected: Value '' at '{path}' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: {re}"
        )
    };
    assert_eq!(
        validation(
            &mut sb,
            "SplitShard",
            json!({"StreamName": "s", "ShardToSplit": "shardId-000000000000", "NewStartingHashKey": ""})
        ),
        pattern("newStartingHashKey", "0|([1-9]\\d{0,38})")
    );
    assert_eq!(
        validation(
            &mut sb,
            "PutRecord",
            json!({"StreamName": "s", "Data": "", "PartitionKey": "k", "SequenceNumberForOrdering": ""})
        ),
        pattern("sequenceNumberForOrdering", "0|([1-9]\\d{0,128})")
    );
    assert_eq!(
        validation(
            &mut sb,
            "PutRecord",
            json!({"StreamName": "s", "Data": "", "PartitionKey": "k", "ExplicitHashKey": ""})
        ),
        pattern("explicitHashKey", "0|([1-9]\\d{0,38})")
    );
    assert_eq!(
        validation(
            &mut sb,
            "PutRecord",
            json!({"StreamName": "s", "Data": "", "PartitionKey": ""})
        ),
        "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: \
         Member must have length greater than or equal to 1"
    );
}
