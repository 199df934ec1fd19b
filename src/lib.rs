//! Kinesis Sandbox: Amazon Kinesis Data Streams and Amazon Data Firehose, simulated in the
//! browser.
//!
//! [`engine`] is the simulated AWS account (pure Rust, deterministic, no I/O). The browser
//! side — [`ui`] (Yew pages) and [`host`] (ticker, storage, downloads) — exists only when
//! compiled for `wasm32`.

pub mod analysis;
pub mod cli;
pub mod embed;
pub mod engine;
pub mod forms;
pub mod labs;
pub mod pipeline;
pub mod quiz;
pub mod save_chunks;
pub mod save_parts;
pub mod split;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod ui;
