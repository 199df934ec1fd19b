//! Record format conversion to Parquet: what is written reads back, with the `parquet`
//! crate's own reader, as the same schema and values, for every Hive type, codec and
//! writer version; and the S3 browser's preview of it.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::engine::firehose::convert::config::{
    OpenXJsonSerDe, ParquetCompression, ParquetSerDe, ParquetWriterVersion,
};
use kinesis_sandbox::engine::firehose::convert::{
    self, extension, preview::preview, Cell, Conversion, Deserializer, FailureCode, Row,
    Serializer, COLUMNAR,
};
use kinesis_sandbox::engine::glue::{Column, HiveType};
use parquet::basic::{Compression, Encoding};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use proptest::prelude::*;

fn col(name: &str, t: &str) -> Column {
    Column {
        name: name.into(),
        type_text: t.into(),
        hive_type: HiveType::parse(t).unwrap(),
        comment: None,
    }
}

fn reader(bytes: &[u8]) -> SerializedFileReader<bytes::Bytes> {
    SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes)).unwrap()
}

/// A field read back, as the cell it was written from.
fn cell(f: &Field, t: &HiveType) -> Option<Cell> {
    Some(match (f, t) {
        (Field::Null, _) => return None,
        (Field::Bool(b), _) => Cell::Boolean(*b),
        (Field::Byte(n), _) => Cell::Integer(i64::from(*n)),
        (Field::Short(n), _) => Cell::Integer(i64::from(*n)),
        (Field::Int(n), _) => Cell::Integer(i64::from(*n)),
        (Field::Long(n), _) => Cell::Integer(*n),
        (Field::Float(x), _) => Cell::Float(*x),
        (Field::Double(x), _) => Cell::Double(*x),
        (Field::Str(s), _) => Cell::Text(s.clone()),
        (Field::Bytes(b), _) => Cell::Binary(b.data().to_vec()),
        (Field::TimestampMicros(us), _) => Cell::Timestamp(*us),
        (Field::Date(d), _) => Cell::Date(*d),
        (Field::Decimal(d), _) => {
            let data = d.data();
            let mut be = [if data[0] & 0x80 != 0 { 0xff } else { 0 }; 16];
            be[16 - data.len()..].copy_from_slice(data);
            Cell::Decimal(i128::from_be_bytes(be))
        }
        (Field::ListInternal(l), HiveType::Array(item)) => {
            Cell::Array(l.elements().iter().map(|e| cell(e, item)).collect())
        }
        (Field::MapInternal(m), HiveType::Map(k, v)) => Cell::Map(
            m.entries()
                .iter()
                .map(|(key, val)| (cell(key, k).unwrap(), cell(val, v)))
                .collect(),
        ),
        (Field::Group(g), HiveType::Struct(fields)) => Cell::Struct(
            g.get_column_iter()
                .zip(fields)
                .map(|((_, f), (_, t))| cell(f, t))
                .collect(),
        ),
        (other, t) => panic!("{other:?} read for {t}"),
    })
}

fn read_back(bytes: &[u8], table: &[Column]) -> Vec<Row> {
    reader(bytes)
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            let r = r.unwrap();
            r.get_column_iter()
                .zip(table)
                .map(|((_, f), c)| cell(f, &c.hive_type))
                .collect()
        })
        .collect()
}

fn every_type() -> Vec<Column> {
    vec![
        col("s", "string"),
        col("i", "int"),
        col("b", "bigint"),
        col("sm", "smallint"),
        col("t", "tinyint"),
        col("d", "double"),
        col("f", "float"),
        col("ok", "boolean"),
        col("ts", "timestamp"),
        col("day", "date"),
        col("bin", "binary"),
        col("m", "decimal(10,2)"),
        col("big", "decimal(38,6)"),
        col("c", "char(3)"),
        col("v", "varchar(10)"),
        col("tags", "array<string>"),
        col("grid", "array<array<int>>"),
        col("attrs", "map<string,bigint>"),
        col("who", "struct<id:int,name:string,tags:array<string>>"),
        col("people", "array<struct<name:string,age:int>>"),
    ]
}

