//! Buffering and S3 delivery: records wait in the buffer until its size or interval is
//! reached, then become an object; every S3 (and KMS, and Logs) action is checked against the
//! delivery role first, and a refused delivery is logged and retried for up to 24 hours with
//! nothing lost meanwhile.

use super::errors::DeliveryError;
use super::metrics::FirehoseMetric;
use super::partition::Keys;
use super::{
    amazon_opensearch, converting, http_endpoint, metric, partitioned, prefix, processing,
    redshift, splunk, unpack, Batch, DeliveryStream, S3_RETRY_MS,
};
use crate::engine::iam::policy::Request;
use crate::engine::iam::{RoleDenial, Verdict};
use crate::engine::{cloudwatch, Caller, Sandbox, SimTime};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::time::Duration;

/// Where every record a delivery stream accepted is now. `accepted` always equals the sum of
/// the others.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ledger {
    pub accepted: u64,
    /// In the buffer, not yet sealed into an object.
    pub buffered: u64,
    /// Sealed into an object that S3 hasn't taken yet (delivery failing, being retried).
    pub awaiting_retry: u64,
    /// In an S3 object in the destination bucket.
    pub delivered: u64,
    /// Written under the error output prefix.
    pub error_output: u64,
    /// Dropped after the retry duration ran out, as AWS does (and logged).
    pub expired: u64,
    /// In the transformation's buffer, with the function, or waiting to be sent to it again.
    #[serde(default)]
    pub processing: u64,
    /// Dropped by the transformation function (`"result": "Dropped"`), as it asked.
    #[serde(default)]
    pub dropped: u64,
}

impl Ledger {
    pub fn balanced(&self) -> bool {
        self.accepted
            == self.buffered
                + self.awaiting_retry
                + self.delivered
                + self.error_output
                + self.expired
                + self.processing
                + self.dropped
    }
}

/// The buffer gauge on the delivery stream's page.
#[derive(Debug, Clone, PartialEq)]
pub struct BufferGauge {
    pub bytes: u64,
    pub records: u64,
    pub size_limit_bytes: u64,
    pub interval_s: u32,
    /// Seconds until the interval delivers the buffer (`None` while it is empty).
    pub seconds_until_delivery: Option<u64>,
    /// Batches sealed but not yet in S3, their records, and seconds until the next attempt.
    pub batches_awaiting_retry: usize,
    pub records_awaiting_retry: u64,
    pub next_retry_in_s: Option<u64>,
    pub ledger: Ledger,
    /// Where delivered records are: "Amazon S3", "Amazon Redshift", "the HTTP endpoint",
    /// "Splunk", "Amazon OpenSearch Service".
    pub destination: &'static str,
}

/// One action Firehose takes with the delivery role, and what IAM says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessCheck {
    pub action: String,
    pub resource: String,
    pub outcome: AccessOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessOutcome {
    /// Allowed, by this statement.
    Allowed(Verdict),
    /// The role doesn't exist.
    NoSuchRole,
    /// The trust policy doesn't let firehose.amazonaws.com assume the role.
    NotAssumable,
    /// Refused: an explicit deny (with its statement) or no allow at all.
    Denied(Verdict),
}

pub(crate) const MIB: u64 = 1024 * 1024;
const SERVICE: &str = "firehose.amazonaws.com";

