use super::layout::{fit, Diagram, Shape};
use super::*;
use crate::engine::iam::delivery_role::{
    permissions_policy, policy_name, trust_policy, DeliveryRoleParams, ROLE_PATH,
};
use crate::engine::SandboxConfig;
use serde_json::json;
use std::time::Duration;

const SENSOR: &str = r#"{"sensorId": {{random.number(50)}}, "currentTemperature": {{random.number({"min":10,"max":150})}}}"#;

fn sandbox() -> Sandbox {
    Sandbox::new(SandboxConfig {
        seed: 7,
        ..Default::default()
    })
}

fn create_stream(sb: &mut Sandbox, name: &str, shards: u32) {
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": name, "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(60));
}

fn send(sb: &mut Sandbox, stream: &str, per_second: u64) {
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": stream, "RecordsPerSecond": per_second}),
    )
    .unwrap();
}

/// A delivery stream reading `source` (or Direct PUT) into `bucket`, with the console's role.
fn firehose(sb: &mut Sandbox, name: &str, bucket: &str, source: Option<&str>) -> String {
    sb.call("S3.CreateBucket", json!({"Bucket": bucket}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: name.into(),
        bucket: Some(bucket.into()),
        source_stream: source.map(str::to_string),
        ..Default::default()
    };
    let role = format!("role-{name}");
    let arn = sb
        .call(
            "IAM.CreateRole",
            json!({"RoleName": role, "Path": ROLE_PATH, "AssumeRolePolicyDocument": trust_policy(&p)}),
        )
        .unwrap()["Role"]["Arn"]
        .as_str()
        .unwrap()
        .to_string();
    sb.call(
        "IAM.PutRolePolicy",
        json!({"RoleName": role, "PolicyName": policy_name(&p), "PolicyDocument": permissions_policy(&p)}),
    )
    .unwrap();
    let dest = json!({"RoleARN": arn, "BucketARN": format!("arn:aws:s3:::{bucket}"),
        "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}});
    let mut body = json!({"DeliveryStreamName": name, "ExtendedS3DestinationConfiguration": dest});
    match source {
        Some(s) => {
            body["DeliveryStreamType"] = json!("KinesisStreamAsSource");
            body["KinesisStreamSourceConfiguration"] = json!({
                "KinesisStreamARN": format!("arn:aws:kinesis:us-east-1:123456789012:stream/{s}"),
                "RoleARN": arn,
            });
        }
        None => body["DeliveryStreamType"] = json!("DirectPut"),
    }
    sb.call("Firehose_20150804.CreateDeliveryStream", body)
        .unwrap();
    sb.advance(Duration::from_secs(5));
    (role + "|" + &policy_name(&p)).to_string()
}

fn texts(d: &Diagram) -> Vec<&str> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// No two boxes overlap, and every box is inside the drawing.
fn assert_tidy(d: &Diagram) {
    for (i, a) in d.boxes.iter().enumerate() {
        assert!(a.x >= 0.0 && a.y >= 0.0, "{a:?}");
        assert!(
            a.x + a.w <= d.width && a.y + a.h <= d.height,
            "{a:?} in {}x{}",
            d.width,
            d.height
        );
        for b in &d.boxes[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn an_empty_sandbox_has_nothing_to_draw() {
    let p = Pipeline::of(&sandbox());
    assert!(p.is_empty());
    assert!(p.summary().contains("nothing built yet"), "{}", p.summary());
    assert!(p.facts().is_empty());
    assert!(Diagram::of(&p).boxes.is_empty());
}

#[test]
fn generator_to_stream_to_firehose_to_s3() {
    let mut sb = sandbox();
    create_stream(&mut sb, "machinelearning", 2);
    firehose(
        &mut sb,
        "machinelearningfirehose",
        "ml-bucket",
        Some("machinelearning"),
    );
    send(&mut sb, "machinelearning", 100);
    sb.advance(Duration::from_secs(3));

    let p = Pipeline::of(&sb);
    assert_eq!(p.producers.len(), 1);
    let Producer::Generator {
        rate, target, sent, ..
    } = &p.producers[0]
    else {
        panic!("{:?}", p.producers);
    };
    assert_eq!(rate, "Constant: 100 records/s");
    assert_eq!(target, &Target::Stream("machinelearning".into()));
    assert_eq!(*sent, 100);

    let s = &p.streams[0];
    assert_eq!((s.open_shards, s.lanes.len(), s.hidden_shards), (2, 2, 0));
    assert_eq!(s.lanes[0].shard_id, "shardId-000000000000");
    assert_eq!(s.lanes.iter().map(|l| l.incoming).sum::<u64>(), s.incoming);
    assert_eq!(s.incoming, 100);
    assert!(s.lanes.iter().all(|l| l.hot.is_none()));

    let Consumer::Firehose(f) = &p.consumers[0] else {
        panic!("{:?}", p.consumers);
    };
    assert_eq!(f.source.as_deref(), Some("machinelearning"));
    assert_eq!(f.bucket, "ml-bucket");
    assert_eq!(f.size_limit_bytes, 5 * 1024 * 1024);
    assert!(f.buffer_records > 0 && f.buffer_bytes > 0, "{f:?}");
    assert!(f.seconds_until_delivery.is_some_and(|s| s <= 300));
    assert_eq!(f.failing, None);
    assert_eq!(
        p.buckets,
        vec![BucketNode {
            name: "ml-bucket".into(),
            exists: true,
            objects: 0,
            bytes: 0
        }]
    );
    let pairs: Vec<(NodeRef, NodeRef, &str)> = p
        .edges
        .iter()
        .map(|e| (e.from, e.to, e.label.as_str()))
        .collect();
    assert!(
        pairs.contains(&(NodeRef::Producer(0), NodeRef::Stream(0), "100/s")),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&(NodeRef::Stream(0), NodeRef::Consumer(0), "100/s")),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&(NodeRef::Consumer(0), NodeRef::Bucket(0), "0")),
        "{pairs:?}"
    );

    // After the buffer interval the object is in S3.
    sb.advance(Duration::from_secs(300));
    let p = Pipeline::of(&sb);
    assert_eq!(p.buckets[0].objects, 1);
    assert!(p.buckets[0].bytes > 0);

    let d = Diagram::of(&p);
    assert_eq!(d.boxes.len(), 4);
    assert_tidy(&d);
    let t = texts(&d);
    for want in [
        "Kinesis Data Generator",
        "machinelearning",
        "shardId-000000000001",
        "machinelearningfirehose",
        "ml-bucket",
        "1 object · ",
    ] {
        assert!(t.iter().any(|x| x.starts_with(want)), "{want} in {t:?}");
    }
    let summary = p.summary();
    assert!(summary.contains("Kinesis Data Generator"), "{summary}");
    assert!(
        summary.contains("machinelearning (2 shards, 100 records/s)"),
        "{summary}"
    );
    assert!(summary.contains("S3 bucket ml-bucket"), "{summary}");
    let facts = p.facts();
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Shard shardId-000000000000 of machinelearning:")),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("S3 bucket ml-bucket: 1 object,")),
        "{facts:?}"
    );
}

#[test]
fn a_hot_shard_says_which_limit_it_is_over() {
    let mut sb = sandbox();
    create_stream(&mut sb, "busy", 1);
    send(&mut sb, "busy", 3000);
    sb.advance(Duration::from_secs(2));
    let p = Pipeline::of(&sb);
    let lane = &p.streams[0].lanes[0];
    let why = lane.hot.as_deref().expect("the only shard is hot");
    assert_eq!(why, "throttled: over 1,000 records/s");
    assert!(lane.refused >= 2000, "{}", lane.refused);
    assert!(lane.load >= 0.99, "{}", lane.load);
    assert_eq!(p.hot_shards(), 1);
    assert!(
        p.summary().contains("1 shard throttled."),
        "{}",
        p.summary()
    );
    let e = p
        .edges
        .iter()
        .find(|e| e.from == NodeRef::Producer(0))
        .unwrap();
    assert!(e.warn && e.note.as_deref() == Some("throttled"), "{e:?}");
    let d = Diagram::of(&p);
    assert!(d.shapes.iter().any(|s| matches!(
        s,
        Shape::Rect {
            class: "lane hot",
            ..
        }
    )));
    assert!(texts(&d).contains(&"throttled: over 1,000 records/s"));
    assert!(texts(&d).iter().any(|t| t.ends_with(" writes refused")));
    let facts = p.facts();
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Shard shardId-000000000000 of busy: ")
                && f.contains("; throttled: over 1,000 records/s, ")
                && f.ends_with(" writes refused.")),
        "{facts:?}"
    );
}

#[test]
fn big_records_throttle_on_bytes() {
    let mut sb = sandbox();
    create_stream(&mut sb, "wide", 1);
    let data = base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        vec![b'x'; 400 * 1024],
    );
    let records: Vec<_> = (0..5)
        .map(|_| json!({"Data": data, "PartitionKey": "k"}))
        .collect();
    sb.call(
        "Kinesis_20131202.PutRecords",
        json!({"StreamName": "wide", "Records": records}),
    )
    .unwrap();
    let why = Pipeline::of(&sb).streams[0].lanes[0].hot.clone().unwrap();
    assert_eq!(why, "throttled: over 1 MiB/s");
}

