//! `_search`: OpenSearch's query DSL over a domain's documents, answered in its shape
//! (`hits.total.value`, `hits.hits[]._index/_id/_score/_source`, `aggregations`).
//!
//! - Full text (`match`, `multi_match`, `query_string`, `simple_query_string`) goes through
//!   `probly-search`'s inverted index with BM25 scores, built for the documents a search
//!   reads (words are the standard analyzer's, roughly: letters, digits and `_`, lower case).
//!   A word matches whole words only; `fail*` in a query string matches every word starting
//!   with `fail`.
//! - Filters (`term`, `terms`, `range`, `exists`, `ids`, `bool`, `match_all`) read the JSON
//!   `_source`; `field.keyword` is the field itself. Dates are ISO 8601 strings or epoch
//!   milliseconds, and `now`, `now-15m`, `now-1h`, `now-1d`… are the simulated clock.
//! - Aggregations: `terms`, `date_histogram` (`fixed_interval`, `calendar_interval` or
//!   `interval`; empty buckets between the first and the last are kept, as OpenSearch does),
//!   `histogram`, and the metrics `min`, `max`, `avg`, `sum`, `value_count`, `cardinality`,
//!   with sub-aggregations under `aggs`.
//!
//! Not simulated: phrase positions (a quoted phrase needs all its words, in any order),
//! fuzziness, highlighting, scripts, nested documents.

use super::{Document, Domain, OpenSearch};
use crate::engine::body::Body;
use crate::engine::context::Ctx;
use crate::engine::{ApiError, ErrorKind, SimTime};
use probly_search::score::{bm25, ScoreCalculator, TermData};
use probly_search::Index;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The most hits one search returns (`index.max_result_window`).
pub const MAX_RESULT_WINDOW: usize = 10_000;

fn bad(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::ValidationException, message.into())
}

/// `Search`: `{"DomainName", "Index": "<pattern>,…", "Body": {…}}`.
pub(super) fn search(cx: &mut Ctx<'_, OpenSearch>, body: Body) -> Result<Value, ApiError> {
    let name = super::domain_name(body)?;
    let pattern = body.string("Index")?.unwrap_or("*");
    let request = match body.object("Body")? {
        Some(_) => body_value(body),
        None => json!({}),
    };
    let d = cx
        .state
        .domains
        .get(name)
        .ok_or_else(|| super::not_found(name))?;
    if !d.is_active(cx.now) {
        return Err(ApiError::new(
            ErrorKind::ResourceNotFoundException,
            format!("Domain {name} is not active: it is being created or deleted."),
        ));
    }
    run(d, pattern, &request, cx.now)
}

fn body_value(body: Body) -> Value {
    // `Body` reads members one by one; the search body is read as a whole.
    body.raw("Body").cloned().unwrap_or(Value::Null)
}

/// The indices a pattern names (`*` wildcards, commas, `_all`).
pub fn matching_indices<'a>(d: &'a Domain, pattern: &str) -> Result<Vec<&'a str>, ApiError> {
    let mut out = BTreeSet::new();
    for part in pattern.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if part == "_all" || part.contains('*') {
            for name in d.indices.keys() {
                if part == "_all" || wildcard(part, name) {
                    out.insert(name.as_str());
                }
            }
        } else if let Some((name, _)) = d.indices.get_key_value(part) {
            out.insert(name.as_str());
        } else {
            return Err(ApiError::new(
                ErrorKind::ResourceNotFoundException,
                format!("no such index [{part}]"),
            ));
        }
    }
    Ok(out.into_iter().collect())
}

/// `*` matches any run of characters.
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let mut rest = text;
    for (i, p) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(p) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(p);
        } else {
            match rest.find(p) {
                Some(at) => rest = &rest[at + p.len()..],
                None => return false,
            }
        }
    }
    true
}

/// One document a search reads.
struct Hit<'a> {
    index: &'a str,
    doc: &'a Document,
}

