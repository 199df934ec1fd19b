//! A simulated Splunk HTTP Event Collector (HEC): what a Firehose Splunk destination delivers
//! to. It is the sandbox's own service, not an AWS one — on AWS this is the learner's Splunk
//! Enterprise or Splunk Cloud deployment. It has:
//!
//! - **HEC tokens** (a GUID drawn from the sandbox's RNG): a name, a default index, the indexes
//!   the token may write to (empty: any), enabled or disabled, indexer acknowledgement on or
//!   off (off by default, as in Splunk's "New Token" form);
//! - **indexes** (`main` from the start) holding the indexed events, newest last, at most
//!   [`KEPT_EVENTS`] in all;
//! - a **behaviour** to practise failures: answer normally, hold every acknowledgement back
//!   by N seconds, or answer 503 (server busy), optionally only for a while;
//! - a **search** (`GetSearchResults`) over the events with SPL-like terms (`index=main sourcetype=x FAIL`).
//!
//! `SplunkHec.*` is the API. Firehose hands a request over with [`Sandbox::hec_receive`]; the
//! HEC answers at once, and with indexer acknowledgement it says when the acknowledgement for
//! the request becomes available (the events are searchable as soon as they are received —
//! which is why data whose acknowledgement timed out may still have been indexed).
//!
//! How it differs from Splunk: one HEC (one URL, [`HEC_URL`]); a request with an error in it is
//! refused as a whole (Splunk indexes the events before the bad one); a token without indexer
//! acknowledgement refuses Firehose's request outright (nothing is indexed), where Splunk
//! would index it and only the acknowledgement query would fail.

use super::body::Body;
use super::context::Holds;
use super::registry::{changes, reads, Service};
use super::{ApiError, ErrorKind, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// The sandbox's HEC, as pasted into Firehose's "Splunk cluster endpoint".
pub const HEC_URL: &str = "https://hec.splunk.sandbox:8088";
/// The host the HEC stamps on events that don't name one.
pub const HEC_HOST: &str = "hec.splunk.sandbox";
/// Events kept across all indexes; the oldest go first.
pub const KEPT_EVENTS: usize = 10_000;
/// Search results returned at most.
pub const MAX_RESULTS: usize = 1_000;

/// How the HEC answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Behavior {
    Normal,
    /// Acknowledgements come this many seconds after the request.
    AckDelay,
    /// 503, "Server is busy".
    ServerError,
}

impl Behavior {
    const NAMES: &'static [&'static str] = &["NORMAL", "ACK_DELAY", "SERVER_ERROR"];

    fn parse(text: &str) -> Option<Behavior> {
        match text {
            "NORMAL" => Some(Behavior::Normal),
            "ACK_DELAY" => Some(Behavior::AckDelay),
            "SERVER_ERROR" => Some(Behavior::ServerError),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Behavior::Normal => "NORMAL",
            Behavior::AckDelay => "ACK_DELAY",
            Behavior::ServerError => "SERVER_ERROR",
        }
    }
}

/// Which HEC endpoint a request goes to: `/services/collector/raw` or `/services/collector/event`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndpointType {
    Raw,
    Event,
}

impl EndpointType {
    pub fn as_str(self) -> &'static str {
        match self {
            EndpointType::Raw => "Raw",
            EndpointType::Event => "Event",
        }
    }

    pub fn parse(text: &str) -> Option<EndpointType> {
        match text {
            "Raw" => Some(EndpointType::Raw),
            "Event" => Some(EndpointType::Event),
            _ => None,
        }
    }

    fn path(self) -> &'static str {
        match self {
            EndpointType::Raw => "/services/collector/raw",
            EndpointType::Event => "/services/collector/event",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Token {
    name: String,
    default_index: String,
    /// Indexes the token may write to; empty: any index.
    allowed_indexes: Vec<String>,
    enabled: bool,
    ack: bool,
    created: SimTime,
    /// Requests accepted with this token.
    #[serde(default)]
    requests: u64,
}

/// One indexed event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndexedEvent {
    /// `_time`, in milliseconds.
    pub time_ms: i64,
    pub index: String,
    pub host: String,
    pub source: String,
    pub sourcetype: String,
    pub raw: String,
}

