//! Reading `DataFormatConversionConfiguration` from a request: wrong JSON types are
//! `SerializationException`s (Coral reads the body first); the model's member constraints
//! are collected in the order AWS prints them (serializer, deserializer, schema) into one
//! `ValidationException`.

use super::config::{
    DataFormatConversionConfiguration, Deserializers, HiveJsonSerDe, OpenXJsonSerDe,
    OrcCompression, OrcFormatVersion, OrcSerDe, ParquetCompression, ParquetSerDe,
    ParquetWriterVersion, SchemaConfiguration, Serializers,
};
use crate::engine::body::{string_item, Body};
use crate::engine::validation::Validation;
use crate::engine::ApiError;
use serde_json::Value;
use std::collections::BTreeMap;

const MIB: i64 = 1024 * 1024;
const PARQUET_MIN_BLOCK: i64 = 64 * MIB;
const PARQUET_MIN_PAGE: i64 = 64 * 1024;
const ORC_MIN_STRIPE: i64 = 8 * MIB;
const ORC_MIN_BLOCK: i64 = 64 * MIB;
const ORC_MIN_ROW_INDEX_STRIDE: i64 = 1000;
/// Schema members and mapping keys: 1–1024 characters, `^\S+$`.
const MAX_SCHEMA_MEMBER: usize = 1024;

impl DataFormatConversionConfiguration {
    /// Reads the `DataFormatConversionConfiguration` object at `path` (camelCase, as AWS
    /// prints it: `extendedS3DestinationConfiguration.dataFormatConversionConfiguration`).
    /// Wrong JSON types are `SerializationException`s; the member constraints one
    /// `ValidationException`. `CatalogId` and `Region` default to `account_id` and `region`.
    pub fn parse(cfg: Body, path: &str, account_id: &str, region: &str) -> Result<Self, ApiError> {
        let mut v = Validation::new();
        let conf = Self::parse_into(cfg, path, account_id, region, &mut v)?;
        v.finish()?;
        Ok(conf)
    }

    /// [`parse`](Self::parse), with the member constraints added to `v`, so that a request's
    /// other failures and these make one `ValidationException` as AWS's does. The result is
    /// only meaningful once `v` has no failures.
    pub fn parse_into(
        cfg: Body,
        path: &str,
        account_id: &str,
        region: &str,
        v: &mut Validation,
    ) -> Result<Self, ApiError> {
        let enabled = cfg.boolean("Enabled")?;
        let conv = format!("{path}.dataFormatConversionConfiguration");
        // Read in the order AWS lists the failures: serializer, deserializer, schema.
        let output = match cfg.object("OutputFormatConfiguration")? {
            None => None,
            Some(o) => Some(match o.object("Serializer")? {
                None => Serializers::default(),
                Some(s) => {
                    let at = format!("{conv}.outputFormatConfiguration.serializer");
                    Serializers {
                        parquet: match s.object("ParquetSerDe")? {
                            None => None,
                            Some(p) => Some(read_parquet(p, v, &format!("{at}.parquetSerDe"))?),
                        },
                        orc: match s.object("OrcSerDe")? {
                            None => None,
                            Some(o) => Some(read_orc(o, v, &format!("{at}.orcSerDe"))?),
                        },
                    }
                }
            }),
        };
        let input = match cfg.object("InputFormatConfiguration")? {
            None => None,
            Some(i) => Some(match i.object("Deserializer")? {
                None => Deserializers::default(),
                Some(d) => {
                    let at = format!("{conv}.inputFormatConfiguration.deserializer");
                    Deserializers {
                        open_x: match d.object("OpenXJsonSerDe")? {
                            None => None,
                            Some(o) => Some(read_open_x(o, v, &format!("{at}.openXJsonSerDe"))?),
                        },
                        hive: d.object("HiveJsonSerDe")?.map(read_hive).transpose()?,
                    }
                }
            }),
        };
        let schema = match cfg.object("SchemaConfiguration")? {
            None => None,
            Some(s) => Some(read_schema(s, v, &format!("{conv}.schemaConfiguration"))?),
        };
        let schema = schema.map(|mut s| {
            s.catalog_id.get_or_insert_with(|| account_id.to_string());
            s.region.get_or_insert_with(|| region.to_string());
            s.version_id.get_or_insert_with(|| "LATEST".to_string());
            s
        });
        Ok(DataFormatConversionConfiguration {
            enabled,
            schema,
            input,
            output,
        })
    }
}

fn no_space(text: &str) -> bool {
    !text.is_empty() && !text.chars().any(char::is_whitespace)
}

