//! The sandbox's media producer: sends a Matroska file (WebM or MKV) to a video stream with
//! PutMedia, one fragment (cluster) when the simulated clock reaches its time, as a camera
//! would have sent it — once, or over and over. It is what a learner's uploaded video file
//! and the labs' recorded test pattern go through, like the Producer SDK's sample
//! application that streams a file; the webcam, recorded live by the page, calls PutMedia
//! itself.
//!
//! `KinesisVideoProducer.*` is the sandbox's own API (AWS has no producer service; its
//! producers are SDKs on the device): StartSending, StopSending and DescribeSending, one
//! producer per stream. Its PutMedia calls are logged with the caller `Producer`.
//!
//! Each pass over the file is one PutMedia connection: its first call carries the file's
//! header (EBML, Info, Tracks) and first cluster, with `FragmentTimecodeType` `RELATIVE` and
//! the pass's start as `ProducerStartTimestamp`; later calls carry the clusters that are due,
//! all of one tick in one call. A pass that ends without `Loop` ends the connection
//! (`EndOfStream`). An `ERROR` acknowledgement or a refused call stops the producer, saying
//! why.

use super::ebml::{Event, Reader};
use super::{Cx, Holds};
use crate::engine::body::Body;
use crate::engine::registry::{changes, reads, Service, Target};
use crate::engine::{ApiError, Caller, ErrorKind, Sandbox, SimTime, Validation};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::VecDeque;

/// Ten seconds of the page's test pattern (320 × 180, VP8, a cluster about every 1.2 s),
/// recorded by `scripts/record-test-pattern.mjs`: what the labs' "Show me" sends.
pub const TEST_PATTERN_WEBM: &[u8] = include_bytes!("../../../static/video/test-pattern.webm");

/// PutMedia, which the producer calls.
const PUT_MEDIA: Target = super::MEDIA_SERVICE.target("PutMedia");

/// The largest file the producer takes (its bytes are kept, and saved, until it stops).
pub const MAX_MEDIA_BYTES: usize = 16 * 1024 * 1024;
/// The acknowledgements a producer keeps to show.
const KEPT_ACKS: usize = 20;

/// A Matroska file cut into what PutMedia sends: its header and its clusters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// The EBML header, the Segment's start, Info and Tracks.
    #[serde(with = "crate::engine::s3::b64")]
    pub header: Vec<u8>,
    /// Each cluster's bytes and its start, in ms from the first cluster's.
    pub clusters: Vec<RecordedCluster>,
    /// How long one pass lasts (ms): to the end of the last frame.
    pub length_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedCluster {
    pub at_ms: i64,
    #[serde(with = "crate::engine::s3::b64")]
    pub bytes: Vec<u8>,
}

impl Recording {
    /// Reads `bytes` as one Matroska segment, or says why it can't be sent.
    pub fn parse(bytes: &[u8]) -> Result<Recording, String> {
        let mut reader = Reader::new();
        let mut header = None;
        let mut clusters = Vec::new();
        let mut first: Option<i64> = None;
        let mut last_frame = 0i64;
        let mut frame_gaps = Vec::new();
        for event in reader.feed(bytes, true) {
            match event {
                Event::Header(h) => {
                    if header.is_some() {
                        // A second segment: the file is several recordings; send the first.
                        break;
                    }
                    header = Some(h);
                }
                Event::Cluster(c) => {
                    let Some(h) = &header else { continue };
                    let base = c.timecode.unwrap_or(0) as i64;
                    let at = h.millis(base);
                    let first_ms = *first.get_or_insert(at);
                    let mut previous = None;
                    for f in &c.frames {
                        let ms = h.millis(f.timecode);
                        if let Some(p) = previous {
                            if ms > p {
                                frame_gaps.push(ms - p);
                            }
                        }
                        previous = Some(ms);
                        last_frame = last_frame.max(h.millis(f.end) - first_ms);
                    }
                    clusters.push(RecordedCluster {
                        at_ms: at - first_ms,
                        bytes: c.bytes,
                    });
                }
                Event::Invalid(why) => {
                    return Err(format!("it is not a Matroska (WebM or MKV) file: {why}"))
                }
                Event::ClusterStarted { .. } | Event::Metadata(_) => {}
            }
        }
        let Some(header) = header.filter(|_| !clusters.is_empty()) else {
            // A segment's header is only known complete when its first cluster starts.
            if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
                return Err("the file has no clusters (no media to send)".into());
            }
            return Err(
                "it is not a Matroska (WebM or MKV) file: no EBML header and segment were found"
                    .into(),
            );
        };
        if clusters.is_empty() {
            return Err("the file has no clusters (no media to send)".into());
        }
        // One frame's duration after the last frame's start: the median gap between frames.
        frame_gaps.sort_unstable();
        let gap = frame_gaps
            .get(frame_gaps.len() / 2)
            .copied()
            .unwrap_or(1000);
        let last_start = clusters.last().map_or(0, |c| c.at_ms);
        Ok(Recording {
            header: header.bytes,
            clusters,
            length_ms: (last_frame + gap).max(last_start + 1),
        })
    }

    /// The labs' recorded test pattern.
    pub fn test_pattern() -> Recording {
        Recording::parse(TEST_PATTERN_WEBM).expect("the recorded test pattern is a WebM file")
    }
}

