//! The SQL the query editor and the Data API run (an engine extension, fetched on first use):
//! GlueSQL's parser, planner and executor over its in-memory storage, with Redshift's ways
//! around it.
//!
//! - Identifiers fold to lower case, quoted or not (Redshift's default), before GlueSQL
//!   sees the statement; string literals keep their case.
//! - `CREATE TABLE` is read here, not by GlueSQL: Redshift's types (`VARCHAR(n)`,
//!   `DOUBLE PRECISION`, `INT4`, …) and its table attributes (`DISTSTYLE`, `SORTKEY`,
//!   `ENCODE`) are accepted, and each column keeps its declared type. `DROP TABLE` and
//!   `TRUNCATE` are the engine's too.
//! - Any other statement runs in a GlueSQL storage loaded from the engine's tables (and the
//!   system tables `STL_LOAD_ERRORS`, `STV_TBL_PERM` and `PG_TABLE_DEF`); what an `INSERT`,
//!   `UPDATE` or `DELETE` changed is read back, checked against the declared lengths, and
//!   kept.

use super::data::{float_text, Column, Database, SqlType, Table, LOAD_ERROR_COLUMNS};
use super::{Cell, SqlResult};
use gluesql_core::chrono::{NaiveDate, NaiveDateTime};
use gluesql_core::prelude::{Glue, Payload, Value};
use gluesql_core::store::StoreMut;
use gluesql_memory_storage::MemoryStorage;

/// The table of functions the engine reaches this through.
pub static SQL: crate::engine::extension::Sql = crate::engine::extension::Sql { execute };

