//! One module per console page.

pub mod events;
pub mod home;
pub mod not_found;
pub mod streams;