fn owned(text: Option<&str>) -> Option<String> {
    text.map(str::to_string)
}

fn read_schema(s: Body, v: &mut Validation, at: &str) -> Result<SchemaConfiguration, ApiError> {
    let schema = SchemaConfiguration {
        role_arn: owned(s.string("RoleARN")?),
        catalog_id: owned(s.string("CatalogId")?),
        database_name: owned(s.string("DatabaseName")?),
        table_name: owned(s.string("TableName")?),
        region: owned(s.string("Region")?),
        version_id: owned(s.string("VersionId")?),
    };
    for (value, member) in [
        (&schema.version_id, "versionId"),
        (&schema.catalog_id, "catalogId"),
        (&schema.database_name, "databaseName"),
        (&schema.role_arn, "roleARN"),
        (&schema.region, "region"),
        (&schema.table_name, "tableName"),
    ] {
        if let Some(value) = value {
            v.string(
                value,
                &format!("{at}.{member}"),
                Some(("^\\S+$", no_space)),
                1,
                MAX_SCHEMA_MEMBER,
            );
        }
    }
    Ok(schema)
}

/// The mapping's keys (`^\S+$`) and values (not blank), 1–1024 characters each; AWS names
/// the whole constraint set once for the keys and once for the values.
fn read_open_x(o: Body, v: &mut Validation, at: &str) -> Result<OpenXJsonSerDe, ApiError> {
    let column_to_json_key_mappings = match o.object("ColumnToJsonKeyMappings")? {
        None => None,
        Some(m) => {
            let mut out = BTreeMap::new();
            for (column, key) in m.0 {
                if let Some(key) = string_item(key)? {
                    out.insert(column.clone(), key.to_string());
                }
            }
            let fits = |t: &str| (1..=MAX_SCHEMA_MEMBER).contains(&t.chars().count());
            let set = |pattern: &str| {
                format!(
                    "[Member must have length less than or equal to {MAX_SCHEMA_MEMBER}, Member \
                     must have length greater than or equal to 1, Member must satisfy regular \
                     expression pattern: {pattern}]"
                )
            };
            let at = format!("{at}.columnToJsonKeyMappings");
            // Shown as Java prints a map.
            let shown: Vec<String> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let shown = format!("{{{}}}", shown.join(", "));
            if !out.keys().all(|k| fits(k) && no_space(k)) {
                v.fail(
                    Some(&shown),
                    &at,
                    &format!("Map keys must satisfy constraint: {}", set("^\\S+$")),
                );
            }
            if !out.values().all(|k| fits(k) && !k.trim().is_empty()) {
                v.fail(
                    Some(&shown),
                    &at,
                    &format!("Map value must satisfy constraint: {}", set("^(?!\\s*$).+")),
                );
            }
            Some(out)
        }
    };
    Ok(OpenXJsonSerDe {
        convert_dots_in_json_keys_to_underscores: o
            .boolean("ConvertDotsInJsonKeysToUnderscores")?,
        case_insensitive: o.boolean("CaseInsensitive")?,
        column_to_json_key_mappings,
    })
}

fn read_strings(b: Body, name: &str) -> Result<Option<Vec<String>>, ApiError> {
    let Some(items) = b.list(name)? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(text) = string_item(item)? {
            out.push(text.to_string());
        }
    }
    Ok(Some(out))
}

fn read_hive(h: Body) -> Result<HiveJsonSerDe, ApiError> {
    Ok(HiveJsonSerDe {
        timestamp_formats: read_strings(h, "TimestampFormats")?,
    })
}

/// An enum member: `None` and a failure naming AWS's value set when it is not one of them.
fn enum_member<T>(
    v: &mut Validation,
    text: Option<&str>,
    at: &str,
    parse: impl Fn(&str) -> Option<T>,
    set: &str,
) -> Option<T> {
    let text = text?;
    let parsed = parse(text);
    if parsed.is_none() {
        v.fail(
            Some(text),
            at,
            &format!("Member must satisfy enum value set: {set}"),
        );
    }
    parsed
}

fn at_least(v: &mut Validation, value: Option<i64>, at: &str, min: i64) {
    if let Some(value) = value {
        v.range(value, at, min, i64::MAX);
    }
}

/// A fraction in 0–1: AWS names only the bound crossed (both for NaN, which JSON can't send).
fn fraction(v: &mut Validation, value: Option<f64>, at: &str) {
    if let Some(value) = value {
        if value > 1.0 {
            v.fail(
                Some(&value.to_string()),
                at,
                "Member must have value less than or equal to 1",
            );
        }
        if value < 0.0 {
            v.fail(
                Some(&value.to_string()),
                at,
                "Member must have value greater than or equal to 0",
            );
        }
    }
}

