//! The service registry: what each service of the account answers, how, and what it does
//! when time passes. A service describes itself once, as a [`Service`] in its own folder;
//! the `services!` list in `sandbox.rs` adds it to the account. Dispatch, known-target and
//! read-only checks, the tick order, the event log's resource names and the AWS CLI's
//! commands are all read from these tables.

use super::body::Body;
use super::{ApiError, Sandbox};
use serde_json::Value;
use std::fmt;

/// Whether an operation only reads the account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Describe, List, Get, Head and Simulate operations: a lab goal may call them.
    ReadOnly,
    /// Everything else, including reads that use up a limit or move an iterator (GetRecords).
    Changes,
}

/// An operation's implementation: the request body, already known to be a JSON object.
pub type Handler = fn(&mut Sandbox, Body<'_>) -> Result<Value, ApiError>;

/// One operation of a service.
#[derive(Clone, Copy)]
pub struct Operation {
    /// AWS's operation name, e.g. `PutRecords`.
    pub name: &'static str,
    pub access: Access,
    pub handler: Handler,
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Operation")
            .field("name", &self.name)
            .field("access", &self.access)
            .finish()
    }
}

/// An operation that changes the account (or uses up a limit).
pub const fn changes(name: &'static str, handler: Handler) -> Operation {
    Operation {
        name,
        access: Access::Changes,
        handler,
    }
}

/// An operation that only reads.
pub const fn reads(name: &'static str, handler: Handler) -> Operation {
    Operation {
        name,
        access: Access::ReadOnly,
        handler,
    }
}

/// One service as the account sees it.
#[derive(Debug)]
pub struct Service {
    /// The `X-Amz-Target` prefix (`Kinesis_20131202`), or boto3's service name for services
    /// without a JSON protocol (`S3`, `IAM`).
    pub prefix: &'static str,
    pub operations: &'static [Operation],
    /// Request fields that name the resource a call is about, for the event log.
    pub resource_fields: &'static [&'static str],
    /// What the service does each simulated second (finishing changes, sending, delivering).
    pub on_time_passed: Option<fn(&mut Sandbox)>,
    /// The service's `aws <command> …` in the AWS CLI panel, if it has one.
    pub cli: Option<CliService>,
}

impl Service {
    pub fn operation(&self, name: &str) -> Option<&'static Operation> {
        self.operations.iter().find(|op| op.name == name)
    }

    /// The target of one of this service's operations (the registry's tests check that every
    /// target the engine names is registered).
    pub const fn target(&self, operation: &'static str) -> Target {
        Target {
            prefix: self.prefix,
            operation,
        }
    }
}

/// The AWS CLI's view of a service: `aws <name> <command> …`.
#[derive(Debug, Clone, Copy)]
pub struct CliService {
    /// The CLI's command for the service, e.g. `kinesis`.
    pub name: &'static str,
    pub commands: &'static [CliCommand],
}

/// How a CLI option's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Str,
    /// An integer.
    Int,
    /// `--flag` / `--no-flag`.
    Bool,
    /// A blob: base64 text, or raw text with `--cli-binary-format raw-in-base64-out`.
    Blob,
    /// ISO 8601 or epoch seconds; sent as epoch seconds.
    Time,
    /// One or more strings.
    StrList,
    /// `Key=Value,Key2=Value2` or a JSON object of strings.
    Map,
    /// `Name=value,…` shorthand or JSON, with the fields given.
    Struct(&'static [(&'static str, Kind)]),
    /// PutRecords' `--records`: shorthand items or a JSON list.
    Records,
    /// A list of structures with the fields given: shorthand items (`timestamp=1,message=a
    /// timestamp=2,message=b`) or a JSON list.
    StructList(&'static [(&'static str, Kind)]),
}

/// One option of a CLI command.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    pub flag: &'static str,
    pub field: &'static str,
    pub kind: Kind,
    pub required: bool,
    /// Values offered by completion (enums).
    pub values: &'static [&'static str],
}

impl Opt {
    /// An optional option.
    pub const fn optional(flag: &'static str, field: &'static str, kind: Kind) -> Opt {
        Opt {
            flag,
            field,
            kind,
            required: false,
            values: &[],
        }
    }

    /// A required option.
    pub const fn required(flag: &'static str, field: &'static str, kind: Kind) -> Opt {
        Opt {
            required: true,
            ..Opt::optional(flag, field, kind)
        }
    }

    /// A positional argument, e.g. `lambda invoke`'s `outfile`: required, not sent to the API.
    pub const fn positional(name: &'static str) -> Opt {
        Opt {
            required: true,
            ..Opt::optional(name, "", Kind::Str)
        }
    }

    /// Whether this is a positional argument (no leading dashes).
    pub fn is_positional(&self) -> bool {
        !self.flag.starts_with("--")
    }

    /// A string option that takes one of `values` (offered by completion).
    pub const fn one_of(
        flag: &'static str,
        field: &'static str,
        values: &'static [&'static str],
        required: bool,
    ) -> Opt {
        Opt {
            required,
            values,
            ..Opt::optional(flag, field, Kind::Str)
        }
    }
}

/// One CLI command: its name (`put-record`), the operation it calls and its options.
#[derive(Debug, Clone, Copy)]
pub struct CliCommand {
    pub name: &'static str,
    pub operation: &'static str,
    pub summary: &'static str,
    pub opts: &'static [Opt],
}

/// An operation by service and name: what an internal caller names instead of writing
/// `"Kinesis_20131202.GetRecords"` by hand. Its `Display` is the `X-Amz-Target`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    pub prefix: &'static str,
    pub operation: &'static str,
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.prefix, self.operation)
    }
}

/// The registered service with this target prefix.
pub fn service(prefix: &str) -> Option<&'static Service> {
    super::sandbox::SERVICES
        .iter()
        .copied()
        .find(|s| s.prefix == prefix)
}

/// The operation `target` (`Kinesis_20131202.ListStreams`) names, if one is registered.
pub fn operation(target: &str) -> Option<(&'static Service, &'static Operation)> {
    let (prefix, name) = target.split_once('.')?;
    let service = service(prefix)?;
    Some((service, service.operation(name)?))
}

/// Every registered service, in tick order.
pub fn services() -> impl Iterator<Item = &'static Service> {
    super::sandbox::SERVICES.iter().copied()
}

/// The service the AWS CLI calls `aws <name>`.
pub fn cli_service(name: &str) -> Option<(&'static Service, &'static CliService)> {
    services().find_map(|s| s.cli.as_ref().filter(|c| c.name == name).map(|c| (s, c)))
}
