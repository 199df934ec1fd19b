//! The sandbox's autosave (IndexedDB, or localStorage where IndexedDB is unavailable), and
//! the small texts other parts keep there (lab and quiz
//! progress, the generator's templates). Nothing outside `host` touches the browser's storage.

use super::idb;
use crate::engine::state::{self, LoadError};
use crate::engine::Sandbox;
use crate::save_parts;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::IdbDatabase;

/// The localStorage key of the saved sandbox.
pub const SAVE_KEY: &str = "kinesis-sandbox:state";
/// Where an unreadable save is moved so that it is never silently lost.
pub const UNREADABLE_KEY: &str = "kinesis-sandbox:unreadable-save";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// What the page found at start.
pub enum Restored {
    /// Nothing saved: a first visit.
    Nothing,
    /// A sandbox and its settings.
    Saved(Box<Sandbox>, Value),
    /// Something that can't be read; it was set aside (the text says where).
    Unreadable(LoadError, String),
}

/// Reads the save left in localStorage (by a previous release, or by the page when IndexedDB
/// is unavailable), setting an unreadable one aside under [`UNREADABLE_KEY`].
pub fn restore_local() -> Restored {
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
            Restored::Unreadable(
                error,
                format!("in this browser's storage under \"{UNREADABLE_KEY}\""),
            )
        }
    }
}

/// Marks the save for removal at the next start (the panic panel's reset, which reloads at
/// once and can't wait for IndexedDB).
const RESET_KEY: &str = "kinesis-sandbox:reset";
/// The IndexedDB key of the save's head; sections are under `sandbox/<name>`.
const HEAD: &str = "head";
/// Where an unreadable IndexedDB save is set aside.
const UNREADABLE_IDB_KEY: &str = "unreadable";
/// Sections longer than this are stored gzipped.
const GZIP_ABOVE: usize = 64 * 1024;

fn section_key(name: &str) -> String {
    format!("sandbox/{name}")
}

thread_local! {
    /// The open database, once [`restore`] opened it; `None` means saves go to localStorage.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// Each section's digest as last handed to IndexedDB.
    static WRITTEN: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
    /// A write is under way.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Why the last write failed, until the next save reports it.
    static FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Bytes used and allowed, from the last `navigator.storage.estimate()`.
    static USAGE: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
    /// Whether the browser agreed to keep this site's storage (`persist()`).
    static PERSISTED: Cell<bool> = const { Cell::new(false) };
    /// What the last save measured: milliseconds spent preparing it, and bytes written.
    static LAST_SAVE: Cell<(f64, usize)> = const { Cell::new((0.0, 0)) };
}

