//! The Firehose blueprints: each Rust port on the test events (good lines, bad lines,
//! CloudWatch Logs control messages), and each blueprint's JavaScript run in a JavaScript
//! engine (Boa) with the worker's Node prelude, giving the same response and log lines as its
//! port.

use std::io::Write as _;

use kinesis_sandbox::engine::lambda::blueprints::{self, js, HandlerError, BLUEPRINTS};
use serde_json::{json, Value};

fn b64(text: &[u8]) -> String {
    js::base64_encode(text)
}

fn gzip(text: &str) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

/// A Firehose event of these records' data (Direct PUT: no Kinesis metadata).
fn event(data: &[Vec<u8>]) -> Value {
    let records: Vec<Value> = data
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({
                "recordId": format!("4954698668313554428650745793632167567570019247115678515{i}"),
                "approximateArrivalTimestamp": 1495072949453u64 + i as u64,
                "data": b64(d),
            })
        })
        .collect();
    json!({
        "invocationId": "invocationIdExample",
        "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream",
        "region": "us-east-1",
        "records": records,
    })
}

fn lines(lines: &[&str]) -> Value {
    event(
        &lines
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect::<Vec<_>>(),
    )
}

/// The facts' test event: a Kinesis data stream source.
fn streams_event() -> Value {
    json!({
        "invocationId": "invocationIdExample",
        "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream",
        "sourceKinesisStreamArn": "arn:aws:kinesis:us-east-1:123456789012:stream/src",
        "region": "us-east-1",
        "records": [{
            "recordId": "49546986683135544286507457936321625675700192471156785154",
            "approximateArrivalTimestamp": 1495072949453u64,
            "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4=",
            "kinesisRecordMetadata": {
                "sequenceNumber": "49545115243490985018280067714973144582180062593244200961",
                "subsequenceNumber": "123456",
                "partitionKey": "partitionKey-03",
                "shardId": "shardId-000000000000",
                "approximateArrivalTimestamp": 1495072949453u64
            }
        }]
    })
}

fn run(id: &str, event: &Value) -> (Value, Vec<String>) {
    let mut logs = Vec::new();
    let out = (blueprints::by_id(id).unwrap().run)(event, &mut logs).unwrap();
    (out, logs)
}

/// Each output record's result, and its data decoded (None: no data field).
fn outputs(response: &Value) -> Vec<(String, Option<String>)> {
    response["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["result"].as_str().unwrap().to_string(),
                r.get("data")
                    .map(|d| js::utf8(&js::base64_decode(d.as_str().unwrap()))),
            )
        })
        .collect()
}

const APACHE: &str =
    r#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#;
const APACHE_NO_ZONE: &str =
    r#"10.0.0.7 - - [01/Jan/2024:00:00:05] "POST /api/v1/items HTTP/1.1" 201 15"#;
const SYSLOG: &str =
    "Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8";
const SYSLOG_NO_PID: &str = "Feb  5 17:32:18 10.0.0.99 myproc: Use the BFG!";

#[test]
fn process_record_returns_every_record_unchanged() {
    let ev = lines(&["Hello, this is a test 123.", "second"]);
    let (out, logs) = run("kinesis-firehose-process-record", &ev);
    assert_eq!(
        out["records"][0],
        json!({"recordId": ev["records"][0]["recordId"], "result": "Ok", "data": "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4="})
    );
    assert_eq!(out["records"][1]["data"], ev["records"][1]["data"]);
    assert_eq!(logs, ["Processing completed.  Successful records 2."]);
}

