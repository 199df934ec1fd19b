//! The Kinesis Data Generator through `Sandbox::call`: test a template, send into a stream as
//! virtual time passes, count throttling, Periodic rates.

#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use kinesis_sandbox::engine::{Caller, Sandbox, SandboxConfig};
use serde_json::{json, Value};
use std::io::Read as _;
use std::time::Duration;

use kinesis_sandbox::engine::generator::SENSOR_TEMPLATE as SENSOR;

fn kdg(sb: &mut Sandbox, op: &str, body: Value) -> Result<Value, (String, String)> {
    sb.call(&format!("KinesisDataGenerator.{op}"), body)
        .map_err(|e| {
            (
                e.error_type().to_string(),
                e.message().unwrap_or_default().to_string(),
            )
        })
}

fn ok(sb: &mut Sandbox, op: &str, body: Value) -> Value {
    kdg(sb, op, body).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

fn kinesis(sb: &mut Sandbox, op: &str, body: Value) -> Value {
    sb.call(&format!("Kinesis_20131202.{op}"), body)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn with_stream(seed: u64, name: &str, shards: u32) -> Sandbox {
    let mut sb = Sandbox::new(SandboxConfig {
        seed,
        ..SandboxConfig::default()
    });
    kinesis(
        &mut sb,
        "CreateStream",
        json!({"StreamName": name, "ShardCount": shards}),
    );
    sb.advance(Duration::from_secs(10));
    sb
}

fn describe(sb: &mut Sandbox) -> Value {
    ok(sb, "DescribeSending", json!({}))
}

fn n(v: &Value, field: &str) -> u64 {
    v[field]
        .as_u64()
        .unwrap_or_else(|| panic!("{field} in {v}"))
}

/// Every record in the stream, as bytes, shard by shard.
fn read_all(sb: &mut Sandbox, stream: &str) -> Vec<Vec<u8>> {
    let shards = kinesis(sb, "ListShards", json!({"StreamName": stream}));
    let mut out = Vec::new();
    for shard in shards["Shards"].as_array().unwrap() {
        let it = kinesis(
            sb,
            "GetShardIterator",
            json!({"StreamName": stream, "ShardId": shard["ShardId"],
                   "ShardIteratorType": "TRIM_HORIZON"}),
        );
        let mut iterator = it["ShardIterator"].clone();
        for _ in 0..1000 {
            let page = kinesis(
                sb,
                "GetRecords",
                json!({"ShardIterator": iterator, "Limit": 10000}),
            );
            let records = page["Records"].as_array().unwrap();
            for r in records {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(r["Data"].as_str().unwrap())
                    .unwrap();
                out.push(data);
            }
            if records.is_empty() && page["MillisBehindLatest"].as_u64().unwrap_or(0) == 0 {
                break;
            }
            iterator = page["NextShardIterator"].clone();
            sb.advance(Duration::from_millis(250));
        }
    }
    out
}

fn assert_sensor(text: &str) {
    let v: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    assert!((0..=50).contains(&v["sensorId"].as_i64().unwrap()));
    assert!((10..=150).contains(&v["currentTemperature"].as_i64().unwrap()));
    assert!(["OK", "FAIL", "WARN"].contains(&v["status"].as_str().unwrap()));
}

#[test]
fn test_template_gives_five_records() {
    let mut sb = Sandbox::default();
    let out = ok(&mut sb, "TestTemplate", json!({"Template": SENSOR}));
    let records = out["Records"].as_array().unwrap();
    assert_eq!(records.len(), 5);
    for r in records {
        assert_sensor(r.as_str().unwrap());
    }
}

#[test]
fn a_bad_template_is_located_and_never_sends() {
    let mut sb = with_stream(0, "machinelearning", 1);
    let (kind, message) = kdg(
        &mut sb,
        "TestTemplate",
        json!({"Template": "{\n  \"id\": {{random.nubmer(5)}}\n}"}),
    )
    .unwrap_err();
    assert_eq!(kind, "InvalidTemplateException");
    assert_eq!(message, "Invalid method: random.nubmer (line 2, column 18)");
    let (kind, message) = kdg(
        &mut sb,
        "StartSending",
        json!({"Template": "{{foo.bar}}", "StreamName": "machinelearning"}),
    )
    .unwrap_err();
    assert_eq!(kind, "InvalidTemplateException");
    assert_eq!(message, "Invalid module: foo (line 1, column 3)");
    sb.advance(Duration::from_secs(3));
    assert_eq!(describe(&mut sb)["Sending"], json!(false));
    assert_eq!(n(&describe(&mut sb), "RecordsGenerated"), 0);
    let (kind, _) = kdg(&mut sb, "TestTemplate", json!({})).unwrap_err();
    assert_eq!(kind, "InvalidArgumentException");
}

#[test]
fn the_notes_lab_100_per_second_for_5_seconds_sends_500_readable_records() {
    let mut sb = with_stream(1, "machinelearning", 2);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": SENSOR, "StreamName": "machinelearning", "RecordsPerSecond": 100}),
    );
    sb.advance(Duration::from_secs(5));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsSent"), 500, "{d}");
    assert_eq!(n(&d, "RecordsGenerated"), 500);
    assert_eq!(n(&d, "RecordsThrottled") + n(&d, "RecordsFailed"), 0);
    assert_eq!(n(&d["LastSecond"], "RecordsSent"), 100);
    assert_eq!(d["Sending"], json!(true));
    assert_eq!(d["StreamName"], json!("machinelearning"));
    assert_eq!(d["RateMode"], json!("Constant"));
    let recent = d["RecentRecords"].as_array().unwrap();
    assert_eq!(recent.len(), 5);
    for r in recent {
        assert_sensor(r.as_str().unwrap());
    }
    ok(&mut sb, "StopSending", json!({}));
    sb.advance(Duration::from_secs(3));
    assert_eq!(n(&describe(&mut sb), "RecordsSent"), 500);
    assert_eq!(describe(&mut sb)["Sending"], json!(false));

    let records = read_all(&mut sb, "machinelearning");
    assert_eq!(records.len(), 500);
    for data in &records {
        let text = std::str::from_utf8(data).unwrap();
        let body = text.strip_suffix('\n').expect("KDG appends a newline");
        assert_sensor(body);
    }
    // Chunks went out as the generator, through PutRecords.
    let puts: Vec<_> = sb
        .events()
        .recent()
        .filter(|e| e.caller == Caller::Generator)
        .collect();
    assert_eq!(puts.len(), 5);
    assert!(puts
        .iter()
        .all(|e| e.target == "Kinesis_20131202.PutRecords" && e.error.is_none()));
}

#[test]
fn too_fast_for_two_shards_is_throttled_and_counted() {
    let mut sb = with_stream(2, "machinelearning", 2);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": SENSOR, "StreamName": "machinelearning", "RecordsPerSecond": 3000}),
    );
    sb.advance(Duration::from_secs(5));
    let d = describe(&mut sb);
    let (generated, sent, throttled, failed) = (
        n(&d, "RecordsGenerated"),
        n(&d, "RecordsSent"),
        n(&d, "RecordsThrottled"),
        n(&d, "RecordsFailed"),
    );
    assert_eq!(generated, 15_000, "{d}");
    assert!(throttled > 0, "{d}");
    assert_eq!(sent + throttled + failed, generated, "{d}");
    // Two shards take at most 1,000 records each per second.
    assert!(sent <= 10_000 && sent > 5_000, "{d}");
    let last = &d["LastSecond"];
    assert_eq!(n(last, "RecordsGenerated"), 3000);
    assert_eq!(
        n(last, "RecordsSent") + n(last, "RecordsThrottled") + n(last, "RecordsFailed"),
        3000
    );
    assert!(n(last, "RecordsThrottled") >= 1000, "{last}");
    // Every chunk was at most 500 records: 6 calls a second.
    let calls = sb
        .events()
        .recent()
        .filter(|e| e.caller == Caller::Generator)
        .count();
    assert_eq!(calls, 30);
    assert_eq!(read_all(&mut sb, "machinelearning").len() as u64, sent);
}

