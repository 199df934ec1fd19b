//! The embedded question bank is sound: it parses, every question passes validation (unique ids,
//! one correct option for `single`, at least two for `multiple` with the count in the stem, a
//! `why` for every option, links that are real routes) and every topic is covered.

use kinesis_sandbox::quiz::bank::count_word;
use kinesis_sandbox::quiz::{Bank, Exam, Kind, ROUTES, TOPICS};
use std::collections::BTreeSet;

fn bank() -> Bank {
    Bank::embedded().unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn bank_parses_and_validates() {
    let bank = bank();
    let problems: Vec<String> = bank.validate().iter().map(|p| p.to_string()).collect();
    assert!(
        problems.is_empty(),
        "bank problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn at_least_150_questions_and_10_per_topic() {
    let bank = bank();
    let problems = bank.coverage_problems(10, 150);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let counts = bank.count_by_topic();
    for t in TOPICS {
        assert!(counts[t.id] >= 10, "{}", t.id);
    }
    assert_eq!(
        counts.len(),
        TOPICS.len(),
        "no question names an unknown topic"
    );
}

#[test]
fn ids_are_unique() {
    let bank = bank();
    let mut seen = BTreeSet::new();
    for q in bank.questions() {
        assert!(seen.insert(q.id.as_str()), "duplicate id {}", q.id);
    }
}

#[test]
fn correct_counts_match_the_kind_and_the_stem() {
    for q in bank().questions() {
        let n = q.correct_count();
        match q.kind {
            Kind::Single => assert_eq!(n, 1, "{}", q.id),
            Kind::Multiple => {
                assert!(n >= 2, "{}", q.id);
                let phrase = format!("Choose {}.", count_word(n).unwrap());
                assert!(q.stem.contains(&phrase), "{}: stem lacks {phrase:?}", q.id);
            }
        }
    }
}

#[test]
fn every_option_explains_itself_and_every_link_is_a_route() {
    for q in bank().questions() {
        for (i, o) in q.options.iter().enumerate() {
            assert!(!o.why.trim().is_empty(), "{} option {i} has no why", q.id);
        }
        assert!(ROUTES.contains(&q.link.as_str()), "{}: {}", q.id, q.link);
        assert!(q.source.starts_with("https://"), "{}", q.id);
        assert!((1..=3).contains(&q.difficulty), "{}", q.id);
    }
}

#[test]
fn every_exam_is_served_and_mls_is_legacy() {
    let bank = bank();
    for exam in Exam::ALL {
        let n = bank
            .questions()
            .iter()
            .filter(|q| q.exams.contains(&exam))
            .count();
        assert!(n >= 10, "{exam} has {n} questions");
    }
    assert!(Exam::MlsC01.is_legacy());
    let current = bank
        .questions()
        .iter()
        .filter(|q| !q.is_legacy_only())
        .count();
    assert!(current >= 140, "{current} questions serve a current exam");
}

#[test]
fn changed_facts_carry_both_values() {
    let bank = bank();
    let versioned: Vec<_> = bank
        .questions()
        .iter()
        .filter_map(|q| q.fact_version.as_ref())
        .collect();
    assert!(versioned.len() >= 10, "{}", versioned.len());
    assert!(
        versioned
            .iter()
            .any(|f| f.exam_era.contains("168") && f.current.contains("8760")),
        "the retention change is carried"
    );
    assert!(
        versioned
            .iter()
            .any(|f| f.exam_era.contains("60 s") && f.current.contains("0 s")),
        "the buffer interval change is carried"
    );
}

/// Over single-answer questions: how often the correct option is strictly the longest, and the
/// median of (correct length ÷ mean distractor length). A right answer that is the longest by a
/// wide margin can be picked without knowing anything, so both figures are capped.
#[test]
fn the_correct_option_does_not_give_itself_away_by_length() {
    let bank = bank();
    let mut ratios: Vec<(f64, &str)> = Vec::new();
    let mut longest = 0usize;
    for q in bank.questions().iter().filter(|q| q.kind == Kind::Single) {
        let len = |t: &str| t.chars().count() as f64;
        let right: Vec<f64> = q
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| len(&o.text))
            .collect();
        let wrong: Vec<f64> = q
            .options
            .iter()
            .filter(|o| !o.correct)
            .map(|o| len(&o.text))
            .collect();
        let (Some(&right), false) = (right.first(), wrong.is_empty()) else {
            continue;
        };
        if wrong.iter().all(|&w| right > w) {
            longest += 1;
        }
        let mean = wrong.iter().sum::<f64>() / wrong.len() as f64;
        ratios.push((right / mean, q.id.as_str()));
    }
    assert!(!ratios.is_empty());
    let n = ratios.len();
    ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = if n % 2 == 1 {
        ratios[n / 2].0
    } else {
        (ratios[n / 2 - 1].0 + ratios[n / 2].0) / 2.0
    };
    let share = longest as f64 / n as f64;
    eprintln!(
        "single-answer questions: {n}; correct strictly longest: {longest} ({:.0} %); median ratio {median:.2}",
        share * 100.0
    );
    eprintln!("worst offenders (correct ÷ mean distractor length):");
    for (r, id) in ratios.iter().rev().take(15) {
        eprintln!("  {r:.2}  {id}");
    }
    assert!(
        share <= 0.35,
        "the correct option is strictly the longest in {:.0} % of single-answer questions (cap 35 %)",
        share * 100.0
    );
    assert!(
        median <= 1.25,
        "median correct ÷ mean distractor length is {median:.2} (cap 1.25)"
    );
}

#[derive(serde::Deserialize)]
struct CoverageMap {
    fact: Vec<CoveredFact>,
}

#[derive(serde::Deserialize)]
struct CoveredFact {
    id: String,
    fact: String,
    questions: Vec<String>,
}

/// `static/quiz/coverage.toml` maps each fact of the course notes to the questions that test it:
/// every fact has at least two distinct questions, and every id named is a question of the bank.
#[test]
fn every_fact_of_the_notes_has_at_least_two_questions() {
    let map: CoverageMap = toml::from_str(include_str!("../static/quiz/coverage.toml"))
        .unwrap_or_else(|e| panic!("coverage.toml: {e}"));
    let bank = bank();
    let ids: BTreeSet<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    let mut facts = BTreeSet::new();
    let mut problems = Vec::new();
    for f in &map.fact {
        if !facts.insert(f.id.as_str()) {
            problems.push(format!("{}: duplicate fact id", f.id));
        }
        if f.fact.trim().is_empty() {
            problems.push(format!("{}: no fact text", f.id));
        }
        let distinct: BTreeSet<&str> = f.questions.iter().map(String::as_str).collect();
        if distinct.len() < 2 {
            problems.push(format!("{}: {} question(s), want 2", f.id, distinct.len()));
        }
        for q in &distinct {
            if !ids.contains(q) {
                problems.push(format!("{}: no question {q}", f.id));
            }
        }
    }
    assert!(map.fact.len() >= 30, "{} facts", map.fact.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