#[test]
fn streams_as_source_logs_each_records_kinesis_metadata() {
    let (out, logs) = run(
        "kinesis-firehose-process-record-streams-as-source",
        &streams_event(),
    );
    assert_eq!(out["records"][0]["result"], "Ok");
    assert_eq!(
        out["records"][0]["data"],
        "SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4="
    );
    assert_eq!(
        logs,
        [
            "Record 49546986683135544286507457936321625675700192471156785154: shardId \
             shardId-000000000000, partitionKey partitionKey-03, sequenceNumber \
             49545115243490985018280067714973144582180062593244200961, subsequenceNumber 123456, \
             approximateArrivalTimestamp 1495072949453",
            "Processing completed.  Successful records 1.",
        ]
    );
    let (_, logs) = run(
        "kinesis-firehose-process-record-streams-as-source",
        &lines(&["x"]),
    );
    assert!(
        logs[0].ends_with("has no kinesisRecordMetadata: its source is not a Kinesis data stream.")
    );
}

#[test]
fn apache_log_to_json_parses_common_log_format() {
    let ev = lines(&[APACHE, APACHE_NO_ZONE, "not an access log line", ""]);
    let (out, logs) = run("kinesis-firehose-apachelog-to-json", &ev);
    let got = outputs(&out);
    assert_eq!(got[0].0, "Ok");
    assert_eq!(
        got[0].1.as_deref().unwrap(),
        r#"{"host":"127.0.0.1","ident":"-","authuser":"frank","@timestamp":"2000-10-10T13:55:36-07:00","@timestamp_utc":"2000-10-10T20:55:36.000Z","timezone":"-0700","verb":"GET","request":"GET /apache_pb.gif HTTP/1.0","response":200,"bytes":2326}"#
    );
    // Without a zone in the line, the time is UTC.
    assert_eq!(
        got[1].1.as_deref().unwrap(),
        r#"{"host":"10.0.0.7","ident":"-","authuser":"-","@timestamp":"2024-01-01T00:00:05+00:00","@timestamp_utc":"2024-01-01T00:00:05.000Z","timezone":"+0000","verb":"POST","request":"POST /api/v1/items HTTP/1.1","response":201,"bytes":15}"#
    );
    // A line that does not parse comes back as it was.
    for i in [2, 3] {
        assert_eq!(out["records"][i]["result"], "ProcessingFailed");
        assert_eq!(out["records"][i]["data"], ev["records"][i]["data"]);
    }
    assert_eq!(
        logs,
        ["Processing completed.  Successful records 2, Failed records 2."]
    );
}

