//! The generator sending to a Firehose delivery stream (`DeliveryStreamName`). Written with
//! plain `Sandbox::call` so it holds whether or not the Firehose service is in the build:
//! without it, StartSending answers as Firehose does for a missing delivery stream.

use base64::Engine as _;
use kinesis_sandbox::engine::{Caller, Sandbox, SERVICES};
use serde_json::{json, Value};
use std::time::Duration;

use kinesis_sandbox::engine::generator::SENSOR_TEMPLATE as SENSOR;

fn has_firehose() -> bool {
    SERVICES.iter().any(|s| s.prefix == "Firehose_20150804")
}

fn call(sb: &mut Sandbox, target: &str, body: Value) -> Value {
    sb.call(target, body)
        .unwrap_or_else(|e| panic!("{target}: {e}"))
}

/// A bucket, a role Firehose may assume with S3 access, and a Direct PUT delivery stream.
fn delivery_stream(sb: &mut Sandbox, name: &str, bucket: &str) {
    call(sb, "S3.CreateBucket", json!({"Bucket": bucket}));
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let role = call(
        sb,
        "IAM.CreateRole",
        json!({"RoleName": "kdg-role", "AssumeRolePolicyDocument": trust.to_string()}),
    );
    let access = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
        "Action": "s3:*", "Resource": [format!("arn:aws:s3:::{bucket}"),
                                        format!("arn:aws:s3:::{bucket}/*")]}]});
    call(
        sb,
        "IAM.PutRolePolicy",
        json!({"RoleName": "kdg-role", "PolicyName": "s3", "PolicyDocument": access.to_string()}),
    );
    call(
        sb,
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": name, "DeliveryStreamType": "DirectPut",
               "ExtendedS3DestinationConfiguration": {
                   "RoleARN": role["Role"]["Arn"],
                   "BucketARN": format!("arn:aws:s3:::{bucket}"),
                   "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 5}}}),
    );
    sb.advance(Duration::from_secs(10));
}

#[test]
fn sends_to_a_delivery_stream_or_reports_it_missing() {
    let mut sb = Sandbox::default();
    if !has_firehose() {
        let e = sb
            .call(
                "KinesisDataGenerator.StartSending",
                json!({"Template": SENSOR, "DeliveryStreamName": "kdg"}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "ResourceNotFoundException");
        assert_eq!(
            e.message(),
            Some("Firehose kdg under account 123456789012 not found.")
        );
        return;
    }
    let e = sb
        .call(
            "KinesisDataGenerator.StartSending",
            json!({"Template": SENSOR, "DeliveryStreamName": "nope"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");

    delivery_stream(&mut sb, "kdg", "kdg-bucket");
    call(
        &mut sb,
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "DeliveryStreamName": "kdg", "RecordsPerSecond": 50,
               "MaxRecords": 150}),
    );
    sb.advance(Duration::from_secs(5));
    let d = call(&mut sb, "KinesisDataGenerator.DescribeSending", json!({}));
    assert_eq!(d["RecordsSent"], json!(150), "{d}");
    assert_eq!(d["RecordsFailed"], json!(0));
    assert_eq!(d["DeliveryStreamName"], json!("kdg"));
    assert!(sb.events().recent().any(|e| e.caller == Caller::Generator
        && e.target == "Firehose_20150804.PutRecordBatch"
        && e.error.is_none()));

    // Firehose buffers for 60 s, then writes the newline-separated records to S3.
    sb.advance(Duration::from_secs(120));
    let listing = call(&mut sb, "S3.ListObjectsV2", json!({"Bucket": "kdg-bucket"}));
    let mut lines = 0;
    for object in listing["Contents"]
        .as_array()
        .expect("objects in the bucket")
    {
        let got = call(
            &mut sb,
            "S3.GetObject",
            json!({"Bucket": "kdg-bucket", "Key": object["Key"]}),
        );
        let data = base64::engine::general_purpose::STANDARD
            .decode(got["Body"].as_str().unwrap())
            .unwrap();
        for line in std::str::from_utf8(&data).unwrap().lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            assert!((10..=150).contains(&v["currentTemperature"].as_i64().unwrap()));
            lines += 1;
        }
    }
    assert_eq!(lines, 150);
}
