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
/// Tags per stream (and tag keys per RemoveTagsFromStream call).
pub const MAX_TAGS: usize = 50;
/// Entries in one `Tags` map (the model's `TagMap`); a stream still holds at most `MAX_TAGS`.
pub const MAX_TAGS_PER_CALL: usize = 200;
/// Characters in a tag key.
pub const MAX_TAG_KEY: usize = 128;
/// Characters in a tag value.
pub const MAX_TAG_VALUE: usize = 256;
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
        return Ok(Value::Null);
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
    Ok(Value::Null)
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

/// Java's `Map.toString()`, which Coral uses to show a map that broke a constraint.
fn java_map(pairs: &[(String, String)]) -> String {
    let inner: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("{{{}}}", inner.join(", "))
}

/// Java's `List.toString()`.
fn java_list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

/// Unicode space separators (`\p{Z}`): white space that is not a control character, so a
/// tab or a newline is not among them.
fn is_space_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// The characters a stream's tags may hold: Unicode letters and digits, white space, and
/// `_ . / = + - @`.
pub(crate) fn is_tag_char(c: char) -> bool {
    c.is_alphabetic() || c.is_numeric() || is_space_separator(c) || "_./=+-@".contains(c)
}

/// AWS's refusal of tags holding any other character.
pub(crate) fn illegal_tag_chars(stream: &str, account: &str) -> ApiError {
    ApiError::invalid_argument(format!(
        "Failed to add tags to stream {stream} under account {account} because some tags \
         contained illegal characters. The allowed characters are Unicode letters, \
         white-spaces, '_',',','/','=','+','-','@'."
    ))
}

/// The model's `TagMap`: 1–200 entries, keys of 1–128 characters, values of 0–256. Coral
/// reports the entry count, then one error for all bad keys, then one for all bad values,
/// each showing the whole map. Values must be strings (null reads as empty).
pub(crate) fn read_tag_map(
    v: &mut Validation,
    tags: Body,
) -> Result<Vec<(String, String)>, ApiError> {
    let mut pairs = Vec::new();
    for (k, val) in tags.0 {
        let val = crate::engine::body::string_item(val)?.unwrap_or_default();
        pairs.push((k.clone(), val.to_string()));
    }
    let shown = java_map(&pairs);
    if pairs.is_empty() {
        v.fail(
            Some(&shown),
            "tags",
            "Member must have length greater than or equal to 1",
        );
    }
    if pairs.len() > MAX_TAGS_PER_CALL {
        v.fail(
            Some(&shown),
            "tags",
            &format!("Member must have length less than or equal to {MAX_TAGS_PER_CALL}"),
        );
    }
    if pairs
        .iter()
        .any(|(k, _)| k.is_empty() || k.chars().count() > MAX_TAG_KEY)
    {
        v.fail(
            Some(&shown),
            "tags",
            "Map keys must satisfy constraint: [Member must have length less than or equal to \
             128, Member must have length greater than or equal to 1]",
        );
    }
    if pairs
        .iter()
        .any(|(_, val)| val.chars().count() > MAX_TAG_VALUE)
    {
        v.fail(
            Some(&shown),
            "tags",
            "Map value must satisfy constraint: [Member must have length less than or equal to \
             256, Member must have length greater than or equal to 0]",
        );
    }
    Ok(pairs)
}

/// `AddTagsToStream{StreamName|StreamARN, Tags}` → empty body. Existing keys are overwritten.
pub(crate) fn add_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let tags = body.object("Tags")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    let pairs = match tags {
        None => {
            v.fail(None, "tags", "Member must not be null");
            Vec::new()
        }
        Some(t) => read_tag_map(&mut v, t)?,
    };
    v.finish()?;
    let name = name.expect("valid");
    let acct = cx.account().to_string();
    let stream = find_mut(cx, &name)?;
    if pairs
        .iter()
        .any(|(k, v)| !k.chars().all(is_tag_char) || !v.chars().all(is_tag_char))
    {
        return Err(illegal_tag_chars(&name, &acct));
    }
    let after: usize = stream.tags.len()
        + pairs
            .iter()
            .filter(|(k, _)| !stream.tags.contains_key(k))
            .count();
    if after > MAX_TAGS {
        return Err(ApiError::invalid_argument(format!(
            "Failed to add tags to stream {name} under account {acct} because a given stream \
             cannot have more than {MAX_TAGS} tags associated with it."
        )));
    }
    stream.tags.extend(pairs);
    Ok(Value::Null)
}

/// `RemoveTagsFromStream{StreamName|StreamARN, TagKeys}` → empty body. Missing keys are
/// ignored. `TagKeys` holds 1–50 strings of 1–128 characters.
pub(crate) fn remove_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let list = body.list("TagKeys")?;
    let mut keys = Vec::new();
    for item in list.into_iter().flatten() {
        keys.push(crate::engine::body::string_item(item)?);
    }
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    match list {
        None => v.fail(None, "tagKeys", "Member must not be null"),
        Some(_) => {
            let shown: Vec<&str> = keys.iter().map(|k| k.unwrap_or("null")).collect();
            if keys.is_empty() || keys.len() > MAX_TAGS {
                v.fail(
                    Some(&java_list(&shown)),
                    "tagKeys",
                    if keys.is_empty() {
                        "Member must have length greater than or equal to 1"
                    } else {
                        "Member must have length less than or equal to 50"
                    },
                );
            }
            for (i, k) in keys.iter().enumerate() {
                let path = format!("tagKeys.{}.member", i + 1);
                match k {
                    None => v.fail(None, &path, "Member must not be null"),
                    Some(k) => v.string(k, &path, None, 1, MAX_TAG_KEY),
                }
            }
        }
    }
    v.finish()?;
    let name = name.expect("valid");
    let stream = find_mut(cx, &name)?;
    for k in keys.into_iter().flatten() {
        stream.tags.remove(k);
    }
    Ok(Value::Null)
}

/// `ListTagsForStream{StreamName|StreamARN, ExclusiveStartTagKey?, Limit?}` →
/// `{Tags:[{Key, Value}], HasMoreTags}`.
pub(crate) fn list_tags(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let start = body.string("ExclusiveStartTagKey")?;
    let limit = body.integer("Limit")?;
    let mut v = Validation::new();
    let name = stream_ref(cx, body, &mut v)?;
    if let Some(s) = start {
        v.string(s, "exclusiveStartTagKey", None, 1, MAX_TAG_KEY);
    }
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
    Ok(Value::Null)
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
