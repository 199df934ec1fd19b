//! The `aws logs` commands: their AWS CLI v2 names, options and the API fields they fill
//! (CloudWatch Logs' fields are camelCase; times are epoch milliseconds).

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const GROUP: Opt = Opt::required("--log-group-name", "logGroupName", Kind::Str);
const STREAM: Opt = Opt::required("--log-stream-name", "logStreamName", Kind::Str);
const FILTER_NAME: Opt = Opt::required("--filter-name", "filterName", Kind::Str);
const LIMIT: Opt = Opt::optional("--limit", "limit", Kind::Int);
const NEXT_TOKEN: Opt = Opt::optional("--next-token", "nextToken", Kind::Str);

const LOG_EVENTS: Kind = Kind::StructList(&[("timestamp", Kind::Int), ("message", Kind::Str)]);

/// Every `aws logs` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-log-group",
        operation: "CreateLogGroup",
        summary: "Creates a log group.",
        opts: &[GROUP],
    },
    Command {
        name: "create-log-stream",
        operation: "CreateLogStream",
        summary: "Creates a log stream in a log group.",
        opts: &[GROUP, STREAM],
    },
    Command {
        name: "delete-subscription-filter",
        operation: "DeleteSubscriptionFilter",
        summary: "Deletes a log group's subscription filter.",
        opts: &[GROUP, FILTER_NAME],
    },
    Command {
        name: "describe-log-groups",
        operation: "DescribeLogGroups",
        summary: "Lists the log groups, optionally those whose names start with a prefix.",
        opts: &[
            Opt::optional("--log-group-name-prefix", "logGroupNamePrefix", Kind::Str),
            LIMIT,
            NEXT_TOKEN,
        ],
    },
    Command {
        name: "describe-log-streams",
        operation: "DescribeLogStreams",
        summary: "Lists a log group's log streams.",
        opts: &[
            GROUP,
            Opt::optional("--log-stream-name-prefix", "logStreamNamePrefix", Kind::Str),
            LIMIT,
            NEXT_TOKEN,
        ],
    },
    Command {
        name: "describe-subscription-filters",
        operation: "DescribeSubscriptionFilters",
        summary: "Lists a log group's subscription filters.",
        opts: &[
            GROUP,
            Opt::optional("--filter-name-prefix", "filterNamePrefix", Kind::Str),
        ],
    },
    Command {
        name: "filter-log-events",
        operation: "FilterLogEvents",
        summary: "Searches a log group's events for the terms of a filter pattern.",
        opts: &[
            GROUP,
            Opt::optional("--filter-pattern", "filterPattern", Kind::Str),
            Opt::optional("--log-stream-names", "logStreamNames", Kind::StrList),
            Opt::optional("--start-time", "startTime", Kind::Int),
            Opt::optional("--end-time", "endTime", Kind::Int),
            LIMIT,
            NEXT_TOKEN,
        ],
    },
    Command {
        name: "get-log-events",
        operation: "GetLogEvents",
        summary: "Reads a log stream's events.",
        opts: &[
            GROUP,
            STREAM,
            Opt::optional("--start-from-head", "startFromHead", Kind::Bool),
            LIMIT,
            NEXT_TOKEN,
        ],
    },
    Command {
        name: "put-log-events",
        operation: "PutLogEvents",
        summary: "Writes events to a log stream (timestamp in epoch milliseconds, message).",
        opts: &[
            GROUP,
            STREAM,
            Opt::required("--log-events", "logEvents", LOG_EVENTS),
        ],
    },
    Command {
        name: "put-subscription-filter",
        operation: "PutSubscriptionFilter",
        summary: "Sends a log group's matching events to a Firehose stream or a Kinesis data stream, gzip'd, through a role CloudWatch Logs assumes.",
        opts: &[
            GROUP,
            FILTER_NAME,
            Opt::required("--filter-pattern", "filterPattern", Kind::Str),
            Opt::required("--destination-arn", "destinationArn", Kind::Str),
            Opt::optional("--role-arn", "roleArn", Kind::Str),
            Opt::one_of(
                "--distribution",
                "distribution",
                &["ByLogStream", "Random"],
                false,
            ),
        ],
    },
];