fn rows_of_every_type() -> Vec<Row> {
    let text = |s: &str| Some(Cell::Text(s.into()));
    vec![
        vec![
            text("héllo"),
            Some(Cell::Integer(-5)),
            Some(Cell::Integer(1 << 40)),
            Some(Cell::Integer(-300)),
            Some(Cell::Integer(100)),
            Some(Cell::Double(2.5)),
            Some(Cell::Float(1.25)),
            Some(Cell::Boolean(true)),
            Some(Cell::Timestamp(1_486_480_381_392_560)),
            Some(Cell::Date(17_204)),
            Some(Cell::Binary(vec![0, 1, 255])),
            Some(Cell::Decimal(-12_345)),
            Some(Cell::Decimal(
                99_999_999_999_999_999_999_999_999_999_999_999,
            )),
            text("abc"),
            text("short"),
            Some(Cell::Array(vec![text("a"), None, text("c")])),
            Some(Cell::Array(vec![
                Some(Cell::Array(vec![
                    Some(Cell::Integer(1)),
                    Some(Cell::Integer(2)),
                ])),
                Some(Cell::Array(vec![])),
                None,
                Some(Cell::Array(vec![None])),
            ])),
            Some(Cell::Map(vec![
                (Cell::Text("x".into()), Some(Cell::Integer(1))),
                (Cell::Text("y".into()), None),
            ])),
            Some(Cell::Struct(vec![
                Some(Cell::Integer(7)),
                None,
                Some(Cell::Array(vec![text("t")])),
            ])),
            Some(Cell::Array(vec![
                Some(Cell::Struct(vec![text("ana"), Some(Cell::Integer(30))])),
                None,
                Some(Cell::Struct(vec![None, None])),
            ])),
        ],
        vec![None; 20],
        vec![
            text(""),
            Some(Cell::Integer(i64::from(i32::MAX))),
            Some(Cell::Integer(i64::MIN)),
            Some(Cell::Integer(i64::from(i16::MIN))),
            Some(Cell::Integer(-128)),
            Some(Cell::Double(-0.0)),
            Some(Cell::Float(f32::MAX)),
            Some(Cell::Boolean(false)),
            Some(Cell::Timestamp(-1)),
            Some(Cell::Date(-1)),
            Some(Cell::Binary(vec![])),
            Some(Cell::Decimal(0)),
            Some(Cell::Decimal(-1)),
            None,
            None,
            Some(Cell::Array(vec![])),
            Some(Cell::Array(vec![])),
            Some(Cell::Map(vec![])),
            Some(Cell::Struct(vec![None, None, None])),
            Some(Cell::Array(vec![])),
        ],
    ]
}

#[test]
fn every_hive_type_reads_back_as_written() {
    let table = every_type();
    let rows = rows_of_every_type();
    let bytes = convert::write_parquet(&table, &rows, &ParquetSerDe::default());
    assert_eq!(read_back(&bytes, &table), rows);
}

#[test]
fn the_schema_reads_back_as_the_tables_hive_types() {
    let table = every_type();
    let bytes = convert::write_parquet(&table, &rows_of_every_type(), &ParquetSerDe::default());
    let p = preview(&bytes).unwrap();
    assert_eq!(p.format, "Parquet");
    let types: Vec<(String, String)> = table
        .iter()
        .map(|c| {
            let t = match &c.hive_type {
                // Parquet keeps no length for char and varchar: they come back as strings.
                HiveType::Char(_) | HiveType::Varchar(_) => "string".to_string(),
                t => t.to_string(),
            };
            (c.name.clone(), t)
        })
        .collect();
    assert_eq!(p.columns, types);
    assert_eq!(p.total_rows, 3);
    assert_eq!(p.groups, vec![3]);
    assert_eq!(p.compression, "SNAPPY");
    assert_eq!(p.rows.len(), 3);
    assert_eq!(p.rows[0][0], "héllo");
    assert_eq!(p.rows[0][8], "2017-02-07 15:13:01.392");
    assert_eq!(p.rows[1][0], "null");
}

