//! Amazon OpenSearch Service and Firehose's delivery to it: a domain's life cycle, a sealed
//! buffer as one bulk request, index rotation named as the docs' examples, refused documents
//! to `AmazonOpenSearchService-failed/` with the documented fields, whole-request failures
//! retried every 5 minutes within the retry duration, `AllDocuments` backups, document ids
//! and retries' duplicates, UpdateDestination's rule, and `_search` (query_string, filters,
//! terms and date_histogram aggregations) — with a ledger that always balances.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::cloudwatch::MetricId;
use kinesis_sandbox::engine::firehose::amazon_opensearch::Rotation;
use kinesis_sandbox::engine::{Sandbox, SimTime};
use kinesis_sandbox::forms::firehose_create::create_delivery_role;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const OS: &str = "OpenSearch";
const DOMAIN_ARN: &str = "arn:aws:es:us-east-1:123456789012:domain/logs";

fn domain(sb: &mut Sandbox, name: &str) -> Value {
    let out = sb
        .call(&format!("{OS}.CreateDomain"), json!({"DomainName": name}))
        .unwrap();
    sb.advance(Duration::from_secs(
        kinesis_sandbox::engine::opensearch::CREATE_DELAY_MS as u64 / 1000,
    ));
    out
}

/// The console's role for stream `o` with the domain's statement; bucket `fails`.
fn role(sb: &mut Sandbox, domain: Option<&str>) -> String {
    let _ = sb.call("S3.CreateBucket", json!({"Bucket": "fails"}));
    let mut p = params("o", "fails", None);
    p.opensearch_domain = domain.map(str::to_string);
    create_delivery_role(sb, &p, "role-o").unwrap()
}

