//! The Analysis workspace's core — Amazon QuickSight, today "Amazon Quick Sight" (part of
//! Amazon Quick Suite): a [`Dataset`] read from an S3 object or a stream's records, each
//! field's type and statistics, the visuals' numbers, AutoGraph and the "which visual" guide,
//! and each visual laid out into a flat [`draw::Drawing`] the page renders as SVG (with a
//! data table for screen readers) or exports as an `.svg` file.
//!
//! Pure: no browser, no clock, no randomness but [`visuals::sample_indices`]' seeded one.

pub mod autograph;
mod columnar;
pub mod dataset;
pub mod draw;
pub mod fields;
pub mod insights;
pub mod source;
pub mod visuals;

pub use autograph::{autograph, Suggestion, VisualKind, GUIDE};
pub use dataset::{Column, Dataset, DatasetError, Format, Value};
pub use fields::{summarize, summarize_all, FieldSummary, FieldType, Quartiles};
pub use visuals::VisualError;
