//! The Splunk destination (`SplunkDestinationConfiguration`): a sealed buffer becomes one POST
//! to the HEC (see `engine::splunk`, the simulated Splunk) — the records' bytes concatenated,
//! with no delimiter added — to the Raw endpoint (Splunk line-breaks it into events) or the
//! Event endpoint (the bytes must be HEC event JSON objects). Then Firehose waits for the
//! **indexer acknowledgement**:
//!
//! - acknowledged within `HECAcknowledgmentTimeoutInSeconds` (180–600, default 180): delivered;
//! - not acknowledged in time: `Splunk.AckTimeout` (the data may still have been indexed);
//! - refused (token, index, data format, server error) or no HEC at the URL: the error's code.
//!
//! The retry clock starts after the first error or acknowledgement timeout; retries follow
//! until `RetryOptions.DurationInSeconds` has passed, and an attempt under way when it runs
//! out is still waited for (its acknowledgement or its timeout). Then the records go to the S3
//! bucket under `splunk-failed/`, one JSON document each with `EventId`. `S3BackupMode`
//! `AllEvents` also writes every delivered batch to the bucket; it can be switched on later
//! by UpdateDestination, never off again.
//!
//! How the sandbox differs from AWS: the default retry duration (3600 s) and the wait between
//! retries (1 s doubling to at most 2 min, ±15 %, as the HTTP endpoint destination) are not
//! documented for Splunk; every record of a failed batch carries the batch's oldest arrival.

use super::delivery::log_error;
use super::errors::DeliveryError;
use super::metrics::FirehoseMetric;
use super::processing::{error_object, ErrorDoc, Failed, Held};
use super::{metric, BufferingHints};
use crate::engine::body::Body;
use crate::engine::splunk::{EndpointType, HecAnswer, HecRequest};
use crate::engine::{ApiError, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

/// `RetryOptions.DurationInSeconds` when not given. Unverified: AWS documents no default.
pub const DEFAULT_RETRY_S: u32 = 3600;
/// `HECAcknowledgmentTimeoutInSeconds` when not given (the console's default).
pub const DEFAULT_ACK_TIMEOUT_S: u32 = 180;
/// The longest wait between two attempts.
const MAX_BACKOFF_MS: i64 = 120_000;
/// The error output type of failed records.
pub const ERROR_OUTPUT_TYPE: &str = "splunk-failed";
/// The Lambda transformation's buffer size for Splunk when not given (256 KB).
const LAMBDA_BUFFER_MB: f64 = 0.25;

pub const ACK_TIMEOUT_MESSAGE: &str = "Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired. Despite the acknowledgement timeout, it's possible the data was indexed successfully in Splunk. Kinesis Firehose backs up in Amazon S3 data for which the acknowledgement timeout expired.";

/// `SplunkDestinationConfiguration`, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplunkDestination {
    pub hec_endpoint: String,
    pub endpoint_type: EndpointType,
    pub token: String,
    pub ack_timeout_s: u32,
    pub retry_s: u32,
    /// `S3BackupMode` `AllEvents` (otherwise `FailedEventsOnly`).
    pub all_events: bool,
    pub buffering: BufferingHints,
}

/// What a batch waits for once its request was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    /// The acknowledgement, due at `next_attempt`.
    Ack,
    /// Nothing comes in time: the acknowledgement timeout ends at `next_attempt`.
    AckTimeout,
}

/// A sealed buffer on its way to the HEC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplunkBatch {
    /// The start of the records' `EventId`s (`<id>.<n>`).
    pub event_id: String,
    pub records: Vec<Record>,
    pub oldest_arrival: SimTime,
    /// When the request now outstanding was sent (for the acknowledgement latency).
    pub sent: SimTime,
    pub next_attempt: SimTime,
    pub attempts: u32,
    /// When the retry clock started: the end of the first failed attempt.
    pub retry_from: Option<SimTime>,
    /// Set while a request is outstanding.
    pub waiting: Option<Waiting>,
    /// The last attempt's error code, while the batch waits to be retried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
}

