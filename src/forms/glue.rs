//! The AWS Glue console's two forms: Add database, and Add table with its columns (each
//! column's Hive type checked as it is typed, with the engine's own parser).

use super::{Form, Request};
use crate::engine::glue::HiveType;
use crate::engine::ApiError;
use serde_json::{json, Value};

/// Add database: a name and an optional description.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatabaseForm {
    pub name: String,
    pub description: String,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DatabaseAction {
    Name(String),
    Description(String),
    /// The answer to CreateDatabase: its error, or none (then the form starts over).
    Answered(Option<ApiError>),
}

impl Form for DatabaseForm {
    type Action = DatabaseAction;

    fn apply(&mut self, action: DatabaseAction) {
        match action {
            DatabaseAction::Name(n) => self.name = n,
            DatabaseAction::Description(d) => self.description = d,
            DatabaseAction::Answered(None) => *self = Self::default(),
            DatabaseAction::Answered(Some(e)) => self.error = Some(e),
        }
    }
}

impl DatabaseForm {
    pub fn request(&self) -> Request {
        let mut input = json!({ "Name": self.name.trim() });
        if !self.description.trim().is_empty() {
            input["Description"] = json!(self.description.trim());
        }
        Request::new("Glue.CreateDatabase", json!({ "DatabaseInput": input }))
    }
}

/// One column row of Add table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnRow {
    pub name: String,
    pub type_text: String,
}

impl ColumnRow {
    /// Why the type is not a Hive type, as the learner types it (none while it is empty).
    pub fn type_problem(&self) -> Option<String> {
        let t = self.type_text.trim();
        if t.is_empty() {
            return None;
        }
        HiveType::parse(t).err().map(|e| e.to_string())
    }
}

/// Add table: a name, a data location, and its columns.
#[derive(Debug, Clone, PartialEq)]
pub struct TableForm {
    pub name: String,
    pub location: String,
    pub columns: Vec<ColumnRow>,
    pub error: Option<ApiError>,
    /// Sample JSON records to infer the columns from, and why the last try could not.
    pub samples: String,
    pub infer_problem: Option<String>,
}

