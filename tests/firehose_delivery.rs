//! Buffering exact to the second, S3 keys, compression, IAM enforcement with the
//! deny-then-fix scenario, and a Kinesis stream as source.

mod support;

use kinesis_sandbox::engine::firehose::Ledger;
use kinesis_sandbox::engine::iam::delivery_role::{permissions_policy, policy_name};
use kinesis_sandbox::engine::{Caller, Sandbox};
use serde_json::json;
use std::io::Read;
use std::time::Duration;
use support::*;

fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn interval_first_delivers_exactly_at_the_interval() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 60}}),
    );
    let start = sb.now();
    put(&mut sb, "f", b"{\"a\":1}");
    sb.advance(secs(10));
    put(&mut sb, "f", b"{\"a\":2}");
    let gauge = sb.firehose_buffer("f").unwrap();
    assert_eq!(gauge.bytes, 14);
    assert_eq!(gauge.seconds_until_delivery, Some(50));
    sb.advance(secs(49));
    assert!(objects(&mut sb, "out-bucket").is_empty());
    sb.advance(secs(1));
    let objs = objects(&mut sb, "out-bucket");
    assert_eq!(objs.len(), 1);
    // Concatenated as-is: no delimiter between records.
    assert_eq!(objs[0].1, b"{\"a\":1}{\"a\":2}");
    let head = sb
        .call(
            "S3.HeadObject",
            json!({"Bucket": "out-bucket", "Key": objs[0].0}),
        )
        .unwrap();
    assert_eq!(head["LastModified"], (start + secs(60)).epoch_seconds());
    assert_eq!(
        sb.firehose_buffer("f").unwrap().seconds_until_delivery,
        None
    );
}

#[test]
fn size_first_delivers_when_the_buffer_fills() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 900}}),
    );
    let chunk = vec![b'z'; 100 * 1024];
    for i in 0..10 {
        put(&mut sb, "f", &chunk);
        assert!(objects(&mut sb, "out-bucket").is_empty(), "record {i}");
        sb.advance(secs(1));
    }
    // 10 × 100 KiB = 1000 KiB < 1 MiB; the 11th record fills it, and delivery is immediate.
    put(&mut sb, "f", &chunk);
    let objs = objects(&mut sb, "out-bucket");
    assert_eq!(objs.len(), 1);
    assert_eq!(objs[0].1.len(), 11 * 100 * 1024);
    let ledger = sb.firehose_buffer("f").unwrap().ledger;
    assert_eq!(
        ledger,
        Ledger {
            accepted: 11,
            delivered: 11,
            ..Default::default()
        }
    );
}

#[test]
fn zero_interval_delivers_on_the_next_second() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0}}),
    );
    put(&mut sb, "f", b"x");
    sb.advance(secs(1));
    assert_eq!(objects(&mut sb, "out-bucket").len(), 1);
}

#[test]
fn default_key_format_and_version_bump() {
    let mut sb = Sandbox::default(); // starts 2026-01-01T10:00:00Z
    direct_put(&mut sb, "machinelearningfirehose", "out-bucket", json!({}));
    sb.advance(secs(2)); // 10:00:07
    put(&mut sb, "machinelearningfirehose", b"a\n");
    sb.advance(secs(300));
    let objs = objects(&mut sb, "out-bucket");
    assert_eq!(objs.len(), 1);
    let key = &objs[0].0;
    assert!(
        key.starts_with("2026/01/01/10/machinelearningfirehose-1-2026-01-01-10-00-07-"),
        "{key}"
    );
    assert_eq!(
        key.len(),
        "2026/01/01/10/machinelearningfirehose-1-2026-01-01-10-00-07-".len() + 36
    );
    sb.call(
        "Firehose_20150804.UpdateDestination",
        json!({"DeliveryStreamName": "machinelearningfirehose", "CurrentDeliveryStreamVersionId": "1",
               "DestinationId": "destinationId-000000000001",
               "ExtendedS3DestinationUpdate": {"Prefix": "ml/year=!{timestamp:yyyy}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
                                               "CompressionFormat": "GZIP"}}),
    )
    .unwrap();
    put(&mut sb, "machinelearningfirehose", b"b\n");
    sb.advance(secs(300));
    let keys: Vec<String> = objects(&mut sb, "out-bucket")
        .into_iter()
        .map(|o| o.0)
        .collect();
    let new = keys
        .iter()
        .find(|k| k.starts_with("ml/"))
        .expect("new prefix");
    assert!(
        new.starts_with("ml/year=2026/machinelearningfirehose-2-2026-01-01-10-05-07-"),
        "{new}"
    );
    assert!(new.ends_with(".gz"));
}

