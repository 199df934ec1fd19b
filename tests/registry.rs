//! The service registry is the one place the account's operations are listed: every
//! registered operation dispatches, for every service; the targets services call each other
//! by are registered; read-only flags follow AWS's naming; the CLI's commands are reachable.

use kinesis_sandbox::engine::registry::{self, Access};
use kinesis_sandbox::engine::{
    firehose, is_known_target, is_read_only, lambda, s3, streams, Sandbox, SERVICES,
};
use serde_json::json;
use std::collections::BTreeSet;

#[test]
fn every_registered_operation_dispatches() {
    let mut count = 0;
    for service in SERVICES {
        for op in service.operations {
            let target = format!("{}.{}", service.prefix, op.name);
            let mut sb = Sandbox::default();
            // An empty body reaches the operation, which answers (most often with its
            // validation error), never with "unknown operation".
            if let Err(e) = sb.call(&target, json!({})) {
                assert_ne!(e.error_type(), "UnknownOperationException", "{target}");
            }
            // A missing body for a real operation is a serialization error, as on AWS.
            let e = sb.call(&target, serde_json::Value::Null).unwrap_err();
            assert_eq!(e.error_type(), "SerializationException", "{target}");
            assert!(is_known_target(&target));
            count += 1;
        }
        let unknown = format!("{}.NoSuchOperation", service.prefix);
        assert!(!is_known_target(&unknown));
        let e = Sandbox::default().call(&unknown, json!({})).unwrap_err();
        assert_eq!(e.error_type(), "UnknownOperationException");
    }
    assert!(count >= 70, "{count} operations");
}

#[test]
fn prefixes_operations_and_cli_names_are_unique() {
    let prefixes: BTreeSet<_> = SERVICES.iter().map(|s| s.prefix).collect();
    assert_eq!(prefixes.len(), SERVICES.len());
    for service in SERVICES {
        let names: BTreeSet<_> = service.operations.iter().map(|o| o.name).collect();
        assert_eq!(names.len(), service.operations.len(), "{}", service.prefix);
    }
    let cli: Vec<_> = SERVICES
        .iter()
        .filter_map(|s| s.cli.as_ref().map(|c| c.name))
        .collect();
    assert_eq!(cli.iter().collect::<BTreeSet<_>>().len(), cli.len());
    assert!(registry::cli_service("kinesis").is_some());
}

#[test]
fn read_only_follows_the_operation_names() {
    for service in SERVICES {
        for op in service.operations {
            // OpenSearch's `_search` only reads, as its name says.
            let reads_by_name = [
                "Describe", "List", "Get", "Head", "Filter", "Simulate", "Search",
            ]
            .iter()
            .any(|p| op.name.starts_with(p))
                // Reading a shard uses up its limits and moves an iterator.
                && !matches!(op.name, "GetRecords" | "GetShardIterator");
            assert_eq!(
                op.access == Access::ReadOnly,
                reads_by_name,
                "{}.{}",
                service.prefix,
                op.name
            );
            let target = format!("{}.{}", service.prefix, op.name);
            assert_eq!(is_read_only(&target), reads_by_name, "{target}");
        }
    }
    assert!(!is_read_only("Kinesis_20131202.NoSuchOperation"));
}

#[test]
fn targets_services_call_each_other_by_are_registered() {
    for target in [
        streams::PUT_RECORDS,
        streams::GET_RECORDS,
        streams::DESCRIBE_STREAM,
        streams::GET_SHARD_ITERATOR,
        s3::PUT_OBJECT,
        firehose::DESCRIBE_DELIVERY_STREAM,
        firehose::PUT_RECORD_BATCH,
        lambda::INVOKE,
        lambda::GET_FUNCTION_CONFIGURATION,
    ] {
        assert!(is_known_target(&target.to_string()), "{target}");
    }
}

#[test]
fn services_react_to_time_in_registry_order() {
    let ticking: Vec<_> = SERVICES
        .iter()
        .filter(|s| s.on_time_passed.is_some())
        .map(|s| s.prefix)
        .collect();
    // Streams settle first, then producers send, then consumers read what was sent;
    // CloudWatch Logs then sends its subscriptions' envelopes (Firehose buffers them at once
    // and delivers on its next tick); new Lambda functions become Active (Firehose's runs
    // don't wait for that); Redshift clusters become available and statements that waited for
    // the SQL engine run (Firehose's COPYs reach a cluster the tick after it is available);
    // video streams, which nothing else reads, settle and drop old fragments last. OpenSearch
    // domains, which Firehose writes to, become active or go after Firehose's turn (a bulk
    // request in the same second sees the domain as it was).
    assert_eq!(
        ticking,
        [
            "Kinesis_20131202",
            "KinesisDataGenerator",
            "Firehose_20150804",
            "OpenSearch",
            "Logs",
            "Lambda",
            "Redshift",
            "KinesisVideo"
        ]
    );
}