impl Sandbox {
    /// The buffer gauge of a delivery stream.
    pub fn firehose_buffer(&self, name: &str) -> Option<BufferGauge> {
        let d = self.firehose.get(name)?;
        let now = self.now;
        let hints = hints_of(d);
        let interval = Duration::from_secs(u64::from(hints.interval_s));
        // With dynamic partitioning, the partitions' buffers together (the oldest record
        // decides the next delivery).
        let (p_bytes, p_records, p_oldest) = partitioned::totals(d);
        let oldest = match (d.buffer.oldest_arrival, p_oldest) {
            (Some(a), Some(b)) => Some(if a < b { a } else { b }),
            (a, b) => a.or(b),
        };
        Some(BufferGauge {
            bytes: d.buffer.data.len() as u64 + p_bytes,
            records: d.buffer.records + p_records,
            size_limit_bytes: u64::from(hints.size_mb) * MIB,
            interval_s: hints.interval_s,
            seconds_until_delivery: oldest.map(|t| {
                let due = t + interval;
                due.since(now).as_millis().div_ceil(1000) as u64
            }),
            // S3 objects, an HTTP endpoint's, a Splunk HEC's and a domain's batches, and
            // objects waiting for their COPY.
            batches_awaiting_retry: d.pending.len()
                + d.http_pending.len()
                + d.splunk_pending.len()
                + d.opensearch_pending.len()
                + d.redshift_pending.len(),
            records_awaiting_retry: d
                .pending
                .iter()
                .filter(|b| !b.backup)
                .map(|b| b.records)
                .chain(d.http_pending.iter().map(|b| b.records.len() as u64))
                .chain(d.redshift_pending.iter().map(|b| b.records))
                .chain(d.splunk_pending.iter().map(|b| b.records.len() as u64))
                .chain(d.opensearch_pending.iter().map(|b| b.records.len() as u64))
                .sum(),
            next_retry_in_s: d
                .pending
                .iter()
                .map(|b| b.next_attempt)
                .chain(d.http_pending.iter().map(|b| b.next_attempt))
                // Objects behind a failing COPY wait for it: only the first is retried.
                .chain(d.redshift_pending.front().map(|b| b.next_attempt))
                .chain(d.splunk_pending.iter().map(|b| b.next_attempt))
                .chain(d.opensearch_pending.iter().map(|b| b.next_attempt))
                .map(|t| t.since(now).as_millis().div_ceil(1000) as u64)
                .min(),
            ledger: d.ledger,
            destination: if d.redshift.is_some() {
                "Amazon Redshift"
            } else if d.http.is_some() {
                "the HTTP endpoint"
            } else if d.splunk.is_some() {
                "Splunk"
            } else if d.opensearch.is_some() {
                "Amazon OpenSearch Service"
            } else {
                "Amazon S3"
            },
        })
    }

    /// Every action the delivery stream takes with its role(s), each evaluated as IAM would:
    /// which statement allows it, or why it is refused.
    pub fn firehose_access(&self, name: &str) -> Vec<AccessCheck> {
        let Some(d) = self.firehose.get(name) else {
            return Vec::new();
        };
        let mut checks = Vec::new();
        if let Some(src) = &d.source {
            for action in [
                "kinesis:DescribeStream",
                "kinesis:GetShardIterator",
                "kinesis:GetRecords",
            ] {
                let req = Request::new(action, &src.consumer.stream_arn);
                checks.push(check(self, &src.role_arn, req));
            }
        }
        let bucket = d.destination.bucket().to_string();
        let sample_key = format!("{}example", prefix_sample(d));
        if let Some(o) = &d.opensearch {
            for req in amazon_opensearch::requests(self, o) {
                checks.push(check(self, &o.role_arn, req));
            }
        }
        for req in destination_requests(self, d, &bucket, &sample_key) {
            checks.push(check(self, &d.destination.role_arn, req));
        }
        // The transformation function, invoked with the processor's role or the delivery role.
        if let Some(lp) = d.destination.processing.as_ref().and_then(|p| p.lambda()) {
            let role = lp.role_arn.as_deref().unwrap_or(&d.destination.role_arn);
            let name = crate::engine::lambda::Lambda::name_of(&lp.arn);
            let unqualified = self.arn("lambda", &format!("function:{name}"));
            for action in ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"] {
                // As Firehose asks: the function, then the ARN the processor names.
                let first = check(self, role, Request::new(action, &unqualified));
                let given = lp.arn.starts_with("arn:") && lp.arn != unqualified;
                if given && matches!(first.outcome, AccessOutcome::Denied(_)) {
                    checks.push(check(self, role, Request::new(action, &lp.arn)));
                } else {
                    checks.push(first);
                }
            }
        }
        checks
    }
}