/// A search over `d`'s indices matching `pattern`.
pub fn run(d: &Domain, pattern: &str, request: &Value, now: SimTime) -> Result<Value, ApiError> {
    if !request.is_object() && !request.is_null() {
        return Err(bad("The search body must be a JSON object."));
    }
    let indices = matching_indices(d, pattern)?;
    let hits: Vec<Hit> = indices
        .iter()
        .flat_map(|i| {
            d.indices[*i]
                .docs
                .iter()
                .map(move |doc| Hit { index: i, doc })
        })
        .collect();
    let mut s = Searcher {
        hits: &hits,
        now,
        text: HashMap::new(),
    };
    let scores = match request.get("query") {
        None => vec![Some(1.0); hits.len()],
        Some(q) => s.eval(q)?,
    };
    let matched: Vec<(usize, f64)> = scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.map(|s| (i, s)))
        .collect();
    let size = usize_of(request.get("size"), 10)?.min(MAX_RESULT_WINDOW);
    let from = usize_of(request.get("from"), 0)?;
    if from + size > MAX_RESULT_WINDOW {
        return Err(bad(format!(
            "Result window is too large, from + size must be less than or equal to: [{MAX_RESULT_WINDOW}] but was [{}].",
            from + size
        )));
    }
    let sort = sort_keys(request.get("sort"))?;
    let mut order = matched.clone();
    let mut sort_values: HashMap<usize, Vec<Value>> = HashMap::new();
    if sort.is_empty() {
        order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    } else {
        for (i, score) in &order {
            let vals = sort
                .iter()
                .map(|(f, _)| {
                    if f == "_score" {
                        json!(score)
                    } else {
                        first_value(&hits[*i].doc.source, f)
                            .cloned()
                            .unwrap_or(Value::Null)
                    }
                })
                .collect();
            sort_values.insert(*i, vals);
        }
        order.sort_by(|a, b| {
            let (va, vb) = (&sort_values[&a.0], &sort_values[&b.0]);
            for (k, (_, desc)) in sort.iter().enumerate() {
                let o = compare_sort(&va[k], &vb[k], *desc);
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            a.0.cmp(&b.0)
        });
    }
    let scored = sort.is_empty() || sort.iter().any(|(f, _)| f == "_score");
    let max_score = if scored && !matched.is_empty() {
        json!(matched.iter().map(|m| m.1).fold(f64::MIN, f64::max))
    } else {
        Value::Null
    };
    let page: Vec<Value> = order
        .iter()
        .skip(from)
        .take(size)
        .map(|(i, score)| {
            let h = &hits[*i];
            let mut v = json!({
                "_index": h.index,
                "_id": h.doc.id,
                "_score": if scored { json!(score) } else { Value::Null },
                "_source": h.doc.source,
            });
            if let Some(vals) = sort_values.get(i) {
                v["sort"] = json!(vals);
            }
            v
        })
        .collect();
    let mut out = json!({
        "took": 1 + matched.len() / 1000,
        "timed_out": false,
        "_shards": {"total": indices.len(), "successful": indices.len(), "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": matched.len(), "relation": "eq"},
            "max_score": max_score,
            "hits": page,
        },
    });
    let aggs = request.get("aggs").or_else(|| request.get("aggregations"));
    if let Some(a) = aggs {
        let members: Vec<usize> = matched.iter().map(|m| m.0).collect();
        out["aggregations"] = aggregate(&hits, &members, a)?;
    }
    Ok(out)
}

fn usize_of(v: Option<&Value>, default: usize) -> Result<usize, ApiError> {
    match v {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Number(n)) => n
            .as_u64()
            .map(|n| n as usize)
            .ok_or_else(|| bad(format!("[size] and [from] must be non-negative, was [{n}]"))),
        Some(Value::String(s)) => s
            .parse()
            .map_err(|_| bad(format!("[size] and [from] must be numbers, was [{s}]"))),
        Some(other) => Err(bad(format!(
            "[size] and [from] must be numbers, was [{other}]"
        ))),
    }
}

/// `sort`: `"field"`, `{"field": "desc"}`, `{"field": {"order": "desc"}}`, or a list of them.
fn sort_keys(v: Option<&Value>) -> Result<Vec<(String, bool)>, ApiError> {
    let list = match v {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(a)) => a.clone(),
        Some(other) => vec![other.clone()],
    };
    let mut out = Vec::new();
    for item in list {
        match item {
            Value::String(f) => {
                let desc = f == "_score";
                out.push((keyword(&f).to_string(), desc));
            }
            Value::Object(m) => {
                for (f, o) in m {
                    let order = match &o {
                        Value::String(s) => s.as_str(),
                        Value::Object(x) => x
                            .get("order")
                            .and_then(Value::as_str)
                            .unwrap_or(if f == "_score" { "desc" } else { "asc" }),
                        _ => "asc",
                    };
                    if order != "asc" && order != "desc" {
                        return Err(bad(format!("[sort] unknown order [{order}]")));
                    }
                    out.push((keyword(&f).to_string(), order == "desc"));
                }
            }
            other => return Err(bad(format!("[sort] malformed: {other}"))),
        }
    }
    Ok(out)
}

fn compare_sort(a: &Value, b: &Value, desc: bool) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    // Missing values last, whatever the order.
    match (a.is_null(), b.is_null()) {
        (true, true) => return Equal,
        (true, false) => return Greater,
        (false, true) => return Less,
        _ => {}
    }
    let o = match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        _ => text_of(a).cmp(&text_of(b)),
    };
    if desc {
        o.reverse()
    } else {
        o
    }
}

/// `status.keyword` reads as `status` (the sandbox keeps no mappings).
fn keyword(field: &str) -> &str {
    field.strip_suffix(".keyword").unwrap_or(field)
}

/// The values at `field` (a dotted path, or a key with dots in it); arrays give each item.
fn values<'a>(source: &'a Value, field: &str) -> Vec<&'a Value> {
    let field = keyword(field);
    let mut out = Vec::new();
    collect(source, field, &mut out);
    out
}

fn collect<'a>(v: &'a Value, path: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(items) => {
            for i in items {
                collect(i, path, out);
            }
        }
        Value::Object(m) => {
            if let Some(x) = m.get(path) {
                leaf(x, out);
                return;
            }
            let mut at = 0;
            while let Some(dot) = path[at..].find('.') {
                let (head, tail) = (&path[..at + dot], &path[at + dot + 1..]);
                if let Some(x) = m.get(head) {
                    collect(x, tail, out);
                }
                at += dot + 1;
            }
        }
        _ => {}
    }
}

fn leaf<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(items) => items.iter().for_each(|i| leaf(i, out)),
        Value::Null => {}
        other => out.push(other),
    }
}

fn first_value<'a>(source: &'a Value, field: &str) -> Option<&'a Value> {
    values(source, field).into_iter().next()
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Every leaf value's text, for a search across all fields.
fn all_text(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => m.values().for_each(|x| all_text(x, out)),
        Value::Array(a) => a.iter().for_each(|x| all_text(x, out)),
        Value::Null => {}
        other => {
            out.push_str(&text_of(other));
            out.push(' ');
        }
    }
}

