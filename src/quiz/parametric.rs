//! Questions the engine computes: seeded templates whose answers come from the same code the
//! sandbox runs (the console's shard calculator, MD5 shard placement, UpdateShardCount
//! capacity, the per-shard write limits) or, for Firehose buffering, from the documented rule
//! "size or interval, whichever comes first", or, for a chart, from the data drawn (Analysis'
//! histogram and scatter plot), or, for Kinesis Video Streams, from a stream the sandbox runs
//! (ListFragments after retention, GetImages' pages). Every seed gives a fresh variant, and the same
//! seed always gives the same question.

use super::bank::{Choice, Exam, Kind, Question};
use crate::engine::streams::{estimate_shards, hash_key, shard_for_key, stream_capacity};
use crate::engine::SandboxRng;
use crate::text::thousands;

mod video;
pub use video::ImagesOutcome;

/// One MiB in bytes.
const MIB: u64 = 1024 * 1024;

/// The kinds of computed question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Template {
    /// Shards needed for a record size, rate and number of consumers (the shard calculator).
    ShardsNeeded,
    /// Which shard a partition key lands in for an evenly split N-shard stream (MD5).
    ShardForKey,
    /// When the first S3 object appears for given buffering hints and input rate.
    FirstObject,
    /// The capacity after UpdateShardCount, or its rejection.
    CapacityAfterUpdate,
    /// Whether a producer writing with one partition key is throttled.
    Throttling,
    /// What Firehose does with a transformation function's answer.
    TransformAnswer,
    /// How many records `RecordDeAggregation` makes of one record.
    Deaggregation,
    /// What a histogram or scatter plot of generated sensor data shows.
    ReadTheChart,
    /// What ListFragments returns after retention has had its way with a producer's bursts.
    VideoRetention,
    /// What GetImages returns for a range, a sampling interval and MaxResults.
    VideoImages,
}

impl Template {
    pub const ALL: [Template; 10] = [
        Template::ShardsNeeded,
        Template::ShardForKey,
        Template::FirstObject,
        Template::CapacityAfterUpdate,
        Template::Throttling,
        Template::TransformAnswer,
        Template::Deaggregation,
        Template::ReadTheChart,
        Template::VideoRetention,
        Template::VideoImages,
    ];

    /// The slug used in generated question ids.
    pub fn slug(self) -> &'static str {
        match self {
            Template::ShardsNeeded => "shards-needed",
            Template::ShardForKey => "shard-for-key",
            Template::FirstObject => "first-object",
            Template::CapacityAfterUpdate => "capacity-after-update",
            Template::Throttling => "throttling",
            Template::TransformAnswer => "transform-answer",
            Template::Deaggregation => "deaggregation",
            Template::ReadTheChart => "read-the-chart",
            Template::VideoRetention => "video-retention",
            Template::VideoImages => "video-images",
        }
    }
}

/// The numbers a variant was generated from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setup {
    ShardsNeeded {
        avg_record_kib: u32,
        records_per_sec: u32,
        consumers: u32,
    },
    ShardForKey {
        shards: u32,
        partition_key: String,
    },
    FirstObject {
        size_mib: u32,
        interval_secs: u32,
        rate_kib_per_sec: u32,
    },
    CapacityAfterUpdate {
        current: u32,
        target: u32,
    },
    Throttling {
        shards: u32,
        records_per_sec: u32,
        /// Data plus partition key, per record.
        record_bytes: u32,
    },
    /// The records sent and the function's answer (the `records` JSON it returns).
    TransformAnswer {
        records: u32,
        payload: String,
    },
    /// The record sent to a stream that de-aggregates JSON.
    Deaggregation {
        record: String,
    },
    /// The shape the data shows, how many points, and the seed they are drawn with
    /// ([`chart_data`] regenerates them).
    ReadTheChart {
        shape: Shape,
        points: u32,
        data_seed: u64,
    },
    /// A stream's retention, the producer's bursts (minute after 10:00 UTC, fragments sent)
    /// and the minute ListFragments is called.
    VideoRetention {
        retention_hours: u32,
        bursts: Vec<(u32, u32)>,
        asked_at_minute: u32,
    },
    /// A stream recording since 10:00 UTC and a GetImages request: its start (seconds after
    /// 10:00), length, sampling interval and MaxResults.
    VideoImages {
        retention_hours: u32,
        offset_secs: u32,
        range_secs: u32,
        interval_ms: u32,
        max_results: Option<u32>,
    },
}

/// Which per-shard write limit a producer exceeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    None,
    Records,
    Bytes,
    Both,
}

/// The computed answer, typed, so tests can hold it against the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Shards(u32),
    ShardIndex(u32),
    Seconds(u32),
    /// `None` when UpdateShardCount rejects the target; otherwise the new shard count.
    ShardCountAfterUpdate(Option<u32>),
    Throttled(Throttle),
    /// Delivered, dropped and processing-failed records; `retried`: the invocation failed as a
    /// whole (retried, then every record to `processing-failed/`).
    Transformed {
        delivered: u32,
        dropped: u32,
        failed: u32,
        retried: bool,
    },
    /// Records made, or `None` when the record goes to the error output.
    SubRecords(Option<u32>),
    /// What a chart shows.
    Shape(Shape),
    /// Fragments ListFragments returns, or `None` when it refuses with
    /// NoDataRetentionException.
    Fragments(Option<u32>),
    /// What GetImages returns.
    Images(ImagesOutcome),
}

/// A generated question with where it came from and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parametric {
    pub template: Template,
    pub seed: u64,
    pub setup: Setup,
    pub answer: Answer,
    /// Ready for the practice and exam pages and for scoring, like a bank question.
    pub question: Question,
}

/// Generates the variant of `template` for `seed`.
pub fn generate(template: Template, seed: u64) -> Parametric {
    let mut rng = SandboxRng::seed_from_u64(seed ^ (template as u64).wrapping_mul(0x9E37_79B9));
    let (setup, answer, draft) = match template {
        Template::ShardsNeeded => shards_needed(&mut rng),
        Template::ShardForKey => shard_for_key_question(&mut rng),
        Template::FirstObject => first_object(&mut rng),
        Template::CapacityAfterUpdate => capacity_after_update(&mut rng),
        Template::Throttling => throttling(&mut rng),
        Template::TransformAnswer => transform_answer(&mut rng),
        Template::Deaggregation => deaggregation(&mut rng),
        Template::ReadTheChart => read_the_chart(&mut rng),
        Template::VideoRetention => video::video_retention(&mut rng),
        Template::VideoImages => video::video_images(&mut rng),
    };
    let question = draft.finish(template, seed, &mut rng);
    Parametric {
        template,
        seed,
        setup,
        answer,
        question,
    }
}