impl SplunkBatch {
    /// Bytes in the batch.
    pub fn bytes(&self) -> u64 {
        self.records.iter().map(|r| r.data.len() as u64).sum()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
}

/// An error code the sandbox's HEC can cause, with Firehose's message (the KDF developer
/// guide's words).
pub fn error_message(code: &str) -> &'static str {
    match code {
        "Splunk.DisabledToken" => "The HEC token is disabled. Enable the token to allow data delivery to Splunk.",
        "Splunk.InvalidToken" => "The HEC token is invalid. Update Kinesis Firehose with a valid HEC token.",
        "Splunk.InvalidDataFormat" => "The data is not formatted correctly. To see how to properly format data for Raw or Event HEC endpoints, see Splunk Event Data.",
        "Splunk.InvalidIndex" => "The HEC token or input is configured with an invalid index. Check your index configuration and try again.",
        "Splunk.ServerError" => "Data delivery to Splunk failed due to a server error from the HEC node. Kinesis Firehose will retry sending the data if the retry duration in your Kinesis Firehose is greater than 0. If all the retries fail, Kinesis Firehose backs up the data to Amazon S3.",
        "Splunk.DisabledAck" => "Indexer acknowledgement is disabled for the HEC token. Enable indexer acknowledgement and try again. For more info, see Enable indexer acknowledgement.",
        "Splunk.AckTimeout" => ACK_TIMEOUT_MESSAGE,
        "Splunk.InvalidEndpoint" => "Could not connect to the HEC endpoint. Make sure that the HEC endpoint URL is valid and reachable from Kinesis Firehose.",
        _ => "Failed to deliver data to Splunk or to receive acknowledgment. Check your HEC health and try again.",
    }
}

fn range(v: &mut Validation, value: Option<i64>, path: &str, lo: i64, hi: i64) -> Option<u32> {
    let x = value?;
    v.range(x, path, lo, hi);
    Some(x.clamp(lo, hi) as u32)
}

/// Reads the configuration; its `S3Configuration` body is returned for the caller to read as
/// the bucket's settings, and its `ProcessingConfiguration` (if any) to be read as the
/// stream's.
pub(super) fn read<'a>(cfg: Body<'a>) -> Result<(SplunkDestination, Body<'a>), ApiError> {
    let p = "splunkDestinationConfiguration";
    let mut v = Validation::new();
    let endpoint = v.required(cfg.string("HECEndpoint")?, &format!("{p}.hECEndpoint"));
    if let Some(e) = endpoint {
        v.string(e, &format!("{p}.hECEndpoint"), None, 0, 2048);
    }
    let kind = v.required(
        cfg.string("HECEndpointType")?,
        &format!("{p}.hECEndpointType"),
    );
    let kind = v.one_of(kind, &format!("{p}.hECEndpointType"), &["Raw", "Event"]);
    let token = cfg.string("HECToken")?;
    if let Some(t) = token {
        v.string(t, &format!("{p}.hECToken"), None, 0, 2048);
    }
    let ack_timeout_s = range(
        &mut v,
        cfg.integer("HECAcknowledgmentTimeoutInSeconds")?,
        &format!("{p}.hECAcknowledgmentTimeoutInSeconds"),
        180,
        600,
    )
    .unwrap_or(DEFAULT_ACK_TIMEOUT_S);
    let mut retry_s = DEFAULT_RETRY_S;
    if let Some(r) = cfg.object("RetryOptions")? {
        if let Some(s) = range(
            &mut v,
            r.integer("DurationInSeconds")?,
            &format!("{p}.retryOptions.durationInSeconds"),
            0,
            7200,
        ) {
            retry_s = s;
        }
    }
    let mode = v.one_of(
        cfg.string("S3BackupMode")?,
        &format!("{p}.s3BackupMode"),
        &["FailedEventsOnly", "AllEvents"],
    );
    let all_events = mode == Some("AllEvents");
    let buffering = read_buffering(&mut v, cfg, p, None)?;
    let s3 = cfg.object("S3Configuration")?;
    v.required(s3, &format!("{p}.s3Configuration"));
    v.finish()?;
    if cfg.has("SecretsManagerConfiguration") {
        return Err(ApiError::invalid_argument(
            "SecretsManagerConfiguration is not available in the sandbox yet.",
        ));
    }
    let token = token.ok_or_else(|| {
        ApiError::invalid_argument("HECToken is required when Secrets Manager is not enabled.")
    })?;
    let (Some(endpoint), Some(kind), Some(s3)) = (endpoint, kind, s3) else {
        unreachable!("validated above")
    };
    Ok((
        SplunkDestination {
            hec_endpoint: endpoint.to_string(),
            endpoint_type: EndpointType::parse(kind).expect("validated"),
            token: token.to_string(),
            ack_timeout_s,
            retry_s,
            all_events,
            buffering,
        },
        s3,
    ))
}

