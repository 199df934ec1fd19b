//! Firehose's HTTP endpoint destination: the request as specified (headers, base64 records,
//! GZIP, common attributes, access key), only 200 as success, retries with backoff within the
//! retry duration and the same request id, 413 dropped, failures to `http-endpoint-failed/`,
//! `AllData` backups, validation in AWS's words, and a ledger that always balances.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::Sandbox;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const URL: &str = "https://collector.example.com/firehose";

fn endpoint(sb: &mut Sandbox, behavior: Value) {
    let mut body = json!({ "Url": URL });
    for (k, v) in behavior.as_object().unwrap() {
        body[k] = v.clone();
    }
    sb.call("HttpEndpoints.PutEndpoint", body).unwrap();
}

/// A Direct PUT stream `h` to the endpoint (60 s buffer), failed data to bucket `fails`.
fn http_stream(sb: &mut Sandbox, extra: Value) {
    let role = bucket_and_role(sb, "h", "fails", None);
    let mut cfg = json!({
        "EndpointConfiguration": {"Url": URL, "Name": "collector", "AccessKey": "secret-key"},
        "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
        "RoleARN": role,
        "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "h", "HttpEndpointDestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

fn requests(sb: &mut Sandbox) -> Vec<Value> {
    sb.call("HttpEndpoints.GetEndpoint", json!({ "Url": URL }))
        .unwrap()["Requests"]
        .as_array()
        .unwrap()
        .clone()
}

fn ledger(sb: &Sandbox) -> kinesis_sandbox::engine::firehose::Ledger {
    sb.firehose().get("h").unwrap().ledger
}

fn records_of(request: &Value) -> Vec<Vec<u8>> {
    let body: Value = serde_json::from_str(request["Body"].as_str().unwrap()).unwrap();
    body["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| unb64(r["data"].as_str().unwrap()))
        .collect()
}

#[test]
fn a_batch_is_one_post_with_firehoses_headers_and_base64_records() {
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({}));
    http_stream(
        &mut sb,
        json!({"RequestConfiguration": {"CommonAttributes": [
            {"AttributeName": "env", "AttributeValue": "lab"}]}}),
    );
    for r in ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"] {
        put(&mut sb, "h", r.as_bytes());
    }
    assert!(requests(&mut sb).is_empty(), "buffered for 60 s");
    sb.advance(Duration::from_secs(61));
    let got = requests(&mut sb);
    assert_eq!(got.len(), 1);
    let h = &got[0]["Headers"];
    assert_eq!(h["X-Amz-Firehose-Protocol-Version"], "1.0");
    assert_eq!(h["Content-Type"], "application/json");
    assert!(h.get("Content-Encoding").is_none(), "only with GZIP");
    assert_eq!(h["X-Amz-Firehose-Access-Key"], "secret-key");
    assert_eq!(
        h["X-Amz-Firehose-Source-Arn"],
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/h"
    );
    assert_eq!(
        serde_json::from_str::<Value>(h["X-Amz-Firehose-Common-Attributes"].as_str().unwrap())
            .unwrap(),
        json!({"commonAttributes": {"env": "lab"}})
    );
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(body["requestId"], h["X-Amz-Firehose-Request-Id"]);
    assert!(body["timestamp"].is_i64());
    assert_eq!(
        records_of(&got[0]),
        [
            b"{\"n\":1}".to_vec(),
            b"{\"n\":2}".to_vec(),
            b"{\"n\":3}".to_vec()
        ]
    );
    assert_eq!(got[0]["StatusCode"], 200);
    let l = ledger(&sb);
    assert_eq!((l.accepted, l.delivered), (3, 3));
    assert!(l.balanced());
    // Failed data only: nothing in the bucket.
    assert!(objects(&mut sb, "fails").is_empty());
    // Described as AWS does, without the access key.
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "h"}),
        )
        .unwrap();
    let dest = &d["DeliveryStreamDescription"]["Destinations"][0];
    let desc = &dest["HttpEndpointDestinationDescription"];
    assert_eq!(
        desc["EndpointConfiguration"],
        json!({"Url": URL, "Name": "collector"})
    );
    assert_eq!(desc["S3BackupMode"], "FailedDataOnly");
    assert_eq!(desc["RetryOptions"]["DurationInSeconds"], 300);
    assert_eq!(
        desc["S3DestinationDescription"]["BucketARN"],
        "arn:aws:s3:::fails"
    );
    assert!(!d.to_string().contains("secret-key"));
}

