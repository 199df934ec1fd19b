//! The Amazon OpenSearch Service destination (`AmazonopensearchserviceDestinationConfiguration`):
//! a sealed buffer becomes one bulk request to the domain (see `engine::opensearch`).
//!
//! - Each record is one document: UTF-8, a JSON object on one line. A record the domain
//!   refuses (not JSON, an array, several lines) fails on its own with OpenSearch's error
//!   (`mapper_parsing_exception`) and goes at once to the S3 bucket under
//!   `AmazonOpenSearchService-failed/`, one JSON document each (`attemptsMade`,
//!   `arrivalTimestamp`, `errorCode`, `errorMessage`, `attemptEndingTimestamp`,
//!   `esDocumentId`, `esIndexName`, `esTypeName`, `rawData`).
//! - The index is `IndexName` with the rotation's suffix from the arrival time:
//!   `-YYYY-MM-DD-HH` (OneHour), `-YYYY-MM-DD` (OneDay), `-YYYY-wWW` (OneWeek, the ISO week
//!   and its year), `-YYYY-MM` (OneMonth).
//! - `FIREHOSE_DEFAULT` gives each record an id that every attempt reuses, so a retry
//!   overwrites; `NO_DOCUMENT_ID` lets the domain make ids up, so a retry of a request the
//!   domain had indexed (an answer that came too late) duplicates the documents.
//! - A request that fails as a whole (the role lacks `es:ESHttpPost`/`es:ESHttpPut` on the
//!   domain, the domain is missing, deleted or not active yet, the answer times out) is tried
//!   again every 5 minutes while `RetryOptions.DurationInSeconds` (default 300) lasts; then
//!   its documents go to `AmazonOpenSearchService-failed/`.
//! - `S3BackupMode` `AllDocuments` also writes every record to the bucket.
//!
//! How the sandbox differs from AWS: the request is answered in the tick it is sent; every
//! record of a batch carries the batch's oldest arrival time (its index too); a Lambda
//! transformation and a VPC on this destination are not offered.

use super::delivery::log_error;
use super::errors::DeliveryError;
use super::metrics::FirehoseMetric;
use super::processing::{error_object, ErrorDoc, Failed, Held};
use super::{metric, BufferingHints, DeliveryStream};
use crate::engine::body::Body;
use crate::engine::iam::policy::Request;
use crate::engine::opensearch::{self, BulkItem};
use crate::engine::{ApiError, Caller, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

/// `RetryOptions.DurationInSeconds` when not given.
pub const DEFAULT_RETRY_S: u32 = 300;
/// Between two attempts of a failed request.
pub const RETRY_EVERY_S: u64 = 300;
/// The error output type of failed documents.
pub const ERROR_OUTPUT_TYPE: &str = "AmazonOpenSearchService-failed";
const SERVICE: &str = "firehose.amazonaws.com";

/// `IndexRotationPeriod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rotation {
    NoRotation,
    OneHour,
    OneDay,
    OneWeek,
    OneMonth,
}

impl Rotation {
    pub const ALL: [Rotation; 5] = [
        Rotation::NoRotation,
        Rotation::OneHour,
        Rotation::OneDay,
        Rotation::OneWeek,
        Rotation::OneMonth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rotation::NoRotation => "NoRotation",
            Rotation::OneHour => "OneHour",
            Rotation::OneDay => "OneDay",
            Rotation::OneWeek => "OneWeek",
            Rotation::OneMonth => "OneMonth",
        }
    }

    pub fn parse(s: &str) -> Option<Rotation> {
        Rotation::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The index a record that arrived `at` goes to.
    pub fn index_name(self, index: &str, at: SimTime) -> String {
        let t = at.to_datetime();
        let suffix = match self {
            Rotation::NoRotation => return index.to_string(),
            Rotation::OneHour => t.format("%Y-%m-%d-%H").to_string(),
            Rotation::OneDay => t.format("%Y-%m-%d").to_string(),
            Rotation::OneWeek => t.format("%G-w%V").to_string(),
            Rotation::OneMonth => t.format("%Y-%m").to_string(),
        };
        format!("{index}-{suffix}")
    }
}

