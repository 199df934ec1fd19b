//! Data transformation with Lambda: records wait in the processor's own buffer (1 MB or 60 s
//! by default), then Firehose invokes the function synchronously with the event AWS
//! documents. The answer is checked as Firehose checks it — every record id back once,
//! `Ok` / `Dropped` / `ProcessingFailed`, base64 data — and each record goes on: transformed
//! into the destination's buffer, dropped (counted), or into an error object under
//! `processing-failed/`. A failed invocation is retried `NumberOfRetries` times, then the
//! whole batch goes to the error output. Nothing is lost on the way: see the ledger.
//!
//! The function runs through Lambda's effect (`lambda::invoke`): while it runs the sandbox's
//! clock waits, so the answer lands at the simulated moment the batch was sent.

use super::delivery;
use super::errors::{DeliveryError, LambdaError};
use super::metrics::FirehoseMetric;
use super::partition::{keys_from_json, Keys};
use super::{metric, prefix, Batch};
use crate::engine::iam::policy::Request;
use crate::engine::iam::RoleDenial;
use crate::engine::lambda::{self, Lambda, Outcome, Purpose, RunRequest};
use crate::engine::{Caller, Sandbox, SimTime};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;
const SERVICE: &str = "firehose.amazonaws.com";

/// Where a record read from a Kinesis data stream came from (`kinesisRecordMetadata`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KinesisMeta {
    pub sequence_number: String,
    pub partition_key: String,
    pub shard_id: String,
    pub arrival_ms: i64,
}

/// A record waiting for (or in) a transformation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staged {
    pub id: String,
    pub arrival_ms: i64,
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
    pub kinesis: Option<KinesisMeta>,
}

/// A batch sent to the function (or waiting to be sent again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InFlight {
    pub records: Vec<Staged>,
    /// Invocations that failed so far.
    pub attempts: u32,
    pub next_attempt: SimTime,
    /// Sent, waiting for the function's answer.
    pub running: bool,
}

/// The Lambda processor's buffer and the batches it has sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LambdaStage {
    pub buffer: Vec<Staged>,
    pub bytes: u64,
    pub oldest: Option<SimTime>,
    pub batches: BTreeMap<u64, InFlight>,
    pub next_batch: u64,
}

impl LambdaStage {
    /// Records in the buffer and in batches.
    pub fn records(&self) -> u64 {
        (self.buffer.len()
            + self
                .batches
                .values()
                .map(|b| b.records.len())
                .sum::<usize>()) as u64
    }
}

/// What the stage looks like, for the delivery stream's page.
#[derive(Debug, Clone, PartialEq)]
pub struct StageGauge {
    pub buffered_records: usize,
    pub buffered_bytes: u64,
    pub size_limit_bytes: u64,
    pub interval_s: u32,
    pub seconds_until_invoke: Option<u64>,
    pub batches_running: usize,
    pub batches_waiting_retry: usize,
}

impl Sandbox {
    /// The transformation's buffer and batches, when the delivery stream has one.
    pub fn firehose_stage(&self, name: &str) -> Option<StageGauge> {
        let d = self.firehose.get(name)?;
        let lp = d.destination.processing.as_ref()?.lambda()?;
        let st = &d.stage;
        let interval = Duration::from_secs(u64::from(lp.buffer_interval_s));
        Some(StageGauge {
            buffered_records: st.buffer.len(),
            buffered_bytes: st.bytes,
            size_limit_bytes: (lp.buffer_size_mb * 1_048_576.0) as u64,
            interval_s: lp.buffer_interval_s,
            seconds_until_invoke: st.oldest.map(|t| (t + interval).since(self.now).as_secs()),
            batches_running: st.batches.values().filter(|b| b.running).count(),
            batches_waiting_retry: st.batches.values().filter(|b| !b.running).count(),
        })
    }
}

/// Takes a record into the processor's buffer, and sends the buffer when it is full.
pub(crate) fn stage(sb: &mut Sandbox, name: &str, record: Staged) {
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let limit = d
        .destination
        .processing
        .as_ref()
        .and_then(|p| p.lambda())
        .map_or(1_048_576, |l| (l.buffer_size_mb * 1_048_576.0) as u64);
    d.ledger.accepted += 1;
    d.ledger.processing += 1;
    d.stage.bytes += record.data.len() as u64;
    d.stage
        .oldest
        .get_or_insert(SimTime::from_millis(record.arrival_ms));
    d.stage.buffer.push(record);
    if d.stage.bytes >= limit {
        seal(sb, name);
    }
}

