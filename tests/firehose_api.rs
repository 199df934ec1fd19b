//! Each Firehose operation with its errors, through `Sandbox::call`.

mod support;

use kinesis_sandbox::engine::Sandbox;
use serde_json::json;
use std::time::Duration;
use support::*;

fn call(
    sb: &mut Sandbox,
    op: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, kinesis_sandbox::engine::ApiError> {
    sb.call(&format!("{FH}.{op}"), body)
}

#[test]
fn create_describe_list_delete() {
    let mut sb = Sandbox::default();
    let role = bucket_and_role(&mut sb, "f1", "out-bucket", None);
    let out = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f1", "S3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::out-bucket"}}),
    )
    .unwrap();
    assert_eq!(
        out["DeliveryStreamARN"],
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/f1"
    );
    let d = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "f1"}),
    )
    .unwrap();
    let d = &d["DeliveryStreamDescription"];
    assert_eq!(d["DeliveryStreamStatus"], "CREATING");
    assert_eq!(d["DeliveryStreamType"], "DirectPut");
    assert_eq!(d["VersionId"], "1");
    let s3 = &d["Destinations"][0]["S3DestinationDescription"];
    assert_eq!(
        s3["BufferingHints"],
        json!({"SizeInMBs": 5, "IntervalInSeconds": 300})
    );
    assert_eq!(s3["CompressionFormat"], "UNCOMPRESSED");
    // Not writable until ACTIVE.
    let e = call(
        &mut sb,
        "PutRecord",
        json!({"DeliveryStreamName": "f1", "Record": {"Data": "eA=="}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    sb.advance(Duration::from_secs(5));
    let d = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "f1"}),
    )
    .unwrap();
    assert_eq!(
        d["DeliveryStreamDescription"]["DeliveryStreamStatus"],
        "ACTIVE"
    );

    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f1", "S3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::out-bucket"}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ResourceInUseException");
    let list = call(&mut sb, "ListDeliveryStreams", json!({})).unwrap();
    assert_eq!(
        list,
        json!({"DeliveryStreamNames": ["f1"], "HasMoreDeliveryStreams": false})
    );
    call(
        &mut sb,
        "DeleteDeliveryStream",
        json!({"DeliveryStreamName": "f1"}),
    )
    .unwrap();
    let e = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "f1"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    assert_eq!(
        e.message(),
        Some("Firehose f1 under account 123456789012 not found.")
    );
    sb.advance(Duration::from_secs(1));
    assert_eq!(
        call(&mut sb, "ListDeliveryStreams", json!({})).unwrap()["DeliveryStreamNames"],
        json!([])
    );
}