/// `AmazonopensearchserviceDestinationConfiguration`, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSearchDestination {
    pub role_arn: String,
    pub domain_arn: Option<String>,
    pub cluster_endpoint: Option<String>,
    pub index_name: String,
    pub type_name: Option<String>,
    pub rotation: Rotation,
    pub buffering: BufferingHints,
    pub retry_s: u32,
    /// `S3BackupMode` `AllDocuments` (otherwise `FailedDocumentsOnly`).
    pub all_documents: bool,
    /// `DocumentIdOptions.DefaultDocumentIdFormat` `NO_DOCUMENT_ID` (otherwise
    /// `FIREHOSE_DEFAULT`).
    pub no_document_id: bool,
}

/// A sealed buffer on its way to the domain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSearchBatch {
    pub index: String,
    pub records: Vec<Record>,
    pub oldest_arrival: SimTime,
    pub first_attempt: SimTime,
    pub next_attempt: SimTime,
    pub attempts: u32,
}

/// A record and the id Firehose gives its document (kept for every attempt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
    pub id: String,
}

const PATH: &str = "amazonopensearchserviceDestinationConfiguration";

/// Reads a configuration (`base` given: an update, whose missing fields stay as they are);
/// its `S3Configuration` body (`S3Update`) is returned for the caller to read as the bucket's
/// settings.
pub(super) fn read<'a>(
    cfg: Body<'a>,
    base: Option<&OpenSearchDestination>,
) -> Result<(OpenSearchDestination, Option<Body<'a>>), ApiError> {
    let p = if base.is_some() {
        "amazonopensearchserviceDestinationUpdate"
    } else {
        PATH
    };
    let mut v = Validation::new();
    let role = cfg.string("RoleARN")?;
    let domain = cfg.string("DomainARN")?;
    let endpoint = cfg.string("ClusterEndpoint")?;
    let index = cfg.string("IndexName")?;
    let type_name = cfg.string("TypeName")?;
    if base.is_none() {
        v.required(role, &format!("{p}.roleARN"));
        v.required(index, &format!("{p}.indexName"));
    }
    v.optional_string(role, &format!("{p}.roleARN"), None, 1, 512);
    v.optional_string(domain, &format!("{p}.domainARN"), None, 1, 512);
    v.optional_string(endpoint, &format!("{p}.clusterEndpoint"), None, 1, 512);
    v.optional_string(index, &format!("{p}.indexName"), None, 1, 80);
    v.optional_string(type_name, &format!("{p}.typeName"), None, 0, 100);
    let rotation = v.one_of(
        cfg.string("IndexRotationPeriod")?,
        &format!("{p}.indexRotationPeriod"),
        &Rotation::ALL.map(Rotation::as_str),
    );
    let mut buffering = base.map_or(
        BufferingHints {
            size_mb: 5,
            interval_s: 300,
        },
        |b| b.buffering,
    );
    if let Some(h) = cfg.object("BufferingHints")? {
        if let Some(s) = h.integer("SizeInMBs")? {
            v.range(s, &format!("{p}.bufferingHints.sizeInMBs"), 1, 100);
            buffering.size_mb = s.clamp(1, 100) as u32;
        }
        if let Some(i) = h.integer("IntervalInSeconds")? {
            v.range(i, &format!("{p}.bufferingHints.intervalInSeconds"), 0, 900);
            buffering.interval_s = i.clamp(0, 900) as u32;
        }
    }
    let mut retry_s = base.map_or(DEFAULT_RETRY_S, |b| b.retry_s);
    if let Some(r) = cfg.object("RetryOptions")? {
        if let Some(s) = r.integer("DurationInSeconds")? {
            v.range(s, &format!("{p}.retryOptions.durationInSeconds"), 0, 7200);
            retry_s = s.clamp(0, 7200) as u32;
        }
    }
    let backup = v.one_of(
        cfg.string("S3BackupMode")?,
        &format!("{p}.s3BackupMode"),
        &["FailedDocumentsOnly", "AllDocuments"],
    );
    let mut no_document_id = base.is_some_and(|b| b.no_document_id);
    if let Some(d) = cfg.object("DocumentIdOptions")? {
        let f = v.one_of(
            d.string("DefaultDocumentIdFormat")?,
            &format!("{p}.documentIdOptions.defaultDocumentIdFormat"),
            &["FIREHOSE_DEFAULT", "NO_DOCUMENT_ID"],
        );
        v.required(f, &format!("{p}.documentIdOptions.defaultDocumentIdFormat"));
        no_document_id = f == Some("NO_DOCUMENT_ID");
    }
    let s3_field = if base.is_some() {
        "S3Update"
    } else {
        "S3Configuration"
    };
    let s3 = cfg.object(s3_field)?;
    if base.is_none() {
        v.required(s3, &format!("{p}.s3Configuration"));
    }
    v.finish()?;
    let (domain_arn, cluster_endpoint) = match (domain, endpoint, base) {
        (Some(_), Some(_), _) => {
            return Err(ApiError::invalid_argument(
                "Exactly one of DomainARN and ClusterEndpoint must be specified.",
            ))
        }
        (None, None, None) => {
            return Err(ApiError::invalid_argument(
                "Exactly one of DomainARN and ClusterEndpoint must be specified.",
            ))
        }
        (None, None, Some(b)) => (b.domain_arn.clone(), b.cluster_endpoint.clone()),
        (d, e, _) => (d.map(str::to_string), e.map(str::to_string)),
    };
    if let Some(d) = &domain_arn {
        let ok = d.starts_with("arn:") && d.contains(":es:") && d.contains(":domain/");
        if !ok {
            return Err(ApiError::invalid_argument(format!(
                "DomainARN {d} is not the ARN of an Amazon OpenSearch Service domain (arn:aws:es:<region>:<account>:domain/<name>)."
            )));
        }
    }
    if let Some(e) = &cluster_endpoint {
        if !e.starts_with("https://") {
            return Err(ApiError::invalid_argument(format!(
                "ClusterEndpoint {e} must be an https:// URL."
            )));
        }
    }
    if cfg.has("ProcessingConfiguration") || cfg.has("VpcConfiguration") {
        return Err(ApiError::invalid_argument(
            "ProcessingConfiguration and VpcConfiguration on an Amazon OpenSearch Service \
             destination are not available in the sandbox yet.",
        ));
    }
    if let (Some(b), Some(mode)) = (base, backup) {
        if (mode == "AllDocuments") != b.all_documents {
            return Err(ApiError::invalid_argument(
                "S3BackupMode can't be changed once the delivery stream is created.",
            ));
        }
    }
    let pick = |x: Option<&str>, old: Option<String>| x.map(str::to_string).or(old);
    Ok((
        OpenSearchDestination {
            role_arn: pick(role, base.map(|b| b.role_arn.clone())).unwrap_or_default(),
            domain_arn,
            cluster_endpoint,
            index_name: pick(index, base.map(|b| b.index_name.clone())).unwrap_or_default(),
            type_name: match type_name {
                Some(t) => Some(t.to_string()).filter(|t| !t.is_empty()),
                None => base.and_then(|b| b.type_name.clone()),
            },
            rotation: rotation
                .and_then(Rotation::parse)
                .or(base.map(|b| b.rotation))
                .unwrap_or(Rotation::OneDay),
            buffering,
            retry_s,
            all_documents: match backup {
                Some(m) => m == "AllDocuments",
                None => base.is_some_and(|b| b.all_documents),
            },
            no_document_id,
        },
        s3,
    ))
}

