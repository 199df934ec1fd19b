//! Firehose's Splunk destination against the sandbox's simulated Splunk HEC: Raw and Event
//! endpoints, indexer acknowledgement (and its timeout), each error code the HEC can cause,
//! the retry clock, `splunk-failed/` documents, `AllEvents` backups, UpdateDestination's
//! one-way backup mode, validation in AWS's words, the search, and a ledger that always
//! balances.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::splunk::HEC_URL;
use kinesis_sandbox::engine::Sandbox;
use proptest::prelude::*;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

/// A HEC token (indexer acknowledgement as given); returns its value.
fn token(sb: &mut Sandbox, name: &str, extra: Value) -> String {
    let mut body = json!({"Name": name, "IndexerAcknowledgement": true});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    sb.call("SplunkHec.CreateToken", body).unwrap()["Token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// A Direct PUT stream `s` to the HEC (Raw unless `extra` says otherwise, 60 s buffer),
/// failed events to bucket `fails`.
fn splunk_stream(sb: &mut Sandbox, token: &str, extra: Value) {
    let role = bucket_and_role(sb, "s", "fails", None);
    let mut cfg = json!({
        "HECEndpoint": HEC_URL,
        "HECEndpointType": "Raw",
        "HECToken": token,
        "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"},
        "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": "/aws/kinesisfirehose/s", "LogStreamName": "DestinationDelivery"},
    });
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "s", "SplunkDestinationConfiguration": cfg}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

fn ledger(sb: &Sandbox) -> kinesis_sandbox::engine::firehose::Ledger {
    sb.firehose().get("s").unwrap().ledger
}

fn search(sb: &mut Sandbox, query: &str) -> Vec<Value> {
    sb.call("SplunkHec.GetSearchResults", json!({ "Query": query }))
        .unwrap()["Results"]
        .as_array()
        .unwrap()
        .clone()
}

fn raws(results: &[Value]) -> Vec<String> {
    results
        .iter()
        .map(|r| r["_raw"].as_str().unwrap().to_string())
        .collect()
}

/// The error documents in `splunk-failed/`, in order.
fn failed_docs(sb: &mut Sandbox) -> Vec<Value> {
    objects(sb, "fails")
        .into_iter()
        .filter(|(k, _)| k.starts_with("splunk-failed/"))
        .flat_map(|(_, body)| {
            String::from_utf8_lossy(&body)
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The error codes in the delivery stream's error log.
fn logged_codes(sb: &mut Sandbox) -> Vec<String> {
    let got = sb
        .call(
            "Logs.FilterLogEvents",
            json!({"logGroupName": "/aws/kinesisfirehose/s"}),
        )
        .unwrap();
    got["events"]
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
fn raw_endpoint_concatenates_records_and_splunk_breaks_lines() {
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "firehose", json!({}));
    splunk_stream(&mut sb, &t, json!({}));
    // Firehose adds no delimiter: two records without a newline become one event.
    put(&mut sb, "s", b"GET /a 200\n");
    put(&mut sb, "s", b"GET /b FAIL");
    put(&mut sb, "s", b"GET /c 200\n");
    assert!(search(&mut sb, "").is_empty(), "buffered for 60 s");
    sb.advance(Duration::from_secs(61));
    let got = search(&mut sb, "index=main");
    assert_eq!(raws(&got), ["GET /b FAILGET /c 200", "GET /a 200"]);
    assert_eq!(got[0]["sourcetype"], "httpevent");
    assert_eq!(got[0]["source"], "http:firehose");
    assert_eq!(got[0]["index"], "main");
    assert_eq!(raws(&search(&mut sb, "fail")), ["GET /b FAILGET /c 200"]);
    let l = ledger(&sb);
    assert_eq!((l.accepted, l.delivered), (3, 3));
    assert!(l.balanced());
    assert!(objects(&mut sb, "fails").is_empty(), "failed events only");
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "s"}),
        )
        .unwrap();
    let desc = &d["DeliveryStreamDescription"]["Destinations"][0]["SplunkDestinationDescription"];
    assert_eq!(desc["HECEndpoint"], HEC_URL);
    assert_eq!(desc["HECEndpointType"], "Raw");
    assert_eq!(desc["HECAcknowledgmentTimeoutInSeconds"], 180);
    assert_eq!(desc["RetryOptions"]["DurationInSeconds"], 3600);
    assert_eq!(desc["S3BackupMode"], "FailedEventsOnly");
    assert_eq!(desc["CloudWatchLoggingOptions"]["Enabled"], true);
    assert_eq!(desc["HECToken"], t.as_str());
    assert_eq!(
        desc["BufferingHints"],
        json!({"SizeInMBs": 5, "IntervalInSeconds": 60})
    );
    assert_eq!(
        desc["S3DestinationDescription"]["BucketARN"],
        "arn:aws:s3:::fails"
    );
}

