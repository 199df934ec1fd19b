//! Kinesis Video Streams' WebRTC signaling channels through `Sandbox::call` and the AWS CLI:
//! create, describe, list, update, delete, the endpoints per protocol and role, and every
//! error they give.

use kinesis_sandbox::cli;
use kinesis_sandbox::engine::{ApiError, Sandbox};
use serde_json::{json, Value};
use std::time::Duration;

fn call(sb: &mut Sandbox, op: &str, body: Value) -> Value {
    sb.call(&format!("KinesisVideo.{op}"), body)
        .unwrap_or_else(|e| panic!("{op}: {e}"))
}

fn fail(sb: &mut Sandbox, op: &str, body: Value) -> ApiError {
    match sb.call(&format!("KinesisVideo.{op}"), body) {
        Ok(v) => panic!("{op} answered {v}"),
        Err(e) => e,
    }
}

fn assert_error(e: &ApiError, kind: &str, message: &str) {
    assert_eq!(e.error_type(), kind, "{e}");
    assert_eq!(e.message(), Some(message), "{e}");
}

fn describe(sb: &mut Sandbox, name: &str) -> Value {
    call(sb, "DescribeSignalingChannel", json!({"ChannelName": name}))["ChannelInfo"].clone()
}

/// A sandbox with channel `doorbell`, ACTIVE; and its ARN.
fn with_channel() -> (Sandbox, String) {
    let mut sb = Sandbox::default();
    let arn = call(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "doorbell"}),
    )["ChannelARN"]
        .as_str()
        .unwrap()
        .to_string();
    sb.advance(Duration::from_secs(5));
    (sb, arn)
}

