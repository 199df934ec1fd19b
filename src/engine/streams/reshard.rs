//! SplitShard, MergeShards and UpdateShardCount.
//!
//! Each puts the stream in UPDATING for [`super::RESHARD_DELAY_MS`]; writes keep going to the
//! old shards meanwhile. When the change completes, the parents close (they take no more
//! writes and get an `EndingSequenceNumber`) and the children open.

use super::hash_range::{even_split, is_hash_key_text, parse_hash_key, HashKeyRange};
use super::shard::{parse_shard_id, shard_id};
use super::stream::{Change, Pending, Stream, StreamMode, StreamStatus};
use super::{check_name, check_shard_limit, find, not_active, stream_ref, Cx};
use crate::engine::body::Body;
use crate::engine::{ApiError, Validation};
use serde_json::{json, Value};

/// Most shards one stream may have open (UpdateShardCount).
pub const MAX_STREAM_SHARDS: u32 = 10_000;
/// UpdateShardCount calls per stream per rolling 24 hours.
pub const SCALINGS_PER_DAY: usize = 10;

fn could_not_find(cx: &Cx<'_>, stream: &str, shard: &str) -> ApiError {
    ApiError::resource_not_found(format!(
        "Could not find shard {shard} in stream {stream} under account {}.",
        cx.account()
    ))
}

/// An open shard of `stream` named by `text`, with AWS's errors for missing and closed ones.
fn open_shard(cx: &Cx<'_>, stream: &Stream, text: &str) -> Result<u32, ApiError> {
    let now = cx.now.epoch_millis();
    let index = parse_shard_id(text)
        .filter(|i| stream.is_listed(*i, now))
        .ok_or_else(|| could_not_find(cx, &stream.name, text))?;
    if !stream.shards[index as usize].is_open() {
        return Err(ApiError::resource_in_use(format!(
            "Shard {} in stream {} under account {} has already been merged or split, and \
             thus is not eligible for merging or splitting.",
            shard_id(index),
            stream.name,
            cx.account()
        )));
    }
    Ok(index)
}

fn provisioned_only(cx: &Cx<'_>, stream: &Stream, op: &str) -> Result<(), ApiError> {
    if stream.mode == StreamMode::OnDemand {
        return Err(ApiError::invalid_argument(format!(
            "{op} is not supported for stream {} under account {} because it is in ON_DEMAND \
             capacity mode.",
            stream.name,
            cx.account()
        )));
    }
    Ok(())
}

fn ready(cx: &Cx<'_>, stream: &Stream) -> Result<(), ApiError> {
    if stream.status != StreamStatus::Active {
        return Err(not_active(cx, stream));
    }
    Ok(())
}

fn schedule(cx: &mut Cx<'_>, name: &str, change: Change) {
    let due_ms = cx.now.epoch_millis() + super::RESHARD_DELAY_MS;
    let stream = cx.state.streams.get_mut(name).expect("checked by caller");
    stream.status = StreamStatus::Updating;
    stream.pending = Some(Pending { due_ms, change });
}

/// `SplitShard{StreamName|StreamARN, ShardToSplit, NewStartingHashKey}` → empty body.
pub(crate) fn split_shard(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let shard = body.string("ShardToSplit")?;
    let key = body.string("NewStartingHashKey")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.required(shard, "shardToSplit");
    check_name(&mut v, shard, "shardToSplit");
    v.required(key, "newStartingHashKey");
    if let Some(k) = key {
        if !is_hash_key_text(k) {
            v.fail(
                Some(k),
                "newStartingHashKey",
                "Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38})",
            );
        }
    }
    v.finish()?;
    let (name, shard, key) = (
        name.expect("valid"),
        shard.expect("valid"),
        key.expect("valid"),
    );
    let stream = find(cx, &name)?;
    provisioned_only(cx, stream, "SplitShard")?;
    ready(cx, stream)?;
    let index = open_shard(cx, stream, shard)?;
    let range = stream.shards[index as usize].range;
    let at = parse_hash_key(key).filter(|k| *k > range.start.saturating_add(1) && *k < range.end);
    let Some(at) = at else {
        return Err(ApiError::invalid_argument(format!(
            "NewStartingHashKey {key} used in SplitShard() on shard {} in stream {name} under \
             account {} is not both greater than one plus the shard's StartingHashKey {} and \
             less than the shard's EndingHashKey {}.",
            shard_id(index),
            cx.account(),
            range.start,
            range.end
        )));
    };
    check_shard_limit(cx, 1)?;
    schedule(cx, &name, Change::Split { shard: index, at });
    Ok(Value::Null)
}

/// `MergeShards{StreamName|StreamARN, ShardToMerge, AdjacentShardToMerge}` → empty body.
pub(crate) fn merge_shards(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let a = body.string("ShardToMerge")?;
    let b = body.string("AdjacentShardToMerge")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.required(a, "shardToMerge");
    check_name(&mut v, a, "shardToMerge");
    v.required(b, "adjacentShardToMerge");
    check_name(&mut v, b, "adjacentShardToMerge");
    v.finish()?;
    let (name, a, b) = (name.expect("valid"), a.expect("valid"), b.expect("valid"));
    let stream = find(cx, &name)?;
    provisioned_only(cx, stream, "MergeShards")?;
    ready(cx, stream)?;
    let ia = open_shard(cx, stream, a)?;
    let ib = open_shard(cx, stream, b)?;
    let (ra, rb) = (
        stream.shards[ia as usize].range,
        stream.shards[ib as usize].range,
    );
    if ra.end.checked_add(1) != Some(rb.start) {
        return Err(ApiError::invalid_argument(format!(
            "Shards {} and {} in stream {name} under account {} are not an adjacent pair of \
             shards eligible for merging",
            shard_id(ia),
            shard_id(ib),
            cx.account()
        )));
    }
    schedule(
        cx,
        &name,
        Change::Merge {
            shard: ia,
            adjacent: ib,
        },
    );
    Ok(Value::Null)
}