/// A computed question of any template, both chosen by `seed`: an endless practice supply.
pub fn generate_any(seed: u64) -> Parametric {
    let count = Template::ALL.len() as u64;
    generate(Template::ALL[(seed % count) as usize], seed / count)
}

/// A question before its options are shuffled.
struct Draft {
    topic: &'static str,
    exams: &'static [Exam],
    stem: String,
    correct: Choice,
    wrong: Vec<Choice>,
    source: &'static str,
    link: &'static str,
    difficulty: u8,
}

impl Draft {
    fn finish(self, template: Template, seed: u64, rng: &mut SandboxRng) -> Question {
        let mut options = vec![self.correct];
        for w in self.wrong {
            if options.len() == 4 {
                break;
            }
            if options.iter().all(|o| o.text != w.text) {
                options.push(w);
            }
        }
        for i in (1..options.len()).rev() {
            let j = rng.below(i as u64 + 1) as usize;
            options.swap(i, j);
        }
        Question {
            id: format!("param-{}-{seed}", template.slug()),
            topic: self.topic.into(),
            exams: self.exams.to_vec(),
            kind: Kind::Single,
            stem: self.stem,
            options,
            source: self.source.into(),
            link: self.link.into(),
            difficulty: self.difficulty,
            fact_version: None,
        }
    }
}

fn right(text: String, why: String) -> Choice {
    Choice {
        text,
        correct: true,
        why,
    }
}

fn wrong(text: String, why: String) -> Choice {
    Choice {
        text,
        correct: false,
        why,
    }
}

fn pick<T: Copy>(rng: &mut SandboxRng, items: &[T]) -> T {
    items[rng.below(items.len() as u64) as usize]
}

fn between(rng: &mut SandboxRng, low: u64, high: u64) -> u64 {
    low + rng.below(high - low + 1)
}

fn div_ceil(a: u64, b: u64) -> u64 {
    a.div_ceil(b)
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
    }
}

const STREAM_EXAMS: &[Exam] = &[Exam::DeaC01, Exam::SaaC03, Exam::SapC02, Exam::MlsC01];

fn shards_needed(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    // Keep the write load at most 8 MiB/s so a variant stays a realistic exam question.
    let (avg, rps) = loop {
        let avg = pick(rng, &[1u32, 2, 3, 4, 5, 8, 10, 16, 20, 25, 32, 50, 64]);
        let rps = pick(
            rng,
            &[
                200u32, 300, 500, 600, 800, 1_000, 1_200, 1_500, 2_000, 2_500, 3_000, 4_000, 5_000,
            ],
        );
        if u64::from(avg) * u64::from(rps) <= 8 * 1024 {
            break (avg, rps);
        }
    };
    let consumers = between(rng, 1, 5) as u32;
    let answer = estimate_shards(f64::from(avg), f64::from(rps), consumers);
    let incoming = u64::from(avg) * u64::from(rps);
    let outgoing = incoming * u64::from(consumers);
    let by_write = div_ceil(incoming, 1024) as u32;
    let by_read = div_ceil(outgoing, 2048) as u32;
    let by_records = div_ceil(u64::from(rps), 1000) as u32;
    let reasoning = format!(
        "Write {} KiB/s ÷ 1,024 = {:.2}; read {} KiB/s × {} ÷ 2,048 = {:.2}; records {} ÷ 1,000 \
         = {:.2}. The largest, rounded up, is {answer}.",
        thousands(incoming),
        incoming as f64 / 1024.0,
        thousands(incoming),
        consumers,
        outgoing as f64 / 2048.0,
        thousands(u64::from(rps)),
        f64::from(rps) / 1000.0,
    );
    let shards = |n: u32| plural(u64::from(n), "shard", "shards");
    let mut wrongs = Vec::new();
    let read_at_one_mib = div_ceil(outgoing, 1024) as u32;
    let candidates = [
        (
            by_write,
            "This counts only the write bandwidth; the calculator also counts what the consumers read and the record rate.",
        ),
        (
            by_read,
            "This counts only the read bandwidth; the write bandwidth and record rate matter too.",
        ),
        (
            by_records,
            "This counts only the 1,000 records per second limit, not the bandwidth.",
        ),
        (
            read_at_one_mib,
            "This divides the read bandwidth by 1 MiB per shard; a shard serves 2 MiB/s of shared reads.",
        ),
        (
            answer + 1,
            "One more shard than needed: the calculator asks for the smallest count that covers every limit.",
        ),
        (
            answer.saturating_sub(1),
            "One shard too few: one of the limits would be exceeded.",
        ),
        (
            answer * 2,
            "Twice what is needed: the calculator asks for the smallest count that covers every limit.",
        ),
        (
            answer + 2,
            "More shards than needed: the calculator asks for the smallest count that covers every limit.",
        ),
        (
            answer + 3,
            "More shards than needed: the calculator asks for the smallest count that covers every limit.",
        ),
    ];
    for (n, why) in candidates {
        if n >= 1 && n != answer {
            wrongs.push(wrong(shards(n), format!("{why} {reasoning}")));
        }
    }
    let draft = Draft {
        topic: "streams-capacity",
        exams: STREAM_EXAMS,
        stem: format!(
            "A company writes {} per second with an average size of {avg} KiB into a provisioned \
             Kinesis data stream, and {} every record with shared throughput. Using the \
             console's shard calculator, how many shards does the stream need?",
            plural(u64::from(rps), "record", "records"),
            if consumers == 1 {
                "one consumer application reads".to_string()
            } else {
                format!("{consumers} consumer applications read")
            },
        ),
        correct: right(shards(answer), reasoning),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html",
        link: "#/streams/create",
        difficulty: 2,
    };
    (
        Setup::ShardsNeeded {
            avg_record_kib: avg,
            records_per_sec: rps,
            consumers,
        },
        Answer::Shards(answer),
        draft,
    )
}

