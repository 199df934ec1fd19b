use super::*;
use serde_json::json;
use std::time::Duration;

fn call_of(line: &str) -> (String, Value) {
    match parse(line).unwrap() {
        Parsed::Call { target, body, .. } => (target, body),
        Parsed::Help(h) => panic!("help: {h}"),
    }
}

#[test]
fn tokenizer_handles_quotes() {
    assert_eq!(
        tokenize(r#"aws kinesis put-record --data '{"a": 1}' --partition-key "k 1" x\ y"#).unwrap(),
        [
            "aws",
            "kinesis",
            "put-record",
            "--data",
            "{\"a\": 1}",
            "--partition-key",
            "k 1",
            "x y"
        ]
    );
    assert!(tokenize("'open").is_err());
}

#[test]
fn create_stream_and_modes() {
    let (t, b) = call_of("aws kinesis create-stream --stream-name machinelearning --shard-count 2");
    assert_eq!(t, "Kinesis_20131202.CreateStream");
    assert_eq!(b, json!({"StreamName": "machinelearning", "ShardCount": 2}));
    let (_, b) = call_of(
        "aws kinesis create-stream --stream-name od --stream-mode-details StreamMode=ON_DEMAND",
    );
    assert_eq!(b["StreamModeDetails"], json!({"StreamMode": "ON_DEMAND"}));
    let (_, b) = call_of(
        r#"aws kinesis create-stream --stream-name od --stream-mode-details '{"StreamMode":"PROVISIONED"}' --shard-count 1 --tags team=ml,env=dev"#,
    );
    assert_eq!(b["StreamModeDetails"], json!({"StreamMode": "PROVISIONED"}));
    assert_eq!(b["Tags"], json!({"team": "ml", "env": "dev"}));
}

#[test]
fn blobs_follow_cli_binary_format() {
    let (_, b) = call_of("aws kinesis put-record --stream-name s --partition-key k --data hello --cli-binary-format raw-in-base64-out");
    assert_eq!(b["Data"], "aGVsbG8=");
    let (_, b) =
        call_of("aws kinesis put-record --stream-name s --partition-key k --data aGVsbG8=");
    assert_eq!(b["Data"], "aGVsbG8=");
    let e = parse("aws kinesis put-record --stream-name s --partition-key k --data hello!")
        .unwrap_err();
    assert!(e.0.contains("Invalid base64: \"hello!\""), "{}", e.0);
}

#[test]
fn records_shorthand_and_json() {
    let (_, b) = call_of("aws kinesis put-records --stream-name s --cli-binary-format raw-in-base64-out --records Data=one,PartitionKey=a Data=two,PartitionKey=b");
    assert_eq!(
        b["Records"],
        json!([{"Data": "b25l", "PartitionKey": "a"}, {"Data": "dHdv", "PartitionKey": "b"}])
    );
    let (_, b) = call_of(
        r#"aws kinesis put-records --records '[{"Data":"b25l","PartitionKey":"a","ExplicitHashKey":"0"}]' --stream-name s"#,
    );
    assert_eq!(
        b["Records"][0],
        json!({"Data": "b25l", "PartitionKey": "a", "ExplicitHashKey": "0"})
    );
    assert_eq!(b["StreamName"], "s");
}

#[test]
fn other_kinds() {
    let (_, b) = call_of("aws kinesis enable-enhanced-monitoring --stream-name s --shard-level-metrics IncomingBytes OutgoingBytes");
    assert_eq!(
        b["ShardLevelMetrics"],
        json!(["IncomingBytes", "OutgoingBytes"])
    );
    let (_, b) = call_of("aws kinesis delete-stream --stream-name s --enforce-consumer-deletion");
    assert_eq!(b["EnforceConsumerDeletion"], true);
    let (_, b) =
        call_of("aws kinesis delete-stream --stream-name s --no-enforce-consumer-deletion");
    assert_eq!(b["EnforceConsumerDeletion"], false);
    let (_, b) = call_of("aws kinesis get-shard-iterator --stream-name s --shard-id shardId-000000000000 --shard-iterator-type AT_TIMESTAMP --timestamp 2026-01-01T10:00:00Z");
    assert_eq!(b["Timestamp"], json!(1767261600.0));
    let (_, b) = call_of("aws kinesis list-shards --stream-name s --shard-filter Type=AT_TIMESTAMP,Timestamp=1767261600");
    assert_eq!(
        b["ShardFilter"],
        json!({"Type": "AT_TIMESTAMP", "Timestamp": 1767261600.0})
    );
    let (_, b) = call_of("aws kinesis remove-tags-from-stream --stream-name s --tag-keys a b");
    assert_eq!(b["TagKeys"], json!(["a", "b"]));
    let (_, b) = call_of("aws kinesis subscribe-to-shard --consumer-arn x --shard-id 0 --starting-position Type=LATEST");
    assert_eq!(b["StartingPosition"], json!({"Type": "LATEST"}));
}

#[test]
fn every_command_maps_to_a_known_operation() {
    let mut services = 0;
    for service in crate::engine::registry::services() {
        let Some(cli) = &service.cli else { continue };
        services += 1;
        for c in cli.commands {
            assert!(
                service.operation(c.operation).is_some(),
                "aws {} {} calls {}, which {} does not have",
                cli.name,
                c.name,
                c.operation,
                service.prefix
            );
        }
    }
    assert!(services >= 1);
    // Every Kinesis Data Streams operation has its command.
    let (kinesis, cli) = crate::engine::registry::cli_service("kinesis").unwrap();
    for op in kinesis.operations {
        assert!(
            cli.commands.iter().any(|c| c.operation == op.name),
            "no command for {}",
            op.name
        );
    }
}

#[test]
fn command_line_errors_read_like_the_cli() {
    assert_eq!(
        parse("aws kinesis put-record --stream-name s")
            .unwrap_err()
            .0,
        "aws: error: the following arguments are required: --data, --partition-key"
    );
    assert_eq!(
        parse("aws kinesis list-streams --bogus 1").unwrap_err().0,
        "Unknown options: --bogus, 1"
    );
    assert!(parse("aws kinesis make-stream")
        .unwrap_err()
        .0
        .contains("Invalid choice: 'make-stream'"));
    assert!(parse("aws s4 ls")
        .unwrap_err()
        .0
        .contains("Invalid choice: 's4'"));
    assert!(
        parse("aws kinesis create-stream --stream-name s --shard-count two")
            .unwrap_err()
            .0
            .contains("invalid literal for int()")
    );
}

#[test]
fn help_texts() {
    let Parsed::Help(h) = parse("aws kinesis help").unwrap() else {
        panic!()
    };
    assert!(h.contains("put-records"));
    let Parsed::Help(h) = parse("aws kinesis get-shard-iterator help").unwrap() else {
        panic!()
    };
    assert!(h.contains("--shard-iterator-type <value>"));
    assert!(h.contains("TRIM_HORIZON"));
    assert!(matches!(parse("aws help").unwrap(), Parsed::Help(_)));
}

#[test]
fn completion() {
    assert_eq!(complete("a"), ["aws"]);
    assert_eq!(
        complete("aws kin"),
        ["kinesis", "kinesisvideo", "kinesis-video-archived-media"]
    );
    assert_eq!(complete("aws kinesis put-"), ["put-record", "put-records"]);
    let opts = complete("aws kinesis create-stream --stream-name x --s");
    assert_eq!(opts, ["--shard-count", "--stream-mode-details"]);
    assert_eq!(
        complete("aws kinesis get-shard-iterator --shard-iterator-type T"),
        ["TRIM_HORIZON"]
    );
    assert!(complete("aws kinesis put-record ").contains(&"--cli-binary-format".to_string()));
}

#[test]
fn run_prints_like_the_cli() {
    let mut sb = Sandbox::default();
    let out = run(
        &mut sb,
        "aws kinesis create-stream --stream-name machinelearning --shard-count 2",
    );
    assert_eq!(
        out,
        CliOutput {
            text: String::new(),
            exit_code: 0
        }
    );
    let out = run(&mut sb, "aws kinesis describe-stream --stream-name foo");
    assert_eq!(
        out.text,
        "An error occurred (ResourceNotFoundException) when calling the DescribeStream operation: Stream foo under account 123456789012 not found."
    );
    assert_eq!(out.exit_code, 254);
    sb.advance(Duration::from_secs(5));
    let out = run(&mut sb, "aws kinesis put-record --stream-name machinelearning --partition-key a --data hi --cli-binary-format raw-in-base64-out");
    assert!(
        out.text
            .starts_with("{\n    \"EncryptionType\": \"NONE\",\n    \"SequenceNumber\": \""),
        "{}",
        out.text
    );
    assert!(out.text.contains("\"ShardId\": \"shardId-000000000000\""));
    let out = run(
        &mut sb,
        "aws kinesis describe-stream-summary --stream-name machinelearning",
    );
    assert!(
        out.text
            .contains("\"StreamCreationTimestamp\": \"2026-01-01T10:00:00+00:00\""),
        "{}",
        out.text
    );
    let out = run(&mut sb, "aws kinesis get-shard-iterator --stream-name machinelearning --shard-id shardId-000000000000 --shard-iterator-type TRIM_HORIZON");
    let it: Value = serde_json::from_str(&out.text).unwrap();
    let line = format!(
        "aws kinesis get-records --shard-iterator {}",
        it["ShardIterator"].as_str().unwrap()
    );
    let out = run(&mut sb, &line);
    assert!(out.text.contains("\"Data\": \"aGk=\""), "{}", out.text);
    assert!(out
        .text
        .contains("\"ApproximateArrivalTimestamp\": \"2026-01-01T10:00:05+00:00\""));
}

#[test]
fn lambda_invoke_takes_an_outfile_and_reads_its_payload_as_text() {
    let line = "aws lambda invoke --function-name f --cli-binary-format raw-in-base64-out --payload '{\"records\":[]}' out.json";
    match parse(line) {
        Ok(Parsed::Call { target, body, .. }) => {
            assert_eq!(target, "Lambda.Invoke");
            assert_eq!(body["Payload"], "{\"records\":[]}");
            assert_eq!(body["FunctionName"], "f");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_firehose_pipeline_is_made_with_iam_s3api_and_firehose_commands() {
    let mut sb = Sandbox::default();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"firehose.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    for line in [
        "aws s3api create-bucket --bucket out".to_string(),
        format!("aws iam create-role --role-name fh --assume-role-policy-document '{trust}'"),
        format!("aws iam put-role-policy --role-name fh --policy-name s3 --policy-document '{policy}'"),
        r#"aws firehose create-delivery-stream --delivery-stream-name t --extended-s3-destination-configuration '{"RoleARN":"arn:aws:iam::123456789012:role/fh","BucketARN":"arn:aws:s3:::out","BufferingHints":{"SizeInMBs":1,"IntervalInSeconds":0}}'"#.to_string(),
    ] {
        let out = run(&mut sb, &line);
        assert_eq!(out.exit_code, 0, "{line}\n{}", out.text);
    }
    sb.advance(Duration::from_secs(5));
    let out = run(
        &mut sb,
        "aws firehose put-record --delivery-stream-name t --record Data=hello --cli-binary-format raw-in-base64-out",
    );
    assert!(out.text.contains("\"RecordId\""), "{}", out.text);
    sb.advance(Duration::from_secs(2));
    let out = run(&mut sb, "aws s3api list-objects-v2 --bucket out");
    assert!(out.text.contains("\"Key\""), "{}", out.text);
    let out = run(
        &mut sb,
        "aws firehose describe-delivery-stream --delivery-stream-name t",
    );
    assert!(
        out.text.contains("\"DeliveryStreamStatus\": \"ACTIVE\""),
        "{}",
        out.text
    );
    let out = run(&mut sb, "aws iam list-role-policies --role-name fh");
    assert!(out.text.contains("\"s3\""), "{}", out.text);
}

#[test]
fn lists_of_structures_take_json_or_shorthand_items() {
    let (_, body) = call_of(
        r#"aws logs put-log-events --log-group-name g --log-stream-name s --log-events '[{"timestamp":1,"message":"a"},{"timestamp":2,"message":"b"}]'"#,
    );
    assert_eq!(
        body["logEvents"],
        json!([{"timestamp": 1, "message": "a"}, {"timestamp": 2, "message": "b"}])
    );
    let (_, body) = call_of(
        "aws logs put-log-events --log-group-name g --log-stream-name s --log-events timestamp=1,message=a timestamp=2,message=b",
    );
    assert_eq!(
        body["logEvents"][1],
        json!({"timestamp": 2, "message": "b"})
    );
    let (_, body) = call_of(
        "aws firehose tag-delivery-stream --delivery-stream-name d --tags Key=team,Value=ml Key=env,Value=dev",
    );
    assert_eq!(body["Tags"][1], json!({"Key": "env", "Value": "dev"}));
}
