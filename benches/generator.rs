//! Rendering speed of the Kinesis Data Generator's templates.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kinesis_sandbox::engine::generator::{RenderContext, Template};
use kinesis_sandbox::engine::{Sandbox, SandboxRng, SimTime};
use serde_json::json;
use std::hint::black_box;
use std::time::Duration;

use kinesis_sandbox::engine::generator::SENSOR_TEMPLATE as SENSOR;

const RICH: &str = "{\"id\": \"{{random.uuid}}\", \"name\": \"{{name.firstName}} {{name.lastName}}\", \"ip\": \"{{internet.ip}}\", \"at\": \"{{date.now(\"YYYY-MM-DD HH:mm:ss\")}}\", \"pet\": \"{{random.weightedArrayElement({\"weights\":[0.3,0.2,0.5],\"data\":[\"cat\",\"fish\",\"dog\"]})}}\"}";

fn render(c: &mut Criterion) {
    let ctx = RenderContext::at(SimTime::DEFAULT_START);
    let mut group = c.benchmark_group("render");
    for (name, text) in [("sensor", SENSOR), ("rich", RICH)] {
        let template = Template::compile(text).unwrap();
        let mut rng = SandboxRng::seed_from_u64(1);
        let mut out = String::with_capacity(256);
        group.throughput(Throughput::Elements(1));
        group.bench_function(name, |b| {
            b.iter(|| {
                out.clear();
                template.render_into(&ctx, &mut rng, &mut out);
                black_box(out.len())
            })
        });
    }
    group.bench_function("compile_sensor", |b| {
        b.iter(|| Template::compile(black_box(SENSOR)).unwrap())
    });
    group.finish();
}

/// One simulated second of sending 5,000 sensor records into a 5-shard stream: rendering,
/// base64, PutRecords (10 calls of 500) and the stream's own bookkeeping.
fn send(c: &mut Criterion) {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": 5}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": 5000}),
    )
    .unwrap();
    let mut group = c.benchmark_group("send");
    group.sample_size(20);
    group.throughput(Throughput::Elements(5000));
    group.bench_function("5000_per_second_5_shards", |b| {
        b.iter(|| sb.advance(Duration::from_secs(1)))
    });
    group.finish();
}

criterion_group!(benches, render, send);
criterion_main!(benches);
