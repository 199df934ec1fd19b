//! ListShards with paging tokens and shard filters.

use super::shard::{parse_shard_id, Shard};
use super::stream::{Stream, StreamStatus};
use super::{check_name, find, Cx, MAX_NEXT_TOKEN};
use crate::engine::body::Body;
use crate::engine::ErrorKind;
use crate::engine::{ApiError, Validation};
use base64::Engine as _;
use serde_json::{json, Value};

/// A NextToken lives this long.
pub const TOKEN_LIFETIME_MS: i64 = 300_000;

const FILTER_TYPES: &str =
    "[AFTER_SHARD_ID, AT_TRIM_HORIZON, FROM_TRIM_HORIZON, AT_LATEST, AT_TIMESTAMP, FROM_TIMESTAMP]";

/// Which shards a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Filter {
    All,
    AfterShard(u32),
    AtTrimHorizon,
    AtLatest,
    AtTimestamp(i64),
    FromTimestamp(i64),
}

impl Filter {
    fn encode(&self) -> String {
        match self {
            Filter::All => "all".into(),
            Filter::AfterShard(i) => format!("after:{i}"),
            Filter::AtTrimHorizon => "ath".into(),
            Filter::AtLatest => "latest".into(),
            Filter::AtTimestamp(t) => format!("at:{t}"),
            Filter::FromTimestamp(t) => format!("from:{t}"),
        }
    }

    fn decode(text: &str) -> Option<Self> {
        Some(match text.split_once(':') {
            None => match text {
                "all" => Filter::All,
                "ath" => Filter::AtTrimHorizon,
                "latest" => Filter::AtLatest,
                _ => return None,
            },
            Some(("after", i)) => Filter::AfterShard(i.parse().ok()?),
            Some(("at", t)) => Filter::AtTimestamp(t.parse().ok()?),
            Some(("from", t)) => Filter::FromTimestamp(t.parse().ok()?),
            _ => return None,
        })
    }

    fn keeps(&self, stream: &Stream, shard: &Shard, now: i64) -> bool {
        let open_at = |t: i64| shard.created_ms <= t && shard.closed_ms.is_none_or(|c| c > t);
        match self {
            Filter::All => true,
            Filter::AfterShard(i) => shard.index > *i,
            Filter::AtLatest => shard.is_open(),
            Filter::AtTrimHorizon => {
                let first = stream
                    .listed_shards(now)
                    .map(|s| s.created_ms)
                    .min()
                    .unwrap_or(now);
                open_at((now - stream.retention_ms()).max(first))
            }
            Filter::AtTimestamp(t) => open_at(*t),
            Filter::FromTimestamp(t) => shard.closed_ms.is_none_or(|c| c > *t),
        }
    }
}

struct Token {
    stream: String,
    created_ms: i64,
    after: Option<u32>,
    issued_ms: i64,
    filter: Filter,
    limit: usize,
}

impl Token {
    fn encode(&self) -> String {
        let text = format!(
            "1|{}|{}|{}|{}|{}|{}",
            self.created_ms,
            self.after.map_or(-1, i64::from),
            self.issued_ms,
            self.filter.encode(),
            self.limit,
            self.stream
        );
        base64::engine::general_purpose::STANDARD.encode(text)
    }

    fn decode(text: &str) -> Option<Self> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let mut p = text.splitn(7, '|');
        if p.next()? != "1" {
            return None;
        }
        let created_ms = p.next()?.parse().ok()?;
        let after: i64 = p.next()?.parse().ok()?;
        Some(Self {
            created_ms,
            after: u32::try_from(after).ok(),
            issued_ms: p.next()?.parse().ok()?,
            filter: Filter::decode(p.next()?)?,
            limit: p.next()?.parse().ok()?,
            stream: p.next()?.to_string(),
        })
    }
}