impl OpenSearchDestination {
    /// `AmazonopensearchserviceDestinationDescription`.
    pub fn describe(&self, s3: Value) -> Value {
        let mut out = json!({
            "RoleARN": self.role_arn,
            "IndexName": self.index_name,
            "IndexRotationPeriod": self.rotation.as_str(),
            "BufferingHints": {"SizeInMBs": self.buffering.size_mb, "IntervalInSeconds": self.buffering.interval_s},
            "RetryOptions": {"DurationInSeconds": self.retry_s},
            "S3BackupMode": if self.all_documents { "AllDocuments" } else { "FailedDocumentsOnly" },
            "S3DestinationDescription": s3,
            "ProcessingConfiguration": {"Enabled": false, "Processors": []},
            "DocumentIdOptions": {
                "DefaultDocumentIdFormat": if self.no_document_id { "NO_DOCUMENT_ID" } else { "FIREHOSE_DEFAULT" },
            },
        });
        if let Some(d) = &self.domain_arn {
            out["DomainARN"] = json!(d);
        }
        if let Some(e) = &self.cluster_endpoint {
            out["ClusterEndpoint"] = json!(e);
        }
        if let Some(t) = &self.type_name {
            out["TypeName"] = json!(t);
        }
        out
    }

    /// The domain's name, from its ARN or its endpoint.
    pub fn domain_name(&self, sb: &Sandbox) -> Option<String> {
        if let Some(arn) = &self.domain_arn {
            return arn.rsplit_once(":domain/").map(|(_, n)| n.to_string());
        }
        let e = self.cluster_endpoint.as_deref()?;
        sb.opensearch()
            .by_endpoint(e, &sb.config().region)
            .map(|d| d.name.clone())
    }

