//! `ProcessingConfiguration` (interim: Lambda and AppendDelimiterToRecord).

use crate::engine::body::Body;
use crate::engine::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaProcessor {
    pub arn: String,
    pub retries: u32,
    pub role_arn: Option<String>,
    pub buffer_size_mb: f64,
    pub buffer_interval_s: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Processor {
    Lambda(LambdaProcessor),
    AppendDelimiterToRecord,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Processing {
    pub enabled: bool,
    pub processors: Vec<Processor>,
}

impl Processing {
    pub fn read(p: Body) -> Result<Self, ApiError> {
        let enabled = p.boolean("Enabled")?.unwrap_or(false);
        let mut processors = Vec::new();
        for item in p.list("Processors")?.into_iter().flatten() {
            let b = Body::of(item)?;
            let params: Vec<(String, String)> = b
                .list("Parameters")?
                .into_iter()
                .flatten()
                .filter_map(|x| {
                    Some((
                        x.get("ParameterName")?.as_str()?.to_string(),
                        x.get("ParameterValue")?.as_str()?.to_string(),
                    ))
                })
                .collect();
            let get = |n: &str| params.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
            match b.string("Type")? {
                Some("Lambda") => processors.push(Processor::Lambda(LambdaProcessor {
                    arn: get("LambdaArn").ok_or_else(|| {
                        ApiError::invalid_argument("LambdaArn is required for a Lambda processor.")
                    })?,
                    retries: get("NumberOfRetries")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(3),
                    role_arn: get("RoleArn"),
                    buffer_size_mb: get("BufferSizeInMBs")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(1.0),
                    buffer_interval_s: get("BufferIntervalInSeconds")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(60),
                })),
                Some("AppendDelimiterToRecord") => {
                    processors.push(Processor::AppendDelimiterToRecord)
                }
                _ => return Err(ApiError::invalid_argument("Unsupported processor type.")),
            }
        }
        Ok(Self {
            enabled,
            processors,
        })
    }

    pub fn describe(&self) -> Value {
        json!({"Enabled": self.enabled, "Processors": []})
    }

    pub fn lambda(&self) -> Option<&LambdaProcessor> {
        if !self.enabled {
            return None;
        }
        self.processors.iter().find_map(|p| match p {
            Processor::Lambda(l) => Some(l),
            _ => None,
        })
    }

    pub fn appends_delimiter(&self) -> bool {
        self.enabled
            && self
                .processors
                .iter()
                .any(|p| matches!(p, Processor::AppendDelimiterToRecord))
    }
}
