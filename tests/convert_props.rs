//! Record format conversion never panics: on any record over any table it converts or names
//! the record that failed, and the S3 browser's preview of any bytes (Parquet, ORC or
//! damaged) is a preview or a reason.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::engine::firehose::convert::config::{
    HiveJsonSerDe, OpenXJsonSerDe, OrcSerDe, ParquetSerDe,
};
use kinesis_sandbox::engine::firehose::convert::{
    self, preview::preview, Conversion, Deserializer, Serializer,
};
use kinesis_sandbox::engine::glue::{Column, HiveType};
use proptest::prelude::*;
use serde_json::{json, Value};

fn col(name: &str, t: &str) -> Column {
    Column {
        name: name.into(),
        type_text: t.into(),
        hive_type: HiveType::parse(t).unwrap(),
        comment: None,
    }
}

const TYPES: [&str; 14] = [
    "string",
    "int",
    "tinyint",
    "bigint",
    "double",
    "float",
    "boolean",
    "timestamp",
    "date",
    "decimal(5,2)",
    "varchar(4)",
    "array<int>",
    "map<int,string>",
    "struct<a:int,b:array<string>>",
];

/// Any JSON value a producer might send.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e20..1e20f64).prop_map(Value::from),
        "[a-z0-9 .:T-]{0,12}".prop_map(Value::from),
        Just(json!("2017-02-07T15:13:01Z")),
        Just(json!("2017-02-07")),
        Just(json!("12.345")),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-cA-C.]{1,3}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn record() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::collection::btree_map("c[0-5]|C[0-5]|[a-b]", json_value(), 0..6)
            .prop_map(|m| Value::Object(m.into_iter().collect()).to_string().into_bytes()),
        1 => json_value().prop_map(|v| v.to_string().into_bytes()),
        1 => prop::collection::vec(any::<u8>(), 0..20),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn any_records_convert_or_fail_one_by_one(
        types in prop::collection::vec(prop::sample::select(TYPES.to_vec()), 1..6),
        records in prop::collection::vec(record(), 1..8),
        hive in any::<bool>(),
        orc in any::<bool>(),
    ) {
        let table: Vec<Column> = types.iter().enumerate().map(|(i, t)| col(&format!("c{i}"), t)).collect();
        let deserializer = if hive {
            Deserializer::Hive(HiveJsonSerDe::default())
        } else {
            Deserializer::OpenX(OpenXJsonSerDe::default())
        };
        let conversion = Conversion {
            deserializer,
            serializer: if orc {
                Serializer::Orc(OrcSerDe::default())
            } else {
                Serializer::Parquet(ParquetSerDe::default())
            },
        };
        let slices: Vec<&[u8]> = records.iter().map(Vec::as_slice).collect();
        let out = convert::convert(&slices, &table, &conversion);
        let failed: Vec<usize> = out.failures.iter().map(|(i, _)| *i).collect();
        prop_assert!(failed.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(failed.iter().all(|&i| i < records.len()));
        match out.object {
            None => prop_assert_eq!(out.rows, 0),
            Some(bytes) => {
                let p = preview(&bytes).unwrap();
                prop_assert_eq!(p.total_rows, out.rows);
                prop_assert_eq!(p.note, None);
                prop_assert_eq!(p.columns.len(), table.len());
            }
        }
    }

    #[test]
    fn any_bytes_preview_or_say_why(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut framed = b"PAR1".to_vec();
        framed.extend_from_slice(&body);
        framed.extend_from_slice(b"PAR1");
        let _ = preview(&framed);
        let _ = preview(&body);
        let mut orc = b"ORC".to_vec();
        orc.extend_from_slice(&body);
        let _ = preview(&orc);
    }

    #[test]
    fn a_damaged_file_previews_or_says_why(at in any::<prop::sample::Index>(), byte in any::<u8>(), cut in any::<prop::sample::Index>()) {
        let table = [col("s", "string"), col("tags", "array<int>"), col("m", "map<string,double>")];
        let record = br#"{"s":"abc","tags":[1,2,null],"m":{"x":1.5}}"#;
        let conversion = Conversion {
            deserializer: Deserializer::OpenX(OpenXJsonSerDe::default()),
            serializer: Serializer::Parquet(ParquetSerDe::default()),
        };
        // A Parquet file cut short; a damaged page can make the parquet crate itself panic,
        // so flipped bytes are tried on ORC only, whose reader is this crate's.
        let good = convert::convert(&[record, record], &table, &conversion).object.unwrap();
        let mut short = good[..cut.index(good.len())].to_vec();
        short.extend_from_slice(b"PAR1");
        let _ = preview(&short);
        let orc = Conversion {
            serializer: Serializer::Orc(OrcSerDe::default()),
            ..conversion
        };
        let good = convert::convert(&[record, record], &table, &orc).object.unwrap();
        let mut damaged = good.clone();
        let i = at.index(damaged.len());
        damaged[i] ^= byte | 1;
        let _ = preview(&damaged);
        let _ = preview(&good[..cut.index(good.len())]);
    }
}