fn shard_name(i: u32) -> String {
    format!("shardId-{i:012}")
}

fn shard_for_key_question(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let shards = between(rng, 2, 8) as u32;
    let prefix = pick(
        rng,
        &["device", "user", "order", "sensor", "session", "account"],
    );
    let key = format!("{prefix}-{}", rng.below(100_000));
    let index = shard_for_key(&key, shards);
    let digest = format!("{:032x}", hash_key(&key));
    let reasoning = format!(
        "Each of the {shards} shards owns an equal slice of the 128-bit hash key space, 2^128 ÷ \
         {shards} wide. The digest {digest}, read as a big-endian number, falls in slice {index} \
         (counting from 0), so the record goes to {}.",
        shard_name(index)
    );
    let mut wrongs = Vec::new();
    let mut others: Vec<u32> = (0..shards).filter(|&i| i != index).collect();
    for i in (1..others.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        others.swap(i, j);
    }
    for i in others {
        wrongs.push(wrong(
            shard_name(i),
            format!(
                "{} owns a different slice of the hash key space. {reasoning}",
                shard_name(i)
            ),
        ));
    }
    wrongs.push(wrong(
        "Whichever shard is least busy when the record arrives".into(),
        format!("Kinesis never places records by load; the hash decides. {reasoning}"),
    ));
    wrongs.push(wrong(
        "A shard chosen at random for each record".into(),
        format!("Placement is deterministic: the same key always lands in the same open shard. {reasoning}"),
    ));
    let draft = Draft {
        topic: "streams-keys",
        exams: STREAM_EXAMS,
        stem: format!(
            "A provisioned stream was created with {shards} shards, so the hash key space is \
             split evenly between them. A producer puts a record with the partition key '{key}', \
             whose MD5 digest is {digest}. Which shard receives the record?"
        ),
        correct: right(shard_name(index), reasoning),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html",
        link: "#/streams",
        difficulty: 3,
    };
    (
        Setup::ShardForKey {
            shards,
            partition_key: key,
        },
        Answer::ShardIndex(index),
        draft,
    )
}

/// Seconds until Firehose delivers the first object to S3 for a steady input: the buffer is
/// flushed when it holds `size_mib` MiB or when `interval_secs` have passed since the first
/// record, whichever comes first.
pub fn first_object_secs(size_mib: u32, interval_secs: u32, rate_kib_per_sec: u32) -> u32 {
    let size_kib = u64::from(size_mib) * 1024;
    let by_size = div_ceil(size_kib, u64::from(rate_kib_per_sec.max(1)));
    by_size.min(u64::from(interval_secs)) as u32
}

fn first_object(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let (size, interval, rate) = loop {
        let size = pick(rng, &[1u32, 2, 4, 5, 8, 10, 16, 32, 64, 128]);
        let interval = pick(rng, &[60u32, 120, 180, 300, 600, 900]);
        let rate = pick(
            rng,
            &[8u32, 16, 32, 64, 100, 128, 200, 256, 512, 1_024, 2_048],
        );
        let by_size = div_ceil(u64::from(size) * 1024, u64::from(rate));
        // Keep the two conditions clearly apart so the question has one sensible answer.
        if by_size.abs_diff(u64::from(interval)) >= 15 && by_size >= 2 {
            break (size, interval, rate);
        }
    };
    let by_size = div_ceil(u64::from(size) * 1024, u64::from(rate)) as u32;
    let answer = first_object_secs(size, interval, rate);
    let reasoning = format!(
        "Firehose delivers when either buffering hint is reached first. Filling {size} MiB at \
         {rate} KiB/s takes {} KiB ÷ {rate} = {by_size} s; the interval is {interval} s; the \
         earlier is {answer} s.",
        thousands(u64::from(size) * 1024)
    );
    let after = |s: u32| format!("After about {} seconds", thousands(u64::from(s)));
    let later = by_size.max(interval);
    let candidates = [
        (
            later,
            "This waits for the later condition; delivery happens as soon as either one is met.",
        ),
        (
            by_size + interval,
            "The two conditions do not add up; the first one reached triggers delivery.",
        ),
        (
            300,
            "300 seconds is only the default interval; this stream's hints decide.",
        ),
        (
            60,
            "60 seconds was the exam-era minimum interval, not this stream's setting.",
        ),
        (
            900,
            "900 seconds is the largest interval, not this stream's setting.",
        ),
        (
            answer * 2,
            "Twice the time; the first condition is met sooner.",
        ),
        (
            answer * 3,
            "Three times the time; the first condition is met sooner.",
        ),
    ];
    let wrongs = candidates
        .into_iter()
        .filter(|(s, _)| *s != answer)
        .map(|(s, why)| wrong(after(s), format!("{why} {reasoning}")))
        .collect();
    let draft = Draft {
        topic: "firehose-delivery",
        exams: &[
            Exam::DeaC01,
            Exam::SaaC03,
            Exam::SapC02,
            Exam::MlaC01,
            Exam::MlsC01,
        ],
        stem: format!(
            "A Direct PUT Amazon Data Firehose stream delivers to Amazon S3 with buffering hints \
             of {size} MiB and {interval} seconds, no transformation and no compression. \
             Starting with an empty buffer, producers send a steady {rate} KiB per second. About \
             when does the first object appear in the bucket?"
        ),
        correct: right(after(answer), reasoning),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html",
        link: "#/firehose/create",
        difficulty: 2,
    };
    (
        Setup::FirstObject {
            size_mib: size,
            interval_secs: interval,
            rate_kib_per_sec: rate,
        },
        Answer::Seconds(answer),
        draft,
    )
}

fn capacity_text(shards: u32) -> String {
    let c = stream_capacity(shards);
    format!(
        "Write {} MiB/s and {} records/s; shared read {} MiB/s",
        thousands(c.write_mib_per_sec),
        thousands(c.write_records_per_sec),
        thousands(c.read_mib_per_sec)
    )
}

const REJECTED: &str =
    "The call is rejected: one UpdateShardCount call can at most double or halve the open shard count";

