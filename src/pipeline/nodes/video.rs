//! Kinesis video streams (retention, the fragments they hold and how many came in lately),
//! the producer sending to each with PutMedia, and what reads them: GetMedia readers, HLS and
//! DASH playback sessions, and image generation with an arrow on to its S3 bucket.

use crate::engine::video::image_generation::ImageGeneration;
use crate::engine::video::sessions::{Mode, Protocol};
use crate::engine::video::{Stream, StreamStatus, IDLE_TIMEOUT};
use crate::engine::{Caller, Sandbox, SimTime};
use crate::pipeline::{plural, Builder, Flow, Health, Hints, Line, Link, Node, NodeId, Role};
use crate::text::{bytes, thousands};
use std::time::Duration;

pub const SERVICE: &str = "kinesisvideo";
/// The producer sending to a stream, named after the stream.
pub const PRODUCER_SERVICE: &str = "kinesisvideo-producer";
/// A stream's GetMedia readers, named after the stream.
pub const READER_SERVICE: &str = "kinesisvideo-getmedia";
/// A stream's playback sessions of one protocol, named `stream/HLS` or `stream/DASH`.
pub const SESSION_SERVICE: &str = "kinesisvideo-session";
/// A stream's image generation, named after the stream.
pub const IMAGES_SERVICE: &str = "kinesisvideo-images";
/// The producer's title when the stream names no device.
pub const PRODUCER_TITLE: &str = "Camera / test pattern";

/// How long a producer or a GetMedia reader counts as active after its last fragment or
/// call: PutMedia's idle timeout, which is also how recent a fragment LIVE playback needs.
pub const RECENT: Duration = IDLE_TIMEOUT;

const GET_MEDIA: &str = "KinesisVideoMedia.GetMedia";

/// A stream's node id.
pub fn id(stream: &str) -> NodeId {
    NodeId::new(SERVICE, stream)
}

/// "retention 24 h", or "no retention" for 0.
pub fn retention_text(hours: i64) -> String {
    if hours == 0 {
        "no retention".to_string()
    } else {
        format!("retention {} h", thousands(hours as u64))
    }
}

/// The same in a sentence: "retention 24 hours", "no retention (a 5-minute buffer)".
fn retention_fact(hours: i64) -> String {
    if hours == 0 {
        "no retention (a 5-minute buffer)".to_string()
    } else {
        format!("retention {}", plural(hours as u64, "hour", "hours"))
    }
}

/// Whole seconds from `then` to `now`.
fn ago(now: SimTime, then: SimTime) -> u64 {
    now.since(then).as_secs()
}

/// Fragments received in the last [`RECENT`].
fn recent_fragments(s: &Stream, now: SimTime) -> u64 {
    s.newest_fragments(s.fragment_count())
        .take_while(|f| f.server + RECENT > now)
        .count() as u64
}

/// What the hints beside a video stream with no producer or no consumer say.
pub const HINTS: Hints = Hints {
    producer: [
        "No producer sending",
        "Start the test pattern",
        "or the camera on its page",
    ],
    consumer: [
        "No consumer yet",
        "Play it back, read it with",
        "GetMedia or generate images",
    ],
};

/// One stream's node.
fn stream_node(s: &Stream, now: SimTime) -> Node {
    let count = s.fragment_count() as u64;
    let held: u64 = s.fragments().map(|f| f.size() as u64).sum();
    let recent = recent_fragments(s, now);
    let status = s.status.as_str();
    let retention = retention_text(s.retention_hours);
    let mut n = Node::new(id(&s.name), Role::Stream, "Kinesis video stream", &s.name);
    n.route = Some(format!("#/kinesisvideo/streams/{}", s.name));
    n.hints = Some(HINTS);
    n.summary = format!(
        "{} ({retention}, {})",
        s.name,
        plural(count, "fragment", "fragments")
    );
    n.lines
        .push(Line::text(if s.status == StreamStatus::Active {
            format!("{retention} · {}", plural(count, "fragment", "fragments"))
        } else {
            format!("{status} · {retention}")
        }));
    n.lines.push(Line::text(format!(
        "{} in {} s · {}",
        thousands(recent),
        RECENT.as_secs(),
        bytes(held)
    )));
    n.facts.push(format!(
        "Video stream {} ({status}): {}, {} ({}) readable, {} received in the last {} seconds.",
        s.name,
        retention_fact(s.retention_hours),
        plural(count, "fragment", "fragments"),
        bytes(held),
        thousands(recent),
        RECENT.as_secs()
    ));
    n
}

