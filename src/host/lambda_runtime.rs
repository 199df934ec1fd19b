//! Runs a Lambda function's JavaScript in the browser, the way Lambda's Node.js runtime runs
//! it: in a Web Worker (its own global scope and heap, no page access), with a Node-compatible
//! prelude (`Buffer`, `zlib`, `util`, `crypto`'s random values, `process.env`, the console captured as Lambda writes
//! it), CommonJS `index.js` or ES module `index.mjs`, callback or async handlers.
//!
//! An execution environment is one worker. It stays warm after an invocation, so the module's
//! top-level code runs once per environment as Lambda's init does; a worker is thrown away when
//! the function's code or settings change, when it crashes, and when an invocation runs past
//! its timeout (`worker.terminate()` stops even `while (true) {}` without the page noticing).
//!
//! The worker's script is built from text the wasm holds (fflate's browser bundle from
//! `node_modules/fflate`, installed by `npm ci` / `make tools` before any wasm build, and
//! `static/lambda/`) and started from a Blob URL: no request leaves the page, whether it is
//! served, opened from a file or embedded. The text (about 72 KB, 24 KB gzipped) is part of
//! whichever module calls [`run`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use serde_json::{json, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// One invocation: the function's code and settings, and the event.
#[derive(Clone, Debug, Default)]
pub struct Run {
    /// `index.mjs` (an ES module), `index.js` or `index.cjs` (CommonJS).
    pub file_name: String,
    pub code: String,
    /// The handler setting, `index.handler`: the file's name without its extension, a dot,
    /// the exported function's name.
    pub handler: String,
    /// The payload, as JSON text.
    pub event_json: String,
    pub timeout_ms: u64,
    pub memory_mb: u32,
    pub function_name: String,
    pub function_version: String,
    pub request_id: String,
    pub log_group: String,
    pub log_stream: String,
    pub invoked_arn: String,
    /// The function's environment variables (added to the runtime's own in `process.env`).
    pub environment: Vec<(String, String)>,
}

/// What an invocation gave.
#[derive(Clone, Debug, PartialEq)]
pub struct Ran {
    /// The returned value as JSON text (`null` for `undefined`), or the failure.
    pub result: Result<String, FunctionFailure>,
    /// Each line the function logged, as Lambda's Node.js runtime writes it:
    /// `<ISO time>\t<request id>\t<INFO|WARN|ERROR|DEBUG|TRACE>\t<message>` (`undefined` for the
    /// request id during init), and the runtime's own `Uncaught Exception` / `Invoke Error`
    /// lines. Lines logged after a previous invocation's response come first.
    pub logs: Vec<String>,
    /// The handler's run, measured in the worker (the timeout when it timed out).
    pub duration_ms: f64,
    /// How long loading the code took, when this invocation started a new environment.
    pub init_duration_ms: Option<f64>,
}

/// A failed invocation, as Lambda reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionFailure {
    /// The error's name (`Error`, `TypeError`), or the runtime's: `Runtime.HandlerNotFound`,
    /// `Runtime.UserCodeSyntaxError`, `Runtime.ImportModuleError`, `Sandbox.Timedout`, …
    pub error_type: String,
    pub error_message: String,
    pub trace: Vec<String>,
    pub timed_out: bool,
}

impl FunctionFailure {
    /// The response payload Lambda returns for it.
    pub fn payload(&self) -> Value {
        if self.timed_out {
            json!({ "errorType": self.error_type, "errorMessage": self.error_message })
        } else {
            json!({ "errorType": self.error_type, "errorMessage": self.error_message, "trace": self.trace })
        }
    }
}

/// The runtime Lambda would name in `AWS_EXECUTION_ENV`.
pub const RUNTIME: &str = "nodejs22.x";

const FFLATE: &str = include_str!("../../node_modules/fflate/umd/index.js");
const NODE: &str = include_str!("../../static/lambda/node.js");
const WORKER: &str = include_str!("../../static/lambda/worker.js");

/// Idle environments kept per function, and in all.
const IDLE_PER_FUNCTION: usize = 2;
const IDLE_IN_ALL: usize = 8;

thread_local! {
    static SCRIPT_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    static IDLE: RefCell<Vec<Env>> = const { RefCell::new(Vec::new()) };
    /// Each function's current code and settings: an environment of older ones is not kept.
    static CURRENT: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
}

