//! Redshift's COPY from Amazon S3: the statement (as Firehose writes it, or as a learner types
//! it in the query editor) and the load itself — files listed by a manifest or under a prefix,
//! read as delimited text, CSV or JSON (`'auto'`, `'auto ignorecase'` or a JSONPaths file),
//! optionally gzip'd; each field converted to its column's type. A line that cannot be loaded
//! is a row of `STL_LOAD_ERRORS`; more such lines than `MAXERROR` fail the whole COPY and
//! nothing is loaded.

use super::data::{convert, Conversion, Database, FieldError, LoadError, SqlType, TimeFormat};
use crate::engine::SimTime;
use serde_json::Value;

/// How the input is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// Text, one line per row, fields split at `delimiter` (`|` unless `DELIMITER` says).
    Delimited { delimiter: char },
    /// `CSV`: quoted fields, `,` unless `DELIMITER` says.
    Csv { delimiter: char, quote: char },
    /// `JSON 'auto'` or `JSON 'auto ignorecase'`: the object's keys name the columns.
    JsonAuto { ignore_case: bool },
    /// `JSON 's3://bucket/jsonpaths.json'`: one JSONPath per column, in order.
    JsonPaths(String),
}

/// Who COPY reads S3 as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// `IAM_ROLE 'arn'` or `CREDENTIALS 'aws_iam_role=arn'`.
    Role(String),
    /// `CREDENTIALS 'aws_access_key_id=…'`: temporary keys of a role (what Firehose sends).
    Keys,
    None,
}

/// A parsed COPY statement.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyCommand {
    pub table: String,
    pub columns: Option<Vec<String>>,
    /// `s3://bucket/key-or-prefix`.
    pub from: String,
    pub credentials: Credentials,
    pub manifest: bool,
    pub format: Format,
    pub gzip: bool,
    pub ignore_header: u64,
    pub max_error: u64,
    pub empty_as_null: bool,
    pub blanks_as_null: bool,
    pub ignore_blank_lines: bool,
    pub region: Option<String>,
    pub conversion: Conversion,
}

/// Why a COPY failed, in Redshift's words, with the code Firehose logs for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFailure {
    /// Firehose's error code (`Redshift.TableNotFound`, …).
    pub code: &'static str,
    /// Redshift's error, as the query editor and the Data API show it.
    pub message: String,
}

impl CopyFailure {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Splits SQL into tokens COPY needs: words, quoted strings (`'…'` with `''`), parenthesised
/// lists, and punctuation.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Open,
    Close,
    Comma,
    Semi,
}

fn tokens(sql: &str) -> Result<Vec<Tok>, CopyFailure> {
    let mut out = Vec::new();
    let mut it = sql.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        match c {
            c if c.is_whitespace() => {}
            '(' => out.push(Tok::Open),
            ')' => out.push(Tok::Close),
            ',' => out.push(Tok::Comma),
            ';' => out.push(Tok::Semi),
            '\'' => {
                let mut s = String::new();
                loop {
                    match it.next() {
                        Some((_, '\'')) if it.peek().map(|p| p.1) == Some('\'') => {
                            it.next();
                            s.push('\'');
                        }
                        Some((_, '\'')) => break,
                        Some((_, '\\')) => {
                            // Redshift reads backslash escapes in string literals ('\t').
                            match it.next() {
                                Some((_, 't')) => s.push('\t'),
                                Some((_, 'n')) => s.push('\n'),
                                Some((_, other)) => s.push(other),
                                None => break,
                            }
                        }
                        Some((_, ch)) => s.push(ch),
                        None => {
                            return Err(CopyFailure::new(
                                "Redshift.SyntaxError",
                                "unterminated quoted string at or near \"'\"",
                            ))
                        }
                    }
                }
                out.push(Tok::Str(s));
            }
            '"' => {
                let mut s = String::new();
                for (_, ch) in it.by_ref() {
                    if ch == '"' {
                        break;
                    }
                    s.push(ch);
                }
                out.push(Tok::Word(s.to_lowercase()));
            }
            _ => {
                let mut s = String::from(c);
                while let Some(&(_, ch)) = it.peek() {
                    if ch.is_whitespace() || "(),;'".contains(ch) {
                        break;
                    }
                    s.push(ch);
                    it.next();
                }
                out.push(Tok::Word(s));
            }
        }
    }
    while out.last() == Some(&Tok::Semi) {
        out.pop();
    }
    Ok(out)
}

