//! The question bank: TOML files under `static/quiz/`, one per topic, embedded in the binary so
//! the page works offline, parsed with serde and checked by [`Bank::validate`].
//!
//! A course author adds a file by writing it under `static/quiz/` and adding one line to
//! [`BANK_FILES`].

use super::is_route;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The bank's files: `(file name, contents)`. Add a line here to add a file.
pub const BANK_FILES: &[(&str, &str)] = &[
    (
        "streams-capacity.toml",
        include_str!("../../static/quiz/streams-capacity.toml"),
    ),
    (
        "streams-keys.toml",
        include_str!("../../static/quiz/streams-keys.toml"),
    ),
    (
        "streams-retention.toml",
        include_str!("../../static/quiz/streams-retention.toml"),
    ),
    (
        "streams-consumers.toml",
        include_str!("../../static/quiz/streams-consumers.toml"),
    ),
    (
        "streams-operations.toml",
        include_str!("../../static/quiz/streams-operations.toml"),
    ),
    (
        "producers.toml",
        include_str!("../../static/quiz/producers.toml"),
    ),
    (
        "firehose-delivery.toml",
        include_str!("../../static/quiz/firehose-delivery.toml"),
    ),
    (
        "firehose-processing.toml",
        include_str!("../../static/quiz/firehose-processing.toml"),
    ),
    (
        "analytics.toml",
        include_str!("../../static/quiz/analytics.toml"),
    ),
    ("video.toml", include_str!("../../static/quiz/video.toml")),
    (
        "visualization.toml",
        include_str!("../../static/quiz/visualization.toml"),
    ),
    (
        "architecture.toml",
        include_str!("../../static/quiz/architecture.toml"),
    ),
];

/// A topic of the course, with the title the practice page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TopicInfo {
    pub id: &'static str,
    pub title: &'static str,
    /// Set when the topic's service is retired; `legacy_note` says what replaces it.
    pub legacy_note: Option<&'static str>,
}

/// Every topic a question may name, in the order the course teaches them.
pub const TOPICS: &[TopicInfo] = &[
    TopicInfo {
        id: "streams-capacity",
        title: "Data Streams: shards, capacity and the shard calculator",
        legacy_note: None,
    },
    TopicInfo {
        id: "streams-keys",
        title: "Data Streams: partition keys, hot shards and ordering",
        legacy_note: None,
    },
    TopicInfo {
        id: "streams-retention",
        title: "Data Streams: retention, resharding and on-demand mode",
        legacy_note: None,
    },
    TopicInfo {
        id: "streams-consumers",
        title: "Data Streams: shared throughput and enhanced fan-out",
        legacy_note: None,
    },
    TopicInfo {
        id: "streams-operations",
        title: "Data Streams: encryption, monitoring and tags",
        legacy_note: None,
    },
    TopicInfo {
        id: "producers",
        title: "Producers: KPL, Kinesis Agent and the Kinesis Data Generator",
        legacy_note: None,
    },
    TopicInfo {
        id: "firehose-delivery",
        title: "Amazon Data Firehose: sources, buffering, destinations and compression",
        legacy_note: None,
    },
    TopicInfo {
        id: "firehose-processing",
        title: "Amazon Data Firehose: transformation, format conversion, security and errors",
        legacy_note: None,
    },
    TopicInfo {
        id: "analytics",
        title: "Kinesis Data Analytics for SQL: windows, RANDOM_CUT_FOREST, HOTSPOTS",
        legacy_note: Some(
            "Kinesis Data Analytics for SQL applications is discontinued (no new applications \
             from 2025-10-15, applications deleted from 2026-01-27); its successor is Amazon \
             Managed Service for Apache Flink.",
        ),
    },
    TopicInfo {
        id: "video",
        title: "Kinesis Video Streams",
        legacy_note: None,
    },
    TopicInfo {
        id: "visualization",
        title: "Visualising data for machine learning",
        legacy_note: None,
    },
    TopicInfo {
        id: "architecture",
        title: "Choosing between the services",
        legacy_note: None,
    },
];

/// The topic with this id.
pub fn topic(id: &str) -> Option<&'static TopicInfo> {
    TOPICS.iter().find(|t| t.id == id)
}

/// An AWS certification exam a question prepares for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Exam {
    #[serde(rename = "DEA-C01")]
    DeaC01,
    #[serde(rename = "MLA-C01")]
    MlaC01,
    #[serde(rename = "SAA-C03")]
    SaaC03,
    #[serde(rename = "SAP-C02")]
    SapC02,
    /// Machine Learning – Specialty: retired on 2026-03-31, kept for learners who studied it.
    #[serde(rename = "MLS-C01")]
    MlsC01,
}

