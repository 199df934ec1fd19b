//! Kinesis Video Streams' ingest: how many fragments a second PutMedia takes (the recorded
//! test pattern's clusters, one call each), and a simulated minute of the producer sending
//! it. Prints once what a minute of test pattern costs in fragment bytes and in the save.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kinesis_sandbox::engine::state;
use kinesis_sandbox::engine::video::producer::{Recording, TEST_PATTERN_WEBM};
use kinesis_sandbox::engine::Sandbox;
use serde_json::json;
use std::time::Duration;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Stream `cam`, ACTIVE, keeping 24 hours.
fn stream() -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call(
        "KinesisVideo.CreateStream",
        json!({"StreamName": "cam", "DataRetentionInHours": 24}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb
}

fn a_minute_of_test_pattern() -> Sandbox {
    let mut sb = stream();
    sb.call(
        "KinesisVideoProducer.StartSending",
        json!({"StreamName": "cam", "Media": b64(TEST_PATTERN_WEBM), "Loop": true}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
    sb
}

fn report_sizes() {
    let empty = stream();
    let sent = a_minute_of_test_pattern();
    let save = |sb: &Sandbox| state::save(sb, &json!({})).len();
    let packed = |sb: &Sandbox| state::save_packed(sb, &json!({})).len();
    let fragments = sent
        .clone()
        .call(
            "KinesisVideoArchivedMedia.ListFragments",
            json!({"StreamName": "cam", "MaxResults": 1000}),
        )
        .unwrap();
    let list = fragments["Fragments"].as_array().unwrap();
    let bytes: u64 = list
        .iter()
        .map(|f| f["FragmentSizeInBytes"].as_u64().unwrap())
        .sum();
    eprintln!(
        "a minute of test pattern: {} fragments, {} fragment bytes; the save grows by {} bytes ({} packed)",
        list.len(),
        bytes,
        save(&sent) - save(&empty),
        packed(&sent) - packed(&empty),
    );
}

fn put_media(c: &mut Criterion) {
    report_sizes();
    let recording = Recording::test_pattern();
    let mut group = c.benchmark_group("video");
    // Every cluster of the file, one PutMedia call each (one a second, within the limit).
    let calls: Vec<serde_json::Value> = recording
        .clusters
        .iter()
        .enumerate()
        .map(|(i, cluster)| {
            let mut payload = if i == 0 {
                recording.header.clone()
            } else {
                Vec::new()
            };
            payload.extend_from_slice(&cluster.bytes);
            json!({"StreamName": "cam", "FragmentTimecodeType": "RELATIVE",
                   "Payload": b64(&payload), "EndOfStream": i + 1 == recording.clusters.len()})
        })
        .collect();
    group.throughput(Throughput::Elements(calls.len() as u64));
    group.bench_function("put_media_test_pattern", |b| {
        b.iter_batched(
            stream,
            |mut sb| {
                for call in &calls {
                    sb.call("KinesisVideoMedia.PutMedia", call.clone()).unwrap();
                    sb.advance(Duration::from_secs(1));
                }
                sb
            },
            BatchSize::SmallInput,
        )
    });
    group.throughput(Throughput::Elements(1));
    group.bench_function("producer_one_simulated_minute", |b| {
        b.iter(a_minute_of_test_pattern)
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = put_media
}
criterion_main!(benches);