fn capacity_after_update(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let current = between(rng, 2, 16) as u32;
    let invalid = rng.below(5) == 0;
    let target = if invalid {
        if rng.below(2) == 0 || current < 3 {
            current * 2 + between(rng, 1, current.into()) as u32
        } else {
            between(rng, 1, u64::from((current - 1) / 2)) as u32
        }
    } else {
        loop {
            let t = between(rng, u64::from(current.div_ceil(2)), u64::from(current * 2)) as u32;
            if t != current {
                break t;
            }
        }
    };
    let valid = target <= current * 2 && target * 2 >= current;
    let answer = valid.then_some(target);
    let rule = format!(
        "From {current} open shards, one UpdateShardCount call accepts targets from {} to {}.",
        current.div_ceil(2),
        current * 2
    );
    let (correct, reasoning) = match answer {
        Some(t) => {
            let reasoning = format!(
                "{rule} After scaling the stream has {t} shards, each accepting 1 MiB/s and \
                 1,000 records/s and serving 2 MiB/s of shared reads."
            );
            (capacity_text(t), reasoning)
        }
        None => (
            REJECTED.to_string(),
            format!("{rule} {target} is outside that range, so the call fails with LimitExceededException and the stream keeps {current} shards."),
        ),
    };
    let mut wrongs = Vec::new();
    if answer.is_some() {
        wrongs.push(wrong(
            REJECTED.to_string(),
            format!("The target is within range. {reasoning}"),
        ));
    } else {
        wrongs.push(wrong(
            capacity_text(target),
            format!("This would be the capacity if the call were accepted. {reasoning}"),
        ));
    }
    wrongs.push(wrong(
        capacity_text(current),
        format!("This is the capacity before the update. {reasoning}"),
    ));
    wrongs.push(wrong(
        capacity_text(current + target),
        format!("UpdateShardCount sets the total shard count; it does not add the target to the current count. {reasoning}"),
    ));
    wrongs.push(wrong(
        format!(
            "Write {} MiB/s and {} records/s; shared read {} MiB/s",
            target,
            thousands(u64::from(target) * 1000),
            target
        ),
        format!("Each shard serves 2 MiB/s of reads, twice its write rate. {reasoning}"),
    ));
    let draft = Draft {
        topic: "streams-retention",
        exams: &[Exam::DeaC01, Exam::SaaC03, Exam::SapC02],
        stem: format!(
            "A provisioned stream has {current} open shards. An administrator calls \
             UpdateShardCount with TargetShardCount {target} and ScalingType UNIFORM_SCALING. \
             What is the result once the stream is ACTIVE again?"
        ),
        correct: right(correct, reasoning),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
        link: "#/streams",
        difficulty: 2,
    };
    (
        Setup::CapacityAfterUpdate { current, target },
        Answer::ShardCountAfterUpdate(answer),
        draft,
    )
}

/// Which write limit a steady producer on one shard exceeds.
pub fn throttle_for(records_per_sec: u32, record_bytes: u32) -> Throttle {
    let records = u64::from(records_per_sec) > 1_000;
    let bytes = u64::from(records_per_sec) * u64::from(record_bytes) > MIB;
    match (records, bytes) {
        (false, false) => Throttle::None,
        (true, false) => Throttle::Records,
        (false, true) => Throttle::Bytes,
        (true, true) => Throttle::Both,
    }
}

