//! AWS Lambda.

pub mod blueprints;
