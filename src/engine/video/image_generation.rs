//! A stream's image generation configuration: UpdateImageGenerationConfiguration and
//! DescribeImageGenerationConfiguration, with AWS's members, limits and errors.
//!
//! While the configuration is ENABLED, each tick samples the fragments that arrived since it
//! was set, every `SamplingInterval`, and queues a [`FrameJob`] per timestamp a fragment
//! holds. Decoding is the host's effect, as for GetImages: the page takes the jobs
//! ([`Sandbox::video_take_frame_jobs`]), decodes them and hands the images back
//! ([`Sandbox::video_frame_done`]), which puts each one in the destination bucket.
//!
//! How the sandbox differs from AWS:
//!
//! - AWS generates images only from fragments its Producer SDK tagged for image generation
//!   (`putKinesisVideoEventMetadata`); the browser's producer sends no such tags, so every
//!   fragment counts here.
//! - The object key is the sandbox's own layout:
//!   `<Uri path>/<stream>/<YYYY>/<MM>/<DD>/<HH>/<mm>/<ss>/<fragment number>_<timestamp ms>.<jpg|png>`
//!   (UTC, from the sampled timestamp).

use super::images::{holding, FragmentFile, ImageFormat, ImageSpec, DEFAULT_JPEG_QUALITY};
use super::media::{active, no_retention};
use super::ops::{find, stream_id};
use super::{Cx, Holds, Stream, Video};
use crate::engine::body::{string_item, Body};
use crate::engine::{s3, ApiError, Caller, Sandbox, SimTime, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// `SamplingInterval` of image generation: 3,000 to 20,000 ms.
pub const MIN_INTERVAL_MS: i64 = 3000;
pub const MAX_INTERVAL_MS: i64 = 20_000;
const URI_PATTERN: &str = "^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$";
const REGION_PATTERN: &str = "^[a-z]+(-[a-z]+)?-[a-z]+-[0-9]$";

/// `ImageGenerationConfiguration`, as set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageGeneration {
    pub enabled: bool,
    pub by_server: bool,
    pub uri: String,
    pub region: String,
    pub interval_ms: i64,
    /// `JPEG` or `PNG`.
    pub format: String,
    /// `FormatConfig`'s `JPEGQuality`, as given.
    pub jpeg_quality: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// When it was set: only fragments received since then are sampled.
    #[serde(default)]
    pub set_at: SimTime,
    /// The next timestamp (ms) to sample, once a fragment has arrived.
    #[serde(default)]
    pub next_sample_ms: Option<i64>,
}

/// An image generation wants: the frame at `timestamp_ms`, `offset_ms` into a fragment,
/// encoded as `spec` says and put at `key` in `bucket`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameJob {
    pub id: u64,
    pub stream: String,
    pub fragment_number: String,
    pub timestamp_ms: i64,
    pub offset_ms: i64,
    pub spec: ImageSpec,
    pub bucket: String,
    pub key: String,
}

/// The most frames one stream queues in a tick.
const MAX_JOBS_PER_TICK: usize = 100;

fn is_uri(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return false;
    }
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    !host.is_empty() && !path.contains('*')
}

fn is_region(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    let Some((last, words)) = parts.split_last() else {
        return false;
    };
    (2..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        && last.len() == 1
        && last.chars().all(|c| c.is_ascii_digit())
}

fn enum_member<'a>(
    v: &mut Validation,
    body: Body<'a>,
    field: &str,
    path: &str,
    values: &[&str],
) -> Result<Option<&'a str>, ApiError> {
    let value = v.required(body.string(field)?, path);
    Ok(v.one_of(value, path, values))
}

