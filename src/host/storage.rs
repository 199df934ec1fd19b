//! The sandbox's autosave (IndexedDB, or localStorage where IndexedDB is unavailable), and
//! the small texts other parts keep there (lab and quiz
//! progress, the generator's templates). Nothing outside `host` touches the browser's storage.

use super::idb::{self, Stored};
use crate::engine::state::{self, LoadError};
use crate::engine::Sandbox;
use crate::save_chunks::{self, Loading, Written};
use crate::save_parts;
use serde_json::Value;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
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
/// Where an unreadable IndexedDB save's document is set aside.
const UNREADABLE_IDB_KEY: &str = "unreadable";
/// The keys of the values an unreadable save kept apart (its chunks and bodies), set aside
/// with it: no later save removes them.
const UNREADABLE_PARTS_KEY: &str = "unreadable-parts";

thread_local! {
    /// The open database, once [`restore`] opened it; `None` means saves go to localStorage.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
    /// What IndexedDB holds, as handed to it.
    static WRITTEN: RefCell<Written> = RefCell::new(Written::new());
    /// The sandbox was replaced since the last save ([`sandbox_replaced`]).
    static REPLACED: Cell<bool> = const { Cell::new(false) };
    /// A write is under way.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Why the last write failed, until the next save reports it.
    static FAILED: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Bytes used and allowed, from the last `navigator.storage.estimate()`.
    static USAGE: Cell<Option<(f64, f64)>> = const { Cell::new(None) };
    /// Of those, the bytes in IndexedDB (the saves), where the browser says.
    static IN_IDB: Cell<Option<f64>> = const { Cell::new(None) };
    /// Whether the browser agreed to keep this site's storage (`persist()`).
    static PERSISTED: Cell<bool> = const { Cell::new(false) };
    /// What the last save measured: milliseconds spent preparing it, and bytes written.
    static LAST_SAVE: Cell<(f64, usize)> = const { Cell::new((0.0, 0)) };
}

/// The sandbox was replaced as a whole (Undo, an import, a reset, a lab's start): its records
/// may differ from what earlier saves wrote under the same keys, so the next save rewrites
/// every chunk and body it keeps (sections are compared by their text anyway).
pub fn sandbox_replaced() {
    REPLACED.with(|r| r.set(true));
}

/// The keys set aside with an unreadable save.
async fn set_aside_parts(db: &IdbDatabase) -> BTreeSet<String> {
    let stored = idb::get_all(db, &[UNREADABLE_PARTS_KEY.to_string()])
        .await
        .ok()
        .and_then(|mut v| v.pop().flatten());
    match stored {
        Some(Stored::Text(text)) => serde_json::from_str(&text).unwrap_or_default(),
        _ => BTreeSet::new(),
    }
}

