//! Retention, tags, server-side encryption, enhanced monitoring and DescribeLimits.

use super::metrics::ShardMetric;
use super::stream::{Change, Pending, StreamMode, StreamStatus};
use super::{find, find_mut, not_active, stream_ref, Cx};
use crate::engine::body::Body;
use crate::engine::{ApiError, Validation};
use serde_json::{json, Value};

/// Shortest retention, hours.
pub const MIN_RETENTION_HOURS: i64 = 24;
/// Longest retention today, hours (365 days; 168 before November 2020).
pub const MAX_RETENTION_HOURS: i64 = 8_760;
/// Tags per stream.
pub const MAX_TAGS: usize = 50;
/// On-demand streams per account.
pub const ON_DEMAND_STREAM_LIMIT: usize = 50;

fn retention_change(cx: &mut Cx<'_>, body: Body, increase: bool) -> Result<Value, ApiError> {
    let hours = body.integer("RetentionPeriodHours")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    v.required(hours, "retentionPeriodHours");
    if let Some(h) = hours {
        v.range(h, "retentionPeriodHours", 1, i64::from(i32::MAX));
    }
    v.finish()?;
    let (name, hours) = (name.expect("valid"), hours.expect("valid"));
    if hours < MIN_RETENTION_HOURS {
        return Err(ApiError::invalid_argument(format!(
            "Minimum allowed retention period is {MIN_RETENTION_HOURS} hours. Requested \
             retention period ({hours} hours) is too short."
        )));
    }
    if hours > MAX_RETENTION_HOURS {
        return Err(ApiError::invalid_argument(format!(
            "Maximum allowed retention period is {MAX_RETENTION_HOURS} hours. Requested \
             retention period ({hours} hours) is too long."
        )));
    }
    let stream = find(cx, &name)?;
    let current = i64::from(stream.retention_hours);
    if increase && hours < current {
        return Err(ApiError::invalid_argument(format!(
            "Requested retention period ({hours} hours) for stream {name} can not be shorter \
             than existing retention period ({current} hours). Use DecreaseRetentionPeriod API."
        )));
    }
    if !increase && hours > current {
        return Err(ApiError::invalid_argument(format!(
            "Requested retention period ({hours} hours) for stream {name} can not be longer \
             than existing retention period ({current} hours). Use IncreaseRetentionPeriod API."
        )));
    }
    if hours == current {
        return Ok(json!({}));
    }
    if stream.status != StreamStatus::Active {
        return Err(not_active(cx, stream));
    }
    let now = cx.now.epoch_millis();
    let stream = find_mut(cx, &name)?;
    stream.retention_hours = hours as u32;
    stream.status = StreamStatus::Updating;
    stream.pending = Some(Pending {
        due_ms: now + super::RETENTION_DELAY_MS,
        change: Change::Settle,
    });
    // A shorter period makes older records unreadable at once.
    let cutoff = now - stream.retention_ms();
    let mut freed = 0;
    for shard in &mut stream.shards {
        let before = shard.records.stored_bytes();
        shard.records.trim_before(cutoff);
        freed += before - shard.records.stored_bytes();
    }
    cx.state.stored_bytes = cx.state.stored_bytes.saturating_sub(freed);
    Ok(json!({}))
}

/// `IncreaseStreamRetentionPeriod{StreamName|StreamARN, RetentionPeriodHours}` → empty body.
pub(crate) fn increase_retention(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    retention_change(cx, body, true)
}

/// `DecreaseStreamRetentionPeriod{StreamName|StreamARN, RetentionPeriodHours}` → empty body;
/// records older than the new period are trimmed at once.
pub(crate) fn decrease_retention(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    retention_change(cx, body, false)
}

fn is_tag_char(c: char) -> bool {
    c.is_alphanumeric() || c.is_whitespace() || "_./=+-%@:".contains(c)
}

