//! Firehose's `DataFormatConversionConfiguration`: member constraints, the rules between it
//! and its destination, defaults, and the shape DescribeDeliveryStream gives.

use kinesis_sandbox::engine::body::Body;
use kinesis_sandbox::engine::firehose::convert::config::{
    OrcCompression, ParquetCompression, ParquetWriterVersion,
};
use kinesis_sandbox::engine::firehose::convert::{
    check_destination_rules, DataFormatConversionConfiguration, Deserializer, Serializer,
    DEFAULT_BUFFER_MB_WITH_CONVERSION,
};
use serde_json::{json, Value};

const PATH: &str = "extendedS3DestinationConfiguration";

fn parse(v: Value) -> Result<DataFormatConversionConfiguration, (String, String)> {
    DataFormatConversionConfiguration::parse(
        Body::of(&v).unwrap(),
        PATH,
        "123456789012",
        "us-east-1",
    )
    .map_err(|e| {
        (
            e.error_type().to_string(),
            e.message().unwrap_or("").to_string(),
        )
    })
}

fn full() -> Value {
    json!({
        "SchemaConfiguration": {
            "RoleARN": "arn:aws:iam::123456789012:role/firehose",
            "DatabaseName": "db",
            "TableName": "events"
        },
        "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
        "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {}}}
    })
}

fn rule_error(v: Value, buffer: Option<i64>, uncompressed: bool) -> Option<String> {
    let c = parse(v).unwrap();
    check_destination_rules(&c, buffer, uncompressed)
        .err()
        .map(|e| {
            assert_eq!(e.error_type(), "InvalidArgumentException");
            e.message().unwrap().to_string()
        })
}

#[test]
fn a_complete_configuration_is_enabled_with_aws_defaults() {
    let c = parse(full()).unwrap();
    assert!(c.is_enabled());
    let conv = c.conversion().unwrap();
    let Deserializer::OpenX(o) = &conv.deserializer else {
        panic!("OpenX expected")
    };
    assert!(o.case_insensitive());
    assert!(!o.dots_to_underscores());
    let Serializer::Parquet(p) = &conv.serializer else {
        panic!("Parquet expected")
    };
    assert_eq!(p.compression(), ParquetCompression::Snappy);
    assert_eq!(p.writer_version(), ParquetWriterVersion::V1);
    assert_eq!(p.block_size(), 256 * 1024 * 1024);
    assert_eq!(p.page_size(), 1024 * 1024);
    assert!(p.dictionary());
    assert_eq!(DEFAULT_BUFFER_MB_WITH_CONVERSION, 128);
    assert!(check_destination_rules(&c, None, true).is_ok());
    assert!(check_destination_rules(&c, Some(64), true).is_ok());
}

#[test]
fn describe_fills_the_schema_defaults_and_echoes_the_serdes() {
    let c = parse(full()).unwrap();
    assert_eq!(
        c.describe(),
        json!({
            "SchemaConfiguration": {
                "RoleARN": "arn:aws:iam::123456789012:role/firehose",
                "CatalogId": "123456789012",
                "DatabaseName": "db",
                "TableName": "events",
                "Region": "us-east-1",
                "VersionId": "LATEST"
            },
            "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
            "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {}}},
            "Enabled": true
        })
    );
    let mut v = full();
    v["Enabled"] = json!(false);
    v["OutputFormatConfiguration"] = json!({"Serializer": {"OrcSerDe": {
        "Compression": "ZLIB", "BloomFilterColumns": ["id"], "PaddingTolerance": 0.1
    }}});
    v["InputFormatConfiguration"] = json!({"Deserializer": {"HiveJsonSerDe": {
        "TimestampFormats": ["millis"]
    }}});
    let c = parse(v).unwrap();
    let d = c.describe();
    assert_eq!(d["Enabled"], json!(false));
    assert_eq!(
        d["OutputFormatConfiguration"],
        json!({"Serializer": {"OrcSerDe": {
            "Compression": "ZLIB", "BloomFilterColumns": ["id"], "PaddingTolerance": 0.1
        }}})
    );
    assert_eq!(
        d["InputFormatConfiguration"]["Deserializer"]["HiveJsonSerDe"]["TimestampFormats"],
        json!(["millis"])
    );
    assert!(c.conversion().is_none(), "disabled");
}

