//! The Glue Data Catalog through `Sandbox::call` and the AWS CLI: databases, tables with Hive
//! column types, versions, every error each operation gives, determinism.

use kinesis_sandbox::cli;
use kinesis_sandbox::engine::glue::HiveType;
use kinesis_sandbox::engine::{ApiError, Sandbox};
use serde_json::{json, Value};
use std::time::Duration;

fn call(sb: &mut Sandbox, op: &str, body: Value) -> Value {
    sb.call(&format!("Glue.{op}"), body)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn fail(sb: &mut Sandbox, op: &str, body: Value) -> ApiError {
    match sb.call(&format!("Glue.{op}"), body) {
        Ok(v) => panic!("{op} answered {v}"),
        Err(e) => e,
    }
}

fn assert_error(e: &ApiError, kind: &str, message: &str) {
    assert_eq!(e.error_type(), kind, "{e}");
    assert_eq!(e.message(), Some(message), "{e}");
}

fn events_input(name: &str) -> Value {
    json!({
        "Name": name,
        "Description": "Clickstream events",
        "StorageDescriptor": {
            "Columns": [
                {"Name": "event_id", "Type": "string"},
                {"Name": "ts", "Type": "timestamp", "Comment": "event time"},
                {"Name": "price", "Type": "decimal(10,2)"},
                {"Name": "tags", "Type": "map<string,array<string>>"},
                {"Name": "device", "Type": "struct<os:string,version:int>"}
            ],
            "Location": "s3://lake/events/",
            "InputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "OutputFormat": "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            "SerdeInfo": {
                "SerializationLibrary": "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
                "Parameters": {"serialization.format": "1"}
            }
        },
        "PartitionKeys": [{"Name": "dt", "Type": "date"}],
        "TableType": "EXTERNAL_TABLE",
        "Parameters": {"classification": "parquet"}
    })
}

/// A sandbox with database `analytics` and its table `events`.
fn catalog() -> Sandbox {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "analytics", "Description": "the lake"}}),
    );
    call(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": events_input("events")}),
    );
    sb
}

#[test]
fn databases_are_created_read_listed_and_deleted() {
    let mut sb = Sandbox::default();
    let out = call(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "Sales", "LocationUri": "s3://lake/sales/",
                                 "Parameters": {"owner": "ml"}}}),
    );
    assert_eq!(out, json!({}));
    let created = sb.now().epoch_seconds();
    let db = call(&mut sb, "GetDatabase", json!({"Name": "SALES"}));
    assert_eq!(
        db,
        json!({"Database": {
            "Name": "sales",
            "LocationUri": "s3://lake/sales/",
            "Parameters": {"owner": "ml"},
            "CreateTime": created,
            "CreateTableDefaultPermissions": [{
                "Principal": {"DataLakePrincipalIdentifier": "IAM_ALLOWED_PRINCIPALS"},
                "Permissions": ["ALL"]
            }],
            "CatalogId": "123456789012"
        }})
    );
    call(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "archive"}}),
    );
    let list = call(&mut sb, "GetDatabases", json!({}));
    let names: Vec<_> = list["DatabaseList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["archive", "sales"]);
    assert!(list.get("NextToken").is_none());
    assert_eq!(sb.glue().database("Sales").unwrap().name, "sales");
    call(&mut sb, "DeleteDatabase", json!({"Name": "Sales"}));
    assert!(sb.glue().database("sales").is_none());
    let list = call(&mut sb, "GetDatabases", json!({}));
    assert_eq!(list["DatabaseList"].as_array().unwrap().len(), 1);
}

