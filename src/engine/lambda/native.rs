//! An unedited blueprint runs as its Rust port (`blueprints`), at once and natively, with the
//! same answer and log lines as its JavaScript; any other code goes to the host.

use super::blueprints;
use super::invoke::{FunctionFailure, Outcome, RunRequest};
use crate::engine::SimTime;
use serde_json::Value;

/// A blueprint's modelled run time: a fixed cost plus a little per record.
fn duration_ms(event: &Value) -> f64 {
    let records = event
        .get("records")
        .and_then(Value::as_array)
        .map_or(1, Vec::len);
    1.5 + records as f64 * 0.02
}

/// The run, if its code is a blueprint exactly as published.
pub(crate) fn run(req: &RunRequest, now: SimTime) -> Option<Outcome> {
    let bp = blueprints::by_source(&req.code)?;
    if bp.file_name != req.file_name || bp.handler != req.handler {
        return None;
    }
    let Ok(event) = serde_json::from_str::<Value>(&req.event) else {
        return None;
    };
    let mut lines = Vec::new();
    let result = (bp.run)(&event, &mut lines);
    let at = now
        .to_datetime()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let logs = lines
        .into_iter()
        .map(|l| format!("{at}\t{}\tINFO\t{l}", req.request_id))
        .collect();
    Some(Outcome {
        result: result.map(|v| v.to_string()).map_err(|e| FunctionFailure {
            error_type: e.error_type,
            error_message: e.error_message,
            trace: Vec::new(),
            timed_out: false,
        }),
        logs,
        duration_ms: duration_ms(&event),
        init_duration_ms: None,
    })
}
