//! A learner's progress through the labs, saved beside the sandbox.

use super::observe::{Observation, Observations};
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
    /// What the learner looked at in the console during this lab (goals with `observed`).
    pub observed: Observations,
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

    /// Records that the learner saw `o`, in the lab under way; true when that is news (so the
    /// progress changed). Nothing is recorded when no lab is under way.
    pub fn observe(&mut self, o: Observation) -> bool {
        let Some(id) = self.current.clone() else {
            return false;
        };
        self.state_mut(&id).observed.record(o)
    }

    /// Whether the lab under way already has `o` (or no lab is under way: nothing to record).
    pub fn has_observed(&self, o: &Observation) -> bool {
        self.current
            .as_ref()
            .is_none_or(|id| self.labs.get(id).is_some_and(|s| s.observed.contains(o)))
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

    #[test]
    fn observations_go_to_the_lab_under_way_and_are_saved_with_it() {
        let o = Observation::new("streams.shards_viewed").with("stream", "s");
        let mut p = LabProgress::default();
        assert!(p.has_observed(&o), "no lab: nothing to record");
        assert!(!p.observe(o.clone()));
        assert_eq!(p, LabProgress::default());
        p.current = Some("a".into());
        assert!(!p.has_observed(&o));
        assert!(p.observe(o.clone()));
        assert!(!p.observe(o.clone()), "once");
        assert!(p.has_observed(&o));
        let back = LabProgress::from_json(&p.to_json());
        assert!(back.state("a").observed.contains(&o));
        // Progress saved before observations existed still loads.
        let old = r#"{"current":"a","labs":{"a":{"step":1,"done":[0],"answered":[0],"hints":{},"finished":false}}}"#;
        let old = LabProgress::from_json(old);
        assert_eq!(old.state("a").step, 1);
        assert!(old.state("a").observed.is_empty());
    }
}
