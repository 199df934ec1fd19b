//! A data stream's details page: its tabs, and the forms of the Details tab (retention,
//! encryption, shard-level metrics, shard count, delete), the Data viewer, Enhanced fan-out and
//! Tags. Each tab's form is its own state, as each tab starts afresh when it is opened.

use super::{integer_or_text, Form, Request};
use crate::engine::streams::{stream_capacity, StreamMode, StreamView, ON_DEMAND_SHARDS};
use crate::engine::{ApiError, SimTime};
use crate::labs::observe::{Observation, CAPACITY_VIEWED, SHARDS_VIEWED};
use crate::text::thousands;
use base64::Engine as _;
use serde_json::{json, Value};

/// The tabs, with the route segment each lives at.
pub const TABS: &[(&str, &str)] = &[
    ("details", "Details"),
    ("data-viewer", "Data viewer"),
    ("monitoring", "Monitoring"),
    ("enhanced-fan-out", "Enhanced fan-out"),
    ("tags", "Tags"),
];

/// The tab a route segment opens: itself when it is one, else Details.
pub fn tab(segment: &str) -> &'static str {
    TABS.iter()
        .find(|(slug, _)| *slug == segment)
        .map_or("details", |(slug, _)| slug)
}

/// A simulated instant as the console shows it.
pub fn time_text(ms: i64) -> String {
    SimTime::from_millis(ms)
        .to_datetime()
        .format("%Y-%m-%d %H:%M:%S UTC")
        .to_string()
}

/// The Details tab's "Stream capacity", as the console's stream details show it: the capacity
/// mode, the shards, and what they give (per shard 1 MiB/s and 1,000 records/s in, 2 MiB/s
/// out), as (label, value) rows.
pub fn capacity_rows(mode: StreamMode, open_shards: u32) -> Vec<(&'static str, String)> {
    let c = stream_capacity(open_shards);
    vec![
        (
            "Capacity mode",
            match mode {
                StreamMode::Provisioned => "Provisioned",
                StreamMode::OnDemand => "On-demand",
            }
            .to_string(),
        ),
        (
            match mode {
                StreamMode::Provisioned => "Provisioned shards",
                StreamMode::OnDemand => "Open shards",
            },
            open_shards.to_string(),
        ),
        (
            "Write capacity",
            format!(
                "Maximum {} MiB/second and {} records/second",
                thousands(c.write_mib_per_sec),
                thousands(c.write_records_per_sec)
            ),
        ),
        (
            "Read capacity",
            format!("Maximum {} MiB/second", thousands(c.read_mib_per_sec)),
        ),
    ]
}

/// What the capacity rows come from, in a sentence under them.
pub fn capacity_note(mode: StreamMode) -> String {
    let per_shard = "Each shard takes 1 MiB/second and 1,000 records/second in and gives 2 MiB/second out, shared by the consumers that don't use enhanced fan-out (each enhanced fan-out consumer gets its own 2 MiB/second per shard).";
    match mode {
        StreamMode::Provisioned => {
            format!("{per_shard} Edit provisioned shards to change it.")
        }
        StreamMode::OnDemand => format!(
            "{per_shard} On-demand streams start with {ON_DEMAND_SHARDS} shards and AWS adds shards as traffic grows (up to double the peak of the last 30 days); the sandbox keeps the {ON_DEMAND_SHARDS} it starts with."
        ),
    }
}

/// What the Details tab shows that a lab may check: the stream's capacity, and its shards with
/// their hash-key ranges once it has any.
pub fn observations(stream: &StreamView) -> Vec<Observation> {
    let mut out = vec![Observation::new(CAPACITY_VIEWED)
        .with("mode", stream.mode.as_str())
        .with("shards", stream.open_shards)
        .with("page", "details")
        .with("stream", stream.name.as_str())];
    if !stream.shards.is_empty() {
        out.push(
            Observation::new(SHARDS_VIEWED)
                .with("stream", stream.name.as_str())
                .with("shards", stream.open_shards),
        );
    }
    out
}

