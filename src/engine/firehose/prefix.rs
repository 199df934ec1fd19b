//! S3 object keys: the default `YYYY/MM/dd/HH/` + `<name>-<version>-YYYY-MM-dd-HH-mm-ss-<random>`
//! layout, and custom `Prefix` / `ErrorOutputPrefix` with `!{timestamp:…}`,
//! `!{firehose:random-string}` and `!{firehose:error-output-type}`.

use crate::engine::{SandboxRng, SimTime};
use chrono::{Datelike, Timelike};

/// One piece of a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Timestamp(String),
    RandomString,
    ErrorOutputType,
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
                "The expression '!{{{expr}}}' needs a namespace: timestamp or firehose."
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
            ("partitionKeyFromQuery" | "partitionKeyFromLambda", _) => {
                return Err(invalid(
                    "Dynamic partitioning is not available in the sandbox yet.",
                ))
            }
            (other, _) => {
                return Err(invalid(format!(
                    "'{other}' is not a valid namespace: use timestamp or firehose."
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

/// Firehose's rules for a `Prefix` / `ErrorOutputPrefix` pair. `Err` is the
/// `InvalidArgumentException` message.
pub fn validate(prefix: Option<&str>, error_prefix: Option<&str>) -> Result<(), String> {
    let p = pieces(prefix.unwrap_or(""))?;
    if p.contains(&Piece::ErrorOutputType) {
        return Err(invalid(
            "The expression !{firehose:error-output-type} is only allowed in ErrorOutputPrefix.",
        ));
    }
    if prefix.is_some_and(|s| s.len() > 1024) || error_prefix.is_some_and(|s| s.len() > 1024) {
        return Err(invalid("A prefix can be at most 1024 characters long."));
    }
    match error_prefix {
        None if has_expression(&p) => Err(invalid(
            "ErrorOutputPrefix must be specified when Prefix contains expressions.",
        )),
        None => Ok(()),
        Some(e) => {
            let ep = pieces(e)?;
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
        match piece {
            Piece::Text(t) => out.push_str(&t),
            Piece::Timestamp(f) => {
                out.push_str(&format_time(&f, oldest_arrival).unwrap_or_default())
            }
            Piece::RandomString => out.push_str(&rng.string_from(
                b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
                11,
            )),
            Piece::ErrorOutputType => {
                out.push_str(error_output_type.unwrap_or("processing-failed"))
            }
        }
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
}
