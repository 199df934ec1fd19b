//! Record format conversion: a delivery's JSON records to one Parquet (or ORC) object with a
//! Glue table's columns, and reading such objects back for the S3 browser.
//!
//! The configuration ([`config`]) is always there; the conversion and the preview are an
//! engine extension (`engine::extension::Columnar`) since the Parquet code is big: the engine
//! and the pages call them only through [`COLUMNAR`]'s table, which the site fetches when a
//! delivery stream converts or an object is opened. (`write_parquet`, `write_orc` and
//! `read_record` are for tests: code outside the extension that called them would keep the
//! heavy code in the first module.)

pub mod cells;
pub mod config;
mod json;
mod orc_read;
mod orc_write;
mod parquet_write;
mod parse;
pub mod preview;
pub mod timestamp;
pub mod value;

pub use config::{
    check_destination_rules, Conversion, DataFormatConversionConfiguration, Deserializer,
    Serializer, DEFAULT_BUFFER_MB_WITH_CONVERSION,
};
pub use json::decimal;
pub use preview::{is_orc, is_parquet, Preview};
pub use value::{Cell, ConversionFailure, FailureCode, Row};

use crate::engine::extension::Columnar;
use crate::engine::glue::Column;

/// The table the engine and the S3 browser call through.
pub static COLUMNAR: Columnar = Columnar {
    convert,
    preview: preview::preview,
};

/// What one delivery's conversion gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The object to write, when at least one record converted.
    pub object: Option<Vec<u8>>,
    /// The records that did not convert: their index in the input, and why.
    pub failures: Vec<(usize, ConversionFailure)>,
    /// Rows written (a record may hold several JSON objects).
    pub rows: u64,
}

/// The name's ending Firehose gives a converted object (before any `FileExtension`).
pub fn extension(serializer: &Serializer) -> &'static str {
    match serializer {
        Serializer::Parquet(_) => ".parquet",
        Serializer::Orc(_) => ".orc",
    }
}

/// Converts `records` with the table's columns: each record's rows, in order, into one
/// object; a record that can't be read fails alone. A table without columns fails them all.
pub fn convert(records: &[&[u8]], table: &[Column], conversion: &Conversion) -> Converted {
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    if table.is_empty() {
        let failure = ConversionFailure {
            code: FailureCode::InvalidSchema,
            message: "The table has no columns to convert the records to.".into(),
        };
        return Converted {
            object: None,
            failures: (0..records.len()).map(|i| (i, failure.clone())).collect(),
            rows: 0,
        };
    }
    for (i, record) in records.iter().enumerate() {
        match json::rows(record, table, &conversion.deserializer) {
            Ok(mut r) => rows.append(&mut r),
            Err(failure) => failures.push((i, failure)),
        }
    }
    let object = (!rows.is_empty()).then(|| match &conversion.serializer {
        Serializer::Parquet(serde) => parquet_write::write_parquet(table, &rows, serde),
        Serializer::Orc(serde) => orc_write::write_orc(table, &rows, serde),
    });
    Converted {
        object,
        failures,
        rows: rows.len() as u64,
    }
}

/// Rows to a Parquet file, for tests and tools that already hold typed rows.
pub fn write_parquet(table: &[Column], rows: &[Row], serde: &config::ParquetSerDe) -> Vec<u8> {
    parquet_write::write_parquet(table, rows, serde)
}

/// Rows to an ORC file, for tests and tools that already hold typed rows.
pub fn write_orc(table: &[Column], rows: &[Row], serde: &config::OrcSerDe) -> Vec<u8> {
    orc_write::write_orc(table, rows, serde)
}

/// One record's rows, for tests and tools.
pub fn read_record(
    record: &[u8],
    table: &[Column],
    deserializer: &Deserializer,
) -> Result<Vec<Row>, ConversionFailure> {
    json::rows(record, table, deserializer)
}