fn syntax(near: &str) -> CopyFailure {
    CopyFailure::new(
        "Redshift.SyntaxError",
        format!("syntax error at or near \"{near}\""),
    )
}

fn near(t: Option<&Tok>) -> String {
    match t {
        Some(Tok::Word(w)) => w.clone(),
        Some(Tok::Str(s)) => format!("'{s}'"),
        Some(Tok::Open) => "(".into(),
        Some(Tok::Close) => ")".into(),
        Some(Tok::Comma) => ",".into(),
        Some(Tok::Semi) => ";".into(),
        None => "end of input".into(),
    }
}

/// Whether `sql` is a COPY statement.
pub fn is_copy(sql: &str) -> bool {
    sql.trim_start()
        .get(..5)
        .is_some_and(|w| w.eq_ignore_ascii_case("copy ") || w.eq_ignore_ascii_case("copy\n"))
}

/// Parses `COPY table [(columns)] FROM 's3://…' [options]`.
pub fn parse(sql: &str) -> Result<CopyCommand, CopyFailure> {
    let toks = tokens(sql)?;
    let mut i = 0;
    let word =
        |t: Option<&Tok>, w: &str| matches!(t, Some(Tok::Word(x)) if x.eq_ignore_ascii_case(w));
    if !word(toks.first(), "copy") {
        return Err(syntax(&near(toks.first())));
    }
    i += 1;
    let table = match toks.get(i) {
        Some(Tok::Word(w)) => {
            let w = w.to_lowercase();
            w.strip_prefix("public.").map(str::to_string).unwrap_or(w)
        }
        t => return Err(syntax(&near(t))),
    };
    i += 1;
    let mut columns = None;
    if toks.get(i) == Some(&Tok::Open) {
        i += 1;
        let mut cols = Vec::new();
        loop {
            match toks.get(i) {
                Some(Tok::Word(w)) => cols.push(w.to_lowercase()),
                t => return Err(syntax(&near(t))),
            }
            i += 1;
            match toks.get(i) {
                Some(Tok::Comma) => i += 1,
                Some(Tok::Close) => {
                    i += 1;
                    break;
                }
                t => return Err(syntax(&near(t))),
            }
        }
        columns = Some(cols);
    }
    if !word(toks.get(i), "from") {
        return Err(syntax(&near(toks.get(i))));
    }
    i += 1;
    let from = match toks.get(i) {
        Some(Tok::Str(s)) => s.clone(),
        t => return Err(syntax(&near(t))),
    };
    i += 1;
    let mut cmd = CopyCommand {
        table,
        columns,
        from,
        credentials: Credentials::None,
        manifest: false,
        format: Format::Delimited { delimiter: '|' },
        gzip: false,
        ignore_header: 0,
        max_error: 0,
        empty_as_null: false,
        blanks_as_null: false,
        ignore_blank_lines: false,
        region: None,
        conversion: Conversion::default(),
    };
    let mut delimiter: Option<char> = None;
    let mut csv = false;
    let mut json: Option<Format> = None;
    let mut fixed = false;
    let string_arg = |i: usize| -> Result<String, CopyFailure> {
        match toks.get(i) {
            Some(Tok::Str(s)) => Ok(s.clone()),
            t => Err(syntax(&near(t))),
        }
    };
    while i < toks.len() {
        let Some(Tok::Word(w)) = toks.get(i) else {
            return Err(syntax(&near(toks.get(i))));
        };
        let w = w.to_ascii_uppercase();
        i += 1;
        // Optional AS after some options (DELIMITER AS '|', FORMAT AS JSON …).
        if matches!(
            w.as_str(),
            "DELIMITER" | "FORMAT" | "TIMEFORMAT" | "DATEFORMAT" | "NULL" | "QUOTE"
        ) && word(toks.get(i), "as")
        {
            i += 1;
        }
        match w.as_str() {
            "IAM_ROLE" => {
                let arn = string_arg(i)?;
                i += 1;
                cmd.credentials = if arn.eq_ignore_ascii_case("default") {
                    Credentials::None
                } else {
                    Credentials::Role(arn)
                };
            }
            "CREDENTIALS" | "WITH" => {
                if w == "WITH" {
                    if !word(toks.get(i), "credentials") {
                        return Err(syntax(&near(toks.get(i))));
                    }
                    i += 1;
                }
                if word(toks.get(i), "as") {
                    i += 1;
                }
                let text = string_arg(i)?;
                i += 1;
                cmd.credentials = match text.strip_prefix("aws_iam_role=") {
                    Some(arn) => Credentials::Role(arn.to_string()),
                    None if text.contains("aws_access_key_id=") => Credentials::Keys,
                    None => {
                        return Err(CopyFailure::new(
                            "Redshift.IncorrectCopyOptions",
                            "Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'",
                        ))
                    }
                };
            }
            "MANIFEST" => cmd.manifest = true,
            "GZIP" => cmd.gzip = true,
            "LZOP" | "BZIP2" | "ZSTD" => {
                return Err(CopyFailure::new(
                    "Redshift.IncorrectCopyOptions",
                    format!(
                        "{w} is not available in the sandbox: its files are GZIP or uncompressed."
                    ),
                ))
            }
            "DELIMITER" => {
                let d = string_arg(i)?;
                i += 1;
                let mut chars = d.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => delimiter = Some(c),
                    _ => {
                        return Err(CopyFailure::new(
                            "Redshift.IncorrectCopyOptions",
                            "COPY delimiter must be a single one-byte character",
                        ))
                    }
                }
            }
            "CSV" => csv = true,
            "FIXEDWIDTH" => {
                let _ = string_arg(i)?;
                i += 1;
                fixed = true;
            }
            "JSON" => {
                let arg = string_arg(i)?;
                i += 1;
                json = Some(match arg.to_ascii_lowercase().as_str() {
                    "auto" => Format::JsonAuto { ignore_case: false },
                    "auto ignorecase" => Format::JsonAuto { ignore_case: true },
                    _ if arg.starts_with("s3://") => Format::JsonPaths(arg),
                    _ => {
                        return Err(CopyFailure::new(
                            "Redshift.IncorrectCopyOptions",
                            format!("Invalid JSON option '{arg}': use 'auto', 'auto ignorecase' or the s3:// location of a JSONPaths file"),
                        ))
                    }
                });
            }
            "FORMAT" => {
                if word(toks.get(i), "json") {
                    i += 1;
                    let arg = string_arg(i)?;
                    i += 1;
                    json = Some(match arg.to_ascii_lowercase().as_str() {
                        "auto" => Format::JsonAuto { ignore_case: false },
                        "auto ignorecase" => Format::JsonAuto { ignore_case: true },
                        _ => Format::JsonPaths(arg),
                    });
                } else if word(toks.get(i), "csv") {
                    i += 1;
                    csv = true;
                } else {
                    return Err(CopyFailure::new(
                        "Redshift.IncorrectCopyOptions",
                        format!("FORMAT {} is not available in the sandbox: use JSON or CSV (or delimited text).", near(toks.get(i))),
                    ));
                }
            }
            "IGNOREHEADER" => {
                match toks.get(i) {
                    Some(Tok::Word(n)) => cmd.ignore_header = n.parse().map_err(|_| syntax(n))?,
                    t => return Err(syntax(&near(t))),
                }
                i += 1;
            }
            "MAXERROR" => {
                match toks.get(i) {
                    Some(Tok::Word(n)) => cmd.max_error = n.parse().map_err(|_| syntax(n))?,
                    t => return Err(syntax(&near(t))),
                }
                i += 1;
            }
            "TIMEFORMAT" => {
                let f = string_arg(i)?;
                i += 1;
                cmd.conversion.time_format = match f.to_ascii_lowercase().as_str() {
                    "auto" => TimeFormat::Auto,
                    "epochsecs" => TimeFormat::EpochSecs,
                    "epochmillisecs" => TimeFormat::EpochMillis,
                    "yyyy-mm-dd hh:mi:ss" | "yyyy-mm-dd hh24:mi:ss" => TimeFormat::Default,
                    _ => TimeFormat::Auto,
                };
            }
            "DATEFORMAT" => {
                let f = string_arg(i)?;
                i += 1;
                cmd.conversion.date_auto = f.eq_ignore_ascii_case("auto");
            }
            "TRUNCATECOLUMNS" => cmd.conversion.truncate_columns = true,
            "EMPTYASNULL" => cmd.empty_as_null = true,
            "BLANKSASNULL" => cmd.blanks_as_null = true,
            "IGNOREBLANKLINES" => cmd.ignore_blank_lines = true,
            "ACCEPTINVCHARS" | "ESCAPE" | "REMOVEQUOTES" | "TRIMBLANKS" | "EXPLICIT_IDS"
            | "ACCEPTANYDATE" | "FILLRECORD" | "ROUNDEC" => {
                if w == "ACCEPTINVCHARS" && matches!(toks.get(i), Some(Tok::Str(_))) {
                    i += 1;
                }
            }
            "COMPUPDATE" | "STATUPDATE" => {
                if matches!(toks.get(i), Some(Tok::Word(x)) if ["on", "off", "true", "false"].contains(&x.to_ascii_lowercase().as_str()))
                {
                    i += 1;
                }
            }
            "REGION" => {
                if word(toks.get(i), "as") {
                    i += 1;
                }
                cmd.region = Some(string_arg(i)?);
                i += 1;
            }
            "NULL" => {
                let _ = string_arg(i)?;
                i += 1;
            }
            "QUOTE" => {
                let q = string_arg(i)?;
                i += 1;
                if let Some(c) = q.chars().next() {
                    if let Format::Csv { quote, .. } = &mut cmd.format {
                        *quote = c;
                    }
                }
            }
            _ => {
                return Err(syntax(
                    toks.get(i - 1)
                        .map(|t| near(Some(t)))
                        .as_deref()
                        .unwrap_or(""),
                ))
            }
        }
    }
    let kinds = [csv, json.is_some(), fixed].iter().filter(|x| **x).count();
    if kinds > 1 || (json.is_some() && delimiter.is_some()) {
        return Err(CopyFailure::new(
            "Redshift.IncorrectCopyOptions",
            "conflicting or redundant options: only one of CSV, JSON and FIXEDWIDTH may be given, and DELIMITER not with JSON",
        ));
    }
    if fixed {
        return Err(CopyFailure::new(
            "Redshift.IncorrectCopyOptions",
            "FIXEDWIDTH is not available in the sandbox: use delimited text, CSV or JSON.",
        ));
    }
    cmd.format = if let Some(j) = json {
        j
    } else if csv {
        Format::Csv {
            delimiter: delimiter.unwrap_or(','),
            quote: '"',
        }
    } else {
        Format::Delimited {
            delimiter: delimiter.unwrap_or('|'),
        }
    };
    Ok(cmd)
}

