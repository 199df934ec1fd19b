//! The control plane (`KinesisVideo.*`): streams, their retention, tags and data endpoints.
//!
//! The not-found message is AWS's ("The requested stream is not found or not active."); it
//! is also what a data-plane call or GetDataEndpoint gets for a stream that is not ACTIVE
//! yet. The other messages follow AWS's meaning in the sandbox's words.

use super::{Cx, Stream, StreamStatus, MAX_RETENTION_HOURS, SETTLE};
use crate::engine::body::{string_item, Body};
use crate::engine::{is_name, ApiError, ErrorKind, Validation};
use base64::Engine as _;
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};

/// `[a-zA-Z0-9_.-]+`, stream and device names.
pub(super) const NAME_PATTERN: &str = "[a-zA-Z0-9_.-]+";
pub(super) const ARN_PATTERN: &str =
    "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+";
const MEDIA_TYPE_PATTERN: &str =
    "[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*";
const MAX_STREAM_NAME: usize = 256;
const MAX_DEVICE_NAME: usize = 128;
const MAX_MEDIA_TYPE: usize = 128;
const MAX_KMS_KEY_ID: usize = 2048;
const MAX_ARN: usize = 1024;
/// Tags a stream may have.
const MAX_TAGS: usize = 50;
const MAX_TAG_KEY: usize = 128;
const MAX_TAG_VALUE: usize = 256;
/// ListStreams' `MaxResults`: 1 to 10,000.
const MAX_LIST: i64 = 10_000;
/// The APIs `GetDataEndpoint` answers for.
pub(super) const API_NAMES: &[&str] = &[
    "PUT_MEDIA",
    "GET_MEDIA",
    "LIST_FRAGMENTS",
    "GET_MEDIA_FOR_FRAGMENT_LIST",
    "GET_HLS_STREAMING_SESSION_URL",
    "GET_DASH_STREAMING_SESSION_URL",
    "GET_CLIP",
    "GET_IMAGES",
];

fn is_media_type(value: &str) -> bool {
    let part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+'))
    };
    value.split(',').all(|item| {
        item.split_once('/')
            .is_some_and(|(t, s)| part(t) && part(s))
    })
}

pub(super) fn is_arn(value: &str) -> bool {
    let parts: Vec<&str> = value.splitn(6, ':').collect();
    let [arn, partition, service, region, account, resource] = parts[..] else {
        return false;
    };
    let Some((kind, rest)) = resource.split_once('/') else {
        return false;
    };
    let Some((name, created)) = rest.rsplit_once('/') else {
        return false;
    };
    arn == "arn"
        && !partition.is_empty()
        && service == "kinesisvideo"
        && !region.is_empty()
        && !account.is_empty()
        && account.chars().all(|c| c.is_ascii_digit())
        && !kind.is_empty()
        && kind.chars().all(|c| c.is_ascii_lowercase())
        && is_name(name)
        && !created.is_empty()
        && created.chars().all(|c| c.is_ascii_digit())
}

/// `ResourceNotFoundException` with AWS's text.
pub(super) fn not_found() -> ApiError {
    ApiError::resource_not_found("The requested stream is not found or not active.")
}

/// Reads `StreamName` and `StreamARN`, validating both.
pub(super) fn stream_id<'a>(
    v: &mut Validation,
    body: Body<'a>,
) -> Result<(Option<&'a str>, Option<&'a str>), ApiError> {
    let name = body.string("StreamName")?;
    let arn = body.string("StreamARN")?;
    v.optional_string(
        name,
        "streamName",
        Some((NAME_PATTERN, is_name)),
        1,
        MAX_STREAM_NAME,
    );
    v.optional_string(arn, "streamARN", Some((ARN_PATTERN, is_arn)), 1, MAX_ARN);
    Ok((name, arn))
}

/// The name of the stream `StreamName` or `StreamARN` names (it must exist; either will do,
/// and when both are given they must name the same stream).
pub(super) fn find(cx: &Cx<'_>, name: Option<&str>, arn: Option<&str>) -> Result<String, ApiError> {
    let by_arn = match arn {
        Some(a) => Some(
            cx.state
                .streams
                .values()
                .find(|s| s.arn == a)
                .ok_or_else(not_found)?,
        ),
        None => None,
    };
    match (name, by_arn) {
        (None, None) => Err(ApiError::invalid_argument(
            "Either StreamName or StreamARN must be specified.",
        )),
        (Some(n), Some(s)) if s.name != n => Err(ApiError::invalid_argument(
            "StreamName and StreamARN name different streams.",
        )),
        (_, Some(s)) => Ok(s.name.clone()),
        (Some(n), None) => cx
            .state
            .streams
            .contains_key(n)
            .then(|| n.to_string())
            .ok_or_else(not_found),
    }
}

