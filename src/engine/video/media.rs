//! The data plane: PutMedia cuts a Matroska stream into fragments (one Cluster each) and
//! answers with acknowledgements; GetMedia, ListFragments and GetMediaForFragmentList read
//! them back.
//!
//! Where the sandbox differs from AWS, because a call here is one request and one answer:
//!
//! - PutMedia's acknowledgements, a stream of JSON lines on AWS, are the answer's `Acks`
//!   list. A real PutMedia is one long request; here each call carries the next bytes, and
//!   `EndOfStream: false` (the sandbox's own field) keeps the connection open for the next
//!   call's bytes, so a recorder can send a chunk at a time. A payload that starts with an
//!   EBML header opens a new connection (the last connection wins); one that does not
//!   continues the open one. A call with no bytes that keeps the connection open gets an
//!   `IDLE` ack; an open connection with no data for 30 s is closed.
//! - Every fragment of one call is received at the call's simulated time: that is its
//!   server timestamp.
//! - After an `ERROR` ack the connection is closed and the rest of the payload dropped.
//! - Fragment metadata is the MKV Tags element sent before a cluster; it goes with that
//!   fragment (GetMedia returns it among the fragment's tags). Names starting with `AWS`,
//!   which the producer SDKs refuse before sending, are not checked.
//! - A stream deleted while a connection is open answers that connection's next bytes with
//!   error 4008; a new connection to it is `ResourceNotFoundException`.
//! - The sandbox keeps at most [`FRAGMENT_BUDGET_BYTES`] of fragments in all; beyond that
//!   the oldest go first, as if past retention.
//! - GetMedia answers with what the stream holds now (its payload ends there instead of
//!   waiting for new fragments) and also returns the continuation token as a field, besides
//!   the `AWS_KINESISVIDEO_CONTINUATION_TOKEN` tag in the payload.

use super::ebml::{self, Cluster, Event, Header, Reader};
use super::ops::{find, not_found, stream_id};
use super::{Connection, Cx, Fragment, Stream, StreamStatus, TimecodeType};
use crate::engine::body::{string_item, Body};
use crate::engine::{ApiError, ErrorKind, SimTime, Validation};
use base64::Engine as _;
use serde_json::{json, Value};

/// The first bytes of an EBML header: a payload starting with them opens a new connection.
const EBML_MAGIC: [u8; 4] = [0x1A, 0x45, 0xDF, 0xA3];
/// The most fragment bytes the sandbox keeps, all streams together (AWS has no such limit;
/// it keeps the page's memory and save bounded). Beyond it the oldest fragments go first, as
/// if past retention.
pub const FRAGMENT_BUDGET_BYTES: u64 = 64 * 1024 * 1024;
/// PutMedia calls a stream takes per second.
pub const PUT_MEDIA_TPS: u32 = 5;
/// The largest fragment (error 4001).
pub const MAX_FRAGMENT_BYTES: usize = 50 * 1024 * 1024;
/// The longest fragment (error 4002).
pub const MAX_FRAGMENT_MS: i64 = 10_000;
/// Metadata items a fragment may carry, and their longest name and value in bytes (error
/// 4009 beyond them).
pub const MAX_METADATA_ITEMS: usize = 10;
pub const MAX_METADATA_NAME: usize = 128;
pub const MAX_METADATA_VALUE: usize = 256;
/// The most tracks a stream may have (error 4012).
pub const MAX_TRACKS: usize = 3;
/// The most bytes one GetMedia answer carries (at least one fragment).
pub const MAX_GET_MEDIA_BYTES: usize = 25 * 1024 * 1024;
/// ListFragments' `MaxResults`: 1 to 1,000, 100 when not given.
const MAX_LIST: i64 = 1000;
const DEFAULT_LIST: i64 = 100;
/// GetMediaForFragmentList takes 1 to 1,000 fragment numbers.
const MAX_FRAGMENT_LIST: usize = 1000;

/// The PutMedia error codes (`ErrorId` of an `ERROR` ack) the sandbox can detect.
pub mod error_id {
    pub const FRAGMENT_TOO_LARGE: u32 = 4001;
    pub const FRAGMENT_TOO_LONG: u32 = 4002;
    pub const TIMECODE_LOWER_THAN_PREVIOUS: u32 = 4004;
    pub const INVALID_MKV: u32 = 4006;
    pub const STREAM_DELETED: u32 = 4008;
    pub const FRAGMENT_METADATA_LIMIT_REACHED: u32 = 4009;
    pub const TRACK_NUMBER_MISMATCH: u32 = 4010;
    pub const FRAMES_MISSING_FOR_TRACK: u32 = 4011;
    pub const MORE_THAN_ALLOWED_TRACKS: u32 = 4012;
}