fn throttling(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let shards = between(rng, 2, 8) as u32;
    let case = pick(
        rng,
        &[
            Throttle::None,
            Throttle::Records,
            Throttle::Bytes,
            Throttle::Both,
        ],
    );
    // Rates are multiples of 10 per second and kept well away from the limits (at most 90 %
    // of a limit, or at least 150 %), so the answer does not hinge on rounding.
    let (rps, bytes) = match case {
        Throttle::None => {
            let rps = between(rng, 10, 90) * 10;
            let max = (MIB * 9 / 10 / rps).min(4_000);
            (rps, between(rng, 50, max))
        }
        Throttle::Records => {
            let rps = between(rng, 150, 300) * 10;
            let max = MIB * 6 / 10 / rps;
            (rps, between(rng, 30, max))
        }
        Throttle::Bytes => {
            let rps = between(rng, 10, 90) * 10;
            let min = div_ceil(MIB * 3 / 2, rps);
            (rps, between(rng, min, min * 2))
        }
        Throttle::Both => {
            let rps = between(rng, 150, 300) * 10;
            let min = div_ceil(MIB * 3 / 2, rps);
            (rps, between(rng, min, min * 2))
        }
    };
    let (rps, bytes) = (rps as u32, bytes as u32);
    let answer = throttle_for(rps, bytes);
    let per_sec = u64::from(rps) * u64::from(bytes);
    let reasoning = format!(
        "All records share one partition key, so they all go to one shard, whatever the \
         stream's {shards} shards add up to. That shard takes {} records/s (limit 1,000) and \
         {} bytes/s = {:.2} MiB/s (limit 1 MiB/s).",
        thousands(u64::from(rps)),
        thousands(per_sec),
        per_sec as f64 / MIB as f64
    );
    let texts = [
        (
            Throttle::None,
            "No: the shard stays within both of its write limits",
        ),
        (
            Throttle::Records,
            "Yes: the shard's 1,000 records per second limit is exceeded",
        ),
        (
            Throttle::Bytes,
            "Yes: the shard's 1 MiB per second limit is exceeded",
        ),
        (
            Throttle::Both,
            "Yes: both the records per second and the MiB per second limits of the shard are exceeded",
        ),
    ];
    let mut correct = None;
    let mut wrongs = Vec::new();
    for (t, text) in texts {
        if t == answer {
            correct = Some(right(text.to_string(), reasoning.clone()));
        } else {
            wrongs.push(wrong(text.to_string(), reasoning.clone()));
        }
    }
    let draft = Draft {
        topic: "streams-capacity",
        exams: STREAM_EXAMS,
        stem: format!(
            "A provisioned stream has {shards} shards. One producer writes a steady {} records \
             per second for a minute, every record {} bytes including its partition key, and \
             every record with the same partition key. Will the producer be throttled?",
            thousands(u64::from(rps)),
            thousands(u64::from(bytes))
        ),
        correct: correct.expect("every case has a text"),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/streams/latest/dev/service-sizes-and-limits.html",
        link: "#/streams",
        difficulty: 2,
    };
    (
        Setup::Throttling {
            shards,
            records_per_sec: rps,
            record_bytes: bytes,
        },
        Answer::Throttled(answer),
        draft,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::bank::check_question;

    #[test]
    fn same_seed_same_question_and_every_variant_is_valid() {
        for template in Template::ALL {
            for seed in 0..200 {
                let a = generate(template, seed);
                assert_eq!(a, generate(template, seed));
                let problems = check_question(&a.question, "parametric");
                assert!(problems.is_empty(), "{template:?} {seed}: {problems:?}");
                assert_eq!(a.question.options.len(), 4, "{template:?} {seed}");
                assert!(crate::quiz::bank::topic(&a.question.topic).is_some());
            }
            assert_ne!(
                generate(template, 1).question,
                generate(template, 2).question
            );
        }
    }

    #[test]
    fn any_template_by_seed() {
        let slugs: std::collections::BTreeSet<_> =
            (0..10).map(|s| generate_any(s).template.slug()).collect();
        assert_eq!(slugs.len(), Template::ALL.len());
        let count = Template::ALL.len() as u64;
        assert_eq!(generate_any(count + 2), generate(Template::ALL[2], 1));
    }

    #[test]
    fn firehose_rule() {
        // 5 MiB at 2 KiB/s takes 2,560 s; the 300 s interval comes first.
        assert_eq!(first_object_secs(5, 300, 2), 300);
        // 1 MiB at 1,024 KiB/s fills in 1 s.
        assert_eq!(first_object_secs(1, 60, 1_024), 1);
        assert_eq!(first_object_secs(128, 900, 100), 900);
        assert_eq!(first_object_secs(8, 900, 100), 82);
    }

    #[test]
    fn throttle_cases() {
        assert_eq!(throttle_for(900, 1_000), Throttle::None);
        assert_eq!(throttle_for(1_500, 100), Throttle::Records);
        assert_eq!(throttle_for(100, 20_000), Throttle::Bytes);
        assert_eq!(throttle_for(2_000, 1_000), Throttle::Both);
        for seed in 0..100 {
            let p = generate(Template::Throttling, seed);
            let Setup::Throttling {
                records_per_sec,
                record_bytes,
                ..
            } = p.setup
            else {
                unreachable!()
            };
            assert_eq!(
                p.answer,
                Answer::Throttled(throttle_for(records_per_sec, record_bytes))
            );
        }
    }
}

const FIREHOSE_EXAMS: &[Exam] = &[Exam::DeaC01, Exam::SaaC03, Exam::MlaC01, Exam::MlsC01];

/// The shape of a function's answer in a [`Template::TransformAnswer`] question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AnswerShape {
    /// Every record returned, with a mix of results.
    Mixed,
    /// One record left out of the answer.
    OneMissing,
    /// One record returned twice.
    OneTwice,
    /// A result that is not one of the three Firehose knows.
    BadResult,
}

fn transform_answer(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    use crate::engine::firehose::processing::judge_answer;
    let n = between(rng, 4, 12) as u32;
    let shape = pick(
        rng,
        &[
            AnswerShape::Mixed,
            AnswerShape::Mixed,
            AnswerShape::OneMissing,
            AnswerShape::OneTwice,
            AnswerShape::BadResult,
        ],
    );
    let ids: Vec<String> = (1..=n).map(|i| format!("r{i}")).collect();
    let dropped = between(rng, 1, u64::from(n) / 3) as u32;
    let failed = between(rng, 1, u64::from(n) / 3) as u32;
    let result_of = |i: u32| {
        if i < dropped {
            "Dropped"
        } else if i < dropped + failed {
            "ProcessingFailed"
        } else {
            "Ok"
        }
    };
    let mut items: Vec<String> = (0..n)
        .map(|i| {
            let r = result_of(i);
            let data = if r == "Ok" { ",\"data\":\"...\"" } else { "" };
            format!("{{\"recordId\":\"r{}\",\"result\":\"{r}\"{data}}}", i + 1)
        })
        .collect();
    let mut described = format!(
        "returns all {n}: {} as Ok, {dropped} as Dropped and {failed} as ProcessingFailed",
        n - dropped - failed
    );
    match shape {
        AnswerShape::Mixed => {}
        AnswerShape::OneMissing => {
            items.pop();
            described.push_str(&format!(
                ", except that it leaves record r{n} out of its answer"
            ));
        }
        AnswerShape::OneTwice => {
            let last = items.last().cloned().expect("n ≥ 4");
            items.push(last);
            described.push_str(&format!(", and returns record r{n} a second time"));
        }
        AnswerShape::BadResult => {
            let last = items.pop().expect("n ≥ 4");
            items.push(last.replace("\"Ok\"", "\"Success\""));
            described = format!(
                "returns all {n} the same way, but gives record r{n} the result \"Success\" \
                 ({} others Ok, {dropped} Dropped, {failed} ProcessingFailed)",
                n - dropped - failed - 1
            );
        }
    }
    // The real payload (with base64 data where Ok), judged by the engine's own check.
    let payload = format!("{{\"records\":[{}]}}", items.join(",")).replace("\"...\"", "\"eA==\"");
    let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let judged = judge_answer(&id_refs, &payload);
    let answer = match judged {
        Ok((ok, d, f)) => Answer::Transformed {
            delivered: ok,
            dropped: d,
            failed: f,
            retried: false,
        },
        Err(_) => Answer::Transformed {
            delivered: 0,
            dropped: 0,
            failed: n,
            retried: true,
        },
    };
    let records = |k: u32| plural(u64::from(k), "record", "records");
    let outcome = |delivered: u32, dropped: u32, failed: u32| {
        format!(
            "{} delivered to the bucket, {} dropped, {} under processing-failed/",
            records(delivered),
            records(dropped),
            records(failed)
        )
    };
    let retry_text = format!(
        "The invocation fails as a whole; Firehose retries it (NumberOfRetries, 3 by default), \
         then writes all {} under processing-failed/",
        records(n)
    );
    let reasoning = match judged {
        Ok(_) => "Every record id sent came back exactly once with a known result, so \
                  Firehose takes each result as given: Ok records are delivered, Dropped ones \
                  are counted and discarded, ProcessingFailed ones go to the error output \
                  prefix under processing-failed/ with their original data."
            .to_string(),
        Err(e) => format!(
            "Firehose checks the answer before it uses any of it: every record id sent must come \
             back exactly once, with Ok, Dropped or ProcessingFailed. This answer fails that \
             check ({}), so none of it is used; after the retries the whole batch goes to \
             processing-failed/.",
            e.code()
        ),
    };
    let ok_count = n - dropped - failed;
    let mut options: Vec<(String, bool)> = vec![
        (
            retry_text,
            matches!(answer, Answer::Transformed { retried: true, .. }),
        ),
        (outcome(ok_count, dropped, failed), false),
        (outcome(n, 0, 0), false),
        (outcome(ok_count + dropped, 0, failed), false),
        (
            outcome(ok_count.saturating_sub(1), dropped, failed + 1),
            false,
        ),
    ];
    if let Answer::Transformed {
        delivered,
        dropped: d,
        failed: f,
        retried: false,
    } = answer
    {
        let text = outcome(delivered, d, f);
        for o in &mut options {
            if o.0 == text {
                o.1 = true;
            }
        }
    }
    let mut correct = None;
    let mut wrongs = Vec::new();
    for (text, is_right) in options {
        if is_right && correct.is_none() {
            correct = Some(right(text, reasoning.clone()));
        } else if !is_right {
            wrongs.push(wrong(text, reasoning.clone()));
        }
    }
    let draft = Draft {
        topic: "firehose-processing",
        exams: FIREHOSE_EXAMS,
        stem: format!(
            "A Firehose stream transforms records with a Lambda function. Firehose invokes it \
             with a batch of {n} records (record ids r1 to r{n}). The function {described}. \
             What does Firehose do with the batch?"
        ),
        correct: correct.expect("one option is the engine's answer"),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html",
        link: "#/firehose/create",
        difficulty: 3,
    };
    (
        Setup::TransformAnswer {
            records: n,
            payload,
        },
        answer,
        draft,
    )
}