#[test]
fn retrying_throttled_records_delivers_them_all() {
    let mut sb = with_stream(3, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": 1500,
               "MaxRecords": 3000, "RetryThrottled": true}),
    );
    sb.advance(Duration::from_secs(2));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsGenerated"), 3000);
    assert!(n(&d, "RecordsPendingRetry") > 0, "{d}");
    assert_eq!(d["Sending"], json!(true));
    sb.advance(Duration::from_secs(20));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsSent"), 3000, "{d}");
    assert_eq!(n(&d, "RecordsFailed"), 0);
    assert_eq!(n(&d, "RecordsPendingRetry"), 0);
    assert!(n(&d, "RecordsThrottled") > 0);
    assert_eq!(d["Sending"], json!(false));
    assert_eq!(read_all(&mut sb, "s").len(), 3000);
}

#[test]
fn max_records_stops_the_sender() {
    let mut sb = with_stream(4, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "{{random.uuid}}", "StreamName": "s", "MaxRecords": 250}),
    );
    sb.advance(Duration::from_secs(10));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsSent"), 250, "{d}");
    assert_eq!(d["Sending"], json!(false));
    // The default rate is KDG's 100 a second.
    assert_eq!(n(&d["LastSecond"], "RecordsSent"), 0);
    // A finished sender may be replaced.
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "x", "StreamName": "s", "RecordsPerSecond": 1}),
    );
    sb.advance(Duration::from_secs(1));
    assert_eq!(n(&describe(&mut sb), "RecordsSent"), 1);
}

