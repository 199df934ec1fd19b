//! The Analysis workspace's core: datasets from every input format, field types and
//! statistics with known answers, each visual's numbers, drawings, and properties.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::analysis::draw::{self, Mark, Size};
use kinesis_sandbox::analysis::fields::{quantile, time_name};
use kinesis_sandbox::analysis::visuals::{
    self, Aggregate, BinAggregate, BinOptions, HistogramOptions, Measure, OutlierVisibility,
    PieOptions, ScatterOptions, SortOrder, TimeGrain, VisualError,
};
use kinesis_sandbox::analysis::{
    autograph, summarize, Dataset, DatasetError, FieldType, Format, Quartiles, Value, VisualKind,
    GUIDE,
};
use proptest::prelude::*;

fn numbers(name: &str, v: &[f64]) -> Dataset {
    Dataset::from_rows(&[name], v.iter().map(|&x| vec![Value::Number(x)]).collect())
}

fn hist(values: &[f64], bins: BinOptions, start: Option<f64>) -> visuals::Histogram {
    visuals::histogram_of(
        "x",
        values,
        0,
        &HistogramOptions {
            bins,
            start_value: start,
            aggregate: BinAggregate::Count,
        },
    )
    .unwrap()
}

// ---- Datasets ------------------------------------------------------------------------------

#[test]
fn json_lines_flatten_nested_objects_and_count_bad_lines() {
    let text = b"{\"a\": 1, \"user\": {\"name\": \"x\", \"geo\": {\"lat\": 1.5}}}\n\
                 not json\n\
                 {\"a\": 2, \"tags\": [1, 2]}\n\
                 42\n\
                 {\"a\": 3}{\"a\": 4}\n";
    let ds = Dataset::from_bytes(text).unwrap();
    assert_eq!(ds.format, Format::Json);
    assert_eq!(ds.rows, 4);
    assert_eq!(ds.rejected.count, 2);
    assert!(
        ds.rejected
            .first
            .as_deref()
            .unwrap()
            .starts_with("line 2: not valid JSON"),
        "{:?}",
        ds.rejected.first
    );
    let names: Vec<&str> = ds.columns.iter().map(|c| c.name.as_str()).collect();
    // Keys in an object come in name order (serde_json's map), columns as they first appear.
    assert_eq!(names, ["a", "user.geo.lat", "user.name", "tags"]);
    let a = ds.column("a").unwrap();
    assert_eq!(a.kind, FieldType::Number);
    assert_eq!(a.values[3], Value::Number(4.0));
    assert_eq!(
        ds.column("user.geo.lat").unwrap().values[0],
        Value::Number(1.5)
    );
    assert_eq!(ds.column("user.geo.lat").unwrap().missing(), 3);
    assert_eq!(
        ds.column("tags").unwrap().values[1],
        Value::Text("[1,2]".into())
    );
}

#[test]
fn many_bad_lines_are_counted_with_the_first_reason() {
    let mut text = String::from("{\"a\": 1}\n");
    for _ in 0..20_000 {
        text.push_str("{bad\n");
    }
    let ds = Dataset::from_bytes(text.as_bytes()).unwrap();
    assert_eq!((ds.rows, ds.rejected.count), (1, 20_000));
    assert!(ds
        .rejected
        .first
        .unwrap()
        .starts_with("line 2: not valid JSON"));
}

#[test]
fn a_json_array_of_objects_is_rows() {
    let ds = Dataset::from_bytes(b"[{\"a\": 1}, {\"a\": 2}, 3]").unwrap();
    assert_eq!(ds.rows, 2);
    assert_eq!(ds.rejected.count, 1);
    assert!(ds.rejected.first.unwrap().contains("not a JSON object"));
}

#[test]
fn nothing_readable_is_an_error() {
    assert_eq!(Dataset::from_bytes(b"  \n"), Err(DatasetError::Empty));
    assert!(matches!(
        Dataset::from_bytes(b"{oops\n{still bad"),
        Err(DatasetError::NoRows(_))
    ));
    assert_eq!(
        Dataset::from_bytes(&[0xff, 0xfe, 0x00]),
        Err(DatasetError::NotText)
    );
}

#[test]
fn csv_with_a_header_types_its_columns() {
    let text = "ticker,price,when,ok\nAMZN,12.5,2024-05-01 10:00:00,true\n\"A,B\",13,2024-05-01 11:00:00,false\nX,oops,2024-05-01 12:00:00,true\nshort,1\n";
    let ds = Dataset::from_bytes(text.as_bytes()).unwrap();
    assert_eq!(
        ds.format,
        Format::Csv {
            header: true,
            delimiter: ','
        }
    );
    assert_eq!(ds.rows, 3);
    assert_eq!(ds.rejected.count, 1);
    assert_eq!(
        ds.rejected.first.as_deref(),
        Some("line 5: 2 fields where the header has 4")
    );
    assert_eq!(
        ds.column("ticker").unwrap().values[1],
        Value::Text("A,B".into())
    );
    let price = ds.column("price").unwrap();
    // Two numbers of three are under 95 %: a string column, nothing lost.
    assert_eq!(price.kind, FieldType::String);
    let when = ds.column("when").unwrap();
    assert_eq!(when.kind, FieldType::Timestamp);
    assert_eq!(when.values[0], Value::Time(1_714_557_600_000));
    assert_eq!(ds.column("ok").unwrap().kind, FieldType::Boolean);
}

