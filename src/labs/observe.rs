//! What the learner saw in the console, for goals that check it.
//!
//! Some steps are about looking, not changing: "read the Total stream capacity for 2 shards".
//! Their goal can't be an API answer, so the console's pages record named **observations**
//! ("`streams.capacity_viewed` with `mode` PROVISIONED and `shards` 2") into the lab progress
//! while a lab is under way, and a goal's `observed` check looks for one with the facts it
//! names. The names and their facts are listed here ([`KNOWN`]), so `Labs::validate` can refuse
//! a goal that names something no page records. Pure data: the engine knows nothing of it, and
//! the pages only record.

use super::path::same;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// An observation a page records: its name, the facts it may carry (each with how it reads),
/// and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub name: &'static str,
    pub facts: &'static [(&'static str, &'static str)],
    /// What the learner looked at, as "Show me" and a failed check say it.
    pub shows: &'static str,
}

/// The console's capacity for a stream's shards was on screen: the **Total stream capacity**
/// panel of Create data stream (`page` = `create`) or **Stream capacity** on a stream's
/// Details tab (`page` = `details`, with `stream`).
pub const CAPACITY_VIEWED: &str = "streams.capacity_viewed";
/// The shard calculator showed an estimate for the figures typed into it.
pub const SHARDS_ESTIMATED: &str = "streams.shards_estimated";
/// A stream's shard table, with each shard's hash-key range, was on screen.
pub const SHARDS_VIEWED: &str = "streams.shards_viewed";

/// A function's Test tab ran a test event and showed its result (`result` = `succeeded` or
/// `failed`).
pub const LAMBDA_TESTED: &str = "lambda.tested";

/// The Analysis workspace (Amazon Quick Sight) made a dataset: `source` is `s3` (with `bucket`
/// and `prefix`) or `kinesis` (with `stream`); `rows` read.
pub const DATASET_LOADED: &str = "analysis.dataset_loaded";
/// The Analysis workspace drew a visual: `visual` is its type (`histogram`, `box_plot`,
/// `scatter`, `heat_map`, `correlation_matrix`, `line`, `bar`, `pie`, `kpi`), and each field
/// well holds a field (`x`, `y`, `value`, `group`, `size`, `rows`, `columns`). A scatter plot
/// adds how its correlation reads (`relationship`, e.g. `no linear relationship`); a box plot
/// whether outliers are `shown` or `hidden` (`outliers`) and whether any were found
/// (`has_outliers`).
pub const VISUAL_SHOWN: &str = "analysis.visual_shown";

/// The Amazon OpenSearch Service page ran a search: `domain`, the index pattern (`index`),
/// the query string as typed (`query`, empty for every document) and how many documents
/// matched (`hits`); `found` is whether any did.
pub const OPENSEARCH_SEARCHED: &str = "opensearch.searched";

/// Every observation the console records.
pub const KNOWN: &[Known] = &[
    Known {
        name: LAMBDA_TESTED,
        facts: &[("function", "function"), ("result", "result")],
        shows: "a Lambda function's test result",
    },
    Known {
        name: CAPACITY_VIEWED,
        facts: &[
            ("mode", "capacity mode"),
            ("shards", "shards"),
            ("page", "page"),
            ("stream", "stream"),
        ],
        shows: "the capacity of a stream's shards",
    },
    Known {
        name: SHARDS_ESTIMATED,
        facts: &[
            ("record_kb", "average record size (KB)"),
            ("records_per_second", "records written per second"),
            ("consumers", "consumer applications"),
            ("estimate", "estimated shards"),
        ],
        shows: "the shard calculator's estimate",
    },
    Known {
        name: DATASET_LOADED,
        facts: &[
            ("source", "source"),
            ("bucket", "S3 bucket"),
            ("prefix", "S3 prefix"),
            ("stream", "data stream"),
            ("rows", "rows"),
        ],
        shows: "a dataset in the Analysis workspace",
    },
    Known {
        name: VISUAL_SHOWN,
        facts: &[
            ("visual", "visual type"),
            ("x", "X axis"),
            ("y", "Y axis"),
            ("value", "Value"),
            ("group", "Group/Color"),
            ("size", "Size"),
            ("rows", "Rows"),
            ("columns", "Columns"),
            ("outliers", "outliers"),
            ("has_outliers", "outliers found"),
            ("relationship", "relationship"),
        ],
        shows: "a visual in the Analysis workspace",
    },
    Known {
        name: OPENSEARCH_SEARCHED,
        facts: &[
            ("domain", "OpenSearch domain"),
            ("index", "index pattern"),
            ("query", "query"),
            ("hits", "documents matched"),
            ("found", "documents found"),
        ],
        shows: "a search in an OpenSearch domain",
    },
    Known {
        name: SHARDS_VIEWED,
        facts: &[("stream", "stream"), ("shards", "shards")],
        shows: "a stream's shards and their hash-key ranges",
    },
];

