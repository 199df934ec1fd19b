//! Record format conversion to ORC: the file written reads back, through the S3 browser's
//! preview (which decodes it from the bytes), as the same schema, stripes and values, for
//! every Hive type and codec.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::engine::firehose::convert::config::{
    OpenXJsonSerDe, OrcCompression, OrcFormatVersion, OrcSerDe,
};
use kinesis_sandbox::engine::firehose::convert::{
    self, extension, preview::preview, Cell, Conversion, Deserializer, Row, Serializer, COLUMNAR,
};
use kinesis_sandbox::engine::glue::{Column, HiveType};
use proptest::prelude::*;

fn col(name: &str, t: &str) -> Column {
    Column {
        name: name.into(),
        type_text: t.into(),
        hive_type: HiveType::parse(t).unwrap(),
        comment: None,
    }
}

fn table() -> Vec<Column> {
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
        col("c", "char(3)"),
        col("v", "varchar(10)"),
        col("tags", "array<string>"),
        col("attrs", "map<string,bigint>"),
        col("who", "struct<id:int,name:string,tags:array<string>>"),
    ]
}

fn rows() -> Vec<Row> {
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
            Some(Cell::Binary(b"raw".to_vec())),
            Some(Cell::Decimal(-12_345)),
            text("abc"),
            text("short"),
            Some(Cell::Array(vec![text("a"), None, text("c")])),
            Some(Cell::Map(vec![
                (Cell::Text("x".into()), Some(Cell::Integer(1))),
                (Cell::Text("y".into()), None),
            ])),
            Some(Cell::Struct(vec![
                Some(Cell::Integer(7)),
                None,
                Some(Cell::Array(vec![text("t")])),
            ])),
        ],
        vec![None; 17],
        vec![
            text(""),
            Some(Cell::Integer(i64::from(i32::MAX))),
            Some(Cell::Integer(i64::MIN)),
            Some(Cell::Integer(-32768)),
            Some(Cell::Integer(-128)),
            Some(Cell::Double(-0.5)),
            Some(Cell::Float(3.0)),
            Some(Cell::Boolean(false)),
            Some(Cell::Timestamp(-1_500_000)),
            Some(Cell::Date(-1)),
            Some(Cell::Binary(vec![])),
            Some(Cell::Decimal(5)),
            None,
            None,
            Some(Cell::Array(vec![])),
            Some(Cell::Map(vec![])),
            Some(Cell::Struct(vec![None, None, None])),
        ],
    ]
}

#[test]
fn every_hive_type_reads_back_with_each_codec() {
    for codec in [
        OrcCompression::None,
        OrcCompression::Zlib,
        OrcCompression::Snappy,
    ] {
        let serde = OrcSerDe {
            compression: Some(codec),
            ..Default::default()
        };
        let bytes = convert::write_orc(&table(), &rows(), &serde);
        assert!(bytes.starts_with(b"ORC"));
        let p = preview(&bytes).unwrap();
        assert_eq!(p.format, "ORC");
        assert_eq!(p.compression, codec.wire());
        assert_eq!(p.group_noun, "stripes");
        assert_eq!(p.groups, vec![3]);
        assert_eq!(p.total_rows, 3);
        assert_eq!(p.note, None);
        assert_eq!(p.created_by.as_deref(), Some("ORC 0.12"));
        let types: Vec<(String, String)> = table()
            .iter()
            .map(|c| (c.name.clone(), c.hive_type.to_string()))
            .collect();
        assert_eq!(p.columns, types);
        assert_eq!(
            p.rows[0],
            [
                "héllo",
                "-5",
                "1099511627776",
                "-300",
                "100",
                "2.5",
                "1.25",
                "true",
                "2017-02-07 15:13:01.392",
                "2017-02-07",
                "raw",
                "-123.45",
                "abc",
                "short",
                "[\"a\", null, \"c\"]",
                "{\"x\" -> 1, \"y\" -> null}",
                "{id: 7, name: null, tags: [\"t\"]}",
            ]
        );
        assert_eq!(p.rows[1], vec!["null"; 17]);
        assert_eq!(
            p.rows[2],
            [
                "",
                "2147483647",
                "-9223372036854775808",
                "-32768",
                "-128",
                "-0.5",
                "3",
                "false",
                "1969-12-31 23:59:58.500",
                "1969-12-31",
                "",
                "0.05",
                "null",
                "null",
                "[]",
                "{}",
                "{id: null, name: null, tags: null}",
            ]
        );
    }
}