/// The stream named by the request, validated and found.
fn stream_of(cx: &Cx<'_>, body: Body) -> Result<String, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    v.finish()?;
    find(cx, name, arn)
}

fn stream_mut<'a>(cx: &'a mut Cx<'_>, name: &str) -> &'a mut Stream {
    cx.state
        .streams
        .get_mut(name)
        .expect("the stream was just found")
}

/// A new version string: 20 letters and digits, like AWS's.
pub(super) fn new_version(cx: &mut Cx<'_>) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    cx.rng.string_from(ALPHABET, 20)
}

/// `CurrentVersion` must be the stream's version.
fn check_version(stream: &Stream, given: Option<&str>) -> Result<(), ApiError> {
    match given {
        Some(v) if v != stream.version => Err(ApiError::new(
            ErrorKind::VersionMismatchException,
            format!(
                "The stream version {v} does not match the current version {} of stream {}.",
                stream.version, stream.name
            ),
        )),
        _ => Ok(()),
    }
}

/// Only an ACTIVE stream can be changed.
fn check_active(stream: &Stream) -> Result<(), ApiError> {
    if stream.status == StreamStatus::Active {
        Ok(())
    } else {
        Err(ApiError::resource_in_use(format!(
            "Stream {} is {}; it can be changed once it is ACTIVE.",
            stream.name,
            stream.status.as_str()
        )))
    }
}

pub(super) fn version_at(
    v: &mut Validation,
    body: Body,
    required: bool,
) -> Result<Option<String>, ApiError> {
    let version = body.string("CurrentVersion")?;
    let version = if required {
        v.required(version, "currentVersion")
    } else {
        version
    };
    v.optional_string(
        version,
        "currentVersion",
        Some(("[a-zA-Z0-9]+", |s| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric())
        })),
        1,
        64,
    );
    Ok(version.map(str::to_string))
}

/// A `Tags` map, validated; `None` when not given.
fn tags_at(
    v: &mut Validation,
    body: Body,
    path: &str,
) -> Result<Option<BTreeMap<String, String>>, ApiError> {
    let Some(map) = body.object("Tags")? else {
        return Ok(None);
    };
    let mut out = BTreeMap::new();
    for (key, value) in map.0 {
        let value = string_item(value)?.unwrap_or_default();
        v.string(key, &format!("{path}.key"), None, 1, MAX_TAG_KEY);
        v.string(value, &format!("{path}.value"), None, 0, MAX_TAG_VALUE);
        out.insert(key.clone(), value.to_string());
    }
    Ok(Some(out))
}

fn too_many_tags() -> ApiError {
    ApiError::new(
        ErrorKind::TagsPerResourceExceededLimitException,
        format!("A stream can have at most {MAX_TAGS} tags."),
    )
}

pub(super) fn stream_info(s: &Stream) -> Value {
    let mut out = json!({
        "StreamName": s.name,
        "StreamARN": s.arn,
        "KmsKeyId": s.kms_key_id,
        "Version": s.version,
        "Status": s.status.as_str(),
        "CreationTime": s.created.epoch_seconds(),
        "DataRetentionInHours": s.retention_hours,
    });
    if let Some(d) = &s.device_name {
        out["DeviceName"] = json!(d);
    }
    if let Some(m) = &s.media_type {
        out["MediaType"] = json!(m);
    }
    out
}

