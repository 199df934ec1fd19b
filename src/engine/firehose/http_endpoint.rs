//! The HTTP endpoint destination (`HttpEndpointDestinationConfiguration`): a sealed buffer
//! becomes one POST of Firehose's request — its headers, and a JSON body whose records are
//! base64 — to the endpoint's URL (see `engine::endpoints`, the learner's endpoints).
//!
//! - Only 200 is success. 413 is a permanent failure: the records are dropped, not written
//!   to the error output. Any other status, a connection that fails and no answer within
//!   3 minutes are retried with a backoff starting at 1 s, doubling, ±15 %, at most 2 min,
//!   for `RetryOptions.DurationInSeconds` (default 300); then the records go to the S3
//!   bucket under `http-endpoint-failed/`, one JSON document each.
//! - `S3BackupMode` `AllData` also writes every delivered batch to the bucket.
//!
//! How the sandbox differs from AWS: a request is answered in the tick it is sent (a timeout
//! takes its 3 minutes of simulated time); every record of a failed batch carries the
//! batch's oldest arrival time. A Lambda transformation runs before the buffer, as for S3.

use super::delivery::log_error;
use super::errors::DeliveryError;
use super::processing::{error_object, ErrorDoc, Failed, Held};
use super::{BufferingHints, DeliveryStream};
use crate::engine::body::Body;
use crate::engine::endpoints::{Request, Response, RESPONSE_TIMEOUT};
use crate::engine::{ApiError, Sandbox, SimTime, Validation};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

/// `RetryOptions.DurationInSeconds` when not given.
pub const DEFAULT_RETRY_S: u32 = 300;
/// The longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 120_000;
/// The error output type of failed records.
pub const ERROR_OUTPUT_TYPE: &str = "http-endpoint-failed";

/// `HttpEndpointDestinationConfiguration`, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpEndpointDestination {
    pub url: String,
    pub name: Option<String>,
    pub access_key: Option<String>,
    /// `RequestConfiguration.ContentEncoding` `GZIP`.
    pub gzip: bool,
    pub common_attributes: Vec<(String, String)>,
    pub buffering: BufferingHints,
    pub retry_s: u32,
    /// `S3BackupMode` `AllData` (otherwise `FailedDataOnly`).
    pub all_data: bool,
    pub role_arn: Option<String>,
}

/// A sealed buffer on its way to the endpoint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpBatch {
    /// `X-Amz-Firehose-Request-Id`, the same for every attempt.
    pub request_id: String,
    pub records: Vec<Record>,
    pub oldest_arrival: SimTime,
    pub first_attempt: SimTime,
    pub next_attempt: SimTime,
    pub attempts: u32,
    /// The last attempt failed past the retry duration: at `next_attempt` (when its answer,
    /// or its timeout, is in) the records go to the error output with this code and message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_up: Option<(String, String)>,
    /// The endpoint answered 200, slowly: at `next_attempt` the answer is in and the batch
    /// is delivered.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answered_ok: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
}

fn range(v: &mut Validation, value: Option<i64>, path: &str, lo: i64, hi: i64) -> Option<i64> {
    if let Some(x) = value {
        v.range(x, path, lo, hi);
    }
    value
}

