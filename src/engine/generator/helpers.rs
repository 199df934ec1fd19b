//! The helpers a tag can name (`random.number`, `name.firstName`, `date.now`, …), resolved
//! once when a template compiles, with their arguments already parsed.

use super::moment::{self, Token};
use super::words;
use super::RenderContext;
use crate::engine::extension;
use crate::engine::SandboxRng;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use std::fmt::Write;

/// The text between a tag's parentheses: JSON when it parses as JSON, else the raw text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    None,
    Json(Value),
    Raw(String),
}

impl Arg {
    pub fn parse(text: &str) -> Arg {
        if text.trim().is_empty() {
            return Arg::None;
        }
        match serde_json::from_str::<Value>(text) {
            Ok(v) => Arg::Json(v),
            Err(_) => Arg::Raw(text.to_string()),
        }
    }

    fn as_string(&self) -> Option<&str> {
        match self {
            Arg::Json(Value::String(s)) => Some(s),
            Arg::Raw(s) => Some(s),
            _ => None,
        }
    }

    fn field(&self, name: &str) -> Option<&Value> {
        match self {
            Arg::Json(Value::Object(map)) => map.get(name),
            _ => None,
        }
    }
}

/// Why a tag could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    Module,
    Method,
    /// The arguments are wrong: says what was expected.
    Arguments(String),
}

/// Which clock a date helper reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The sandbox's clock (`date.now`, `date.utc`).
    Now,
    /// The generator's simulated data time (`date.simTime`).
    Sim,
}

/// `random.number`: an inclusive integer range, or faker's float arithmetic for precisions
/// other than 1.
#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    Int { min: i64, span: u64 },
    Float { lo: f64, hi: f64, precision: f64 },
}

/// A uniform integer in `0..span` (`span > 0`) by Lemire's multiply-and-shift, which avoids a
/// division on the hot path; unbiased thanks to the rejection step.
pub fn uniform(rng: &mut SandboxRng, span: u64) -> u64 {
    let mut m = (rng.next_u64() as u128) * (span as u128);
    if (m as u64) < span {
        let threshold = span.wrapping_neg() % span;
        while (m as u64) < threshold {
            m = (rng.next_u64() as u128) * (span as u128);
        }
    }
    (m >> 64) as u64
}

/// Appends a decimal integer without going through `fmt`.
pub fn push_int(out: &mut String, n: i64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut v = n.unsigned_abs();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    if n < 0 {
        out.push('-');
    }
    out.reserve(buf.len() - i);
    for &digit in &buf[i..] {
        out.push(char::from(digit));
    }
}

impl Number {
    fn new(min: f64, max: f64, precision: f64) -> Result<Number, ResolveError> {
        if !(min.is_finite() && max.is_finite() && precision.is_finite() && precision > 0.0) {
            return Err(ResolveError::Arguments(
                "min, max and precision must be numbers, and precision above 0".into(),
            ));
        }
        if min > max {
            return Err(ResolveError::Arguments(format!(
                "min ({}) is greater than max ({})",
                js_number(min),
                js_number(max)
            )));
        }
        let integral = |x: f64| x.fract() == 0.0 && x.abs() < 9.0e15;
        if precision == 1.0 && integral(min) && integral(max) && max >= 0.0 {
            return Ok(Number::Int {
                min: min as i64,
                span: (max - min) as u64 + 1,
            });
        }
        // faker: the range is widened by one step so that max is included (when max >= 0).
        let widened = if max >= 0.0 { max + precision } else { max };
        Ok(Number::Float {
            lo: min / precision,
            hi: widened / precision,
            precision,
        })
    }

    fn draw(&self, rng: &mut SandboxRng) -> f64 {
        match *self {
            Number::Int { min, span } => (min + uniform(rng, span) as i64) as f64,
            Number::Float { lo, hi, precision } => {
                let k = (lo + rng.unit_f64() * (hi - lo)).floor();
                k / (1.0 / precision)
            }
        }
    }

    fn render(&self, rng: &mut SandboxRng, out: &mut String) {
        match *self {
            Number::Int { min, span } => push_int(out, min + uniform(rng, span) as i64),
            Number::Float { .. } => out.push_str(&js_number(self.draw(rng))),
        }
    }
}

