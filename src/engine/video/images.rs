//! GetImages: a stream's frames at a sampling interval, as JPEG or PNG.
//!
//! Decoding a frame is an effect, as running a Lambda function is: the engine reads no
//! VP8, VP9 or H.264. It works out which timestamps to sample (the interval, the range, the
//! page), which fragment holds each one and where inside it — an [`ImagesPlan`] — and a
//! [`FrameSource`] the caller supplies turns a fragment and an offset into image bytes. In
//! the page that is a `<video>` fed the fragment as a WebM file and a canvas; natively it is
//! a test's fake. [`Sandbox::video_prepare_images`] and [`Sandbox::video_finish_images`] are
//! the two halves for a caller that decodes asynchronously; [`Sandbox::video_get_images`]
//! does both with a synchronous source.
//!
//! How the sandbox differs from AWS: AWS decodes H.264 and H.265 only; the sandbox also takes
//! the WebM codecs its clips take (the browser's producer records VP8 or VP9).

use super::ebml;
use super::media::{active, no_retention};
use super::ops::stream_id;
use super::playback::{check_codecs, Reader};
use super::{Cx, Fragment, Holds, Stream};
use crate::engine::body::Body;
use crate::engine::registry::Target;
use crate::engine::{ApiError, Caller, ErrorKind, Sandbox, Validation};
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The smallest `SamplingInterval`: 200 ms, five images a second.
pub const MIN_SAMPLING_INTERVAL_MS: i64 = 200;
/// The longest range one request may sample: 300 seconds.
pub const MAX_RANGE_MS: i64 = 300_000;
/// `MaxResults`: 1 to 100; a page holds at most 25 images.
pub const MAX_RESULTS: i64 = 100;
pub const PAGE_SIZE: usize = 25;
/// `WidthPixels` and `HeightPixels` at most.
pub const MAX_WIDTH: i64 = 3840;
pub const MAX_HEIGHT: i64 = 2160;
/// `JPEGQuality` when `FormatConfig` does not set it.
pub const DEFAULT_JPEG_QUALITY: u8 = 80;

/// `Format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImageFormat {
    Jpeg,
    Png,
}

impl ImageFormat {
    /// The image's media type (what a canvas is asked to encode).
    pub fn media_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
        }
    }

    /// The file extension of an object holding such an image.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
        }
    }
}

/// How the images are to be encoded: format, JPEG quality (1–100) and size. With one side
/// given the other follows the frame's aspect ratio; with neither the frame's own size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageSpec {
    pub format: ImageFormat,
    pub quality: u8,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

impl ImageSpec {
    /// The size of an image of a `width` × `height` frame: the sizes asked for, the missing
    /// one (or both) following the frame's aspect ratio.
    pub fn size_for(&self, width: u32, height: u32) -> (u32, u32) {
        let (w, h) = (u64::from(width.max(1)), u64::from(height.max(1)));
        let scaled = |n: u64, of: u64, by: u64| ((n * of + by / 2) / by).max(1) as u32;
        match (self.width, self.height) {
            (Some(x), Some(y)) => (x, y),
            (Some(x), None) => (x, scaled(u64::from(x), h, w)),
            (None, Some(y)) => (scaled(u64::from(y), w, h), y),
            (None, None) => (width.max(1), height.max(1)),
        }
    }
}

/// A fragment as a file a decoder can open: the stream's header and the fragment's cluster,
/// retimed to start at 0.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FragmentFile {
    pub fragment_number: String,
    /// `video/webm` or `video/x-matroska`.
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// One timestamp to sample, and where its frame is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub timestamp_ms: i64,
    /// The file (an index into [`ImagesPlan::files`]) and the offset inside it (ms); `None`
    /// when no fragment holds the timestamp (`NO_MEDIA`).
    pub frame: Option<(usize, i64)>,
}

/// A checked GetImages request: what to decode for this page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImagesPlan {
    pub stream: String,
    pub spec: ImageSpec,
    pub samples: Vec<Sample>,
    pub files: Vec<FragmentFile>,
    /// The token of the next page, if samples remain.
    pub next_token: Option<String>,
}

