//! Amazon Redshift: a cluster and its SQL through the Data API, and Firehose's Redshift
//! destination — the intermediate bucket, a manifest per object, the COPY it runs, the errors
//! a COPY can meet (in Firehose's codes and Redshift's words), `STL_LOAD_ERRORS`, retries
//! every 5 minutes within the retry duration, skipped objects under `errors/`, and a ledger
//! that always balances.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::Sandbox;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const PASSWORD: &str = "Awsuser1234";

fn cluster(sb: &mut Sandbox, public: bool) -> String {
    let out = sb
        .call(
            "Redshift.CreateCluster",
            json!({"ClusterIdentifier": "lab", "NodeType": "ra3.large", "ClusterType": "single-node",
                   "MasterUsername": "awsuser", "MasterUserPassword": PASSWORD, "PubliclyAccessible": public}),
        )
        .unwrap();
    assert_eq!(out["Cluster"]["ClusterStatus"], "creating");
    sb.advance(Duration::from_secs(181));
    let c = sb
        .call(
            "Redshift.DescribeClusters",
            json!({"ClusterIdentifier": "lab"}),
        )
        .unwrap();
    assert_eq!(c["Clusters"][0]["ClusterStatus"], "available");
    let e = &c["Clusters"][0]["Endpoint"];
    format!(
        "jdbc:redshift://{}:{}/dev",
        e["Address"].as_str().unwrap(),
        e["Port"]
    )
}

/// Runs one statement; its description (and result, when it has one).
fn sql(sb: &mut Sandbox, text: &str) -> (Value, Option<Value>) {
    let id = sb
        .call(
            "RedshiftData.ExecuteStatement",
            json!({"ClusterIdentifier": "lab", "Database": "dev", "DbUser": "awsuser", "Sql": text}),
        )
        .unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = sb
        .call("RedshiftData.DescribeStatement", json!({ "Id": id }))
        .unwrap();
    let r = (d["HasResultSet"] == true).then(|| {
        sb.call("RedshiftData.GetStatementResult", json!({ "Id": id }))
            .unwrap()
    });
    (d, r)
}

fn rows(sb: &mut Sandbox, text: &str) -> Vec<Vec<Value>> {
    let (d, r) = sql(sb, text);
    assert_eq!(d["Status"], "FINISHED", "{d}");
    r.unwrap()["Records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    f.as_object()
                        .unwrap()
                        .iter()
                        .map(|(k, v)| {
                            if k == "isNull" {
                                Value::Null
                            } else {
                                v.clone()
                            }
                        })
                        .next()
                        .unwrap()
                })
                .collect()
        })
        .collect()
}

const TABLE: &str = "CREATE TABLE sensor_readings (sensorid INTEGER, currenttemperature INTEGER, status VARCHAR(8))";

