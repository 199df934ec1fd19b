//! Every computed question's answer holds against the engine: the shard a key lands in is the
//! one PutRecord returns, the shard count the calculator gives carries the write load without
//! throttling, UpdateShardCount gives the capacity the answer states (or rejects the target),
//! and a single-key producer is throttled exactly when the answer says so. The Firehose timing
//! answer is checked against a second-by-second model of the documented buffering rule.

use base64::Engine as _;
use kinesis_sandbox::engine::streams::{put_records_typed, shard_for_key};
use kinesis_sandbox::engine::{Caller, Sandbox};
use kinesis_sandbox::quiz::parametric::{generate, Answer, Setup, Template, Throttle};
use kinesis_sandbox::quiz::{score, Kind};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::time::Duration;

const SEEDS: u64 = 12;

fn sandbox_with_stream(name: &str, shards: u32) -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": name, "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb
}

/// One partition key per shard of an evenly split `shards`-shard stream.
fn key_per_shard(shards: u32) -> Vec<String> {
    let mut keys: Vec<Option<String>> = vec![None; shards as usize];
    let mut i = 0u32;
    while keys.iter().any(Option::is_none) {
        let key = format!("k{i}");
        let slot = &mut keys[shard_for_key(&key, shards) as usize];
        if slot.is_none() {
            *slot = Some(key);
        }
        i += 1;
    }
    keys.into_iter().map(Option::unwrap).collect()
}

/// Writes `records_per_sec` records of `record_bytes` (key included) for `secs` seconds, in
/// ten steps a second, the keys taken in turn; returns how many records were throttled.
fn steady_load(
    sb: &mut Sandbox,
    stream: &str,
    keys: &[String],
    records_per_sec: u32,
    record_bytes: u32,
    secs: u32,
) -> usize {
    let per_step = (records_per_sec / 10) as usize;
    let mut failed = 0;
    let mut next_key = 0;
    for _ in 0..secs * 10 {
        let batch: Vec<(String, Vec<u8>)> = (0..per_step)
            .map(|_| {
                let key = keys[next_key % keys.len()].clone();
                next_key += 1;
                let data = vec![b'x'; record_bytes as usize - key.len()];
                (key, data)
            })
            .collect();
        for chunk in batch.chunks(500) {
            failed += put_records_typed(sb, Caller::Generator, stream, chunk)
                .unwrap()
                .failed;
        }
        sb.advance(Duration::from_millis(100));
    }
    failed
}

/// The option marked correct is the only one that scores as correct.
fn check_scoring(q: &kinesis_sandbox::quiz::Question) {
    assert_eq!(q.kind, Kind::Single);
    for i in 0..q.options.len() {
        let outcome = score(q, &BTreeSet::from([i]));
        assert_eq!(outcome.is_correct(), q.options[i].correct, "{}", q.id);
    }
}

fn correct_text(q: &kinesis_sandbox::quiz::Question) -> &str {
    &q.options.iter().find(|o| o.correct).unwrap().text
}

