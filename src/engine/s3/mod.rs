//! Amazon S3 (`S3.*`, boto3's operation and field names). Blobs travel base64-encoded in
//! `Body`, as any blob does in a JSON protocol.

mod cli;

use super::body::Body;
use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service, Target};
use super::{ApiError, Caller, Sandbox, SimTime};
use crate::engine::ErrorKind;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Object bodies kept in full across all buckets. Past it the oldest bodies are discarded
/// (their listing stays, counted in [`S3::discarded_objects`]), so memory stays bounded.
pub const BODY_BUDGET_BYTES: u64 = 64 * 1024 * 1024;

/// Bytes as one base64 string when saved, not a list of numbers.
pub(crate) mod b64 {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

/// Every bucket in the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct S3 {
    buckets: BTreeMap<String, Bucket>,
    /// Bytes of object bodies currently kept.
    body_bytes: u64,
    /// Objects whose body the budget discarded.
    discarded_objects: u64,
    /// Write order, for discarding the oldest bodies first.
    next_serial: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bucket {
    pub name: String,
    pub created: SimTime,
    pub objects: BTreeMap<String, Object>,
}

/// Server-side encryption of an object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encryption {
    /// `AES256`: S3-managed keys, S3's default since January 2023.
    S3Managed,
    /// `aws:kms` with the key's ARN.
    Kms { key_id: String },
}

impl Object {
    /// Its place in the account's write order: a new one for every put, so it tells a body
    /// apart from an earlier one under the same key.
    pub fn serial(&self) -> u64 {
        self.serial
    }
}

impl Encryption {
    pub fn header(&self) -> &'static str {
        match self {
            Encryption::S3Managed => "AES256",
            Encryption::Kms { .. } => "aws:kms",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Object {
    pub key: String,
    pub size: u64,
    pub last_modified: SimTime,
    pub content_type: String,
    pub encryption: Encryption,
    /// `None` once the memory budget discarded the body.
    #[serde(with = "opt_b64")]
    pub body: Option<Vec<u8>>,
    serial: u64,
}

/// A body as saved: base64, `null` once discarded, or `{"$apart": key}` when a save keeps it
/// apart (see [`crate::engine::state::apart`]).
mod opt_b64 {
    use crate::engine::state::apart;
    use base64::Engine as _;
    use serde::de::{self, Deserializer, MapAccess, Visitor};
    use serde::{Serialize, Serializer};
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Wrap<'a>(#[serde(with = "super::b64")] &'a [u8]);

    pub fn serialize<S: Serializer>(v: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        if let Some(key) = apart::body_stub(v as *const Option<Vec<u8>> as usize) {
            return BTreeMap::from([(apart::MARK, key)]).serialize(s);
        }
        v.as_deref().map(Wrap).serialize(s)
    }

    struct Body;

    impl<'de> Visitor<'de> for Body {
        type Value = Option<Vec<u8>>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a base64 string, null or a body saved apart")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Body)
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .map(Some)
                .map_err(E::custom)
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut key = None;
            while let Some((name, value)) = map.next_entry::<String, String>()? {
                if name == apart::MARK {
                    key = Some(value);
                }
            }
            let key = key.ok_or_else(|| de::Error::missing_field(apart::MARK))?;
            apart::fill_body(&key).map(Some).map_err(de::Error::custom)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        d.deserialize_any(Body)
    }
}

/// One row of the bucket browser.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectSummary {
    pub key: String,
    pub size: u64,
    pub last_modified: SimTime,
    pub encryption: Encryption,
}

/// A bucket browser page: folders (common prefixes) then objects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Listing {
    pub folders: Vec<String>,
    pub objects: Vec<ObjectSummary>,
}

fn no_such_bucket() -> ApiError {
    ApiError::new(
        ErrorKind::NoSuchBucket,
        "The specified bucket does not exist.",
    )
}

fn no_such_key() -> ApiError {
    ApiError::new(ErrorKind::NoSuchKey, "The specified key does not exist.")
}

