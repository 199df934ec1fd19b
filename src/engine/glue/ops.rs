//! The Glue operations: request bodies in, AWS's response shapes out.

use super::Cx;
use super::{Column, Database, HiveType, SerdeInfo, StorageDescriptor, Table, TableHistory};
use crate::engine::body::Body;
use crate::engine::{ApiError, ErrorKind, SimTime, Validation};
use base64::Engine as _;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Glue's pattern for names and most strings: a single line (no control characters but tab).
const SINGLE_LINE: &str = "[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF\\t]*";
/// Longest database, table and column name.
const MAX_NAME: usize = 255;
/// Longest description of a database or table.
const MAX_DESCRIPTION: usize = 2048;
/// Longest column comment.
const MAX_COMMENT: usize = 255;
/// Longest column type string.
const MAX_TYPE: usize = 131_072;
/// Longest `LocationUri` of a database.
const MAX_LOCATION_URI: usize = 1024;
/// `MaxResults` of the Get…s operations: 1 to 100, 100 when not given.
const MAX_RESULTS: i64 = 100;

fn single_line(c: char) -> bool {
    c == '\t' || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

fn not_found(message: String) -> ApiError {
    ApiError::new(ErrorKind::EntityNotFoundException, message)
}

fn invalid_input(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidInputException, message)
}

fn database_not_found(name: &str) -> ApiError {
    not_found(format!("Database {name} not found."))
}

fn table_not_found(name: &str) -> ApiError {
    not_found(format!("Table {name} not found."))
}

/// A required name at `path`, checked for length and pattern; lower-cased.
fn name_at(v: &mut Validation, value: Option<&str>, path: &str) -> Option<String> {
    let value = v.required(value, path)?;
    v.name(value, path, MAX_NAME, SINGLE_LINE, single_line);
    Some(value.to_lowercase())
}

/// An optional string at `path`, at most `max` characters on one line.
fn text_at<'a>(
    v: &mut Validation,
    value: Option<&'a str>,
    path: &str,
    max: usize,
) -> Option<&'a str> {
    let value = value?;
    if value.chars().count() > max {
        v.fail(
            Some(value),
            path,
            &format!("Member must have length less than or equal to {max}"),
        );
    }
    if !value.chars().all(single_line) {
        v.fail(
            Some(value),
            path,
            &format!("Member must satisfy regular expression pattern: {SINGLE_LINE}"),
        );
    }
    Some(value)
}

/// The sandbox has one Data Catalog, the account's own.
fn check_catalog(cx: &Cx<'_>, body: Body) -> Result<(), ApiError> {
    match body.string("CatalogId")? {
        Some(id) if id != cx.config.account_id => Err(ApiError::new(
            ErrorKind::AccessDeniedException,
            format!(
                "Catalog {id} belongs to another account; the sandbox only has catalog {}.",
                cx.config.account_id
            ),
        )),
        _ => Ok(()),
    }
}

/// A map of strings (`Parameters`).
fn string_map(body: Body, field: &str) -> Result<BTreeMap<String, String>, ApiError> {
    let Some(map) = body.object(field)? else {
        return Ok(BTreeMap::new());
    };
    let mut out = BTreeMap::new();
    for key in map.0.keys() {
        if let Some(value) = map.string(key)? {
            out.insert(key.clone(), value.to_string());
        }
    }
    Ok(out)
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

fn max_results(v: &mut Validation, body: Body) -> Result<usize, ApiError> {
    let n = body.integer("MaxResults")?.unwrap_or(MAX_RESULTS);
    v.range(n, "maxResults", 1, MAX_RESULTS);
    Ok(n.clamp(1, MAX_RESULTS) as usize)
}

/// One page of `items` (sorted by their keys) after the page `token` ended, and the token of
/// the next page. A token is the last key returned, base64-encoded. Answers are built for
/// the page only.
fn page<T>(
    items: impl Iterator<Item = (String, T)>,
    token: Option<&str>,
    max: usize,
) -> Result<(Vec<T>, Option<String>), ApiError> {
    let engine = base64::engine::general_purpose::STANDARD;
    let after = match token {
        None => None,
        Some(t) => Some(
            engine
                .decode(t)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| invalid_input("Invalid pagination token."))?,
        ),
    };
    let mut out = Vec::new();
    let mut last: Option<String> = None;
    for (key, item) in items {
        if after.as_ref().is_some_and(|a| key <= *a) {
            continue;
        }
        if out.len() == max {
            return Ok((out, last.map(|k| engine.encode(k))));
        }
        last = Some(key);
        out.push(item);
    }
    Ok((out, None))
}

