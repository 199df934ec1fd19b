//! Browser glue: preparing the page, the panic panel, localStorage, files, the wall clock, the
//! ticker loop, and embedding in a course page.
//!
//! Everything here may touch the browser; nothing here decides what AWS would do (that is the
//! engine's job), and nothing here knows the pages: `host` never imports the UI module
//! (`main.rs` mounts the app; the ticker takes what a tick does as callbacks).

pub mod embed;
pub mod extensions;
pub mod files;
pub mod idb;
pub mod lambda_runtime;
pub mod panic;
pub mod storage;
pub mod ticker;
pub mod video_frames;

use crate::engine::{SandboxConfig, SimTime};

/// Prepares the page for the app: the panic panel, the embed flag. The boot message stays
/// until [`started`].
/// Returns the element to mount the app in (`<main id="app">`), if the page has one; otherwise
/// the app goes in `<body>`. Call [`started`] once the app is mounted.
pub fn start() -> Option<web_sys::Element> {
    panic::install();
    // Read the embed flag before the learner can navigate away from the URL that carries it.
    embed::embed_mode();
    gloo::utils::document().get_element_by_id("app")
}

/// What follows the app's first render: the boot message gone, the height watcher of embed
/// mode.
pub fn started() {
    if let Some(boot) = gloo::utils::document().get_element_by_id("boot") {
        boot.remove();
    }
    embed::watch_height();
}

/// The prefix the URL parser puts before a hash route's path: none, except in a file opened
/// from a Windows drive (`file:///C:/…`), where `#/streams` resolves to the path `/C:/streams`.
/// The router gets it as its basename so that routes still match there.
pub fn route_basename() -> Option<String> {
    let root = web_sys::Url::new_with_base("/", &embed::href())
        .ok()?
        .pathname();
    let prefix = root.trim_end_matches('/');
    (!prefix.is_empty()).then(|| prefix.to_string())
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
