//! The Lambda operations: request bodies in, AWS's response shapes out.

use super::function::{settles, Function, FunctionState, RUNTIMES};
use super::invoke::{self, Outcome, RunRequest, PAYLOAD_LIMIT};
use super::Lambda;
use crate::engine::body::Body;
use crate::engine::extension;
use crate::engine::{ApiError, Caller, ErrorKind, Sandbox, Validation};
use base64::Engine as _;
use serde_json::{json, Value};
use sha2::Digest as _;
use std::collections::BTreeMap;

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The `FunctionName` pattern as the API model prints it.
const FUNCTION_NAME_PATTERN: &str = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
const ROLE_PATTERN: &str = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
/// The runtimes the API knows (those the sandbox cannot run are refused apart).
const KNOWN_RUNTIMES: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "java8",
    "java8.al2",
    "java11",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet6",
    "dotnet8",
    "nodejs4.3-edge",
    "go1.x",
    "ruby2.5",
    "ruby2.7",
    "provided",
    "provided.al2",
    "nodejs18.x",
    "python3.10",
    "java17",
    "ruby3.2",
    "ruby3.3",
    "ruby3.4",
    "python3.11",
    "nodejs20.x",
    "provided.al2023",
    "python3.12",
    "java21",
    "python3.13",
    "nodejs22.x",
    "nodejs24.x",
    "python3.14",
    "java25",
];

fn name_ok(reference: &str) -> bool {
    let name = Lambda::name_of(reference);
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn role_ok(role: &str) -> bool {
    let Some(rest) = role.strip_prefix("arn:") else {
        return false;
    };
    let mut parts = rest.splitn(5, ':');
    let (Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    partition.starts_with("aws")
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && resource.strip_prefix("role").is_some_and(|r| {
            !r.is_empty()
                && r.trim_start_matches('/')
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+=,.@-_/".contains(c))
        })
}

/// `Role` checked against the model's pattern.
fn role_pattern(v: &mut Validation, role: Option<&str>) {
    if let Some(r) = role.filter(|r| !role_ok(r)) {
        v.fail(
            Some(r),
            "role",
            &format!("Member must satisfy regular expression pattern: {ROLE_PATTERN}"),
        );
    }
}

/// `FunctionName` checked as the model says (length, pattern), at `path`.
fn function_name<'a>(v: &mut Validation, value: Option<&'a str>, max: usize) -> Option<&'a str> {
    let value = v.required(value, "functionName")?;
    let len = value.chars().count();
    if len > max {
        v.fail(
            Some(value),
            "functionName",
            &format!("Member must have length less than or equal to {max}"),
        );
    }
    if !name_ok(value) {
        v.fail(
            Some(value),
            "functionName",
            &format!("Member must satisfy regular expression pattern: {FUNCTION_NAME_PATTERN}"),
        );
    }
    if len < 1 {
        v.fail(
            Some(value),
            "functionName",
            "Member must have length greater than or equal to 1",
        );
    }
    Some(value)
}

fn not_found(sb: &Sandbox, name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("Function not found: {}", function_arn(sb, name)),
    )
}

fn function_arn(sb: &Sandbox, name: &str) -> String {
    sb.arn("lambda", &format!("function:{name}"))
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidParameterValueException, message)
}

/// The function a request names (by name or ARN), or Lambda's not-found error.
fn named<'a>(sb: &'a Sandbox, body: &Body, max: usize) -> Result<&'a Function, ApiError> {
    let mut v = Validation::new();
    let reference = function_name(&mut v, body.string("FunctionName")?, max);
    v.finish()?;
    let name = Lambda::name_of(reference.unwrap_or_default());
    sb.lambda.function(name).ok_or_else(|| not_found(sb, name))
}

/// A deployment package: its files (as text) and the ZIP's size and SHA-256.
struct Package {
    files: BTreeMap<String, String>,
    size: u64,
    sha256: String,
}

