//! Field types and per-field summary statistics.
//!
//! A column's type is what its present values are: all booleans → boolean; at least 95 % times
//! → timestamp; at least 95 % numbers → number; else string (which keeps every value). The
//! values that don't fit a boolean, timestamp or number column are counted as invalid, with the
//! first one shown, never dropped without a word.
//!
//! Times are read from text as ISO 8601 / RFC 3339 (`2024-05-01T12:00:00Z`, with an offset or a
//! fraction), as the data generator's moment.js formats print them (`YYYY-MM-DD HH:mm:ss`,
//! `YYYY-MM-DDTHH:mm:ssZ`, `DD/MMM/YYYY:HH:mm:ss Z`), and as dates (`YYYY-MM-DD`); a time
//! without a zone is UTC. Numbers are epoch times when the field's name says so (`time`,
//! `date`, `epoch`, `ts`, `…_at`, `…At`) and every value is in range (seconds 2001–2099,
//! or milliseconds in the same years); without such a name, only whole numbers all in the
//! milliseconds range are (no price or count is that big and that uniform).

use super::dataset::{Column, Value};
use std::collections::HashMap;
use std::fmt;

/// What a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    Number,
    String,
    Boolean,
    Timestamp,
}

impl FieldType {
    /// A dimension (a category) rather than a measure.
    pub fn is_dimension(self) -> bool {
        matches!(self, FieldType::String | FieldType::Boolean)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FieldType::Number => "number",
            FieldType::String => "string",
            FieldType::Boolean => "boolean",
            FieldType::Timestamp => "timestamp",
        })
    }
}

/// A finite number from text (`12`, `-3.5`, `1e3`); not `NaN`, `inf` or an empty string.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let first = s.bytes().next()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// `true` or `false`, in any case.
pub fn parse_bool(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

const NAIVE_FORMATS: [&str; 7] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S%.f",
    "%Y/%m/%d %H:%M",
    "%Y%m%dT%H%M%S",
];
const ZONED_FORMATS: [&str; 3] = [
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%d/%b/%Y:%H:%M:%S %z",
];

/// Milliseconds since the epoch from a time's text (see the module's list), or `None`.
pub fn parse_time_text(s: &str) -> Option<i64> {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let s = s.trim();
    let b = s.as_bytes();
    // Every accepted form starts with two digits and is at least a date long.
    if b.len() < 8 || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
        return None;
    }
    if let Some(t) = fast_iso(b) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    for f in ZONED_FORMATS {
        if let Ok(t) = DateTime::parse_from_str(s, f) {
            return Some(t.timestamp_millis());
        }
    }
    for f in NAIVE_FORMATS {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc().timestamp_millis());
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, f) {
            return d
                .and_hms_opt(0, 0, 0)
                .map(|t| t.and_utc().timestamp_millis());
        }
    }
    None
}

/// `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM:SS`, a fraction and `Z`: the
/// common forms, read without chrono's general parser (the rest go through it).
fn fast_iso(b: &[u8]) -> Option<i64> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let date =
        chrono::NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)?;
    if b.len() == 10 {
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp_millis());
    }
    if !matches!(b.get(10), Some(b'T' | b' '))
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let time = date.and_hms_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?)?;
    let mut rest = &b[19..];
    let mut millis = 0i64;
    if let Some((b'.', frac)) = rest.split_first() {
        let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        for (i, &c) in frac[..n.min(3)].iter().enumerate() {
            millis += i64::from(c - b'0') * [100, 10, 1][i];
        }
        rest = &frac[n..];
    }
    match rest {
        b"" | b"Z" => Some(time.and_utc().timestamp_millis() + millis),
        _ => None,
    }
}

/// Whether a field's name says it holds times.
pub fn time_name(name: &str) -> bool {
    let last = name.rsplit('.').next().unwrap_or(name);
    let lower = last.to_ascii_lowercase();
    ["time", "date", "epoch"].iter().any(|w| lower.contains(w))
        || lower == "ts"
        || lower.ends_with("_ts")
        || lower.ends_with("_at")
        || last.ends_with("At")
}

const SECONDS: std::ops::RangeInclusive<f64> = 1.0e9..=4.1e9;
const MILLIS: std::ops::RangeInclusive<f64> = 1.0e12..=4.1e12;

/// How a numeric column's values are epoch times, if they are.
fn epoch_unit(name: &str, numbers: &[f64]) -> Option<i64> {
    if numbers.is_empty() {
        return None;
    }
    let named = time_name(name);
    if named && numbers.iter().all(|n| SECONDS.contains(n)) {
        Some(1000)
    } else if numbers.iter().all(|n| MILLIS.contains(n))
        && (named || numbers.iter().all(|n| n.fract() == 0.0))
    {
        Some(1)
    } else {
        None
    }
}