impl ImagesPlan {
    /// The samples that need a frame decoded, with their file and offset.
    pub fn wanted(&self) -> impl Iterator<Item = (&Sample, &FragmentFile, i64)> {
        self.samples
            .iter()
            .filter_map(|s| s.frame.map(|(file, offset)| (s, &self.files[file], offset)))
    }
}

/// What decodes frames: a fragment's file and an offset (ms) in, the encoded image out, or
/// `None` when the frame cannot be decoded (`MEDIA_ERROR`).
pub trait FrameSource {
    fn frame(&mut self, file: &FragmentFile, offset_ms: i64, spec: &ImageSpec) -> Option<Vec<u8>>;
}

fn invalid_token() -> ApiError {
    ApiError::invalid_argument("The NextToken is not valid for this request.")
}

/// A page's token: the index of its first sample, base64-encoded.
fn token_of(index: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("images:{index}"))
}

fn index_of(token: &str) -> Option<usize> {
    let text = base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()?;
    String::from_utf8(text)
        .ok()?
        .strip_prefix("images:")?
        .parse()
        .ok()
}

/// The fragment's start by the chosen timestamp (ms).
fn start_of(f: &Fragment, by_server: bool) -> i64 {
    if by_server {
        f.server.epoch_millis()
    } else {
        f.producer_ms
    }
}

/// The fragment holding `ts` (from its first frame to its last, both included; the later
/// fragment where two touch), and the offset inside it.
pub(super) fn holding(stream: &Stream, by_server: bool, ts: i64) -> Option<(&Fragment, i64)> {
    stream
        .fragments()
        .filter(|f| {
            let start = start_of(f, by_server);
            ts >= start && ts <= start + f.duration_ms.max(0)
        })
        .last()
        .map(|f| (f, ts - start_of(f, by_server)))
}

/// The timestamps sampled from `start` to `end` (both included) every `interval` ms; only
/// `start` when the range is shorter than the interval, or no interval is given.
pub fn sample_times(start: i64, end: i64, interval: Option<i64>) -> Vec<i64> {
    match interval {
        Some(step) if step > 0 => (0..)
            .map(|k| start + k * step)
            .take_while(|t| *t <= end)
            .collect(),
        _ => vec![start],
    }
}

