//! The Kinesis Video Streams console's forms: Create video stream (name, data retention,
//! media type), Edit data retention (a relative change, as UpdateDataRetention takes it), and
//! the words the Media producer panel shows for PutMedia's acknowledgements.

use super::{integer_or_text, Form, Request};
use crate::engine::video::ebml::{Event, Reader};
use crate::engine::video::MAX_RETENTION_HOURS;
use crate::engine::ApiError;
use serde_json::{json, Value};

/// The console's "Data retention" choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Retention {
    /// 0 hours: no archive, only the 5-minute buffer.
    None,
    /// A number of hours the learner types.
    #[default]
    Custom,
    /// 87,600 hours (10 years).
    Maximum,
}

impl Retention {
    pub const ALL: [Retention; 3] = [Retention::None, Retention::Custom, Retention::Maximum];

    pub fn id(self) -> &'static str {
        match self {
            Retention::None => "none",
            Retention::Custom => "custom",
            Retention::Maximum => "maximum",
        }
    }

    pub fn from_id(id: &str) -> Self {
        Retention::ALL
            .into_iter()
            .find(|r| r.id() == id)
            .unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Retention::None => "No data retention",
            Retention::Custom => "Custom data retention period",
            Retention::Maximum => "Maximum data retention (10 years)",
        }
    }
}

/// What a retention of `hours` means for the learner.
pub fn retention_meaning(hours: i64) -> String {
    match hours {
        0 => "Data retention 0: the stream keeps only a 5-minute buffer (at most 200 MB) for \
              consumers reading live with GetMedia; nothing is archived, so ListFragments, \
              GetMediaForFragmentList and playback are refused with NoDataRetentionException."
            .to_string(),
        h if h >= MAX_RETENTION_HOURS => {
            "Fragments are kept for 87,600 hours (10 years), the maximum, and can be listed and \
             played back until then."
                .to_string()
        }
        h => format!(
            "Fragments are kept for {} and can be listed and played back until then; older \
             fragments are deleted.",
            retention_text(h)
        ),
    }
}

/// A retention as the console's table shows it: `No data retention`, `24 hours`, `1 hour`.
pub fn retention_text(hours: i64) -> String {
    match hours {
        0 => "No data retention".to_string(),
        1 => "1 hour".to_string(),
        h if h % 24 == 0 && h >= 48 => format!("{h} hours ({} days)", h / 24),
        h => format!("{h} hours"),
    }
}

/// Create video stream.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateVideoStreamForm {
    pub name: String,
    pub retention: Retention,
    /// The custom period, in hours, as typed.
    pub hours: String,
    /// Optional, e.g. `video/h264` or `video/webm`.
    pub media_type: String,
    pub error: Option<ApiError>,
}

