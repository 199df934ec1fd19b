//! Firehose data transformation with Lambda: the event the function gets, the answer's
//! contract, retries, `processing-failed/` error output, the IAM checks, and the clock
//! waiting for a function that runs outside the engine.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::lambda::blueprints;
use kinesis_sandbox::engine::lambda::{FunctionFailure, Outcome, RunRequest};
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const CUSTOM: &str = "export const handler = async (event) => ({ records: event.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: r.data })) });\n";

/// A Direct PUT stream whose records go through function `function` (1 MB / 60 s buffer).
fn transforming(sb: &mut Sandbox, function: &str, allow_lambda: bool, extra: Value) -> String {
    sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
        .unwrap();
    let mut p = params("t", "out", None);
    if allow_lambda {
        p.lambda_function = Some(function.to_string());
    }
    let role = create_delivery_role(sb, &p, "role-t").unwrap();
    let arn = format!("arn:aws:lambda:us-east-1:123456789012:function:{function}");
    let mut cfg = json!({
        "RoleARN": role,
        "BucketARN": "arn:aws:s3:::out",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": "/aws/kinesisfirehose/t", "LogStreamName": "DestinationDelivery"},
        "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
            {"ParameterName": "LambdaArn", "ParameterValue": arn},
            {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"},
        ]}]},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "t", "ExtendedS3DestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    role
}

fn ledger(sb: &Sandbox) -> kinesis_sandbox::engine::firehose::Ledger {
    sb.firehose().get("t").unwrap().ledger
}

fn log_lines(sb: &Sandbox, group: &str) -> Vec<String> {
    sb.cloudwatch()
        .log_group(group)
        .map(|g| {
            g.streams
                .values()
                .flat_map(|s| s.events.iter().map(|e| e.message.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Answers every waiting run with `answer(event)`.
fn answer_runs(
    sb: &mut Sandbox,
    mut answer: impl FnMut(&Value) -> Result<Value, FunctionFailure>,
) -> usize {
    let runs: Vec<RunRequest> = sb.lambda_take_runs();
    let n = runs.len();
    for run in runs {
        let event: Value = serde_json::from_str(&run.event).unwrap();
        let outcome = Outcome {
            result: answer(&event).map(|v| v.to_string()),
            logs: vec![format!(
                "2026-01-01T10:00:00.000Z\t{}\tINFO\tseen",
                run.request_id
            )],
            duration_ms: 12.5,
            init_duration_ms: None,
        };
        sb.lambda_complete(run.id, outcome);
    }
    n
}

fn identity_blueprint() -> &'static str {
    blueprints::by_id("kinesis-firehose-process-record")
        .unwrap()
        .source
}

#[test]
fn an_unedited_blueprint_transforms_at_once_and_logs_its_run() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "xf", "index.mjs", identity_blueprint());
    transforming(&mut sb, "xf", true, json!({}));
    for i in 0..10 {
        put(&mut sb, "t", format!("{{\"n\":{i}}}\n").as_bytes());
    }
    assert_eq!(ledger(&sb).processing, 10);
    sb.advance(Duration::from_secs(61));
    // Sent to the function after 60 s, then into the destination buffer for its own interval.
    assert_eq!(ledger(&sb).processing, 0);
    assert_eq!(ledger(&sb).buffered, 10);
    sb.advance(Duration::from_secs(61));
    let objs = objects(&mut sb, "out");
    assert_eq!(objs.len(), 1);
    let body = String::from_utf8(objs[0].1.clone()).unwrap();
    assert_eq!(body.lines().count(), 10);
    assert!(body.starts_with("{\"n\":0}\n"));
    let lines = log_lines(&sb, "/aws/lambda/xf");
    assert!(lines[0].starts_with("START RequestId: "), "{lines:?}");
    assert!(lines
        .iter()
        .any(|l| l.ends_with("INFO\tProcessing completed.  Successful records 10.")));
    assert!(lines
        .iter()
        .any(|l| l.starts_with("REPORT RequestId: ") && l.contains("Memory Size: 128 MB")));
    assert!(ledger(&sb).balanced());
    assert_eq!(ledger(&sb).delivered, 10);
}

#[test]
fn the_clock_waits_for_a_function_the_host_runs() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "up", "index.mjs", CUSTOM);
    transforming(&mut sb, "up", true, json!({}));
    put(&mut sb, "t", b"hello");
    put(&mut sb, "t", b"drop me");
    put(&mut sb, "t", b"bad");
    let before = sb.now();
    sb.advance(Duration::from_secs(300));
    // The batch went out at 60 s; the other 240 s wait for its answer.
    let waited = sb.now().since(before);
    assert_eq!(waited, Duration::from_secs(60));
    assert_eq!(sb.held_time(), Duration::from_secs(240));
    let mut seen = None;
    let n = answer_runs(&mut sb, |event| {
        seen = Some(event.clone());
        let records: Vec<Value> = event["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let data = unb64(r["data"].as_str().unwrap());
                match &data[..] {
                    b"drop me" => json!({"recordId": r["recordId"], "result": "Dropped"}),
                    b"bad" => json!({"recordId": r["recordId"], "result": "ProcessingFailed", "data": r["data"]}),
                    _ => json!({"recordId": r["recordId"], "result": "Ok", "data": b64(&data.to_ascii_uppercase())}),
                }
            })
            .collect();
        Ok(json!({ "records": records }))
    });
    assert_eq!(n, 1);
    // The clock went on with the time it held.
    assert_eq!(sb.now().since(before), Duration::from_secs(300));
    let event = seen.unwrap();
    assert_eq!(event["records"].as_array().unwrap().len(), 3);
    assert!(event.get("sourceKinesisStreamArn").is_none());
    assert!(event["records"][0].get("kinesisRecordMetadata").is_none());
    assert!(event["records"][0]["approximateArrivalTimestamp"].is_i64());
    assert_eq!(event["region"], "us-east-1");
    let objs = objects(&mut sb, "out");
    let delivered: Vec<_> = objs
        .iter()
        .filter(|(k, _)| !k.contains("processing-failed"))
        .collect();
    assert_eq!(delivered.len(), 1);
    assert_eq!(delivered[0].1, b"HELLO");
    let failed: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.starts_with("processing-failed/"))
        .collect();
    assert_eq!(
        failed.len(),
        1,
        "{:?}",
        objs.iter().map(|o| &o.0).collect::<Vec<_>>()
    );
    let doc: Value =
        serde_json::from_slice(failed[0].1.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(doc["errorCode"], "Lambda.ProcessingFailed");
    assert_eq!(unb64(doc["rawData"].as_str().unwrap()), b"bad");
    assert_eq!(doc["attemptsMade"], 1);
    assert_eq!(
        doc["lambdaArn"],
        "arn:aws:lambda:us-east-1:123456789012:function:up"
    );
    let l = ledger(&sb);
    assert_eq!(
        (l.delivered, l.dropped, l.error_output, l.processing),
        (1, 1, 1, 0)
    );
    assert!(l.balanced());
}

