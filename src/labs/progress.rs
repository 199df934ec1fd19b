//! A learner's progress through the labs, saved beside the sandbox.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Where a learner is in one lab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabState {
    /// The step shown, from 0.
    pub step: usize,
    /// Steps whose goal was met (from 0). A step stays done once done.
    pub done: BTreeSet<usize>,
    /// Steps whose question was answered right.
    pub answered: BTreeSet<usize>,
    /// How many hints of each step were opened.
    pub hints: BTreeMap<usize, usize>,
    /// Every step done.
    pub finished: bool,
}

/// Progress in every lab, and the lab being done now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LabProgress {
    pub current: Option<String>,
    pub labs: BTreeMap<String, LabState>,
}

impl LabProgress {
    pub fn state(&self, lab: &str) -> LabState {
        self.labs.get(lab).cloned().unwrap_or_default()
    }

    pub fn state_mut(&mut self, lab: &str) -> &mut LabState {
        self.labs.entry(lab.to_string()).or_default()
    }

    /// Marks `step` of a lab of `steps` steps done; true when that finishes the lab.
    pub fn complete(&mut self, lab: &str, step: usize, steps: usize) -> bool {
        let s = self.state_mut(lab);
        s.done.insert(step);
        let was = s.finished;
        s.finished = (0..steps).all(|i| s.done.contains(&i));
        s.finished && !was
    }

    /// Forgets one lab's progress.
    pub fn reset(&mut self, lab: &str) {
        self.labs.remove(lab);
    }

    /// Reads saved progress; anything unreadable is a fresh start.
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finishing_is_reported_once_and_progress_round_trips() {
        let mut p = LabProgress::default();
        assert!(!p.complete("a", 0, 2));
        assert!(p.complete("a", 1, 2));
        assert!(!p.complete("a", 1, 2));
        assert!(p.state("a").finished);
        let back = LabProgress::from_json(&p.to_json());
        assert_eq!(back, p);
        assert_eq!(LabProgress::from_json("{oops"), LabProgress::default());
        p.reset("a");
        assert_eq!(p.state("a"), LabState::default());
    }
}
