//! AWS IAM (`IAM.*`, boto3's names): roles with their trust policy and inline policies, a
//! policy parser with located errors, AWS's evaluation logic, the console's Firehose delivery
//! role and the visual editor's per-service warnings.

mod cli;
pub mod delivery_role;
pub mod policy;
pub mod summary;

use super::body::Body;
use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service};
use super::{ApiError, Sandbox, SimTime};
use crate::engine::ErrorKind;
pub use policy::{
    evaluate, parse, DecidingStatement, Decision, Policy, PolicyError, PolicyKind, Request, Verdict,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Every role in the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Iam {
    #[serde(deserialize_with = "roles_parsed")]
    roles: BTreeMap<String, Role>,
    /// Answers of [`Iam::allows`] since the roles last changed: a delivery stream asks the
    /// same question about its source stream every second. Emptied by every change to a role.
    #[serde(skip)]
    allowed: Vec<(AccessQuestion, bool)>,
}

/// Who asks to do what: role ARN, service, account, action, resource.
type AccessQuestion = [String; 5];

/// Answers remembered at most; a sandbox asks a handful of distinct questions.
const REMEMBERED_ANSWERS: usize = 64;

/// Roles as saved, with their policies parsed again (the parsed forms are not saved).
fn roles_parsed<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, Role>, D::Error> {
    let mut roles = BTreeMap::<String, Role>::deserialize(d)?;
    for r in roles.values_mut() {
        r.parsed_trust = parse(&r.assume_role_policy_document, PolicyKind::Trust).ok();
        r.parsed = r
            .inline_policies
            .iter()
            .filter_map(|(n, text)| {
                parse(text, PolicyKind::Permissions)
                    .ok()
                    .map(|p| (n.clone(), p))
            })
            .collect();
    }
    Ok(roles)
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    pub path: String,
    pub arn: String,
    pub role_id: String,
    pub created: SimTime,
    pub description: Option<String>,
    /// The trust policy, as the JSON text it was given in.
    pub assume_role_policy_document: String,
    /// Inline policies by name, as JSON text.
    pub inline_policies: BTreeMap<String, String>,
    /// The documents above, parsed once (rebuilt on demand after a reload).
    #[serde(skip)]
    parsed: BTreeMap<String, Policy>,
    #[serde(skip)]
    parsed_trust: Option<Policy>,
}

/// Why an action a service takes with a role is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleDenial {
    /// The role does not exist.
    NoSuchRole,
    /// The trust policy does not let the service assume the role.
    NotAssumable,
    /// The permission policies don't allow the action.
    Denied(Verdict),
}

impl Iam {
    pub fn role(&self, name: &str) -> Option<&Role> {
        self.roles.get(name)
    }

    pub fn roles(&self) -> impl Iterator<Item = &Role> {
        self.roles.values()
    }

    /// The role an ARN names (`arn:aws:iam::<acct>:role/<path>/<name>`).
    pub fn role_by_arn(&self, arn: &str) -> Option<&Role> {
        self.roles.values().find(|r| r.arn == arn)
    }

    /// The visual editor's summary of one of a role's inline policies, with its warnings; a
    /// policy that doesn't parse gives its located error instead.
    pub fn policy_summary(
        &self,
        role: &str,
        policy: &str,
    ) -> Option<Result<Vec<summary::ServiceSummary>, PolicyError>> {
        let text = self.roles.get(role)?.inline_policies.get(policy)?;
        Some(parse(text, PolicyKind::Permissions).map(|p| summary::summarize(&p)))
    }

    /// Evaluates `req` against the role's inline policies, naming the deciding statement.
    pub fn evaluate_role(&self, role: &Role, req: &Request) -> Verdict {
        let reparsed: Vec<(&str, Policy)> = role
            .inline_policies
            .iter()
            .filter(|(n, _)| !role.parsed.contains_key(*n))
            .filter_map(|(n, text)| {
                parse(text, PolicyKind::Permissions)
                    .ok()
                    .map(|p| (n.as_str(), p))
            })
            .collect();
        let cached = role.parsed.iter().map(|(n, p)| (n.as_str(), p));
        evaluate(cached.chain(reparsed.iter().map(|(n, p)| (*n, p))), req)
    }