fn database_json(cx: &Cx<'_>, db: &Database) -> Value {
    let mut out = json!({
        "Name": db.name,
        "Parameters": db.parameters,
        "CreateTime": db.created.epoch_seconds(),
        "CreateTableDefaultPermissions": [{
            "Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"},
            "Permissions": ["ALL"],
        }],
        "CatalogId": cx.config.account_id,
    });
    if let Some(d) = &db.description {
        out["Description"] = json!(d);
    }
    if let Some(l) = &db.location_uri {
        out["LocationUri"] = json!(l);
    }
    out
}

fn column_json(c: &Column) -> Value {
    let mut out = json!({"Name": c.name, "Type": c.type_text});
    if let Some(comment) = &c.comment {
        out["Comment"] = json!(comment);
    }
    out
}

fn put_opt(out: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        out.insert(key.to_string(), json!(v));
    }
}

fn storage_json(s: &StorageDescriptor) -> Value {
    let mut out = Map::new();
    out.insert(
        "Columns".into(),
        s.columns.iter().map(column_json).collect(),
    );
    put_opt(&mut out, "Location", &s.location);
    put_opt(&mut out, "InputFormat", &s.input_format);
    put_opt(&mut out, "OutputFormat", &s.output_format);
    out.insert("Compressed".into(), json!(s.compressed));
    if let Some(n) = s.number_of_buckets {
        out.insert("NumberOfBuckets".into(), json!(n));
    }
    if let Some(serde) = &s.serde_info {
        let mut info = Map::new();
        put_opt(&mut info, "Name", &serde.name);
        put_opt(
            &mut info,
            "SerializationLibrary",
            &serde.serialization_library,
        );
        info.insert("Parameters".into(), json!(serde.parameters));
        out.insert("SerdeInfo".into(), Value::Object(info));
    }
    out.insert("Parameters".into(), json!(s.parameters));
    out.insert(
        "StoredAsSubDirectories".into(),
        json!(s.stored_as_sub_directories),
    );
    Value::Object(out)
}

fn table_json(cx: &Cx<'_>, t: &Table) -> Value {
    let mut out = Map::new();
    out.insert("Name".into(), json!(t.name));
    out.insert("DatabaseName".into(), json!(t.database_name));
    put_opt(&mut out, "Description", &t.description);
    put_opt(&mut out, "Owner", &t.owner);
    out.insert("CreateTime".into(), json!(t.created.epoch_seconds()));
    out.insert("UpdateTime".into(), json!(t.updated.epoch_seconds()));
    out.insert("Retention".into(), json!(t.retention));
    if let Some(s) = &t.storage {
        out.insert("StorageDescriptor".into(), storage_json(s));
    }
    out.insert(
        "PartitionKeys".into(),
        t.partition_keys.iter().map(column_json).collect(),
    );
    put_opt(&mut out, "TableType", &t.table_type);
    out.insert("Parameters".into(), json!(t.parameters));
    out.insert("IsRegisteredWithLakeFormation".into(), json!(false));
    out.insert("CatalogId".into(), json!(cx.config.account_id));
    out.insert("VersionId".into(), json!(t.version.to_string()));
    Value::Object(out)
}

fn version_json(cx: &Cx<'_>, t: &Table) -> Value {
    json!({"Table": table_json(cx, t), "VersionId": t.version.to_string()})
}

