//! Archived media as a file or a player's session: GetClip, and (in `sessions.rs`) HLS and
//! DASH streaming sessions.
//!
//! How the sandbox differs from AWS:
//!
//! - AWS's GetClip answers an MP4 file and takes only H.264/H.265 video (with AAC audio).
//!   The sandbox cannot write MP4 and its producer (a browser's `MediaRecorder`) records VP8
//!   or VP9: it answers the clip as Matroska, the fragments' own clusters behind the
//!   stream's header and retimed to start at 0 — `video/webm` for WebM codecs (VP8, VP9, AV1,
//!   Opus, Vorbis), a file browsers and VLC play, and `video/x-matroska` for H.264/H.265,
//!   checked as AWS checks them. Any other codec is refused as AWS would refuse it.
//! - HLS and DASH sessions follow AWS's rules exactly, codecs included: a VP8 stream gets
//!   `UnsupportedStreamMediaTypeException`, as it would on AWS.

use super::ebml::{self, Header};
use super::media::{active, no_retention, timestamp_range};
use super::ops::stream_id;
use super::{Cx, Fragment, Stream};
use crate::engine::body::Body;
use crate::engine::{ApiError, ErrorKind, Validation};
use base64::Engine as _;
use serde_json::{json, Value};

/// A clip holds at most the first 200 fragments…
pub const MAX_CLIP_FRAGMENTS: usize = 200;
/// …and at most the first 100 MB from its start.
pub const MAX_CLIP_BYTES: usize = 100 * 1024 * 1024;
/// GetClip calls a stream takes per second.
pub const GET_CLIP_TPS: u32 = 1;
/// The longest timestamp range a clip or an on-demand session may ask for.
pub const MAX_RANGE_MS: i64 = 24 * 3600 * 1000;

/// Codec ids of the WebM family, which the sandbox's clips also take.
const WEBM_CODECS: &[&str] = &["V_VP8", "V_VP9", "V_AV1", "A_OPUS", "A_VORBIS"];
pub const H264: &str = "V_MPEG/ISO/AVC";
pub const H265: &str = "V_MPEG/ISO/HEVC";
pub const AAC: &str = "A_AAC";
/// G.711 audio, which DASH also plays.
pub const G711: &str = "A_MS/ACM";

/// What the media of a stream can be read back as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reader {
    Clip,
    Hls,
    Dash,
}

fn unsupported(reader: Reader) -> ApiError {
    let audio = if reader == Reader::Dash {
        "A_AAC or A_MS/ACM"
    } else {
        "A_AAC"
    };
    ApiError::new(
        ErrorKind::UnsupportedStreamMediaTypeException,
        format!(
            "The type of the media (for example, h.264 or h.265 video or AAC or G.711 audio) \
             could not be determined from the codec IDs of the tracks in the first fragment \
             for a playback session. The codec ID for track 1 should be V_MPEG/ISO/AVC and, \
             optionally, the codec ID for track 2 should be {audio}."
        ),
    )
}

fn missing_private_data() -> ApiError {
    ApiError::new(
        ErrorKind::MissingCodecPrivateDataException,
        "No codec private data was found in at least one of tracks of the video stream.",
    )
}

fn invalid_private_data() -> ApiError {
    ApiError::new(
        ErrorKind::InvalidCodecPrivateDataException,
        "The codec private data in at least one of the tracks of the video stream is not valid \
         for this operation.",
    )
}

/// Whether a track's codec private data can be what its codec needs: an AVC or HEVC decoder
/// configuration record (version 1, long enough for its fixed fields), an AAC
/// AudioSpecificConfig (at least 2 bytes).
fn private_data_valid(codec: &str, data: &[u8]) -> bool {
    match codec {
        H264 => data.len() >= 7 && data[0] == 1,
        H265 => data.len() >= 23 && data[0] == 1,
        AAC => data.len() >= 2,
        _ => true,
    }
}

/// Checks the tracks of a stream's first fragment as AWS does for `reader`; the answer's
/// content type when they pass.
pub(super) fn check_codecs(header: &Header, reader: Reader) -> Result<&'static str, ApiError> {
    let codecs: Vec<&str> = header
        .tracks
        .iter()
        .map(|t| t.codec_id.as_deref().unwrap_or(""))
        .collect();
    if reader == Reader::Clip
        && !codecs.is_empty()
        && codecs.iter().all(|c| WEBM_CODECS.contains(c))
    {
        return Ok("video/webm");
    }
    let audio_ok = |c: &str| c == AAC || (reader == Reader::Dash && c == G711);
    let shape_ok = match codecs[..] {
        [video] => matches!(video, H264 | H265) || audio_ok(video),
        [video, audio] => matches!(video, H264 | H265) && audio_ok(audio),
        _ => false,
    };
    if !shape_ok {
        return Err(unsupported(reader));
    }
    for track in &header.tracks {
        let codec = track.codec_id.as_deref().unwrap_or("");
        if !matches!(codec, H264 | H265 | AAC) {
            continue;
        }
        match &track.codec_private {
            None => return Err(missing_private_data()),
            Some(d) if d.is_empty() => return Err(missing_private_data()),
            Some(d) if !private_data_valid(codec, d) => return Err(invalid_private_data()),
            Some(_) => {}
        }
    }
    Ok(match reader {
        Reader::Clip => "video/x-matroska",
        Reader::Hls => "application/x-mpegURL",
        Reader::Dash => "application/dash+xml",
    })
}

