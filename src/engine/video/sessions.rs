//! HLS and DASH streaming sessions: GetHLSStreamingSessionURL and GetDASHStreamingSessionURL,
//! with AWS's parameters, defaults, limits and errors, and the session's media playlist.
//!
//! A session is what a player (the console's, hls.js, Safari, ExoPlayer) is handed: a URL on
//! the stream's archived-media host with a session token, good until it expires. AWS then
//! serves the playlist and the fragments as fragmented MP4 or MPEG-TS, which needs H.264 or
//! H.265 video (and AAC audio) with codec private data — so a stream of the browser's VP8
//! gets `UnsupportedStreamMediaTypeException` here as on AWS, and the console pages play it
//! through the sandbox's own WebM playback instead. The sandbox does not serve the URL; for
//! an H.264 stream it answers `GetHLSMasterPlaylist` and `GetHLSMediaPlaylist` with the
//! playlists' text, sent with the session token as a JSON field.

use super::media::{active, no_retention};
use super::ops::{endpoint, stream_id};
use super::playback::{check_codecs, check_range, starts_within, Reader};
use super::{Cx, Fragment};
use crate::engine::body::Body;
use crate::engine::{ApiError, ErrorKind, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::time::Duration;

/// Active sessions of one protocol a stream may have; an eleventh closes the oldest.
pub const MAX_SESSIONS: usize = 10;
/// `Expires`: 300 s (the default) to 43,200 s (12 hours).
pub const MIN_EXPIRES: i64 = 300;
pub const MAX_EXPIRES: i64 = 43_200;
/// `MaxMediaPlaylistFragmentResults` / `MaxManifestFragmentResults`: 1 to 5,000.
pub const MAX_PLAYLIST_FRAGMENTS: i64 = 5000;
/// A LIVE session needs a fragment received within this long.
pub const LIVE_WINDOW: Duration = Duration::from_secs(30);
/// The most fragments one media playlist lists.
const MEDIA_PLAYLIST_CAP: usize = 1000;

/// HLS or DASH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Protocol {
    Hls,
    Dash,
}

/// `PlaybackMode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    Live,
    LiveReplay,
    OnDemand,
}

/// An open streaming session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub protocol: Protocol,
    pub mode: Mode,
    pub by_server: bool,
    /// The timestamp range (ms); the end is open for LIVE and a LIVE_REPLAY without one.
    pub start_ms: Option<i64>,
    pub end_ms: Option<i64>,
    /// `FRAGMENTED_MP4` or `MPEG_TS` (HLS only).
    pub container: String,
    pub max_fragments: usize,
    pub created: SimTime,
    pub expires: SimTime,
}

fn enum_at<'a>(
    v: &mut Validation,
    body: Body<'a>,
    field: &str,
    path: &str,
    values: &[&str],
) -> Result<Option<&'a str>, ApiError> {
    Ok(v.one_of(body.string(field)?, path, values))
}

/// The request's members, validated: what both operations share.
struct Request<'a> {
    name: Option<&'a str>,
    arn: Option<&'a str>,
    mode: Mode,
    by_server: bool,
    start: Option<i64>,
    end: Option<i64>,
    range_given: bool,
    container: &'a str,
    expires: i64,
    max: Option<i64>,
}

fn read_request<'a>(body: Body<'a>, protocol: Protocol) -> Result<Request<'a>, ApiError> {
    let (p, selector_field, max_field) = match protocol {
        Protocol::Hls => (
            "hLSFragmentSelector",
            "HLSFragmentSelector",
            "MaxMediaPlaylistFragmentResults",
        ),
        Protocol::Dash => (
            "dASHFragmentSelector",
            "DASHFragmentSelector",
            "MaxManifestFragmentResults",
        ),
    };
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let mode = enum_at(
        &mut v,
        body,
        "PlaybackMode",
        "playbackMode",
        &["LIVE", "LIVE_REPLAY", "ON_DEMAND"],
    )?;
    let mut by_server = true;
    let (mut start, mut end, mut range_given) = (None, None, false);
    if let Some(sel) = body.object(selector_field)? {
        let kind = enum_at(
            &mut v,
            sel,
            "FragmentSelectorType",
            &format!("{p}.fragmentSelectorType"),
            &["PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP"],
        )?;
        by_server = kind != Some("PRODUCER_TIMESTAMP");
        if let Some(range) = sel.object("TimestampRange")? {
            range_given = true;
            start = range.timestamp_millis("StartTimestamp")?;
            end = range.timestamp_millis("EndTimestamp")?;
        }
    }
    let container = match protocol {
        Protocol::Hls => enum_at(
            &mut v,
            body,
            "ContainerFormat",
            "containerFormat",
            &["FRAGMENTED_MP4", "MPEG_TS"],
        )?
        .unwrap_or("FRAGMENTED_MP4"),
        Protocol::Dash => "FRAGMENTED_MP4",
    };
    let always_never = ["ALWAYS", "NEVER"];
    match protocol {
        Protocol::Hls => {
            enum_at(
                &mut v,
                body,
                "DiscontinuityMode",
                "discontinuityMode",
                &["ALWAYS", "NEVER", "ON_DISCONTINUITY"],
            )?;
        }
        Protocol::Dash => {
            enum_at(
                &mut v,
                body,
                "DisplayFragmentNumber",
                "displayFragmentNumber",
                &always_never,
            )?;
        }
    }
    enum_at(
        &mut v,
        body,
        "DisplayFragmentTimestamp",
        "displayFragmentTimestamp",
        &always_never,
    )?;
    let expires = body.integer("Expires")?.unwrap_or(MIN_EXPIRES);
    v.range(expires, "expires", MIN_EXPIRES, MAX_EXPIRES);
    let max = body.integer(max_field)?;
    if let Some(m) = max {
        let path = match protocol {
            Protocol::Hls => "maxMediaPlaylistFragmentResults",
            Protocol::Dash => "maxManifestFragmentResults",
        };
        v.range(m, path, 1, MAX_PLAYLIST_FRAGMENTS);
    }
    v.finish()?;
    let mode = match mode {
        Some("LIVE_REPLAY") => Mode::LiveReplay,
        Some("ON_DEMAND") => Mode::OnDemand,
        _ => Mode::Live,
    };
    Ok(Request {
        name,
        arn,
        mode,
        by_server,
        start,
        end,
        range_given,
        container,
        expires,
        max,
    })
}