/// Splits `s3://bucket/key`.
pub fn split_s3(url: &str) -> Option<(&str, &str)> {
    url.strip_prefix("s3://")?.split_once('/')
}

/// A file COPY reads: where it is and its bytes as stored.
pub struct File {
    pub url: String,
    pub bytes: Vec<u8>,
}

/// What a load made: rows for the table, or the failure; and the load errors either way.
pub struct Loaded {
    pub rows: Vec<Vec<Option<String>>>,
    pub errors: Vec<LoadError>,
}

/// Reads `files` into rows of `table`'s columns. `targets` are the table's column indexes
/// the input fills, in input order; the others get their default or NULL.
#[allow(clippy::too_many_arguments)]
pub fn load(
    db: &Database,
    table: &str,
    targets: &[usize],
    cmd: &CopyCommand,
    jsonpaths: Option<&[String]>,
    files: &[File],
    query: u64,
    now: SimTime,
) -> Loaded {
    let t = &db.tables[table];
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        let bytes = if cmd.gzip {
            use std::io::Read as _;
            let mut out = Vec::new();
            if flate2::read::MultiGzDecoder::new(&file.bytes[..])
                .read_to_end(&mut out)
                .is_err()
            {
                errors.push(line_error(
                    t.id,
                    query,
                    now,
                    &file.url,
                    1,
                    "",
                    "",
                    "",
                    0,
                    "",
                    "",
                    1216,
                    "gzip: invalid header: the file is not gzip compressed",
                ));
                continue;
            }
            out
        } else {
            file.bytes.clone()
        };
        // Raw lines and their fields, before conversion.
        let mut pieces: Vec<Piece> = Vec::new();
        match &cmd.format {
            Format::JsonAuto { .. } | Format::JsonPaths(_) => {
                read_json(&bytes, t, targets, cmd, jsonpaths, &mut pieces);
            }
            Format::Delimited { delimiter } => {
                read_lines(&bytes, cmd, &mut pieces, |line| {
                    Ok(line
                        .split(*delimiter)
                        .map(|f| Some(f.to_string()))
                        .collect())
                });
            }
            Format::Csv { delimiter, quote } => {
                read_lines(&bytes, cmd, &mut pieces, |line| {
                    csv_fields(line, *delimiter, *quote)
                });
            }
        }
        for (line_number, raw, fields) in pieces {
            let fields = match fields {
                Ok(f) => f,
                Err(e) => {
                    errors.push(line_error(
                        t.id,
                        query,
                        now,
                        &file.url,
                        line_number,
                        "",
                        "",
                        "",
                        e.position,
                        &raw,
                        "",
                        e.code,
                        &e.reason,
                    ));
                    continue;
                }
            };
            if matches!(cmd.format, Format::Delimited { .. } | Format::Csv { .. }) {
                if fields.len() < targets.len() {
                    errors.push(line_error(
                        t.id,
                        query,
                        now,
                        &file.url,
                        line_number,
                        &t.columns[targets[fields.len()]].name,
                        "",
                        "",
                        0,
                        &raw,
                        "",
                        1214,
                        "Delimiter not found",
                    ));
                    continue;
                }
                if fields.len() > targets.len() {
                    errors.push(line_error(
                        t.id,
                        query,
                        now,
                        &file.url,
                        line_number,
                        "",
                        "",
                        "",
                        0,
                        &raw,
                        "",
                        1202,
                        "Extra column(s) found",
                    ));
                    continue;
                }
            }
            let mut row: Vec<Option<String>> =
                t.columns.iter().map(|c| c.default.clone()).collect();
            let mut failed = None;
            for (k, &col) in targets.iter().enumerate() {
                let c = &t.columns[col];
                let field = fields.get(k).cloned().flatten();
                let field = field.filter(|f| {
                    let text_type = matches!(c.ty, SqlType::Char(_) | SqlType::Varchar(_));
                    !((cmd.empty_as_null || !text_type) && f.is_empty()
                        || cmd.blanks_as_null && !f.is_empty() && f.trim().is_empty()
                        || (!matches!(cmd.format, Format::JsonAuto { .. } | Format::JsonPaths(_))
                            && f == "\\N"))
                });
                match field {
                    None => row[col] = None,
                    Some(f) => match convert(&f, c.ty, cmd.conversion) {
                        Ok(v) => row[col] = Some(v),
                        Err(e) => {
                            failed = Some((c, f, e));
                            break;
                        }
                    },
                }
            }
            if failed.is_none() {
                if let Some(c) = t
                    .columns
                    .iter()
                    .enumerate()
                    .find(|(i, c)| c.not_null && row[*i].is_none())
                    .map(|(_, c)| c)
                {
                    failed = Some((
                        c,
                        String::new(),
                        FieldError {
                            code: 1213,
                            reason: "Missing data for not-null field".into(),
                            position: 0,
                        },
                    ));
                }
            }
            match failed {
                Some((c, value, e)) => errors.push(line_error(
                    t.id,
                    query,
                    now,
                    &file.url,
                    line_number,
                    &c.name,
                    c.ty.short_name(),
                    &c.ty.length(),
                    e.position,
                    &raw,
                    &value,
                    e.code,
                    &e.reason,
                )),
                None => rows.push(row),
            }
        }
    }
    Loaded { rows, errors }
}

