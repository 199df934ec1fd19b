//! The `aws s3api` commands for buckets and objects: their AWS CLI v2 names, options and the
//! API fields they fill. (Object bodies go to files in the AWS CLI, which the terminal has not:
//! open an object in the S3 console page to read it.)

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const BUCKET: Opt = Opt::required("--bucket", "Bucket", Kind::Str);
const KEY: Opt = Opt::required("--key", "Key", Kind::Str);

/// Every `aws s3api` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-bucket",
        operation: "CreateBucket",
        summary: "Creates a bucket.",
        opts: &[BUCKET],
    },
    Command {
        name: "delete-object",
        operation: "DeleteObject",
        summary: "Deletes an object.",
        opts: &[BUCKET, KEY],
    },
    Command {
        name: "head-object",
        operation: "HeadObject",
        summary: "Shows an object's metadata: size, type, encoding, last modified.",
        opts: &[BUCKET, KEY],
    },
    Command {
        name: "list-buckets",
        operation: "ListBuckets",
        summary: "Lists the buckets.",
        opts: &[],
    },
    Command {
        name: "list-objects-v2",
        operation: "ListObjectsV2",
        summary: "Lists a bucket's objects, optionally under a prefix or grouped by a delimiter.",
        opts: &[
            BUCKET,
            Opt::optional("--prefix", "Prefix", Kind::Str),
            Opt::optional("--delimiter", "Delimiter", Kind::Str),
            Opt::optional("--max-keys", "MaxKeys", Kind::Int),
            Opt::optional("--continuation-token", "ContinuationToken", Kind::Str),
            Opt::optional("--start-after", "StartAfter", Kind::Str),
        ],
    },
];