#[test]
fn csv_without_a_header_is_sniffed() {
    let ds = Dataset::from_bytes(b"1;2\n3;4\n").unwrap();
    assert_eq!(
        ds.format,
        Format::Csv {
            header: false,
            delimiter: ';'
        }
    );
    assert_eq!(ds.rows, 2);
    assert_eq!(ds.columns[1].name, "column_2");
    assert_eq!(ds.columns[1].values[1], Value::Number(4.0));
}

#[test]
fn a_value_that_does_not_fit_is_counted_invalid() {
    let mut rows: Vec<Vec<Value>> = (0..40).map(|i| vec![Value::Text(i.to_string())]).collect();
    rows.push(vec![Value::Text("n/a".into())]);
    rows.push(vec![Value::Missing]);
    let ds = Dataset::from_rows(&["x"], rows);
    let c = &ds.columns[0];
    assert_eq!(c.kind, FieldType::Number);
    assert_eq!(c.invalid, 1);
    assert_eq!(c.missing(), 1);
    assert_eq!(
        c.first_invalid.as_deref(),
        Some("row 41: \"n/a\" is not a number")
    );
    let s = summarize(c);
    assert_eq!((s.count, s.missing, s.invalid), (40, 1, 1));
}

#[test]
fn epoch_times_by_name_and_range() {
    let ds = Dataset::from_bytes(
        b"{\"event_time\": 1714557600, \"price\": 1714557600, \"ms\": 1714557600123}\n",
    )
    .unwrap();
    assert_eq!(ds.column("event_time").unwrap().kind, FieldType::Timestamp);
    assert_eq!(
        ds.column("event_time").unwrap().values[0],
        Value::Time(1_714_557_600_000)
    );
    assert_eq!(ds.column("price").unwrap().kind, FieldType::Number);
    assert_eq!(
        ds.column("ms").unwrap().values[0],
        Value::Time(1_714_557_600_123)
    );
    assert!(time_name("createdAt") && time_name("a.ts") && time_name("updated_at"));
    assert!(!time_name("format") && !time_name("price"));
}

#[test]
fn timestamps_in_the_generators_formats() {
    use kinesis_sandbox::analysis::fields::parse_time_text as t;
    let at = Some(1_714_557_600_000);
    assert_eq!(t("2024-05-01T10:00:00Z"), at);
    assert_eq!(t("2024-05-01T12:00:00+02:00"), at);
    assert_eq!(t("2024-05-01 10:00:00"), at);
    assert_eq!(t("2024-05-01T10:00:00.000"), at);
    assert_eq!(t("01/May/2024:10:00:00 +0000"), at);
    assert_eq!(t("2024-05-01"), Some(1_714_521_600_000));
    assert_eq!(t("2024-05-01T10:00:00.123Z"), Some(1_714_557_600_123));
    assert_eq!(t("2024-05-01 10:00:00.5"), Some(1_714_557_600_500));
    assert_eq!(
        t("2024-05-01T10:00:00.123456+00:00"),
        Some(1_714_557_600_123)
    );
    assert_eq!(t("2024-13-01 10:00:00"), None);
    assert_eq!(t("2024-05-01 10:00:00 junk"), None);
    assert_eq!(t("hello"), None);
    assert_eq!(t("12345678"), None);
}

#[test]
fn records_are_read_one_by_one() {
    let records: Vec<&[u8]> = vec![
        b"{\"a\": 1}",
        b"{\"a\": 2}{\"a\": 3}",
        b"garbage",
        b"{\"a\": 4}\n",
    ];
    let ds = Dataset::from_records(&records).unwrap();
    assert_eq!(ds.rows, 4);
    assert_eq!(ds.rejected.count, 1);
    assert!(ds.rejected.first.unwrap().starts_with("record 3:"));

    let csv: Vec<&[u8]> = vec![b"name,n\n", b"a,1\n", b"b,2,3\n", b"c,3"];
    let ds = Dataset::from_records(&csv).unwrap();
    assert_eq!(ds.rows, 2);
    assert_eq!(
        ds.rejected.first.as_deref(),
        Some("record 3: 3 fields where the header has 2")
    );
}

#[test]
fn gzip_is_opened_and_said() {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"{\"a\": 1}\n{\"a\": 2}\n").unwrap();
    let ds = Dataset::from_bytes(&gz.finish().unwrap()).unwrap();
    assert_eq!(ds.rows, 2);
    assert!(ds.notes[0].starts_with("Decompressed from gzip"));
}