#[test]
fn stripes_are_cut_at_the_stripe_size_and_the_format_version_is_named() {
    let table = [col("s", "string")];
    let big = "y".repeat(1024 * 1024);
    let rows: Vec<Row> = (0..20)
        .map(|_| vec![Some(Cell::Text(big.clone()))])
        .collect();
    let serde = OrcSerDe {
        stripe_size_bytes: Some(8 * 1024 * 1024),
        format_version: Some(OrcFormatVersion::V0_11),
        ..Default::default()
    };
    let p = preview(&convert::write_orc(&table, &rows, &serde)).unwrap();
    assert_eq!(p.groups, vec![8, 8, 4]);
    assert_eq!(p.created_by.as_deref(), Some("ORC 0.11"));
    assert_eq!(p.rows.len(), 20);
}

#[test]
fn convert_writes_orc_through_the_extension() {
    let table = [col("id", "int"), col("name", "string")];
    let conv = Conversion {
        deserializer: Deserializer::OpenX(OpenXJsonSerDe::default()),
        serializer: Serializer::Orc(OrcSerDe::default()),
    };
    assert_eq!(extension(&conv.serializer), ".orc");
    let records: Vec<&[u8]> = vec![br#"{"id":1,"name":"a"}"#, b"oops", br#"{"id":2}"#];
    let out = (COLUMNAR.convert)(&records, &table, &conv);
    assert_eq!(out.rows, 2);
    assert_eq!(out.failures.len(), 1);
    let p = (COLUMNAR.preview)(&out.object.unwrap()).unwrap();
    assert_eq!(p.rows, vec![vec!["1", "a"], vec!["2", "null"]]);
    assert_eq!(p.compression, "SNAPPY");
}

#[test]
fn a_file_in_encodings_not_read_here_shows_its_schema_and_why_not_its_rows() {
    let table = [col("n", "bigint")];
    let rows: Vec<Row> = (0..5).map(|i| vec![Some(Cell::Integer(i))]).collect();
    let mut bytes = convert::write_orc(
        &table,
        &rows,
        &OrcSerDe {
            compression: Some(OrcCompression::None),
            ..Default::default()
        },
    );
    // The stripe footer's column encodings are DIRECT (kind 0): make the column's DIRECT_V2.
    let direct = [0x12, 0x02, 0x08, 0x00];
    let at = bytes
        .windows(4)
        .rposition(|w| w == direct)
        .expect("the column's encoding");
    bytes[at + 3] = 2;
    let p = preview(&bytes).unwrap();
    assert_eq!(p.columns, vec![("n".to_string(), "bigint".to_string())]);
    assert!(p.rows.is_empty());
    assert!(p.note.unwrap().contains("DIRECT"));
}

fn value(t: &str) -> BoxedStrategy<Option<Cell>> {
    let some: BoxedStrategy<Cell> = match t {
        "string" => "[a-zé ]{0,8}".prop_map(Cell::Text).boxed(),
        "bigint" => any::<i64>().prop_map(Cell::Integer).boxed(),
        "tinyint" => any::<i8>().prop_map(|n| Cell::Integer(n.into())).boxed(),
        "boolean" => any::<bool>().prop_map(Cell::Boolean).boxed(),
        "timestamp" => (-4_000_000_000_000_000..4_000_000_000_000_000i64)
            .prop_map(Cell::Timestamp)
            .boxed(),
        "decimal(18,3)" => (-999_999_999_999_999_999..=999_999_999_999_999_999i128)
            .prop_map(Cell::Decimal)
            .boxed(),
        _ => prop::collection::vec(prop::option::of(any::<i32>()), 0..4)
            .prop_map(|v| {
                Cell::Array(
                    v.into_iter()
                        .map(|n| n.map(|n| Cell::Integer(n.into())))
                        .collect(),
                )
            })
            .boxed(),
    };
    prop::option::of(some).boxed()
}

fn column_and_rows() -> impl Strategy<Value = (&'static str, Vec<Row>)> {
    prop::sample::select(vec![
        "string",
        "bigint",
        "tinyint",
        "boolean",
        "timestamp",
        "decimal(18,3)",
        "array<int>",
    ])
    .prop_flat_map(|t| {
        let rows = prop::collection::vec(value(t).prop_map(|v| vec![v]), 0..150);
        (Just(t), rows)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the rows, the ORC preview shows what the Parquet preview shows of the same
    /// rows: two writers and two readers agree.
    #[test]
    fn orc_and_parquet_show_the_same_rows((t, rows) in column_and_rows()) {
        let table = [col("c", t)];
        let orc = preview(&convert::write_orc(&table, &rows, &OrcSerDe::default())).unwrap();
        let parquet = preview(&convert::write_parquet(&table, &rows, &Default::default())).unwrap();
        prop_assert_eq!(orc.total_rows, rows.len() as u64);
        prop_assert_eq!(orc.rows.len(), rows.len().min(100));
        prop_assert_eq!(&orc.rows, &parquet.rows);
    }
}