fn deaggregation(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    use crate::engine::firehose::deaggregate::{deaggregate, SubRecordType};
    let m = between(rng, 2, 6) as u32;
    let objects: Vec<String> = (1..=m)
        .map(|i| format!("{{\"device\":\"d{i}\",\"temp\":{}}}", 18 + i))
        .collect();
    let form = pick(rng, &[0u8, 1, 2]);
    let (record, how) = match form {
        0 => (objects.join(""), "back to back, with nothing between them"),
        1 => (objects.join("\n"), "one per line"),
        _ => (format!("[{}]", objects.join(",")), "as a JSON array"),
    };
    let answer = Answer::SubRecords(
        deaggregate(record.as_bytes(), SubRecordType::Json, None)
            .ok()
            .map(|parts| parts.len() as u32),
    );
    let reasoning = "RecordDeAggregation with SubRecordType JSON splits a record made of JSON \
                     objects one after another (with or without whitespace or newlines between \
                     them) into one record per object, at most 500; a JSON array is not \
                     de-aggregated, and dynamic partitioning then fails on it, so it goes to \
                     the error output under metadata-extraction-failed/."
        .to_string();
    let n_records = |k: u32| format!("{} records, one per object, each in its own partition", k);
    let options: Vec<(String, Answer)> = vec![
        (n_records(m), Answer::SubRecords(Some(m))),
        (
            "1 record, delivered whole to one partition".into(),
            Answer::SubRecords(Some(1)),
        ),
        (
            "The record goes to the error output under metadata-extraction-failed/".into(),
            Answer::SubRecords(None),
        ),
        (
            format!("{} records: the objects and the record itself", m + 1),
            Answer::SubRecords(Some(m + 1)),
        ),
    ];
    let mut correct = None;
    let mut wrongs = Vec::new();
    for (text, a) in options {
        if a == answer {
            correct = Some(right(text, reasoning.clone()));
        } else {
            wrongs.push(wrong(text, reasoning.clone()));
        }
    }
    let draft = Draft {
        topic: "firehose-processing",
        exams: &[Exam::DeaC01, Exam::SapC02],
        stem: format!(
            "A Firehose stream has dynamic partitioning on, partitions by \
             !{{partitionKeyFromQuery:device}} and de-aggregates records (RecordDeAggregation, \
             SubRecordType JSON). A producer sends one record holding {m} JSON objects {how}: \
             {record} — What does Firehose make of it?"
        ),
        correct: correct.expect("the engine's answer is an option"),
        wrong: wrongs,
        source: "https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html",
        link: "#/firehose/create",
        difficulty: 2,
    };
    (Setup::Deaggregation { record }, answer, draft)
}

// ---------------------------------------------------------------------------------------------
// Reading a chart drawn from sandbox data

/// What a chart in a [`Template::ReadTheChart`] question shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// Values spread evenly over their range (the generator's `random.number` temperatures).
    Uniform,
    /// A long tail of high values.
    RightSkewed,
    /// A long tail of low values.
    LeftSkewed,
    /// One central peak, falling off symmetrically.
    BellShaped,
    /// A few values far from all the others.
    Outliers,
    PositiveCorrelation,
    NegativeCorrelation,
    NoCorrelation,
}

/// The chart a [`Template::ReadTheChart`] question draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Histogram,
    Scatter,
}

impl Shape {
    pub const DISTRIBUTIONS: [Shape; 5] = [
        Shape::Uniform,
        Shape::RightSkewed,
        Shape::LeftSkewed,
        Shape::BellShaped,
        Shape::Outliers,
    ];
    pub const RELATIONSHIPS: [Shape; 3] = [
        Shape::PositiveCorrelation,
        Shape::NegativeCorrelation,
        Shape::NoCorrelation,
    ];

    pub fn chart(self) -> ChartKind {
        if Shape::RELATIONSHIPS.contains(&self) {
            ChartKind::Scatter
        } else {
            ChartKind::Histogram
        }
    }

