//! GetImages: validation, the sampled timestamps and pages, NO_MEDIA, and the frame effect's
//! round trip through a fake decoder.

use base64::Engine as _;
use kinesis_sandbox::engine::video::ebml;
use kinesis_sandbox::engine::video::images::{FragmentFile, FrameSource, ImageFormat, ImageSpec};
use kinesis_sandbox::engine::{ApiError, Sandbox};
use serde_json::{json, Value};
use std::time::Duration;

const ARCHIVED: &str = "KinesisVideoArchivedMedia";
/// The first fragment's producer timestamp (ms).
const T0: i64 = 1_767_261_000_000;

fn call(sb: &mut Sandbox, target: &str, body: Value) -> Value {
    sb.call(target, body)
        .unwrap_or_else(|e| panic!("{target}: {e}"))
}

/// A WebM header with one VP8 track, millisecond timecodes.
fn header() -> Vec<u8> {
    ebml::webm_header("V_VP8")
}

/// A cluster at `timecode` with a keyframe every 500 ms for 2 s.
fn cluster(timecode: i64) -> Vec<u8> {
    ebml::cluster(timecode as u64, &[0, 500, 1000, 1500, 2000], &[7u8; 16])
}

/// Stream `cam` (retention `hours`) with fragments starting at each of `starts` (ms after T0).
fn stream_with(hours: i64, starts: &[i64]) -> Sandbox {
    let mut sb = Sandbox::default();
    call(
        &mut sb,
        "KinesisVideo.CreateStream",
        json!({"StreamName": "cam", "DataRetentionInHours": hours}),
    );
    sb.advance(Duration::from_secs(5));
    let mut bytes = header();
    for s in starts {
        bytes.extend(cluster(T0 + s));
    }
    let acks = call(
        &mut sb,
        "KinesisVideoMedia.PutMedia",
        json!({"StreamName": "cam", "FragmentTimecodeType": "ABSOLUTE",
               "Payload": base64::engine::general_purpose::STANDARD.encode(&bytes)}),
    );
    assert!(!acks.to_string().contains("ErrorId"), "{acks}");
    sb
}

fn secs(ms: i64) -> f64 {
    (T0 + ms) as f64 / 1000.0
}

/// A request sampling `[start, end]` (ms after T0) every `interval` ms, as JPEG.
fn request(start: i64, end: i64, interval: i64) -> Value {
    json!({"StreamName": "cam", "ImageSelectorType": "PRODUCER_TIMESTAMP",
           "StartTimestamp": secs(start), "EndTimestamp": secs(end),
           "SamplingInterval": interval, "Format": "JPEG"})
}

fn with(mut body: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().unwrap() {
        if v.is_null() {
            body.as_object_mut().unwrap().remove(k);
        } else {
            body[k] = v.clone();
        }
    }
    body
}

/// A decoder that writes what it was asked for, so the answer shows it; or fails.
#[derive(Default)]
struct Fake {
    asked: Vec<(String, i64, ImageSpec)>,
    broken: bool,
}

impl FrameSource for Fake {
    fn frame(&mut self, file: &FragmentFile, offset_ms: i64, spec: &ImageSpec) -> Option<Vec<u8>> {
        assert_eq!(file.content_type, "video/webm");
        assert_eq!(
            &file.bytes[..4],
            &[0x1A, 0x45, 0xDF, 0xA3],
            "a file with its header"
        );
        self.asked
            .push((file.fragment_number.clone(), offset_ms, *spec));
        (!self.broken).then(|| format!("{}@{offset_ms}", file.fragment_number).into_bytes())
    }
}

fn images(sb: &mut Sandbox, body: Value) -> Result<Value, ApiError> {
    sb.video_get_images(body, &mut Fake::default())
}

fn err(sb: &mut Sandbox, body: Value) -> ApiError {
    match images(sb, body) {
        Ok(v) => panic!("answered {v}"),
        Err(e) => e,
    }
}

fn assert_error(e: &ApiError, kind: &str, message: &str) {
    assert_eq!(e.error_type(), kind, "{e}");
    assert_eq!(e.message(), Some(message), "{e}");
}

fn numbers(sb: &Sandbox) -> Vec<String> {
    sb.video()
        .stream("cam")
        .unwrap()
        .fragments()
        .map(|f| f.number.clone())
        .collect()
}