/// Runs one invocation. Never fails itself: every failure is in [`Ran::result`].
pub async fn run(r: Run) -> Ran {
    let key = settings_key(&r);
    CURRENT.with(|c| c.borrow_mut().insert(r.function_name.clone(), key));
    let message = invoke_message(&r).to_string();
    let mut carried_logs = Vec::new();
    for _attempt in 0..2 {
        let env = match take_idle(&r.function_name, key) {
            Some(env) => env,
            None => match Env::start(&r.function_name, key) {
                Ok(env) => env,
                Err(why) => return failed(carried_logs, "Runtime.Unknown", why),
            },
        };
        if let Err(why) = env.worker.post_message(&JsValue::from_str(&message)) {
            env.worker.terminate();
            return failed(carried_logs, "Runtime.Unknown", describe(&why));
        }
        let reply = env.wait(r.timeout_ms).await;
        carried_logs.append(&mut env.inbox.borrow_mut().logs);
        match reply {
            Some(Reply::Stale) => {
                // The environment died after its last invocation: this one gets a new one.
                env.worker.terminate();
                continue;
            }
            None => {
                env.worker.terminate();
                return Ran {
                    result: Err(FunctionFailure {
                        error_type: "Sandbox.Timedout".into(),
                        error_message: format!(
                            "RequestId: {} Error: Task timed out after {:.2} seconds",
                            r.request_id,
                            r.timeout_ms as f64 / 1000.0
                        ),
                        trace: Vec::new(),
                        timed_out: true,
                    }),
                    logs: carried_logs,
                    duration_ms: r.timeout_ms as f64,
                    init_duration_ms: None,
                };
            }
            Some(Reply::WorkerError(why)) => {
                env.worker.terminate();
                return failed(carried_logs, "Runtime.Unknown", why);
            }
            Some(Reply::Result(v)) => {
                let fatal = v["fatal"].as_bool().unwrap_or(false);
                let ran = Ran {
                    result: if v["ok"].as_bool() == Some(true) {
                        Ok(v["result"].as_str().unwrap_or("null").to_string())
                    } else {
                        Err(failure(&v["error"]))
                    },
                    logs: carried_logs,
                    duration_ms: v["durationMs"].as_f64().unwrap_or(0.0),
                    init_duration_ms: v["initDurationMs"].as_f64(),
                };
                if fatal {
                    env.worker.terminate();
                } else {
                    keep_idle(env);
                }
                return ran;
            }
        }
    }
    failed(
        carried_logs,
        "Runtime.Unknown",
        "The execution environment stopped.".into(),
    )
}

/// Ends a function's warm environments (the function was deleted, or its code changed).
pub fn discard(function_name: &str) {
    CURRENT.with(|c| c.borrow_mut().remove(function_name));
    IDLE.with(|idle| {
        idle.borrow_mut().retain(|env| {
            let keep = env.function != function_name;
            if !keep {
                env.worker.terminate();
            }
            keep
        })
    });
}

fn failed(logs: Vec<String>, error_type: &str, message: String) -> Ran {
    Ran {
        result: Err(FunctionFailure {
            error_type: error_type.into(),
            error_message: message,
            trace: Vec::new(),
            timed_out: false,
        }),
        logs,
        duration_ms: 0.0,
        init_duration_ms: None,
    }
}

fn failure(error: &Value) -> FunctionFailure {
    FunctionFailure {
        error_type: error["errorType"].as_str().unwrap_or("Error").to_string(),
        error_message: error["errorMessage"].as_str().unwrap_or("").to_string(),
        trace: error["trace"]
            .as_array()
            .map(|t| {
                t.iter()
                    .map(|l| l.as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default(),
        timed_out: false,
    }
}

/// What makes an environment reusable: the code and the settings it loaded with.
fn settings_key(r: &Run) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (
        &r.file_name,
        &r.code,
        &r.handler,
        r.memory_mb,
        &r.function_version,
        &r.log_group,
        &r.environment,
    )
        .hash(&mut h);
    h.finish()
}

fn invoke_message(r: &Run) -> Value {
    let region = r.invoked_arn.split(':').nth(3).unwrap_or("us-east-1");
    let mut env = serde_json::Map::new();
    for (k, v) in [
        ("AWS_LAMBDA_FUNCTION_NAME", r.function_name.clone()),
        ("AWS_LAMBDA_FUNCTION_VERSION", r.function_version.clone()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", r.memory_mb.to_string()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", r.log_group.clone()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", r.log_stream.clone()),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".into()),
        ("AWS_REGION", region.into()),
        ("AWS_DEFAULT_REGION", region.into()),
        ("AWS_EXECUTION_ENV", format!("AWS_Lambda_{RUNTIME}")),
        ("LAMBDA_TASK_ROOT", "/var/task".into()),
        ("LAMBDA_RUNTIME_DIR", "/var/runtime".into()),
        ("_HANDLER", r.handler.clone()),
        ("TZ", ":UTC".into()),
        ("LANG", "en_US.UTF-8".into()),
        ("NODE_PATH", "/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task".into()),
        ("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin".into()),
    ] {
        env.insert(k.into(), Value::String(v));
    }
    for (k, v) in &r.environment {
        env.insert(k.clone(), Value::String(v.clone()));
    }
    json!({
        "type": "invoke",
        "fileName": r.file_name,
        "code": r.code,
        "handler": r.handler,
        "env": env,
        "requestId": r.request_id,
        "event": r.event_json,
        "timeoutMs": r.timeout_ms,
        "memoryMb": r.memory_mb,
        "functionName": r.function_name,
        "functionVersion": r.function_version,
        "invokedArn": r.invoked_arn,
        "logGroup": r.log_group,
        "logStream": r.log_stream,
    })
}

fn take_idle(function: &str, key: u64) -> Option<Env> {
    IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        idle.retain(|env| {
            let keep = env.function != function || env.key == key;
            if !keep {
                env.worker.terminate();
            }
            keep
        });
        let i = idle.iter().rposition(|env| env.key == key)?;
        Some(idle.remove(i))
    })
}

