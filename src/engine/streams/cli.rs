//! The `aws kinesis` commands: their AWS CLI v2 names, options and the API fields they fill.

use super::metrics::ShardMetric;
use super::ShardIteratorType;
use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const NAME: Opt = Opt::optional("--stream-name", "StreamName", Kind::Str);
const ARN: Opt = Opt::optional("--stream-arn", "StreamARN", Kind::Str);
const REQ_ARN: Opt = Opt::required("--stream-arn", "StreamARN", Kind::Str);
const ITERATOR_TYPES: &[&str] = ShardIteratorType::NAMES;
const SHARD_METRICS: &[&str] = &ShardMetric::CLI_VALUES;
const METRICS: Opt = Opt {
    flag: "--shard-level-metrics",
    field: "ShardLevelMetrics",
    kind: Kind::StrList,
    required: true,
    values: SHARD_METRICS,
};
const ENCRYPTION: [Opt; 4] = [
    NAME,
    ARN,
    Opt::one_of(
        "--encryption-type",
        "EncryptionType",
        &["KMS", "NONE"],
        true,
    ),
    Opt::required("--key-id", "KeyId", Kind::Str),
];
const CONSUMER: [Opt; 3] = [
    ARN,
    Opt::optional("--consumer-name", "ConsumerName", Kind::Str),
    Opt::optional("--consumer-arn", "ConsumerARN", Kind::Str),
];
const RETENTION: [Opt; 3] = [
    NAME,
    ARN,
    Opt::required(
        "--retention-period-hours",
        "RetentionPeriodHours",
        Kind::Int,
    ),
];

