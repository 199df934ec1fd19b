//! A function: its configuration, its code (the files of its deployment package, as text) and
//! the configuration document every operation answers with (`FunctionConfiguration`).

use super::Lambda;
use crate::engine::{Sandbox, SimTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// The Node.js runtimes the sandbox runs, newest first.
pub const RUNTIMES: &[&str] = &["nodejs24.x", "nodejs22.x", "nodejs20.x", "nodejs18.x"];

/// How long a new or updated function stays `Pending` / `InProgress`.
const SETTLE: Duration = Duration::from_secs(1);

/// `State`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FunctionState {
    Pending,
    Active,
}

impl FunctionState {
    pub fn as_str(self) -> &'static str {
        match self {
            FunctionState::Pending => "Pending",
            FunctionState::Active => "Active",
        }
    }
}

/// One function (`$LATEST`; the sandbox does not publish versions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Function {
    pub name: String,
    pub arn: String,
    pub runtime: String,
    pub role: String,
    /// `file.export`, e.g. `index.handler`.
    pub handler: String,
    pub description: String,
    pub timeout_s: u32,
    pub memory_mb: u32,
    pub environment: BTreeMap<String, String>,
    /// The deployment package's files (name → text), e.g. `index.mjs`.
    pub files: BTreeMap<String, String>,
    /// Bytes of the deployment package (the ZIP file).
    pub code_size: u64,
    /// Base64 of the package's SHA-256.
    pub code_sha256: String,
    pub last_modified: SimTime,
    pub state: FunctionState,
    /// When `Pending` becomes `Active` (and an update `InProgress` becomes `Successful`).
    pub settles_at: SimTime,
    pub revision_id: String,
    pub tags: BTreeMap<String, String>,
    /// The blueprint it was created from, if any.
    pub blueprint: Option<String>,
    /// The log stream of its current execution environment (a new one after each change).
    pub log_stream: Option<String>,
}

impl Function {
    /// The file the handler names (`index` of `index.handler` → `index.mjs`, `index.js` or
    /// `index.cjs`, whichever the package has), and the export.
    pub fn handler_file(&self) -> Option<(&str, &str)> {
        let (module, export) = self.handler.rsplit_once('.')?;
        ["mjs", "js", "cjs"].iter().find_map(|ext| {
            self.files
                .get_key_value(&format!("{module}.{ext}"))
                .map(|(name, _)| (name.as_str(), export))
        })
    }

    /// `/aws/lambda/<name>`.
    pub fn log_group(&self) -> String {
        format!("/aws/lambda/{}", self.name)
    }

    pub fn last_update_status(&self, now: SimTime) -> &'static str {
        if now < self.settles_at {
            "InProgress"
        } else {
            "Successful"
        }
    }

    /// `FunctionConfiguration` as the API returns it.
    pub fn configuration(&self, now: SimTime) -> Value {
        let mut c = json!({
            "FunctionName": self.name,
            "FunctionArn": self.arn,
            "Runtime": self.runtime,
            "Role": self.role,
            "Handler": self.handler,
            "CodeSize": self.code_size,
            "Description": self.description,
            "Timeout": self.timeout_s,
            "MemorySize": self.memory_mb,
            "LastModified": timestamp(self.last_modified),
            "CodeSha256": self.code_sha256,
            "Version": "$LATEST",
            "TracingConfig": {"Mode": "PassThrough"},
            "RevisionId": self.revision_id,
            "State": self.state.as_str(),
            "LastUpdateStatus": self.last_update_status(now),
            "PackageType": "Zip",
            "Architectures": ["x86_64"],
            "EphemeralStorage": {"Size": 512},
            "SnapStart": {"ApplyOn": "None", "OptimizationStatus": "Off"},
            "RuntimeVersionConfig": {"RuntimeVersionArn": format!("arn:aws:lambda:{}::runtime:{}", self.region(), self.runtime)},
            "LoggingConfig": {"LogFormat": "Text", "LogGroup": self.log_group()},
        });
        if self.state == FunctionState::Pending {
            c["StateReason"] = json!("The function is being created.");
            c["StateReasonCode"] = json!("Creating");
        }
        if !self.environment.is_empty() {
            c["Environment"] = json!({"Variables": self.environment});
        }
        c
    }

    fn region(&self) -> &str {
        self.arn.split(':').nth(3).unwrap_or("us-east-1")
    }
}

/// Pending functions become active, updates finish.
pub(crate) fn on_time_passed(sb: &mut Sandbox) {
    let now = sb.now;
    for f in sb.lambda.functions.values_mut() {
        if f.state == FunctionState::Pending && now >= f.settles_at {
            f.state = FunctionState::Active;
        }
    }
}

impl Lambda {
    pub(crate) fn insert(&mut self, f: Function) {
        self.functions.insert(f.name.clone(), f);
    }

    pub(crate) fn function_mut(&mut self, name: &str) -> Option<&mut Function> {
        self.functions.get_mut(name)
    }

    pub(crate) fn remove(&mut self, name: &str) -> Option<Function> {
        self.functions.remove(name)
    }
}

/// When a change made now settles.
pub(crate) fn settles(now: SimTime) -> SimTime {
    now + SETTLE
}

/// Lambda's `LastModified` form: `2026-01-01T10:00:00.000+0000`.
pub fn timestamp(t: SimTime) -> String {
    t.to_datetime()
        .format("%Y-%m-%dT%H:%M:%S%.3f+0000")
        .to_string()
}