/// The standard analyzer, roughly: runs of letters, digits and `_`, in lower case.
fn tokenize(s: &str) -> Vec<Cow<'_, str>> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().any(char::is_uppercase) {
                Cow::Owned(w.to_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect()
}

/// BM25, for the word asked only (or, for `fail*`, every word it starts).
struct Words {
    bm25: bm25::BM25,
    prefix: bool,
}

impl<T: std::fmt::Debug> ScoreCalculator<T, bm25::BM25TermCalculations> for Words {
    fn before_each(
        &mut self,
        term: &TermData,
        document_frequency: usize,
        documents: &hashbrown::HashMap<T, probly_search::DocumentDetails<T>>,
    ) -> Option<bm25::BM25TermCalculations> {
        ScoreCalculator::<T, _>::before_each(&mut self.bm25, term, document_frequency, documents)
    }

    fn score(
        &mut self,
        before: Option<&bm25::BM25TermCalculations>,
        pointer: &probly_search::DocumentPointer<T>,
        details: &probly_search::DocumentDetails<T>,
        node: &typed_generational_arena::StandardIndex<probly_search::InvertedIndexNode<T>>,
        fields: &probly_search::score::FieldData,
        term: &TermData,
    ) -> Option<f64> {
        if !self.prefix && term.query_term_expanded != term.query_term {
            return None;
        }
        self.bm25
            .score(before, pointer, details, node, fields, term)
    }
}

// probly-search's field accessor takes the document type by reference: `&String` it is.
#[allow(clippy::ptr_arg)]
fn text_field(d: &String) -> Vec<&str> {
    vec![d.as_str()]
}

struct Searcher<'a, 'h> {
    hits: &'a [Hit<'h>],
    now: SimTime,
    /// The inverted index of each field searched (`None`: every field).
    text: HashMap<Option<String>, Index<usize>>,
}

type Scores = Vec<Option<f64>>;

impl Searcher<'_, '_> {
    fn n(&self) -> usize {
        self.hits.len()
    }

    fn index(&mut self, field: Option<&str>) -> &Index<usize> {
        let key = field.map(|f| keyword(f).to_string());
        let hits = self.hits;
        self.text.entry(key.clone()).or_insert_with(|| {
            let mut index = Index::<usize>::new(1);
            for (i, h) in hits.iter().enumerate() {
                let mut text = String::new();
                match &key {
                    None => all_text(&h.doc.source, &mut text),
                    Some(f) => {
                        for v in values(&h.doc.source, f) {
                            text.push_str(&text_of(v));
                            text.push(' ');
                        }
                    }
                }
                index.add_document(&[text_field], tokenize, i, &text);
            }
            index
        })
    }

    /// Documents having `word` (or a word starting with it) in `field`, with their scores.
    fn word(&mut self, field: Option<&str>, word: &str, prefix: bool) -> Scores {
        let mut out = vec![None; self.n()];
        let index = self.index(field);
        let mut calc = Words {
            bm25: bm25::new(),
            prefix,
        };
        for r in index.query(word, &mut calc, tokenize, &[1.0]) {
            out[r.key] = Some(r.score);
        }
        out
    }

    /// `match`: the text's words in `field`, any of them (`or`) or all (`and`).
    fn full_text(&mut self, field: Option<&str>, text: &str, all: bool) -> Scores {
        let words: Vec<String> = tokenize(text).into_iter().map(Cow::into_owned).collect();
        if words.is_empty() {
            return vec![None; self.n()];
        }
        let parts: Vec<Scores> = words.iter().map(|w| self.word(field, w, false)).collect();
        if all {
            and(parts, self.n())
        } else {
            or(parts, self.n())
        }
    }