#[test]
fn channels_are_created_described_listed_updated_and_deleted() {
    let mut sb = Sandbox::default();
    let created = sb.now().epoch_millis();
    let arn = call(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "doorbell", "ChannelType": "SINGLE_MASTER",
               "Tags": [{"Key": "site", "Value": "porch"}]}),
    )["ChannelARN"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        arn,
        format!("arn:aws:kinesisvideo:us-east-1:123456789012:channel/doorbell/{created}")
    );
    let info = describe(&mut sb, "doorbell");
    assert_eq!(info["ChannelStatus"], "CREATING");
    assert_eq!(info["ChannelType"], "SINGLE_MASTER");
    assert_eq!(info["ChannelARN"], arn.as_str());
    // MessageTtlSeconds is 60 unless given.
    assert_eq!(info["SingleMasterConfiguration"]["MessageTtlSeconds"], 60);
    sb.advance(Duration::from_secs(5));
    let info = call(
        &mut sb,
        "DescribeSignalingChannel",
        json!({"ChannelARN": arn}),
    )["ChannelInfo"]
        .clone();
    assert_eq!(info["ChannelStatus"], "ACTIVE");
    let version = info["Version"].as_str().unwrap().to_string();
    call(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "baby-monitor",
               "SingleMasterConfiguration": {"MessageTtlSeconds": 5}}),
    );
    let list = call(&mut sb, "ListSignalingChannels", json!({}));
    let names: Vec<&str> = list["ChannelInfoList"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["ChannelName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["baby-monitor", "doorbell"]);
    let list = call(
        &mut sb,
        "ListSignalingChannels",
        json!({"ChannelNameCondition": {"ComparisonOperator": "BEGINS_WITH", "ComparisonValue": "door"}}),
    );
    assert_eq!(list["ChannelInfoList"].as_array().unwrap().len(), 1);
    let page = call(&mut sb, "ListSignalingChannels", json!({"MaxResults": 1}));
    assert_eq!(page["ChannelInfoList"][0]["ChannelName"], "baby-monitor");
    let next = call(
        &mut sb,
        "ListSignalingChannels",
        json!({"MaxResults": 1, "NextToken": page["NextToken"]}),
    );
    assert_eq!(next["ChannelInfoList"][0]["ChannelName"], "doorbell");
    assert!(next.get("NextToken").is_none());

    call(
        &mut sb,
        "UpdateSignalingChannel",
        json!({"ChannelARN": arn, "CurrentVersion": version,
               "SingleMasterConfiguration": {"MessageTtlSeconds": 120}}),
    );
    let info = describe(&mut sb, "doorbell");
    assert_eq!(info["ChannelStatus"], "UPDATING");
    assert_eq!(info["SingleMasterConfiguration"]["MessageTtlSeconds"], 120);
    assert_ne!(info["Version"], version.as_str());
    sb.advance(Duration::from_secs(5));
    call(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": arn}),
    );
    assert_eq!(describe(&mut sb, "doorbell")["ChannelStatus"], "DELETING");
    sb.advance(Duration::from_secs(5));
    let e = fail(
        &mut sb,
        "DescribeSignalingChannel",
        json!({"ChannelName": "doorbell"}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested channel is not found or not active.",
    );
}

#[test]
fn create_signaling_channel_checks_its_request() {
    let (mut sb, _) = with_channel();
    let e = fail(&mut sb, "CreateSignalingChannel", json!({}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'channelName' failed to satisfy \
         constraint: Member must not be null",
    );
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "front door", "ChannelType": "PEER",
               "SingleMasterConfiguration": {"MessageTtlSeconds": 4}}),
    );
    assert_error(
        &e,
        "ValidationException",
        "3 validation errors detected: Value 'front door' at 'channelName' failed to satisfy \
         constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value \
         'PEER' at 'channelType' failed to satisfy constraint: Member must satisfy enum value \
         set: [SINGLE_MASTER, FULL_MESH]; Value '4' at \
         'singleMasterConfiguration.messageTtlSeconds' failed to satisfy constraint: Member \
         must have value greater than or equal to 5",
    );
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "x", "SingleMasterConfiguration": {"MessageTtlSeconds": 121}}),
    );
    assert!(
        e.message()
            .unwrap()
            .contains("Member must have value less than or equal to 120"),
        "{e}"
    );
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "x".repeat(257)}),
    );
    assert!(
        e.message()
            .unwrap()
            .contains("Member must have length less than or equal to 256"),
        "{e}"
    );
    // FULL_MESH is in the enum, but SINGLE_MASTER is the only type AWS supports.
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "mesh", "ChannelType": "FULL_MESH"}),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "The channel type FULL_MESH is not supported: SINGLE_MASTER is the only supported \
         channel type.",
    );
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "doorbell"}),
    );
    assert_error(
        &e,
        "ResourceInUseException",
        "The signaling channel doorbell already exists.",
    );
    let tags: Vec<Value> = (0..51)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "tagged", "Tags": tags}),
    );
    assert_eq!(e.error_type(), "ValidationException", "{e}");
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "tagged", "Tags": [{"Key": "", "Value": "v"}]}),
    );
    assert!(
        e.message()
            .unwrap()
            .contains("at 'tags.1.member.key' failed to satisfy constraint"),
        "{e}"
    );
}

#[test]
fn an_account_has_at_most_5000_channels_outside_the_two_big_regions() {
    let mut sb = Sandbox::default();
    for i in 0..10_000 {
        call(
            &mut sb,
            "CreateSignalingChannel",
            json!({"ChannelName": format!("c{i}")}),
        );
    }
    let e = fail(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "one-more"}),
    );
    assert_error(
        &e,
        "AccountChannelLimitExceededException",
        "You have reached the maximum limit of 10000 signaling channels for this account in \
         this Region.",
    );
    assert_eq!(
        kinesis_sandbox::engine::video::signaling::channel_limit("eu-west-1"),
        5000
    );
}

