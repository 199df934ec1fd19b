//! The façade: one `Sandbox`, one `call`, one `advance`. Everything goes through here.

use super::body::Body;
use super::context::{Ctx, Holds};
use super::events::{Caller, EventLog};
use super::registry::{self, Access, Operation, Service, Target};
use super::{
    cloudwatch, endpoints, firehose, generator, glue, iam, lambda, opensearch, redshift, s3,
    splunk, streams, video, ApiError, SandboxRng, SimTime,
};
use crate::engine::extension::{self, Extension};
use crate::engine::ErrorKind;
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

/// Declares the account: the fields every sandbox has, one field per service state, and
/// [`SERVICES`], the registry, in the order services react to time passing. Adding a service
/// is one line here (`field: State => [SERVICE, …]`) and its folder.
macro_rules! services {
    ($($field:ident: $state:ty => [$($service:path),+ $(,)?]),+ $(,)?) => {
        /// A whole simulated AWS account: its services, its clock, its randomness and its
        /// event log.
        ///
        /// The sandbox never reads a real clock, never touches the browser and draws every
        /// random number from its seeded generator, so the same config and the same calls
        /// give the same answers, byte for byte.
        #[derive(Debug, Clone, Serialize, Deserialize)]
        pub struct Sandbox {
            pub(crate) config: SandboxConfig,
            pub(crate) now: SimTime,
            pub(crate) rng: SandboxRng,
            pub(crate) events: EventLog,
            /// Time asked for while an extension was missing, passed once it is there.
            #[serde(skip)]
            pub(crate) held: Duration,
            // A save made before a service existed has no section for it: it starts empty.
            $(#[serde(default)] pub(crate) $field: $state,)+
        }

        impl Sandbox {
            pub fn new(config: SandboxConfig) -> Self {
                Self {
                    now: config.start_time,
                    rng: SandboxRng::seed_from_u64(config.seed),
                    events: EventLog::default(),
                    held: Duration::ZERO,
                    $($field: <$state>::default(),)+
                    config,
                }
            }
        }

        $(impl Holds<$state> for Sandbox {
            fn ctx(&mut self) -> Ctx<'_, $state> {
                Ctx {
                    now: self.now,
                    config: &self.config,
                    rng: &mut self.rng,
                    state: &mut self.$field,
                }
            }
        })+

        /// Every service of the account, in the order they react to time passing.
        pub const SERVICES: &[&Service] = &[$($(&$service),+),+];
    };
}

services! {
    streams: streams::Streams => [streams::SERVICE],
    generator: generator::Generator => [generator::SERVICE],
    firehose: firehose::Firehose => [firehose::SERVICE],
    opensearch: opensearch::OpenSearch => [opensearch::SERVICE],
    s3: s3::S3 => [s3::SERVICE],
    iam: iam::Iam => [iam::SERVICE],
    cloudwatch: cloudwatch::CloudWatch => [cloudwatch::METRICS_SERVICE, cloudwatch::LOGS_SERVICE],
    glue: glue::Glue => [glue::SERVICE],
    lambda: lambda::Lambda => [lambda::SERVICE],
    endpoints: endpoints::Endpoints => [endpoints::SERVICE],
    redshift: redshift::Redshift => [redshift::SERVICE, redshift::DATA_SERVICE],
    splunk: splunk::Splunk => [splunk::SERVICE],
    video: video::Video => [
        video::SERVICE,
        video::MEDIA_SERVICE,
        video::ARCHIVED_MEDIA_SERVICE,
        video::producer::SERVICE
    ],
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new(SandboxConfig::default())
    }
}

