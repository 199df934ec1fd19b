//! A [`Dataset`]: named columns of typed values, built from an S3 object's bytes (JSON, CSV,
//! Parquet, ORC, gzip of any of these) or from a stream's records.
//!
//! Nothing is dropped without a word: a row that does not parse is counted in
//! [`Dataset::rejected`] with the first reason, a value that does not fit its column's type is
//! counted in the column ([`Column::invalid`]), and a reader that stops early says so in
//! [`Dataset::notes`].

use super::fields::{self, FieldType};
use std::collections::HashMap;
use std::fmt;

/// One value of a column, once its type is known.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Null, absent, or a value that did not fit the column's type.
    Missing,
    Bool(bool),
    Number(f64),
    Text(String),
    /// Milliseconds since 1970-01-01T00:00:00Z.
    Time(i64),
}

impl Value {
    /// The value as a number: a number, or a time's milliseconds.
    /// Not-a-number and infinities are not numbers here.
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => n.is_finite().then_some(*n),
            Value::Time(t) => Some(*t as f64),
            _ => None,
        }
    }

    /// The value as a category label; `None` when missing.
    pub fn label(&self) -> Option<String> {
        match self {
            Value::Missing => None,
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(fields::number_text(*n)),
            Value::Text(s) => Some(s.clone()),
            Value::Time(t) => Some(fields::time_text(*t)),
        }
    }

    pub fn is_missing(&self) -> bool {
        matches!(self, Value::Missing)
    }
}

/// A named column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// The field's name; nested JSON objects' keys are joined with dots (`user.address.city`).
    pub name: String,
    pub kind: FieldType,
    /// One value per row of the dataset.
    pub values: Vec<Value>,
    /// Values present in the data that did not fit `kind` (now [`Value::Missing`]).
    pub invalid: usize,
    /// The first of them, and why.
    pub first_invalid: Option<String>,
}

impl Column {
    /// Values that are neither present nor invalid.
    pub fn missing(&self) -> usize {
        self.values.iter().filter(|v| v.is_missing()).count() - self.invalid
    }
}

/// What the bytes were read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// JSON objects, one a line or simply one after another (or a JSON array of objects).
    Json,
    Csv {
        header: bool,
        delimiter: char,
    },
    Parquet,
    Orc,
    /// Values given already split into rows ([`Dataset::from_rows`]).
    Rows,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Json => f.write_str("JSON"),
            Format::Csv { header, delimiter } => {
                let d = match delimiter {
                    '\t' => "tab".to_string(),
                    c => format!("'{c}'"),
                };
                let h = if *header { "with" } else { "without" };
                write!(f, "CSV ({d}-separated, {h} a header row)")
            }
            Format::Parquet => f.write_str("Parquet"),
            Format::Orc => f.write_str("ORC"),
            Format::Rows => f.write_str("Rows given"),
        }
    }
}

/// Rows (or records) that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rejected {
    pub count: usize,
    /// Why the first one was refused, with where it was (`line 3: …`, `record 2: …`).
    pub first: Option<String>,
}

impl Rejected {
    pub(super) fn add(&mut self, why: impl FnOnce() -> String) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some(why());
        }
    }
}

/// Columns of typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    pub format: Format,
    pub columns: Vec<Column>,
    /// Rows read (every column has this many values).
    pub rows: usize,
    pub rejected: Rejected,
    /// What else the reader has to say (a gzip wrapper, a preview reader's row limit…).
    pub notes: Vec<String>,
}

/// Why a dataset could not be built at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatasetError {
    Empty,
    NotText,
    Gzip(String),
    Parquet(String),
    Orc(String),
    /// Nothing could be read; the first reason.
    NoRows(String),
}

