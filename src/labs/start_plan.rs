//! What starting a lab would do to the learner's sandbox, worked out before it happens.
//!
//! A lab starts from its own starting point (its `setup`, then the "Show me" of the steps
//! before the one it starts at) in a new sandbox. The plan compares that starting point with
//! the learner's sandbox, resource by resource (by kind and name):
//!
//! - **create**: in the starting point only;
//! - **replace**: in both: the lab's version wins;
//! - **delete**: the learner's, and either named by a later step of the lab (its goals would
//!   find it already there) or of a kind that can't be carried over (a Firehose delivery stream, which
//!   would start delivering from the new sandbox's stream; a log group; an OpenSearch
//!   domain);
//! - **keep**: everything else of the learner's. Kept resources are made again in the new
//!   sandbox by [`StartPlan::carry`]: roles with their trust and inline policies, buckets
//!   with their objects, Glue databases with their tables, data streams with their capacity
//!   mode and shard count (not their records).
//!
//! [`start_keeping`] is the start itself. Pure: everything here works on sandboxes in memory.

use super::goal::{run_actions, start_at, ActionError};
use super::{Action, Lab};
use crate::engine::{Sandbox, SandboxConfig};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::fmt;

/// The kinds of resource a plan talks about, in the order the dialog lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Stream,
    DeliveryStream,
    Bucket,
    Role,
    GlueDatabase,
    LogGroup,
    OpenSearchDomain,
}

impl Kind {
    /// The console's name for the kind.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Stream => "Kinesis data stream",
            Kind::DeliveryStream => "Firehose delivery stream",
            Kind::Bucket => "S3 bucket",
            Kind::Role => "IAM role",
            Kind::GlueDatabase => "Glue database",
            Kind::LogGroup => "CloudWatch log group",
            Kind::OpenSearchDomain => "OpenSearch domain",
        }
    }

    /// Whether a resource of this kind can be made again in the lab's sandbox.
    fn carried(self) -> bool {
        matches!(
            self,
            Kind::Stream | Kind::Bucket | Kind::Role | Kind::GlueDatabase
        )
    }
}

/// One resource: its kind and name.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Resource {
    pub kind: Kind,
    pub name: String,
}

impl Resource {
    pub fn new(kind: Kind, name: impl Into<String>) -> Self {
        Self {
            kind,
            name: name.into(),
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.label(), self.name)
    }
}

/// What starting a lab would change, and how the learner's other resources are kept.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StartPlan {
    pub create: Vec<Resource>,
    pub replace: Vec<Resource>,
    pub delete: Vec<Resource>,
    pub keep: Vec<Resource>,
    /// The calls that make the kept resources again in the lab's sandbox.
    pub carry: Vec<Action>,
}

impl StartPlan {
    /// Nothing of the learner's would be replaced, deleted or made again: starting changes
    /// only what is empty now.
    pub fn touches_nothing_of_yours(&self) -> bool {
        self.replace.is_empty() && self.delete.is_empty() && self.keep.is_empty()
    }
}

/// The resources in `sb`, sorted.
pub fn inventory(sb: &mut Sandbox) -> BTreeSet<Resource> {
    let mut out = BTreeSet::new();
    for v in sb.streams() {
        out.insert(Resource::new(Kind::Stream, v.name));
    }
    let names: Vec<String> = sb.firehose().names().map(str::to_string).collect();
    out.extend(
        names
            .into_iter()
            .map(|n| Resource::new(Kind::DeliveryStream, n)),
    );
    let groups: Vec<String> = sb
        .cloudwatch()
        .log_groups()
        .map(|g| g.name.clone())
        .collect();
    out.extend(groups.into_iter().map(|n| Resource::new(Kind::LogGroup, n)));
    // A domain isn't made again in the lab's sandbox (its documents would be lost anyway).
    let domains: Vec<String> = sb.opensearch().domains().map(|d| d.name.clone()).collect();
    out.extend(
        domains
            .into_iter()
            .map(|n| Resource::new(Kind::OpenSearchDomain, n)),
    );
    let list = |sb: &mut Sandbox, target: &str, body: Value, items: &str, name: &str| {
        let answer = sb.inspect(target, body).unwrap_or(Value::Null);
        answer[items]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|i| i[name].as_str().map(str::to_string))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    for n in list(sb, "S3.ListBuckets", json!({}), "Buckets", "Name") {
        out.insert(Resource::new(Kind::Bucket, n));
    }
    for n in list(sb, "IAM.ListRoles", json!({}), "Roles", "RoleName") {
        out.insert(Resource::new(Kind::Role, n));
    }
    for db in glue_databases(sb) {
        if let Some(n) = db["Name"].as_str() {
            out.insert(Resource::new(Kind::GlueDatabase, n));
        }
    }
    out
}