/// Reads the configuration; its `S3Configuration` body is returned for the caller to read as
/// the bucket's settings.
pub(super) fn read<'a>(cfg: Body<'a>) -> Result<(HttpEndpointDestination, Body<'a>), ApiError> {
    let p = "httpEndpointDestinationConfiguration";
    let mut v = Validation::new();
    let endpoint = cfg.object("EndpointConfiguration")?;
    v.required(endpoint, &format!("{p}.endpointConfiguration"));
    let (mut url, mut name, mut key) = (None, None, None);
    if let Some(e) = endpoint {
        url = v.required(e.string("Url")?, &format!("{p}.endpointConfiguration.url"));
        if let Some(u) = url {
            if !u.starts_with("https://") || u.len() > 1000 {
                v.fail(
                    Some(u),
                    &format!("{p}.endpointConfiguration.url"),
                    "Member must satisfy regular expression pattern: https://.*",
                );
            }
        }
        name = e.string("Name")?;
        if let Some(n) = name {
            v.string(n, &format!("{p}.endpointConfiguration.name"), None, 1, 256);
        }
        key = e.string("AccessKey")?;
        if let Some(k) = key {
            v.string(
                k,
                &format!("{p}.endpointConfiguration.accessKey"),
                None,
                0,
                4096,
            );
        }
    }
    let mut gzip = false;
    let mut attributes = Vec::new();
    if let Some(r) = cfg.object("RequestConfiguration")? {
        match r.string("ContentEncoding")? {
            None | Some("NONE") => {}
            Some("GZIP") => gzip = true,
            Some(other) => v.fail(
                Some(other),
                &format!("{p}.requestConfiguration.contentEncoding"),
                "Member must satisfy enum value set: [NONE, GZIP]",
            ),
        }
        let list = r
            .list("CommonAttributes")?
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if list.len() > 50 {
            v.fail(
                Some(&list.len().to_string()),
                &format!("{p}.requestConfiguration.commonAttributes"),
                "Member must have length less than or equal to 50",
            );
        }
        for a in list {
            let a = Body::of(a)?;
            let k = a.string("AttributeName")?.unwrap_or_default();
            let val = a.string("AttributeValue")?.unwrap_or_default();
            attributes.push((k.to_string(), val.to_string()));
        }
    }
    let mut buffering = BufferingHints {
        size_mb: 5,
        interval_s: 300,
    };
    if let Some(h) = cfg.object("BufferingHints")? {
        let path = format!("{p}.bufferingHints");
        if let Some(s) = range(
            &mut v,
            h.integer("SizeInMBs")?,
            &format!("{path}.sizeInMBs"),
            1,
            64,
        ) {
            buffering.size_mb = s.clamp(1, 64) as u32;
        }
        if let Some(i) = range(
            &mut v,
            h.integer("IntervalInSeconds")?,
            &format!("{path}.intervalInSeconds"),
            0,
            900,
        ) {
            buffering.interval_s = i.clamp(0, 900) as u32;
        }
    }
    let mut retry_s = DEFAULT_RETRY_S;
    if let Some(r) = cfg.object("RetryOptions")? {
        if let Some(s) = range(
            &mut v,
            r.integer("DurationInSeconds")?,
            &format!("{p}.retryOptions.durationInSeconds"),
            0,
            7200,
        ) {
            retry_s = s.clamp(0, 7200) as u32;
        }
    }
    let all_data = match cfg.string("S3BackupMode")? {
        None | Some("FailedDataOnly") => false,
        Some("AllData") => true,
        Some(other) => {
            v.fail(
                Some(other),
                &format!("{p}.s3BackupMode"),
                "Member must satisfy enum value set: [FailedDataOnly, AllData]",
            );
            false
        }
    };
    let role = cfg.string("RoleARN")?;
    let s3 = cfg.object("S3Configuration")?;
    v.required(s3, &format!("{p}.s3Configuration"));
    v.finish()?;
    let (Some(url), Some(s3)) = (url, s3) else {
        unreachable!("validated above")
    };
    Ok((
        HttpEndpointDestination {
            url: url.to_string(),
            name: name.map(str::to_string),
            access_key: key.map(str::to_string),
            gzip,
            common_attributes: attributes,
            buffering,
            retry_s,
            all_data,
            role_arn: role.map(str::to_string),
        },
        s3,
    ))
}

impl HttpEndpointDestination {
    /// `HttpEndpointDestinationDescription` (the access key is never shown).
    pub fn describe(&self, s3: Value) -> Value {
        let mut endpoint = json!({ "Url": self.url });
        if let Some(n) = &self.name {
            endpoint["Name"] = json!(n);
        }
        let mut out = json!({
            "EndpointConfiguration": endpoint,
            "BufferingHints": {"SizeInMBs": self.buffering.size_mb, "IntervalInSeconds": self.buffering.interval_s},
            "RequestConfiguration": {
                "ContentEncoding": if self.gzip { "GZIP" } else { "NONE" },
                "CommonAttributes": self.common_attributes.iter()
                    .map(|(k, v)| json!({"AttributeName": k, "AttributeValue": v}))
                    .collect::<Vec<_>>(),
            },
            "RetryOptions": {"DurationInSeconds": self.retry_s},
            "S3BackupMode": if self.all_data { "AllData" } else { "FailedDataOnly" },
            "S3DestinationDescription": s3,
        });
        if let Some(r) = &self.role_arn {
            out["RoleARN"] = json!(r);
        }
        out
    }
}

