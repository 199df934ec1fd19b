//! Amazon Redshift: provisioned clusters (`Redshift.*`: CreateCluster, DescribeClusters,
//! DeleteCluster) and the Redshift Data API (`RedshiftData.*`: ExecuteStatement,
//! BatchExecuteStatement, DescribeStatement, GetStatementResult, ListStatements, ListTables,
//! DescribeTable), each cluster holding one database of real tables.
//!
//! - `data.rs`: the database as the engine keeps and saves it, and COPY's field conversions.
//! - `copy.rs`: COPY from S3 (manifests, delimited text, CSV, JSON, GZIP, `STL_LOAD_ERRORS`).
//! - `sql.rs`: every other statement, through GlueSQL (an extension, fetched on first use).
//!
//! Firehose's Redshift destination reaches a cluster with [`Sandbox::redshift_firehose_copy`]:
//! it connects with the JDBC URL, user and password of its configuration and runs its COPY.
//!
//! How the sandbox differs from AWS: the control plane speaks JSON here (AWS's is the Query
//! protocol); a cluster has one database; users other than the master user are not kept;
//! a statement runs in the tick it is submitted once the SQL extension is there.

pub mod copy;
pub mod data;
pub mod sql;

use super::body::Body;
use super::registry::{changes, reads, Service};
use super::{ApiError, ErrorKind, Sandbox, SimTime, Validation};
use copy::{CopyCommand, CopyFailure, Credentials};
use data::Database;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// How long a new cluster is `creating`.
pub const CREATE_DELAY: Duration = Duration::from_secs(180);
/// Statements the Data API keeps (ListStatements, GetStatementResult), newest last.
pub const KEPT_STATEMENTS: usize = 100;
/// The Data API's largest result it returns.
pub const MAX_RESULT_ROWS: usize = 1000;
/// The port Redshift listens on unless told.
pub const DEFAULT_PORT: i64 = 5439;

/// A value in a statement's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Null,
    Long(i64),
    Double(f64),
    Str(String),
    Bool(bool),
}

impl Cell {
    /// The Data API's `Field`.
    pub fn field(&self) -> Value {
        match self {
            Cell::Null => json!({"isNull": true}),
            Cell::Long(x) => json!({"longValue": x}),
            Cell::Double(x) => json!({"doubleValue": x}),
            Cell::Str(s) => json!({"stringValue": s}),
            Cell::Bool(b) => json!({"booleanValue": b}),
        }
    }

    /// As the query editor prints it.
    pub fn text(&self) -> String {
        match self {
            Cell::Null => "NULL".into(),
            Cell::Long(x) => x.to_string(),
            Cell::Double(x) => data::float_text(*x, false),
            Cell::Str(s) => s.clone(),
            Cell::Bool(b) => if *b { "true" } else { "false" }.into(),
        }
    }
}

/// What a statement gave: a result set, or the number of rows it changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SqlResult {
    /// Each column's label and type name (`int4`, `varchar`, …).
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<Cell>>,
    pub has_result_set: bool,
    /// Rows inserted, updated, deleted or loaded; -1 for a query.
    pub rows_affected: i64,
}

impl SqlResult {
    pub fn done(rows_affected: i64) -> Self {
        Self {
            columns: Vec::new(),
            rows: Vec::new(),
            has_result_set: false,
            rows_affected,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClusterStatus {
    Creating,
    Available,
}

impl ClusterStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClusterStatus::Creating => "creating",
            ClusterStatus::Available => "available",
        }
    }
}

/// A provisioned cluster and its database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    pub identifier: String,
    pub node_type: String,
    pub number_of_nodes: u32,
    pub master_username: String,
    /// Kept to check a connection's password; never shown.
    pub master_password: String,
    pub db_name: String,
    pub port: u16,
    pub publicly_accessible: bool,
    pub iam_roles: Vec<String>,
    pub status: ClusterStatus,
    pub created: SimTime,
    pub available_at: SimTime,
    /// `<id>.<hash>.<region>.redshift.amazonaws.com`.
    pub endpoint: String,
    pub database: Database,
}

impl Cluster {
    /// The JDBC URL the console shows (and Firehose's `ClusterJDBCURL`).
    pub fn jdbc_url(&self) -> String {
        format!(
            "jdbc:redshift://{}:{}/{}",
            self.endpoint, self.port, self.db_name
        )
    }