mod columnar {
    use super::*;
    use kinesis_sandbox::engine::firehose::convert::config::{OrcSerDe, ParquetSerDe};
    use kinesis_sandbox::engine::firehose::convert::{self, Cell, Row};
    use kinesis_sandbox::engine::glue::{Column, HiveType};

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
            col("ticker", "string"),
            col("price", "double"),
            col("n", "bigint"),
            col("ts", "timestamp"),
            col("ok", "boolean"),
            col("m", "decimal(10,2)"),
            col("who", "struct<id:int,name:string>"),
        ]
    }

    fn rows(n: usize) -> Vec<Row> {
        (0..n)
            .map(|i| {
                vec![
                    Some(Cell::Text(format!("T{}", i % 3))),
                    if i == 1 {
                        None
                    } else {
                        Some(Cell::Double(i as f64 / 2.0))
                    },
                    Some(Cell::Integer(i as i64)),
                    Some(Cell::Timestamp(
                        1_714_557_600_000_000 + i as i64 * 60_000_000,
                    )),
                    Some(Cell::Boolean(i % 2 == 0)),
                    Some(Cell::Decimal(1234 + i as i128)),
                    Some(Cell::Struct(vec![
                        Some(Cell::Integer(i as i64)),
                        Some(Cell::Text("x".into())),
                    ])),
                ]
            })
            .collect()
    }

    fn check(ds: &Dataset, n: usize) {
        assert_eq!(ds.rows, n);
        assert_eq!(
            ds.column("ticker").unwrap().values[2],
            Value::Text("T2".into())
        );
        let price = ds.column("price").unwrap();
        assert_eq!(price.kind, FieldType::Number);
        assert_eq!(price.values[1], Value::Missing);
        assert_eq!(price.values[3], Value::Number(1.5));
        let ts = ds.column("ts").unwrap();
        assert_eq!(ts.kind, FieldType::Timestamp);
        assert_eq!(ts.values[2], Value::Time(1_714_557_600_000 + 120_000));
        assert_eq!(ds.column("ok").unwrap().kind, FieldType::Boolean);
        assert_eq!(ds.column("m").unwrap().values[0], Value::Number(12.34));
    }

    #[test]
    fn parquet_reads_back_every_row() {
        let bytes = convert::write_parquet(&table(), &rows(500), &ParquetSerDe::default());
        let ds = Dataset::from_bytes(&bytes).unwrap();
        assert_eq!(ds.format, Format::Parquet);
        check(&ds, 500);
        assert_eq!(ds.column("who.id").unwrap().values[7], Value::Number(7.0));
        assert!(ds.notes.is_empty());
    }

    #[test]
    fn orc_reads_back_every_row() {
        let bytes = convert::write_orc(&table(), &rows(20), &OrcSerDe::default());
        let ds = Dataset::from_bytes(&bytes).unwrap();
        assert_eq!(ds.format, Format::Orc);
        check(&ds, 20);
        assert!(ds.notes.is_empty());

        // More rows than the S3 browser's preview shows: all of them are analysed.
        let bytes = convert::write_orc(&table(), &rows(250), &OrcSerDe::default());
        let ds = Dataset::from_bytes(&bytes).unwrap();
        check(&ds, 250);
        assert!(ds.notes.is_empty(), "{:?}", ds.notes);
    }

    #[test]
    fn a_broken_parquet_file_is_an_error() {
        let mut bytes = convert::write_parquet(&table(), &rows(5), &ParquetSerDe::default());
        let n = bytes.len();
        bytes[n - 10] ^= 0xff;
        assert!(matches!(
            Dataset::from_bytes(&bytes),
            Err(DatasetError::Parquet(_))
        ));
    }
}

// ---- Statistics ----------------------------------------------------------------------------

#[test]
fn quartiles_of_one_to_ten_are_percentile_inc() {
    let v: Vec<f64> = (1..=10).map(f64::from).collect();
    let q = Quartiles::of(&v).unwrap();
    assert_eq!(
        (q.min, q.q1, q.median, q.q3, q.max),
        (1.0, 3.25, 5.5, 7.75, 10.0)
    );
    assert_eq!(quantile(&[7.0], 0.25), Some(7.0));
    assert_eq!(quantile(&[], 0.5), None);
}