/// Faker's `commerce.price` and `finance.amount`.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    number: Number,
    decimals: usize,
    symbol: String,
}

/// Helpers that take no arguments that matter, drawn from `fake` or our word lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Simple {
    Uuid,
    Boolean,
    RandomWord,
    FirstName,
    LastName,
    FullName,
    NamePrefix,
    NameSuffix,
    JobTitle,
    JobDescriptor,
    JobArea,
    JobType,
    Email,
    ExampleEmail,
    UserName,
    Protocol,
    Url,
    DomainName,
    DomainSuffix,
    DomainWord,
    Ip,
    Ipv6,
    UserAgent,
    HexColor,
    Mac,
    Password,
    Avatar,
    ZipCode,
    City,
    CityPrefix,
    CitySuffix,
    StreetName,
    StreetAddress,
    StreetSuffix,
    SecondaryAddress,
    Country,
    CountryCode,
    State,
    StateAbbr,
    Latitude,
    Longitude,
    ProductName,
    CompanyName,
    CompanySuffix,
    CompanySuffixes,
    CatchPhrase,
    CatchPhraseAdjective,
    CatchPhraseDescriptor,
    CatchPhraseNoun,
    Bs,
    BsAdjective,
    BsBuzz,
    BsNoun,
    AccountName,
    CurrencyCode,
    CurrencyName,
    CurrencySymbol,
    BitcoinAddress,
    Bic,
    HackerPhrase,
    LoremWord,
    LoremSlug,
    LoremText,
    PhoneNumber,
    FileName,
    CommonFileName,
    MimeType,
    CommonFileType,
    CommonFileExt,
    FileType,
    FileExt,
    DirectoryPath,
    FilePath,
    Semver,
    Image,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lorem {
    Words,
    Sentence,
    Sentences,
    Paragraph,
    Paragraphs,
    Lines,
}

/// A resolved helper, ready to render many times.
#[derive(Debug, Clone, PartialEq)]
pub enum Helper {
    Number(Number),
    Pick(Vec<String>),
    PickStatic(&'static [&'static str]),
    PickWeighted {
        cumulative: Vec<f64>,
        data: Vec<String>,
    },
    Subset(Vec<String>),
    Shuffle(Vec<String>),
    Chars {
        alphabet: &'static [u8],
        count: usize,
        prefix: &'static str,
    },
    Words(Option<usize>),
    Lorem(Lorem, Option<usize>),
    Moment {
        tokens: Vec<Token>,
        clock: Clock,
        utc: bool,
    },
    /// A random instant `min_ms..=max_ms` from the sandbox clock (negative: in the past).
    DateOffset {
        min_ms: i64,
        max_ms: i64,
    },
    DateBetween {
        from_ms: i64,
        to_ms: i64,
    },
    Month {
        abbr: bool,
    },
    Weekday {
        abbr: bool,
    },
    Money(Money),
    Mask {
        length: usize,
        parens: bool,
        ellipsis: bool,
    },
    Symbols(String),
    Literal(String),
    ImageCategory(&'static str),
    Simple(Simple),
}

const ALPHANUMERIC: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
const HEX: &[u8] = b"0123456789abcdef";
const DIGITS: &[u8] = b"0123456789";
pub(super) const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// JavaScript's `String(number)`.
pub fn js_number(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if f == 0.0 {
        return "0".into();
    }
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let s = format!("{f:e}");
        return match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e}"),
            _ => s,
        };
    }
    if f.fract() == 0.0 {
        format!("{f:.0}")
    } else {
        format!("{f}")
    }
}

/// JavaScript's `String(value)` for a JSON value: how a helper's result lands in a record.
pub fn js_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) if i.unsigned_abs() < (1 << 53) => i.to_string(),
            (_, Some(f)) => js_number(f),
            _ => n.to_string(),
        },
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Array(items) => items
            .iter()
            .map(|i| match i {
                Value::Null => String::new(),
                other => js_string(other),
            })
            .collect::<Vec<_>>()
            .join(","),
        Value::Object(_) => "[object Object]".into(),
    }
}