/// The buffering hints of the destination records go to.
fn hints_of(d: &DeliveryStream) -> super::BufferingHints {
    match (&d.http, &d.splunk, &d.opensearch) {
        (Some(h), _, _) => h.buffering,
        (None, Some(s), _) => s.buffering,
        (None, None, Some(o)) => o.buffering,
        (None, None, None) => d.destination.buffering,
    }
}

fn prefix_sample(d: &DeliveryStream) -> String {
    d.destination.prefix.clone().unwrap_or_default()
}

fn check(sb: &Sandbox, role: &str, req: Request) -> AccessCheck {
    let outcome = match sb.iam.authorize(role, SERVICE, &sb.config.account_id, &req) {
        Ok(v) => AccessOutcome::Allowed(v),
        Err(RoleDenial::NoSuchRole) => AccessOutcome::NoSuchRole,
        Err(RoleDenial::NotAssumable) => AccessOutcome::NotAssumable,
        Err(RoleDenial::Denied(v)) => AccessOutcome::Denied(v),
    };
    AccessCheck {
        action: req.action,
        resource: req.resource,
        outcome,
    }
}

/// The S3, KMS and Logs requests one delivery makes.
fn destination_requests(sb: &Sandbox, d: &DeliveryStream, bucket: &str, key: &str) -> Vec<Request> {
    let object = format!("arn:aws:s3:::{bucket}/{key}");
    let mut out = vec![Request::new("s3:PutObject", &object)];
    if let Some(k) = &d.destination.kms_key_arn {
        out.push(
            Request::new("kms:GenerateDataKey", k)
                .with(
                    "kms:ViaService",
                    &format!("s3.{}.amazonaws.com", sb.config.region),
                )
                .with("kms:EncryptionContext:aws:s3:arn", &object),
        );
    }
    if d.destination.logging.enabled {
        out.push(Request::new("logs:PutLogEvents", &log_stream_arn(sb, d)));
    }
    out
}

fn log_stream_arn(sb: &Sandbox, d: &DeliveryStream) -> String {
    sb.arn(
        "logs",
        &format!(
            "log-group:{}:log-stream:{}",
            d.destination.logging.log_group, d.destination.logging.log_stream
        ),
    )
}

/// Takes record `id` in: into the transformation's buffer when the delivery stream has a
/// Lambda processor, otherwise into the buffer.
pub(crate) fn accept_record(sb: &mut Sandbox, name: &str, id: &str, data: &[u8], now: SimTime) {
    back_up(sb, name, data, 1, now);
    if let Some(parts) = unpacked(sb, name, data, now.epoch_millis()) {
        for (i, part) in parts.iter().enumerate() {
            accept_one(sb, name, &sub_record_id(id, i, parts.len()), part, now);
        }
        return;
    }
    accept_one(sb, name, id, data, now);
}

fn accept_one(sb: &mut Sandbox, name: &str, id: &str, data: &[u8], now: SimTime) {
    if transforms(sb, name) {
        let record = processing::Staged {
            id: id.to_string(),
            arrival_ms: now.epoch_millis(),
            data: data.to_vec(),
            kinesis: None,
        };
        processing::stage(sb, name, record);
    } else {
        accept(sb, name, data, now);
    }
}

/// A record id for the `i`th of `n` records one record unpacked into: the record's own id
/// when there is one, else the id and the index (ids must differ in a Lambda event).
pub(crate) fn sub_record_id(id: &str, i: usize, n: usize) -> String {
    if n == 1 {
        id.to_string()
    } else {
        format!("{id}{i:05}")
    }
}

