//! The AWS Lambda console's forms: Create function (from scratch or from a blueprint, with the
//! basic execution role it can create), the function's code and general configuration, and the
//! Test tab's event templates and the Invoke answer read for the learner.

use super::{integer_or_text, Form, Request};
use crate::engine::extension;
use crate::engine::lambda::blueprints::{self, Blueprint};
use crate::engine::ApiError;
use crate::labs::observe::{Observation, LAMBDA_TESTED};
use base64::Engine as _;
use serde_json::{json, Value};

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::STANDARD;

/// The runtime Create function starts with.
pub const DEFAULT_RUNTIME: &str = "nodejs22.x";
/// The file and handler of a function authored from scratch.
pub const DEFAULT_FILE: &str = "index.mjs";
pub const DEFAULT_HANDLER: &str = "index.handler";
/// The code the console gives a new Node.js function.
pub const DEFAULT_CODE: &str = "export const handler = async (event) => {\n  // TODO implement\n  const response = {\n    statusCode: 200,\n    body: JSON.stringify('Hello from Lambda!'),\n  };\n  return response;\n};\n";
/// Where the console puts the roles it creates.
pub const ROLE_PATH: &str = "/service-role/";

/// `nodejs22.x` as the console names it: `Node.js 22.x`.
pub fn runtime_label(runtime: &str) -> String {
    match runtime.strip_prefix("nodejs") {
        Some(version) => format!("Node.js {version}"),
        None => runtime.to_string(),
    }
}

