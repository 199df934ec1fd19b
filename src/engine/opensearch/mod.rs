//! Amazon OpenSearch Service (`OpenSearch.*`): domains, and inside each domain its indices
//! and documents.
//!
//! - The control plane has AWS's operation and field names (boto3 `opensearch` 2021-01-01):
//!   `CreateDomain`, `DescribeDomain`, `ListDomainNames`, `DeleteDomain`. A new domain is
//!   `Processing` for [`CREATE_DELAY_MS`] of simulated time, then active with its endpoint
//!   `search-<name>-<id>.<region>.es.amazonaws.com`; a deleted one is `Deleted` and gone a
//!   minute later, its data with it.
//! - The data plane is the REST API's `_bulk` and `_search` as JSON operations: `Bulk`
//!   (`{"DomainName", "Body": "<ndjson>"}`, what Firehose sends, typed as [`bulk_typed`]) and
//!   `Search` (`{"DomainName", "Index": "<pattern>", "Body": {query, size, from, sort,
//!   aggs}}`, answered in OpenSearch's shape; see `search.rs`).
//! - `PutDomainBehaviour` is the sandbox's own: it makes a domain answer bulk requests too late
//!   (the documents are indexed, the caller sees a timeout), to show retries' duplicates.
//!
//! How the sandbox differs from AWS: no cluster configuration to speak of (one
//! `r6g.large.search` node), no mappings (fields are typed by their JSON values; `term` on a
//! string compares the whole value, `match` and `query_string` its words), no access policy
//! on the domain (the caller's role is what Firehose checks).

mod cli;
pub mod search;

use super::body::Body;
use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service, Target};
use super::{ApiError, ErrorKind, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

/// From CreateDomain to active (AWS takes 15–20 minutes; the sandbox a few).
pub const CREATE_DELAY_MS: i64 = 3 * 60_000;
/// From DeleteDomain to gone.
pub const DELETE_DELAY_MS: i64 = 60_000;
/// The engine versions CreateDomain offers (the newest first; the first is the default).
pub const ENGINE_VERSIONS: &[&str] = &[
    "OpenSearch_2.19",
    "OpenSearch_2.17",
    "OpenSearch_2.13",
    "OpenSearch_2.11",
    "OpenSearch_1.3",
    "Elasticsearch_7.10",
    "Elasticsearch_6.8",
];
/// Domains per account and region (AWS's default quota).
pub const MAX_DOMAINS: usize = 100;

/// How a domain answers bulk requests (the sandbox's own switch).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Behaviour {
    #[default]
    Normal,
    /// Bulk requests are indexed, but the answer comes after the caller's timeout.
    SlowResponses,
}

/// One document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub source: Value,
    /// `_version`: 1, then one more each time the same id is written.
    pub version: u64,
    /// When it was (last) indexed.
    pub indexed: SimTime,
}

/// One index: its documents in the order they were first written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IndexData {
    pub created: SimTime,
    /// The mapping type the index was created with (Elasticsearch 6.x's one type per index).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    pub docs: Vec<Document>,
    /// Position of each id in `docs`.
    #[serde(skip)]
    by_id: BTreeMap<String, usize>,
}

impl IndexData {
    fn position(&mut self, id: &str) -> Option<usize> {
        if self.by_id.len() != self.docs.len() {
            self.by_id = self
                .docs
                .iter()
                .enumerate()
                .map(|(i, d)| (d.id.clone(), i))
                .collect();
        }
        self.by_id.get(id).copied()
    }

    /// Writes a document (creating or replacing it); returns its version.
    fn put(&mut self, id: String, source: Value, now: SimTime) -> u64 {
        match self.position(&id) {
            Some(i) => {
                let d = &mut self.docs[i];
                d.source = source;
                d.version += 1;
                d.indexed = now;
                d.version
            }
            None => {
                self.by_id.insert(id.clone(), self.docs.len());
                self.docs.push(Document {
                    id,
                    source,
                    version: 1,
                    indexed: now,
                });
                1
            }
        }
    }
}