    fn describe(&self, account: &str, region: &str) -> Value {
        let mut out = json!({
            "ClusterIdentifier": self.identifier,
            "NodeType": self.node_type,
            "ClusterStatus": self.status.as_str(),
            "ClusterAvailabilityStatus": if self.status == ClusterStatus::Available { "Available" } else { "Unavailable" },
            "MasterUsername": self.master_username,
            "DBName": self.db_name,
            "NumberOfNodes": self.number_of_nodes,
            "PubliclyAccessible": self.publicly_accessible,
            "ClusterCreateTime": self.created.epoch_millis() as f64 / 1000.0,
            "IamRoles": self.iam_roles.iter().map(|r| json!({"IamRoleArn": r, "ApplyStatus": "in-sync"})).collect::<Vec<_>>(),
            "ClusterNamespaceArn": format!("arn:aws:redshift:{region}:{account}:namespace:{}", self.identifier),
            "Encrypted": true,
        });
        if self.status == ClusterStatus::Available {
            out["Endpoint"] = json!({"Address": self.endpoint, "Port": self.port});
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatementStatus {
    Submitted,
    Finished,
    Failed,
}

impl StatementStatus {
    fn as_str(self) -> &'static str {
        match self {
            StatementStatus::Submitted => "SUBMITTED",
            StatementStatus::Finished => "FINISHED",
            StatementStatus::Failed => "FAILED",
        }
    }
}

/// A Data API statement (or one of a batch's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub id: String,
    pub cluster: String,
    pub database: String,
    pub db_user: String,
    pub sql: Vec<String>,
    pub name: Option<String>,
    pub is_batch: bool,
    pub status: StatementStatus,
    pub error: Option<String>,
    pub created: SimTime,
    pub updated: SimTime,
    /// One per SQL statement run so far.
    pub results: Vec<(SqlResult, u64)>,
}

/// Every cluster and the Data API's statements.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Redshift {
    pub clusters: BTreeMap<String, Cluster>,
    pub statements: VecDeque<Statement>,
}

impl Redshift {
    pub fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters.get(id)
    }

    /// Statements waiting for the SQL extension.
    pub fn has_submitted(&self) -> bool {
        self.statements
            .iter()
            .any(|s| s.status == StatementStatus::Submitted)
    }

    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statements.iter().find(|s| s.id == id)
    }
}

fn cluster_not_found(id: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ClusterNotFound,
        format!("Cluster {id} not found."),
    )
}

fn invalid_parameter(message: impl Into<String>) -> ApiError {
    ApiError::new(ErrorKind::InvalidParameterValue, message)
}

/// Redshift's password rules, in its words.
fn check_password(p: &str) -> Result<(), ApiError> {
    let fail = |why: &str| {
        Err(invalid_parameter(format!(
            "The parameter MasterUserPassword is not a valid password because {why}."
        )))
    };
    if p.len() < 8 {
        return fail("it is shorter than 8 characters");
    }
    if p.len() > 64 {
        return fail("it is longer than 64 characters");
    }
    if !p.chars().any(|c| c.is_ascii_uppercase()) {
        return fail("it does not contain an upper case letter");
    }
    if !p.chars().any(|c| c.is_ascii_lowercase()) {
        return fail("it does not contain a lower case letter");
    }
    if !p.chars().any(|c| c.is_ascii_digit()) {
        return fail("it does not contain a number");
    }
    if p.chars()
        .any(|c| !c.is_ascii_graphic() || "'\"\\/@".contains(c))
    {
        return fail("it contains a space or one of ' \" \\ / @");
    }
    Ok(())
}