    fn eval(&mut self, q: &Value) -> Result<Scores, ApiError> {
        let m = q.as_object().filter(|m| m.len() == 1).ok_or_else(|| {
            bad(format!(
                "[query] malformed query, expected one query type: {q}"
            ))
        })?;
        let (kind, spec) = m.iter().next().expect("one");
        let n = self.n();
        Ok(match kind.as_str() {
            "match_all" => vec![Some(1.0); n],
            "match_none" => vec![None; n],
            "bool" => self.bool_query(spec)?,
            "match" | "match_phrase" => {
                let (field, spec) = single_field(spec, kind)?;
                let (text, all) = match spec {
                    Value::Object(o) => (
                        o.get("query").map(text_of).unwrap_or_default(),
                        kind == "match_phrase"
                            || o.get("operator")
                                .and_then(Value::as_str)
                                .is_some_and(|op| op.eq_ignore_ascii_case("and")),
                    ),
                    other => (text_of(&other), kind == "match_phrase"),
                };
                self.full_text(Some(&field), &text, all)
            }
            "multi_match" => {
                let text = spec.get("query").map(text_of).unwrap_or_default();
                let fields: Vec<String> = spec
                    .get("fields")
                    .and_then(Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default();
                if fields.is_empty() {
                    self.full_text(None, &text, false)
                } else {
                    let parts = fields
                        .iter()
                        .map(|f| self.full_text(Some(f), &text, false))
                        .collect();
                    or(parts, n)
                }
            }
            "query_string" | "simple_query_string" => {
                let text = match spec {
                    Value::Object(o) => o.get("query").map(text_of).unwrap_or_default(),
                    other => text_of(other),
                };
                let default_field = spec
                    .get("default_field")
                    .and_then(Value::as_str)
                    .filter(|f| *f != "*")
                    .map(str::to_string);
                let all = spec
                    .get("default_operator")
                    .and_then(Value::as_str)
                    .is_some_and(|o| o.eq_ignore_ascii_case("and"));
                let expr = QueryString::parse(&text, all)?;
                self.query_string(&expr, default_field.as_deref())?
            }
            "term" => {
                let (field, spec) = single_field(spec, kind)?;
                let want = match spec {
                    Value::Object(o) => o.get("value").cloned().unwrap_or(Value::Null),
                    other => other.clone(),
                };
                self.filter(|src| values(src, &field).iter().any(|v| equal(v, &want)))
            }
            "terms" => {
                let (field, spec) = single_field(spec, kind)?;
                let wanted = spec
                    .as_array()
                    .ok_or_else(|| bad("[terms] query needs a list of values"))?
                    .clone();
                self.filter(|src| {
                    values(src, &field)
                        .iter()
                        .any(|v| wanted.iter().any(|w| equal(v, w)))
                })
            }
            "ids" => {
                let ids: Vec<String> = spec
                    .get("values")
                    .and_then(Value::as_array)
                    .map(|a| a.iter().map(text_of).collect())
                    .unwrap_or_default();
                self.hits
                    .iter()
                    .map(|h| ids.contains(&h.doc.id).then_some(1.0))
                    .collect()
            }
            "exists" => {
                let field = spec
                    .get("field")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("[exists] must be provided with a [field]"))?
                    .to_string();
                self.filter(|src| !values(src, &field).is_empty())
            }
            "range" => {
                let (field, spec) = single_field(spec, kind)?;
                let bounds = Range::read(&spec, self.now)?;
                self.filter(|src| values(src, &field).iter().any(|v| bounds.holds(v)))
            }
            "prefix" | "wildcard" => {
                let (field, spec) = single_field(spec, kind)?;
                let want = match spec {
                    Value::Object(o) => o.get("value").map(text_of).unwrap_or_default(),
                    other => text_of(&other),
                };
                let pattern = if kind == "prefix" {
                    format!("{want}*")
                } else {
                    want
                };
                self.filter(|src| {
                    values(src, &field)
                        .iter()
                        .any(|v| wildcard(&pattern, &text_of(v)))
                })
            }
            other => return Err(bad(format!("unknown query [{other}]"))),
        })
    }

    fn filter(&self, f: impl Fn(&Value) -> bool) -> Scores {
        self.hits
            .iter()
            .map(|h| f(&h.doc.source).then_some(1.0))
            .collect()
    }

    fn bool_query(&mut self, spec: &Value) -> Result<Scores, ApiError> {
        let n = self.n();
        let clauses = |name: &str| -> Vec<Value> {
            match spec.get(name) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a.clone(),
                Some(one) => vec![one.clone()],
            }
        };
        let (must, filter, should, must_not) = (
            clauses("must"),
            clauses("filter"),
            clauses("should"),
            clauses("must_not"),
        );
        let mut out: Scores = vec![Some(0.0); n];
        let mut scored_clauses = 0;
        for q in &must {
            let s = self.eval(q)?;
            out = and(vec![out, s], n);
            scored_clauses += 1;
        }
        for q in &filter {
            let s = self.eval(q)?;
            for (o, s) in out.iter_mut().zip(s) {
                if s.is_none() {
                    *o = None;
                }
            }
        }
        for q in &must_not {
            let s = self.eval(q)?;
            for (o, s) in out.iter_mut().zip(s) {
                if s.is_some() {
                    *o = None;
                }
            }
        }
        if !should.is_empty() {
            let parts = should
                .iter()
                .map(|q| self.eval(q))
                .collect::<Result<Vec<_>, _>>()?;
            let min = spec
                .get("minimum_should_match")
                .and_then(Value::as_u64)
                .unwrap_or(if must.is_empty() && filter.is_empty() {
                    1
                } else {
                    0
                });
            for (i, o) in out.iter_mut().enumerate() {
                let Some(base) = *o else { continue };
                let hit: Vec<f64> = parts.iter().filter_map(|p| p[i]).collect();
                if (hit.len() as u64) < min {
                    *o = None;
                } else {
                    *o = Some(base + hit.iter().sum::<f64>());
                }
            }
            scored_clauses += 1;
        }
        if scored_clauses == 0 {
            // Only filters: every match scores 0, as OpenSearch's filter context does…
            // except a bool with nothing at all, which matches everything with 1.
            let constant = if filter.is_empty() && must_not.is_empty() {
                1.0
            } else {
                0.0
            };
            for o in out.iter_mut().flatten() {
                *o = constant;
            }
        }
        Ok(out)
    }

    fn query_string(&mut self, e: &QueryString, field: Option<&str>) -> Result<Scores, ApiError> {
        let n = self.n();
        Ok(match e {
            QueryString::All => vec![Some(1.0); n],
            QueryString::Word { field: f, word } => {
                let target = f.as_deref().or(field);
                if word == "*" {
                    return Ok(match target {
                        Some(t) => {
                            let t = t.to_string();
                            self.filter(|src| !values(src, &t).is_empty())
                        }
                        None => vec![Some(1.0); n],
                    });
                }
                match word.strip_suffix('*') {
                    Some(stem) if !stem.contains('*') => {
                        let stems: Vec<String> =
                            tokenize(stem).into_iter().map(Cow::into_owned).collect();
                        let parts = stems
                            .iter()
                            .enumerate()
                            .map(|(i, w)| self.word(target, w, i + 1 == stems.len()))
                            .collect();
                        and(parts, n)
                    }
                    _ => self.full_text(target, word, true),
                }
            }
            QueryString::Phrase { field: f, text } => {
                self.full_text(f.as_deref().or(field), text, true)
            }
            QueryString::Compare {
                field: f,
                op,
                value,
            } => {
                let mut spec = Map::new();
                spec.insert(op.to_string(), json!(value));
                let bounds = Range::read(&Value::Object(spec), self.now)?;
                let f = f.clone();
                self.filter(|src| values(src, &f).iter().any(|v| bounds.holds(v)))
            }
            QueryString::Between { field: f, lo, hi } => {
                let mut spec = Map::new();
                if lo != "*" {
                    spec.insert("gte".into(), json!(lo));
                }
                if hi != "*" {
                    spec.insert("lte".into(), json!(hi));
                }
                let bounds = Range::read(&Value::Object(spec), self.now)?;
                let f = f.clone();
                self.filter(|src| values(src, &f).iter().any(|v| bounds.holds(v)))
            }
            QueryString::Not(x) => {
                let s = self.query_string(x, field)?;
                s.iter()
                    .map(|s| if s.is_some() { None } else { Some(0.0) })
                    .collect()
            }
            QueryString::And(parts) => {
                let parts = parts
                    .iter()
                    .map(|p| self.query_string(p, field))
                    .collect::<Result<Vec<_>, _>>()?;
                and(parts, n)
            }
            QueryString::Or(parts) => {
                let parts = parts
                    .iter()
                    .map(|p| self.query_string(p, field))
                    .collect::<Result<Vec<_>, _>>()?;
                or(parts, n)
            }
        })
    }
}