/// One domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub name: String,
    /// The endpoint's random part.
    pub id: String,
    pub arn: String,
    pub engine_version: String,
    pub created: SimTime,
    pub active_at: SimTime,
    /// Set by DeleteDomain: when the domain goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleting_until: Option<SimTime>,
    pub indices: BTreeMap<String, IndexData>,
    #[serde(default)]
    pub behaviour: Behaviour,
}

impl Domain {
    /// Whether it answers requests: created, not deleted.
    pub fn is_active(&self, now: SimTime) -> bool {
        now >= self.active_at && self.deleting_until.is_none()
    }

    pub fn endpoint(&self, region: &str) -> String {
        format!("search-{}-{}.{region}.es.amazonaws.com", self.name, self.id)
    }

    pub fn engine_type(&self) -> &'static str {
        if self.engine_version.starts_with("Elasticsearch") {
            "Elasticsearch"
        } else {
            "OpenSearch"
        }
    }

    /// Documents across every index.
    pub fn document_count(&self) -> usize {
        self.indices.values().map(|i| i.docs.len()).sum()
    }
}

/// Every domain of the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct OpenSearch {
    domains: BTreeMap<String, Domain>,
}

impl OpenSearch {
    pub fn get(&self, name: &str) -> Option<&Domain> {
        self.domains.get(name)
    }

    pub fn domains(&self) -> impl Iterator<Item = &Domain> {
        self.domains.values()
    }

    /// The domain an ARN (`arn:aws:es:<region>:<account>:domain/<name>`) names.
    pub fn by_arn(&self, arn: &str) -> Option<&Domain> {
        let name = arn.rsplit_once(":domain/")?.1;
        self.domains.get(name).filter(|d| d.arn == arn)
    }

    /// The domain an endpoint (`https://search-<name>-<id>.<region>.es.amazonaws.com`) names.
    pub fn by_endpoint(&self, endpoint: &str, region: &str) -> Option<&Domain> {
        let host = endpoint
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_end_matches('/');
        self.domains.values().find(|d| d.endpoint(region) == host)
    }
}

impl Sandbox {
    /// The OpenSearch domains, for the pages.
    pub fn opensearch(&self) -> &OpenSearch {
        &self.opensearch
    }
}