pub(super) fn create_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = v.required(body.string("StreamName")?, "streamName");
    v.optional_string(
        name,
        "streamName",
        Some((NAME_PATTERN, is_name)),
        1,
        MAX_STREAM_NAME,
    );
    let device = body.string("DeviceName")?;
    v.optional_string(
        device,
        "deviceName",
        Some((NAME_PATTERN, is_name)),
        1,
        MAX_DEVICE_NAME,
    );
    let media_type = body.string("MediaType")?;
    v.optional_string(
        media_type,
        "mediaType",
        Some((MEDIA_TYPE_PATTERN, is_media_type)),
        1,
        MAX_MEDIA_TYPE,
    );
    let kms = body.string("KmsKeyId")?;
    v.optional_string(
        kms,
        "kmsKeyId",
        Some((".+", |s| !s.is_empty())),
        1,
        MAX_KMS_KEY_ID,
    );
    let retention = body.integer("DataRetentionInHours")?.unwrap_or(0);
    if retention < 0 {
        v.range(retention, "dataRetentionInHours", 0, i64::MAX);
    }
    let tags = tags_at(&mut v, body, "tags")?.unwrap_or_default();
    v.finish()?;
    let name = name.unwrap_or_default();
    if retention > MAX_RETENTION_HOURS {
        return Err(ApiError::invalid_argument(format!(
            "DataRetentionInHours can be at most {MAX_RETENTION_HOURS} (10 years)."
        )));
    }
    if tags.len() > MAX_TAGS {
        return Err(too_many_tags());
    }
    if cx.state.streams.contains_key(name) {
        return Err(ApiError::resource_in_use(format!(
            "The stream {name} already exists."
        )));
    }
    let created = cx.now;
    let arn = cx.arn(
        "kinesisvideo",
        &format!("stream/{name}/{}", created.epoch_millis()),
    );
    let kms_key_id = match kms {
        Some(k) => k.to_string(),
        None => cx.arn("kms", "alias/aws/kinesisvideo"),
    };
    let version = new_version(cx);
    let stream = Stream {
        name: name.to_string(),
        arn: arn.clone(),
        device_name: device.map(str::to_string),
        media_type: media_type.map(str::to_string),
        kms_key_id,
        version,
        status: StreamStatus::Creating,
        created,
        settles_at: created + SETTLE,
        retention_hours: retention,
        tags,
        fragments: VecDeque::new(),
        headers: BTreeMap::new(),
        next_header: 0,
        last_counter: 0,
        latest_frame_ms: None,
        connection: None,
        put_calls: (0, 0),
        clip_calls: (0, 0),
        sessions: Vec::new(),
        image_generation: None,
    };
    cx.state.streams.insert(name.to_string(), stream);
    Ok(json!({ "StreamARN": arn }))
}

pub(super) fn describe_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let name = stream_of(cx, body)?;
    Ok(json!({ "StreamInfo": stream_info(&cx.state.streams[&name]) }))
}

/// One page of a List call over names (ListStreams, ListSignalingChannels): `MaxResults`,
/// `NextToken` and a `BEGINS_WITH` name condition in the member `condition`
/// (`StreamNameCondition`), validated in AWS's words; then the items after the token, in name
/// order, at most `MaxResults`, and the token for the rest.
pub(super) fn list_page<'a, T: 'a>(
    body: Body,
    condition: &str,
    max_name: usize,
    items: impl Iterator<Item = (&'a str, T)>,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let mut v = Validation::new();
    let max = body.integer("MaxResults")?.unwrap_or(MAX_LIST);
    v.range(max, "maxResults", 1, MAX_LIST);
    let token = body.string("NextToken")?;
    v.optional_string(token, "nextToken", None, 0, 512);
    let path = {
        let mut c = condition.chars();
        let first = c.next().map(|f| f.to_ascii_lowercase());
        first.into_iter().chain(c).collect::<String>()
    };
    let mut prefix = None;
    if let Some(cond) = body.object(condition)? {
        if let Some(op) = cond.string("ComparisonOperator")? {
            if op != "BEGINS_WITH" {
                v.fail(
                    Some(op),
                    &format!("{path}.comparisonOperator"),
                    "Member must satisfy enum value set: [BEGINS_WITH]",
                );
            }
        }
        if let Some(value) = cond.string("ComparisonValue")? {
            v.string(
                value,
                &format!("{path}.comparisonValue"),
                Some((NAME_PATTERN, is_name)),
                1,
                max_name,
            );
            prefix = Some(value);
        }
    }
    v.finish()?;
    let engine = base64::engine::general_purpose::STANDARD;
    let after = match token {
        None => None,
        Some(t) => Some(
            engine
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| ApiError::invalid_argument("The NextToken is not valid."))?,
        ),
    };
    let mut page: Vec<(&str, T)> = Vec::new();
    let mut next = None;
    for (name, item) in items {
        if prefix.is_some_and(|p| !name.starts_with(p)) {
            continue;
        }
        if after.as_deref().is_some_and(|a| name <= a) {
            continue;
        }
        if page.len() as i64 == max {
            next = page.last().map(|(last, _)| engine.encode(last));
            break;
        }
        page.push((name, item));
    }
    Ok((page.into_iter().map(|(_, item)| item).collect(), next))
}