/// The buffer's records as a batch for the endpoint.
pub(super) fn seal(sb: &mut Sandbox, name: &str, buffer: super::Buffer, oldest: SimTime) {
    let now = sb.now;
    let id = sb.rng.uuid_v4();
    let mut records = Vec::with_capacity(buffer.lengths.len());
    let mut at = 0usize;
    for len in &buffer.lengths {
        let end = (at + *len as usize).min(buffer.data.len());
        records.push(Record {
            data: buffer.data[at..end].to_vec(),
        });
        at = end;
    }
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let n = records.len() as u64;
    d.ledger.buffered -= n;
    d.ledger.awaiting_retry += n;
    d.http_pending.push_back(HttpBatch {
        request_id: id,
        records,
        oldest_arrival: oldest,
        first_attempt: now,
        next_attempt: now,
        attempts: 0,
        given_up: None,
        answered_ok: false,
    });
}

/// Firehose's request for batch `b` of `d`, sent `now`.
fn request(
    d: &DeliveryStream,
    h: &HttpEndpointDestination,
    b: &HttpBatch,
    now: SimTime,
) -> Request {
    let body = json!({
        "requestId": b.request_id,
        "timestamp": now.epoch_millis(),
        "records": b.records.iter().map(|r| json!({"data": B64.encode(&r.data)})).collect::<Vec<_>>(),
    })
    .to_string();
    let mut headers = vec![
        (
            "X-Amz-Firehose-Protocol-Version".to_string(),
            "1.0".to_string(),
        ),
        (
            "X-Amz-Firehose-Request-Id".to_string(),
            b.request_id.clone(),
        ),
        ("Content-Type".to_string(), "application/json".to_string()),
        ("X-Amz-Firehose-Source-Arn".to_string(), d.arn.clone()),
    ];
    if let Some(k) = &h.access_key {
        headers.push(("X-Amz-Firehose-Access-Key".to_string(), k.clone()));
    }
    if !h.common_attributes.is_empty() {
        let attrs: serde_json::Map<String, Value> = h
            .common_attributes
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        headers.push((
            "X-Amz-Firehose-Common-Attributes".to_string(),
            json!({ "commonAttributes": attrs }).to_string(),
        ));
    }
    let body = if h.gzip {
        headers.push(("Content-Encoding".to_string(), "gzip".to_string()));
        super::Compression::Gzip.apply(body.as_bytes(), "")
    } else {
        body.into_bytes()
    };
    headers.push(("Content-Length".to_string(), body.len().to_string()));
    Request {
        url: h.url.clone(),
        headers,
        body,
    }
}

/// Attempts every batch that is due, in order.
pub(super) fn attempt_due(sb: &mut Sandbox, name: &str) {
    let mut i = 0;
    while let Some(b) = sb
        .firehose
        .streams
        .get(name)
        .and_then(|d| d.http_pending.get(i))
    {
        if b.next_attempt <= sb.now && attempt(sb, name, i) {
            continue;
        }
        i += 1;
    }
}