/// One acknowledgement.
fn ack(kind: &str, timecode: Option<u64>, number: Option<&str>) -> Value {
    let mut out = json!({ "EventType": kind });
    if let Some(t) = timecode {
        out["FragmentTimecode"] = json!(t);
    }
    if let Some(n) = number {
        out["FragmentNumber"] = json!(n);
    }
    out
}

fn error_ack(timecode: Option<u64>, number: Option<&str>, id: u32) -> Value {
    let mut out = ack("ERROR", timecode, number);
    out["ErrorId"] = json!(id);
    out
}

/// The stream a data-plane call names; it must be ACTIVE (or UPDATING).
pub(super) fn active(
    cx: &Cx<'_>,
    name: Option<&str>,
    arn: Option<&str>,
) -> Result<String, ApiError> {
    let name = find(cx, name, arn)?;
    if matches!(
        cx.state.streams[&name].status,
        StreamStatus::Active | StreamStatus::Updating
    ) {
        Ok(name)
    } else {
        Err(not_found())
    }
}

pub(super) fn no_retention(name: &str) -> ApiError {
    ApiError::new(
        ErrorKind::NoDataRetentionException,
        format!(
            "Stream {name} has no data retention (DataRetentionInHours is 0): its media is not \
             archived."
        ),
    )
}

pub(super) fn put_media(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let kind = v.required(body.string("FragmentTimecodeType")?, "fragmentTimecodeType");
    let kind = match kind {
        Some("ABSOLUTE") => Some(TimecodeType::Absolute),
        Some("RELATIVE") => Some(TimecodeType::Relative),
        Some(other) => {
            v.fail(
                Some(other),
                "fragmentTimecodeType",
                "Member must satisfy enum value set: [ABSOLUTE, RELATIVE]",
            );
            None
        }
        None => None,
    };
    let start = body.timestamp_millis("ProducerStartTimestamp")?;
    let payload = v.required(body.string("Payload")?, "payload");
    let end = body.boolean("EndOfStream")?.unwrap_or(true);
    v.finish()?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload.unwrap_or_default())
        .map_err(|_| {
            ApiError::serialization(Some(
                "Base64 encoded Payload is not valid: it has characters outside the base64 \
                 alphabet."
                    .into(),
            ))
        })?;
    if start.is_some_and(|s| s < 0) {
        return Err(ApiError::invalid_argument(
            "ProducerStartTimestamp must not be before 1970.",
        ));
    }
    let name = find(cx, name, arn)?;
    let now = cx.now;
    let second = now.epoch_millis().div_euclid(1000);
    let stream = cx.state.streams.get_mut(&name).expect("found above");
    let continues = !bytes.starts_with(&EBML_MAGIC) && stream.connection.is_some();
    if stream.status == StreamStatus::Deleting && continues {
        // The stream was deleted under an open connection: its next bytes get error 4008.
        let pending = stream.connection.take().and_then(|c| c.pending);
        let number = pending.map(|(c, _)| stream.number(c));
        let acks = vec![error_ack(
            pending.map(|(_, t)| t),
            number.as_deref(),
            error_id::STREAM_DELETED,
        )];
        return Ok(json!({ "Acks": acks }));
    }
    if !matches!(stream.status, StreamStatus::Active | StreamStatus::Updating) {
        return Err(not_found());
    }
    super::take_call(&mut stream.put_calls, second, PUT_MEDIA_TPS)?;
    if !continues {
        stream.connection = Some(Connection {
            reader: Reader::new(),
            header: None,
            timecode_type: kind.unwrap_or(TimecodeType::Absolute),
            producer_start_ms: start.unwrap_or(now.epoch_millis()),
            last_data: now,
            pending: None,
            metadata: Vec::new(),
        });
    }
    let acks = feed(stream, &bytes, end, now);
    keep_within_budget(cx, &name);
    Ok(json!({ "Acks": acks }))
}