fn package(zip_b64: &str) -> Result<Package, ApiError> {
    let bytes = B64.decode(zip_b64).map_err(|_| {
        invalid("Could not unzip uploaded file. Please check your file, then try to upload again.")
    })?;
    let codecs = extension::codecs().ok_or_else(|| {
        ApiError::new(
            ErrorKind::ServiceException,
            "The ZIP reader is still loading; try again in a moment.",
        )
    })?;
    let entries = (codecs.unzip_all)(&bytes).map_err(|_| {
        invalid("Could not unzip uploaded file. Please check your file, then try to upload again.")
    })?;
    let mut files = BTreeMap::new();
    for (name, data) in entries {
        let text = String::from_utf8(data).map_err(|_| {
            invalid(format!(
                "{name} is not text: the sandbox runs JavaScript source files only."
            ))
        })?;
        files.insert(name, text);
    }
    if bytes.len() > 50 * 1024 * 1024 {
        return Err(ApiError::new(
            ErrorKind::RequestTooLargeException,
            "Request must be smaller than 69905067 bytes for the CreateFunction operation",
        ));
    }
    Ok(Package {
        files,
        size: bytes.len() as u64,
        sha256: B64.encode(sha2::Sha256::digest(&bytes)),
    })
}

fn revision_id(sb: &mut Sandbox) -> String {
    let hex = |sb: &mut Sandbox, n: usize| sb.rng.string_from(b"0123456789abcdef", n);
    format!(
        "{}-{}-{}-{}-{}",
        hex(sb, 8),
        hex(sb, 4),
        hex(sb, 4),
        hex(sb, 4),
        hex(sb, 12)
    )
}

/// The runtime, if the sandbox runs it; the API's enum error, or the sandbox's own refusal for
/// a runtime it does not run.
fn runtime(v: &mut Validation, value: Option<&str>) -> Result<Option<String>, ApiError> {
    let Some(r) = value else {
        return Ok(None);
    };
    if !KNOWN_RUNTIMES.contains(&r) {
        v.fail(
            Some(r),
            "runtime",
            &format!(
                "Member must satisfy enum value set: [{}]",
                KNOWN_RUNTIMES.join(", ")
            ),
        );
        return Ok(None);
    }
    if !RUNTIMES.contains(&r) {
        return Err(invalid(format!(
            "The runtime parameter of {r} is not one the sandbox runs: it runs JavaScript on {}.",
            RUNTIMES.join(", ")
        )));
    }
    Ok(Some(r.to_string()))
}

fn numbers(v: &mut Validation, body: &Body) -> Result<(Option<u32>, Option<u32>), ApiError> {
    let timeout = body.integer("Timeout")?;
    if let Some(t) = timeout {
        v.range(t, "timeout", 1, 900);
    }
    let memory = body.integer("MemorySize")?;
    if let Some(m) = memory {
        v.range(m, "memorySize", 128, 10_240);
    }
    Ok((
        timeout.map(|t| t.clamp(1, 900) as u32),
        memory.map(|m| m.clamp(128, 10_240) as u32),
    ))
}

fn handler(v: &mut Validation, value: Option<&str>) -> Option<String> {
    let h = value?;
    if h.chars().count() > 128 {
        v.fail(
            Some(h),
            "handler",
            "Member must have length less than or equal to 128",
        );
    }
    if h.is_empty() || h.chars().any(char::is_whitespace) {
        v.fail(
            Some(h),
            "handler",
            "Member must satisfy regular expression pattern: ^[^\\s]+$",
        );
    }
    Some(h.to_string())
}

fn environment(body: &Body) -> Result<Option<BTreeMap<String, String>>, ApiError> {
    let Some(env) = body.object("Environment")? else {
        return Ok(None);
    };
    let mut vars = BTreeMap::new();
    if let Some(map) = env.object("Variables")? {
        for (k, v) in map.0.iter() {
            let value = crate::engine::body::string_item(v)?.unwrap_or_default();
            vars.insert(k.clone(), value.to_string());
        }
    }
    Ok(Some(vars))
}

/// Lambda must be able to assume the execution role.
fn check_role(sb: &Sandbox, role: &str) -> Result<(), ApiError> {
    sb.iam
        .assumable(role, "lambda.amazonaws.com", &sb.config.account_id)
        .map(|_| ())
        .map_err(|_| invalid("The role defined for the function cannot be assumed by Lambda."))
}

