//! The wizard's "Amazon OpenSearch Service" destination (step 3, as in the console): the
//! domain (one of the account's), the index, index rotation, type, retry duration, S3 backup
//! mode and document ids. Pure state, its rules and the
//! `AmazonopensearchserviceDestinationConfiguration` it asks for.

use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenSearchForm {
    /// The destination chosen is "Amazon OpenSearch Service".
    pub enabled: bool,
    /// The domain's name, chosen from the account's domains.
    pub domain: String,
    pub index: String,
    /// `IndexRotationPeriod`: NoRotation, OneHour, OneDay (the default), OneWeek, OneMonth.
    pub rotation: String,
    pub type_name: String,
    /// "Retry duration" in seconds, as typed.
    pub retry_s: String,
    /// "Backup mode": All data (else Failed data only).
    pub all_documents: bool,
    /// Document ID: OpenSearch generated (else Firehose default).
    pub no_document_id: bool,
}

impl Default for OpenSearchForm {
    fn default() -> Self {
        Self {
            enabled: false,
            domain: String::new(),
            index: String::new(),
            rotation: "OneDay".into(),
            type_name: String::new(),
            retry_s: "300".into(),
            all_documents: false,
            no_document_id: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenSearchAction {
    Enabled(bool),
    Domain(String),
    Index(String),
    Rotation(String),
    TypeName(String),
    Retry(String),
    AllDocuments(bool),
    NoDocumentId(bool),
}

/// The largest buffer an OpenSearch destination takes (MiB).
pub const MAX_SIZE_MB: i64 = 100;

/// The rotation choices, as the console words them.
pub const ROTATIONS: &[(&str, &str)] = &[
    ("NoRotation", "No rotation"),
    ("OneHour", "Every hour"),
    ("OneDay", "Every day"),
    ("OneWeek", "Every week"),
    ("OneMonth", "Every month"),
];

impl OpenSearchForm {
    pub fn apply(&mut self, action: OpenSearchAction) {
        match action {
            OpenSearchAction::Enabled(on) => self.enabled = on,
            OpenSearchAction::Domain(v) => self.domain = v,
            OpenSearchAction::Index(v) => self.index = v,
            OpenSearchAction::Rotation(v) => self.rotation = v,
            OpenSearchAction::TypeName(v) => self.type_name = v,
            OpenSearchAction::Retry(v) => self.retry_s = v,
            OpenSearchAction::AllDocuments(on) => self.all_documents = on,
            OpenSearchAction::NoDocumentId(on) => self.no_document_id = on,
        }
    }

    /// Why the destination step can't be left yet, given the record processing chosen.
    pub fn check(&self, transform: bool, convert: bool, partitioning: bool) -> Result<(), String> {
        if !self.enabled {
            return Ok(());
        }
        if self.domain.trim().is_empty() {
            return Err(
                "Choose an OpenSearch domain (create one on the Amazon OpenSearch Service page)."
                    .into(),
            );
        }
        let index = self.index.trim();
        if index.is_empty() || index.chars().count() > 80 {
            return Err("Enter the index name: 1–80 characters.".into());
        }
        if !crate::engine::opensearch::valid_index_name(index) {
            return Err("The index name must be lower case, without spaces or \\ / * ? \" < > | , # :, and must not start with _, - or +.".into());
        }
        if self.type_name.chars().count() > 100 {
            return Err("The type can have up to 100 characters.".into());
        }
        super::firehose_create::in_range(&self.retry_s, 0, 7200, "Retry duration", "seconds")?;
        if convert || partitioning {
            return Err("Record format conversion and dynamic partitioning are for Amazon S3 destinations only.".into());
        }
        if transform {
            return Err("A Lambda transformation before Amazon OpenSearch Service is not available in the sandbox yet: turn it off in step 2.".into());
        }
        Ok(())
    }

    /// `AmazonopensearchserviceDestinationConfiguration` with the buffer hints and the S3
    /// configuration (`s3`) of the backup bucket.
    pub fn configuration(
        &self,
        role_arn: &str,
        domain_arn: &str,
        size_mb: i64,
        interval_s: i64,
        s3: Value,
    ) -> Value {
        let mut out = json!({
            "RoleARN": role_arn,
            "DomainARN": domain_arn,
            "IndexName": self.index.trim(),
            "IndexRotationPeriod": self.rotation,
            "BufferingHints": { "SizeInMBs": size_mb, "IntervalInSeconds": interval_s },
            "RetryOptions": { "DurationInSeconds": self.retry_s.trim().parse::<i64>().unwrap_or(300) },
            "S3BackupMode": if self.all_documents { "AllDocuments" } else { "FailedDocumentsOnly" },
            "DocumentIdOptions": {
                "DefaultDocumentIdFormat": if self.no_document_id { "NO_DOCUMENT_ID" } else { "FIREHOSE_DEFAULT" },
            },
            "S3Configuration": s3,
        });
        if !self.type_name.trim().is_empty() {
            out["TypeName"] = json!(self.type_name.trim());
        }
        out
    }

    /// The review page's line.
    pub fn text(&self) -> String {
        let rotation = ROTATIONS
            .iter()
            .find(|(v, _)| *v == self.rotation)
            .map_or(self.rotation.as_str(), |(_, l)| l);
        format!(
            "Amazon OpenSearch Service domain {}, index {} (rotation: {}), retry duration {} s, backup: {}",
            self.domain.trim(),
            self.index.trim(),
            rotation.to_lowercase(),
            self.retry_s.trim(),
            if self.all_documents {
                "all data"
            } else {
                "failed data only"
            }
        )
    }
}
