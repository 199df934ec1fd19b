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
}

impl Default for TableForm {
    fn default() -> Self {
        Self {
            name: String::new(),
            location: String::new(),
            columns: vec![ColumnRow::default()],
            error: None,
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

/// DeleteTable.
pub fn delete_table_request(database: &str, table: &str) -> Request {
    Request::new(
        "Glue.DeleteTable",
        json!({"DatabaseName": database, "Name": table}),
    )
}

#[cfg(test)]
mod tests {
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