/// Drops the oldest fragments, of the stream just written first, while the sandbox holds
/// more than [`FRAGMENT_BUDGET_BYTES`] of them.
fn keep_within_budget(cx: &mut Cx<'_>, written: &str) {
    let mut total: u64 = cx
        .state
        .streams
        .values()
        .flat_map(|s| s.fragments.iter())
        .map(|f| f.size() as u64)
        .sum();
    let mut names = vec![written.to_string()];
    names.extend(cx.state.streams.keys().filter(|n| *n != written).cloned());
    for name in names {
        let Some(stream) = cx.state.streams.get_mut(&name) else {
            continue;
        };
        let before = stream.fragments.len();
        while total > FRAGMENT_BUDGET_BYTES {
            let Some(f) = stream.fragments.pop_front() else {
                break;
            };
            total -= f.size() as u64;
        }
        if stream.fragments.len() != before {
            stream.drop_unused_headers();
        }
    }
}

/// Feeds bytes to the stream's open connection and acts on what they hold; closes the
/// connection at the end of the stream or after an error.
fn feed(stream: &mut Stream, bytes: &[u8], end: bool, now: SimTime) -> Vec<Value> {
    let Some(conn) = stream.connection.as_mut() else {
        return Vec::new();
    };
    if bytes.is_empty() && !end {
        // No data: the connection idles (and closes 30 s after its last data).
        return vec![ack("IDLE", None, None)];
    }
    conn.last_data = now;
    let events = conn.reader.feed(bytes, end);
    let mut acks = Vec::new();
    let mut failed = false;
    for event in events {
        if let Some(a) = on_event(stream, event, now, &mut failed) {
            acks.extend(a);
        }
        if failed {
            break;
        }
    }
    if failed || end {
        stream.connection = None;
    }
    acks
}

/// Ends the open connection as if its request had ended: a cluster of unknown size still
/// arriving is complete, anything cut off is invalid.
pub(super) fn close(stream: &mut Stream, now: SimTime) -> Vec<Value> {
    feed(stream, &[], true, now)
}

fn on_event(
    stream: &mut Stream,
    event: Event,
    now: SimTime,
    failed: &mut bool,
) -> Option<Vec<Value>> {
    let conn = stream.connection.as_mut()?;
    match event {
        Event::Header(header) => {
            let id = stream.next_header;
            stream.next_header += 1;
            stream.headers.insert(id, header);
            conn.header = Some(id);
            None
        }
        Event::ClusterStarted { timecode } => {
            stream.last_counter += 1;
            let counter = stream.last_counter;
            conn.pending = Some((counter, timecode));
            let number = stream.number(counter);
            Some(vec![ack("BUFFERING", Some(timecode), Some(&number))])
        }
        Event::Metadata(items) => {
            conn.metadata.extend(items);
            None
        }
        Event::Invalid(_) => {
            *failed = true;
            let pending = conn.pending.take();
            let number = pending.map(|(c, _)| stream.number(c));
            Some(vec![error_ack(
                pending.map(|(_, t)| t),
                number.as_deref(),
                error_id::INVALID_MKV,
            )])
        }
        Event::Cluster(cluster) => {
            let (counter, timecode) = match conn.pending.take() {
                Some(p) => p,
                None => {
                    stream.last_counter += 1;
                    (stream.last_counter, cluster.timecode.unwrap_or(0))
                }
            };
            let metadata = std::mem::take(&mut conn.metadata);
            let number = stream.number(counter);
            let mut acks = Vec::new();
            match fragment(stream, cluster, metadata, counter, now) {
                Ok(f) => {
                    acks.push(ack("RECEIVED", Some(timecode), Some(&number)));
                    if stream.persists() {
                        acks.push(ack("PERSISTED", Some(timecode), Some(&number)));
                    }
                    stream.fragments.push_back(f);
                }
                Err(id) => {
                    *failed = true;
                    acks.push(error_ack(Some(timecode), Some(&number), id));
                }
            }
            Some(acks)
        }
    }
}