#[test]
fn apache_log_to_json_refuses_a_date_that_does_not_exist() {
    let (out, _) = run(
        "kinesis-firehose-apachelog-to-json",
        &lines(&[
            r#"1.2.3.4 - - [30/Feb/2001:10:00:00 +0000] "GET / HTTP/1.1" 200 1"#,
            r#"1.2.3.4 - - [29/Feb/2000:23:30:00 -0100] "GET / HTTP/1.1" 200 1"#,
        ]),
    );
    let got = outputs(&out);
    assert_eq!(got[0].0, "ProcessingFailed");
    assert!(got[1]
        .1
        .as_deref()
        .unwrap()
        .contains(r#""@timestamp_utc":"2000-03-01T00:30:00.000Z""#));
}

#[test]
fn apache_request_is_the_shortest_quoted_text_followed_by_status_and_bytes() {
    let line = r#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0100] "GET /x" 404 HTTP" 200 12 trailing"#;
    let (out, _) = run("kinesis-firehose-apachelog-to-csv", &lines(&[line]));
    assert_eq!(
        outputs(&out)[0].1.as_deref().unwrap(),
        "1.2.3.4,-,-,10/Oct/2000:13:55:36 +0100,GET /x\" 404 HTTP,200,12\n"
    );
}

#[test]
fn apache_log_to_csv_needs_the_zone_and_ends_rows_with_a_newline() {
    let ev = lines(&[APACHE, APACHE_NO_ZONE]);
    let (out, logs) = run("kinesis-firehose-apachelog-to-csv", &ev);
    let got = outputs(&out);
    assert_eq!(
        got[0],
        (
            "Ok".to_string(),
            Some(
                "127.0.0.1,-,frank,10/Oct/2000:13:55:36 -0700,GET /apache_pb.gif HTTP/1.0,200,2326\n"
                    .to_string()
            )
        )
    );
    assert_eq!(got[1].0, "ProcessingFailed");
    assert_eq!(out["records"][1]["data"], ev["records"][1]["data"]);
    assert_eq!(
        logs,
        ["Processing completed.  Successful records 1, Failed records 1."]
    );
}

#[test]
fn syslog_to_json_and_csv() {
    let ev = lines(&[
        SYSLOG,
        SYSLOG_NO_PID,
        "<34>1 2003-10-11T22:14:15.003Z host app - - msg",
    ]);
    let (out, _) = run("kinesis-firehose-syslog-to-json", &ev);
    let got = outputs(&out);
    assert_eq!(
        got[0].1.as_deref().unwrap(),
        r#"{"timestamp":"Oct 11 22:14:15","hostname":"mymachine","program":"su","processid":"230","message":"'su root' failed for lonvick on /dev/pts/8"}"#
    );
    assert_eq!(
        got[1].1.as_deref().unwrap(),
        r#"{"timestamp":"Feb  5 17:32:18","hostname":"10.0.0.99","program":"myproc","processid":null,"message":"Use the BFG!"}"#
    );
    assert_eq!(got[2].0, "ProcessingFailed");
    assert_eq!(out["records"][2]["data"], ev["records"][2]["data"]);

    let (out, logs) = run("kinesis-firehose-syslog-to-csv", &ev);
    let got = outputs(&out);
    assert_eq!(
        got[0].1.as_deref().unwrap(),
        "Oct 11 22:14:15,mymachine,su,230,'su root' failed for lonvick on /dev/pts/8\n"
    );
    assert_eq!(
        got[1].1.as_deref().unwrap(),
        "Feb  5 17:32:18,10.0.0.99,myproc,,Use the BFG!\n"
    );
    assert_eq!(got[2].0, "ProcessingFailed");
    assert_eq!(
        logs,
        ["Processing completed.  Successful records 2, Failed records 1."]
    );
}

#[test]
fn syslog_decodes_as_ascii_dropping_each_bytes_high_bit() {
    let mut line = b"Oct 11 22:14:15 host prog: caf".to_vec();
    line.push(0xe9); // é in Latin-1: 0x69 once the high bit is gone
    let (out, _) = run("kinesis-firehose-syslog-to-csv", &event(&[line]));
    assert_eq!(
        outputs(&out)[0].1.as_deref().unwrap(),
        "Oct 11 22:14:15,host,prog,,cafi\n"
    );
}

fn cloudwatch_batch(kind: &str, messages: &[&str]) -> Vec<u8> {
    let events: Vec<Value> = messages
        .iter()
        .enumerate()
        .map(|(i, m)| json!({"id": format!("3195310660696698337880902507980421114328961542429EXAMPLE{i}"), "timestamp": 1432826855000u64, "message": m}))
        .collect();
    gzip(
        &json!({
            "messageType": kind,
            "owner": "123456789012",
            "logGroup": "/aws/lambda/app",
            "logStream": "2024/01/01/[$LATEST]abc",
            "subscriptionFilters": ["to-firehose"],
            "logEvents": events,
        })
        .to_string(),
    )
}

fn cloudwatch_event() -> Value {
    event(&[
        cloudwatch_batch("DATA_MESSAGE", &["first event", "second event"]),
        cloudwatch_batch(
            "CONTROL_MESSAGE",
            &["CWL CONTROL MESSAGE: Checking health of destination Firehose."],
        ),
        b"plain text, not gzipped".to_vec(),
    ])
}

#[test]
fn cloudwatch_logs_processor_unzips_data_and_fails_control_messages_without_data() {
    let ev = cloudwatch_event();
    let (out, logs) = run("kinesis-firehose-cloudwatch-logs-processor", &ev);
    let got = outputs(&out);
    assert_eq!(
        got[0],
        ("Ok".into(), Some("first event\nsecond event\n".into()))
    );
    assert_eq!(
        out["records"][1],
        json!({"recordId": ev["records"][1]["recordId"], "result": "ProcessingFailed"})
    );
    assert_eq!(got[2].0, "ProcessingFailed");
    assert_eq!(out["records"][2]["data"], ev["records"][2]["data"]);
    assert_eq!(
        logs,
        [
            format!(
                "Record {} is not a gzipped batch from CloudWatch Logs.",
                ev["records"][2]["recordId"].as_str().unwrap()
            ),
            "Processing completed.  Successful records 1, Failed records 2.".into(),
        ]
    );
}

#[test]
fn an_event_without_records_throws_the_type_error_node_gives() {
    for b in BLUEPRINTS.iter().chain(blueprints::EXAMPLES) {
        let mut logs = Vec::new();
        assert_eq!(
            (b.run)(&json!({}), &mut logs),
            Err(HandlerError::type_error(
                "Cannot read properties of undefined (reading 'map')"
            )),
            "{}",
            b.id
        );
        assert_eq!(
            (b.run)(&json!({"records": [null]}), &mut logs)
                .unwrap_err()
                .error_type,
            "TypeError"
        );
    }
}

#[test]
fn the_table_finds_blueprints_by_name_and_by_exact_source() {
    let mut ids: Vec<_> = BLUEPRINTS.iter().map(|b| b.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 7);
    for b in BLUEPRINTS {
        assert_eq!(blueprints::by_id(b.id).unwrap().source, b.source);
        assert_eq!(blueprints::by_source(b.source).unwrap().id, b.id);
        assert_eq!(b.handler, "index.handler");
        let esm = b.source.contains("export const handler");
        let cjs = b
            .source
            .contains("exports.handler = (event, context, callback)");
        assert!(esm != cjs, "{}: one handler style", b.id);
        assert_eq!(b.file_name, if esm { "index.mjs" } else { "index.js" });
    }
    assert!(BLUEPRINTS.iter().any(|b| b.file_name == "index.js"));
    // An edited blueprint is the learner's own code.
    let edited = format!("{} ", BLUEPRINTS[0].source);
    assert!(blueprints::by_source(&edited).is_none());
    assert!(blueprints::by_id("kinesis-firehose-process-record-python").is_none());
}

#[test]
fn javascript_number_printing() {
    assert_eq!(js::number(1495072949453.0), "1495072949453");
    assert_eq!(js::number(0.1 + 0.2), "0.30000000000000004");
    assert_eq!(js::number(1e21), "1e+21");
    assert_eq!(js::number(1.5e-7), "1.5e-7");
    assert_eq!(js::number(0.000001), "0.000001");
    assert_eq!(js::number(-0.0), "0");
    assert_eq!(js::number(12345678901234567890.0), "12345678901234567000");
}

#[test]
fn base64_decodes_as_node_does() {
    assert_eq!(js::base64_decode("aGk="), b"hi");
    assert_eq!(js::base64_decode("aGk"), b"hi");
    assert_eq!(js::base64_decode("a G\nk"), b"hi");
    assert_eq!(js::base64_decode("_-8="), vec![0xff, 0xef]);
    assert_eq!(js::base64_decode("aGk=aGk="), b"hi");
}

// ---- The JavaScript itself, in Boa -------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))]
mod javascript {
    use super::*;
    use boa_engine::{js_string, Context, JsResult, JsValue, NativeFunction, Source};
    use kinesis_sandbox::engine::lambda::blueprints::Blueprint;
    use std::io::Read as _;

    const PRELUDE: &str = include_str!("../static/lambda/node.js");

    fn string_arg(args: &[JsValue], ctx: &mut Context) -> JsResult<String> {
        Ok(args
            .first()
            .cloned()
            .unwrap_or_default()
            .to_string(ctx)?
            .to_std_string_escaped())
    }

    /// fflate's gunzipSync and gzipSync, done by flate2 (bytes cross as base64).
    fn gunzip(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
        let bytes = js::base64_decode(&string_arg(args, ctx)?);
        let mut out = Vec::new();
        match flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            Ok(_) => Ok(JsValue::from(js_string!(js::base64_encode(&out)))),
            Err(_) => Ok(JsValue::null()),
        }
    }

    fn gzip_native(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
        let bytes = js::base64_decode(&string_arg(args, ctx)?);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bytes).unwrap();
        Ok(JsValue::from(js_string!(js::base64_encode(
            &gz.finish().unwrap()
        ))))
    }

    const HARNESS: &str = r#"
        globalThis.fflate = {
          gunzipSync(u8) {
            const out = __gunzip(Buffer.from(u8).toString('base64'));
            if (out === null) { const e = new Error('invalid gzip data'); e.code = 6; throw e; }
            return new Uint8Array(Buffer.from(out, 'base64'));
          },
          gzipSync(u8) { return new Uint8Array(Buffer.from(__gzip(Buffer.from(u8).toString('base64')), 'base64')); },
        };
    "#;

    const DRIVER: &str = r#"
        globalThis.__logs = [];
        globalThis.console = { log: (...a) => __logs.push(__lambdaNode.format(...a)) };
        globalThis.__invoke = function (wrapper, eventJson) {
          const require = (name) => __lambdaNode.modules[name.replace(/^node:/, '')];
          const module = { exports: {} };
          wrapper(module.exports, require, module);
          globalThis.__out = undefined;
          const failed = (e) => ({ error: { type: e.name, message: e.message } });
          const callback = (err, value) => { __out = err ? failed(err) : { value }; };
          let r;
          try { r = module.exports.handler(JSON.parse(eventJson), {}, callback); }
          catch (e) { __out = failed(e); return; }
          if (r && typeof r.then === 'function') r.then((value) => { __out = { value }; }, (e) => { __out = failed(e); });
        };
    "#;

    /// The module turned into a CommonJS body for the engine: the ES module forms the
    /// blueprints use (`import { x } from 'node:zlib'`, `export const handler`) by their
    /// `require` / `exports` equivalents.
    fn as_commonjs(source: &str) -> String {
        let mut out = String::new();
        for line in source.lines() {
            if let Some(rest) = line.strip_prefix("import ") {
                let (names, module) = rest.split_once(" from ").expect("import … from …");
                out.push_str(&format!(
                    "const {names} = require({});\n",
                    module.trim_end_matches(';')
                ));
            } else if let Some(rest) = line.strip_prefix("export const ") {
                out.push_str(&format!("exports.{rest}\n"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        assert!(!out.contains("\nexport ") && !out.contains("\nimport "));
        out
    }

    pub struct Engine(Context);

    impl Engine {
        pub fn new() -> Self {
            let mut ctx = Context::default();
            ctx.register_global_callable(
                js_string!("__gunzip"),
                1,
                NativeFunction::from_fn_ptr(gunzip),
            )
            .unwrap();
            ctx.register_global_callable(
                js_string!("__gzip"),
                1,
                NativeFunction::from_fn_ptr(gzip_native),
            )
            .unwrap();
            for (name, src) in [
                ("harness", HARNESS),
                ("prelude", PRELUDE),
                ("driver", DRIVER),
            ] {
                if let Err(e) = ctx.eval(Source::from_bytes(src)) {
                    panic!("{name}: {e}");
                }
            }
            Engine(ctx)
        }

        pub fn eval(&mut self, src: &str) -> String {
            match self.0.eval(Source::from_bytes(src)) {
                Ok(v) => v.to_string(&mut self.0).unwrap().to_std_string_escaped(),
                Err(e) => panic!("{src}: {e}"),
            }
        }

        /// Runs a blueprint's source on the event: the response or the error, and the logs.
        pub fn run(
            &mut self,
            b: &Blueprint,
            event: &Value,
        ) -> (Result<Value, HandlerError>, Vec<String>) {
            let body = if b.file_name.ends_with(".mjs") {
                as_commonjs(b.source)
            } else {
                b.source.to_string()
            };
            let wrapper = format!("(function (exports, require, module) {{{body}\n}})");
            let call = format!(
                "__logs = []; __invoke({wrapper}, {});",
                serde_json::to_string(&event.to_string()).unwrap()
            );
            if let Err(e) = self.0.eval(Source::from_bytes(&call)) {
                panic!("{}: {e}", b.id);
            }
            self.0.run_jobs().unwrap();
            let out: Value = serde_json::from_str(&self.eval("JSON.stringify(__out)")).unwrap();
            let logs: Vec<String> =
                serde_json::from_str(&self.eval("JSON.stringify(__logs)")).unwrap();
            let result = if let Some(e) = out.get("error") {
                Err(HandlerError {
                    error_type: e["type"].as_str().unwrap_or("").into(),
                    error_message: e["message"].as_str().unwrap_or("").into(),
                })
            } else {
                Ok(out["value"].clone())
            };
            (result, logs)
        }
    }

    /// Lines that take each pattern down its different paths.
    pub fn edge_lines() -> Vec<Vec<u8>> {
        let mut lines: Vec<Vec<u8>> = [
            APACHE,
            APACHE_NO_ZONE,
            SYSLOG,
            SYSLOG_NO_PID,
            r#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0100] "GET /x" 404 HTTP" 200 12 trailing"#,
            r#"1.2.3.4 - - [10/Oct/2000:13:55:36	+0100] "GET /" 200 0012"#,
            "1.2.3.4 - - [10/Oct/2000:13:55:36\u{a0}-0130] \"GET /caf\u{e9}\" 500 99999999999999999999999",
            r#"1.2.3.4 - - [10/Oct/2000:13:55:36 +01] "GET /" 200 1"#,
            r#"1.2.3.4 - - [31/Dec/9999:23:00:00 -0200] "GET /" 200 1"#,
            r#"1.2.3.4 - - [01/Jan/0000:00:30:00 +0100] "GET /" 200 1"#,
            r#"1.2.3.4 - - [10/oct/2000:13:55:36 +0100] "GET /" 200 1"#,
            "1.2.3.4 - - [10/Oct/2000:13:55:36 +0100] \"GET\n/\" 200 1",
            r#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0100] "" 200 1"#,
            "Oct  1 00:00:00 h p[12]x: nope",
            "Oct  1 00:00:00 h p[12]: \"quoted\"\\ back\tslash\r\nsecond line",
            "Oct 11 22:14:15 host prog[]: empty pid",
            "Oct 11 22:14:15 host prog: ",
            "Oct 11 22:14:15\u{2003}host prog: em space",
            "\u{feff}Oct 11 22:14:15 host prog: bom",
            "",
        ]
        .iter()
        .map(|l| l.as_bytes().to_vec())
        .collect();
        lines.push(vec![0xff, 0xfe, b'x', 0xc3]);
        lines.push(b"Oct 11 22:14:15 h\x80st prog: \xe2\x82\xac".to_vec());
        lines
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn each_blueprints_javascript_gives_what_its_port_gives() {
    let mut engine = javascript::Engine::new();
    let mut events = vec![
        streams_event(),
        lines(&["Hello, this is a test 123."]),
        event(&javascript::edge_lines()),
        cloudwatch_event(),
        event(&[
            cloudwatch_batch("DATA_MESSAGE", &[]),
            gzip(r#"{"messageType":"DATA_MESSAGE","logEvents":[{"message":5},{"id":"x"},7,{"message":[1,null,"a"]},{"message":{"a":1}}]}"#),
            gzip(r#"{"messageType":"DATA_MESSAGE","logEvents":[null]}"#),
            gzip(r#"{"messageType":"DATA_MESSAGE","logEvents":"x"}"#),
            gzip("null"),
            gzip("[1]"),
            gzip("5"),
            gzip("{not json"),
            gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"message\":\"caf\u{e9} \u{1f600}\"}]}"),
        ]),
    ];
    // Records as Firehose would never send them, for the TypeErrors.
    events.push(json!({"records": [{"recordId": "a", "data": "aGk="}, 5, {"data": "aGk="}]}));
    events.push(json!({"records": [{"recordId": "a", "data": "aGk=", "kinesisRecordMetadata": {"shardId": 1.5, "partitionKey": null, "sequenceNumber": [1, 2]}}]}));
    for b in BLUEPRINTS.iter().chain(blueprints::EXAMPLES) {
        for (i, ev) in events.iter().enumerate() {
            let mut logs = Vec::new();
            let port = (b.run)(ev, &mut logs);
            let (js_result, js_logs) = engine.run(b, ev);
            assert_eq!(port, js_result, "{} on event {i}", b.id);
            assert_eq!(logs, js_logs, "{} logs on event {i}", b.id);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_prelude_buffer_and_zlib_behave_as_node() {
    let mut e = javascript::Engine::new();
    let checks = [
        ("Buffer.from('héllo').toString('base64')", "aMOpbGxv"),
        ("Buffer.from('aMOpbGxv', 'base64').toString('utf8')", "héllo"),
        ("Buffer.from('aMOpbGxv', 'base64').toString('ascii')", "hC)llo"),
        ("Buffer.from('aMOpbGxv', 'base64').toString('latin1')", "hÃ©llo"),
        ("Buffer.from('héllo').toString('hex')", "68c3a96c6c6f"),
        ("Buffer.from('68c3a96c6c6fz1', 'hex').toString()", "héllo"),
        ("new Buffer('hi', 'utf-8').length", "2"),
        ("Buffer.byteLength('€')", "3"),
        ("Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString()", "abc"),
        ("Buffer.isBuffer(Buffer.alloc(2)) && !Buffer.isBuffer(new Uint8Array(2))", "true"),
        ("Buffer.alloc(3, 'ab').toString()", "aba"),
        ("Buffer.from([104, 361]).toString()", "hi"),
        ("Buffer.from('hello').slice(1, 3).toString()", "el"),
        ("JSON.stringify(Buffer.from('hi'))", r#"{"type":"Buffer","data":[104,105]}"#),
        ("Buffer.from(Buffer.from([0xff, 0xfe])).toString('utf8')", "\u{fffd}\u{fffd}"),
        ("__lambdaNode.modules.buffer.Buffer === Buffer", "true"),
        (
            "const z = __lambdaNode.modules.zlib; z.gunzipSync(z.gzipSync('round trip')).toString()",
            "round trip",
        ),
        (
            "try { __lambdaNode.modules.zlib.gunzipSync(Buffer.from('nope')); 'no error' } catch (e) { `${e.message} ${e.code}` }",
            "incorrect header check Z_DATA_ERROR",
        ),
        (
            "try { Buffer.from(undefined, 'base64'); 'no error' } catch (e) { `${e.name}: ${e.message}` }",
            "TypeError: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received undefined",
        ),
        (
            "try { Buffer.from('x', 'nope'); 'no error' } catch (e) { e.message }",
            "Unknown encoding: nope",
        ),
        (
            "__lambdaNode.format('%s has %d items', 'list', 3, {a: 1})",
            "list has 3 items { a: 1 }",
        ),
        (
            "__lambdaNode.format({a: 'x', b: [1, 2], c: {d: {e: {f: 1}}}}, null, undefined)",
            "{ a: 'x', b: [ 1, 2 ], c: { d: { e: [Object] } } } null undefined",
        ),
        ("__lambdaNode.format(Buffer.from('hi'))", "<Buffer 68 69>"),
        ("__lambdaNode.format('100%', 5)", "100% 5"),
    ];
    for (src, want) in checks {
        assert_eq!(e.eval(src), want, "{src}");
    }
}
