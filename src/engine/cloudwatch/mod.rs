//! Amazon CloudWatch metrics (`CloudWatch.*`) and CloudWatch Logs (`Logs.*`, boto3's camelCase
//! fields). Metrics are kept per minute; both stores are bounded.

use super::body::Body;
use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service, Target};
use super::{ApiError, Sandbox, SimTime};
use crate::engine::ErrorKind;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, VecDeque};

mod cli;
pub mod subscription;
pub use subscription::SubscriptionFilter;

/// Minutes of per-minute data kept for each series (two days).
pub const KEEP_MINUTES: usize = 2 * 24 * 60;
/// Events kept per log stream; older ones are dropped first (and counted).
pub const KEEP_EVENTS: usize = 10_000;

/// One minute of one series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Datapoint {
    /// Epoch millis at the start of the minute.
    pub minute: i64,
    pub sum: f64,
    pub count: u64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Series {
    pub unit: String,
    pub points: VecDeque<Datapoint>,
}

/// Identifies a series: namespace, metric name and its dimensions (sorted by name).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MetricId {
    pub namespace: String,
    pub name: String,
    pub dimensions: Vec<(String, String)>,
}

impl MetricId {
    pub fn new(namespace: &str, name: &str, dimensions: &[(&str, &str)]) -> Self {
        let mut dimensions: Vec<(String, String)> = dimensions
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        dimensions.sort();
        Self {
            namespace: namespace.into(),
            name: name.into(),
            dimensions,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEvent {
    pub timestamp: i64,
    pub ingestion_time: i64,
    pub message: String,
    pub id: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LogStream {
    pub name: String,
    pub created: i64,
    pub events: VecDeque<LogEvent>,
    pub dropped: u64,
    pub stored_bytes: u64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LogGroup {
    pub name: String,
    pub created: i64,
    pub streams: BTreeMap<String, LogStream>,
    #[serde(default)]
    pub subscriptions: Vec<SubscriptionFilter>,
}

/// Metrics and logs of the account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CloudWatch {
    #[serde(with = "series_list")]
    series: BTreeMap<MetricId, Series>,
    groups: BTreeMap<String, LogGroup>,
    next_event_id: u64,
    /// Subscription envelopes waiting for the next tick.
    #[serde(default)]
    outbox: Vec<subscription::Outgoing>,
}

/// JSON objects need string keys: the series are saved as a list.
mod series_list {
    use super::{MetricId, Series};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::collections::BTreeMap;

    pub fn serialize<S: Serializer>(
        m: &BTreeMap<MetricId, Series>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        m.iter().collect::<Vec<_>>().serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<BTreeMap<MetricId, Series>, D::Error> {
        Ok(Vec::<(MetricId, Series)>::deserialize(d)?
            .into_iter()
            .collect())
    }
}

const MINUTE: i64 = 60_000;

impl Series {
    /// Adds a sample at `time` to its minute's point.
    fn add(&mut self, unit: &str, time: SimTime, value: f64) {
        let minute = time.epoch_millis().div_euclid(MINUTE) * MINUTE;
        if self.unit.is_empty() {
            self.unit = unit.to_string();
        }
        match self.points.back_mut() {
            Some(p) if p.minute == minute => {
                p.sum += value;
                p.count += 1;
                p.min = p.min.min(value);
                p.max = p.max.max(value);
            }
            _ => {
                self.points.push_back(Datapoint {
                    minute,
                    sum: value,
                    count: 1,
                    min: value,
                    max: value,
                });
                if self.points.len() > KEEP_MINUTES {
                    self.points.pop_front();
                }
            }
        }
    }
}

/// A series id as borrowed parts, to look a series up without building its [`MetricId`].
struct MetricParts<'a> {
    namespace: &'a str,
    name: &'a str,
    dimensions: &'a [(&'a str, &'a str)],
}

/// What [`MetricId`] and [`MetricParts`] share, ordered as `MetricId`'s derived order is
/// (namespace, name, then the dimensions pairwise), so either finds the same series.
trait MetricKey {
    fn namespace(&self) -> &str;
    fn name(&self) -> &str;
    fn dimension_count(&self) -> usize;
    fn dimension(&self, i: usize) -> (&str, &str);
}

impl MetricKey for MetricId {
    fn namespace(&self) -> &str {
        &self.namespace
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn dimension_count(&self) -> usize {
        self.dimensions.len()
    }
    fn dimension(&self, i: usize) -> (&str, &str) {
        let (k, v) = &self.dimensions[i];
        (k, v)
    }
}

impl MetricKey for MetricParts<'_> {
    fn namespace(&self) -> &str {
        self.namespace
    }
    fn name(&self) -> &str {
        self.name
    }
    fn dimension_count(&self) -> usize {
        self.dimensions.len()
    }
    fn dimension(&self, i: usize) -> (&str, &str) {
        self.dimensions[i]
    }
}

impl<'a> std::borrow::Borrow<dyn MetricKey + 'a> for MetricId {
    fn borrow(&self) -> &(dyn MetricKey + 'a) {
        self
    }
}

impl Ord for dyn MetricKey + '_ {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.namespace()
            .cmp(other.namespace())
            .then_with(|| self.name().cmp(other.name()))
            .then_with(|| {
                let (a, b) = (self.dimension_count(), other.dimension_count());
                (0..a.min(b))
                    .map(|i| self.dimension(i).cmp(&other.dimension(i)))
                    .find(|o| o.is_ne())
                    .unwrap_or(a.cmp(&b))
            })
    }
}

impl PartialOrd for dyn MetricKey + '_ {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for dyn MetricKey + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for dyn MetricKey + '_ {}

impl CloudWatch {
    /// Records one sample of a metric at `time`.
    pub fn put_metric(&mut self, id: MetricId, unit: &str, time: SimTime, value: f64) {
        let series = self.series.entry(id).or_default();
        series.add(unit, time, value);
    }

    /// [`CloudWatch::put_metric`] from the id's parts, building the id only for a new series:
    /// services record several metrics every simulated second.
    pub fn put_metric_parts(
        &mut self,
        namespace: &str,
        name: &str,
        dimensions: &[(&str, &str)],
        unit: &str,
        time: SimTime,
        value: f64,
    ) {
        let parts = MetricParts {
            namespace,
            name,
            dimensions,
        };
        if dimensions.is_sorted() {
            if let Some(series) = self.series.get_mut(&parts as &dyn MetricKey) {
                series.add(unit, time, value);
                return;
            }
        }
        self.put_metric(
            MetricId::new(namespace, name, dimensions),
            unit,
            time,
            value,
        );
    }
    /// The per-minute points of a series, oldest first.
    pub fn series(&self, id: &MetricId) -> Option<&Series> {
        self.series.get(id)
    }

    /// The sum of a series over all kept minutes.
    pub fn total(&self, id: &MetricId) -> f64 {
        self.series
            .get(id)
            .map(|s| s.points.iter().map(|p| p.sum).sum())
            .unwrap_or(0.0)
    }

    /// Every log group, by name (for the logs view).
    pub fn log_groups(&self) -> impl Iterator<Item = &LogGroup> {
        self.groups.values()
    }

    pub fn log_group(&self, name: &str) -> Option<&LogGroup> {
        self.groups.get(name)
    }

    pub fn ensure_log_stream(&mut self, group: &str, stream: &str, now: SimTime) {
        let g = self
            .groups
            .entry(group.to_string())
            .or_insert_with(|| LogGroup {
                name: group.to_string(),
                created: now.epoch_millis(),
                streams: BTreeMap::new(),
                subscriptions: Vec::new(),
            });
        g.streams
            .entry(stream.to_string())
            .or_insert_with(|| LogStream {
                name: stream.to_string(),
                created: now.epoch_millis(),
                ..Default::default()
            });
    }

    fn append(
        &mut self,
        group: &str,
        stream: &str,
        timestamp: i64,
        message: String,
        now: SimTime,
    ) -> bool {
        let id = self.next_event_id;
        let Some(s) = self
            .groups
            .get_mut(group)
            .and_then(|g| g.streams.get_mut(stream))
        else {
            return false;
        };
        self.next_event_id += 1;
        s.stored_bytes += message.len() as u64;
        s.events.push_back(LogEvent {
            timestamp,
            ingestion_time: now.epoch_millis(),
            message,
            id,
        });
        if s.events.len() > KEEP_EVENTS {
            if let Some(old) = s.events.pop_front() {
                s.stored_bytes -= old.message.len() as u64;
                s.dropped += 1;
            }
        }
        true
    }
}

impl Sandbox {
    /// Metrics and logs, for charts and the logs view.
    pub fn cloudwatch(&self) -> &CloudWatch {
        &self.cloudwatch
    }
}

fn time_field(body: Body, name: &str) -> Result<Option<i64>, ApiError> {
    if let Ok(Some(t)) = body.string(name) {
        return SimTime::from_rfc3339(t)
            .map(|t| Some(t.epoch_millis()))
            .ok_or_else(|| ApiError::invalid_parameter(format!("Invalid {name}: {t}")));
    }
    body.timestamp_millis(name)
}

trait InvalidParameter {
    fn invalid_parameter(message: impl Into<String>) -> ApiError;
}

impl InvalidParameter for ApiError {
    fn invalid_parameter(message: impl Into<String>) -> ApiError {
        ApiError::new(ErrorKind::InvalidParameterValue, message)
    }
}

fn required<'a>(body: Body<'a>, name: &str) -> Result<&'a str, ApiError> {
    body.string(name)?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::ParamValidationError,
            format!("Missing required parameter in input: \"{name}\""),
        )
    })
}