/// A number as labels show it: whole numbers without a fraction, others to 6 significant
/// digits without trailing zeros.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let digits = 6 - (n.abs().log10().floor() as i32 + 1);
    let text = format!("{:.*}", digits.clamp(0, 12) as usize, n);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A time as `2024-05-01 12:00:00` (UTC), with milliseconds when it has them.
pub fn time_text(ms: i64) -> String {
    match chrono::DateTime::from_timestamp_millis(ms) {
        Some(t) if ms.rem_euclid(1000) == 0 => t.format("%Y-%m-%d %H:%M:%S").to_string(),
        Some(t) => t.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
        None => ms.to_string(),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::Text(s) => format!("{s:?}"),
        other => other.label().unwrap_or_default(),
    }
}

/// What a present value can be read as.
#[derive(Clone, Copy)]
enum Reading {
    Other,
    Bool(bool),
    Number(f64),
    Time(i64),
}

fn reading(v: &Value) -> Reading {
    match v {
        Value::Missing => Reading::Other,
        Value::Bool(b) => Reading::Bool(*b),
        Value::Number(n) => Reading::Number(*n),
        Value::Time(t) => Reading::Time(*t),
        Value::Text(s) => {
            if let Some(b) = parse_bool(s) {
                Reading::Bool(b)
            } else if let Some(n) = parse_number(s) {
                Reading::Number(n)
            } else if let Some(t) = parse_time_text(s) {
                Reading::Time(t)
            } else {
                Reading::Other
            }
        }
    }
}

/// Types a column of raw values (see the module's rules). Each value is read once.
pub(crate) fn type_column(name: String, raw: Vec<Value>) -> Column {
    let readings: Vec<Reading> = raw.iter().map(reading).collect();
    let present = raw.iter().filter(|v| !v.is_missing()).count();
    let (mut bools, mut numbers, mut times) = (0, 0, 0);
    let mut number_values = Vec::new();
    for r in &readings {
        match r {
            Reading::Other => {}
            Reading::Bool(_) => bools += 1,
            Reading::Number(n) => {
                numbers += 1;
                number_values.push(*n);
            }
            Reading::Time(_) => times += 1,
        }
    }
    let unit = epoch_unit(&name, &number_values);
    let enough = |n: usize| present > 0 && n * 100 >= present * 95;
    let kind = if present > 0 && bools == present {
        FieldType::Boolean
    } else if enough(times + if unit.is_some() { numbers } else { 0 }) {
        FieldType::Timestamp
    } else if enough(numbers) {
        FieldType::Number
    } else {
        FieldType::String
    };
    let mut invalid = 0;
    let mut first_invalid = None;
    let values = raw
        .into_iter()
        .zip(readings)
        .enumerate()
        .map(|(row, (v, r))| {
            if v.is_missing() {
                return v;
            }
            let typed = match (kind, r) {
                (FieldType::String, _) => {
                    return match v {
                        Value::Text(s) => Value::Text(s),
                        other => Value::Text(other.label().unwrap_or_default()),
                    }
                }
                (FieldType::Boolean, Reading::Bool(b)) => Some(Value::Bool(b)),
                (FieldType::Number, Reading::Number(n)) => Some(Value::Number(n)),
                (FieldType::Timestamp, Reading::Time(t)) => Some(Value::Time(t)),
                (FieldType::Timestamp, Reading::Number(n)) => {
                    unit.map(|u| Value::Time((n * u as f64).round() as i64))
                }
                _ => None,
            };
            typed.unwrap_or_else(|| {
                invalid += 1;
                if first_invalid.is_none() {
                    first_invalid =
                        Some(format!("row {}: {} is not a {kind}", row + 1, describe(&v)));
                }
                Value::Missing
            })
        })
        .collect();
    Column {
        name,
        kind,
        values,
        invalid,
        first_invalid,
    }
}

