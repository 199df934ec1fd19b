//! Data Streams request validation in AWS's words: which constraints a member breaks, in the
//! order Coral prints them, and the tag rules.

mod streams_support;
use kinesis_sandbox::engine::Sandbox;
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

/// The ARN of stream `s`.
fn stream_arn(sb: &mut Sandbox) -> String {
    ok(sb, "DescribeStreamSummary", json!({"StreamName": "s"}))["StreamDescriptionSummary"]
        ["StreamARN"]
        .as_str()
        .unwrap()
        .to_string()
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
    let arn = stream_arn(&mut sb);
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

const ILLEGAL: &str = "Failed to add tags to stream s under account 123456789012 because some \
     tags contained illegal characters. The allowed characters are Unicode letters, \
     white-spaces, '_',',','/','=','+','-','@'.";

#[test]
fn tags_hold_only_letters_digits_spaces_and_five_marks() {
    let mut sb = active(1);
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": {"a": "a", "ü0 _.": "a", "/=+-@": "a", "b": "ü0 _./=+-@", "c": "", "日本": "値\u{3000}x"}}),
    );
    for (k, val) in [
        ("%", "a"),
        ("a", "50%"),
        ("tab\t", "a"),
        ("a", "line\nbreak"),
        ("a:b", "a"),
        ("a", "b*"),
        ("a,b", "a"),
    ] {
        let (kind, msg) = err(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {k: val}}),
        );
        assert_eq!(
            (kind.as_str(), msg.as_str()),
            ("InvalidArgumentException", ILLEGAL),
            "{k:?}={val:?}"
        );
    }
    assert_eq!(
        ok(&mut sb, "ListTagsForStream", json!({"StreamName": "s"}))["Tags"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
}

#[test]
fn tag_key_and_value_lengths_read_as_map_constraints() {
    let mut sb = active(1);
    let long_key = "k".repeat(129);
    assert_eq!(
        validation(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {long_key.clone(): "v"}})
        ),
        format!(
            "1 validation error detected: Value '{{{long_key}=v}}' at 'tags' failed to satisfy \
             constraint: Map keys must satisfy constraint: [Member must have length less than \
             or equal to 128, Member must have length greater than or equal to 1]"
        )
    );
    assert_eq!(
        validation(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {"": "v"}})
        ),
        "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: Map \
         keys must satisfy constraint: [Member must have length less than or equal to 128, \
         Member must have length greater than or equal to 1]"
    );
    let long_value = "v".repeat(257);
    assert_eq!(
        validation(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {"k": long_value.clone()}})
        ),
        format!(
            "1 validation error detected: Value '{{k={long_value}}}' at 'tags' failed to satisfy \
             constraint: Map value must satisfy constraint: [Member must have length less than \
             or equal to 256, Member must have length greater than or equal to 0]"
        )
    );
    // 128-character keys and 256-character values are fine.
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": {"k".repeat(128): "v".repeat(256)}}),
    );
    // Bad keys and bad values are reported once each, keys first.
    let msg = validation(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": {"": long_value, long_key: "x"}}),
    );
    assert!(msg.starts_with("2 validation errors detected: "), "{msg}");
    let keys = msg.find("Map keys").unwrap();
    let values = msg.find("Map value").unwrap();
    assert!(keys < values, "{msg}");
    assert_eq!(
        validation(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {}})
        ),
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member \
         must have length greater than or equal to 1"
    );
    // The same map rules hold for CreateStream's Tags.
    assert!(validation(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "t", "ShardCount": 1, "Tags": {"k": "v".repeat(257)}})
    )
    .contains("Map value must satisfy constraint"));
}

#[test]
fn a_tag_value_of_the_wrong_type_is_a_serialization_error() {
    let mut sb = active(1);
    assert_eq!(
        err(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": {"k": 5}})
        ),
        (
            "SerializationException".to_string(),
            "NUMBER_VALUE can not be converted to a String".to_string()
        )
    );
}