#[test]
fn each_codec_writer_version_and_dictionary_setting_gives_a_valid_file() {
    let table = every_type();
    let rows: Vec<Row> = rows_of_every_type().into_iter().cycle().take(300).collect();
    for compression in [
        ParquetCompression::Snappy,
        ParquetCompression::Gzip,
        ParquetCompression::Uncompressed,
    ] {
        for version in [ParquetWriterVersion::V1, ParquetWriterVersion::V2] {
            for dictionary in [false, true] {
                let serde = ParquetSerDe {
                    compression: Some(compression),
                    writer_version: Some(version),
                    enable_dictionary_compression: Some(dictionary),
                    page_size_bytes: Some(64 * 1024),
                    ..Default::default()
                };
                let bytes = convert::write_parquet(&table, &rows, &serde);
                assert_eq!(read_back(&bytes, &table), rows, "{serde:?}");
                let r = reader(&bytes);
                let chunk = r.metadata().row_group(0).column(0);
                let want = match compression {
                    ParquetCompression::Snappy => Compression::SNAPPY,
                    ParquetCompression::Gzip => Compression::GZIP(Default::default()),
                    ParquetCompression::Uncompressed => Compression::UNCOMPRESSED,
                };
                assert_eq!(chunk.compression(), want);
                let dict = chunk
                    .encodings()
                    .any(|e| matches!(e, Encoding::PLAIN_DICTIONARY | Encoding::RLE_DICTIONARY));
                assert_eq!(dict, dictionary, "{serde:?}");
            }
        }
    }
}

#[test]
fn the_same_rows_give_the_same_bytes() {
    let table = every_type();
    let a = convert::write_parquet(&table, &rows_of_every_type(), &ParquetSerDe::default());
    let b = convert::write_parquet(&table, &rows_of_every_type(), &ParquetSerDe::default());
    assert_eq!(a, b);
    let r = reader(&a);
    assert_eq!(
        r.metadata().file_metadata().created_by(),
        Some("kinesis-sandbox firehose")
    );
}

fn openx_parquet() -> Conversion {
    Conversion {
        deserializer: Deserializer::OpenX(OpenXJsonSerDe::default()),
        serializer: Serializer::Parquet(ParquetSerDe::default()),
    }
}

#[test]
fn convert_writes_the_good_records_and_names_the_bad_ones() {
    let table = [col("id", "int"), col("name", "string")];
    let records: Vec<&[u8]> = vec![
        br#"{"id":1,"name":"a"}"#,
        b"nope",
        b"{\"id\":2}\n{\"id\":3,\"NAME\":\"c\"}",
        br#"{"id":"x"}"#,
    ];
    let out = (COLUMNAR.convert)(&records, &table, &openx_parquet());
    assert_eq!(out.rows, 3);
    let failed: Vec<(usize, FailureCode)> =
        out.failures.iter().map(|(i, f)| (*i, f.code)).collect();
    assert_eq!(
        failed,
        vec![
            (1, FailureCode::ParseError),
            (3, FailureCode::MalformedData)
        ]
    );
    let bytes = out.object.unwrap();
    assert_eq!(
        read_back(&bytes, &table),
        vec![
            vec![Some(Cell::Integer(1)), Some(Cell::Text("a".into()))],
            vec![Some(Cell::Integer(2)), None],
            vec![Some(Cell::Integer(3)), Some(Cell::Text("c".into()))],
        ]
    );
    assert_eq!(extension(&openx_parquet().serializer), ".parquet");
}

