//! IAM policy documents: parsing with located errors, and AWS's evaluation logic (an explicit
//! deny wins, then an allow, otherwise the default deny).

use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Why a policy document was rejected, with the line and column (1-based) where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{} (line {l}, column {c})", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

fn err(message: impl Into<String>) -> PolicyError {
    PolicyError {
        message: message.into(),
        line: None,
        column: None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// `Action` / `NotAction`, `Resource` / `NotResource`, `Principal` / `NotPrincipal`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    Is(Vec<String>),
    Not(Vec<String>),
}

/// A principal block: `"*"` or `{"Service": [...], "AWS": [...], ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    Anyone,
    Of(BTreeMap<String, Vec<String>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub sid: Option<String>,
    pub effect: Effect,
    pub principal: Option<(bool, Principal)>,
    pub actions: Matcher,
    pub resources: Option<Matcher>,
    pub conditions: Vec<Condition>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub version: Option<String>,
    pub statements: Vec<Statement>,
}

/// Which kind of document is being parsed: they differ in required fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyKind {
    /// An identity (permissions) policy: needs `Resource`, forbids `Principal`.
    Permissions,
    /// A role's trust policy: needs `Principal`, forbids `Resource`.
    Trust,
}

fn strings(v: &Value, field: &str) -> Result<Vec<String>, PolicyError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::String(s) => Ok(s.clone()),
                Value::Bool(b) => Ok(b.to_string()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(err(format!(
                    "Syntax errors in policy: {field} must hold strings."
                ))),
            })
            .collect(),
        Value::Bool(b) => Ok(vec![b.to_string()]),
        Value::Number(n) => Ok(vec![n.to_string()]),
        _ => Err(err(format!(
            "Syntax errors in policy: {field} must be a string or a list of strings."
        ))),
    }
}

fn principal(v: &Value) -> Result<Principal, PolicyError> {
    match v {
        Value::String(s) if s == "*" => Ok(Principal::Anyone),
        Value::Object(map) => {
            let mut out = BTreeMap::new();
            for (k, v) in map {
                out.insert(k.clone(), strings(v, "Principal")?);
            }
            Ok(Principal::Of(out))
        }
        _ => Err(err("Invalid principal in policy")),
    }
}

const OPERATORS: &[&str] = &[
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "Bool",
    "ArnEquals",
    "ArnNotEquals",
    "ArnLike",
    "ArnNotLike",
    "IpAddress",
    "NotIpAddress",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "BinaryEquals",
    "Null",
];

fn base_operator(op: &str) -> &str {
    let op = op
        .strip_prefix("ForAnyValue:")
        .or_else(|| op.strip_prefix("ForAllValues:"))
        .unwrap_or(op);
    op.strip_suffix("IfExists").unwrap_or(op)
}