/// Starts [`WRITTEN`] from what the store holds: `written` (what a save read back
/// describes), and every other value of a save, for the next save to remove — except those
/// set aside with an unreadable save.
async fn take_stock(db: &IdbDatabase, mut written: Written) {
    let kept = set_aside_parts(db).await;
    if let Ok(keys) = idb::keys(db).await {
        written.adopt_strays(keys.into_iter().filter(|k| !kept.contains(k)));
    }
    WRITTEN.with(|w| *w.borrow_mut() = written);
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
    REPLACED.with(|r| r.set(false));
    wasm_bindgen_futures::spawn_local(async {
        let granted = idb::persist().await;
        PERSISTED.with(|p| p.set(granted));
        refresh_estimate().await;
    });

    if local_storage()
        .and_then(|s| s.get_item(RESET_KEY).ok().flatten())
        .is_some()
    {
        // The next save removes every value of the old one.
        let _ = idb::write(&db, &[], &[save_chunks::HEAD.to_string()]).await;
        take_stock(&db, Written::new()).await;
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(RESET_KEY);
            let _ = storage.remove_item(SAVE_KEY);
        }
        return Restored::Nothing;
    }
    // A save in localStorage is newer than IndexedDB's: it is removed once copied, and the
    // copy's write removes what IndexedDB held of the older one.
    match restore_local() {
        Restored::Saved(sandbox, settings) => {
            take_stock(&db, Written::new()).await;
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
    let head = match idb::get_all(&db, &[save_chunks::HEAD.to_string()]).await {
        Ok(mut values) => values.pop().flatten().and_then(save_chunks::section_text),
        Err(_) => None,
    };
    let Some(head) = head else {
        take_stock(&db, Written::new()).await;
        return Restored::Nothing;
    };
    let loaded = match read_save(&db, &head).await {
        Ok(loaded) => Ok(loaded),
        Err((error, doc)) => Err((error, doc.unwrap_or(head))),
    };
    match loaded {
        Ok((sandbox, settings, written)) => {
            take_stock(&db, written).await;
            Restored::Saved(Box::new(sandbox), settings)
        }
        Err((error, kept)) => {
            // Set aside with every value of a save that the store holds, so none is removed.
            let mut parts = set_aside_parts(&db).await;
            parts.extend(
                idb::keys(&db)
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|k| {
                        k.starts_with("sandbox/")
                            || k.starts_with("records/")
                            || k.starts_with("s3/")
                    }),
            );
            let parts = serde_json::to_string(&parts).unwrap_or_default();
            let _ = idb::write(
                &db,
                &[
                    (UNREADABLE_IDB_KEY.to_string(), Stored::Text(kept)),
                    (UNREADABLE_PARTS_KEY.to_string(), Stored::Text(parts)),
                ],
                &[save_chunks::HEAD.to_string()],
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

/// Reads the save under `head`: its sections, then the chunks and bodies they name. On error,
/// the document as far as it was read, to set aside.
async fn read_save(
    db: &IdbDatabase,
    head: &str,
) -> Result<(Sandbox, Value, Written), (LoadError, Option<String>)> {
    let names = save_parts::section_names(head).map_err(|e| (e, None))?;
    let keys: Vec<String> = names.iter().map(|n| save_chunks::section_key(n)).collect();
    let mut texts: Vec<Option<String>> = match idb::get_all(db, &keys).await {
        Ok(values) => values
            .into_iter()
            .map(|v| v.and_then(save_chunks::section_text))
            .collect(),
        Err(_) => vec![None; keys.len()],
    };
    // The texts move into the document, never copied (a save from before records were kept
    // apart may be hundreds of megabytes).
    let mut digests = Vec::new();
    let doc = save_parts::join(head, |name| {
        let i = names.iter().position(|n| n == name)?;
        let text = texts[i].take()?;
        digests.push((name.to_string(), save_parts::digest(&text)));
        Some(text)
    })
    .map_err(|e| (e, None))?;
    drop(texts);
    let loading = match Loading::parse(&doc, digests) {
        Ok(loading) => loading,
        Err(e) => return Err((e, Some(doc))),
    };
    let keys = loading.keys();
    let values = if keys.is_empty() {
        Vec::new()
    } else {
        match idb::get_all(db, &keys).await {
            Ok(values) => values,
            Err(_) => vec![None; keys.len()],
        }
    };
    loading.finish(values).map_err(|e| (e, Some(doc)))
}

/// Writes what changed since the last write in one transaction; waits for it.
async fn write_now(db: &IdbDatabase, sandbox: &Sandbox, settings: &Value) -> Result<(), String> {
    let (plan, before) = plan_save(sandbox, settings);
    let outcome = idb::write(db, &plan.puts, &plan.deletes).await;
    if outcome.is_err() {
        // Nothing of that transaction was written.
        WRITTEN.with(|w| *w.borrow_mut() = before);
    }
    outcome
}

/// Works out the next save and takes its outcome as written; also returns what the store
/// holds until the write succeeds, to go back to if it fails.
fn plan_save(sandbox: &Sandbox, settings: &Value) -> (save_chunks::Plan, Written) {
    let started = super::wall_clock_millis();
    let mut before = WRITTEN.with(|w| std::mem::take(&mut *w.borrow_mut()));
    if REPLACED.with(|r| r.replace(false)) {
        before.distrust();
    }
    let mut plan = save_chunks::plan(sandbox, settings, &before);
    WRITTEN.with(|w| *w.borrow_mut() = std::mem::take(&mut plan.written));
    LAST_SAVE.with(|l| l.set((super::wall_clock_millis() - started, plan.bytes())));
    (plan, before)
}

async fn refresh_estimate() {
    if let Some((used, quota, in_idb)) = idb::estimate().await {
        USAGE.with(|u| u.set(Some((used, quota))));
        IN_IDB.with(|u| u.set(in_idb));
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
    // Planned now, so the write holds the sandbox as it is at this moment.
    let (plan, before) = plan_save(sandbox, settings);
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(name) = idb::write(&db, &plan.puts, &plan.deletes).await {
            WRITTEN.with(|w| *w.borrow_mut() = before);
            FAILED.with(|f| *f.borrow_mut() = Some(refusal(&name)));
        }
        BUSY.with(|b| b.set(false));
        refresh_estimate().await;
    });
    Ok(true)
}

/// Bytes of records and object bodies past which the sandbox is not copied to localStorage on
/// hide: packed, it would not fit there (browsers allow about 5 MB), and building it as one
/// text would take hundreds of megabytes of memory.
const LOCAL_COPY_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// When the page is hidden (closed, reloaded, sent to the background): an IndexedDB write may
/// not finish before the page is gone, so the save is also written to localStorage at once,
/// if it fits. The next start prefers that copy (it is the newest), moves it into IndexedDB
/// and removes it. If it does not fit, no older copy is left there to win over IndexedDB.
pub fn save_on_hide(sandbox: &Sandbox, settings: &Value) {
    if !in_indexed_db() {
        return;
    }
    let s3 = sandbox.s3();
    let bodies: u64 = s3
        .bucket_names()
        .filter_map(|b| s3.bucket(b))
        .flat_map(|b| b.objects.values())
        .filter(|o| o.body.is_some())
        .map(|o| o.size)
        .sum();
    let big = sandbox.streams.stored_bytes() + bodies > LOCAL_COPY_MAX_BYTES;
    if big || save_local(sandbox, settings).is_err() {
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
/// returns the bytes handed to the store (only what changed). For measurements and tests; the
/// page saves through [`save`].
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

/// The bytes the saves take in IndexedDB, where the browser breaks its usage down (the rest
/// is the offline copy of the site, which the service worker keeps).
pub fn saved_bytes() -> Option<f64> {
    IN_IDB.with(|u| u.get())
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
