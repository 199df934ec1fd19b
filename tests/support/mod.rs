//! Shared set-up for the Firehose integration tests.
#![allow(dead_code)]

use base64::Engine as _;
use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use serde_json::{json, Value};
use std::time::Duration;

pub const FH: &str = "Firehose_20150804";

pub fn b64(data: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

pub fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .unwrap()
}

pub fn params(stream: &str, bucket: &str, source: Option<&str>) -> DeliveryRoleParams {
    DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: stream.into(),
        bucket: Some(bucket.into()),
        source_stream: source.map(str::to_string),
        ..Default::default()
    }
}

/// Creates the bucket and the console's delivery role; returns the role ARN.
pub fn bucket_and_role(
    sb: &mut Sandbox,
    stream: &str,
    bucket: &str,
    source: Option<&str>,
) -> String {
    sb.call("S3.CreateBucket", json!({"Bucket": bucket}))
        .unwrap();
    let p = params(stream, bucket, source);
    let role = format!("role-{stream}");
    create_delivery_role(sb, &p, &role).unwrap()
}

/// A Direct PUT delivery stream into `bucket`, ACTIVE on return. `extra` is merged into the
/// ExtendedS3DestinationConfiguration.
pub fn direct_put(sb: &mut Sandbox, name: &str, bucket: &str, extra: Value) -> String {
    let role = bucket_and_role(sb, name, bucket, None);
    let mut cfg = json!({
        "RoleARN": role,
        "BucketARN": format!("arn:aws:s3:::{bucket}"),
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": format!("/aws/kinesisfirehose/{name}"), "LogStreamName": "DestinationDelivery"},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": name, "DeliveryStreamType": "DirectPut", "ExtendedS3DestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    role
}

pub fn put(sb: &mut Sandbox, name: &str, data: &[u8]) -> Value {
    sb.call(
        &format!("{FH}.PutRecord"),
        json!({"DeliveryStreamName": name, "Record": {"Data": b64(data)}}),
    )
    .unwrap()
}

/// Every object in the bucket: (key, body bytes).
pub fn objects(sb: &mut Sandbox, bucket: &str) -> Vec<(String, Vec<u8>)> {
    let list = sb
        .call("S3.ListObjectsV2", json!({"Bucket": bucket}))
        .unwrap();
    let keys: Vec<String> = list["Contents"]
        .as_array()
        .map(|c| {
            c.iter()
                .map(|o| o["Key"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default();
    keys.into_iter()
        .map(|k| {
            let o = sb
                .call("S3.GetObject", json!({"Bucket": bucket, "Key": k}))
                .unwrap();
            (k, unb64(o["Body"].as_str().unwrap()))
        })
        .collect()
}

/// A role Lambda may assume (no permissions needed to run a transform).
pub fn lambda_role(sb: &mut Sandbox, name: &str) -> String {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let out = sb
        .call(
            "IAM.CreateRole",
            json!({"RoleName": name, "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap();
    out["Role"]["Arn"].as_str().unwrap().to_string()
}

/// A deployment package with one file, base64.
pub fn package(file: &str, code: &str) -> String {
    let codecs = kinesis_sandbox::engine::extension::codecs().unwrap();
    b64(&(codecs.zip)(code.as_bytes(), file))
}

/// Creates function `name` (Node.js 22) from one file, active on return.
pub fn create_function(sb: &mut Sandbox, name: &str, file: &str, code: &str) -> Value {
    let role = lambda_role(sb, &format!("{name}-role"));
    let out = sb
        .call(
            "Lambda.CreateFunction",
            json!({"FunctionName": name, "Runtime": "nodejs22.x", "Role": role, "Handler": "index.handler", "Code": {"ZipFile": package(file, code)}}),
        )
        .unwrap();
    sb.advance(Duration::from_secs(1));
    out
}