#[test]
fn database_errors() {
    let mut sb = catalog();
    let e = fail(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "ANALYTICS"}}),
    );
    assert_error(&e, "AlreadyExistsException", "Database already exists.");
    let e = fail(&mut sb, "CreateDatabase", json!({}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'databaseInput' failed to satisfy \
         constraint: Member must not be null",
    );
    let e = fail(&mut sb, "CreateDatabase", json!({"DatabaseInput": {}}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'databaseInput.name' failed to satisfy \
         constraint: Member must not be null",
    );
    let long = "a".repeat(256);
    let e = fail(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": long}}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e
        .message()
        .unwrap()
        .ends_with("Member must have length less than or equal to 255"));
    let e = fail(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "two\nlines"}}),
    );
    assert!(e
        .message()
        .unwrap()
        .contains("Member must satisfy regular expression pattern"));
    let e = fail(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": 7}}),
    );
    assert_eq!(e.error_type(), "SerializationException");
    let e = fail(
        &mut sb,
        "CreateDatabase",
        json!({"CatalogId": "999999999999", "DatabaseInput": {"Name": "x"}}),
    );
    assert_eq!(e.error_type(), "AccessDeniedException");
    // The account's own catalog id is accepted.
    call(
        &mut sb,
        "CreateDatabase",
        json!({"CatalogId": "123456789012", "DatabaseInput": {"Name": "x"}}),
    );

    let e = fail(&mut sb, "GetDatabase", json!({"Name": "nope"}));
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "GetDatabase", json!({}));
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(&mut sb, "DeleteDatabase", json!({"Name": "Nope"}));
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "DeleteDatabase", json!({}));
    assert_eq!(e.error_type(), "ValidationException");
    for max in [0, 101] {
        let e = fail(&mut sb, "GetDatabases", json!({"MaxResults": max}));
        assert_eq!(e.error_type(), "ValidationException", "{max}");
    }
    let e = fail(&mut sb, "GetDatabases", json!({"NextToken": "%%%"}));
    assert_error(&e, "InvalidInputException", "Invalid pagination token.");
}

