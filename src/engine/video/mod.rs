//! Amazon Kinesis Video Streams: streams of time-indexed media, a control plane to manage
//! them and a data plane that ingests Matroska (what a browser's `MediaRecorder` writes as
//! WebM) and hands its fragments back.
//!
//! On AWS these are REST-JSON services (`POST /createStream`, `POST /putMedia`, …) under
//! three boto3 clients. Here, as every service is, they are called with
//! `Sandbox::call(target, json)`, the target named after the boto3 client's service id
//! without its punctuation, and the operation as boto3 names it:
//!
//! - `KinesisVideo.*` (`kinesisvideo`): CreateStream, DescribeStream, ListStreams,
//!   UpdateStream, UpdateDataRetention, DeleteStream, TagStream, UntagStream,
//!   ListTagsForStream, GetDataEndpoint, Update/DescribeImageGenerationConfiguration
//!   (`image_generation.rs`); and WebRTC's signaling channels
//!   (`signaling.rs`): Create/Describe/List/Update/DeleteSignalingChannel,
//!   GetSignalingChannelEndpoint.
//! - `KinesisVideoMedia.*` (`kinesis-video-media`): GetMedia, and PutMedia, which AWS only
//!   offers through its producer SDKs (the request's `x-amzn-…` headers become body fields).
//! - `KinesisVideoArchivedMedia.*` (`kinesis-video-archived-media`): ListFragments,
//!   GetMediaForFragmentList, GetClip (`playback.rs`), GetHLSStreamingSessionURL,
//!   GetDASHStreamingSessionURL, GetHLSMasterPlaylist and GetHLSMediaPlaylist (`sessions.rs`),
//!   GetImages (`images.rs`, whose frames the caller decodes).
//!
//! Blobs (PutMedia's bytes, GetMedia's payload) travel as base64 strings, as in the JSON
//! protocol. What each operation does differently from AWS is said where it is done.

pub mod cli;
pub mod ebml;
pub mod image_generation;
pub mod images;
mod media;
mod ops;
mod playback;
pub mod producer;
pub mod sessions;
pub mod signaling;

use super::context::{Ctx, Holds};
use super::registry::{changes, reads, CliService, Service};
use super::{Sandbox, SimTime};
use ebml::{Header, Reader};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};
use std::time::Duration;

/// What a Kinesis Video operation sees: the clock, the account and the streams.
pub(crate) type Cx<'a> = Ctx<'a, Video>;

/// How long a stream stays `CREATING`, `UPDATING` or `DELETING`.
pub const SETTLE: Duration = Duration::from_secs(3);
/// The longest retention: 87,600 hours (ten years).
pub const MAX_RETENTION_HOURS: i64 = 87_600;
/// With no retention, what stays readable: the last 5 minutes…
pub const BUFFER_DURATION: Duration = Duration::from_secs(5 * 60);
/// …and at most 200 MB of it.
pub const BUFFER_BYTES: u64 = 200 * 1024 * 1024;
/// An open PutMedia connection with no data for this long is closed (after its IDLE acks).
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);

/// Every video stream of the account, by name.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Video {
    streams: BTreeMap<String, Stream>,
    /// WebRTC signaling channels, by name.
    #[serde(default)]
    channels: BTreeMap<String, signaling::Channel>,
    /// Frames image generation wants decoded, not yet taken by the host…
    #[serde(default, skip_serializing_if = "VecDeque::is_empty")]
    frame_jobs: VecDeque<image_generation::FrameJob>,
    /// …and taken, waiting for their images.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    frames_out: Vec<image_generation::FrameJob>,
    #[serde(default)]
    next_frame_job: u64,
    /// The sandbox's media producers (`producer.rs`), by stream name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    producers: BTreeMap<String, producer::Producer>,
}

/// `Status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StreamStatus {
    Creating,
    Active,
    Updating,
    Deleting,
}

impl StreamStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StreamStatus::Creating => "CREATING",
            StreamStatus::Active => "ACTIVE",
            StreamStatus::Updating => "UPDATING",
            StreamStatus::Deleting => "DELETING",
        }
    }
}

