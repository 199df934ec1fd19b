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
const MIGRATIONS: &[Migration] = &[];

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
            return load(&unpack(data)?);
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
    let saved: Saved =
        serde_json::from_value(value).map_err(|e| LoadError::Corrupt(e.to_string()))?;
    Ok((saved.sandbox, saved.settings))
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
            "The saved sandbox has format version 99, and this page reads version 1."
        );
    }
}