impl Default for CreateVideoStreamForm {
    fn default() -> Self {
        Self {
            name: String::new(),
            retention: Retention::Custom,
            hours: "24".to_string(),
            media_type: String::new(),
            error: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateVideoStreamAction {
    Name(String),
    Retention(Retention),
    Hours(String),
    MediaType(String),
    /// The answer to CreateStream: its error, or none.
    Answered(Option<ApiError>),
}

impl Form for CreateVideoStreamForm {
    type Action = CreateVideoStreamAction;

    fn apply(&mut self, action: CreateVideoStreamAction) {
        use CreateVideoStreamAction as A;
        match action {
            A::Name(n) => self.name = n,
            A::Retention(r) => self.retention = r,
            A::Hours(h) => self.hours = h,
            A::MediaType(m) => self.media_type = m,
            A::Answered(e) => self.error = e,
        }
    }
}

impl CreateVideoStreamForm {
    /// `DataRetentionInHours` as the request sends it (the text itself if it is no number,
    /// so that the engine's validation answers for it).
    pub fn retention_value(&self) -> Value {
        match self.retention {
            Retention::None => json!(0),
            Retention::Maximum => json!(MAX_RETENTION_HOURS),
            Retention::Custom => integer_or_text(&self.hours),
        }
    }

    /// The hours chosen, when they are a whole number.
    pub fn retention_hours(&self) -> Option<i64> {
        self.retention_value().as_i64()
    }

    /// The console's own check of the name, before any request (AWS's constraint text).
    pub fn name_problem(&self) -> Option<&'static str> {
        let n = self.name.trim();
        if n.is_empty() {
            return None;
        }
        if n.len() > 256
            || !n
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        {
            Some(
                "The stream name can have 1 to 256 characters: letters, numbers, underscores \
                 (_), hyphens (-) and periods (.).",
            )
        } else {
            None
        }
    }

    /// Whether "Create video stream" can be pressed.
    pub fn can_submit(&self) -> bool {
        !self.name.trim().is_empty() && self.name_problem().is_none()
    }

    pub fn request(&self) -> Request {
        let mut body = json!({
            "StreamName": self.name.trim(),
            "DataRetentionInHours": self.retention_value(),
        });
        if !self.media_type.trim().is_empty() {
            body["MediaType"] = json!(self.media_type.trim());
        }
        Request::new("KinesisVideo.CreateStream", body)
    }
}

/// UpdateDataRetention from `current` hours to `target` hours: the console asks for the new
/// period, the API for the change. `None` when nothing changes.
pub fn update_retention_request(
    name: &str,
    version: &str,
    current: i64,
    target: Value,
) -> Option<Request> {
    let Some(target) = target.as_i64() else {
        // Not a number: let the engine's validation say so.
        return Some(Request::new(
            "KinesisVideo.UpdateDataRetention",
            json!({
                "StreamName": name,
                "CurrentVersion": version,
                "Operation": "INCREASE_DATA_RETENTION",
                "DataRetentionChangeInHours": target,
            }),
        ));
    };
    if target == current {
        return None;
    }
    let (operation, change) = if target > current {
        ("INCREASE_DATA_RETENTION", target - current)
    } else {
        ("DECREASE_DATA_RETENTION", current - target)
    };
    Some(Request::new(
        "KinesisVideo.UpdateDataRetention",
        json!({
            "StreamName": name,
            "CurrentVersion": version,
            "Operation": operation,
            "DataRetentionChangeInHours": change,
        }),
    ))
}

/// What a PutMedia `ErrorId` means (the data plane's error codes).
pub fn error_id_meaning(id: u64) -> &'static str {
    match id {
        4000 => "Error reading the stream",
        4001 => "Fragment larger than 50 MB",
        4002 => "Fragment longer than 10 seconds",
        4003 => "Connection open longer than allowed",
        4004 => "Timecode lower than the previous fragment's",
        4006 => "Invalid MKV data",
        4007 => "Invalid producer timestamp",
        4008 => "The stream was deleted",
        4009 => "Fragment metadata limit reached",
        4010 => "Track number not in the MKV header",
        4011 => "A track has no frames in the fragment",
        4012 => "More than 3 tracks",
        5000 => "Internal service error",
        5001 => "The fragment could not be persisted",
        _ => "Unknown error",
    }
}

/// One acknowledgement as the Media producer panel lists it:
/// `PERSISTED — fragment …0042, timecode 2000` or `ERROR 4006 (Invalid MKV data)`.
pub fn ack_text(ack: &Value) -> String {
    let kind = ack["EventType"].as_str().unwrap_or("?");
    let mut out = kind.to_string();
    if let Some(id) = ack["ErrorId"].as_u64() {
        out.push_str(&format!(" {id} ({})", error_id_meaning(id)));
    }
    let mut parts = Vec::new();
    if let Some(n) = ack["FragmentNumber"].as_str() {
        parts.push(format!("fragment {}", short_number(n)));
    }
    if let Some(t) = ack["FragmentTimecode"].as_u64() {
        parts.push(format!("timecode {t}"));
    }
    if !parts.is_empty() {
        out.push_str(" — ");
        out.push_str(&parts.join(", "));
    }
    out
}

/// A fragment number's tail, enough to tell a stream's fragments apart (`…00042`).
pub fn short_number(number: &str) -> String {
    let digits = number.trim_start_matches(|c: char| !c.is_ascii_digit());
    if digits.len() <= 8 {
        return digits.to_string();
    }
    format!("…{}", &digits[digits.len() - 8..])
}

/// GetMedia's and GetMediaForFragmentList's payload made one WebM file a `<video>` plays:
/// each chunk repeats its segment's header (EBML header, Segment, Info, Tracks) before its
/// cluster, so the header is written once, then the clusters (a new segment's header again
/// only where it differs). With the number of fragments in it; `None` if the payload holds
/// no fragment.
pub fn playable(payload: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut reader = Reader::new();
    let mut out = Vec::new();
    let mut last_header: Option<Vec<u8>> = None;
    let mut clusters = 0;
    for event in reader.feed(payload, true) {
        match event {
            Event::Header(h) => {
                if last_header.as_ref() != Some(&h.bytes) {
                    out.extend_from_slice(&h.bytes);
                    last_header = Some(h.bytes);
                }
            }
            Event::Cluster(c) => {
                out.extend_from_slice(&c.bytes);
                clusters += 1;
            }
            Event::Invalid(_) => break,
            Event::ClusterStarted { .. } | Event::Metadata(_) => {}
        }
    }
    (clusters > 0).then_some((out, clusters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_sends_the_name_retention_and_optional_media_type() {
        let mut f = CreateVideoStreamForm::default();
        f.apply(CreateVideoStreamAction::Name(" cam-1 ".into()));
        let r = f.request();
        assert_eq!(r.target, "KinesisVideo.CreateStream");
        assert_eq!(
            r.body,
            json!({ "StreamName": "cam-1", "DataRetentionInHours": 24 })
        );
        f.apply(CreateVideoStreamAction::MediaType("video/webm".into()));
        f.apply(CreateVideoStreamAction::Retention(Retention::None));
        assert_eq!(
            f.request().body,
            json!({ "StreamName": "cam-1", "DataRetentionInHours": 0, "MediaType": "video/webm" })
        );
        f.apply(CreateVideoStreamAction::Retention(Retention::Maximum));
        assert_eq!(f.request().body["DataRetentionInHours"], json!(87_600));
    }

    #[test]
    fn a_retention_that_is_no_number_goes_as_text_for_the_engine_to_refuse() {
        let mut f = CreateVideoStreamForm::default();
        f.apply(CreateVideoStreamAction::Hours("a day".into()));
        assert_eq!(f.request().body["DataRetentionInHours"], json!("a day"));
        assert_eq!(f.retention_hours(), None);
    }

    #[test]
    fn the_engine_refuses_what_the_form_sends_in_aws_words() {
        let mut sb = crate::engine::Sandbox::new(crate::engine::SandboxConfig::default());
        let mut f = CreateVideoStreamForm::default();
        f.apply(CreateVideoStreamAction::Name("cam".into()));
        f.apply(CreateVideoStreamAction::Hours("-1".into()));
        let r = f.request();
        let e = sb.call(r.target, r.body).unwrap_err();
        assert_eq!(e.error_type(), "ValidationException");
        f.apply(CreateVideoStreamAction::Hours("24".into()));
        let r = f.request();
        sb.call(r.target, r.body.clone()).unwrap();
        let e = sb.call(r.target, r.body).unwrap_err();
        assert_eq!(e.error_type(), "ResourceInUseException");
    }

    #[test]
    fn names_are_checked_as_typed() {
        let mut f = CreateVideoStreamForm::default();
        assert!(!f.can_submit());
        f.apply(CreateVideoStreamAction::Name("my camera".into()));
        assert!(f.name_problem().is_some());
        assert!(!f.can_submit());
        f.apply(CreateVideoStreamAction::Name("my_camera.1-a".into()));
        assert!(f.can_submit());
    }

    #[test]
    fn retention_changes_are_relative() {
        let r = update_retention_request("cam", "v1", 24, json!(48)).unwrap();
        assert_eq!(r.body["Operation"], "INCREASE_DATA_RETENTION");
        assert_eq!(r.body["DataRetentionChangeInHours"], 24);
        assert_eq!(r.body["CurrentVersion"], "v1");
        let r = update_retention_request("cam", "v1", 24, json!(1)).unwrap();
        assert_eq!(r.body["Operation"], "DECREASE_DATA_RETENTION");
        assert_eq!(r.body["DataRetentionChangeInHours"], 23);
        assert!(update_retention_request("cam", "v1", 24, json!(24)).is_none());
    }

    #[test]
    fn retention_is_explained() {
        assert!(retention_meaning(0).contains("NoDataRetentionException"));
        assert!(retention_meaning(0).contains("5-minute buffer"));
        assert!(retention_meaning(24).contains("24 hours"));
        assert!(retention_meaning(MAX_RETENTION_HOURS).contains("10 years"));
        assert_eq!(retention_text(0), "No data retention");
        assert_eq!(retention_text(1), "1 hour");
        assert_eq!(retention_text(72), "72 hours (3 days)");
    }

    #[test]
    fn acks_read_plainly() {
        let n = "9134385233318000000000000000000000000000000000042";
        assert_eq!(
            ack_text(
                &json!({ "EventType": "PERSISTED", "FragmentTimecode": 2000, "FragmentNumber": n })
            ),
            "PERSISTED — fragment …00000042, timecode 2000"
        );
        assert_eq!(
            ack_text(&json!({ "EventType": "ERROR", "ErrorId": 4006 })),
            "ERROR 4006 (Invalid MKV data)"
        );
        assert_eq!(ack_text(&json!({ "EventType": "IDLE" })), "IDLE");
    }

    fn el(id: u32, body: &[u8]) -> Vec<u8> {
        let mut out: Vec<u8> = id
            .to_be_bytes()
            .into_iter()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x01);
        out.extend_from_slice(&(body.len() as u64).to_be_bytes()[1..]);
        out.extend_from_slice(body);
        out
    }

    /// A WebM header with one VP8 track and clusters of unknown size, as MediaRecorder
    /// writes them, each with frames 0 and 500 ms after its timecode.
    fn recording(clusters: &[u8]) -> Vec<u8> {
        let unknown = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];
        let mut out = el(0x1A45_DFA3, &el(0x4282, b"webm"));
        out.extend([0x18, 0x53, 0x80, 0x67]);
        out.extend(unknown);
        out.extend(el(0x1549_A966, &el(0x2A_D7B1, &[0x0F, 0x42, 0x40])));
        let mut entry = el(0xD7, &[1]);
        entry.extend(el(0x86, b"V_VP8"));
        out.extend(el(0x1654_AE6B, &el(0xAE, &entry)));
        for &seconds in clusters {
            out.extend([0x1F, 0x43, 0xB6, 0x75]);
            out.extend(unknown);
            let ms = u16::from(seconds) * 1000;
            out.extend(el(0xE7, &ms.to_be_bytes()));
            for rel in [0i16, 500] {
                let mut block = vec![0x81];
                block.extend(rel.to_be_bytes());
                block.push(0x80);
                block.extend([7u8; 16]);
                out.extend(el(0xA3, &block));
            }
        }
        out
    }

    #[test]
    fn fragments_read_back_play_as_one_file_with_one_header() {
        use base64::Engine as _;
        let b64 = &base64::engine::general_purpose::STANDARD;
        let mut sb = crate::engine::Sandbox::new(crate::engine::SandboxConfig::default());
        let mut f = CreateVideoStreamForm::default();
        f.apply(CreateVideoStreamAction::Name("cam".into()));
        let r = f.request();
        sb.call(r.target, r.body).unwrap();
        sb.advance(std::time::Duration::from_secs(5));
        let acks = sb
            .call(
                "KinesisVideoMedia.PutMedia",
                json!({ "StreamName": "cam", "FragmentTimecodeType": "RELATIVE",
                        "Payload": b64.encode(recording(&[0, 1, 2])) }),
            )
            .unwrap();
        let persisted = acks["Acks"].as_array().unwrap().iter();
        assert_eq!(
            persisted.filter(|a| a["EventType"] == "PERSISTED").count(),
            3
        );
        let list = sb
            .call(
                "KinesisVideoArchivedMedia.ListFragments",
                json!({ "StreamName": "cam" }),
            )
            .unwrap();
        let numbers: Vec<Value> = list["Fragments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["FragmentNumber"].clone())
            .collect();
        let media = sb
            .call(
                "KinesisVideoArchivedMedia.GetMediaForFragmentList",
                json!({ "StreamName": "cam", "Fragments": numbers }),
            )
            .unwrap();
        let payload = b64.decode(media["Payload"].as_str().unwrap()).unwrap();
        let (file, fragments) = playable(&payload).unwrap();
        assert_eq!(fragments, 3);
        let headers = file
            .windows(4)
            .filter(|w| w == &[0x1A, 0x45, 0xDF, 0xA3])
            .count();
        assert_eq!(headers, 1);
        let clusters = file
            .windows(4)
            .filter(|w| w == &[0x1F, 0x43, 0xB6, 0x75])
            .count();
        assert_eq!(clusters, 3);
        assert!(file.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]));
        assert_eq!(playable(&[]), None);
    }
}