#[test]
fn gzip_content_encoding_compresses_the_body() {
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({}));
    http_stream(
        &mut sb,
        json!({"RequestConfiguration": {"ContentEncoding": "GZIP"}}),
    );
    put(&mut sb, "h", b"hello");
    sb.advance(Duration::from_secs(61));
    let got = requests(&mut sb);
    assert_eq!(got[0]["Headers"]["Content-Encoding"], "gzip");
    // Content-Length is the compressed body's.
    let length: usize = got[0]["Headers"]["Content-Length"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(length > 18 && length < 200, "{length}");
    assert_eq!(records_of(&got[0]), [b"hello".to_vec()]);
}

#[test]
fn an_error_for_a_while_is_retried_with_backoff_and_the_same_request_id() {
    let mut sb = Sandbox::default();
    endpoint(
        &mut sb,
        json!({"Behavior": "ERROR", "StatusCode": 503, "ForSeconds": 70}),
    );
    http_stream(&mut sb, json!({}));
    put(&mut sb, "h", b"a");
    sb.advance(Duration::from_secs(60));
    assert_eq!(requests(&mut sb).len(), 1);
    assert_eq!(ledger(&sb).awaiting_retry, 1);
    sb.advance(Duration::from_secs(60));
    let got = requests(&mut sb);
    // 1 s, 2 s, 4 s, 8 s … apart (±15 %), until the endpoint accepts again.
    assert!(got.len() >= 4, "{} attempts", got.len());
    let ids: Vec<&Value> = got
        .iter()
        .map(|r| &r["Headers"]["X-Amz-Firehose-Request-Id"])
        .collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
    let times: Vec<f64> = got.iter().map(|r| r["Time"].as_f64().unwrap()).collect();
    let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.windows(2).all(|w| w[1] >= w[0]), "{gaps:?}");
    assert_eq!(got.last().unwrap()["StatusCode"], 200);
    assert_eq!(got[0]["StatusCode"], 503);
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.awaiting_retry), (1, 0));
    assert!(l.balanced());
}

#[test]
fn after_the_retry_duration_the_records_go_to_http_endpoint_failed() {
    let mut sb = Sandbox::default();
    endpoint(
        &mut sb,
        json!({"Behavior": "ERROR", "StatusCode": 500, "ErrorMessage": "disk full"}),
    );
    http_stream(&mut sb, json!({"RetryOptions": {"DurationInSeconds": 30}}));
    put(&mut sb, "h", b"one");
    put(&mut sb, "h", b"two");
    sb.advance(Duration::from_secs(120));
    let objects = objects(&mut sb, "fails");
    assert_eq!(objects.len(), 1, "{objects:?}");
    let (key, body) = &objects[0];
    assert!(key.starts_with("http-endpoint-failed/"), "{key}");
    let docs: Vec<Value> = String::from_utf8_lossy(body)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["errorCode"], "HttpEndpoint.DestinationException");
    assert!(docs[0]["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("Received the following response from the endpoint destination. 500:"));
    assert!(docs[0]["errorMessage"]
        .as_str()
        .unwrap()
        .contains("disk full"));
    assert!(docs[0]["attemptsMade"].as_u64().unwrap() > 1);
    assert_eq!(docs[1]["subsequenceNumber"], 1);
    assert_eq!(unb64(docs[1]["rawData"].as_str().unwrap()), b"two");
    let first_id = &requests(&mut sb)[0]["Headers"]["X-Amz-Firehose-Request-Id"];
    assert_eq!(&docs[0]["dataId"], first_id);
    let l = ledger(&sb);
    assert_eq!((l.error_output, l.delivered), (2, 0));
    assert!(l.balanced());
}

#[test]
fn status_413_is_permanent_and_not_written_to_the_error_output() {
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({"Behavior": "ERROR", "StatusCode": 413}));
    http_stream(&mut sb, json!({}));
    put(&mut sb, "h", b"big");
    sb.advance(Duration::from_secs(400));
    assert_eq!(requests(&mut sb).len(), 1, "not retried");
    assert!(objects(&mut sb, "fails").is_empty());
    let l = ledger(&sb);
    assert_eq!(l.expired, 1);
    assert!(l.balanced());
}

