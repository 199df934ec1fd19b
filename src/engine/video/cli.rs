//! The `aws kinesisvideo` commands of the control plane, and `aws
//! kinesis-video-archived-media list-fragments`: their AWS CLI v2 names, options and the API
//! fields they fill. (GetMedia and GetMediaForFragmentList write the media to a file with
//! the AWS CLI; the sandbox's terminal has no form of them.)

use super::ops::API_NAMES;
use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const NAME: Opt = Opt::optional("--stream-name", "StreamName", Kind::Str);
const ARN: Opt = Opt::optional("--stream-arn", "StreamARN", Kind::Str);
const VERSION: Opt = Opt::required("--current-version", "CurrentVersion", Kind::Str);
const DEVICE: Opt = Opt::optional("--device-name", "DeviceName", Kind::Str);
const MEDIA_TYPE: Opt = Opt::optional("--media-type", "MediaType", Kind::Str);

/// Every `aws kinesisvideo` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-stream",
        operation: "CreateStream",
        summary: "Creates a video stream (no retention unless --data-retention-in-hours is given).",
        opts: &[
            Opt::required("--stream-name", "StreamName", Kind::Str),
            DEVICE,
            MEDIA_TYPE,
            Opt::optional("--kms-key-id", "KmsKeyId", Kind::Str),
            Opt::optional(
                "--data-retention-in-hours",
                "DataRetentionInHours",
                Kind::Int,
            ),
            Opt::optional("--tags", "Tags", Kind::Map),
        ],
    },
    Command {
        name: "delete-stream",
        operation: "DeleteStream",
        summary: "Deletes a video stream and its media.",
        opts: &[
            Opt::required("--stream-arn", "StreamARN", Kind::Str),
            Opt::optional("--current-version", "CurrentVersion", Kind::Str),
        ],
    },
    Command {
        name: "describe-stream",
        operation: "DescribeStream",
        summary: "Describes a video stream: status, version, retention.",
        opts: &[NAME, ARN],
    },
    Command {
        name: "get-data-endpoint",
        operation: "GetDataEndpoint",
        summary: "Gives the endpoint to call an API of the stream's data plane at.",
        opts: &[
            NAME,
            ARN,
            Opt::one_of("--api-name", "APIName", API_NAMES, true),
        ],
    },
    Command {
        name: "list-streams",
        operation: "ListStreams",
        summary: "Lists the video streams, optionally those whose name begins with a prefix.",
        opts: &[
            Opt::optional("--max-results", "MaxResults", Kind::Int),
            Opt::optional("--next-token", "NextToken", Kind::Str),
            Opt::optional(
                "--stream-name-condition",
                "StreamNameCondition",
                Kind::Struct(&[
                    ("ComparisonOperator", Kind::Str),
                    ("ComparisonValue", Kind::Str),
                ]),
            ),
        ],
    },
    Command {
        name: "list-tags-for-stream",
        operation: "ListTagsForStream",
        summary: "Lists a video stream's tags.",
        opts: &[
            NAME,
            ARN,
            Opt::optional("--next-token", "NextToken", Kind::Str),
        ],
    },
    Command {
        name: "tag-stream",
        operation: "TagStream",
        summary: "Adds or changes tags of a video stream (at most 50).",
        opts: &[NAME, ARN, Opt::required("--tags", "Tags", Kind::Map)],
    },
    Command {
        name: "untag-stream",
        operation: "UntagStream",
        summary: "Removes tags from a video stream.",
        opts: &[
            NAME,
            ARN,
            Opt::required("--tag-key-list", "TagKeyList", Kind::StrList),
        ],
    },
    Command {
        name: "update-data-retention",
        operation: "UpdateDataRetention",
        summary: "Increases or decreases a stream's retention by a number of hours.",
        opts: &[
            NAME,
            ARN,
            VERSION,
            Opt::one_of(
                "--operation",
                "Operation",
                &["INCREASE_DATA_RETENTION", "DECREASE_DATA_RETENTION"],
                true,
            ),
            Opt::required(
                "--data-retention-change-in-hours",
                "DataRetentionChangeInHours",
                Kind::Int,
            ),
        ],
    },
    Command {
        name: "update-stream",
        operation: "UpdateStream",
        summary: "Changes a stream's device name or media type.",
        opts: &[NAME, ARN, VERSION, DEVICE, MEDIA_TYPE],
    },
];

/// The `aws kinesis-video-archived-media` commands the terminal knows.
pub const ARCHIVED_MEDIA_COMMANDS: &[Command] = &[Command {
    name: "list-fragments",
    operation: "ListFragments",
    summary: "Lists a stream's fragments, optionally those in a producer or server time range.",
    opts: &[
        NAME,
        ARN,
        Opt::optional("--max-results", "MaxResults", Kind::Int),
        Opt::optional("--next-token", "NextToken", Kind::Str),
        Opt::optional(
            "--fragment-selector",
            "FragmentSelector",
            Kind::Struct(&[
                ("FragmentSelectorType", Kind::Str),
                (
                    "TimestampRange",
                    Kind::Struct(&[("StartTimestamp", Kind::Time), ("EndTimestamp", Kind::Time)]),
                ),
            ]),
        ),
    ],
}];