impl IndexedEvent {
    fn to_json(&self) -> Value {
        json!({
            "_time": self.time_ms as f64 / 1000.0,
            "host": self.host,
            "source": self.source,
            "sourcetype": self.sourcetype,
            "index": self.index,
            "_raw": self.raw,
        })
    }

    fn field(&self, name: &str) -> Option<&str> {
        match name {
            "index" => Some(&self.index),
            "host" => Some(&self.host),
            "source" => Some(&self.source),
            "sourcetype" => Some(&self.sourcetype),
            _ => None,
        }
    }
}

/// The simulated Splunk: tokens (by value), indexes, events, behaviour.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Splunk {
    tokens: BTreeMap<String, Token>,
    indexes: Vec<String>,
    events: VecDeque<IndexedEvent>,
    behavior: Behavior,
    ack_delay_s: u32,
    /// The behaviour lasts until then; afterwards the HEC answers normally.
    until: Option<SimTime>,
}

impl Default for Splunk {
    fn default() -> Self {
        Splunk {
            tokens: BTreeMap::new(),
            indexes: vec!["main".to_string()],
            events: VecDeque::new(),
            behavior: Behavior::Normal,
            ack_delay_s: 0,
            until: None,
        }
    }
}

impl Splunk {
    fn behavior_at(&self, now: SimTime) -> Behavior {
        match self.until {
            Some(t) if now >= t => Behavior::Normal,
            _ => self.behavior,
        }
    }

    fn describe_behavior(&self, now: SimTime) -> Value {
        let b = self.behavior_at(now);
        let mut out = json!({ "Behavior": b.as_str() });
        if b == Behavior::AckDelay {
            out["AckDelaySeconds"] = json!(self.ack_delay_s);
        }
        if let Some(t) = self.until.filter(|t| *t > now) {
            out["Until"] = json!(t.epoch_millis() as f64 / 1000.0);
        }
        out
    }

    fn index_allowed(&self, t: &Token, index: &str) -> bool {
        self.indexes.iter().any(|i| i == index)
            && (t.allowed_indexes.is_empty()
                || index == t.default_index
                || t.allowed_indexes.iter().any(|i| i == index))
    }
}

type Cx<'a> = super::context::Ctx<'a, Splunk>;

fn describe_token(value: &str, t: &Token) -> Value {
    json!({
        "Token": value,
        "Name": t.name,
        "DefaultIndex": t.default_index,
        "AllowedIndexes": t.allowed_indexes,
        "Enabled": t.enabled,
        "IndexerAcknowledgement": t.ack,
        "Endpoint": HEC_URL,
        "CreationTime": t.created.epoch_millis() as f64 / 1000.0,
        "RequestsAccepted": t.requests,
    })
}

fn token_not_found(value: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("No HEC token {value} exists."),
    )
}

fn is_index_name(s: &str) -> bool {
    // Splunk: lowercase letters, digits, underscores and hyphens, not starting with _ or -.
    !s.is_empty()
        && !s.starts_with(['_', '-'])
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn read_indexes(
    v: &mut Validation,
    body: Body,
    path: &str,
) -> Result<Option<Vec<String>>, ApiError> {
    let Some(list) = body.list("AllowedIndexes")? else {
        return Ok(None);
    };
    let mut out = Vec::new();
    for item in list {
        match item.as_str() {
            Some(s) => out.push(s.to_string()),
            None => v.fail(None, path, "Member must be a string"),
        }
    }
    Ok(Some(out))
}

fn check_indexes_exist(state: &Splunk, names: &[&str]) -> Result<(), ApiError> {
    for n in names {
        if !state.indexes.iter().any(|i| i == n) {
            return Err(ApiError::invalid_argument(format!(
                "Index '{n}' does not exist. Create it first."
            )));
        }
    }
    Ok(())
}

fn create_token(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = v.required(body.string("Name")?, "name");
    if let Some(n) = name {
        v.string(n, "name", None, 1, 128);
    }
    let default_index = body.string("DefaultIndex")?.unwrap_or("main");
    let allowed = read_indexes(&mut v, body, "allowedIndexes")?.unwrap_or_default();
    let ack = body.boolean("IndexerAcknowledgement")?.unwrap_or(false);
    v.finish()?;
    let name = name.unwrap_or_default();
    if cx.state.tokens.values().any(|t| t.name == name) {
        return Err(ApiError::new(
            ErrorKind::ResourceInUseException,
            format!("A token named '{name}' already exists."),
        ));
    }
    let mut check: Vec<&str> = vec![default_index];
    check.extend(allowed.iter().map(String::as_str));
    check_indexes_exist(cx.state, &check)?;
    let value = guid(cx.rng);
    let token = Token {
        name: name.to_string(),
        default_index: default_index.to_string(),
        allowed_indexes: allowed,
        enabled: true,
        ack,
        created: cx.now,
        requests: 0,
    };
    let out = describe_token(&value, &token);
    cx.state.tokens.insert(value, token);
    Ok(out)
}

/// A GUID in Splunk's token form (`B5A79AAD-D822-46CC-80D1-819F80D7BFB0`).
fn guid(rng: &mut super::SandboxRng) -> String {
    rng.uuid_v4().to_ascii_uppercase()
}

fn token_of<'a>(body: Body<'a>) -> Result<&'a str, ApiError> {
    let mut v = Validation::new();
    let t = v.required(body.string("Token")?, "token");
    v.finish()?;
    Ok(t.unwrap_or_default())
}