#[test]
fn a_missing_record_id_is_retried_then_the_batch_goes_to_the_error_output() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "lossy", "index.mjs", CUSTOM);
    transforming(&mut sb, "lossy", true, json!({}));
    put(&mut sb, "t", b"one");
    put(&mut sb, "t", b"two");
    sb.advance(Duration::from_secs(61));
    let mut invocations = 0;
    for _ in 0..10 {
        invocations += answer_runs(&mut sb, |event| {
            let first = &event["records"][0];
            Ok(
                json!({"records": [{"recordId": first["recordId"], "result": "Ok", "data": first["data"]}]}),
            )
        });
        sb.advance(Duration::from_secs(2));
    }
    // The first try and three retries.
    assert_eq!(invocations, 4);
    let logs = log_lines(&sb, "/aws/kinesisfirehose/t");
    assert!(
        logs.iter()
            .any(|l| l.contains("\"errorCode\":\"Lambda.MissingRecordId\"")),
        "{logs:?}"
    );
    let objs = objects(&mut sb, "out");
    let failed: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.contains("processing-failed/"))
        .collect();
    assert_eq!(failed.len(), 1);
    let body = String::from_utf8(failed[0].1.clone()).unwrap();
    assert_eq!(body.lines().count(), 2);
    assert!(body.contains("\"attemptsMade\":4"));
    assert!(body.contains("One or more record IDs were not returned."));
    assert!(ledger(&sb).balanced());
    assert_eq!(ledger(&sb).error_output, 2);
}