fn statement(v: &Value, kind: PolicyKind) -> Result<Statement, PolicyError> {
    let Value::Object(m) = v else {
        return Err(err(
            "Syntax errors in policy: a statement must be an object.",
        ));
    };
    for key in m.keys() {
        if !matches!(
            key.as_str(),
            "Sid"
                | "Effect"
                | "Principal"
                | "NotPrincipal"
                | "Action"
                | "NotAction"
                | "Resource"
                | "NotResource"
                | "Condition"
        ) {
            return Err(err(format!(
                "Syntax errors in policy: unknown field {key}."
            )));
        }
    }
    let sid = match m.get("Sid") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(err("Syntax errors in policy: Sid must be a string.")),
    };
    let effect = match m.get("Effect") {
        Some(Value::String(s)) if s == "Allow" => Effect::Allow,
        Some(Value::String(s)) if s == "Deny" => Effect::Deny,
        Some(Value::String(s)) => return Err(err(format!("Invalid effect: {s}"))),
        Some(_) => return Err(err("Syntax errors in policy: Effect must be a string.")),
        None => return Err(err("Missing required field Effect")),
    };
    let actions = match (m.get("Action"), m.get("NotAction")) {
        (Some(a), None) => Matcher::Is(strings(a, "Action")?),
        (None, Some(a)) => Matcher::Not(strings(a, "NotAction")?),
        (Some(_), Some(_)) => {
            return Err(err(
                "Syntax errors in policy: a statement can't have both Action and NotAction.",
            ))
        }
        (None, None) => return Err(err("Policy statement must contain actions.")),
    };
    let actions_list = match &actions {
        Matcher::Is(a) | Matcher::Not(a) => a,
    };
    for a in actions_list {
        if a != "*" && !a.contains(':') {
            return Err(err(format!(
                "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc. ({a})"
            )));
        }
    }
    let resources =
        match (m.get("Resource"), m.get("NotResource")) {
            (Some(r), None) => Some(Matcher::Is(strings(r, "Resource")?)),
            (None, Some(r)) => Some(Matcher::Not(strings(r, "NotResource")?)),
            (Some(_), Some(_)) => return Err(err(
                "Syntax errors in policy: a statement can't have both Resource and NotResource.",
            )),
            (None, None) => None,
        };
    let principal =
        match (m.get("Principal"), m.get("NotPrincipal")) {
            (Some(p), None) => Some((false, principal(p)?)),
            (None, Some(p)) => Some((true, principal(p)?)),
            (None, None) => None,
            (Some(_), Some(_)) => return Err(err(
                "Syntax errors in policy: a statement can't have both Principal and NotPrincipal.",
            )),
        };
    match kind {
        PolicyKind::Permissions => {
            if principal.is_some() {
                return Err(err("Policy document should not specify a principal."));
            }
            if resources.is_none() {
                return Err(err("Policy statement must contain resources."));
            }
        }
        PolicyKind::Trust => {
            if resources.is_some() {
                return Err(err("Has prohibited field Resource"));
            }
            if principal.is_none() {
                return Err(err("Missing required field Principal"));
            }
        }
    }
    let mut conditions = Vec::new();
    match m.get("Condition") {
        None => {}
        Some(Value::Object(ops)) => {
            for (op, block) in ops {
                if !OPERATORS.contains(&base_operator(op)) {
                    return Err(err(format!("Invalid Condition type : {op}")));
                }
                let Value::Object(keys) = block else {
                    return Err(err(format!(
                        "Syntax errors in policy: {op} must map condition keys to values."
                    )));
                };
                for (key, values) in keys {
                    conditions.push(Condition {
                        operator: op.clone(),
                        key: key.clone(),
                        values: strings(values, "Condition")?,
                    });
                }
            }
        }
        Some(_) => return Err(err("Syntax errors in policy: Condition must be an object.")),
    }
    Ok(Statement {
        sid,
        effect,
        principal,
        actions,
        resources,
        conditions,
    })
}

/// Parses a policy document. Malformed JSON gives the line and column of the fault.
pub fn parse(text: &str, kind: PolicyKind) -> Result<Policy, PolicyError> {
    let value: Value = serde_json::from_str(text).map_err(|e| PolicyError {
        // serde_json's text ends with the position, which Display adds once already.
        message: {
            let full = e.to_string();
            let at = format!(" at line {} column {}", e.line(), e.column());
            format!(
                "Syntax errors in policy: {}",
                full.strip_suffix(&at).unwrap_or(&full)
            )
        },
        line: Some(e.line()),
        column: Some(e.column()),
    })?;
    let Value::Object(m) = &value else {
        return Err(err(
            "Syntax errors in policy: the document must be a JSON object.",
        ));
    };
    let version = match m.get("Version") {
        None => None,
        Some(Value::String(v)) if v == "2012-10-17" || v == "2008-10-17" => Some(v.clone()),
        Some(_) => return Err(err("The policy must contain a valid version string")),
    };
    let statements = match m.get("Statement") {
        Some(Value::Array(items)) => items
            .iter()
            .map(|s| statement(s, kind))
            .collect::<Result<Vec<_>, _>>()?,
        Some(s @ Value::Object(_)) => vec![statement(s, kind)?],
        Some(_) => return Err(err("Syntax errors in policy: Statement must be a list.")),
        None => return Err(err("Missing required field Statement")),
    };
    Ok(Policy {
        version,
        statements,
    })
}

