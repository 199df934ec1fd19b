//! Small pieces the pages share.

pub mod api_error;
pub mod chart;
pub mod code_editor;
pub mod confirm;
pub mod lab_panel;
pub mod lazy;
pub mod markdown;
pub mod pipeline;
