//! Subscription filters: a log group's events that match a filter pattern sent on, as
//! CloudWatch Logs sends them — a gzip'd JSON envelope (`DATA_MESSAGE`, with the owner, group,
//! stream, filter names and the matching log events) — to a Firehose stream or a Kinesis data
//! stream, through a role CloudWatch Logs assumes. Making a filter sends the destination a
//! `CONTROL_MESSAGE` first, as CloudWatch Logs does to check it.
//!
//! Events are matched as they are put; what they make waits in an outbox, and goes out on the
//! next tick of the clock (CloudWatch Logs delivers within seconds, not inside the call).

use super::{filter_terms, no_group, required, CloudWatch, LogEvent};
use crate::engine::body::Body;
use crate::engine::context::Ctx;
use crate::engine::firehose;
use crate::engine::registry::Target;
use crate::engine::streams;
use crate::engine::{ApiError, Caller, ErrorKind, Sandbox, SimTime};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::io::Write;

/// Subscription filters a log group may have.
pub const MAX_FILTERS_PER_GROUP: usize = 2;
/// The principal that assumes a subscription's role.
const LOGS_PRINCIPAL: &str = "logs.amazonaws.com";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubscriptionFilter {
    pub name: String,
    pub pattern: String,
    pub destination_arn: String,
    pub role_arn: Option<String>,
    pub distribution: String,
    pub created: i64,
    /// The account id, the envelope's `owner`.
    pub owner: String,
}

/// An envelope on its way to a destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub destination_arn: String,
    pub role_arn: Option<String>,
    #[serde(with = "crate::engine::s3::b64")]
    pub data: Vec<u8>,
}

/// Where a subscription sends its envelopes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    Firehose(String),
    Kinesis(String),
}

impl Destination {
    fn parse(arn: &str) -> Option<Self> {
        let mut parts = arn.splitn(6, ':');
        let (_, _, service, _, _, resource) = (
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
            parts.next()?,
        );
        match service {
            "firehose" => resource
                .strip_prefix("deliverystream/")
                .map(|n| Destination::Firehose(n.to_string())),
            "kinesis" => resource
                .strip_prefix("stream/")
                .map(|n| Destination::Kinesis(n.to_string())),
            _ => None,
        }
    }

    /// The words CloudWatch Logs uses when its test message can't be delivered.
    fn undeliverable(&self) -> ApiError {
        ApiError::new(
            ErrorKind::InvalidParameterException,
            match self {
                Destination::Firehose(_) => "Could not deliver test message to specified Firehose stream. Check if the given Firehose stream is in ACTIVE state.",
                Destination::Kinesis(_) => "Could not deliver test message to specified Kinesis stream. Check if the given kinesis stream is in ACTIVE state.",
            },
        )
    }

    fn put_action(&self) -> (&'static str, &'static str) {
        match self {
            Destination::Firehose(_) => ("firehose", "PutRecordBatch"),
            Destination::Kinesis(_) => ("kinesis", "PutRecords"),
        }
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("writing to memory");
    e.finish().expect("writing to memory")
}

/// A log event id as CloudWatch Logs shows it in an envelope: 56 digits.
fn event_id(e: &LogEvent) -> String {
    format!("{:056}", e.id)
}

/// The `DATA_MESSAGE` for the events of one put that match `filter`.
pub(super) fn data_message(
    filter: &SubscriptionFilter,
    group: &str,
    stream: &str,
    events: &[&LogEvent],
) -> Vec<u8> {
    let events: Vec<Value> = events
        .iter()
        .map(|e| json!({"id": event_id(e), "timestamp": e.timestamp, "message": e.message}))
        .collect();
    let envelope = json!({
        "messageType": "DATA_MESSAGE",
        "owner": filter.owner,
        "logGroup": group,
        "logStream": stream,
        "subscriptionFilters": [filter.name],
        "logEvents": events,
    });
    gzip(envelope.to_string().as_bytes())
}

fn control_message(destination: &Destination, now: SimTime) -> Vec<u8> {
    let kind = match destination {
        Destination::Firehose(_) => "Firehose",
        Destination::Kinesis(_) => "Kinesis",
    };
    let envelope = json!({
        "messageType": "CONTROL_MESSAGE",
        "owner": "CloudwatchLogs",
        "logGroup": "",
        "logStream": "",
        "subscriptionFilters": [],
        "logEvents": [{
            "id": "",
            "timestamp": now.epoch_millis(),
            "message": format!("CWL CONTROL MESSAGE: Checking health of destination {kind}."),
        }],
    });
    gzip(envelope.to_string().as_bytes())
}

/// Whether `message` matches a filter pattern: the empty pattern matches everything; else
/// every term must appear.
pub(super) fn matches(pattern: &str, message: &str) -> bool {
    filter_terms(pattern)
        .iter()
        .all(|t| message.contains(t.as_str()))
}

impl CloudWatch {
    /// Queues what the events just put into `group`/`stream` make for each of the group's
    /// subscription filters.
    pub(super) fn subscribe_events(&mut self, group: &str, stream: &str, first_id: u64) {
        let Some(g) = self.groups.get(group) else {
            return;
        };
        if g.subscriptions.is_empty() {
            return;
        }
        let Some(s) = g.streams.get(stream) else {
            return;
        };
        let new: Vec<&LogEvent> = s.events.iter().filter(|e| e.id >= first_id).collect();
        let mut out = Vec::new();
        for f in &g.subscriptions {
            let matched: Vec<&LogEvent> = new
                .iter()
                .copied()
                .filter(|e| matches(&f.pattern, &e.message))
                .collect();
            if !matched.is_empty() {
                out.push(Outgoing {
                    destination_arn: f.destination_arn.clone(),
                    role_arn: f.role_arn.clone(),
                    data: data_message(f, group, stream, &matched),
                });
            }
        }
        self.outbox.extend(out);
    }