fn and(parts: Vec<Scores>, n: usize) -> Scores {
    (0..n)
        .map(|i| parts.iter().try_fold(0.0, |acc, p| p[i].map(|s| acc + s)))
        .collect()
}

fn or(parts: Vec<Scores>, n: usize) -> Scores {
    (0..n)
        .map(|i| {
            let hit: Vec<f64> = parts.iter().filter_map(|p| p[i]).collect();
            (!hit.is_empty()).then(|| hit.iter().sum())
        })
        .collect()
}

/// `{"field": spec}` (or `{"field": spec, "boost": …}`).
fn single_field(spec: &Value, kind: &str) -> Result<(String, Value), ApiError> {
    spec.as_object()
        .and_then(|m| m.iter().find(|(k, _)| *k != "boost" && *k != "_name"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .ok_or_else(|| {
            bad(format!(
                "[{kind}] query doesn't support multiple fields, or has none"
            ))
        })
}

/// `term`'s comparison: numbers by value, anything else by its text.
fn equal(v: &Value, want: &Value) -> bool {
    match (v.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => a == b,
        _ => match (v, want) {
            (Value::Number(a), Value::String(b)) => b.parse::<f64>().ok() == a.as_f64(),
            _ => text_of(v) == text_of(want),
        },
    }
}

/// A date as epoch milliseconds: ISO 8601 (with or without time and zone), epoch
/// milliseconds, or date math on the simulated clock (`now`, `now-15m`, `now/d`).
pub fn date_millis(v: &Value, now: SimTime) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_f64().map(|f| f as i64),
        Value::String(s) => parse_date(s, now),
        _ => None,
    }
}

fn parse_date(s: &str, now: SimTime) -> Option<i64> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("now") {
        let mut at = now.epoch_millis();
        let mut rest = rest;
        while !rest.is_empty() {
            let sign = rest.chars().next()?;
            if sign == '/' {
                let unit = unit_ms(&rest[1..2])?;
                at = at.div_euclid(unit) * unit;
                rest = &rest[2..];
                continue;
            }
            let digits: String = rest[1..].chars().take_while(char::is_ascii_digit).collect();
            let amount: i64 = digits.parse().ok()?;
            let unit = unit_ms(rest.get(1 + digits.len()..2 + digits.len())?)?;
            at += if sign == '-' {
                -amount * unit
            } else {
                amount * unit
            };
            rest = &rest[2 + digits.len()..];
        }
        return Some(at);
    }
    if let Ok(ms) = s.parse::<i64>() {
        return Some(ms);
    }
    if let Some(t) = SimTime::from_rfc3339(s) {
        return Some(t.epoch_millis());
    }
    let formats = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ];
    for f in formats {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .map(|d| {
            d.and_hms_opt(0, 0, 0)
                .expect("midnight")
                .and_utc()
                .timestamp_millis()
        })
}

fn unit_ms(u: &str) -> Option<i64> {
    Some(match u {
        "s" => 1000,
        "m" => 60_000,
        "h" | "H" => 3_600_000,
        "d" => 86_400_000,
        "w" => 7 * 86_400_000,
        "M" => 30 * 86_400_000,
        "y" => 365 * 86_400_000,
        _ => return None,
    })
}

/// `range`'s bounds, as numbers or as dates.
struct Range {
    gt: Option<Value>,
    gte: Option<Value>,
    lt: Option<Value>,
    lte: Option<Value>,
    now: SimTime,
}

impl Range {
    fn read(spec: &Value, now: SimTime) -> Result<Range, ApiError> {
        let m = spec
            .as_object()
            .ok_or_else(|| bad("[range] query malformed, expected an object of bounds"))?;
        for k in m.keys() {
            if !matches!(
                k.as_str(),
                "gt" | "gte" | "lt" | "lte" | "format" | "time_zone" | "boost"
            ) {
                return Err(bad(format!("[range] query does not support [{k}]")));
            }
        }
        Ok(Range {
            gt: m.get("gt").cloned(),
            gte: m.get("gte").cloned(),
            lt: m.get("lt").cloned(),
            lte: m.get("lte").cloned(),
            now,
        })
    }