#[test]
fn five_hundred_shards_draw_eight_lanes_and_every_hot_one() {
    let mut sb = sandbox();
    create_stream(&mut sb, "wide", 500);
    // 1,500 records to the last shard in one second: it throttles.
    let last = Pipeline::of(&sb).streams[0].open_shards;
    assert_eq!(last, 500);
    let top = u128::MAX - 1;
    let records: Vec<_> = (0..500)
        .map(|_| json!({"Data": "eA==", "PartitionKey": "k", "ExplicitHashKey": top.to_string()}))
        .collect();
    for _ in 0..3 {
        sb.call(
            "Kinesis_20131202.PutRecords",
            json!({"StreamName": "wide", "Records": records}),
        )
        .unwrap();
    }
    let p = Pipeline::of(&sb);
    let s = &p.streams[0];
    assert_eq!(s.lanes.len(), LANES_SHOWN + 1);
    assert_eq!(s.lanes.last().unwrap().shard_id, "shardId-000000000499");
    assert!(s.lanes.last().unwrap().hot.is_some());
    assert_eq!((s.hidden_shards, s.hidden_hot), (491, 0));
    assert_eq!(more_shards_text(s), "+491 more shards");
    let d = Diagram::of(&p);
    assert!(texts(&d).contains(&"+491 more shards"));
    assert_tidy(&d);
    // The drawing stays small whatever the shard count.
    assert!(d.shapes.len() < 80, "{}", d.shapes.len());
}