/// Each image's timestamp (ms after T0) and content (decoded) or error.
fn shown(answer: &Value) -> Vec<(i64, String)> {
    answer["Images"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let ts = (i["TimeStamp"].as_f64().unwrap() * 1000.0).round() as i64 - T0;
            let what = match i.get("ImageContent") {
                Some(c) => String::from_utf8(
                    base64::engine::general_purpose::STANDARD
                        .decode(c.as_str().unwrap())
                        .unwrap(),
                )
                .unwrap(),
                None => i["Error"].as_str().unwrap().to_string(),
            };
            (ts, what)
        })
        .collect()
}

#[test]
fn every_member_is_validated_with_awss_wording() {
    let mut sb = stream_with(24, &[0]);
    let e = err(&mut sb, json!({"StreamName": "cam"}));
    assert_eq!(e.error_type(), "ValidationException");
    let text = e.message().unwrap();
    for member in [
        "imageSelectorType",
        "startTimestamp",
        "endTimestamp",
        "format",
    ] {
        assert!(
            text.contains(&format!(
                "at '{member}' failed to satisfy constraint: Member must not be null"
            )),
            "{text}"
        );
    }
    let cases = [
        (
            json!({"ImageSelectorType": "FRAME"}),
            "Value 'FRAME' at 'imageSelectorType' failed to satisfy constraint: Member must \
             satisfy enum value set: [PRODUCER_TIMESTAMP, SERVER_TIMESTAMP]",
        ),
        (
            json!({"SamplingInterval": 199}),
            "Value '199' at 'samplingInterval' failed to satisfy constraint: Member must have \
             value greater than or equal to 200",
        ),
        (
            json!({"Format": "GIF"}),
            "Value 'GIF' at 'format' failed to satisfy constraint: Member must satisfy enum \
             value set: [JPEG, PNG]",
        ),
        (
            json!({"WidthPixels": 0}),
            "Value '0' at 'widthPixels' failed to satisfy constraint: Member must have value \
             greater than or equal to 1",
        ),
        (
            json!({"WidthPixels": 3841}),
            "Value '3841' at 'widthPixels' failed to satisfy constraint: Member must have value \
             less than or equal to 3840",
        ),
        (
            json!({"HeightPixels": 2161}),
            "Value '2161' at 'heightPixels' failed to satisfy constraint: Member must have value \
             less than or equal to 2160",
        ),
        (
            json!({"MaxResults": 0}),
            "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value \
             greater than or equal to 1",
        ),
        (
            json!({"MaxResults": 101}),
            "Value '101' at 'maxResults' failed to satisfy constraint: Member must have value \
             less than or equal to 100",
        ),
        (
            json!({"FormatConfig": {"Quality": "80"}}),
            "Value 'Quality' at 'formatConfig' failed to satisfy constraint: Map keys must \
             satisfy constraint: [Member must satisfy enum value set: [JPEGQuality]]",
        ),
        (
            json!({"FormatConfig": {"JPEGQuality": "8.5"}}),
            "Value '8.5' at 'formatConfig' failed to satisfy constraint: Map value must satisfy \
             constraint: [Member must satisfy regular expression pattern: ^[a-zA-Z_0-9]+]",
        ),
    ];
    for (extra, message) in cases {
        let e = err(&mut sb, with(request(0, 1000, 500), extra.clone()));
        assert_error(
            &e,
            "ValidationException",
            &format!("1 validation error detected: {message}"),
        );
    }
    for q in ["0", "101", "best"] {
        let e = err(
            &mut sb,
            with(
                request(0, 1000, 500),
                json!({"FormatConfig": {"JPEGQuality": q}}),
            ),
        );
        assert_error(
            &e,
            "InvalidArgumentException",
            "The value of JPEGQuality in FormatConfig must be an integer from 1 to 100.",
        );
    }
    let e = err(&mut sb, request(0, 300_001, 1000));
    assert_error(
        &e,
        "InvalidArgumentException",
        "The time range between StartTimestamp and EndTimestamp must not be more than 300 \
         seconds.",
    );
    images(&mut sb, request(0, 300_000, 1000)).unwrap();
    let e = err(&mut sb, request(1000, 0, 1000));
    assert_error(
        &e,
        "InvalidArgumentException",
        "The EndTimestamp must not be earlier than the StartTimestamp.",
    );
    let e = err(
        &mut sb,
        with(
            request(0, 1000, 500),
            json!({"NextToken": "bm90LWEtdG9rZW4="}),
        ),
    );
    assert_error(
        &e,
        "InvalidArgumentException",
        "The NextToken is not valid for this request.",
    );
    let e = err(
        &mut sb,
        with(request(0, 1000, 500), json!({"StreamName": "nope"})),
    );
    assert_eq!(e.error_type(), "ResourceNotFoundException");
}