/// Whether `name` is a function name Lambda takes: 1 to 64 letters, digits, hyphens and
/// underscores.
pub fn valid_name(name: &str) -> bool {
    let n = name.chars().count();
    (1..=64).contains(&n)
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// 64 pseudo-random bits from `seed` (a SplitMix64 step): the console's random suffixes, made
/// from the function's name and the moment the form opened, so the page and its tests agree.
fn mix(seed: u64) -> u64 {
    let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn seed_of(name: &str, opened_at_ms: i64) -> u64 {
    name.bytes()
        .fold(0xcbf2_9ce4_8422_2325u64 ^ opened_at_ms as u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn chars_from(mut bits: u64, alphabet: &[u8], n: usize) -> String {
    let mut out = String::with_capacity(n);
    for i in 0..n {
        if i % 8 == 0 && i > 0 {
            bits = mix(bits);
        }
        out.push(alphabet[(bits % alphabet.len() as u64) as usize] as char);
        bits /= alphabet.len() as u64;
    }
    out
}

/// The role "Create a new role with basic Lambda permissions" makes for `function`:
/// `<function>-role-<8 random characters>`, at most 64 characters.
pub fn basic_role_name(function: &str, opened_at_ms: i64) -> String {
    let suffix = chars_from(
        mix(seed_of(function, opened_at_ms)),
        b"abcdefghijklmnopqrstuvwxyz0123456789",
        8,
    );
    let head: String = function.chars().take(64 - 14).collect();
    format!("{head}-role-{suffix}")
}

/// The name of the role's permissions policy: `AWSLambdaBasicExecutionRole-<uuid>`.
pub fn basic_policy_name(function: &str, opened_at_ms: i64) -> String {
    let bits = mix(mix(seed_of(function, opened_at_ms)));
    let hex = chars_from(bits, b"0123456789abcdef", 32);
    format!(
        "AWSLambdaBasicExecutionRole-{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The trust policy that lets Lambda assume the role.
pub fn trust_policy() -> String {
    "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": {\n                \"Service\": \"lambda.amazonaws.com\"\n            },\n            \"Action\": \"sts:AssumeRole\"\n        }\n    ]\n}".to_string()
}

/// The basic execution permissions: create the log group, and write to the function's own.
pub fn basic_execution_policy(region: &str, account: &str, function: &str) -> String {
    format!(
        "{{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {{\n            \"Effect\": \"Allow\",\n            \"Action\": \"logs:CreateLogGroup\",\n            \"Resource\": \"arn:aws:logs:{region}:{account}:*\"\n        }},\n        {{\n            \"Effect\": \"Allow\",\n            \"Action\": [\n                \"logs:CreateLogStream\",\n                \"logs:PutLogEvents\"\n            ],\n            \"Resource\": [\n                \"arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{function}:*\"\n            ]\n        }}\n    ]\n}}"
    )
}

/// A deployment package of one file, as `Code.ZipFile` wants it (base64 of the ZIP); `None`
/// while the ZIP writer (an engine extension) is not there.
pub fn zip_file(file_name: &str, source: &str) -> Option<String> {
    let codecs = extension::codecs()?;
    Some(B64.encode((codecs.zip)(source.as_bytes(), file_name)))
}

/// The account and region the new role's ARN and policy name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub region: String,
    pub account_id: String,
}

/// Create function.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateForm {
    /// "Use a blueprint" rather than "Author from scratch".
    pub from_blueprint: bool,
    /// The chosen blueprint's id.
    pub blueprint: Option<String>,
    /// What the blueprint list is filtered by.
    pub search: String,
    pub name: String,
    pub runtime: String,
    /// "Create a new role with basic Lambda permissions" rather than "Use an existing role".
    pub new_role: bool,
    /// The existing role's name.
    pub role: String,
    /// Why Create function can't go yet (the page's own check).
    pub problem: Option<String>,
    /// AWS's answer to the last call that failed.
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateAction {
    FromBlueprint(bool),
    Blueprint(String),
    Search(String),
    Name(String),
    Runtime(String),
    NewRole(bool),
    Role(String),
    Problem(Option<String>),
    Answered(Option<ApiError>),
}

impl Form for CreateForm {
    type Action = CreateAction;

    fn apply(&mut self, action: CreateAction) {
        use CreateAction as A;
        match action {
            A::FromBlueprint(on) => self.from_blueprint = on,
            A::Blueprint(id) => {
                self.from_blueprint = true;
                self.blueprint = Some(id);
            }
            A::Search(s) => self.search = s,
            A::Name(n) => self.name = n,
            A::Runtime(r) => self.runtime = r,
            A::NewRole(on) => self.new_role = on,
            A::Role(r) => self.role = r,
            A::Problem(p) => {
                self.problem = p;
                self.error = None;
            }
            A::Answered(e) => {
                self.problem = None;
                self.error = e;
            }
        }
        if self.problem.is_some() && self.check().is_ok() {
            self.problem = None;
        }
    }
}

impl CreateForm {
    /// A new form; `blueprint` (a link's `?blueprint=<id>`) chooses "Use a blueprint" with it.
    pub fn new(blueprint: Option<&str>) -> Self {
        let chosen = blueprint
            .and_then(blueprints::by_id)
            .map(|b| b.id.to_string());
        CreateForm {
            from_blueprint: chosen.is_some(),
            blueprint: chosen,
            search: String::new(),
            name: String::new(),
            runtime: DEFAULT_RUNTIME.to_string(),
            new_role: true,
            role: String::new(),
            problem: None,
            error: None,
        }
    }

    /// The blueprints whose id, title or description holds the search words.
    pub fn blueprints(&self) -> Vec<&'static Blueprint> {
        let words: Vec<String> = self
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        blueprints::BLUEPRINTS
            .iter()
            .filter(|b| {
                let text = format!("{} {} {}", b.id, b.title, b.description).to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect()
    }

    pub fn chosen_blueprint(&self) -> Option<&'static Blueprint> {
        if !self.from_blueprint {
            return None;
        }
        self.blueprint.as_deref().and_then(blueprints::by_id)
    }

    /// The package's one file, its handler and its text: the blueprint's or the console's
    /// default code.
    pub fn code(&self) -> (&'static str, &'static str, &'static str) {
        match self.chosen_blueprint() {
            Some(b) => (b.file_name, b.handler, b.source),
            None => (DEFAULT_FILE, DEFAULT_HANDLER, DEFAULT_CODE),
        }
    }

    /// What must be chosen before Create function.
    pub fn check(&self) -> Result<(), String> {
        if self.from_blueprint && self.chosen_blueprint().is_none() {
            return Err("Choose a blueprint.".into());
        }
        if !self.new_role && self.role.is_empty() {
            return Err("Choose an existing role.".into());
        }
        Ok(())
    }

    pub fn trimmed_name(&self) -> &str {
        self.name.trim()
    }

    /// The new role's name (when "Create a new role" is chosen).
    pub fn role_name(&self, opened_at_ms: i64) -> String {
        basic_role_name(self.trimmed_name(), opened_at_ms)
    }

    /// The calls Create function makes, in order: the new role and its permissions (unless
    /// the name is one Lambda refuses anyway: then Lambda says why first), then
    /// `CreateFunction`. `existing_arn` is the chosen existing role's ARN; `zip` the package.
    pub fn requests(
        &self,
        account: &Account,
        opened_at_ms: i64,
        existing_arn: Option<&str>,
        zip: &str,
    ) -> Vec<Request> {
        let name = self.trimmed_name();
        let mut out = Vec::new();
        let role_arn = if self.new_role {
            let role = self.role_name(opened_at_ms);
            if valid_name(name) {
                out.push(Request::new(
                    "IAM.CreateRole",
                    json!({
                        "RoleName": role,
                        "Path": ROLE_PATH,
                        "AssumeRolePolicyDocument": trust_policy(),
                    }),
                ));
                out.push(Request::new(
                    "IAM.PutRolePolicy",
                    json!({
                        "RoleName": role,
                        "PolicyName": basic_policy_name(name, opened_at_ms),
                        "PolicyDocument": basic_execution_policy(&account.region, &account.account_id, name),
                    }),
                ));
            }
            format!("arn:aws:iam::{}:role{ROLE_PATH}{role}", account.account_id)
        } else {
            existing_arn.unwrap_or_default().to_string()
        };
        let (_, handler, _) = self.code();
        out.push(Request::new(
            "Lambda.CreateFunction",
            json!({
                "FunctionName": name,
                "Runtime": self.runtime,
                "Role": role_arn,
                "Handler": handler,
                "Code": { "ZipFile": zip },
                "Architectures": ["x86_64"],
            }),
        ));
        out
    }
}

/// Deploy: the edited file as the function's new package.
pub fn update_code_request(function: &str, zip: &str) -> Request {
    Request::new(
        "Lambda.UpdateFunctionCode",
        json!({ "FunctionName": function, "ZipFile": zip }),
    )
}

pub fn delete_request(function: &str) -> Request {
    Request::new("Lambda.DeleteFunction", json!({ "FunctionName": function }))
}

/// General configuration's Edit: the timeout, the memory and the description, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigForm {
    pub editing: bool,
    pub timeout: String,
    pub memory: String,
    pub description: String,
    /// Saved, and not edited since.
    pub saved: bool,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConfigAction {
    /// Edit, from the function's current values (timeout s, memory MB, description).
    Edit(u32, u32, String),
    Cancel,
    Timeout(String),
    Memory(String),
    Description(String),
    /// The answer to UpdateFunctionConfiguration.
    Answered(Option<ApiError>),
}

impl Form for ConfigForm {
    type Action = ConfigAction;

    fn apply(&mut self, action: ConfigAction) {
        use ConfigAction as A;
        match action {
            A::Edit(t, m, d) => {
                *self = ConfigForm {
                    editing: true,
                    timeout: t.to_string(),
                    memory: m.to_string(),
                    description: d,
                    saved: false,
                    error: None,
                }
            }
            A::Cancel => *self = ConfigForm::default(),
            A::Timeout(t) => self.timeout = t,
            A::Memory(m) => self.memory = m,
            A::Description(d) => self.description = d,
            A::Answered(None) => {
                *self = ConfigForm {
                    saved: true,
                    ..ConfigForm::default()
                }
            }
            A::Answered(Some(e)) => self.error = Some(e),
        }
    }
}

/// Why a number typed is out of its range, in the console's words.
fn range_problem(text: &str, lo: i64, hi: i64, what: &str) -> Option<String> {
    match text.trim().parse::<i64>() {
        Ok(n) if (lo..=hi).contains(&n) => None,
        _ => Some(format!("{what} must be between {lo} and {hi}.")),
    }
}

impl ConfigForm {
    pub fn timeout_problem(&self) -> Option<String> {
        range_problem(&self.timeout, 1, 900, "Timeout (seconds)")
    }

    pub fn memory_problem(&self) -> Option<String> {
        range_problem(&self.memory, 128, 10_240, "Memory (MB)")
    }

    pub fn request(&self, function: &str) -> Request {
        Request::new(
            "Lambda.UpdateFunctionConfiguration",
            json!({
                "FunctionName": function,
                "Timeout": integer_or_text(&self.timeout),
                "MemorySize": integer_or_text(&self.memory),
                "Description": self.description,
            }),
        )
    }
}

/// The Test tab's event templates: (name, what it is, event JSON).
pub const EVENT_TEMPLATES: &[(&str, &str, &str)] = &[
    ("hello-world", "A simple event with three keys.", HELLO_WORLD),
    (
        "Amazon Data Firehose",
        "The event a Direct PUT delivery stream sends its transformation: two records, their data base64-encoded.",
        FIREHOSE,
    ),
    (
        "Amazon Data Firehose (stream as source)",
        "The event when the delivery stream reads a Kinesis data stream: with sourceKinesisStreamArn, and each record's kinesisRecordMetadata.",
        FIREHOSE_FROM_STREAM,
    ),
];

const HELLO_WORLD: &str = r#"{
  "key1": "value1",
  "key2": "value2",
  "key3": "value3"
}"#;

const FIREHOSE: &str = r#"{
  "invocationId": "invocationIdExample",
  "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream",
  "region": "us-east-1",
  "records": [
    {
      "recordId": "49546986683135544286507457936321625675700192471156785154",
      "approximateArrivalTimestamp": 1495072949453,
      "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4="
    },
    {
      "recordId": "49546986683135544286507457936321625675700192471156785155",
      "approximateArrivalTimestamp": 1495072949455,
      "data": "eyJzZW5zb3JJZCI6IDcsICJjdXJyZW50VGVtcGVyYXR1cmUiOiA3MiwgInN0YXR1cyI6ICJPSyJ9Cg=="
    }
  ]
}"#;

const FIREHOSE_FROM_STREAM: &str = r#"{
  "invocationId": "invocationIdExample",
  "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream",
  "sourceKinesisStreamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/src",
  "region": "us-east-1",
  "records": [
    {
      "recordId": "49546986683135544286507457936321625675700192471156785154",
      "approximateArrivalTimestamp": 1495072949453,
      "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4=",
      "kinesisRecordMetadata": {
        "sequenceNumber": "49545115243490985018280067714973144582180062593244200961",
        "subsequenceNumber": "123456",
        "partitionKey": "partitionKey-03",
        "shardId": "shardId-000000000000",
        "approximateArrivalTimestamp": 1495072949453
      }
    },
    {
      "recordId": "49546986683135544286507457936321625675700192471156785155",
      "approximateArrivalTimestamp": 1495072949455,
      "data": "eyJzZW5zb3JJZCI6IDcsICJjdXJyZW50VGVtcGVyYXR1cmUiOiA3MiwgInN0YXR1cyI6ICJPSyJ9Cg==",
      "kinesisRecordMetadata": {
        "sequenceNumber": "49545115243490985018280067714973144582180062593244200962",
        "subsequenceNumber": "123457",
        "partitionKey": "partitionKey-07",
        "shardId": "shardId-000000000000",
        "approximateArrivalTimestamp": 1495072949455
      }
    }
  ]
}"#;

/// The template named `name`.
pub fn event_template(name: &str) -> Option<&'static str> {
    EVENT_TEMPLATES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, e)| *e)
}

