//! The sandbox's save in parts, for a store that holds many values (the page's IndexedDB):
//! a small head (format, version, the host's settings, the list of sections) and one text per
//! top-level section of the sandbox (`streams`, `s3`, `firehose`, …). A store writes only the
//! sections whose text changed since its last write, so an S3 bucket full of objects is not
//! rewritten every second because the clock moved.
//!
//! [`join`] puts the parts back into the document [`state::save`] writes, so loading goes
//! through [`state::parse`] and its migrations like any other save. In IndexedDB the sections
//! hold stubs where records and object bodies were: those are saved apart, in chunks, by
//! [`crate::save_chunks`], which also decides which sections to write.

use crate::engine::{state, Sandbox};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

/// A sandbox and its settings, in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// `{"format", "version", "settings", "sections": [names]}`.
    pub head: String,
    /// Each section's name and its JSON text.
    pub sections: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
struct Head<'a> {
    format: &'a str,
    version: u32,
    #[serde(borrow)]
    settings: &'a RawValue,
    sections: Vec<String>,
}

/// Splits the sandbox into its head and sections.
pub fn split(sandbox: &Sandbox, settings: &Value) -> Parts {
    let text = serde_json::to_string(sandbox).expect("a sandbox always serialises");
    let map: BTreeMap<String, &RawValue> =
        serde_json::from_str(&text).expect("a sandbox serialises as a JSON object");
    let settings = serde_json::to_string(settings).expect("settings serialise");
    let settings: &RawValue = serde_json::from_str(&settings).expect("settings are JSON");
    let head = serde_json::to_string(&Head {
        format: state::FORMAT,
        version: state::VERSION,
        settings,
        sections: map.keys().cloned().collect(),
    })
    .expect("a head always serialises");
    Parts {
        head,
        sections: map
            .into_iter()
            .map(|(name, raw)| (name, raw.get().to_string()))
            .collect(),
    }
}

/// The section names a head lists, or why it can't be read (the sentence the page shows).
pub fn section_names(head: &str) -> Result<Vec<String>, state::LoadError> {
    let head: Head =
        serde_json::from_str(head).map_err(|e| state::LoadError::Corrupt(e.to_string()))?;
    if head.format != state::FORMAT {
        return Err(state::LoadError::NotASave);
    }
    Ok(head.sections)
}

/// The one document a head and its sections make, as [`state::save`] writes it; `section`
/// gives a section's text by name. A section that is missing is an error, never skipped.
pub fn join(
    head: &str,
    mut section: impl FnMut(&str) -> Option<String>,
) -> Result<String, state::LoadError> {
    let parsed: Head =
        serde_json::from_str(head).map_err(|e| state::LoadError::Corrupt(e.to_string()))?;
    if parsed.format != state::FORMAT {
        return Err(state::LoadError::NotASave);
    }
    let mut out = String::new();
    out.push_str(&format!(
        "{{\"format\":{},\"version\":{},\"sandbox\":{{",
        serde_json::to_string(parsed.format).expect("a string serialises"),
        parsed.version
    ));
    for (i, name) in parsed.sections.iter().enumerate() {
        let text = section(name).ok_or_else(|| {
            state::LoadError::Corrupt(format!("the saved section \"{name}\" is missing"))
        })?;
        if i > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(name).expect("a string serialises"));
        out.push(':');
        out.push_str(&text);
    }
    out.push_str("},\"settings\":");
    out.push_str(parsed.settings.get());
    out.push('}');
    Ok(out)
}

/// A fingerprint of a section's text, to tell whether it changed since the last write.
pub fn digest(text: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SandboxConfig;

    #[test]
    fn parts_join_back_into_a_save_that_loads() {
        let mut sandbox = Sandbox::new(SandboxConfig::default());
        sandbox
            .call(
                "S3.CreateBucket",
                serde_json::json!({"Bucket": "lab-bucket"}),
            )
            .unwrap();
        let settings = serde_json::json!({"speed": "2x"});
        let parts = split(&sandbox, &settings);
        assert!(parts.sections.len() > 1, "{:?}", section_names(&parts.head));
        let doc = join(&parts.head, |name| {
            parts
                .sections
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, t)| t.clone())
        })
        .unwrap();
        let (loaded, loaded_settings) = state::load(&doc).unwrap();
        assert_eq!(loaded_settings, settings);
        assert_eq!(
            state::save(&loaded, &settings),
            state::save(&sandbox, &settings)
        );
    }

    #[test]
    fn a_missing_section_is_an_error() {
        let sandbox = Sandbox::new(SandboxConfig::default());
        let parts = split(&sandbox, &Value::Null);
        let err = join(&parts.head, |_| None).unwrap_err();
        assert!(matches!(err, state::LoadError::Corrupt(_)), "{err}");
    }

    #[test]
    fn digests_tell_texts_apart() {
        assert_eq!(digest("abc"), digest("abc"));
        assert_ne!(digest("abc"), digest("abd"));
    }
}