/// Sends batch `i`; returns whether it left the queue.
fn attempt(sb: &mut Sandbox, name: &str, i: usize) -> bool {
    let now = sb.now;
    let d = sb.firehose.streams.get(name).expect("present");
    let Some(h) = d.http.clone() else {
        return false;
    };
    let b = d.http_pending[i].clone();
    if let Some((code, message)) = &b.given_up {
        give_up(sb, name, i, code, message);
        return true;
    }
    if b.answered_ok {
        delivered(sb, name, i, &h, &b);
        return true;
    }
    let req = request(d, &h, &b, now);
    let response = sb.endpoint_receive(req);
    let n = b.records.len() as u64;
    let (code, message, took) = match response {
        Response::Answered {
            status: 200,
            after_s: 0,
            ..
        } => {
            delivered(sb, name, i, &h, &b);
            return true;
        }
        Response::Answered {
            status: 200,
            after_s,
            ..
        } => {
            // The answer comes later: the batch waits for it.
            let d = sb.firehose.streams.get_mut(name).expect("present");
            let batch = &mut d.http_pending[i];
            batch.attempts += 1;
            batch.answered_ok = true;
            batch.next_attempt = now + Duration::from_secs(u64::from(after_s));
            return false;
        }
        Response::Answered {
            status: 413, body, ..
        } => {
            let message = format!(
                "Received the following response from the endpoint destination. 413: {body}"
            );
            log_error(
                sb,
                name,
                DeliveryError::Http("HttpEndpoint.DestinationException"),
                &message,
            );
            // A permanent failure: dropped, and not written to the error output.
            let d = sb.firehose.streams.get_mut(name).expect("present");
            d.http_pending.remove(i);
            d.ledger.awaiting_retry -= n;
            d.ledger.expired += n;
            return true;
        }
        Response::Answered { status, body, .. } => (
            "HttpEndpoint.DestinationException",
            format!(
                "Received the following response from the endpoint destination. {status}: {body}"
            ),
            Duration::ZERO,
        ),
        Response::TimedOut => (
            "HttpEndpoint.RequestTimeout",
            "The request to the endpoint timed out: no response within 180 seconds.".to_string(),
            RESPONSE_TIMEOUT,
        ),
        Response::NoConnection => (
            "HttpEndpoint.ConnectionFailed",
            "Unable to connect to the endpoint destination: no endpoint answers at this URL."
                .to_string(),
            Duration::ZERO,
        ),
    };
    log_error(sb, name, DeliveryError::Http(code), &message);
    let ended = now + took;
    let attempts = b.attempts + 1;
    let d = sb.firehose.streams.get_mut(name).expect("present");
    if ended >= b.first_attempt + Duration::from_secs(u64::from(h.retry_s)) {
        if took.is_zero() {
            d.http_pending[i].attempts = attempts;
            give_up(sb, name, i, code, &message);
            return true;
        }
        // The answer (a timeout) is only known when the attempt ends.
        let batch = &mut d.http_pending[i];
        batch.attempts = attempts;
        batch.next_attempt = ended;
        batch.given_up = Some((code.to_string(), message));
        return false;
    }
    // 1 s, doubling, ±15 %, at most 2 min.
    let base = (1000i64 << (attempts - 1).min(20)).min(MAX_BACKOFF_MS);
    let jitter = 0.85 + 0.3 * sb.rng.unit_f64();
    let wait = ((base as f64 * jitter) as i64).min(MAX_BACKOFF_MS);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    let batch = &mut d.http_pending[i];
    batch.attempts = attempts;
    batch.next_attempt = SimTime::from_millis(ended.epoch_millis() + wait);
    false
}

/// Batch `i` was accepted (200): delivered, and backed up with `AllData`.
fn delivered(sb: &mut Sandbox, name: &str, i: usize, h: &HttpEndpointDestination, b: &HttpBatch) {
    let n = b.records.len() as u64;
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.http_pending.remove(i);
    d.ledger.awaiting_retry -= n;
    d.ledger.delivered += n;
    if h.all_data {
        back_up(sb, name, b);
    }
}

/// Batch `i`'s records to the error output, after its last attempt.
fn give_up(sb: &mut Sandbox, name: &str, i: usize, code: &str, message: &str) {
    let Some(batch) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.http_pending.remove(i))
    else {
        return;
    };
    let failed = batch
        .records
        .into_iter()
        .map(|r| Failed {
            arrival_ms: batch.oldest_arrival.epoch_millis(),
            data: r.data,
        })
        .collect();
    error_object(
        sb,
        name,
        failed,
        batch.attempts,
        code,
        message,
        ERROR_OUTPUT_TYPE,
        ErrorDoc::Http {
            request_id: &batch.request_id,
        },
        Held::AwaitingRetry,
    );
}

/// `AllData`: a delivered batch's records, one per line, as an object in the bucket too.
fn back_up(sb: &mut Sandbox, name: &str, b: &HttpBatch) {
    let mut data = Vec::new();
    for r in &b.records {
        data.extend_from_slice(&r.data);
    }
    back_up_bytes(sb, name, &data, b.records.len() as u64, b.oldest_arrival);
}

/// A delivered batch's bytes (`records` records, the oldest arrived at `oldest`) as a backup
/// object in the stream's bucket (an HTTP endpoint's `AllData`, Splunk's `AllEvents`).
pub(super) fn back_up_bytes(
    sb: &mut Sandbox,
    name: &str,
    data: &[u8],
    records: u64,
    oldest: SimTime,
) {
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let dest = d.destination.clone();
    let (stream, version) = (d.name.clone(), d.version);
    let now = sb.now;
    let folder = super::prefix::evaluate(dest.prefix.as_deref(), oldest, None, &mut sb.rng);
    let file = super::prefix::object_name(
        &stream,
        version,
        oldest,
        dest.compression.extension(),
        &mut sb.rng,
    );
    let body = dest.compression.apply(data, &file);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.pending.push_back(super::Batch {
        backup: true,
        ..super::Batch::sealed(
            &dest,
            format!("{folder}{file}"),
            body,
            data.len() as u64,
            records,
            oldest,
            now,
        )
    });
}