fn keep_idle(env: Env) {
    let current = CURRENT.with(|c| c.borrow().get(&env.function) == Some(&env.key));
    if !current {
        env.worker.terminate();
        return;
    }
    IDLE.with(|idle| {
        let mut idle = idle.borrow_mut();
        let function = env.function.clone();
        idle.push(env);
        while idle.iter().filter(|e| e.function == function).count() > IDLE_PER_FUNCTION {
            let i = idle
                .iter()
                .position(|e| e.function == function)
                .expect("counted above");
            idle.remove(i).worker.terminate();
        }
        while idle.len() > IDLE_IN_ALL {
            idle.remove(0).worker.terminate();
        }
    });
}

/// The worker's script, as a Blob URL made once.
fn script_url() -> Result<String, String> {
    if let Some(url) = SCRIPT_URL.with(|s| s.borrow().clone()) {
        return Ok(url);
    }
    let parts = js_sys::Array::new();
    for text in [FFLATE, "\n", NODE, "\n", WORKER] {
        parts.push(&JsValue::from_str(text));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| describe(&e))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| describe(&e))?;
    SCRIPT_URL.with(|s| *s.borrow_mut() = Some(url.clone()));
    Ok(url)
}

fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

enum Reply {
    Result(Value),
    Stale,
    WorkerError(String),
}

#[derive(Default)]
struct Inbox {
    logs: Vec<String>,
    reply: Option<Reply>,
    wake: Option<js_sys::Function>,
}

impl Inbox {
    fn deliver(&mut self, reply: Reply) {
        self.reply = Some(reply);
        if let Some(wake) = self.wake.take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }
}

/// One execution environment: a worker and what it has sent.
struct Env {
    worker: web_sys::Worker,
    function: String,
    key: u64,
    inbox: Rc<RefCell<Inbox>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::ErrorEvent)>,
}

impl Env {
    fn start(function: &str, key: u64) -> Result<Env, String> {
        // A classic worker: Chromium refuses a module worker from a Blob URL in a page opened
        // from a file, and a classic one can still import() the function's ES module.
        let options = web_sys::WorkerOptions::new();
        options.set_name(function);
        let worker = web_sys::Worker::new_with_options(&script_url()?, &options)
            .map_err(|e| describe(&e))?;
        let inbox = Rc::new(RefCell::new(Inbox::default()));
        let on_message = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                let Some(text) = e.data().as_string() else {
                    return;
                };
                let Ok(v) = serde_json::from_str::<Value>(&text) else {
                    return;
                };
                let mut inbox = inbox.borrow_mut();
                match v["type"].as_str() {
                    Some("log") => {
                        let line = v["line"].as_str().unwrap_or("").to_string();
                        inbox.logs.push(line);
                    }
                    Some("result") => inbox.deliver(Reply::Result(v)),
                    Some("stale") => inbox.deliver(Reply::Stale),
                    _ => {}
                }
            })
        };
        let on_error = {
            let inbox = inbox.clone();
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                e.prevent_default();
                let message = e.message();
                let why = if message.is_empty() {
                    "The function's execution environment could not start.".to_string()
                } else {
                    message
                };
                inbox.borrow_mut().deliver(Reply::WorkerError(why));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Env {
            worker,
            function: function.to_string(),
            key,
            inbox,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// The worker's reply, or `None` once `timeout_ms` of wall time have passed.
    async fn wait(&self, timeout_ms: u64) -> Option<Reply> {
        if let Some(reply) = self.inbox.borrow_mut().reply.take() {
            return Some(reply);
        }
        let mut timer = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            self.inbox.borrow_mut().wake = Some(resolve.clone());
            timer = set_timeout(&resolve, timeout_ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        if let Some(id) = timer {
            clear_timeout(id);
        }
        let mut inbox = self.inbox.borrow_mut();
        inbox.wake = None;
        inbox.reply.take()
    }
}

impl Drop for Env {
    /// An environment no longer held is ended: its handlers go with it.
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn set_timeout(f: &js_sys::Function, ms: u64) -> Option<i32> {
    let ms = ms.min(i32::MAX as u64) as i32;
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        return w
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, ms)
            .ok();
    }
    let set: js_sys::Function = js_sys::Reflect::get(&global, &"setTimeout".into())
        .ok()?
        .dyn_into()
        .ok()?;
    set.call2(&global, f, &ms.into())
        .ok()?
        .as_f64()
        .map(|n| n as i32)
}

fn clear_timeout(id: i32) {
    let global = js_sys::global();
    if let Some(w) = global.dyn_ref::<web_sys::Window>() {
        w.clear_timeout_with_handle(id);
        return;
    }
    if let Ok(clear) = js_sys::Reflect::get(&global, &"clearTimeout".into()) {
        if let Ok(clear) = clear.dyn_into::<js_sys::Function>() {
            let _ = clear.call1(&global, &id.into());
        }
    }
}
