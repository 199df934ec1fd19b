//! Kinesis Video Streams questions answered by the sandbox's engine: a stream is created, a
//! producer sends real WebM fragments through PutMedia, the clock moves, and the answer is
//! what ListFragments or GetImages then returns, or the error it refuses with.

use super::{between, pick, plural, right, wrong, Answer, Draft, Setup};
use crate::engine::video::ebml;
use crate::engine::video::images::{FragmentFile, FrameSource, ImageSpec};
use crate::engine::{Sandbox, SandboxRng, SimTime};
use crate::quiz::bank::Exam;
use base64::Engine as _;
use serde_json::json;
use std::time::Duration;

const VIDEO_EXAMS: &[Exam] = &[Exam::SaaC03, Exam::DeaC01, Exam::MlaC01, Exam::MlsC01];
const STREAM: &str = "cam";

// ---- A producer: a tiny WebM header and clusters, sent through PutMedia ----

/// EBML header, a Segment of unknown size, millisecond timecodes and one VP8 track.
fn webm_header() -> Vec<u8> {
    ebml::webm_header("V_VP8")
}

/// A 2-second cluster at `timecode` (ms): frames from 0 to 1,999 ms, so that fragments sent
/// back to back leave no gap.
fn cluster(timecode: i64) -> Vec<u8> {
    ebml::cluster(timecode as u64, &[0, 500, 1000, 1500, 1999], &[0x5A; 16])
}

/// A sandbox with stream `cam` (retention `hours`), ACTIVE.
fn sandbox_with_stream(hours: u32) -> Sandbox {
    let mut sb = Sandbox::default();
    sb.call(
        "KinesisVideo.CreateStream",
        json!({"StreamName": STREAM, "DataRetentionInHours": hours}),
    )
    .expect("the stream is created");
    sb.advance(Duration::from_secs(5));
    sb
}

/// One PutMedia connection sending `count` 2-second fragments, the first at `from_ms`
/// (producer time, ABSOLUTE timecodes).
fn put_fragments(sb: &mut Sandbox, from_ms: i64, count: u32) {
    let mut bytes = webm_header();
    for i in 0..i64::from(count) {
        bytes.extend(cluster(from_ms + i * 2000));
    }
    let answer = sb
        .call(
            "KinesisVideoMedia.PutMedia",
            json!({"StreamName": STREAM, "FragmentTimecodeType": "ABSOLUTE",
                   "Payload": base64::engine::general_purpose::STANDARD.encode(&bytes)}),
        )
        .expect("PutMedia answers");
    let acks = answer["Acks"].as_array().map_or(&[][..], Vec::as_slice);
    assert!(
        acks.iter().all(|a| a.get("ErrorId").is_none()),
        "every fragment is accepted: {answer}"
    );
}

/// `hh:mm` of a time `minutes` after the sandbox's start (10:00 UTC); before it if negative.
fn clock(minutes: i64) -> String {
    let t = SimTime::from_millis(SimTime::DEFAULT_START.epoch_millis() + minutes * 60_000);
    t.to_datetime().format("%H:%M").to_string()
}

// ---- How many fragments retention leaves ----

/// The count of fragments a stream with retention `hours` still holds `asked` minutes after
/// 10:00, when bursts of fragments arrived at the given minutes; `None` for retention 0,
/// where ListFragments refuses. Retention counts from each fragment's arrival.
fn fragments_kept(hours: u32, bursts: &[(u32, u32)], asked: u32) -> Option<u32> {
    (hours > 0).then(|| {
        bursts
            .iter()
            .filter(|(at, _)| asked - at < hours * 60)
            .map(|(_, n)| n)
            .sum()
    })
}

const NO_RETENTION: &str = "An error: NoDataRetentionException";

fn fragments_text(n: u32) -> String {
    if n == 0 {
        "ListFragments returns no fragments".to_string()
    } else {
        format!(
            "ListFragments returns {}",
            plural(u64::from(n), "fragment", "fragments")
        )
    }
}