fn update_token(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let value = token_of(body)?;
    let mut v = Validation::new();
    let allowed = read_indexes(&mut v, body, "allowedIndexes")?;
    v.finish()?;
    let default_index = body.string("DefaultIndex")?;
    let mut check: Vec<&str> = default_index.into_iter().collect();
    if let Some(a) = &allowed {
        check.extend(a.iter().map(String::as_str));
    }
    check_indexes_exist(cx.state, &check)?;
    let t = cx
        .state
        .tokens
        .get_mut(value)
        .ok_or_else(|| token_not_found(value))?;
    if let Some(e) = body.boolean("Enabled")? {
        t.enabled = e;
    }
    if let Some(a) = body.boolean("IndexerAcknowledgement")? {
        t.ack = a;
    }
    if let Some(i) = default_index {
        t.default_index = i.to_string();
    }
    if let Some(a) = allowed {
        t.allowed_indexes = a;
    }
    Ok(describe_token(value, t))
}

fn delete_token(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let value = token_of(body)?;
    cx.state
        .tokens
        .remove(value)
        .map(|_| json!({}))
        .ok_or_else(|| token_not_found(value))
}

fn list_tokens(cx: &mut Cx<'_>, _body: Body) -> Result<Value, ApiError> {
    Ok(json!({
        "Tokens": cx.state.tokens.iter().map(|(v, t)| describe_token(v, t)).collect::<Vec<_>>()
    }))
}

fn create_index(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = v.required(body.string("Name")?, "name");
    if let Some(n) = name {
        if !is_index_name(n) {
            v.fail(
                Some(n),
                "name",
                "Member must satisfy regular expression pattern: [a-z0-9][a-z0-9_-]*",
            );
        }
        v.string(n, "name", None, 1, 80);
    }
    v.finish()?;
    let name = name.unwrap_or_default();
    if cx.state.indexes.iter().any(|i| i == name) {
        return Err(ApiError::new(
            ErrorKind::ResourceInUseException,
            format!("Index '{name}' already exists."),
        ));
    }
    cx.state.indexes.push(name.to_string());
    Ok(json!({ "Name": name, "EventCount": 0 }))
}

fn indexes(state: &Splunk) -> Vec<Value> {
    state
        .indexes
        .iter()
        .map(|i| {
            json!({
                "Name": i,
                "EventCount": state.events.iter().filter(|e| &e.index == i).count(),
            })
        })
        .collect()
}

fn list_indexes(cx: &mut Cx<'_>, _body: Body) -> Result<Value, ApiError> {
    Ok(json!({ "Indexes": indexes(cx.state) }))
}

