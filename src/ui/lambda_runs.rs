//! Lambda runs in this page: the engine's runs (`RunRequest`) go to the Web Worker runtime
//! (`host::lambda_runtime`) and their answers back to the engine as `Outcome`s — both the
//! runs a delivery stream's transformation hands out as time passes and the learner's own
//! `Invoke` from a function's Test tab.

use super::context::{AppState, Changed, SandboxHandle, Shared};
use crate::engine::lambda::{FunctionFailure, Outcome, RunRequest};
use crate::engine::ApiError;
use crate::host::lambda_runtime::{self, Ran, Run};
use serde_json::Value;
use std::rc::Rc;
use yew::UseReducerDispatcher;

fn to_run(r: &RunRequest) -> Run {
    Run {
        file_name: r.file_name.clone(),
        code: r.code.clone(),
        handler: r.handler.clone(),
        event_json: r.event.clone(),
        timeout_ms: r.timeout_ms,
        memory_mb: r.memory_mb,
        function_name: r.function_name.clone(),
        function_version: "$LATEST".into(),
        request_id: r.request_id.clone(),
        log_group: r.log_group.clone(),
        log_stream: r.log_stream.clone(),
        invoked_arn: r.function_arn.clone(),
        environment: r.environment.clone(),
    }
}

fn to_outcome(ran: Ran) -> Outcome {
    Outcome {
        result: ran.result.map_err(|f| FunctionFailure {
            error_type: f.error_type,
            error_message: f.error_message,
            trace: f.trace,
            timed_out: f.timed_out,
        }),
        logs: ran.logs,
        duration_ms: ran.duration_ms,
        init_duration_ms: ran.init_duration_ms,
    }
}

/// Starts, in the worker, every run the sandbox has handed out and not started yet; each
/// answer goes back to the sandbox (whose clock waits until then).
pub fn start_waiting_runs(shared: &Rc<Shared>, dispatcher: &UseReducerDispatcher<AppState>) {
    let runs = shared.sandbox.borrow_mut().lambda_take_runs();
    for run in runs {
        let shared = shared.clone();
        let dispatcher = dispatcher.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let ran = lambda_runtime::run(to_run(&run)).await;
            shared
                .sandbox
                .borrow_mut()
                .lambda_complete(run.id, to_outcome(ran));
            shared.dirty.set(true);
            dispatcher.dispatch(Changed);
        });
    }
}

/// The learner's `Invoke` (a function's Test tab): checked by the sandbox, run in the worker,
/// answered and logged by the sandbox.
pub async fn invoke(handle: &SandboxHandle, body: Value) -> Result<Value, ApiError> {
    let prepared = handle.inspect(|sb| sb.lambda_prepare_invoke(body));
    let (run, options) = match prepared {
        Err(e) => {
            handle.update(|_| {});
            return Err(e);
        }
        Ok(Err(answer)) => return Ok(answer),
        Ok(Ok(prepared)) => prepared,
    };
    let ran = lambda_runtime::run(to_run(&run)).await;
    let outcome = to_outcome(ran);
    let mut answer = Value::Null;
    handle.update(|sb| answer = sb.lambda_finish_invoke(&run, options, &outcome));
    Ok(answer)
}