fn dims(body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let mut out = Vec::new();
    for d in body.list("Dimensions")?.into_iter().flatten() {
        let (Some(n), Some(v)) = (d["Name"].as_str(), d["Value"].as_str()) else {
            return Err(ApiError::new(
                ErrorKind::InvalidParameterValue,
                "Each dimension needs a Name and a Value.",
            ));
        };
        out.push((n.to_string(), v.to_string()));
    }
    out.sort();
    Ok(out)
}

fn stat_value(p: &[&Datapoint], stat: &str) -> Option<f64> {
    let sum: f64 = p.iter().map(|d| d.sum).sum();
    let count: u64 = p.iter().map(|d| d.count).sum();
    match stat {
        "Sum" => Some(sum),
        "SampleCount" => Some(count as f64),
        "Average" => Some(if count == 0 { 0.0 } else { sum / count as f64 }),
        "Minimum" => p.iter().map(|d| d.min).reduce(f64::min),
        "Maximum" => p.iter().map(|d| d.max).reduce(f64::max),
        _ => None,
    }
}

/// Buckets of `period` seconds from `start`, each with the minutes inside it.
fn buckets(s: &Series, start: i64, end: i64, period: i64) -> Vec<(i64, Vec<&Datapoint>)> {
    let mut out: BTreeMap<i64, Vec<&Datapoint>> = BTreeMap::new();
    for p in s
        .points
        .iter()
        .filter(|p| p.minute >= start && p.minute < end)
    {
        let b = start + (p.minute - start).div_euclid(period * 1000) * period * 1000;
        out.entry(b).or_default().push(p);
    }
    out.into_iter().collect()
}