fn put_behavior(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let behavior = v.one_of(
        Some(body.string("Behavior")?.unwrap_or("NORMAL")),
        "behavior",
        Behavior::NAMES,
    );
    let delay = body.integer("AckDelaySeconds")?;
    if let Some(d) = delay {
        v.range(d, "ackDelaySeconds", 1, 3600);
    }
    let for_seconds = body.integer("ForSeconds")?;
    if let Some(s) = for_seconds {
        v.range(s, "forSeconds", 1, 86_400);
    }
    v.finish()?;
    let behavior = behavior.and_then(Behavior::parse).expect("validated");
    if behavior == Behavior::AckDelay && delay.is_none() {
        return Err(ApiError::invalid_argument(
            "ACK_DELAY needs AckDelaySeconds.",
        ));
    }
    let s = &mut *cx.state;
    s.behavior = behavior;
    s.ack_delay_s = delay.unwrap_or(0) as u32;
    s.until = for_seconds.map(|f| cx.now + Duration::from_secs(f as u64));
    Ok(s.describe_behavior(cx.now))
}

fn describe_hec(cx: &mut Cx<'_>, _body: Body) -> Result<Value, ApiError> {
    Ok(describe(cx.state, cx.now))
}

fn describe(s: &Splunk, now: SimTime) -> Value {
    let mut out = s.describe_behavior(now);
    out["Endpoint"] = json!(HEC_URL);
    out["Indexes"] = Value::Array(indexes(s));
    out["Tokens"] = Value::Array(s.tokens.iter().map(|(v, t)| describe_token(v, t)).collect());
    out["EventCount"] = json!(s.events.len());
    out
}

/// A search term: `field=value` (with `*` wildcards), `field!=value`, `NOT term`, or a word or
/// quoted phrase that `_raw` contains (case-insensitive; `*` a wildcard).
#[derive(Debug, Clone, PartialEq)]
enum Term {
    Field {
        name: String,
        value: String,
        negated: bool,
    },
    Text {
        text: String,
        negated: bool,
    },
}

fn tokenize(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse_query(query: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut negate = false;
    for word in tokenize(query) {
        if word == "NOT" {
            negate = true;
            continue;
        }
        if word == "AND" {
            continue;
        }
        let field = ["index", "host", "source", "sourcetype"]
            .iter()
            .find_map(|f| {
                let rest = word.strip_prefix(f)?;
                if let Some(v) = rest.strip_prefix("!=") {
                    Some((f, v, true))
                } else {
                    rest.strip_prefix('=').map(|v| (f, v, false))
                }
            });
        match field {
            Some((name, value, ne)) => terms.push(Term::Field {
                name: name.to_string(),
                value: value.to_string(),
                negated: ne != negate,
            }),
            None => terms.push(Term::Text {
                text: word.to_lowercase(),
                negated: negate,
            }),
        }
        negate = false;
    }
    terms
}

/// Whether `text` matches the glob `pattern` (`*` any run), case-insensitively.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.to_lowercase(), text.to_lowercase());
    let parts: Vec<&str> = p.split('*').collect();
    if parts.len() == 1 {
        return p == t;
    }
    let mut rest = t.as_str();
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    true
}

fn matches(terms: &[Term], e: &IndexedEvent) -> bool {
    terms.iter().all(|t| match t {
        Term::Field {
            name,
            value,
            negated,
        } => e.field(name).is_some_and(|f| glob(value, f)) != *negated,
        Term::Text { text, negated } => {
            let raw = e.raw.to_lowercase();
            let hit = if text.contains('*') {
                glob(&format!("*{text}*"), &raw)
            } else {
                raw.contains(text.as_str())
            };
            hit != *negated
        }
    })
}

fn search(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let query = body.string("Query")?.unwrap_or("");
    let earliest = body.timestamp_millis("EarliestTime")?;
    let latest = body.timestamp_millis("LatestTime")?;
    let mut v = Validation::new();
    let max = body.integer("MaxResults")?;
    if let Some(m) = max {
        v.range(m, "maxResults", 1, MAX_RESULTS as i64);
    }
    v.finish()?;
    Ok(run_search(
        cx.state,
        query,
        earliest,
        latest,
        max.map_or(100, |m| m as usize),
    ))
}