#[test]
fn no_endpoint_and_no_answer_have_their_own_codes() {
    // Nothing set up at the URL: the connection fails.
    let mut sb = Sandbox::default();
    http_stream(&mut sb, json!({"RetryOptions": {"DurationInSeconds": 0}}));
    put(&mut sb, "h", b"x");
    sb.advance(Duration::from_secs(70));
    let (_, body) = objects(&mut sb, "fails").remove(0);
    assert!(String::from_utf8_lossy(&body).contains("HttpEndpoint.ConnectionFailed"));

    // An endpoint that never answers: each attempt takes the 3-minute timeout.
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({"Behavior": "TIMEOUT"}));
    http_stream(&mut sb, json!({"RetryOptions": {"DurationInSeconds": 60}}));
    put(&mut sb, "h", b"x");
    sb.advance(Duration::from_secs(70));
    assert!(
        objects(&mut sb, "fails").is_empty(),
        "the timeout isn't over"
    );
    sb.advance(Duration::from_secs(200));
    let (_, body) = objects(&mut sb, "fails").remove(0);
    let doc: Value = serde_json::from_slice(body.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(doc["errorCode"], "HttpEndpoint.RequestTimeout");
    assert_eq!(doc["attemptsMade"], 1);
}

#[test]
fn all_data_backs_up_every_delivered_batch_too() {
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({}));
    http_stream(&mut sb, json!({"S3BackupMode": "AllData"}));
    put(&mut sb, "h", b"kept ");
    put(&mut sb, "h", b"twice");
    sb.advance(Duration::from_secs(70));
    let objects = objects(&mut sb, "fails");
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0].1, b"kept twice");
    let l = ledger(&sb);
    assert_eq!(l.delivered, 2, "the backup is a copy");
    assert!(l.balanced());
}