/// S3's bucket naming rules (general purpose buckets).
pub fn valid_bucket_name(name: &str) -> bool {
    let b = name.as_bytes();
    let ok_char = |c: &u8| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'.' || *c == b'-';
    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
    let looks_like_ip = {
        let parts: Vec<&str> = name.split('.').collect();
        parts.len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.parse::<u8>().is_ok())
    };
    (3..=63).contains(&b.len())
        && b.iter().all(ok_char)
        && alnum(b[0])
        && alnum(b[b.len() - 1])
        && !name.contains("..")
        && !looks_like_ip
        && !name.starts_with("xn--")
        && !name.starts_with("sthree-")
        && !name.ends_with("-s3alias")
        && !name.ends_with("--ol-s3")
}

impl S3 {
    pub fn bucket_names(&self) -> impl Iterator<Item = &str> {
        self.buckets.keys().map(String::as_str)
    }

    pub fn bucket(&self, name: &str) -> Option<&Bucket> {
        self.buckets.get(name)
    }

    pub fn has_bucket(&self, name: &str) -> bool {
        self.buckets.contains_key(name)
    }

    pub fn object(&self, bucket: &str, key: &str) -> Option<&Object> {
        self.buckets.get(bucket)?.objects.get(key)
    }

    /// Objects whose bodies the memory budget discarded so far.
    pub fn discarded_objects(&self) -> u64 {
        self.discarded_objects
    }

    /// The bucket browser's view of `prefix`, folders split at `/`.
    pub fn browse(&self, bucket: &str, prefix: &str) -> Option<Listing> {
        let b = self.buckets.get(bucket)?;
        let mut listing = Listing::default();
        for (key, o) in b.objects.range(prefix.to_string()..) {
            let Some(rest) = key.strip_prefix(prefix) else {
                break;
            };
            if let Some(i) = rest.find('/') {
                let folder = format!("{prefix}{}", &rest[..=i]);
                if listing.folders.last() != Some(&folder) {
                    listing.folders.push(folder);
                }
            } else {
                listing.objects.push(ObjectSummary {
                    key: key.clone(),
                    size: o.size,
                    last_modified: o.last_modified,
                    encryption: o.encryption.clone(),
                });
            }
        }
        Some(listing)
    }

    fn put(
        &mut self,
        bucket: &str,
        key: &str,
        data: Vec<u8>,
        encryption: Encryption,
        content_type: String,
        now: SimTime,
    ) -> Result<(), ApiError> {
        let serial = self.next_serial;
        let b = self.buckets.get_mut(bucket).ok_or_else(no_such_bucket)?;
        self.next_serial += 1;
        let size = data.len() as u64;
        let old = b.objects.insert(
            key.to_string(),
            Object {
                key: key.to_string(),
                size,
                last_modified: now,
                content_type,
                encryption,
                body: Some(data),
                serial,
            },
        );
        if let Some(old) = old.and_then(|o| o.body) {
            self.body_bytes -= old.len() as u64;
        }
        self.body_bytes += size;
        self.enforce_budget();
        Ok(())
    }

    fn enforce_budget(&mut self) {
        while self.body_bytes > BODY_BUDGET_BYTES {
            let oldest = self
                .buckets
                .values_mut()
                .flat_map(|b| b.objects.values_mut())
                .filter(|o| o.body.is_some())
                .min_by_key(|o| o.serial);
            match oldest {
                Some(o) => {
                    self.body_bytes -= o.size;
                    o.body = None;
                    self.discarded_objects += 1;
                }
                None => break,
            }
        }
    }
}

impl Sandbox {
    /// The S3 buckets, for the bucket browser.
    pub fn s3(&self) -> &S3 {
        &self.s3
    }
}