#[test]
fn event_endpoint_takes_hec_event_json_with_its_fields() {
    let mut sb = Sandbox::default();
    sb.call("SplunkHec.CreateIndex", json!({"Name": "web"}))
        .unwrap();
    let t = token(&mut sb, "events", json!({}));
    splunk_stream(&mut sb, &t, json!({"HECEndpointType": "Event"}));
    put(
        &mut sb,
        "s",
        br#"{"event": {"user": "ana", "action": "login"}, "sourcetype": "app:auth", "time": 1767261700}"#,
    );
    put(
        &mut sb,
        "s",
        br#"{"event": "plain text", "index": "web", "host": "web-1"}"#,
    );
    sb.advance(Duration::from_secs(61));
    let main = search(&mut sb, "index=main sourcetype=app:auth");
    assert_eq!(main.len(), 1);
    assert_eq!(main[0]["_time"], 1767261700.0);
    let raw: Value = serde_json::from_str(main[0]["_raw"].as_str().unwrap()).unwrap();
    assert_eq!(raw, json!({"user": "ana", "action": "login"}));
    let web = search(&mut sb, "index=web");
    assert_eq!(raws(&web), ["plain text"]);
    assert_eq!(web[0]["host"], "web-1");
    // Without index=, the default index is searched (as Splunk does).
    assert_eq!(search(&mut sb, "plain").len(), 0);
    assert_eq!(search(&mut sb, "index=* plain").len(), 1);
    assert_eq!(ledger(&sb).delivered, 2);
}

/// One record through a stream whose delivery fails with `code` (no retries), and the
/// error document it ends up as.
fn fails_with(sb: &mut Sandbox, token: &str, extra: Value, data: &[u8], code: &str) -> Value {
    let mut cfg = json!({"RetryOptions": {"DurationInSeconds": 0}});
    for (k, v) in extra.as_object().unwrap() {
        cfg[k] = v.clone();
    }
    splunk_stream(sb, token, cfg);
    put(sb, "s", data);
    sb.advance(Duration::from_secs(70));
    let docs = failed_docs(sb);
    assert_eq!(docs.len(), 1, "{code}: {docs:?}");
    assert_eq!(docs[0]["errorCode"], code);
    assert_eq!(logged_codes(sb), [code]);
    let l = ledger(sb);
    assert_eq!((l.error_output, l.delivered), (1, 0), "{code}");
    assert!(l.balanced());
    docs[0].clone()
}

