//! The Amazon Redshift destination (`RedshiftDestinationConfiguration`): records are always
//! delivered to the intermediate S3 bucket first (the stream's `destination` is its
//! `S3Configuration`), then each object is loaded with a COPY: Firehose writes a manifest
//! naming it under `manifests/`, connects with the JDBC URL, user name and password, and runs
//! `COPY <table> (<columns>) FROM '<manifest>' CREDENTIALS 'aws_iam_role=<role>' MANIFEST
//! <CopyOptions>`. One COPY after another, in order: a failing one holds the next.
//!
//! - A failed COPY is retried every 5 minutes until `RetryOptions.DurationInSeconds`
//!   (default 3600, 0 = no retry) has passed since the first attempt; then the object is
//!   skipped and a manifest of the skipped objects goes to the bucket under `errors/`, for a
//!   manual backfill.
//! - Firehose doesn't create the table and doesn't delete the intermediate objects.
//! - The intermediate bucket can't be Snappy, ZIP or Hadoop-Snappy compressed; with GZIP the
//!   COPY options must say GZIP (otherwise the COPY reads compressed bytes and fails).
//!
//! Ledger: a record is awaiting retry from sealing until its COPY succeeds (delivered) or is
//! skipped (error output: its object is named in an `errors/` manifest).

use super::delivery::log_error;
use super::errors::DeliveryError;
use super::metrics::FirehoseMetric;
use super::{metric, Compression, DeliveryStream};
use crate::engine::body::Body;
use crate::engine::{ApiError, Caller, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

/// `RetryOptions.DurationInSeconds` when not given.
pub const DEFAULT_RETRY_S: u32 = 3600;
/// How long Firehose waits between two COPY attempts.
pub const RETRY_EVERY: Duration = Duration::from_secs(300);

/// `RedshiftDestinationConfiguration`, as set (the `S3Configuration` is the stream's
/// `destination`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedshiftDestination {
    pub role_arn: String,
    pub jdbc_url: String,
    pub table: String,
    pub columns: Option<String>,
    pub copy_options: Option<String>,
    pub username: String,
    /// Never described.
    pub password: String,
    pub retry_s: u32,
}

impl RedshiftDestination {
    /// The COPY statement Firehose runs for a manifest.
    pub fn copy_statement(&self, bucket: &str, manifest: &str) -> String {
        let columns = self
            .columns
            .as_deref()
            .filter(|c| !c.trim().is_empty())
            .map(|c| format!(" ({c})"))
            .unwrap_or_default();
        let options = self
            .copy_options
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| format!(" {}", o.trim().trim_end_matches(';')))
            .unwrap_or_default();
        format!(
            "COPY {}{columns} FROM 's3://{bucket}/{manifest}' CREDENTIALS 'aws_iam_role={}' MANIFEST{options};",
            self.table, self.role_arn
        )
    }

    /// `RedshiftDestinationDescription` (the password is never shown).
    pub fn describe(&self, s3: Value, d: &DeliveryStream) -> Value {
        let mut copy = json!({ "DataTableName": self.table });
        if let Some(c) = &self.columns {
            copy["DataTableColumns"] = json!(c);
        }
        if let Some(o) = &self.copy_options {
            copy["CopyOptions"] = json!(o);
        }
        let dest = &d.destination;
        let mut out = json!({
            "RoleARN": self.role_arn,
            "ClusterJDBCURL": self.jdbc_url,
            "CopyCommand": copy,
            "Username": self.username,
            "RetryOptions": {"DurationInSeconds": self.retry_s},
            "S3DestinationDescription": s3,
            "S3BackupMode": if dest.backup.is_some() { "Enabled" } else { "Disabled" },
            "CloudWatchLoggingOptions": {
                "Enabled": dest.logging.enabled,
                "LogGroupName": dest.logging.log_group,
                "LogStreamName": dest.logging.log_stream,
            },
        });
        if let Some(p) = &dest.processing {
            out["ProcessingConfiguration"] = p.describe();
        }
        out
    }
}

/// An object in the intermediate bucket waiting for its COPY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopyJob {
    pub bucket: String,
    pub key: String,
    /// The manifest written for it, once the first attempt was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manifest: Option<String>,
    pub records: u64,
    pub bytes: u64,
    pub oldest_arrival: SimTime,
    pub first_attempt: SimTime,
    pub next_attempt: SimTime,
    pub attempts: u32,
    /// The last attempt's error code and message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<(String, String)>,
}

