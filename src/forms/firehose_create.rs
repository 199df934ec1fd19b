//! Create delivery stream, the console's five-step wizard, as pure data: what it collects, the
//! checks before each step, the review, and the calls "Create delivery stream" makes (a new
//! bucket, the console's delivery role, then `CreateDeliveryStream`).

use super::{Form, Request};
use crate::engine::iam::delivery_role::{self, DeliveryRoleParams};
use crate::engine::ApiError;
use serde_json::json;

pub const STEPS: [&str; 5] = [
    "Name and source",
    "Process records",
    "Choose a destination",
    "Configure settings",
    "Review",
];

/// The last step's index.
pub const REVIEW: usize = STEPS.len() - 1;

/// The step (from 0) with the S3 destination: the bucket and the prefixes, as in the console,
/// where "Choose a destination" picks Amazon S3 and its bucket together.
pub const DESTINATION: usize = 2;

/// The step (from 0) with the buffer, compression, encryption, error logging and IAM role.
pub const SETTINGS: usize = 3;

/// Why Next stays on Choose a destination without a bucket.
pub const BUCKET_MISSING: &str = "Choose an S3 bucket or create one.";

/// (CompressionFormat, the console's label).
pub const COMPRESSIONS: [(&str, &str); 5] = [
    ("UNCOMPRESSED", "Disabled"),
    ("GZIP", "GZIP"),
    ("Snappy", "Snappy"),
    ("ZIP", "Zip"),
    ("HADOOP_SNAPPY", "Hadoop-compatible Snappy"),
];

/// A whole number in `lo..=hi`, or the sentence the console shows.
pub fn in_range(text: &str, lo: i64, hi: i64, what: &str, unit: &str) -> Result<i64, String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!("Enter a {what} between {lo}-{hi} {unit}")),
    }
}

pub fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// The role name "Create new" gives: the engine's console name, with the delivery stream's
/// part shortened (as the console does) so the whole stays within IAM's 64 characters.
pub fn new_role_name(p: &DeliveryRoleParams, now_ms: i64) -> String {
    let full = delivery_role::role_name(p, now_ms);
    let over = full.chars().count().saturating_sub(64);
    if over == 0 {
        return full;
    }
    let keep = p.delivery_stream.chars().count().saturating_sub(over);
    let short = DeliveryRoleParams {
        delivery_stream: p.delivery_stream.chars().take(keep).collect(),
        ..p.clone()
    };
    delivery_role::role_name(&short, now_ms)
}

/// Everything the wizard collects, the step it is at, why it can't go on, and the error of
/// the last attempt to create.
#[derive(Debug, Clone, PartialEq)]
pub struct Wizard {
    pub step: usize,
    pub name: String,
    pub kinesis_source: bool,
    pub stream: String,
    pub new_bucket: bool,
    pub bucket: String,
    pub prefix: String,
    pub error_prefix: String,
    pub size_mb: String,
    pub interval_s: String,
    pub compression: String,
    pub encrypt: bool,
    pub kms_key: String,
    pub logging: bool,
    pub new_role: bool,
    pub role: String,
    /// Why the learner can't leave the step yet.
    pub problem: Option<String>,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum WizardAction {
    Name(String),
    KinesisSource(bool),
    Stream(String),
    NewBucket(bool),
    Bucket(String),
    Prefix(String),
    ErrorPrefix(String),
    SizeMb(String),
    IntervalS(String),
    Compression(String),
    Encrypt(bool),
    KmsKey(String),
    Logging(bool),
    NewRole(bool),
    Role(String),
    /// Previous or Next: forward only when every step left behind checks out (it stops at the
    /// first that doesn't, with its problem).
    Go(usize),
    /// "Create delivery stream" answered.
    Created(Result<(), ApiError>),
}

impl Form for Wizard {
    type Action = WizardAction;
    fn apply(&mut self, action: WizardAction) {
        use WizardAction as A;
        let edits = !matches!(action, A::Go(_) | A::Created(_));
        if edits {
            self.problem = None;
        }
        match action {
            A::Name(v) => self.name = v,
            A::KinesisSource(on) => self.kinesis_source = on,
            A::Stream(v) => self.stream = v,
            A::NewBucket(on) => self.new_bucket = on,
            A::Bucket(v) => self.bucket = v,
            A::Prefix(v) => self.prefix = v,
            A::ErrorPrefix(v) => self.error_prefix = v,
            A::SizeMb(v) => self.size_mb = v,
            A::IntervalS(v) => self.interval_s = v,
            A::Compression(v) => self.compression = v,
            A::Encrypt(on) => self.encrypt = on,
            A::KmsKey(v) => self.kms_key = v,
            A::Logging(on) => self.logging = on,
            A::NewRole(on) => self.new_role = on,
            A::Role(v) => self.role = v,
            A::Go(to) => {
                let to = to.min(REVIEW);
                for step in self.step..to {
                    if let Err(p) = self.check(step) {
                        self.step = step;
                        self.problem = Some(p);
                        return;
                    }
                }
                self.problem = None;
                self.step = to;
            }
            A::Created(result) => self.error = result.err(),
        }
    }
}

impl Wizard {
    /// A fresh wizard: `source` is the data stream chosen from "Connect Kinesis consumers";
    /// the first bucket there is is preselected, else a new bucket.
    pub fn new(source: Option<String>, first_bucket: Option<String>) -> Self {
        Wizard {
            step: 0,
            name: String::new(),
            kinesis_source: source.is_some(),
            stream: source.unwrap_or_default(),
            new_bucket: first_bucket.is_none(),
            bucket: first_bucket.unwrap_or_default(),
            prefix: String::new(),
            error_prefix: String::new(),
            size_mb: "5".into(),
            interval_s: "300".into(),
            compression: "UNCOMPRESSED".into(),
            encrypt: false,
            kms_key: String::new(),
            logging: true,
            new_role: true,
            role: String::new(),
            problem: None,
            error: None,
        }
    }