/// Checks a complete cluster against PutMedia's rules and makes it a fragment, or gives
/// the error code that refuses it.
fn fragment(
    stream: &mut Stream,
    cluster: Cluster,
    metadata: Vec<(String, String)>,
    counter: u64,
    now: SimTime,
) -> Result<Fragment, u32> {
    let conn = stream.connection.as_ref().expect("a connection is open");
    let header_id = conn.header.ok_or(error_id::INVALID_MKV)?;
    let header: &Header = stream
        .headers
        .get(&header_id)
        .ok_or(error_id::INVALID_MKV)?;
    let timecode = cluster.timecode.ok_or(error_id::INVALID_MKV)?;
    if metadata.len() > MAX_METADATA_ITEMS
        || metadata
            .iter()
            .any(|(n, v)| n.len() > MAX_METADATA_NAME || v.len() > MAX_METADATA_VALUE)
    {
        return Err(error_id::FRAGMENT_METADATA_LIMIT_REACHED);
    }
    if header.tracks.len() > MAX_TRACKS {
        return Err(error_id::MORE_THAN_ALLOWED_TRACKS);
    }
    if cluster.bytes.len() > MAX_FRAGMENT_BYTES {
        return Err(error_id::FRAGMENT_TOO_LARGE);
    }
    if cluster
        .frames
        .iter()
        .any(|f| !header.tracks.iter().any(|t| t.number == f.track))
    {
        return Err(error_id::TRACK_NUMBER_MISMATCH);
    }
    if header
        .tracks
        .iter()
        .any(|t| !cluster.frames.iter().any(|f| f.track == t.number))
    {
        return Err(error_id::FRAMES_MISSING_FOR_TRACK);
    }
    let first = cluster.frames.iter().map(|f| f.timecode).min().unwrap_or(0);
    let last = cluster.frames.iter().map(|f| f.timecode).max().unwrap_or(0);
    let ends = cluster.frames.iter().map(|f| f.end).max().unwrap_or(0);
    let duration_ms = header.millis(ends).saturating_sub(header.millis(first));
    if duration_ms > MAX_FRAGMENT_MS {
        return Err(error_id::FRAGMENT_TOO_LONG);
    }
    let base = match conn.timecode_type {
        TimecodeType::Absolute => 0,
        TimecodeType::Relative => conn.producer_start_ms,
    };
    let first_ms = base.saturating_add(header.millis(first));
    if stream.latest_frame_ms.is_some_and(|l| first_ms <= l) {
        return Err(error_id::TIMECODE_LOWER_THAN_PREVIOUS);
    }
    let producer_ms = base.saturating_add(header.millis(timecode.min(i64::MAX as u64) as i64));
    stream.latest_frame_ms = Some(base.saturating_add(header.millis(last)));
    Ok(Fragment {
        number: stream.number(counter),
        counter,
        timecode,
        producer_ms,
        server: now,
        duration_ms,
        header: header_id,
        bytes: cluster.bytes,
        metadata,
    })
}

// ---- Reading ----

/// One fragment as GetMedia sends it: a stand-alone MKV chunk (the segment's header, the
/// fragment's tags, the cluster, then the tags that follow it).
fn chunk(stream: &Stream, f: &Fragment, now: SimTime, token: Option<&str>) -> Vec<u8> {
    let mut out = stream.header(f).to_vec();
    let producer = f.metadata.iter().map(|(n, v)| (n.as_str(), v.clone()));
    out.extend(ebml::tags(&Vec::from_iter(producer.chain([
        ("AWS_KINESISVIDEO_FRAGMENT_NUMBER", f.number.clone()),
        (
            "AWS_KINESISVIDEO_SERVER_TIMESTAMP",
            format!("{:.3}", f.server.epoch_seconds()),
        ),
        (
            "AWS_KINESISVIDEO_PRODUCER_TIMESTAMP",
            format!("{:.3}", f.producer_ms as f64 / 1000.0),
        ),
    ]))));
    out.extend_from_slice(f.bytes());
    let behind = now.since(f.server).as_millis().to_string();
    let mut after = vec![("AWS_KINESISVIDEO_MILLIS_BEHIND_NOW", behind)];
    if let Some(t) = token {
        after.push(("AWS_KINESISVIDEO_CONTINUATION_TOKEN", t.to_string()));
    }
    out.extend(ebml::tags(&after));
    out
}

fn fragment_number_at<'a>(v: &mut Validation, value: &'a str, path: &str) -> &'a str {
    v.string(
        value,
        path,
        Some(("^[0-9]+$", |s| {
            !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
        })),
        1,
        128,
    );
    value
}