#[test]
fn field_summary_known_answers() {
    let ds = numbers("x", &[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]);
    let s = summarize(&ds.columns[0]);
    let n = s.numeric.unwrap();
    assert_eq!(n.mean, 5.0);
    // Sample standard deviation: sqrt(32 / 7).
    assert!((n.std_dev.unwrap() - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    assert_eq!(s.distinct, 5);
    assert_eq!(s.top[0], ("4".to_string(), 3));
    assert_eq!(s.top[1], ("5".to_string(), 2));
    let one = summarize(&numbers("x", &[3.0]).columns[0]);
    assert_eq!(one.numeric.unwrap().std_dev, None);
}

// ---- Visuals -------------------------------------------------------------------------------

#[test]
fn histogram_bin_count_and_width() {
    let v: Vec<f64> = (0..=10).map(f64::from).collect();
    let h = hist(&v, BinOptions::Count(5), None);
    assert_eq!(h.bins.len(), 5);
    assert_eq!(
        h.bins.iter().map(|b| b.count).collect::<Vec<_>>(),
        [2, 2, 2, 2, 3]
    );
    let h = hist(
        &v,
        BinOptions::Width {
            width: 4.0,
            bin_count_limit: None,
        },
        Some(-2.0),
    );
    assert_eq!(h.bins[0].start, -2.0);
    assert_eq!(
        h.bins.iter().map(|b| b.count).collect::<Vec<_>>(),
        [2, 4, 4, 1]
    );
    let h = hist(&v, BinOptions::Count(2), Some(3.0));
    assert_eq!(h.below_start, 3);
    assert_eq!(h.binned(), 8);
}

#[test]
fn histogram_edge_cases() {
    // All values equal: one bin holds them all.
    let h = hist(&[5.0; 4], BinOptions::Count(3), None);
    assert_eq!(
        h.bins.iter().map(|b| b.count).collect::<Vec<_>>(),
        [0, 4, 0]
    );
    assert!(h.bins[1].start < 5.0 && 5.0 < h.bins[1].end);
    // One value.
    let h = hist(
        &[2.5],
        BinOptions::Width {
            width: 1.0,
            bin_count_limit: None,
        },
        None,
    );
    assert_eq!(h.bins.len(), 1);
    assert_eq!(h.bins[0].count, 1);
    // Refused options, in the API's words.
    let opts = |bins| HistogramOptions {
        bins,
        start_value: None,
        aggregate: BinAggregate::Count,
    };
    let e = visuals::histogram_of(
        "x",
        &[1.0],
        0,
        &opts(BinOptions::Width {
            width: -1.0,
            bin_count_limit: None,
        }),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value '-1' at 'binOptions.binWidth.value' failed to \
         satisfy constraint: Member must have value greater than 0"
    );
    let e = visuals::histogram_of("x", &[1.0], 0, &opts(BinOptions::Count(1001))).unwrap_err();
    assert!(matches!(e, VisualError::Validation { .. }));
    let e = visuals::histogram_of(
        "x",
        &[0.0, 10_000.0],
        0,
        &opts(BinOptions::Width {
            width: 1.0,
            bin_count_limit: Some(1000),
        }),
    )
    .unwrap_err();
    assert!(
        e.to_string().starts_with(
            "A bin width of 1 makes 10,001 bins, more than the bin count limit (1,000)."
        ),
        "{e}"
    );
    // Missing values are counted, not binned.
    let ds = Dataset::from_bytes(b"{\"x\": 1}\n{\"x\": null}\n{\"y\": 2}\n{\"x\": 3}\n").unwrap();
    let h = visuals::histogram(&ds, "x", &HistogramOptions::default()).unwrap();
    assert_eq!((h.binned(), h.missing), (2, 2));
    // Distinct counts per bin.
    let h = visuals::histogram_of(
        "x",
        &[1.0, 1.0, 2.0],
        0,
        &HistogramOptions {
            bins: BinOptions::Count(1),
            start_value: None,
            aggregate: BinAggregate::DistinctCount,
        },
    )
    .unwrap();
    assert_eq!((h.bins[0].count, h.bins[0].value), (3, 2));
}

#[test]
fn not_a_number_is_missing_to_the_visuals() {
    let ds = numbers("x", &[1.0, f64::NAN, f64::INFINITY, 2.0]);
    let h = visuals::histogram(&ds, "x", &HistogramOptions::default()).unwrap();
    assert_eq!((h.binned(), h.missing), (2, 2));
}

#[test]
fn wrong_fields_are_named() {
    let ds = Dataset::from_bytes(b"{\"s\": \"a\"}").unwrap();
    assert_eq!(
        visuals::histogram(&ds, "s", &HistogramOptions::default())
            .unwrap_err()
            .to_string(),
        "The field 's' is a string; this field well takes a number."
    );
    assert_eq!(
        visuals::histogram(&ds, "nope", &HistogramOptions::default()).unwrap_err(),
        VisualError::UnknownField("nope".into())
    );
}

#[test]
fn box_plot_whiskers_and_outliers() {
    let mut v: Vec<f64> = (1..=10).map(f64::from).collect();
    v.push(100.0);
    let mut rows: Vec<Vec<Value>> = v
        .iter()
        .map(|&x| vec![Value::Text("a".into()), Value::Number(x)])
        .collect();
    rows.push(vec![Value::Text("b".into()), Value::Number(1.0)]);
    let ds = Dataset::from_rows(&["g", "x"], rows);
    let b = visuals::box_plot(&ds, "x", Some("g"), OutlierVisibility::Visible).unwrap();
    assert_eq!(b.groups.len(), 2);
    let a = &b.groups[0];
    assert_eq!(a.category.as_deref(), Some("a"));
    assert_eq!(
        (a.quartiles.q1, a.quartiles.median, a.quartiles.q3),
        (3.5, 6.0, 8.5)
    );
    assert_eq!((a.lower_whisker, a.upper_whisker), (1.0, 10.0));
    assert_eq!(a.outliers, [100.0]);
    let hidden = visuals::box_plot(&ds, "x", Some("g"), OutlierVisibility::Hidden).unwrap();
    assert!(hidden.groups[0].outliers.is_empty());
    assert_eq!(hidden.groups[0].outlier_count, 1);
}

#[test]
fn perfectly_correlated_data_has_r_one_and_an_exact_trend() {
    let xs: Vec<f64> = (0..50).map(f64::from).collect();
    let ys: Vec<f64> = xs.iter().map(|x| 3.0 * x + 2.0).collect();
    assert!((visuals::pearson(&xs, &ys).unwrap() - 1.0).abs() < 1e-12);
    let neg: Vec<f64> = xs.iter().map(|x| -x).collect();
    assert!((visuals::pearson(&xs, &neg).unwrap() + 1.0).abs() < 1e-12);
    let t = visuals::trend(&xs, &ys).unwrap();
    assert!((t.slope - 3.0).abs() < 1e-12 && (t.intercept - 2.0).abs() < 1e-9);
    assert_eq!(visuals::pearson(&[1.0, 1.0], &[1.0, 2.0]), None);
}

fn xy(n: usize) -> Dataset {
    Dataset::from_rows(
        &["x", "y", "g"],
        (0..n)
            .map(|i| {
                vec![
                    Value::Number(i as f64),
                    Value::Number((i * 7 % 13) as f64),
                    Value::Text(["a", "b", "c"][i % 3].into()),
                ]
            })
            .collect(),
    )
}

#[test]
fn scatter_samples_above_its_limit_and_says_so() {
    let ds = xy(10_000);
    let mut o = ScatterOptions::new("x", "y");
    o.color = Some("g".into());
    let s = visuals::scatter(&ds, &o).unwrap();
    assert!(s.sampled);
    assert_eq!(s.points.len(), 2_500);
    assert_eq!(s.total, 10_000);
    let mut colors = s.colors.clone();
    colors.sort();
    assert_eq!(colors, ["a", "b", "c"]);
    assert!(s
        .sampling_note()
        .unwrap()
        .starts_with("Showing 2,500 of 10,000 points"));
    let again = visuals::scatter(&ds, &o).unwrap();
    assert_eq!(s.points, again.points);
    let small = visuals::scatter(&xy(10), &ScatterOptions::new("x", "y")).unwrap();
    assert!(!small.sampled && small.sampling_note().is_none());
}

#[test]
fn heat_map_caps_at_fifty_by_fifty() {
    let rows: Vec<Vec<Value>> = (0..60 * 3)
        .map(|i| {
            vec![
                Value::Text(format!("r{:02}", i % 60)),
                Value::Text(format!("c{}", i % 3)),
                Value::Number(i as f64),
            ]
        })
        .collect();
    let ds = Dataset::from_rows(&["r", "c", "v"], rows);
    let h = visuals::heat_map(&ds, "r", "c", &Measure::of("v", Aggregate::Sum)).unwrap();
    assert_eq!(h.rows.len(), 50);
    assert_eq!(h.columns.len(), 3);
    assert_eq!(h.hidden_rows, 10);
    assert_eq!(h.hidden_records, 30);
    assert!(h
        .hidden_note()
        .unwrap()
        .starts_with("10 more rows and 0 more columns (30 records)"));
    // r00 holds i = 0, 60 and 120, all in c0 (60 is a multiple of 3).
    assert_eq!(h.cells[0][0], Some(180.0));
    let count = visuals::heat_map(&ds, "r", "c", &Measure::count()).unwrap();
    assert_eq!(count.cells[0][0], Some(3.0));
    assert_eq!(count.cells[0][1], None);
}

#[test]
fn correlation_matrix_of_numeric_fields() {
    let ds = Dataset::from_rows(
        &["a", "b", "c", "s"],
        (0..20)
            .map(|i| {
                let x = f64::from(i);
                vec![
                    Value::Number(x),
                    Value::Number(2.0 * x),
                    Value::Number(-x),
                    Value::Text("k".into()),
                ]
            })
            .collect(),
    );
    let m = visuals::correlation_matrix(&ds);
    assert_eq!(m.fields, ["a", "b", "c"]);
    assert!((m.r[0][1].unwrap() - 1.0).abs() < 1e-12);
    assert!((m.r[0][2].unwrap() + 1.0).abs() < 1e-12);
    assert_eq!(m.n[1][2], 20);
}

#[test]
fn line_chart_per_minute_fills_gaps() {
    let base = 1_714_557_600_000i64;
    let rows = [0, 10, 65, 200]
        .iter()
        .map(|s| vec![Value::Time(base + s * 1000), Value::Number(*s as f64)])
        .collect();
    let ds = Dataset::from_rows(&["t", "v"], rows);
    let c = visuals::line_chart(&ds, "t", &Measure::count(), TimeGrain::Minute).unwrap();
    assert_eq!(
        c.points,
        [
            (base, Some(2.0)),
            (base + 60_000, Some(1.0)),
            (base + 120_000, Some(0.0)),
            (base + 180_000, Some(1.0))
        ]
    );
    let avg = visuals::line_chart(
        &ds,
        "t",
        &Measure::of("v", Aggregate::Average),
        TimeGrain::Minute,
    )
    .unwrap();
    assert_eq!(avg.points[0].1, Some(5.0));
    assert_eq!(avg.points[2].1, None);
    let max =
        visuals::line_chart(&ds, "t", &Measure::of("v", Aggregate::Max), TimeGrain::Hour).unwrap();
    assert_eq!(max.points, [(base, Some(200.0))]);
}

#[test]
fn forecast_options_are_held_to_their_limits() {
    use visuals::{ForecastOptions, Seasonality};
    let ok = ForecastOptions {
        periods_forward: 14,
        periods_backward: 0,
        prediction_interval: 90,
        seasonality: Seasonality::Automatic,
    };
    assert_eq!(ok.validate(), Ok(()));
    let e = ForecastOptions {
        prediction_interval: 99,
        ..ok
    }
    .validate()
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "1 validation error detected: Value '99' at 'forecast.predictionInterval' failed to \
         satisfy constraint: Member must have value between 50 and 95"
    );
    assert!(ForecastOptions {
        seasonality: Seasonality::Custom(181),
        ..ok
    }
    .validate()
    .is_err());
    assert!(ForecastOptions {
        periods_forward: 0,
        ..ok
    }
    .validate()
    .is_err());
    let ds = numbers("x", &[1.0]);
    assert!(matches!(
        ForecastOptions::check_field(&ds, "x"),
        Err(VisualError::WrongType { .. })
    ));
}

#[test]
fn an_svg_export_escapes_its_text() {
    let ds = Dataset::from_rows(
        &["<c&d>", "v"],
        vec![vec![Value::Text("a\"b".into()), Value::Number(1.0)]],
    );
    let bar = visuals::bar_chart(&ds, "<c&d>", &Measure::count(), SortOrder::Category).unwrap();
    let svg = draw::to_svg(&draw::bar_chart(&bar, Size::new(400.0, 300.0)));
    assert!(svg.contains("&lt;c&amp;d&gt;") && svg.contains("a&quot;b"));
    assert!(!svg.contains("<c&d>"));
    assert_eq!(ds.summary(), "Rows given: 1 row, 2 fields.");
}

#[test]
fn bar_pie_and_kpi() {
    let cats = ["a", "a", "a", "a", "b", "b", "c", "d", "e"];
    let base = 1_714_557_600_000i64;
    let rows = cats
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                Value::Text(c.to_string()),
                Value::Number(1.0),
                Value::Time(base + if i < 3 { 0 } else { 86_400_000 }),
            ]
        })
        .collect();
    let ds = Dataset::from_rows(&["c", "v", "t"], rows);
    let bar = visuals::bar_chart(&ds, "c", &Measure::count(), SortOrder::ValueDescending).unwrap();
    assert_eq!(bar.bars[0], ("a".into(), 4.0));
    assert_eq!(bar.bars[1], ("b".into(), 2.0));
    let pie = visuals::pie_chart(
        &ds,
        "c",
        &Measure::of("v", Aggregate::Sum),
        PieOptions {
            min_share: 0.2,
            max_slices: 8,
        },
    )
    .unwrap();
    let labels: Vec<&str> = pie.slices.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["a", "b", "Other"]);
    assert_eq!(pie.grouped, 3);
    assert!((pie.slices.iter().map(|s| s.share).sum::<f64>() - 1.0).abs() < 1e-12);
    let many = Dataset::from_rows(
        &["c"],
        (0..20)
            .map(|i| vec![Value::Text(format!("c{i:02}"))])
            .collect(),
    );
    let pie = visuals::pie_chart(&many, "c", &Measure::count(), PieOptions::default()).unwrap();
    assert_eq!(pie.slices.len(), 8);
    assert_eq!(pie.slices[7].label, "Other");
    assert_eq!(pie.grouped, 13);
    // Twenty slices of 5 %, all under a 90 % minimum: the largest are kept anyway.
    let even = visuals::pie_chart(
        &many,
        "c",
        &Measure::count(),
        PieOptions {
            min_share: 0.9,
            max_slices: 3,
        },
    )
    .unwrap();
    let labels: Vec<&str> = even.slices.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["c00", "c01", "Other"]);
    assert_eq!(even.grouped, 18);
    let k = visuals::kpi(&ds, &Measure::count(), None).unwrap();
    assert_eq!(k.value, Some(9.0));
    let k = visuals::kpi(&ds, &Measure::count(), Some(("t", TimeGrain::Day))).unwrap();
    assert_eq!((k.value, k.previous), (Some(6.0), Some(3.0)));
    assert_eq!(k.change, Some(1.0));
}

