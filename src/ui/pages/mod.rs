//! One module per console page.

pub mod events;
pub mod generator;
pub mod home;
pub mod not_found;
pub mod quiz;
pub mod stream_create;
pub mod stream_details;
pub mod streams;