#[test]
fn databases_and_tables_page() {
    let mut sb = Sandbox::default();
    for i in 0..5 {
        call(
            &mut sb,
            "CreateDatabase",
            json!({"DatabaseInput": {"Name": format!("db{i}")}}),
        );
        call(
            &mut sb,
            "CreateTable",
            json!({"DatabaseName": "db0", "TableInput": {"Name": format!("t{i}")}}),
        );
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut req = json!({"MaxResults": 2});
        if let Some(t) = &token {
            req["NextToken"] = json!(t);
        }
        let out = call(&mut sb, "GetDatabases", req);
        let page = out["DatabaseList"].as_array().unwrap();
        assert!(page.len() <= 2);
        seen.extend(page.iter().map(|d| d["Name"].as_str().unwrap().to_string()));
        match out.get("NextToken") {
            Some(t) => token = Some(t.as_str().unwrap().to_string()),
            None => break,
        }
    }
    assert_eq!(seen, ["db0", "db1", "db2", "db3", "db4"]);
    let first = call(
        &mut sb,
        "GetTables",
        json!({"DatabaseName": "db0", "MaxResults": 3}),
    );
    assert_eq!(first["TableList"].as_array().unwrap().len(), 3);
    let rest = call(
        &mut sb,
        "GetTables",
        json!({"DatabaseName": "db0", "NextToken": first["NextToken"]}),
    );
    let names: Vec<_> = rest["TableList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["t3", "t4"]);
    assert!(rest.get("NextToken").is_none());
}

#[test]
fn tables_keep_their_shape_and_typed_columns() {
    let mut sb = catalog();
    let created = sb.now().epoch_seconds();
    let out = call(
        &mut sb,
        "GetTable",
        json!({"DatabaseName": "Analytics", "Name": "EVENTS"}),
    );
    let t = &out["Table"];
    assert_eq!(t["Name"], "events");
    assert_eq!(t["DatabaseName"], "analytics");
    assert_eq!(t["Description"], "Clickstream events");
    assert_eq!(t["CreateTime"], created);
    assert_eq!(t["UpdateTime"], created);
    assert_eq!(t["VersionId"], "0");
    assert_eq!(t["CatalogId"], "123456789012");
    assert_eq!(t["TableType"], "EXTERNAL_TABLE");
    assert_eq!(t["Parameters"], json!({"classification": "parquet"}));
    assert_eq!(t["PartitionKeys"], json!([{"Name": "dt", "Type": "date"}]));
    let sd = &t["StorageDescriptor"];
    assert_eq!(
        sd["Columns"][1],
        json!({"Name": "ts", "Type": "timestamp", "Comment": "event time"})
    );
    assert_eq!(sd["Columns"][3]["Type"], "map<string,array<string>>");
    assert_eq!(sd["Location"], "s3://lake/events/");
    assert_eq!(
        sd["SerdeInfo"]["SerializationLibrary"],
        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
    );
    assert_eq!(sd["Compressed"], false);

    let table = sb.glue().table("ANALYTICS", "Events").unwrap();
    let types: Vec<_> = table
        .columns()
        .iter()
        .map(|c| c.hive_type.clone())
        .collect();
    assert_eq!(types[0], HiveType::String);
    assert_eq!(
        types[2],
        HiveType::Decimal {
            precision: 10,
            scale: 2
        }
    );
    assert_eq!(
        types[4],
        HiveType::Struct(vec![
            ("os".into(), HiveType::String),
            ("version".into(), HiveType::Int)
        ])
    );
    let schema: Vec<_> = table.schema().map(|c| c.name.as_str()).collect();
    assert_eq!(schema, ["event_id", "ts", "price", "tags", "device", "dt"]);
    assert_eq!(sb.glue().database("analytics").unwrap().tables().count(), 1);
}

#[test]
fn table_errors() {
    let mut sb = catalog();
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {"Name": "Events"}}),
    );
    assert_error(&e, "AlreadyExistsException", "Table already exists.");
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "nope", "TableInput": {"Name": "t"}}),
    );
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "CreateTable", json!({}));
    assert_error(
        &e,
        "ValidationException",
        "2 validation errors detected: Value null at 'databaseName' failed to satisfy \
         constraint: Member must not be null; Value null at 'tableInput' failed to satisfy \
         constraint: Member must not be null",
    );
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "t",
            "StorageDescriptor": {"Columns": [{"Type": "int"}]}
        }}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at \
         'tableInput.storageDescriptor.columns.1.member.name' failed to satisfy constraint: \
         Member must not be null",
    );
    let bad = |ty: &str| {
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "t",
            "StorageDescriptor": {"Columns": [
                {"Name": "ok", "Type": "int"},
                {"Name": "price", "Type": ty}
            ]}
        }})
    };
    let e = fail(&mut sb, "CreateTable", bad("decimal(5,6)"));
    assert_error(
        &e,
        "InvalidInputException",
        "Column 'price' has an invalid type 'decimal(5,6)': decimal scale must be between 0 \
         and the precision (5), not 6 at position 10.",
    );
    let e = fail(&mut sb, "CreateTable", bad("array<strng>"));
    assert_error(
        &e,
        "InvalidInputException",
        "Column 'price' has an invalid type 'array<strng>': unknown type 'strng' at position 6.",
    );
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "t",
            "StorageDescriptor": {"Columns": [{"Name": "x"}]}
        }}),
    );
    assert_error(
        &e,
        "InvalidInputException",
        "Column 'x' has no Type; every column needs a Hive type.",
    );
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "t",
            "StorageDescriptor": {"Columns": [{"Name": "dt", "Type": "string"}]},
            "PartitionKeys": [{"Name": "DT", "Type": "date"}]
        }}),
    );
    assert_error(
        &e,
        "InvalidInputException",
        "Duplicate column name 'DT' in table 't'.",
    );
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "t", "PartitionKeys": [{"Name": "p", "Type": "map<int>"}]
        }}),
    );
    assert_eq!(e.error_type(), "InvalidInputException");
    let e = fail(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": {"Name": "t", "StorageDescriptor": "x"}}),
    );
    assert_eq!(e.error_type(), "SerializationException");
    assert!(sb.glue().table("analytics", "t").is_none());

    let e = fail(
        &mut sb,
        "GetTable",
        json!({"DatabaseName": "analytics", "Name": "Nope"}),
    );
    assert_error(&e, "EntityNotFoundException", "Table nope not found.");
    let e = fail(
        &mut sb,
        "GetTable",
        json!({"DatabaseName": "nope", "Name": "events"}),
    );
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "GetTable", json!({"DatabaseName": "analytics"}));
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(&mut sb, "GetTables", json!({"DatabaseName": "nope"}));
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "GetTables", json!({}));
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(
        &mut sb,
        "GetTables",
        json!({"DatabaseName": "analytics", "MaxResults": 0}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(
        &mut sb,
        "GetTables",
        json!({"DatabaseName": "analytics", "NextToken": "!"}),
    );
    assert_eq!(e.error_type(), "InvalidInputException");
    let e = fail(
        &mut sb,
        "DeleteTable",
        json!({"DatabaseName": "analytics", "Name": "nope"}),
    );
    assert_error(&e, "EntityNotFoundException", "Table nope not found.");
    let e = fail(
        &mut sb,
        "DeleteTable",
        json!({"DatabaseName": "nope", "Name": "events"}),
    );
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "DeleteTable", json!({}));
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn get_tables_filters_by_expression() {
    let mut sb = catalog();
    for name in ["events_2025", "orders", "Sales"] {
        call(
            &mut sb,
            "CreateTable",
            json!({"DatabaseName": "analytics", "TableInput": {"Name": name}}),
        );
    }
    let names = |sb: &mut Sandbox, expr: &str| -> Vec<String> {
        let out = call(
            sb,
            "GetTables",
            json!({"DatabaseName": "analytics", "Expression": expr}),
        );
        out["TableList"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["Name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&mut sb, "events*"), ["events", "events_2025"]);
    assert_eq!(names(&mut sb, "events.*"), ["events", "events_2025"]);
    assert_eq!(names(&mut sb, "orders|SALES"), ["orders", "sales"]);
    assert_eq!(names(&mut sb, "nothing"), Vec::<String>::new());
    assert_eq!(names(&mut sb, "*").len(), 4);
}

#[test]
fn update_table_archives_versions() {
    let mut sb = catalog();
    let created = sb.now().epoch_seconds();
    sb.advance(Duration::from_secs(60));
    let mut input = events_input("EVENTS");
    input["StorageDescriptor"]["Columns"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Name": "referrer", "Type": "varchar(2048)"}));
    call(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "TableInput": input}),
    );
    let t = call(
        &mut sb,
        "GetTable",
        json!({"DatabaseName": "analytics", "Name": "events"}),
    );
    assert_eq!(t["Table"]["VersionId"], "1");
    assert_eq!(t["Table"]["CreateTime"], created);
    assert_eq!(t["Table"]["UpdateTime"], created + 60.0);
    assert_eq!(
        t["Table"]["StorageDescriptor"]["Columns"]
            .as_array()
            .unwrap()
            .len(),
        6
    );
    // An update may drop fields: the new definition replaces the old one.
    sb.advance(Duration::from_secs(60));
    call(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "VersionId": "1",
               "TableInput": {"Name": "events", "Description": "v2"}}),
    );
    let versions = call(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "Events"}),
    );
    let list = versions["TableVersions"].as_array().unwrap();
    let ids: Vec<_> = list
        .iter()
        .map(|v| v["VersionId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["2", "1", "0"]);
    assert_eq!(list[0]["Table"]["Description"], "v2");
    assert!(list[0]["Table"].get("StorageDescriptor").is_none());
    assert_eq!(
        list[2]["Table"]["StorageDescriptor"]["Columns"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let page = call(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "events", "MaxResults": 2}),
    );
    let rest = call(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "events",
               "NextToken": page["NextToken"]}),
    );
    assert_eq!(rest["TableVersions"][0]["VersionId"], "0");

    let v0 = call(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics", "TableName": "events", "VersionId": "0"}),
    );
    assert_eq!(v0["TableVersion"]["VersionId"], "0");
    assert_eq!(
        v0["TableVersion"]["Table"]["Description"],
        "Clickstream events"
    );
    let now = call(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics", "TableName": "events"}),
    );
    assert_eq!(now["TableVersion"]["VersionId"], "2");
    let typed: Vec<u64> = sb
        .glue()
        .table_versions("analytics", "events")
        .unwrap()
        .map(|t| t.version)
        .collect();
    assert_eq!(typed, [0, 1, 2]);

    // SkipArchive replaces the table without keeping the version it replaces.
    call(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "SkipArchive": true,
               "TableInput": {"Name": "events"}}),
    );
    let versions = call(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "events"}),
    );
    let ids: Vec<_> = versions["TableVersions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["VersionId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["3", "1", "0"]);
}