#[test]
fn autograph_picks_by_field_types() {
    use FieldType::*;
    assert_eq!(
        autograph(&[("price", Number)]).visual,
        VisualKind::Histogram
    );
    assert_eq!(
        autograph(&[("a", Number), ("b", Number)]).visual,
        VisualKind::Scatter
    );
    assert_eq!(
        autograph(&[("t", Timestamp), ("v", Number)]).visual,
        VisualKind::Line
    );
    assert_eq!(
        autograph(&[("c", String), ("v", Number)]).visual,
        VisualKind::Bar
    );
    assert_eq!(
        autograph(&[("c", String), ("d", Boolean)]).visual,
        VisualKind::HeatMap
    );
    let many: Vec<(&str, FieldType)> = ["a", "b", "c", "d"].iter().map(|n| (*n, Number)).collect();
    let s = autograph(&many);
    assert_eq!(s.visual, VisualKind::CorrelationMatrix);
    assert_eq!(s.visual.api_name(), "HeatMapVisual");
    assert!(s.reason.ends_with('.'));
}

#[test]
fn the_guide_covers_the_exam_mapping() {
    let answer = |q: &str| {
        GUIDE
            .iter()
            .find(|g| g.question.to_lowercase().contains(q))
            .unwrap_or_else(|| panic!("no question about {q}"))
    };
    assert_eq!(answer("skewed").visual, Some(VisualKind::Histogram));
    assert_eq!(answer("outliers").visual, Some(VisualKind::BoxPlot));
    assert_eq!(answer("two numeric").visual, Some(VisualKind::Scatter));
    assert_eq!(
        answer("many features").visual,
        Some(VisualKind::CorrelationMatrix)
    );
    assert_eq!(answer("seasonality").visual, Some(VisualKind::Line));
    assert_eq!(answer("categories compare").visual, Some(VisualKind::Bar));
    assert_eq!(answer("share of the whole").visual, Some(VisualKind::Pie));
    let anomalies = answer("anomalies");
    assert_eq!(anomalies.visual, None);
    assert!(anomalies.answer.contains("Random Cut Forest"));
}