/// A Direct PUT stream `rs` into the cluster through bucket `inter`.
fn redshift_stream(sb: &mut Sandbox, jdbc: &str, extra: Value) {
    let role = bucket_and_role(sb, "rs", "inter", None);
    let mut cfg = json!({
        "RoleARN": role,
        "ClusterJDBCURL": jdbc,
        "CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "json 'auto ignorecase'"},
        "Username": "awsuser",
        "Password": PASSWORD,
        "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter",
                             "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 1}},
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": "/aws/kinesisfirehose/rs", "LogStreamName": "RedshiftDelivery"},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "rs", "RedshiftDestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

fn reading(i: u32, status: &str) -> Vec<u8> {
    format!(
        "{{\"sensorId\": {i}, \"currentTemperature\": {}, \"status\": \"{status}\"}}",
        20 + i
    )
    .into_bytes()
}

fn ledger(sb: &Sandbox) -> kinesis_sandbox::engine::firehose::Ledger {
    sb.firehose().get("rs").unwrap().ledger
}

fn log_codes(sb: &mut Sandbox) -> Vec<String> {
    let out = sb
        .call(
            "Logs.GetLogEvents",
            json!({"logGroupName": "/aws/kinesisfirehose/rs", "logStreamName": "RedshiftDelivery"}),
        )
        .unwrap();
    out["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let m: Value = serde_json::from_str(e["message"].as_str().unwrap()).unwrap();
            m["errorCode"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn sql_runs_through_the_data_api() {
    let mut sb = Sandbox::default();
    cluster(&mut sb, false);
    let (d, _) = sql(&mut sb, TABLE);
    assert_eq!(d["Status"], "FINISHED");
    let (d, _) = sql(
        &mut sb,
        "INSERT INTO sensor_readings VALUES (1, 30, 'OK'), (2, 140, 'FAIL'), (3, NULL, 'WARN')",
    );
    assert_eq!(d["ResultRows"], 3);
    assert_eq!(
        rows(&mut sb, "select status, count(*) from sensor_readings where currenttemperature > 25 group by status order by status"),
        vec![vec![json!("FAIL"), json!(1)], vec![json!("OK"), json!(1)]]
    );
    let (d, _) = sql(&mut sb, "SELECT * FROM readings");
    assert_eq!(d["Status"], "FAILED");
    assert_eq!(d["Error"], "ERROR: relation \"readings\" does not exist");
    // Several statements: BatchExecuteStatement, each with its own result.
    let id = sb
        .call(
            "RedshiftData.BatchExecuteStatement",
            json!({"ClusterIdentifier": "lab", "Database": "dev", "DbUser": "awsuser",
                   "Sqls": ["DELETE FROM sensor_readings WHERE status = 'WARN'", "SELECT COUNT(*) FROM sensor_readings"]}),
        )
        .unwrap()["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let d = sb
        .call("RedshiftData.DescribeStatement", json!({ "Id": id }))
        .unwrap();
    assert_eq!(d["SubStatements"][0]["ResultRows"], 1);
    let r = sb
        .call(
            "RedshiftData.GetStatementResult",
            json!({ "Id": format!("{id}:2") }),
        )
        .unwrap();
    assert_eq!(r["Records"][0][0]["longValue"], 2);
    let e = sb
        .call(
            "RedshiftData.ExecuteStatement",
            json!({"ClusterIdentifier": "lab", "Database": "dev", "DbUser": "awsuser", "Sql": "select 1; select 2"}),
        )
        .unwrap_err();
    assert_eq!(e.kind().to_string(), "ValidationException");
    let t = sb
        .call(
            "RedshiftData.DescribeTable",
            json!({"ClusterIdentifier": "lab", "Database": "dev", "Table": "sensor_readings"}),
        )
        .unwrap();
    assert_eq!(t["ColumnList"][2]["typeName"], "varchar");
    assert_eq!(t["ColumnList"][2]["length"], 8);
}

#[test]
fn cluster_rules_are_redshifts() {
    let mut sb = Sandbox::default();
    let bad = |sb: &mut Sandbox, body: Value| sb.call("Redshift.CreateCluster", body).unwrap_err();
    let e = bad(
        &mut sb,
        json!({"ClusterIdentifier": "lab", "NodeType": "ra3.large", "MasterUsername": "awsuser", "MasterUserPassword": "short"}),
    );
    assert_eq!(e.kind().to_string(), "InvalidParameterValue");
    assert!(e.message().unwrap().contains("shorter than 8 characters"));
    let e = bad(
        &mut sb,
        json!({"ClusterIdentifier": "Lab_1", "NodeType": "ra3.large", "MasterUsername": "awsuser", "MasterUserPassword": PASSWORD}),
    );
    assert_eq!(e.kind().to_string(), "InvalidParameterValue");
    cluster(&mut sb, true);
    let e = bad(
        &mut sb,
        json!({"ClusterIdentifier": "lab", "NodeType": "ra3.large", "ClusterType": "single-node", "MasterUsername": "awsuser", "MasterUserPassword": PASSWORD}),
    );
    assert_eq!(e.kind().to_string(), "ClusterAlreadyExists");
    let e = sb
        .call(
            "Redshift.DescribeClusters",
            json!({"ClusterIdentifier": "nope"}),
        )
        .unwrap_err();
    assert_eq!(e.kind().to_string(), "ClusterNotFound");
}

#[test]
fn records_reach_the_table_through_the_bucket_a_manifest_and_copy() {
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, true);
    sql(&mut sb, TABLE);
    redshift_stream(&mut sb, &jdbc, json!({}));
    for i in 0..5 {
        put(
            &mut sb,
            "rs",
            &reading(i, if i == 3 { "FAIL" } else { "OK" }),
        );
    }
    sb.advance(Duration::from_secs(61));
    let objs = objects(&mut sb, "inter");
    let data: Vec<_> = objs
        .iter()
        .filter(|(k, _)| !k.starts_with("manifests/"))
        .collect();
    let manifests: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.starts_with("manifests/"))
        .collect();
    assert_eq!((data.len(), manifests.len()), (1, 1), "{objs:?}");
    let m: Value = serde_json::from_slice(&manifests[0].1).unwrap();
    assert_eq!(m["entries"][0]["url"], format!("s3://inter/{}", data[0].0));
    assert_eq!(m["entries"][0]["mandatory"], true);
    assert_eq!(
        rows(
            &mut sb,
            "SELECT sensorid, status FROM sensor_readings WHERE status = 'FAIL'"
        ),
        vec![vec![json!(3), json!("FAIL")]]
    );
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.awaiting_retry), (5, 0));
    assert!(l.balanced());
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "rs"}),
        )
        .unwrap();
    let desc = &d["DeliveryStreamDescription"]["Destinations"][0]["RedshiftDestinationDescription"];
    assert_eq!(desc["CopyCommand"]["DataTableName"], "sensor_readings");
    assert_eq!(desc["Username"], "awsuser");
    assert!(
        desc.get("Password").is_none(),
        "the password is never shown"
    );
    assert_eq!(desc["RetryOptions"]["DurationInSeconds"], 3600);
}