#[test]
fn create_validation() {
    let mut sb = Sandbox::default();
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "bad name"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.message().unwrap().contains("'deliveryStreamName'"));
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f", "ExtendedS3DestinationConfiguration": {"RoleARN": "r", "BucketARN": "arn:aws:s3:::b",
               "BufferingHints": {"SizeInMBs": 129, "IntervalInSeconds": 901}}}),
    )
    .unwrap_err();
    assert_eq!(
        e.message().unwrap(),
        "2 validation errors detected: Value '129' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs' failed to satisfy constraint: Member must have value less than or equal to 128; Value '901' at 'extendedS3DestinationConfiguration.bufferingHints.intervalInSeconds' failed to satisfy constraint: Member must have value less than or equal to 900"
    );
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f", "ExtendedS3DestinationConfiguration": {"RoleARN": "r", "BucketARN": "arn:aws:s3:::b",
               "DataFormatConversionConfiguration": {"Enabled": true}}}),
    )
    .unwrap_err();
    // Enabled without its three parts.
    assert_eq!(e.error_type(), "InvalidArgumentException");
    assert!(e.message().unwrap().contains("must not be null"), "{e:?}");
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f", "ExtendedS3DestinationConfiguration": {"RoleARN": "r", "BucketARN": "arn:aws:s3:::b",
               "Prefix": "data/!{timestamp:yyyy}/"}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f", "RedshiftDestinationConfiguration": {}}),
    )
    .unwrap_err();
    // Redshift is a destination now: its required fields are checked as AWS does.
    assert_eq!(e.error_type(), "ValidationException");
    assert!(
        e.message()
            .unwrap()
            .contains("redshiftDestinationConfiguration.roleARN"),
        "{e:?}"
    );
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let e = call(
        &mut sb,
        "CreateDeliveryStream",
        json!({"DeliveryStreamName": "f", "DeliveryStreamType": "KinesisStreamAsSource",
               "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/nope", "RoleARN": "r"},
               "S3DestinationConfiguration": {"RoleARN": "r", "BucketARN": "arn:aws:s3:::b"}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
}

#[test]
fn put_limits() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "f", "out-bucket", json!({}));
    let out = put(&mut sb, "f", b"hello");
    assert_eq!(out["Encrypted"], false);
    assert!(out["RecordId"].as_str().unwrap().len() > 50);
    let big = vec![b'x'; 1_024_001];
    let e = call(
        &mut sb,
        "PutRecord",
        json!({"DeliveryStreamName": "f", "Record": {"Data": b64(&big)}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.message().unwrap().contains("1024000"));
    let ok = vec![b'x'; 1_024_000];
    call(
        &mut sb,
        "PutRecord",
        json!({"DeliveryStreamName": "f", "Record": {"Data": b64(&ok)}}),
    )
    .unwrap();
    let many: Vec<_> = (0..501).map(|_| json!({"Data": "eA=="})).collect();
    let e = call(
        &mut sb,
        "PutRecordBatch",
        json!({"DeliveryStreamName": "f", "Records": many}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.message().unwrap().contains("less than or equal to 500"));
    let chunk = b64(&vec![b'y'; 1_000_000]);
    let heavy: Vec<_> = (0..5).map(|_| json!({"Data": chunk})).collect();
    let e = call(
        &mut sb,
        "PutRecordBatch",
        json!({"DeliveryStreamName": "f", "Records": heavy}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let batch: Vec<_> = (0..3)
        .map(|i| json!({"Data": b64(format!("r{i}").as_bytes())}))
        .collect();
    let out = call(
        &mut sb,
        "PutRecordBatch",
        json!({"DeliveryStreamName": "f", "Records": batch}),
    )
    .unwrap();
    assert_eq!(out["FailedPutCount"], 0);
    assert_eq!(out["RequestResponses"].as_array().unwrap().len(), 3);
    let e = call(
        &mut sb,
        "PutRecord",
        json!({"DeliveryStreamName": "nope", "Record": {"Data": "eA=="}}),
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        Some("Firehose nope under account 123456789012 not found.")
    );
    // 5 MiB/s: the sixth 1,000,000-byte record in one second is throttled.
    sb.advance(Duration::from_secs(1));
    let mut throttled = 0;
    for _ in 0..6 {
        match call(
            &mut sb,
            "PutRecord",
            json!({"DeliveryStreamName": "f", "Record": {"Data": chunk}}),
        ) {
            Ok(_) => {}
            Err(e) => {
                assert_eq!(e.error_type(), "ServiceUnavailableException");
                throttled += 1;
            }
        }
    }
    assert_eq!(throttled, 1);
}

#[test]
fn tags_encryption_and_update() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "f", "out-bucket", json!({}));
    call(&mut sb, "TagDeliveryStream", json!({"DeliveryStreamName": "f", "Tags": [{"Key": "team", "Value": "ml"}, {"Key": "env", "Value": "lab"}]})).unwrap();
    let tags = call(
        &mut sb,
        "ListTagsForDeliveryStream",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap();
    assert_eq!(
        tags,
        json!({"Tags": [{"Key": "env", "Value": "lab"}, {"Key": "team", "Value": "ml"}], "HasMoreTags": false})
    );
    call(
        &mut sb,
        "UntagDeliveryStream",
        json!({"DeliveryStreamName": "f", "TagKeys": ["env"]}),
    )
    .unwrap();
    let tags = call(
        &mut sb,
        "ListTagsForDeliveryStream",
        json!({"DeliveryStreamName": "f", "Limit": 1}),
    )
    .unwrap();
    assert_eq!(tags["Tags"], json!([{"Key": "team", "Value": "ml"}]));
    let too_many: Vec<_> = (0..51)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    assert!(call(
        &mut sb,
        "TagDeliveryStream",
        json!({"DeliveryStreamName": "f", "Tags": too_many})
    )
    .is_err());

    call(
        &mut sb,
        "StartDeliveryStreamEncryption",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap();
    assert_eq!(put(&mut sb, "f", b"x")["Encrypted"], true);
    let d = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap();
    assert_eq!(
        d["DeliveryStreamDescription"]["DeliveryStreamEncryptionConfiguration"]["Status"],
        "ENABLED"
    );
    call(
        &mut sb,
        "StopDeliveryStreamEncryption",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap();
    assert_eq!(put(&mut sb, "f", b"x")["Encrypted"], false);

    let e = call(&mut sb, "UpdateDestination", json!({"DeliveryStreamName": "f", "CurrentDeliveryStreamVersionId": "7",
        "DestinationId": "destinationId-000000000001", "ExtendedS3DestinationUpdate": {"CompressionFormat": "GZIP"}})).unwrap_err();
    assert_eq!(e.error_type(), "ConcurrentModificationException");
    call(&mut sb, "UpdateDestination", json!({"DeliveryStreamName": "f", "CurrentDeliveryStreamVersionId": "1",
        "DestinationId": "destinationId-000000000001", "ExtendedS3DestinationUpdate": {"CompressionFormat": "GZIP"}})).unwrap();
    let d = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "f"}),
    )
    .unwrap();
    let d = &d["DeliveryStreamDescription"];
    assert_eq!(d["VersionId"], "2");
    assert_eq!(
        d["Destinations"][0]["ExtendedS3DestinationDescription"]["CompressionFormat"],
        "GZIP"
    );
    // The bucket is kept from before.
    assert_eq!(
        d["Destinations"][0]["ExtendedS3DestinationDescription"]["BucketARN"],
        "arn:aws:s3:::out-bucket"
    );
}

#[test]
fn kinesis_source_refuses_direct_put() {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    let role = bucket_and_role(&mut sb, "mlf", "ml-bucket", Some("machinelearning"));
    call(&mut sb, "CreateDeliveryStream", json!({"DeliveryStreamName": "mlf", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::ml-bucket"}})).unwrap();
    sb.advance(Duration::from_secs(5));
    for op in ["PutRecord", "PutRecordBatch"] {
        let body = if op == "PutRecord" {
            json!({"DeliveryStreamName": "mlf", "Record": {"Data": "eA=="}})
        } else {
            json!({"DeliveryStreamName": "mlf", "Records": [{"Data": "eA=="}]})
        };
        let e = call(&mut sb, op, body).unwrap_err();
        assert_eq!(e.error_type(), "InvalidArgumentException");
        assert_eq!(
            e.message(),
            Some("This operation is not permitted on KinesisStreamAsSource delivery stream type.")
        );
    }
    let e = call(
        &mut sb,
        "StartDeliveryStreamEncryption",
        json!({"DeliveryStreamName": "mlf"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let d = call(
        &mut sb,
        "DescribeDeliveryStream",
        json!({"DeliveryStreamName": "mlf"}),
    )
    .unwrap();
    assert_eq!(
        d["DeliveryStreamDescription"]["DeliveryStreamType"],
        "KinesisStreamAsSource"
    );
    assert_eq!(
        d["DeliveryStreamDescription"]["Source"]["KinesisStreamSourceDescription"]
            ["KinesisStreamARN"],
        "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning"
    );
}