/// The records `data` becomes through the processors that unpack records (`Decompression`,
/// `CloudWatchLogProcessing`, `RecordDeAggregation`), or `None` when none acts. A record that
/// can't be unpacked goes, as it came, to the error output here (and is logged); a control
/// message is dropped; either way the list is empty.
pub(crate) fn unpacked(
    sb: &mut Sandbox,
    name: &str,
    data: &[u8],
    arrival_ms: i64,
) -> Option<Vec<Vec<u8>>> {
    let d = sb.firehose.streams.get_mut(name)?;
    let processing = d.destination.processing.as_ref();
    if !unpack::unpacks(processing) {
        return None;
    }
    let result = unpack::unpack(processing.expect("unpacks"), data);
    Some(match result {
        Ok(parts) if parts.is_empty() => {
            d.ledger.accepted += 1;
            d.ledger.dropped += 1;
            parts
        }
        Ok(parts) => parts,
        Err(failure) => {
            // Counted as buffered for the moment the error object takes it over.
            d.ledger.accepted += 1;
            d.ledger.buffered += 1;
            let message = failure.message();
            log_error(sb, name, DeliveryError::Unpacking(failure.code()), &message);
            processing::error_object(
                sb,
                name,
                vec![processing::Failed {
                    arrival_ms,
                    data: data.to_vec(),
                }],
                1,
                failure.code(),
                &message,
                failure.output_type(),
                processing::ErrorDoc::Processing { lambda_arn: None },
                processing::Held::Buffer,
            );
            Vec::new()
        }
    })
}

/// Whether records go through a Lambda function first.
pub(crate) fn transforms(sb: &Sandbox, name: &str) -> bool {
    sb.firehose
        .get(name)
        .and_then(|d| d.destination.processing.as_ref())
        .is_some_and(|p| p.lambda().is_some())
}

/// Whether each record needs handling of its own (a transformation or a delimiter), so a
/// source's records can't go into the buffer as one run of bytes.
pub(crate) fn per_record(sb: &Sandbox, name: &str) -> bool {
    sb.firehose
        .get(name)
        .and_then(|d| d.destination.processing.as_ref())
        .is_some_and(|p| p.lambda().is_some() || p.appends_delimiter() || unpack::unpacks(Some(p)))
        || sb.firehose.get(name).is_some_and(|d| {
            partitioned::is_on(d)
                || converting::is_on(d)
                || d.http.is_some()
                || d.splunk.is_some()
                || amazon_opensearch::is_on(d)
        })
}

/// Appends a record's bytes to the buffer, with the newline `AppendDelimiterToRecord` adds.
fn into_buffer(d: &mut DeliveryStream, data: &[u8]) {
    // Conversion reads records one by one; an HTTP endpoint, a Splunk HEC and a domain take
    // each as its own.
    let keep_length = converting::is_on(d)
        || d.http.is_some()
        || d.splunk.is_some()
        || amazon_opensearch::is_on(d);
    push_record(d, None, data, keep_length);
}

/// Appends a record to the delivery stream's buffer, or to a partition's (`partition`), with
/// its delimiter and, while converting, its length.
pub(crate) fn push_record(
    d: &mut DeliveryStream,
    partition: Option<&str>,
    data: &[u8],
    keep_length: bool,
) {
    let delimiter = d
        .destination
        .processing
        .as_ref()
        .is_some_and(|p| p.appends_delimiter());
    let buffer = match partition {
        Some(id) => match d.partitions.get_mut(id) {
            Some(p) => &mut p.buffer,
            None => return,
        },
        None => &mut d.buffer,
    };
    buffer.data.extend_from_slice(data);
    if delimiter {
        buffer.data.push(b'\n');
    }
    if keep_length {
        buffer
            .lengths
            .push((data.len() + usize::from(delimiter)) as u32);
    }
}

/// A record the transformation returned (`Ok`), into the buffer (or its partition, with the
/// keys the function gave it).
pub(crate) fn accept_processed(
    sb: &mut Sandbox,
    name: &str,
    data: &[u8],
    keys: Option<Keys>,
    arrival_ms: i64,
) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if partitioned::is_on(d) {
        partitioned::route(sb, name, data, keys, arrival_ms, true);
        return;
    }
    into_buffer(d, data);
    d.buffer.records += 1;
    d.buffer.oldest_arrival.get_or_insert(now);
    d.ledger.processing -= 1;
    d.ledger.buffered += 1;
}

/// Takes a record into the buffer.
pub(crate) fn accept(sb: &mut Sandbox, name: &str, data: &[u8], now: SimTime) {
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if partitioned::is_on(d) {
        partitioned::route(sb, name, data, None, now.epoch_millis(), false);
        return;
    }
    into_buffer(d, data);
    d.buffer.records += 1;
    d.buffer.oldest_arrival.get_or_insert(now);
    d.ledger.accepted += 1;
    d.ledger.buffered += 1;
}