/// The producer sending to `s`, while its PutMedia connection is open or its fragments are
/// recent.
fn producer(b: &mut Builder, s: &Stream, now: SimTime) {
    let recent = recent_fragments(s, now);
    if !s.is_receiving() && recent == 0 {
        return;
    }
    let title = s.device_name.as_deref().unwrap_or(PRODUCER_TITLE);
    let state = if s.is_receiving() {
        "connection open".to_string()
    } else {
        let last = s
            .newest_fragments(1)
            .next()
            .map_or(0, |f| ago(now, f.server));
        format!("last fragment {last} s ago")
    };
    let node_id = NodeId::new(PRODUCER_SERVICE, &s.name);
    let mut n = Node::new(node_id.clone(), Role::Producer, "Producer", title);
    n.route = Some(format!("#/kinesisvideo/streams/{}", s.name));
    n.summary = format!("{title} → {}", s.name);
    n.lines = vec![
        Line::text(format!("PutMedia → {}", s.name)),
        Line::text(&state),
    ];
    n.facts.push(format!(
        "Producer: {title}, sending to video stream {} with PutMedia: {state}, {} in the last {} seconds.",
        s.name,
        plural(recent, "fragment", "fragments"),
        RECENT.as_secs()
    ));
    b.node(n);
    b.link(
        Link::new(
            node_id,
            id(&s.name),
            plural(recent, "fragment", "fragments"),
        )
        .note(format!("in {} s", RECENT.as_secs()), Flow::Flowing),
    );
}

/// The successful GetMedia calls of the last [`RECENT`] by stream name (a call may name the
/// stream by its ARN): how many, and the newest's time.
fn get_media_calls(sb: &Sandbox, s: &Stream) -> (u64, Option<SimTime>) {
    let now = sb.now();
    let mut calls = 0;
    let mut last = None;
    for e in sb.events().recent().rev() {
        if e.time + RECENT <= now {
            break;
        }
        let named = e
            .resource
            .as_deref()
            .is_some_and(|r| r == s.name || r == s.arn);
        if e.caller == Caller::User && e.error.is_none() && e.target == GET_MEDIA && named {
            calls += 1;
            last = last.or(Some(e.time));
        }
    }
    (calls, last)
}

/// The stream's GetMedia reader, while it reads.
fn reader(sb: &Sandbox, b: &mut Builder, s: &Stream) {
    let (calls, Some(last)) = get_media_calls(sb, s) else {
        return;
    };
    let last = ago(sb.now(), last);
    let node_id = NodeId::new(READER_SERVICE, &s.name);
    let mut n = Node::new(
        node_id.clone(),
        Role::Processor,
        "Video consumer",
        "GetMedia reader",
    );
    n.route = Some(format!("#/kinesisvideo/streams/{}", s.name));
    n.summary = format!("GetMedia reader of {}", s.name);
    n.lines = vec![
        Line::text(format!(
            "{} in {} s",
            plural(calls, "call", "calls"),
            RECENT.as_secs()
        )),
        Line::text(format!("last call {last} s ago")),
    ];
    n.facts.push(format!(
        "GetMedia reader of video stream {}: {} in the last {} seconds, the last {last} s ago.",
        s.name,
        plural(calls, "call", "calls"),
        RECENT.as_secs()
    ));
    b.node(n);
    b.link(Link::new(id(&s.name), node_id, "GetMedia"));
}

fn protocol_name(p: Protocol) -> &'static str {
    match p {
        Protocol::Hls => "HLS",
        Protocol::Dash => "DASH",
    }
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Live => "LIVE",
        Mode::LiveReplay => "LIVE_REPLAY",
        Mode::OnDemand => "ON_DEMAND",
    }
}