/// The clock's turn: sends the buffer once its interval has passed, and retries batches due.
pub(crate) fn tick(sb: &mut Sandbox, name: &str) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let interval = d
        .destination
        .processing
        .as_ref()
        .and_then(|p| p.lambda())
        .map_or(60, |l| l.buffer_interval_s);
    if d.stage
        .oldest
        .is_some_and(|t| now >= t + Duration::from_secs(u64::from(interval)))
    {
        seal(sb, name);
    }
    let due: Vec<u64> = sb.firehose.streams[name]
        .stage
        .batches
        .iter()
        .filter(|(_, b)| !b.running && b.next_attempt <= now)
        .map(|(id, _)| *id)
        .collect();
    for id in due {
        invoke(sb, name, id);
    }
}

/// The buffer becomes a batch, sent at once.
fn seal(sb: &mut Sandbox, name: &str) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if d.stage.buffer.is_empty() {
        return;
    }
    let records = std::mem::take(&mut d.stage.buffer);
    d.stage.bytes = 0;
    d.stage.oldest = None;
    let id = d.stage.next_batch;
    d.stage.next_batch += 1;
    d.stage.batches.insert(
        id,
        InFlight {
            records,
            attempts: 0,
            next_attempt: now,
            running: false,
        },
    );
    invoke(sb, name, id);
}

/// The event Firehose sends (`records`, and `sourceKinesisStreamArn` for a stream source).
fn event(sb: &mut Sandbox, name: &str, batch: &InFlight) -> String {
    let d = &sb.firehose.streams[name];
    let records: Vec<Value> = batch
        .records
        .iter()
        .map(|r| {
            let mut v = json!({
                "recordId": r.id,
                "approximateArrivalTimestamp": r.arrival_ms,
                "data": B64.encode(&r.data),
            });
            if let Some(k) = &r.kinesis {
                v["kinesisRecordMetadata"] = json!({
                    "sequenceNumber": k.sequence_number,
                    "subsequenceNumber": 0,
                    "partitionKey": k.partition_key,
                    "shardId": k.shard_id,
                    "approximateArrivalTimestamp": k.arrival_ms,
                });
            }
            v
        })
        .collect();
    let mut event = json!({
        "invocationId": "",
        "deliveryStreamArn": d.arn,
        "region": sb.config.region,
        "records": records,
    });
    if let Some(src) = &d.source {
        event["sourceKinesisStreamArn"] = json!(src.consumer.stream_arn);
    }
    let hex = |sb: &mut Sandbox, n: usize| sb.rng.string_from(b"0123456789abcdef", n);
    let id = format!(
        "{}-{}-4{}-a{}-{}",
        hex(sb, 8),
        hex(sb, 4),
        hex(sb, 3),
        hex(sb, 3),
        hex(sb, 12)
    );
    event["invocationId"] = json!(id);
    event.to_string()
}

/// Sends batch `id` to the function, unless the role or the function stops it first.
fn invoke(sb: &mut Sandbox, name: &str, id: u64) {
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let Some(lp) = d
        .destination
        .processing
        .as_ref()
        .and_then(|p| p.lambda())
        .cloned()
    else {
        // Transformation was turned off: the batch goes on as it is.
        let batch = sb
            .firehose
            .streams
            .get_mut(name)
            .and_then(|d| d.stage.batches.remove(&id));
        for r in batch.into_iter().flat_map(|b| b.records) {
            delivery::accept_processed(sb, name, &r.data, None, r.arrival_ms);
        }
        return;
    };
    let role = lp
        .role_arn
        .clone()
        .unwrap_or_else(|| d.destination.role_arn.clone());
    let function = Lambda::name_of(&lp.arn).to_string();
    let unqualified = sb.arn("lambda", &format!("function:{function}"));
    let account = sb.config.account_id.clone();
    // The function as the processor names it (often with `:$LATEST`), or unqualified.
    let given = if lp.arn.starts_with("arn:") {
        lp.arn.clone()
    } else {
        unqualified.clone()
    };
    let check = |action: &str| {
        let first = sb.iam.authorize(
            &role,
            SERVICE,
            &account,
            &Request::new(action, &unqualified),
        );
        match first {
            Err(RoleDenial::Denied(_)) => {
                sb.iam
                    .authorize(&role, SERVICE, &account, &Request::new(action, &given))
            }
            other => other,
        }
    };
    let refused = match (
        check("lambda:InvokeFunction"),
        check("lambda:GetFunctionConfiguration"),
    ) {
        (Ok(_), Ok(_)) => None,
        (Err(RoleDenial::NoSuchRole | RoleDenial::NotAssumable), _)
        | (_, Err(RoleDenial::NoSuchRole | RoleDenial::NotAssumable)) => {
            Some(LambdaError::AssumeRoleAccessDenied)
        }
        _ => Some(LambdaError::InvokeAccessDenied),
    };
    let refused = refused.or_else(|| {
        sb.lambda
            .function(&function)
            .is_none()
            .then_some(LambdaError::ResourceNotFound)
    });
    if let Some(e) = refused {
        failed(sb, name, id, e, lp.retries, &lp.arn);
        return;
    }
    let batch = sb.firehose.streams[name].stage.batches[&id].clone();
    let event = event(sb, name, &batch);
    let Some(run) = lambda::request_run(sb, &function, event) else {
        failed(
            sb,
            name,
            id,
            LambdaError::ResourceNotFound,
            lp.retries,
            &lp.arn,
        );
        return;
    };
    if let Some(b) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.stage.batches.get_mut(&id))
    {
        b.running = true;
    }
    lambda::start_run(
        sb,
        Caller::Firehose,
        run,
        Purpose::Firehose {
            stream: name.to_string(),
            batch: id,
        },
    );
}

