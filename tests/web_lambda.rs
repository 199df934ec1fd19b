//! Lambda functions' JavaScript in the browser (`host::lambda_runtime`): handler styles, the
//! Node prelude, logs, errors as Lambda reports them, the timeout, warm environments, and each
//! Firehose blueprint's JavaScript giving what its Rust port gives.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;

use kinesis_sandbox::engine::lambda::blueprints::{self, js, BLUEPRINTS};
use kinesis_sandbox::host::lambda_runtime::{run, FunctionFailure, Ran, Run};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

thread_local! {
    static SERIAL: Cell<u32> = const { Cell::new(0) };
}

/// A function of its own (a fresh name: no warm environment from another test).
fn function(file_name: &str, code: &str) -> Run {
    let n = SERIAL.with(|s| {
        s.set(s.get() + 1);
        s.get()
    });
    let name = format!("fn-{n}-{}", js_sys::Math::random().to_bits());
    Run {
        file_name: file_name.into(),
        code: code.into(),
        handler: "index.handler".into(),
        event_json: r#"{"hello":"world"}"#.into(),
        timeout_ms: 3000,
        memory_mb: 128,
        function_name: name.clone(),
        function_version: "$LATEST".into(),
        request_id: format!("00000000-0000-4000-8000-{n:012}"),
        log_group: format!("/aws/lambda/{name}"),
        log_stream: "2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef".into(),
        invoked_arn: format!("arn:aws:lambda:eu-west-1:123456789012:function:{name}"),
        environment: vec![("GREETING".into(), "hi".into())],
    }
}

fn ok(ran: &Ran) -> Value {
    match &ran.result {
        Ok(text) => serde_json::from_str(text).unwrap(),
        Err(f) => panic!("failed: {f:?}\nlogs: {:#?}", ran.logs),
    }
}

fn err(ran: &Ran) -> &FunctionFailure {
    match &ran.result {
        Ok(text) => panic!("returned {text}"),
        Err(f) => f,
    }
}

/// The messages of the function's log lines, after time, request id and level.
fn messages(ran: &Ran) -> Vec<String> {
    ran.logs
        .iter()
        .map(|l| l.splitn(4, '\t').nth(3).unwrap_or("").to_string())
        .collect()
}

#[wasm_bindgen_test]
async fn identity_handler_in_each_style() {
    let styles = [
        ("index.mjs", "export const handler = async (event) => event;"),
        ("index.mjs", "export function handler(event, context, callback) { callback(null, event); }"),
        ("index.js", "exports.handler = async (event) => event;"),
        ("index.js", "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, event), 5); };"),
        ("index.js", "module.exports = { handler: (event) => Promise.resolve(event) };"),
        ("index.cjs", "'use strict';\nexports.handler = function (event, context) { context.succeed(event); };"),
    ];
    for (file, code) in styles {
        let ran = run(function(file, code)).await;
        assert_eq!(ok(&ran), json!({"hello": "world"}), "{file}: {code}");
        assert!(ran.duration_ms >= 0.0);
        assert!(ran.init_duration_ms.is_some());
    }
    // A handler that returns nothing, or neither returns nor calls back: null.
    let ran = run(function(
        "index.mjs",
        "export const handler = async () => {};",
    ))
    .await;
    assert_eq!(ran.result, Ok("null".into()));
    let ran = run(function(
        "index.js",
        "exports.handler = (e, c, cb) => { return 5; };",
    ))
    .await;
    assert_eq!(ran.result, Ok("null".into()));
}

