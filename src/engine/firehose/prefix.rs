//! S3 object keys: the default `YYYY/MM/dd/HH/` + `<name>-<version>-YYYY-MM-dd-HH-mm-ss-<random>`
//! layout, and custom `Prefix` / `ErrorOutputPrefix` with `!{timestamp:…}`,
//! `!{firehose:random-string}`, `!{firehose:error-output-type}` and, with dynamic partitioning,
//! `!{partitionKeyFromQuery:…}` and `!{partitionKeyFromLambda:…}`.

use super::partition::{ExtractionFailure, Keys, PartitionFailure};
use crate::engine::{SandboxRng, SimTime};
use chrono::{Datelike, Timelike};

/// One piece of a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Timestamp(String),
    RandomString,
    ErrorOutputType,
    PartitionKey(KeySource, String),
}

/// Where a dynamic partitioning key comes from: the `MetadataExtraction` processor's jq query
/// or the `Lambda` processor's `metadata.partitionKeys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeySource {
    Query,
    Lambda,
}

impl KeySource {
    /// The prefix namespace that names such a key.
    pub fn namespace(self) -> &'static str {
        match self {
            KeySource::Query => "partitionKeyFromQuery",
            KeySource::Lambda => "partitionKeyFromLambda",
        }
    }
}

/// A prefix expression Firehose doesn't accept, with the reason.
fn invalid(message: impl Into<String>) -> String {
    message.into()
}

fn pieces(prefix: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = prefix;
    while let Some(i) = rest.find("!{") {
        if i > 0 {
            out.push(Piece::Text(rest[..i].to_string()));
        }
        let after = &rest[i + 2..];
        let end = after.find('}').ok_or_else(|| {
            invalid(format!(
                "The expression starting at '{}' is not closed with '}}'.",
                &rest[i..]
            ))
        })?;
        let expr = &after[..end];
        let (ns, arg) = expr.split_once(':').ok_or_else(|| {
            invalid(format!(
                "The expression '!{{{expr}}}' needs a namespace: timestamp, firehose, partitionKeyFromQuery or partitionKeyFromLambda."
            ))
        })?;
        out.push(match (ns, arg) {
            ("timestamp", fmt) => {
                check_format(fmt)?;
                Piece::Timestamp(fmt.to_string())
            }
            ("firehose", "random-string") => Piece::RandomString,
            ("firehose", "error-output-type") => Piece::ErrorOutputType,
            ("firehose", other) => {
                return Err(invalid(format!(
                    "'{other}' is not a valid firehose expression: use random-string or error-output-type."
                )))
            }
            ("partitionKeyFromQuery" | "partitionKeyFromLambda", "") => {
                return Err(invalid(format!(
                    "The expression '!{{{expr}}}' needs the name of a partition key."
                )))
            }
            ("partitionKeyFromQuery", key) => Piece::PartitionKey(KeySource::Query, key.into()),
            ("partitionKeyFromLambda", key) => {
                Piece::PartitionKey(KeySource::Lambda, key.into())
            }
            (other, _) => {
                return Err(invalid(format!(
                    "'{other}' is not a valid namespace: use timestamp, firehose, partitionKeyFromQuery or partitionKeyFromLambda."
                )))
            }
        });
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    Ok(out)
}

/// Checks a Java `DateTimeFormatter` pattern for the letters the sandbox formats.
fn check_format(fmt: &str) -> Result<(), String> {
    format_time(fmt, SimTime::DEFAULT_START).map(|_| ())
}

/// Formats `t` (UTC) with a Java `DateTimeFormatter` pattern: `yyyy`, `yy`, `MM`, `dd`, `HH`,
/// `mm`, `ss`, `SSS`, `'literal'`; other characters that are not letters stay as they are.
pub fn format_time(fmt: &str, t: SimTime) -> Result<String, String> {
    let d = t.to_datetime();
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Quoted literal; '' is a quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '\'' {
                out.push(chars[j]);
                j += 1;
            }
            if j == chars.len() {
                return Err(format!(
                    "The timestamp format '{fmt}' has an unclosed quote."
                ));
            }
            i = j + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let mut n = 1;
        while i + n < chars.len() && chars[i + n] == c {
            n += 1;
        }
        let text = match (c, n) {
            ('y', 2) => format!("{:02}", d.year() % 100),
            ('y' | 'u', _) => format!("{:0n$}", d.year()),
            ('M', 1 | 2) => format!("{:0n$}", d.month()),
            ('d', 1 | 2) => format!("{:0n$}", d.day()),
            ('H', 1 | 2) => format!("{:0n$}", d.hour()),
            ('m', 1 | 2) => format!("{:0n$}", d.minute()),
            ('s', 1 | 2) => format!("{:0n$}", d.second()),
            ('S', 1..=3) => format!("{:03}", d.timestamp_subsec_millis())[..n].to_string(),
            _ => {
                return Err(format!(
                    "The timestamp format '{fmt}' uses '{}', which the sandbox doesn't format.",
                    c.to_string().repeat(n)
                ))
            }
        };
        out.push_str(&text);
        i += n;
    }
    Ok(out)
}