/// Whether the fragment starts within `[start, end]` (ms) by the chosen timestamp.
pub(super) fn starts_within(f: &Fragment, by_server: bool, start: i64, end: i64) -> bool {
    let ts = if by_server {
        f.server.epoch_millis()
    } else {
        f.producer_ms
    };
    ts >= start && ts <= end
}

/// A `{…}FragmentSelector`: its type (true for SERVER_TIMESTAMP) and its range, validated.
pub(super) fn fragment_selector(
    v: &mut Validation,
    selector: Option<Body>,
    path: &str,
    range_required: bool,
) -> Result<(bool, Option<(i64, i64)>), ApiError> {
    let Some(sel) = selector else {
        return Ok((false, None));
    };
    let kind = sel.string("FragmentSelectorType")?;
    let kind = if range_required {
        v.required(kind, &format!("{path}.fragmentSelectorType"))
    } else {
        kind
    };
    let by_server = match kind {
        Some("SERVER_TIMESTAMP") => true,
        Some("PRODUCER_TIMESTAMP") | None => false,
        Some(other) => {
            v.fail(
                Some(other),
                &format!("{path}.fragmentSelectorType"),
                "Member must satisfy enum value set: [PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]",
            );
            false
        }
    };
    let range = sel.object("TimestampRange")?;
    let range = if range_required || range.is_some() {
        timestamp_range(v, range, &format!("{path}.timestampRange"))?
    } else {
        None
    };
    Ok((by_server, range))
}

/// The range rules a clip's (and an on-demand session's) timestamps follow.
pub(super) fn check_range(start: i64, end: i64) -> Result<(), ApiError> {
    if end <= start {
        return Err(ApiError::invalid_argument(
            "The EndTimestamp must be later than the StartTimestamp.",
        ));
    }
    if end - start > MAX_RANGE_MS {
        return Err(ApiError::invalid_argument(
            "The EndTimestamp must be within 24 hours of the StartTimestamp.",
        ));
    }
    Ok(())
}

fn no_fragments() -> ApiError {
    ApiError::resource_not_found("No fragments found in the requested time range.")
}

/// One file of the fragments: the first fragment's header, then each cluster with its
/// Timecode rewritten to the time since the first fragment began (in the header's units), so
/// that fragments from several producer sessions play in order.
fn clip_file(stream: &Stream, fragments: &[&Fragment]) -> Vec<u8> {
    let first = fragments[0];
    let header = stream.headers.get(&first.header);
    let scale = header.map_or(1_000_000, |h| h.timecode_scale_ns.max(1));
    let mut out = stream.header(first).to_vec();
    for f in fragments {
        let since_ms = (f.producer_ms - first.producer_ms).max(0) as u128;
        let timecode = (since_ms * 1_000_000 / u128::from(scale)) as u64;
        match ebml::with_timecode(f.bytes(), timecode) {
            Some(c) => out.extend(c),
            None => out.extend_from_slice(f.bytes()),
        }
    }
    out
}

pub(super) fn get_clip(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let selector = v.required(body.object("ClipFragmentSelector")?, "clipFragmentSelector");
    let (by_server, range) = fragment_selector(&mut v, selector, "clipFragmentSelector", true)?;
    v.finish()?;
    let name = active(cx, name, arn)?;
    let now = cx.now;
    let stream = cx.state.streams.get_mut(&name).expect("found above");
    let second = now.epoch_millis().div_euclid(1000);
    super::take_call(&mut stream.clip_calls, second, GET_CLIP_TPS)?;
    let stream = &cx.state.streams[&name];
    if !stream.persists() {
        return Err(no_retention(&name));
    }
    let (start, end) = range.expect("validated above");
    check_range(start, end)?;
    if by_server && end > now.epoch_millis() {
        return Err(ApiError::invalid_argument(
            "With SERVER_TIMESTAMP, the EndTimestamp must be in the past.",
        ));
    }
    let mut chosen: Vec<&Fragment> = Vec::new();
    let mut bytes = 0;
    for f in stream
        .fragments()
        .filter(|f| starts_within(f, by_server, start, end))
    {
        if chosen.len() == MAX_CLIP_FRAGMENTS || bytes + f.size() > MAX_CLIP_BYTES {
            break;
        }
        bytes += f.size();
        chosen.push(f);
    }
    let Some(first) = chosen.first() else {
        return Err(no_fragments());
    };
    let header = stream
        .headers
        .get(&first.header)
        .ok_or_else(|| unsupported(Reader::Clip))?;
    let content_type = check_codecs(header, Reader::Clip)?;
    let file = clip_file(stream, &chosen);
    Ok(json!({
        "ContentType": content_type,
        "Payload": base64::engine::general_purpose::STANDARD.encode(file),
    }))
}
