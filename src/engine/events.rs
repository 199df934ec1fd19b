//! The event log: every call and its outcome, like CloudTrail. Lab goals and the UI read it.

use super::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// Who made a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Caller {
    /// The learner: console pages, the CLI terminal, "Show me" in a lab.
    User,
    /// The Kinesis Data Generator sending records.
    Generator,
    /// A Firehose delivery stream acting on its own (reading a source stream, writing to S3).
    Firehose,
    /// CloudWatch Logs sending a subscription filter's log events on.
    Logs,
    /// Kinesis Video Streams delivering generated images to S3.
    Video,
    /// The sandbox's media producer sending a file to a video stream.
    Producer,
}

impl Caller {
    pub fn as_str(self) -> &'static str {
        match self {
            Caller::User => "User",
            Caller::Generator => "Generator",
            Caller::Firehose => "Firehose",
            Caller::Logs => "Logs",
            Caller::Video => "KinesisVideo",
            Caller::Producer => "Producer",
        }
    }
}

/// One call: when, by whom, which operation, and the error type if it failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: u64,
    pub time: SimTime,
    pub caller: Caller,
    pub target: String,
    /// `None` when the call succeeded, otherwise the AWS error type.
    pub error: Option<String>,
    /// The resource the call named (a stream, a delivery stream), when it named one.
    pub resource: Option<String>,
}

/// Recent events in full, and counts of every event ever made (which never trim).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EventLog {
    next_id: u64,
    recent: VecDeque<Event>,
    /// Keyed by `caller|target|outcome`, outcome being `ok` or the error type.
    counts: BTreeMap<String, u64>,
}

impl EventLog {
    /// How many events are kept in full; older ones live on only in the counts.
    pub const KEEP: usize = 1_000;

    pub fn record(
        &mut self,
        time: SimTime,
        caller: Caller,
        target: &str,
        resource: Option<String>,
        error: Option<String>,
    ) {
        let outcome = error.as_deref().unwrap_or("ok");
        *self
            .counts
            .entry(format!("{}|{}|{}", caller.as_str(), target, outcome))
            .or_insert(0) += 1;
        self.next_id += 1;
        if self.recent.len() == Self::KEEP {
            self.recent.pop_front();
        }
        self.recent.push_back(Event {
            id: self.next_id,
            time,
            caller,
            target: target.to_string(),
            error,
            resource,
        });
    }

    /// Events kept in full, oldest first.
    pub fn recent(&self) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator {
        self.recent.iter()
    }

    /// How many events there have been in all.
    pub fn total(&self) -> u64 {
        self.next_id
    }

    /// How many calls to `target` by `caller` (any caller if `None`) succeeded.
    pub fn successes(&self, caller: Option<Caller>, target: &str) -> u64 {
        self.count(caller, target, Some("ok"))
    }

    /// How many calls to `target` by `caller` ended with `outcome` (`"ok"` or an error type;
    /// any outcome if `None`).
    pub fn count(&self, caller: Option<Caller>, target: &str, outcome: Option<&str>) -> u64 {
        self.counts
            .iter()
            .filter(|(key, _)| {
                let mut parts = key.splitn(3, '|');
                let (c, t, o) = (parts.next(), parts.next(), parts.next());
                caller.is_none_or(|want| c == Some(want.as_str()))
                    && t == Some(target)
                    && outcome.is_none_or(|want| o == Some(want))
            })
            .map(|(_, n)| *n)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_outlive_the_recent_window() {
        let mut log = EventLog::default();
        for i in 0..(EventLog::KEEP + 5) {
            let err = (i % 2 == 1).then(|| "LimitExceededException".to_string());
            log.record(
                SimTime::DEFAULT_START,
                Caller::User,
                "Kinesis_20131202.ListStreams",
                None,
                err,
            );
        }
        log.record(
            SimTime::DEFAULT_START,
            Caller::Generator,
            "Kinesis_20131202.PutRecords",
            None,
            None,
        );
        assert_eq!(log.recent().len(), EventLog::KEEP);
        assert_eq!(log.total(), EventLog::KEEP as u64 + 6);
        assert_eq!(
            log.successes(Some(Caller::User), "Kinesis_20131202.ListStreams"),
            503
        );
        assert_eq!(log.count(None, "Kinesis_20131202.ListStreams", None), 1005);
        assert_eq!(log.successes(None, "Kinesis_20131202.PutRecords"), 1);
        assert_eq!(
            log.successes(Some(Caller::User), "Kinesis_20131202.PutRecords"),
            0
        );
        assert_eq!(log.recent().last().unwrap().id, log.total());
    }
}
