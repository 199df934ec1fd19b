//! In-browser benchmark (wasm, headless Chromium): records per second through the Data Streams
//! engine. It measures and prints; it asserts nothing about speed. Run with `make bench-wasm`.
#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use kinesis_sandbox::engine::generator::{RenderContext, Template};
use kinesis_sandbox::engine::streams::put_records_typed;
use kinesis_sandbox::engine::{Caller, Sandbox, SandboxRng, SimTime};
use serde_json::json;
use std::time::Duration;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn sandbox(shards: u32) -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "s", "ShardCount": shards}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb
}

/// Batches of 500 records × 100 bytes; simulated time moves one second every `per_second`
/// batches so that no shard goes over its write limit.
fn run(shards: u32, per_second: usize, batches: usize, typed: bool) -> f64 {
    let mut sb = sandbox(shards);
    let records: Vec<(String, Vec<u8>)> = (0..500)
        .map(|i| (format!("partitionKey-{i}"), vec![b'x'; 100]))
        .collect();
    let data = base64::engine::general_purpose::STANDARD.encode([b'x'; 100]);
    let body = json!({
        "StreamName": "s",
        "Records": (0..500).map(|i| json!({"Data": data, "PartitionKey": format!("partitionKey-{i}")})).collect::<Vec<_>>(),
    });
    let start = now_ms();
    for i in 0..batches {
        if typed {
            let out = put_records_typed(&mut sb, Caller::Generator, "s", &records).unwrap();
            assert_eq!(out.failed, 0);
        } else {
            let out = sb
                .call("Kinesis_20131202.PutRecords", body.clone())
                .unwrap();
            assert_eq!(out["FailedRecordCount"], 0);
        }
        if (i + 1) % per_second == 0 {
            sb.advance(Duration::from_secs(1));
        }
        // Stay inside the byte budget: start over every 200k records.
        if (i + 1) % 400 == 0 {
            sb = sandbox(shards);
        }
    }
    let secs = (now_ms() - start) / 1000.0;
    (batches * 500) as f64 / secs
}

#[wasm_bindgen_test]
fn records_per_second_in_wasm() {
    for (shards, per_second) in [(2u32, 2usize), (500, 200)] {
        let typed = run(shards, per_second, 2_000, true);
        let via_call = run(shards, per_second, 400, false);
        console_log!(
            "wasm ingest, {shards} shards: typed {:.0} records/s; PutRecords through call {:.0} records/s",
            typed,
            via_call
        );
    }
}

/// The notes' sensor template, as the Kinesis Data Generator page sends it.
use kinesis_sandbox::engine::generator::SENSOR_TEMPLATE as SENSOR;

#[wasm_bindgen_test]
fn sensor_template_renders_per_second_in_wasm() {
    let template = Template::compile(SENSOR).unwrap();
    let ctx = RenderContext::at(SimTime::DEFAULT_START);
    let mut rng = SandboxRng::seed_from_u64(1);
    let mut out = String::new();
    let n = 500_000;
    let start = now_ms();
    for _ in 0..n {
        out.clear();
        template.render_into(&ctx, &mut rng, &mut out);
    }
    let secs = (now_ms() - start) / 1000.0;
    console_log!(
        "wasm sensor template: {:.0} records/s rendered",
        n as f64 / secs
    );
}

#[wasm_bindgen_test]
fn generator_at_5000_per_second_costs_per_simulated_second() {
    let mut sb = sandbox(5);
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": "s", "RecordsPerSecond": 5000}),
    )
    .unwrap();
    let mut worst: f64 = 0.0;
    let start = now_ms();
    for _ in 0..10 {
        let t = now_ms();
        sb.advance(Duration::from_secs(1));
        worst = worst.max(now_ms() - t);
    }
    let mean = (now_ms() - start) / 10.0;
    console_log!(
        "wasm generator at 5,000 records/s into 5 shards: {mean:.1} ms per simulated second (worst {worst:.1} ms)"
    );
}

