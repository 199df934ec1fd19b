//! Amazon Redshift: how fast COPY loads JSON from S3 (10,000 sensor readings, one object), and
//! how long a GROUP BY takes through the SQL extension on the loaded table (GlueSQL, the
//! table loaded into a fresh storage for each statement).

// Benchmarks run natively only; on wasm32 this target is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use base64::Engine as _;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kinesis_sandbox::engine::Sandbox;
use serde_json::json;
use std::time::Duration;

const ROWS: u64 = 10_000;

fn statement(sb: &mut Sandbox, sql: &str) -> String {
    let id = sb
        .call(
            "RedshiftData.ExecuteStatement",
            json!({"ClusterIdentifier": "dw", "Database": "dev", "DbUser": "awsuser", "Sql": sql}),
        )
        .unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = sb
        .call("RedshiftData.DescribeStatement", json!({ "Id": id }))
        .unwrap();
    assert_eq!(d["Status"], "FINISHED", "{d}");
    id
}

/// A cluster with an empty table, its IAM role, and one object of ROWS readings in S3.
fn ready() -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call("IAM.CreateRole", json!({"RoleName": "copy", "AssumeRolePolicyDocument": r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"redshift.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#})).unwrap();
    sb.call("IAM.PutRolePolicy", json!({"RoleName": "copy", "PolicyName": "read", "PolicyDocument": r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#})).unwrap();
    sb.call(
        "Redshift.CreateCluster",
        json!({"ClusterIdentifier": "dw", "NodeType": "ra3.large", "ClusterType": "single-node",
               "MasterUsername": "awsuser", "MasterUserPassword": "Awsuser1234",
               "IamRoles": ["arn:aws:iam::123456789012:role/copy"]}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(181));
    statement(
        &mut sb,
        "CREATE TABLE readings (sensorid INTEGER, currenttemperature INTEGER, status VARCHAR(8))",
    );
    sb.call("S3.CreateBucket", json!({"Bucket": "copy-in"}))
        .unwrap();
    let body: String = (0..ROWS)
        .map(|i| {
            format!(
                "{{\"sensorId\": {}, \"currentTemperature\": {}, \"status\": \"{}\"}}\n",
                i % 50,
                10 + i % 140,
                ["OK", "FAIL", "WARN"][(i % 3) as usize]
            )
        })
        .collect();
    println!("COPY input: {} bytes of JSON", body.len());
    sb.call(
        "S3.PutObject",
        json!({"Bucket": "copy-in", "Key": "readings.json", "Body": base64::engine::general_purpose::STANDARD.encode(&body)}),
    )
    .unwrap();
    sb
}

const COPY: &str = "COPY readings FROM 's3://copy-in/readings.json' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' JSON 'auto ignorecase'";

fn bench(c: &mut Criterion) {
    let base = ready();
    let mut g = c.benchmark_group("redshift");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS));
    g.bench_function("copy_json_10k_rows", |b| {
        b.iter_batched(
            || base.clone(),
            |mut sb| statement(&mut sb, COPY),
            BatchSize::LargeInput,
        )
    });
    let mut loaded = base.clone();
    statement(&mut loaded, COPY);
    g.bench_function("group_by_on_10k_rows", |b| {
        b.iter_batched(
            || loaded.clone(),
            |mut sb| {
                statement(
                    &mut sb,
                    "SELECT status, COUNT(*), AVG(currenttemperature) FROM readings GROUP BY status",
                )
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