    /// A log group's subscription filters.
    pub fn subscription_filters(&self, group: &str) -> &[SubscriptionFilter] {
        self.groups
            .get(group)
            .map_or(&[], |g| g.subscriptions.as_slice())
    }
}

/// Whether the role lets CloudWatch Logs put into the destination.
fn role_allows(sb: &mut Sandbox, role: Option<&str>, destination: &Destination, arn: &str) -> bool {
    let Some(role) = role else {
        return false;
    };
    let account = sb.config.account_id.clone();
    if sb.iam.assumable(role, LOGS_PRINCIPAL, &account).is_err() {
        return false;
    }
    let (service, action) = destination.put_action();
    sb.iam.allows(
        role,
        LOGS_PRINCIPAL,
        &account,
        &format!("{service}:{action}"),
        arn,
    )
}

/// Whether the destination exists and takes records now.
fn destination_ready(sb: &Sandbox, destination: &Destination) -> bool {
    match destination {
        Destination::Firehose(name) => sb.firehose.get(name).is_some_and(|d| {
            d.status == firehose::DeliveryStreamStatus::Active && d.source.is_none()
        }),
        Destination::Kinesis(name) => sb.streams.get(name).is_some_and(|s| {
            matches!(
                s.status,
                streams::StreamStatus::Active | streams::StreamStatus::Updating
            )
        }),
    }
}

pub(super) fn put_subscription_filter(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let group = required(body, "logGroupName")?.to_string();
    let name = required(body, "filterName")?.to_string();
    let pattern = body
        .string("filterPattern")?
        .ok_or_else(|| missing("filterPattern"))?
        .to_string();
    let arn = required(body, "destinationArn")?.to_string();
    let role = body.string("roleArn")?.map(str::to_string);
    let distribution = body
        .string("distribution")?
        .unwrap_or("ByLogStream")
        .to_string();
    if !["ByLogStream", "Random"].contains(&distribution.as_str()) {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{distribution}' at 'distribution' failed to satisfy constraint: Member must satisfy enum value set: [Random, ByLogStream]"
        )));
    }
    if name.is_empty() || name.len() > 512 || name.contains(':') || name.contains('*') {
        return Err(ApiError::validation(format!(
            "1 validation error detected: Value '{name}' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*"
        )));
    }
    if pattern.len() > 1024 {
        return Err(ApiError::validation(
            "1 validation error detected: Value at 'filterPattern' failed to satisfy constraint: Member must have length less than or equal to 1024",
        ));
    }
    let existing = sb.cloudwatch.groups.get(&group).ok_or_else(no_group)?;
    let replacing = existing.subscriptions.iter().any(|f| f.name == name);
    if !replacing && existing.subscriptions.len() >= MAX_FILTERS_PER_GROUP {
        return Err(ApiError::new(
            ErrorKind::LimitExceededException,
            "Resource limit exceeded.",
        ));
    }
    let destination = Destination::parse(&arn).ok_or_else(|| {
        ApiError::new(
            ErrorKind::InvalidParameterException,
            format!(
                "The destination {arn} is not a Firehose stream or a Kinesis data stream: in the sandbox, subscription filters deliver to those two."
            ),
        )
    })?;
    if !destination_ready(sb, &destination) || !role_allows(sb, role.as_deref(), &destination, &arn)
    {
        return Err(destination.undeliverable());
    }
    let now = sb.now;
    let filter = SubscriptionFilter {
        name: name.clone(),
        pattern,
        destination_arn: arn.clone(),
        role_arn: role.clone(),
        distribution,
        created: now.epoch_millis(),
        owner: sb.config.account_id.clone(),
    };
    let g = sb.cloudwatch.groups.get_mut(&group).expect("found above");
    match g.subscriptions.iter_mut().find(|f| f.name == name) {
        Some(f) => *f = filter,
        None => g.subscriptions.push(filter),
    }
    sb.cloudwatch.outbox.push(Outgoing {
        destination_arn: arn,
        role_arn: role,
        data: control_message(&destination, now),
    });
    Ok(json!({}))
}

