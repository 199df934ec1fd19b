//! A cluster's database as the engine keeps (and saves) it: tables of typed columns whose
//! rows are text in Redshift's own output form, and `STL_LOAD_ERRORS`. The SQL extension
//! (`redshift::sql`) loads it into GlueSQL for a statement and writes changes back; COPY
//! (`redshift::copy`) appends to it directly, converting each field as Redshift does.

use crate::engine::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A column type, as Redshift names them (aliases resolved).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SqlType {
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    /// `DECIMAL(precision, scale)`.
    Decimal(u8, u8),
    Boolean,
    /// `CHAR(n)`, `n` bytes.
    Char(u32),
    /// `VARCHAR(n)`, at most `n` bytes.
    Varchar(u32),
    Date,
    Timestamp,
}

impl SqlType {
    /// Reads a type as written in DDL (`varchar(64)`, `int4`, `double precision`, …).
    pub fn parse(text: &str) -> Option<SqlType> {
        let t = text.trim().to_ascii_lowercase();
        let (base, args) = match t.find('(') {
            Some(i) => {
                let inner = t[i + 1..].trim_end().strip_suffix(')')?;
                (t[..i].trim().to_string(), Some(inner.to_string()))
            }
            None => (t.clone(), None),
        };
        let base = base.split_whitespace().collect::<Vec<_>>().join(" ");
        let nums = || -> Option<Vec<u32>> {
            args.as_deref()
                .map(|a| a.split(',').map(|x| x.trim().parse().ok()).collect())
                .unwrap_or(Some(Vec::new()))
        };
        Some(match base.as_str() {
            "smallint" | "int2" => SqlType::SmallInt,
            "integer" | "int" | "int4" => SqlType::Integer,
            "bigint" | "int8" => SqlType::BigInt,
            "real" | "float4" => SqlType::Real,
            "double precision" | "float8" | "float" => SqlType::Double,
            "decimal" | "numeric" => {
                let n = nums()?;
                let p = n.first().copied().unwrap_or(18);
                let s = n.get(1).copied().unwrap_or(0);
                if !(1..=38).contains(&p) || s > p {
                    return None;
                }
                SqlType::Decimal(p as u8, s as u8)
            }
            "boolean" | "bool" => SqlType::Boolean,
            "char" | "character" | "nchar" | "bpchar" => {
                let n = nums()?.first().copied().unwrap_or(1);
                if !(1..=4096).contains(&n) {
                    return None;
                }
                SqlType::Char(n)
            }
            "varchar" | "character varying" | "nvarchar" | "text" => {
                // TEXT is VARCHAR(256) in Redshift.
                let n = nums()?.first().copied().unwrap_or(256);
                if !(1..=65535).contains(&n) {
                    return None;
                }
                SqlType::Varchar(n)
            }
            "date" => SqlType::Date,
            "timestamp" | "timestamp without time zone" => SqlType::Timestamp,
            _ => return None,
        })
    }

    /// The name Redshift's catalog gives it (`pg_table_def.type`, the Data API's `typeName`).
    pub fn name(self) -> String {
        match self {
            SqlType::SmallInt => "smallint".into(),
            SqlType::Integer => "integer".into(),
            SqlType::BigInt => "bigint".into(),
            SqlType::Real => "real".into(),
            SqlType::Double => "double precision".into(),
            SqlType::Decimal(p, s) => format!("numeric({p},{s})"),
            SqlType::Boolean => "boolean".into(),
            SqlType::Char(n) => format!("character({n})"),
            SqlType::Varchar(n) => format!("character varying({n})"),
            SqlType::Date => "date".into(),
            SqlType::Timestamp => "timestamp without time zone".into(),
        }
    }

