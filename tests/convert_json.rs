//! Reading records as the OpenX and Hive JSON SerDes do, before they are written as Parquet.

use kinesis_sandbox::engine::firehose::convert::config::{HiveJsonSerDe, OpenXJsonSerDe};
use kinesis_sandbox::engine::firehose::convert::{
    read_record, Cell, ConversionFailure, Deserializer, FailureCode, Row,
};
use kinesis_sandbox::engine::glue::{Column, HiveType};
use std::collections::BTreeMap;

fn col(name: &str, t: &str) -> Column {
    Column {
        name: name.into(),
        type_text: t.into(),
        hive_type: HiveType::parse(t).unwrap(),
        comment: None,
    }
}

fn openx() -> Deserializer {
    Deserializer::OpenX(OpenXJsonSerDe::default())
}

fn hive() -> Deserializer {
    Deserializer::Hive(HiveJsonSerDe::default())
}

fn read(d: &Deserializer, cols: &[Column], record: &str) -> Result<Vec<Row>, ConversionFailure> {
    read_record(record.as_bytes(), cols, d)
}

fn one(d: &Deserializer, cols: &[Column], record: &str) -> Row {
    let mut rows = read(d, cols, record).unwrap();
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

fn text(s: &str) -> Option<Cell> {
    Some(Cell::Text(s.into()))
}

const T: i64 = 1_486_480_381_000_000; // 2017-02-07T15:13:01Z in microseconds

#[test]
fn openx_matches_keys_without_case_and_missing_keys_are_null() {
    let cols = [
        col("name", "string"),
        col("age", "int"),
        col("city", "string"),
    ];
    let row = one(&openx(), &cols, r#"{"Name":"Ana","AGE":7}"#);
    assert_eq!(row, vec![text("Ana"), Some(Cell::Integer(7)), None]);
    let strict = Deserializer::OpenX(OpenXJsonSerDe {
        case_insensitive: Some(false),
        ..Default::default()
    });
    let row = one(&strict, &cols, r#"{"Name":"Ana","age":7}"#);
    assert_eq!(row, vec![None, Some(Cell::Integer(7)), None]);
}

#[test]
fn openx_turns_dots_into_underscores_when_asked_and_maps_columns_to_keys() {
    let cols = [col("user_id", "string"), col("ts", "timestamp")];
    let record = r#"{"user.id":"u1","timestamp":"2017-02-07T15:13:01Z"}"#;
    assert_eq!(one(&openx(), &cols, record), vec![None, None]);
    let d = Deserializer::OpenX(OpenXJsonSerDe {
        convert_dots_in_json_keys_to_underscores: Some(true),
        column_to_json_key_mappings: Some(BTreeMap::from([("ts".into(), "timestamp".into())])),
        ..Default::default()
    });
    assert_eq!(
        one(&d, &cols, record),
        vec![text("u1"), Some(Cell::Timestamp(T))]
    );
}

#[test]
fn openx_reads_each_documented_timestamp_form() {
    let cols = [col("ts", "timestamp")];
    for (json, want) in [
        (r#""2017-02-07T15:13:01.39256Z""#, T + 392_560),
        (r#""2017-02-07T15:13:01.123456789Z""#, T + 123_456),
        (r#""2017-2-7 15:13:01""#, T),
        (r#""2017-02-07 15:13:01.5""#, T + 500_000),
        ("1486480381", T),
        ("1486480381123", T + 123_000),
        ("1486480381.25", T + 250_000),
    ] {
        let row = one(&openx(), &cols, &format!(r#"{{"ts":{json}}}"#));
        assert_eq!(row, vec![Some(Cell::Timestamp(want))], "{json}");
    }
    let e = read(&openx(), &cols, r#"{"ts":"Feb 7 2017"}"#).unwrap_err();
    assert_eq!(e.code, FailureCode::MalformedData);
}

#[test]
fn openx_tolerates_numbers_and_booleans_in_strings_and_keeps_nested_json_as_text() {
    let cols = [
        col("n", "bigint"),
        col("d", "double"),
        col("b", "boolean"),
        col("s", "string"),
        col("m", "decimal(6,2)"),
    ];
    let row = one(
        &openx(),
        &cols,
        r#"{"n":"42","d":"2.5","b":"TRUE","s":{"x":[1,2]},"m":"12.345"}"#,
    );
    assert_eq!(
        row,
        vec![
            Some(Cell::Integer(42)),
            Some(Cell::Double(2.5)),
            Some(Cell::Boolean(true)),
            text(r#"{"x":[1,2]}"#),
            Some(Cell::Decimal(1235)),
        ]
    );
}

#[test]
fn hive_refuses_numbers_in_strings_and_nested_json_in_strings() {
    let cols = [col("a", "int")];
    let e = read(&hive(), &cols, r#"{"a":"123"}"#).unwrap_err();
    assert_eq!(e.code, FailureCode::MalformedData);
    assert_eq!(e.code.wire(), "DataFormatConversion.MalformedData");
    assert!(
        e.message.starts_with("Data does not match the schema."),
        "{}",
        e.message
    );
    assert!(e.message.contains("'a'"), "{}", e.message);
    assert_eq!(
        one(&hive(), &cols, r#"{"a":123}"#),
        vec![Some(Cell::Integer(123))]
    );
    let cols = [col("s", "string")];
    assert!(read(&hive(), &cols, r#"{"s":{"x":1}}"#).is_err());
    assert_eq!(one(&hive(), &cols, r#"{"s":5}"#), vec![text("5")]);
}

#[test]
fn hive_refuses_dots_in_keys() {
    let cols = [col("a", "int")];
    let e = read(&hive(), &cols, r#"{"a":1,"b.c":2}"#).unwrap_err();
    assert_eq!(e.code, FailureCode::MalformedData);
}

#[test]
fn hive_reads_timestamps_by_its_formats_then_the_default() {
    let cols = [col("ts", "timestamp")];
    let row = one(&hive(), &cols, r#"{"ts":"2017-02-07 15:13:01.5"}"#);
    assert_eq!(row, vec![Some(Cell::Timestamp(T + 500_000))]);
    assert!(read(&hive(), &cols, r#"{"ts":"2017-02-07T15:13:01Z"}"#).is_err());
    assert!(read(&hive(), &cols, r#"{"ts":1486480381000}"#).is_err());
    let d = Deserializer::Hive(HiveJsonSerDe {
        timestamp_formats: Some(vec!["yyyy-MM-dd'T'HH:mm:ss'Z'".into(), "millis".into()]),
    });
    assert_eq!(
        one(&d, &cols, r#"{"ts":"2017-02-07T15:13:01Z"}"#),
        vec![Some(Cell::Timestamp(T))]
    );
    assert_eq!(
        one(&d, &cols, r#"{"ts":1486480381000}"#),
        vec![Some(Cell::Timestamp(T))]
    );
    assert_eq!(
        one(&d, &cols, r#"{"ts":"2017-02-07 15:13:01"}"#),
        vec![Some(Cell::Timestamp(T))]
    );
}

#[test]
fn several_objects_in_one_record_are_several_rows() {
    let cols = [col("a", "int")];
    for record in [
        r#"{"a":1}{"a":2}"#,
        "{\"a\":1}\n{\"a\":2}\n",
        r#" {"a":1} {"a":2}"#,
    ] {
        let rows = read(&openx(), &cols, record).unwrap();
        assert_eq!(rows.len(), 2, "{record:?}");
        assert_eq!(rows[1], vec![Some(Cell::Integer(2))]);
    }
}

#[test]
fn records_that_are_not_objects_fail_with_their_code() {
    let cols = [col("a", "int")];
    let code = |r: &str| read(&openx(), &cols, r).unwrap_err().code;
    assert_eq!(code("{\"a\":"), FailureCode::ParseError);
    assert_eq!(code("not json"), FailureCode::ParseError);
    assert_eq!(code("   \n"), FailureCode::MalformedData);
    assert_eq!(code("42"), FailureCode::MalformedData);
    assert_eq!(code("[1,2]"), FailureCode::MalformedData);
    assert_eq!(code(r#"{"a":1} 7"#), FailureCode::MalformedData);
    let e = read_record(b"\xff\xfe", &cols, &openx()).unwrap_err();
    assert_eq!(e.code.wire(), "DataFormatConversion.ParseError");
}

#[test]
fn integers_are_range_checked_by_their_type() {
    let cols = [col("t", "tinyint"), col("s", "smallint")];
    assert!(read(&openx(), &cols, r#"{"t":128}"#).is_err());
    assert!(read(&openx(), &cols, r#"{"s":-32769}"#).is_err());
    assert_eq!(
        one(&openx(), &cols, r#"{"t":-128,"s":32767}"#),
        vec![Some(Cell::Integer(-128)), Some(Cell::Integer(32767))]
    );
    // OpenX drops a fraction; Hive refuses it.
    assert_eq!(
        one(&openx(), &cols, r#"{"t":1.9}"#),
        vec![Some(Cell::Integer(1)), None]
    );
    assert!(read(&hive(), &cols, r#"{"t":1.9}"#).is_err());
}

#[test]
fn nested_types_follow_the_table() {
    let cols = [
        col("tags", "array<string>"),
        col("attrs", "map<string,int>"),
        col("who", "struct<id:bigint,name:string,roles:array<string>>"),
        col("day", "date"),
        col("note", "varchar(3)"),
        col("code", "char(4)"),
    ];
    let row = one(
        &openx(),
        &cols,
        r#"{"tags":["a",null],"attrs":{"x":1,"y":null},"who":{"ID":7,"roles":[]},"day":"1970-01-03","note":"abcdef","code":"ab"}"#,
    );
    assert_eq!(
        row,
        vec![
            Some(Cell::Array(vec![text("a"), None])),
            Some(Cell::Map(vec![
                (Cell::Text("x".into()), Some(Cell::Integer(1))),
                (Cell::Text("y".into()), None),
            ])),
            Some(Cell::Struct(vec![
                Some(Cell::Integer(7)),
                None,
                Some(Cell::Array(vec![])),
            ])),
            Some(Cell::Date(2)),
            text("abc"),
            text("ab  "),
        ]
    );
    assert!(read(&openx(), &cols, r#"{"tags":"a"}"#).is_err());
    assert!(read(&openx(), &cols, r#"{"attrs":{"x":"nope"}}"#).is_err());
}

#[test]
fn decimals_round_half_up_and_overflow_to_null() {
    let cols = [col("m", "decimal(4,1)")];
    let cell = |json: &str| one(&openx(), &cols, &format!(r#"{{"m":{json}}}"#)).remove(0);
    assert_eq!(cell("1.25"), Some(Cell::Decimal(13)));
    assert_eq!(cell("-1.25"), Some(Cell::Decimal(-13)));
    assert_eq!(cell("999.9"), Some(Cell::Decimal(9999)));
    assert_eq!(cell("1000"), None);
    assert_eq!(cell("1e2"), Some(Cell::Decimal(1000)));
}
