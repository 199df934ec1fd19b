//! Saved sandboxes: versioned JSON that survives reloads, exports and imports.

use super::Sandbox;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Names a file as ours.
pub const FORMAT: &str = "kinesis-sandbox";
/// A migration turns the `sandbox` section of a save of one format version into the next
/// version's.
type Migration = fn(&mut Value) -> Result<(), String>;

/// The format's history: `MIGRATIONS[i]` turns version `i + 1` into version `i + 2`. The
/// engine's own types are the current version's layout. A change they can't read old saves
/// with adds a migration here (which bumps [`VERSION`]) and a fixture written by the release
/// before it to `tests/fixtures/saves/`. A new service needs neither: each service is its own
/// section of the save, and a save without it starts that service empty.
const MIGRATIONS: &[Migration] = &[sandbox_sequence_layout];

/// 1 → 2: shards write sequence numbers in AWS's layout; the shards of an older save keep the
/// layout they had, so every number the learner saw or copied stays valid.
fn sandbox_sequence_layout(sandbox: &mut Value) -> Result<(), String> {
    let streams = match sandbox.pointer_mut("/streams/streams") {
        Some(Value::Object(streams)) => streams,
        Some(_) => return Err("streams: not an object".into()),
        None => return Ok(()),
    };
    for (name, stream) in streams.iter_mut() {
        let shards = stream
            .get_mut("shards")
            .and_then(Value::as_array_mut)
            .ok_or_else(|| format!("stream {name}: no shards"))?;
        for shard in shards {
            let shard = shard
                .as_object_mut()
                .ok_or_else(|| format!("stream {name}: a shard is not an object"))?;
            shard.insert("sequence_layout".into(), Value::from("sandbox"));
        }
    }
    Ok(())
}

/// The version this release writes.
pub const VERSION: u32 = 1 + MIGRATIONS.len() as u32;

#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'static str,
    version: u32,
    sandbox: &'a Sandbox,
    settings: &'a Value,
}

/// Saves larger than this are packed by [`save_packed`].
pub const PACK_ABOVE_BYTES: usize = 256 * 1024;
const PACKED: &str = "gzip-base64";

#[derive(Deserialize)]
struct Saved {
    sandbox: Sandbox,
    #[serde(default)]
    settings: Value,
}

/// Why a save could not be read. Its `Display` is the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The text is not JSON at all.
    NotJson(String),
    /// JSON, but not a Kinesis Sandbox save.
    NotASave,
    /// A save from a version of the page this one can't read.
    UnknownVersion(u64),
    /// Our format and version, but the contents don't fit.
    Corrupt(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(e) => write!(f, "The saved sandbox is not valid JSON ({e})."),
            LoadError::NotASave => f.write_str("The file is not a Kinesis Sandbox save."),
            LoadError::UnknownVersion(v) => write!(
                f,
                "The saved sandbox has format version {v}, and this page reads version {VERSION}."
            ),
            LoadError::Corrupt(e) => write!(f, "The saved sandbox is damaged ({e})."),
        }
    }
}

impl std::error::Error for LoadError {}

/// The sandbox and the host's settings as one JSON document.
pub fn save(sandbox: &Sandbox, settings: &Value) -> String {
    serde_json::to_string(&SavedRef {
        format: FORMAT,
        version: VERSION,
        sandbox,
        settings,
    })
    .expect("a sandbox always serialises")
}

/// Like [`save`], but a large document is gzipped and wrapped as
/// `{"format", "version", "encoding": "gzip-base64", "data"}`: stream records compress well,
/// and the browser's storage holds a few megabytes at most.
pub fn save_packed(sandbox: &Sandbox, settings: &Value) -> String {
    use base64::Engine as _;
    use std::io::Write as _;
    let text = save(sandbox, settings);
    if text.len() <= PACK_ABOVE_BYTES {
        return text;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let packed = gz.write_all(text.as_bytes()).and_then(|_| gz.finish());
    match packed {
        Ok(bytes) => serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "encoding": PACKED,
            "data": base64::engine::general_purpose::STANDARD.encode(bytes),
        })
        .to_string(),
        Err(_) => text,
    }
}

