//! What every service's AWS CLI commands share: the option vocabulary (each service's command
//! table lives with the service, under `engine/<service>/cli.rs`) and the global options.

pub use crate::engine::registry::{CliCommand as Command, CliService, Kind, Opt};

/// Options every command takes.
pub const GLOBAL_OPTIONS: &[&str] = &[
    "--cli-binary-format",
    "--output",
    "--region",
    "--profile",
    "--no-cli-pager",
    "--debug",
];

/// The command `name` of a service.
pub fn find(service: &CliService, name: &str) -> Option<&'static Command> {
    service.commands.iter().find(|c| c.name == name)
}
