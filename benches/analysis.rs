//! What the Analysis workspace costs on 100,000 rows of JSON lines (the size of a few minutes
//! of the data generator's stock ticker into Firehose): reading and typing the dataset, every
//! field's statistics, a histogram, a scatter plot sampled to 2,500 points, the correlation
//! matrix, and the drawings the page renders; and ML Insights (Random Cut Forest anomalies,
//! the forecast) on a 10,000-point series.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use kinesis_sandbox::analysis::draw::{self, Size};
use kinesis_sandbox::analysis::insights::{self, AnomalyOptions};
use kinesis_sandbox::analysis::visuals::{
    self, Aggregate, ForecastOptions, HistogramOptions, Measure, ScatterOptions, Seasonality,
    TimeGrain,
};
use kinesis_sandbox::analysis::{summarize_all, Dataset, Value};
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

const POINTS: usize = 10_000;

/// 10,000 minutes of a daily-cycling temperature with noise and a few spikes, as rows.
fn series() -> Dataset {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let rows = (0..POINTS)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let u = (x >> 11) as f64 / (1u64 << 53) as f64;
            let cycle = (i as f64 * std::f64::consts::TAU / 1440.0).sin();
            let spike = if i % 2_500 == 1_234 { 300.0 } else { 0.0 };
            vec![
                Value::Time(1_714_521_600_000 + i as i64 * 60_000),
                Value::Number(80.0 + 30.0 * cycle + 10.0 * u + spike),
                Value::Number(40.0 + 20.0 * u),
            ]
        })
        .collect();
    Dataset::from_rows(&["time", "temperature", "humidity"], rows)
}

fn bench_insights(c: &mut Criterion) {
    let ds = series();
    let chart = visuals::line_chart(
        &ds,
        "time",
        &Measure::of("temperature", Aggregate::Average),
        TimeGrain::Minute,
    )
    .unwrap();
    assert_eq!(chart.points.len(), POINTS);
    let mut g = c.benchmark_group("insights_10k_points");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(5));
    g.throughput(Throughput::Elements(POINTS as u64));
    let options = AnomalyOptions::default();
    g.bench_function("anomalies_random_cut_forest", |b| {
        b.iter(|| black_box(insights::detect_anomalies(&chart, &options).unwrap()))
    });
    g.bench_function("anomalies_per_row_2_fields", |b| {
        b.iter(|| {
            black_box(insights::row_anomalies(&ds, &["temperature", "humidity"], &options).unwrap())
        })
    });
    let forecast = ForecastOptions {
        periods_forward: 100,
        periods_backward: 10,
        prediction_interval: 90,
        seasonality: Seasonality::Automatic,
    };
    g.bench_function("forecast_automatic_seasonality", |b| {
        b.iter(|| black_box(insights::forecast(&chart, &forecast).unwrap()))
    });
    let custom = ForecastOptions {
        seasonality: Seasonality::Custom(60),
        ..forecast
    };
    g.bench_function("forecast_custom_seasonality_60", |b| {
        b.iter(|| black_box(insights::forecast(&chart, &custom).unwrap()))
    });
    let r = insights::detect_anomalies(&chart, &options).unwrap();
    let f = insights::forecast(&chart, &forecast).unwrap();
    g.bench_function("drawing_and_svg", |b| {
        b.iter(|| {
            black_box(draw::to_svg(&draw::line_chart_insights(
                &chart,
                Some(&r),
                Some(&f),
                Size::new(800.0, 400.0),
            )))
        })
    });
    g.finish();
}

criterion_group!(benches, bench, bench_insights);
criterion_main!(benches);
