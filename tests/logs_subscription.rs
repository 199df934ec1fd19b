//! CloudWatch Logs subscription filters into Firehose, and Firehose's CloudWatch Logs
//! decompression and message extraction: log events put into a group reach S3 as their
//! messages, the control message is dropped, only CloudWatch Logs may put, and a record that
//! isn't gzip goes to `decompression-failed/` as it came.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use flate2::read::GzDecoder;
use kinesis_sandbox::engine::{Caller, ErrorKind, Sandbox};
use serde_json::{json, Value};
use std::io::Read;
use std::time::Duration;
use support::*;

const GROUP: &str = "/aws/lambda/orders";

fn decompressing(extract: bool) -> Value {
    json!({
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0},
        "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
        "ProcessingConfiguration": {"Enabled": true, "Processors": [
            {"Type": "Decompression", "Parameters": [{"ParameterName": "CompressionFormat", "ParameterValue": "GZIP"}]},
            {"Type": "CloudWatchLogProcessing", "Parameters": [{"ParameterName": "DataMessageExtraction", "ParameterValue": extract.to_string()}]},
            {"Type": "AppendDelimiterToRecord"}
        ]}
    })
}

/// A role CloudWatch Logs may assume, allowed `action` on everything (or nothing).
fn logs_role(sb: &mut Sandbox, name: &str, action: Option<&str>) -> String {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let out = sb
        .call(
            "IAM.CreateRole",
            json!({"RoleName": name, "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap();
    if let Some(action) = action {
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]});
        sb.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": name, "PolicyName": "put", "PolicyDocument": policy.to_string()}),
        )
        .unwrap();
    }
    out["Role"]["Arn"].as_str().unwrap().to_string()
}

fn group(sb: &mut Sandbox) {
    sb.call("Logs.CreateLogGroup", json!({"logGroupName": GROUP}))
        .unwrap();
    sb.call(
        "Logs.CreateLogStream",
        json!({"logGroupName": GROUP, "logStreamName": "2026/12/06/[$LATEST]abc"}),
    )
    .unwrap();
}

fn log(sb: &mut Sandbox, messages: &[&str]) {
    let events: Vec<Value> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"timestamp": 1_000 + i as i64, "message": m}))
        .collect();
    sb.call(
        "Logs.PutLogEvents",
        json!({"logGroupName": GROUP, "logStreamName": "2026/12/06/[$LATEST]abc", "logEvents": events}),
    )
    .unwrap();
}

fn subscribe(
    sb: &mut Sandbox,
    role: &str,
    pattern: &str,
) -> Result<Value, kinesis_sandbox::engine::ApiError> {
    sb.call(
        "Logs.PutSubscriptionFilter",
        json!({"logGroupName": GROUP, "filterName": "to-firehose", "filterPattern": pattern,
               "destinationArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs",
               "roleArn": role}),
    )
}

fn delivered(sb: &mut Sandbox) -> String {
    let mut out = String::new();
    for (k, body) in objects(sb, "out") {
        if !k.starts_with("errors/") {
            out.push_str(&String::from_utf8(body).unwrap());
        }
    }
    out
}

#[test]
fn a_subscription_delivers_each_message_and_drops_the_control_message() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "logs", "out", decompressing(true));
    group(&mut sb);
    let role = logs_role(&mut sb, "cwl-to-firehose", Some("firehose:PutRecordBatch"));
    subscribe(&mut sb, &role, "").unwrap();
    sb.advance(Duration::from_secs(2));
    let ledger = sb.firehose().get("logs").unwrap().ledger;
    assert_eq!((ledger.accepted, ledger.dropped), (1, 1), "{ledger:?}");

    log(
        &mut sb,
        &["START RequestId: 1", "{\"order\":7}", "END RequestId: 1"],
    );
    sb.advance(Duration::from_secs(3));
    assert_eq!(
        delivered(&mut sb),
        "START RequestId: 1\n{\"order\":7}\nEND RequestId: 1\n"
    );
    let ledger = sb.firehose().get("logs").unwrap().ledger;
    assert!(ledger.balanced(), "{ledger:?}");
    assert_eq!(ledger.delivered, 3);
    // CloudWatch Logs' put is in the event log, as CloudWatch Logs.
    assert!(sb
        .events()
        .recent()
        .any(|e| e.caller == Caller::Logs && e.target == "Firehose_20150804.PutRecordBatch"));
}

