//! The `aws kinesisvideo` commands of the control plane (streams, image generation and
//! signaling channels),
//! and the `aws kinesis-video-archived-media` commands list-fragments,
//! get-hls-streaming-session-url and get-dash-streaming-session-url: their AWS CLI v2 names,
//! options and the API fields they fill. (GetMedia, GetMediaForFragmentList and GetClip write
//! the media to a file with the AWS CLI; the sandbox's terminal has no form of them.)

use super::ops::API_NAMES;
use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const NAME: Opt = Opt::optional("--stream-name", "StreamName", Kind::Str);
const ARN: Opt = Opt::optional("--stream-arn", "StreamARN", Kind::Str);
const VERSION: Opt = Opt::required("--current-version", "CurrentVersion", Kind::Str);
const DEVICE: Opt = Opt::optional("--device-name", "DeviceName", Kind::Str);
const MEDIA_TYPE: Opt = Opt::optional("--media-type", "MediaType", Kind::Str);
const CHANNEL_ARN: Opt = Opt::required("--channel-arn", "ChannelARN", Kind::Str);
const SINGLE_MASTER: Opt = Opt::optional(
    "--single-master-configuration",
    "SingleMasterConfiguration",
    Kind::Struct(&[("MessageTtlSeconds", Kind::Int)]),
);