// ---- Drawings ------------------------------------------------------------------------------

#[test]
fn nice_ticks() {
    assert_eq!(
        draw::nice_ticks(0.0, 10.0, 5),
        [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]
    );
    assert_eq!(draw::nice_ticks(0.13, 0.87, 4), [0.2, 0.4, 0.6, 0.8]);
    assert_eq!(draw::nice_ticks(5.0, 5.0, 5), [5.0]);
}

#[test]
fn a_histogram_drawing_has_bars_axes_and_a_table() {
    let v: Vec<f64> = (0..100).map(f64::from).collect();
    let h = hist(&v, BinOptions::Count(10), None);
    let d = draw::histogram(&h, Size::new(600.0, 400.0));
    let bars = d
        .marks
        .iter()
        .filter(|m| matches!(m, Mark::Rect { .. }))
        .count();
    assert_eq!(bars, 10);
    assert_eq!(d.table.rows.len(), 10);
    assert_eq!(d.table.headers, ["Bin", "Count"]);
    assert!(d.title.contains('x'));
    let svg = draw::to_svg(&d);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title>") && svg.ends_with("</svg>\n"));
    assert_eq!(svg.matches("<rect").count(), 10 + 1);
}

#[test]
fn every_visual_draws_inside_its_plot() {
    let ds = xy(300);
    let size = Size::new(480.0, 320.0);
    let mut drawings = vec![
        draw::histogram(
            &visuals::histogram(&ds, "x", &HistogramOptions::default()).unwrap(),
            size,
        ),
        draw::box_plot(
            &visuals::box_plot(&ds, "y", Some("g"), OutlierVisibility::Visible).unwrap(),
            size,
        ),
        draw::scatter(
            &visuals::scatter(&ds, &ScatterOptions::new("x", "y")).unwrap(),
            size,
        ),
        draw::heat_map(
            &visuals::heat_map(&ds, "g", "g", &Measure::count()).unwrap(),
            size,
        ),
        draw::correlation_matrix(&visuals::correlation_matrix(&ds), size),
        draw::bar_chart(
            &visuals::bar_chart(
                &ds,
                "g",
                &Measure::of("x", Aggregate::Sum),
                SortOrder::ValueDescending,
            )
            .unwrap(),
            size,
        ),
        draw::pie_chart(
            &visuals::pie_chart(&ds, "g", &Measure::count(), PieOptions::default()).unwrap(),
            size,
        ),
        draw::kpi(&visuals::kpi(&ds, &Measure::count(), None).unwrap(), size),
    ];
    let base = 1_714_557_600_000i64;
    let times = Dataset::from_rows(
        &["t", "v"],
        (0..500)
            .map(|i| {
                vec![
                    Value::Time(base + i * 7_000),
                    Value::Number((i % 17) as f64),
                ]
            })
            .collect(),
    );
    drawings.push(draw::line_chart(
        &visuals::line_chart(
            &times,
            "t",
            &Measure::of("v", Aggregate::Average),
            TimeGrain::Minute,
        )
        .unwrap(),
        size,
    ));
    for d in &drawings {
        assert!(!d.table.rows.is_empty(), "{}", d.title);
        assert!(!d.summary.is_empty());
        assert_inside(d);
        let svg = draw::to_svg(d);
        assert!(svg.contains(&draw::escape(&d.title)));
    }
}