/// One video stream: its configuration and the fragments it holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Stream {
    pub name: String,
    pub arn: String,
    pub device_name: Option<String>,
    pub media_type: Option<String>,
    pub kms_key_id: String,
    /// Changes at every update; updates and deletes may name the version they expect.
    pub version: String,
    pub status: StreamStatus,
    pub created: SimTime,
    /// When `CREATING`/`UPDATING` becomes `ACTIVE`, or a `DELETING` stream goes.
    pub settles_at: SimTime,
    pub retention_hours: i64,
    pub tags: BTreeMap<String, String>,
    /// Readable fragments, oldest (lowest number) first.
    fragments: VecDeque<Fragment>,
    /// The segment headers the fragments refer to.
    headers: BTreeMap<u64, Header>,
    next_header: u64,
    /// The counter of the last fragment number handed out (0: none yet).
    last_counter: u64,
    /// The latest frame's producer timestamp (ms) of the last fragment kept: the next
    /// fragment must start after it.
    latest_frame_ms: Option<i64>,
    /// The PutMedia connection still open, if any.
    connection: Option<Connection>,
    /// PutMedia calls in the current second: (epoch second, count).
    put_calls: (i64, u32),
    /// GetClip calls in the current second: (epoch second, count).
    #[serde(default)]
    clip_calls: (i64, u32),
    /// HLS and DASH streaming sessions handed out and not expired yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sessions: Vec<sessions::Session>,
    /// `ImageGenerationConfiguration`, if one is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    image_generation: Option<image_generation::ImageGeneration>,
}

/// A fragment: one Matroska cluster, as received.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fragment {
    pub number: String,
    counter: u64,
    /// The cluster's Timecode as sent.
    pub timecode: u64,
    pub producer_ms: i64,
    pub server: SimTime,
    pub duration_ms: i64,
    header: u64,
    #[serde(with = "crate::engine::s3::b64")]
    bytes: Vec<u8>,
    /// The producer's metadata (MKV tags sent before the cluster): name, value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metadata: Vec<(String, String)>,
}

impl Fragment {
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The cluster's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// `FragmentTimecodeType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimecodeType {
    Absolute,
    Relative,
}

/// An open PutMedia connection: the Matroska reader and what the request's headers said.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Connection {
    reader: Reader,
    /// The header of the segment being read.
    header: Option<u64>,
    timecode_type: TimecodeType,
    /// `ProducerStartTimestamp` (ms); the connection's start when not given.
    producer_start_ms: i64,
    last_data: SimTime,
    /// The cluster announced with BUFFERING and not complete yet: (counter, timecode).
    pending: Option<(u64, u64)>,
    /// Metadata received for the next fragment.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    metadata: Vec<(String, String)>,
}

/// Digits every fragment number of a stream starts with (47 digits in all, like AWS's).
const NUMBER_PREFIX: &str = "9134385233318";

impl Stream {
    /// The readable fragments, oldest first.
    pub fn fragments(&self) -> impl Iterator<Item = &Fragment> {
        self.fragments.iter()
    }

    /// Fragment number `counter` of this stream.
    fn number(&self, counter: u64) -> String {
        format!(
            "{NUMBER_PREFIX}{:013}{:021}",
            self.created.epoch_millis(),
            counter
        )
    }

    /// The counter in one of this stream's fragment numbers.
    fn counter_of(&self, number: &str) -> Option<u64> {
        let rest = number.strip_prefix(NUMBER_PREFIX)?;
        let rest = rest.strip_prefix(&format!("{:013}", self.created.epoch_millis()))?;
        (rest.len() == 21).then(|| rest.parse().ok()).flatten()
    }

    /// How many fragments are readable.
    pub fn fragment_count(&self) -> usize {
        self.fragments.len()
    }

    /// The newest `n` readable fragments, newest first.
    pub fn newest_fragments(&self, n: usize) -> impl Iterator<Item = &Fragment> {
        self.fragments.iter().rev().take(n)
    }

    /// Whether fragments are kept past the 5-minute buffer.
    pub fn persists(&self) -> bool {
        self.retention_hours > 0
    }

    /// The image generation configuration, if one is set.
    pub fn image_generation(&self) -> Option<&image_generation::ImageGeneration> {
        self.image_generation.as_ref()
    }

    /// Whether a PutMedia connection is open.
    pub fn is_receiving(&self) -> bool {
        self.connection.is_some()
    }