fn bad(expected: &str) -> ResolveError {
    ResolveError::Arguments(expected.to_string())
}

fn number_field(arg: &Arg, name: &str, default: f64) -> Result<f64, ResolveError> {
    match arg.field(name) {
        None | Some(Value::Null) => Ok(default),
        Some(Value::Number(n)) => Ok(n.as_f64().unwrap_or(default)),
        Some(_) => Err(ResolveError::Arguments(format!(
            "\"{name}\" must be a number"
        ))),
    }
}

fn bool_field(arg: &Arg, name: &str, default: bool) -> bool {
    match arg.field(name) {
        Some(Value::Bool(b)) => *b,
        _ => default,
    }
}

/// A count argument: `{{lorem.words(5)}}`.
fn count(arg: &Arg, what: &str) -> Result<Option<usize>, ResolveError> {
    match arg {
        Arg::None => Ok(None),
        Arg::Json(Value::Number(n)) => match n.as_u64() {
            Some(c) if c <= 10_000 => Ok(Some(c as usize)),
            _ => Err(ResolveError::Arguments(format!(
                "{what} must be a whole number from 0 to 10000"
            ))),
        },
        _ => Err(ResolveError::Arguments(format!("{what} must be a number"))),
    }
}

fn array(arg: &Arg, example: &str) -> Result<Vec<String>, ResolveError> {
    match arg {
        Arg::Json(Value::Array(items)) if !items.is_empty() => {
            Ok(items.iter().map(js_string).collect())
        }
        Arg::Json(Value::Array(_)) => Err(bad("the array must not be empty")),
        _ => Err(ResolveError::Arguments(format!(
            "expected a JSON array such as {example}"
        ))),
    }
}

fn date_ms(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_f64().map(|f| f as i64),
        Value::String(s) => {
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                return Some(t.timestamp_millis());
            }
            if let Ok(t) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
                return Some(t.and_utc().timestamp_millis());
            }
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc().timestamp_millis())
        }
        _ => None,
    }
}

fn moment_helper(arg: &Arg, clock: Clock, utc: bool) -> Result<Helper, ResolveError> {
    let format = match arg {
        Arg::None => None,
        Arg::Json(Value::Object(_)) => match arg.field("format") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()),
            Some(_) => return Err(bad("\"format\" must be a string")),
        },
        other => match other.as_string() {
            Some(s) => Some(s),
            None => {
                return Err(bad(
                    "expected a moment.js format such as \"YYYY-MM-DD HH:mm:ss\"",
                ))
            }
        },
    };
    let format = format.unwrap_or(if utc {
        moment::DEFAULT_UTC
    } else {
        moment::DEFAULT_LOCAL
    });
    Ok(Helper::Moment {
        tokens: moment::parse(format),
        clock,
        utc,
    })
}

fn money(arg: &Arg, default_min: f64, integer: bool) -> Result<Helper, ResolveError> {
    let (min, max, decimals, symbol) = match arg {
        Arg::None => (default_min, 1000.0, 2.0, String::new()),
        Arg::Json(Value::Number(n)) => (
            n.as_f64().unwrap_or(default_min),
            1000.0,
            2.0,
            String::new(),
        ),
        Arg::Json(Value::Object(_)) => (
            number_field(arg, "min", default_min)?,
            number_field(arg, "max", 1000.0)?,
            number_field(arg, "dec", 2.0)?,
            match arg.field("symbol") {
                Some(Value::String(s)) => s.clone(),
                _ => String::new(),
            },
        ),
        _ => {
            return Err(bad(
                "expected a minimum or {\"min\", \"max\", \"dec\", \"symbol\"}",
            ))
        }
    };
    let decimals = decimals.clamp(0.0, 10.0) as usize;
    let precision = if integer {
        1.0
    } else {
        10f64.powi(-(decimals as i32))
    };
    Ok(Helper::Money(Money {
        number: Number::new(min, max, precision)?,
        decimals,
        symbol,
    }))
}

fn simple(arg: &Arg, s: Simple) -> Result<Helper, ResolveError> {
    let _ = arg;
    Ok(Helper::Simple(s))
}

