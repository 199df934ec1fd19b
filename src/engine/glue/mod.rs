//! AWS Glue Data Catalog: for now its Hive column types.

pub mod hive;

pub use hive::{HiveType, HiveTypeError};