/// Amazon OpenSearch Service in the registry.
pub const SERVICE: Service = Service {
    prefix: "OpenSearch",
    operations: &[
        changes("CreateDomain", |sb, body| {
            create_domain(&mut sb.ctx(), body)
        }),
        reads("DescribeDomain", |sb, body| {
            describe_domain(&mut sb.ctx(), body)
        }),
        reads("ListDomainNames", |sb, body| {
            list_domain_names(&mut sb.ctx(), body)
        }),
        changes("DeleteDomain", |sb, body| {
            delete_domain(&mut sb.ctx(), body)
        }),
        changes("Bulk", bulk),
        reads("Search", |sb, body| search::search(&mut sb.ctx(), body)),
        changes("PutDomainBehaviour", |sb, body| {
            put_behaviour(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["DomainName"],
    on_time_passed: Some(on_time_passed),
    cli: Some(CliService {
        name: "opensearch",
        commands: cli::COMMANDS,
    }),
};

/// `_bulk`, as Firehose calls it.
pub const BULK: Target = SERVICE.target("Bulk");

fn on_time_passed(sb: &mut Sandbox) {
    let now = sb.now;
    sb.opensearch
        .domains
        .retain(|_, d| d.deleting_until.is_none_or(|t| now < t));
}

fn domain_name<'a>(body: Body<'a>) -> Result<&'a str, ApiError> {
    let name = body.string("DomainName")?;
    let mut v = Validation::new();
    match name {
        None => v.fail(None, "domainName", "Member must not be null"),
        Some(n) => v.string(
            n,
            "domainName",
            Some(("[a-z][a-z0-9\\-]+", is_domain_name)),
            3,
            28,
        ),
    }
    v.finish()?;
    Ok(name.expect("validated"))
}

fn is_domain_name(n: &str) -> bool {
    n.starts_with(|c: char| c.is_ascii_lowercase())
        && n.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn not_found(name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("Domain not found: {name}"),
    )
}

fn random_id(cx: &mut Ctx<'_, OpenSearch>, len: usize) -> String {
    cx.rng
        .string_from(b"abcdefghijklmnopqrstuvwxyz0123456789", len)
}

fn create_domain(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let name = domain_name(body)?.to_string();
    let version = body.string("EngineVersion")?.unwrap_or(ENGINE_VERSIONS[0]);
    if !ENGINE_VERSIONS.contains(&version) {
        return Err(ApiError::new(
            ErrorKind::ValidationException,
            format!(
                "Invalid engine version: {version}. The sandbox offers {}.",
                ENGINE_VERSIONS.join(", ")
            ),
        ));
    }
    if cx.state.domains.contains_key(&name) {
        return Err(ApiError::new(
            ErrorKind::ResourceAlreadyExistsException,
            format!("domain {name} already exists"),
        ));
    }
    if cx.state.domains.len() >= MAX_DOMAINS {
        return Err(ApiError::new(
            ErrorKind::LimitExceededException,
            format!("You have reached the limit of {MAX_DOMAINS} domains."),
        ));
    }
    let id = random_id(cx, 26);
    let now = cx.now;
    let domain = Domain {
        arn: cx.arn("es", &format!("domain/{name}")),
        name: name.clone(),
        id,
        engine_version: version.to_string(),
        created: now,
        active_at: now + Duration::from_millis(CREATE_DELAY_MS as u64),
        deleting_until: None,
        indices: BTreeMap::new(),
        behaviour: Behaviour::Normal,
    };
    let status = domain_status(cx, &domain);
    cx.state.domains.insert(name, domain);
    Ok(json!({ "DomainStatus": status }))
}

/// `DomainStatus`, as DescribeDomain answers it.
fn domain_status(cx: &Ctx<'_, OpenSearch>, d: &Domain) -> Value {
    let now = cx.now;
    let processing = now < d.active_at || d.deleting_until.is_some();
    let mut s = json!({
        "DomainId": format!("{}/{}", cx.account(), d.name),
        "DomainName": d.name,
        "ARN": d.arn,
        "Created": true,
        "Deleted": d.deleting_until.is_some(),
        "Processing": processing,
        "UpgradeProcessing": false,
        "EngineVersion": d.engine_version,
        "DomainProcessingStatus": if d.deleting_until.is_some() {
            "Deleting"
        } else if now < d.active_at {
            "Creating"
        } else {
            "Active"
        },
        "ClusterConfig": {
            "InstanceType": "r6g.large.search",
            "InstanceCount": 1,
            "DedicatedMasterEnabled": false,
            "ZoneAwarenessEnabled": false,
            "WarmEnabled": false,
        },
        "EBSOptions": {"EBSEnabled": true, "VolumeType": "gp3", "VolumeSize": 10},
    });
    if now >= d.active_at {
        s["Endpoint"] = json!(d.endpoint(&cx.config.region));
    }
    s
}

fn find<'a>(cx: &'a Ctx<'_, OpenSearch>, name: &str) -> Result<&'a Domain, ApiError> {
    cx.state.domains.get(name).ok_or_else(|| not_found(name))
}

fn describe_domain(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let name = domain_name(body)?;
    let d = find(cx, name)?;
    Ok(json!({ "DomainStatus": domain_status(cx, d) }))
}

fn list_domain_names(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let engine = v.one_of(
        body.string("EngineType")?,
        "engineType",
        &["OpenSearch", "Elasticsearch"],
    );
    v.finish()?;
    let names: Vec<Value> = cx
        .state
        .domains
        .values()
        .filter(|d| engine.is_none_or(|e| d.engine_type() == e))
        .map(|d| json!({"DomainName": d.name, "EngineType": d.engine_type()}))
        .collect();
    Ok(json!({ "DomainNames": names }))
}

fn delete_domain(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let name = domain_name(body)?.to_string();
    find(cx, &name)?;
    let until = cx.now + Duration::from_millis(DELETE_DELAY_MS as u64);
    let d = cx.state.domains.get_mut(&name).expect("found");
    if d.deleting_until.is_none() {
        d.deleting_until = Some(until);
        // Its data goes with it.
        d.indices.clear();
    }
    let d = cx.state.domains.get(&name).expect("found");
    Ok(json!({ "DomainStatus": domain_status(cx, d) }))
}

fn put_behaviour(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let name = domain_name(body)?.to_string();
    let mut v = Validation::new();
    let b = v.one_of(
        body.string("Behaviour")?,
        "behaviour",
        &["Normal", "SlowResponses"],
    );
    v.required(b, "behaviour");
    v.finish()?;
    find(cx, &name)?;
    let d = cx.state.domains.get_mut(&name).expect("found");
    d.behaviour = match b {
        Some("SlowResponses") => Behaviour::SlowResponses,
        _ => Behaviour::Normal,
    };
    Ok(json!({}))
}

/// One action of a bulk request: index `source` (a record's bytes) into `index`, with `id`
/// or an id the domain makes up.
#[derive(Debug, Clone)]
pub struct BulkItem<'a> {
    pub index: String,
    pub type_name: Option<String>,
    pub id: Option<String>,
    pub source: &'a [u8],
}

/// What the domain answered for one item: `Ok((id, version))`, or its status and error.
pub type ItemResult = Result<(String, u64), (u16, Value)>;

/// The answer to a bulk request.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    pub items: Vec<ItemResult>,
    /// The answer came too late: the caller sees a timeout (the items were indexed anyway).
    pub timed_out: bool,
}