#[test]
fn retention_zero_gives_no_data_retention() {
    let mut sb = stream_with(0, &[0]);
    let e = err(&mut sb, request(0, 1000, 500));
    assert_eq!(e.error_type(), "NoDataRetentionException");
}

#[test]
fn samples_every_interval_and_say_no_media_between_fragments() {
    // Two fragments with frames from 0 to 2000 ms and from 5000 to 7000 ms; none between.
    let mut sb = stream_with(24, &[0, 5000]);
    let n = numbers(&sb);
    let answer = images(&mut sb, request(0, 7500, 1000)).unwrap();
    assert_eq!(
        shown(&answer),
        vec![
            (0, format!("{}@0", n[0])),
            (1000, format!("{}@1000", n[0])),
            (2000, format!("{}@2000", n[0])),
            (3000, "NO_MEDIA".into()),
            (4000, "NO_MEDIA".into()),
            (5000, format!("{}@0", n[1])),
            (6000, format!("{}@1000", n[1])),
            (7000, format!("{}@2000", n[1])),
        ]
    );
    assert!(answer.get("NextToken").is_none());
    // A range shorter than the interval gives the image at StartTimestamp alone.
    let answer = images(&mut sb, request(300, 500, 1000)).unwrap();
    assert_eq!(shown(&answer), vec![(300, format!("{}@300", n[0]))]);
    // Without SamplingInterval, too.
    let answer = images(
        &mut sb,
        with(request(300, 5000, 1000), json!({"SamplingInterval": null})),
    )
    .unwrap();
    assert_eq!(shown(&answer), vec![(300, format!("{}@300", n[0]))]);
    // Server timestamps: the fragments arrived together, at the sandbox's clock.
    let arrived = sb
        .video()
        .stream("cam")
        .unwrap()
        .fragments()
        .next()
        .unwrap()
        .server;
    let ms = arrived.epoch_millis();
    let answer = images(
        &mut sb,
        json!({"StreamName": "cam", "ImageSelectorType": "SERVER_TIMESTAMP",
               "StartTimestamp": ms as f64 / 1000.0, "EndTimestamp": ms as f64 / 1000.0,
               "Format": "PNG"}),
    )
    .unwrap();
    assert!(
        answer["Images"][0].get("ImageContent").is_some(),
        "{answer}"
    );
}

#[test]
fn a_stream_without_fragments_in_range_answers_no_media_without_decoding() {
    let mut sb = stream_with(24, &[0]);
    let body = request(60_000, 61_000, 500);
    // The JSON edge answers when there is nothing to decode.
    let answer = call(&mut sb, &format!("{ARCHIVED}.GetImages"), body.clone());
    assert_eq!(
        shown(&answer),
        vec![
            (60_000, "NO_MEDIA".into()),
            (60_500, "NO_MEDIA".into()),
            (61_000, "NO_MEDIA".into())
        ]
    );
    // Frames to decode need the page's host.
    let e = sb
        .call(&format!("{ARCHIVED}.GetImages"), request(0, 1000, 500))
        .unwrap_err();
    assert_eq!(e.error_type(), "ServiceException");
}