// ---- Databases ----

pub(super) fn create_database(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let mut v = Validation::new();
    let input = v.required(body.object("DatabaseInput")?, "databaseInput");
    let mut name = None;
    let (mut description, mut location) = (None, None);
    if let Some(input) = input {
        name = name_at(&mut v, input.string("Name")?, "databaseInput.name");
        description = text_at(
            &mut v,
            input.string("Description")?,
            "databaseInput.description",
            MAX_DESCRIPTION,
        );
        location = text_at(
            &mut v,
            input.string("LocationUri")?,
            "databaseInput.locationUri",
            MAX_LOCATION_URI,
        );
    }
    v.finish()?;
    let (Some(input), Some(name)) = (input, name) else {
        unreachable!("validated above");
    };
    let parameters = string_map(input, "Parameters")?;
    if cx.state.databases.contains_key(&name) {
        return Err(ApiError::new(
            ErrorKind::AlreadyExistsException,
            "Database already exists.",
        ));
    }
    let db = Database {
        name: name.clone(),
        description: opt(description),
        location_uri: opt(location),
        parameters,
        created: cx.now,
        tables: BTreeMap::new(),
    };
    cx.state.databases.insert(name, db);
    Ok(json!({}))
}

fn database_name(body: Body, field: &str, path: &str) -> Result<String, ApiError> {
    let mut v = Validation::new();
    let name = name_at(&mut v, body.string(field)?, path);
    v.finish()?;
    Ok(name.unwrap_or_default())
}

pub(super) fn get_database(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let name = database_name(body, "Name", "name")?;
    let db = cx
        .state
        .databases
        .get(&name)
        .ok_or_else(|| database_not_found(&name))?;
    Ok(json!({ "Database": database_json(cx, db) }))
}

pub(super) fn get_databases(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let mut v = Validation::new();
    let max = max_results(&mut v, body)?;
    v.finish()?;
    let items = cx.state.databases.iter().map(|(k, db)| (k.clone(), db));
    let (list, next) = page(items, body.string("NextToken")?, max)?;
    let list: Vec<Value> = list.into_iter().map(|db| database_json(cx, db)).collect();
    let mut out = json!({ "DatabaseList": list });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn delete_database(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let name = database_name(body, "Name", "name")?;
    // Its tables and their versions go with it, as on AWS.
    cx.state
        .databases
        .remove(&name)
        .ok_or_else(|| database_not_found(&name))?;
    Ok(json!({}))
}

// ---- Tables ----

/// `columns` at `path` (`tableInput.storageDescriptor.columns`): validation failures go to
/// `v`, the first type that is not a Hive type to `bad_type`.
fn columns(
    v: &mut Validation,
    bad_type: &mut Option<ApiError>,
    items: Option<&Vec<Value>>,
    path: &str,
) -> Result<Vec<Column>, ApiError> {
    let mut out = Vec::new();
    for (i, item) in items.into_iter().flatten().enumerate() {
        let c = Body::of(item).map_err(|_| {
            ApiError::serialization(Some(
                "Start of structure or map expected where a column was given.".into(),
            ))
        })?;
        let at = format!("{path}.{}.member", i + 1);
        let name = v.required(c.string("Name")?, &format!("{at}.name"));
        if let Some(n) = name {
            v.name(n, &format!("{at}.name"), MAX_NAME, SINGLE_LINE, single_line);
        }
        let comment = text_at(
            v,
            c.string("Comment")?,
            &format!("{at}.comment"),
            MAX_COMMENT,
        );
        let type_text = text_at(v, c.string("Type")?, &format!("{at}.type"), MAX_TYPE);
        let (Some(name), true) = (name, bad_type.is_none()) else {
            continue;
        };
        let hive_type = match type_text.map(HiveType::parse) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                *bad_type = Some(invalid_input(format!(
                    "Column '{name}' has an invalid type '{}': {e}.",
                    type_text.unwrap_or_default()
                )));
                continue;
            }
            None => {
                *bad_type = Some(invalid_input(format!(
                    "Column '{name}' has no Type; every column needs a Hive type."
                )));
                continue;
            }
        };
        out.push(Column {
            name: name.to_string(),
            type_text: type_text.unwrap_or_default().to_string(),
            hive_type,
            comment: opt(comment),
        });
    }
    Ok(out)
}