/// Amazon S3 in the registry.
pub const SERVICE: Service = Service {
    prefix: "S3",
    operations: &[
        changes("CreateBucket", |sb, body| {
            create_bucket(&mut sb.ctx(), body)
        }),
        reads("ListBuckets", |sb, _| Ok(list_buckets(&sb.ctx()))),
        reads("ListObjectsV2", |sb, body| {
            list_objects_v2(&mut sb.ctx(), body)
        }),
        reads("GetObject", |sb, body| {
            get_object(&mut sb.ctx(), body, true)
        }),
        reads("HeadObject", |sb, body| {
            get_object(&mut sb.ctx(), body, false)
        }),
        changes("DeleteObject", |sb, body| {
            delete_object(&mut sb.ctx(), body)
        }),
        changes("PutObject", |sb, body| put_object(&mut sb.ctx(), body)),
    ],
    resource_fields: &[],
    on_time_passed: None,
    cli: Some(CliService {
        name: "s3api",
        commands: cli::COMMANDS,
    }),
};

/// Operations other services call through [`Sandbox::call_typed`].
pub const PUT_OBJECT: Target = SERVICE.target("PutObject");

fn required<'a>(body: Body<'a>, name: &str) -> Result<&'a str, ApiError> {
    body.string(name)?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::ParamValidationError,
            format!("Missing required parameter in input: \"{name}\""),
        )
    })
}

fn existing_bucket<'a>(cx: &'a Ctx<'_, S3>, body: Body) -> Result<&'a Bucket, ApiError> {
    let name = required(body, "Bucket")?;
    cx.state.buckets.get(name).ok_or_else(no_such_bucket)
}

fn create_bucket(cx: &mut Ctx<'_, S3>, body: Body) -> Result<Value, ApiError> {
    let name = required(body, "Bucket")?;
    if !valid_bucket_name(name) {
        return Err(ApiError::new(
            ErrorKind::InvalidBucketName,
            "The specified bucket is not valid.",
        ));
    }
    if cx.state.buckets.contains_key(name) {
        return Err(ApiError::new(
            ErrorKind::BucketAlreadyOwnedByYou,
            "Your previous request to create the named bucket succeeded and you already own it.",
        ));
    }
    let now = cx.now;
    cx.state.buckets.insert(
        name.to_string(),
        Bucket {
            name: name.to_string(),
            created: now,
            objects: BTreeMap::new(),
        },
    );
    Ok(json!({ "Location": format!("/{name}") }))
}

fn list_buckets(cx: &Ctx<'_, S3>) -> Value {
    let buckets: Vec<Value> = cx
        .state
        .buckets
        .values()
        .map(|b| json!({"Name": b.name, "CreationDate": b.created.epoch_seconds()}))
        .collect();
    json!({
        "Buckets": buckets,
        "Owner": {"ID": format!("{:0>64}", cx.config.account_id)},
    })
}

