//! IndexedDB through plain `web-sys` bindings: one database (`kinesis-sandbox`), one object
//! store (`save`) of texts and byte arrays under string keys (what they hold:
//! `crate::save_chunks`), read and written in whole transactions. A transaction that fails (the storage is full) changes nothing, so the
//! previous save stays whole.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB_NAME: &str = "kinesis-sandbox";
const DB_VERSION: u32 = 1;
const STORE: &str = "save";

/// A value kept under a key: a text, or bytes (a gzipped section, a chunk of records, a body).
pub use crate::save_chunks::Stored;

fn to_js(value: &Stored) -> JsValue {
    match value {
        Stored::Text(text) => JsValue::from_str(text),
        Stored::Bytes(bytes) => Uint8Array::from(bytes.as_slice()).into(),
    }
}

fn from_js(value: JsValue) -> Option<Stored> {
    if let Some(text) = value.as_string() {
        return Some(Stored::Text(text));
    }
    value
        .dyn_into::<Uint8Array>()
        .ok()
        .map(|bytes| Stored::Bytes(bytes.to_vec()))
}

/// Why IndexedDB failed, as the browser named it (`QuotaExceededError`, …).
fn error_name(value: &JsValue) -> String {
    if let Some(e) = value.dyn_ref::<web_sys::DomException>() {
        return e.name();
    }
    value.as_string().unwrap_or_else(|| format!("{value:?}"))
}

async fn finish(request: &IdbRequest) -> Result<JsValue, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(|e| error_name(&e)),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map(|e| e.name())
            .unwrap_or_else(|| "UnknownError".into())),
    }
}

async fn complete(tx: &IdbTransaction) -> Result<(), String> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx
            .error()
            .map(|e| e.name())
            .unwrap_or_else(|| "AbortError".into())),
    }
}

/// Opens (and on first use creates) the database.
pub async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(|e| error_name(&e))?
        .ok_or("this browser has no IndexedDB")?;
    let request = factory
        .open_with_u32(DB_NAME, DB_VERSION)
        .map_err(|e| error_name(&e))?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let Some(target) = event.target() else { return };
        let Ok(db) = target.unchecked_into::<IdbRequest>().result() else {
            return;
        };
        let db: IdbDatabase = db.unchecked_into();
        if !db.object_store_names().contains(STORE) {
            let _ = db.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db = finish(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    Ok(db?.unchecked_into())
}

/// The values under `keys`, in order (`None` where nothing is stored), read in one transaction.
pub async fn get_all(db: &IdbDatabase, keys: &[String]) -> Result<Vec<Option<Stored>>, String> {
    let tx = db.transaction_with_str(STORE).map_err(|e| error_name(&e))?;
    let store = tx.object_store(STORE).map_err(|e| error_name(&e))?;
    let requests = keys
        .iter()
        .map(|key| {
            store
                .get(&JsValue::from_str(key))
                .map_err(|e| error_name(&e))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::with_capacity(requests.len());
    for request in &requests {
        out.push(from_js(finish(request).await?));
    }
    Ok(out)
}

/// Every key in the store.
pub async fn keys(db: &IdbDatabase) -> Result<Vec<String>, String> {
    let tx = db.transaction_with_str(STORE).map_err(|e| error_name(&e))?;
    let store = tx.object_store(STORE).map_err(|e| error_name(&e))?;
    let request = store.get_all_keys().map_err(|e| error_name(&e))?;
    let keys: Array = finish(&request).await?.unchecked_into();
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// Writes `puts` and removes `deletes` in one transaction: all of it, or (on error) none.
pub async fn write(
    db: &IdbDatabase,
    puts: &[(String, Stored)],
    deletes: &[String],
) -> Result<(), String> {
    let names = Array::of1(&JsValue::from_str(STORE));
    let tx = db
        .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
        .map_err(|e| error_name(&e))?;
    let store = tx.object_store(STORE).map_err(|e| error_name(&e))?;
    for (key, value) in puts {
        store
            .put_with_key(&to_js(value), &JsValue::from_str(key))
            .map_err(|e| error_name(&e))?;
    }
    for key in deletes {
        store
            .delete(&JsValue::from_str(key))
            .map_err(|e| error_name(&e))?;
    }
    complete(&tx).await
}

/// Asks the browser to keep this site's storage under pressure (`navigator.storage.persist()`);
/// true if it agreed.
pub async fn persist() -> bool {
    let Some(manager) = storage_manager() else {
        return false;
    };
    let Ok(promise) = manager.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// How many bytes this site stores and may store (`navigator.storage.estimate()`).
pub async fn estimate() -> Option<(f64, f64, Option<f64>)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    // Chromium breaks the usage down: IndexedDB apart from the offline copy of the site.
    let in_idb = js_sys::Reflect::get(&estimate, &JsValue::from_str("usageDetails"))
        .ok()
        .filter(|d| d.is_object())
        .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("indexedDB")).ok())
        .and_then(|v| v.as_f64());
    Some((estimate.get_usage()?, estimate.get_quota()?, in_idb))
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers and some frames have no `navigator.storage`.
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("storage")).unwrap_or(false);
    has.then(|| navigator.storage())
}
