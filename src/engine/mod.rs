//! The engine: a simulated AWS account in pure Rust.
//!
//! No browser crate, no real clock and no unseeded randomness may appear under this module;
//! the host drives it through [`Sandbox::call`] and [`Sandbox::advance`].

pub mod body;
mod clock;
pub mod cloudwatch;
pub mod context;
pub mod endpoints;
mod error;
pub mod events;
pub mod extension;
pub mod firehose;
pub mod generator;
pub mod glue;
pub mod iam;
pub mod lambda;
pub mod opensearch;
pub mod redshift;
pub mod registry;
mod rng;
pub mod s3;
mod sandbox;
pub mod splunk;
pub mod state;
pub mod streams;
mod validation;
pub mod video;

pub use clock::SimTime;
pub use error::{ApiError, ErrorKind};
pub use events::{Caller, Event, EventLog};
pub use rng::SandboxRng;
pub use sandbox::{is_known_target, is_read_only, Sandbox, SandboxConfig, SERVICES};
pub use validation::{is_name, is_name_char, Validation};
