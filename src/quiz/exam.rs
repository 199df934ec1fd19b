//! Exam assembly and the exam session: N questions drawn from chosen topics and exams with a
//! seed, options shuffled, answers changeable until submitted, a time limit on a clock the
//! caller passes in (epoch milliseconds).

use super::bank::{Bank, Exam, Question};
use super::scoring::{score, Outcome, Report};
use crate::engine::SandboxRng;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What to draw an exam from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamSpec {
    /// How many questions (fewer if the selection has fewer).
    pub count: usize,
    /// Topic ids to draw from; empty means every topic.
    pub topics: Vec<String>,
    /// Exams the questions must serve (any of them); empty means any exam.
    pub exams: Vec<Exam>,
    /// Time allowed in milliseconds; `None` for untimed practice.
    pub time_limit_ms: Option<i64>,
    pub seed: u64,
}

impl Default for ExamSpec {
    /// 30 questions in 45 minutes from the whole bank.
    fn default() -> Self {
        Self {
            count: 30,
            topics: Vec::new(),
            exams: Vec::new(),
            time_limit_ms: Some(45 * 60 * 1000),
            seed: 0,
        }
    }
}

impl ExamSpec {
    /// Whether `q` is in this exam's selection.
    pub fn admits(&self, q: &Question) -> bool {
        (self.topics.is_empty() || self.topics.contains(&q.topic))
            && (self.exams.is_empty() || q.exams.iter().any(|e| self.exams.contains(e)))
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut SandboxRng) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// The order to show `option_count` options in, fixed by `seed`. The bank lists options in any
/// order (often the correct one first), so every page shows them through this or [`assemble`].
pub fn option_order(option_count: usize, seed: u64) -> Vec<usize> {
    let mut rng = SandboxRng::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..option_count).collect();
    shuffle(&mut order, &mut rng);
    order
}

/// One question as asked: its id and the order its options are shown in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Asked {
    pub id: String,
    /// `order[k]` is the bank index of the option shown in position `k`.
    pub order: Vec<usize>,
    /// Chosen options, as bank indices.
    pub chosen: BTreeSet<usize>,
    pub marked_for_review: bool,
}

/// Draws `spec.count` questions, spread over the selected topics in turn so that a short exam
/// still touches every topic, in an order and with option orders fixed by `spec.seed`.
pub fn assemble(bank: &Bank, spec: &ExamSpec) -> Vec<Asked> {
    let mut rng = SandboxRng::seed_from_u64(spec.seed);
    let mut by_topic: BTreeMap<&str, Vec<&Question>> = BTreeMap::new();
    for q in bank.questions().iter().filter(|q| spec.admits(q)) {
        by_topic.entry(q.topic.as_str()).or_default().push(q);
    }
    let mut pools: Vec<Vec<&Question>> = by_topic.into_values().collect();
    for pool in &mut pools {
        shuffle(pool, &mut rng);
    }
    shuffle(&mut pools, &mut rng);
    let mut picked: Vec<&Question> = Vec::new();
    let mut round = 0;
    while picked.len() < spec.count {
        let before = picked.len();
        for pool in &pools {
            if picked.len() == spec.count {
                break;
            }
            if let Some(q) = pool.get(round) {
                picked.push(q);
            }
        }
        if picked.len() == before {
            break;
        }
        round += 1;
    }
    shuffle(&mut picked, &mut rng);
    picked
        .into_iter()
        .map(|q| {
            let mut order: Vec<usize> = (0..q.options.len()).collect();
            shuffle(&mut order, &mut rng);
            Asked {
                id: q.id.clone(),
                order,
                chosen: BTreeSet::new(),
                marked_for_review: false,
            }
        })
        .collect()
}

/// A timed exam in progress: navigate, answer, change answers, mark for review, submit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExamSession {
    pub spec: ExamSpec,
    pub started_ms: i64,
    pub questions: Vec<Asked>,
    pub current: usize,
    pub submitted_ms: Option<i64>,
}

impl ExamSession {
    pub fn start(bank: &Bank, spec: ExamSpec, now_ms: i64) -> Self {
        let questions = assemble(bank, &spec);
        Self {
            spec,
            started_ms: now_ms,
            questions,
            current: 0,
            submitted_ms: None,
        }
    }

    /// Milliseconds left at `now_ms`, `None` when untimed.
    pub fn remaining_ms(&self, now_ms: i64) -> Option<i64> {
        self.spec
            .time_limit_ms
            .map(|limit| (self.started_ms + limit - now_ms).max(0))
    }

    /// Whether answers are closed: submitted, or out of time.
    pub fn is_over(&self, now_ms: i64) -> bool {
        self.submitted_ms.is_some() || self.remaining_ms(now_ms) == Some(0)
    }

    /// Sets the answer to question `index` (bank option indices). Ignored once over.
    pub fn answer(&mut self, index: usize, chosen: BTreeSet<usize>, now_ms: i64) -> bool {
        if self.is_over(now_ms) {
            return false;
        }
        match self.questions.get_mut(index) {
            Some(asked) => {
                asked.chosen = chosen;
                true
            }
            None => false,
        }
    }