fn assert_inside(d: &draw::Drawing) {
    let p = d.plot;
    let eps = 1e-6;
    let inside = |x: f64, y: f64| {
        x >= p.x - eps && x <= p.x + p.w + eps && y >= p.y - eps && y <= p.y + p.h + eps
    };
    for m in &d.marks {
        match m {
            Mark::Rect { x, y, w, h, .. } => {
                assert!(
                    inside(*x, *y) && inside(x + w, y + h),
                    "{}: {m:?} outside {p:?}",
                    d.title
                )
            }
            Mark::Circle { cx, cy, .. } => assert!(inside(*cx, *cy), "{}: {m:?}", d.title),
            Mark::Line { x1, y1, x2, y2, .. } => {
                assert!(inside(*x1, *y1) && inside(*x2, *y2), "{}: {m:?}", d.title)
            }
            Mark::Path { points, .. } => {
                for (x, y) in points {
                    assert!(inside(*x, *y), "{}: {m:?}", d.title)
                }
            }
            Mark::Text { .. } => {}
        }
    }
    for m in d.marks.iter().chain(&d.axes) {
        if let Mark::Text { x, y, .. } = m {
            assert!(
                *x >= 0.0 && *x <= d.size.width && *y >= 0.0 && *y <= d.size.height,
                "{}: {m:?}",
                d.title
            );
        }
    }
}