/// Amazon CloudWatch in the registry.
pub const METRICS_SERVICE: Service = Service {
    prefix: "CloudWatch",
    operations: &[
        reads("GetMetricStatistics", |sb, body| {
            get_metric_statistics(&mut sb.ctx(), body)
        }),
        reads("GetMetricData", |sb, body| {
            get_metric_data(&mut sb.ctx(), body)
        }),
        reads("ListMetrics", |sb, body| list_metrics(&mut sb.ctx(), body)),
    ],
    resource_fields: &[],
    on_time_passed: None,
    cli: None,
};

fn list_metrics(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let ns = body.string("Namespace")?;
    let metrics: Vec<Value> = cx
            .state
            .series
            .keys()
            .filter(|k| ns.is_none_or(|n| n == k.namespace))
            .map(|k| json!({
                "Namespace": k.namespace, "MetricName": k.name,
                "Dimensions": k.dimensions.iter().map(|(n, v)| json!({"Name": n, "Value": v})).collect::<Vec<_>>(),
            }))
            .collect();
    Ok(json!({ "Metrics": metrics }))
}

fn period_of(p: Option<i64>) -> Result<i64, ApiError> {
    match p {
        Some(p) if p >= 60 && p % 60 == 0 => Ok(p),
        Some(p) if [1, 5, 10, 30].contains(&p) => Ok(60),
        Some(p) => Err(ApiError::new(
            ErrorKind::InvalidParameterValue,
            format!("The parameter Period must be 1, 5, 10, 30, or a multiple of 60 (got {p})."),
        )),
        None => Err(ApiError::new(
            ErrorKind::MissingParameter,
            "The parameter Period is required.",
        )),
    }
}

/// A time parameter CloudWatch requires, with its message when it is missing.
fn required_time(body: Body, field: &str) -> Result<i64, ApiError> {
    time_field(body, field)?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::MissingParameter,
            format!("The parameter {field} is required."),
        )
    })
}

