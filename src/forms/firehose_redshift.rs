//! The wizard's "Amazon Redshift" destination (step 3, as in the console): the provisioned
//! cluster, database, user name and password, table, columns, COPY options and retry
//! duration. The bucket chosen below it is the intermediate S3 bucket. Pure state, its rules
//! and the `RedshiftDestinationConfiguration` it asks for.

use serde_json::{json, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RedshiftForm {
    /// The destination chosen is "Amazon Redshift".
    pub enabled: bool,
    /// The cluster's endpoint `host:port`, from the clusters list.
    pub endpoint: String,
    pub database: String,
    pub username: String,
    pub password: String,
    pub table: String,
    /// "Columns - optional": comma-separated.
    pub columns: String,
    /// "COPY command options - optional".
    pub copy_options: String,
    /// "Retry duration" in seconds, as typed.
    pub retry_s: String,
}

impl Default for RedshiftForm {
    fn default() -> Self {
        Self {
            enabled: false,
            endpoint: String::new(),
            database: "dev".into(),
            username: String::new(),
            password: String::new(),
            table: String::new(),
            columns: String::new(),
            copy_options: String::new(),
            retry_s: "3600".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedshiftAction {
    Enabled(bool),
    Endpoint(String),
    Database(String),
    Username(String),
    Password(String),
    Table(String),
    Columns(String),
    CopyOptions(String),
    Retry(String),
}

impl RedshiftForm {
    pub fn apply(&mut self, action: RedshiftAction) {
        match action {
            RedshiftAction::Enabled(on) => self.enabled = on,
            RedshiftAction::Endpoint(v) => self.endpoint = v,
            RedshiftAction::Database(v) => self.database = v,
            RedshiftAction::Username(v) => self.username = v,
            RedshiftAction::Password(v) => self.password = v,
            RedshiftAction::Table(v) => self.table = v,
            RedshiftAction::Columns(v) => self.columns = v,
            RedshiftAction::CopyOptions(v) => self.copy_options = v,
            RedshiftAction::Retry(v) => self.retry_s = v,
        }
    }

    /// `jdbc:redshift://host:port/database`.
    pub fn jdbc_url(&self) -> String {
        format!(
            "jdbc:redshift://{}/{}",
            self.endpoint.trim(),
            self.database.trim()
        )
    }

    /// Why the destination step can't be left yet, given the rest of the wizard.
    pub fn check(
        &self,
        convert: bool,
        partitioning: bool,
        compression: &str,
        error_prefix: &str,
    ) -> Result<(), String> {
        if !self.enabled {
            return Ok(());
        }
        if self.endpoint.trim().is_empty() {
            return Err(
                "Choose a provisioned cluster (create one under Amazon Redshift → Clusters)."
                    .into(),
            );
        }
        if self.database.trim().is_empty() {
            return Err("Enter the database name.".into());
        }
        if self.username.trim().is_empty() {
            return Err("Enter the user name.".into());
        }
        if self.password.len() < 6 {
            return Err("The password must have at least 6 characters.".into());
        }
        if self.table.trim().is_empty() {
            return Err(
                "Enter the table name: Firehose doesn't create it, it must exist in the database."
                    .into(),
            );
        }
        super::firehose_create::in_range(&self.retry_s, 0, 7200, "Retry duration", "seconds")?;
        if convert || partitioning {
            return Err("Record format conversion and dynamic partitioning are for Amazon S3 destinations only.".into());
        }
        if matches!(compression, "ZIP" | "Snappy" | "HADOOP_SNAPPY") {
            return Err("The intermediate S3 bucket of an Amazon Redshift destination can only be uncompressed or GZIP (with GZIP in the COPY options).".into());
        }
        if !error_prefix.trim().is_empty() {
            return Err(
                "An Amazon Redshift destination has no error output prefix: leave it empty.".into(),
            );
        }
        Ok(())
    }

    /// `RedshiftDestinationConfiguration` with the intermediate bucket's `S3Configuration`
    /// (`s3`) and the processing and logging of the wizard's other steps.
    pub fn configuration(
        &self,
        role_arn: &str,
        s3: Value,
        processing: Option<Value>,
        logging: Option<Value>,
    ) -> Value {
        let mut copy = json!({ "DataTableName": self.table.trim() });
        if !self.columns.trim().is_empty() {
            copy["DataTableColumns"] = json!(self.columns.trim());
        }
        if !self.copy_options.trim().is_empty() {
            copy["CopyOptions"] = json!(self.copy_options.trim());
        }
        let mut out = json!({
            "RoleARN": role_arn,
            "ClusterJDBCURL": self.jdbc_url(),
            "CopyCommand": copy,
            "Username": self.username.trim(),
            "Password": self.password,
            "RetryOptions": { "DurationInSeconds": self.retry_s.trim().parse::<i64>().unwrap_or(3600) },
            "S3Configuration": s3,
        });
        if let Some(p) = processing {
            out["ProcessingConfiguration"] = p;
        }
        if let Some(mut l) = logging {
            l["LogStreamName"] = json!("RedshiftDelivery");
            out["CloudWatchLoggingOptions"] = l;
        }
        out
    }

    /// The review page's line.
    pub fn text(&self) -> String {
        format!(
            "Amazon Redshift {}, table {}{}, COPY options: {}, retry duration {} s",
            self.jdbc_url(),
            self.table.trim(),
            if self.columns.trim().is_empty() {
                String::new()
            } else {
                format!(" ({})", self.columns.trim())
            },
            if self.copy_options.trim().is_empty() {
                "none"
            } else {
                self.copy_options.trim()
            },
            self.retry_s.trim()
        )
    }
}