    fn holds(&self, v: &Value) -> bool {
        let cmp = |bound: &Value| -> Option<std::cmp::Ordering> {
            let numeric = |x: &Value| match x {
                Value::Number(n) => n.as_f64(),
                Value::String(s) => s.parse::<f64>().ok(),
                _ => None,
            };
            if let (Some(a), Some(b)) = (numeric(v), numeric(bound)) {
                return a.partial_cmp(&b);
            }
            let (a, b) = (date_millis(v, self.now)?, date_millis(bound, self.now)?);
            Some(a.cmp(&b))
        };
        use std::cmp::Ordering::*;
        let ok = |b: &Option<Value>, allowed: &[std::cmp::Ordering]| {
            b.as_ref()
                .is_none_or(|b| cmp(b).is_some_and(|o| allowed.contains(&o)))
        };
        ok(&self.gt, &[Greater])
            && ok(&self.gte, &[Greater, Equal])
            && ok(&self.lt, &[Less])
            && ok(&self.lte, &[Less, Equal])
    }
}

/// A query string, parsed: Lucene's syntax with `AND`, `OR`, `NOT`, `+`, `-`, parentheses,
/// `field:value`, `"phrases"`, `word*`, `field:>10` and `field:[a TO b]`.
#[derive(Debug, Clone, PartialEq)]
enum QueryString {
    All,
    Word {
        field: Option<String>,
        word: String,
    },
    Phrase {
        field: Option<String>,
        text: String,
    },
    Compare {
        field: String,
        op: &'static str,
        value: String,
    },
    Between {
        field: String,
        lo: String,
        hi: String,
    },
    Not(Box<QueryString>),
    And(Vec<QueryString>),
    Or(Vec<QueryString>),
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    And,
    Or,
    Not,
    Required,
    Term(String),
    Quoted(String),
}

impl QueryString {
    fn parse(text: &str, default_and: bool) -> Result<QueryString, ApiError> {
        let tokens = lex(text)?;
        if tokens.is_empty() {
            return Ok(QueryString::All);
        }
        let mut at = 0;
        let e = parse_or(&tokens, &mut at, default_and)?;
        if at < tokens.len() {
            return Err(bad(format!(
                "Failed to parse query [{text}]: unexpected ')'"
            )));
        }
        Ok(e)
    }
}

fn lex(text: &str) -> Result<Vec<Token>, ApiError> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            '+' => {
                out.push(Token::Required);
                i += 1;
            }
            '-' | '!' => {
                out.push(Token::Not);
                i += 1;
            }
            '&' if chars.get(i + 1) == Some(&'&') => {
                out.push(Token::And);
                i += 2;
            }
            '|' if chars.get(i + 1) == Some(&'|') => {
                out.push(Token::Or);
                i += 2;
            }
            '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '"')
                    .ok_or_else(|| {
                        bad(format!("Failed to parse query [{text}]: unclosed quote"))
                    })?;
                out.push(Token::Quoted(chars[i + 1..i + 1 + end].iter().collect()));
                i += end + 2;
            }
            _ => {
                let mut word = String::new();
                let mut in_range = false;
                while i < chars.len() {
                    let c = chars[i];
                    if c == '[' || c == '{' {
                        in_range = true;
                    }
                    if !in_range && (c.is_whitespace() || c == '(' || c == ')') {
                        break;
                    }
                    if c == '"' && word.ends_with(':') {
                        // field:"a phrase"
                        let end =
                            chars[i + 1..]
                                .iter()
                                .position(|&c| c == '"')
                                .ok_or_else(|| {
                                    bad(format!("Failed to parse query [{text}]: unclosed quote"))
                                })?;
                        word.push('"');
                        word.extend(&chars[i + 1..i + 1 + end]);
                        word.push('"');
                        i += end + 2;
                        break;
                    }
                    word.push(c);
                    i += 1;
                    if in_range && (c == ']' || c == '}') {
                        break;
                    }
                }
                out.push(match word.as_str() {
                    "AND" => Token::And,
                    "OR" => Token::Or,
                    "NOT" => Token::Not,
                    _ => Token::Term(word),
                });
            }
        }
    }
    Ok(out)
}

fn parse_or(t: &[Token], at: &mut usize, default_and: bool) -> Result<QueryString, ApiError> {
    let mut parts = vec![parse_and(t, at, default_and)?];
    while *at < t.len() && t[*at] != Token::Close {
        if t[*at] == Token::Or {
            *at += 1;
        }
        if *at >= t.len() || t[*at] == Token::Close {
            break;
        }
        parts.push(parse_and(t, at, default_and)?);
    }
    Ok(if parts.len() == 1 {
        parts.pop().expect("one")
    } else {
        QueryString::Or(parts)
    })
}

fn parse_and(t: &[Token], at: &mut usize, default_and: bool) -> Result<QueryString, ApiError> {
    let mut parts = vec![parse_unary(t, at)?];
    loop {
        match t.get(*at) {
            Some(Token::And) => {
                *at += 1;
                parts.push(parse_unary(t, at)?);
            }
            // Juxtaposed terms: AND with default_operator AND, and always for +/-.
            Some(Token::Not | Token::Required) => parts.push(parse_unary(t, at)?),
            Some(Token::Term(_) | Token::Quoted(_) | Token::Open) if default_and => {
                parts.push(parse_unary(t, at)?)
            }
            _ => break,
        }
    }
    Ok(if parts.len() == 1 {
        parts.pop().expect("one")
    } else {
        QueryString::And(parts)
    })
}