/// Takes `records` records whose bytes are `data`, back to back, into the buffer: the same as
/// accepting them one by one.
pub(crate) fn accept_many(sb: &mut Sandbox, name: &str, data: &[u8], records: u64, now: SimTime) {
    if records == 0 {
        return;
    }
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    d.buffer.data.extend_from_slice(data);
    d.buffer.records += records;
    d.buffer.oldest_arrival.get_or_insert(now);
    d.ledger.accepted += records;
    d.ledger.buffered += records;
}

/// Seals the buffer into a batch with its object key and compressed body.
fn seal(sb: &mut Sandbox, name: &str) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let Some(oldest) = d.buffer.oldest_arrival else {
        return;
    };
    // The next buffer starts with this one's size reserved, so a steady flow fills it
    // without regrowing (and recopying) it from empty every interval.
    let room = d.buffer.data.len().min(8 * MIB as usize);
    let buffer = std::mem::replace(
        &mut d.buffer,
        super::Buffer {
            data: Vec::with_capacity(room),
            ..Default::default()
        },
    );
    if d.http.is_some() {
        http_endpoint::seal(sb, name, buffer, oldest);
        return;
    }
    if d.splunk.is_some() {
        splunk::seal(sb, name, buffer, oldest);
        return;
    }
    if amazon_opensearch::is_on(d) {
        amazon_opensearch::seal(sb, name, buffer, oldest);
        return;
    }
    let dest = d.destination.clone();
    let version = d.version;
    let stream = d.name.clone();
    let converting = converting::is_on(d);
    let rng = &mut sb.rng;
    let folder = prefix::evaluate(dest.prefix.as_deref(), oldest, None, rng);
    let file = prefix::object_name(&stream, version, oldest, &dest.extension(), rng);
    let (body, records) = if converting {
        match converting::convert_buffer(sb, name, &buffer) {
            Some(done) => done,
            None => return,
        }
    } else {
        let entry = file
            .strip_suffix(dest.compression.extension())
            .unwrap_or(&file)
            .to_string();
        (dest.compression.apply(&buffer.data, &entry), buffer.records)
    };
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.ledger.buffered -= records;
    d.ledger.awaiting_retry += records;
    d.pending.push_back(Batch::sealed(
        &dest,
        format!("{folder}{file}"),
        body,
        buffer.data.len() as u64,
        records,
        oldest,
        now,
    ));
}

/// Source record backup: every record as it arrived, also into the backup buffer.
pub(crate) fn back_up(sb: &mut Sandbox, name: &str, data: &[u8], records: u64, now: SimTime) {
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    if d.destination.backup.is_none() || records == 0 {
        return;
    }
    d.backup_buffer.data.extend_from_slice(data);
    d.backup_buffer.records += records;
    d.backup_buffer.oldest_arrival.get_or_insert(now);
}

/// Seals the backup buffer into an object for the backup bucket when its own size or
/// interval is reached. Its records are copies: the ledger does not count them.
fn seal_backup(sb: &mut Sandbox, name: &str, on_tick: bool) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get_mut(name) else {
        return;
    };
    let Some(dest) = d.destination.backup.as_deref().cloned() else {
        return;
    };
    let Some(oldest) = d.backup_buffer.oldest_arrival else {
        return;
    };
    let hints = dest.buffering;
    let full = d.backup_buffer.data.len() as u64 >= u64::from(hints.size_mb) * MIB;
    let due = on_tick && now >= oldest + Duration::from_secs(u64::from(hints.interval_s));
    if !full && !due {
        return;
    }
    let buffer = std::mem::take(&mut d.backup_buffer);
    let (stream, version) = (d.name.clone(), d.version);
    let rng = &mut sb.rng;
    let folder = prefix::evaluate(dest.prefix.as_deref(), oldest, None, rng);
    let file = prefix::object_name(&stream, version, oldest, dest.compression.extension(), rng);
    let entry = file
        .strip_suffix(dest.compression.extension())
        .unwrap_or(&file)
        .to_string();
    let body = dest.compression.apply(&buffer.data, &entry);
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.pending.push_back(Batch {
        backup: true,
        ..Batch::sealed(
            &dest,
            format!("{folder}{file}"),
            body,
            buffer.data.len() as u64,
            buffer.records,
            oldest,
            now,
        )
    });
}