#[test]
fn a_function_error_and_a_duplicated_id_are_failures() {
    for (duplicate, code) in [
        (false, "Lambda.FunctionError"),
        (true, "Lambda.DuplicatedRecordId"),
    ] {
        let mut sb = Sandbox::default();
        create_function(&mut sb, "f", "index.mjs", CUSTOM);
        transforming(&mut sb, "f", true, json!({}));
        put(&mut sb, "t", b"x");
        sb.advance(Duration::from_secs(61));
        for _ in 0..6 {
            answer_runs(&mut sb, |event| {
                if duplicate {
                    let r = &event["records"][0];
                    let one = json!({"recordId": r["recordId"], "result": "Ok", "data": r["data"]});
                    Ok(json!({"records": [one.clone(), one]}))
                } else {
                    Err(FunctionFailure {
                        error_type: "TypeError".into(),
                        error_message: "Cannot read properties of undefined".into(),
                        trace: vec![],
                        timed_out: false,
                    })
                }
            });
            sb.advance(Duration::from_secs(2));
        }
        let logs = log_lines(&sb, "/aws/kinesisfirehose/t");
        assert!(logs.iter().any(|l| l.contains(code)), "{code}: {logs:?}");
        assert_eq!(ledger(&sb).error_output, 1);
        assert!(ledger(&sb).balanced());
    }
}

#[test]
fn a_role_that_may_not_invoke_the_function_is_refused_before_it_runs() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "xf", "index.mjs", identity_blueprint());
    transforming(&mut sb, "xf", false, json!({}));
    put(&mut sb, "t", b"x");
    sb.advance(Duration::from_secs(70));
    let logs = log_lines(&sb, "/aws/kinesisfirehose/t");
    assert!(
        logs.iter().any(|l| l.contains("Lambda.InvokeAccessDenied")),
        "{logs:?}"
    );
    assert!(log_lines(&sb, "/aws/lambda/xf").is_empty());
    assert_eq!(ledger(&sb).error_output, 1);
}

#[test]
fn a_missing_function_is_lambda_resource_not_found() {
    let mut sb = Sandbox::default();
    transforming(&mut sb, "gone", true, json!({}));
    put(&mut sb, "t", b"x");
    sb.advance(Duration::from_secs(70));
    let logs = log_lines(&sb, "/aws/kinesisfirehose/t");
    assert!(
        logs.iter().any(|l| l.contains("Lambda.ResourceNotFound")
            && l.contains("The specified Lambda function does not exist.")),
        "{logs:?}"
    );
}

#[test]
fn records_from_a_stream_carry_their_kinesis_metadata() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "up", "index.mjs", CUSTOM);
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "src", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(30));
    sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
        .unwrap();
    let mut p = params("t", "out", Some("src"));
    p.lambda_function = Some("up".into());
    let role = create_delivery_role(&mut sb, &p, "role-t").unwrap();
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "t", "DeliveryStreamType": "KinesisStreamAsSource",
            "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/src", "RoleARN": role},
            "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::out",
                "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
                    {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:up:$LATEST"}]}]}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "src", "PartitionKey": "pk-1", "Data": b64(b"{\"a\":1}")}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(70));
    let mut seen = None;
    answer_runs(&mut sb, |event| {
        seen = Some(event.clone());
        let r = &event["records"][0];
        Ok(json!({"records": [{"recordId": r["recordId"], "result": "Ok", "data": r["data"]}]}))
    });
    let event = seen.expect("the function ran");
    assert_eq!(
        event["sourceKinesisStreamArn"],
        "arn:aws:kinesis:us-east-1:123456789012:stream/src"
    );
    let meta = &event["records"][0]["kinesisRecordMetadata"];
    assert_eq!(meta["partitionKey"], "pk-1");
    assert_eq!(meta["shardId"], "shardId-000000000000");
    assert_eq!(meta["sequenceNumber"].as_str().unwrap().len(), 56);
}

mod ledger_props {
    use super::*;
    use proptest::prelude::*;

    /// How the function answers a batch.
    #[derive(Debug, Clone, Copy)]
    enum Reply {
        /// Each record by its first byte: Ok, Dropped or ProcessingFailed.
        PerRecord,
        MissingId,
        Error,
        NotJson,
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