/// `BufferingHints`: 0–60 s (default 60), 1–5 MB (default 5).
fn read_buffering(
    v: &mut Validation,
    cfg: Body,
    p: &str,
    base: Option<BufferingHints>,
) -> Result<BufferingHints, ApiError> {
    let mut buffering = base.unwrap_or(BufferingHints {
        size_mb: 5,
        interval_s: 60,
    });
    if let Some(h) = cfg.object("BufferingHints")? {
        let path = format!("{p}.bufferingHints");
        if let Some(s) = range(
            v,
            h.integer("SizeInMBs")?,
            &format!("{path}.sizeInMBs"),
            1,
            5,
        ) {
            buffering.size_mb = s;
        }
        if let Some(i) = range(
            v,
            h.integer("IntervalInSeconds")?,
            &format!("{path}.intervalInSeconds"),
            0,
            60,
        ) {
            buffering.interval_s = i;
        }
    }
    Ok(buffering)
}

/// Reads the `ProcessingConfiguration`; the Lambda processor's buffer defaults to 256 KB for
/// Splunk when `BufferSizeInMBs` isn't given.
pub(super) fn read_processing(
    cfg: Body,
) -> Result<Option<super::processing_config::Processing>, ApiError> {
    use super::processing_config::{Processing, Processor};
    let Some(p) = cfg.object("ProcessingConfiguration")? else {
        return Ok(None);
    };
    let path = "splunkDestinationConfiguration.processingConfiguration";
    let mut processing = Processing::read(p, path)?;
    let given = p
        .list("Processors")?
        .into_iter()
        .flatten()
        .filter_map(|proc| proc.get("Parameters")?.as_array())
        .flatten()
        .any(|param| param.get("ParameterName").and_then(Value::as_str) == Some("BufferSizeInMBs"));
    if !given {
        for proc in &mut processing.processors {
            if let Processor::Lambda(l) = proc {
                l.buffer_size_mb = LAMBDA_BUFFER_MB;
            }
        }
    }
    Ok(Some(processing))
}