pub(crate) fn create_function(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = function_name(&mut v, body.string("FunctionName")?, 140);
    let role = v.required(body.string("Role")?, "role");
    role_pattern(&mut v, role);
    let runtime = runtime(&mut v, body.string("Runtime")?)?;
    let handler = handler(&mut v, body.string("Handler")?);
    let (timeout, memory) = numbers(&mut v, &body)?;
    let description = body.string("Description")?.unwrap_or_default().to_string();
    if description.chars().count() > 256 {
        v.fail(
            Some(&description),
            "description",
            "Member must have length less than or equal to 256",
        );
    }
    let code = v.required(body.object("Code")?, "code");
    v.finish()?;
    let (Some(name), Some(role), Some(code)) = (name, role, code) else {
        unreachable!("validated");
    };
    let name = Lambda::name_of(name).to_string();
    let Some(runtime) = runtime else {
        return Err(invalid(
            "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
        ));
    };
    let Some(handler) = handler else {
        return Err(invalid(
            "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
        ));
    };
    if sb.lambda.function(&name).is_some() {
        return Err(ApiError::new(
            ErrorKind::ResourceConflictException,
            format!("Function already exist: {name}"),
        ));
    }
    let Some(zip) = code.string("ZipFile")? else {
        return Err(invalid(
            "Please provide a source for function code: a ZIP file (Code.ZipFile).",
        ));
    };
    let package = package(zip)?;
    check_role(sb, role)?;
    let environment = environment(&body)?.unwrap_or_default();
    let mut tags = BTreeMap::new();
    if let Some(t) = body.object("Tags")? {
        for (k, v) in t.0.iter() {
            tags.insert(
                k.clone(),
                crate::engine::body::string_item(v)?
                    .unwrap_or_default()
                    .to_string(),
            );
        }
    }
    let now = sb.now;
    let revision_id = revision_id(sb);
    let blueprint = package
        .files
        .values()
        .find_map(|text| super::blueprints::by_source(text))
        .map(|b| b.id.to_string());
    let f = Function {
        arn: function_arn(sb, &name),
        name,
        runtime,
        role: role.to_string(),
        handler,
        description,
        timeout_s: timeout.unwrap_or(3),
        memory_mb: memory.unwrap_or(128),
        environment,
        files: package.files,
        code_size: package.size,
        code_sha256: package.sha256,
        last_modified: now,
        state: FunctionState::Pending,
        settles_at: settles(now),
        revision_id,
        tags,
        blueprint,
        log_stream: None,
    };
    let answer = f.configuration(now);
    sb.lambda.insert(f);
    Ok(answer)
}

pub(crate) fn get_function_configuration(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let f = named(sb, &body, 170)?;
    Ok(f.configuration(sb.now))
}

pub(crate) fn get_function(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let f = named(sb, &body, 170)?;
    let region = &sb.config.region;
    let mut answer = json!({
        "Configuration": f.configuration(sb.now),
        "Code": {
            "RepositoryType": "S3",
            "Location": format!("https://awslambda-{region}-tasks.s3.{region}.amazonaws.com/snapshots/{}/{}-{}", sb.config.account_id, f.name, f.revision_id),
        },
    });
    if !f.tags.is_empty() {
        answer["Tags"] = json!(f.tags);
    }
    Ok(answer)
}

pub(crate) fn list_functions(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let max = body.integer("MaxItems")?;
    if let Some(m) = max {
        v.range(m, "maxItems", 1, 10_000);
    }
    v.finish()?;
    let max = max.unwrap_or(50) as usize;
    let marker = body.string("Marker")?;
    let now = sb.now;
    let mut names = sb
        .lambda
        .functions()
        .map(|f| f.name.as_str())
        .skip_while(|n| marker.is_some_and(|m| *n <= m))
        .peekable();
    let mut functions = Vec::new();
    let mut last = None;
    while functions.len() < max {
        let Some(n) = names.next() else { break };
        functions.push(sb.lambda.function(n).expect("listed").configuration(now));
        last = Some(n.to_string());
    }
    let mut answer = json!({ "Functions": functions });
    if names.peek().is_some() {
        answer["NextMarker"] = json!(last);
    }
    Ok(answer)
}