fn create_cluster(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let id = v.required(body.string("ClusterIdentifier")?, "clusterIdentifier");
    let node_type = v.required(body.string("NodeType")?, "nodeType");
    let user = v.required(body.string("MasterUsername")?, "masterUsername");
    let password = body.string("MasterUserPassword")?;
    v.finish()?;
    let (Some(id), Some(node_type), Some(user)) = (id, node_type, user) else {
        unreachable!("validated above")
    };
    let id_ok = !id.is_empty()
        && id.len() <= 63
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.ends_with('-')
        && !id.contains("--");
    if !id_ok {
        return Err(invalid_parameter(
            "Cluster identifier must contain from 1 to 63 lowercase alphanumeric characters or hyphens, begin with a letter, and not end with a hyphen or contain two consecutive hyphens.",
        ));
    }
    let node_types = [
        "ra3.large",
        "ra3.xlplus",
        "ra3.4xlarge",
        "ra3.16xlarge",
        "dc2.large",
        "dc2.8xlarge",
    ];
    if !node_types.contains(&node_type) {
        return Err(invalid_parameter(format!(
            "Invalid node type: {node_type}. Valid node types: {}.",
            node_types.join(", ")
        )));
    }
    let user_ok = !user.is_empty()
        && user.len() <= 128
        && user.starts_with(|c: char| c.is_ascii_alphabetic())
        && user.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !user_ok
        || ["user", "admin", "public", "select", "table"]
            .contains(&user.to_ascii_lowercase().as_str())
    {
        return Err(invalid_parameter(format!(
            "The parameter MasterUsername is not valid: '{user}' must start with a letter, contain only letters, digits and underscores, and not be a reserved word."
        )));
    }
    let Some(password) = password else {
        return Err(invalid_parameter(
            "MasterUserPassword is required unless ManageMasterPassword is true (Secrets Manager is not in the sandbox).",
        ));
    };
    check_password(password)?;
    let db_name = body.string("DBName")?.unwrap_or("dev").to_ascii_lowercase();
    let port = body.integer("Port")?.unwrap_or(DEFAULT_PORT);
    if !(1150..=65535).contains(&port) {
        return Err(invalid_parameter(
            "The port must be between 1150 and 65535.",
        ));
    }
    let cluster_type = body.string("ClusterType")?.unwrap_or("multi-node");
    let nodes = match cluster_type {
        "single-node" => 1,
        "multi-node" => {
            let n = body.integer("NumberOfNodes")?.unwrap_or(2);
            if !(2..=128).contains(&n) {
                return Err(invalid_parameter(
                    "Number of nodes for a multi-node cluster must be between 2 and 128.",
                ));
            }
            n as u32
        }
        other => {
            return Err(invalid_parameter(format!(
                "Invalid cluster type: {other}. Valid cluster types: single-node, multi-node."
            )))
        }
    };
    let public = body.boolean("PubliclyAccessible")?.unwrap_or(false);
    let mut roles = Vec::new();
    for r in body.list("IamRoles")?.map(Vec::as_slice).unwrap_or(&[]) {
        let arn = r.as_str().unwrap_or_default().to_string();
        let name = arn.rsplit('/').next().unwrap_or("");
        if !arn.starts_with("arn:aws:iam::") || sb.iam.role(name).is_none() {
            return Err(invalid_parameter(format!(
                "The IAM role {arn} is not valid: no such role in the account."
            )));
        }
        roles.push(arn);
    }
    if roles.len() > 50 {
        return Err(invalid_parameter(
            "A cluster can have at most 50 IAM roles.",
        ));
    }
    if sb.redshift.clusters.contains_key(id) {
        return Err(ApiError::new(
            ErrorKind::ClusterAlreadyExists,
            "Cluster already exists",
        ));
    }
    let hash = sb
        .rng
        .string_from(b"abcdefghijklmnopqrstuvwxyz0123456789", 12);
    let now = sb.now;
    let cluster = Cluster {
        identifier: id.to_string(),
        node_type: node_type.to_string(),
        number_of_nodes: nodes,
        master_username: user.to_ascii_lowercase(),
        master_password: password.to_string(),
        db_name,
        port: port as u16,
        publicly_accessible: public,
        iam_roles: roles,
        status: ClusterStatus::Creating,
        created: now,
        available_at: now + CREATE_DELAY,
        endpoint: format!("{id}.{hash}.{}.redshift.amazonaws.com", sb.config.region),
        database: Database::default(),
    };
    let out = cluster.describe(&sb.config.account_id, &sb.config.region);
    sb.redshift.clusters.insert(id.to_string(), cluster);
    Ok(json!({ "Cluster": out }))
}

fn describe_clusters(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let (acct, region) = (sb.config.account_id.clone(), sb.config.region.clone());
    match body.string("ClusterIdentifier")? {
        Some(id) => {
            let c = sb
                .redshift
                .clusters
                .get(id)
                .ok_or_else(|| cluster_not_found(id))?;
            Ok(json!({ "Clusters": [c.describe(&acct, &region)] }))
        }
        None => Ok(json!({
            "Clusters": sb.redshift.clusters.values().map(|c| c.describe(&acct, &region)).collect::<Vec<_>>()
        })),
    }
}

fn delete_cluster(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let id = v.required(body.string("ClusterIdentifier")?, "clusterIdentifier");
    v.finish()?;
    let id = id.unwrap_or_default();
    let skip = body.boolean("SkipFinalClusterSnapshot")?.unwrap_or(false);
    if !skip && body.string("FinalClusterSnapshotIdentifier")?.is_none() {
        return Err(invalid_parameter(
            "FinalClusterSnapshotIdentifier is required unless SkipFinalClusterSnapshot is specified.",
        ));
    }
    let (acct, region) = (sb.config.account_id.clone(), sb.config.region.clone());
    let c = sb
        .redshift
        .clusters
        .remove(id)
        .ok_or_else(|| cluster_not_found(id))?;
    let mut out = c.describe(&acct, &region);
    out["ClusterStatus"] = json!("deleting");
    Ok(json!({ "Cluster": out }))
}