#[test]
fn shard_for_key_equals_what_put_record_returns() {
    for seed in 0..40 {
        let p = generate(Template::ShardForKey, seed);
        check_scoring(&p.question);
        let (
            Setup::ShardForKey {
                shards,
                partition_key,
            },
            Answer::ShardIndex(index),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        let mut sb = sandbox_with_stream("keys", *shards);
        let out = sb
            .call(
                "Kinesis_20131202.PutRecord",
                json!({
                    "StreamName": "keys",
                    "Data": base64::engine::general_purpose::STANDARD.encode(b"{}"),
                    "PartitionKey": partition_key,
                }),
            )
            .unwrap();
        let expected = format!("shardId-{index:012}");
        assert_eq!(out["ShardId"], Value::from(expected.clone()), "seed {seed}");
        assert_eq!(correct_text(&p.question), expected);
    }
}

#[test]
fn shards_needed_carry_the_write_load() {
    for seed in 0..SEEDS {
        let p = generate(Template::ShardsNeeded, seed);
        check_scoring(&p.question);
        let (
            Setup::ShardsNeeded {
                avg_record_kib,
                records_per_sec,
                ..
            },
            Answer::Shards(n),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        assert!(correct_text(&p.question).starts_with(&format!("{n} shard")));
        let bytes = avg_record_kib * 1024;
        let mut sb = sandbox_with_stream("sized", n);
        let failed = steady_load(
            &mut sb,
            "sized",
            &key_per_shard(n),
            *records_per_sec,
            bytes,
            3,
        );
        assert_eq!(failed, 0, "seed {seed}: {n} shards throttled");
        // One shard fewer cannot carry a write load at least 25 % over its capacity.
        if n > 1 {
            let fewer = n - 1;
            let bytes_load = f64::from(*records_per_sec) * f64::from(bytes)
                / (f64::from(fewer) * 1024.0 * 1024.0);
            let records_load = f64::from(*records_per_sec) / (f64::from(fewer) * 1000.0);
            if bytes_load.max(records_load) >= 1.25 {
                let mut sb = sandbox_with_stream("small", fewer);
                let failed = steady_load(
                    &mut sb,
                    "small",
                    &key_per_shard(fewer),
                    *records_per_sec,
                    bytes,
                    6,
                );
                assert!(failed > 0, "seed {seed}: {fewer} shards were enough");
            }
        }
    }
}

#[test]
fn update_shard_count_gives_the_stated_capacity() {
    for seed in 0..30 {
        let p = generate(Template::CapacityAfterUpdate, seed);
        check_scoring(&p.question);
        let (Setup::CapacityAfterUpdate { current, target }, Answer::ShardCountAfterUpdate(after)) =
            (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        let mut sb = sandbox_with_stream("scaled", *current);
        let result = sb.call(
            "Kinesis_20131202.UpdateShardCount",
            json!({"StreamName": "scaled", "TargetShardCount": target,
                   "ScalingType": "UNIFORM_SCALING"}),
        );
        let Some(after) = after else {
            let err = result.expect_err("the answer says the call is rejected");
            assert_eq!(err.error_type(), "LimitExceededException", "seed {seed}");
            assert!(correct_text(&p.question).starts_with("The call is rejected"));
            continue;
        };
        result.unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        sb.advance(Duration::from_secs(30));
        let summary = sb
            .call(
                "Kinesis_20131202.DescribeStreamSummary",
                json!({"StreamName": "scaled"}),
            )
            .unwrap();
        let open = &summary["StreamDescriptionSummary"]["OpenShardCount"];
        assert_eq!(open, &Value::from(after), "seed {seed}");
        let text = correct_text(&p.question);
        assert!(
            text.contains(&format!("Write {after} MiB/s"))
                && text.contains(&format!("shared read {} MiB/s", after * 2)),
            "{text}"
        );
        // Each open shard accepts a burst of 1,000 records, and not one more.
        let shards = sb
            .call(
                "Kinesis_20131202.ListShards",
                json!({"StreamName": "scaled"}),
            )
            .unwrap();
        let starts: Vec<String> = shards["Shards"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| {
                s["SequenceNumberRange"]
                    .get("EndingSequenceNumber")
                    .is_none()
            })
            .map(|s| {
                s["HashKeyRange"]["StartingHashKey"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(starts.len() as u32, after);
        let data = base64::engine::general_purpose::STANDARD.encode(b"x");
        let put = |sb: &mut Sandbox, start: &str, n: usize| -> u64 {
            let records: Vec<Value> = (0..n)
                .map(|_| json!({"Data": data, "PartitionKey": "k", "ExplicitHashKey": start}))
                .collect();
            let out = sb
                .call(
                    "Kinesis_20131202.PutRecords",
                    json!({"StreamName": "scaled", "Records": records}),
                )
                .unwrap();
            out["FailedRecordCount"].as_u64().unwrap()
        };
        let mut failed = 0;
        for start in &starts {
            failed += put(&mut sb, start, 500) + put(&mut sb, start, 500);
        }
        assert_eq!(failed, 0, "seed {seed}");
        for start in &starts {
            assert_eq!(
                put(&mut sb, start, 1),
                1,
                "seed {seed}: shard took record 1,001"
            );
        }
    }
}

#[test]
fn single_key_producer_is_throttled_exactly_when_the_answer_says() {
    let mut seen = BTreeSet::new();
    for seed in 0..SEEDS {
        let p = generate(Template::Throttling, seed);
        check_scoring(&p.question);
        let (
            Setup::Throttling {
                shards,
                records_per_sec,
                record_bytes,
            },
            Answer::Throttled(expected),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        seen.insert(format!("{expected:?}"));
        let mut sb = sandbox_with_stream("hot", *shards);
        let failed = steady_load(
            &mut sb,
            "hot",
            &["hot-key".to_string()],
            *records_per_sec,
            *record_bytes,
            4,
        );
        assert_eq!(
            failed > 0,
            expected != Throttle::None,
            "seed {seed}: {records_per_sec}/s of {record_bytes} B"
        );
    }
    assert!(seen.len() >= 3, "the seeds cover several cases: {seen:?}");
}

#[test]
fn first_object_follows_the_buffering_rule() {
    for seed in 0..100 {
        let p = generate(Template::FirstObject, seed);
        check_scoring(&p.question);
        let (
            Setup::FirstObject {
                size_mib,
                interval_secs,
                rate_kib_per_sec,
            },
            Answer::Seconds(answer),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        // Second by second: the buffer fills at the rate; it is flushed when it holds the
        // size hint or when the interval has passed since the first record.
        let mut buffered_kib = 0u64;
        let mut t = 0u32;
        let flushed_at = loop {
            t += 1;
            buffered_kib += u64::from(*rate_kib_per_sec);
            if buffered_kib >= u64::from(*size_mib) * 1024 || t >= *interval_secs {
                break t;
            }
        };
        assert_eq!(flushed_at, answer, "seed {seed}");
        assert_eq!(
            correct_text(&p.question),
            format!("After about {answer} seconds")
        );
    }
}

/// A Firehose stream whose transformation answers with the question's payload (its record
/// ids r1…rn mapped to the ids Firehose sent): the ledger must read as the answer says.
#[test]
fn transform_answers_hold_against_a_delivery_stream() {
    use kinesis_sandbox::engine::lambda::Outcome;
    let mut shapes = BTreeSet::new();
    for seed in 0..SEEDS {
        let p = generate(Template::TransformAnswer, seed);
        check_scoring(&p.question);
        let (
            Setup::TransformAnswer { records, payload },
            Answer::Transformed {
                delivered,
                dropped,
                failed,
                retried,
            },
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        shapes.insert(retried);
        let mut sb = Sandbox::default();
        sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
            .unwrap();
        let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*", "lambda:*"], "Resource": "*"}]});
        sb.call(
            "IAM.CreateRole",
            json!({"RoleName": "fh", "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap();
        sb.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p", "PolicyDocument": policy.to_string()}),
        )
        .unwrap();
        let ltrust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        sb.call(
            "IAM.CreateRole",
            json!({"RoleName": "fn", "AssumeRolePolicyDocument": ltrust.to_string()}),
        )
        .unwrap();
        let zip = (kinesis_sandbox::engine::extension::codecs().unwrap().zip)(
            b"exports.handler = async (e) => ({ records: [] });",
            "index.js",
        );
        sb.call(
            "Lambda.CreateFunction",
            json!({"FunctionName": "xf", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/fn", "Handler": "index.handler", "Code": {"ZipFile": base64::engine::general_purpose::STANDARD.encode(zip)}}),
        )
        .unwrap();
        sb.call(
            "Firehose_20150804.CreateDeliveryStream",
            json!({"DeliveryStreamName": "t", "ExtendedS3DestinationConfiguration": {
                "RoleARN": "arn:aws:iam::123456789012:role/fh", "BucketARN": "arn:aws:s3:::out",
                "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 0},
                "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
                    {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:xf"},
                    {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "0"}]}]}}}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(5));
        for i in 0..*records {
            sb.call(
                "Firehose_20150804.PutRecord",
                json!({"DeliveryStreamName": "t", "Record": {"Data": base64::engine::general_purpose::STANDARD.encode(format!("record {i}"))}}),
            )
            .unwrap();
        }
        // Answer every run (first try and retries) with the payload, ids mapped in order.
        for _ in 0..2_000 {
            sb.advance(Duration::from_secs(1));
            for run in sb.lambda_take_runs() {
                let event: Value = serde_json::from_str(&run.event).unwrap();
                let ids: Vec<String> = event["records"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["recordId"].as_str().unwrap().to_string())
                    .collect();
                let mut answer = payload.clone();
                // Longest names first, so r1 does not replace the start of r10.
                for i in (1..=ids.len()).rev() {
                    answer = answer.replace(&format!("\"r{i}\""), &format!("\"{}\"", ids[i - 1]));
                }
                sb.lambda_complete(
                    run.id,
                    Outcome {
                        result: Ok(answer),
                        logs: vec![],
                        duration_ms: 1.0,
                        init_duration_ms: None,
                    },
                );
            }
            let l = sb.firehose().get("t").unwrap().ledger;
            if l.processing == 0 && l.buffered == 0 && l.awaiting_retry == 0 {
                break;
            }
        }
        let l = sb.firehose().get("t").unwrap().ledger;
        assert!(l.balanced(), "seed {seed}: {l:?}");
        assert_eq!(
            (l.delivered, l.dropped, l.error_output),
            (u64::from(delivered), u64::from(dropped), u64::from(failed)),
            "seed {seed}: {payload}"
        );
    }
    assert_eq!(
        shapes.len(),
        2,
        "the seeds cover a good and a failed answer"
    );
}

#[test]
fn deaggregation_answers_hold_against_a_delivery_stream() {
    for seed in 0..SEEDS {
        let p = generate(Template::Deaggregation, seed);
        check_scoring(&p.question);
        let (Setup::Deaggregation { record }, Answer::SubRecords(parts)) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        let mut sb = Sandbox::default();
        sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
            .unwrap();
        let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        let policy = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"}]});
        sb.call(
            "IAM.CreateRole",
            json!({"RoleName": "fh", "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap();
        sb.call(
            "IAM.PutRolePolicy",
            json!({"RoleName": "fh", "PolicyName": "p", "PolicyDocument": policy.to_string()}),
        )
        .unwrap();
        sb.call(
            "Firehose_20150804.CreateDeliveryStream",
            json!({"DeliveryStreamName": "t", "ExtendedS3DestinationConfiguration": {
                "RoleARN": "arn:aws:iam::123456789012:role/fh", "BucketARN": "arn:aws:s3:::out",
                "Prefix": "device=!{partitionKeyFromQuery:device}/",
                "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/",
                "BufferingHints": {"SizeInMBs": 64, "IntervalInSeconds": 60},
                "DynamicPartitioningConfiguration": {"Enabled": true},
                "ProcessingConfiguration": {"Enabled": true, "Processors": [
                    {"Type": "RecordDeAggregation", "Parameters": [{"ParameterName": "SubRecordType", "ParameterValue": "JSON"}]},
                    {"Type": "MetadataExtraction", "Parameters": [
                        {"ParameterName": "MetadataExtractionQuery", "ParameterValue": "{device:.device}"},
                        {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]}]}}}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(5));
        sb.call(
            "Firehose_20150804.PutRecord",
            json!({"DeliveryStreamName": "t", "Record": {"Data": base64::engine::general_purpose::STANDARD.encode(record)}}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(70));
        let l = sb.firehose().get("t").unwrap().ledger;
        assert!(l.balanced(), "seed {seed}: {l:?}");
        match parts {
            Some(n) => assert_eq!(
                (l.delivered, l.error_output),
                (u64::from(n), 0),
                "seed {seed}"
            ),
            None => assert_eq!((l.delivered, l.error_output), (0, 1), "seed {seed}"),
        }
    }
}

/// Reading a chart: the answer is what the drawn data shows, recomputed here from the data
/// with independent arithmetic, and the figure draws exactly that data.
#[test]
fn read_the_chart_answers_what_the_data_shows() {
    use kinesis_sandbox::quiz::parametric::{chart_data, figure, figure_for_id, ChartKind, Shape};
    let mut seen = std::collections::BTreeSet::new();
    for seed in 0..120 {
        let p = generate(Template::ReadTheChart, seed);
        check_scoring(&p.question);
        let Answer::Shape(shape) = p.answer else {
            panic!("{p:?}")
        };
        seen.insert(format!("{shape:?}"));
        assert_eq!(correct_text(&p.question), shape.text());
        let data = chart_data(&p.setup).unwrap();
        assert_eq!(data.kind, shape.chart());
        let n = data.x.len() as f64;
        let mean = data.x.iter().sum::<f64>() / n;
        match shape {
            Shape::PositiveCorrelation | Shape::NegativeCorrelation | Shape::NoCorrelation => {
                let my = data.y.iter().sum::<f64>() / n;
                let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
                for (x, y) in data.x.iter().zip(&data.y) {
                    sxy += (x - mean) * (y - my);
                    sxx += (x - mean).powi(2);
                    syy += (y - my).powi(2);
                }
                let r = sxy / (sxx * syy).sqrt();
                match shape {
                    Shape::PositiveCorrelation => assert!(r > 0.5, "{seed}: r {r}"),
                    Shape::NegativeCorrelation => assert!(r < -0.5, "{seed}: r {r}"),
                    _ => assert!(r.abs() < 0.2, "{seed}: r {r}"),
                }
            }
            _ => {
                let mut sorted = data.x.clone();
                sorted.sort_by(f64::total_cmp);
                let median = sorted[sorted.len() / 2];
                let (min, max) = (sorted[0], sorted[sorted.len() - 1]);
                let sd = (data.x.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n).sqrt();
                match shape {
                    // A tail pulls the mean past the median.
                    Shape::RightSkewed => assert!(
                        mean > median && max - median > 2.0 * (median - min),
                        "{seed}"
                    ),
                    Shape::LeftSkewed => assert!(
                        mean < median && median - min > 2.0 * (max - median),
                        "{seed}"
                    ),
                    // A uniform spread's sd is its range / √12; a bell's is about range / 6.
                    Shape::Uniform => {
                        assert!((sd - (max - min) / 12f64.sqrt()).abs() < 0.1 * sd, "{seed}")
                    }
                    Shape::BellShaped => assert!((max - min) / sd > 4.5, "{seed}"),
                    // A few values (under 5 %) far beyond the box: 3 IQRs past the quartiles.
                    Shape::Outliers => {
                        let q1 = sorted[sorted.len() / 4];
                        let q3 = sorted[sorted.len() * 3 / 4];
                        let far = data
                            .x
                            .iter()
                            .filter(|&&x| x > q3 + 3.0 * (q3 - q1) || x < q1 - 3.0 * (q3 - q1))
                            .count();
                        assert!(far >= 1 && far * 20 < data.x.len(), "{seed}: {far}")
                    }
                    _ => unreachable!(),
                }
            }
        }
        // The figure is the data: one table row per bin holding every value, or per point.
        let f = figure(&p).unwrap();
        assert!(f.svg.starts_with("<svg"));
        assert!(!f.description.is_empty());
        match data.kind {
            ChartKind::Histogram => {
                let counted: u64 = f
                    .rows
                    .iter()
                    .map(|r| r[1].replace(',', "").parse::<u64>().unwrap())
                    .sum();
                assert_eq!(counted, data.x.len() as u64, "{seed}");
            }
            ChartKind::Scatter => assert_eq!(f.rows.len(), data.x.len()),
        }
        // Neither the description nor the picture's text names the answer.
        assert!(!f.svg.contains("Pearson"), "{seed}");
        assert_eq!(figure_for_id(&p.question.id), Some(f));
    }
    assert_eq!(seen.len(), 8, "every shape comes up: {seen:?}");
}

/// A computed question passes the bank's checks, and over many seeds its correct option is
/// not given away by length (the caps `quiz_bank` sets for the hand-written questions).
fn check_bank_rules(questions: &[kinesis_sandbox::quiz::Question]) {
    let mut longest = 0usize;
    let mut ratios = Vec::new();
    for q in questions {
        let problems = kinesis_sandbox::quiz::bank::check_question(q, "parametric");
        assert!(problems.is_empty(), "{}: {problems:?}", q.id);
        assert_eq!(q.options.len(), 4, "{}", q.id);
        let len = |t: &str| t.chars().count() as f64;
        let right = len(correct_text(q));
        let wrong: Vec<f64> = q
            .options
            .iter()
            .filter(|o| !o.correct)
            .map(|o| len(&o.text))
            .collect();
        if wrong.iter().all(|&w| right > w) {
            longest += 1;
        }
        ratios.push(right / (wrong.iter().sum::<f64>() / wrong.len() as f64));
    }
    ratios.sort_by(f64::total_cmp);
    let share = longest as f64 / questions.len() as f64;
    assert!(share <= 0.35, "correct strictly longest in {share:.2}");
    assert!(
        ratios[ratios.len() / 2] <= 1.25,
        "median {}",
        ratios[ratios.len() / 2]
    );
}

/// ListFragments after retention: the engine's answer is the count of fragments that arrived
/// less than the retention period before the call (retention counts from arrival), or
/// NoDataRetentionException for retention 0.
#[test]
fn video_retention_answers_count_what_arrived_within_the_retention() {
    let mut seen = BTreeSet::new();
    let mut questions = Vec::new();
    for seed in 0..60 {
        let p = generate(Template::VideoRetention, seed);
        check_scoring(&p.question);
        let (
            Setup::VideoRetention {
                retention_hours,
                bursts,
                asked_at_minute,
            },
            Answer::Fragments(answer),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        let expected = if *retention_hours == 0 {
            None
        } else {
            let mut kept = 0;
            for (at, n) in bursts {
                let age_secs = (asked_at_minute - at) * 60;
                if age_secs < retention_hours * 3600 {
                    kept += n;
                }
            }
            Some(kept)
        };
        assert_eq!(answer, expected, "seed {seed}: {:?}", p.setup);
        let text = correct_text(&p.question);
        match answer {
            None => assert!(text.contains("NoDataRetentionException"), "{text}"),
            Some(0) => assert!(text.contains("no fragments"), "{text}"),
            Some(1) => assert!(text.ends_with(" 1 fragment"), "{text}"),
            Some(n) => assert!(text.ends_with(&format!(" {n} fragments")), "{text}"),
        }
        seen.insert(match answer {
            None => "refused",
            Some(n) if n == bursts.iter().map(|b| b.1).sum::<u32>() => "all",
            Some(_) => "some",
        });
        questions.push(p.question);
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    check_bank_rules(&questions);
}

/// GetImages: the engine's first page holds one image per sampled timestamp (StartTimestamp,
/// then every SamplingInterval up to EndTimestamp), at most 25 or MaxResults, with a
/// NextToken when more remain; or the refusal the documented rules give, in their order.
#[test]
fn video_images_answers_follow_the_sampling_rules() {
    use kinesis_sandbox::quiz::parametric::ImagesOutcome;
    let mut seen = BTreeSet::new();
    let mut questions = Vec::new();
    for seed in 0..80 {
        let p = generate(Template::VideoImages, seed);
        check_scoring(&p.question);
        let (
            Setup::VideoImages {
                retention_hours,
                range_secs,
                interval_ms,
                max_results,
                ..
            },
            Answer::Images(answer),
        ) = (&p.setup, p.answer)
        else {
            panic!("template mismatch");
        };
        let expected = if *interval_ms < 200 {
            ImagesOutcome::IntervalTooShort
        } else if *retention_hours == 0 {
            ImagesOutcome::NoDataRetention
        } else if *range_secs > 300 {
            ImagesOutcome::RangeTooLong
        } else {
            let mut sampled = 0;
            let mut t = 0;
            while t <= range_secs * 1000 {
                sampled += 1;
                t += interval_ms;
            }
            let page = max_results.map_or(25, |m| m.min(25));
            ImagesOutcome::Page {
                images: sampled.min(page),
                next_token: sampled > page,
            }
        };
        assert_eq!(answer, expected, "seed {seed}: {:?}", p.setup);
        assert_eq!(correct_text(&p.question), answer.text());
        seen.insert(match answer {
            ImagesOutcome::Page {
                next_token: true, ..
            } => "paged",
            ImagesOutcome::Page { .. } => "one page",
            ImagesOutcome::IntervalTooShort => "interval",
            ImagesOutcome::RangeTooLong => "range",
            ImagesOutcome::NoDataRetention => "retention",
        });
        questions.push(p.question);
    }
    assert_eq!(seen.len(), 5, "{seen:?}");
    check_bank_rules(&questions);
}