fn unpack(data: &str) -> Result<String, LoadError> {
    use base64::Engine as _;
    use std::io::Read as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| LoadError::Corrupt(format!("packed data is not base64: {e}")))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .map_err(|e| LoadError::Corrupt(format!("packed data does not unzip: {e}")))?;
    Ok(text)
}

/// Reads a document written by [`save`] or [`save_packed`], checking that it is ours and of a
/// version we read.
pub fn load(text: &str) -> Result<(Sandbox, Value), LoadError> {
    parse(text)?.finish(None)
}

/// A save read and brought to the current version, not yet turned into a sandbox: its
/// record logs and object bodies may be kept apart ([`apart`]), to be fetched first.
pub struct Parsed(Value);

impl Parsed {
    /// What the document keeps apart: record logs (their chunks) and object bodies (their
    /// keys), found wherever they sit in the document.
    pub fn apart(&self) -> (Vec<apart::RecordsApart>, Vec<String>) {
        let mut records = Vec::new();
        let mut bodies = Vec::new();
        if let Some(sandbox) = self.0.get("sandbox") {
            apart::find(sandbox, &mut records, &mut bodies);
        }
        (records, bodies)
    }

    /// The sandbox and settings; `source` gives what the document keeps apart.
    pub fn finish(
        self,
        source: Option<Box<dyn apart::Source>>,
    ) -> Result<(Sandbox, Value), LoadError> {
        let saved: Result<Saved, _> = apart::with_source(source, || serde_json::from_value(self.0));
        let saved = saved.map_err(|e| LoadError::Corrupt(e.to_string()))?;
        Ok((saved.sandbox, saved.settings))
    }
}

/// Reads a document as [`load`] does, up to turning it into a sandbox: checks that it is ours
/// and of a version we read, unpacks it and runs the migrations.
pub fn parse(text: &str) -> Result<Parsed, LoadError> {
    let mut value: Value =
        serde_json::from_str(text).map_err(|e| LoadError::NotJson(e.to_string()))?;
    let field = |name: &str| value.get(name);
    if !value.is_object() || field("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(LoadError::NotASave);
    }
    let version = match field("version") {
        Some(v) => v.as_u64().ok_or(LoadError::NotASave)?,
        None => return Err(LoadError::NotASave),
    };
    if version == 0 || version > u64::from(VERSION) {
        return Err(LoadError::UnknownVersion(version));
    }
    // `gzip-base64` when the document is packed by [`save_packed`].
    match field("encoding").map(|e| e.as_str().unwrap_or("")) {
        None => {}
        Some(PACKED) => {
            let data = field("data").and_then(Value::as_str).unwrap_or("");
            return parse(&unpack(data)?);
        }
        Some(other) => {
            return Err(LoadError::Corrupt(format!("unknown encoding {other}")));
        }
    }
    let sandbox = value
        .get_mut("sandbox")
        .ok_or_else(|| LoadError::Corrupt("missing field `sandbox`".into()))?;
    for migrate in &MIGRATIONS[version as usize - 1..] {
        migrate(sandbox).map_err(LoadError::Corrupt)?;
    }
    Ok(Parsed(value))
}

/// Saving the big, append-only data apart from the document: a store that holds many values
/// (the page's IndexedDB, through `crate::save_chunks`) keeps each stream shard's records in
/// chunks and each S3 object body on its own, and the document then holds a stub in their
/// place:
///
/// - a record log: `{"first_counter": F, "$apart": {"key": K, "next": N, "chunks": [S₀, S₁, …]}}`
///   — its records `F..N` are in the values `K/S₀`, `K/S₁`, …, chunk `i` holding the records
///   from counter `Sᵢ` to `Sᵢ₊₁` (the last to `N`); the first may start before `F` (records
///   trimmed since it was written), and a reader skips those;
/// - an object body: `{"$apart": K}`, the body being the value `K`.
///
/// Neither stub is a valid old record log or body, so a page too old to know them refuses the
/// save (and sets it aside) rather than reading it as empty. Migrations see the stubs and
/// carry them as they are; a change to the records' own layout is a new chunk encoding that
/// `save_chunks` reads beside the old one.
///
/// Which logs and bodies go apart is told by address for the length of one serialisation
/// ([`with_saving`]), and what they hold comes back from a [`Source`] while deserialising
/// ([`Parsed::finish`]). Outside those calls both types save and load whole, as they always
/// have.
pub mod apart {
    use serde::{Deserialize, Serialize};
    use serde_json::Value;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// The marker key of a stub.
    pub const MARK: &str = "$apart";