    /// The short name `STL_LOAD_ERRORS.type` and the Data API's `typeName` use.
    pub fn short_name(self) -> &'static str {
        match self {
            SqlType::SmallInt => "int2",
            SqlType::Integer => "int4",
            SqlType::BigInt => "int8",
            SqlType::Real => "float4",
            SqlType::Double => "float8",
            SqlType::Decimal(..) => "numeric",
            SqlType::Boolean => "bool",
            SqlType::Char(_) => "bpchar",
            SqlType::Varchar(_) => "varchar",
            SqlType::Date => "date",
            SqlType::Timestamp => "timestamp",
        }
    }

    /// The declared length (`STL_LOAD_ERRORS.col_length`).
    pub fn length(self) -> String {
        match self {
            SqlType::Char(n) | SqlType::Varchar(n) => n.to_string(),
            SqlType::Decimal(p, s) => format!("{p},{s}"),
            _ => "0".into(),
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// Lower case, as Redshift folds identifiers.
    pub name: String,
    pub ty: SqlType,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// A constant default, as text in the column's form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

/// A table: its columns and rows. Each value is the text Redshift would print for it
/// (`None` is NULL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Redshift's table id (`STL_LOAD_ERRORS.tbl`, `STV_TBL_PERM.id`).
    pub id: u64,
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Option<String>>>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<(usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .find(|(_, c)| c.name == name)
    }
}

/// One row of `STL_LOAD_ERRORS`: why a COPY refused one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadError {
    pub tbl: u64,
    pub starttime: SimTime,
    pub query: u64,
    /// `s3://bucket/key` of the file.
    pub filename: String,
    pub line_number: u64,
    pub colname: String,
    pub ty: String,
    pub col_length: String,
    pub position: i64,
    pub raw_line: String,
    pub raw_field_value: String,
    pub err_code: u32,
    pub err_reason: String,
}

/// The columns of `STL_LOAD_ERRORS`, in Redshift's order, with their types.
pub const LOAD_ERROR_COLUMNS: &[(&str, SqlType)] = &[
    ("userid", SqlType::Integer),
    ("slice", SqlType::Integer),
    ("tbl", SqlType::Integer),
    ("starttime", SqlType::Timestamp),
    ("session", SqlType::Integer),
    ("query", SqlType::Integer),
    ("filename", SqlType::Char(256)),
    ("line_number", SqlType::BigInt),
    ("colname", SqlType::Char(127)),
    ("type", SqlType::Char(10)),
    ("col_length", SqlType::Char(10)),
    ("position", SqlType::Integer),
    ("raw_line", SqlType::Char(1024)),
    ("raw_field_value", SqlType::Char(1024)),
    ("err_code", SqlType::Integer),
    ("err_reason", SqlType::Char(100)),
];

/// The master user's id in the system tables.
pub const MASTER_USER_ID: u64 = 100;

impl LoadError {
    /// The row as `STL_LOAD_ERRORS` shows it.
    pub fn row(&self, session: u64) -> Vec<Option<String>> {
        vec![
            Some(MASTER_USER_ID.to_string()),
            Some("0".into()),
            Some(self.tbl.to_string()),
            Some(timestamp_text(self.starttime)),
            Some(session.to_string()),
            Some(self.query.to_string()),
            Some(self.filename.clone()),
            Some(self.line_number.to_string()),
            Some(self.colname.clone()),
            Some(self.ty.clone()),
            Some(self.col_length.clone()),
            Some(self.position.to_string()),
            Some(self.raw_line.clone()),
            Some(self.raw_field_value.clone()),
            Some(self.err_code.to_string()),
            Some(self.err_reason.clone()),
        ]
    }
}

/// `STL_LOAD_ERRORS` keeps this many rows, newest last (Redshift keeps a few days' worth).
pub const KEPT_LOAD_ERRORS: usize = 1000;

/// A cluster's database (`dev` or the name given at creation).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Database {
    /// By name (lower case).
    pub tables: BTreeMap<String, Table>,
    pub load_errors: Vec<LoadError>,
    /// The next query id (`STL_LOAD_ERRORS.query`, the Data API's `RedshiftQueryId`).
    pub next_query: u64,
    pub next_table_id: u64,
}

impl Database {
    /// A new query id.
    pub fn query_id(&mut self) -> u64 {
        self.next_query = self.next_query.max(1000) + 1;
        self.next_query
    }