/// The Details tab's fields, as typed, and the last call's error.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub retention: String,
    pub target_shards: String,
    pub confirm_delete: String,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SettingsAction {
    Retention(String),
    TargetShards(String),
    ConfirmDelete(String),
    /// A call's answer: its error, or none.
    Answered(Option<ApiError>),
}

impl Form for Settings {
    type Action = SettingsAction;
    fn apply(&mut self, action: SettingsAction) {
        match action {
            SettingsAction::Retention(v) => self.retention = v,
            SettingsAction::TargetShards(v) => self.target_shards = v,
            SettingsAction::ConfirmDelete(v) => self.confirm_delete = v,
            SettingsAction::Answered(e) => self.error = e,
        }
    }
}

impl Settings {
    /// The fields filled with the stream's current values.
    pub fn new(stream: &StreamView) -> Self {
        Settings {
            retention: stream.retention_hours.to_string(),
            target_shards: stream.open_shards.to_string(),
            confirm_delete: String::new(),
            error: None,
        }
    }

    /// Save retention period: Decrease… below the current hours, else Increase…
    pub fn retention_request(&self, stream: &str, current_hours: u32) -> Request {
        let hours = integer_or_text(&self.retention);
        let operation = if hours.as_i64().is_some_and(|h| h < i64::from(current_hours)) {
            "Kinesis_20131202.DecreaseStreamRetentionPeriod"
        } else {
            "Kinesis_20131202.IncreaseStreamRetentionPeriod"
        };
        Request::new(
            operation,
            json!({"StreamName": stream, "RetentionPeriodHours": hours}),
        )
    }

    /// Edit provisioned shards.
    pub fn shard_count_request(&self, stream: &str) -> Request {
        Request::new(
            "Kinesis_20131202.UpdateShardCount",
            json!({
                "StreamName": stream,
                "TargetShardCount": integer_or_text(&self.target_shards),
                "ScalingType": "UNIFORM_SCALING",
            }),
        )
    }

    /// Delete is enabled once the stream's name is typed exactly.
    pub fn can_delete(&self, stream: &str) -> bool {
        self.confirm_delete == stream
    }
}

/// Turns server-side encryption off when `key` is set (with that key), else on with AWS's key.
pub fn encryption_request(stream: &str, key: Option<&str>) -> Request {
    match key {
        Some(key) => Request::new(
            "Kinesis_20131202.StopStreamEncryption",
            json!({"StreamName": stream, "EncryptionType": "KMS", "KeyId": key}),
        ),
        None => Request::new(
            "Kinesis_20131202.StartStreamEncryption",
            json!({"StreamName": stream, "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis"}),
        ),
    }
}

/// Turns every shard-level metric off when any is on, else all on.
pub fn metrics_request(stream: &str, any_on: bool) -> Request {
    let operation = if any_on {
        "Kinesis_20131202.DisableEnhancedMonitoring"
    } else {
        "Kinesis_20131202.EnableEnhancedMonitoring"
    };
    Request::new(
        operation,
        json!({"StreamName": stream, "ShardLevelMetrics": ["ALL"]}),
    )
}

/// Delete data stream, with its consumers.
pub fn delete_request(stream: &str) -> Request {
    Request::new(
        "Kinesis_20131202.DeleteStream",
        json!({"StreamName": stream, "EnforceConsumerDeletion": true}),
    )
}

/// A record as the Data viewer lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewedRecord {
    pub partition_key: String,
    pub sequence_number: String,
    pub arrival: String,
    pub data: String,
}