/// Lower-cases everything outside single-quoted literals and drops double quotes around
/// identifiers, as Redshift folds identifiers by default.
pub fn fold_identifiers(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut in_str = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if in_str {
            out.push(c);
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    out.push(chars.next().unwrap_or('\''));
                } else {
                    in_str = false;
                }
            }
        } else if c == '\'' {
            in_str = true;
            out.push(c);
        } else if c == '"' {
            // A delimited identifier: folded too, quotes dropped.
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn words(sql: &str) -> Vec<String> {
    sql.split(|c: char| c.is_whitespace() || c == '(' || c == ';')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn table_name(word: &str) -> String {
    let w = word.trim_end_matches([';', ',']);
    w.strip_prefix("public.").unwrap_or(w).to_string()
}

/// The error Redshift gives for a missing relation.
fn no_relation(name: &str) -> String {
    format!("ERROR: relation \"{name}\" does not exist")
}

fn execute(db: &mut Database, sql: &str) -> Result<SqlResult, String> {
    let folded = fold_identifiers(sql.trim().trim_end_matches(';').trim());
    let w = words(&folded);
    match (w.first().map(String::as_str), w.get(1).map(String::as_str)) {
        (None, _) => Err("ERROR: syntax error at end of input".into()),
        (Some("create"), Some("table")) => create_table(db, &folded),
        (Some("drop"), Some("table")) => {
            let (if_exists, name) = match w.get(2).map(String::as_str) {
                Some("if") => (true, w.get(4)),
                _ => (false, w.get(2)),
            };
            let name = table_name(name.ok_or("ERROR: syntax error at end of input")?);
            if db.tables.remove(&name).is_none() && !if_exists {
                return Err(format!("ERROR: Table \"{name}\" does not exist"));
            }
            Ok(SqlResult::done(0))
        }
        (Some("truncate"), _) => {
            let name = match w.get(1).map(String::as_str) {
                Some("table") => w.get(2),
                _ => w.get(1),
            };
            let name = table_name(name.ok_or("ERROR: syntax error at end of input")?);
            let t = db.tables.get_mut(&name).ok_or_else(|| no_relation(&name))?;
            t.rows.clear();
            Ok(SqlResult::done(0))
        }
        (Some(first), _) => {
            let written = match first {
                "insert" => w.get(2).map(|n| table_name(n)),
                "update" => w.get(1).map(|n| table_name(n)),
                "delete" => w.get(2).map(|n| table_name(n)),
                "select" | "with" | "show" => None,
                other => {
                    return Err(format!(
                        "ERROR: {} is not available in the sandbox's Redshift: it runs CREATE TABLE, DROP TABLE, TRUNCATE, SELECT, INSERT, UPDATE, DELETE and COPY.",
                        other.to_uppercase()
                    ))
                }
            };
            if let Some(t) = &written {
                if !db.tables.contains_key(t) {
                    return Err(no_relation(t));
                }
            }
            run_in_glue(db, &folded, written.as_deref())
        }
    }
}

/// `CREATE TABLE [IF NOT EXISTS] name (col type [NOT NULL] [DEFAULT x] [ENCODE e] …, …) …`.
fn create_table(db: &mut Database, sql: &str) -> Result<SqlResult, String> {
    let open = sql.find('(').ok_or("ERROR: syntax error at end of input")?;
    let head: Vec<&str> = sql[..open].split_whitespace().collect();
    let (if_not_exists, name) = match head.as_slice() {
        ["create", "table", "if", "not", "exists", n] => (true, *n),
        ["create", "table", n] => (false, *n),
        ["create", "temp" | "temporary", "table", n] => (false, *n),
        _ => {
            return Err(format!(
                "ERROR: syntax error at or near \"{}\"",
                head.last().copied().unwrap_or("(")
            ))
        }
    };
    let name = table_name(name);
    // The column list: up to the matching parenthesis.
    let mut depth = 0;
    let mut close = None;
    for (i, c) in sql[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.ok_or("ERROR: syntax error at end of input")?;
    let inner = &sql[open + 1..close];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    let mut columns: Vec<Column> = Vec::new();
    for part in parts {
        let part = part.trim();
        let first = part.split_whitespace().next().unwrap_or("");
        if [
            "primary",
            "unique",
            "foreign",
            "constraint",
            "distkey",
            "sortkey",
        ]
        .contains(&first)
        {
            continue;
        }
        let col_name = first.to_string();
        if col_name.is_empty() {
            return Err("ERROR: syntax error at or near \")\"".into());
        }
        let rest = part[first.len()..].trim();
        // The type runs until a column attribute's keyword.
        let keywords = [
            " not null",
            " null",
            " default ",
            " encode ",
            " distkey",
            " sortkey",
            " primary key",
            " unique",
            " identity",
            " references",
            " collate",
        ];
        let padded = format!(" {rest}");
        let end = keywords
            .iter()
            .filter_map(|k| padded.find(k))
            .min()
            .unwrap_or(padded.len());
        let ty_text = padded[..end].trim();
        let ty = SqlType::parse(ty_text)
            .ok_or_else(|| format!("ERROR: type \"{ty_text}\" does not exist"))?;
        let attrs = &padded[end..];
        let not_null = attrs.contains(" not null") || attrs.contains(" primary key");
        let default = attrs.find(" default ").map(|i| {
            let v = attrs[i + 9..].split_whitespace().next().unwrap_or("");
            v.trim_matches('\'').to_string()
        });
        if columns.iter().any(|c| c.name == col_name) {
            return Err(format!(
                "ERROR: column \"{col_name}\" specified more than once"
            ));
        }
        columns.push(Column {
            name: col_name,
            ty,
            not_null,
            default,
        });
    }
    if columns.is_empty() {
        return Err("ERROR: syntax error at or near \")\"".into());
    }
    if db.tables.contains_key(&name) || is_system(&name) {
        if if_not_exists {
            return Ok(SqlResult::done(0));
        }
        return Err(format!("ERROR: Relation \"{name}\" already exists"));
    }
    let id = db.new_table_id();
    db.tables.insert(
        name.clone(),
        Table {
            id,
            name,
            columns,
            rows: Vec::new(),
        },
    );
    Ok(SqlResult::done(0))
}

fn is_system(name: &str) -> bool {
    matches!(name, "stl_load_errors" | "stv_tbl_perm" | "pg_table_def")
}

fn glue_type(ty: SqlType) -> &'static str {
    match ty {
        SqlType::SmallInt => "INT16",
        SqlType::Integer => "INT32",
        SqlType::BigInt => "INT64",
        SqlType::Real => "FLOAT32",
        SqlType::Double => "FLOAT",
        SqlType::Decimal(..) => "DECIMAL",
        SqlType::Boolean => "BOOLEAN",
        SqlType::Char(_) | SqlType::Varchar(_) => "TEXT",
        SqlType::Date => "DATE",
        SqlType::Timestamp => "TIMESTAMP",
    }
}

/// A stored text as GlueSQL's value of `ty`.
fn to_value(text: &Option<String>, ty: SqlType) -> Value {
    let Some(t) = text else {
        return Value::Null;
    };
    let parsed = match ty {
        SqlType::SmallInt => t.parse().ok().map(Value::I16),
        SqlType::Integer => t.parse().ok().map(Value::I32),
        SqlType::BigInt => t.parse().ok().map(Value::I64),
        SqlType::Real => t.parse().ok().map(Value::F32),
        SqlType::Double => t.parse().ok().map(Value::F64),
        SqlType::Decimal(..) => t.parse().ok().map(Value::Decimal),
        SqlType::Boolean => Some(Value::Bool(t == "true")),
        SqlType::Char(_) | SqlType::Varchar(_) => Some(Value::Str(t.clone())),
        SqlType::Date => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .ok()
            .map(Value::Date),
        SqlType::Timestamp => NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M:%S%.f")
            .ok()
            .map(Value::Timestamp),
    };
    parsed.unwrap_or(Value::Null)
}

/// GlueSQL's value as the text the engine keeps for `ty`.
fn from_value(v: &Value, ty: Option<SqlType>) -> Option<String> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => b.to_string(),
        Value::I8(x) => x.to_string(),
        Value::I16(x) => x.to_string(),
        Value::I32(x) => x.to_string(),
        Value::I64(x) => x.to_string(),
        Value::I128(x) => x.to_string(),
        Value::U8(x) => x.to_string(),
        Value::U16(x) => x.to_string(),
        Value::U32(x) => x.to_string(),
        Value::U64(x) => x.to_string(),
        Value::U128(x) => x.to_string(),
        Value::F32(x) => float_text(f64::from(*x), true),
        Value::F64(x) => float_text(*x, false),
        Value::Decimal(d) => match ty {
            Some(SqlType::Decimal(_, s)) => {
                let r = d.round_dp(u32::from(s));
                format!("{r:.prec$}", prec = s as usize)
            }
            _ => d.to_string(),
        },
        Value::Str(s) => s.clone(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Timestamp(t) => {
            if t.and_utc().timestamp_subsec_nanos() == 0 {
                t.format("%Y-%m-%d %H:%M:%S").to_string()
            } else {
                t.format("%Y-%m-%d %H:%M:%S%.f").to_string()
            }
        }
        other => format!("{other:?}"),
    })
}