fn number(b: Body, name: &str) -> Result<Option<f64>, ApiError> {
    match b.0.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(_) => b.integer(name).map(|_| None),
    }
}

/// The Parquet SerDe, checked in the order AWS lists its failures.
fn read_parquet(p: Body, v: &mut Validation, at: &str) -> Result<ParquetSerDe, ApiError> {
    let max_padding_bytes = p.integer("MaxPaddingBytes")?;
    let block_size_bytes = p.integer("BlockSizeBytes")?;
    let page_size_bytes = p.integer("PageSizeBytes")?;
    let compression = p.string("Compression")?;
    let writer_version = p.string("WriterVersion")?;
    let enable_dictionary_compression = p.boolean("EnableDictionaryCompression")?;
    at_least(v, max_padding_bytes, &format!("{at}.maxPaddingBytes"), 0);
    at_least(
        v,
        block_size_bytes,
        &format!("{at}.blockSizeBytes"),
        PARQUET_MIN_BLOCK,
    );
    at_least(
        v,
        page_size_bytes,
        &format!("{at}.pageSizeBytes"),
        PARQUET_MIN_PAGE,
    );
    let compression = enum_member(
        v,
        compression,
        &format!("{at}.compression"),
        ParquetCompression::parse,
        "[SNAPPY, GZIP, UNCOMPRESSED]",
    );
    let writer_version = enum_member(
        v,
        writer_version,
        &format!("{at}.writerVersion"),
        |w| match w {
            "V1" => Some(ParquetWriterVersion::V1),
            "V2" => Some(ParquetWriterVersion::V2),
            _ => None,
        },
        "[V1, V2]",
    );
    Ok(ParquetSerDe {
        block_size_bytes,
        page_size_bytes,
        compression,
        enable_dictionary_compression,
        max_padding_bytes,
        writer_version,
    })
}

/// The ORC SerDe, checked in the order AWS lists its failures.
fn read_orc(o: Body, v: &mut Validation, at: &str) -> Result<OrcSerDe, ApiError> {
    let dictionary_key_threshold = number(o, "DictionaryKeyThreshold")?;
    let block_size_bytes = o.integer("BlockSizeBytes")?;
    let row_index_stride = o.integer("RowIndexStride")?;
    let padding_tolerance = number(o, "PaddingTolerance")?;
    let stripe_size_bytes = o.integer("StripeSizeBytes")?;
    let compression = o.string("Compression")?;
    let format_version = o.string("FormatVersion")?;
    let bloom_filter_false_positive_probability = number(o, "BloomFilterFalsePositiveProbability")?;
    let enable_padding = o.boolean("EnablePadding")?;
    let bloom_filter_columns = read_strings(o, "BloomFilterColumns")?;
    fraction(
        v,
        dictionary_key_threshold,
        &format!("{at}.dictionaryKeyThreshold"),
    );
    at_least(
        v,
        block_size_bytes,
        &format!("{at}.blockSizeBytes"),
        ORC_MIN_BLOCK,
    );
    at_least(
        v,
        row_index_stride,
        &format!("{at}.rowIndexStride"),
        ORC_MIN_ROW_INDEX_STRIDE,
    );
    fraction(v, padding_tolerance, &format!("{at}.paddingTolerance"));
    at_least(
        v,
        stripe_size_bytes,
        &format!("{at}.stripeSizeBytes"),
        ORC_MIN_STRIPE,
    );
    let compression = enum_member(
        v,
        compression,
        &format!("{at}.compression"),
        OrcCompression::parse,
        "[ZLIB, SNAPPY, NONE]",
    );
    let format_version = enum_member(
        v,
        format_version,
        &format!("{at}.formatVersion"),
        |f| match f {
            "V0_11" => Some(OrcFormatVersion::V0_11),
            "V0_12" => Some(OrcFormatVersion::V0_12),
            _ => None,
        },
        "[V0_11, V0_12]",
    );
    fraction(
        v,
        bloom_filter_false_positive_probability,
        &format!("{at}.bloomFilterFalsePositiveProbability"),
    );
    Ok(OrcSerDe {
        stripe_size_bytes,
        block_size_bytes,
        row_index_stride,
        enable_padding,
        padding_tolerance,
        compression,
        bloom_filter_columns,
        bloom_filter_false_positive_probability,
        dictionary_key_threshold,
        format_version,
    })
}