#[test]
fn each_error_the_hec_can_cause_has_its_code_and_awss_message() {
    let mut sb = Sandbox::default();
    let doc = fails_with(
        &mut sb,
        "00000000-0000-0000-0000-000000000000",
        json!({}),
        b"x",
        "Splunk.InvalidToken",
    );
    assert_eq!(
        doc["errorMessage"],
        "The HEC token is invalid. Update Kinesis Firehose with a valid HEC token."
    );

    let mut sb = Sandbox::default();
    let t = token(&mut sb, "off", json!({}));
    sb.call(
        "SplunkHec.UpdateToken",
        json!({"Token": t, "Enabled": false}),
    )
    .unwrap();
    let doc = fails_with(&mut sb, &t, json!({}), b"x", "Splunk.DisabledToken");
    assert!(doc["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("The HEC token is disabled."));

    let mut sb = Sandbox::default();
    let t = token(&mut sb, "noack", json!({"IndexerAcknowledgement": false}));
    let doc = fails_with(&mut sb, &t, json!({}), b"x", "Splunk.DisabledAck");
    assert!(doc["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("Indexer acknowledgement is disabled for the HEC token."));

    let mut sb = Sandbox::default();
    sb.call("SplunkHec.CreateIndex", json!({"Name": "web"}))
        .unwrap();
    let t = token(
        &mut sb,
        "only-web",
        json!({"DefaultIndex": "web", "AllowedIndexes": ["web"]}),
    );
    fails_with(
        &mut sb,
        &t,
        json!({"HECEndpointType": "Event"}),
        br#"{"event": "x", "index": "main"}"#,
        "Splunk.InvalidIndex",
    );

    let mut sb = Sandbox::default();
    let t = token(&mut sb, "ev", json!({}));
    let doc = fails_with(
        &mut sb,
        &t,
        json!({"HECEndpointType": "Event"}),
        b"just a line of text",
        "Splunk.InvalidDataFormat",
    );
    assert_eq!(
        unb64(doc["rawData"].as_str().unwrap()),
        b"just a line of text"
    );

    let mut sb = Sandbox::default();
    let t = token(&mut sb, "busy", json!({}));
    sb.call("SplunkHec.PutBehavior", json!({"Behavior": "SERVER_ERROR"}))
        .unwrap();
    let doc = fails_with(&mut sb, &t, json!({}), b"x", "Splunk.ServerError");
    assert!(doc["errorMessage"]
        .as_str()
        .unwrap()
        .contains("server error from the HEC node"));

    let mut sb = Sandbox::default();
    let t = token(&mut sb, "typo", json!({}));
    let doc = fails_with(
        &mut sb,
        &t,
        json!({"HECEndpoint": "https://hec.splunk.sandbox:8089"}),
        b"x",
        "Splunk.InvalidEndpoint",
    );
    assert!(doc["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("Could not connect to the HEC endpoint."));
    // Nothing was indexed by any of them.
    assert!(search(&mut sb, "index=*").is_empty());
}

#[test]
fn an_ack_timeout_starts_the_retry_clock_then_a_retry_succeeds() {
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "slow", json!({}));
    // Acknowledgements 200 s late for 5 minutes: past the 180 s timeout.
    sb.call(
        "SplunkHec.PutBehavior",
        json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 200, "ForSeconds": 300}),
    )
    .unwrap();
    splunk_stream(
        &mut sb,
        &t,
        json!({"RetryOptions": {"DurationInSeconds": 600}}),
    );
    put(&mut sb, "s", b"hello splunk");
    sb.advance(Duration::from_secs(61));
    // Sent and indexed; the acknowledgement is outstanding.
    assert_eq!(search(&mut sb, "hello").len(), 1);
    let d = sb.firehose().get("s").unwrap();
    assert_eq!(
        kinesis_sandbox::engine::firehose::splunk::waiting(d),
        (1, 0)
    );
    assert_eq!(ledger(&sb).awaiting_retry, 1);
    sb.advance(Duration::from_secs(178));
    assert!(logged_codes(&mut sb).is_empty(), "still inside the timeout");
    sb.advance(Duration::from_secs(2));
    assert_eq!(logged_codes(&mut sb), ["Splunk.AckTimeout"]);
    // Retries go on (each one waits for its acknowledgement) until the HEC is normal again.
    sb.advance(Duration::from_secs(600));
    let l = ledger(&sb);
    assert_eq!((l.delivered, l.awaiting_retry, l.error_output), (1, 0, 0));
    assert!(l.balanced());
    // Sent at 65 s and 246 s (both acknowledgements too late: the HEC indexed them anyway)
    // and at about 427 s, acknowledged at once: three copies in Splunk.
    assert_eq!(search(&mut sb, "hello").len(), 3);
    assert_eq!(
        logged_codes(&mut sb),
        ["Splunk.AckTimeout", "Splunk.AckTimeout"]
    );
    assert!(failed_docs(&mut sb).is_empty());
    // An acknowledgement within the timeout is simply waited for.
    sb.call(
        "SplunkHec.PutBehavior",
        json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 30}),
    )
    .unwrap();
    put(&mut sb, "s", b"second");
    sb.advance(Duration::from_secs(61));
    assert_eq!(ledger(&sb).delivered, 1);
    sb.advance(Duration::from_secs(31));
    assert_eq!(ledger(&sb).delivered, 2);
    let metrics = sb
        .call(
            "CloudWatch.ListMetrics",
            json!({"Namespace": "AWS/Firehose"}),
        )
        .unwrap()
        .to_string();
    assert!(
        metrics.contains("DeliveryToSplunk.DataAckLatency"),
        "{metrics}"
    );
    assert!(metrics.contains("DeliveryToSplunk.Records"));
}

#[test]
fn retries_to_expiry_back_up_with_the_documented_fields() {
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "slow", json!({}));
    sb.call(
        "SplunkHec.PutBehavior",
        json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 900}),
    )
    .unwrap();
    splunk_stream(
        &mut sb,
        &t,
        json!({"RetryOptions": {"DurationInSeconds": 60}}),
    );
    put(&mut sb, "s", b"one\n");
    put(&mut sb, "s", b"two\n");
    sb.advance(Duration::from_secs(61));
    let start = sb.now().epoch_millis();
    // First timeout at +180 s starts the 60 s retry clock; the retry sent within it is
    // still waited for (its own 180 s timeout) after the clock runs out.
    sb.advance(Duration::from_secs(200));
    assert!(failed_docs(&mut sb).is_empty());
    sb.advance(Duration::from_secs(400));
    let docs = failed_docs(&mut sb);
    assert_eq!(docs.len(), 2, "{docs:?}");
    let mut keys: Vec<&str> = docs[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "EventId",
            "arrivalTimestamp",
            "attemptEndingTimestamp",
            "attemptsMade",
            "errorCode",
            "errorMessage",
            "rawData"
        ]
    );
    assert_eq!(docs[0]["errorCode"], "Splunk.AckTimeout");
    assert!(docs[0]["errorMessage"]
        .as_str()
        .unwrap()
        .starts_with("Did not receive an acknowledgement from HEC before the HEC acknowledgement timeout expired."));
    let attempts = docs[0]["attemptsMade"].as_u64().unwrap();
    assert!(attempts >= 2, "{attempts}");
    let ended = docs[0]["attemptEndingTimestamp"].as_i64().unwrap();
    // The last attempt started inside the retry window and ran its full timeout.
    assert!(ended - start >= 180_000 + 60_000, "{}", ended - start);
    assert!(
        ended - start <= 180_000 + 60_000 + 180_000 + 1_000,
        "{}",
        ended - start
    );
    assert_eq!(unb64(docs[1]["rawData"].as_str().unwrap()), b"two\n");
    let id0 = docs[0]["EventId"].as_str().unwrap();
    assert!(id0.ends_with(".0"), "{id0}");
    assert!(docs[1]["EventId"].as_str().unwrap().ends_with(".1"));
    let l = ledger(&sb);
    assert_eq!((l.error_output, l.delivered, l.awaiting_retry), (2, 0, 0));
    assert!(l.balanced());
}