#[test]
fn json_auto_matches_lower_case_names_only_unless_ignorecase() {
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, true);
    sql(&mut sb, TABLE);
    redshift_stream(
        &mut sb,
        &jdbc,
        json!({"CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "json 'auto'"}}),
    );
    put(&mut sb, "rs", &reading(7, "OK"));
    sb.advance(Duration::from_secs(61));
    // sensorId ≠ sensorid: loaded as NULL — the classic JSON 'auto' trap; status matches.
    assert_eq!(
        rows(&mut sb, "SELECT sensorid, status FROM sensor_readings"),
        vec![vec![Value::Null, json!("OK")]]
    );
}

#[test]
fn a_missing_table_is_retried_every_five_minutes_until_it_exists() {
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, true);
    redshift_stream(&mut sb, &jdbc, json!({}));
    put(&mut sb, "rs", &reading(1, "OK"));
    sb.advance(Duration::from_secs(61));
    assert_eq!(log_codes(&mut sb), ["Redshift.TableNotFound"]);
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.awaiting_retry), (0, 1));
    let gauge = sb.firehose_buffer("rs").unwrap();
    assert_eq!(gauge.batches_awaiting_retry, 1);
    assert!(matches!(gauge.next_retry_in_s, Some(299..=300)));
    sql(&mut sb, TABLE);
    sb.advance(Duration::from_secs(290));
    assert_eq!(
        rows(&mut sb, "select count(*) from sensor_readings"),
        vec![vec![json!(0)]]
    );
    sb.advance(Duration::from_secs(15));
    assert_eq!(
        rows(&mut sb, "select count(*) from sensor_readings"),
        vec![vec![json!(1)]]
    );
    assert_eq!(ledger(&sb).delivered, 1);
}

#[test]
fn a_bad_row_fails_the_copy_and_stl_load_errors_explains_it() {
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, true);
    sql(&mut sb, TABLE);
    redshift_stream(
        &mut sb,
        &jdbc,
        json!({"RetryOptions": {"DurationInSeconds": 0}}),
    );
    put(&mut sb, "rs", &reading(1, "OK"));
    put(
        &mut sb,
        "rs",
        b"{\"sensorId\": \"abc\", \"currentTemperature\": 1, \"status\": \"OK\"}",
    );
    sb.advance(Duration::from_secs(61));
    assert_eq!(log_codes(&mut sb)[0], "Redshift.DataLoadFailed");
    let e = rows(
        &mut sb,
        "select line_number, colname, err_code, err_reason, raw_field_value from stl_load_errors",
    );
    assert_eq!(e.len(), 1);
    assert_eq!(e[0][1], json!("sensorid"));
    assert_eq!(e[0][2], json!(1207));
    assert_eq!(
        e[0][3],
        json!("Invalid digit, Value 'a', Pos 0, Type: Integer")
    );
    assert_eq!(e[0][4], json!("abc"));
    assert_eq!(
        rows(&mut sb, "select count(*) from sensor_readings"),
        vec![vec![json!(0)]],
        "a failed COPY loads nothing"
    );
    // No retry: skipped, and listed under errors/ for a backfill.
    let objs = objects(&mut sb, "inter");
    let skipped: Vec<_> = objs
        .iter()
        .filter(|(k, _)| k.starts_with("errors/"))
        .collect();
    assert_eq!(skipped.len(), 1, "{objs:?}");
    let m: Value = serde_json::from_slice(&skipped[0].1).unwrap();
    assert!(m["entries"][0]["url"]
        .as_str()
        .unwrap()
        .starts_with("s3://inter/"));
    assert_eq!(m["errorCode"], "Redshift.DataLoadFailed");
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.error_output, l.awaiting_retry), (0, 2, 0));
}