/// Finds `module.method` and checks its arguments.
pub fn resolve(module: &str, method: &str, arg: &Arg) -> Result<Helper, ResolveError> {
    use Simple as S;
    let known_module = matches!(
        module,
        "address"
            | "commerce"
            | "company"
            | "date"
            | "finance"
            | "hacker"
            | "helpers"
            | "image"
            | "internet"
            | "lorem"
            | "name"
            | "phone"
            | "random"
            | "system"
            | "current"
    );
    if !known_module {
        return Err(ResolveError::Module);
    }
    let helper = match (module, method) {
        ("current", "timestamp") => moment_helper(&Arg::None, Clock::Now, false)?,
        ("current", _) => return Err(ResolveError::Module),

        ("random", "number") => match arg {
            Arg::None => Helper::Number(Number::new(0.0, 99999.0, 1.0)?),
            Arg::Json(Value::Number(n)) => {
                Helper::Number(Number::new(0.0, n.as_f64().unwrap_or(0.0), 1.0)?)
            }
            Arg::Json(Value::Object(_)) => Helper::Number(Number::new(
                number_field(arg, "min", 0.0)?,
                number_field(arg, "max", 99999.0)?,
                number_field(arg, "precision", 1.0)?,
            )?),
            _ => {
                return Err(bad(
                    "expected a maximum such as 50 or {\"min\": 10, \"max\": 150}",
                ))
            }
        },
        ("random", "arrayElement") | ("helpers", "randomize") => match arg {
            Arg::None => Helper::Pick(vec!["a".into(), "b".into(), "c".into()]),
            _ => Helper::Pick(array(arg, "[\"OK\",\"FAIL\",\"WARN\"]")?),
        },
        ("random", "arrayElements") => match arg {
            Arg::None => Helper::Subset(vec!["a".into(), "b".into(), "c".into()]),
            _ => Helper::Subset(array(arg, "[\"OK\",\"FAIL\",\"WARN\"]")?),
        },
        ("helpers", "shuffle") => match arg {
            Arg::None => Helper::Shuffle(vec!["a".into(), "b".into(), "c".into()]),
            _ => Helper::Shuffle(array(arg, "[\"a\",\"b\",\"c\"]")?),
        },
        ("random", "objectElement") => match arg {
            Arg::None => Helper::Pick(vec!["bar".into(), "car".into()]),
            Arg::Json(Value::Object(map)) if !map.is_empty() => {
                Helper::Pick(map.values().map(js_string).collect())
            }
            _ => return Err(bad("expected a non-empty JSON object such as {\"a\": 1}")),
        },
        ("random", "weightedArrayElement") => {
            let weights = match arg.field("weights") {
                Some(Value::Array(w)) => w
                    .iter()
                    .map(|x| x.as_f64().filter(|f| f.is_finite() && *f >= 0.0))
                    .collect::<Option<Vec<f64>>>(),
                _ => None,
            };
            let data = match arg.field("data") {
                Some(Value::Array(d)) => Some(d.iter().map(js_string).collect::<Vec<_>>()),
                _ => None,
            };
            match (weights, data) {
                (Some(w), Some(d))
                    if w.len() == d.len() && !d.is_empty() && w.iter().sum::<f64>() > 0.0 =>
                {
                    let mut total = 0.0;
                    let cumulative = w
                        .iter()
                        .map(|x| {
                            total += x;
                            total
                        })
                        .collect();
                    Helper::PickWeighted { cumulative, data: d }
                }
                _ => {
                    return Err(bad(
                        "expected {\"weights\": [0.3, 0.7], \"data\": [\"a\", \"b\"]} with as many non-negative weights as data items",
                    ))
                }
            }
        }
        ("random", "uuid") => simple(arg, S::Uuid)?,
        ("random", "boolean") => simple(arg, S::Boolean)?,
        ("random", "word") => simple(arg, S::RandomWord)?,
        ("random", "words") => Helper::Words(count(arg, "the number of words")?),
        ("random", "alphaNumeric") => Helper::Chars {
            alphabet: ALPHANUMERIC,
            count: count(arg, "the number of characters")?.unwrap_or(1),
            prefix: "",
        },
        ("random", "hexaDecimal") => Helper::Chars {
            alphabet: HEX,
            count: count(arg, "the number of digits")?.unwrap_or(1),
            prefix: "0x",
        },
        ("random", "locale") => Helper::PickStatic(words::LOCALES),
        ("random", "image") | ("image", "image") | ("image", "imageUrl") => simple(arg, S::Image)?,
        ("image", "avatar") | ("internet", "avatar") => simple(arg, S::Avatar)?,
        ("image", category) => match words::IMAGE_CATEGORIES.iter().find(|c| **c == category) {
            Some(c) => Helper::ImageCategory(c),
            None => return Err(ResolveError::Method),
        },

        ("date", "now") => moment_helper(arg, Clock::Now, false)?,
        ("date", "utc") => moment_helper(arg, Clock::Now, true)?,
        ("date", "simTime") => moment_helper(arg, Clock::Sim, false)?,
        ("date", "past") | ("date", "future") => {
            let years = match arg {
                Arg::None => 1.0,
                Arg::Json(Value::Number(n)) => n.as_f64().unwrap_or(1.0),
                _ => return Err(bad("expected a number of years")),
            };
            let max = (years.abs().max(f64::MIN_POSITIVE) * 365.0 * 86_400_000.0) as i64;
            let max = max.max(1000);
            if method == "past" {
                Helper::DateOffset {
                    min_ms: -max,
                    max_ms: -1000,
                }
            } else {
                Helper::DateOffset {
                    min_ms: 1000,
                    max_ms: max,
                }
            }
        }
        ("date", "recent") => {
            let days = match arg {
                Arg::None => 1.0,
                Arg::Json(Value::Number(n)) => n.as_f64().unwrap_or(1.0),
                _ => return Err(bad("expected a number of days")),
            };
            Helper::DateOffset {
                min_ms: -((days.abs() * 86_400_000.0) as i64).max(1000),
                max_ms: -1000,
            }
        }
        ("date", "between") => {
            let pair = match arg {
                Arg::Json(Value::Array(a)) if a.len() == 2 => Some((&a[0], &a[1])),
                Arg::Json(Value::Object(m)) => m.get("from").zip(m.get("to")),
                _ => None,
            };
            match pair.and_then(|(f, t)| date_ms(f).zip(date_ms(t))) {
                Some((from_ms, to_ms)) if from_ms <= to_ms => Helper::DateBetween { from_ms, to_ms },
                _ => {
                    return Err(bad(
                        "expected [\"2020-01-01\", \"2020-12-31\"] or {\"from\": …, \"to\": …}, from before to",
                    ))
                }
            }
        }
        ("date", "month") => Helper::Month {
            abbr: bool_field(arg, "abbr", false),
        },
        ("date", "weekday") => Helper::Weekday {
            abbr: bool_field(arg, "abbr", false),
        },

        ("name", "firstName") => simple(arg, S::FirstName)?,
        ("name", "lastName") => simple(arg, S::LastName)?,
        ("name", "findName") => simple(arg, S::FullName)?,
        ("name", "jobTitle") | ("name", "title") => simple(arg, S::JobTitle)?,
        ("name", "prefix") => simple(arg, S::NamePrefix)?,
        ("name", "suffix") => simple(arg, S::NameSuffix)?,
        ("name", "jobDescriptor") => simple(arg, S::JobDescriptor)?,
        ("name", "jobArea") => simple(arg, S::JobArea)?,
        ("name", "jobType") => simple(arg, S::JobType)?,

        ("internet", "email") => simple(arg, S::Email)?,
        ("internet", "exampleEmail") => simple(arg, S::ExampleEmail)?,
        ("internet", "userName") => simple(arg, S::UserName)?,
        ("internet", "protocol") => simple(arg, S::Protocol)?,
        ("internet", "url") => simple(arg, S::Url)?,
        ("internet", "domainName") => simple(arg, S::DomainName)?,
        ("internet", "domainSuffix") => simple(arg, S::DomainSuffix)?,
        ("internet", "domainWord") => simple(arg, S::DomainWord)?,
        ("internet", "ip") => simple(arg, S::Ip)?,
        ("internet", "ipv6") => simple(arg, S::Ipv6)?,
        ("internet", "userAgent") => simple(arg, S::UserAgent)?,
        ("internet", "color") => simple(arg, S::HexColor)?,
        ("internet", "mac") => simple(arg, S::Mac)?,
        ("internet", "password") => simple(arg, S::Password)?,

        ("address", "zipCode") => simple(arg, S::ZipCode)?,
        ("address", "city") => simple(arg, S::City)?,
        ("address", "cityPrefix") => simple(arg, S::CityPrefix)?,
        ("address", "citySuffix") => simple(arg, S::CitySuffix)?,
        ("address", "streetName") => simple(arg, S::StreetName)?,
        ("address", "streetAddress") => simple(arg, S::StreetAddress)?,
        ("address", "streetSuffix") => simple(arg, S::StreetSuffix)?,
        ("address", "streetPrefix") => Helper::PickStatic(words::STREET_PREFIXES),
        ("address", "secondaryAddress") => simple(arg, S::SecondaryAddress)?,
        ("address", "county") => Helper::PickStatic(words::COUNTIES),
        ("address", "country") => simple(arg, S::Country)?,
        ("address", "countryCode") => simple(arg, S::CountryCode)?,
        ("address", "state") => simple(arg, S::State)?,
        ("address", "stateAbbr") => simple(arg, S::StateAbbr)?,
        ("address", "latitude") => simple(arg, S::Latitude)?,
        ("address", "longitude") => simple(arg, S::Longitude)?,

        ("commerce", "color") => Helper::PickStatic(words::COLORS),
        ("commerce", "department") => Helper::PickStatic(words::DEPARTMENTS),
        ("commerce", "productName") => simple(arg, S::ProductName)?,
        ("commerce", "price") => money(arg, 1.0, true)?,
        ("commerce", "productAdjective") => Helper::PickStatic(words::PRODUCT_ADJECTIVES),
        ("commerce", "productMaterial") => Helper::PickStatic(words::PRODUCT_MATERIALS),
        ("commerce", "product") => Helper::PickStatic(words::PRODUCTS),

        ("company", "suffixes") => simple(arg, S::CompanySuffixes)?,
        ("company", "companyName") => simple(arg, S::CompanyName)?,
        ("company", "companySuffix") => simple(arg, S::CompanySuffix)?,
        ("company", "catchPhrase") => simple(arg, S::CatchPhrase)?,
        ("company", "bs") => simple(arg, S::Bs)?,
        ("company", "catchPhraseAdjective") => simple(arg, S::CatchPhraseAdjective)?,
        ("company", "catchPhraseDescriptor") => simple(arg, S::CatchPhraseDescriptor)?,
        ("company", "catchPhraseNoun") => simple(arg, S::CatchPhraseNoun)?,
        ("company", "bsAdjective") => simple(arg, S::BsAdjective)?,
        ("company", "bsBuzz") => simple(arg, S::BsBuzz)?,
        ("company", "bsNoun") => simple(arg, S::BsNoun)?,

        ("finance", "account") => Helper::Chars {
            alphabet: DIGITS,
            count: count(arg, "the length")?.unwrap_or(8),
            prefix: "",
        },
        ("finance", "accountName") => simple(arg, S::AccountName)?,
        ("finance", "mask") => Helper::Mask {
            length: match arg {
                Arg::Json(Value::Number(_)) => count(arg, "the length")?.unwrap_or(4),
                _ => number_field(arg, "length", 4.0)?.clamp(0.0, 100.0) as usize,
            },
            parens: bool_field(arg, "parens", true),
            ellipsis: bool_field(arg, "ellipsis", true),
        },
        ("finance", "amount") => money(arg, 0.0, false)?,
        ("finance", "transactionType") => Helper::PickStatic(words::TRANSACTION_TYPES),
        ("finance", "currencyCode") => simple(arg, S::CurrencyCode)?,
        ("finance", "currencyName") => simple(arg, S::CurrencyName)?,
        ("finance", "currencySymbol") => simple(arg, S::CurrencySymbol)?,
        ("finance", "bitcoinAddress") => simple(arg, S::BitcoinAddress)?,
        ("finance", "bic") => simple(arg, S::Bic)?,

        ("hacker", "abbreviation") => Helper::PickStatic(words::HACKER_ABBREVIATIONS),
        ("hacker", "adjective") => Helper::PickStatic(words::HACKER_ADJECTIVES),
        ("hacker", "noun") => Helper::PickStatic(words::HACKER_NOUNS),
        ("hacker", "verb") => Helper::PickStatic(words::HACKER_VERBS),
        ("hacker", "ingverb") => Helper::PickStatic(words::HACKER_ING_VERBS),
        ("hacker", "phrase") => simple(arg, S::HackerPhrase)?,

        ("lorem", "word") => simple(arg, S::LoremWord)?,
        ("lorem", "words") => Helper::Lorem(Lorem::Words, count(arg, "the number of words")?),
        ("lorem", "sentence") => Helper::Lorem(Lorem::Sentence, count(arg, "the number of words")?),
        ("lorem", "slug") => simple(arg, S::LoremSlug)?,
        ("lorem", "sentences") => {
            Helper::Lorem(Lorem::Sentences, count(arg, "the number of sentences")?)
        }
        ("lorem", "paragraph") => {
            Helper::Lorem(Lorem::Paragraph, count(arg, "the number of sentences")?)
        }
        ("lorem", "paragraphs") => {
            Helper::Lorem(Lorem::Paragraphs, count(arg, "the number of paragraphs")?)
        }
        ("lorem", "text") => simple(arg, S::LoremText)?,
        ("lorem", "lines") => Helper::Lorem(Lorem::Lines, count(arg, "the number of lines")?),

        ("phone", "phoneNumber") | ("phone", "phoneNumberFormat") => simple(arg, S::PhoneNumber)?,
        ("phone", "phoneFormats") => Helper::Literal("###-###-####".into()),

        ("system", "fileName") => simple(arg, S::FileName)?,
        ("system", "commonFileName") => simple(arg, S::CommonFileName)?,
        ("system", "mimeType") => simple(arg, S::MimeType)?,
        ("system", "commonFileType") => simple(arg, S::CommonFileType)?,
        ("system", "commonFileExt") => simple(arg, S::CommonFileExt)?,
        ("system", "fileType") => simple(arg, S::FileType)?,
        ("system", "fileExt") => simple(arg, S::FileExt)?,
        ("system", "directoryPath") => simple(arg, S::DirectoryPath)?,
        ("system", "filePath") => simple(arg, S::FilePath)?,
        ("system", "semver") => simple(arg, S::Semver)?,

        ("helpers", "replaceSymbolWithNumber") | ("helpers", "replaceSymbols") => {
            match arg.as_string() {
                Some(s) if method == "replaceSymbols" => Helper::Symbols(s.to_string()),
                Some(s) => Helper::Symbols(s.replace('?', "\u{1}").replace('*', "\u{2}")),
                None => return Err(bad("expected a pattern such as \"###-##\"")),
            }
        }
        ("helpers", "slugify") => match arg.as_string() {
            Some(s) => Helper::Literal(
                s.replace(' ', "-")
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == '.')
                    .collect(),
            ),
            None => Helper::Literal(String::new()),
        },
        _ => return Err(ResolveError::Method),
    };
    Ok(helper)
}