#[test]
fn all_events_backs_up_every_delivered_batch_and_cant_go_back() {
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "all", json!({}));
    splunk_stream(&mut sb, &t, json!({}));
    put(&mut sb, "s", b"before\n");
    sb.advance(Duration::from_secs(61));
    assert!(objects(&mut sb, "fails").is_empty());
    let update = |sb: &mut Sandbox, u: Value| {
        let version = sb
            .call(
                &format!("{FH}.DescribeDeliveryStream"),
                json!({"DeliveryStreamName": "s"}),
            )
            .unwrap()["DeliveryStreamDescription"]["VersionId"]
            .as_str()
            .unwrap()
            .to_string();
        sb.call(
            &format!("{FH}.UpdateDestination"),
            json!({"DeliveryStreamName": "s", "CurrentDeliveryStreamVersionId": version,
                   "DestinationId": "destinationId-000000000001", "SplunkDestinationUpdate": u}),
        )
    };
    update(&mut sb, json!({"S3BackupMode": "AllEvents"})).unwrap();
    put(&mut sb, "s", b"kept \n");
    put(&mut sb, "s", b"twice\n");
    sb.advance(Duration::from_secs(61));
    let objs = objects(&mut sb, "fails");
    assert_eq!(objs.len(), 1);
    assert_eq!(objs[0].1, b"kept \ntwice\n");
    assert_eq!(ledger(&sb).delivered, 3, "the backup is a copy");
    assert!(ledger(&sb).balanced());
    let e = update(&mut sb, json!({"S3BackupMode": "FailedEventsOnly"})).unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    // Other fields can change.
    update(&mut sb, json!({"HECAcknowledgmentTimeoutInSeconds": 300})).unwrap();
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "s"}),
        )
        .unwrap();
    let desc = &d["DeliveryStreamDescription"]["Destinations"][0]["SplunkDestinationDescription"];
    assert_eq!(desc["HECAcknowledgmentTimeoutInSeconds"], 300);
    assert_eq!(desc["S3BackupMode"], "AllEvents");
}