/// An index name OpenSearch accepts: lower case, no `\ / * ? " < > | space , #`, not
/// starting with `_ - +`, at most 255 bytes.
pub fn valid_index_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 255
        && !name.starts_with(['_', '-', '+'])
        && name != "."
        && name != ".."
        && !name.chars().any(|c| {
            c.is_uppercase()
                || matches!(
                    c,
                    '\\' | '/' | '*' | '?' | '"' | '<' | '>' | '|' | ' ' | ',' | '#' | ':'
                )
        })
}

/// A JSON object on one line, or why OpenSearch refuses it.
fn parse_source(bytes: &[u8]) -> Result<Value, Value> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        json!({"type": "mapper_parsing_exception", "reason": "failed to parse",
               "caused_by": {"type": "json_parse_exception", "reason": "Invalid UTF-8 middle byte"}})
    })?;
    let trimmed = text.trim_end_matches(['\n', '\r']);
    if trimmed.contains('\n') {
        return Err(json!({"type": "illegal_argument_exception",
            "reason": "The bulk request must be terminated by a newline [\\n]: the document spans more than one line"}));
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err(
            json!({"type": "mapper_parsing_exception", "reason": "failed to parse",
            "caused_by": {"type": "not_x_content_exception",
                "reason": "Compressor detection can only be called on some xcontent bytes or compressed xcontent bytes"}}),
        ),
        Err(e) if trimmed.trim_start().starts_with('{') => Err(json!({
            "type": "mapper_parsing_exception", "reason": "failed to parse",
            "caused_by": {"type": "json_parse_exception", "reason": e.to_string()}})),
        Err(_) => Err(
            json!({"type": "mapper_parsing_exception", "reason": "failed to parse",
            "caused_by": {"type": "not_x_content_exception",
                "reason": "Compressor detection can only be called on some xcontent bytes or compressed xcontent bytes"}}),
        ),
    }
}

/// An id as OpenSearch makes them up: 20 URL-safe base64 characters.
fn auto_id(sb: &mut Sandbox) -> String {
    sb.rng.string_from(
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        20,
    )
}