fn gunzip(bytes: &[u8]) -> Option<String> {
    use std::io::Read as _;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

fn gzip(text: &str) -> Vec<u8> {
    use std::io::Write as _;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(text.as_bytes())
        .and_then(|_| gz.finish())
        .expect("gzip into memory does not fail")
}

fn to_text(stored: Option<idb::Stored>) -> Option<String> {
    match stored? {
        idb::Stored::Text(text) => Some(text),
        idb::Stored::Bytes(bytes) => gunzip(&bytes),
    }
}

/// Reads the sandbox's save at start: from IndexedDB, or a save an earlier release left in
/// localStorage (copied into IndexedDB, and removed from localStorage only once the copy is
/// written). Without IndexedDB (some private modes, blocked frames) it reads localStorage
/// and saves go there, as before. Also asks for persistent storage.
pub async fn restore() -> Restored {
    let db = match idb::open().await {
        Ok(db) => db,
        Err(_) => return restore_local(),
    };
    // Another tab that wants to upgrade or delete the database gets it.
    let on_version_change = {
        let db = db.clone();
        Closure::<dyn FnMut()>::new(move || db.close())
    };
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    wasm_bindgen_futures::spawn_local(async {
        let granted = idb::persist().await;
        PERSISTED.with(|p| p.set(granted));
        refresh_estimate().await;
    });

    if local_storage()
        .and_then(|s| s.get_item(RESET_KEY).ok().flatten())
        .is_some()
    {
        let _ = idb::write(&db, &[], &[HEAD.to_string()]).await;
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(RESET_KEY);
            let _ = storage.remove_item(SAVE_KEY);
        }
        return Restored::Nothing;
    }
    // A save in localStorage is newer than IndexedDB's: it is removed once copied.
    match restore_local() {
        Restored::Saved(sandbox, settings) => {
            WRITTEN.with(|w| w.borrow_mut().clear());
            if write_now(&db, &sandbox, &settings).await.is_ok() {
                if let Some(storage) = local_storage() {
                    let _ = storage.remove_item(SAVE_KEY);
                }
            }
            return Restored::Saved(sandbox, settings);
        }
        unreadable @ Restored::Unreadable(..) => return unreadable,
        Restored::Nothing => {}
    }
    let head = match idb::get_all(&db, &[HEAD.to_string()]).await {
        Ok(mut values) => to_text(values.pop().flatten()),
        Err(_) => None,
    };
    let Some(head) = head else {
        return Restored::Nothing;
    };
    let names = save_parts::section_names(&head).unwrap_or_default();
    let keys: Vec<String> = names.iter().map(|n| section_key(n)).collect();
    let mut texts: Vec<Option<String>> = match idb::get_all(&db, &keys).await {
        Ok(values) => values.into_iter().map(to_text).collect(),
        Err(_) => vec![None; keys.len()],
    };
    // Digests first: the texts then move into the document, never copied (a long session's
    // save is hundreds of megabytes).
    let digests: Vec<Option<u64>> = texts
        .iter()
        .map(|t| t.as_deref().map(save_parts::digest))
        .collect();
    let joined = save_parts::join(&head, |name| {
        let i = names.iter().position(|n| n == name)?;
        texts[i].take()
    });
    drop(texts);
    let loaded = match &joined {
        Ok(doc) => state::load(doc),
        Err(error) => Err(error.clone()),
    };
    match loaded {
        Ok((sandbox, settings)) => {
            drop(joined);
            WRITTEN.with(|w| {
                let mut w = w.borrow_mut();
                w.clear();
                for (name, digest) in names.iter().zip(&digests) {
                    if let Some(digest) = digest {
                        w.insert(name.clone(), *digest);
                    }
                }
            });
            Restored::Saved(Box::new(sandbox), settings)
        }
        Err(error) => {
            let kept = joined.unwrap_or(head);
            let _ = idb::write(
                &db,
                &[(UNREADABLE_IDB_KEY.to_string(), idb::Stored::Text(kept))],
                &[HEAD.to_string()],
            )
            .await;
            Restored::Unreadable(
                error,
                format!(
                    "in this site's IndexedDB (database \"kinesis-sandbox\", key \
                     \"{UNREADABLE_IDB_KEY}\")"
                ),
            )
        }
    }
}

/// The puts and deletes that bring IndexedDB up to `parts`: the sections that changed since
/// the last write, the head, and the removal of sections that are gone.
fn changes(parts: &save_parts::Parts) -> (Vec<(String, idb::Stored)>, Vec<String>) {
    WRITTEN.with(|w| {
        let mut w = w.borrow_mut();
        let mut puts = Vec::new();
        for (name, text) in &parts.sections {
            let digest = save_parts::digest(text);
            if w.get(name) != Some(&digest) {
                w.insert(name.clone(), digest);
                let value = if text.len() > GZIP_ABOVE {
                    idb::Stored::Bytes(gzip(text))
                } else {
                    idb::Stored::Text(text.clone())
                };
                puts.push((section_key(name), value));
            }
        }
        let gone: Vec<String> = w
            .keys()
            .filter(|k| !parts.sections.iter().any(|(n, _)| n == *k))
            .cloned()
            .collect();
        for name in &gone {
            w.remove(name);
        }
        puts.push((HEAD.to_string(), idb::Stored::Text(parts.head.clone())));
        (puts, gone.iter().map(|n| section_key(n)).collect())
    })
}

fn stored_bytes(puts: &[(String, idb::Stored)]) -> usize {
    puts.iter()
        .map(|(_, v)| match v {
            idb::Stored::Text(t) => t.len(),
            idb::Stored::Bytes(b) => b.len(),
        })
        .sum()
}

/// Writes what changed since the last write in one transaction; waits for it.
async fn write_now(db: &IdbDatabase, sandbox: &Sandbox, settings: &Value) -> Result<(), String> {
    let started = super::wall_clock_millis();
    let (puts, deletes) = changes(&save_parts::split(sandbox, settings));
    LAST_SAVE.with(|l| l.set((super::wall_clock_millis() - started, stored_bytes(&puts))));
    let outcome = idb::write(db, &puts, &deletes).await;
    if outcome.is_err() {
        // Nothing of that transaction was written: the next save writes every section.
        WRITTEN.with(|w| w.borrow_mut().clear());
    }
    outcome
}