fn missing(name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ParamValidationError,
        format!("Missing required parameter in input: \"{name}\""),
    )
}

pub(super) fn describe_subscription_filters(
    cx: &mut Ctx<'_, CloudWatch>,
    body: Body,
) -> Result<Value, ApiError> {
    let group = required(body, "logGroupName")?;
    let prefix = body.string("filterNamePrefix")?.unwrap_or("");
    let g = cx.state.groups.get(group).ok_or_else(no_group)?;
    let filters: Vec<Value> = g
        .subscriptions
        .iter()
        .filter(|f| f.name.starts_with(prefix))
        .map(|f| {
            let mut v = json!({
                "filterName": f.name,
                "logGroupName": group,
                "filterPattern": f.pattern,
                "destinationArn": f.destination_arn,
                "distribution": f.distribution,
                "creationTime": f.created,
            });
            if let Some(r) = &f.role_arn {
                v["roleArn"] = json!(r);
            }
            v
        })
        .collect();
    Ok(json!({ "subscriptionFilters": filters }))
}

pub(super) fn delete_subscription_filter(
    cx: &mut Ctx<'_, CloudWatch>,
    body: Body,
) -> Result<Value, ApiError> {
    let group = required(body, "logGroupName")?;
    let name = required(body, "filterName")?;
    let g = cx.state.groups.get_mut(group).ok_or_else(no_group)?;
    let before = g.subscriptions.len();
    g.subscriptions.retain(|f| f.name != name);
    if g.subscriptions.len() == before {
        return Err(ApiError::resource_not_found(
            "The specified subscription filter does not exist.",
        ));
    }
    Ok(json!({}))
}

/// The firehose operation a subscription's delivery is logged as.
const FIREHOSE_PUT: Target = firehose::PUT_RECORD_BATCH;

/// The clock's turn: each envelope waiting goes to its destination as CloudWatch Logs, through
/// the subscription's role. One the destination refuses (the role no longer allows it, the
/// stream is gone or throttles) is lost, as it would be after CloudWatch Logs' retries; the
/// refused call is in the event log.
pub(super) fn deliver(sb: &mut Sandbox) {
    if sb.cloudwatch.outbox.is_empty() {
        return;
    }
    let outbox = std::mem::take(&mut sb.cloudwatch.outbox);
    for o in outbox {
        let Some(destination) = Destination::parse(&o.destination_arn) else {
            continue;
        };
        let allowed = role_allows(sb, o.role_arn.as_deref(), &destination, &o.destination_arn);
        match &destination {
            Destination::Firehose(name) => {
                let _ = sb.call_typed(Caller::Logs, FIREHOSE_PUT, Some(name), |sb| {
                    if !allowed {
                        return Err(denied(sb, &o, "firehose:PutRecordBatch"));
                    }
                    firehose::put_record_batch_from_logs(
                        sb,
                        name,
                        std::iter::once(o.data.as_slice()),
                    )
                });
            }
            Destination::Kinesis(name) if !allowed => {
                let _ = sb.call_typed(Caller::Logs, streams::PUT_RECORDS, Some(name), |sb| {
                    Err::<(), _>(denied(sb, &o, "kinesis:PutRecords"))
                });
            }
            Destination::Kinesis(name) => {
                // CloudWatch Logs' partition key is a hash of the group and stream; any key
                // spreads the same here.
                let records = vec![(format!("{:032x}", sb.now.epoch_millis()), o.data.clone())];
                let _ = streams::put_records_typed(sb, Caller::Logs, name, &records);
            }
        }
    }
}

fn denied(sb: &Sandbox, o: &Outgoing, action: &str) -> ApiError {
    let role = o.role_arn.as_deref().unwrap_or("(no role)");
    let session = role.rsplit('/').next().unwrap_or(role);
    ApiError::new(
        ErrorKind::AccessDeniedException,
        format!(
            "User: arn:aws:sts::{}:assumed-role/{session}/CWLtoKinesisSession is not authorized to perform: {action} on resource: {}",
            sb.config.account_id, o.destination_arn
        ),
    )
}