/// Reads `DatabaseName` and `TableInput`, validating both: the table as given, created and
/// updated `now`, version 0 (the caller sets those when it replaces a table).
fn table_request(body: Body, now: SimTime) -> Result<(String, Table), ApiError> {
    let mut v = Validation::new();
    let db = name_at(&mut v, body.string("DatabaseName")?, "databaseName");
    let input = v.required(body.object("TableInput")?, "tableInput");
    let Some(input) = input else {
        v.finish()?;
        unreachable!("tableInput is required");
    };
    let name = name_at(&mut v, input.string("Name")?, "tableInput.name");
    let description = opt(text_at(
        &mut v,
        input.string("Description")?,
        "tableInput.description",
        MAX_DESCRIPTION,
    ));
    let owner = opt(text_at(
        &mut v,
        input.string("Owner")?,
        "tableInput.owner",
        MAX_NAME,
    ));
    let retention = input.integer("Retention")?.unwrap_or(0);
    v.range(retention, "tableInput.retention", 0, i64::from(i32::MAX));
    let table_type = opt(text_at(
        &mut v,
        input.string("TableType")?,
        "tableInput.tableType",
        MAX_NAME,
    ));
    let parameters = string_map(input, "Parameters")?;
    let mut bad_type = None;
    let storage = match input.object("StorageDescriptor")? {
        None => None,
        Some(s) => {
            let cols = columns(
                &mut v,
                &mut bad_type,
                s.list("Columns")?,
                "tableInput.storageDescriptor.columns",
            )?;
            let serde_info = match s.object("SerdeInfo")? {
                None => None,
                Some(i) => Some(SerdeInfo {
                    name: opt(i.string("Name")?),
                    serialization_library: opt(i.string("SerializationLibrary")?),
                    parameters: string_map(i, "Parameters")?,
                }),
            };
            Some(StorageDescriptor {
                columns: cols,
                location: opt(s.string("Location")?),
                input_format: opt(s.string("InputFormat")?),
                output_format: opt(s.string("OutputFormat")?),
                compressed: s.boolean("Compressed")?.unwrap_or(false),
                number_of_buckets: s.integer("NumberOfBuckets")?,
                serde_info,
                parameters: string_map(s, "Parameters")?,
                stored_as_sub_directories: s.boolean("StoredAsSubDirectories")?.unwrap_or(false),
            })
        }
    };
    let partition_keys = columns(
        &mut v,
        &mut bad_type,
        input.list("PartitionKeys")?,
        "tableInput.partitionKeys",
    )?;
    v.finish()?;
    if let Some(e) = bad_type {
        return Err(e);
    }
    let (Some(db), Some(name)) = (db, name) else {
        unreachable!("validated above");
    };
    // Hive refuses a name twice in one table, partition keys included, ignoring case.
    let all = storage
        .iter()
        .flat_map(|s| &s.columns)
        .chain(&partition_keys);
    let mut seen = Vec::new();
    for c in all {
        let lower = c.name.to_lowercase();
        if seen.contains(&lower) {
            return Err(invalid_input(format!(
                "Duplicate column name '{}' in table '{name}'.",
                c.name
            )));
        }
        seen.push(lower);
    }
    let table = Table {
        name,
        database_name: db.clone(),
        description,
        owner,
        created: now,
        updated: now,
        retention,
        storage,
        partition_keys,
        table_type,
        parameters,
        version: 0,
    };
    Ok((db, table))
}