impl Default for TableForm {
    fn default() -> Self {
        Self {
            name: String::new(),
            location: String::new(),
            columns: vec![ColumnRow::default()],
            error: None,
            samples: String::new(),
            infer_problem: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TableAction {
    Name(String),
    Location(String),
    ColumnName(usize, String),
    ColumnType(usize, String),
    AddColumn,
    RemoveColumn(usize),
    /// Fills the columns with the notes' sensor records' schema.
    SensorSchema,
    /// The sample records typed for "Infer schema".
    Samples(String),
    /// Fills the columns with the schema the sample records show.
    Infer,
    Answered(Option<ApiError>),
}

/// The course notes' sensor template's fields, as a Glue table has them.
pub const SENSOR_COLUMNS: [(&str, &str); 3] = [
    ("sensorid", "int"),
    ("currenttemperature", "int"),
    ("status", "string"),
];

impl Form for TableForm {
    type Action = TableAction;

    fn apply(&mut self, action: TableAction) {
        match action {
            TableAction::Name(n) => self.name = n,
            TableAction::Location(l) => self.location = l,
            TableAction::ColumnName(i, n) => {
                if let Some(c) = self.columns.get_mut(i) {
                    c.name = n;
                }
            }
            TableAction::ColumnType(i, t) => {
                if let Some(c) = self.columns.get_mut(i) {
                    c.type_text = t;
                }
            }
            TableAction::AddColumn => self.columns.push(ColumnRow::default()),
            TableAction::RemoveColumn(i) => {
                if i < self.columns.len() && self.columns.len() > 1 {
                    self.columns.remove(i);
                }
            }
            TableAction::SensorSchema => {
                self.columns = SENSOR_COLUMNS
                    .iter()
                    .map(|(n, t)| ColumnRow {
                        name: n.to_string(),
                        type_text: t.to_string(),
                    })
                    .collect();
            }
            TableAction::Samples(text) => self.samples = text,
            TableAction::Infer => match infer_columns(&self.samples) {
                Ok(columns) => {
                    self.columns = columns;
                    self.infer_problem = None;
                }
                Err(why) => self.infer_problem = Some(why),
            },
            TableAction::Answered(None) => *self = Self::default(),
            TableAction::Answered(Some(e)) => self.error = Some(e),
        }
    }
}

impl TableForm {
    /// CreateTable in `database`. Rows with neither a name nor a type are left out; the rest
    /// go as typed, so that Glue's own checks answer for them.
    pub fn request(&self, database: &str) -> Request {
        let columns: Vec<Value> = self
            .columns
            .iter()
            .filter(|c| !(c.name.trim().is_empty() && c.type_text.trim().is_empty()))
            .map(|c| json!({"Name": c.name.trim(), "Type": c.type_text.trim()}))
            .collect();
        let mut storage = json!({ "Columns": columns });
        if !self.location.trim().is_empty() {
            storage["Location"] = json!(self.location.trim());
        }
        Request::new(
            "Glue.CreateTable",
            json!({"DatabaseName": database, "TableInput": {
                "Name": self.name.trim(), "TableType": "EXTERNAL_TABLE", "StorageDescriptor": storage,
            }}),
        )
    }
}

/// The columns a set of sample JSON records show (one record per line, or objects back to
/// back): every key seen, lower-cased as Glue stores it (a record's keys in name order), each with
/// the Hive type that holds every value it had: `int` or `bigint` for whole numbers, `double`
/// once one has a fraction, `boolean`, `timestamp` for ISO 8601 date-times, `string` (also
/// when the values disagree or are all null), `array<…>` and `struct<…>` for nested values.
pub fn infer_columns(text: &str) -> Result<Vec<ColumnRow>, String> {
    let mut records = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<Value>() {
        match value {
            Ok(Value::Object(o)) => records.push(o),
            Ok(other) => {
                return Err(format!(
                    "Each sample must be a JSON object; found {}.",
                    kind_of(&other)
                ))
            }
            Err(e) => return Err(format!("The samples are not JSON: {e}.")),
        }
    }
    if records.is_empty() {
        return Err("Paste one or more JSON records to infer the schema from.".into());
    }
    let mut fields: Vec<(String, Inferred)> = Vec::new();
    for record in &records {
        for (key, value) in record {
            let name = key.to_lowercase();
            let t = infer(value);
            match fields.iter_mut().find(|(n, _)| *n == name) {
                Some((_, had)) => *had = had.clone().merge(t),
                None => fields.push((name, t)),
            }
        }
    }
    Ok(fields
        .into_iter()
        .map(|(name, t)| ColumnRow {
            name,
            type_text: t.hive(),
        })
        .collect())
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A value's type as far as the samples tell.
#[derive(Debug, Clone, PartialEq)]
enum Inferred {
    Unknown,
    Int,
    BigInt,
    Double,
    Boolean,
    Timestamp,
    String,
    Array(Box<Inferred>),
    Struct(Vec<(String, Inferred)>),
}

fn is_timestamp(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
        || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").is_ok()
        || chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f").is_ok()
}

fn infer(v: &Value) -> Inferred {
    match v {
        Value::Null => Inferred::Unknown,
        Value::Bool(_) => Inferred::Boolean,
        Value::Number(n) => match n.as_i64() {
            Some(i) if i32::try_from(i).is_ok() => Inferred::Int,
            Some(_) => Inferred::BigInt,
            None if n.as_u64().is_some() => Inferred::BigInt,
            None => Inferred::Double,
        },
        Value::String(s) if is_timestamp(s) => Inferred::Timestamp,
        Value::String(_) => Inferred::String,
        Value::Array(items) => Inferred::Array(Box::new(
            items
                .iter()
                .map(infer)
                .fold(Inferred::Unknown, Inferred::merge),
        )),
        Value::Object(o) => {
            let mut fields: Vec<(String, Inferred)> = Vec::new();
            for (k, v) in o {
                fields.push((k.to_lowercase(), infer(v)));
            }
            Inferred::Struct(fields)
        }
    }
}

impl Inferred {
    /// The type that holds values of both.
    fn merge(self, other: Inferred) -> Inferred {
        use Inferred::*;
        match (self, other) {
            (Unknown, t) | (t, Unknown) => t,
            (a, b) if a == b => a,
            (Int, BigInt) | (BigInt, Int) => BigInt,
            (Int | BigInt, Double) | (Double, Int | BigInt) => Double,
            (Array(a), Array(b)) => Array(Box::new(a.merge(*b))),
            (Struct(mut a), Struct(b)) => {
                for (k, t) in b {
                    match a.iter_mut().find(|(n, _)| *n == k) {
                        Some((_, had)) => *had = had.clone().merge(t),
                        None => a.push((k, t)),
                    }
                }
                Struct(a)
            }
            _ => String,
        }
    }

    fn hive(&self) -> std::string::String {
        match self {
            Inferred::Unknown | Inferred::String => "string".into(),
            Inferred::Int => "int".into(),
            Inferred::BigInt => "bigint".into(),
            Inferred::Double => "double".into(),
            Inferred::Boolean => "boolean".into(),
            Inferred::Timestamp => "timestamp".into(),
            Inferred::Array(t) => format!("array<{}>", t.hive()),
            Inferred::Struct(fields) => format!(
                "struct<{}>",
                fields
                    .iter()
                    .map(|(k, t)| format!("{k}:{}", t.hive()))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }
}

/// DeleteTable.
pub fn delete_table_request(database: &str, table: &str) -> Request {
    Request::new(
        "Glue.DeleteTable",
        json!({"DatabaseName": database, "Name": table}),
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_schema_is_inferred_from_sample_records() {
        let samples = r#"{"sensorId": 4, "currentTemperature": 21, "status": "OK", "at": "2026-01-01T10:00:00Z"}
{"sensorId": 5, "currentTemperature": 22.5, "status": "WARN", "tags": ["a"], "where": {"room": 3}}
{"sensorId": 3000000000, "status": null}"#;
        let cols = infer_columns(samples).unwrap();
        let got: Vec<(&str, &str)> = cols
            .iter()
            .map(|c| (c.name.as_str(), c.type_text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("at", "timestamp"),
                ("currenttemperature", "double"),
                ("sensorid", "bigint"),
                ("status", "string"),
                ("tags", "array<string>"),
                ("where", "struct<room:int>"),
            ]
        );
        for c in &cols {
            assert_eq!(c.type_problem(), None, "{}", c.type_text);
        }
        assert!(infer_columns("[1, 2]").unwrap_err().contains("JSON object"));
        assert!(infer_columns("{oops").unwrap_err().contains("not JSON"));
        assert!(infer_columns("  ").is_err());
        let mut form = TableForm::default();
        form.apply(TableAction::Samples("{\"a\": true}".into()));
        form.apply(TableAction::Infer);
        assert_eq!(form.columns[0].type_text, "boolean");
        form.apply(TableAction::Samples("nope".into()));
        form.apply(TableAction::Infer);
        assert!(form.infer_problem.is_some());
        assert_eq!(form.columns[0].name, "a");
    }

    use super::*;
    use crate::engine::Sandbox;

    fn send(sb: &mut Sandbox, r: Request) -> Result<Value, ApiError> {
        sb.call(r.target, r.body)
    }

    #[test]
    fn a_database_and_the_sensor_table_from_the_forms() {
        let mut sb = Sandbox::default();
        let mut db = DatabaseForm::default();
        db.apply(DatabaseAction::Name("Sensors".into()));
        send(&mut sb, db.request()).unwrap();
        db.apply(DatabaseAction::Answered(None));
        assert_eq!(db, DatabaseForm::default());

        let mut t = TableForm::default();
        t.apply(TableAction::Name("readings".into()));
        t.apply(TableAction::SensorSchema);
        t.apply(TableAction::AddColumn);
        t.apply(TableAction::Location(
            "s3://machinelearning-firehose-output/".into(),
        ));
        send(&mut sb, t.request("sensors")).unwrap();
        let table = sb.glue().table("sensors", "readings").unwrap();
        let names: Vec<&str> = table.columns().iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["sensorid", "currenttemperature", "status"]);
    }

    #[test]
    fn a_bad_type_is_flagged_while_typing_and_glue_refuses_it() {
        let mut t = TableForm::default();
        t.apply(TableAction::ColumnName(0, "reading".into()));
        t.apply(TableAction::ColumnType(0, "array<int".into()));
        assert!(t.columns[0].type_problem().is_some());
        t.apply(TableAction::ColumnType(0, "array<int>".into()));
        assert_eq!(t.columns[0].type_problem(), None);
        t.apply(TableAction::ColumnType(0, "integer".into()));
        let mut sb = Sandbox::default();
        sb.call(
            "Glue.CreateDatabase",
            json!({"DatabaseInput": {"Name": "d"}}),
        )
        .unwrap();
        t.apply(TableAction::Name("t".into()));
        let e = send(&mut sb, t.request("d")).unwrap_err();
        assert_eq!(e.error_type(), "InvalidInputException");
        t.apply(TableAction::Answered(Some(e)));
        assert!(t.error.is_some());
        // The last column stays: a table needs a row to type into.
        t.apply(TableAction::RemoveColumn(0));
        assert_eq!(t.columns.len(), 1);
    }
}