pub(crate) fn update_function_code(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = named(sb, &body, 140)?.name.clone();
    let Some(zip) = body.string("ZipFile")? else {
        return Err(invalid(
            "Please provide a source for function code: a ZIP file (ZipFile).",
        ));
    };
    check_revision(sb, &name, &body)?;
    let package = package(zip)?;
    if body.boolean("DryRun")? == Some(true) {
        return Ok(sb
            .lambda
            .function(&name)
            .expect("found")
            .configuration(sb.now));
    }
    let now = sb.now;
    let revision = revision_id(sb);
    let f = sb.lambda.function_mut(&name).expect("found");
    f.blueprint = package
        .files
        .values()
        .find_map(|text| super::blueprints::by_source(text))
        .map(|b| b.id.to_string());
    f.files = package.files;
    f.code_size = package.size;
    f.code_sha256 = package.sha256;
    changed(f, now, revision);
    Ok(f.configuration(now))
}

/// A change: a new revision, a short `InProgress`, and a fresh execution environment.
fn changed(f: &mut Function, now: crate::engine::SimTime, revision: String) {
    f.last_modified = now;
    f.settles_at = settles(now);
    f.revision_id = revision;
    f.log_stream = None;
}

fn check_revision(sb: &Sandbox, name: &str, body: &Body) -> Result<(), ApiError> {
    match body.string("RevisionId")? {
        Some(r) if sb.lambda.function(name).is_some_and(|f| f.revision_id != r) => {
            Err(ApiError::new(
                ErrorKind::PreconditionFailedException,
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
            ))
        }
        _ => Ok(()),
    }
}

pub(crate) fn update_function_configuration(
    sb: &mut Sandbox,
    body: Body,
) -> Result<Value, ApiError> {
    let name = named(sb, &body, 140)?.name.clone();
    let mut v = Validation::new();
    let role = body.string("Role")?;
    role_pattern(&mut v, role);
    let runtime = runtime(&mut v, body.string("Runtime")?)?;
    let handler = handler(&mut v, body.string("Handler")?);
    let (timeout, memory) = numbers(&mut v, &body)?;
    let description = body.string("Description")?;
    v.finish()?;
    check_revision(sb, &name, &body)?;
    if let Some(r) = role {
        check_role(sb, r)?;
    }
    let environment = environment(&body)?;
    let now = sb.now;
    let revision = revision_id(sb);
    let f = sb.lambda.function_mut(&name).expect("found");
    if let Some(r) = role {
        f.role = r.to_string();
    }
    if let Some(r) = runtime {
        f.runtime = r;
    }
    if let Some(h) = handler {
        f.handler = h;
    }
    if let Some(t) = timeout {
        f.timeout_s = t;
    }
    if let Some(m) = memory {
        f.memory_mb = m;
    }
    if let Some(d) = description {
        f.description = d.to_string();
    }
    if let Some(e) = environment {
        f.environment = e;
    }
    changed(f, now, revision);
    Ok(f.configuration(now))
}

pub(crate) fn delete_function(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = named(sb, &body, 140)?.name.clone();
    sb.lambda.remove(&name);
    Ok(json!({}))
}

/// What `Invoke` was asked besides the function and its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvokeOptions {
    /// `LogType: Tail`: the last 4 KB of the log, base64, in `LogResult`.
    pub tail: bool,
}

/// Checks an `Invoke` request and makes its run (`InvocationType` `RequestResponse`), or
/// answers it at once (`DryRun`, or an error).
pub(crate) fn prepare_invoke(
    sb: &mut Sandbox,
    body: &Body,
) -> Result<Result<(RunRequest, InvokeOptions), Value>, ApiError> {
    let name = named(sb, body, 170)?.name.clone();
    let mut v = Validation::new();
    let kind = body.string("InvocationType")?.unwrap_or("RequestResponse");
    if !["Event", "RequestResponse", "DryRun"].contains(&kind) {
        v.fail(
            Some(kind),
            "invocationType",
            "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
        );
    }
    let log_type = body.string("LogType")?.unwrap_or("None");
    if !["None", "Tail"].contains(&log_type) {
        v.fail(
            Some(log_type),
            "logType",
            "Member must satisfy enum value set: [None, Tail]",
        );
    }
    v.finish()?;
    if let Some(q) = body.string("Qualifier")? {
        if q != "$LATEST" {
            return Err(not_found(sb, &format!("{name}:{q}")));
        }
    }
    let payload = body.string("Payload")?.unwrap_or("{}");
    if payload.len() > PAYLOAD_LIMIT {
        return Err(ApiError::new(
            ErrorKind::RequestTooLargeException,
            format!(
                "{} byte payload is too large for the RequestResponse invocation type (limit {PAYLOAD_LIMIT} bytes)",
                payload.len()
            ),
        ));
    }
    if let Err(e) = serde_json::from_str::<Value>(payload) {
        return Err(ApiError::new(
            ErrorKind::InvalidRequestContentException,
            format!(
                "Could not parse request body into json: Could not parse payload into json: {e}"
            ),
        ));
    }
    if kind == "DryRun" {
        return Ok(Err(json!({"StatusCode": 204})));
    }
    let run = invoke::request(sb, &name, payload.to_string()).expect("found");
    Ok(Ok((
        run,
        InvokeOptions {
            tail: log_type == "Tail",
        },
    )))
}

