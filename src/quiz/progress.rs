//! The learner's quiz progress as versioned JSON for localStorage, export and import.

use super::leitner::Leitner;
use super::scoring::{Outcome, Report};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Names a progress file as ours.
pub const FORMAT: &str = "kinesis-sandbox-quiz";
/// The layout version; bump when old progress can't be read as is.
pub const VERSION: u32 = 1;
/// How many finished exams are kept.
pub const MAX_EXAMS: usize = 50;

/// What the learner did with one question.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionStats {
    pub attempts: u32,
    pub correct: u32,
    pub last_ms: i64,
}

/// A finished exam, kept for the history list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamRecord {
    pub finished_ms: i64,
    pub report: Report,
}

/// Everything saved about the learner's study.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub format: String,
    pub version: u32,
    pub review: Leitner,
    pub stats: BTreeMap<String, QuestionStats>,
    pub exams: Vec<ExamRecord>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            format: FORMAT.into(),
            version: VERSION,
            review: Leitner::default(),
            stats: BTreeMap::new(),
            exams: Vec::new(),
        }
    }
}

/// Why saved progress could not be read; `Display` is the sentence the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    NotJson(String),
    NotProgress,
    UnknownVersion(u64),
    Corrupt(String),
}

impl fmt::Display for ProgressError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProgressError::NotJson(e) => {
                write!(f, "The saved quiz progress is not valid JSON ({e}).")
            }
            ProgressError::NotProgress => {
                f.write_str("The file is not Kinesis Sandbox quiz progress.")
            }
            ProgressError::UnknownVersion(v) => write!(
                f,
                "The quiz progress has format version {v}, and this page reads version {VERSION}."
            ),
            ProgressError::Corrupt(e) => write!(f, "The saved quiz progress is damaged ({e})."),
        }
    }
}

impl std::error::Error for ProgressError {}

impl Progress {
    /// Records one answer: statistics and the review schedule.
    pub fn record(&mut self, id: &str, outcome: Outcome, now_ms: i64) {
        let stats = self.stats.entry(id.to_string()).or_default();
        stats.attempts += 1;
        if outcome.is_correct() {
            stats.correct += 1;
        }
        stats.last_ms = now_ms;
        self.review.record(id, outcome.is_correct(), now_ms);
    }

    /// Records a finished exam: each answer, and the report (the oldest beyond
    /// [`MAX_EXAMS`] are dropped).
    pub fn record_exam(&mut self, report: &Report, asked: &[(String, Outcome)], now_ms: i64) {
        for (id, outcome) in asked {
            self.record(id, *outcome, now_ms);
        }
        self.exams.push(ExamRecord {
            finished_ms: now_ms,
            report: report.clone(),
        });
        if self.exams.len() > MAX_EXAMS {
            let extra = self.exams.len() - MAX_EXAMS;
            self.exams.drain(..extra);
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("progress always serialises")
    }

    pub fn from_json(text: &str) -> Result<Self, ProgressError> {
        let value: Value =
            serde_json::from_str(text).map_err(|e| ProgressError::NotJson(e.to_string()))?;
        if value.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(ProgressError::NotProgress);
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) => return Err(ProgressError::UnknownVersion(v)),
            None => return Err(ProgressError::NotProgress),
        }
        serde_json::from_value(value).map_err(|e| ProgressError::Corrupt(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut p = Progress::default();
        p.record("kds-1", Outcome::Incorrect, 5);
        p.record("kds-1", Outcome::Correct, 6);
        p.record("kdf-1", Outcome::Unanswered, 7);
        let back = Progress::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        assert_eq!(
            back.stats["kds-1"],
            QuestionStats {
                attempts: 2,
                correct: 1,
                last_ms: 6
            }
        );
        assert_eq!(back.review.card("kds-1").unwrap().box_number, 2);
        assert_eq!(back.review.missed(), vec!["kdf-1"]);
    }

    #[test]
    fn exam_history_is_bounded() {
        let mut p = Progress::default();
        for i in 0..(MAX_EXAMS as i64 + 5) {
            p.record_exam(&Report::default(), &[("q".into(), Outcome::Correct)], i);
        }
        assert_eq!(p.exams.len(), MAX_EXAMS);
        assert_eq!(p.exams[0].finished_ms, 5);
        assert_eq!(p.stats["q"].attempts, MAX_EXAMS as u32 + 5);
    }

    #[test]
    fn rejects_what_is_not_ours() {
        assert!(matches!(
            Progress::from_json("{"),
            Err(ProgressError::NotJson(_))
        ));
        assert_eq!(
            Progress::from_json("{}").unwrap_err(),
            ProgressError::NotProgress
        );
        assert_eq!(
            Progress::from_json(r#"{"format":"kinesis-sandbox-quiz","version":9}"#).unwrap_err(),
            ProgressError::UnknownVersion(9)
        );
        assert!(matches!(
            Progress::from_json(r#"{"format":"kinesis-sandbox-quiz","version":1,"stats":3}"#),
            Err(ProgressError::Corrupt(_))
        ));
        assert_eq!(
            ProgressError::UnknownVersion(9).to_string(),
            "The quiz progress has format version 9, and this page reads version 1."
        );
    }
}
