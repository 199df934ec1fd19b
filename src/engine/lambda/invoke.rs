//! Running a function, as an effect: [`start`] turns an invocation into a [`RunRequest`]
//! (answered at once by a blueprint's Rust port, or handed to the host), and
//! [`Sandbox::lambda_complete`] takes the [`Outcome`] back, writes the function's log
//! (`START`, the handler's lines, `END`, `REPORT`) and tells whoever invoked it.

use super::{native, Function, Lambda};
use crate::engine::{cloudwatch, Sandbox, SimTime};
use serde::{Deserialize, Serialize};

/// Lambda's synchronous payload limit, for the request and the response: 6 MB.
pub const PAYLOAD_LIMIT: usize = 6 * 1024 * 1024;

/// Who is waiting for a run's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Purpose {
    /// A Firehose delivery stream's transformation of one batch of records.
    Firehose { stream: String, batch: u64 },
    /// An asynchronous `Invoke` (`InvocationType: Event`): only the log shows what it did.
    Event,
}

/// What the host needs to run a function once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    pub id: u64,
    pub function_name: String,
    pub function_arn: String,
    /// The file the handler is in (`index.mjs`), and its text.
    pub file_name: String,
    pub code: String,
    /// Every file of the package, for `import`s of one another.
    pub files: Vec<(String, String)>,
    pub handler: String,
    /// The event, as JSON text.
    pub event: String,
    pub timeout_ms: u64,
    pub memory_mb: u32,
    pub request_id: String,
    pub log_group: String,
    pub log_stream: String,
    pub environment: Vec<(String, String)>,
    pub region: String,
}

/// An error the function ended with (`errorType`, `errorMessage`, `trace`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionFailure {
    pub error_type: String,
    pub error_message: String,
    pub trace: Vec<String>,
    /// It ran out of time (`Task timed out after 3.00 seconds`).
    pub timed_out: bool,
}

/// A run's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// What the handler returned, as JSON text, or how it failed.
    pub result: Result<String, FunctionFailure>,
    /// The handler's own log lines, as the Node.js runtime writes them.
    pub logs: Vec<String>,
    pub duration_ms: f64,
    /// Loading the code, when this run started a new execution environment (a cold start).
    #[serde(default)]
    pub init_duration_ms: Option<f64>,
}

impl Outcome {
    /// The payload the API returns: the result, or Lambda's error document.
    pub fn payload(&self) -> String {
        match &self.result {
            Ok(text) => text.clone(),
            Err(f) => serde_json::json!({
                "errorType": f.error_type,
                "errorMessage": f.error_message,
                "trace": f.trace,
            })
            .to_string(),
        }
    }
}

/// A run handed out and not yet answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Waiting {
    pub request: RunRequest,
    pub purpose: Purpose,
    pub started: SimTime,
}

/// A RequestId: a UUID drawn from the sandbox's RNG.
fn request_id(sb: &mut Sandbox) -> String {
    let hex = |sb: &mut Sandbox, n: usize| sb.rng.string_from(b"0123456789abcdef", n);
    format!(
        "{}-{}-4{}-{}{}-{}",
        hex(sb, 8),
        hex(sb, 4),
        hex(sb, 3),
        ["8", "9", "a", "b"][sb.rng.below(4) as usize],
        hex(sb, 3),
        hex(sb, 12)
    )
}

/// The run of `f` on `event`, with a new request id (and a log stream if `f` has none yet).
pub(crate) fn request(sb: &mut Sandbox, name: &str, event: String) -> Option<RunRequest> {
    let id = sb.lambda.next_run;
    sb.lambda.next_run += 1;
    let request_id = request_id(sb);
    if sb.lambda.function(name)?.log_stream.is_none() {
        let day = sb.now.to_datetime().format("%Y/%m/%d").to_string();
        let hex = sb.rng.string_from(b"0123456789abcdef", 32);
        let f = sb.lambda.function_mut(name)?;
        f.log_stream = Some(format!("{day}/[$LATEST]{hex}"));
    }
    let f: &Function = sb.lambda.function(name)?;
    let (file_name, _) = f.handler_file().unwrap_or(("index.mjs", "handler"));
    Some(RunRequest {
        id,
        function_name: f.name.clone(),
        function_arn: f.arn.clone(),
        file_name: file_name.to_string(),
        code: f.files.get(file_name).cloned().unwrap_or_default(),
        files: f
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        handler: f.handler.clone(),
        event,
        timeout_ms: u64::from(f.timeout_s) * 1000,
        memory_mb: f.memory_mb,
        request_id,
        log_group: f.log_group(),
        log_stream: f.log_stream.clone().unwrap_or_default(),
        environment: f
            .environment
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        region: sb.config.region.clone(),
    })
}

