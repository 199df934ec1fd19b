//! PutRecords through `Sandbox::call` next to the irreducible work (parse the same JSON,
//! base64-decode each record, MD5 each key), typed ingest, and memory per stored record.
//!
//! `cargo bench` builds with the release profile, the one the site ships (`opt-level = "s"`),
//! so these figures are for the code the learner's browser runs, compiled natively.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kinesis_sandbox::engine::streams::{hash_key, put_records_typed};
use kinesis_sandbox::engine::{Caller, Sandbox};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Duration;

fn sandbox(shards: u32) -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb
}

/// A stream that has already taken one batch, a second ago: shards hold records and their
/// buffers exist, as in steady state; the write limits have refilled.
fn warm(shards: u32) -> Sandbox {
    let mut sb = sandbox(shards);
    let records: Vec<(String, Vec<u8>)> = (0..500)
        .map(|i| (format!("warm-{i}"), vec![b'w'; 100]))
        .collect();
    put_records_typed(&mut sb, Caller::Generator, "s", &records).unwrap();
    sb.advance(Duration::from_secs(1));
    sb
}

fn request_text() -> String {
    let data = base64::engine::general_purpose::STANDARD.encode([b'x'; 100]);
    let records: Vec<Value> = (0..500)
        .map(|i| json!({"Data": data, "PartitionKey": format!("partitionKey-{i}")}))
        .collect();
    json!({"StreamName": "s", "Records": records}).to_string()
}

fn put_records(c: &mut Criterion) {
    let text = request_text();
    let mut g = c.benchmark_group("PutRecords 500 x 100 B");
    g.throughput(Throughput::Elements(500));
    g.bench_function("irreducible: parse + base64 + md5", |b| {
        b.iter(|| {
            let v: Value = serde_json::from_str(black_box(&text)).unwrap();
            let mut acc = 0u128;
            for r in v["Records"].as_array().unwrap() {
                let d = base64::engine::general_purpose::STANDARD
                    .decode(r["Data"].as_str().unwrap())
                    .unwrap();
                acc ^= hash_key(r["PartitionKey"].as_str().unwrap()) ^ d.len() as u128;
            }
            black_box(acc)
        })
    });
    for shards in [2, 500] {
        let base = warm(shards);
        g.bench_function(format!("call on {shards} shards"), |b| {
            b.iter_batched_ref(
                || base.clone(),
                |sb| {
                    let v: Value = serde_json::from_str(black_box(&text)).unwrap();
                    let out = sb.call("Kinesis_20131202.PutRecords", v).unwrap();
                    assert_eq!(out["FailedRecordCount"], 0);
                    black_box(out)
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

fn typed_ingest(c: &mut Criterion) {
    let records: Vec<(String, Vec<u8>)> = (0..500)
        .map(|i| (format!("partitionKey-{i}"), vec![b'x'; 100]))
        .collect();
    let mut g = c.benchmark_group("typed ingest 500 x 100 B");
    g.throughput(Throughput::Elements(500));
    for shards in [2, 500] {
        let base = warm(shards);
        let put = |sb: &mut Sandbox| {
            let out = put_records_typed(sb, Caller::Generator, "s", &records).unwrap();
            assert_eq!(out.failed, 0);
            black_box(out.results.len())
        };
        // Copies made ahead of a batch: the shards are cold in the cache, the worst case.
        g.bench_function(format!("{shards} shards"), |b| {
            b.iter_batched_ref(|| base.clone(), put, BatchSize::SmallInput)
        });
        // A copy made just before each call: the shards are warm, as they are for the
        // generator writing the same stream tick after tick.
        g.bench_function(format!("{shards} shards, warm"), |b| {
            b.iter_batched_ref(|| base.clone(), put, BatchSize::PerIteration)
        });
    }
    g.finish();
}

/// Not a timing: prints the bytes each stored record costs beyond its key and data.
fn memory_per_record(_c: &mut Criterion) {
    for shards in [2u32, 500] {
        let mut sb = sandbox(shards);
        let records: Vec<(String, Vec<u8>)> = (0..500)
            .map(|i| (format!("partitionKey-{i}"), vec![b'x'; 100]))
            .collect();
        for _ in 0..400 {
            put_records_typed(&mut sb, Caller::Generator, "s", &records).unwrap();
            sb.advance(Duration::from_secs(1));
        }
        let m = sb.record_memory("s").unwrap();
        println!(
            "memory on {shards} shards: {} records, {} payload bytes, {} overhead bytes = {:.1} bytes/record beyond key+data",
            m.records,
            m.payload_bytes,
            m.overhead_bytes,
            m.overhead_bytes as f64 / m.records as f64
        );
    }
}

criterion_group!(benches, put_records, typed_ingest, memory_per_record);
criterion_main!(benches);