/// The `p` quantile (0 ≤ p ≤ 1) of sorted values by linear interpolation between closest
/// ranks — Excel's `PERCENTILE.INC`, R's type 7, and QuickSight's `percentileCont`: the
/// position is `(n − 1)·p` from the smallest. `None` for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(n - 1);
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Minimum, quartiles and maximum of sorted values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quartiles {
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

impl Quartiles {
    /// Of values already sorted ascending; `None` for none.
    pub fn of_sorted(sorted: &[f64]) -> Option<Quartiles> {
        Some(Quartiles {
            min: *sorted.first()?,
            q1: quantile(sorted, 0.25)?,
            median: quantile(sorted, 0.5)?,
            q3: quantile(sorted, 0.75)?,
            max: *sorted.last()?,
        })
    }

    /// Of any values (sorted here; non-finite ones are left out).
    pub fn of(values: &[f64]) -> Option<Quartiles> {
        let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
        v.sort_unstable_by(f64::total_cmp);
        Self::of_sorted(&v)
    }

    pub fn iqr(&self) -> f64 {
        self.q3 - self.q1
    }
}

/// Mean and sample standard deviation (n − 1; `None` below two values), by Welford's method.
pub fn mean_sd(values: impl IntoIterator<Item = f64>) -> (Option<f64>, Option<f64>) {
    let (mut n, mut mean, mut m2) = (0u64, 0.0f64, 0.0f64);
    for x in values {
        n += 1;
        let d = x - mean;
        mean += d / n as f64;
        m2 += d * (x - mean);
    }
    match n {
        0 => (None, None),
        1 => (Some(mean), None),
        _ => (Some(mean), Some((m2 / (n - 1) as f64).sqrt())),
    }
}

/// A numeric (or time) field's statistics; times are in epoch milliseconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NumericSummary {
    pub mean: f64,
    /// Sample standard deviation (n − 1); `None` for one value.
    pub std_dev: Option<f64>,
    /// Quartiles by [`quantile`]'s linear method (`PERCENTILE.INC`).
    pub quartiles: Quartiles,
}

/// One field's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSummary {
    pub name: String,
    pub kind: FieldType,
    /// Present values.
    pub count: usize,
    /// Null or absent.
    pub missing: usize,
    /// Present but not of the field's type (counted apart from `missing`).
    pub invalid: usize,
    pub first_invalid: Option<String>,
    /// For numbers and timestamps.
    pub numeric: Option<NumericSummary>,
    pub distinct: usize,
    /// The most frequent values (most first, ties in order of first appearance), at most
    /// [`TOP_VALUES`].
    pub top: Vec<(String, usize)>,
}

/// How many top values a summary lists.
pub const TOP_VALUES: usize = 5;

/// A value's identity for counting distinct values (numbers by their bits, −0 as 0).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Key<'a> {
    Bool(bool),
    Number(u64),
    Text(&'a str),
    Time(i64),
}

pub(crate) fn key(v: &Value) -> Option<Key<'_>> {
    Some(match v {
        Value::Missing => return None,
        Value::Bool(b) => Key::Bool(*b),
        Value::Number(n) => Key::Number(if *n == 0.0 { 0 } else { n.to_bits() }),
        Value::Text(s) => Key::Text(s),
        Value::Time(t) => Key::Time(*t),
    })
}

/// The summary of one column.
pub fn summarize(c: &Column) -> FieldSummary {
    let mut counts: HashMap<Key, (usize, usize)> = HashMap::new();
    for (i, v) in c.values.iter().enumerate() {
        if let Some(k) = key(v) {
            counts.entry(k).or_insert((0, i)).0 += 1;
        }
    }
    let numeric = if matches!(c.kind, FieldType::Number | FieldType::Timestamp) {
        let mut v: Vec<f64> = c.values.iter().filter_map(Value::number).collect();
        v.sort_unstable_by(f64::total_cmp);
        let (mean, sd) = mean_sd(v.iter().copied());
        Quartiles::of_sorted(&v).map(|quartiles| NumericSummary {
            mean: mean.unwrap_or(f64::NAN),
            std_dev: sd,
            quartiles,
        })
    } else {
        None
    };
    let distinct = counts.len();
    let mut top: Vec<(usize, usize)> = counts.into_values().collect();
    // Most first; ties in the order the values first appear.
    let label = |row: usize| c.values[row].label().unwrap_or_default();
    top.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let top = top
        .into_iter()
        .take(TOP_VALUES)
        .map(|(n, row)| (label(row), n))
        .collect();
    let count = c.values.len() - c.values.iter().filter(|v| v.is_missing()).count();
    FieldSummary {
        name: c.name.clone(),
        kind: c.kind,
        count,
        missing: c.values.len() - count - c.invalid,
        invalid: c.invalid,
        first_invalid: c.first_invalid.clone(),
        numeric,
        distinct,
        top,
    }
}

/// Every column's summary, in the dataset's order.
pub fn summarize_all(ds: &super::Dataset) -> Vec<FieldSummary> {
    ds.columns.iter().map(summarize).collect()
}
