//! The `aws firehose` commands: their AWS CLI v2 names, options and the API fields they fill.
//!
//! Destination and source configurations take JSON (`'{"RoleARN": "…", "BucketARN": "…"}'`),
//! as in the AWS CLI; `--record` takes `Data=…` shorthand (base64, or text with
//! `--cli-binary-format raw-in-base64-out`).

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const NAME: Opt = Opt::required("--delivery-stream-name", "DeliveryStreamName", Kind::Str);
/// Any JSON structure (its fields are checked by the API, as the CLI's are by botocore).
const ANY: Kind = Kind::Struct(&[]);
const TAGS: Kind = Kind::StructList(&[("Key", Kind::Str), ("Value", Kind::Str)]);

/// Every `aws firehose` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-delivery-stream",
        operation: "CreateDeliveryStream",
        summary: "Creates a Firehose stream (Direct PUT or reading a Kinesis data stream) delivering to Amazon S3.",
        opts: &[
            NAME,
            Opt::one_of(
                "--delivery-stream-type",
                "DeliveryStreamType",
                &["DirectPut", "KinesisStreamAsSource"],
                false,
            ),
            Opt::optional(
                "--kinesis-stream-source-configuration",
                "KinesisStreamSourceConfiguration",
                ANY,
            ),
            Opt::optional(
                "--extended-s3-destination-configuration",
                "ExtendedS3DestinationConfiguration",
                ANY,
            ),
            Opt::optional(
                "--s3-destination-configuration",
                "S3DestinationConfiguration",
                ANY,
            ),
            Opt::optional(
                "--http-endpoint-destination-configuration",
                "HttpEndpointDestinationConfiguration",
                ANY,
            ),
            Opt::optional(
                "--splunk-destination-configuration",
                "SplunkDestinationConfiguration",
                ANY,
            ),
            Opt::optional(
                "--delivery-stream-encryption-configuration-input",
                "DeliveryStreamEncryptionConfigurationInput",
                ANY,
            ),
            Opt::optional("--tags", "Tags", TAGS),
        ],
    },
    Command {
        name: "delete-delivery-stream",
        operation: "DeleteDeliveryStream",
        summary: "Deletes a Firehose stream (records not yet delivered are lost).",
        opts: &[NAME],
    },
    Command {
        name: "describe-delivery-stream",
        operation: "DescribeDeliveryStream",
        summary: "Describes a Firehose stream: its status, source, destination and version.",
        opts: &[NAME],
    },
    Command {
        name: "list-delivery-streams",
        operation: "ListDeliveryStreams",
        summary: "Lists the Firehose streams.",
        opts: &[
            Opt::optional("--limit", "Limit", Kind::Int),
            Opt::one_of(
                "--delivery-stream-type",
                "DeliveryStreamType",
                &["DirectPut", "KinesisStreamAsSource"],
                false,
            ),
            Opt::optional(
                "--exclusive-start-delivery-stream-name",
                "ExclusiveStartDeliveryStreamName",
                Kind::Str,
            ),
        ],
    },
    Command {
        name: "list-tags-for-delivery-stream",
        operation: "ListTagsForDeliveryStream",
        summary: "Lists a Firehose stream's tags.",
        opts: &[NAME],
    },
    Command {
        name: "put-record",
        operation: "PutRecord",
        summary: "Writes one record into a Direct PUT Firehose stream.",
        opts: &[
            NAME,
            Opt::required("--record", "Record", Kind::Struct(&[("Data", Kind::Blob)])),
        ],
    },
    Command {
        name: "put-record-batch",
        operation: "PutRecordBatch",
        summary: "Writes up to 500 records into a Direct PUT Firehose stream.",
        opts: &[NAME, Opt::required("--records", "Records", Kind::Records)],
    },
    Command {
        name: "start-delivery-stream-encryption",
        operation: "StartDeliveryStreamEncryption",
        summary: "Turns on server-side encryption of a Direct PUT Firehose stream.",
        opts: &[
            NAME,
            Opt::optional(
                "--delivery-stream-encryption-configuration-input",
                "DeliveryStreamEncryptionConfigurationInput",
                ANY,
            ),
        ],
    },
    Command {
        name: "stop-delivery-stream-encryption",
        operation: "StopDeliveryStreamEncryption",
        summary: "Turns off server-side encryption.",
        opts: &[NAME],
    },
    Command {
        name: "tag-delivery-stream",
        operation: "TagDeliveryStream",
        summary: "Adds or updates tags of a Firehose stream.",
        opts: &[NAME, Opt::required("--tags", "Tags", TAGS)],
    },
    Command {
        name: "untag-delivery-stream",
        operation: "UntagDeliveryStream",
        summary: "Removes tags from a Firehose stream.",
        opts: &[NAME, Opt::required("--tag-keys", "TagKeys", Kind::StrList)],
    },
    Command {
        name: "update-destination",
        operation: "UpdateDestination",
        summary: "Changes a Firehose stream's destination settings (the version and destination id from describe-delivery-stream).",
        opts: &[
            NAME,
            Opt::required(
                "--current-delivery-stream-version-id",
                "CurrentDeliveryStreamVersionId",
                Kind::Str,
            ),
            Opt::required("--destination-id", "DestinationId", Kind::Str),
            Opt::optional(
                "--extended-s3-destination-update",
                "ExtendedS3DestinationUpdate",
                ANY,
            ),
            Opt::optional("--s3-destination-update", "S3DestinationUpdate", ANY),
        ],
    },
];