const JDBC_PATTERN: &str = "jdbc:(redshift|postgresql)://((?!-)[A-Za-z0-9-]{1,63}(?<!-)\\.)+(redshift(-serverless)?)\\.([a-zA-Z0-9\\.\\-]+):\\d{1,5}/[a-zA-Z0-9_$-]+";

/// Whether a JDBC URL has the shape the API's pattern asks for.
pub fn jdbc_url_ok(url: &str) -> bool {
    let Some((host, port, db)) = crate::engine::redshift::parse_jdbc(url) else {
        return false;
    };
    let labels: Vec<&str> = host.split('.').collect();
    let redshift_at = labels
        .iter()
        .position(|l| *l == "redshift" || *l == "redshift-serverless");
    redshift_at.is_some_and(|i| i >= 1 && i + 1 < labels.len())
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
        && port > 0
        && !db.is_empty()
        && db
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_$-".contains(c))
}

/// Reads the configuration; its `S3Configuration` body is returned for the caller to read as
/// the intermediate bucket.
pub(super) fn read<'a>(cfg: Body<'a>) -> Result<(RedshiftDestination, Body<'a>), ApiError> {
    let p = "redshiftDestinationConfiguration";
    let mut v = Validation::new();
    let role = v.required(cfg.string("RoleARN")?, &format!("{p}.roleARN"));
    let url = v.required(
        cfg.string("ClusterJDBCURL")?,
        &format!("{p}.clusterJDBCURL"),
    );
    if let Some(u) = url {
        if !jdbc_url_ok(u) || u.len() > 512 {
            v.fail(
                Some(u),
                &format!("{p}.clusterJDBCURL"),
                &format!("Member must satisfy regular expression pattern: {JDBC_PATTERN}"),
            );
        }
    }
    let copy = cfg.object("CopyCommand")?;
    v.required(copy, &format!("{p}.copyCommand"));
    let (mut table, mut columns, mut options) = (None, None, None);
    if let Some(c) = copy {
        table = v.required(
            c.string("DataTableName")?,
            &format!("{p}.copyCommand.dataTableName"),
        );
        if let Some(t) = table {
            v.string(t, &format!("{p}.copyCommand.dataTableName"), None, 1, 512);
        }
        columns = c.string("DataTableColumns")?;
        options = c.string("CopyOptions")?;
        if let Some(o) = options {
            v.string(o, &format!("{p}.copyCommand.copyOptions"), None, 0, 204_800);
        }
    }
    if cfg.has("SecretsManagerConfiguration") {
        return Err(ApiError::invalid_argument(
            "SecretsManagerConfiguration is not available in the sandbox (it has no Secrets Manager): give Username and Password.",
        ));
    }
    let user = cfg.string("Username")?;
    let password = cfg.string("Password")?;
    if let Some(u) = user {
        v.string(u, &format!("{p}.username"), None, 1, 512);
    }
    if let Some(pw) = password {
        if pw.len() < 6 || pw.len() > 512 {
            v.fail(
                None,
                &format!("{p}.password"),
                "Member must have length greater than or equal to 6",
            );
        }
    }
    let mut retry_s = DEFAULT_RETRY_S;
    if let Some(r) = cfg.object("RetryOptions")? {
        if let Some(s) = r.integer("DurationInSeconds")? {
            v.range(s, &format!("{p}.retryOptions.durationInSeconds"), 0, 7200);
            retry_s = s.clamp(0, 7200) as u32;
        }
    }
    let s3 = cfg.object("S3Configuration")?;
    v.required(s3, &format!("{p}.s3Configuration"));
    v.finish()?;
    let (Some(user), Some(password)) = (user, password) else {
        return Err(ApiError::invalid_argument(
            "Username and Password are required when SecretsManagerConfiguration is not enabled.",
        ));
    };
    let (Some(role), Some(url), Some(table), Some(s3)) = (role, url, table, s3) else {
        unreachable!("validated above")
    };
    Ok((
        RedshiftDestination {
            role_arn: role.to_string(),
            jdbc_url: url.to_string(),
            table: table.to_string(),
            columns: columns.map(str::to_string).filter(|c| !c.trim().is_empty()),
            copy_options: options.map(str::to_string).filter(|o| !o.trim().is_empty()),
            username: user.to_string(),
            password: password.to_string(),
            retry_s,
        },
        s3,
    ))
}