    pub fn new_table_id(&mut self) -> u64 {
        self.next_table_id = self.next_table_id.max(100_000) + 1;
        self.next_table_id
    }

    /// Records why a load refused a line, keeping the newest.
    pub fn log_load_error(&mut self, e: LoadError) {
        self.load_errors.push(e);
        let over = self.load_errors.len().saturating_sub(KEPT_LOAD_ERRORS);
        self.load_errors.drain(..over);
    }
}

/// A timestamp as Redshift prints one: `2020-06-01 12:00:00` (fractions only when there are).
pub fn timestamp_text(t: SimTime) -> String {
    let ms = t.epoch_millis();
    let dt = chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    if ms % 1000 == 0 {
        dt.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        dt.format("%Y-%m-%d %H:%M:%S%.3f").to_string()
    }
}

/// Why a field could not become a column's value: `STL_LOAD_ERRORS.err_code`, `err_reason`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub code: u32,
    pub reason: String,
    /// The byte position of the fault in the field, where there is one.
    pub position: i64,
}

fn field_error(code: u32, reason: impl Into<String>, position: i64) -> FieldError {
    FieldError {
        code,
        reason: reason.into(),
        position,
    }
}

/// How COPY reads dates and timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TimeFormat {
    /// `YYYY-MM-DD HH:MI:SS` (the default).
    #[default]
    Default,
    /// `'auto'`: ISO 8601 with `T`, fractions, a `Z`.
    Auto,
    /// `'epochsecs'`.
    EpochSecs,
    /// `'epochmillisecs'`.
    EpochMillis,
}

/// COPY's conversion options for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conversion {
    pub truncate_columns: bool,
    pub time_format: TimeFormat,
    pub date_auto: bool,
}

/// Converts the text of one input field to `ty`'s stored text, as COPY does, or says why not
/// (Redshift's load error codes: 1204 range, 1205 date, 1206 timestamp, 1207 digit, 1208
/// float, 1209 decimal, 1210 boolean).
pub fn convert(text: &str, ty: SqlType, opts: Conversion) -> Result<String, FieldError> {
    let int = |lo: i64, hi: i64, name: &str| -> Result<String, FieldError> {
        let t = text.trim();
        let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
        if let Some((i, c)) = digits.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            let pos = (i + t.len() - digits.len()) as i64;
            return Err(field_error(
                1207,
                format!("Invalid digit, Value '{c}', Pos {pos}, Type: {name}"),
                pos,
            ));
        }
        if digits.is_empty() {
            return Err(field_error(
                1207,
                format!("Invalid digit, Value '', Pos 0, Type: {name}"),
                0,
            ));
        }
        match t.parse::<i64>() {
            Ok(v) if (lo..=hi).contains(&v) => Ok(v.to_string()),
            _ => Err(field_error(
                1204,
                format!("Overflow, {name} valid range is {lo} to {hi}"),
                0,
            )),
        }
    };
    match ty {
        SqlType::SmallInt => int(i16::MIN.into(), i16::MAX.into(), "Short"),
        SqlType::Integer => int(i32::MIN.into(), i32::MAX.into(), "Integer"),
        SqlType::BigInt => int(i64::MIN, i64::MAX, "Long"),
        SqlType::Real | SqlType::Double => match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => {
                let v = if ty == SqlType::Real {
                    f64::from(v as f32)
                } else {
                    v
                };
                Ok(float_text(v, ty == SqlType::Real))
            }
            _ => Err(field_error(
                1208,
                format!("Invalid float number, Value '{}'", text.trim()),
                0,
            )),
        },
        SqlType::Decimal(p, s) => decimal(text.trim(), p, s),
        SqlType::Boolean => match text.trim().to_ascii_lowercase().as_str() {
            "t" | "true" | "1" | "y" | "yes" => Ok("true".into()),
            "f" | "false" | "0" | "n" | "no" => Ok("false".into()),
            other => Err(field_error(
                1210,
                format!("Invalid boolean value, Value '{other}'"),
                0,
            )),
        },
        SqlType::Char(n) | SqlType::Varchar(n) => {
            let mut t = text.to_string();
            if t.len() > n as usize {
                if !opts.truncate_columns {
                    return Err(field_error(1204, "String length exceeds DDL length", 0));
                }
                let mut end = n as usize;
                while !t.is_char_boundary(end) {
                    end -= 1;
                }
                t.truncate(end);
            }
            if matches!(ty, SqlType::Char(_)) {
                t = t.trim_end().to_string();
            }
            Ok(t)
        }
        SqlType::Date => {
            let t = text.trim();
            let date = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .or_else(|| {
                    opts.date_auto
                        .then(|| {
                            ["%Y/%m/%d", "%m/%d/%Y", "%Y%m%d", "%d %B %Y", "%B %d, %Y"]
                                .iter()
                                .find_map(|f| chrono::NaiveDate::parse_from_str(t, f).ok())
                        })
                        .flatten()
                });
            date.map(|d| d.format("%Y-%m-%d").to_string())
                .ok_or_else(|| {
                    field_error(1205, "Invalid Date Format - length must be 10 or more", 0)
                })
        }
        SqlType::Timestamp => timestamp(text.trim(), opts.time_format).ok_or_else(|| {
            field_error(
                1206,
                "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]",
                0,
            )
        }),
    }
}