/// `Status` of DescribeSending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SendingStatus {
    Sending,
    /// The file was sent to its end (without `Loop`).
    Finished,
    /// Stopped by StopSending.
    Stopped,
    /// A call was refused or an `ERROR` came back.
    Failed,
}

impl SendingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SendingStatus::Sending => "SENDING",
            SendingStatus::Finished => "FINISHED",
            SendingStatus::Stopped => "STOPPED",
            SendingStatus::Failed => "FAILED",
        }
    }
}

/// One stream's producer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Producer {
    /// The file, while sending (dropped once the producer stops).
    recording: Option<Recording>,
    fragments_per_pass: usize,
    looping: bool,
    status: SendingStatus,
    /// When the current pass started.
    pass_started: SimTime,
    passes: u64,
    /// The next cluster of the current pass.
    next: usize,
    fragments_sent: u64,
    acks: VecDeque<Value>,
    error: Option<String>,
}

impl Producer {
    fn describe(&self, stream: &str) -> Value {
        let mut out = json!({
            "StreamName": stream,
            "Status": self.status.as_str(),
            "Loop": self.looping,
            "FragmentsPerPass": self.fragments_per_pass,
            "FragmentsSent": self.fragments_sent,
            "Passes": self.passes,
            "LastAcks": self.acks,
        });
        if let Some(r) = &self.recording {
            out["PassLengthMillis"] = json!(r.length_ms);
        }
        if let Some(e) = &self.error {
            out["Error"] = json!(e);
        }
        out
    }
}

fn stream_name<'a>(v: &mut Validation, body: Body<'a>) -> Result<Option<&'a str>, ApiError> {
    Ok(v.required(body.string("StreamName")?, "streamName"))
}

fn no_producer(stream: &str) -> ApiError {
    ApiError::new(
        ErrorKind::ResourceNotFoundException,
        format!("No producer is sending to stream {stream}."),
    )
}

