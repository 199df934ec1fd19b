use super::*;

fn run(query: &str, record: &str) -> Result<Keys, PartitionFailure> {
    keys(query, record.as_bytes())
}

fn value(query: &str, record: &str) -> Result<String, String> {
    let program = program(query)?;
    let input = single_json(record.as_bytes()).ok_or("not JSON")?;
    let ctx = Ctx::<JustLut<Val>>::new(&program.lut, Vars::new([]));
    let first = program
        .id
        .run((ctx, input))
        .map(jaq_core::unwrap_valr)
        .next();
    match first {
        Some(Ok(v)) => Ok(v.to_string()),
        Some(Err(e)) => Err(error_text(e)),
        None => Err("no result".into()),
    }
}

const DOCS_QUERY: &str =
    r#"{customer_id:.customer_id,device:.type.device,year:.event_timestamp|strftime("%Y")}"#;

#[test]
fn the_docs_query_on_the_docs_record() {
    let record = r#"{"type": {"device": "mobile", "event": "user_clicked_submit_button"},
        "customer_id": "1234567890", "event_timestamp": 1565382027, "region": "sample_value"}"#;
    let keys = run(DOCS_QUERY, record).unwrap();
    assert_eq!(
        keys.into_iter().collect::<Vec<_>>(),
        [
            ("customer_id".to_string(), "1234567890".to_string()),
            ("device".into(), "mobile".into()),
            ("year".into(), "2019".into()),
        ]
    );
}

#[test]
fn strftime_on_epoch_seconds_and_broken_down_time() {
    let at = r#"{"t": 1565382027.25}"#;
    assert_eq!(
        value(r#".t | strftime("%Y-%m-%d %H:%M:%S %a %j %Z")"#, at).unwrap(),
        "\"2019-08-09 20:20:27 Fri 221 UTC\""
    );
    assert_eq!(
        value(".t | gmtime", at).unwrap(),
        "[2019,7,9,20,20,27.25,5,220]"
    );
    assert_eq!(
        value(".t | floor | gmtime | mktime", at).unwrap(),
        "1565382027"
    );
    assert_eq!(
        value(".t | floor | todate", at).unwrap(),
        "\"2019-08-09T20:20:27Z\""
    );
    assert_eq!(
        value(r#""2019-08-09T20:20:27Z" | fromdate"#, at).unwrap(),
        "1565382027"
    );
    assert_eq!(
        value(r#""09/08/2019" | strptime("%d/%m/%Y") | mktime"#, at).unwrap(),
        "1565308800"
    );
    assert_eq!(value(r#".t | strflocaltime("%H")"#, at).unwrap(), "\"20\"");
    assert_eq!(
        value(r#""x" | strftime("%Y")"#, at).unwrap_err(),
        "strftime/1 requires parsed datetime inputs"
    );
    assert_eq!(
        value(r#""x" | strptime("%Y")"#, at).unwrap_err(),
        "date \"x\" does not match format \"%Y\""
    );
}

#[test]
fn keys_render_as_in_a_path() {
    let keys = run(
        "{s: .s, i: .i, f: .f, b: .b, n: (.i + 1)}",
        r#"{"s": "a b", "i": 7, "f": 1.5, "b": false}"#,
    )
    .unwrap();
    let shown: Vec<_> = keys.values().map(String::as_str).collect();
    assert_eq!(shown, ["false", "1.5", "7", "8", "a b"]);
}

#[test]
fn each_failure_has_its_own_message() {
    let failure = |q: &str, r: &str| match run(q, r).unwrap_err() {
        PartitionFailure::MetadataExtractionFailed(e) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        failure("{a: .a}", "not json"),
        ExtractionFailure::NonJsonRecord
    );
    assert_eq!(
        failure("{a: .a}", r#"{"a":1}{"a":2}"#),
        ExtractionFailure::NonJsonRecord
    );
    assert_eq!(failure("{a: .a}", ""), ExtractionFailure::NonJsonRecord);
    assert_eq!(run("{a: .a}", "  {\"a\": 1}\n").unwrap()["a"], "1");
    assert_eq!(
        failure("{a: .a}", r#"{"b": 1}"#),
        ExtractionFailure::NullOrEmptyKey { key: "a".into() }
    );
    assert_eq!(
        failure("{a: .a}", r#"{"a": ""}"#),
        ExtractionFailure::NullOrEmptyKey { key: "a".into() }
    );
    assert_eq!(
        failure("{a: .a}", r#"{"a": [1]}"#),
        ExtractionFailure::NotScalar { key: "a".into() }
    );
    assert_eq!(
        failure(".a", r#"{"a": 1}"#),
        ExtractionFailure::NotAnObject("number".into())
    );
    assert_eq!(failure("empty", r#"{"a": 1}"#), ExtractionFailure::NoResult);
    let ExtractionFailure::Query(why) = failure("{a: .a.b}", r#"{"a": 1}"#) else {
        panic!("a query error")
    };
    assert!(why.contains("index"), "{why}");
    assert_eq!(
        failure(r#"{a: error("custom")}"#, "{}"),
        ExtractionFailure::Query("custom".into())
    );
}

#[test]
fn queries_that_do_not_compile_say_why() {
    assert!(validate(DOCS_QUERY).is_ok());
    assert!(validate("{a: .a").unwrap_err().contains("syntax error"));
    assert_eq!(validate("{a: nope}").unwrap_err(), "nope/0 is not defined");
    assert_eq!(validate("{t: now}").unwrap_err(), "now/0 is not defined");
    assert_eq!(validate("{e: env}").unwrap_err(), "env/0 is not defined");
}

#[test]
fn a_query_compiles_once() {
    let query = r#"{k: .k, cached: "yes"}"#;
    let first = program(query).unwrap();
    let again = program(query).unwrap();
    assert!(Rc::ptr_eq(&first, &again));
}

#[test]
fn numbers_print_as_jq_1_6_prints_them() {
    let keys = run(
        "{a: .a, b: .b, c: .c, d: .d, e: (.a * 2), f: .f, g: .g, h: .h}",
        r#"{"a": 1.50, "b": 100000000000000000000, "c": 1e3, "d": -0.0,
            "f": 0.00001, "g": 0.001, "h": 123456789012345678}"#,
    )
    .unwrap();
    let shown: Vec<(&str, &str)> = keys.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("a", "1.5"),
            ("b", "1e+20"),
            ("c", "1000"),
            ("d", "-0"),
            ("e", "3"),
            ("f", "1e-05"),
            ("g", "0.001"),
            ("h", "123456789012345680"),
        ]
    );
}
