//! Where a dataset comes from: every object under an S3 prefix (each read as the S3 browser
//! reads it — gzip, ZIP and Snappy unpacked, JSON, CSV, Parquet or ORC), or a snapshot of a
//! Kinesis data stream's records from TRIM_HORIZON on every shard. Each object's outcome is
//! kept, so the page can list the objects and records it refused and why.

use super::dataset::{Dataset, DatasetError};
use crate::engine::streams::ReadFrom;
use crate::engine::Sandbox;
use crate::text::thousands;

/// The most records a stream snapshot reads (QuickSight's SPICE also has a row limit per
/// dataset); the page says when it stopped there.
pub const STREAM_RECORDS_LIMIT: usize = 100_000;

/// What the dataset was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    S3 { bucket: String, prefix: String },
    Stream { name: String },
}

impl Source {
    /// `s3` or `kinesis`, as lab observations name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Source::S3 { .. } => "s3",
            Source::Stream { .. } => "kinesis",
        }
    }

    /// `s3://bucket/prefix` or the stream's name.
    pub fn location(&self) -> String {
        match self {
            Source::S3 { bucket, prefix } => format!("s3://{bucket}/{prefix}"),
            Source::Stream { name } => name.clone(),
        }
    }
}

/// How one object (or the stream's records) read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The object's key, or "records".
    pub name: String,
    /// Rows read.
    pub rows: usize,
    /// Rows or records refused, with the first reason; or why nothing could be read.
    pub refused: Option<String>,
}

/// A dataset made from a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub source: Source,
    pub dataset: Dataset,
    pub parts: Vec<Part>,
    /// What else to say (records left out past the limit, discarded bodies).
    pub notes: Vec<String>,
}

/// Why no dataset could be made, in words for the page.
pub type LoadError = String;

/// Whether the object needs the ZIP and Snappy extension to be read.
pub fn needs_codecs(key: &str, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xff\x06\x00\x00sNaPpY")
        || key.ends_with(".snappy")
}

/// Whether any object under `prefix` needs the ZIP and Snappy extension.
pub fn s3_needs_codecs(sb: &Sandbox, bucket: &str, prefix: &str) -> bool {
    objects(sb, bucket, prefix)
        .into_iter()
        .any(|(key, body)| body.is_some_and(|b| needs_codecs(key, b)))
}

fn objects<'a>(sb: &'a Sandbox, bucket: &str, prefix: &str) -> Vec<(&'a str, Option<&'a [u8]>)> {
    sb.s3().bucket(bucket).map_or(Vec::new(), |b| {
        b.objects
            .range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, o)| (k.as_str(), o.body.as_deref()))
            .collect()
    })
}

fn read_object(key: &str, bytes: &[u8]) -> Result<Dataset, String> {
    if needs_codecs(key, bytes) {
        let Some(codecs) = crate::engine::extension::codecs() else {
            return Err("ZIP and Snappy are still loading.".into());
        };
        let unpack = if bytes.starts_with(b"PK\x03\x04") {
            codecs.unzip
        } else if bytes.starts_with(b"\xff\x06\x00\x00sNaPpY") {
            codecs.unsnappy
        } else {
            codecs.unhadoop_snappy
        };
        let plain = unpack(bytes)?;
        return Dataset::from_bytes(&plain).map_err(|e| e.to_string());
    }
    Dataset::from_bytes(bytes).map_err(|e| e.to_string())
}

fn refused(ds: &Dataset) -> Option<String> {
    (ds.rejected.count > 0).then(|| {
        format!(
            "{} could not be read (first: {})",
            thousands(ds.rejected.count as u64),
            ds.rejected.first.as_deref().unwrap_or("?")
        )
    })
}

/// Every object under `prefix` in `bucket`, as one dataset.
pub fn from_s3(sb: &Sandbox, bucket: &str, prefix: &str) -> Result<Loaded, LoadError> {
    if !sb.s3().has_bucket(bucket) {
        return Err(format!("The specified bucket does not exist: {bucket}."));
    }
    let found = objects(sb, bucket, prefix);
    if found.is_empty() {
        return Err(format!(
            "No objects in s3://{bucket}/{prefix}. Choose a prefix that holds delivered objects."
        ));
    }
    let mut parts = Vec::new();
    let mut sets = Vec::new();
    let mut notes = Vec::new();
    let mut discarded = 0;
    for (key, body) in found {
        let Some(body) = body else {
            discarded += 1;
            continue;
        };
        match read_object(key, body) {
            Ok(ds) => {
                parts.push(Part {
                    name: key.to_string(),
                    rows: ds.rows,
                    refused: refused(&ds),
                });
                sets.push(ds);
            }
            Err(why) => parts.push(Part {
                name: key.to_string(),
                rows: 0,
                refused: Some(why),
            }),
        }
    }
    if discarded > 0 {
        notes.push(format!(
            "{discarded} objects are left out: the sandbox discarded their bodies to stay within its memory budget."
        ));
    }
    let source = Source::S3 {
        bucket: bucket.to_string(),
        prefix: prefix.to_string(),
    };
    match Dataset::concat(sets) {
        Some(dataset) if dataset.rows > 0 => Ok(Loaded {
            source,
            dataset,
            parts,
            notes,
        }),
        _ => Err(match parts.iter().find_map(|p| p.refused.as_ref().map(|r| (p, r))) {
            Some((p, why)) => format!("No row could be read from s3://{bucket}/{prefix}. {}: {why}", p.name),
            None => format!("No row could be read from s3://{bucket}/{prefix}: its objects' bodies were discarded."),
        }),
    }
}

/// A snapshot of `stream`'s records, from TRIM_HORIZON on every shard, as one dataset.
pub fn from_stream(sb: &Sandbox, stream: &str) -> Result<Loaded, LoadError> {
    let Some(view) = sb.stream(stream) else {
        return Err(format!(
            "Stream {stream} under account {} not found.",
            sb.config().account_id
        ));
    };
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut held = 0u64;
    'shards: for shard in &view.shards {
        let mut from = ReadFrom::TrimHorizon;
        while let Some((batch, next)) = sb.peek_records(stream, shard.index, from, 10_000) {
            if batch.is_empty() {
                break;
            }
            for r in batch {
                if records.len() == STREAM_RECORDS_LIMIT {
                    held = view.records_held;
                    break 'shards;
                }
                records.push(r.data);
            }
            from = ReadFrom::Counter(next);
        }
    }
    let mut notes = Vec::new();
    if held > 0 {
        notes.push(format!(
            "The snapshot stopped at {} of the stream's {} records.",
            thousands(STREAM_RECORDS_LIMIT as u64),
            thousands(held)
        ));
    }
    let dataset = Dataset::from_records(&records).map_err(|e| match e {
        DatasetError::Empty => format!("{stream} holds no records yet. Send some (the Kinesis Data Generator does) and try again."),
        e => format!("No record of {stream} could be read. {e}"),
    })?;
    let parts = vec![Part {
        name: format!("{} records", thousands(records.len() as u64)),
        rows: dataset.rows,
        refused: refused(&dataset),
    }];
    Ok(Loaded {
        source: Source::Stream {
            name: stream.to_string(),
        },
        dataset,
        parts,
        notes,
    })
}