/// The `Invoke` answer for a finished run, its log written.
pub(crate) fn finish_invoke(
    sb: &mut Sandbox,
    run: &RunRequest,
    options: InvokeOptions,
    outcome: &Outcome,
) -> Value {
    invoke::finish(sb, run, outcome);
    let mut answer = json!({
        "StatusCode": 200,
        "ExecutedVersion": "$LATEST",
        "Payload": outcome.payload(),
    });
    if outcome.result.is_err() {
        answer["FunctionError"] = json!("Unhandled");
    }
    if options.tail {
        answer["LogResult"] = json!(B64.encode(log_tail(sb, run)));
    }
    answer
}

/// The last 4 KB of this run's log.
fn log_tail(sb: &Sandbox, run: &RunRequest) -> String {
    let text: String = sb
        .cloudwatch
        .log_group(&run.log_group)
        .and_then(|g| g.streams.get(&run.log_stream))
        .into_iter()
        .flat_map(|s| s.events.iter())
        .filter(|e| e.message.contains(&run.request_id))
        .map(|e| format!("{}\n", e.message))
        .collect();
    let start = text.len().saturating_sub(4096);
    let start = (start..text.len())
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(text.len());
    text[start..].to_string()
}

/// `Invoke` through the API: an unedited blueprint runs here; other code runs in the browser,
/// through [`Sandbox::lambda_prepare_invoke`] and [`Sandbox::lambda_finish_invoke`].
pub(crate) fn invoke(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let (run, options) = match prepare_invoke(sb, &body)? {
        Ok(prepared) => prepared,
        Err(answer) => return Ok(answer),
    };
    if body.string("InvocationType")? == Some("Event") {
        invoke::start(sb, run, super::Purpose::Event);
        return Ok(json!({"StatusCode": 202}));
    }
    match super::native::run(&run, sb.now) {
        Some(outcome) => Ok(finish_invoke(sb, &run, options, &outcome)),
        None => Err(ApiError::new(
            ErrorKind::ServiceException,
            "This function's code runs in the browser: invoke it from its Test tab or the terminal.",
        )),
    }
}

impl Sandbox {
    /// The first half of a learner's `Invoke`: the request checked (an error is logged as the
    /// call's answer) and the run to hand to the host, or the answer when there is nothing to
    /// run (`DryRun`).
    pub fn lambda_prepare_invoke(
        &mut self,
        body: Value,
    ) -> Result<Result<(RunRequest, InvokeOptions), Value>, ApiError> {
        let target = super::INVOKE;
        let name = body
            .get("FunctionName")
            .and_then(Value::as_str)
            .map(str::to_string);
        let map = match &body {
            Value::Object(m) => m.clone(),
            _ => return Err(ApiError::serialization(None)),
        };
        let prepared = prepare_invoke(self, &Body(&map));
        if let Err(e) = &prepared {
            let e = e.clone();
            let _ = self.call_typed::<()>(Caller::User, target, name.as_deref(), |_| Err(e));
        }
        prepared
    }

    /// The second half: the run's answer logged and made the `Invoke` answer.
    pub fn lambda_finish_invoke(
        &mut self,
        run: &RunRequest,
        options: InvokeOptions,
        outcome: &Outcome,
    ) -> Value {
        let name = run.function_name.clone();
        let answer = finish_invoke(self, run, options, outcome);
        let _ = self.call_typed(Caller::User, super::INVOKE, Some(&name), |_| Ok(()));
        answer
    }
}