/// The SQL statements in `sql`, split at semicolons outside quotes.
pub fn split_statements(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut single, mut double) = (false, false);
    for c in sql.chars() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            ';' if !single && !double => {
                if !cur.trim().is_empty() {
                    out.push(cur.trim().to_string());
                }
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Who runs a statement's COPY.
enum Principal<'a> {
    /// A database user of the cluster: COPY's IAM_ROLE must be one of the cluster's roles.
    User(&'a str),
    /// Firehose, with its delivery role's credentials.
    Firehose(&'a str),
}

impl Sandbox {
    /// Amazon Redshift's clusters and statements, for the pages.
    pub fn redshift(&self) -> &Redshift {
        &self.redshift
    }

    /// Runs one statement on `cluster`'s database: COPY here, anything else in the SQL
    /// extension (which must be there).
    fn run_sql(
        &mut self,
        cluster: &str,
        sql: &str,
        user: &str,
    ) -> Result<(SqlResult, u64), String> {
        if copy::is_copy(sql) {
            let cmd = copy::parse(sql).map_err(|f| format!("ERROR: {}", f.message))?;
            return self
                .run_copy(cluster, &cmd, Principal::User(user))
                .map(|(n, q)| (SqlResult::done(n as i64), q))
                .map_err(|f| format!("ERROR: {}", f.message));
        }
        let table = super::extension::sql().ok_or("The SQL extension is not loaded yet.")?;
        let c = self
            .redshift
            .clusters
            .get_mut(cluster)
            .ok_or_else(|| format!("Cluster {cluster} not found."))?;
        let query = c.database.query_id();
        // A failed statement changes nothing.
        let mut db = c.database.clone();
        let result = (table.execute)(&mut db, sql)?;
        c.database = db;
        Ok((result, query))
    }

    /// Runs COPY on `cluster`; the rows loaded and the query id.
    fn run_copy(
        &mut self,
        cluster: &str,
        cmd: &CopyCommand,
        who: Principal,
    ) -> Result<(u64, u64), CopyFailure> {
        let (acct, region) = (self.config.account_id.clone(), self.config.region.clone());
        let c = self.redshift.clusters.get(cluster).ok_or_else(|| {
            CopyFailure::new(
                "Redshift.ConnectionFailed",
                format!("Cluster {cluster} not found."),
            )
        })?;
        let Some(t) = c.database.tables.get(&cmd.table) else {
            return Err(CopyFailure::new(
                "Redshift.TableNotFound",
                format!("relation \"{}\" does not exist", cmd.table),
            ));
        };
        let targets: Vec<usize> = match &cmd.columns {
            None => (0..t.columns.len()).collect(),
            Some(cols) => {
                let mut out = Vec::new();
                for name in cols {
                    match t.column(name) {
                        Some((i, _)) => out.push(i),
                        None => {
                            return Err(CopyFailure::new(
                                "Redshift.ColumnNotFound",
                                format!(
                                    "column \"{name}\" of relation \"{}\" does not exist",
                                    t.name
                                ),
                            ))
                        }
                    }
                }
                out
            }
        };
        if let Some(c) = t
            .columns
            .iter()
            .enumerate()
            .find(|(i, c)| c.not_null && c.default.is_none() && !targets.contains(i))
        {
            return Err(CopyFailure::new(
                "Redshift.MissingColumn",
                format!(
                    "NOT NULL column without default value \"{}\" is not in the column list",
                    c.1.name
                ),
            ));
        }
        if let Some(r) = &cmd.region {
            if *r != region {
                return Err(CopyFailure::new(
                    "Redshift.IncorrectOrMissingRegion",
                    format!("S3ServiceException:The bucket you are attempting to access must be addressed using the specified endpoint. The bucket is in {region}, not {r}."),
                ));
            }
        }
        // Who reads S3.
        let (role, principal_service) = match (&who, &cmd.credentials) {
            (Principal::Firehose(role), _) => (role.to_string(), "firehose.amazonaws.com"),
            (Principal::User(_), Credentials::Role(arn)) => {
                if !c.iam_roles.contains(arn) {
                    return Err(CopyFailure::new(
                        "Redshift.AccessDenied",
                        format!("User arn:aws:redshift:{region}:{acct}:dbuser:{cluster}/{} is not authorized to assume IAM Role {arn}", match who { Principal::User(u) => u, _ => "" }),
                    ));
                }
                (arn.clone(), "redshift.amazonaws.com")
            }
            (Principal::User(_), _) => {
                return Err(CopyFailure::new(
                    "Redshift.AccessDenied",
                    "COPY from Amazon S3 needs credentials: IAM_ROLE 'arn:aws:iam::…:role/…' (a role associated with the cluster).",
                ))
            }
        };
        let read = |sb: &Sandbox, url: &str| -> Result<Vec<u8>, CopyFailure> {
            let (bucket, key) = copy::split_s3(url).ok_or_else(|| {
                CopyFailure::new(
                    "Redshift.SyntaxError",
                    format!("Invalid S3 location: {url}"),
                )
            })?;
            let req = crate::engine::iam::Request::new(
                "s3:GetObject",
                &format!("arn:aws:s3:::{bucket}/{key}"),
            );
            if sb
                .iam
                .authorize(&role, principal_service, &acct, &req)
                .is_err()
            {
                return Err(CopyFailure::new(
                    "Redshift.S3BucketAccessDenied",
                    format!("S3ServiceException:Access Denied,Status 403,Error AccessDenied,Rid SANDBOX. The role {role} may not s3:GetObject on s3://{bucket}/{key}"),
                ));
            }
            if !sb.s3.has_bucket(bucket) {
                return Err(CopyFailure::new(
                    "Redshift.MissingS3File",
                    format!("S3ServiceException:The specified bucket does not exist,Status 404,Error NoSuchBucket ({bucket})"),
                ));
            }
            sb.s3
                .object(bucket, key)
                .and_then(|o| o.body.clone())
                .ok_or_else(|| {
                    CopyFailure::new(
                        "Redshift.MissingS3File",
                        format!("Manifest file is not in correct json format or the specified file does not exist: {url}"),
                    )
                })
        };
        let urls: Vec<String> = if cmd.manifest {
            let manifest = read(self, &cmd.from)?;
            let v: Value = serde_json::from_slice(&manifest).map_err(|_| {
                CopyFailure::new(
                    "Redshift.SyntaxError",
                    format!("Manifest file is not in correct json format: {}", cmd.from),
                )
            })?;
            v["entries"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|e| e["url"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        } else {
            let (bucket, prefix) = copy::split_s3(&cmd.from).ok_or_else(|| {
                CopyFailure::new(
                    "Redshift.SyntaxError",
                    format!("Invalid S3 location: {}", cmd.from),
                )
            })?;
            let keys: Vec<String> = self
                .s3
                .bucket(bucket)
                .map(|b| {
                    b.objects
                        .keys()
                        .filter(|k| k.starts_with(prefix))
                        .map(|k| format!("s3://{bucket}/{k}"))
                        .collect()
                })
                .unwrap_or_default();
            if keys.is_empty() {
                return Err(CopyFailure::new(
                    "Redshift.MissingS3File",
                    format!("The specified S3 prefix '{prefix}' does not exist"),
                ));
            }
            keys
        };
        let mut files = Vec::with_capacity(urls.len());
        for url in urls {
            let bytes = read(self, &url)?;
            files.push(copy::File { url, bytes });
        }
        let jsonpaths = match &cmd.format {
            copy::Format::JsonPaths(url) => {
                let bytes = read(self, url)?;
                let bad = || {
                    CopyFailure::new(
                        "Redshift.IncorrectJsonPathsFile",
                        format!("Invalid JSONPath format: {url} must be {{\"jsonpaths\": [\"$.a\", …]}}"),
                    )
                };
                let v: Value = serde_json::from_slice(&bytes).map_err(|_| bad())?;
                let paths: Vec<String> = v["jsonpaths"]
                    .as_array()
                    .ok_or_else(bad)?
                    .iter()
                    .map(|p| p.as_str().map(str::to_string))
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?;
                if paths.iter().any(|p| !p.starts_with('$')) {
                    return Err(bad());
                }
                if paths.len() != targets.len() {
                    return Err(CopyFailure::new(
                        "Redshift.ColumnMismatch",
                        format!(
                            "Number of jsonpaths and the number of columns should match. JSONPath size: {}, Number of columns in table or column list: {}",
                            paths.len(),
                            targets.len()
                        ),
                    ));
                }
                Some(paths)
            }
            _ => None,
        };
        let now = self.now;
        let c = self.redshift.clusters.get_mut(cluster).expect("present");
        let query = c.database.query_id();
        let table = cmd.table.clone();
        let loaded = copy::load(
            &c.database,
            &table,
            &targets,
            cmd,
            jsonpaths.as_deref(),
            &files,
            query,
            now,
        );
        let failed = loaded.errors.len() as u64 > cmd.max_error;
        for e in loaded.errors {
            c.database.log_load_error(e);
        }
        if failed {
            return Err(CopyFailure::new(
                "Redshift.DataLoadFailed",
                format!("Load into table '{table}' failed.  Check 'stl_load_errors' system table for details."),
            ));
        }
        let n = loaded.rows.len() as u64;
        c.database
            .tables
            .get_mut(&table)
            .expect("present")
            .rows
            .extend(loaded.rows);
        Ok((n, query))
    }

    /// Firehose connects to the cluster its JDBC URL names, as `user`, and runs its COPY with
    /// its delivery role's credentials. The rows loaded, or why not (Firehose's error code and
    /// Redshift's message).
    pub(crate) fn redshift_firehose_copy(
        &mut self,
        jdbc_url: &str,
        user: &str,
        password: &str,
        sql: &str,
        role: &str,
    ) -> Result<u64, CopyFailure> {
        let connection_failed = || {
            CopyFailure::new(
                "Redshift.ConnectionFailed",
                "The connection to the specified Amazon Redshift cluster failed. Ensure that security settings allow Firehose connections, that the cluster or database specified in the Amazon Redshift destination configuration or JDBC URL is correct, and that the cluster is available.",
            )
        };
        let (host, port, db) = parse_jdbc(jdbc_url).ok_or_else(connection_failed)?;
        let id = self
            .redshift
            .clusters
            .values()
            .find(|c| c.endpoint == host && c.port == port)
            .filter(|c| c.status == ClusterStatus::Available && c.publicly_accessible)
            .map(|c| c.identifier.clone())
            .ok_or_else(connection_failed)?;
        let c = &self.redshift.clusters[&id];
        if c.db_name != db.to_ascii_lowercase() {
            return Err(CopyFailure::new(
                "Redshift.DatabaseNotFound",
                "The database specified in the Amazon Redshift destination configuration or JDBC URL was not found. Specify a valid database name.",
            ));
        }
        if c.master_username != user.to_ascii_lowercase() || c.master_password != password {
            return Err(CopyFailure::new(
                "Redshift.AuthenticationFailed",
                "The provided user name and password failed authentication. Provide a valid user name and password.",
            ));
        }
        let cmd = copy::parse(sql)?;
        self.run_copy(&id, &cmd, Principal::Firehose(role))
            .map(|(n, _)| n)
    }

    /// Runs the Data API's statements that waited for the SQL extension.
    pub(crate) fn run_submitted(&mut self) {
        if super::extension::sql().is_none() {
            return;
        }
        let ids: Vec<String> = self
            .redshift
            .statements
            .iter()
            .filter(|s| s.status == StatementStatus::Submitted)
            .map(|s| s.id.clone())
            .collect();
        for id in ids {
            self.run_statement(&id);
        }
    }

    /// Runs statement `id`'s SQL in order, stopping at the first error.
    fn run_statement(&mut self, id: &str) {
        let Some(s) = self
            .redshift
            .statements
            .iter()
            .find(|s| s.id == id)
            .cloned()
        else {
            return;
        };
        let mut results = Vec::new();
        let mut error = None;
        match self.redshift.clusters.get(&s.cluster) {
            Some(c) if c.status != ClusterStatus::Available => {
                error = Some(format!(
                    "Connection refused: cluster {} is {}.",
                    c.identifier,
                    c.status.as_str()
                ))
            }
            Some(c) if c.db_name != s.database => {
                error = Some(format!("FATAL: database \"{}\" does not exist", s.database))
            }
            None => error = Some(format!("Cluster {} not found.", s.cluster)),
            _ => {
                for sql in &s.sql {
                    match self.run_sql(&s.cluster, sql, &s.db_user) {
                        Ok(r) => results.push(r),
                        Err(e) => {
                            error = Some(e);
                            break;
                        }
                    }
                }
            }
        }
        let now = self.now;
        if let Some(st) = self.redshift.statements.iter_mut().find(|x| x.id == id) {
            st.status = if error.is_some() {
                StatementStatus::Failed
            } else {
                StatementStatus::Finished
            };
            st.error = error;
            st.results = results;
            st.updated = now;
        }
    }
}

/// `jdbc:redshift://host:port/db` → its parts.
pub fn parse_jdbc(url: &str) -> Option<(String, u16, String)> {
    let rest = url
        .strip_prefix("jdbc:redshift://")
        .or_else(|| url.strip_prefix("jdbc:postgresql://"))?;
    let (host_port, db) = rest.split_once('/')?;
    let (host, port) = host_port.rsplit_once(':')?;
    let db = db.split(['?', ';']).next().unwrap_or(db);
    Some((host.to_string(), port.parse().ok()?, db.to_string()))
}

fn statement_target(
    sb: &Sandbox,
    body: Body,
    v: &mut Validation,
) -> Result<Option<(String, String, String)>, ApiError> {
    let cluster = body.string("ClusterIdentifier")?;
    let database = v.required(body.string("Database")?, "database");
    if body.has("WorkgroupName") {
        return Err(ApiError::validation(
            "Redshift Serverless workgroups are not available in the sandbox: use ClusterIdentifier.",
        ));
    }
    if body.has("SecretArn") {
        return Err(ApiError::validation(
            "SecretArn is not available in the sandbox (it has no Secrets Manager): use DbUser.",
        ));
    }
    let Some(cluster) = cluster else {
        return Err(ApiError::validation(
            "Either ClusterIdentifier or WorkgroupName is required.",
        ));
    };
    let user = body.string("DbUser")?;
    let Some(user) = user else {
        return Err(ApiError::validation(
            "Either DbUser or SecretArn is required with ClusterIdentifier.",
        ));
    };
    if !sb.redshift.clusters.contains_key(cluster) {
        return Err(ApiError::validation(
            "Redshift endpoint doesn't exist in this region.",
        ));
    }
    Ok(database.map(|d| {
        (
            cluster.to_string(),
            d.to_ascii_lowercase(),
            user.to_ascii_lowercase(),
        )
    }))
}

fn submit(
    sb: &mut Sandbox,
    body: Body,
    sql: Vec<String>,
    is_batch: bool,
    database: (String, String, String),
) -> Result<Value, ApiError> {
    let (cluster, database, user) = database;
    let id = sb.rng.uuid_v4();
    let now = sb.now;
    let name = body.string("StatementName")?.map(str::to_string);
    sb.redshift.statements.push_back(Statement {
        id: id.clone(),
        cluster: cluster.clone(),
        database: database.clone(),
        db_user: user.clone(),
        sql,
        name,
        is_batch,
        status: StatementStatus::Submitted,
        error: None,
        created: now,
        updated: now,
        results: Vec::new(),
    });
    while sb.redshift.statements.len() > KEPT_STATEMENTS {
        sb.redshift.statements.pop_front();
    }
    if super::extension::sql().is_some() {
        sb.run_statement(&id);
    }
    Ok(json!({
        "Id": id,
        "ClusterIdentifier": cluster,
        "Database": database,
        "DbUser": user,
        "CreatedAt": now.epoch_millis() as f64 / 1000.0,
    }))
}

fn execute_statement(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let sql = v.required(body.string("Sql")?, "sql");
    let target = statement_target(sb, body, &mut v)?;
    v.finish()?;
    let (Some(sql), Some(target)) = (sql, target) else {
        unreachable!("validated above")
    };
    let parts = split_statements(sql);
    if parts.len() > 1 {
        return Err(ApiError::validation(
            "ExecuteStatement runs one SQL statement: use BatchExecuteStatement for several.",
        ));
    }
    if parts.is_empty() {
        return Err(ApiError::validation("Sql must not be empty."));
    }
    submit(sb, body, parts, false, target)
}

fn batch_execute_statement(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let sqls = v.required(body.list("Sqls")?, "sqls");
    let target = statement_target(sb, body, &mut v)?;
    v.finish()?;
    let (Some(sqls), Some(target)) = (sqls, target) else {
        unreachable!("validated above")
    };
    let sqls: Vec<String> = sqls
        .iter()
        .filter_map(|s| s.as_str())
        .map(|s| s.trim().trim_end_matches(';').to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if sqls.is_empty() || sqls.len() > 40 {
        return Err(ApiError::validation(
            "1 validation error detected: Value at 'sqls' failed to satisfy constraint: Member must have length between 1 and 40",
        ));
    }
    submit(sb, body, sqls, true, target)
}

fn statement_not_found() -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        "Query does not exist.",
    )
}

/// `Id`, or a batch's sub-statement `Id:n`.
fn find<'a>(sb: &'a Sandbox, id: &str) -> Result<(&'a Statement, Option<usize>), ApiError> {
    let (base, sub) = match id.rsplit_once(':') {
        Some((b, n)) => (
            b,
            Some(n.parse::<usize>().map_err(|_| statement_not_found())?),
        ),
        None => (id, None),
    };
    let s = sb
        .redshift
        .statement(base)
        .ok_or_else(statement_not_found)?;
    match sub {
        Some(n) if n == 0 || n > s.sql.len() => Err(statement_not_found()),
        Some(n) => Ok((s, Some(n - 1))),
        None => Ok((s, None)),
    }
}

fn sub_status(s: &Statement, i: usize) -> (&'static str, Option<String>) {
    if i < s.results.len() {
        ("FINISHED", None)
    } else if i == s.results.len() && s.status == StatementStatus::Failed {
        ("FAILED", s.error.clone())
    } else if s.status == StatementStatus::Submitted {
        ("SUBMITTED", None)
    } else {
        ("ABORTED", None)
    }
}

fn describe_statement(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let id = v.required(body.string("Id")?, "id");
    v.finish()?;
    let (s, sub) = find(sb, id.unwrap_or_default())?;
    let secs = |t: SimTime| t.epoch_millis() as f64 / 1000.0;
    let result_of = |i: usize| s.results.get(i);
    let mut out = json!({
        "Id": s.id,
        "ClusterIdentifier": s.cluster,
        "Database": s.database,
        "DbUser": s.db_user,
        "Status": s.status.as_str(),
        "CreatedAt": secs(s.created),
        "UpdatedAt": secs(s.updated),
        "Duration": if s.status == StatementStatus::Submitted { -1 } else { 1_000_000 },
        "IsBatchStatement": s.is_batch,
    });
    if let Some(n) = &s.name {
        out["StatementName"] = json!(n);
    }
    if let Some(e) = &s.error {
        out["Error"] = json!(e);
    }
    if s.is_batch && sub.is_none() {
        out["SubStatements"] = Value::Array(
            (0..s.sql.len())
                .map(|i| {
                    let (status, error) = sub_status(s, i);
                    let mut one = json!({
                        "Id": format!("{}:{}", s.id, i + 1),
                        "QueryString": s.sql[i],
                        "Status": status,
                        "HasResultSet": result_of(i).is_some_and(|r| r.0.has_result_set),
                    });
                    if let Some((r, q)) = result_of(i) {
                        one["ResultRows"] = json!(if r.has_result_set {
                            r.rows.len() as i64
                        } else {
                            r.rows_affected
                        });
                        one["RedshiftQueryId"] = json!(q);
                    }
                    if let Some(e) = error {
                        one["Error"] = json!(e);
                    }
                    one
                })
                .collect(),
        );
        out["QueryString"] = json!(s.sql.join("; "));
    } else {
        let i = sub.unwrap_or(0);
        out["QueryString"] = json!(s.sql[i]);
        if let Some(n) = sub {
            let (status, error) = sub_status(s, n);
            out["Status"] = json!(status);
            out["Id"] = json!(format!("{}:{}", s.id, n + 1));
            if let Some(e) = error {
                out["Error"] = json!(e);
            } else if let Some(m) = out.as_object_mut() {
                m.remove("Error");
            }
        }
        if let Some((r, q)) = result_of(i) {
            out["HasResultSet"] = json!(r.has_result_set);
            out["ResultRows"] = json!(if r.has_result_set {
                r.rows.len() as i64
            } else {
                r.rows_affected
            });
            out["RedshiftQueryId"] = json!(q);
        } else {
            out["HasResultSet"] = json!(false);
        }
    }
    Ok(out)
}

fn get_statement_result(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let id = v.required(body.string("Id")?, "id");
    v.finish()?;
    let (s, sub) = find(sb, id.unwrap_or_default())?;
    if s.is_batch && sub.is_none() {
        return Err(ApiError::validation(
            "Query does not have result. Please check query status with DescribeStatement. (A batch's results are its sub-statements': Id:1, Id:2, …)",
        ));
    }
    let r = s
        .results
        .get(sub.unwrap_or(0))
        .filter(|r| r.0.has_result_set)
        .ok_or_else(|| {
            ApiError::new(
                ErrorKind::ResourceNotFoundException,
                "Query does not have result. Please check query status with DescribeStatement.",
            )
        })?;
    let r = &r.0;
    Ok(json!({
        "ColumnMetadata": r.columns.iter().map(|(name, ty)| json!({
            "name": name, "label": name, "typeName": ty, "isCaseSensitive": ty == "varchar",
            "nullable": 1, "schemaName": "", "tableName": "",
        })).collect::<Vec<_>>(),
        "Records": r.rows.iter().take(MAX_RESULT_ROWS).map(|row| row.iter().map(Cell::field).collect::<Vec<_>>()).collect::<Vec<_>>(),
        "TotalNumRows": r.rows.len(),
    }))
}

fn list_statements(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let status = body.string("Status")?.unwrap_or("ALL");
    let secs = |t: SimTime| t.epoch_millis() as f64 / 1000.0;
    Ok(json!({
        "Statements": sb.redshift.statements.iter().rev()
            .filter(|s| status == "ALL" || s.status.as_str() == status)
            .map(|s| {
                let mut one = json!({
                    "Id": s.id, "Status": s.status.as_str(), "CreatedAt": secs(s.created),
                    "UpdatedAt": secs(s.updated), "IsBatchStatement": s.is_batch,
                });
                if s.is_batch {
                    one["QueryStrings"] = json!(s.sql);
                } else {
                    one["QueryString"] = json!(s.sql[0]);
                }
                if let Some(n) = &s.name { one["StatementName"] = json!(n); }
                one
            }).collect::<Vec<_>>()
    }))
}

fn database_of<'a>(sb: &'a Sandbox, body: Body) -> Result<&'a Cluster, ApiError> {
    let mut v = Validation::new();
    let id = v.required(body.string("ClusterIdentifier")?, "clusterIdentifier");
    let db = v.required(body.string("Database")?, "database");
    v.finish()?;
    let c = sb
        .redshift
        .clusters
        .get(id.unwrap_or_default())
        .ok_or_else(|| ApiError::validation("Redshift endpoint doesn't exist in this region."))?;
    if c.db_name != db.unwrap_or_default().to_ascii_lowercase() {
        return Err(ApiError::validation(format!(
            "FATAL: database \"{}\" does not exist",
            db.unwrap_or_default()
        )));
    }
    Ok(c)
}