        #[test]
        fn every_record_is_in_exactly_one_place_through_a_transformation(
            steps in prop::collection::vec((0u8..3, 1u16..200, 0u32..200), 1..30),
            replies in prop::collection::vec(prop_oneof![
                6 => Just(Reply::PerRecord), 1 => Just(Reply::MissingId), 1 => Just(Reply::Error), 1 => Just(Reply::NotJson)], 1..8),
        ) {
            let mut sb = Sandbox::default();
            create_function(&mut sb, "f", "index.mjs", CUSTOM);
            transforming(&mut sb, "f", true, json!({}));
            for (turn, (kind, len, wait)) in steps.into_iter().enumerate() {
                let sent = turn as u64 + 1;
                let mut rec = vec![b"ODF"[kind as usize]; len as usize];
                rec.push(b'\n');
                put(&mut sb, "t", &rec);
                sb.advance(Duration::from_secs(u64::from(wait)));
                let reply = replies[turn % replies.len()];
                answer_runs(&mut sb, |event| {
                    let records = event["records"].as_array().unwrap();
                    match reply {
                        Reply::Error => Err(FunctionFailure { error_type: "Error".into(), error_message: "boom".into(), trace: vec![], timed_out: false }),
                        Reply::NotJson => Ok(json!("not the records")),
                        Reply::MissingId => Ok(json!({"records": []})),
                        Reply::PerRecord => Ok(json!({"records": records.iter().map(|r| {
                            let data = unb64(r["data"].as_str().unwrap());
                            let result = match data[0] { b'O' => "Ok", b'D' => "Dropped", _ => "ProcessingFailed" };
                            json!({"recordId": r["recordId"], "result": result, "data": r["data"]})
                        }).collect::<Vec<_>>()})),
                    }
                });
                let l = ledger(&sb);
                prop_assert!(l.balanced(), "{l:?}");
                prop_assert_eq!(l.accepted, sent);
            }
            // Long enough for every batch to be answered or given up, and every object written.
            for _ in 0..20 {
                sb.advance(Duration::from_secs(400));
                answer_runs(&mut sb, |event| Ok(json!({"records": event["records"].as_array().unwrap().iter().map(|r| json!({"recordId": r["recordId"], "result": "Ok", "data": r["data"]})).collect::<Vec<_>>()})));
            }
            let l = ledger(&sb);
            prop_assert!(l.balanced());
            prop_assert_eq!(l.processing + l.buffered + l.awaiting_retry, 0, "{:?}", l);
            let in_objects: u64 = objects(&mut sb, "out")
                .iter()
                .map(|(_, b)| b.iter().filter(|c| **c == b'\n').count() as u64)
                .sum();
            prop_assert_eq!(in_objects, l.delivered + l.error_output);
        }
    }
}

#[test]
fn source_record_backup_keeps_the_raw_records_and_cannot_be_turned_off() {
    let mut sb = Sandbox::default();
    sb.call("S3.CreateBucket", json!({"Bucket": "raw"}))
        .unwrap();
    create_function(&mut sb, "up", "index.mjs", CUSTOM);
    // The backup bucket's writer: a console role of its own for the backup bucket.
    let role = create_delivery_role(&mut sb, &params("t", "raw", None), "backup-role").unwrap();
    transforming(
        &mut sb,
        "up",
        true,
        json!({"S3BackupMode": "Enabled", "S3BackupConfiguration": {
            "RoleARN": role, "BucketARN": "arn:aws:s3:::raw", "Prefix": "source/",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}}),
    );
    put(&mut sb, "t", b"one\n");
    put(&mut sb, "t", b"two\n");
    sb.advance(Duration::from_secs(61));
    answer_runs(&mut sb, |event| {
        Ok(
            json!({"records": event["records"].as_array().unwrap().iter().map(|r| {
            json!({"recordId": r["recordId"], "result": "Ok", "data": b64(&unb64(r["data"].as_str().unwrap()).to_ascii_uppercase())})
        }).collect::<Vec<_>>()}),
        )
    });
    sb.advance(Duration::from_secs(61));
    let raw = objects(&mut sb, "raw");
    assert_eq!(
        raw.len(),
        1,
        "{:?}",
        log_lines(&sb, "/aws/kinesisfirehose/t")
    );
    assert!(raw[0].0.starts_with("source/"), "{}", raw[0].0);
    assert_eq!(raw[0].1, b"one\ntwo\n");
    let out = objects(&mut sb, "out");
    assert_eq!(out[0].1, b"ONE\nTWO\n");
    let l = ledger(&sb);
    assert_eq!((l.accepted, l.delivered), (2, 2));
    assert!(l.balanced());
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "t"}),
        )
        .unwrap();
    let ext =
        &d["DeliveryStreamDescription"]["Destinations"][0]["ExtendedS3DestinationDescription"];
    assert_eq!(ext["S3BackupMode"], "Enabled");
    assert_eq!(ext["S3BackupDescription"]["BucketARN"], "arn:aws:s3:::raw");
    let version = d["DeliveryStreamDescription"]["VersionId"]
        .as_str()
        .unwrap()
        .to_string();
    let e = sb
        .call(
            &format!("{FH}.UpdateDestination"),
            json!({"DeliveryStreamName": "t", "CurrentDeliveryStreamVersionId": version, "DestinationId": "destinationId-000000000001",
                "ExtendedS3DestinationUpdate": {"S3BackupMode": "Disabled"}}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
}