/// A record's answer from the function.
enum Answer {
    /// The transformed data, and the record's `metadata.partitionKeys` if it has them.
    Ok(Vec<u8>, Option<Keys>),
    Dropped,
    ProcessingFailed,
}

/// The function's answer checked against the records sent, as Firehose checks it.
fn check_answer(sent: &[Staged], payload: &str) -> Result<BTreeMap<String, Answer>, LambdaError> {
    let v: Value =
        serde_json::from_str(payload).map_err(|_| LambdaError::JsonProcessingException)?;
    let items = v
        .get("records")
        .and_then(Value::as_array)
        .ok_or(LambdaError::JsonProcessingException)?;
    let expected: BTreeSet<&str> = sent.iter().map(|r| r.id.as_str()).collect();
    let mut answers = BTreeMap::new();
    for item in items {
        let id = item
            .get("recordId")
            .and_then(Value::as_str)
            .ok_or(LambdaError::JsonProcessingException)?;
        let answer = match item.get("result").and_then(Value::as_str) {
            Some("Ok") => {
                let data = item
                    .get("data")
                    .and_then(Value::as_str)
                    .ok_or(LambdaError::JsonProcessingException)?;
                let keys = item
                    .get("metadata")
                    .and_then(|m| m.get("partitionKeys"))
                    .and_then(|k| keys_from_json(k).ok());
                Answer::Ok(
                    B64.decode(data)
                        .map_err(|_| LambdaError::JsonProcessingException)?,
                    keys,
                )
            }
            Some("Dropped") => Answer::Dropped,
            Some("ProcessingFailed") => Answer::ProcessingFailed,
            _ => return Err(LambdaError::JsonProcessingException),
        };
        if !expected.contains(id) {
            return Err(LambdaError::MissingRecordId);
        }
        if answers.insert(id.to_string(), answer).is_some() {
            return Err(LambdaError::DuplicatedRecordId);
        }
    }
    if answers.len() != expected.len() {
        return Err(LambdaError::MissingRecordId);
    }
    Ok(answers)
}

/// What Firehose makes of a function's answer to records `ids`: how many are delivered,
/// dropped and failed (`ProcessingFailed`), or the error that fails the whole invocation —
/// the same check a delivery stream applies (for computed quiz questions).
pub fn judge_answer(ids: &[&str], payload: &str) -> Result<(u32, u32, u32), LambdaError> {
    let sent: Vec<Staged> = ids
        .iter()
        .map(|id| Staged {
            id: (*id).to_string(),
            arrival_ms: 0,
            data: Vec::new(),
            kinesis: None,
        })
        .collect();
    let answers = check_answer(&sent, payload)?;
    let mut counts = (0, 0, 0);
    for a in answers.values() {
        match a {
            Answer::Ok(..) => counts.0 += 1,
            Answer::Dropped => counts.1 += 1,
            Answer::ProcessingFailed => counts.2 += 1,
        }
    }
    Ok(counts)
}

