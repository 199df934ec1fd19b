//! The façade: one `Sandbox`, one `call`, one `advance`. Everything goes through here.

use super::events::{Caller, EventLog};
use super::{cloudwatch, firehose, generator, iam, s3, streams, ApiError, SandboxRng, SimTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::time::Duration;

/// How a sandbox starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SandboxConfig {
    /// Seeds every random choice the engine makes (generator values, S3 key suffixes, …).
    pub seed: u64,
    /// The simulated time the sandbox starts at.
    pub start_time: SimTime,
    /// The 12-digit AWS account id in ARNs and messages.
    pub account_id: String,
    /// The region in ARNs and messages.
    pub region: String,
    /// Open shards the account may hold across its data streams (AWS's 2023 default: 500).
    #[serde(default = "default_shard_limit")]
    pub kinesis_shard_limit: u32,
    /// Bytes of stream records (partition keys and data) the sandbox holds at most; writes
    /// beyond it are refused with a clear error, stored data is never dropped.
    #[serde(default = "default_stream_byte_budget")]
    pub stream_byte_budget: u64,
}

fn default_shard_limit() -> u32 {
    500
}

fn default_stream_byte_budget() -> u64 {
    256 * 1024 * 1024
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: 0,
            start_time: SimTime::DEFAULT_START,
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            kinesis_shard_limit: default_shard_limit(),
            stream_byte_budget: default_stream_byte_budget(),
        }
    }
}

/// A whole simulated AWS account: its services, its clock, its randomness and its event log.
///
/// The sandbox never reads a real clock, never touches the browser and draws every random
/// number from its seeded generator, so the same config and the same calls give the same
/// answers, byte for byte.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sandbox {
    pub(crate) config: SandboxConfig,
    pub(crate) now: SimTime,
    pub(crate) rng: SandboxRng,
    pub(crate) events: EventLog,
    pub(crate) streams: streams::Streams,
    #[serde(default)]
    pub(crate) generator: generator::Generator,
    pub(crate) s3: s3::S3,
    pub(crate) iam: iam::Iam,
    pub(crate) cloudwatch: cloudwatch::CloudWatch,
    pub(crate) firehose: firehose::Firehose,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new(SandboxConfig::default())
    }
}

/// The services `call` knows, by the prefix of their `X-Amz-Target`, with their operations.
pub const SERVICES: &[(&str, &[&str])] = &[
    ("Kinesis_20131202", streams::OPERATIONS),
    ("KinesisDataGenerator", generator::OPERATIONS),
    ("S3", s3::OPERATIONS),
    ("IAM", iam::OPERATIONS),
    ("CloudWatch", cloudwatch::METRIC_OPERATIONS),
    ("Logs", cloudwatch::LOGS_OPERATIONS),
    ("Firehose_20150804", firehose::OPERATIONS),
];

impl Sandbox {
    /// The longest step `advance` takes at once, so timers fire on whole seconds.
    const TICK: Duration = Duration::from_secs(1);

    pub fn new(config: SandboxConfig) -> Self {
        Self {
            now: config.start_time,
            rng: SandboxRng::seed_from_u64(config.seed),
            events: EventLog::default(),
            streams: streams::Streams::default(),
            generator: generator::Generator::default(),
            s3: s3::S3::default(),
            iam: iam::Iam::default(),
            cloudwatch: cloudwatch::CloudWatch::default(),
            firehose: firehose::Firehose::default(),
            config,
        }
    }

    pub fn config(&self) -> &SandboxConfig {
        &self.config
    }

    /// The simulated time now.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The log of calls made so far.
    pub fn events(&self) -> &EventLog {
        &self.events
    }

    /// The Kinesis Data Generator's state, for the page to read each frame.
    pub fn generator(&self) -> &generator::Generator {
        &self.generator
    }

    /// The sandbox's seeded random number generator.
    pub fn rng(&mut self) -> &mut SandboxRng {
        &mut self.rng
    }

    /// Calls an operation as the learner would: `target` is the `X-Amz-Target`
    /// (`Kinesis_20131202.ListStreams`) and `body` the JSON request with AWS's field names.
    pub fn call(&mut self, target: &str, body: Value) -> Result<Value, ApiError> {
        self.call_as(Caller::User, target, body)
    }

    /// Calls an operation on behalf of `caller` (the generator, a delivery stream).
    pub fn call_as(
        &mut self,
        caller: Caller,
        target: &str,
        body: Value,
    ) -> Result<Value, ApiError> {
        let result = self.dispatch(target, &body);
        let resource = ["StreamName", "DeliveryStreamName"]
            .iter()
            .find_map(|k| body.get(k).and_then(Value::as_str))
            .map(str::to_string);
        let error = result.as_ref().err().map(|e| e.error_type().to_string());
        self.events
            .record(self.now, caller, target, resource, error);
        result
    }

    /// Answers a read-only operation (see [`is_read_only`]) without it counting as a call: not
    /// logged, and no random number is drawn for good. Lab goals look at the sandbox this way.
    pub fn inspect(&mut self, target: &str, body: Value) -> Result<Value, ApiError> {
        if !is_read_only(target) {
            return Err(ApiError::new(
                "AccessDeniedException",
                format!("{target} changes the sandbox; only Describe, List, Get, Head and Simulate operations can be inspected."),
            ));
        }
        let rng = self.rng.clone();
        let result = self.dispatch(target, &body);
        self.rng = rng;
        result
    }

