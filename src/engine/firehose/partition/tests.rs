use super::*;
use serde_json::json;

#[test]
fn failures_read_as_firehose_logs_them() {
    let non_json = PartitionFailure::MetadataExtractionFailed(ExtractionFailure::NonJsonRecord);
    assert_eq!(
        non_json.code(),
        "DynamicPartitioning.MetadataExtractionFailed"
    );
    assert_eq!(non_json.to_string(), "Non JSON record provided");
    assert_eq!(non_json.error_output_type(), "metadata-extraction-failed");
    let empty = PartitionFailure::MetadataExtractionFailed(ExtractionFailure::NullOrEmptyKey {
        key: "k".into(),
    });
    assert_eq!(
        empty.to_string(),
        "partitionKeys values must not be null or empty"
    );
    let full = PartitionFailure::ActivePartitionsLimitExceeded {
        limit: DEFAULT_ACTIVE_PARTITIONS,
    };
    assert_eq!(
        full.code(),
        "DynamicPartitioning.ActivePartitionsLimitExceeded"
    );
    assert_eq!(full.error_output_type(), "activePartitionExceeded");
    assert_eq!(
        full.to_string(),
        "The number of active partitions exceeds the limit of 500"
    );
}

#[test]
fn the_key_names_of_an_object_literal_query() {
    assert_eq!(
        query_key_names(
            r#"{customer_id:.customer_id,device:.type.device,year:.event_timestamp|strftime("%Y")}"#
        ),
        Some(vec!["customer_id".into(), "device".into(), "year".into()])
    );
    assert_eq!(
        query_key_names(r#"{ "a": (.x, .y) | tostring, b, c: {d: 1}.d }"#),
        Some(vec!["a".into(), "b".into(), "c".into()])
    );
    assert_eq!(query_key_names(r#"{"a,b": 1}"#), Some(vec!["a,b".into()]));
    assert_eq!(query_key_names("{(.k): .v}"), None);
    assert_eq!(query_key_names("{$x}"), None);
    assert_eq!(query_key_names(".a | {b: .}"), None);
    assert_eq!(query_key_names("{a: (.b}"), None);
}

#[test]
fn lambda_keys_follow_the_same_rules() {
    assert_eq!(
        keys_from_json(&json!({"id": 7, "ok": true, "name": "n"})).unwrap(),
        [("id", "7"), ("name", "n"), ("ok", "true")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<Keys>()
    );
    let failure = |v| match keys_from_json(&v).unwrap_err() {
        PartitionFailure::MetadataExtractionFailed(e) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        failure(json!({"id": null})),
        ExtractionFailure::NullOrEmptyKey { key: "id".into() }
    );
    assert_eq!(
        failure(json!({"id": {}})),
        ExtractionFailure::NotScalar { key: "id".into() }
    );
    assert_eq!(
        failure(json!([1])),
        ExtractionFailure::NotAnObject("array".into())
    );
}

#[test]
fn a_query_is_checked_when_it_is_read() {
    let q = Query::new("{a: .a}").unwrap();
    assert_eq!(q.text(), "{a: .a}");
    assert_eq!(q.keys(br#"{"a": "x"}"#).unwrap()["a"], "x");
    let e = Query::new("{a: .a").unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    assert!(
        e.message()
            .unwrap()
            .starts_with("MetadataExtractionQuery '{a: .a' is not a valid JQ-1.6 expression: "),
        "{e:?}"
    );
}