#[test]
fn pages_hold_at_most_25_images_and_max_results() {
    let mut sb = stream_with(24, &[0, 2500]);
    // 0 to 10 s every 200 ms: 51 samples.
    let first = images(&mut sb, request(0, 10_000, 200)).unwrap();
    assert_eq!(shown(&first).len(), 25);
    let token = first["NextToken"].as_str().unwrap().to_string();
    let second = images(
        &mut sb,
        with(request(0, 10_000, 200), json!({"NextToken": token})),
    )
    .unwrap();
    assert_eq!(shown(&second)[0].0, 5000);
    assert_eq!(shown(&second).len(), 25);
    let token = second["NextToken"].as_str().unwrap().to_string();
    let third = images(
        &mut sb,
        with(request(0, 10_000, 200), json!({"NextToken": token})),
    )
    .unwrap();
    assert_eq!(shown(&third), vec![(10_000, "NO_MEDIA".into())]);
    assert!(third.get("NextToken").is_none());
    // MaxResults below 25 makes smaller pages; above, pages stay at 25.
    let small = images(
        &mut sb,
        with(request(0, 10_000, 200), json!({"MaxResults": 10})),
    )
    .unwrap();
    assert_eq!(shown(&small).len(), 10);
    assert_eq!(shown(&small).last().unwrap().0, 1800);
    let big = images(
        &mut sb,
        with(request(0, 10_000, 200), json!({"MaxResults": 100})),
    )
    .unwrap();
    assert_eq!(shown(&big).len(), 25);
}

#[test]
fn the_decoder_gets_the_spec_and_a_failed_frame_is_a_media_error() {
    let mut sb = stream_with(24, &[0, 2500]);
    let mut fake = Fake::default();
    let body = with(
        request(0, 3000, 1000),
        json!({"Format": "PNG", "WidthPixels": 320, "SamplingInterval": 3000}),
    );
    sb.video_get_images(body, &mut fake).unwrap();
    let n = numbers(&sb);
    assert_eq!(
        fake.asked,
        vec![
            (
                n[0].clone(),
                0,
                ImageSpec {
                    format: ImageFormat::Png,
                    quality: 80,
                    width: Some(320),
                    height: None
                }
            ),
            (
                n[1].clone(),
                500,
                ImageSpec {
                    format: ImageFormat::Png,
                    quality: 80,
                    width: Some(320),
                    height: None
                }
            ),
        ]
    );
    let mut fake = Fake::default();
    let body = with(
        request(0, 0, 1000),
        json!({"FormatConfig": {"JPEGQuality": "35"}}),
    );
    sb.video_get_images(body, &mut fake).unwrap();
    assert_eq!(fake.asked[0].2.quality, 35);
    let mut broken = Fake {
        broken: true,
        ..Fake::default()
    };
    let answer = sb
        .video_get_images(request(0, 1000, 1000), &mut broken)
        .unwrap();
    assert_eq!(
        shown(&answer),
        vec![(0, "MEDIA_ERROR".into()), (1000, "MEDIA_ERROR".into())]
    );
}

#[test]
fn the_two_halves_round_trip_and_are_logged_once() {
    let mut sb = stream_with(24, &[0]);
    let before = sb
        .events()
        .count(None, "KinesisVideoArchivedMedia.GetImages", None);
    let plan = sb.video_prepare_images(request(0, 1000, 500)).unwrap();
    assert_eq!(plan.samples.len(), 3);
    assert_eq!(plan.files.len(), 1, "one file per fragment");
    let frames: Vec<Option<Vec<u8>>> = plan
        .wanted()
        .map(|(s, _, offset)| Some(format!("{}+{offset}", s.timestamp_ms - T0).into_bytes()))
        .collect();
    let answer = sb.video_finish_images(&plan, &frames);
    assert_eq!(
        shown(&answer),
        vec![
            (0, "0+0".into()),
            (500, "500+500".into()),
            (1000, "1000+1000".into())
        ]
    );
    assert_eq!(
        sb.events()
            .count(None, "KinesisVideoArchivedMedia.GetImages", None),
        before + 1
    );
    // A refused request is logged as the call's answer.
    assert!(sb.video_prepare_images(request(0, 400_000, 500)).is_err());
    assert_eq!(
        sb.events()
            .count(None, "KinesisVideoArchivedMedia.GetImages", None),
        before + 2
    );
}

#[test]
fn one_side_given_keeps_the_frames_aspect_ratio() {
    let spec = |width, height| ImageSpec {
        format: ImageFormat::Jpeg,
        quality: 80,
        width,
        height,
    };
    assert_eq!(spec(Some(320), None).size_for(640, 480), (320, 240));
    assert_eq!(spec(None, Some(90)).size_for(1280, 720), (160, 90));
    assert_eq!(spec(Some(100), Some(100)).size_for(640, 480), (100, 100));
    assert_eq!(spec(None, None).size_for(640, 480), (640, 480));
    assert_eq!(spec(Some(1), None).size_for(640, 480), (1, 1));
}

