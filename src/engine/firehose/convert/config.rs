//! `DataFormatConversionConfiguration`: its types, described and saved, and the rules
//! between it and its destination.
//!
//! Reading it from a request is in `parse.rs`. The rules between members and the destination
//! ([`check_destination_rules`]) are `InvalidArgumentException`s, one at a time, in AWS's
//! order, and only while conversion is enabled. Fields keep what the request gave, so
//! DescribeDeliveryStream answers with it; accessors such as [`ParquetSerDe::compression`]
//! give the values in force, with AWS's defaults.

use crate::engine::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The buffer size a converting destination gets when the request names none (5 otherwise).
pub const DEFAULT_BUFFER_MB_WITH_CONVERSION: u32 = 128;
/// The smallest `BufferingHints.SizeInMBs` allowed with conversion enabled.
pub const MIN_BUFFER_MB_WITH_CONVERSION: i64 = 64;

const MIB: i64 = 1024 * 1024;

/// The whole configuration, as the request gave it (schema defaults filled in).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DataFormatConversionConfiguration {
    /// `Enabled` as given; absent means enabled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<SchemaConfiguration>,
    /// `InputFormatConfiguration.Deserializer`: `None` when the configuration itself is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<Deserializers>,
    /// `OutputFormatConfiguration.Serializer`: `None` when the configuration itself is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<Serializers>,
}

/// Where the Glue table is. `CatalogId` and `Region` default to the account's, `VersionId`
/// to `LATEST` (the newest version, so table changes are picked up).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SchemaConfiguration {
    pub role_arn: Option<String>,
    pub catalog_id: Option<String>,
    pub database_name: Option<String>,
    pub table_name: Option<String>,
    pub region: Option<String>,
    pub version_id: Option<String>,
}

/// The deserializers the request named (exactly one is allowed while enabled).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Deserializers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_x: Option<OpenXJsonSerDe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hive: Option<HiveJsonSerDe>,
}

/// The serializers the request named (exactly one is allowed while enabled).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Serializers {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parquet: Option<ParquetSerDe>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orc: Option<OrcSerDe>,
}

/// The OpenX JSON SerDe: keys lower-cased unless `CaseInsensitive` is false, dots in keys
/// optionally turned into underscores, and columns mapped to keys of other names.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OpenXJsonSerDe {
    pub convert_dots_in_json_keys_to_underscores: Option<bool>,
    pub case_insensitive: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column_to_json_key_mappings: Option<BTreeMap<String, String>>,
}

impl OpenXJsonSerDe {
    pub fn dots_to_underscores(&self) -> bool {
        self.convert_dots_in_json_keys_to_underscores
            .unwrap_or(false)
    }

    pub fn case_insensitive(&self) -> bool {
        self.case_insensitive.unwrap_or(true)
    }
}

/// The Hive JSON SerDe: timestamps by Joda-Time patterns or `millis`; without any, the form
/// of `java.sql.Timestamp.valueOf` (`yyyy-mm-dd hh:mm:ss[.f…]`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct HiveJsonSerDe {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp_formats: Option<Vec<String>>,
}

/// `ParquetSerDe.Compression`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParquetCompression {
    Uncompressed,
    Gzip,
    Snappy,
}

impl ParquetCompression {
    pub fn wire(self) -> &'static str {
        match self {
            ParquetCompression::Uncompressed => "UNCOMPRESSED",
            ParquetCompression::Gzip => "GZIP",
            ParquetCompression::Snappy => "SNAPPY",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        [Self::Uncompressed, Self::Gzip, Self::Snappy]
            .into_iter()
            .find(|c| c.wire() == text)
    }
}

/// `ParquetSerDe.WriterVersion`: data pages v1 or v2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParquetWriterVersion {
    V1,
    V2,
}

impl ParquetWriterVersion {
    pub fn wire(self) -> &'static str {
        match self {
            ParquetWriterVersion::V1 => "V1",
            ParquetWriterVersion::V2 => "V2",
        }
    }
}

/// The Parquet SerDe's settings as given.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParquetSerDe {
    pub block_size_bytes: Option<i64>,
    pub page_size_bytes: Option<i64>,
    pub compression: Option<ParquetCompression>,
    pub enable_dictionary_compression: Option<bool>,
    pub max_padding_bytes: Option<i64>,
    pub writer_version: Option<ParquetWriterVersion>,
}

impl ParquetSerDe {
    /// The row group size the writer aims for: 256 MiB unless given.
    pub fn block_size(&self) -> i64 {
        self.block_size_bytes.unwrap_or(256 * MIB)
    }

    /// The page size: 1 MiB unless given.
    pub fn page_size(&self) -> i64 {
        self.page_size_bytes.unwrap_or(MIB)
    }

    pub fn compression(&self) -> ParquetCompression {
        self.compression.unwrap_or(ParquetCompression::Snappy)
    }

    /// Dictionary encoding: on unless turned off, as in parquet-mr, the writer behind the
    /// SerDe (AWS documents no default).
    pub fn dictionary(&self) -> bool {
        self.enable_dictionary_compression.unwrap_or(true)
    }