#[test]
fn compressed_records_are_gzipped_without_newline() {
    let mut sb = with_stream(5, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": 10,
               "CompressRecords": true}),
    );
    sb.advance(Duration::from_secs(1));
    let records = read_all(&mut sb, "s");
    assert_eq!(records.len(), 10);
    for data in records {
        assert_eq!(&data[..2], &[0x1f, 0x8b], "gzip magic");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&data[..])
            .read_to_string(&mut text)
            .unwrap();
        assert!(!text.ends_with('\n'));
        assert_sensor(&text);
    }
}

#[test]
fn start_sending_checks_its_request() {
    let mut sb = with_stream(6, "s", 1);
    let err = |sb: &mut Sandbox, body: Value| kdg(sb, "StartSending", body).unwrap_err();
    let (kind, message) = err(&mut sb, json!({"Template": "x", "StreamName": "nope"}));
    assert_eq!(kind, "ResourceNotFoundException");
    assert_eq!(message, "Stream nope under account 123456789012 not found.");
    let (kind, message) = err(&mut sb, json!({"Template": "x", "DeliveryStreamName": "d"}));
    assert_eq!(kind, "ResourceNotFoundException");
    assert_eq!(message, "Firehose d under account 123456789012 not found.");
    for bad in [
        json!({"Template": "x"}),
        json!({"Template": "x", "StreamName": "s", "DeliveryStreamName": "d"}),
        json!({"Template": "x", "StreamName": "s", "RecordsPerSecond": 0}),
        json!({"Template": "x", "StreamName": "s", "RecordsPerSecond": 10_001}),
        json!({"Template": "x", "StreamName": "s", "MaxRecords": 0}),
        json!({"Template": "x", "StreamName": "s", "RecordsPerSecond": 5, "Periodic": {}}),
        json!({"Template": "x", "StreamName": "s", "Periodic": {"Mu": "lots"}}),
    ] {
        assert_eq!(
            err(&mut sb, bad.clone()).0,
            "InvalidArgumentException",
            "{bad}"
        );
    }
    let (kind, _) = err(&mut sb, json!({"Template": 5, "StreamName": "s"}));
    assert_eq!(kind, "SerializationException");
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "x", "StreamName": "s"}),
    );
    let (kind, message) = err(&mut sb, json!({"Template": "x", "StreamName": "s"}));
    assert_eq!(kind, "ResourceInUseException");
    assert!(message.contains("already sending to stream s"), "{message}");
    let (kind, _) = kdg(&mut sb, "Nope", json!({})).unwrap_err();
    assert_eq!(kind, "UnknownOperationException");
}

#[test]
fn a_deleted_stream_makes_failures_not_silence() {
    let mut sb = with_stream(7, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "x", "StreamName": "s", "RecordsPerSecond": 10}),
    );
    sb.advance(Duration::from_secs(1));
    kinesis(&mut sb, "DeleteStream", json!({"StreamName": "s"}));
    sb.advance(Duration::from_secs(10));
    let d = describe(&mut sb);
    assert_eq!(
        n(&d, "RecordsSent") + n(&d, "RecordsFailed"),
        n(&d, "RecordsGenerated")
    );
    assert!(n(&d, "RecordsFailed") >= 50, "{d}");
    assert!(
        d["LastError"].as_str().unwrap().contains("Exception"),
        "{d}"
    );
}

