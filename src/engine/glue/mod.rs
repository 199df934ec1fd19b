//! AWS Glue Data Catalog (`Glue.*`, boto3's operation and field names): databases and their
//! tables, whose columns are typed Hive types ([`HiveType`]), with the table versions
//! `UpdateTable` archives. Firehose's record format conversion reads a table's schema
//! through [`Glue::table`].
//!
//! AWS's own JSON target prefix is `AWSGlue` (`AWSGlue.CreateTable`); like `S3` and `IAM`
//! here, the sandbox names the service as boto3 does, `Glue`.
//!
//! As Glue does for Hive compatibility, database and table names are stored in lower case
//! and looked up case-insensitively. Unlike Glue, a column must have a `Type`, and that type
//! must parse as a Hive type: the conversion to Parquet and ORC needs the schema.

pub mod cli;
pub mod hive;
mod ops;

pub use hive::{HiveType, HiveTypeError};

use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service};
use super::{Sandbox, SimTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a Glue operation sees: the clock, the account and the catalog.
pub(crate) type Cx<'a> = Ctx<'a, Glue>;

/// Every database of the account's Data Catalog.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Glue {
    databases: BTreeMap<String, Database>,
}

/// A Data Catalog database and its tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Database {
    /// Lower case.
    pub name: String,
    pub description: Option<String>,
    pub location_uri: Option<String>,
    pub parameters: BTreeMap<String, String>,
    pub created: SimTime,
    tables: BTreeMap<String, TableHistory>,
}

/// A table as it is now and the versions `UpdateTable` archived, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TableHistory {
    current: Table,
    archived: Vec<Table>,
}

/// One version of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Lower case.
    pub name: String,
    /// Lower case.
    pub database_name: String,
    pub description: Option<String>,
    pub owner: Option<String>,
    pub created: SimTime,
    pub updated: SimTime,
    pub retention: i64,
    pub storage: Option<StorageDescriptor>,
    pub partition_keys: Vec<Column>,
    /// `EXTERNAL_TABLE`, `VIRTUAL_VIEW`, … as given.
    pub table_type: Option<String>,
    pub parameters: BTreeMap<String, String>,
    /// 0 when created, one more at each `UpdateTable`.
    pub version: u64,
}

impl Table {
    /// The data columns (the storage descriptor's), without the partition keys.
    pub fn columns(&self) -> &[Column] {
        self.storage.as_ref().map_or(&[], |s| &s.columns)
    }

    /// The data columns followed by the partition keys: the full row schema.
    pub fn schema(&self) -> impl Iterator<Item = &Column> {
        self.columns().iter().chain(&self.partition_keys)
    }
}

/// Where and how a table's data is stored.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StorageDescriptor {
    pub columns: Vec<Column>,
    pub location: Option<String>,
    pub input_format: Option<String>,
    pub output_format: Option<String>,
    pub compressed: bool,
    pub number_of_buckets: Option<i64>,
    pub serde_info: Option<SerdeInfo>,
    pub parameters: BTreeMap<String, String>,
    pub stored_as_sub_directories: bool,
}

/// The serializer/deserializer of a table's files.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SerdeInfo {
    pub name: Option<String>,
    pub serialization_library: Option<String>,
    pub parameters: BTreeMap<String, String>,
}

/// A column with its parsed type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SavedColumn", into = "SavedColumn")]
pub struct Column {
    pub name: String,
    /// The `Type` string as given (answers return it unchanged).
    pub type_text: String,
    pub hive_type: HiveType,
    pub comment: Option<String>,
}

/// A column as saved: its type as text, parsed again on load, so the save does not depend
/// on [`HiveType`]'s shape.
#[derive(Serialize, Deserialize)]
struct SavedColumn {
    name: String,
    #[serde(rename = "type")]
    type_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

impl From<Column> for SavedColumn {
    fn from(c: Column) -> Self {
        SavedColumn {
            name: c.name,
            type_text: c.type_text,
            comment: c.comment,
        }
    }
}

impl TryFrom<SavedColumn> for Column {
    type Error = String;

    fn try_from(c: SavedColumn) -> Result<Self, String> {
        let hive_type = HiveType::parse(&c.type_text)
            .map_err(|e| format!("column {}: type '{}': {e}", c.name, c.type_text))?;
        Ok(Column {
            name: c.name,
            type_text: c.type_text,
            hive_type,
            comment: c.comment,
        })
    }
}

impl Glue {
    pub fn databases(&self) -> impl Iterator<Item = &Database> {
        self.databases.values()
    }

    /// The database `name` (any case).
    pub fn database(&self, name: &str) -> Option<&Database> {
        self.databases.get(&name.to_lowercase())
    }

    /// The current version of table `name` in database `db` (any case).
    pub fn table(&self, db: &str, name: &str) -> Option<&Table> {
        self.database(db)?.table(name)
    }

