//! Runs a Lambda function for the console's Test tab: `Invoke` as the learner, answered when
//! the run is done. Unedited blueprints run inside the engine; other code answers
//! `ServiceException` here until the functions' Web Worker runs it.

use super::context::SandboxHandle;
use crate::engine::ApiError;
use serde_json::Value;

/// The `Invoke` answer (`StatusCode`, `FunctionError`, `LogResult`, `Payload`) for `body`.
pub async fn invoke(handle: &SandboxHandle, body: Value) -> Result<Value, ApiError> {
    handle.call("Lambda.Invoke", body)
}