impl Exam {
    pub const ALL: [Exam; 5] = [
        Exam::DeaC01,
        Exam::MlaC01,
        Exam::SaaC03,
        Exam::SapC02,
        Exam::MlsC01,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Exam::DeaC01 => "DEA-C01",
            Exam::MlaC01 => "MLA-C01",
            Exam::SaaC03 => "SAA-C03",
            Exam::SapC02 => "SAP-C02",
            Exam::MlsC01 => "MLS-C01",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Exam::DeaC01 => "AWS Certified Data Engineer – Associate",
            Exam::MlaC01 => "AWS Certified Machine Learning Engineer – Associate",
            Exam::SaaC03 => "AWS Certified Solutions Architect – Associate",
            Exam::SapC02 => "AWS Certified Solutions Architect – Professional",
            Exam::MlsC01 => "AWS Certified Machine Learning – Specialty (legacy)",
        }
    }

    /// The date the exam was retired, for legacy exams.
    pub fn retired_on(self) -> Option<&'static str> {
        match self {
            Exam::MlsC01 => Some("2026-03-31"),
            _ => None,
        }
    }

    pub fn is_legacy(self) -> bool {
        self.retired_on().is_some()
    }
}

impl fmt::Display for Exam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One correct answer (`single`) or several (`multiple`, the stem says how many).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Single,
    Multiple,
}

/// One answer option, with why it is right or wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    #[serde(default)]
    pub why: String,
}

/// A fact AWS changed: the value the exam material teaches and the value today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactVersion {
    pub exam_era: String,
    pub current: String,
}

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub topic: String,
    pub exams: Vec<Exam>,
    pub kind: Kind,
    pub stem: String,
    pub options: Vec<Choice>,
    pub source: String,
    pub link: String,
    pub difficulty: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact_version: Option<FactVersion>,
}

impl Question {
    /// Indices of the correct options.
    pub fn correct_indices(&self) -> BTreeSet<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, o)| o.correct)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn correct_count(&self) -> usize {
        self.options.iter().filter(|o| o.correct).count()
    }

    /// Whether the question serves only the retired exam.
    pub fn is_legacy_only(&self) -> bool {
        self.exams.iter().all(|e| e.is_legacy())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BankFile {
    #[serde(default)]
    question: Vec<Question>,
}

/// What is wrong with the bank, naming the file, the question and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BankError {
    pub file: String,
    /// The question's id, when the problem is in one question.
    pub question: Option<String>,
    /// The field at fault (`options[2].why`), when one is.
    pub field: Option<String>,
    pub message: String,
}

impl BankError {
    fn new(file: &str, question: Option<&str>, field: Option<&str>, message: String) -> Self {
        Self {
            file: file.to_string(),
            question: question.map(str::to_string),
            field: field.map(str::to_string),
            message,
        }
    }
}

impl fmt::Display for BankError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "static/quiz/{}", self.file)?;
        if let Some(q) = &self.question {
            write!(f, ", question {q}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for BankError {}

/// The loaded bank: every question with the file it came from.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    questions: Vec<Question>,
    files: Vec<String>,
    /// For each question, the index of its file in `files`.
    file_of: Vec<usize>,
}

/// The spelled-out number an exam stem uses: "Choose two."
pub fn count_word(n: usize) -> Option<&'static str> {
    ["", "one", "two", "three", "four", "five", "six"]
        .get(n)
        .copied()
        .filter(|w| !w.is_empty())
}

/// Where a question's `source` may point: AWS's documentation (and, for the Kinesis Data
/// Generator, its AWS Labs help page).
pub const SOURCE_PREFIXES: &[&str] = &[
    "https://docs.aws.amazon.com/",
    "https://awslabs.github.io/amazon-kinesis-data-generator/",
];

impl Bank {
    /// The embedded bank. Fails on the first file that is not valid TOML or does not fit the
    /// question layout; [`Bank::validate`] then checks the contents.
    pub fn embedded() -> Result<Self, BankError> {
        Self::parse(BANK_FILES)
    }