/// `SplunkDestinationUpdate`: the fields given replace the current ones. `S3BackupMode` may
/// go from `FailedEventsOnly` to `AllEvents`, never back.
pub(super) fn update(cur: &SplunkDestination, u: Body) -> Result<SplunkDestination, ApiError> {
    let p = "splunkDestinationUpdate";
    let mut v = Validation::new();
    let mut out = cur.clone();
    if let Some(e) = u.string("HECEndpoint")? {
        v.string(e, &format!("{p}.hECEndpoint"), None, 0, 2048);
        out.hec_endpoint = e.to_string();
    }
    if let Some(k) = v.one_of(
        u.string("HECEndpointType")?,
        &format!("{p}.hECEndpointType"),
        &["Raw", "Event"],
    ) {
        if let Some(k) = EndpointType::parse(k) {
            out.endpoint_type = k;
        }
    }
    if let Some(t) = u.string("HECToken")? {
        v.string(t, &format!("{p}.hECToken"), None, 0, 2048);
        out.token = t.to_string();
    }
    if let Some(a) = range(
        &mut v,
        u.integer("HECAcknowledgmentTimeoutInSeconds")?,
        &format!("{p}.hECAcknowledgmentTimeoutInSeconds"),
        180,
        600,
    ) {
        out.ack_timeout_s = a;
    }
    if let Some(r) = u.object("RetryOptions")? {
        if let Some(s) = range(
            &mut v,
            r.integer("DurationInSeconds")?,
            &format!("{p}.retryOptions.durationInSeconds"),
            0,
            7200,
        ) {
            out.retry_s = s;
        }
    }
    let mode = v.one_of(
        u.string("S3BackupMode")?,
        &format!("{p}.s3BackupMode"),
        &["FailedEventsOnly", "AllEvents"],
    );
    out.buffering = read_buffering(&mut v, u, p, Some(cur.buffering))?;
    v.finish()?;
    match mode {
        Some("AllEvents") => out.all_events = true,
        Some("FailedEventsOnly") if cur.all_events => {
            return Err(ApiError::invalid_argument(
                "S3BackupMode can't be changed from AllEvents to FailedEventsOnly.",
            ))
        }
        _ => {}
    }
    Ok(out)
}

impl SplunkDestination {
    /// `SplunkDestinationDescription`.
    pub fn describe(&self, s3: Value, processing: Option<Value>) -> Value {
        let logging = s3["CloudWatchLoggingOptions"].clone();
        json!({
            "CloudWatchLoggingOptions": logging,
            "HECEndpoint": self.hec_endpoint,
            "HECEndpointType": self.endpoint_type.as_str(),
            "HECToken": self.token,
            "HECAcknowledgmentTimeoutInSeconds": self.ack_timeout_s,
            "RetryOptions": {"DurationInSeconds": self.retry_s},
            "S3BackupMode": if self.all_events { "AllEvents" } else { "FailedEventsOnly" },
            "S3DestinationDescription": s3,
            "BufferingHints": {"SizeInMBs": self.buffering.size_mb, "IntervalInSeconds": self.buffering.interval_s},
            "ProcessingConfiguration": processing.unwrap_or_else(|| json!({"Enabled": false, "Processors": []})),
        })
    }
}

/// A record id as Firehose gives them (56 digits).
fn event_id(sb: &mut Sandbox) -> String {
    let mut s = String::with_capacity(56);
    s.push('4');
    for _ in 0..55 {
        s.push(char::from(b'0' + sb.rng.below(10) as u8));
    }
    s
}

/// The buffer's records as a batch for the HEC.
pub(super) fn seal(sb: &mut Sandbox, name: &str, buffer: super::Buffer, oldest: SimTime) {
    let now = sb.now;
    let id = event_id(sb);
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
    d.splunk_pending.push_back(SplunkBatch {
        event_id: id,
        records,
        oldest_arrival: oldest,
        sent: now,
        next_attempt: now,
        attempts: 0,
        retry_from: None,
        waiting: None,
        last_error: None,
    });
}

/// Attempts every batch that is due (or whose acknowledgement or timeout is in), in order.
pub(super) fn attempt_due(sb: &mut Sandbox, name: &str) {
    let mut i = 0;
    while let Some(b) = sb
        .firehose
        .streams
        .get(name)
        .and_then(|d| d.splunk_pending.get(i))
    {
        if b.next_attempt <= sb.now && attempt(sb, name, i) {
            continue;
        }
        i += 1;
    }
}

/// The error code for an answer that isn't an acceptance.
fn code_of(answer: &HecAnswer) -> &'static str {
    match answer {
        HecAnswer::NoConnection => "Splunk.InvalidEndpoint",
        HecAnswer::Answered { code, status, .. } => match (status, code) {
            (_, 4) => "Splunk.InvalidToken",
            (_, 1) => "Splunk.DisabledToken",
            (_, 14) => "Splunk.DisabledAck",
            (_, 6) => "Splunk.InvalidDataFormat",
            (_, 7) => "Splunk.InvalidIndex",
            _ => "Splunk.ServerError",
        },
    }
}