#[test]
fn a_table_without_columns_fails_every_record() {
    let out = convert::convert(&[br#"{"id":1}"#, b"{}"], &[], &openx_parquet());
    assert_eq!(out.object, None);
    let codes: Vec<_> = out.failures.iter().map(|(i, f)| (*i, f.code)).collect();
    assert_eq!(
        codes,
        vec![
            (0, FailureCode::InvalidSchema),
            (1, FailureCode::InvalidSchema)
        ]
    );
}

#[test]
fn nothing_converted_is_no_object() {
    let table = [col("id", "int")];
    let out = convert::convert(&[b"[]"], &table, &openx_parquet());
    assert_eq!(out.object, None);
    assert_eq!(out.rows, 0);
    assert_eq!(out.failures.len(), 1);
}

#[test]
fn bytes_that_are_neither_parquet_nor_orc_say_so() {
    assert_eq!(
        preview(b"{\"a\":1}").unwrap_err(),
        "Neither a Parquet nor an ORC file."
    );
    assert!(preview(b"PAR1 truncated PAR1")
        .unwrap_err()
        .starts_with("Not a readable Parquet file"));
    assert!(preview(b"ORC\x00\x01")
        .unwrap_err()
        .starts_with("Not a readable ORC file"));
}

#[test]
fn rows_past_the_block_size_start_a_new_row_group() {
    let table = [col("s", "string")];
    let big = "x".repeat(1024 * 1024);
    let rows: Vec<Row> = (0..130)
        .map(|_| vec![Some(Cell::Text(big.clone()))])
        .collect();
    let bytes = convert::write_parquet(
        &table,
        &rows,
        &ParquetSerDe {
            block_size_bytes: Some(64 * 1024 * 1024),
            compression: Some(ParquetCompression::Snappy),
            ..Default::default()
        },
    );
    let p = preview(&bytes).unwrap();
    assert_eq!(p.groups.len(), 3, "{:?}", p.groups);
    assert_eq!(p.groups.iter().sum::<u64>(), 130);
    assert_eq!(p.rows.len(), 100);
}

/// A simple schema: up to six columns of primitive types or arrays of them.
fn schema() -> impl Strategy<Value = Vec<Column>> {
    let t = prop::sample::select(vec![
        "string",
        "int",
        "bigint",
        "double",
        "boolean",
        "timestamp",
        "date",
        "decimal(9,3)",
        "array<int>",
        "map<string,string>",
    ]);
    prop::collection::vec(t, 1..6).prop_map(|types| {
        types
            .iter()
            .enumerate()
            .map(|(i, t)| col(&format!("c{i}"), t))
            .collect()
    })
}

fn value(t: &HiveType) -> BoxedStrategy<Option<Cell>> {
    let some: BoxedStrategy<Cell> = match t {
        HiveType::String => "[a-zé ]{0,8}".prop_map(Cell::Text).boxed(),
        HiveType::Int => any::<i32>().prop_map(|n| Cell::Integer(n.into())).boxed(),
        HiveType::BigInt => any::<i64>().prop_map(Cell::Integer).boxed(),
        HiveType::Double => (-1e12..1e12f64).prop_map(Cell::Double).boxed(),
        HiveType::Boolean => any::<bool>().prop_map(Cell::Boolean).boxed(),
        HiveType::Timestamp => any::<i64>().prop_map(|n| Cell::Timestamp(n / 7)).boxed(),
        HiveType::Date => (-100_000..100_000i32).prop_map(Cell::Date).boxed(),
        HiveType::Decimal { .. } => (-999_999_999..=999_999_999i128)
            .prop_map(Cell::Decimal)
            .boxed(),
        HiveType::Array(_) => prop::collection::vec(prop::option::of(any::<i32>()), 0..4)
            .prop_map(|v| {
                Cell::Array(
                    v.into_iter()
                        .map(|n| n.map(|n| Cell::Integer(n.into())))
                        .collect(),
                )
            })
            .boxed(),
        HiveType::Map(..) => {
            prop::collection::btree_map("[a-z]{1,3}", prop::option::of("[a-z]{0,3}"), 0..4)
                .prop_map(|m| {
                    Cell::Map(
                        m.into_iter()
                            .map(|(k, v)| (Cell::Text(k), v.map(Cell::Text)))
                            .collect(),
                    )
                })
                .boxed()
        }
        other => unreachable!("{other}"),
    };
    prop::option::of(some).boxed()
}

fn table_and_rows() -> impl Strategy<Value = (Vec<Column>, Vec<Row>)> {
    schema().prop_flat_map(|table| {
        let row: Vec<BoxedStrategy<Option<Cell>>> =
            table.iter().map(|c| value(&c.hive_type)).collect();
        (Just(table), prop::collection::vec(row, 0..20))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_rows_of_a_simple_schema_round_trip((table, rows) in table_and_rows(), dictionary in any::<bool>()) {
        let serde = ParquetSerDe { enable_dictionary_compression: Some(dictionary), ..Default::default() };
        let bytes = convert::write_parquet(&table, &rows, &serde);
        prop_assert_eq!(read_back(&bytes, &table), rows);
    }
}
