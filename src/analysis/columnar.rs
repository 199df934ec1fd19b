//! Parquet and ORC objects as datasets, through the readers the S3 browser already uses: the
//! `parquet` crate's row reader (`convert::cells`, inside the Columnar extension) and the
//! sandbox's ORC reader (`convert::preview::orc_rows`, every row). Neither is a new reader.
//!
//! Both pull in the Columnar extension's code: a page that reads these formats belongs behind
//! a split point (ARCHITECTURE.md, "What loads when").

use super::dataset::{Builder, Dataset, DatasetError, Format, Value};
use crate::engine::firehose::convert::cells::{self, Cell};

pub(super) fn parquet(bytes: &[u8]) -> Result<Dataset, DatasetError> {
    let read = cells::parquet_rows(bytes).map_err(DatasetError::Parquet)?;
    let mut b = Builder::default();
    let mut notes = Vec::new();
    for row in read.rows {
        for (name, cell) in row {
            b.set(&name, value(cell));
        }
        b.end_row();
    }
    if let Some((i, e)) = read.stopped {
        // The row reader can't go on after a broken page: the rest is refused too.
        let rest = read.total.saturating_sub(i).max(1);
        b.rejected.add(|| format!("row {}: {e}", i + 1));
        b.rejected.count += rest - 1;
        notes.push(format!(
            "Reading stopped at row {} of {}: {e}.",
            i + 1,
            read.total
        ));
    }
    b.finish(Format::Parquet, notes)
}

fn value(cell: Cell) -> Value {
    match cell {
        Cell::Missing => Value::Missing,
        Cell::Bool(x) => Value::Bool(x),
        Cell::Number(x) => Value::Number(x),
        Cell::Text(s) => Value::Text(s),
        Cell::Time(ms) => Value::Time(ms),
    }
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