fn deliver_with(compression: &str) -> (String, Vec<u8>, Vec<u8>) {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"CompressionFormat": compression,
        "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": "arn:aws:kms:us-east-1:123456789012:key/%FIREHOSE_POLICY_TEMPLATE_PLACEHOLDER%"}}}),
    );
    let mut raw = Vec::new();
    for i in 0..2000 {
        let rec = format!("{{\"ticker_symbol\":\"AMZN\",\"price\":{i}}}\n");
        raw.extend_from_slice(rec.as_bytes());
        put(&mut sb, "f", rec.as_bytes());
    }
    sb.advance(secs(300));
    let objs = objects(&mut sb, "out-bucket");
    assert_eq!(objs.len(), 1, "{compression}");
    let head = sb
        .call(
            "S3.HeadObject",
            json!({"Bucket": "out-bucket", "Key": objs[0].0}),
        )
        .unwrap();
    assert_eq!(head["ServerSideEncryption"], "aws:kms");
    let (key, body) = objs.into_iter().next().unwrap();
    (key, body, raw)
}

fn python(script: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let path =
        std::env::temp_dir().join(format!("fh-object-{}-{}", std::process::id(), script.len()));
    std::fs::write(&path, bytes).ok()?;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout)
}

#[test]
fn compressed_objects_open_with_ordinary_tools() {
    // The KMS statement of the console role keeps its placeholder: the key ARN above matches it.
    let (key, body, raw) = deliver_with("GZIP");
    assert!(key.ends_with(".gz"));
    let mut back = Vec::new();
    flate2::read::GzDecoder::new(&body[..])
        .read_to_end(&mut back)
        .unwrap();
    assert_eq!(back, raw);
    if let Some(out) = python(
        "import gzip,sys; sys.stdout.buffer.write(gzip.open(sys.argv[1]).read())",
        &body,
    ) {
        assert_eq!(out, raw);
    }

    let (key, body, raw) = deliver_with("ZIP");
    assert!(key.ends_with(".zip"));
    if let Some(out) = python("import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); sys.stdout.buffer.write(z.read(z.namelist()[0]))", &body) {
        assert_eq!(out, raw);
    }

    let (key, body, raw) = deliver_with("Snappy");
    assert!(key.ends_with(".snappy"));
    let mut back = Vec::new();
    snap::read::FrameDecoder::new(&body[..])
        .read_to_end(&mut back)
        .unwrap();
    assert_eq!(back, raw);

    let (_, body, raw) = deliver_with("HADOOP_SNAPPY");
    let n = u32::from_be_bytes(body[4..8].try_into().unwrap()) as usize;
    assert_eq!(
        u32::from_be_bytes(body[..4].try_into().unwrap()) as usize,
        raw.len()
    );
    let back = snap::raw::Decoder::new()
        .decompress_vec(&body[8..8 + n])
        .unwrap();
    assert_eq!(back, raw);
}