#[test]
fn periodic_rates_match_mu_and_sigma() {
    let mut sb = with_stream(8, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "{{random.number(9)}}", "StreamName": "s",
               "Periodic": {"Mu": 100, "Sigma": 10}}),
    );
    let mut per_second = Vec::new();
    for _ in 0..600 {
        sb.advance(Duration::from_secs(1));
        per_second.push(n(&describe(&mut sb)["LastSecond"], "RecordsGenerated") as f64);
    }
    let mean = per_second.iter().sum::<f64>() / 600.0;
    let sd = (per_second.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 599.0).sqrt();
    // Standard error of the mean is 10/sqrt(600) ≈ 0.41.
    assert!((mean - 100.0).abs() < 2.0, "mean {mean}");
    assert!((sd - 10.0).abs() < 1.5, "sd {sd}");
    let d = describe(&mut sb);
    assert_eq!(d["RateMode"], json!("Periodic"));
    assert_eq!(n(&d, "RecordsSent"), n(&d, "RecordsGenerated"));
}

#[test]
fn periodic_without_real_time_runs_through_simulated_time() {
    let mut sb = with_stream(9, "s", 1);
    ok(
        &mut sb,
        "StartSending",
        json!({"Template": "{{date.simTime(\"HH:mm:ss\")}}", "StreamName": "s",
               "Periodic": {"Mu": 5, "Sigma": 0, "LockToRealTime": false,
                            "StartTime": "2020-03-01T06:00:00Z",
                            "EndTime": "2020-03-01T06:10:00Z",
                            "SecondsOfDataPerTick": 60, "WaitBetweenTicks": 2000}}),
    );
    // Ten ticks of a minute of data, one every 2 s.
    sb.advance(Duration::from_secs(10));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsGenerated"), 5 * 5 * 60, "{d}");
    assert_eq!(d["Sending"], json!(true));
    sb.advance(Duration::from_secs(10));
    let d = describe(&mut sb);
    assert_eq!(n(&d, "RecordsGenerated"), 5 * 600, "{d}");
    assert_eq!(d["Sending"], json!(false));
    assert_eq!(d["RecentRecords"][4], json!("06:09:59"));
    let records = read_all(&mut sb, "s");
    assert_eq!(records.len(), 3000);
    assert!(records.iter().any(|r| r == b"06:00:00\n"));
    assert!(!records.iter().any(|r| r == b"06:10:00\n"));
}

#[test]
fn same_seed_same_stream_contents_and_saves_carry_on() {
    let run = |save_midway: bool| {
        let mut sb = with_stream(10, "s", 2);
        ok(
            &mut sb,
            "StartSending",
            json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": 50}),
        );
        sb.advance(Duration::from_secs(2));
        if save_midway {
            let text = serde_json::to_string(&sb).unwrap();
            sb = serde_json::from_str(&text).unwrap();
        }
        sb.advance(Duration::from_secs(2));
        assert_eq!(n(&describe(&mut sb), "RecordsSent"), 200);
        read_all(&mut sb, "s")
    };
    let a = run(false);
    assert_eq!(a.len(), 200);
    assert_eq!(a, run(false));
    assert_eq!(a, run(true));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]

        /// Without retries every record made is sent, throttled or failed, and what was sent
        /// is exactly what the stream holds.
        #[test]
        fn every_record_is_accounted_for(
            rate in 1u64..4000,
            shards in 1u32..3,
            seconds in 1u64..4,
            seed in 0u64..1000,
        ) {
            let mut sb = with_stream(seed, "s", shards);
            ok(&mut sb, "StartSending",
               json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": rate}));
            sb.advance(Duration::from_secs(seconds));
            let d = describe(&mut sb);
            prop_assert_eq!(n(&d, "RecordsGenerated"), rate * seconds);
            prop_assert_eq!(
                n(&d, "RecordsSent") + n(&d, "RecordsThrottled") + n(&d, "RecordsFailed"),
                rate * seconds
            );
            prop_assert_eq!(read_all(&mut sb, "s").len() as u64, n(&d, "RecordsSent"));
        }
    }
}