fn cell(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Null,
        Value::Bool(b) => Cell::Bool(*b),
        Value::I8(_)
        | Value::I16(_)
        | Value::I32(_)
        | Value::I64(_)
        | Value::U8(_)
        | Value::U16(_)
        | Value::U32(_) => Cell::Long(
            from_value(v, None)
                .and_then(|t| t.parse().ok())
                .unwrap_or(0),
        ),
        Value::F32(x) => Cell::Double(f64::from(*x)),
        Value::F64(x) => Cell::Double(*x),
        other => Cell::Str(from_value(other, None).unwrap_or_default()),
    }
}

fn value_type_name(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::I8(_) | Value::I16(_) => "int2",
        Value::I32(_) => "int4",
        Value::I64(_) | Value::I128(_) | Value::U8(_) | Value::U16(_) | Value::U32(_) => "int8",
        Value::U64(_) | Value::U128(_) | Value::Decimal(_) => "numeric",
        Value::F32(_) => "float4",
        Value::F64(_) => "float8",
        Value::Date(_) => "date",
        Value::Timestamp(_) => "timestamp",
        _ => "varchar",
    }
}

fn glue_error(e: gluesql_core::prelude::Error) -> String {
    let text = e.to_string();
    let lower = text.to_lowercase();
    if let Some(i) = lower.find("table not found") {
        let name = lower[i + "table not found".len()..]
            .trim_start_matches([':', ' '])
            .trim_matches(['"', '\'', ' ']);
        return no_relation(name);
    }
    if let Some(i) = lower.find("column not found") {
        return format!("ERROR: column does not exist ({})", &text[i..]);
    }
    format!("ERROR: {text}")
}