pub(super) fn video_retention(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let hours = pick(rng, &[0u32, 1, 1, 2, 3]);
    let (bursts, asked) = loop {
        let mut bursts = Vec::new();
        let mut at = between(rng, 1, 6) as u32 * 5;
        for _ in 0..between(rng, 2, 4) {
            bursts.push((at, between(rng, 1, 5) as u32));
            at += between(rng, 3, 18) as u32 * 5;
        }
        let last = bursts.last().map_or(0, |b| b.0);
        let asked = last + pick(rng, &[2u32, 3, 4, 10, 25, 40, 55]);
        if asked > 300 {
            continue;
        }
        if hours == 0 {
            break (bursts, asked);
        }
        // Every burst clearly inside or outside the retention, and some of each.
        let limit = hours * 60;
        let clear = bursts.iter().all(|(t, _)| (asked - t).abs_diff(limit) >= 5);
        let kept = bursts.iter().filter(|(t, _)| asked - t < limit).count();
        if clear && kept >= 1 && (kept < bursts.len() || rng.below(4) == 0) {
            break (bursts, asked);
        }
    };

    // The engine's answer.
    let mut sb = sandbox_with_stream(hours);
    for &(at, count) in &bursts {
        let due = SimTime::DEFAULT_START + Duration::from_secs(u64::from(at) * 60);
        sb.advance(due.since(sb.now()));
        let from = sb.now().epoch_millis();
        put_fragments(&mut sb, from, count);
    }
    let due = SimTime::DEFAULT_START + Duration::from_secs(u64::from(asked) * 60);
    sb.advance(due.since(sb.now()));
    let answer = match sb.call(
        "KinesisVideoArchivedMedia.ListFragments",
        json!({"StreamName": STREAM}),
    ) {
        Ok(v) => Some(v["Fragments"].as_array().map_or(0, Vec::len) as u32),
        Err(e) if e.error_type() == "NoDataRetentionException" => None,
        Err(e) => panic!("ListFragments: {e}"),
    };

    let total: u32 = bursts.iter().map(|b| b.1).sum();
    let in_buffer: u32 = bursts
        .iter()
        .filter(|(t, _)| asked - t < 5)
        .map(|b| b.1)
        .sum();
    let listed = bursts
        .iter()
        .map(|(t, n)| {
            format!(
                "{} at {}",
                plural(u64::from(*n), "fragment", "fragments"),
                clock(i64::from(*t))
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let reasoning = if hours == 0 {
        "With DataRetentionInHours 0 the stream persists nothing: only a 5-minute / 200 MB \
         buffer is kept for live readers such as GetMedia, and ListFragments, like GetClip, \
         HLS, DASH and GetImages, refuses with NoDataRetentionException."
            .to_string()
    } else {
        let kept = fragments_kept(hours, &bursts, asked).unwrap_or(0);
        format!(
            "Retention counts from each fragment's server timestamp, when it arrived: at {} a \
             stream keeping {} holds only what arrived after {}: {}.",
            clock(i64::from(asked)),
            plural(u64::from(hours), "hour", "hours"),
            clock(i64::from(asked) - i64::from(hours) * 60),
            plural(u64::from(kept), "fragment", "fragments")
        )
    };
    let mut options: Vec<(String, Option<u32>, &str)> = vec![
        (
            NO_RETENTION.to_string(),
            None,
            "A stream with retention above 0 lists what it still holds.",
        ),
        (
            fragments_text(total),
            Some(total),
            if hours == 0 {
                "Without retention nothing is listed, however recent."
            } else {
                "Not every fragment is kept: retention decides."
            },
        ),
        (
            fragments_text(in_buffer),
            Some(in_buffer),
            "Only a stream without retention is limited to a 5-minute buffer, and even that is \
             not listed.",
        ),
    ];
    // Off by one burst: the newest expired burst counted, or the oldest kept one left out.
    if let Some(kept) = answer {
        options.push((fragments_text(kept), Some(kept), ""));
        let limit = hours * 60;
        if let Some(b) = bursts.iter().rev().find(|(t, _)| asked - t >= limit) {
            options.push((
                fragments_text(kept + b.1),
                Some(kept + b.1),
                "This keeps a burst that arrived more than the retention period ago.",
            ));
        }
        if let Some(b) = bursts.iter().find(|(t, _)| asked - t < limit) {
            options.push((
                fragments_text(kept - b.1),
                Some(kept - b.1),
                "This drops a burst that arrived within the retention period.",
            ));
        }
    }
    for extra in 1..=3 {
        options.push((
            fragments_text(answer.unwrap_or(total) + extra),
            Some(answer.unwrap_or(total) + extra),
            "More fragments than the stream holds or was sent.",
        ));
    }
    let mut correct = None;
    let mut wrongs = Vec::new();
    for (text, value, why) in options {
        if value == answer {
            if correct.is_none() {
                correct = Some(right(text, reasoning.clone()));
            }
        } else {
            wrongs.push(wrong(text, format!("{why} {reasoning}")));
        }
    }
    let draft = Draft {
        topic: "video",
        exams: VIDEO_EXAMS,
        stem: format!(
            "A Kinesis video stream was created at 10:00 UTC with DataRetentionInHours {hours}. \
             A camera connected now and then and sent 2-second fragments: {listed}. At {} an \
             application calls ListFragments on the stream with no fragment selector. What \
             does it get?",
            clock(i64::from(asked))
        ),
        correct: correct.expect("the engine's answer is an option"),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_CreateStream.html",
        link: "#/kinesisvideo",
        difficulty: 2,
    };
    (
        Setup::VideoRetention {
            retention_hours: hours,
            bursts,
            asked_at_minute: asked,
        },
        Answer::Fragments(answer),
        draft,
    )
}

// ---- How many images GetImages returns ----

/// What GetImages answers in a [`super::Template::VideoImages`] question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImagesOutcome {
    /// The first page: its images, and whether a NextToken follows.
    Page { images: u32, next_token: bool },
    /// `SamplingInterval` below 200 ms (ValidationException).
    IntervalTooShort,
    /// A range of more than 300 seconds (InvalidArgumentException).
    RangeTooLong,
    /// Retention 0 (NoDataRetentionException).
    NoDataRetention,
}

impl ImagesOutcome {
    pub fn text(self) -> String {
        match self {
            ImagesOutcome::Page { images, next_token } => format!(
                "{}; the response has {} NextToken",
                plural(u64::from(images), "image", "images"),
                if next_token { "a" } else { "no" }
            ),
            ImagesOutcome::IntervalTooShort => "ValidationException (SamplingInterval)".to_string(),
            ImagesOutcome::RangeTooLong => "InvalidArgumentException (time range)".to_string(),
            ImagesOutcome::NoDataRetention => "An error: NoDataRetentionException".to_string(),
        }
    }
}

/// A decoder that has a frame for every timestamp.
struct AnyFrame;

impl FrameSource for AnyFrame {
    fn frame(&mut self, _: &FragmentFile, _: i64, _: &ImageSpec) -> Option<Vec<u8>> {
        Some(vec![0xFF, 0xD8, 0xFF, 0xD9])
    }
}

/// `hh:mm:ss` of a time `secs` after 10:00 UTC.
fn clock_secs(secs: u32) -> String {
    let t = SimTime::DEFAULT_START + Duration::from_secs(u64::from(secs));
    t.to_datetime().format("%H:%M:%S").to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    None,
    Interval,
    Range,
    Retention,
}

pub(super) fn video_images(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let fault = pick(
        rng,
        &[
            Fault::None,
            Fault::None,
            Fault::None,
            Fault::Interval,
            Fault::Range,
            Fault::Retention,
        ],
    );
    let range_secs = if fault == Fault::Range {
        pick(rng, &[301u32, 310, 330, 360, 420, 600])
    } else {
        pick(
            rng,
            &[
                2u32, 3, 5, 8, 10, 12, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300,
            ],
        )
    };
    let interval_ms = if fault == Fault::Interval {
        pick(rng, &[50u32, 100, 120, 150, 199])
    } else {
        pick(
            rng,
            &[
                200u32, 250, 400, 500, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000, 15_000, 30_000,
            ],
        )
    };
    let max_results = pick(
        rng,
        &[
            None,
            None,
            Some(5u32),
            Some(10),
            Some(20),
            Some(50),
            Some(100),
        ],
    );
    let hours = if fault == Fault::Retention {
        0
    } else {
        pick(rng, &[1u32, 24, 168])
    };
    let offset_secs = between(rng, 1, 24) as u32 * 5;

    // The engine's answer: fragments from 10:00:00 (producer time) past the end of the range.
    let mut sb = sandbox_with_stream(hours);
    put_fragments(
        &mut sb,
        SimTime::DEFAULT_START.epoch_millis(),
        (offset_secs + range_secs) / 2 + 2,
    );
    let start_ms = SimTime::DEFAULT_START.epoch_millis() + i64::from(offset_secs) * 1000;
    let end_ms = start_ms + i64::from(range_secs) * 1000;
    let mut body = json!({"StreamName": STREAM, "ImageSelectorType": "PRODUCER_TIMESTAMP",
        "StartTimestamp": start_ms as f64 / 1000.0, "EndTimestamp": end_ms as f64 / 1000.0,
        "SamplingInterval": interval_ms, "Format": "JPEG"});
    if let Some(m) = max_results {
        body["MaxResults"] = json!(m);
    }
    let answer = match sb.video_get_images(body, &mut AnyFrame) {
        Ok(v) => ImagesOutcome::Page {
            images: v["Images"].as_array().map_or(0, |a| {
                a.iter().filter(|i| i.get("ImageContent").is_some()).count()
            }) as u32,
            next_token: v.get("NextToken").is_some_and(|t| !t.is_null()),
        },
        Err(e) => match e.error_type() {
            "ValidationException" => ImagesOutcome::IntervalTooShort,
            "InvalidArgumentException" => ImagesOutcome::RangeTooLong,
            "NoDataRetentionException" => ImagesOutcome::NoDataRetention,
            _ => panic!("GetImages: {e}"),
        },
    };

    // The rule, for the explanation and the distractors.
    let total = range_secs * 1000 / interval_ms + 1;
    let page = max_results.unwrap_or(25).min(25);
    let as_if_accepted = ImagesOutcome::Page {
        images: total.min(page),
        next_token: total > page,
    };
    let sampling = format!(
        "GetImages takes StartTimestamp and then one timestamp every SamplingInterval up to \
         EndTimestamp: {range_secs} s at {interval_ms} ms gives {}. A response holds at most \
         25 images (MaxResults, 25 by default, can only lower that), and a NextToken when more \
         remain.",
        plural(u64::from(total), "timestamp", "timestamps")
    );
    let rules = "The rules are checked in this order: SamplingInterval of at least 200 ms \
                 (ValidationException), retention above 0 (NoDataRetentionException), a range \
                 of at most 300 seconds (InvalidArgumentException; the API reference calls it \
                 IllegalArgumentException).";
    let reasoning = match answer {
        ImagesOutcome::Page { .. } => sampling.clone(),
        ImagesOutcome::IntervalTooShort => format!(
            "SamplingInterval {interval_ms} is below the minimum of 200 ms (five images a \
             second), so the request fails validation. {rules}"
        ),
        ImagesOutcome::RangeTooLong => format!(
            "The range spans {range_secs} seconds; one GetImages request may sample at most 300 \
             seconds. {rules}"
        ),
        ImagesOutcome::NoDataRetention => format!(
            "With DataRetentionInHours 0 the stream persists no media, so GetImages, like \
             GetClip and HLS, refuses with NoDataRetentionException. {rules}"
        ),
    };
    let mut candidates = vec![
        as_if_accepted,
        ImagesOutcome::Page {
            images: total,
            next_token: false,
        },
        ImagesOutcome::Page {
            images: total.min(max_results.unwrap_or(100)),
            next_token: total > max_results.unwrap_or(100),
        },
        ImagesOutcome::Page {
            images: total.saturating_sub(1).clamp(1, page),
            next_token: total.saturating_sub(1) > page,
        },
        ImagesOutcome::Page {
            images: total.min(page),
            next_token: total <= page,
        },
    ];
    // Refusals last: the nearest rule first.
    let mut refusals = vec![
        ImagesOutcome::RangeTooLong,
        ImagesOutcome::IntervalTooShort,
        ImagesOutcome::NoDataRetention,
    ];
    if fault == Fault::None && range_secs < 120 {
        refusals.rotate_left(1);
    }
    candidates.extend(refusals);
    if fault == Fault::Interval {
        candidates.insert(1, ImagesOutcome::NoDataRetention);
    }
    if fault == Fault::Range {
        candidates.insert(1, ImagesOutcome::NoDataRetention);
    }
    if fault == Fault::Retention {
        candidates.insert(1, ImagesOutcome::RangeTooLong);
    }
    let mut wrongs = Vec::new();
    for c in candidates {
        if c != answer && !wrongs.iter().any(|w: &super::Choice| w.text == c.text()) {
            let why = match c {
                ImagesOutcome::Page { .. } if answer == as_if_accepted => sampling.clone(),
                ImagesOutcome::Page { .. } => {
                    format!("The request is refused before any image is sampled. {reasoning}")
                }
                _ => format!("This request does not break that rule. {reasoning}"),
            };
            wrongs.push(wrong(c.text(), why));
        }
    }
    let draft = Draft {
        topic: "video",
        exams: VIDEO_EXAMS,
        stem: format!(
            "A camera has recorded continuously since 10:00:00 UTC in 2-second fragments into a \
             Kinesis video stream with DataRetentionInHours {hours}. An application calls \
             GetImages with ImageSelectorType PRODUCER_TIMESTAMP, StartTimestamp {}, \
             EndTimestamp {}, SamplingInterval {interval_ms} (milliseconds), Format JPEG{} and no \
             NextToken. \
             What does it get back?",
            clock_secs(offset_secs),
            clock_secs(offset_secs + range_secs),
            max_results.map_or(String::new(), |m| format!(", MaxResults {m}")),
        ),
        correct: right(answer.text(), reasoning.clone()),
        wrong: wrongs,
        source:
            "https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/API_reader_GetImages.html",
        link: "#/kinesisvideo",
        difficulty: 3,
    };
    (
        Setup::VideoImages {
            retention_hours: hours,
            offset_secs,
            range_secs,
            interval_ms,
            max_results,
        },
        Answer::Images(answer),
        draft,
    )
}