#[allow(clippy::too_many_arguments)]
fn line_error(
    tbl: u64,
    query: u64,
    starttime: SimTime,
    filename: &str,
    line_number: u64,
    colname: &str,
    ty: &str,
    col_length: &str,
    position: i64,
    raw_line: &str,
    raw_field_value: &str,
    err_code: u32,
    err_reason: &str,
) -> LoadError {
    let cut = |s: &str, n: usize| {
        let mut end = s.len().min(n);
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s[..end].to_string()
    };
    LoadError {
        tbl,
        starttime,
        query,
        filename: cut(filename, 256),
        line_number,
        colname: colname.to_string(),
        ty: ty.to_string(),
        col_length: col_length.to_string(),
        position,
        raw_line: cut(raw_line, 1024),
        raw_field_value: cut(raw_field_value, 1024),
        err_code,
        err_reason: cut(err_reason, 100),
    }
}

type Piece = (u64, String, Result<Vec<Option<String>>, FieldError>);

fn read_lines(
    bytes: &[u8],
    cmd: &CopyCommand,
    out: &mut Vec<Piece>,
    split: impl Fn(&str) -> Result<Vec<Option<String>>, FieldError>,
) {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(e) => {
            out.push((
                1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64,
                String::from_utf8_lossy(bytes).chars().take(1024).collect(),
                Err(FieldError {
                    code: 1220,
                    reason: "String contains invalid or unsupported UTF8 codepoints".into(),
                    position: e.valid_up_to() as i64,
                }),
            ));
            return;
        }
    };
    let lines: Vec<&str> = text
        .strip_suffix('\n')
        .unwrap_or(&text)
        .split('\n')
        .collect();
    for (n, line) in lines.iter().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if (n as u64) < cmd.ignore_header {
            continue;
        }
        if line.is_empty() {
            if cmd.ignore_blank_lines {
                continue;
            }
            out.push((
                n as u64 + 1,
                String::new(),
                Err(FieldError {
                    code: 1211,
                    reason: "Input line contained no data".into(),
                    position: 0,
                }),
            ));
            continue;
        }
        out.push((n as u64 + 1, line.to_string(), split(line)));
    }
}