#[test]
fn the_configuration_is_validated_in_awss_words() {
    let mut sb = Sandbox::default();
    let role = bucket_and_role(&mut sb, "s", "fails", None);
    let s3 = json!({"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"});
    let create = |sb: &mut Sandbox, cfg: Value| {
        sb.call(
            &format!("{FH}.CreateDeliveryStream"),
            json!({"DeliveryStreamName": "s", "SplunkDestinationConfiguration": cfg}),
        )
        .unwrap_err()
    };
    let e = create(
        &mut sb,
        json!({"HECEndpoint": HEC_URL, "HECEndpointType": "Json", "HECToken": "t",
               "HECAcknowledgmentTimeoutInSeconds": 100, "RetryOptions": {"DurationInSeconds": 7201},
               "BufferingHints": {"IntervalInSeconds": 61, "SizeInMBs": 6}, "S3Configuration": s3}),
    );
    assert_eq!(e.error_type(), "ValidationException");
    let text = e.to_string();
    assert!(text.contains("5 validation errors"), "{text}");
    assert!(
        text.contains("Member must satisfy enum value set: [Raw, Event]"),
        "{text}"
    );
    assert!(
        text.contains("Member must have value greater than or equal to 180"),
        "{text}"
    );
    assert!(
        text.contains("Member must have value less than or equal to 7200"),
        "{text}"
    );
    assert!(
        text.contains("Member must have value less than or equal to 60"),
        "{text}"
    );
    assert!(
        text.contains("Member must have value less than or equal to 5"),
        "{text}"
    );
    let e = create(
        &mut sb,
        json!({"HECEndpoint": HEC_URL, "HECEndpointType": "Raw", "HECToken": "t"}),
    );
    assert!(
        e.to_string()
            .contains("splunkDestinationConfiguration.s3Configuration"),
        "{e}"
    );
    let e = create(
        &mut sb,
        json!({"HECEndpoint": HEC_URL, "HECEndpointType": "Raw", "HECToken": "t",
               "S3Configuration": s3, "S3BackupMode": "AllData"}),
    );
    assert!(
        e.to_string().contains("[FailedEventsOnly, AllEvents]"),
        "{e}"
    );
}

