//! The wizard's "Dynamic partitioning" section (on the destination step, as in the console):
//! dynamic partitioning on or off, multi record deaggregation, inline parsing for JSON with its
//! keys (name and jq expression), and "Apply dynamic partitioning keys", which writes the S3
//! bucket prefix from them. Pure state and the processors it asks for; the rules are the
//! engine's own (`prefix::validate_partitioned`).

use crate::engine::firehose::partition::query_key_names;
use crate::engine::firehose::prefix::{self, KeySources};
use base64::Engine as _;
use serde_json::{json, Value};

/// One dynamic partitioning key: its name and the jq expression that reads it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyRow {
    pub name: String,
    pub query: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partitioning {
    pub enabled: bool,
    /// "Multi record deaggregation".
    pub deaggregate: bool,
    /// JSON (true) or Delimited.
    pub deaggregate_json: bool,
    /// The delimiter, as typed (base64-encoded in the request).
    pub delimiter: String,
    /// "Inline parsing for JSON".
    pub inline_parsing: bool,
    pub keys: Vec<KeyRow>,
}

impl Default for Partitioning {
    fn default() -> Self {
        Self {
            enabled: false,
            deaggregate: false,
            deaggregate_json: true,
            delimiter: String::new(),
            inline_parsing: false,
            keys: vec![KeyRow::default()],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartitioningAction {
    Enabled(bool),
    Deaggregate(bool),
    DeaggregateJson(bool),
    Delimiter(String),
    InlineParsing(bool),
    KeyName(usize, String),
    KeyQuery(usize, String),
    AddKey,
    RemoveKey(usize),
}

/// Keys inline parsing may have (the console's limit).
pub const MAX_KEYS: usize = 50;

impl Partitioning {
    pub fn apply(&mut self, action: PartitioningAction) {
        use PartitioningAction as A;
        match action {
            A::Enabled(on) => self.enabled = on,
            A::Deaggregate(on) => self.deaggregate = on,
            A::DeaggregateJson(on) => self.deaggregate_json = on,
            A::Delimiter(v) => self.delimiter = v,
            A::InlineParsing(on) => self.inline_parsing = on,
            A::KeyName(i, v) => {
                if let Some(k) = self.keys.get_mut(i) {
                    k.name = v;
                }
            }
            A::KeyQuery(i, v) => {
                if let Some(k) = self.keys.get_mut(i) {
                    k.query = v;
                }
            }
            A::AddKey => {
                if self.keys.len() < MAX_KEYS {
                    self.keys.push(KeyRow::default());
                }
            }
            A::RemoveKey(i) => {
                if self.keys.len() > 1 && i < self.keys.len() {
                    self.keys.remove(i);
                }
            }
        }
    }

    /// The keys filled in, trimmed.
    fn filled_keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.keys
            .iter()
            .map(|k| (k.name.trim(), k.query.trim()))
            .filter(|(n, q)| !n.is_empty() || !q.is_empty())
    }

    /// The `MetadataExtractionQuery` the keys make: `{name:expr,…}`.
    pub fn query(&self) -> Option<String> {
        if !(self.enabled && self.inline_parsing) {
            return None;
        }
        let parts: Vec<String> = self
            .filled_keys()
            .map(|(n, q)| format!("{n}:{q}"))
            .collect();
        (!parts.is_empty()).then(|| format!("{{{}}}", parts.join(",")))
    }

    /// The S3 bucket prefix "Apply dynamic partitioning keys" writes: `name=!{…}/` per key.
    pub fn prefix_from_keys(&self) -> String {
        self.filled_keys()
            .filter(|(n, _)| !n.is_empty())
            .map(|(n, _)| format!("{n}=!{{partitionKeyFromQuery:{n}}}/"))
            .collect()
    }

    /// The processors this section adds: RecordDeAggregation, then MetadataExtraction.
    pub fn processors(&self) -> Vec<Value> {
        let mut out = Vec::new();
        if !self.enabled {
            return out;
        }
        let param =
            |name: &str, value: &str| json!({ "ParameterName": name, "ParameterValue": value });
        if self.deaggregate {
            let mut params = vec![param(
                "SubRecordType",
                if self.deaggregate_json {
                    "JSON"
                } else {
                    "DELIMITED"
                },
            )];
            if !self.deaggregate_json {
                let encoded = base64::engine::general_purpose::STANDARD.encode(&self.delimiter);
                params.push(param("Delimiter", &encoded));
            }
            out.push(json!({ "Type": "RecordDeAggregation", "Parameters": params }));
        }
        if let Some(q) = self.query() {
            out.push(json!({
                "Type": "MetadataExtraction",
                "Parameters": [param("MetadataExtractionQuery", &q), param("JsonParsingEngine", "JQ-1.6")],
            }));
        }
        out
    }

    /// `DynamicPartitioningConfiguration`, or `None` when off.
    pub fn configuration(&self) -> Option<Value> {
        self.enabled
            .then(|| json!({ "Enabled": true, "RetryOptions": { "DurationInSeconds": 300 } }))
    }

    /// Why the destination step can't be left: the keys, then the prefixes by the engine's
    /// rules. `lambda`: a transformation is on, so keys may come from it.
    pub fn check(&self, prefix: &str, error_prefix: &str, lambda: bool) -> Result<(), String> {
        let error_prefix = Some(error_prefix).filter(|p| !p.is_empty());
        let prefix = Some(prefix).filter(|p| !p.is_empty());
        if !self.enabled {
            return prefix::validate(prefix, error_prefix);
        }
        if self.deaggregate && !self.deaggregate_json && self.delimiter.is_empty() {
            return Err("Enter the delimiter that separates the records.".into());
        }
        if self.inline_parsing {
            for (n, q) in self.filled_keys() {
                if n.is_empty() {
                    return Err("Enter a key name for each JQ expression.".into());
                }
                if q.is_empty() {
                    return Err(format!("Enter the JQ expression for key {n}."));
                }
            }
        }
        let query = self.query();
        let sources = KeySources {
            query: query.is_some(),
            query_keys: query.as_deref().and_then(query_key_names),
            lambda,
        };
        if !sources.query && !sources.lambda {
            return Err("Dynamic partitioning needs keys: turn on inline parsing for JSON and add a key, or transform records with an AWS Lambda function that returns partitionKeys.".into());
        }
        prefix::validate_partitioned(prefix, error_prefix, &sources)
    }

    /// The section in the Review's words.
    pub fn text(&self) -> String {
        if !self.enabled {
            return "Not enabled".into();
        }
        let mut parts = vec!["Enabled".to_string()];
        if self.deaggregate {
            parts.push(if self.deaggregate_json {
                "multi record deaggregation (JSON)".into()
            } else {
                format!(
                    "multi record deaggregation (delimiter {:?})",
                    self.delimiter
                )
            });
        }
        if let Some(q) = self.query() {
            parts.push(format!("inline parsing for JSON: {q}"));
        }
        parts.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PartitioningAction as A;

    fn with_keys(keys: &[(&str, &str)]) -> Partitioning {
        let mut p = Partitioning::default();
        p.apply(A::Enabled(true));
        p.apply(A::InlineParsing(true));
        for (i, (n, q)) in keys.iter().enumerate() {
            if i > 0 {
                p.apply(A::AddKey);
            }
            p.apply(A::KeyName(i, (*n).into()));
            p.apply(A::KeyQuery(i, (*q).into()));
        }
        p
    }

    #[test]
    fn keys_make_the_query_and_the_prefix() {
        let p = with_keys(&[("customer_id", ".customer_id"), ("device", ".type.device")]);
        assert_eq!(
            p.query().as_deref(),
            Some("{customer_id:.customer_id,device:.type.device}")
        );
        assert_eq!(
            p.prefix_from_keys(),
            "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/"
        );
        let processors = p.processors();
        assert_eq!(processors.len(), 1);
        assert_eq!(processors[0]["Type"], "MetadataExtraction");
        assert_eq!(processors[0]["Parameters"][1]["ParameterValue"], "JQ-1.6");
    }

    #[test]
    fn the_engines_prefix_rules_decide() {
        let p = with_keys(&[("device", ".device")]);
        assert_eq!(
            p.check("", "", false).unwrap_err(),
            "ErrorOutputPrefix must be specified when dynamic partitioning is enabled."
        );
        let prefix = p.prefix_from_keys();
        assert!(p
            .check(&prefix, "errors/!{firehose:error-output-type}/", false)
            .is_ok());
        // Off, a key expression in the prefix is refused.
        let mut off = p.clone();
        off.apply(A::Enabled(false));
        assert!(off
            .check(&prefix, "errors/", false)
            .unwrap_err()
            .contains("can only be used when dynamic partitioning is enabled"));
    }

    #[test]
    fn keys_need_names_and_expressions_and_some_source() {
        let p = with_keys(&[("device", "")]);
        assert_eq!(
            p.check("d=!{partitionKeyFromQuery:device}/", "e/", false)
                .unwrap_err(),
            "Enter the JQ expression for key device."
        );
        let mut none = Partitioning::default();
        none.apply(A::Enabled(true));
        assert!(none
            .check("x/", "e/", false)
            .unwrap_err()
            .contains("needs keys"));
        // A Lambda function can give the keys instead.
        assert!(none
            .check("t=!{partitionKeyFromLambda:team}/", "e/", true)
            .is_ok());
    }

    #[test]
    fn delimited_deaggregation_sends_the_delimiter_in_base64() {
        let mut p = with_keys(&[("device", ".device")]);
        p.apply(A::Deaggregate(true));
        p.apply(A::DeaggregateJson(false));
        assert!(p
            .check("d=!{partitionKeyFromQuery:device}/", "e/", false)
            .is_err());
        p.apply(A::Delimiter("####".into()));
        let d = &p.processors()[0];
        assert_eq!(d["Type"], "RecordDeAggregation");
        assert_eq!(d["Parameters"][1]["ParameterValue"], "IyMjIw==");
    }

    #[test]
    fn at_least_one_key_row_stays() {
        let mut p = Partitioning::default();
        p.apply(A::RemoveKey(0));
        assert_eq!(p.keys.len(), 1);
        for _ in 0..60 {
            p.apply(A::AddKey);
        }
        assert_eq!(p.keys.len(), MAX_KEYS);
    }
}