    pub fn writer_version(&self) -> ParquetWriterVersion {
        self.writer_version.unwrap_or(ParquetWriterVersion::V1)
    }
}

/// `OrcSerDe.Compression`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrcCompression {
    None,
    Zlib,
    Snappy,
}

impl OrcCompression {
    pub fn wire(self) -> &'static str {
        match self {
            OrcCompression::None => "NONE",
            OrcCompression::Zlib => "ZLIB",
            OrcCompression::Snappy => "SNAPPY",
        }
    }

    pub(super) fn parse(text: &str) -> Option<Self> {
        [Self::None, Self::Zlib, Self::Snappy]
            .into_iter()
            .find(|c| c.wire() == text)
    }
}

/// `OrcSerDe.FormatVersion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrcFormatVersion {
    V0_11,
    V0_12,
}

impl OrcFormatVersion {
    pub fn wire(self) -> &'static str {
        match self {
            OrcFormatVersion::V0_11 => "V0_11",
            OrcFormatVersion::V0_12 => "V0_12",
        }
    }
}

/// The ORC SerDe's settings as given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OrcSerDe {
    pub stripe_size_bytes: Option<i64>,
    pub block_size_bytes: Option<i64>,
    pub row_index_stride: Option<i64>,
    pub enable_padding: Option<bool>,
    pub padding_tolerance: Option<f64>,
    pub compression: Option<OrcCompression>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bloom_filter_columns: Option<Vec<String>>,
    pub bloom_filter_false_positive_probability: Option<f64>,
    pub dictionary_key_threshold: Option<f64>,
    pub format_version: Option<OrcFormatVersion>,
}

impl OrcSerDe {
    pub fn stripe_size(&self) -> i64 {
        self.stripe_size_bytes.unwrap_or(64 * MIB)
    }

    pub fn row_index_stride(&self) -> i64 {
        self.row_index_stride.unwrap_or(10_000)
    }

    pub fn compression(&self) -> OrcCompression {
        self.compression.unwrap_or(OrcCompression::Snappy)
    }

    pub fn format_version(&self) -> OrcFormatVersion {
        self.format_version.unwrap_or(OrcFormatVersion::V0_12)
    }
}

/// How each record is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deserializer {
    OpenX(OpenXJsonSerDe),
    Hive(HiveJsonSerDe),
}

/// What the converted object is written as.
#[derive(Debug, Clone, PartialEq)]
pub enum Serializer {
    Parquet(ParquetSerDe),
    Orc(OrcSerDe),
}

/// What a conversion runs with, once the configuration has passed its checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversion {
    pub deserializer: Deserializer,
    pub serializer: Serializer,
}

impl DataFormatConversionConfiguration {
    /// Whether records are converted (`Enabled` absent means yes).
    pub fn is_enabled(&self) -> bool {
        self.enabled.unwrap_or(true)
    }

    /// The deserializer and serializer to run, if conversion is on and they are both named
    /// once (what [`check_destination_rules`] made sure of).
    pub fn conversion(&self) -> Option<Conversion> {
        if !self.is_enabled() {
            return None;
        }
        let deserializer = match self.input.as_ref()? {
            Deserializers {
                open_x: Some(o),
                hive: None,
            } => Deserializer::OpenX(o.clone()),
            Deserializers {
                open_x: None,
                hive: Some(h),
            } => Deserializer::Hive(h.clone()),
            _ => return None,
        };
        let serializer = match self.output.as_ref()? {
            Serializers {
                parquet: Some(p),
                orc: None,
            } => Serializer::Parquet(p.clone()),
            Serializers {
                parquet: None,
                orc: Some(o),
            } => Serializer::Orc(o.clone()),
            _ => return None,
        };
        Some(Conversion {
            deserializer,
            serializer,
        })
    }

