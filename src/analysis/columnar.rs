//! Parquet and ORC objects as datasets, through the readers the S3 browser already uses: the
//! `parquet` crate's row reader (as `firehose::convert::preview` opens a file) and the
//! sandbox's ORC reader (`convert::preview::orc_rows`, every row). Neither is a new reader.
//!
//! Both pull in the Columnar extension's code: a page that reads these formats belongs behind
//! a split point (ARCHITECTURE.md, "What loads when").

use super::dataset::{Builder, Dataset, DatasetError, Format, Value};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

pub(super) fn parquet(bytes: &[u8]) -> Result<Dataset, DatasetError> {
    let reader = SerializedFileReader::new(bytes::Bytes::copy_from_slice(bytes))
        .map_err(|e| DatasetError::Parquet(e.to_string()))?;
    let total = reader.metadata().file_metadata().num_rows().max(0) as usize;
    let rows = reader
        .get_row_iter(None)
        .map_err(|e| DatasetError::Parquet(e.to_string()))?;
    let mut b = Builder::default();
    let mut notes = Vec::new();
    for (i, row) in rows.enumerate() {
        match row {
            Ok(row) => {
                for (name, field) in row.get_column_iter() {
                    put(&mut b, name, field);
                }
                b.end_row();
            }
            Err(e) => {
                // The row reader can't go on after a broken page: the rest is refused too.
                let rest = total.saturating_sub(i).max(1);
                b.rejected.add(|| format!("row {}: {e}", i + 1));
                b.rejected.count += rest - 1;
                notes.push(format!("Reading stopped at row {} of {total}: {e}.", i + 1));
                break;
            }
        }
    }
    b.finish(Format::Parquet, notes)
}

/// A float as a number; `NaN` and infinities as their text, so the column counts them as
/// invalid numbers rather than computing with them.
fn number(x: f64) -> Value {
    if x.is_finite() {
        Value::Number(x)
    } else {
        Value::Text(x.to_string())
    }
}

/// A Parquet field as values: a struct's fields become dotted names; lists and maps stay
/// whole, as text.
fn put(b: &mut Builder, name: &str, field: &Field) {
    let v = match field {
        Field::Null => Value::Missing,
        Field::Bool(x) => Value::Bool(*x),
        Field::Byte(x) => Value::Number(f64::from(*x)),
        Field::Short(x) => Value::Number(f64::from(*x)),
        Field::Int(x) => Value::Number(f64::from(*x)),
        Field::Long(x) => Value::Number(*x as f64),
        Field::UByte(x) => Value::Number(f64::from(*x)),
        Field::UShort(x) => Value::Number(f64::from(*x)),
        Field::UInt(x) => Value::Number(f64::from(*x)),
        Field::ULong(x) => Value::Number(*x as f64),
        Field::Float(x) => number(f64::from(*x)),
        Field::Double(x) => number(*x),
        Field::Str(s) => Value::Text(s.clone()),
        Field::Bytes(x) => Value::Text(String::from_utf8_lossy(x.data()).into_owned()),
        Field::Date(days) => Value::Time(i64::from(*days) * 86_400_000),
        Field::TimestampMillis(ms) => Value::Time(*ms),
        Field::TimestampMicros(us) => Value::Time(us.div_euclid(1000)),
        Field::Group(row) => {
            for (inner, f) in row.get_column_iter() {
                put(b, &format!("{name}.{inner}"), f);
            }
            return;
        }
        // Decimals, half floats, times of day: their text, read as a number when it is one.
        other => {
            let text = other.to_string();
            match text.parse::<f64>() {
                Ok(n) if n.is_finite() => Value::Number(n),
                _ => Value::Text(text),
            }
        }
    };
    b.set(name, v);
}

pub(super) fn orc(bytes: &[u8]) -> Result<Dataset, DatasetError> {
    let p = crate::engine::firehose::convert::preview::orc_rows(bytes).map_err(|e| {
        DatasetError::Orc(
            e.trim_start_matches("Not a readable ORC file: ")
                .to_string(),
        )
    })?;
    let mut notes = Vec::new();
    if let Some(note) = &p.note {
        if p.total_rows > 0 {
            return Err(DatasetError::Orc(note.clone()));
        }
    }
    if (p.rows.len() as u64) < p.total_rows {
        notes.push(format!(
            "{} of the file's {} rows could be read and are analysed.",
            p.rows.len(),
            crate::text::thousands(p.total_rows)
        ));
    }
    let mut b = Builder::default();
    for row in &p.rows {
        for ((name, hive), text) in p.columns.iter().zip(row) {
            b.set(name, orc_value(hive, text));
        }
        b.end_row();
    }
    // A file without rows still has its columns.
    if p.rows.is_empty() {
        return Ok(super::dataset::typed_dataset(
            Format::Orc,
            p.columns.iter().map(|(n, _)| n.clone()).collect(),
            vec![Vec::new(); p.columns.len()],
            0,
            Default::default(),
            notes,
        ));
    }
    b.finish(Format::Orc, notes)
}

/// A value as the ORC reader prints it, read back by its Hive type. The reader prints a null
/// as `null`, so a string `null` reads as missing too.
fn orc_value(hive: &str, text: &str) -> Value {
    use super::fields::{parse_number, parse_time_text};
    if text == "null" {
        return Value::Missing;
    }
    let numeric = matches!(
        hive,
        "tinyint" | "smallint" | "int" | "bigint" | "float" | "double"
    ) || hive.starts_with("decimal(");
    if numeric {
        if let Some(n) = parse_number(text) {
            return Value::Number(n);
        }
    } else if hive == "boolean" {
        match text {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    } else if hive == "timestamp" || hive == "date" {
        if let Some(t) = parse_time_text(text) {
            return Value::Time(t);
        }
    }
    Value::Text(text.to_string())
}