#[test]
fn the_extract_images_form_builds_get_images_and_keys() {
    use kinesis_sandbox::forms::video::{image_key, image_time_text, ExtractImages};
    let form = ExtractImages::default();
    let body = form.request("cam", T0 + 10_000);
    assert_eq!(
        body,
        json!({"StreamName": "cam", "ImageSelectorType": "PRODUCER_TIMESTAMP",
               "StartTimestamp": secs(0), "EndTimestamp": secs(10_000),
               "SamplingInterval": 1000, "Format": "JPEG", "MaxResults": 100,
               "FormatConfig": {"JPEGQuality": "80"}, "WidthPixels": 320})
    );
    // The form's request is one the engine answers: 11 images, the first two from the fragment.
    let mut sb = stream_with(24, &[0]);
    let answer = images(&mut sb, body).unwrap();
    assert_eq!(shown(&answer).len(), 11);
    assert_eq!(shown(&answer)[3].1, "NO_MEDIA");
    // A wrong number goes as typed, for AWS's validation to answer.
    let png = ExtractImages {
        format: "PNG".into(),
        interval: "fast".into(),
        width: String::new(),
        height: "90".into(),
        ..ExtractImages::default()
    };
    let body = png.request("cam", T0 + 10_000);
    assert_eq!(body["SamplingInterval"], json!("fast"));
    assert!(body.get("FormatConfig").is_none());
    assert!(body.get("WidthPixels").is_none());
    assert_eq!(body["HeightPixels"], json!(90));
    assert_eq!(
        image_key("images/", "cam", T0, "jpg"),
        format!("images/cam/{T0}.jpg")
    );
    assert_eq!(image_time_text(T0 + 5), "2026-01-01 09:50:00.005 UTC");
}

// ---- Image generation configuration ----

fn generation() -> Value {
    json!({"Status": "ENABLED", "ImageSelectorType": "PRODUCER_TIMESTAMP",
           "DestinationConfig": {"Uri": "s3://frames/cam", "DestinationRegion": "us-east-1"},
           "SamplingInterval": 3000, "Format": "JPEG", "FormatConfig": {"JPEGQuality": "80"},
           "WidthPixels": 320, "HeightPixels": 240})
}

fn update(sb: &mut Sandbox, config: Value) -> Result<Value, ApiError> {
    sb.call(
        "KinesisVideo.UpdateImageGenerationConfiguration",
        json!({"StreamName": "cam", "ImageGenerationConfiguration": config}),
    )
}

fn describe_generation(sb: &mut Sandbox) -> Value {
    call(
        sb,
        "KinesisVideo.DescribeImageGenerationConfiguration",
        json!({"StreamName": "cam"}),
    )
}

#[test]
fn image_generation_is_set_described_and_deleted() {
    let mut sb = stream_with(24, &[0]);
    assert_eq!(describe_generation(&mut sb), json!({}));
    assert_eq!(update(&mut sb, generation()).unwrap(), json!({}));
    assert_eq!(
        describe_generation(&mut sb),
        json!({ "ImageGenerationConfiguration": generation() })
    );
    // Without a configuration, the request deletes it.
    update(&mut sb, Value::Null).unwrap();
    assert_eq!(describe_generation(&mut sb), json!({}));
    // The configuration is saved with the stream.
    update(&mut sb, generation()).unwrap();
    let text = kinesis_sandbox::engine::state::save(&sb, &json!({}));
    let (mut back, _) = kinesis_sandbox::engine::state::load(&text).unwrap();
    assert_eq!(
        describe_generation(&mut back),
        json!({ "ImageGenerationConfiguration": generation() })
    );
}