/// Starts a run for `purpose`: an unedited blueprint answers at once, anything else waits for
/// the host (and the clock waits with it). The caller logs the `Invoke` (the façade does for
/// the API's).
pub(crate) fn start(sb: &mut Sandbox, run: RunRequest, purpose: Purpose) {
    if let Some(outcome) = native::run(&run, sb.now) {
        finish(sb, &run, &outcome);
        deliver(sb, purpose, run, outcome);
        return;
    }
    let started = sb.now;
    sb.lambda.waiting.insert(
        run.id,
        Waiting {
            request: run,
            purpose,
            started,
        },
    );
}

/// Tells the one who invoked the function.
fn deliver(sb: &mut Sandbox, purpose: Purpose, run: RunRequest, outcome: Outcome) {
    match purpose {
        Purpose::Firehose { stream, batch } => {
            crate::engine::firehose::processing::transformed(sb, &stream, batch, &run, outcome)
        }
        Purpose::Event => {}
    }
}

/// Writes the run's log: `START`, the handler's lines, a timeout line if it timed out, `END`
/// and `REPORT`.
pub(crate) fn finish(sb: &mut Sandbox, run: &RunRequest, outcome: &Outcome) {
    let now = sb.now;
    let at = now.epoch_millis();
    let id = &run.request_id;
    let mut lines = vec![format!("START RequestId: {id} Version: $LATEST")];
    lines.extend(outcome.logs.iter().cloned());
    let mut duration = outcome.duration_ms;
    if let Err(f) = &outcome.result {
        if f.timed_out {
            duration = run.timeout_ms as f64;
            lines.push(format!(
                "{} {id} Task timed out after {:.2} seconds",
                now.to_rfc3339(),
                run.timeout_ms as f64 / 1000.0
            ));
        }
    }
    lines.push(format!("END RequestId: {id}"));
    let used = (run.memory_mb / 2).clamp(60, 90).min(run.memory_mb);
    let init = outcome
        .init_duration_ms
        .map(|ms| format!("\tInit Duration: {ms:.2} ms"))
        .unwrap_or_default();
    lines.push(format!(
        "REPORT RequestId: {id}\tDuration: {duration:.2} ms\tBilled Duration: {} ms\tMemory Size: {} MB\tMax Memory Used: {used} MB{init}",
        duration.ceil().max(1.0) as u64,
        run.memory_mb,
    ));
    sb.cloudwatch
        .ensure_log_stream(&run.log_group, &run.log_stream, now);
    let events = lines.into_iter().map(|l| (at, l)).collect();
    let (group, stream) = (run.log_group.clone(), run.log_stream.clone());
    let _ = cloudwatch::put_log_events_typed(sb, &group, &stream, events);
}

impl Lambda {
    /// Runs waiting for the host that it has not taken yet; taking them marks them taken.
    pub fn take_runs(&mut self) -> Vec<RunRequest> {
        let mut runs = Vec::new();
        for (id, w) in &self.waiting {
            if self.handed_out.insert(*id) {
                runs.push(w.request.clone());
            }
        }
        runs
    }

    /// Every run waiting for its answer, taken or not.
    pub fn waiting_runs(&self) -> impl Iterator<Item = &RunRequest> {
        self.waiting.values().map(|w| &w.request)
    }
}

impl Sandbox {
    /// Runs the host should start (each once).
    pub fn lambda_take_runs(&mut self) -> Vec<RunRequest> {
        self.lambda.take_runs()
    }

    /// The answer to run `id`: logs it, hands it to its invoker, and lets the clock go on
    /// (with the time it held) once no run is waiting. An unknown id (already answered) is
    /// ignored.
    pub fn lambda_complete(&mut self, id: u64, outcome: Outcome) {
        let Some(w) = self.lambda.waiting.remove(&id) else {
            return;
        };
        self.lambda.handed_out.remove(&id);
        finish(self, &w.request, &outcome);
        deliver(self, w.purpose, w.request, outcome);
        if !self.lambda.has_waiting() {
            self.advance(std::time::Duration::ZERO);
        }
    }
}