#[test]
fn denied_delivery_is_logged_retried_and_resumes_after_the_fix() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}),
    );
    // Break the policy: S3 statement now names another bucket.
    let broken = permissions_policy(&params("f", "someone-elses-bucket", None));
    let pname = policy_name(&params("f", "out-bucket", None));
    sb.call(
        "IAM.PutRolePolicy",
        json!({"RoleName": "role-f", "PolicyName": pname, "PolicyDocument": broken}),
    )
    .unwrap();
    for i in 0..100 {
        put(&mut sb, "f", format!("rec-{i}\n").as_bytes());
    }
    sb.advance(secs(60));
    assert!(objects(&mut sb, "out-bucket").is_empty());
    let gauge = sb.firehose_buffer("f").unwrap();
    assert_eq!(gauge.records_awaiting_retry, 100);
    assert_eq!(gauge.ledger.awaiting_retry, 100);
    let logs = sb
        .call(
            "Logs.FilterLogEvents",
            json!({"logGroupName": "/aws/kinesisfirehose/f", "filterPattern": "S3.AccessDenied"}),
        )
        .unwrap();
    let events = logs["events"].as_array().unwrap();
    assert!(!events.is_empty());
    assert_eq!(events[0]["logStreamName"], "DestinationDelivery");
    let msg: serde_json::Value =
        serde_json::from_str(events[0]["message"].as_str().unwrap()).unwrap();
    assert_eq!(msg["errorCode"], "S3.AccessDenied");
    assert!(msg["message"]
        .as_str()
        .unwrap()
        .starts_with("Access was denied."));
    // Which statement is missing: s3:PutObject is implicitly denied.
    let access = sb.firehose_access("f");
    let s3 = access.iter().find(|c| c.action == "s3:PutObject").unwrap();
    assert!(matches!(
        s3.outcome,
        kinesis_sandbox::engine::firehose::AccessOutcome::Denied(_)
    ));
    // More records keep arriving while it fails, and an hour of retries passes.
    for i in 100..150 {
        put(&mut sb, "f", format!("rec-{i}\n").as_bytes());
    }
    sb.advance(secs(3600));
    assert!(objects(&mut sb, "out-bucket").is_empty());
    let failures = sb
        .events()
        .count(Some(Caller::Firehose), "S3.PutObject", None);
    assert_eq!(failures, 0, "denied before reaching S3");
    // Fix it.
    let fixed = permissions_policy(&params("f", "out-bucket", None));
    sb.call(
        "IAM.PutRolePolicy",
        json!({"RoleName": "role-f", "PolicyName": pname, "PolicyDocument": fixed}),
    )
    .unwrap();
    sb.advance(secs(60));
    let objs = objects(&mut sb, "out-bucket");
    let mut lines: Vec<String> = objs
        .iter()
        .flat_map(|(_, b)| {
            String::from_utf8(b.clone())
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    lines.sort_by_key(|l| l[4..].parse::<u32>().unwrap());
    let want: Vec<String> = (0..150).map(|i| format!("rec-{i}")).collect();
    assert_eq!(lines, want, "nothing lost, nothing doubled");
    let ledger = sb.firehose_buffer("f").unwrap().ledger;
    assert_eq!(
        ledger,
        Ledger {
            accepted: 150,
            delivered: 150,
            ..Default::default()
        }
    );
    assert!(matches!(
        sb.firehose_access("f")
            .iter()
            .find(|c| c.action == "s3:PutObject")
            .unwrap()
            .outcome,
        kinesis_sandbox::engine::firehose::AccessOutcome::Allowed(_)
    ));
}

#[test]
fn data_is_dropped_after_24_hours_of_failure() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}),
    );
    sb.call(
        "IAM.DeleteRolePolicy",
        json!({"RoleName": "role-f", "PolicyName": policy_name(&params("f", "out-bucket", None))}),
    )
    .unwrap();
    put(&mut sb, "f", b"lost");
    sb.advance(secs(60 + 24 * 3600 + 60));
    let ledger = sb.firehose_buffer("f").unwrap().ledger;
    assert_eq!(
        ledger,
        Ledger {
            accepted: 1,
            expired: 1,
            ..Default::default()
        }
    );
}

#[test]
fn missing_bucket_fails_with_no_such_bucket() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BucketARN": "arn:aws:s3:::out-bucket-typo", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}),
    );
    // The role allows the typo bucket, so the only failure is the bucket itself.
    let p = params("f", "out-bucket-typo", None);
    sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-f", "PolicyName": policy_name(&p), "PolicyDocument": permissions_policy(&p)})).unwrap();
    put(&mut sb, "f", b"x");
    sb.advance(secs(61));
    let logs = sb
        .call(
            "Logs.FilterLogEvents",
            json!({"logGroupName": "/aws/kinesisfirehose/f", "filterPattern": "S3.NoSuchBucket"}),
        )
        .unwrap();
    assert!(!logs["events"].as_array().unwrap().is_empty());
    sb.call("S3.CreateBucket", json!({"Bucket": "out-bucket-typo"}))
        .unwrap();
    sb.advance(secs(60));
    assert_eq!(objects(&mut sb, "out-bucket-typo").len(), 1);
}