/// Issue 5's scenario: 24 simulated hours of the sensor template at 100 records/s, sent by the
/// generator into a 2-shard stream that a delivery stream reads (300 s buffers, GZIP) into S3.
/// Prints the wall time and the memory it ends with (wasm memory never shrinks, so its size at
/// the end is the peak).
#[wasm_bindgen_test]
fn firehose_day_through_a_stream_in_wasm() {
    use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
    use kinesis_sandbox::engine::SandboxConfig;
    use kinesis_sandbox::forms::firehose_create::create_delivery_role;
    use wasm_bindgen::JsCast as _;

    // A day of records at 100/s is ~750 MB of keys and data held for the 24 h retention.
    let mut sb = Sandbox::new(SandboxConfig {
        stream_byte_budget: 1 << 30,
        ..Default::default()
    });
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "day-in", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call("S3.CreateBucket", json!({"Bucket": "day-bucket"}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "day".into(),
        bucket: Some("day-bucket".into()),
        source_stream: Some("day-in".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &p, "day-role").unwrap();
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "day", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/day-in", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::day-bucket", "CompressionFormat": "GZIP",
            "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}}})).unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": "day-in", "RecordsPerSecond": 100}),
    )
    .unwrap();
    let mut max_buffer = 0u64;
    let start = now_ms();
    for _ in 0..24 * 3600 {
        sb.advance(Duration::from_secs(1));
        max_buffer = max_buffer.max(sb.firehose_buffer("day").unwrap().bytes);
    }
    let secs = (now_ms() - start) / 1000.0;
    let ledger = sb.firehose_buffer("day").unwrap().ledger;
    let stream = sb.record_memory("day-in").unwrap();
    let bucket = sb.s3().bucket("day-bucket").unwrap();
    let s3_bytes: u64 = bucket.objects.values().map(|o| o.size).sum();
    let wasm_bytes = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    console_log!(
        "wasm Firehose day: 24 simulated hours of 100 records/s (generator, sensor template) through 2 shards into Firehose (300 s, GZIP) in {secs:.2} s wall; accepted {} delivered {} buffered {}; {} objects, {} bytes in S3; stream holds {} records, {} bytes of keys and data + {} bytes bookkeeping; largest Firehose buffer {} bytes; wasm memory at the end (its peak) {} MiB",
        ledger.accepted,
        ledger.delivered,
        ledger.buffered,
        bucket.objects.len(),
        s3_bytes,
        stream.records,
        stream.payload_bytes,
        stream.overhead_bytes,
        max_buffer,
        wasm_bytes / (1024 * 1024)
    );
}