/// The session's fragments as they stand now, oldest first.
fn session_fragments<'a>(
    fragments: impl Iterator<Item = &'a Fragment>,
    s: &Session,
    now: SimTime,
) -> Vec<&'a Fragment> {
    let all: Vec<&Fragment> = match s.mode {
        Mode::Live => fragments
            .filter(|f| f.server + LIVE_WINDOW >= now)
            .collect(),
        Mode::LiveReplay | Mode::OnDemand => {
            let start = s.start_ms.unwrap_or(i64::MIN);
            let end = s.end_ms.unwrap_or(i64::MAX);
            fragments
                .filter(|f| starts_within(f, s.by_server, start, end))
                .collect()
        }
    };
    match s.mode {
        // Live playlists list the newest fragments; the others the first from the start.
        Mode::Live => all[all.len().saturating_sub(s.max_fragments)..].to_vec(),
        Mode::LiveReplay | Mode::OnDemand => all.into_iter().take(s.max_fragments).collect(),
    }
}

fn open_session(cx: &mut Cx<'_>, body: Body, protocol: Protocol) -> Result<Value, ApiError> {
    let r = read_request(body, protocol)?;
    let name = active(cx, r.name, r.arn)?;
    let now = cx.now;
    let stream = &cx.state.streams[&name];
    if !stream.persists() {
        return Err(no_retention(&name));
    }
    let mode_name = match r.mode {
        Mode::Live => "LIVE",
        Mode::LiveReplay => "LIVE_REPLAY",
        Mode::OnDemand => "ON_DEMAND",
    };
    match r.mode {
        Mode::Live if r.range_given => {
            return Err(ApiError::invalid_argument(
                "The TimestampRange must not be set when PlaybackMode is LIVE.",
            ))
        }
        Mode::LiveReplay if r.start.is_none() => {
            return Err(ApiError::invalid_argument(
                "The StartTimestamp is required when PlaybackMode is LIVE_REPLAY.",
            ))
        }
        Mode::OnDemand if r.start.is_none() || r.end.is_none() => {
            return Err(ApiError::invalid_argument(
                "The StartTimestamp and EndTimestamp are required when PlaybackMode is \
                 ON_DEMAND.",
            ))
        }
        _ => {}
    }
    if let (Some(s), Some(e)) = (r.start, r.end) {
        check_range(s, e)?;
        if r.by_server && e > now.epoch_millis() {
            return Err(ApiError::invalid_argument(
                "With SERVER_TIMESTAMP, the EndTimestamp must be in the past.",
            ));
        }
    }
    let default_max = if r.mode == Mode::OnDemand { 1000 } else { 5 };
    let mut session = Session {
        token: String::new(),
        protocol,
        mode: r.mode,
        by_server: r.by_server,
        start_ms: r.start,
        end_ms: r.end,
        container: r.container.to_string(),
        max_fragments: r.max.unwrap_or(default_max) as usize,
        created: now,
        expires: now + Duration::from_secs(r.expires as u64),
    };
    let fragments = session_fragments(stream.fragments(), &session, now);
    let Some(first) = fragments.first() else {
        return Err(ApiError::resource_not_found(match r.mode {
            Mode::Live => format!(
                "No fragments found for a LIVE session: stream {name} received none in the \
                 last 30 seconds."
            ),
            _ => format!("No fragments found in the requested time range for {mode_name}."),
        }));
    };
    let header = stream
        .headers
        .get(&first.header)
        .expect("a fragment's header is kept");
    check_codecs(
        header,
        match protocol {
            Protocol::Hls => Reader::Hls,
            Protocol::Dash => Reader::Dash,
        },
    )?;
    let host = endpoint(
        cx,
        &stream.arn,
        match protocol {
            Protocol::Hls => "GET_HLS_STREAMING_SESSION_URL",
            Protocol::Dash => "GET_DASH_STREAMING_SESSION_URL",
        },
    );
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    session.token = format!("CiA{}", cx.rng.string_from(ALPHABET, 61));
    let url = match protocol {
        Protocol::Hls => format!(
            "{host}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken={}",
            session.token
        ),
        Protocol::Dash => format!(
            "{host}/dash/v1/getDASHManifest.mpd?SessionToken={}",
            session.token
        ),
    };
    let stream = cx.state.streams.get_mut(&name).expect("found above");
    stream.sessions.retain(|s| s.expires > now);
    // At most ten active sessions of a protocol: a new one closes the earliest created.
    let open = |s: &Session| s.protocol == protocol;
    if stream.sessions.iter().filter(|s| open(s)).count() >= MAX_SESSIONS {
        let oldest = stream.sessions.iter().position(open).expect("ten are open");
        stream.sessions.remove(oldest);
    }
    stream.sessions.push(session);
    Ok(match protocol {
        Protocol::Hls => json!({ "HLSStreamingSessionURL": url }),
        Protocol::Dash => json!({ "DASHStreamingSessionURL": url }),
    })
}