    /// The ARN the role's permissions are checked against.
    pub fn resource_arn(&self, sb: &Sandbox) -> String {
        match &self.domain_arn {
            Some(a) => a.clone(),
            None => match self.domain_name(sb) {
                Some(n) => sb.arn("es", &format!("domain/{n}")),
                None => self.cluster_endpoint.clone().unwrap_or_default(),
            },
        }
    }
}

/// The requests the role must be allowed: `es:ESHttpPost` and `es:ESHttpPut` on the domain's
/// `_bulk`.
pub(crate) fn requests(sb: &Sandbox, o: &OpenSearchDestination) -> Vec<Request> {
    let bulk = format!("{}/_bulk", o.resource_arn(sb));
    vec![
        Request::new("es:ESHttpPost", &bulk),
        Request::new("es:ESHttpPut", &bulk),
    ]
}

/// The buffer's records as a batch for the domain.
pub(super) fn seal(sb: &mut Sandbox, name: &str, buffer: super::Buffer, oldest: SimTime) {
    let now = sb.now;
    let Some(o) = sb
        .firehose
        .streams
        .get(name)
        .and_then(|d| d.opensearch.clone())
    else {
        return;
    };
    // Each record's document id: 56 digits (as the sequence numbers Firehose's ids start
    // with) and its place in the batch, the same on every attempt.
    let base: String = (0..56)
        .map(|_| char::from(b'0' + sb.rng.below(10) as u8))
        .collect();
    let mut records = Vec::with_capacity(buffer.lengths.len());
    let mut at = 0usize;
    for (i, len) in buffer.lengths.iter().enumerate() {
        let end = (at + *len as usize).min(buffer.data.len());
        records.push(Record {
            data: buffer.data[at..end].to_vec(),
            id: format!("{base}.{i}"),
        });
        at = end;
    }
    let index = o.rotation.index_name(&o.index_name, oldest);
    if o.all_documents {
        back_up(sb, name, &records, oldest);
    }
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let n = records.len() as u64;
    d.ledger.buffered -= n;
    d.ledger.awaiting_retry += n;
    d.opensearch_pending.push_back(OpenSearchBatch {
        index,
        records,
        oldest_arrival: oldest,
        first_attempt: now,
        next_attempt: now,
        attempts: 0,
    });
}