/// Sends batch `i`, or settles its outstanding request; returns whether it left the queue.
fn attempt(sb: &mut Sandbox, name: &str, i: usize) -> bool {
    let now = sb.now;
    let d = sb.firehose.streams.get(name).expect("present");
    let Some(s) = d.splunk.clone() else {
        return false;
    };
    let b = d.splunk_pending[i].clone();
    match b.waiting {
        Some(Waiting::Ack) => {
            delivered(sb, name, i, &s, &b);
            return true;
        }
        Some(Waiting::AckTimeout) => return failed(sb, name, i, &s, "Splunk.AckTimeout"),
        None => {}
    }
    let mut body = Vec::with_capacity(b.bytes() as usize);
    for r in &b.records {
        body.extend_from_slice(&r.data);
    }
    let answer = sb.hec_receive(HecRequest {
        endpoint: &s.hec_endpoint,
        endpoint_type: s.endpoint_type,
        token: &s.token,
        body: &body,
    });
    let timeout = Duration::from_secs(u64::from(s.ack_timeout_s));
    match answer {
        HecAnswer::Answered {
            ack_in: Some(ack_in),
            ..
        } => {
            let d = sb.firehose.streams.get_mut(name).expect("present");
            let batch = &mut d.splunk_pending[i];
            batch.sent = now;
            if ack_in.is_zero() {
                let b = batch.clone();
                delivered(sb, name, i, &s, &b);
                return true;
            }
            if ack_in <= timeout {
                batch.waiting = Some(Waiting::Ack);
                batch.next_attempt = now + ack_in;
            } else {
                batch.waiting = Some(Waiting::AckTimeout);
                batch.next_attempt = now + timeout;
            }
            false
        }
        other => failed(sb, name, i, &s, code_of(&other)),
    }
}

/// Batch `i` is acknowledged: delivered (and backed up with `AllEvents`).
fn delivered(sb: &mut Sandbox, name: &str, i: usize, s: &SplunkDestination, b: &SplunkBatch) {
    let now = sb.now;
    let n = b.records.len() as u64;
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.splunk_pending.remove(i);
    d.ledger.awaiting_retry -= n;
    d.ledger.delivered += n;
    metric(
        sb,
        name,
        FirehoseMetric::DeliveryToSplunkBytes,
        b.bytes() as f64,
    );
    metric(sb, name, FirehoseMetric::DeliveryToSplunkRecords, n as f64);
    metric(sb, name, FirehoseMetric::DeliveryToSplunkSuccess, 1.0);
    metric(
        sb,
        name,
        FirehoseMetric::DeliveryToSplunkDataAckLatency,
        now.since(b.sent).as_secs_f64(),
    );
    metric(
        sb,
        name,
        FirehoseMetric::DeliveryToSplunkDataFreshness,
        now.since(b.oldest_arrival).as_secs() as f64,
    );
    if s.all_events {
        let mut data = Vec::with_capacity(b.bytes() as usize);
        for r in &b.records {
            data.extend_from_slice(&r.data);
        }
        super::http_endpoint::back_up_bytes(sb, name, &data, n, b.oldest_arrival);
    }
}