pub(super) fn get_hls_streaming_session_url(
    cx: &mut Cx<'_>,
    body: Body,
) -> Result<Value, ApiError> {
    open_session(cx, body, Protocol::Hls)
}

pub(super) fn get_dash_streaming_session_url(
    cx: &mut Cx<'_>,
    body: Body,
) -> Result<Value, ApiError> {
    open_session(cx, body, Protocol::Dash)
}

/// The stream and session a token names, if the session is still open.
fn session_of(cx: &Cx<'_>, body: Body) -> Result<(String, Session), ApiError> {
    let mut v = Validation::new();
    let token = v.required(body.string("SessionToken")?, "sessionToken");
    v.optional_string(token, "sessionToken", None, 1, 4096);
    v.finish()?;
    let token = token.unwrap_or_default();
    let found = cx.state.streams.values().find_map(|s| {
        s.sessions
            .iter()
            .find(|x| x.token == token && x.protocol == Protocol::Hls)
            .map(|x| (s.name.clone(), x.clone()))
    });
    // Expired sessions are dropped as time passes: their tokens are no longer known.
    found.filter(|(_, s)| s.expires > cx.now).ok_or_else(|| {
        ApiError::new(
            ErrorKind::NotAuthorizedException,
            "The session token is not valid.",
        )
    })
}

/// The master playlist: one rendition, the media playlist of the same session.
pub(super) fn get_hls_master_playlist(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let (_, session) = session_of(cx, body)?;
    let text = format!(
        "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n\
         #EXT-X-STREAM-INF:BANDWIDTH=2000000,CODECS=\"avc1.64001f\"\n\
         getHLSMediaPlaylist.m3u8?SessionToken={}\n",
        session.token
    );
    Ok(json!({ "ContentType": "application/x-mpegURL", "Payload": text }))
}

/// The media playlist: the session's fragments, each a segment the player fetches.
pub(super) fn get_hls_media_playlist(cx: &mut Cx<'_>, body: Body) -> Result<Value, ApiError> {
    let (name, session) = session_of(cx, body)?;
    let stream = &cx.state.streams[&name];
    let mut fragments = session_fragments(stream.fragments(), &session, cx.now);
    fragments.truncate(MEDIA_PLAYLIST_CAP);
    let longest = fragments
        .iter()
        .map(|f| f.duration_ms)
        .max()
        .unwrap_or(1000);
    let mp4 = session.container == "FRAGMENTED_MP4";
    let token = &session.token;
    let mut text = format!(
        "#EXTM3U\n#EXT-X-VERSION:{}\n#EXT-X-TARGETDURATION:{}\n#EXT-X-MEDIA-SEQUENCE:{}\n",
        if mp4 { 7 } else { 3 },
        (longest + 999) / 1000,
        fragments.first().map_or(0, |f| f.counter),
    );
    if session.mode == Mode::OnDemand {
        text.push_str("#EXT-X-PLAYLIST-TYPE:VOD\n");
    }
    if mp4 {
        text.push_str(&format!(
            "#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken={token}\"\n"
        ));
    }
    for f in &fragments {
        let file = if mp4 {
            "getMP4MediaFragment.mp4"
        } else {
            "getTSFragment.ts"
        };
        text.push_str(&format!(
            "#EXTINF:{:.3},\n{file}?FragmentNumber={}&SessionToken={token}\n",
            f.duration_ms as f64 / 1000.0,
            f.number
        ));
    }
    if session.mode == Mode::OnDemand {
        text.push_str("#EXT-X-ENDLIST\n");
    }
    Ok(json!({ "ContentType": "application/x-mpegURL", "Payload": text }))
}
