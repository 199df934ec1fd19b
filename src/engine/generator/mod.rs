//! The Kinesis Data Generator (`KinesisDataGenerator.*`): KDG templates rendered from the
//! sandbox's seeded generator and sent to a stream or a delivery stream as virtual time
//! passes.
//!
//! Like KDG, each tick renders the records for that tick, appends `\n` to each (or gzips each
//! record, without a newline, when `CompressRecords` is on) and sends them in chunks of at
//! most 500: `Kinesis_20131202.PutRecords` with a random partition key from 0 to 9999999999,
//! or `Firehose_20150804.PutRecordBatch`. Calls go through [`Sandbox::call_as`] as
//! [`Caller::Generator`], so the destination's limits and the event log apply.
//!
//! Unlike KDG, nothing is silent: each record ends up sent, throttled or failed and the counts
//! are kept in total and for the last tick. With `RetryThrottled`, throttled records are sent
//! again with a backoff (1, 2, 4, 8 s) until they are 30 s old, as the KPL's `RecordTtl`;
//! then `RecordsThrottled` counts throttle responses and a record that runs out of time counts
//! as failed.
//!
//! One sender runs at a time (KDG runs one per browser tab).

pub mod fake_data;
pub mod helpers;
pub mod moment;
pub mod rate;
mod template;
mod words;

#[cfg(test)]
mod tests;

pub use helpers::{js_number, js_string};
pub use rate::{Periodic, Rate};
pub use template::{RenderContext, Template, TemplateError};

use super::body::Body;
use super::registry::{changes, reads, Service};
use super::{streams, ApiError, Caller, Sandbox, SimTime};
use crate::engine::ErrorKind;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::Write as _;
use std::time::Duration;

/// How many sample records `TestTemplate` returns.
/// The sensor template from the course notes, as printed there (trailing spaces included): the
/// generator page's first template, and what the labs and benchmarks send.
pub const SENSOR_TEMPLATE: &str = "{  \n    \"sensorId\": {{random.number(50)}},  \n    \"currentTemperature\": {{random.number(  \n        {  \n            \"min\":10,  \n            \"max\":150  \n        }  \n    )}},  \n    \"status\": \"{{random.arrayElement(  \n        [\"OK\",\"FAIL\",\"WARN\"]  \n    )}}\"  \n}";

pub const TEST_RECORDS: usize = 5;
/// KDG's chunk size, and the most records `PutRecords`/`PutRecordBatch` take.
pub const CHUNK: usize = 500;
/// How many of the last records `DescribeSending` shows.
pub const PREVIEW: usize = 5;
/// KDG's default Constant rate.
pub const DEFAULT_RATE: u64 = 100;
/// How long a throttled record is retried, as the KPL's default `RecordTtl`.
pub const RETRY_TTL: Duration = Duration::from_secs(30);
/// The most records waiting for a retry; beyond it the oldest count as failed.
pub const MAX_PENDING: usize = 50_000;
/// The largest template accepted.
pub const MAX_TEMPLATE_BYTES: usize = 100_000;

/// Where a sender sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Destination {
    Stream(String),
    DeliveryStream(String),
}

/// Counts of records, in total or for one tick.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub generated: u64,
    pub sent: u64,
    pub throttled: u64,
    pub failed: u64,
}

impl Figures {
    fn to_json(self) -> Value {
        json!({
            "RecordsGenerated": self.generated,
            "RecordsSent": self.sent,
            "RecordsThrottled": self.throttled,
            "RecordsFailed": self.failed,
        })
    }
}

/// A throttled record waiting to be sent again.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pending {
    /// Base64, as it goes on the wire.
    data: String,
    partition_key: String,
    attempts: u32,
    due: SimTime,
    expires: SimTime,
}

/// One sending job.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sender {
    pub template: String,
    #[serde(skip)]
    compiled: Option<Template>,
    pub destination: Destination,
    pub rate: Rate,
    pub max_records: Option<u64>,
    pub compress: bool,
    pub retry_throttled: bool,
    /// Still making records.
    pub generating: bool,
    pub started: SimTime,
    /// `{{date.simTime}}`: the data time of the records being made.
    pub sim_time: SimTime,
    next_tick: SimTime,
    #[serde(default)]
    last_tick_at: SimTime,
    pub totals: Figures,
    pub last_tick: Figures,
    pub recent: VecDeque<String>,
    pending: VecDeque<Pending>,
    pub last_error: Option<String>,
    /// The records of the tick being sent (between ticks: empty, its buffers kept).
    #[serde(skip)]
    chunk: Chunk,
}