/// What the template named `name` is.
pub fn template_description(name: &str) -> Option<&'static str> {
    EVENT_TEMPLATES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, d, _)| *d)
}

/// Why the event is not JSON, with its line and column; the line alone for the gutter.
pub fn event_problem(text: &str) -> Option<(String, usize)> {
    serde_json::from_str::<Value>(text).err().map(|e| {
        (
            format!(
                "The event is not valid JSON: {} at line {}, column {}.",
                short_reason(&e),
                e.line(),
                e.column()
            ),
            e.line(),
        )
    })
}

/// serde_json's reason without its own " at line …" tail.
fn short_reason(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

/// `Invoke` with the log tail, as the Test button sends it.
pub fn invoke_body(function: &str, event: &str) -> Value {
    json!({
        "FunctionName": function,
        "InvocationType": "RequestResponse",
        "LogType": "Tail",
        "Payload": event,
    })
}

/// One record of a Firehose transformation's answer, read for the learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// The record id, shortened to its start and end.
    pub record_id: String,
    pub result: String,
    /// Its data decoded from base64 (as text), or why it could not be.
    pub data: String,
}

/// A long id as `4954698668…785154`.
pub fn short_id(id: &str) -> String {
    let n = id.chars().count();
    if n <= 20 {
        return id.to_string();
    }
    let head: String = id.chars().take(10).collect();
    let tail: String = id.chars().skip(n - 6).collect();
    format!("{head}…{tail}")
}

