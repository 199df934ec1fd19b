//! Dynamic partitioning delivered: records grouped by their jq keys (and a Lambda function's
//! `metadata.partitionKeys`) into one object per partition under the evaluated prefix; records
//! without keys under the error prefix; the rules of creating and updating it.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::lambda::{Outcome, RunRequest};
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn partitioned(
    sb: &mut Sandbox,
    processors: Value,
    prefix: &str,
) -> Result<(), kinesis_sandbox::engine::ApiError> {
    sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
        .unwrap();
    let mut p = params("t", "out", None);
    p.lambda_function = Some("keys".into());
    let role = create_delivery_role(sb, &p, "role-t").unwrap();
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "t", "ExtendedS3DestinationConfiguration": {
            "RoleARN": role, "BucketARN": "arn:aws:s3:::out",
            "Prefix": prefix, "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
            "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 60},
            "DynamicPartitioningConfiguration": {"Enabled": true},
            "ProcessingConfiguration": {"Enabled": true, "Processors": processors}}}),
    )?;
    sb.advance(Duration::from_secs(5));
    Ok(())
}

fn query(q: &str) -> Value {
    json!([
        {"Type": "MetadataExtraction", "Parameters": [
            {"ParameterName": "MetadataExtractionQuery", "ParameterValue": q},
            {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]},
        {"Type": "AppendDelimiterToRecord"}
    ])
}

fn keys_of(sb: &mut Sandbox) -> Vec<String> {
    let mut k: Vec<String> = objects(sb, "out").into_iter().map(|(k, _)| k).collect();
    k.sort();
    k
}

#[test]
fn records_are_grouped_by_their_query_keys() {
    let mut sb = Sandbox::default();
    partitioned(
        &mut sb,
        query("{customer_id:.customer_id,device:.type.device,year:.event_timestamp|strftime(\"%Y\")}"),
        "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromQuery:year}/",
    )
    .unwrap();
    let rec = |c: u64, d: &str| {
        format!("{{\"customer_id\":{c},\"type\":{{\"device\":\"{d}\"}},\"event_timestamp\":1565382909}}")
    };
    for (c, d) in [(1, "mobile"), (2, "desktop"), (1, "mobile"), (1, "desktop")] {
        put(&mut sb, "t", rec(c, d).as_bytes());
    }
    put(&mut sb, "t", b"not json");
    put(&mut sb, "t", b"{\"customer_id\":3}");
    sb.advance(Duration::from_secs(70));
    let keys = keys_of(&mut sb);
    let data: Vec<_> = keys
        .iter()
        .filter(|k| k.starts_with("customer_id="))
        .collect();
    assert_eq!(data.len(), 3, "{keys:?}");
    assert!(
        data[0].starts_with("customer_id=1/device=desktop/year=2019/t-1-"),
        "{keys:?}"
    );
    assert!(
        data[1].starts_with("customer_id=1/device=mobile/year=2019/t-1-"),
        "{keys:?}"
    );
    let objs = objects(&mut sb, "out");
    let mobile = objs
        .iter()
        .find(|(k, _)| k.contains("device=mobile") && k.contains("customer_id=1"))
        .unwrap();
    assert_eq!(mobile.1.iter().filter(|b| **b == b'\n').count(), 2);
    // Not JSON, and a record whose query gives a null device: both under the error prefix.
    let errors: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.starts_with("errors/metadata-extraction-failed/"))
        .collect();
    assert_eq!(errors.len(), 2, "{keys:?}");
    let doc: Value = serde_json::from_slice(
        errors
            .iter()
            .find(|(_, b)| b.windows(8).any(|w| w == b"Non JSON"))
            .unwrap()
            .1
            .split(|b| *b == b'\n')
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(
        doc["errorCode"],
        "DynamicPartitioning.MetadataExtractionFailed"
    );
    assert_eq!(unb64(doc["rawData"].as_str().unwrap()), b"not json");
    let l = sb.firehose().get("t").unwrap().ledger;
    assert!(l.balanced(), "{l:?}");
    assert_eq!((l.delivered, l.error_output), (4, 2));
}

#[test]
fn a_lambda_functions_partition_keys_name_the_prefix() {
    let mut sb = Sandbox::default();
    let code = "export const handler = async (e) => ({ records: e.records.map((r) => ({ recordId: r.recordId, result: 'Ok', data: r.data, metadata: { partitionKeys: { team: 'a' } } })) });\n";
    create_function(&mut sb, "keys", "index.mjs", code);
    partitioned(
        &mut sb,
        json!([{"Type": "Lambda", "Parameters": [{"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:keys"}]}]),
        "team=!{partitionKeyFromLambda:team}/",
    )
    .unwrap();
    put(&mut sb, "t", b"x");
    put(&mut sb, "t", b"y");
    sb.advance(Duration::from_secs(61));
    let runs: Vec<RunRequest> = sb.lambda_take_runs();
    for run in runs {
        let event: Value = serde_json::from_str(&run.event).unwrap();
        let records: Vec<Value> = event["records"].as_array().unwrap().iter().enumerate().map(|(i, r)| {
            let team = if i == 0 { "a" } else { "b" };
            json!({"recordId": r["recordId"], "result": "Ok", "data": r["data"], "metadata": {"partitionKeys": {"team": team}}})
        }).collect();
        sb.lambda_complete(
            run.id,
            Outcome {
                result: Ok(json!({"records": records}).to_string()),
                logs: vec![],
                duration_ms: 2.0,
                init_duration_ms: None,
            },
        );
    }
    sb.advance(Duration::from_secs(61));
    let keys = keys_of(&mut sb);
    assert_eq!(keys.len(), 2, "{keys:?}");
    assert!(
        keys[0].starts_with("team=a/") && keys[1].starts_with("team=b/"),
        "{keys:?}"
    );
    assert!(sb.firehose().get("t").unwrap().ledger.balanced());
}

#[test]
fn the_rules_of_dynamic_partitioning() {
    let mut sb = Sandbox::default();
    // A prefix that names a key no processor gives.
    let e = partitioned(&mut sb, query("{a:.a}"), "x=!{partitionKeyFromLambda:x}/").unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let mut sb = Sandbox::default();
    partitioned(&mut sb, query("{a:.a}"), "a=!{partitionKeyFromQuery:a}/").unwrap();
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "t"}),
        )
        .unwrap();
    let desc = &d["DeliveryStreamDescription"];
    let ext = &desc["Destinations"][0]["ExtendedS3DestinationDescription"];
    assert_eq!(ext["DynamicPartitioningConfiguration"]["Enabled"], true);
    assert_eq!(
        ext["ProcessingConfiguration"]["Processors"][0]["Type"],
        "MetadataExtraction"
    );
    let version = desc["VersionId"].as_str().unwrap();
    let e = sb
        .call(
            &format!("{FH}.UpdateDestination"),
            json!({"DeliveryStreamName": "t", "CurrentDeliveryStreamVersionId": version, "DestinationId": "destinationId-000000000001",
                "ExtendedS3DestinationUpdate": {"DynamicPartitioningConfiguration": {"Enabled": false}}}),
        )
        .unwrap_err();
    assert_eq!(
        e.message(),
        Some("Dynamic partitioning cannot be disabled once it is enabled.")
    );
}

