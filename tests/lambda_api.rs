//! The Lambda API: functions created from a ZIP package with a role Lambda can assume, read,
//! changed, listed and deleted, and `Invoke`, each error in AWS's words.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use kinesis_sandbox::engine::lambda::{blueprints, FunctionFailure, Outcome};
use kinesis_sandbox::engine::Sandbox;
use serde_json::json;
use std::time::Duration;
use support::*;

const CODE: &str =
    "export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n";

#[test]
fn a_function_is_created_pending_then_active_with_aws_defaults() {
    let mut sb = Sandbox::default();
    let role = lambda_role(&mut sb, "exec");
    let out = sb
        .call(
            "Lambda.CreateFunction",
            json!({"FunctionName": "hello", "Runtime": "nodejs22.x", "Role": role, "Handler": "index.handler", "Code": {"ZipFile": package("index.mjs", CODE)}}),
        )
        .unwrap();
    assert_eq!(
        out["FunctionArn"],
        "arn:aws:lambda:us-east-1:123456789012:function:hello"
    );
    assert_eq!(out["State"], "Pending");
    assert_eq!(out["Timeout"], 3);
    assert_eq!(out["MemorySize"], 128);
    assert_eq!(out["Version"], "$LATEST");
    assert_eq!(out["PackageType"], "Zip");
    assert_eq!(out["LoggingConfig"]["LogGroup"], "/aws/lambda/hello");
    assert_eq!(out["CodeSha256"].as_str().unwrap().len(), 44);
    assert!(out["LastModified"].as_str().unwrap().ends_with("+0000"));
    sb.advance(Duration::from_secs(2));
    let got = sb
        .call("Lambda.GetFunction", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(got["Configuration"]["State"], "Active");
    assert_eq!(got["Code"]["RepositoryType"], "S3");
    // By ARN, with or without the qualifier, too.
    let by_arn = sb
        .call(
            "Lambda.GetFunctionConfiguration",
            json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:hello:$LATEST"}),
        )
        .unwrap();
    assert_eq!(by_arn["FunctionName"], "hello");
    let f = sb.lambda().function("hello").unwrap();
    assert_eq!(f.files.get("index.mjs").map(String::as_str), Some(CODE));
}

#[test]
fn creating_refuses_what_aws_refuses() {
    let mut sb = Sandbox::default();
    let role = lambda_role(&mut sb, "exec");
    let create = |sb: &mut Sandbox, body: serde_json::Value| {
        sb.call("Lambda.CreateFunction", body).unwrap_err()
    };
    let base = json!({"FunctionName": "f", "Runtime": "nodejs22.x", "Role": role, "Handler": "index.handler", "Code": {"ZipFile": package("index.mjs", CODE)}});
    let with = |k: &str, v: serde_json::Value| {
        let mut b = base.clone();
        b[k] = v;
        b
    };
    let e = create(&mut sb, with("FunctionName", json!("bad name!")));
    assert_eq!(e.error_type(), "ValidationException");
    assert!(e.message().unwrap().contains("Value 'bad name!' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern"));
    let e = create(&mut sb, with("Timeout", json!(901)));
    assert_eq!(e.message().unwrap(), "1 validation error detected: Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900");
    let e = create(&mut sb, with("MemorySize", json!(64)));
    assert!(e
        .message()
        .unwrap()
        .contains("Member must have value greater than or equal to 128"));
    let e = create(&mut sb, with("Runtime", json!("cobol")));
    assert!(e
        .message()
        .unwrap()
        .contains("Member must satisfy enum value set: [nodejs, "));
    let e = create(&mut sb, with("Runtime", json!("python3.12")));
    assert_eq!(e.error_type(), "InvalidParameterValueException");
    let e = create(&mut sb, with("Code", json!({"ZipFile": b64(b"not a zip")})));
    assert_eq!(
        e.message(),
        Some("Could not unzip uploaded file. Please check your file, then try to upload again.")
    );
    // A role whose trust policy names another service.
    let trust = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "firehose.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
    let other = sb
        .call(
            "IAM.CreateRole",
            json!({"RoleName": "fh", "AssumeRolePolicyDocument": trust.to_string()}),
        )
        .unwrap();
    let e = create(&mut sb, with("Role", other["Role"]["Arn"].clone()));
    assert_eq!(e.error_type(), "InvalidParameterValueException");
    assert_eq!(
        e.message(),
        Some("The role defined for the function cannot be assumed by Lambda.")
    );
    sb.call("Lambda.CreateFunction", base.clone()).unwrap();
    let e = create(&mut sb, base);
    assert_eq!(e.error_type(), "ResourceConflictException");
    assert_eq!(e.message(), Some("Function already exist: f"));
    let e = sb
        .call("Lambda.GetFunction", json!({"FunctionName": "nope"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    assert_eq!(
        e.message(),
        Some("Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope")
    );
}

#[test]
fn updates_lists_and_deletes() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "a", "index.mjs", CODE);
    create_function(&mut sb, "b", "index.mjs", CODE);
    let rev = sb.lambda().function("a").unwrap().revision_id.clone();
    let out = sb
        .call(
            "Lambda.UpdateFunctionConfiguration",
            json!({"FunctionName": "a", "Timeout": 30, "MemorySize": 256, "Description": "d"}),
        )
        .unwrap();
    assert_eq!(
        (out["Timeout"].as_u64(), out["MemorySize"].as_u64()),
        (Some(30), Some(256))
    );
    assert_eq!(out["LastUpdateStatus"], "InProgress");
    assert_ne!(out["RevisionId"], json!(rev));
    let e = sb
        .call(
            "Lambda.UpdateFunctionCode",
            json!({"FunctionName": "a", "ZipFile": package("index.mjs", "x"), "RevisionId": rev}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "PreconditionFailedException");
    sb.call(
        "Lambda.UpdateFunctionCode",
        json!({"FunctionName": "a", "ZipFile": package("index.mjs", "// v2\n")}),
    )
    .unwrap();
    assert_eq!(
        sb.lambda().function("a").unwrap().files["index.mjs"],
        "// v2\n"
    );
    let list = sb
        .call("Lambda.ListFunctions", json!({"MaxItems": 1}))
        .unwrap();
    assert_eq!(list["Functions"].as_array().unwrap().len(), 1);
    assert_eq!(list["NextMarker"], "a");
    let rest = sb
        .call("Lambda.ListFunctions", json!({"Marker": "a"}))
        .unwrap();
    assert_eq!(rest["Functions"][0]["FunctionName"], "b");
    assert!(rest.get("NextMarker").is_none());
    sb.call("Lambda.DeleteFunction", json!({"FunctionName": "a"}))
        .unwrap();
    assert!(sb.lambda().function("a").is_none());
}

#[test]
fn invoking_a_blueprint_answers_with_its_payload_and_log_tail() {
    let mut sb = Sandbox::default();
    let bp = blueprints::by_id("kinesis-firehose-process-record").unwrap();
    create_function(&mut sb, "xf", bp.file_name, bp.source);
    let event = json!({"invocationId": "i", "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/t", "region": "us-east-1",
        "records": [{"recordId": "1", "approximateArrivalTimestamp": 1, "data": b64(b"hi")}]});
    let out = sb
        .call(
            "Lambda.Invoke",
            json!({"FunctionName": "xf", "Payload": event.to_string(), "LogType": "Tail"}),
        )
        .unwrap();
    assert_eq!(out["StatusCode"], 200);
    assert!(out.get("FunctionError").is_none());
    let payload: serde_json::Value =
        serde_json::from_str(out["Payload"].as_str().unwrap()).unwrap();
    assert_eq!(payload["records"][0]["result"], "Ok");
    let tail = String::from_utf8(unb64(out["LogResult"].as_str().unwrap())).unwrap();
    assert!(
        tail.contains("START RequestId: ") && tail.contains("REPORT RequestId: "),
        "{tail}"
    );
    let e = sb
        .call(
            "Lambda.Invoke",
            json!({"FunctionName": "xf", "Payload": "{oops"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "InvalidRequestContentException");
    let dry = sb
        .call(
            "Lambda.Invoke",
            json!({"FunctionName": "xf", "InvocationType": "DryRun"}),
        )
        .unwrap();
    assert_eq!(dry["StatusCode"], 204);
}

#[test]
fn a_learners_code_is_invoked_in_two_halves_around_the_host() {
    let mut sb = Sandbox::default();
    create_function(&mut sb, "mine", "index.mjs", CODE);
    // Through the façade alone it can't run: the browser runs it.
    let e = sb
        .call(
            "Lambda.Invoke",
            json!({"FunctionName": "mine", "Payload": "{}"}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ServiceException");
    let (run, options) = sb
        .lambda_prepare_invoke(
            json!({"FunctionName": "mine", "Payload": "{\"a\":1}", "LogType": "Tail"}),
        )
        .unwrap()
        .unwrap();
    assert_eq!(run.file_name, "index.mjs");
    assert_eq!(run.code, CODE);
    assert_eq!(run.timeout_ms, 3000);
    assert_eq!(run.log_group, "/aws/lambda/mine");
    let outcome = Outcome {
        result: Err(FunctionFailure {
            error_type: "Sandbox.Timedout".into(),
            error_message: "Task timed out after 3.00 seconds".into(),
            trace: vec![],
            timed_out: true,
        }),
        logs: vec![],
        duration_ms: 3000.0,
        init_duration_ms: None,
    };
    let out = sb.lambda_finish_invoke(&run, options, &outcome);
    assert_eq!(out["FunctionError"], "Unhandled");
    assert!(out["Payload"]
        .as_str()
        .unwrap()
        .contains("Task timed out after 3.00 seconds"));
    let tail = String::from_utf8(unb64(out["LogResult"].as_str().unwrap())).unwrap();
    assert!(tail.contains("Task timed out after 3.00 seconds"), "{tail}");
    assert!(tail.contains("Duration: 3000.00 ms"), "{tail}");
    // A bad request is the call's answer, and logged as the learner's.
    let e = sb
        .lambda_prepare_invoke(json!({"FunctionName": "ghost"}))
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
    assert_eq!(sb.events().recent().last().unwrap().target, "Lambda.Invoke");
}

#[test]
fn an_asynchronous_invoke_is_one_call_in_the_event_log() {
    let mut sb = Sandbox::default();
    let bp = blueprints::by_id("kinesis-firehose-process-record").unwrap();
    create_function(&mut sb, "xf", bp.file_name, bp.source);
    let before = sb.events().total();
    let out = sb
        .call("Lambda.Invoke", json!({"FunctionName": "xf", "InvocationType": "Event", "Payload": "{\"records\": []}"}))
        .unwrap();
    assert_eq!(out["StatusCode"], 202);
    assert_eq!(sb.events().total(), before + 1);
}