/// `AddTagsToStream{StreamName|StreamARN, Tags}` → empty body. Existing keys are overwritten.
pub(crate) fn add_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let tags = body.object("Tags")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    match tags {
        None => v.fail(None, "tags", "Member must not be null"),
        Some(t) if t.0.is_empty() || t.0.len() > MAX_TAGS => {
            let rule = if t.0.is_empty() {
                "Member must have length greater than or equal to 1"
            } else {
                "Member must have length less than or equal to 50"
            };
            v.fail(Some(&format!("{} tags", t.0.len())), "tags", rule);
        }
        Some(_) => {}
    }
    let mut pairs = Vec::new();
    if let Some(t) = tags {
        for (k, val) in t.0 {
            let val = match val {
                Value::String(s) => s.as_str(),
                Value::Null => "",
                _ => {
                    return Err(ApiError::serialization(Some(
                        "NUMBER_VALUE can not be converted to an String".into(),
                    )))
                }
            };
            if k.is_empty() || k.chars().count() > 128 || val.chars().count() > 256 {
                v.fail(
                    Some(k),
                    "tags",
                    "Map keys must satisfy constraint: [Member must have length less than or \
                     equal to 128, Member must have length greater than or equal to 1]",
                );
            }
            pairs.push((k.clone(), val.to_string()));
        }
    }
    v.finish()?;
    let name = name.expect("valid");
    let acct = cx.account().to_string();
    if pairs
        .iter()
        .any(|(k, v)| !k.chars().all(is_tag_char) || !v.chars().all(is_tag_char))
    {
        return Err(ApiError::invalid_argument(
            "Some tags contain invalid characters. Valid characters: Unicode letters, digits, \
             white space, _ . / = + - % @.",
        ));
    }
    let stream = find_mut(cx, &name)?;
    let after: usize = stream.tags.len()
        + pairs
            .iter()
            .filter(|(k, _)| !stream.tags.contains_key(k))
            .count();
    if after > MAX_TAGS {
        return Err(ApiError::limit_exceeded(format!(
            "Failed to add tags to stream {name} under account {acct} because a given stream \
             cannot have more than {MAX_TAGS} tags associated with it."
        )));
    }
    stream.tags.extend(pairs);
    Ok(json!({}))
}

/// `RemoveTagsFromStream{StreamName|StreamARN, TagKeys}` → empty body. Missing keys are
/// ignored.
pub(crate) fn remove_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let keys = body.list("TagKeys")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    match keys {
        None => v.fail(None, "tagKeys", "Member must not be null"),
        Some(k) if k.is_empty() || k.len() > MAX_TAGS => v.fail(
            Some(&format!("{} keys", k.len())),
            "tagKeys",
            if k.is_empty() {
                "Member must have length greater than or equal to 1"
            } else {
                "Member must have length less than or equal to 50"
            },
        ),
        Some(_) => {}
    }
    v.finish()?;
    let name = name.expect("valid");
    let stream = find_mut(cx, &name)?;
    for k in keys.expect("valid") {
        if let Some(k) = k.as_str() {
            stream.tags.remove(k);
        }
    }
    Ok(json!({}))
}

/// `ListTagsForStream{StreamName|StreamARN, ExclusiveStartTagKey?, Limit?}` →
/// `{Tags:[{Key, Value}], HasMoreTags}`.
pub(crate) fn list_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let start = body.string("ExclusiveStartTagKey")?;
    let limit = body.integer("Limit")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    if let Some(l) = limit {
        v.range(l, "limit", 1, 50);
    }
    v.finish()?;
    let name = name.expect("valid");
    let stream = find(cx, &name)?;
    let limit = limit.unwrap_or(50) as usize;
    let after: Vec<(&String, &String)> = stream
        .tags
        .iter()
        .filter(|(k, _)| start.is_none_or(|s| k.as_str() > s))
        .collect();
    let tags: Vec<Value> = after
        .iter()
        .take(limit)
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    Ok(json!({"Tags": tags, "HasMoreTags": after.len() > limit}))
}

fn encryption_change(cx: &mut Cx<'_>, body: Body, start: bool) -> Result<Value, ApiError> {
    let kind = body.string("EncryptionType")?;
    let key = body.string("KeyId")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    match kind {
        None => v.fail(None, "encryptionType", "Member must not be null"),
        Some("KMS") | Some("NONE") => {}
        Some(other) => v.fail(
            Some(other),
            "encryptionType",
            "Member must satisfy enum value set: [KMS, NONE]",
        ),
    }
    match key {
        None => v.fail(None, "keyId", "Member must not be null"),
        Some(k) if k.is_empty() || k.chars().count() > 2048 => v.fail(
            Some(k),
            "keyId",
            if k.is_empty() {
                "Member must have length greater than or equal to 1"
            } else {
                "Member must have length less than or equal to 2048"
            },
        ),
        Some(_) => {}
    }
    v.finish()?;
    let (name, kind, key) = (
        name.expect("valid"),
        kind.expect("valid"),
        key.expect("valid"),
    );
    if kind != "KMS" {
        return Err(ApiError::invalid_argument(format!(
            "Encryption type {kind} is not supported. Use KMS."
        )));
    }
    let stream = find(cx, &name)?;
    if stream.status != StreamStatus::Active {
        return Err(not_active(cx, stream));
    }
    let now = cx.now.epoch_millis();
    let stream = find_mut(cx, &name)?;
    stream.status = StreamStatus::Updating;
    stream.pending = Some(Pending {
        due_ms: now + super::ENCRYPTION_DELAY_MS,
        change: Change::Encrypt {
            key: start.then(|| key.to_string()),
        },
    });
    Ok(json!({}))
}