    /// The option's text.
    pub fn text(self) -> &'static str {
        match self {
            Shape::Uniform => "Roughly uniform: about as many values in every bin",
            Shape::RightSkewed => "Skewed to the right: most values low, a long tail of high ones",
            Shape::LeftSkewed => "Skewed to the left: most values high, a long tail of low ones",
            Shape::BellShaped => "Bell-shaped: one central peak falling off evenly on both sides",
            Shape::Outliers => "A compact bulk of values plus a few far-away outliers",
            Shape::PositiveCorrelation => "A strong positive correlation: y rises as x rises",
            Shape::NegativeCorrelation => "A strong negative correlation: y falls as x rises",
            Shape::NoCorrelation => "No linear relationship: the correlation is close to 0",
        }
    }
}

/// A chart question's data, regenerated from its setup.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub kind: ChartKind,
    pub x_name: &'static str,
    pub y_name: &'static str,
    pub x: Vec<f64>,
    /// Empty for a histogram.
    pub y: Vec<f64>,
}

/// The moments of a sample: skewness (g1) and excess kurtosis (g2).
pub fn skew_kurtosis(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let m = |k: i32| v.iter().map(|x| (x - mean).powi(k)).sum::<f64>() / n;
    let m2 = m(2);
    if m2 <= 0.0 {
        return (0.0, 0.0);
    }
    (m(3) / m2.powf(1.5), m(4) / (m2 * m2) - 3.0)
}

/// Values beyond 5 interquartile ranges from the quartiles (far outliers; a box plot's whiskers
/// stop at 1.5).
pub fn far_outliers(v: &[f64]) -> usize {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let q = |p: f64| crate::analysis::fields::quantile(&s, p).unwrap_or(0.0);
    let (q1, q3) = (q(0.25), q(0.75));
    let iqr = q3 - q1;
    v.iter()
        .filter(|&&x| x > q3 + 5.0 * iqr || x < q1 - 5.0 * iqr)
        .count()
}

/// What the data shows, worked out from the data alone: far outliers first, then skewness
/// beyond ±0.6, then excess kurtosis (−1.2 for a uniform, 0 for a normal distribution) for a
/// histogram; Pearson's r beyond ±0.5 or within ±0.2 for a scatter plot. `None` when the data
/// is in between (the generator draws again).
pub fn classify(data: &ChartData) -> Option<Shape> {
    match data.kind {
        ChartKind::Histogram => {
            if far_outliers(&data.x) > 0 {
                return Some(Shape::Outliers);
            }
            let (g1, g2) = skew_kurtosis(&data.x);
            if g1 > 0.6 {
                Some(Shape::RightSkewed)
            } else if g1 < -0.6 {
                Some(Shape::LeftSkewed)
            } else if g1.abs() < 0.3 && g2 < -0.9 {
                Some(Shape::Uniform)
            } else if g1.abs() < 0.3 && g2 > -0.5 && g2 < 1.0 {
                Some(Shape::BellShaped)
            } else {
                None
            }
        }
        ChartKind::Scatter => {
            let r = crate::analysis::visuals::pearson(&data.x, &data.y)?;
            if r > 0.5 {
                Some(Shape::PositiveCorrelation)
            } else if r < -0.5 {
                Some(Shape::NegativeCorrelation)
            } else if r.abs() < 0.2 {
                Some(Shape::NoCorrelation)
            } else {
                None
            }
        }
    }
}

/// The data of a chart question: `points` values drawn with the setup's seed to show `shape`
/// (temperatures like the course's sensor data).
fn draw_data(shape: Shape, points: u32, seed: u64) -> ChartData {
    let mut rng = SandboxRng::seed_from_u64(seed);
    let n = points as usize;
    let mut u = || rng.unit_f64();
    // Sums of 12 uniforms: close to normal, mean 0, sd 1.
    let normal = |u: &mut dyn FnMut() -> f64| (0..12).map(|_| u()).sum::<f64>() - 6.0;
    let mut x: Vec<f64> = Vec::with_capacity(n);
    let mut y: Vec<f64> = Vec::new();
    let round = |v: f64| (v * 10.0).round() / 10.0;
    match shape {
        Shape::Uniform => x.extend((0..n).map(|_| round(10.0 + 140.0 * u()))),
        Shape::RightSkewed => x.extend((0..n).map(|_| round(10.0 - 25.0 * (1.0 - u()).ln()))),
        Shape::LeftSkewed => x.extend((0..n).map(|_| round(150.0 + 25.0 * (1.0 - u()).ln()))),
        Shape::BellShaped => x.extend((0..n).map(|_| round(80.0 + 15.0 * normal(&mut u)))),
        Shape::Outliers => {
            // A handful close together, so that their bar can be seen.
            let far = 6 + (u() * 5.0) as usize;
            x.extend((0..n - far).map(|_| round(80.0 + 10.0 * normal(&mut u))));
            x.extend((0..far).map(|_| round(380.0 + 30.0 * u())));
        }
        Shape::PositiveCorrelation | Shape::NegativeCorrelation | Shape::NoCorrelation => {
            let slope = match shape {
                Shape::PositiveCorrelation => 2.0,
                Shape::NegativeCorrelation => -2.0,
                _ => 0.0,
            };
            for _ in 0..n {
                let xi = round(10.0 + 40.0 * u());
                x.push(xi);
                y.push(round(100.0 + slope * (xi - 30.0) + 12.0 * normal(&mut u)));
            }
        }
    }
    let (x_name, y_name) = match shape.chart() {
        ChartKind::Histogram => ("temperature", ""),
        ChartKind::Scatter => ("humidity", "temperature"),
    };
    ChartData {
        kind: shape.chart(),
        x_name,
        y_name,
        x,
        y,
    }
}

/// The data a [`Setup::ReadTheChart`] describes.
pub fn chart_data(setup: &Setup) -> Option<ChartData> {
    match *setup {
        Setup::ReadTheChart {
            shape,
            points,
            data_seed,
        } => Some(draw_data(shape, points, data_seed)),
        _ => None,
    }
}

/// A chart shown with a question: the SVG, a description that does not give the answer away,
/// and the data as a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub svg: String,
    pub description: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The chart drawn for a computed question, if it has one.