impl fmt::Display for DatasetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatasetError::Empty => f.write_str("The data is empty."),
            DatasetError::NotText => f.write_str(
                "The data is neither UTF-8 text (JSON or CSV) nor a Parquet or ORC file.",
            ),
            DatasetError::Gzip(e) => write!(f, "The data looks gzip-compressed but is not: {e}"),
            DatasetError::Parquet(e) => write!(f, "Not a readable Parquet file: {e}"),
            DatasetError::Orc(e) => write!(f, "Not a readable ORC file: {e}"),
            DatasetError::NoRows(why) => write!(f, "No row could be read. The first: {why}"),
        }
    }
}

impl std::error::Error for DatasetError {}

/// Rows as they are read: each a list of (name, raw value), columns made as names appear.
#[derive(Default)]
pub(super) struct Builder {
    index: HashMap<String, usize>,
    names: Vec<String>,
    values: Vec<Vec<Value>>,
    pub(super) rows: usize,
    pub(super) rejected: Rejected,
    /// The columns the previous row set, in order, and where this row is in that list: rows
    /// mostly repeat their fields, so a name is first compared with the one in the same place.
    order: Vec<usize>,
    at: usize,
}

impl Builder {
    pub(super) fn set(&mut self, name: &str, v: Value) {
        let guess = self
            .order
            .get(self.at)
            .copied()
            .filter(|&i| self.names[i] == name);
        let i = match guess.or_else(|| self.index.get(name).copied()) {
            Some(i) => i,
            None => {
                let i = self.names.len();
                self.index.insert(name.to_string(), i);
                self.names.push(name.to_string());
                self.values.push(vec![Value::Missing; self.rows]);
                i
            }
        };
        if self.order.len() <= self.at {
            self.order.resize(self.at + 1, i);
        }
        self.order[self.at] = i;
        self.at += 1;
        let col = &mut self.values[i];
        if col.len() == self.rows + 1 {
            // The same name twice in a row (`a.b` and `{"a": {"b"}}`): the last one wins.
            col[self.rows] = v;
        } else {
            col.push(v);
        }
    }

    pub(super) fn end_row(&mut self) {
        self.order.truncate(self.at);
        self.at = 0;
        self.rows += 1;
        for col in &mut self.values {
            if col.len() < self.rows {
                col.push(Value::Missing);
            }
        }
    }

    fn json_row(&mut self, v: serde_json::Value) -> Result<(), String> {
        match v {
            serde_json::Value::Object(map) => {
                flatten(self, "", map);
                self.end_row();
                Ok(())
            }
            other => Err(format!("{} is not a JSON object", kind_of(&other))),
        }
    }