/// The configuration in a request, validated; `None` when the request deletes it.
fn read(v: &mut Validation, body: Body) -> Result<Option<ImageGeneration>, ApiError> {
    let Some(c) = body.object("ImageGenerationConfiguration")? else {
        return Ok(None);
    };
    let p = "imageGenerationConfiguration";
    let status = enum_member(
        v,
        c,
        "Status",
        &format!("{p}.status"),
        &["ENABLED", "DISABLED"],
    )?;
    let selector = enum_member(
        v,
        c,
        "ImageSelectorType",
        &format!("{p}.imageSelectorType"),
        &["SERVER_TIMESTAMP", "PRODUCER_TIMESTAMP"],
    )?;
    let (mut uri, mut region) = (None, None);
    if let Some(d) = v.required(
        c.object("DestinationConfig")?,
        &format!("{p}.destinationConfig"),
    ) {
        let path = format!("{p}.destinationConfig.uri");
        uri = v.required(d.string("Uri")?, &path);
        if let Some(u) = uri {
            v.string(u, &path, Some((URI_PATTERN, is_uri)), 1, 255);
        }
        let path = format!("{p}.destinationConfig.destinationRegion");
        region = v.required(d.string("DestinationRegion")?, &path);
        if let Some(r) = region {
            v.string(r, &path, Some((REGION_PATTERN, is_region)), 9, 14);
        }
    }
    let interval = v.required(
        c.integer("SamplingInterval")?,
        &format!("{p}.samplingInterval"),
    );
    if let Some(i) = interval {
        v.range(
            i,
            &format!("{p}.samplingInterval"),
            MIN_INTERVAL_MS,
            MAX_INTERVAL_MS,
        );
    }
    let format = enum_member(v, c, "Format", &format!("{p}.format"), &["JPEG", "PNG"])?;
    let mut jpeg_quality = None;
    if let Some(config) = c.object("FormatConfig")? {
        let path = format!("{p}.formatConfig");
        if config.0.len() > 1 {
            v.fail(
                None,
                &path,
                "Member must have length less than or equal to 1",
            );
        }
        for (key, value) in config.0 {
            let value = string_item(value)?.unwrap_or_default();
            if key != "JPEGQuality" {
                v.fail(
                    Some(key),
                    &path,
                    "Map keys must satisfy constraint: [Member must satisfy enum value set: \
                     [JPEGQuality]]",
                );
            } else if value.len() > 256
                || value.is_empty()
                || !value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            {
                v.fail(
                    Some(value),
                    &path,
                    "Map value must satisfy constraint: [Member must satisfy regular expression \
                     pattern: ^[a-zA-Z_0-9]+]",
                );
            } else {
                jpeg_quality = Some(value.to_string());
            }
        }
    }
    let width = c.integer("WidthPixels")?;
    if let Some(w) = width {
        v.range(w, &format!("{p}.widthPixels"), 1, 3840);
    }
    let height = c.integer("HeightPixels")?;
    if let Some(h) = height {
        v.range(h, &format!("{p}.heightPixels"), 1, 2160);
    }
    Ok(Some(ImageGeneration {
        enabled: status == Some("ENABLED"),
        by_server: selector == Some("SERVER_TIMESTAMP"),
        uri: uri.unwrap_or_default().to_string(),
        region: region.unwrap_or_default().to_string(),
        interval_ms: interval.unwrap_or_default(),
        format: format.unwrap_or_default().to_string(),
        jpeg_quality,
        width,
        height,
        set_at: SimTime::default(),
        next_sample_ms: None,
    }))
}

pub(super) fn update_image_generation_configuration(
    cx: &mut Cx<'_>,
    body: Body,
) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    let config = read(&mut v, body)?;
    v.finish()?;
    let name = active(cx, name, arn)?;
    if let Some(c) = &config {
        if c.region != cx.config.region {
            return Err(ApiError::invalid_argument(format!(
                "The DestinationRegion {} must be the Region of the stream ({}).",
                c.region, cx.config.region
            )));
        }
        if c.uri.split_once(':').map(|(s, _)| s) != Some("s3") {
            return Err(ApiError::invalid_argument(
                "The Uri must be an Amazon S3 URI, such as s3://bucket-name.",
            ));
        }
        if let Some(q) = &c.jpeg_quality {
            if !q.parse::<u8>().is_ok_and(|n| (1..=100).contains(&n)) {
                return Err(ApiError::invalid_argument(
                    "The value of JPEGQuality in FormatConfig must be an integer from 1 to 100.",
                ));
            }
        }
    }
    let stream = cx.state.streams.get_mut(&name).expect("found above");
    if config.is_some() && !stream.persists() {
        return Err(no_retention(&name));
    }
    stream.image_generation = config.map(|c| ImageGeneration {
        set_at: cx.now,
        ..c
    });
    Ok(json!({}))
}

pub(super) fn describe_image_generation_configuration(
    cx: &mut Cx<'_>,
    body: Body,
) -> Result<Value, ApiError> {
    let mut v = Validation::new();
    let (name, arn) = stream_id(&mut v, body)?;
    v.finish()?;
    let name = find(cx, name, arn)?;
    let Some(c) = &cx.state.streams[&name].image_generation else {
        return Ok(json!({}));
    };
    let mut out = json!({
        "Status": if c.enabled { "ENABLED" } else { "DISABLED" },
        "ImageSelectorType": if c.by_server { "SERVER_TIMESTAMP" } else { "PRODUCER_TIMESTAMP" },
        "DestinationConfig": { "Uri": c.uri, "DestinationRegion": c.region },
        "SamplingInterval": c.interval_ms,
        "Format": c.format,
    });
    if let Some(q) = &c.jpeg_quality {
        out["FormatConfig"] = json!({ "JPEGQuality": q });
    }
    if let Some(w) = c.width {
        out["WidthPixels"] = json!(w);
    }
    if let Some(h) = c.height {
        out["HeightPixels"] = json!(h);
    }
    Ok(json!({ "ImageGenerationConfiguration": out }))
}

impl ImageGeneration {
    fn spec(&self) -> ImageSpec {
        ImageSpec {
            format: if self.format == "PNG" {
                ImageFormat::Png
            } else {
                ImageFormat::Jpeg
            },
            quality: self
                .jpeg_quality
                .as_deref()
                .and_then(|q| q.parse().ok())
                .unwrap_or(DEFAULT_JPEG_QUALITY),
            width: self.width.map(|w| w as u32),
            height: self.height.map(|h| h as u32),
        }
    }