fn run_search(
    s: &Splunk,
    query: &str,
    earliest: Option<i64>,
    latest: Option<i64>,
    max: usize,
) -> Value {
    let mut terms = parse_query(query);
    // As Splunk: without `index=`, the default index (main) is searched.
    if !terms
        .iter()
        .any(|t| matches!(t, Term::Field { name, negated: false, .. } if name == "index"))
    {
        terms.push(Term::Field {
            name: "index".into(),
            value: "main".into(),
            negated: false,
        });
    }
    let mut found: Vec<&IndexedEvent> = s
        .events
        .iter()
        .filter(|e| earliest.is_none_or(|t| e.time_ms >= t))
        .filter(|e| latest.is_none_or(|t| e.time_ms < t))
        .filter(|e| matches(&terms, e))
        .collect();
    // Newest first; among equal times, the one indexed last first.
    found.reverse();
    found.sort_by_key(|e| std::cmp::Reverse(e.time_ms));
    let total = found.len();
    json!({
        "Total": total,
        "Results": found.iter().take(max).map(|e| e.to_json()).collect::<Vec<_>>(),
    })
}

/// A request from Firehose to the HEC.
#[derive(Debug, Clone, Copy)]
pub struct HecRequest<'a> {
    /// The `HECEndpoint` as configured.
    pub endpoint: &'a str,
    pub endpoint_type: EndpointType,
    /// `Authorization: Splunk <token>`.
    pub token: &'a str,
    pub body: &'a [u8],
}

/// The HEC's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HecAnswer {
    /// Nothing listens at that URL.
    NoConnection,
    /// An HTTP status with Splunk's `{"text": …, "code": …}`; `ack_in` when the request was
    /// accepted with indexer acknowledgement: when its acknowledgement is available.
    Answered {
        status: u16,
        code: u32,
        text: String,
        ack_in: Option<Duration>,
    },
}

impl HecAnswer {
    fn error(status: u16, code: u32, text: &str) -> HecAnswer {
        HecAnswer::Answered {
            status,
            code,
            text: text.to_string(),
            ack_in: None,
        }
    }
}

/// Whether `endpoint` names the sandbox's HEC (with or without a trailing `/`, or the
/// collector's path).
fn is_hec(endpoint: &str, t: EndpointType) -> bool {
    let e = endpoint.trim_end_matches('/');
    e == HEC_URL || e == format!("{HEC_URL}{}", t.path())
}

/// An event-endpoint body: concatenated `{"event": …}` objects, or why not.
fn parse_events(body: &[u8]) -> Option<Vec<Value>> {
    let mut out = Vec::new();
    for v in serde_json::Deserializer::from_slice(body).into_iter::<Value>() {
        let v = v.ok()?;
        let event = v.get("event")?;
        if event.is_null() || event.as_str() == Some("") {
            return None;
        }
        out.push(v);
    }
    (!out.is_empty()).then_some(out)
}

fn time_of(v: &Value) -> Option<i64> {
    let t = v.get("time")?;
    let secs = t.as_f64().or_else(|| t.as_str()?.parse::<f64>().ok())?;
    Some((secs * 1000.0).round() as i64)
}

impl Sandbox {
    /// The HEC as DescribeHec answers it (without logging a call), for the page.
    pub fn splunk_hec(&self) -> Value {
        describe(&self.splunk, self.now)
    }

    /// A search as `SplunkHec.GetSearchResults` answers it, without logging a call (the page's results).
    pub fn splunk_search(
        &self,
        query: &str,
        earliest_ms: Option<i64>,
        latest_ms: Option<i64>,
    ) -> Value {
        run_search(&self.splunk, query, earliest_ms, latest_ms, MAX_RESULTS)
    }