fn database_mut<'a>(cx: &'a mut Cx<'_>, name: &str) -> Result<&'a mut Database, ApiError> {
    cx.state
        .databases
        .get_mut(name)
        .ok_or_else(|| database_not_found(name))
}

pub(super) fn create_table(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let (db_name, table) = table_request(body, cx.now)?;
    let db = database_mut(cx, &db_name)?;
    if db.tables.contains_key(&table.name) {
        return Err(ApiError::new(
            ErrorKind::AlreadyExistsException,
            "Table already exists.",
        ));
    }
    db.tables.insert(
        table.name.clone(),
        TableHistory {
            current: table,
            archived: Vec::new(),
        },
    );
    Ok(json!({}))
}

/// `DatabaseName` and the table's name at `field` (`Name` or `TableName`), lower-cased.
fn table_key(body: Body, field: &str, path: &str) -> Result<(String, String), ApiError> {
    let mut v = Validation::new();
    let db = name_at(&mut v, body.string("DatabaseName")?, "databaseName");
    let name = name_at(&mut v, body.string(field)?, path);
    v.finish()?;
    Ok((db.unwrap_or_default(), name.unwrap_or_default()))
}

fn history<'a>(cx: &'a Cx<'_>, db: &str, name: &str) -> Result<&'a TableHistory, ApiError> {
    cx.state
        .databases
        .get(db)
        .ok_or_else(|| database_not_found(db))?
        .tables
        .get(name)
        .ok_or_else(|| table_not_found(name))
}

pub(super) fn get_table(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let (db, name) = table_key(body, "Name", "name")?;
    let h = history(cx, &db, &name)?;
    Ok(json!({ "Table": table_json(cx, &h.current) }))
}