/// Batch `i`'s attempt failed with `code` now: logged, then retried or given up. Returns
/// whether the batch left the queue.
fn failed(
    sb: &mut Sandbox,
    name: &str,
    i: usize,
    s: &SplunkDestination,
    code: &'static str,
) -> bool {
    let now = sb.now;
    let message = error_message(code);
    metric(sb, name, FirehoseMetric::DeliveryToSplunkSuccess, 0.0);
    log_error(sb, name, DeliveryError::Splunk(code), message);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    let batch = &mut d.splunk_pending[i];
    batch.attempts += 1;
    batch.waiting = None;
    batch.last_error = Some(code.to_string());
    let from = *batch.retry_from.get_or_insert(now);
    if now >= from + Duration::from_secs(u64::from(s.retry_s)) {
        give_up(sb, name, i, code, message);
        return true;
    }
    // 1 s, doubling, ±15 %, at most 2 min (not documented for Splunk).
    let attempts = batch.attempts;
    let base = (1000i64 << (attempts - 1).min(20)).min(MAX_BACKOFF_MS);
    let jitter = 0.85 + 0.3 * sb.rng.unit_f64();
    let wait = ((base as f64 * jitter) as i64).min(MAX_BACKOFF_MS);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.splunk_pending[i].next_attempt = SimTime::from_millis(now.epoch_millis() + wait);
    false
}

/// Batch `i`'s records to the error output, after its last attempt.
fn give_up(sb: &mut Sandbox, name: &str, i: usize, code: &str, message: &str) {
    let Some(batch) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.splunk_pending.remove(i))
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
        ErrorDoc::Splunk {
            event_id: &batch.event_id,
        },
        Held::AwaitingRetry,
    );
}

/// Why a delivery stream's HEC batches wait for a retry: the last error of the first one that
/// does, if any.
pub fn failing(d: &super::DeliveryStream) -> Option<&str> {
    d.splunk_pending
        .iter()
        .find(|b| b.waiting.is_none())
        .and_then(|b| b.last_error.as_deref())
}

/// What the HEC batches of a delivery stream are doing, for the pages: (waiting for an
/// acknowledgement, waiting to be retried).
pub fn waiting(d: &super::DeliveryStream) -> (usize, usize) {
    let acks = d
        .splunk_pending
        .iter()
        .filter(|b| b.waiting.is_some())
        .count();
    (acks, d.splunk_pending.len() - acks)
}

/// After the `S3Configuration` is read as the stream's `destination`: the Splunk
/// configuration's own `ProcessingConfiguration` and `CloudWatchLoggingOptions` go there too.
pub(super) fn complete(cfg: Body, dest: &mut super::S3Destination) -> Result<(), ApiError> {
    if let Some(p) = read_processing(cfg)? {
        dest.processing = Some(p);
    }
    if let Some(l) = cfg.object("CloudWatchLoggingOptions")? {
        dest.logging.enabled = l.boolean("Enabled")?.unwrap_or(false);
        if let Some(g) = l.string("LogGroupName")? {
            dest.logging.log_group = g.to_string();
        }
        if let Some(s) = l.string("LogStreamName")? {
            dest.logging.log_stream = s.to_string();
        }
    }
    Ok(())
}

/// UpdateDestination of a Splunk destination (the version and state already checked).
pub(super) fn update_destination(
    sb: &mut Sandbox,
    name: &str,
    body: Body,
) -> Result<Value, ApiError> {
    let d = sb.firehose.streams.get(name).expect("checked");
    let (Some(cur), Some(u)) = (d.splunk.clone(), body.object("SplunkDestinationUpdate")?) else {
        return Err(ApiError::invalid_argument(
            "Changing the destination type of a delivery stream to or from Splunk is not available in the sandbox yet.",
        ));
    };
    let updated = update(&cur, u)?;
    let mut dest = d.destination.clone();
    if let Some(s3) = u.object("S3Update")? {
        dest = super::read_destination(
            sb,
            name,
            s3,
            false,
            "splunkDestinationUpdate.s3Update",
            Some(&dest),
        )?;
        dest.processing = d.destination.processing.clone();
    }
    complete(u, &mut dest)?;
    let now = sb.now;
    if dest.logging.enabled {
        sb.cloudwatch
            .ensure_log_stream(&dest.logging.log_group, &dest.logging.log_stream, now);
    }
    let d = sb.firehose.streams.get_mut(name).expect("checked");
    d.splunk = Some(updated);
    d.destination = dest;
    d.version += 1;
    d.last_update = now;
    super::delivery::deliver_due(sb, name);
    Ok(json!({}))
}
