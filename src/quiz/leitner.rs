//! Spaced review with five Leitner boxes. A question answered wrong goes to box 1; answered
//! right it moves up one box (box 5 stays box 5). Each box has an interval: a question comes
//! back when that interval has passed since it was last answered. Times are epoch milliseconds
//! passed in by the caller; nothing here reads a clock.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Number of boxes.
pub const BOXES: u8 = 5;

const MINUTE: i64 = 60 * 1000;
const DAY: i64 = 24 * 60 * MINUTE;

/// How long a question rests in each box before it is due again: box 1 comes back after ten
/// minutes (still the same study session), then 1, 3, 7 and 14 days.
pub const INTERVALS_MS: [i64; BOXES as usize] = [10 * MINUTE, DAY, 3 * DAY, 7 * DAY, 14 * DAY];

/// One question's place in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// 1 to [`BOXES`].
    #[serde(rename = "box")]
    pub box_number: u8,
    pub last_answered_ms: i64,
    pub due_ms: i64,
}

/// The schedule of every question answered so far, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leitner {
    cards: BTreeMap<String, Card>,
}

impl Leitner {
    /// Records an answer at `now_ms` and returns the question's new card. A question seen for
    /// the first time starts in box 2 when right and box 1 when wrong.
    pub fn record(&mut self, id: &str, correct: bool, now_ms: i64) -> Card {
        let from = self.cards.get(id).map_or(1, |c| c.box_number);
        let box_number = if correct { (from + 1).min(BOXES) } else { 1 };
        let card = Card {
            box_number,
            last_answered_ms: now_ms,
            due_ms: now_ms + INTERVALS_MS[usize::from(box_number - 1)],
        };
        self.cards.insert(id.to_string(), card);
        card
    }

    pub fn card(&self, id: &str) -> Option<Card> {
        self.cards.get(id).copied()
    }

    /// Ids due at `now_ms`, lowest box first, then the longest overdue.
    pub fn due(&self, now_ms: i64) -> Vec<&str> {
        let mut due: Vec<(&String, &Card)> = self
            .cards
            .iter()
            .filter(|(_, c)| c.due_ms <= now_ms)
            .collect();
        due.sort_by_key(|(id, c)| (c.box_number, c.due_ms, id.as_str()));
        due.into_iter().map(|(id, _)| id.as_str()).collect()
    }

    /// Ids in box 1 whatever their due time: "retry missed".
    pub fn missed(&self) -> Vec<&str> {
        self.cards
            .iter()
            .filter(|(_, c)| c.box_number == 1)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// How many questions sit in each box (index 0 is box 1).
    pub fn box_counts(&self) -> [usize; BOXES as usize] {
        let mut counts = [0; BOXES as usize];
        for c in self.cards.values() {
            counts[usize::from(c.box_number - 1)] += 1;
        }
        counts
    }

    /// The next time a question falls due, if any is scheduled.
    pub fn next_due_ms(&self) -> Option<i64> {
        self.cards.values().map(|c| c.due_ms).min()
    }

    pub fn len(&self) -> usize {
        self.cards.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cards.is_empty()
    }

    /// Drops cards whose question is no longer in the bank.
    pub fn retain(&mut self, mut keep: impl FnMut(&str) -> bool) {
        self.cards.retain(|id, _| keep(id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_moves_up_wrong_goes_back_to_box_one() {
        let mut l = Leitner::default();
        let t0 = 1_000_000;
        assert_eq!(l.record("q", false, t0).box_number, 1);
        assert_eq!(l.card("q").unwrap().due_ms, t0 + 10 * MINUTE);
        assert_eq!(l.record("q", true, t0).box_number, 2);
        assert_eq!(l.record("q", true, t0).box_number, 3);
        assert_eq!(l.record("q", true, t0).box_number, 4);
        assert_eq!(l.record("q", true, t0).box_number, 5);
        let top = l.record("q", true, t0);
        assert_eq!(top.box_number, 5, "box 5 is the last");
        assert_eq!(top.due_ms, t0 + 14 * DAY);
        assert_eq!(l.record("q", false, t0 + 1).box_number, 1);
    }

    #[test]
    fn first_right_answer_starts_in_box_two() {
        let mut l = Leitner::default();
        let c = l.record("new", true, 0);
        assert_eq!(c.box_number, 2);
        assert_eq!(c.due_ms, DAY);
    }

    #[test]
    fn due_comes_back_on_the_passed_in_clock() {
        let mut l = Leitner::default();
        l.record("missed", false, 0);
        l.record("known", true, 0);
        assert!(l.due(0).is_empty());
        assert_eq!(l.due(10 * MINUTE), vec!["missed"]);
        assert_eq!(l.due(DAY), vec!["missed", "known"]);
        assert_eq!(l.missed(), vec!["missed"]);
        assert_eq!(l.box_counts(), [1, 1, 0, 0, 0]);
        assert_eq!(l.next_due_ms(), Some(10 * MINUTE));
        l.retain(|id| id != "known");
        assert_eq!(l.len(), 1);
    }
}
