//! Browser glue: starting the app, the panic panel, localStorage, files, the clock source.
//!
//! Everything here may touch the browser; nothing here decides what AWS would do (that is the
//! engine's job).

pub mod files;
pub mod panic;
pub mod storage;

use crate::engine::{SandboxConfig, SimTime};

/// Starts Kinesis Sandbox in the page's `<main id="app">` (or `<body>`).
pub fn start() {
    panic::install();
    let document = gloo::utils::document();
    if let Some(boot) = document.get_element_by_id("boot") {
        boot.remove();
    }
    match document.get_element_by_id("app") {
        Some(root) => yew::Renderer::<crate::ui::App>::with_root(root).render(),
        None => yew::Renderer::<crate::ui::App>::new().render(),
    };
}

/// Real time in milliseconds since the epoch: only the host reads a clock.
pub fn wall_clock_millis() -> f64 {
    js_sys::Date::now()
}

/// A config for a brand-new sandbox: a random seed, and the current real time (to the second)
/// as its start, so object keys and dates look like today.
pub fn fresh_config() -> SandboxConfig {
    let mut bytes = [0u8; 8];
    // A seed only has to differ between learners; if the browser can't give one, 0 will do.
    let _ = getrandom::fill(&mut bytes);
    let now_ms = (wall_clock_millis() as i64).div_euclid(1000) * 1000;
    SandboxConfig {
        seed: u64::from_le_bytes(bytes),
        start_time: SimTime::from_millis(now_ms),
        ..SandboxConfig::default()
    }
}