#[test]
fn updates_and_deletes_name_the_current_version_of_an_active_channel() {
    let mut sb = Sandbox::default();
    let arn = call(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "doorbell"}),
    )["ChannelARN"]
        .as_str()
        .unwrap()
        .to_string();
    let version = describe(&mut sb, "doorbell")["Version"]
        .as_str()
        .unwrap()
        .to_string();
    let e = fail(
        &mut sb,
        "UpdateSignalingChannel",
        json!({"ChannelARN": arn, "CurrentVersion": version}),
    );
    assert_error(
        &e,
        "ResourceInUseException",
        "The signaling channel doorbell is CREATING; it can be updated once it is ACTIVE.",
    );
    sb.advance(Duration::from_secs(5));
    let e = fail(
        &mut sb,
        "UpdateSignalingChannel",
        json!({"ChannelARN": arn, "CurrentVersion": "0000"}),
    );
    assert_error(
        &e,
        "VersionMismatchException",
        &format!(
            "The channel version 0000 does not match the current version {version} of channel \
             doorbell."
        ),
    );
    let e = fail(
        &mut sb,
        "UpdateSignalingChannel",
        json!({"ChannelARN": arn}),
    );
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'currentVersion' failed to satisfy \
         constraint: Member must not be null",
    );
    let e = fail(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": arn, "CurrentVersion": "0000"}),
    );
    assert_eq!(e.error_type(), "VersionMismatchException");
    let e = fail(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": "doorbell"}),
    );
    assert!(
        e.message().unwrap().contains(
            "at 'channelARN' failed to satisfy constraint: Member must satisfy regular \
             expression pattern: arn:[a-z\\d-]+:kinesisvideo:"
        ),
        "{e}"
    );
    let missing = arn.replace("doorbell", "gone");
    let e = fail(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": missing}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested channel is not found or not active.",
    );
    call(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": arn, "CurrentVersion": version}),
    );
    let e = fail(
        &mut sb,
        "DeleteSignalingChannel",
        json!({"ChannelARN": arn}),
    );
    assert_error(
        &e,
        "ResourceInUseException",
        "The signaling channel doorbell is already being deleted.",
    );
    let e = fail(&mut sb, "DescribeSignalingChannel", json!({}));
    assert_error(
        &e,
        "InvalidArgumentException",
        "Either ChannelName or ChannelARN must be specified.",
    );
}

#[test]
fn endpoints_are_given_per_protocol_and_role() {
    let (mut sb, arn) = with_channel();
    let get = |sb: &mut Sandbox, config: Value| {
        call(
            sb,
            "GetSignalingChannelEndpoint",
            json!({"ChannelARN": arn, "SingleMasterChannelEndpointConfiguration": config}),
        )["ResourceEndpointList"]
            .as_array()
            .unwrap()
            .clone()
    };
    let master = get(
        &mut sb,
        json!({"Protocols": ["WSS", "HTTPS"], "Role": "MASTER"}),
    );
    assert_eq!(master.len(), 2);
    assert_eq!(master[0]["Protocol"], "WSS");
    assert_eq!(master[1]["Protocol"], "HTTPS");
    let wss = master[0]["ResourceEndpoint"].as_str().unwrap();
    let https = master[1]["ResourceEndpoint"].as_str().unwrap();
    let host = |url: &str, prefix: &str| {
        let rest = url.strip_prefix(prefix).unwrap();
        let (id, domain) = rest.split_once('.').unwrap();
        assert_eq!(domain, "kinesisvideo.us-east-1.amazonaws.com", "{url}");
        assert_eq!(id.len(), 8, "{url}");
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{url}");
    };
    host(wss, "wss://m-");
    host(https, "https://r-");
    let viewer = get(&mut sb, json!({"Protocols": ["WSS"], "Role": "VIEWER"}));
    assert_eq!(viewer.len(), 1);
    let viewer_wss = viewer[0]["ResourceEndpoint"].as_str().unwrap();
    host(viewer_wss, "wss://v-");
    // The same channel always gets the same hosts.
    assert_eq!(
        get(
            &mut sb,
            json!({"Protocols": ["WSS", "HTTPS"], "Role": "MASTER"})
        ),
        master
    );
    let e = fail(
        &mut sb,
        "GetSignalingChannelEndpoint",
        json!({"ChannelARN": arn,
               "SingleMasterChannelEndpointConfiguration": {"Protocols": ["WEBRTC"], "Role": "MASTER"}}),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "The signaling channel doorbell is not configured for ingestion: the WEBRTC protocol \
         needs a media storage configuration.",
    );
    let e = fail(
        &mut sb,
        "GetSignalingChannelEndpoint",
        json!({"ChannelARN": arn,
               "SingleMasterChannelEndpointConfiguration": {"Protocols": ["UDP"], "Role": "PEER"}}),
    );
    assert_error(
        &e,
        "ValidationException",
        "2 validation errors detected: Value 'UDP' at \
         'singleMasterChannelEndpointConfiguration.protocols.1.member' failed to satisfy \
         constraint: Member must satisfy enum value set: [WSS, HTTPS, WEBRTC]; Value 'PEER' at \
         'singleMasterChannelEndpointConfiguration.role' failed to satisfy constraint: Member \
         must satisfy enum value set: [MASTER, VIEWER]",
    );
    let e = fail(
        &mut sb,
        "GetSignalingChannelEndpoint",
        json!({"ChannelARN": arn,
               "SingleMasterChannelEndpointConfiguration": {"Protocols": []}}),
    );
    assert!(
        e.message()
            .unwrap()
            .contains("Member must have length greater than or equal to 1"),
        "{e}"
    );
    let e = fail(&mut sb, "GetSignalingChannelEndpoint", json!({}));
    assert_error(
        &e,
        "ValidationException",
        "1 validation error detected: Value null at 'channelARN' failed to satisfy \
         constraint: Member must not be null",
    );
    // A channel still being created has no endpoint yet.
    let creating = call(
        &mut sb,
        "CreateSignalingChannel",
        json!({"ChannelName": "new"}),
    )["ChannelARN"]
        .clone();
    let e = fail(
        &mut sb,
        "GetSignalingChannelEndpoint",
        json!({"ChannelARN": creating}),
    );
    assert_error(
        &e,
        "ResourceNotFoundException",
        "The requested channel is not found or not active.",
    );
}