/// A float as Redshift prints it: shortest round trip, no trailing `.0`.
pub fn float_text(v: f64, real: bool) -> String {
    let s = if real {
        (v as f32).to_string()
    } else {
        v.to_string()
    };
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn decimal(t: &str, p: u8, s: u8) -> Result<String, FieldError> {
    let bad = |pos: usize| {
        field_error(
            1209,
            format!(
                "Invalid digit, Value '{}', Pos {pos}, Type: Decimal",
                t.chars().nth(pos).unwrap_or(' ')
            ),
            pos as i64,
        )
    };
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let offset = t.len() - body.len();
    let (int_part, frac_part) = body.split_once('.').unwrap_or((body, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(bad(0));
    }
    if let Some(i) = int_part.find(|c: char| !c.is_ascii_digit()) {
        return Err(bad(offset + i));
    }
    if let Some(i) = frac_part.find(|c: char| !c.is_ascii_digit()) {
        return Err(bad(offset + int_part.len() + 1 + i));
    }
    // Round half away from zero to the scale.
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(
            frac_part
                .bytes()
                .chain(std::iter::repeat(b'0'))
                .take(s as usize),
        )
        .map(|b| b - b'0')
        .collect();
    if frac_part.len() > s as usize && frac_part.as_bytes()[s as usize] >= b'5' {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, 1);
                break;
            }
            i -= 1;
            if digits[i] == 9 {
                digits[i] = 0;
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - s as usize;
    let int_digits: String = digits[..split]
        .iter()
        .map(|d| (b'0' + d) as char)
        .collect::<String>()
        .trim_start_matches('0')
        .to_string();
    if int_digits.len() > (p - s) as usize {
        return Err(field_error(
            1204,
            format!("Numeric data overflow (result precision), Value '{t}'"),
            0,
        ));
    }
    let frac: String = digits[split..].iter().map(|d| (b'0' + d) as char).collect();
    let int_digits = if int_digits.is_empty() {
        "0".to_string()
    } else {
        int_digits
    };
    let zero = int_digits == "0" && frac.bytes().all(|b| b == b'0');
    let sign = if neg && !zero { "-" } else { "" };
    Ok(if s == 0 {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{frac}")
    })
}

fn timestamp(t: &str, format: TimeFormat) -> Option<String> {
    let out = |dt: chrono::NaiveDateTime| {
        if dt.and_utc().timestamp_subsec_nanos() == 0 {
            dt.format("%Y-%m-%d %H:%M:%S").to_string()
        } else {
            dt.format("%Y-%m-%d %H:%M:%S%.f").to_string()
        }
    };
    match format {
        TimeFormat::EpochSecs => {
            let s: f64 = t.parse().ok()?;
            chrono::DateTime::from_timestamp_millis((s * 1000.0) as i64).map(|d| out(d.naive_utc()))
        }
        TimeFormat::EpochMillis => {
            let ms: i64 = t.parse().ok()?;
            chrono::DateTime::from_timestamp_millis(ms).map(|d| out(d.naive_utc()))
        }
        TimeFormat::Default | TimeFormat::Auto => {
            let mut formats = vec!["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M:%S"];
            if format == TimeFormat::Auto {
                formats.extend(["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"]);
            }
            let trimmed = if format == TimeFormat::Auto {
                t.trim_end_matches('Z')
            } else {
                t
            };
            formats.iter().find_map(|f| {
                chrono::NaiveDateTime::parse_from_str(trimmed, f)
                    .ok()
                    .or_else(|| {
                        (*f == "%Y-%m-%d")
                            .then(|| chrono::NaiveDate::parse_from_str(trimmed, f).ok())
                            .flatten()
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                    })
                    .map(out)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_parse_with_their_aliases() {
        assert_eq!(SqlType::parse("VARCHAR(64)"), Some(SqlType::Varchar(64)));
        assert_eq!(SqlType::parse("int4"), Some(SqlType::Integer));
        assert_eq!(SqlType::parse("double precision"), Some(SqlType::Double));
        assert_eq!(
            SqlType::parse("numeric(8, 2)"),
            Some(SqlType::Decimal(8, 2))
        );
        assert_eq!(SqlType::parse("text"), Some(SqlType::Varchar(256)));
        assert_eq!(SqlType::parse("char"), Some(SqlType::Char(1)));
        assert_eq!(SqlType::parse("jsonb"), None);
    }

    #[test]
    fn fields_convert_as_copy_does() {
        let o = Conversion::default();
        assert_eq!(convert("42", SqlType::Integer, o).unwrap(), "42");
        let e = convert("4a2", SqlType::Integer, o).unwrap_err();
        assert_eq!((e.code, e.position), (1207, 1));
        assert_eq!(e.reason, "Invalid digit, Value 'a', Pos 1, Type: Integer");
        assert_eq!(
            convert("40000", SqlType::SmallInt, o).unwrap_err().code,
            1204
        );
        assert_eq!(convert("12.5", SqlType::Double, o).unwrap(), "12.5");
        assert_eq!(convert("1.005", SqlType::Decimal(8, 2), o).unwrap(), "1.01");
        assert_eq!(
            convert("-0.001", SqlType::Decimal(8, 2), o).unwrap(),
            "0.00"
        );
        assert_eq!(
            convert("123456789", SqlType::Decimal(8, 2), o)
                .unwrap_err()
                .code,
            1204
        );
        assert_eq!(
            convert("abcdef", SqlType::Varchar(3), o).unwrap_err().code,
            1204
        );
        let t = Conversion {
            truncate_columns: true,
            ..o
        };
        assert_eq!(convert("abcdef", SqlType::Varchar(3), t).unwrap(), "abc");
        assert_eq!(convert("yes", SqlType::Boolean, o).unwrap(), "true");
        assert_eq!(
            convert("maybe", SqlType::Boolean, o).unwrap_err().code,
            1210
        );
        assert_eq!(
            convert("2020-06-01 10:00:00", SqlType::Timestamp, o).unwrap(),
            "2020-06-01 10:00:00"
        );
        assert_eq!(
            convert("2020-06-01T10:00:00Z", SqlType::Timestamp, o)
                .unwrap_err()
                .code,
            1206
        );
        let auto = Conversion {
            time_format: TimeFormat::Auto,
            ..o
        };
        assert_eq!(
            convert("2020-06-01T10:00:00.5Z", SqlType::Timestamp, auto).unwrap(),
            "2020-06-01 10:00:00.500"
        );
        let epoch = Conversion {
            time_format: TimeFormat::EpochMillis,
            ..o
        };
        assert_eq!(
            convert("1590998400000", SqlType::Timestamp, epoch).unwrap(),
            "2020-06-01 08:00:00"
        );
    }
}