impl Sandbox {
    /// The longest step `advance` takes at once, so timers fire on whole seconds.
    const TICK: Duration = Duration::from_secs(1);

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
    /// The answer is the response body; `Value::Null` is an empty body (Kinesis' operations
    /// without output).
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
        let found = registry::operation(target);
        let result = self.dispatch(found, &body);
        let resource = found.and_then(|(service, _)| {
            service
                .resource_fields
                .iter()
                .find_map(|k| body.get(k).and_then(Value::as_str))
        });
        self.log(caller, target, resource, &result);
        result
    }

    /// Runs an operation for an internal caller (the generator putting records, a delivery
    /// stream reading its source) through its typed entry, `op`, and logs it like any call.
    /// Services call each other only this way or through [`Sandbox::call_as`].
    pub fn call_typed<T>(
        &mut self,
        caller: Caller,
        target: Target,
        resource: Option<&str>,
        op: impl FnOnce(&mut Sandbox) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let result = op(self);
        self.log(caller, &target.to_string(), resource, &result);
        result
    }

    fn log<T>(
        &mut self,
        caller: Caller,
        target: &str,
        resource: Option<&str>,
        result: &Result<T, ApiError>,
    ) {
        let error = result.as_ref().err().map(|e| e.error_type().to_string());
        self.events.record(
            self.now,
            caller,
            target,
            resource.map(str::to_string),
            error,
        );
    }

    /// Answers a read-only operation (see [`is_read_only`]) without it counting as a call: not
    /// logged, and no random number is drawn for good. Lab goals look at the sandbox this way.
    pub fn inspect(&mut self, target: &str, body: Value) -> Result<Value, ApiError> {
        if !is_read_only(target) {
            return Err(ApiError::new(
                ErrorKind::AccessDeniedException,
                format!("{target} changes the sandbox; only Describe, List, Get, Head and Simulate operations can be inspected."),
            ));
        }
        let rng = self.rng.clone();
        let result = self.dispatch(registry::operation(target), &body);
        self.rng = rng;
        result
    }

    fn dispatch(
        &mut self,
        found: Option<(&'static Service, &'static Operation)>,
        body: &Value,
    ) -> Result<Value, ApiError> {
        // Like AWS: a missing body for a real operation is a serialization error, any other
        // non-object body is too, and only a well-formed body reaches the operation check.
        match (body, found) {
            (Value::Null, Some(_)) => Err(ApiError::serialization(None)),
            (Value::Null, None) => Err(ApiError::unknown_operation()),
            (Value::Object(map), Some((_, op))) => (op.handler)(self, Body(map)),
            (Value::Object(_), None) => Err(ApiError::unknown_operation()),
            _ => Err(ApiError::serialization(None)),
        }
    }

    /// Moves simulated time forward by `by`. Everything time-driven happens in here, a whole
    /// second at a time at most.
    /// The extensions (`engine::extension`) the sandbox needs before time can pass and that
    /// are not there yet: the fake data while the generator sends, ZIP and Snappy while a
    /// delivery stream writes either, jq while one partitions with a query, Parquet and ORC
    /// while one converts. Always empty natively and in unsplit builds.
    pub fn missing_extensions(&self) -> Vec<Extension> {
        let mut missing = Vec::new();
        if !extension::present(Extension::FakeData)
            && self.generator().sender().is_some_and(|s| s.is_sending())
        {
            missing.push(Extension::FakeData);
        }
        if !extension::present(Extension::Codecs)
            && self.firehose().names().any(|name| {
                self.firehose()
                    .get(name)
                    .is_some_and(|d| firehose::compress::needs_codecs(d.destination.compression))
            })
        {
            missing.push(Extension::Codecs);
        }
        let streams = || {
            self.firehose()
                .names()
                .filter_map(|n| self.firehose().get(n))
        };
        if !extension::present(Extension::Jq)
            && streams().any(|d| {
                firehose::partitioned::is_on(d)
                    && d.destination
                        .processing
                        .as_ref()
                        .is_some_and(|p| p.query().is_some())
            })
        {
            missing.push(Extension::Jq);
        }
        if !extension::present(Extension::Columnar) && streams().any(firehose::converting::is_on) {
            missing.push(Extension::Columnar);
        }
        if !extension::present(Extension::Sql) && self.redshift.has_submitted() {
            missing.push(Extension::Sql);
        }
        missing
    }

    /// Time asked for while an extension was missing, not passed yet.
    pub fn held_time(&self) -> Duration {
        self.held
    }

    /// Moves the clock on by `by`, a tick (one simulated second) at a time, each service acting
    /// in registry order. While an extension the sandbox needs is missing
    /// ([`Sandbox::missing_extensions`]) the clock stays still and the time is held; the next
    /// `advance` once the host has installed it passes the held time first, so the simulation
    /// is the same as if the extension had always been there.
    pub fn advance(&mut self, by: Duration) {
        if !self.missing_extensions().is_empty() || self.lambda.has_waiting() {
            self.held += by;
            return;
        }
        // Data API statements submitted while the SQL extension was on its way run now, before
        // any time passes (also for a zero advance: the clock may be paused).
        if self.redshift.has_submitted() {
            self.run_submitted();
        }
        let by = by + std::mem::take(&mut self.held);
        let end = self.now + by;
        while self.now < end {
            let ms = self.now.epoch_millis();
            let tick = Self::TICK.as_millis() as i64;
            let next_boundary = SimTime::from_millis((ms.div_euclid(tick) + 1) * tick);
            self.now = next_boundary.min(end);
            self.on_time_passed();
            // A function's run was handed out: the clock waits for its answer, keeping the
            // rest of the time asked for.
            if self.lambda.has_waiting() {
                self.held = end.since(self.now);
                return;
            }
        }
    }

    fn on_time_passed(&mut self) {
        for service in SERVICES {
            if let Some(react) = service.on_time_passed {
                react(self);
            }
        }
    }

    /// `arn:aws:<service>:<region>:<account>:<resource>`
    pub fn arn(&self, service: &str, resource: &str) -> String {
        format!(
            "arn:aws:{service}:{}:{}:{resource}",
            self.config.region, self.config.account_id
        )
    }
}

/// Whether `target` (`Kinesis_20131202.ListStreams`) names a registered operation.
pub fn is_known_target(target: &str) -> bool {
    registry::operation(target).is_some()
}

/// Whether `target` is a registered operation that only reads (see [`Access`]).
pub fn is_read_only(target: &str) -> bool {
    registry::operation(target).is_some_and(|(_, op)| op.access == Access::ReadOnly)
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
