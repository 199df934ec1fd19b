//! The `aws opensearch` commands the sandbox has: a domain's life cycle.

use crate::engine::registry::{CliCommand as Command, Kind, Opt};

const DOMAIN: Opt = Opt::required("--domain-name", "DomainName", Kind::Str);

/// Every `aws opensearch` command the terminal knows, in alphabetical order.
pub const COMMANDS: &[Command] = &[
    Command {
        name: "create-domain",
        operation: "CreateDomain",
        summary: "Creates a domain (active after a few simulated minutes).",
        opts: &[
            DOMAIN,
            Opt::optional("--engine-version", "EngineVersion", Kind::Str),
        ],
    },
    Command {
        name: "delete-domain",
        operation: "DeleteDomain",
        summary: "Deletes a domain and every index in it.",
        opts: &[DOMAIN],
    },
    Command {
        name: "describe-domain",
        operation: "DescribeDomain",
        summary: "Describes a domain: its status, engine version and endpoint.",
        opts: &[DOMAIN],
    },
    Command {
        name: "list-domain-names",
        operation: "ListDomainNames",
        summary: "Lists the account's domains.",
        opts: &[Opt::optional("--engine-type", "EngineType", Kind::Str)],
    },
];