#[test]
fn metrics_follow_the_flow() {
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}),
    );
    let t0 = sb.now();
    for _ in 0..10 {
        put(&mut sb, "f", b"0123456789");
    }
    sb.advance(secs(120));
    let q = |m: &str| {
        json!({"Id": m.to_lowercase().replace('.', "_"), "MetricStat": {"Metric": {"Namespace": "AWS/Firehose", "MetricName": m,
        "Dimensions": [{"Name": "DeliveryStreamName", "Value": "f"}]}, "Period": 300, "Stat": "Sum"}})
    };
    let out = sb
        .call("CloudWatch.GetMetricData", json!({"StartTime": t0.epoch_seconds() - 60.0, "EndTime": t0.epoch_seconds() + 600.0,
            "MetricDataQueries": [q("IncomingRecords"), q("IncomingBytes"), q("DeliveryToS3.Records"), q("DeliveryToS3.Bytes"), q("DeliveryToS3.Success")]}))
        .unwrap();
    let sum = |i: usize| {
        out["MetricDataResults"][i]["Values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .sum::<f64>()
    };
    assert_eq!(sum(0), 10.0);
    assert_eq!(sum(1), 100.0);
    assert_eq!(sum(2), 10.0);
    assert_eq!(sum(3), 100.0);
    assert_eq!(sum(4), 1.0);
}

#[test]
fn reads_a_kinesis_stream_from_the_tip() {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(secs(10));
    // Written before Firehose attaches: not read (it starts at LATEST).
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "machinelearning", "Data": b64(b"old\n"), "PartitionKey": "k"}),
    )
    .unwrap();
    let role = bucket_and_role(&mut sb, "mlf", "ml-bucket", Some("machinelearning"));
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "mlf", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::ml-bucket",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
            "CloudWatchLoggingOptions": {"Enabled": true, "LogGroupName": "/aws/kinesisfirehose/mlf", "LogStreamName": "DestinationDelivery"}}})).unwrap();
    sb.advance(secs(7));
    for i in 0..40 {
        sb.call("Kinesis_20131202.PutRecord", json!({"StreamName": "machinelearning", "Data": b64(format!("r{i}\n").as_bytes()), "PartitionKey": format!("pk{i}")})).unwrap();
    }
    sb.advance(secs(70));
    let objs = objects(&mut sb, "ml-bucket");
    let text: String = objs
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    assert_eq!(lines.len(), 40, "{text}");
    assert!(!lines.contains(&"old"));
    assert!(
        sb.events()
            .successes(Some(Caller::Firehose), "Kinesis_20131202.GetRecords")
            >= 2 * 60
    );
    let read = sb
        .cloudwatch()
        .total(&kinesis_sandbox::engine::cloudwatch::MetricId::new(
            "AWS/Firehose",
            "DataReadFromKinesisStream.Records",
            &[("DeliveryStreamName", "mlf")],
        ));
    assert_eq!(read, 40.0);

    // Deny GetRecords for a while: the records wait in the stream, then nothing is lost.
    let p = params("mlf", "ml-bucket", Some("machinelearning"));
    let without_kinesis = permissions_policy(&params("mlf", "ml-bucket", None));
    sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-mlf", "PolicyName": policy_name(&p), "PolicyDocument": without_kinesis})).unwrap();
    for i in 40..60 {
        sb.call("Kinesis_20131202.PutRecord", json!({"StreamName": "machinelearning", "Data": b64(format!("r{i}\n").as_bytes()), "PartitionKey": format!("pk{i}")})).unwrap();
    }
    sb.advance(secs(600)); // longer than an iterator lives
    let logs = sb.call("Logs.FilterLogEvents", json!({"logGroupName": "/aws/kinesisfirehose/mlf", "filterPattern": "Kinesis.AccessDenied"})).unwrap();
    assert!(!logs["events"].as_array().unwrap().is_empty());
    sb.call("IAM.PutRolePolicy", json!({"RoleName": "role-mlf", "PolicyName": policy_name(&p), "PolicyDocument": permissions_policy(&p)})).unwrap();
    sb.advance(secs(70));
    let text: String = objects(&mut sb, "ml-bucket")
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    lines.dedup();
    assert_eq!(lines.len(), 60);
}