fn has_expression(p: &[Piece]) -> bool {
    p.iter().any(|x| !matches!(x, Piece::Text(_)))
}

fn partition_keys(p: &[Piece]) -> impl Iterator<Item = (KeySource, &str)> {
    p.iter().filter_map(|x| match x {
        Piece::PartitionKey(source, key) => Some((*source, key.as_str())),
        _ => None,
    })
}

/// The message for a partition key in `ErrorOutputPrefix`, where a failed record has none.
const NO_KEYS_IN_ERROR_PREFIX: &str =
    "The partitionKeyFromQuery and partitionKeyFromLambda namespaces are not allowed in ErrorOutputPrefix.";

/// Firehose's rules for a `Prefix` / `ErrorOutputPrefix` pair without dynamic partitioning.
/// `Err` is the `InvalidArgumentException` message.
pub fn validate(prefix: Option<&str>, error_prefix: Option<&str>) -> Result<(), String> {
    let p = pieces(prefix.unwrap_or(""))?;
    if let Some((source, key)) = partition_keys(&p).next() {
        return Err(invalid(format!(
            "The expression !{{{}:{key}}} can only be used when dynamic partitioning is enabled.",
            source.namespace()
        )));
    }
    common_rules(&p, prefix, error_prefix)
}

/// The rules both kinds of delivery stream share.
fn common_rules(
    p: &[Piece],
    prefix: Option<&str>,
    error_prefix: Option<&str>,
) -> Result<(), String> {
    if p.contains(&Piece::ErrorOutputType) {
        return Err(invalid(
            "The expression !{firehose:error-output-type} is only allowed in ErrorOutputPrefix.",
        ));
    }
    if prefix.is_some_and(|s| s.len() > 1024) || error_prefix.is_some_and(|s| s.len() > 1024) {
        return Err(invalid("A prefix can be at most 1024 characters long."));
    }
    match error_prefix {
        None if has_expression(p) => Err(invalid(
            "ErrorOutputPrefix must be specified when Prefix contains expressions.",
        )),
        None => Ok(()),
        Some(e) => {
            let ep = pieces(e)?;
            if partition_keys(&ep).next().is_some() {
                return Err(invalid(NO_KEYS_IN_ERROR_PREFIX));
            }
            if has_expression(&ep) && !ep.contains(&Piece::ErrorOutputType) {
                Err(invalid(
                    "ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.",
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// The partition keys a delivery stream's processors can give a prefix to name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeySources {
    /// A `MetadataExtraction` processor is configured.
    pub query: bool,
    /// The names its query can give, when they can be told from its text
    /// (`partition::query_key_names`).
    pub query_keys: Option<Vec<String>>,
    /// A `Lambda` processor is configured.
    pub lambda: bool,
}

/// Firehose's rules for a `Prefix` / `ErrorOutputPrefix` pair with dynamic partitioning on:
/// both prefixes are required, the prefix names only keys its processors can give, and the
/// error prefix names none. `Err` is the `InvalidArgumentException` message.
pub fn validate_partitioned(
    prefix: Option<&str>,
    error_prefix: Option<&str>,
    sources: &KeySources,
) -> Result<(), String> {
    let Some(error_prefix) = error_prefix else {
        return Err(invalid(
            "ErrorOutputPrefix must be specified when dynamic partitioning is enabled.",
        ));
    };
    let Some(prefix) = prefix.filter(|p| !p.is_empty()) else {
        return Err(invalid(
            "Prefix must be specified when dynamic partitioning is enabled.",
        ));
    };
    let p = pieces(prefix)?;
    for (source, key) in partition_keys(&p) {
        let configured = match source {
            KeySource::Query => sources.query,
            KeySource::Lambda => sources.lambda,
        };
        if !configured {
            let processor = match source {
                KeySource::Query => "MetadataExtraction",
                KeySource::Lambda => "Lambda",
            };
            return Err(invalid(format!(
                "The expression !{{{}:{key}}} needs a {processor} processor in ProcessingConfiguration.",
                source.namespace()
            )));
        }
        if source == KeySource::Query {
            if let Some(known) = &sources.query_keys {
                if !known.iter().any(|k| k == key) {
                    return Err(invalid(format!(
                        "The expression !{{partitionKeyFromQuery:{key}}} names a key that the MetadataExtractionQuery does not give: use {}.",
                        known.join(", ")
                    )));
                }
            }
        }
    }
    common_rules(&p, Some(prefix), Some(error_prefix))
}

/// The partition keys a prefix names, in order, each once: what tells one partition from
/// another.
pub fn named_keys(prefix: Option<&str>) -> Vec<(KeySource, String)> {
    let p = pieces(prefix.unwrap_or("")).unwrap_or_default();
    let mut out: Vec<(KeySource, String)> = Vec::new();
    for (source, key) in partition_keys(&p) {
        if !out.iter().any(|(s, k)| *s == source && k == key) {
            out.push((source, key.to_string()));
        }
    }
    out
}

/// A dynamically partitioned prefix evaluated for one partition: its keys from the query and
/// from the Lambda function, the timestamps at `oldest_arrival`. Unlike [`evaluate`], nothing
/// is appended: the prefix is the whole key path. A key the prefix names but the record
/// lacks is the record's failure.
pub fn evaluate_partitioned(
    prefix: Option<&str>,
    oldest_arrival: SimTime,
    query_keys: &Keys,
    lambda_keys: &Keys,
    rng: &mut SandboxRng,
) -> Result<String, PartitionFailure> {
    let p = pieces(prefix.unwrap_or("")).unwrap_or_default();
    let mut out = String::new();
    for piece in p {
        match piece {
            Piece::PartitionKey(source, key) => {
                let keys = match source {
                    KeySource::Query => query_keys,
                    KeySource::Lambda => lambda_keys,
                };
                let value = keys.get(&key).ok_or_else(|| {
                    PartitionFailure::MetadataExtractionFailed(ExtractionFailure::MissingKey {
                        namespace: source.namespace().into(),
                        key: key.clone(),
                    })
                })?;
                out.push_str(value);
            }
            other => push_piece(&mut out, other, oldest_arrival, None, rng),
        }
    }
    Ok(out)
}

fn push_piece(
    out: &mut String,
    piece: Piece,
    oldest_arrival: SimTime,
    error_output_type: Option<&str>,
    rng: &mut SandboxRng,
) {
    match piece {
        Piece::Text(t) => out.push_str(&t),
        Piece::Timestamp(f) => out.push_str(&format_time(&f, oldest_arrival).unwrap_or_default()),
        Piece::RandomString => out.push_str(&rng.string_from(
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
            11,
        )),
        Piece::ErrorOutputType => out.push_str(error_output_type.unwrap_or("processing-failed")),
        // Only a partitioned prefix has keys, and `evaluate_partitioned` fills them.
        Piece::PartitionKey(..) => {}
    }
}

/// A prefix evaluated at `oldest_arrival`. A prefix with no timestamp expression gets
/// `!{timestamp:yyyy/MM/dd/HH/}` appended, so the default is `YYYY/MM/dd/HH/`.
pub fn evaluate(
    prefix: Option<&str>,
    oldest_arrival: SimTime,
    error_output_type: Option<&str>,
    rng: &mut SandboxRng,
) -> String {
    let mut p = pieces(prefix.unwrap_or("")).unwrap_or_default();
    if !p.iter().any(|x| matches!(x, Piece::Timestamp(_))) {
        p.push(Piece::Timestamp("yyyy/MM/dd/HH/".into()));
    }
    let mut out = String::new();
    for piece in p {
        push_piece(&mut out, piece, oldest_arrival, error_output_type, rng);
    }
    out
}

/// `<name>-<version>-YYYY-MM-dd-HH-mm-ss-<uuid><extension>`.
pub fn object_name(
    stream: &str,
    version: u64,
    oldest_arrival: SimTime,
    extension: &str,
    rng: &mut SandboxRng,
) -> String {
    let stamp = format_time("yyyy-MM-dd-HH-mm-ss", oldest_arrival).unwrap_or_default();
    let hex = |rng: &mut SandboxRng, n: usize| rng.string_from(b"0123456789abcdef", n);
    let uuid = format!(
        "{}-{}-4{}-{}{}-{}",
        hex(rng, 8),
        hex(rng, 4),
        hex(rng, 3),
        ["8", "9", "a", "b"][rng.below(4) as usize],
        hex(rng, 3),
        hex(rng, 12)
    );
    format!("{stream}-{version}-{stamp}-{uuid}{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SimTime {
        SimTime::from_rfc3339(text).unwrap()
    }

    #[test]
    fn default_key_layout() {
        let mut rng = SandboxRng::seed_from_u64(1);
        let t = at("2026-03-04T05:06:07Z");
        assert_eq!(evaluate(None, t, None, &mut rng), "2026/03/04/05/");
        assert_eq!(
            evaluate(Some("logs/"), t, None, &mut rng),
            "logs/2026/03/04/05/"
        );
        let name = object_name("f", 3, t, ".gz", &mut rng);
        assert!(name.starts_with("f-3-2026-03-04-05-06-07-"), "{name}");
        assert!(name.ends_with(".gz"));
        let uuid = &name["f-3-2026-03-04-05-06-07-".len()..name.len() - 3];
        assert_eq!(uuid.len(), 36);
        assert_eq!(uuid.matches('-').count(), 4);
    }

    #[test]
    fn documented_examples() {
        let mut rng = SandboxRng::seed_from_u64(1);
        let t = at("2018-07-06T23:10:00Z");
        assert_eq!(
            evaluate(
                Some("myPrefix/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/"),
                t, None, &mut rng
            ),
            "myPrefix/year=2018/month=07/day=06/hour=23/"
        );
        let t = at("2018-08-27T10:30:00Z");
        assert_eq!(
            evaluate(
                Some("myFirehoseFailures/!{firehose:error-output-type}/"),
                t,
                Some("processing-failed"),
                &mut rng
            ),
            "myFirehoseFailures/processing-failed/2018/08/27/10/"
        );
        assert_eq!(
            evaluate(Some("!{timestamp:yyyy-MM-dd'T'HH}/"), t, None, &mut rng),
            "2018-08-27T10/"
        );
        let r = evaluate(
            Some("x/!{firehose:random-string}/!{timestamp:yyyy}/"),
            t,
            None,
            &mut rng,
        );
        assert_eq!(r.len(), "x/".len() + 11 + "/2018/".len());
    }

    #[test]
    fn validation_rules() {
        assert!(validate(None, None).is_ok());
        assert!(validate(Some("plain/"), None).is_ok());
        assert!(validate(Some("a/!{timestamp:yyyy}/"), None).is_err());
        assert!(validate(
            Some("a/!{timestamp:yyyy}/"),
            Some("err/!{firehose:error-output-type}/")
        )
        .is_ok());
        assert!(validate(Some("a/!{timestamp:yyyy}/"), Some("err/!{timestamp:yyyy}/")).is_err());
        assert!(validate(Some("a/!{firehose:error-output-type}/"), Some("e/")).is_err());
        assert!(validate(Some("a/!{foo:bar}/"), Some("e/")).is_err());
        assert!(validate(Some("a/!{timestamp:yyyy"), Some("e/")).is_err());
        assert!(validate(Some("a/!{timestamp:QQ}/"), Some("e/")).is_err());
        assert!(validate(Some("a/!{firehose:nope}/"), Some("e/")).is_err());
    }

    fn keys(pairs: &[(&str, &str)]) -> Keys {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn partition_keys_fill_a_partitioned_prefix() {
        let mut rng = SandboxRng::seed_from_u64(1);
        let t = at("2019-08-09T20:55:09Z");
        let query = keys(&[("customer_id", "1234567890"), ("device", "mobile")]);
        let lambda = keys(&[("year", "2019")]);
        let prefix = "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromLambda:year}/hour=!{timestamp:HH}/";
        assert_eq!(
            evaluate_partitioned(Some(prefix), t, &query, &lambda, &mut rng).unwrap(),
            "customer_id=1234567890/device=mobile/year=2019/hour=20/"
        );
        let missing =
            evaluate_partitioned(Some(prefix), t, &query, &Keys::new(), &mut rng).unwrap_err();
        assert_eq!(
            missing,
            PartitionFailure::MetadataExtractionFailed(ExtractionFailure::MissingKey {
                namespace: "partitionKeyFromLambda".into(),
                key: "year".into()
            })
        );
        assert_eq!(
            named_keys(Some(prefix)),
            [
                (KeySource::Query, "customer_id".to_string()),
                (KeySource::Query, "device".into()),
                (KeySource::Lambda, "year".into())
            ]
        );
    }

    #[test]
    fn partition_keys_need_dynamic_partitioning() {
        assert_eq!(
            validate(Some("a/!{partitionKeyFromQuery:id}/"), Some("e/")).unwrap_err(),
            "The expression !{partitionKeyFromQuery:id} can only be used when dynamic partitioning is enabled."
        );
        assert_eq!(
            validate(Some("a/"), Some("e/!{partitionKeyFromLambda:id}/")).unwrap_err(),
            NO_KEYS_IN_ERROR_PREFIX
        );
        assert_eq!(
            validate(Some("a/!{partitionKeyFromQuery:}/"), Some("e/")).unwrap_err(),
            "The expression '!{partitionKeyFromQuery:}' needs the name of a partition key."
        );
    }
}