#[test]
fn learner_puts_show_as_direct_put_with_the_rate_beyond_the_generator() {
    let mut sb = sandbox();
    create_stream(&mut sb, "machinelearning", 2);
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "machinelearning", "Data": "aGVsbG8=", "PartitionKey": "a"}),
    )
    .unwrap();
    // A refused put isn't a producer.
    sb.call(
        "Kinesis_20131202.PutRecord",
        json!({"StreamName": "nope", "Data": "aGVsbG8=", "PartitionKey": "a"}),
    )
    .unwrap_err();
    sb.advance(Duration::from_millis(1000));
    let p = Pipeline::of(&sb);
    assert_eq!(
        p.producers,
        vec![Producer::DirectPut {
            targets: vec![Target::Stream("machinelearning".into())]
        }]
    );
    assert_eq!(p.edges[0].label, "1/s");
    assert_eq!(
        p.facts()[0],
        "Producer: records put directly (console or AWS CLI) into data stream machinelearning."
    );
    // No consumer yet: the diagram says how to add one.
    let d = Diagram::of(&p);
    assert!(texts(&d).contains(&"No consumer yet"));
    assert!(!texts(&d).contains(&"No producer sending"));
}

#[test]
fn a_stream_alone_gets_hints_for_producer_and_consumer() {
    let mut sb = sandbox();
    create_stream(&mut sb, "lonely", 1);
    let d = Diagram::of(&Pipeline::of(&sb));
    let t = texts(&d);
    assert!(
        t.contains(&"No producer sending") && t.contains(&"No consumer yet"),
        "{t:?}"
    );
    assert!(d.shapes.iter().any(|s| matches!(
        s,
        Shape::Path {
            class: "edge hint",
            ..
        }
    )));
}