/// `RedshiftDestinationUpdate`: the fields given replace those of `base`; its `S3Update`
/// body, if any, is returned for the caller to read as the intermediate bucket's update.
pub(super) fn read_update<'a>(
    cfg: Body<'a>,
    base: &RedshiftDestination,
) -> Result<(RedshiftDestination, Option<Body<'a>>), ApiError> {
    let p = "redshiftDestinationUpdate";
    let mut v = Validation::new();
    let mut out = base.clone();
    if let Some(r) = cfg.string("RoleARN")? {
        out.role_arn = r.to_string();
    }
    if let Some(u) = cfg.string("ClusterJDBCURL")? {
        if !jdbc_url_ok(u) || u.len() > 512 {
            v.fail(
                Some(u),
                &format!("{p}.clusterJDBCURL"),
                &format!("Member must satisfy regular expression pattern: {JDBC_PATTERN}"),
            );
        }
        out.jdbc_url = u.to_string();
    }
    if let Some(c) = cfg.object("CopyCommand")? {
        let table = v.required(
            c.string("DataTableName")?,
            &format!("{p}.copyCommand.dataTableName"),
        );
        if let Some(t) = table {
            out.table = t.to_string();
        }
        out.columns = c
            .string("DataTableColumns")?
            .map(str::to_string)
            .filter(|c| !c.trim().is_empty());
        out.copy_options = c
            .string("CopyOptions")?
            .map(str::to_string)
            .filter(|o| !o.trim().is_empty());
    }
    if let Some(u) = cfg.string("Username")? {
        v.string(u, &format!("{p}.username"), None, 1, 512);
        out.username = u.to_string();
    }
    if let Some(pw) = cfg.string("Password")? {
        if pw.len() < 6 || pw.len() > 512 {
            v.fail(
                None,
                &format!("{p}.password"),
                "Member must have length greater than or equal to 6",
            );
        }
        out.password = pw.to_string();
    }
    if let Some(r) = cfg.object("RetryOptions")? {
        if let Some(s) = r.integer("DurationInSeconds")? {
            v.range(s, &format!("{p}.retryOptions.durationInSeconds"), 0, 7200);
            out.retry_s = s.clamp(0, 7200) as u32;
        }
    }
    v.finish()?;
    Ok((out, cfg.object("S3Update")?))
}

/// The rules on the intermediate bucket's settings.
pub(super) fn check_intermediate(dest: &super::S3Destination) -> Result<(), ApiError> {
    if matches!(
        dest.compression,
        Compression::Snappy | Compression::Zip | Compression::HadoopSnappy
    ) {
        return Err(ApiError::invalid_argument(
            "Compression format ZIP, Snappy and HADOOP_SNAPPY are not supported for the Amazon Redshift destination's S3 configuration: use UNCOMPRESSED or GZIP (with GZIP in the COPY options).",
        ));
    }
    if dest.prefix.as_deref().is_some_and(|p| p.contains("!{")) {
        return Err(ApiError::invalid_argument(
            "Expressions in the S3 prefix are not supported for the Amazon Redshift destination.",
        ));
    }
    if dest.error_output_prefix.is_some() {
        return Err(ApiError::invalid_argument(
            "ErrorOutputPrefix is not supported for the Amazon Redshift destination's S3 configuration.",
        ));
    }
    Ok(())
}

/// An object of delivery stream `d` reached the intermediate bucket: its COPY waits.
pub(super) fn queue(
    d: &mut DeliveryStream,
    bucket: String,
    key: String,
    records: u64,
    bytes: u64,
    oldest_arrival: SimTime,
    now: SimTime,
) {
    d.redshift_pending.push_back(CopyJob {
        bucket,
        key,
        manifest: None,
        records,
        bytes,
        oldest_arrival,
        first_attempt: now,
        next_attempt: now,
        attempts: 0,
        last_error: None,
    });
}

/// Runs the COPYs that are due, one after another, stopping at one that fails.
pub(super) fn copy_due(sb: &mut Sandbox, name: &str) {
    loop {
        let now = sb.now;
        let Some(d) = sb.firehose.streams.get(name) else {
            return;
        };
        let Some(job) = d.redshift_pending.front() else {
            return;
        };
        if job.next_attempt > now || !attempt(sb, name) {
            return;
        }
    }
}