    pub fn toggle_review(&mut self, index: usize) {
        if let Some(asked) = self.questions.get_mut(index) {
            asked.marked_for_review = !asked.marked_for_review;
        }
    }

    pub fn go_to(&mut self, index: usize) {
        if index < self.questions.len() {
            self.current = index;
        }
    }

    /// Indices marked for review.
    pub fn marked(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|&i| self.questions[i].marked_for_review)
            .collect()
    }

    /// Indices not answered yet.
    pub fn unanswered(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|&i| self.questions[i].chosen.is_empty())
            .collect()
    }

    /// Closes the exam (at `now_ms`, or at the time limit if that came first) and scores it.
    pub fn submit(&mut self, bank: &Bank, now_ms: i64) -> Report {
        if self.submitted_ms.is_none() {
            let end = match self.spec.time_limit_ms {
                Some(limit) => now_ms.min(self.started_ms + limit),
                None => now_ms,
            };
            self.submitted_ms = Some(end);
        }
        self.report(bank)
    }

    /// Each asked question's id and outcome, in the order asked, for
    /// [`crate::quiz::Progress::record_exam`].
    pub fn outcomes(&self, bank: &Bank) -> Vec<(String, Outcome)> {
        self.questions
            .iter()
            .filter_map(|a| bank.get(&a.id).map(|q| (a.id.clone(), score(q, &a.chosen))))
            .collect()
    }

    /// The score of the answers as they stand.
    pub fn report(&self, bank: &Bank) -> Report {
        Report::of(
            self.questions
                .iter()
                .filter_map(|a| bank.get(&a.id).map(|q| (q, &a.chosen))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> Bank {
        Bank::embedded().expect("the embedded bank parses")
    }

    #[test]
    fn same_seed_same_exam_and_all_topics_touched() {
        let bank = bank();
        let spec = ExamSpec {
            count: 12,
            seed: 7,
            ..Default::default()
        };
        let a = assemble(&bank, &spec);
        let b = assemble(&bank, &spec);
        assert_eq!(a, b);
        assert_eq!(a.len(), 12);
        let topics: BTreeSet<&str> = a
            .iter()
            .map(|x| bank.get(&x.id).unwrap().topic.as_str())
            .collect();
        assert_eq!(topics.len(), crate::quiz::TOPICS.len());
        let other = assemble(&bank, &ExamSpec { seed: 8, ..spec });
        assert_ne!(a, other);
        let ids: BTreeSet<&str> = a.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids.len(), a.len(), "no question twice");
    }

    #[test]
    fn option_order_is_a_seeded_permutation() {
        let a = option_order(5, 11);
        assert_eq!(a, option_order(5, 11));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        let firsts: BTreeSet<usize> = (0..50).map(|s| option_order(4, s)[0]).collect();
        assert_eq!(firsts.len(), 4, "every option can come first");
    }

    #[test]
    fn filters_by_topic_and_exam() {
        let bank = bank();
        let spec = ExamSpec {
            count: 500,
            topics: vec!["video".into()],
            exams: vec![Exam::SapC02],
            ..Default::default()
        };
        let drawn = assemble(&bank, &spec);
        assert!(!drawn.is_empty());
        for a in &drawn {
            let q = bank.get(&a.id).unwrap();
            assert_eq!(q.topic, "video");
            assert!(q.exams.contains(&Exam::SapC02));
            let mut order = a.order.clone();
            order.sort_unstable();
            assert_eq!(order, (0..q.options.len()).collect::<Vec<_>>());
        }
    }

    #[test]
    fn session_times_out_and_unanswered_counts_wrong() {
        let bank = bank();
        let spec = ExamSpec {
            count: 5,
            time_limit_ms: Some(60_000),
            seed: 3,
            ..Default::default()
        };
        let mut s = ExamSession::start(&bank, spec, 1_000);
        assert_eq!(s.remaining_ms(31_000), Some(30_000));
        let first = bank.get(&s.questions[0].id).unwrap().correct_indices();
        assert!(s.answer(0, first, 2_000));
        s.toggle_review(1);
        assert_eq!(s.marked(), vec![1]);
        assert_eq!(s.unanswered(), vec![1, 2, 3, 4]);
        assert!(s.is_over(61_000));
        assert!(!s.answer(1, BTreeSet::from([0]), 61_000));
        let report = s.submit(&bank, 90_000);
        assert_eq!(s.submitted_ms, Some(61_000));
        assert_eq!(report.overall.correct, 1);
        assert_eq!(report.overall.total, 5);
        assert_eq!(report.unanswered, 4);
        let outcomes = s.outcomes(&bank);
        assert_eq!(outcomes.len(), 5);
        assert_eq!(outcomes[0].1, Outcome::Correct);
        assert_eq!(outcomes[1].1, Outcome::Unanswered);
        let mut progress = crate::quiz::Progress::default();
        progress.record_exam(&report, &outcomes, 90_000);
        assert_eq!(progress.review.missed().len(), 4);
    }
}
