//! Signaling channels (`KinesisVideo.*SignalingChannel*`): what Kinesis Video Streams with
//! WebRTC needs before two peers talk. A camera (the `MASTER`) and up to ten apps (the
//! `VIEWER`s) connect to a channel's WebSocket endpoint to exchange SDP offers, answers and
//! ICE candidates; the HTTPS endpoint gives the STUN/TURN servers. The media itself then goes
//! peer to peer, with sub-second latency, and is not stored in a stream.
//!
//! The sandbox keeps the channels and answers the control plane as AWS does; it does not run
//! the signaling service (`ConnectAsMaster`, `ConnectAsViewer`, `GetIceServerConfig`) nor
//! media ingestion (`WEBRTC` endpoints need a channel configured for ingestion, which no
//! channel here is).

use super::ops::{host_id, is_arn, list_page, new_version, version_at, ARN_PATTERN, NAME_PATTERN};
use super::Cx;
use crate::engine::body::{string_item, Body};
use crate::engine::{is_name, ApiError, ErrorKind, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const MAX_CHANNEL_NAME: usize = 256;
const MAX_ARN: usize = 1024;
/// `MessageTtlSeconds`: how long an undelivered message waits, 5 to 120 s, 60 by default.
pub const MIN_MESSAGE_TTL: i64 = 5;
pub const MAX_MESSAGE_TTL: i64 = 120;
pub const DEFAULT_MESSAGE_TTL: i64 = 60;
/// Tags a channel may have.
const MAX_TAGS: usize = 50;
/// Channels an account may have: 10,000 in US East (N. Virginia) and US West (Oregon), 5,000
/// in the other Regions.
pub fn channel_limit(region: &str) -> usize {
    if matches!(region, "us-east-1" | "us-west-2") {
        10_000
    } else {
        5_000
    }
}
/// Concurrent `ConnectAsViewer` connections a channel takes (a soft quota); one master.
pub const MAX_VIEWERS: u32 = 10;

/// `ChannelStatus`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChannelStatus {
    Creating,
    Active,
    Updating,
    Deleting,
}

impl ChannelStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelStatus::Creating => "CREATING",
            ChannelStatus::Active => "ACTIVE",
            ChannelStatus::Updating => "UPDATING",
            ChannelStatus::Deleting => "DELETING",
        }
    }
}

/// A signaling channel.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Channel {
    pub name: String,
    pub arn: String,
    /// Always `SINGLE_MASTER`, the only type AWS supports.
    pub channel_type: String,
    pub message_ttl_seconds: i64,
    pub status: ChannelStatus,
    pub version: String,
    pub created: SimTime,
    pub settles_at: SimTime,
    pub tags: BTreeMap<String, String>,
}

/// `ResourceNotFoundException` with AWS's text.
fn not_found() -> ApiError {
    ApiError::resource_not_found("The requested channel is not found or not active.")
}

fn name_at<'a>(
    v: &mut Validation,
    body: Body<'a>,
    required: bool,
) -> Result<Option<&'a str>, ApiError> {
    let name = body.string("ChannelName")?;
    let name = if required {
        v.required(name, "channelName")
    } else {
        name
    };
    v.optional_string(
        name,
        "channelName",
        Some((NAME_PATTERN, is_name)),
        1,
        MAX_CHANNEL_NAME,
    );
    Ok(name)
}

fn arn_at<'a>(
    v: &mut Validation,
    body: Body<'a>,
    required: bool,
) -> Result<Option<&'a str>, ApiError> {
    let arn = body.string("ChannelARN")?;
    let arn = if required {
        v.required(arn, "channelARN")
    } else {
        arn
    };
    v.optional_string(arn, "channelARN", Some((ARN_PATTERN, is_arn)), 1, MAX_ARN);
    Ok(arn)
}

/// `SingleMasterConfiguration.MessageTtlSeconds`, validated; `None` when not given.
fn ttl_at(v: &mut Validation, body: Body) -> Result<Option<i64>, ApiError> {
    let Some(config) = body.object("SingleMasterConfiguration")? else {
        return Ok(None);
    };
    let ttl = config.integer("MessageTtlSeconds")?;
    if let Some(t) = ttl {
        v.range(
            t,
            "singleMasterConfiguration.messageTtlSeconds",
            MIN_MESSAGE_TTL,
            MAX_MESSAGE_TTL,
        );
    }
    Ok(ttl)
}

/// The channel `ChannelName` or `ChannelARN` names.
fn find(cx: &Cx<'_>, name: Option<&str>, arn: Option<&str>) -> Result<String, ApiError> {
    match (name, arn) {
        (None, None) => Err(ApiError::invalid_argument(
            "Either ChannelName or ChannelARN must be specified.",
        )),
        (Some(n), Some(a)) => match cx.state.channels.get(n) {
            Some(c) if c.arn == a => Ok(n.to_string()),
            Some(_) => Err(ApiError::invalid_argument(
                "ChannelName and ChannelARN name different channels.",
            )),
            None => Err(not_found()),
        },
        (Some(n), None) => cx
            .state
            .channels
            .contains_key(n)
            .then(|| n.to_string())
            .ok_or_else(not_found),
        (None, Some(a)) => cx
            .state
            .channels
            .values()
            .find(|c| c.arn == a)
            .map(|c| c.name.clone())
            .ok_or_else(not_found),
    }
}