/// `StartStreamEncryption{StreamName|StreamARN, EncryptionType: KMS, KeyId}` → empty body;
/// records put after the stream is ACTIVE again carry `EncryptionType: KMS`.
pub(crate) fn start_encryption(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    encryption_change(cx, body, true)
}

/// `StopStreamEncryption{StreamName|StreamARN, EncryptionType, KeyId}` → empty body.
pub(crate) fn stop_encryption(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    encryption_change(cx, body, false)
}

fn monitoring_change(cx: &mut Cx<'_>, body: Body, enable: bool) -> Result<Value, ApiError> {
    let list = body.list("ShardLevelMetrics")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    let mut wanted = Vec::new();
    match list {
        None => v.fail(None, "shardLevelMetrics", "Member must not be null"),
        Some(l) if l.is_empty() || l.len() > 7 => v.fail(
            Some(&format!("{} metrics", l.len())),
            "shardLevelMetrics",
            if l.is_empty() {
                "Member must have length greater than or equal to 1"
            } else {
                "Member must have length less than or equal to 7"
            },
        ),
        Some(l) => {
            for m in l {
                let m = m.as_str().unwrap_or_default();
                if m == "ALL" {
                    wanted.extend(ShardMetric::API_ORDER);
                } else if let Some(metric) = ShardMetric::parse(m) {
                    wanted.push(metric);
                } else {
                    v.fail(
                        Some(m),
                        "shardLevelMetrics",
                        "Member must satisfy enum value set: [IncomingBytes, \
                         IncomingRecords, OutgoingBytes, OutgoingRecords, \
                         WriteProvisionedThroughputExceeded, \
                         ReadProvisionedThroughputExceeded, IteratorAgeMilliseconds, ALL]",
                    );
                }
            }
        }
    }
    v.finish()?;
    let name = name.expect("valid");
    let arn = cx.arn("kinesis", &format!("stream/{name}"));
    let stream = find(cx, &name)?;
    if stream.status != StreamStatus::Active {
        return Err(not_active(cx, stream));
    }
    let stream = find_mut(cx, &name)?;
    let current: Vec<ShardMetric> = stream.shard_level_metrics.iter().copied().collect();
    for m in wanted {
        if enable {
            stream.shard_level_metrics.insert(m);
        } else {
            stream.shard_level_metrics.remove(&m);
        }
    }
    let desired: Vec<ShardMetric> = stream.shard_level_metrics.iter().copied().collect();
    Ok(json!({
        "StreamName": name,
        "StreamARN": arn,
        "CurrentShardLevelMetrics": current,
        "DesiredShardLevelMetrics": desired,
    }))
}

/// `EnableEnhancedMonitoring{StreamName|StreamARN, ShardLevelMetrics}` →
/// `{StreamName, StreamARN, CurrentShardLevelMetrics, DesiredShardLevelMetrics}`.
pub(crate) fn enable_monitoring(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    monitoring_change(cx, body, true)
}

/// `DisableEnhancedMonitoring{…}`, the same shape.
pub(crate) fn disable_monitoring(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    monitoring_change(cx, body, false)
}

/// `DescribeLimits{}` → `{ShardLimit, OpenShardCount, OnDemandStreamCount,
/// OnDemandStreamCountLimit}`.
pub(crate) fn describe_limits(cx: &mut Cx<'_>, _body: Body) -> Result<Value, ApiError> {
    let on_demand = cx
        .state
        .streams
        .values()
        .filter(|s| s.mode == StreamMode::OnDemand)
        .count();
    Ok(json!({
        "ShardLimit": cx.config.kinesis_shard_limit,
        "OpenShardCount": cx.state.account_open_shards(),
        "OnDemandStreamCount": on_demand,
        "OnDemandStreamCountLimit": ON_DEMAND_STREAM_LIMIT,
    }))
}