/// The entry of [`KNOWN`] named `name`.
pub fn known(name: &str) -> Option<&'static Known> {
    KNOWN.iter().find(|k| k.name == name)
}

/// Checks a name and facts a lab file gives (a goal's `with`, or a "Show me" observation):
/// the name is known, the facts are a table of that observation's facts with plain values.
pub fn validate(name: &str, facts: Option<&Value>) -> Result<(), String> {
    let Some(k) = known(name) else {
        let names: Vec<&str> = KNOWN.iter().map(|k| k.name).collect();
        return Err(format!(
            "`{name}` is not an observation the console records (one of {})",
            names.join(", ")
        ));
    };
    match facts {
        None => Ok(()),
        Some(Value::Object(o)) => {
            for (fact, value) in o {
                if !k.facts.iter().any(|(f, _)| f == fact) {
                    let facts: Vec<&str> = k.facts.iter().map(|(f, _)| *f).collect();
                    return Err(format!(
                        "`{fact}` is not a fact of {name} (one of {})",
                        facts.join(", ")
                    ));
                }
                if matches!(value, Value::Object(_) | Value::Array(_) | Value::Null) {
                    return Err(format!("`with.{fact}` is a text, a number or true/false"));
                }
            }
            Ok(())
        }
        Some(_) => Err("`with` is a table of facts, like { shards = 2 }".into()),
    }
}

/// How "Show me" lists an observation it counts as seen: "Count as seen: the capacity of a
/// stream's shards (capacity mode: PROVISIONED, shards: 2)".
pub fn show_me_text(name: &str, facts: Option<&Value>) -> String {
    let o = Observation::from_lab(name, facts);
    let what = known(name).map_or(name, |k| k.shows);
    if o.facts.is_empty() {
        format!("Count as seen: {what}")
    } else {
        format!("Count as seen: {what} ({o})")
    }
}

/// One thing seen: a known name and the facts shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    pub name: String,
    #[serde(default)]
    pub facts: Map<String, Value>,
}

impl Observation {
    pub fn new(name: &str) -> Self {
        Observation {
            name: name.to_string(),
            facts: Map::new(),
        }
    }

    /// The observation with one more fact.
    pub fn with(mut self, fact: &str, value: impl Into<Value>) -> Self {
        self.facts.insert(fact.to_string(), value.into());
        self
    }

    /// The observation a lab file describes: `name` with the facts of the `with` table.
    pub fn from_lab(name: &str, facts: Option<&Value>) -> Self {
        Observation {
            name: name.to_string(),
            facts: facts
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
        }
    }

    /// Whether this is `name` with every fact of `want` (numbers compare by value: 2 = 2.0).
    pub fn matches(&self, name: &str, want: Option<&Value>) -> bool {
        self.name == name
            && want.and_then(Value::as_object).is_none_or(|want| {
                want.iter()
                    .all(|(k, v)| self.facts.get(k).is_some_and(|have| same(have, v)))
            })
    }
}

impl fmt::Display for Observation {
    /// `capacity mode: PROVISIONED, shards: 2`: the facts, in the learner's words and in the
    /// order [`KNOWN`] lists them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels = known(&self.name).map_or(&[][..], |k| k.facts);
        let mut keys: Vec<(&str, &str)> = labels
            .iter()
            .filter(|(k, _)| self.facts.contains_key(*k))
            .copied()
            .collect();
        keys.extend(
            self.facts
                .keys()
                .filter(|k| !labels.iter().any(|(f, _)| f == k))
                .map(|k| (k.as_str(), k.as_str())),
        );
        let facts: Vec<String> = keys
            .iter()
            .map(|(k, label)| match &self.facts[*k] {
                Value::String(s) => format!("{label}: {s}"),
                other => format!("{label}: {other}"),
            })
            .collect();
        if facts.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{}", facts.join(", "))
        }
    }
}

/// A number as a fact: whole numbers as integers, so that `1` typed reads `1`, not `1.0`.
pub fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// What the learner saw during one lab, oldest first, each once. It keeps the most recent
/// [`Observations::LIMIT`], so a learner trying many figures in a calculator can't grow the
/// saved progress without end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Observations(Vec<Observation>);

impl Observations {
    pub const LIMIT: usize = 64;