/// `*` matches any run of characters, `?` exactly one.
pub fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // The common case, without allocating: every Firehose action is checked this way.
        let eq = |a: u8, b: u8| {
            if ignore_case {
                a.eq_ignore_ascii_case(&b)
            } else {
                a == b
            }
        };
        return wildcard(pattern.as_bytes(), text.as_bytes(), eq);
    }
    let norm = |s: &str| -> Vec<char> {
        if ignore_case {
            s.to_lowercase().chars().collect()
        } else {
            s.chars().collect()
        }
    };
    let (p, t) = (norm(pattern), norm(text));
    wildcard(&p, &t, |a, b| a == b)
}

/// `*` and `?` matching over any symbols, `eq` deciding when two symbols are the same.
fn wildcard<T: Copy + PartialEq + From<u8>>(p: &[T], t: &[T], eq: impl Fn(T, T) -> bool) -> bool {
    let (any, one) = (T::from(b'*'), T::from(b'?'));
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == one || eq(p[pi], t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == any {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == any {
        pi += 1;
    }
    pi == p.len()
}

/// `ArnLike`: each of the six colon-separated parts is matched on its own.
pub fn arn_like(pattern: &str, arn: &str) -> bool {
    let p: Vec<&str> = pattern.splitn(6, ':').collect();
    let a: Vec<&str> = arn.splitn(6, ':').collect();
    p.len() == 6 && a.len() == 6 && p.iter().zip(&a).all(|(p, a)| glob(p, a, false))
}

/// What an action is asked on: the action, the resource ARN, the calling principal (for trust
/// policies: `("Service", "firehose.amazonaws.com")`) and the request's condition keys.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub action: String,
    pub resource: String,
    pub principal: Option<(String, String)>,
    /// Condition keys (any case) and their values.
    pub context: BTreeMap<String, Vec<String>>,
}

impl Request {
    pub fn new(action: &str, resource: &str) -> Self {
        Self {
            action: action.to_string(),
            resource: resource.to_string(),
            ..Default::default()
        }
    }

    pub fn with(mut self, key: &str, value: &str) -> Self {
        self.context
            .entry(key.to_ascii_lowercase())
            .or_default()
            .push(value.to_string());
        self
    }

    pub fn by_service(mut self, service: &str) -> Self {
        self.principal = Some(("Service".into(), service.into()));
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Decision {
    Allow,
    ExplicitDeny,
    /// No statement allowed it: the default deny.
    ImplicitDeny,
}

/// The statement that decided, named by its policy, position (0-based) and Sid.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DecidingStatement {
    pub policy: String,
    pub index: usize,
    pub sid: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Verdict {
    pub decision: Decision,
    pub statement: Option<DecidingStatement>,
}

impl Verdict {
    pub fn allowed(&self) -> bool {
        self.decision == Decision::Allow
    }
}

fn matches_list(list: &[String], value: &str, ignore_case: bool) -> bool {
    list.iter().any(|p| glob(p, value, ignore_case))
}

fn principal_matches(p: &Principal, req: &Request) -> bool {
    match p {
        Principal::Anyone => true,
        Principal::Of(map) => req.principal.as_ref().is_some_and(|(kind, id)| {
            map.get(kind)
                .is_some_and(|ids| ids.iter().any(|i| i == "*" || i == id))
        }),
    }
}

fn condition_holds(c: &Condition, req: &Request) -> bool {
    let op = c.operator.as_str();
    let if_exists = op.ends_with("IfExists");
    let base = base_operator(op);
    let present = req.context.get(&c.key.to_ascii_lowercase());
    if base == "Null" {
        let want_missing = c.values.iter().any(|v| v.eq_ignore_ascii_case("true"));
        return want_missing == present.is_none();
    }
    let negated = base.contains("Not");
    let Some(actual) = present else {
        // A missing key: `...IfExists` holds, a negated operator holds, the rest fail.
        return if_exists || negated;
    };
    let one = |a: &str, v: &str| -> bool {
        match base {
            "StringEquals" | "StringNotEquals" => a == v,
            "StringEqualsIgnoreCase" | "StringNotEqualsIgnoreCase" => a.eq_ignore_ascii_case(v),
            "StringLike" | "StringNotLike" => glob(v, a, false),
            "ArnEquals" | "ArnNotEquals" | "ArnLike" | "ArnNotLike" => arn_like(v, a),
            "Bool" => a.eq_ignore_ascii_case(v),
            b if b.starts_with("Numeric") => {
                let (Ok(x), Ok(y)) = (a.parse::<f64>(), v.parse::<f64>()) else {
                    return false;
                };
                match b {
                    "NumericEquals" | "NumericNotEquals" => x == y,
                    "NumericLessThan" => x < y,
                    "NumericLessThanEquals" => x <= y,
                    "NumericGreaterThan" => x > y,
                    _ => x >= y,
                }
            }
            // Dates compare as ISO-8601 text, which orders like time for one format.
            "DateEquals" | "DateNotEquals" => a == v,
            "DateLessThan" => a < v,
            "DateLessThanEquals" => a <= v,
            "DateGreaterThan" => a > v,
            "DateGreaterThanEquals" => a >= v,
            _ => a == v,
        }
    };
    let any = actual.iter().any(|a| c.values.iter().any(|v| one(a, v)));
    if negated {
        !any
    } else {
        any
    }
}

/// Does `statement` apply to `req` (ignoring its effect)?
pub fn statement_applies(s: &Statement, req: &Request) -> bool {
    let action_ok = match &s.actions {
        Matcher::Is(a) => matches_list(a, &req.action, true),
        Matcher::Not(a) => !matches_list(a, &req.action, true),
    };
    let resource_ok = match &s.resources {
        None => true,
        Some(Matcher::Is(r)) => matches_list(r, &req.resource, false),
        Some(Matcher::Not(r)) => !matches_list(r, &req.resource, false),
    };
    let principal_ok = match &s.principal {
        None => true,
        Some((false, p)) => principal_matches(p, req),
        Some((true, p)) => !principal_matches(p, req),
    };
    action_ok && resource_ok && principal_ok && s.conditions.iter().all(|c| condition_holds(c, req))
}

/// AWS's evaluation over a set of named policies: any matching `Deny` decides, else the first
/// matching `Allow`, else the implicit deny.
pub fn evaluate<'a>(
    policies: impl IntoIterator<Item = (&'a str, &'a Policy)>,
    req: &Request,
) -> Verdict {
    let mut allow: Option<DecidingStatement> = None;
    for (name, policy) in policies {
        for (index, s) in policy.statements.iter().enumerate() {
            if !statement_applies(s, req) {
                continue;
            }
            let found = DecidingStatement {
                policy: name.to_string(),
                index,
                sid: s.sid.clone().filter(|s| !s.is_empty()),
            };
            match s.effect {
                Effect::Deny => {
                    return Verdict {
                        decision: Decision::ExplicitDeny,
                        statement: Some(found),
                    }
                }
                Effect::Allow => {
                    allow.get_or_insert(found);
                }
            }
        }
    }
    match allow {
        Some(s) => Verdict {
            decision: Decision::Allow,
            statement: Some(s),
        },
        None => Verdict {
            decision: Decision::ImplicitDeny,
            statement: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Policy {
        parse(text, PolicyKind::Permissions).unwrap()
    }

    fn decide(policy: &Policy, req: &Request) -> Decision {
        evaluate([("p", policy)], req).decision
    }

    #[test]
    fn glob_wildcards() {
        assert!(glob("kinesis:Get*", "kinesis:GetRecords", false));
        assert!(glob("kinesis:Get?ecords", "kinesis:GetRecords", false));
        assert!(!glob("kinesis:Get?", "kinesis:GetRecords", false));
        assert!(glob("*", "", false));
        assert!(glob("a*b*c", "aXXbYYc", false));
        assert!(!glob("a*b*c", "aXXbYY", false));
        assert!(glob("KINESIS:getrecords", "kinesis:GetRecords", true));
        assert!(arn_like("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/a/b"));
        assert!(!arn_like("arn:aws:kinesis:*:*:stream/a*", "arn:aws:s3:::a"));
    }

    #[test]
    fn evaluation_table() {
        let allow_get = p(r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["kinesis:Get*","kinesis:DescribeStream"],
             "Resource":"arn:aws:kinesis:us-east-1:123456789012:stream/in*"}]}"#);
        let deny_records = p(r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"NoRecords","Effect":"Deny","Action":"kinesis:getrecords","Resource":"*"}]}"#);
        let not_action = p(r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","NotAction":"s3:DeleteObject","NotResource":"arn:aws:s3:::secret/*"}]}"#);
        let stream = "arn:aws:kinesis:us-east-1:123456789012:stream/input";
        let other = "arn:aws:kinesis:us-east-1:123456789012:stream/other";
        let cases: Vec<(&Policy, Request, Decision)> = vec![
            (
                &allow_get,
                Request::new("kinesis:GetRecords", stream),
                Decision::Allow,
            ),
            (
                &allow_get,
                Request::new("KINESIS:GETRECORDS", stream),
                Decision::Allow,
            ),
            (
                &allow_get,
                Request::new("kinesis:GetRecords", other),
                Decision::ImplicitDeny,
            ),
            (
                &allow_get,
                Request::new("kinesis:PutRecord", stream),
                Decision::ImplicitDeny,
            ),
            (
                &deny_records,
                Request::new("kinesis:GetRecords", stream),
                Decision::ExplicitDeny,
            ),
            (
                &not_action,
                Request::new("s3:PutObject", "arn:aws:s3:::b/k"),
                Decision::Allow,
            ),
            (
                &not_action,
                Request::new("s3:DeleteObject", "arn:aws:s3:::b/k"),
                Decision::ImplicitDeny,
            ),
            (
                &not_action,
                Request::new("s3:PutObject", "arn:aws:s3:::secret/k"),
                Decision::ImplicitDeny,
            ),
        ];
        for (policy, req, want) in cases {
            assert_eq!(decide(policy, &req), want, "{req:?}");
        }
        // Explicit deny wins over any allow, whichever policy holds it.
        let v = evaluate(
            [("allow", &allow_get), ("deny", &deny_records)],
            &Request::new("kinesis:GetRecords", stream),
        );
        assert_eq!(v.decision, Decision::ExplicitDeny);
        assert_eq!(v.statement.unwrap().sid.as_deref(), Some("NoRecords"));
        let v = evaluate(
            [("allow", &allow_get), ("deny", &deny_records)],
            &Request::new("kinesis:GetShardIterator", stream),
        );
        assert_eq!(
            v.statement,
            Some(DecidingStatement {
                policy: "allow".into(),
                index: 0,
                sid: Some("Read".into())
            })
        );
    }

    #[test]
    fn conditions() {
        let kms = p(r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
            "Action":["kms:GenerateDataKey","kms:Decrypt"],"Resource":"*",
            "Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"},
                         "StringLike":{"kms:EncryptionContext:aws:s3:arn":["arn:aws:s3:::bucket/*"]}}}]}"#);
        let ok = Request::new("kms:GenerateDataKey", "arn:aws:kms:us-east-1:1:key/k")
            .with("kms:ViaService", "s3.us-east-1.amazonaws.com")
            .with(
                "kms:EncryptionContext:aws:s3:arn",
                "arn:aws:s3:::bucket/2026/x",
            );
        assert_eq!(decide(&kms, &ok), Decision::Allow);
        let wrong_bucket = Request::new("kms:GenerateDataKey", "k")
            .with("kms:ViaService", "s3.us-east-1.amazonaws.com")
            .with("kms:EncryptionContext:aws:s3:arn", "arn:aws:s3:::other/x");
        assert_eq!(decide(&kms, &wrong_bucket), Decision::ImplicitDeny);
        let missing = Request::new("kms:Decrypt", "k");
        assert_eq!(decide(&kms, &missing), Decision::ImplicitDeny);

        let neg = p(
            r#"{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*",
            "Condition":{"StringNotEquals":{"aws:SourceAccount":"123456789012"}}},
            {"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
        );
        assert_eq!(
            decide(
                &neg,
                &Request::new("s3:GetObject", "x").with("aws:SourceAccount", "999")
            ),
            Decision::ExplicitDeny
        );
        assert_eq!(
            decide(
                &neg,
                &Request::new("s3:GetObject", "x").with("aws:SourceAccount", "123456789012")
            ),
            Decision::Allow
        );
        let if_exists = p(
            r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*",
            "Condition":{"StringEqualsIfExists":{"aws:RequestedRegion":"us-east-1"},
                         "ArnLike":{"aws:SourceArn":"arn:aws:firehose:*:*:deliverystream/*"},
                         "NumericLessThan":{"s3:max-keys":"10"}}}]}"#,
        );
        let r = Request::new("a:b", "x")
            .with(
                "aws:SourceArn",
                "arn:aws:firehose:us-east-1:1:deliverystream/f",
            )
            .with("s3:max-keys", "5");
        assert_eq!(decide(&if_exists, &r), Decision::Allow);
        let r = r.with("aws:RequestedRegion", "eu-west-1");
        assert_eq!(decide(&if_exists, &r), Decision::ImplicitDeny);
    }

    #[test]
    fn trust_policies_match_principals() {
        let trust = parse(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                "Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
            PolicyKind::Trust,
        )
        .unwrap();
        let ok = Request::new("sts:AssumeRole", "role").by_service("firehose.amazonaws.com");
        assert_eq!(decide(&trust, &ok), Decision::Allow);
        let other = Request::new("sts:AssumeRole", "role").by_service("lambda.amazonaws.com");
        assert_eq!(decide(&trust, &other), Decision::ImplicitDeny);
    }

    #[test]
    fn malformed_documents_are_located() {
        let e = parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",}\n  ]\n}", PolicyKind::Permissions).unwrap_err();
        assert_eq!(e.line, Some(4));
        assert!(e.message.starts_with("Syntax errors in policy"));
        // The position is said once, by Display.
        let shown = e.to_string();
        assert_eq!(shown.matches("line").count(), 1, "{shown}");
        assert!(shown.ends_with("(line 4, column 24)"), "{shown}");
        let e = parse(
            r#"{"Statement":[{"Effect":"Allw","Action":"s3:*","Resource":"*"}]}"#,
            PolicyKind::Permissions,
        )
        .unwrap_err();
        assert_eq!(e.message, "Invalid effect: Allw");
        let e = parse(
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:*"}]}"#,
            PolicyKind::Permissions,
        )
        .unwrap_err();
        assert_eq!(e.message, "Policy statement must contain resources.");
        let e = parse(
            r#"{"Statement":[{"Effect":"Allow","Action":"GetObject","Resource":"*"}]}"#,
            PolicyKind::Permissions,
        )
        .unwrap_err();
        assert!(e
            .message
            .starts_with("Actions/Conditions must be prefaced by a vendor"));
        let e = parse(r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringSorta":{"a":"b"}}}]}"#, PolicyKind::Permissions).unwrap_err();
        assert_eq!(e.message, "Invalid Condition type : StringSorta");
    }
}
