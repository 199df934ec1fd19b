//! 24 simulated hours (and, for criterion's samples, 1 hour) of 100 records/s into Firehose (300 s buffers, GZIP): through a 2-shard
//! Kinesis stream (Firehose reading it with GetRecords), fed by PutRecords calls or by the
//! generator with the notes' sensor template, and by Direct PUT. Prints the peak
//! resident memory of the process after each run.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use criterion::{criterion_group, criterion_main, Criterion};
use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use serde_json::json;
use std::time::{Duration, Instant};

const DAY: u64 = 24 * 3600;
const HOUR: u64 = 3600;
const RATE: usize = 100;

fn role(sb: &mut Sandbox, source: Option<&str>) -> String {
    sb.call("S3.CreateBucket", json!({"Bucket": "bench-bucket"}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "bench".into(),
        bucket: Some("bench-bucket".into()),
        source_stream: source.map(str::to_string),
        ..Default::default()
    };
    create_delivery_role(sb, &p, "bench-role").unwrap()
}

fn destination(role: &str) -> serde_json::Value {
    json!({"RoleARN": role, "BucketARN": "arn:aws:s3:::bench-bucket", "CompressionFormat": "GZIP",
           "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}})
}

fn record(i: u64) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!(
        "{{\"ticker\":\"AMZN\",\"price\":{}.{:02}}}\n",
        100 + i % 50,
        i % 100
    ))
}

/// A 2-shard stream `bench-in` (1 GiB byte budget, room for a day of records) read by the
/// delivery stream `bench`, both Active.
fn stream_and_delivery_stream() -> Sandbox {
    let mut sb = Sandbox::new(SandboxConfig {
        stream_byte_budget: 1 << 30,
        ..Default::default()
    });
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "bench-in", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    let role = role(&mut sb, Some("bench-in"));
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "bench", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/bench-in", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": destination(&role)})).unwrap();
    sb.advance(Duration::from_secs(10));
    sb
}

fn via_stream(seconds: u64) -> Sandbox {
    let mut sb = stream_and_delivery_stream();
    let mut n = 0u64;
    for _ in 0..seconds {
        let records: Vec<_> = (0..RATE)
            .map(|k| {
                n += 1;
                json!({"Data": record(n), "PartitionKey": format!("k{k}")})
            })
            .collect();
        sb.call(
            "Kinesis_20131202.PutRecords",
            json!({"StreamName": "bench-in", "Records": records}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(1));
    }
    sb
}

/// The notes' sensor template, as the Kinesis Data Generator page sends it.
use kinesis_sandbox::engine::generator::SENSOR_TEMPLATE as SENSOR;

/// The generator sending the sensor template at 100 records/s into the 2-shard stream that
/// the delivery stream reads: the scenario end to end.
fn generator_via_stream(seconds: u64) -> Sandbox {
    let mut sb = stream_and_delivery_stream();
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": "bench-in", "RecordsPerSecond": RATE}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(seconds));
    sb
}

fn direct_put(seconds: u64) -> Sandbox {
    let mut sb = Sandbox::default();
    let role = role(&mut sb, None);
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "bench", "ExtendedS3DestinationConfiguration": destination(&role)}))
        .unwrap();
    sb.advance(Duration::from_secs(10));
    let mut n = 0u64;
    for _ in 0..seconds {
        let records: Vec<_> = (0..RATE)
            .map(|_| {
                n += 1;
                json!({"Data": record(n)})
            })
            .collect();
        sb.call(
            "Firehose_20150804.PutRecordBatch",
            json!({"DeliveryStreamName": "bench", "Records": records}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(1));
    }
    sb
}