#[test]
fn broken_role_shows_delivery_failing_with_the_error() {
    let mut sb = sandbox();
    let role = firehose(&mut sb, "direct", "direct-bucket", None);
    let (role, policy) = role.split_once('|').unwrap();
    sb.call(
        "IAM.DeleteRolePolicy",
        json!({"RoleName": role, "PolicyName": policy}),
    )
    .unwrap();
    sb.call(
        "Firehose_20150804.PutRecord",
        json!({"DeliveryStreamName": "direct", "Record": {"Data": "aGVsbG8="}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(301));
    let p = Pipeline::of(&sb);
    let Consumer::Firehose(f) = &p.consumers[0] else {
        panic!()
    };
    assert_eq!(
        f.failing.as_deref(),
        Some("delivery failing: S3.AccessDenied (s3:PutObject denied)")
    );
    assert_eq!(f.records_awaiting_retry, 1);
    // The learner's put reaches the delivery stream directly, across the stream column.
    assert_eq!(
        p.producers,
        vec![Producer::DirectPut {
            targets: vec![Target::DeliveryStream("direct".into())]
        }]
    );
    let to_bucket = p.edges.iter().find(|e| e.to == NodeRef::Bucket(0)).unwrap();
    assert!(to_bucket.warn);
    assert_eq!(
        (to_bucket.label.as_str(), to_bucket.note.as_deref()),
        ("1 waiting", Some("failing"))
    );
    assert!(
        p.summary()
            .contains("direct: delivery failing: S3.AccessDenied"),
        "{}",
        p.summary()
    );
    let d = Diagram::of(&p);
    assert_tidy(&d);
    assert!(d.shapes.iter().any(|s| matches!(
        s,
        Shape::Rect {
            class: "node failing",
            ..
        }
    )));
    assert!(texts(&d).contains(&"delivery failing: S3.AccessDenied"));
    assert!(texts(&d).contains(&"(s3:PutObject denied)"));
}

#[test]
fn an_arrow_to_a_direct_put_delivery_stream_passes_under_the_streams() {
    let mut sb = sandbox();
    create_stream(&mut sb, "machinelearning", 2);
    firehose(&mut sb, "direct", "direct-bucket", None);
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "DeliveryStreamName": "direct", "RecordsPerSecond": 10}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(2));
    let p = Pipeline::of(&sb);
    let d = Diagram::of(&p);
    assert_tidy(&d);
    let find = |n: NodeRef| *d.boxes.iter().find(|b| b.node == n).unwrap();
    let stream = find(NodeRef::Stream(0));
    let (producer, target) = (find(NodeRef::Producer(0)), find(NodeRef::Consumer(0)));
    assert!(
        target.y >= stream.y + stream.h,
        "{target:?} below {stream:?}"
    );
    assert_eq!(producer.y, target.y);
    // The stream still gets its "No consumer yet" hint, beside it.
    assert!(texts(&d).contains(&"No consumer yet"));
    assert!(!texts(&d).contains(&"No producer sending"));
    assert!(!d
        .shapes
        .iter()
        .any(|s| matches!(s, Shape::Path { d, .. } if d.contains(" V"))));
}

#[test]
fn long_names_are_shortened_with_an_ellipsis() {
    assert_eq!(fit("short", 100.0, 6.0), "short");
    let long = "a".repeat(128);
    let f = fit(&long, 60.0, 6.0);
    assert_eq!(f.chars().count(), 10);
    assert!(f.ends_with('…'));
}
