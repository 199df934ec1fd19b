//! Scoring as AWS exams score: a question is right only when the chosen options are exactly the
//! correct ones. A multiple-response answer with some right and some missing is wrong, and an
//! unanswered question counts as wrong.

use super::bank::Question;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How one answer went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Correct,
    Incorrect,
    /// Nothing chosen: counts as wrong.
    Unanswered,
}

impl Outcome {
    pub fn is_correct(self) -> bool {
        self == Outcome::Correct
    }
}

/// Scores `chosen` (option indices) against `question`.
pub fn score(question: &Question, chosen: &BTreeSet<usize>) -> Outcome {
    if chosen.is_empty() {
        return Outcome::Unanswered;
    }
    if *chosen == question.correct_indices() {
        Outcome::Correct
    } else {
        Outcome::Incorrect
    }
}

/// What the practice page shows for one option after the learner answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionFeedback {
    pub index: usize,
    pub chosen: bool,
    pub correct: bool,
    pub why: String,
}

/// The outcome and every option's explanation, for instant feedback in practice mode.
pub fn feedback(question: &Question, chosen: &BTreeSet<usize>) -> (Outcome, Vec<OptionFeedback>) {
    let options = question
        .options
        .iter()
        .enumerate()
        .map(|(index, o)| OptionFeedback {
            index,
            chosen: chosen.contains(&index),
            correct: o.correct,
            why: o.why.clone(),
        })
        .collect();
    (score(question, chosen), options)
}

/// Right answers out of questions asked, for one topic.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicScore {
    pub correct: usize,
    pub total: usize,
}

impl TopicScore {
    /// Whole percent, rounded down; 0 for an empty topic.
    pub fn percent(self) -> u32 {
        (self.correct * 100).checked_div(self.total).unwrap_or(0) as u32
    }
}

/// The result of a set of answers: overall, by topic, and which questions to review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub overall: TopicScore,
    pub by_topic: BTreeMap<String, TopicScore>,
    pub unanswered: usize,
    /// Ids of the questions answered wrong or not at all, in the order asked.
    pub missed: Vec<String>,
}

impl Report {
    /// Scores each `(question, chosen options)` pair.
    pub fn of<'a>(answers: impl IntoIterator<Item = (&'a Question, &'a BTreeSet<usize>)>) -> Self {
        let mut report = Report::default();
        for (q, chosen) in answers {
            let outcome = score(q, chosen);
            let topic = report.by_topic.entry(q.topic.clone()).or_default();
            topic.total += 1;
            report.overall.total += 1;
            if outcome.is_correct() {
                topic.correct += 1;
                report.overall.correct += 1;
            } else {
                report.missed.push(q.id.clone());
            }
            if outcome == Outcome::Unanswered {
                report.unanswered += 1;
            }
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::bank::{Choice, Exam, Kind};

    fn question(id: &str, topic: &str, kind: Kind, correct: &[bool]) -> Question {
        Question {
            id: id.into(),
            topic: topic.into(),
            exams: vec![Exam::DeaC01],
            kind,
            stem: "?".into(),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, &c)| Choice {
                    text: format!("option {i}"),
                    correct: c,
                    why: "because".into(),
                })
                .collect(),
            source: "https://docs.aws.amazon.com/".into(),
            link: "#/streams".into(),
            difficulty: 1,
            fact_version: None,
        }
    }

    fn set(xs: &[usize]) -> BTreeSet<usize> {
        xs.iter().copied().collect()
    }

    #[test]
    fn single_answer() {
        let q = question("q", "t", Kind::Single, &[false, true, false, false]);
        assert_eq!(score(&q, &set(&[1])), Outcome::Correct);
        assert_eq!(score(&q, &set(&[0])), Outcome::Incorrect);
        assert_eq!(score(&q, &set(&[0, 1])), Outcome::Incorrect);
        assert_eq!(score(&q, &set(&[])), Outcome::Unanswered);
    }

    #[test]
    fn multiple_answer_partial_is_wrong() {
        let q = question("q", "t", Kind::Multiple, &[true, false, true, false, false]);
        assert_eq!(score(&q, &set(&[0, 2])), Outcome::Correct);
        assert_eq!(score(&q, &set(&[2, 0])), Outcome::Correct);
        assert_eq!(score(&q, &set(&[0])), Outcome::Incorrect, "partial");
        assert_eq!(
            score(&q, &set(&[0, 2, 3])),
            Outcome::Incorrect,
            "one too many"
        );
        assert_eq!(score(&q, &set(&[1, 3])), Outcome::Incorrect);
    }

    #[test]
    fn feedback_explains_every_option() {
        let q = question("q", "t", Kind::Multiple, &[true, false, true]);
        let (outcome, options) = feedback(&q, &set(&[0]));
        assert_eq!(outcome, Outcome::Incorrect);
        assert_eq!(options.len(), 3);
        assert!(options[0].chosen && options[0].correct);
        assert!(!options[2].chosen && options[2].correct);
        assert!(options.iter().all(|o| o.why == "because"));
    }

    #[test]
    fn report_by_topic() {
        let a = question("a", "video", Kind::Single, &[true, false, false]);
        let b = question("b", "video", Kind::Single, &[true, false, false]);
        let c = question("c", "analytics", Kind::Multiple, &[true, true, false]);
        let right = set(&[0]);
        let none = set(&[]);
        let partial = set(&[1]);
        let report = Report::of([(&a, &right), (&b, &none), (&c, &partial)]);
        assert_eq!(
            report.overall,
            TopicScore {
                correct: 1,
                total: 3
            }
        );
        assert_eq!(
            report.by_topic["video"],
            TopicScore {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(report.by_topic["video"].percent(), 50);
        assert_eq!(report.by_topic["analytics"].percent(), 0);
        assert_eq!(report.unanswered, 1);
        assert_eq!(report.missed, vec!["b".to_string(), "c".to_string()]);
    }
}
