//! Engine code the site fetches on first use (ARCHITECTURE.md, "What loads when"): the
//! generator's fake-data tables, the ZIP and Snappy codecs, jq, and Parquet and ORC. The
//! engine reaches them only through the tables of functions here.
//!
//! Natively, and in every build without the `split` feature, they are always there. In the
//! split site they are there once the host has fetched and installed them: the engine keeps its
//! clock still while [`Sandbox::missing_extensions`](crate::engine::Sandbox::missing_extensions)
//! names one, so what happens in the simulation never depends on how fast a module arrived.

use crate::engine::firehose::partition::{Keys, PartitionFailure};
use crate::engine::SandboxRng;

/// A piece of engine code that may be fetched on first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Extension {
    /// The data generator's fake names, addresses, lorem ipsum… (the `fake` crate's tables).
    FakeData,
    /// ZIP and Snappy, for Firehose's objects and for opening them in the S3 browser.
    Codecs,
    /// jq, for the partition keys of Firehose's dynamic partitioning.
    Jq,
    /// Record format conversion (Parquet, ORC), and reading such objects in the S3 browser.
    Columnar,
    /// Amazon Redshift's SQL (GlueSQL), for the query editor and the Data API.
    Sql,
}

impl Extension {
    pub const ALL: [Extension; 5] = [
        Extension::FakeData,
        Extension::Codecs,
        Extension::Jq,
        Extension::Columnar,
        Extension::Sql,
    ];

    /// What the page calls it while it is on its way.
    pub fn label(self) -> &'static str {
        match self {
            Extension::FakeData => "the data generator's fake data",
            Extension::Codecs => "ZIP and Snappy",
            Extension::Jq => "jq",
            Extension::Columnar => "Parquet and ORC",
            Extension::Sql => "Amazon Redshift's SQL engine",
        }
    }
}

/// The fake-data helpers, by what they produce (`generator::fake_data`).
pub struct FakeData {
    /// An argument-less helper (`name.firstName`, `internet.email`, …).
    pub simple: fn(crate::engine::generator::helpers::Simple, &mut SandboxRng, &mut String),
    /// `lorem.*`: the kind and its count.
    pub lorem:
        fn(crate::engine::generator::helpers::Lorem, Option<usize>, &mut SandboxRng, &mut String),
}

/// A file of an archive: its name and bytes.
pub type NamedFile = (String, Vec<u8>);

/// ZIP and Snappy, both ways (`firehose::codecs`).
pub struct Codecs {
    /// One entry, named, deflated.
    pub zip: fn(&[u8], &str) -> Vec<u8>,
    /// Snappy's framing format.
    pub snappy: fn(&[u8]) -> Vec<u8>,
    /// Hadoop's Snappy block format.
    pub hadoop_snappy: fn(&[u8]) -> Vec<u8>,
    /// The first entry of a ZIP archive, or why not.
    pub unzip: fn(&[u8]) -> Result<Vec<u8>, String>,
    /// Every file of a ZIP archive with its name (a Lambda deployment package).
    pub unzip_all: fn(&[u8]) -> Result<Vec<NamedFile>, String>,
    pub unsnappy: fn(&[u8]) -> Result<Vec<u8>, String>,
    pub unhadoop_snappy: fn(&[u8]) -> Result<Vec<u8>, String>,
}

/// jq 1.6 (`firehose::partition::jq`). Compiled programs can't cross a table of functions, so
/// each call names its query; the extension compiles a query once and keeps it.
pub struct Jq {
    /// Whether a `MetadataExtractionQuery` compiles, or why not (jq's words).
    pub validate: fn(&str) -> Result<(), String>,
    /// The partition keys a query extracts from one record.
    pub keys: fn(&str, &[u8]) -> Result<Keys, PartitionFailure>,
}

/// Record format conversion and columnar previews (`firehose::convert`).
pub struct Columnar {
    /// A delivery's records to one object with the table's columns, and the records that
    /// failed.
    pub convert: fn(
        &[&[u8]],
        &[crate::engine::glue::Column],
        &crate::engine::firehose::convert::Conversion,
    ) -> crate::engine::firehose::convert::Converted,
    /// A Parquet or ORC object's schema, groups and first rows, or why not.
    pub preview: fn(&[u8]) -> Result<crate::engine::firehose::convert::Preview, String>,
}