/// `_bulk` on domain `name`: each item indexed or refused on its own. Fails as a whole when the
/// domain doesn't exist or isn't active. Called by Firehose as [`BULK`].
pub(crate) fn bulk_typed(
    sb: &mut Sandbox,
    name: &str,
    items: &[BulkItem<'_>],
) -> Result<BulkOutcome, ApiError> {
    let now = sb.now;
    let d = sb
        .opensearch
        .domains
        .get(name)
        .ok_or_else(|| not_found(name))?;
    if !d.is_active(now) {
        return Err(ApiError::new(
            ErrorKind::ResourceNotFoundException,
            format!("Domain {name} is not active: it is being created or deleted."),
        ));
    }
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        if !valid_index_name(&item.index) {
            results.push(Err((
                400,
                json!({"type": "invalid_index_name_exception",
                    "reason": format!("Invalid index name [{}], must be lowercase and must not contain the characters \\, /, *, ?, \", <, >, |, space, ',', #", item.index),
                    "index": item.index}),
            )));
            continue;
        }
        let source = match parse_source(item.source) {
            Ok(s) => s,
            Err(e) => {
                results.push(Err((400, e)));
                continue;
            }
        };
        let id = match &item.id {
            Some(id) => id.clone(),
            None => auto_id(sb),
        };
        let d = sb.opensearch.domains.get_mut(name).expect("found");
        let index = d
            .indices
            .entry(item.index.clone())
            .or_insert_with(|| IndexData {
                created: now,
                type_name: item.type_name.clone(),
                ..Default::default()
            });
        if let (Some(had), Some(given)) = (&index.type_name, &item.type_name) {
            if had != given {
                results.push(Err((
                    400,
                    json!({"type": "illegal_argument_exception",
                        "reason": format!("Rejecting mapping update to [{}] as the final mapping would have more than 1 type: [{had}, {given}]", item.index)}),
                )));
                continue;
            }
        }
        let version = index.put(id.clone(), source, now);
        results.push(Ok((id, version)));
    }
    let timed_out = sb.opensearch.domains[name].behaviour == Behaviour::SlowResponses;
    Ok(BulkOutcome {
        items: results,
        timed_out,
    })
}

/// `Bulk` from JSON: `{"DomainName", "Body": "<action line>\n<document>\n…"}`, as `_bulk`
/// takes it (`index` and `create` actions with `_index` and optional `_id`).
fn bulk(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let name = domain_name(body)?.to_string();
    let text = body.string("Body")?.unwrap_or("");
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let mut items = Vec::new();
    while let Some(action) = lines.next() {
        let a: Value = serde_json::from_str(action).map_err(|_| {
            ApiError::new(
                ErrorKind::ValidationException,
                format!("Malformed action/metadata line [{action}]"),
            )
        })?;
        let meta = a
            .get("index")
            .or_else(|| a.get("create"))
            .and_then(Value::as_object)
            .ok_or_else(|| {
                ApiError::new(
                    ErrorKind::ValidationException,
                    "Malformed action/metadata line: expected index or create.",
                )
            })?;
        let doc = lines.next().ok_or_else(|| {
            ApiError::new(
                ErrorKind::ValidationException,
                "The bulk request must be terminated by a newline [\\n]",
            )
        })?;
        items.push(BulkItem {
            index: meta
                .get("_index")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            type_name: meta
                .get("_type")
                .and_then(Value::as_str)
                .map(str::to_string),
            id: meta.get("_id").and_then(Value::as_str).map(str::to_string),
            source: doc.as_bytes(),
        });
    }
    let out = bulk_typed(sb, &name, &items)?;
    let errors = out.items.iter().any(Result::is_err);
    let answered: Vec<Value> = out
        .items
        .iter()
        .zip(&items)
        .map(|(r, item)| match r {
            Ok((id, version)) => json!({"index": {"_index": item.index, "_id": id,
                "_version": version, "result": if *version == 1 { "created" } else { "updated" },
                "status": if *version == 1 { 201 } else { 200 }}}),
            Err((status, error)) => json!({"index": {"_index": item.index,
                "status": status, "error": error}}),
        })
        .collect();
    Ok(json!({"took": 3, "errors": errors, "items": answered}))
}
