//! The Analysis workspace's core — Amazon QuickSight, today "Amazon Quick Sight" (part of
//! Amazon Quick Suite): a [`Dataset`] read from an S3 object or a stream's records, and each
//! field's type and statistics.
//!
//! Pure: no browser, no clock, no randomness.

mod columnar;
pub mod dataset;
pub mod fields;

pub use dataset::{Column, Dataset, DatasetError, Format, Value};
pub use fields::{summarize, summarize_all, FieldSummary, FieldType, Quartiles};