/// Amazon Redshift's SQL (`redshift::sql`): every statement but COPY.
pub struct Sql {
    /// Runs one statement on a database; on success the database holds its changes, on
    /// failure Redshift's error.
    pub execute: fn(
        &mut crate::engine::redshift::data::Database,
        &str,
    ) -> Result<crate::engine::redshift::SqlResult, String>,
}

#[cfg(not(all(feature = "split", target_arch = "wasm32")))]
mod present {
    use super::{Codecs, Columnar, FakeData, Jq, Sql};

    pub fn fake_data() -> Option<&'static FakeData> {
        Some(&crate::engine::generator::fake_data::FAKE_DATA)
    }

    pub fn codecs() -> Option<&'static Codecs> {
        Some(&crate::engine::firehose::codecs::CODECS)
    }

    pub fn jq() -> Option<&'static Jq> {
        Some(&crate::engine::firehose::partition::jq::JQ)
    }

    pub fn columnar() -> Option<&'static Columnar> {
        Some(&crate::engine::firehose::convert::COLUMNAR)
    }

    pub fn sql() -> Option<&'static Sql> {
        Some(&crate::engine::redshift::sql::SQL)
    }
}

#[cfg(all(feature = "split", target_arch = "wasm32"))]
mod present {
    use super::{Codecs, Columnar, FakeData, Jq, Sql};
    use std::sync::OnceLock;

    pub static FAKE_DATA: OnceLock<&'static FakeData> = OnceLock::new();
    pub static CODECS: OnceLock<&'static Codecs> = OnceLock::new();
    pub static JQ: OnceLock<&'static Jq> = OnceLock::new();
    pub static COLUMNAR: OnceLock<&'static Columnar> = OnceLock::new();
    pub static SQL: OnceLock<&'static Sql> = OnceLock::new();

    pub fn fake_data() -> Option<&'static FakeData> {
        FAKE_DATA.get().copied()
    }

    pub fn codecs() -> Option<&'static Codecs> {
        CODECS.get().copied()
    }

    pub fn jq() -> Option<&'static Jq> {
        JQ.get().copied()
    }

    pub fn columnar() -> Option<&'static Columnar> {
        COLUMNAR.get().copied()
    }

    pub fn sql() -> Option<&'static Sql> {
        SQL.get().copied()
    }
}

/// The fake-data helpers, if they are there.
pub fn fake_data() -> Option<&'static FakeData> {
    present::fake_data()
}

/// The ZIP and Snappy codecs, if they are there.
pub fn codecs() -> Option<&'static Codecs> {
    present::codecs()
}

/// jq, if it is there.
pub fn jq() -> Option<&'static Jq> {
    present::jq()
}

/// Parquet and ORC, if they are there.
pub fn columnar() -> Option<&'static Columnar> {
    present::columnar()
}

/// Redshift's SQL, if it is there.
pub fn sql() -> Option<&'static Sql> {
    present::sql()
}

/// Whether `extension` is there.
pub fn present(extension: Extension) -> bool {
    match extension {
        Extension::FakeData => fake_data().is_some(),
        Extension::Codecs => codecs().is_some(),
        Extension::Jq => jq().is_some(),
        Extension::Columnar => columnar().is_some(),
        Extension::Sql => sql().is_some(),
    }
}

/// Installs what the host fetched (split builds only; elsewhere everything is always there).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub fn install_fake_data(table: &'static FakeData) {
    let _ = present::FAKE_DATA.set(table);
}

/// Installs what the host fetched (split builds only; elsewhere everything is always there).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub fn install_codecs(table: &'static Codecs) {
    let _ = present::CODECS.set(table);
}

/// Installs what the host fetched (split builds only; elsewhere everything is always there).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub fn install_jq(table: &'static Jq) {
    let _ = present::JQ.set(table);
}

/// Installs what the host fetched (split builds only; elsewhere everything is always there).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub fn install_columnar(table: &'static Columnar) {
    let _ = present::COLUMNAR.set(table);
}

/// Installs what the host fetched (split builds only; elsewhere everything is always there).
#[cfg(all(feature = "split", target_arch = "wasm32"))]
pub fn install_sql(table: &'static Sql) {
    let _ = present::SQL.set(table);
}