fn parse_unary(t: &[Token], at: &mut usize) -> Result<QueryString, ApiError> {
    let tok = t
        .get(*at)
        .ok_or_else(|| bad("Failed to parse query: it ends where a term was expected"))?
        .clone();
    *at += 1;
    Ok(match tok {
        Token::Not => QueryString::Not(Box::new(parse_unary(t, at)?)),
        Token::Required => parse_unary(t, at)?,
        Token::Open => {
            let e = parse_or(t, at, false)?;
            if t.get(*at) != Some(&Token::Close) {
                return Err(bad("Failed to parse query: missing ')'"));
            }
            *at += 1;
            e
        }
        Token::Quoted(text) => QueryString::Phrase { field: None, text },
        Token::Term(w) => term(&w),
        Token::Close | Token::And | Token::Or => {
            return Err(bad(format!(
                "Failed to parse query: unexpected {}",
                match tok {
                    Token::Close => "')'",
                    Token::And => "AND",
                    _ => "OR",
                }
            )))
        }
    })
}

fn term(w: &str) -> QueryString {
    let Some((field, value)) = w.split_once(':').filter(|(f, _)| !f.is_empty()) else {
        return QueryString::Word {
            field: None,
            word: w.to_string(),
        };
    };
    let field = field.to_string();
    if let Some(p) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return QueryString::Phrase {
            field: Some(field),
            text: p.to_string(),
        };
    }
    for (prefix, op) in [(">=", "gte"), ("<=", "lte"), (">", "gt"), ("<", "lt")] {
        if let Some(v) = value.strip_prefix(prefix) {
            return QueryString::Compare {
                field,
                op,
                value: v.to_string(),
            };
        }
    }
    if let Some(inner) = value
        .strip_prefix(['[', '{'])
        .and_then(|v| v.strip_suffix([']', '}']))
    {
        if let Some((lo, hi)) = inner.split_once(" TO ") {
            return QueryString::Between {
                field,
                lo: lo.trim().to_string(),
                hi: hi.trim().to_string(),
            };
        }
    }
    QueryString::Word {
        field: Some(field),
        word: value.to_string(),
    }
}

/// `aggs`: each named aggregation over the documents `members`.
fn aggregate(hits: &[Hit], members: &[usize], aggs: &Value) -> Result<Value, ApiError> {
    let aggs = aggs
        .as_object()
        .ok_or_else(|| bad("[aggs] must be an object of named aggregations"))?;
    let mut out = Map::new();
    for (name, spec) in aggs {
        let spec = spec
            .as_object()
            .ok_or_else(|| bad(format!("[{name}] aggregation must be an object")))?;
        let sub = spec.get("aggs").or_else(|| spec.get("aggregations"));
        let (kind, params) = spec
            .iter()
            .find(|(k, _)| *k != "aggs" && *k != "aggregations" && *k != "meta")
            .ok_or_else(|| bad(format!("Missing definition for aggregation [{name}]")))?;
        let field = params
            .get("field")
            .and_then(Value::as_str)
            .map(|f| keyword(f).to_string());
        let need_field = || {
            field.clone().ok_or_else(|| {
                bad(format!(
                    "Required one of fields [field, script], but none were specified. [{name}]"
                ))
            })
        };
        let value = match kind.as_str() {
            "terms" => {
                let f = need_field()?;
                let size = params.get("size").and_then(Value::as_u64).unwrap_or(10) as usize;
                let mut counts: BTreeMap<String, (Value, Vec<usize>)> = BTreeMap::new();
                for &i in members {
                    let mut seen = BTreeSet::new();
                    for v in values(&hits[i].doc.source, &f) {
                        let key = text_of(v);
                        if seen.insert(key.clone()) {
                            counts
                                .entry(key)
                                .or_insert_with(|| (v.clone(), Vec::new()))
                                .1
                                .push(i);
                        }
                    }
                }
                let mut buckets: Vec<(String, (Value, Vec<usize>))> = counts.into_iter().collect();
                buckets.sort_by(|a, b| b.1 .1.len().cmp(&a.1 .1.len()).then(a.0.cmp(&b.0)));
                let other: usize = buckets.iter().skip(size).map(|b| b.1 .1.len()).sum();
                let shown = buckets
                    .into_iter()
                    .take(size)
                    .map(|(_, (key, docs))| bucket(hits, json!(key), None, &docs, sub))
                    .collect::<Result<Vec<_>, _>>()?;
                json!({"doc_count_error_upper_bound": 0, "sum_other_doc_count": other, "buckets": shown})
            }
            "date_histogram" | "histogram" => {
                let f = need_field()?;
                let date = kind == "date_histogram";
                let interval = if date {
                    let text = ["fixed_interval", "calendar_interval", "interval"]
                        .iter()
                        .find_map(|k| params.get(*k))
                        .map(text_of)
                        .ok_or_else(|| bad(format!("Required one of fields [fixed_interval, calendar_interval], but none were specified. [{name}]")))?;
                    interval_ms(&text).ok_or_else(|| bad(format!("failed to parse setting [date_histogram.fixed_interval] with value [{text}] as a time value")))? as f64
                } else {
                    params
                        .get("interval")
                        .and_then(Value::as_f64)
                        .filter(|i| *i > 0.0)
                        .ok_or_else(|| {
                            bad(format!(
                                "[interval] must be >0 for histogram aggregation [{name}]"
                            ))
                        })?
                };
                let min_count = params
                    .get("min_doc_count")
                    .and_then(Value::as_u64)
                    .unwrap_or(0) as usize;
                let mut by_key: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
                for &i in members {
                    let mut seen = BTreeSet::new();
                    for v in values(&hits[i].doc.source, &f) {
                        let x = if date {
                            date_millis(v, SimTime::from_millis(0)).map(|m| m as f64)
                        } else {
                            v.as_f64()
                                .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
                        };
                        if let Some(x) = x {
                            let k = ((x / interval).floor() * interval) as i64;
                            if seen.insert(k) {
                                by_key.entry(k).or_default().push(i);
                            }
                        }
                    }
                }
                let mut buckets = Vec::new();
                if let (Some(&first), Some(&last)) = (by_key.keys().next(), by_key.keys().last()) {
                    let step = interval as i64;
                    let mut k = first;
                    let empty = Vec::new();
                    let limit = 10_000;
                    while k <= last && buckets.len() < limit {
                        let docs = by_key.get(&k).unwrap_or(&empty);
                        if docs.len() >= min_count.max(if min_count == 0 { 0 } else { 1 }) {
                            let key_str = date.then(|| {
                                SimTime::from_millis(k)
                                    .to_datetime()
                                    .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                                    .to_string()
                            });
                            let key = if date { json!(k) } else { json!(k as f64) };
                            buckets.push(bucket(hits, key, key_str, docs, sub)?);
                        }
                        k += step.max(1);
                    }
                }
                json!({ "buckets": buckets })
            }
            "min" | "max" | "avg" | "sum" | "value_count" | "cardinality" => {
                let f = need_field()?;
                let all: Vec<&Value> = members
                    .iter()
                    .flat_map(|&i| values(&hits[i].doc.source, &f))
                    .collect();
                let mut nums: Vec<f64> = all.iter().filter_map(|v| v.as_f64()).collect();
                // A date field's min and max are epoch milliseconds, with the date as text.
                let dates =
                    nums.is_empty() && !all.is_empty() && matches!(kind.as_str(), "min" | "max");
                if dates {
                    nums = all
                        .iter()
                        .filter_map(|v| date_millis(v, SimTime::from_millis(0)))
                        .map(|m| m as f64)
                        .collect();
                }
                let v = match kind.as_str() {
                    "min" => nums.iter().copied().reduce(f64::min).map(|x| json!(x)),
                    "max" => nums.iter().copied().reduce(f64::max).map(|x| json!(x)),
                    "avg" => (!nums.is_empty())
                        .then(|| json!(nums.iter().sum::<f64>() / nums.len() as f64)),
                    "sum" => Some(json!(nums.iter().sum::<f64>())),
                    "value_count" => Some(json!(all.len())),
                    _ => Some(json!(all
                        .iter()
                        .map(|v| text_of(v))
                        .collect::<BTreeSet<_>>()
                        .len())),
                };
                let mut out = json!({ "value": v.clone().unwrap_or(Value::Null) });
                if let (true, Some(ms)) = (dates, v.as_ref().and_then(Value::as_f64)) {
                    out["value_as_string"] = json!(SimTime::from_millis(ms as i64)
                        .to_datetime()
                        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
                        .to_string());
                }
                out
            }
            other => {
                return Err(bad(format!(
                    "Unknown aggregation type [{other}] did you mean [terms]?"
                )))
            }
        };
        out.insert(name.clone(), value);
    }
    Ok(Value::Object(out))
}

