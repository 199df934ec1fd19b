//! The engine façade as tools outside the crate use it.

use kinesis_sandbox::engine::{ApiError, Sandbox, SandboxConfig};
use serde_json::json;
use std::time::Duration;

#[test]
fn unknown_target_is_unknown_operation() {
    let mut sb = Sandbox::default();
    for target in [
        "Kinesis_20131202.MakeCoffee",
        "Nope_20200101.ListStreams",
        "ListStreams",
        "",
    ] {
        let e: ApiError = sb.call(target, json!({})).unwrap_err();
        assert_eq!(e.error_type(), "UnknownOperationException", "{target}");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            json!({"__type": "UnknownOperationException"})
        );
    }
}

#[test]
fn body_of_the_wrong_json_type_is_a_serialization_error() {
    let mut sb = Sandbox::default();
    for body in [
        json!([]),
        json!("streams"),
        json!(42),
        json!(true),
        json!(null),
    ] {
        let e = sb
            .call("Kinesis_20131202.ListStreams", body.clone())
            .unwrap_err();
        assert_eq!(e.error_type(), "SerializationException", "{body}");
    }
    let e = sb
        .call("Kinesis_20131202.ListStreams", json!({"Limit": "ten"}))
        .unwrap_err();
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        json!({"__type": "SerializationException", "Message": "STRING_VALUE can not be converted to an Integer"})
    );
}

#[test]
fn list_streams_answers_an_empty_account() {
    let mut sb = Sandbox::default();
    let out = sb.call("Kinesis_20131202.ListStreams", json!({})).unwrap();
    assert_eq!(out["StreamNames"], json!([]));
    assert_eq!(out["HasMoreStreams"], json!(false));
    let e = sb
        .call("Kinesis_20131202.ListStreams", json!({"Limit": 0}))
        .unwrap_err();
    assert_eq!(
        e.message().unwrap(),
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: \
         Member must have value greater than or equal to 1"
    );
}

#[test]
fn config_defaults_and_determinism() {
    let sb = Sandbox::default();
    assert_eq!(sb.config().account_id, "123456789012");
    assert_eq!(sb.config().region, "us-east-1");

    let cfg = SandboxConfig {
        seed: 77,
        ..Default::default()
    };
    let mut a = Sandbox::new(cfg.clone());
    let mut b = Sandbox::new(cfg);
    a.advance(Duration::from_secs(90));
    b.advance(Duration::from_secs(90));
    assert_eq!(a.now(), b.now());
    assert_eq!(a.rng().next_u64(), b.rng().next_u64());
}