/// The manifest's key for an object: `manifests/` beside the data, same time folders.
fn manifest_key(prefix: Option<&str>, key: &str) -> String {
    let prefix = prefix.unwrap_or("");
    let rest = key.strip_prefix(prefix).unwrap_or(key);
    format!("{prefix}manifests/{rest}")
}

/// The head job's COPY; returns whether it left the queue.
fn attempt(sb: &mut Sandbox, name: &str) -> bool {
    let now = sb.now;
    let d = sb.firehose.streams.get(name).expect("present");
    let Some(r) = d.redshift.clone() else {
        return false;
    };
    let dest = d.destination.clone();
    let mut job = d.redshift_pending.front().expect("present").clone();
    let manifest = match &job.manifest {
        Some(m) => m.clone(),
        None => {
            let key = manifest_key(dest.prefix.as_deref(), &job.key);
            let body = json!({"entries": [{"url": format!("s3://{}/{}", job.bucket, job.key), "mandatory": true}]})
                .to_string()
                .into_bytes();
            if crate::engine::s3::put_object_typed(
                sb,
                Caller::Firehose,
                &job.bucket,
                &key,
                body,
                dest.kms_key_arn.as_deref(),
            )
            .is_err()
            {
                // The manifest is retried with the COPY.
                let d = sb.firehose.streams.get_mut(name).expect("present");
                let j = d.redshift_pending.front_mut().expect("present");
                j.next_attempt = now + RETRY_EVERY;
                return false;
            }
            job.manifest = Some(key.clone());
            key
        }
    };
    let sql = r.copy_statement(&job.bucket, &manifest);
    let outcome =
        sb.redshift_firehose_copy(&r.jdbc_url, &r.username, &r.password, &sql, &r.role_arn);
    job.attempts += 1;
    match outcome {
        Ok(_) => {
            let d = sb.firehose.streams.get_mut(name).expect("present");
            d.redshift_pending.pop_front();
            d.ledger.awaiting_retry -= job.records;
            d.ledger.delivered += job.records;
            metric(
                sb,
                name,
                FirehoseMetric::DeliveryToRedshiftRecords,
                job.records as f64,
            );
            metric(
                sb,
                name,
                FirehoseMetric::DeliveryToRedshiftBytes,
                job.bytes as f64,
            );
            metric(sb, name, FirehoseMetric::DeliveryToRedshiftSuccess, 1.0);
            true
        }
        Err(f) => {
            metric(sb, name, FirehoseMetric::DeliveryToRedshiftSuccess, 0.0);
            let message = documented_message(f.code, &f.message);
            log_error(sb, name, DeliveryError::Redshift(f.code), &message);
            job.last_error = Some((f.code.to_string(), message));
            let deadline = job.first_attempt + Duration::from_secs(u64::from(r.retry_s));
            if now + RETRY_EVERY > deadline {
                skip(sb, name, job);
                return true;
            }
            job.next_attempt = now + RETRY_EVERY;
            let d = sb.firehose.streams.get_mut(name).expect("present");
            *d.redshift_pending.front_mut().expect("present") = job;
            false
        }
    }
}

