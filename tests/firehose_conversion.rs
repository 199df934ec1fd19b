//! Record format conversion delivered: JSON records read with a Glue table's schema and
//! written as a Parquet or ORC object, records that don't fit under
//! `format-conversion-failed/`, and the rules of turning it on.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::firehose::convert::preview::preview;
use kinesis_sandbox::engine::Sandbox;
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn glue_table(sb: &mut Sandbox) {
    sb.call(
        "Glue.CreateDatabase",
        json!({"DatabaseInput": {"Name": "sensors"}}),
    )
    .unwrap();
    sb.call(
        "Glue.CreateTable",
        json!({"DatabaseName": "sensors", "TableInput": {"Name": "readings", "StorageDescriptor": {"Columns": [
            {"Name": "sensorid", "Type": "int"},
            {"Name": "currenttemperature", "Type": "double"},
            {"Name": "status", "Type": "string"},
        ]}}}),
    )
    .unwrap();
}

fn converting(
    sb: &mut Sandbox,
    serializer: Value,
    extra: Value,
) -> Result<Value, kinesis_sandbox::engine::ApiError> {
    sb.call("S3.CreateBucket", json!({"Bucket": "lake"}))
        .unwrap();
    let mut p = params("c", "lake", None);
    p.glue_table = Some(("sensors".into(), "readings".into()));
    let role = create_delivery_role(sb, &p, "role-c").unwrap();
    let mut cfg = json!({
        "RoleARN": role, "BucketARN": "arn:aws:s3:::lake",
        "BufferingHints": {"IntervalInSeconds": 60},
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": "/aws/kinesisfirehose/c", "LogStreamName": "DestinationDelivery"},
        "DataFormatConversionConfiguration": {
            "SchemaConfiguration": {"RoleARN": role, "DatabaseName": "sensors", "TableName": "readings"},
            "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
            "OutputFormatConfiguration": {"Serializer": serializer},
        },
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    let out = sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "c", "ExtendedS3DestinationConfiguration": cfg}),
    )?;
    sb.advance(Duration::from_secs(5));
    Ok(out)
}

#[test]
fn json_records_become_a_parquet_object_with_the_tables_columns() {
    let mut sb = Sandbox::default();
    glue_table(&mut sb);
    converting(&mut sb, json!({"ParquetSerDe": {}}), json!({})).unwrap();
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "c"}),
        )
        .unwrap();
    let ext =
        &d["DeliveryStreamDescription"]["Destinations"][0]["ExtendedS3DestinationDescription"];
    assert_eq!(ext["BufferingHints"]["SizeInMBs"], 128);
    assert_eq!(ext["DataFormatConversionConfiguration"]["Enabled"], true);
    for i in 0..5 {
        put(
            &mut sb,
            "c",
            format!(
                "{{\"sensorId\": {i}, \"currentTemperature\": {}.5, \"status\": \"OK\"}}",
                20 + i
            )
            .as_bytes(),
        );
    }
    put(&mut sb, "c", b"not json at all");
    sb.advance(Duration::from_secs(70));
    let objs = objects(&mut sb, "lake");
    let parquet: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.ends_with(".parquet"))
        .collect();
    assert_eq!(
        parquet.len(),
        1,
        "{:?}",
        objs.iter().map(|o| &o.0).collect::<Vec<_>>()
    );
    assert!(parquet[0].1.starts_with(b"PAR1"));
    let p = preview(&parquet[0].1).unwrap();
    assert_eq!(p.total_rows, 5);
    let failed: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.starts_with("format-conversion-failed/"))
        .collect();
    assert_eq!(failed.len(), 1);
    let doc: Value =
        serde_json::from_slice(failed[0].1.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert!(doc["lastErrorCode"]
        .as_str()
        .unwrap()
        .starts_with("DataFormatConversion."));
    assert_eq!(unb64(doc["rawData"].as_str().unwrap()), b"not json at all");
    assert_eq!(doc["dataCatalogTable"]["tableName"], "readings");
    let l = sb.firehose().get("c").unwrap().ledger;
    assert!(l.balanced(), "{l:?}");
    assert_eq!((l.delivered, l.error_output), (5, 1));
}

#[test]
fn orc_objects_end_in_orc() {
    let mut sb = Sandbox::default();
    glue_table(&mut sb);
    converting(
        &mut sb,
        json!({"OrcSerDe": {"Compression": "ZLIB"}}),
        json!({}),
    )
    .unwrap();
    put(
        &mut sb,
        "c",
        b"{\"sensorid\": 1, \"currenttemperature\": 3.5, \"status\": \"WARN\"}",
    );
    sb.advance(Duration::from_secs(70));
    let objs = objects(&mut sb, "lake");
    assert_eq!(objs.len(), 1);
    assert!(objs[0].0.ends_with(".orc"));
    assert!(objs[0].1.starts_with(b"ORC"));
    assert_eq!(preview(&objs[0].1).unwrap().total_rows, 1);
}

#[test]
fn a_missing_table_fails_every_record_and_the_rules_hold() {
    let mut sb = Sandbox::default();
    converting(&mut sb, json!({"ParquetSerDe": {}}), json!({})).unwrap();
    put(&mut sb, "c", b"{\"sensorid\": 1}");
    sb.advance(Duration::from_secs(70));
    let objs = objects(&mut sb, "lake");
    assert_eq!(objs.len(), 1);
    assert!(objs[0].0.starts_with("format-conversion-failed/"));
    assert!(String::from_utf8_lossy(&objs[0].1).contains("could not be found"));

    let mut sb = Sandbox::default();
    glue_table(&mut sb);
    let e = converting(
        &mut sb,
        json!({"ParquetSerDe": {}}),
        json!({"CompressionFormat": "GZIP"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    assert!(e.message().unwrap().contains("must be set to UNCOMPRESSED"));
    let mut sb = Sandbox::default();
    glue_table(&mut sb);
    let e = converting(
        &mut sb,
        json!({"ParquetSerDe": {}}),
        json!({"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 60}}),
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        Some(
            "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled."
        )
    );
}