/// Seals the buffer when it is full (and, on a clock tick, when its interval has passed), then
/// attempts every batch that is due.
pub(crate) fn deliver_due(sb: &mut Sandbox, name: &str) {
    deliver(sb, name, false);
}

/// The clock's turn: the interval condition too.
pub(crate) fn tick(sb: &mut Sandbox, name: &str) {
    processing::tick(sb, name);
    deliver(sb, name, true);
}

fn deliver(sb: &mut Sandbox, name: &str, on_tick: bool) {
    let now = sb.now;
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    let hints = hints_of(d);
    let full = d.buffer.data.len() as u64 >= u64::from(hints.size_mb) * MIB;
    let timed_out = on_tick
        && d.buffer
            .oldest_arrival
            .is_some_and(|t| now >= t + Duration::from_secs(u64::from(hints.interval_s)));
    if full || timed_out {
        seal(sb, name);
    }
    if sb.firehose.get(name).is_some_and(partitioned::is_on) {
        partitioned::seal_due(sb, name, on_tick);
    }
    seal_backup(sb, name, on_tick);
    http_endpoint::attempt_due(sb, name);
    splunk::attempt_due(sb, name);
    amazon_opensearch::attempt_due(sb, name);
    let mut i = 0;
    while let Some(b) = sb.firehose.streams.get(name).and_then(|d| d.pending.get(i)) {
        if b.next_attempt <= now && attempt(sb, name, i) {
            continue;
        }
        i += 1;
    }
    redshift::copy_due(sb, name);
}

const ACCESS_DENIED: &str = "Access was denied. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role, and the access policy allows access to the S3 bucket.";