    /// The KMS key's id (the ARN's part after `key/`), when encryption is on.
    pub fn key_id(&self) -> Option<String> {
        if !self.encrypt {
            return None;
        }
        let k = self.kms_key.trim();
        Some(
            k.rsplit_once("key/")
                .map(|(_, id)| id)
                .unwrap_or(k)
                .to_string(),
        )
    }

    /// What the console's delivery role is built from, in `region` of `account_id`.
    pub fn role_params(&self, region: String, account_id: String) -> DeliveryRoleParams {
        DeliveryRoleParams {
            region,
            account_id,
            delivery_stream: self.name.trim().to_string(),
            bucket: Some(self.bucket.trim().to_string()).filter(|b| !b.is_empty()),
            source_stream: self.kinesis_source.then(|| self.stream.clone()),
            kms_key_id: self.key_id(),
            ..Default::default()
        }
    }

    /// Why the learner can't leave `step` yet.
    pub fn check(&self, step: usize) -> Result<(), String> {
        match step {
            0 => {
                if !valid_name(self.name.trim()) {
                    return Err("Enter a delivery stream name of 1–64 letters, numbers, underscores, hyphens and periods.".into());
                }
                if self.kinesis_source && self.stream.is_empty() {
                    return Err("Choose a Kinesis data stream.".into());
                }
                Ok(())
            }
            // Choose a destination: Amazon S3, and its bucket (chosen or new) and prefixes.
            DESTINATION => {
                if self.bucket.trim().is_empty() {
                    return Err(BUCKET_MISSING.into());
                }
                Ok(())
            }
            // Configure settings: buffer hints, compression and encryption, logging, role.
            SETTINGS => {
                self.size_error().map_or(Ok(()), Err)?;
                self.interval_error().map_or(Ok(()), Err)?;
                if self.encrypt && self.kms_key.trim().is_empty() {
                    return Err("Enter the ARN of the KMS key to encrypt with.".into());
                }
                if !self.new_role && self.role.is_empty() {
                    return Err("Choose an IAM role.".into());
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The buffer size's error, if it is out of range.
    pub fn size_error(&self) -> Option<String> {
        in_range(&self.size_mb, 1, 128, "buffer size", "MiB").err()
    }

    /// The buffer interval's error, if it is out of range.
    pub fn interval_error(&self) -> Option<String> {
        in_range(&self.interval_s, 0, 900, "buffer interval", "seconds").err()
    }

    /// The Review step's rows; `role_name` is the new role's name when one is made.
    pub fn review(&self, role_name: &str) -> Vec<(&'static str, String)> {
        vec![
            ("Delivery stream name", self.name.trim().to_string()),
            (
                "Source",
                if self.kinesis_source {
                    format!("Kinesis data stream {}", self.stream)
                } else {
                    "Direct PUT".into()
                },
            ),
            ("Data transformation", "Disabled".into()),
            ("Record format conversion", "Disabled".into()),
            ("Destination", "Amazon S3".into()),
            (
                "S3 bucket",
                format!(
                    "{}{}",
                    self.bucket.trim(),
                    if self.new_bucket { " (new)" } else { "" }
                ),
            ),
            (
                "Prefix",
                if self.prefix.is_empty() {
                    "YYYY/MM/DD/HH/ (default)".into()
                } else {
                    self.prefix.clone()
                },
            ),
            ("Buffer size", format!("{} MiB", self.size_mb.trim())),
            (
                "Buffer interval",
                format!("{} seconds", self.interval_s.trim()),
            ),
            (
                "S3 compression",
                COMPRESSIONS
                    .iter()
                    .find(|c| c.0 == self.compression)
                    .map(|c| c.1)
                    .unwrap_or("Disabled")
                    .to_string(),
            ),
            (
                "S3 encryption",
                if self.encrypt {
                    format!("AWS KMS key {}", self.kms_key.trim())
                } else {
                    "Disabled".into()
                },
            ),
            (
                "Error logging",
                if self.logging { "Enabled" } else { "Disabled" }.into(),
            ),
            (
                "IAM role",
                if self.new_role {
                    format!("{role_name} (new)")
                } else {
                    self.role.clone()
                },
            ),
        ]
    }

    /// `S3.CreateBucket`, when a new bucket was asked for and does not exist yet.
    pub fn bucket_request(&self, exists: bool) -> Option<Request> {
        (self.new_bucket && !exists)
            .then(|| Request::new("S3.CreateBucket", json!({ "Bucket": self.bucket.trim() })))
    }

    /// `CreateDeliveryStream` with `role_arn`; `source_arn` is the data stream's ARN when it
    /// reads one.
    pub fn create_request(&self, role_arn: &str, source_arn: Option<&str>) -> Request {
        let name = self.name.trim();
        let bucket = self.bucket.trim();
        let size: i64 = self.size_mb.trim().parse().unwrap_or(5);
        let interval: i64 = self.interval_s.trim().parse().unwrap_or(300);
        let mut dest = json!({
            "RoleARN": role_arn,
            "BucketARN": format!("arn:aws:s3:::{bucket}"),
            "BufferingHints": { "SizeInMBs": size, "IntervalInSeconds": interval },
            "CompressionFormat": self.compression,
            "EncryptionConfiguration": { "NoEncryptionConfig": "NoEncryption" },
            "CloudWatchLoggingOptions": {
                "Enabled": self.logging,
                "LogGroupName": format!("/aws/kinesisfirehose/{name}"),
                "LogStreamName": "DestinationDelivery",
            },
            "ProcessingConfiguration": { "Enabled": false },
            "DataFormatConversionConfiguration": { "Enabled": false },
        });
        if !self.prefix.is_empty() {
            dest["Prefix"] = json!(self.prefix);
        }
        if !self.error_prefix.is_empty() {
            dest["ErrorOutputPrefix"] = json!(self.error_prefix);
        }
        if self.encrypt {
            dest["EncryptionConfiguration"] =
                json!({ "KMSEncryptionConfig": { "AWSKMSKeyARN": self.kms_key.trim() } });
        }
        let mut body = json!({
            "DeliveryStreamName": name,
            "ExtendedS3DestinationConfiguration": dest,
        });
        match source_arn.filter(|_| self.kinesis_source) {
            Some(arn) => {
                body["DeliveryStreamType"] = json!("KinesisStreamAsSource");
                body["KinesisStreamSourceConfiguration"] =
                    json!({ "KinesisStreamARN": arn, "RoleARN": role_arn });
            }
            None => body["DeliveryStreamType"] = json!("DirectPut"),
        }
        Request::new("Firehose_20150804.CreateDeliveryStream", body)
    }
}

/// `IAM.CreateRole` for the console's delivery role named `role_name`.
pub fn create_role_request(params: &DeliveryRoleParams, role_name: &str) -> Request {
    Request::new(
        "IAM.CreateRole",
        json!({
            "RoleName": role_name,
            "Path": delivery_role::ROLE_PATH,
            "AssumeRolePolicyDocument": delivery_role::trust_policy(params),
        }),
    )
}

/// `IAM.PutRolePolicy`: the delivery role's permissions.
pub fn role_policy_request(params: &DeliveryRoleParams, role_name: &str) -> Request {
    Request::new(
        "IAM.PutRolePolicy",
        json!({
            "RoleName": role_name,
            "PolicyName": delivery_role::policy_name(params),
            "PolicyDocument": delivery_role::permissions_policy(params),
        }),
    )
}

/// Creates the console's delivery role `role_name` in `sb` as the wizard does (CreateRole with
/// the trust policy, then PutRolePolicy with the permissions) and returns its ARN.
pub fn create_delivery_role(
    sb: &mut crate::engine::Sandbox,
    params: &DeliveryRoleParams,
    role_name: &str,
) -> Result<String, crate::engine::ApiError> {
    let role = create_role_request(params, role_name);
    let created = sb.call(role.target, role.body)?;
    let policy = role_policy_request(params, role_name);
    sb.call(policy.target, policy.body)?;
    Ok(created["Role"]["Arn"]
        .as_str()
        .unwrap_or_default()
        .to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Sandbox, SandboxConfig};
    use WizardAction as A;

    #[test]
    fn next_waits_for_a_valid_name_and_source() {
        let mut w = Wizard::new(None, None);
        w.apply(A::Go(1));
        assert_eq!(w.step, 0);
        assert!(w
            .problem
            .as_deref()
            .unwrap()
            .starts_with("Enter a delivery stream name"));
        w.apply(A::Name("bad name!".into()));
        assert_eq!(w.problem, None, "an edit clears the problem");
        w.apply(A::Go(1));
        assert_eq!(w.step, 0);
        w.apply(A::Name(" orders ".into()));
        w.apply(A::KinesisSource(true));
        w.apply(A::Go(1));
        assert_eq!(w.problem.as_deref(), Some("Choose a Kinesis data stream."));
        w.apply(A::Stream("clicks".into()));
        w.apply(A::Go(1));
        assert_eq!((w.step, w.problem.clone()), (1, None));
        w.apply(A::Go(0));
        assert_eq!(w.step, 0, "back never checks");
    }

    #[test]
    fn the_bucket_is_chosen_with_the_destination_as_in_the_console() {
        assert_eq!(STEPS[DESTINATION], "Choose a destination");
        assert_eq!(STEPS[SETTINGS], "Configure settings");
        let mut w = Wizard::new(Some("clicks".into()), None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Go(1));
        w.apply(A::Go(2));
        assert_eq!((w.step, w.problem.clone()), (DESTINATION, None));
        // No bucket: Next stays on Choose a destination, with the reason.
        assert!(w.new_bucket, "no bucket in the account: Create new");
        w.apply(A::Go(3));
        assert_eq!(w.step, DESTINATION);
        assert_eq!(w.problem.as_deref(), Some(BUCKET_MISSING));
        w.apply(A::Bucket("  ".into()));
        w.apply(A::Go(3));
        assert_eq!(
            w.problem.as_deref(),
            Some(BUCKET_MISSING),
            "blank is no name"
        );
        w.apply(A::Bucket("orders-bucket".into()));
        assert_eq!(w.problem, None, "an edit clears the problem");
        w.apply(A::Prefix("raw/".into()));
        w.apply(A::Go(3));
        assert_eq!((w.step, w.problem.clone()), (SETTINGS, None));
        // Configure settings no longer asks for the bucket: its defaults go on to Review.
        assert_eq!(w.check(SETTINGS), Ok(()));
        w.apply(A::Go(4));
        assert_eq!(w.step, REVIEW);
        // An existing bucket is preselected, so Choose a destination goes on at once.
        let w = Wizard::new(None, Some("bucket-1".into()));
        assert_eq!(w.check(DESTINATION), Ok(()));
    }

    #[test]
    fn a_jump_forward_stops_at_the_first_step_that_does_not_check_out() {
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Go(REVIEW));
        assert_eq!(w.step, DESTINATION);
        assert_eq!(w.problem.as_deref(), Some(BUCKET_MISSING));
        w.apply(A::Go(0));
        assert_eq!((w.step, w.problem.clone()), (0, None), "back never checks");
    }

    #[test]
    fn settings_are_checked_in_the_consoles_order() {
        let mut w = Wizard::new(None, Some("b".into()));
        w.step = SETTINGS;
        assert_eq!(w.check(SETTINGS), Ok(()));
        w.apply(A::SizeMb("200".into()));
        assert_eq!(
            w.check(SETTINGS).unwrap_err(),
            "Enter a buffer size between 1-128 MiB"
        );
        assert_eq!(w.size_error(), w.check(SETTINGS).err());
        w.apply(A::SizeMb("64".into()));
        w.apply(A::IntervalS("-1".into()));
        assert_eq!(
            w.interval_error().unwrap(),
            "Enter a buffer interval between 0-900 seconds"
        );
        w.apply(A::IntervalS("0".into()));
        w.apply(A::Encrypt(true));
        assert!(w.check(SETTINGS).unwrap_err().contains("KMS key"));
        w.apply(A::KmsKey("arn:aws:kms:us-east-1:1:key/abc".into()));
        assert_eq!(w.key_id().as_deref(), Some("abc"));
        w.apply(A::NewRole(false));
        assert_eq!(w.check(SETTINGS).unwrap_err(), "Choose an IAM role.");
        w.apply(A::Role("r".into()));
        w.apply(A::Go(4));
        assert_eq!(w.step, REVIEW);
        assert_eq!(w.review("ignored")[12], ("IAM role", "r".to_string()));
    }

    #[test]
    fn the_review_and_the_request_say_the_same() {
        let mut w = Wizard::new(Some("clicks".into()), Some("bucket-1".into()));
        w.apply(A::Name("orders".into()));
        w.apply(A::Compression("GZIP".into()));
        w.apply(A::Prefix("data/".into()));
        let rows = w.review("KinesisFirehoseServiceRole-x");
        assert_eq!(rows[1].1, "Kinesis data stream clicks");
        assert_eq!(rows[5].1, "bucket-1");
        assert_eq!(rows[9].1, "GZIP");
        assert_eq!(rows[12].1, "KinesisFirehoseServiceRole-x (new)");
        let r = w.create_request("arn:role", Some("arn:stream"));
        assert_eq!(r.target, "Firehose_20150804.CreateDeliveryStream");
        assert_eq!(r.body["DeliveryStreamType"], "KinesisStreamAsSource");
        assert_eq!(
            r.body["KinesisStreamSourceConfiguration"]["KinesisStreamARN"],
            "arn:stream"
        );
        let d = &r.body["ExtendedS3DestinationConfiguration"];
        assert_eq!(d["BucketARN"], "arn:aws:s3:::bucket-1");
        assert_eq!(d["Prefix"], "data/");
        assert!(d.get("ErrorOutputPrefix").is_none());
        assert_eq!(d["CompressionFormat"], "GZIP");
        assert_eq!(d["BufferingHints"]["SizeInMBs"], 5);
        assert_eq!(
            d["CloudWatchLoggingOptions"]["LogGroupName"],
            "/aws/kinesisfirehose/orders"
        );
        assert_eq!(
            w.bucket_request(false),
            None,
            "an existing bucket is not created"
        );
        w.apply(A::KinesisSource(false));
        assert_eq!(
            w.create_request("arn:role", Some("arn:stream")).body["DeliveryStreamType"],
            "DirectPut"
        );
    }

    #[test]
    fn create_new_makes_the_bucket_and_role_the_engine_accepts() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut w = Wizard::new(None, None);
        w.apply(A::Name("orders".into()));
        w.apply(A::Bucket("my-new-bucket".into()));
        let (region, account) = (sb.config().region.clone(), sb.config().account_id.clone());
        let params = w.role_params(region, account);
        let role = new_role_name(&params, sb.now().epoch_millis());
        assert!(role.chars().count() <= 64);
        let mut send = |r: Request| sb.call(r.target, r.body).unwrap();
        send(w.bucket_request(false).unwrap());
        let arn = send(create_role_request(&params, &role))["Role"]["Arn"]
            .as_str()
            .unwrap()
            .to_string();
        send(role_policy_request(&params, &role));
        send(w.create_request(&arn, None));
        assert!(sb.firehose().get("orders").is_some());
    }

    #[test]
    fn long_names_shorten_the_role_name_to_64_characters() {
        let params = DeliveryRoleParams {
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            delivery_stream: "a".repeat(64),
            ..Default::default()
        };
        assert_eq!(new_role_name(&params, 0).chars().count(), 64);
    }
}
