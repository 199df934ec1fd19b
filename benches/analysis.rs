//! What the Analysis workspace costs on 100,000 rows of JSON lines (the size of a few minutes
//! of the data generator's stock ticker into Firehose): reading and typing the dataset, every
//! field's statistics, a histogram, a scatter plot sampled to 2,500 points, the correlation
//! matrix, and the drawings the page renders.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kinesis_sandbox::analysis::draw::{self, Size};
use kinesis_sandbox::analysis::visuals::{self, HistogramOptions, ScatterOptions};
use kinesis_sandbox::analysis::{summarize_all, Dataset};
use std::hint::black_box;
use std::time::Duration;

const ROWS: usize = 100_000;

/// Stock-ticker-like records: a category, three related numbers, a count and a time.
fn json_lines() -> Vec<u8> {
    let tickers = [
        "AMZN", "MSFT", "GOOG", "NFLX", "ORCL", "INTC", "AAPL", "TSLA",
    ];
    let sectors = ["TECHNOLOGY", "RETAIL", "ENERGY", "HEALTHCARE"];
    let mut out = String::with_capacity(ROWS * 140);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..ROWS {
        // xorshift: deterministic noise.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let u = (x >> 11) as f64 / (1u64 << 53) as f64;
        let price = 50.0 + 100.0 * u;
        let change = price * 0.02 - 2.0 + (i % 7) as f64 * 0.1;
        let volume = 100 + (x % 10_000);
        let secs = i / 50;
        out.push_str(&format!(
            "{{\"ticker_symbol\":\"{}\",\"sector\":\"{}\",\"price\":{price:.2},\"change\":{change:.2},\"volume\":{volume},\"event_time\":\"2024-05-01 {:02}:{:02}:{:02}\"}}\n",
            tickers[i % tickers.len()],
            sectors[(x % 4) as usize],
            10 + secs / 3600,
            secs / 60 % 60,
            secs % 60,
        ));
    }
    out.into_bytes()
}

fn bench(c: &mut Criterion) {
    let bytes = json_lines();
    let ds = Dataset::from_bytes(&bytes).unwrap();
    assert_eq!(ds.rows, ROWS);
    let mut g = c.benchmark_group("analysis_100k_rows");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(3));
    g.throughput(Throughput::Elements(ROWS as u64));
    g.bench_function("dataset_from_json_lines", |b| {
        b.iter(|| black_box(Dataset::from_bytes(black_box(&bytes)).unwrap()))
    });
    g.bench_function("field_statistics", |b| {
        b.iter(|| black_box(summarize_all(&ds)))
    });
    g.bench_function("histogram_bin_count_10", |b| {
        b.iter(|| {
            black_box(visuals::histogram(
                &ds,
                "price",
                &HistogramOptions::default(),
            ))
        })
    });
    let mut scatter = ScatterOptions::new("price", "change");
    scatter.color = Some("sector".into());
    g.bench_function("scatter_sampled_2500", |b| {
        b.iter(|| black_box(visuals::scatter(&ds, &scatter).unwrap()))
    });
    g.bench_function("correlation_matrix", |b| {
        b.iter(|| black_box(visuals::correlation_matrix(&ds)))
    });
    let s = visuals::scatter(&ds, &scatter).unwrap();
    g.bench_function("scatter_drawing_and_svg", |b| {
        b.iter(|| black_box(draw::to_svg(&draw::scatter(&s, Size::new(800.0, 500.0)))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