/// Checks a GetImages request and works out the page it asks for.
pub(super) fn plan(cx: &mut Cx<'_>, body: Body) -> Result<ImagesPlan, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let selector = v.required(body.string("ImageSelectorType")?, "imageSelectorType");
    const SELECTORS: &[&str] = &["PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP"];
    if let Some(s) = selector.filter(|s| !SELECTORS.contains(s)) {
        v.fail(
            Some(s),
            "imageSelectorType",
            "Member must satisfy enum value set: [PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]",
        );
    }
    let start = v.required(body.timestamp_millis("StartTimestamp")?, "startTimestamp");
    let end = v.required(body.timestamp_millis("EndTimestamp")?, "endTimestamp");
    let interval = body.integer("SamplingInterval")?;
    if let Some(i) = interval {
        v.range(
            i,
            "samplingInterval",
            MIN_SAMPLING_INTERVAL_MS,
            i64::from(i32::MAX),
        );
    }
    let format = v.required(body.string("Format")?, "format");
    if let Some(f) = format.filter(|f| !["JPEG", "PNG"].contains(f)) {
        v.fail(
            Some(f),
            "format",
            "Member must satisfy enum value set: [JPEG, PNG]",
        );
    }
    let mut quality = None;
    if let Some(config) = body.object("FormatConfig")? {
        if config.0.len() > 1 {
            v.fail(
                None,
                "formatConfig",
                "Member must have length less than or equal to 1",
            );
        }
        for (key, value) in config.0 {
            let value = crate::engine::body::string_item(value)?;
            if key != "JPEGQuality" {
                v.fail(
                    Some(key),
                    "formatConfig",
                    "Map keys must satisfy constraint: [Member must satisfy enum value set: \
                     [JPEGQuality]]",
                );
                continue;
            }
            let value = value.unwrap_or_default();
            if value.len() > 256
                || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                || value.is_empty()
            {
                v.fail(
                    Some(value),
                    "formatConfig",
                    "Map value must satisfy constraint: [Member must satisfy regular expression \
                     pattern: ^[a-zA-Z_0-9]+]",
                );
                continue;
            }
            quality = Some(value);
        }
    }
    let width = body.integer("WidthPixels")?;
    if let Some(w) = width {
        v.range(w, "widthPixels", 1, MAX_WIDTH);
    }
    let height = body.integer("HeightPixels")?;
    if let Some(h) = height {
        v.range(h, "heightPixels", 1, MAX_HEIGHT);
    }
    let max = body.integer("MaxResults")?;
    if let Some(m) = max {
        v.range(m, "maxResults", 1, MAX_RESULTS);
    }
    let token = body.string("NextToken")?;
    v.optional_string(token, "nextToken", None, 1, 4096);
    v.finish()?;

    let quality =
        match quality {
            None => DEFAULT_JPEG_QUALITY,
            Some(q) => match q.parse::<u8>() {
                Ok(n) if (1..=100).contains(&n) => n,
                _ => return Err(ApiError::invalid_argument(
                    "The value of JPEGQuality in FormatConfig must be an integer from 1 to 100.",
                )),
            },
        };
    let name = active(cx, name, arn)?;
    let stream = &cx.state.streams[&name];
    if !stream.persists() {
        return Err(no_retention(&name));
    }
    let (start, end) = (start.unwrap_or_default(), end.unwrap_or_default());
    if end < start {
        return Err(ApiError::invalid_argument(
            "The EndTimestamp must not be earlier than the StartTimestamp.",
        ));
    }
    if end - start > MAX_RANGE_MS {
        return Err(ApiError::invalid_argument(
            "The time range between StartTimestamp and EndTimestamp must not be more than 300 \
             seconds.",
        ));
    }
    let by_server = selector == Some("SERVER_TIMESTAMP");
    let times = sample_times(start, end, interval);
    let first = match token {
        None => 0,
        Some(t) => index_of(t)
            .filter(|i| *i < times.len())
            .ok_or_else(invalid_token)?,
    };
    let page = (max.unwrap_or(PAGE_SIZE as i64) as usize).min(PAGE_SIZE);
    let last = (first + page).min(times.len());
    let mut files: Vec<FragmentFile> = Vec::new();
    let mut samples = Vec::new();
    for &ts in &times[first..last] {
        let frame = match holding(stream, by_server, ts) {
            None => None,
            Some((f, offset)) => {
                let index = match files.iter().position(|x| x.fragment_number == f.number) {
                    Some(i) => i,
                    None => {
                        files.push(fragment_file(stream, f)?);
                        files.len() - 1
                    }
                };
                Some((index, offset))
            }
        };
        samples.push(Sample {
            timestamp_ms: ts,
            frame,
        });
    }
    Ok(ImagesPlan {
        stream: name,
        spec: ImageSpec {
            format: if format == Some("PNG") {
                ImageFormat::Png
            } else {
                ImageFormat::Jpeg
            },
            quality,
            width: width.map(|w| w as u32),
            height: height.map(|h| h as u32),
        },
        samples,
        files,
        next_token: (last < times.len()).then(|| token_of(last)),
    })
}

/// The fragment alone as a playable file, its codecs checked as a clip's are.
pub(super) fn fragment_file(stream: &Stream, f: &Fragment) -> Result<FragmentFile, ApiError> {
    let header = stream.headers.get(&f.header).ok_or_else(|| {
        ApiError::new(
            ErrorKind::UnsupportedStreamMediaTypeException,
            "The fragment has no track information.",
        )
    })?;
    let content_type = check_codecs(header, Reader::Clip)?;
    let mut bytes = stream.header(f).to_vec();
    match ebml::with_timecode(f.bytes(), 0) {
        Some(c) => bytes.extend(c),
        None => bytes.extend_from_slice(f.bytes()),
    }
    Ok(FragmentFile {
        fragment_number: f.number.clone(),
        content_type: content_type.to_string(),
        bytes,
    })
}