#[test]
fn fifty_tags_per_stream_and_two_hundred_per_call() {
    let mut sb = active(1);
    let tags = |from: usize, n: usize| -> serde_json::Value {
        (from..from + n)
            .map(|i| (format!("k{i}"), json!("v")))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": tags(0, 50)}),
    );
    // Overwriting an existing key is not a new tag.
    ok(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "s", "Tags": tags(0, 1)}),
    );
    assert_eq!(
        err(
            &mut sb,
            "AddTagsToStream",
            json!({"StreamName": "s", "Tags": tags(50, 1)})
        ),
        (
            "InvalidArgumentException".to_string(),
            "Failed to add tags to stream s under account 123456789012 because a given stream \
             cannot have more than 50 tags associated with it."
                .to_string()
        )
    );
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "t", "ShardCount": 1}),
    );
    let (kind, msg) = err(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "t", "Tags": tags(0, 51)}),
    );
    assert_eq!(kind, "InvalidArgumentException", "{msg}");
    let msg = validation(
        &mut sb,
        "AddTagsToStream",
        json!({"StreamName": "t", "Tags": tags(0, 201)}),
    );
    assert!(
        msg.starts_with("1 validation error detected: Value '{"),
        "{msg}"
    );
    assert!(msg.ends_with("}' at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200"), "{msg}");
}

#[test]
fn tag_keys_to_remove_are_typed_and_limited() {
    let mut sb = active(1);
    assert_eq!(
        err(
            &mut sb,
            "RemoveTagsFromStream",
            json!({"StreamName": "s", "TagKeys": ["a", 5]})
        ),
        (
            "SerializationException".to_string(),
            "NUMBER_VALUE can not be converted to a String".to_string()
        )
    );
    let long = "k".repeat(129);
    assert_eq!(
        validation(
            &mut sb,
            "RemoveTagsFromStream",
            json!({"StreamName": "s", "TagKeys": ["a", "", long.clone()]})
        ),
        format!(
            "2 validation errors detected: Value '' at 'tagKeys.2.member' failed to satisfy \
             constraint: Member must have length greater than or equal to 1; Value '{long}' at \
             'tagKeys.3.member' failed to satisfy constraint: Member must have length less than \
             or equal to 128"
        )
    );
    assert_eq!(
        validation(
            &mut sb,
            "RemoveTagsFromStream",
            json!({"StreamName": "s", "TagKeys": []})
        ),
        "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: \
         Member must have length greater than or equal to 1"
    );
    let many: Vec<String> = (0..51).map(|i| format!("k{i}")).collect();
    let msg = validation(
        &mut sb,
        "RemoveTagsFromStream",
        json!({"StreamName": "s", "TagKeys": many}),
    );
    assert_eq!(
        msg,
        format!(
            "1 validation error detected: Value '[{}]' at 'tagKeys' failed to satisfy \
             constraint: Member must have length less than or equal to 50",
            many.join(", ")
        )
    );
    ok(
        &mut sb,
        "RemoveTagsFromStream",
        json!({"StreamName": "s", "TagKeys": ["k".repeat(128)]}),
    );
}

#[test]
fn the_exclusive_start_tag_key_is_limited() {
    let mut sb = active(1);
    assert_eq!(
        validation(
            &mut sb,
            "ListTagsForStream",
            json!({"StreamName": "s", "ExclusiveStartTagKey": ""})
        ),
        "1 validation error detected: Value '' at 'exclusiveStartTagKey' failed to satisfy \
         constraint: Member must have length greater than or equal to 1"
    );
    let long = "k".repeat(129);
    assert_eq!(
        validation(
            &mut sb,
            "ListTagsForStream",
            json!({"StreamName": "s", "ExclusiveStartTagKey": long.clone(), "Limit": 51})
        ),
        format!(
            "2 validation errors detected: Value '{long}' at 'exclusiveStartTagKey' failed to \
             satisfy constraint: Member must have length less than or equal to 128; Value '51' \
             at 'limit' failed to satisfy constraint: Member must have value less than or equal \
             to 50"
        )
    );
    ok(
        &mut sb,
        "ListTagsForStream",
        json!({"StreamName": "s", "ExclusiveStartTagKey": "k".repeat(128)}),
    );
}

#[test]
fn next_tokens_are_one_to_a_mebibyte_of_characters() {
    let mut sb = active(1);
    let arn = stream_arn(&mut sb);
    for (op, body) in [
        ("ListStreams", json!({"NextToken": ""})),
        ("ListShards", json!({"NextToken": ""})),
        (
            "ListStreamConsumers",
            json!({"StreamARN": arn, "NextToken": ""}),
        ),
    ] {
        assert_eq!(
            validation(&mut sb, op, body),
            "1 validation error detected: Value '' at 'nextToken' failed to satisfy constraint: \
             Member must have length greater than or equal to 1",
            "{op}"
        );
    }
    let long = "a".repeat(1_048_577);
    let msg = validation(&mut sb, "ListShards", json!({"NextToken": long}));
    assert!(msg.ends_with("at 'nextToken' failed to satisfy constraint: Member must have length less than or equal to 1048576"));
}

