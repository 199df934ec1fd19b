//! Property tests: random puts, splits, merges, rescales, retention changes and time jumps.
//!
//! After every step: the open shards' hash ranges partition 0..=2^128−1 exactly; reading every
//! shard parents-first gives each partition key's records in the order they were accepted;
//! every accepted record not yet past retention is readable exactly once; nothing else is.

use kinesis_sandbox::engine::streams::{put_records_typed, PutResult, ReadFrom};
use kinesis_sandbox::engine::{Caller, Sandbox};
use proptest::prelude::*;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

#[derive(Debug, Clone)]
enum Step {
    Put { keys: Vec<u8>, copies: u8 },
    Advance { secs: u32 },
    Split { pick: u16, frac: u8 },
    Merge { pick: u16 },
    Rescale { up: bool },
    Retention { hours: u16 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (prop::collection::vec(0u8..12, 1..30), 1u8..3).prop_map(|(keys, copies)| Step::Put { keys, copies }),
        3 => prop_oneof![0u32..3, 5u32..20, 3_000u32..40_000, 80_000u32..200_000]
            .prop_map(|secs| Step::Advance { secs }),
        1 => (any::<u16>(), 1u8..255).prop_map(|(pick, frac)| Step::Split { pick, frac }),
        1 => any::<u16>().prop_map(|pick| Step::Merge { pick }),
        1 => any::<bool>().prop_map(|up| Step::Rescale { up }),
        1 => (24u16..96).prop_map(|hours| Step::Retention { hours }),
    ]
}

struct Model {
    /// id → (key, arrival ms)
    alive: BTreeMap<u64, (String, i64)>,
    next_id: u64,
    retention_ms: i64,
}

fn call(sb: &mut Sandbox, op: &str, body: serde_json::Value) -> bool {
    sb.call(&format!("Kinesis_20131202.{op}"), body).is_ok()
}

fn open_ranges(sb: &Sandbox) -> Vec<(u128, u128, u32)> {
    let v = sb.stream("s").unwrap();
    let mut r: Vec<_> = v
        .shards
        .iter()
        .filter(|s| s.open)
        .map(|s| (s.range.start, s.range.end, s.index))
        .collect();
    r.sort();
    r
}

fn check(sb: &Sandbox, model: &Model) -> Result<(), TestCaseError> {
    let ranges = open_ranges(sb);
    prop_assert!(!ranges.is_empty());
    prop_assert_eq!(ranges[0].0, 0);
    prop_assert_eq!(ranges.last().unwrap().1, u128::MAX);
    for w in ranges.windows(2) {
        prop_assert_eq!(w[0].1 + 1, w[1].0, "gap or overlap between open shards");
    }
    // Children always have larger indices than their parents: index order reads parents first.
    let view = sb.stream("s").unwrap();
    let mut seen = BTreeSet::new();
    let mut last_per_key: BTreeMap<String, u64> = BTreeMap::new();
    for shard in &view.shards {
        for p in [shard.parent, shard.adjacent_parent].into_iter().flatten() {
            prop_assert!(p < shard.index);
        }
        let (records, _) = sb
            .peek_records("s", shard.index, ReadFrom::TrimHorizon, usize::MAX)
            .unwrap();
        for r in records {
            let id = u64::from_be_bytes(r.data[..8].try_into().unwrap());
            prop_assert!(seen.insert(id), "record {} read twice", id);
            prop_assert_eq!(
                &model.alive.get(&id).map(|a| a.0.clone()),
                &Some(r.partition_key.clone()),
                "record {} should not be readable",
                id
            );
            if let Some(prev) = last_per_key.insert(r.partition_key.clone(), id) {
                prop_assert!(
                    prev < id,
                    "key {} out of order: {} then {}",
                    r.partition_key,
                    prev,
                    id
                );
            }
        }
    }
    let expected: BTreeSet<u64> = model.alive.keys().copied().collect();
    prop_assert_eq!(seen, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn streams_keep_their_invariants(steps in prop::collection::vec(step(), 1..40)) {
        let mut sb = Sandbox::default();
        let created = call(&mut sb, "CreateStream", json!({"StreamName": "s", "ShardCount": 2}));
        prop_assert!(created);
        sb.advance(Duration::from_secs(5));
        let mut model = Model { alive: BTreeMap::new(), next_id: 0, retention_ms: 24 * 3_600_000 };
        for step in steps {
            let now = sb.now().epoch_millis();
            match step {
                Step::Put { keys, copies } => {
                    let mut batch = Vec::new();
                    let mut ids = Vec::new();
                    for _ in 0..copies {
                        for k in &keys {
                            let id = model.next_id;
                            model.next_id += 1;
                            let mut data = id.to_be_bytes().to_vec();
                            data.extend_from_slice(&[0u8; 100]);
                            batch.push((format!("key-{k}"), data));
                            ids.push(id);
                        }
                    }
                    let out = put_records_typed(&mut sb, Caller::Generator, "s", &batch).unwrap();
                    for ((id, (key, _)), r) in ids.iter().zip(&batch).zip(&out.results) {
                        if let PutResult::Stored { .. } = r {
                            model.alive.insert(*id, (key.clone(), now));
                        }
                    }
                }
                Step::Advance { secs } => {
                    sb.advance(Duration::from_secs(u64::from(secs)));
                    let cutoff = sb.now().epoch_millis() - model.retention_ms;
                    model.alive.retain(|_, (_, t)| *t >= cutoff);
                }
                Step::Split { pick, frac } => {
                    let ranges = open_ranges(&sb);
                    let (start, end, index) = ranges[pick as usize % ranges.len()];
                    let width = end - start;
                    let at = start + width / 255 * u128::from(frac);
                    call(&mut sb, "SplitShard", json!({"StreamName": "s", "ShardToSplit": format!("shardId-{index:012}"), "NewStartingHashKey": at.to_string()}));
                }
                Step::Merge { pick } => {
                    let ranges = open_ranges(&sb);
                    if ranges.len() > 1 {
                        let i = pick as usize % (ranges.len() - 1);
                        call(&mut sb, "MergeShards", json!({"StreamName": "s", "ShardToMerge": format!("shardId-{:012}", ranges[i].2), "AdjacentShardToMerge": format!("shardId-{:012}", ranges[i + 1].2)}));
                    }
                }
                Step::Rescale { up } => {
                    let n = open_ranges(&sb).len() as u32;
                    let target = if up { (n + 1).min(2 * n).min(12) } else { n.div_ceil(2).max(1) };
                    call(&mut sb, "UpdateShardCount", json!({"StreamName": "s", "TargetShardCount": target, "ScalingType": "UNIFORM_SCALING"}));
                }
                Step::Retention { hours } => {
                    let current = model.retention_ms / 3_600_000;
                    let h = i64::from(hours);
                    let op = if h >= current { "IncreaseStreamRetentionPeriod" } else { "DecreaseStreamRetentionPeriod" };
                    if call(&mut sb, op, json!({"StreamName": "s", "RetentionPeriodHours": h})) {
                        model.retention_ms = h * 3_600_000;
                        let cutoff = now - model.retention_ms;
                        model.alive.retain(|_, (_, t)| *t >= cutoff);
                    }
                }
            }
            check(&sb, &model)?;
        }
        // The whole state survives a save.
        let text = serde_json::to_string(&sb).unwrap();
        let back: Sandbox = serde_json::from_str(&text).unwrap();
        check(&back, &model)?;
    }
}