/// GetImages' answer: for each sample its image, `NO_MEDIA` or `MEDIA_ERROR`. `frames` holds
/// what the source made of each sample that had a frame, in order.
pub fn answer(plan: &ImagesPlan, frames: &[Option<Vec<u8>>]) -> Value {
    let mut decoded = frames.iter();
    let images: Vec<Value> = plan
        .samples
        .iter()
        .map(|s| {
            let ts = s.timestamp_ms as f64 / 1000.0;
            match s.frame {
                None => json!({"TimeStamp": ts, "Error": "NO_MEDIA"}),
                Some(_) => match decoded.next().cloned().flatten() {
                    Some(bytes) => json!({
                        "TimeStamp": ts,
                        "ImageContent": base64::engine::general_purpose::STANDARD.encode(bytes),
                    }),
                    None => json!({"TimeStamp": ts, "Error": "MEDIA_ERROR"}),
                },
            }
        })
        .collect();
    let mut out = json!({ "Images": images });
    if let Some(t) = &plan.next_token {
        out["NextToken"] = json!(t);
    }
    out
}

/// `GetImages` through the JSON edge: a page without frames to decode is answered here;
/// decoding needs the page's host, through [`Sandbox::video_prepare_images`].
pub(super) fn get_images(sb: &mut Sandbox, body: Body) -> Result<Value, ApiError> {
    let plan = plan(&mut Holds::<super::Video>::ctx(sb), body)?;
    if plan.wanted().next().is_some() {
        return Err(ApiError::new(
            ErrorKind::ServiceException,
            "This sandbox decodes video frames in the browser: extract images from the \
             stream's Media playback section.",
        ));
    }
    Ok(answer(&plan, &[]))
}

/// The operation, for the event log.
pub const GET_IMAGES: Target = super::ARCHIVED_MEDIA_SERVICE.target("GetImages");

fn stream_field(body: &Value) -> Option<String> {
    ["StreamName", "StreamARN"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_str))
        .map(str::to_string)
}

impl Sandbox {
    /// The first half of a GetImages call: the request checked (an error is logged as the
    /// call's answer) and the frames to decode.
    pub fn video_prepare_images(&mut self, body: Value) -> Result<ImagesPlan, ApiError> {
        let resource = stream_field(&body);
        let map = match &body {
            Value::Object(m) => m.clone(),
            _ => return Err(ApiError::serialization(None)),
        };
        let planned = plan(&mut Holds::<super::Video>::ctx(self), Body(&map));
        if let Err(e) = &planned {
            let e = e.clone();
            let _ =
                self.call_typed::<()>(Caller::User, GET_IMAGES, resource.as_deref(), |_| Err(e));
        }
        planned
    }

    /// The second half: the decoded frames (one per [`ImagesPlan::wanted`] entry) made the
    /// answer, and the call logged.
    pub fn video_finish_images(&mut self, plan: &ImagesPlan, frames: &[Option<Vec<u8>>]) -> Value {
        let stream = plan.stream.clone();
        let _ = self.call_typed(Caller::User, GET_IMAGES, Some(&stream), |_| Ok(()));
        answer(plan, frames)
    }

    /// GetImages with a synchronous frame source.
    pub fn video_get_images(
        &mut self,
        body: Value,
        source: &mut dyn FrameSource,
    ) -> Result<Value, ApiError> {
        let plan = self.video_prepare_images(body)?;
        let frames: Vec<Option<Vec<u8>>> = plan
            .wanted()
            .map(|(_, file, offset)| source.frame(file, offset, &plan.spec))
            .collect();
        Ok(self.video_finish_images(&plan, &frames))
    }
}