fn check_version(channel: &Channel, given: Option<&str>) -> Result<(), ApiError> {
    match given {
        Some(v) if v != channel.version => Err(ApiError::new(
            ErrorKind::VersionMismatchException,
            format!(
                "The channel version {v} does not match the current version {} of channel {}.",
                channel.version, channel.name
            ),
        )),
        _ => Ok(()),
    }
}

pub(super) fn channel_info(c: &Channel) -> Value {
    json!({
        "ChannelName": c.name,
        "ChannelARN": c.arn,
        "ChannelType": c.channel_type,
        "ChannelStatus": c.status.as_str(),
        "CreationTime": c.created.epoch_seconds(),
        "SingleMasterConfiguration": { "MessageTtlSeconds": c.message_ttl_seconds },
        "Version": c.version,
    })
}

pub(super) fn create_signaling_channel(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = name_at(&mut v, body, true)?;
    let kind = body.string("ChannelType")?;
    if let Some(k) = kind.filter(|k| !matches!(*k, "SINGLE_MASTER" | "FULL_MESH")) {
        v.fail(
            Some(k),
            "channelType",
            "Member must satisfy enum value set: [SINGLE_MASTER, FULL_MESH]",
        );
    }
    let ttl = ttl_at(&mut v, body)?;
    let mut tags = BTreeMap::new();
    let mut tag_count = 0;
    if let Some(list) = body.list("Tags")? {
        tag_count = list.len();
        for (i, item) in list.iter().enumerate() {
            let tag = Body::of(item)?;
            let path = format!("tags.{}.member", i + 1);
            let key = v.required(tag.string("Key")?, &format!("{path}.key"));
            let value = v.required(tag.string("Value")?, &format!("{path}.value"));
            v.optional_string(key, &format!("{path}.key"), None, 1, 128);
            v.optional_string(value, &format!("{path}.value"), None, 0, 256);
            if let (Some(k), Some(val)) = (key, value) {
                tags.insert(k.to_string(), val.to_string());
            }
        }
        if list.len() > MAX_TAGS {
            v.fail(
                None,
                "tags",
                &format!("Member must have length less than or equal to {MAX_TAGS}"),
            );
        }
    }
    v.finish()?;
    let name = name.unwrap_or_default();
    if kind == Some("FULL_MESH") {
        return Err(ApiError::invalid_argument(
            "The channel type FULL_MESH is not supported: SINGLE_MASTER is the only supported \
             channel type.",
        ));
    }
    if tag_count > MAX_TAGS {
        return Err(ApiError::new(
            ErrorKind::TagsPerResourceExceededLimitException,
            format!("A channel can have at most {MAX_TAGS} tags."),
        ));
    }
    if cx.state.channels.contains_key(name) {
        return Err(ApiError::resource_in_use(format!(
            "The signaling channel {name} already exists."
        )));
    }
    let limit = channel_limit(&cx.config.region);
    if cx.state.channels.len() >= limit {
        return Err(ApiError::new(
            ErrorKind::AccountChannelLimitExceededException,
            format!(
                "You have reached the maximum limit of {limit} signaling channels for this \
                 account in this Region."
            ),
        ));
    }
    let created = cx.now;
    let arn = cx.arn(
        "kinesisvideo",
        &format!("channel/{name}/{}", created.epoch_millis()),
    );
    let version = new_version(cx);
    cx.state.channels.insert(
        name.to_string(),
        Channel {
            name: name.to_string(),
            arn: arn.clone(),
            channel_type: "SINGLE_MASTER".into(),
            message_ttl_seconds: ttl.unwrap_or(DEFAULT_MESSAGE_TTL),
            status: ChannelStatus::Creating,
            version,
            created,
            settles_at: created + super::SETTLE,
            tags,
        },
    );
    Ok(json!({ "ChannelARN": arn }))
}

pub(super) fn describe_signaling_channel(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = name_at(&mut v, body, false)?;
    let arn = arn_at(&mut v, body, false)?;
    v.finish()?;
    let name = find(cx, name, arn)?;
    Ok(json!({ "ChannelInfo": channel_info(&cx.state.channels[&name]) }))
}