#[test]
fn the_hec_api_manages_tokens_indexes_and_searches() {
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "one", json!({}));
    assert_eq!(t.len(), 36);
    assert_eq!(t, t.to_uppercase());
    let e = sb
        .call("SplunkHec.CreateToken", json!({"Name": "one"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceInUseException");
    let e = sb
        .call(
            "SplunkHec.CreateToken",
            json!({"Name": "two", "DefaultIndex": "nope"}),
        )
        .unwrap_err();
    assert!(e.to_string().contains("Index 'nope' does not exist"), "{e}");
    let e = sb
        .call("SplunkHec.CreateIndex", json!({"Name": "Bad Name"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ValidationException");
    let hec = sb.call("SplunkHec.DescribeHec", json!({})).unwrap();
    assert_eq!(hec["Endpoint"], HEC_URL);
    assert_eq!(hec["Behavior"], "NORMAL");
    assert_eq!(hec["Tokens"][0]["Name"], "one");
    assert_eq!(hec["Indexes"][0]["Name"], "main");
    sb.call(
        "SplunkHec.PutBehavior",
        json!({"Behavior": "SERVER_ERROR", "ForSeconds": 10}),
    )
    .unwrap();
    assert_eq!(
        sb.call("SplunkHec.DescribeHec", json!({})).unwrap()["Behavior"],
        "SERVER_ERROR"
    );
    sb.advance(Duration::from_secs(11));
    assert_eq!(
        sb.call("SplunkHec.DescribeHec", json!({})).unwrap()["Behavior"],
        "NORMAL"
    );
    // Search by time range: events from the last 15 minutes only.
    splunk_stream(
        &mut sb,
        &t,
        json!({"BufferingHints": {"IntervalInSeconds": 0}}),
    );
    put(&mut sb, "s", b"early ERROR");
    sb.advance(Duration::from_secs(2));
    sb.advance(Duration::from_secs(3600));
    put(&mut sb, "s", b"late ERROR");
    sb.advance(Duration::from_secs(2));
    let now = sb.now().epoch_millis() as f64 / 1000.0;
    let recent = sb
        .call(
            "SplunkHec.GetSearchResults",
            json!({"Query": "index=main error", "EarliestTime": now - 900.0}),
        )
        .unwrap();
    assert_eq!(raws(recent["Results"].as_array().unwrap()), ["late ERROR"]);
    assert_eq!(
        raws(&search(&mut sb, "index=main ERROR")),
        ["late ERROR", "early ERROR"]
    );
    assert_eq!(
        raws(&search(&mut sb, "index=main NOT late")),
        ["early ERROR"]
    );
    sb.call("SplunkHec.DeleteToken", json!({"Token": t}))
        .unwrap();
    assert!(
        sb.call("SplunkHec.ListTokens", json!({})).unwrap()["Tokens"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_lambda_transform_runs_before_splunk() {
    use kinesis_sandbox::engine::lambda::{Outcome, RunRequest};
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "lambda", json!({}));
    create_function(
        &mut sb,
        "to-line",
        "index.mjs",
        "export const handler = async () => ({});",
    );
    sb.call("S3.CreateBucket", json!({"Bucket": "fails"}))
        .unwrap();
    let mut p = params("s", "fails", None);
    p.lambda_function = Some("to-line".into());
    let role = kinesis_sandbox::forms::firehose_create::create_delivery_role(&mut sb, &p, "role-s")
        .unwrap();
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:to-line";
    sb.call(
        &format!("{FH}.CreateDeliveryStream"),
        json!({"DeliveryStreamName": "s", "SplunkDestinationConfiguration": {
            "HECEndpoint": HEC_URL, "HECEndpointType": "Raw", "HECToken": t,
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::fails"},
            "ProcessingConfiguration": {"Enabled": true, "Processors": [
                {"Type": "Lambda", "Parameters": [{"ParameterName": "LambdaArn", "ParameterValue": arn}]}]}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    let d = sb
        .call(
            &format!("{FH}.DescribeDeliveryStream"),
            json!({"DeliveryStreamName": "s"}),
        )
        .unwrap();
    let desc = d["DeliveryStreamDescription"]["Destinations"][0]["SplunkDestinationDescription"]
        .to_string();
    assert!(
        desc.contains("{\"ParameterName\":\"BufferSizeInMBs\",\"ParameterValue\":\"0.25\"}"),
        "{desc}"
    );
    put(&mut sb, "s", b"a");
    put(&mut sb, "s", b"b");
    assert_eq!(ledger(&sb).processing, 2);
    sb.advance(Duration::from_secs(61));
    // The function upper-cases each record and adds the newline Splunk breaks lines on.
    let runs: Vec<RunRequest> = sb.lambda_take_runs();
    assert_eq!(runs.len(), 1);
    for run in runs {
        let event: Value = serde_json::from_str(&run.event).unwrap();
        let records: Vec<Value> = event["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let text = String::from_utf8(unb64(r["data"].as_str().unwrap())).unwrap();
                json!({"recordId": r["recordId"], "result": "Ok",
                       "data": b64(format!("{}\n", text.to_uppercase()).as_bytes())})
            })
            .collect();
        let outcome = Outcome {
            result: Ok(json!({ "records": records }).to_string()),
            logs: Vec::new(),
            duration_ms: 5.0,
            init_duration_ms: None,
        };
        sb.lambda_complete(run.id, outcome);
    }
    sb.advance(Duration::from_secs(61));
    assert_eq!(raws(&search(&mut sb, "index=main")), ["B", "A"]);
    let l = ledger(&sb);
    assert_eq!(l.delivered, 2);
    assert!(l.balanced());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Whatever the HEC does and however many records, every record is somewhere: buffered,
    /// waiting for an acknowledgement or a retry, delivered, or in the error output.
    #[test]
    fn the_ledger_always_balances(
        behavior in 0usize..4,
        for_seconds in 1i64..400,
        retry in 0i64..400,
        records in 1usize..30,
        steps in prop::collection::vec(1u64..200, 1..8),
    ) {
        let mut sb = Sandbox::default();
        let t = token(&mut sb, "p", json!({}));
        match behavior {
            1 => { sb.call("SplunkHec.PutBehavior", json!({"Behavior": "SERVER_ERROR", "ForSeconds": for_seconds})).unwrap(); }
            2 => { sb.call("SplunkHec.PutBehavior", json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 250, "ForSeconds": for_seconds})).unwrap(); }
            3 => { sb.call("SplunkHec.PutBehavior", json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 20})).unwrap(); }
            _ => {}
        }
        splunk_stream(&mut sb, &t, json!({"RetryOptions": {"DurationInSeconds": retry}, "BufferingHints": {"IntervalInSeconds": 30}}));
        for i in 0..records {
            put(&mut sb, "s", format!("r{i}\n").as_bytes());
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
fn the_wizard_asks_for_the_splunk_fields_and_builds_a_request_the_engine_takes() {
    use kinesis_sandbox::forms::firehose_create::{
        Wizard, WizardAction as A, DESTINATION, SETTINGS,
    };
    use kinesis_sandbox::forms::firehose_http::HttpAction as H;
    use kinesis_sandbox::forms::firehose_splunk::SplunkAction as S;
    use kinesis_sandbox::forms::Form as _;
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "wizard", json!({}));
    let role = bucket_and_role(&mut sb, "s", "fails", None);
    let mut w = Wizard::new(None, Some("fails".into()));
    w.apply(A::Name("s".into()));
    w.apply(A::Http(H::Enabled(true)));
    w.apply(A::Splunk(S::Enabled(true)));
    assert!(!w.http.enabled, "one destination at a time");
    // Splunk's buffer defaults: 5 MiB, 60 s.
    assert_eq!((w.size_mb.as_str(), w.interval_s.as_str()), ("5", "60"));
    assert!(w
        .check(DESTINATION)
        .unwrap_err()
        .contains("Splunk cluster endpoint"));
    w.apply(A::Splunk(S::Endpoint(HEC_URL.into())));
    assert!(w
        .check(DESTINATION)
        .unwrap_err()
        .contains("authentication token"));
    w.apply(A::Splunk(S::Token(t.clone())));
    w.apply(A::Splunk(S::AckTimeout("100".into())));
    assert!(w
        .check(DESTINATION)
        .unwrap_err()
        .contains("HEC acknowledgement timeout"));
    w.apply(A::Splunk(S::AckTimeout("300".into())));
    w.apply(A::Splunk(S::Retry("7201".into())));
    assert!(w.check(DESTINATION).unwrap_err().contains("Retry duration"));
    w.apply(A::Splunk(S::Retry("60".into())));
    w.apply(A::Splunk(S::Event(true)));
    assert_eq!(w.check(DESTINATION), Ok(()));
    w.apply(A::IntervalS("61".into()));
    assert!(w.check(SETTINGS).unwrap_err().contains("60"));
    w.apply(A::IntervalS("0".into()));
    w.apply(A::SizeMb("6".into()));
    assert!(
        w.size_error().unwrap().contains('5'),
        "{:?}",
        w.size_error()
    );
    w.apply(A::SizeMb("1".into()));
    let req = w.create_request(&role, None, "us-east-1", "123456789012");
    let cfg = &req.body["SplunkDestinationConfiguration"];
    assert_eq!(cfg["HECEndpoint"], HEC_URL);
    assert_eq!(cfg["HECEndpointType"], "Event");
    assert_eq!(cfg["HECAcknowledgmentTimeoutInSeconds"], 300);
    assert_eq!(cfg["RetryOptions"]["DurationInSeconds"], 60);
    assert_eq!(cfg["S3BackupMode"], "FailedEventsOnly");
    assert_eq!(cfg["S3Configuration"]["BucketARN"], "arn:aws:s3:::fails");
    assert!(req.body.get("ExtendedS3DestinationConfiguration").is_none());
    sb.call(req.target, req.body).unwrap();
    sb.advance(Duration::from_secs(5));
    put(&mut sb, "s", br#"{"event": "from the wizard"}"#);
    sb.advance(Duration::from_secs(2));
    assert_eq!(raws(&search(&mut sb, "wizard")), ["from the wizard"]);
    assert!(w
        .review("r")
        .iter()
        .any(|(k, v)| *k == "Destination" && v.starts_with("Splunk https://")));
    // Choosing Amazon S3 again leaves Splunk.
    w.apply(A::Http(H::Enabled(false)));
    assert!(!w.splunk.enabled);
}

#[test]
fn the_hec_is_saved_and_a_save_without_it_starts_it_empty() {
    use kinesis_sandbox::engine::state;
    let mut sb = Sandbox::default();
    let t = token(&mut sb, "kept", json!({}));
    splunk_stream(
        &mut sb,
        &t,
        json!({"BufferingHints": {"IntervalInSeconds": 0}}),
    );
    put(&mut sb, "s", b"saved event\n");
    sb.advance(Duration::from_secs(2));
    let text = state::save(&sb, &json!({}));
    let (mut back, _) = state::load(&text).unwrap();
    assert_eq!(raws(&search(&mut back, "saved")), ["saved event"]);
    assert_eq!(
        back.call("SplunkHec.ListTokens", json!({})).unwrap()["Tokens"][0]["Token"],
        t.as_str()
    );
    // A save from before the HEC existed: no tokens, no events, the main index.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["sandbox"]
        .as_object_mut()
        .unwrap()
        .remove("splunk")
        .unwrap();
    let (mut old, _) = state::load(&doc.to_string()).unwrap();
    let hec = old.call("SplunkHec.DescribeHec", json!({})).unwrap();
    assert_eq!(hec["Tokens"], json!([]));
    assert_eq!(hec["Indexes"], json!([{"Name": "main", "EventCount": 0}]));
}
