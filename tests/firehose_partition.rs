//! Dynamic partitioning's pieces, apart from delivery: the jq keys, the partitioned prefix,
//! the processors' configuration and its rules, and de-aggregation.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::engine::body::Body;
use kinesis_sandbox::engine::firehose::deaggregate::{
    deaggregate, DeaggregationFailure, SubRecordType,
};
use kinesis_sandbox::engine::firehose::partition::{
    ExtractionFailure, Keys, PartitionFailure, Query,
};
use kinesis_sandbox::engine::firehose::prefix;
use kinesis_sandbox::engine::firehose::processing_config::{
    check, check_update, Destination, DynamicPartitioning, LambdaProcessor, Processing, Processor,
};
use kinesis_sandbox::engine::{ApiError, SandboxRng, SimTime};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The record in the docs' dynamic partitioning example.
const DOCS_RECORD: &str = r#"{
  "type": {
    "device": "mobile",
    "event": "user_clicked_submit_button"
  },
  "customer_id": "1234567890",
  "event_timestamp": 1565382027,
  "region": "sample_value"
}"#;

const DOCS_QUERY: &str =
    r#"{customer_id:.customer_id,device:.type.device,year:.event_timestamp|strftime("%Y")}"#;

const PATH: &str = "extendedS3DestinationConfiguration.processingConfiguration";

fn processing(v: Value) -> Result<Processing, ApiError> {
    Processing::read(Body::of(&v).unwrap(), PATH)
}

fn message(e: ApiError) -> (String, String) {
    (
        e.error_type().to_string(),
        e.message().unwrap_or_default().to_string(),
    )
}

fn invalid(text: &str) -> (String, String) {
    ("InvalidArgumentException".into(), text.into())
}

fn metadata(query: &str) -> Value {
    json!({"Type": "MetadataExtraction", "Parameters": [
        {"ParameterName": "MetadataExtractionQuery", "ParameterValue": query},
        {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]})
}

#[test]
fn the_docs_query_gives_the_docs_keys() {
    let keys = Query::new(DOCS_QUERY)
        .unwrap()
        .keys(DOCS_RECORD.as_bytes())
        .unwrap();
    assert_eq!(keys["customer_id"], "1234567890");
    assert_eq!(keys["device"], "mobile");
    assert_eq!(keys["year"], "2019");
    assert_eq!(keys.len(), 3);
}

#[test]
fn the_docs_prefix_gives_the_docs_key() {
    let query = Query::new(
        r#"{customer_id: .customer_id, device: .type.device,
            year: .event_timestamp | strftime("%Y"), month: .event_timestamp | strftime("%m"),
            day: .event_timestamp | strftime("%d"), hour: .event_timestamp | strftime("%H")}"#,
    )
    .unwrap();
    let keys = query.keys(DOCS_RECORD.as_bytes()).unwrap();
    let prefix = "customer_id=!{partitionKeyFromQuery:customer_id}/device=!{partitionKeyFromQuery:device}/year=!{partitionKeyFromQuery:year}/month=!{partitionKeyFromQuery:month}/day=!{partitionKeyFromQuery:day}/hour=!{partitionKeyFromQuery:hour}/";
    let arrival = SimTime::from_rfc3339("2019-08-09T23:55:09Z").unwrap();
    let mut rng = SandboxRng::seed_from_u64(7);
    let path =
        prefix::evaluate_partitioned(Some(prefix), arrival, &keys, &Keys::new(), &mut rng).unwrap();
    let name = prefix::object_name("my-delivery-stream", 1, arrival, "", &mut rng);
    let key = format!("{path}{name}");
    assert!(
        key.starts_with("customer_id=1234567890/device=mobile/year=2019/month=08/day=09/hour=20/my-delivery-stream-1-2019-08-09-23-55-09-"),
        "{key}"
    );
}