#[test]
fn version_errors() {
    let mut sb = catalog();
    let e = fail(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "TableInput": {"Name": "nope"}}),
    );
    assert_error(&e, "EntityNotFoundException", "Table nope not found.");
    let e = fail(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "nope", "TableInput": {"Name": "events"}}),
    );
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(&mut sb, "UpdateTable", json!({"DatabaseName": "analytics"}));
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "VersionId": "7", "TableInput": {"Name": "events"}}),
    );
    assert_eq!(e.error_type(), "ConcurrentModificationException");
    let e = fail(
        &mut sb,
        "UpdateTable",
        json!({"DatabaseName": "analytics", "TableInput": {
            "Name": "events", "StorageDescriptor": {"Columns": [{"Name": "a", "Type": "list<int>"}]}
        }}),
    );
    assert_error(
        &e,
        "InvalidInputException",
        "Column 'a' has an invalid type 'list<int>': unknown type 'list' at position 0.",
    );
    // Nothing changed.
    assert_eq!(sb.glue().table("analytics", "events").unwrap().version, 0);

    let e = fail(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics", "TableName": "events", "VersionId": "5"}),
    );
    assert_error(
        &e,
        "EntityNotFoundException",
        "Version 5 of table events not found.",
    );
    let e = fail(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics", "TableName": "events", "VersionId": "latest"}),
    );
    assert_error(
        &e,
        "InvalidInputException",
        "VersionId 'latest' is not a number.",
    );
    let e = fail(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics", "TableName": "nope"}),
    );
    assert_error(&e, "EntityNotFoundException", "Table nope not found.");
    let e = fail(
        &mut sb,
        "GetTableVersion",
        json!({"DatabaseName": "analytics"}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let e = fail(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "nope", "TableName": "events"}),
    );
    assert_error(&e, "EntityNotFoundException", "Database nope not found.");
    let e = fail(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "events", "MaxResults": 101}),
    );
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn deleting_a_database_deletes_its_tables() {
    let mut sb = catalog();
    call(
        &mut sb,
        "DeleteTable",
        json!({"DatabaseName": "analytics", "Name": "Events"}),
    );
    assert!(sb.glue().table("analytics", "events").is_none());
    call(
        &mut sb,
        "CreateTable",
        json!({"DatabaseName": "analytics", "TableInput": events_input("events")}),
    );
    call(&mut sb, "DeleteDatabase", json!({"Name": "analytics"}));
    call(
        &mut sb,
        "CreateDatabase",
        json!({"DatabaseInput": {"Name": "analytics"}}),
    );
    let out = call(&mut sb, "GetTables", json!({"DatabaseName": "analytics"}));
    assert_eq!(out["TableList"], json!([]));
    let e = fail(
        &mut sb,
        "GetTableVersions",
        json!({"DatabaseName": "analytics", "TableName": "events"}),
    );
    assert_eq!(e.error_type(), "EntityNotFoundException");
}