pub fn figure(p: &Parametric) -> Option<Figure> {
    use crate::analysis::draw::{self, Size};
    use crate::analysis::visuals::{self, BinAggregate, BinOptions, HistogramOptions};
    let data = chart_data(&p.setup)?;
    let size = Size::new(560.0, 320.0);
    let (drawing, description) = match data.kind {
        ChartKind::Histogram => {
            let h = visuals::histogram_of(
                data.x_name,
                &data.x,
                0,
                &HistogramOptions {
                    bins: BinOptions::Count(20),
                    start_value: None,
                    aggregate: BinAggregate::Count,
                },
            )
            .ok()?;
            let d = draw::histogram(&h, size);
            let description = format!(
                "Histogram of {} readings of {} in 20 bins; the data table lists each bin's \
                 count.",
                thousands(data.x.len() as u64),
                data.x_name
            );
            (d, description)
        }
        ChartKind::Scatter => {
            let rows = data
                .x
                .iter()
                .zip(&data.y)
                .map(|(&a, &b)| {
                    vec![
                        crate::analysis::Value::Number(a),
                        crate::analysis::Value::Number(b),
                    ]
                })
                .collect();
            let ds = crate::analysis::Dataset::from_rows(&[data.x_name, data.y_name], rows);
            let mut s =
                visuals::scatter(&ds, &visuals::ScatterOptions::new(data.x_name, data.y_name))
                    .ok()?;
            // The trend line would give the answer away.
            s.trend = None;
            let d = draw::scatter(&s, size);
            let description = format!(
                "Scatter plot of {} against {} for {} readings; the data table lists every \
                 point.",
                data.y_name,
                data.x_name,
                thousands(data.x.len() as u64)
            );
            (d, description)
        }
    };
    let mut svg_drawing = drawing.clone();
    // The standalone file's description is the neutral one too.
    svg_drawing.summary = description.clone();
    Some(Figure {
        svg: draw::to_svg(&svg_drawing),
        description,
        caption: drawing.table.caption,
        headers: drawing.table.headers,
        rows: drawing.table.rows,
    })
}

/// The template and seed of a computed question's id (`param-<template>-<seed>`).
pub fn parse_id(id: &str) -> Option<(Template, u64)> {
    let rest = id.strip_prefix("param-")?;
    Template::ALL.iter().find_map(|&t| {
        let seed = rest
            .strip_prefix(t.slug())?
            .strip_prefix('-')?
            .parse()
            .ok()?;
        Some((t, seed))
    })
}

/// The chart of the question with this id, if it is a computed question with one.
pub fn figure_for_id(id: &str) -> Option<Figure> {
    let (t, seed) = parse_id(id)?;
    (t == Template::ReadTheChart)
        .then(|| figure(&generate(t, seed)))
        .flatten()
}

const VIZ_EXAMS: &[Exam] = &[Exam::MlaC01, Exam::MlsC01, Exam::DeaC01];

fn read_the_chart(rng: &mut SandboxRng) -> (Setup, Answer, Draft) {
    let all: Vec<Shape> = Shape::DISTRIBUTIONS
        .iter()
        .chain(&Shape::RELATIONSHIPS)
        .copied()
        .collect();
    let intended = pick(rng, &all);
    let points = pick(rng, &[300u32, 400, 500]);
    // Draw until the data shows one shape clearly; the answer is what the data shows.
    let (data_seed, shape) = loop {
        let data_seed = rng.next_u64();
        if let Some(shape) = classify(&draw_data(intended, points, data_seed)) {
            break (data_seed, shape);
        }
    };
    let data = draw_data(shape, points, data_seed);
    let family: &[Shape] = match shape.chart() {
        ChartKind::Histogram => &Shape::DISTRIBUTIONS,
        ChartKind::Scatter => &Shape::RELATIONSHIPS,
    };
    let reasoning = match data.kind {
        ChartKind::Histogram => {
            let (g1, g2) = skew_kurtosis(&data.x);
            format!(
                "Computed from the {} readings: skewness {g1:.2}, excess kurtosis {g2:.2} \
                 (about −1.2 for a uniform spread, 0 for a bell shape), {} value(s) beyond 5 \
                 interquartile ranges from the quartiles.",
                thousands(data.x.len() as u64),
                far_outliers(&data.x)
            )
        }
        ChartKind::Scatter => format!(
            "Computed from the {} points: Pearson's r = {:.2} (near ±1 a strong linear \
             relationship, near 0 none).",
            thousands(data.x.len() as u64),
            crate::analysis::visuals::pearson(&data.x, &data.y).unwrap_or(0.0)
        ),
    };
    let mut wrongs: Vec<Choice> = family
        .iter()
        .filter(|&&s| s != shape)
        .map(|&s| wrong(s.text().to_string(), reasoning.clone()))
        .collect();
    // Three wrong options: for a scatter plot, the relationships and one distribution word.
    if wrongs.len() < 3 {
        wrongs.push(wrong(
            "Skewed to the right: the points bunch at low x".to_string(),
            format!("A scatter plot shows how two fields vary together, not one field's skew. {reasoning}"),
        ));
    }
    for i in (1..wrongs.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        wrongs.swap(i, j);
    }
    let stem = match data.kind {
        ChartKind::Histogram => format!(
            "An analyst loads {} sensor readings that Firehose delivered to S3 into the Analysis \
             workspace and draws the histogram of temperature shown. What does it show?",
            thousands(u64::from(points))
        ),
        ChartKind::Scatter => format!(
            "An analyst draws the scatter plot shown of temperature against humidity for {} \
             sensor readings, to decide whether humidity is a useful feature for predicting \
             temperature. What does it show?",
            thousands(u64::from(points))
        ),
    };
    let draft = Draft {
        topic: "visualization",
        exams: VIZ_EXAMS,
        stem,
        correct: right(shape.text().to_string(), reasoning),
        wrong: wrongs,
        source: match data.kind {
            ChartKind::Histogram => {
                "https://docs.aws.amazon.com/quicksight/latest/user/histogram-charts.html"
            }
            ChartKind::Scatter => {
                "https://docs.aws.amazon.com/quicksight/latest/user/scatter-plot.html"
            }
        },
        link: "#/quiz/tips",
        difficulty: 1,
    };
    (
        Setup::ReadTheChart {
            shape,
            points,
            data_seed,
        },
        Answer::Shape(shape),
        draft,
    )
}