/// A Direct PUT stream `o` to domain `logs` (60 s buffer), failed documents to `fails`.
fn os_stream(sb: &mut Sandbox, extra: Value) {
    let role = role(sb, Some("logs"));
    let mut cfg = json!({
        "RoleARN": role,
        "DomainARN": DOMAIN_ARN,
        "IndexName": "sensors",
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
        "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "o", "AmazonopensearchserviceDestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

fn search(sb: &mut Sandbox, index: &str, body: Value) -> Value {
    sb.call(
        &format!("{OS}.Search"),
        json!({"DomainName": "logs", "Index": index, "Body": body}),
    )
    .unwrap()
}

fn total(r: &Value) -> u64 {
    r["hits"]["total"]["value"].as_u64().unwrap()
}

fn ledger(sb: &Sandbox) -> kinesis_sandbox::engine::firehose::Ledger {
    sb.firehose().get("o").unwrap().ledger
}

fn describe(sb: &mut Sandbox) -> Value {
    sb.call(
        &format!("{FH}.DescribeDeliveryStream"),
        json!({"DeliveryStreamName": "o"}),
    )
    .unwrap()["DeliveryStreamDescription"]["Destinations"][0]
        .clone()
}

/// Every failed document written to the bucket, parsed.
fn failed_docs(sb: &mut Sandbox) -> Vec<(String, Value)> {
    objects(sb, "fails")
        .into_iter()
        .filter(|(k, _)| k.starts_with("AmazonOpenSearchService-failed/"))
        .flat_map(|(k, body)| {
            String::from_utf8(body)
                .unwrap()
                .lines()
                .map(|l| (k.clone(), serde_json::from_str(l).unwrap()))
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn a_domain_is_created_processing_then_active_with_its_endpoint() {
    let mut sb = Sandbox::default();
    let out = sb
        .call(&format!("{OS}.CreateDomain"), json!({"DomainName": "logs"}))
        .unwrap();
    let s = &out["DomainStatus"];
    assert_eq!(s["ARN"], DOMAIN_ARN);
    assert_eq!(s["DomainId"], "123456789012/logs");
    assert_eq!(s["Processing"], true);
    assert!(
        s.get("Endpoint").is_none(),
        "no endpoint while it is created"
    );
    sb.advance(Duration::from_secs(180));
    let s = &sb
        .call(
            &format!("{OS}.DescribeDomain"),
            json!({"DomainName": "logs"}),
        )
        .unwrap()["DomainStatus"];
    assert_eq!(s["Processing"], false);
    assert_eq!(s["DomainProcessingStatus"], "Active");
    let endpoint = s["Endpoint"].as_str().unwrap();
    assert!(endpoint.starts_with("search-logs-"), "{endpoint}");
    assert!(
        endpoint.ends_with(".us-east-1.es.amazonaws.com"),
        "{endpoint}"
    );
    assert_eq!(
        sb.call(&format!("{OS}.ListDomainNames"), json!({}))
            .unwrap(),
        json!({"DomainNames": [{"DomainName": "logs", "EngineType": "OpenSearch"}]})
    );
    // AWS's errors.
    let e = sb
        .call(&format!("{OS}.CreateDomain"), json!({"DomainName": "logs"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceAlreadyExistsException");
    let e = sb
        .call(&format!("{OS}.CreateDomain"), json!({"DomainName": "Logs"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    let e = sb
        .call(
            &format!("{OS}.DescribeDomain"),
            json!({"DomainName": "nope"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    // Deleted: gone a minute later.
    let s = &sb
        .call(&format!("{OS}.DeleteDomain"), json!({"DomainName": "logs"}))
        .unwrap()["DomainStatus"];
    assert_eq!(s["Deleted"], true);
    sb.advance(Duration::from_secs(60));
    assert!(sb
        .call(
            &format!("{OS}.DescribeDomain"),
            json!({"DomainName": "logs"})
        )
        .is_err());
}

#[test]
fn index_rotation_names_are_the_docs_examples() {
    let at = SimTime::from_rfc3339("2016-02-25T13:00:00Z").unwrap();
    let names: Vec<String> = Rotation::ALL
        .iter()
        .map(|r| r.index_name("myindex", at))
        .collect();
    assert_eq!(
        names,
        [
            "myindex",
            "myindex-2016-02-25-13",
            "myindex-2016-02-25",
            "myindex-2016-w08",
            "myindex-2016-02",
        ]
    );
}

#[test]
fn a_buffer_is_one_bulk_request_into_the_days_index() {
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    os_stream(&mut sb, json!({}));
    for r in [
        r#"{"sensor":"a","status":"OK","temp":20}"#,
        r#"{"sensor":"b","status":"FAIL","temp":95}"#,
        r#"{"sensor":"c","status":"OK","temp":21}"#,
    ] {
        put(&mut sb, "o", r.as_bytes());
    }
    sb.advance(Duration::from_secs(61));
    let day = Rotation::OneDay.index_name("sensors", SimTime::DEFAULT_START);
    let r = search(&mut sb, "sensors-*", json!({}));
    assert_eq!(total(&r), 3);
    assert_eq!(r["hits"]["hits"][0]["_index"], day);
    let l = ledger(&sb);
    assert_eq!((l.accepted, l.delivered), (3, 3));
    assert!(l.balanced());
    // One bulk call, by Firehose.
    let bulk = sb
        .events()
        .recent()
        .filter(|e| e.target == "OpenSearch.Bulk")
        .count();
    assert_eq!(bulk, 1);
    // Failed documents only: nothing in the bucket.
    assert!(objects(&mut sb, "fails").is_empty());
    // Described with AWS's names and defaults.
    let d = describe(&mut sb);
    let o = &d["AmazonopensearchserviceDestinationDescription"];
    assert_eq!(o["DomainARN"], DOMAIN_ARN);
    assert_eq!(o["IndexName"], "sensors");
    assert_eq!(o["IndexRotationPeriod"], "OneDay");
    assert_eq!(o["RetryOptions"]["DurationInSeconds"], 300);
    assert_eq!(o["S3BackupMode"], "FailedDocumentsOnly");
    assert_eq!(
        o["DocumentIdOptions"]["DefaultDocumentIdFormat"],
        "FIREHOSE_DEFAULT"
    );
    assert_eq!(
        o["S3DestinationDescription"]["BucketARN"],
        "arn:aws:s3:::fails"
    );
    // Metrics.
    let id = MetricId::new(
        "AWS/Firehose",
        "DeliveryToAmazonOpenSearchService.Records",
        &[("DeliveryStreamName", "o")],
    );
    assert_eq!(sb.cloudwatch().total(&id), 3.0);
}

#[test]
fn records_that_are_not_json_objects_fail_one_by_one_to_the_failed_prefix() {
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    os_stream(
        &mut sb,
        json!({"IndexRotationPeriod": "NoRotation", "TypeName": "reading"}),
    );
    put(&mut sb, "o", br#"{"ok":1}"#);
    put(&mut sb, "o", b"not json at all");
    put(&mut sb, "o", b"[1,2]");
    sb.advance(Duration::from_secs(61));
    assert_eq!(total(&search(&mut sb, "sensors", json!({}))), 1);
    sb.advance(Duration::from_secs(1));
    let failed = failed_docs(&mut sb);
    assert_eq!(failed.len(), 2);
    let (key, doc) = failed
        .iter()
        .find(|(_, d)| unb64(d["rawData"].as_str().unwrap()) == b"not json at all")
        .unwrap();
    assert!(key.starts_with("AmazonOpenSearchService-failed/"), "{key}");
    let fields: Vec<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for f in [
        "attemptsMade",
        "arrivalTimestamp",
        "errorCode",
        "errorMessage",
        "attemptEndingTimestamp",
        "esDocumentId",
        "esIndexName",
        "esTypeName",
        "rawData",
    ] {
        assert!(fields.contains(&f), "{f} in {fields:?}");
    }
    assert_eq!(doc["errorCode"], "400");
    assert!(doc["errorMessage"]
        .as_str()
        .unwrap()
        .contains("mapper_parsing_exception"));
    assert_eq!(doc["esIndexName"], "sensors");
    assert_eq!(doc["esTypeName"], "reading");
    assert_eq!(doc["attemptsMade"], 1);
    assert_eq!(unb64(doc["rawData"].as_str().unwrap()), b"not json at all");
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.error_output), (1, 2));
    assert!(l.balanced());
}

#[test]
fn a_missing_domain_is_retried_every_5_minutes_then_the_documents_go_to_s3() {
    let mut sb = Sandbox::default();
    // No domain at all; retry for 600 s: attempts at 0, 300 and 600.
    os_stream(&mut sb, json!({"RetryOptions": {"DurationInSeconds": 600}}));
    put(&mut sb, "o", br#"{"n":1}"#);
    put(&mut sb, "o", br#"{"n":2}"#);
    sb.advance(Duration::from_secs(61));
    let l = ledger(&sb);
    assert_eq!(l.awaiting_retry, 2);
    assert!(l.balanced());
    let gauge = sb.firehose_buffer("o").unwrap();
    assert_eq!(gauge.next_retry_in_s, Some(299), "sealed and tried at 60 s");
    sb.advance(Duration::from_secs(300));
    assert!(
        failed_docs(&mut sb).is_empty(),
        "still within the retry duration"
    );
    assert_eq!(ledger(&sb).awaiting_retry, 2);
    sb.advance(Duration::from_secs(301));
    let failed = failed_docs(&mut sb);
    assert_eq!(failed.len(), 2);
    assert_eq!(failed[0].1["errorCode"], "OS.ResourceNotFound");
    assert_eq!(failed[0].1["attemptsMade"], 3);
    let l = ledger(&sb);
    assert_eq!((l.error_output, l.awaiting_retry), (2, 0));
    assert!(l.balanced());
}

#[test]
fn a_role_without_es_http_post_is_refused_and_retried() {
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    let role = role(&mut sb, None); // S3 only: no es:ESHttpPost
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "o", "AmazonopensearchserviceDestinationConfiguration": {
            "RoleARN": role, "DomainARN": DOMAIN_ARN, "IndexName": "x",
            "RetryOptions": {"DurationInSeconds": 0},
            "BufferingHints": {"IntervalInSeconds": 0},
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    put(&mut sb, "o", br#"{"n":1}"#);
    sb.advance(Duration::from_secs(2));
    let failed = failed_docs(&mut sb);
    assert_eq!(failed.len(), 1, "no retry with a 0 s duration");
    assert_eq!(failed[0].1["errorCode"], "OS.AccessDenied");
    let access = sb.firehose_access("o");
    assert!(access.iter().any(|c| c.action == "es:ESHttpPost"));
}

#[test]
fn all_documents_also_writes_every_record_to_the_bucket() {
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    os_stream(&mut sb, json!({"S3BackupMode": "AllDocuments"}));
    put(&mut sb, "o", br#"{"n":1}"#);
    put(&mut sb, "o", br#"{"n":2}"#);
    sb.advance(Duration::from_secs(62));
    let backups: Vec<(String, Vec<u8>)> = objects(&mut sb, "fails")
        .into_iter()
        .filter(|(k, _)| !k.starts_with("AmazonOpenSearchService-failed/"))
        .collect();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].1, b"{\"n\":1}\n{\"n\":2}\n");
    assert_eq!(total(&search(&mut sb, "sensors-*", json!({}))), 2);
    assert!(ledger(&sb).balanced());
}

/// Records sent while the domain answers too late, then a retry after it recovers.
fn retried_after_a_timeout(format: &str) -> u64 {
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    os_stream(
        &mut sb,
        json!({"DocumentIdOptions": {"DefaultDocumentIdFormat": format}}),
    );
    sb.call(
        &format!("{OS}.PutDomainBehaviour"),
        json!({"DomainName": "logs", "Behaviour": "SlowResponses"}),
    )
    .unwrap();
    put(&mut sb, "o", br#"{"n":1}"#);
    put(&mut sb, "o", br#"{"n":2}"#);
    sb.advance(Duration::from_secs(61));
    assert_eq!(ledger(&sb).awaiting_retry, 2, "the timeout is a failure");
    sb.call(
        &format!("{OS}.PutDomainBehaviour"),
        json!({"DomainName": "logs", "Behaviour": "Normal"}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(300));
    let l = ledger(&sb);
    assert_eq!(l.delivered, 2);
    assert!(l.balanced());
    total(&search(&mut sb, "sensors-*", json!({})))
}

#[test]
fn no_document_id_duplicates_after_a_retry_and_firehose_default_does_not() {
    assert_eq!(retried_after_a_timeout("FIREHOSE_DEFAULT"), 2);
    assert_eq!(retried_after_a_timeout("NO_DOCUMENT_ID"), 4);
}

#[test]
fn validation_and_update_rules() {
    let mut sb = Sandbox::default();
    os_stream(&mut sb, json!({}));
    let role = sb
        .firehose()
        .get("o")
        .unwrap()
        .opensearch
        .as_ref()
        .unwrap()
        .role_arn
        .clone();
    let create = |sb: &mut Sandbox, cfg: Value| {
        sb.call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "v", "AmazonopensearchserviceDestinationConfiguration": cfg}),
        )
    };
    let s3 = json!({"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"});
    let long = "i".repeat(81);
    let e = create(
        &mut sb,
        json!({"RoleARN": role, "DomainARN": DOMAIN_ARN, "IndexName": long, "S3Configuration": s3,
               "BufferingHints": {"SizeInMBs": 101}, "IndexRotationPeriod": "OneYear"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    let m = e.message().unwrap();
    assert!(m.starts_with("3 validation errors detected"), "{m}");
    assert!(m.contains("indexName"), "{m}");
    let e = create(
        &mut sb,
        json!({"RoleARN": role, "IndexName": "x", "S3Configuration": s3}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let e = create(
        &mut sb,
        json!({"RoleARN": role, "IndexName": "x", "S3Configuration": s3, "DomainARN": DOMAIN_ARN,
               "ClusterEndpoint": "https://search-logs-x.us-east-1.es.amazonaws.com"}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    // Switching to or from OpenSearch is refused; an OpenSearch update is taken.
    let update = |sb: &mut Sandbox, name: &str, u: Value| {
        let mut body = json!({"DeliveryStreamName": name, "CurrentDeliveryStreamVersionId": "1",
                              "DestinationId": "destinationId-000000000001"});
        for (k, v) in u.as_object().unwrap() {
            body[k] = v.clone();
        }
        sb.call(&format!("{FH}.UpdateDestination"), body)
    };
    let e = update(
        &mut sb,
        "o",
        json!({"ExtendedS3DestinationUpdate": {"BucketARN": "arn:aws:s3:::fails"}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    assert_eq!(
        e.message().unwrap(),
        "Switching between Amazon OpenSearch Service and other services is not supported."
    );
    direct_put(&mut sb, "s3only", "other", json!({}));
    let e = update(
        &mut sb,
        "s3only",
        json!({"AmazonopensearchserviceDestinationUpdate": {"IndexName": "x"}}),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    update(
        &mut sb,
        "o",
        json!({"AmazonopensearchserviceDestinationUpdate": {"IndexName": "readings", "IndexRotationPeriod": "OneHour"}}),
    )
    .unwrap();
    let o = &describe(&mut sb)["AmazonopensearchserviceDestinationDescription"];
    assert_eq!(o["IndexName"], "readings");
    assert_eq!(o["IndexRotationPeriod"], "OneHour");
    assert_eq!(o["DomainARN"], DOMAIN_ARN, "kept");
}

fn bulk(sb: &mut Sandbox, docs: &[(&str, Value)]) {
    let mut body = String::new();
    for (index, d) in docs {
        body.push_str(&json!({"index": {"_index": index}}).to_string());
        body.push('\n');
        body.push_str(&d.to_string());
        body.push('\n');
    }
    let out = sb
        .call(
            &format!("{OS}.Bulk"),
            json!({"DomainName": "logs", "Body": body}),
        )
        .unwrap();
    assert_eq!(out["errors"], false);
}

fn readings(sb: &mut Sandbox) {
    domain(sb, "logs");
    bulk(
        sb,
        &[
            (
                "sensors-2026-01-01",
                json!({"sensor": "alpha", "status": "OK", "temp": 20, "ts": "2026-01-01T10:00:00Z", "note": "all good"}),
            ),
            (
                "sensors-2026-01-01",
                json!({"sensor": "beta", "status": "FAIL", "temp": 95, "ts": "2026-01-01T10:01:30Z", "note": "overheating failure"}),
            ),
            (
                "sensors-2026-01-01",
                json!({"sensor": "alpha", "status": "FAIL", "temp": 91, "ts": "2026-01-01T10:02:10Z", "note": "failed reading"}),
            ),
            (
                "sensors-2026-01-02",
                json!({"sensor": "gamma", "status": "OK", "temp": 25, "ts": "2026-01-02T00:00:00Z", "note": "fine"}),
            ),
            ("other", json!({"sensor": "alpha", "status": "FAIL"})),
        ],
    );
}

#[test]
fn search_query_string_match_and_filters() {
    let mut sb = Sandbox::default();
    readings(&mut sb);
    // An index pattern.
    assert_eq!(total(&search(&mut sb, "sensors-*", json!({}))), 4);
    assert_eq!(total(&search(&mut sb, "sensors-2026-01-01", json!({}))), 3);
    // query_string: a field, a word anywhere, AND, NOT, a prefix, a range.
    let q = |s: &str| json!({"query": {"query_string": {"query": s}}});
    assert_eq!(total(&search(&mut sb, "sensors-*", q("status:FAIL"))), 2);
    assert_eq!(
        total(&search(&mut sb, "sensors-*", q("fail"))),
        2,
        "status FAIL; not 'failure'"
    );
    assert_eq!(total(&search(&mut sb, "sensors-*", q("fail*"))), 2);
    assert_eq!(
        total(&search(
            &mut sb,
            "sensors-*",
            q("status:FAIL AND sensor:alpha")
        )),
        1
    );
    assert_eq!(
        total(&search(
            &mut sb,
            "sensors-*",
            q("status:FAIL AND NOT sensor:alpha")
        )),
        1
    );
    assert_eq!(total(&search(&mut sb, "sensors-*", q("temp:>90"))), 2);
    assert_eq!(
        total(&search(&mut sb, "sensors-*", q("overheating OR fine"))),
        2
    );
    // match scores with BM25: the rarer word first.
    let r = search(
        &mut sb,
        "sensors-*",
        json!({"query": {"match": {"note": "failure good"}}}),
    );
    assert_eq!(total(&r), 2);
    assert!(r["hits"]["max_score"].as_f64().unwrap() > 0.0);
    // bool with must / filter, term, range on dates, sort, size and from.
    let r = search(
        &mut sb,
        "sensors-*",
        json!({
            "query": {"bool": {
                "must": [{"match": {"status": "fail"}}],
                "filter": [
                    {"term": {"sensor.keyword": "alpha"}},
                    {"range": {"ts": {"gte": "2026-01-01T10:00:00Z", "lt": "2026-01-01T11:00:00Z"}}}
                ]
            }}
        }),
    );
    assert_eq!(total(&r), 1);
    assert_eq!(r["hits"]["hits"][0]["_source"]["temp"], 91);
    let r = search(
        &mut sb,
        "sensors-*",
        json!({"sort": [{"temp": {"order": "desc"}}], "size": 2, "from": 1}),
    );
    assert_eq!(total(&r), 4);
    let temps: Vec<i64> = r["hits"]["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["_source"]["temp"].as_i64().unwrap())
        .collect();
    assert_eq!(temps, [91, 25]);
    // Errors in OpenSearch's words.
    let e = sb
        .call(
            &format!("{OS}.Search"),
            json!({"DomainName": "logs", "Index": "missing", "Body": {}}),
        )
        .unwrap_err();
    assert_eq!(e.message().unwrap(), "no such index [missing]");
    let e = sb
        .call(
            &format!("{OS}.Search"),
            json!({"DomainName": "logs", "Index": "*", "Body": {"query": {"fuzzy_thing": {}}}}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
}

#[test]
fn search_terms_and_date_histogram_aggregations() {
    let mut sb = Sandbox::default();
    readings(&mut sb);
    let r = search(
        &mut sb,
        "sensors-2026-01-01",
        json!({
            "size": 0,
            "aggs": {
                "by_status": {"terms": {"field": "status.keyword"}},
                "over_time": {"date_histogram": {"field": "ts", "fixed_interval": "1m"},
                              "aggs": {"hottest": {"max": {"field": "temp"}}}}
            }
        }),
    );
    assert_eq!(r["hits"]["hits"], json!([]));
    assert_eq!(
        r["aggregations"]["by_status"]["buckets"],
        json!([{"key": "FAIL", "doc_count": 2}, {"key": "OK", "doc_count": 1}])
    );
    let buckets = r["aggregations"]["over_time"]["buckets"]
        .as_array()
        .unwrap();
    let counts: Vec<u64> = buckets
        .iter()
        .map(|b| b["doc_count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [1, 1, 1]);
    assert_eq!(buckets[0]["key_as_string"], "2026-01-01T10:00:00.000Z");
    assert_eq!(buckets[1]["hottest"]["value"], 95.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever arrives — JSON or not — while the domain comes and goes, every record is in
    /// exactly one place.
    #[test]
    fn the_ledger_balances(
        records in proptest::collection::vec((any::<bool>(), 0u8..50), 1..30),
        domain_up in any::<bool>(),
        no_ids in any::<bool>(),
        steps in proptest::collection::vec(1u64..400, 1..6),
    ) {
        let mut sb = Sandbox::default();
        if domain_up {
            domain(&mut sb, "logs");
        }
        let format = if no_ids { "NO_DOCUMENT_ID" } else { "FIREHOSE_DEFAULT" };
        os_stream(&mut sb, json!({"DocumentIdOptions": {"DefaultDocumentIdFormat": format},
                                  "S3BackupMode": "AllDocuments"}));
        for (json_ok, n) in &records {
            let data = if *json_ok { format!("{{\"n\":{n}}}") } else { format!("bad {n}") };
            put(&mut sb, "o", data.as_bytes());
            prop_assert!(ledger(&sb).balanced());
        }
        for s in steps {
            sb.advance(Duration::from_secs(s));
            let l = ledger(&sb);
            prop_assert!(l.balanced(), "{l:?}");
        }
        sb.advance(Duration::from_secs(1200));
        let l = ledger(&sb);
        prop_assert!(l.balanced());
        prop_assert_eq!(l.buffered + l.awaiting_retry, 0, "{:?}", l);
        prop_assert_eq!(l.delivered + l.error_output, records.len() as u64);
    }
}

#[test]
fn the_wizard_checks_the_domain_and_index_and_its_role_may_post_to_the_domain() {
    use kinesis_sandbox::forms::firehose_create::{Wizard, WizardAction as A, DESTINATION};
    use kinesis_sandbox::forms::firehose_opensearch::OpenSearchAction as O;
    use kinesis_sandbox::forms::Form as _;
    let mut sb = Sandbox::default();
    domain(&mut sb, "logs");
    sb.call("S3.CreateBucket", json!({"Bucket": "fails"}))
        .unwrap();
    let mut w = Wizard::new(None, Some("fails".into()));
    w.apply(A::Name("o".into()));
    w.apply(A::Http(
        kinesis_sandbox::forms::firehose_http::HttpAction::Enabled(true),
    ));
    w.apply(A::OpenSearch(O::Enabled(true)));
    assert!(!w.http.enabled, "one destination at a time");
    assert!(w
        .check(DESTINATION)
        .unwrap_err()
        .contains("OpenSearch domain"));
    w.apply(A::OpenSearch(O::Domain("logs".into())));
    assert!(w.check(DESTINATION).unwrap_err().contains("index name"));
    w.apply(A::OpenSearch(O::Index("Big Index".into())));
    assert!(w.check(DESTINATION).unwrap_err().contains("lower case"));
    w.apply(A::OpenSearch(O::Index("app".into())));
    assert_eq!(w.opensearch.rotation, "OneDay", "the console's default");
    w.apply(A::OpenSearch(O::Rotation("OneHour".into())));
    assert_eq!(w.check(DESTINATION), Ok(()));
    w.apply(A::SizeMb("101".into()));
    assert!(
        w.size_error().unwrap().contains("100"),
        "{:?}",
        w.size_error()
    );
    w.apply(A::SizeMb("1".into()));
    w.apply(A::IntervalS("60".into()));
    // The console's role, with the domain's statement.
    let params = w.role_params("us-east-1".into(), "123456789012".into());
    let role = create_delivery_role(&mut sb, &params, "wizard-role").unwrap();
    let req = w.create_request(&role, None, "us-east-1", "123456789012");
    let cfg = &req.body["AmazonopensearchserviceDestinationConfiguration"];
    assert_eq!(cfg["DomainARN"], DOMAIN_ARN);
    assert_eq!(cfg["IndexRotationPeriod"], "OneHour");
    sb.call(req.target, req.body).unwrap();
    sb.advance(Duration::from_secs(5));
    put(&mut sb, "o", br#"{"from":"the wizard"}"#);
    sb.advance(Duration::from_secs(61));
    let hour = Rotation::OneHour.index_name("app", sb.now());
    let r = search(&mut sb, "app-*", json!({}));
    assert_eq!(total(&r), 1);
    assert_eq!(r["hits"]["hits"][0]["_index"], hour);
    assert!(w
        .review("r")
        .iter()
        .any(|(_, v)| v.contains("Amazon OpenSearch Service domain logs")));
}