fn get_metric_statistics(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let id = MetricId {
        namespace: required(body, "Namespace")?.to_string(),
        name: required(body, "MetricName")?.to_string(),
        dimensions: dims(body)?,
    };
    let start = required_time(body, "StartTime")?;
    let end = required_time(body, "EndTime")?;
    if end <= start {
        return Err(ApiError::new(
            ErrorKind::InvalidParameterValue,
            "The parameter StartTime must be less than the parameter EndTime.",
        ));
    }
    let period = period_of(body.integer("Period")?)?;
    let stats: Vec<String> = body
        .list("Statistics")?
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if stats.is_empty() {
        return Err(ApiError::new(
            ErrorKind::InvalidParameterCombination,
            "Must specify either Statistics or ExtendedStatistics.",
        ));
    }
    let mut datapoints = Vec::new();
    if let Some(s) = cx.state.series.get(&id) {
        for (t, pts) in buckets(s, start, end, period) {
            let mut d = json!({"Timestamp": t as f64 / 1000.0, "Unit": s.unit});
            for st in &stats {
                let v = stat_value(&pts, st).ok_or_else(|| {
                    ApiError::new(
                        ErrorKind::InvalidParameterValue,
                        format!("Unknown statistic {st}"),
                    )
                })?;
                d[st.as_str()] = json!(v);
            }
            datapoints.push(d);
        }
    }
    Ok(json!({"Label": id.name, "Datapoints": datapoints}))
}

fn get_metric_data(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let start = required_time(body, "StartTime")?;
    let end = required_time(body, "EndTime")?;
    let ascending = body.string("ScanBy")? == Some("TimestampAscending");
    let queries = body.list("MetricDataQueries")?.ok_or_else(|| {
        ApiError::new(
            ErrorKind::MissingParameter,
            "The parameter MetricDataQueries is required.",
        )
    })?;
    let mut results = Vec::new();
    for q in queries {
        let q = Body::of(q)?;
        let qid = required(q, "Id")?;
        if q.has("Expression") {
            return Err(ApiError::new(
                ErrorKind::InvalidParameterValue,
                "Metric math expressions are not available in the sandbox yet.",
            ));
        }
        let ms = q.object("MetricStat")?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidParameterValue,
                "Each query needs a MetricStat or an Expression.",
            )
        })?;
        let metric = ms.object("Metric")?.ok_or_else(|| {
            ApiError::new(
                ErrorKind::InvalidParameterValue,
                "MetricStat needs a Metric.",
            )
        })?;
        let id = MetricId {
            namespace: required(metric, "Namespace")?.to_string(),
            name: required(metric, "MetricName")?.to_string(),
            dimensions: dims(metric)?,
        };
        let period = period_of(ms.integer("Period")?)?;
        let stat = required(ms, "Stat")?;
        let mut pairs: Vec<(i64, f64)> = Vec::new();
        if let Some(s) = cx.state.series.get(&id) {
            for (t, pts) in buckets(s, start, end, period) {
                let v = stat_value(&pts, stat).ok_or_else(|| {
                    ApiError::new(
                        ErrorKind::InvalidParameterValue,
                        format!("Unknown statistic {stat}"),
                    )
                })?;
                pairs.push((t, v));
            }
        }
        if !ascending {
            pairs.reverse();
        }
        if q.boolean("ReturnData")? == Some(false) {
            continue;
        }
        results.push(json!({
            "Id": qid,
            "Label": q.string("Label")?.unwrap_or(&id.name),
            "Timestamps": pairs.iter().map(|(t, _)| *t as f64 / 1000.0).collect::<Vec<_>>(),
            "Values": pairs.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
            "StatusCode": "Complete",
        }));
    }
    Ok(json!({"MetricDataResults": results, "Messages": []}))
}

fn no_group() -> ApiError {
    ApiError::resource_not_found("The specified log group does not exist.")
}

fn no_stream() -> ApiError {
    ApiError::resource_not_found("The specified log stream does not exist.")
}

/// Operations other services call through [`Sandbox::call_typed`].
pub const PUT_LOG_EVENTS: Target = LOGS_SERVICE.target("PutLogEvents");