    /// The HLS and DASH streaming sessions handed out and not yet dropped as expired.
    pub fn sessions(&self) -> &[sessions::Session] {
        &self.sessions
    }

    fn header(&self, fragment: &Fragment) -> &[u8] {
        self.headers
            .get(&fragment.header)
            .map_or(&[][..], |h| &h.bytes)
    }

    /// Drops the fragments retention no longer keeps, and the headers nothing refers to.
    fn expire(&mut self, now: SimTime) {
        let before = self.fragments.len();
        if self.persists() {
            let keep = Duration::from_secs(self.retention_hours as u64 * 3600);
            while self
                .fragments
                .front()
                .is_some_and(|f| f.server + keep <= now)
            {
                self.fragments.pop_front();
            }
        } else {
            while self
                .fragments
                .front()
                .is_some_and(|f| f.server + BUFFER_DURATION <= now)
            {
                self.fragments.pop_front();
            }
            let mut bytes: u64 = self.fragments.iter().map(|f| f.size() as u64).sum();
            while bytes > BUFFER_BYTES {
                if let Some(f) = self.fragments.pop_front() {
                    bytes -= f.size() as u64;
                }
            }
        }
        if self.fragments.len() != before {
            self.drop_unused_headers();
        }
    }

    /// Forgets the segment headers no fragment and no open connection refers to.
    fn drop_unused_headers(&mut self) {
        let used: std::collections::BTreeSet<u64> =
            self.fragments.iter().map(|f| f.header).collect();
        let open = self.connection.as_ref().and_then(|c| c.header);
        self.headers
            .retain(|id, _| used.contains(id) || open == Some(*id));
    }
}

impl Video {
    pub fn streams(&self) -> impl Iterator<Item = &Stream> {
        self.streams.values()
    }

    pub fn stream(&self, name: &str) -> Option<&Stream> {
        self.streams.get(name)
    }

    /// The signaling channels, by name.
    pub fn channels(&self) -> impl Iterator<Item = &signaling::Channel> {
        self.channels.values()
    }
}

impl Sandbox {
    /// Kinesis Video Streams, for the pages.
    pub fn video(&self) -> &Video {
        &self.video
    }
}

/// Streams settle, connections go idle, retention drops old fragments, deleted streams go.
fn on_time_passed(sb: &mut Sandbox) {
    let mut cx: Cx<'_> = sb.ctx();
    signaling::on_time_passed(&mut cx);
    let now = cx.now;
    cx.state
        .streams
        .retain(|_, s| !(s.status == StreamStatus::Deleting && now >= s.settles_at));
    for s in cx.state.streams.values_mut() {
        if matches!(s.status, StreamStatus::Creating | StreamStatus::Updating)
            && now >= s.settles_at
        {
            s.status = StreamStatus::Active;
        }
        if s.connection
            .as_ref()
            .is_some_and(|c| c.last_data + IDLE_TIMEOUT <= now)
        {
            // Nobody is listening for the acks of a connection that timed out.
            let _ = media::close(s, now);
        }
        s.expire(now);
        s.sessions.retain(|x| x.expires > now);
    }
    producer::on_time_passed(sb);
    image_generation::on_time_passed(&mut sb.video);
}

