//! The wizard's "HTTP endpoint" destination (step 3, as in the console): the endpoint's URL,
//! name and access key, content encoding, retry duration and S3 backup mode. Pure state, its
//! rules and the `HttpEndpointDestinationConfiguration` it asks for.

use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpEndpointForm {
    /// The destination chosen is "HTTP Endpoint" (else Amazon S3).
    pub enabled: bool,
    pub url: String,
    pub name: String,
    pub access_key: String,
    /// "Content encoding": GZIP.
    pub gzip: bool,
    /// "Retry duration" in seconds, as typed.
    pub retry_s: String,
    /// "S3 backup mode": All data (else Failed data only).
    pub all_data: bool,
}

impl Default for HttpEndpointForm {
    fn default() -> Self {
        Self {
            enabled: false,
            url: String::new(),
            name: String::new(),
            access_key: String::new(),
            gzip: false,
            retry_s: "300".into(),
            all_data: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpAction {
    Enabled(bool),
    Url(String),
    Name(String),
    AccessKey(String),
    Gzip(bool),
    Retry(String),
    AllData(bool),
}

/// The largest buffer an HTTP endpoint takes (MiB).
pub const MAX_SIZE_MB: i64 = 64;

impl HttpEndpointForm {
    pub fn apply(&mut self, action: HttpAction) {
        match action {
            HttpAction::Enabled(on) => self.enabled = on,
            HttpAction::Url(v) => self.url = v,
            HttpAction::Name(v) => self.name = v,
            HttpAction::AccessKey(v) => self.access_key = v,
            HttpAction::Gzip(on) => self.gzip = on,
            HttpAction::Retry(v) => self.retry_s = v,
            HttpAction::AllData(on) => self.all_data = on,
        }
    }

    /// Why the destination step can't be left yet, given the record processing chosen.
    pub fn check(&self, _transform: bool, convert: bool, partitioning: bool) -> Result<(), String> {
        if !self.enabled {
            return Ok(());
        }
        let url = self.url.trim();
        if !url.starts_with("https://") || url.len() <= "https://".len() || url.len() > 1000 {
            return Err(
                "Enter the HTTP endpoint URL: https://…, up to 1,000 characters (Firehose only delivers over HTTPS, on port 443)."
                    .into(),
            );
        }
        if self.name.chars().count() > 256 {
            return Err("The HTTP endpoint name can have up to 256 characters.".into());
        }
        if self.access_key.chars().count() > 4096 {
            return Err("The access key can have up to 4,096 characters.".into());
        }
        super::firehose_create::in_range(&self.retry_s, 0, 7200, "Retry duration", "seconds")?;
        if convert || partitioning {
            return Err("Record format conversion and dynamic partitioning are for Amazon S3 destinations only.".into());
        }
        Ok(())
    }

    /// `HttpEndpointDestinationConfiguration` with the buffer hints and the S3 configuration
    /// (`s3`) of the backup bucket.
    pub fn configuration(&self, role_arn: &str, size_mb: i64, interval_s: i64, s3: Value) -> Value {
        let mut endpoint = json!({ "Url": self.url.trim() });
        if !self.name.trim().is_empty() {
            endpoint["Name"] = json!(self.name.trim());
        }
        if !self.access_key.is_empty() {
            endpoint["AccessKey"] = json!(self.access_key);
        }
        json!({
            "EndpointConfiguration": endpoint,
            "RequestConfiguration": { "ContentEncoding": if self.gzip { "GZIP" } else { "NONE" } },
            "BufferingHints": { "SizeInMBs": size_mb, "IntervalInSeconds": interval_s },
            "RetryOptions": { "DurationInSeconds": self.retry_s.trim().parse::<i64>().unwrap_or(300) },
            "S3BackupMode": if self.all_data { "AllData" } else { "FailedDataOnly" },
            "RoleARN": role_arn,
            "S3Configuration": s3,
        })
    }

    /// The review page's line.
    pub fn text(&self) -> String {
        format!(
            "HTTP endpoint {}{}, content encoding {}, retry duration {} s, S3 backup: {}",
            self.url.trim(),
            if self.name.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", self.name.trim())
            },
            if self.gzip { "GZIP" } else { "none" },
            self.retry_s.trim(),
            if self.all_data {
                "all data"
            } else {
                "failed data only"
            }
        )
    }
}