impl Sender {
    /// Records are still being made or retried.
    pub fn is_sending(&self) -> bool {
        self.generating || !self.pending.is_empty()
    }

    pub fn pending(&self) -> usize {
        self.pending.len()
    }
}

/// The generator's state in the sandbox.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Generator {
    sender: Option<Sender>,
}

impl Generator {
    /// The current (or last) sending job.
    pub fn sender(&self) -> Option<&Sender> {
        self.sender.as_ref()
    }
}

fn invalid_template(e: &TemplateError) -> ApiError {
    ApiError::new(ErrorKind::InvalidTemplateException, e.to_string())
}

fn compile(text: &str) -> Result<Template, ApiError> {
    if text.len() > MAX_TEMPLATE_BYTES {
        return Err(ApiError::invalid_argument(format!(
            "The template is longer than {MAX_TEMPLATE_BYTES} bytes."
        )));
    }
    Template::compile(text).map_err(|e| invalid_template(&e))
}

/// Kinesis Data Generator in the registry.
pub const SERVICE: Service = Service {
    prefix: "KinesisDataGenerator",
    operations: &[
        changes("TestTemplate", test_template),
        changes("StartSending", start_sending),
        changes("StopSending", |sb, _| stop_sending(sb)),
        reads("DescribeSending", |sb, _| Ok(describe_sending(sb))),
    ],
    resource_fields: &["StreamName", "DeliveryStreamName"],
    on_time_passed: Some(on_time_passed),
    cli: None,
};

fn required_template<'a>(body: Body<'a>) -> Result<&'a str, ApiError> {
    body.string("Template")?
        .ok_or_else(|| ApiError::invalid_argument("Template is required."))
}

/// `TestTemplate{Template}` → `{Records: [five records]}`.
fn test_template(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let template = compile(required_template(body)?)?;
    let ctx = RenderContext::at(sb.now);
    let records: Vec<String> = (0..TEST_RECORDS)
        .map(|_| template.render(&ctx, &mut sb.rng))
        .collect();
    Ok(json!({ "Records": records }))
}

fn destination_exists(sb: &mut Sandbox, destination: &Destination) -> Result<(), ApiError> {
    let account = sb.config.account_id.clone();
    match destination {
        Destination::Stream(name) => {
            if sb.streams.names().any(|n| n == name) {
                Ok(())
            } else {
                Err(ApiError::resource_not_found(format!(
                    "Stream {name} under account {account} not found."
                )))
            }
        }
        // Firehose answers with its own error for a missing delivery stream.
        Destination::DeliveryStream(name) => {
            let target = super::firehose::DESCRIBE_DELIVERY_STREAM;
            sb.call_typed(Caller::Generator, target, Some(name), |sb| {
                super::firehose::exists(sb, name)
            })
        }
    }
}

/// `StartSending{Template, StreamName | DeliveryStreamName, RecordsPerSecond | Periodic,
/// MaxRecords?, CompressRecords?, RetryThrottled?}` → `{}`.
fn start_sending(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    if let Some(sender) = sb.generator.sender.as_ref().filter(|s| s.is_sending()) {
        let (kind, name) = match &sender.destination {
            Destination::Stream(n) => ("stream", n),
            Destination::DeliveryStream(n) => ("delivery stream", n),
        };
        return Err(ApiError::resource_in_use(format!(
            "The generator is already sending to {kind} {name}. Stop it before starting again."
        )));
    }
    let text = required_template(body)?;
    let destination = match (
        body.string("StreamName")?,
        body.string("DeliveryStreamName")?,
    ) {
        (Some(s), None) => Destination::Stream(s.to_string()),
        (None, Some(d)) => Destination::DeliveryStream(d.to_string()),
        _ => {
            return Err(ApiError::invalid_argument(
                "Exactly one of StreamName and DeliveryStreamName is required.",
            ))
        }
    };
    let per_second = body.integer("RecordsPerSecond")?;
    let rate = match (per_second, body.object("Periodic")?) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid_argument(
                "Give RecordsPerSecond (Constant) or Periodic, not both.",
            ))
        }
        (_, Some(p)) => Rate::Periodic(Periodic::from_json(p)?),
        (n, None) => {
            let n = n.unwrap_or(DEFAULT_RATE as i64);
            if !(1..=rate::MAX_PER_SECOND as i64).contains(&n) {
                return Err(ApiError::invalid_argument(format!(
                    "RecordsPerSecond must be between 1 and {}.",
                    rate::MAX_PER_SECOND
                )));
            }
            Rate::Constant {
                per_second: n as u64,
            }
        }
    };
    let max_records = match body.integer("MaxRecords")? {
        Some(n) if n < 1 => {
            return Err(ApiError::invalid_argument("MaxRecords must be at least 1."))
        }
        n => n.map(|n| n as u64),
    };
    let compiled = compile(text)?;
    destination_exists(sb, &destination)?;
    let now = sb.now;
    let sim_time = match &rate {
        Rate::Periodic(p) if !p.lock_to_real_time => p.start.unwrap_or(now),
        _ => now,
    };
    sb.generator.sender = Some(Sender {
        template: text.to_string(),
        compiled: Some(compiled),
        destination,
        rate,
        max_records,
        compress: body.boolean("CompressRecords")?.unwrap_or(false),
        retry_throttled: body.boolean("RetryThrottled")?.unwrap_or(false),
        generating: true,
        started: now,
        sim_time,
        next_tick: now + Duration::from_secs(1),
        last_tick_at: now,
        totals: Figures::default(),
        last_tick: Figures::default(),
        recent: VecDeque::new(),
        pending: VecDeque::new(),
        last_error: None,
        chunk: Chunk::default(),
    });
    Ok(json!({}))
}

