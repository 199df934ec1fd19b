//! The `aws glue` commands: their AWS CLI v2 names, options and the API fields they fill.
//!
//! `--database-input` and `--table-input` take JSON (`'{"Name": "sales", …}'`); their
//! top-level scalar fields also work in shorthand (`Name=sales,Description=…`). Nested
//! structures and lists (a storage descriptor's columns, partition keys) need the JSON form.

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const CATALOG: Opt = Opt::optional("--catalog-id", "CatalogId", Kind::Str);
const DATABASE: Opt = Opt::required("--database-name", "DatabaseName", Kind::Str);
const NAME: Opt = Opt::required("--name", "Name", Kind::Str);
const TABLE_NAME: Opt = Opt::required("--table-name", "TableName", Kind::Str);
const MAX_RESULTS: Opt = Opt::optional("--max-results", "MaxResults", Kind::Int);
const NEXT_TOKEN: Opt = Opt::optional("--next-token", "NextToken", Kind::Str);

const COLUMN: Kind = Kind::Struct(&[
    ("Name", Kind::Str),
    ("Type", Kind::Str),
    ("Comment", Kind::Str),
]);

const DATABASE_INPUT: Kind = Kind::Struct(&[
    ("Name", Kind::Str),
    ("Description", Kind::Str),
    ("LocationUri", Kind::Str),
    ("Parameters", Kind::Map),
]);

const TABLE_INPUT: Kind = Kind::Struct(&[
    ("Name", Kind::Str),
    ("Description", Kind::Str),
    ("Owner", Kind::Str),
    ("Retention", Kind::Int),
    (
        "StorageDescriptor",
        Kind::Struct(&[
            ("Columns", COLUMN),
            ("Location", Kind::Str),
            ("InputFormat", Kind::Str),
            ("OutputFormat", Kind::Str),
            ("Compressed", Kind::Bool),
            ("NumberOfBuckets", Kind::Int),
            (
                "SerdeInfo",
                Kind::Struct(&[
                    ("Name", Kind::Str),
                    ("SerializationLibrary", Kind::Str),
                    ("Parameters", Kind::Map),
                ]),
            ),
            ("Parameters", Kind::Map),
        ]),
    ),
    ("PartitionKeys", COLUMN),
    ("TableType", Kind::Str),
    ("Parameters", Kind::Map),
]);

/// Every `aws glue` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-database",
        operation: "CreateDatabase",
        summary: "Creates a database in the Data Catalog (its name is stored in lower case).",
        opts: &[CATALOG, Opt::required("--database-input", "DatabaseInput", DATABASE_INPUT)],
    },
    Command {
        name: "create-table",
        operation: "CreateTable",
        summary: "Creates a table whose columns have Hive types (string, int, decimal(10,2), array<…>, …).",
        opts: &[CATALOG, DATABASE, Opt::required("--table-input", "TableInput", TABLE_INPUT)],
    },
    Command {
        name: "delete-database",
        operation: "DeleteDatabase",
        summary: "Deletes a database and every table in it.",
        opts: &[CATALOG, NAME],
    },
    Command {
        name: "delete-table",
        operation: "DeleteTable",
        summary: "Deletes a table and its versions.",
        opts: &[CATALOG, DATABASE, NAME],
    },
    Command {
        name: "get-database",
        operation: "GetDatabase",
        summary: "Describes a database.",
        opts: &[CATALOG, NAME],
    },
    Command {
        name: "get-databases",
        operation: "GetDatabases",
        summary: "Lists the databases of the Data Catalog.",
        opts: &[CATALOG, MAX_RESULTS, NEXT_TOKEN],
    },
    Command {
        name: "get-table",
        operation: "GetTable",
        summary: "Describes a table: its columns, storage and version.",
        opts: &[CATALOG, DATABASE, NAME],
    },
    Command {
        name: "get-table-version",
        operation: "GetTableVersion",
        summary: "Shows one version of a table (the current one without --version-id).",
        opts: &[
            CATALOG,
            DATABASE,
            TABLE_NAME,
            Opt::optional("--version-id", "VersionId", Kind::Str),
        ],
    },
    Command {
        name: "get-table-versions",
        operation: "GetTableVersions",
        summary: "Lists a table's versions, newest first.",
        opts: &[CATALOG, DATABASE, TABLE_NAME, MAX_RESULTS, NEXT_TOKEN],
    },
    Command {
        name: "get-tables",
        operation: "GetTables",
        summary: "Lists a database's tables, optionally those matching --expression.",
        opts: &[
            CATALOG,
            DATABASE,
            Opt::optional("--expression", "Expression", Kind::Str),
            MAX_RESULTS,
            NEXT_TOKEN,
        ],
    },
    Command {
        name: "update-table",
        operation: "UpdateTable",
        summary: "Replaces a table's definition, archiving the previous version.",
        opts: &[
            CATALOG,
            DATABASE,
            Opt::required("--table-input", "TableInput", TABLE_INPUT),
            Opt::optional("--skip-archive", "SkipArchive", Kind::Bool),
            Opt::optional("--version-id", "VersionId", Kind::Str),
        ],
    },
];