// ---- Properties ----------------------------------------------------------------------------

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![-1e6..1e6f64, (-50i32..50).prop_map(f64::from)]
}

proptest! {
    #[test]
    fn histogram_counts_sum_to_the_present_values(
        values in prop::collection::vec(prop::option::of(finite()), 0..200),
        bins in 1u32..60,
        width in 0.5f64..5e4,
        by_width in any::<bool>(),
    ) {
        let ds = Dataset::from_rows(
            &["x"],
            values.iter().map(|v| vec![v.map_or(Value::Missing, Value::Number)]).collect(),
        );
        let present = values.iter().flatten().count();
        let options = HistogramOptions {
            bins: if by_width {
                BinOptions::Width { width, bin_count_limit: None }
            } else {
                BinOptions::Count(bins)
            },
            start_value: None,
            aggregate: BinAggregate::Count,
        };
        match visuals::histogram(&ds, "x", &options) {
            Ok(h) => {
                prop_assert_eq!(h.binned() + h.below_start, present);
                prop_assert_eq!(h.below_start, 0);
                prop_assert_eq!(h.missing, values.len() - present);
                for b in &h.bins {
                    prop_assert!(b.start < b.end);
                }
            }
            Err(VisualError::TooManyBins { .. }) => prop_assert!(by_width),
            // A column of only missing values is a string column.
            Err(VisualError::WrongType { .. }) => prop_assert_eq!(present, 0),
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn quartiles_are_ordered(values in prop::collection::vec(finite(), 1..300)) {
        let q = Quartiles::of(&values).unwrap();
        prop_assert!(q.min <= q.q1 && q.q1 <= q.median && q.median <= q.q3 && q.q3 <= q.max);
        let mut b = values.clone();
        b.sort_by(f64::total_cmp);
        let g = visuals::box_of(None, &b, OutlierVisibility::Visible).unwrap();
        prop_assert!(g.lower_whisker <= q.q1 + 1e-9 && g.upper_whisker >= q.q3 - 1e-9);
        prop_assert_eq!(g.outliers.len(), g.outlier_count);
    }

    #[test]
    fn sampling_is_deterministic(n in 0usize..5000, limit in 0usize..600, seed in any::<u64>()) {
        let a = visuals::sample_indices(n, limit, seed);
        prop_assert_eq!(&a, &visuals::sample_indices(n, limit, seed));
        prop_assert_eq!(a.len(), n.min(limit));
        prop_assert!(a.windows(2).all(|w| w[0] < w[1]));
        prop_assert!(a.iter().all(|&i| i < n));
    }

    #[test]
    fn drawings_stay_inside_the_plot(
        points in prop::collection::vec((finite(), finite(), 0u8..4), 1..120),
        width in 160.0f64..1200.0,
        height in 120.0f64..900.0,
    ) {
        let ds = Dataset::from_rows(
            &["x", "y", "g"],
            points.iter().map(|(x, y, g)| vec![Value::Number(*x), Value::Number(*y), Value::Text(format!("g{g}"))]).collect(),
        );
        let size = Size::new(width, height);
        assert_inside(&draw::histogram(&visuals::histogram(&ds, "x", &HistogramOptions::default()).unwrap(), size));
        assert_inside(&draw::scatter(&visuals::scatter(&ds, &ScatterOptions::new("x", "y")).unwrap(), size));
        assert_inside(&draw::box_plot(&visuals::box_plot(&ds, "y", Some("g"), OutlierVisibility::Visible).unwrap(), size));
        assert_inside(&draw::bar_chart(&visuals::bar_chart(&ds, "g", &Measure::of("x", Aggregate::Sum), SortOrder::ValueDescending).unwrap(), size));
        assert_inside(&draw::heat_map(&visuals::heat_map(&ds, "g", "g", &Measure::of("y", Aggregate::Average)).unwrap(), size));
    }
}