pub(super) fn list_streams(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let streams = cx.state.streams.values().map(|s| (s.name.as_str(), s));
    let (list, next) = list_page(body, "StreamNameCondition", MAX_STREAM_NAME, streams)?;
    let mut out = json!({
        "StreamInfoList": list.into_iter().map(stream_info).collect::<Vec<_>>()
    });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn update_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let version = version_at(&mut v, body, true)?;
    let device = body.string("DeviceName")?;
    v.optional_string(
        device,
        "deviceName",
        Some((NAME_PATTERN, is_name)),
        1,
        MAX_DEVICE_NAME,
    );
    let media_type = body.string("MediaType")?;
    v.optional_string(
        media_type,
        "mediaType",
        Some((MEDIA_TYPE_PATTERN, is_media_type)),
        1,
        MAX_MEDIA_TYPE,
    );
    v.finish()?;
    let name = find(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    check_version(stream, version.as_deref())?;
    check_active(stream)?;
    let new = new_version(cx);
    let now = cx.now;
    let s = stream_mut(cx, &name);
    if let Some(d) = device {
        s.device_name = Some(d.to_string());
    }
    if let Some(m) = media_type {
        s.media_type = Some(m.to_string());
    }
    s.version = new;
    s.status = StreamStatus::Updating;
    s.settles_at = now + SETTLE;
    Ok(json!({}))
}

pub(super) fn update_data_retention(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let version = version_at(&mut v, body, true)?;
    let operation = v.required(body.string("Operation")?, "operation");
    if let Some(op) = operation {
        if !matches!(op, "INCREASE_DATA_RETENTION" | "DECREASE_DATA_RETENTION") {
            v.fail(
                Some(op),
                "operation",
                "Member must satisfy enum value set: [INCREASE_DATA_RETENTION, DECREASE_DATA_RETENTION]",
            );
        }
    }
    let change = v.required(
        body.integer("DataRetentionChangeInHours")?,
        "dataRetentionChangeInHours",
    );
    if let Some(c) = change {
        v.range(c, "dataRetentionChangeInHours", 1, i64::MAX);
    }
    v.finish()?;
    let (Some(operation), Some(change)) = (operation, change) else {
        unreachable!("validated above");
    };
    let name = find(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    check_version(stream, version.as_deref())?;
    check_active(stream)?;
    let current = stream.retention_hours;
    let retention = if operation == "INCREASE_DATA_RETENTION" {
        current.saturating_add(change)
    } else {
        current - change
    };
    if retention > MAX_RETENTION_HOURS {
        return Err(ApiError::invalid_argument(format!(
            "Increasing the retention of {current} hours by {change} hours would exceed the \
             maximum of {MAX_RETENTION_HOURS} hours."
        )));
    }
    if retention < 0 {
        return Err(ApiError::invalid_argument(format!(
            "The retention of {current} hours cannot be decreased by {change} hours."
        )));
    }
    let new = new_version(cx);
    let now = cx.now;
    let s = stream_mut(cx, &name);
    s.retention_hours = retention;
    s.version = new;
    s.status = StreamStatus::Updating;
    s.settles_at = now + SETTLE;
    // A shorter retention applies to the fragments already stored.
    s.expire(now);
    Ok(json!({}))
}

pub(super) fn delete_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let arn = v.required(body.string("StreamARN")?, "streamARN");
    v.optional_string(arn, "streamARN", Some((ARN_PATTERN, is_arn)), 1, MAX_ARN);
    let version = version_at(&mut v, body, false)?;
    v.finish()?;
    let name = find(cx, None, arn)?;
    let stream = &cx.state.streams[&name];
    check_version(stream, version.as_deref())?;
    if stream.status == StreamStatus::Deleting {
        return Err(ApiError::resource_in_use(format!(
            "Stream {name} is already being deleted."
        )));
    }
    let now = cx.now;
    let s = stream_mut(cx, &name);
    s.status = StreamStatus::Deleting;
    s.settles_at = now + SETTLE;
    Ok(json!({}))
}

pub(super) fn tag_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let tags = tags_at(&mut v, body, "tags")?;
    let tags = v.required(tags, "tags");
    if let Some(t) = &tags {
        if t.is_empty() || t.len() > MAX_TAGS {
            v.fail(
                Some(&format!("{t:?}")),
                "tags",
                &format!(
                    "Member must have length {} {}",
                    if t.is_empty() {
                        "greater than or equal to"
                    } else {
                        "less than or equal to"
                    },
                    if t.is_empty() { 1 } else { MAX_TAGS }
                ),
            );
        }
    }
    v.finish()?;
    let name = find(cx, name, arn)?;
    let tags = tags.unwrap_or_default();
    let stream = &cx.state.streams[&name];
    let after = stream
        .tags
        .keys()
        .chain(tags.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if after > MAX_TAGS {
        return Err(too_many_tags());
    }
    stream_mut(cx, &name).tags.extend(tags);
    Ok(json!({}))
}

pub(super) fn untag_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let keys = v.required(body.list("TagKeyList")?, "tagKeyList");
    let mut parsed = Vec::new();
    if let Some(keys) = keys {
        if keys.is_empty() || keys.len() > MAX_TAGS {
            v.fail(
                None,
                "tagKeyList",
                &format!(
                    "Member must have length {}",
                    if keys.is_empty() {
                        "greater than or equal to 1".to_string()
                    } else {
                        format!("less than or equal to {MAX_TAGS}")
                    }
                ),
            );
        }
        for (i, k) in keys.iter().enumerate() {
            let k = string_item(k)?.unwrap_or_default();
            v.string(
                k,
                &format!("tagKeyList.{}.member", i + 1),
                None,
                1,
                MAX_TAG_KEY,
            );
            parsed.push(k.to_string());
        }
    }
    v.finish()?;
    let name = find(cx, name, arn)?;
    let s = stream_mut(cx, &name);
    for k in parsed {
        s.tags.remove(&k);
    }
    Ok(json!({}))
}