    /// Records `o`; true when it was not there yet. One seen again becomes the most recent.
    pub fn record(&mut self, o: Observation) -> bool {
        let new = match self.0.iter().position(|x| *x == o) {
            Some(i) => {
                let again = self.0.remove(i);
                self.0.push(again);
                false
            }
            None => {
                self.0.push(o);
                true
            }
        };
        if self.0.len() > Self::LIMIT {
            self.0.remove(0);
        }
        new
    }

    pub fn contains(&self, o: &Observation) -> bool {
        self.0.contains(o)
    }

    /// The most recent observation named `name` with the facts of `want`.
    pub fn find(&self, name: &str, want: Option<&Value>) -> Option<&Observation> {
        self.0.iter().rev().find(|o| o.matches(name, want))
    }

    /// The most recent observation named `name`, whatever its facts.
    pub fn latest(&self, name: &str) -> Option<&Observation> {
        self.find(name, None)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Observation> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Extend<Observation> for Observations {
    fn extend<I: IntoIterator<Item = Observation>>(&mut self, iter: I) {
        for o in iter {
            self.record(o);
        }
    }
}

impl FromIterator<Observation> for Observations {
    fn from_iter<I: IntoIterator<Item = Observation>>(iter: I) -> Self {
        let mut out = Observations::default();
        for o in iter {
            out.record(o);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn capacity(mode: &str, shards: u32) -> Observation {
        Observation::new(CAPACITY_VIEWED)
            .with("mode", mode)
            .with("shards", shards)
            .with("page", "create")
    }

    #[test]
    fn a_goal_matches_an_observation_with_its_facts() {
        let o = capacity("PROVISIONED", 2);
        let want = json!({"mode": "PROVISIONED", "shards": 2});
        assert!(o.matches(CAPACITY_VIEWED, Some(&want)));
        assert!(o.matches(CAPACITY_VIEWED, Some(&json!({"shards": 2.0}))));
        assert!(o.matches(CAPACITY_VIEWED, None), "no facts: any");
        assert!(!o.matches(CAPACITY_VIEWED, Some(&json!({"shards": 1}))));
        assert!(!o.matches(CAPACITY_VIEWED, Some(&json!({"stream": "s"}))));
        assert!(!o.matches(SHARDS_VIEWED, None));
        assert_eq!(
            o.to_string(),
            "capacity mode: PROVISIONED, shards: 2, page: create"
        );
    }

    #[test]
    fn observations_are_kept_once_most_recent_last_and_bounded() {
        let mut seen = Observations::default();
        assert!(seen.record(capacity("PROVISIONED", 1)));
        assert!(seen.record(capacity("PROVISIONED", 2)));
        assert!(!seen.record(capacity("PROVISIONED", 1)), "seen again");
        assert_eq!(seen.len(), 2);
        assert_eq!(
            seen.latest(CAPACITY_VIEWED),
            Some(&capacity("PROVISIONED", 1))
        );
        for n in 0..200 {
            seen.record(capacity("PROVISIONED", n));
        }
        assert_eq!(seen.len(), Observations::LIMIT);
        assert_eq!(
            seen.latest(CAPACITY_VIEWED),
            Some(&capacity("PROVISIONED", 199))
        );
        let back: Observations =
            serde_json::from_str(&serde_json::to_string(&seen).unwrap()).unwrap();
        assert_eq!(back, seen);
    }

    #[test]
    fn lab_files_may_only_name_what_the_console_records() {
        assert_eq!(validate(CAPACITY_VIEWED, None), Ok(()));
        assert_eq!(
            validate(
                CAPACITY_VIEWED,
                Some(&json!({"shards": 2, "mode": "PROVISIONED"}))
            ),
            Ok(())
        );
        assert!(validate("streams.nope", None)
            .unwrap_err()
            .starts_with("`streams.nope` is not an observation the console records"));
        assert!(validate(CAPACITY_VIEWED, Some(&json!({"colour": 2})))
            .unwrap_err()
            .starts_with("`colour` is not a fact of streams.capacity_viewed"));
        assert!(validate(CAPACITY_VIEWED, Some(&json!({"shards": [2]}))).is_err());
        assert!(validate(CAPACITY_VIEWED, Some(&json!(2))).is_err());
        assert_eq!(
            show_me_text(
                CAPACITY_VIEWED,
                Some(&json!({"mode": "PROVISIONED", "shards": 2}))
            ),
            "Count as seen: the capacity of a stream's shards (capacity mode: PROVISIONED, shards: 2)"
        );
        assert_eq!(number(1.0), json!(1));
        assert_eq!(number(1.5), json!(1.5));
    }
}