#[test]
fn a_malformed_shard_filter_id_is_a_validation_error() {
    let mut sb = active(1);
    assert_eq!(
        validation(
            &mut sb,
            "ListShards",
            json!({"StreamName": "s", "ShardFilter": {"Type": "AFTER_SHARD_ID", "ShardId": ""}})
        ),
        format!(
            "2 validation errors detected: {}",
            empty_pair("shardFilter.shardId")
        )
    );
}

#[test]
fn consumer_tags_and_subscription_positions_are_checked() {
    let mut sb = active(1);
    let arn = stream_arn(&mut sb);
    assert_eq!(
        validation(
            &mut sb,
            "RegisterStreamConsumer",
            json!({"StreamARN": arn, "ConsumerName": "c", "Tags": {}})
        ),
        "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member \
         must have length greater than or equal to 1"
    );
    let carn = ok(
        &mut sb,
        "RegisterStreamConsumer",
        json!({"StreamARN": arn, "ConsumerName": "c", "Tags": {"team": "ml"}}),
    )["Consumer"]["ConsumerARN"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        validation(
            &mut sb,
            "SubscribeToShard",
            json!({"ConsumerARN": carn, "ShardId": "shardId-000000000000", "StartingPosition": {"Type": "AT_SEQUENCE_NUMBER", "SequenceNumber": "x"}})
        ),
        "1 validation error detected: Value 'x' at 'startingPosition.sequenceNumber' failed to \
         satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})"
    );
}

#[test]
fn get_records_checks_a_stream_arn_it_is_given() {
    let mut sb = active(1);
    let it = iterator(
        &mut sb,
        "shardId-000000000000",
        json!({"ShardIteratorType": "LATEST"}),
    );
    assert_eq!(
        validation(
            &mut sb,
            "GetRecords",
            json!({"ShardIterator": it, "Limit": 0, "StreamARN": ""})
        ),
        "3 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member \
         must have value greater than or equal to 1; Value '' at 'streamARN' failed to satisfy \
         constraint: Member must satisfy regular expression pattern: \
         arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+; Value '' at 'streamARN' failed to satisfy \
         constraint: Member must have length greater than or equal to 1"
    );
    let arn = stream_arn(&mut sb);
    ok(
        &mut sb,
        "GetRecords",
        json!({"ShardIterator": it, "StreamARN": arn}),
    );
}

#[test]
fn a_sequence_number_for_ordering_no_shard_issued_is_refused() {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(std::time::Duration::from_secs(60));
    let e = sb
        .call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "s", "Data": "aGk=", "PartitionKey": "k", "SequenceNumberForOrdering": "1234"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    assert_eq!(
        e.message(),
        Some("ExclusiveMinimumSequenceNumber 1234 used in PutRecord on stream s under account 123456789012 is invalid.")
    );
    // One the stream issued orders the next record after it.
    let first = sb
        .call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "s", "Data": "aGk=", "PartitionKey": "k"}),
        )
        .unwrap();
    let second = sb
        .call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "s", "Data": "aGk=", "PartitionKey": "k", "SequenceNumberForOrdering": first["SequenceNumber"]}),
        )
        .unwrap();
    assert!(second["SequenceNumber"].as_str() > first["SequenceNumber"].as_str());
}

#[test]
fn an_integer_beyond_32_bits_is_read_as_the_end_of_the_range() {
    let mut sb = Sandbox::default();
    assert_eq!(
        validation(
            &mut sb,
            "CreateStream",
            json!({"StreamName": "s", "ShardCount": 99_999_999_999_i64}),
        ),
        "1 validation error detected: Value '2147483647' at 'shardCount' failed to satisfy \
         constraint: Member must have value less than or equal to 100000"
    );
    assert_eq!(
        validation(
            &mut sb,
            "CreateStream",
            json!({"StreamName": "s", "ShardCount": -99_999_999_999_i64}),
        ),
        "1 validation error detected: Value '-2147483648' at 'shardCount' failed to satisfy \
         constraint: Member must have value greater than or equal to 1"
    );
}

#[test]
fn put_records_counts_at_most_ten_validation_errors() {
    let mut sb = Sandbox::default();
    let records: Vec<_> = (0..12)
        .map(|_| json!({"Data": "aGk=", "PartitionKey": "k".repeat(257)}))
        .collect();
    let msg = validation(
        &mut sb,
        "PutRecords",
        json!({"StreamName": "s", "Records": records}),
    );
    assert!(msg.starts_with("10 validation errors detected: "), "{msg}");
    assert_eq!(msg.matches("failed to satisfy constraint").count(), 10);
}
