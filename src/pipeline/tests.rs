use super::layout::{fit, Diagram, Shape};
use super::*;
use crate::engine::iam::delivery_role::{policy_name, DeliveryRoleParams};
use crate::engine::Sandbox;
use crate::engine::SandboxConfig;
use crate::forms::firehose_create::create_delivery_role;
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
    let arn = create_delivery_role(sb, &p, &role).unwrap();
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

pub(super) fn texts(d: &Diagram) -> Vec<&str> {
    d.shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// No two boxes (hints included) overlap, every box is inside the drawing, and every arrow
/// starts on its source box's right side, ends at its target's left side and crosses no other
/// box on the way.
pub(super) fn assert_tidy(p: &Pipeline, d: &Diagram) {
    let all: Vec<_> = d.boxes.iter().chain(&d.hints).collect();
    for (i, a) in all.iter().enumerate() {
        assert!(a.x >= 0.0 && a.y >= 0.0, "{a:?}");
        assert!(
            a.x + a.w <= d.width && a.y + a.h <= d.height,
            "{a:?} in {}x{}",
            d.width,
            d.height
        );
        for b in &all[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    assert_eq!(d.edges.len(), p.edges.len(), "every edge is drawn");
    for r in &d.edges {
        let e = &p.edges[r.edge];
        let from = d.boxes[e.from];
        let to = d.boxes[e.to];
        assert_eq!(r.start.0, from.x + from.w, "{r:?} from {from:?}");
        assert!(
            r.start.1 > from.y && r.start.1 < from.y + from.h,
            "{r:?} {from:?}"
        );
        assert_eq!(r.end.0, to.x - 2.0, "{r:?} to {to:?}");
        assert!(r.end.1 > to.y && r.end.1 < to.y + to.h, "{r:?} {to:?}");
        for &(x, y) in &r.points {
            assert!(
                x >= 0.0 && x <= d.width && y >= 0.0 && y <= d.height,
                "{r:?}"
            );
            for b in all.iter().filter(|b| b.node != e.from && b.node != e.to) {
                let inside = x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h;
                assert!(!inside, "{r:?} crosses {b:?}");
            }
        }
    }
}

fn node<'a>(p: &'a Pipeline, service: &str, name: &str) -> &'a Node {
    p.node(service, name)
        .unwrap_or_else(|| panic!("{service} {name} in {:?}", p.nodes))
}

/// The edges as (from id name, to id name, label).
fn pairs(p: &Pipeline) -> Vec<(String, String, String)> {
    p.edges
        .iter()
        .map(|e| {
            (
                p.nodes[e.from].id.name.clone(),
                p.nodes[e.to].id.name.clone(),
                e.label.clone(),
            )
        })
        .collect()
}

/// The edges as (from id, to id, label), each id as `service:name`.
fn edges(p: &Pipeline) -> Vec<(String, String, String)> {
    let id = |i: usize| format!("{}:{}", p.nodes[i].id.service, p.nodes[i].id.name);
    p.edges
        .iter()
        .map(|e| (id(e.from), id(e.to), e.label.clone()))
        .collect()
}

fn pair(from: &str, to: &str, label: &str) -> (String, String, String) {
    (from.into(), to.into(), label.into())
}

fn lines(n: &Node) -> Vec<&str> {
    n.lines.iter().map(Line::as_str).collect()
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
fn every_service_adds_its_nodes_from_one_table() {
    let names: Vec<&str> = nodes::CONTRIBUTORS.iter().map(|c| c.0).collect();
    assert_eq!(
        names,
        [
            "kinesis",
            "generator",
            "direct-put",
            "firehose",
            "kinesisvideo",
            "s3",
            "https",
            "redshift",
            "splunk",
            "es"
        ]
    );
}

#[test]
fn a_delivery_stream_to_an_http_endpoint_shows_the_endpoint_and_what_waits_for_it() {
    let mut sb = sandbox();
    let url = "https://collector.example.com/in";
    sb.call(
        "HttpEndpoints.PutEndpoint",
        json!({"Url": url, "Behavior": "ERROR", "StatusCode": 503}),
    )
    .unwrap();
    sb.call("S3.CreateBucket", json!({"Bucket": "backup"}))
        .unwrap();
    let params = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "h".into(),
        bucket: Some("backup".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &params, "role-h").unwrap();
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": "h", "HttpEndpointDestinationConfiguration": {
            "EndpointConfiguration": {"Url": url},
            "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::backup"}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb.call(
        "Firehose_20150804.PutRecord",
        json!({"DeliveryStreamName": "h", "Record": {"Data": "eyJhIjoxfQ=="}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(70));

    let p = Pipeline::of(&sb);
    let e = node(&p, "https", url);
    assert_eq!(e.role, Role::Destination);
    assert_eq!(e.kind, "HTTP endpoint");
    assert_eq!(lines(e)[0], "answers 503");
    assert!(matches!(e.health, Health::Failing(_)));
    let f = node(&p, "firehose", "h");
    assert!(
        lines(f).contains(&"delivery failing: HttpEndpoint.DestinationException"),
        "{f:?}"
    );
    assert!(
        edges(&p).contains(&pair("firehose:h", &format!("https:{url}"), "1 waiting")),
        "{:?}",
        edges(&p)
    );
    assert!(
        p.summary()
            .contains(&format!("Destinations: HTTP endpoint {url}")),
        "{}",
        p.summary()
    );

    // The endpoint recovers: the record is delivered and the arrow says so.
    sb.call("HttpEndpoints.PutEndpoint", json!({"Url": url}))
        .unwrap();
    sb.advance(Duration::from_secs(130));
    let p = Pipeline::of(&sb);
    assert!(
        edges(&p).contains(&pair("firehose:h", &format!("https:{url}"), "1")),
        "{:?}",
        edges(&p)
    );
    assert_eq!(lines(node(&p, "https", url))[0], "answers 200 OK");
}

#[test]
fn a_delivery_stream_to_splunk_shows_the_hec_and_what_waits_for_it() {
    let mut sb = sandbox();
    let token = sb
        .call(
            "SplunkHec.CreateToken",
            json!({"Name": "p", "IndexerAcknowledgement": true}),
        )
        .unwrap()["Token"]
        .as_str()
        .unwrap()
        .to_string();
    sb.call("SplunkHec.PutBehavior", json!({"Behavior": "SERVER_ERROR"}))
        .unwrap();
    sb.call("S3.CreateBucket", json!({"Bucket": "backup"}))
        .unwrap();
    let params = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "s".into(),
        bucket: Some("backup".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &params, "role-s").unwrap();
    let hec = crate::engine::splunk::HEC_URL;
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": "s", "SplunkDestinationConfiguration": {
            "HECEndpoint": hec, "HECEndpointType": "Raw", "HECToken": token,
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::backup"}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb.call(
        "Firehose_20150804.PutRecord",
        json!({"DeliveryStreamName": "s", "Record": {"Data": "eyJhIjoxfQ=="}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(70));

    let p = Pipeline::of(&sb);
    let e = node(&p, "splunk", hec);
    assert_eq!(e.role, Role::Destination);
    assert_eq!(e.kind, "Splunk HEC");
    assert_eq!(lines(e)[0], "answers 503 Server is busy");
    assert!(
        lines(e).contains(&"0 batches for an acknowledgement, 1 for a retry"),
        "{e:?}"
    );
    assert!(matches!(e.health, Health::Failing(_)));
    let f = node(&p, "firehose", "s");
    assert!(
        lines(f).contains(&"delivery failing: Splunk.ServerError"),
        "{f:?}"
    );
    assert!(
        edges(&p).contains(&pair("firehose:s", &format!("splunk:{hec}"), "1 waiting")),
        "{:?}",
        edges(&p)
    );

    // Acknowledgements late but within the timeout: waiting, not failing.
    sb.call(
        "SplunkHec.PutBehavior",
        json!({"Behavior": "ACK_DELAY", "AckDelaySeconds": 100}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(20));
    let p = Pipeline::of(&sb);
    let e = node(&p, "splunk", hec);
    assert!(
        lines(e).contains(&"1 batch for an acknowledgement, 0 for a retry"),
        "{e:?}"
    );
    assert!(!matches!(
        node(&p, "firehose", "s").health,
        Health::Failing(_)
    ));
    sb.advance(Duration::from_secs(100));
    let p = Pipeline::of(&sb);
    assert!(
        edges(&p).contains(&pair("firehose:s", &format!("splunk:{hec}"), "1")),
        "{:?}",
        edges(&p)
    );
}

#[test]
fn a_delivery_stream_to_redshift_shows_the_cluster_and_a_failing_copy() {
    let mut sb = sandbox();
    sb.call(
        "Redshift.CreateCluster",
        json!({"ClusterIdentifier": "dw", "NodeType": "ra3.large", "ClusterType": "single-node",
               "MasterUsername": "awsuser", "MasterUserPassword": "Awsuser1234", "PubliclyAccessible": true}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(181));
    let host = sb.redshift().cluster("dw").unwrap().endpoint.clone();
    sb.call("S3.CreateBucket", json!({"Bucket": "inter"}))
        .unwrap();
    let params = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "rs".into(),
        bucket: Some("inter".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &params, "role-rs").unwrap();
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": "rs", "RedshiftDestinationConfiguration": {
            "RoleARN": role, "ClusterJDBCURL": format!("jdbc:redshift://{host}:5439/dev"),
            "CopyCommand": {"DataTableName": "readings", "CopyOptions": "json 'auto'"},
            "Username": "awsuser", "Password": "Awsuser1234",
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::inter",
                "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60}}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb.call(
        "Firehose_20150804.PutRecord",
        json!({"DeliveryStreamName": "rs", "Record": {"Data": "eyJhIjoxfQ=="}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(70));
    let p = Pipeline::of(&sb);
    let c = node(&p, "redshift", &host);
    assert_eq!(c.kind, "Amazon Redshift");
    assert_eq!(lines(c)[0], "0 tables · 0 rows");
    let f = node(&p, "firehose", "rs");
    assert!(
        lines(f).contains(&"delivery failing: Redshift.TableNotFound"),
        "{f:?}"
    );
    assert!(
        edges(&p).contains(&pair(
            "firehose:rs",
            &format!("redshift:{host}"),
            "1 waiting"
        )),
        "{:?}",
        edges(&p)
    );
}

#[test]
fn a_delivery_stream_to_an_opensearch_domain_shows_the_domain_and_its_documents() {
    let mut sb = sandbox();
    sb.call("S3.CreateBucket", json!({"Bucket": "backup"}))
        .unwrap();
    let params = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "o".into(),
        bucket: Some("backup".into()),
        opensearch_domain: Some("logs".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &params, "role-o").unwrap();
    sb.call(
        "Firehose_20150804.CreateDeliveryStream",
        json!({"DeliveryStreamName": "o", "AmazonopensearchserviceDestinationConfiguration": {
            "RoleARN": role, "DomainARN": "arn:aws:es:us-east-1:123456789012:domain/logs",
            "IndexName": "app", "BufferingHints": {"SizeInMBs": 1, "IntervalInSeconds": 60},
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::backup"}}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
    sb.call(
        "Firehose_20150804.PutRecord",
        json!({"DeliveryStreamName": "o", "Record": {"Data": "eyJhIjoxfQ=="}}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(70));
    // No domain yet: the delivery fails and the record waits.
    let p = Pipeline::of(&sb);
    let d = node(&p, "es", "logs");
    assert_eq!(d.kind, "Amazon OpenSearch Service");
    assert!(matches!(d.health, Health::Failing(_)));
    assert!(
        lines(node(&p, "firehose", "o")).contains(&"delivery failing: OS.ResourceNotFound"),
        "{:?}",
        lines(node(&p, "firehose", "o"))
    );
    assert!(
        edges(&p).contains(&pair("firehose:o", "es:logs", "1 waiting")),
        "{:?}",
        edges(&p)
    );
    // The domain comes up; the retry 5 minutes after the first attempt delivers.
    sb.call("OpenSearch.CreateDomain", json!({"DomainName": "logs"}))
        .unwrap();
    sb.advance(Duration::from_secs(300));
    let p = Pipeline::of(&sb);
    assert_eq!(
        lines(node(&p, "es", "logs")),
        ["Active", "1 index · 1 document"]
    );
    assert!(
        edges(&p).contains(&pair("firehose:o", "es:logs", "1")),
        "{:?}",
        edges(&p)
    );
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
    assert_eq!(p.nodes.len(), 4);
    let g = node(&p, "generator", "Kinesis Data Generator");
    assert_eq!(g.role, Role::Producer);
    assert_eq!(lines(g), ["Constant: 100 records/s", "→ machinelearning"]);
    assert_eq!(g.route.as_deref(), Some("#/generator"));

    let s = node(&p, "kinesis", "machinelearning");
    assert_eq!(s.role, Role::Stream);
    assert_eq!(s.route.as_deref(), Some("#/streams/machinelearning"));
    assert_eq!(lines(s), ["2 open shards · 100/s in"]);
    let lanes = s.lanes.as_ref().unwrap();
    assert_eq!((lanes.lanes.len(), lanes.hidden), (2, 0));
    assert_eq!(lanes.lanes[0].id, "shardId-000000000000");
    assert_eq!(lanes.lanes.iter().map(|l| l.incoming).sum::<u64>(), 100);
    assert!(lanes.lanes.iter().all(|l| l.hot.is_none()));
    assert_eq!(s.health, Health::Ok);

    let f = node(&p, "firehose", "machinelearningfirehose");
    assert_eq!(f.role, Role::Delivery);
    let l = lines(f);
    assert_eq!(l[0], "Source: machinelearning");
    assert!(matches!(f.lines[1], Line::Bar { fill, visible: true } if fill > 0.0));
    assert!(l[2].contains(" of 5.00 MiB · "), "{l:?}");
    assert!(l[3].starts_with("next delivery in "), "{l:?}");
    assert_eq!(f.health, Health::Ok);
    let b = node(&p, "s3", "ml-bucket");
    assert_eq!(lines(b), ["0 objects · 0 B"]);
    assert_eq!(b.role, Role::Destination);

    let pairs = pairs(&p);
    for want in [
        pair("Kinesis Data Generator", "machinelearning", "100/s"),
        pair("machinelearning", "machinelearningfirehose", "100/s"),
        pair("machinelearningfirehose", "ml-bucket", "0"),
    ] {
        assert!(pairs.contains(&want), "{want:?} in {pairs:?}");
    }

    // After the buffer interval the object is in S3.
    sb.advance(Duration::from_secs(300));
    let p = Pipeline::of(&sb);
    assert!(lines(node(&p, "s3", "ml-bucket"))[0].starts_with("1 object · "));

    let d = Diagram::of(&p);
    assert_eq!(d.boxes.len(), 4);
    assert_eq!(d.columns, 4);
    // One column each, left to right.
    let xs: Vec<f64> = d.boxes.iter().map(|b| b.x).collect();
    let (gx, sx, fx, bx) = (
        xs[p.index("generator", "Kinesis Data Generator").unwrap()],
        xs[p.index("kinesis", "machinelearning").unwrap()],
        xs[p.index("firehose", "machinelearningfirehose").unwrap()],
        xs[p.index("s3", "ml-bucket").unwrap()],
    );
    assert!(gx < sx && sx < fx && fx < bx, "{xs:?}");
    // Each box beside what feeds it.
    assert!(
        d.boxes.windows(2).all(|w| w[0].y == w[1].y),
        "{:?}",
        d.boxes
    );
    assert_tidy(&p, &d);
    let t = texts(&d);
    for want in [
        "Producers",
        "Streams",
        "Consumers",
        "Destinations",
        "Kinesis Data Generator",
        "machinelearning",
        "shardId-000000000001",
        "machinelearningfirehose",
        "ml-bucket",
        "1 object · ",
    ] {
        assert!(t.iter().any(|x| x.starts_with(want)), "{want} in {t:?}");
    }
    assert!(d.shapes.iter().any(
        |s| matches!(s, Shape::Link { href, .. } if href == "#/firehose/machinelearningfirehose")
    ));
    let summary = p.summary();
    assert!(
        summary.starts_with("Pipeline diagram. Producers: Kinesis Data Generator. Streams: machinelearning (2 shards, 100 records/s). Consumers: Firehose machinelearningfirehose. Destinations: S3 bucket ml-bucket."),
        "{summary}"
    );
    let facts = p.facts();
    assert!(
        facts[0].starts_with(
            "Producer: Kinesis Data Generator, Constant: 100 records/s, sending to machinelearning: 100 sent in the last second, 0 throttled, 0 failed."
        ),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Shard shardId-000000000000 of machinelearning:")),
        "{facts:?}"
    );
    assert!(
        facts.iter().any(|f| f.starts_with(
            "Firehose delivery stream machinelearningfirehose (ACTIVE), reading data stream machinelearning, to S3 bucket ml-bucket: buffer "
        )),
        "{facts:?}"
    );
    assert!(
        facts
            .last()
            .unwrap()
            .starts_with("S3 bucket ml-bucket: 1 object,"),
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
    let s = node(&p, "kinesis", "busy");
    let lane = &s.lanes.as_ref().unwrap().lanes[0];
    let why = lane.hot.as_deref().expect("the only shard is hot");
    assert_eq!(why, "throttled: over 1,000 records/s");
    assert!(lane.refused >= 2000, "{}", lane.refused);
    assert!(lane.load >= 0.99, "{}", lane.load);
    assert_eq!(s.health, Health::Warn("1 shard throttled".into()));
    assert_eq!(p.hot_shards(), 1);
    assert!(
        p.summary().contains("1 shard throttled."),
        "{}",
        p.summary()
    );
    let g = node(&p, "generator", "Kinesis Data Generator");
    assert!(lines(g)[2].ends_with(" throttled last second"), "{g:?}");
    let e = &p.edges[0];
    assert_eq!(p.nodes[e.from].id.service, "generator");
    assert!(e.warn() && e.note.as_deref() == Some("throttled"), "{e:?}");
    assert_eq!(e.flow, Flow::Throttled);
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    for class in ["lane hot", "node stream hot"] {
        assert!(d
            .shapes
            .iter()
            .any(|s| matches!(s, Shape::Rect { class: c, .. } if *c == class)));
    }
    assert!(d.shapes.iter().any(|s| matches!(
        s,
        Shape::Path {
            class: "edge warn",
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
    let p = Pipeline::of(&sb);
    let why = node(&p, "kinesis", "wide").lanes.as_ref().unwrap().lanes[0]
        .hot
        .clone()
        .unwrap();
    assert_eq!(why, "throttled: over 1 MiB/s");
}

#[test]
fn five_hundred_shards_draw_eight_lanes_and_every_hot_one() {
    let mut sb = sandbox();
    create_stream(&mut sb, "wide", 500);
    // 1,500 records to the last shard in one second: it throttles.
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
    let s = node(&p, "kinesis", "wide");
    assert!(s.summary.starts_with("wide (500 shards,"), "{}", s.summary);
    let lanes = s.lanes.as_ref().unwrap();
    assert_eq!(lanes.lanes.len(), LANES_SHOWN + 1);
    assert_eq!(lanes.lanes.last().unwrap().id, "shardId-000000000499");
    assert!(lanes.lanes.last().unwrap().hot.is_some());
    assert_eq!((lanes.hidden, lanes.hidden_hot), (491, 0));
    assert_eq!(more_shards_text(lanes), "+491 more shards");
    assert!(p.facts().contains(&"+491 more shards"));
    let d = Diagram::of(&p);
    assert!(texts(&d).contains(&"+491 more shards"));
    assert_tidy(&p, &d);
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
    let producers: Vec<&Node> = p.with_role(Role::Producer).collect();
    assert_eq!(producers.len(), 1);
    assert_eq!(producers[0].title, "Direct PUT / AWS CLI");
    assert_eq!(lines(producers[0]), ["PutRecord(s) → machinelearning"]);
    assert_eq!(
        pairs(&p),
        [pair("Direct PUT / AWS CLI", "machinelearning", "1/s")]
    );
    assert_eq!(
        p.facts()[0],
        "Producer: records put directly (console or AWS CLI) into data stream machinelearning."
    );
    // No consumer yet: the diagram says how to add one.
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert!(texts(&d).contains(&"No consumer yet"));
    assert!(!texts(&d).contains(&"No producer sending"));
}

#[test]
fn a_stream_alone_gets_hints_for_producer_and_consumer() {
    let mut sb = sandbox();
    create_stream(&mut sb, "lonely", 1);
    let p = Pipeline::of(&sb);
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    let t = texts(&d);
    assert!(
        t.contains(&"No producer sending") && t.contains(&"No consumer yet"),
        "{t:?}"
    );
    // Hint, stream, hint: three columns, each beside the stream.
    assert_eq!(d.columns, 3);
    assert_eq!(d.hints.len(), 2);
    assert!(d.hints.iter().all(|h| h.y == d.boxes[0].y));
    assert!(d.hints[0].x < d.boxes[0].x && d.boxes[0].x < d.hints[1].x);
    let dashed = d
        .shapes
        .iter()
        .filter(|s| {
            matches!(
                s,
                Shape::Path {
                    class: "edge hint",
                    ..
                }
            )
        })
        .count();
    assert_eq!(dashed, 2);
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
    let f = node(&p, "firehose", "direct");
    assert_eq!(
        f.failing(),
        Some("delivery failing: S3.AccessDenied (s3:PutObject denied)")
    );
    assert_eq!(lines(f)[0], "Source: Direct PUT");
    // The learner's put reaches the delivery stream directly.
    let producers: Vec<&Node> = p.with_role(Role::Producer).collect();
    assert_eq!(lines(producers[0]), ["PutRecordBatch → direct"]);
    let to_bucket = p
        .edges
        .iter()
        .find(|e| p.nodes[e.to].id.service == "s3")
        .unwrap();
    assert_eq!(to_bucket.flow, Flow::Failing { waiting: 1 });
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
    assert!(p
        .facts()
        .iter()
        .any(|f| f.starts_with(
            "Firehose delivery stream direct (ACTIVE), Direct PUT, to S3 bucket direct-bucket:"
        ) && f.ends_with("; delivery failing: S3.AccessDenied (s3:PutObject denied).")));
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    // No stream: producer, delivery stream and bucket in three columns.
    assert_eq!(d.columns, 3);
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
    assert_tidy(&p, &d);
    let find = |service: &str, name: &str| d.boxes[p.index(service, name).unwrap()];
    let stream = find("kinesis", "machinelearning");
    let producer = find("generator", "Kinesis Data Generator");
    let target = find("firehose", "direct");
    assert!(
        target.y >= stream.y + stream.h,
        "{target:?} below {stream:?}"
    );
    assert!(producer.x < stream.x && stream.x < target.x);
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
fn fan_out_consumers_hang_off_their_stream() {
    let mut sb = sandbox();
    create_stream(&mut sb, "orders", 1);
    let arn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders";
    sb.call(
        "Kinesis_20131202.RegisterStreamConsumer",
        json!({"StreamARN": arn, "ConsumerName": "reader"}),
    )
    .unwrap();
    let p = Pipeline::of(&sb);
    let c = node(&p, "kinesis-consumer", "orders/reader");
    assert_eq!(c.role, Role::Processor);
    assert!(lines(c)[0].ends_with(" · 2 MiB/s per shard"), "{c:?}");
    assert_eq!(pairs(&p), [pair("orders", "orders/reader", "fan-out")]);
    assert!(p.summary().contains("Consumers: fan-out consumer reader."));
    assert!(p
        .facts()
        .iter()
        .any(|f| f.starts_with("Enhanced fan-out consumer reader of data stream orders (")));
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert!(!texts(&d).contains(&"No consumer yet"));
}

#[test]
fn long_names_are_shortened_with_an_ellipsis() {
    assert_eq!(fit("short", 100.0, 6.0), "short");
    let long = "a".repeat(128);
    let f = fit(&long, 60.0, 6.0);
    assert_eq!(f.chars().count(), 10);
    assert!(f.ends_with('…'));
}

// ---- Kinesis Video Streams ----

/// Matroska with one video track of `codec` (and its CodecPrivate), then a cluster of 1 s
/// (four frames, 250 ms apart) at each of `starts` (ms): what a producer sends with PutMedia.
fn mkv(codec: &str, private: Option<&[u8]>, starts: &[u64]) -> String {
    use crate::engine::video::ebml::{element, id};
    let uint = |v: u64| {
        let b = v.to_be_bytes();
        let skip = b.iter().take_while(|&&x| x == 0).count().min(7);
        b[skip..].to_vec()
    };
    let mut out = element(id::EBML, &element(id::DOC_TYPE, b"matroska"));
    // A Segment of unknown size, as live producers write it.
    out.extend([
        0x18, 0x53, 0x80, 0x67, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    ]);
    out.extend(element(
        id::INFO,
        &element(id::TIMECODE_SCALE, &uint(1_000_000)),
    ));
    let mut track = element(id::TRACK_NUMBER, &uint(1));
    track.extend(element(id::CODEC_ID, codec.as_bytes()));
    if let Some(p) = private {
        track.extend(element(id::CODEC_PRIVATE, p));
    }
    out.extend(element(id::TRACKS, &element(id::TRACK_ENTRY, &track)));
    for &start in starts {
        let mut cluster = element(id::TIMECODE, &uint(start));
        for rel in [0i16, 250, 500, 750] {
            let mut block = vec![0x81];
            block.extend(rel.to_be_bytes());
            block.push(0x80);
            block.extend([7u8; 16]);
            cluster.extend(element(id::SIMPLE_BLOCK, &block));
        }
        out.extend(element(id::CLUSTER, &cluster));
    }
    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, out)
}

/// The first fragment's producer timestamp (ms).
const T0: u64 = 1_767_261_000_000;

/// Video stream `name` with `hours` of retention, active.
fn video_stream(sb: &mut Sandbox, name: &str, hours: i64) {
    sb.call(
        "KinesisVideo.CreateStream",
        json!({"StreamName": name, "DataRetentionInHours": hours}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(5));
}

/// PutMedia of `payload` to `stream`; the connection stays open unless `end`.
fn put_media(sb: &mut Sandbox, stream: &str, payload: &str, end: bool) {
    let acks = sb
        .call(
            "KinesisVideoMedia.PutMedia",
            json!({"StreamName": stream, "FragmentTimecodeType": "ABSOLUTE",
                   "Payload": payload, "EndOfStream": end}),
        )
        .unwrap();
    assert!(!acks.to_string().contains("ErrorId"), "{acks}");
}

#[test]
fn a_camera_to_a_video_stream_to_image_generation_to_s3() {
    let mut sb = sandbox();
    video_stream(&mut sb, "cam", 24);
    sb.call("S3.CreateBucket", json!({"Bucket": "frames"}))
        .unwrap();
    sb.call(
        "KinesisVideo.UpdateImageGenerationConfiguration",
        json!({"StreamName": "cam", "ImageGenerationConfiguration": {
            "Status": "ENABLED", "ImageSelectorType": "PRODUCER_TIMESTAMP",
            "DestinationConfig": {"Uri": "s3://frames/training", "DestinationRegion": "us-east-1"},
            "SamplingInterval": 3000, "Format": "JPEG"}}),
    )
    .unwrap();
    let starts: Vec<u64> = (0..4).map(|i| T0 + i * 1000).collect();
    put_media(&mut sb, "cam", &mkv("V_VP8", None, &starts), false);
    sb.advance(Duration::from_secs(1));
    // The host decodes the frames image generation asks for: each lands in the bucket.
    for (job, _) in sb.video_take_frame_jobs() {
        sb.video_frame_done(job.id, Some(b"jpeg".to_vec()));
    }

    let p = Pipeline::of(&sb);
    assert_eq!(p.nodes.len(), 4, "{:?}", p.nodes);
    let s = node(&p, "kinesisvideo", "cam");
    assert_eq!(s.role, Role::Stream);
    assert_eq!(s.kind, "Kinesis video stream");
    assert_eq!(s.route.as_deref(), Some("#/kinesisvideo/streams/cam"));
    assert_eq!(lines(s)[0], "retention 24 h · 4 fragments");
    assert!(lines(s)[1].starts_with("4 in 30 s · "), "{s:?}");
    assert_eq!(s.summary, "cam (retention 24 h, 4 fragments)");

    let c = node(&p, "kinesisvideo-producer", "cam");
    assert_eq!(c.role, Role::Producer);
    assert_eq!(c.title, "Camera / test pattern");
    assert_eq!(lines(c), ["PutMedia → cam", "connection open"]);

    let g = node(&p, "kinesisvideo-images", "cam");
    assert_eq!(g.role, Role::Processor);
    assert_eq!(lines(g), ["JPEG every 3 s", "→ frames"]);
    assert_eq!(g.health, Health::Ok);
    // The bucket is the S3 contributor's node, with the images in it.
    let b = node(&p, "s3", "frames");
    assert_eq!(b.role, Role::Destination);
    assert!(lines(b)[0].starts_with("2 objects · "), "{b:?}");

    assert_eq!(
        edges(&p),
        [
            pair(
                "kinesisvideo-producer:cam",
                "kinesisvideo:cam",
                "4 fragments"
            ),
            pair("kinesisvideo:cam", "kinesisvideo-images:cam", "every 3 s"),
            pair("kinesisvideo-images:cam", "s3:frames", "2"),
        ]
    );
    let summary = p.summary();
    assert_eq!(
        summary,
        "Pipeline diagram. Producers: Camera / test pattern → cam. Streams: cam (retention 24 h, 4 fragments). Consumers: image generation of cam. Destinations: S3 bucket frames."
    );
    let facts = p.facts();
    assert_eq!(
        facts[0],
        "Producer: Camera / test pattern, sending to video stream cam with PutMedia: connection open, 4 fragments in the last 30 seconds."
    );
    assert!(
        facts[1].starts_with("Video stream cam (ACTIVE): retention 24 hours, 4 fragments (")
            && facts[1].ends_with(") readable, 4 received in the last 30 seconds."),
        "{facts:?}"
    );
    assert_eq!(
        facts[2],
        "Image generation of video stream cam (ENABLED): JPEG every 3 s to S3 bucket frames under training/, 2 images delivered."
    );

    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert_eq!(d.columns, 4);
    assert!(!texts(&d).contains(&"No producer sending"));
    assert!(!texts(&d).contains(&"No consumer yet"));
}

#[test]
fn a_video_stream_with_nothing_else_is_alone_and_a_producer_goes_once_quiet() {
    let mut sb = sandbox();
    video_stream(&mut sb, "quiet", 0);
    let p = Pipeline::of(&sb);
    assert_eq!(p.nodes.len(), 1, "{:?}", p.nodes);
    assert!(p.edges.is_empty());
    let s = node(&p, "kinesisvideo", "quiet");
    assert_eq!(lines(s), ["no retention · 0 fragments", "0 in 30 s · 0 B"]);
    assert_eq!(
        p.facts(),
        ["Video stream quiet (ACTIVE): no retention (a 5-minute buffer), 0 fragments (0 B) readable, 0 received in the last 30 seconds."]
    );
    assert!(!p.is_empty());
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    // Its hints say how to send video and read it, not records.
    let t = texts(&d);
    for want in [
        "No producer sending",
        "Start the test pattern",
        "or the camera on its page",
        "No consumer yet",
        "Play it back, read it with",
        "GetMedia or generate images",
    ] {
        assert!(t.contains(&want), "{want} in {t:?}");
    }
    assert!(!t.contains(&"Send data with the KDG"), "{t:?}");

    // One PutMedia that ends its connection: the producer shows while its fragments are
    // recent, then the stream is alone again.
    put_media(&mut sb, "quiet", &mkv("V_VP8", None, &[T0]), true);
    sb.advance(Duration::from_secs(2));
    let p = Pipeline::of(&sb);
    let c = node(&p, "kinesisvideo-producer", "quiet");
    assert_eq!(lines(c), ["PutMedia → quiet", "last fragment 2 s ago"]);
    assert_eq!(
        edges(&p),
        [pair(
            "kinesisvideo-producer:quiet",
            "kinesisvideo:quiet",
            "1 fragment"
        )]
    );
    assert_tidy(&p, &Diagram::of(&p));
    sb.advance(Duration::from_secs(30));
    let p = Pipeline::of(&sb);
    assert_eq!(p.nodes.len(), 1, "{:?}", p.nodes);
    assert!(p.edges.is_empty());
    assert_eq!(
        lines(node(&p, "kinesisvideo", "quiet"))[0],
        "no retention · 1 fragment"
    );
}

/// An AVC decoder configuration record, as H.264 producers send: HLS needs it.
const AVCC: &[u8] = &[
    0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x04, 0x67, 0x64, 0x00, 0x1F, 0x01, 0x00, 0x02, 0x68,
    0xEE,
];

#[test]
fn get_media_readers_and_playback_sessions_hang_off_their_video_stream() {
    let mut sb = sandbox();
    video_stream(&mut sb, "doorbell", 1);
    let arn = sb.video().stream("doorbell").unwrap().arn.clone();
    put_media(
        &mut sb,
        "doorbell",
        &mkv("V_MPEG/ISO/AVC", Some(AVCC), &[T0, T0 + 1000]),
        true,
    );
    let get_media = |sb: &mut Sandbox, by: serde_json::Value| {
        let mut body = json!({"StartSelector": {"StartSelectorType": "EARLIEST"}});
        body.as_object_mut()
            .unwrap()
            .extend(by.as_object().unwrap().clone());
        sb.call("KinesisVideoMedia.GetMedia", body).unwrap();
    };
    get_media(&mut sb, json!({"StreamName": "doorbell"}));
    sb.advance(Duration::from_secs(3));
    // By ARN too; a refused call reads nothing.
    get_media(&mut sb, json!({"StreamARN": arn}));
    sb.call(
        "KinesisVideoMedia.GetMedia",
        json!({"StreamName": "doorbell", "StartSelector": {"StartSelectorType": "CONTINUATION_TOKEN"}}),
    )
    .unwrap_err();
    sb.call(
        "KinesisVideoArchivedMedia.GetHLSStreamingSessionURL",
        json!({"StreamName": "doorbell"}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(2));

    let p = Pipeline::of(&sb);
    let r = node(&p, "kinesisvideo-getmedia", "doorbell");
    assert_eq!(r.role, Role::Processor);
    assert_eq!(r.title, "GetMedia reader");
    assert_eq!(lines(r), ["2 calls in 30 s", "last call 2 s ago"]);
    let h = node(&p, "kinesisvideo-session", "doorbell/HLS");
    assert_eq!(h.role, Role::Processor);
    assert_eq!(h.title, "HLS session");
    assert_eq!(lines(h), ["1 active · LIVE", "expires in 298 s"]);
    assert!(p.node("kinesisvideo-session", "doorbell/DASH").is_none());
    assert_eq!(
        edges(&p),
        [
            pair(
                "kinesisvideo-producer:doorbell",
                "kinesisvideo:doorbell",
                "2 fragments"
            ),
            pair(
                "kinesisvideo:doorbell",
                "kinesisvideo-getmedia:doorbell",
                "GetMedia"
            ),
            pair(
                "kinesisvideo:doorbell",
                "kinesisvideo-session:doorbell/HLS",
                "HLS"
            ),
        ]
    );
    assert!(
        p.summary().contains(
            " Consumers: GetMedia reader of doorbell, 1 HLS session of doorbell. Destinations: none."
        ),
        "{}",
        p.summary()
    );
    let facts = p.facts();
    for want in [
        "GetMedia reader of video stream doorbell: 2 calls in the last 30 seconds, the last 2 s ago.",
        "1 HLS session of video stream doorbell (LIVE), the first to expire in 298 s.",
    ] {
        assert!(facts.contains(&want), "{want} in {facts:?}");
    }
    let d = Diagram::of(&p);
    assert_tidy(&p, &d);
    assert_eq!(d.columns, 3);

    // Readers stop counting once quiet, sessions once expired.
    sb.advance(Duration::from_secs(300));
    let p = Pipeline::of(&sb);
    assert_eq!(p.nodes.len(), 1, "{:?}", p.nodes);
}