/// `StopSending{}` → `{}`. Records waiting for a retry are dropped and count as failed.
fn stop_sending(sb: &mut Sandbox) -> Result<Value, ApiError> {
    if let Some(sender) = sb.generator.sender.as_mut() {
        sender.generating = false;
        let dropped = sender.pending.len() as u64;
        sender.pending.clear();
        sender.totals.failed += dropped;
    }
    Ok(json!({}))
}

/// `DescribeSending{}` → the totals, the last tick's figures and the last few records.
fn describe_sending(sb: &Sandbox) -> Value {
    let Some(s) = sb.generator.sender.as_ref() else {
        let mut out = Figures::default().to_json();
        out["Sending"] = json!(false);
        out["RecordsPendingRetry"] = json!(0);
        out["LastSecond"] = Figures::default().to_json();
        out["RecentRecords"] = json!([]);
        return out;
    };
    let mut out = s.totals.to_json();
    out["Sending"] = json!(s.is_sending());
    out["RecordsPendingRetry"] = json!(s.pending.len());
    // The last tick's figures while ticks go on; zeros once a tick is overdue.
    let current = sb.now.since(s.last_tick_at) <= s.period();
    let last = if current {
        s.last_tick
    } else {
        Figures::default()
    };
    out["LastSecond"] = last.to_json();
    out["RecentRecords"] = json!(s.recent);
    out["SimTime"] = json!(s.sim_time.epoch_seconds());
    match &s.destination {
        Destination::Stream(n) => out["StreamName"] = json!(n),
        Destination::DeliveryStream(n) => out["DeliveryStreamName"] = json!(n),
    }
    out["RateMode"] = json!(match s.rate {
        Rate::Constant { .. } => "Constant",
        Rate::Periodic(_) => "Periodic",
    });
    if let Rate::Constant { per_second } = s.rate {
        out["RecordsPerSecond"] = json!(per_second);
    }
    if let Some(e) = &s.last_error {
        out["LastError"] = json!(e);
    }
    out
}

/// Sends one tick's records when a tick is due.
pub(crate) fn on_time_passed(sb: &mut Sandbox) {
    let due = sb
        .generator
        .sender
        .as_ref()
        .is_some_and(|s| s.is_sending() && sb.now >= s.next_tick);
    if !due {
        return;
    }
    let Some(mut sender) = sb.generator.sender.take() else {
        return;
    };
    sender.tick(sb);
    sb.generator.sender = Some(sender);
}

/// Records ready to go, packed: their bytes back to back in one buffer and their partition
/// keys in another, so that making a record allocates nothing of its own. Kept between ticks
/// (empty) so that its buffers are reused.
#[derive(Debug, Clone, Default)]
struct Chunk {
    data: Vec<u8>,
    keys: String,
    records: Vec<Slot>,
}

/// Where a record of a [`Chunk`] ends in its buffers, and what a retry needs to know.
#[derive(Debug, Clone, Copy)]
struct Slot {
    data_end: usize,
    key_end: usize,
    attempts: u32,
    expires: SimTime,
}

impl Chunk {
    fn len(&self) -> usize {
        self.records.len()
    }

    fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Ends the record whose bytes and key were just appended to `data` and `keys`.
    fn seal(&mut self, attempts: u32, expires: SimTime) {
        self.records.push(Slot {
            data_end: self.data.len(),
            key_end: self.keys.len(),
            attempts,
            expires,
        });
    }