    /// Whether `service` (`lambda.amazonaws.com`) may assume the role at `role_arn`.
    pub fn assumable(
        &self,
        role_arn: &str,
        service: &str,
        account: &str,
    ) -> Result<&Role, RoleDenial> {
        let role = self.role_by_arn(role_arn).ok_or(RoleDenial::NoSuchRole)?;
        let reparsed;
        let trust = match &role.parsed_trust {
            Some(t) => t,
            None => {
                reparsed = parse(&role.assume_role_policy_document, PolicyKind::Trust)
                    .map_err(|_| RoleDenial::NotAssumable)?;
                &reparsed
            }
        };
        let assume = Request::new("sts:AssumeRole", &role.arn)
            .by_service(service)
            .with("sts:ExternalId", account)
            .with("aws:SourceAccount", account);
        if !evaluate([("trust", trust)], &assume).allowed() {
            return Err(RoleDenial::NotAssumable);
        }
        Ok(role)
    }

    /// Whether `service` (`firehose.amazonaws.com`) may assume the role at `role_arn`, and then
    /// do `req` with it.
    pub fn authorize(
        &self,
        role_arn: &str,
        service: &str,
        account: &str,
        req: &Request,
    ) -> Result<Verdict, RoleDenial> {
        let role = self.assumable(role_arn, service, account)?;
        let verdict = self.evaluate_role(role, req);
        if verdict.allowed() {
            Ok(verdict)
        } else {
            Err(RoleDenial::Denied(verdict))
        }
    }

    /// Whether [`Iam::authorize`] allows `action` on `resource`, remembered until a role changes.
    pub fn allows(
        &mut self,
        role_arn: &str,
        service: &str,
        account: &str,
        action: &str,
        resource: &str,
    ) -> bool {
        let question = [role_arn, service, account, action, resource];
        // A short list compared in place: no key to build or hash for the question asked
        // every second.
        if let Some((_, answer)) = self
            .allowed
            .iter()
            .find(|(q, _)| q.iter().zip(question).all(|(a, b)| a == b))
        {
            return *answer;
        }
        let answer = self
            .authorize(role_arn, service, account, &Request::new(action, resource))
            .is_ok();
        if self.allowed.len() == REMEMBERED_ANSWERS {
            self.allowed.clear();
        }
        self.allowed.push((question.map(str::to_string), answer));
        answer
    }

    /// The roles, to change: forgets every remembered answer.
    fn roles_mut(&mut self) -> &mut BTreeMap<String, Role> {
        self.allowed.clear();
        &mut self.roles
    }
}

impl Sandbox {
    /// The IAM roles, for the role page.
    pub fn iam(&self) -> &Iam {
        &self.iam
    }
}

/// AWS Identity and Access Management in the registry.
pub const SERVICE: Service = Service {
    prefix: "IAM",
    operations: &[
        changes("CreateRole", |sb, body| create_role(&mut sb.ctx(), body)),
        reads("GetRole", |sb, body| get_role(&mut sb.ctx(), body)),
        changes("DeleteRole", |sb, body| delete_role(&mut sb.ctx(), body)),
        reads("ListRoles", |sb, _| {
            Ok(json!({
                "Roles": sb.iam.roles.values().map(role_json).collect::<Vec<_>>(),
                "IsTruncated": false,
            }))
        }),
        changes("PutRolePolicy", |sb, body| {
            put_role_policy(&mut sb.ctx(), body)
        }),
        reads("GetRolePolicy", |sb, body| {
            get_role_policy(&mut sb.ctx(), body)
        }),
        changes("DeleteRolePolicy", |sb, body| {
            delete_role_policy(&mut sb.ctx(), body)
        }),
        reads("ListRolePolicies", |sb, body| {
            list_role_policies(&mut sb.ctx(), body)
        }),
        changes("UpdateAssumeRolePolicy", |sb, body| {
            update_assume_role_policy(&mut sb.ctx(), body)
        }),
        reads("SimulatePrincipalPolicy", |sb, body| {
            simulate_principal_policy(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &[],
    on_time_passed: None,
    cli: Some(CliService {
        name: "iam",
        commands: cli::COMMANDS,
    }),
};

fn is_role_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)
}

fn is_policy_name_char(c: char) -> bool {
    is_role_name_char(c)
}

fn required<'a>(body: Body<'a>, name: &str) -> Result<&'a str, ApiError> {
    body.string(name)?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::ParamValidationError,
            format!("Missing required parameter in input: \"{name}\""),
        )
    })
}