#[test]
fn image_generation_members_are_validated() {
    let mut sb = stream_with(24, &[0]);
    let p = "imageGenerationConfiguration";
    let e = update(&mut sb, json!({})).unwrap_err();
    let text = e.message().unwrap().to_string();
    assert!(text.starts_with("5 validation errors detected: "), "{text}");
    for member in [
        "status",
        "imageSelectorType",
        "destinationConfig",
        "samplingInterval",
        "format",
    ] {
        assert!(
            text.contains(&format!(
                "at '{p}.{member}' failed to satisfy constraint: Member must not be null"
            )),
            "{text}"
        );
    }
    let cases = [
        (
            json!({"Status": "ON"}),
            format!(
                "Value 'ON' at '{p}.status' failed to satisfy constraint: Member must satisfy \
                 enum value set: [ENABLED, DISABLED]"
            ),
        ),
        (
            json!({"SamplingInterval": 200}),
            format!(
                "Value '200' at '{p}.samplingInterval' failed to satisfy constraint: Member must \
                 have value greater than or equal to 3000"
            ),
        ),
        (
            json!({"SamplingInterval": 20_001}),
            format!(
                "Value '20001' at '{p}.samplingInterval' failed to satisfy constraint: Member \
                 must have value less than or equal to 20000"
            ),
        ),
        (
            json!({"DestinationConfig": {"Uri": "bucket", "DestinationRegion": "us-east-1"}}),
            format!(
                "Value 'bucket' at '{p}.destinationConfig.uri' failed to satisfy constraint: \
                 Member must satisfy regular expression pattern: \
                 ^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$"
            ),
        ),
        (
            json!({"DestinationConfig": {"Uri": "s3://b", "DestinationRegion": "US-EAST-1"}}),
            format!(
                "Value 'US-EAST-1' at '{p}.destinationConfig.destinationRegion' failed to \
                 satisfy constraint: Member must satisfy regular expression pattern: \
                 ^[a-z]+(-[a-z]+)?-[a-z]+-[0-9]$"
            ),
        ),
        (
            json!({"WidthPixels": 3841}),
            format!(
                "Value '3841' at '{p}.widthPixels' failed to satisfy constraint: Member must \
                 have value less than or equal to 3840"
            ),
        ),
        (
            json!({"FormatConfig": {"Quality": "1"}}),
            format!(
                "Value 'Quality' at '{p}.formatConfig' failed to satisfy constraint: Map keys \
                 must satisfy constraint: [Member must satisfy enum value set: [JPEGQuality]]"
            ),
        ),
    ];
    for (change, message) in cases {
        let e = update(&mut sb, with(generation(), change)).unwrap_err();
        assert_error(
            &e,
            "ValidationException",
            &format!("1 validation error detected: {message}"),
        );
    }
    let e = update(
        &mut sb,
        with(
            generation(),
            json!({"DestinationConfig": {"Uri": "s3://frames", "DestinationRegion": "eu-west-1"}}),
        ),
    )
    .unwrap_err();
    assert_error(
        &e,
        "InvalidArgumentException",
        "The DestinationRegion eu-west-1 must be the Region of the stream (us-east-1).",
    );
    let e = update(
        &mut sb,
        with(
            generation(),
            json!({"DestinationConfig": {"Uri": "https://frames", "DestinationRegion": "us-east-1"}}),
        ),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    let e = update(
        &mut sb,
        with(
            generation(),
            json!({"FormatConfig": {"JPEGQuality": "101"}}),
        ),
    )
    .unwrap_err();
    assert_eq!(e.error_type(), "InvalidArgumentException");
    // Image generation reads archived media: retention 0 refuses it.
    let mut none = stream_with(0, &[0]);
    let e = update(&mut none, generation()).unwrap_err();
    assert_eq!(e.error_type(), "NoDataRetentionException");
    let e = sb
        .call(
            "KinesisVideo.UpdateImageGenerationConfiguration",
            json!({"StreamName": "nope", "ImageGenerationConfiguration": generation()}),
        )
        .unwrap_err();
    assert_eq!(e.error_type(), "ResourceNotFoundException");
}

/// Sends clusters starting at each of `starts` (ms after T0) to `cam`, in one PutMedia.
fn send(sb: &mut Sandbox, starts: &[i64]) {
    let mut bytes = header();
    for s in starts {
        bytes.extend(cluster(T0 + s));
    }
    call(
        sb,
        "KinesisVideoMedia.PutMedia",
        json!({"StreamName": "cam", "FragmentTimecodeType": "ABSOLUTE",
               "Payload": base64::engine::general_purpose::STANDARD.encode(&bytes)}),
    );
}

fn key_of(number: &str, ms: i64, ext: &str) -> String {
    let at = kinesis_sandbox::engine::SimTime::from_millis(T0 + ms).to_datetime();
    format!(
        "training/cam/{}/{number}_{}.{ext}",
        at.format("%Y/%m/%d/%H/%M/%S"),
        T0 + ms
    )
}

#[test]
fn image_generation_delivers_each_sample_to_s3_through_the_host() {
    let mut sb = stream_with(24, &[]);
    call(&mut sb, "S3.CreateBucket", json!({"Bucket": "frames"}));
    let config = with(
        generation(),
        json!({"DestinationConfig": {"Uri": "s3://frames/training/", "DestinationRegion": "us-east-1"}}),
    );
    update(&mut sb, config).unwrap();
    sb.advance(Duration::from_secs(1));
    assert!(sb.video_take_frame_jobs().is_empty(), "no fragments yet");
    send(&mut sb, &[0, 2500, 5000]);
    assert!(!sb.video_frames_wanted(), "jobs are queued as time passes");
    sb.advance(Duration::from_secs(1));
    assert!(sb.video_frames_wanted());
    let n = numbers(&sb);
    let jobs = sb.video_take_frame_jobs();
    let seen: Vec<(String, i64, i64, String)> = jobs
        .iter()
        .map(|(j, _)| {
            (
                j.fragment_number.clone(),
                j.timestamp_ms - T0,
                j.offset_ms,
                j.key.clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (n[0].clone(), 0, 0, key_of(&n[0], 0, "jpg")),
            (n[1].clone(), 3000, 500, key_of(&n[1], 3000, "jpg")),
            (n[2].clone(), 6000, 1000, key_of(&n[2], 6000, "jpg")),
        ]
    );
    // The host decodes each with the spec asked for, from a file of the fragment.
    let mut fake = Fake::default();
    for (job, file) in &jobs {
        assert_eq!(job.spec.width, Some(320));
        let image = fake.frame(file.as_ref().unwrap(), job.offset_ms, &job.spec);
        sb.video_frame_done(job.id, image);
    }
    for (job, _) in &jobs {
        let object = sb.s3().object("frames", &job.key).expect("delivered");
        assert_eq!(
            object.size,
            format!("{}@{}", job.fragment_number, job.offset_ms).len() as u64
        );
    }
    // Later fragments are sampled on from where the last tick stopped; a second answer for
    // the same job changes nothing.
    sb.video_frame_done(jobs[0].0.id, Some(b"again".to_vec()));
    send(&mut sb, &[7500]);
    sb.advance(Duration::from_secs(1));
    let jobs = sb.video_take_frame_jobs();
    let n = numbers(&sb);
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].0.timestamp_ms - T0, 9000);
    assert_eq!(jobs[0].0.fragment_number, n[3]);
    // An undecodable frame delivers nothing.
    sb.video_frame_done(jobs[0].0.id, None);
    assert!(sb.s3().object("frames", &jobs[0].0.key).is_none());
    // DISABLED samples nothing.
    update(&mut sb, with(generation(), json!({"Status": "DISABLED"}))).unwrap();
    send(&mut sb, &[10_000]);
    sb.advance(Duration::from_secs(1));
    assert!(sb.video_take_frame_jobs().is_empty());
}