fn load(
    glue: &mut Glue<MemoryStorage>,
    name: &str,
    columns: &[(String, SqlType, bool)],
    rows: Vec<Vec<Value>>,
) -> Result<(), String> {
    let defs: Vec<String> = columns
        .iter()
        .map(|(n, t, not_null)| {
            format!(
                "\"{n}\" {}{}",
                glue_type(*t),
                if *not_null { " NOT NULL" } else { " NULL" }
            )
        })
        .collect();
    glue.execute(format!("CREATE TABLE \"{name}\" ({})", defs.join(", ")))
        .map_err(glue_error)?;
    if !rows.is_empty() {
        glue.storage.append_data(name, rows).map_err(glue_error)?;
    }
    Ok(())
}

fn run_in_glue(db: &mut Database, sql: &str, written: Option<&str>) -> Result<SqlResult, String> {
    let mut glue = Glue::new(MemoryStorage::default());
    for t in db.tables.values() {
        let cols: Vec<(String, SqlType, bool)> = t
            .columns
            .iter()
            .map(|c| (c.name.clone(), c.ty, c.not_null))
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .zip(&t.columns)
                    .map(|(v, c)| to_value(v, c.ty))
                    .collect()
            })
            .collect();
        load(&mut glue, &t.name, &cols, rows)?;
    }
    // The system tables a learner looks at, as they are now.
    let session = 1_073_000_000u64 + db.next_query % 1000;
    let lec: Vec<(String, SqlType, bool)> = LOAD_ERROR_COLUMNS
        .iter()
        .map(|(n, t)| (n.to_string(), *t, false))
        .collect();
    let le_rows = db
        .load_errors
        .iter()
        .map(|e| {
            e.row(session)
                .iter()
                .zip(LOAD_ERROR_COLUMNS)
                .map(|(v, (_, t))| to_value(v, *t))
                .collect()
        })
        .collect();
    load(&mut glue, "stl_load_errors", &lec, le_rows)?;
    let perm = vec![
        ("id".to_string(), SqlType::Integer, false),
        ("name".to_string(), SqlType::Char(72), false),
        ("rows".to_string(), SqlType::BigInt, false),
    ];
    let perm_rows = db
        .tables
        .values()
        .map(|t| {
            vec![
                Value::I32(t.id as i32),
                Value::Str(t.name.clone()),
                Value::I64(t.rows.len() as i64),
            ]
        })
        .collect();
    load(&mut glue, "stv_tbl_perm", &perm, perm_rows)?;
    let def = vec![
        ("schemaname".to_string(), SqlType::Varchar(128), false),
        ("tablename".to_string(), SqlType::Varchar(128), false),
        ("column".to_string(), SqlType::Varchar(128), false),
        ("type".to_string(), SqlType::Varchar(128), false),
        ("notnull".to_string(), SqlType::Boolean, false),
    ];
    let def_rows = db
        .tables
        .values()
        .flat_map(|t| {
            t.columns.iter().map(move |c| {
                vec![
                    Value::Str("public".into()),
                    Value::Str(t.name.clone()),
                    Value::Str(c.name.clone()),
                    Value::Str(c.ty.name()),
                    Value::Bool(c.not_null),
                ]
            })
        })
        .collect();
    load(&mut glue, "pg_table_def", &def, def_rows)?;

    let payloads = glue.execute(sql).map_err(glue_error)?;
    let payload = payloads
        .into_iter()
        .next()
        .ok_or("ERROR: syntax error at end of input")?;
    let result = match payload {
        Payload::Select { labels, rows } => {
            // Column types: a table's declared type where the label names one of its columns.
            let declared = |label: &str| {
                db.tables
                    .values()
                    .find_map(|t| t.column(label).map(|(_, c)| c.ty.short_name()))
            };
            let columns = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let ty = declared(l).unwrap_or_else(|| {
                        rows.iter()
                            .map(|r| &r[i])
                            .find(|v| !matches!(v, Value::Null))
                            .map(value_type_name)
                            .unwrap_or("varchar")
                    });
                    (l.clone(), ty.to_string())
                })
                .collect();
            SqlResult {
                columns,
                rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
                has_result_set: true,
                rows_affected: -1,
            }
        }
        Payload::Insert(n) | Payload::Update(n) | Payload::Delete(n) => SqlResult::done(n as i64),
        Payload::ShowVariable(_) | Payload::ShowColumns(_) | Payload::SelectMap(_) => {
            SqlResult::done(0)
        }
        _ => SqlResult::done(0),
    };
    if let Some(name) = written {
        let t = db.tables.get(name).expect("checked before");
        let read = glue
            .execute(format!("SELECT * FROM \"{name}\""))
            .map_err(glue_error)?;
        let Some(Payload::Select { rows, .. }) = read.into_iter().next() else {
            return Err(no_relation(name));
        };
        let mut new_rows = Vec::with_capacity(rows.len());
        for r in rows {
            let mut row = Vec::with_capacity(r.len());
            for (v, c) in r.iter().zip(&t.columns) {
                let text = from_value(v, Some(c.ty));
                if let (Some(s), SqlType::Varchar(n) | SqlType::Char(n)) = (&text, c.ty) {
                    if s.len() > n as usize {
                        let kind = if matches!(c.ty, SqlType::Char(_)) {
                            "character"
                        } else {
                            "character varying"
                        };
                        return Err(format!("ERROR: value too long for type {kind}({n})"));
                    }
                }
                row.push(text);
            }
            new_rows.push(row);
        }
        db.tables.get_mut(name).expect("checked before").rows = new_rows;
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_fold_and_literals_keep_their_case() {
        assert_eq!(
            fold_identifiers("SELECT \"SensorId\" FROM Readings WHERE status = 'FAIL'"),
            "select sensorid from readings where status = 'FAIL'"
        );
    }

    #[test]
    fn a_table_is_created_filled_and_queried() {
        let mut db = Database::default();
        execute(
            &mut db,
            "CREATE TABLE readings (sensorId INTEGER NOT NULL, temp DOUBLE PRECISION, status VARCHAR(4)) DISTSTYLE EVEN SORTKEY(sensorid);",
        )
        .unwrap();
        assert_eq!(db.tables["readings"].columns[1].ty, SqlType::Double);
        let r = execute(
            &mut db,
            "insert into readings values (1, 20.5, 'OK'), (2, 99, 'FAIL')",
        )
        .unwrap();
        assert_eq!(r.rows_affected, 2);
        assert_eq!(
            db.tables["readings"].rows[1],
            vec![Some("2".into()), Some("99".into()), Some("FAIL".into())]
        );
        let r = execute(
            &mut db,
            "SELECT status, COUNT(*) AS n FROM readings WHERE temp > 50 GROUP BY status",
        )
        .unwrap();
        assert_eq!(
            r.columns,
            vec![
                ("status".to_string(), "varchar".to_string()),
                ("n".to_string(), "int8".to_string())
            ]
        );
        assert_eq!(r.rows, vec![vec![Cell::Str("FAIL".into()), Cell::Long(1)]]);
        let e = execute(&mut db, "insert into readings values (3, 1, 'BROKEN')").unwrap_err();
        assert_eq!(e, "ERROR: value too long for type character varying(4)");
        assert_eq!(
            db.tables["readings"].rows.len(),
            2,
            "a refused insert changes nothing"
        );
        assert_eq!(
            execute(&mut db, "select * from nope").unwrap_err(),
            "ERROR: relation \"nope\" does not exist"
        );
        assert_eq!(
            execute(&mut db, "create table t (a jsonb)").unwrap_err(),
            "ERROR: type \"jsonb\" does not exist"
        );
    }
}