#[test]
fn past_500_active_partitions_records_go_to_the_error_output() {
    let mut sb = Sandbox::default();
    partitioned(
        &mut sb,
        query("{id:.id}"),
        "id=!{partitionKeyFromQuery:id}/",
    )
    .unwrap();
    let records: Vec<Value> = (0..502)
        .map(|i| json!({"Data": b64(format!("{{\"id\":{i}}}").as_bytes())}))
        .collect();
    for chunk in records.chunks(251) {
        sb.call(
            &format!("{FH}.PutRecordBatch"),
            json!({"DeliveryStreamName": "t", "Records": chunk}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(1));
    }
    assert_eq!(sb.firehose().get("t").unwrap().partitions.len(), 500);
    sb.advance(Duration::from_secs(70));
    let keys = keys_of(&mut sb);
    assert_eq!(
        keys.iter()
            .filter(|k| k.starts_with("errors/activePartitionExceeded/"))
            .count(),
        2
    );
    let l = sb.firehose().get("t").unwrap().ledger;
    assert!(l.balanced());
    assert_eq!((l.delivered, l.error_output), (500, 2));
}

#[test]
fn de_aggregated_records_are_partitioned_one_by_one() {
    let mut sb = Sandbox::default();
    let mut processors = query("{customer:.customer}");
    processors.as_array_mut().unwrap().insert(
        0,
        json!({"Type": "RecordDeAggregation", "Parameters": [{"ParameterName": "SubRecordType", "ParameterValue": "JSON"}]}),
    );
    partitioned(
        &mut sb,
        processors,
        "customer=!{partitionKeyFromQuery:customer}/",
    )
    .unwrap();
    // One record carrying three, newline-separated and back to back; then a JSON array,
    // which is not de-aggregated.
    put(
        &mut sb,
        "t",
        b"{\"customer\":\"a\",\"n\":1}\n{\"customer\":\"b\",\"n\":2}{\"customer\":\"a\",\"n\":3}",
    );
    put(&mut sb, "t", b"[{\"customer\":\"a\"}]");
    sb.advance(Duration::from_secs(70));
    let objects = objects(&mut sb, "out");
    let body = |prefix: &str| {
        objects
            .iter()
            .filter(|(k, _)| k.starts_with(prefix))
            .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        body("customer=a/"),
        vec!["{\"customer\":\"a\",\"n\":1}\n{\"customer\":\"a\",\"n\":3}\n"]
    );
    assert_eq!(body("customer=b/"), vec!["{\"customer\":\"b\",\"n\":2}\n"]);
    assert_eq!(body("errors/metadata-extraction-failed/").len(), 1);
    let l = sb.firehose().get("t").unwrap().ledger;
    assert!(l.balanced(), "{l:?}");
    assert_eq!((l.accepted, l.delivered, l.error_output), (4, 3, 1));
}