/// Every `aws kinesisvideo` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-signaling-channel",
        operation: "CreateSignalingChannel",
        summary:
            "Creates a WebRTC signaling channel (SINGLE_MASTER: one master, up to 10 viewers).",
        opts: &[
            Opt::required("--channel-name", "ChannelName", Kind::Str),
            Opt::one_of(
                "--channel-type",
                "ChannelType",
                &["SINGLE_MASTER", "FULL_MESH"],
                false,
            ),
            SINGLE_MASTER,
            Opt::optional(
                "--tags",
                "Tags",
                Kind::StructList(&[("Key", Kind::Str), ("Value", Kind::Str)]),
            ),
        ],
    },
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
        name: "delete-signaling-channel",
        operation: "DeleteSignalingChannel",
        summary: "Deletes a signaling channel.",
        opts: &[
            CHANNEL_ARN,
            Opt::optional("--current-version", "CurrentVersion", Kind::Str),
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
        name: "describe-image-generation-configuration",
        operation: "DescribeImageGenerationConfiguration",
        summary: "Shows a stream's image generation: status, destination, interval, format.",
        opts: &[NAME, ARN],
    },
    Command {
        name: "describe-signaling-channel",
        operation: "DescribeSignalingChannel",
        summary: "Describes a signaling channel: type, status, message TTL, version.",
        opts: &[
            Opt::optional("--channel-name", "ChannelName", Kind::Str),
            Opt::optional("--channel-arn", "ChannelARN", Kind::Str),
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
        name: "get-signaling-channel-endpoint",
        operation: "GetSignalingChannelEndpoint",
        summary: "Gives a channel's WSS (signaling) and HTTPS (ICE servers) endpoints for a role.",
        opts: &[
            CHANNEL_ARN,
            Opt::optional(
                "--single-master-channel-endpoint-configuration",
                "SingleMasterChannelEndpointConfiguration",
                Kind::Struct(&[("Protocols", Kind::StrList), ("Role", Kind::Str)]),
            ),
        ],
    },
    Command {
        name: "list-signaling-channels",
        operation: "ListSignalingChannels",
        summary: "Lists the signaling channels, optionally those whose name begins with a prefix.",
        opts: &[
            Opt::optional("--max-results", "MaxResults", Kind::Int),
            Opt::optional("--next-token", "NextToken", Kind::Str),
            Opt::optional(
                "--channel-name-condition",
                "ChannelNameCondition",
                Kind::Struct(&[
                    ("ComparisonOperator", Kind::Str),
                    ("ComparisonValue", Kind::Str),
                ]),
            ),
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
        name: "update-image-generation-configuration",
        operation: "UpdateImageGenerationConfiguration",
        summary: "Turns image generation to S3 on or off (without the option: deletes it).",
        opts: &[
            NAME,
            ARN,
            Opt::optional(
                "--image-generation-configuration",
                "ImageGenerationConfiguration",
                Kind::Struct(&[
                    ("Status", Kind::Str),
                    ("ImageSelectorType", Kind::Str),
                    (
                        "DestinationConfig",
                        Kind::Struct(&[("Uri", Kind::Str), ("DestinationRegion", Kind::Str)]),
                    ),
                    ("SamplingInterval", Kind::Int),
                    ("Format", Kind::Str),
                    ("FormatConfig", Kind::Map),
                    ("WidthPixels", Kind::Int),
                    ("HeightPixels", Kind::Int),
                ]),
            ),
        ],
    },
    Command {
        name: "update-signaling-channel",
        operation: "UpdateSignalingChannel",
        summary: "Changes a signaling channel's message TTL.",
        opts: &[CHANNEL_ARN, VERSION, SINGLE_MASTER],
    },
    Command {
        name: "update-stream",
        operation: "UpdateStream",
        summary: "Changes a stream's device name or media type.",
        opts: &[NAME, ARN, VERSION, DEVICE, MEDIA_TYPE],
    },
];

const PLAYBACK_MODE: Opt = Opt::one_of(
    "--playback-mode",
    "PlaybackMode",
    &["LIVE", "LIVE_REPLAY", "ON_DEMAND"],
    false,
);
/// An HLS or DASH fragment selector: its type and a range whose ends are both optional.
const SESSION_SELECTOR: Kind = Kind::Struct(&[
    ("FragmentSelectorType", Kind::Str),
    (
        "TimestampRange",
        Kind::Struct(&[("StartTimestamp", Kind::Time), ("EndTimestamp", Kind::Time)]),
    ),
]);

/// The `aws kinesis-video-archived-media` commands the terminal knows.
pub const ARCHIVED_MEDIA_COMMANDS: &[Command] = &[
    Command {
        name: "get-dash-streaming-session-url",
        operation: "GetDASHStreamingSessionURL",
        summary: "Opens a DASH session (H.264/H.265, retention above 0) and gives its URL.",
        opts: &[
            NAME,
            ARN,
            PLAYBACK_MODE,
            Opt::optional(
                "--dash-fragment-selector",
                "DASHFragmentSelector",
                SESSION_SELECTOR,
            ),
            Opt::one_of(
                "--display-fragment-timestamp",
                "DisplayFragmentTimestamp",
                &["ALWAYS", "NEVER"],
                false,
            ),
            Opt::one_of(
                "--display-fragment-number",
                "DisplayFragmentNumber",
                &["ALWAYS", "NEVER"],
                false,
            ),
            Opt::optional("--expires", "Expires", Kind::Int),
            Opt::optional(
                "--max-manifest-fragment-results",
                "MaxManifestFragmentResults",
                Kind::Int,
            ),
        ],
    },
    Command {
        name: "get-hls-streaming-session-url",
        operation: "GetHLSStreamingSessionURL",
        summary: "Opens an HLS session (H.264/H.265, retention above 0) and gives its URL.",
        opts: &[
            NAME,
            ARN,
            PLAYBACK_MODE,
            Opt::optional(
                "--hls-fragment-selector",
                "HLSFragmentSelector",
                SESSION_SELECTOR,
            ),
            Opt::one_of(
                "--container-format",
                "ContainerFormat",
                &["FRAGMENTED_MP4", "MPEG_TS"],
                false,
            ),
            Opt::one_of(
                "--discontinuity-mode",
                "DiscontinuityMode",
                &["ALWAYS", "NEVER", "ON_DISCONTINUITY"],
                false,
            ),
            Opt::one_of(
                "--display-fragment-timestamp",
                "DisplayFragmentTimestamp",
                &["ALWAYS", "NEVER"],
                false,
            ),
            Opt::optional("--expires", "Expires", Kind::Int),
            Opt::optional(
                "--max-media-playlist-fragment-results",
                "MaxMediaPlaylistFragmentResults",
                Kind::Int,
            ),
        ],
    },
    Command {
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
                        Kind::Struct(&[
                            ("StartTimestamp", Kind::Time),
                            ("EndTimestamp", Kind::Time),
                        ]),
                    ),
                ]),
            ),
        ],
    },
];