    /// Where a record log's records are kept.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct RecordsApart {
        /// The chunks' key prefix: chunk `S` is under `{key}/{S}`.
        pub key: String,
        /// The counter after the last record.
        pub next: u64,
        /// Each chunk's first counter, ascending.
        pub chunks: Vec<u64>,
    }

    /// What goes apart in one save: record logs and object bodies by their address.
    #[derive(Debug, Default)]
    pub struct SaveApart {
        pub records: HashMap<usize, RecordsApart>,
        pub bodies: HashMap<usize, String>,
    }

    /// Takes one record: its arrival (ms), partition key, data, and whether it is encrypted.
    pub type Push<'a> = dyn FnMut(i64, &str, &[u8], bool) + 'a;

    /// Gives back what a save kept apart, while the document is deserialised.
    pub trait Source {
        /// Hands the records `first..apart.next` of a log to `push`, in order.
        fn records(
            &mut self,
            apart: &RecordsApart,
            first: u64,
            push: &mut Push<'_>,
        ) -> Result<(), String>;
        /// The body kept under `key`.
        fn body(&mut self, key: &str) -> Result<Vec<u8>, String>;
    }

    thread_local! {
        static SAVING: RefCell<Option<SaveApart>> = const { RefCell::new(None) };
        static LOADING: RefCell<Option<Box<dyn Source>>> = RefCell::new(None);
    }

    /// Runs `f` (a serialisation) with the logs and bodies of `apart` written as stubs.
    pub fn with_saving<R>(apart: SaveApart, f: impl FnOnce() -> R) -> R {
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                SAVING.with(|s| s.borrow_mut().take());
            }
        }
        SAVING.with(|s| *s.borrow_mut() = Some(apart));
        let _reset = Reset;
        f()
    }

    /// Runs `f` (a deserialisation) with `source` answering for the stubs it meets.
    pub(super) fn with_source<R>(source: Option<Box<dyn Source>>, f: impl FnOnce() -> R) -> R {
        struct Reset;
        impl Drop for Reset {
            fn drop(&mut self) {
                LOADING.with(|s| s.borrow_mut().take());
            }
        }
        LOADING.with(|s| *s.borrow_mut() = source);
        let _reset = Reset;
        f()
    }

    /// The stub for the record log at `address`, if this save keeps it apart.
    pub(crate) fn records_stub(address: usize) -> Option<RecordsApart> {
        SAVING.with(|s| s.borrow().as_ref()?.records.get(&address).cloned())
    }

    /// The key for the body at `address`, if this save keeps it apart.
    pub(crate) fn body_stub(address: usize) -> Option<String> {
        SAVING.with(|s| s.borrow().as_ref()?.bodies.get(&address).cloned())
    }

    const NO_SOURCE: &str = "a part saved apart is not available";

    /// Fetches a log's records from the loading source.
    pub(crate) fn fill_records(
        apart: &RecordsApart,
        first: u64,
        push: &mut Push<'_>,
    ) -> Result<(), String> {
        LOADING.with(|s| match s.borrow_mut().as_mut() {
            Some(source) => source.records(apart, first, push),
            None => Err(NO_SOURCE.to_string()),
        })
    }

    /// Fetches a body from the loading source.
    pub(crate) fn fill_body(key: &str) -> Result<Vec<u8>, String> {
        LOADING.with(|s| match s.borrow_mut().as_mut() {
            Some(source) => source.body(key),
            None => Err(NO_SOURCE.to_string()),
        })
    }

    /// Collects the stubs in `value`, wherever they are.
    pub(super) fn find(value: &Value, records: &mut Vec<RecordsApart>, bodies: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                match map.get(MARK) {
                    Some(Value::String(key)) if map.len() == 1 => bodies.push(key.clone()),
                    Some(stub @ Value::Object(_)) => {
                        if let Ok(r) = RecordsApart::deserialize(stub) {
                            records.push(r);
                        }
                    }
                    _ => {}
                }
                for v in map.values() {
                    find(v, records, bodies);
                }
            }
            Value::Array(items) => {
                for v in items {
                    find(v, records, bodies);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SandboxConfig;
    use serde_json::json;
    use std::time::Duration;

    #[test]
    fn large_saves_are_packed_and_read_back() {
        let mut sb = Sandbox::default();
        sb.call(
            "Kinesis_20131202.CreateStream",
            json!({"StreamName": "s", "ShardCount": 1}),
        )
        .unwrap();
        sb.advance(Duration::from_secs(10));
        for i in 0..40 {
            let records: Vec<Value> = (0..500)
                .map(|j| json!({"Data": "eyJzZW5zb3JJZCI6IDEyfQo=", "PartitionKey": format!("k{i}-{j}")}))
                .collect();
            sb.call(
                "Kinesis_20131202.PutRecords",
                json!({"StreamName": "s", "Records": records}),
            )
            .unwrap();
            sb.advance(Duration::from_secs(1));
        }
        let plain = save(&sb, &json!({"speed": "Paused"}));
        let packed = save_packed(&sb, &json!({"speed": "Paused"}));
        assert!(plain.len() > PACK_ABOVE_BYTES);
        assert!(
            packed.len() * 4 < plain.len(),
            "{} vs {}",
            packed.len(),
            plain.len()
        );
        let (back, settings) = load(&packed).unwrap();
        assert_eq!(save(&back, &settings), plain);
        let small = Sandbox::default();
        assert_eq!(save_packed(&small, &json!({})), save(&small, &json!({})));
        let bad = json!({"format": FORMAT, "version": VERSION, "encoding": PACKED, "data": "!!"})
            .to_string();
        assert!(matches!(load(&bad), Err(LoadError::Corrupt(_))));
    }

    #[test]
    fn round_trip_keeps_clock_rng_and_settings() {
        let mut sb = Sandbox::new(SandboxConfig {
            seed: 5,
            ..Default::default()
        });
        sb.advance(Duration::from_secs(42));
        sb.call("Kinesis_20131202.ListStreams", json!({})).unwrap();
        let text = save(&sb, &json!({"speed": 10}));
        let (mut back, settings) = load(&text).unwrap();
        assert_eq!(back.now(), sb.now());
        assert_eq!(back.rng().next_u64(), sb.rng().next_u64());
        assert_eq!(back.events().total(), 1);
        assert_eq!(settings, json!({"speed": 10}));
    }

    #[test]
    fn rejects_what_is_not_ours() {
        assert!(matches!(load("{not json"), Err(LoadError::NotJson(_))));
        assert_eq!(load("[1,2]").unwrap_err(), LoadError::NotASave);
        assert_eq!(
            load(r#"{"format":"other","version":1}"#).unwrap_err(),
            LoadError::NotASave
        );
        assert_eq!(
            load(r#"{"format":"kinesis-sandbox","version":99,"sandbox":{}}"#).unwrap_err(),
            LoadError::UnknownVersion(99)
        );
        assert!(matches!(
            load(r#"{"format":"kinesis-sandbox","version":1,"sandbox":{"now":"x"}}"#),
            Err(LoadError::Corrupt(_))
        ));
        assert_eq!(
            load(r#"{"format":"kinesis-sandbox","version":0,"sandbox":{}}"#).unwrap_err(),
            LoadError::UnknownVersion(0)
        );
        assert_eq!(
            load(r#"{"format":"kinesis-sandbox","version":"1","sandbox":{}}"#).unwrap_err(),
            LoadError::NotASave
        );
        assert!(matches!(
            load(r#"{"format":"kinesis-sandbox","version":1}"#),
            Err(LoadError::Corrupt(_))
        ));
        assert_eq!(
            LoadError::UnknownVersion(99).to_string(),
            "The saved sandbox has format version 99, and this page reads version 2."
        );
    }
}