fn list_objects_v2(cx: &mut Ctx<'_, S3>, body: Body) -> Result<Value, ApiError> {
    let b = existing_bucket(cx, body)?;
    let prefix = body.string("Prefix")?.unwrap_or("");
    let delimiter = body.string("Delimiter")?.filter(|d| !d.is_empty());
    let max_keys = body.integer("MaxKeys")?.unwrap_or(1000).clamp(0, 1000) as usize;
    let token = body.string("ContinuationToken")?;
    let start_after = body.string("StartAfter")?;
    let after = match token {
        Some(t) => {
            let raw = base64::engine::general_purpose::STANDARD
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| {
                    ApiError::new(
                        ErrorKind::InvalidArgument,
                        "The continuation token provided is incorrect",
                    )
                })?;
            Some(raw)
        }
        None => start_after.map(str::to_string),
    };
    let mut contents = Vec::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut last_key: Option<String> = None;
    let mut truncated = false;
    for (key, o) in b.objects.range(prefix.to_string()..) {
        if !key.starts_with(prefix) {
            break;
        }
        if after.as_deref().is_some_and(|a| key.as_str() <= a) {
            continue;
        }
        let rolled = delimiter.and_then(|d| {
            key[prefix.len()..]
                .find(d)
                .map(|i| key[..prefix.len() + i + d.len()].to_string())
        });
        if let Some(p) = &rolled {
            if prefixes.last() == Some(p) {
                continue;
            }
            // A common prefix already returned on an earlier page is not repeated.
            if after.as_deref().is_some_and(|a| a.starts_with(p.as_str())) {
                continue;
            }
        }
        if contents.len() + prefixes.len() == max_keys {
            truncated = true;
            break;
        }
        match rolled {
            Some(p) => {
                // Continue after everything under this prefix.
                last_key = Some(format!("{p}\u{10FFFF}"));
                prefixes.push(p);
            }
            None => {
                last_key = Some(key.clone());
                contents.push(json!({
                    "Key": key,
                    "LastModified": o.last_modified.epoch_seconds(),
                    "Size": o.size,
                    "StorageClass": "STANDARD",
                }));
            }
        }
    }
    let key_count = contents.len() + prefixes.len();
    let mut out = json!({
        "Name": b.name,
        "Prefix": prefix,
        "MaxKeys": max_keys,
        "KeyCount": key_count,
        "IsTruncated": truncated,
    });
    if !contents.is_empty() {
        out["Contents"] = Value::Array(contents);
    }
    if !prefixes.is_empty() {
        out["CommonPrefixes"] = prefixes.iter().map(|p| json!({ "Prefix": p })).collect();
    }
    if let Some(d) = delimiter {
        out["Delimiter"] = json!(d);
    }
    if let Some(t) = token {
        out["ContinuationToken"] = json!(t);
    }
    if let Some(s) = start_after {
        out["StartAfter"] = json!(s);
    }
    if truncated {
        if let Some(k) = last_key {
            out["NextContinuationToken"] =
                json!(base64::engine::general_purpose::STANDARD.encode(k));
        }
    }
    Ok(out)
}

fn get_object(cx: &mut Ctx<'_, S3>, body: Body, with_body: bool) -> Result<Value, ApiError> {
    let key = required(body, "Key")?;
    let b = existing_bucket(cx, body).map_err(|e| {
        if with_body {
            e
        } else {
            ApiError::new(ErrorKind::NotFound, "Not Found")
        }
    })?;
    let o = b.objects.get(key).ok_or_else(|| {
        if with_body {
            no_such_key()
        } else {
            ApiError::new(ErrorKind::NotFound, "Not Found")
        }
    })?;
    let mut out = json!({
        "ContentLength": o.size,
        "ContentType": o.content_type,
        "LastModified": o.last_modified.epoch_seconds(),
        "ServerSideEncryption": o.encryption.header(),
        "AcceptRanges": "bytes",
    });
    if let Encryption::Kms { key_id } = &o.encryption {
        out["SSEKMSKeyId"] = json!(key_id);
    }
    if with_body {
        let data = o.body.as_ref().ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidObjectState,
                "The sandbox's storage budget discarded this object's contents.",
            )
        })?;
        out["Body"] = json!(base64::engine::general_purpose::STANDARD.encode(data));
    }
    Ok(out)
}

fn delete_object(cx: &mut Ctx<'_, S3>, body: Body) -> Result<Value, ApiError> {
    let key = required(body, "Key")?.to_string();
    let name = required(body, "Bucket")?;
    let b = cx.state.buckets.get_mut(name).ok_or_else(no_such_bucket)?;
    if let Some(body) = b.objects.remove(&key).and_then(|o| o.body) {
        cx.state.body_bytes -= body.len() as u64;
    }
    Ok(json!({}))
}