fn list_tables(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let c = database_of(sb, body)?;
    let pattern = body
        .string("TablePattern")?
        .unwrap_or("%")
        .to_ascii_lowercase();
    let like = |name: &str| {
        let p = pattern.trim_end_matches('%');
        if pattern.ends_with('%') {
            name.starts_with(p)
        } else {
            name == p
        }
    };
    Ok(json!({
        "Tables": c.database.tables.values().filter(|t| like(&t.name))
            .map(|t| json!({"name": t.name, "schema": "public", "type": "TABLE"}))
            .collect::<Vec<_>>()
    }))
}

fn describe_table(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let c = database_of(sb, body)?;
    let name = body
        .string("Table")?
        .unwrap_or_default()
        .to_ascii_lowercase();
    let t = c.database.tables.get(&name).ok_or_else(|| {
        ApiError::new(
            ErrorKind::ResourceNotFoundException,
            format!("Table {name} does not exist."),
        )
    })?;
    Ok(json!({
        "TableName": t.name,
        "ColumnList": t.columns.iter().map(|col| json!({
            "name": col.name, "typeName": col.ty.short_name(), "nullable": if col.not_null { 0 } else { 1 },
            "length": match col.ty { data::SqlType::Char(n) | data::SqlType::Varchar(n) => n, _ => 0 },
            "schemaName": "public", "tableName": t.name,
        })).collect::<Vec<_>>(),
    }))
}