#[test]
fn the_configuration_is_validated_in_awss_words() {
    let mut sb = Sandbox::default();
    let role = bucket_and_role(&mut sb, "h", "fails", None);
    let create = |sb: &mut Sandbox, cfg: Value| {
        sb.call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "h", "HttpEndpointDestinationConfiguration": cfg}),
        )
        .unwrap_err()
    };
    let s3 = json!({"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"});
    let e = create(
        &mut sb,
        json!({"EndpointConfiguration": {"Url": "http://plain.example.com"}, "S3Configuration": s3,
               "BufferingHints": {"SizeInMBs": 65}}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let text = e.to_string();
    assert!(text.contains("2 validation errors"), "{text}");
    assert!(
        text.contains("Member must satisfy regular expression pattern: https://.*"),
        "{text}"
    );
    assert!(
        text.contains("Member must have value less than or equal to 64"),
        "{text}"
    );
    let e = create(&mut sb, json!({"EndpointConfiguration": {"Url": URL}}));
    assert!(
        e.to_string()
            .contains("httpEndpointDestinationConfiguration.s3Configuration"),
        "{e}"
    );
    let e = create(
        &mut sb,
        json!({"EndpointConfiguration": {"Url": URL}, "S3Configuration": s3, "S3BackupMode": "Some"}),
    );
    assert!(e.to_string().contains("[FailedDataOnly, AllData]"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Whatever the endpoint does and however many records, every record is somewhere:
    /// buffered, waiting for a retry, delivered, in the error output or dropped for a 413.
    #[test]
    fn the_ledger_always_balances(
        status in prop::sample::select(vec![200u16, 413, 429, 500, 503]),
        for_seconds in 1i64..200,
        retry in 0i64..400,
        records in 1usize..40,
        steps in prop::collection::vec(1u64..120, 1..8),
    ) {
        let mut sb = Sandbox::default();
        if status == 200 {
            endpoint(&mut sb, json!({}));
        } else {
            endpoint(&mut sb, json!({"Behavior": "ERROR", "StatusCode": status, "ForSeconds": for_seconds}));
        }
        http_stream(&mut sb, json!({"RetryOptions": {"DurationInSeconds": retry}}));
        for i in 0..records {
            put(&mut sb, "h", format!("r{i}").as_bytes());
            if i % 7 == 0 {
                sb.advance(Duration::from_secs(13));
            }
        }
        for s in steps {
            sb.advance(Duration::from_secs(s));
            let l = ledger(&sb);
            prop_assert!(l.balanced(), "{:?}", l);
            prop_assert_eq!(l.accepted, records as u64);
        }
    }
}

#[test]
fn the_wizard_asks_for_an_https_url_and_builds_a_request_the_engine_takes() {
    use kinesis_sandbox::forms::firehose_create::{Wizard, WizardAction as A, DESTINATION};
    use kinesis_sandbox::forms::firehose_http::HttpAction as H;
    use kinesis_sandbox::forms::Form as _;
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({}));
    let role = bucket_and_role(&mut sb, "h", "fails", None);
    let mut w = Wizard::new(None, Some("fails".into()));
    w.apply(A::Name("h".into()));
    w.apply(A::Http(H::Enabled(true)));
    w.apply(A::Http(H::Url("http://insecure.example.com".into())));
    assert!(w.check(DESTINATION).unwrap_err().contains("https://"));
    w.apply(A::Http(H::Url(URL.into())));
    w.apply(A::Http(H::Retry("9000".into())));
    assert!(w.check(DESTINATION).unwrap_err().contains("Retry duration"));
    w.apply(A::Http(H::Retry("60".into())));
    w.apply(A::Http(H::Gzip(true)));
    w.apply(A::Http(H::AccessKey("k".into())));
    assert_eq!(w.check(DESTINATION), Ok(()));
    w.apply(A::SizeMb("65".into()));
    assert!(
        w.size_error().unwrap().contains("64"),
        "{:?}",
        w.size_error()
    );
    w.apply(A::SizeMb("1".into()));
    w.apply(A::IntervalS("60".into()));
    let req = w.create_request(&role, None, "us-east-1", "123456789012");
    let cfg = &req.body["HttpEndpointDestinationConfiguration"];
    assert_eq!(cfg["EndpointConfiguration"]["Url"], URL);
    assert_eq!(cfg["RequestConfiguration"]["ContentEncoding"], "GZIP");
    assert_eq!(cfg["RetryOptions"]["DurationInSeconds"], 60);
    assert_eq!(cfg["S3Configuration"]["BucketARN"], "arn:aws:s3:::fails");
    assert!(req.body.get("ExtendedS3DestinationConfiguration").is_none());
    sb.call(req.target, req.body).unwrap();
    sb.advance(Duration::from_secs(5));
    put(&mut sb, "h", b"from the wizard");
    sb.advance(Duration::from_secs(61));
    let got = requests(&mut sb);
    assert_eq!(records_of(&got[0]), [b"from the wizard".to_vec()]);
    assert!(w
        .review("r")
        .iter()
        .any(|(k, v)| *k == "Destination" && v.starts_with("HTTP endpoint https://")));
}

#[test]
fn a_lambda_transformation_runs_before_the_endpoint() {
    use kinesis_sandbox::engine::lambda::blueprints::examples::SENSOR_TO_CSV;
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({}));
    create_function(
        &mut sb,
        "to-csv",
        SENSOR_TO_CSV.file_name,
        SENSOR_TO_CSV.source,
    );
    sb.call("S3.CreateBucket", json!({"Bucket": "fails"}))
        .unwrap();
    let mut p = params("h", "fails", None);
    p.lambda_function = Some("to-csv".into());
    let role = kinesis_sandbox::forms::firehose_create::create_delivery_role(&mut sb, &p, "role-h")
        .unwrap();
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "h", "HttpEndpointDestinationConfiguration": {
            "EndpointConfiguration": {"Url": URL},
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
            "RoleARN": role,
            "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
                {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:to-csv"},
                {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"}]}]},
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    put(
        &mut sb,
        "h",
        br#"{"sensorId": 3, "currentTemperature": 99, "status": "FAIL"}"#,
    );
    sb.advance(Duration::from_secs(130));
    let got = requests(&mut sb);
    assert_eq!(got.len(), 1, "one POST after the function ran");
    let records = records_of(&got[0]);
    let line = String::from_utf8(records[0].clone()).unwrap();
    assert!(
        line.starts_with("3,99,FAIL"),
        "the endpoint got the CSV line: {line}"
    );
    assert!(ledger(&sb).balanced());
    assert_eq!(ledger(&sb).delivered, 1);
}

#[test]
fn a_slow_endpoint_delivers_when_its_answer_comes_and_past_3_minutes_times_out() {
    let mut sb = Sandbox::default();
    endpoint(&mut sb, json!({"Behavior": "SLOW", "DelaySeconds": 30}));
    http_stream(&mut sb, json!({}));
    put(&mut sb, "h", b"slow");
    sb.advance(Duration::from_secs(61));
    let got = requests(&mut sb);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["AnsweredAfterSeconds"], 30);
    assert_eq!(ledger(&sb).awaiting_retry, 1, "waiting for the answer");
    sb.advance(Duration::from_secs(31));
    assert_eq!(ledger(&sb).delivered, 1);
    assert_eq!(requests(&mut sb).len(), 1, "sent once");

    let e = sb
        .call(
            "HttpEndpoints.PutEndpoint",
            json!({"Url": URL, "Behavior": "SLOW"}),
        )
        .unwrap_err();
    assert_eq!(e.kind().to_string(), "InvalidArgumentException");
    endpoint(&mut sb, json!({"Behavior": "SLOW", "DelaySeconds": 200}));
    put(&mut sb, "h", b"too slow");
    sb.advance(Duration::from_secs(61 + 180));
    let got = requests(&mut sb);
    assert_eq!(got.last().unwrap()["TimedOut"], true);
    assert!(ledger(&sb).balanced());
}