/// Every `aws kinesis` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "add-tags-to-stream",
        operation: "AddTagsToStream",
        summary: "Adds or updates tags for a data stream.",
        opts: &[NAME, ARN, Opt::required("--tags", "Tags", Kind::Map)],
    },
    Command {
        name: "create-stream",
        operation: "CreateStream",
        summary: "Creates a data stream (provisioned with --shard-count, or on-demand).",
        opts: &[
            Opt::required("--stream-name", "StreamName", Kind::Str),
            Opt::optional("--shard-count", "ShardCount", Kind::Int),
            Opt::optional(
                "--stream-mode-details",
                "StreamModeDetails",
                Kind::Struct(&[("StreamMode", Kind::Str)]),
            ),
            Opt::optional("--tags", "Tags", Kind::Map),
        ],
    },
    Command {
        name: "decrease-stream-retention-period",
        operation: "DecreaseStreamRetentionPeriod",
        summary: "Shortens how long records stay readable (at least 24 hours).",
        opts: &RETENTION,
    },
    Command {
        name: "delete-stream",
        operation: "DeleteStream",
        summary: "Deletes a data stream and all its shards and data.",
        opts: &[
            NAME,
            ARN,
            Opt::optional(
                "--enforce-consumer-deletion",
                "EnforceConsumerDeletion",
                Kind::Bool,
            ),
        ],
    },
    Command {
        name: "deregister-stream-consumer",
        operation: "DeregisterStreamConsumer",
        summary: "Deregisters an enhanced fan-out consumer.",
        opts: &CONSUMER,
    },
    Command {
        name: "describe-limits",
        operation: "DescribeLimits",
        summary: "Shows the account's shard limit and usage.",
        opts: &[],
    },
    Command {
        name: "describe-stream",
        operation: "DescribeStream",
        summary: "Describes a data stream and its shards.",
        opts: &[
            NAME,
            ARN,
            Opt::optional("--limit", "Limit", Kind::Int),
            Opt::optional(
                "--exclusive-start-shard-id",
                "ExclusiveStartShardId",
                Kind::Str,
            ),
        ],
    },
    Command {
        name: "describe-stream-consumer",
        operation: "DescribeStreamConsumer",
        summary: "Describes an enhanced fan-out consumer.",
        opts: &CONSUMER,
    },
    Command {
        name: "describe-stream-summary",
        operation: "DescribeStreamSummary",
        summary: "Summarises a data stream without listing its shards.",
        opts: &[NAME, ARN],
    },
    Command {
        name: "disable-enhanced-monitoring",
        operation: "DisableEnhancedMonitoring",
        summary: "Turns shard-level metrics off.",
        opts: &[NAME, ARN, METRICS],
    },
    Command {
        name: "enable-enhanced-monitoring",
        operation: "EnableEnhancedMonitoring",
        summary: "Turns shard-level metrics on.",
        opts: &[NAME, ARN, METRICS],
    },
    Command {
        name: "get-records",
        operation: "GetRecords",
        summary: "Reads records from a shard iterator.",
        opts: &[
            Opt::required("--shard-iterator", "ShardIterator", Kind::Str),
            Opt::optional("--limit", "Limit", Kind::Int),
            ARN,
        ],
    },
    Command {
        name: "get-shard-iterator",
        operation: "GetShardIterator",
        summary: "Gets an iterator to start reading a shard at a position.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--shard-id", "ShardId", Kind::Str),
            Opt::one_of(
                "--shard-iterator-type",
                "ShardIteratorType",
                ITERATOR_TYPES,
                true,
            ),
            Opt::optional(
                "--starting-sequence-number",
                "StartingSequenceNumber",
                Kind::Str,
            ),
            Opt::optional("--timestamp", "Timestamp", Kind::Time),
        ],
    },
    Command {
        name: "increase-stream-retention-period",
        operation: "IncreaseStreamRetentionPeriod",
        summary: "Lengthens how long records stay readable (up to 8760 hours).",
        opts: &RETENTION,
    },
    Command {
        name: "list-shards",
        operation: "ListShards",
        summary: "Lists the shards of a stream.",
        opts: &[
            NAME,
            ARN,
            Opt::optional("--next-token", "NextToken", Kind::Str),
            Opt::optional(
                "--exclusive-start-shard-id",
                "ExclusiveStartShardId",
                Kind::Str,
            ),
            Opt::optional("--max-results", "MaxResults", Kind::Int),
            Opt::optional(
                "--stream-creation-timestamp",
                "StreamCreationTimestamp",
                Kind::Time,
            ),
            Opt::optional(
                "--shard-filter",
                "ShardFilter",
                Kind::Struct(&[
                    ("Type", Kind::Str),
                    ("ShardId", Kind::Str),
                    ("Timestamp", Kind::Time),
                ]),
            ),
        ],
    },
    Command {
        name: "list-stream-consumers",
        operation: "ListStreamConsumers",
        summary: "Lists the enhanced fan-out consumers of a stream.",
        opts: &[
            REQ_ARN,
            Opt::optional("--next-token", "NextToken", Kind::Str),
            Opt::optional("--max-results", "MaxResults", Kind::Int),
        ],
    },
    Command {
        name: "list-streams",
        operation: "ListStreams",
        summary: "Lists the data streams of the account.",
        opts: &[
            Opt::optional("--limit", "Limit", Kind::Int),
            Opt::optional(
                "--exclusive-start-stream-name",
                "ExclusiveStartStreamName",
                Kind::Str,
            ),
            Opt::optional("--next-token", "NextToken", Kind::Str),
        ],
    },
    Command {
        name: "list-tags-for-stream",
        operation: "ListTagsForStream",
        summary: "Lists the tags of a stream.",
        opts: &[
            NAME,
            ARN,
            Opt::optional(
                "--exclusive-start-tag-key",
                "ExclusiveStartTagKey",
                Kind::Str,
            ),
            Opt::optional("--limit", "Limit", Kind::Int),
        ],
    },
    Command {
        name: "merge-shards",
        operation: "MergeShards",
        summary: "Merges two adjacent shards into one.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--shard-to-merge", "ShardToMerge", Kind::Str),
            Opt::required(
                "--adjacent-shard-to-merge",
                "AdjacentShardToMerge",
                Kind::Str,
            ),
        ],
    },
    Command {
        name: "put-record",
        operation: "PutRecord",
        summary: "Writes one record.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--data", "Data", Kind::Blob),
            Opt::required("--partition-key", "PartitionKey", Kind::Str),
            Opt::optional("--explicit-hash-key", "ExplicitHashKey", Kind::Str),
            Opt::optional(
                "--sequence-number-for-ordering",
                "SequenceNumberForOrdering",
                Kind::Str,
            ),
        ],
    },
    Command {
        name: "put-records",
        operation: "PutRecords",
        summary: "Writes up to 500 records in one call.",
        opts: &[
            Opt::required("--records", "Records", Kind::Records),
            NAME,
            ARN,
        ],
    },
    Command {
        name: "register-stream-consumer",
        operation: "RegisterStreamConsumer",
        summary: "Registers an enhanced fan-out consumer.",
        opts: &[
            REQ_ARN,
            Opt::required("--consumer-name", "ConsumerName", Kind::Str),
            Opt::optional("--tags", "Tags", Kind::Map),
        ],
    },
    Command {
        name: "remove-tags-from-stream",
        operation: "RemoveTagsFromStream",
        summary: "Removes tags from a stream.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--tag-keys", "TagKeys", Kind::StrList),
        ],
    },
    Command {
        name: "split-shard",
        operation: "SplitShard",
        summary: "Splits a shard in two at a hash key.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--shard-to-split", "ShardToSplit", Kind::Str),
            Opt::required("--new-starting-hash-key", "NewStartingHashKey", Kind::Str),
        ],
    },
    Command {
        name: "start-stream-encryption",
        operation: "StartStreamEncryption",
        summary: "Turns on server-side encryption with a KMS key.",
        opts: &ENCRYPTION,
    },
    Command {
        name: "stop-stream-encryption",
        operation: "StopStreamEncryption",
        summary: "Turns off server-side encryption.",
        opts: &ENCRYPTION,
    },
    Command {
        name: "subscribe-to-shard",
        operation: "SubscribeToShard",
        summary: "Subscribes an enhanced fan-out consumer to a shard.",
        opts: &[
            Opt::required("--consumer-arn", "ConsumerARN", Kind::Str),
            Opt::required("--shard-id", "ShardId", Kind::Str),
            Opt::required(
                "--starting-position",
                "StartingPosition",
                Kind::Struct(&[
                    ("Type", Kind::Str),
                    ("SequenceNumber", Kind::Str),
                    ("Timestamp", Kind::Time),
                ]),
            ),
        ],
    },
    Command {
        name: "update-shard-count",
        operation: "UpdateShardCount",
        summary: "Changes the number of open shards (uniform scaling).",
        opts: &[
            NAME,
            ARN,
            Opt::required("--target-shard-count", "TargetShardCount", Kind::Int),
            Opt::one_of("--scaling-type", "ScalingType", &["UNIFORM_SCALING"], true),
        ],
    },
];