#[wasm_bindgen_test]
async fn buffer_encodings_as_node() {
    let code = r#"
        import { randomUUID } from 'node:crypto';
        export const handler = async () => ({
          uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(randomUUID()),
          b64: Buffer.from('héllo', 'utf8').toString('base64'),
          utf8: Buffer.from('aMOpbGxv', 'base64').toString('utf8'),
          utf8dash: Buffer.from('aMOpbGxv', 'base64').toString('utf-8'),
          ascii: Buffer.from('aMOpbGxv', 'base64').toString('ascii'),
          latin1: Buffer.from('aMOpbGxv', 'base64').toString('latin1'),
          hex: Buffer.from('hi').toString('hex'),
          deprecated: new Buffer('aGk=', 'base64').toString(),
          length: Buffer.from('€').length,
          byteLength: Buffer.byteLength('€'),
          concat: Buffer.concat([Buffer.from('a'), Buffer.alloc(2, 'b')]).toString(),
          isBuffer: [Buffer.isBuffer(Buffer.from('x')), Buffer.isBuffer(new Uint8Array(1))],
          bom: Buffer.from([0xef, 0xbb, 0xbf, 0x41]).toString().length,
        });
    "#;
    let ran = run(function("index.mjs", code)).await;
    assert_eq!(
        ok(&ran),
        json!({
            "uuid": true, "b64": "aMOpbGxv", "utf8": "héllo", "utf8dash": "héllo", "ascii": "hC)llo",
            "latin1": "hÃ©llo", "hex": "6869", "deprecated": "hi", "length": 3, "byteLength": 3,
            "concat": "abb", "isBuffer": [true, false], "bom": 2,
        })
    );
}