/// A simulated day at the labs' rate (100 records/s through a stream and Firehose into S3,
/// in a sandbox configured as the page configures one) saved to IndexedDB and read back, at
/// 1, 6, 12 and 24 simulated hours: prints the stored size, the save after each jump (only
/// what is new since the last), a full save (every chunk and body rewritten, as after an
/// Undo), an autosave one simulated second later, the load time, and wasm memory (its size
/// is its peak: it never shrinks). Measures; asserts only that the sandbox comes back whole.
/// The page's stream byte budget (256 MiB) is reached after about 8.5 simulated hours; from
/// then on the generator's writes are refused, so the 24-hour save holds what the 12-hour
/// one does, plus the clock. The whole run takes about 40 s after the build: give the runner
/// `WASM_BINDGEN_TEST_TIMEOUT=600`, as its default gives up before the 24-hour step.
#[wasm_bindgen_test]
async fn a_lab_day_saves_to_indexed_db_and_loads_back() {
    use kinesis_sandbox::engine::iam::delivery_role::DeliveryRoleParams;
    use kinesis_sandbox::forms::firehose_create::create_delivery_role;
    use kinesis_sandbox::host::storage;
    use wasm_bindgen::JsCast as _;

    let wasm_mib = || {
        wasm_bindgen::memory()
            .unchecked_into::<js_sys::WebAssembly::Memory>()
            .buffer()
            .unchecked_into::<js_sys::ArrayBuffer>()
            .byte_length()
            / (1024 * 1024)
    };
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let mut sb = Sandbox::new(kinesis_sandbox::host::fresh_config());
    sb.call(
        "Kinesis_20131202.CreateStream",
        json!({"StreamName": "machinelearning", "ShardCount": 2}),
    )
    .unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call("S3.CreateBucket", json!({"Bucket": "lab-bucket"}))
        .unwrap();
    let p = DeliveryRoleParams {
        region: "us-east-1".into(),
        account_id: "123456789012".into(),
        delivery_stream: "lab".into(),
        bucket: Some("lab-bucket".into()),
        source_stream: Some("machinelearning".into()),
        ..Default::default()
    };
    let role = create_delivery_role(&mut sb, &p, "lab-role").unwrap();
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "lab", "DeliveryStreamType": "KinesisStreamAsSource",
        "KinesisStreamSourceConfiguration": {"KinesisStreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/machinelearning", "RoleARN": role},
        "ExtendedS3DestinationConfiguration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::lab-bucket",
            "BufferingHints": {"SizeInMBs": 5, "IntervalInSeconds": 300}}})).unwrap();
    sb.advance(Duration::from_secs(10));
    sb.call(
        "KinesisDataGenerator.StartSending",
        json!({"Template": SENSOR, "StreamName": "machinelearning", "RecordsPerSecond": 100}),
    )
    .unwrap();
    let settings = json!({"speed": "Paused"});
    let mut simulated = 0;
    for hours in [1u64, 6, 12, 24] {
        let mut simulate = 0.0;
        // An hour at a time, letting the browser breathe between (the test runner polls).
        for _ in simulated..hours {
            let start = now_ms();
            sb.advance(Duration::from_secs(3600));
            simulate += (now_ms() - start) / 1000.0;
            yew::platform::time::sleep(Duration::from_millis(10)).await;
        }
        simulated = hours;
        let objects = sb.s3().bucket("lab-bucket").unwrap().objects.len();
        let with_body = sb
            .s3()
            .bucket("lab-bucket")
            .unwrap()
            .objects
            .values()
            .filter(|o| o.body.is_some())
            .count();
        let records = sb.record_memory("machinelearning").unwrap();

        let start = now_ms();
        let jump = storage::save_and_wait(&sb, &settings).await.unwrap();
        let jump_ms = now_ms() - start;
        storage::sandbox_replaced();
        let start = now_ms();
        let full = storage::save_and_wait(&sb, &settings).await.unwrap();
        let full_ms = now_ms() - start;
        let (plan_ms, _) = storage::last_save();
        let usage = storage::usage();
        sb.advance(Duration::from_secs(1));
        let start = now_ms();
        let next = storage::save_and_wait(&sb, &settings).await.unwrap();
        let next_ms = now_ms() - start;
        let (next_plan_ms, _) = storage::last_save();

        yew::platform::time::sleep(Duration::from_millis(10)).await;
        let start = now_ms();
        let restored = storage::restore().await;
        let load_ms = now_ms() - start;
        let storage::Restored::Saved(loaded, _) = restored else {
            panic!("the session did not load back");
        };
        assert_eq!(
            loaded.s3().bucket("lab-bucket").unwrap().objects.len(),
            objects
        );
        assert_eq!(loaded.now(), sb.now());
        let back = loaded.record_memory("machinelearning").unwrap();
        assert_eq!(
            (back.records, back.payload_bytes),
            (
                sb.record_memory("machinelearning").unwrap().records,
                sb.record_memory("machinelearning").unwrap().payload_bytes
            )
        );
        drop(loaded);
        console_log!(
            "IndexedDB, {hours} simulated h at 100 records/s (simulated in {simulate:.1} s): {objects} S3 objects \
             ({with_body} with their body), stream holds {} records ({} bytes of keys and data); \
             save after the jump wrote {jump} bytes in {jump_ms:.0} ms; a full save (every chunk and body) wrote \
             {full} bytes in {full_ms:.0} ms (planning, encoding and gzip {plan_ms:.0} ms); an autosave one \
             simulated second later wrote {next} bytes in {next_ms:.0} ms (planning {next_plan_ms:.0} ms); \
             loading it back took {load_ms:.0} ms; navigator.storage.estimate() (used, quota) after the full \
             save: {usage:?}; wasm memory so far (its peak) {} MiB",
            records.records,
            records.payload_bytes,
            wasm_mib(),
        );
    }
}