#[test]
fn the_catalog_is_saved_and_calls_are_logged() {
    let mut sb = catalog();
    let saved = serde_json::to_string(&sb).unwrap();
    let back: Sandbox = serde_json::from_str(&saved).unwrap();
    assert_eq!(
        back.glue().table("analytics", "events"),
        sb.glue().table("analytics", "events")
    );
    let events: Vec<_> = sb.events().recent().collect();
    assert_eq!(events[0].target, "Glue.CreateDatabase");
    assert_eq!(events[1].target, "Glue.CreateTable");
    let _ = fail(
        &mut sb,
        "GetTable",
        json!({"DatabaseName": "analytics", "Name": "nope"}),
    );
    let last = sb.events().recent().last().unwrap();
    assert_eq!(last.resource.as_deref(), Some("nope"));
    assert_eq!(last.error.as_deref(), Some("EntityNotFoundException"));
}

#[test]
fn same_calls_same_answers() {
    let run = || {
        let mut sb = catalog();
        sb.advance(Duration::from_secs(5));
        call(
            &mut sb,
            "UpdateTable",
            json!({"DatabaseName": "analytics", "TableInput": events_input("events")}),
        );
        let mut answers = vec![
            call(&mut sb, "GetDatabases", json!({})),
            call(&mut sb, "GetTables", json!({"DatabaseName": "analytics"})),
            call(
                &mut sb,
                "GetTableVersions",
                json!({"DatabaseName": "analytics", "TableName": "events"}),
            ),
        ];
        answers.push(json!(serde_json::to_string(&sb).unwrap()));
        answers
    };
    assert_eq!(run(), run());
}

