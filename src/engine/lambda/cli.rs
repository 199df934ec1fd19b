//! The `aws lambda` commands: their AWS CLI v2 names, options and the API fields they fill.
//!
//! `--zip-file` takes the package as base64 here (the terminal has no files to read);
//! `invoke` takes its outfile, as the CLI does, and prints the payload instead of writing it there.

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const NAME: Opt = Opt::required("--function-name", "FunctionName", Kind::Str);

/// Every `aws lambda` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-function",
        operation: "CreateFunction",
        summary: "Creates a Node.js function from a deployment package (a ZIP file, base64).",
        opts: &[
            NAME,
            Opt::required("--runtime", "Runtime", Kind::Str),
            Opt::required("--role", "Role", Kind::Str),
            Opt::required("--handler", "Handler", Kind::Str),
            Opt::required("--code", "Code", Kind::Struct(&[("ZipFile", Kind::Str)])),
            Opt::optional("--description", "Description", Kind::Str),
            Opt::optional("--timeout", "Timeout", Kind::Int),
            Opt::optional("--memory-size", "MemorySize", Kind::Int),
        ],
    },
    Command {
        name: "delete-function",
        operation: "DeleteFunction",
        summary: "Deletes a function.",
        opts: &[NAME],
    },
    Command {
        name: "get-function",
        operation: "GetFunction",
        summary: "Shows a function's configuration and where its code is.",
        opts: &[NAME],
    },
    Command {
        name: "get-function-configuration",
        operation: "GetFunctionConfiguration",
        summary: "Shows a function's configuration.",
        opts: &[NAME],
    },
    Command {
        name: "invoke",
        operation: "Invoke",
        summary: "Runs a function with a JSON payload and shows what it returned.",
        opts: &[
            NAME,
            Opt::optional("--payload", "Payload", Kind::Str),
            Opt::optional("--invocation-type", "InvocationType", Kind::Str),
            Opt::optional("--log-type", "LogType", Kind::Str),
            Opt::positional("outfile"),
        ],
    },
    Command {
        name: "list-functions",
        operation: "ListFunctions",
        summary: "Lists the account's functions.",
        opts: &[
            Opt::optional("--max-items", "MaxItems", Kind::Int),
            Opt::optional("--starting-token", "Marker", Kind::Str),
        ],
    },
    Command {
        name: "update-function-code",
        operation: "UpdateFunctionCode",
        summary: "Replaces a function's code with a new deployment package (base64).",
        opts: &[NAME, Opt::required("--zip-file", "ZipFile", Kind::Str)],
    },
    Command {
        name: "update-function-configuration",
        operation: "UpdateFunctionConfiguration",
        summary: "Changes a function's timeout, memory, handler, role or description.",
        opts: &[
            NAME,
            Opt::optional("--timeout", "Timeout", Kind::Int),
            Opt::optional("--memory-size", "MemorySize", Kind::Int),
            Opt::optional("--handler", "Handler", Kind::Str),
            Opt::optional("--role", "Role", Kind::Str),
            Opt::optional("--description", "Description", Kind::Str),
        ],
    },
];