    /// Every record as `(partition key, bytes)`, in order.
    fn iter(&self) -> ChunkRecords<'_> {
        ChunkRecords {
            data: &self.data,
            keys: &self.keys,
            slots: self.records.iter(),
            data_start: 0,
            key_start: 0,
        }
    }

    fn clear(&mut self) {
        self.data.clear();
        self.keys.clear();
        self.records.clear();
    }
}

/// The records of a [`Chunk`], walking its buffers once.
#[derive(Clone)]
struct ChunkRecords<'a> {
    data: &'a [u8],
    keys: &'a str,
    slots: std::slice::Iter<'a, Slot>,
    data_start: usize,
    key_start: usize,
}

impl<'a> Iterator for ChunkRecords<'a> {
    type Item = (&'a str, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let slot = self.slots.next()?;
        let key = &self.keys[self.key_start..slot.key_end];
        let data = &self.data[self.data_start..slot.data_end];
        self.key_start = slot.key_end;
        self.data_start = slot.data_end;
        Some((key, data))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.slots.size_hint()
    }
}

impl ExactSizeIterator for ChunkRecords<'_> {}

fn is_throttle(kind: ErrorKind) -> bool {
    // Kinesis throttles with ProvisionedThroughputExceededException, Firehose with
    // ServiceUnavailableException.
    matches!(
        kind,
        ErrorKind::ProvisionedThroughputExceededException | ErrorKind::ServiceUnavailableException
    )
}

/// The KPL-like backoff before attempt `attempts + 1`: 1, 2, 4, 8, 8, … seconds.
fn backoff(attempts: u32) -> Duration {
    Duration::from_secs(1 << attempts.saturating_sub(1).min(3))
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 2 + 32),
        flate2::Compression::default(),
    );
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

impl Sender {
    fn period(&self) -> Duration {
        match &self.rate {
            Rate::Periodic(p) if !p.lock_to_real_time => {
                Duration::from_secs(p.wait_between_ticks_ms.div_ceil(1000).max(1))
            }
            _ => Duration::from_secs(1),
        }
    }

    fn remaining(&self) -> u64 {
        self.max_records
            .map_or(u64::MAX, |m| m.saturating_sub(self.totals.generated))
    }

    fn tick(&mut self, sb: &mut Sandbox) {
        let now = sb.now;
        self.next_tick = self.next_tick + self.period();
        if self.next_tick <= now {
            self.next_tick = now + self.period();
        }
        self.last_tick = Figures::default();
        self.last_tick_at = now;
        let mut chunk = std::mem::take(&mut self.chunk);
        chunk.clear();

        // Throttled records whose backoff is over go first.
        let queued = std::mem::take(&mut self.pending);
        let mut waiting = VecDeque::with_capacity(queued.len());
        for p in queued {
            if p.expires <= now {
                self.totals.failed += 1;
                self.last_tick.failed += 1;
            } else if p.due <= now {
                let data = base64::engine::general_purpose::STANDARD
                    .decode(p.data)
                    .unwrap_or_default();
                chunk.data.extend_from_slice(&data);
                chunk.keys.push_str(&p.partition_key);
                chunk.seal(p.attempts, p.expires);
                if chunk.len() == CHUNK {
                    self.flush(sb, &mut chunk);
                }
            } else {
                waiting.push_back(p);
            }
        }
        // Records throttled again during this loop were queued behind; keep both.
        waiting.append(&mut self.pending);
        self.pending = waiting;

        if self.generating {
            self.generate(sb, &mut chunk);
        }
        self.flush(sb, &mut chunk);
        self.chunk = chunk;
    }

    fn generate(&mut self, sb: &mut Sandbox, chunk: &mut Chunk) {
        let template = match self.compiled.take() {
            Some(t) => t,
            None => match Template::compile(&self.template) {
                Ok(t) => t,
                Err(e) => {
                    self.generating = false;
                    self.last_error = Some(invalid_template(&e).to_string());
                    return;
                }
            },
        };
        let now = sb.now;
        match self.rate.clone() {
            Rate::Constant { per_second } => {
                self.sim_time = now;
                let n = per_second.min(self.remaining());
                self.emit(sb, &template, n, RenderContext::at(now), chunk);
            }
            Rate::Periodic(p) if p.lock_to_real_time => {
                self.sim_time = now;
                let n = p.draw(now, &mut sb.rng).min(self.remaining());
                self.emit(sb, &template, n, RenderContext::at(now), chunk);
            }
            Rate::Periodic(p) => {
                let end = p.end.unwrap_or(now);
                for _ in 0..p.seconds_per_tick {
                    if self.sim_time >= end || self.remaining() == 0 {
                        break;
                    }
                    let n = p.draw(self.sim_time, &mut sb.rng).min(self.remaining());
                    let ctx = RenderContext {
                        now,
                        sim_time: self.sim_time,
                    };
                    self.emit(sb, &template, n, ctx, chunk);
                    self.sim_time = self.sim_time + Duration::from_secs(1);
                }
                if self.sim_time >= end {
                    self.generating = false;
                }
            }
        }
        if self.remaining() == 0 {
            self.generating = false;
        }
        self.compiled = Some(template);
    }