#[test]
fn a_filter_pattern_chooses_the_events_and_the_envelope_is_kept_without_extraction() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "logs", "out", decompressing(false));
    group(&mut sb);
    let role = logs_role(&mut sb, "cwl-to-firehose", Some("firehose:*"));
    subscribe(&mut sb, &role, "ERROR").unwrap();
    log(
        &mut sb,
        &["INFO fine", "ERROR disk full", "INFO still fine"],
    );
    sb.advance(Duration::from_secs(3));
    let text = delivered(&mut sb);
    let lines: Vec<&str> = text.lines().collect();
    // The control message, then one DATA_MESSAGE with the one matching event.
    assert_eq!(lines.len(), 2, "{text}");
    let control: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(control["messageType"], "CONTROL_MESSAGE");
    let data: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(data["messageType"], "DATA_MESSAGE");
    assert_eq!(data["owner"], "123456789012");
    assert_eq!(data["logGroup"], GROUP);
    assert_eq!(data["subscriptionFilters"], json!(["to-firehose"]));
    assert_eq!(data["logEvents"].as_array().unwrap().len(), 1);
    assert_eq!(data["logEvents"][0]["message"], "ERROR disk full");
    assert_eq!(data["logEvents"][0]["id"].as_str().unwrap().len(), 56);
}

#[test]
fn only_cloudwatch_logs_may_put_into_a_stream_that_decompresses() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "logs", "out", decompressing(true));
    let e = sb
        .call(
            &format!("{FH}.PutRecord"),
            json!({"DeliveryStreamName": "logs", "Record": {"Data": b64(b"hello")}}),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSourceException);
    assert_eq!(
        e.message().unwrap(),
        "Only requests from CloudWatch Logs are supported when CloudWatch Logs decompression is enabled."
    );
    let e = sb
        .call(
            &format!("{FH}.PutRecordBatch"),
            json!({"DeliveryStreamName": "logs", "Records": [{"Data": b64(b"hello")}]}),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidSourceException);
}

#[test]
fn message_extraction_needs_decompression() {
    let mut sb = Sandbox::default();
    let role = bucket_and_role(&mut sb, "x", "out", None);
    let e = sb
        .call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "x", "ExtendedS3DestinationConfiguration": {
                "RoleARN": role, "BucketARN": "arn:aws:s3:::out",
                "ProcessingConfiguration": {"Enabled": true, "Processors": [
                    {"Type": "CloudWatchLogProcessing", "Parameters": [{"ParameterName": "DataMessageExtraction", "ParameterValue": "true"}]}]}}}),
        )
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidArgumentException);
    assert!(
        e.message()
            .unwrap()
            .contains("needs the Decompression processor"),
        "{:?}",
        e.message()
    );
}

#[test]
fn subscription_filters_are_checked_listed_limited_and_deleted() {
    let mut sb = Sandbox::default();
    direct_put(&mut sb, "logs", "out", decompressing(true));
    group(&mut sb);
    // A role that may not put: the test message can't be delivered.
    let weak = logs_role(&mut sb, "weak", None);
    let e = subscribe(&mut sb, &weak, "").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameterException);
    assert_eq!(
        e.message().unwrap(),
        "Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state."
    );
    let role = logs_role(&mut sb, "good", Some("firehose:PutRecordBatch"));
    subscribe(&mut sb, &role, "").unwrap();
    // Putting the same name again replaces it.
    subscribe(&mut sb, &role, "ERROR").unwrap();
    let list = sb
        .call(
            "Logs.DescribeSubscriptionFilters",
            json!({"logGroupName": GROUP}),
        )
        .unwrap();
    let filters = list["subscriptionFilters"].as_array().unwrap();
    assert_eq!(filters.len(), 1);
    assert_eq!(filters[0]["filterPattern"], "ERROR");
    assert_eq!(filters[0]["distribution"], "ByLogStream");
    for name in ["second", "third"] {
        let r = sb.call(
            "Logs.PutSubscriptionFilter",
            json!({"logGroupName": GROUP, "filterName": name, "filterPattern": "",
                   "destinationArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs",
                   "roleArn": role}),
        );
        if name == "third" {
            let e = r.unwrap_err();
            assert_eq!(e.kind(), ErrorKind::LimitExceededException);
            assert_eq!(e.message().unwrap(), "Resource limit exceeded.");
        } else {
            r.unwrap();
        }
    }
    sb.call(
        "Logs.DeleteSubscriptionFilter",
        json!({"logGroupName": GROUP, "filterName": "second"}),
    )
    .unwrap();
    let e = sb
        .call(
            "Logs.DeleteSubscriptionFilter",
            json!({"logGroupName": GROUP, "filterName": "second"}),
        )
        .unwrap_err();
    assert_eq!(
        e.message().unwrap(),
        "The specified subscription filter does not exist."
    );
    let e = sb
        .call(
            "Logs.PutSubscriptionFilter",
            json!({"logGroupName": "nope", "filterName": "f", "filterPattern": "",
                   "destinationArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs", "roleArn": role}),
        )
        .unwrap_err();
    assert_eq!(
        e.message().unwrap(),
        "The specified log group does not exist."
    );
}