#[wasm_bindgen_test]
async fn zlib_round_trips_in_both_module_styles() {
    let esm = r#"
        import zlib from 'zlib';
        import { gunzipSync, deflateSync, inflateSync } from 'node:zlib';
        import { Buffer as B } from 'node:buffer';
        export const handler = async () => {
          const gz = zlib.gzipSync(B.from('round trip '.repeat(50)));
          let bad;
          try { gunzipSync(Buffer.from('not gzip')); } catch (e) { bad = e.message; }
          return { text: gunzipSync(gz).toString(), magic: [gz[0], gz[1]], deflate: inflateSync(deflateSync('x')).toString(), bad };
        };
    "#;
    let ran = run(function("index.mjs", esm)).await;
    assert_eq!(
        ok(&ran),
        json!({"text": "round trip ".repeat(50), "magic": [0x1f, 0x8b], "deflate": "x", "bad": "incorrect header check"})
    );
    let cjs = r#"
        const zlib = require('zlib');
        const { Buffer } = require('buffer');
        exports.handler = async (event) => zlib.unzipSync(Buffer.from(event.data, 'base64')).toString('utf8');
    "#;
    let mut r = function("index.js", cjs);
    let gz = {
        use std::io::Write as _;
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all("from Rust".as_bytes()).unwrap();
        e.finish().unwrap()
    };
    r.event_json = json!({ "data": js::base64_encode(&gz) }).to_string();
    assert_eq!(run(r).await.result, Ok(r#""from Rust""#.into()));
}

#[wasm_bindgen_test]
async fn console_lines_are_captured_as_lambda_writes_them() {
    let code = r#"
        console.log('loading');
        export const handler = async (event, context) => {
          console.log('event', event);
          console.info('%s=%d', 'n', 42);
          console.warn('careful');
          console.error(new Error('shown').message);
          console.log(process.env.GREETING, process.env.AWS_REGION, process.env.AWS_LAMBDA_FUNCTION_NAME === context.functionName);
          return 1;
        };
    "#;
    let r = function("index.mjs", code);
    let id = r.request_id.clone();
    let ran = run(r).await;
    assert_eq!(ok(&ran), json!(1));
    assert_eq!(
        messages(&ran),
        [
            "loading",
            "event { hello: 'world' }",
            "n=42",
            "careful",
            "shown",
            "hi eu-west-1 true"
        ]
    );
    let levels: Vec<_> = ran
        .logs
        .iter()
        .map(|l| l.split('\t').nth(2).unwrap())
        .collect();
    assert_eq!(levels, ["INFO", "INFO", "INFO", "WARN", "ERROR", "INFO"]);
    // Init logs with no request id, as Lambda does; the handler's with the invocation's.
    assert_eq!(ran.logs[0].split('\t').nth(1), Some("undefined"));
    assert_eq!(ran.logs[1].split('\t').nth(1), Some(id.as_str()));
    let time = ran.logs[1].split('\t').next().unwrap();
    assert!(
        time.len() == 24 && time.ends_with('Z') && time.as_bytes()[10] == b'T',
        "{time}"
    );
}

#[wasm_bindgen_test]
async fn context_carries_the_invocation() {
    let code = r#"
        exports.handler = async (event, context) => {
          const first = context.getRemainingTimeInMillis();
          const until = Date.now() + 30;
          while (Date.now() < until) {}
          const second = context.getRemainingTimeInMillis();
          return { first, second, id: context.awsRequestId, name: context.functionName,
                   version: context.functionVersion, arn: context.invokedFunctionArn,
                   memory: context.memoryLimitInMB, group: context.logGroupName,
                   stream: context.logStreamName, waits: context.callbackWaitsForEmptyEventLoop };
        };
    "#;
    let r = function("index.js", code);
    let ran = run(r.clone()).await;
    let v = ok(&ran);
    let (first, second) = (v["first"].as_f64().unwrap(), v["second"].as_f64().unwrap());
    assert!(first <= 3000.0 && first > 2500.0, "{first}");
    assert!(second <= first - 25.0, "{first} then {second}");
    assert_eq!(v["id"], r.request_id);
    assert_eq!(v["name"], r.function_name);
    assert_eq!(v["version"], "$LATEST");
    assert_eq!(v["arn"], r.invoked_arn);
    assert_eq!(v["memory"], "128");
    assert_eq!(v["group"], r.log_group);
    assert_eq!(v["stream"], r.log_stream);
    assert_eq!(v["waits"], true);
    // The run reports how long it took. (How long is the worker's clock, not Date.now the
    // handler waited on: the two may differ by a millisecond, so only its presence is checked.)
    assert!(ran.duration_ms > 0.0, "{}", ran.duration_ms);
}

#[wasm_bindgen_test]
async fn a_thrown_error_has_lambdas_shape() {
    let ran = run(function(
        "index.mjs",
        "export const handler = async () => { throw new TypeError('bad input'); };",
    ))
    .await;
    let f = err(&ran);
    assert_eq!(
        (f.error_type.as_str(), f.error_message.as_str()),
        ("TypeError", "bad input")
    );
    assert_eq!(f.trace[0], "TypeError: bad input");
    assert!(
        f.trace[1].contains("file:///var/task/index.mjs"),
        "{:?}",
        f.trace
    );
    assert!(!f.timed_out);
    assert!(ran
        .logs
        .last()
        .unwrap()
        .contains("\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\""));

    let ran = run(function(
        "index.js",
        "'use strict';\nexports.handler = async () => {\n  null.x;\n};",
    ))
    .await;
    let f = err(&ran);
    assert_eq!(f.error_type, "TypeError");
    assert!(
        f.trace[1].contains("/var/task/index.js:3:"),
        "{:?}",
        f.trace
    );

    let ran = run(function(
        "index.js",
        "exports.handler = (e, c, cb) => cb('plain string');",
    ))
    .await;
    assert_eq!(
        (
            err(&ran).error_type.as_str(),
            err(&ran).error_message.as_str()
        ),
        ("string", "plain string")
    );
    // A custom error class keeps its name.
    let code = "class Nope extends Error { constructor(m) { super(m); this.name = 'Nope'; } }\nexports.handler = async () => { throw new Nope('no'); };";
    assert_eq!(
        err(&run(function("index.js", code)).await).error_type,
        "Nope"
    );
    // The environment survives a handled error: the next invocation is warm.
    let r = function("index.js", "let n = 0;\nexports.handler = async () => { n++; if (n === 1) throw new Error('first'); return n; };");
    assert!(run(r.clone()).await.result.is_err());
    assert_eq!(run(r).await.result, Ok("2".into()));
}

#[wasm_bindgen_test]
async fn loading_failures_are_the_runtimes_errors() {
    let cases = [
        ("index.mjs", "export const other = 1;", "Runtime.HandlerNotFound", "index.handler is undefined or not exported"),
        ("index.js", "exports.handler = 5;", "Runtime.HandlerNotFound", "index.handler is not a function"),
        ("index.mjs", "export const handler = async () => {", "Runtime.UserCodeSyntaxError", "SyntaxError: "),
        ("index.js", "import x from 'zlib';\nexports.handler = async () => 1;", "Runtime.UserCodeSyntaxError", "SyntaxError: Cannot use import statement outside a module"),
        ("index.js", "const sdk = require('aws-sdk');\nexports.handler = async () => 1;", "Runtime.ImportModuleError", "Error: Cannot find module 'aws-sdk'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs"),
        ("index.mjs", "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => 1;", "Runtime.ImportModuleError", "Error [ERR_MODULE_NOT_FOUND]: Cannot find package '@aws-sdk/client-s3' imported from /var/task/index.mjs"),
        ("app.mjs", "export const handler = async () => 1;", "Runtime.ImportModuleError", "Error: Cannot find module 'index'\nRequire stack:\n- /var/runtime/index.mjs"),
    ];
    for (file, code, error_type, message) in cases {
        let ran = run(function(file, code)).await;
        let f = err(&ran);
        assert_eq!(f.error_type, error_type, "{code}");
        assert!(
            f.error_message.starts_with(message),
            "{code}: {}",
            f.error_message
        );
        assert_eq!(
            f.trace[0],
            format!("{error_type}: {}", f.error_message.lines().next().unwrap())
        );
        assert!(
            ran.logs
                .iter()
                .any(|l| l.contains("\tundefined\tERROR\tUncaught Exception \t")),
            "{code}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_runaway_handler_times_out_and_the_next_run_works() {
    let mut r = function("index.mjs", "console.log('init');\nexport const handler = async (event) => { console.log('spinning'); if (event.spin) { while (true) {} } return 'done'; };");
    r.timeout_ms = 500;
    r.event_json = r#"{"spin": true}"#.into();
    let started = js_sys::Date::now();
    let ran = run(r.clone()).await;
    let waited = js_sys::Date::now() - started;
    let f = err(&ran);
    assert!(f.timed_out);
    assert_eq!(f.error_type, "Sandbox.Timedout");
    assert_eq!(
        f.error_message,
        format!(
            "RequestId: {} Error: Task timed out after 0.50 seconds",
            r.request_id
        )
    );
    assert_eq!(
        f.payload(),
        json!({"errorType": "Sandbox.Timedout", "errorMessage": f.error_message})
    );
    assert!((450.0..5000.0).contains(&waited), "{waited}");
    // What it logged before it hung is kept.
    assert_eq!(messages(&ran), ["init", "spinning"]);
    // The next invocation gets a new environment: init runs again.
    r.event_json = r#"{"spin": false}"#.into();
    let ran = run(r).await;
    assert_eq!(ran.result, Ok(r#""done""#.into()));
    assert_eq!(messages(&ran), ["init", "spinning"]);
    assert!(ran.init_duration_ms.is_some());
}

#[wasm_bindgen_test]
async fn top_level_code_runs_once_per_warm_environment() {
    let code = "let inits = (globalThis.inits || 0) + 1; globalThis.inits = inits; let calls = 0;\nexport const handler = async () => ({ inits, calls: ++calls });";
    let r = function("index.mjs", code);
    assert_eq!(ok(&run(r.clone()).await), json!({"inits": 1, "calls": 1}));
    let warm = run(r.clone()).await;
    assert_eq!(ok(&warm), json!({"inits": 1, "calls": 2}));
    assert_eq!(warm.init_duration_ms, None);
    // New code: a new environment.
    let mut changed = r.clone();
    changed.code = format!("{code}\n// changed");
    assert_eq!(ok(&run(changed).await), json!({"inits": 1, "calls": 1}));
    // Two at once: two environments.
    let (a, b) = futures_join(run(r.clone()), run(r.clone())).await;
    assert!(a.result.is_ok() && b.result.is_ok());
}

/// Both futures, run together.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut ra, mut rb) = (None, None);
    std::future::poll_fn(move |cx| {
        if ra.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                ra = Some(v);
            }
        }
        if rb.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                rb = Some(v);
            }
        }
        if ra.is_some() && rb.is_some() {
            Poll::Ready((ra.take().unwrap(), rb.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

#[wasm_bindgen_test]
async fn an_uncaught_exception_after_the_response_ends_the_environment() {
    let code = "let calls = 0;\nexports.handler = async () => { calls++; if (calls === 1) setTimeout(() => { throw new Error('late'); }, 0); return calls; };";
    let r = function("index.js", code);
    assert_eq!(run(r.clone()).await.result, Ok("1".into()));
    // Let the timer fire in the idle environment.
    gloo::timers::future::TimeoutFuture::new(50).await;
    let ran = run(r).await;
    assert_eq!(ran.result, Ok("1".into()), "a fresh environment");
}

fn gzip(text: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    gz.finish().unwrap()
}

fn firehose_event(data: &[Vec<u8>]) -> Value {
    let records: Vec<Value> = data
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({
                "recordId": format!("rec-{i}"),
                "approximateArrivalTimestamp": 1495072949453u64,
                "data": js::base64_encode(d),
                "kinesisRecordMetadata": {
                    "sequenceNumber": "49545115243490985018280067714973144582180062593244200961",
                    "subsequenceNumber": "0",
                    "partitionKey": format!("key-{i}"),
                    "shardId": "shardId-000000000000",
                    "approximateArrivalTimestamp": 1495072949453u64
                }
            })
        })
        .collect();
    json!({
        "invocationId": "3b2c5e6a-0f4c-4f3e-9d7e-2a1b0c9d8e7f",
        "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/s",
        "region": "us-east-1",
        "records": records,
    })
}

#[wasm_bindgen_test]
async fn each_blueprints_javascript_gives_what_its_port_gives() {
    let text_lines = [
        r#"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#,
        r#"10.0.0.7 - - [01/Jan/2024:00:00:05] "POST /api/v1/items HTTP/1.1" 201 15"#,
        r#"1.2.3.4 - - [10/Oct/2000:13:55:36 +0100] "GET /x" 404 HTTP" 200 12 trailing"#,
        "1.2.3.4 - - [10/Oct/2000:13:55:36\u{a0}-0130] \"GET /caf\u{e9}\" 500 99999999999999999999999",
        r#"1.2.3.4 - - [30/Feb/2001:10:00:00 +0000] "GET / HTTP/1.1" 200 1"#,
        "Oct 11 22:14:15 mymachine su[230]: 'su root' failed for lonvick on /dev/pts/8",
        "Feb  5 17:32:18 10.0.0.99 myproc: Use the BFG!",
        "Oct  1 00:00:00 h p[12]: \"quoted\"\\ back\tslash\r\nsecond line",
        "\u{feff}Oct 11 22:14:15 host prog: bom",
        "not a log line",
        "",
    ];
    let mut data: Vec<Vec<u8>> = text_lines.iter().map(|l| l.as_bytes().to_vec()).collect();
    data.push(vec![0xff, 0xfe, b'x', 0xc3]);
    let batch = |kind: &str| {
        gzip(&json!({"messageType": kind, "owner": "123456789012", "logGroup": "g", "logStream": "s",
                     "subscriptionFilters": ["f"], "logEvents": [{"id": "1", "timestamp": 0, "message": "one"},
                     {"id": "2", "timestamp": 0, "message": "two \u{1f600}"}]}).to_string())
    };
    let events = [
        firehose_event(&data),
        firehose_event(&[
            batch("DATA_MESSAGE"),
            batch("CONTROL_MESSAGE"),
            b"not gzip".to_vec(),
        ]),
        json!({"records": [{"recordId": "a", "data": "aGk="}, {"recordId": "b", "data": "aGk="}]}),
    ];
    for b in BLUEPRINTS.iter().chain(blueprints::EXAMPLES) {
        assert_eq!(blueprints::by_source(b.source).unwrap().id, b.id);
        for (i, event) in events.iter().enumerate() {
            let mut logs = Vec::new();
            let port = (b.run)(event, &mut logs).unwrap();
            let mut r = function(b.file_name, b.source);
            r.handler = b.handler.into();
            r.event_json = event.to_string();
            let ran = run(r).await;
            assert_eq!(ok(&ran), port, "{} on event {i}", b.id);
            assert_eq!(messages(&ran), logs, "{} logs on event {i}", b.id);
        }
    }
}