/// `UpdateShardCount{StreamName|StreamARN, TargetShardCount, ScalingType}` →
/// `{StreamName, CurrentShardCount, TargetShardCount, StreamARN}`.
pub(crate) fn update_shard_count(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let target = body.integer("TargetShardCount")?;
    let scaling = body.string("ScalingType")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.required(target, "targetShardCount");
    if let Some(t) = target {
        v.range(t, "targetShardCount", 1, i64::from(i32::MAX));
    }
    match scaling {
        None => v.fail(None, "scalingType", "Member must not be null"),
        Some("UNIFORM_SCALING") => {}
        Some(other) => v.fail(
            Some(other),
            "scalingType",
            "Member must satisfy enum value set: [UNIFORM_SCALING]",
        ),
    }
    v.finish()?;
    let (name, target) = (name.expect("valid"), target.expect("valid") as u32);
    let now = cx.now.epoch_millis();
    let acct = cx.account().to_string();
    let stream = find(cx, &name)?;
    provisioned_only(cx, stream, "UpdateShardCount")?;
    ready(cx, stream)?;
    let current = stream.open_shard_count();
    if target > current.saturating_mul(2) {
        return Err(ApiError::limit_exceeded(format!(
            "UpdateShardCount cannot scale up over double your current open shard count. \
             Current open shard count: {current} Target shard count: {target}"
        )));
    }
    if u64::from(target) * 2 < u64::from(current) {
        return Err(ApiError::limit_exceeded(format!(
            "UpdateShardCount cannot scale down below half your current open shard count. \
             Current open shard count: {current} Target shard count: {target}"
        )));
    }
    if target > MAX_STREAM_SHARDS {
        return Err(ApiError::limit_exceeded(format!(
            "UpdateShardCount cannot scale stream {name} under account {acct} above \
             {MAX_STREAM_SHARDS} shards. Target shard count: {target}"
        )));
    }
    let recent = stream
        .scaling_times
        .iter()
        .filter(|t| now - **t < 86_400_000)
        .count();
    if recent >= SCALINGS_PER_DAY {
        return Err(ApiError::limit_exceeded(format!(
            "Rate exceeded for UpdateShardCount on stream {name} under account {acct}: at most \
             {SCALINGS_PER_DAY} scaling operations per rolling 24 hours."
        )));
    }
    if target > current {
        check_shard_limit(cx, u64::from(target - current))?;
    }
    let arn = cx.arn("kinesis", &format!("stream/{name}"));
    let stream = cx.state.streams.get_mut(&name).expect("found above");
    stream.scaling_times.retain(|t| now - *t < 86_400_000);
    stream.scaling_times.push(now);
    if target != current {
        schedule(cx, &name, Change::Rescale { target });
    }
    Ok(json!({
        "StreamName": name,
        "CurrentShardCount": current,
        "TargetShardCount": target,
        "StreamARN": arn,
    }))
}

fn close(stream: &mut Stream, index: u32, now_ms: i64) {
    stream.shards[index as usize].closed_ms = Some(now_ms);
}

/// Applies a finished split.
pub(crate) fn apply_split(stream: &mut Stream, shard: u32, at: u128, now_ms: i64) {
    let range = stream.shards[shard as usize].range;
    close(stream, shard, now_ms);
    let lower = stream.add_shard(
        HashKeyRange {
            start: range.start,
            end: at - 1,
        },
        now_ms,
    );
    let upper = stream.add_shard(
        HashKeyRange {
            start: at,
            end: range.end,
        },
        now_ms,
    );
    for child in [lower, upper] {
        stream.shards[child as usize].parent = Some(shard);
    }
    stream.shards[shard as usize].children = vec![lower, upper];
    stream.reroute();
}

/// Applies a finished merge.
pub(crate) fn apply_merge(stream: &mut Stream, shard: u32, adjacent: u32, now_ms: i64) {
    let (ra, rb) = (
        stream.shards[shard as usize].range,
        stream.shards[adjacent as usize].range,
    );
    close(stream, shard, now_ms);
    close(stream, adjacent, now_ms);
    let child = stream.add_shard(
        HashKeyRange {
            start: ra.start,
            end: rb.end,
        },
        now_ms,
    );
    let c = &mut stream.shards[child as usize];
    c.parent = Some(shard);
    c.adjacent_parent = Some(adjacent);
    stream.shards[shard as usize].children = vec![child];
    stream.shards[adjacent as usize].children = vec![child];
    stream.reroute();
}

/// Applies a finished UpdateShardCount: the open shards close and `target` evenly split
/// shards open, each the child of every old shard its range overlaps.
pub(crate) fn apply_rescale(stream: &mut Stream, target: u32, now_ms: i64) {
    let mut old: Vec<(HashKeyRange, u32)> =
        stream.open_shards().map(|s| (s.range, s.index)).collect();
    old.sort_unstable();
    for (_, index) in &old {
        close(stream, *index, now_ms);
    }
    for range in even_split(target) {
        let child = stream.add_shard(range, now_ms);
        let parents: Vec<u32> = old
            .iter()
            .filter(|(r, _)| r.start <= range.end && range.start <= r.end)
            .map(|(_, i)| *i)
            .collect();
        let c = &mut stream.shards[child as usize];
        c.parent = parents.first().copied();
        c.adjacent_parent = parents.get(1).copied();
        c.more_parents = parents.iter().skip(2).copied().collect();
        for p in parents {
            stream.shards[p as usize].children.push(child);
        }
    }
    stream.reroute();
}