pub(super) fn list_tags_for_stream(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    if let Some(t) = body.string("NextToken")? {
        v.string(t, "nextToken", None, 0, 512);
    }
    v.finish()?;
    let name = find(cx, name, arn)?;
    // At most 50 tags: one page holds them all.
    Ok(json!({ "Tags": cx.state.streams[&name].tags }))
}

/// The 8 hex digits of an endpoint host, derived from a stream's or channel's ARN (FNV-1a:
/// stable across builds and platforms).
pub(super) fn host_id(arn: &str) -> u32 {
    arn.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// A stream's endpoint for `api`: `s-` hosts take media in and out, `b-` hosts serve
/// archived media (the host's 8 hex digits are the sandbox's own, derived from the ARN).
pub(super) fn endpoint(cx: &Cx<'_>, arn: &str, api: &str) -> String {
    let hash = host_id(arn);
    let kind = if matches!(api, "PUT_MEDIA" | "GET_MEDIA") {
        's'
    } else {
        'b'
    };
    format!(
        "https://{kind}-{hash:08x}.kinesisvideo.{}.amazonaws.com",
        cx.config.region
    )
}

pub(super) fn get_data_endpoint(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let api = v.required(body.string("APIName")?, "aPIName");
    if let Some(a) = api {
        if !API_NAMES.contains(&a) {
            v.fail(
                Some(a),
                "aPIName",
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    API_NAMES.join(", ")
                ),
            );
        }
    }
    v.finish()?;
    let name = find(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    if !matches!(stream.status, StreamStatus::Active | StreamStatus::Updating) {
        return Err(not_found());
    }
    let url = endpoint(cx, &stream.arn, api.unwrap_or_default());
    Ok(json!({ "DataEndpoint": url }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(is_media_type("video/h264"));
        assert!(is_media_type("video/h264,audio/aac"));
        assert!(is_media_type("video/x-matroska"));
        assert!(!is_media_type("video"));
        assert!(!is_media_type("video/h264,"));
        assert!(is_arn(
            "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-1/1767261600000"
        ));
        assert!(!is_arn(
            "arn:aws:kinesis:us-east-1:123456789012:stream/cam-1"
        ));
    }
}
