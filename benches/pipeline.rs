//! What one render of the pipeline diagram costs in facts and layout: the page builds both on
//! every 100 ms tick. The heavy case is the account's 500 shards in one stream, fed by the
//! generator and read by Firehose into S3 (so every contributor but Direct PUT draws).

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion};
use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use kinesis_sandbox::pipeline::layout::Diagram;
use kinesis_sandbox::pipeline::Pipeline;
use serde_json::json;
use std::hint::black_box;
use std::time::Duration;

/// Firehose reading "wide" into a bucket, with the console's role.
fn firehose(sb: &mut Sandbox) {
    sb.call("S3.CreateBucket", json!({"Bucket": "wide-bucket"}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "wide-firehose".into(),
        bucket: Some("wide-bucket".into()),
        source_stream: Some("wide".into()),
        ..Default::default()
    };
    let arn = create_delivery_role(sb, &p, "fh").unwrap();
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({
            "DeliveryStreamName": "wide-firehose",
            "DeliveryStreamType": "KinesisStreamAsSource",
            "KinesisStreamSourceConfiguration": {
                "KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/wide",
                "RoleARN": arn,
            },
            "ExtendedS3DestinationConfiguration": {"RoleARN": arn, "BucketARN": "arn:aws:s3:::wide-bucket"},
        }),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

fn sandbox(shards: u32) -> Sandbox {
    let mut sb = Sandbox::new(SandboxConfig::default());
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "wide", "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
    firehose(&mut sb);
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": "{\"v\": {{random.number(100)}}}", "StreamName": "wide", "RecordsPerSecond": 5000}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(3));
    sb
}

fn bench(c: &mut Criterion) {
    for shards in [2, 500] {
        let sb = sandbox(shards);
        c.bench_function(&format!("pipeline: facts, {shards} shards"), |b| {
            b.iter(|| black_box(Pipeline::of(&sb)))
        });
        c.bench_function(
            &format!("pipeline: facts and layout, {shards} shards"),
            |b| {
                b.iter(|| {
                    let p = Pipeline::of(&sb);
                    black_box((Diagram::of(&p), p.summary(), p.facts().len()));
                })
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