    /// Version `version` of a table, current or archived (Firehose's schema configuration
    /// may name one instead of `LATEST`).
    pub fn table_version(&self, db: &str, name: &str, version: u64) -> Option<&Table> {
        self.table_versions(db, name)?
            .find(|t| t.version == version)
    }

    /// Every version of a table, oldest first, the current one last.
    pub fn table_versions(&self, db: &str, name: &str) -> Option<impl Iterator<Item = &Table>> {
        let h = self.database(db)?.tables.get(&name.to_lowercase())?;
        Some(h.archived.iter().chain(std::iter::once(&h.current)))
    }
}

impl Database {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.tables.values().map(|h| &h.current)
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(&name.to_lowercase()).map(|h| &h.current)
    }
}

impl Sandbox {
    /// The Glue Data Catalog, for the pages and for Firehose's format conversion.
    pub fn glue(&self) -> &Glue {
        &self.glue
    }
}

/// The Glue Data Catalog in the registry.
pub const SERVICE: Service = Service {
    prefix: "Glue",
    operations: &[
        changes("CreateDatabase", |sb, body| {
            ops::create_database(&mut sb.ctx(), body)
        }),
        reads("GetDatabase", |sb, body| {
            ops::get_database(&mut sb.ctx(), body)
        }),
        reads("GetDatabases", |sb, body| {
            ops::get_databases(&mut sb.ctx(), body)
        }),
        changes("DeleteDatabase", |sb, body| {
            ops::delete_database(&mut sb.ctx(), body)
        }),
        changes("CreateTable", |sb, body| {
            ops::create_table(&mut sb.ctx(), body)
        }),
        reads("GetTable", |sb, body| ops::get_table(&mut sb.ctx(), body)),
        reads("GetTables", |sb, body| ops::get_tables(&mut sb.ctx(), body)),
        changes("UpdateTable", |sb, body| {
            ops::update_table(&mut sb.ctx(), body)
        }),
        reads("GetTableVersions", |sb, body| {
            ops::get_table_versions(&mut sb.ctx(), body)
        }),
        reads("GetTableVersion", |sb, body| {
            ops::get_table_version(&mut sb.ctx(), body)
        }),
        changes("DeleteTable", |sb, body| {
            ops::delete_table(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["Name", "TableName", "DatabaseName"],
    on_time_passed: None,
    cli: Some(CliService {
        name: "glue",
        commands: cli::COMMANDS,
    }),
};

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_reads_find_any_case_and_any_version() {
        let mut sb = Sandbox::default();
        sb.call(
            "Glue.CreateDatabase",
            json!({"DatabaseInput": {"Name": "Lake"}}),
        )
        .unwrap();
        let table = |ty: &str| {
            json!({"DatabaseName": "LAKE", "TableInput": {
                "Name": "Clicks",
                "StorageDescriptor": {"Columns": [{"Name": "Id", "Type": ty}]},
                "PartitionKeys": [{"Name": "dt", "Type": "date"}]
            }})
        };
        sb.call("Glue.CreateTable", table("int")).unwrap();
        sb.call("Glue.UpdateTable", table("BIGINT")).unwrap();
        let glue = sb.glue();
        assert_eq!(glue.databases().count(), 1);
        let t = glue.table("lake", "CLICKS").unwrap();
        assert_eq!(
            (t.name.as_str(), t.database_name.as_str()),
            ("clicks", "lake")
        );
        assert_eq!(t.version, 1);
        // The type is kept as written and parsed; the column name as given.
        assert_eq!(t.columns()[0].name, "Id");
        assert_eq!(t.columns()[0].type_text, "BIGINT");
        assert_eq!(t.columns()[0].hive_type, HiveType::BigInt);
        assert_eq!(t.schema().count(), 2);
        let v0 = glue.table_version("Lake", "clicks", 0).unwrap();
        assert_eq!(v0.columns()[0].hive_type, HiveType::Int);
        assert!(glue.table_version("lake", "clicks", 2).is_none());
        assert!(glue.table("lake", "nope").is_none());
        assert!(glue.table("nope", "clicks").is_none());
    }

    #[test]
    fn columns_are_saved_as_type_text() {
        let c = Column {
            name: "items".into(),
            type_text: "ARRAY<INT>".into(),
            hive_type: HiveType::Array(Box::new(HiveType::Int)),
            comment: None,
        };
        let saved = serde_json::to_value(&c).unwrap();
        assert_eq!(saved, json!({"name": "items", "type": "ARRAY<INT>"}));
        assert_eq!(serde_json::from_value::<Column>(saved).unwrap(), c);
        let bad = serde_json::from_value::<Column>(json!({"name": "x", "type": "nope"}));
        assert!(bad.unwrap_err().to_string().contains("unknown type 'nope'"));
    }
}