fn put_object(cx: &mut Ctx<'_, S3>, body: Body) -> Result<Value, ApiError> {
    let name = required(body, "Bucket")?;
    let key = required(body, "Key")?;
    check_key(key)?;
    let data = match body.string("Body")? {
        None => Vec::new(),
        Some(text) => base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| {
                ApiError::new(
                    ErrorKind::InvalidArgument,
                    "Body must be base64-encoded bytes.",
                )
            })?,
    };
    let encryption = match body.string("ServerSideEncryption")? {
        None | Some("AES256") => Encryption::S3Managed,
        Some("aws:kms") => Encryption::Kms {
            key_id: body
                .string("SSEKMSKeyId")?
                .map(str::to_string)
                .unwrap_or_else(|| cx.arn("kms", "alias/aws/s3")),
        },
        Some(other) => {
            return Err(ApiError::new(
                ErrorKind::InvalidArgument,
                format!("The encryption method specified is not supported: {other}"),
            ))
        }
    };
    let content_type = body
        .string("ContentType")?
        .unwrap_or("binary/octet-stream")
        .to_string();
    let now = cx.now;
    cx.state
        .put(name, key, data, encryption.clone(), content_type, now)?;
    let mut out = json!({ "ServerSideEncryption": encryption.header() });
    if let Encryption::Kms { key_id } = encryption {
        out["SSEKMSKeyId"] = json!(key_id);
    }
    Ok(out)
}

fn check_key(key: &str) -> Result<(), ApiError> {
    if key.is_empty() || key.len() > 1024 {
        return Err(ApiError::new(
            ErrorKind::KeyTooLongError,
            "Your key is too long",
        ));
    }
    Ok(())
}