fn csv_fields(line: &str, delimiter: char, quote: char) -> Result<Vec<Option<String>>, FieldError> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == quote {
                if chars.peek() == Some(&quote) {
                    chars.next();
                    cur.push(quote);
                } else {
                    quoted = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == quote && cur.is_empty() {
            quoted = true;
            was_quoted = true;
        } else if c == delimiter {
            fields.push(Some(std::mem::take(&mut cur)));
            was_quoted = false;
        } else {
            cur.push(c);
        }
    }
    if quoted {
        return Err(FieldError {
            code: 1216,
            reason: "Unterminated quoted field".into(),
            position: line.len() as i64,
        });
    }
    let _ = was_quoted;
    fields.push(Some(cur));
    Ok(fields)
}

/// A JSON value as the text COPY loads into a column.
fn json_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// Evaluates a JSONPath of the forms Redshift accepts: `$.a.b`, `$['a']['b']`, `$.a[0]`.
pub fn json_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut rest = path.strip_prefix('$')?;
    let mut cur = v;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            cur = cur.get(&r[..end])?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("[\"") {
            let end = r.find("\"]")?;
            cur = cur.get(&r[..end])?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            cur = cur.get(r[..end].parse::<usize>().ok()?)?;
            rest = &r[end + 1..];
        } else if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            cur = cur.get(&r[..end])?;
            rest = &r[end..];
        } else {
            return None;
        }
    }
    Some(cur)
}