    /// The configuration as DescribeDeliveryStream gives it: `Enabled` always, the schema with
    /// its defaults, each SerDe with the members the request gave.
    pub fn describe(&self) -> Value {
        let mut out = Map::new();
        if let Some(s) = &self.schema {
            let mut m = Map::new();
            for (name, value) in [
                ("RoleARN", &s.role_arn),
                ("CatalogId", &s.catalog_id),
                ("DatabaseName", &s.database_name),
                ("TableName", &s.table_name),
                ("Region", &s.region),
                ("VersionId", &s.version_id),
            ] {
                if let Some(value) = value {
                    m.insert(name.into(), json!(value));
                }
            }
            out.insert("SchemaConfiguration".into(), Value::Object(m));
        }
        if let Some(d) = &self.input {
            let mut m = Map::new();
            if let Some(o) = &d.open_x {
                let mut x = Map::new();
                put(
                    &mut x,
                    "ConvertDotsInJsonKeysToUnderscores",
                    o.convert_dots_in_json_keys_to_underscores,
                );
                put(&mut x, "CaseInsensitive", o.case_insensitive);
                put(
                    &mut x,
                    "ColumnToJsonKeyMappings",
                    o.column_to_json_key_mappings.clone(),
                );
                m.insert("OpenXJsonSerDe".into(), Value::Object(x));
            }
            if let Some(h) = &d.hive {
                let mut x = Map::new();
                put(&mut x, "TimestampFormats", h.timestamp_formats.clone());
                m.insert("HiveJsonSerDe".into(), Value::Object(x));
            }
            out.insert(
                "InputFormatConfiguration".into(),
                json!({ "Deserializer": m }),
            );
        }
        if let Some(s) = &self.output {
            let mut m = Map::new();
            if let Some(p) = &s.parquet {
                let mut x = Map::new();
                put(&mut x, "BlockSizeBytes", p.block_size_bytes);
                put(&mut x, "PageSizeBytes", p.page_size_bytes);
                put(&mut x, "Compression", p.compression.map(|c| c.wire()));
                put(
                    &mut x,
                    "EnableDictionaryCompression",
                    p.enable_dictionary_compression,
                );
                put(&mut x, "MaxPaddingBytes", p.max_padding_bytes);
                put(&mut x, "WriterVersion", p.writer_version.map(|w| w.wire()));
                m.insert("ParquetSerDe".into(), Value::Object(x));
            }
            if let Some(o) = &s.orc {
                let mut x = Map::new();
                put(&mut x, "StripeSizeBytes", o.stripe_size_bytes);
                put(&mut x, "BlockSizeBytes", o.block_size_bytes);
                put(&mut x, "RowIndexStride", o.row_index_stride);
                put(&mut x, "EnablePadding", o.enable_padding);
                put(&mut x, "PaddingTolerance", o.padding_tolerance);
                put(&mut x, "Compression", o.compression.map(|c| c.wire()));
                put(&mut x, "BloomFilterColumns", o.bloom_filter_columns.clone());
                put(
                    &mut x,
                    "BloomFilterFalsePositiveProbability",
                    o.bloom_filter_false_positive_probability,
                );
                put(&mut x, "DictionaryKeyThreshold", o.dictionary_key_threshold);
                put(&mut x, "FormatVersion", o.format_version.map(|f| f.wire()));
                m.insert("OrcSerDe".into(), Value::Object(x));
            }
            out.insert(
                "OutputFormatConfiguration".into(),
                json!({ "Serializer": m }),
            );
        }
        out.insert("Enabled".into(), json!(self.is_enabled()));
        Value::Object(out)
    }
}

/// The rules between the conversion and its destination, checked in AWS's order once the
/// members have passed [`DataFormatConversionConfiguration::parse`]: the S3 compression
/// format, an explicit buffer size (`None` when the request gave none: the default is then
/// [`DEFAULT_BUFFER_MB_WITH_CONVERSION`]), the three configurations, one deserializer and
/// one serializer, and the schema's required members. Nothing is checked while disabled.
pub fn check_destination_rules(
    conv: &DataFormatConversionConfiguration,
    buffering_size_mb: Option<i64>,
    compression_is_uncompressed: bool,
) -> Result<(), ApiError> {
    if !conv.is_enabled() {
        return Ok(());
    }
    let fail = |message: &str| Err(ApiError::invalid_argument(message));
    if !compression_is_uncompressed {
        return fail(
            "The S3 destination's compression format must be set to UNCOMPRESSED when data \
             format conversion is enabled. To enable compression within the converted output \
             format, set the appropriate serialization option in the output format \
             configuration.",
        );
    }
    if buffering_size_mb.is_some_and(|mb| mb < MIN_BUFFER_MB_WITH_CONVERSION) {
        return fail(&format!(
            "BufferingHints.SizeInMBs must be at least {MIN_BUFFER_MB_WITH_CONVERSION} when data \
             format conversion is enabled."
        ));
    }
    let Some(input) = &conv.input else {
        return fail("InputFormatConfiguration must not be null");
    };
    let Some(output) = &conv.output else {
        return fail("OutputFormatConfiguration must not be null");
    };
    let Some(schema) = &conv.schema else {
        return fail("SchemaConfiguration must not be null");
    };
    match (input.open_x.is_some(), input.hive.is_some()) {
        (false, false) => return fail("Deserializer must not be null"),
        (true, true) => {
            return fail("More than one deserializer specified. Only one may be chosen.")
        }
        _ => {}
    }
    match (output.parquet.is_some(), output.orc.is_some()) {
        (false, false) => return fail("Serializer must not be null"),
        (true, true) => return fail("More than one serializer specified. Only one may be chosen."),
        _ => {}
    }
    for (value, member) in [
        (&schema.role_arn, "RoleArn"),
        (&schema.database_name, "DatabaseName"),
        (&schema.table_name, "TableName"),
    ] {
        if value.as_deref().is_none_or(str::is_empty) {
            return fail(&format!(
                "SchemaConfiguration.{member} must not be null or empty"
            ));
        }
    }
    Ok(())
}

fn put<T: Serialize>(map: &mut Map<String, Value>, name: &str, value: Option<T>) {
    if let Some(value) = value {
        map.insert(name.into(), json!(value));
    }
}