/// Attempts every batch that is due, in order.
pub(super) fn attempt_due(sb: &mut Sandbox, name: &str) {
    let mut i = 0;
    while let Some(b) = sb
        .firehose
        .streams
        .get(name)
        .and_then(|d| d.opensearch_pending.get(i))
    {
        if b.next_attempt <= sb.now && attempt(sb, name, i) {
            continue;
        }
        i += 1;
    }
}

/// Why a whole request failed, if it can't be sent: the role, then the domain.
fn precheck(sb: &Sandbox, o: &OpenSearchDestination) -> Result<String, (&'static str, String)> {
    let acct = &sb.config().account_id;
    for req in requests(sb, o) {
        if sb.iam.authorize(&o.role_arn, SERVICE, acct, &req).is_err() {
            return Err((
                "OS.AccessDenied",
                format!(
                    "Access was denied. Ensure that the role {} allows {} on {}.",
                    o.role_arn, req.action, req.resource
                ),
            ));
        }
    }
    let Some(name) = o.domain_name(sb) else {
        return Err((
            "OS.ResourceNotFound",
            "The specified Amazon OpenSearch Service domain does not exist.".into(),
        ));
    };
    match sb.opensearch().get(&name) {
        Some(d) if o.domain_arn.as_ref().is_none_or(|a| *a == d.arn) => {
            if d.deleting_until.is_some() {
                Err((
                    "OS.ResourceNotFound",
                    format!("The Amazon OpenSearch Service domain {name} is being deleted."),
                ))
            } else if !d.is_active(sb.now) {
                Err((
                    "OS.ConnectionFailed",
                    format!("Unable to connect to the domain {name}: it is still being created (Processing)."),
                ))
            } else {
                Ok(name)
            }
        }
        _ => Err((
            "OS.ResourceNotFound",
            "The specified Amazon OpenSearch Service domain does not exist.".into(),
        )),
    }
}