async fn refresh_estimate() {
    if let Some(usage) = idb::estimate().await {
        USAGE.with(|u| u.set(Some(usage)));
    }
}

/// The sentence for a write IndexedDB refused.
fn refusal(name: &str) -> String {
    if name == "QuotaExceededError" {
        "The browser's storage for this site is full, so your latest changes are not saved yet \
         (the previous save is kept whole). Free some space: delete S3 objects you no longer \
         need (the sandbox menu can delete the oldest), or export the sandbox and reset it."
            .to_string()
    } else {
        format!("The browser refused to save the sandbox ({name}). Your previous save is kept.")
    }
}

/// Saves the sandbox and settings: to IndexedDB once [`restore`] opened it, otherwise to
/// localStorage. The IndexedDB write finishes in the background; `Ok(false)` means an earlier
/// write is still under way, so nothing was done this time. Returns a sentence for the
/// learner if the browser refused (storage full or disabled); a refused IndexedDB write is
/// reported by the next call.
pub fn save(sandbox: &Sandbox, settings: &Value) -> Result<bool, String> {
    let Some(db) = DB.with(|d| d.borrow().clone()) else {
        return save_local(sandbox, settings).map(|()| true);
    };
    if let Some(problem) = FAILED.with(|f| f.borrow_mut().take()) {
        return Err(problem);
    }
    if BUSY.with(|b| b.get()) {
        return Ok(false);
    }
    BUSY.with(|b| b.set(true));
    // Split now, so the write holds the sandbox as it is at this moment.
    let started = super::wall_clock_millis();
    let (puts, deletes) = changes(&save_parts::split(sandbox, settings));
    LAST_SAVE.with(|l| l.set((super::wall_clock_millis() - started, stored_bytes(&puts))));
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(name) = idb::write(&db, &puts, &deletes).await {
            WRITTEN.with(|w| w.borrow_mut().clear());
            FAILED.with(|f| *f.borrow_mut() = Some(refusal(&name)));
        }
        BUSY.with(|b| b.set(false));
        refresh_estimate().await;
    });
    Ok(true)
}

/// When the page is hidden (closed, reloaded, sent to the background): an IndexedDB write may
/// not finish before the page is gone, so the save is also written to localStorage at once,
/// if it fits. The next start prefers that copy (it is the newest), moves it into IndexedDB
/// and removes it. If it does not fit, no older copy is left there to win over IndexedDB.
pub fn save_on_hide(sandbox: &Sandbox, settings: &Value) {
    if !in_indexed_db() {
        return;
    }
    if save_local(sandbox, settings).is_err() {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(SAVE_KEY);
        }
    }
}

fn save_local(sandbox: &Sandbox, settings: &Value) -> Result<(), String> {
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

/// Saves to IndexedDB (opening it first if [`restore`] has not) and waits for the write:
/// returns the bytes handed to the store (only the sections that changed). For measurements
/// and tests; the page saves through [`save`].
pub async fn save_and_wait(sandbox: &Sandbox, settings: &Value) -> Result<usize, String> {
    let db = match DB.with(|d| d.borrow().clone()) {
        Some(db) => db,
        None => {
            let db = idb::open().await?;
            DB.with(|d| *d.borrow_mut() = Some(db.clone()));
            db
        }
    };
    write_now(&db, sandbox, settings).await?;
    refresh_estimate().await;
    Ok(last_save().1)
}

/// Bytes this site uses and may use, as the browser last estimated them.
pub fn usage() -> Option<(f64, f64)> {
    USAGE.with(|u| u.get())
}

/// Whether the browser agreed to keep this site's storage when space runs short.
pub fn persisted() -> bool {
    PERSISTED.with(|p| p.get())
}

/// Whether saves go to IndexedDB.
pub fn in_indexed_db() -> bool {
    DB.with(|d| d.borrow().is_some())
}

/// The last save's preparation time (ms of real time) and the bytes it handed to the store.
pub fn last_save() -> (f64, usize) {
    LAST_SAVE.with(|l| l.get())
}

/// Whether less than a fifth of the allowed space is left: time to free some, before a save
/// is refused.
pub fn space_running_short() -> bool {
    matches!(usage(), Some((used, quota)) if quota > 0.0 && used > 0.8 * quota)
}

/// Forgets the saved sandbox: at once in localStorage, and in IndexedDB at the next start.
pub fn clear_saved_sandbox() {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(SAVE_KEY);
        let _ = storage.set_item(RESET_KEY, "1");
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
