//! Create data stream as pure data: the name, the capacity mode, the shard count and the shard
//! calculator's figures, what they give (the estimate, the Total stream capacity), the
//! `CreateStream` request, and what the page shows that a lab may check (its observations).
//!
//! The page keeps one of these for the whole page session, so coming back to Create data
//! stream (a lab's page link, the browser's Back) shows what the learner last chose.

use super::{Form, Request};
use crate::engine::streams::{estimate_shards, stream_capacity, StreamCapacity};
use crate::labs::observe::{number, Observation, CAPACITY_VIEWED, SHARDS_ESTIMATED};
use serde_json::json;

/// What the learner typed and chose.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateStream {
    pub name: String,
    pub on_demand: bool,
    /// "Number of open shards", as typed.
    pub shards: String,
    /// The shard calculator: average record size (KB), records written per second, consumers.
    pub record_kb: String,
    pub records_per_sec: String,
    pub consumers: String,
    /// Whether "Estimate the number of shards you'll need" is open.
    pub calculator_open: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateStreamAction {
    Name(String),
    /// On-demand (true) or Provisioned (false).
    OnDemand(bool),
    Shards(String),
    RecordKb(String),
    RecordsPerSec(String),
    Consumers(String),
    CalculatorOpen(bool),
    /// "Use this value": the estimate into the shard count.
    UseEstimate,
}

impl Default for CreateStream {
    /// The console's defaults: On-demand, 1 shard, 1 consumer.
    fn default() -> Self {
        CreateStream {
            name: String::new(),
            on_demand: true,
            shards: "1".into(),
            record_kb: String::new(),
            records_per_sec: String::new(),
            consumers: "1".into(),
            calculator_open: false,
        }
    }
}

impl Form for CreateStream {
    type Action = CreateStreamAction;
    fn apply(&mut self, action: CreateStreamAction) {
        use CreateStreamAction as A;
        match action {
            A::Name(v) => self.name = v,
            A::OnDemand(on) => self.on_demand = on,
            A::Shards(v) => self.shards = v,
            A::RecordKb(v) => self.record_kb = v,
            A::RecordsPerSec(v) => self.records_per_sec = v,
            A::Consumers(v) => self.consumers = v,
            A::CalculatorOpen(open) => self.calculator_open = open,
            A::UseEstimate => {
                if let Some(n) = self.estimate() {
                    self.shards = n.to_string();
                }
            }
        }
    }
}