/// Feeds delivery stream `name` one PutRecordBatch of `records` a simulated second for ten
/// simulated minutes, lets `drain_s` more pass, checks every record was delivered and prints
/// the rate.
/// Role `r`, which the `services` may assume, allowed `actions` on everything; its ARN.
fn role(sb: &mut Sandbox, services: serde_json::Value, actions: serde_json::Value) -> String {
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": services}, "Action": "sts:AssumeRole"}]});
    let role = sb
        .call(
            "IAM.CreateRole",
            json!({"RoleName": "r", "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap()["Role"]["Arn"]
        .as_str()
        .unwrap()
        .to_string();
    let allow = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": actions, "Resource": "*"}]});
    sb.call(
        "IAM.PutRolePolicy",
        json!({"RoleName": "r", "PolicyName": "p", "PolicyDocument": allow.to_string()}),
    )
    .unwrap();
    role
}

fn feed_ten_minutes(
    sb: &mut Sandbox,
    name: &str,
    records: Vec<serde_json::Value>,
    drain_s: u64,
    label: &str,
) {
    let per_second = records.len() as u64;
    let body = json!({"DeliveryStreamName": name, "Records": records});
    let seconds = 600;
    let start = now_ms();
    for _ in 0..seconds {
        sb.call("Firehose_20150804.PutRecordBatch", body.clone())
            .unwrap();
        sb.advance(Duration::from_secs(1));
    }
    sb.advance(Duration::from_secs(drain_s));
    let ms = now_ms() - start;
    let ledger = sb.firehose().get(name).unwrap().ledger;
    assert_eq!(ledger.delivered, per_second * seconds);
    web_sys::console::log_1(
        &format!(
            "{label}: {} records in {ms:.0} ms = {:.0} records/s",
            ledger.delivered,
            ledger.delivered as f64 / ms * 1000.0
        )
        .into(),
    );
}

/// Records per second through a Lambda transformation (the identity blueprint, which runs as
/// its Rust port) into S3: a Direct PUT delivery stream fed 500 records of 100 bytes a
/// simulated second for 10 simulated minutes.
#[wasm_bindgen_test]
fn records_per_second_through_a_transformation_in_wasm() {
    use kinesis_sandbox::engine::lambda::blueprints;
    let mut sb = Sandbox::default();
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let role = role(
        &mut sb,
        json!(["lambda.amazonaws.com", "firehose.amazonaws.com"]),
        json!(["s3:*", "lambda:*", "logs:*"]),
    );
    sb.call("S3.CreateBucket", json!({"Bucket": "out"}))
        .unwrap();
    let bp = blueprints::by_id("kinesis-firehose-process-record").unwrap();
    let codecs = kinesis_sandbox::engine::extension::codecs().unwrap();
    let zip = b64(&(codecs.zip)(bp.source.as_bytes(), bp.file_name));
    sb.call("Lambda.CreateFunction", json!({"FunctionName": "xf", "Runtime": "nodejs22.x", "Role": role, "Handler": bp.handler, "Code": {"ZipFile": zip}})).unwrap();
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "t", "ExtendedS3DestinationConfiguration": {
        "RoleARN": role, "BucketARN": "arn:aws:s3:::out",
        "ProcessingConfiguration": {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
            {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:123456789012:function:xf"}]}]}}})).unwrap();
    sb.advance(Duration::from_secs(10));
    let records: Vec<_> = (0..500)
        .map(|_| json!({"Data": b64(&[b'x'; 100])}))
        .collect();
    feed_ten_minutes(
        &mut sb,
        "t",
        records,
        700,
        "transformation (identity blueprint)",
    );
}

/// Records per second through record format conversion to Parquet (Snappy): a Direct PUT
/// delivery stream with the sensor table, fed 500 JSON readings a simulated second for 10
/// simulated minutes, delivered every 60 s.
#[wasm_bindgen_test]
fn records_per_second_through_parquet_conversion_in_wasm() {
    let mut sb = Sandbox::default();
    let role = role(
        &mut sb,
        json!("firehose.amazonaws.com"),
        json!(["s3:*", "glue:*", "logs:*"]),
    );
    sb.call("S3.CreateBucket", json!({"Bucket": "lake"}))
        .unwrap();
    sb.call(
        "Glue.CreateDatabase",
        json!({"DatabaseInput": {"Name": "sensors"}}),
    )
    .unwrap();
    sb.call("Glue.CreateTable", json!({"DatabaseName": "sensors", "TableInput": {"Name": "readings", "StorageDescriptor": {"Columns": [
        {"Name": "sensorid", "Type": "int"}, {"Name": "currenttemperature", "Type": "int"}, {"Name": "status", "Type": "string"}]}}})).unwrap();
    sb.call("Firehose_20150804.CreateDeliveryStream", json!({"DeliveryStreamName": "c", "ExtendedS3DestinationConfiguration": {
        "RoleARN": role, "BucketARN": "arn:aws:s3:::lake", "BufferingHints": {"IntervalInSeconds": 60},
        "DataFormatConversionConfiguration": {
            "SchemaConfiguration": {"RoleARN": role, "DatabaseName": "sensors", "TableName": "readings"},
            "InputFormatConfiguration": {"Deserializer": {"OpenXJsonSerDe": {}}},
            "OutputFormatConfiguration": {"Serializer": {"ParquetSerDe": {}}}}}})).unwrap();
    sb.advance(Duration::from_secs(10));
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let records: Vec<_> = (0..500)
        .map(|i| json!({"Data": b64(format!("{{\"sensorId\": {}, \"currentTemperature\": {}, \"status\": \"OK\"}}", i % 50, 10 + i % 140).as_bytes())}))
        .collect();
    feed_ten_minutes(&mut sb, "c", records, 70, "Parquet conversion");
}

/// The Analysis workspace on 100,000 rows of the notes' sensor template (as Firehose delivers
/// it: JSON lines) plus a time field: reading and typing the dataset, every field's
/// statistics, then each visual's numbers and its drawing as SVG text, one by one.
#[wasm_bindgen_test]
fn analysis_of_100000_rows_in_wasm() {
    use kinesis_sandbox::analysis::draw::{self, Size};
    use kinesis_sandbox::analysis::visuals::{
        self, Aggregate, HistogramOptions, Measure, OutlierVisibility, PieOptions, ScatterOptions,
        SortOrder, TimeGrain,
    };
    use kinesis_sandbox::analysis::{summarize_all, Dataset};

    const ROWS: usize = 100_000;
    let statuses = ["OK", "FAIL", "WARN"];
    let mut text = String::with_capacity(ROWS * 110);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for i in 0..ROWS {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let secs = i / 50;
        text.push_str(&format!(
            "{{\"sensorId\":{},\"currentTemperature\":{},\"status\":\"{}\",\"time\":\"2026-12-06 {:02}:{:02}:{:02}\"}}\n",
            x % 51,
            10 + (x >> 8) % 141,
            statuses[((x >> 20) % 3) as usize],
            10 + secs / 3600,
            secs / 60 % 60,
            secs % 60,
        ));
    }
    let bytes = text.into_bytes();
    let size = Size::new(800.0, 500.0);
    let mut timings = Vec::new();
    let mut time = |label: &str, f: &mut dyn FnMut() -> usize| {
        let start = now_ms();
        let n = f();
        timings.push(format!(
            "{label}: {:.0} ms ({n} bytes of SVG)",
            now_ms() - start
        ));
    };
    let start = now_ms();
    let ds = Dataset::from_bytes(&bytes).unwrap();
    let load = now_ms() - start;
    let start = now_ms();
    let fields = summarize_all(&ds);
    let summarise = now_ms() - start;
    assert_eq!((ds.rows, fields.len()), (ROWS, 4));
    let temp = Measure::of("currentTemperature", Aggregate::Average);
    time("histogram", &mut || {
        let h =
            visuals::histogram(&ds, "currentTemperature", &HistogramOptions::default()).unwrap();
        draw::to_svg(&draw::histogram(&h, size)).len()
    });
    time("box plot by status", &mut || {
        let b = visuals::box_plot(
            &ds,
            "currentTemperature",
            Some("status"),
            OutlierVisibility::Visible,
        )
        .unwrap();
        draw::to_svg(&draw::box_plot(&b, size)).len()
    });
    time("scatter (sampled)", &mut || {
        let s =
            visuals::scatter(&ds, &ScatterOptions::new("sensorId", "currentTemperature")).unwrap();
        draw::to_svg(&draw::scatter(&s, size)).len()
    });
    time("heat map status x sensorId", &mut || {
        let h = visuals::heat_map(&ds, "status", "sensorId", &Measure::count()).unwrap();
        draw::to_svg(&draw::heat_map(&h, size)).len()
    });
    time("correlation matrix", &mut || {
        let m = visuals::correlation_matrix(&ds);
        draw::to_svg(&draw::correlation_matrix(&m, size)).len()
    });
    time("line chart per minute", &mut || {
        let c = visuals::line_chart(&ds, "time", &temp, TimeGrain::Minute).unwrap();
        draw::to_svg(&draw::line_chart(&c, size)).len()
    });
    time("bar chart", &mut || {
        let b = visuals::bar_chart(&ds, "status", &Measure::count(), SortOrder::ValueDescending)
            .unwrap();
        draw::to_svg(&draw::bar_chart(&b, size)).len()
    });
    time("pie chart", &mut || {
        let p =
            visuals::pie_chart(&ds, "status", &Measure::count(), PieOptions::default()).unwrap();
        draw::to_svg(&draw::pie_chart(&p, size)).len()
    });
    time("KPI", &mut || {
        let k = visuals::kpi(&ds, &temp, None).unwrap();
        draw::to_svg(&draw::kpi(&k, size)).len()
    });
    web_sys::console::log_1(
        &format!(
            "analysis, 100,000 rows in wasm: load {load:.0} ms, field statistics {summarise:.0} ms; {}",
            timings.join("; ")
        )
        .into(),
    );
}
