//! AWS Lambda (`Lambda.*`, boto3's operation and field names): Node.js functions whose code is
//! the learner's own JavaScript, each with an execution role Lambda must be able to assume.
//!
//! The engine never runs JavaScript. Running a function is an effect: the engine hands out a
//! [`RunRequest`] and takes the answer back as an [`Outcome`] (`Sandbox::lambda_complete`);
//! the browser runs it in a Web Worker (`host::lambda_runtime`). Until the answer is back the
//! sandbox's clock waits, as it does for an extension, so what a function does lands at the
//! same simulated moment however long the browser took. An unedited blueprint is run at once
//! by its Rust port ([`blueprints`]), which behaves exactly as its JavaScript does.
//!
//! Like `S3` and `IAM`, the sandbox names the service as boto3 does: `Lambda.CreateFunction`.

pub mod blueprints;
pub mod cli;
mod function;
mod invoke;
mod native;
mod ops;

pub use function::{Function, FunctionState, RUNTIMES};
pub use invoke::{FunctionFailure, Outcome, Purpose, RunRequest, PAYLOAD_LIMIT};
pub use ops::InvokeOptions;

use super::registry::{changes, reads, CliService, Service, Target};
use super::Sandbox;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Every function in the account, and the runs handed out and not yet answered.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lambda {
    functions: BTreeMap<String, Function>,
    next_run: u64,
    /// Runs waiting for their answer, by id: the clock waits while there is one.
    waiting: BTreeMap<u64, invoke::Waiting>,
    /// Which of `waiting` the host has taken (not saved: after a reload all are handed out
    /// again).
    #[serde(skip)]
    handed_out: BTreeSet<u64>,
}

impl Lambda {
    pub fn function(&self, name: &str) -> Option<&Function> {
        self.functions.get(name)
    }

    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.functions.values()
    }

    /// Whether a run is waiting for its answer (the clock then waits too).
    pub fn has_waiting(&self) -> bool {
        !self.waiting.is_empty()
    }

    /// The name in a function name, a partial ARN (`123456789012:function:name`) or an ARN,
    /// with or without a qualifier (`:$LATEST`).
    pub fn name_of(reference: &str) -> &str {
        if let Some(i) = reference.find("function:") {
            let rest = &reference[i + "function:".len()..];
            return rest.split(':').next().unwrap_or(rest);
        }
        let mut parts = reference.split(':');
        let first = parts.next().unwrap_or(reference);
        if first.len() == 12 && first.bytes().all(|b| b.is_ascii_digit()) {
            return parts.next().unwrap_or(first);
        }
        first
    }
}

/// The run of function `name` on `event` (JSON text), for another service to start with
/// [`start_run`]; `None` if there is no such function.
pub(crate) fn request_run(sb: &mut Sandbox, name: &str, event: String) -> Option<RunRequest> {
    invoke::request(sb, name, event)
}

/// Starts `run` for `purpose`, logged as `caller`'s `Invoke`.
pub(crate) fn start_run(
    sb: &mut Sandbox,
    caller: super::Caller,
    run: RunRequest,
    purpose: Purpose,
) {
    let name = run.function_name.clone();
    let _ = sb.call_typed(caller, INVOKE, Some(&name), |_| Ok(()));
    invoke::start(sb, run, purpose)
}

impl Sandbox {
    /// The functions, for the pages.
    pub fn lambda(&self) -> &Lambda {
        &self.lambda
    }
}

/// AWS Lambda in the registry.
pub const SERVICE: Service = Service {
    prefix: "Lambda",
    operations: &[
        changes("CreateFunction", ops::create_function),
        reads("GetFunction", ops::get_function),
        reads("GetFunctionConfiguration", ops::get_function_configuration),
        reads("ListFunctions", ops::list_functions),
        changes("UpdateFunctionCode", ops::update_function_code),
        changes(
            "UpdateFunctionConfiguration",
            ops::update_function_configuration,
        ),
        changes("DeleteFunction", ops::delete_function),
        changes("Invoke", ops::invoke),
    ],
    resource_fields: &["FunctionName"],
    on_time_passed: Some(function::on_time_passed),
    cli: Some(CliService {
        name: "lambda",
        commands: cli::COMMANDS,
    }),
};

/// Operations other services call through typed entries.
pub const INVOKE: Target = SERVICE.target("Invoke");
pub const GET_FUNCTION_CONFIGURATION: Target = SERVICE.target("GetFunctionConfiguration");