/// The function's answer for batch `id` of delivery stream `name`.
pub(crate) fn transformed(
    sb: &mut Sandbox,
    name: &str,
    id: u64,
    _run: &RunRequest,
    outcome: Outcome,
) {
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let Some(batch) = d.stage.batches.get(&id) else {
        return;
    };
    let (retries, arn) = d
        .destination
        .processing
        .as_ref()
        .and_then(|p| p.lambda())
        .map_or((3, String::new()), |l| (l.retries, l.arn.clone()));
    let answers = match &outcome.result {
        Err(_) => Err(LambdaError::FunctionError),
        Ok(payload) => check_answer(&batch.records, payload),
    };
    metric(
        sb,
        name,
        FirehoseMetric::ExecuteProcessingDuration,
        outcome.duration_ms,
    );
    let answers = match answers {
        Ok(a) => a,
        Err(e) => {
            metric(sb, name, FirehoseMetric::ExecuteProcessingSuccess, 0.0);
            failed(sb, name, id, e, retries, &arn);
            return;
        }
    };
    metric(sb, name, FirehoseMetric::ExecuteProcessingSuccess, 1.0);
    let batch = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.stage.batches.remove(&id))
        .expect("checked above");
    let mut answers = answers;
    let (mut ok, mut ok_bytes, mut dropped) = (0u64, 0u64, 0u64);
    let mut failures = Vec::new();
    for r in batch.records {
        match answers.remove(&r.id).expect("every id answered") {
            Answer::Ok(data, keys) => {
                ok += 1;
                ok_bytes += data.len() as u64;
                delivery::accept_processed(sb, name, &data, keys, r.arrival_ms);
            }
            Answer::Dropped => dropped += 1,
            Answer::ProcessingFailed => failures.push(r),
        }
    }
    if let Some(d) = sb.firehose.streams.get_mut(name) {
        d.ledger.processing -= dropped;
        d.ledger.dropped += dropped;
    }
    metric(
        sb,
        name,
        FirehoseMetric::SucceedProcessingRecords,
        (ok + dropped) as f64,
    );
    metric(
        sb,
        name,
        FirehoseMetric::SucceedProcessingBytes,
        ok_bytes as f64,
    );
    if !failures.is_empty() {
        let attempts = batch.attempts + 1;
        error_output(
            sb,
            name,
            failures,
            attempts,
            LambdaError::ProcessingFailed,
            &arn,
        );
    }
}

/// An invocation that failed: logged, then retried, or, once the retries are spent, the whole
/// batch goes to the error output.
fn failed(sb: &mut Sandbox, name: &str, id: u64, e: LambdaError, retries: u32, arn: &str) {
    delivery::log_error(sb, name, DeliveryError::Lambda(e), e.message());
    let now = sb.now;
    let Some(b) = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.stage.batches.get_mut(&id))
    else {
        return;
    };
    b.attempts += 1;
    b.running = false;
    if b.attempts <= retries {
        b.next_attempt = now + Duration::from_secs(1);
        return;
    }
    let attempts = b.attempts;
    let b = sb
        .firehose
        .streams
        .get_mut(name)
        .and_then(|d| d.stage.batches.remove(&id))
        .expect("present");
    error_output(sb, name, b.records, attempts, e, arn);
}

/// The error document's own fields: a transformation's (`errorCode`, `errorMessage`, the
/// function's ARN) or a format conversion's (`lastErrorCode`, `lastErrorMessage`,
/// `dataCatalogTable`).
pub(crate) enum ErrorDoc<'a> {
    Processing {
        lambda_arn: Option<&'a str>,
    },
    Conversion {
        table: Value,
    },
    /// An HTTP endpoint's failed record: the request's id as `dataId`.
    Http {
        request_id: &'a str,
    },
    /// A Splunk destination's failed record: `EventId`, the batch's id and the record's index.
    Splunk {
        event_id: &'a str,
    },
    /// An OpenSearch document: its id (none when the domain makes ids up), index and type,
    /// per record.
    OpenSearch {
        docs: &'a [(Option<String>, String, String)],
    },
}

/// Where the records of an error object were counted until now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    Processing,
    Buffer,
    AwaitingRetry,
}

/// A record that goes to the error output: when it arrived, and its bytes as they arrived.
pub(crate) struct Failed {
    pub arrival_ms: i64,
    pub data: Vec<u8>,
}

