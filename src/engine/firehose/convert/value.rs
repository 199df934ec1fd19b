//! A converted row: one typed cell per Glue column, `None` for null or missing.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One value of a Hive type.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Boolean(bool),
    /// `tinyint`, `smallint`, `int` and `bigint` (each range-checked when read).
    Integer(i64),
    Float(f32),
    Double(f64),
    /// `string`, `char(n)` and `varchar(n)`.
    Text(String),
    Binary(Vec<u8>),
    /// Microseconds since 1970-01-01T00:00:00, without a zone (Hive's `timestamp`).
    Timestamp(i64),
    /// Days since 1970-01-01.
    Date(i32),
    /// The unscaled value of a `decimal(p,s)`: `12.34` in `decimal(5,2)` is 1234.
    Decimal(i128),
    Array(Vec<Option<Cell>>),
    /// Entries in the order the JSON object gave them (keys are never null).
    Map(Vec<(Cell, Option<Cell>)>),
    /// One value per field of the struct type, in its order.
    Struct(Vec<Option<Cell>>),
}

/// A row: one cell per column of the table.
pub type Row = Vec<Option<Cell>>;

/// The codes Firehose logs for a record it could not convert (`lastErrorCode` in the
/// `format-conversion-failed` error document).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FailureCode {
    /// Not JSON at all.
    ParseError,
    /// JSON that does not fit: empty, a primitive at the top level, or a value the column's
    /// type cannot take.
    MalformedData,
    /// The Glue database or table is not there.
    EntityNotFound,
    /// The table has a column type the serializer cannot write.
    InvalidSchema,
}

impl FailureCode {
    /// As logged: `DataFormatConversion.MalformedData`.
    pub fn wire(self) -> &'static str {
        match self {
            FailureCode::ParseError => "DataFormatConversion.ParseError",
            FailureCode::MalformedData => "DataFormatConversion.MalformedData",
            FailureCode::EntityNotFound => "DataFormatConversion.EntityNotFound",
            FailureCode::InvalidSchema => "DataFormatConversion.InvalidSchema",
        }
    }
}

impl fmt::Display for FailureCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.wire())
    }
}

/// Why one record was not converted: its `lastErrorCode` and `lastErrorMessage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionFailure {
    pub code: FailureCode,
    pub message: String,
}

impl ConversionFailure {
    pub fn malformed(detail: impl fmt::Display) -> Self {
        ConversionFailure {
            code: FailureCode::MalformedData,
            message: format!("Data does not match the schema. {detail}"),
        }
    }

    pub fn parse_error() -> Self {
        ConversionFailure {
            code: FailureCode::ParseError,
            message: "Encountered malformed JSON.".into(),
        }
    }

    /// The table named by the schema configuration is not in the catalog.
    pub fn table_not_found() -> Self {
        ConversionFailure {
            code: FailureCode::EntityNotFound,
            message: "The specified table/database could not be found. Please ensure that the \
                      table/database exists and that the values provided in the schema \
                      configuration are correct, especially with regards to casing."
                .into(),
        }
    }
}