/// The Test tab's reading of an `Invoke` answer.
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeView {
    pub succeeded: bool,
    /// The response, pretty-printed when it is JSON.
    pub response: String,
    /// The function's log (`LogResult` decoded).
    pub logs: String,
    pub request_id: Option<String>,
    /// The REPORT line's `Duration`, e.g. `1.54 ms`.
    pub duration: Option<String>,
    /// The records of a Firehose transformation's answer.
    pub records: Option<Vec<RecordRow>>,
}

impl InvokeView {
    pub fn from_answer(answer: &Value) -> Self {
        let payload = answer["Payload"].as_str().unwrap_or_default();
        let parsed = serde_json::from_str::<Value>(payload).ok();
        let response = parsed
            .as_ref()
            .and_then(|v| serde_json::to_string_pretty(v).ok())
            .unwrap_or_else(|| payload.to_string());
        let logs = answer["LogResult"]
            .as_str()
            .and_then(|b| B64.decode(b).ok())
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default();
        let request_id = logs.lines().find_map(|l| {
            l.strip_prefix("START RequestId: ")
                .map(|rest| rest.split_whitespace().next().unwrap_or(rest).to_string())
        });
        let duration = logs
            .lines()
            .find(|l| l.starts_with("REPORT"))
            .and_then(|l| {
                l.split('\t')
                    .find_map(|part| part.trim().strip_prefix("Duration: "))
                    .map(str::to_string)
            });
        let records = parsed
            .as_ref()
            .and_then(|v| v.get("records"))
            .and_then(Value::as_array)
            .map(|rs| {
                rs.iter()
                    .map(|r| RecordRow {
                        record_id: short_id(r["recordId"].as_str().unwrap_or_default()),
                        result: r["result"].as_str().unwrap_or_default().to_string(),
                        data: decoded(&r["data"]),
                    })
                    .collect()
            });
        InvokeView {
            succeeded: answer.get("FunctionError").is_none(),
            response,
            logs,
            request_id,
            duration,
            records,
        }
    }
}