#[test]
fn each_connection_and_copy_error_has_its_code() {
    type Patch = Box<dyn Fn(&str) -> Value>;
    let cases: Vec<(&str, Patch)> = vec![
        (
            "Redshift.AuthenticationFailed",
            Box::new(|_| json!({"Password": "Wrong12345"})),
        ),
        (
            "Redshift.DatabaseNotFound",
            Box::new(|j: &str| json!({"ClusterJDBCURL": j.replace("/dev", "/prod")})),
        ),
        (
            "Redshift.ConnectionFailed",
            Box::new(|j: &str| json!({"ClusterJDBCURL": j.replace(":5439", ":5440")})),
        ),
        (
            "Redshift.ColumnNotFound",
            Box::new(
                |_| json!({"CopyCommand": {"DataTableName": "sensor_readings", "DataTableColumns": "sensorid,temperature", "CopyOptions": "json 'auto ignorecase'"}}),
            ),
        ),
        (
            "Redshift.SyntaxError",
            Box::new(
                |_| json!({"CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "jsn 'auto'"}}),
            ),
        ),
        (
            "Redshift.IncorrectCopyOptions",
            Box::new(
                |_| json!({"CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "json 'auto' csv"}}),
            ),
        ),
        (
            "Redshift.DataLoadFailed",
            Box::new(
                |_| json!({"CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "delimiter ','"}}),
            ),
        ),
    ];
    for (code, extra) in cases {
        let mut sb = Sandbox::default();
        let jdbc = cluster(&mut sb, true);
        sql(&mut sb, TABLE);
        redshift_stream(&mut sb, &jdbc, extra(&jdbc));
        put(&mut sb, "rs", &reading(1, "OK"));
        sb.advance(Duration::from_secs(61));
        assert_eq!(log_codes(&mut sb), [code], "{code}");
        assert!(ledger(&sb).balanced());
    }
    // A cluster that isn't publicly accessible can't be reached.
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, false);
    sql(&mut sb, TABLE);
    redshift_stream(&mut sb, &jdbc, json!({}));
    put(&mut sb, "rs", &reading(1, "OK"));
    sb.advance(Duration::from_secs(61));
    assert_eq!(log_codes(&mut sb), ["Redshift.ConnectionFailed"]);
}

#[test]
fn gzip_needs_gzip_in_the_copy_options() {
    for (options, loaded) in [
        ("json 'auto ignorecase'", 0),
        ("json 'auto ignorecase' gzip", 1),
    ] {
        let mut sb = Sandbox::default();
        let jdbc = cluster(&mut sb, true);
        sql(&mut sb, TABLE);
        let role = bucket_and_role(&mut sb, "rs", "inter", None);
        sb.call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "rs", "RedshiftDestinationConfiguration": {
                "RoleARN": role, "ClusterJDBCURL": jdbc, "Username": "awsuser", "Password": PASSWORD,
                "CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": options},
                "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter", "CompressionFormat": "GZIP",
                    "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 1}}}}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(5));
        put(&mut sb, "rs", &reading(1, "OK"));
        sb.advance(Duration::from_secs(61));
        assert_eq!(
            rows(&mut sb, "select count(*) from sensor_readings"),
            vec![vec![json!(loaded)]],
            "{options}"
        );
    }
}

#[test]
fn update_destination_fixes_the_copy_and_the_waiting_object_loads() {
    let mut sb = Sandbox::default();
    let jdbc = cluster(&mut sb, true);
    sql(&mut sb, TABLE);
    redshift_stream(
        &mut sb,
        &jdbc,
        json!({"CopyCommand": {"DataTableName": "sensor_reading", "CopyOptions": "json 'auto ignorecase'"}}),
    );
    put(&mut sb, "rs", &reading(4, "FAIL"));
    sb.advance(Duration::from_secs(61));
    assert_eq!(log_codes(&mut sb), ["Redshift.TableNotFound"]);
    let e = sb
        .call(
            &format!("{FH}.UpdateDestination"),
            json!({"DeliveryStreamName": "rs", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
                   "RedshiftDestinationUpdate": {"Password": "abc"}}),
        )
        .unwrap_err();
    assert!(e
        .message()
        .unwrap()
        .contains("redshiftDestinationUpdate.password"));
    sb.call(
        &format!("{FH}.UpdateDestination"),
        json!({"DeliveryStreamName": "rs", "CurrentDeliveryStreamVersionId": "1", "DestinationId": "destinationId-000000000001",
               "RedshiftDestinationUpdate": {"CopyCommand": {"DataTableName": "sensor_readings", "CopyOptions": "json 'auto ignorecase'"}}}),
    )
    .unwrap();
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "rs"}),
        )
        .unwrap();
    assert_eq!(d["DeliveryStreamDescription"]["VersionId"], "2");
    sb.advance(Duration::from_secs(300));
    assert_eq!(
        rows(&mut sb, "select sensorid, status from sensor_readings"),
        vec![vec![json!(4), json!("FAIL")]]
    );
    let e = sb
        .call(
            &format!("{FH}.UpdateDestination"),
            json!({"DeliveryStreamName": "rs", "CurrentDeliveryStreamVersionId": "2", "DestinationId": "destinationId-000000000001",
                   "ExtendedS3DestinationUpdate": {"BucketARN": "arn:aws:s3:::inter"}}),
        )
        .unwrap_err();
    assert_eq!(e.kind().to_string(), "InvalidArgumentException");
}

#[test]
fn creation_refuses_what_aws_refuses() {
    let mut sb = Sandbox::default();
    let role = bucket_and_role(&mut sb, "rs", "inter", None);
    let base = json!({
        "RoleARN": role, "ClusterJDBCURL": "jdbc:redshift://lab.abc.us-east-1.redshift.amazonaws.com:5439/dev",
        "CopyCommand": {"DataTableName": "t"}, "Username": "awsuser", "Password": PASSWORD,
        "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter"},
    });
    let create = |sb: &mut Sandbox, patch: Value| {
        let mut cfg = base.clone();
        for (k, v) in patch.as_object().unwrap() {
            cfg[k] = v.clone();
        }
        sb.call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "rs", "RedshiftDestinationConfiguration": cfg}),
        )
    };
    let e = create(&mut sb, json!({"ClusterJDBCURL": "jdbc:mysql://x:1/y"})).unwrap_err();
    assert_eq!(e.kind().to_string(), "ValidationException");
    let e = create(&mut sb, json!({"Password": "abc"})).unwrap_err();
    assert!(e
        .message()
        .unwrap()
        .contains("redshiftDestinationConfiguration.password"));
    let e = create(
        &mut sb,
        json!({"RetryOptions": {"DurationInSeconds": 7201}}),
    )
    .unwrap_err();
    assert_eq!(e.kind().to_string(), "ValidationException");
    let e = create(
        &mut sb,
        json!({"S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter", "CompressionFormat": "Snappy"}}),
    )
    .unwrap_err();
    assert_eq!(e.kind().to_string(), "InvalidArgumentException");
    let e = sb
        .call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "rs", "RedshiftDestinationConfiguration": base,
                   "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter"}}),
        )
        .unwrap_err();
    assert_eq!(
        e.message().unwrap(),
        "Only one destination configuration can be specified."
    );
    create(&mut sb, json!({})).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// However COPYs fail and succeed (the table appearing late, or never), every record is
    /// buffered, awaiting its COPY, loaded, or skipped — never lost, never doubled.
    #[test]
    fn the_ledger_balances(puts in proptest::collection::vec(0u8..4, 1..12), table_after in 0u64..4000, retry in 0i64..3600) {
        let mut sb = Sandbox::default();
        let jdbc = cluster(&mut sb, true);
        redshift_stream(&mut sb, &jdbc, json!({"RetryOptions": {"DurationInSeconds": retry}}));
        let mut created = false;
        let mut elapsed = 0;
        for (i, p) in puts.iter().enumerate() {
            for _ in 0..*p {
                put(&mut sb, "rs", &reading(i as u32, "OK"));
            }
            sb.advance(Duration::from_secs(200));
            elapsed += 200;
            if !created && elapsed >= table_after {
                sql(&mut sb, TABLE);
                created = true;
            }
            prop_assert!(ledger(&sb).balanced());
        }
        sb.advance(Duration::from_secs(4000));
        let l = ledger(&sb);
        prop_assert!(l.balanced());
        let loaded = if created {
            rows(&mut sb, "select count(*) from sensor_readings")[0][0].as_u64().unwrap()
        } else {
            0
        };
        prop_assert_eq!(loaded, l.delivered);
        prop_assert_eq!(l.buffered + l.awaiting_retry, 0);
    }
}