/// Records the transformation failed, as one error object under `processing-failed`.
fn error_output(
    sb: &mut Sandbox,
    name: &str,
    records: Vec<Staged>,
    attempts: u32,
    e: LambdaError,
    arn: &str,
) {
    let records = records
        .into_iter()
        .map(|r| Failed {
            arrival_ms: r.arrival_ms,
            data: r.data,
        })
        .collect();
    error_object(
        sb,
        name,
        records,
        attempts,
        e.code(),
        e.message(),
        "processing-failed",
        ErrorDoc::Processing {
            lambda_arn: Some(arn),
        },
        Held::Processing,
    );
}

/// Failed records as one error object (one JSON document per line) under the error prefix
/// with `output_type` (`processing-failed`, `metadata-extraction-failed`, …), then delivered
/// like any object. They leave where they were counted (`from`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn error_object(
    sb: &mut Sandbox,
    name: &str,
    records: Vec<Failed>,
    attempts: u32,
    code: &str,
    message: &str,
    output_type: &str,
    doc: ErrorDoc,
    from: Held,
) {
    let now = sb.now;
    let mut body = Vec::new();
    for (index, r) in records.iter().enumerate() {
        // The fields a processing failure and an HTTP endpoint failure share.
        let common = || {
            json!({
                "attemptsMade": attempts,
                "arrivalTimestamp": r.arrival_ms,
                "errorCode": code,
                "errorMessage": message,
                "attemptEndingTimestamp": now.epoch_millis(),
                "rawData": B64.encode(&r.data),
            })
        };
        let document = match &doc {
            ErrorDoc::Processing { lambda_arn } => {
                let mut d = common();
                if let Some(arn) = lambda_arn {
                    d["lambdaArn"] = json!(arn);
                }
                d
            }
            ErrorDoc::OpenSearch { docs } => {
                let mut d = common();
                let (id, index, type_name) = &docs[index];
                d["esDocumentId"] = json!(id);
                d["esIndexName"] = json!(index);
                d["esTypeName"] = json!(type_name);
                d
            }
            ErrorDoc::Http { request_id } => {
                let mut d = common();
                d["subsequenceNumber"] = json!(index);
                d["dataId"] = json!(request_id);
                d
            }
            ErrorDoc::Splunk { event_id } => {
                let mut d = common();
                d["EventId"] = json!(format!("{event_id}.{index}"));
                d
            }
            ErrorDoc::Conversion { table } => json!({
                "attemptsMade": attempts,
                "arrivalTimestamp": r.arrival_ms,
                "lastErrorCode": code,
                "lastErrorMessage": message,
                "attemptEndingTimestamp": now.epoch_millis(),
                "rawData": B64.encode(&r.data),
                "dataCatalogTable": table,
            }),
        };
        body.extend_from_slice(document.to_string().as_bytes());
        body.push(b'\n');
    }
    let n = records.len() as u64;
    let oldest = records
        .iter()
        .map(|r| r.arrival_ms)
        .min()
        .map_or(now, SimTime::from_millis);
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let dest = d.destination.clone();
    let (stream, version) = (d.name.clone(), d.version);
    let folder = error_folder(
        dest.prefix.as_deref(),
        dest.error_output_prefix.as_deref(),
        output_type,
        oldest,
        sb,
    );
    let file = prefix::object_name(&stream, version, oldest, "", &mut sb.rng);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    match from {
        Held::Processing => d.ledger.processing -= n,
        Held::Buffer => d.ledger.buffered -= n,
        Held::AwaitingRetry => d.ledger.awaiting_retry -= n,
    }
    d.ledger.awaiting_retry += n;
    let raw_bytes = body.len() as u64;
    d.pending.push_back(Batch {
        error_output: true,
        ..Batch::sealed(
            &dest,
            format!("{folder}{file}"),
            body,
            raw_bytes,
            n,
            oldest,
            now,
        )
    });
    delivery::deliver_due(sb, name);
}

/// Where error objects go: the `ErrorOutputPrefix` evaluated with the error output type, or
/// without one, the type and the hour after the plain `Prefix`.
fn error_folder(
    prefix: Option<&str>,
    error_prefix: Option<&str>,
    output_type: &str,
    at: SimTime,
    sb: &mut Sandbox,
) -> String {
    match error_prefix {
        Some(p) => prefix::evaluate(Some(p), at, Some(output_type), &mut sb.rng),
        None => {
            let plain = prefix.filter(|p| !p.contains("!{")).unwrap_or("");
            let hour = prefix::format_time("yyyy/MM/dd/HH/", at).unwrap_or_default();
            format!("{plain}{output_type}/{hour}")
        }
    }
}
