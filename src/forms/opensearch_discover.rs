//! The Discover page's searches (Amazon OpenSearch Service): the `_search` body from the index
//! pattern, query string and field filters, the time field a domain's documents have, and a
//! histogram interval that gives at most about 60 bars.

use serde_json::{json, Value};

/// Hits one page shows.
pub const PAGE_SIZE: usize = 50;

/// Field names taken as the documents' time, in this order, before any other field whose value
/// reads as a date.
const TIME_FIELDS: &[&str] = &[
    "@timestamp",
    "timestamp",
    "time",
    "ts",
    "event_time",
    "datetime",
    "date",
];

/// The query: the query string (every document when empty) and each filter as a `term`.
pub fn query(text: &str, filters: &[(String, Value)]) -> Value {
    let must = if text.trim().is_empty() {
        json!({"match_all": {}})
    } else {
        json!({"query_string": {"query": text.trim()}})
    };
    let filter: Vec<Value> = filters
        .iter()
        .map(|(f, v)| json!({"term": { f.clone(): v }}))
        .collect();
    json!({"bool": {"must": [must], "filter": filter}})
}

/// The hits' search: newest first by `time_field`, with its first and last value.
pub fn hits_body(text: &str, filters: &[(String, Value)], time_field: Option<&str>) -> Value {
    let mut body = json!({"query": query(text, filters), "size": PAGE_SIZE});
    if let Some(t) = time_field {
        body["sort"] = json!([{ t: {"order": "desc"} }]);
        body["aggs"] = json!({"first": {"min": {"field": t}}, "last": {"max": {"field": t}}});
    }
    body
}

/// The histogram's search: documents per `interval` of `time_field`.
pub fn histogram_body(
    text: &str,
    filters: &[(String, Value)],
    time_field: &str,
    interval: &str,
) -> Value {
    json!({
        "query": query(text, filters),
        "size": 0,
        "aggs": {"over_time": {"date_histogram": {"field": time_field, "fixed_interval": interval}}},
    })
}

/// The time field of a document: a usual name whose value reads as a date, else the first
/// top-level field whose text is an ISO 8601 date.
pub fn time_field(source: &Value) -> Option<String> {
    let o = source.as_object()?;
    let is_date = |v: &Value| {
        v.as_str().is_some_and(|s| {
            s.len() >= 10 && chrono::NaiveDate::parse_from_str(&s[..10], "%Y-%m-%d").is_ok()
        })
    };
    TIME_FIELDS
        .iter()
        .find(|f| o.get(**f).is_some_and(|v| is_date(v) || v.is_i64()))
        .map(|f| f.to_string())
        .or_else(|| o.iter().find(|(_, v)| is_date(v)).map(|(k, _)| k.clone()))
}

/// The smallest interval giving at most 60 bars between `first` and `last` (ms).
pub fn interval(first_ms: i64, last_ms: i64) -> &'static str {
    const STEPS: &[(&str, i64)] = &[
        ("1s", 1000),
        ("10s", 10_000),
        ("30s", 30_000),
        ("1m", 60_000),
        ("5m", 300_000),
        ("10m", 600_000),
        ("30m", 1_800_000),
        ("1h", 3_600_000),
        ("3h", 10_800_000),
        ("12h", 43_200_000),
        ("1d", 86_400_000),
        ("7d", 604_800_000),
    ];
    let span = (last_ms - first_ms).max(0);
    STEPS
        .iter()
        .find(|(_, ms)| span / ms <= 60)
        .map_or("30d", |(name, _)| name)
}

/// A document's fields as (path, value) rows, nested objects flattened with dots.
pub fn rows(source: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    flatten("", source, &mut out);
    out
}

fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, x, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_give_at_most_60_bars() {
        assert_eq!(interval(0, 30_000), "1s");
        assert_eq!(interval(0, 3_600_000), "1m");
        assert_eq!(interval(0, 86_400_000), "30m");
    }

    #[test]
    fn the_time_field_is_found() {
        assert_eq!(
            time_field(&json!({"sensor": "a", "ts": "2026-01-01T00:00:00Z"})),
            Some("ts".into())
        );
        assert_eq!(
            time_field(&json!({"reading_at": "2026-01-01 10:00:00", "v": 1})),
            Some("reading_at".into())
        );
        assert_eq!(time_field(&json!({"v": 1})), None);
    }
}