#[test]
fn a_stream_source_record_that_is_not_gzip_goes_to_decompression_failed_as_it_came() {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "src", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
    let role = bucket_and_role(&mut sb, "logs", "out", Some("src"));
    let mut cfg = decompressing(true);
    cfg["RoleARN"] = json!(role);
    cfg["BucketARN"] = json!("arn:aws:s3:::out");
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "logs", "DeliveryStreamType": "KinesisStreamAsSource",
               "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/src", "RoleARN": role},
               "ExtendedS3DestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    let gz = {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(
            &mut e,
            br#"{"messageType":"DATA_MESSAGE","logEvents":[{"id":"1","timestamp":1,"message":"hello"}]}"#,
        )
        .unwrap();
        e.finish().unwrap()
    };
    for data in [gz.as_slice(), b"plain text".as_slice()] {
        sb.call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "src", "PartitionKey": "k", "Data": b64(data)}),
        )
        .unwrap();
    }
    sb.advance(Duration::from_secs(10));
    let objects = objects(&mut sb, "out");
    let delivered: Vec<_> = objects
        .iter()
        .filter(|(k, _)| !k.starts_with("errors/"))
        .collect();
    assert_eq!(
        delivered.len(),
        1,
        "{:?}",
        objects.iter().map(|o| &o.0).collect::<Vec<_>>()
    );
    assert_eq!(delivered[0].1, b"hello\n");
    let failed: Vec<_> = objects
        .iter()
        .filter(|(k, _)| k.starts_with("errors/decompression-failed/"))
        .collect();
    assert_eq!(failed.len(), 1);
    let doc: Value =
        serde_json::from_slice(failed[0].1.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(doc["errorCode"], "Decompression.Failed");
    assert_eq!(unb64(doc["rawData"].as_str().unwrap()), b"plain text");
    let ledger = sb.firehose().get("logs").unwrap().ledger;
    assert!(ledger.balanced(), "{ledger:?}");
    let _ = GzDecoder::new(&gz[..]).read_to_end(&mut Vec::new());
}

#[test]
fn a_stream_made_by_the_wizard_takes_a_subscription() {
    use kinesis_sandbox::forms::firehose_create::{
        create_role_request, new_role_name, role_policy_request, Wizard, WizardAction as A, REVIEW,
    };
    use kinesis_sandbox::forms::Form;
    let mut sb = Sandbox::default();
    let mut w = Wizard::new(None, None);
    w.apply(A::Name("logs-to-s3".into()));
    w.apply(A::Decompress(true));
    w.apply(A::ExtractMessages(true));
    w.apply(A::Bucket("logs-out".into()));
    w.apply(A::Delimiter(true));
    w.apply(A::IntervalS("60".into()));
    w.apply(A::Go(REVIEW));
    assert_eq!(w.problem, None);
    let params = w.role_params("us-east-1".into(), "123456789012".into());
    let role = new_role_name(&params, sb.now().epoch_millis());
    let mut send = |r: kinesis_sandbox::forms::Request| sb.call(r.target, r.body).unwrap();
    send(w.bucket_request(false).unwrap());
    let arn = send(create_role_request(&params, &role))["Role"]["Arn"]
        .as_str()
        .unwrap()
        .to_string();
    send(role_policy_request(&params, &role));
    send(w.create_request(&arn, None, "us-east-1", "123456789012"));
    sb.advance(Duration::from_secs(300));
    sb.call("Logs.CreateLogGroup", json!({"logGroupName": GROUP}))
        .unwrap();
    sb.call(
        "Logs.CreateLogStream",
        json!({"logGroupName": GROUP, "logStreamName": "2026/12/06/[$LATEST]abc"}),
    )
    .unwrap();
    let role = logs_role(&mut sb, "cwl", Some("firehose:PutRecordBatch"));
    sb.call(
        "Logs.PutSubscriptionFilter",
        json!({"logGroupName": GROUP, "filterName": "to-s3", "filterPattern": "",
               "destinationArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/logs-to-s3",
               "roleArn": role}),
    )
    .unwrap();
    log(&mut sb, &["GET /index.html 200", "GET /missing 404"]);
    sb.advance(Duration::from_secs(300));
    let l = sb.firehose().get("logs-to-s3").unwrap().ledger;
    assert_eq!(l.delivered, 2, "{l:?}");
}