#[test]
fn the_configuration_saves_and_loads_unchanged() {
    let mut v = full();
    v["OutputFormatConfiguration"] = json!({"Serializer": {"OrcSerDe": {
        "Compression": "NONE", "FormatVersion": "V0_11", "StripeSizeBytes": 8388608
    }}});
    let c = parse(v).unwrap();
    let saved = serde_json::to_string(&c).unwrap();
    let back: DataFormatConversionConfiguration = serde_json::from_str(&saved).unwrap();
    assert_eq!(back, c);
    let Serializer::Orc(o) = back.conversion().unwrap().serializer else {
        panic!()
    };
    assert_eq!(o.compression(), OrcCompression::None);
    assert_eq!(o.row_index_stride(), 10_000);
}

#[test]
fn member_constraints_are_one_validation_exception_in_aws_order() {
    let mut v = full();
    v["OutputFormatConfiguration"] = json!({"Serializer": {"ParquetSerDe": {
        "BlockSizeBytes": 1024, "PageSizeBytes": 10, "Compression": "LZO",
        "WriterVersion": "V3", "MaxPaddingBytes": -1
    }}});
    v["SchemaConfiguration"]["TableName"] = json!("has space");
    let (kind, message) = parse(v).unwrap_err();
    assert_eq!(kind, "ValidationException");
    let s = "extendedS3DestinationConfiguration.dataFormatConversionConfiguration";
    let p = format!("{s}.outputFormatConfiguration.serializer.parquetSerDe");
    assert_eq!(
        message,
        format!(
            "6 validation errors detected: \
             Value '-1' at '{p}.maxPaddingBytes' failed to satisfy constraint: Member must have value greater than or equal to 0; \
             Value '1024' at '{p}.blockSizeBytes' failed to satisfy constraint: Member must have value greater than or equal to 67108864; \
             Value '10' at '{p}.pageSizeBytes' failed to satisfy constraint: Member must have value greater than or equal to 65536; \
             Value 'LZO' at '{p}.compression' failed to satisfy constraint: Member must satisfy enum value set: [SNAPPY, GZIP, UNCOMPRESSED]; \
             Value 'V3' at '{p}.writerVersion' failed to satisfy constraint: Member must satisfy enum value set: [V1, V2]; \
             Value 'has space' at '{s}.schemaConfiguration.tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^\\S+$"
        )
    );
}