fn read_json(
    bytes: &[u8],
    t: &super::data::Table,
    targets: &[usize],
    cmd: &CopyCommand,
    jsonpaths: Option<&[String]>,
    out: &mut Vec<Piece>,
) {
    // Line numbers, counted forward once (the values come in order).
    let mut counted = (0usize, 1u64);
    let mut line_of = |offset: usize| {
        let (from, line) = counted;
        let offset = offset.max(from);
        let more = bytes[from..offset].iter().filter(|b| **b == b'\n').count() as u64;
        counted = (offset, line + more);
        line + more
    };
    let mut stream = serde_json::Deserializer::from_slice(bytes).into_iter::<Value>();
    let mut start = 0usize;
    loop {
        // Skip whitespace to find where the next value starts.
        while start < bytes.len() && bytes[start].is_ascii_whitespace() {
            start += 1;
        }
        let next = stream.next();
        let end = stream.byte_offset();
        let raw = String::from_utf8_lossy(&bytes[start.min(end)..end]).into_owned();
        match next {
            None => break,
            Some(Err(e)) => {
                out.push((
                    line_of(start),
                    String::from_utf8_lossy(&bytes[start..bytes.len().min(start + 1024)])
                        .into_owned(),
                    Err(FieldError {
                        code: 1216,
                        reason: format!("Invalid JSON object: {e}"),
                        position: 0,
                    }),
                ));
                break;
            }
            Some(Ok(Value::Object(obj))) => {
                let obj = Value::Object(obj);
                let fields = match (&cmd.format, jsonpaths) {
                    (Format::JsonAuto { ignore_case }, _) => targets
                        .iter()
                        .map(|&c| {
                            let name = &t.columns[c].name;
                            let v = obj.get(name.as_str()).or_else(|| {
                                ignore_case
                                    .then(|| {
                                        obj.as_object()?
                                            .iter()
                                            .find(|(k, _)| k.eq_ignore_ascii_case(name))
                                            .map(|(_, v)| v)
                                    })
                                    .flatten()
                            });
                            v.and_then(json_text)
                        })
                        .collect(),
                    (_, Some(paths)) => paths
                        .iter()
                        .map(|p| json_path(&obj, p).and_then(json_text))
                        .collect(),
                    _ => Vec::new(),
                };
                out.push((line_of(start), raw, Ok(fields)));
            }
            Some(Ok(_)) => out.push((
                line_of(start),
                raw,
                Err(FieldError {
                    code: 1216,
                    reason: "Invalid JSON object: a top-level value must be an object".into(),
                    position: 0,
                }),
            )),
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn firehose_style_copy_parses() {
        let c = parse(
            "COPY sensor_readings (sensorid, currenttemperature, status) FROM 's3://b/manifests/x' \
             CREDENTIALS 'aws_iam_role=arn:aws:iam::123456789012:role/r' MANIFEST json 'auto ignorecase' GZIP;",
        )
        .unwrap();
        assert_eq!(c.table, "sensor_readings");
        assert_eq!(c.columns.as_deref().unwrap().len(), 3);
        assert!(c.manifest && c.gzip);
        assert_eq!(c.format, Format::JsonAuto { ignore_case: true });
        assert_eq!(
            c.credentials,
            Credentials::Role("arn:aws:iam::123456789012:role/r".into())
        );
        let d =
            parse("copy venue from 's3://b/venue' iam_role 'arn:r' delimiter '\\t' ignoreheader 1")
                .unwrap();
        assert_eq!(d.format, Format::Delimited { delimiter: '\t' });
        assert_eq!(d.ignore_header, 1);
        assert_eq!(
            parse("COPY t FROM 's3://b/k' JSON 'auto' CSV")
                .unwrap_err()
                .code,
            "Redshift.IncorrectCopyOptions"
        );
        assert_eq!(
            parse("COPY t FROM 's3://b/k' jsn 'auto'")
                .unwrap_err()
                .message,
            "syntax error at or near \"jsn\""
        );
    }

    #[test]
    fn json_paths_read_nested_values() {
        let v: Value = serde_json::from_str(r#"{"a":{"b":[1,{"c":"x"}]},"d e":2}"#).unwrap();
        assert_eq!(json_path(&v, "$.a.b[1].c"), Some(&Value::from("x")));
        assert_eq!(json_path(&v, "$['d e']"), Some(&Value::from(2)));
        assert_eq!(json_path(&v, "$.missing"), None);
    }
}
