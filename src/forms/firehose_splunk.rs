//! The wizard's "Splunk" destination (step 3, as in the console): the Splunk cluster endpoint,
//! the endpoint type (Raw or Event), the authentication token, the HEC acknowledgement timeout,
//! the retry duration and the S3 backup mode. Pure state, its rules and the
//! `SplunkDestinationConfiguration` it asks for.

use crate::engine::firehose::splunk::{DEFAULT_ACK_TIMEOUT_S, DEFAULT_RETRY_S};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplunkForm {
    /// The destination chosen is "Splunk".
    pub enabled: bool,
    /// "Splunk cluster endpoint".
    pub endpoint: String,
    /// "Splunk endpoint type": Event endpoint (else Raw endpoint).
    pub event: bool,
    /// "Authentication token".
    pub token: String,
    /// "HEC acknowledgement timeout" in seconds, as typed.
    pub ack_timeout_s: String,
    /// "Retry duration" in seconds, as typed.
    pub retry_s: String,
    /// "S3 backup mode": All events (else Failed events only).
    pub all_events: bool,
}

impl Default for SplunkForm {
    fn default() -> Self {
        Self {
            enabled: false,
            endpoint: String::new(),
            event: false,
            token: String::new(),
            ack_timeout_s: DEFAULT_ACK_TIMEOUT_S.to_string(),
            retry_s: DEFAULT_RETRY_S.to_string(),
            all_events: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplunkAction {
    Enabled(bool),
    Endpoint(String),
    Event(bool),
    Token(String),
    AckTimeout(String),
    Retry(String),
    AllEvents(bool),
}

/// Splunk's buffer limits: 1–5 MiB, 0–60 seconds (defaults 5 and 60).
pub const MAX_SIZE_MB: i64 = 5;
pub const MAX_INTERVAL_S: i64 = 60;

impl SplunkForm {
    pub fn apply(&mut self, action: SplunkAction) {
        match action {
            SplunkAction::Enabled(on) => self.enabled = on,
            SplunkAction::Endpoint(v) => self.endpoint = v,
            SplunkAction::Event(on) => self.event = on,
            SplunkAction::Token(v) => self.token = v,
            SplunkAction::AckTimeout(v) => self.ack_timeout_s = v,
            SplunkAction::Retry(v) => self.retry_s = v,
            SplunkAction::AllEvents(on) => self.all_events = on,
        }
    }

    /// Why the destination step can't be left yet, given the record processing chosen.
    pub fn check(&self, convert: bool, partitioning: bool) -> Result<(), String> {
        if !self.enabled {
            return Ok(());
        }
        let e = self.endpoint.trim();
        if !e.starts_with("https://") || e.len() <= "https://".len() || e.len() > 2048 {
            return Err("Enter the Splunk cluster endpoint: the HEC's https:// URL, for example https://hec.splunk.sandbox:8088.".into());
        }
        if self.token.trim().is_empty() {
            return Err("Enter the authentication token: the HEC token's value.".into());
        }
        super::firehose_create::in_range(
            &self.ack_timeout_s,
            180,
            600,
            "HEC acknowledgement timeout",
            "seconds",
        )?;
        super::firehose_create::in_range(&self.retry_s, 0, 7200, "Retry duration", "seconds")?;
        if convert || partitioning {
            return Err("Record format conversion and dynamic partitioning are for Amazon S3 destinations only.".into());
        }
        Ok(())
    }

    /// `SplunkDestinationConfiguration` with the buffer hints, the processing configuration,
    /// the logging options and the S3 configuration (`s3`) of the backup bucket.
    pub fn configuration(
        &self,
        size_mb: i64,
        interval_s: i64,
        processing: Value,
        logging: Option<&Value>,
        s3: Value,
    ) -> Value {
        let mut out = json!({
            "HECEndpoint": self.endpoint.trim(),
            "HECEndpointType": if self.event { "Event" } else { "Raw" },
            "HECToken": self.token.trim(),
            "HECAcknowledgmentTimeoutInSeconds": self.ack_timeout_s.trim().parse::<i64>().unwrap_or(180),
            "RetryOptions": { "DurationInSeconds": self.retry_s.trim().parse::<i64>().unwrap_or(3600) },
            "S3BackupMode": if self.all_events { "AllEvents" } else { "FailedEventsOnly" },
            "BufferingHints": { "SizeInMBs": size_mb, "IntervalInSeconds": interval_s },
            "ProcessingConfiguration": processing,
            "S3Configuration": s3,
        });
        if let Some(l) = logging {
            out["CloudWatchLoggingOptions"] = l.clone();
        }
        out
    }

    /// The review page's line.
    pub fn text(&self) -> String {
        format!(
            "Splunk {} ({} endpoint), HEC acknowledgement timeout {} s, retry duration {} s, S3 backup: {}",
            self.endpoint.trim(),
            if self.event { "Event" } else { "Raw" },
            self.ack_timeout_s.trim(),
            self.retry_s.trim(),
            if self.all_events {
                "all events"
            } else {
                "failed events only"
            }
        )
    }
}
