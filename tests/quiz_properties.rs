//! Properties of the quiz logic over many inputs: the Leitner schedule's moves, scoring against
//! every subset of options, exam assembly and the saved progress.

#![cfg(not(target_arch = "wasm32"))]

use kinesis_sandbox::quiz::exam::assemble;
use kinesis_sandbox::quiz::{
    score, Bank, Exam, ExamSpec, Leitner, Outcome, Progress, BOXES, INTERVALS_MS, TOPICS,
};
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn bank() -> &'static Bank {
    static BANK: OnceLock<Bank> = OnceLock::new();
    BANK.get_or_init(|| Bank::embedded().unwrap())
}

proptest! {
    #[test]
    fn leitner_moves(answers in proptest::collection::vec((any::<bool>(), 0i64..10_000_000), 1..60)) {
        let mut l = Leitner::default();
        let mut now = 1_700_000_000_000i64;
        let mut expected_box = 0u8;
        for (correct, gap) in answers {
            now += gap;
            let card = l.record("q", correct, now);
            expected_box = if correct { (expected_box.max(1) + 1).min(BOXES) } else { 1 };
            prop_assert_eq!(card.box_number, expected_box);
            prop_assert!((1..=BOXES).contains(&card.box_number));
            prop_assert_eq!(card.last_answered_ms, now);
            prop_assert_eq!(card.due_ms, now + INTERVALS_MS[usize::from(card.box_number - 1)]);
            prop_assert!(l.due(now).is_empty(), "never due the moment it is answered");
            prop_assert_eq!(l.due(card.due_ms), vec!["q"]);
        }
    }

    #[test]
    fn only_the_exact_correct_set_scores(index in 0usize..1000, mask in 0u32..64) {
        let questions = bank().questions();
        let q = &questions[index % questions.len()];
        let chosen: BTreeSet<usize> =
            (0..q.options.len()).filter(|i| mask & (1 << i) != 0).collect();
        let outcome = score(q, &chosen);
        if chosen.is_empty() {
            prop_assert_eq!(outcome, Outcome::Unanswered);
        } else if chosen == q.correct_indices() {
            prop_assert_eq!(outcome, Outcome::Correct);
        } else {
            prop_assert_eq!(outcome, Outcome::Incorrect);
        }
    }

    #[test]
    fn exams_draw_distinct_admitted_questions(
        seed in any::<u64>(),
        count in 1usize..200,
        topic_mask in 0u32..4096,
        exam_mask in 0u32..32,
    ) {
        let topics: Vec<String> = TOPICS
            .iter()
            .enumerate()
            .filter(|(i, _)| topic_mask & (1 << i) != 0)
            .map(|(_, t)| t.id.to_string())
            .collect();
        let exams: Vec<Exam> = Exam::ALL
            .iter()
            .enumerate()
            .filter(|(i, _)| exam_mask & (1 << i) != 0)
            .map(|(_, e)| *e)
            .collect();
        let spec = ExamSpec { count, topics, exams, seed, ..Default::default() };
        let admitted = bank().questions().iter().filter(|q| spec.admits(q)).count();
        let drawn = assemble(bank(), &spec);
        prop_assert_eq!(drawn.len(), count.min(admitted));
        let ids: BTreeSet<&str> = drawn.iter().map(|a| a.id.as_str()).collect();
        prop_assert_eq!(ids.len(), drawn.len());
        for a in &drawn {
            prop_assert!(spec.admits(bank().get(&a.id).unwrap()));
        }
        prop_assert_eq!(assemble(bank(), &spec), drawn);
    }

    #[test]
    fn progress_survives_a_save(records in proptest::collection::vec((0usize..200, 0u8..3, 0i64..1_000_000), 0..80)) {
        let mut p = Progress::default();
        for (i, o, t) in records {
            let outcome = [Outcome::Correct, Outcome::Incorrect, Outcome::Unanswered][usize::from(o)];
            p.record(&format!("q-{i}"), outcome, t);
        }
        let back = Progress::from_json(&p.to_json()).unwrap();
        prop_assert_eq!(back, p);
    }
}