pub(super) fn pick<'a>(rng: &mut SandboxRng, items: &'a [&'a str]) -> &'a str {
    items[rng.below(items.len() as u64) as usize]
}

pub(super) fn range_from(n: Option<usize>, rng: &mut SandboxRng, lo: usize, hi: usize) -> usize {
    n.unwrap_or_else(|| lo + rng.below((hi - lo + 1) as u64) as usize)
}

pub(super) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn shuffle(items: &mut [String], rng: &mut SandboxRng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

fn write_time(ms: i64, out: &mut String) {
    let t = DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or_default();
    moment::js_date_string(&t, out);
}

impl Helper {
    pub fn render(&self, ctx: &RenderContext, rng: &mut SandboxRng, out: &mut String) {
        match self {
            Helper::Number(n) => n.render(rng, out),
            Helper::Pick(items) => out.push_str(&items[uniform(rng, items.len() as u64) as usize]),
            Helper::PickStatic(items) => out.push_str(pick(rng, items)),
            Helper::PickWeighted { cumulative, data } => {
                let total = cumulative.last().copied().unwrap_or(0.0);
                let x = rng.unit_f64() * total;
                let i = cumulative.partition_point(|c| *c <= x).min(data.len() - 1);
                out.push_str(&data[i]);
            }
            Helper::Subset(items) => {
                let n = 1 + rng.below(items.len() as u64) as usize;
                let mut all = items.clone();
                shuffle(&mut all, rng);
                out.push_str(&all[..n].join(","));
            }
            Helper::Shuffle(items) => {
                let mut all = items.clone();
                shuffle(&mut all, rng);
                out.push_str(&all.join(","));
            }
            Helper::Chars {
                alphabet,
                count,
                prefix,
            } => {
                out.push_str(prefix);
                for _ in 0..*count {
                    out.push(alphabet[rng.below(alphabet.len() as u64) as usize] as char);
                }
            }
            Helper::Words(n) => {
                let n = range_from(*n, rng, 1, 3);
                for i in 0..n {
                    if i > 0 {
                        out.push(' ');
                    }
                    Helper::Simple(Simple::RandomWord).render(ctx, rng, out);
                }
            }
            Helper::Lorem(kind, n) => {
                if let Some(fake) = extension::fake_data() {
                    (fake.lorem)(*kind, *n, rng, out);
                }
            }
            Helper::Moment { tokens, clock, utc } => {
                let t = match clock {
                    Clock::Now => ctx.now,
                    Clock::Sim => ctx.sim_time,
                };
                moment::format_into(tokens, &t.to_datetime(), *utc, out);
            }
            Helper::DateOffset { min_ms, max_ms } => {
                let span = (max_ms - min_ms).max(0) as u64 + 1;
                let offset = min_ms + rng.below(span) as i64;
                write_time(ctx.now.epoch_millis() + offset, out);
            }
            Helper::DateBetween { from_ms, to_ms } => {
                let span = (to_ms - from_ms) as u64 + 1;
                write_time(from_ms + rng.below(span) as i64, out);
            }
            Helper::Month { abbr } => {
                out.push_str(moment::month_name(rng.below(12) as usize, *abbr));
            }
            Helper::Weekday { abbr } => {
                out.push_str(moment::weekday_name(rng.below(7) as usize, *abbr));
            }
            Helper::Money(m) => {
                out.push_str(&m.symbol);
                let v = m.number.draw(rng);
                let _ = write!(out, "{:.*}", m.decimals, v);
            }
            Helper::Mask {
                length,
                parens,
                ellipsis,
            } => {
                if *parens {
                    out.push('(');
                }
                if *ellipsis {
                    out.push_str("...");
                }
                for _ in 0..*length {
                    out.push(DIGITS[rng.below(10) as usize] as char);
                }
                if *parens {
                    out.push(')');
                }
            }
            Helper::Symbols(pattern) => {
                for c in pattern.chars() {
                    match c {
                        '#' => out.push(DIGITS[rng.below(10) as usize] as char),
                        '?' => out.push((b'A' + rng.below(26) as u8) as char),
                        '*' => {
                            if rng.below(2) == 0 {
                                out.push((b'A' + rng.below(26) as u8) as char)
                            } else {
                                out.push(DIGITS[rng.below(10) as usize] as char)
                            }
                        }
                        '\u{1}' => out.push('?'),
                        '\u{2}' => out.push('*'),
                        c => out.push(c),
                    }
                }
            }
            Helper::Literal(s) => out.push_str(s),
            Helper::ImageCategory(c) => {
                let _ = write!(out, "http://lorempixel.com/640/480/{c}");
            }
            Helper::Simple(s) => {
                if let Some(fake) = extension::fake_data() {
                    (fake.simple)(*s, rng, out);
                }
            }
        }
    }
}