#[test]
fn the_cli_sets_describes_and_deletes_image_generation() {
    use kinesis_sandbox::cli;
    let mut sb = stream_with(24, &[0]);
    let config = generation().to_string();
    let out = cli::run(
        &mut sb,
        &format!("aws kinesisvideo update-image-generation-configuration --stream-name cam --image-generation-configuration '{config}'"),
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo describe-image-generation-configuration --stream-name cam",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    let shown: Value = serde_json::from_str(&out.text).unwrap();
    assert_eq!(
        shown,
        json!({ "ImageGenerationConfiguration": generation() })
    );
    // Shorthand, and a refusal in AWS's words.
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo update-image-generation-configuration --stream-name cam --image-generation-configuration Status=ENABLED,ImageSelectorType=SERVER_TIMESTAMP,DestinationConfig={Uri=s3://frames/x,DestinationRegion=us-east-1},SamplingInterval=1000,Format=PNG",
    );
    assert_ne!(out.exit_code, 0);
    assert!(out.text.contains("ValidationException"), "{}", out.text);
    assert!(out.text.contains("samplingInterval"), "{}", out.text);
    // Without the option, the configuration is deleted.
    let out = cli::run(
        &mut sb,
        "aws kinesisvideo update-image-generation-configuration --stream-name cam",
    );
    assert_eq!(out.exit_code, 0, "{}", out.text);
    assert_eq!(describe_generation(&mut sb), json!({}));
}