#[test]
fn the_cli_speaks_glue() {
    let mut sb = Sandbox::default();
    let out = cli::run(
        &mut sb,
        r#"aws glue create-database --database-input '{"Name": "Lake", "Description": "raw"}'"#,
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws glue create-database --database-input Name=second,Description=shorthand",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        r#"aws glue create-table --database-name lake --table-input '{"Name": "clicks",
            "StorageDescriptor": {"Columns": [{"Name": "id", "Type": "bigint"},
                                              {"Name": "items", "Type": "array<struct<sku:string,qty:int>>"}]},
            "PartitionKeys": [{"Name": "dt", "Type": "date"}]}'"#,
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws glue get-table --database-name lake --name clicks",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let v: Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(
        v["Table"]["StorageDescriptor"]["Columns"][1]["Type"],
        "array<struct<sku:string,qty:int>>"
    );
    let out = cli::run(
        &mut sb,
        r#"aws glue update-table --database-name lake --table-input '{"Name": "clicks"}'"#,
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    for line in [
        "aws glue get-database --name lake",
        "aws glue get-databases --max-results 1",
        "aws glue get-tables --database-name lake --expression 'cl*'",
        "aws glue get-table-versions --database-name lake --table-name clicks",
        "aws glue get-table-version --database-name lake --table-name clicks --version-id 0",
        "aws glue delete-table --database-name lake --name clicks",
        "aws glue delete-database --name second",
    ] {
        let out = cli::run(&mut sb, line);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.text);
    }
    let out = cli::run(
        &mut sb,
        "aws glue get-table --database-name lake --name clicks",
    );
    assert_eq!(out.exit_code, 254);
    assert!(
        out.text.contains(
            "An error occurred (EntityNotFoundException) when calling the GetTable operation: \
             Table clicks not found."
        ),
        "{}",
        out.text
    );
    let out = cli::run(
        &mut sb,
        r#"aws glue create-table --database-name lake --table-input '{"Name": "t",
            "StorageDescriptor": {"Columns": [{"Name": "n", "Type": "nmber"}]}}'"#,
    );
    assert_eq!(out.exit_code, 254);
    assert!(out.text.contains("InvalidInputException"), "{}", out.text);
    assert!(cli::complete("aws glue get-ta")
        .iter()
        .any(|c| c.contains("get-table-versions")));
    assert!(sb.glue().database("second").is_none());
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use kinesis_sandbox::engine::glue::HiveType;
    use proptest::prelude::*;

    fn primitive() -> impl Strategy<Value = HiveType> {
        prop_oneof![
            Just(HiveType::String),
            Just(HiveType::Int),
            Just(HiveType::BigInt),
            Just(HiveType::SmallInt),
            Just(HiveType::TinyInt),
            Just(HiveType::Double),
            Just(HiveType::Float),
            Just(HiveType::Boolean),
            Just(HiveType::Timestamp),
            Just(HiveType::Date),
            Just(HiveType::Binary),
            (1u8..=38)
                .prop_flat_map(|p| (Just(p), 0..=p))
                .prop_map(|(precision, scale)| HiveType::Decimal { precision, scale }),
            (1u32..=255).prop_map(HiveType::Char),
            (1u32..=65_535).prop_map(HiveType::Varchar),
        ]
    }

    fn hive_type() -> impl Strategy<Value = HiveType> {
        primitive().prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                inner.clone().prop_map(|t| HiveType::Array(Box::new(t))),
                (primitive(), inner.clone())
                    .prop_map(|(k, v)| HiveType::Map(Box::new(k), Box::new(v))),
                prop::collection::btree_map("[a-z_][a-z0-9_]{0,7}", inner, 1..4)
                    .prop_map(|fields| HiveType::Struct(fields.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn display_parses_back(t in hive_type()) {
            let text = t.to_string();
            prop_assert_eq!(HiveType::parse(&text), Ok(t.clone()));
            // Keywords in upper case and spaces between parts read the same.
            let loud = text.to_uppercase().replace(',', " , ").replace('<', " < ");
            let parsed = HiveType::parse(&loud).map(|p| p.to_string().to_lowercase());
            prop_assert_eq!(parsed, Ok(text.to_lowercase()));
        }

        #[test]
        fn the_parser_never_panics(text in "([a-z<>(),: 0-9]|\\PC){0,40}") {
            let _ = HiveType::parse(&text);
        }
    }
}