/// Sends batch `i`; returns whether it left the queue.
fn attempt(sb: &mut Sandbox, name: &str, i: usize) -> bool {
    let now = sb.now;
    let d = sb.firehose.streams.get(name).expect("present");
    let Some(o) = d.opensearch.clone() else {
        return false;
    };
    let b = d.opensearch_pending[i].clone();
    let attempts = b.attempts + 1;
    let failure = match precheck(sb, &o) {
        Err(f) => Some(f),
        Ok(domain) => {
            let type_name = o.type_name.clone();
            let items: Vec<BulkItem> = b
                .records
                .iter()
                .map(|r| BulkItem {
                    index: b.index.clone(),
                    type_name: type_name.clone(),
                    id: (!o.no_document_id).then(|| r.id.clone()),
                    source: &r.data,
                })
                .collect();
            let outcome = sb.call_typed(Caller::Firehose, opensearch::BULK, Some(&domain), |sb| {
                opensearch::bulk_typed(sb, &domain, &items)
            });
            match outcome {
                Err(e) => Some(("OS.ResourceNotFound", e.message().unwrap_or("").to_string())),
                Ok(out) if out.timed_out => Some((
                    "OS.RequestTimeout",
                    "Request to the Amazon OpenSearch Service cluster timed out. Ensure that the \
                     cluster has sufficient capacity for the current workload."
                        .to_string(),
                )),
                Ok(out) => {
                    let bytes: u64 = b.records.iter().map(|r| r.data.len() as u64).sum();
                    let mut failed = Vec::new();
                    let mut delivered = 0u64;
                    for (r, result) in b.records.iter().zip(&out.items) {
                        match result {
                            Ok(_) => delivered += 1,
                            Err((status, error)) => failed.push((r, *status, error.clone())),
                        }
                    }
                    let d = sb.firehose.streams.get_mut(name).expect("present");
                    d.opensearch_pending.remove(i);
                    d.ledger.awaiting_retry -= delivered;
                    d.ledger.delivered += delivered;
                    metric(
                        sb,
                        name,
                        FirehoseMetric::DeliveryToOpenSearchBytes,
                        bytes as f64,
                    );
                    metric(
                        sb,
                        name,
                        FirehoseMetric::DeliveryToOpenSearchRecords,
                        delivered as f64,
                    );
                    metric(sb, name, FirehoseMetric::DeliveryToOpenSearchSuccess, 1.0);
                    // Each refused document on its own, with OpenSearch's answer.
                    for (r, status, error) in failed {
                        let message = error.to_string();
                        log_error(
                            sb,
                            name,
                            DeliveryError::Http("OS.MalformedData"),
                            &format!("One or more records are malformed. Ensure that each record is single valid JSON object and that it does not contain newlines. {message}"),
                        );
                        to_error_output(
                            sb,
                            name,
                            &o,
                            &b.index,
                            vec![r.clone()],
                            b.oldest_arrival,
                            attempts,
                            &status.to_string(),
                            &message,
                        );
                    }
                    return true;
                }
            }
        }
    };
    let (code, message) = failure.expect("failed");
    metric(sb, name, FirehoseMetric::DeliveryToOpenSearchSuccess, 0.0);
    log_error(sb, name, DeliveryError::Http(code), &message);
    let next = now + Duration::from_secs(RETRY_EVERY_S);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    if next > b.first_attempt + Duration::from_secs(u64::from(o.retry_s)) {
        let batch = d.opensearch_pending.remove(i).expect("present");
        to_error_output(
            sb,
            name,
            &o,
            &batch.index,
            batch.records,
            batch.oldest_arrival,
            attempts,
            code,
            &message,
        );
        return true;
    }
    let batch = &mut d.opensearch_pending[i];
    batch.attempts = attempts;
    batch.next_attempt = next;
    false
}

/// Records to `AmazonOpenSearchService-failed/`, one document each.
#[allow(clippy::too_many_arguments)]
fn to_error_output(
    sb: &mut Sandbox,
    name: &str,
    o: &OpenSearchDestination,
    index: &str,
    records: Vec<Record>,
    oldest: SimTime,
    attempts: u32,
    code: &str,
    message: &str,
) {
    let docs: Vec<(Option<String>, String, String)> = records
        .iter()
        .map(|r| {
            (
                (!o.no_document_id).then(|| r.id.clone()),
                index.to_string(),
                o.type_name.clone().unwrap_or_default(),
            )
        })
        .collect();
    let failed = records
        .into_iter()
        .map(|r| Failed {
            arrival_ms: oldest.epoch_millis(),
            data: r.data,
        })
        .collect();
    error_object(
        sb,
        name,
        failed,
        attempts,
        code,
        message,
        ERROR_OUTPUT_TYPE,
        ErrorDoc::OpenSearch { docs: &docs },
        Held::AwaitingRetry,
    );
}

/// `AllDocuments`: the batch's records, one per line, as an object in the bucket too.
fn back_up(sb: &mut Sandbox, name: &str, records: &[Record], oldest: SimTime) {
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let mut data = Vec::new();
    for r in records {
        data.extend_from_slice(&r.data);
        if !r.data.ends_with(b"\n") {
            data.push(b'\n');
        }
    }
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
    let body = dest.compression.apply(&data, &file);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.pending.push_back(super::Batch {
        backup: true,
        ..super::Batch::sealed(
            &dest,
            format!("{folder}{file}"),
            body,
            data.len() as u64,
            records.len() as u64,
            oldest,
            now,
        )
    });
}

/// Whether the delivery stream delivers to OpenSearch.
pub(crate) fn is_on(d: &DeliveryStream) -> bool {
    d.opensearch.is_some()
}