/// Tries to put batch `i` in S3. Returns whether the batch left the queue (delivered or
/// dropped).
fn attempt(sb: &mut Sandbox, name: &str, i: usize) -> bool {
    let now = sb.now;
    let d = sb.firehose.streams.get(name).expect("present");
    let b = &d.pending[i];
    let object = format!("arn:aws:s3:::{}/{}", b.bucket, b.key);
    let acct = sb.config.account_id.clone();
    let mut failure: Option<(DeliveryError, String)> = None;
    let put = Request::new("s3:PutObject", &object);
    if sb.iam.authorize(&b.role_arn, SERVICE, &acct, &put).is_err() {
        failure = Some((DeliveryError::S3AccessDenied, ACCESS_DENIED.into()));
    }
    if failure.is_none() {
        if let Some(k) = &b.kms_key_arn {
            let req = Request::new("kms:GenerateDataKey", k)
                .with(
                    "kms:ViaService",
                    &format!("s3.{}.amazonaws.com", sb.config.region),
                )
                .with("kms:EncryptionContext:aws:s3:arn", &object);
            if sb.iam.authorize(&b.role_arn, SERVICE, &acct, &req).is_err() {
                failure = Some((
                    DeliveryError::S3KmsAccessDenied,
                    format!("Firehose was denied access to the KMS key {k}. Ensure that the delivery role allows kms:GenerateDataKey on the key."),
                ));
            }
        }
    }
    if failure.is_none() && !sb.s3.has_bucket(&b.bucket) {
        failure = Some((
            DeliveryError::S3NoSuchBucket,
            "The specified bucket does not exist.".into(),
        ));
    }
    let (records, raw_bytes, oldest) = (b.records, b.raw_bytes, b.oldest_arrival);
    let (batch_bucket, batch_key) = (b.bucket.clone(), b.key.clone());
    let is_error_output = b.error_output;
    let is_backup = b.backup;
    if failure.is_none() {
        // Typed: the object's bytes go to S3 as they are, not through base64 and back.
        let (bucket, key, body, kms) = (
            b.bucket.clone(),
            b.key.clone(),
            b.body.clone(),
            b.kms_key_arn.clone(),
        );
        if let Err(e) = crate::engine::s3::put_object_typed(
            sb,
            Caller::Firehose,
            &bucket,
            &key,
            body,
            kms.as_deref(),
        ) {
            failure = Some((
                DeliveryError::S3(e.kind()),
                e.message().unwrap_or("").to_string(),
            ));
        }
    }
    match failure {
        None => {
            let d = sb.firehose.streams.get_mut(name).expect("present");
            d.pending.remove(i);
            if is_backup {
                metric(sb, name, FirehoseMetric::BackupToS3Bytes, raw_bytes as f64);
                metric(sb, name, FirehoseMetric::BackupToS3Records, records as f64);
                metric(sb, name, FirehoseMetric::BackupToS3Success, 1.0);
                return true;
            }
            if is_error_output {
                d.ledger.awaiting_retry -= records;
                d.ledger.error_output += records;
                return true;
            }
            if d.redshift.is_some() {
                // In the intermediate bucket: delivered once its COPY has loaded it.
                redshift::queue(d, batch_bucket, batch_key, records, raw_bytes, oldest, now);
            } else {
                d.ledger.awaiting_retry -= records;
                d.ledger.delivered += records;
            }
            metric(
                sb,
                name,
                FirehoseMetric::DeliveryToS3Bytes,
                raw_bytes as f64,
            );
            metric(
                sb,
                name,
                FirehoseMetric::DeliveryToS3Records,
                records as f64,
            );
            metric(sb, name, FirehoseMetric::DeliveryToS3Success, 1.0);
            metric(
                sb,
                name,
                FirehoseMetric::DeliveryToS3DataFreshness,
                now.since(oldest).as_secs() as f64,
            );
            true
        }
        Some((code, message)) => {
            metric(sb, name, FirehoseMetric::DeliveryToS3Success, 0.0);
            log_error(sb, name, code, &message);
            let d = sb.firehose.streams.get_mut(name).expect("present");
            let b = &mut d.pending[i];
            b.attempts += 1;
            if now.since(b.first_attempt).as_millis() as i64 >= S3_RETRY_MS {
                let records = b.records;
                let backup = b.backup;
                d.pending.remove(i);
                if !backup {
                    d.ledger.awaiting_retry -= records;
                    d.ledger.expired += records;
                }
                log_error(
                    sb,
                    name,
                    code,
                    &format!("Delivery was retried for the 24 hour retry duration without success; {records} records were dropped."),
                );
                true
            } else {
                let backoff = 2u64.saturating_pow(b.attempts.min(6)).min(60);
                b.next_attempt = now + Duration::from_secs(backoff);
                false
            }
        }
    }
}

/// Writes a delivery error to the delivery stream's log stream, if logging is on and the role
/// may write there (otherwise, as on AWS, the error goes unlogged).
pub(crate) fn log_error(sb: &mut Sandbox, name: &str, code: DeliveryError, message: &str) {
    let Some(d) = sb.firehose.streams.get(name) else {
        return;
    };
    if !d.destination.logging.enabled {
        return;
    }
    let arn = log_stream_arn(sb, d);
    let role = d.destination.role_arn.clone();
    let req = Request::new("logs:PutLogEvents", &arn);
    if sb
        .iam
        .authorize(&role, SERVICE, &sb.config.account_id, &req)
        .is_err()
    {
        return;
    }
    let (group, stream) = (
        d.destination.logging.log_group.clone(),
        d.destination.logging.log_stream.clone(),
    );
    let text = json!({
        "deliveryStreamARN": d.arn,
        "destination": d.destination.bucket_arn,
        "deliveryStreamVersionId": d.version,
        "message": message,
        "errorCode": code.code(),
    })
    .to_string();
    let now = sb.now;
    sb.cloudwatch.ensure_log_stream(&group, &stream, now);
    let events = vec![(now.epoch_millis(), text)];
    let target = cloudwatch::PUT_LOG_EVENTS;
    let _ = sb.call_typed(Caller::Firehose, target, None, |sb| {
        cloudwatch::put_log_events_typed(sb, &group, &stream, events)
    });
}