    /// The bucket and the key prefix the Uri names (`s3://bucket/prefix`).
    pub fn destination(&self) -> (String, String) {
        let rest = self.uri.split_once("://").map_or("", |(_, r)| r);
        let (bucket, path) = rest.split_once('/').unwrap_or((rest, ""));
        let path = path.trim_matches('/');
        let prefix = if path.is_empty() {
            String::new()
        } else {
            format!("{path}/")
        };
        (bucket.to_string(), prefix)
    }
}

/// The object key of the image sampled at `timestamp_ms` from fragment `number`.
pub fn image_key(prefix: &str, stream: &str, number: &str, timestamp_ms: i64, ext: &str) -> String {
    let at = SimTime::from_millis(timestamp_ms).to_datetime();
    format!(
        "{prefix}{stream}/{}/{number}_{timestamp_ms}.{ext}",
        at.format("%Y/%m/%d/%H/%M/%S")
    )
}

/// The frames one stream's image generation wants now, its cursor moved past them.
fn sample(stream: &mut Stream, first_id: u64) -> Vec<FrameJob> {
    let Some(config) = stream.image_generation.clone() else {
        return Vec::new();
    };
    if !config.enabled || !stream.persists() {
        return Vec::new();
    }
    let by_server = config.by_server;
    let start_of = |f: &super::Fragment| {
        if by_server {
            f.server.epoch_millis()
        } else {
            f.producer_ms
        }
    };
    let fresh: Vec<&super::Fragment> = stream
        .fragments()
        .filter(|f| f.server >= config.set_at)
        .collect();
    let Some(newest_end) = fresh.iter().map(|f| start_of(f) + f.duration_ms).max() else {
        return Vec::new();
    };
    let mut t = match config.next_sample_ms {
        Some(t) => t,
        None => fresh
            .iter()
            .map(|f| start_of(f))
            .min()
            .unwrap_or(newest_end),
    };
    let (bucket, prefix) = config.destination();
    let spec = config.spec();
    let step = config.interval_ms.max(1);
    let mut jobs = Vec::new();
    while t <= newest_end && jobs.len() < MAX_JOBS_PER_TICK {
        if let Some((f, offset)) = holding(stream, by_server, t) {
            jobs.push(FrameJob {
                id: first_id + jobs.len() as u64,
                stream: stream.name.clone(),
                fragment_number: f.number.clone(),
                timestamp_ms: t,
                offset_ms: offset,
                spec,
                bucket: bucket.clone(),
                key: image_key(&prefix, &stream.name, &f.number, t, spec.format.extension()),
            });
        }
        t += step;
    }
    if let Some(c) = stream.image_generation.as_mut() {
        c.next_sample_ms = Some(t);
    }
    jobs
}

/// As time passes: each enabled stream's new samples join the queue of frames wanted.
pub(super) fn on_time_passed(video: &mut Video) {
    let mut next = video.next_frame_job;
    let mut queued = Vec::new();
    for stream in video.streams.values_mut() {
        let jobs = sample(stream, next);
        next += jobs.len() as u64;
        queued.extend(jobs);
    }
    video.next_frame_job = next;
    video.frame_jobs.extend(queued);
}

impl Sandbox {
    /// The frames image generation wants decoded, each with its fragment as a file (`None`
    /// if the fragment is gone): the host decodes them and answers with
    /// [`Sandbox::video_frame_done`].
    pub fn video_take_frame_jobs(&mut self) -> Vec<(FrameJob, Option<FragmentFile>)> {
        let video: &mut Video = Holds::<Video>::ctx(self).state;
        let jobs: Vec<FrameJob> = video.frame_jobs.drain(..).collect();
        jobs.into_iter()
            .map(|job| {
                let file = video.streams.get(&job.stream).and_then(|s| {
                    let f = s.fragments().find(|f| f.number == job.fragment_number)?;
                    super::images::fragment_file(s, f).ok()
                });
                video.frames_out.push(job.clone());
                (job, file)
            })
            .collect()
    }

    /// Whether image generation waits for frames to be decoded.
    pub fn video_frames_wanted(&self) -> bool {
        !self.video.frame_jobs.is_empty()
    }

    /// A decoded frame (or `None` if it could not be): the image is put in the destination
    /// bucket. A missing bucket loses the image, as a failed delivery does on AWS.
    pub fn video_frame_done(&mut self, id: u64, image: Option<Vec<u8>>) {
        let video: &mut Video = Holds::<Video>::ctx(self).state;
        let Some(at) = video.frames_out.iter().position(|j| j.id == id) else {
            return;
        };
        let job = video.frames_out.remove(at);
        if let Some(bytes) = image {
            let _ = s3::put_object_typed(self, Caller::Video, &job.bucket, &job.key, bytes, None);
        }
    }
}
