//! How long the quiz's pure logic takes: loading and validating the embedded bank, drawing an
//! exam, and generating computed questions.

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, criterion_main, Criterion};
use kinesis_sandbox::quiz::parametric::{generate, Template};
use kinesis_sandbox::quiz::{exam, Bank, ExamSpec};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    c.bench_function("bank: parse embedded files", |b| {
        b.iter(|| black_box(Bank::embedded().unwrap()))
    });
    let bank = Bank::embedded().unwrap();
    c.bench_function("bank: validate", |b| b.iter(|| black_box(bank.validate())));
    c.bench_function("exam: assemble 65 questions", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            black_box(exam::assemble(
                &bank,
                &ExamSpec {
                    count: 65,
                    seed,
                    ..Default::default()
                },
            ))
        })
    });
    c.bench_function("parametric: one of each template", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            for t in Template::ALL {
                black_box(generate(t, seed));
            }
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
