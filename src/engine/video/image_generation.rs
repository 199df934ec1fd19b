//! A stream's image generation configuration: UpdateImageGenerationConfiguration and
//! DescribeImageGenerationConfiguration, with AWS's members, limits and errors.
//!
//! The sandbox keeps the configuration and answers it back; it does not deliver images to
//! S3 as time passes.

use super::media::{active, no_retention};
use super::ops::{find, stream_id};
use super::Cx;
use crate::engine::body::{string_item, Body};
use crate::engine::{ApiError, Validation};
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
}

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
    if let Some(x) = value.filter(|x| !values.contains(x)) {
        v.fail(
            Some(x),
            path,
            &format!(
                "Member must satisfy enum value set: [{}]",
                values.join(", ")
            ),
        );
    }
    Ok(value)
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
    stream.image_generation = config;
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
