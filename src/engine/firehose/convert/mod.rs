//! Record format conversion: a delivery's JSON records to one Parquet (or ORC) object with a
//! Glue table's columns, and reading such objects back for the S3 browser.

pub mod config;
mod json;
pub mod timestamp;
pub mod value;

pub use config::{
    check_destination_rules, Conversion, DataFormatConversionConfiguration, Deserializer,
    Serializer, DEFAULT_BUFFER_MB_WITH_CONVERSION,
};
pub use json::decimal;
pub use value::{Cell, ConversionFailure, FailureCode, Row};

use crate::engine::glue::Column;

/// One record's rows, for tests and tools.
pub fn read_record(
    record: &[u8],
    table: &[Column],
    deserializer: &Deserializer,
) -> Result<Vec<Row>, ConversionFailure> {
    json::rows(record, table, deserializer)
}