    fn dispatch(&mut self, target: &str, body: &Value) -> Result<Value, ApiError> {
        let (service, operation) = target.split_once('.').unwrap_or((target, ""));
        let known = is_known_target(target);
        // Like AWS: a missing body for a real operation is a serialization error, any other
        // non-object body is too, and only a well-formed body reaches the operation check.
        match body {
            Value::Null if known => return Err(ApiError::serialization(None)),
            Value::Null => return Err(ApiError::unknown_operation()),
            Value::Object(_) => {}
            _ => return Err(ApiError::serialization(None)),
        }
        if !known {
            return Err(ApiError::unknown_operation());
        }
        match service {
            "Kinesis_20131202" => streams::call(self, operation, body),
            "KinesisDataGenerator" => generator::call(self, operation, body),
            "S3" => s3::call(self, operation, body),
            "IAM" => iam::call(self, operation, body),
            "CloudWatch" => cloudwatch::call_metrics(self, operation, body),
            "Logs" => cloudwatch::call_logs(self, operation, body),
            "Firehose_20150804" => firehose::call(self, operation, body),
            _ => Err(ApiError::unknown_operation()),
        }
    }

    /// Moves simulated time forward by `by`. Everything time-driven happens in here, a whole
    /// second at a time at most.
    pub fn advance(&mut self, by: Duration) {
        let end = self.now + by;
        while self.now < end {
            let ms = self.now.epoch_millis();
            let tick = Self::TICK.as_millis() as i64;
            let next_boundary = SimTime::from_millis((ms.div_euclid(tick) + 1) * tick);
            self.now = next_boundary.min(end);
            self.on_time_passed();
        }
    }

    fn on_time_passed(&mut self) {
        streams::on_time_passed(self);
        generator::on_time_passed(self);
        firehose::on_time_passed(self);
    }

    /// `arn:aws:<service>:<region>:<account>:<resource>`
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.config.region, self.config.account_id
        )
    }
}

/// Whether `target` (`Kinesis_20131202.ListStreams`) names an operation of one of [`SERVICES`].
pub fn is_known_target(target: &str) -> bool {
    let (service, operation) = target.split_once('.').unwrap_or((target, ""));
    SERVICES
        .iter()
        .any(|(name, ops)| *name == service && ops.contains(&operation))
}

/// Whether an operation only reads: `Describe*`, `List*`, `Get*` (except the stream reads,
/// which use up a shard's read limits and move iterators), `Head*`, `Filter*` and
/// `SimulatePrincipalPolicy`.
pub fn is_read_only(target: &str) -> bool {
    let Some((_, operation)) = target.split_once('.') else {
        return false;
    };
    if matches!(operation, "GetRecords" | "GetShardIterator") {
        return false;
    }
    ["Describe", "List", "Get", "Head", "Filter", "Simulate"]
        .iter()
        .any(|p| operation.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn advance_moves_the_clock_exactly() {
        let mut sb = Sandbox::default();
        let start = sb.now();
        sb.advance(Duration::from_millis(1_500));
        sb.advance(Duration::from_millis(250));
        assert_eq!(sb.now().since(start), Duration::from_millis(1_750));
        sb.advance(Duration::from_secs(300));
        assert_eq!(sb.now().since(start), Duration::from_millis(301_750));
    }

    #[test]
    fn every_call_is_logged() {
        let mut sb = Sandbox::default();
        sb.call("Kinesis_20131202.ListStreams", json!({})).unwrap();
        sb.call("Kinesis_20131202.Nope", json!({})).unwrap_err();
        let events: Vec<_> = sb.events().recent().collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].error, None);
        assert_eq!(
            events[1].error.as_deref(),
            Some("UnknownOperationException")
        );
    }

    #[test]
    fn inspect_reads_without_logging_and_refuses_writes() {
        let mut sb = Sandbox::default();
        sb.call(
            "Kinesis_20131202.CreateStream",
            json!({"StreamName": "s", "ShardCount": 1}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(60));
        let before = sb.events().total();
        let out = sb
            .inspect(
                "Kinesis_20131202.DescribeStreamSummary",
                json!({"StreamName": "s"}),
            )
            .unwrap();
        assert_eq!(out["StreamDescriptionSummary"]["OpenShardCount"], 1);
        assert_eq!(sb.events().total(), before);
        let e = sb
            .inspect("Kinesis_20131202.DeleteStream", json!({"StreamName": "s"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "AccessDeniedException");
        assert!(!is_read_only("Kinesis_20131202.GetRecords"));
        assert!(is_read_only("S3.GetObject"));
        assert!(is_read_only("IAM.SimulatePrincipalPolicy"));
    }

    #[test]
    fn arns_name_the_account_and_region() {
        let sb = Sandbox::default();
        assert_eq!(
            sb.arn("kinesis", "stream/x"),
            "arn:aws:kinesis:us-east-1:123456789012:stream/x"
        );
    }
}