    fn emit(
        &mut self,
        sb: &mut Sandbox,
        template: &Template,
        n: u64,
        ctx: RenderContext,
        chunk: &mut Chunk,
    ) {
        let mut text = String::new();
        for i in 0..n {
            text.clear();
            template.render_into(&ctx, &mut sb.rng, &mut text);
            if n - i <= PREVIEW as u64 {
                if self.recent.len() == PREVIEW {
                    self.recent.pop_front();
                }
                self.recent.push_back(text.clone());
            }
            if self.compress {
                chunk.data.extend_from_slice(&gzip(text.as_bytes()));
            } else {
                chunk.data.extend_from_slice(text.as_bytes());
                chunk.data.push(b'\n');
            }
            helpers::push_int(&mut chunk.keys, sb.rng.below(10_000_000_000) as i64);
            chunk.seal(0, ctx.now + RETRY_TTL);
            self.totals.generated += 1;
            self.last_tick.generated += 1;
            if chunk.len() == CHUNK {
                self.flush(sb, chunk);
            }
        }
    }

    /// Sends `chunk` in one call and counts what happened to each record.
    fn flush(&mut self, sb: &mut Sandbox, chunk: &mut Chunk) {
        if chunk.is_empty() {
            return;
        }
        // Through each service's typed entry: the same checks, limits and event-log entry as
        // the JSON call, without base64 and JSON in between.
        let outcomes: Result<Vec<Option<ErrorKind>>, ApiError> = match &self.destination {
            Destination::Stream(name) => {
                let name = name.clone();
                streams::put_records_typed_iter(sb, Caller::Generator, &name, chunk.iter()).map(
                    |out| {
                        out.results
                            .iter()
                            .map(|r| match r {
                                streams::PutResult::Stored { .. } => None,
                                streams::PutResult::Throttled { .. } => {
                                    Some(ErrorKind::ProvisionedThroughputExceededException)
                                }
                            })
                            .collect()
                    },
                )
            }
            Destination::DeliveryStream(name) => {
                let name = name.clone();
                let records = chunk.iter().map(|(_, data)| data);
                let target = super::firehose::PUT_RECORD_BATCH;
                sb.call_typed(Caller::Generator, target, Some(&name), |sb| {
                    super::firehose::put_record_batch_typed(sb, &name, records)
                })
                .map(|out| {
                    out.results
                        .iter()
                        .map(|r| r.as_ref().err().copied())
                        .collect()
                })
            }
        };
        let outcomes = outcomes.unwrap_or_else(|e| {
            self.last_error = Some(e.to_string());
            vec![Some(e.kind()); chunk.len()]
        });
        self.count(sb, chunk, outcomes);
    }

    /// Counts what happened to each record of `chunk` and queues throttled ones for a retry.
    fn count(&mut self, sb: &mut Sandbox, chunk: &mut Chunk, outcomes: Vec<Option<ErrorKind>>) {
        let b64 = base64::engine::general_purpose::STANDARD;
        let now = sb.now;
        let records = chunk.iter().zip(&chunk.records).zip(outcomes);
        for (((key, data), slot), outcome) in records {
            match outcome {
                None => {
                    self.totals.sent += 1;
                    self.last_tick.sent += 1;
                }
                Some(kind) if is_throttle(kind) => {
                    self.totals.throttled += 1;
                    self.last_tick.throttled += 1;
                    if self.retry_throttled {
                        if self.pending.len() == MAX_PENDING {
                            self.pending.pop_front();
                            self.totals.failed += 1;
                            self.last_tick.failed += 1;
                        }
                        let attempts = slot.attempts + 1;
                        self.pending.push_back(Pending {
                            data: b64.encode(data),
                            partition_key: key.to_string(),
                            attempts,
                            due: now + backoff(attempts),
                            expires: slot.expires,
                        });
                    }
                }
                Some(kind) => {
                    self.totals.failed += 1;
                    self.last_tick.failed += 1;
                    self.last_error = Some(kind.to_string());
                }
            }
        }
        chunk.clear();
    }
}