/// The records of a `GetRecords` answer: data as text when it is UTF-8, else its size and
/// base64.
pub fn decode_records(out: &Value) -> Vec<ViewedRecord> {
    out["Records"]
        .as_array()
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(r["Data"].as_str().unwrap_or_default())
                        .unwrap_or_default();
                    let data = match std::str::from_utf8(&bytes) {
                        Ok(text) => text.to_string(),
                        Err(_) => format!(
                            "(binary, {} bytes) {}",
                            bytes.len(),
                            r["Data"].as_str().unwrap_or_default()
                        ),
                    };
                    let arrival = r["ApproximateArrivalTimestamp"]
                        .as_f64()
                        .map(|s| time_text((s * 1000.0) as i64))
                        .unwrap_or_default();
                    ViewedRecord {
                        partition_key: r["PartitionKey"].as_str().unwrap_or_default().to_string(),
                        sequence_number: r["SequenceNumber"]
                            .as_str()
                            .unwrap_or_default()
                            .to_string(),
                        arrival,
                        data,
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The Data viewer: which shard and where to start, and what the last read gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Viewer {
    pub shard: String,
    /// `TRIM_HORIZON` or `LATEST`.
    pub position: String,
    pub records: Vec<ViewedRecord>,
    /// The iterator of "Next records".
    pub next: Option<String>,
    pub behind: Option<i64>,
    /// Whether anything was read yet.
    pub fetched: bool,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViewerAction {
    Shard(String),
    Position(String),
    /// A call's answer: its error, or none.
    Answered(Option<ApiError>),
    /// A `GetRecords` answer.
    Read(Value),
}

impl Form for Viewer {
    type Action = ViewerAction;
    fn apply(&mut self, action: ViewerAction) {
        match action {
            ViewerAction::Shard(s) => self.shard = s,
            ViewerAction::Position(p) => self.position = p,
            ViewerAction::Answered(e) => self.error = e,
            ViewerAction::Read(out) => {
                self.records = decode_records(&out);
                self.next = out["NextShardIterator"].as_str().map(str::to_string);
                self.behind = out["MillisBehindLatest"].as_i64();
                self.fetched = true;
                self.error = None;
            }
        }
    }
}

impl Viewer {
    /// The first shard, from the trim horizon.
    pub fn new(stream: &StreamView) -> Self {
        Viewer {
            shard: stream
                .shards
                .first()
                .map(|sh| sh.id.clone())
                .unwrap_or_default(),
            position: "TRIM_HORIZON".into(),
            records: Vec::new(),
            next: None,
            behind: None,
            fetched: false,
            error: None,
        }
    }

    /// Get records, step one: an iterator at the chosen shard and position.
    pub fn iterator_request(&self, stream: &str) -> Request {
        Request::new(
            "Kinesis_20131202.GetShardIterator",
            json!({"StreamName": stream, "ShardId": self.shard, "ShardIteratorType": self.position}),
        )
    }
}

/// Get records, step two (and Next records): up to 100 records from `iterator`.
pub fn read_request(iterator: &str) -> Request {
    Request::new(
        "Kinesis_20131202.GetRecords",
        json!({"ShardIterator": iterator, "Limit": 100}),
    )
}

/// The Enhanced fan-out tab: the consumer name typed, and the last call's error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Consumers {
    pub name: String,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConsumersAction {
    Name(String),
    /// Registered: the name field empties.
    Registered,
    Answered(Option<ApiError>),
}

impl Form for Consumers {
    type Action = ConsumersAction;
    fn apply(&mut self, action: ConsumersAction) {
        match action {
            ConsumersAction::Name(n) => self.name = n,
            ConsumersAction::Registered => {
                self.name.clear();
                self.error = None;
            }
            ConsumersAction::Answered(e) => self.error = e,
        }
    }
}

impl Consumers {
    pub fn register_request(&self, stream_arn: &str) -> Request {
        Request::new(
            "Kinesis_20131202.RegisterStreamConsumer",
            json!({"StreamARN": stream_arn, "ConsumerName": self.name}),
        )
    }
}

pub fn deregister_request(stream_arn: &str, consumer: &str) -> Request {
    Request::new(
        "Kinesis_20131202.DeregisterStreamConsumer",
        json!({"StreamARN": stream_arn, "ConsumerName": consumer}),
    )
}

/// The Tags tab: the key and value typed, and the last call's error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tags {
    pub key: String,
    pub value: String,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TagsAction {
    Key(String),
    Value(String),
    /// Added: both fields empty.
    Added,
    Answered(Option<ApiError>),
}

impl Form for Tags {
    type Action = TagsAction;
    fn apply(&mut self, action: TagsAction) {
        match action {
            TagsAction::Key(k) => self.key = k,
            TagsAction::Value(v) => self.value = v,
            TagsAction::Added => {
                self.key.clear();
                self.value.clear();
                self.error = None;
            }
            TagsAction::Answered(e) => self.error = e,
        }
    }
}

impl Tags {
    pub fn add_request(&self, stream: &str) -> Request {
        Request::new(
            "Kinesis_20131202.AddTagsToStream",
            json!({"StreamName": stream, "Tags": {self.key.clone(): self.value.clone()}}),
        )
    }
}

pub fn remove_tag_request(stream: &str, key: &str) -> Request {
    Request::new(
        "Kinesis_20131202.RemoveTagsFromStream",
        json!({"StreamName": stream, "TagKeys": [key]}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Sandbox, SandboxConfig};

    const KINESIS: &str = "Kinesis_20131202";

    fn stream() -> StreamView {
        let mut sb = Sandbox::new(SandboxConfig::default());
        sb.call(
            &format!("{KINESIS}.CreateStream"),
            json!({"StreamName": "s", "ShardCount": 2}),
        )
        .unwrap();
        sb.advance(std::time::Duration::from_secs(60));
        sb.stream("s").unwrap()
    }

    #[test]
    fn the_capacity_is_what_the_shards_give() {
        let rows = capacity_rows(StreamMode::Provisioned, 2);
        assert_eq!(
            rows,
            vec![
                ("Capacity mode", "Provisioned".to_string()),
                ("Provisioned shards", "2".to_string()),
                (
                    "Write capacity",
                    "Maximum 2 MiB/second and 2,000 records/second".to_string()
                ),
                ("Read capacity", "Maximum 4 MiB/second".to_string()),
            ]
        );
        let s = stream();
        assert_eq!(capacity_rows(s.mode, s.open_shards), rows);
        let rows = capacity_rows(StreamMode::OnDemand, ON_DEMAND_SHARDS);
        assert_eq!(rows[1], ("Open shards", "4".to_string()));
        assert_eq!(rows[2].1, "Maximum 4 MiB/second and 4,000 records/second");
        assert!(capacity_note(StreamMode::OnDemand).contains("start with 4 shards"));
        assert!(capacity_note(StreamMode::Provisioned).contains("1,000 records/second"));
        assert_eq!(
            capacity_rows(StreamMode::Provisioned, 500)[2].1,
            "Maximum 500 MiB/second and 500,000 records/second"
        );
    }

    #[test]
    fn the_details_tab_is_observed_for_the_labs() {
        let s = stream();
        let seen = observations(&s);
        assert_eq!(
            seen,
            vec![
                Observation::new(CAPACITY_VIEWED)
                    .with("mode", "PROVISIONED")
                    .with("shards", 2)
                    .with("page", "details")
                    .with("stream", "s"),
                Observation::new(SHARDS_VIEWED)
                    .with("stream", "s")
                    .with("shards", 2),
            ]
        );
        let mut creating = Sandbox::new(SandboxConfig::default());
        creating
            .call(
                &format!("{KINESIS}.CreateStream"),
                json!({"StreamName": "c", "ShardCount": 3}),
            )
            .unwrap();
        let seen = observations(&creating.stream("c").unwrap());
        assert_eq!(seen.len(), 1, "no shards to look at while it is created");
        assert_eq!(seen[0].facts["shards"], 3);
    }

    #[test]
    fn unknown_tabs_open_details() {
        assert_eq!(tab("tags"), "tags");
        assert_eq!(tab("nope"), "details");
        assert_eq!(tab(""), "details");
    }

    #[test]
    fn retention_goes_down_or_up_from_the_current_hours() {
        let s = stream();
        let mut f = Settings::new(&s);
        assert_eq!(f.retention, "24");
        assert_eq!(f.target_shards, "2");
        f.apply(SettingsAction::Retention(" 48 ".into()));
        let r = f.retention_request("s", 72);
        assert_eq!(r.target, "Kinesis_20131202.DecreaseStreamRetentionPeriod");
        assert_eq!(r.body["RetentionPeriodHours"], 48);
        let r = f.retention_request("s", 24);
        assert_eq!(r.target, "Kinesis_20131202.IncreaseStreamRetentionPeriod");
        f.apply(SettingsAction::Retention("a week".into()));
        let r = f.retention_request("s", 24);
        assert_eq!(r.target, "Kinesis_20131202.IncreaseStreamRetentionPeriod");
        assert_eq!(r.body["RetentionPeriodHours"], "a week");
    }

    #[test]
    fn the_details_tab_builds_its_requests() {
        let mut f = Settings::new(&stream());
        f.apply(SettingsAction::TargetShards("4".into()));
        assert_eq!(
            f.shard_count_request("s").body,
            json!({"StreamName": "s", "TargetShardCount": 4, "ScalingType": "UNIFORM_SCALING"})
        );
        assert!(!f.can_delete("s"));
        f.apply(SettingsAction::ConfirmDelete("s".into()));
        assert!(f.can_delete("s"));
        assert_eq!(delete_request("s").body["EnforceConsumerDeletion"], true);
        assert_eq!(
            encryption_request("s", None).body["KeyId"],
            "alias/aws/kinesis"
        );
        assert_eq!(
            encryption_request("s", Some("k")).target,
            "Kinesis_20131202.StopStreamEncryption"
        );
        assert_eq!(
            metrics_request("s", true).target,
            "Kinesis_20131202.DisableEnhancedMonitoring"
        );
        let e = ApiError::new(crate::engine::ErrorKind::LimitExceededException, "no");
        f.apply(SettingsAction::Answered(Some(e.clone())));
        assert_eq!(f.error, Some(e));
    }

    #[test]
    fn the_data_viewer_reads_a_shard_through_the_api() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        sb.call(
            &format!("{KINESIS}.CreateStream"),
            json!({"StreamName": "s", "ShardCount": 1}),
        )
        .unwrap();
        sb.advance(std::time::Duration::from_secs(60));
        for data in ["aGVsbG8=", "/w=="] {
            sb.call(
                &format!("{KINESIS}.PutRecord"),
                json!({"StreamName": "s", "PartitionKey": "k", "Data": data}),
            )
            .unwrap();
        }
        let mut v = Viewer::new(&sb.stream("s").unwrap());
        assert_eq!(v.shard, "shardId-000000000000");
        let it = v.iterator_request("s");
        let out = sb.call(it.target, it.body).unwrap();
        let read = read_request(out["ShardIterator"].as_str().unwrap());
        let out = sb.call(read.target, read.body).unwrap();
        v.apply(ViewerAction::Read(out));
        assert!(v.fetched);
        assert_eq!(v.records.len(), 2);
        assert_eq!(v.records[0].data, "hello");
        assert_eq!(v.records[0].partition_key, "k");
        assert_eq!(v.records[1].data, "(binary, 1 bytes) /w==");
        assert!(v.records[0].arrival.ends_with(" UTC"));
        assert!(v.next.is_some());
        assert_eq!(v.behind, Some(0));
    }

    #[test]
    fn consumer_and_tag_fields_empty_after_success() {
        let mut c = Consumers::default();
        c.apply(ConsumersAction::Name("app".into()));
        assert_eq!(c.register_request("arn:s").body["ConsumerName"], "app");
        c.apply(ConsumersAction::Registered);
        assert_eq!(c, Consumers::default());
        assert_eq!(
            deregister_request("arn:s", "app").target,
            "Kinesis_20131202.DeregisterStreamConsumer"
        );
        let mut t = Tags::default();
        t.apply(TagsAction::Key("team".into()));
        t.apply(TagsAction::Value("data".into()));
        assert_eq!(t.add_request("s").body["Tags"], json!({"team": "data"}));
        t.apply(TagsAction::Added);
        assert_eq!(t, Tags::default());
        assert_eq!(
            remove_tag_request("s", "team").body["TagKeys"],
            json!(["team"])
        );
    }
}
