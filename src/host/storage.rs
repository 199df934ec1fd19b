//! localStorage: the sandbox's autosave, and the texts other parts keep there (lab and quiz
//! progress, the generator's templates). Nothing outside `host` touches the browser's storage.

use crate::engine::state::{self, LoadError};
use crate::engine::Sandbox;
use serde_json::Value;

/// The localStorage key of the saved sandbox.
pub const SAVE_KEY: &str = "kinesis-sandbox:state";
/// Where an unreadable save is moved so that it is never silently lost.
pub const UNREADABLE_KEY: &str = "kinesis-sandbox:unreadable-save";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What the page found in localStorage at start.
pub enum Restored {
    /// Nothing saved: a first visit.
    Nothing,
    /// A sandbox and its settings.
    Saved(Box<Sandbox>, Value),
    /// Something that can't be read; it was moved aside to [`UNREADABLE_KEY`].
    Unreadable(LoadError),
}

pub fn restore() -> Restored {
    let Some(storage) = local_storage() else {
        return Restored::Nothing;
    };
    let Ok(Some(text)) = storage.get_item(SAVE_KEY) else {
        return Restored::Nothing;
    };
    match state::load(&text) {
        Ok((sandbox, settings)) => Restored::Saved(Box::new(sandbox), settings),
        Err(error) => {
            let _ = storage.set_item(UNREADABLE_KEY, &text);
            let _ = storage.remove_item(SAVE_KEY);
            Restored::Unreadable(error)
        }
    }
}

/// Saves the sandbox and settings. Returns a sentence for the learner if the browser refused
/// (storage full or disabled).
pub fn save(sandbox: &Sandbox, settings: &Value) -> Result<(), String> {
    let storage = local_storage().ok_or(if super::embed::framed() {
        "This browser blocks storage for pages embedded in another site, so the sandbox can't \
         save here: your work lasts until you leave this page."
    } else {
        "This browser does not allow saving (localStorage is unavailable)."
    })?;
    storage
        .set_item(SAVE_KEY, &state::save_packed(sandbox, settings))
        .map_err(|_| {
            "The browser refused to save the sandbox (its storage may be full).".to_string()
        })
}

pub fn clear_saved_sandbox() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(SAVE_KEY);
    }
}

/// The localStorage key of the learner's lab progress.
pub const LABS_KEY: &str = "kinesis-sandbox:labs";

/// Why a text could not be saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteError {
    /// The browser gives this page no localStorage (disabled, or blocked in a frame).
    Unavailable,
    /// The browser refused the write (its storage may be full).
    Refused,
}

/// Reads a text saved under `key`, if the browser has one.
pub fn load_text(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Saves a text under `key`.
pub fn write_text(key: &str, text: &str) -> Result<(), WriteError> {
    local_storage()
        .ok_or(WriteError::Unavailable)?
        .set_item(key, text)
        .map_err(|_| WriteError::Refused)
}

/// Saves a text under `key`; false if the browser refused.
pub fn save_text(key: &str, text: &str) -> bool {
    write_text(key, text).is_ok()
}

/// Removes what is saved under `key`, if anything.
pub fn remove(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}
