//! What the learner studies: topics and exams (none chosen means all), and an exam's length.

use super::{Exam, Question};
use serde::{Deserialize, Serialize};

/// What the learner studies: topics and exams (empty means all), and the exam's length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Selection {
    pub topics: Vec<String>,
    pub exams: Vec<Exam>,
    pub count: usize,
    pub minutes: u32,
}

impl Default for Selection {
    fn default() -> Self {
        Self {
            topics: Vec::new(),
            exams: Vec::new(),
            count: 30,
            minutes: 45,
        }
    }
}

impl Selection {
    /// A saved selection; the default one if `text` can't be read.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Whether `q` is in the selection.
    pub fn admits(&self, q: &Question) -> bool {
        (self.topics.is_empty() || self.topics.contains(&q.topic))
            && (self.exams.is_empty() || q.exams.iter().any(|e| self.exams.contains(e)))
    }

    /// "All topics · DEA-C01, SAA-C03" for a summary line.
    pub fn describe(&self) -> String {
        let topics = match self.topics.len() {
            0 => "all topics".to_string(),
            1 => "1 topic".to_string(),
            n => format!("{n} topics"),
        };
        let exams = if self.exams.is_empty() {
            "every exam".to_string()
        } else {
            self.exams
                .iter()
                .map(|e| e.code())
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!("{topics}, questions for {exams}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_selection_is_the_default() {
        assert_eq!(Selection::from_json("not json"), Selection::default());
        assert_eq!(Selection::from_json("{}"), Selection::default());
    }

    #[test]
    fn a_selection_round_trips() {
        let s = Selection {
            topics: vec!["streams".into()],
            exams: vec![Exam::DeaC01],
            count: 10,
            minutes: 20,
        };
        assert_eq!(Selection::from_json(&s.to_json()), s);
        assert_eq!(s.describe(), "1 topic, questions for DEA-C01");
    }
}
