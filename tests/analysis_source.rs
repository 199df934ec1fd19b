//! Datasets from the sandbox: every object under an S3 prefix as one dataset (each object
//! read as the S3 browser reads it, refused ones listed with why), and a stream's records.

#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use kinesis_sandbox::analysis::source::{from_s3, from_stream, Source};
use kinesis_sandbox::analysis::{Dataset, FieldType, Value};
use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use serde_json::json;
use std::io::Write;

fn put(sb: &mut Sandbox, bucket: &str, key: &str, body: &[u8]) {
    sb.call(
        "S3.PutObject",
        json!({"Bucket": bucket, "Key": key,
               "Body": base64::engine::general_purpose::STANDARD.encode(body)}),
    )
    .unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn every_object_under_a_prefix_is_one_dataset_and_refusals_say_why() {
    let mut sb = Sandbox::new(SandboxConfig::default());
    sb.call("S3.CreateBucket", json!({"Bucket": "lake"}))
        .unwrap();
    put(
        &mut sb,
        "lake",
        "2026/01/a",
        br#"{"sensorId":1,"currentTemperature":20,"status":"OK"}
{"sensorId":2,"currentTemperature":30,"status":"WARN"}"#,
    );
    put(
        &mut sb,
        "lake",
        "2026/01/b.gz",
        &gzip(br#"{"sensorId":3,"currentTemperature":40,"status":"OK","extra":"x"}"#),
    );
    put(&mut sb, "lake", "2026/01/c", &[0xff, 0xfe, 0x00]);
    put(&mut sb, "lake", "other/d", br#"{"sensorId":9}"#);

    let loaded = from_s3(&sb, "lake", "2026/").unwrap();
    assert_eq!(
        loaded.source,
        Source::S3 {
            bucket: "lake".into(),
            prefix: "2026/".into()
        }
    );
    let ds = &loaded.dataset;
    assert_eq!(ds.rows, 3);
    let names: Vec<&str> = ds.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["currentTemperature", "sensorId", "status", "extra"]);
    assert_eq!(
        ds.column("currentTemperature").unwrap().kind,
        FieldType::Number
    );
    assert_eq!(
        ds.column("extra").unwrap().values,
        [Value::Missing, Value::Missing, Value::Text("x".into())]
    );
    assert_eq!(loaded.parts.len(), 3);
    assert_eq!(loaded.parts[0].rows, 2);
    assert_eq!(loaded.parts[1].rows, 1);
    assert_eq!(loaded.parts[2].name, "2026/01/c");
    assert!(
        loaded.parts[2]
            .refused
            .as_deref()
            .unwrap()
            .contains("neither UTF-8 text"),
        "{:?}",
        loaded.parts[2]
    );

    assert_eq!(
        from_s3(&sb, "nope", "").unwrap_err(),
        "The specified bucket does not exist: nope."
    );
    assert!(from_s3(&sb, "lake", "zzz/")
        .unwrap_err()
        .starts_with("No objects in s3://lake/zzz/"));
    let bad = from_s3(&sb, "lake", "2026/01/c").unwrap_err();
    assert!(bad.contains("2026/01/c: The data is neither"), "{bad}");
}

#[test]
fn concat_types_each_column_over_every_part() {
    let a = Dataset::from_bytes(b"x,y\n1,a\n2,b\n").unwrap();
    let b = Dataset::from_bytes(b"x,y\nthree,c\n").unwrap();
    let ds = Dataset::concat(vec![a, b]).unwrap();
    assert_eq!(ds.rows, 3);
    // Two numbers and a word: not 95 % numbers, so a string.
    assert_eq!(ds.column("x").unwrap().kind, FieldType::String);
    assert!(Dataset::concat(Vec::new()).is_none());
}

#[test]
fn a_stream_snapshot_reads_every_shard_from_trim_horizon() {
    let mut sb = Sandbox::new(SandboxConfig::default());
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(std::time::Duration::from_secs(60));
    assert!(from_stream(&sb, "s")
        .unwrap_err()
        .contains("holds no records"));
    for i in 0..10 {
        let data = format!(r#"{{"sensorId":{i},"currentTemperature":{}}}"#, 10 + i);
        sb.call(
            "Kinesis_20131202.PutRecord",
            json!({"StreamName": "s", "PartitionKey": format!("k{i}"),
                   "Data": base64::engine::general_purpose::STANDARD.encode(data)}),
        )
        .unwrap();
    }
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "s", "PartitionKey": "bad",
               "Data": base64::engine::general_purpose::STANDARD.encode("temperature=21")}),
    )
    .unwrap();
    let loaded = from_stream(&sb, "s").unwrap();
    assert_eq!(loaded.dataset.rows, 10);
    assert_eq!(loaded.dataset.rejected.count, 1);
    assert!(loaded.parts[0].refused.is_some());
    assert_eq!(loaded.source.kind(), "kinesis");
    assert!(from_stream(&sb, "nope")
        .unwrap_err()
        .starts_with("Stream nope under account"));
}

/// The lab "Explore the sensor data" on the sandbox's own data: what each step's visual shows
/// is what its text and its goal's observation say.
#[test]
fn the_explore_lab_data_shows_what_its_steps_say() {
    use kinesis_sandbox::analysis::draw::strength;
    use kinesis_sandbox::analysis::visuals::{self, OutlierVisibility, ScatterOptions};
    use kinesis_sandbox::labs::{run_actions, start, Labs};
    let labs = Labs::embedded().unwrap();
    let lab = labs.get("explore").unwrap();
    let mut sb = start(lab, SandboxConfig::default()).unwrap();
    let bucket = "machinelearning-firehose-output";

    let ds = from_s3(&sb, bucket, "").unwrap().dataset;
    assert!(ds.rows > 1000, "{} rows", ds.rows);
    let t = kinesis_sandbox::analysis::summarize(ds.column("currentTemperature").unwrap());
    let q = t.numeric.unwrap().quartiles;
    assert!((q.min, q.max) == (10.0, 150.0), "{q:?}");
    let s = visuals::scatter(&ds, &ScatterOptions::new("sensorId", "currentTemperature")).unwrap();
    assert_eq!(strength(s.pearson.unwrap()), "no linear relationship");

    for step in &lab.steps[..5] {
        run_actions(&mut sb, &step.show_me).unwrap();
    }
    let ds = from_s3(&sb, bucket, "").unwrap().dataset;
    let s = visuals::scatter(&ds, &ScatterOptions::new("fanSpeed", "currentTemperature")).unwrap();
    assert_eq!(
        strength(s.pearson.unwrap()),
        "strong positive",
        "{:?}",
        s.pearson
    );
    let b = visuals::box_plot(&ds, "currentTemperature", None, OutlierVisibility::Visible).unwrap();
    assert_eq!(
        b.groups[0].outlier_count, 0,
        "no outliers before they are sent"
    );

    run_actions(&mut sb, &lab.steps[5].show_me).unwrap();
    let ds = from_s3(&sb, bucket, "").unwrap().dataset;
    let b = visuals::box_plot(&ds, "currentTemperature", None, OutlierVisibility::Visible).unwrap();
    assert_eq!(b.groups[0].outliers, [-250.0, 900.0]);
}