#[test]
fn orc_members_have_their_minimums_and_fractions() {
    let mut v = full();
    v["OutputFormatConfiguration"] = json!({"Serializer": {"OrcSerDe": {
        "StripeSizeBytes": 1, "BlockSizeBytes": 1, "RowIndexStride": 999,
        "PaddingTolerance": 1.5, "DictionaryKeyThreshold": -0.5,
        "BloomFilterFalsePositiveProbability": 2, "Compression": "GZIP", "FormatVersion": "V1"
    }}});
    let (_, message) = parse(v).unwrap_err();
    assert!(
        message.starts_with("8 validation errors detected: "),
        "{message}"
    );
    let order: Vec<&str> = [
        "dictionaryKeyThreshold",
        "blockSizeBytes",
        "rowIndexStride",
        "paddingTolerance",
        "stripeSizeBytes",
        "compression",
        "formatVersion",
        "bloomFilterFalsePositiveProbability",
    ]
    .into_iter()
    .collect();
    let positions: Vec<usize> = order
        .iter()
        .map(|m| message.find(&format!("orcSerDe.{m}'")).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{message}");
    assert!(message.contains("[ZLIB, SNAPPY, NONE]"));
    assert!(message.contains("Value '-0.5' at"));
    assert!(message.contains("Member must have value less than or equal to 1"));
}

#[test]
fn column_mappings_need_keys_without_spaces_and_values_not_blank() {
    let mut v = full();
    v["InputFormatConfiguration"] = json!({"Deserializer": {"OpenXJsonSerDe": {
        "ColumnToJsonKeyMappings": {"a b": "x", "ts": " "}
    }}});
    let (_, message) = parse(v).unwrap_err();
    assert!(message.starts_with("2 validation errors detected: "));
    assert!(message.contains("Value '{a b=x, ts= }' at"));
    assert!(message.contains("columnToJsonKeyMappings' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^\\S+$]"));
    assert!(message.contains("Map value must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ^(?!\\s*$).+]"));
}

#[test]
fn wrong_json_types_are_serialization_errors() {
    let mut v = full();
    v["Enabled"] = json!("yes");
    assert_eq!(parse(v).unwrap_err().0, "SerializationException");
    let mut v = full();
    v["OutputFormatConfiguration"]["Serializer"]["ParquetSerDe"] = json!({"BlockSizeBytes": "big"});
    assert_eq!(parse(v).unwrap_err().0, "SerializationException");
}

#[test]
fn destination_rules_come_one_at_a_time_in_aws_order() {
    assert_eq!(
        rule_error(full(), Some(5), false).unwrap(),
        "The S3 destination's compression format must be set to UNCOMPRESSED when data format \
         conversion is enabled. To enable compression within the converted output format, set \
         the appropriate serialization option in the output format configuration."
    );
    assert_eq!(
        rule_error(full(), Some(63), true).unwrap(),
        "BufferingHints.SizeInMBs must be at least 64 when data format conversion is enabled."
    );
    for (member, message) in [
        (
            "InputFormatConfiguration",
            "InputFormatConfiguration must not be null",
        ),
        (
            "OutputFormatConfiguration",
            "OutputFormatConfiguration must not be null",
        ),
        (
            "SchemaConfiguration",
            "SchemaConfiguration must not be null",
        ),
    ] {
        let mut v = full();
        v.as_object_mut().unwrap().remove(member);
        assert_eq!(rule_error(v, None, true).unwrap(), message);
    }
    let mut v = full();
    v["InputFormatConfiguration"] = json!({"Deserializer": {}});
    assert_eq!(
        rule_error(v, None, true).unwrap(),
        "Deserializer must not be null"
    );
    let mut v = full();
    v["InputFormatConfiguration"] =
        json!({"Deserializer": {"OpenXJsonSerDe": {}, "HiveJsonSerDe": {}}});
    assert_eq!(
        rule_error(v, None, true).unwrap(),
        "More than one deserializer specified. Only one may be chosen."
    );
    let mut v = full();
    v["OutputFormatConfiguration"] = json!({});
    assert_eq!(
        rule_error(v, None, true).unwrap(),
        "Serializer must not be null"
    );
    let mut v = full();
    v["OutputFormatConfiguration"] = json!({"Serializer": {"ParquetSerDe": {}, "OrcSerDe": {}}});
    assert_eq!(
        rule_error(v, None, true).unwrap(),
        "More than one serializer specified. Only one may be chosen."
    );
    for (member, name) in [
        ("RoleARN", "RoleArn"),
        ("DatabaseName", "DatabaseName"),
        ("TableName", "TableName"),
    ] {
        let mut v = full();
        v["SchemaConfiguration"]
            .as_object_mut()
            .unwrap()
            .remove(member);
        assert_eq!(
            rule_error(v, None, true).unwrap(),
            format!("SchemaConfiguration.{name} must not be null or empty")
        );
    }
}

#[test]
fn a_disabled_configuration_skips_the_rules_but_not_the_constraints() {
    let v = json!({"Enabled": false});
    assert_eq!(rule_error(v, Some(1), false), None);
    let v = json!({"Enabled": false, "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {"PageSizeBytes": 1}}}});
    assert_eq!(parse(v).unwrap_err().0, "ValidationException");
}

#[test]
fn parse_into_joins_the_requests_other_failures() {
    use kinesis_sandbox::engine::Validation;
    let mut v = Validation::new();
    v.range(
        0,
        "extendedS3DestinationConfiguration.bufferingHints.sizeInMBs",
        1,
        128,
    );
    let mut body = full();
    body["OutputFormatConfiguration"]["Serializer"]["ParquetSerDe"] = json!({"PageSizeBytes": 1});
    DataFormatConversionConfiguration::parse_into(
        Body::of(&body).unwrap(),
        PATH,
        "123456789012",
        "us-east-1",
        &mut v,
    )
    .unwrap();
    let message = v.finish().unwrap_err().message().unwrap().to_string();
    assert!(message.starts_with("2 validation errors detected: Value '0' at 'extendedS3DestinationConfiguration.bufferingHints.sizeInMBs'"), "{message}");
    assert!(message.contains("parquetSerDe.pageSizeBytes"));
}
