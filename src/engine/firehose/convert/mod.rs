//! Record format conversion: a delivery's JSON records to one Parquet (or ORC) object with a
//! Glue table's columns, and reading such objects back for the S3 browser.

pub mod config;

pub use config::{
    check_destination_rules, Conversion, DataFormatConversionConfiguration, Deserializer,
    Serializer, DEFAULT_BUFFER_MB_WITH_CONVERSION,
};
