//! The console's forms as pure data: what the learner typed, the actions that change it, what
//! is derived from it (validation, defaults) and the AWS request it builds. No browser crate
//! here, so all of it is tested natively; the pages under `ui::pages` draw these forms and
//! send their requests through `SandboxHandle::call`.

pub mod generator;
