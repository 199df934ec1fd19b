//! The ledger: every record a delivery stream accepted is in exactly one place (buffer,
//! awaiting retry, S3 object, error output, or dropped after the retry duration), over random
//! puts, time jumps, policy changes and destination updates.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::iam::delivery_role::{permissions_policy, policy_name};
use kinesis_sandbox::engine::{Sandbox, SandboxConfig};
use proptest::prelude::*;
use serde_json::json;
use std::time::Duration;
use support::*;

#[derive(Debug, Clone)]
enum Step {
    Put(u16),
    Batch(u8),
    Wait(u32),
    BreakPolicy,
    FixPolicy,
    Update {
        size_mb: u8,
        interval_s: u16,
        gzip: bool,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (1u16..3000).prop_map(Step::Put),
        2 => (1u8..40).prop_map(Step::Batch),
        3 => prop_oneof![0u32..5, 5u32..400, 400u32..4000].prop_map(Step::Wait),
        1 => Just(Step::BreakPolicy),
        1 => Just(Step::FixPolicy),
        1 => (1u8..3, 0u16..120, any::<bool>()).prop_map(|(s, i, g)| Step::Update { size_mb: s, interval_s: i, gzip: g }),
    ]
}

fn count_lines(sb: &mut Sandbox) -> u64 {
    objects(sb, "out-bucket")
        .into_iter()
        .map(|(k, body)| {
            let raw = if k.ends_with(".gz") {
                use std::io::Read;
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&body[..])
                    .read_to_end(&mut out)
                    .unwrap();
                out
            } else {
                body
            };
            raw.iter().filter(|b| **b == b'\n').count() as u64
        })
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_record_is_in_exactly_one_place(seed in any::<u64>(), steps in prop::collection::vec(step(), 1..40)) {
        let mut sb = Sandbox::new(SandboxConfig { seed, ..Default::default() });
        direct_put(&mut sb, "f", "out-bucket", json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}));
        let p = params("f", "out-bucket", None);
        let mut sent = 0u64;
        for s in steps {
            match s {
                Step::Put(len) => {
                    let mut rec = vec![b'a'; len as usize];
                    rec.push(b'\n');
                    put(&mut sb, "f", &rec);
                    sent += 1;
                }
                Step::Batch(n) => {
                    let records: Vec<_> = (0..n).map(|i| json!({"Data": b64(format!("{}\n", "b".repeat(i as usize * 100)).as_bytes())})).collect();
                    let out = sb.call("Firehose_20150804.PutRecordBatch", json!({"DeliveryStreamName": "f", "Records": records})).unwrap();
                    sent += u64::from(n) - out["FailedPutCount"].as_u64().unwrap();
                }
                Step::Wait(s) => sb.advance(Duration::from_secs(u64::from(s))),
                Step::BreakPolicy => {
                    let broken = permissions_policy(&params("f", "elsewhere", None));
                    sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-f", "PolicyName": policy_name(&p), "PolicyDocument": broken})).unwrap();
                }
                Step::FixPolicy => {
                    sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-f", "PolicyName": policy_name(&p), "PolicyDocument": permissions_policy(&p)})).unwrap();
                }
                Step::Update { size_mb, interval_s, gzip } => {
                    let v = sb.call("Firehose_20150804.DescribeDeliveryStream", json!({"DeliveryStreamName": "f"})).unwrap()
                        ["DeliveryStreamDescription"]["VersionId"].as_str().unwrap().to_string();
                    sb.call("Firehose_20150804.UpdateDestination", json!({"DeliveryStreamName": "f", "CurrentDeliveryStreamVersionId": v,
                        "DestinationId": "destinationId-000000000001",
                        "ExtendedS3DestinationUpdate": {"BufferingHints": {"SizeInMBs": size_mb, "IntervalInSeconds": interval_s},
                            "CompressionFormat": if gzip { "GZIP" } else { "UNCOMPRESSED" }}})).unwrap();
                }
            }
            let g = sb.firehose_buffer("f").unwrap();
            let l = g.ledger;
            prop_assert!(l.balanced(), "{l:?}");
            prop_assert_eq!(l.accepted, sent);
            prop_assert_eq!(l.buffered, g.records);
            prop_assert_eq!(l.awaiting_retry, g.records_awaiting_retry);
            prop_assert_eq!(l.error_output, 0);
        }
        let l = sb.firehose_buffer("f").unwrap().ledger;
        // What the ledger calls delivered is exactly what the bucket holds.
        prop_assert_eq!(count_lines(&mut sb), l.delivered);
        // Fix the policy and wait: everything not dropped reaches S3.
        sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-f", "PolicyName": policy_name(&p), "PolicyDocument": permissions_policy(&p)})).unwrap();
        sb.advance(Duration::from_secs(300));
        let l = sb.firehose_buffer("f").unwrap().ledger;
        prop_assert_eq!(l.delivered + l.expired, sent);
        prop_assert_eq!(count_lines(&mut sb), l.delivered);
    }
}