fn name_field<'a>(
    body: Body<'a>,
    field: &str,
    path: &str,
    max: usize,
) -> Result<&'a str, ApiError> {
    let name = required(body, field)?;
    let mut v = super::Validation::new();
    v.name(name, path, max, "[\\w+=,.@-]+", is_role_name_char);
    v.finish()?;
    Ok(name)
}

fn no_such_role(name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::NoSuchEntity,
        format!("The role with name {name} cannot be found."),
    )
}

fn malformed(e: PolicyError) -> ApiError {
    ApiError::new(ErrorKind::MalformedPolicyDocument, e.to_string())
}

fn role_json(r: &Role) -> Value {
    let mut out = json!({
        "Path": r.path,
        "RoleName": r.name,
        "RoleId": r.role_id,
        "Arn": r.arn,
        "CreateDate": r.created.epoch_seconds(),
        "AssumeRolePolicyDocument": r.assume_role_policy_document,
        "MaxSessionDuration": 3600,
    });
    if let Some(d) = &r.description {
        out["Description"] = json!(d);
    }
    out
}

fn create_role(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let doc = required(body, "AssumeRolePolicyDocument")?;
    let path = body.string("Path")?.unwrap_or("/");
    if !path.starts_with('/') || !path.ends_with('/') || path.len() > 512 {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{path}' at 'path' failed to satisfy constraint: \
             Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"
        )));
    }
    let trust = parse(doc, PolicyKind::Trust).map_err(malformed)?;
    if cx.state.roles.keys().any(|k| k.eq_ignore_ascii_case(name)) {
        return Err(ApiError::new(
            ErrorKind::EntityAlreadyExists,
            format!("Role with name {name} already exists."),
        ));
    }
    let role_id = format!(
        "AROA{}",
        cx.rng.string_from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17)
    );
    let role = Role {
        name: name.to_string(),
        path: path.to_string(),
        arn: format!("arn:aws:iam::{}:role{path}{name}", cx.config.account_id),
        role_id,
        created: cx.now,
        description: body.string("Description")?.map(str::to_string),
        assume_role_policy_document: doc.to_string(),
        inline_policies: BTreeMap::new(),
        parsed: BTreeMap::new(),
        parsed_trust: Some(trust),
    };
    let out = json!({ "Role": role_json(&role) });
    cx.state.roles_mut().insert(name.to_string(), role);
    Ok(out)
}

fn get_role(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let r = cx.state.roles.get(name).ok_or_else(|| no_such_role(name))?;
    Ok(json!({ "Role": role_json(r) }))
}

fn delete_role(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let r = cx.state.roles.get(name).ok_or_else(|| no_such_role(name))?;
    if !r.inline_policies.is_empty() {
        return Err(ApiError::new(
            ErrorKind::DeleteConflict,
            "Cannot delete entity, must delete policies first.",
        ));
    }
    cx.state.roles_mut().remove(name);
    Ok(json!({}))
}

fn put_role_policy(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let policy_name = required(body, "PolicyName")?;
    let mut v = super::Validation::new();
    v.name(
        policy_name,
        "policyName",
        128,
        "[\\w+=,.@-]+",
        is_policy_name_char,
    );
    v.finish()?;
    let doc = required(body, "PolicyDocument")?;
    let policy = parse(doc, PolicyKind::Permissions).map_err(malformed)?;
    let r = cx
        .state
        .roles_mut()
        .get_mut(name)
        .ok_or_else(|| no_such_role(name))?;
    r.inline_policies
        .insert(policy_name.to_string(), doc.to_string());
    r.parsed.insert(policy_name.to_string(), policy);
    Ok(json!({}))
}

fn get_role_policy(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let policy_name = required(body, "PolicyName")?;
    let r = cx.state.roles.get(name).ok_or_else(|| no_such_role(name))?;
    let doc = r.inline_policies.get(policy_name).ok_or_else(|| {
        ApiError::new(
            ErrorKind::NoSuchEntity,
            format!("The role policy with name {policy_name} cannot be found."),
        )
    })?;
    Ok(json!({"RoleName": name, "PolicyName": policy_name, "PolicyDocument": doc}))
}

fn delete_role_policy(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let policy_name = required(body, "PolicyName")?;
    let r = cx
        .state
        .roles_mut()
        .get_mut(name)
        .ok_or_else(|| no_such_role(name))?;
    r.parsed.remove(policy_name);
    r.inline_policies.remove(policy_name).ok_or_else(|| {
        ApiError::new(
            ErrorKind::NoSuchEntity,
            format!("The role policy with name {policy_name} cannot be found."),
        )
    })?;
    Ok(json!({}))
}

