//! Helpers shared by the Data Streams integration tests.
#![allow(dead_code)]

use base64::Engine as _;
use kinesis_sandbox::engine::Sandbox;
use serde_json::{json, Value};
use std::time::Duration;

pub fn call(sb: &mut Sandbox, op: &str, body: Value) -> Result<Value, (String, String)> {
    sb.call(&format!("Kinesis_20131202.{op}"), body)
        .map_err(|e| {
            (
                e.error_type().to_string(),
                e.message().unwrap_or_default().to_string(),
            )
        })
}

pub fn ok(sb: &mut Sandbox, op: &str, body: Value) -> Value {
    call(sb, op, body).unwrap_or_else(|e| panic!("{op}: {e:?}"))
}

pub fn err(sb: &mut Sandbox, op: &str, body: Value) -> (String, String) {
    call(sb, op, body).expect_err(op)
}

/// A sandbox with stream `s` of `shards` shards, ACTIVE.
pub fn active(shards: u32) -> Sandbox {
    let mut sb = Sandbox::default();
    ok(
        &mut sb,
        "CreateStream",
        json!({"StreamName": "s", "ShardCount": shards}),
    );
    sb.advance(Duration::from_secs(5));
    sb
}

pub fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

pub fn put(sb: &mut Sandbox, key: &str, data: &str) -> Value {
    ok(
        sb,
        "PutRecord",
        json!({"StreamName": "s", "Data": b64(data), "PartitionKey": key}),
    )
}

pub fn iterator(sb: &mut Sandbox, shard: &str, extra: Value) -> String {
    let mut req = json!({"StreamName": "s", "ShardId": shard});
    for (k, v) in extra.as_object().unwrap() {
        req[k] = v.clone();
    }
    ok(sb, "GetShardIterator", req)["ShardIterator"]
        .as_str()
        .unwrap()
        .to_string()
}

pub fn datas(out: &Value) -> Vec<String> {
    out["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let d = base64::engine::general_purpose::STANDARD
                .decode(r["Data"].as_str().unwrap())
                .unwrap();
            String::from_utf8(d).unwrap()
        })
        .collect()
}

/// Reads a shard from an iterator type to its current end.
pub fn read_all(sb: &mut Sandbox, shard: &str, extra: Value) -> Vec<String> {
    let it = iterator(sb, shard, extra);
    let out = ok(sb, "GetRecords", json!({"ShardIterator": it}));
    datas(&out)
}

pub fn shard_ids(v: &Value) -> Vec<String> {
    v["Shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["ShardId"].as_str().unwrap().to_string())
        .collect()
}