/// CloudWatch Logs into Firehose: `RATE` log events a second put into a log group whose
/// subscription filter sends them, gzip'd, to a delivery stream that decompresses them and
/// extracts their messages.
fn logs_subscription(seconds: u64) -> Sandbox {
    let mut sb = Sandbox::default();
    let role = role(&mut sb, None);
    let mut dest = destination(&role);
    dest["ProcessingConfiguration"] = json!({"Enabled": true, "Processors": [
        {"Type": "Decompression", "Parameters": [{"ParameterName": "CompressionFormat", "ParameterValue": "GZIP"}]},
        {"Type": "CloudWatchLogProcessing", "Parameters": [{"ParameterName": "DataMessageExtraction", "ParameterValue": "true"}]},
        {"Type": "AppendDelimiterToRecord"}]});
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": "bench", "ExtendedS3DestinationConfiguration": dest}),
    )
    .unwrap();
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    sb.call(
        "IAM.CreateRole",
        json!({"RoleName": "cwl", "AssumeRolePolicyDocument": trust.to_string()}),
    )
    .unwrap();
    let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "firehose:PutRecordBatch", "Resource": "*"}]});
    sb.call(
        "IAM.PutRolePolicy",
        json!({"RoleName": "cwl", "PolicyName": "p", "PolicyDocument": policy.to_string()}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call("Logs.CreateLogGroup", json!({"logGroupName": "app"}))
        .unwrap();
    sb.call(
        "Logs.CreateLogStream",
        json!({"logGroupName": "app", "logStreamName": "web"}),
    )
    .unwrap();
    sb.call(
        "Logs.PutSubscriptionFilter",
        json!({"logGroupName": "app", "filterName": "all", "filterPattern": "",
        "destinationArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/bench",
        "roleArn": "arn:aws:iam::123456789012:role/cwl"}),
    )
    .unwrap();
    let mut n = 0u64;
    for _ in 0..seconds {
        let events: Vec<_> = (0..RATE)
            .map(|_| {
                n += 1;
                json!({"timestamp": n, "message": format!("GET /item/{n} 200 {} ms", n % 97)})
            })
            .collect();
        sb.call(
            "Logs.PutLogEvents",
            json!({"logGroupName": "app", "logStreamName": "web", "logEvents": events}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(1));
    }
    sb
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// CPU seconds (user + system) this process has used: on a shared machine, the honest figure.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn report(label: &str, run: fn(u64) -> Sandbox) {
    let start = Instant::now();
    let cpu = cpu_seconds().unwrap_or(0.0);
    let sb = run(DAY);
    let wall = start.elapsed();
    let cpu = cpu_seconds().unwrap_or(f64::NAN) - cpu;
    let ledger = sb.firehose_buffer("bench").unwrap().ledger;
    let objects = sb
        .s3()
        .bucket("bench-bucket")
        .map_or(0, |b| b.objects.len());
    eprintln!(
        "{label}: 24 simulated hours in {:.2} s wall, {cpu:.2} s CPU; accepted {} delivered {} buffered {}; {objects} objects; peak RSS so far {:.0} MiB",
        wall.as_secs_f64(),
        ledger.accepted,
        ledger.delivered,
        ledger.buffered,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
}

fn bench(c: &mut Criterion) {
    // One reported 24-hour run of each first (wall and CPU time, ledger, peak memory), then
    // criterion's samples of one simulated hour each (a full day per sample would take too long).
    // FIREHOSE_BENCH_REPORT=direct|stream|logs|generator|none narrows the reported runs;
    // FIREHOSE_BENCH_PROFILE_HOURS=N runs only the generator scenario for N hours (profiling).
    let only = std::env::var("FIREHOSE_BENCH_REPORT").unwrap_or_default();
    if let Ok(hours) = std::env::var("FIREHOSE_BENCH_PROFILE_HOURS") {
        // For a profiler: only the generator scenario, for this many simulated hours.
        let hours: u64 = hours.parse().unwrap_or(1);
        let start = Instant::now();
        let sb = generator_via_stream(hours * HOUR);
        eprintln!(
            "generator scenario, {hours} h: {:.2} s; ledger {:?}",
            start.elapsed().as_secs_f64(),
            sb.firehose_buffer("bench").unwrap().ledger
        );
        return;
    }
    if only.is_empty() || only == "direct" {
        report("direct_put", direct_put);
    }
    if only.is_empty() || only == "stream" {
        report("kinesis_source_2_shards", via_stream);
    }
    if only.is_empty() || only == "logs" {
        report("logs_subscription_decompressed", logs_subscription);
    }
    if only.is_empty() || only == "generator" {
        report(
            "generator_sensor_kinesis_source_2_shards",
            generator_via_stream,
        );
    }
    let mut g = c.benchmark_group("firehose_1h_100rps_gzip");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(1));
    g.bench_function("direct_put", |b| b.iter(|| direct_put(HOUR)));
    g.bench_function("kinesis_source_2_shards", |b| b.iter(|| via_stream(HOUR)));
    g.bench_function("logs_subscription_decompressed", |b| {
        b.iter(|| logs_subscription(HOUR))
    });
    g.bench_function("generator_sensor_kinesis_source_2_shards", |b| {
        b.iter(|| generator_via_stream(HOUR))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