/// The control plane in the registry.
pub const SERVICE: Service = Service {
    prefix: "KinesisVideo",
    operations: &[
        changes("CreateStream", |sb, body| {
            ops::create_stream(&mut sb.ctx(), body)
        }),
        reads("DescribeStream", |sb, body| {
            ops::describe_stream(&mut sb.ctx(), body)
        }),
        reads("ListStreams", |sb, body| {
            ops::list_streams(&mut sb.ctx(), body)
        }),
        changes("UpdateStream", |sb, body| {
            ops::update_stream(&mut sb.ctx(), body)
        }),
        changes("UpdateDataRetention", |sb, body| {
            ops::update_data_retention(&mut sb.ctx(), body)
        }),
        changes("DeleteStream", |sb, body| {
            ops::delete_stream(&mut sb.ctx(), body)
        }),
        changes("TagStream", |sb, body| ops::tag_stream(&mut sb.ctx(), body)),
        changes("UntagStream", |sb, body| {
            ops::untag_stream(&mut sb.ctx(), body)
        }),
        reads("ListTagsForStream", |sb, body| {
            ops::list_tags_for_stream(&mut sb.ctx(), body)
        }),
        reads("GetDataEndpoint", |sb, body| {
            ops::get_data_endpoint(&mut sb.ctx(), body)
        }),
        changes("UpdateImageGenerationConfiguration", |sb, body| {
            image_generation::update_image_generation_configuration(&mut sb.ctx(), body)
        }),
        reads("DescribeImageGenerationConfiguration", |sb, body| {
            image_generation::describe_image_generation_configuration(&mut sb.ctx(), body)
        }),
        changes("CreateSignalingChannel", |sb, body| {
            signaling::create_signaling_channel(&mut sb.ctx(), body)
        }),
        reads("DescribeSignalingChannel", |sb, body| {
            signaling::describe_signaling_channel(&mut sb.ctx(), body)
        }),
        reads("ListSignalingChannels", |sb, body| {
            signaling::list_signaling_channels(&mut sb.ctx(), body)
        }),
        changes("UpdateSignalingChannel", |sb, body| {
            signaling::update_signaling_channel(&mut sb.ctx(), body)
        }),
        changes("DeleteSignalingChannel", |sb, body| {
            signaling::delete_signaling_channel(&mut sb.ctx(), body)
        }),
        reads("GetSignalingChannelEndpoint", |sb, body| {
            signaling::get_signaling_channel_endpoint(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["StreamName", "StreamARN", "ChannelName", "ChannelARN"],
    on_time_passed: Some(on_time_passed),
    cli: Some(CliService {
        name: "kinesisvideo",
        commands: cli::COMMANDS,
    }),
};

/// The media API (`kinesis-video-media`, and PutMedia) in the registry.
pub const MEDIA_SERVICE: Service = Service {
    prefix: "KinesisVideoMedia",
    operations: &[
        changes("PutMedia", |sb, body| media::put_media(&mut sb.ctx(), body)),
        reads("GetMedia", |sb, body| media::get_media(&mut sb.ctx(), body)),
    ],
    resource_fields: &["StreamName", "StreamARN"],
    on_time_passed: None,
    cli: None,
};

/// The archived-media API (`kinesis-video-archived-media`) in the registry.
pub const ARCHIVED_MEDIA_SERVICE: Service = Service {
    prefix: "KinesisVideoArchivedMedia",
    operations: &[
        reads("ListFragments", |sb, body| {
            media::list_fragments(&mut sb.ctx(), body)
        }),
        reads("GetMediaForFragmentList", |sb, body| {
            media::get_media_for_fragment_list(&mut sb.ctx(), body)
        }),
        reads("GetClip", |sb, body| {
            playback::get_clip(&mut sb.ctx(), body)
        }),
        reads("GetImages", images::get_images),
        reads("GetHLSStreamingSessionURL", |sb, body| {
            sessions::get_hls_streaming_session_url(&mut sb.ctx(), body)
        }),
        reads("GetDASHStreamingSessionURL", |sb, body| {
            sessions::get_dash_streaming_session_url(&mut sb.ctx(), body)
        }),
        reads("GetHLSMasterPlaylist", |sb, body| {
            sessions::get_hls_master_playlist(&mut sb.ctx(), body)
        }),
        reads("GetHLSMediaPlaylist", |sb, body| {
            sessions::get_hls_media_playlist(&mut sb.ctx(), body)
        }),
    ],
    resource_fields: &["StreamName", "StreamARN"],
    on_time_passed: None,
    cli: Some(CliService {
        name: "kinesis-video-archived-media",
        commands: cli::ARCHIVED_MEDIA_COMMANDS,
    }),
};

/// Counts a call in `window` (the second it was counted in, and how many), or refuses it when
/// `limit` calls were already made in `second`: a stream's per-second API limits.
pub(crate) fn take_call(
    window: &mut (i64, u32),
    second: i64,
    limit: u32,
) -> Result<(), crate::engine::ApiError> {
    if window.0 == second && window.1 >= limit {
        return Err(crate::engine::ApiError::new(
            crate::engine::ErrorKind::ClientLimitExceededException,
            "Kinesis Video Streams has throttled the request because you have exceeded the \
             limit of allowed client calls. Try making the call later.",
        ));
    }
    *window = if window.0 == second {
        (second, window.1 + 1)
    } else {
        (second, 1)
    };
    Ok(())
}