/// `ListShards{StreamName|StreamARN | NextToken, ExclusiveStartShardId?, MaxResults?,
/// StreamCreationTimestamp?, ShardFilter?}` → `{Shards, NextToken?}`.
pub(crate) fn list_shards(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let name = body.string("StreamName")?;
    let arn = body.string("StreamARN")?;
    let token = body.string("NextToken")?;
    let start = body.string("ExclusiveStartShardId")?;
    let max = body.integer("MaxResults")?;
    let _created = body.timestamp_millis("StreamCreationTimestamp")?;
    let filter = body.object("ShardFilter")?;
    let mut v = Validation::new();
    check_name(&mut v, name, "streamName");
    if let Some(t) = token {
        v.string(t, "nextToken", None, 1, MAX_NEXT_TOKEN);
    }
    check_name(&mut v, start, "exclusiveStartShardId");
    if let Some(m) = max {
        v.range(m, "maxResults", 1, 10_000);
    }
    let mut parsed_filter = Filter::All;
    if let Some(f) = filter {
        let kind = f.string("Type")?;
        let shard = f.string("ShardId")?;
        let ts = f.timestamp_millis("Timestamp")?;
        check_name(&mut v, shard, "shardFilter.shardId");
        parsed_filter = match kind {
            None => {
                v.fail(None, "shardFilter.type", "Member must not be null");
                Filter::All
            }
            Some("AFTER_SHARD_ID") => match shard.and_then(parse_shard_id) {
                Some(i) => Filter::AfterShard(i),
                // A malformed shard id is already a validation error.
                None if !v.is_empty() => Filter::All,
                None => {
                    return Err(ApiError::invalid_argument(
                        "ShardId must be provided for ShardFilter type AFTER_SHARD_ID.",
                    ))
                }
            },
            Some("AT_TRIM_HORIZON") => Filter::AtTrimHorizon,
            Some("FROM_TRIM_HORIZON") => Filter::All,
            Some("AT_LATEST") => Filter::AtLatest,
            Some(t @ ("AT_TIMESTAMP" | "FROM_TIMESTAMP")) => {
                let Some(ts) = ts else {
                    return Err(ApiError::invalid_argument(format!(
                        "Timestamp must be provided for ShardFilter type {t}."
                    )));
                };
                if t == "AT_TIMESTAMP" {
                    Filter::AtTimestamp(ts)
                } else {
                    Filter::FromTimestamp(ts)
                }
            }
            Some(other) => {
                v.fail(
                    Some(other),
                    "shardFilter.type",
                    &format!("Member must satisfy enum value set: {FILTER_TYPES}"),
                );
                Filter::All
            }
        };
    }
    v.finish()?;
    let now = cx.now.epoch_millis();
    let named = name.is_some() || arn.is_some();
    let (stream_name, after, filter, limit) = match (token, named) {
        (None, false) => {
            return Err(ApiError::invalid_argument(
                "Either NextToken or StreamName should be provided.",
            ))
        }
        (Some(_), true) => {
            return Err(ApiError::invalid_argument(
                "NextToken and StreamName cannot be provided together.",
            ))
        }
        (Some(t), false) => {
            let tok =
                Token::decode(t).ok_or_else(|| ApiError::invalid_argument("Invalid NextToken."))?;
            if now - tok.issued_ms > TOKEN_LIFETIME_MS {
                return Err(ApiError::new(
                    ErrorKind::ExpiredNextTokenException,
                    "The NextToken has expired: it was issued more than 300 seconds ago.",
                ));
            }
            let limit = max.map_or(tok.limit, |m| m as usize);
            match cx.state.streams.get(&tok.stream) {
                Some(s) if s.created_ms == tok.created_ms => {}
                _ => return Err(super::stream_not_found(cx, &tok.stream)),
            }
            (tok.stream, tok.after, tok.filter, limit)
        }
        (None, true) => {
            let mut v = Validation::new();
            let stream = super::stream_ref(cx, body, &mut v)?;
            v.finish()?;
            let after = start.and_then(parse_shard_id);
            let limit = max.map_or(1000, |m| (m as usize).min(1000));
            (stream.expect("named"), after, parsed_filter, limit)
        }
    };
    let stream = find(cx, &stream_name)?;
    if stream.status == StreamStatus::Creating {
        return Err(super::not_active(cx, stream));
    }
    let matching: Vec<&Shard> = stream
        .listed_shards(now)
        .filter(|s| after.is_none_or(|a| s.index > a) && filter.keeps(stream, s, now))
        .collect();
    let page: Vec<Value> = matching.iter().take(limit).map(|s| s.to_json()).collect();
    let mut out = json!({ "Shards": page });
    if matching.len() > limit {
        let tok = Token {
            stream: stream_name.clone(),
            created_ms: stream.created_ms,
            after: Some(matching[limit - 1].index),
            issued_ms: now,
            filter,
            limit,
        };
        out["NextToken"] = json!(tok.encode());
    }
    Ok(out)
}