#[test]
fn the_cli_speaks_signaling_channels() {
    let mut sb = Sandbox::default();
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo create-signaling-channel --channel-name doorbell \
         --single-master-configuration MessageTtlSeconds=30 --tags Key=site,Value=porch",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let arn = serde_json::from_str::<Value>(&out.text).unwrap()["ChannelARN"]
        .as_str()
        .unwrap()
        .to_string();
    sb.advance(Duration::from_secs(5));
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo describe-signaling-channel --channel-name doorbell",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let info: Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(
        info["ChannelInfo"]["SingleMasterConfiguration"]["MessageTtlSeconds"],
        30
    );
    let version = info["ChannelInfo"]["Version"].as_str().unwrap().to_string();
    let out = cli::run(
        &mut sb,
        &format!(
            "aws kinesisvideo get-signaling-channel-endpoint --channel-arn {arn} \
             --single-master-channel-endpoint-configuration \
             '{{\"Protocols\":[\"WSS\",\"HTTPS\"],\"Role\":\"VIEWER\"}}'"
        ),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert!(out.text.contains("wss://v-"), "{}", out.text);
    for line in [
        "aws kinesisvideo list-signaling-channels".to_string(),
        format!(
            "aws kinesisvideo update-signaling-channel --channel-arn {arn} --current-version \
             {version} --single-master-configuration MessageTtlSeconds=90"
        ),
    ] {
        let out = cli::run(&mut sb, &line);
        assert_eq!(out.exit_code, 0, "{line}: {}", out.text);
    }
    sb.advance(Duration::from_secs(5));
    let out = cli::run(
        &mut sb,
        &format!("aws kinesisvideo delete-signaling-channel --channel-arn {arn}"),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo create-signaling-channel --channel-name mesh --channel-type FULL_MESH",
    );
    assert_eq!(out.exit_code, 254);
    assert!(
        out.text.contains(
            "An error occurred (InvalidArgumentException) when calling the \
             CreateSignalingChannel operation"
        ),
        "{}",
        out.text
    );
    assert!(cli::complete("aws kinesisvideo get-sig")
        .iter()
        .any(|c| c.contains("get-signaling-channel-endpoint")));
}

#[test]
fn channels_survive_a_save() {
    let (sb, _) = with_channel();
    let text = kinesis_sandbox::engine::state::save(&sb, &json!({}));
    let (mut back, _) = kinesis_sandbox::engine::state::load(&text).unwrap();
    let mut sb = sb;
    assert_eq!(
        describe(&mut back, "doorbell"),
        describe(&mut sb, "doorbell")
    );
    assert_eq!(back.video().channels().count(), 1);
}