#[test]
fn strftime_reads_epoch_seconds_as_jq_1_6_does() {
    let q = Query::new(
        r#"{d: .t | strftime("%Y-%m-%dT%H:%M:%SZ"), w: .t | strftime("%A %B %e"), iso: .t | todate, back: (.t | todate | fromdate)}"#,
    )
    .unwrap();
    let keys = q.keys(br#"{"t": 1565382027.9}"#).unwrap();
    assert_eq!(keys["d"], "2019-08-09T20:20:27Z");
    assert_eq!(keys["w"], "Friday August  9");
    assert_eq!(keys["iso"], "2019-08-09T20:20:27Z");
    assert_eq!(keys["back"], "1565382027");
}

#[test]
fn records_without_keys_fail_each_in_their_own_way() {
    let q = Query::new(DOCS_QUERY).unwrap();
    let failure = |record: &str| q.keys(record.as_bytes()).unwrap_err();
    let non_json = failure("customer_id=1");
    assert_eq!(
        non_json.code(),
        "DynamicPartitioning.MetadataExtractionFailed"
    );
    assert_eq!(non_json.to_string(), "Non JSON record provided");
    let missing = failure(r#"{"type": {"device": "mobile"}, "event_timestamp": 0}"#);
    assert_eq!(
        missing,
        PartitionFailure::MetadataExtractionFailed(ExtractionFailure::NullOrEmptyKey {
            key: "customer_id".into()
        })
    );
    assert_eq!(
        missing.to_string(),
        "partitionKeys values must not be null or empty"
    );
    assert_eq!(missing.error_output_type(), "metadata-extraction-failed");
    let not_object = Query::new(".customer_id")
        .unwrap()
        .keys(DOCS_RECORD.as_bytes());
    assert_eq!(
        not_object.unwrap_err().to_string(),
        "Metadata extraction query must return a JSON object, not string"
    );
    let bad_time =
        failure(r#"{"customer_id": "c", "type": {"device": "d"}, "event_timestamp": "x"}"#);
    assert_eq!(
        bad_time.to_string(),
        "Metadata extraction query failed: strftime/1 requires parsed datetime inputs"
    );
}

#[test]
fn a_query_that_is_not_jq_is_refused() {
    let (kind, text) = message(
        processing(json!({"Enabled": true, "Processors": [metadata("{a: .a")]})).unwrap_err(),
    );
    assert_eq!(kind, "InvalidArgumentException");
    assert!(
        text.starts_with(
            "MetadataExtractionQuery '{a: .a' is not a valid JQ-1.6 expression: syntax error"
        ),
        "{text}"
    );
    let (_, text) = message(Query::new("{t: now}").unwrap_err());
    assert!(text.ends_with("now/0 is not defined"), "{text}");
}

#[test]
fn processors_are_read_with_their_defaults_and_described() {
    let p = processing(json!({"Enabled": true, "Processors": [
        {"Type": "RecordDeAggregation", "Parameters": [
            {"ParameterName": "SubRecordType", "ParameterValue": "DELIMITED"},
            {"ParameterName": "Delimiter", "ParameterValue": "IyMjIw=="}]},
        {"Type": "Lambda", "Parameters": [
            {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:111122223333:function:xf"}]},
        metadata(DOCS_QUERY),
        {"Type": "AppendDelimiterToRecord"}
    ]}))
    .unwrap();
    assert_eq!(
        p.lambda(),
        Some(&LambdaProcessor {
            arn: "arn:aws:lambda:us-east-1:111122223333:function:xf".into(),
            retries: 3,
            role_arn: None,
            buffer_size_mb: 1.0,
            buffer_interval_s: 60,
        })
    );
    assert_eq!(
        p.deaggregation(),
        Some((SubRecordType::Delimited, Some(&b"####"[..])))
    );
    assert!(p.appends_delimiter());
    assert_eq!(p.query().unwrap().text(), DOCS_QUERY);
    let keys = p.key_sources();
    assert!(keys.query && keys.lambda);
    assert_eq!(
        keys.query_keys,
        Some(vec!["customer_id".into(), "device".into(), "year".into()])
    );
    assert_eq!(
        p.describe(),
        json!({"Enabled": true, "Processors": [
            {"Type": "RecordDeAggregation", "Parameters": [
                {"ParameterName": "SubRecordType", "ParameterValue": "DELIMITED"},
                {"ParameterName": "Delimiter", "ParameterValue": "IyMjIw=="}]},
            {"Type": "Lambda", "Parameters": [
                {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:111122223333:function:xf"},
                {"ParameterName": "NumberOfRetries", "ParameterValue": "3"},
                {"ParameterName": "BufferSizeInMBs", "ParameterValue": "1"},
                {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"}]},
            {"Type": "MetadataExtraction", "Parameters": [
                {"ParameterName": "MetadataExtractionQuery", "ParameterValue": DOCS_QUERY},
                {"ParameterName": "JsonParsingEngine", "ParameterValue": "JQ-1.6"}]},
            {"Type": "AppendDelimiterToRecord", "Parameters": []}
        ]})
    );
    let saved = serde_json::to_string(&p).unwrap();
    assert_eq!(serde_json::from_str::<Processing>(&saved).unwrap(), p);

    let disabled =
        processing(json!({"Enabled": false, "Processors": [metadata(DOCS_QUERY)]})).unwrap();
    assert!(disabled.query().is_none());
    assert_eq!(disabled.processors.len(), 1);

    let l = processing(json!({"Processors": [{"Type": "Lambda", "Parameters": [
        {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:1:function:f:$LATEST"},
        {"ParameterName": "NumberOfRetries", "ParameterValue": "0"},
        {"ParameterName": "RoleArn", "ParameterValue": "arn:aws:iam::1:role/r"},
        {"ParameterName": "BufferSizeInMBs", "ParameterValue": "0.2"},
        {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "900"}]}]}))
    .unwrap();
    let Processor::Lambda(lambda) = &l.processors[0] else {
        panic!("a Lambda processor")
    };
    assert_eq!(
        (
            lambda.retries,
            lambda.buffer_size_mb,
            lambda.buffer_interval_s
        ),
        (0, 0.2, 900)
    );
    assert_eq!(
        l.processors[0].describe()["Parameters"][2]["ParameterValue"],
        "arn:aws:iam::1:role/r"
    );
    assert_eq!(
        l.processors[0].describe()["Parameters"][3]["ParameterValue"],
        "0.2"
    );
}

#[test]
fn the_model_constraints_are_coral_validation_errors() {
    let e = processing(json!({"Processors": [{"Type": "Transform"}]})).unwrap_err();
    assert_eq!(
        message(e),
        (
            "ValidationException".into(),
            format!("1 validation error detected: Value 'Transform' at '{PATH}.processors.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [RecordDeAggregation, Decompression, CloudWatchLogProcessing, Lambda, MetadataExtraction, AppendDelimiterToRecord]")
        )
    );
    let e = processing(json!({"Processors": [{"Parameters": []}]})).unwrap_err();
    assert_eq!(
        message(e).1,
        format!("1 validation error detected: Value null at '{PATH}.processors.1.member.type' failed to satisfy constraint: Member must not be null")
    );
    let e = processing(json!({"Processors": [{"Type": "Lambda", "Parameters": [
        {"ParameterName": "FunctionName", "ParameterValue": "   "}]}]}))
    .unwrap_err();
    let text = message(e).1;
    assert!(
        text.starts_with("2 validation errors detected: Value 'FunctionName' at '"),
        "{text}"
    );
    assert!(text.contains(&format!("Value '   ' at '{PATH}.processors.1.member.parameters.1.member.parameterValue' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?!\\s*$).+")), "{text}");
    let long = "x".repeat(5121);
    let e = processing(json!({"Processors": [metadata(&long)]})).unwrap_err();
    assert!(message(e)
        .1
        .ends_with("Member must have length less than or equal to 5120"));
    let e = processing(
        json!({"Processors": [{"Type": "Lambda", "Parameters": [{"ParameterName": "LambdaArn"}]}]}),
    )
    .unwrap_err();
    assert!(message(e)
        .1
        .contains("parameterValue' failed to satisfy constraint: Member must not be null"));
    let e = processing(json!({"Enabled": "yes"})).unwrap_err();
    assert_eq!(e.error_type(), "SerializationException");

    let dp = |v: Value| {
        DynamicPartitioning::read(
            Body::of(&v).unwrap(),
            "extendedS3DestinationConfiguration.dynamicPartitioningConfiguration",
        )
    };
    assert_eq!(
        dp(json!({"Enabled": true})).unwrap(),
        DynamicPartitioning {
            enabled: true,
            retry_duration_s: 300
        }
    );
    assert_eq!(
        dp(json!({"Enabled": true, "RetryOptions": {"DurationInSeconds": 0}}))
            .unwrap()
            .describe(),
        json!({"Enabled": true, "RetryOptions": {"DurationInSeconds": 0}})
    );
    assert_eq!(
        message(dp(json!({"RetryOptions": {"DurationInSeconds": 7201}})).unwrap_err()).1,
        "1 validation error detected: Value '7201' at 'extendedS3DestinationConfiguration.dynamicPartitioningConfiguration.retryOptions.durationInSeconds' failed to satisfy constraint: Member must have value less than or equal to 7200"
    );
}

#[test]
fn each_processor_checks_its_parameters() {
    let refused =
        |p: Value| message(processing(json!({"Enabled": true, "Processors": [p]})).unwrap_err());
    let lambda = |extra: Value| {
        let mut params = vec![
            json!({"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:1:function:f"}),
        ];
        params.push(extra);
        json!({"Type": "Lambda", "Parameters": params})
    };
    let param = |n: &str, v: &str| json!({"ParameterName": n, "ParameterValue": v});
    assert_eq!(
        refused(json!({"Type": "Lambda", "Parameters": []})),
        invalid("The Lambda processor requires the parameter LambdaArn.")
    );
    assert_eq!(
        refused(json!({"Type": "Lambda", "Parameters": [param("LambdaArn", "my-function")]})),
        invalid("LambdaArn 'my-function' is not the ARN of a Lambda function.")
    );
    assert_eq!(
        refused(lambda(param("NumberOfRetries", "301"))),
        invalid("The Lambda processor's parameter NumberOfRetries is '301': it must be a whole number from 0 to 300.")
    );
    assert_eq!(
        refused(lambda(param("BufferSizeInMBs", "0.1"))),
        invalid(
            "The Lambda processor's parameter BufferSizeInMBs is '0.1': it must be from 0.2 to 3."
        )
    );
    assert_eq!(
        refused(lambda(param("BufferIntervalInSeconds", "901"))),
        invalid("The Lambda processor's parameter BufferIntervalInSeconds is '901': it must be a whole number from 0 to 900.")
    );
    assert_eq!(
        refused(lambda(param(
            "LambdaArn",
            "arn:aws:lambda:us-east-1:1:function:g"
        ))),
        invalid("The Lambda processor has the parameter LambdaArn more than once.")
    );
    assert_eq!(
        refused(lambda(param("SubRecordType", "JSON"))),
        invalid("The Lambda processor does not take the parameter SubRecordType: it takes LambdaArn, NumberOfRetries, RoleArn, BufferSizeInMBs, BufferIntervalInSeconds.")
    );
    assert_eq!(
        refused(json!({"Type": "MetadataExtraction", "Parameters": [
            param("MetadataExtractionQuery", DOCS_QUERY), param("JsonParsingEngine", "JQ-1.7")]})),
        invalid("JsonParsingEngine 'JQ-1.7' is not supported: use JQ-1.6.")
    );
    assert_eq!(
        refused(
            json!({"Type": "MetadataExtraction", "Parameters": [param("MetadataExtractionQuery", DOCS_QUERY)]})
        ),
        invalid("The MetadataExtraction processor requires the parameter JsonParsingEngine.")
    );
    assert_eq!(
        refused(
            json!({"Type": "RecordDeAggregation", "Parameters": [param("SubRecordType", "CSV")]})
        ),
        invalid("SubRecordType 'CSV' is not supported: use JSON or DELIMITED.")
    );
    assert_eq!(
        refused(
            json!({"Type": "RecordDeAggregation", "Parameters": [param("SubRecordType", "DELIMITED")]})
        ),
        invalid("SubRecordType DELIMITED requires the parameter Delimiter.")
    );
    assert_eq!(
        refused(json!({"Type": "RecordDeAggregation", "Parameters": [
            param("SubRecordType", "DELIMITED"), param("Delimiter", "####")]})),
        invalid("Delimiter '####' is not base64-encoded.")
    );
    assert_eq!(
        refused(
            json!({"Type": "AppendDelimiterToRecord", "Parameters": [param("Delimiter", "Cg==")]})
        ),
        invalid("The AppendDelimiterToRecord processor takes no parameters.")
    );
    assert_eq!(
        refused(
            json!({"Type": "Decompression", "Parameters": [param("CompressionFormat", "ZIP")]})
        ),
        invalid("CompressionFormat 'ZIP' is not supported: use GZIP.")
    );
    assert_eq!(
        refused(json!({"Type": "CloudWatchLogProcessing", "Parameters": [param("DataMessageExtraction", "yes")]})),
        invalid("The CloudWatchLogProcessing processor's parameter DataMessageExtraction is 'yes': it must be true or false.")
    );
    assert_eq!(
        message(
            processing(json!({"Processors": [metadata(DOCS_QUERY), metadata(DOCS_QUERY)]}))
                .unwrap_err()
        ),
        invalid("ProcessingConfiguration has more than one MetadataExtraction processor.")
    );
    let cw = processing(json!({"Processors": [
        {"Type": "Decompression", "Parameters": [param("CompressionFormat", "GZIP")]},
        {"Type": "CloudWatchLogProcessing", "Parameters": [param("DataMessageExtraction", "true")]}]}))
    .unwrap();
    assert_eq!(
        cw.processors,
        [
            Processor::Decompression {
                compression_format: "GZIP".into()
            },
            Processor::CloudWatchLogProcessing {
                data_message_extraction: true
            }
        ]
    );
}

const ON: DynamicPartitioning = DynamicPartitioning {
    enabled: true,
    retry_duration_s: 300,
};

fn destination<'a>(
    processing: &'a Processing,
    prefix: Option<&'a str>,
    error: Option<&'a str>,
) -> Destination<'a> {
    Destination {
        extended_s3: true,
        processing,
        dynamic_partitioning: ON,
        prefix,
        error_output_prefix: error,
        buffer_interval_s: 60,
    }
}

#[test]
fn dynamic_partitioning_rules() {
    let with_query =
        processing(json!({"Enabled": true, "Processors": [metadata(DOCS_QUERY)]})).unwrap();
    let prefix = Some("customer_id=!{partitionKeyFromQuery:customer_id}/!{timestamp:yyyy}/");
    let error = Some("errors/!{firehose:error-output-type}/");
    assert!(check(&destination(&with_query, prefix, error)).is_ok());

    let refused = |d: Destination| message(check(&d).unwrap_err());
    assert_eq!(
        refused(destination(&with_query, prefix, None)),
        invalid("ErrorOutputPrefix must be specified when dynamic partitioning is enabled.")
    );
    assert_eq!(
        refused(destination(&with_query, None, error)),
        invalid("Prefix must be specified when dynamic partitioning is enabled.")
    );
    assert_eq!(
        refused(Destination { buffer_interval_s: 0, ..destination(&with_query, prefix, error) }),
        invalid("BufferingHints.IntervalInSeconds must be greater than 0 when dynamic partitioning is enabled.")
    );
    assert_eq!(
        refused(Destination { extended_s3: false, ..destination(&with_query, prefix, error) }),
        invalid("Dynamic partitioning is only supported for Amazon S3 destinations (ExtendedS3DestinationConfiguration).")
    );
    let none = Processing::default();
    assert_eq!(
        refused(destination(&none, prefix, error)),
        invalid("Dynamic partitioning needs partition keys: enable ProcessingConfiguration with a MetadataExtraction or Lambda processor.")
    );
    let disabled = Processing {
        enabled: false,
        ..with_query.clone()
    };
    assert_eq!(
        refused(destination(&disabled, prefix, error)),
        invalid("Dynamic partitioning needs partition keys: enable ProcessingConfiguration with a MetadataExtraction or Lambda processor.")
    );
    assert_eq!(
        refused(destination(&with_query, Some("id=!{partitionKeyFromLambda:id}/"), error)),
        invalid("The expression !{partitionKeyFromLambda:id} needs a Lambda processor in ProcessingConfiguration.")
    );
    assert_eq!(
        refused(destination(&with_query, Some("r=!{partitionKeyFromQuery:region}/"), error)),
        invalid("The expression !{partitionKeyFromQuery:region} names a key that the MetadataExtractionQuery does not give: use customer_id, device, year.")
    );
    assert_eq!(
        refused(destination(&with_query, prefix, Some("errors/!{partitionKeyFromQuery:device}/!{firehose:error-output-type}/"))),
        invalid("The partitionKeyFromQuery and partitionKeyFromLambda namespaces are not allowed in ErrorOutputPrefix.")
    );
    assert_eq!(
        refused(destination(&with_query, prefix, Some("errors/!{timestamp:yyyy}/"))),
        invalid("ErrorOutputPrefix must contain !{firehose:error-output-type} when it contains expressions.")
    );
    let lambda = processing(json!({"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters": [
        {"ParameterName": "LambdaArn", "ParameterValue": "arn:aws:lambda:us-east-1:1:function:f"}]}]}))
    .unwrap();
    assert!(check(&destination(
        &lambda,
        Some("id=!{partitionKeyFromLambda:id}/"),
        error
    ))
    .is_ok());
    assert_eq!(
        refused(destination(&lambda, prefix, error)),
        invalid("The expression !{partitionKeyFromQuery:customer_id} needs a MetadataExtraction processor in ProcessingConfiguration.")
    );
    // A query whose keys can't be told from its text may name any key.
    let dynamic =
        processing(json!({"Enabled": true, "Processors": [metadata("{(.k): .v}")]})).unwrap();
    assert!(check(&destination(
        &dynamic,
        Some("!{partitionKeyFromQuery:anything}/"),
        error
    ))
    .is_ok());
}

#[test]
fn without_dynamic_partitioning() {
    let off = |processing: &Processing, prefix: Option<&str>| {
        check(&Destination {
            dynamic_partitioning: DynamicPartitioning::default(),
            ..destination(processing, prefix, Some("errors/"))
        })
    };
    let with_query =
        processing(json!({"Enabled": true, "Processors": [metadata(DOCS_QUERY)]})).unwrap();
    assert_eq!(
        message(off(&with_query, None).unwrap_err()),
        invalid("The MetadataExtraction processor needs dynamic partitioning to be enabled.")
    );
    let append =
        processing(json!({"Enabled": true, "Processors": [{"Type": "AppendDelimiterToRecord"}]}))
            .unwrap();
    assert!(off(&append, Some("logs/")).is_ok());
    assert_eq!(
        message(off(&append, Some("!{partitionKeyFromQuery:id}/")).unwrap_err()),
        invalid("The expression !{partitionKeyFromQuery:id} can only be used when dynamic partitioning is enabled.")
    );
}

#[test]
fn dynamic_partitioning_is_chosen_once() {
    let off = DynamicPartitioning::default();
    assert!(check_update(true, None).is_ok());
    assert!(check_update(true, Some(&ON)).is_ok());
    assert!(check_update(false, Some(&off)).is_ok());
    assert_eq!(
        message(check_update(true, Some(&off)).unwrap_err()),
        invalid("Dynamic partitioning cannot be disabled once it is enabled.")
    );
    assert_eq!(
        message(check_update(false, Some(&ON)).unwrap_err()),
        invalid("Dynamic partitioning can only be enabled when the delivery stream is created.")
    );
}

#[test]
fn de_aggregation_edge_cases() {
    let json_parts = |record: &str| deaggregate(record.as_bytes(), SubRecordType::Json, None);
    assert_eq!(
        json_parts("[{\"a\":1}]"),
        Err(DeaggregationFailure::JsonArray)
    );
    assert_eq!(json_parts(""), Err(DeaggregationFailure::NonJsonRecord));
    assert_eq!(json_parts("{\"a\":1}\n").unwrap(), [b"{\"a\":1}".to_vec()]);
    assert_eq!(
        json_parts(&"{\"a\":1}\n".repeat(501)),
        Err(DeaggregationFailure::TooManySubRecords { count: 501 })
    );
    // The docs' example delimiter, base64 `IyMjIw==`.
    let p = processing(
        json!({"Enabled": true, "Processors": [{"Type": "RecordDeAggregation", "Parameters": [
        {"ParameterName": "SubRecordType", "ParameterValue": "DELIMITED"},
        {"ParameterName": "Delimiter", "ParameterValue": "IyMjIw=="}]}]}),
    )
    .unwrap();
    let (kind, delimiter) = p.deaggregation().unwrap();
    assert_eq!(
        deaggregate(b"one####two####three", kind, delimiter).unwrap(),
        [b"one".to_vec(), b"two".to_vec(), b"three".to_vec()]
    );
}

/// Small JSON objects: a few keys with strings (quotes, braces, newlines, unicode), numbers,
/// booleans, nulls and nested arrays and objects.
fn object() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        "[a-z{}\\[\\]\"\\\\\n é]{0,8}".prop_map(Value::String),
    ];
    let value = leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,4}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    });
    prop::collection::btree_map("[a-z_]{1,6}", value, 0..4)
        .prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Any JSON objects, written one after another with or without newlines, pretty or
    /// compact, de-aggregate back to the same objects.
    #[test]
    fn concatenated_objects_come_back(
        objects in prop::collection::vec(object(), 1..20),
        separators in prop::collection::vec(prop_oneof![Just(""), Just("\n"), Just("\r\n"), Just(" \n  ")], 20),
        pretty in any::<bool>(),
    ) {
        let mut record = Vec::new();
        for (o, sep) in objects.iter().zip(&separators) {
            let text = if pretty { serde_json::to_vec_pretty(o) } else { serde_json::to_vec(o) };
            record.extend(text.unwrap());
            record.extend(sep.as_bytes());
        }
        let parts = deaggregate(&record, SubRecordType::Json, None).unwrap();
        let back: Vec<Value> = parts.iter().map(|p| serde_json::from_slice(p).unwrap()).collect();
        prop_assert_eq!(back, objects);
    }
}