pub(super) fn get_tables(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let mut v = Validation::new();
    let db_name = name_at(&mut v, body.string("DatabaseName")?, "databaseName");
    let expression = text_at(
        &mut v,
        body.string("Expression")?,
        "expression",
        MAX_DESCRIPTION,
    );
    let max = max_results(&mut v, body)?;
    v.finish()?;
    let db_name = db_name.unwrap_or_default();
    let db = cx
        .state
        .databases
        .get(&db_name)
        .ok_or_else(|| database_not_found(&db_name))?;
    let pattern = expression.map(Pattern::new);
    let items = db
        .tables
        .iter()
        .filter(|(k, _)| pattern.as_ref().is_none_or(|p| p.matches(k)))
        .map(|(k, h)| (k.clone(), &h.current));
    let (list, next) = page(items, body.string("NextToken")?, max)?;
    let list: Vec<Value> = list.into_iter().map(|t| table_json(cx, t)).collect();
    let mut out = json!({ "TableList": list });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn update_table(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let skip_archive = body.boolean("SkipArchive")?.unwrap_or(false);
    let expected = body.string("VersionId")?;
    let (db_name, mut table) = table_request(body, cx.now)?;
    let db = database_mut(cx, &db_name)?;
    let h = db
        .tables
        .get_mut(&table.name)
        .ok_or_else(|| table_not_found(&table.name))?;
    if expected.is_some_and(|e| e != h.current.version.to_string()) {
        return Err(ApiError::new(
            ErrorKind::ConcurrentModificationException,
            format!(
                "Update table failed due to concurrent modifications: the table's version is {}, not {}.",
                h.current.version,
                expected.unwrap_or_default()
            ),
        ));
    }
    table.created = h.current.created;
    table.version = h.current.version + 1;
    let previous = std::mem::replace(&mut h.current, table);
    if !skip_archive {
        h.archived.push(previous);
    }
    Ok(json!({}))
}

pub(super) fn get_table_versions(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let mut v = Validation::new();
    let db = name_at(&mut v, body.string("DatabaseName")?, "databaseName");
    let name = name_at(&mut v, body.string("TableName")?, "tableName");
    let max = max_results(&mut v, body)?;
    v.finish()?;
    let (db, name) = (db.unwrap_or_default(), name.unwrap_or_default());
    let h = history(cx, &db, &name)?;
    // Newest first; the key sorts in that order.
    let items = std::iter::once(&h.current)
        .chain(h.archived.iter().rev())
        .map(|t| (format!("{:020}", u64::MAX - t.version), t));
    let (list, next) = page(items, body.string("NextToken")?, max)?;
    let list: Vec<Value> = list.into_iter().map(|t| version_json(cx, t)).collect();
    let mut out = json!({ "TableVersions": list });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn get_table_version(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let (db, name) = table_key(body, "TableName", "tableName")?;
    let wanted = body.string("VersionId")?;
    let h = history(cx, &db, &name)?;
    let t = match wanted {
        None => &h.current,
        Some(text) => {
            let n: u64 = text
                .parse()
                .map_err(|_| invalid_input(format!("VersionId '{text}' is not a number.")))?;
            std::iter::once(&h.current)
                .chain(&h.archived)
                .find(|t| t.version == n)
                .ok_or_else(|| not_found(format!("Version {n} of table {name} not found.")))?
        }
    };
    Ok(json!({ "TableVersion": version_json(cx, t) }))
}

pub(super) fn delete_table(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    check_catalog(cx, body)?;
    let (db_name, name) = table_key(body, "Name", "name")?;
    database_mut(cx, &db_name)?
        .tables
        .remove(&name)
        .ok_or_else(|| table_not_found(&name))?;
    Ok(json!({}))
}

/// `GetTables`' `Expression`, read as Hive reads a table pattern: `*` (or `.*`) is any run
/// of characters, `.` any one character, `|` separates alternatives; the whole name must
/// match, ignoring case.
pub(super) struct Pattern(Vec<Vec<Token>>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    Char(char),
    Any,
    AnyRun,
}

impl Pattern {
    pub(super) fn new(text: &str) -> Pattern {
        let alternatives = text
            .split('|')
            .map(|alt| {
                let mut tokens = Vec::new();
                let mut chars = alt.trim().chars().peekable();
                while let Some(c) = chars.next() {
                    tokens.push(match c {
                        '.' if chars.peek() == Some(&'*') => {
                            chars.next();
                            Token::AnyRun
                        }
                        '*' => Token::AnyRun,
                        '.' => Token::Any,
                        c => Token::Char(c.to_ascii_lowercase()),
                    });
                }
                tokens
            })
            .collect();
        Pattern(alternatives)
    }

    pub(super) fn matches(&self, name: &str) -> bool {
        let name: Vec<char> = name.chars().map(|c| c.to_ascii_lowercase()).collect();
        self.0.iter().any(|alt| matches_at(alt, &name))
    }
}

fn matches_at(tokens: &[Token], name: &[char]) -> bool {
    match tokens.split_first() {
        None => name.is_empty(),
        Some((Token::AnyRun, rest)) => (0..=name.len()).any(|i| matches_at(rest, &name[i..])),
        Some((Token::Any, rest)) => !name.is_empty() && matches_at(rest, &name[1..]),
        Some((Token::Char(c), rest)) => name.first() == Some(c) && matches_at(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::Pattern;

    #[test]
    fn table_patterns_read_like_hive() {
        let names = ["sales_2024", "sales_2025", "orders", "Sales"];
        let hits = |p: &str| -> Vec<&str> {
            let p = Pattern::new(p);
            names.iter().copied().filter(|n| p.matches(n)).collect()
        };
        assert_eq!(hits("sales*"), ["sales_2024", "sales_2025", "Sales"]);
        assert_eq!(hits("sales.*"), ["sales_2024", "sales_2025", "Sales"]);
        assert_eq!(hits("*2025|orders"), ["sales_2025", "orders"]);
        assert_eq!(hits("sales_202."), ["sales_2024", "sales_2025"]);
        assert_eq!(hits("order"), Vec::<&str>::new());
        assert_eq!(hits("*"), names);
    }
}