pub(super) fn timestamp_range(
    v: &mut Validation,
    range: Option<Body>,
    path: &str,
) -> Result<Option<(i64, i64)>, ApiError> {
    let Some(range) = v.required(range, path) else {
        return Ok(None);
    };
    let start = v.required(
        range.timestamp_millis("StartTimestamp")?,
        &format!("{path}.startTimestamp"),
    );
    let end = v.required(
        range.timestamp_millis("EndTimestamp")?,
        &format!("{path}.endTimestamp"),
    );
    Ok(start.zip(end))
}

pub(super) fn get_media(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let selector = v.required(body.object("StartSelector")?, "startSelector");
    let mut kind = None;
    let (mut after, mut at, mut token) = (None, None, None);
    if let Some(sel) = selector {
        kind = v.required(
            sel.string("StartSelectorType")?,
            "startSelector.startSelectorType",
        );
        const KINDS: &[&str] = &[
            "FRAGMENT_NUMBER",
            "SERVER_TIMESTAMP",
            "PRODUCER_TIMESTAMP",
            "NOW",
            "EARLIEST",
            "CONTINUATION_TOKEN",
        ];
        if let Some(k) = kind.filter(|k| !KINDS.contains(k)) {
            v.fail(
                Some(k),
                "startSelector.startSelectorType",
                &format!("Member must satisfy enum value set: [{}]", KINDS.join(", ")),
            );
        }
        if let Some(n) = sel.string("AfterFragmentNumber")? {
            after = Some(fragment_number_at(
                &mut v,
                n,
                "startSelector.afterFragmentNumber",
            ));
        }
        at = sel.timestamp_millis("StartTimestamp")?;
        if let Some(t) = sel.string("ContinuationToken")? {
            v.string(
                t,
                "startSelector.continuationToken",
                Some(("^[a-zA-Z0-9_\\.\\-]+$", crate::engine::is_name)),
                1,
                128,
            );
            token = Some(t);
        }
    }
    v.finish()?;
    let name = active(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    let missing = |field: &str, kind: &str| {
        ApiError::invalid_argument(format!(
            "{field} is required when StartSelectorType is {kind}."
        ))
    };
    let kind = kind.unwrap_or_default();
    // The counter after which fragments are returned, or the first timestamp wanted.
    let counter_after = |number: &str| {
        stream.counter_of(number).ok_or_else(|| {
            ApiError::invalid_argument(format!(
                "{number} is not a fragment number or continuation token of stream {name}."
            ))
        })
    };
    let selected: Vec<&Fragment> = match kind {
        "EARLIEST" => stream.fragments.iter().collect(),
        "NOW" => Vec::new(),
        "FRAGMENT_NUMBER" => {
            let c = counter_after(after.ok_or_else(|| missing("AfterFragmentNumber", kind))?)?;
            stream.fragments.iter().filter(|f| f.counter > c).collect()
        }
        "CONTINUATION_TOKEN" => {
            let c = counter_after(token.ok_or_else(|| missing("ContinuationToken", kind))?)?;
            stream.fragments.iter().filter(|f| f.counter > c).collect()
        }
        "SERVER_TIMESTAMP" | "PRODUCER_TIMESTAMP" => {
            let at = at.ok_or_else(|| missing("StartTimestamp", kind))?;
            let server = kind == "SERVER_TIMESTAMP";
            // The fragment holding the timestamp, and every later one.
            stream
                .fragments
                .iter()
                .filter(|f| {
                    let start = if server {
                        f.server.epoch_millis()
                    } else {
                        f.producer_ms
                    };
                    start + f.duration_ms.max(if server { 0 } else { 1 }) > at || start >= at
                })
                .collect()
        }
        _ => unreachable!("validated above"),
    };
    let mut payload = Vec::new();
    let mut last = None;
    for f in selected {
        if !payload.is_empty() && payload.len() + f.size() > MAX_GET_MEDIA_BYTES {
            break;
        }
        payload.extend(chunk(stream, f, cx.now, Some(&f.number)));
        last = Some(f.counter);
    }
    // Where the next GetMedia goes on from: after the last fragment sent, or after the
    // newest fragment there is when nothing was sent.
    let next = match (last, kind) {
        (Some(c), _) => c,
        (None, "CONTINUATION_TOKEN" | "FRAGMENT_NUMBER") => {
            counter_after(token.or(after).unwrap_or_default())?
        }
        (None, _) => stream.last_counter,
    };
    Ok(json!({
        "ContentType": "video/webm",
        "Payload": base64::engine::general_purpose::STANDARD.encode(payload),
        "ContinuationToken": stream.number(next),
    }))
}

fn fragment_json(f: &Fragment) -> Value {
    json!({
        "FragmentNumber": f.number,
        "FragmentSizeInBytes": f.size(),
        "ProducerTimestamp": f.producer_ms as f64 / 1000.0,
        "ServerTimestamp": f.server.epoch_seconds(),
        "FragmentLengthInMilliseconds": f.duration_ms,
    })
}

pub(super) fn list_fragments(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let max = body.integer("MaxResults")?.unwrap_or(DEFAULT_LIST);
    v.range(max, "maxResults", 1, MAX_LIST);
    let token = body.string("NextToken")?;
    if let Some(t) = token {
        v.string(t, "nextToken", None, 1, 4096);
    }
    let mut range = None;
    let mut by_server = false;
    if let Some(sel) = body.object("FragmentSelector")? {
        let kind = v.required(
            sel.string("FragmentSelectorType")?,
            "fragmentSelector.fragmentSelectorType",
        );
        match kind {
            Some("SERVER_TIMESTAMP") => by_server = true,
            Some("PRODUCER_TIMESTAMP") | None => {}
            Some(other) => v.fail(
                Some(other),
                "fragmentSelector.fragmentSelectorType",
                "Member must satisfy enum value set: [PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]",
            ),
        }
        range = timestamp_range(
            &mut v,
            sel.object("TimestampRange")?,
            "fragmentSelector.timestampRange",
        )?;
    }
    v.finish()?;
    let name = active(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    if !stream.persists() {
        return Err(no_retention(&name));
    }
    if let Some((start, end)) = range {
        if end < start {
            return Err(ApiError::invalid_argument(
                "The EndTimestamp must be later than the StartTimestamp.",
            ));
        }
    }
    let after = match token {
        None => 0,
        Some(t) => base64::engine::general_purpose::STANDARD
            .decode(t)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|n| stream.counter_of(&n))
            .ok_or_else(|| ApiError::invalid_argument("The NextToken is not valid."))?,
    };
    let mut list = Vec::new();
    let mut next = None;
    for f in stream.fragments.iter().filter(|f| f.counter > after) {
        let ts = if by_server {
            f.server.epoch_millis()
        } else {
            f.producer_ms
        };
        if range.is_some_and(|(s, e)| ts < s || ts > e) {
            continue;
        }
        if list.len() as i64 == max {
            next = list
                .last()
                .map(|l: &&Fragment| base64::engine::general_purpose::STANDARD.encode(&l.number));
            break;
        }
        list.push(f);
    }
    let mut out = json!({ "Fragments": list.into_iter().map(fragment_json).collect::<Vec<_>>() });
    if let Some(t) = next {
        out["NextToken"] = json!(t);
    }
    Ok(out)
}

pub(super) fn get_media_for_fragment_list(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let items = v.required(body.list("Fragments")?, "fragments");
    let mut numbers = Vec::new();
    if let Some(items) = items {
        if items.is_empty() || items.len() > MAX_FRAGMENT_LIST {
            v.fail(
                None,
                "fragments",
                &if items.is_empty() {
                    "Member must have length greater than or equal to 1".to_string()
                } else {
                    format!("Member must have length less than or equal to {MAX_FRAGMENT_LIST}")
                },
            );
        }
        for (i, item) in items.iter().enumerate() {
            let n = string_item(item)?.unwrap_or_default();
            numbers.push(fragment_number_at(
                &mut v,
                n,
                &format!("fragments.{}.member", i + 1),
            ));
        }
    }
    v.finish()?;
    let name = active(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    if !stream.persists() {
        return Err(no_retention(&name));
    }
    let mut payload = Vec::new();
    for n in numbers {
        let f = stream
            .fragments
            .iter()
            .find(|f| f.number == n)
            .ok_or_else(|| {
                ApiError::resource_not_found(format!(
                    "Fragment {n} of stream {name} is not found (never written, or past \
                     retention)."
                ))
            })?;
        payload.extend(chunk(stream, f, cx.now, None));
    }
    Ok(json!({
        "ContentType": "video/webm",
        "Payload": base64::engine::general_purpose::STANDARD.encode(payload),
    }))
}