#[test]
fn a_saved_sandbox_carries_on_delivering() {
    use kinesis_sandbox::engine::state::{load, save};
    let mut sb = Sandbox::default();
    direct_put(
        &mut sb,
        "f",
        "out-bucket",
        json!({"CompressionFormat": "GZIP", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}),
    );
    put(&mut sb, "f", b"before save\n");
    sb.advance(secs(30));
    let text = save(&sb, &json!({}));
    let (mut back, _) = load(&text).unwrap();
    put(&mut back, "f", b"after load\n");
    back.advance(secs(30));
    let objs = objects(&mut back, "out-bucket");
    assert_eq!(objs.len(), 1);
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&objs[0].1[..])
        .read_to_end(&mut raw)
        .unwrap();
    assert_eq!(raw, b"before save\nafter load\n");
    // The same calls on the original give the same bytes.
    put(&mut sb, "f", b"after load\n");
    sb.advance(secs(30));
    assert_eq!(objects(&mut sb, "out-bucket"), objs);
}

#[test]
fn follows_child_shards_after_a_reshard() {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "src", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(secs(10));
    let role = bucket_and_role(&mut sb, "rf", "rs-bucket", Some("src"));
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "rf", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/src", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::rs-bucket",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}})).unwrap();
    sb.advance(secs(7));
    let mut n = 0;
    let mut send = |sb: &mut Sandbox, count: usize| {
        for _ in 0..count {
            sb.call("Kinesis_20131202.PutRecord", json!({"StreamName": "src", "Data": b64(format!("r{n}\n").as_bytes()), "PartitionKey": format!("pk{n}")})).unwrap();
            n += 1;
        }
    };
    send(&mut sb, 20);
    sb.advance(secs(2));
    sb.call(
        "Kinesis_20131202.UpdateShardCount",
        json!({"StreamName": "src", "TargetShardCount": 2, "ScalingType": "UNIFORM_SCALING"}),
    )
    .unwrap();
    for _ in 0..30 {
        send(&mut sb, 2);
        sb.advance(secs(1));
    }
    sb.advance(secs(120));
    let text: String = objects(&mut sb, "rs-bucket")
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort();
    lines.dedup();
    assert_eq!(lines.len(), 80, "{text}");
    let readers = &sb
        .firehose()
        .get("rf")
        .unwrap()
        .source
        .as_ref()
        .unwrap()
        .consumer
        .readers;
    assert_eq!(readers.len(), 3, "the parent and its two children");
    assert_eq!(readers.values().filter(|r| r.finished).count(), 1);
}

#[test]
fn shares_the_shards_read_limit_with_other_consumers() {
    use kinesis_sandbox::engine::cloudwatch::MetricId;
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "src", "ShardCount": 1}),
    )
    .unwrap();
    sb.advance(secs(10));
    let role = bucket_and_role(&mut sb, "tf", "tf-bucket", Some("src"));
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "tf", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/src", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::tf-bucket",
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}})).unwrap();
    sb.advance(secs(7));
    let shard = sb
        .call(
            "Kinesis_20131202.DescribeStream",
            json!({"StreamName": "src"}),
        )
        .unwrap()["StreamDescription"]["Shards"][0]["ShardId"]
        .as_str()
        .unwrap()
        .to_string();
    let it = sb
        .call(
            "Kinesis_20131202.GetShardIterator",
            json!({"StreamName": "src", "ShardId": shard, "ShardIteratorType": "LATEST"}),
        )
        .unwrap()["ShardIterator"]
        .as_str()
        .unwrap()
        .to_string();
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "src", "Data": b64(b"kept\n"), "PartitionKey": "k"}),
    )
    .unwrap();
    // Another consumer uses up the shard's 5 reads just before Firehose's next poll.
    sb.advance(Duration::from_millis(900));
    let mut it = it;
    for _ in 0..5 {
        let out = sb
            .call("Kinesis_20131202.GetRecords", json!({"ShardIterator": it}))
            .unwrap();
        it = out["NextShardIterator"].as_str().unwrap().to_string();
    }
    sb.advance(Duration::from_millis(100));
    let throttled = sb.cloudwatch().total(&MetricId::new(
        "AWS/Firehose",
        "ThrottledGetRecords",
        &[("DeliveryStreamName", "tf")],
    ));
    assert_eq!(throttled, 1.0);
    assert!(
        sb.events().count(
            Some(Caller::Firehose),
            "Kinesis_20131202.GetRecords",
            Some("ProvisionedThroughputExceededException")
        ) >= 1
    );
    // The record is read on a later poll and delivered all the same.
    sb.advance(secs(70));
    let objs = objects(&mut sb, "tf-bucket");
    assert_eq!(objs.len(), 1);
    assert_eq!(objs[0].1, b"kept\n");
}