fn on_time_passed(sb: &mut Sandbox) {
    let now = sb.now;
    for c in sb.redshift.clusters.values_mut() {
        if c.status == ClusterStatus::Creating && now >= c.available_at {
            c.status = ClusterStatus::Available;
        }
    }
    if sb.redshift.has_submitted() {
        sb.run_submitted();
    }
}

/// Amazon Redshift's control plane in the registry.
pub const SERVICE: Service = Service {
    prefix: "Redshift",
    operations: &[
        changes("CreateCluster", create_cluster),
        reads("DescribeClusters", describe_clusters),
        changes("DeleteCluster", delete_cluster),
    ],
    resource_fields: &["ClusterIdentifier"],
    on_time_passed: Some(on_time_passed),
    cli: None,
};

/// The Redshift Data API in the registry.
pub const DATA_SERVICE: Service = Service {
    prefix: "RedshiftData",
    operations: &[
        changes("ExecuteStatement", execute_statement),
        changes("BatchExecuteStatement", batch_execute_statement),
        reads("DescribeStatement", describe_statement),
        reads("GetStatementResult", get_statement_result),
        reads("ListStatements", list_statements),
        reads("ListTables", list_tables),
        reads("DescribeTable", describe_table),
    ],
    resource_fields: &["ClusterIdentifier", "Id"],
    on_time_passed: None,
    cli: None,
};