/// Amazon CloudWatch Logs in the registry.
pub const LOGS_SERVICE: Service = Service {
    prefix: "Logs",
    operations: &[
        changes("CreateLogGroup", |sb, body| {
            create_log_group(&mut sb.ctx(), body)
        }),
        changes("CreateLogStream", |sb, body| {
            create_log_stream(&mut sb.ctx(), body)
        }),
        changes("PutLogEvents", |sb, body| {
            put_log_events(&mut sb.ctx(), body)
        }),
        reads("DescribeLogGroups", |sb, body| {
            describe_log_groups(&mut sb.ctx(), body)
        }),
        reads("DescribeLogStreams", |sb, body| {
            describe_log_streams(&mut sb.ctx(), body)
        }),
        reads("GetLogEvents", |sb, body| {
            get_log_events(&mut sb.ctx(), body)
        }),
        reads("FilterLogEvents", |sb, body| {
            filter_log_events(&mut sb.ctx(), body)
        }),
        changes(
            "PutSubscriptionFilter",
            subscription::put_subscription_filter,
        ),
        reads("DescribeSubscriptionFilters", |sb, body| {
            subscription::describe_subscription_filters(&mut sb.ctx(), body)
        }),
        changes("DeleteSubscriptionFilter", |sb, body| {
            subscription::delete_subscription_filter(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["logGroupName"],
    on_time_passed: Some(subscription::deliver),
    cli: Some(CliService {
        name: "logs",
        commands: cli::COMMANDS,
    }),
};

fn create_log_group(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let now = cx.now;
    let name = required(body, "logGroupName")?;
    if cx.state.groups.contains_key(name) {
        return Err(ApiError::new(
            ErrorKind::ResourceAlreadyExistsException,
            "The specified log group already exists",
        ));
    }
    cx.state.groups.insert(
        name.to_string(),
        LogGroup {
            name: name.to_string(),
            created: now.epoch_millis(),
            streams: BTreeMap::new(),
            subscriptions: Vec::new(),
        },
    );
    Ok(json!({}))
}

fn create_log_stream(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let now = cx.now;
    let g = required(body, "logGroupName")?;
    let s = required(body, "logStreamName")?;
    let group = cx.state.groups.get(g).ok_or_else(no_group)?;
    if group.streams.contains_key(s) {
        return Err(ApiError::new(
            ErrorKind::ResourceAlreadyExistsException,
            "The specified log stream already exists",
        ));
    }
    cx.state.ensure_log_stream(g, s, now);
    Ok(json!({}))
}

fn put_log_events(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let now = cx.now;
    let g = required(body, "logGroupName")?;
    let s = required(body, "logStreamName")?;
    let events: Vec<(i64, String)> = body
        .list("logEvents")?
        .into_iter()
        .flatten()
        .map(|e| {
            let ts = e["timestamp"].as_i64().unwrap_or(now.epoch_millis());
            (ts, e["message"].as_str().unwrap_or("").to_string())
        })
        .collect();
    append_log_events(cx.state, cx.now, g, s, events)?;
    Ok(json!({}))
}

/// PutLogEvents after its body is read: `(timestamp ms, message)` pairs into an existing log
/// stream. Services log through it with [`Sandbox::call_typed`] as [`PUT_LOG_EVENTS`].
pub(crate) fn put_log_events_typed(
    sb: &mut Sandbox,
    group: &str,
    stream: &str,
    events: Vec<(i64, String)>,
) -> Result<(), ApiError> {
    let cx: Ctx<'_, CloudWatch> = sb.ctx();
    append_log_events(cx.state, cx.now, group, stream, events)
}

fn append_log_events(
    logs: &mut CloudWatch,
    now: SimTime,
    group: &str,
    stream: &str,
    events: Vec<(i64, String)>,
) -> Result<(), ApiError> {
    let g = logs.groups.get(group).ok_or_else(no_group)?;
    if !g.streams.contains_key(stream) {
        return Err(no_stream());
    }
    let first = logs.next_event_id;
    for (ts, message) in events {
        logs.append(group, stream, ts, message, now);
    }
    logs.subscribe_events(group, stream, first);
    Ok(())
}

fn describe_log_groups(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let prefix = body.string("logGroupNamePrefix")?.unwrap_or("");
    let limit = body.integer("limit")?.unwrap_or(50).clamp(1, 50) as usize;
    let after = body.string("nextToken")?;
    let arn_base = cx.arn("logs", "log-group:");
    let all: Vec<&LogGroup> = cx
        .state
        .groups
        .values()
        .filter(|g| g.name.starts_with(prefix) && after.is_none_or(|a| g.name.as_str() > a))
        .collect();
    let page = &all[..all.len().min(limit)];
    let mut out = json!({"logGroups": page.iter().map(|g| json!({
            "logGroupName": g.name,
            "creationTime": g.created,
            "metricFilterCount": 0,
            "arn": format!("{arn_base}{}:*", g.name),
            "storedBytes": g.streams.values().map(|s| s.stored_bytes).sum::<u64>(),
        })).collect::<Vec<_>>()});
    if all.len() > page.len() {
        out["nextToken"] = json!(page.last().map(|g| g.name.clone()));
    }
    Ok(out)
}

fn describe_log_streams(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let g = required(body, "logGroupName")?;
    let group = cx.state.groups.get(g).ok_or_else(no_group)?;
    let prefix = body.string("logStreamNamePrefix")?.unwrap_or("");
    let by_time = body.string("orderBy")? == Some("LastEventTime");
    let descending = body.boolean("descending")?.unwrap_or(false);
    let limit = body.integer("limit")?.unwrap_or(50).clamp(1, 50) as usize;
    let mut streams: Vec<&LogStream> = group
        .streams
        .values()
        .filter(|s| s.name.starts_with(prefix))
        .collect();
    if by_time {
        streams.sort_by_key(|s| s.events.back().map(|e| e.timestamp).unwrap_or(0));
    }
    if descending {
        streams.reverse();
    }
    streams.truncate(limit);
    let arn_base = cx.arn("logs", &format!("log-group:{g}:log-stream:"));
    Ok(json!({"logStreams": streams.iter().map(|s| {
            let mut v = json!({
                "logStreamName": s.name,
                "creationTime": s.created,
                "arn": format!("{arn_base}{}", s.name),
                "storedBytes": s.stored_bytes,
            });
            if let (Some(first), Some(last)) = (s.events.front(), s.events.back()) {
                v["firstEventTimestamp"] = json!(first.timestamp);
                v["lastEventTimestamp"] = json!(last.timestamp);
                v["lastIngestionTime"] = json!(last.ingestion_time);
            }
            v
        }).collect::<Vec<_>>()}))
}

fn get_log_events(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let g = required(body, "logGroupName")?;
    let s = required(body, "logStreamName")?;
    let group = cx.state.groups.get(g).ok_or_else(no_group)?;
    let stream = group.streams.get(s).ok_or_else(no_stream)?;
    let start = time_field(body, "startTime")?.unwrap_or(i64::MIN);
    let end = time_field(body, "endTime")?.unwrap_or(i64::MAX);
    let limit = body.integer("limit")?.unwrap_or(10_000).clamp(1, 10_000) as usize;
    let from_head = body.boolean("startFromHead")?.unwrap_or(false);
    let token = body.string("nextToken")?;
    // Tokens carry the event id to continue from: `f/<id>` forwards, `b/<id>` backwards.
    let (forward, pivot) = match token {
        Some(t) => {
            let (dir, id) = t.split_once('/').ok_or_else(|| {
                ApiError::new(
                    ErrorKind::InvalidParameterException,
                    "The specified nextToken is invalid.",
                )
            })?;
            let id: u64 = id.parse().map_err(|_| {
                ApiError::new(
                    ErrorKind::InvalidParameterException,
                    "The specified nextToken is invalid.",
                )
            })?;
            (dir == "f", Some(id))
        }
        None => (from_head, None),
    };
    let matching: Vec<&LogEvent> = stream
        .events
        .iter()
        .filter(|e| e.timestamp >= start && e.timestamp < end)
        .filter(|e| match (forward, pivot) {
            (true, Some(p)) => e.id > p,
            (false, Some(p)) => e.id < p,
            _ => true,
        })
        .collect();
    let page: Vec<&LogEvent> = if forward {
        matching.iter().take(limit).copied().collect()
    } else {
        matching[matching.len().saturating_sub(limit)..].to_vec()
    };
    let next_f = page
        .last()
        .map(|e| e.id)
        .or(pivot.map(|p| p.saturating_sub(1)))
        .unwrap_or(0);
    let next_b = page.first().map(|e| e.id).or(pivot).unwrap_or(0);
    Ok(json!({
        "events": page.iter().map(|e| json!({"timestamp": e.timestamp, "message": e.message, "ingestionTime": e.ingestion_time})).collect::<Vec<_>>(),
        "nextForwardToken": format!("f/{next_f}"),
        "nextBackwardToken": format!("b/{next_b}"),
    }))
}

fn filter_log_events(cx: &mut Ctx<'_, CloudWatch>, body: Body) -> Result<Value, ApiError> {
    let g = required(body, "logGroupName")?;
    let group = cx.state.groups.get(g).ok_or_else(no_group)?;
    let names: Option<Vec<String>> = body.list("logStreamNames")?.map(|l| {
        l.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    });
    let prefix = body.string("logStreamNamePrefix")?.unwrap_or("");
    let pattern = body.string("filterPattern")?.unwrap_or("");
    let terms = filter_terms(pattern);
    let start = time_field(body, "startTime")?.unwrap_or(i64::MIN);
    let end = time_field(body, "endTime")?.unwrap_or(i64::MAX);
    let limit = body.integer("limit")?.unwrap_or(10_000).clamp(1, 10_000) as usize;
    let mut events = Vec::new();
    let mut searched = Vec::new();
    for s in group.streams.values() {
        if names.as_ref().is_some_and(|n| !n.contains(&s.name)) || !s.name.starts_with(prefix) {
            continue;
        }
        searched.push(json!({"logStreamName": s.name, "searchedCompletely": true}));
        for e in &s.events {
            if e.timestamp >= start
                && e.timestamp < end
                && terms.iter().all(|t| e.message.contains(t.as_str()))
            {
                events.push((e.timestamp, e.id, s.name.as_str(), e));
            }
        }
    }
    events.sort_by_key(|(t, id, _, _)| (*t, *id));
    events.truncate(limit);
    Ok(json!({
        "events": events.iter().map(|(_, _, name, e)| json!({
            "logStreamName": name, "timestamp": e.timestamp, "message": e.message,
            "ingestionTime": e.ingestion_time, "eventId": e.id.to_string(),
        })).collect::<Vec<_>>(),
        "searchedLogStreams": searched,
    }))
}

/// A filter pattern's terms: words, or `"quoted phrases"`; all must appear.
fn filter_terms(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = pattern.trim();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('"') {
            let end = r.find('"').unwrap_or(r.len());
            out.push(r[..end].to_string());
            rest = r.get(end + 1..).unwrap_or("").trim_start();
        } else {
            let end = rest.find(' ').unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = rest[end..].trim_start();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn metrics_per_minute_and_statistics() {
        let mut sb = Sandbox::default();
        let t0 = sb.now();
        let id = MetricId::new(
            "AWS/Firehose",
            "IncomingRecords",
            &[("DeliveryStreamName", "f")],
        );
        for i in 0..180 {
            sb.cloudwatch
                .put_metric(id.clone(), "Count", t0 + Duration::from_secs(i), 2.0);
        }
        let out = sb
            .call(
                "CloudWatch.GetMetricStatistics",
                json!({"Namespace": "AWS/Firehose", "MetricName": "IncomingRecords",
                       "Dimensions": [{"Name": "DeliveryStreamName", "Value": "f"}],
                       "StartTime": t0.epoch_seconds(), "EndTime": t0.epoch_seconds() + 600.0,
                       "Period": 120, "Statistics": ["Sum", "SampleCount", "Maximum"]}),
            )
            .unwrap();
        let dps = out["Datapoints"].as_array().unwrap();
        assert_eq!(dps.len(), 2);
        assert_eq!(dps[0]["Sum"], 240.0);
        assert_eq!(dps[1]["SampleCount"], 60.0);
        assert_eq!(dps[0]["Unit"], "Count");
        let out = sb
            .call(
                "CloudWatch.GetMetricData",
                json!({"StartTime": t0.to_rfc3339(), "EndTime": t0.epoch_seconds() + 600.0,
                       "MetricDataQueries": [{"Id": "m1", "MetricStat": {"Metric": {"Namespace": "AWS/Firehose", "MetricName": "IncomingRecords",
                           "Dimensions": [{"Name": "DeliveryStreamName", "Value": "f"}]}, "Period": 60, "Stat": "Sum"}}]}),
            )
            .unwrap();
        assert_eq!(
            out["MetricDataResults"][0]["Values"],
            json!([120.0, 120.0, 120.0])
        );
        let e = sb
            .call(
                "CloudWatch.GetMetricStatistics",
                json!({"Namespace": "a", "MetricName": "b", "StartTime": 10, "EndTime": 5, "Period": 60, "Statistics": ["Sum"]}),
            )
            .unwrap_err();
        assert_eq!(e.error_type(), "InvalidParameterValue");
    }

    #[test]
    fn series_are_bounded() {
        let mut cw = CloudWatch::default();
        let id = MetricId::new("N", "M", &[]);
        for m in 0..(KEEP_MINUTES as u64 + 10) {
            cw.put_metric(
                id.clone(),
                "Count",
                SimTime::DEFAULT_START + Duration::from_secs(60 * m),
                1.0,
            );
        }
        assert_eq!(cw.series(&id).unwrap().points.len(), KEEP_MINUTES);
    }

    #[test]
    fn logs_round_trip() {
        let mut sb = Sandbox::default();
        let e = sb
            .call("Logs.DescribeLogStreams", json!({"logGroupName": "/x"}))
            .unwrap_err();
        assert_eq!(e.message(), Some("The specified log group does not exist."));
        sb.call(
            "Logs.CreateLogGroup",
            json!({"logGroupName": "/aws/kinesisfirehose/f"}),
        )
        .unwrap();
        sb.call(
            "Logs.CreateLogStream",
            json!({"logGroupName": "/aws/kinesisfirehose/f", "logStreamName": "S3Delivery"}),
        )
        .unwrap();
        for (i, m) in [
            "first error S3.AccessDenied",
            "second ok",
            "third S3.AccessDenied again",
        ]
        .iter()
        .enumerate()
        {
            sb.call(
                "Logs.PutLogEvents",
                json!({"logGroupName": "/aws/kinesisfirehose/f", "logStreamName": "S3Delivery",
                "logEvents": [{"timestamp": 1000 + i as i64, "message": m}]}),
            )
            .unwrap();
        }
        let groups = sb
            .call(
                "Logs.DescribeLogGroups",
                json!({"logGroupNamePrefix": "/aws/kinesis"}),
            )
            .unwrap();
        assert_eq!(
            groups["logGroups"][0]["logGroupName"],
            "/aws/kinesisfirehose/f"
        );
        let streams = sb
            .call(
                "Logs.DescribeLogStreams",
                json!({"logGroupName": "/aws/kinesisfirehose/f"}),
            )
            .unwrap();
        assert_eq!(streams["logStreams"][0]["lastEventTimestamp"], 1002);
        let got = sb.call("Logs.GetLogEvents", json!({"logGroupName": "/aws/kinesisfirehose/f", "logStreamName": "S3Delivery", "startFromHead": true, "limit": 2})).unwrap();
        assert_eq!(got["events"].as_array().unwrap().len(), 2);
        let next = got["nextForwardToken"].as_str().unwrap();
        let more = sb.call("Logs.GetLogEvents", json!({"logGroupName": "/aws/kinesisfirehose/f", "logStreamName": "S3Delivery", "nextToken": next})).unwrap();
        assert_eq!(more["events"][0]["message"], "third S3.AccessDenied again");
        let found = sb.call("Logs.FilterLogEvents", json!({"logGroupName": "/aws/kinesisfirehose/f", "filterPattern": "S3.AccessDenied"})).unwrap();
        assert_eq!(found["events"].as_array().unwrap().len(), 2);
        assert_eq!(found["events"][0]["logStreamName"], "S3Delivery");
        let none = sb
            .call(
                "Logs.GetLogEvents",
                json!({"logGroupName": "/aws/kinesisfirehose/f", "logStreamName": "nope"}),
            )
            .unwrap_err();
        assert_eq!(
            none.message(),
            Some("The specified log stream does not exist.")
        );
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Samples given by parts land in the same series as samples given by id, whatever
        /// the other series around them, sorted dimensions or not.
        #[test]
        fn parts_and_ids_find_the_same_series(
            ids in proptest::collection::vec(
                ("[ab]{0,2}", "[ab]{0,2}", proptest::collection::vec(("[ab]{0,2}", "[ab]{0,1}"), 0..3)),
                1..12,
            ),
            pick in 0usize..12,
        ) {
            let t0 = SimTime::from_rfc3339("2026-01-01T00:00:00Z").unwrap();
            let mut cw = CloudWatch::default();
            for (ns, name, dims) in &ids {
                let dims: Vec<(&str, &str)> = dims.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                cw.put_metric(MetricId::new(ns, name, &dims), "Count", t0, 1.0);
            }
            let before = cw.series.len();
            let (ns, name, dims) = &ids[pick % ids.len()];
            let dims: Vec<(&str, &str)> = dims.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let id = MetricId::new(ns, name, &dims);
            let had = cw.series(&id).unwrap().points[0].count;
            cw.put_metric_parts(ns, name, &dims, "Count", t0, 1.0);
            proptest::prop_assert_eq!(cw.series.len(), before, "no new series");
            proptest::prop_assert_eq!(cw.series(&id).unwrap().points[0].count, had + 1);
            cw.put_metric_parts("other", name, &dims, "Count", t0, 1.0);
            proptest::prop_assert_eq!(cw.series.len(), before + 1);
        }
    }
}