/// Firehose's logged message for a code (the KDF developer guide's words), with Redshift's
/// own error after it.
fn documented_message(code: &str, redshift: &str) -> String {
    let doc = match code {
        "Redshift.TableNotFound" => "The table to which to load data was not found. Ensure that the specified table exists.",
        "Redshift.SyntaxError" => "The COPY command contains a syntax error. Retry the command.",
        "Redshift.AuthenticationFailed" => "The provided user name and password failed authentication. Provide a valid user name and password.",
        "Redshift.AccessDenied" => "Access was denied. Ensure that the trust policy for the provided IAM role allows Firehose to assume the role.",
        "Redshift.S3BucketAccessDenied" => "The COPY command was unable to access the S3 bucket. Ensure that the access policy for the provided IAM role allows access to the S3 bucket.",
        "Redshift.DataLoadFailed" => "Loading data into the table failed. Check STL_LOAD_ERRORS system table for details.",
        "Redshift.ColumnNotFound" => "A column in the COPY command does not exist in the table. Specify a valid column name.",
        "Redshift.DatabaseNotFound" => "The database specified in the Amazon Redshift destination configuration or JDBC URL was not found. Specify a valid database name.",
        "Redshift.IncorrectCopyOptions" => "Conflicting or redundant COPY options were provided. Some options are not compatible in certain combinations. Check the COPY command reference for more info.",
        "Redshift.MissingColumn" => "There is a column defined in the table schema as NOT NULL without a DEFAULT value and not included in the column list. Exclude this column, ensure that the loaded data always provides a value for this column, or add a default value to the Amazon Redshift schema for this table.",
        "Redshift.ConnectionFailed" => return redshift.to_string(),
        "Redshift.ColumnMismatch" => "The number of jsonpaths in the COPY command and the number of columns in the destination table should match. Retry the command.",
        "Redshift.IncorrectOrMissingRegion" => "Amazon Redshift attempted to use the wrong region endpoint for accessing the S3 bucket. Either specify a correct region value in the COPY command options or ensure that the S3 bucket is in the same region as the Amazon Redshift database.",
        "Redshift.IncorrectJsonPathsFile" => "The provided jsonpaths file is not in a supported JSON format. Retry the command.",
        "Redshift.MissingS3File" => "One or more S3 files required by Amazon Redshift have been removed from the S3 bucket. Check the S3 bucket policies to remove any automatic deletion of S3 files.",
        _ => return redshift.to_string(),
    };
    if redshift == doc {
        doc.to_string()
    } else {
        format!("{doc} ({redshift})")
    }
}

/// The retry duration ran out: the object is skipped and named in a manifest under
/// `errors/`.
fn skip(sb: &mut Sandbox, name: &str, job: CopyJob) {
    let now = sb.now;
    let d = sb.firehose.streams.get_mut(name).expect("present");
    d.redshift_pending.pop_front();
    d.ledger.awaiting_retry -= job.records;
    d.ledger.error_output += job.records;
    let kms = d.destination.kms_key_arn.clone();
    let folder = super::prefix::evaluate(Some("errors/"), job.oldest_arrival, None, &mut sb.rng);
    let file = job.key.rsplit('/').next().unwrap_or(&job.key).to_string();
    let (code, message) = job.last_error.clone().unwrap_or_default();
    let body = json!({
        "entries": [{"url": format!("s3://{}/{}", job.bucket, job.key), "mandatory": true}],
        "errorCode": code,
        "errorMessage": message,
        "attemptsMade": job.attempts,
        "attemptEndingTimestamp": now.epoch_millis(),
    })
    .to_string()
    .into_bytes();
    let _ = crate::engine::s3::put_object_typed(
        sb,
        Caller::Firehose,
        &job.bucket,
        &format!("{folder}{file}"),
        body,
        kms.as_deref(),
    );
    log_error(
        sb,
        name,
        DeliveryError::Redshift("Redshift.DataLoadFailed"),
        &format!(
            "The COPY of s3://{}/{} was retried for the retry duration without success; the object was skipped and listed in a manifest under errors/ for a manual backfill.",
            job.bucket, job.key
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jdbc_urls_follow_the_pattern() {
        assert!(jdbc_url_ok(
            "jdbc:redshift://c1.abc123.us-east-1.redshift.amazonaws.com:5439/dev"
        ));
        assert!(jdbc_url_ok(
            "jdbc:redshift://wg.123.us-east-1.redshift-serverless.amazonaws.com:5439/dev"
        ));
        assert!(!jdbc_url_ok(
            "jdbc:mysql://c1.redshift.amazonaws.com:5439/dev"
        ));
        assert!(!jdbc_url_ok("jdbc:redshift://c1.example.com:5439/dev"));
        assert!(!jdbc_url_ok(
            "jdbc:redshift://c1.abc.us-east-1.redshift.amazonaws.com/dev"
        ));
    }

    #[test]
    fn the_copy_statement_names_the_manifest() {
        let r = RedshiftDestination {
            role_arn: "arn:aws:iam::123456789012:role/fh".into(),
            jdbc_url: String::new(),
            table: "readings".into(),
            columns: Some("sensorid,status".into()),
            copy_options: Some("json 'auto ignorecase';".into()),
            username: "awsuser".into(),
            password: "x".into(),
            retry_s: 3600,
        };
        assert_eq!(
            r.copy_statement("b", "manifests/2020/01/01/00/x"),
            "COPY readings (sensorid,status) FROM 's3://b/manifests/2020/01/01/00/x' CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/fh' MANIFEST json 'auto ignorecase';"
        );
    }
}