fn bucket(
    hits: &[Hit],
    key: Value,
    key_as_string: Option<String>,
    docs: &[usize],
    sub: Option<&Value>,
) -> Result<Value, ApiError> {
    let mut b = Map::new();
    if let Some(s) = key_as_string {
        b.insert("key_as_string".into(), json!(s));
    }
    b.insert("key".into(), key);
    b.insert("doc_count".into(), json!(docs.len()));
    if let Some(sub) = sub {
        if let Value::Object(m) = aggregate(hits, docs, sub)? {
            b.extend(m);
        }
    }
    Ok(Value::Object(b))
}

/// `30s`, `1m`, `5m`, `1h`, `1d`, `1w`, or the calendar names `minute`, `hour`, `day`, `week`
/// (a month is 30 days here).
fn interval_ms(text: &str) -> Option<i64> {
    let named = match text {
        "second" | "1s" => Some(1000),
        "minute" => Some(60_000),
        "hour" => Some(3_600_000),
        "day" => Some(86_400_000),
        "week" => Some(7 * 86_400_000),
        "month" | "1M" => Some(30 * 86_400_000),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let n: i64 = digits.parse().ok()?;
    let unit = &text[digits.len()..];
    let ms = match unit {
        "ms" => 1,
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 7 * 86_400_000,
        _ => return None,
    };
    (n > 0).then_some(n * ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_parse() {
        assert_eq!(
            QueryString::parse("status:FAIL AND temp:>30", false).unwrap(),
            QueryString::And(vec![
                QueryString::Word {
                    field: Some("status".into()),
                    word: "FAIL".into()
                },
                QueryString::Compare {
                    field: "temp".into(),
                    op: "gt",
                    value: "30".into()
                },
            ])
        );
        assert!(matches!(
            QueryString::parse("a b -c", false).unwrap(),
            QueryString::Or(_)
        ));
        assert!(matches!(
            QueryString::parse("ts:[2016-01-01 TO *]", false).unwrap(),
            QueryString::Between { .. }
        ));
    }

    #[test]
    fn intervals_and_wildcards() {
        assert_eq!(interval_ms("5m"), Some(300_000));
        assert_eq!(interval_ms("hour"), Some(3_600_000));
        assert!(wildcard("sensor-*", "sensor-2016-02-25"));
        assert!(!wildcard("sensor-*", "other"));
    }
}