    /// Parses `(file name, TOML text)` pairs.
    pub fn parse(files: &[(&str, &str)]) -> Result<Self, BankError> {
        let mut bank = Bank::default();
        for (name, text) in files {
            let parsed: BankFile = toml::from_str(text).map_err(|e| {
                BankError::new(name, None, None, format!("not a valid question file: {e}"))
            })?;
            let index = bank.files.len();
            bank.files.push((*name).to_string());
            for q in parsed.question {
                bank.questions.push(q);
                bank.file_of.push(index);
            }
        }
        Ok(bank)
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn len(&self) -> usize {
        self.questions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The file a question came from.
    pub fn file_of(&self, id: &str) -> Option<&str> {
        let i = self.questions.iter().position(|q| q.id == id)?;
        Some(&self.files[self.file_of[i]])
    }

    /// Questions per topic id.
    pub fn count_by_topic(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for q in &self.questions {
            *counts.entry(q.topic.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// Every problem in the bank's contents. Empty means the bank is sound.
    pub fn validate(&self) -> Vec<BankError> {
        let mut problems = Vec::new();
        let mut seen_ids: BTreeMap<&str, &str> = BTreeMap::new();
        let mut file_topic: BTreeMap<usize, &str> = BTreeMap::new();
        for (q, &file_index) in self.questions.iter().zip(&self.file_of) {
            let file = self.files[file_index].as_str();
            if let Some(first) = seen_ids.insert(&q.id, file) {
                problems.push(BankError::new(
                    file,
                    Some(&q.id),
                    Some("id"),
                    format!("the id is also used in static/quiz/{first}"),
                ));
            }
            let expected_topic = *file_topic.entry(file_index).or_insert(&q.topic);
            if q.topic != expected_topic {
                problems.push(BankError::new(
                    file,
                    Some(&q.id),
                    Some("topic"),
                    format!(
                        "topic `{}` differs from the file's topic `{expected_topic}` \
                         (one file per topic)",
                        q.topic
                    ),
                ));
            }
            problems.extend(check_question(q, file));
        }
        problems
    }

    /// Problems with the bank's size: fewer than `min_total` questions, or a topic of
    /// [`TOPICS`] with fewer than `min_per_topic`.
    pub fn coverage_problems(&self, min_per_topic: usize, min_total: usize) -> Vec<String> {
        let counts = self.count_by_topic();
        let mut problems = Vec::new();
        if self.len() < min_total {
            problems.push(format!(
                "the bank has {} questions, at least {min_total} are wanted",
                self.len()
            ));
        }
        for t in TOPICS {
            let n = counts.get(t.id).copied().unwrap_or(0);
            if n < min_per_topic {
                problems.push(format!(
                    "topic `{}` has {n} questions, at least {min_per_topic} are wanted",
                    t.id
                ));
            }
        }
        problems
    }
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
}

/// Every problem with one question; `file` names where it came from in the messages.
pub fn check_question(q: &Question, file: &str) -> Vec<BankError> {
    let mut problems = Vec::new();
    let mut fail = |field: &str, message: String| {
        problems.push(BankError::new(file, Some(&q.id), Some(field), message));
    };
    if q.id.is_empty() || !q.id.chars().all(is_id_char) {
        fail(
            "id",
            "an id is lowercase letters, digits and hyphens, e.g. `kds-shards-001`".into(),
        );
    }
    if topic(&q.topic).is_none() {
        let known: Vec<&str> = TOPICS.iter().map(|t| t.id).collect();
        fail(
            "topic",
            format!("unknown topic `{}`; known: {}", q.topic, known.join(", ")),
        );
    }
    if q.exams.is_empty() {
        fail("exams", "name at least one exam".into());
    }
    let distinct: BTreeSet<_> = q.exams.iter().collect();
    if distinct.len() != q.exams.len() {
        fail("exams", "an exam is listed twice".into());
    }
    if q.stem.trim().is_empty() {
        fail("stem", "the stem is empty".into());
    }
    if !(3..=6).contains(&q.options.len()) {
        fail(
            "options",
            format!("{} options; a question has 3 to 6", q.options.len()),
        );
    }
    let correct = q.correct_count();
    match q.kind {
        Kind::Single => {
            if correct != 1 {
                fail(
                    "options",
                    format!(
                        "a `single` question needs exactly one correct option, it has {correct}"
                    ),
                );
            }
            if q.stem.contains("Choose ") {
                fail(
                    "stem",
                    "a `single` question's stem must not ask to choose several".into(),
                );
            }
        }
        Kind::Multiple => {
            if correct < 2 {
                fail(
                    "options",
                    format!("a `multiple` question needs at least two correct options, it has {correct}"),
                );
            }
            if correct >= q.options.len() {
                fail(
                    "options",
                    "a `multiple` question needs at least one wrong option".into(),
                );
            }
            match count_word(correct) {
                Some(word) if q.stem.contains(&format!("Choose {word}.")) => {}
                _ => fail(
                    "stem",
                    format!(
                        "a `multiple` question with {correct} correct options must say \
                         \"Choose {}.\"",
                        count_word(correct).unwrap_or("N")
                    ),
                ),
            }
        }
    }
    let mut texts = BTreeSet::new();
    for (i, o) in q.options.iter().enumerate() {
        if o.text.trim().is_empty() {
            fail(
                &format!("options[{i}].text"),
                "the option text is empty".into(),
            );
        }
        if o.why.trim().is_empty() {
            fail(
                &format!("options[{i}].why"),
                "every option explains why it is right or wrong".into(),
            );
        }
        if !texts.insert(o.text.trim()) {
            fail(
                &format!("options[{i}].text"),
                "two options have the same text".into(),
            );
        }
    }
    if !SOURCE_PREFIXES.iter().any(|p| q.source.starts_with(p)) {
        fail(
            "source",
            format!(
                "`{}` is not an AWS documentation URL ({})",
                q.source,
                SOURCE_PREFIXES.join(" or ")
            ),
        );
    }
    if !is_route(&q.link) {
        fail(
            "link",
            format!(
                "`{}` is not a sandbox route; use one of {}",
                q.link,
                super::ROUTES.join(", ")
            ),
        );
    }
    if !(1..=3).contains(&q.difficulty) {
        fail(
            "difficulty",
            format!("difficulty {} is not 1, 2 or 3", q.difficulty),
        );
    }
    if let Some(fv) = &q.fact_version {
        if fv.exam_era.trim().is_empty() || fv.current.trim().is_empty() {
            fail(
                "fact_version",
                "both `exam_era` and `current` are needed".into(),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r##"
[[question]]
id = "t-001"
topic = "video"
exams = ["DEA-C01", "MLS-C01"]
kind = "multiple"
stem = "Which two? Choose two."
source = "https://docs.aws.amazon.com/kinesisvideostreams/latest/dg/what-is-kinesis-video.html"
link = "#/quiz/tips"
difficulty = 2
options = [
  { text = "A", correct = true, why = "yes" },
  { text = "B", correct = true, why = "yes" },
  { text = "C", correct = false, why = "no" },
]
"##;

    #[test]
    fn a_good_file_validates() {
        let bank = Bank::parse(&[("video.toml", GOOD)]).unwrap();
        assert_eq!(bank.len(), 1);
        assert!(bank.validate().is_empty(), "{:?}", bank.validate());
        let q = bank.get("t-001").unwrap();
        assert_eq!(q.exams, vec![Exam::DeaC01, Exam::MlsC01]);
        assert!(!q.is_legacy_only());
        assert_eq!(bank.file_of("t-001"), Some("video.toml"));
    }

    #[test]
    fn problems_name_file_question_and_field() {
        let bad = GOOD
            .replace("Choose two.", "Pick some.")
            .replace("why = \"no\"", "why = \"\"")
            .replace("#/quiz/tips", "#/streams/orders");
        let bank = Bank::parse(&[("video.toml", &bad)]).unwrap();
        let problems: Vec<String> = bank.validate().iter().map(|p| p.to_string()).collect();
        assert!(problems.contains(
            &"static/quiz/video.toml, question t-001, field `stem`: a `multiple` question with 2 \
              correct options must say \"Choose two.\""
                .to_string()
        ));
        assert!(problems
            .iter()
            .any(|p| p.contains("field `options[2].why`")));
        assert!(problems.iter().any(|p| p.contains("field `link`")));
    }

    #[test]
    fn single_needs_one_correct_and_ids_are_unique() {
        let single = GOOD
            .replace("kind = \"multiple\"", "kind = \"single\"")
            .replace("Choose two.", "Which one?");
        let bank = Bank::parse(&[("video.toml", &single), ("video2.toml", &single)]).unwrap();
        let problems: Vec<String> = bank.validate().iter().map(|p| p.to_string()).collect();
        assert!(problems
            .iter()
            .any(|p| p.contains("exactly one correct option, it has 2")));
        assert!(problems
            .iter()
            .any(|p| p.contains("video2.toml, question t-001, field `id`")));
    }

    #[test]
    fn toml_errors_name_the_file() {
        let err = Bank::parse(&[("video.toml", "[[question]]\nid = 3\n")]).unwrap_err();
        assert_eq!(err.file, "video.toml");
        assert!(err.to_string().starts_with("static/quiz/video.toml: "));
        let err = Bank::parse(&[("video.toml", &GOOD.replace("DEA-C01", "DEA-C09"))]).unwrap_err();
        assert!(err.message.contains("DEA-C09"), "{err}");
    }

    #[test]
    fn exams_know_which_is_retired() {
        assert!(Exam::MlsC01.is_legacy());
        assert_eq!(Exam::MlsC01.retired_on(), Some("2026-03-31"));
        assert!(Exam::ALL.iter().filter(|e| e.is_legacy()).count() == 1);
    }
}
