//! The console's forms as pure data: what the learner typed, the actions that change it, what
//! is derived from it (validation, defaults) and the AWS request it builds. No browser crate
//! here, so all of it is tested natively; the pages under `ui::pages` keep these forms in Yew
//! reducers, draw them, and send their requests through `SandboxHandle::call`.

pub mod firehose_create;
pub mod firehose_http;
pub mod firehose_opensearch;
pub mod firehose_partitioning;
pub mod firehose_redshift;
pub mod firehose_splunk;
pub mod generator;
pub mod glue;
pub mod lambda;
pub mod opensearch_discover;
pub mod stream_create;
pub mod stream_details;
pub mod video;

use serde_json::Value;

/// A form: state that changes only by its actions.
pub trait Form: Clone {
    type Action;
    fn apply(&mut self, action: Self::Action);
}

/// An AWS request a form builds: the `X-Amz-Target` and the JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub target: &'static str,
    pub body: Value,
}

impl Request {
    pub fn new(target: &'static str, body: Value) -> Self {
        Request { target, body }
    }
}

/// A whole number as typed, or the text itself so that the engine's validation speaks for it.
pub fn integer_or_text(text: &str) -> Value {
    let t = text.trim();
    t.parse::<i64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::from(t))
}