    pub(super) fn finish(
        self,
        format: Format,
        notes: Vec<String>,
    ) -> Result<Dataset, DatasetError> {
        if self.rows == 0 {
            if let Some(first) = self.rejected.first {
                return Err(DatasetError::NoRows(first));
            }
        }
        let columns = self
            .names
            .into_iter()
            .zip(self.values)
            .map(|(name, raw)| fields::type_column(name, raw))
            .collect();
        Ok(Dataset {
            format,
            columns,
            rows: self.rows,
            rejected: self.rejected,
            notes,
        })
    }
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Nested objects become dotted names; arrays stay whole, as their JSON text. Keys come in
/// name order (serde_json's map); columns are in the order their names first appear.
fn flatten(b: &mut Builder, prefix: &str, map: serde_json::Map<String, serde_json::Value>) {
    for (k, v) in map {
        let name = if prefix.is_empty() {
            k
        } else {
            format!("{prefix}.{k}")
        };
        let value = match v {
            serde_json::Value::Object(inner) => {
                flatten(b, &name, inner);
                continue;
            }
            serde_json::Value::Null => Value::Missing,
            serde_json::Value::Bool(x) => Value::Bool(x),
            serde_json::Value::Number(n) => n.as_f64().map_or(Value::Missing, Value::Number),
            serde_json::Value::String(s) => Value::Text(s),
            a @ serde_json::Value::Array(_) => Value::Text(a.to_string()),
        };
        b.set(&name, value);
    }
}

/// Reads JSON values one after another from `bytes`; a value that does not parse is refused
/// up to the end of its line, and reading goes on at the next line. `place` names where a
/// value starts; it is called for the first refusal only.
fn json_values(b: &mut Builder, bytes: &[u8], place: &dyn Fn(usize) -> String) {
    let mut pos = 0;
    while pos < bytes.len() {
        let mut stream =
            serde_json::Deserializer::from_slice(&bytes[pos..]).into_iter::<serde_json::Value>();
        loop {
            let start = pos + stream.byte_offset();
            match stream.next() {
                None => return,
                Some(Ok(serde_json::Value::Array(items))) => {
                    for item in items {
                        if let Err(why) = b.json_row(item) {
                            b.rejected.add(|| format!("{}: {why}", place(start)));
                        }
                    }
                }
                Some(Ok(v)) => {
                    if let Err(why) = b.json_row(v) {
                        b.rejected.add(|| format!("{}: {why}", place(start)));
                    }
                }
                Some(Err(e)) => {
                    let start = skip_space(bytes, start);
                    b.rejected.add(|| {
                        format!("{}: not valid JSON ({})", place(start), strip_position(&e))
                    });
                    // Go on after the line where the bad value started.
                    pos = match bytes[start..].iter().position(|&c| c == b'\n') {
                        Some(nl) => start + nl + 1,
                        None => bytes.len(),
                    };
                    break;
                }
            }
        }
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// serde_json's message without its own "at line 1 column 7" (relative to where it started).
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.find(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + bytes[..at.min(bytes.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

/// Reading outcomes before the columns are typed.
impl Dataset {
    /// Reads an object's bytes: Parquet and ORC by their magic, gzip by its magic (then the
    /// content), else UTF-8 text that is JSON when it starts with `{` or `[`, CSV otherwise.
    pub fn from_bytes(bytes: &[u8]) -> Result<Dataset, DatasetError> {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            let mut d = flate2::read::MultiGzDecoder::new(bytes);
            std::io::Read::read_to_end(&mut d, &mut out)
                .map_err(|e| DatasetError::Gzip(e.to_string()))?;
            let mut ds = Dataset::from_bytes(&out)?;
            ds.notes.insert(
                0,
                format!(
                    "Decompressed from gzip ({} bytes to {}).",
                    bytes.len(),
                    out.len()
                ),
            );
            return Ok(ds);
        }
        if crate::engine::firehose::convert::is_parquet(bytes) {
            return super::columnar::parquet(bytes);
        }
        if crate::engine::firehose::convert::is_orc(bytes) {
            return super::columnar::orc(bytes);
        }
        let text = std::str::from_utf8(bytes).map_err(|_| DatasetError::NotText)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err(DatasetError::Empty);
        }
        if looks_json(text) {
            let mut b = Builder::default();
            json_values(&mut b, text.as_bytes(), &|at| {
                format!("line {}", line_of(text.as_bytes(), at))
            });
            b.finish(Format::Json, Vec::new())
        } else {
            csv(text, |line| format!("line {line}"))
        }
    }

    /// Reads a stream's records: each record's data is read as [`Dataset::from_bytes`] reads
    /// text — JSON records may hold several objects; CSV records are lines of one CSV text
    /// (a header is sniffed in the first). A record that does not read is refused by its
    /// number (from 1).
    pub fn from_records<R: AsRef<[u8]>>(records: &[R]) -> Result<Dataset, DatasetError> {
        let first = records
            .iter()
            .map(AsRef::as_ref)
            .find(|r| !r.iter().all(u8::is_ascii_whitespace));
        let Some(first) = first else {
            return Err(DatasetError::Empty);
        };
        let json = std::str::from_utf8(first).is_ok_and(looks_json);
        if json {
            let mut b = Builder::default();
            for (i, r) in records.iter().enumerate() {
                let r = r.as_ref();
                let rows_before = b.rows;
                let rejected_before = b.rejected.count;
                json_values(&mut b, r, &|_| format!("record {}", i + 1));
                if b.rows == rows_before
                    && b.rejected.count == rejected_before
                    && !r.iter().all(u8::is_ascii_whitespace)
                {
                    b.rejected
                        .add(|| format!("record {}: no JSON object", i + 1));
                }
            }
            b.finish(Format::Json, Vec::new())
        } else {
            // One CSV text, one record a line; places name the record.
            let mut text = String::new();
            let mut line_record = Vec::new();
            for (i, r) in records.iter().enumerate() {
                let Ok(s) = std::str::from_utf8(r.as_ref()) else {
                    continue;
                };
                let s = s.trim_end_matches(['\r', '\n']);
                for _ in 0..=s.matches('\n').count() {
                    line_record.push(i + 1);
                }
                text.push_str(s);
                text.push('\n');
            }
            let bad: Vec<usize> = records
                .iter()
                .enumerate()
                .filter(|(_, r)| std::str::from_utf8(r.as_ref()).is_err())
                .map(|(i, _)| i + 1)
                .collect();
            let mut ds = csv(&text, |line| {
                format!("record {}", line_record.get(line - 1).copied().unwrap_or(0))
            })?;
            if let Some(&first) = bad.first() {
                ds.rejected.count += bad.len();
                if ds.rejected.first.is_none() {
                    ds.rejected.first = Some(format!("record {first}: not UTF-8 text"));
                }
            }
            Ok(ds)
        }
    }

    /// Several datasets (one per object) as one: the columns by name, in the order they first
    /// appear, each typed again over every row (a part without a column is missing it there);
    /// values a part could not read stay counted as invalid. The format is the first part's;
    /// rejected rows add up. `None` for no parts.
    pub fn concat(parts: Vec<Dataset>) -> Option<Dataset> {
        let format = parts.first()?.format.clone();
        let rows: usize = parts.iter().map(|p| p.rows).sum();
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for p in &parts {
            for c in &p.columns {
                if !index.contains_key(&c.name) {
                    index.insert(c.name.clone(), names.len());
                    names.push(c.name.clone());
                }
            }
        }
        let mut values: Vec<Vec<Value>> = vec![Vec::with_capacity(rows); names.len()];
        let mut invalid = vec![(0usize, None::<String>); names.len()];
        let mut rejected = Rejected::default();
        let mut notes = Vec::new();
        for p in parts {
            rejected.count += p.rejected.count;
            if rejected.first.is_none() {
                rejected.first = p.rejected.first;
            }
            notes.extend(p.notes);
            let mut present = vec![false; names.len()];
            for c in p.columns {
                let i = index[&c.name];
                present[i] = true;
                invalid[i].0 += c.invalid;
                if invalid[i].1.is_none() {
                    invalid[i].1 = c.first_invalid;
                }
                values[i].extend(c.values);
            }
            for (i, here) in present.into_iter().enumerate() {
                if !here {
                    values[i].extend(std::iter::repeat_n(Value::Missing, p.rows));
                }
            }
        }
        let mut ds = typed_dataset(format, names, values, rows, rejected, notes);
        for (c, (n, first)) in ds.columns.iter_mut().zip(invalid) {
            c.invalid += n;
            if c.first_invalid.is_none() {
                c.first_invalid = first;
            }
        }
        Some(ds)
    }

    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// Builds a dataset from rows already split into fields (for tools and tests): `names`
    /// and one list of values per row (a short row is missing its last values), typed as any
    /// other input.
    pub fn from_rows(names: &[&str], rows: Vec<Vec<Value>>) -> Dataset {
        let n = rows.len();
        let mut values = vec![Vec::with_capacity(n); names.len()];
        for row in rows {
            let mut row = row.into_iter();
            for col in values.iter_mut() {
                col.push(row.next().unwrap_or(Value::Missing));
            }
        }
        typed_dataset(
            Format::Rows,
            names.iter().map(|s| s.to_string()).collect(),
            values,
            n,
            Rejected::default(),
            Vec::new(),
        )
    }

    /// A one-line summary: rows, columns, refused rows.
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            format!(
                "{} {}",
                crate::text::thousands(n as u64),
                if n == 1 { one } else { many }
            )
        };
        let mut s = format!(
            "{}: {}, {}.",
            self.format,
            plural(self.rows, "row", "rows"),
            plural(self.columns.len(), "field", "fields")
        );
        if self.rejected.count > 0 {
            s.push_str(&format!(
                " {} could not be read (first: {}).",
                crate::text::thousands(self.rejected.count as u64),
                self.rejected.first.as_deref().unwrap_or("?")
            ));
        }
        s
    }
}

fn looks_json(text: &str) -> bool {
    matches!(text.trim_start().chars().next(), Some('{' | '['))
}

pub(crate) fn typed_dataset(
    format: Format,
    names: Vec<String>,
    values: Vec<Vec<Value>>,
    rows: usize,
    rejected: Rejected,
    notes: Vec<String>,
) -> Dataset {
    let columns = names
        .into_iter()
        .zip(values)
        .map(|(name, raw)| fields::type_column(name, raw))
        .collect();
    Dataset {
        format,
        columns,
        rows,
        rejected,
        notes,
    }
}

/// The delimiter that appears most often outside quotes in the first line (`,` by default).
fn sniff_delimiter(first_line: &str) -> char {
    let mut best = (',', 0);
    for d in [',', '\t', ';', '|'] {
        let mut quoted = false;
        let mut n = 0;
        for c in first_line.chars() {
            if c == '"' {
                quoted = !quoted;
            } else if c == d && !quoted {
                n += 1;
            }
        }
        if n > best.1 {
            best = (d, n);
        }
    }
    best.0
}

/// RFC 4180 records: quoted fields may hold the delimiter, doubled quotes and line breaks.
/// Each record comes with the line it starts on; an unterminated quote is an error.
fn csv_records(text: &str, delim: char) -> Vec<(usize, Result<Vec<String>, String>)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    while chars.peek().is_some() {
        let start = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut was_quoted = false;
        let mut error = None;
        loop {
            match chars.next() {
                None => {
                    if quoted {
                        error = Some("a quoted field is not closed".to_string());
                    }
                    break;
                }
                Some('"') if quoted => {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                }
                Some('"') if field.is_empty() && !was_quoted => {
                    quoted = true;
                    was_quoted = true;
                }
                Some('\n') if !quoted => {
                    line += 1;
                    break;
                }
                Some('\r') if !quoted && chars.peek() == Some(&'\n') => {}
                Some(c) if c == delim && !quoted => {
                    fields.push(std::mem::take(&mut field));
                    was_quoted = false;
                }
                Some(c) => {
                    if c == '\n' {
                        line += 1;
                    }
                    field.push(c);
                }
            }
        }
        fields.push(field);
        if fields.len() == 1 && fields[0].trim().is_empty() && !was_quoted {
            continue; // a blank line
        }
        out.push((start, error.map_or(Ok(fields), Err)));
    }
    out
}

/// Whether a first CSV row is a header: every cell non-empty, distinct, not a number, a
/// boolean or a time; and some column below it has numbers, booleans or times (or, all text,
/// none of the first row's cells appears again in its column).
fn sniff_header(first: &[String], rest: &[&Vec<String>]) -> bool {
    let typed = |s: &str| {
        let s = s.trim();
        fields::parse_number(s).is_some()
            || fields::parse_bool(s).is_some()
            || fields::parse_time_text(s).is_some()
    };
    let mut seen = std::collections::HashSet::new();
    if first
        .iter()
        .any(|c| c.trim().is_empty() || typed(c) || !seen.insert(c.as_str()))
    {
        return false;
    }
    if rest.is_empty() {
        return true;
    }
    let sample = &rest[..rest.len().min(50)];
    let typed_below =
        (0..first.len()).any(|i| sample.iter().any(|r| r.get(i).is_some_and(|c| typed(c))));
    typed_below
        || first
            .iter()
            .enumerate()
            .all(|(i, h)| sample.iter().all(|r| r.get(i) != Some(h)))
}

fn csv(text: &str, place: impl Fn(usize) -> String) -> Result<Dataset, DatasetError> {
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = sniff_delimiter(first_line);
    let records = csv_records(text, delimiter);
    let mut rejected = Rejected::default();
    let good: Vec<(usize, &Vec<String>)> = records
        .iter()
        .filter_map(|(line, r)| match r {
            Ok(f) => Some((*line, f)),
            Err(why) => {
                rejected.add(|| format!("{}: {why}", place(*line)));
                None
            }
        })
        .collect();
    let Some(&(_, first)) = good.first() else {
        return Err(DatasetError::NoRows(
            rejected.first.unwrap_or_else(|| "no CSV row".into()),
        ));
    };
    let rest: Vec<&Vec<String>> = good[1..].iter().map(|(_, r)| *r).collect();
    let header = sniff_header(first, &rest);
    let width = first.len();
    let names: Vec<String> = if header {
        first.iter().map(|s| s.trim().to_string()).collect()
    } else {
        (1..=width).map(|i| format!("column_{i}")).collect()
    };
    let body = if header { &good[1..] } else { &good[..] };
    let mut values: Vec<Vec<Value>> = vec![Vec::with_capacity(body.len()); width];
    let mut rows = 0;
    for (line, r) in body {
        if r.len() != width {
            rejected.add(|| {
                format!(
                    "{}: {} fields where the {} has {width}",
                    place(*line),
                    r.len(),
                    if header { "header" } else { "first row" }
                )
            });
            continue;
        }
        for (col, cell) in values.iter_mut().zip(r.iter()) {
            col.push(if cell.is_empty() {
                Value::Missing
            } else {
                Value::Text(cell.clone())
            });
        }
        rows += 1;
    }
    if rows == 0 && !body.is_empty() {
        return Err(DatasetError::NoRows(rejected.first.unwrap_or_default()));
    }
    Ok(typed_dataset(
        Format::Csv { header, delimiter },
        names,
        values,
        rows,
        rejected,
        Vec::new(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_records_keep_quoted_delimiters_and_line_breaks() {
        let r = csv_records("a,\"b,\n\"\"c\"\"\"\r\nd,e\n\n\"open", ',');
        assert_eq!(r.len(), 3);
        assert_eq!(
            r[0],
            (1, Ok(vec!["a".to_string(), "b,\n\"c\"".to_string()]))
        );
        assert_eq!(r[1], (3, Ok(vec!["d".to_string(), "e".to_string()])));
        assert_eq!(r[2], (5, Err("a quoted field is not closed".to_string())));
    }

    #[test]
    fn the_delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("a\tb\tc"), '\t');
        assert_eq!(sniff_delimiter("\"a;b;c\",d"), ',');
        assert_eq!(sniff_delimiter("a|b|c;d"), '|');
        assert_eq!(sniff_delimiter("abc"), ',');
    }

    #[test]
    fn a_header_is_text_above_typed_or_different_values() {
        let row = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (h, a, b) = (row(&["name", "n"]), row(&["x", "1"]), row(&["y", "2"]));
        assert!(sniff_header(&h, &[&a, &b]));
        assert!(!sniff_header(&a, &[&b]));
        // All text: a header when its cells don't come back below.
        let (t, u) = (row(&["city", "country"]), row(&["Paris", "France"]));
        assert!(sniff_header(&t, &[&u]));
        assert!(!sniff_header(&u, &[&u]));
    }
}