pub(super) fn list_signaling_channels(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let channels = cx.state.channels.values().map(|c| (c.name.as_str(), c));
    let (list, next) = list_page(body, "ChannelNameCondition", MAX_CHANNEL_NAME, channels)?;
    let mut out = json!({
        "ChannelInfoList": list.into_iter().map(channel_info).collect::<Vec<_>>()
    });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn update_signaling_channel(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let arn = arn_at(&mut v, body, true)?;
    let version = version_at(&mut v, body, true)?;
    let ttl = ttl_at(&mut v, body)?;
    v.finish()?;
    let name = find(cx, None, arn)?;
    let channel = &cx.state.channels[&name];
    check_version(channel, version.as_deref())?;
    if channel.status != ChannelStatus::Active {
        return Err(ApiError::resource_in_use(format!(
            "The signaling channel {name} is {}; it can be updated once it is ACTIVE.",
            channel.status.as_str()
        )));
    }
    let new = new_version(cx);
    let now = cx.now;
    let c = cx.state.channels.get_mut(&name).expect("found above");
    if let Some(t) = ttl {
        c.message_ttl_seconds = t;
    }
    c.version = new;
    c.status = ChannelStatus::Updating;
    c.settles_at = now + super::SETTLE;
    Ok(json!({}))
}

pub(super) fn delete_signaling_channel(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let arn = arn_at(&mut v, body, true)?;
    let version = version_at(&mut v, body, false)?;
    v.finish()?;
    let name = find(cx, None, arn)?;
    let channel = &cx.state.channels[&name];
    check_version(channel, version.as_deref())?;
    if channel.status == ChannelStatus::Deleting {
        return Err(ApiError::resource_in_use(format!(
            "The signaling channel {name} is already being deleted."
        )));
    }
    let now = cx.now;
    let c = cx.state.channels.get_mut(&name).expect("found above");
    c.status = ChannelStatus::Deleting;
    c.settles_at = now + super::SETTLE;
    Ok(json!({}))
}

/// A channel's endpoint host: `m-` (master) and `v-` (viewer) WebSocket hosts for signaling
/// messages, `r-` HTTPS hosts for the ICE server configuration. The 8 hex digits are the
/// sandbox's own, derived from the ARN.
fn endpoint(region: &str, arn: &str, protocol: &str, role: &str) -> String {
    let hash = host_id(arn);
    match protocol {
        "WSS" => {
            let kind = if role == "MASTER" { 'm' } else { 'v' };
            format!("wss://{kind}-{hash:08x}.kinesisvideo.{region}.amazonaws.com")
        }
        _ => format!("https://r-{hash:08x}.kinesisvideo.{region}.amazonaws.com"),
    }
}

pub(super) fn get_signaling_channel_endpoint(
    cx: &mut Cx<'_>,
    body: Body,
) -> Result<Value, ApiError> {
    const PROTOCOLS: &[&str] = &["WSS", "HTTPS", "WEBRTC"];
    let mut v = Validation::new();
    let arn = arn_at(&mut v, body, true)?;
    let mut protocols = Vec::new();
    let mut role = "MASTER";
    let config = body.object("SingleMasterChannelEndpointConfiguration")?;
    if let Some(config) = config {
        if let Some(list) = config.list("Protocols")? {
            if list.is_empty() || list.len() > 5 {
                v.fail(
                    None,
                    "singleMasterChannelEndpointConfiguration.protocols",
                    if list.is_empty() {
                        "Member must have length greater than or equal to 1"
                    } else {
                        "Member must have length less than or equal to 5"
                    },
                );
            }
            for (i, item) in list.iter().enumerate() {
                let p = string_item(item)?.unwrap_or_default();
                if !PROTOCOLS.contains(&p) {
                    v.fail(
                        Some(p),
                        &format!(
                            "singleMasterChannelEndpointConfiguration.protocols.{}.member",
                            i + 1
                        ),
                        "Member must satisfy enum value set: [WSS, HTTPS, WEBRTC]",
                    );
                }
                if !protocols.contains(&p) {
                    protocols.push(p);
                }
            }
        }
        if let Some(r) = config.string("Role")? {
            if !matches!(r, "MASTER" | "VIEWER") {
                v.fail(
                    Some(r),
                    "singleMasterChannelEndpointConfiguration.role",
                    "Member must satisfy enum value set: [MASTER, VIEWER]",
                );
            }
            role = r;
        }
    }
    v.finish()?;
    let name = find(cx, None, arn)?;
    let channel = &cx.state.channels[&name];
    if !matches!(
        channel.status,
        ChannelStatus::Active | ChannelStatus::Updating
    ) {
        return Err(not_found());
    }
    if protocols.contains(&"WEBRTC") {
        return Err(ApiError::invalid_argument(format!(
            "The signaling channel {name} is not configured for ingestion: the WEBRTC protocol \
             needs a media storage configuration."
        )));
    }
    if protocols.is_empty() {
        protocols = vec!["WSS", "HTTPS"];
    }
    let list: Vec<Value> = protocols
        .iter()
        .map(|p| {
            json!({
                "Protocol": p,
                "ResourceEndpoint": endpoint(&cx.config.region, &channel.arn, p, role),
            })
        })
        .collect();
    Ok(json!({ "ResourceEndpointList": list }))
}

/// Channels settle and deleted channels go.
pub(super) fn on_time_passed(cx: &mut Cx<'_>) {
    let now = cx.now;
    cx.state
        .channels
        .retain(|_, c| !(c.status == ChannelStatus::Deleting && now >= c.settles_at));
    for c in cx.state.channels.values_mut() {
        if matches!(c.status, ChannelStatus::Creating | ChannelStatus::Updating)
            && now >= c.settles_at
        {
            c.status = ChannelStatus::Active;
        }
    }
}
