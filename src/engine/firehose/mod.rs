//! Amazon Data Firehose (formerly Kinesis Data Firehose), `Firehose_20150804.*`.
use super::{ApiError, Sandbox};
use serde::{Deserialize, Serialize};
use serde_json::Value;
pub const OPERATIONS: &[&str] = &[];
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Firehose {}
pub(crate) fn call(_sb: &mut Sandbox, _op: &str, _body: &Value) -> Result<Value, ApiError> {
    Err(ApiError::unknown_operation())
}
pub(crate) fn on_time_passed(_sb: &mut Sandbox) {}