/// The Extract images form of Media playback: what GetImages is asked for. Numbers go as the
/// learner typed them, so AWS's validation answers a wrong one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtractImages {
    /// How far back from the newest fragment's end (s).
    pub window_s: i64,
    pub interval: String,
    /// `JPEG` or `PNG`.
    pub format: String,
    pub quality: String,
    pub width: String,
    pub height: String,
}

impl Default for ExtractImages {
    fn default() -> Self {
        ExtractImages {
            window_s: 10,
            interval: "1000".into(),
            format: "JPEG".into(),
            quality: "80".into(),
            width: "320".into(),
            height: String::new(),
        }
    }
}

impl ExtractImages {
    /// The GetImages request for the `window_s` seconds of producer time that end at
    /// `end_ms`.
    pub fn request(&self, stream: &str, end_ms: i64) -> Value {
        let start_ms = end_ms - self.window_s * 1000;
        let mut body = json!({
            "StreamName": stream,
            "ImageSelectorType": "PRODUCER_TIMESTAMP",
            "StartTimestamp": start_ms as f64 / 1000.0,
            "EndTimestamp": end_ms as f64 / 1000.0,
            "SamplingInterval": integer_or_text(&self.interval),
            "Format": self.format,
            "MaxResults": 100,
        });
        if self.format == "JPEG" && !self.quality.trim().is_empty() {
            body["FormatConfig"] = json!({ "JPEGQuality": self.quality.trim() });
        }
        for (field, text) in [("WidthPixels", &self.width), ("HeightPixels", &self.height)] {
            if !text.trim().is_empty() {
                body[field] = integer_or_text(text);
            }
        }
        body
    }
}

/// The key an extracted image is saved under: `<prefix><stream>/<timestamp ms>.<extension>`.
pub fn image_key(prefix: &str, stream: &str, timestamp_ms: i64, extension: &str) -> String {
    format!("{prefix}{stream}/{timestamp_ms}.{extension}")
}

/// An image's timestamp as its alt text and caption: UTC to the millisecond.
pub fn image_time_text(timestamp_ms: i64) -> String {
    crate::engine::SimTime::from_millis(timestamp_ms)
        .to_datetime()
        .format("%Y-%m-%d %H:%M:%S%.3f UTC")
        .to_string()
}