/// The stream's HLS and DASH sessions that have not expired, a node per protocol.
fn sessions(b: &mut Builder, s: &Stream, now: SimTime) {
    for protocol in [Protocol::Hls, Protocol::Dash] {
        let active: Vec<_> = s
            .sessions()
            .iter()
            .filter(|x| x.protocol == protocol && x.expires > now)
            .collect();
        let Some(first) = active.iter().map(|x| x.expires).min() else {
            continue;
        };
        let name = protocol_name(protocol);
        let mut modes: Vec<&str> = Vec::new();
        for x in &active {
            let m = mode_name(x.mode);
            if !modes.contains(&m) {
                modes.push(m);
            }
        }
        let modes = modes.join(", ");
        let expires = first.since(now).as_secs();
        let title = format!("{name} session");
        let node_id = NodeId::new(SESSION_SERVICE, format!("{}/{name}", s.name));
        let mut n = Node::new(node_id.clone(), Role::Processor, "Video consumer", &title);
        n.route = Some(format!("#/kinesisvideo/streams/{}", s.name));
        n.summary = format!(
            "{} of {}",
            plural(active.len() as u64, &title, &format!("{title}s")),
            s.name
        );
        n.lines = vec![
            Line::text(format!(
                "{} active · {modes}",
                thousands(active.len() as u64)
            )),
            Line::text(format!("expires in {expires} s")),
        ];
        n.facts.push(format!(
            "{} of video stream {} ({modes}), the first to expire in {expires} s.",
            plural(active.len() as u64, &title, &format!("{title}s")),
            s.name
        ));
        b.node(n);
        b.link(Link::new(id(&s.name), node_id, name).note(modes, Flow::Flowing));
    }
}

/// Objects image generation put in `bucket` for stream `s` (under `<prefix><stream>/`).
fn images_delivered(sb: &Sandbox, bucket: &str, prefix: &str, s: &Stream) -> u64 {
    let under = format!("{prefix}{}/", s.name);
    sb.s3().bucket(bucket).map_or(0, |b| {
        b.objects
            .range(under.clone()..)
            .take_while(|(k, _)| k.starts_with(&under))
            .count() as u64
    })
}

/// The stream's image generation while ENABLED, with arrows from the stream and on to the
/// destination bucket (the S3 contributor's node).
fn image_generation(sb: &Sandbox, b: &mut Builder, s: &Stream, g: &ImageGeneration) {
    if !g.enabled {
        return;
    }
    let (bucket, prefix) = g.destination();
    let delivered = images_delivered(sb, &bucket, &prefix, s);
    let every = format!("every {} s", g.interval_ms as f64 / 1000.0);
    let node_id = NodeId::new(IMAGES_SERVICE, &s.name);
    let mut n = Node::new(
        node_id.clone(),
        Role::Processor,
        "Video consumer",
        "Image generation",
    );
    n.route = Some(format!("#/kinesisvideo/streams/{}", s.name));
    n.summary = format!("image generation of {}", s.name);
    n.lines = vec![
        Line::text(format!("{} {every}", g.format)),
        Line::text(format!("→ {bucket}")),
    ];
    let mut fact = format!(
        "Image generation of video stream {} (ENABLED): {} {every} to S3 bucket {bucket}",
        s.name, g.format
    );
    if !prefix.is_empty() {
        fact.push_str(&format!(" under {prefix}"));
    }
    fact.push_str(&format!(
        ", {} delivered",
        plural(delivered, "image", "images")
    ));
    if !s.persists() {
        let why = "no images while retention is 0";
        n.lines.push(Line::warn(why));
        n.health = Health::Warn(why.to_string());
        fact.push_str(&format!("; {why}"));
    }
    fact.push('.');
    n.facts.push(fact);
    b.node(n);
    b.link(Link::new(id(&s.name), node_id.clone(), every));
    b.link(
        Link::new(
            node_id,
            NodeId::new(super::s3::SERVICE, bucket),
            thousands(delivered),
        )
        .note("delivered", Flow::Flowing),
    );
}

pub fn contribute(sb: &Sandbox, b: &mut Builder) {
    let now = sb.now();
    for s in sb.video().streams() {
        b.node(stream_node(s, now));
        producer(b, s, now);
        reader(sb, b, s);
        sessions(b, s, now);
        if let Some(g) = s.image_generation() {
            image_generation(sb, b, s, g);
        }
    }
}