/// What a lab sees when the Test tab shows a result: `lambda.tested` with the function and
/// `succeeded` or `failed`.
pub fn tested(function: &str, view: &InvokeView) -> Observation {
    Observation::new(LAMBDA_TESTED)
        .with("function", function)
        .with(
            "result",
            if view.succeeded {
                "succeeded"
            } else {
                "failed"
            },
        )
}

fn decoded(data: &Value) -> String {
    match data.as_str() {
        None => "(no data)".to_string(),
        Some(text) => match B64.decode(text) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => format!("(not base64: {text})"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Sandbox, SandboxConfig};

    const OPENED: i64 = 1_700_000_000_000;

    fn account(sb: &Sandbox) -> Account {
        Account {
            region: sb.config().region.clone(),
            account_id: sb.config().account_id.clone(),
        }
    }

    fn create(sb: &mut Sandbox, form: &CreateForm) -> Result<Value, ApiError> {
        let (file, _, source) = form.code();
        let zip = zip_file(file, source).expect("the codecs are linked in natively");
        let mut last = Value::Null;
        for r in form.requests(&account(sb), OPENED, None, &zip) {
            last = sb.call(r.target, r.body)?;
        }
        Ok(last)
    }

    #[test]
    fn the_new_role_is_named_and_shaped_as_the_console_makes_it() {
        let name = basic_role_name("my-function", OPENED);
        assert!(name.starts_with("my-function-role-"), "{name}");
        assert_eq!(name.len(), "my-function-role-".len() + 8);
        assert_eq!(name, basic_role_name("my-function", OPENED));
        assert_ne!(name, basic_role_name("my-function", OPENED + 1));
        assert!(basic_role_name(&"f".repeat(64), OPENED).len() <= 64);
        let policy = basic_policy_name("my-function", OPENED);
        assert_eq!(policy.len(), "AWSLambdaBasicExecutionRole-".len() + 36);
    }

    #[test]
    fn a_blueprint_function_with_a_new_role_is_created_and_answers() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut form = CreateForm::new(Some("kinesis-firehose-process-record"));
        assert!(form.from_blueprint);
        form.apply(CreateAction::Name("transform".into()));
        let answer = create(&mut sb, &form).unwrap();
        assert_eq!(answer["Handler"], "index.handler");
        assert_eq!(answer["Runtime"], DEFAULT_RUNTIME);
        let role = sb.iam().role(&form.role_name(OPENED)).unwrap();
        assert_eq!(role.path, ROLE_PATH);
        assert_eq!(role.inline_policies.len(), 1);
        let f = sb.lambda().function("transform").unwrap();
        assert_eq!(
            f.blueprint.as_deref(),
            Some("kinesis-firehose-process-record")
        );
        let out = sb
            .call(
                "Lambda.Invoke",
                invoke_body("transform", event_template("Amazon Data Firehose").unwrap()),
            )
            .unwrap();
        let view = InvokeView::from_answer(&out);
        assert!(view.succeeded);
        assert!(view.request_id.is_some());
        assert!(view.duration.as_deref().unwrap().ends_with(" ms"));
        let records = view.records.unwrap();
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].result, "Ok");
        assert_eq!(records[0].data, "Hello, this is a test 123.");
        assert_eq!(records[0].record_id, "4954698668…785154");
        assert!(records[1].data.contains("currentTemperature"));
    }

    #[test]
    fn a_bad_name_is_refused_by_lambda_before_any_role_is_made() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut form = CreateForm::new(None);
        form.apply(CreateAction::Name("bad name".into()));
        let e = create(&mut sb, &form).unwrap_err();
        assert_eq!(e.error_type(), "ValidationException");
        assert!(e.message().unwrap().contains("functionName"));
        assert_eq!(sb.iam().roles().count(), 0);
    }

    #[test]
    fn an_existing_role_lambda_cannot_assume_is_refused_in_lambdas_words() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let trust = trust_policy().replace("lambda.amazonaws.com", "firehose.amazonaws.com");
        let arn = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "delivery", "AssumeRolePolicyDocument": trust}),
            )
            .unwrap()["Role"]["Arn"]
            .as_str()
            .unwrap()
            .to_string();
        let mut form = CreateForm::new(None);
        form.apply(CreateAction::Name("uses-delivery".into()));
        form.apply(CreateAction::NewRole(false));
        form.apply(CreateAction::Role("delivery".into()));
        assert_eq!(form.check(), Ok(()));
        let zip = zip_file(DEFAULT_FILE, DEFAULT_CODE).unwrap();
        let requests = form.requests(&account(&sb), OPENED, Some(&arn), &zip);
        assert_eq!(requests.len(), 1);
        let r = requests.into_iter().next().unwrap();
        let e = sb.call(r.target, r.body).unwrap_err();
        assert_eq!(e.error_type(), "InvalidParameterValueException");
        assert_eq!(
            e.message(),
            Some("The role defined for the function cannot be assumed by Lambda.")
        );
    }

    #[test]
    fn from_scratch_the_default_code_is_deployed_and_can_be_replaced() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut form = CreateForm::new(Some("no-such-blueprint"));
        assert!(!form.from_blueprint);
        form.apply(CreateAction::Name("hello".into()));
        create(&mut sb, &form).unwrap();
        assert_eq!(
            sb.lambda().function("hello").unwrap().files[DEFAULT_FILE],
            DEFAULT_CODE
        );
        let zip = zip_file(DEFAULT_FILE, "export const handler = async () => 1;\n").unwrap();
        let r = update_code_request("hello", &zip);
        sb.call(r.target, r.body).unwrap();
        assert!(sb.lambda().function("hello").unwrap().files[DEFAULT_FILE].contains("=> 1"));
        let r = delete_request("hello");
        sb.call(r.target, r.body).unwrap();
        assert!(sb.lambda().function("hello").is_none());
    }

    #[test]
    fn choices_are_checked_before_create() {
        let mut form = CreateForm::new(None);
        form.apply(CreateAction::FromBlueprint(true));
        assert_eq!(form.check().unwrap_err(), "Choose a blueprint.");
        form.apply(CreateAction::Blueprint(
            "kinesis-firehose-process-record".into(),
        ));
        form.apply(CreateAction::NewRole(false));
        assert_eq!(form.check().unwrap_err(), "Choose an existing role.");
        form.apply(CreateAction::Problem(Some(
            "Choose an existing role.".into(),
        )));
        form.apply(CreateAction::Role("r".into()));
        assert_eq!(form.problem, None);
    }

    #[test]
    fn runtimes_read_as_the_console_names_them() {
        assert_eq!(runtime_label("nodejs22.x"), "Node.js 22.x");
    }

    #[test]
    fn blueprints_are_found_by_firehose() {
        let mut form = CreateForm::new(None);
        form.apply(CreateAction::Search("Firehose".into()));
        assert!(form
            .blueprints()
            .iter()
            .any(|b| b.id == "kinesis-firehose-process-record"));
        form.apply(CreateAction::Search("no such thing".into()));
        assert!(form.blueprints().is_empty());
    }

    #[test]
    fn the_configuration_is_saved_and_out_of_range_values_are_named() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut create_form = CreateForm::new(None);
        create_form.apply(CreateAction::Name("cfg".into()));
        create(&mut sb, &create_form).unwrap();
        let mut form = ConfigForm::default();
        form.apply(ConfigAction::Edit(3, 128, String::new()));
        form.apply(ConfigAction::Timeout("901".into()));
        assert_eq!(
            form.timeout_problem().unwrap(),
            "Timeout (seconds) must be between 1 and 900."
        );
        let r = form.request("cfg");
        assert_eq!(
            sb.call(r.target, r.body).unwrap_err().error_type(),
            "ValidationException"
        );
        form.apply(ConfigAction::Timeout("10".into()));
        form.apply(ConfigAction::Memory("256".into()));
        assert_eq!(form.timeout_problem(), None);
        let r = form.request("cfg");
        sb.call(r.target, r.body).unwrap();
        form.apply(ConfigAction::Answered(None));
        assert!(form.saved && !form.editing);
        let f = sb.lambda().function("cfg").unwrap();
        assert_eq!((f.timeout_s, f.memory_mb), (10, 256));
    }

    #[test]
    fn every_template_is_json_and_a_typo_names_its_line() {
        for (name, _, event) in EVENT_TEMPLATES {
            assert!(event_problem(event).is_none(), "{name}");
        }
        let (text, line) = event_problem("{\n  \"a\": 1,\n}").unwrap();
        assert_eq!(line, 3);
        assert!(text.contains("line 3"), "{text}");
    }

    #[test]
    fn a_failed_run_reads_as_failed() {
        let answer = json!({
            "StatusCode": 200,
            "FunctionError": "Unhandled",
            "Payload": "{\"errorType\":\"Error\",\"errorMessage\":\"boom\"}",
        });
        let view = InvokeView::from_answer(&answer);
        assert!(!view.succeeded);
        assert_eq!(
            tested("f", &view),
            Observation::new(LAMBDA_TESTED)
                .with("function", "f")
                .with("result", "failed")
        );
        assert!(view.response.contains("boom"));
        assert_eq!(view.records, None);
    }
}