/// A number typed into a field, if it is one.
fn typed(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

impl CreateStream {
    /// The calculator's figures, when all three are numbers it takes.
    fn figures(&self) -> Option<(f64, f64, f64)> {
        match (
            typed(&self.record_kb),
            typed(&self.records_per_sec),
            typed(&self.consumers),
        ) {
            (Some(kb), Some(rps), Some(c))
                if (1.0..=1024.0).contains(&kb) && rps >= 0.0 && c >= 0.0 =>
            {
                Some((kb, rps, c))
            }
            _ => None,
        }
    }

    /// The shard calculator's estimate, when its figures are filled in.
    pub fn estimate(&self) -> Option<u32> {
        self.figures()
            .map(|(kb, rps, c)| estimate_shards(kb, rps, c as u32))
    }

    /// The record size is not a whole number of KB from 1 to 1024 (empty is fine).
    pub fn record_kb_invalid(&self) -> bool {
        !self.record_kb.is_empty()
            && !typed(&self.record_kb)
                .is_some_and(|kb| kb.fract() == 0.0 && (1.0..=1024.0).contains(&kb))
    }

    /// The shard count typed, when it is a whole number from 1.
    pub fn shard_count(&self) -> Option<u32> {
        typed(&self.shards)
            .filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32)
    }

    /// The Total stream capacity panel's figures.
    pub fn capacity(&self) -> Option<StreamCapacity> {
        self.shard_count().map(stream_capacity)
    }

    /// "Create data stream". A bad shard count is sent as typed, so that AWS's own validation
    /// speaks for it.
    pub fn request(&self) -> Request {
        let mut body = json!({ "StreamName": self.name });
        if self.on_demand {
            body["StreamModeDetails"] = json!({ "StreamMode": "ON_DEMAND" });
        } else {
            body["ShardCount"] = match self.shards.trim().parse::<i64>() {
                Ok(n) => json!(n),
                Err(_) => json!(self.shards.trim()),
            };
            body["StreamModeDetails"] = json!({ "StreamMode": "PROVISIONED" });
        }
        Request::new("Kinesis_20131202.CreateStream", body)
    }

    /// What the page shows that a lab may check: the Total stream capacity for the shards
    /// typed (Provisioned), and the calculator's estimate while it is open with its figures.
    pub fn observations(&self) -> Vec<Observation> {
        if self.on_demand {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let (true, Some((kb, rps, consumers)), Some(estimate)) =
            (self.calculator_open, self.figures(), self.estimate())
        {
            out.push(
                Observation::new(SHARDS_ESTIMATED)
                    .with("record_kb", number(kb))
                    .with("records_per_second", number(rps))
                    .with("consumers", number(consumers))
                    .with("estimate", estimate),
            );
        }
        if let Some(shards) = self.shard_count() {
            out.push(
                Observation::new(CAPACITY_VIEWED)
                    .with("mode", "PROVISIONED")
                    .with("shards", shards)
                    .with("page", "create"),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Sandbox, SandboxConfig};
    use CreateStreamAction as A;

    #[test]
    fn the_calculator_and_the_capacity_follow_the_figures() {
        let mut f = CreateStream::default();
        assert!(f.on_demand);
        assert_eq!(f.estimate(), None);
        f.apply(A::OnDemand(false));
        f.apply(A::RecordKb("5".into()));
        f.apply(A::RecordsPerSec("1000".into()));
        f.apply(A::Consumers("3".into()));
        assert_eq!(f.estimate(), Some(8));
        f.apply(A::UseEstimate);
        assert_eq!(f.shards, "8");
        assert_eq!(f.capacity().unwrap().write_records_per_sec, 8000);
        f.apply(A::RecordKb("2.5".into()));
        assert!(f.record_kb_invalid());
        f.apply(A::Shards("0".into()));
        assert_eq!(f.capacity(), None);
    }

    #[test]
    fn the_request_is_the_consoles_and_aws_judges_a_bad_count() {
        let mut sb = Sandbox::new(SandboxConfig::default());
        let mut f = CreateStream::default();
        f.apply(A::Name("machinelearning".into()));
        assert_eq!(
            f.request().body,
            json!({"StreamName": "machinelearning", "StreamModeDetails": {"StreamMode": "ON_DEMAND"}})
        );
        f.apply(A::OnDemand(false));
        f.apply(A::Shards("2".into()));
        let r = f.request();
        assert_eq!(r.body["ShardCount"], 2);
        sb.call(r.target, r.body).unwrap();
        f.apply(A::Name("other".into()));
        f.apply(A::Shards("two".into()));
        let r = f.request();
        assert_eq!(r.body["ShardCount"], "two");
        assert!(sb.call(r.target, r.body).is_err());
    }

    #[test]
    fn what_the_page_shows_is_observed_for_the_labs() {
        let mut f = CreateStream::default();
        assert_eq!(f.observations(), vec![], "On-demand shows no shard figures");
        f.apply(A::OnDemand(false));
        assert_eq!(
            f.observations(),
            vec![Observation::new(CAPACITY_VIEWED)
                .with("mode", "PROVISIONED")
                .with("shards", 1)
                .with("page", "create")]
        );
        f.apply(A::RecordKb("1".into()));
        f.apply(A::RecordsPerSec("1500".into()));
        assert_eq!(f.observations().len(), 1, "the calculator is closed");
        f.apply(A::CalculatorOpen(true));
        let seen = f.observations();
        assert_eq!(
            seen[0],
            Observation::new(SHARDS_ESTIMATED)
                .with("record_kb", 1)
                .with("records_per_second", 1500)
                .with("consumers", 1)
                .with("estimate", 2)
        );
        f.apply(A::Shards("2".into()));
        assert_eq!(f.observations()[1].facts["shards"], 2);
    }
}