    /// The HEC receives `request` now: checks it, indexes its events and answers.
    pub(crate) fn hec_receive(&mut self, request: HecRequest<'_>) -> HecAnswer {
        let cx: Cx<'_> = self.ctx();
        let now = cx.now;
        let s = cx.state;
        if !is_hec(request.endpoint, request.endpoint_type) {
            return HecAnswer::NoConnection;
        }
        let behavior = s.behavior_at(now);
        if behavior == Behavior::ServerError {
            return HecAnswer::error(503, 9, "Server is busy");
        }
        let Some(token) = s.tokens.get(request.token) else {
            return HecAnswer::error(403, 4, "Invalid token");
        };
        if !token.enabled {
            return HecAnswer::error(403, 1, "Token disabled");
        }
        if !token.ack {
            return HecAnswer::error(400, 14, "ACK is disabled");
        }
        let source = format!("http:{}", token.name);
        let mut events = Vec::new();
        match request.endpoint_type {
            EndpointType::Raw => {
                // Line breaking: one event per non-empty line.
                let text = String::from_utf8_lossy(request.body);
                for line in text.split('\n') {
                    let line = line.trim_end_matches('\r');
                    if line.trim().is_empty() {
                        continue;
                    }
                    events.push(IndexedEvent {
                        time_ms: now.epoch_millis(),
                        index: token.default_index.clone(),
                        host: HEC_HOST.to_string(),
                        source: source.clone(),
                        sourcetype: "httpevent".to_string(),
                        raw: line.to_string(),
                    });
                }
            }
            EndpointType::Event => {
                let Some(parsed) = parse_events(request.body) else {
                    return HecAnswer::error(400, 6, "Invalid data format");
                };
                for v in parsed {
                    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
                    let raw = match &v["event"] {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    events.push(IndexedEvent {
                        time_ms: time_of(&v).unwrap_or(now.epoch_millis()),
                        index: text("index").unwrap_or_else(|| token.default_index.clone()),
                        host: text("host").unwrap_or_else(|| HEC_HOST.to_string()),
                        source: text("source").unwrap_or_else(|| source.clone()),
                        sourcetype: text("sourcetype").unwrap_or_else(|| "httpevent".to_string()),
                        raw,
                    });
                }
            }
        }
        if events.iter().any(|e| !s.index_allowed(token, &e.index)) {
            return HecAnswer::error(400, 7, "Incorrect index");
        }
        let value = request.token.to_string();
        s.events.extend(events);
        while s.events.len() > KEPT_EVENTS {
            s.events.pop_front();
        }
        if let Some(t) = s.tokens.get_mut(&value) {
            t.requests += 1;
        }
        let ack_in = match behavior {
            Behavior::AckDelay => Duration::from_secs(u64::from(s.ack_delay_s)),
            _ => Duration::ZERO,
        };
        HecAnswer::Answered {
            status: 200,
            code: 0,
            text: "Success".to_string(),
            ack_in: Some(ack_in),
        }
    }
}

/// The simulated Splunk HEC in the registry.
pub const SERVICE: Service = Service {
    prefix: "SplunkHec",
    operations: &[
        reads("DescribeHec", |sb, body| describe_hec(&mut sb.ctx(), body)),
        changes("CreateToken", |sb, body| create_token(&mut sb.ctx(), body)),
        changes("UpdateToken", |sb, body| update_token(&mut sb.ctx(), body)),
        changes("DeleteToken", |sb, body| delete_token(&mut sb.ctx(), body)),
        reads("ListTokens", |sb, body| list_tokens(&mut sb.ctx(), body)),
        changes("CreateIndex", |sb, body| create_index(&mut sb.ctx(), body)),
        reads("ListIndexes", |sb, body| list_indexes(&mut sb.ctx(), body)),
        changes("PutBehavior", |sb, body| put_behavior(&mut sb.ctx(), body)),
        reads("GetSearchResults", |sb, body| search(&mut sb.ctx(), body)),
    ],
    resource_fields: &["Token", "Name"],
    on_time_passed: None,
    cli: None,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_and_terms() {
        assert!(glob("aws:*", "aws:cloudtrail"));
        assert!(!glob("aws:*", "linux"));
        assert!(glob("*fail*", "a FAILURE here"));
        let t = parse_query("index=main sourcetype=\"my app\" NOT debug FAIL");
        assert_eq!(t.len(), 4);
        assert!(matches!(&t[1], Term::Field { value, .. } if value == "my app"));
        assert!(matches!(&t[2], Term::Text { negated: true, .. }));
    }

    #[test]
    fn event_bodies() {
        assert_eq!(
            parse_events(br#"{"event":"a"}{"event":{"x":1},"time":1.5}"#).map(|v| v.len()),
            Some(2)
        );
        assert!(parse_events(br#"{"event":"a"}garbage"#).is_none());
        assert!(parse_events(br#"{"message":"a"}"#).is_none());
        assert!(parse_events(b"").is_none());
    }
}