fn start_sending(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_name(&mut v, body)?;
    let media = v.required(body.string("Media")?, "media");
    let looping = body.boolean("Loop")?.unwrap_or(false);
    v.finish()?;
    let (Some(name), Some(media)) = (name, media) else {
        unreachable!("required above")
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(media)
        .map_err(|_| {
            ApiError::serialization(Some(
                "Base64 encoded Media is not valid: it has characters outside the base64 \
                 alphabet."
                    .into(),
            ))
        })?;
    if bytes.len() > MAX_MEDIA_BYTES {
        return Err(ApiError::invalid_argument(format!(
            "The file is {} bytes; the sandbox's producer takes files up to {} MB.",
            bytes.len(),
            MAX_MEDIA_BYTES / (1024 * 1024)
        )));
    }
    let recording = Recording::parse(&bytes).map_err(|why| {
        ApiError::invalid_argument(format!(
            "The file can't be sent to a video stream: {why}. Kinesis Video Streams takes \
             Matroska (MKV); WebM, what browsers record, is Matroska."
        ))
    })?;
    let name = super::media::active(cx, Some(name), None)?;
    if cx
        .state
        .producers
        .get(&name)
        .is_some_and(|p| p.status == SendingStatus::Sending)
    {
        return Err(ApiError::new(
            ErrorKind::ResourceInUseException,
            format!("A producer is already sending to stream {name}. Stop it first."),
        ));
    }
    let fragments = recording.clusters.len();
    let length = recording.length_ms;
    cx.state.producers.insert(
        name.clone(),
        Producer {
            recording: Some(recording),
            fragments_per_pass: fragments,
            looping,
            status: SendingStatus::Sending,
            pass_started: cx.now,
            passes: 0,
            next: 0,
            fragments_sent: 0,
            acks: VecDeque::new(),
            error: None,
        },
    );
    Ok(json!({ "StreamName": name, "FragmentsPerPass": fragments, "PassLengthMillis": length }))
}

fn stop_sending(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_name(&mut v, body)?;
    v.finish()?;
    let name = name.unwrap_or_default();
    let producer = cx
        .state
        .producers
        .get_mut(name)
        .filter(|p| p.status == SendingStatus::Sending)
        .ok_or_else(|| no_producer(name))?;
    producer.status = SendingStatus::Stopped;
    producer.recording = None;
    Ok(producer.describe(name))
}

fn describe_sending(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let name = stream_name(&mut v, body)?;
    v.finish()?;
    let name = name.unwrap_or_default();
    cx.state
        .producers
        .get(name)
        .map(|p| p.describe(name))
        .ok_or_else(|| no_producer(name))
}

/// The PutMedia calls each producer owes by now, one per producer and tick.
pub(super) fn on_time_passed(sb: &mut Sandbox) {
    let now = sb.now();
    let due: Vec<(String, Value, usize, bool)> = sb
        .video
        .producers
        .iter()
        .filter(|(_, p)| p.status == SendingStatus::Sending)
        .filter_map(|(name, p)| {
            let r = p.recording.as_ref()?;
            let upto = r
                .clusters
                .iter()
                .skip(p.next)
                .take_while(|c| p.pass_started.epoch_millis() + c.at_ms <= now.epoch_millis())
                .count();
            if upto == 0 {
                return None;
            }
            let mut payload = if p.next == 0 {
                r.header.clone()
            } else {
                Vec::new()
            };
            for c in &r.clusters[p.next..p.next + upto] {
                payload.extend_from_slice(&c.bytes);
            }
            let last = p.next + upto == r.clusters.len();
            let body = json!({
                "StreamName": name,
                "FragmentTimecodeType": "RELATIVE",
                "ProducerStartTimestamp": p.pass_started.epoch_millis() as f64 / 1000.0,
                "Payload": base64::engine::general_purpose::STANDARD.encode(&payload),
                "EndOfStream": last && !p.looping,
            });
            Some((name.clone(), body, upto, last))
        })
        .collect();
    for (name, body, sent, last) in due {
        let Value::Object(request) = body else {
            unreachable!("built as an object above")
        };
        let answer = sb.call_typed(Caller::Producer, PUT_MEDIA, Some(&name), |sb| {
            super::media::put_media(&mut sb.ctx(), Body(&request))
        });
        let Some(p) = sb.video.producers.get_mut(&name) else {
            continue;
        };
        match answer {
            Ok(answer) => {
                let acks = answer["Acks"].as_array().cloned().unwrap_or_default();
                let error = acks.iter().find(|a| a["EventType"] == "ERROR").cloned();
                p.acks.extend(acks);
                let extra = p.acks.len().saturating_sub(KEPT_ACKS);
                p.acks.drain(..extra);
                if let Some(e) = error {
                    p.fail(format!(
                        "PutMedia answered an ERROR acknowledgement (ErrorId {}).",
                        e["ErrorId"]
                    ));
                    continue;
                }
                p.fragments_sent += sent as u64;
                p.next += sent;
                if last {
                    p.passes += 1;
                    let length = p.recording.as_ref().map_or(0, |r| r.length_ms);
                    if p.looping {
                        p.next = 0;
                        p.pass_started =
                            SimTime::from_millis(p.pass_started.epoch_millis() + length);
                    } else {
                        p.status = SendingStatus::Finished;
                        p.recording = None;
                    }
                }
            }
            Err(e) => p.fail(format!("PutMedia was refused: {e}")),
        }
    }
}

impl Producer {
    fn fail(&mut self, why: String) {
        self.status = SendingStatus::Failed;
        self.recording = None;
        self.error = Some(why);
    }
}

impl Sandbox {
    /// The producer of `stream`, as DescribeSending answers (without logging a call), if it
    /// has had one.
    pub fn video_producer(&self, stream: &str) -> Option<Value> {
        self.video.producers.get(stream).map(|p| p.describe(stream))
    }
}

/// The sandbox's producer in the registry.
pub const SERVICE: Service = Service {
    prefix: "KinesisVideoProducer",
    operations: &[
        changes("StartSending", |sb, body| {
            start_sending(&mut sb.ctx(), body)
        }),
        changes("StopSending", |sb, body| stop_sending(&mut sb.ctx(), body)),
        reads("DescribeSending", |sb, body| {
            describe_sending(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["StreamName"],
    on_time_passed: None,
    cli: None,
};