/// `PutObject` for the sandbox's own writers (Firehose delivering a batch): the same checks and
/// event-log entry as the call, with the body as bytes instead of base64 in JSON. `kms_key`
/// asks for `aws:kms` encryption with that key, as `SSEKMSKeyId` does.
pub(crate) fn put_object_typed(
    sb: &mut Sandbox,
    caller: Caller,
    bucket: &str,
    key: &str,
    data: Vec<u8>,
    kms_key: Option<&str>,
) -> Result<(), ApiError> {
    let encryption = match kms_key {
        Some(k) => Encryption::Kms {
            key_id: k.to_string(),
        },
        None => Encryption::S3Managed,
    };
    sb.call_typed(caller, PUT_OBJECT, None, |sb| {
        check_key(key)?;
        let cx: Ctx<'_, S3> = sb.ctx();
        let now = cx.now;
        cx.state.put(
            bucket,
            key,
            data,
            encryption,
            "binary/octet-stream".to_string(),
            now,
        )?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sb_with_bucket() -> Sandbox {
        let mut sb = Sandbox::default();
        sb.call("S3.CreateBucket", json!({"Bucket": "my-bucket"}))
            .unwrap();
        sb
    }

    fn put(sb: &mut Sandbox, key: &str, data: &[u8]) {
        let b = base64::engine::general_purpose::STANDARD.encode(data);
        sb.call(
            "S3.PutObject",
            json!({"Bucket": "my-bucket", "Key": key, "Body": b}),
        )
        .unwrap();
    }

    #[test]
    fn bucket_names_follow_s3_rules() {
        for good in ["abc", "my-bucket.logs", "a1b2c3", &"a".repeat(63)] {
            assert!(valid_bucket_name(good), "{good}");
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "My-Bucket",
            "-abc",
            "abc-",
            "a..b",
            "192.168.5.4",
            "xn--abc",
            "abc-s3alias",
            "a_b",
        ] {
            assert!(!valid_bucket_name(bad), "{bad}");
        }
        let mut sb = sb_with_bucket();
        let e = sb
            .call("S3.CreateBucket", json!({"Bucket": "Bad_Name"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "InvalidBucketName");
        assert_eq!(e.message(), Some("The specified bucket is not valid."));
        let e = sb
            .call("S3.CreateBucket", json!({"Bucket": "my-bucket"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "BucketAlreadyOwnedByYou");
        let out = sb.call("S3.ListBuckets", json!({})).unwrap();
        assert_eq!(out["Buckets"][0]["Name"], "my-bucket");
    }

    #[test]
    fn put_get_head_delete() {
        let mut sb = sb_with_bucket();
        put(&mut sb, "a/b.txt", b"hello");
        let out = sb
            .call(
                "S3.GetObject",
                json!({"Bucket": "my-bucket", "Key": "a/b.txt"}),
            )
            .unwrap();
        assert_eq!(out["Body"], "aGVsbG8=");
        assert_eq!(out["ContentLength"], 5);
        assert_eq!(out["ServerSideEncryption"], "AES256");
        let head = sb
            .call(
                "S3.HeadObject",
                json!({"Bucket": "my-bucket", "Key": "a/b.txt"}),
            )
            .unwrap();
        assert!(head.get("Body").is_none());
        let e = sb
            .call(
                "S3.GetObject",
                json!({"Bucket": "my-bucket", "Key": "nope"}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "NoSuchKey");
        let e = sb
            .call(
                "S3.HeadObject",
                json!({"Bucket": "my-bucket", "Key": "nope"}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "404");
        let e = sb
            .call("S3.GetObject", json!({"Bucket": "other-b", "Key": "x"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "NoSuchBucket");
        sb.call(
            "S3.DeleteObject",
            json!({"Bucket": "my-bucket", "Key": "a/b.txt"}),
        )
        .unwrap();
        assert!(sb.s3.object("my-bucket", "a/b.txt").is_none());
    }

    #[test]
    fn kms_flag_is_kept() {
        let mut sb = sb_with_bucket();
        let out = sb
            .call(
                "S3.PutObject",
                json!({"Bucket": "my-bucket", "Key": "k", "Body": "",
                       "ServerSideEncryption": "aws:kms", "SSEKMSKeyId": "arn:aws:kms:us-east-1:123456789012:key/abc"}),
            )
            .unwrap();
        assert_eq!(out["ServerSideEncryption"], "aws:kms");
        let got = sb
            .call("S3.GetObject", json!({"Bucket": "my-bucket", "Key": "k"}))
            .unwrap();
        assert_eq!(
            got["SSEKMSKeyId"],
            "arn:aws:kms:us-east-1:123456789012:key/abc"
        );
    }

    #[test]
    fn list_with_prefix_delimiter_and_pages() {
        let mut sb = sb_with_bucket();
        for k in [
            "2026/01/a",
            "2026/01/b",
            "2026/02/c",
            "top1",
            "top2",
            "top3",
        ] {
            put(&mut sb, k, b"x");
        }
        let out = sb
            .call(
                "S3.ListObjectsV2",
                json!({"Bucket": "my-bucket", "Delimiter": "/"}),
            )
            .unwrap();
        assert_eq!(out["CommonPrefixes"], json!([{"Prefix": "2026/"}]));
        assert_eq!(out["KeyCount"], 4);
        let out = sb
            .call(
                "S3.ListObjectsV2",
                json!({"Bucket": "my-bucket", "Prefix": "2026/", "Delimiter": "/"}),
            )
            .unwrap();
        assert_eq!(
            out["CommonPrefixes"],
            json!([{"Prefix": "2026/01/"}, {"Prefix": "2026/02/"}])
        );
        assert!(out.get("Contents").is_none());
        // Paging two at a time visits every key once.
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let mut req = json!({"Bucket": "my-bucket", "MaxKeys": 2});
            if let Some(t) = &token {
                req["ContinuationToken"] = json!(t);
            }
            let out = sb.call("S3.ListObjectsV2", req).unwrap();
            for c in out["Contents"].as_array().unwrap() {
                seen.push(c["Key"].as_str().unwrap().to_string());
            }
            if out["IsTruncated"] == json!(false) {
                break;
            }
            token = Some(out["NextContinuationToken"].as_str().unwrap().into());
        }
        assert_eq!(seen.len(), 6);
        let listing = sb.s3.browse("my-bucket", "2026/").unwrap();
        assert_eq!(listing.folders, vec!["2026/01/", "2026/02/"]);
        let listing = sb.s3.browse("my-bucket", "2026/01/").unwrap();
        assert_eq!(listing.objects.len(), 2);
    }
}
