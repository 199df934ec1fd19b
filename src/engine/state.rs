//! Saved sandboxes: versioned JSON that survives reloads, exports and imports.

use super::Sandbox;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// Names a file as ours.
pub const FORMAT: &str = "kinesis-sandbox";
/// The layout of the saved state. Bump it when the layout changes in a way old saves can't
/// be read with.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct SavedRef<'a> {
    format: &'static str,
    version: u32,
    sandbox: &'a Sandbox,
    settings: &'a Value,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    version: Option<u64>,
    /// `gzip-base64` when the document is packed by [`save_packed`].
    encoding: Option<String>,
    data: Option<String>,
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
    let value: Value = serde_json::from_str(text).map_err(|e| LoadError::NotJson(e.to_string()))?;
    let header: Header = serde_json::from_value(value.clone()).map_err(|_| LoadError::NotASave)?;
    if header.format.as_deref() != Some(FORMAT) {
        return Err(LoadError::NotASave);
    }
    match header.version {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => return Err(LoadError::UnknownVersion(v)),
        None => return Err(LoadError::NotASave),
    }
    match (header.encoding.as_deref(), header.data) {
        (None, _) => {}
        (Some(PACKED), Some(data)) => {
            return load(&unpack(&data)?);
        }
        (Some(other), _) => {
            return Err(LoadError::Corrupt(format!("unknown encoding {other}")));
        }
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
            LoadError::UnknownVersion(99).to_string(),
            "The saved sandbox has format version 99, and this page reads version 1."
        );
    }
}