/// Every page of `GetDatabases`.
fn glue_databases(sb: &mut Sandbox) -> Vec<Value> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = json!({});
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let Ok(answer) = sb.inspect("Glue.GetDatabases", body) else {
            break;
        };
        out.extend(
            answer["DatabaseList"]
                .as_array()
                .cloned()
                .unwrap_or_default(),
        );
        match answer["NextToken"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    out
}

/// Every page of `GetTables` of one database.
fn glue_tables(sb: &mut Sandbox, database: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut body = json!({ "DatabaseName": database });
        if let Some(t) = &token {
            body["NextToken"] = json!(t);
        }
        let Ok(answer) = sb.inspect("Glue.GetTables", body) else {
            break;
        };
        out.extend(answer["TableList"].as_array().cloned().unwrap_or_default());
        match answer["NextToken"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    out
}

fn call(target: &str, body: Value) -> Action {
    Action {
        call: Some(target.to_string()),
        body: Some(body),
        ..Action::default()
    }
}

/// The calls that make `resource` of `sb` again elsewhere.
fn carry(sb: &mut Sandbox, resource: &Resource) -> Vec<Action> {
    let name = resource.name.as_str();
    match resource.kind {
        Kind::Role => {
            let Ok(role) = sb.inspect("IAM.GetRole", json!({ "RoleName": name })) else {
                return Vec::new();
            };
            let role = &role["Role"];
            let mut create = json!({
                "RoleName": name,
                "Path": role["Path"],
                "AssumeRolePolicyDocument": role["AssumeRolePolicyDocument"],
            });
            if let Some(d) = role["Description"].as_str() {
                create["Description"] = json!(d);
            }
            let mut out = vec![call("IAM.CreateRole", create)];
            let policies = sb
                .inspect("IAM.ListRolePolicies", json!({ "RoleName": name }))
                .unwrap_or(Value::Null);
            for p in policies["PolicyNames"].as_array().into_iter().flatten() {
                let Some(p) = p.as_str() else { continue };
                if let Ok(doc) = sb.inspect(
                    "IAM.GetRolePolicy",
                    json!({ "RoleName": name, "PolicyName": p }),
                ) {
                    out.push(call(
                        "IAM.PutRolePolicy",
                        json!({ "RoleName": name, "PolicyName": p, "PolicyDocument": doc["PolicyDocument"] }),
                    ));
                }
            }
            out
        }
        Kind::Bucket => {
            let mut out = vec![call("S3.CreateBucket", json!({ "Bucket": name }))];
            let mut after: Option<String> = None;
            loop {
                let mut body = json!({ "Bucket": name, "MaxKeys": 1000 });
                if let Some(a) = &after {
                    body["StartAfter"] = json!(a);
                }
                let Ok(listed) = sb.inspect("S3.ListObjectsV2", body) else {
                    break;
                };
                let keys: Vec<String> = listed["Contents"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|o| o["Key"].as_str().map(str::to_string))
                    .collect();
                for key in &keys {
                    if let Ok(object) =
                        sb.inspect("S3.GetObject", json!({ "Bucket": name, "Key": key }))
                    {
                        if let Some(data) = object["Body"].as_str() {
                            out.push(call(
                                "S3.PutObject",
                                json!({ "Bucket": name, "Key": key, "Body": data }),
                            ));
                        }
                    }
                }
                if listed["IsTruncated"] != json!(true) || keys.is_empty() {
                    break;
                }
                after = keys.last().cloned();
            }
            out
        }
        Kind::Stream => {
            let Some(view) = sb.streams().into_iter().find(|v| v.name == name) else {
                return Vec::new();
            };
            let body = match view.mode {
                crate::engine::streams::StreamMode::OnDemand => json!({
                    "StreamName": name,
                    "StreamModeDetails": { "StreamMode": "ON_DEMAND" },
                }),
                crate::engine::streams::StreamMode::Provisioned => json!({
                    "StreamName": name,
                    "ShardCount": view.open_shards.max(1),
                }),
            };
            vec![call("Kinesis_20131202.CreateStream", body)]
        }
        Kind::GlueDatabase => {
            let Ok(db) = sb.inspect("Glue.GetDatabase", json!({ "Name": name })) else {
                return Vec::new();
            };
            let db = &db["Database"];
            let mut input = json!({ "Name": name });
            for field in ["Description", "LocationUri", "Parameters"] {
                if !db[field].is_null() {
                    input[field] = db[field].clone();
                }
            }
            let mut out = vec![call(
                "Glue.CreateDatabase",
                json!({ "DatabaseInput": input }),
            )];
            for table in glue_tables(sb, name) {
                let mut input = json!({});
                for field in [
                    "Name",
                    "Description",
                    "Owner",
                    "Retention",
                    "StorageDescriptor",
                    "PartitionKeys",
                    "TableType",
                    "Parameters",
                ] {
                    if !table[field].is_null() {
                        input[field] = table[field].clone();
                    }
                }
                out.push(call(
                    "Glue.CreateTable",
                    json!({ "DatabaseName": name, "TableInput": input }),
                ));
            }
            out
        }
        Kind::DeliveryStream | Kind::LogGroup | Kind::OpenSearchDomain => Vec::new(),
    }
}

/// What starting `lab` at `step` (from 0) with `config` would do to `current`.
pub fn plan(
    lab: &Lab,
    step: usize,
    config: &SandboxConfig,
    current: &mut Sandbox,
) -> Result<StartPlan, ActionError> {
    // What every sandbox has before anyone does anything (none today; kept out either way).
    let baseline = inventory(&mut Sandbox::new(config.clone()));
    let start = inventory(&mut start_at(lab, config.clone(), step)?);
    // Everything the lab makes by its last step; a failing "Show me" only narrows it.
    let mut footprint = start.clone();
    if let Ok(mut done) = start_at(lab, config.clone(), lab.steps.len()) {
        footprint.extend(inventory(&mut done));
    }
    let mine: BTreeSet<Resource> = inventory(current)
        .into_iter()
        .filter(|r| !baseline.contains(r))
        .collect();
    let mut out = StartPlan::default();
    for r in start.iter().filter(|r| !baseline.contains(r)) {
        if mine.contains(r) {
            out.replace.push(r.clone());
        } else {
            out.create.push(r.clone());
        }
    }
    for r in &mine {
        if start.contains(r) {
            continue;
        }
        if footprint.contains(r) || !r.kind.carried() {
            out.delete.push(r.clone());
        } else {
            out.keep.push(r.clone());
        }
    }
    for r in out.keep.clone() {
        out.carry.extend(carry(current, &r));
    }
    Ok(out)
}

/// Starts `lab` at `step` from `current`: the lab's starting point in a new sandbox, with the
/// learner's kept resources made again in it (see [`plan`]).
pub fn start_keeping(
    lab: &Lab,
    step: usize,
    config: SandboxConfig,
    current: &mut Sandbox,
) -> Result<Sandbox, ActionError> {
    let plan = plan(lab, step, &config, current)?;
    let mut sb = start_at(lab, config, step)?;
    run_actions(&mut sb, &plan.carry)?;
    Ok(sb)
}

#[cfg(test)]
mod tests {
    use super::super::Labs;
    use super::*;

    fn lab(id: &str) -> Lab {
        Labs::embedded().unwrap().get(id).unwrap().clone()
    }

    fn names(list: &[Resource]) -> Vec<String> {
        list.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn an_empty_sandbox_only_gains_the_starting_point() {
        let config = SandboxConfig::default();
        let mut empty = Sandbox::new(config.clone());
        let p = plan(&lab("s3-and-iam"), 0, &config, &mut empty).unwrap();
        assert!(p.touches_nothing_of_yours(), "{p:?}");
        assert!(names(&p.create).contains(&"IAM role firehose_delivery_role".to_string()));
        assert!(names(&p.create).contains(&"Kinesis data stream machinelearning".to_string()));
        assert!(p.carry.is_empty());
        let none = plan(&lab("create-stream"), 0, &config, &mut empty).unwrap();
        assert_eq!(none, StartPlan::default());
    }

    /// "Next lab" from lab 3 with the learner's own role: lab 4 replaces what it sets up
    /// itself and keeps the learner's role, with its policies, in the new sandbox.
    #[test]
    fn the_learners_own_role_is_kept_and_the_labs_resources_replaced() {
        let config = SandboxConfig::default();
        let firehose = lab("firehose");
        let mut mine = start_at(&firehose, config.clone(), firehose.steps.len()).unwrap();
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        mine.call(
            "IAM.CreateRole",
            json!({"RoleName": "KinesisFirehoseServiceRole-mine", "Path": "/service-role/", "AssumeRolePolicyDocument": trust}),
        )
        .unwrap();
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::mine/*"}]}"#;
        mine.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": "KinesisFirehoseServiceRole-mine", "PolicyName": "p", "PolicyDocument": policy}),
        )
        .unwrap();
        mine.call("S3.CreateBucket", json!({"Bucket": "mine"}))
            .unwrap();
        mine.call(
            "S3.PutObject",
            json!({"Bucket": "mine", "Key": "a/b.txt", "Body": "aGVsbG8="}),
        )
        .unwrap();
        mine.call(
            "Kinesis_20131202.CreateStream",
            json!({"StreamName": "other", "ShardCount": 3}),
        )
        .unwrap();

        let next = lab("s3-and-iam");
        let p = plan(&next, 0, &config, &mut mine).unwrap();
        assert!(names(&p.replace).contains(&"IAM role firehose_delivery_role".to_string()));
        assert!(names(&p.replace)
            .contains(&"Firehose delivery stream machinelearningfirehose".to_string()));
        assert_eq!(
            names(&p.keep),
            vec![
                "Kinesis data stream other",
                "S3 bucket mine",
                "IAM role KinesisFirehoseServiceRole-mine",
            ]
        );
        assert!(p.create.is_empty(), "{:?}", p.create);
        assert!(!p.touches_nothing_of_yours());

        let mut started = start_keeping(&next, 0, config.clone(), &mut mine).unwrap();
        let role = started
            .inspect(
                "IAM.GetRole",
                json!({"RoleName": "KinesisFirehoseServiceRole-mine"}),
            )
            .unwrap();
        assert_eq!(role["Role"]["Path"], "/service-role/");
        let kept = started
            .inspect(
                "IAM.GetRolePolicy",
                json!({"RoleName": "KinesisFirehoseServiceRole-mine", "PolicyName": "p"}),
            )
            .unwrap();
        assert_eq!(kept["PolicyDocument"], policy);
        let object = started
            .inspect("S3.GetObject", json!({"Bucket": "mine", "Key": "a/b.txt"}))
            .unwrap();
        assert_eq!(object["Body"], "aGVsbG8=");
        let other = started
            .streams()
            .into_iter()
            .find(|s| s.name == "other")
            .unwrap();
        assert_eq!(other.open_shards, 3);
        // The new sandbox has exactly the lab's starting point plus what was kept.
        let mut expected = inventory(&mut start_at(&next, config, 0).unwrap());
        expected.extend(p.keep.iter().cloned());
        assert_eq!(inventory(&mut started), expected);
    }

    /// A resource a later step of the lab makes is deleted, not kept: the step's goal must not
    /// find it there already.
    #[test]
    fn what_a_later_step_makes_is_deleted_and_uncarried_kinds_are_named() {
        let config = SandboxConfig::default();
        let firehose = lab("firehose");
        let mut mine = start_at(&firehose, config.clone(), firehose.steps.len()).unwrap();
        // Lab 3 from its start: the stream is its starting point; the bucket, role and
        // delivery stream are made by its step 2.
        let p = plan(&firehose, 0, &config, &mut mine).unwrap();
        assert!(names(&p.replace).contains(&"Kinesis data stream machinelearning".to_string()));
        let deleted = names(&p.delete);
        for r in [
            "S3 bucket machinelearning-firehose-output",
            "IAM role firehose_delivery_role",
            "Firehose delivery stream machinelearningfirehose",
        ] {
            assert!(deleted.contains(&r.to_string()), "{deleted:?}");
        }
        assert!(p.keep.is_empty(), "{:?}", p.keep);
        let started = start_keeping(&firehose, 0, config, &mut mine).unwrap();
        assert!(started.firehose().names().next().is_none());
    }
}