fn list_role_policies(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let r = cx.state.roles.get(name).ok_or_else(|| no_such_role(name))?;
    let names: Vec<&String> = r.inline_policies.keys().collect();
    Ok(json!({"PolicyNames": names, "IsTruncated": false}))
}

fn update_assume_role_policy(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let name = name_field(body, "RoleName", "roleName", 64)?;
    let doc = required(body, "PolicyDocument")?;
    let trust = parse(doc, PolicyKind::Trust).map_err(malformed)?;
    let r = cx
        .state
        .roles_mut()
        .get_mut(name)
        .ok_or_else(|| no_such_role(name))?;
    r.assume_role_policy_document = doc.to_string();
    r.parsed_trust = Some(trust);
    Ok(json!({}))
}

/// `SimulatePrincipalPolicy` for a role: each action on each resource (`*` when none are
/// given) evaluated against the role's inline policies, with the statement that decided.
fn simulate_principal_policy(cx: &mut Ctx<'_, Iam>, body: Body) -> Result<Value, ApiError> {
    let arn = required(body, "PolicySourceArn")?;
    let actions = body.list("ActionNames")?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::ParamValidationError,
            "Missing required parameter in input: \"ActionNames\"",
        )
    })?;
    let resources: Vec<&str> = match body.list("ResourceArns")? {
        Some(list) => list.iter().filter_map(Value::as_str).collect(),
        None => vec!["*"],
    };
    let role_name = arn
        .strip_prefix(&format!("arn:aws:iam::{}:role/", cx.config.account_id))
        .map(|rest| rest.rsplit('/').next().unwrap_or(rest))
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidInput,
                format!("Invalid ARN: {arn}. The principal must be a role in this account."),
            )
        })?;
    let role = cx
        .state
        .roles
        .get(role_name)
        .filter(|r| r.arn == arn)
        .ok_or_else(|| no_such_role(role_name))?;
    let mut results = Vec::new();
    for action in actions.iter().filter_map(Value::as_str) {
        for resource in &resources {
            let verdict = cx
                .state
                .evaluate_role(role, &Request::new(action, resource));
            let decision = match verdict.decision {
                Decision::Allow => "allowed",
                Decision::ExplicitDeny => "explicitDeny",
                Decision::ImplicitDeny => "implicitDeny",
            };
            let matched: Vec<Value> = verdict
                .statement
                .iter()
                .map(|s| json!({"SourcePolicyId": s.policy, "SourcePolicyType": "IAM Policy"}))
                .collect();
            results.push(json!({
                "EvalActionName": action,
                "EvalResourceName": resource,
                "EvalDecision": decision,
                "MatchedStatements": matched,
                "MissingContextValues": [],
            }));
        }
    }
    Ok(json!({ "EvaluationResults": results, "IsTruncated": false }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;

    #[test]
    fn role_lifecycle_and_errors() {
        let mut sb = Sandbox::default();
        let out = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "fh", "Path": "/service-role/", "AssumeRolePolicyDocument": TRUST}),
            )
            .unwrap();
        assert_eq!(
            out["Role"]["Arn"],
            "arn:aws:iam::123456789012:role/service-role/fh"
        );
        assert!(out["Role"]["RoleId"].as_str().unwrap().starts_with("AROA"));
        let e = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "fh", "AssumeRolePolicyDocument": TRUST}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "EntityAlreadyExists");
        assert_eq!(e.message(), Some("Role with name fh already exists."));
        let e = sb
            .call("IAM.GetRole", json!({"RoleName": "nope"}))
            .unwrap_err();
        assert_eq!(e.error_type(), "NoSuchEntity");
        assert_eq!(
            e.message(),
            Some("The role with name nope cannot be found.")
        );
        let e = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "x", "AssumeRolePolicyDocument": "{oops"}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "MalformedPolicyDocument");

        let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::b/*"}]}"#;
        sb.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p1", "PolicyDocument": doc}),
        )
        .unwrap();
        let got = sb
            .call(
                "IAM.GetRolePolicy",
                json!({"RoleName": "fh", "PolicyName": "p1"}),
            )
            .unwrap();
        assert_eq!(got["PolicyDocument"], doc);
        let list = sb
            .call("IAM.ListRolePolicies", json!({"RoleName": "fh"}))
            .unwrap();
        assert_eq!(list["PolicyNames"], json!(["p1"]));
        let e = sb
            .call(
                "IAM.PutRolePolicy",
                json!({"RoleName": "fh", "PolicyName": "p2", "PolicyDocument": "{\"Statement\": ["}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "MalformedPolicyDocument");
        assert!(e.message().unwrap().contains("line 1"));

        let role = sb.iam.role("fh").unwrap().clone();
        let req = Request::new("s3:PutObject", "arn:aws:s3:::b/key");
        assert!(sb
            .iam
            .authorize(&role.arn, "firehose.amazonaws.com", "123456789012", &req)
            .is_ok());
        assert_eq!(
            sb.iam
                .authorize(&role.arn, "lambda.amazonaws.com", "123456789012", &req)
                .unwrap_err(),
            RoleDenial::NotAssumable
        );

        let sim = sb
            .call(
                "IAM.SimulatePrincipalPolicy",
                json!({"PolicySourceArn": role.arn, "ActionNames": ["s3:PutObject", "s3:GetObject"],
                       "ResourceArns": ["arn:aws:s3:::b/key"]}),
            )
            .unwrap();
        assert_eq!(sim["EvaluationResults"][0]["EvalDecision"], "allowed");
        assert_eq!(
            sim["EvaluationResults"][0]["MatchedStatements"][0]["SourcePolicyId"],
            "p1"
        );
        assert_eq!(sim["EvaluationResults"][1]["EvalDecision"], "implicitDeny");
        let e = sb
            .call(
                "IAM.SimulatePrincipalPolicy",
                json!({"PolicySourceArn": "arn:aws:iam::123456789012:role/nope", "ActionNames": []}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "NoSuchEntity");

        sb.call(
            "IAM.DeleteRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p1"}),
        )
        .unwrap();
        let e = sb
            .call(
                "IAM.GetRolePolicy",
                json!({"RoleName": "fh", "PolicyName": "p1"}),
            )
            .unwrap_err();
        assert_eq!(
            e.message(),
            Some("The role policy with name p1 cannot be found.")
        );
        assert!(matches!(
            sb.iam
                .authorize(&role.arn, "firehose.amazonaws.com", "123456789012", &req),
            Err(RoleDenial::Denied(Verdict {
                decision: Decision::ImplicitDeny,
                ..
            }))
        ));
    }

    #[test]
    fn remembered_answers_are_forgotten_when_a_role_changes() {
        let mut sb = Sandbox::default();
        let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        let role = sb
            .call(
                "IAM.CreateRole",
                json!({"RoleName": "fh", "AssumeRolePolicyDocument": trust}),
            )
            .unwrap()["Role"]["Arn"]
            .as_str()
            .unwrap()
            .to_string();
        let (svc, acct) = ("firehose.amazonaws.com", "123456789012");
        let stream = "arn:aws:kinesis:us-east-1:123456789012:stream/s";
        let ask = |sb: &mut Sandbox| {
            sb.iam
                .allows(&role, svc, acct, "kinesis:GetRecords", stream)
        };
        assert!(!ask(&mut sb), "no policy yet");
        assert!(!ask(&mut sb), "asked twice, the same answer");
        let doc = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kinesis:Get*","Resource":"arn:aws:kinesis:*:*:stream/*"}]}"#;
        sb.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p", "PolicyDocument": doc}),
        )
        .unwrap();
        assert!(ask(&mut sb), "PutRolePolicy is seen at once");
        let deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
        sb.call(
            "IAM.UpdateAssumeRolePolicy",
            json!({"RoleName": "fh", "PolicyDocument": deny}),
        )
        .unwrap();
        assert!(!ask(&mut sb), "UpdateAssumeRolePolicy is seen at once");
        sb.call(
            "IAM.UpdateAssumeRolePolicy",
            json!({"RoleName": "fh", "PolicyDocument": trust}),
        )
        .unwrap();
        assert!(ask(&mut sb));
        sb.call(
            "IAM.DeleteRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p"}),
        )
        .unwrap();
        assert!(!ask(&mut sb), "DeleteRolePolicy is seen at once");
        sb.call("IAM.DeleteRole", json!({"RoleName": "fh"}))
            .unwrap();
        assert!(!ask(&mut sb));
        // A saved sandbox comes back without the remembered answers, and answers the same.
        let text = serde_json::to_string(&sb).unwrap();
        let mut back: Sandbox = serde_json::from_str(&text).unwrap();
        assert!(!ask(&mut back));
    }
}
